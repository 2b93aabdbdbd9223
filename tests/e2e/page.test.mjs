// The page as a user meets it, in Debian's Chromium: stories driven by accessible names and test
// ids. Every test fails on a console error, a page error or a request to another origin.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { launch, server, watchedPage, visit as visitPage } from "./browser.mjs";

let browser, site;
before(async () => {
  site = await server();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await site?.close();
});

const visit = (hash, story, options) => visitPage(browser, site, hash, story, options);

const taskVersions = (page, service) =>
  page.getByTestId(`service-${service}`).locator(".chip:not(.stopped) .chip-version").allTextContents();

test("stepping to the scale-out: the new tasks run 1.2.0 while LATEST means 1.3.0", async () => {
  await visit("", async (page) => {
    assert.equal(await page.getByTestId("position").textContent(), "Step 1 of 13 · 2018-09-10");
    for (let i = 0; i < 6; i++) await page.getByRole("button", { name: "Next", exact: true }).click();
    assert.match(await page.getByTestId("position").textContent(), /^Step 7 of 13/);
    assert.equal(await page.getByTestId("latest-LINUX").locator("xpath=..").locator(".version-number").textContent(), "1.3.0");
    assert.deepEqual(await taskVersions(page, "web"), ["1.2.0", "1.2.0", "1.2.0", "1.2.0"]);
    assert.equal(await page.getByTestId("shown-web").textContent(), "LATEST");
    assert.equal(await page.getByTestId("resolved-web").textContent(), "1.2.0");
    assert.equal(await page.getByTestId("task-web-4").locator(".chip-revision").textContent(), "r2");
    assert.match(await page.getByTestId("task-web-4").getAttribute("class"), /started/);
    assert.match(await page.getByTestId("why").textContent(), /LATEST, now 1\.3\.0, is not re-resolved/);
    assert.equal(await page.getByTestId("command").textContent(), "aws ecs update-service --service web --desired-count 4");
  });
});

test("the update re-resolves LATEST: every task runs 1.3.0", async () => {
  await visit("#v=1&s=blog-timeline&step=6", async (page) => {
    await page.getByRole("button", { name: "Next", exact: true }).click();
    assert.deepEqual(await taskVersions(page, "web"), ["1.3.0", "1.3.0", "1.3.0", "1.3.0"]);
    assert.equal(await page.getByTestId("resolved-web").textContent(), "1.3.0");
    assert.equal(await page.getByTestId("fleet").locator(".chip.stopped").count(), 4, "the old tasks are shown stopped");
  });
});

