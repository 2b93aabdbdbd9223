//! The JSON shapes of a step (docs/format.md, "The trace"): the whole step and its per-task-free
//! summary, which the wasm API promises, and the page's view (`page`), built from the same parts.
//! Views borrow the world; nothing here changes it.

use crate::catalog::{Catalog, VersionId};
use crate::date::Iso;
use crate::fleet::Controller;
use crate::fleet::{named_cluster, Pod, Service, ServiceTask, ServiceTasks, StandaloneTask};
use crate::json::Json;
use crate::trace::{Change, StepRecord, Tally, World};
use crate::version::{Family, Version};
use serde::Serialize;

mod page;
mod shared;
pub use page::PAGED_ABOVE;
pub use page::{asked_now, page_view, resolution, service_lines, PageView, Resolution, ViewShare};
pub use shared::SharedTrace;

#[derive(Serialize)]
pub struct ErrorView {
    pub code: &'static str,
    pub message: String,
    /// `"aws"` for AWS's own text, `"playground"` for ours.
    pub wording: &'static str,
}

#[derive(Serialize)]
pub struct LatestView {
    #[serde(rename = "LINUX")]
    pub linux: Option<Version>,
    #[serde(rename = "WINDOWS")]
    pub windows: Option<Version>,
}

#[derive(Serialize)]
pub struct VersionView<'a> {
    pub version: Version,
    pub family: Family,
    pub state: crate::lifecycle::State,
    pub revision: u32,
    pub features: &'a [String],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DeploymentView {
    pub id: String,
    pub status: &'static str,
    pub platform_version: Version,
    pub created_at: Iso,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TaskView<'a> {
    pub id: String,
    /// A standalone task's ECS cluster, when not the default one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cluster: Option<&'a str>,
    pub family: Family,
    pub platform_version: Version,
    pub revision: u32,
    pub started_at: Iso,
}

/// What DescribeServices says of a service: every service shape starts with it.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ServiceHead<'a, Deployments = Vec<DeploymentView>> {
    pub name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cluster: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub task_definition: Option<&'a str>,
    /// Known only from its tasks (an import): what it asks for is unknown.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub requested_unknown: bool,
    pub family: Family,
    pub platform_version: String,
    pub requested: &'a str,
    pub deployment_controller: &'static str,
    pub requires: &'a [String],
    pub desired_count: u32,
    pub running_count: usize,
    pub deployments: Deployments,
}

fn service_head<'a>(service: &'a Service, catalog: &Catalog) -> ServiceHead<'a> {
    service_head_with(service, catalog, deployments(service, catalog))
}

/// The head with the deployments given as the caller shows them.
fn service_head_with<'a, D>(
    service: &'a Service,
    catalog: &Catalog,
    deployments: D,
) -> ServiceHead<'a, D> {
    ServiceHead {
        name: &service.name,
        cluster: named_cluster(&service.cluster),
        task_definition: service.task_definition.as_deref(),
        requested_unknown: service.requested_unknown,
        family: service.family,
        platform_version: shown_version(service, catalog),
        requested: &service.requested,
        deployment_controller: service.controller.as_str(),
        requires: &service.requires,
        desired_count: service.desired,
        running_count: service.tasks.len(),
        deployments,
    }
}

#[derive(Serialize)]
pub struct ServiceView<'a> {
    #[serde(flatten)]
    pub head: ServiceHead<'a>,
    pub tasks: Vec<TaskView<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PodView {
    pub id: String,
    pub platform_version: Version,
    pub revision: u32,
    pub started_at: Iso,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ClusterView<'a> {
    pub name: &'a str,
    pub fargate_version: Version,
    pub pods: Vec<PodView>,
}

/// A step of the trace: its event and outcome, then the state after it. The whole step lists
/// every task (`StepView`); the summary has counts instead (`SummaryView`).
#[derive(Serialize)]
pub struct StepShape<'a, Service, Task, Cluster, Changes> {
    pub index: usize,
    pub at: Iso,
    pub event: &'a Json,
    pub outcome: &'static str,
    pub error: Option<ErrorView>,
    pub explanation: &'a str,
    pub latest: LatestView,
    pub versions: Vec<VersionView<'a>>,
    pub services: Vec<Service>,
    pub tasks: Vec<Task>,
    pub clusters: Vec<Cluster>,
    pub changes: Changes,
    pub warnings: &'a [String],
}

pub type StepView<'a> = StepShape<'a, ServiceView<'a>, TaskView<'a>, ClusterView<'a>, &'a [Change]>;
pub type SummaryView<'a> =
    StepShape<'a, ServiceSummary<'a>, Count, ClusterSummary<'a>, Vec<Folded<'a>>>;

