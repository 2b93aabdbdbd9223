//! Bring your own fleet: AWS CLI output read into a playground (src/import.rs), and the retirement
//! report (src/report.rs). Fixtures in tests/fleet/ follow the CLI's documented output.

use latest_playground::date::Instant;
use latest_playground::report::{Effect, Plan};
use latest_playground::version::{Family, Version};
use latest_playground::Playground;
use serde_json::Value;

fn fixture(name: &str) -> (String, String) {
    let text = std::fs::read_to_string(format!("tests/fleet/{name}")).expect("fixture");
    (name.to_string(), text)
}

fn import(names: &[&str]) -> Playground {
    let files: Vec<_> = names.iter().map(|n| fixture(n)).collect();
    Playground::import(&files).unwrap_or_else(|e| panic!("{}: {e}", e.file))
}

/// The error of importing `names`; the page's worker (`import_scenario`) reports the same one.
fn error(names: &[&str]) -> (String, &'static str, String, String) {
    let files: Vec<_> = names.iter().map(|n| fixture(n)).collect();
    let e = Playground::import(&files).err().expect("an import error");
    let seen = |e: latest_playground::import::ImportError| {
        (
            e.file.clone(),
            e.error.code(),
            e.error.path().to_string(),
            e.to_string(),
        )
    };
    let worker = Playground::import_scenario(&files).expect_err("the worker's import error");
    assert_eq!(seen(worker), seen(e.clone()));
    seen(e)
}

fn step(p: &Playground, i: usize) -> Value {
    serde_json::from_str(&p.step_json(i).unwrap()).unwrap()
}

fn import_step(p: &Playground) -> usize {
    (0..p.step_count())
        .find(|&i| step(p, i)["event"]["do"] == "import-fleet")
        .expect("an import-fleet step")
}

/// A service by its name, or `cluster/name` where the name is in several clusters.
fn service<'a>(step: &'a Value, name: &str) -> &'a Value {
    let (cluster, name) = name.split_once('/').unwrap_or(("", name));
    step["services"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["name"] == name && (cluster.is_empty() || s["cluster"] == cluster))
        .unwrap_or_else(|| panic!("no service {name}"))
}

const ALL: [&str; 3] = [
    "prod-describe-services.json",
    "staging-describe-services.json",
    "prod-describe-tasks.json",
];

#[test]
fn the_import_happens_at_the_newest_time_in_the_output_after_aws_history() {
    let p = import(&ALL);
    let i = import_step(&p);
    let s = step(&p, i);
    assert_eq!(s["at"], "2026-02-20T11:58:00Z");
    assert_eq!(s["latest"]["LINUX"], "1.4.0");
    assert_eq!(
        step(&p, i - 1)["event"]["do"],
        "move-latest",
        "history replays first"
    );
}

#[test]
fn each_service_keeps_its_requested_string_and_its_deployments_resolved_versions() {
    let p = import(&ALL);
    let s = step(&p, import_step(&p));
    let api = service(&s, "api");
    assert_eq!(api["requested"], "LATEST");
    assert_eq!(
        api["platformVersion"], "LATEST",
        "describe-services shows the request"
    );
    assert_eq!(api["deployments"][0]["platformVersion"], "1.3.0");
    assert_eq!(api["deployments"][0]["createdAt"], "2020-11-05T10:00:00Z");
    let versions: Vec<&Value> = api["tasks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| &t["platformVersion"])
        .collect();
    assert_eq!(versions, ["1.3.0"; 3]);
    let batch = service(&s, "batch");
    assert_eq!(
        (batch["requested"].as_str(), batch["desiredCount"].as_u64()),
        (Some("1.3.0"), Some(2))
    );
    let windows = service(&s, "reports-win");
    assert_eq!(
        (
            windows["family"].as_str(),
            windows["tasks"][0]["platformVersion"].as_str()
        ),
        (Some("WINDOWS"), Some("1.0.0"))
    );
}

#[test]
fn a_rollout_in_progress_keeps_the_older_deployments_tasks_on_their_version() {
    let p = import(&ALL);
    let checkout = service(&step(&p, import_step(&p)), "checkout").clone();
    assert_eq!(
        checkout["deployments"][0]["platformVersion"], "1.4.0",
        "PRIMARY first"
    );
    assert_eq!(checkout["deployments"][1]["platformVersion"], "1.3.0");
    let versions: Vec<&str> = checkout["tasks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["platformVersion"].as_str().unwrap())
        .collect();
    assert_eq!(versions, ["1.3.0", "1.4.0"]);
}

#[test]
fn code_deploy_services_read_their_task_sets_and_count_as_pinned_to_the_shown_version() {
    let p = import(&ALL);
    let payments = service(&step(&p, import_step(&p)), "payments").clone();
    assert_eq!(payments["deploymentController"], "CODE_DEPLOY");
    assert_eq!(payments["requested"], "1.4.0");
    assert_eq!(payments["runningCount"], 2);
}

#[test]
fn services_live_in_their_clusters_and_one_name_may_be_in_two() {
    let p = import(&ALL);
    let s = step(&p, import_step(&p));
    assert_eq!(service(&s, "prod/web")["requested"], "LATEST");
    assert_eq!(service(&s, "staging/web")["requested"], "1.4.0");
    assert_eq!(service(&s, "api")["cluster"], "prod");
    assert_eq!(
        service(&s, "staging/web")["tasks"][0]["id"],
        "web-1",
        "task ids are per cluster"
    );
    assert_eq!(service(&s, "prod/web")["tasks"][0]["id"], "web-1");
}

#[test]
fn ec2_and_deleted_services_are_listed_as_out_of_scope_not_simulated() {
    let p = import(&ALL);
    let s = step(&p, import_step(&p));
    let names: Vec<&str> = s["services"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert!(!names.contains(&"legacy-ec2") && !names.contains(&"retired-svc"));
    assert_eq!(s["event"]["outOfScope"], 2);
    let explanation = s["explanation"].as_str().unwrap();
    assert!(explanation.ends_with(
        "Out of scope, listed but not simulated: legacy-ec2 (EC2, not Fargate), retired-svc (deleted: INACTIVE)."
    ), "{explanation}");
}

#[test]
fn describe_tasks_adds_running_standalone_tasks_and_says_what_it_left_out() {
    let p = import(&ALL);
    let s = step(&p, import_step(&p));
    let ids: Vec<&str> = s["tasks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids,
        [
            "1b2c3d4e5f60718293a4b5c6d7e8f9a0",
            "0a1b2c3d4e5f60718293a4b5c6d7e8f9"
        ],
        "oldest first"
    );
    assert_eq!(s["tasks"][0]["startedAt"], "2025-12-01T02:00:00Z");
    let note = s["event"]["note"].as_str().unwrap();
    assert!(note.ends_with("describe-tasks listed 1 task of services: a service's tasks are counted from its deployments in describe-services. Left out: 1 task not RUNNING on Fargate."), "{note}");
}

#[test]
fn aws_history_after_the_import_plays_on_the_imported_fleet() {
    let p = import(&ALL);
    let last = step(&p, p.step_count() - 1);
    assert_eq!(last["event"]["state"], "recalled");
    // The 2026-03-02 force-update moved every service still on 1.3.0, pinned ones too.
    assert_eq!(
        service(&last, "api")["deployments"][0]["platformVersion"],
        "1.4.0"
    );
    assert_eq!(
        service(&last, "old-worker")["deployments"][0]["platformVersion"],
        "1.4.0"
    );
    assert_eq!(
        (
            service(&last, "batch")["platformVersion"].as_str(),
            service(&last, "batch")["deployments"][0]["platformVersion"].as_str(),
            service(&last, "batch")["runningCount"].as_u64()
        ),
        (Some("1.4.0"), Some("1.4.0"), Some(2)),
        "pinned to 1.3.0, force-updated onto 1.4.0 in 2026"
    );
    assert_eq!(
        last["tasks"].as_array().unwrap().len(),
        1,
        "the 1.3.0 standalone task was terminated"
    );
}

#[test]
fn the_scenario_written_back_reopens_the_same_steps_and_holds_only_what_was_read() {
    let p = import(&["hostile-ignored-fields.json"]);
    let json = p.to_scenario_json();
    assert!(
        !json.contains('<') && !json.contains("123456789012"),
        "no tags, ARNs or account ids"
    );
    let again = Playground::new(&json).unwrap();
    assert_eq!(again.step_count(), p.step_count());
    for i in 0..p.step_count() {
        assert_eq!(again.step_json(i), p.step_json(i));
    }
}

#[test]
fn malformed_output_is_a_located_error_in_its_file() {
    assert_eq!(
        error(&["prod-describe-services.json", "truncated.json"]),
        ("truncated.json".into(), "InvalidJson", "".into(),
         "Invalid JSON at line 272, column 7: the document ends too early; close every open string, array and object.".into())
    );
    assert_eq!(
        error(&["missing-desired-count.json"]),
        (
            "missing-desired-count.json".into(),
            "MissingField",
            "/services/2".into(),
            "Missing field \"desiredCount\": a service in AWS CLI output needs it.".into()
        )
    );
    assert_eq!(
        error(&["deployment-says-latest.json"]),
        ("deployment-says-latest.json".into(), "InvalidField", "/services/0/deployments/0/platformVersion".into(),
         "The PRIMARY deployment of service \"web\" says platformVersion \"LATEST\", but AWS always shows the resolved version there (like \"1.4.0\"). This output likely comes from a mock such as moto, which echoes the requested string; import what the AWS CLI printed for your account, or write the version it runs.".into())
    );
}

#[test]
fn html_in_a_name_is_refused_with_the_name_quoted_as_text() {
    assert_eq!(
        error(&["hostile-service-name.json"]),
        ("hostile-service-name.json".into(), "InvalidField", "/services/1/serviceName".into(),
         "serviceName must be 1 to 255 letters, digits, hyphens or underscores (AWS's rule for names); found \"<img src=x onerror=alert(1)>\".".into())
    );
}

fn one_service(deployment: &str, created: &str) -> (String, String) {
    let text = format!(
        r#"{{"services":[{{"serviceName":"web","launchType":"FARGATE","desiredCount":1,"createdAt":"{created}",
        "deployments":[{{"status":"PRIMARY","runningCount":1,"platformVersion":"{deployment}"}}]}}]}}"#
    );
    ("one.json".to_string(), text)
}

