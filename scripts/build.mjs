// The release build of the browser package: wasm-pack (without its optimiser) into www/pkg, then
// wasm-opt from npm with the flags of wasm-pack.toml. Run through `make build`, which sets up the
// toolchain first.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { gzipSync } from "node:zlib";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { config, root, wasmPackBuild } from "./config.mjs";

const c = config();
const run = (cmd, args) => execFileSync(cmd, args, { cwd: root, stdio: "inherit" });

// Skip the whole build when nothing it reads has changed since the last one.
function inputsHash() {
  const hash = createHash("sha256");
  const add = (path) => {
    if (statSync(path).isDirectory()) for (const entry of readdirSync(path).sort()) add(join(path, entry));
    else hash.update(relative(root, path)).update(readFileSync(path));
  };
  for (const input of ["src", "Cargo.toml", "Cargo.lock", "wasm-pack.toml", "package-lock.json", "target/toolchain.env"]) {
    if (existsSync(join(root, input))) add(join(root, input));
  }
  return hash.digest("hex");
}
const stamp = join(c.outDir, ".build-inputs");
const hash = inputsHash();
if (existsSync(c.wasmFile) && existsSync(stamp) && readFileSync(stamp, "utf8") === hash) {
  console.error(`[build] ${relative(root, c.outDir)} is up to date`);
  process.exit(0);
}

console.error(`[build] wasm-pack build --release --target ${c.target} → ${relative(root, c.outDir)}`);
wasmPackBuild(c.outDir);
const before = statSync(c.wasmFile).size;
console.error(`[build] wasm-opt ${c.wasmOptArgs.join(" ")}`);
run(join(root, "node_modules/.bin/wasm-opt"), [...c.wasmOptArgs, c.wasmFile, "-o", c.wasmFile]);
const after = readFileSync(c.wasmFile);
console.error(
  `[build] ${relative(root, c.wasmFile)}: ${before} → ${after.length} bytes, ${gzipSync(after, { level: 9 }).length} gzipped`,
);
writeFileSync(stamp, hash);
