// What newcomers hit (issue "never lose the user's work…") and what the fact-check asked the page
// to say (labels, sources, AWS's words or ours): one story each, driven as a user would.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { launch, server, visit as visitPage } from "./browser.mjs";

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
const fixture = (name) => readFileSync(new URL(`../fleet/${name}`, import.meta.url), "utf8");
const position = (page) => page.getByTestId("position").textContent();
const run = async (page, line) => {
  await page.getByTestId("console-input").fill(line);
  await page.getByTestId("console-input").press("Enter");
};
async function importPasted(page, name) {
  await page.getByTestId("fleet-paste").fill(fixture(name));
  await page.getByTestId("fleet-import-run").click();
  await page.getByTestId("fleet-status").filter({ hasText: /^Imported/ }).waitFor({ timeout: 60_000 });
}

// ------------------------------------------------------------------ work is never lost

test("'Your fleet…' goes to the import without touching the address; a hash that is not a link is ignored", async () => {
  await visit("", async (page) => {
    await importPasted(page, "prod-describe-services.json");
    const before = await position(page);
    await page.getByTestId("your-fleet-link").click();
    assert.equal(await page.evaluate(() => document.activeElement?.id), "your-fleet");
    assert.equal(await page.getByTestId("banner").isVisible(), false);
    assert.equal(await page.getByTestId("scenario-title").textContent(), "Your fleet");
    assert.equal(await position(page), before);
    await page.evaluate(() => { location.hash = "#your-fleet"; });
    await page.waitForTimeout(200);
    assert.equal(await page.getByTestId("banner").isVisible(), false, "an in-page anchor is not a shared link");
    assert.equal(await page.getByTestId("scenario-title").textContent(), "Your fleet");
  });
});

test("switching scenario keeps the steps you added and your imported fleet one Back away; Forward returns", async () => {
  await visit("#v=1&s=blog-timeline&step=12", async (page) => {
    await run(page, "aws ecs update-service --service worker --force-new-deployment");
    await page.getByTestId("position").filter({ hasText: /^Step 14 of 14/ }).waitFor();
    await page.getByTestId("scenario-picker").selectOption("latest-held");
    assert.match(await page.getByTestId("notice").textContent(), /The step you added are one Back away|The step you added is one Back away/);
    await page.goBack();
    await page.getByTestId("scenario-title").filter({ hasText: "The blog's worked example" }).waitFor();
    assert.match(await position(page), /^Step 14 of 14/, "the added step is still there");
    await page.goForward();
    await page.getByTestId("scenario-title").filter({ hasText: "LATEST held back" }).waitFor();
    // Back also walks the steps visited.
    await page.getByRole("button", { name: "Next", exact: true }).click();
    await page.getByRole("button", { name: "Next", exact: true }).click();
    assert.match(await position(page), /^Step 3 of 11/);
    await page.goBack();
    await page.getByTestId("position").filter({ hasText: /^Step 2 of 11/ }).waitFor();
  });
  await visit("", async (page) => {
    await importPasted(page, "prod-describe-services.json");
    await page.getByTestId("scenario-picker").selectOption("blog-timeline");
    assert.match(await page.getByTestId("notice").textContent(), /Your imported fleet is one Back away/);
    await page.getByTestId("notice-action").click();
    await page.getByTestId("scenario-title").filter({ hasText: "Your fleet" }).waitFor();
    assert.equal(await page.getByTestId("service-prod/api").count(), 1, "the fleet, from this tab's memory");
    assert.equal(new URL(page.url()).hash, "", "and still not in the address");
  });
});

test("undo takes back the steps you added, rejected ones too", async () => {
  await visit("#v=1&s=blog-timeline&step=12", async (page) => {
    assert.equal(await page.getByTestId("undo").isDisabled(), true, "nothing added yet");
    await run(page, "aws ecs create-service --service-name api");
    await page.getByTestId("position").filter({ hasText: /^Step 14 of 14/ }).waitFor();
    assert.match(await page.getByTestId("aws-error").textContent(), /^InvalidParameterException: Creation of service was not idempotent\./);
    await page.getByTestId("aws-action").selectOption("move-latest");
    await page.getByTestId("aws-version").fill("1.4.0");
    await page.getByTestId("aws-apply").click();
    await page.getByTestId("position").filter({ hasText: /^Step 15 of 15/ }).waitFor();
    await page.getByTestId("undo").click();
    await page.getByTestId("position").filter({ hasText: /^Step 14 of 14/ }).waitFor();
    assert.equal(await page.getByTestId("latest-LINUX").locator("xpath=..").locator(".version-number").textContent(), "1.3.0");
    await page.getByTestId("undo").click();
    await page.getByTestId("position").filter({ hasText: /^Step 13 of 13/ }).waitFor();
    assert.equal(await page.getByTestId("undo").isDisabled(), true);
    const doc = new URLSearchParams(new URL(page.url()).hash.slice(1)).get("doc");
    assert.equal(JSON.parse(Buffer.from(doc, "base64url").toString("utf8")).events.length, 13);
  });
});

// ------------------------------------------------------------------ things that misled

