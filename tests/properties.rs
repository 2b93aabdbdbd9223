//! Property tests over random stories: replay is deterministic, applying events one at a time
//! gives the steps `simulate` gives, a service's tasks all run its PRIMARY deployment's version,
//! a shortfall only follows a failed placement, moving LATEST never changes a running task, and
//! the shared trace (what the binding assembles) rebuilds exactly the trace `simulate` writes.
#![cfg(not(target_arch = "wasm32"))]

use latest_playground::view::summary_view;
use latest_playground::{simulate, simulate_shared, Playground};
use proptest::prelude::*;
use serde_json::{json, Value};
use std::collections::HashSet;

const VERSIONS: [&str; 4] = ["1.2.0", "1.3.0", "1.4.0", "1.0.0"];
const REQUESTS: [&str; 5] = ["LATEST", "1.2.0", "1.3.0", "1.4.0", "1.4"];
const SERVICES: [&str; 3] = ["web", "api", "web-1"];
const TASK_IDS: [&str; 5] = ["web-1", "web-2", "job", "job-1", "api-3"];
const REQUIRES: [&[&str]; 2] = [&[], &["efs"]];
const STATES: [&str; 4] = ["active", "deprecating", "retired", "recalled"];

fn event() -> impl Strategy<Value = Value> {
    let v = || prop::sample::select(&VERSIONS[..]);
    let family = || prop::sample::select(&["LINUX", "LINUX", "WINDOWS"][..]);
    let request = || prop::sample::select(&REQUESTS[..]);
    let service = || prop::sample::select(&SERVICES[..]);
    let requires = || prop::sample::select(&REQUIRES[..]);
    prop_oneof![
        (v(), family(), requires()).prop_map(|(v, f, r)| json!({"do": "release-version", "version": v, "family": f, "features": r})),
        (v(), requires()).prop_map(|(v, r)| json!({"do": "publish-revision", "version": v, "features": r})),
        (v(), family()).prop_map(|(v, f)| json!({"do": "move-latest", "to": v, "family": f})),
        (v(), prop::sample::select(&STATES[..])).prop_map(|(v, s)| json!({"do": "set-version-state", "version": v, "state": s})),
        v().prop_map(|v| json!({"do": "force-update", "version": v})),
        (v(), 1..3u32).prop_map(|(v, r)| json!({"do": "retire-revision", "version": v, "revision": r})),
        v().prop_map(|v| json!({"do": "create-eks-cluster", "cluster": "c", "fargateVersion": v})),
        v().prop_map(|v| json!({"do": "update-eks-platform", "cluster": "c", "fargateVersion": v})),
        (service(), request(), family(), 0..4u32, requires(), any::<bool>()).prop_map(|(s, p, f, n, r, cd)| json!({
            "do": "create-service", "service": s, "platformVersion": p, "family": f, "desiredCount": n, "requires": r,
            "deploymentController": if cd { "CODE_DEPLOY" } else { "ECS" }
        })),
        (service(), prop::option::of(request()), any::<bool>(), prop::option::of(0..4u32)).prop_map(|(s, p, force, n)| {
            let mut e = json!({"do": "update-service", "service": s, "forceNewDeployment": force});
            if let Some(p) = p { e["platformVersion"] = json!(p); }
            if let Some(n) = n { e["desiredCount"] = json!(n); }
            e
        }),
        (service(), 0..5u32).prop_map(|(s, n)| json!({"do": "scale-service", "service": s, "desiredCount": n})),
        service().prop_map(|s| json!({"do": "recycle-service", "service": s})),
        service().prop_map(|s| json!({"do": "delete-service", "service": s})),
        (prop::sample::select(&["job", "web"][..]), request(), 0..3u32).prop_map(|(t, p, n)| json!({"do": "run-task", "task": t, "platformVersion": p, "count": n})),
        prop::sample::select(&TASK_IDS[..]).prop_map(|t| json!({"do": "stop-task", "task": t})),
        (prop::sample::select(&["p", "q"][..]), 0..3u32).prop_map(|(p, n)| json!({"do": "run-pod", "cluster": "c", "pod": p, "count": n})),
    ]
}

