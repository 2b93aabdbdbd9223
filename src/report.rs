//! The retirement report: what retiring one platform version on one date does to a fleet, service by
//! service, and what to do about it. It is computed by replaying AWS's retirement sequence on a
//! copy of the world (move LATEST away if it points there, force-update the LATEST services still
//! on the version, retire it, terminate what still runs on it), so the rules stay in `trace.rs`.

use crate::catalog::VersionId;
use crate::date::Instant;
use crate::error::ScenarioError;
use crate::fleet::Controller;
use crate::lifecycle::State;
use crate::scenario::{Action, TimedEvent};
use crate::text::plural;
use crate::trace::{apply, Change, World};
use crate::version::{Family, Version, LATEST};
use serde::Serialize;
use std::collections::HashMap;
use std::fmt;

/// What the user asks: retire `version` of `family` on `at`; when LATEST points to the version,
/// where AWS moves it first.
#[derive(Clone, Debug, PartialEq)]
pub struct Plan {
    pub family: Family,
    pub version: Version,
    pub at: Instant,
    pub latest_to: Option<Version>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum ReportError {
    NoSuchStep {
        step: usize,
    },
    UnknownVersion {
        version: Version,
        family: Family,
    },
    AlreadyRecalled {
        version: Version,
        family: Family,
    },
    BeforeStep {
        at: Instant,
        step_at: Instant,
    },
    /// `candidates`: the versions LATEST may move to (active or deprecating, not this one).
    LatestPointsHere {
        version: Version,
        family: Family,
        candidates: Vec<Version>,
    },
    /// The sequence itself cannot happen (e.g. LATEST cannot move to `latest_to`).
    Replay(ScenarioError),
}

impl ReportError {
    pub fn code(&self) -> &'static str {
        match self {
            ReportError::NoSuchStep { .. } => "StepOutOfRange",
            ReportError::UnknownVersion { .. } => "UnknownVersion",
            ReportError::AlreadyRecalled { .. } => "AlreadyRecalled",
            ReportError::BeforeStep { .. } => "BeforeStep",
            ReportError::LatestPointsHere { .. } => "LatestPointsHere",
            ReportError::Replay(error) => error.code(),
        }
    }
}

