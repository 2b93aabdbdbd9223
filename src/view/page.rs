//! The page's one step shape (`page_view`) and what a request means now (`asked_now`,
//! `resolution`). Built from the same parts as the trace's shapes in `view`. For a big fleet a
//! service that did not change since it was last sent (its stamp, `Fleet::service_mut`) is named
//! by number (`ViewShare`): the binding's assembler (src/assemble.js) keeps what it was sent, so a
//! step costs what changed.

use super::{counts, service_head, shape, task_counts, Count, ErrorView, Folded, ServiceHead};
use super::{summary_changes, LatestView, VersionView};
use crate::catalog::{Catalog, VersionId};
use crate::date::Iso;
use crate::fleet::named_cluster;
use crate::json::Json;
use crate::trace::{Change, StepRecord, World};
use crate::version::{Family, Version};
use serde::{Serialize, Serializer};
use std::collections::HashMap;

/// A task or pod row as the page draws it: with its family, and whether this step started it.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RowView<'a> {
    pub id: String,
    /// A task's ECS cluster, when not the default one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cluster: Option<&'a str>,
    pub family: Family,
    pub platform_version: Version,
    pub revision: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub started_at: Option<Iso>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub started: bool,
}

/// Tasks that could not be placed in this step, and why.
#[derive(Clone, Copy, Serialize)]
pub struct FailedView<'a> {
    pub count: u32,
    pub reason: &'a str,
}

/// A service as the page draws it: what describe-services says, what it runs, its counts, its
/// task rows when the fleet is small, and what the same request would resolve to now.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ServicePage<'a> {
    #[serde(flatten)]
    pub head: ServiceHead<'a>,
    pub primary_version: Version,
    pub counts: Vec<Count>,
    /// Running tasks, oldest first; `null` for a big fleet (see `PageView::rows`).
    pub tasks: Option<Vec<RowView<'a>>>,
    /// Tasks this step stopped (rows only).
    pub stopped: Vec<RowView<'a>>,
    pub failed: Vec<FailedView<'a>>,
    /// Its request's index in `PageView::requests`: what the same request means now.
    pub request: usize,
}

/// A request (family, version string, capabilities) and what it would resolve to now.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RequestView<'a> {
    pub family: Family,
    pub requested: &'a str,
    pub requires: &'a [String],
    pub asked_now: crate::why::AskedNow,
}

/// A service of a view: sent before (its number), to keep (sent as `[service]`: the assembler
/// keeps it as the next number), or for this view only.
pub enum Shared<T> {
    Sent(u32),
    Kept(T),
    Once(T),
}

impl<T: Serialize> Serialize for Shared<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Shared::Sent(number) => serializer.serialize_u32(*number),
            Shared::Kept(value) => [value].serialize(serializer),
            Shared::Once(value) => value.serialize(serializer),
        }
    }
}

/// What a handle's views sent before: the number of each kept service by stamp, and every
/// request seen (so a kept service's request index stays valid). Reset when the history is
/// rewritten (undo), since stamps then no longer name one content.
#[derive(Default)]
pub struct ViewShare {
    kept: HashMap<u64, u32>,
    requests: Vec<(Family, String, Vec<String>)>,
}

impl ViewShare {
    /// The index of a request; a fleet has few distinct ones, even with thousands of services.
    fn request(&mut self, family: Family, requested: &str, requires: &[String]) -> usize {
        let known = self
            .requests
            .iter()
            .position(|(f, r, q)| *f == family && r == requested && q == requires);
        known.unwrap_or_else(|| {
            self.requests
                .push((family, requested.to_string(), requires.to_vec()));
            self.requests.len() - 1
        })
    }
}

/// Running standalone tasks or pods, with the same parts as a service's.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct GroupPage<'a> {
    pub counts: Vec<Count>,
    pub rows: Option<Vec<RowView<'a>>>,
    pub stopped: Vec<RowView<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ClusterPage<'a> {
    pub name: &'a str,
    pub fargate_version: Version,
    #[serde(flatten)]
    pub pods: GroupPage<'a>,
}

/// A service this step deleted, with the tasks it stopped.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DeletedPage<'a> {
    pub name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cluster: Option<&'a str>,
    pub stopped: Vec<RowView<'a>>,
}

