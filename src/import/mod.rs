//! Bring your own fleet: reads what the AWS CLI prints for `aws ecs describe-services`,
//! `describe-tasks`, `create-service`, `update-service`, `delete-service`, `run-task` and
//! `start-task` (camelCase, version 1 or 2 timestamps) into the services, deployments and
//! standalone tasks an `import-fleet` event places in the world.
//!
//! Unlike scenario documents, AWS output is read leniently: unknown fields are ignored, since every
//! CLI release adds some. What the simulation needs is required, and a missing or malformed field is
//! a located error. Services that are not on Fargate (EC2 or EXTERNAL launch type, EXTERNAL
//! deployment controller) or are deleted (`INACTIVE`) are kept only to be listed as out of scope.

use crate::date::Instant;
use crate::error::{quoted, ErrorKind, ScenarioError};
use crate::fleet::valid_name;
use crate::fleet::Controller;
use crate::json::{self, pointer_push, Json};
use crate::version::{Family, Version, LATEST};
use object::{invalid, Object};
use std::fmt;

mod object;
mod write;

#[derive(Clone, Debug, Default, PartialEq)]
pub struct ImportedFleet {
    pub services: Vec<ImportedService>,
    pub tasks: Vec<ImportedTask>,
    pub skipped: Vec<Skipped>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ImportedService {
    /// Which of the files it was read from (0 inside a scenario).
    pub file: usize,
    /// JSON Pointer of the service object, relative to what was read (a file or the event).
    pub path: String,
    /// The ECS cluster (`default` when the output names none).
    pub cluster: String,
    pub name: String,
    pub family: Family,
    /// What the customer asked for. CODE_DEPLOY services show only the resolved version, so for
    /// them this is that version. `None` for a service known only from its tasks.
    pub requested: Option<String>,
    pub controller: Controller,
    pub desired: u32,
    /// Oldest first; the last one is the PRIMARY deployment (or task set).
    pub deployments: Vec<ImportedDeployment>,
    /// For a service known only from describe-tasks: its tasks, which say all that is known.
    pub seen_tasks: Vec<ImportedTask>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ImportedDeployment {
    pub path: String,
    pub version: Version,
    pub created_at: Option<Instant>,
    pub running: u32,
}

/// A standalone task (not started by a service) that is RUNNING on Fargate.
#[derive(Clone, Debug, PartialEq)]
pub struct ImportedTask {
    pub file: usize,
    pub path: String,
    pub cluster: String,
    pub id: String,
    pub family: Family,
    pub version: Version,
    pub started_at: Option<Instant>,
}

/// A service listed in the output that the simulation leaves out, and why.
#[derive(Clone, Debug, PartialEq)]
pub struct Skipped {
    pub cluster: String,
    pub name: String,
    pub reason: SkipReason,
}

#[derive(Clone, Debug, PartialEq)]
pub enum SkipReason {
    /// `launchType` EC2 or EXTERNAL, or a capacity provider strategy without a Fargate provider.
    NotFargate(String),
    /// The EXTERNAL deployment controller: versions are managed outside ECS deployments.
    ExternalController,
    /// `status: INACTIVE`: the service was deleted.
    Inactive,
    /// `status: DRAINING`: the service is being deleted (what delete-service prints).
    Draining,
}

impl fmt::Display for SkipReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SkipReason::NotFargate(launch) => write!(f, "{launch}, not Fargate"),
            SkipReason::ExternalController => write!(f, "EXTERNAL deployment controller"),
            SkipReason::Inactive => write!(f, "deleted: INACTIVE"),
            SkipReason::Draining => write!(f, "being deleted: DRAINING"),
        }
    }
}

/// What a file said besides the fleet: tasks the import counts another way or leaves out.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Tally {
    /// Tasks describe-tasks lists for a service; a service's tasks are counted from its
    /// deployments in describe-services instead.
    pub service_tasks: u32,
    /// Tasks not RUNNING (PROVISIONING, PENDING, STOPPED…), or not on Fargate.
    pub left_out: u32,
}

