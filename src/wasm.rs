//! The one binding module: the core's API as wasm-bindgen exports (README.md, "The
//! WebAssembly API"). Every conversion between Rust and JS happens here, through one error
//! builder (`error`), one way out for data (`to_js`: JSON text the engine parses; whole traces
//! go through `assemble_trace`, which shares what did not change) and one check of step numbers
//! (`JsPlayground::step_index`); the rest of the crate knows nothing of JS.

use crate::command::{
    parse_command as parse_line, parse_console as parse_console_line, parse_query, CommandError,
};
use crate::error::ScenarioError;
use crate::import::ImportError;
use crate::playground::{simulate_shared, Playground};
use crate::report::ReportError;
use serde::Serialize;
use wasm_bindgen::prelude::*;

// The types of what the exports return: written out here, checked against real values by
// tests/types/api.test.ts (compiled with tsc in `make test`).
#[wasm_bindgen(typescript_custom_section)]
const TYPES: &'static str = include_str!("wasm.d.ts");

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

/// The one error builder: a JS `Error` with `code` and any other fields the caller reads.
fn error(message: &str, code: &str, fields: &[(&str, JsValue)]) -> JsValue {
    let js: JsValue = js_sys::Error::new(message).into();
    // Setting a property on a fresh Error object cannot fail.
    let _ = js_sys::Reflect::set(&js, &"code".into(), &code.into());
    for (key, value) in fields {
        let _ = js_sys::Reflect::set(&js, &(*key).into(), value);
    }
    js
}

/// A scenario error: `code`, `path` and, for JSON syntax errors, `line` and `column`.
fn scenario_error(e: ScenarioError) -> JsValue {
    let mut fields = vec![("path", JsValue::from_str(e.path()))];
    if let Some((line, column)) = e.line_column() {
        fields.push(("line", line.into()));
        fields.push(("column", column.into()));
    }
    error(&e.to_string(), e.code(), &fields)
}

fn command_error(e: CommandError) -> JsValue {
    error(
        &e.to_string(),
        "CommandError",
        &[("column", e.column.into())],
    )
}

fn report_error(e: ReportError) -> JsValue {
    error(&e.to_string(), e.code(), &[])
}

fn import_error(e: ImportError) -> JsValue {
    let js = scenario_error(e.error);
    let _ = js_sys::Reflect::set(&js, &"file".into(), &e.file.into());
    js
}

/// `FleetFile[]` as (name, text): a file's `bytes` (as read from disk, so the text is not decoded
/// and encoded again on its way here) or its `text`. Bytes that are not UTF-8 are an
/// `InvalidJson` error at the first bad byte, in that file.
fn fleet_files(files: &JsValue) -> Result<Vec<(String, String)>, JsValue> {
    js_sys::Array::from(files)
        .iter()
        .map(|file| {
            let field = |key: &str| js_sys::Reflect::get(&file, &JsValue::from_str(key)).ok();
            let name = field("name")
                .and_then(|v| v.as_string())
                .unwrap_or_default();
            let text = match field("bytes").filter(|v| v.is_instance_of::<js_sys::Uint8Array>()) {
                Some(bytes) => {
                    crate::import::file_text(&name, js_sys::Uint8Array::from(bytes).to_vec())
                        .map_err(import_error)?
                }
                None => field("text")
                    .and_then(|v| v.as_string())
                    .unwrap_or_default(),
            };
            Ok((name, text))
        })
        .collect()
}

