// Reads wasm-pack.toml, the browser build's settings and budgets (see its header).
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "smol-toml";

export const root = join(dirname(fileURLToPath(import.meta.url)), "..");

export function config() {
  const toml = parse(readFileSync(join(root, "wasm-pack.toml"), "utf8"));
  const { build, budget } = toml;
  const args = toml["wasm-opt"].args;
  return {
    target: build.target,
    outDir: join(root, build["out-dir"]),
    outName: build["out-name"],
    wasmOptArgs: args,
    wasmFile: join(root, build["out-dir"], `${build["out-name"]}_bg.wasm`),
    budget: { wasmGzip: budget["wasm-gzip"], pageGzip: budget["page-gzip"] },
  };
}
