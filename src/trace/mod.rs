//! The replay: what each event does to the world, the changes it makes and the sentence that
//! explains why (docs/format.md, "Every event" and "The trace"). Every AWS rule applied here is listed
//! with its source in docs/aws-facts.md, and each handler names the rule it applies.
//!
//! - `step.rs`: one step's bookkeeping: its changes, warnings and sentence, and the one place
//!   where tasks and pods start and stop.
//! - `aws.rs`: what AWS does: versions, revisions, LATEST, the lifecycle, force-updates,
//!   revision retirement, EKS clusters.
//! - `customer.rs`: what customers ask for (services, tasks, pods), through the resolver.
//! - `place.rs`: placing a fleet imported from AWS CLI output as it runs.

mod aws;
mod customer;
mod place;
mod step;

use crate::catalog::Catalog;
use crate::date::Instant;
use crate::error::{ErrorKind, ScenarioError};
use crate::fleet::Fleet;
use crate::json::Json;
use crate::lifecycle::State;
use crate::resolve::Rejection;
use crate::scenario::{Action, TimedEvent};
use crate::version::{Family, Version};
use serde::Serialize;
use step::Step;

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
        #[serde(skip_serializing_if = "Option::is_none")]
        cluster: Option<String>,
        service: String,
    },
    #[serde(rename_all = "camelCase")]
    DeploymentCreated {
        #[serde(skip_serializing_if = "Option::is_none")]
        cluster: Option<String>,
        service: String,
        deployment: String,
        platform_version: Version,
        requested: String,
    },
    #[serde(rename_all = "camelCase")]
    TaskStopped {
        task: String,
        /// The ECS cluster, when not the default one.
        #[serde(skip_serializing_if = "Option::is_none")]
        cluster: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        service: Option<String>,
        platform_version: Version,
        revision: u32,
        reason: StopReason,
    },
    #[serde(rename_all = "camelCase")]
    TaskStarted {
        task: String,
        /// The ECS cluster, when not the default one.
        #[serde(skip_serializing_if = "Option::is_none")]
        cluster: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        service: Option<String>,
        platform_version: Version,
        revision: u32,
    },
    /// Running tasks an `import-fleet` event placed, counted per service (or standalone) and version.
    #[serde(rename_all = "camelCase")]
    TasksImported {
        #[serde(skip_serializing_if = "Option::is_none")]
        cluster: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        service: Option<String>,
        platform_version: Version,
        revision: u32,
        count: u32,
    },
    #[serde(rename_all = "camelCase")]
    PlacementFailed {
        #[serde(skip_serializing_if = "Option::is_none")]
        cluster: Option<String>,
        service: String,
        platform_version: Version,
        count: u32,
        reason: String,
    },
    ServiceDeleted {
        #[serde(skip_serializing_if = "Option::is_none")]
        cluster: Option<String>,
        service: String,
        family: Family,
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
    /// Replaced by the scheduler on a version without AWS's task recycling (before 1.3.0).
    Replaced,
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
            StopReason::Replaced => "replaced",
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
    /// Task and pod changes counted (with `apply_counted`, instead of one change each).
    pub tallies: Vec<Tally>,
    /// Whether task and pod changes are also listed one by one in `changes`.
    pub listed: bool,
    /// The fleet's last service stamp before the step: services stamped later changed in it.
    pub stamped_after: u64,
    /// Tasks and pods running before the step (the page draws rows only for a fleet small both
    /// before and after it, which is when `apply_for_view` lists its changes).
    pub running_before: u64,
}

