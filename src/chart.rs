//! The whole story at a glance: where each family's LATEST pointed, each version's state, and
//! what each service (and the standalone tasks, and each EKS cluster) asked for and ran, as runs
//! of steps. The page draws it as it is (www/chart.js); every value comes from the replay.
//!
//! A fleet of more than `LANE_LIMIT` services is grouped: one lane per family, requested string
//! and version, counting the services in it.

use crate::fleet::{Fleet, Service};
use crate::hash::FastMap;
use crate::lifecycle::State;
use crate::scenario::TimedEvent;
use crate::trace::{apply_counted, replay, World};
use crate::version::{Family, Version};
use crate::view::{counts, task_counts, Count};
use serde::ser::{SerializeStruct, Serializer};
use serde::Serialize;
use std::collections::HashMap;

/// Above this many services at any step, lanes are groups of services.
pub const LANE_LIMIT: usize = 40;

/// A run's `mix` lists at most this many versions and patches; more (a long story of patches)
/// leave it empty, and `count` says how many run.
pub const MIX_LIMIT: usize = 12;

/// The counts, or none when there are more than `MIX_LIMIT` of them.
fn capped(mix: Vec<Count>) -> Vec<Count> {
    if mix.len() > MIX_LIMIT {
        Vec::new()
    } else {
        mix
    }
}

/// `value` held from step `from` to step `to`, both included; written as one object.
#[derive(Clone, Debug, PartialEq)]
pub struct Run<T> {
    pub from: usize,
    pub to: usize,
    pub value: T,
}

/// A run's value, written beside `from` and `to` (without serde's `flatten`, which costs the
/// module kilobytes per type).
pub trait Fields {
    const COUNT: usize;
    fn write<S: SerializeStruct>(&self, out: &mut S) -> Result<(), S::Error>;
}

impl<T: Fields> Serialize for Run<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut out = serializer.serialize_struct("Run", 2 + T::COUNT)?;
        out.serialize_field("from", &self.from)?;
        out.serialize_field("to", &self.to)?;
        self.value.write(&mut out)?;
        out.end()
    }
}

#[derive(Debug, PartialEq, Serialize)]
pub struct Mark {
    pub index: usize,
    pub at: String,
    #[serde(rename = "do")]
    pub action: &'static str,
    pub customer: bool,
    pub rejected: bool,
    /// Its note says the date is approximate.
    pub approximate: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Pointer {
    pub version: Option<Version>,
}

impl Fields for Pointer {
    const COUNT: usize = 1;
    fn write<S: SerializeStruct>(&self, out: &mut S) -> Result<(), S::Error> {
        out.serialize_field("version", &self.version)
    }
}

#[derive(Debug, PartialEq, Serialize)]
pub struct LatestLane {
    pub family: Family,
    pub runs: Vec<Run<Pointer>>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Lifecycle {
    pub state: State,
}

impl Fields for Lifecycle {
    const COUNT: usize = 1;
    fn write<S: SerializeStruct>(&self, out: &mut S) -> Result<(), S::Error> {
        out.serialize_field("state", &self.state)
    }
}

#[derive(Debug, PartialEq, Serialize)]
pub struct VersionLane {
    pub family: Family,
    pub version: Version,
    pub runs: Vec<Run<Lifecycle>>,
}

/// What a lane runs during a run of steps.
#[derive(Clone, Debug, PartialEq)]
pub struct Running {
    /// What it asks for (a service's version string, or a group's); `None` for standalone tasks,
    /// pods and a service whose request is unknown.
    pub requested: Option<String>,
    /// The version new tasks get (a service's PRIMARY deployment, a cluster's Fargate version);
    /// for standalone tasks the version they all run, `None` when they are mixed.
    pub version: Option<Version>,
    /// Tasks or pods per version and revision (at most `MIX_LIMIT` of them, else none).
    pub mix: Vec<Count>,
    /// Running tasks or pods; for a group, its services.
    pub count: usize,
}

impl Fields for Running {
    const COUNT: usize = 4;
    fn write<S: SerializeStruct>(&self, out: &mut S) -> Result<(), S::Error> {
        out.serialize_field("requested", &self.requested)?;
        out.serialize_field("version", &self.version)?;
        out.serialize_field("mix", &self.mix)?;
        out.serialize_field("count", &self.count)
    }
}

#[derive(Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Lane {
    /// `service`, `group` (services sharing family, request and version), `tasks` (standalone),
    /// or `pods` (an EKS cluster).
    pub kind: &'static str,
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cluster: Option<String>,
    pub family: Family,
    pub runs: Vec<Run<Running>>,
    /// A group's services at the end of the story (`cluster/name` outside the default cluster),
    /// for the page to list when the group is opened.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub members: Vec<String>,
}

#[derive(Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Chart {
    pub marks: Vec<Mark>,
    pub latest: Vec<LatestLane>,
    pub versions: Vec<VersionLane>,
    /// Whether service lanes are groups (more than `LANE_LIMIT` services at some step).
    pub grouped: bool,
    pub lanes: Vec<Lane>,
}

