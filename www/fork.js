// What if…: branch the story at the current step with one more event, then compare both futures
// step by step. The core makes the fork and finds the differences; this only shows them.
import { h, fill } from "./dom.js";
import { qualified } from "./fleet.js";
import { renderChart, moveChartCursor } from "./chart.js";

let fork = null; // { playground, from, description }

export function closeFork() {
  fork?.playground.free();
  fork = null;
}

/** Above this many services the service is typed, not picked from a list of thousands. */
const SERVICE_OPTIONS_LIMIT = 200;

/** The form on screen: kept while its options stay the same, so a step costs nothing here and
 * the user's choices stay while they step; `onBranch` is the current step's. */
let shown = null; // { el, form, options, onBranch }

/** The form's options from the current step (its services and released versions). */
function renderForm(el, step, onBranch) {
  const typed = step.paged || step.services.length > SERVICE_OPTIONS_LIMIT;
  const options = [typed ? "" : step.services.map((s) => qualified(s.name, s.cluster)).join("\n"),
    step.versions.filter((v) => v.family === "LINUX").map((v) => v.version).join(" ")].join("\n\n");
  if (shown?.el === el && shown.options === options && shown.form.parentNode === el && el.childNodes.length === 1) {
    shown.onBranch = onBranch;
    return;
  }
  const kind = h("select", { id: "fork-kind", "data-testid": "fork-kind" },
    h("option", { value: "move-latest" }, "LATEST moves now to…"),
    h("option", { value: "pin" }, "this service is pinned to…"),
    h("option", { value: "redeploy" }, "this service gets a new deployment"));
  const service = typed
    ? h("input", { id: "fork-service", "data-testid": "fork-service", type: "text", size: 16, spellcheck: "false", placeholder: step.services[0] ? qualified(step.services[0].name, step.services[0].cluster) : "cluster/service" })
    : h("select", { id: "fork-service", "data-testid": "fork-service" }, step.services.map((s) => h("option", { value: qualified(s.name, s.cluster) }, qualified(s.name, s.cluster))));
  const version = h("select", { id: "fork-version", "data-testid": "fork-version" },
    step.versions.filter((v) => v.family === "LINUX").map((v) => h("option", { value: v.version }, v.version)));
  const serviceLabel = h("label", { for: "fork-service" }, "Service");
  const versionLabel = h("label", { for: "fork-version" }, "Version");
  const sync = () => {
    serviceLabel.hidden = service.hidden = kind.value === "move-latest";
    versionLabel.hidden = version.hidden = kind.value === "redeploy";
  };
  kind.addEventListener("change", sync);
  const form = h("form", { class: "fork-form", "data-testid": "fork-form" },
    h("label", { for: "fork-kind" }, "What if, right after this step,"), kind, serviceLabel, service, versionLabel, version,
    h("button", { type: "submit", "data-testid": "fork-branch" }, "Branch here"));
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    // `prod/web` names a service of cluster prod; a bare name is in the default cluster.
    const [cluster, name] = service.value.includes("/") ? service.value.split("/", 2) : [undefined, service.value];
    const target = cluster ? { cluster, service: name } : { service: name };
    const event = {
      "move-latest": { do: "move-latest", to: version.value },
      pin: { do: "update-service", ...target, platformVersion: version.value },
      redeploy: { do: "update-service", ...target, forceNewDeployment: true },
    }[kind.value];
    const description = {
      "move-latest": `LATEST moves to ${version.value}`,
      pin: `${service.value} is pinned to ${version.value}`,
      redeploy: `${service.value} gets a new deployment`,
    }[kind.value];
    shown.onBranch(event, description);
  });
  sync();
  fill(el, form);
  shown = { el, form, options, onBranch };
}

/**
 * Renders the what-if panel for step `index`. `app` has `playground`, `whenCore(action)` (runs it
 * once the simulator has loaded), `go(i)` and `error(e)` (shows a core error). Branching stays on
 * this step and shows the branch: the what-if story's extra step, right after it, and how the two
 * stories differ there.
 */
export function renderFork(el, index, step, app) {
  if (!fork) {
    renderForm(el, step, (event, description) => app.whenCore(() => {
      try {
        fork = { playground: app.playground.fork(index, event), from: index, description };
      } catch (error) {
        if (!error?.code) throw error;
        app.error(error);
        return;
      }
      app.go(index, "replace");
    }));
    return;
  }
  const close = h("button", { type: "button", "data-testid": "fork-close", onclick: () => { closeFork(); app.go(index, "replace"); } }, "Close the fork");
  const head = h("p", { class: "fork-head" }, h("strong", {}, `Fork after step ${fork.from + 1}: `), `what if ${fork.description}?`, " ", close);
  if (index < fork.from) {
    fill(el, head, h("p", { class: "hint" }, `Both stories are the same up to step ${fork.from + 1}; step forward to compare them.`));
    return;
  }
  // The what-if story has one more step, right after the branch point.
  const forkIndex = index + 1;
  const differences = app.playground.compare(index, fork.playground, forkIndex);
  const forkStep = fork.playground.view(forkIndex);
  const where = index === fork.from ? `The branch, right after step ${index + 1}` : `Step ${index + 1}`;
  fill(
    el,
    head,
    index === fork.from
      ? h("p", { "data-testid": "fork-branch-step" }, h("strong", {}, "In the what-if story, right after this step: "), forkStep.explanation)
      : h("p", { class: "hint" }, "In the what-if story, this step: ", forkStep.explanation),
    differences.length
      ? h("table", { class: "fork-table", "data-testid": "fork-differences" },
          h("caption", {}, `${where}: how the two stories differ`),
          h("thead", {}, h("tr", {}, h("th", { scope: "col" }, ""), h("th", { scope: "col" }, "As it happened"), h("th", { scope: "col" }, "What if"))),
          h("tbody", {}, differences.map((d) => h("tr", {}, h("th", { scope: "row" }, d.what), h("td", {}, d.original ?? "—"), h("td", { class: "changed" }, d.fork ?? "—")))))
      : h("p", { "data-testid": "fork-same" }, `${where}: both stories look the same.`),
    forkChart(app, forkIndex),
  );
}

/** The what-if story's own chart (drawn once per fork), its branch marked, its cursor here; a
 * mark opens the step of the story as it happened that it follows. */
function forkChart(app, forkIndex) {
  if (!fork.chart) {
    fork.chart = h("div", { class: "fork-chart" });
    const chart = fork.playground.chart();
    renderChart(fork.chart, chart, {
      current: forkIndex,
      branch: fork.from + 1,
      label: "Chart of the what-if story",
      testid: "fork-chart",
      onPick: (i) => app.go(i > fork.from ? i - 1 : i),
    });
  } else moveChartCursor(fork.chart, forkIndex);
  return h("div", {}, h("h3", {}, "The what-if story at a glance"), fork.chart);
}
