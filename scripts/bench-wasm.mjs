// Times the optimised package in Node on a scenario file: Playground load, then summary(i) for
// random steps. `node scripts/bench-wasm.mjs big.json`
import { readFileSync } from "node:fs";
import { config } from "./config.mjs";

const c = config();
const pkg = await import(new URL(`file://${c.outDir}/${c.outName}.js`).href);
pkg.initSync({ module: readFileSync(c.wasmFile) });
const text = readFileSync(process.argv[2], "utf8");
let t = performance.now();
const playground = new pkg.Playground(text);
const load = performance.now() - t;
const steps = playground.stepCount();
// The first call also grows the module's memory to the fleet's size; it is reported apart.
t = performance.now();
playground.summary(steps - 1);
const first = performance.now() - t;
const times = [];
let seed = 42;
for (let n = 0; n < 20; n++) {
  seed = (seed * 1103515245 + 12345) % 2 ** 31;
  const i = seed % steps;
  t = performance.now();
  playground.summary(i);
  times.push(performance.now() - t);
}
times.sort((a, b) => a - b);
// The whole story's chart, which the page draws once after the first step (median of 3).
const chartMs = (handle) => {
  const runs = [0, 1, 2].map(() => {
    const start = performance.now();
    handle.chart();
    return performance.now() - start;
  });
  return runs.sort((a, b) => a - b)[1];
};
const chart = chartMs(playground);
const rss = process.memoryUsage().rss;
console.log(`wasm (Node): load ${load.toFixed(0)} ms for ${steps} steps; first summary ${first.toFixed(1)} ms; then summary(i) for 20 random steps: median ${times[10].toFixed(1)} ms, max ${times[19].toFixed(1)} ms; chart() ${chart.toFixed(0)} ms; process RSS ${(rss / 2 ** 20).toFixed(0)} MiB`);

// Bring your own fleet: `importFleet` on the CLI output of scripts/big-fleet.mjs, then summaries.
if (process.argv[3]) {
  const fleet = readFileSync(process.argv[3], "utf8");
  t = performance.now();
  const imported = pkg.Playground.importFleet([{ name: "fleet.json", text: fleet }]);
  const importMs = performance.now() - t;
  const last = imported.stepCount() - 1;
  const summaryTimes = [];
  for (let i = last - 3; i <= last; i++) {
    t = performance.now();
    imported.summary(i);
    summaryTimes.push(performance.now() - t);
  }
  t = performance.now();
  const scenario = imported.toScenarioJson();
  const exportMs = performance.now() - t;
  t = performance.now();
  new pkg.Playground(scenario).free();
  const reopen = performance.now() - t;
  // The page's way (www/import-worker.js): the worker writes the scenario from the file's bytes,
  // checked as far as the fleet's step; the page opens it.
  const bytes = readFileSync(process.argv[3]);
  t = performance.now();
  const written = pkg.Playground.importFleetScenario([{ name: "fleet.json", bytes }]);
  const worker = performance.now() - t;
  t = performance.now();
  const opened = new pkg.Playground(written);
  const open = performance.now() - t;
  const fleetChart = chartMs(opened);
  opened.free();
  // What the page asks of the core for each step from the import on, in order, as the page steps
  // through them: the view, then (a paged fleet) the lines of its first screen (25 shown and 8
  // more, virtual.js) and of the text view's changed services (up to 100, explain.js).
  const first = imported.timeline().findIndex((entry) => entry.event.do === "import-fleet");
  const views = [];
  for (let i = first; i <= last; i++) {
    t = performance.now();
    const view = imported.view(i);
    if (view.paged) {
      imported.lines(i, Array.from({ length: 33 }, (_, k) => k));
      imported.lines(i, view.touched.slice(0, 100));
    }
    views.push(`step ${i} ${(performance.now() - t).toFixed(1)} ms`);
  }
  // And back to the import, as Previous asks (each step replayed from a checkpoint).
  const back = [];
  for (let i = last - 1; i >= first; i--) {
    t = performance.now();
    imported.view(i);
    back.push(`step ${i} ${(performance.now() - t).toFixed(1)} ms`);
  }
  console.log(`wasm (Node): the page's view (and lines) of each step from the import on, in order: ${views.join(", ")}; back: ${back.join(", ")}`);
  console.log(`wasm (Node): importFleet of ${(fleet.length / 2 ** 20).toFixed(1)} MiB of describe-services output ${importMs.toFixed(0)} ms; summary of the last 4 steps max ${Math.max(...summaryTimes).toFixed(1)} ms; toScenarioJson ${exportMs.toFixed(0)} ms (${(scenario.length / 2 ** 20).toFixed(1)} MiB); reopening it ${reopen.toFixed(0)} ms; the page's way: importFleetScenario ${worker.toFixed(0)} ms (in the worker), then opening it ${open.toFixed(0)} ms; its chart() ${fleetChart.toFixed(0)} ms; process RSS ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MiB`);
}
