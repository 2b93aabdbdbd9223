//! The one binding module: the core's API as wasm-bindgen exports (scenario-format.md §6). Every
//! conversion between Rust and JS happens here; the rest of the crate knows nothing of JS.

use crate::command::{
    parse_command as parse_line, parse_console as parse_console_line, parse_query, CommandError,
    ConsoleCommand, Query,
};
use crate::error::ScenarioError;
use crate::json::Json;
use crate::lifecycle::State;
use crate::playground::{simulate as simulate_text, Playground};
use crate::version::Family;
use serde::Serialize;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &'static str = r#"
export type Family = "LINUX" | "WINDOWS";
export type VersionState = "active" | "deprecating" | "retired" | "recalled";
/** One event of a scenario document (scenario-format.md §3); `at` is optional for `Playground.apply`. */
export interface ScenarioEvent { do: string; at?: string; note?: string; [field: string]: unknown }
export interface TaskRow { id: string; family: Family; platformVersion: string; revision: number; startedAt: string }
export interface PodRow { id: string; platformVersion: string; revision: number; startedAt: string }
export interface DeploymentRow { id: string; status: "PRIMARY" | "INACTIVE"; platformVersion: string; createdAt: string }
export interface VersionRow { version: string; family: Family; state: VersionState; revision: number; features: string[] }
export interface Change { kind: string; [field: string]: unknown }
export interface ServiceRow {
  name: string; cluster?: string; family: Family; platformVersion: string; requested: string;
  deploymentController: "ECS" | "CODE_DEPLOY"; requires: string[];
  desiredCount: number; runningCount: number; deployments: DeploymentRow[]; tasks: TaskRow[];
}
export interface Step {
  index: number; at: string; event: ScenarioEvent; outcome: "applied" | "rejected";
  error: { code: string; message: string } | null; explanation: string;
  latest: { LINUX: string | null; WINDOWS: string | null }; versions: VersionRow[];
  services: ServiceRow[]; tasks: TaskRow[];
  clusters: { name: string; fargateVersion: string; pods: PodRow[] }[];
  changes: Change[]; warnings: string[];
}
export interface Trace { format: "fargate-pv-trace/1"; title: string | null; steps: Step[] }
export interface VersionCount { platformVersion: string; revision: number; count: number }
export interface Summary {
  index: number; at: string; event: ScenarioEvent; outcome: "applied" | "rejected";
  error: { code: string; message: string } | null; explanation: string;
  latest: { LINUX: string | null; WINDOWS: string | null }; versions: VersionRow[];
  services: {
    name: string; cluster?: string; family: Family; requested: string; platformVersion: string; primaryVersion: string;
    deploymentController: "ECS" | "CODE_DEPLOY"; requires: string[]; desiredCount: number; runningCount: number;
    deployments: DeploymentRow[]; counts: VersionCount[];
  }[];
  tasks: VersionCount[]; clusters: { name: string; fargateVersion: string; pods: VersionCount[] }[];
  changes: Change[]; warnings: string[];
}
export type ConsoleCommand =
  | { kind: "event"; event: ScenarioEvent }
  | { kind: "describe-services" | "describe-tasks"; names: string[] };
export interface Why {
  task: string; platformVersion: string; revision: number; requested: string | null; resolvedAt: string | null;
  chain: { step: number; at: string; text: string }[];
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
export interface ReportRow {
  kind: "service" | "task" | "pods"; name: string; cluster: string | null; requested: string | null;
  onVersion: number; effect: "force-updated" | "force-update-fails" | "breaks" | "tasks-stopped" | "stopped";
  onto: string | null; lost: number; whatHappens: string; whatToDo: string;
}
export interface RetirementReport {
  version: string; family: Family; date: string; latestTo: string | null; summary: string;
  rows: ReportRow[]; notAffected: number; csv: string; markdown: string;
}
export interface LifecycleState {
  state: VersionState; awsTerm: string; startsTasks: boolean; latestMayPointHere: boolean;
  runningTasksKeepRunning: boolean; receivesRevisions: boolean; warnsOnUse: boolean; allowedNext: VersionState[];
}
"#;

/// Shows panics in the console and tells the page (a `latest-playground-panic` event on
/// `window`), which then shows its banner. Panics are bugs; this makes them visible.
#[wasm_bindgen(start)]
fn start() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        if let Some(window) = web_sys::window() {
            let init = web_sys::CustomEventInit::new();
            init.set_detail(&JsValue::from_str(&info.to_string()));
            if let Ok(event) =
                web_sys::CustomEvent::new_with_event_init_dict("latest-playground-panic", &init)
            {
                let _ = window.dispatch_event(&event);
            }
        }
    }));
}