/// A located error in one of the files being imported.
#[derive(Clone, Debug, PartialEq)]
pub struct ImportError {
    /// The name of the file at fault (empty when none is).
    pub file: String,
    pub error: ScenarioError,
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.error)
    }
}

/// Reads the AWS CLI output a user gives: each file one output, several one after another (a
/// shell loop's output), or a JSON array of them (as `jq -s` writes). Paths in several outputs
/// start with the output's index, `/1/services/0`. Returns the fleet, what it left out, and the
/// newest timestamp anywhere in the output (the moment the fleet is imported at).
/// A file of AWS CLI output as read from disk: its text, or an `InvalidJson` error at its first
/// byte that is not UTF-8, in that file. The bytes become the text without a copy.
pub fn file_text(name: &str, bytes: Vec<u8>) -> Result<String, ImportError> {
    String::from_utf8(bytes).map_err(|bad| ImportError {
        file: name.to_string(),
        error: match json::utf8(bad.as_bytes()) {
            Err(e) => ScenarioError::new("", ErrorKind::InvalidJson(e)),
            Ok(_) => unreachable!("String::from_utf8 and str::from_utf8 agree"),
        },
    })
}

pub fn read_outputs(
    files: &[(String, String)],
) -> Result<(ImportedFleet, Tally, Option<Instant>), ImportError> {
    let mut reading = Reading::default();
    for (file, (name, text)) in files.iter().enumerate() {
        reading.file = file;
        let located = |error: ScenarioError| ImportError {
            file: name.clone(),
            error,
        };
        let values = json::parse_sequence_keeping(text, object::is_read)
            .map_err(|e| located(ScenarioError::new("", ErrorKind::InvalidJson(e))))?;
        // Outputs one after another are numbered like the items of a slurped array.
        let numbered = values.len() > 1;
        for (n, value) in values.iter().enumerate() {
            let prefix = if numbered {
                format!("/{n}")
            } else {
                String::new()
            };
            match value {
                Json::Array(outputs) => {
                    for (i, output) in outputs.iter().enumerate() {
                        let path = format!("{prefix}/{i}");
                        reading.output(output, &path).map_err(located)?;
                    }
                }
                output => reading.output(output, &prefix).map_err(located)?,
            }
        }
    }
    let file_name = |file: usize| {
        files
            .get(file)
            .map(|(name, _)| name.clone())
            .unwrap_or_default()
    };
    reading.finish().map_err(|(file, error)| ImportError {
        file: file_name(file),
        error,
    })?;
    Ok((reading.fleet, reading.tally, reading.newest))
}

/// Reads the `services` and `tasks` of an `import-fleet` event at `path`.
pub fn read_event_fields(
    services: Option<&Json>,
    tasks: Option<&Json>,
    path: &str,
) -> Result<ImportedFleet, ScenarioError> {
    let mut reading = Reading::default();
    if let Some(services) = services {
        reading.services(services, &pointer_push(path, "services"))?;
    }
    if let Some(tasks) = tasks {
        reading.tasks(tasks, &pointer_push(path, "tasks"))?;
    }
    reading.finish().map_err(|(_, error)| error)?;
    // Paths inside the event are kept relative to it, for replay errors.
    let relative = |p: &mut String| *p = p[path.len() + 1..].to_string();
    for service in &mut reading.fleet.services {
        relative(&mut service.path);
        service
            .deployments
            .iter_mut()
            .for_each(|d| relative(&mut d.path));
        service
            .seen_tasks
            .iter_mut()
            .for_each(|t| relative(&mut t.path));
    }
    reading
        .fleet
        .tasks
        .iter_mut()
        .for_each(|t| relative(&mut t.path));
    Ok(reading.fleet)
}

#[derive(Default)]
struct Reading {
    file: usize,
    fleet: ImportedFleet,
    tally: Tally,
    newest: Option<Instant>,
    /// RUNNING Fargate tasks a service started (`group: "service:NAME"`), with that name: counted
    /// if the service is in the output, else the only trace of it.
    service_tasks: Vec<(String, ImportedTask)>,
}

