// Screenshots of the page for looking at it (and for the README):
// `node scripts/screenshot.mjs [out-dir] [hash]` after `make build`. Writes desktop and phone
// widths in light and dark.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { launch, server, watchedPage } from "../tests/e2e/browser.mjs";

const out = process.argv[2] ?? "target/screenshots";
const hash = process.argv[3] ?? "#v=1&s=blog-timeline&step=6";
mkdirSync(out, { recursive: true });
const site = await server();
const browser = await launch();
for (const [name, viewport] of [["desktop", { width: 1400, height: 1000 }], ["phone", { width: 375, height: 812 }]]) {
  for (const colorScheme of ["light", "dark"]) {
    // The CSP is bypassed for one style only: sections below the fold are drawn when scrolled near
    // (content-visibility), and a whole-page picture must show them all.
    const { page, context, problems } = await watchedPage(browser, site.url, { viewport, colorScheme, bypassCSP: true });
    await page.goto(site.url + hash);
    await page.getByTestId("why").waitFor();
    await page.addStyleTag({ content: "* { content-visibility: visible !important; }" });
    const file = join(out, `${name}-${colorScheme}.png`);
    await page.screenshot({ path: file, fullPage: true });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    console.log(`${file}${overflow > 0 ? ` (scrolls sideways by ${overflow}px)` : ""}${problems().length ? ` problems: ${problems().join("; ")}` : ""}`);
    await context.close();
  }
}
await browser.close();
await site.close();
