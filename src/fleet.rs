//! What customers run: services with deployments and tasks, standalone tasks, and EKS clusters with
//! pods. Plain data plus the bookkeeping of ids; the rules that change it live in `trace.rs`.

use crate::catalog::VersionId;
use crate::date::Instant;
use crate::hash::FastMap;
use crate::version::Family;
use std::collections::{HashMap, HashSet};
use std::rc::Rc;

/// `count`/`desiredCount` as written: a whole number, not yet range-checked (a count outside
/// 0..=5000 is a customer mistake, rejected by the replay, not a scenario error).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Count(pub f64);

pub const MAX_COUNT: f64 = 5000.0;

impl Count {
    pub fn valid(self) -> Option<u32> {
        (0.0..=MAX_COUNT).contains(&self.0).then_some(self.0 as u32)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Controller {
    Ecs,
    CodeDeploy,
}

impl Controller {
    pub fn as_str(self) -> &'static str {
        match self {
            Controller::Ecs => "ECS",
            Controller::CodeDeploy => "CODE_DEPLOY",
        }
    }
}

/// Who starts an EKS pod again after AWS evicts it (aws-facts.md, rule 13).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PodController {
    /// A Deployment, ReplicaSet, Job…: an evicted pod comes back as a new pod.
    Deployment,
    /// A bare pod: once stopped it stays stopped.
    None,
}

impl PodController {
    pub fn as_str(self) -> &'static str {
        match self {
            PodController::Deployment => "deployment",
            PodController::None => "none",
        }
    }
}

/// `^[A-Za-z0-9_-]{1,255}$`: service, task, cluster and pod names.
pub fn valid_name(name: &str) -> bool {
    (1..=255).contains(&name.len())
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// A running service task; its id is `<service>-<number>`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ServiceTask {
    pub number: u32,
    pub version: VersionId,
    pub revision: u32,
    pub started_at: Instant,
}

/// A service's running tasks, oldest first (so also by increasing number), with how many run
/// each version and revision, kept as the tasks change: views and the chart read a service's mix
/// without counting thousands of tasks at every step.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ServiceTasks {
    list: Vec<ServiceTask>,
    /// `((version, revision), how many)`, by version and revision; no zero counts.
    runs: Runs,
}

impl std::ops::Deref for ServiceTasks {
    type Target = [ServiceTask];
    fn deref(&self) -> &[ServiceTask] {
        &self.list
    }
}

impl From<Vec<ServiceTask>> for ServiceTasks {
    fn from(list: Vec<ServiceTask>) -> ServiceTasks {
        let mut runs = Runs::new();
        for (key, n) in runs_of(&list) {
            add(&mut runs, key, n);
        }
        ServiceTasks { list, runs }
    }
}

/// Consecutive tasks of one version and revision, as `(key, how many)`: tasks start and stop in
/// such runs, so counting a run at a time costs little more than a pass over them.
fn runs_of(tasks: &[ServiceTask]) -> impl Iterator<Item = ((VersionId, u32), u32)> + '_ {
    let mut rest = tasks;
    std::iter::from_fn(move || {
        let first = rest.first()?;
        let key = (first.version, first.revision);
        let n = rest
            .iter()
            .take_while(|t| (t.version, t.revision) == key)
            .count();
        rest = &rest[n..];
        Some((key, n as u32))
    })
}

type Runs = Vec<((VersionId, u32), u32)>;

fn add(runs: &mut Runs, key: (VersionId, u32), n: u32) {
    match runs.binary_search_by_key(&key, |(k, _)| *k) {
        Ok(i) => runs[i].1 += n,
        Err(i) => runs.insert(i, (key, n)),
    }
}

fn subtract(runs: &mut Runs, key: (VersionId, u32), n: u32) {
    let found = runs.binary_search_by_key(&key, |(k, _)| *k);
    debug_assert!(found.is_ok(), "a task removed was counted");
    if let Ok(i) = found {
        runs[i].1 -= n;
        if runs[i].1 == 0 {
            runs.remove(i);
        }
    }
}

impl ServiceTasks {
    pub fn with_capacity(n: usize) -> ServiceTasks {
        ServiceTasks {
            list: Vec::with_capacity(n),
            runs: Vec::new(),
        }
    }

    /// How many tasks run each version and revision, by version and revision.
    pub fn runs(&self) -> &[((VersionId, u32), u32)] {
        &self.runs
    }