/// Is this launch type or capacity provider Fargate?
fn is_fargate(name: &str) -> bool {
    matches!(name, "FARGATE" | "FARGATE_SPOT")
}

impl Reading {
    fn saw(&mut self, at: Option<Instant>) {
        self.newest = self.newest.max(at);
    }

    fn output(&mut self, value: &Json, path: &str) -> Result<(), ScenarioError> {
        let output = Object::new(value, path, "AWS CLI output")?;
        let (services, service, tasks) = (
            output.get("services"),
            output.get("service"),
            output.get("tasks"),
        );
        if services.is_none() && service.is_none() && tasks.is_none() {
            return Err(ScenarioError::new(
                path,
                ErrorKind::InvalidField {
                    what: "The file".into(),
                    expected: "what `aws ecs describe-services`, `describe-tasks`, `create-service`, `update-service`, `delete-service` or `run-task` prints (an object with \"services\", \"service\" or \"tasks\")".into(),
                    found: "none of them".into(),
                },
            ));
        }
        if let Some(services) = services {
            self.services(services, &output.at("services"))?;
        }
        // create-service, update-service and delete-service print one service.
        if let Some(service) = service {
            self.service(service, &output.at("service"))?;
        }
        if let Some(tasks) = tasks {
            self.tasks(tasks, &output.at("tasks"))?;
        }
        Ok(())
    }

    fn services(&mut self, value: &Json, path: &str) -> Result<(), ScenarioError> {
        self.each(value, path, "services", Reading::service)
    }

    fn tasks(&mut self, value: &Json, path: &str) -> Result<(), ScenarioError> {
        self.each(value, path, "tasks", Reading::task)
    }

    /// Reads every item of the array `name` at `path` with `read`.
    fn each(
        &mut self,
        value: &Json,
        path: &str,
        name: &str,
        read: fn(&mut Reading, &Json, &str) -> Result<(), ScenarioError>,
    ) -> Result<(), ScenarioError> {
        let Json::Array(items) = value else {
            return Err(invalid(path, name, &format!("an array of {name}"), value));
        };
        for (i, item) in items.iter().enumerate() {
            read(self, item, &format!("{path}/{i}"))?;
        }
        Ok(())
    }

