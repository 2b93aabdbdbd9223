// latest-playground's page: loads the simulator (WebAssembly), keeps one state object, and draws
// the step the core computed (its page view). The JS never decides a version; it only shows what
// the core returned.
import init, { Playground, builtinScenarios, awsCommand, lifecycleStates } from "./pkg/latest_playground.js";
import { h, fill, download } from "./dom.js";
import { encodeLink, decodeLink, fitsInLink } from "./share.js";
import { renderMarkers, markerKeys } from "./timeline.js";
import { renderWhy } from "./explain.js";
import { drawStep } from "./draw.js";
import { renderChart, moveChartCursor, chartForExport } from "./chart.js";
import { wireConsole } from "./console.js";
import { stepSvg } from "./diagram.js";
import { ask, verdict, resetPredictions, score } from "./predict.js";
import { renderFork, closeFork } from "./fork.js";
import { wireFleetImport, wireReport } from "./fleet-import.js";
import { readRecordedStory } from "./recorded.js";

/** Imported files larger than this are refused before reading (a scenario is a few KB). */
const MAX_FILE_BYTES = 10 * 1024 * 1024;
const $ = (id) => document.getElementById(id);

const state = {
  /** The loaded story: the core's `Playground`, or the recorded default story until the core loads. */
  playground: null,
  /** Whether the simulator (the .wasm) has loaded; before that only stepping works. */
  core: false,
  /** What the user asked of the simulator before it had loaded, done once it has. */
  pending: [],
  builtins: [],
  states: [],
  /**
   * `{builtin}` for an unchanged built-in scenario, else `{json}`; `{json, imported: true}` for a
   * fleet read from AWS output, which is never written into the address.
   */
  source: null,
  /** The step on screen: the core's page view. */
  view: null,
  /** Refills the retirement report's choices from the step on screen. */
  refreshReport: null,
  title: "",
  timeline: [],
  index: 0,
  timer: null,
  broken: false,
  /** "Why this version?" as asked: `{id, cluster, step, why}`; it stays while its links are followed. */
  selected: null,
  /** Events the user appended since this story was opened (the ones Undo takes back). */
  appended: 0,
  presenter: false,
  /** The step the open prediction form asks about, if one is open. */
  asking: null,
  /** The way the user last moved through the steps: 1 forward, -1 back. */
  heading: 1,
};

// ------------------------------------------------------------------ history
// Every scenario and step the user visits is an entry of the browser's history, so Back and
// Forward move between them. Imported fleets never go into the address: the entries keep them in
// this tab's memory only.

const sessions = new Map();
let sessionKey = 0;

/** Whether the address can carry the scenario: not an imported fleet, nor a document too long. */
const linkable = (source) => !source.imported && (source.builtin !== undefined || fitsInLink(source.json));

function currentUrl() {
  if (!linkable(state.source)) return location.pathname + location.search;
  return encodeLink({ ...state.source, step: state.index, present: state.presenter });
}

function record(how) {
  if (how === "none") return;
  const key = ++sessionKey;
  sessions.set(key, { source: state.source, title: state.title, appended: state.appended, step: state.index });
  const entry = { key, step: state.index };
  if (how === "push") history.pushState(entry, "", currentUrl());
  else history.replaceState(entry, "", currentUrl());
}

// ------------------------------------------------------------------ banners and notices

function showBanner(...parts) {
  const banner = $("banner");
  fill(banner, ...parts, " ", h("button", { type: "button", class: "dismiss", onclick: () => { banner.hidden = true; } }, "Dismiss"));
  banner.hidden = false;
}

/** A passing notice, with an optional action (Back to the work just left). */
function notify(text, action) {
  const notice = $("notice");
  fill(notice, text, action ? [" ", h("button", { type: "button", "data-testid": "notice-action", onclick: () => { notice.hidden = true; action.run(); } }, action.label)] : null,
    " ", h("button", { type: "button", class: "dismiss", onclick: () => { notice.hidden = true; } }, "Dismiss"));
  notice.hidden = false;
}

function broken(what) {
  state.broken = true;
  stop();
  showBanner(h("strong", {}, "Something went wrong inside the simulator. "), what, " Reload the page to start again; your link keeps the scenario and step.");
}

