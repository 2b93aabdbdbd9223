//! AWS's announced retirements of platform versions, with their sources (docs/aws-facts.md,
//! rules 11 and 12). The retirement report offers them as its defaults; the aws-history built-in
//! plays the global schedule, and a test keeps the two in agreement.

use crate::date::Instant;
use crate::version::{Family, Version};

/// One published schedule for retiring a version.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Schedule {
    pub family: Family,
    pub version: Version,
    /// Where it applies, as AWS's documentation says.
    pub region: &'static str,
    /// When AWS force-updates services still on the version, if it said so.
    pub force_update: Option<&'static str>,
    /// Whether that force-update also moves services pinned to the version, and onto what.
    pub pinned_to: Option<Version>,
    /// "Retired" / deprecated: nothing new may start on it from this date.
    pub retired: &'static str,
    /// When AWS terminates what still runs on it, if it does.
    pub terminated: Option<&'static str>,
    pub source: &'static str,
}

const fn v(major: u32, minor: u32, patch: u32) -> Version {
    Version {
        major,
        minor,
        patch,
    }
}

const GLOBAL_2026: &str =
    "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/platform-versions-retired.html";
const CHINA_2026: &str =
    "https://docs.amazonaws.cn/en_us/AmazonECS/latest/developerguide/platform-versions-retired.html";
const AL1_2020: &str =
    "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/platform-versions-retired.html";

/// Every schedule AWS published, oldest first.
pub const SCHEDULES: &[Schedule] = &[
    Schedule {
        family: Family::Linux,
        version: v(1, 0, 0),
        region: "all regions",
        force_update: Some("2020-10-26"),
        pinned_to: None,
        retired: "2020-12-14",
        terminated: None,
        source: AL1_2020,
    },
    Schedule {
        family: Family::Linux,
        version: v(1, 1, 0),
        region: "all regions",
        force_update: Some("2020-10-26"),
        pinned_to: None,
        retired: "2020-12-14",
        terminated: None,
        source: AL1_2020,
    },
    Schedule {
        family: Family::Linux,
        version: v(1, 2, 0),
        region: "all regions",
        force_update: Some("2020-10-26"),
        pinned_to: None,
        retired: "2020-12-14",
        terminated: None,
        source: AL1_2020,
    },
    Schedule {
        family: Family::Linux,
        version: v(1, 3, 0),
        region: "AWS regions (global documentation)",
        force_update: Some("2026-03-02"),
        pinned_to: Some(v(1, 4, 0)),
        retired: "2026-03-16",
        terminated: Some("2026-03-31"),
        source: GLOBAL_2026,
    },
    Schedule {
        family: Family::Linux,
        version: v(1, 3, 0),
        region: "China regions (documentation of amazonaws.cn)",
        force_update: None,
        pinned_to: None,
        retired: "2026-06-15",
        terminated: Some("2026-06-30"),
        source: CHINA_2026,
    },
];

impl Schedule {
    /// The date the report retires the version on: termination, else retirement.
    pub fn date(&self) -> Instant {
        let date = self.terminated.unwrap_or(self.retired);
        crate::surely(Instant::parse(date).ok_or(()), "announced dates are dates")
    }
}

/// The published schedules for `version` of `family`.
pub fn schedules(family: Family, version: Version) -> impl Iterator<Item = &'static Schedule> {
    SCHEDULES
        .iter()
        .filter(move |s| s.family == family && s.version == version)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lifecycle::State;
    use crate::scenario::{Action, ForceScope};

    /// aws-history plays the global schedules: its dated events must say what this table says.
    #[test]
    fn aws_history_plays_the_announced_global_schedules() {
        let history = crate::scenario::read(crate::builtin::find("aws-history").unwrap().json)
            .unwrap()
            .events;
        let on = |date: &str, wanted: &dyn Fn(&Action) -> bool| {
            history
                .iter()
                .any(|e| e.at == Instant::parse(date).unwrap() && wanted(&e.action))
        };
        for s in SCHEDULES.iter().filter(|s| !s.region.starts_with("China")) {
            if let Some(date) = s.force_update {
                let scope = match s.pinned_to {
                    Some(to) => ForceScope::All { to },
                    None => ForceScope::Latest,
                };
                assert!(
                    on(date, &|a| *a
                        == Action::ForceUpdate {
                            version: s.version,
                            family: s.family,
                            scope
                        }),
                    "force-update of {} on {date}",
                    s.version
                );
            }
            let state = |state: State| move |a: &Action| matches!(a, Action::SetVersionState { version, state: st, .. } if *version == s.version && *st == state);
            assert!(
                on(s.retired, &state(State::Retired)),
                "{} retired",
                s.version
            );
            if let Some(date) = s.terminated {
                assert!(
                    on(date, &state(State::Recalled)),
                    "{} terminated",
                    s.version
                );
            }
        }
    }
}
