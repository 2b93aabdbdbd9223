// latest-playground's page: loads the simulator (WebAssembly), keeps one state object, and renders
// the step the core computed. The JS never decides a version; it only shows what the core returned.
import init, { Playground, builtinScenarios, awsCommand, lifecycleStates } from "./pkg/latest_playground.js";
import { h, fill, download } from "./dom.js";
import { encodeLink, decodeLink } from "./share.js";
import { renderMarkers, markerKeys, showCurrent } from "./timeline.js";
import { renderVersions } from "./versions.js";
import { renderFleet } from "./fleet.js";
import { renderExplanation, renderTranscript, renderWhy } from "./explain.js";
import { wireConsole } from "./console.js";
import { stepSvg } from "./diagram.js";
import { ask, verdict, resetPredictions, score } from "./predict.js";
import { renderFork, closeFork } from "./fork.js";
import { wireFleetImport, wireReport } from "./fleet-import.js";

/**
 * Above this many running tasks and pods a step is drawn from the core's summary (counts per
 * version and revision) instead of one row per task, which would cost a frame or more.
 */
const FULL_ROWS_LIMIT = 2000;

/** Imported files larger than this are refused before reading (a scenario is a few KB). */
const MAX_FILE_BYTES = 10 * 1024 * 1024;
const $ = (id) => document.getElementById(id);

const state = {
  playground: null,
  builtins: [],
  states: [],
  /**
   * `{builtin}` for an unchanged built-in scenario, else `{json}`; `{json, imported: true}` for a
   * fleet read from AWS output, which is never written into the address.
   */
  source: null,
  /** The step on screen, as the renderers got it. */
  step: null,
  /** Refills the retirement report's versions from the step on screen. */
  refreshReport: null,
  title: "",
  timeline: [],
  index: 0,
  timer: null,
  broken: false,
  /** The task whose "why this version?" is open, if any. */
  selected: null,
};

// ------------------------------------------------------------------ banners

function showBanner(...parts) {
  const banner = $("banner");
  fill(banner, ...parts, " ", h("button", { type: "button", class: "dismiss", onclick: () => { banner.hidden = true; } }, "Dismiss"));
  banner.hidden = false;
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

/** Loads a scenario; on error shows it (located) and keeps the current one. */
function load(json, source, step = 0, origin = "The scenario") {
  let playground;
  try {
    playground = guarded(() => new Playground(json));
  } catch (error) {
    showBanner(h("strong", {}, `${origin} could not be opened: `), `${error.message}${located(error)}`, h("span", { "data-testid": "error-code" }, ` [${error.code}]`), " The current scenario is unchanged.");
    return false;
  }
  if (!playground) return false;
  if (playground.stepCount() === 0) {
    playground.free();
    showBanner(h("strong", {}, `${origin} has no events`), "; there is nothing to step through. The current scenario is unchanged.");
    return false;
  }
  closeFork();
  state.playground?.free();
  state.playground = playground;
  state.selected = null;
  resetPredictions();
  state.timeline = guarded(() => playground.timeline()) ?? [];
  // A scenario that holds an imported fleet is never written into the address.
  state.source = state.timeline.some((entry) => entry.event.do === "import-fleet") ? { ...source, imported: true } : source;
  const builtin = source.builtin ? state.builtins.find((b) => b.id === source.builtin) : null;
  state.title = playground.title() ?? builtin?.title ?? "Untitled scenario";
  $("scenario-title").textContent = state.title;
  $("scenario-description").textContent = builtin?.description ?? "";
  $("scenario-picker").value = source.builtin ?? "";
  const scrubber = $("scrubber");
  scrubber.max = String(state.timeline.length - 1);
  renderMarkers($("markers"), state.timeline, go);
  go(Math.min(step, state.timeline.length - 1));
  return true;
}

function loadBuiltin(id, step = 0) {
  const builtin = state.builtins.find((b) => b.id === id);
  if (!builtin) {
    showBanner(`There is no built-in scenario "${id}"; showing the default instead.`);
    return loadBuiltin(state.builtins[0].id);
  }
  return load(builtin.json, { builtin: id }, step);
}

async function importFile(file) {
  if (!file) return;
  if (file.size > MAX_FILE_BYTES) {
    showBanner(h("strong", {}, `${file.name} is too large`), ` (${file.size} bytes; the limit is ${MAX_FILE_BYTES}). A scenario is a small JSON file.`);
    return;
  }
  let text;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(await file.arrayBuffer());
  } catch {
    showBanner(h("strong", {}, `${file.name} could not be opened: `), "it is not UTF-8 text. Save it as UTF-8 JSON and try again. The current scenario is unchanged.");
    return;
  }
  if (load(text, { json: text }, 0, file.name)) $("banner").hidden = true;
}

const fileBase = () => state.source.builtin ?? "scenario";

function exportScenario() {
  const json = guarded(() => state.playground.toScenarioJson());
  if (json !== undefined) download(json, "application/json", `${fileBase()}.json`);
}

