//! Placing a fleet read from AWS CLI output (`import.rs`) as it runs: every deployment keeps the
//! version it resolved when it was created, whatever LATEST means now (aws-facts.md, rules 1–3).

use super::step::{transition_at, Step};
use super::{Change, Fail, Outcome};
use crate::catalog::VersionId;
use crate::error::{ErrorKind, Transition};
use crate::fleet::{
    named_cluster, Controller, Deployment, Service, StandaloneTask, DEFAULT_CLUSTER,
};
use crate::import::{ImportedFleet, ImportedTask};
use crate::lifecycle::State;
use crate::text::{listed, plural};
use crate::version::{Family, Version, LATEST};
use std::collections::HashSet;

impl Step<'_> {
    /// Places a fleet read from AWS output as it runs: every deployment keeps the version it
    /// resolved when it was created, whatever LATEST means now. Everything is checked first.
    pub(super) fn import_fleet(&mut self, fleet: &ImportedFleet) -> Result<Outcome, Fail> {
        let mut taken: HashSet<(&str, &str)> = self
            .world
            .fleet
            .services()
            .iter()
            .map(|s| (s.cluster.as_str(), s.name.as_str()))
            .collect();
        let mut running: u64 = 0;
        let mut versions: Vec<Vec<VersionId>> = Vec::new();
        for service in &fleet.services {
            if !taken.insert((&service.cluster, &service.name)) {
                let field = match service.requested {
                    Some(_) => "serviceName",
                    None => "group",
                };
                return Err(transition_at(
                    format!("{}/{field}", service.path),
                    Transition::ImportedNameTaken {
                        service: service.name.clone(),
                    },
                ));
            }
            if let Some(version) = service.requested.as_deref().and_then(Version::parse) {
                let field = format!("{}/platformVersion", service.path);
                self.importable(service.family, version, 0, field)?;
            }
            let mut ids = Vec::new();
            for deployment in &service.deployments {
                let field = format!("{}/platformVersion", deployment.path);
                ids.push(self.importable(
                    service.family,
                    deployment.version,
                    deployment.running,
                    field,
                )?);
                running += u64::from(deployment.running);
            }
            versions.push(ids);
        }
        let mut ids: HashSet<(&str, &str)> = HashSet::new();
        let mut task_versions = Vec::new();
        for task in &fleet.tasks {
            let field = format!("{}/platformVersion", task.path);
            task_versions.push(self.importable(task.family, task.version, 1, field)?);
            if self.world.fleet.task_id_taken(&task.cluster, &task.id)
                || !ids.insert((&task.cluster, &task.id))
            {
                return Err(transition_at(
                    format!("{}/taskArn", task.path),
                    Transition::ImportedTaskTaken {
                        task: task.id.clone(),
                    },
                ));
            }
            running += 1;
        }
        self.capacity(running, None)?;

        let at = self.at;
        for (service, ids) in fleet.services.iter().zip(versions) {
            let name = service.name.clone();
            let cluster = named_cluster(&service.cluster).map(str::to_string);
            // A service known only from its tasks is taken as pinned to what it runs.
            let requested = match &service.requested {
                Some(requested) => requested.clone(),
                None => service.deployments[service.deployments.len() - 1]
                    .version
                    .to_string(),
            };
            // Added first, then given its deployments and tasks: its task numbers are its own.
            self.world.fleet.add_service(Service {
                name: name.clone(),
                cluster: service.cluster.clone(),
                family: service.family,
                requested: requested.clone(),
                requested_unknown: service.requested.is_none(),
                task_definition: None,
                controller: service.controller,
                requires: Vec::new(),
                desired: service.desired,
                deployments: Vec::new(),
                tasks: Default::default(),
                last_task_number: 0,
                stamp: 0,
            });
            let s = self.world.fleet.services().len() - 1;
            self.change(Change::ServiceCreated {
                cluster: cluster.clone(),
                service: name.clone(),
            });
            for (number, (deployment, id)) in (1..).zip(service.deployments.iter().zip(ids)) {
                self.world.fleet.service_mut(s).push_deployment(Deployment {
                    number,
                    version: id,
                    created_at: deployment.created_at.unwrap_or(at),
                });
                let revision = self.catalog().get(id).newest_revision();
                self.world
                    .fleet
                    .start_service_tasks(s, deployment.running, id, revision, at);
                self.count_work(deployment.running as usize);
                if self.recording() {
                    self.change(Change::DeploymentCreated {
                        cluster: cluster.clone(),
                        service: name.clone(),
                        deployment: format!("{name}/{number}"),
                        platform_version: deployment.version,
                        requested: requested.clone(),
                    });
                    if deployment.running > 0 {
                        self.change(Change::TasksImported {
                            cluster: cluster.clone(),
                            service: Some(name.clone()),
                            platform_version: deployment.version,
                            revision,
                            count: deployment.running,
                        });
                    }
                }
            }
        }
        let mut standalone: Vec<(&ImportedTask, VersionId)> =
            fleet.tasks.iter().zip(task_versions).collect();
        standalone.sort_by_key(|(task, _)| task.started_at.unwrap_or(at));
        let mut groups: Vec<(&str, VersionId, u32, u32)> = Vec::new();
        for (task, id) in standalone {
            let revision = self.catalog().get(id).newest_revision();
            self.world.fleet.add_standalone(StandaloneTask {
                id: task.id.clone(),
                cluster: task.cluster.clone(),
                family: task.family,
                version: id,
                revision,
                started_at: task.started_at.unwrap_or(at),
            });
            match groups
                .iter_mut()
                .find(|(c, v, _, _)| *v == id && *c == task.cluster)
            {
                Some(group) => group.3 += 1,
                None => groups.push((&task.cluster, id, revision, 1)),
            }
        }
        if self.recording() {
            for (cluster, id, revision, count) in groups {
                let platform_version = self.v(id);
                self.change(Change::TasksImported {
                    cluster: named_cluster(cluster).map(str::to_string),
                    service: None,
                    platform_version,
                    revision,
                    count,
                });
            }
            self.import_warnings(fleet.services.len());
        }
        Ok(Outcome::Applied(if self.recording() {
            self.import_explanation(fleet)
        } else {
            String::new()
        }))
    }

    /// The catalog entry an imported deployment or task runs on; nothing runs on a recalled one.
    fn importable(
        &self,
        family: Family,
        version: Version,
        running: u32,
        field: String,
    ) -> Result<VersionId, Fail> {
        let id = self.catalog().find(family, version).ok_or_else(|| {
            Fail::new(
                Some(field.clone()),
                ErrorKind::UnknownVersion { version, family },
            )
        })?;
        if running > 0 && self.catalog().get(id).state == State::Recalled {
            return Err(transition_at(
                field,
                Transition::ImportedOnRecalled { version, family },
            ));
        }
        Ok(id)
    }

    /// One warning per version that imported services run and AWS is winding down.
    fn import_warnings(&mut self, imported: usize) {
        let first = self.world.fleet.services().len() - imported;
        let mut by_version: Vec<(VersionId, Vec<&str>)> = Vec::new();
        for service in &self.world.fleet.services()[first..] {
            let id = service.primary().version;
            if self.catalog().get(id).state == State::Active {
                continue;
            }
            match by_version.iter_mut().find(|(v, _)| *v == id) {
                Some((_, names)) => names.push(&service.name),
                None => by_version.push((id, vec![&service.name])),
            }
        }
        let warnings: Vec<String> = by_version
            .into_iter()
            .map(|(id, names)| {
                let info = self.catalog().get(id);
                let advice = if info.state.capabilities().starts_tasks {
                    "redeploy them onto a newer version before AWS retires it"
                } else {
                    "their tasks cannot be replaced when they stop; only a new deployment on another version fixes this"
                };
                format!(
                    "{} {} on {}, which is {} (AWS: {}): {advice}.",
                    listed(&names),
                    if names.len() == 1 { "runs" } else { "run" },
                    info.label(),
                    info.state.as_str(),
                    info.state.aws_term()
                )
            })
            .collect();
        for warning in warnings {
            self.warn(|_| warning);
        }
    }

    fn import_explanation(&self, fleet: &ImportedFleet) -> String {
        let services = &self.world.fleet.services()
            [self.world.fleet.services().len() - fleet.services.len()..];
        let mut clusters: Vec<&str> = fleet.services.iter().map(|s| s.cluster.as_str()).collect();
        clusters.sort_unstable();
        clusters.dedup();
        let tasks: usize = services.iter().map(|s| s.tasks.len()).sum();
        let mut text = format!(
            "Imported your fleet as it ran on {}: {}{} running {}, and {}.",
            self.at.date(),
            plural(services.len(), "Fargate service", "Fargate services"),
            match clusters.as_slice() {
                [] | [DEFAULT_CLUSTER] => String::new(),
                many => format!(" in {}", plural(many.len(), "cluster", "clusters")),
            },
            plural(tasks, "task", "tasks"),
            plural(fleet.tasks.len(), "standalone task", "standalone tasks"),
        );
        for family in Family::ALL {
            if services.iter().any(|s| s.family == family)
                || fleet.tasks.iter().any(|t| t.family == family)
            {
                text.push_str(&format!(
                    " LATEST ({family}) means {} now.",
                    self.latest_label(family)
                ));
            }
        }
        let behind: Vec<String> = services
            .iter()
            .filter(|s| s.requested == LATEST && !s.requested_unknown)
            .filter_map(|s| {
                let latest = self.catalog().latest(s.family)?;
                let primary = s.primary().version;
                (primary != latest).then(|| format!("{} runs {}", s.name, self.v(primary)))
            })
            .collect();
        if !behind.is_empty() {
            text.push_str(&format!(
                " {} ask for LATEST but keep the version their deployment resolved when it was created ({}); only a new deployment moves them.",
                plural(behind.len(), "service", "services"),
                listed(&behind)
            ));
        }
        let unknown: Vec<&str> = services
            .iter()
            .filter(|s| s.requested_unknown)
            .map(|s| s.name.as_str())
            .collect();
        if !unknown.is_empty() {
            text.push_str(&if unknown.len() == 1 {
                format!(" {} is only in describe-tasks (the group of its tasks), so what it asks for is unknown; the playground treats it as pinned to the version it runs. Add its describe-services output to know.", unknown[0])
            } else {
                format!(" {} are only in describe-tasks (the group of their tasks), so what they ask for is unknown; the playground treats them as pinned to the version they run. Add their describe-services output to know.", listed(&unknown))
            });
        }
        if services
            .iter()
            .any(|s| s.controller == Controller::CodeDeploy)
        {
            text.push_str(" CODE_DEPLOY services show only their resolved version, so they are treated as pinned to it.");
        }
        if !fleet.skipped.is_empty() {
            let skipped: Vec<String> = fleet
                .skipped
                .iter()
                .map(|s| format!("{} ({})", s.name, s.reason))
                .collect();
            text.push_str(&format!(
                " Out of scope, listed but not simulated: {}.",
                listed(&skipped)
            ));
        }
        text
    }
}