test("a deep link reopens exactly that step after a reload", async () => {
  await visit("#v=1&s=latest-held&step=4", async (page) => {
    assert.equal(await page.getByTestId("scenario-picker").inputValue(), "latest-held");
    assert.match(await page.getByTestId("position").textContent(), /^Step 5 of 11/);
    assert.equal(await page.getByTestId("aws-error").textContent(), "PlatformTaskDefinitionIncompatibilityException: One or more of the requested capabilities are not supported. — AWS's own words.");
    await page.getByRole("button", { name: "Next", exact: true }).click();
    assert.match(page.url(), /#v=1&s=latest-held&step=5$/);
    await page.reload();
    await page.getByTestId("why").waitFor();
    assert.match(await page.getByTestId("position").textContent(), /^Step 6 of 11/);
  });
});

test("importing a broken file shows its located error and keeps the scenario", async () => {
  await visit("#v=1&s=blog-timeline&step=3", async (page) => {
    const broken = '{"format": "fargate-pv-scenario/1",\n "events": [\n  {"at": "2019-01-01" "do": "x"}]}';
    await page.getByTestId("import-file").setInputFiles({ name: "broken.json", mimeType: "application/json", buffer: Buffer.from(broken) });
    const banner = page.getByTestId("banner");
    await banner.filter({ hasText: "broken.json" }).waitFor();
    assert.match(await banner.textContent(), /broken\.json could not be opened: Invalid JSON at line 3, column 23: .*\(line 3, column 23\) \[InvalidJson\] The current scenario is unchanged\./);
    assert.match(await page.getByTestId("position").textContent(), /^Step 4 of 13/);
    assert.equal(await page.getByTestId("scenario-title").textContent(), "The blog's worked example: LATEST is resolved once");

    const wrongShape = JSON.stringify({ format: "fargate-pv-scenario/1", events: [{ at: "2019-01-01", do: "scale-service", service: "a", desiredCount: "two" }] });
    await page.getByTestId("import-file").setInputFiles({ name: "shape.json", mimeType: "application/json", buffer: Buffer.from(wrongShape) });
    await banner.filter({ hasText: "shape.json" }).waitFor();
    assert.match(await banner.textContent(), /\(at \/events\/0\/desiredCount\) \[InvalidField\]/);

    await page.getByTestId("import-file").setInputFiles({ name: "latin1.json", mimeType: "application/json", buffer: Buffer.from([0x7b, 0xe9, 0x7d]) });
    await banner.filter({ hasText: "latin1.json" }).waitFor();
    assert.match(await banner.textContent(), /latin1\.json could not be opened: Invalid JSON at line 1, column 2: byte 0xE9 is not UTF-8 text; save the file as UTF-8\. \(line 1, column 2\) \[InvalidJson\] The current scenario is unchanged\./);
  });
});

test("a good imported file replaces the scenario, and its link survives a reload", async () => {
  await visit("", async (page) => {
    const text = readFileSync(new URL("../../src/builtin/revision-retirement.json", import.meta.url));
    await page.getByTestId("import-file").setInputFiles({ name: "mine.json", mimeType: "application/json", buffer: text });
    await page.getByTestId("scenario-title").filter({ hasText: "Revision retirement" }).waitFor();
    await page.getByRole("button", { name: "Last", exact: true }).click();
    assert.match(page.url(), /#v=1&doc=[A-Za-z0-9_-]+&step=10$/);
    await page.reload();
    await page.getByTestId("why").waitFor();
    assert.match(await page.getByTestId("position").textContent(), /^Step 11 of 11/);
    assert.equal(await page.getByTestId("scenario-title").textContent(), "Revision retirement: patches are retired, tasks are replaced");
  });
});

test("scenario text is shown as text, never run as HTML", async () => {
  const hostile = JSON.stringify({
    format: "fargate-pv-scenario/1",
    title: "<img src=x onerror=\"document.body.dataset.pwned=1\">Title",
    events: [
      { at: "2019-01-01", do: "release-version", version: "1.2.0", features: ["<b>bold</b>"], note: "<script>document.body.dataset.pwned=1</script>" },
      { at: "2019-01-01", do: "move-latest", to: "1.2.0" },
      { at: "2019-01-02", do: "create-service", service: "<svg onload=alert(1)>", note: "<a href=javascript:alert(1)>x</a>" },
    ],
  });
  await visit("", async (page) => {
    await page.getByTestId("import-file").setInputFiles({ name: "x.json", mimeType: "application/json", buffer: Buffer.from(hostile) });
    await page.getByTestId("scenario-title").filter({ hasText: "<img" }).waitFor();
    assert.equal(await page.getByTestId("scenario-title").textContent(), "<img src=x onerror=\"document.body.dataset.pwned=1\">Title");
    assert.equal(await page.getByTestId("note").textContent(), "<script>document.body.dataset.pwned=1</script>");
    await page.getByRole("button", { name: "Last", exact: true }).click();
    assert.match(await page.getByTestId("why").textContent(), /Invalid service name "<svg onload=alert\(1\)>"/);
    assert.equal(await page.locator("main img, main svg:not(.chart-svg), main script, main b, main a").count(), 0);
    assert.equal(await page.locator(".chart-svg *").evaluateAll((nodes) => nodes.filter((n) => !["text", "title", "rect", "line", "circle", "g"].includes(n.tagName)).length), 0, "the chart holds only its own shapes and text");
    assert.equal(await page.evaluate(() => document.body.dataset.pwned), undefined);
  });
});

test("keyboard only: Tab to the controls, arrows, Home, End and Space walk the timeline", async () => {
  await visit("", async (page) => {
    const position = () => page.getByTestId("position").textContent();
    await page.keyboard.press("ArrowRight");
    await page.keyboard.press("ArrowRight");
    assert.match(await position(), /^Step 3 of 13/);
    await page.keyboard.press("End");
    assert.match(await position(), /^Step 13 of 13/);
    await page.keyboard.press("Home");
    assert.match(await position(), /^Step 1 of 13/);
    // Tab reaches the Next button; Enter presses it; the focus ring is visible.
    for (let i = 0; i < 20; i++) {
      await page.keyboard.press("Tab");
      if ((await page.evaluate(() => document.activeElement?.id)) === "next") break;
    }
    assert.equal(await page.evaluate(() => document.activeElement?.id), "next");
    await page.keyboard.press("Enter");
    assert.match(await position(), /^Step 2 of 13/);
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
    assert.notEqual(outline, "none");
    // The marker strip is one Tab stop; arrows move within it.
    await page.getByTestId("marker-1").focus();
    await page.keyboard.press("ArrowRight");
    assert.match(await position(), /^Step 3 of 13/);
    assert.equal(await page.evaluate(() => document.activeElement?.dataset.index), "2");
    // Space plays from the page body and pauses again.
    await page.evaluate(() => document.activeElement.blur());
    await page.keyboard.press(" ");
    assert.equal(await page.getByTestId("play").innerText(), "⏸ Pause");
    await page.keyboard.press(" ");
    assert.equal(await page.getByTestId("play").innerText(), "▶ Play");
  });
});

test("a long story's marker strip holds the markers around the current step, and follows it by keyboard to the end", async () => {
  const scenario = execFileSync("node", [fileURLToPath(new URL("../../scripts/big-scenario.mjs", import.meta.url)), "600", "2"], { encoding: "utf8" });
  await visit(`#v=1&doc=${Buffer.from(scenario).toString("base64url")}&step=300`, async (page) => {
    const drawn = () => page.locator("#markers button[data-index]").evaluateAll((buttons) => buttons.map((b) => Number(b.dataset.index)));
    let indices = await drawn();
    assert.equal(indices.length, 201);
    assert.deepEqual([indices[0], indices.at(-1)], [200, 400]);
    assert.equal(await page.getByTestId("markers-earlier").textContent(), "200 earlier events: use the scrubber");
    assert.equal(await page.getByTestId("markers-later").textContent(), "199 later events: use the scrubber");
    await page.getByTestId("marker-300").focus();
    for (let i = 0; i < 15; i++) await page.keyboard.press("ArrowRight");
    assert.match(await page.getByTestId("position").textContent(), /^Step 316 of 600/);
    assert.equal(await page.evaluate(() => document.activeElement?.dataset.index), "315");
    indices = await drawn();
    // Re-centred when the step was ten from its centre (step 311), not at every step.
    assert.deepEqual([indices[0], indices.at(-1)], [210, 410], "the window moved with the step");
    await page.keyboard.press("End");
    assert.match(await page.getByTestId("position").textContent(), /^Step 600 of 600/);
    assert.equal(await page.evaluate(() => document.activeElement?.dataset.index), "599");
    assert.equal(await page.getByTestId("markers-later").count(), 0);
    assert.equal(await page.getByTestId("markers-earlier").textContent(), "399 earlier events: use the scrubber");
    const contiguous = (xs, first, last) => xs.length === last - first + 1 && xs.every((x, k) => x === first + k);
    assert.ok(contiguous(await drawn(), 399, 599), "the strip holds 399–599 in order");
    for (let i = 0; i < 25; i++) await page.keyboard.press("ArrowLeft");
    assert.match(await page.getByTestId("position").textContent(), /^Step 575 of 600/);
    indices = await drawn();
    assert.ok(contiguous(indices, indices[0], indices[0] + 200) && indices[0] < 574, "moved back, still in order");
    await page.keyboard.press("Home");
    assert.ok(contiguous(await drawn(), 0, 200));
    assert.equal(await page.getByTestId("markers-earlier").count(), 0);
    assert.equal(await page.getByTestId("markers-later").textContent(), "399 later events: use the scrubber");
  });
});

test("each step is announced to screen readers and mirrored in a text table", async () => {
  await visit("#v=1&s=blog-timeline&step=5", async (page) => {
    assert.equal(await page.getByTestId("announce").getAttribute("aria-live"), "polite");
    await page.getByRole("button", { name: "Next", exact: true }).click();
    assert.match(await page.getByTestId("announce").textContent(), /^Step 7 of 13, 2019-02-01: web scaled from 2 to 4 tasks/);
    const row = page.getByTestId("transcript-table").locator("tbody tr").first();
    assert.deepEqual(await row.locator("th, td").allTextContents(), ["web", "LATEST", "web/1 on 1.2.0", "4 of 4: 2 × 1.2.0 patch r1, 2 × 1.2.0 patch r2"]);
  });
});

test("axe-core finds no serious or critical accessibility violations, light and dark", async () => {
  const require = createRequire(import.meta.url);
  const axe = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
  for (const colorScheme of ["light", "dark"]) {
    for (const hash of ["#v=1&s=blog-timeline&step=6", "#v=1&s=al1-deprecation&step=12", "#v=1&s=eks-on-fargate&step=9", "#v=1&s=latest-held&step=4"]) {
      // axe is injected as a script, which the page's CSP forbids; only this check bypasses it.
      await visit(hash, async (page) => {
        await page.getByTestId("chart-svg").waitFor();
        await page.addScriptTag({ content: axe });
        const result = await page.evaluate(async () => await globalThis.axe.run(document, { resultTypes: ["violations"] }));
        const bad = result.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
        assert.deepEqual(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")}`), [], `${colorScheme} ${hash}`);
      }, { colorScheme, bypassCSP: true });
    }
  }
});

test("usable at 375 px wide without sideways scrolling", async () => {
  await visit("#v=1&s=aws-history&step=20", async (page) => {
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.equal(overflow, 0);
    await page.getByRole("button", { name: "Next", exact: true }).click();
    assert.match(await page.getByTestId("position").textContent(), /^Step 22 of 34/);
  }, { viewport: { width: 375, height: 812 } });
});

test("if the WebAssembly cannot load, a banner says so instead of a blank page", async () => {
  const { page, context } = await watchedPage(browser, site.url);
  try {
    await page.route("**/*.wasm", (route) => route.abort());
    await page.goto(site.url);
    const banner = page.getByTestId("banner");
    await banner.waitFor();
    assert.match(await banner.textContent(), /The simulator could not load\./);
    assert.equal(await page.getByTestId("loading").isVisible(), false);
  } finally {
    await context.close();
  }
});

test("a link from an unknown future version explains itself and opens the default", async () => {
  await visit("#v=9&s=blog-timeline&step=3", async (page) => {
    assert.match(await page.getByTestId("banner").textContent(), /newer or unknown version of the playground \(v=9\)/);
    assert.match(await page.getByTestId("position").textContent(), /^Step 1 of 13/);
  });
});

test("dist/ works under a sub-path, loading only from there", async () => {
  const sub = await server(fileURLToPath(new URL("../../dist", import.meta.url)), "/playground/");
  const { page, context, problems } = await watchedPage(browser, sub.url);
  try {
    const paths = [];
    page.on("request", (r) => paths.push(new URL(r.url()).pathname));
    await page.goto(`${sub.url}#v=1&s=blog-timeline&step=6`);
    await page.getByTestId("why").waitFor();
    assert.match(await page.getByTestId("position").textContent(), /^Step 7 of 13/);
    assert.ok(paths.some((p) => /^\/playground\/pkg\/latest_playground_bg\.[0-9a-f]{10}\.wasm$/.test(p)), "the .wasm, by its hashed name");
    assert.equal(paths.filter((p) => p.endsWith(".wasm")).length, 1, "fetched once: the preload is the fetch the page uses");
    assert.deepEqual(paths.filter((p) => !p.startsWith("/playground/")), []);
    assert.deepEqual(problems(), []);
  } finally {
    await context.close();
    await sub.close();
  }
});

test("dist/index.html holds the default first step as the live page draws it, and a link to another step never shows it", async () => {
  const sub = await server(fileURLToPath(new URL("../../dist", import.meta.url)), "/playground/");
  const panels = ["scenario-title", "position", "versions", "fleet", "explanation", "transcript", "markers"];
  const read = (page) => Promise.all(panels.map((id) => page.getByTestId(id).evaluate((el) => el.textContent)));
  try {
    // Without scripts: what a phone shows before the simulator has loaded.
    const still = await browser.newContext({ javaScriptEnabled: false });
    const plain = await still.newPage();
    await plain.goto(sub.url);
    const prerendered = await read(plain);
    assert.equal(await plain.getByTestId("fleet").isVisible(), true);
    assert.match(prerendered[1], /^Step 1 of 13/);
    await still.close();
    const { page, context, problems } = await watchedPage(browser, sub.url);
    await page.goto(sub.url);
    await page.waitForFunction(() => document.documentElement.classList.contains("live"));
    assert.deepEqual(await read(page), prerendered, "the live page draws what the HTML held");
    assert.deepEqual(problems(), []);
    await page.close();
    // A link to step 7, in a new page: the HTML's step 1 is hidden until the page has drawn step 7.
    const linked = await context.newPage();
    const seen = [];
    await linked.exposeFunction("sawPosition", (text) => seen.push(text));
    await linked.addInitScript(() => {
      new MutationObserver(() => {
        const app = document.getElementById("app");
        if (app && getComputedStyle(app).visibility !== "hidden") window.sawPosition?.(document.getElementById("position")?.textContent ?? "");
      }).observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
    });
    await linked.goto(`${sub.url}#v=1&s=blog-timeline&step=6`);
    await linked.waitForFunction(() => document.documentElement.classList.contains("live"));
    assert.match(await linked.getByTestId("position").textContent(), /^Step 7 of 13/);
    assert.ok(seen.length > 0, "the page was watched");
    assert.deepEqual(seen.filter((text) => text.startsWith("Step 1 of")), [], "step 1 was never shown");
    await context.close();
  } finally {
    await sub.close();
  }
});

test("dist/ steps through the default story before the .wasm arrives; what needs the simulator waits for it, and every recorded step is the live one", async () => {
  const sub = await server(fileURLToPath(new URL("../../dist", import.meta.url)), "/playground/");
  const panels = ["position", "versions", "fleet", "explanation", "transcript", "command"];
  const read = (page) => page.evaluate((ids) => ids.map((id) => document.querySelector(`[data-testid="${id}"]`)?.textContent ?? null), panels);
  const { page, context, problems } = await watchedPage(browser, sub.url);
  try {
    let release;
    const held = new Promise((ok) => { release = ok; });
    await page.route("**/*.wasm", async (route) => {
      await held;
      await route.continue();
    });
    await page.goto(sub.url);
    await page.waitForFunction(() => document.documentElement.classList.contains("live"));
    assert.equal(await page.evaluate(() => performance.getEntriesByName("simulator-loaded").length), 0, "the .wasm is still held back");
    const recorded = [];
    for (let i = 0; i < 13; i++) {
      recorded.push(await read(page));
      if (i < 12) await page.getByRole("button", { name: "Next", exact: true }).click();
    }
    assert.match(recorded[12][0], /^Step 13 of 13/);
    // Asked before the simulator has loaded: it says so, then does it.
    await page.getByTestId("scenario-picker").selectOption("eks-on-fargate");
    assert.match(await page.getByTestId("notice").textContent(), /The simulator is still loading; this happens as soon as it has\./);
    assert.match(await page.getByTestId("scenario-title").textContent(), /LATEST is resolved once/);
    release();
    await page.getByTestId("scenario-title").filter({ hasText: "EKS on Fargate" }).waitFor();
    assert.equal(await page.getByTestId("notice").isVisible(), false, "the loading notice is gone");
    // The live core draws every step as the recording did.
    await page.goBack();
    await page.waitForFunction(() => document.getElementById("position").textContent.startsWith("Step 13 of 13"));
    for (let i = 12; i >= 0; i--) {
      assert.deepEqual(await read(page), recorded[i], `step ${i + 1}`);
      if (i > 0) await page.getByRole("button", { name: "Previous", exact: true }).click();
    }
    assert.deepEqual(problems(), []);
  } finally {
    await context.close();
    await sub.close();
  }
});

test("drag and drop opens a scenario file; Export downloads the current one", async () => {
  await visit("", async (page) => {
    const text = readFileSync(new URL("../../src/builtin/eks-on-fargate.json", import.meta.url), "utf8");
    const transfer = await page.evaluateHandle((json) => {
      const dt = new DataTransfer();
      dt.items.add(new File([json], "dropped.json", { type: "application/json" }));
      return dt;
    }, text);
    await page.dispatchEvent("body", "dragover", { dataTransfer: transfer });
    await page.dispatchEvent("body", "drop", { dataTransfer: transfer });
    await page.getByTestId("scenario-title").filter({ hasText: "EKS on Fargate" }).waitFor();
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("export").click()]);
    assert.equal(download.suggestedFilename(), "scenario.json");
    const exported = JSON.parse(readFileSync(await download.path(), "utf8"));
    assert.equal(exported.title, "EKS on Fargate: no LATEST, and 1.4.0 first");
    assert.equal(exported.events.length, 11);
  });
});

test("Play advances through the steps and stops at the last", async () => {
  await visit("#v=1&s=revision-retirement&step=7", async (page) => {
    await page.getByTestId("speed").selectOption("250");
    await page.getByTestId("play").click();
    await page.getByTestId("position").filter({ hasText: "Step 11 of 11" }).waitFor();
    await page.waitForFunction(() => document.getElementById("play").innerText.includes("Play"));
    assert.equal(await page.getByTestId("next").isDisabled(), true);
  });
});

test("a panic reported by the core shows a banner and the page stays", async () => {
  await visit("", async (page) => {
    await page.evaluate(() => window.dispatchEvent(new CustomEvent("latest-playground-panic", { detail: "panicked at src/trace.rs" })));
    const banner = page.getByTestId("banner");
    assert.match(await banner.textContent(), /Something went wrong inside the simulator\. panicked at src\/trace\.rs Reload the page/);
    assert.equal(await page.getByTestId("why").isVisible(), true);
  });
});

test("console: the blog's missing backslash is named at its column, with a caret", async () => {
  await visit("", async (page) => {
    const input = page.getByTestId("console-input");
    await input.fill("aws ecs update-service --cluster prod \\\n  --service web\n  --force-new-deployment");
    await input.press("Enter");
    const error = page.getByTestId("console-error");
    await error.waitFor();
    assert.equal(
      await error.textContent(),
      "CommandError: --force-new-deployment starts a new line, but the line before does not end with a backslash (\\), so the shell would run it as a separate command; add the backslash. (column 59)",
    );
    assert.equal(await page.getByTestId("console-caret").textContent(), "  --force-new-deployment\n  ^");
    assert.match(await page.getByTestId("position").textContent(), /^Step 1 of 13/, "nothing was applied");
  });
});

test("console: a command appends a step that re-resolves LATEST; ↑ recalls it", async () => {
  await visit("#v=1&s=blog-timeline&step=12", async (page) => {
    const input = page.getByTestId("console-input");
    await input.fill("aws ecs update-service --service api --platform-version LATEST");
    await page.getByTestId("console-run").click();
    await page.getByTestId("console-ok").waitFor();
    assert.match(await page.getByTestId("position").textContent(), /^Step 14 of 14 · 2020-04-20/);
    assert.equal(await page.getByTestId("resolved-api").textContent(), "1.3.0");
    assert.equal(await page.getByTestId("shown-api").textContent(), "LATEST");
    const linked = () => {
      const params = new URLSearchParams(new URL(page.url()).hash.slice(1));
      return { step: params.get("step"), events: JSON.parse(Buffer.from(params.get("doc"), "base64url").toString("utf8")).events };
    };
    assert.equal(linked().step, "13", "the link now carries the changed scenario, at the new step");
    assert.deepEqual(linked().events.at(-1), { at: "2020-04-20T00:00:00Z", do: "update-service", service: "api", platformVersion: "LATEST", forceNewDeployment: false });
    await input.press("ArrowUp");
    assert.equal(await input.inputValue(), "aws ecs update-service --service api --platform-version LATEST");
    // A second change must reach the link too (the page keeps the encoded document between steps).
    await input.fill("aws ecs update-service --service web --desired-count 3");
    await input.press("Enter");
    await page.getByTestId("position").filter({ hasText: /^Step 15 of 15/ }).waitFor();
    assert.equal(linked().step, "14");
    assert.equal(linked().events.length, 15);
    assert.equal(linked().events.at(-1).service, "web");
  });
});

test("console: describe-services shows LATEST beside the deployment's resolved version", async () => {
  await visit("#v=1&s=blog-timeline&step=6", async (page) => {
    const input = page.getByTestId("console-input");
    await input.fill("aws ecs describe-services --services web");
    await input.press("Enter");
    const output = JSON.parse(await page.getByTestId("console-output").textContent());
    assert.equal(output.services[0].platformVersion, "LATEST");
    assert.equal(output.services[0].deployments[0].platformVersion, "1.2.0");
    await input.fill("aws ecs describe-tasks --tasks web-4");
    await input.press("Enter");
    await page.getByTestId("console-output").filter({ hasText: "web-4" }).waitFor();
    const tasks = JSON.parse(await page.getByTestId("console-output").textContent());
    assert.equal(tasks.tasks[0].platformVersion, "1.2.0");
    assert.match(await page.getByTestId("position").textContent(), /^Step 7 of 13/, "describing adds no step");
  });
});

test("AWS controls: moving LATEST adds a step; a bad version is a located error", async () => {
  await visit("#v=1&s=blog-timeline&step=12", async (page) => {
    await page.getByTestId("aws-action").selectOption("move-latest");
    assert.equal(await page.getByTestId("aws-state").isVisible(), false);
    await page.getByTestId("aws-version").fill("1.4.0");
    await page.getByTestId("event-date").fill("2021-03-19");
    await page.getByTestId("aws-apply").click();
    await page.getByTestId("console-ok").waitFor();
    assert.match(await page.getByTestId("position").textContent(), /^Step 14 of 14 · 2021-03-19/);
    assert.equal(await page.getByTestId("latest-LINUX").locator("xpath=..").locator(".version-number").textContent(), "1.4.0");
    assert.equal(await page.getByTestId("ghost-worker").textContent(), "LATEST means 1.4.0 now; this service keeps 1.3.0 until its next deployment.");

    await page.getByTestId("aws-action").selectOption("release-version");
    await page.getByTestId("aws-version").fill("1.5");
    await page.getByTestId("aws-apply").click();
    const error = page.getByTestId("console-error");
    await error.waitFor();
    assert.equal(await error.textContent(), 'InvalidField: version must be a platform version written MAJOR.MINOR.PATCH, like "1.4.0"; found "1.5". (at /events/14/version)');
    assert.match(await page.getByTestId("position").textContent(), /^Step 14 of 14/);
  });
});

test("why this version? selecting a task shows its chain; a link jumps to its step", async () => {
  await visit("#v=1&s=blog-timeline&step=6", async (page) => {
    await page.getByRole("button", { name: /^web-4 ?1\.2\.0 ?r2/ }).click();
    const chain = page.getByTestId("why-chain").locator("li");
    assert.deepEqual(await chain.allTextContents(), [
      "Step 3 · 2018-10-01 web asked for LATEST; deployment web/1 resolved it to 1.2.0 (LATEST meant 1.2.0 then).",
      "Step 4 · 2018-11-15 Its patch is revision 2 of 1.2.0, published 2018-11-15 and the newest when it started.",
      "Step 7 · 2019-02-01 web-4 started in a scale-service on 2019-02-01: it runs deployment web/1's version; nothing was re-resolved.",
    ], "in step order");
    assert.equal(await page.getByTestId("why-stamp").textContent(), "Resolved 2018-10-01. Asked at step 7, LATEST would resolve to 1.3.0 (revision 1) — not the 1.2.0 it runs.");
    const scrolled = await page.evaluate(() => scrollY);
    await chain.nth(0).getByRole("button").click();
    assert.match(await page.getByTestId("position").textContent(), /^Step 3 of 13/);
    assert.equal(await page.getByTestId("why-panel").isVisible(), true, "the panel stays while its links are followed");
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), "Step 3 · 2018-10-01", "focus stays on the link followed");
    assert.ok(Math.abs((await page.evaluate(() => scrollY)) - scrolled) < 400, "the page does not scroll away");
    await page.getByTestId("why-back").click();
    assert.match(await page.getByTestId("position").textContent(), /^Step 7 of 13/);
    await page.getByTestId("why-close").click();
    assert.equal(await page.getByTestId("why-panel").isVisible(), false);
  });
});