/// A catalog to start from, so most random events have something to act on.
const PRELUDE: &str = r#"{"format":"fargate-pv-scenario/1","title":"random","events":[
  {"at":"2019-01-01","do":"release-version","version":"1.2.0"},
  {"at":"2019-01-01","do":"release-version","version":"1.3.0"},
  {"at":"2019-01-01","do":"release-version","version":"1.4.0","features":["efs"]},
  {"at":"2019-01-01","do":"release-version","version":"1.0.0","family":"WINDOWS"},
  {"at":"2019-01-01","do":"move-latest","to":"1.2.0"},
  {"at":"2019-01-01","do":"move-latest","to":"1.0.0","family":"WINDOWS"},
  {"at":"2019-01-01","do":"create-eks-cluster","cluster":"c","fargateVersion":"1.3.0"}]}"#;

/// A story: the prelude, then random events, each dated a minute after the last, kept only when
/// they replay.
fn story(events: &[Value]) -> Playground {
    let mut playground = Playground::new(PRELUDE).unwrap();
    for (day, event) in events.iter().enumerate() {
        let mut event = event.clone();
        event["at"] = json!(format!("2020-01-01T{:02}:{:02}:00Z", day / 60, day % 60));
        let before = playground.step_count();
        if playground.apply_json(&event.to_string()).is_err() {
            assert_eq!(
                playground.step_count(),
                before,
                "a failed apply changes nothing"
            );
        }
    }
    playground
}

/// The shared trace (src/view/shared.rs) rebuilt as the binding's assembler (src/assemble.js)
/// does: numbers name objects sent before, per kind, in the order they were sent; a part a step
/// leaves out is the previous step's.
fn assemble(text: &str) -> Value {
    fn take(kind: &mut Vec<Value>, item: &Value, build: impl FnOnce(Value) -> Value) -> Value {
        match item.as_u64() {
            Some(n) => kind[n as usize].clone(),
            None => {
                let object = build(item.clone());
                kind.push(object.clone());
                object
            }
        }
    }
    fn each(list: &Value, f: impl FnMut(&Value) -> Value) -> Value {
        Value::Array(list.as_array().unwrap().iter().map(f).collect())
    }
    let shared: Value = serde_json::from_str(text).unwrap();
    let [mut services, mut deployments, mut tasks, mut standalone, mut clusters, mut pods] =
        std::array::from_fn(|_| Vec::<Value>::new());
    let mut kept: Value = json!({"services": [], "tasks": [], "clusters": []});
    let mut steps = Vec::new();
    for s in shared["steps"].as_array().unwrap() {
        for part in ["latest", "versions"] {
            if let Some(value) = s.get(part) {
                kept[part] = value.clone();
            }
        }
        if let Some(list) = s.get("services") {
            kept["services"] = each(list, |item| {
                take(&mut services, item, |mut service| {
                    service["deployments"] = each(&service["deployments"], |d| {
                        take(&mut deployments, d, |d| d)
                    });
                    service["tasks"] = each(&service["tasks"], |t| take(&mut tasks, t, |t| t));
                    service
                })
            });
        }
        if let Some(list) = s.get("tasks") {
            kept["tasks"] = each(list, |t| take(&mut standalone, t, |t| t));
        }
        if let Some(list) = s.get("clusters") {
            kept["clusters"] = each(list, |c| {
                take(&mut clusters, c, |mut cluster| {
                    cluster["pods"] = each(&cluster["pods"], |p| take(&mut pods, p, |p| p));
                    cluster
                })
            });
        }
        let mut step = serde_json::Map::new();
        for key in [
            "index",
            "at",
            "event",
            "outcome",
            "error",
            "explanation",
            "latest",
            "versions",
            "services",
            "tasks",
            "clusters",
            "changes",
            "warnings",
        ] {
            let value = if s.get(key).is_some()
                && !["latest", "versions", "services", "tasks", "clusters"].contains(&key)
            {
                s[key].clone()
            } else {
                kept[key].clone()
            };
            step.insert(key.to_string(), value);
        }
        steps.push(Value::Object(step));
    }
    json!({"format": "fargate-pv-trace/1", "title": shared["title"], "steps": steps})
}