fn set(target: &JsValue, key: &str, value: JsValue) {
    // Setting a property on a fresh Error object cannot fail.
    let _ = js_sys::Reflect::set(target, &JsValue::from_str(key), &value);
}

/// A JS `Error` with `code`, `path` and, for JSON syntax errors, `line` and `column`.
fn scenario_error(error: ScenarioError) -> JsValue {
    let js: JsValue = js_sys::Error::new(&error.to_string()).into();
    set(&js, "code", JsValue::from_str(error.code()));
    set(&js, "path", JsValue::from_str(error.path()));
    if let Some((line, column)) = error.line_column() {
        set(&js, "line", JsValue::from(line));
        set(&js, "column", JsValue::from(column));
    }
    js
}

fn command_error(error: CommandError) -> JsValue {
    let js: JsValue = js_sys::Error::new(&error.to_string()).into();
    set(&js, "code", JsValue::from_str("CommandError"));
    set(&js, "column", JsValue::from(error.column));
    js
}

fn out_of_range(i: usize, count: usize) -> JsValue {
    let js: JsValue = js_sys::Error::new(&format!(
        "There is no step {i}; this scenario has steps 0 to {}.",
        count.saturating_sub(1)
    ))
    .into();
    set(&js, "code", JsValue::from_str("StepOutOfRange"));
    js
}

/// Our JSON text to a JS value. The text comes from serde_json, so parsing cannot fail.
fn from_json(text: &str) -> JsValue {
    js_sys::JSON::parse(text).expect("serde_json writes valid JSON")
}

fn to_js<T: Serialize>(value: &T) -> JsValue {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .expect("plain data serializes")
}

/// Replays a whole scenario document and returns its trace.
#[wasm_bindgen(unchecked_return_type = "Trace")]
pub fn simulate(scenario_json: &str) -> Result<JsValue, JsValue> {
    simulate_text(scenario_json)
        .map(|t| from_json(&t))
        .map_err(scenario_error)
}

#[derive(Serialize)]
struct BuiltinView {
    id: &'static str,
    title: String,
    description: String,
    json: &'static str,
}

/// The shipped scenarios; the first is the default.
#[wasm_bindgen(js_name = builtinScenarios, unchecked_return_type = "BuiltinScenario[]")]
pub fn builtin_scenarios() -> JsValue {
    let views: Vec<BuiltinView> = crate::builtin::BUILTINS
        .iter()
        .map(|b| {
            let document = crate::surely(
                crate::scenario::read(b.json),
                "built-in scenarios are valid",
            );
            BuiltinView {
                id: b.id,
                title: document.title.unwrap_or_default(),
                description: document.description.unwrap_or_default(),
                json: b.json,
            }
        })
        .collect();
    to_js(&views)
}

/// An `aws ecs …` command line as the event it means (without `at`).
#[wasm_bindgen(js_name = parseCommand, unchecked_return_type = "ScenarioEvent")]
pub fn parse_command(line: &str) -> Result<JsValue, JsValue> {
    parse_line(line)
        .map(|action| from_json(&action.to_json().text()))
        .map_err(command_error)
}

/// A console line: `{kind: "event", event}` for a command that changes something, or
/// `{kind: "describe-services" | "describe-tasks", names}` for one that reads the state.
#[wasm_bindgen(js_name = parseConsole, unchecked_return_type = "ConsoleCommand")]
pub fn parse_console(line: &str) -> Result<JsValue, JsValue> {
    let value = match parse_console_line(line).map_err(command_error)? {
        ConsoleCommand::Event(action) => {
            Json::object([("kind", Json::from("event")), ("event", action.to_json())])
        }
        ConsoleCommand::Query(Query::Services(names)) => Json::object([
            ("kind", Json::from("describe-services")),
            ("names", Json::strings(&names)),
        ]),
        ConsoleCommand::Query(Query::Tasks(names)) => Json::object([
            ("kind", Json::from("describe-tasks")),
            ("names", Json::strings(&names)),
        ]),
    };
    Ok(from_json(&value.text()))
}

