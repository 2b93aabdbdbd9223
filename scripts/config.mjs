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

export const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

// Loads `scenario` with the package in `dir` in a fresh Node process, so no run inherits another's
// JIT or memory: `{ cold }`, the first load's milliseconds, and with `steady` also `{ steady }`,
// about a second of repeated loads (9 to 200) and the median of the second half, as
// examples/load.rs's `steady` does natively.
export function loadInFreshNode(dir, scenario, { steady = false } = {}) {
  const { outName } = config();
  const code = `import { readFileSync } from "node:fs";
    const pkg = await import(${JSON.stringify(`file://${dir}/${outName}.js`)});
    pkg.initSync({ module: readFileSync(${JSON.stringify(join(dir, `${outName}_bg.wasm`))}) });
    const text = readFileSync(${JSON.stringify(scenario)}, "utf8");
    const load = () => {
      const t = performance.now();
      const playground = new pkg.Playground(text);
      const ms = performance.now() - t;
      playground.free();
      return ms;
    };
    const cold = load();
    if (!${steady}) {
      console.log(JSON.stringify({ cold }));
    } else {
      const start = performance.now();
      const times = [];
      while (times.length < 9 || (times.length < 200 && performance.now() - start < 1000)) times.push(load());
      const late = times.slice(times.length >> 1).sort((a, b) => a - b);
      console.log(JSON.stringify({ cold, steady: late[late.length >> 1] }));
    }`;
  return JSON.parse(execFileSync(process.execPath, ["--input-type=module", "-e", code], { encoding: "utf8" }));
}
