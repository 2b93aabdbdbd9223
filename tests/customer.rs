//! Customer actions (docs/format.md, "What customers do"): rejections with AWS's exception names and messages,
//! ids, counters, deployments and the scheduler's choices.

use latest_playground::{simulate, Playground};
use serde_json::Value;

const CATALOG: &str = r#"
  {"at":"2019-01-01","do":"release-version","version":"1.2.0"},
  {"at":"2019-01-01","do":"move-latest","to":"1.2.0"},
  {"at":"2019-01-01","do":"release-version","version":"1.3.0"}"#;

fn steps(events: &str) -> Vec<Value> {
    let document = format!(r#"{{"format":"fargate-pv-scenario/1","events":[{CATALOG},{events}]}}"#);
    let trace: Value =
        serde_json::from_str(&simulate(&document).unwrap_or_else(|e| panic!("{e}"))).unwrap();
    trace["steps"].as_array().unwrap()[3..].to_vec()
}

/// (events; the last one is rejected with this code and message, and changes nothing)
const REJECTIONS: &[(&str, &str, &str)] = &[
    (r#"{"at":"2019-02-01","do":"scale-service","service":"ghost","desiredCount":1}"#, "ServiceNotFoundException", "Service not found."),
    (r#"{"at":"2019-02-01","do":"update-service","service":"ghost","platformVersion":"1.4"}"#, "ServiceNotFoundException", "Service not found."),
    (r#"{"at":"2019-02-01","do":"create-service","service":"a","platformVersion":"1.4.0"}"#, "PlatformUnknownException", "The specified platform does not exist."),
    (r#"{"at":"2019-02-01","do":"create-service","service":"a","platformVersion":" 1.2.0"}"#, "PlatformUnknownException", "The specified platform does not exist."),
    (r#"{"at":"2019-02-01","do":"run-task","task":"a","family":"WINDOWS"}"#, "PlatformUnknownException", "The specified platform does not exist."),
    (r#"{"at":"2019-02-01","do":"create-service","service":"web"},{"at":"2019-02-01","do":"create-service","service":"web"}"#,
     "InvalidParameterException", "Creation of service was not idempotent."),
    (r#"{"at":"2019-02-01","do":"create-service","service":"my service"}"#, "InvalidParameterException",
     "Invalid service name \"my service\": use 1 to 255 letters, digits, hyphens or underscores."),
    (r#"{"at":"2019-02-01","do":"create-service","service":"a","desiredCount":5001}"#, "InvalidParameterException",
     "desiredCount must be a whole number from 0 to 5000; got 5001."),
    (r#"{"at":"2019-02-01","do":"run-task","task":"a","count":-1}"#, "InvalidParameterException", "count must be a whole number from 0 to 5000; got -1."),
    (r#"{"at":"2019-02-01","do":"run-task","task":"a","count":1e300}"#, "InvalidParameterException",
     "count must be a whole number from 0 to 5000; got 1e+300."),
    (r#"{"at":"2019-02-01","do":"create-service","service":"web"},{"at":"2019-02-01","do":"run-task","task":"web-1"}"#,
     "InvalidParameterException", "A running task already has the id web-1."),
    (r#"{"at":"2019-02-01","do":"run-task","task":"job","count":2},{"at":"2019-02-01","do":"run-task","task":"job","count":3}"#,
     "InvalidParameterException", "A running task already has the id job-1."),
    (r#"{"at":"2019-02-01","do":"stop-task","task":"web-9"}"#, "InvalidParameterException", "The referenced task was not found."),
    (r#"{"at":"2019-02-01","do":"run-pod","cluster":"none","pod":"p"}"#, "ResourceNotFoundException", "Cluster not found."),
    (r#"{"at":"2019-02-01","do":"create-eks-cluster","cluster":"c","fargateVersion":"1.3.0"},{"at":"2019-02-01","do":"run-pod","cluster":"c","pod":"p"},{"at":"2019-02-01","do":"run-pod","cluster":"c","pod":"p"}"#,
     "InvalidParameterException", "A running pod in cluster c already has the id p."),
    (r#"{"at":"2019-02-01","do":"create-eks-cluster","cluster":"c","fargateVersion":"1.3.0"},{"at":"2019-03-01","do":"set-version-state","version":"1.3.0","state":"retired"},{"at":"2019-03-02","do":"run-pod","cluster":"c","pod":"p"}"#,
     "PlatformUnknownException", "Platform version 1.3.0 is retired: it cannot start new tasks or services."),
    (r#"{"at":"2019-03-01","do":"set-version-state","version":"1.3.0","state":"recalled"},{"at":"2019-03-02","do":"run-task","task":"a","platformVersion":"1.3.0"}"#,
     "PlatformUnknownException", "Platform version 1.3.0 is recalled: it cannot start new tasks or services."),
    // Rule order: an unknown service wins over a bad version string; a bad version over a bad count.
    (r#"{"at":"2019-02-01","do":"update-service","service":"ghost","platformVersion":"9","desiredCount":-3}"#, "ServiceNotFoundException", "Service not found."),
    (r#"{"at":"2019-02-01","do":"create-service","service":"bad name","platformVersion":"9","desiredCount":-3}"#, "PlatformUnknownException", "The specified platform does not exist."),
    (r#"{"at":"2019-02-01","do":"create-service","service":"web"},{"at":"2019-02-02","do":"update-service","service":"web","requires":["efs"]}"#,
     "PlatformTaskDefinitionIncompatibilityException", "One or more of the requested capabilities are not supported."),
];

#[test]
fn rejected_actions_are_steps_that_change_nothing() {
    for (events, code, message) in REJECTIONS {
        let steps = steps(events);
        let last = steps.last().unwrap();
        assert_eq!(
            (
                last["outcome"].as_str(),
                last["error"]["code"].as_str(),
                last["error"]["message"].as_str()
            ),
            (Some("rejected"), Some(*code), Some(*message)),
            "{events}"
        );
        assert!(
            last["explanation"]
                .as_str()
                .unwrap()
                .starts_with("AWS rejected this "),
            "{events}"
        );
        assert_eq!(last["changes"], serde_json::json!([]), "{events}");
        let before = if steps.len() > 1 {
            &steps[steps.len() - 2]
        } else {
            last
        };
        for key in ["services", "tasks", "clusters", "versions", "latest"] {
            if steps.len() > 1 {
                assert_eq!(last[key], before[key], "{events}: {key} changed");
            }
        }
    }
}

#[test]
fn a_rejected_update_keeps_the_service_as_it_was() {
    let steps = steps(
        r#"{"at":"2019-02-01","do":"create-service","service":"web","desiredCount":2},
           {"at":"2019-02-02","do":"update-service","service":"web","platformVersion":"1.4.0","desiredCount":9}"#,
    );
    assert_eq!(steps[1]["outcome"], "rejected");
    assert_eq!(steps[1]["services"], steps[0]["services"]);
}

#[test]
fn task_ids_share_one_space_and_counters_survive_deletion() {
    let steps = steps(
        r#"{"at":"2019-02-01","do":"run-task","task":"web-2"},
           {"at":"2019-02-01","do":"create-service","service":"web","desiredCount":3},
           {"at":"2019-02-02","do":"delete-service","service":"web"},
           {"at":"2019-02-03","do":"create-service","service":"web","desiredCount":1},
           {"at":"2019-02-03","do":"run-task","task":"batch","count":2},
           {"at":"2019-02-03","do":"run-task","task":"solo","count":0}"#,
    );
    let ids = |step: &Value| -> Vec<String> {
        step["services"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|s| {
                s["tasks"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|t| t["id"].as_str().unwrap().to_string())
            })
            .collect()
    };
    assert_eq!(
        ids(&steps[1]),
        ["web-1", "web-3", "web-4"],
        "web-2 is a standalone task's id"
    );
    assert_eq!(
        steps[2]["changes"].as_array().unwrap().last().unwrap()["kind"],
        "service-deleted"
    );
    assert_eq!(
        ids(&steps[3]),
        ["web-5"],
        "a re-created service never reuses an id"
    );
    assert_eq!(
        steps[3]["services"][0]["deployments"][0]["id"], "web/1",
        "deployments count from 1 again"
    );
    let standalone: Vec<&str> = steps[4]["tasks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["id"].as_str().unwrap())
        .collect();
    assert_eq!(standalone, ["web-2", "batch-1", "batch-2"]);
    assert_eq!(
        (
            steps[5]["outcome"].as_str(),
            steps[5]["changes"].as_array().unwrap().len()
        ),
        (Some("applied"), 0)
    );
}

#[test]
fn deployments_keep_the_primary_and_three_inactive_newest_first() {
    let mut events =
        vec![r#"{"at":"2019-02-01","do":"create-service","service":"web"}"#.to_string()];
    events.extend((0..5).map(|_| {
        r#"{"at":"2019-02-02","do":"update-service","service":"web","forceNewDeployment":true}"#
            .to_string()
    }));
    let steps = steps(&events.join(","));
    let ids: Vec<&str> = steps[5]["services"][0]["deployments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["web/6", "web/5", "web/4", "web/3"]);
    let statuses: Vec<&str> = steps[5]["services"][0]["deployments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["status"].as_str().unwrap())
        .collect();
    assert_eq!(statuses, ["PRIMARY", "INACTIVE", "INACTIVE", "INACTIVE"]);
}

#[test]
fn scale_in_stops_the_most_recent_tasks_first_and_nothing_to_change_says_so() {
    let steps = steps(
        r#"{"at":"2019-02-01","do":"create-service","service":"web","desiredCount":4},
           {"at":"2019-02-02","do":"scale-service","service":"web","desiredCount":2},
           {"at":"2019-02-03","do":"update-service","service":"web"},
           {"at":"2019-02-03","do":"scale-service","service":"web","desiredCount":2}"#,
    );
    let stopped: Vec<&str> = steps[1]["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["task"].as_str().unwrap())
        .collect();
    assert_eq!(stopped, ["web-4", "web-3"]);
    assert_eq!(
        steps[2]["explanation"],
        "web was updated with nothing to change: no new deployment, no task changes, and LATEST is not re-resolved."
    );
    assert_eq!(
        steps[2]["event"],
        serde_json::json!({"do": "update-service", "service": "web", "forceNewDeployment": false})
    );
    assert_eq!(
        steps[3]["explanation"],
        "web already runs 2 of 2 desired tasks; nothing changes."
    );
}

#[test]
fn deprecating_versions_start_tasks_with_a_warning() {
    let steps = steps(
        r#"{"at":"2019-02-01","do":"set-version-state","version":"1.2.0","state":"deprecating"},
           {"at":"2019-02-02","do":"run-task","task":"job"},
           {"at":"2019-02-03","do":"move-latest","to":"1.3.0"},
           {"at":"2019-02-04","do":"move-latest","to":"1.2.0"}"#,
    );
    assert_eq!(steps[1]["outcome"], "applied");
    assert_eq!(
        steps[1]["warnings"],
        serde_json::json!(["job starts on 1.2.0 (LINUX), which is deprecating (AWS: scheduled for deprecation); plan a move to a newer version."])
    );
    assert_eq!(steps[3]["warnings"], serde_json::json!(["LATEST (LINUX) now means 1.2.0, which is deprecating (AWS: scheduled for deprecation)."]));
}

#[test]
fn moving_latest_where_it_points_is_applied_and_changes_nothing() {
    let steps = steps(r#"{"at":"2019-02-01","do":"move-latest","to":"1.2.0"}"#);
    assert_eq!(
        (
            steps[0]["outcome"].as_str(),
            steps[0]["changes"].as_array().unwrap().len()
        ),
        (Some("applied"), 0)
    );
    assert_eq!(
        steps[0]["explanation"],
        "LATEST (LINUX) already meant 1.2.0; nothing changes."
    );
}

#[test]
fn force_update_keeps_a_service_whose_requirements_fail_and_names_it() {
    let steps = steps(
        r#"{"at":"2019-02-01","do":"create-service","service":"web"},
           {"at":"2019-02-01","do":"create-service","service":"needs","requires":[]},
           {"at":"2019-02-02","do":"publish-revision","version":"1.2.0","features":["x"]},
           {"at":"2019-02-03","do":"update-service","service":"needs","requires":["x"]},
           {"at":"2019-03-01","do":"move-latest","to":"1.3.0"},
           {"at":"2019-04-01","do":"force-update","version":"1.2.0"}"#,
    );
    let last = &steps[5];
    assert_eq!(
        last["services"][0]["deployments"][0]["platformVersion"],
        "1.3.0"
    );
    assert_eq!(
        last["services"][1]["deployments"][0]["platformVersion"],
        "1.2.0"
    );
    assert!(last["explanation"].as_str().unwrap().contains(
        "Not moved: needs keeps deployment 2 (One or more of the requested capabilities are not supported.)."
    ));
}

#[test]
fn recycling_a_retired_version_warns_and_changes_nothing() {
    let steps = steps(
        r#"{"at":"2019-02-01","do":"create-service","service":"web"},
           {"at":"2019-03-01","do":"move-latest","to":"1.3.0"},
           {"at":"2019-04-01","do":"set-version-state","version":"1.2.0","state":"retired"},
           {"at":"2019-04-02","do":"recycle-service","service":"web"}"#,
    );
    assert_eq!(steps[3]["changes"], serde_json::json!([]));
    assert_eq!(steps[3]["services"], steps[2]["services"]);
    assert_eq!(steps[3]["warnings"].as_array().unwrap().len(), 1);
}

#[test]
fn eks_updates_affect_later_pods_only() {
    let steps = steps(
        r#"{"at":"2019-02-01","do":"create-eks-cluster","cluster":"c","fargateVersion":"1.2.0"},
           {"at":"2019-02-01","do":"run-pod","cluster":"c","pod":"a","count":2},
           {"at":"2019-02-02","do":"update-eks-platform","cluster":"c","fargateVersion":"1.3.0"},
           {"at":"2019-02-03","do":"run-pod","cluster":"c","pod":"b"}"#,
    );
    let pods: Vec<(&str, &str)> = steps[3]["clusters"][0]["pods"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["id"].as_str().unwrap(),
                p["platformVersion"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(pods, [("a-1", "1.2.0"), ("a-2", "1.2.0"), ("b", "1.3.0")]);
    assert_eq!(
        steps[2]["changes"][0],
        serde_json::json!({"kind": "cluster-updated", "cluster": "c", "from": "1.2.0", "to": "1.3.0"})
    );
}

#[test]
fn base_events_merge_first_at_equal_times() {
    let document = r#"{"format":"fargate-pv-scenario/1","base":"blog-timeline","title":"Mine","events":[
        {"at":"2018-09-10","do":"run-task","task":"early","note":"same day as the base's release"},
        {"at":"2019-01-15","do":"run-task","task":"mid"}]}"#;
    let trace: Value = serde_json::from_str(&simulate(document).unwrap()).unwrap();
    let steps = trace["steps"].as_array().unwrap();
    assert_eq!(trace["title"], "Mine");
    assert_eq!(steps.len(), 15);
    let order: Vec<&str> = steps[..4]
        .iter()
        .map(|s| s["event"]["do"].as_str().unwrap())
        .collect();
    assert_eq!(
        order,
        [
            "release-version",
            "move-latest",
            "run-task",
            "create-service"
        ]
    );
    assert_eq!(steps[2]["tasks"][0]["platformVersion"], "1.2.0");
    assert_eq!(steps[2]["event"]["note"], "same day as the base's release");
    // The base's move-latest on 2019-01-15 comes before the document's run-task that day.
    assert_eq!(steps[7]["event"]["task"], "mid");
    assert_eq!(steps[7]["tasks"][1]["platformVersion"], "1.3.0");
    // toScenarioJson keeps the base reference and only the document's own events.
    let playground = Playground::new(document).unwrap();
    let written: Value = serde_json::from_str(&playground.to_scenario_json()).unwrap();
    assert_eq!(written["base"], "blog-timeline");
    assert_eq!(written["events"].as_array().unwrap().len(), 2);
}
