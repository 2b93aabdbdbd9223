//! What AWS does: releases versions and revisions, moves LATEST, takes versions through their
//! lifecycle, force-updates services, retires revisions and runs EKS clusters. The author of a
//! scenario controls these events; one that cannot happen is a scenario error (`Fail`).

use super::step::{transition, Step};
use super::{Change, Fail, Outcome, StopReason};
use crate::catalog::VersionId;
use crate::error::Transition;
use crate::fleet::{named_cluster, Cluster, Controller, PodController, ServiceTask};
use crate::lifecycle::State;
use crate::resolve::resolve;
use crate::scenario::ForceScope;
use crate::text::{listed, listed_of, plural, LISTED};
use crate::version::{Family, Version, LATEST};

impl Step<'_> {
    /// A new version starts active on revision 1, with exactly the features given; releasing
    /// does not move LATEST (aws-facts.md, "Platform versions" and rule 5).
    pub(super) fn release(
        &mut self,
        version: Version,
        family: Family,
        features: &[String],
    ) -> Result<Outcome, Fail> {
        self.world
            .catalog
            .release(family, version, features)
            .map_err(transition("version"))?;
        self.change(Change::VersionReleased { version, family });
        self.applied(|| {
            let offers = if features.is_empty() {
                String::new()
            } else {
                format!(" (supports {})", features.join(", "))
            };
            let latest = match self.catalog().latest(family) {
                None => format!("LATEST ({family}) does not point anywhere yet; a move-latest event sets it."),
                Some(id) => format!(
                    "LATEST ({family}) still means {}: releasing a version does not move LATEST.",
                    self.v(id)
                ),
            };
            format!("AWS released platform version {version} ({family}) as revision 1{offers}. {latest}")
        })
    }

    /// Revisions are invisible patches: running tasks keep theirs, new tasks get the newest
    /// (aws-facts.md, rule 6).
    pub(super) fn publish(
        &mut self,
        version: Version,
        family: Family,
        added: &[String],
    ) -> Result<Outcome, Fail> {
        let id = self.known(family, version, "version")?;
        let revision = self
            .world
            .catalog
            .publish_revision(id, added)
            .map_err(transition("version"))?;
        self.change(Change::RevisionPublished {
            version,
            family,
            revision,
        });
        self.applied(|| {
            let adds = if added.is_empty() {
                String::new()
            } else {
                format!(", adding {}", added.join(", "))
            };
            format!(
                "AWS published revision {revision} of {version} ({family}){adds}. Revisions are invisible patches: running tasks keep theirs, and every task started on {version} from now on gets revision {revision}."
            )
        })
    }

    /// Moving LATEST changes nothing that runs (aws-facts.md, rule 5).
    pub(super) fn move_latest(&mut self, to: Version, family: Family) -> Result<Outcome, Fail> {
        let id = self.known(family, to, "to")?;
        let from = self
            .world
            .catalog
            .move_latest(id)
            .map_err(transition("to"))?;
        if from == Some(id) {
            return self
                .applied(|| format!("LATEST ({family}) already meant {to}; nothing changes."));
        }
        let from_version = from.map(|f| self.v(f));
        self.change(Change::LatestMoved {
            family,
            from: from_version,
            to,
        });
        if self.catalog().get(id).state == State::Deprecating {
            self.warn(|_| format!(
                "LATEST ({family}) now means {to}, which is deprecating (AWS: scheduled for deprecation)."
            ));
        }
        self.applied(|| {
            let was = from_version.map_or("it pointed nowhere before".to_string(), |v| {
                format!("it meant {v} before")
            });
            let behind: Vec<String> = self
                .world
                .fleet
                .services()
                .iter()
                .filter(|s| s.family == family && s.requested == LATEST && s.primary().version != id)
                .map(|s| format!("{} still runs {}", s.name, self.v(s.primary().version)))
                .collect();
            let running = if behind.is_empty() {
                String::new()
            } else {
                format!(
                    " The LATEST services keep their resolved version: {}.",
                    behind.join(", ")
                )
            };
            format!(
                "AWS moved LATEST ({family}) to {to} ({was}). Nothing that runs changes: only new launches and new deployments resolve LATEST to {to}.{running}"
            )
        })
    }

    /// A lifecycle transition (aws-facts.md, "The four states").
    pub(super) fn set_state(
        &mut self,
        version: Version,
        family: Family,
        to: State,
    ) -> Result<Outcome, Fail> {
        let id = self.known(family, version, "version")?;
        let from = self
            .world
            .catalog
            .set_state(id, to)
            .map_err(transition("state"))?;
        self.change(Change::VersionStateChanged {
            version,
            family,
            from,
            to,
        });
        let stopped = if to == State::Recalled {
            self.recall(id)
        } else {
            0
        };
        self.applied(|| {
            let mut text = format!(
                "{version} ({family}) went from {} to {} (states AWS's blog proposed, not shown by any API; AWS's term: {}). ",
                from.as_str(),
                to.as_str(),
                to.aws_term()
            );
            text.push_str(match to {
                State::Active => "New tasks and services may start on it again without a warning.",
                State::Deprecating => "New tasks and services may still start on it, with a warning; running tasks are untouched.",
                State::Retired => "Running tasks keep running until they stop, but nothing new may start on it and it receives no more patches, so services that need more tasks on it cannot place them (the playground's reading: AWS does not document what a scale-out then does).",
                State::Recalled => "AWS terminated every task and pod still running on it",
            });
            if to == State::Recalled {
                text.push_str(&match stopped {
                    0 => format!("; no task or pod in this scenario ran {version}, so nothing here changes."),
                    n => format!(
                        ": {} stopped. Service tasks cannot be replaced on it, so only a new deployment on another version brings those services back.",
                        plural(n, "task or pod", "tasks and pods")
                    ),
                });
            }
            text
        })
    }

    /// Stops every task and pod on a recalled version; returns how many.
    fn recall(&mut self, id: VersionId) -> usize {
        let mut stopped = 0;
        for s in 0..self.world.fleet.services().len() {
            let gone = self.stop_service_tasks(s, |t| t.version == id, StopReason::VersionRecalled);
            stopped += gone.len();
            if !gone.is_empty() {
                let pv = self.v(id);
                let service = &self.world.fleet.services()[s];
                self.change(Change::PlacementFailed {
                    cluster: named_cluster(&service.cluster).map(str::to_string),
                    service: service.name.clone(),
                    platform_version: pv,
                    count: gone.len() as u32,
                    reason: format!("{pv} is recalled: its tasks cannot be replaced; only a new deployment fixes this"),
                });
            }
        }
        stopped += self.stop_standalone(|t| t.version == id, StopReason::VersionRecalled);
        for c in 0..self.world.fleet.clusters.len() {
            stopped += self
                .stop_pods(c, |p| p.version == id, StopReason::VersionRecalled)
                .len();
        }
        stopped
    }

    /// AWS's force-updates (aws-facts.md, rules 11 and 12). Every service of the family that asks
    /// for LATEST and still runs `version` gets a new deployment that re-resolves LATEST now; with
    /// scope `all` (2026), every service pinned to `version` also gets one, on `to`.
    pub(super) fn force_update(
        &mut self,
        version: Version,
        family: Family,
        scope: ForceScope,
    ) -> Result<Outcome, Fail> {
        let id = self.known(family, version, "version")?;
        let to = match scope {
            ForceScope::Latest => None,
            ForceScope::All { to } => {
                let to_id = self.known(family, to, "to")?;
                let state = self.catalog().get(to_id).state;
                if to_id == id || state != State::Active {
                    return Err(transition("to")(Transition::ForceUpdateTarget {
                        version,
                        family,
                        to,
                        state,
                    }));
                }
                Some(to)
            }
        };
        let targets: Vec<usize> = (0..self.world.fleet.services().len())
            .filter(|&s| {
                let service = &self.world.fleet.services()[s];
                service.family == family
                    && service.primary().version == id
                    && (service.requested == LATEST || to.is_some())
            })
            .collect();
        // Plan every redeployment first, so that a limit error leaves the world untouched.
        let mut plans = Vec::new();
        let mut kept = Vec::new();
        let mut extra: i64 = 0;
        for &s in &targets {
            let service = &self.world.fleet.services()[s];
            let requested = match to {
                Some(to) if service.requested != LATEST => to.to_string(),
                _ => LATEST.to_string(),
            };
            match resolve(self.catalog(), family, &requested, &service.requires) {
                Ok(resolved) => {
                    extra += i64::from(service.desired) - service.tasks.len() as i64;
                    plans.push((s, resolved, requested));
                }
                Err(rejection) => kept.push(format!(
                    "{} keeps deployment {} ({rejection})",
                    service.name,
                    service.primary().number
                )),
            }
        }
        self.capacity(extra.max(0) as u64, None)?;
        let latest = self.latest_label(family);
        // The sentence names the first few moved services (`listed_of`); the rest are counted.
        let mut moved = Vec::new();
        let moved_count = plans.len();
        let mut code_deploy = Vec::new();
        for (s, resolved, requested) in plans {
            // How AWS rewrites a pinned service's requested version is not documented; the
            // playground shows it asking for the version it moved to.
            self.world.fleet.service_mut(s).requested = requested;
            let number = self.new_deployment(s, resolved, None, StopReason::NewDeployment);
            if self.recording() {
                let service = &self.world.fleet.services()[s];
                if moved.len() < LISTED {
                    moved.push(format!(
                        "{} gets deployment {number} on {}",
                        service.name,
                        self.v(resolved.version)
                    ));
                }
                if service.controller == Controller::CodeDeploy {
                    code_deploy.push(service.name.clone());
                }
            }
        }
        self.applied(|| {
            let mut text = match to {
                None => format!(
                    "AWS force-updated every {family} service that asked for LATEST and still ran {version}: each gets a new deployment that re-resolves LATEST now, when it means {latest}."
                ),
                Some(to) => format!(
                    "AWS force-updated every {family} service still running {version}, pinned or not: those that ask for LATEST get a new deployment that re-resolves LATEST now, when it means {latest}; those pinned to {version} get a new deployment on {to} and from now on ask for {to} (how AWS rewrites a pinned service's requested version is not documented; the playground shows {to})."
                ),
            };
            if targets.is_empty() {
                text.push_str(&format!(
                    " No service in this scenario {} {version}, so nothing here changes.",
                    if to.is_some() { "runs" } else { "asks for LATEST and runs" }
                ));
            } else if moved_count == 0 {
                text.push_str(" No service could move.");
            } else {
                text.push_str(&format!(" {}.", listed_of(&moved, moved_count).replace(", ", "; ")));
            }
            if !kept.is_empty() {
                text.push_str(&format!(" Not moved: {}.", listed(&kept).replace(", ", "; ")));
            }
            if !code_deploy.is_empty() {
                text.push_str(&format!(
                    " Whether AWS force-updates CODE_DEPLOY services is not documented; the playground treats {} like the others.",
                    listed(&code_deploy)
                ));
            }
            if to.is_none() {
                let untouched = || {
                    self.world.fleet.services().iter().filter(|s| {
                        s.family == family && s.requested != LATEST && s.primary().version == id
                    })
                };
                let count = untouched().count();
                if count > 0 {
                    let named: Vec<String> = untouched()
                        .take(LISTED)
                        .map(|s| format!("{} (pinned to {})", s.name, s.requested))
                        .collect();
                    text.push_str(&format!(
                        " Untouched because they name an explicit version: {}.",
                        listed_of(&named, count)
                    ));
                }
            }
            text.push_str(" Standalone tasks are never force-updated.");
            text
        })
    }

    /// Revision retirement (aws-facts.md, rules 10 and 13): tasks and pods on the revision stop.
    /// Service tasks are replaced on the same version's newest revision and EKS pods with a
    /// controller come back as new pods on the cluster's version; standalone tasks and bare pods
    /// are not replaced.
    pub(super) fn retire_revision(
        &mut self,
        version: Version,
        family: Family,
        revision: f64,
    ) -> Result<Outcome, Fail> {
        let id = self.known(family, version, "version")?;
        // Replacements never outnumber the stopped tasks, so the running-tasks limit holds.
        let revision = self
            .world
            .catalog
            .retire_revision(id, revision)
            .map_err(transition("revision"))?;
        let on_it = |t: &ServiceTask| t.version == id && t.revision == revision;
        let mut replaced = Vec::new();
        let mut stopped = 0;
        for s in 0..self.world.fleet.services().len() {
            let gone = self.stop_service_tasks(s, on_it, StopReason::RevisionRetired);
            stopped += gone.len();
            if !gone.is_empty() {
                let started = self.start_service_tasks(s, gone.len() as u32);
                if self.recording() {
                    let name = &self.world.fleet.services()[s].name;
                    replaced.push(format!("{name}: {} of {} replaced", started, gone.len()));
                }
            }
        }
        let standalone = self.stop_standalone(
            |t| t.version == id && t.revision == revision,
            StopReason::RevisionRetired,
        );
        stopped += standalone;
        let mut evicted = Vec::new();
        let mut bare = Vec::new();
        for c in 0..self.world.fleet.clusters.len() {
            let gone = self.stop_pods(
                c,
                |p| p.version == id && p.revision == revision,
                StopReason::RevisionRetired,
            );
            stopped += gone.len();
            let cluster_version = self.world.fleet.clusters[c].fargate_version;
            let can_start = self
                .catalog()
                .get(cluster_version)
                .state
                .capabilities()
                .starts_tasks;
            for pod in gone {
                if pod.controller == PodController::None || !can_start {
                    bare.push(pod.id);
                    continue;
                }
                let new_id = self.world.fleet.clusters[c].next_pod_id(&pod.name);
                evicted.push(format!("{} → {new_id}", pod.id));
                self.start_pods(c, &pod.name, vec![new_id], pod.controller);
            }
        }
        self.applied(|| {
            let newest = self.catalog().get(id).newest_revision();
            let mut text = format!("AWS retired revision {revision} of {version} ({family})");
            if stopped == 0 {
                text.push_str(": no task or pod in this scenario ran on it, so nothing here changes.");
                return text;
            }
            text.push_str(&format!(
                ": {} on it stopped",
                plural(stopped, "task or pod", "tasks and pods")
            ));
            if !replaced.is_empty() {
                text.push_str(&format!(
                    ". The service scheduler replaces service tasks on the same version's newest revision, {newest} ({}); with the default minimum healthy percent of 100 %, each new task starts before the old one stops",
                    replaced.join("; ")
                ));
            }
            if !evicted.is_empty() {
                text.push_str(&format!(
                    ". EKS evicts pods on it; those run by a controller (a Deployment, ReplicaSet or Job) come back as new pods on their cluster's Fargate platform, newest patch ({})",
                    listed(&evicted)
                ));
            }
            if standalone > 0 || !bare.is_empty() {
                text.push_str(". Standalone tasks and bare pods are not replaced");
                if !bare.is_empty() {
                    text.push_str(&format!(" ({} stays stopped)", listed(&bare)));
                }
            }
            text.push('.');
            text
        })
    }

    /// EKS picks the Fargate version of a cluster's pods (aws-facts.md, rule 13); it must be
    /// able to start them.
    fn startable_cluster_version(&self, version: Version) -> Result<VersionId, Fail> {
        let id = self.known(Family::Linux, version, "fargateVersion")?;
        let state = self.catalog().get(id).state;
        if !state.capabilities().starts_tasks {
            return Err(transition("fargateVersion")(
                Transition::ClusterVersionCannotStart { version, state },
            ));
        }
        Ok(id)
    }

    pub(super) fn create_cluster(
        &mut self,
        cluster: &str,
        version: Version,
    ) -> Result<Outcome, Fail> {
        if self.world.fleet.cluster(cluster).is_some() {
            return Err(transition("cluster")(Transition::ClusterExists {
                cluster: cluster.to_string(),
            }));
        }
        let id = self.startable_cluster_version(version)?;
        self.world.fleet.clusters.push(Cluster::new(cluster, id));
        self.change(Change::ClusterCreated {
            cluster: cluster.to_string(),
            fargate_version: version,
        });
        self.applied(|| format!(
            "AWS created EKS cluster {cluster}; its Fargate pods run {version}. EKS picks this version itself: there is no LATEST and no customer choice (ECS's LATEST means {} now). EKS does not show Fargate platform versions — its users see the cluster's EKS platform version, eks.N; the playground shows {version} to explain what runs underneath.",
            self.latest_label(Family::Linux)
        ))
    }

    pub(super) fn update_cluster(
        &mut self,
        cluster: &str,
        version: Version,
    ) -> Result<Outcome, Fail> {
        let c = self.world.fleet.cluster(cluster).ok_or_else(|| {
            transition("cluster")(Transition::UnknownCluster {
                cluster: cluster.to_string(),
            })
        })?;
        let id = self.startable_cluster_version(version)?;
        let from = self.v(self.world.fleet.clusters[c].fargate_version);
        self.world.fleet.clusters[c].fargate_version = id;
        self.change(Change::ClusterUpdated {
            cluster: cluster.to_string(),
            from,
            to: version,
        });
        self.applied(|| format!(
            "EKS moved cluster {cluster}'s Fargate platform from {from} to {version}: pods started from now on run {version}; running pods keep theirs."
        ))
    }
}