test("each built-in ends with a takeaway; a LATEST service behind LATEST gets the compliance callout", async () => {
  await visit("#v=1&s=latest-held&step=10", async (page) => {
    assert.match(await page.getByTestId("takeaway").textContent(), /^Takeaway: a new version can ship long before LATEST points to it\./);
  });
  await visit("#v=1&s=blog-timeline&step=5", async (page) => {
    assert.equal(
      await page.getByTestId("compliance-web").textContent(),
      "Compliance checks read the service's string: AWS Config's ecs-fargate-latest-platform-version rule and Security Hub control ECS.10 pass web because it says LATEST, while its tasks run 1.2.0.",
    );
  });
});

test("export the whole story as Markdown with the step marked, and the step as an SVG with its headline; presenter mode enlarges the text", async () => {
  await visit("#v=1&s=blog-timeline&step=6", async (page) => {
    const [md] = await Promise.all([page.waitForEvent("download"), page.getByTestId("export-md").click()]);
    assert.equal(md.suggestedFilename(), "blog-timeline.md");
    const markdown = readFileSync(await md.path(), "utf8");
    assert.match(markdown, /^# The blog's worked example: LATEST is resolved once\n/);
    assert.match(markdown, /## Step 7 · 2019-02-01 · scale-service ← the step on screen\n/);
    assert.match(markdown, /\| web \| LATEST \| web\/1 on 1\.2\.0 \| 4 of 4: 2 × 1\.2\.0 r1, 2 × 1\.2\.0 r2 \|\n/);
    assert.match(markdown, /## Step 13 · 2020-04-20 · create-service\n/, "the whole story, not only up to the step");

    const [svg] = await Promise.all([page.waitForEvent("download"), page.getByTestId("export-svg").click()]);
    const picture = readFileSync(await svg.path(), "utf8");
    assert.match(picture, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    assert.match(picture, />Step 7 · 2019-02-01 · scale-service</, "a headline");
    assert.match(picture, />web scaled from 2 to 4 tasks\. Scale-out reuses deployment 1's version 1\.2\.0;/, "the explanation");
    assert.match(picture, />describe-services says LATEST; deployment web\/1 runs 1\.2\.0</);
    assert.match(picture, />web-4 1\.2\.0 r2</);
    assert.match(picture, />The whole story</, "the chart of the whole story");
    assert.match(picture, /<title>web: asks for LATEST, steps 7–7: 2 × 1\.2\.0 r1, 2 × 1\.2\.0 r2<\/title>/);

    const before = await page.getByTestId("why").evaluate((e) => parseFloat(getComputedStyle(e).fontSize));
    await page.getByTestId("presenter").click();
    assert.equal(await page.getByTestId("presenter").getAttribute("aria-pressed"), "true");
    const after = await page.getByTestId("why").evaluate((e) => parseFloat(getComputedStyle(e).fontSize));
    assert.ok(after > before * 1.3, `${after} > ${before}`);
    assert.equal(await page.getByTestId("console-form").isVisible(), false);
  });
});

test("predict, then reveal: the scale-out is asked before it is shown, and scored", async () => {
  await visit("#v=1&s=blog-timeline&step=5", async (page) => {
    await page.getByTestId("predict-mode").check();
    await page.getByRole("button", { name: "Next", exact: true }).click();
    const form = page.getByTestId("predict-form");
    await form.waitFor();
    assert.match(await form.textContent(), /web scales to 4 tasks\. Which version and patch will new tasks run/);
    assert.match(await page.getByTestId("position").textContent(), /^Step 6 of 13/, "not revealed yet");
    await page.getByRole("radio", { name: "1.3.0", exact: true }).check();
    await page.getByLabel("Patch revision").selectOption("1");
    await page.getByRole("radio", { name: "no", exact: true }).check();
    await page.getByTestId("predict-reveal").click();
    assert.match(await page.getByTestId("position").textContent(), /^Step 7 of 13/);
    assert.equal(
      await page.getByTestId("verdict").locator("p").first().textContent(),
      "Your prediction: 1 of 3 right. Version ✗ (you said 1.3.0; it is 1.2.0 r2), patch ✗, running tasks ✓ (they do not change).",
    );
    assert.equal(await page.getByTestId("score").textContent(), "So far: 1 of 3 parts right over 1 prediction.");
    await page.getByRole("button", { name: "Last", exact: true }).click();
    assert.equal(await page.getByTestId("predict-summary").textContent(), "End of the scenario: 1 of 3 parts right over 1 prediction.");
  });
});

test("what if: branching a redeploy shows the branch step and its difference, then both futures step by step", async () => {
  await visit("#v=1&s=blog-timeline&step=5", async (page) => {
    await page.getByTestId("fork-kind").selectOption("redeploy");
    assert.equal(await page.getByTestId("fork-version").isVisible(), false);
    await page.getByTestId("fork-service").selectOption("web");
    await page.getByTestId("fork-branch").click();
    // The branch itself: the what-if story's extra step, right after step 6.
    assert.match(await page.getByTestId("position").textContent(), /^Step 6 of 13/);
    assert.match(await page.getByTestId("fork-branch-step").textContent(), /^In the what-if story, right after this step: Updating web with forceNewDeployment creates deployment 2/);
    let rows = page.getByTestId("fork-differences").locator("tbody tr");
    assert.deepEqual(await rows.nth(0).locator("th, td").allTextContents(), ["web runs", "1.2.0", "1.3.0"]);
    // The what-if story's own chart: its branch marked, web back on LATEST's 1.3.0 from there.
    await page.getByTestId("fork-chart-branch").waitFor({ state: "attached" });
    await page.locator(".fork-chart .chart-table summary").click();
    // The table is built when the details open (their toggle event comes a moment after the click).
    await page.getByTestId("fork-chart-table").waitFor();
    const whatIf = await page.getByTestId("fork-chart-table").locator("tbody tr").evaluateAll((trs) => trs.map((tr) => [...tr.cells].map((c) => c.textContent).join(" | ")));
    assert.ok(whatIf.some((row) => /^web \| 7–\d+ \| LATEST \| 1\.3\.0 \| 2 × 1\.3\.0 r1$/.test(row)), whatIf.join("\n"));
    await page.getByRole("button", { name: "Next", exact: true }).click();
    assert.match(await page.getByTestId("position").textContent(), /^Step 7 of 13/);
    rows = page.getByTestId("fork-differences").locator("tbody tr");
    assert.deepEqual(await rows.nth(0).locator("th, td").allTextContents(), ["web runs", "1.2.0", "1.3.0"]);
    assert.deepEqual(await rows.nth(1).locator("th, td").allTextContents(), ["web tasks", "2 × 1.2.0 r1, 2 × 1.2.0 r2", "4 × 1.3.0 r1"]);
    await page.getByRole("button", { name: "Last", exact: true }).click();
    assert.equal(await page.getByTestId("fork-same").textContent(), "Step 13: both stories look the same.");
    await page.getByTestId("fork-close").click();
    assert.equal(await page.getByTestId("fork-branch").isVisible(), true);
  });
});

test("a step redraws what it changed: the what-if form keeps the user's choices, the versions lane stays while no version changes, a big fleet keeps the lines of services the step left alone", async () => {
  await visit("#v=1&s=blog-timeline&step=5", async (page) => {
    await page.getByTestId("fork-kind").selectOption("pin");
    await page.getByTestId("fork-service").selectOption("web");
    const newest = await page.getByTestId("fork-version").locator("option").last().getAttribute("value");
    await page.getByTestId("fork-version").selectOption(newest);
    const form = await page.getByTestId("fork-form").elementHandle();
    await page.getByRole("button", { name: "Next", exact: true }).click();
    assert.match(await page.getByTestId("position").textContent(), /^Step 7 of 13/);
    assert.equal(await page.getByTestId("fork-kind").inputValue(), "pin");
    assert.equal(await page.getByTestId("fork-version").inputValue(), newest);
    assert.equal(await form.evaluate((el) => el.isConnected), true, "the same form");
    // The versions lane: step 8 (an update) changes no version and leaves it as it was; step 9
    // publishes a revision and redraws it.
    const card = await page.getByTestId("version-LINUX-1.3.0").elementHandle();
    await page.getByRole("button", { name: "Next", exact: true }).click();
    assert.match(await page.getByTestId("position").textContent(), /^Step 8 of 13/);
    assert.equal(await card.evaluate((el) => el.isConnected), true, "the same version card");
    await page.getByRole("button", { name: "Next", exact: true }).click();
    assert.match(await page.getByTestId("position").textContent(), /^Step 9 of 13/);
    assert.equal(await card.evaluate((el) => el.isConnected), false, "a new card for the new revision");
    assert.match(await page.getByTestId("version-LINUX-1.3.0").textContent(), /patch revision 2/);
  });
  // 50 services (one line each): step 56 scales s3 only.
  const scenario = execFileSync("node", [fileURLToPath(new URL("../../scripts/big-scenario.mjs", import.meta.url)), "60", "50"], { encoding: "utf8" });
  await visit(`#v=1&doc=${Buffer.from(scenario).toString("base64url")}&step=54`, async (page) => {
    const line = (name) => page.getByTestId(`service-${name}`);
    await line("s0").evaluate((el) => { el.dataset.before = "yes"; });
    await line("s3").evaluate((el) => { el.dataset.before = "yes"; });
    await page.getByRole("button", { name: "Next", exact: true }).click();
    assert.match(await page.getByTestId("explanation").textContent(), /s3 scaled from 5000 to 4999 tasks/);
    assert.equal(await line("s0").getAttribute("data-before"), "yes", "s0's line is the one drawn before");
    assert.equal(await line("s3").getAttribute("data-before"), null, "s3's line is new");
    assert.match(await line("s3").textContent(), /4999 of 4999 running/);
  });
});

test("resolution stamps: a pinned service on a retired version shows that its request would now be refused", async () => {
  await visit("#v=1&s=al1-deprecation&step=12", async (page) => {
    assert.equal(
      await page.getByTestId("ghost-legacy-pinned").textContent(),
      "Asked now, 1.2.0 would be refused (PlatformUnknownException: Platform version 1.2.0 is retired: it cannot start new tasks or services.); a new deployment must name another version.",
    );
    assert.match(await page.getByTestId("task-legacy-pinned-1").getAttribute("title"), /; its version was resolved 2018-10-01$/);
    assert.equal(await page.getByTestId("ghost-legacy-latest").count(), 0, "legacy-latest already runs what LATEST means");
  });
});

test("the bad-input corpus through the page: located errors or rejected steps, never HTML, still working", async () => {
  const dir = new URL("../bad-input/", import.meta.url);
  const files = readFileSync(new URL("expected.txt", dir), "utf8").split("\n").filter((l) => l && !l.startsWith("#")).map((l) => l.split(" ")[0]);
  await visit("", async (page) => {
    for (const name of files) {
      await page.getByTestId("import-file").setInputFiles({ name, mimeType: "application/json", buffer: readFileSync(new URL(name, dir)) });
      await page.waitForFunction((n) => document.getElementById("scenario-title").textContent !== "" &&
        (document.getElementById("banner").textContent.includes(n) || document.getElementById("scenario-picker").value === ""), name);
      await page.evaluate(() => document.getElementById("last").click()); // disabled when already there
      assert.equal(await page.locator("main script, main img, main svg:not(.chart-svg), main iframe, main marquee, main b, main style, main a").count(), 0, name);
    }
    assert.equal(await page.evaluate(() => document.title), "latest-playground — how Fargate resolves and pins LATEST");
    await page.getByTestId("scenario-picker").selectOption("blog-timeline");
    assert.match(await page.getByTestId("position").textContent(), /^Step 1 of 13/, "the module still works");
  });
  // Hostile URL payloads are shown as text too.
  const hostile = Buffer.from(readFileSync(new URL("html-everywhere.json", dir))).toString("base64url");
  await visit(`#v=1&doc=${hostile}&step=6`, async (page) => {
    assert.equal(await page.getByTestId("scenario-title").textContent(), "<script>alert('title')</script>");
    assert.equal(await page.locator("main script, main img, main svg:not(.chart-svg), main iframe").count(), 0);
  });
  await visit("#v=1&s=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E", async (page) => {
    assert.match(await page.getByTestId("banner").textContent(), /There is no built-in scenario "<img src=x onerror=alert\(1\)>"/);
    assert.equal(await page.locator("body img").count(), 0);
  });
});

// ------------------------------------------------------------------ bring your own fleet

const fleetFixture = (name) => ({ name, mimeType: "application/json", buffer: readFileSync(new URL(`../fleet/${name}`, import.meta.url)) });
const imported = (page) => page.getByTestId("fleet-status").filter({ hasText: /^(Imported|Not imported)/ }).waitFor({ timeout: 60_000 });

test("your fleet: describe-services and describe-tasks files from two clusters import; the address never holds them", async () => {
  await visit("", async (page) => {
    assert.match(await page.getByTestId("privacy").textContent(), /Your data stays in this browser tab\. .*nothing is uploaded/);
    await page.getByTestId("fleet-files").setInputFiles(["prod-describe-services.json", "staging-describe-services.json", "prod-describe-tasks.json"].map(fleetFixture));
    await imported(page);
    assert.match(await page.getByTestId("fleet-status").textContent(), /^Imported\./);
    assert.equal(await page.getByTestId("scenario-title").textContent(), "Your fleet");
    assert.match(await page.getByTestId("position").textContent(), /^Step 31 of 35 · 2026-02-20/, "opens on the import step");
    assert.equal(await page.getByTestId("shown-prod/api").textContent(), "LATEST");
    assert.equal(await page.getByTestId("resolved-prod/api").textContent(), "1.3.0");
    assert.match(await page.getByTestId("ghost-prod/api").textContent(), /LATEST means 1\.4\.0 now; this service keeps 1\.3\.0/);
    assert.equal(await page.getByTestId("shown-prod/payments").textContent(), "1.4.0", "CODE_DEPLOY shows the resolved version");
    assert.match(await page.getByTestId("reported-prod/payments").textContent(), /as users report \(AWS does not document it\)/);
    assert.equal(await page.getByTestId("service-staging/web").count(), 1, "one name in two clusters: two services");
    assert.equal(await page.getByTestId("service-prod/web").count(), 1);
    assert.match(await page.getByTestId("explanation").textContent(), /Out of scope, listed but not simulated: legacy-ec2 \(EC2, not Fargate\)/);
    assert.equal(new URL(page.url()).hash, "", "an imported fleet is never written into the address");
    // AWS's 2026 retirement of 1.3.0 then plays on the imported fleet: every service on 1.3.0 is
    // force-updated, the pinned batch too.
    await page.getByTestId("last").click();
    assert.equal(await page.getByTestId("resolved-prod/api").textContent(), "1.4.0", "force-updated");
    assert.equal(await page.getByTestId("resolved-prod/batch").textContent(), "1.4.0", "pinned, and force-updated too in 2026");
    assert.equal(await page.getByTestId("shown-prod/batch").textContent(), "1.4.0");
    assert.match(await page.getByTestId("service-prod/batch").textContent(), /running 2/);
    // The console works in the services' clusters.
    await page.getByTestId("console-input").fill("aws ecs update-service --cluster prod --service batch --desired-count 3");
    await page.getByTestId("console-input").press("Enter");
    await page.getByTestId("position").filter({ hasText: /^Step 36 of 36/ }).waitFor();
    assert.match(await page.getByTestId("service-prod/batch").textContent(), /running 3/);
    await page.getByTestId("console-input").fill("aws ecs update-service --cluster staging --service batch --desired-count 3");
    await page.getByTestId("console-input").press("Enter");
    await page.getByTestId("position").filter({ hasText: /^Step 37 of 37/ }).waitFor();
    assert.equal(await page.getByTestId("aws-error").textContent(), "ServiceNotFoundException: Service not found. — the playground's words: AWS's exact message for this case is not documented.");
    assert.equal(new URL(page.url()).hash, "", "still not in the address after a new step");
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("export").click()]);
    const exported = readFileSync(await download.path(), "utf8");
    assert.ok(!exported.includes("123456789012"), "the export holds no account id or ARN");
  });
});

test("your fleet: the retirement report offers AWS's schedules up front, says what happens and what to do, and downloads as CSV and Markdown", async () => {
  await visit("", async (page) => {
    await page.getByTestId("fleet-files").setInputFiles(["prod-describe-services.json", "staging-describe-services.json", "prod-describe-tasks.json"].map(fleetFixture));
    await imported(page);
    // AWS announced 1.3.0's retirement: it is the default, on AWS's global schedule.
    assert.equal(await page.getByTestId("report-version").inputValue(), "1.3.0");
    assert.deepEqual(await page.getByTestId("report-schedule").locator("option").allTextContents(), [
      "AWS, AWS regions (global documentation): force-update 2026-03-02, retired 2026-03-16, terminated 2026-03-31",
      "AWS, China regions (documentation of amazonaws.cn): retired 2026-06-15, terminated 2026-06-30",
      "my own date and choices",
    ]);
    assert.equal(await page.getByTestId("report-date").inputValue(), "2026-03-31");
    assert.equal(await page.getByTestId("report-pinned").inputValue(), "1.4.0");
    await page.getByTestId("report-run").click();
    assert.equal(await page.getByTestId("report-summary").textContent(),
      "Retiring 1.3.0 (LINUX) on 2026-03-31: 3 services are force-updated onto another version; 1 service has tasks of an older deployment on it; 1 standalone task is terminated. In all, 2 tasks or pods are terminated and not replaced.");
    assert.deepEqual(await page.getByTestId("report-table").locator("thead th").allTextContents(), ["What", "Asks for", "Tasks on 1.3.0", "What happens", "What to do"]);
    const batch = page.getByTestId("report-table").getByRole("row", { name: /Service batch \(cluster prod\)/ });
    assert.match(await batch.textContent(), /aws ecs update-service --cluster prod --service batch --platform-version 1\.4\.0 before 2026-03-31\./);
    assert.equal(await page.getByTestId("report-table").getByRole("row", { name: /^Task 1b2c3d4e5f60718293a4b5c6d7e8f9a0 \(cluster prod\)/ }).count(), 1, "standalone tasks name their cluster");
    const [csv] = await Promise.all([page.waitForEvent("download"), page.getByTestId("report-csv").click()]);
    assert.equal(csv.suggestedFilename(), "retire-1.3.0-2026-03-31.csv");
    const lines = readFileSync(await csv.path(), "utf8").split("\r\n");
    assert.equal(lines[0], "kind,cluster,name,requested,running tasks on 1.3.0,what happens,onto,\"terminated, not replaced\",what to do");
    assert.equal(lines.length, 7);
    const [md] = await Promise.all([page.waitForEvent("download"), page.getByTestId("report-md").click()]);
    assert.match(readFileSync(await md.path(), "utf8"), /^## Retiring 1\.3\.0 \(LINUX\) on 2026-03-31\n/);
    // The China regions' schedule names no force-update: the pinned service breaks there.
    await page.getByTestId("report-schedule").selectOption({ index: 1 });
    assert.equal(await page.getByTestId("report-date").inputValue(), "2026-06-30");
    await page.getByTestId("report-run").click();
    assert.match(await page.getByTestId("report-summary").textContent(), /1 pinned service breaks/);
    // Retiring the version LATEST means: where LATEST goes is asked up front, with a hypothetical
    // newer version, and a downgrade onto a version AWS retires is flagged.
    await page.getByTestId("report-version").selectOption("1.4.0");
    assert.equal(await page.getByTestId("report-latest").isVisible(), true);
    assert.deepEqual(await page.getByTestId("report-latest").locator("option").allTextContents(), [
      "1.5.0 — hypothetical: not released yet",
      "1.3.0 — older than 1.4.0: a downgrade; AWS retires it 2026-03-31",
    ]);
    await page.getByTestId("report-date").fill("2027-01-01");
    await page.getByTestId("report-latest").selectOption("1.3.0");
    assert.match(await page.getByTestId("report-flags").textContent(), /⚠ 1\.3\.0 — older than 1\.4\.0: a downgrade; AWS retires it 2026-03-31\./);
    await page.getByTestId("report-run").click();
    assert.match(await page.getByTestId("report-warning").first().textContent(), /LATEST moves to 1\.3\.0, older than 1\.4\.0: a downgrade/);
    await page.getByTestId("report-latest").selectOption("1.5.0");
    await page.getByTestId("report-run").click();
    assert.match(await page.getByTestId("report-warning").first().textContent(), /1\.5\.0 is hypothetical: AWS has not released it/);
    // The import's step is at the hour of the output; its own day is not "before this step".
    await page.getByTestId("report-date").fill("2026-02-20");
    await page.getByTestId("report-run").click();
    await page.getByTestId("report-summary").filter({ hasText: /^Retiring 1\.4\.0 \(LINUX\) on 2026-02-20: / }).waitFor();
  });
});

test("your fleet: malformed and hostile output gives a located error, shown as text, and keeps the scenario", async () => {
  await visit("#v=1&s=blog-timeline&step=3", async (page) => {
    await page.getByTestId("fleet-files").setInputFiles([fleetFixture("prod-describe-services.json"), fleetFixture("truncated.json")]);
    await imported(page);
    assert.equal(await page.getByTestId("fleet-status").textContent(),
      "Not imported: Invalid JSON at line 272, column 7: the document ends too early; close every open string, array and object. (truncated.json, line 272, column 7) [InvalidJson] Nothing was changed.");
    // A file saved in Latin-1: the core reads the bytes and says where they stop being UTF-8.
    await page.getByTestId("fleet-files").setInputFiles({ name: "latin1.json", mimeType: "application/json", buffer: Buffer.from('{"services": [\n {"serviceName": "caf\xe9"}]}', "latin1") });
    await page.getByTestId("fleet-status").filter({ hasText: "latin1.json" }).waitFor();
    assert.equal(await page.getByTestId("fleet-status").textContent(),
      "Not imported: Invalid JSON at line 2, column 22: byte 0xE9 is not UTF-8 text; save the file as UTF-8. (latin1.json, line 2, column 22) [InvalidJson] Nothing was changed.");
    await page.getByTestId("fleet-files").setInputFiles([fleetFixture("hostile-service-name.json")]);
    await page.getByTestId("fleet-status").filter({ hasText: "serviceName" }).waitFor();
    assert.match(await page.getByTestId("fleet-status").textContent(), /found "<img src=x onerror=alert\(1\)>"\. \(hostile-service-name\.json, at \/services\/1\/serviceName\)/);
    assert.equal(await page.locator("main img, main script").count(), 0);
    assert.match(await page.getByTestId("position").textContent(), /^Step 4 of 13/, "the scenario is unchanged");
    // HTML in fields the importer ignores (tags, events, task definitions) never reaches the page.
    await page.getByTestId("fleet-paste").fill(readFileSync(new URL("../fleet/hostile-ignored-fields.json", import.meta.url), "utf8"));
    await page.getByTestId("fleet-import-run").click();
    await page.getByTestId("fleet-status").filter({ hasText: /^Imported/ }).waitFor();
    assert.equal(await page.locator("main img, main script, main svg:not(.chart-svg), main b").count(), 0);
    assert.ok(!(await page.content()).includes("onerror"), "no hostile text anywhere in the page");
  });
});

test("your fleet: 5,000 services and 1,000,000 tasks import off the main thread, with progress and a virtualised list", async () => {
  const fleet = execFileSync(process.execPath, [fileURLToPath(new URL("../../scripts/big-fleet.mjs", import.meta.url))], { maxBuffer: 64 * 2 ** 20 });
  await visit("", async (page) => {
    await page.getByTestId("fleet-files").setInputFiles({ name: "fleet.json", mimeType: "application/json", buffer: fleet });
    await page.getByTestId("fleet-progress").waitFor({ state: "visible" });
    // The page answers while the worker reads: a step forward renders during the import.
    await page.getByRole("button", { name: "Next", exact: true }).click();
    assert.match(await page.getByTestId("position").textContent(), /^Step 2 of 13/);
    await imported(page);
    assert.match(await page.getByTestId("fleet-status").textContent(), /^Imported\./);
    const list = page.getByTestId("service-list");
    assert.equal(await list.getAttribute("aria-label"), "5000 services, one line each");
    const drawn = await list.locator(".virtual-row").count();
    assert.ok(drawn > 0 && drawn < 60, `only the rows in view are drawn (${drawn})`);
    await list.evaluate((el) => { el.scrollTop = el.scrollHeight; });
    await page.getByTestId("service-cluster-49/svc-4999").waitFor();
    assert.match(await page.getByTestId("service-cluster-49/svc-4999").textContent(), /^svc-4999cluster-49 asks for 1\.3\.0runs 1\.3\.0 · 200 of 200 running 1\.3\.0 r7 × 200$/);
    // The core sends a paged fleet's lines as they are shown; the text view asks for the changed ones.
    const transcript = await page.getByTestId("transcript-table").locator("tbody tr").evaluateAll((trs) => trs.map((tr) => tr.textContent));
    assert.equal(transcript.length, 101, transcript.slice(0, 3).join("\n"));
    assert.match(transcript[0], /^cluster-0\/svc-0LATESTsvc-0\/1 on 1\.4\.0200 of 200: 200 × 1\.4\.0 patch r\d+$/);
    assert.equal(transcript[100], "4900 more services changed in this step: see the fleet list.", "the import changed them all");
    const [svg] = await Promise.all([page.waitForEvent("download"), page.getByTestId("export-svg").click()]);
    const picture = readFileSync(await svg.path(), "utf8");
    assert.match(picture, />cluster-0\/svc-0</);
    assert.match(picture, />… and 4960 more services</, "a picture of thousands of services shows the first and counts the rest");
    // The chart draws groups of services; a group opens to its services.
    const group = page.getByTestId("chart-group-LATEST → 1.4.0");
    await group.waitFor();
    assert.match(await group.locator("summary").textContent(), /^services asking LATEST → 1\.4\.0: 3000 services at the end$/);
    await group.locator("summary").click();
    // The list is built when the group opens (its toggle event comes after the click).
    await group.locator("li").first().waitFor();
    assert.equal(await group.locator("li").count(), 3000);
    assert.equal(await group.locator("li").first().textContent(), "cluster-0/svc-0");
  });
});

test("your fleet: axe-core finds no serious or critical violations in an imported fleet and its report, light and dark", async () => {
  const require = createRequire(import.meta.url);
  const axe = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
  for (const colorScheme of ["light", "dark"]) {
    await visit("", async (page) => {
      await page.getByTestId("fleet-files").setInputFiles(["prod-describe-services.json", "prod-describe-tasks.json"].map(fleetFixture));
      await imported(page);
      await page.getByTestId("report-run").click();
      await page.getByTestId("report-summary").waitFor();
      await page.addScriptTag({ content: axe });
      const result = await page.evaluate(async () => await globalThis.axe.run(document, { resultTypes: ["violations"] }));
      const bad = result.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
      assert.deepEqual(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")}`), [], colorScheme);
    }, { colorScheme, bypassCSP: true });
  }
});

test("stepping through a fleet of many services keeps where the list was scrolled to", async () => {
  const events = [{ at: "2020-01-01", do: "release-version", version: "1.3.0" }, { at: "2020-01-01", do: "move-latest", to: "1.3.0" }];
  for (let i = 0; i < 60; i++) events.push({ at: "2020-01-02", do: "create-service", service: `s${i}` });
  events.push({ at: "2020-01-03", do: "scale-service", service: "s59", desiredCount: 2 }, { at: "2020-01-04", do: "scale-service", service: "s58", desiredCount: 2 });
  const doc = Buffer.from(JSON.stringify({ format: "fargate-pv-scenario/1", events })).toString("base64url");
  await visit(`#v=1&doc=${doc}&step=62`, async (page) => {
    const list = page.getByTestId("service-list");
    await list.evaluate((el) => { el.scrollTop = el.scrollHeight; });
    await page.getByTestId("service-s59").waitFor();
    const scrolled = await list.evaluate((el) => el.scrollTop);
    assert.ok(scrolled > 0);
    await page.getByRole("button", { name: "Next", exact: true }).click();
    assert.match(await page.getByTestId("position").textContent(), /^Step 64 of 64/);
    assert.equal(await list.evaluate((el) => el.scrollTop), scrolled, "the list stays where it was");
    assert.match(await page.getByTestId("service-s58").textContent(), /2 of 2 running/, "and shows the new step");
  });
});

test("a scenario too large for a link stays out of the address, and Copy link says to export it", async () => {
  const { hourlyScenario } = await import("../../scripts/hourly-scenario.mjs");
  await visit("", async (page) => {
    const buffer = Buffer.from(JSON.stringify(hourlyScenario(2000)));
    await page.getByTestId("import-file").setInputFiles({ name: "hourly.json", mimeType: "application/json", buffer });
    await page.getByTestId("scenario-title").filter({ hasText: "hourly benchmark" }).waitFor();
    await page.getByRole("button", { name: "Next", exact: true }).click();
    assert.equal(new URL(page.url()).hash, "", "not in the address");
    await page.getByTestId("copy-link").click();
    assert.equal(await page.getByTestId("copy-link").textContent(), "Too large for a link; use Export JSON");
    await page.goBack();
    assert.match(await page.getByTestId("position").textContent(), /^Step 1 of 2000/, "Back still returns to the step before");
  });
});

test("the whole story's chart: LATEST parts from web at the scale-out, the cursor follows the step, marks open their steps, a table says the same", async () => {
  await visit("#v=1&s=blog-timeline&step=6", async (page) => {
    const chart = page.getByTestId("chart-svg");
    await chart.waitFor();
    assert.equal(await chart.getAttribute("aria-label"), "Chart of the whole story: versions across, LATEST and each service over time");
    const cursorX = () => page.getByTestId("chart-cursor").getAttribute("x1");
    const before = Number(await cursorX());
    await page.getByRole("button", { name: "Next", exact: true }).click();
    assert.ok(Number(await cursorX()) > before, "the cursor moved with the step");
    // Keyboard: a mark is a link to its step.
    await page.getByTestId("chart-mark-2").focus();
    assert.equal(await page.getByTestId("chart-caption").textContent(), "Step 3: 2018-10-01, create-service");
    await page.keyboard.press("Enter");
    assert.match(await page.getByTestId("position").textContent(), /^Step 3 of 13/);
    await page.getByTestId("chart-mark-6").click();
    assert.match(await page.getByTestId("position").textContent(), /^Step 7 of 13/);
    // The text twin names web's runs: on 1.2.0 with mixed patches while LATEST meant 1.3.0.
    await page.getByText("The chart as a table").click();
    await page.getByTestId("chart-table").waitFor();
    const rows = await page.getByTestId("chart-table").locator("tbody tr").evaluateAll((trs) => trs.map((tr) => [...tr.cells].map((c) => c.textContent).join(" | ")));
    assert.ok(rows.includes("LATEST (Linux) | 6–13 | — | 1.3.0 | —"), rows.join("\n"));
    assert.ok(rows.includes("web | 7–7 | LATEST | 1.2.0 | 2 × 1.2.0 r1, 2 × 1.2.0 r2"), rows.join("\n"));
    assert.ok(rows.includes("web | 8–9 | LATEST | 1.3.0 | 4 × 1.3.0 r1"), rows.join("\n"));
  });
  await visit("#v=1&s=latest-held&step=0", async (page) => {
    await page.getByTestId("chart-svg").waitFor();
    assert.ok(await page.locator(".chart-mark.rejected").count() > 0, "a refused request is marked");
  }, { viewport: { width: 375, height: 800 } });
});