/// describe-services output of services s0, s1, … on 1.4.0, running these many tasks each.
fn services_running(counts: &[u32]) -> (String, String) {
    let services: Vec<String> = counts
        .iter()
        .enumerate()
        .map(|(i, n)| {
            format!(
                r#"{{"serviceName":"s{i}","launchType":"FARGATE","desiredCount":{n},"createdAt":"2025-10-01T00:00:00Z",
                "deployments":[{{"status":"PRIMARY","runningCount":{n},"platformVersion":"1.4.0"}}]}}"#
            )
        })
        .collect();
    let text = format!(r#"{{"services":[{}]}}"#, services.join(","));
    ("services.json".to_string(), text)
}

/// describe-tasks output of standalone tasks with these ids, on 1.4.0.
fn standalone_tasks(ids: &[&str]) -> (String, String) {
    let tasks: Vec<String> = ids
        .iter()
        .map(|id| {
            format!(
                r#"{{"taskArn":"arn:aws:ecs:us-east-1:123456789012:task/prod/{id}","clusterArn":"arn:aws:ecs:us-east-1:123456789012:cluster/prod",
                "group":"family:job","launchType":"FARGATE","lastStatus":"RUNNING","platformVersion":"1.4.0","platformFamily":"Linux",
                "startedAt":"2026-02-20T06:00:00Z"}}"#
            )
        })
        .collect();
    let text = format!(r#"{{"tasks":[{}]}}"#, tasks.join(","));
    ("tasks.json".to_string(), text)
}

fn import_error(files: &[(String, String)]) -> (String, &'static str, String, String) {
    let e = Playground::import(files).err().expect("an import error");
    (
        e.file.clone(),
        e.error.code(),
        e.error.path().to_string(),
        e.to_string(),
    )
}

#[test]
fn a_task_listed_twice_is_refused_where_it_is_listed_again() {
    let (file, code, path, message) = import_error(&[standalone_tasks(&["a1", "b2", "a1"])]);
    assert_eq!(
        (file.as_str(), code, path.as_str()),
        ("tasks.json", "InvalidTransition", "/tasks/2/taskArn")
    );
    assert!(
        message.starts_with(
            "Task id \"a1\" is already running; each imported task needs an id of its own."
        ),
        "{message}"
    );
}

#[test]
fn a_fleet_over_the_running_task_limit_is_refused_counting_services_and_tasks() {
    let over = |files: &[(String, String)]| {
        let (_, code, _, message) = import_error(files);
        (code, message.split(';').next().unwrap().to_string())
    };
    assert_eq!(
        over(&[services_running(&[600_000, 600_000])]),
        (
            "LimitExceeded",
            "This event would run 1200000 tasks and pods at once".to_string()
        )
    );
    assert_eq!(
        over(&[
            services_running(&[999_999]),
            standalone_tasks(&["a1", "b2"])
        ]),
        (
            "LimitExceeded",
            "This event would run 1000001 tasks and pods at once".to_string()
        )
    );
}

