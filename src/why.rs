//! "Why this version?": the chain of steps that gave a running task (or pod) its version and
//! patch — what was requested, where it was resolved, what kept it, and which revision it runs.

use crate::date::Instant;
use crate::fleet::named_cluster;
use crate::scenario::{Action, TimedEvent};
use crate::trace::{apply, Change, World};
use crate::version::{Family, Version, LATEST};
use serde::Serialize;

/// One link of the chain, pointing at the step that made it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Link {
    pub step: usize,
    pub at: String,
    pub text: String,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Why {
    pub task: String,
    pub platform_version: Version,
    pub revision: u32,
    /// The version string the request named, where one did (EKS pods have none).
    pub requested: Option<String>,
    /// When that request was resolved (the deployment's creation, or the task's launch).
    pub resolved_at: Option<String>,
    /// What the same request would resolve to right after the step; `None` for EKS pods.
    pub asked_now: Option<AskedNow>,
    /// The links in step order.
    pub chain: Vec<Link>,
}

/// Where something happened: a step and its time.
#[derive(Clone, Copy)]
struct Found {
    step: usize,
    at: Instant,
}

fn link(found: Found, text: String) -> Link {
    Link {
        step: found.step,
        at: found.at.to_iso(),
        text,
    }
}

/// A deployment as created: where, its id, the requested string and the resolved version.
type DeploymentSeen = (Found, String, String, Version);