/// Extends the last run when it ends at the step before with the same value, else starts one.
fn extend<T: PartialEq>(runs: &mut Vec<Run<T>>, step: usize, value: T) {
    match runs.last_mut() {
        Some(run) if run.to + 1 == step && run.value == value => run.to = step,
        _ => runs.push(Run {
            from: step,
            to: step,
            value,
        }),
    }
}

/// `extend` with a value that is cloned only when it starts a run.
fn extend_with<T: PartialEq + Clone>(runs: &mut Vec<Run<T>>, step: usize, value: &T) {
    match runs.last_mut() {
        Some(run) if run.to + 1 == step && run.value == *value => run.to = step,
        _ => runs.push(Run {
            from: step,
            to: step,
            value: value.clone(),
        }),
    }
}

/// A lane by key, created the first time it is seen.
struct Lanes<K> {
    index: HashMap<K, usize>,
    lanes: Vec<Lane>,
}

impl<K: std::hash::Hash + Eq> Lanes<K> {
    fn at(&mut self, key: K, new: impl FnOnce() -> Lane) -> &mut Lane {
        let i = self.index_of(key, new);
        &mut self.lanes[i]
    }

    fn index_of(&mut self, key: K, new: impl FnOnce() -> Lane) -> usize {
        let lanes = &mut self.lanes;
        *self.index.entry(key).or_insert_with(|| {
            lanes.push(new());
            lanes.len() - 1
        })
    }
}

impl<K> Default for Lanes<K> {
    fn default() -> Self {
        Lanes {
            index: HashMap::new(),
            lanes: Vec::new(),
        }
    }
}

fn service_running(service: &Service, world: &World) -> Running {
    Running {
        requested: (!service.requested_unknown).then(|| service.requested.clone()),
        version: Some(world.catalog.get(service.primary().version).version),
        mix: capped(task_counts(&service.tasks, &world.catalog)),
        count: service.tasks.len(),
    }
}

/// The chart of `events`, replayed in order (they replayed before, so none fails).
pub fn chart<'a>(events: impl Iterator<Item = &'a TimedEvent> + Clone) -> Chart {
    let mut probe = World::default();
    let mut most = 0;
    for event in events.clone() {
        crate::surely(
            replay(&mut probe, event),
            "replayed events succeeded before",
        );
        most = most.max(probe.fleet.services().len());
    }
    drop(probe);
    chart_of(events, most)
}