#[test]
fn an_import_counts_the_tasks_already_running_towards_the_limit() {
    // 81 services of AWS's most, 5,000 tasks each (405,000), then an import of a service running
    // `running` tasks and of standalone tasks with `tasks` ids.
    let import = |running: u32, tasks: &[&str]| {
        let services: Vec<String> = (0..81)
            .map(|i| format!(r#"{{"at": "2025-02-01", "do": "create-service", "service": "s{i}", "desiredCount": 5000}}"#))
            .collect();
        let tasks: Vec<String> = tasks
            .iter()
            .map(|id| format!(r#"{{"taskArn": "arn:aws:ecs:us-east-1:123456789012:task/default/{id}", "launchType": "FARGATE", "platformVersion": "1.4.0", "lastStatus": "RUNNING"}}"#))
            .collect();
        let document = format!(
            r#"{{"format": "fargate-pv-scenario/1", "events": [
              {{"at": "2025-01-01", "do": "release-version", "version": "1.4.0"}},
              {{"at": "2025-01-01", "do": "move-latest", "to": "1.4.0"}}, {},
              {{"at": "2025-06-01", "do": "import-fleet", "tasks": [{}], "services": [
                {{"serviceName": "web", "launchType": "FARGATE", "desiredCount": {running},
                  "deployments": [{{"status": "PRIMARY", "platformVersion": "1.4.0", "runningCount": {running}}}]}}]}}]}}"#,
            services.join(","),
            tasks.join(",")
        );
        let e = Playground::new(&document).err().expect("over the limit");
        (
            e.code(),
            e.path().to_string(),
            e.to_string().split(';').next().unwrap().to_string(),
        )
    };
    let over = |n: &str| {
        (
            "LimitExceeded",
            "/events/83".to_string(),
            format!("This event would run {n} tasks and pods at once"),
        )
    };
    assert_eq!(import(600_000, &[]), over("1005000"));
    assert_eq!(import(594_999, &["a1", "b2"]), over("1000001"));
}

/// The import step's `tasks-imported` changes, one line each.
fn tasks_imported(p: &Playground) -> Vec<String> {
    let s = step(p, import_step(p));
    s["changes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["kind"] == "tasks-imported")
        .map(|c| {
            format!(
                "{}/{}: {} on {} r{}",
                c["cluster"].as_str().unwrap_or("default"),
                c["service"].as_str().unwrap_or("(standalone)"),
                c["count"],
                c["platformVersion"].as_str().unwrap(),
                c["revision"]
            )
        })
        .collect()
}

#[test]
fn the_import_step_lists_the_tasks_each_deployment_runs_and_none_for_an_empty_one() {
    // As the fixtures say: checkout is mid-rollout, payments is a CODE_DEPLOY task set,
    // legacy-ec2 is out of scope, and standalone tasks are grouped by cluster and version.
    assert_eq!(
        tasks_imported(&import(&ALL)),
        [
            "prod/web: 4 on 1.4.0 r4",
            "prod/api: 3 on 1.3.0 r7",
            "prod/batch: 2 on 1.3.0 r7",
            "prod/checkout: 1 on 1.3.0 r7",
            "prod/checkout: 1 on 1.4.0 r4",
            "prod/payments: 2 on 1.4.0 r4",
            "prod/reports-win: 1 on 1.0.0 r1",
            "staging/web: 1 on 1.4.0 r4",
            "staging/old-worker: 1 on 1.3.0 r7",
            "prod/(standalone): 1 on 1.3.0 r7",
            "prod/(standalone): 1 on 1.4.0 r4",
        ]
    );
    let p =
        Playground::import(&[services_running(&[0, 2]), standalone_tasks(&["a1", "b2"])]).unwrap();
    assert_eq!(
        tasks_imported(&p),
        [
            "default/s1: 2 on 1.4.0 r4",
            "prod/(standalone): 2 on 1.4.0 r4"
        ]
    );
}

/// A service's deployments as `(status, version, running)`.
type Deployments<'a> = &'a [(&'a str, &'a str, u32)];

/// A story where 1.3.0 is in `state` when services with these deployments are imported.
fn imported_onto(state: &str, services: &[(&str, Deployments)]) -> String {
    let services: Vec<String> = services
        .iter()
        .map(|(name, deployments)| {
            let deployments: Vec<String> = deployments
                .iter()
                .map(|(status, version, running)| {
                    format!(r#"{{"status": "{status}", "platformVersion": "{version}", "runningCount": {running}}}"#)
                })
                .collect();
            format!(
                r#"{{"serviceName": "{name}", "launchType": "FARGATE", "desiredCount": 1, "deployments": [{}]}}"#,
                deployments.join(",")
            )
        })
        .collect();
    format!(
        r#"{{"format": "fargate-pv-scenario/1", "events": [
          {{"at": "2020-01-01", "do": "release-version", "version": "1.3.0"}},
          {{"at": "2020-04-08", "do": "release-version", "version": "1.4.0"}},
          {{"at": "2021-03-19", "do": "move-latest", "to": "1.4.0"}},
          {{"at": "2025-01-01", "do": "set-version-state", "version": "1.3.0", "state": "{state}"}},
          {{"at": "2025-06-01", "do": "import-fleet", "tasks": [], "services": [{}]}}]}}"#,
        services.join(",")
    )
}

#[test]
fn the_import_warns_once_per_version_being_wound_down_naming_its_services() {
    let story = imported_onto(
        "deprecating",
        &[
            ("a", &[("PRIMARY", "1.3.0", 1)]),
            ("b", &[("PRIMARY", "1.4.0", 1)]),
            ("c", &[("PRIMARY", "1.3.0", 2)]),
        ],
    );
    let p = Playground::new(&story).unwrap();
    assert_eq!(
        step(&p, 4)["warnings"],
        serde_json::json!(["a, c run on 1.3.0 (LINUX), which is deprecating (AWS: scheduled for deprecation): redeploy them onto a newer version before AWS retires it."])
    );
}

#[test]
fn nothing_imported_may_run_a_recalled_version_but_an_empty_deployment_may_name_one() {
    let rollout = |old_running| {
        imported_onto(
            "recalled",
            &[(
                "a",
                &[("PRIMARY", "1.4.0", 1), ("ACTIVE", "1.3.0", old_running)],
            )],
        )
    };
    assert!(Playground::new(&rollout(0)).is_ok());
    // A service scaled to nothing may still be pinned to it.
    let idle = imported_onto("recalled", &[("a", &[("PRIMARY", "1.3.0", 0)])]);
    assert!(Playground::new(&idle).is_ok());
    let e = Playground::new(&rollout(1))
        .err()
        .expect("tasks on a recalled version");
    assert_eq!(
        (e.code(), e.path()),
        (
            "InvalidTransition",
            "/events/4/services/0/deployments/1/platformVersion"
        )
    );
    assert_eq!(e.to_string(), "Platform version 1.3.0 (LINUX) is recalled at the import's date (AWS terminated the remaining tasks), so nothing can still run on it; import output taken before the recall.");
}