impl fmt::Display for ReportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReportError::NoSuchStep { step } => write!(f, "There is no step {step}."),
            ReportError::UnknownVersion { version, family } => {
                write!(f, "Platform version {version} ({family}) is not in the catalog at this step.")
            }
            ReportError::AlreadyRecalled { version, family } => write!(
                f,
                "Platform version {version} ({family}) is already recalled: nothing runs on it any more."
            ),
            ReportError::BeforeStep { at, step_at } => write!(
                f,
                "The retirement date {} is before this step ({}); choose a later date.",
                at.date(),
                step_at.date()
            ),
            ReportError::LatestPointsHere { version, family, candidates } if candidates.is_empty() => write!(
                f,
                "LATEST ({family}) means {version} and no other {family} version can take its place; release a newer version first (AWS side)."
            ),
            ReportError::LatestPointsHere { version, family, .. } => write!(
                f,
                "LATEST ({family}) means {version}; AWS moves LATEST before retiring a version, so choose the version it moves to."
            ),
            ReportError::Replay(error) => write!(f, "{error}"),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Effect {
    /// Asked for LATEST and ran the version: AWS moves it.
    ForceUpdated,
    /// Asked for LATEST, but the new resolution fails its required capabilities.
    ForceUpdateFails,
    /// Pinned to the version (or CODE_DEPLOY showing it): nothing moves it.
    Breaks,
    /// Some tasks still ran the version (an older deployment mid-rollout).
    TasksStopped,
    /// Standalone tasks or EKS pods on the version.
    Stopped,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Row {
    /// `service`, `task` or `pods`.
    pub kind: &'static str,
    pub name: String,
    pub cluster: Option<String>,
    pub requested: Option<String>,
    /// Running tasks on the retiring version before the retirement.
    pub on_version: u32,
    pub effect: Effect,
    pub onto: Option<Version>,
    /// Tasks or pods terminated and not replaced.
    pub lost: u32,
    pub what_happens: String,
    pub what_to_do: String,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Report {
    pub version: Version,
    pub family: Family,
    pub date: String,
    pub latest_to: Option<Version>,
    pub summary: String,
    pub rows: Vec<Row>,
    /// Services the fleet listed but does not simulate (EC2, EXTERNAL…), with why.
    pub not_affected: usize,
}

pub fn report(world: &World, step_at: Instant, plan: &Plan) -> Result<Report, ReportError> {
    let (family, version) = (plan.family, plan.version);
    let id = world
        .catalog
        .find(family, version)
        .ok_or(ReportError::UnknownVersion { version, family })?;
    let state = world.catalog.get(id).state;
    if state == State::Recalled {
        return Err(ReportError::AlreadyRecalled { version, family });
    }
    if plan.at < step_at {
        return Err(ReportError::BeforeStep {
            at: plan.at,
            step_at,
        });
    }
    let mut events = Vec::new();
    if world.catalog.latest(family) == Some(id) {
        let candidates = || {
            world
                .catalog
                .versions()
                .iter()
                .filter(|v| {
                    v.family == family
                        && v.version != version
                        && v.state.capabilities().latest_may_point_here
                })
                .map(|v| v.version)
                .collect()
        };
        let to = plan.latest_to.filter(|to| *to != version).ok_or_else(|| {
            ReportError::LatestPointsHere {
                version,
                family,
                candidates: candidates(),
            }
        })?;
        events.push(Action::MoveLatest { to, family });
    }
    events.push(Action::ForceUpdate {
        version,
        family,
        scope: crate::scenario::ForceScope::Latest,
    });
    if state != State::Retired {
        events.push(Action::SetVersionState {
            version,
            family,
            state: State::Retired,
        });
    }
    events.push(Action::SetVersionState {
        version,
        family,
        state: State::Recalled,
    });

    let mut after = world.clone();
    let mut changes = Vec::new();
    for (i, action) in events.into_iter().enumerate() {
        let event = TimedEvent {
            at: plan.at,
            action,
            note: None,
            source: None,
        };
        let record = apply(&mut after, &event)
            .map_err(|fail| ReportError::Replay(fail.at(&format!("/retirement/{i}"))))?;
        changes.extend(record.changes);
    }
    let latest_after = after
        .catalog
        .latest(family)
        .map(|l| after.catalog.get(l).version);
    Ok(classify(world, id, plan, &changes, latest_after))
}

fn classify(
    world: &World,
    id: VersionId,
    plan: &Plan,
    changes: &[Change],
    latest_after: Option<Version>,
) -> Report {
    let (version, date) = (plan.version, plan.at.date());
    let mut onto: HashMap<&str, Version> = HashMap::new();
    let mut lost: HashMap<&str, u32> = HashMap::new();
    let mut standalone_lost: Vec<&str> = Vec::new();
    let mut pods_lost: HashMap<&str, u32> = HashMap::new();
    for change in changes {
        match change {
            Change::DeploymentCreated {
                service,
                platform_version,
                ..
            } => {
                onto.insert(service, *platform_version);
            }
            Change::PlacementFailed { service, count, .. } => {
                *lost.entry(service).or_default() += count;
            }
            Change::TaskStopped {
                service: None,
                task,
                ..
            } => standalone_lost.push(task),
            Change::PodStopped { cluster, .. } => *pods_lost.entry(cluster).or_default() += 1,
            _ => {}
        }
    }
    let elsewhere = latest_after
        .map(|v| v.to_string())
        .unwrap_or_else(|| "a newer version".into());
    let mut rows = Vec::new();
    for service in world
        .fleet
        .services
        .iter()
        .filter(|s| s.family == plan.family)
    {
        let on_version = service.tasks.iter().filter(|t| t.version == id).count() as u32;
        let lost_here = lost.get(service.name.as_str()).copied().unwrap_or(0);
        let primary_here = service.primary().version == id;
        let moved = onto.get(service.name.as_str()).copied();
        let (effect, what_happens, what_to_do) = if let Some(to) = moved {
            (
                Effect::ForceUpdated,
                format!("AWS force-updates it: a new deployment re-resolves LATEST to {to} and replaces its {} on {version}.", plural(on_version as usize, "task", "tasks")),
                format!("Nothing required. To move on your own schedule, run update-service --force-new-deployment before {date}."),
            )
        } else if primary_here && service.requested == LATEST {
            (
                Effect::ForceUpdateFails,
                format!("The forced update cannot move it: LATEST no longer meets its required capabilities ({}). Its tasks are terminated and not replaced.", service.requires.join(", ")),
                "Remove the requirement or pin a version that has it, then redeploy.".to_string(),
            )
        } else if primary_here {
            let shown = if service.controller == Controller::CodeDeploy {
                format!("a CODE_DEPLOY service showing {version}, which AWS does not force-update")
            } else {
                format!("pinned to {}", service.requested)
            };
            (
                Effect::Breaks,
                format!("It is {shown}: after retirement no new deployment or replacement can use {version}, and its {} terminated on {date} and not replaced.", are(on_version, "task", "tasks")),
                if service.controller == Controller::CodeDeploy {
                    format!("Start a new CODE_DEPLOY deployment on {elsewhere} before {date}.")
                } else {
                    format!("Re-pin to {elsewhere} (or LATEST) with update-service --platform-version before {date}.")
                },
            )
        } else if on_version > 0 {
            (
                Effect::TasksStopped,
                format!("{} of an older deployment still on {version} terminated on {date} and not replaced.", are(on_version, "task", "tasks")),
                "Let the running deployment finish, or redeploy before the date.".to_string(),
            )
        } else {
            continue;
        };
        rows.push(Row {
            kind: "service",
            name: service.name.clone(),
            cluster: service.cluster.clone(),
            requested: Some(service.requested.clone()),
            on_version,
            effect,
            onto: moved,
            lost: if moved.is_some() {
                0
            } else {
                lost_here.max(on_version)
            },
            what_happens,
            what_to_do,
        });
    }
    for task in standalone_lost {
        rows.push(Row {
            kind: "task",
            name: task.to_string(),
            cluster: None,
            requested: None,
            on_version: 1,
            effect: Effect::Stopped,
            onto: None,
            lost: 1,
            what_happens: format!(
                "A standalone task: never force-updated; terminated on {date} and not replaced."
            ),
            what_to_do: format!("Run it again on {elsewhere} (or LATEST) before {date}."),
        });
    }
    let mut clusters: Vec<(&str, u32)> = pods_lost.into_iter().collect();
    clusters.sort_unstable();
    for (cluster, count) in clusters {
        rows.push(Row {
            kind: "pods",
            name: cluster.to_string(),
            cluster: Some(cluster.to_string()),
            requested: None,
            on_version: count,
            effect: Effect::Stopped,
            onto: None,
            lost: count,
            what_happens: format!("{} on {version} terminated on {date}.", are(count, "EKS pod", "EKS pods")),
            what_to_do: format!("Update the cluster's Fargate platform to {elsewhere} and restart its pods before {date}."),
        });
    }
    let count = |effect: Effect| rows.iter().filter(|r| r.effect == effect).count();
    let lost_total: u32 = rows.iter().map(|r| r.lost).sum();
    let summary = format!(
        "Retiring {version} ({}) on {date}: force-updated onto {elsewhere}: {}; breaking: {}; with tasks of an older deployment on it: {}; standalone tasks and EKS clusters stopped: {}. In all, {} terminated and not replaced.",
        plan.family,
        plural(count(Effect::ForceUpdated), "service", "services"),
        plural(count(Effect::Breaks) + count(Effect::ForceUpdateFails), "service", "services"),
        plural(count(Effect::TasksStopped), "service", "services"),
        count(Effect::Stopped),
        are(lost_total, "task or pod", "tasks or pods"),
    );
    let not_affected =
        world.fleet.services.len() - rows.iter().filter(|r| r.kind == "service").count();
    Report {
        version,
        family: plan.family,
        date,
        latest_to: plan.latest_to,
        summary,
        rows,
        not_affected,
    }
}

/// "1 task is" / "3 tasks are".
fn are(n: u32, one: &str, many: &str) -> String {
    format!(
        "{} {}",
        plural(n as usize, one, many),
        if n == 1 { "is" } else { "are" }
    )
}

const COLUMNS: [&str; 9] = [
    "kind",
    "cluster",
    "name",
    "requested",
    "tasks on version",
    "what happens",
    "onto",
    "terminated, not replaced",
    "what to do",
];

impl Row {
    fn cells(&self) -> [String; 9] {
        [
            self.kind.to_string(),
            self.cluster.clone().unwrap_or_default(),
            self.name.clone(),
            self.requested.clone().unwrap_or_default(),
            self.on_version.to_string(),
            self.what_happens.clone(),
            self.onto.map(|v| v.to_string()).unwrap_or_default(),
            self.lost.to_string(),
            self.what_to_do.clone(),
        ]
    }
}

impl Report {
    /// RFC 4180 CSV. A cell that a spreadsheet would read as a formula gets a leading `'`.
    pub fn to_csv(&self) -> String {
        let cell = |text: &str| {
            let text = if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
                format!("'{text}")
            } else {
                text.to_string()
            };
            if text.contains([',', '"', '\n', '\r']) {
                format!("\"{}\"", text.replace('"', "\"\""))
            } else {
                text
            }
        };
        let mut out = COLUMNS.map(cell).join(",");
        out.push_str("\r\n");
        for row in &self.rows {
            out.push_str(&row.cells().map(|c| cell(&c)).join(","));
            out.push_str("\r\n");
        }
        out
    }

    /// A Markdown section: the summary, then a table (pipes and line breaks in cells escaped).
    pub fn to_markdown(&self) -> String {
        let cell = |text: &str| {
            text.replace('\\', "\\\\")
                .replace('|', "\\|")
                .replace(['\n', '\r'], " ")
        };
        let mut out = format!(
            "## Retiring {} ({}) on {}\n\n{}\n\n| {} |\n|{}\n",
            self.version,
            self.family,
            self.date,
            cell(&self.summary),
            COLUMNS.join(" | "),
            "---|".repeat(COLUMNS.len())
        );
        for row in &self.rows {
            out.push_str(&format!(
                "| {} |\n",
                row.cells().map(|c| cell(&c)).join(" | ")
            ));
        }
        out
    }
}