/// The `aws ecs …` command a customer event stands for, or `undefined` for events no ECS
/// command causes. Throws a scenario error for an invalid event.
#[wasm_bindgen(js_name = awsCommand)]
pub fn aws_command(
    #[wasm_bindgen(unchecked_param_type = "ScenarioEvent")] event: JsValue,
) -> Result<Option<String>, JsValue> {
    let value = crate::json::parse(&stringify(&event)).map_err(|e| {
        scenario_error(ScenarioError::new(
            "",
            crate::error::ErrorKind::InvalidJson(e),
        ))
    })?;
    let event = crate::scenario::read_event(&value, "", Some(crate::date::Instant::default()))
        .map_err(scenario_error)?;
    Ok(crate::command::to_command(&event.action))
}

/// JSON text of a JS value: strings are taken as JSON text already.
fn stringify(value: &JsValue) -> String {
    match value.as_string() {
        Some(text) => text,
        None => js_sys::JSON::stringify(value)
            .ok()
            .and_then(|s| s.as_string())
            .unwrap_or_else(|| "null".to_string()),
    }
}

/// The lifecycle teaching model: every state with its capabilities and allowed transitions.
#[wasm_bindgen(js_name = lifecycleStates, unchecked_return_type = "LifecycleState[]")]
pub fn lifecycle_states() -> JsValue {
    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    struct View {
        state: State,
        aws_term: &'static str,
        starts_tasks: bool,
        latest_may_point_here: bool,
        running_tasks_keep_running: bool,
        receives_revisions: bool,
        warns_on_use: bool,
        allowed_next: Vec<State>,
    }
    let views: Vec<View> = State::ALL
        .into_iter()
        .map(|state| {
            let c = state.capabilities();
            View {
                state,
                aws_term: state.aws_term(),
                starts_tasks: c.starts_tasks,
                latest_may_point_here: c.latest_may_point_here,
                running_tasks_keep_running: c.running_tasks_keep_running,
                receives_revisions: c.receives_revisions,
                warns_on_use: c.warns_on_use,
                allowed_next: state.allowed_next(),
            }
        })
        .collect();
    to_js(&views)
}

/// A loaded scenario, answering one step at a time.
#[wasm_bindgen(js_name = Playground)]
pub struct JsPlayground {
    inner: Playground,
}

#[wasm_bindgen(js_class = Playground)]
impl JsPlayground {
    /// Loads and replays a scenario document; throws like `simulate`.
    #[wasm_bindgen(constructor)]
    pub fn new(scenario_json: &str) -> Result<JsPlayground, JsValue> {
        Playground::new(scenario_json)
            .map(|inner| JsPlayground { inner })
            .map_err(scenario_error)
    }

    /// A playground started from AWS CLI output (`describe-services`, `describe-tasks`), read
    /// here and nowhere else. Errors also carry `file`, the name of the file at fault.
    #[wasm_bindgen(js_name = importFleet)]
    pub fn import_fleet(
        #[wasm_bindgen(unchecked_param_type = "FleetFile[]")] files: JsValue,
    ) -> Result<JsPlayground, JsValue> {
        let files: Vec<(String, String)> = js_sys::Array::from(&files)
            .iter()
            .map(|file| {
                let field = |key: &str| {
                    js_sys::Reflect::get(&file, &JsValue::from_str(key))
                        .ok()
                        .and_then(|v| v.as_string())
                        .unwrap_or_default()
                };
                (field("name"), field("text"))
            })
            .collect();
        Playground::import(&files)
            .map(|inner| JsPlayground { inner })
            .map_err(|e| {
                let js = scenario_error(e.error);
                set(&js, "file", JsValue::from_str(&e.file));
                js
            })
    }