    fn service(&mut self, value: &Json, path: &str) -> Result<(), ScenarioError> {
        let service = Object::new(value, path, "service")?;
        let name = service.name("serviceName", service.required_string("serviceName")?)?;
        let cluster = service.cluster()?;
        let skip = |reason| Skipped {
            cluster: cluster.clone(),
            name: name.clone(),
            reason,
        };
        match service.string("status")? {
            Some("INACTIVE") => {
                self.fleet.skipped.push(skip(SkipReason::Inactive));
                return Ok(());
            }
            Some("DRAINING") => {
                self.fleet.skipped.push(skip(SkipReason::Draining));
                return Ok(());
            }
            _ => {}
        }
        let controller = match service.get("deploymentController") {
            None => Controller::Ecs,
            Some(value) => {
                let path = service.at("deploymentController");
                let object = Object::new(value, &path, "deployment controller")?;
                match object.required_string("type")? {
                    "ECS" => Controller::Ecs,
                    "CODE_DEPLOY" => Controller::CodeDeploy,
                    "EXTERNAL" => {
                        self.fleet
                            .skipped
                            .push(skip(SkipReason::ExternalController));
                        return Ok(());
                    }
                    other => {
                        return Err(ScenarioError::new(
                            object.at("type"),
                            ErrorKind::InvalidField {
                                what: "type".into(),
                                expected: "\"ECS\", \"CODE_DEPLOY\" or \"EXTERNAL\"".into(),
                                found: quoted(other),
                            },
                        ))
                    }
                }
            }
        };
        if let Some(reason) = self.not_fargate(&service)? {
            self.fleet.skipped.push(skip(reason));
            return Ok(());
        }
        let family = service.family()?;
        let desired = service.count("desiredCount")?;
        self.saw(service.timestamp("createdAt")?);
        // CODE_DEPLOY services run task sets; ECS services run deployments.
        let field = match service.array("taskSets")? {
            Some(sets) if controller == Controller::CodeDeploy && !sets.is_empty() => "taskSets",
            _ => "deployments",
        };
        let units_path = service.at(field);
        let units = service.array(field)?.ok_or_else(|| {
            ScenarioError::new(
                path,
                ErrorKind::MissingField {
                    field: "deployments",
                    context: "a Fargate service in AWS CLI output".into(),
                },
            )
        })?;
        let mut primary = None;
        let mut others = Vec::new();
        for (i, unit) in units.iter().enumerate() {
            let unit_path = format!("{units_path}/{i}");
            let object = Object::new(unit, &unit_path, "deployment")?;
            let status = object.required_string("status")?;
            let running = object.count("runningCount")?;
            if status != "PRIMARY" && running == 0 {
                continue;
            }
            let created_at = object.timestamp("createdAt")?;
            self.saw(created_at);
            self.saw(object.timestamp("updatedAt")?);
            let owner = || format!("The {} deployment of service {}", status, quoted(&name));
            let deployment = ImportedDeployment {
                version: object.resolved_version(owner)?,
                path: unit_path.clone(),
                created_at,
                running,
            };
            if status == "PRIMARY" {
                primary = Some(deployment);
            } else {
                others.push(deployment);
            }
        }
        let Some(primary) = primary else {
            return Err(ScenarioError::new(
                units_path,
                ErrorKind::InvalidField {
                    what: field.into(),
                    expected: "a list with the service's PRIMARY deployment (AWS always shows one)"
                        .into(),
                    found: "no entry with status \"PRIMARY\"".into(),
                },
            ));
        };
        others.sort_by_key(|d| d.created_at);
        let shown = service.string("platformVersion")?;
        let requested = match (controller, shown) {
            (Controller::Ecs, None) => LATEST.to_string(),
            (Controller::CodeDeploy, None) => primary.version.to_string(),
            (_, Some(text)) if text == LATEST || Version::parse(text).is_some() => text.to_string(),
            (_, Some(text)) => {
                return Err(ScenarioError::new(
                    service.at("platformVersion"),
                    ErrorKind::InvalidField {
                        what: "platformVersion".into(),
                        expected: "\"LATEST\" or a version written MAJOR.MINOR.PATCH".into(),
                        found: quoted(text),
                    },
                ))
            }
        };
        others.push(primary);
        self.fleet.services.push(ImportedService {
            file: self.file,
            path: path.to_string(),
            cluster,
            name,
            family,
            requested: Some(requested),
            controller,
            desired,
            deployments: others,
            seen_tasks: Vec::new(),
        });
        Ok(())
    }

    /// `Some(reason)` for a service that does not run on Fargate.
    fn not_fargate(&self, service: &Object) -> Result<Option<SkipReason>, ScenarioError> {
        if let Some(launch) = service.string("launchType")? {
            return Ok((!is_fargate(launch)).then(|| SkipReason::NotFargate(launch.to_string())));
        }
        let mut providers = Vec::new();
        if let Some(strategy) = service.array("capacityProviderStrategy")? {
            let path = service.at("capacityProviderStrategy");
            for (i, item) in strategy.iter().enumerate() {
                let item_path = format!("{path}/{i}");
                let object = Object::new(item, &item_path, "capacity provider strategy item")?;
                providers.push(object.required_string("capacityProvider")?.to_string());
            }
        }
        Ok(if providers.iter().any(|p| is_fargate(p)) {
            None
        } else if providers.is_empty() {
            Some(SkipReason::NotFargate("no launch type".into()))
        } else {
            Some(SkipReason::NotFargate("EC2 capacity providers".into()))
        })
    }