#[test]
fn the_import_step_explains_what_was_read() {
    let p = import(&ALL);
    assert_eq!(
        step(&p, import_step(&p))["explanation"],
        "Imported your fleet as it ran on 2026-02-20: 8 Fargate services in 2 clusters running 16 tasks, and 2 standalone tasks. \
         LATEST (LINUX) means 1.4.0 now. LATEST (WINDOWS) means 1.0.0 now. \
         2 services ask for LATEST but keep the version their deployment resolved when it was created (api runs 1.3.0, old-worker runs 1.3.0); only a new deployment moves them. \
         CODE_DEPLOY services show only their resolved version, so they are treated as pinned to it. \
         Out of scope, listed but not simulated: legacy-ec2 (EC2, not Fargate), retired-svc (deleted: INACTIVE)."
    );
    // Only Linux services: only Linux's LATEST is named.
    let p = Playground::import(&[services_running(&[3])]).unwrap();
    assert_eq!(
        step(&p, import_step(&p))["explanation"],
        "Imported your fleet as it ran on 2025-10-01: 1 Fargate service running 3 tasks, and 0 standalone tasks. LATEST (LINUX) means 1.4.0 now."
    );
    // Only standalone Linux tasks: the same.
    let p = Playground::import(&[standalone_tasks(&["a1"])]).unwrap();
    assert_eq!(
        step(&p, import_step(&p))["explanation"],
        "Imported your fleet as it ran on 2026-02-20: 0 Fargate services running 0 tasks, and 1 standalone task. LATEST (LINUX) means 1.4.0 now."
    );
}

#[test]
fn the_worker_writes_the_document_the_import_opens() {
    let files: Vec<_> = ALL.iter().map(|n| fixture(n)).collect();
    let written = Playground::import_scenario(&files).unwrap();
    let opened = Playground::new(&written).unwrap();
    let imported = import(&ALL);
    assert_eq!(opened.to_scenario_json(), imported.to_scenario_json());
    assert_eq!(opened.step_count(), imported.step_count());
    let last = imported.step_count() - 1;
    assert_eq!(opened.step_json(last), imported.step_json(last));
}

#[test]
fn the_note_names_the_files_and_says_nothing_of_tasks_when_none_were_listed_or_left_out() {
    let p = Playground::import(&[one_service("1.4.0", "2026-01-01T00:00:00Z")]).unwrap();
    let s = step(&p, import_step(&p));
    assert_eq!(
        s["event"]["note"],
        "Read in this browser from one.json; nothing was uploaded."
    );
}

#[test]
fn replay_errors_point_into_the_file_they_come_from() {
    let worker =
        Playground::import_scenario(&[one_service("1.9.0", "2026-01-01T00:00:00Z")]).unwrap_err();
    assert_eq!(
        (worker.file.as_str(), worker.error.path()),
        ("one.json", "/services/0/deployments/0/platformVersion")
    );
    assert_eq!(worker.to_string(), "platformVersion must be a LINUX version AWS had released by 2026-01-01, the newest time in the output; found \"1.9.0\".");
    let e = Playground::import(&[one_service("1.9.0", "2026-01-01T00:00:00Z")])
        .err()
        .unwrap();
    assert_eq!(
        (e.file.as_str(), e.error.code(), e.error.path()),
        (
            "one.json",
            "InvalidField",
            "/services/0/deployments/0/platformVersion"
        )
    );
    assert_eq!(e.to_string(), "platformVersion must be a LINUX version AWS had released by 2026-01-01, the newest time in the output; found \"1.9.0\".");
    let e = Playground::import(&[one_service("1.3.0", "2026-05-01T00:00:00Z")])
        .err()
        .unwrap();
    assert_eq!(
        (e.error.code(), e.error.path()),
        (
            "InvalidTransition",
            "/services/0/deployments/0/platformVersion"
        )
    );
    assert_eq!(e.to_string(), "Platform version 1.3.0 (LINUX) is recalled at the import's date (AWS terminated the remaining tasks), so nothing can still run on it; import output taken before the recall.");
}