    /// How many tasks run `version`, whatever their revision.
    pub fn running(&self, version: VersionId) -> u32 {
        self.runs
            .iter()
            .filter(|((v, _), _)| *v == version)
            .map(|(_, n)| n)
            .sum()
    }

    /// Room for tasks without reallocating (a redeployment keeps it for the tasks it starts).
    pub fn capacity(&self) -> usize {
        self.list.capacity()
    }

    /// Appends tasks started together, numbered `numbers` (after the ones running), on one
    /// version and revision: counted as one run, without a pass over them.
    pub fn start(&mut self, numbers: &TaskNumbers, version: VersionId, revision: u32, at: Instant) {
        if numbers.is_empty() {
            return;
        }
        self.list.extend(numbers.iter().map(|number| ServiceTask {
            number,
            version,
            revision,
            started_at: at,
        }));
        add(&mut self.runs, (version, revision), numbers.len() as u32);
    }

    /// The version and revision every task runs, when they all run one (most services).
    pub fn uniform(&self) -> Option<(VersionId, u32)> {
        match self.runs[..] {
            [(key, _)] => Some(key),
            _ => None,
        }
    }

    pub fn remove(&mut self, i: usize) -> ServiceTask {
        let task = self.list.remove(i);
        subtract(&mut self.runs, (task.version, task.revision), 1);
        task
    }

    /// Removes and returns the tasks from `at` on (the most recently started).
    pub fn split_off(&mut self, at: usize) -> Vec<ServiceTask> {
        let gone = self.list.split_off(at);
        for (key, n) in runs_of(&gone) {
            subtract(&mut self.runs, key, n);
        }
        gone
    }

    pub fn clear(&mut self) {
        self.list.clear();
        self.runs.clear();
    }
}

/// The numbers of a service's tasks started together: `count` numbers from `first` on, unless
/// some were skipped (a standalone task holds their id), then `listed`. A fleet starts
/// thousands at once: a run of numbers is not written out.
pub struct TaskNumbers {
    first: u32,
    count: u32,
    listed: Vec<u32>,
}

impl TaskNumbers {
    pub fn len(&self) -> usize {
        self.count as usize
    }

    pub fn is_empty(&self) -> bool {
        self.count == 0
    }

    pub fn iter(&self) -> impl ExactSizeIterator<Item = u32> + '_ {
        (0..self.count).map(move |i| match self.listed.get(i as usize) {
            Some(&number) => number,
            None => self.first + i,
        })
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Deployment {
    pub number: u32,
    pub version: VersionId,
    pub created_at: Instant,
}

/// The ECS cluster of events that name none, as the AWS CLI uses without `--cluster`.
pub const DEFAULT_CLUSTER: &str = "default";

/// `Some(cluster)` unless it is the default one: what views and changes show.
pub fn named_cluster(cluster: &str) -> Option<&str> {
    (cluster != DEFAULT_CLUSTER).then_some(cluster)
}

#[derive(Clone, Debug, PartialEq)]
pub struct Service {
    pub name: String,
    /// The ECS cluster it runs in; service names and task ids are unique per cluster.
    pub cluster: String,
    pub family: Family,
    /// The version string the customer asked for ("LATEST" or a version).
    pub requested: String,
    /// An imported service known only from its tasks: what it asks for is unknown, so it is
    /// treated as pinned to the version it runs (`requested` holds that version).
    pub requested_unknown: bool,
    /// The task definition the service runs, when the event named one.
    pub task_definition: Option<String>,
    pub controller: Controller,
    pub requires: Vec<String>,
    pub desired: u32,
    /// PRIMARY first, then at most three INACTIVE ones, newest first.
    pub deployments: Vec<Deployment>,
    /// Running tasks, oldest first (so also by increasing number). Shared, like the service,
    /// with the worlds it was copied from until they change (`tasks_mut`): a service whose
    /// settings change keeps its tasks, and one redeployed never copies the tasks it replaces.
    pub tasks: Rc<ServiceTasks>,
    /// The last task number given to it (or to a deleted service of its name in its cluster,
    /// whose numbers it goes on from: ids are never reused). Kept in the service, not in a
    /// table of the fleet: copying a world copies no table of every service's name.
    pub last_task_number: u32,
    /// Set by the fleet each time the service may change (`Fleet::service_mut`): equal stamps in
    /// one replayed history mean an unchanged service, so views can share what they sent.
    pub stamp: u64,
}

impl Service {
    /// The tasks, to change: copied first if another world shares them.
    pub fn tasks_mut(&mut self) -> &mut ServiceTasks {
        Rc::make_mut(&mut self.tasks)
    }

