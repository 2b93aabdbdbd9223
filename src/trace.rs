//! The replay: what each event does to the world, the changes it makes, and the sentence that
//! explains why (scenario-format.md §3 and §5). The AWS rules of domain-facts.md are applied here
//! through `resolve` (version strings), `lifecycle` (states) and `catalog` (revisions, LATEST).

use crate::catalog::{Catalog, VersionId};
use crate::date::Instant;
use crate::error::{ErrorKind, Limit, ScenarioError, Transition, MAX_RUNNING_TASKS};
use crate::fleet::Controller;
use crate::fleet::{numbered_ids, Cluster, Deployment, Fleet, Service, ServiceTask, Workload};
use crate::import::{ImportedFleet, ImportedTask};
use crate::json::Json;
use crate::lifecycle::State;
use crate::resolve::{check_count, check_name, resolve, Rejection, Resolved};
use crate::scenario::{Action, TimedEvent};
use crate::version::{Family, Version, LATEST};
use serde::Serialize;
use std::collections::{HashMap, HashSet};

/// Everything observable: the catalog and the fleet.
#[derive(Clone, Debug, Default)]
pub struct World {
    pub catalog: Catalog,
    pub fleet: Fleet,
}

/// One thing that happened during a step, in the order it happened.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Change {
    VersionReleased {
        version: Version,
        family: Family,
    },
    #[serde(rename_all = "camelCase")]
    RevisionPublished {
        version: Version,
        family: Family,
        revision: u32,
    },
    LatestMoved {
        family: Family,
        from: Option<Version>,
        to: Version,
    },
    VersionStateChanged {
        version: Version,
        family: Family,
        from: State,
        to: State,
    },
    ServiceCreated {
        service: String,
    },
    #[serde(rename_all = "camelCase")]
    DeploymentCreated {
        service: String,
        deployment: String,
        platform_version: Version,
        requested: String,
    },
    #[serde(rename_all = "camelCase")]
    TaskStopped {
        task: String,
        #[serde(skip_serializing_if = "Option::is_none")]
        service: Option<String>,
        platform_version: Version,
        revision: u32,
        reason: StopReason,
    },
    #[serde(rename_all = "camelCase")]
    TaskStarted {
        task: String,
        #[serde(skip_serializing_if = "Option::is_none")]
        service: Option<String>,
        platform_version: Version,
        revision: u32,
    },
    /// Running tasks an `import-fleet` event placed, counted per service (or standalone) and version.
    #[serde(rename_all = "camelCase")]
    TasksImported {
        #[serde(skip_serializing_if = "Option::is_none")]
        service: Option<String>,
        platform_version: Version,
        revision: u32,
        count: u32,
    },
    #[serde(rename_all = "camelCase")]
    PlacementFailed {
        service: String,
        platform_version: Version,
        count: u32,
        reason: String,
    },
    ServiceDeleted {
        service: String,
    },
    #[serde(rename_all = "camelCase")]
    ClusterCreated {
        cluster: String,
        fargate_version: Version,
    },
    ClusterUpdated {
        cluster: String,
        from: Version,
        to: Version,
    },
    #[serde(rename_all = "camelCase")]
    PodStarted {
        cluster: String,
        pod: String,
        platform_version: Version,
        revision: u32,
    },
    #[serde(rename_all = "camelCase")]
    PodStopped {
        cluster: String,
        pod: String,
        platform_version: Version,
        revision: u32,
        reason: StopReason,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum StopReason {
    ScaleIn,
    NewDeployment,
    Recycled,
    StoppedByUser,
    ServiceDeleted,
    RevisionRetired,
    VersionRecalled,
}

impl StopReason {
    pub fn as_str(self) -> &'static str {
        match self {
            StopReason::ScaleIn => "scale-in",
            StopReason::NewDeployment => "new-deployment",
            StopReason::Recycled => "recycled",
            StopReason::StoppedByUser => "stopped-by-user",
            StopReason::ServiceDeleted => "service-deleted",
            StopReason::RevisionRetired => "revision-retired",
            StopReason::VersionRecalled => "version-recalled",
        }
    }
}

