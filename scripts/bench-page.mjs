// The page in headless Chromium: start-up (navigation to the first rendered step) beside a trivial
// page from the same server, and the main-thread time to render a step with 10,000 tasks (click
// Next, including style and layout), over every step of a generated scenario, and while scrubbing.
// `node scripts/bench-page.mjs` after `make build`; `make bench` runs it.
import { execFileSync } from "node:child_process";
import { launch, server } from "../tests/e2e/browser.mjs";

const quantile = (xs, q) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * q))];
const median = (xs) => quantile(xs, 0.5);
const spread = (xs) => `median ${median(xs).toFixed(1)} ms, 90th percentile ${quantile(xs, 0.9).toFixed(1)} ms, max ${Math.max(...xs).toFixed(1)} ms`;
const site = await server();
const browser = await launch();
const page = await (await browser.newContext()).newPage();

const starts = [];
const blanks = [];
for (let i = 0; i < 7; i++) {
  await page.goto(`${site.url}favicon.svg`);
  blanks.push(await page.evaluate(() => performance.getEntriesByType("navigation")[0].loadEventEnd));
  await page.goto(`${site.url}#v=1&s=blog-timeline&step=0`);
  await page.waitForFunction(() => performance.getEntriesByName("first-step").length > 0);
  starts.push(await page.evaluate(() => performance.getEntriesByName("first-step")[0].startTime));
}
const start = median(starts);
const blank = median(blanks);
console.log(`page start-up: first step rendered after ${start.toFixed(0)} ms; a trivial page loads in ${blank.toFixed(0)} ms (ratio ${(start / blank).toFixed(1)}×), medians of 7`);

// 40 events over two services of 5,000 tasks: every step shows 10,000 tasks.
const scenario = execFileSync("node", [new URL("big-scenario.mjs", import.meta.url).pathname, "40", "2"], { encoding: "utf8" });
const link = `#v=1&doc=${Buffer.from(scenario).toString("base64url")}&step=4`;
await page.goto(site.url + link);
await page.getByTestId("why").waitFor();
// Clicks a button (Next or Previous) until it is disabled or `most` times; each step's
// main-thread time, style and layout included.
const clicks = ([id, most]) => {
  const times = [];
  const button = document.getElementById(id);
  while (!button.disabled && times.length < most) {
    const t = performance.now();
    button.click();
    void document.body.offsetHeight; // style and layout, not only script
    times.push(performance.now() - t);
  }
  return times;
};
const stepToEnd = () => page.evaluate(clicks, ["next", Infinity]);
// The same at a reader's pace: after each step the page is left idle (as while someone reads it),
// which the page uses to compute the next step ahead (main.js, prepareNext).
const pacedClicks = async ([id, most]) => {
  const times = [];
  const button = document.getElementById(id);
  const idle = () => new Promise((done) => requestIdleCallback(() => done()));
  while (!button.disabled && times.length < most) {
    await idle();
    const t = performance.now();
    button.click();
    void document.body.offsetHeight;
    times.push(performance.now() - t);
  }
  return times;
};
const render = await stepToEnd();
const scrub = await page.evaluate(() => {
  const scrubber = document.getElementById("scrubber");
  const times = [];
  for (let i = Number(scrubber.max); i >= 4; i--) {
    const t = performance.now();
    scrubber.value = String(i);
    scrubber.dispatchEvent(new Event("input"));
    void document.body.offsetHeight;
    times.push(performance.now() - t);
  }
  return times;
});
const tasks = await page.evaluate(() => document.getElementById("transcript").textContent.match(/(\d+) of 5000/g));
// Where a step's time goes, from Chromium's own counters, in a separate pass over the same steps
// (the counters add overhead of their own, so the timings above are taken without them).
const cdp = await page.context().newCDPSession(page);
await cdp.send("Performance.enable");
const counters = async () => Object.fromEntries((await cdp.send("Performance.getMetrics")).metrics.map((m) => [m.name, m.value]));
const before = await counters();
const counted = (await stepToEnd()).length;
const after = await counters();
const perStep = (name) => `${(((after[name] - before[name]) * 1000) / counted).toFixed(1)} ms`;
await cdp.send("Performance.disable");
console.log(`page render with 10,000 tasks (${tasks?.length ?? 0} services of 5,000): ${spread(render)} per step over ${render.length} steps (${render.filter((t) => t > 16).length} over 16 ms); scrubbing back: ${spread(scrub)} (${scrub.filter((t) => t > 16).length} over 16 ms)`);
console.log(`page render, Chromium's counters per step over ${counted} steps (with their own overhead): script ${perStep("ScriptDuration")}, style ${perStep("RecalcStyleDuration")}, layout ${perStep("LayoutDuration")}`);

