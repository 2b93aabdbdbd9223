// The types of what the exports return, appended to the package's .d.ts by wasm-bindgen.
// tests/types/api.test.ts checks every value the exports return against them.
export type Family = "LINUX" | "WINDOWS";
export type VersionState = "active" | "deprecating" | "retired" | "recalled";
/** One event of a scenario document (docs/format.md); `at` is optional for `Playground.apply`. */
export interface ScenarioEvent { do: string; at?: string; note?: string; source?: string; [field: string]: unknown }
export interface TaskRow { id: string; cluster?: string; family: Family; platformVersion: string; revision: number; startedAt: string }
export interface PodRow { id: string; platformVersion: string; revision: number; startedAt: string }
export interface DeploymentRow { id: string; status: "PRIMARY" | "INACTIVE"; platformVersion: string; createdAt: string }
export interface VersionRow { version: string; family: Family; state: VersionState; revision: number; features: string[] }
export type StopReason =
  | "scale-in" | "new-deployment" | "recycled" | "replaced" | "stopped-by-user" | "service-deleted"
  | "revision-retired" | "version-recalled";
/** What one step changed; `cluster` is an ECS cluster's name, present when not `default`. */
export type Change =
  | { kind: "version-released"; version: string; family: Family }
  | { kind: "revision-published"; version: string; family: Family; revision: number }
  | { kind: "latest-moved"; family: Family; from: string | null; to: string }
  | { kind: "version-state-changed"; version: string; family: Family; from: VersionState; to: VersionState }
  | { kind: "service-created"; cluster?: string; service: string }
  | { kind: "deployment-created"; cluster?: string; service: string; deployment: string; platformVersion: string; requested: string }
  | { kind: "task-stopped"; task: string; cluster?: string; service?: string; platformVersion: string; revision: number; reason: StopReason }
  | { kind: "task-started"; task: string; cluster?: string; service?: string; platformVersion: string; revision: number }
  | { kind: "tasks-imported"; cluster?: string; service?: string; platformVersion: string; revision: number; count: number }
  | { kind: "placement-failed"; cluster?: string; service: string; platformVersion: string; count: number; reason: string }
  | { kind: "service-deleted"; cluster?: string; service: string; family: Family }
  | { kind: "cluster-created"; cluster: string; fargateVersion: string }
  | { kind: "cluster-updated"; cluster: string; from: string; to: string }
  | { kind: "pod-started"; cluster: string; pod: string; platformVersion: string; revision: number }
  | { kind: "pod-stopped"; cluster: string; pod: string; platformVersion: string; revision: number; reason: StopReason };
/** The summary's count of task or pod changes of one owner, version, revision (and reason). */
export interface CountedChange {
  kind: "task-started" | "task-stopped" | "pod-started" | "pod-stopped"; cluster?: string; service?: string;
  platformVersion: string; revision: number; reason?: StopReason; count: number;
}
export interface StepError { code: string; message: string; wording: "aws" | "playground" }
export interface ServiceRow {
  name: string; cluster?: string; taskDefinition?: string; requestedUnknown?: true; family: Family;
  platformVersion: string; requested: string; deploymentController: "ECS" | "CODE_DEPLOY"; requires: string[];
  desiredCount: number; runningCount: number; deployments: DeploymentRow[]; tasks: TaskRow[];
}
export interface Step {
  index: number; at: string; event: ScenarioEvent; outcome: "applied" | "rejected";
  error: StepError | null; explanation: string;
  latest: { LINUX: string | null; WINDOWS: string | null }; versions: VersionRow[];
  services: ServiceRow[]; tasks: TaskRow[];
  clusters: { name: string; fargateVersion: string; pods: PodRow[] }[];
  changes: Change[]; warnings: string[];
}
export interface Trace { format: "fargate-pv-trace/1"; title: string | null; steps: Step[] }
export interface VersionCount { platformVersion: string; revision: number; count: number }
export interface ServiceSummary {
  name: string; cluster?: string; taskDefinition?: string; requestedUnknown?: true; family: Family;
  requested: string; platformVersion: string; primaryVersion: string;
  deploymentController: "ECS" | "CODE_DEPLOY"; requires: string[]; desiredCount: number; runningCount: number;
  deployments: DeploymentRow[]; counts: VersionCount[];
}
export interface Summary {
  index: number; at: string; event: ScenarioEvent; outcome: "applied" | "rejected";
  error: StepError | null; explanation: string;
  latest: { LINUX: string | null; WINDOWS: string | null }; versions: VersionRow[];
  services: ServiceSummary[];
  tasks: VersionCount[]; clusters: { name: string; fargateVersion: string; pods: VersionCount[] }[];
  changes: (Change | CountedChange)[]; warnings: string[];
}
export type ConsoleCommand =
  | { kind: "event"; event: ScenarioEvent; assumptions: string[] }
  | { kind: "describe-services" | "describe-tasks"; cluster: string; names: string[] };