    pub fn primary(&self) -> &Deployment {
        &self.deployments[0]
    }

    pub fn push_deployment(&mut self, deployment: Deployment) {
        self.deployments.insert(0, deployment);
        self.deployments.truncate(4);
    }
}

/// A standalone task (RunTask): it keeps its version and revision for life.
#[derive(Clone, Debug, PartialEq)]
pub struct StandaloneTask {
    pub id: String,
    pub cluster: String,
    pub family: Family,
    pub version: VersionId,
    pub revision: u32,
    pub started_at: Instant,
}

/// An EKS pod on Fargate. Its id is `name` (or `name-n`); an evicted pod with a controller
/// comes back under the next free `name-n`.
#[derive(Clone, Debug, PartialEq)]
pub struct Pod {
    pub id: String,
    /// The `pod` of the run-pod event that started it (or its first incarnation).
    pub name: String,
    pub controller: PodController,
    pub version: VersionId,
    pub revision: u32,
    pub started_at: Instant,
}

#[derive(Clone, Debug)]
pub struct Cluster {
    pub name: String,
    pub fargate_version: VersionId,
    pub pods: Vec<Pod>,
    /// The last number used per pod name, so replacement pods get new ids.
    pod_counters: HashMap<String, u32>,
}

impl Cluster {
    pub fn new(name: &str, fargate_version: VersionId) -> Cluster {
        Cluster {
            name: name.to_string(),
            fargate_version,
            pods: Vec::new(),
            pod_counters: HashMap::new(),
        }
    }

    /// Remembers that pods `name` or `name-1` … `name-count` were started.
    pub fn count_pods(&mut self, name: &str, count: u32) {
        let counter = self.pod_counters.entry(name.to_string()).or_insert(0);
        *counter = (*counter).max(count);
    }

    /// The id of a new pod of `name` that replaces an evicted one: `name-n` for the next `n`
    /// no running pod holds.
    pub fn next_pod_id(&mut self, name: &str) -> String {
        let counter = self.pod_counters.entry(name.to_string()).or_insert(0);
        loop {
            *counter += 1;
            let id = format!("{name}-{counter}");
            if !self.pods.iter().any(|p| p.id == id) {
                return id;
            }
        }
    }
}

#[derive(Clone, Debug, Default)]
pub struct Fleet {
    /// Changed only through `add_service`, `service_mut`, `empty_service_tasks` and
    /// `remove_service`, which stamp them. Shared between copies of a world (a checkpoint and the
    /// steps replayed from it) until one of them changes a service: copying a world of a million
    /// tasks copies a pointer per service, and a step copies only the services it changes.
    services: Vec<Rc<Service>>,
    stamps: u64,
    /// Standalone tasks, oldest first.
    pub tasks: Vec<StandaloneTask>,
    pub clusters: Vec<Cluster>,
    /// The last task number of each deleted service, by (ECS cluster, service): a new service of
    /// the same name numbers its tasks on from it.
    deleted_task_numbers: FastMap<(String, String), u32>,
    /// (ECS cluster, id) of every standalone task.
    standalone_ids: HashSet<(String, String)>,
}

impl Fleet {
    pub fn services(&self) -> &[Rc<Service>] {
        &self.services
    }

    /// The newest stamp given so far.
    pub fn last_stamp(&self) -> u64 {
        self.stamps
    }

    fn stamp(&mut self) -> u64 {
        self.stamps += 1;
        self.stamps
    }

    pub fn add_service(&mut self, mut service: Service) {
        if !self.deleted_task_numbers.is_empty() {
            let key = (service.cluster.clone(), service.name.clone());
            if let Some(last) = self.deleted_task_numbers.remove(&key) {
                service.last_task_number = service.last_task_number.max(last);
            }
        }
        service.stamp = self.stamp();
        self.services.push(Rc::new(service));
    }

    /// Service `s`, to change (copied first if another world shares it): stamped anew.
    pub fn service_mut(&mut self, s: usize) -> &mut Service {
        let stamp = self.stamp();
        let service = Rc::make_mut(&mut self.services[s]);
        service.stamp = stamp;
        service
    }

    /// Service `s` without its tasks, to change: tasks another world shares are left to it
    /// (they are about to be replaced, so copying them would be wasted); unshared ones keep
    /// their room for the tasks that replace them.
    pub fn empty_service_tasks(&mut self, s: usize) -> &mut Service {
        let service = self.service_mut(s);
        match Rc::get_mut(&mut service.tasks) {
            Some(tasks) => tasks.clear(),
            None => service.tasks = Rc::new(ServiceTasks::with_capacity(service.tasks.len())),
        }
        service
    }