/// What the same request would resolve to right after the step (the "asked now" answer).
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "outcome", rename_all = "camelCase")]
pub enum AskedNow {
    #[serde(rename_all = "camelCase")]
    Resolved { version: Version, revision: u32 },
    #[serde(rename_all = "camelCase")]
    Rejected { code: &'static str, message: String },
}

/// Replays `events` up to step `i` (inclusive) and explains task or pod `id` running after it:
/// a task of ECS cluster `cluster`, or a pod of EKS cluster `cluster`. `None` when nothing with
/// that id runs there then.
pub fn explain<'a>(
    events: impl Iterator<Item = &'a TimedEvent>,
    i: usize,
    cluster: &str,
    id: &str,
) -> Option<Why> {
    let owner = service_of(id);
    let ecs_cluster = named_cluster(cluster).map(str::to_string);
    let mut world = World::default();
    let mut deployment: Option<DeploymentSeen> = None;
    // The task's (last) start: where, by which event, and its service's deployment then.
    let mut start: Option<(Found, &'a TimedEvent, Option<DeploymentSeen>)> = None;
    let mut published: Vec<(Found, Version, u32)> = Vec::new();
    for (step, event) in events.enumerate().take(i + 1) {
        let record = apply(&mut world, event).ok()?;
        let here = Found { step, at: event.at };
        for change in &record.changes {
            match change {
                Change::VersionReleased { version, .. } => published.push((here, *version, 1)),
                Change::RevisionPublished {
                    version, revision, ..
                } => published.push((here, *version, *revision)),
                Change::DeploymentCreated {
                    cluster: c,
                    service,
                    deployment: number,
                    platform_version,
                    requested,
                } if owner.as_deref() == Some(service.as_str()) && *c == ecs_cluster => {
                    deployment = Some((here, number.clone(), requested.clone(), *platform_version));
                }
                Change::TaskStarted {
                    task,
                    cluster: c,
                    service,
                    ..
                } if task == id && *c == ecs_cluster => {
                    start = Some((here, event, service.as_ref().and(deployment.clone())));
                }
                // Imported tasks are counted, not listed: the import is where they started.
                Change::TasksImported {
                    cluster: c,
                    service: Some(service),
                    ..
                } if owner.as_deref() == Some(service.as_str()) && *c == ecs_cluster => {
                    start = Some((here, event, deployment.clone()));
                }
                Change::PodStarted {
                    cluster: c, pod, ..
                } if pod == id && c == cluster => start = Some((here, event, None)),
                _ => {}
            }
        }
    }
    let (version, revision, family) = running(&world, cluster, id)?;
    let (started, start_event, deployment) = start?;
    let mut chain = Vec::new();
    let (requested, resolved_at) = match (deployment, &start_event.action) {
        (Some((found, number, asked, pv)), Action::ImportFleet(_)) => {
            let service = owner.unwrap_or_default();
            chain.push(link(found, format!("{service} was imported from your AWS output asking for {asked}; its deployment {number} runs {pv}, the version AWS resolved when it created that deployment.")));
            (Some(asked), Some(found.at.to_iso()))
        }
        (Some((found, number, asked, pv)), _) => {
            let service = owner.unwrap_or_default();
            let meaning = if asked == LATEST {
                format!("LATEST meant {pv} then")
            } else {
                "an explicit version".to_string()
            };
            chain.push(link(found, format!("{service} asked for {asked}; deployment {number} resolved it to {pv} ({meaning}).")));
            if started.step != found.step {
                chain.push(link(
                    started,
                    format!(
                        "{id} started in a {} on {}: it runs deployment {number}'s version; nothing was re-resolved.",
                        start_event.action.name(),
                        started.at.date()
                    ),
                ));
            }
            (Some(asked), Some(found.at.to_iso()))
        }
        (
            None,
            Action::RunTask {
                platform_version: asked,
                ..
            },
        ) => {
            chain.push(link(started, format!("{id} was run asking for {asked}, resolved then to {version}; a standalone task keeps it for life.")));
            (Some(asked.clone()), Some(started.at.to_iso()))
        }
        (None, Action::RunPod { cluster, .. }) => {
            chain.push(link(started, format!("{id} started on EKS cluster {cluster}, whose Fargate platform was {version}; EKS chose it, not LATEST.")));
            (None, None)
        }
        (None, Action::RetireRevision { .. }) => {
            chain.push(link(started, format!("{id} replaced a pod that EKS evicted when AWS retired its patch; it started on its cluster's Fargate platform, {version}, newest patch. EKS chose it, not LATEST.")));
            (None, None)
        }
        _ => return None,
    };
    if let Some((found, _, _)) = published
        .iter()
        .rev()
        .find(|(f, v, r)| *v == version && *r == revision && f.step <= started.step)
    {
        chain.push(link(
            *found,
            format!("Its patch is revision {revision} of {version}, published {} and the newest when it started.", found.at.date()),
        ));
    }
    chain.sort_by_key(|l| l.step);
    let asked_now = requested
        .as_deref()
        .map(|asked| crate::view::asked_now(&world.catalog, family, asked, &[]));
    Some(Why {
        task: id.to_string(),
        platform_version: version,
        revision,
        requested,
        resolved_at,
        asked_now,
        chain,
    })
}

/// `web` for `web-3`: the service a service-task id names, if any.
fn service_of(id: &str) -> Option<String> {
    let (service, number) = id.rsplit_once('-')?;
    number
        .bytes()
        .all(|b| b.is_ascii_digit())
        .then(|| service.to_string())
}

/// The version, revision and family of task `id` in ECS cluster `cluster`, or pod `id` in EKS
/// cluster `cluster`.
fn running(world: &World, cluster: &str, id: &str) -> Option<(Version, u32, Family)> {
    let catalog = &world.catalog;
    if let Some((s, t)) = world.fleet.find_service_task(cluster, id) {
        let service = &world.fleet.services()[s];
        let task = &service.tasks[t];
        return Some((
            catalog.get(task.version).version,
            task.revision,
            service.family,
        ));
    }
    if let Some(i) = world.fleet.find_standalone(cluster, id) {
        let task = &world.fleet.tasks[i];
        return Some((
            catalog.get(task.version).version,
            task.revision,
            task.family,
        ));
    }
    world
        .fleet
        .clusters
        .iter()
        .filter(|c| c.name == cluster)
        .flat_map(|c| c.pods.iter())
        .find(|p| p.id == id)
        .map(|p| (catalog.get(p.version).version, p.revision, Family::Linux))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn steps_and_texts(why: &Why) -> Vec<(usize, &str)> {
        why.chain
            .iter()
            .map(|l| (l.step, l.text.as_str()))
            .collect()
    }

    fn why(id: &str, i: usize) -> Option<Why> {
        let document =
            crate::scenario::read(crate::builtin::find("blog-timeline").unwrap().json).unwrap();
        explain(document.events.iter(), i, "default", id)
    }

    #[test]
    fn a_scaled_out_task_traces_back_to_the_deployment_that_resolved_latest() {
        let why = why("web-4", 6).unwrap();
        assert_eq!(
            (why.platform_version.to_string(), why.revision),
            ("1.2.0".to_string(), 2)
        );
        assert_eq!(why.requested.as_deref(), Some("LATEST"));
        assert_eq!(why.resolved_at.as_deref(), Some("2018-10-01T00:00:00Z"));
        assert_eq!(
            why.asked_now,
            Some(AskedNow::Resolved {
                version: Version::parse("1.3.0").unwrap(),
                revision: 1
            }),
            "asked at step 6, LATEST means 1.3.0"
        );
        let chain = steps_and_texts(&why);
        assert_eq!(
            chain,
            [
                (2, "web asked for LATEST; deployment web/1 resolved it to 1.2.0 (LATEST meant 1.2.0 then)."),
                (3, "Its patch is revision 2 of 1.2.0, published 2018-11-15 and the newest when it started."),
                (6, "web-4 started in a scale-service on 2019-02-01: it runs deployment web/1's version; nothing was re-resolved."),
            ]
        );
    }

    #[test]
    fn explicit_versions_standalone_tasks_and_stopped_tasks() {
        let api = why("api-1", 12).unwrap();
        let chain = steps_and_texts(&api);
        assert_eq!(
            chain,
            [
                (10, "Its patch is revision 1 of 1.4.0, published 2020-04-08 and the newest when it started."),
                (11, "api asked for 1.4.0; deployment api/1 resolved it to 1.4.0 (an explicit version)."),
            ],
            "in step order; created and started in the same step"
        );
        assert_eq!(why("web-1", 12), None, "web-1 stopped at the update");
        assert_eq!(why("nobody", 12), None);

        let document =
            crate::scenario::read(crate::builtin::find("eks-on-fargate").unwrap().json).unwrap();
        let report = explain(document.events.iter(), 10, "default", "report").unwrap();
        assert_eq!(report.chain[1].text, "report was run asking for LATEST, resolved then to 1.3.0; a standalone task keeps it for life.");
        let pod = explain(document.events.iter(), 10, "prod", "worker").unwrap();
        assert_eq!(pod.chain[0].text, "Its patch is revision 2 of 1.4.0, published 2020-05-28 and the newest when it started.");
        assert_eq!(pod.chain[1].text, "worker started on EKS cluster prod, whose Fargate platform was 1.4.0; EKS chose it, not LATEST.");
        assert_eq!((pod.requested, pod.asked_now), (None, None));
        assert_eq!(
            explain(document.events.iter(), 10, "other", "worker"),
            None,
            "pods are per EKS cluster"
        );
    }
}
