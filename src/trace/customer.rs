//! What customers ask for: services, standalone tasks and EKS pods. Every version string goes
//! through the resolver (aws-facts.md, rules 1–9); a request AWS would refuse is a rejected step,
//! not an error.

use super::step::Step;
use super::{Fail, Outcome, StopReason};
use crate::error::quoted;
use crate::fleet::{
    named_cluster, numbered_ids, Controller, Count, Deployment, PodController, Service,
};
use crate::resolve::{check_count, check_name, resolve, Rejection, Resolved};
use crate::text::plural;
use crate::version::{Family, LATEST};

/// An ECS cluster and the name of a service or task in it.
type Named<'a> = (&'a str, &'a str);

impl Step<'_> {
    fn service_index(&self, (cluster, service): Named) -> Result<usize, Rejection> {
        self.world
            .fleet
            .service(cluster, service)
            .ok_or(Rejection::ServiceNotFound {
                service: service.to_string(),
            })
    }

    /// AWS's refusal, with why in words after AWS's message.
    fn reject(&self, rejection: Rejection, family: Family) -> Outcome {
        let why = || {
            match &rejection {
            Rejection::UnknownPlatform { requested, family } => format!(
                "{} is not a {family} platform version: version strings are exact (LATEST or MAJOR.MINOR.PATCH, like 1.4.0), and Linux and Windows versions are separate lists.",
                quoted(requested)
            ),
            Rejection::LatestUnset { family } => format!("LATEST ({family}) does not point to any version yet."),
            Rejection::CannotStart { version, state } => format!(
                "{version} is {} (AWS: {}); ask for an active version.",
                state.as_str(),
                state.aws_term()
            ),
            Rejection::Incompatible { version, missing } => format!(
                "The request resolved to {version}, whose newest revision does not support {}. Capabilities are checked against the resolved version, not the newest release (LATEST means {}).",
                missing.join(", "),
                self.latest_label(family)
            ),
            Rejection::ServiceNotFound { service } => format!("There is no service named {}.", quoted(service)),
            Rejection::ClusterNotFound { cluster } => format!("There is no EKS cluster named {}.", quoted(cluster)),
            Rejection::DuplicateService { service } => format!("A service named {service} already exists."),
            Rejection::TaskNotFound { task } => format!("No running task has the id {}.", quoted(task)),
            Rejection::CodeDeployUpdate { .. } => "AWS: \"If the network configuration, platform version, task definition, or load balancer need to be updated, create a new CodeDeploy deployment.\" Nothing changes.".to_string(),
            Rejection::NotCodeDeploy { .. } => "Nothing changes.".to_string(),
            Rejection::InvalidName { .. }
            | Rejection::DuplicateTask { .. }
            | Rejection::DuplicatePod { .. }
            | Rejection::InvalidCount { .. } => String::new(),
        }
        };
        let why = self.say(why);
        Outcome::Rejected(rejection, why)
    }

    /// "web asked for LATEST; LATEST meant 1.2.0 on 2019-01-10" or "web asked for 1.4.0 explicitly".
    fn resolution_words(
        &self,
        who: &str,
        requested: &str,
        resolved: Resolved,
        family: Family,
    ) -> String {
        let version = self.v(resolved.version);
        if resolved.via_latest {
            format!(
                "{who} asked for LATEST; LATEST ({family}) meant {version} on {}",
                self.at.date()
            )
        } else {
            format!("{who} asked for {requested} explicitly")
        }
    }

    /// CreateService resolves the version string now and pins deployment 1 to it (aws-facts.md,
    /// rules 1 and 2).
    #[allow(clippy::too_many_arguments)]
    pub(super) fn create_service(
        &mut self,
        (cluster, service): Named,
        task_definition: Option<&str>,
        requested: &str,
        family: Family,
        desired: Count,
        requires: &[String],
        controller: Controller,
    ) -> Result<Outcome, Fail> {
        let resolved = match resolve(self.catalog(), family, requested, requires) {
            Ok(r) => r,
            Err(rejection) => return Ok(self.reject(rejection, family)),
        };
        let checks = check_name("service name", service)
            .and_then(|_| match self.world.fleet.service(cluster, service) {
                Some(_) => Err(Rejection::DuplicateService {
                    service: service.to_string(),
                }),
                None => Ok(()),
            })
            .and_then(|_| check_count("desiredCount", desired));
        let desired = match checks {
            Ok(d) => d,
            Err(rejection) => return Ok(self.reject(rejection, family)),
        };
        self.capacity(u64::from(desired), Some("desiredCount"))?;
        let at = self.at;
        self.world.fleet.add_service(Service {
            name: service.to_string(),
            cluster: cluster.to_string(),
            family,
            requested: requested.to_string(),
            requested_unknown: false,
            task_definition: task_definition.map(str::to_string),
            controller,
            requires: requires.to_vec(),
            desired,
            deployments: vec![Deployment {
                number: 1,
                version: resolved.version,
                created_at: at,
            }],
            tasks: Default::default(),
            last_task_number: 0,
            stamp: 0,
        });
        let s = self.world.fleet.services().len() - 1;
        let pv = self.v(resolved.version);
        self.change(super::Change::ServiceCreated {
            cluster: named_cluster(cluster).map(str::to_string),
            service: service.to_string(),
        });
        self.change(super::Change::DeploymentCreated {
            cluster: named_cluster(cluster).map(str::to_string),
            service: service.to_string(),
            deployment: format!("{service}/1"),
            platform_version: pv,
            requested: requested.to_string(),
        });
        self.start_service_tasks(s, desired);
        self.warn_if_deprecating(resolved.version, &format!("{service} starts tasks"));
        self.applied(|| {
            let mut text = format!(
                "{}, so deployment 1 is pinned to {pv}. {} on revision {}, {pv}'s newest patch.",
                self.resolution_words(service, requested, resolved, family),
                match desired {
                    0 => "No tasks start (desiredCount 0); any started later will run".to_string(),
                    1 => "1 task starts".to_string(),
                    n => format!("{n} tasks start"),
                },
                resolved.revision
            );
            if controller == Controller::CodeDeploy {
                text.push_str(&format!(
                    " With the CODE_DEPLOY controller, users report that describe-services shows the resolved {pv} as the service's platformVersion, not {requested} (AWS does not document it)."
                ));
            } else if resolved.via_latest {
                text.push_str(&format!(
                    " describe-services will keep showing LATEST for the service while its deployment and tasks show {pv}."
                ));
            }
            text
        })
    }

    /// UpdateService (aws-facts.md, rule 4): a platform version, forceNewDeployment or new
    /// requirements make a new deployment that re-resolves; a desired count alone is a scale.
    pub(super) fn update_service(
        &mut self,
        named: Named,
        task_definition: Option<&str>,
        platform_version: Option<&str>,
        force: bool,
        desired: Option<Count>,
        requires: Option<&[String]>,
    ) -> Result<Outcome, Fail> {
        let service = named.1;
        let s = match self.service_index(named) {
            Ok(s) => s,
            Err(rejection) => return Ok(self.reject(rejection, Family::Linux)),
        };
        // A new task definition is a new deployment too (aws-facts.md, rule 4).
        let force = force || task_definition.is_some();
        if platform_version.is_none() && !force && requires.is_none() {
            return match desired {
                Some(count) => self.scale_service(named, count),
                None => self.applied(|| format!(
                    "{service} was updated with nothing to change: no new deployment, no task changes, and LATEST is not re-resolved."
                )),
            };
        }
        let current = &self.world.fleet.services()[s];
        let family = current.family;
        if current.controller == Controller::CodeDeploy {
            return Ok(self.reject(
                Rejection::CodeDeployUpdate {
                    service: service.to_string(),
                },
                family,
            ));
        }
        let requested = platform_version.unwrap_or(&current.requested).to_string();
        let requires: Vec<String> =
            requires.map_or_else(|| current.requires.clone(), <[String]>::to_vec);
        let old = (
            current.primary().number,
            current.primary().version,
            current.tasks.len(),
            current.desired,
        );
        let resolved = match resolve(self.catalog(), family, &requested, &requires) {
            Ok(r) => r,
            Err(rejection) => return Ok(self.reject(rejection, family)),
        };
        let desired = match desired.map(|d| check_count("desiredCount", d)).transpose() {
            Ok(d) => d,
            Err(rejection) => return Ok(self.reject(rejection, family)),
        };
        let new_desired = desired.unwrap_or(old.3);
        self.capacity(
            u64::from(new_desired).saturating_sub(old.2 as u64),
            Some("desiredCount"),
        )?;
        let service_mut = self.world.fleet.service_mut(s);
        service_mut.requested = requested.clone();
        service_mut.requested_unknown = false;
        service_mut.requires = requires;
        if let Some(definition) = task_definition {
            service_mut.task_definition = Some(definition.to_string());
        }
        let number = self.new_deployment(s, resolved, desired, StopReason::NewDeployment);
        let pv = self.v(resolved.version);
        self.warn_if_deprecating(resolved.version, &format!("{service} starts tasks"));
        self.applied(|| {
            let trigger = match (platform_version, task_definition, force) {
                (Some(p), _, _) => format!("with platformVersion {p}"),
                (None, Some(t), _) => format!("with task definition {t}"),
                (None, None, true) => "with forceNewDeployment".to_string(),
                (None, None, false) => "with new requirements".to_string(),
            };
            let before = self.v(old.1);
            let comparison = if before == pv {
                format!(
                    "the same version as deployment {}, but every new task gets the newest patch",
                    old.0
                )
            } else {
                format!("deployment {} ran {before}", old.0)
            };
            format!(
                "Updating {service} {trigger} creates deployment {number}, which resolves the version again: {}, so deployment {number} is pinned to {pv} ({comparison}). {} stopped and {} started on {pv} revision {}.",
                self.resolution_words(service, &requested, resolved, family),
                plural(old.2, "old task", "old tasks"),
                plural(new_desired as usize, "task", "tasks"),
                resolved.revision
            )
        })
    }

    /// Scale-out reuses the deployment's resolved version, on its newest revision; scale-in stops
    /// the newest tasks first (aws-facts.md, rule 3).
    pub(super) fn scale_service(&mut self, named: Named, desired: Count) -> Result<Outcome, Fail> {
        let service = named.1;
        let s = match self.service_index(named) {
            Ok(s) => s,
            Err(rejection) => return Ok(self.reject(rejection, Family::Linux)),
        };
        let family = self.world.fleet.services()[s].family;
        let desired = match check_count("desiredCount", desired) {
            Ok(d) => d,
            Err(rejection) => return Ok(self.reject(rejection, family)),
        };
        let running = self.world.fleet.services()[s].tasks.len() as u32;
        self.capacity(
            u64::from(desired.saturating_sub(running)),
            Some("desiredCount"),
        )?;
        let previous = std::mem::replace(&mut self.world.fleet.service_mut(s).desired, desired);
        let primary = self.world.fleet.services()[s].primary().clone();
        let pv = self.v(primary.version);
        if desired > running {
            let started = self.start_service_tasks(s, desired - running);
            self.warn_if_deprecating(primary.version, &format!("{service} starts tasks"));
            return self.applied(|| {
                let latest = self.catalog().latest(family);
                let requested = &self.world.fleet.services()[s].requested;
                let mut text = format!(
                    "{service} scaled from {previous} to {desired} tasks. Scale-out reuses deployment {}'s version {pv}",
                    primary.number
                );
                if requested == LATEST {
                    match latest {
                        Some(l) if l != primary.version => {
                            text.push_str(&format!("; LATEST, now {}, is not re-resolved", self.v(l)))
                        }
                        _ => text.push_str("; LATEST is not re-resolved"),
                    }
                }
                if started == 0 {
                    text.push_str(&format!(
                        ". But {pv} can no longer start tasks, so none start: runningCount stays {running}."
                    ));
                } else {
                    let revision = self.catalog().get(primary.version).newest_revision();
                    text.push_str(&format!(
                        ". The {} new {} revision {revision}, {pv}'s newest patch",
                        started,
                        if started == 1 { "task gets" } else { "tasks get" }
                    ));
                    let revisions = self.revisions_of(s);
                    if revisions.len() > 1 {
                        let list: Vec<String> = revisions.iter().map(u32::to_string).collect();
                        text.push_str(&format!(
                            ", so {service} now runs one version with mixed patches (revisions {})",
                            list.join(" and ")
                        ));
                    }
                    text.push('.');
                }
                text
            });
        }
        if desired < running {
            let tasks = self.world.fleet.service_mut(s).tasks_mut();
            let mut gone = tasks.split_off(desired as usize);
            gone.reverse();
            self.stopped_service_tasks(s, &gone, StopReason::ScaleIn);
            return self.applied(|| {
                let ids: Vec<String> = gone
                    .iter()
                    .map(|t| format!("{service}-{}", t.number))
                    .collect();
                format!(
                    "{service} scaled from {previous} to {desired} tasks: the most recently started stop first ({}). No new deployment, so nothing is re-resolved.",
                    ids.join(", ")
                )
            });
        }
        self.applied(|| {
            format!("{service} already runs {running} of {desired} desired tasks; nothing changes.")
        })
    }

    /// Replacing a service's tasks: each is replaced on its deployment's version, newest revision
    /// (aws-facts.md, rules 3 and 6). From Linux 1.3.0 on this is AWS's task recycling; before,
    /// the tasks are stopped and the scheduler starts new ones. Nothing new may start on a
    /// retired or recalled version, so its tasks are not replaced.
    pub(super) fn recycle_service(&mut self, named: Named) -> Result<Outcome, Fail> {
        let service = named.1;
        let s = match self.service_index(named) {
            Ok(s) => s,
            Err(rejection) => return Ok(self.reject(rejection, Family::Linux)),
        };
        let primary = self.world.fleet.services()[s].primary().clone();
        let info = self.catalog().get(primary.version);
        let (pv, state, revision) = (info.version, info.state, info.newest_revision());
        let recycling = info.recycles_tasks();
        if !state.capabilities().starts_tasks {
            self.warn(|_| format!(
                "{service}'s tasks run {pv}, which is {}: nothing new may start on it, so they cannot be replaced. Redeploy onto a supported version.",
                state.as_str()
            ));
            return self.applied(|| {
                format!(
                "{service}'s tasks are not replaced: {pv} is {}, and nothing new may start on it.",
                state.as_str()
            )
            });
        }
        let reason = if recycling {
            StopReason::Recycled
        } else {
            StopReason::Replaced
        };
        let stopped = self.stop_all_service_tasks(s, reason);
        self.start_service_tasks(s, stopped as u32);
        self.applied(|| {
            if recycling {
                format!(
                    "AWS recycled {service}'s {} (task recycling, since 1.3.0): each is replaced by a task on the version its deployment resolved, {pv}, at its newest patch, revision {revision}; with the default minimum healthy percent of 100 %, each new task starts before the old one stops. Recycling never re-resolves LATEST.",
                    plural(stopped, "task", "tasks")
                )
            } else {
                let (were, they, ones) = match stopped {
                    1 => ("task was", "it was", "a new one"),
                    _ => ("tasks were", "they were", "new ones"),
                };
                format!(
                    "{service}'s {stopped} {were} replaced on the version its deployment resolved, {pv}, at its newest patch, revision {revision}: {they} stopped and the service scheduler started {ones}. This is not AWS's task recycling, which arrived with 1.3.0; replacing tasks never re-resolves LATEST."
                )
            }
        })
    }

    /// A new CodeDeploy (blue/green) deployment re-resolves the version string, like any new
    /// deployment (aws-facts.md, rules 4 and 16).
    pub(super) fn codedeploy_deployment(
        &mut self,
        named: Named,
        platform_version: Option<&str>,
    ) -> Result<Outcome, Fail> {
        let service = named.1;
        let s = match self.service_index(named) {
            Ok(s) => s,
            Err(rejection) => return Ok(self.reject(rejection, Family::Linux)),
        };
        let current = &self.world.fleet.services()[s];
        let family = current.family;
        if current.controller != Controller::CodeDeploy {
            return Ok(self.reject(
                Rejection::NotCodeDeploy {
                    service: service.to_string(),
                },
                family,
            ));
        }
        let requested = platform_version.unwrap_or(&current.requested).to_string();
        let (old_number, old_version, running, desired) = (
            current.primary().number,
            current.primary().version,
            current.tasks.len(),
            current.desired,
        );
        let resolved = match resolve(self.catalog(), family, &requested, &current.requires) {
            Ok(r) => r,
            Err(rejection) => return Ok(self.reject(rejection, family)),
        };
        self.capacity(
            u64::from(desired).saturating_sub(running as u64),
            Some("platformVersion"),
        )?;
        let service_mut = self.world.fleet.service_mut(s);
        service_mut.requested = requested.clone();
        service_mut.requested_unknown = false;
        let number = self.new_deployment(s, resolved, None, StopReason::NewDeployment);
        self.warn_if_deprecating(resolved.version, &format!("{service} starts tasks"));
        let pv = self.v(resolved.version);
        self.applied(|| format!(
            "A new CodeDeploy (blue/green) deployment of {service} resolves the version again: {}, so deployment {number} is pinned to {pv} (deployment {old_number} ran {}). The green tasks replace the blue ones: {} stopped and {} started on {pv} revision {}. Users report that describe-services now shows {pv} for the service (AWS does not document it).",
            self.resolution_words(service, &requested, resolved, family),
            self.v(old_version),
            plural(running, "old task", "old tasks"),
            plural(desired as usize, "task", "tasks"),
            resolved.revision
        ))
    }

    pub(super) fn delete_service(&mut self, named: Named) -> Result<Outcome, Fail> {
        let (cluster, service) = named;
        let s = match self.service_index(named) {
            Ok(s) => s,
            Err(rejection) => return Ok(self.reject(rejection, Family::Linux)),
        };
        let stopped = self
            .stop_service_tasks(s, |_| true, StopReason::ServiceDeleted)
            .len();
        let family = self.world.fleet.remove_service(s).family;
        self.change(super::Change::ServiceDeleted {
            cluster: named_cluster(cluster).map(str::to_string),
            service: service.to_string(),
            family,
        });
        self.applied(|| format!(
            "{service} was deleted and its {} stopped. A new service of the same name would resolve its version afresh and number its tasks on from where this one stopped.",
            plural(stopped, "task", "tasks")
        ))
    }

    /// RunTask resolves the version string now; a standalone task keeps it for life
    /// (aws-facts.md, rules 1 and 6).
    pub(super) fn run_task(
        &mut self,
        (cluster, task): Named,
        requested: &str,
        family: Family,
        count: Count,
        requires: &[String],
    ) -> Result<Outcome, Fail> {
        let resolved = match resolve(self.catalog(), family, requested, requires) {
            Ok(r) => r,
            Err(rejection) => return Ok(self.reject(rejection, family)),
        };
        let checked = check_name("task name", task)
            .and_then(|_| check_count("count", count))
            .and_then(|count| {
                let ids = numbered_ids(task, count);
                match ids
                    .iter()
                    .find(|id| self.world.fleet.task_id_taken(cluster, id))
                {
                    Some(id) => Err(Rejection::DuplicateTask { id: id.clone() }),
                    None => Ok(ids),
                }
            });
        let ids = match checked {
            Ok(ids) => ids,
            Err(rejection) => return Ok(self.reject(rejection, family)),
        };
        self.capacity(ids.len() as u64, Some("count"))?;
        self.start_standalone(cluster, family, &ids, resolved.version, resolved.revision);
        self.warn_if_deprecating(resolved.version, &format!("{task} starts"));
        let pv = self.v(resolved.version);
        self.applied(|| format!(
            "{}, so {} on {pv} revision {}. A standalone task keeps this version and patch for life.",
            self.resolution_words(task, requested, resolved, family),
            match ids.len() {
                0 => "no task starts (count 0); a later one would run".to_string(),
                n => format!("{} {}", plural(n, "task", "tasks"), if n == 1 { "starts" } else { "start" }),
            },
            resolved.revision
        ))
    }

    /// StopTask: a service task is replaced by the scheduler on its deployment's version
    /// (aws-facts.md, rule 3); a standalone task is not.
    pub(super) fn stop_task(&mut self, (cluster, task): Named) -> Result<Outcome, Fail> {
        if let Some((s, t)) = self.world.fleet.find_service_task(cluster, task) {
            let stopped = self.world.fleet.service_mut(s).tasks_mut().remove(t);
            self.stopped_service_tasks(s, &[stopped], StopReason::StoppedByUser);
            let started = self.start_service_tasks(s, 1);
            return self.applied(|| {
                let service = &self.world.fleet.services()[s];
                let primary = service.primary();
                let pv = self.v(primary.version);
                let revision = self.catalog().get(primary.version).newest_revision();
                let replacement = if started == 1 {
                    format!(
                        "the scheduler replaces it with {}-{} on deployment {}'s version {pv}, at its newest patch, revision {revision}",
                        service.name,
                        service.tasks.last().map_or(0, |t| t.number),
                        primary.number
                    )
                } else {
                    format!("the scheduler cannot replace it: {pv} can no longer start tasks")
                };
                format!(
                    "{task} of service {} stopped; {replacement}. LATEST is not re-resolved.",
                    service.name
                )
            });
        }
        if self.world.fleet.find_standalone(cluster, task).is_some() {
            self.stop_standalone(
                |t| t.id == task && t.cluster == cluster,
                StopReason::StoppedByUser,
            );
            return self.applied(|| {
                format!("{task} stopped. It was a standalone task, so nothing replaces it.")
            });
        }
        Ok(self.reject(
            Rejection::TaskNotFound {
                task: task.to_string(),
            },
            Family::Linux,
        ))
    }

    /// EKS pods run the cluster's Fargate version; there is nothing to resolve (aws-facts.md,
    /// rule 13).
    pub(super) fn run_pod(
        &mut self,
        cluster: &str,
        pod: &str,
        count: Count,
        controller: PodController,
    ) -> Result<Outcome, Fail> {
        let Some(c) = self.world.fleet.cluster(cluster) else {
            return Ok(self.reject(
                Rejection::ClusterNotFound {
                    cluster: cluster.to_string(),
                },
                Family::Linux,
            ));
        };
        let version = self.world.fleet.clusters[c].fargate_version;
        let info = self.catalog().get(version);
        let (pv, state, revision) = (info.version, info.state, info.newest_revision());
        if !state.capabilities().starts_tasks {
            return Ok(self.reject(Rejection::CannotStart { version: pv, state }, Family::Linux));
        }
        let checked = check_name("pod name", pod)
            .and_then(|_| check_count("count", count))
            .and_then(|count| {
                let ids = numbered_ids(pod, count);
                let pods = &self.world.fleet.clusters[c].pods;
                match ids.iter().find(|id| pods.iter().any(|p| &p.id == *id)) {
                    Some(id) => Err(Rejection::DuplicatePod {
                        cluster: cluster.to_string(),
                        id: id.clone(),
                    }),
                    None => Ok(ids),
                }
            });
        let ids = match checked {
            Ok(ids) => ids,
            Err(rejection) => return Ok(self.reject(rejection, Family::Linux)),
        };
        self.capacity(ids.len() as u64, Some("count"))?;
        let started = ids.len();
        self.world.fleet.clusters[c].count_pods(pod, started as u32);
        self.start_pods(c, pod, ids, controller);
        self.warn_if_deprecating(version, &format!("pods of {cluster} start"));
        self.applied(|| format!(
            "{} on cluster {cluster}'s Fargate platform {pv}, revision {revision}. EKS chose that version for the cluster; pods have no LATEST to resolve (ECS's LATEST means {}).",
            match started {
                0 => "No pod starts (count 0); later pods would run".to_string(),
                n => format!("{} {}", plural(n, "pod", "pods"), if n == 1 { "starts" } else { "start" }),
            },
            self.latest_label(Family::Linux)
        ))
    }
}
