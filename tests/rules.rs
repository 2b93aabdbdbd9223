//! One row per AWS rule of docs/aws-facts.md (and the format rules of docs/format.md built on them):
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
    (
        "API rule 12: the 2026 force-update (scope all) also moves pinned services, onto `to`, which they then ask for",
        r#"{"at":"2019-01-01","do":"create-service","service":"auto"},
           {"at":"2019-01-01","do":"create-service","service":"pinned","platformVersion":"1.2.0","desiredCount":2},
           {"at":"2019-01-01","do":"create-service","service":"other","platformVersion":"1.3.0"},
           {"at":"2019-01-01","do":"run-task","task":"job"},
           {"at":"2019-05-01","do":"move-latest","to":"1.3.0"},
           {"at":"2026-03-02","do":"force-update","version":"1.2.0","scope":"all","to":"1.4.0"}"#,
        &[
            (5, "/event/scope", || json!("all")),
            (5, "/event/to", || json!("1.4.0")),
            (5, "/services/0/deployments/0/platformVersion", || json!("1.3.0")),
            (5, "/services/0/platformVersion", || json!("LATEST")),
            (5, "/services/1/deployments/0/platformVersion", || json!("1.4.0")),
            (5, "/services/1/platformVersion", || json!("1.4.0")),
            (5, "/services/1/runningCount", || json!(2)),
            (5, "/services/2/deployments/0/id", || json!("other/1")),
            (5, "/tasks/0/platformVersion", || json!("1.2.0")),
        ],
    ),
    (
        "API rule 11: a force-update with no scope is the 2020 one (scope latest), echoed with its default",
        r#"{"at":"2019-01-01","do":"create-service","service":"pinned","platformVersion":"1.2.0"},
           {"at":"2020-10-26","do":"force-update","version":"1.2.0"}"#,
        &[(1, "/event/scope", || json!("latest")), (1, "/services/0/deployments/0/id", || json!("pinned/1"))],
    ),
    (
        "Task recycling arrived with 1.3.0: replacing 1.2.0 tasks is a replacement, from 1.3.0 on it is recycling",
        r#"{"at":"2019-01-01","do":"create-service","service":"old"},
           {"at":"2019-01-01","do":"create-service","service":"new","platformVersion":"1.3.0"},
           {"at":"2019-02-01","do":"publish-revision","version":"1.2.0"},
           {"at":"2019-02-01","do":"publish-revision","version":"1.3.0"},
           {"at":"2019-03-01","do":"recycle-service","service":"old"},
           {"at":"2019-03-01","do":"recycle-service","service":"new"}"#,
        &[
            (4, "/changes/0/reason", || json!("replaced")),
            (4, "/services/0/tasks/0/revision", || json!(2)),
            (5, "/changes/0/reason", || json!("recycled")),
            (5, "/services/1/tasks/0/revision", || json!(2)),
        ],
    ),
    (
        "CODE_DEPLOY: update-service cannot redeploy (InvalidParameterException) but may scale; a CodeDeploy deployment re-resolves",
        r#"{"at":"2019-01-01","do":"create-service","service":"bg","deploymentController":"CODE_DEPLOY"},
           {"at":"2019-05-01","do":"move-latest","to":"1.3.0"},
           {"at":"2019-05-02","do":"update-service","service":"bg","platformVersion":"1.3.0"},
           {"at":"2019-05-02","do":"update-service","service":"bg","forceNewDeployment":true},
           {"at":"2019-05-03","do":"update-service","service":"bg","desiredCount":2},
           {"at":"2019-05-04","do":"codedeploy-deployment","service":"bg"},
           {"at":"2019-05-05","do":"create-service","service":"web"},
           {"at":"2019-05-05","do":"codedeploy-deployment","service":"web","platformVersion":"1.4.0"}"#,
        &[
            (2, "/error/code", || json!("InvalidParameterException")),
            (2, "/error/wording", || json!("playground")),
            (2, "/services/0/deployments/0/id", || json!("bg/1")),
            (3, "/outcome", || json!("rejected")),
            (4, "/services/0/runningCount", || json!(2)),
            (4, "/services/0/tasks/1/platformVersion", || json!("1.2.0")),
            (5, "/event", || json!({"do": "codedeploy-deployment", "service": "bg"})),
            (5, "/services/0/deployments/0/id", || json!("bg/2")),
            (5, "/services/0/platformVersion", || json!("1.3.0")),
            (5, "/services/0/tasks/0/platformVersion", || json!("1.3.0")),
            (5, "/services/0/runningCount", || json!(2)),
            (7, "/error/code", || json!("InvalidParameterException")),
            (7, "/services/1/deployments/0/id", || json!("web/1")),
        ],
    ),
    (
        "API rule 13: retiring a revision evicts pods; pods with a controller come back as new pods, bare pods stay stopped",
        r#"{"at":"2019-12-03","do":"create-eks-cluster","cluster":"prod","fargateVersion":"1.3.0"},
           {"at":"2019-12-10","do":"run-pod","cluster":"prod","pod":"api","count":2},
           {"at":"2019-12-10","do":"run-pod","cluster":"prod","pod":"job","controller":"none"},
           {"at":"2020-01-01","do":"publish-revision","version":"1.3.0"},
           {"at":"2020-02-01","do":"retire-revision","version":"1.3.0","revision":1}"#,
        &[
            (1, "/event/controller", || json!("deployment")),
            (4, "/clusters/0/pods", || json!([
                {"id": "api-3", "platformVersion": "1.3.0", "revision": 2, "startedAt": "2020-02-01T00:00:00Z"},
                {"id": "api-4", "platformVersion": "1.3.0", "revision": 2, "startedAt": "2020-02-01T00:00:00Z"},
            ])),
            (4, "/changes/2/kind", || json!("pod-stopped")),
            (4, "/changes/3/kind", || json!("pod-started")),
            (4, "/changes/3/pod", || json!("api-3")),
        ],
    ),
    (
        "Errors say whose words they are: AWS's for rules 1 and 4, the playground's otherwise",
        r#"{"at":"2019-01-01","do":"create-service","service":"a","platformVersion":"1.4"},
           {"at":"2019-01-01","do":"create-service","service":"b","requires":["efs"]},
           {"at":"2019-01-01","do":"scale-service","service":"ghost","desiredCount":1},
           {"at":"2019-01-02","do":"set-version-state","version":"1.3.0","state":"retired"},
           {"at":"2019-01-03","do":"run-task","task":"t","platformVersion":"1.3.0"}"#,
        &[
            (0, "/error/wording", || json!("aws")),
            (1, "/error/wording", || json!("aws")),
            (2, "/error/wording", || json!("playground")),
            (4, "/error/wording", || json!("playground")),
        ],
    ),
    (
        "Every event may carry the public source of its facts, echoed with the step",
        r#"{"at":"2019-01-01","do":"create-service","service":"a","note":"n","source":"https://example.com/page#x"}"#,
        &[(0, "/event/note", || json!("n")), (0, "/event/source", || json!("https://example.com/page#x"))],
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

#[test]
fn the_2026_retirement_codedeploy_and_replacements_are_narrated_as_aws_did_them() {
    let trace = trace(
        r#"{"at":"2019-01-01","do":"create-service","service":"auto"},
           {"at":"2019-01-01","do":"create-service","service":"pinned","platformVersion":"1.2.0","desiredCount":2},
           {"at":"2019-01-01","do":"create-service","service":"bg","deploymentController":"CODE_DEPLOY","platformVersion":"1.2.0"},
           {"at":"2019-02-01","do":"publish-revision","version":"1.2.0"},
           {"at":"2019-03-01","do":"recycle-service","service":"auto"},
           {"at":"2019-05-01","do":"move-latest","to":"1.3.0"},
           {"at":"2019-05-04","do":"codedeploy-deployment","service":"bg","platformVersion":"1.2.0"},
           {"at":"2020-10-26","do":"force-update","version":"1.3.0"},
           {"at":"2026-03-02","do":"force-update","version":"1.2.0","scope":"all","to":"1.4.0"},
           {"at":"2026-03-15","do":"move-latest","to":"1.4.0"},
           {"at":"2026-03-16","do":"set-version-state","version":"1.3.0","state":"retired"},
           {"at":"2026-03-17","do":"recycle-service","service":"auto"}"#,
    );
    let step = |i: usize| {
        let step = &trace["steps"][i + 4];
        (
            step["explanation"].as_str().unwrap().to_string(),
            step["warnings"].clone(),
        )
    };
    assert_eq!(step(4).0, "auto's 1 task was replaced on the version its deployment resolved, 1.2.0, at its newest patch, revision 2: it was stopped and the service scheduler started a new one. This is not AWS's task recycling, which arrived with 1.3.0; replacing tasks never re-resolves LATEST.");
    assert_eq!(step(6).0, "A new CodeDeploy (blue/green) deployment of bg resolves the version again: bg asked for 1.2.0 explicitly, so deployment 2 is pinned to 1.2.0 (deployment 1 ran 1.2.0). The green tasks replace the blue ones: 1 old task stopped and 1 task started on 1.2.0 revision 2. Users report that describe-services now shows 1.2.0 for the service (AWS does not document it).");
    assert_eq!(step(7).0, "AWS force-updated every LINUX service that asked for LATEST and still ran 1.3.0: each gets a new deployment that re-resolves LATEST now, when it means 1.3.0. No service in this scenario asks for LATEST and runs 1.3.0, so nothing here changes. Standalone tasks are never force-updated.");
    assert_eq!(step(8).0, "AWS force-updated every LINUX service still running 1.2.0, pinned or not: those that ask for LATEST get a new deployment that re-resolves LATEST now, when it means 1.3.0; those pinned to 1.2.0 get a new deployment on 1.4.0 and from now on ask for 1.4.0 (how AWS rewrites a pinned service's requested version is not documented; the playground shows 1.4.0). auto gets deployment 2 on 1.3.0; pinned gets deployment 2 on 1.4.0; bg gets deployment 3 on 1.4.0. Whether AWS force-updates CODE_DEPLOY services is not documented; the playground treats bg like the others. Standalone tasks are never force-updated.");
    assert_eq!(
        step(11),
        (
            "auto's tasks are not replaced: 1.3.0 is retired, and nothing new may start on it.".to_string(),
            json!(["auto's tasks run 1.3.0, which is retired: nothing new may start on it, so they cannot be replaced. Redeploy onto a supported version."])
        )
    );
}
