//! The retirement report: what retiring one platform version on one date does to a fleet, service by
//! service, and what to do about it. It is computed by replaying AWS's retirement sequence on a
//! copy of the world — move LATEST away if it points there, force-update the services still on
//! the version, retire it, terminate what still runs — so the rules stay in `trace`.

use crate::date::Instant;
use crate::error::ScenarioError;
use crate::lifecycle::State;
use crate::scenario::{Action, ForceScope, TimedEvent};
use crate::trace::{apply, World};
use crate::version::{Family, Version};
use serde::Serialize;
use std::fmt;

mod export;
mod options;
mod rows;
pub use options::{options, Announced, Options, Target};
use rows::classify;

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

/// A family as the page names it.
pub fn read_family(text: &str) -> Result<Family, ReportError> {
    Family::parse(text).ok_or_else(|| ReportError::Invalid {
        must: "family must be \"LINUX\" or \"WINDOWS\"".to_string(),
        found: text.to_string(),
    })
}

/// A version as the page names it; `what` says which, for the error.
pub fn read_version(what: &str, text: &str) -> Result<Version, ReportError> {
    Version::parse(text).ok_or_else(|| ReportError::Invalid {
        must: format!("{what} must be written MAJOR.MINOR.PATCH"),
        found: text.to_string(),
    })
}

impl Plan {
    /// A plan from the page's fields (`latest_to` and `pinned_to` empty or absent when not
    /// given; `terminate` by default).
    pub fn read(
        family: &str,
        version: &str,
        date: &str,
        latest_to: Option<&str>,
        pinned_to: Option<&str>,
        terminate: Option<bool>,
    ) -> Result<Plan, ReportError> {
        let optional = |what: &str, text: Option<&str>| match text {
            None | Some("") => Ok(None),
            Some(text) => read_version(what, text).map(Some),
        };
        Ok(Plan {
            family: read_family(family)?,
            version: read_version("The version", version)?,
            at: Instant::parse(date).ok_or_else(|| ReportError::Invalid {
                must: "The date must be a real date written YYYY-MM-DD".to_string(),
                found: date.to_string(),
            })?,
            latest_to: optional("The version LATEST moves to", latest_to)?,
            pinned_to: optional("The version pinned services move to", pinned_to)?,
            terminate: terminate.unwrap_or(true),
        })
    }
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
    /// A field of the plan does not read: what it must be, and what it was.
    Invalid {
        must: String,
        found: String,
    },
}

impl ReportError {
    pub fn code(&self) -> &'static str {
        match self {
            ReportError::NoSuchStep { .. } => "StepOutOfRange",
            ReportError::UnknownVersion { .. } => "UnknownVersion",
            ReportError::AlreadyRecalled { .. } => "AlreadyRecalled",
            ReportError::BeforeStep { .. } => "BeforeStep",
            ReportError::LatestPointsHere { .. } => "LatestPointsHere",
            ReportError::SameTarget { .. } | ReportError::Invalid { .. } => "InvalidField",
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
            ReportError::Invalid { must, found } => {
                write!(f, "{must}; found {}.", crate::error::quoted(found))
            }
        }
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
    // The page asks for a day, and a step may be at any hour of one (an import is at the time of
    // its output): the step's own day is not before it, and the retirement then plays at the
    // step's time.
    let day = |at: Instant| at.0.div_euclid(86_400);
    if day(plan.at) < day(step_at) {
        return Err(ReportError::BeforeStep {
            at: plan.at,
            step_at,
        });
    }
    let at = plan.at.max(step_at);
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
            at,
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_plan_that_does_not_read_says_which_field_and_what_it_found() {
        let message = |e: ReportError| (e.code(), e.to_string());
        let read = |family, version, date, latest_to| {
            Plan::read(family, version, date, latest_to, None, None)
                .map(|_| ())
                .map_err(message)
        };
        assert_eq!(
            read("linux", "1.3.0", "2026-03-31", None),
            Err((
                "InvalidField",
                "family must be \"LINUX\" or \"WINDOWS\"; found \"linux\".".into()
            ))
        );
        assert_eq!(
            read("LINUX", "1.3", "2026-03-31", None),
            Err((
                "InvalidField",
                "The version must be written MAJOR.MINOR.PATCH; found \"1.3\".".into()
            ))
        );
        assert_eq!(
            read("LINUX", "1.3.0", "2026-02-30", None),
            Err((
                "InvalidField",
                "The date must be a real date written YYYY-MM-DD; found \"2026-02-30\".".into()
            ))
        );
        assert_eq!(
            read("LINUX", "1.3.0", "2026-03-31", Some("next")),
            Err((
                "InvalidField",
                "The version LATEST moves to must be written MAJOR.MINOR.PATCH; found \"next\"."
                    .into()
            ))
        );
        assert_eq!(
            read("LINUX", "1.3.0", "2026-03-31", Some("")),
            Ok(()),
            "empty means not given"
        );
    }
}