#[test]
fn output_that_no_ecs_command_prints_is_refused() {
    let e = Playground::import(&[("x.json".into(), r#"{"clusters":[]}"#.into())])
        .err()
        .unwrap();
    assert_eq!((e.error.code(), e.error.path()), ("InvalidField", ""));
    assert_eq!(e.to_string(), "The file must be what `aws ecs describe-services`, `describe-tasks`, `create-service`, `update-service`, `delete-service` or `run-task` prints (an object with \"services\", \"service\" or \"tasks\"); found none of them.");
}

#[test]
fn a_jq_slurped_array_of_outputs_reads_like_separate_files() {
    let (_, prod) = fixture("prod-describe-services.json");
    let (_, staging) = fixture("staging-describe-services.json");
    let slurped =
        Playground::import(&[("all.json".into(), format!("[{prod},{staging}]"))]).unwrap();
    let separate = import(&ALL[..2]);
    let i = import_step(&separate);
    assert_eq!(
        step(&slurped, i)["services"],
        step(&separate, i)["services"]
    );
}

fn plan(version: &str, date: &str, latest_to: Option<&str>) -> Plan {
    Plan {
        family: Family::Linux,
        version: Version::parse(version).unwrap(),
        at: Instant::parse(date).unwrap(),
        latest_to: latest_to.map(|v| Version::parse(v).unwrap()),
        pinned_to: None,
        terminate: true,
    }
}

/// AWS's global schedule for 1.3.0: pinned services force-updated onto 1.4.0, then terminated.
fn plan_2026(date: &str) -> Plan {
    Plan {
        pinned_to: Version::parse("1.4.0"),
        ..plan("1.3.0", date, None)
    }
}

#[test]
fn the_2026_report_force_updates_pinned_services_and_terminates_standalone_tasks() {
    let p = import(&ALL);
    let report = p
        .retirement_report(import_step(&p), &plan_2026("2026-03-31"))
        .unwrap();
    let rows: Vec<(&str, &str, Effect, Option<String>, u32)> = report
        .rows
        .iter()
        .map(|r| {
            (
                r.cluster.as_str(),
                r.name.as_str(),
                r.effect,
                r.onto.map(|v| v.to_string()),
                r.lost,
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            ("prod", "api", Effect::ForceUpdated, Some("1.4.0".into()), 0),
            (
                "prod",
                "batch",
                Effect::ForceUpdated,
                Some("1.4.0".into()),
                0
            ),
            ("prod", "checkout", Effect::TasksStopped, None, 1),
            (
                "staging",
                "old-worker",
                Effect::ForceUpdated,
                Some("1.4.0".into()),
                0
            ),
            (
                "prod",
                "1b2c3d4e5f60718293a4b5c6d7e8f9a0",
                Effect::Stopped,
                None,
                1
            ),
        ]
    );
    assert_eq!(report.summary, "Retiring 1.3.0 (LINUX) on 2026-03-31: 3 services are force-updated onto another version; 1 service has tasks of an older deployment on it; 1 standalone task is terminated. In all, 2 tasks or pods are terminated and not replaced.");
    let batch = &report.rows[1];
    assert_eq!(batch.what_happens, "AWS force-updates it onto 1.4.0, and from then on it asks for 1.4.0 (how AWS rewrites a pinned service's requested version is not documented), and replaces its 2 tasks on 1.3.0.");
    assert_eq!(batch.what_to_do, "Nothing required. To choose the version and the moment yourself: aws ecs update-service --cluster prod --service batch --platform-version 1.4.0 before 2026-03-31.");
    assert_eq!(
        report.rows[4].what_happens,
        "A standalone task: never force-updated; terminated on 2026-03-31 and not replaced."
    );
}

#[test]
fn without_a_force_update_of_pinned_services_they_break() {
    let p = import(&ALL);
    let report = p
        .retirement_report(import_step(&p), &plan("1.3.0", "2026-06-30", None))
        .unwrap();
    let batch = report.rows.iter().find(|r| r.name == "batch").unwrap();
    assert_eq!((batch.effect, batch.lost), (Effect::Breaks, 2));
    assert_eq!(batch.what_to_do, "Re-pin before 2026-06-30: aws ecs update-service --cluster prod --service batch --platform-version 1.4.0.");
    assert_eq!(report.summary, "Retiring 1.3.0 (LINUX) on 2026-06-30: 2 services are force-updated onto another version; 1 pinned service breaks; 1 service has tasks of an older deployment on it; 1 standalone task is terminated. In all, 4 tasks or pods are terminated and not replaced.");
}

#[test]
fn the_report_counts_the_eks_pods_a_retirement_terminates() {
    // At the end of the EKS story: web runs 1.3.0, files is pinned to 1.4.0, and cluster prod
    // runs three pods on 1.4.0.
    let eks = latest_playground::builtin::find("eks-on-fargate").unwrap();
    let p = Playground::new(eks.json).unwrap();
    let last = p.step_count() - 1;
    let report = p
        .retirement_report(last, &plan("1.4.0", "2027-01-01", Some("1.5.0")))
        .unwrap();
    let pods = report.rows.iter().find(|r| r.kind == "pods").unwrap();
    assert_eq!(
        (pods.name.as_str(), pods.on_version, pods.lost, pods.effect),
        ("prod", 3, 3, Effect::Stopped)
    );
    assert_eq!(
        pods.what_happens,
        "3 EKS pods on 1.4.0 are terminated on 2027-01-01."
    );
    assert_eq!(report.summary, "Retiring 1.4.0 (LINUX) on 2027-01-01: 1 pinned service breaks; 1 EKS cluster loses pods. In all, 4 tasks or pods are terminated and not replaced.");
}

#[test]
fn without_termination_only_standalone_tasks_on_the_version_keep_running_on_it() {
    let p = import(&ALL);
    let kept = Plan {
        terminate: false,
        ..plan_2026("2026-03-31")
    };
    let report = p.retirement_report(import_step(&p), &kept).unwrap();
    let tasks: Vec<(&str, Effect, u32)> = report
        .rows
        .iter()
        .filter(|r| r.kind == "task")
        .map(|r| (r.name.as_str(), r.effect, r.lost))
        .collect();
    assert_eq!(
        tasks,
        [("1b2c3d4e5f60718293a4b5c6d7e8f9a0", Effect::CannotScale, 0)]
    );
    // Four of the fleet's eight services have a row; the other four do not run 1.3.0.
    let services = report.rows.iter().filter(|r| r.kind == "service").count();
    assert_eq!((services, report.not_affected), (4, 4));
}

#[test]
fn a_latest_service_that_requires_what_the_target_lacks_cannot_be_force_updated() {
    let p = Playground::new(
        r#"{"format": "fargate-pv-scenario/1", "events": [
          {"at": "2020-01-01", "do": "release-version", "version": "1.3.0"},
          {"at": "2020-04-08", "do": "release-version", "version": "1.4.0", "features": ["efs"]},
          {"at": "2021-03-19", "do": "move-latest", "to": "1.4.0"},
          {"at": "2021-04-01", "do": "create-service", "service": "files", "requires": ["efs"]}]}"#,
    )
    .unwrap();
    let report = p
        .retirement_report(3, &plan("1.4.0", "2027-01-01", Some("1.3.0")))
        .unwrap();
    let files = &report.rows[0];
    assert_eq!((files.effect, files.lost), (Effect::ForceUpdateFails, 1));
    assert_eq!(files.what_happens, "The forced update cannot move it: the version it would move to does not support what it requires (efs). Its 1 task is terminated on 2027-01-01.");
}

#[test]
fn a_report_may_be_dated_the_day_of_its_step() {
    let p = import(&ALL);
    let report = p
        .retirement_report(import_step(&p), &plan_2026("2026-02-20"))
        .unwrap();
    assert_eq!(report.date, "2026-02-20");
}

#[test]
fn latest_and_pinned_services_moving_onto_one_hypothetical_version_release_it_once() {
    let p = import(&ALL);
    let both = Plan {
        pinned_to: Version::parse("1.5.0"),
        ..plan("1.4.0", "2027-06-01", Some("1.5.0"))
    };
    let report = p.retirement_report(import_step(&p), &both).unwrap();
    assert_eq!(
        report.warnings,
        ["1.5.0 is hypothetical: AWS has not released it. The report assumes it supports what 1.4.0 supports."]
    );
    let moved: Vec<Option<String>> = report
        .rows
        .iter()
        .filter(|r| r.effect == Effect::ForceUpdated)
        .map(|r| r.onto.map(|v| v.to_string()))
        .collect();
    assert_eq!(moved, vec![Some("1.5.0".to_string()); 4]);
}

#[test]
fn retiring_a_version_already_retired_only_terminates_what_runs_on_it() {
    let p = import(&ALL);
    let report = p
        .retirement_report(import_step(&p), &plan("1.2.0", "2026-06-30", None))
        .unwrap();
    assert_eq!(
        report.summary,
        "Retiring 1.2.0 (LINUX) on 2026-06-30: nothing in this fleet runs it. In all, 0 tasks or pods are terminated and not replaced."
    );
}

#[test]
fn the_report_offers_aws_schedules_and_targets_with_their_flags() {
    let p = import(&ALL);
    let i = import_step(&p);
    let options = p
        .retirement_options(i, Family::Linux, Version::parse("1.3.0").unwrap())
        .unwrap();
    let schedules: Vec<(&str, String, Option<String>)> = options
        .announced
        .iter()
        .map(|a| (a.region, a.date.clone(), a.pinned_to.map(|v| v.to_string())))
        .collect();
    assert_eq!(
        schedules,
        [
            (
                "AWS regions (global documentation)",
                "2026-03-31".to_string(),
                Some("1.4.0".to_string())
            ),
            (
                "China regions (documentation of amazonaws.cn)",
                "2026-06-30".to_string(),
                None
            ),
        ]
    );
    assert!(!options.latest_points_here);
    // 1.4.0 is newer and LATEST may mean it: no hypothetical version is offered.
    let targets: Vec<(String, bool, bool)> = options
        .targets
        .iter()
        .map(|t| (t.version.to_string(), t.hypothetical, t.downgrade))
        .collect();
    assert_eq!(targets, [("1.4.0".to_string(), false, false)]);
    // Retiring 1.4.0, which LATEST means: no newer version exists, so a hypothetical 1.5.0 is
    // offered first; 1.3.0 is a downgrade that AWS itself retires.
    let options = p
        .retirement_options(i, Family::Linux, Version::parse("1.4.0").unwrap())
        .unwrap();
    assert!(options.latest_points_here);
    let targets: Vec<(String, bool, bool, Option<String>)> = options
        .targets
        .iter()
        .map(|t| {
            (
                t.version.to_string(),
                t.hypothetical,
                t.downgrade,
                t.scheduled_retirement.clone(),
            )
        })
        .collect();
    assert_eq!(
        targets,
        [
            ("1.5.0".to_string(), true, false, None),
            (
                "1.3.0".to_string(),
                false,
                true,
                Some("2026-03-31".to_string())
            ),
        ]
    );
    let report = p
        .retirement_report(i, &plan("1.4.0", "2027-06-01", Some("1.3.0")))
        .unwrap();
    assert_eq!(report.warnings, [
        "LATEST moves to 1.3.0, older than 1.4.0: a downgrade onto a version that lacks what 1.4.0 added.",
        "1.3.0 is itself scheduled for retirement (2026-03-31, AWS's announcement): LATEST moves onto a version that goes next.",
    ]);
    let report = p
        .retirement_report(i, &plan("1.4.0", "2027-06-01", Some("1.5.0")))
        .unwrap();
    assert_eq!(report.warnings, ["1.5.0 is hypothetical: AWS has not released it. The report assumes it supports what 1.4.0 supports."]);
    assert_eq!(
        report.rows[0].onto.map(|v| v.to_string()).as_deref(),
        Some("1.5.0")
    );
}

#[test]
fn retiring_the_version_latest_means_needs_the_version_latest_moves_to() {
    let p = import(&ALL);
    let i = import_step(&p);
    let e = p
        .retirement_report(i, &plan("1.4.0", "2027-06-01", None))
        .unwrap_err();
    assert_eq!(e.to_string(), "LATEST (LINUX) means 1.4.0; AWS moves LATEST before retiring a version, so choose the version it moves to.");
    let moved = p
        .retirement_report(i, &plan("1.4.0", "2027-06-01", Some("1.3.0")))
        .unwrap();
    assert_eq!(moved.rows[0].what_happens, "AWS force-updates it: a new deployment re-resolves LATEST to 1.3.0, and replaces its 4 tasks on 1.4.0.");
    let last = p.step_count() - 1;
    let e = p
        .retirement_report(last, &plan("1.4.0", "2027-06-01", Some("1.3.0")))
        .unwrap_err();
    assert_eq!(e.to_string(), "LATEST (LINUX) cannot move to 1.3.0: it is recalled; LATEST may only mean an active or deprecating version.");
}

#[test]
fn report_dates_before_the_step_and_unknown_versions_are_refused() {
    let p = import(&ALL);
    let i = import_step(&p);
    assert_eq!(
        p.retirement_report(i, &plan("1.3.0", "2020-01-01", None))
            .unwrap_err()
            .to_string(),
        "The retirement date 2020-01-01 is before this step (2026-02-20); choose a later date."
    );
    assert_eq!(
        p.retirement_report(i, &plan("1.7.0", "2027-01-01", None))
            .unwrap_err()
            .to_string(),
        "Platform version 1.7.0 (LINUX) is not in the catalog at this step."
    );
    let last = p.step_count() - 1;
    assert_eq!(
        p.retirement_report(last, &plan("1.3.0", "2027-01-01", None))
            .unwrap_err()
            .to_string(),
        "Platform version 1.3.0 (LINUX) is already recalled: nothing runs on it any more."
    );
}

#[test]
fn the_report_exports_as_csv_and_markdown_with_hostile_text_neutralised() {
    let p = import(&ALL);
    let report = p
        .retirement_report(import_step(&p), &plan("1.3.0", "2026-06-01", None))
        .unwrap();
    let csv = report.to_csv();
    let lines: Vec<&str> = csv.split("\r\n").collect();
    assert_eq!(lines[0], "kind,cluster,name,requested,running tasks on 1.3.0,what happens,onto,\"terminated, not replaced\",what to do");
    assert_eq!(
        lines.len(),
        report.rows.len() + 2,
        "a line per row and a final CRLF"
    );
    assert!(
        lines[2].starts_with("service,prod,batch,1.3.0,2,"),
        "{}",
        lines[2]
    );
    let md = report.to_markdown();
    assert!(md.starts_with("## Retiring 1.3.0 (LINUX) on 2026-06-01\n\nRetiring 1.3.0"));
    assert_eq!(
        md.lines().filter(|l| l.starts_with("| ")).count(),
        report.rows.len() + 1
    );
}

#[test]
fn csv_cells_are_quoted_and_formulas_neutralised() {
    use latest_playground::report::{Report, Row};
    let row = Row {
        kind: "service",
        name: "=HYPERLINK(\"http://x\")".into(),
        cluster: "a,b".into(),
        requested: Some("@SUM(1)".into()),
        on_version: 1,
        effect: Effect::Breaks,
        onto: None,
        lost: 1,
        what_happens: "line one\nline two | piped".into(),
        what_to_do: "-1".into(),
    };
    let report = Report {
        version: Version::parse("1.3.0").unwrap(),
        family: Family::Linux,
        date: "2026-06-01".into(),
        latest_to: None,
        pinned_to: None,
        terminate: true,
        summary: "s".into(),
        warnings: vec![],
        rows: vec![row],
        not_affected: 0,
    };
    let csv = report.to_csv();
    let line = csv.split("\r\n").nth(1).unwrap();
    assert_eq!(line, "service,\"a,b\",\"'=HYPERLINK(\"\"http://x\"\")\",'@SUM(1),1,\"line one\nline two | piped\",,1,'-1");
    let md = report.to_markdown();
    assert!(md.contains("| line one line two \\| piped |"), "{md}");
}

#[test]
fn outputs_one_after_another_read_like_a_slurped_array() {
    let (_, prod) = fixture("prod-describe-services.json");
    let (_, staging) = fixture("staging-describe-services.json");
    let looped = Playground::import(&[("loop.json".into(), format!("{prod}\n{staging}"))]).unwrap();
    let slurped =
        Playground::import(&[("all.json".into(), format!("[{prod},{staging}]"))]).unwrap();
    let i = import_step(&looped);
    assert_eq!(step(&looped, i)["services"], step(&slurped, i)["services"]);
    let broken = format!("{prod}\n{}", staging.replace("\"desiredCount\": 1,", ""));
    let e = Playground::import(&[("loop.json".into(), broken)])
        .err()
        .unwrap();
    assert_eq!(
        (e.error.code(), e.error.path()),
        ("MissingField", "/1/services/0")
    );
}

/// What a fleet is, for comparing an imported one with the one it was printed from: each service
/// by cluster and name with what describe-services shows, its PRIMARY version, desired count and
/// its tasks' versions; each standalone task by cluster and id with its version.
fn fleet_of(step: &Value) -> (Vec<String>, Vec<String>) {
    let mut services: Vec<String> = step["services"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            let mut versions: Vec<&str> = s["tasks"]
                .as_array()
                .unwrap()
                .iter()
                .map(|t| t["platformVersion"].as_str().unwrap())
                .collect();
            versions.sort_unstable();
            format!(
                "{}/{} shows {} runs {} desired {} tasks {:?}",
                s["cluster"].as_str().unwrap_or("default"),
                s["name"].as_str().unwrap(),
                s["platformVersion"].as_str().unwrap(),
                s["deployments"][0]["platformVersion"].as_str().unwrap(),
                s["desiredCount"],
                versions
            )
        })
        .collect();
    services.sort();
    let mut tasks: Vec<String> = step["tasks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| {
            format!(
                "{}/{} runs {}",
                t["cluster"].as_str().unwrap_or("default"),
                t["id"].as_str().unwrap(),
                t["platformVersion"].as_str().unwrap()
            )
        })
        .collect();
    tasks.sort();
    (services, tasks)
}