/** Where a scenario error is: "at /events/3/at" or "at line 2, column 5". */
function located(error) {
  const where = [];
  if (error.path !== undefined && error.path !== "") where.push(`at ${error.path}`);
  if (error.line) where.push(`line ${error.line}, column ${error.column}`);
  return where.length ? ` (${where.join(", ")})` : "";
}

/** Calls into the core; a panic (a bug) shows the banner instead of leaving a half-drawn page. */
function guarded(fn) {
  if (state.broken) return undefined;
  try {
    return fn();
  } catch (error) {
    if (error instanceof WebAssembly.RuntimeError || !error?.code) {
      broken(String(error?.message ?? error));
      return undefined;
    }
    throw error;
  }
}

// ------------------------------------------------------------------ loading scenarios

/** What the user would lose by leaving the current story, in words, or null. */
function workAtStake() {
  if (!state.playground) return null;
  if (state.source?.imported) return "your imported fleet";
  if (state.appended) return `the ${state.appended === 1 ? "step" : `${state.appended} steps`} you added`;
  return null;
}

/**
 * Loads a scenario; on error shows it (located) and keeps the current one. `how` says how the
 * history records it: "push" (a new entry), "replace" or "none" (restoring an entry).
 */
// `json` is the scenario's text, or a file's bytes: the core reads those too, so a file that is not
// UTF-8 gets an error located at its first bad byte like any other.
function load(json, source, { step = 0, origin = "The scenario", how = "push", appended = 0 } = {}) {
  let playground;
  try {
    playground = guarded(() => (typeof json === "string" ? new Playground(json) : Playground.fromBytes(json)));
  } catch (error) {
    showBanner(h("strong", {}, `${origin} could not be opened: `), `${error.message}${located(error)}`, h("span", { "data-testid": "error-code" }, ` [${error.code}]`), " The current scenario is unchanged.");
    return false;
  }
  if (!playground) return false;
  return show(playground, source, { step, origin, how, appended });
}

/** Puts a loaded story on screen at `step`: the core's `Playground`, or the recorded default. */
function show(playground, source, { step = 0, origin = "The scenario", how = "push", appended = 0 } = {}) {
  if (playground.stepCount() === 0) {
    playground.free();
    showBanner(h("strong", {}, `${origin} has no events`), "; there is nothing to step through. The current scenario is unchanged.");
    return false;
  }
  const left = how === "push" ? workAtStake() : null;
  closeFork();
  state.playground?.free();
  state.playground = playground;
  state.selected = null;
  state.appended = appended;
  state.asking = null;
  resetPredictions();
  state.timeline = guarded(() => playground.timeline()) ?? [];
  // A scenario that holds an imported fleet is never written into the address.
  state.source = state.timeline.some((entry) => entry.event.do === "import-fleet") ? { ...source, imported: true } : source;
  const builtin = source.builtin ? state.builtins.find((b) => b.id === source.builtin) : null;
  state.title = playground.title() ?? builtin?.title ?? "Untitled scenario";
  $("scenario-title").textContent = state.title;
  $("scenario-description").textContent = builtin?.description ?? "";
  $("scenario-picker").value = source.builtin ?? "";
  $("scrubber").max = String(state.timeline.length - 1);
  renderMarkers($("markers"), state.timeline, (i) => go(i));
  drawChart();
  go(Math.min(step, state.timeline.length - 1), how);
  if (left) notify(`Opened “${state.title}”. ${left[0].toUpperCase()}${left.slice(1)} ${left.startsWith("the") ? "are" : "is"} one Back away.`, { label: "Go back", run: () => history.back() });
  return true;
}

function loadBuiltin(id, step = 0, how = "push") {
  const builtin = state.builtins.find((b) => b.id === id);
  if (!builtin) {
    showBanner(`There is no built-in scenario "${id}"; showing the default instead.`);
    return loadBuiltin(state.builtins[0].id, 0, how);
  }
  return load(builtin.json, { builtin: id }, { step, how });
}

async function importFile(file) {
  if (!file) return;
  if (file.size > MAX_FILE_BYTES) {
    showBanner(h("strong", {}, `${file.name} is too large`), ` (${file.size} bytes; the limit is ${MAX_FILE_BYTES}). A scenario is a small JSON file.`);
    return;
  }
  const bytes = new Uint8Array(await file.arrayBuffer());
  // The core reads the bytes; the text is what the address and history keep once it has.
  if (load(bytes, { json: new TextDecoder().decode(bytes) }, { origin: file.name })) $("banner").hidden = true;
}