/// The chart of a story whose fleet had at most `most_services` services at any step (a
/// `Playground` counts them as it loads, which saves `chart` a replay of the whole story).
pub fn chart_of<'a>(events: impl Iterator<Item = &'a TimedEvent>, most_services: usize) -> Chart {
    let grouped = most_services > LANE_LIMIT;

    let mut world = World::default();
    let mut marks = Vec::new();
    let mut latest: Vec<LatestLane> = Vec::new();
    let mut versions: Vec<VersionLane> = Vec::new();
    // Service lanes by cluster and name; a service deleted and created again gets a new lane.
    let mut services: Lanes<(String, String, usize)> = Lanes::default();
    let mut generation: HashMap<(String, String), usize> = HashMap::new();
    let mut groups: Lanes<GroupKey> = Lanes::default();
    let mut others: Lanes<(&'static str, String)> = Lanes::default();
    // A service whose stamp did not change runs what it ran, in the same lane: no need to count
    // its tasks or find its lane again.
    let mut sampled: FastMap<u64, Running> = FastMap::default();
    let mut lane_of: FastMap<u64, usize> = FastMap::default();
    // The lanes of services or groups drawn at the step before, and the fleet then.
    let mut drawn: Vec<usize> = Vec::new();
    let mut fleet_before = (0, 0);
    for (step, event) in events.enumerate() {
        let record = crate::surely(
            apply_counted(&mut world, event),
            "replayed events succeeded before",
        );
        marks.push(Mark {
            index: step,
            at: record.at.to_iso(),
            action: event.action.name(),
            customer: event.action.by_customer(),
            rejected: record.rejection.is_some(),
            // ASCII case only: Unicode's case tables would cost the module ~19 KB gzipped.
            approximate: event.note.as_deref().is_some_and(|n| {
                n.as_bytes()
                    .windows(11)
                    .any(|w| w.eq_ignore_ascii_case(b"approximate"))
            }),
        });
        let catalog = &world.catalog;
        for family in [Family::Linux, Family::Windows] {
            let pointer = Pointer {
                version: catalog.latest(family).map(|id| catalog.get(id).version),
            };
            if pointer.version.is_none() && latest.iter().all(|l| l.family != family) {
                continue;
            }
            let lane = match latest.iter().position(|l| l.family == family) {
                Some(i) => &mut latest[i],
                None => {
                    latest.push(LatestLane {
                        family,
                        runs: Vec::new(),
                    });
                    latest.last_mut().expect("just pushed")
                }
            };
            extend(&mut lane.runs, step, pointer);
        }
        for (id, info) in catalog.versions().iter().enumerate() {
            if versions.len() <= id {
                versions.push(VersionLane {
                    family: info.family,
                    version: info.version,
                    runs: Vec::new(),
                });
            }
            extend(
                &mut versions[id].runs,
                step,
                Lifecycle { state: info.state },
            );
        }
        for change in &record.changes {
            if let crate::trace::Change::ServiceDeleted {
                cluster, service, ..
            } = change
            {
                let key = (
                    cluster
                        .clone()
                        .unwrap_or_else(|| crate::fleet::DEFAULT_CLUSTER.to_string()),
                    service.clone(),
                );
                *generation.entry(key).or_default() += 1;
            }
        }
        // The services are as they were one step ago (no stamp given since, none removed): every
        // lane they drew goes on as it was.
        let fleet_now = (world.fleet.last_stamp(), world.fleet.services().len());
        if fleet_now == fleet_before {
            for &i in &drawn {
                let lanes = if grouped {
                    &mut groups.lanes
                } else {
                    &mut services.lanes
                };
                if let Some(run) = lanes[i].runs.last_mut() {
                    run.to = step;
                }
            }
        } else {
            drawn.clear();
            let mut now: Vec<GroupSample> = Vec::new();
            for service in world.fleet.services() {
                let running = sampled
                    .entry(service.stamp)
                    .or_insert_with(|| service_running(service, &world));
                if grouped {
                    add_to_group(&mut now, service.family, running);
                    continue;
                }
                // A stamp seen before is a service whose lane is known.
                let i = *lane_of.entry(service.stamp).or_insert_with(|| {
                    let key = (service.cluster.clone(), service.name.clone());
                    let g = generation.get(&key).copied().unwrap_or_default();
                    services.index_of((key.0, key.1, g), || Lane {
                        kind: "service",
                        name: service.name.clone(),
                        cluster: crate::fleet::named_cluster(&service.cluster).map(str::to_string),
                        family: service.family,
                        runs: Vec::new(),
                        members: Vec::new(),
                    })
                });
                extend_with(&mut services.lanes[i].runs, step, running);
                drawn.push(i);
            }
            for (key, mut running, mix_known) in now {
                if !mix_known {
                    running.mix.clear();
                }
                running
                    .mix
                    .sort_by_key(|c| (c.platform_version, c.revision));
                running.mix = capped(running.mix);
                let i = groups.index_of(key.clone(), || {
                    let (family, requested, version) = key;
                    Lane {
                        kind: "group",
                        name: format!("{} → {version}", requested.as_deref().unwrap_or("unknown")),
                        cluster: None,
                        family,
                        runs: Vec::new(),
                        members: Vec::new(),
                    }
                });
                extend(&mut groups.lanes[i].runs, step, running);
                drawn.push(i);
            }
        }
        fleet_before = fleet_now;
        sample_others(&world, step, &mut others);
    }
    if grouped {
        for service in world.fleet.services() {
            let requested = (!service.requested_unknown).then(|| service.requested.clone());
            let version = world.catalog.get(service.primary().version).version;
            if let Some(&i) = groups.index.get(&(service.family, requested, version)) {
                groups.lanes[i]
                    .members
                    .push(crate::view::qualified(service));
            }
        }
    }
    let mut lanes = if grouped {
        groups.lanes
    } else {
        services.lanes
    };
    lanes.extend(others.lanes);
    Chart {
        marks,
        latest,
        versions,
        grouped,
        lanes,
    }
}

/// A group's family, request and version.
type GroupKey = (Family, Option<String>, Version);

/// A group at one step: its key, what its services run together (`count` services), and whether
/// the mix is known (every service's was within `MIX_LIMIT`).
type GroupSample = (GroupKey, Running, bool);

/// Adds a service (what it runs) to its group of this step, merging the tasks' counts.
fn add_to_group(now: &mut Vec<GroupSample>, family: Family, running: &Running) {
    let known = running.count == 0 || !running.mix.is_empty();
    let version = crate::surely(
        running.version.ok_or(()),
        "a service runs its PRIMARY deployment's version",
    );
    let requested = running.requested.as_deref();
    match now
        .iter_mut()
        .find(|((f, r, v), _, _)| *f == family && r.as_deref() == requested && *v == version)
    {
        Some((_, group, mix_known)) => {
            group.count += 1;
            *mix_known &= known && group.mix.len() <= MIX_LIMIT;
            if !*mix_known {
                return;
            }
            for c in &running.mix {
                match group
                    .mix
                    .iter_mut()
                    .find(|g| (g.platform_version, g.revision) == (c.platform_version, c.revision))
                {
                    Some(g) => g.count += c.count,
                    None => group.mix.push(c.clone()),
                }
            }
        }
        None => now.push((
            (family, running.requested.clone(), version),
            Running {
                count: 1,
                ..running.clone()
            },
            known,
        )),
    }
}

/// The standalone tasks (one lane) and each EKS cluster's pods.
fn sample_others(world: &World, step: usize, others: &mut Lanes<(&'static str, String)>) {
    let fleet: &Fleet = &world.fleet;
    if !fleet.tasks.is_empty() {
        let mix = capped(counts(
            fleet.tasks.iter().map(|t| (t.version, t.revision)),
            &world.catalog,
        ));
        let version = match mix.as_slice() {
            [only, ..]
                if mix
                    .iter()
                    .all(|c| c.platform_version == only.platform_version) =>
            {
                Some(only.platform_version)
            }
            _ => None,
        };
        let family = fleet.tasks[0].family;
        let lane = others.at(("tasks", String::new()), || Lane {
            kind: "tasks",
            name: "standalone tasks".to_string(),
            cluster: None,
            family,
            runs: Vec::new(),
            members: Vec::new(),
        });
        extend(
            &mut lane.runs,
            step,
            Running {
                requested: None,
                version,
                mix,
                count: fleet.tasks.len(),
            },
        );
    }
    for cluster in &fleet.clusters {
        let lane = others.at(("pods", cluster.name.clone()), || Lane {
            kind: "pods",
            name: cluster.name.clone(),
            cluster: None,
            family: Family::Linux,
            runs: Vec::new(),
            members: Vec::new(),
        });
        extend(
            &mut lane.runs,
            step,
            Running {
                requested: None,
                version: Some(world.catalog.get(cluster.fargate_version).version),
                mix: capped(counts(
                    cluster.pods.iter().map(|p| (p.version, p.revision)),
                    &world.catalog,
                )),
                count: cluster.pods.len(),
            },
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::builtin::find;

    fn builtin_chart(id: &str) -> Chart {
        let document = crate::scenario::read(find(id).unwrap().json).unwrap();
        chart(document.events.iter())
    }

    /// A scenario document of `events` (JSON objects).
    fn document(events: &[String]) -> String {
        format!(
            r#"{{"format":"fargate-pv-scenario/1","events":[{}]}}"#,
            events.join(",")
        )
    }

    /// 1.3.0 and 1.4.0 released on 2020-01-01, LATEST on 1.3.0.
    fn two_versions() -> Vec<String> {
        vec![
            r#"{"at":"2020-01-01","do":"release-version","version":"1.3.0"}"#.to_string(),
            r#"{"at":"2020-01-01","do":"release-version","version":"1.4.0"}"#.to_string(),
            r#"{"at":"2020-01-01","do":"move-latest","to":"1.3.0"}"#.to_string(),
        ]
    }

    fn runs(lane: &Lane) -> Vec<(usize, usize, Option<String>, Option<String>)> {
        lane.runs
            .iter()
            .map(|r| {
                (
                    r.from,
                    r.to,
                    r.value.requested.clone(),
                    r.value.version.map(|v| v.to_string()),
                )
            })
            .collect()
    }

    #[test]
    fn the_blog_web_stays_on_1_2_0_while_latest_means_1_3_0_until_its_update() {
        let chart = builtin_chart("blog-timeline");
        let linux = &chart.latest[0];
        let latest: Vec<(usize, usize, String)> = linux
            .runs
            .iter()
            .map(|r| (r.from, r.to, r.value.version.unwrap().to_string()))
            .collect();
        assert_eq!(latest, [(1, 4, "1.2.0".into()), (5, 12, "1.3.0".into())]);
        let web = chart.lanes.iter().find(|l| l.name == "web").unwrap();
        let latest = || Some("LATEST".to_string());
        let v = |s: &str| Some(s.to_string());
        assert_eq!(
            runs(web)
                .iter()
                .map(|r| (r.0, r.1, r.2.clone(), r.3.clone()))
                .collect::<Vec<_>>(),
            [
                (2, 5, latest(), v("1.2.0")),
                (6, 6, latest(), v("1.2.0")),
                (7, 8, latest(), v("1.3.0")),
                (9, 12, latest(), v("1.3.0")),
            ],
            "on 1.2.0 from its creation to the update, while LATEST means 1.3.0 from step 5"
        );
        let scale_out = &web.runs[1].value.mix;
        assert_eq!(
            scale_out
                .iter()
                .map(|c| (c.revision, c.count))
                .collect::<Vec<_>>(),
            [(1, 2), (2, 2)],
            "the scale-out mixes two patches"
        );
        assert!(!chart.grouped);
        assert_eq!(chart.marks.len(), 13);
        assert!(chart.marks.iter().all(|m| !m.rejected));
        assert_eq!(chart.marks[2].action, "create-service");
        assert!(chart.marks[2].customer && !chart.marks[1].customer);
    }

    #[test]
    fn versions_show_their_states_and_rejected_steps_are_marked() {
        let chart = builtin_chart("al1-deprecation");
        let retired = chart
            .versions
            .iter()
            .find(|v| v.version.to_string() == "1.2.0" && v.family == Family::Linux)
            .unwrap();
        let states: Vec<State> = retired.runs.iter().map(|r| r.value.state).collect();
        assert!(
            states.contains(&State::Active) && states.contains(&State::Retired),
            "{states:?}"
        );
        let held = builtin_chart("latest-held");
        assert!(
            held.marks.iter().any(|m| m.rejected),
            "latest-held has a refused request"
        );
    }

    #[test]
    fn more_than_forty_services_are_grouped_by_request_and_version() {
        let mut events = two_versions();
        for i in 0..41 {
            let pinned = if i % 2 == 0 {
                r#","platformVersion":"1.4.0""#
            } else {
                ""
            };
            events.push(format!(
                r#"{{"at":"2020-01-02","do":"create-service","service":"s{i}"{pinned}}}"#
            ));
        }
        events.push(r#"{"at":"2020-02-01","do":"move-latest","to":"1.4.0"}"#.to_string());
        events.push(
            r#"{"at":"2020-02-02","do":"update-service","service":"s1","forceNewDeployment":true}"#
                .to_string(),
        );
        let text = document(&events);
        let document = crate::scenario::read(&text).unwrap();
        let chart = chart(document.events.iter());
        assert!(chart.grouped);
        assert!(chart.lanes.iter().all(|l| l.kind == "group"));
        let last_run = |name: &str| {
            let lane = chart.lanes.iter().find(|l| l.name == name).unwrap();
            let run = lane.runs.last().unwrap();
            (lane.runs[0].from, run.to, run.value.count)
        };
        assert_eq!(last_run("1.4.0 → 1.4.0"), (3, 45, 21), "pinned services");
        assert_eq!(
            last_run("LATEST → 1.3.0"),
            (4, 45, 19),
            "LATEST services still on 1.3.0"
        );
        assert_eq!(
            last_run("LATEST → 1.4.0"),
            (45, 45, 1),
            "s1, redeployed after LATEST moved"
        );
        let members = |name: &str| &chart.lanes.iter().find(|l| l.name == name).unwrap().members;
        assert_eq!(members("LATEST → 1.4.0"), &["s1"]);
        assert_eq!(members("1.4.0 → 1.4.0").len(), 21);
    }

    #[test]
    fn a_group_counts_its_services_and_adds_up_their_tasks_by_version_and_patch() {
        let mut events = two_versions();
        events.extend((0..20).map(|i| {
            format!(
                r#"{{"at":"2020-01-02","do":"create-service","service":"s{i}","desiredCount":2}}"#
            )
        }));
        events.extend((20..=LANE_LIMIT).map(|i| {
            format!(r#"{{"at":"2020-01-02","do":"create-service","service":"s{i}","platformVersion":"1.4.0","desiredCount":3}}"#)
        }));
        events.push(r#"{"at":"2020-01-03","do":"publish-revision","version":"1.4.0"}"#.into());
        events.push(format!(
            r#"{{"at":"2020-01-04","do":"scale-service","service":"s{LANE_LIMIT}","desiredCount":4}}"#
        ));
        // A service with no tasks is in its group and leaves the group's counts known.
        events.push(
            r#"{"at":"2020-01-05","do":"scale-service","service":"s0","desiredCount":0}"#.into(),
        );
        let text = document(&events);
        let chart = chart(crate::scenario::read(&text).unwrap().events.iter());
        let last = |name: &str| {
            let lane = chart.lanes.iter().find(|l| l.name == name).unwrap();
            let run = &lane.runs.last().unwrap().value;
            let mix: Vec<(String, u32, usize)> = run
                .mix
                .iter()
                .map(|c| (c.platform_version.to_string(), c.revision, c.count))
                .collect();
            (run.count, mix)
        };
        assert_eq!(last("LATEST → 1.3.0"), (20, vec![("1.3.0".into(), 1, 38)]));
        assert_eq!(
            last("1.4.0 → 1.4.0"),
            (21, vec![("1.4.0".into(), 1, 63), ("1.4.0".into(), 2, 1)])
        );
    }

    #[test]
    fn a_group_whose_services_run_too_many_patches_to_list_counts_them_without_a_mix() {
        let mut events = vec![
            r#"{"at":"2020-01-01","do":"release-version","version":"1.4.0"}"#.to_string(),
            r#"{"at":"2020-01-01","do":"move-latest","to":"1.4.0"}"#.to_string(),
        ];
        events.extend(
            (0..=LANE_LIMIT).map(|i| {
                format!(r#"{{"at":"2020-01-02","do":"create-service","service":"s{i}"}}"#)
            }),
        );
        // The last service scales out after each new patch: its tasks run more patches than a
        // mix lists, so the group's mix (the others' counts so far) is not known either.
        for k in 0..=MIX_LIMIT {
            events.push(format!(
                r#"{{"at":"2020-02-{:02}","do":"publish-revision","version":"1.4.0"}}"#,
                k + 1
            ));
            events.push(format!(
                r#"{{"at":"2020-02-{:02}","do":"scale-service","service":"s{LANE_LIMIT}","desiredCount":{}}}"#,
                k + 1,
                k + 2
            ));
        }
        let text = document(&events);
        let chart = chart(crate::scenario::read(&text).unwrap().events.iter());
        let group = chart
            .lanes
            .iter()
            .find(|l| l.name == "LATEST → 1.4.0")
            .unwrap();
        let first = &group.runs.first().unwrap().value;
        assert_eq!(first.mix.len(), 1, "one patch while every service runs one");
        let last = &group.runs.last().unwrap().value;
        assert_eq!((last.count, last.mix.len()), (LANE_LIMIT + 1, 0));
    }

    #[test]
    fn a_playground_groups_its_chart_as_the_replay_does_counting_services_it_appends() {
        let services = |n: usize| -> String {
            let mut events = vec![
                r#"{"at":"2020-01-01","do":"release-version","version":"1.4.0"}"#.to_string(),
                r#"{"at":"2020-01-01","do":"move-latest","to":"1.4.0"}"#.to_string(),
            ];
            events.extend((0..n).map(|i| {
                format!(r#"{{"at":"2020-01-02","do":"create-service","service":"s{i}"}}"#)
            }));
            // The most services were before this step: a chart groups by the most at any step.
            events.push(r#"{"at":"2020-01-03","do":"delete-service","service":"s0"}"#.into());
            document(&events)
        };
        for n in [LANE_LIMIT, LANE_LIMIT + 1] {
            let text = services(n);
            let read = crate::scenario::read(&text).unwrap();
            let playground = crate::Playground::new(&text).unwrap();
            assert_eq!(playground.chart(), chart(read.events.iter()));
            assert_eq!(playground.chart().grouped, n > LANE_LIMIT);
        }
        let mut playground = crate::Playground::new(&services(LANE_LIMIT)).unwrap();
        playground
            .apply_json(r#"{"do":"create-service","service":"late-1"}"#)
            .unwrap();
        assert!(
            !playground.chart().grouped,
            "40 services again, after s0 left"
        );
        playground
            .apply_json(r#"{"do":"create-service","service":"late-2"}"#)
            .unwrap();
        assert!(playground.chart().grouped, "41 services");
    }

    #[test]
    fn a_service_created_again_gets_a_new_lane_and_pods_have_theirs() {
        let eks = builtin_chart("eks-on-fargate");
        let pods: Vec<&Lane> = eks.lanes.iter().filter(|l| l.kind == "pods").collect();
        assert_eq!(pods.len(), 1);
        assert!(pods[0].runs.last().unwrap().value.count > 0);
        let text = r#"{"format":"fargate-pv-scenario/1","events":[
          {"at":"2020-01-01","do":"release-version","version":"1.4.0"},
          {"at":"2020-01-01","do":"move-latest","to":"1.4.0"},
          {"at":"2020-01-02","do":"create-service","service":"web"},
          {"at":"2020-01-03","do":"delete-service","service":"web"},
          {"at":"2020-01-04","do":"create-service","service":"web","platformVersion":"1.4.0"}]}"#;
        let document = crate::scenario::read(text).unwrap();
        let chart = chart(document.events.iter());
        let webs: Vec<Vec<(usize, usize)>> = chart
            .lanes
            .iter()
            .filter(|l| l.name == "web")
            .map(|l| l.runs.iter().map(|r| (r.from, r.to)).collect())
            .collect();
        assert_eq!(webs, [vec![(2, 2)], vec![(4, 4)]]);
    }
}