#[test]
fn what_the_playground_prints_imports_back_to_the_same_fleet_at_every_step_of_every_builtin() {
    use latest_playground::builtin::BUILTINS;
    use latest_playground::describe::{describe_services, describe_tasks};
    let mut compared = 0;
    for builtin in BUILTINS {
        let playground = Playground::new(builtin.json).unwrap();
        for i in 0..playground.step_count() {
            let original = step(&playground, i);
            let (_, world) = playground.replay_to(i).unwrap();
            let mut clusters: Vec<&str> = world
                .fleet
                .services()
                .iter()
                .map(|s| s.cluster.as_str())
                .chain(world.fleet.tasks.iter().map(|t| t.cluster.as_str()))
                .collect();
            clusters.sort_unstable();
            clusters.dedup();
            if clusters.is_empty() {
                continue;
            }
            let mut files = Vec::new();
            for cluster in clusters {
                let names: Vec<String> = world
                    .fleet
                    .services()
                    .iter()
                    .filter(|s| s.cluster == cluster)
                    .map(|s| s.name.clone())
                    .collect();
                let ids: Vec<String> = world
                    .fleet
                    .tasks
                    .iter()
                    .filter(|t| t.cluster == cluster)
                    .map(|t| t.id.clone())
                    .collect();
                files.push((
                    format!("{cluster}-services.json"),
                    describe_services(&world, cluster, &names).pretty(),
                ));
                files.push((
                    format!("{cluster}-tasks.json"),
                    describe_tasks(&world, cluster, &ids).pretty(),
                ));
            }
            let imported = Playground::import(&files).unwrap_or_else(|e| {
                panic!(
                    "{} step {i}: {} in {}: {e}",
                    builtin.id,
                    e.file,
                    e.error.path()
                )
            });
            let at = import_step(&imported);
            assert_eq!(
                fleet_of(&step(&imported, at)),
                fleet_of(&original),
                "{} step {i}",
                builtin.id
            );
            compared += 1;
        }
    }
    assert!(compared > 40, "{compared} steps compared");
}

