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
export interface Change { kind: string; [field: string]: unknown }
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
  changes: Change[]; warnings: string[];
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
export interface FleetFile { name: string; text: string }
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
  tasks: RowView[] | null; stopped: RowView[]; failed: { count: number; reason: string }[]; askedNow: AskedNow;
}
export interface GroupPage { counts: VersionCount[]; rows: RowView[] | null; stopped: RowView[] }
export interface PageView {
  index: number; at: string; event: ScenarioEvent; outcome: "applied" | "rejected"; error: StepError | null;
  explanation: string; latest: { LINUX: string | null; WINDOWS: string | null }; versions: VersionRow[];
  rows: boolean; running: number; services: ServicePage[];
  deleted: { name: string; cluster?: string; stopped: RowView[] }[];
  standalone: GroupPage; clusters: ({ name: string; fargateVersion: string } & GroupPage)[];
  changes: Change[]; warnings: string[];
}
export interface LifecycleState {
  state: VersionState; awsTerm: string; startsTasks: boolean; latestMayPointHere: boolean;
  runningTasksKeepRunning: boolean; receivesRevisions: boolean; warnsOnUse: boolean; allowedNext: VersionState[];
}
