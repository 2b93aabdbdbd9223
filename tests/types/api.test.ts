// The package's TypeScript types against what the exports really return. tsc compiles this file
// against the built package's .d.ts (www/pkg, from src/wasm.d.ts and the wasm-bindgen signatures):
// every call below must type-check, and each checker must name exactly the fields of its type
// (a field added to or dropped from a type stops the compile). Then Node runs it: every value the
// exports return, at every step of every built-in scenario, must have exactly the fields of its
// type with values of their types, so a type that lies about the Rust output fails here.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import * as pkg from "../../www/pkg/latest_playground.js";
import type * as T from "../../www/pkg/latest_playground.js";

pkg.initSync({ module: readFileSync(new URL("../../www/pkg/latest_playground_bg.wasm", import.meta.url)) });

// ---------------------------------------------------------------- checkers

type Check<V> = (value: unknown, path: string) => V;
interface Optional<V> { optional: Check<V> }

function fail(path: string, want: string, value: unknown): never {
  throw new TypeError(`${path}: expected ${want}, found ${JSON.stringify(value)?.slice(0, 160)}`);
}

const text: Check<string> = (v, p) => (typeof v === "string" ? v : fail(p, "a string", v));
const count: Check<number> = (v, p) => (Number.isInteger(v) && (v as number) >= 0 ? (v as number) : fail(p, "a count", v));
const flag: Check<boolean> = (v, p) => (typeof v === "boolean" ? v : fail(p, "true or false", v));
const nothing: Check<null> = (v, p) => (v === null ? v : fail(p, "null", v));
const version: Check<string> = (v, p) => (typeof v === "string" && /^\d+\.\d+\.\d+$/.test(v) ? v : fail(p, "MAJOR.MINOR.PATCH", v));
const instant: Check<string> = (v, p) =>
  typeof v === "string" && /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/.test(v) ? v : fail(p, "an ISO 8601 UTC instant", v);
const day: Check<string> = (v, p) => (typeof v === "string" && /^\d{4}-\d\d-\d\d$/.test(v) ? v : fail(p, "a YYYY-MM-DD date", v));

function exactly<L extends string | number | boolean>(...values: L[]): Check<L> {
  return (v, p) => (values.includes(v as L) ? (v as L) : fail(p, `one of ${JSON.stringify(values)}`, v));
}
function list<V>(item: Check<V>): Check<V[]> {
  return (v, p) => (Array.isArray(v) ? v.map((x, i) => item(x, `${p}[${i}]`)) : fail(p, "an array", v));
}
function orNull<V>(check: Check<V>): Check<V | null> {
  return (v, p) => (v === null ? null : check(v, p));
}
function either<A, B>(a: Check<A>, b: Check<B>): Check<A | B> {
  return (v, p) => {
    try {
      return a(v, p);
    } catch (first) {
      try {
        return b(v, p);
      } catch (second) {
        return fail(p, `either (${(first as Error).message}) or (${(second as Error).message})`, v);
      }
    }
  };
}
const optional = <V>(check: Check<V>): Optional<V> => ({ optional: check });

type OptionalKeys<O> = { [K in keyof O]-?: {} extends Pick<O, K> ? K : never }[keyof O];
/** One checker per field of `O`, no more and no fewer; optional fields take `optional(…)`. */
type Fields<O> = {
  [K in keyof O]-?: K extends OptionalKeys<O> ? Optional<Exclude<O[K], undefined>> : Check<O[K]>;
};

function object<O>(fields: Fields<O>): Check<O> {
  const entries = Object.entries(fields) as [string, Check<unknown> | Optional<unknown>][];
  return (v, p) => {
    if (typeof v !== "object" || v === null || Array.isArray(v)) return fail(p, "an object", v);
    const record = v as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      if (!(key in fields)) fail(`${p}.${key}`, "no such field (its type does not have it)", record[key]);
    }
    for (const [key, check] of entries) {
      if (typeof check === "function") check(record[key], `${p}.${key}`);
      else if (key in record) check.optional(record[key], `${p}.${key}`);
    }
    return v as O;
  };
}