#[test]
fn create_update_delete_service_and_run_task_output_is_read_too() {
    let create = r#"{"service": {"serviceName": "web", "clusterArn": "arn:aws:ecs:eu-west-1:1:cluster/prod", "status": "ACTIVE",
        "launchType": "FARGATE", "platformVersion": "LATEST", "desiredCount": 1, "createdAt": "2025-10-01T10:00:00+02:00",
        "deployments": [{"status": "PRIMARY", "runningCount": 0, "platformVersion": "1.4.0", "createdAt": "2025-10-01T10:00:00+02:00"}]}}"#;
    let deleted = r#"{"service": {"serviceName": "old", "clusterArn": "arn:aws:ecs:eu-west-1:1:cluster/prod", "status": "DRAINING",
        "launchType": "FARGATE", "desiredCount": 0, "deployments": []}}"#;
    let run = r#"{"tasks": [{"taskArn": "arn:aws:ecs:eu-west-1:1:task/prod/abc123", "clusterArn": "arn:aws:ecs:eu-west-1:1:cluster/prod",
        "lastStatus": "RUNNING", "launchType": "FARGATE", "platformVersion": "1.4.0", "startedAt": 1759305600.5}], "failures": []}"#;
    let p = Playground::import(&[
        ("create.json".into(), create.into()),
        ("delete.json".into(), deleted.into()),
        ("run.json".into(), run.into()),
    ])
    .unwrap();
    let s = step(&p, import_step(&p));
    assert_eq!(service(&s, "prod/web")["requested"], "LATEST");
    assert_eq!(s["tasks"][0]["id"], "abc123");
    assert_eq!(s["tasks"][0]["cluster"], "prod");
    assert!(s["explanation"]
        .as_str()
        .unwrap()
        .contains("old (being deleted: DRAINING)"));
}

#[test]
fn tasks_of_a_service_missing_from_describe_services_keep_it_with_an_unknown_request() {
    let tasks = r#"{"tasks": [
        {"taskArn": "arn:aws:ecs:r:1:task/prod/t1", "clusterArn": "arn:aws:ecs:r:1:cluster/prod", "group": "service:billing",
         "lastStatus": "RUNNING", "launchType": "FARGATE", "platformVersion": "1.3.0", "startedAt": "2025-11-01T00:00:00Z"},
        {"taskArn": "arn:aws:ecs:r:1:task/prod/t2", "clusterArn": "arn:aws:ecs:r:1:cluster/prod", "group": "service:billing",
         "lastStatus": "RUNNING", "launchType": "FARGATE", "platformVersion": "1.4.0", "startedAt": "2025-12-01T00:00:00.000000-05:00"}]}"#;
    let p = Playground::import(&[("tasks.json".into(), tasks.into())]).unwrap();
    let i = import_step(&p);
    let s = step(&p, i);
    let billing = service(&s, "prod/billing");
    assert_eq!(billing["requestedUnknown"], true);
    assert_eq!(
        billing["deployments"][0]["platformVersion"], "1.4.0",
        "the version of the task started last"
    );
    assert_eq!(billing["runningCount"], 2);
    assert!(s["explanation"].as_str().unwrap().contains(
        "billing is only in describe-tasks (the group of its tasks), so what it asks for is unknown; the playground treats it as pinned to the version it runs. Add its describe-services output to know."
    ), "{}", s["explanation"]);
    // Written back, the scenario keeps them as tasks and reads the same service again.
    let again = Playground::new(&p.to_scenario_json()).unwrap();
    assert_eq!(again.step_json(i), p.step_json(i));
}

