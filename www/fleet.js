// The fleet: each service with what describe-services shows next to what its deployment runs,
// its deployments and tasks (chips coloured by version, marked with their revision); standalone
// tasks; EKS pods. Drawn from the core's page view as it is: the core grouped, matched the step's
// changes to their owners and resolved each request; this only lays them out.
import { h, fill, shortDate } from "./dom.js";
import { versionClass } from "./versions.js";
import { virtualList } from "./virtual.js";

/** Above this many tasks a group is drawn as counts, not one chip per task. */
const CHIP_LIMIT = 120;

/** Above this many services (an imported fleet) each is one line of a virtualised list. */
const SERVICE_CARD_LIMIT = 40;

/** `web` in the default cluster, `prod/web` in another: how services and tasks are named here. */
export const qualified = (name, cluster) => (cluster ? `${cluster}/${name}` : name);

/** What the service's request means now (`now`, the core's answer), beside what it runs. */
function relation(s, now) {
  if (s.platformVersion === s.primaryVersion) return { sign: "=", agrees: true };
  if (now.outcome === "resolved" && now.version === s.primaryVersion && !s.requestedUnknown) {
    return { sign: "=", agrees: true, means: `${s.requested} means ${now.version} now` };
  }
  return { sign: "≠", agrees: false };
}

function countChips(family, counts, label) {
  return h("ul", { class: "chips counted", "aria-label": label },
    counts.map((g) => h("li", { class: `chip ${versionClass(family, g.platformVersion)}` }, `${g.platformVersion} r${g.revision} × ${g.count}`)));
}

/**
 * Lines already built, by service: the core's views hand out the same frozen object for a service
 * that did not change, so a step rebuilds only the lines of services it changed (or whose request
 * now means another version).
 */
const lines = new WeakMap();

function keptLine(s, now) {
  const line = lines.get(s);
  if (line && line.outcome === now.outcome && line.version === now.version) return line.row;
  const row = serviceLine(s, now);
  lines.set(s, { outcome: now.outcome, version: now.version, row });
  return row;
}

/** One line per service: what it asks for, what it runs, its counts; built only when in view. */
function serviceLine(s, now) {
  const behind = now.outcome === "resolved" && now.version !== s.primaryVersion;
  return h("div", { class: "service-line", "data-testid": `service-${qualified(s.name, s.cluster)}` },
    h("p", {}, h("strong", {}, s.name), s.cluster ? h("span", { class: "tag" }, s.cluster) : null,
      s.family === "WINDOWS" ? h("span", { class: "tag" }, "Windows") : null,
      ` asks for ${s.requestedUnknown ? "? (unknown)" : s.platformVersion}`,
      behind ? h("span", { class: "ghost-inline" }, ` · ${s.requested} means ${now.version} now`) : null),
    // On a narrow screen the words give way (an ellipsis), not the chips with the counts.
    h("p", { class: "chips counted" }, h("span", { class: "line-runs" }, "runs ",
      h("span", { class: `pin-value ${versionClass(s.family, s.primaryVersion)}` }, s.primaryVersion),
      ` · ${s.runningCount} of ${s.desiredCount} running `),
      s.counts.map((g) => h("span", { class: `chip ${versionClass(s.family, g.platformVersion)}` }, `${g.platformVersion} r${g.revision} × ${g.count}`))));
}

/** A task or pod chip; running ones are buttons that ask "why this version?". */
function chip(row, owner, state) {
  const label = [
    h("span", { class: "chip-id" }, row.id),
    h("span", { class: "chip-version" }, row.platformVersion),
    h("span", { class: "chip-revision" }, `r${row.revision}`),
    state === "stopped" ? h("span", { class: "visually-hidden" }, " (stopped in this step)") : null,
    row.started ? h("span", { class: "visually-hidden" }, " (started in this step)") : null,
  ];
  const stamp = row.resolvedOn ? `; its version was resolved ${shortDate(row.resolvedOn)}` : "";
  const title = `${row.id}: ${row.platformVersion}, patch revision ${row.revision}${row.startedAt ? `, started ${shortDate(row.startedAt)}` : ""}${stamp}`;
  const classes = `chip ${versionClass(row.family, row.platformVersion)}${state ? ` ${state}` : ""}${row.started ? " started" : ""}`;
  return h(
    "li",
    { class: classes, "data-testid": `task-${qualified(row.id, owner)}`, title },
    state === "stopped"
      ? label
      : h("button", { type: "button", class: "chip-button", "data-task": row.id, "data-cluster": owner ?? "default" }, label, h("span", { class: "visually-hidden" }, " — why this version?")),
  );
}

