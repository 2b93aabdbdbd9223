// The page's calls for each step of the imported fleet (scripts/big-fleet.mjs), forward from the
// import and back onto it, on fresh handles (three more with each step prepared, as the page
// does while idle, when the package has `prepareStep`): for comparing two builds of the package
// alternately in one hour. `node scripts/bench-steps.mjs [package dir] [fleet.json]`, after
// `make build` (default www/pkg) and `make bench` (default target/big-fleet.json).
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { root } from "./config.mjs";

const dir = resolve(process.argv[2] ?? `${root}/www/pkg`);
const pkg = await import(`file://${dir}/latest_playground.js`);
const wasm = pkg.initSync({ module: readFileSync(`${dir}/latest_playground_bg.wasm`) });
const bytes = readFileSync(process.argv[3] ?? `${root}/target/big-fleet.json`);
const json = pkg.Playground.importFleetScenario([{ name: "fleet.json", bytes }]);
const ms = (t) => (performance.now() - t).toFixed(1);
// Handles 1–3 as the page steps quickly; 4–6 as it steps at a reader's pace, where the step
// about to be shown was prepared (`prepareStep`, untimed: the page does it while idle).
const prepares = "prepareStep" in pkg.Playground.prototype;
for (let handle = 0; handle < (prepares ? 6 : 3); handle++) {
  const paced = handle >= 3;
  const playground = new pkg.Playground(json);
  const first = playground.timeline().findIndex((entry) => entry.event.do === "import-fleet");
  const last = playground.stepCount() - 1;
  const forward = [];
  for (let i = first; i <= last; i++) {
    if (paced) playground.prepareStep(i);
    const t = performance.now();
    const view = playground.view(i);
    if (view.paged) {
      playground.lines(i, Array.from({ length: 33 }, (_, k) => k));
      playground.lines(i, view.touched.slice(0, 100));
    }
    forward.push(`${i} ${ms(t)}`);
  }
  const back = [];
  for (let i = last - 1; i >= first; i--) {
    if (paced) playground.prepareStep(i);
    const t = performance.now();
    playground.view(i);
    back.push(`${i} ${ms(t)}`);
  }
  console.log(`steps of the imported fleet, handle ${handle + 1}${paced ? ", each prepared first" : ""} (step ms): forward ${forward.join(", ")}; back ${back.join(", ")}`);
  playground.free();
}
// Wasm memory only grows: its size now is the most the handles above held at once (one at a time).
console.log(`wasm memory after the handles: ${(wasm.memory.buffer.byteLength / 2 ** 20).toFixed(0)} MiB`);