export type AskedNow =
  | { outcome: "resolved"; version: string; revision: number }
  | { outcome: "rejected"; code: string; message: string };
export interface Why {
  task: string; platformVersion: string; revision: number; requested: string | null; resolvedAt: string | null;
  askedNow: AskedNow | null; chain: { step: number; at: string; text: string }[];
}
export interface Question {
  prompt: string; versions: string[]; maxRevision: number;
  answer: { version: string | null; revision: number | null; runningChange: boolean; explanation: string };
}
export interface Difference { what: string; original: string | null; fork: string | null }
export interface TimelineEntry { index: number; at: string; event: ScenarioEvent; base: boolean }
export interface BuiltinScenario { id: string; title: string; description: string; json: string }
export type Resolution =
  | { outcome: "resolved"; version: string; revision: number; viaLatest: boolean }
  | { outcome: "rejected"; code: string; message: string };
/** A file of AWS CLI output: its `bytes` as read from disk, or its `text`. */
export interface FleetFile { name: string; text?: string; bytes?: Uint8Array }
export interface RetirementTarget {
  version: string; hypothetical: boolean; downgrade: boolean; state: VersionState | null; scheduledRetirement: string | null;
}
export interface AnnouncedSchedule {
  region: string; date: string; forceUpdate: string | null; retired: string; terminated: string | null;
  pinnedTo: string | null; source: string;
}
export interface RetirementOptions {
  version: string; family: Family; latestPointsHere: boolean; targets: RetirementTarget[]; announced: AnnouncedSchedule[];
}
export interface ReportRow {
  kind: "service" | "task" | "pods"; name: string; cluster: string; requested: string | null;
  onVersion: number; effect: "force-updated" | "force-update-fails" | "breaks" | "tasks-stopped" | "stopped" | "cannot-scale";
  onto: string | null; lost: number; whatHappens: string; whatToDo: string;
}
export interface RetirementReport {
  version: string; family: Family; date: string; latestTo: string | null; pinnedTo: string | null; terminate: boolean;
  summary: string; warnings: string[]; rows: ReportRow[]; notAffected: number; csv: string; markdown: string;
}
export interface RowView {
  id: string; cluster?: string; family: Family; platformVersion: string; revision: number; startedAt?: string; started?: true;
}
export interface ServicePage {
  name: string; cluster?: string; taskDefinition?: string; requestedUnknown?: true; family: Family;
  requested: string; platformVersion: string; primaryVersion: string; deploymentController: "ECS" | "CODE_DEPLOY";
  requires: string[]; desiredCount: number; runningCount: number; deployments: DeploymentRow[]; counts: VersionCount[];
  tasks: RowView[] | null; stopped: RowView[]; failed: { count: number; reason: string }[];
  /** Its request's index in `PageView.requests`. */
  request: number;
}
export interface GroupPage { counts: VersionCount[]; rows: RowView[] | null; stopped: RowView[] }
export interface PageView {
  index: number; at: string; event: ScenarioEvent; outcome: "applied" | "rejected"; error: StepError | null;
  explanation: string; latest: { LINUX: string | null; WINDOWS: string | null }; versions: VersionRow[];
  rows: boolean; running: number;
  /** More than 200 services: `services` is empty and `Playground.lines` gives the lines shown. */
  paged: boolean; serviceCount: number;
  /** Services that did not change since an earlier `view` (or `lines`) of this handle are the same frozen object. */
  services: ServicePage[];
  /** What each request (family, version string, capabilities) would resolve to now. */
  requests: { family: Family; requested: string; requires: string[]; askedNow: AskedNow }[];
  /** The indices (in the fleet's order, as `services` and `lines` have them) of the services this step changed. */
  touched: number[];
  deleted: { name: string; cluster?: string; stopped: RowView[] }[];
  standalone: GroupPage; clusters: ({ name: string; fargateVersion: string } & GroupPage)[];
  /** What changed; when `rows` is false (a big fleet), only changes to versions and EKS clusters. */
  changes: (Change | CountedChange)[]; warnings: string[];
}
export interface LifecycleState {
  state: VersionState; awsTerm: string; startsTasks: boolean; latestMayPointHere: boolean;
  runningTasksKeepRunning: boolean; receivesRevisions: boolean; warnsOnUse: boolean; allowedNext: VersionState[];
}
export interface AwsFailure { arn: string; reason: "MISSING" }
export interface AwsDeployment {
  id: string; status: "PRIMARY" | "ACTIVE"; desiredCount: number; pendingCount: number; runningCount: number;
  createdAt: string; launchType: "FARGATE"; platformVersion: string; platformFamily: "Linux" | "Windows";
  rolloutState: "COMPLETED" | "IN_PROGRESS";
}
export interface AwsService {
  serviceArn: string; serviceName: string; clusterArn: string; status: "ACTIVE"; desiredCount: number;
  runningCount: number; pendingCount: number; launchType: "FARGATE"; platformVersion: string;
  platformFamily: "Linux" | "Windows"; taskDefinition?: string; deploymentController: { type: "ECS" | "CODE_DEPLOY" };
  deployments: AwsDeployment[];
}
export interface AwsTask {
  taskArn: string; clusterArn: string; group: string; lastStatus: "RUNNING"; desiredStatus: "RUNNING";
  launchType: "FARGATE"; platformVersion: string; platformFamily: "Linux" | "Windows"; startedAt: string;
}
/** What `Playground.describe` returns: the AWS CLI's JSON for the command. */
export type DescribeOutput = { services: AwsService[]; failures: AwsFailure[] } | { tasks: AwsTask[]; failures: AwsFailure[] };
/**
 * What every export throws: an `Error` whose `code` names the kind (`InvalidJson`, `CommandError`,
 * …); scenario errors add `path` (a JSON Pointer) and, for JSON syntax, `line` and `column`;
 * console errors add `column`; `Playground.importFleet` and `importFleetScenario` add `file`.
 */
export interface PlaygroundError extends Error { code: string; path?: string; line?: number; column?: number; file?: string }
/** Steps `from` to `to` (both included) during which the rest held. */
export type Run<T> = { from: number; to: number } & T;
export interface ChartLane {
  kind: "service" | "group" | "tasks" | "pods"; name: string; cluster?: string; family: Family;
  runs: Run<{ requested: string | null; version: string | null; mix: VersionCount[]; count: number }>[];
  /** A group's services at the end of the story. */
  members?: string[];
}
/** What `Playground.chart` returns: the whole story at a glance. */
export interface Chart {
  marks: { index: number; at: string; do: string; customer: boolean; rejected: boolean; approximate: boolean }[];
  latest: { family: Family; runs: Run<{ version: string | null }>[] }[];
  versions: { family: Family; version: string; runs: Run<{ state: VersionState }>[] }[];
  grouped: boolean;
  lanes: ChartLane[];
}