/** A union told apart by `kind`: one checker per kind the type has. */
function byKind<U extends { kind: string }>(cases: { [K in U["kind"]]: Check<Extract<U, { kind: K }>> }): Check<U> {
  return (v, p) => {
    const kind = (v as { kind?: unknown } | null)?.kind;
    if (typeof kind !== "string" || !(kind in cases)) return fail(`${p}.kind`, `one of ${Object.keys(cases).join(", ")}`, kind);
    return cases[kind as U["kind"]](v, p);
  };
}

// ---------------------------------------------------------------- the package's types

const family = exactly<T.Family>("LINUX", "WINDOWS");
const state = exactly<T.VersionState>("active", "deprecating", "retired", "recalled");
const controller = exactly<"ECS" | "CODE_DEPLOY">("ECS", "CODE_DEPLOY");
const stopReason = exactly<T.StopReason>(
  "scale-in", "new-deployment", "recycled", "replaced", "stopped-by-user", "service-deleted", "revision-retired", "version-recalled",
);

/** An event carries `do` and whatever fields that event has (docs/format.md). */
const scenarioEvent: Check<T.ScenarioEvent> = (v, p) => {
  const event = object<{ do: string }>({ do: text });
  if (typeof v !== "object" || v === null) return fail(p, "an event object", v);
  event({ do: (v as { do?: unknown }).do }, p);
  for (const key of ["at", "note", "source"] as const) {
    if (key in v) (key === "at" ? instant : text)((v as Record<string, unknown>)[key], `${p}.${key}`);
  }
  return v as T.ScenarioEvent;
};

const taskRow = object<T.TaskRow>({
  id: text, cluster: optional(text), family, platformVersion: version, revision: count, startedAt: instant,
});
const podRow = object<T.PodRow>({ id: text, platformVersion: version, revision: count, startedAt: instant });
const deploymentRow = object<T.DeploymentRow>({
  id: text, status: exactly("PRIMARY", "INACTIVE"), platformVersion: version, createdAt: instant,
});
const versionRow = object<T.VersionRow>({ version, family, state, revision: count, features: list(text) });
const stepError = object<T.StepError>({ code: text, message: text, wording: exactly("aws", "playground") });
const latest = object<T.Step["latest"]>({ LINUX: orNull(version), WINDOWS: orNull(version) });

type Of<K extends T.Change["kind"]> = Extract<T.Change, { kind: K }>;
const change = byKind<T.Change>({
  "version-released": object<Of<"version-released">>({ kind: exactly("version-released"), version, family }),
  "revision-published": object<Of<"revision-published">>({ kind: exactly("revision-published"), version, family, revision: count }),
  "latest-moved": object<Of<"latest-moved">>({ kind: exactly("latest-moved"), family, from: orNull(version), to: version }),
  "version-state-changed": object<Of<"version-state-changed">>({
    kind: exactly("version-state-changed"), version, family, from: state, to: state,
  }),
  "service-created": object<Of<"service-created">>({ kind: exactly("service-created"), cluster: optional(text), service: text }),
  "deployment-created": object<Of<"deployment-created">>({
    kind: exactly("deployment-created"), cluster: optional(text), service: text, deployment: text, platformVersion: version, requested: text,
  }),
  "task-stopped": object<Of<"task-stopped">>({
    kind: exactly("task-stopped"), task: text, cluster: optional(text), service: optional(text),
    platformVersion: version, revision: count, reason: stopReason,
  }),
  "task-started": object<Of<"task-started">>({
    kind: exactly("task-started"), task: text, cluster: optional(text), service: optional(text), platformVersion: version, revision: count,
  }),
  "tasks-imported": object<Of<"tasks-imported">>({
    kind: exactly("tasks-imported"), cluster: optional(text), service: optional(text), platformVersion: version, revision: count, count,
  }),
  "placement-failed": object<Of<"placement-failed">>({
    kind: exactly("placement-failed"), cluster: optional(text), service: text, platformVersion: version, count, reason: text,
  }),
  "service-deleted": object<Of<"service-deleted">>({ kind: exactly("service-deleted"), cluster: optional(text), service: text, family }),
  "cluster-created": object<Of<"cluster-created">>({ kind: exactly("cluster-created"), cluster: text, fargateVersion: version }),
  "cluster-updated": object<Of<"cluster-updated">>({ kind: exactly("cluster-updated"), cluster: text, from: version, to: version }),
  "pod-started": object<Of<"pod-started">>({
    kind: exactly("pod-started"), cluster: text, pod: text, platformVersion: version, revision: count,
  }),
  "pod-stopped": object<Of<"pod-stopped">>({
    kind: exactly("pod-stopped"), cluster: text, pod: text, platformVersion: version, revision: count, reason: stopReason,
  }),
});
const countedChange = object<T.CountedChange>({
  kind: exactly("task-started", "task-stopped", "pod-started", "pod-stopped"), cluster: optional(text), service: optional(text),
  platformVersion: version, revision: count, reason: optional(stopReason), count,
});
// A counted group names no task or pod: it stands for `count` of them.
const summaryChange: Check<T.Change | T.CountedChange> = (v, p) =>
  typeof v === "object" && v !== null && "count" in v && !("task" in v) && !("pod" in v) && /^(task|pod)-st/.test(String((v as { kind?: unknown }).kind))
    ? countedChange(v, p)
    : change(v, p);