#[test]
fn the_shared_trace_of_every_built_in_rebuilds_its_trace() {
    for builtin in latest_playground::builtin::BUILTINS {
        let full: Value = serde_json::from_str(&simulate(builtin.json).unwrap()).unwrap();
        let shared = simulate_shared(builtin.json).unwrap();
        assert_eq!(assemble(&shared), full, "{}", builtin.id);
        assert!(
            shared.len() < simulate(builtin.json).unwrap().len(),
            "{}: sharing writes less",
            builtin.id
        );
    }
}

/// A page view as the binding's assembler rebuilds it (numbers name services kept before; `[s]`
/// is kept as the next number), with each service's request index replaced by the request and
/// its answer, so views of two handles compare.
fn assemble_view(text: &str, kept: &mut Vec<Value>) -> Value {
    let mut view: Value = serde_json::from_str(text).unwrap();
    let requests = view["requests"].take();
    let services: Vec<Value> = view["services"]
        .as_array()
        .unwrap()
        .iter()
        .map(|item| {
            let mut service = match item {
                Value::Number(n) => kept[n.as_u64().unwrap() as usize].clone(),
                Value::Array(kept_now) => {
                    kept.push(kept_now[0].clone());
                    kept_now[0].clone()
                }
                once => once.clone(),
            };
            service["request"] = requests[service["request"].as_u64().unwrap() as usize].clone();
            service
        })
        .collect();
    view["services"] = Value::Array(services);
    view
}

/// Three services of 2,200 tasks in all: above the page's rows limit, so views share services.
const BIG: &str = r#"{"format":"fargate-pv-scenario/1","title":"big","events":[
  {"at":"2019-01-01","do":"release-version","version":"1.2.0"},
  {"at":"2019-01-01","do":"release-version","version":"1.3.0"},
  {"at":"2019-01-01","do":"release-version","version":"1.4.0","features":["efs"]},
  {"at":"2019-01-01","do":"release-version","version":"1.0.0","family":"WINDOWS"},
  {"at":"2019-01-01","do":"move-latest","to":"1.2.0"},
  {"at":"2019-01-01","do":"move-latest","to":"1.0.0","family":"WINDOWS"},
  {"at":"2019-01-01","do":"create-eks-cluster","cluster":"c","fargateVersion":"1.3.0"},
  {"at":"2019-01-02","do":"create-service","service":"web","desiredCount":1000},
  {"at":"2019-01-02","do":"create-service","service":"api","platformVersion":"1.3.0","desiredCount":700},
  {"at":"2019-01-02","do":"create-service","service":"web-1","desiredCount":500}]}"#;

