// The binding's tests, shared by binding_node.rs (run in Node) and binding_browser.rs (run in
// Chromium): each calls an export as JS would and decodes the JS value it returns.

use latest_playground::wasm::{aws_command, builtin_scenarios, parse_console, lifecycle_states, parse_command, simulate, JsPlayground};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;

fn get(value: &JsValue, key: &str) -> JsValue {
    js_sys::Reflect::get(value, &JsValue::from_str(key)).expect("an object")
}

fn text(value: &JsValue, key: &str) -> String {
    get(value, key).as_string().unwrap_or_else(|| panic!("{key} is not a string"))
}

fn number(value: &JsValue, key: &str) -> f64 {
    get(value, key).as_f64().unwrap_or_else(|| panic!("{key} is not a number"))
}

fn at(array: &JsValue, i: u32) -> JsValue {
    js_sys::Array::from(array).get(i)
}

fn length(array: &JsValue) -> u32 {
    js_sys::Array::from(array).length()
}

const BLOG: &str = include_str!("../../src/builtin/blog-timeline.json");

#[wasm_bindgen_test]
fn simulate_returns_the_trace_as_js_objects() {
    let trace = simulate(BLOG).unwrap();
    assert_eq!(text(&trace, "format"), "fargate-pv-trace/1");
    let steps = get(&trace, "steps");
    // Step 6 is the scale-out after LATEST moved to 1.3.0: the new tasks still run 1.2.0.
    let scale_out = at(&steps, 6);
    assert_eq!(text(&get(&scale_out, "latest"), "LINUX"), "1.3.0");
    let web = at(&get(&scale_out, "services"), 0);
    assert_eq!(text(&web, "platformVersion"), "LATEST");
    let tasks = get(&web, "tasks");
    assert_eq!(length(&tasks), 4);
    for i in 0..4 {
        assert_eq!(text(&at(&tasks, i), "platformVersion"), "1.2.0");
    }
    assert_eq!(number(&at(&tasks, 3), "revision"), 2.0);
}

