//! One row per AWS rule of ../shared/spec/domain-facts.md (and the spec rules built on them):
//! a small scenario, then what the trace must show at a given step. JSON Pointers address the step.

use latest_playground::simulate;
use serde_json::{json, Value};

/// A 2019 catalog: 1.2.0 and 1.3.0 released, LATEST on 1.2.0; 1.4.0 supports efs.
const CATALOG: &str = r#"
  {"at":"2018-09-10","do":"release-version","version":"1.2.0"},
  {"at":"2018-09-10","do":"move-latest","to":"1.2.0"},
  {"at":"2018-12-17","do":"release-version","version":"1.3.0"},
  {"at":"2018-12-17","do":"release-version","version":"1.4.0","features":["efs"]}"#;

fn trace(events: &str) -> Value {
    let document = format!(r#"{{"format":"fargate-pv-scenario/1","events":[{CATALOG},{events}]}}"#);
    let text = simulate(&document).unwrap_or_else(|e| panic!("{e} at {}", e.path()));
    serde_json::from_str(&text).unwrap()
}

/// (rule, events after the catalog, checks: (step counted from the first event after the
/// catalog, JSON Pointer into that step, expected value)).
type Row = (
    &'static str,
    &'static str,
    &'static [(usize, &'static str, fn() -> Value)],
);

