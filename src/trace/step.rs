//! One step's bookkeeping: the changes it records (or only counts), its warnings and sentence,
//! and the one place where tasks and pods start and stop.

use super::{Change, Fail, Outcome, StopReason, Tally, World};
use crate::catalog::{Catalog, VersionId};
use crate::date::Instant;
use crate::error::{ErrorKind, Limit, Transition, MAX_RUNNING_TASKS};
use crate::fleet::{named_cluster, Deployment, Pod, PodController, ServiceTask, StandaloneTask};
use crate::hash::{FastHasher, FastMap};
use crate::resolve::Resolved;
use crate::version::{Family, Version};
use std::hash::{BuildHasher, BuildHasherDefault};

/// Who a task or pod belongs to, for its change and its tally.
#[derive(Clone, Copy)]
pub(super) enum Owner<'a> {
    /// A service task: the service's ECS cluster and name.
    Service(&'a str, &'a str),
    Standalone(&'a str),
    Cluster(&'a str),
}

impl<'a> Owner<'a> {
    fn kind(self, stopped: bool) -> &'static str {
        match (self, stopped) {
            (Owner::Cluster(_), false) => "pod-started",
            (Owner::Cluster(_), true) => "pod-stopped",
            (_, false) => "task-started",
            (_, true) => "task-stopped",
        }
    }

    /// `("service", name)` or `("cluster", name)`, and the ECS cluster when not the default.
    fn tally_owner(self) -> (Option<(&'static str, &'a str)>, Option<&'a str>) {
        match self {
            Owner::Service(cluster, name) => (Some(("service", name)), named_cluster(cluster)),
            Owner::Standalone(cluster) => (None, named_cluster(cluster)),
            Owner::Cluster(name) => (Some(("cluster", name)), None),
        }
    }
}

pub(super) struct Step<'w> {
    pub(super) world: &'w mut World,
    /// Record changes, warnings and sentences. Off when replaying towards another step, where only
    /// the resulting world matters: then nothing is recorded and no sentence is built.
    record: bool,
    pub(super) at: Instant,
    changes: Vec<Change>,
    warnings: Vec<String>,
    /// Changes left out, because `record` is off or because they are only tallied.
    unrecorded: usize,
    /// Task and pod changes counted by kind, owner, version, revision and reason. A recorded step
    /// always keeps them (summaries read them); `listed` says whether each is also a change.
    tallies: Vec<Tally>,
    /// Whether task and pod changes are listed one by one (`apply`) or only counted
    /// (`apply_counted`, for a summary of a large fleet).
    listed: bool,
    /// Non-task changes so far: where a tally sits among them.
    others: usize,
    /// Where a tally is in `tallies` by the hash of what it counts (`tallied`), for owners that
    /// come back after others.
    tally_index: FastMap<u64, usize>,
}

