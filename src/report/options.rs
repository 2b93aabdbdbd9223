//! What the report offers before it is run: where LATEST and pinned services may go, and what AWS
//! announced for the version.

use crate::announced::{schedules, Schedule};
use crate::lifecycle::State;
use crate::trace::World;
use crate::version::{Family, Version};
use serde::Serialize;

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
