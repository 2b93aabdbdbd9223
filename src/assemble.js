// The binding's assemblers (imported by src/wasm.rs). `assembleTrace` rebuilds the trace of
// docs/format.md from the shared trace the core writes (src/view/shared.rs); `assembleView`
// rebuilds a page view (and `assembleLines` a paged view's lines) whose unchanged services the
// core named by number (src/view/page.rs). Each step carries only what changed; a number
// names an object of its kind sent before, in the order they were sent; a part a step leaves out is
// the previous step's. So objects that did not change are the same object in every step that has
// them, and every such shared object (and each step) is frozen: a caller can compare steps by
// identity and cannot change one step by editing another. It decides nothing; it only rebuilds.

const freeze = Object.freeze;

// A reader of one kind of object: a number is the one sent before, an object is built and kept.
function kind(build) {
  const sent = [];
  return (item) => {
    if (typeof item === "number") return sent[item];
    const object = build(item);
    sent.push(object);
    return object;
  };
}

export function assembleTrace(text) {
  const shared = JSON.parse(text);
  const deployment = kind(freeze);
  const task = kind(freeze);
  const standalone = kind(freeze);
  const pod = kind(freeze);
  const service = kind((s) => {
    freeze(s.requires);
    s.deployments = freeze(s.deployments.map(deployment));
    s.tasks = freeze(s.tasks.map(task));
    return freeze(s);
  });
  const cluster = kind((c) => {
    c.pods = freeze(c.pods.map(pod));
    return freeze(c);
  });
  let latest;
  let versions;
  let services = freeze([]);
  let tasks = freeze([]);
  let clusters = freeze([]);
  const steps = shared.steps.map((s) => {
    if (s.latest) latest = freeze(s.latest);
    if (s.versions) versions = freeze(s.versions.map((v) => (freeze(v.features), freeze(v))));
    if (s.services) services = freeze(s.services.map(service));
    if (s.tasks) tasks = freeze(s.tasks.map(standalone));
    if (s.clusters) clusters = freeze(s.clusters.map(cluster));
    return freeze({
      index: s.index, at: s.at, event: s.event, outcome: s.outcome, error: s.error, explanation: s.explanation,
      latest, versions, services, tasks, clusters, changes: s.changes, warnings: s.warnings,
    });
  });
  return freeze({ format: "fargate-pv-trace/1", title: shared.title, steps: freeze(steps) });
}

// Freezes `value` and everything in it: a kept service is shared by every later view.
function deepFreeze(value) {
  if (value !== null && typeof value === "object" && !Object.isFrozen(value)) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    freeze(value);
  }
  return value;
}

// A service of a view is a number (kept before), `[service]` (keep it as the next number) or a
// service for this view only. `kept` belongs to one Playground handle, as the core's numbers do.
export function assembleView(text, kept) {
  const view = JSON.parse(text);
  view.services = services(view.services, kept);
  return view;
}

/** The lines of a paged view's services, read like a view's services. */
export function assembleLines(text, kept) {
  return services(JSON.parse(text), kept);
}

function services(items, kept) {
  return items.map((item) => {
    if (typeof item === "number") return kept[item];
    if (Array.isArray(item)) {
      kept.push(deepFreeze(item[0]));
      return item[0];
    }
    return item;
  });
}