    /// What retiring `version` on `date` (YYYY-MM-DD) does to the fleet of step `i`; when LATEST
    /// means that version, `latestTo` says where AWS moves it first. Throws with `code`; a
    /// `LatestPointsHere` error lists the possible `candidates`.
    #[wasm_bindgen(js_name = retirementReport, unchecked_return_type = "RetirementReport")]
    pub fn retirement_report(
        &self,
        i: usize,
        #[wasm_bindgen(unchecked_param_type = "Family")] family: &str,
        version: &str,
        date: &str,
        #[wasm_bindgen(js_name = latestTo)] latest_to: Option<String>,
    ) -> Result<JsValue, JsValue> {
        let invalid = |what: &str, text: &str| {
            let js: JsValue =
                js_sys::Error::new(&format!("{what}; found {}.", crate::error::quoted(text)))
                    .into();
            set(&js, "code", JsValue::from_str("InvalidField"));
            js
        };
        let plan = crate::report::Plan {
            family: Family::parse(family)
                .ok_or_else(|| invalid("family must be \"LINUX\" or \"WINDOWS\"", family))?,
            version: crate::version::Version::parse(version)
                .ok_or_else(|| invalid("The version must be written MAJOR.MINOR.PATCH", version))?,
            at: crate::date::Instant::parse(date)
                .ok_or_else(|| invalid("The date must be a real date written YYYY-MM-DD", date))?,
            latest_to: match latest_to.as_deref() {
                None | Some("") => None,
                Some(text) => Some(crate::version::Version::parse(text).ok_or_else(|| {
                    invalid(
                        "The version LATEST moves to must be written MAJOR.MINOR.PATCH",
                        text,
                    )
                })?),
            },
        };
        match self.inner.retirement_report(i, &plan) {
            Ok(report) => {
                let (csv, markdown) = (report.to_csv(), report.to_markdown());
                let js = to_js(&report);
                set(&js, "csv", JsValue::from_str(&csv));
                set(&js, "markdown", JsValue::from_str(&markdown));
                Ok(js)
            }
            Err(error) => {
                let js: JsValue = js_sys::Error::new(&error.to_string()).into();
                set(&js, "code", JsValue::from_str(error.code()));
                if let crate::report::ReportError::LatestPointsHere { candidates, .. } = &error {
                    let list: Vec<String> = candidates.iter().map(|v| v.to_string()).collect();
                    set(&js, "candidates", to_js(&list));
                }
                Err(js)
            }
        }
    }

    #[wasm_bindgen(js_name = stepCount)]
    pub fn step_count(&self) -> usize {
        self.inner.step_count()
    }

    /// The document's title, or `null`.
    pub fn title(&self) -> Option<String> {
        self.inner.title().map(str::to_string)
    }

    /// Every step's date and event (and whether it came from the `base` scenario), without the
    /// cost of replaying: for drawing a timeline.
    #[wasm_bindgen(unchecked_return_type = "TimelineEntry[]")]
    pub fn timeline(&self) -> JsValue {
        from_json(&self.inner.timeline_json())
    }

    /// Step `i` in the trace's shape.
    #[wasm_bindgen(unchecked_return_type = "Step")]
    pub fn step(&self, i: usize) -> Result<JsValue, JsValue> {
        let json = self
            .inner
            .step_json(i)
            .ok_or_else(|| out_of_range(i, self.step_count()))?;
        Ok(from_json(&json))
    }

    /// Step `i` without per-task rows: counts per version and revision instead.
    #[wasm_bindgen(unchecked_return_type = "Summary")]
    pub fn summary(&self, i: usize) -> Result<JsValue, JsValue> {
        let json = self
            .inner
            .summary_json(i)
            .ok_or_else(|| out_of_range(i, self.step_count()))?;
        Ok(from_json(&json))
    }

