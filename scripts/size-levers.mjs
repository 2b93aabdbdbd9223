// What each setting of the browser build buys: builds the release .wasm with the levers of
// wasm-pack.toml and Cargo.toml added one at a time (each after the same wasm-opt pass as the real
// build) and prints raw and gzipped sizes, so every choice rests on a number. Builds into
// target/size-levers/, leaving www/pkg alone. Run by `make bench`.
import { execFileSync } from "node:child_process";
import { readFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { config, root, wasmPackBuild } from "./config.mjs";

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
  return { name, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
});
for (const r of results) console.log(`size lever: ${r.name}: ${r.raw} bytes raw, ${r.gzip} bytes gzipped`);
