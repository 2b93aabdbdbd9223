// Prints the raw and gzipped size of the .wasm and of everything the page loads, and fails when a
// budget of wasm-pack.toml is exceeded. "Everything the page loads" is www/ minus what the page
// never requests (TypeScript types, the pkg's .gitignore).
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { gzipSync } from "node:zlib";
import { config, root } from "./config.mjs";
import { sections } from "./wasm-sections.mjs";

const c = config();
const www = join(root, "www");
const loaded = (path) => !/\.d\.ts$|\.gitignore$|package\.json$|\.build-inputs$/.test(path);
const files = [];
const walk = (dir) => {
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) walk(path);
    else if (loaded(path)) files.push(path);
  }
};
walk(www);
const gz = (buf) => gzipSync(buf, { level: 9 }).length;
let raw = 0, gzipped = 0;
for (const f of files) {
  const buf = readFileSync(f);
  raw += buf.length;
  gzipped += gz(buf);
}
const wasm = readFileSync(c.wasmFile);
const rows = [
  ["wasm", wasm.length, gz(wasm), c.budget.wasmGzip],
  [`page (${files.length} files)`, raw, gzipped, c.budget.pageGzip],
];
// Where the .wasm's bytes go: its sections, each gzipped on its own (code is the compiled Rust,
// data the strings and built-in scenarios).
const sectionNames = { 1: "types", 2: "imports", 3: "functions", 7: "exports", 10: "code", 11: "data" };
const bySection = {};
for (const { id, body } of sections(wasm)) {
  const name = sectionNames[id] ?? "other";
  bySection[name] = Buffer.concat([bySection[name] ?? Buffer.alloc(0), body]);
}
for (const [name, body] of Object.entries(bySection).sort((a, b) => b[1].length - a[1].length)) {
  console.log(`size wasm section ${name}: ${body.length} bytes raw, ${gz(body)} bytes gzipped alone`);
}
let failed = false;
for (const [name, r, g, budget] of rows) {
  const ok = g <= budget;
  failed ||= !ok;
  console.log(`size ${name}: ${r} bytes raw, ${g} bytes gzipped, budget ${budget} gzipped: ${ok ? "ok" : "OVER BUDGET"}`);
}
if (failed) {
  console.error(`files: ${files.map((f) => relative(root, f)).join(", ")}`);
  process.exit(1);
}