const ROWS: &[Row] = &[
    (
        "API rule 1: LATEST is resolved at launch (CreateService and RunTask)",
        r#"{"at":"2019-01-01","do":"create-service","service":"web"},
           {"at":"2019-01-01","do":"run-task","task":"job"}"#,
        &[(0, "/services/0/deployments/0/platformVersion", || json!("1.2.0")), (1, "/tasks/0/platformVersion", || json!("1.2.0"))],
    ),
    (
        "API rule 2: describe-services shows the requested string; deployments and tasks the resolved version",
        r#"{"at":"2019-01-01","do":"create-service","service":"web"}"#,
        &[
            (0, "/services/0/platformVersion", || json!("LATEST")),
            (0, "/services/0/requested", || json!("LATEST")),
            (0, "/services/0/tasks/0/platformVersion", || json!("1.2.0")),
        ],
    ),
    (
        "API rule 2 (exception): a CODE_DEPLOY service shows the resolved version",
        r#"{"at":"2019-01-01","do":"create-service","service":"bg","deploymentController":"CODE_DEPLOY"}"#,
        &[(0, "/services/0/platformVersion", || json!("1.2.0")), (0, "/services/0/requested", || json!("LATEST"))],
    ),
    (
        "API rule 3: scale-out reuses the deployment's version after LATEST moved, on the newest revision",
        r#"{"at":"2019-01-01","do":"create-service","service":"web"},
           {"at":"2019-02-01","do":"publish-revision","version":"1.2.0"},
           {"at":"2019-03-01","do":"move-latest","to":"1.3.0"},
           {"at":"2019-04-01","do":"scale-service","service":"web","desiredCount":2}"#,
        &[
            (3, "/services/0/tasks/1/platformVersion", || json!("1.2.0")),
            (3, "/services/0/tasks/1/revision", || json!(2)),
            (3, "/services/0/tasks/0/revision", || json!(1)),
            (3, "/services/0/deployments/0/id", || json!("web/1")),
        ],
    ),
    (
        "API rule 3: a stopped service task is replaced on the deployment's version",
        r#"{"at":"2019-01-01","do":"create-service","service":"web"},
           {"at":"2019-03-01","do":"move-latest","to":"1.3.0"},
           {"at":"2019-04-01","do":"stop-task","task":"web-1"}"#,
        &[(2, "/services/0/tasks/0/id", || json!("web-2")), (2, "/services/0/tasks/0/platformVersion", || json!("1.2.0"))],
    ),
    (
        "API rule 4: forceNewDeployment re-resolves LATEST; old tasks stop first",
        r#"{"at":"2019-01-01","do":"create-service","service":"web"},
           {"at":"2019-03-01","do":"move-latest","to":"1.3.0"},
           {"at":"2019-04-01","do":"update-service","service":"web","forceNewDeployment":true}"#,
        &[
            (2, "/services/0/deployments/0/platformVersion", || json!("1.3.0")),
            (2, "/services/0/deployments/1/status", || json!("INACTIVE")),
            (2, "/services/0/tasks/0/platformVersion", || json!("1.3.0")),
            (2, "/changes/1/kind", || json!("task-stopped")),
            (2, "/changes/2/kind", || json!("task-started")),
        ],
    ),
    (
        "API rule 4: a platformVersion in UpdateService triggers a new deployment",
        r#"{"at":"2019-01-01","do":"create-service","service":"web"},
           {"at":"2019-04-01","do":"update-service","service":"web","platformVersion":"1.4.0"}"#,
        &[(1, "/services/0/platformVersion", || json!("1.4.0")), (1, "/services/0/deployments/0/id", || json!("web/2"))],
    ),
    (
        "API rule 4: desiredCount alone is a scale, not a deployment",
        r#"{"at":"2019-01-01","do":"create-service","service":"web"},
           {"at":"2019-03-01","do":"move-latest","to":"1.3.0"},
           {"at":"2019-04-01","do":"update-service","service":"web","desiredCount":3}"#,
        &[(2, "/services/0/deployments/0/id", || json!("web/1")), (2, "/services/0/tasks/2/platformVersion", || json!("1.2.0"))],
    ),
    (
        "API rule 5: moving LATEST changes nothing that runs",
        r#"{"at":"2019-01-01","do":"create-service","service":"web"},
           {"at":"2019-03-01","do":"move-latest","to":"1.3.0"}"#,
        &[(1, "/services/0/tasks/0/platformVersion", || json!("1.2.0")), (1, "/latest/LINUX", || json!("1.3.0"))],
    ),
    (
        "API rule 6: a task keeps its revision for life; new tasks get the newest",
        r#"{"at":"2019-01-01","do":"run-task","task":"old"},
           {"at":"2019-02-01","do":"publish-revision","version":"1.2.0","features":["x"]},
           {"at":"2019-02-02","do":"run-task","task":"new"}"#,
        &[(2, "/tasks/0/revision", || json!(1)), (2, "/tasks/1/revision", || json!(2)), (2, "/versions/0/features", || json!(["x"]))],
    ),
    (
        "API rule 7: capabilities are checked against the resolved version",
        r#"{"at":"2019-01-01","do":"create-service","service":"files","requires":["efs"]},
           {"at":"2019-01-01","do":"create-service","service":"files","platformVersion":"1.4.0","requires":["efs"]}"#,
        &[
            (0, "/outcome", || json!("rejected")),
            (0, "/error/code", || json!("PlatformTaskDefinitionIncompatibilityException")),
            (0, "/error/message", || json!("One or more of the requested capabilities are not supported.")),
            (1, "/services/0/tasks/0/platformVersion", || json!("1.4.0")),
        ],
    ),
    (
        "API rule 8: version strings are exact",
        r#"{"at":"2019-01-01","do":"create-service","service":"a","platformVersion":"1.4"},
           {"at":"2019-01-01","do":"create-service","service":"a","platformVersion":"latest"}"#,
        &[
            (0, "/error/code", || json!("PlatformUnknownException")),
            (0, "/error/message", || json!("The specified platform does not exist.")),
            (1, "/error/code", || json!("PlatformUnknownException")),
            (1, "/services", || json!([])),
        ],
    ),
    (
        "API rule 9: families are independent (a Linux version is unknown to Windows; Windows has its own LATEST)",
        r#"{"at":"2019-01-01","do":"run-task","task":"w","family":"WINDOWS","platformVersion":"1.2.0"},
           {"at":"2019-01-01","do":"run-task","task":"w","family":"WINDOWS"},
           {"at":"2021-10-28","do":"release-version","family":"WINDOWS","version":"1.0.0"},
           {"at":"2021-10-28","do":"move-latest","family":"WINDOWS","to":"1.0.0"},
           {"at":"2021-10-29","do":"run-task","task":"w","family":"WINDOWS"}"#,
        &[
            (0, "/error/code", || json!("PlatformUnknownException")),
            (1, "/error/code", || json!("PlatformUnknownException")),
            (4, "/tasks/0/platformVersion", || json!("1.0.0")),
            (4, "/tasks/0/family", || json!("WINDOWS")),
            (4, "/latest", || json!({"LINUX": "1.2.0", "WINDOWS": "1.0.0"})),
        ],
    ),
    (
        "API rule 10: revision retirement replaces service tasks on the newest revision, not standalone tasks",
        r#"{"at":"2019-01-01","do":"create-service","service":"web"},
           {"at":"2019-01-01","do":"run-task","task":"job"},
           {"at":"2019-02-01","do":"publish-revision","version":"1.2.0"},
           {"at":"2019-03-01","do":"retire-revision","version":"1.2.0","revision":1}"#,
        &[
            (3, "/services/0/tasks/0/revision", || json!(2)),
            (3, "/services/0/tasks/0/id", || json!("web-2")),
            (3, "/tasks", || json!([])),
        ],
    ),
    (
        "API rule 11: the 2020 force-update moves LATEST services to what LATEST means then; pinned and standalone untouched",
        r#"{"at":"2019-01-01","do":"create-service","service":"auto"},
           {"at":"2019-01-01","do":"create-service","service":"pinned","platformVersion":"1.2.0"},
           {"at":"2019-01-01","do":"run-task","task":"job"},
           {"at":"2019-05-01","do":"move-latest","to":"1.3.0"},
           {"at":"2020-10-26","do":"force-update","version":"1.2.0"}"#,
        &[
            (4, "/services/0/deployments/0/platformVersion", || json!("1.3.0")),
            (4, "/services/1/deployments/0/platformVersion", || json!("1.2.0")),
            (4, "/tasks/0/platformVersion", || json!("1.2.0")),
        ],
    ),
    (
        "API rule 11: after deprecation nothing new starts on the version; running tasks continue",
        r#"{"at":"2019-01-01","do":"create-service","service":"pinned","platformVersion":"1.2.0"},
           {"at":"2019-05-01","do":"move-latest","to":"1.3.0"},
           {"at":"2020-12-14","do":"set-version-state","version":"1.2.0","state":"retired"},
           {"at":"2020-12-15","do":"run-task","task":"job","platformVersion":"1.2.0"},
           {"at":"2020-12-16","do":"scale-service","service":"pinned","desiredCount":2}"#,
        &[
            (3, "/error/message", || json!("Platform version 1.2.0 is retired: it cannot start new tasks or services.")),
            (4, "/services/0/runningCount", || json!(1)),
            (4, "/services/0/desiredCount", || json!(2)),
            (4, "/changes/0/kind", || json!("placement-failed")),
        ],
    ),
    (
        "API rule 12: recalled versions stop what still runs; service tasks cannot be replaced",
        r#"{"at":"2019-01-01","do":"create-service","service":"pinned","platformVersion":"1.2.0"},
           {"at":"2019-05-01","do":"move-latest","to":"1.3.0"},
           {"at":"2026-03-16","do":"set-version-state","version":"1.2.0","state":"retired"},
           {"at":"2026-03-31","do":"set-version-state","version":"1.2.0","state":"recalled"}"#,
        &[
            (3, "/services/0/runningCount", || json!(0)),
            (3, "/changes/1/kind", || json!("task-stopped")),
            (3, "/changes/2/kind", || json!("placement-failed")),
        ],
    ),
    (
        "API rule 13: EKS pods run the cluster's version, not LATEST",
        r#"{"at":"2019-12-03","do":"create-eks-cluster","cluster":"prod","fargateVersion":"1.4.0"},
           {"at":"2019-12-10","do":"run-pod","cluster":"prod","pod":"api"}"#,
        &[(1, "/clusters/0/pods/0/platformVersion", || json!("1.4.0")), (1, "/latest/LINUX", || json!("1.2.0"))],
    ),
];