test("≠ only where the service's string and its version differ; where they agree, what LATEST means now", async () => {
  await visit("#v=1&s=blog-timeline&step=2", async (page) => {
    assert.equal(await page.getByTestId("relation-web").textContent(), "=");
    assert.equal(await page.getByTestId("means-web").textContent(), "LATEST means 1.2.0 now: what the service asks for and what it runs agree.");
  });
  await visit("#v=1&s=blog-timeline&step=5", async (page) => {
    assert.equal(await page.getByTestId("relation-web").textContent(), "≠");
    assert.equal(await page.getByTestId("means-web").count(), 0);
  });
});

test("predict: Next with an open question says why it waits; Play pauses at each question and the feedback stays", async () => {
  await visit("#v=1&s=blog-timeline&step=5", async (page) => {
    await page.getByTestId("predict-mode").check();
    await page.getByRole("button", { name: "Next", exact: true }).click();
    await page.getByTestId("predict-form").waitFor();
    await page.getByRole("button", { name: "Next", exact: true }).click();
    assert.equal(await page.getByTestId("predict-wait").textContent(), "Answer the question (or Skip) to see step 7.");
    assert.match(await position(page), /^Step 6 of 13/);
    await page.getByTestId("predict-skip").click();
    assert.match(await position(page), /^Step 7 of 13/);
    // Play stops at the next question, and after the answer it stays paused on the verdict.
    await page.getByTestId("speed").selectOption("250");
    await page.getByTestId("play").click();
    await page.getByTestId("predict-form").waitFor();
    assert.equal(await page.getByTestId("play").innerText(), "▶ Play");
    await page.getByRole("radio", { name: "1.3.0", exact: true }).check();
    await page.getByRole("radio", { name: "yes" }).check();
    await page.getByTestId("predict-reveal").click();
    await page.getByTestId("verdict").waitFor();
    const at = await position(page);
    await page.waitForTimeout(800);
    assert.equal(await position(page), at, "still on the answered step");
    assert.equal(await page.getByTestId("verdict").isVisible(), true, "the feedback stays until the user moves");
  });
});

test("the console keeps --cluster and the task definition, and says what it assumes; the sandbox starts empty", async () => {
  await visit("#v=1&s=sandbox&step=2", async (page) => {
    assert.match(await page.getByTestId("fleet").textContent(), /Nothing runs yet\./);
    await run(page, "aws ecs create-service --cluster demo --service-name api --task-definition api:3 --desired-count 2");
    await page.getByTestId("console-ok").waitFor();
    assert.deepEqual(await page.getByTestId("console-assumption").allTextContents(), [
      "No --launch-type: the playground assumes FARGATE. AWS would use the cluster's default capacity provider strategy, or the EC2 launch type, where platform versions do not apply.",
    ]);
    assert.equal(await page.getByTestId("command").textContent(), "aws ecs create-service --cluster demo --service-name api --task-definition api:3 --desired-count 2 --launch-type FARGATE --platform-version LATEST");
    await run(page, "aws ecs create-service --service-name api --launch-type FARGATE");
    await page.getByTestId("position").filter({ hasText: /^Step 5 of 5/ }).waitFor();
    assert.equal(await page.getByTestId("service-api").count(), 1, "api in the default cluster");
    assert.equal(await page.getByTestId("service-demo/api").count(), 1, "and api in demo: two services");
    await run(page, "aws ecs describe-services --cluster demo --services api");
    const out = JSON.parse(await page.getByTestId("console-output").textContent());
    assert.match(out.services[0].clusterArn, /:cluster\/demo$/);
    assert.match(out.services[0].taskDefinition, /:task-definition\/api:3$/);
    assert.equal(out.services[0].runningCount, 2);
  });
});

test("a console error's caret stays under its word when the command is longer than the box", async () => {
  await visit("", async (page) => {
    const line = `aws ecs create-service --service-name web --network-configuration "awsvpcConfiguration={subnets=[${"subnet-0123456789abcdef0,".repeat(6)}],assignPublicIp=ENABLED}" --bogus`;
    await run(page, line);
    const caret = page.getByTestId("console-caret");
    await caret.waitFor();
    assert.equal(await caret.evaluate((e) => getComputedStyle(e).whiteSpace), "pre", "the line and its caret never wrap");
    const [text, marks] = (await caret.textContent()).split("\n");
    assert.equal(text.slice(marks.length - 1), "--bogus");
  }, { viewport: { width: 700, height: 900 } });
});

test("timeline cards say the family, and a version keeps its colour in every scenario", async () => {
  await visit("#v=1&s=aws-history&step=29", async (page) => {
    assert.match(await page.getByTestId("marker-29").textContent(), /move-latestWindows 1\.0\.0$/);
    assert.match(await page.getByTestId("marker-27").textContent(), /move-latestLinux 1\.4\.0$/);
  });
  const colour = async (hash, id) => {
    let found;
    await visit(hash, async (page) => { found = (await page.getByTestId(id).getAttribute("class")).match(/\bv\d\b/)[0]; });
    return found;
  };
  assert.equal(await colour("#v=1&s=blog-timeline&step=8", "task-web-5"), await colour("#v=1&s=latest-held&step=8", "task-web-3"), "1.3.0's colour");
  assert.notEqual(await colour("#v=1&s=blog-timeline&step=8", "task-web-5"), await colour("#v=1&s=eks-on-fargate&step=6", "task-prod/api-1"), "1.4.0 has another");
});