/** Chips for running rows (or counts when there are many or no rows), then the stopped ones. */
function taskList(group, owner, family, label) {
  const { rows, counts, stopped = [] } = group;
  if (!rows || rows.length > CHIP_LIMIT) return countChips(family, counts, label);
  return h(
    "ul",
    { class: "chips", "aria-label": label },
    rows.map((row) => chip(row, owner)),
    stopped.length <= CHIP_LIMIT ? stopped.map((row) => chip(row, owner, "stopped")) : null,
  );
}

function serviceCard(s, now) {
  const primary = s.deployments[0];
  const key = qualified(s.name, s.cluster);
  const { sign, agrees, means } = relation(s, now);
  const behind = now.outcome === "resolved" && now.version !== s.primaryVersion;
  return h(
    "article",
    { class: "service", "data-testid": `service-${key}`, "aria-label": `Service ${key}` },
    h("h3", {}, s.name, s.cluster ? h("span", { class: "tag", title: "ECS cluster" }, s.cluster) : null, s.family === "WINDOWS" ? h("span", { class: "tag" }, "Windows") : null,
      s.deploymentController === "CODE_DEPLOY" ? h("span", { class: "tag", title: "Blue/green: redeployed by CodeDeploy deployments" }, "CODE_DEPLOY") : null),
    h(
      "div",
      { class: "pin" },
      h("p", { class: "shown" }, h("span", { class: "pin-label" }, "describe-services says "),
        h("span", { class: "pin-value", "data-testid": `shown-${key}` }, s.requestedUnknown ? "unknown" : s.platformVersion)),
      h("span", { class: "arrow", "data-testid": `relation-${key}`, title: agrees ? "the same version" : "not the same thing" }, sign),
      h(
        "p",
        { class: `resolved ${versionClass(s.family, s.primaryVersion)}` },
        h("span", { class: "pin-label" }, `deployment ${primary.id} (resolved ${shortDate(primary.createdAt)}) runs `),
        h("span", { class: "pin-value", "data-testid": `resolved-${key}` }, s.primaryVersion),
      ),
    ),
    means ? h("p", { class: "counts", "data-testid": `means-${key}` }, `${means}: what the service asks for and what it runs agree.`) : null,
    s.requestedUnknown
      ? h("p", { class: "ghost", "data-testid": `unknown-${key}` }, "Only its tasks were in your output (describe-tasks), so what it asks for is unknown; the playground treats it as pinned to the version it runs.")
      : null,
    s.deploymentController === "CODE_DEPLOY"
      ? h("p", { class: "counts", "data-testid": `reported-${key}` }, "With CODE_DEPLOY, describe-services shows the resolved version, as users report (AWS does not document it).")
      : null,
    behind && !s.requestedUnknown
      ? h("p", { class: "ghost", "data-testid": `ghost-${key}` },
          `${s.requested} means ${now.version} now; this service keeps ${s.primaryVersion} until its next deployment.`)
      : null,
    now.outcome === "rejected"
      ? h("p", { class: "ghost", "data-testid": `ghost-${key}` },
          `Asked now, ${s.requested} would be refused (${now.code}: ${now.message}); a new deployment must name another version.`)
      : null,
    behind && s.platformVersion === "LATEST"
      ? h("p", { class: "compliance", "data-testid": `compliance-${key}` },
          `Compliance checks read the service's string: AWS Config's ecs-fargate-latest-platform-version rule and Security Hub control ECS.10 pass ${s.name} because it says LATEST, while its tasks run ${s.primaryVersion}.`)
      : null,
    h("p", { class: "counts" }, `desired ${s.desiredCount} · running ${s.runningCount}`),
    s.failed.map((f) => h("p", { class: "failed", role: "note" }, `${f.count} task${f.count === 1 ? "" : "s"} could not start: ${f.reason}.`)),
    taskList({ rows: s.tasks?.map((t) => ({ ...t, resolvedOn: primary.createdAt })), counts: s.counts, stopped: s.stopped }, s.cluster, s.family, `Tasks of ${key}`),
    h(
      "details",
      { class: "deployments" },
      h("summary", {}, `Deployments (${s.deployments.length})`),
      h("ul", {}, s.deployments.map((d) => h("li", {}, `${d.id} ${d.status} on ${d.platformVersion}, created ${shortDate(d.createdAt)}`))),
    ),
  );
}

