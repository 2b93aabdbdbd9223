// How soon a phone shows the first step and lets the user step (issue 16): `make dist` served
// with gzip, opened in Chromium with Lighthouse's mobile profile (150 ms round trip, 1.6 Mbps
// down, 750 Kbps up, CPU slowed 4×, cache off). "Readable" is when the first step is painted: the
// first contentful paint when the step is in the HTML, else the paint after the page drew it;
// "interactive" is when the page's controls work (its `interactive` mark). Medians of 3 fresh
// loads, then a repeat visit with a warm cache. `node scripts/bench-phone.mjs` after `make dist`.
import { join } from "node:path";
import { launch } from "../tests/e2e/browser.mjs";
import { serve } from "./serve.mjs";
import { median, root } from "./config.mjs";

const server = await serve(join(root, "dist"), 0, "127.0.0.1", "/", { gzip: true });
const url = `http://127.0.0.1:${server.address().port}/`;
const browser = await launch();

async function load(context, { cache }) {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: !cache });
  await cdp.send("Network.emulateNetworkConditions", {
    offline: false,
    latency: 150,
    downloadThroughput: (1.6 * 1024 * 1024) / 8,
    uploadThroughput: (750 * 1024) / 8,
  });
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
  await page.goto(url, { waitUntil: "commit" });
  await page.waitForFunction(() => performance.getEntriesByName("interactive").length > 0, null, { timeout: 60_000 });
  // The paint after the live page drew the step, when the HTML did not already hold it.
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
  const times = await page.evaluate(() => {
    const at = (name) => performance.getEntriesByName(name)[0]?.startTime;
    const fcp = performance.getEntriesByType("paint").find((p) => p.name === "first-contentful-paint")?.startTime;
    const prerendered = document.documentElement.dataset.prerendered !== undefined;
    const bytes = performance.getEntriesByType("resource").reduce((sum, r) => sum + r.transferSize, performance.getEntriesByType("navigation")[0].transferSize);
    const wasm = performance.getEntriesByType("resource").find((r) => r.name.endsWith(".wasm"));
    return {
      readable: prerendered ? fcp : at("first-step"),
      interactive: at("interactive"),
      bytes,
      prerendered,
      wasmArrived: wasm?.responseEnd,
      loaded: at("simulator-loaded"),
    };
  });
  await page.close();
  return times;
}

const cold = [];
for (let run = 0; run < 3; run++) {
  const context = await browser.newContext();
  cold.push(await load(context, { cache: false }));
  await context.close();
}
const warmContext = await browser.newContext();
await load(warmContext, { cache: true });
// Chromium keeps the compiled module for the next visit once the first has optimised it.
await new Promise((done) => setTimeout(done, 5000));
const warm = await load(warmContext, { cache: true });
await warmContext.close();
const ms = (xs) => `${median(xs).toFixed(0)} ms (runs: ${xs.map((x) => x.toFixed(0)).join(", ")})`;
console.log(`phone, first visit (${(cold[0].bytes / 1024).toFixed(0)} KiB transferred${cold[0].prerendered ? ", first step in the HTML" : ""}): readable ${ms(cold.map((c) => c.readable))}; interactive ${ms(cold.map((c) => c.interactive))}`);
console.log(`phone, repeat visit with a warm cache: readable ${warm.readable.toFixed(0)} ms; interactive ${warm.interactive.toFixed(0)} ms`);
const where = (run) => `the .wasm arrived at ${run.wasmArrived?.toFixed(0)} ms, the simulator was ready at ${run.loaded?.toFixed(0)} ms`;
console.log(`phone, where the time goes: first visit ${where(cold[1])}; repeat visit ${where(warm)}`);
await browser.close();
server.close();