#[test]
fn every_aws_rule_shows_in_the_trace() {
    for (rule, events, checks) in ROWS {
        let trace = trace(events);
        for (step, pointer, expected) in checks.iter() {
            let step_value = &trace["steps"][step + 4];
            let actual = step_value
                .pointer(pointer)
                .unwrap_or_else(|| panic!("{rule}: no {pointer} at step {step}"));
            assert_eq!(actual, &expected(), "{rule}: step {step} {pointer}");
        }
    }
}

#[test]
fn explanations_name_the_request_the_resolution_and_why() {
    let trace = trace(
        r#"{"at":"2019-01-01","do":"create-service","service":"web"},
           {"at":"2019-03-01","do":"move-latest","to":"1.3.0"},
           {"at":"2019-04-01","do":"scale-service","service":"web","desiredCount":2}"#,
    );
    let step = |i: usize| {
        trace["steps"][i + 4]["explanation"]
            .as_str()
            .unwrap()
            .to_string()
    };
    assert_eq!(
        step(0),
        "web asked for LATEST; LATEST (LINUX) meant 1.2.0 on 2019-01-01, so deployment 1 is pinned to 1.2.0. 1 task starts on revision 1, 1.2.0's newest patch. describe-services will keep showing LATEST for the service while its deployment and tasks show 1.2.0."
    );
    assert_eq!(
        step(2),
        "web scaled from 1 to 2 tasks. Scale-out reuses deployment 1's version 1.2.0; LATEST, now 1.3.0, is not re-resolved. The 1 new task gets revision 1, 1.2.0's newest patch."
    );
}