/// The page's one step shape: the step with counts for every group and rows when the fleet is
/// small, every row with its family, and what changed attached to what it changed. The page
/// draws it as it is; it groups and decides nothing.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PageView<'a> {
    pub index: usize,
    pub at: Iso,
    pub event: &'a Json,
    pub outcome: &'static str,
    pub error: Option<ErrorView>,
    pub explanation: &'a str,
    pub latest: LatestView,
    pub versions: Vec<VersionView<'a>>,
    /// Whether task and pod rows are included: at most `ROWS_LIMIT` ran before the step and run
    /// after it.
    pub rows: bool,
    pub running: u64,
    /// Whether the fleet has more than `PAGED_ABOVE` services: then `services` is empty and the
    /// page asks for the lines it shows (`service_lines`).
    pub paged: bool,
    pub service_count: usize,
    pub services: Vec<Shared<ServicePage<'a>>>,
    /// What each request of a service means now (`ServicePage::request`).
    pub requests: Vec<RequestView<'a>>,
    /// The indices in `services` of those this step changed.
    pub touched: Vec<usize>,
    pub deleted: Vec<DeletedPage<'a>>,
    pub standalone: GroupPage<'a>,
    pub clusters: Vec<ClusterPage<'a>>,
    pub changes: Vec<Folded<'a>>,
    pub warnings: &'a [String],
}

/// A fleet with more services than this is paged: a step's view sends none of them, and the
/// page asks for the lines it shows. The page shows a few dozen lines of thousands; sending every
/// changed service made a step of an imported fleet cost its size.
pub const PAGED_ABOVE: usize = 200;