    /// Appends an event (its `at` defaults to the last step's) and returns the new step; throws a
    /// scenario error and changes nothing when the event is invalid.
    #[wasm_bindgen(unchecked_return_type = "Step")]
    pub fn apply(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "ScenarioEvent | string")] event: JsValue,
    ) -> Result<JsValue, JsValue> {
        let text = match event.as_string() {
            Some(text) => text,
            None => js_sys::JSON::stringify(&event)
                .ok()
                .and_then(|s| s.as_string())
                .unwrap_or_else(|| "null".to_string()),
        };
        self.inner
            .apply_json(&text)
            .map(|step| from_json(&step))
            .map_err(scenario_error)
    }

    /// What `aws ecs describe-services` or `describe-tasks` (the console line) would print right
    /// after step `i`; throws a `CommandError` for any other line.
    pub fn describe(&self, i: usize, line: &str) -> Result<JsValue, JsValue> {
        let query = parse_query(line).map_err(command_error)?;
        let output = self
            .inner
            .with_step(i, |_, world| match &query {
                Query::Services(names) => crate::describe::describe_services(world, names),
                Query::Tasks(names) => crate::describe::describe_tasks(world, names),
            })
            .ok_or_else(|| out_of_range(i, self.step_count()))?;
        Ok(from_json(&output.text()))
    }

    /// Why task or pod `id` (running after step `i`) has its version and patch: the chain of
    /// steps from the request to the revision. `null` when no such task runs then.
    #[wasm_bindgen(unchecked_return_type = "Why | null")]
    pub fn why(&self, i: usize, id: &str) -> Result<JsValue, JsValue> {
        if i >= self.step_count() {
            return Err(out_of_range(i, self.step_count()));
        }
        Ok(self
            .inner
            .why(i, id)
            .map_or(JsValue::NULL, |why| to_js(&why)))
    }

    /// A what-if copy: steps up to `i`, then `event`, then the rest; throws like `apply`.
    pub fn fork(
        &self,
        i: usize,
        #[wasm_bindgen(unchecked_param_type = "ScenarioEvent")] event: JsValue,
    ) -> Result<JsPlayground, JsValue> {
        if i >= self.step_count() {
            return Err(out_of_range(i, self.step_count()));
        }
        self.inner
            .fork(i, &stringify(&event))
            .map(|inner| JsPlayground { inner })
            .map_err(scenario_error)
    }

    /// What reads differently between this story after step `i` and `other` after step `j`.
    #[wasm_bindgen(unchecked_return_type = "Difference[]")]
    pub fn compare(&self, i: usize, other: &JsPlayground, j: usize) -> Result<JsValue, JsValue> {
        // The other handle's world is copied: both handles keep their own last step.
        let mine = self
            .inner
            .with_step(i, |_, world| world.clone())
            .ok_or_else(|| out_of_range(i, self.step_count()))?;
        let differences = other
            .inner
            .with_step(j, |_, theirs| crate::fork::differences(&mine, theirs))
            .ok_or_else(|| out_of_range(j, other.step_count()))?;
        Ok(to_js(&differences))
    }

    /// Step `i`'s predict-then-reveal question and its answer, or `null` for a step that is
    /// not a customer's.
    #[wasm_bindgen(unchecked_return_type = "Question | null")]
    pub fn question(&self, i: usize) -> Result<JsValue, JsValue> {
        if i >= self.step_count() {
            return Err(out_of_range(i, self.step_count()));
        }
        Ok(self.inner.question(i).map_or(JsValue::NULL, |q| to_js(&q)))
    }

    /// Steps 0 to `i` as Markdown: what happened and why, then the state after step `i`.
    #[wasm_bindgen(js_name = toMarkdown)]
    pub fn to_markdown(&self, i: usize) -> Result<String, JsValue> {
        if i >= self.step_count() {
            return Err(out_of_range(i, self.step_count()));
        }
        Ok(self.inner.to_markdown(i))
    }

    /// The document, with every applied event, as JSON text.
    #[wasm_bindgen(js_name = toScenarioJson)]
    pub fn to_scenario_json(&self) -> String {
        self.inner.to_scenario_json()
    }

    /// What `requested` would resolve to right after step `i`, by the same rules as every
    /// customer action (the page's "what would LATEST mean now?").
    #[wasm_bindgen(unchecked_return_type = "Resolution")]
    pub fn resolve(
        &self,
        i: usize,
        #[wasm_bindgen(unchecked_param_type = "Family")] family: &str,
        requested: &str,
        requires: Vec<String>,
    ) -> Result<JsValue, JsValue> {
        let family = Family::parse(family).ok_or_else(|| {
            let js: JsValue = js_sys::Error::new(&format!(
                "family must be \"LINUX\" or \"WINDOWS\"; found {family:?}."
            ))
            .into();
            set(&js, "code", JsValue::from_str("InvalidField"));
            js
        })?;
        let value = self
            .inner
            .with_step(i, |_, world| {
                match crate::resolve::resolve(&world.catalog, family, requested, &requires) {
                    Ok(r) => Json::object([
                        ("outcome", Json::from("resolved")),
                        (
                            "version",
                            Json::from(world.catalog.get(r.version).version.to_string()),
                        ),
                        ("revision", Json::from(r.revision)),
                        ("viaLatest", Json::from(r.via_latest)),
                    ]),
                    Err(rejection) => Json::object([
                        ("outcome", Json::from("rejected")),
                        ("code", Json::from(rejection.code())),
                        ("message", Json::from(rejection.to_string())),
                    ]),
                }
            })
            .ok_or_else(|| out_of_range(i, self.step_count()))?;
        Ok(from_json(&value.text()))
    }
}