const fileBase = () => state.source.builtin ?? "scenario";

function exportScenario() {
  const json = guarded(() => state.playground.toScenarioJson());
  if (json !== undefined) download(json, "application/json", `${fileBase()}.json`);
}

function exportMarkdown() {
  const markdown = guarded(() => state.playground.toMarkdown(state.index));
  if (markdown !== undefined) download(markdown, "text/markdown", `${fileBase()}.md`);
}

/** How many services' lines a picture of a paged fleet (thousands of services) shows. */
const SVG_SERVICE_LIMIT = 40;

function exportSvg() {
  const view = state.view;
  if (!view) return;
  // A paged view carries no services: the picture shows the first lines and counts the rest.
  const first = Array.from({ length: Math.min(SVG_SERVICE_LIMIT, view.serviceCount) }, (_, i) => i);
  const services = view.paged ? guarded(() => state.playground.lines(state.index, first)) : view.services;
  if (!services) return;
  download(stepSvg({ ...view, services }, state.title, chartForExport($("chart"))), "image/svg+xml", `${fileBase()}-step-${state.index + 1}.svg`);
}

// ------------------------------------------------------------------ stepping and rendering

/**
 * Shows step `index`. `how` records it in the history: "push" for the user's own moves (so Back
 * returns), "replace" while playing, "none" when restoring an entry.
 */
function go(index, how = "push") {
  if (!state.playground || state.broken) return;
  const last = state.timeline.length - 1;
  const previous = state.index;
  state.index = Math.max(0, Math.min(last, index));
  const view = guarded(() => state.playground.view(state.index));
  if (!view) return;
  state.view = view;
  state.asking = null;
  if (state.core) state.refreshReport?.();
  let command;
  try {
    command = state.core ? guarded(() => awsCommand(view.event)) : state.playground.command(state.index);
  } catch {
    command = undefined;
  }
  const { playground, index: shown } = state;
  // Asked later too, as the user scrolls a paged fleet: only while this step is still on screen.
  const lines = (indices) => (state.playground === playground && state.index === shown ? guarded(() => playground.lines(shown, indices)) ?? [] : []);
  drawStep(view, { count: last + 1, states: state.states, command, selected: state.selected?.step === state.index ? state.selected : null, lines });
  showWhy();
  const judged = verdict(state.index);
  if (judged) $("explanation").prepend(judged);
  const tally = score();
  if ($("predict-mode").checked && state.index === last && tally.steps) {
    $("explanation").append(h("p", { class: "verdict", "data-testid": "predict-summary" },
      `End of the scenario: ${tally.right} of ${tally.total} parts right over ${tally.steps} prediction${tally.steps === 1 ? "" : "s"}.`));
  }
  renderFork($("fork"), state.index, view, {
    get playground() { return state.playground; },
    whenCore,
    go,
    error: (error) => showBanner(h("strong", {}, "The fork could not be made: "), `${error.message}${located(error)}`),
  });
  $("undo").disabled = state.appended === 0;
  moveChartCursor($("chart"), state.index);
  record(how === "push" && previous === state.index && history.state ? "replace" : how);
  prepareNext(previous);
  // For `make bench`: when the first step was on screen.
  if (!performance.getEntriesByName("first-step").length) performance.mark("first-step");
  if (state.index === last) stop();
}

const whenIdle = window.requestIdleCallback ?? ((run) => setTimeout(run, 50));
const cancelIdle = window.cancelIdleCallback ?? clearTimeout;
let preparing = null;

/** While the user reads a step, the core computes the one they are likely to ask for next (the
 * next in the way they move), so drawing it then costs only writing it: a step that replaces a
 * million-task fleet's tasks is replayed while nobody waits. */
function prepareNext(previous) {
  if (state.index !== previous) state.heading = state.index > previous ? 1 : -1;
  if (preparing !== null) cancelIdle(preparing);
  preparing = null;
  const { playground, index } = state;
  const inRange = (i) => i >= 0 && i < state.timeline.length;
  // At either end the only way on is back.
  const next = inRange(index + state.heading) ? index + state.heading : index - state.heading;
  if (!state.core || !inRange(next)) return;
  preparing = whenIdle(() => {
    preparing = null;
    if (state.playground === playground && state.index === index) guarded(() => playground.prepareStep(next));
  });
}

