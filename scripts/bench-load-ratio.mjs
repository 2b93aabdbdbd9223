// The wasm/native ratio of loading a scenario, robust to this machine's noise: 7 fresh processes
// each, natively (examples/load.rs, built by `make bench` before this runs) and in wasm under Node.
// Each process loads the file once cold (a user's first load: fresh memory, and in wasm the first
// calls of the module's code, compiled lazily and then optimised) and then repeatedly for its steady
// cost (config.mjs's `loadInFreshNode`, examples/load.rs's `steady`); the medians across processes
// are compared.
// `node scripts/bench-load-ratio.mjs scenario.json`; run by `make bench`.
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { config, loadInFreshNode, median, root } from "./config.mjs";

const c = config();
const scenario = process.argv[2];
const runs = 7;

const native = Array.from({ length: runs }, () => {
  const line = execFileSync(join(root, "target/release/examples/load"), [scenario], { encoding: "utf8" });
  return { cold: Number(line.match(/load ([\d.]+) ms/)[1]), steady: Number(line.match(/steady load ([\d.]+) ms/)[1]) };
});
const wasm = Array.from({ length: runs }, () => loadInFreshNode(c.outDir, scenario, { steady: true }));
const ms = (x) => (x < 10 ? x.toFixed(2) : x.toFixed(0));
for (const kind of ["cold", "steady"]) {
  const [n, w] = [median(native.map((r) => r[kind])), median(wasm.map((r) => r[kind]))];
  console.log(`load ratio, ${kind === "cold" ? "first load in a fresh process" : "steady load, once warm"}: ${scenario.split("/").pop()} natively ${ms(n)} ms, in wasm (Node) ${ms(w)} ms, medians of ${runs} processes each: wasm/native ${(w / n).toFixed(2)}×`);
}