impl<'w> Step<'w> {
    pub(super) fn new(world: &'w mut World, at: Instant, record: bool, counted: bool) -> Step<'w> {
        Step {
            world,
            record,
            at,
            changes: Vec::new(),
            warnings: Vec::new(),
            unrecorded: 0,
            tallies: Vec::new(),
            listed: !counted,
            others: 0,
            tally_index: FastMap::default(),
        }
    }

    /// Changes made, recorded or not.
    pub(super) fn work(&self) -> usize {
        self.changes.len() + self.unrecorded
    }

    pub(super) fn finish(self) -> (Vec<Change>, Vec<String>, Vec<Tally>) {
        (self.changes, self.warnings, self.tallies)
    }

    pub(super) fn recording(&self) -> bool {
        self.record
    }

    // ------------------------------------------------------------------ what the step says

    /// The step's sentence, built only when the step is recorded.
    pub(super) fn say(&self, words: impl FnOnce() -> String) -> String {
        if self.record {
            words()
        } else {
            String::new()
        }
    }

    pub(super) fn applied(&self, words: impl FnOnce() -> String) -> Result<Outcome, Fail> {
        Ok(Outcome::Applied(self.say(words)))
    }

    pub(super) fn warn(&mut self, words: impl FnOnce(&Self) -> String) {
        if self.record {
            let warning = words(self);
            self.warnings.push(warning);
        }
    }

    /// Records a change other than a task or pod starting or stopping.
    pub(super) fn change(&mut self, change: Change) {
        if self.record {
            self.changes.push(change);
            self.others += 1;
        } else {
            self.unrecorded += 1;
        }
    }

    /// Counts `n` changes that are not recorded one by one (an import's tasks).
    pub(super) fn count_work(&mut self, n: usize) {
        self.unrecorded += n;
    }

    // ------------------------------------------------------------------ the catalog

    pub(super) fn catalog(&self) -> &Catalog {
        &self.world.catalog
    }

    pub(super) fn v(&self, id: VersionId) -> Version {
        self.catalog().get(id).version
    }

    /// A version an AWS-side event names must have been released.
    pub(super) fn known(
        &self,
        family: Family,
        version: Version,
        field: &'static str,
    ) -> Result<VersionId, Fail> {
        self.catalog().find(family, version).ok_or_else(|| {
            Fail::new(
                Some(field.to_string()),
                ErrorKind::UnknownVersion { version, family },
            )
        })
    }

    pub(super) fn latest_label(&self, family: Family) -> String {
        match self.catalog().latest(family) {
            Some(id) => self.v(id).to_string(),
            None => "nothing yet".to_string(),
        }
    }

    /// The 1,000,000 running-tasks limit, checked before anything starts.
    pub(super) fn capacity(&self, extra: u64, field: Option<&str>) -> Result<(), Fail> {
        let would_run = self.world.fleet.running() + extra;
        if would_run > MAX_RUNNING_TASKS {
            return Err(Fail::new(
                field.map(str::to_string),
                ErrorKind::LimitExceeded(Limit::RunningTasks { would_run }),
            ));
        }
        Ok(())
    }

    /// Lifecycle rule (aws-facts.md, "The four states"): starting on a deprecating version is allowed
    /// with a warning.
    pub(super) fn warn_if_deprecating(&mut self, id: VersionId, what: &str) {
        if self.catalog().get(id).state.capabilities().warns_on_use {
            self.warn(|step| format!(
                "{what} on {}, which is deprecating (AWS: scheduled for deprecation); plan a move to a newer version.",
                step.catalog().get(id).label()
            ));
        }
    }

    // ------------------------------------------------------------------ starting and stopping

    /// Records task or pod starts of one owner, version and revision (`ids` names each): listed
    /// and counted into a tally, only counted (summaries of large fleets), or only counted as
    /// work (quiet replays). Every start goes through here, a batch at a time.
    pub(super) fn started(
        &mut self,
        owner: Owner,
        version: VersionId,
        revision: u32,
        ids: impl ExactSizeIterator<Item = String>,
    ) {
        if !self.tallied(owner, false, version, revision, None, ids.len()) {
            return;
        }
        let platform_version = self.v(version);
        for id in ids {
            let change = match owner {
                Owner::Service(cluster, service) => Change::TaskStarted {
                    task: id,
                    cluster: named_cluster(cluster).map(str::to_string),
                    service: Some(service.to_string()),
                    platform_version,
                    revision,
                },
                Owner::Standalone(cluster) => Change::TaskStarted {
                    task: id,
                    cluster: named_cluster(cluster).map(str::to_string),
                    service: None,
                    platform_version,
                    revision,
                },
                Owner::Cluster(cluster) => Change::PodStarted {
                    cluster: cluster.to_string(),
                    pod: id,
                    platform_version,
                    revision,
                },
            };
            self.changes.push(change);
        }
    }

    /// Records task or pod stops, like `started`; `runs_on` gives each one's version and
    /// revision. Every stop goes through here.
    pub(super) fn stopped<T>(
        &mut self,
        owner: Owner,
        items: &[T],
        uniform: Option<(VersionId, u32)>,
        runs_on: impl Fn(&T) -> (VersionId, u32),
        id: impl Fn(&T) -> String,
        reason: StopReason,
    ) {
        // Tallied a run of one version and revision at a time: bulk stops come in such runs.
        // All of them one run when the caller knows they run one version and revision.
        debug_assert!(uniform.is_none_or(|key| items.iter().all(|i| runs_on(i) == key)));
        let mut rest = items;
        while let Some(first) = rest.first() {
            let (version, revision) = runs_on(first);
            let run = match uniform {
                Some(_) => rest.len(),
                None => rest
                    .iter()
                    .take_while(|item| runs_on(item) == (version, revision))
                    .count(),
            };
            let (batch, after) = rest.split_at(run);
            rest = after;
            if !self.tallied(owner, true, version, revision, Some(reason), run) {
                continue;
            }
            let platform_version = self.v(version);
            for item in batch {
                let id = id(item);
                let change = match owner {
                    Owner::Service(cluster, service) => Change::TaskStopped {
                        task: id,
                        cluster: named_cluster(cluster).map(str::to_string),
                        service: Some(service.to_string()),
                        platform_version,
                        revision,
                        reason,
                    },
                    Owner::Standalone(cluster) => Change::TaskStopped {
                        task: id,
                        cluster: named_cluster(cluster).map(str::to_string),
                        service: None,
                        platform_version,
                        revision,
                        reason,
                    },
                    Owner::Cluster(cluster) => Change::PodStopped {
                        cluster: cluster.to_string(),
                        pod: id,
                        platform_version,
                        revision,
                        reason,
                    },
                };
                self.changes.push(change);
            }
        }
    }

    /// Counts `n` task or pod changes of one kind; `true` when they must also be listed.
    fn tallied(
        &mut self,
        owner: Owner,
        stopped: bool,
        version: VersionId,
        revision: u32,
        reason: Option<StopReason>,
        n: usize,
    ) -> bool {
        if n == 0 {
            return false;
        }
        if !self.record {
            self.unrecorded += n;
            return false;
        }
        if !self.listed {
            self.unrecorded += n;
        }
        let kind = owner.kind(stopped);
        let (owner, cluster) = owner.tally_owner();
        let platform_version = self.v(version);
        let same = |t: &Tally| {
            t.kind == kind
                && t.platform_version == platform_version
                && t.revision == revision
                && t.reason == reason
                && t.owner.as_ref().map(|(k, n)| (*k, n.as_str())) == owner
                && t.cluster.as_deref() == cluster
        };
        let hash = tally_hash(kind, owner, cluster, platform_version, revision, reason);
        let found = match self.tally_index.get(&hash) {
            Some(&i) if same(&self.tallies[i]) => Some(i),
            // Another tally with the same hash: rare enough to search them all.
            Some(_) => self.tallies.iter().position(same),
            None => None,
        };
        match found {
            Some(i) => self.tallies[i].count += n as u32,
            None => {
                self.tally_index.entry(hash).or_insert(self.tallies.len());
                self.tallies.push(Tally {
                    position: self.others,
                    kind,
                    owner: owner.map(|(k, n)| (k, n.to_string())),
                    cluster: cluster.map(str::to_string),
                    platform_version,
                    revision,
                    reason,
                    count: n as u32,
                });
            }
        }
        self.listed
    }

    /// Starts up to `count` tasks of service `s` on its PRIMARY deployment's version, newest
    /// revision (aws-facts.md, rules 3 and 6). A retired or recalled version cannot place them:
    /// the step records the shortfall (`placement-failed`). Returns how many started.
    pub(super) fn start_service_tasks(&mut self, s: usize, count: u32) -> u32 {
        if count == 0 {
            return 0;
        }
        let version = self.world.fleet.services()[s].primary().version;
        let info = self.catalog().get(version);
        let (pv, state, revision) = (info.version, info.state, info.newest_revision());
        let name = self.world.fleet.services()[s].name.clone();
        let cluster = self.world.fleet.services()[s].cluster.clone();
        if !state.capabilities().starts_tasks {
            self.change(Change::PlacementFailed {
                cluster: named_cluster(&cluster).map(str::to_string),
                service: name,
                platform_version: pv,
                count,
                reason: format!(
                    "{pv} is {}: no new tasks can start on it; only a new deployment fixes this",
                    state.as_str()
                ),
            });
            return 0;
        }
        let at = self.at;
        let numbers = self
            .world
            .fleet
            .start_service_tasks(s, count, version, revision, at);
        self.started(
            Owner::Service(&cluster, &name),
            version,
            revision,
            numbers.iter().map(|number| format!("{name}-{number}")),
        );
        count
    }

    /// Stops the given tasks, already taken out of service `s`.
    pub(super) fn stopped_service_tasks(
        &mut self,
        s: usize,
        tasks: &[ServiceTask],
        reason: StopReason,
    ) {
        self.stopped_service_run(s, tasks, None, reason);
    }

    /// `stopped_service_tasks` for tasks the caller knows all run `uniform`'s version and
    /// revision, when it does: tallied without a pass over them.
    fn stopped_service_run(
        &mut self,
        s: usize,
        tasks: &[ServiceTask],
        uniform: Option<(VersionId, u32)>,
        reason: StopReason,
    ) {
        let name = self.world.fleet.services()[s].name.clone();
        let cluster = self.world.fleet.services()[s].cluster.clone();
        self.stopped(
            Owner::Service(&cluster, &name),
            tasks,
            uniform,
            |task| (task.version, task.revision),
            |task| format!("{name}-{}", task.number),
            reason,
        );
    }

    /// Stops every task of service `s` (they are being replaced); returns how many. Their room
    /// is kept for the tasks that replace them: a fleet-wide redeployment replaces 300,000.
    pub(super) fn stop_all_service_tasks(&mut self, s: usize, reason: StopReason) -> usize {
        if self.world.fleet.services()[s].tasks.is_empty() {
            return 0;
        }
        // Read from the tasks as they were (shared with a checkpoint, perhaps), then emptied:
        // they are never copied only to be dropped.
        let before = std::rc::Rc::clone(&self.world.fleet.services()[s].tasks);
        self.stopped_service_run(s, &before, before.uniform(), reason);
        let stopped = before.len();
        drop(before);
        self.world.fleet.empty_service_tasks(s);
        stopped
    }

    /// Stops the tasks of service `s` that `which` picks; returns them.
    pub(super) fn stop_service_tasks(
        &mut self,
        s: usize,
        which: impl Fn(&ServiceTask) -> bool,
        reason: StopReason,
    ) -> Vec<ServiceTask> {
        // Most services have nothing to stop (a recall looks at every task of the fleet), and
        // one that is not changed keeps its stamp.
        if !self.world.fleet.services()[s].tasks.iter().any(&which) {
            return Vec::new();
        }
        let service = self.world.fleet.service_mut(s);
        let (gone, kept): (Vec<ServiceTask>, Vec<ServiceTask>) =
            service.tasks.iter().partition(|t| which(t));
        service.tasks = std::rc::Rc::new(kept.into());
        self.stopped_service_tasks(s, &gone, reason);
        gone
    }

    /// Runs standalone tasks `ids` of `family` in ECS cluster `cluster` on a resolved version
    /// and revision.
    pub(super) fn start_standalone(
        &mut self,
        cluster: &str,
        family: Family,
        ids: &[String],
        version: VersionId,
        revision: u32,
    ) {
        for id in ids {
            self.world.fleet.add_standalone(StandaloneTask {
                id: id.clone(),
                cluster: cluster.to_string(),
                family,
                version,
                revision,
                started_at: self.at,
            });
            self.started(
                Owner::Standalone(cluster),
                version,
                revision,
                std::slice::from_ref(id).iter().cloned(),
            );
        }
    }

    /// Stops the standalone tasks `which` picks; returns how many.
    pub(super) fn stop_standalone(
        &mut self,
        which: impl Fn(&StandaloneTask) -> bool,
        reason: StopReason,
    ) -> usize {
        let gone = self.world.fleet.drain_standalone(which);
        for task in &gone {
            self.stopped(
                Owner::Standalone(&task.cluster),
                std::slice::from_ref(task),
                None,
                |t| (t.version, t.revision),
                |t| t.id.clone(),
                reason,
            );
        }
        gone.len()
    }

    /// Starts pods `ids` of `name` on cluster `c`'s Fargate version, newest revision.
    pub(super) fn start_pods(
        &mut self,
        c: usize,
        name: &str,
        ids: Vec<String>,
        controller: PodController,
    ) {
        let version = self.world.fleet.clusters[c].fargate_version;
        let revision = self.catalog().get(version).newest_revision();
        let cluster = self.world.fleet.clusters[c].name.clone();
        self.started(
            Owner::Cluster(&cluster),
            version,
            revision,
            ids.iter().cloned(),
        );
        for id in ids {
            self.world.fleet.clusters[c].pods.push(Pod {
                id,
                name: name.to_string(),
                controller,
                version,
                revision,
                started_at: self.at,
            });
        }
    }

    /// Stops the pods of cluster `c` that `which` picks; returns them.
    pub(super) fn stop_pods(
        &mut self,
        c: usize,
        which: impl Fn(&Pod) -> bool,
        reason: StopReason,
    ) -> Vec<Pod> {
        let cluster = &mut self.world.fleet.clusters[c];
        let (gone, kept): (Vec<Pod>, Vec<Pod>) = std::mem::take(&mut cluster.pods)
            .into_iter()
            .partition(&which);
        cluster.pods = kept;
        let name = cluster.name.clone();
        self.stopped(
            Owner::Cluster(&name),
            &gone,
            None,
            |pod| (pod.version, pod.revision),
            |pod| pod.id.clone(),
            reason,
        );
        gone
    }

    /// Makes `resolved` the PRIMARY deployment of service `s` (aws-facts.md, rule 4): all old
    /// tasks stop, then `desired` (or the service's desiredCount) start on it. Returns the
    /// deployment number.
    pub(super) fn new_deployment(
        &mut self,
        s: usize,
        resolved: Resolved,
        desired: Option<u32>,
        reason: StopReason,
    ) -> u32 {
        let at = self.at;
        let service = self.world.fleet.service_mut(s);
        let number = service.primary().number + 1;
        service.push_deployment(Deployment {
            number,
            version: resolved.version,
            created_at: at,
        });
        if let Some(desired) = desired {
            service.desired = desired;
        }
        let (name, cluster, requested, desired) = (
            service.name.clone(),
            service.cluster.clone(),
            service.requested.clone(),
            service.desired,
        );
        let pv = self.v(resolved.version);
        self.change(Change::DeploymentCreated {
            cluster: named_cluster(&cluster).map(str::to_string),
            service: name.clone(),
            deployment: format!("{name}/{number}"),
            platform_version: pv,
            requested,
        });
        self.stop_all_service_tasks(s, reason);
        self.start_service_tasks(s, desired);
        number
    }

    /// The distinct revisions a service's tasks run (for the sentence; empty when not
    /// recording, since it costs a pass over the tasks).
    pub(super) fn revisions_of(&self, s: usize) -> Vec<u32> {
        if !self.record {
            return Vec::new();
        }
        let mut revisions: Vec<u32> = self.world.fleet.services()[s]
            .tasks
            .iter()
            .map(|t| t.revision)
            .collect();
        revisions.sort_unstable();
        revisions.dedup();
        revisions
    }
}

/// What a tally counts, hashed from its borrowed parts: a tally is found without building a key
/// of owned strings (`Step::tallied`, which checks the parts, as two tallies may share a hash).
fn tally_hash(
    kind: &str,
    owner: Option<(&str, &str)>,
    cluster: Option<&str>,
    platform_version: Version,
    revision: u32,
    reason: Option<StopReason>,
) -> u64 {
    BuildHasherDefault::<FastHasher>::default().hash_one((
        kind,
        owner,
        cluster,
        platform_version,
        revision,
        reason,
    ))
}

pub(super) fn transition(field: &'static str) -> impl Fn(Transition) -> Fail {
    move |t| Fail::new(Some(field.to_string()), ErrorKind::InvalidTransition(t))
}

pub(super) fn transition_at(field: String, t: Transition) -> Fail {
    Fail::new(Some(field), ErrorKind::InvalidTransition(t))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tally_that_shares_its_hash_with_another_is_counted_apart() {
        let mut world = World::default();
        let linux = Family::Linux;
        let version = Version::parse("1.4.0").expect("a version");
        let id = world
            .catalog
            .release(linux, version, &[])
            .expect("released");
        let mut step = Step::new(&mut world, Instant::default(), true, true);
        step.tallied(Owner::Service("default", "web"), false, id, 1, None, 3);
        // Pretend api's tally has the same hash as web's: it must not be added to web's.
        let api = tally_hash(
            "task-started",
            Some(("service", "api")),
            None,
            version,
            1,
            None,
        );
        step.tally_index.insert(api, 0);
        step.tallied(Owner::Service("default", "api"), false, id, 1, None, 2);
        step.tallied(Owner::Service("default", "api"), false, id, 1, None, 4);
        let (_, _, tallies) = step.finish();
        let counted: Vec<(String, u32)> = tallies
            .iter()
            .map(|t| (t.owner.clone().expect("a service").1, t.count))
            .collect();
        assert_eq!(counted, [("web".to_string(), 3), ("api".to_string(), 6)]);
    }
}