/** The whole story's chart, drawn once per scenario (and after each edit), after the step it
 * was asked with is on screen: a long story's chart takes a moment. Steps move its cursor. */
function drawChart() {
  const playground = state.playground;
  setTimeout(() => {
    if (state.playground !== playground || state.broken) return;
    const chart = guarded(() => playground.chart());
    if (chart) renderChart($("chart"), chart, { current: state.index ?? 0, onPick: (i) => go(i) });
  }, 0);
}

/** The "why this version?" panel: it stays as asked while its links are followed. */
function showWhy() {
  renderWhy($("why-panel"), state.selected, state.index, {
    onJump: (step) => {
      go(step);
      $("why-panel").querySelector(`.why-chain button[aria-current="step"]`)?.focus();
    },
    onBack: () => {
      go(state.selected.step);
      $("why-panel").querySelector("h3")?.focus();
    },
    onClose: () => {
      state.selected = null;
      go(state.index, "replace");
      $("fleet").focus();
    },
  });
}

/** One step forward; in predict mode a customer step first asks the learner what will happen. */
function next(how = "push") {
  const index = state.index + 1;
  if (index >= state.timeline.length) return;
  if (state.asking === index) {
    // The question is open: say why Next waits instead of doing nothing.
    stop();
    const form = $("explanation").querySelector("[data-testid=predict-form]");
    const wait = form?.querySelector("[data-testid=predict-wait]");
    if (wait) wait.textContent = `Answer the question (or Skip) to see step ${index + 1}.`;
    form?.querySelector("input")?.focus();
    return;
  }
  const question = $("predict-mode").checked && !verdict(index) ? guarded(() => state.playground.question(index)) : null;
  if (!question) {
    go(index, how);
    return;
  }
  // Play pauses at each question, and stays paused after the answer so the feedback can be read.
  stop();
  state.asking = index;
  ask($("explanation"), index, question, () => go(index), () => go(index));
}

function play() {
  if (state.index >= state.timeline.length - 1) go(0);
  fill($("play"), h("span", { "aria-hidden": "true" }, "⏸ "), "Pause");
  state.timer = setInterval(() => next("replace"), Number($("speed").value));
}

function stop() {
  clearInterval(state.timer);
  state.timer = null;
  fill($("play"), h("span", { "aria-hidden": "true" }, "▶ "), "Play");
}

function togglePlay() {
  if (state.timer) stop();
  else play();
}

function setPresenter(on) {
  state.presenter = on;
  document.documentElement.classList.toggle("presenter", on);
  const button = $("presenter");
  button.setAttribute("aria-pressed", String(on));
  button.textContent = on ? "Leave presenter mode" : "Presenter mode";
}

// ------------------------------------------------------------------ wiring

