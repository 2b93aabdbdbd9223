//! The page's one step shape (`page_view`) and what a request means now (`asked_now`,
//! `resolution`). Built from the same parts as the trace's shapes in `view`.

use super::{counts, service_head, shape, Count, ErrorView, Folded, ServiceHead};
use super::{summary_changes, LatestView, VersionView};
use crate::catalog::{Catalog, VersionId};
use crate::fleet::named_cluster;
use crate::json::Json;
use crate::trace::{Change, StepRecord, World};
use crate::version::{Family, Version};
use serde::Serialize;

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
    pub started_at: Option<String>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub started: bool,
}

/// Tasks that could not be placed in this step, and why.
#[derive(Serialize)]
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
    pub asked_now: crate::why::AskedNow,
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
    pub at: String,
    pub event: &'a Json,
    pub outcome: &'static str,
    pub error: Option<ErrorView>,
    pub explanation: &'a str,
    pub latest: LatestView,
    pub versions: Vec<VersionView<'a>>,
    /// Whether task and pod rows are included (at most `ROWS_LIMIT` running).
    pub rows: bool,
    pub running: u64,
    pub services: Vec<ServicePage<'a>>,
    pub deleted: Vec<DeletedPage<'a>>,
    pub standalone: GroupPage<'a>,
    pub clusters: Vec<ClusterPage<'a>>,
    pub changes: Vec<Folded<'a>>,
    pub warnings: &'a [String],
}

pub fn page_view<'a>(
    index: usize,
    record: &'a StepRecord,
    world: &'a World,
    limit: u64,
) -> PageView<'a> {
    let catalog = &world.catalog;
    let running = world.fleet.running();
    let rows = record.listed && running <= limit;
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
    let services = world
        .fleet
        .services()
        .iter()
        .map(|s| {
            let cluster = named_cluster(&s.cluster);
            let is_mine = |c: &Change| matches!(c, Change::TaskStopped { service: Some(n), cluster: k, .. } if *n == s.name && k.as_deref() == cluster);
            let failed = record
                .changes
                .iter()
                .filter_map(|c| match c {
                    Change::PlacementFailed { service, cluster: k, count, reason, .. }
                        if *service == s.name && k.as_deref() == cluster =>
                    {
                        Some(FailedView { count: *count, reason })
                    }
                    _ => None,
                })
                .collect();
            ServicePage {
                head: service_head(s, catalog),
                primary_version: v(s.primary().version),
                counts: counts(s.tasks.iter().map(|t| (t.version, t.revision)), catalog),
                tasks: rows.then(|| {
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
                                started_at: Some(t.started_at.to_iso()),
                            }
                        })
                        .collect()
                }),
                stopped: take_stopped(&is_mine),
                failed,
                asked_now: asked_now(catalog, s.family, &s.requested, &s.requires),
            }
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
                    started_at: Some(t.started_at.to_iso()),
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
                            started_at: Some(p.started_at.to_iso()),
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
        services,
        deleted,
        standalone,
        clusters,
        changes: summary_changes(&record.changes, &record.tallies),
        warnings: base.warnings,
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