const serviceHead = {
  name: text, cluster: optional(text), taskDefinition: optional(text), requestedUnknown: optional(exactly<true>(true)), family,
  platformVersion: text, requested: text, deploymentController: controller, requires: list(text), desiredCount: count,
  runningCount: count, deployments: list(deploymentRow),
};
const serviceRow = object<T.ServiceRow>({ ...serviceHead, tasks: list(taskRow) });
const step = object<T.Step>({
  index: count, at: instant, event: scenarioEvent, outcome: exactly("applied", "rejected"), error: orNull(stepError),
  explanation: text, latest, versions: list(versionRow), services: list(serviceRow), tasks: list(taskRow),
  clusters: list(object<T.Step["clusters"][number]>({ name: text, fargateVersion: version, pods: list(podRow) })),
  changes: list(change), warnings: list(text),
});
const trace = object<T.Trace>({ format: exactly("fargate-pv-trace/1"), title: orNull(text), steps: list(step) });

const versionCount = object<T.VersionCount>({ platformVersion: version, revision: count, count });
const summary = object<T.Summary>({
  index: count, at: instant, event: scenarioEvent, outcome: exactly("applied", "rejected"), error: orNull(stepError),
  explanation: text, latest, versions: list(versionRow),
  services: list(object<T.ServiceSummary>({ ...serviceHead, primaryVersion: version, counts: list(versionCount) })),
  tasks: list(versionCount),
  clusters: list(object<T.Summary["clusters"][number]>({ name: text, fargateVersion: version, pods: list(versionCount) })),
  changes: list(summaryChange), warnings: list(text),
});

const asked: Check<T.AskedNow> = (v, p) =>
  (v as { outcome?: unknown } | null)?.outcome === "resolved"
    ? object<Extract<T.AskedNow, { outcome: "resolved" }>>({ outcome: exactly("resolved"), version, revision: count })(v, p)
    : object<Extract<T.AskedNow, { outcome: "rejected" }>>({ outcome: exactly("rejected"), code: text, message: text })(v, p);

const rowView = object<T.RowView>({
  id: text, cluster: optional(text), family, platformVersion: version, revision: count, startedAt: optional(instant),
  started: optional(exactly<true>(true)),
});
const groupPage = { counts: list(versionCount), rows: orNull(list(rowView)), stopped: list(rowView) };
const servicePage = object<T.ServicePage>({
  ...serviceHead, primaryVersion: version, counts: list(versionCount), tasks: orNull(list(rowView)), stopped: list(rowView),
  failed: list(object<T.ServicePage["failed"][number]>({ count, reason: text })), request: count,
});
const pageView = object<T.PageView>({
  index: count, at: instant, event: scenarioEvent, outcome: exactly("applied", "rejected"), error: orNull(stepError),
  explanation: text, latest, versions: list(versionRow), rows: flag, running: count, paged: flag, serviceCount: count,
  services: list(servicePage),
  requests: list(object<T.PageView["requests"][number]>({ family, requested: text, requires: list(text), askedNow: asked })),
  touched: list(count),
  deleted: list(object<T.PageView["deleted"][number]>({ name: text, cluster: optional(text), stopped: list(rowView) })),
  standalone: object<T.GroupPage>(groupPage),
  clusters: list(object<T.PageView["clusters"][number]>({ name: text, fargateVersion: version, ...groupPage })),
  changes: list(summaryChange), warnings: list(text),
});