function wire() {
  $("first").addEventListener("click", () => go(0));
  $("prev").addEventListener("click", () => go(state.index - 1));
  $("next").addEventListener("click", () => next());
  $("last").addEventListener("click", () => go(state.timeline.length - 1));
  $("play").addEventListener("click", togglePlay);
  $("speed").addEventListener("change", () => {
    if (state.timer) {
      stop();
      play();
    }
  });
  $("scrubber").addEventListener("input", (e) => go(Number(e.target.value), "replace"));
  markerKeys($("markers"), (i) => go(i));
  $("fleet").addEventListener("click", (e) => {
    const button = e.target.closest("button[data-task]");
    if (!button) return;
    const { task: id, cluster } = button.dataset;
    whenCore(() => {
      const why = guarded(() => state.playground.why(state.index, id, cluster));
      state.selected = why ? { id, cluster, step: state.index, why } : null;
      go(state.index, "replace");
      $("why-panel").querySelector("h3")?.focus();
    });
  });
  $("scenario-picker").addEventListener("change", (e) => {
    stop();
    const id = e.target.value;
    if (id) whenCore(() => loadBuiltin(id));
  });
  $("import-file").addEventListener("change", (e) => {
    stop();
    const file = e.target.files[0];
    whenCore(() => importFile(file));
    e.target.value = "";
  });
  $("export").addEventListener("click", () => whenCore(exportScenario));
  $("export-md").addEventListener("click", () => whenCore(exportMarkdown));
  $("export-svg").addEventListener("click", exportSvg);
  $("your-fleet-button").addEventListener("click", () => {
    // In-page navigation: no change of address, so nothing is read as a shared link.
    $("your-fleet").scrollIntoView({ block: "start" });
    $("your-fleet").focus({ preventScroll: true });
  });
  $("presenter").addEventListener("click", () => {
    setPresenter(!state.presenter);
    record("replace");
  });
  $("copy-link").addEventListener("click", async () => {
    const button = $("copy-link");
    if (!linkable(state.source)) {
      button.textContent = state.source.imported ? "Links never carry your fleet; use Export JSON" : "Too large for a link; use Export JSON";
      setTimeout(() => { button.textContent = "Copy link"; }, 4000);
      return;
    }
    try {
      await navigator.clipboard.writeText(location.href);
      button.textContent = "Link copied";
    } catch {
      button.textContent = "Copy the address bar";
    }
    setTimeout(() => { button.textContent = "Copy link"; }, 2000);
  });
  $("undo").addEventListener("click", undo);
  document.addEventListener("dragover", (e) => {
    e.preventDefault();
    document.body.classList.add("dropping");
  });
  document.addEventListener("dragleave", () => document.body.classList.remove("dropping"));
  document.addEventListener("drop", (e) => {
    e.preventDefault();
    document.body.classList.remove("dropping");
    stop();
    const file = e.dataTransfer?.files?.[0];
    whenCore(() => importFile(file));
  });
  document.addEventListener("keydown", (e) => {
    if (e.key === "Escape" && state.presenter) {
      setPresenter(false);
      record("replace");
      return;
    }
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    if (e.target.closest("input, select, textarea, [contenteditable], #markers")) return;
    const onButton = e.target.closest("button, summary, a, label");
    const actions = { ArrowLeft: () => go(state.index - 1), ArrowRight: () => next(), Home: () => go(0), End: () => go(state.timeline.length - 1) };
    if (e.key === " " && !onButton) actions[" "] = togglePlay;
    const action = actions[e.key];
    if (!action) return;
    e.preventDefault();
    action();
  });
  window.addEventListener("popstate", (e) => restore(e.state));
  wireFleetImport({
    // The worker reads with its own copy of the simulator; this page's may, rarely, still be loading.
    opened: (json) => whenCore(() => {
      stop();
      if (!load(json, { json, imported: true }, { origin: "Your fleet" })) return false;
      $("banner").hidden = true;
      const at = state.timeline.findIndex((entry) => entry.event.do === "import-fleet");
      go(at, "replace");
      $("fleet").scrollIntoView({ block: "start" });
      return true;
    }) ?? true,
  });
  state.refreshReport = wireReport({
    options: (family, version) => (state.core ? guarded(() => state.playground.retirementOptions(state.index, family, version)) : null),
    ask: (plan) => state.core && guarded(() => state.playground.retirementReport(state.index, plan.family, plan.version, plan.date, plan.latestTo, plan.pinnedTo, plan.terminate)),
    versions: (family) => (state.view?.versions ?? []).filter((v) => v.family === family),
    stepDate: () => state.view?.at.slice(0, 10),
  });
  wireConsole({
    whenCore,
    current: () => state.index,
    describe: (line) => state.playground.describe(state.index, line),
    apply: applyEvent,
  });
}

/** Appends an event through the core and shows the new step; the scenario is now the user's. */
function applyEvent(event) {
  stop();
  closeFork();
  const step = guarded(() => state.playground.apply(event));
  state.appended += 1;
  afterEdit();
  return step;
}

/** Takes back the last step the user appended (applied or rejected alike). */
function undo() {
  if (!state.appended || !guarded(() => state.playground.undo())) return;
  state.appended -= 1;
  closeFork();
  afterEdit();
  notify("The last step you added was taken back.");
}

function afterEdit() {
  const json = guarded(() => state.playground.toScenarioJson());
  state.source = state.source?.imported ? { json, imported: true } : { json };
  state.timeline = guarded(() => state.playground.timeline()) ?? state.timeline;
  $("scenario-picker").value = "";
  $("scrubber").max = String(state.timeline.length - 1);
  renderMarkers($("markers"), state.timeline, (i) => go(i));
  drawChart();
  go(state.timeline.length - 1);
}

/** Back or Forward: the entry's story and step, from memory, else from the address. */
function restore(entry) {
  const session = entry && sessions.get(entry.key);
  if (session && sameSource(session.source, state.source)) {
    stop();
    go(entry.step, "none");
    return;
  }
  whenCore(() => {
    if (!session) {
      openLink(location.hash, "none");
      return;
    }
    stop();
    const json = session.source.builtin ? state.builtins.find((b) => b.id === session.source.builtin).json : session.source.json;
    load(json, session.source, { step: entry.step, how: "none", appended: session.appended });
  });
}