/// The one way data leaves: as JSON text the JS engine parses (faster than building objects
/// field by field across the boundary).
fn to_js<T: Serialize + ?Sized>(value: &T) -> JsValue {
    let text = crate::json_text(value);
    crate::surely(js_sys::JSON::parse(&text), "serde_json writes valid JSON")
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

#[wasm_bindgen(module = "/src/assemble.js")]
extern "C" {
    /// Rebuilds a trace from the core's shared trace (src/view/shared.rs).
    #[wasm_bindgen(js_name = assembleTrace)]
    fn assemble_trace(text: &str) -> JsValue;

    /// Rebuilds a page view whose unchanged services are numbers of what `kept` holds.
    #[wasm_bindgen(js_name = assembleView)]
    fn assemble_view(text: &str, kept: &js_sys::Array) -> JsValue;
    #[wasm_bindgen(js_name = assembleLines)]
    fn assemble_lines(text: &str, kept: &js_sys::Array) -> JsValue;
}

/// Replays a whole scenario document and returns its trace. Objects that do not change from one
/// step to the next are the same frozen object in both (src/assemble.js): a step costs what
/// changed, and `JSON.stringify` of the trace is the trace of docs/format.md.
#[wasm_bindgen(unchecked_return_type = "Trace")]
pub fn simulate(scenario_json: &str) -> Result<JsValue, JsValue> {
    let text = simulate_shared(scenario_json).map_err(scenario_error)?;
    Ok(assemble_trace(&text))
}

/// The shipped scenarios; the first is the default.
#[wasm_bindgen(js_name = builtinScenarios, unchecked_return_type = "BuiltinScenario[]")]
pub fn builtin_scenarios() -> JsValue {
    to_js(&crate::builtin::listed())
}

/// An `aws ecs …` command line as the event it means (without `at`).
#[wasm_bindgen(js_name = parseCommand, unchecked_return_type = "ScenarioEvent")]
pub fn parse_command(line: &str) -> Result<JsValue, JsValue> {
    parse_line(line)
        .map(|action| to_js(&action.to_json()))
        .map_err(command_error)
}

/// A console line: `{kind: "event", event, assumptions}` for a command that changes something
/// (with what the playground assumed for options AWS needs), or
/// `{kind: "describe-services" | "describe-tasks", cluster, names}` for one that reads the state.
#[wasm_bindgen(js_name = parseConsole, unchecked_return_type = "ConsoleCommand")]
pub fn parse_console(line: &str) -> Result<JsValue, JsValue> {
    let command = parse_console_line(line).map_err(command_error)?;
    Ok(to_js(&command.to_json()))
}

/// The `aws ecs …` command a customer event stands for, or `undefined` for events no ECS
/// command causes. Throws a scenario error for an invalid event.
#[wasm_bindgen(js_name = awsCommand)]
pub fn aws_command(
    #[wasm_bindgen(unchecked_param_type = "ScenarioEvent")] event: JsValue,
) -> Result<Option<String>, JsValue> {
    crate::command::command_for(&stringify(&event)).map_err(scenario_error)
}

/// The lifecycle teaching model: every state with its capabilities and allowed transitions.
#[wasm_bindgen(js_name = lifecycleStates, unchecked_return_type = "LifecycleState[]")]
pub fn lifecycle_states() -> JsValue {
    to_js(&crate::lifecycle::states())
}

/// A loaded scenario, answering one step at a time.
#[wasm_bindgen(js_name = Playground)]
pub struct JsPlayground {
    inner: Playground,
    /// The services `view` was sent to keep, by number (`view::ViewShare`, src/assemble.js).
    kept: js_sys::Array,
}

impl From<Playground> for JsPlayground {
    fn from(inner: Playground) -> JsPlayground {
        JsPlayground {
            inner,
            kept: js_sys::Array::new(),
        }
    }
}

#[wasm_bindgen(js_class = Playground)]
impl JsPlayground {
    /// Loads and replays a scenario document; throws like `simulate`.
    #[wasm_bindgen(constructor)]
    pub fn new(scenario_json: &str) -> Result<JsPlayground, JsValue> {
        Playground::new(scenario_json)
            .map(JsPlayground::from)
            .map_err(scenario_error)
    }

    /// Loads a scenario file's bytes as read from disk; a file that is not UTF-8 throws an
    /// `InvalidJson` error with the line and column of its first bad byte.
    #[wasm_bindgen(js_name = fromBytes)]
    pub fn from_bytes(bytes: &[u8]) -> Result<JsPlayground, JsValue> {
        Playground::from_bytes(bytes)
            .map(JsPlayground::from)
            .map_err(scenario_error)
    }

    /// A playground started from AWS CLI output (`describe-services`, `describe-tasks`, …),
    /// read here and nowhere else. Errors also carry `file`, the name of the file at fault.
    #[wasm_bindgen(js_name = importFleet)]
    pub fn import_fleet(
        #[wasm_bindgen(unchecked_param_type = "FleetFile[]")] files: JsValue,
    ) -> Result<JsPlayground, JsValue> {
        let files = fleet_files(&files)?;
        Playground::import(&files)
            .map(JsPlayground::from)
            .map_err(import_error)
    }

    /// The scenario document `importFleet` would open, checked as far as the fleet's own step
    /// (AWS's history after it is replayed by whoever opens it): what the page's import worker
    /// hands to the page. Throws like `importFleet`.
    #[wasm_bindgen(js_name = importFleetScenario)]
    pub fn import_fleet_scenario(
        #[wasm_bindgen(unchecked_param_type = "FleetFile[]")] files: JsValue,
    ) -> Result<String, JsValue> {
        Playground::import_scenario(&fleet_files(&files)?).map_err(import_error)
    }

    /// Step `i`, or a `StepOutOfRange` error naming the steps there are.
    fn step_index(&self, i: usize) -> Result<usize, JsValue> {
        let count = self.inner.step_count();
        if i < count {
            return Ok(i);
        }
        Err(error(
            &format!(
                "There is no step {i}; this scenario has steps 0 to {}.",
                count.saturating_sub(1)
            ),
            "StepOutOfRange",
            &[],
        ))
    }

    /// `f` of the world after step `i`; `i` was checked by `step_index`.
    fn at_step<T>(&self, i: usize, f: impl FnOnce(&crate::trace::World) -> T) -> T {
        crate::surely(
            self.inner.with_world(i, f).ok_or(()),
            "the step index was checked",
        )
    }

    /// What the retirement report offers for `version` at step `i`: where LATEST and pinned
    /// services may move (with a hypothetical newer version when none is newer, and flags for
    /// downgrades and versions AWS retires too) and AWS's published schedules.
    #[wasm_bindgen(js_name = retirementOptions, unchecked_return_type = "RetirementOptions")]
    pub fn retirement_options(
        &self,
        i: usize,
        #[wasm_bindgen(unchecked_param_type = "Family")] family_name: &str,
        version_text: &str,
    ) -> Result<JsValue, JsValue> {
        let i = self.step_index(i)?;
        let family = crate::report::read_family(family_name).map_err(report_error)?;
        let version =
            crate::report::read_version("The version", version_text).map_err(report_error)?;
        Ok(to_js(&self.inner.retirement_options(i, family, version)))
    }

    /// What retiring `version` on `date` (YYYY-MM-DD) does to the fleet of step `i`. `latestTo`:
    /// where LATEST moves first when it means that version; `pinnedTo`: where AWS force-updates
    /// pinned services (none: they are not); `terminate`: whether what still runs is terminated.
    #[wasm_bindgen(js_name = retirementReport, unchecked_return_type = "RetirementReport")]
    #[allow(clippy::too_many_arguments)]
    pub fn retirement_report(
        &self,
        i: usize,
        #[wasm_bindgen(unchecked_param_type = "Family")] family_name: &str,
        version_text: &str,
        date: &str,
        #[wasm_bindgen(js_name = latestTo)] latest_to: Option<String>,
        #[wasm_bindgen(js_name = pinnedTo)] pinned_to: Option<String>,
        terminate: Option<bool>,
    ) -> Result<JsValue, JsValue> {
        let i = self.step_index(i)?;
        let plan = crate::report::Plan::read(
            family_name,
            version_text,
            date,
            latest_to.as_deref(),
            pinned_to.as_deref(),
            terminate,
        )
        .map_err(report_error)?;
        let report = self
            .inner
            .retirement_report(i, &plan)
            .map_err(report_error)?;
        let js = to_js(&report);
        let _ = js_sys::Reflect::set(&js, &"csv".into(), &report.to_csv().into());
        let _ = js_sys::Reflect::set(&js, &"markdown".into(), &report.to_markdown().into());
        Ok(js)
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
    /// The whole story at a glance: where LATEST pointed, each version's states, and what each
    /// service (or group of services, standalone tasks, EKS cluster) asked for and ran, as runs
    /// of steps.
    #[wasm_bindgen(unchecked_return_type = "Chart")]
    pub fn chart(&self) -> JsValue {
        to_js(&self.inner.chart())
    }

    #[wasm_bindgen(unchecked_return_type = "TimelineEntry[]")]
    pub fn timeline(&self) -> JsValue {
        to_js(&self.inner.timeline())
    }

    /// Step `i` in the trace's shape.
    #[wasm_bindgen(unchecked_return_type = "Step")]
    pub fn step(&self, i: usize) -> Result<JsValue, JsValue> {
        let i = self.step_index(i)?;
        Ok(parsed(self.inner.step_json(i)))
    }

    /// Step `i` as the page draws it: counts for every group, task rows when the fleet is small,
    /// each row with its family, what the step started and stopped, and what each service's
    /// request would resolve to now.
    #[wasm_bindgen(unchecked_return_type = "PageView")]
    pub fn view(&self, i: usize) -> Result<JsValue, JsValue> {
        let i = self.step_index(i)?;
        let text = crate::surely(self.inner.view_json(i).ok_or(()), "the index was checked");
        Ok(assemble_view(&text, &self.kept))
    }

    /// Computes step `i` ahead of `view(i)`, for a page waiting for its user (in an idle
    /// callback after drawing a step, for the next one in the direction they move): `view(i)`
    /// then only writes it. The step on screen stays kept. Steps past the end are ignored.
    #[wasm_bindgen(js_name = prepareStep)]
    pub fn prepare_step(&self, i: usize) {
        self.inner.prepare_step(i);
    }

    /// The lines of services `indices` after step `i`, for a view with `paged` set (a fleet of
    /// thousands): the page asks for the lines it shows. Indices past the fleet's end are left
    /// out; services sent before and unchanged are the same frozen objects as in `view`.
    #[wasm_bindgen(unchecked_return_type = "ServicePage[]")]
    pub fn lines(
        &self,
        i: usize,
        #[wasm_bindgen(unchecked_param_type = "number[] | Uint32Array")] indices: Vec<u32>,
    ) -> Result<JsValue, JsValue> {
        let i = self.step_index(i)?;
        let indices: Vec<usize> = indices.into_iter().map(|n| n as usize).collect();
        let text = crate::surely(
            self.inner.lines_json(i, &indices).ok_or(()),
            "the index was checked",
        );
        Ok(assemble_lines(&text, &self.kept))
    }

    /// Takes back the last event of the document; `false` when it has none.
    pub fn undo(&mut self) -> bool {
        let undone = self.inner.undo();
        if undone {
            // The core's handle starts afresh after an undo; what was kept for it goes too.
            self.kept = js_sys::Array::new();
        }
        undone
    }

    /// Step `i` without per-task rows: counts per version and revision instead.
    #[wasm_bindgen(unchecked_return_type = "Summary")]
    pub fn summary(&self, i: usize) -> Result<JsValue, JsValue> {
        let i = self.step_index(i)?;
        Ok(parsed(self.inner.summary_json(i)))
    }

    /// Appends an event (its `at` defaults to the last step's) and returns the new step; throws a
    /// scenario error and changes nothing when the event is invalid.
    #[wasm_bindgen(unchecked_return_type = "Step")]
    pub fn apply(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "ScenarioEvent | string")] event: JsValue,
    ) -> Result<JsValue, JsValue> {
        self.inner
            .apply_json(&stringify(&event))
            .map(|step| parsed(Some(step)))
            .map_err(scenario_error)
    }

    /// What `aws ecs describe-services` or `describe-tasks` (the console line, with its
    /// `--cluster`) would print right after step `i`; throws a `CommandError` for any other line.
    #[wasm_bindgen(unchecked_return_type = "DescribeOutput")]
    pub fn describe(&self, i: usize, line: &str) -> Result<JsValue, JsValue> {
        let i = self.step_index(i)?;
        let query = parse_query(line).map_err(command_error)?;
        Ok(to_js(&self.at_step(i, |world| {
            crate::describe::describe(world, &query)
        })))
    }

    /// Why task (or pod) `id` of ECS (or EKS) cluster `cluster` (`default` when absent), running
    /// after step `i`, has its version and patch: the chain of steps from the request to the
    /// revision, and what the same request would resolve to now. `null` when no such task runs.
    #[wasm_bindgen(unchecked_return_type = "Why | null")]
    pub fn why(&self, i: usize, id: &str, cluster: Option<String>) -> Result<JsValue, JsValue> {
        let i = self.step_index(i)?;
        let cluster = cluster.as_deref().unwrap_or(crate::fleet::DEFAULT_CLUSTER);
        Ok(self
            .inner
            .why(i, cluster, id)
            .map_or(JsValue::NULL, |why| to_js(&why)))
    }

    /// A what-if copy: steps up to `i`, then `event`, then the rest; throws like `apply`.
    pub fn fork(
        &self,
        i: usize,
        #[wasm_bindgen(unchecked_param_type = "ScenarioEvent")] event: JsValue,
    ) -> Result<JsPlayground, JsValue> {
        let i = self.step_index(i)?;
        self.inner
            .fork(i, &stringify(&event))
            .map(JsPlayground::from)
            .map_err(scenario_error)
    }

    /// What reads differently between this story after step `i` and `other` after step `j`.
    #[wasm_bindgen(unchecked_return_type = "Difference[]")]
    pub fn compare(&self, i: usize, other: &JsPlayground, j: usize) -> Result<JsValue, JsValue> {
        let i = self.step_index(i)?;
        let j = other.step_index(j)?;
        // The other handle's world is copied: both handles keep their own last step.
        let mine = self.at_step(i, |world| world.clone());
        let differences = other.at_step(j, |theirs| crate::fork::differences(&mine, theirs));
        Ok(to_js(&differences))
    }

    /// Step `i`'s predict-then-reveal question and its answer, or `null` for a step that is
    /// not a customer's.
    #[wasm_bindgen(unchecked_return_type = "Question | null")]
    pub fn question(&self, i: usize) -> Result<JsValue, JsValue> {
        let i = self.step_index(i)?;
        Ok(self.inner.question(i).map_or(JsValue::NULL, |q| to_js(&q)))
    }

    /// The whole story as Markdown: what happened and why at every step; step `i` (the one on
    /// screen) is marked and followed by the state after it.
    #[wasm_bindgen(js_name = toMarkdown)]
    pub fn to_markdown(&self, i: usize) -> Result<String, JsValue> {
        let i = self.step_index(i)?;
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
        #[wasm_bindgen(unchecked_param_type = "Family")] family_name: &str,
        requested: &str,
        requires: Vec<String>,
    ) -> Result<JsValue, JsValue> {
        let i = self.step_index(i)?;
        let family = crate::report::read_family(family_name).map_err(report_error)?;
        let value = self.at_step(i, |world| {
            crate::view::resolution(&world.catalog, family, requested, &requires)
        });
        Ok(to_js(&value))
    }
}

/// A step the core wrote as JSON text (checked to exist by `step_index`).
fn parsed(text: Option<String>) -> JsValue {
    let text = crate::surely(text.ok_or(()), "the step index was checked");
    crate::surely(js_sys::JSON::parse(&text), "steps are valid JSON")
}
