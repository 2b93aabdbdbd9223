//! Events as the trace echoes them and as a document holds them.

use super::{Action, ForceScope, TimedEvent};
use crate::json::Json;
use crate::version::{Family, Version};

impl Action {
    pub fn name(&self) -> &'static str {
        match self {
            Action::ReleaseVersion { .. } => "release-version",
            Action::PublishRevision { .. } => "publish-revision",
            Action::MoveLatest { .. } => "move-latest",
            Action::SetVersionState { .. } => "set-version-state",
            Action::ForceUpdate { .. } => "force-update",
            Action::RetireRevision { .. } => "retire-revision",
            Action::CreateEksCluster { .. } => "create-eks-cluster",
            Action::UpdateEksPlatform { .. } => "update-eks-platform",
            Action::CreateService { .. } => "create-service",
            Action::UpdateService { .. } => "update-service",
            Action::ScaleService { .. } => "scale-service",
            Action::RecycleService { .. } => "recycle-service",
            Action::CodeDeployDeployment { .. } => "codedeploy-deployment",
            Action::DeleteService { .. } => "delete-service",
            Action::RunTask { .. } => "run-task",
            Action::StopTask { .. } => "stop-task",
            Action::RunPod { .. } => "run-pod",
            Action::ImportFleet(_) => "import-fleet",
        }
    }

    /// Whether the event is on the customer's side of docs/format.md (AWS may refuse it),
    /// rather than AWS's or EKS's own.
    pub fn by_customer(&self) -> bool {
        match self {
            Action::CreateService { .. }
            | Action::RecycleService { .. }
            | Action::UpdateService { .. }
            | Action::ScaleService { .. }
            | Action::CodeDeployDeployment { .. }
            | Action::DeleteService { .. }
            | Action::RunTask { .. }
            | Action::StopTask { .. }
            | Action::RunPod { .. }
            | Action::ImportFleet(_) => true,
            Action::ReleaseVersion { .. }
            | Action::PublishRevision { .. }
            | Action::MoveLatest { .. }
            | Action::SetVersionState { .. }
            | Action::ForceUpdate { .. }
            | Action::RetireRevision { .. }
            | Action::CreateEksCluster { .. }
            | Action::UpdateEksPlatform { .. } => false,
        }
    }

    /// The event as the trace echoes it: `do` first, defaults filled in, no `at`, `note` or
    /// `source` (see `TimedEvent::echo`).
    pub fn to_json(&self) -> Json {
        let text = |s: &str| Json::from(s);
        // `cluster` only when it is not the default one, then the name and the task definition.
        let named =
            |cluster: &str, key: &'static str, name: &str, task_definition: &Option<String>| {
                let mut fields = Vec::new();
                if let Some(cluster) = crate::fleet::named_cluster(cluster) {
                    fields.push(("cluster", text(cluster)));
                }
                fields.push((key, text(name)));
                if let Some(definition) = task_definition {
                    fields.push(("taskDefinition", text(definition)));
                }
                fields
            };
        let version_family = |version: &Version, family: &Family| {
            vec![
                ("version", text(&version.to_string())),
                ("family", text(family.as_str())),
            ]
        };
        let fields: Vec<(&str, Json)> = match self {
            Action::ReleaseVersion {
                version,
                family,
                features,
            }
            | Action::PublishRevision {
                version,
                family,
                features,
            } => {
                let mut fields = version_family(version, family);
                fields.push(("features", Json::strings(features)));
                fields
            }
            Action::MoveLatest { to, family } => {
                vec![
                    ("to", text(&to.to_string())),
                    ("family", text(family.as_str())),
                ]
            }
            Action::SetVersionState {
                version,
                family,
                state,
            } => {
                let mut fields = version_family(version, family);
                fields.push(("state", text(state.as_str())));
                fields
            }
            Action::ForceUpdate {
                version,
                family,
                scope,
            } => {
                let mut fields = version_family(version, family);
                match scope {
                    ForceScope::Latest => fields.push(("scope", text("latest"))),
                    ForceScope::All { to } => {
                        fields.push(("scope", text("all")));
                        fields.push(("to", text(&to.to_string())));
                    }
                }
                fields
            }
            Action::RetireRevision {
                version,
                family,
                revision,
            } => {
                let mut fields = version_family(version, family);
                fields.push(("revision", Json::from(*revision)));
                fields
            }
            Action::CreateEksCluster {
                cluster,
                fargate_version,
            }
            | Action::UpdateEksPlatform {
                cluster,
                fargate_version,
            } => vec![
                ("cluster", text(cluster)),
                ("fargateVersion", text(&fargate_version.to_string())),
            ],
            Action::CreateService {
                cluster,
                service,
                task_definition,
                platform_version,
                family,
                desired_count,
                requires,
                controller,
            } => {
                let mut fields = named(cluster, "service", service, task_definition);
                fields.extend([
                    ("platformVersion", text(platform_version)),
                    ("family", text(family.as_str())),
                    ("desiredCount", Json::from(desired_count.0)),
                    ("requires", Json::strings(requires)),
                    ("deploymentController", text(controller.as_str())),
                ]);
                fields
            }
            Action::UpdateService {
                cluster,
                service,
                task_definition,
                platform_version,
                force_new_deployment,
                desired_count,
                requires,
            } => {
                let mut fields = named(cluster, "service", service, task_definition);
                if let Some(p) = platform_version {
                    fields.push(("platformVersion", text(p)));
                }
                fields.push(("forceNewDeployment", Json::from(*force_new_deployment)));
                if let Some(c) = desired_count {
                    fields.push(("desiredCount", Json::from(c.0)));
                }
                if let Some(r) = requires {
                    fields.push(("requires", Json::strings(r)));
                }
                fields
            }
            Action::ScaleService {
                cluster,
                service,
                desired_count,
            } => {
                let mut fields = named(cluster, "service", service, &None);
                fields.push(("desiredCount", Json::from(desired_count.0)));
                fields
            }
            Action::RecycleService { cluster, service }
            | Action::DeleteService { cluster, service } => {
                named(cluster, "service", service, &None)
            }
            Action::CodeDeployDeployment {
                cluster,
                service,
                platform_version,
            } => {
                let mut fields = named(cluster, "service", service, &None);
                if let Some(p) = platform_version {
                    fields.push(("platformVersion", text(p)));
                }
                fields
            }
            Action::RunTask {
                cluster,
                task,
                task_definition,
                platform_version,
                family,
                count,
                requires,
            } => {
                let mut fields = named(cluster, "task", task, task_definition);
                fields.extend([
                    ("platformVersion", text(platform_version)),
                    ("family", text(family.as_str())),
                    ("count", Json::from(count.0)),
                    ("requires", Json::strings(requires)),
                ]);
                fields
            }
            Action::StopTask { cluster, task } => named(cluster, "task", task, &None),
            Action::RunPod {
                cluster,
                pod,
                count,
                controller,
            } => vec![
                ("cluster", text(cluster)),
                ("pod", text(pod)),
                ("count", Json::from(count.0)),
                ("controller", text(controller.as_str())),
            ],
            Action::ImportFleet(fleet) => vec![
                ("services", Json::from(fleet.services.len())),
                ("tasks", Json::from(fleet.tasks.len())),
                ("outOfScope", Json::from(fleet.skipped.len())),
            ],
        };
        let mut out = Json::object([("do", text(self.name()))]);
        for (key, value) in fields {
            out.set(key, value);
        }
        out
    }
}

impl TimedEvent {
    /// The event as the trace echoes it: the action with its defaults, then `note` and `source`.
    pub fn echo(&self) -> Json {
        self.with_narration(self.action.to_json())
    }

    fn with_narration(&self, mut event: Json) -> Json {
        if let Some(note) = &self.note {
            event.set("note", Json::from(note.as_str()));
        }
        if let Some(source) = &self.source {
            event.set("source", Json::from(source.as_str()));
        }
        event
    }

    /// The event as a document holds it (with `at`), for `toScenarioJson`.
    pub fn to_document_json(&self) -> Json {
        let mut out = Json::object([("at", Json::from(self.at.to_iso()))]);
        let event = if let Action::ImportFleet(fleet) = &self.action {
            // The step echo only counts the fleet; the document holds all of it.
            let (services, tasks) = fleet.to_event_fields();
            self.with_narration(Json::object([
                ("do", Json::from(self.action.name())),
                ("services", Json::from(services)),
                ("tasks", Json::from(tasks)),
            ]))
        } else {
            self.echo()
        };
        if let Json::Object(members) = event {
            for (key, value) in members {
                out.set(&key, value);
            }
        }
        out
    }
}