impl Serialize for StopReason {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

/// The outcome of one event: what the trace step shows besides the state.
#[derive(Clone, Debug, PartialEq)]
pub struct StepRecord {
    pub at: Instant,
    pub event: Json,
    pub rejection: Option<Rejection>,
    pub explanation: String,
    pub changes: Vec<Change>,
    pub warnings: Vec<String>,
    /// Tasks and pods started or stopped plus other changes, recorded or not (see `replay`).
    pub work: usize,
    /// With `apply_counted`: task and pod changes as counts instead of one change each.
    pub tallies: Vec<Tally>,
}

/// Task or pod changes of one kind, owner, version, revision and reason, counted; `position` is
/// where the first of them happened among `changes`.
#[derive(Clone, Debug, PartialEq)]
pub struct Tally {
    pub position: usize,
    pub kind: &'static str,
    /// `("service", name)` for service tasks, `("cluster", name)` for pods, `None` standalone.
    pub owner: Option<(&'static str, String)>,
    pub platform_version: Version,
    pub revision: u32,
    pub reason: Option<StopReason>,
    pub count: u32,
}

/// A replay error of one event: the field at fault (if any) and what is wrong.
#[derive(Clone, Debug, PartialEq)]
pub struct Fail {
    /// A JSON Pointer relative to the event, without the leading `/` (`desiredCount`,
    /// `services/3/deployments/0/platformVersion`).
    pub(crate) field: Option<String>,
    pub(crate) kind: Box<ErrorKind>,
}

impl Fail {
    /// Locates the failure inside the document, at the event's path.
    pub fn at(self, event_path: &str) -> ScenarioError {
        let path = match self.field {
            Some(field) => format!("{event_path}/{field}"),
            None => event_path.to_string(),
        };
        ScenarioError::new(path, *self.kind)
    }
}

fn transition(field: &'static str) -> impl Fn(Transition) -> Fail {
    move |t| Fail {
        field: Some(field.to_string()),
        kind: Box::new(ErrorKind::InvalidTransition(t)),
    }
}

enum Outcome {
    Applied(String),
    Rejected(Rejection, String),
}

/// Applies one event without recording its changes: for replaying towards a later step. Returns
/// the work done (tasks and pods started or stopped, plus other changes), which the playground
/// uses to space its checkpoints.
pub fn replay(world: &mut World, event: &TimedEvent) -> Result<usize, Fail> {
    let mut step = Step::new(world, event.at, false, false);
    step.run(&event.action)?;
    Ok(step.changes.len() + step.unrecorded)
}

/// Applies one event. On `Err` the world is unchanged: every check runs before any change.
pub fn apply(world: &mut World, event: &TimedEvent) -> Result<StepRecord, Fail> {
    record_step(world, event, false)
}

/// Like `apply`, but tasks and pods started or stopped in bulk are counted in `tallies` rather than
/// listed one by one: what a summary needs, without a change per task of a large fleet.
pub fn apply_counted(world: &mut World, event: &TimedEvent) -> Result<StepRecord, Fail> {
    record_step(world, event, true)
}

fn record_step(world: &mut World, event: &TimedEvent, counted: bool) -> Result<StepRecord, Fail> {
    let mut step = Step::new(world, event.at, true, counted);
    let outcome = step.run(&event.action)?;
    let (rejection, explanation) = match outcome {
        Outcome::Applied(explanation) => (None, explanation),
        Outcome::Rejected(rejection, why) => {
            let explanation = format!(
                "AWS rejected this {}: {} ({}) {}",
                event.action.name(),
                rejection,
                rejection.code(),
                why
            );
            (Some(rejection), explanation.trim_end().to_string())
        }
    };
    Ok(StepRecord {
        at: event.at,
        event: event.action.to_json(event.note.as_deref()),
        rejection,
        explanation,
        work: step.changes.len() + step.unrecorded,
        tallies: step.counted.unwrap_or_default(),
        changes: step.changes,
        warnings: step.warnings,
    })
}

struct Step<'w> {
    world: &'w mut World,
    /// Record changes and full explanations. Off when replaying towards another step, where only
    /// the resulting world matters.
    record: bool,
    at: Instant,
    changes: Vec<Change>,
    warnings: Vec<String>,
    /// Task and pod changes left out because `record` is off: the work a replay did.
    unrecorded: usize,
    /// `Some` when bulk task and pod changes are counted instead of listed (`apply_counted`).
    counted: Option<Vec<Tally>>,
    /// Where each tally is in `counted`, for owners that come back after others.
    tally_index: HashMap<TallyKey, usize>,
}

type TallyKey = (
    &'static str,
    Option<(&'static str, String)>,
    Version,
    u32,
    Option<StopReason>,
);

fn transition_at(field: String, t: Transition) -> Fail {
    Fail {
        field: Some(field),
        kind: Box::new(ErrorKind::InvalidTransition(t)),
    }
}

/// Up to five names, then how many more: a sentence must stay readable for 5,000 services.
fn listed<S: AsRef<str>>(names: &[S]) -> String {
    const SHOWN: usize = 5;
    let shown: Vec<&str> = names.iter().take(SHOWN).map(AsRef::as_ref).collect();
    match names.len().saturating_sub(SHOWN) {
        0 => shown.join(", "),
        more => format!("{} and {more} more", shown.join(", ")),
    }
}

/// The names imported services take: a name that several clusters use gets its cluster as a
/// prefix (`staging--web`), since a playground's service names are one namespace.
pub fn imported_names(fleet: &ImportedFleet) -> Vec<String> {
    let mut uses: HashMap<&str, usize> = HashMap::new();
    for service in &fleet.services {
        *uses.entry(service.name.as_str()).or_default() += 1;
    }
    fleet
        .services
        .iter()
        .map(|s| match (&s.cluster, uses[s.name.as_str()]) {
            (Some(cluster), 2..) => format!("{cluster}--{}", s.name),
            _ => s.name.clone(),
        })
        .collect()
}

fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

impl<'w> Step<'w> {
    fn new(world: &'w mut World, at: Instant, record: bool, counted: bool) -> Step<'w> {
        Step {
            world,
            record,
            at,
            changes: Vec::new(),
            warnings: Vec::new(),
            unrecorded: 0,
            counted: counted.then(Vec::new),
            tally_index: HashMap::new(),
        }
    }

    fn catalog(&self) -> &Catalog {
        &self.world.catalog
    }

    fn v(&self, id: VersionId) -> Version {
        self.catalog().get(id).version
    }

    fn known(
        &self,
        family: Family,
        version: Version,
        field: &'static str,
    ) -> Result<VersionId, Fail> {
        self.catalog().find(family, version).ok_or_else(|| Fail {
            field: Some(field.to_string()),
            kind: Box::new(ErrorKind::UnknownVersion { version, family }),
        })
    }

    /// The 1,000,000 running-tasks limit, checked before anything starts.
    fn capacity(&self, extra: u64, field: Option<&str>) -> Result<(), Fail> {
        let would_run = self.world.fleet.running() + extra;
        if would_run > MAX_RUNNING_TASKS {
            return Err(Fail {
                field: field.map(str::to_string),
                kind: Box::new(ErrorKind::LimitExceeded(Limit::RunningTasks { would_run })),
            });
        }
        Ok(())
    }

    fn latest_label(&self, family: Family) -> String {
        match self.catalog().latest(family) {
            Some(id) => self.v(id).to_string(),
            None => "nothing yet".to_string(),
        }
    }

    fn warn_if_deprecating(&mut self, id: VersionId, what: &str) {
        let info = self.catalog().get(id);
        if info.state.capabilities().warns_on_use {
            let warning = format!(
                "{what} on {}, which is deprecating (AWS: scheduled for deprecation); plan a move to a newer version.",
                info.label()
            );
            self.warnings.push(warning);
        }
    }

    /// Starts up to `count` tasks of service `s` on its PRIMARY deployment's version, newest
    /// revision. A retired or recalled version cannot place them: the step records the shortfall.
    fn start_service_tasks(&mut self, s: usize, count: u32) -> u32 {
        if count == 0 {
            return 0;
        }
        let version = self.world.fleet.services[s].primary().version;
        let info = self.catalog().get(version);
        let (pv, state, revision) = (info.version, info.state, info.newest_revision());
        let name = self.world.fleet.services[s].name.clone();
        if !state.capabilities().starts_tasks {
            self.changes.push(Change::PlacementFailed {
                service: name,
                platform_version: pv,
                count,
                reason: format!(
                    "{pv} is {}: no new tasks can start on it; only a new deployment fixes this",
                    state.as_str()
                ),
            });
            return 0;
        }
        let numbers = self.world.fleet.take_task_numbers(&name, count);
        let at = self.at;
        self.world.fleet.services[s]
            .tasks
            .extend(numbers.iter().map(|&number| ServiceTask {
                number,
                version,
                revision,
                started_at: at,
            }));
        for number in numbers {
            if !self.tallied(
                "task-started",
                Some(("service", &name)),
                version,
                revision,
                None,
            ) {
                self.changes.push(Change::TaskStarted {
                    task: format!("{name}-{number}"),
                    service: Some(name.clone()),
                    platform_version: pv,
                    revision,
                });
            }
        }
        count
    }

    /// Counts one bulk task or pod change when counting; `false` when it must be listed instead.
    fn tallied(
        &mut self,
        kind: &'static str,
        owner: Option<(&'static str, &str)>,
        version: VersionId,
        revision: u32,
        reason: Option<StopReason>,
    ) -> bool {
        if !self.record {
            self.unrecorded += 1;
            return true;
        }
        let platform_version = self.v(version);
        let position = self.changes.len();
        let Some(tallies) = self.counted.as_mut() else {
            return false;
        };
        self.unrecorded += 1;
        // Bulk changes come in runs of one owner, so the newest tallies are the likely match.
        let same = |t: &Tally| {
            t.kind == kind
                && t.platform_version == platform_version
                && t.revision == revision
                && t.reason == reason
                && t.owner.as_ref().map(|(k, n)| (*k, n.as_str())) == owner
        };
        if let Some(tally) = tallies.iter_mut().rev().take(8).find(|t| same(t)) {
            tally.count += 1;
            return true;
        }
        let key = (
            kind,
            owner.map(|(k, n)| (k, n.to_string())),
            platform_version,
            revision,
            reason,
        );
        match self.tally_index.get(&key) {
            Some(&i) => tallies[i].count += 1,
            None => {
                self.tally_index.insert(key.clone(), tallies.len());
                tallies.push(Tally {
                    position,
                    kind,
                    owner: key.1,
                    platform_version,
                    revision,
                    reason,
                    count: 1,
                });
            }
        }
        true
    }

    fn stopped_service_task(&mut self, service: &str, task: ServiceTask, reason: StopReason) {
        if self.tallied(
            "task-stopped",
            Some(("service", service)),
            task.version,
            task.revision,
            Some(reason),
        ) {
            return;
        }
        let change = Change::TaskStopped {
            task: format!("{service}-{}", task.number),
            service: Some(service.to_string()),
            platform_version: self.v(task.version),
            revision: task.revision,
            reason,
        };
        self.changes.push(change);
    }

    fn stop_all_service_tasks(&mut self, s: usize, reason: StopReason) -> usize {
        let tasks = std::mem::take(&mut self.world.fleet.services[s].tasks);
        let name = self.world.fleet.services[s].name.clone();
        let n = tasks.len();
        for task in tasks {
            self.stopped_service_task(&name, task, reason);
        }
        n
    }

    /// The distinct revisions a service's tasks run (for the explanation; empty when not
    /// recording, since it costs a pass over the tasks).
    fn revisions_of(&self, s: usize) -> Vec<u32> {
        if !self.record {
            return Vec::new();
        }
        let mut revisions: Vec<u32> = self.world.fleet.services[s]
            .tasks
            .iter()
            .map(|t| t.revision)
            .collect();
        revisions.sort_unstable();
        revisions.dedup();
        revisions
    }

    fn run(&mut self, action: &Action) -> Result<Outcome, Fail> {
        match action {
            Action::ReleaseVersion {
                version,
                family,
                features,
            } => self.release(*version, *family, features),
            Action::PublishRevision {
                version,
                family,
                features,
            } => self.publish(*version, *family, features),
            Action::MoveLatest { to, family } => self.move_latest(*to, *family),
            Action::SetVersionState {
                version,
                family,
                state,
            } => self.set_state(*version, *family, *state),
            Action::ForceUpdate { version, family } => self.force_update(*version, *family),
            Action::RetireRevision {
                version,
                family,
                revision,
            } => self.retire_revision(*version, *family, *revision),
            Action::CreateEksCluster {
                cluster,
                fargate_version,
            } => self.create_cluster(cluster, *fargate_version),
            Action::UpdateEksPlatform {
                cluster,
                fargate_version,
            } => self.update_cluster(cluster, *fargate_version),
            Action::CreateService {
                service,
                platform_version,
                family,
                desired_count,
                requires,
                controller,
            } => self.create_service(
                service,
                platform_version,
                *family,
                *desired_count,
                requires,
                *controller,
            ),
            Action::UpdateService {
                service,
                platform_version,
                force_new_deployment,
                desired_count,
                requires,
            } => self.update_service(
                service,
                platform_version.as_deref(),
                *force_new_deployment,
                *desired_count,
                requires.as_deref(),
            ),
            Action::ScaleService {
                service,
                desired_count,
            } => self.scale_service(service, *desired_count, "desiredCount"),
            Action::RecycleService { service } => self.recycle_service(service),
            Action::DeleteService { service } => self.delete_service(service),
            Action::RunTask {
                task,
                platform_version,
                family,
                count,
                requires,
            } => self.run_task(task, platform_version, *family, *count, requires),
            Action::StopTask { task } => self.stop_task(task),
            Action::RunPod {
                cluster,
                pod,
                count,
            } => self.run_pod(cluster, pod, *count),
            Action::ImportFleet(fleet) => self.import_fleet(fleet),
        }
    }

    // ------------------------------------------------------------------ imported fleet

    /// Places a fleet read from AWS output as it runs: every deployment keeps the version it
    /// resolved when it was created, whatever LATEST means now. Everything is checked first.
    fn import_fleet(&mut self, fleet: &ImportedFleet) -> Result<Outcome, Fail> {
        let names = imported_names(fleet);
        let mut taken: HashSet<&str> = self
            .world
            .fleet
            .services
            .iter()
            .map(|s| s.name.as_str())
            .collect();
        let mut running: u64 = 0;
        let mut versions: Vec<Vec<VersionId>> = Vec::new();
        for (service, name) in fleet.services.iter().zip(&names) {
            if !crate::fleet::valid_name(name) || !taken.insert(name) {
                return Err(transition_at(
                    format!("{}/serviceName", service.path),
                    Transition::ImportedNameTaken {
                        service: name.clone(),
                    },
                ));
            }
            if let Some(version) = Version::parse(&service.requested) {
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
        let mut ids: HashSet<&str> = HashSet::new();
        let mut task_versions = Vec::new();
        for task in &fleet.tasks {
            let field = format!("{}/platformVersion", task.path);
            task_versions.push(self.importable(task.family, task.version, 1, field)?);
            if self.world.fleet.task_id_taken(&task.id) || !ids.insert(&task.id) {
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
        for ((service, name), ids) in fleet.services.iter().zip(names).zip(versions) {
            let mut placed = Service {
                name: name.clone(),
                cluster: service.cluster.clone(),
                family: service.family,
                requested: service.requested.clone(),
                controller: service.controller,
                requires: Vec::new(),
                desired: service.desired,
                deployments: Vec::new(),
                tasks: Vec::new(),
            };
            self.changes.push(Change::ServiceCreated {
                service: name.clone(),
            });
            for (number, (deployment, id)) in (1..).zip(service.deployments.iter().zip(ids)) {
                placed.push_deployment(Deployment {
                    number,
                    version: id,
                    created_at: deployment.created_at.unwrap_or(at),
                });
                let revision = self.catalog().get(id).newest_revision();
                let numbers = self
                    .world
                    .fleet
                    .take_task_numbers(&name, deployment.running);
                placed
                    .tasks
                    .extend(numbers.into_iter().map(|number| ServiceTask {
                        number,
                        version: id,
                        revision,
                        started_at: at,
                    }));
                self.unrecorded += deployment.running as usize;
                if self.record {
                    self.changes.push(Change::DeploymentCreated {
                        service: name.clone(),
                        deployment: format!("{name}/{number}"),
                        platform_version: deployment.version,
                        requested: service.requested.clone(),
                    });
                    if deployment.running > 0 {
                        self.changes.push(Change::TasksImported {
                            service: Some(name.clone()),
                            platform_version: deployment.version,
                            revision,
                            count: deployment.running,
                        });
                    }
                }
            }
            self.world.fleet.services.push(placed);
        }
        let mut standalone: Vec<(&ImportedTask, VersionId)> =
            fleet.tasks.iter().zip(task_versions).collect();
        standalone.sort_by_key(|(task, _)| task.started_at.unwrap_or(at));
        let mut groups: Vec<(VersionId, u32, u32)> = Vec::new();
        for (task, id) in standalone {
            let revision = self.catalog().get(id).newest_revision();
            self.world.fleet.add_standalone(
                task.family,
                Workload {
                    id: task.id.clone(),
                    version: id,
                    revision,
                    started_at: task.started_at.unwrap_or(at),
                },
            );
            match groups.iter_mut().find(|(v, _, _)| *v == id) {
                Some(group) => group.2 += 1,
                None => groups.push((id, revision, 1)),
            }
        }
        if self.record {
            for (id, revision, count) in groups {
                let platform_version = self.v(id);
                self.changes.push(Change::TasksImported {
                    service: None,
                    platform_version,
                    revision,
                    count,
                });
            }
            self.import_warnings(fleet.services.len());
        }
        Ok(Outcome::Applied(if self.record {
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
        let id = self.catalog().find(family, version).ok_or_else(|| Fail {
            field: Some(field.clone()),
            kind: Box::new(ErrorKind::UnknownVersion { version, family }),
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
        let first = self.world.fleet.services.len() - imported;
        let mut by_version: Vec<(VersionId, Vec<&str>)> = Vec::new();
        for service in &self.world.fleet.services[first..] {
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
        self.warnings.extend(warnings);
    }

    fn import_explanation(&self, fleet: &ImportedFleet) -> String {
        let services =
            &self.world.fleet.services[self.world.fleet.services.len() - fleet.services.len()..];
        let mut clusters: Vec<&str> = fleet
            .services
            .iter()
            .filter_map(|s| s.cluster.as_deref())
            .collect();
        clusters.sort_unstable();
        clusters.dedup();
        let tasks: usize = services.iter().map(|s| s.tasks.len()).sum();
        let mut text = format!(
            "Imported your fleet as it ran on {}: {}{} running {}, and {}.",
            self.at.date(),
            plural(services.len(), "Fargate service", "Fargate services"),
            match clusters.len() {
                0 => String::new(),
                n => format!(" in {}", plural(n, "cluster", "clusters")),
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
            .filter(|s| s.requested == LATEST)
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

    // ------------------------------------------------------------------ AWS side

    fn release(
        &mut self,
        version: Version,
        family: Family,
        features: &[String],
    ) -> Result<Outcome, Fail> {
        self.world
            .catalog
            .release(family, version, features)
            .map_err(transition("version"))?;
        self.changes
            .push(Change::VersionReleased { version, family });
        let offers = if features.is_empty() {
            String::new()
        } else {
            format!(" (supports {})", features.join(", "))
        };
        let latest = match self.catalog().latest(family) {
            None => format!("LATEST ({family}) does not point anywhere yet; a move-latest event sets it."),
            Some(id) => format!(
                "LATEST ({family}) still means {}: releasing a version does not move LATEST, so only customers who ask for {version} explicitly get it.",
                self.v(id)
            ),
        };
        Ok(Outcome::Applied(format!(
            "AWS released platform version {version} ({family}) as revision 1{offers}. {latest}"
        )))
    }

    fn publish(
        &mut self,
        version: Version,
        family: Family,
        added: &[String],
    ) -> Result<Outcome, Fail> {
        let id = self.known(family, version, "version")?;
        let revision = self
            .world
            .catalog
            .publish_revision(id, added)
            .map_err(transition("version"))?;
        self.changes.push(Change::RevisionPublished {
            version,
            family,
            revision,
        });
        let adds = if added.is_empty() {
            String::new()
        } else {
            format!(", adding {}", added.join(", "))
        };
        Ok(Outcome::Applied(format!(
            "AWS published revision {revision} of {version} ({family}){adds}. Revisions are invisible patches: running tasks keep theirs, and every task started on {version} from now on gets revision {revision}."
        )))
    }

    fn move_latest(&mut self, to: Version, family: Family) -> Result<Outcome, Fail> {
        let id = self.known(family, to, "to")?;
        let from = self
            .world
            .catalog
            .move_latest(id)
            .map_err(transition("to"))?;
        if from == Some(id) {
            return Ok(Outcome::Applied(format!(
                "LATEST ({family}) already meant {to}; nothing changes."
            )));
        }
        let from_version = from.map(|f| self.v(f));
        self.changes.push(Change::LatestMoved {
            family,
            from: from_version,
            to,
        });
        if self.catalog().get(id).state == State::Deprecating {
            self.warnings.push(format!(
                "LATEST ({family}) now means {to}, which is deprecating (AWS: scheduled for deprecation)."
            ));
        }
        let was = from_version.map_or("it pointed nowhere before".to_string(), |v| {
            format!("it meant {v} before")
        });
        let behind: Vec<String> = self
            .world
            .fleet
            .services
            .iter()
            .filter(|s| {
                self.record
                    && s.family == family
                    && s.requested == LATEST
                    && s.primary().version != id
            })
            .map(|s| format!("{} still runs {}", s.name, self.v(s.primary().version)))
            .collect();
        let running = if behind.is_empty() {
            String::new()
        } else {
            format!(
                " The LATEST services keep their resolved version: {}.",
                behind.join(", ")
            )
        };
        Ok(Outcome::Applied(format!(
            "AWS moved LATEST ({family}) to {to} ({was}). Nothing that runs changes: only new launches and new deployments resolve LATEST to {to}.{running}"
        )))
    }

    fn set_state(&mut self, version: Version, family: Family, to: State) -> Result<Outcome, Fail> {
        let id = self.known(family, version, "version")?;
        let from = self
            .world
            .catalog
            .set_state(id, to)
            .map_err(transition("state"))?;
        self.changes.push(Change::VersionStateChanged {
            version,
            family,
            from,
            to,
        });
        let label = format!("{version} ({family})");
        let mut text = format!(
            "{label} went from {} to {} (teaching model; AWS: {}). ",
            from.as_str(),
            to.as_str(),
            to.aws_term()
        );
        text.push_str(match to {
            State::Active => "New tasks and services may start on it again without a warning.",
            State::Deprecating => "New tasks and services may still start on it, with a warning; running tasks are untouched.",
            State::Retired => "Running tasks keep running, but nothing new starts on it and it receives no more patches; services that need more tasks on it cannot place them.",
            State::Recalled => "",
        });
        if to == State::Recalled {
            let stopped = self.recall(id);
            text.push_str(&format!(
                "AWS terminated what still ran on it: {} stopped; service tasks cannot be replaced on it, so only a new deployment brings those services back.",
                plural(stopped, "task or pod", "tasks and pods")
            ));
        }
        Ok(Outcome::Applied(text))
    }

    /// Stops every task and pod on a recalled version; returns how many.
    fn recall(&mut self, id: VersionId) -> usize {
        let mut stopped = 0;
        for s in 0..self.world.fleet.services.len() {
            let service = &mut self.world.fleet.services[s];
            let (gone, kept): (Vec<ServiceTask>, Vec<ServiceTask>) =
                std::mem::take(&mut service.tasks)
                    .into_iter()
                    .partition(|t| t.version == id);
            service.tasks = kept;
            let name = service.name.clone();
            stopped += gone.len();
            for task in gone.iter() {
                self.stopped_service_task(&name, *task, StopReason::VersionRecalled);
            }
            if !gone.is_empty() {
                let pv = self.v(id);
                self.changes.push(Change::PlacementFailed {
                    service: name,
                    platform_version: pv,
                    count: gone.len() as u32,
                    reason: format!("{pv} is recalled: its tasks cannot be replaced; only a new deployment fixes this"),
                });
            }
        }
        stopped += self.stop_standalone(|t| t.version == id, StopReason::VersionRecalled);
        stopped += self.stop_pods(|p| p.version == id, StopReason::VersionRecalled);
        stopped
    }

    fn stop_standalone(
        &mut self,
        matches: impl Fn(&Workload) -> bool,
        reason: StopReason,
    ) -> usize {
        let gone = self.world.fleet.drain_standalone(matches);
        for (_, task) in gone.iter() {
            if self.tallied(
                "task-stopped",
                None,
                task.version,
                task.revision,
                Some(reason),
            ) {
                continue;
            }
            let change = Change::TaskStopped {
                task: task.id.clone(),
                service: None,
                platform_version: self.v(task.version),
                revision: task.revision,
                reason,
            };
            self.changes.push(change);
        }
        gone.len()
    }

    fn stop_pods(&mut self, matches: impl Fn(&Workload) -> bool, reason: StopReason) -> usize {
        let mut stopped = 0;
        for c in 0..self.world.fleet.clusters.len() {
            let cluster = &mut self.world.fleet.clusters[c];
            let (gone, kept): (Vec<Workload>, Vec<Workload>) = std::mem::take(&mut cluster.pods)
                .into_iter()
                .partition(&matches);
            cluster.pods = kept;
            let name = cluster.name.clone();
            stopped += gone.len();
            for pod in gone.into_iter() {
                if self.tallied(
                    "pod-stopped",
                    Some(("cluster", &name)),
                    pod.version,
                    pod.revision,
                    Some(reason),
                ) {
                    continue;
                }
                let change = Change::PodStopped {
                    cluster: name.clone(),
                    pod: pod.id,
                    platform_version: self.v(pod.version),
                    revision: pod.revision,
                    reason,
                };
                self.changes.push(change);
            }
        }
        stopped
    }

    fn force_update(&mut self, version: Version, family: Family) -> Result<Outcome, Fail> {
        let id = self.known(family, version, "version")?;
        let targets: Vec<usize> = (0..self.world.fleet.services.len())
            .filter(|&s| {
                let service = &self.world.fleet.services[s];
                service.family == family
                    && service.requested == LATEST
                    && service.primary().version == id
            })
            .collect();
        // Plan every redeployment first, so that a limit error leaves the world untouched.
        let mut plans = Vec::new();
        let mut kept = Vec::new();
        let mut extra: i64 = 0;
        for &s in &targets {
            let service = &self.world.fleet.services[s];
            match resolve(self.catalog(), family, LATEST, &service.requires) {
                Ok(resolved) => {
                    extra += i64::from(service.desired) - service.tasks.len() as i64;
                    plans.push((s, resolved));
                }
                Err(rejection) => kept.push(format!(
                    "{} keeps deployment {} ({rejection})",
                    service.name,
                    service.primary().number
                )),
            }
        }
        self.capacity(extra.max(0) as u64, None)?;
        let latest = self.latest_label(family);
        let mut moved = Vec::new();
        for (s, resolved) in plans {
            let number = self.new_deployment(s, resolved, None, StopReason::NewDeployment);
            let service = &self.world.fleet.services[s];
            moved.push(format!(
                "{} gets deployment {number} on {}",
                service.name,
                self.v(resolved.version)
            ));
        }
        let untouched: Vec<String> = self
            .world
            .fleet
            .services
            .iter()
            .filter(|s| s.family == family && s.requested != LATEST && s.primary().version == id)
            .map(|s| format!("{} (pinned to {})", s.name, s.requested))
            .collect();
        let mut text = if targets.is_empty() {
            format!("AWS force-updated the LATEST services of {family} still on {version}, but there were none; nothing changes.")
        } else {
            format!(
                "AWS force-updated every {family} service that asked for LATEST and still ran {version}: each gets a new deployment that re-resolves LATEST now, when it means {latest}. {}.",
                if moved.is_empty() { "No service could move".to_string() } else { listed(&moved).replace(", ", "; ") }
            )
        };
        if !kept.is_empty() {
            text.push_str(&format!(
                " Not moved: {}.",
                listed(&kept).replace(", ", "; ")
            ));
        }
        if !untouched.is_empty() {
            text.push_str(&format!(
                " Untouched because they name an explicit version: {}.",
                listed(&untouched)
            ));
        }
        text.push_str(" Standalone tasks are never force-updated.");
        Ok(Outcome::Applied(text))
    }

    /// Makes `resolved` the PRIMARY deployment of service `s`: all old tasks stop, then
    /// `desired` (or the service's desiredCount) start on it. Returns the deployment number.
    fn new_deployment(
        &mut self,
        s: usize,
        resolved: Resolved,
        desired: Option<u32>,
        reason: StopReason,
    ) -> u32 {
        let at = self.at;
        let service = &mut self.world.fleet.services[s];
        let number = service.primary().number + 1;
        service.push_deployment(Deployment {
            number,
            version: resolved.version,
            created_at: at,
        });
        if let Some(desired) = desired {
            service.desired = desired;
        }
        let (name, requested, desired) = (
            service.name.clone(),
            service.requested.clone(),
            service.desired,
        );
        let pv = self.v(resolved.version);
        self.changes.push(Change::DeploymentCreated {
            service: name.clone(),
            deployment: format!("{name}/{number}"),
            platform_version: pv,
            requested,
        });
        self.stop_all_service_tasks(s, reason);
        self.start_service_tasks(s, desired);
        number
    }

    fn retire_revision(
        &mut self,
        version: Version,
        family: Family,
        revision: f64,
    ) -> Result<Outcome, Fail> {
        let id = self.known(family, version, "version")?;
        // Replacements never outnumber the stopped tasks, so the running-tasks limit holds.
        let revision = self
            .world
            .catalog
            .retire_revision(id, revision)
            .map_err(transition("revision"))?;
        let on_it = |t: &ServiceTask| t.version == id && t.revision == revision;
        let mut replaced = Vec::new();
        let mut stopped = 0;
        for s in 0..self.world.fleet.services.len() {
            let service = &mut self.world.fleet.services[s];
            let (gone, kept): (Vec<ServiceTask>, Vec<ServiceTask>) =
                std::mem::take(&mut service.tasks)
                    .into_iter()
                    .partition(on_it);
            service.tasks = kept;
            let name = service.name.clone();
            for task in &gone {
                self.stopped_service_task(&name, *task, StopReason::RevisionRetired);
            }
            stopped += gone.len();
            if !gone.is_empty() {
                let started = self.start_service_tasks(s, gone.len() as u32);
                replaced.push(format!("{name}: {} of {} replaced", started, gone.len()));
            }
        }
        let standalone = self.stop_standalone(
            |t| t.version == id && t.revision == revision,
            StopReason::RevisionRetired,
        );
        let pods = self.stop_pods(
            |p| p.version == id && p.revision == revision,
            StopReason::RevisionRetired,
        );
        let newest = self.catalog().get(id).newest_revision();
        let mut text = format!(
            "AWS retired revision {revision} of {version} ({family}): {} on it stopped",
            plural(stopped + standalone + pods, "task or pod", "tasks and pods")
        );
        if !replaced.is_empty() {
            text.push_str(&format!(
                ". The service scheduler replaces service tasks on the same version's newest revision, {newest} ({})",
                replaced.join("; ")
            ));
        }
        text.push_str(". Standalone tasks and pods are not replaced.");
        Ok(Outcome::Applied(text))
    }

    fn startable_cluster_version(&self, version: Version) -> Result<VersionId, Fail> {
        let id = self.known(Family::Linux, version, "fargateVersion")?;
        let state = self.catalog().get(id).state;
        if !state.capabilities().starts_tasks {
            return Err(transition("fargateVersion")(
                Transition::ClusterVersionCannotStart { version, state },
            ));
        }
        Ok(id)
    }

    fn create_cluster(&mut self, cluster: &str, version: Version) -> Result<Outcome, Fail> {
        if self.world.fleet.cluster(cluster).is_some() {
            return Err(transition("cluster")(Transition::ClusterExists {
                cluster: cluster.to_string(),
            }));
        }
        let id = self.startable_cluster_version(version)?;
        self.world.fleet.clusters.push(Cluster {
            name: cluster.to_string(),
            fargate_version: id,
            pods: Vec::new(),
        });
        self.changes.push(Change::ClusterCreated {
            cluster: cluster.to_string(),
            fargate_version: version,
        });
        Ok(Outcome::Applied(format!(
            "AWS created EKS cluster {cluster}; its Fargate pods run {version}. EKS picks this version itself: there is no LATEST and no customer choice (ECS's LATEST means {} now).",
            self.latest_label(Family::Linux)
        )))
    }

    fn update_cluster(&mut self, cluster: &str, version: Version) -> Result<Outcome, Fail> {
        let c = self.world.fleet.cluster(cluster).ok_or_else(|| {
            transition("cluster")(Transition::UnknownCluster {
                cluster: cluster.to_string(),
            })
        })?;
        let id = self.startable_cluster_version(version)?;
        let from = self.v(self.world.fleet.clusters[c].fargate_version);
        self.world.fleet.clusters[c].fargate_version = id;
        self.changes.push(Change::ClusterUpdated {
            cluster: cluster.to_string(),
            from,
            to: version,
        });
        Ok(Outcome::Applied(format!(
            "EKS moved cluster {cluster}'s Fargate platform from {from} to {version}: pods started from now on run {version}; running pods keep theirs."
        )))
    }

    // ------------------------------------------------------------------ customer side

    fn service_index(&self, service: &str) -> Result<usize, Rejection> {
        self.world
            .fleet
            .service(service)
            .ok_or(Rejection::ServiceNotFound {
                service: service.to_string(),
            })
    }

    /// Why a resolution failed, in words, for the explanation after AWS's message.
    fn why_rejected(&self, rejection: &Rejection, family: Family) -> String {
        match rejection {
            Rejection::UnknownPlatform { requested, family } => format!(
                "{} is not a {family} platform version: version strings are exact (LATEST or MAJOR.MINOR.PATCH, like 1.4.0), and Linux and Windows versions are separate lists.",
                crate::error::quoted(requested)
            ),
            Rejection::LatestUnset { family } => format!("LATEST ({family}) does not point to any version yet."),
            Rejection::CannotStart { version, state } => format!(
                "{version} is {} (AWS: {}); ask for an active version.",
                state.as_str(),
                state.aws_term()
            ),
            Rejection::Incompatible { version, missing } => format!(
                "The request resolved to {version}, whose newest revision does not support {}. Capabilities are checked against the resolved version, not the newest release (LATEST means {}).",
                missing.join(", "),
                self.latest_label(family)
            ),
            Rejection::ServiceNotFound { service } => format!("There is no service named {}.", crate::error::quoted(service)),
            Rejection::ClusterNotFound { cluster } => format!("There is no EKS cluster named {}.", crate::error::quoted(cluster)),
            Rejection::DuplicateService { service } => format!("A service named {service} already exists."),
            Rejection::TaskNotFound { task } => format!("No running task has the id {}.", crate::error::quoted(task)),
            Rejection::InvalidName { .. }
            | Rejection::DuplicateTask { .. }
            | Rejection::DuplicatePod { .. }
            | Rejection::InvalidCount { .. } => String::new(),
        }
    }

    fn reject(&self, rejection: Rejection, family: Family) -> Outcome {
        let why = self.why_rejected(&rejection, family);
        Outcome::Rejected(rejection, why)
    }

    /// "web asked for LATEST; LATEST meant 1.2.0 on 2019-01-10" or "web asked for 1.4.0 explicitly".
    fn resolution_words(
        &self,
        who: &str,
        requested: &str,
        resolved: Resolved,
        family: Family,
    ) -> String {
        let version = self.v(resolved.version);
        if resolved.via_latest {
            format!(
                "{who} asked for LATEST; LATEST ({family}) meant {version} on {}",
                self.at.date()
            )
        } else {
            format!("{who} asked for {requested} explicitly")
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn create_service(
        &mut self,
        service: &str,
        requested: &str,
        family: Family,
        desired: crate::fleet::Count,
        requires: &[String],
        controller: Controller,
    ) -> Result<Outcome, Fail> {
        let resolved = match resolve(self.catalog(), family, requested, requires) {
            Ok(r) => r,
            Err(rejection) => return Ok(self.reject(rejection, family)),
        };
        let checks = check_name("service name", service)
            .and_then(|_| match self.world.fleet.service(service) {
                Some(_) => Err(Rejection::DuplicateService {
                    service: service.to_string(),
                }),
                None => Ok(()),
            })
            .and_then(|_| check_count("desiredCount", desired));
        let desired = match checks {
            Ok(d) => d,
            Err(rejection) => return Ok(self.reject(rejection, family)),
        };
        self.capacity(u64::from(desired), Some("desiredCount"))?;
        let at = self.at;
        self.world.fleet.services.push(Service {
            name: service.to_string(),
            cluster: None,
            family,
            requested: requested.to_string(),
            controller,
            requires: requires.to_vec(),
            desired,
            deployments: vec![Deployment {
                number: 1,
                version: resolved.version,
                created_at: at,
            }],
            tasks: Vec::new(),
        });
        let s = self.world.fleet.services.len() - 1;
        let pv = self.v(resolved.version);
        self.changes.push(Change::ServiceCreated {
            service: service.to_string(),
        });
        self.changes.push(Change::DeploymentCreated {
            service: service.to_string(),
            deployment: format!("{service}/1"),
            platform_version: pv,
            requested: requested.to_string(),
        });
        self.start_service_tasks(s, desired);
        self.warn_if_deprecating(resolved.version, &format!("{service} starts tasks"));
        let mut text = format!(
            "{}, so deployment 1 is pinned to {pv}. {} on revision {}, {pv}'s newest patch.",
            self.resolution_words(service, requested, resolved, family),
            match desired {
                0 => "No tasks start (desiredCount 0); any started later will run".to_string(),
                1 => "1 task starts".to_string(),
                n => format!("{n} tasks start"),
            },
            resolved.revision
        );
        if controller == Controller::CodeDeploy {
            text.push_str(&format!(
                " With the CODE_DEPLOY controller, describe-services shows the resolved {pv} as the service's platformVersion, not {requested}."
            ));
        } else if resolved.via_latest {
            text.push_str(&format!(
                " describe-services will keep showing LATEST for the service while its deployment and tasks show {pv}."
            ));
        }
        Ok(Outcome::Applied(text))
    }

    fn update_service(
        &mut self,
        service: &str,
        platform_version: Option<&str>,
        force: bool,
        desired: Option<crate::fleet::Count>,
        requires: Option<&[String]>,
    ) -> Result<Outcome, Fail> {
        let s = match self.service_index(service) {
            Ok(s) => s,
            Err(rejection) => return Ok(self.reject(rejection, Family::Linux)),
        };
        if platform_version.is_none() && !force && requires.is_none() {
            return match desired {
                Some(count) => self.scale_service(service, count, "desiredCount"),
                None => Ok(Outcome::Applied(format!(
                    "{service} was updated with nothing to change: no new deployment, no task changes, and LATEST is not re-resolved."
                ))),
            };
        }
        let current = &self.world.fleet.services[s];
        let family = current.family;
        let requested = platform_version.unwrap_or(&current.requested).to_string();
        let requires: Vec<String> =
            requires.map_or_else(|| current.requires.clone(), <[String]>::to_vec);
        let old = (
            current.primary().number,
            current.primary().version,
            current.tasks.len(),
            current.desired,
        );
        let resolved = match resolve(self.catalog(), family, &requested, &requires) {
            Ok(r) => r,
            Err(rejection) => return Ok(self.reject(rejection, family)),
        };
        let desired = match desired.map(|d| check_count("desiredCount", d)).transpose() {
            Ok(d) => d,
            Err(rejection) => return Ok(self.reject(rejection, family)),
        };
        let new_desired = desired.unwrap_or(old.3);
        self.capacity(
            u64::from(new_desired).saturating_sub(old.2 as u64),
            Some("desiredCount"),
        )?;
        let service_mut = &mut self.world.fleet.services[s];
        service_mut.requested = requested.clone();
        service_mut.requires = requires;
        let number = self.new_deployment(s, resolved, desired, StopReason::NewDeployment);
        let pv = self.v(resolved.version);
        self.warn_if_deprecating(resolved.version, &format!("{service} starts tasks"));
        let trigger = match (platform_version, force) {
            (Some(p), _) => format!("with platformVersion {p}"),
            (None, true) => "with forceNewDeployment".to_string(),
            (None, false) => "with new requirements".to_string(),
        };
        let before = self.v(old.1);
        let comparison = if before == pv {
            format!(
                "the same version as deployment {}, but every new task gets the newest patch",
                old.0
            )
        } else {
            format!("deployment {} ran {before}", old.0)
        };
        Ok(Outcome::Applied(format!(
            "Updating {service} {trigger} creates deployment {number}, which resolves the version again: {}, so deployment {number} is pinned to {pv} ({comparison}). {} stopped and {} started on {pv} revision {}.",
            self.resolution_words(service, &requested, resolved, family),
            plural(old.2, "old task", "old tasks"),
            plural(new_desired as usize, "task", "tasks"),
            resolved.revision
        )))
    }

    fn scale_service(
        &mut self,
        service: &str,
        desired: crate::fleet::Count,
        field: &'static str,
    ) -> Result<Outcome, Fail> {
        let s = match self.service_index(service) {
            Ok(s) => s,
            Err(rejection) => return Ok(self.reject(rejection, Family::Linux)),
        };
        let family = self.world.fleet.services[s].family;
        let desired = match check_count("desiredCount", desired) {
            Ok(d) => d,
            Err(rejection) => return Ok(self.reject(rejection, family)),
        };
        let running = self.world.fleet.services[s].tasks.len() as u32;
        self.capacity(u64::from(desired.saturating_sub(running)), Some(field))?;
        let previous = std::mem::replace(&mut self.world.fleet.services[s].desired, desired);
        let primary = self.world.fleet.services[s].primary().clone();
        let pv = self.v(primary.version);
        if desired > running {
            let started = self.start_service_tasks(s, desired - running);
            let latest = self.catalog().latest(family);
            let requested = self.world.fleet.services[s].requested.clone();
            let mut text = format!(
                "{service} scaled from {previous} to {desired} tasks. Scale-out reuses deployment {}'s version {pv}",
                primary.number
            );
            if requested == LATEST {
                match latest {
                    Some(l) if l != primary.version => {
                        text.push_str(&format!("; LATEST, now {}, is not re-resolved", self.v(l)))
                    }
                    _ => text.push_str("; LATEST is not re-resolved"),
                }
            }
            if started == 0 {
                text.push_str(&format!(
                    ". But {pv} can no longer start tasks, so none start: runningCount stays {running}."
                ));
            } else {
                let revision = self.catalog().get(primary.version).newest_revision();
                text.push_str(&format!(
                    ". The {} new {} revision {revision}, {pv}'s newest patch",
                    started,
                    if started == 1 {
                        "task gets"
                    } else {
                        "tasks get"
                    }
                ));
                let revisions = self.revisions_of(s);
                if revisions.len() > 1 {
                    let list: Vec<String> = revisions.iter().map(u32::to_string).collect();
                    text.push_str(&format!(
                        ", so {service} now runs one version with mixed patches (revisions {})",
                        list.join(" and ")
                    ));
                }
                text.push('.');
            }
            self.warn_if_deprecating(primary.version, &format!("{service} starts tasks"));
            Ok(Outcome::Applied(text))
        } else if desired < running {
            let tasks = &mut self.world.fleet.services[s].tasks;
            let gone: Vec<ServiceTask> = tasks.drain(desired as usize..).rev().collect();
            let ids: Vec<String> = gone
                .iter()
                .map(|t| format!("{service}-{}", t.number))
                .collect();
            for task in gone {
                self.stopped_service_task(service, task, StopReason::ScaleIn);
            }
            Ok(Outcome::Applied(format!(
                "{service} scaled from {previous} to {desired} tasks: the most recently started stop first ({}). No new deployment, so nothing is re-resolved.",
                ids.join(", ")
            )))
        } else {
            Ok(Outcome::Applied(format!(
                "{service} already runs {running} of {desired} desired tasks; nothing changes."
            )))
        }
    }

    fn recycle_service(&mut self, service: &str) -> Result<Outcome, Fail> {
        let s = match self.service_index(service) {
            Ok(s) => s,
            Err(rejection) => return Ok(self.reject(rejection, Family::Linux)),
        };
        let primary = self.world.fleet.services[s].primary().clone();
        let info = self.catalog().get(primary.version);
        let (pv, state, revision) = (info.version, info.state, info.newest_revision());
        if !state.capabilities().receives_revisions {
            self.warnings.push(format!(
                "{service}'s tasks run {pv}, which is {}: AWS no longer patches or recycles it. Redeploy onto a supported version.",
                state.as_str()
            ));
            return Ok(Outcome::Applied(format!(
                "AWS maintenance skipped {service}: {pv} is {}, so its tasks are not recycled onto a newer patch.",
                state.as_str()
            )));
        }
        let stopped = self.stop_all_service_tasks(s, StopReason::Recycled);
        self.start_service_tasks(s, stopped as u32);
        Ok(Outcome::Applied(format!(
            "AWS recycled {service}'s {}: each is replaced by a task on the version its deployment resolved, {pv}, at its newest patch, revision {revision}. Recycling never re-resolves LATEST.",
            plural(stopped, "task", "tasks")
        )))
    }

    fn delete_service(&mut self, service: &str) -> Result<Outcome, Fail> {
        let s = match self.service_index(service) {
            Ok(s) => s,
            Err(rejection) => return Ok(self.reject(rejection, Family::Linux)),
        };
        let stopped = self.stop_all_service_tasks(s, StopReason::ServiceDeleted);
        self.world.fleet.services.remove(s);
        self.changes.push(Change::ServiceDeleted {
            service: service.to_string(),
        });
        Ok(Outcome::Applied(format!(
            "{service} was deleted and its {} stopped. A new service of the same name would resolve its version afresh and number its tasks on from where this one stopped.",
            plural(stopped, "task", "tasks")
        )))
    }

    fn run_task(
        &mut self,
        task: &str,
        requested: &str,
        family: Family,
        count: crate::fleet::Count,
        requires: &[String],
    ) -> Result<Outcome, Fail> {
        let resolved = match resolve(self.catalog(), family, requested, requires) {
            Ok(r) => r,
            Err(rejection) => return Ok(self.reject(rejection, family)),
        };
        let checked = check_name("task name", task)
            .and_then(|_| check_count("count", count))
            .and_then(|count| {
                let ids = numbered_ids(task, count);
                match ids.iter().find(|id| self.world.fleet.task_id_taken(id)) {
                    Some(id) => Err(Rejection::DuplicateTask { id: id.clone() }),
                    None => Ok(ids),
                }
            });
        let ids = match checked {
            Ok(ids) => ids,
            Err(rejection) => return Ok(self.reject(rejection, family)),
        };
        self.capacity(ids.len() as u64, Some("count"))?;
        let pv = self.v(resolved.version);
        for id in &ids {
            self.world.fleet.add_standalone(
                family,
                Workload {
                    id: id.clone(),
                    version: resolved.version,
                    revision: resolved.revision,
                    started_at: self.at,
                },
            );
            self.changes.push(Change::TaskStarted {
                task: id.clone(),
                service: None,
                platform_version: pv,
                revision: resolved.revision,
            });
        }
        self.warn_if_deprecating(resolved.version, &format!("{task} starts"));
        Ok(Outcome::Applied(format!(
            "{}, so {} on {pv} revision {}. A standalone task keeps this version and patch for life.",
            self.resolution_words(task, requested, resolved, family),
            match ids.len() {
                0 => "no task starts (count 0); a later one would run".to_string(),
                n => format!("{} {}", plural(n, "task", "tasks"), if n == 1 { "starts" } else { "start" }),
            },
            resolved.revision
        )))
    }

    fn stop_task(&mut self, task: &str) -> Result<Outcome, Fail> {
        if let Some((s, t)) = self.world.fleet.find_service_task(task) {
            let stopped = self.world.fleet.services[s].tasks.remove(t);
            let name = self.world.fleet.services[s].name.clone();
            let primary = self.world.fleet.services[s].primary().clone();
            self.stopped_service_task(&name, stopped, StopReason::StoppedByUser);
            let started = self.start_service_tasks(s, 1);
            let pv = self.v(primary.version);
            let revision = self.catalog().get(primary.version).newest_revision();
            let replacement = if started == 1 {
                format!(
                    "the scheduler replaces it with {name}-{} on deployment {}'s version {pv}, at its newest patch, revision {revision}",
                    self.world.fleet.services[s].tasks.last().map_or(0, |t| t.number),
                    primary.number
                )
            } else {
                format!("the scheduler cannot replace it: {pv} can no longer start tasks")
            };
            return Ok(Outcome::Applied(format!(
                "{task} of service {name} stopped; {replacement}. LATEST is not re-resolved."
            )));
        }
        match self.world.fleet.find_standalone(task) {
            Some(index) => {
                let (_, stopped) = self.world.fleet.remove_standalone(index);
                let change = Change::TaskStopped {
                    task: stopped.id,
                    service: None,
                    platform_version: self.v(stopped.version),
                    revision: stopped.revision,
                    reason: StopReason::StoppedByUser,
                };
                self.changes.push(change);
                Ok(Outcome::Applied(format!(
                    "{task} stopped. It was a standalone task, so nothing replaces it."
                )))
            }
            None => Ok(self.reject(
                Rejection::TaskNotFound {
                    task: task.to_string(),
                },
                Family::Linux,
            )),
        }
    }

    fn run_pod(
        &mut self,
        cluster: &str,
        pod: &str,
        count: crate::fleet::Count,
    ) -> Result<Outcome, Fail> {
        let Some(c) = self.world.fleet.cluster(cluster) else {
            return Ok(self.reject(
                Rejection::ClusterNotFound {
                    cluster: cluster.to_string(),
                },
                Family::Linux,
            ));
        };
        let version = self.world.fleet.clusters[c].fargate_version;
        let info = self.catalog().get(version);
        let (pv, state, revision) = (info.version, info.state, info.newest_revision());
        if !state.capabilities().starts_tasks {
            return Ok(self.reject(Rejection::CannotStart { version: pv, state }, Family::Linux));
        }
        let checked = check_name("pod name", pod)
            .and_then(|_| check_count("count", count))
            .and_then(|count| {
                let ids = numbered_ids(pod, count);
                let pods = &self.world.fleet.clusters[c].pods;
                match ids.iter().find(|id| pods.iter().any(|p| &p.id == *id)) {
                    Some(id) => Err(Rejection::DuplicatePod {
                        cluster: cluster.to_string(),
                        id: id.clone(),
                    }),
                    None => Ok(ids),
                }
            });
        let ids = match checked {
            Ok(ids) => ids,
            Err(rejection) => return Ok(self.reject(rejection, Family::Linux)),
        };
        self.capacity(ids.len() as u64, Some("count"))?;
        for id in &ids {
            self.world.fleet.clusters[c].pods.push(Workload {
                id: id.clone(),
                version,
                revision,
                started_at: self.at,
            });
            self.changes.push(Change::PodStarted {
                cluster: cluster.to_string(),
                pod: id.clone(),
                platform_version: pv,
                revision,
            });
        }
        self.warn_if_deprecating(version, &format!("pods of {cluster} start"));
        Ok(Outcome::Applied(format!(
            "{} on cluster {cluster}'s Fargate platform {pv}, revision {revision}. EKS chose that version for the cluster; pods have no LATEST to resolve (ECS's LATEST means {}).",
            match ids.len() {
                0 => "No pod starts (count 0); later pods would run".to_string(),
                n => format!("{} {}", plural(n, "pod", "pods"), if n == 1 { "starts" } else { "start" }),
            },
            self.latest_label(Family::Linux)
        )))
    }
}