/** The service list of a fleet panel, kept across steps so the user's scroll position stays. */
const kept = new WeakMap();

/**
 * The services of `view` by index: its own, or for a paged fleet (thousands of services) the lines
 * `lines(indices)` gives, asked for as the list shows them and kept for this step.
 */
function servicesOf(view, lines) {
  if (!view.paged) return { count: view.services.length, get: (i) => view.services[i] };
  const got = new Map();
  const load = (first, last) => {
    const missing = [];
    for (let i = first; i < last; i++) if (!got.has(i)) missing.push(i);
    if (missing.length) lines(missing).forEach((s, k) => got.set(missing[k], s));
  };
  return { count: view.serviceCount, load, get: (i) => (load(i, i + 1), got.get(i)) };
}

/** Draws the fleet of `view` (the core's page view) into `el`; marks the selected task. `lines`
 * gives a paged fleet's service lines by index. */
export function renderFleet(el, view, selected, lines) {
  const askedNow = (s) => view.requests[s.request].askedNow;
  const rest = [];
  for (const d of view.deleted) {
    const key = qualified(d.name, d.cluster);
    rest.push(h("article", { class: "service deleted", "data-testid": `service-${key}` }, h("h3", {}, d.name, " (deleted in this step)"),
      h("ul", { class: "chips", "aria-label": `Stopped tasks of ${key}` }, d.stopped.map((row) => chip(row, d.cluster, "stopped")))));
  }
  const standalone = view.standalone;
  if (standalone.counts.length || standalone.stopped.length) {
    rest.push(h("article", { class: "service standalone", "data-testid": "standalone" }, h("h3", {}, "Standalone tasks (run-task)"),
      standaloneList(standalone)));
  }
  for (const c of view.clusters) {
    rest.push(h(
      "article",
      { class: "service cluster", "data-testid": `cluster-${c.name}` },
      h("h3", {}, `EKS cluster ${c.name}`),
      h("p", { class: "counts" }, `Fargate pods run ${c.fargateVersion} (EKS chose it; no LATEST).`),
      h("p", { class: "hint", "data-testid": `teaching-view-${c.name}` }, "A teaching view: EKS does not show the Fargate platform version. Its users see the cluster's EKS platform version (eks.N)."),
      taskList(c, c.name, "LINUX", `Pods of ${c.name}`),
    ));
  }
  const services = servicesOf(view, lines);
  const count = services.count;
  if (count > SERVICE_CARD_LIMIT) {
    // Thousands of services: one line each in a virtualised list, redrawn in place each step.
    const rows = {
      count,
      label: `${count} services, one line each`,
      load: services.load,
      renderRow: (i) => {
        const s = services.get(i);
        // No line when the step is no longer on screen (a scroll after the story changed).
        return s ? keptLine(s, askedNow(s)) : h("div", { class: "service-line" });
      },
    };
    const hintText = `${count} services: scroll the list (or focus it and use the arrow keys).`;
    let list = kept.get(el);
    if (list && list.block.parentNode === el) {
      list.hint.textContent = hintText;
      list.scroller.update(rows);
      fill(list.rest, rest);
    } else {
      const box = h("div", { class: "service-list" });
      const scroller = virtualList(box, { ...rows, rowHeight: 64, testid: "service-list" });
      list = { hint: h("p", { class: "hint" }, hintText), scroller, rest: h("div", {}, rest) };
      list.block = h("div", {}, list.hint, box);
      fill(el, list.block, list.rest);
      kept.set(el, list);
    }
  } else {
    const parts = [...view.services.map((s) => serviceCard(s, askedNow(s))), ...rest];
    if (parts.length === 0) parts.push(h("p", { class: "empty" }, "Nothing runs yet."));
    fill(el, parts);
  }
  if (selected) {
    el.querySelector(`button[data-task="${CSS.escape(selected.id)}"][data-cluster="${CSS.escape(selected.cluster)}"]`)?.setAttribute("aria-pressed", "true");
  }
}

/** Standalone tasks live in ECS clusters too: each row is keyed by its own. */
function standaloneList(group) {
  if (!group.rows || group.rows.length > CHIP_LIMIT) return countChips("LINUX", group.counts, "Standalone tasks");
  return h("ul", { class: "chips", "aria-label": "Standalone tasks" },
    group.rows.map((row) => chip({ ...row, resolvedOn: row.startedAt }, row.cluster)),
    group.stopped.map((row) => chip(row, row.cluster, "stopped")));
}
