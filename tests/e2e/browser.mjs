// Shared by the browser tests and scripts/screenshot.mjs: Debian's Chromium driven by
// playwright-core, and the page served from a loopback static server.
import { chromium } from "playwright-core";
import { join } from "node:path";
import { root } from "../../scripts/config.mjs";
import { serve } from "../../scripts/serve.mjs";

export const CHROMIUM_ARGS = [
  "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync",
];

export async function launch() {
  return chromium.launch({ executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium", args: CHROMIUM_ARGS });
}

/** Serves `dir` (default www/) on 127.0.0.1 at `prefix`; returns `{url, close}`. */
export async function server(dir = join(root, "www"), prefix = "/") {
  const s = await serve(dir, 0, "127.0.0.1", prefix);
  return { url: `http://127.0.0.1:${s.address().port}${prefix}`, close: () => new Promise((ok) => s.close(ok)) };
}

/**
 * A page that records every console error, page error and request to another origin, so a test
 * can fail on any of them (`problems()`).
 */
export async function watchedPage(browser, base, options = {}) {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  const problems = [];
  const origin = new URL(base).origin;
  page.on("console", (m) => { if (m.type() === "error") problems.push(`console.error: ${m.text()}`); });
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  page.on("request", (r) => {
    const url = r.url();
    if (!url.startsWith(origin) && !url.startsWith("data:") && !url.startsWith("blob:")) problems.push(`request to another origin: ${url}`);
  });
  return { page, context, problems: () => problems };
}

/**
 * Opens the page of `site` at `hash` in a fresh context, runs `story(page)`, then asserts nothing
 * went wrong behind the scenes (console errors, page errors, requests to another origin).
 */
export async function visit(browser, site, hash, story, options = {}) {
  const { page, context, problems } = await watchedPage(browser, site.url, options);
  try {
    await page.goto(site.url + hash);
    await page.getByTestId("why").waitFor();
    await story(page);
    const seen = problems();
    if (seen.length) throw new Error(`behind the scenes: ${seen.join("; ")}`);
  } finally {
    await context.close();
  }
}