    pub fn remove_service(&mut self, s: usize) -> Service {
        let service = Rc::unwrap_or_clone(self.services.remove(s));
        self.deleted_task_numbers.insert(
            (service.cluster.clone(), service.name.clone()),
            service.last_task_number,
        );
        service
    }

    pub fn service(&self, cluster: &str, name: &str) -> Option<usize> {
        self.services
            .iter()
            .position(|s| s.name == name && s.cluster == cluster)
    }

    /// The EKS cluster named `name`.
    pub fn cluster(&self, name: &str) -> Option<usize> {
        self.clusters.iter().position(|c| c.name == name)
    }

    /// Running tasks and pods, the quantity the 1,000,000 limit counts.
    pub fn running(&self) -> u64 {
        let service_tasks: usize = self.services.iter().map(|s| s.tasks.len()).sum();
        let pods: usize = self.clusters.iter().map(|c| c.pods.len()).sum();
        (service_tasks + self.tasks.len() + pods) as u64
    }

    /// Is `id` the id of a running task (service or standalone) in ECS cluster `cluster`?
    pub fn task_id_taken(&self, cluster: &str, id: &str) -> bool {
        self.standalone_ids
            .contains(&(cluster.to_string(), id.to_string()))
            || self.find_service_task(cluster, id).is_some()
    }

    /// `(service index, task index)` of a running service task id `<service>-<n>` in `cluster`.
    pub fn find_service_task(&self, cluster: &str, id: &str) -> Option<(usize, usize)> {
        id.match_indices('-').find_map(|(dash, _)| {
            let number: u32 = id[dash + 1..]
                .parse()
                .ok()
                .filter(|_| id[dash + 1..].bytes().all(|b| b.is_ascii_digit()))?;
            let s = self.service(cluster, &id[..dash])?;
            let t = self.services[s]
                .tasks
                .binary_search_by_key(&number, |t| t.number)
                .ok()?;
            Some((s, t))
        })
    }

    pub fn find_standalone(&self, cluster: &str, id: &str) -> Option<usize> {
        if !self
            .standalone_ids
            .contains(&(cluster.to_string(), id.to_string()))
        {
            return None;
        }
        self.tasks
            .iter()
            .position(|t| t.id == id && t.cluster == cluster)
    }

    /// Starts `count` tasks of service `s` on `version` and `revision`, numbered after its last
    /// task; returns their numbers.
    pub fn start_service_tasks(
        &mut self,
        s: usize,
        count: u32,
        version: VersionId,
        revision: u32,
        at: Instant,
    ) -> TaskNumbers {
        let numbers = self.take_task_numbers(s, count);
        self.service_mut(s)
            .tasks_mut()
            .start(&numbers, version, revision, at);
        numbers
    }

    /// The next `count` free task numbers of service `s` (stamped, as it is about to change):
    /// numbers whose id a standalone task of its cluster holds are skipped.
    fn take_task_numbers(&mut self, s: usize, count: u32) -> TaskNumbers {
        let stamp = self.stamp();
        let service = Rc::make_mut(&mut self.services[s]);
        service.stamp = stamp;
        let counter = &mut service.last_task_number;
        let first = *counter + 1;
        if self.standalone_ids.is_empty() {
            *counter += count;
            return TaskNumbers {
                first,
                count,
                listed: Vec::new(),
            };
        }
        let mut numbers = Vec::with_capacity(count as usize);
        while numbers.len() < count as usize {
            *counter += 1;
            let id = (
                service.cluster.clone(),
                format!("{}-{counter}", service.name),
            );
            if !self.standalone_ids.contains(&id) {
                numbers.push(*counter);
            }
        }
        TaskNumbers {
            first,
            count,
            listed: numbers,
        }
    }

    pub fn add_standalone(&mut self, task: StandaloneTask) {
        self.standalone_ids
            .insert((task.cluster.clone(), task.id.clone()));
        self.tasks.push(task);
    }

