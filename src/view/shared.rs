//! The trace written for the binding's assembler (`src/assemble.js`): each step carries only what
//! changed since the step before. A service, deployment, task, pod or cluster sent once is later
//! named by its number in the order of its kind; `latest`, `versions`, `services`, `tasks` or
//! `clusters` left out of a step are the previous step's. The assembler rebuilds the trace of
//! docs/format.md from it with those objects shared (and frozen), so a step costs what changed.
//!
//! Whether something changed is decided by comparing it with what was sent (an object's content,
//! never a guess from the step's changes), so sharing can only make the trace smaller, not wrong.

use super::{
    deployment_view, latest, outcome, pod_view, service_head_with, service_task_view,
    standalone_view, versions, DeploymentView, ErrorView, LatestView, PodView, ServiceHead,
    TaskView, VersionView,
};
use crate::catalog::VersionId;
use crate::date::Iso;
use crate::fleet::{Cluster, Deployment, Pod, Service, StandaloneTask};
use crate::json::Json;
use crate::trace::{Change, StepRecord, World};
use crate::version::Version;
use serde::{Serialize, Serializer};
use std::collections::HashMap;
use std::rc::Rc;

/// An object sent before (its number) or sent now.
enum Item<T> {
    Sent(u32),
    New(T),
}

impl<T: Serialize> Serialize for Item<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Item::Sent(number) => serializer.serialize_u32(*number),
            Item::New(value) => value.serialize(serializer),
        }
    }
}

#[derive(Serialize)]
struct SharedService<'a> {
    #[serde(flatten)]
    head: ServiceHead<'a, Vec<Item<DeploymentView>>>,
    tasks: Vec<Item<TaskView<'a>>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SharedCluster<'a> {
    name: &'a str,
    fargate_version: Version,
    pods: Vec<Item<PodView>>,
}

#[derive(Serialize)]
struct SharedStep<'a> {
    index: usize,
    at: Iso,
    event: &'a Json,
    outcome: &'static str,
    error: Option<ErrorView>,
    explanation: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    latest: Option<LatestView>,
    #[serde(skip_serializing_if = "Option::is_none")]
    versions: Option<Vec<VersionView<'a>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    services: Option<Vec<Item<SharedService<'a>>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    tasks: Option<Vec<Item<TaskView<'a>>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    clusters: Option<Vec<Item<SharedCluster<'a>>>>,
    changes: &'a [Change],
    warnings: &'a [String],
}

/// What was sent of a service: a copy to compare with, its number, and the numbers of its
/// deployments (by content and whether PRIMARY: a re-created service numbers them from 1 again)
/// and of its tasks (by task number, which a service name never reuses).
struct SentService {
    /// Shared with the world it was sent from: an unchanged service is the same one.
    service: Rc<Service>,
    number: u32,
    deployments: Vec<((Deployment, bool), u32)>,
    tasks: HashMap<u32, u32>,
}

struct SentCluster {
    name: String,
    fargate_version: VersionId,
    pods: Vec<Pod>,
    number: u32,
    pod_numbers: Vec<u32>,
}

/// Numbers the objects of one kind in the order they are sent.
#[derive(Default)]
struct Counter(u32);

impl Counter {
    fn next(&mut self) -> u32 {
        self.0 += 1;
        self.0 - 1
    }
}

/// Writes the shared trace a step at a time.
#[derive(Default)]
pub struct SharedTrace {
    out: Vec<u8>,
    steps: usize,
    catalog_edits: Option<u64>,
    services: HashMap<(String, String), SentService>,
    service_list: Vec<u32>,
    standalone: Vec<(StandaloneTask, u32)>,
    clusters: Vec<SentCluster>,
    service_numbers: Counter,
    deployment_numbers: Counter,
    task_numbers: Counter,
    standalone_numbers: Counter,
    cluster_numbers: Counter,
    pod_numbers: Counter,
}

impl SharedTrace {
    pub fn new(title: Option<&str>) -> SharedTrace {
        let mut trace = SharedTrace::default();
        trace.out.extend_from_slice(b"{\"title\":");
        trace.write(&title);
        trace.out.extend_from_slice(b",\"steps\":[");
        trace
    }

    fn write<T: Serialize + ?Sized>(&mut self, value: &T) {
        crate::surely(
            serde_json::to_writer(&mut self.out, value),
            "plain data serializes",
        );
    }

    /// Adds step `record`, after which the world is `world`.
    pub fn step(&mut self, record: &StepRecord, world: &World) {
        let catalog = &world.catalog;
        let catalog_changed = self.catalog_edits != Some(catalog.edits());
        self.catalog_edits = Some(catalog.edits());
        let services = self.services(world);
        let tasks = self.standalone(world);
        let clusters = self.clusters(world);
        let (outcome, error) = outcome(record);
        let step = SharedStep {
            index: self.steps,
            at: Iso(record.at),
            event: &record.event,
            outcome,
            error,
            explanation: &record.explanation,
            latest: catalog_changed.then(|| latest(catalog)),
            versions: catalog_changed.then(|| versions(catalog)),
            services,
            tasks,
            clusters,
            changes: &record.changes,
            warnings: &record.warnings,
        };
        if self.steps > 0 {
            self.out.push(b',');
        }
        self.write(&step);
        self.steps += 1;
    }

    pub fn finish(mut self) -> String {
        self.out.extend_from_slice(b"]}");
        crate::surely(String::from_utf8(self.out), "serde_json writes UTF-8")
    }

