//! What `aws ecs describe-services` and `describe-tasks` would print at a step: the service shows
//! the string it asked for (or, with CODE_DEPLOY, the resolved version); its deployment and tasks
//! show the resolved version. ARNs use a fixed example account and region.

use crate::json::Json;
use crate::trace::World;
use crate::version::Family;

const ARN: &str = "arn:aws:ecs:us-east-1:123456789012";

fn platform_family(family: Family) -> &'static str {
    match family {
        Family::Linux => "Linux",
        Family::Windows => "Windows",
    }
}

fn cluster_arn(cluster: &str) -> String {
    format!("{ARN}:cluster/{cluster}")
}

fn missing(arn: String) -> Json {
    Json::object([("arn", Json::from(arn)), ("reason", Json::from("MISSING"))])
}

/// What the console's `describe-services` or `describe-tasks` line prints.
pub fn describe(world: &World, query: &crate::command::Query) -> Json {
    match query {
        crate::command::Query::Services { cluster, names } => {
            describe_services(world, cluster, names)
        }
        crate::command::Query::Tasks { cluster, names } => describe_tasks(world, cluster, names),
    }
}

/// What `aws ecs describe-services --cluster CLUSTER --services NAMES` prints: each service with
/// the string it shows and every deployment that still runs tasks (PRIMARY, then ACTIVE ones).
pub fn describe_services(world: &World, cluster: &str, names: &[String]) -> Json {
    let catalog = &world.catalog;
    let mut services = Vec::new();
    let mut failures = Vec::new();
    for name in names {
        let Some(s) = world
            .fleet
            .service(cluster, name)
            .map(|i| &world.fleet.services()[i])
        else {
            failures.push(missing(format!("{ARN}:service/{cluster}/{name}")));
            continue;
        };
        let running = s.tasks.len();
        // Tasks know their version, not their deployment: the newest deployment of each version
        // that runs tasks stands for them.
        let deployments: Vec<Json> = s
            .deployments
            .iter()
            .enumerate()
            .filter_map(|(i, d)| {
                let newest_of_version = s.deployments[..i].iter().all(|e| e.version != d.version);
                let count = if newest_of_version {
                    s.tasks.running(d.version) as usize
                } else {
                    0
                };
                (i == 0 || count > 0).then(|| {
                    let desired = if i == 0 { s.desired as usize } else { count };
                    Json::object([
                        ("id", Json::from(format!("ecs-svc/{}-{}", s.name, d.number))),
                        (
                            "status",
                            Json::from(if i == 0 { "PRIMARY" } else { "ACTIVE" }),
                        ),
                        ("desiredCount", Json::from(desired)),
                        ("pendingCount", Json::from(0u32)),
                        ("runningCount", Json::from(count)),
                        ("createdAt", Json::from(d.created_at.to_iso())),
                        ("launchType", Json::from("FARGATE")),
                        (
                            "platformVersion",
                            Json::from(catalog.get(d.version).version.to_string()),
                        ),
                        ("platformFamily", Json::from(platform_family(s.family))),
                        (
                            "rolloutState",
                            Json::from(if i > 0 || count >= desired {
                                "COMPLETED"
                            } else {
                                "IN_PROGRESS"
                            }),
                        ),
                    ])
                })
            })
            .collect();
        let mut service = Json::object([
            (
                "serviceArn",
                Json::from(format!("{ARN}:service/{cluster}/{}", s.name)),
            ),
            ("serviceName", Json::from(s.name.as_str())),
            ("clusterArn", Json::from(cluster_arn(cluster))),
            ("status", Json::from("ACTIVE")),
            ("desiredCount", Json::from(s.desired)),
            ("runningCount", Json::from(running)),
            ("pendingCount", Json::from(0u32)),
            ("launchType", Json::from("FARGATE")),
            (
                "platformVersion",
                Json::from(crate::view::shown_version(s, catalog)),
            ),
            ("platformFamily", Json::from(platform_family(s.family))),
        ]);
        if let Some(definition) = &s.task_definition {
            service.set(
                "taskDefinition",
                Json::from(format!("{ARN}:task-definition/{definition}")),
            );
        }
        service.set(
            "deploymentController",
            Json::object([("type", Json::from(s.controller.as_str()))]),
        );
        service.set("deployments", Json::Array(deployments));
        services.push(service);
    }
    Json::object([
        ("services", Json::Array(services)),
        ("failures", Json::Array(failures)),
    ])
}

