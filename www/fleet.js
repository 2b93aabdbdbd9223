// The fleet: each service with what describe-services shows next to what its deployment and tasks
// run, its deployments and its tasks (chips coloured by version, marked with their revision);
// standalone tasks; EKS pods. The step's changes are highlighted.
import { h, fill, shortDate } from "./dom.js";
import { versionClass } from "./versions.js";
import { virtualList } from "./virtual.js";

/** Above this many tasks a group is drawn as counts, not one chip per task. */
const CHIP_LIMIT = 120;

/** Above this many services (an imported fleet) each is one line of a virtualised list. */
const SERVICE_CARD_LIMIT = 40;

/** One line per service: what it asks for, what it runs, its counts; built only when in view. */
function serviceLine(step, s, resolveNow) {
  const primary = s.deployments[0];
  const now = resolveNow(s);
  const behind = now.outcome === "resolved" && now.version !== primary.platformVersion;
  const groups = s.counts ?? counts(s.tasks ?? []);
  return h("div", { class: "service-line", "data-testid": `service-${s.name}` },
    h("p", {}, h("strong", {}, s.name), s.cluster ? h("span", { class: "tag" }, s.cluster) : null,
      s.family === "WINDOWS" ? h("span", { class: "tag" }, "Windows") : null,
      ` asks for ${s.platformVersion}`,
      behind ? h("span", { class: "ghost-inline" }, ` · ${s.requested} means ${now.version} now`) : null),
    h("p", { class: "chips counted" }, "runs ",
      h("span", { class: `pin-value ${versionClass(step, s.family, primary.platformVersion)}` }, primary.platformVersion),
      ` · ${s.runningCount} of ${s.desiredCount} running `,
      groups.map((g) => h("span", { class: `chip ${versionClass(step, s.family, g.platformVersion)}` }, `${g.platformVersion} r${g.revision} × ${g.count}`))));
}

function chip(step, family, row, state) {
  const label = [
    h("span", { class: "chip-id" }, row.id),
    h("span", { class: "chip-version" }, row.platformVersion),
    h("span", { class: "chip-revision" }, `r${row.revision}`),
    state === "stopped" ? h("span", { class: "visually-hidden" }, " (stopped in this step)") : null,
    state === "started" ? h("span", { class: "visually-hidden" }, " (started in this step)") : null,
  ];
  const stamp = row.resolvedOn ? `; its version was resolved ${shortDate(row.resolvedOn)}` : "";
  const title = `${row.id}: ${row.platformVersion}, patch revision ${row.revision}${row.startedAt ? `, started ${shortDate(row.startedAt)}` : ""}${stamp}`;
  const classes = `chip ${versionClass(step, family, row.platformVersion)}${state ? ` ${state}` : ""}`;
  // Running tasks can be asked "why this version?"; stopped ones are only shown.
  return h(
    "li",
    { class: classes, "data-testid": `task-${row.id}`, title },
    state === "stopped"
      ? label
      : h("button", { type: "button", class: "chip-button", "data-task": row.id, "data-family": family }, label, h("span", { class: "visually-hidden" }, " — why this version?")),
  );
}

function counts(rows) {
  const groups = new Map();
  for (const r of rows) {
    const key = `${r.platformVersion} r${r.revision}`;
    groups.set(key, { ...r, count: (groups.get(key)?.count ?? 0) + 1 });
  }
  return [...groups.values()];
}

/** Running rows as chips (or counts for big groups), then the rows stopped in this step. */
/** Chips for `rows`, or counts when there are many or only the summary's `counted` groups. */
function taskList(step, family, rows, stopped, started, label, counted) {
  if (!rows || rows.length > CHIP_LIMIT) {
    return h(
      "ul",
      { class: "chips counted", "aria-label": label },
      (rows ? counts(rows) : counted).map((g) =>
        h("li", { class: `chip ${versionClass(step, family, g.platformVersion)}` }, `${g.platformVersion} r${g.revision} × ${g.count}`),
      ),
    );
  }
  return h(
    "ul",
    { class: "chips", "aria-label": label },
    rows.map((row) => chip(step, family, row, started.has(row.id) ? "started" : null)),
    stopped.length <= CHIP_LIMIT ? stopped.map((row) => chip(step, family, row, "stopped")) : null,
  );
}

function stoppedRows(step, predicate) {
  return step.changes
    .filter((c) => (c.kind === "task-stopped" || c.kind === "pod-stopped") && (c.task ?? c.pod) && predicate(c))
    .map((c) => ({ id: c.task ?? c.pod, platformVersion: c.platformVersion, revision: c.revision }));
}

/**
 * `resolveNow(service)` is the core's resolution of the service's request at this step: the
 * "ghost" of what a new deployment would get, beside what the service keeps.
 */
