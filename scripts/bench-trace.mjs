// Issue 17's `simulate` yardstick: the optimised package against a plain JavaScript simulate
// (scripts/plain-simulate.mjs) in one Node process, on the blog's scenario and on the hourly
// scenario (scripts/hourly-scenario.mjs: 2,000 events, 10 services of 20 tasks). Medians of 9
// runs after 3 warm-up runs each; first checks that both run the same versions and patches at
// every step. `node scripts/bench-trace.mjs [package dir]` after `make build`; `make bench` runs it.
import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { config, median, root } from "./config.mjs";
import { hourlyScenario } from "./hourly-scenario.mjs";
import { plainSimulate } from "./plain-simulate.mjs";

// Another build's package directory may be given (e.g. a worktree's www/pkg), to compare builds.
const c = config();
const dir = resolve(process.argv[2] ?? c.outDir);
const pkg = await import(new URL(`file://${dir}/${c.outName}.js`).href);
pkg.initSync({ module: readFileSync(`${dir}/${c.outName}_bg.wasm`) });

const fleetOf = (step) => step.services.map((s) => `${s.name}:${s.tasks.map((t) => `${t.id}@${t.platformVersion}#${t.revision}`).sort().join(",")}`).join(" ");
function sameFleets(ours, plain, name) {
  if (ours.steps.length !== plain.steps.length) throw new Error(`${name}: ${ours.steps.length} steps against ${plain.steps.length}`);
  ours.steps.forEach((step, i) => {
    if (fleetOf(step) !== fleetOf(plain.steps[i])) throw new Error(`${name}: step ${i} differs:\n${fleetOf(step)}\n${fleetOf(plain.steps[i])}`);
  });
}

// The median of `runs` runs after `warmUps` more.
function time(run, warmUps = 3, runs = 9) {
  for (let i = 0; i < warmUps; i++) run();
  const times = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    run();
    times.push(performance.now() - t);
  }
  return median(times);
}

const workloads = [
  ["blog-timeline", readFileSync(`${root}/src/builtin/blog-timeline.json`, "utf8"), true],
  ["hourly, 2,000 events", JSON.stringify(hourlyScenario(2000)), true],
];
for (const [name, text, comparable] of workloads) {
  const ours = pkg.simulate(text);
  if (comparable) sameFleets(ours, plainSimulate(text), name);
  const json = JSON.stringify(ours).length;
  const core = time(() => pkg.simulate(text));
  const plain = comparable ? time(() => plainSimulate(text)) : null;
  const vs = plain === null ? "" : `; plain JavaScript ${plain.toFixed(2)} ms: the core is ${(plain / core).toFixed(2)}× as fast`;
  console.log(`simulate ${name}: ${core.toFixed(2)} ms (${(json / 2 ** 20).toFixed(1)} MiB as JSON)${vs}`);
}

// The floor on a story this small: the core reading, checking, replaying and narrating the blog's
// first event alone, against plain JavaScript's whole story (issue 17's blog goal).
const blog = JSON.parse(workloads[0][1]);
const first = JSON.stringify({ ...blog, events: blog.events.slice(0, 1) });
const one = time(() => pkg.simulate(first));
const whole = time(() => plainSimulate(workloads[0][1]));
console.log(`simulate of the blog's first event alone: ${one.toFixed(3)} ms; plain JavaScript's ${blog.events.length} events: ${whole.toFixed(3)} ms`);

// Both once the engine has compiled them fully (V8 optimises hot JavaScript and wasm functions
// after some runs; 3 warm-ups leave both partly unoptimised): medians of 200 after 300 runs.
const settled = (run) => time(run, 300, 200);
const blogText = workloads[0][1];
const warmCore = settled(() => pkg.simulate(blogText));
const warmPlain = settled(() => plainSimulate(blogText));
let floor = "";
// The crossing's own floor: the text the core writes for the blog (`make bench` writes it with
// `examples/simulate -- blog-timeline --shared`), parsed and assembled into the trace, no core.
const sharedPath = `${root}/target/blog-shared.json`;
if (existsSync(sharedPath)) {
  const { assembleTrace } = await import(`${root}/src/assemble.js`);
  const shared = readFileSync(sharedPath, "utf8").trim();
  floor = `; JSON.parse and assembly alone of the ${(shared.length / 1024).toFixed(0)} KiB the core writes for it: ${settled(() => assembleTrace(shared)).toFixed(3)} ms`;
}
console.log(`simulate blog-timeline, settled: the core ${warmCore.toFixed(3)} ms, plain JavaScript ${warmPlain.toFixed(3)} ms (${(warmPlain / warmCore).toFixed(2)}×)${floor}`);