const why = object<T.Why>({
  task: text, platformVersion: version, revision: count, requested: orNull(text), resolvedAt: orNull(instant),
  askedNow: orNull(asked), chain: list(object<T.Why["chain"][number]>({ step: count, at: instant, text })),
});
const question = object<T.Question>({
  prompt: text, versions: list(version), maxRevision: count,
  answer: object<T.Question["answer"]>({
    version: orNull(version), revision: orNull(count), runningChange: flag, explanation: text,
  }),
});
const difference = object<T.Difference>({ what: text, original: orNull(text), fork: orNull(text) });
const timelineEntry = object<T.TimelineEntry>({ index: count, at: instant, event: scenarioEvent, base: flag });
const builtin = object<T.BuiltinScenario>({ id: text, title: text, description: text, json: text });
const resolution: Check<T.Resolution> = (v, p) =>
  (v as { outcome?: unknown } | null)?.outcome === "resolved"
    ? object<Extract<T.Resolution, { outcome: "resolved" }>>({ outcome: exactly("resolved"), version, revision: count, viaLatest: flag })(v, p)
    : object<Extract<T.Resolution, { outcome: "rejected" }>>({ outcome: exactly("rejected"), code: text, message: text })(v, p);
const consoleCommand: Check<T.ConsoleCommand> = (v, p) =>
  (v as { kind?: unknown } | null)?.kind === "event"
    ? object<Extract<T.ConsoleCommand, { kind: "event" }>>({ kind: exactly("event"), event: scenarioEvent, assumptions: list(text) })(v, p)
    : object<Extract<T.ConsoleCommand, { kind: "describe-services" | "describe-tasks" }>>({
      kind: exactly("describe-services", "describe-tasks"), cluster: text, names: list(text),
    })(v, p);
const retirementOptions = object<T.RetirementOptions>({
  version, family, latestPointsHere: flag,
  targets: list(object<T.RetirementTarget>({
    version, hypothetical: flag, downgrade: flag, state: orNull(state), scheduledRetirement: orNull(day),
  })),
  announced: list(object<T.AnnouncedSchedule>({
    region: text, date: day, forceUpdate: orNull(day), retired: day, terminated: orNull(day), pinnedTo: orNull(version), source: text,
  })),
});
const retirementReport = object<T.RetirementReport>({
  version, family, date: day, latestTo: orNull(version), pinnedTo: orNull(version), terminate: flag, summary: text,
  warnings: list(text),
  rows: list(object<T.ReportRow>({
    kind: exactly("service", "task", "pods"), name: text, cluster: text, requested: orNull(text), onVersion: count,
    effect: exactly("force-updated", "force-update-fails", "breaks", "tasks-stopped", "stopped", "cannot-scale"),
    onto: orNull(version), lost: count, whatHappens: text, whatToDo: text,
  })),
  notAffected: count, csv: text, markdown: text,
});
const chart = object<T.Chart>({
  marks: list(object<T.Chart["marks"][number]>({
    index: count, at: instant, do: text, customer: flag, rejected: flag, approximate: flag,
  })),
  latest: list(object<T.Chart["latest"][number]>({
    family, runs: list(object<T.Chart["latest"][number]["runs"][number]>({ from: count, to: count, version: orNull(version) })),
  })),
  versions: list(object<T.Chart["versions"][number]>({
    family, version, runs: list(object<T.Chart["versions"][number]["runs"][number]>({ from: count, to: count, state })),
  })),
  grouped: flag,
  lanes: list(object<T.ChartLane>({
    kind: exactly("service", "group", "tasks", "pods"), name: text, cluster: optional(text), family,
    runs: list(object<T.ChartLane["runs"][number]>({
      from: count, to: count, requested: orNull(text), version: orNull(version), mix: list(versionCount), count,
    })),
    members: optional(list(text)),
  })),
});
const lifecycleState = object<T.LifecycleState>({
  state, awsTerm: text, startsTasks: flag, latestMayPointHere: flag, runningTasksKeepRunning: flag, receivesRevisions: flag,
  warnsOnUse: flag, allowedNext: list(state),
});
const awsFamily = exactly("Linux", "Windows");
const awsFailure = object<T.AwsFailure>({ arn: text, reason: exactly("MISSING") });
const describeServices = object<Extract<T.DescribeOutput, { services: unknown }>>({
  services: list(object<T.AwsService>({
    serviceArn: text, serviceName: text, clusterArn: text, status: exactly("ACTIVE"), desiredCount: count, runningCount: count,
    pendingCount: count, launchType: exactly("FARGATE"), platformVersion: text, platformFamily: awsFamily,
    taskDefinition: optional(text), deploymentController: object<T.AwsService["deploymentController"]>({ type: controller }),
    deployments: list(object<T.AwsDeployment>({
      id: text, status: exactly("PRIMARY", "ACTIVE"), desiredCount: count, pendingCount: count, runningCount: count,
      createdAt: instant, launchType: exactly("FARGATE"), platformVersion: version, platformFamily: awsFamily,
      rolloutState: exactly("COMPLETED", "IN_PROGRESS"),
    })),
  })),
  failures: list(awsFailure),
});
const describeTasks = object<Extract<T.DescribeOutput, { tasks: unknown }>>({
  tasks: list(object<T.AwsTask>({
    taskArn: text, clusterArn: text, group: text, lastStatus: exactly("RUNNING"), desiredStatus: exactly("RUNNING"),
    launchType: exactly("FARGATE"), platformVersion: version, platformFamily: awsFamily, startedAt: instant,
  })),
  failures: list(awsFailure),
});
const describeOutput = either(describeServices, describeTasks);

