// How the native core's cost grows with events and with running tasks: generates the benchmark
// scenario at four sizes (scripts/big-scenario.mjs) and loads each with examples/load.rs.
// `node scripts/bench-scaling.mjs` (after `cargo build --release --example load`); `make bench` runs it.
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";

const rows = [];
for (const events of [1_000, 10_000]) {
  for (const services of [20, 200]) {
    const file = `target/scaling-${events}-${services}.json`;
    writeFileSync(file, execFileSync("node", [new URL("big-scenario.mjs", import.meta.url).pathname, String(events), String(services)]));
    const out = execFileSync("target/release/examples/load", [file], { encoding: "utf8" });
    const [, load, median, max, rss] = out.match(/load ([\d.]+) ms.*median ([\d.]+) ms, max ([\d.]+) ms; peak RSS (\d+) kB/);
    rows.push(`| ${events.toLocaleString("en")} | ${(services * 5000).toLocaleString("en")} | ${Math.round(load)} ms | ${median} ms | ${max} ms | ${Math.round(rss / 1024)} MB |`);
  }
}
console.log("scaling (native): | events | running tasks | load | summary median | summary max | peak RSS |");
for (const row of rows) console.log(`scaling (native): ${row}`);