export function renderFleet(el, step, selected, resolveNow) {
  const started = new Set(step.changes.filter((c) => c.kind === "task-started" || c.kind === "pod-started").map((c) => c.task ?? c.pod));
  const failed = step.changes.filter((c) => c.kind === "placement-failed");
  const deleted = step.changes.filter((c) => c.kind === "service-deleted").map((c) => c.service);
  if (step.services.length > SERVICE_CARD_LIMIT) {
    const list = h("div", { class: "service-list" });
    virtualList(list, {
      count: step.services.length,
      rowHeight: 64,
      label: `${step.services.length} services, one line each`,
      testid: "service-list",
      renderRow: (i) => serviceLine(step, step.services[i], resolveNow),
    });
    return finishFleet(el, step, [h("p", { class: "hint" }, `${step.services.length} services: scroll the list (or focus it and use the arrow keys).`), list], started, deleted, selected);
  }
  const parts = step.services.map((s) => {
    const primary = s.deployments[0];
    const now = resolveNow(s);
    const behind = now.outcome === "resolved" && now.version !== primary.platformVersion;
    const refused = now.outcome === "rejected";
    return h(
      "article",
      { class: "service", "data-testid": `service-${s.name}`, "aria-label": `Service ${s.name}` },
      h("h3", {}, s.name, s.cluster ? h("span", { class: "tag", title: "ECS cluster" }, s.cluster) : null, s.family === "WINDOWS" ? h("span", { class: "tag" }, "Windows") : null,
        s.deploymentController === "CODE_DEPLOY" ? h("span", { class: "tag" }, "CODE_DEPLOY") : null),
      h(
        "div",
        { class: "pin" },
        h("p", { class: "shown" }, h("span", { class: "pin-label" }, "describe-services says "), h("span", { class: "pin-value", "data-testid": `shown-${s.name}` }, s.platformVersion)),
        h("span", { class: "arrow", "aria-hidden": "true" }, s.platformVersion === primary.platformVersion ? "=" : "≠"),
        h(
          "p",
          { class: `resolved ${versionClass(step, s.family, primary.platformVersion)}` },
          h("span", { class: "pin-label" }, `deployment ${primary.id} (resolved ${shortDate(primary.createdAt)}) runs `),
          h("span", { class: "pin-value", "data-testid": `resolved-${s.name}` }, primary.platformVersion),
        ),
      ),
      behind
        ? h("p", { class: "ghost", "data-testid": `ghost-${s.name}` },
            `${s.requested} means ${now.version} now; this service keeps ${primary.platformVersion} until its next deployment.`)
        : null,
      refused
        ? h("p", { class: "ghost", "data-testid": `ghost-${s.name}` },
            `Asked now, ${s.requested} would be refused (${now.code}: ${now.message}); a new deployment must name another version.`)
        : null,
      behind && s.platformVersion === "LATEST"
        ? h("p", { class: "compliance", "data-testid": `compliance-${s.name}` },
            `Compliance checks read the service's string: AWS Config's ecs-fargate-latest-platform-version rule and Security Hub control ECS.10 pass ${s.name} because it says LATEST, while its tasks run ${primary.platformVersion}.`)
        : null,
      h("p", { class: "counts" }, `desired ${s.desiredCount} · running ${s.runningCount}`),
      failed
        .filter((f) => f.service === s.name)
        .map((f) => h("p", { class: "failed", role: "note" }, `${f.count} task${f.count === 1 ? "" : "s"} could not start: ${f.reason}.`)),
      taskList(step, s.family, s.tasks?.map((t) => ({ ...t, resolvedOn: primary.createdAt })), stoppedRows(step, (c) => c.service === s.name), started, `Tasks of ${s.name}`, s.counts),
      h(
        "details",
        { class: "deployments" },
        h("summary", {}, `Deployments (${s.deployments.length})`),
        h(
          "ul",
          {},
          s.deployments.map((d) => h("li", {}, `${d.id} ${d.status} on ${d.platformVersion}, created ${shortDate(d.createdAt)}`)),
        ),
      ),
    );
  });
  finishFleet(el, step, parts, started, deleted, selected);
}

/** Deleted services, standalone tasks and EKS clusters after the services, then the fill. */
function finishFleet(el, step, parts, started, deleted, selected) {
  for (const name of deleted) {
    parts.push(h("article", { class: "service deleted", "data-testid": `service-${name}` }, h("h3", {}, name, " (deleted in this step)"),
      taskList(step, "LINUX", [], stoppedRows(step, (c) => c.service === name), started, `Stopped tasks of ${name}`)));
  }
  const standaloneStopped = stoppedRows(step, (c) => c.kind === "task-stopped" && !c.service);
  if (step.tasks?.length || step.standaloneCounts?.length || standaloneStopped.length) {
    parts.push(
      h("article", { class: "service standalone", "data-testid": "standalone" }, h("h3", {}, "Standalone tasks (run-task)"),
        taskList(step, "LINUX", step.tasks?.map((t) => ({ ...t, resolvedOn: t.startedAt })), standaloneStopped, started, "Standalone tasks", step.standaloneCounts)),
    );
  }
  for (const c of step.clusters) {
    parts.push(
      h(
        "article",
        { class: "service cluster", "data-testid": `cluster-${c.name}` },
        h("h3", {}, `EKS cluster ${c.name}`),
        h("p", { class: "counts" }, `Fargate pods run ${c.fargateVersion} (chosen by EKS; no LATEST)`),
        taskList(step, "EKS", c.pods, stoppedRows(step, (x) => x.kind === "pod-stopped" && x.cluster === c.name), started, `Pods of ${c.name}`, c.podCounts),
      ),
    );
  }
  if (parts.length === 0) parts.push(h("p", { class: "empty" }, "Nothing runs yet."));
  fill(el, parts);
  el.querySelector(`button[data-task="${CSS.escape(selected ?? "")}"]`)?.setAttribute("aria-pressed", "true");
}
