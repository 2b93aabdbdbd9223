//! The retirement report: what retiring one platform version on one date does to a fleet, service by
//! service, and what to do about it. It is computed by replaying AWS's retirement sequence on a
//! copy of the world — move LATEST away if it points there, force-update the services still on
//! the version, retire it, terminate what still runs — so the rules stay in `trace`.

use crate::announced::{schedules, Schedule};
use crate::catalog::VersionId;
use crate::date::Instant;
use crate::error::ScenarioError;
use crate::fleet::{Controller, Service};
use crate::lifecycle::State;
use crate::scenario::{Action, ForceScope, TimedEvent};
use crate::text::plural;
use crate::trace::{apply, Change, World};
use crate::version::{Family, Version, LATEST};
use serde::Serialize;
use std::collections::HashMap;
use std::fmt;

/// What the user asks: retire `version` of `family` on `at`.
#[derive(Clone, Debug, PartialEq)]
pub struct Plan {
    pub family: Family,
    pub version: Version,
    pub at: Instant,
    /// When LATEST means the version: where AWS moves it first. A version the catalog does not
    /// have yet is a hypothetical newer one, released for the report.
    pub latest_to: Option<Version>,
    /// When AWS force-updates pinned services too (as announced for 1.3.0 in 2026): onto what.
    pub pinned_to: Option<Version>,
    /// Whether AWS terminates what still runs on the version (2026) or lets it run (2020).
    pub terminate: bool,
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
    /// LATEST means the version and the plan does not say where it moves first.
    LatestPointsHere {
        version: Version,
        family: Family,
    },
    /// The target is the retiring version itself.
    SameTarget {
        version: Version,
    },
    /// The sequence itself cannot happen (e.g. LATEST cannot move to a retired version).
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
            ReportError::SameTarget { .. } => "InvalidField",
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
            ReportError::LatestPointsHere { version, family } => write!(
                f,
                "LATEST ({family}) means {version}; AWS moves LATEST before retiring a version, so choose the version it moves to."
            ),
            ReportError::SameTarget { version } => write!(
                f,
                "{version} is the version being retired; choose another version to move to."
            ),
            ReportError::Replay(error) => write!(f, "{error}"),
        }
    }
}

/// A version the report may move LATEST or pinned services to, with what the user should know.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Target {
    pub version: Version,
    /// Not released yet: the report releases it, with the retiring version's capabilities.
    pub hypothetical: bool,
    /// Older than the retiring version.
    pub downgrade: bool,
    pub state: Option<State>,
    /// The date AWS announced it is terminated or retired, if it did.
    pub scheduled_retirement: Option<String>,
}

/// One announced schedule, as the report offers it.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Announced {
    pub region: &'static str,
    pub date: String,
    pub force_update: Option<&'static str>,
    pub retired: &'static str,
    pub terminated: Option<&'static str>,
    pub pinned_to: Option<Version>,
    pub source: &'static str,
}

/// The choices for retiring `version` of `family` at a step, shown before the report is built.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Options {
    pub version: Version,
    pub family: Family,
    /// LATEST means the version: `latestTo` must name where it moves first.
    pub latest_points_here: bool,
    /// Where LATEST (and pinned services) may go: every active or deprecating version of the
    /// family other than this one, newest first, and a hypothetical newer one when none is newer.
    pub targets: Vec<Target>,
    /// AWS's published schedules for this version (the first is the default), if any.
    pub announced: Vec<Announced>,
}

/// What the report's form offers for `version` of `family` in `world`.
pub fn options(world: &World, family: Family, version: Version) -> Options {
    let catalog = &world.catalog;
    let id = catalog.find(family, version);
    let scheduled = |v: Version| {
        schedules(family, v)
            .next()
            .map(|s| s.terminated.unwrap_or(s.retired).to_string())
    };
    let mut targets: Vec<Target> = catalog
        .versions()
        .iter()
        .filter(|v| {
            v.family == family
                && v.version != version
                && v.state.capabilities().latest_may_point_here
        })
        .map(|v| Target {
            version: v.version,
            hypothetical: false,
            downgrade: v.version < version,
            state: Some(v.state),
            scheduled_retirement: scheduled(v.version),
        })
        .collect();
    let newest = catalog
        .versions()
        .iter()
        .filter(|v| v.family == family)
        .map(|v| v.version)
        .max()
        .unwrap_or(version);
    if !targets.iter().any(|t| t.version > version) {
        targets.push(Target {
            version: Version {
                major: newest.major,
                minor: newest.minor + 1,
                patch: 0,
            },
            hypothetical: true,
            downgrade: false,
            state: None,
            scheduled_retirement: None,
        });
    }
    targets.sort_by_key(|t| std::cmp::Reverse(t.version));
    Options {
        version,
        family,
        latest_points_here: id.is_some() && catalog.latest(family) == id,
        targets,
        announced: schedules(family, version).map(announced).collect(),
    }
}