/// The parts every step shape shares, around the given fleet and changes.
fn shape<'a, S, T, C, X>(
    index: usize,
    record: &'a StepRecord,
    catalog: &'a Catalog,
    (services, tasks, clusters): (Vec<S>, Vec<T>, Vec<C>),
    changes: X,
) -> StepShape<'a, S, T, C, X> {
    let (outcome, error) = outcome(record);
    StepShape {
        index,
        at: Iso(record.at),
        event: &record.event,
        outcome,
        error,
        explanation: &record.explanation,
        latest: latest(catalog),
        versions: versions(catalog),
        services,
        tasks,
        clusters,
        changes,
        warnings: &record.warnings,
    }
}

/// `"applied"`, or `"rejected"` with AWS's error.
fn outcome(record: &StepRecord) -> (&'static str, Option<ErrorView>) {
    match &record.rejection {
        None => ("applied", None),
        Some(r) => (
            "rejected",
            Some(ErrorView {
                code: r.code(),
                message: r.to_string(),
                wording: r.wording(),
            }),
        ),
    }
}

fn latest(catalog: &Catalog) -> LatestView {
    let v = |family| catalog.latest(family).map(|id| catalog.get(id).version);
    LatestView {
        linux: v(Family::Linux),
        windows: v(Family::Windows),
    }
}

fn versions(catalog: &Catalog) -> Vec<VersionView<'_>> {
    catalog
        .versions()
        .iter()
        .map(|v| VersionView {
            version: v.version,
            family: v.family,
            state: v.state,
            revision: v.newest_revision(),
            features: v.newest_features(),
        })
        .collect()
}

/// What `DescribeServices` shows as the service's platformVersion: the requested string, except
/// that the CODE_DEPLOY controller shows the resolved version (docs/aws-facts.md, rule 2).
pub fn shown_version(service: &Service, catalog: &Catalog) -> String {
    match service.controller {
        Controller::Ecs => service.requested.clone(),
        Controller::CodeDeploy => catalog.get(service.primary().version).version.to_string(),
    }
}

fn deployments(service: &Service, catalog: &Catalog) -> Vec<DeploymentView> {
    (0..service.deployments.len())
        .map(|i| deployment_view(service, i, catalog))
        .collect()
}

/// The service's `i`th deployment: PRIMARY first.
fn deployment_view(service: &Service, i: usize, catalog: &Catalog) -> DeploymentView {
    let d = &service.deployments[i];
    DeploymentView {
        id: format!("{}/{}", service.name, d.number),
        status: if i == 0 { "PRIMARY" } else { "INACTIVE" },
        platform_version: catalog.get(d.version).version,
        created_at: Iso(d.created_at),
    }
}

fn service_task_view<'a>(service: &Service, task: &ServiceTask, catalog: &Catalog) -> TaskView<'a> {
    TaskView {
        id: format!("{}-{}", service.name, task.number),
        cluster: None,
        family: service.family,
        platform_version: catalog.get(task.version).version,
        revision: task.revision,
        started_at: Iso(task.started_at),
    }
}

fn standalone_view<'a>(task: &'a StandaloneTask, catalog: &Catalog) -> TaskView<'a> {
    TaskView {
        id: task.id.clone(),
        cluster: named_cluster(&task.cluster),
        family: task.family,
        platform_version: catalog.get(task.version).version,
        revision: task.revision,
        started_at: Iso(task.started_at),
    }
}

fn pod_view(pod: &Pod, catalog: &Catalog) -> PodView {
    PodView {
        id: pod.id.clone(),
        platform_version: catalog.get(pod.version).version,
        revision: pod.revision,
        started_at: Iso(pod.started_at),
    }
}

pub fn step_view<'a>(index: usize, record: &'a StepRecord, world: &'a World) -> StepView<'a> {
    let catalog = &world.catalog;
    let services = world
        .fleet
        .services()
        .iter()
        .map(|s| ServiceView {
            head: service_head(s, catalog),
            tasks: s
                .tasks
                .iter()
                .map(|t| service_task_view(s, t, catalog))
                .collect(),
        })
        .collect();
    let tasks = world
        .fleet
        .tasks
        .iter()
        .map(|t| standalone_view(t, catalog))
        .collect();
    let clusters = world
        .fleet
        .clusters
        .iter()
        .map(|c| ClusterView {
            name: &c.name,
            fargate_version: catalog.get(c.fargate_version).version,
            pods: c.pods.iter().map(|p| pod_view(p, catalog)).collect(),
        })
        .collect();
    shape(
        index,
        record,
        catalog,
        (services, tasks, clusters),
        &record.changes,
    )
}

/// How many tasks run each (version, revision), in release order then revision.
#[derive(Clone, Serialize, Debug, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct Count {
    pub platform_version: Version,
    pub revision: u32,
    pub count: usize,
}