#[test]
fn a_step_that_shrinks_a_big_fleet_below_the_rows_limit_is_drawn_alike_by_every_handle() {
    // Deleting `web` leaves 1,200 tasks of 2,200: the handle that applied it holds a listed record
    // of the step, a fresh one a counted record; both draw it from counts, as it began big.
    let mut playground = Playground::new(BIG).unwrap();
    playground
        .apply_json(r#"{"at":"2020-01-01","do":"delete-service","service":"web"}"#)
        .unwrap();
    let last = playground.step_count() - 1;
    let applied = assemble_view(&playground.view_json(last).unwrap(), &mut Vec::new());
    let fresh = Playground::new(&playground.to_scenario_json()).unwrap();
    let opened = assemble_view(&fresh.view_json(last).unwrap(), &mut Vec::new());
    assert_eq!(applied, opened);
    assert_eq!(
        (&applied["rows"], &applied["running"]),
        (&json!(false), &json!(1200))
    );
}

proptest! {
    // Each case replays 2,200 tasks for every view it checks: fewer cases than the stories.
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    /// Views of one handle, asked in any order, name unchanged services by number; rebuilt, each
    /// equals the view a fresh handle gives for that step.
    #[test]
    fn shared_views_rebuild_fresh_views(
        events in prop::collection::vec(event(), 1..30),
        order in prop::collection::vec(0..40usize, 1..25),
    ) {
        let mut playground = Playground::new(BIG).unwrap();
        for (minute, event) in events.iter().enumerate() {
            let mut event = event.clone();
            event["at"] = json!(format!("2020-01-01T00:{:02}:00Z", minute));
            let _ = playground.apply_json(&event.to_string());
        }
        let document = playground.to_scenario_json();
        let steps = playground.step_count();
        let mut kept = Vec::new();
        for i in order.into_iter().map(|i| i % steps) {
            let shared = assemble_view(&playground.view_json(i).unwrap(), &mut kept);
            let fresh = assemble_view(&Playground::new(&document).unwrap().view_json(i).unwrap(), &mut Vec::new());
            prop_assert_eq!(shared, fresh, "step {}", i);
        }
    }
}

#[test]
fn a_big_fleets_views_send_a_service_again_only_when_it_changed() {
    let mut playground = Playground::new(BIG).unwrap();
    let services = |text: String| -> Vec<String> {
        let view: Value = serde_json::from_str(&text).unwrap();
        view["services"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| match s {
                Value::Number(n) => format!("sent {n}"),
                Value::Array(_) => "kept".to_string(),
                _ => "once".to_string(),
            })
            .collect()
    };
    assert_eq!(
        services(playground.view_json(9).unwrap()),
        ["kept", "kept", "kept"]
    );
    assert_eq!(
        services(playground.view_json(9).unwrap()),
        ["sent 0", "sent 1", "sent 2"]
    );
    playground
        .apply_json(
            r#"{"at":"2019-01-03","do":"scale-service","service":"api","desiredCount":701}"#,
        )
        .unwrap();
    let view = playground.view_json(10).unwrap();
    assert_eq!(services(view.clone()), ["sent 0", "kept", "sent 2"]);
    let view: Value = serde_json::from_str(&view).unwrap();
    assert_eq!(view["touched"], json!([1]), "only api changed");
    playground
        .apply_json(r#"{"at":"2019-01-03","do":"move-latest","to":"1.3.0"}"#)
        .unwrap();
    let view = playground.view_json(11).unwrap();
    assert_eq!(
        services(view.clone()),
        ["sent 0", "sent 3", "sent 2"],
        "a catalog change changes no service"
    );
    let view: Value = serde_json::from_str(&view).unwrap();
    assert_eq!(view["touched"], json!([]));
    assert_eq!(
        view["changes"][0]["kind"], "latest-moved",
        "a big fleet's view keeps version changes"
    );
}

/// `count` services of one task each, then a scale-out of `svc-150`.
fn many_services(count: usize) -> Playground {
    let mut events = vec![
        json!({"at": "2019-01-01", "do": "release-version", "version": "1.4.0"}),
        json!({"at": "2019-01-01", "do": "move-latest", "to": "1.4.0"}),
    ];
    events.extend((0..count).map(
        |i| json!({"at": "2019-01-02", "do": "create-service", "service": format!("svc-{i}")}),
    ));
    events.push(
        json!({"at": "2019-01-03", "do": "scale-service", "service": "svc-150", "desiredCount": 2}),
    );
    let document = json!({"format": "fargate-pv-scenario/1", "events": events});
    Playground::new(&document.to_string()).unwrap()
}

#[test]
fn a_fleet_of_more_than_200_services_is_paged_and_its_lines_are_shared_like_a_views_services() {
    let small = many_services(200);
    let view: Value = serde_json::from_str(&small.view_json(202).unwrap()).unwrap();
    assert_eq!(
        (view["paged"].clone(), view["serviceCount"].clone()),
        (json!(false), json!(200))
    );
    assert_eq!(view["services"].as_array().unwrap().len(), 200);

    let big = many_services(201);
    let last = big.step_count() - 1;
    let view: Value = serde_json::from_str(&big.view_json(last).unwrap()).unwrap();
    assert_eq!(
        (view["paged"].clone(), view["serviceCount"].clone()),
        (json!(true), json!(201))
    );
    assert_eq!(view["services"], json!([]), "a paged view sends no service");
    assert_eq!(view["touched"], json!([150]));
    let request = view["requests"].as_array().unwrap();
    assert_eq!(request.len(), 1, "every service's request is in the view");
    let lines = |i: usize, indices: &[usize]| -> Value {
        serde_json::from_str(&big.lines_json(i, indices).unwrap()).unwrap()
    };
    // Lines past the fleet's end are left out; a line sent to keep comes as `[line]`.
    let first = lines(last, &[0, 150, 201]);
    let names: Vec<&Value> = first
        .as_array()
        .unwrap()
        .iter()
        .map(|l| &l[0]["name"])
        .collect();
    assert_eq!(names, [&json!("svc-0"), &json!("svc-150")]);
    assert_eq!(first[1][0]["runningCount"], 2);
    assert_eq!(first[1][0]["request"], 0);
    assert_eq!(
        lines(last, &[150, 0]),
        json!([1, 0]),
        "the same lines again are named by number"
    );
    // The step before: svc-150 ran one task then, so its line is another; svc-0's is the same.
    let before = lines(last - 1, &[0, 150]);
    assert_eq!(before[0], 0);
    assert_eq!(before[1][0]["runningCount"], 1);
    assert_eq!(big.lines_json(last + 1, &[0]), None, "no such step");
}

/// `pinned` in the default cluster and in `prod`, both on 1.2.0, and `fillers` services on LATEST;
/// then 1.2.0 retires and prod's `pinned` scales out, which cannot start.
fn failed_scale_out(fillers: usize) -> Playground {
    let mut events = vec![
        json!({"at": "2019-01-01", "do": "release-version", "version": "1.2.0"}),
        json!({"at": "2019-01-01", "do": "release-version", "version": "1.3.0"}),
        json!({"at": "2019-01-01", "do": "move-latest", "to": "1.3.0"}),
        json!({"at": "2019-01-02", "do": "create-service", "service": "pinned", "platformVersion": "1.2.0"}),
        json!({"at": "2019-01-02", "do": "create-service", "service": "pinned", "cluster": "prod", "platformVersion": "1.2.0"}),
    ];
    events.extend((0..fillers).map(
        |i| json!({"at": "2019-01-03", "do": "create-service", "service": format!("svc-{i}")}),
    ));
    events.push(json!({"at": "2020-12-14", "do": "set-version-state", "version": "1.2.0", "state": "retired"}));
    events.push(json!({"at": "2020-12-16", "do": "scale-service", "service": "pinned", "cluster": "prod", "desiredCount": 3}));
    let document = json!({"format": "fargate-pv-scenario/1", "events": events});
    Playground::new(&document.to_string()).unwrap()
}

#[test]
fn a_failed_placement_shows_on_its_own_service_in_a_view_and_in_a_paged_fleets_lines() {
    let failed = json!([{"count": 2, "reason": "1.2.0 is retired: no new tasks can start on it; only a new deployment fixes this"}]);
    let small = failed_scale_out(0);
    let last = small.step_count() - 1;
    let view: Value = serde_json::from_str(&small.view_json(last).unwrap()).unwrap();
    let by_name: Vec<(Value, Value)> = view["services"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| (s["cluster"].clone(), s["failed"].clone()))
        .collect();
    assert_eq!(
        by_name,
        [(Value::Null, json!([])), (json!("prod"), failed.clone())]
    );

    let paged = failed_scale_out(200);
    let last = paged.step_count() - 1;
    let view: Value = serde_json::from_str(&paged.view_json(last).unwrap()).unwrap();
    assert_eq!(view["paged"], true);
    let lines: Value = serde_json::from_str(&paged.lines_json(last, &[0, 1, 2]).unwrap()).unwrap();
    let failures: Vec<&Value> = lines
        .as_array()
        .unwrap()
        .iter()
        .map(|line| match line {
            Value::Array(kept) => &kept[0]["failed"],
            once => &once["failed"],
        })
        .collect();
    assert_eq!(failures, [&json!([]), &failed, &json!([])]);
    assert!(
        lines[1].is_object(),
        "a line with this step's failure is not kept for later steps"
    );
}

fn rows(step: &Value) -> Vec<Value> {
    let mut rows: Vec<Value> = step["tasks"].as_array().unwrap().clone();
    for s in step["services"].as_array().unwrap() {
        rows.extend(s["tasks"].as_array().unwrap().iter().cloned());
    }
    for c in step["clusters"].as_array().unwrap() {
        rows.extend(c["pods"].as_array().unwrap().iter().cloned());
    }
    rows
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn stories_keep_the_invariants(events in prop::collection::vec(event(), 1..60)) {
        let playground = story(&events);
        let document = playground.to_scenario_json();
        let trace = simulate(&document).unwrap();
        prop_assert_eq!(&trace, &simulate(&document).unwrap(), "deterministic");
        let trace: Value = serde_json::from_str(&trace).unwrap();
        prop_assert_eq!(&assemble(&simulate_shared(&document).unwrap()), &trace, "the shared trace differs");
        let steps = trace["steps"].as_array().unwrap();
        prop_assert_eq!(steps.len(), playground.step_count());

        let mut short: HashSet<String> = HashSet::new();
        for (i, step) in steps.iter().enumerate() {
            // Asked first, so the handle computes it with counted task changes (not from a cached
            // full step); it must equal the summary folded from the full step.
            let counted: Value = serde_json::from_str(&playground.summary_json(i).unwrap()).unwrap();
            let (record, world) = playground.replay_to(i).unwrap();
            let folded = serde_json::to_value(summary_view(i, &record, &world)).unwrap();
            prop_assert_eq!(&counted, &folded, "step {}: the counted summary differs from the folded one", i);
            for service in world.fleet.services() {
                let mut recounted: Vec<((u32, u32), u32)> = Vec::new();
                for task in service.tasks.iter() {
                    match recounted.iter_mut().find(|(key, _)| *key == (task.version, task.revision)) {
                        Some((_, n)) => *n += 1,
                        None => recounted.push(((task.version, task.revision), 1)),
                    }
                }
                recounted.sort();
                prop_assert_eq!(service.tasks.runs(), &recounted[..], "step {}: {}'s kept counts differ from its tasks", i, service.name);
            }
            let one_at_a_time: Value = serde_json::from_str(&playground.step_json(i).unwrap()).unwrap();
            prop_assert_eq!(step, &one_at_a_time, "step {} differs between simulate and apply", i);
            prop_assert!(!step["explanation"].as_str().unwrap().is_empty());
            for change in step["changes"].as_array().unwrap() {
                let service = change["service"].as_str().unwrap_or_default().to_string();
                match change["kind"].as_str().unwrap() {
                    "placement-failed" => { short.insert(service); }
                    "deployment-created" | "service-created" => { short.remove(&service); }
                    _ => {}
                }
            }
            for service in step["services"].as_array().unwrap() {
                let primary = &service["deployments"][0]["platformVersion"];
                for task in service["tasks"].as_array().unwrap() {
                    prop_assert_eq!(&task["platformVersion"], primary, "step {}: a task off the PRIMARY version", i);
                }
                let (running, desired) = (service["runningCount"].as_u64().unwrap(), service["desiredCount"].as_u64().unwrap());
                prop_assert!(running <= desired);
                if running < desired {
                    prop_assert!(short.contains(service["name"].as_str().unwrap()), "step {}: shortfall without a failed placement", i);
                }
            }
            if i > 0 && step["event"]["do"] == "move-latest" {
                prop_assert_eq!(rows(step), rows(&steps[i - 1]), "moving LATEST changed a running task");
            }
        }
    }
}

/// Enough work (tens of thousands of task changes) for a handle to take several checkpoints, and
/// more than the page's rows limit: services created, redeployed and recycled.
fn busy_story() -> Vec<serde_json::Value> {
    let mut events = vec![
        json!({"at": "2020-01-01", "do": "release-version", "version": "1.4.0"}),
        json!({"at": "2020-01-01", "do": "move-latest", "to": "1.4.0"}),
    ];
    for i in 0..12 {
        let month = i + 1;
        events.push(json!({"at": format!("2020-{month:02}-02"), "do": "create-service", "service": format!("s{i}"), "desiredCount": 3000}));
        events.push(json!({"at": format!("2020-{month:02}-03"), "do": "publish-revision", "version": "1.4.0"}));
        events.push(json!({"at": format!("2020-{month:02}-04"), "do": "recycle-service", "service": format!("s{}", i / 2)}));
        events.push(json!({"at": format!("2020-{month:02}-05"), "do": "update-service", "service": format!("s{}", i / 3), "forceNewDeployment": true}));
    }
    events
}

#[test]
fn steps_served_from_checkpoints_match_the_full_replay() {
    let events = busy_story();
    let document = json!({"format": "fargate-pv-scenario/1", "events": events}).to_string();
    let playground = Playground::new(&document).unwrap();
    let mut fresh = Playground::new(r#"{"format":"fargate-pv-scenario/1","events":[]}"#).unwrap();
    let applied: Vec<String> = events
        .iter()
        .map(|event| fresh.apply_json(&event.to_string()).unwrap())
        .collect();
    // In order (each step from the one before), backwards and leaping (each from a checkpoint
    // whose services the replay shares and must not change).
    let n = events.len();
    let orders = [
        (0..n).collect::<Vec<_>>(),
        (0..n).rev().collect(),
        (0..n).map(|k| (k * 17) % n).collect(),
    ];
    for order in orders {
        for i in order {
            assert_eq!(playground.step_json(i).unwrap(), applied[i], "step {i}");
        }
    }
    assert!(
        playground.checkpoint_count() > 2,
        "the scenario is big enough to need checkpoints"
    );
}

#[test]
fn a_step_prepared_ahead_is_the_step_computed_when_asked() {
    let events = busy_story();
    let document = json!({"format": "fargate-pv-scenario/1", "events": events}).to_string();
    let (mut prepared, mut asked) = (
        Playground::new(&document).unwrap(),
        Playground::new(&document).unwrap(),
    );
    let n = events.len();
    // Forward to the end, then back to the start, each step prepared while the one before is on
    // screen, as the page does.
    let forward = (0..n - 1).map(|i| (i, i + 1));
    let back = (1..n).rev().map(|i| (i, i - 1));
    for (shown, next) in forward.chain(back) {
        let replayed = prepared.events_replayed();
        assert_eq!(
            prepared.view_json(shown),
            asked.view_json(shown),
            "step {shown}"
        );
        if shown > 0 {
            assert_eq!(
                prepared.events_replayed(),
                replayed,
                "step {shown} was shown as prepared, not replayed again"
            );
        }
        assert!(
            !prepared.is_prepared(shown),
            "showing a prepared step takes it"
        );
        prepared.prepare_step(next);
        assert!(prepared.is_prepared(next));
        let replayed = prepared.events_replayed();
        prepared.prepare_step(next);
        prepared.prepare_step(shown);
        assert_eq!(
            prepared.events_replayed(),
            replayed,
            "preparing a step kept or prepared already does nothing"
        );
        // The step on screen stays kept: asking for its lines does not replay it (which would
        // drop the prepared step).
        assert_eq!(
            prepared.lines_json(shown, &[0, 1]),
            asked.lines_json(shown, &[0, 1])
        );
        assert!(prepared.is_prepared(next), "step {next} is still prepared");
    }
    prepared.prepare_step(n);
    assert!(!prepared.is_prepared(n), "there is no step past the end");

    // A prepared step answers only questions about itself that its record answers: the page's
    // view of another step, or the whole step (task changes listed, where the view's record of a
    // fleet above the rows limit only counts them), replays.
    prepared.prepare_step(5);
    assert_eq!(prepared.view_json(9), asked.view_json(9));
    prepared.prepare_step(10);
    assert_eq!(prepared.step_json(10), asked.step_json(10));

    // An event appended while the last step is prepared continues from it.
    prepared.prepare_step(n - 1);
    let appended =
        json!({"at": "2020-12-06", "do": "scale-service", "service": "s1", "desiredCount": 10})
            .to_string();
    assert_eq!(
        prepared.apply_json(&appended).unwrap(),
        asked.apply_json(&appended).unwrap()
    );
    assert!(!prepared.is_prepared(n - 1));
}

#[test]
fn a_fleet_changed_less_than_whole_is_copied_once_and_apply_continues_from_the_kept_step() {
    // 30,000 tasks placed at once (as an import does), then two redeployments of 10,000 tasks of
    // work each: less than the fleet, so no second copy of it is kept.
    let mut events = vec![
        json!({"at": "2020-01-01", "do": "release-version", "version": "1.4.0"}),
        json!({"at": "2020-01-01", "do": "move-latest", "to": "1.4.0"}),
    ];
    events.extend((0..6).map(|i| json!({"at": "2020-01-02", "do": "create-service", "service": format!("s{i}"), "desiredCount": 5000})));
    events.push(json!({"at": "2020-01-03", "do": "update-service", "service": "s0", "forceNewDeployment": true}));
    events.push(json!({"at": "2020-01-04", "do": "update-service", "service": "s1", "forceNewDeployment": true}));
    let document = json!({"format": "fargate-pv-scenario/1", "events": events});
    let mut playground = Playground::new(&document.to_string()).unwrap();
    assert_eq!(
        playground.checkpoint_count(),
        2,
        "the empty world and one copy of the fleet"
    );
    // Appending continues from the last step's world, whichever step was asked for before; a
    // refused event changes nothing.
    let appended =
        json!({"at": "2020-01-05", "do": "scale-service", "service": "s2", "desiredCount": 4999});
    let mut reference = Playground::new(&document.to_string()).unwrap();
    let expected = reference.apply_json(&appended.to_string()).unwrap();
    playground.step_json(3).unwrap();
    let refused = json!({"at": "2020-01-05", "do": "move-latest", "to": "9.9.9"});
    assert!(playground.apply_json(&refused.to_string()).is_err());
    assert_eq!(
        playground.apply_json(&appended.to_string()).unwrap(),
        expected
    );
    assert_eq!(playground.step_json(10).unwrap(), expected);
    assert_eq!(
        playground.step_json(9).unwrap(),
        reference.step_json(9).unwrap()
    );
}

#[test]
fn a_long_story_of_steps_that_change_nothing_still_gets_checkpoints() {
    // Each step counts as work, even one AWS refuses (no change at all), so stepping back
    // through 20,000 of them never replays them all from the start.
    let mut events = vec![json!({"at": "2020-01-01", "do": "release-version", "version": "1.4.0"})];
    events.extend((0..20_000).map(|_| {
        json!({"at": "2020-01-02", "do": "scale-service", "service": "ghost", "desiredCount": 1})
    }));
    let document = json!({"format": "fargate-pv-scenario/1", "events": events}).to_string();
    let playground = Playground::new(&document).unwrap();
    let refused: serde_json::Value =
        serde_json::from_str(&playground.step_json(1).unwrap()).unwrap();
    assert_eq!(
        refused["changes"],
        json!([]),
        "a refused step changes nothing"
    );
    assert_eq!(
        playground.checkpoint_count(),
        2,
        "the empty world and one after 20,000 steps"
    );
}
