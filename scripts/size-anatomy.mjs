// Where the .wasm's code comes from: rebuilds the module's optimised form with function names kept
// (wasm-bindgen --keep-debug, wasm-opt -g, from the cargo output of the last `make build`) and sums
// each function body's size by the crate its name starts with, then this crate's by module. Functions
// wasm-bindgen generates for an export (`playground_summary`, …) mostly hold our code inlined, so
// they count as ours, listed by export.
// Run by `make bench`.
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { config, root } from "./config.mjs";
import { reader, sections } from "./wasm-sections.mjs";

const c = config();
const out = join(root, "target", "size-anatomy");
mkdirSync(out, { recursive: true });
const cargoWasm = join(c.targetDir, "wasm32-unknown-unknown", "release", `${c.outName.replace(/-/g, "_")}.wasm`);
execFileSync("wasm-bindgen", ["--target", c.target, "--keep-debug", "--out-dir", out, "--out-name", "named", cargoWasm], { stdio: "inherit" });
const named = join(out, "named_bg.wasm");
execFileSync(join(root, "node_modules/.bin/wasm-opt"), [...c.wasmOptArgs, "-g", named, "-o", named], { stdio: "inherit" });

const bytes = readFileSync(named);
let importedFunctions = 0;
const bodySizes = [];
const names = new Map();
for (const { id, body } of sections(bytes)) {
  const r = reader(body);
  if (id === 2) {
    for (let i = r.leb(); i > 0; i--) {
      r.name(); r.name();
      const kind = body[r.at++];
      if (kind === 0) { r.leb(); importedFunctions++; }
      else if (kind === 1) { r.at++; const flags = r.leb(); r.leb(); if (flags & 1) r.leb(); }
      else if (kind === 2) { const flags = r.leb(); r.leb(); if (flags & 1) r.leb(); }
      else if (kind === 3) { r.at += 2; }
      else throw new Error(`unknown import kind ${kind}`);
    }
  } else if (id === 10) {
    for (let i = r.leb(); i > 0; i--) { const size = r.leb(); bodySizes.push(size); r.at += size; }
  } else if (id === 0 && r.name() === "name") {
    while (r.at < body.length) {
      const sub = body[r.at++];
      const size = r.leb();
      const end = r.at + size;
      if (sub === 1) for (let i = r.leb(); i > 0; i--) { const index = r.leb(); names.set(index, r.name()); }
      r.at = end;
    }
  }
}
const crateOf = (fn) => {
  if (/^playground_|^__wbg_| shim$/.test(fn)) return "latest_playground (export glue)";
  const m = fn.match(/^[<&*\s(]*(?:dyn |mut |const )*([A-Za-z_][A-Za-z0-9_]*)/);
  return m ? m[1] : "other";
};
// Within this crate: its module (`trace`, `scenario`, …), or the export whose glue holds the code.
const partOf = (fn, crate) =>
  crate === "latest_playground"
    ? `module ${fn.match(/latest_playground(?:\[\w+\])?::(\w+)/)?.[1] ?? "(crate root)"}`
    : `export ${fn.replace(/ (multivalue|externref) shim/g, "").replace(/^playground_/, "Playground.")}`;
const add = (map, key, size) => map.set(key, (map.get(key) ?? 0) + size);
const totals = new Map();
const ourParts = new Map();
let total = 0;
bodySizes.forEach((size, i) => {
  const fn = names.get(importedFunctions + i) ?? "";
  const crate = crateOf(fn);
  add(totals, crate, size);
  if (crate.startsWith("latest_playground")) add(ourParts, partOf(fn, crate), size);
  total += size;
});
const rows = [...totals].sort((a, b) => b[1] - a[1]);
const ours = rows.filter(([k]) => k.startsWith("latest_playground")).reduce((n, [, v]) => n + v, 0);
for (const [crate, size] of rows.slice(0, 12)) {
  console.log(`size anatomy: ${crate}: ${size} bytes of function bodies (${((100 * size) / total).toFixed(1)} %)`);
}
for (const [part, size] of [...ourParts].sort((a, b) => b[1] - a[1]).slice(0, 16)) {
  console.log(`size anatomy: latest_playground ${part}: ${size} bytes (${((100 * size) / total).toFixed(1)} %)`);
}
console.log(`size anatomy: this crate's own code is ${((100 * ours) / total).toFixed(1)} % of ${total} bytes of function bodies`);