pub fn page_view<'a>(
    index: usize,
    record: &'a StepRecord,
    world: &'a World,
    limit: u64,
    share: &'a mut ViewShare,
) -> PageView<'a> {
    let catalog = &world.catalog;
    let running = world.fleet.running();
    // The same for every record of the step: a step is listed for the page's view exactly when
    // its fleet was small before it (`apply_for_view`).
    let rows = record.listed && record.running_before <= limit && running <= limit;
    let v = |id: VersionId| catalog.get(id).version;
    let base = shape(
        index,
        record,
        catalog,
        (Vec::<()>::new(), Vec::<()>::new(), Vec::<()>::new()),
        (),
    );
    // What this step started and stopped, by owner (rows only: a big step is counted).
    let mut started: std::collections::HashSet<(Option<&str>, &str)> = Default::default();
    let mut stopped: Vec<(&Change, RowView)> = Vec::new();
    if rows {
        for change in &record.changes {
            match change {
                Change::TaskStarted { task, cluster, .. } => {
                    started.insert((cluster.as_deref(), task));
                }
                Change::PodStarted { cluster, pod, .. } => {
                    started.insert((Some(cluster), pod));
                }
                Change::TaskStopped {
                    task,
                    cluster,
                    platform_version,
                    revision,
                    service,
                    ..
                } => stopped.push((
                    change,
                    RowView {
                        id: task.clone(),
                        cluster: cluster.as_deref(),
                        family: service
                            .as_ref()
                            .and_then(|name| {
                                let c = cluster.as_deref().unwrap_or(crate::fleet::DEFAULT_CLUSTER);
                                world
                                    .fleet
                                    .service(c, name)
                                    .map(|s| world.fleet.services()[s].family)
                            })
                            .or_else(|| {
                                deleted_family(record, cluster.as_deref(), service.as_deref()?)
                            })
                            .unwrap_or(Family::Linux),
                        platform_version: *platform_version,
                        revision: *revision,
                        started_at: None,
                        started: false,
                    },
                )),
                Change::PodStopped {
                    pod,
                    platform_version,
                    revision,
                    ..
                } => stopped.push((
                    change,
                    RowView {
                        id: pod.clone(),
                        cluster: None,
                        family: Family::Linux,
                        platform_version: *platform_version,
                        revision: *revision,
                        started_at: None,
                        started: false,
                    },
                )),
                _ => {}
            }
        }
    }
    let mut take_stopped = |owner: &dyn Fn(&Change) -> bool| -> Vec<RowView<'a>> {
        let (mine, rest): (Vec<_>, Vec<_>) = std::mem::take(&mut stopped)
            .into_iter()
            .partition(|(c, _)| owner(c));
        stopped = rest;
        mine.into_iter().map(|(_, row)| row).collect()
    };
    let paged = world.fleet.services().len() > PAGED_ABOVE;
    let failures = placement_failures(record);
    let services = if paged {
        // Every request is registered now: the lines asked for later index `requests`.
        for s in world.fleet.services() {
            share.request(s.family, &s.requested, &s.requires);
        }
        Vec::new()
    } else {
        world
            .fleet
            .services()
            .iter()
            .map(|s| {
                let cluster = named_cluster(&s.cluster);
                let is_mine = |c: &Change| matches!(c, Change::TaskStopped { service: Some(n), cluster: k, .. } if *n == s.name && k.as_deref() == cluster);
                let failed = failed_of(&failures, s);
                let stopped = take_stopped(&is_mine);
                let tasks = rows.then(|| {
                    s.tasks
                        .iter()
                        .map(|t| {
                            let id = format!("{}-{}", s.name, t.number);
                            RowView {
                                started: started.contains(&(cluster, id.as_str())),
                                id,
                                cluster,
                                family: s.family,
                                platform_version: v(t.version),
                                revision: t.revision,
                                started_at: Some(Iso(t.started_at)),
                            }
                        })
                        .collect()
                });
                service_page(s, catalog, tasks, stopped, failed, share)
            })
            .collect()
    };
    let requests = share
        .requests
        .iter()
        .map(|(family, requested, requires)| RequestView {
            family: *family,
            requested,
            requires,
            asked_now: asked_now(catalog, *family, requested, requires),
        })
        .collect();
    let deleted = record
        .changes
        .iter()
        .filter_map(|c| match c {
            Change::ServiceDeleted { cluster, service, .. } => Some((cluster.as_deref(), service.as_str())),
            _ => None,
        })
        .map(|(cluster, name)| DeletedPage {
            name,
            cluster,
            stopped: take_stopped(&|c: &Change| matches!(c, Change::TaskStopped { service: Some(n), cluster: k, .. } if n == name && k.as_deref() == cluster)),
        })
        .collect();
    let standalone = GroupPage {
        counts: counts(
            world.fleet.tasks.iter().map(|t| (t.version, t.revision)),
            catalog,
        ),
        rows: rows.then(|| {
            world
                .fleet
                .tasks
                .iter()
                .map(|t| RowView {
                    id: t.id.clone(),
                    cluster: named_cluster(&t.cluster),
                    family: t.family,
                    platform_version: v(t.version),
                    revision: t.revision,
                    started_at: Some(Iso(t.started_at)),
                    started: started.contains(&(named_cluster(&t.cluster), t.id.as_str())),
                })
                .collect()
        }),
        stopped: take_stopped(&|c: &Change| matches!(c, Change::TaskStopped { service: None, .. })),
    };
    let clusters = world
        .fleet
        .clusters
        .iter()
        .map(|c| ClusterPage {
            name: &c.name,
            fargate_version: v(c.fargate_version),
            pods: GroupPage {
                counts: counts(c.pods.iter().map(|p| (p.version, p.revision)), catalog),
                rows: rows.then(|| {
                    c.pods
                        .iter()
                        .map(|p| RowView {
                            id: p.id.clone(),
                            cluster: None,
                            family: Family::Linux,
                            platform_version: v(p.version),
                            revision: p.revision,
                            started_at: Some(Iso(p.started_at)),
                            started: started.contains(&(Some(c.name.as_str()), p.id.as_str())),
                        })
                        .collect()
                }),
                stopped: take_stopped(&|x: &Change| matches!(x, Change::PodStopped { cluster, .. } if *cluster == c.name)),
            },
        })
        .collect();
    PageView {
        index: base.index,
        at: base.at,
        event: base.event,
        outcome: base.outcome,
        error: base.error,
        explanation: base.explanation,
        latest: base.latest,
        versions: base.versions,
        rows,
        running,
        paged,
        service_count: world.fleet.services().len(),
        touched: world
            .fleet
            .services()
            .iter()
            .enumerate()
            .filter(|(_, s)| s.stamp > record.stamped_after)
            .map(|(i, _)| i)
            .collect(),
        services,
        requests,
        deleted,
        standalone,
        clusters,
        changes: if rows {
            summary_changes(&record.changes, &record.tallies)
        } else {
            // A big fleet's page draws counts and `touched`: of thousands of service changes
            // only those to versions and clusters are sent.
            record
                .changes
                .iter()
                .filter(|c| of_versions_or_clusters(c))
                .map(Folded::Change)
                .collect()
        },
        warnings: base.warnings,
    }
}

/// Service `s`'s page shape, shared by number when the view sent it before unchanged (never
/// when it has rows or this step stopped or failed to start some of its tasks: those are the
/// step's, not the service's).
fn service_page<'a>(
    s: &'a crate::fleet::Service,
    catalog: &Catalog,
    tasks: Option<Vec<RowView<'a>>>,
    stopped: Vec<RowView<'a>>,
    failed: Vec<FailedView<'a>>,
    share: &mut ViewShare,
) -> Shared<ServicePage<'a>> {
    let keep = tasks.is_none() && stopped.is_empty() && failed.is_empty();
    if let Some(&number) = share.kept.get(&s.stamp).filter(|_| keep) {
        return Shared::Sent(number);
    }
    let page = ServicePage {
        head: service_head(s, catalog),
        primary_version: catalog.get(s.primary().version).version,
        counts: task_counts(&s.tasks, catalog),
        tasks,
        stopped,
        failed,
        request: share.request(s.family, &s.requested, &s.requires),
    };
    if keep {
        let number = share.kept.len() as u32;
        share.kept.insert(s.stamp, number);
        Shared::Kept(page)
    } else {
        Shared::Once(page)
    }
}

