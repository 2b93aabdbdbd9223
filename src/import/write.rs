//! An imported fleet written back as the `import-fleet` event holds it.

use super::{ImportedFleet, ImportedTask, SkipReason};
use crate::fleet::DEFAULT_CLUSTER;
use crate::json::Json;

impl ImportedFleet {
    /// The `services` and `tasks` of the `import-fleet` event, in AWS's shape, holding only what
    /// the simulation reads (so an exported scenario carries no account ids, ARNs or tags). A
    /// service known only from its tasks is written as those tasks, and read back the same way.
    pub fn to_event_fields(&self) -> (Vec<Json>, Vec<Json>) {
        let mut services: Vec<Json> = Vec::new();
        let mut tasks: Vec<Json> = Vec::new();
        let named = |key: &str, name: &str, cluster: &str| {
            let mut object = Json::object([(key, Json::from(name))]);
            if cluster != DEFAULT_CLUSTER {
                object.set("clusterArn", Json::from(cluster));
            }
            object
        };
        let task_json = |task: &ImportedTask, group: Option<&str>| {
            let mut object = named("taskArn", &task.id, &task.cluster);
            if let Some(service) = group {
                object.set("group", Json::from(format!("service:{service}")));
            }
            object.set("lastStatus", Json::from("RUNNING"));
            object.set("launchType", Json::from("FARGATE"));
            object.set("platformFamily", Json::from(task.family.as_str()));
            object.set("platformVersion", Json::from(task.version.to_string()));
            if let Some(at) = task.started_at {
                object.set("startedAt", Json::from(at.to_iso()));
            }
            object
        };
        for service in &self.services {
            let Some(requested) = &service.requested else {
                tasks.extend(
                    service
                        .seen_tasks
                        .iter()
                        .map(|t| task_json(t, Some(&service.name))),
                );
                continue;
            };
            let mut object = named("serviceName", &service.name, &service.cluster);
            object.set("launchType", Json::from("FARGATE"));
            object.set("platformFamily", Json::from(service.family.as_str()));
            object.set("platformVersion", Json::from(requested.as_str()));
            object.set(
                "deploymentController",
                Json::object([("type", Json::from(service.controller.as_str()))]),
            );
            object.set("desiredCount", Json::from(service.desired));
            let last = service.deployments.len() - 1;
            let deployments: Vec<Json> = service
                .deployments
                .iter()
                .enumerate()
                .map(|(i, d)| {
                    let status = if i == last { "PRIMARY" } else { "ACTIVE" };
                    let mut object = Json::object([
                        ("status", Json::from(status)),
                        ("platformVersion", Json::from(d.version.to_string())),
                        ("runningCount", Json::from(d.running)),
                    ]);
                    if let Some(at) = d.created_at {
                        object.set("createdAt", Json::from(at.to_iso()));
                    }
                    object
                })
                .collect();
            object.set("deployments", Json::Array(deployments));
            services.push(object);
        }
        for skipped in &self.skipped {
            let mut object = named("serviceName", &skipped.name, &skipped.cluster);
            match &skipped.reason {
                SkipReason::Inactive => object.set("status", Json::from("INACTIVE")),
                SkipReason::Draining => object.set("status", Json::from("DRAINING")),
                SkipReason::ExternalController => object.set(
                    "deploymentController",
                    Json::object([("type", Json::from("EXTERNAL"))]),
                ),
                SkipReason::NotFargate(launch) if launch == "EC2 capacity providers" => object.set(
                    "capacityProviderStrategy",
                    Json::Array(vec![Json::object([(
                        "capacityProvider",
                        Json::from("EC2"),
                    )])]),
                ),
                SkipReason::NotFargate(launch) if launch == "no launch type" => {}
                SkipReason::NotFargate(launch) => {
                    object.set("launchType", Json::from(launch.as_str()))
                }
            };
            services.push(object);
        }
        tasks.extend(self.tasks.iter().map(|t| task_json(t, None)));
        (services, tasks)
    }
}
