// Measures the release .wasm at opt-level "s" and "z" (each after the same wasm-opt pass as the
// real build) so the choice in Cargo.toml's [profile.release] rests on a number. Builds into
// target/opt-levels/, leaving www/pkg alone. Run by `make bench`.
import { execFileSync } from "node:child_process";
import { readFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { config, root } from "./config.mjs";

const c = config();
const results = [];
for (const level of ["s", "z"]) {
  const out = join(root, "target", "opt-levels", level);
  mkdirSync(out, { recursive: true });
  execFileSync("wasm-pack", ["--quiet", "build", "--release", "--no-opt", "--no-pack", "--target", c.target, "--out-dir", out, "--out-name", c.outName], {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, CARGO_PROFILE_RELEASE_OPT_LEVEL: level, CARGO_TARGET_DIR: join(root, "target", "opt-levels", `cargo-${level}`) },
  });
  const wasm = join(out, `${c.outName}_bg.wasm`);
  execFileSync(join(root, "node_modules/.bin/wasm-opt"), [...c.wasmOptArgs, wasm, "-o", wasm], { stdio: "inherit" });
  const bytes = readFileSync(wasm);
  results.push({ level, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length });
}
for (const r of results) console.log(`opt-level "${r.level}": ${r.raw} bytes raw, ${r.gzip} bytes gzipped (after wasm-opt)`);
const best = results.reduce((a, b) => (b.gzip < a.gzip ? b : a));
console.log(`smaller gzipped: opt-level "${best.level}"`);
