// What each setting of the browser build buys and costs: builds the release .wasm with the levers
// of wasm-pack.toml and Cargo.toml added one at a time (each after the same wasm-opt pass as the
// real build) and prints raw and gzipped sizes and, given a scenario file, the median time to load
// it in Node over 7 fresh processes; then what wasm-opt's heavier passes would take off on top.
// Builds into target/size-levers/, leaving www/pkg alone.
// `node scripts/size-levers.mjs [scenario.json]`; run by `make bench` with the big scenario.
import { execFileSync } from "node:child_process";
import { readFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { config, loadInFreshNode, median, root, wasmPackBuild } from "./config.mjs";

const c = config();
const variants = [
  ["prebuilt standard library, opt-level \"z\"", { buildStd: [], buildStdFeatures: [], rustflags: [], cargoConfig: [] }, {}],
  ["+ build-std (std compiled at our opt-level \"z\")", { buildStdFeatures: [], rustflags: [], cargoConfig: [] }, {}],
  ["+ optimize_for_size", { rustflags: [], cargoConfig: [] }, {}],
  ["+ -Zlocation-detail=none", { cargoConfig: [] }, {}],
  ["+ std at opt-level 3 (the real build)", {}, {}],
  ["the real build at opt-level \"s\"", {}, { CARGO_PROFILE_RELEASE_OPT_LEVEL: "s" }],
];
const results = variants.map(([name, settings, env], n) => {
  const out = join(root, "target", "size-levers", `${n}`);
  mkdirSync(out, { recursive: true });
  wasmPackBuild(out, { ...settings, targetDir: join(out, "cargo") }, env);
  const wasm = join(out, `${c.outName}_bg.wasm`);
  execFileSync(join(root, "node_modules/.bin/wasm-opt"), [...c.wasmOptArgs, wasm, "-o", wasm], { stdio: "inherit" });
  const bytes = readFileSync(wasm);
  return { name, out, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
});
const scenario = process.argv[2];
const loadMs = (out) => median(Array.from({ length: 7 }, () => loadInFreshNode(out, scenario).cold));
for (const r of results) {
  const speed = scenario ? `; loads ${scenario.split("/").pop()} in ${loadMs(r.out).toFixed(0)} ms (median of 7)` : "";
  console.log(`size lever: ${r.name}: ${r.raw} bytes raw, ${r.gzip} bytes gzipped${speed}`);
}

// wasm-opt's heavier passes, run again over the real build's optimised module.
const real = join(results[4].out, `${c.outName}_bg.wasm`);
const features = c.wasmOptArgs.filter((arg) => arg.startsWith("--enable-"));
for (const passes of [["-Oz", "--converge"], ["-Oz", "--gufa", "-Oz"], ["--flatten", "--rereloop", "-Oz", "-Oz"]]) {
  const out = join(root, "target", "size-levers", "passes.wasm");
  execFileSync(join(root, "node_modules/.bin/wasm-opt"), [...features, ...passes, real, "-o", out], { stdio: "inherit" });
  const bytes = readFileSync(out);
  console.log(`size lever: the real build, then wasm-opt ${passes.join(" ")}: ${bytes.length} bytes raw, ${gzipSync(bytes, { level: 9 }).length} bytes gzipped`);
}
