//! The examples of docs/format.md replay as the page says they do.

use latest_playground::simulate;
use serde_json::Value;

fn examples() -> Vec<String> {
    let doc = include_str!("../docs/format.md");
    let mut blocks = doc.split("```json\n");
    blocks.next(); // the text before the first block
    blocks
        .map(|rest| rest.split("```").next().unwrap().to_string())
        .filter(|block| block.contains("fargate-pv-scenario/1"))
        .collect()
}

fn trace(example: &str) -> Value {
    serde_json::from_str(&simulate(example).unwrap_or_else(|e| panic!("{e}\n{example}"))).unwrap()
}

#[test]
fn every_example_replays_with_no_step_refused() {
    let examples = examples();
    assert_eq!(examples.len(), 4);
    for example in &examples {
        let trace = trace(example);
        let refused: Vec<&Value> = trace["steps"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|s| s["outcome"] != "applied")
            .collect();
        assert!(refused.is_empty(), "{refused:?}\n{example}");
    }
}

#[test]
fn the_first_example_teaches_that_latest_is_resolved_once() {
    let trace = trace(&examples()[0]);
    let versions = |step: usize| -> Vec<String> {
        trace["steps"][step]["services"][0]["tasks"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t["platformVersion"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(trace["steps"][5]["latest"]["LINUX"], "1.3.0");
    assert_eq!(versions(5), ["1.2.0"; 4], "the scale-out keeps 1.2.0");
    assert_eq!(versions(6), ["1.3.0"; 4], "the new deployment re-resolves");
}

#[test]
fn the_retirement_example_moves_the_pinned_service_too() {
    let trace = trace(&examples()[2]);
    let after_force_update = &trace["steps"][7]["services"];
    for service in after_force_update.as_array().unwrap() {
        assert_eq!(
            service["deployments"][0]["platformVersion"], "1.4.0",
            "{service}"
        );
    }
    assert_eq!(after_force_update[1]["requested"], "1.4.0");
}