/// The one grouping of tasks and pods: how many run each (version, revision), in release order
/// then revision.
pub fn counts(items: impl Iterator<Item = (VersionId, u32)>, catalog: &Catalog) -> Vec<Count> {
    let mut groups: Vec<((VersionId, u32), usize)> = Vec::new();
    for key in items {
        match groups.iter_mut().find(|(k, _)| *k == key) {
            Some((_, n)) => *n += 1,
            None => groups.push((key, 1)),
        }
    }
    groups.sort_by_key(|(k, _)| *k);
    groups
        .into_iter()
        .map(|((v, revision), count)| Count {
            platform_version: catalog.get(v).version,
            revision,
            count,
        })
        .collect()
}

/// A service's tasks counted by version and revision, as `counts` would count them (its
/// `ServiceTasks` keeps the counts as tasks start and stop).
pub fn task_counts(tasks: &ServiceTasks, catalog: &Catalog) -> Vec<Count> {
    tasks
        .runs()
        .iter()
        .map(|&((v, revision), count)| Count {
            platform_version: catalog.get(v).version,
            revision,
            count: count as usize,
        })
        .collect()
}

/// Counts as words: "2 × 1.2.0 r1, 2 × 1.2.0 r2", or `none`.
pub fn counts_text(counts: &[Count], none: &str) -> String {
    if counts.is_empty() {
        return none.to_string();
    }
    let parts: Vec<String> = counts
        .iter()
        .map(|c| format!("{} × {} r{}", c.count, c.platform_version, c.revision))
        .collect();
    parts.join(", ")
}

/// A service as people name it: `web` in the default cluster, `demo/web` in another.
pub fn qualified(service: &Service) -> String {
    match named_cluster(&service.cluster) {
        Some(cluster) => format!("{cluster}/{}", service.name),
        None => service.name.clone(),
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ServiceSummary<'a> {
    #[serde(flatten)]
    pub head: ServiceHead<'a>,
    pub primary_version: Version,
    pub counts: Vec<Count>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ClusterSummary<'a> {
    pub name: &'a str,
    pub fargate_version: Version,
    pub pods: Vec<Count>,
}

pub fn summary_view<'a>(index: usize, record: &'a StepRecord, world: &'a World) -> SummaryView<'a> {
    let catalog = &world.catalog;
    let services = world
        .fleet
        .services()
        .iter()
        .map(|s| ServiceSummary {
            head: service_head(s, catalog),
            primary_version: catalog.get(s.primary().version).version,
            counts: task_counts(&s.tasks, catalog),
        })
        .collect();
    let tasks = counts(
        world.fleet.tasks.iter().map(|t| (t.version, t.revision)),
        catalog,
    );
    let clusters = world
        .fleet
        .clusters
        .iter()
        .map(|c| ClusterSummary {
            name: &c.name,
            fargate_version: catalog.get(c.fargate_version).version,
            pods: counts(c.pods.iter().map(|p| (p.version, p.revision)), catalog),
        })
        .collect();
    shape(
        index,
        record,
        catalog,
        (services, tasks, clusters),
        summary_changes(&record.changes, &record.tallies),
    )
}

/// A change of the summary: as it happened, or task and pod changes counted together.
pub enum Folded<'a> {
    Change(&'a Change),
    Counted(Json),
}

impl Serialize for Folded<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Folded::Change(change) => change.serialize(serializer),
            Folded::Counted(group) => group.serialize(serializer),
        }
    }
}

/// The summary's changes: every change other than a task or pod starting or stopping, as it
/// happened, with those counted (`Tally`) where the first of each group happened. Linear in the
/// changes: a force-update of thousands of services stops and starts hundreds of thousands.
pub fn summary_changes<'a>(changes: &'a [Change], tallies: &[Tally]) -> Vec<Folded<'a>> {
    let mut out: Vec<Folded> = Vec::new();
    let mut tallies = tallies.iter().peekable();
    let others = changes.iter().filter(|c| {
        !matches!(
            c,
            Change::TaskStarted { .. }
                | Change::TaskStopped { .. }
                | Change::PodStarted { .. }
                | Change::PodStopped { .. }
        )
    });
    for (position, change) in others.enumerate() {
        while let Some(tally) = tallies.next_if(|t| t.position == position) {
            out.push(Folded::Counted(tally_json(tally)));
        }
        out.push(Folded::Change(change));
    }
    out.extend(tallies.map(|tally| Folded::Counted(tally_json(tally))));
    out
}

/// A tally as the summary shows it: `{kind, service|cluster, platformVersion, revision, count}`.
fn tally_json(tally: &Tally) -> Json {
    let mut group = Json::object([("kind", Json::from(tally.kind))]);
    if let Some(cluster) = &tally.cluster {
        group.set("cluster", Json::from(cluster.as_str()));
    }
    if let Some((key, name)) = &tally.owner {
        group.set(key, Json::from(name.as_str()));
    }
    group.set(
        "platformVersion",
        Json::from(tally.platform_version.to_string()),
    );
    group.set("revision", Json::from(tally.revision));
    if let Some(reason) = tally.reason {
        group.set("reason", Json::from(reason.as_str()));
    }
    group.set("count", Json::from(tally.count));
    group
}