function exportMarkdown() {
  const markdown = guarded(() => state.playground.toMarkdown(state.index));
  if (markdown !== undefined) download(markdown, "text/markdown", `${fileBase()}-step-${state.index + 1}.md`);
}

function exportSvg() {
  const step = guarded(() => state.playground.step(state.index));
  if (step) download(stepSvg(step, state.title), "image/svg+xml", `${fileBase()}-step-${state.index + 1}.svg`);
}

// ------------------------------------------------------------------ stepping and rendering

/** Step `i` as the renderers take it: whole when small, else from the summary (rows are null). */
function stepView(i) {
  const summary = state.playground.summary(i);
  const count = (groups) => groups.reduce((n, g) => n + g.count, 0);
  const running = summary.services.reduce((n, s) => n + s.runningCount, 0) + count(summary.tasks) +
    summary.clusters.reduce((n, c) => n + count(c.pods), 0);
  if (running <= FULL_ROWS_LIMIT) return state.playground.step(i);
  return {
    ...summary,
    services: summary.services.map((s) => ({ ...s, tasks: null })),
    tasks: null,
    standaloneCounts: summary.tasks,
    clusters: summary.clusters.map((c) => ({ ...c, pods: null, podCounts: c.pods })),
  };
}

function go(index) {
  if (!state.playground || state.broken) return;
  const last = state.timeline.length - 1;
  state.index = Math.max(0, Math.min(last, index));
  const step = guarded(() => stepView(state.index));
  if (!step) return;
  state.step = step;
  state.refreshReport?.();
  let command;
  try {
    command = guarded(() => awsCommand(step.event));
  } catch {
    command = undefined;
  }
  renderVersions($("versions"), step, state.states);
  renderFleet($("fleet"), step, state.selected, (s) =>
    guarded(() => state.playground.resolve(state.index, s.family, s.requested, s.requires)) ?? { outcome: "unknown" });
  showWhy();
  renderExplanation($("explanation"), step, command);
  const judged = verdict(state.index);
  if (judged) $("explanation").prepend(judged);
  const tally = score();
  if ($("predict-mode").checked && state.index === state.timeline.length - 1 && tally.steps) {
    $("explanation").append(h("p", { class: "verdict", "data-testid": "predict-summary" },
      `End of the scenario: ${tally.right} of ${tally.total} parts right over ${tally.steps} prediction${tally.steps === 1 ? "" : "s"}.`));
  }
  renderTranscript($("transcript"), step);
  renderFork($("fork"), state.index, step, {
    playground: state.playground,
    go,
    error: (error) => showBanner(h("strong", {}, "The fork could not be made: "), `${error.message}${located(error)}`),
  });
  showCurrent($("markers"), state.index);
  const scrubber = $("scrubber");
  scrubber.value = String(state.index);
  const position = `Step ${state.index + 1} of ${last + 1}`;
  scrubber.setAttribute("aria-valuetext", `${position}: ${step.at.slice(0, 10)}, ${step.event.do}`);
  $("position").textContent = `${position} · ${step.at.slice(0, 10)}`;
  $("first").disabled = $("prev").disabled = state.index === 0;
  $("next").disabled = $("last").disabled = state.index === last;
  $("announce").textContent = `${position}, ${step.at.slice(0, 10)}: ${step.explanation}`;
  if (state.source.imported) history.replaceState(null, "", location.pathname + location.search);
  else history.replaceState(null, "", encodeLink({ ...state.source, step: state.index }));
  // For `make bench`: when the first step was on screen.
  if (!performance.getEntriesByName("first-step").length) performance.mark("first-step");
  if (state.index === last) stop();
}

/** The open "why this version?" panel, for the current step (closed if the task no longer runs). */
function showWhy() {
  const id = state.selected;
  const why = id ? guarded(() => state.playground.why(state.index, id)) : null;
  if (!why) state.selected = null;
  const family = $("fleet").querySelector(`button[data-task="${CSS.escape(id ?? "")}"]`)?.dataset.family;
  const now = why?.requested && family !== "EKS"
    ? guarded(() => state.playground.resolve(state.index, family ?? "LINUX", why.requested, []))
    : null;
  renderWhy($("why-panel"), why, now, (step) => go(step), () => {
    state.selected = null;
    go(state.index);
  });
}

/** One step forward; in predict mode a customer step first asks the learner what will happen. */
function next() {
  const index = state.index + 1;
  if (index >= state.timeline.length) return;
  const question = $("predict-mode").checked && !verdict(index) ? guarded(() => state.playground.question(index)) : null;
  if (!question) {
    go(index);
    return;
  }
  stop();
  ask($("explanation"), index, question, () => go(index));
}

