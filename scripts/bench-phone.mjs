// How soon a phone shows the first step and lets the user step (issue 16): `make dist` served
// with gzip, opened in Chromium with Lighthouse's mobile profile (150 ms round trip, 1.6 Mbps
// down, 750 Kbps up, CPU slowed 4×, cache off, a 412×823 screen at 1.75 device pixels per CSS
// pixel). The floor is the same measurement of a page with one heading, one button and one
// module script that marks itself interactive: what no page can beat on this machine. "Readable" is when the first step is painted: the
// first contentful paint when the step is in the HTML, else the paint after the page drew it;
// "interactive" is when the page's controls work (its `interactive` mark). Medians of 7 fresh
// loads, then a repeat visit with a warm cache. `node scripts/bench-phone.mjs` after `make dist`.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { launch } from "../tests/e2e/browser.mjs";
import { serve } from "./serve.mjs";
import { median, root } from "./config.mjs";

const server = await serve(join(root, "dist"), 0, "127.0.0.1", "/", { gzip: true });
const url = `http://127.0.0.1:${server.address().port}/`;
const empty = mkdtempSync(join(tmpdir(), "floor-"));
writeFileSync(join(empty, "index.html"), '<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>floor</title><script type="module" src="main.js"></script></head><body><h1>Floor</h1><button type="button">Next</button></body></html>');
writeFileSync(join(empty, "main.js"), 'performance.mark("first-step"); performance.mark("interactive"); performance.mark("simulator-loaded");');
const floorServer = await serve(empty, 0, "127.0.0.1", "/", { gzip: true });
const browser = await launch();
/** Lighthouse's mobile screen (a Moto G Power). */
const PHONE = { viewport: { width: 412, height: 823 }, deviceScaleFactor: 1.75, isMobile: true, hasTouch: true };

async function load(context, { cache, at = url }) {
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
  await page.goto(at, { waitUntil: "commit" });
  // Both marks: the page works, and so does everything that needs the simulator.
  await page.waitForFunction(() => ["interactive", "simulator-loaded"].every((name) => performance.getEntriesByName(name).length > 0), null, { timeout: 60_000 });
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

/** Loads per median: this 2-core machine's times vary by a third from one load to the next. */
const RUNS = Number(process.env.PHONE_RUNS ?? 7);
const cold = [];
for (let run = 0; run < RUNS; run++) {
  const context = await browser.newContext(PHONE);
  cold.push(await load(context, { cache: false }));
  await context.close();
}
const floor = [];
for (let run = 0; run < RUNS; run++) {
  const context = await browser.newContext(PHONE);
  floor.push(await load(context, { cache: false, at: `http://127.0.0.1:${floorServer.address().port}/` }));
  await context.close();
}
const floorContext = await browser.newContext(PHONE);
const floorAt = `http://127.0.0.1:${floorServer.address().port}/`;
await load(floorContext, { cache: true, at: floorAt });
const floorWarm = await load(floorContext, { cache: true, at: floorAt });
await floorContext.close();
const warmContext = await browser.newContext(PHONE);
await load(warmContext, { cache: true });
// Chromium keeps the compiled module for the next visit once the first has optimised it.
await new Promise((done) => setTimeout(done, 5000));
const warm = await load(warmContext, { cache: true });
await warmContext.close();
const ms = (xs) => `${median(xs).toFixed(0)} ms (runs: ${xs.map((x) => x.toFixed(0)).join(", ")})`;
console.log(`phone, first visit (${(cold[0].bytes / 1024).toFixed(0)} KiB transferred${cold[0].prerendered ? ", first step in the HTML" : ""}): readable ${ms(cold.map((c) => c.readable))}; interactive ${ms(cold.map((c) => c.interactive))}`);
console.log(`phone, the floor (an empty page with one module script): interactive ${ms(floor.map((c) => c.interactive))}; on a repeat visit ${floorWarm.interactive.toFixed(0)} ms`);
console.log(`phone, repeat visit with a warm cache: readable ${warm.readable.toFixed(0)} ms; interactive ${warm.interactive.toFixed(0)} ms`);
console.log(`phone, everything (the simulator too) ready: first visit ${ms(cold.map((c) => c.loaded))}, the .wasm arriving at ${ms(cold.map((c) => c.wasmArrived))}; repeat visit ${warm.loaded.toFixed(0)} ms`);
await browser.close();
server.close();
floorServer.close();