/// This step's placement failures: (cluster, service) and what failed. Few, from thousands of
/// changes, so they are picked out once per view.
fn placement_failures(record: &StepRecord) -> Vec<(Option<&str>, &str, FailedView<'_>)> {
    record
        .changes
        .iter()
        .filter_map(|change| match change {
            Change::PlacementFailed {
                service,
                cluster,
                count,
                reason,
                ..
            } => Some((
                cluster.as_deref(),
                service.as_str(),
                FailedView {
                    count: *count,
                    reason,
                },
            )),
            _ => None,
        })
        .collect()
}

/// The tasks of service `s` that could not be placed, of this step's `failures`.
fn failed_of<'a>(
    failures: &[(Option<&str>, &str, FailedView<'a>)],
    s: &crate::fleet::Service,
) -> Vec<FailedView<'a>> {
    let cluster = named_cluster(&s.cluster);
    failures
        .iter()
        .filter(|(k, service, _)| *service == s.name && *k == cluster)
        .map(|(_, _, failed)| *failed)
        .collect()
}

/// The lines of a paged fleet's services `indices` (those past the fleet's end are left out), as
/// `page_view` would send them but without task rows.
pub fn service_lines<'a>(
    record: &'a StepRecord,
    world: &'a World,
    indices: &[usize],
    share: &mut ViewShare,
) -> Vec<Shared<ServicePage<'a>>> {
    let services = world.fleet.services();
    let failures = placement_failures(record);
    indices
        .iter()
        .filter_map(|&i| services.get(i))
        .map(|s| {
            service_page(
                s,
                &world.catalog,
                None,
                Vec::new(),
                failed_of(&failures, s),
                share,
            )
        })
        .collect()
}

/// Whether `change` is to the catalog or an EKS cluster (not to a service, task or pod).
fn of_versions_or_clusters(change: &Change) -> bool {
    match change {
        Change::VersionReleased { .. }
        | Change::RevisionPublished { .. }
        | Change::LatestMoved { .. }
        | Change::VersionStateChanged { .. }
        | Change::ClusterCreated { .. }
        | Change::ClusterUpdated { .. } => true,
        Change::ServiceCreated { .. }
        | Change::DeploymentCreated { .. }
        | Change::TaskStopped { .. }
        | Change::TaskStarted { .. }
        | Change::TasksImported { .. }
        | Change::PlacementFailed { .. }
        | Change::ServiceDeleted { .. }
        | Change::PodStarted { .. }
        | Change::PodStopped { .. } => false,
    }
}

/// The family of a service this step deleted (it is no longer in the world).
fn deleted_family(record: &StepRecord, cluster: Option<&str>, name: &str) -> Option<Family> {
    record.changes.iter().find_map(|c| match c {
        Change::ServiceDeleted {
            cluster: k,
            service,
            family,
        } if service == name && k.as_deref() == cluster => Some(*family),
        _ => None,
    })
}

/// What `requested` (with `requires`) of `family` would resolve to now.
pub fn asked_now(
    catalog: &Catalog,
    family: Family,
    requested: &str,
    requires: &[String],
) -> crate::why::AskedNow {
    match crate::resolve::resolve(catalog, family, requested, requires) {
        Ok(r) => crate::why::AskedNow::Resolved {
            version: catalog.get(r.version).version,
            revision: r.revision,
        },
        Err(rejection) => crate::why::AskedNow::Rejected {
            code: rejection.code(),
            message: rejection.to_string(),
        },
    }
}

/// What a version string resolves to now, by the rules of every customer action.
#[derive(Serialize)]
#[serde(tag = "outcome", rename_all = "camelCase")]
pub enum Resolution {
    #[serde(rename_all = "camelCase")]
    Resolved {
        version: Version,
        revision: u32,
        via_latest: bool,
    },
    Rejected {
        code: &'static str,
        message: String,
    },
}

pub fn resolution(
    catalog: &Catalog,
    family: Family,
    requested: &str,
    requires: &[String],
) -> Resolution {
    match crate::resolve::resolve(catalog, family, requested, requires) {
        Ok(r) => Resolution::Resolved {
            version: catalog.get(r.version).version,
            revision: r.revision,
            via_latest: r.via_latest,
        },
        Err(rejection) => Resolution::Rejected {
            code: rejection.code(),
            message: rejection.to_string(),
        },
    }
}