    /// Removes standalone tasks matching `stop`, returning them in order.
    pub fn drain_standalone(
        &mut self,
        stop: impl Fn(&StandaloneTask) -> bool,
    ) -> Vec<StandaloneTask> {
        let (stopped, kept): (Vec<_>, Vec<_>) = std::mem::take(&mut self.tasks)
            .into_iter()
            .partition(|t| stop(t));
        self.tasks = kept;
        for t in &stopped {
            self.standalone_ids
                .remove(&(t.cluster.clone(), t.id.clone()));
        }
        stopped
    }
}

/// Ids for `count` tasks or pods named `base`: `base` alone for one, else `base-1` … `base-N`.
pub fn numbered_ids(base: &str, count: u32) -> Vec<String> {
    if count == 1 {
        vec![base.to_string()]
    } else {
        (1..=count).map(|n| format!("{base}-{n}")).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn service_with_tasks(name: &str, count: u32) -> Service {
        Service {
            name: name.into(),
            cluster: DEFAULT_CLUSTER.into(),
            family: Family::Linux,
            requested: "LATEST".into(),
            requested_unknown: false,
            task_definition: None,
            controller: Controller::Ecs,
            requires: Vec::new(),
            desired: count,
            deployments: vec![Deployment {
                number: 1,
                version: 0,
                created_at: Instant::default(),
            }],
            tasks: Rc::new(ServiceTasks::from(
                (1..=count)
                    .map(|number| ServiceTask {
                        number,
                        version: 0,
                        revision: 1,
                        started_at: Instant::default(),
                    })
                    .collect::<Vec<_>>(),
            )),
            last_task_number: count,
            stamp: 0,
        }
    }

    fn numbers(first: u32, count: u32, listed: &[u32]) -> TaskNumbers {
        TaskNumbers {
            first,
            count,
            listed: listed.to_vec(),
        }
    }

    #[test]
    fn tasks_started_together_count_as_one_run_and_none_started_count_nothing() {
        let at = Instant::default();
        let mut tasks = ServiceTasks::default();
        tasks.start(&numbers(1, 3, &[]), 0, 1, at);
        assert_eq!(tasks.uniform(), Some((0, 1)));
        tasks.start(&numbers(4, 0, &[]), 1, 1, at);
        assert_eq!(tasks.runs(), [((0, 1), 3)], "no run of no tasks");
        // Numbers a standalone task holds were skipped: the ones left are listed.
        tasks.start(&numbers(4, 2, &[5, 7]), 0, 2, at);
        let started: Vec<u32> = tasks.iter().map(|t| t.number).collect();
        assert_eq!(started, [1, 2, 3, 5, 7]);
        assert_eq!(tasks.runs(), [((0, 1), 3), ((0, 2), 2)]);
        assert_eq!(tasks.uniform(), None, "two revisions");
    }

    #[test]
    fn a_copy_of_a_fleet_shares_its_services_until_one_side_changes_them() {
        let mut fleet = Fleet::default();
        fleet.add_service(service_with_tasks("a", 3));
        fleet.add_service(service_with_tasks("b", 2));
        let copy = fleet.clone();
        assert!(Rc::ptr_eq(&fleet.services()[0], &copy.services()[0]));

        fleet.service_mut(0).desired = 5;
        assert!(
            Rc::ptr_eq(&fleet.services()[0].tasks, &copy.services()[0].tasks),
            "a service whose settings change keeps sharing its tasks"
        );
        let emptied = fleet.empty_service_tasks(1);
        assert!(emptied.tasks.is_empty());
        assert!(
            emptied.tasks.capacity() >= 2,
            "tasks left to the copy are replaced by an empty list with room for as many"
        );
        assert_eq!(emptied.deployments.len(), 1, "all but the tasks are kept");

        assert_eq!(
            (copy.services()[0].desired, copy.services()[1].tasks.len()),
            (3, 2),
            "the copy is unchanged"
        );
        assert_eq!(fleet.services()[0].desired, 5);
        assert!(fleet.services()[0].stamp > copy.services()[0].stamp);
        assert!(
            fleet.services()[1].stamp > copy.services()[1].stamp,
            "an emptied service is stamped"
        );
        assert_eq!((fleet.running(), copy.running()), (3, 5));

        // Tasks changed on one side are copied first: the other side keeps its own.
        let shared_again = fleet.clone();
        fleet.service_mut(0).tasks_mut().remove(2);
        assert_eq!(
            (
                fleet.services()[0].tasks.len(),
                shared_again.services()[0].tasks.len()
            ),
            (2, 3)
        );

        // A service no other fleet shares is emptied in place, keeping its room for the new tasks.
        drop(copy);
        let room = fleet.services()[0].tasks.capacity();
        assert_eq!(fleet.empty_service_tasks(0).tasks.capacity(), room);
        assert_eq!(fleet.remove_service(1).name, "b");
    }
}