// ------------------------------------------------------------------ phone, presenter

test("on a phone the lesson comes first and the step controls stay in reach", async () => {
  await visit("#v=1&s=blog-timeline&step=6", async (page) => {
    const fleet = await page.getByTestId("fleet").boundingBox();
    assert.ok(fleet.y < 812, `the fleet starts in the first screen (${fleet.y}px)`);
    await page.evaluate(() => scrollTo(0, document.body.scrollHeight));
    const next = await page.getByRole("button", { name: "Next", exact: true }).boundingBox();
    assert.ok(next.y > 700 && next.y + next.height <= 812, `Next is on screen after scrolling (${next.y}px)`);
    await page.getByRole("button", { name: "Next", exact: true }).click();
    assert.match(await position(page), /^Step 8 of 13/);
    assert.equal(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth), 0);
  }, { viewport: { width: 375, height: 812 } });
});

test("presenter mode shows its state, leaves with Esc, survives a reload, hides the tools and shows the tasks at 1280×720", async () => {
  await visit("#v=1&s=blog-timeline&step=6", async (page) => {
    const button = page.getByTestId("presenter");
    await button.click();
    assert.equal(await button.getAttribute("aria-pressed"), "true");
    assert.equal(await button.textContent(), "Leave presenter mode");
    assert.match(page.url(), /&present=1$/);
    for (const id of ["console-form", "fleet-form", "report-form", "fork"]) assert.equal(await page.getByTestId(id).isVisible(), false, id);
    const chip = await page.getByTestId("task-web-4").boundingBox();
    assert.ok(chip.y + chip.height <= 720, `the tasks are above the fold (${chip.y + chip.height}px)`);
    await page.reload();
    await page.getByTestId("why").waitFor();
    assert.equal(await page.getByTestId("presenter").getAttribute("aria-pressed"), "true", "kept in the link");
    await page.keyboard.press("Escape");
    assert.equal(await page.getByTestId("presenter").getAttribute("aria-pressed"), "false");
    assert.equal(await page.getByTestId("presenter").textContent(), "Presenter mode");
    assert.doesNotMatch(page.url(), /present=1/);
    assert.equal(await page.getByTestId("console-form").isVisible(), true);
  }, { viewport: { width: 1280, height: 720 } });
});

// ------------------------------------------------------------------ what AWS actually did

test("facts show their sources, errors say whose words they are, and the teaching views are labelled", async () => {
  await visit("#v=1&s=aws-history&step=31", async (page) => {
    const source = page.getByTestId("source").getByRole("link");
    assert.equal(await source.getAttribute("href"), "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/platform-versions-retired.html");
    assert.match(await page.getByTestId("note").textContent(), /pinned services too this time/);
    assert.equal(await page.getByTestId("states-hint").textContent(), "The four states are the ones AWS's blog proposed; no API shows them. AWS's own term is beside each.");
  });
  await visit("#v=1&s=al1-deprecation&step=11", async (page) => {
    assert.equal(await page.getByTestId("aws-error").textContent(),
      "PlatformUnknownException: Platform version 1.2.0 is retired: it cannot start new tasks or services. — the playground's words: AWS's exact message for this case is not documented.");
  });
  await visit("#v=1&s=eks-on-fargate&step=5", async (page) => {
    assert.equal(await page.getByTestId("teaching-view-prod").textContent(), "A teaching view: EKS does not show the Fargate platform version. Its users see the cluster's EKS platform version (eks.N).");
  });
});

test("a CODE_DEPLOY service refuses update-service redeploys; a CodeDeploy deployment re-resolves", async () => {
  await visit("#v=1&s=sandbox&step=2", async (page) => {
    await run(page, "aws ecs create-service --service-name web --launch-type FARGATE --task-definition web:1 --deployment-controller type=CODE_DEPLOY");
    await page.getByTestId("console-ok").waitFor();
    assert.equal(await page.getByTestId("shown-web").textContent(), "1.3.0");
    assert.match(await page.getByTestId("reported-web").textContent(), /as users report/);
    await run(page, "aws ecs update-service --service web --platform-version 1.4.0");
    await page.getByTestId("position").filter({ hasText: /^Step 5 of 5/ }).waitFor();
    assert.match(await page.getByTestId("aws-error").textContent(), /^InvalidParameterException: web uses the CODE_DEPLOY deployment controller/);
    await page.getByTestId("codedeploy-service").fill("web");
    await page.getByTestId("codedeploy-version").fill("1.4.0");
    await page.getByTestId("codedeploy-apply").click();
    await page.getByTestId("position").filter({ hasText: /^Step 6 of 6/ }).waitFor();
    assert.equal(await page.getByTestId("resolved-web").textContent(), "1.4.0");
    assert.equal(await page.getByTestId("shown-web").textContent(), "1.4.0");
  });
});