// The benchmark scenario (10,000 events that keep 1,000,000 tasks running in 200 services),
// opened as a file; 500 steps after the services are created, drawn with Next.
const big = execFileSync("node", [new URL("big-scenario.mjs", import.meta.url).pathname], { maxBuffer: 64 * 2 ** 20 });
await page.goto(site.url);
await page.getByTestId("why").waitFor();
await page.getByTestId("import-file").setInputFiles({ name: "big.json", mimeType: "application/json", buffer: big });
await page.getByTestId("scenario-title").filter({ hasText: "benchmark" }).waitFor({ timeout: 60_000 });
await page.evaluate(() => {
  const scrubber = document.getElementById("scrubber");
  scrubber.value = "203";
  scrubber.dispatchEvent(new Event("input"));
});
const bigSteps = await page.evaluate(clicks, ["next", 500]);
console.log(`page render of the 10,000-event, 1,000,000-task scenario: ${spread(bigSteps)} per step over ${bigSteps.length} steps (${bigSteps.filter((t) => t > 16).length} over 16 ms)`);
const pacedBig = await page.evaluate(pacedClicks, ["next", 500]);
console.log(`page render of the next 500 steps at a reader's pace (idle between steps): ${spread(pacedBig)} (${pacedBig.filter((t) => t > 16).length} over 16 ms)`);

// Bring your own fleet: 5,000 services and 1,000,000 tasks of describe-services output (12.8 MiB).
// The worker reads it; the main thread then opens the scenario the core wrote. Reports the whole
// import, the longest main-thread task during it, and stepping through the imported fleet.
const fleet = execFileSync("node", [new URL("big-fleet.mjs", import.meta.url).pathname], { maxBuffer: 64 * 2 ** 20 });
await page.goto(site.url);
await page.getByTestId("why").waitFor();
// Handing Playwright's 12.8 MiB to the file input is itself a long task in the page (the test
// harness, not the page's code), so only tasks that start after the page reacted are counted.
await page.evaluate(() => {
  window.longTasks = [];
  new PerformanceObserver((list) => { for (const e of list.getEntries()) window.longTasks.push([e.startTime, e.duration]); }).observe({ type: "longtask" });
  // Shown: after the frame that first paints "Imported" (a task queued from that frame's
  // animation callback runs once it has rendered). Read in the page, not when Playwright's polling
  // (up to 500 ms apart) notices it.
  const status = document.getElementById("fleet-status");
  new MutationObserver(() => {
    window.importStarted ??= performance.now();
    if (window.importSeen || !status.textContent.startsWith("Imported")) return;
    window.importSeen = true;
    requestAnimationFrame(() => setTimeout(() => { window.importShown = performance.now(); }));
  }).observe(status, { childList: true, subtree: true });
});
await page.getByTestId("fleet-files").setInputFiles({ name: "fleet.json", mimeType: "application/json", buffer: fleet });
await page.waitForFunction(() => window.importShown !== undefined, null, { timeout: 120_000 });
const { importMs, longTasks } = await page.evaluate(() => ({
  importMs: window.importShown - window.importStarted,
  longTasks: window.longTasks.filter(([start]) => start >= window.importStarted).map(([, duration]) => duration),
}));
const steps = await stepToEnd();
// And back to the import with Previous: each step is replayed from the copy of the world the
// handle kept after the import.
const back = await page.evaluate(clicks, ["prev", 4]);
// Forward and back again at a reader's pace.
const pacedSteps = await page.evaluate(pacedClicks, ["next", Infinity]);
const pacedBack = await page.evaluate(pacedClicks, ["prev", 4]);
console.log(`page import of 5,000 services / 1,000,000 tasks (${(fleet.length / 2 ** 20).toFixed(1)} MiB): ${importMs.toFixed(0)} ms from choosing the file until the frame that shows it has rendered (the chart, drawn in a task queued before, included); longest main-thread task ${Math.max(0, ...longTasks).toFixed(0)} ms (${longTasks.length} over 50 ms); stepping the imported fleet: median ${median(steps).toFixed(0)} ms, max ${Math.max(...steps).toFixed(0)} ms over ${steps.length} steps; back to the import: ${back.map((t) => t.toFixed(0)).join(", ")} ms`);
const list = (times) => times.map((t) => t.toFixed(0)).join(", ");
console.log(`page stepping the imported fleet at a reader's pace (idle between steps): forward ${list(pacedSteps)} ms; back to the import ${list(pacedBack)} ms`);
await browser.close();
await site.close();