/// Task or pod changes of one kind, owner, version, revision and reason, counted; `position` is
/// how many other (not task or pod) changes came before the first of them.
#[derive(Clone, Debug, PartialEq)]
pub struct Tally {
    pub position: usize,
    pub kind: &'static str,
    /// `("service", name)` for service tasks, `("cluster", name)` for pods, `None` standalone.
    pub owner: Option<(&'static str, String)>,
    /// The ECS cluster of a task, when not the default one.
    pub cluster: Option<String>,
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
    pub(crate) fn new(field: Option<String>, kind: ErrorKind) -> Fail {
        Fail {
            field,
            kind: Box::new(kind),
        }
    }

    /// Locates the failure inside the document, at the event's path.
    pub fn at(self, event_path: &str) -> ScenarioError {
        let path = match self.field {
            Some(field) => format!("{event_path}/{field}"),
            None => event_path.to_string(),
        };
        ScenarioError::new(path, *self.kind)
    }
}

/// What a handler did: applied, with its sentence, or refused by AWS, with AWS's exception and
/// why in words. Both sentences are empty when the step is not recorded.
pub(crate) enum Outcome {
    Applied(String),
    Rejected(Rejection, String),
}

/// Applies one event quietly: no changes, warnings or sentences are made, only the world changes
/// (for replaying towards a later step). Returns the work done (tasks and pods started or
/// stopped, plus other changes), which the playground uses to space its checkpoints.
pub fn replay(world: &mut World, event: &TimedEvent) -> Result<usize, Fail> {
    let mut step = Step::new(world, event.at, false, false);
    run(&mut step, &event.action)?;
    Ok(step.work())
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

/// Like `apply` for a fleet of at most `limit` running tasks and pods before the step, else like
/// `apply_counted`: what the page shows (rows for a small fleet, counts for a big one).
pub fn apply_for_view(
    world: &mut World,
    event: &TimedEvent,
    limit: u64,
) -> Result<StepRecord, Fail> {
    let counted = world.fleet.running() > limit;
    record_step(world, event, counted)
}

fn record_step(world: &mut World, event: &TimedEvent, counted: bool) -> Result<StepRecord, Fail> {
    let stamped_after = world.fleet.last_stamp();
    let running_before = world.fleet.running();
    let mut step = Step::new(world, event.at, true, counted);
    let outcome = run(&mut step, &event.action)?;
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
    let work = step.work();
    let (changes, warnings, tallies) = step.finish();
    Ok(StepRecord {
        at: event.at,
        event: event.echo(),
        rejection,
        explanation,
        work,
        tallies,
        changes,
        warnings,
        listed: !counted,
        stamped_after,
        running_before,
    })
}

/// Hands each event to the handler of its rule.
fn run(step: &mut Step, action: &Action) -> Result<Outcome, Fail> {
    match action {
        Action::ReleaseVersion {
            version,
            family,
            features,
        } => step.release(*version, *family, features),
        Action::PublishRevision {
            version,
            family,
            features,
        } => step.publish(*version, *family, features),
        Action::MoveLatest { to, family } => step.move_latest(*to, *family),
        Action::SetVersionState {
            version,
            family,
            state,
        } => step.set_state(*version, *family, *state),
        Action::ForceUpdate {
            version,
            family,
            scope,
        } => step.force_update(*version, *family, *scope),
        Action::RetireRevision {
            version,
            family,
            revision,
        } => step.retire_revision(*version, *family, *revision),
        Action::CreateEksCluster {
            cluster,
            fargate_version,
        } => step.create_cluster(cluster, *fargate_version),
        Action::UpdateEksPlatform {
            cluster,
            fargate_version,
        } => step.update_cluster(cluster, *fargate_version),
        Action::CreateService {
            cluster,
            service,
            task_definition,
            platform_version,
            family,
            desired_count,
            requires,
            controller,
        } => step.create_service(
            (cluster, service),
            task_definition.as_deref(),
            platform_version,
            *family,
            *desired_count,
            requires,
            *controller,
        ),
        Action::UpdateService {
            cluster,
            service,
            task_definition,
            platform_version,
            force_new_deployment,
            desired_count,
            requires,
        } => step.update_service(
            (cluster, service),
            task_definition.as_deref(),
            platform_version.as_deref(),
            *force_new_deployment,
            *desired_count,
            requires.as_deref(),
        ),
        Action::ScaleService {
            cluster,
            service,
            desired_count,
        } => step.scale_service((cluster, service), *desired_count),
        Action::RecycleService { cluster, service } => step.recycle_service((cluster, service)),
        Action::CodeDeployDeployment {
            cluster,
            service,
            platform_version,
        } => step.codedeploy_deployment((cluster, service), platform_version.as_deref()),
        Action::DeleteService { cluster, service } => step.delete_service((cluster, service)),
        Action::RunTask {
            cluster,
            task,
            task_definition: _,
            platform_version,
            family,
            count,
            requires,
        } => step.run_task((cluster, task), platform_version, *family, *count, requires),
        Action::StopTask { cluster, task } => step.stop_task((cluster, task)),
        Action::RunPod {
            cluster,
            pod,
            count,
            controller,
        } => step.run_pod(cluster, pod, *count, *controller),
        Action::ImportFleet(fleet) => step.import_fleet(fleet),
    }
}