function sameSource(a, b) {
  if (a === b) return true;
  if (!a || !b) return false;
  return a.builtin ? a.builtin === b.builtin : !b.builtin && a.json === b.json;
}

/** Opens a link of ours; a hash that is not one (an in-page anchor) changes nothing. */
function openLink(hash, how = "replace") {
  const link = decodeLink(hash);
  if (link.ignore) return;
  if (link.present !== undefined) setPresenter(link.present);
  if (link.error) {
    showBanner(link.error, " Showing the default scenario instead.");
    return loadBuiltin(state.builtins[0].id, 0, how);
  }
  if (link.json !== undefined) {
    if (!load(link.json, { json: link.json }, { step: link.step, origin: "The scenario in this link", how })) loadBuiltin(state.builtins[0].id, 0, how);
    return;
  }
  const sameScenario = state.source?.builtin && state.source.builtin === (link.builtin ?? state.builtins[0].id);
  if (sameScenario) go(link.step ?? 0, how);
  else loadBuiltin(link.builtin ?? state.builtins[0].id, link.step ?? 0, how);
}

/**
 * Runs `action` now if the simulator has loaded, else as soon as it has: until then the page steps
 * through the recorded default story (`make dist`), and anything else the user asks waits.
 */
function whenCore(action) {
  if (state.core) return action();
  if (state.broken) return undefined;
  state.pending.push(action);
  notify("The simulator is still loading; this happens as soon as it has.");
  return undefined;
}

/** Whether a link opens the recorded default story (any step of it). */
const opensRecording = (link, recorded) =>
  link.ignore || (!link.error && link.json === undefined && (link.builtin ?? recorded.id) === recorded.id);

async function boot() {
  window.addEventListener("latest-playground-panic", (e) => broken(String(e.detail ?? "")));
  const link = decodeLink(location.hash);
  // `make dist`'s page holds the default story as the core computed it: step through it at once.
  const recorded = readRecordedStory();
  if (recorded && opensRecording(link, recorded)) {
    state.builtins = recorded.builtins;
    state.states = recorded.states;
    wire();
    $("loading").hidden = true;
    $("app").hidden = false;
    if (!link.ignore && link.present !== undefined) setPresenter(link.present);
    show(recorded, { builtin: recorded.id }, { step: link.ignore ? 0 : link.step ?? 0, how: "replace" });
    document.documentElement.classList.add("live");
    performance.mark("interactive");
  }
  try {
    // Named here rather than by the package's glue, so `make dist` can bundle the page's modules
    // into one file at the top (scripts/dist.mjs) and the address still holds.
    await init({ module_or_path: new URL("./pkg/latest_playground_bg.wasm", import.meta.url) });
    performance.mark("simulator-loaded");
  } catch (error) {
    $("loading").hidden = true;
    state.pending = [];
    showBanner(h("strong", {}, "The simulator could not load. "), `(${error?.message ?? error}) This page needs a browser with WebAssembly, served over http(s) — not opened as a file. Reload, or try a current Chrome, Firefox or Safari.`);
    return;
  }
  state.builtins = builtinScenarios();
  state.states = lifecycleStates();
  state.core = true;
  if (state.playground) {
    // The recording gives way to the simulator: the same story, so the step on screen stays.
    const builtin = state.builtins.find((b) => b.id === recorded.id);
    state.playground = guarded(() => new Playground(builtin.json));
    state.refreshReport?.();
    for (const action of state.pending.splice(0)) action();
    if ($("notice").textContent.startsWith("The simulator is still loading")) $("notice").hidden = true;
    return;
  }
  fill($("scenario-picker"), state.builtins.map((b) => h("option", { value: b.id }, b.title)), h("option", { value: "", hidden: true }, "Imported scenario"));
  wire();
  $("loading").hidden = true;
  $("app").hidden = false;
  openLink(link.ignore ? "" : location.hash, "replace");
  // The live page has drawn: a step drawn into the HTML by `make dist` is replaced (style.css).
  document.documentElement.classList.add("live");
  // For `make bench`: when the controls work (scripts/bench-phone.mjs).
  performance.mark("interactive");
}

boot();
