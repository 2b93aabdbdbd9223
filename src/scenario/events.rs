//! The table of events: each `do`, the fields it accepts and how it is read.

use super::reader::Reader;
use super::Action;
use crate::error::ScenarioError;
use crate::fleet::{Count, PodController};
use crate::version::LATEST;

/// One kind of event: its `do`, the fields it accepts besides `at`, `do` and `note`, and how it
/// is read. Adding an event means a row here and an `Action` variant; the compiler then points
/// at every `match` on `Action` that must say what it does (echo, replay, command, question).
pub(super) struct EventSpec {
    pub(super) name: &'static str,
    pub(super) fields: &'static [&'static str],
    pub(super) read: fn(&Reader) -> Result<Action, ScenarioError>,
}

pub(super) const EVENTS: &[EventSpec] = &[
    EventSpec {
        name: "release-version",
        fields: &["version", "family", "features"],
        read: |r| {
            Ok(Action::ReleaseVersion {
                version: r.version("version")?,
                family: r.family()?,
                features: r.optional_strings("features")?.unwrap_or_default(),
            })
        },
    },
    EventSpec {
        name: "publish-revision",
        fields: &["version", "family", "features"],
        read: |r| {
            Ok(Action::PublishRevision {
                version: r.version("version")?,
                family: r.family()?,
                features: r.optional_strings("features")?.unwrap_or_default(),
            })
        },
    },
    EventSpec {
        name: "move-latest",
        fields: &["to", "family"],
        read: |r| {
            Ok(Action::MoveLatest {
                to: r.version("to")?,
                family: r.family()?,
            })
        },
    },
    EventSpec {
        name: "set-version-state",
        fields: &["version", "family", "state"],
        read: |r| {
            Ok(Action::SetVersionState {
                version: r.version("version")?,
                family: r.family()?,
                state: r.state()?,
            })
        },
    },
    EventSpec {
        name: "force-update",
        fields: &["version", "family", "scope", "to"],
        read: |r| {
            Ok(Action::ForceUpdate {
                version: r.version("version")?,
                family: r.family()?,
                scope: r.force_scope()?,
            })
        },
    },
    EventSpec {
        name: "retire-revision",
        fields: &["version", "family", "revision"],
        read: |r| {
            Ok(Action::RetireRevision {
                version: r.version("version")?,
                family: r.family()?,
                revision: r.whole_number("revision")?,
            })
        },
    },
    EventSpec {
        name: "create-eks-cluster",
        fields: &["cluster", "fargateVersion", "family"],
        read: |r| {
            Ok(Action::CreateEksCluster {
                cluster: r.name("cluster")?,
                fargate_version: r.version("fargateVersion")?,
            })
            .and_then(|action| r.linux_only().map(|_| action))
        },
    },
    EventSpec {
        name: "update-eks-platform",
        fields: &["cluster", "fargateVersion", "family"],
        read: |r| {
            Ok(Action::UpdateEksPlatform {
                cluster: r.name("cluster")?,
                fargate_version: r.version("fargateVersion")?,
            })
            .and_then(|action| r.linux_only().map(|_| action))
        },
    },
    EventSpec {
        name: "create-service",
        fields: &[
            "cluster",
            "service",
            "taskDefinition",
            "platformVersion",
            "family",
            "desiredCount",
            "requires",
            "deploymentController",
        ],
        read: |r| {
            Ok(Action::CreateService {
                cluster: r.ecs_cluster()?,
                service: r.required_string("service")?,
                task_definition: r.optional_string("taskDefinition")?,
                platform_version: r
                    .optional_string("platformVersion")?
                    .unwrap_or_else(|| LATEST.into()),
                family: r.family()?,
                desired_count: r.optional_count("desiredCount")?.unwrap_or(Count(1.0)),
                requires: r.optional_strings("requires")?.unwrap_or_default(),
                controller: r.controller()?,
            })
        },
    },
    EventSpec {
        name: "update-service",
        fields: &[
            "cluster",
            "service",
            "taskDefinition",
            "platformVersion",
            "forceNewDeployment",
            "desiredCount",
            "requires",
        ],
        read: |r| {
            Ok(Action::UpdateService {
                cluster: r.ecs_cluster()?,
                service: r.required_string("service")?,
                task_definition: r.optional_string("taskDefinition")?,
                platform_version: r.optional_string("platformVersion")?,
                force_new_deployment: r.optional_bool("forceNewDeployment")?.unwrap_or(false),
                desired_count: r.optional_count("desiredCount")?,
                requires: r.optional_strings("requires")?,
            })
        },
    },
    EventSpec {
        name: "scale-service",
        fields: &["cluster", "service", "desiredCount"],
        read: |r| {
            Ok(Action::ScaleService {
                cluster: r.ecs_cluster()?,
                service: r.required_string("service")?,
                desired_count: Count(r.whole_number("desiredCount")?),
            })
        },
    },
    EventSpec {
        name: "recycle-service",
        fields: &["cluster", "service"],
        read: |r| {
            Ok(Action::RecycleService {
                cluster: r.ecs_cluster()?,
                service: r.required_string("service")?,
            })
        },
    },
    EventSpec {
        name: "codedeploy-deployment",
        fields: &["cluster", "service", "platformVersion"],
        read: |r| {
            Ok(Action::CodeDeployDeployment {
                cluster: r.ecs_cluster()?,
                service: r.required_string("service")?,
                platform_version: r.optional_string("platformVersion")?,
            })
        },
    },
    EventSpec {
        name: "delete-service",
        fields: &["cluster", "service"],
        read: |r| {
            Ok(Action::DeleteService {
                cluster: r.ecs_cluster()?,
                service: r.required_string("service")?,
            })
        },
    },
    EventSpec {
        name: "run-task",
        fields: &[
            "cluster",
            "task",
            "taskDefinition",
            "platformVersion",
            "family",
            "count",
            "requires",
        ],
        read: |r| {
            Ok(Action::RunTask {
                cluster: r.ecs_cluster()?,
                task: r.required_string("task")?,
                task_definition: r.optional_string("taskDefinition")?,
                platform_version: r
                    .optional_string("platformVersion")?
                    .unwrap_or_else(|| LATEST.into()),
                family: r.family()?,
                count: r.optional_count("count")?.unwrap_or(Count(1.0)),
                requires: r.optional_strings("requires")?.unwrap_or_default(),
            })
        },
    },
    EventSpec {
        name: "stop-task",
        fields: &["cluster", "task"],
        read: |r| {
            Ok(Action::StopTask {
                cluster: r.ecs_cluster()?,
                task: r.required_string("task")?,
            })
        },
    },
    EventSpec {
        name: "run-pod",
        fields: &["cluster", "pod", "count", "controller"],
        read: |r| {
            Ok(Action::RunPod {
                cluster: r.required_string("cluster")?,
                pod: r.required_string("pod")?,
                count: r.optional_count("count")?.unwrap_or(Count(1.0)),
                controller: r.enumerated(
                    "controller",
                    "\"deployment\" (a Deployment, ReplicaSet or Job restarts it) or \"none\" (a bare pod)",
                    |s| match s {
                        "deployment" => Some(PodController::Deployment),
                        "none" => Some(PodController::None),
                        _ => None,
                    },
                    PodController::Deployment,
                )?,
            })
        },
    },
    EventSpec {
        name: "import-fleet",
        fields: &["services", "tasks"],
        read: |r| {
            Ok(Action::ImportFleet(Box::new(
                crate::import::read_event_fields(r.get("services"), r.get("tasks"), r.path)?,
            )))
        },
    },
];

/// Every `do`, in the table's order.
pub fn event_names() -> Vec<&'static str> {
    EVENTS.iter().map(|e| e.name).collect()
}