#[wasm_bindgen_test]
fn scenario_errors_carry_code_path_line_and_column_and_do_not_poison_the_module() {
    let error = simulate("{\n  \"format\": \"fargate-pv-scenario/1\",\n  \"events\": [}\n}").unwrap_err();
    assert!(error.is_instance_of::<js_sys::Error>());
    assert_eq!(text(&error, "code"), "InvalidJson");
    assert_eq!(text(&error, "path"), "");
    assert_eq!((number(&error, "line"), number(&error, "column")), (3.0, 14.0));
    let error = simulate(r#"{"format":"fargate-pv-scenario/1","events":[{"at":"2020-01-01","do":"scale-service","service":"a","desiredCount":"two"}]}"#)
        .unwrap_err();
    assert_eq!(text(&error, "code"), "InvalidField");
    assert_eq!(text(&error, "path"), "/events/0/desiredCount");
    assert!(get(&error, "line").is_undefined());
    // The next call works.
    assert!(simulate(BLOG).is_ok());
}

#[wasm_bindgen_test]
fn builtin_scenarios_list_all_seven_with_the_default_first() {
    let list = builtin_scenarios();
    let ids: Vec<String> = (0..length(&list)).map(|i| text(&at(&list, i), "id")).collect();
    assert_eq!(ids, ["blog-timeline", "latest-held", "al1-deprecation", "eks-on-fargate", "revision-retirement", "aws-history", "sandbox"]);
    for i in 0..length(&list) {
        let item = at(&list, i);
        assert!(!text(&item, "title").is_empty());
        assert!(simulate(&text(&item, "json")).is_ok());
    }
}

#[wasm_bindgen_test]
fn parse_command_returns_an_event_or_a_located_command_error() {
    let event = parse_command("aws ecs update-service --service web \\\n --platform-version 1.4.0").unwrap();
    assert_eq!(text(&event, "do"), "update-service");
    assert_eq!(text(&event, "platformVersion"), "1.4.0");
    let error = parse_command("aws ecs run-task --task-definition web --launch-type EC2").unwrap_err();
    assert_eq!(text(&error, "code"), "CommandError");
    assert_eq!(number(&error, "column"), 54.0);
}

#[wasm_bindgen_test]
fn playground_steps_summaries_apply_and_round_trip() {
    let mut playground = JsPlayground::new(BLOG).unwrap();
    assert_eq!(playground.step_count(), 13);
    let step = playground.step(7).unwrap();
    assert_eq!(number(&step, "index"), 7.0);
    let summary = playground.summary(6).unwrap();
    let counts = get(&at(&get(&summary, "services"), 0), "counts");
    assert_eq!(length(&counts), 2, "revisions 1 and 2 of 1.2.0");
    assert_eq!(number(&at(&counts, 1), "count"), 2.0);
    // Out of range is an error, not a panic.
    assert_eq!(text(&playground.step(99).unwrap_err(), "code"), "StepOutOfRange");

    let event = parse_command("aws ecs update-service --service worker --force-new-deployment").unwrap();
    let step = playground.apply(event).unwrap();
    assert_eq!(number(&step, "index"), 13.0);
    assert_eq!(text(&step, "at"), "2020-04-20T00:00:00Z", "at defaults to the last step's");
    let bad = js_sys::JSON::parse(r#"{"do":"move-latest","to":"9.9.9"}"#).unwrap();
    let error = playground.apply(bad).unwrap_err();
    assert_eq!((text(&error, "code"), text(&error, "path")), ("UnknownVersion".to_string(), "/events/14/to".to_string()));
    assert_eq!(playground.step_count(), 14, "a failed apply changes nothing");

    let reloaded = JsPlayground::new(&playground.to_scenario_json()).unwrap();
    assert_eq!(reloaded.step_count(), 14);
    assert_eq!(
        js_sys::JSON::stringify(&reloaded.step(13).unwrap()).unwrap(),
        js_sys::JSON::stringify(&playground.step(13).unwrap()).unwrap()
    );
}

#[wasm_bindgen_test]
fn aws_command_prints_customer_events_only() {
    let event = js_sys::JSON::parse(r#"{"do":"scale-service","service":"web","desiredCount":4}"#).unwrap();
    assert_eq!(aws_command(event).unwrap().as_deref(), Some("aws ecs update-service --service web --desired-count 4"));
    let event = js_sys::JSON::parse(r#"{"do":"move-latest","to":"1.3.0"}"#).unwrap();
    assert_eq!(aws_command(event).unwrap(), None);
    let bad = js_sys::JSON::parse(r#"{"do":"scale-service"}"#).unwrap();
    assert_eq!(text(&aws_command(bad).unwrap_err(), "code"), "MissingField");
}

#[wasm_bindgen_test]
fn the_console_parses_events_and_describes_the_state() {
    let command = parse_console("aws ecs describe-services --services web").unwrap();
    assert_eq!(text(&command, "kind"), "describe-services");
    let command = parse_console("aws ecs stop-task --task web-1").unwrap();
    assert_eq!(text(&get(&command, "event"), "do"), "stop-task");
    let playground = JsPlayground::new(BLOG).unwrap();
    let out = playground.describe(6, "aws ecs describe-services --services web").unwrap();
    let service = at(&get(&out, "services"), 0);
    assert_eq!(text(&service, "platformVersion"), "LATEST");
    assert_eq!(text(&at(&get(&service, "deployments"), 0), "platformVersion"), "1.2.0");
    let why = playground.why(6, "web-4", None).unwrap();
    assert_eq!(text(&why, "requested"), "LATEST");
    assert_eq!(number(&at(&get(&why, "chain"), 2), "step"), 6.0, "the chain is in step order");
    assert_eq!(text(&get(&why, "askedNow"), "version"), "1.3.0");
    assert!(playground.why(6, "web-4", Some("demo".into())).unwrap().is_null(), "no web-4 in cluster demo");
    assert!(playground.why(6, "nobody", None).unwrap().is_null());
    assert!(playground.to_markdown(6).unwrap().contains("## State after step 7"));
    let question = playground.question(6).unwrap();
    assert_eq!(text(&get(&question, "answer"), "version"), "1.2.0");
    assert!(playground.question(5).unwrap().is_null());
    let event = js_sys::JSON::parse(r#"{"do":"update-service","service":"web","forceNewDeployment":true}"#).unwrap();
    let fork = playground.fork(5, event).unwrap();
    let differences = playground.compare(6, &fork, 7).unwrap();
    assert_eq!(text(&at(&differences, 0), "fork"), "1.3.0");
    let error = playground.describe(6, "aws ecs stop-task --task web-1").unwrap_err();
    assert_eq!((text(&error, "code"), number(&error, "column")), ("CommandError".to_string(), 9.0));
}

#[wasm_bindgen_test]
fn resolve_and_lifecycle_states_answer_from_the_core() {
    let playground = JsPlayground::new(BLOG).unwrap();
    let now = playground.resolve(12, "LINUX", "LATEST", vec![]).unwrap();
    assert_eq!((text(&now, "outcome"), text(&now, "version")), ("resolved".to_string(), "1.3.0".to_string()));
    let efs = playground.resolve(12, "LINUX", "LATEST", vec!["efs".into()]).unwrap();
    assert_eq!(text(&efs, "code"), "PlatformTaskDefinitionIncompatibilityException");
    let states = lifecycle_states();
    assert_eq!(length(&states), 4);
    let retired = at(&states, 2);
    assert_eq!(text(&retired, "state"), "retired");
    assert_eq!(get(&retired, "startsTasks").as_bool(), Some(false));
    assert_eq!(length(&get(&retired, "allowedNext")), 1);
}

fn fleet_files(files: &[(&str, &str)]) -> JsValue {
    let array = js_sys::Array::new();
    for (name, text) in files {
        let file = js_sys::Object::new();
        js_sys::Reflect::set(&file, &"name".into(), &(*name).into()).unwrap();
        js_sys::Reflect::set(&file, &"text".into(), &(*text).into()).unwrap();
        array.push(&file);
    }
    array.into()
}

const PROD: &str = include_str!("../fleet/prod-describe-services.json");

#[wasm_bindgen_test]
fn import_fleet_opens_a_playground_and_its_errors_name_the_file() {
    let playground = JsPlayground::import_fleet(fleet_files(&[("prod.json", PROD)])).unwrap();
    let steps = playground.step_count();
    let import = (0..steps)
        .find(|&i| text(&get(&playground.step(i).unwrap(), "event"), "do") == "import-fleet")
        .expect("an import step");
    let summary = playground.summary(import).unwrap();
    let api = js_sys::Array::from(&get(&summary, "services"))
        .iter()
        .find(|s| text(s, "name") == "api")
        .expect("api");
    assert_eq!((text(&api, "requested"), text(&api, "primaryVersion"), text(&api, "cluster")), ("LATEST".into(), "1.3.0".into(), "prod".into()));

    let error = JsPlayground::import_fleet(fleet_files(&[("prod.json", PROD), ("bad.json", "{\"services\": [")])).err().unwrap();
    assert_eq!((text(&error, "code"), text(&error, "file"), number(&error, "line")), ("InvalidJson".into(), "bad.json".into(), 1.0));
    // The module keeps working after an error.
    assert!(JsPlayground::import_fleet(fleet_files(&[("prod.json", PROD)])).is_ok());
}

#[wasm_bindgen_test]
fn retirement_options_and_reports_come_with_csv_and_markdown() {
    let playground = JsPlayground::import_fleet(fleet_files(&[("prod.json", PROD)])).unwrap();
    let import = (0..playground.step_count())
        .find(|&i| text(&get(&playground.step(i).unwrap(), "event"), "do") == "import-fleet")
        .unwrap();
    let options = playground.retirement_options(import, "LINUX", "1.3.0").unwrap();
    let global = at(&get(&options, "announced"), 0);
    assert_eq!((text(&global, "date"), text(&global, "pinnedTo")), ("2026-03-31".into(), "1.4.0".into()));
    let report = playground
        .retirement_report(import, "LINUX", "1.3.0", "2026-03-31", None, Some("1.4.0".into()), Some(true))
        .unwrap();
    assert!(text(&report, "summary").starts_with("Retiring 1.3.0 (LINUX) on 2026-03-31:"));
    assert_eq!(text(&at(&get(&report, "rows"), 0), "effect"), "force-updated");
    assert_eq!(text(&at(&get(&report, "rows"), 0), "cluster"), "prod");
    assert!(text(&report, "csv").starts_with("kind,cluster,name,"));
    assert!(text(&report, "markdown").starts_with("## Retiring 1.3.0"));
    let error = playground.retirement_report(import, "LINUX", "1.4.0", "2026-06-01", None, None, None).err().unwrap();
    assert_eq!(text(&error, "code"), "LatestPointsHere");
    let options = playground.retirement_options(import, "LINUX", "1.4.0").unwrap();
    assert_eq!(get(&options, "latestPointsHere").as_bool(), Some(true));
    assert_eq!(text(&at(&get(&options, "targets"), 0), "version"), "1.5.0");
    let error = playground.retirement_report(import, "LINUX", "1.3", "2026-06-01", None, None, None).err().unwrap();
    assert_eq!((text(&error, "code"), text(&error, "message")), ("InvalidField".into(), "The version must be written MAJOR.MINOR.PATCH; found \"1.3\".".into()));
    assert_eq!(text(&playground.retirement_options(9999, "LINUX", "1.3.0").unwrap_err(), "code"), "StepOutOfRange");
}