fn announced(s: &Schedule) -> Announced {
    Announced {
        region: s.region,
        date: s.date().date(),
        force_update: s.force_update,
        retired: s.retired,
        terminated: s.terminated,
        pinned_to: s.pinned_to,
        source: s.source,
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Effect {
    /// AWS's force-update moves it onto another version.
    ForceUpdated,
    /// The force-update cannot move it: the new version lacks a capability it requires.
    ForceUpdateFails,
    /// Pinned to the version (or CODE_DEPLOY showing it) and not force-updated: it breaks.
    Breaks,
    /// Some tasks still ran the version (an older deployment mid-rollout).
    TasksStopped,
    /// Standalone tasks or EKS pods on the version.
    Stopped,
    /// Pinned to a version that no new task can start on, but not terminated (2020).
    CannotScale,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Row {
    /// `service`, `task` or `pods`.
    pub kind: &'static str,
    pub name: String,
    /// The ECS cluster (`default` for services and tasks created without one), or the EKS one.
    pub cluster: String,
    pub requested: Option<String>,
    /// Running tasks (or pods) on the retiring version before the retirement.
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
    pub pinned_to: Option<Version>,
    pub terminate: bool,
    pub summary: String,
    /// What the user should know about the plan itself: downgrades, hypothetical versions,
    /// targets that are retired or scheduled for retirement.
    pub warnings: Vec<String>,
    pub rows: Vec<Row>,
    /// Services the fleet runs that the retirement does not touch.
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
    for target in [plan.latest_to, plan.pinned_to].into_iter().flatten() {
        if target == version {
            return Err(ReportError::SameTarget { version });
        }
    }
    let latest_here = world.catalog.latest(family) == Some(id);
    if latest_here && plan.latest_to.is_none() {
        return Err(ReportError::LatestPointsHere { version, family });
    }
    let choices = options(world, family, version);
    let mut warnings = Vec::new();
    let mut events = Vec::new();
    let features = world.catalog.get(id).newest_features().to_vec();
    let mut released = Vec::new();
    let moves = [
        ("LATEST moves", plan.latest_to.filter(|_| latest_here)),
        ("pinned services move", plan.pinned_to),
    ];
    for (what, target) in moves {
        let Some(to) = target else { continue };
        match world.catalog.find(family, to) {
            None if !released.contains(&to) => {
                released.push(to);
                warnings.push(format!(
                    "{to} is hypothetical: AWS has not released it. The report assumes it supports what {version} supports."
                ));
                events.push(Action::ReleaseVersion {
                    version: to,
                    family,
                    features: features.clone(),
                });
            }
            None => {}
            Some(_) => {
                let target = choices.targets.iter().find(|t| t.version == to);
                if to < version {
                    warnings.push(format!(
                        "{what} to {to}, older than {version}: a downgrade onto a version that lacks what {version} added."
                    ));
                }
                if let Some(date) = target.and_then(|t| t.scheduled_retirement.as_ref()) {
                    warnings.push(format!(
                        "{to} is itself scheduled for retirement ({date}, AWS's announcement): {what} onto a version that goes next."
                    ));
                }
                if let Some(state @ (State::Deprecating | State::Retired)) = world
                    .catalog
                    .find(family, to)
                    .map(|t| world.catalog.get(t).state)
                {
                    warnings.push(format!("{to} is {} at this step.", state.as_str()));
                }
            }
        }
    }
    if let (true, Some(to)) = (latest_here, plan.latest_to) {
        events.push(Action::MoveLatest { to, family });
    }
    events.push(Action::ForceUpdate {
        version,
        family,
        scope: match plan.pinned_to {
            Some(to) => ForceScope::All { to },
            None => ForceScope::Latest,
        },
    });
    if state != State::Retired {
        events.push(Action::SetVersionState {
            version,
            family,
            state: State::Retired,
        });
    }
    if plan.terminate {
        events.push(Action::SetVersionState {
            version,
            family,
            state: State::Recalled,
        });
    }

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
    Ok(classify(world, &after, id, plan, &changes, warnings))
}

/// `aws ecs …` with `--cluster` and the name, the complete command a row's owner runs.
fn command(sub: &str, cluster: &str, flag: &str, name: &str, rest: &str) -> String {
    format!("aws ecs {sub} --cluster {cluster} {flag} {name}{rest}")
}

fn classify(
    world: &World,
    after: &World,
    id: VersionId,
    plan: &Plan,
    changes: &[Change],
    warnings: Vec<String>,
) -> Report {
    let (version, date) = (plan.version, plan.at.date());
    let mut onto: HashMap<(Option<&str>, &str), Version> = HashMap::new();
    let mut standalone_lost: Vec<(Option<&str>, &str)> = Vec::new();
    let mut pods_lost: HashMap<&str, u32> = HashMap::new();
    for change in changes {
        match change {
            Change::DeploymentCreated {
                cluster,
                service,
                platform_version,
                ..
            } => {
                onto.insert((cluster.as_deref(), service), *platform_version);
            }
            Change::TaskStopped {
                cluster,
                service: None,
                task,
                ..
            } => standalone_lost.push((cluster.as_deref(), task)),
            Change::PodStopped { cluster, .. } => *pods_lost.entry(cluster).or_default() += 1,
            _ => {}
        }
    }
    let latest_after = after
        .catalog
        .latest(plan.family)
        .map(|l| after.catalog.get(l).version);
    let elsewhere = plan
        .pinned_to
        .or(latest_after)
        .map(|v| v.to_string())
        .unwrap_or_else(|| "a newer version".into());
    let ended = if plan.terminate {
        format!("terminated on {date}")
    } else {
        "kept running until they stop, but never replaced".to_string()
    };
    let mut rows = Vec::new();
    for service in world
        .fleet
        .services
        .iter()
        .filter(|s| s.family == plan.family)
    {
        let Some(row) = service_row(service, id, plan, &onto, &elsewhere, &ended, &date) else {
            continue;
        };
        rows.push(row);
    }
    for (cluster, task) in standalone_lost {
        let cluster = cluster.unwrap_or(crate::fleet::DEFAULT_CLUSTER);
        rows.push(Row {
            kind: "task",
            name: task.to_string(),
            cluster: cluster.to_string(),
            requested: None,
            on_version: 1,
            effect: Effect::Stopped,
            onto: None,
            lost: 1,
            what_happens: format!(
                "A standalone task: never force-updated; terminated on {date} and not replaced."
            ),
            what_to_do: format!(
                "Before {date}, run it again on {elsewhere}: aws ecs run-task --cluster {cluster} --task-definition <its task definition> --launch-type FARGATE --platform-version {elsewhere}, then stop it: aws ecs stop-task --cluster {cluster} --task {task}"
            ),
        });
    }
    if !plan.terminate {
        // Nothing is terminated: standalone tasks keep running on the version.
        for task in world.fleet.tasks.iter().filter(|t| t.version == id) {
            rows.push(Row {
                kind: "task",
                name: task.id.clone(),
                cluster: task.cluster.clone(),
                requested: None,
                on_version: 1,
                effect: Effect::CannotScale,
                onto: None,
                lost: 0,
                what_happens: "A standalone task: never force-updated; it keeps running until it stops, and nothing new may start on the version.".to_string(),
                what_to_do: format!(
                    "Run its next run on {elsewhere}: aws ecs run-task --cluster {} --task-definition <its task definition> --launch-type FARGATE --platform-version {elsewhere}",
                    task.cluster
                ),
            });
        }
    }
    let mut clusters: Vec<(&str, u32)> = pods_lost.into_iter().collect();
    clusters.sort_unstable();
    for (cluster, count) in clusters {
        rows.push(Row {
            kind: "pods",
            name: cluster.to_string(),
            cluster: cluster.to_string(),
            requested: None,
            on_version: count,
            effect: Effect::Stopped,
            onto: None,
            lost: count,
            what_happens: format!("{} on {version} terminated on {date}.", are(count, "EKS pod", "EKS pods")),
            what_to_do: format!("Before {date}, update the cluster's platform so EKS runs its pods on {elsewhere}, and restart them (kubectl rollout restart)."),
        });
    }
    let count = |kind: &str, effect: Effect| {
        rows.iter()
            .filter(|r| r.kind == kind && r.effect == effect)
            .count()
    };
    let mut parts = Vec::new();
    for (n, one, many) in [
        (
            count("service", Effect::ForceUpdated),
            "service is force-updated onto another version",
            "services are force-updated onto another version",
        ),
        (
            count("service", Effect::Breaks),
            "pinned service breaks",
            "pinned services break",
        ),
        (
            count("service", Effect::CannotScale),
            "pinned service can no longer start tasks",
            "pinned services can no longer start tasks",
        ),
        (
            count("service", Effect::ForceUpdateFails),
            "service cannot be moved (a required capability)",
            "services cannot be moved (a required capability)",
        ),
        (
            count("service", Effect::TasksStopped),
            "service has tasks of an older deployment on it",
            "services have tasks of an older deployment on it",
        ),
        (
            count("task", Effect::Stopped),
            "standalone task is terminated",
            "standalone tasks are terminated",
        ),
        (
            count("task", Effect::CannotScale),
            "standalone task keeps running on it",
            "standalone tasks keep running on it",
        ),
        (
            count("pods", Effect::Stopped),
            "EKS cluster loses pods",
            "EKS clusters lose pods",
        ),
    ] {
        if n > 0 {
            parts.push(plural(n, one, many));
        }
    }
    let lost_total: u32 = rows.iter().map(|r| r.lost).sum();
    let summary = format!(
        "Retiring {version} ({}) on {date}: {}. {}",
        plan.family,
        if parts.is_empty() {
            "nothing in this fleet runs it".to_string()
        } else {
            parts.join("; ")
        },
        if plan.terminate {
            format!(
                "In all, {} terminated and not replaced.",
                are(lost_total, "task or pod", "tasks or pods")
            )
        } else {
            format!("Nothing is terminated: what runs on {version} keeps running until it stops, and nothing new may start on it.")
        },
    );
    let not_affected = world
        .fleet
        .services
        .len()
        .saturating_sub(rows.iter().filter(|r| r.kind == "service").count());
    Report {
        version,
        family: plan.family,
        date,
        latest_to: plan.latest_to,
        pinned_to: plan.pinned_to,
        terminate: plan.terminate,
        summary,
        warnings,
        rows,
        not_affected,
    }
}

/// The row of one service, or `None` when the retirement does not touch it.
fn service_row(
    service: &Service,
    id: VersionId,
    plan: &Plan,
    onto: &HashMap<(Option<&str>, &str), Version>,
    elsewhere: &str,
    ended: &str,
    date: &str,
) -> Option<Row> {
    let version = plan.version;
    let cluster = service.cluster.as_str();
    let on_version = service.tasks.iter().filter(|t| t.version == id).count() as u32;
    let primary_here = service.primary().version == id;
    let moved = onto
        .get(&(crate::fleet::named_cluster(cluster), service.name.as_str()))
        .copied();
    let pinned = service.requested != LATEST;
    let update = |rest: &str| command("update-service", cluster, "--service", &service.name, rest);
    let unknown = if service.requested_unknown {
        " Its requested version is unknown (it was only in describe-tasks); the playground takes it as pinned."
    } else {
        ""
    };
    let code_deploy = service.controller == Controller::CodeDeploy;
    let undocumented = if code_deploy {
        " Whether AWS force-updates CODE_DEPLOY services is not documented."
    } else {
        ""
    };
    let (effect, what_happens, what_to_do) = if let Some(to) = moved {
        let how = if pinned {
            format!("AWS force-updates it onto {to}, and from then on it asks for {to} (how AWS rewrites a pinned service's requested version is not documented)")
        } else {
            format!("AWS force-updates it: a new deployment re-resolves LATEST to {to}")
        };
        let to_do = if code_deploy {
            format!("Nothing required. To move on your own schedule, start a new CodeDeploy deployment on {to} before {date}.")
        } else if pinned {
            format!("Nothing required. To choose the version and the moment yourself: {} before {date}.", update(&format!(" --platform-version {to}")))
        } else {
            format!(
                "Nothing required. To move on your own schedule: {} before {date}.",
                update(" --force-new-deployment")
            )
        };
        (
            Effect::ForceUpdated,
            format!(
                "{how}, and replaces its {} on {version}.{undocumented}{unknown}",
                plural(on_version as usize, "task", "tasks")
            ),
            to_do,
        )
    } else if primary_here && (!pinned || plan.pinned_to.is_some()) {
        (
            Effect::ForceUpdateFails,
            format!(
                "The forced update cannot move it: the version it would move to does not support what it requires ({}). Its {} {ended}.",
                service.requires.join(", "),
                are(on_version, "task", "tasks"),
            ),
            format!("Remove the requirement, or pin a version that has it: {} before {date}.", update(" --platform-version <version>")),
        )
    } else if primary_here {
        let shown = if code_deploy {
            format!("a CODE_DEPLOY service showing {version}, which AWS does not force-update here")
        } else {
            format!("pinned to {}", service.requested)
        };
        let effect = if plan.terminate {
            Effect::Breaks
        } else {
            Effect::CannotScale
        };
        (
            effect,
            format!(
                "It is {shown}: after retirement no new deployment, scale-out or replacement can use {version}, and its {} {ended}.{unknown}",
                are(on_version, "task", "tasks"),
            ),
            if code_deploy {
                format!("Start a new CodeDeploy deployment on {elsewhere} before {date}.")
            } else {
                format!("Re-pin before {date}: {}.", update(&format!(" --platform-version {elsewhere}")))
            },
        )
    } else if on_version > 0 {
        (
            Effect::TasksStopped,
            format!(
                "{} of an older deployment still on {version} {ended}.",
                are(on_version, "task", "tasks")
            ),
            format!(
                "Let the running deployment finish, or redeploy before {date}: {}.",
                update(" --force-new-deployment")
            ),
        )
    } else {
        return None;
    };
    Some(Row {
        kind: "service",
        name: service.name.clone(),
        cluster: cluster.to_string(),
        requested: Some(if service.requested_unknown {
            "unknown".to_string()
        } else {
            service.requested.clone()
        }),
        on_version,
        effect,
        onto: moved,
        lost: if moved.is_some() || !plan.terminate {
            0
        } else {
            on_version
        },
        what_happens,
        what_to_do,
    })
}

/// "1 task is" / "3 tasks are".
fn are(n: u32, one: &str, many: &str) -> String {
    format!(
        "{} {}",
        plural(n as usize, one, many),
        if n == 1 { "is" } else { "are" }
    )
}

impl Row {
    fn cells(&self) -> [String; 9] {
        [
            self.kind.to_string(),
            self.cluster.clone(),
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
    /// The column headings; the count column names the version it counts.
    fn columns(&self) -> [String; 9] {
        [
            "kind".into(),
            "cluster".into(),
            "name".into(),
            "requested".into(),
            format!("running tasks on {}", self.version),
            "what happens".into(),
            "onto".into(),
            "terminated, not replaced".into(),
            "what to do".into(),
        ]
    }

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
        let mut out = self.columns().map(|c| cell(&c)).join(",");
        out.push_str("\r\n");
        for row in &self.rows {
            out.push_str(&row.cells().map(|c| cell(&c)).join(","));
            out.push_str("\r\n");
        }
        out
    }

    /// A Markdown section: the summary and warnings, then a table (pipes and line breaks in cells
    /// escaped).
    pub fn to_markdown(&self) -> String {
        let cell = |text: &str| {
            text.replace('\\', "\\\\")
                .replace('|', "\\|")
                .replace(['\n', '\r'], " ")
        };
        let columns = self.columns();
        let mut out = format!(
            "## Retiring {} ({}) on {}\n\n{}\n\n",
            self.version,
            self.family,
            self.date,
            cell(&self.summary),
        );
        for warning in &self.warnings {
            out.push_str(&format!("> ⚠ {}\n\n", cell(warning)));
        }
        out.push_str(&format!(
            "| {} |\n|{}\n",
            columns.join(" | "),
            "---|".repeat(columns.len())
        ));
        for row in &self.rows {
            out.push_str(&format!(
                "| {} |\n",
                row.cells().map(|c| cell(&c)).join(" | ")
            ));
        }
        out
    }
}
