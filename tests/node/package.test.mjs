// Loads the *optimised* package that the page serves (www/pkg, after wasm-opt) in Node and calls
// every export, so a miscompiling optimiser fails here rather than in a user's browser.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { config } from "../../scripts/config.mjs";

const c = config();
const pkg = await import(new URL(`file://${c.outDir}/${c.outName}.js`).href);
pkg.initSync({ module: readFileSync(c.wasmFile) });

const blog = readFileSync(fileURLToPath(new URL("../../src/builtin/blog-timeline.json", import.meta.url)), "utf8");

test("simulate tells the blog story: scale-out stays on 1.2.0, the update moves to 1.3.0", () => {
  const trace = pkg.simulate(blog);
  const scaleOut = trace.steps[6];
  assert.equal(scaleOut.event.do, "scale-service");
  assert.equal(scaleOut.latest.LINUX, "1.3.0");
  assert.deepEqual(scaleOut.services[0].tasks.map((t) => `${t.platformVersion}#${t.revision}`), [
    "1.2.0#1", "1.2.0#1", "1.2.0#2", "1.2.0#2",
  ]);
  const update = trace.steps[7];
  assert.ok(update.services[0].tasks.every((t) => t.platformVersion === "1.3.0"));
  assert.equal(update.services[0].platformVersion, "LATEST");
});

test("errors thrown to JS carry code, path, line and column", () => {
  assert.throws(() => pkg.simulate('{"format": "fargate-pv-scenario/1", "events": [,]}'), (e) => {
    assert.equal(e.code, "InvalidJson");
    assert.equal(e.path, "");
    assert.equal(e.line, 1);
    assert.equal(e.column, 48);
    return true;
  });
  assert.equal(pkg.simulate(blog).steps.length, 13, "the module still works after an error");
});

test("builtinScenarios, parseCommand, parseConsole, awsCommand, lifecycleStates and the Playground handle", () => {
  const ids = pkg.builtinScenarios().map((s) => s.id);
  assert.deepEqual(ids, ["blog-timeline", "latest-held", "al1-deprecation", "eks-on-fargate", "revision-retirement", "aws-history", "sandbox"]);
  const event = pkg.parseCommand("aws ecs run-task --task-definition report:2 --count 2");
  assert.deepEqual([event.do, event.task, event.count, event.platformVersion], ["run-task", "report", 2, "LATEST"]);
  assert.throws(() => pkg.parseCommand("aws ecs run-task --bogus"), (e) => e.code === "CommandError" && e.column === 18);
  assert.deepEqual(pkg.lifecycleStates().map((s) => s.state), ["active", "deprecating", "retired", "recalled"]);

  const playground = new pkg.Playground(blog);
  assert.equal(playground.stepCount(), 13);
  const step = playground.apply(event);
  assert.equal(step.tasks.length, 2);
  assert.ok(step.tasks.every((t) => t.platformVersion === "1.3.0"));
  assert.equal(playground.summary(13).tasks[0].count, 2);
  assert.equal(playground.resolve(13, "LINUX", "1.4", []).code, "PlatformUnknownException");
  assert.match(playground.toScenarioJson(), /"task": "report"/);
  assert.equal(pkg.parseConsole("aws ecs describe-tasks --tasks report").kind, "describe-tasks");
  assert.equal(playground.describe(13, "aws ecs describe-tasks --tasks report-1").tasks[0].platformVersion, "1.3.0");
  assert.equal(pkg.awsCommand({ do: "stop-task", task: "report" }), "aws ecs stop-task --task report");
  assert.equal(playground.timeline().length, 14);
  assert.equal(playground.title(), "The blog's worked example: LATEST is resolved once");
  playground.free();
});

test("simulate's trace is the golden trace of every built-in, with what did not change shared and frozen", () => {
  for (const { id, json } of pkg.builtinScenarios()) {
    const trace = pkg.simulate(json);
    const golden = readFileSync(fileURLToPath(new URL(`../golden/${id}.trace.json`, import.meta.url)), "utf8");
    assert.equal(JSON.stringify(trace), JSON.stringify(JSON.parse(golden)), id);
    assert.ok(Object.isFrozen(trace) && Object.isFrozen(trace.steps) && trace.steps.every(Object.isFrozen), `${id}: steps are frozen`);
  }
  const blog = pkg.simulate(readFileSync(fileURLToPath(new URL("../../src/builtin/blog-timeline.json", import.meta.url)), "utf8"));
  const [publish, scaleOut] = [blog.steps[3], blog.steps[6]];
  assert.equal(blog.steps[4].services, publish.services, "a release changes no service: the same list");
  assert.notEqual(scaleOut.services, blog.steps[5].services, "a scale-out changes web");
  assert.equal(scaleOut.services[0].tasks[0], blog.steps[5].services[0].tasks[0], "web's first task did not change: the same object");
  assert.equal(scaleOut.versions, blog.steps[5].versions, "a scale-out changes no version: the same list");
  assert.throws(() => { scaleOut.services[0].tasks[0].revision = 9; }, TypeError, "shared objects are frozen");
});

test("simulate of the hourly benchmark equals the native trace, step for step", async () => {
  const { hourlyScenario } = await import("../../scripts/hourly-scenario.mjs");
  const text = JSON.stringify(hourlyScenario(300));
  const trace = pkg.simulate(text);
  const playground = new pkg.Playground(text);
  trace.steps.forEach((step, i) => assert.deepEqual(step, playground.step(i), `step ${i}`));
  playground.free();
});
