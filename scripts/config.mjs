// Reads wasm-pack.toml, the browser build's settings and budgets (see its header), and runs the
// browser build the way it describes.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
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
    targetDir: join(root, build["target-dir"]),
    buildStd: build["build-std"] ?? [],
    buildStdFeatures: build["build-std-features"] ?? [],
    rustflags: build.rustflags ?? [],
    cargoConfig: build["cargo-config"] ?? [],
    wasmOptArgs: args,
    wasmFile: join(root, build["out-dir"], `${build["out-name"]}_bg.wasm`),
    budget: { wasmGzip: budget["wasm-gzip"], pageGzip: budget["page-gzip"] },
  };
}

// `wasm-pack build --release` without its optimiser into outDir; `settings` overrides what
// wasm-pack.toml says (scripts/size-levers.mjs builds with fewer levers), `env` adds variables.
export function wasmPackBuild(outDir, settings = {}, env = {}) {
  const c = { ...config(), ...settings };
  const cargoArgs = [];
  if (c.buildStd.length) cargoArgs.push(`-Zbuild-std=${c.buildStd.join(",")}`);
  if (c.buildStdFeatures.length) cargoArgs.push(`-Zbuild-std-features=${c.buildStdFeatures.join(",")}`);
  for (const setting of c.cargoConfig) cargoArgs.push("--config", setting);
  const unstable = cargoArgs.length > 0 || c.rustflags.some((flag) => flag.startsWith("-Z"));
  execFileSync(
    "wasm-pack",
    ["--quiet", "build", "--release", "--no-opt", "--no-pack", "--target", c.target, "--out-dir", relative(root, outDir), "--out-name", c.outName, ".", "--", ...cargoArgs],
    {
      cwd: root,
      stdio: "inherit",
      env: {
        ...process.env,
        CARGO_TARGET_DIR: c.targetDir,
        // -Z flags on a stable toolchain: build-std and location-detail are unstable options.
        ...(unstable ? { RUSTC_BOOTSTRAP: "1" } : {}),
        CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS: c.rustflags.join(" "),
        ...env,
      },
    },
  );
}