#[test]
fn output_that_says_latest_where_aws_shows_a_version_names_the_owner_and_the_likely_mock() {
    let tasks = r#"{"tasks": [{"taskArn": "arn:aws:ecs:r:1:task/prod/t1", "lastStatus": "RUNNING", "launchType": "FARGATE", "platformVersion": "LATEST"}]}"#;
    let e = Playground::import(&[("moto.json".into(), tasks.into())])
        .err()
        .unwrap();
    assert_eq!(
        (e.error.code(), e.error.path()),
        ("InvalidField", "/tasks/0/platformVersion")
    );
    assert_eq!(e.to_string(), "Task \"t1\" says platformVersion \"LATEST\", but AWS always shows the resolved version there (like \"1.4.0\"). This output likely comes from a mock such as moto, which echoes the requested string; import what the AWS CLI printed for your account, or write the version it runs.");
}

#[test]
fn the_step_that_places_a_big_fleet_is_shown_as_the_replay_of_it_shows_it() {
    // 25,000 tasks: enough for a checkpoint right after the import, from which the handle shows
    // the import's step with the record it made while loading.
    let output = r#"{"services":[{"serviceName":"big","launchType":"FARGATE","desiredCount":25000,"createdAt":"2025-10-01T00:00:00Z",
        "deployments":[{"status":"PRIMARY","runningCount":25000,"platformVersion":"1.4.0"}]}]}"#;
    let written = Playground::import_scenario(&[("big.json".into(), output.into())]).unwrap();
    let import: Value = serde_json::from_str::<Value>(&written).unwrap()["events"][0].clone();
    let events = [
        serde_json::json!({"at": "2020-12-01", "do": "release-version", "version": "1.4.0"}),
        serde_json::json!({"at": "2020-12-01", "do": "move-latest", "to": "1.4.0"}),
        import,
        serde_json::json!({"at": "2026-01-01", "do": "publish-revision", "version": "1.4.0"}),
    ];
    let document = serde_json::json!({"format": "fargate-pv-scenario/1", "events": events});
    let loaded = Playground::new(&document.to_string()).unwrap();
    // The same events applied one at a time: a handle that kept no record while loading.
    let mut applied = Playground::new(r#"{"format":"fargate-pv-scenario/1","events":[]}"#).unwrap();
    for event in &events {
        applied.apply_json(&event.to_string()).unwrap();
    }
    assert_eq!(
        loaded.checkpoint_count(),
        2,
        "one checkpoint after the import"
    );
    for handle in [&loaded, &applied] {
        handle.view_json(3).unwrap(); // a step after it first, as when stepping back
    }
    assert_eq!(loaded.view_json(2), applied.view_json(2));
    assert_eq!(loaded.summary_json(2), applied.summary_json(2));
    assert_eq!(loaded.step_json(2), applied.step_json(2));
}

#[test]
fn a_file_that_is_not_utf8_is_refused_at_its_first_bad_byte() {
    use latest_playground::import::file_text;
    assert_eq!(file_text("ok.json", b"[]".to_vec()).unwrap(), "[]");
    let e = file_text("latin1.json", b"{\n \"caf\xe9\"}".to_vec()).unwrap_err();
    assert_eq!(
        (e.file.as_str(), e.error.code()),
        ("latin1.json", "InvalidJson")
    );
    assert_eq!(
        e.error.to_string(),
        "Invalid JSON at line 2, column 6: byte 0xE9 is not UTF-8 text; save the file as UTF-8."
    );
}

#[test]
fn an_imported_service_named_like_a_deleted_one_numbers_its_tasks_on_from_it() {
    let document = r#"{"format": "fargate-pv-scenario/1", "events": [
      {"at": "2025-01-01", "do": "release-version", "version": "1.4.0"},
      {"at": "2025-01-01", "do": "move-latest", "to": "1.4.0"},
      {"at": "2025-02-01", "do": "create-service", "service": "web", "desiredCount": 3},
      {"at": "2025-03-01", "do": "delete-service", "service": "web"},
      {"at": "2025-06-01", "do": "import-fleet", "tasks": [], "services": [
        {"serviceName": "web", "launchType": "FARGATE", "desiredCount": 2,
         "deployments": [{"status": "PRIMARY", "platformVersion": "1.4.0", "runningCount": 2}]}]},
      {"at": "2025-07-01", "do": "update-service", "service": "web", "forceNewDeployment": true}]}"#;
    let p = Playground::new(document).unwrap();
    let ids = |i: usize| -> Vec<String> {
        service(&step(&p, i), "web")["tasks"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t["id"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(
        ids(4),
        ["web-4", "web-5"],
        "web-1 to web-3 were the deleted service's"
    );
    assert_eq!(
        ids(5),
        ["web-6", "web-7"],
        "and the imported service goes on from its own"
    );
}

#[test]
fn services_out_of_scope_are_written_back_as_aws_prints_them() {
    let text = r#"{"services":[
      {"serviceName":"web","launchType":"FARGATE","desiredCount":1,"createdAt":"2025-10-01T00:00:00Z",
       "deployments":[{"status":"PRIMARY","runningCount":1,"platformVersion":"1.4.0"}]},
      {"serviceName":"on-ec2","capacityProviderStrategy":[{"capacityProvider":"my-ec2-provider","weight":1}],
       "desiredCount":1,"deployments":[]},
      {"serviceName":"unplaced","desiredCount":1,"deployments":[]},
      {"serviceName":"classic","launchType":"EC2","desiredCount":1,"deployments":[]}]}"#;
    let p = Playground::import(&[("services.json".to_string(), text.to_string())]).unwrap();
    let written: Value = serde_json::from_str(&p.to_scenario_json()).unwrap();
    let import = written["events"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["do"] == "import-fleet")
        .unwrap();
    let out_of_scope: Vec<&Value> = import["services"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["serviceName"] != "web")
        .collect();
    assert_eq!(
        out_of_scope,
        [
            &serde_json::json!({"serviceName": "on-ec2", "capacityProviderStrategy": [{"capacityProvider": "EC2"}]}),
            &serde_json::json!({"serviceName": "unplaced"}),
            &serde_json::json!({"serviceName": "classic", "launchType": "EC2"}),
        ]
    );
    let again = Playground::new(&p.to_scenario_json()).unwrap();
    let i = import_step(&p);
    assert_eq!(again.step_json(i), p.step_json(i));
    assert!(step(&p, i)["explanation"].as_str().unwrap().ends_with(
        "Out of scope, listed but not simulated: on-ec2 (EC2 capacity providers, not Fargate), unplaced (no launch type, not Fargate), classic (EC2, not Fargate)."
    ), "{}", step(&p, i)["explanation"]);
}