/** What an export throws: an Error with exactly the fields `PlaygroundError` names. */
function thrown(call: () => unknown, code: string): T.PlaygroundError {
  try {
    call();
  } catch (e) {
    assert.ok(e instanceof Error, "an Error");
    const own = object<Omit<T.PlaygroundError, "name" | "message" | "stack" | "cause">>({
      code: text, path: optional(text), line: optional(count), column: optional(count), file: optional(text),
    });
    const { stack: _stack, message: _message, ...fields } = Object.fromEntries(
      Object.getOwnPropertyNames(e).map((key) => [key, (e as unknown as Record<string, unknown>)[key]]),
    );
    own(fields, "error");
    assert.equal((e as T.PlaygroundError).code, code);
    return e as T.PlaygroundError;
  }
  return assert.fail(`expected a ${code} error`);
}

// `check(c, value)`: `value` must have the type the checker checks, so the compiler also holds
// each export's declared return type to the type checked here.
function check<V>(checker: Check<V>, value: V, path: string): V {
  return checker(value, path);
}

// ---------------------------------------------------------------- the exports

const builtins = check(list(builtin), pkg.builtinScenarios(), "builtinScenarios()");
const seen = new Set<string>();

test("every built-in's trace, steps, summaries, page views and answers have their declared types", () => {
  assert.ok(builtins.length >= 7);
  for (const { id, json } of builtins) {
    const t = check(trace, pkg.simulate(json), `${id}: simulate()`);
    const pg = new pkg.Playground(json);
    check(orNull(text), pg.title() ?? null, `${id}: title()`);
    const n: number = pg.stepCount();
    assert.equal(n, t.steps.length);
    check(list(timelineEntry), pg.timeline(), `${id}: timeline()`);
    const c = check(chart, pg.chart(), `${id}: chart()`);
    assert.equal(c.marks.length, n);
    for (let i = 0; i < n; i++) {
      const at = `${id}: step ${i}`;
      const s = check(step, pg.step(i), `${at} step()`);
      for (const c of s.changes) seen.add(c.kind);
      check(summary, pg.summary(i), `${at} summary()`);
      const view = check(pageView, pg.view(i), `${at} view()`);
      check(orNull(question), pg.question(i), `${at} question()`);
      const markdown: string = pg.toMarkdown(i);
      assert.match(markdown, /^# /);
      for (const task of [...s.services.flatMap((x) => x.tasks), ...s.tasks].slice(0, 3)) {
        check(orNull(why), pg.why(i, task.id, task.cluster ?? null), `${at} why(${task.id})`);
      }
      for (const cluster of s.clusters) {
        const pod = cluster.pods[0];
        if (pod) check(orNull(why), pg.why(i, pod.id, cluster.name), `${at} why(${pod.id})`);
      }
      const names = view.services.map((x) => x.name).join(" ") || "nothing";
      check(describeOutput, pg.describe(i, `aws ecs describe-services --cluster default --services ${names}`), `${at} describe`);
      check(describeOutput, pg.describe(i, `aws ecs describe-tasks --cluster default --tasks ${s.tasks[0]?.id ?? "x-1"}`), `${at} describe`);
      check(resolution, pg.resolve(i, "LINUX", "LATEST", []), `${at} resolve()`);
      check(resolution, pg.resolve(i, "WINDOWS", "9.9.9", []), `${at} resolve()`);
    }
    const last = n - 1;
    for (const v of t.steps[last]!.versions) {
      check(retirementOptions, pg.retirementOptions(last, v.family, v.version), `${id}: retirementOptions(${v.version})`);
      try {
        check(retirementReport, pg.retirementReport(last, v.family, v.version, "2030-01-01"), `${id}: retirementReport(${v.version})`);
      } catch (e) {
        if (e instanceof TypeError) throw e;
        thrown(() => { throw e; }, (e as T.PlaygroundError).code);
      }
    }
    for (const entry of pg.timeline()) {
      const command = pkg.awsCommand(entry.event);
      if (command !== undefined) check(scenarioEvent, pkg.parseCommand(command), `${id}: parseCommand(${command})`);
    }
  }
});

test("what-if forks, appended events, undo, comparisons and the scenario text have their declared types", () => {
  const blog = builtins.find((b) => b.id === "blog-timeline")!;
  const pg = new pkg.Playground(blog.json);
  const event: T.ScenarioEvent = { do: "scale-service", service: "web", desiredCount: 6 };
  const fork: T.Playground = pg.fork(3, event);
  check(list(difference), pg.compare(pg.stepCount() - 1, fork, fork.stepCount() - 1), "compare()");
  const appended = check(step, pg.apply(event), "apply()");
  assert.equal(appended.index, pg.stepCount() - 1);
  const undone: boolean = pg.undo();
  assert.equal(undone, true);
  const deleted = check(step, pg.apply({ do: "delete-service", service: "web" }), "apply(delete-service)");
  for (const c of deleted.changes) seen.add(c.kind);
  check(pageView, pg.view(deleted.index), "view() after a deletion");

  const eks = new pkg.Playground(builtins.find((b) => b.id === "eks-on-fargate")!.json);
  const updated = check(step, eks.apply({ do: "update-eks-platform", cluster: "prod", fargateVersion: "1.4.0" }), "apply(update-eks-platform)");
  for (const c of updated.changes) seen.add(c.kind);
  const scenario: string = pg.toScenarioJson();
  assert.equal(JSON.parse(scenario).format, "fargate-pv-scenario/1");
});

test("the console, the lifecycle table and an imported fleet have their declared types", () => {
  check(consoleCommand, pkg.parseConsole("aws ecs create-service --service-name api --desired-count 2"), "parseConsole()");
  check(consoleCommand, pkg.parseConsole("aws ecs describe-tasks --cluster prod --tasks api-1"), "parseConsole()");
  check(scenarioEvent, pkg.parseCommand("aws ecs update-service --service web --force-new-deployment"), "parseCommand()");
  check(list(lifecycleState), pkg.lifecycleStates(), "lifecycleStates()");

  const blog = new pkg.Playground(builtins.find((b) => b.id === "blog-timeline")!.json);
  const last = blog.stepCount() - 1;
  const services = blog.describe(last, "aws ecs describe-services --cluster default --services web");
  const files: T.FleetFile[] = [{ name: "services.json", text: JSON.stringify(services) }];
  const imported = pkg.Playground.importFleet(files);
  check(chart, imported.chart(), "importFleet() chart()");
  // The page's worker: the same files as bytes, and the document it writes opens as that fleet.
  const bytes: T.FleetFile[] = [{ name: "services.json", bytes: new TextEncoder().encode(files[0]!.text) }];
  const written: string = pkg.Playground.importFleetScenario(bytes);
  assert.equal(new pkg.Playground(written).toScenarioJson(), imported.toScenarioJson());
  for (let i = 0; i < imported.stepCount(); i++) {
    for (const c of check(step, imported.step(i), `importFleet() step ${i}`).changes) seen.add(c.kind);
    check(summary, imported.summary(i), `importFleet() summary ${i}`);
    check(pageView, imported.view(i), `importFleet() view ${i}`);
  }
  // A fleet of more than 200 services: the view is paged, and `lines` gives its services' lines.
  const events: T.ScenarioEvent[] = [
    { at: "2020-01-01", do: "release-version", version: "1.4.0" },
    { at: "2020-01-01", do: "move-latest", to: "1.4.0" },
    ...Array.from({ length: 201 }, (_, k): T.ScenarioEvent => ({ at: "2020-01-02", do: "create-service", service: `svc-${k}` })),
  ];
  const many = new pkg.Playground(JSON.stringify({ format: "fargate-pv-scenario/1", events }));
  const lastMany = many.stepCount() - 1;
  const paged = check(pageView, many.view(lastMany), "view() of 201 services");
  assert.deepEqual([paged.paged, paged.serviceCount, paged.services.length], [true, 201, 0]);
  const lines = check(list(servicePage), many.lines(lastMany, [0, 200, 201]), "lines()");
  assert.deepEqual(lines.map((l) => l.name), ["svc-0", "svc-200"]);
  // A step prepared ahead (as the page does while idle) is the step it would have computed.
  const ahead = new pkg.Playground(JSON.stringify({ format: "fargate-pv-scenario/1", events }));
  ahead.view(lastMany - 2);
  ahead.prepareStep(lastMany - 1);
  ahead.prepareStep(lastMany + 5);
  const asked = new pkg.Playground(JSON.stringify({ format: "fargate-pv-scenario/1", events }));
  asked.view(lastMany - 2);
  assert.deepEqual(ahead.view(lastMany - 1), asked.view(lastMany - 1));
  assert.deepEqual(ahead.lines(lastMany - 1, [0, 199]), asked.lines(lastMany - 1, [0, 199]));
});

test("errors carry exactly the fields PlaygroundError declares", () => {
  const syntax = thrown(() => new pkg.Playground('{"format": "fargate-pv-scenario/1", "events": [,]}'), "InvalidJson");
  assert.equal(typeof syntax.line, "number");
  assert.equal(typeof syntax.column, "number");
  const latin1 = thrown(() => pkg.Playground.fromBytes(new Uint8Array([0x7b, 0xe9, 0x7d])), "InvalidJson");
  assert.deepEqual([latin1.line, latin1.column], [1, 2]);
  const command = thrown(() => pkg.parseCommand("aws ecs frobnicate"), "CommandError");
  assert.equal(typeof command.column, "number");
  const file = thrown(() => pkg.Playground.importFleet([{ name: "bad.json", text: "{" }]), "InvalidJson");
  assert.equal(file.file, "bad.json");
  const notUtf8 = thrown(() => pkg.Playground.importFleetScenario([{ name: "a.json", text: "[]" }, { name: "latin1.json", bytes: new Uint8Array([0x5b, 0x0a, 0x20, 0xe9, 0x5d]) }]), "InvalidJson");
  assert.deepEqual([notUtf8.file, notUtf8.line, notUtf8.column, notUtf8.message], ["latin1.json", 2, 2, "Invalid JSON at line 2, column 2: byte 0xE9 is not UTF-8 text; save the file as UTF-8."]);
  const pg = new pkg.Playground(builtins[0]!.json);
  thrown(() => pg.step(10_000), "StepOutOfRange");
});

test("the built-ins and the import show every kind of change the Change type declares", () => {
  // Declared kinds that no output ever shows could not be checked above.
  const declared: T.Change["kind"][] = [
    "version-released", "revision-published", "latest-moved", "version-state-changed", "service-created", "deployment-created",
    "task-stopped", "task-started", "tasks-imported", "placement-failed", "service-deleted", "cluster-created", "cluster-updated",
    "pod-started", "pod-stopped",
  ];
  assert.deepEqual(declared.filter((k) => !seen.has(k)), []);
});