/// What `aws ecs describe-tasks --cluster CLUSTER --tasks IDS` prints.
pub fn describe_tasks(world: &World, cluster: &str, ids: &[String]) -> Json {
    let catalog = &world.catalog;
    let row = |id: &str, group: String, family: Family, version, started: String| {
        Json::object([
            ("taskArn", Json::from(format!("{ARN}:task/{cluster}/{id}"))),
            ("clusterArn", Json::from(cluster_arn(cluster))),
            ("group", Json::from(group)),
            ("lastStatus", Json::from("RUNNING")),
            ("desiredStatus", Json::from("RUNNING")),
            ("launchType", Json::from("FARGATE")),
            (
                "platformVersion",
                Json::from(catalog.get(version).version.to_string()),
            ),
            ("platformFamily", Json::from(platform_family(family))),
            ("startedAt", Json::from(started)),
        ])
    };
    let mut tasks = Vec::new();
    let mut failures = Vec::new();
    for id in ids {
        if let Some((s, t)) = world.fleet.find_service_task(cluster, id) {
            let service = &world.fleet.services()[s];
            let task = &service.tasks[t];
            tasks.push(row(
                id,
                format!("service:{}", service.name),
                service.family,
                task.version,
                task.started_at.to_iso(),
            ));
        } else if let Some(i) = world.fleet.find_standalone(cluster, id) {
            let task = &world.fleet.tasks[i];
            let group = format!(
                "family:{}",
                id.rsplit_once('-')
                    .filter(|(_, n)| n.bytes().all(|b| b.is_ascii_digit()))
                    .map_or(id.as_str(), |(f, _)| f)
            );
            tasks.push(row(
                id,
                group,
                task.family,
                task.version,
                task.started_at.to_iso(),
            ));
        } else {
            failures.push(missing(format!("{ARN}:task/{cluster}/{id}")));
        }
    }
    Json::object([
        ("tasks", Json::Array(tasks)),
        ("failures", Json::Array(failures)),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Playground;
    use serde_json::{json, Value};

    fn world_after(i: usize) -> World {
        let blog = crate::builtin::find("blog-timeline").unwrap().json;
        Playground::new(blog).unwrap().replay_to(i).unwrap().1
    }

    #[test]
    fn a_latest_service_says_latest_while_its_deployment_runs_the_resolved_version() {
        let out: Value = serde_json::from_str(
            &describe_services(&world_after(6), "default", &["web".into(), "ghost".into()]).text(),
        )
        .unwrap();
        assert_eq!(out["services"][0]["platformVersion"], "LATEST");
        assert_eq!(
            out["services"][0]["deployments"][0]["platformVersion"],
            "1.2.0"
        );
        assert_eq!(out["services"][0]["deployments"][0]["id"], "ecs-svc/web-1");
        assert_eq!(out["services"][0]["runningCount"], 4);
        assert_eq!(
            out["failures"],
            json!([{ "arn": "arn:aws:ecs:us-east-1:123456789012:service/default/ghost", "reason": "MISSING" }])
        );
    }

    #[test]
    fn tasks_show_the_resolved_version_and_their_group() {
        let out: Value = serde_json::from_str(
            &describe_tasks(
                &world_after(6),
                "default",
                &["web-3".into(), "web-99".into()],
            )
            .text(),
        )
        .unwrap();
        assert_eq!(out["tasks"][0]["platformVersion"], "1.2.0");
        assert_eq!(out["tasks"][0]["group"], "service:web");
        assert_eq!(out["failures"][0]["reason"], "MISSING");
    }
}