    /// The services, or `None` when every one is the same as in the step before.
    fn services<'a>(&mut self, world: &'a World) -> Option<Vec<Item<SharedService<'a>>>> {
        let catalog = &world.catalog;
        let mut items = Vec::with_capacity(world.fleet.services().len());
        let mut list = Vec::with_capacity(world.fleet.services().len());
        for service in world.fleet.services() {
            let key = (service.cluster.clone(), service.name.clone());
            if let Some(sent) = self
                .services
                .get(&key)
                .filter(|s| Rc::ptr_eq(&s.service, service) || s.service == *service)
            {
                items.push(Item::Sent(sent.number));
                list.push(sent.number);
                continue;
            }
            let before = self.services.remove(&key);
            let mut sent = SentService {
                service: Rc::clone(service),
                number: self.service_numbers.next(),
                deployments: Vec::with_capacity(service.deployments.len()),
                tasks: HashMap::with_capacity(service.tasks.len()),
            };
            let mut deployments = Vec::with_capacity(service.deployments.len());
            for (i, d) in service.deployments.iter().enumerate() {
                let key = (d.clone(), i == 0);
                let known = before.as_ref().and_then(|b| {
                    b.deployments
                        .iter()
                        .find(|(k, _)| *k == key)
                        .map(|(_, n)| *n)
                });
                deployments.push(match known {
                    Some(number) => Item::Sent(number),
                    None => Item::New(deployment_view(service, i, catalog)),
                });
                let number = known.unwrap_or_else(|| self.deployment_numbers.next());
                sent.deployments.push((key, number));
            }
            let mut tasks = Vec::with_capacity(service.tasks.len());
            for task in service.tasks.iter() {
                let known = before
                    .as_ref()
                    .and_then(|b| b.tasks.get(&task.number).copied());
                tasks.push(match known {
                    Some(number) => Item::Sent(number),
                    None => Item::New(service_task_view(service, task, catalog)),
                });
                let number = known.unwrap_or_else(|| self.task_numbers.next());
                sent.tasks.insert(task.number, number);
            }
            items.push(Item::New(SharedService {
                head: service_head_with(service, catalog, deployments),
                tasks,
            }));
            list.push(sent.number);
            self.services.insert(key, sent);
        }
        if list == self.service_list {
            return None;
        }
        self.service_list = list;
        Some(items)
    }

    /// The standalone tasks, or `None` when they are the same as in the step before.
    fn standalone<'a>(&mut self, world: &'a World) -> Option<Vec<Item<TaskView<'a>>>> {
        let now = &world.fleet.tasks;
        if now.len() == self.standalone.len()
            && now.iter().zip(&self.standalone).all(|(t, (s, _))| t == s)
        {
            return None;
        }
        let before: HashMap<(&str, &str), (&StandaloneTask, u32)> = self
            .standalone
            .iter()
            .map(|(t, n)| ((t.cluster.as_str(), t.id.as_str()), (t, *n)))
            .collect();
        let mut items = Vec::with_capacity(now.len());
        let mut sent = Vec::with_capacity(now.len());
        for task in now {
            let known = before
                .get(&(task.cluster.as_str(), task.id.as_str()))
                .filter(|(t, _)| *t == task)
                .map(|(_, n)| *n);
            items.push(match known {
                Some(number) => Item::Sent(number),
                None => Item::New(standalone_view(task, &world.catalog)),
            });
            let number = known.unwrap_or_else(|| self.standalone_numbers.next());
            sent.push((task.clone(), number));
        }
        self.standalone = sent;
        Some(items)
    }

    /// The EKS clusters, or `None` when they are the same as in the step before.
    fn clusters<'a>(&mut self, world: &'a World) -> Option<Vec<Item<SharedCluster<'a>>>> {
        let now = &world.fleet.clusters;
        let same = |c: &Cluster, s: &SentCluster| {
            c.name == s.name && c.fargate_version == s.fargate_version && c.pods == s.pods
        };
        if now.len() == self.clusters.len()
            && now.iter().zip(&self.clusters).all(|(c, s)| same(c, s))
        {
            return None;
        }
        let before = std::mem::take(&mut self.clusters);
        let mut items = Vec::with_capacity(now.len());
        for cluster in now {
            let old = before.iter().find(|s| s.name == cluster.name);
            if let Some(sent) = old.filter(|s| same(cluster, s)) {
                items.push(Item::Sent(sent.number));
                self.clusters.push(SentCluster {
                    name: sent.name.clone(),
                    fargate_version: sent.fargate_version,
                    pods: sent.pods.clone(),
                    number: sent.number,
                    pod_numbers: sent.pod_numbers.clone(),
                });
                continue;
            }
            let mut pods = Vec::with_capacity(cluster.pods.len());
            let mut pod_numbers = Vec::with_capacity(cluster.pods.len());
            for pod in &cluster.pods {
                let known = old.and_then(|s| {
                    s.pods
                        .iter()
                        .position(|p| p == pod)
                        .map(|i| s.pod_numbers[i])
                });
                pods.push(match known {
                    Some(number) => Item::Sent(number),
                    None => Item::New(pod_view(pod, &world.catalog)),
                });
                pod_numbers.push(known.unwrap_or_else(|| self.pod_numbers.next()));
            }
            let number = self.cluster_numbers.next();
            items.push(Item::New(SharedCluster {
                name: &cluster.name,
                fargate_version: world.catalog.get(cluster.fargate_version).version,
                pods,
            }));
            self.clusters.push(SentCluster {
                name: cluster.name.clone(),
                fargate_version: cluster.fargate_version,
                pods: cluster.pods.clone(),
                number,
                pod_numbers,
            });
        }
        Some(items)
    }
}
