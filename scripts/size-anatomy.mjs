// Where the .wasm's code comes from: rebuilds the module's optimised form with function names kept
// (wasm-bindgen --keep-debug, wasm-opt -g, from the cargo output of the last `make build`) and sums
// each function body's size by the crate its name starts with. Functions wasm-bindgen generates
// for an export (`playground_summary`, …) mostly hold our code inlined, so they count as ours.
// Run by `make bench`.
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { config, root } from "./config.mjs";

const c = config();
const out = join(root, "target", "size-anatomy");
mkdirSync(out, { recursive: true });
const cargoWasm = join(c.targetDir, "wasm32-unknown-unknown", "release", `${c.outName.replace(/-/g, "_")}.wasm`);
execFileSync("wasm-bindgen", ["--target", c.target, "--keep-debug", "--out-dir", out, "--out-name", "named", cargoWasm], { stdio: "inherit" });
const named = join(out, "named_bg.wasm");
execFileSync(join(root, "node_modules/.bin/wasm-opt"), [...c.wasmOptArgs, "-g", named, "-o", named], { stdio: "inherit" });

const bytes = readFileSync(named);
let at = 8;
const leb = () => {
  let value = 0, shift = 0, byte;
  do { byte = bytes[at++]; value += (byte & 0x7f) * 2 ** shift; shift += 7; } while (byte & 0x80);
  return value;
};
const name = () => { const n = leb(); const s = bytes.toString("utf8", at, at + n); at += n; return s; };
let importedFunctions = 0;
const bodySizes = [];
const names = new Map();
while (at < bytes.length) {
  const id = bytes[at++];
  const size = leb();
  const end = at + size;
  if (id === 2) {
    for (let i = leb(); i > 0; i--) {
      name(); name();
      const kind = bytes[at++];
      if (kind === 0) { leb(); importedFunctions++; }
      else if (kind === 1) { at++; const flags = leb(); leb(); if (flags & 1) leb(); }
      else if (kind === 2) { const flags = leb(); leb(); if (flags & 1) leb(); }
      else if (kind === 3) { at += 2; }
      else throw new Error(`unknown import kind ${kind}`);
    }
  } else if (id === 10) {
    for (let i = leb(); i > 0; i--) { const body = leb(); bodySizes.push(body); at += body; }
  } else if (id === 0 && name() === "name") {
    while (at < end) {
      const sub = bytes[at++];
      const subSize = leb();
      const subEnd = at + subSize;
      if (sub === 1) for (let i = leb(); i > 0; i--) { const index = leb(); names.set(index, name()); }
      at = subEnd;
    }
  }
  at = end;
}
const crateOf = (fn) => {
  if (/^playground_|^__wbg_| shim$/.test(fn)) return "latest_playground (export glue)";
  const m = fn.match(/^[<&*\s(]*(?:dyn |mut |const )*([A-Za-z_][A-Za-z0-9_]*)/);
  return m ? m[1] : "other";
};
const totals = new Map();
let total = 0;
bodySizes.forEach((size, i) => {
  const crate = crateOf(names.get(importedFunctions + i) ?? "");
  totals.set(crate, (totals.get(crate) ?? 0) + size);
  total += size;
});
const rows = [...totals].sort((a, b) => b[1] - a[1]);
const ours = rows.filter(([k]) => k.startsWith("latest_playground")).reduce((n, [, v]) => n + v, 0);
for (const [crate, size] of rows.slice(0, 12)) {
  console.log(`size anatomy: ${crate}: ${size} bytes of function bodies (${((100 * size) / total).toFixed(1)} %)`);
}
console.log(`size anatomy: this crate's own code is ${((100 * ours) / total).toFixed(1)} % of ${total} bytes of function bodies`);