function play() {
  if (state.index >= state.timeline.length - 1) go(0);
  fill($("play"), h("span", { "aria-hidden": "true" }, "⏸ "), "Pause");
  state.timer = setInterval(next, Number($("speed").value));
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

// ------------------------------------------------------------------ wiring

function wire() {
  $("first").addEventListener("click", () => go(0));
  $("prev").addEventListener("click", () => go(state.index - 1));
  $("next").addEventListener("click", next);
  $("last").addEventListener("click", () => go(state.timeline.length - 1));
  $("play").addEventListener("click", togglePlay);
  $("speed").addEventListener("change", () => {
    if (state.timer) {
      stop();
      play();
    }
  });
  $("scrubber").addEventListener("input", (e) => go(Number(e.target.value)));
  markerKeys($("markers"), go);
  $("fleet").addEventListener("click", (e) => {
    const button = e.target.closest("button[data-task]");
    if (!button) return;
    state.selected = button.dataset.task;
    go(state.index);
    $("why-panel").querySelector("h3")?.scrollIntoView({ block: "nearest" });
  });
  $("scenario-picker").addEventListener("change", (e) => {
    stop();
    if (e.target.value) loadBuiltin(e.target.value);
  });
  $("import-file").addEventListener("change", (e) => {
    stop();
    importFile(e.target.files[0]);
    e.target.value = "";
  });
  $("export").addEventListener("click", exportScenario);
  $("export-md").addEventListener("click", exportMarkdown);
  $("export-svg").addEventListener("click", exportSvg);
  $("presenter").addEventListener("click", (e) => {
    const on = document.documentElement.classList.toggle("presenter");
    e.currentTarget.setAttribute("aria-pressed", String(on));
  });
  $("copy-link").addEventListener("click", async () => {
    const button = $("copy-link");
    if (state.source?.imported) {
      button.textContent = "Links never carry your fleet; use Export JSON";
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
  document.addEventListener("dragover", (e) => {
    e.preventDefault();
    document.body.classList.add("dropping");
  });
  document.addEventListener("dragleave", () => document.body.classList.remove("dropping"));
  document.addEventListener("drop", (e) => {
    e.preventDefault();
    document.body.classList.remove("dropping");
    stop();
    importFile(e.dataTransfer?.files?.[0]);
  });
  document.addEventListener("keydown", (e) => {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    if (e.target.closest("input, select, textarea, [contenteditable], #markers")) return;
    const onButton = e.target.closest("button, summary, a, label");
    const actions = { ArrowLeft: () => go(state.index - 1), ArrowRight: next, Home: () => go(0), End: () => go(state.timeline.length - 1) };
    if (e.key === " " && !onButton) actions[" "] = togglePlay;
    const action = actions[e.key];
    if (!action) return;
    e.preventDefault();
    action();
  });
  window.addEventListener("hashchange", () => openLink(location.hash));
  wireFleetImport({
    opened: (json) => {
      stop();
      if (!load(json, { json, imported: true }, 0, "Your fleet")) return false;
      $("banner").hidden = true;
      const at = state.timeline.findIndex((entry) => entry.event.do === "import-fleet");
      go(at);
      $("fleet").scrollIntoView({ block: "start" });
      return true;
    },
  });
  state.refreshReport = wireReport({
    ask: (family, version, date, latestTo) => guarded(() => state.playground.retirementReport(state.index, family, version, date, latestTo)),
    versions: (family) => (state.step?.versions ?? []).filter((v) => v.family === family),
  });
  wireConsole({
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
  const json = guarded(() => state.playground.toScenarioJson());
  state.source = state.source?.imported ? { json, imported: true } : { json };
  state.timeline = guarded(() => state.playground.timeline()) ?? state.timeline;
  $("scenario-picker").value = "";
  $("scrubber").max = String(state.timeline.length - 1);
  renderMarkers($("markers"), state.timeline, go);
  go(state.timeline.length - 1);
  return step;
}

function openLink(hash) {
  const link = decodeLink(hash);
  if (link.error) {
    showBanner(link.error, " Showing the default scenario instead.");
    return loadBuiltin(state.builtins[0].id);
  }
  if (link.json !== undefined) {
    if (!load(link.json, { json: link.json }, link.step, "The scenario in this link")) loadBuiltin(state.builtins[0].id);
    return;
  }
  const sameScenario = state.source?.builtin && state.source.builtin === (link.builtin ?? state.builtins[0].id);
  if (sameScenario) go(link.step ?? 0);
  else loadBuiltin(link.builtin ?? state.builtins[0].id, link.step ?? 0);
}

async function boot() {
  window.addEventListener("latest-playground-panic", (e) => broken(String(e.detail ?? "")));
  try {
    await init();
  } catch (error) {
    $("loading").hidden = true;
    showBanner(h("strong", {}, "The simulator could not load. "), `(${error?.message ?? error}) This page needs a browser with WebAssembly, served over http(s) — not opened as a file. Reload, or try a current Chrome, Firefox or Safari.`);
    return;
  }
  state.builtins = builtinScenarios();
  state.states = lifecycleStates();
  fill($("scenario-picker"), state.builtins.map((b) => h("option", { value: b.id }, b.title)), h("option", { value: "", hidden: true }, "Imported scenario"));
  wire();
  $("loading").hidden = true;
  $("app").hidden = false;
  openLink(location.hash);
}

boot();