    fn task(&mut self, value: &Json, path: &str) -> Result<(), ScenarioError> {
        let task = Object::new(value, path, "task")?;
        let arn = task.required_string("taskArn")?;
        let id = task.name("taskArn", arn.rsplit('/').next().unwrap_or(arn))?;
        let status = task.required_string("lastStatus")?;
        let launch = task
            .string("launchType")?
            .or(task.string("capacityProviderName")?);
        if status != "RUNNING" || !launch.is_some_and(is_fargate) {
            self.tally.left_out += 1;
            return Ok(());
        }
        let started_at = task.timestamp("startedAt")?;
        self.saw(started_at);
        let seen = ImportedTask {
            file: self.file,
            path: path.to_string(),
            cluster: task.cluster()?,
            family: task.family()?,
            version: task.resolved_version(|| format!("Task {}", quoted(&id)))?,
            id,
            started_at,
        };
        match task
            .string("group")?
            .and_then(|g| g.strip_prefix("service:"))
        {
            Some(service) => self.service_tasks.push((service.to_string(), seen)),
            None => self.fleet.tasks.push(seen),
        }
        Ok(())
    }

    /// Tasks of a service the output does not describe are kept as the only trace of that service:
    /// it runs them, but what it asks for is unknown. The others are counted (a service's tasks
    /// come from its deployments). An error names the file it is in.
    fn finish(&mut self) -> Result<(), (usize, ScenarioError)> {
        let described: std::collections::HashSet<(String, String)> = self
            .fleet
            .services
            .iter()
            .map(|s| (s.cluster.clone(), s.name.clone()))
            .chain(
                self.fleet
                    .skipped
                    .iter()
                    .map(|s| (s.cluster.clone(), s.name.clone())),
            )
            .collect();
        let mut inferred: Vec<ImportedService> = Vec::new();
        for (name, task) in std::mem::take(&mut self.service_tasks) {
            if described.contains(&(task.cluster.clone(), name.clone())) {
                self.tally.service_tasks += 1;
                continue;
            }
            let group = format!("/{}", task.path.trim_start_matches('/'));
            let error = |field: &str| {
                (
                    task.file,
                    ScenarioError::new(
                        pointer_push(&group, field),
                        ErrorKind::InvalidField {
                            what: "group".into(),
                            expected: "service:NAME with a service name AWS allows (1 to 255 letters, digits, hyphens or underscores)".into(),
                            found: quoted(&name),
                        },
                    ),
                )
            };
            if !valid_name(&name) {
                return Err(error("group"));
            }
            match inferred
                .iter_mut()
                .find(|s| s.name == name && s.cluster == task.cluster)
            {
                Some(service) => service.seen_tasks.push(task),
                None => inferred.push(ImportedService {
                    file: task.file,
                    path: task.path.clone(),
                    cluster: task.cluster.clone(),
                    name,
                    family: task.family,
                    requested: None,
                    controller: Controller::Ecs,
                    desired: 0,
                    deployments: Vec::new(),
                    seen_tasks: vec![task],
                }),
            }
        }
        for service in &mut inferred {
            service.desired = service.seen_tasks.len() as u32;
            service.deployments = deployments_of(&service.seen_tasks);
        }
        self.fleet.services.extend(inferred);
        Ok(())
    }
}

/// The deployments a service's tasks suggest: one per version, oldest first; the PRIMARY one
/// (last) is the version of the task started last.
fn deployments_of(tasks: &[ImportedTask]) -> Vec<ImportedDeployment> {
    let mut deployments: Vec<(ImportedDeployment, Option<Instant>)> = Vec::new();
    for task in tasks {
        match deployments
            .iter_mut()
            .find(|(d, _)| d.version == task.version)
        {
            Some((deployment, newest)) => {
                deployment.running += 1;
                deployment.created_at = deployment.created_at.min(task.started_at);
                *newest = (*newest).max(task.started_at);
            }
            None => deployments.push((
                ImportedDeployment {
                    path: task.path.clone(),
                    version: task.version,
                    created_at: task.started_at,
                    running: 1,
                },
                task.started_at,
            )),
        }
    }
    deployments.sort_by_key(|(d, newest)| (*newest, d.version));
    deployments.into_iter().map(|(d, _)| d).collect()
}
