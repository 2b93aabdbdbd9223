//! The scenario document (docs/format.md): reading it strictly, with located errors, into
//! typed events. Everything here is shape; what the events *do* is in `trace.rs`.

use crate::date::Instant;
use crate::error::{ErrorKind, Limit, ScenarioError, MAX_EVENTS};
use crate::fleet::{Controller, Count, PodController};
use crate::json::{self, pointer_push, Json};
use crate::lifecycle::State;
use crate::version::{Family, Version, LATEST};

pub const FORMAT: &str = "fargate-pv-scenario/1";

/// The longest `source` address accepted.
const MAX_SOURCE: usize = 2000;

/// A parsed document. `events` are the document's own; `base` events are merged in by the replay.
#[derive(Clone, Debug, PartialEq)]
pub struct Document {
    pub title: Option<String>,
    pub description: Option<String>,
    pub base: Option<String>,
    pub events: Vec<TimedEvent>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct TimedEvent {
    pub at: Instant,
    pub action: Action,
    pub note: Option<String>,
    /// The public page the event's facts come from (an `https` URL).
    pub source: Option<String>,
}

/// Which services an AWS force-update moves (aws-facts.md, rules 11 and 12).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum ForceScope {
    /// 2020: services that ask for LATEST and still run the version; LATEST is re-resolved.
    Latest,
    /// 2026: those, and every service pinned to the version, which is redeployed on `to`.
    All { to: Version },
}

/// One event, typed, with defaults filled in.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    ReleaseVersion {
        version: Version,
        family: Family,
        features: Vec<String>,
    },
    PublishRevision {
        version: Version,
        family: Family,
        features: Vec<String>,
    },
    MoveLatest {
        to: Version,
        family: Family,
    },
    SetVersionState {
        version: Version,
        family: Family,
        state: State,
    },
    ForceUpdate {
        version: Version,
        family: Family,
        scope: ForceScope,
    },
    RetireRevision {
        version: Version,
        family: Family,
        revision: f64,
    },
    CreateEksCluster {
        cluster: String,
        fargate_version: Version,
    },
    UpdateEksPlatform {
        cluster: String,
        fargate_version: Version,
    },
    CreateService {
        cluster: String,
        service: String,
        task_definition: Option<String>,
        platform_version: String,
        family: Family,
        desired_count: Count,
        requires: Vec<String>,
        controller: Controller,
    },
    UpdateService {
        cluster: String,
        service: String,
        task_definition: Option<String>,
        platform_version: Option<String>,
        force_new_deployment: bool,
        desired_count: Option<Count>,
        requires: Option<Vec<String>>,
    },
    ScaleService {
        cluster: String,
        service: String,
        desired_count: Count,
    },
    RecycleService {
        cluster: String,
        service: String,
    },
    /// A new CodeDeploy (blue/green) deployment of a CODE_DEPLOY service; `None` keeps the
    /// service's current version string.
    CodeDeployDeployment {
        cluster: String,
        service: String,
        platform_version: Option<String>,
    },
    DeleteService {
        cluster: String,
        service: String,
    },
    RunTask {
        cluster: String,
        task: String,
        task_definition: Option<String>,
        platform_version: String,
        family: Family,
        count: Count,
        requires: Vec<String>,
    },
    StopTask {
        cluster: String,
        task: String,
    },
    RunPod {
        cluster: String,
        pod: String,
        count: Count,
        controller: PodController,
    },
    /// A fleet read from AWS CLI output (`import.rs`), placed as it runs. Boxed: it can be large.
    ImportFleet(Box<crate::import::ImportedFleet>),
}

const TOP_LEVEL: &[&str] = &["format", "title", "description", "base", "events"];
const COMMON: &[&str] = &["at", "do", "note", "source"];

impl Action {
    pub fn name(&self) -> &'static str {
        match self {
            Action::ReleaseVersion { .. } => "release-version",
            Action::PublishRevision { .. } => "publish-revision",
            Action::MoveLatest { .. } => "move-latest",
            Action::SetVersionState { .. } => "set-version-state",
            Action::ForceUpdate { .. } => "force-update",
            Action::RetireRevision { .. } => "retire-revision",
            Action::CreateEksCluster { .. } => "create-eks-cluster",
            Action::UpdateEksPlatform { .. } => "update-eks-platform",
            Action::CreateService { .. } => "create-service",
            Action::UpdateService { .. } => "update-service",
            Action::ScaleService { .. } => "scale-service",
            Action::RecycleService { .. } => "recycle-service",
            Action::CodeDeployDeployment { .. } => "codedeploy-deployment",
            Action::DeleteService { .. } => "delete-service",
            Action::RunTask { .. } => "run-task",
            Action::StopTask { .. } => "stop-task",
            Action::RunPod { .. } => "run-pod",
            Action::ImportFleet(_) => "import-fleet",
        }
    }

    /// The event as the trace echoes it: `do` first, defaults filled in, no `at`, `note` or
    /// `source` (see `TimedEvent::echo`).
    pub fn to_json(&self) -> Json {
        let text = |s: &str| Json::from(s);
        // `cluster` only when it is not the default one, then the name and the task definition.
        let named =
            |cluster: &str, key: &'static str, name: &str, task_definition: &Option<String>| {
                let mut fields = Vec::new();
                if let Some(cluster) = crate::fleet::named_cluster(cluster) {
                    fields.push(("cluster", text(cluster)));
                }
                fields.push((key, text(name)));
                if let Some(definition) = task_definition {
                    fields.push(("taskDefinition", text(definition)));
                }
                fields
            };
        let version_family = |version: &Version, family: &Family| {
            vec![
                ("version", text(&version.to_string())),
                ("family", text(family.as_str())),
            ]
        };
        let fields: Vec<(&str, Json)> = match self {
            Action::ReleaseVersion {
                version,
                family,
                features,
            }
            | Action::PublishRevision {
                version,
                family,
                features,
            } => {
                let mut fields = version_family(version, family);
                fields.push(("features", Json::strings(features)));
                fields
            }
            Action::MoveLatest { to, family } => {
                vec![
                    ("to", text(&to.to_string())),
                    ("family", text(family.as_str())),
                ]
            }
            Action::SetVersionState {
                version,
                family,
                state,
            } => {
                let mut fields = version_family(version, family);
                fields.push(("state", text(state.as_str())));
                fields
            }
            Action::ForceUpdate {
                version,
                family,
                scope,
            } => {
                let mut fields = version_family(version, family);
                match scope {
                    ForceScope::Latest => fields.push(("scope", text("latest"))),
                    ForceScope::All { to } => {
                        fields.push(("scope", text("all")));
                        fields.push(("to", text(&to.to_string())));
                    }
                }
                fields
            }
            Action::RetireRevision {
                version,
                family,
                revision,
            } => {
                let mut fields = version_family(version, family);
                fields.push(("revision", Json::from(*revision)));
                fields
            }
            Action::CreateEksCluster {
                cluster,
                fargate_version,
            }
            | Action::UpdateEksPlatform {
                cluster,
                fargate_version,
            } => vec![
                ("cluster", text(cluster)),
                ("fargateVersion", text(&fargate_version.to_string())),
            ],
            Action::CreateService {
                cluster,
                service,
                task_definition,
                platform_version,
                family,
                desired_count,
                requires,
                controller,
            } => {
                let mut fields = named(cluster, "service", service, task_definition);
                fields.extend([
                    ("platformVersion", text(platform_version)),
                    ("family", text(family.as_str())),
                    ("desiredCount", Json::from(desired_count.0)),
                    ("requires", Json::strings(requires)),
                    ("deploymentController", text(controller.as_str())),
                ]);
                fields
            }
            Action::UpdateService {
                cluster,
                service,
                task_definition,
                platform_version,
                force_new_deployment,
                desired_count,
                requires,
            } => {
                let mut fields = named(cluster, "service", service, task_definition);
                if let Some(p) = platform_version {
                    fields.push(("platformVersion", text(p)));
                }
                fields.push(("forceNewDeployment", Json::from(*force_new_deployment)));
                if let Some(c) = desired_count {
                    fields.push(("desiredCount", Json::from(c.0)));
                }
                if let Some(r) = requires {
                    fields.push(("requires", Json::strings(r)));
                }
                fields
            }
            Action::ScaleService {
                cluster,
                service,
                desired_count,
            } => {
                let mut fields = named(cluster, "service", service, &None);
                fields.push(("desiredCount", Json::from(desired_count.0)));
                fields
            }
            Action::RecycleService { cluster, service }
            | Action::DeleteService { cluster, service } => {
                named(cluster, "service", service, &None)
            }
            Action::CodeDeployDeployment {
                cluster,
                service,
                platform_version,
            } => {
                let mut fields = named(cluster, "service", service, &None);
                if let Some(p) = platform_version {
                    fields.push(("platformVersion", text(p)));
                }
                fields
            }
            Action::RunTask {
                cluster,
                task,
                task_definition,
                platform_version,
                family,
                count,
                requires,
            } => {
                let mut fields = named(cluster, "task", task, task_definition);
                fields.extend([
                    ("platformVersion", text(platform_version)),
                    ("family", text(family.as_str())),
                    ("count", Json::from(count.0)),
                    ("requires", Json::strings(requires)),
                ]);
                fields
            }
            Action::StopTask { cluster, task } => named(cluster, "task", task, &None),
            Action::RunPod {
                cluster,
                pod,
                count,
                controller,
            } => vec![
                ("cluster", text(cluster)),
                ("pod", text(pod)),
                ("count", Json::from(count.0)),
                ("controller", text(controller.as_str())),
            ],
            Action::ImportFleet(fleet) => vec![
                ("services", Json::from(fleet.services.len())),
                ("tasks", Json::from(fleet.tasks.len())),
                ("outOfScope", Json::from(fleet.skipped.len())),
            ],
        };
        let mut out = Json::object([("do", text(self.name()))]);
        for (key, value) in fields {
            out.set(key, value);
        }
        out
    }
}

impl TimedEvent {
    /// The event as the trace echoes it: the action with its defaults, then `note` and `source`.
    pub fn echo(&self) -> Json {
        self.with_narration(self.action.to_json())
    }

    fn with_narration(&self, mut event: Json) -> Json {
        if let Some(note) = &self.note {
            event.set("note", Json::from(note.as_str()));
        }
        if let Some(source) = &self.source {
            event.set("source", Json::from(source.as_str()));
        }
        event
    }

    /// The event as a document holds it (with `at`), for `toScenarioJson`.
    pub fn to_document_json(&self) -> Json {
        let mut out = Json::object([("at", Json::from(self.at.to_iso()))]);
        let event = if let Action::ImportFleet(fleet) = &self.action {
            // The step echo only counts the fleet; the document holds all of it.
            let (services, tasks) = fleet.to_event_fields();
            self.with_narration(Json::object([
                ("do", Json::from(self.action.name())),
                ("services", Json::from(services)),
                ("tasks", Json::from(tasks)),
            ]))
        } else {
            self.echo()
        };
        if let Json::Object(members) = event {
            for (key, value) in members {
                out.set(&key, value);
            }
        }
        out
    }
}

/// Reads a whole document: JSON, then shape, fields, types, dates and order.
pub fn read(text: &str) -> Result<Document, ScenarioError> {
    let value = json::parse(text).map_err(|e| ScenarioError::new("", ErrorKind::InvalidJson(e)))?;
    let Json::Object(members) = &value else {
        return Err(invalid("", "The document", "a JSON object", &value));
    };
    check_repeats(members, "")?;
    for (key, _) in members {
        if !TOP_LEVEL.contains(&key.as_str()) {
            return Err(unknown_field(key, "", "the document", TOP_LEVEL));
        }
    }
    let field = |name: &str| members.iter().find(|(k, _)| k == name).map(|(_, v)| v);
    let format = field("format").ok_or_else(|| missing("", "format", "the document".into()))?;
    match format {
        Json::String(f) if f == FORMAT => {}
        Json::String(f) => {
            return Err(ScenarioError::new(
                "/format",
                ErrorKind::UnsupportedFormat {
                    found: f.clone(),
                    expected: FORMAT,
                },
            ))
        }
        other => {
            return Err(invalid(
                "/format",
                "format",
                &format!("the string \"{FORMAT}\""),
                other,
            ))
        }
    }
    let title = field("title")
        .map(|v| string(v, "/title", "title"))
        .transpose()?;
    let description = field("description")
        .map(|v| string(v, "/description", "description"))
        .transpose()?;
    let base = match field("base") {
        None => None,
        Some(v) => {
            let id = string(v, "/base", "base")?;
            if crate::builtin::find(&id).is_none() {
                return Err(ScenarioError::new(
                    "/base",
                    ErrorKind::InvalidField {
                        what: "base".into(),
                        expected: format!(
                            "the id of a built-in scenario ({})",
                            crate::builtin::ids().join(", ")
                        ),
                        found: crate::error::quoted(&id),
                    },
                ));
            }
            Some(id)
        }
    };
    let events_value =
        field("events").ok_or_else(|| missing("", "events", "the document".into()))?;
    let Json::Array(items) = events_value else {
        return Err(invalid(
            "/events",
            "events",
            "an array of events",
            events_value,
        ));
    };
    if items.len() > MAX_EVENTS {
        return Err(ScenarioError::new(
            "/events",
            ErrorKind::LimitExceeded(Limit::Events { count: items.len() }),
        ));
    }
    let mut events = Vec::with_capacity(items.len());
    let mut previous: Option<Instant> = None;
    for (index, item) in items.iter().enumerate() {
        let path = format!("/events/{index}");
        let event = read_event(item, &path, None)?;
        if let Some(previous) = previous.filter(|p| event.at < *p) {
            return Err(ScenarioError::new(
                format!("{path}/at"),
                ErrorKind::OutOfOrder {
                    at: event.at,
                    previous,
                },
            ));
        }
        previous = Some(event.at);
        events.push(event);
    }
    Ok(Document {
        title,
        description,
        base,
        events,
    })
}

/// Reads one event object at `path`. `default_at` stands in for a missing `at` (the Playground's
/// `apply`); in a document `at` is required.
pub fn read_event(
    value: &Json,
    path: &str,
    default_at: Option<Instant>,
) -> Result<TimedEvent, ScenarioError> {
    let Json::Object(members) = value else {
        return Err(invalid(path, "An event", "an object", value));
    };
    check_repeats(members, path)?;
    let field = |name: &str| members.iter().find(|(k, _)| k == name).map(|(_, v)| v);
    let name = match field("do") {
        None => return Err(missing(path, "do", "every event".into())),
        Some(Json::String(name)) => name,
        Some(other) => {
            return Err(invalid(
                &pointer_push(path, "do"),
                "do",
                "an event name",
                other,
            ))
        }
    };
    let Some(spec) = EVENTS.iter().find(|e| e.name == name) else {
        return Err(ScenarioError::new(
            pointer_push(path, "do"),
            ErrorKind::UnknownEvent {
                found: name.clone(),
                suggestion: suggest(name, &event_names()),
                known: event_names().join(", "),
            },
        ));
    };
    let context = format!("a {} event", spec.name);
    let accepted: Vec<&str> = COMMON.iter().chain(spec.fields).copied().collect();
    for (key, _) in members {
        if !accepted.contains(&key.as_str()) {
            return Err(unknown_field(key, path, &context, &accepted));
        }
    }
    let r = Reader {
        path,
        context: &context,
        members,
    };
    let at = match (r.get("at"), default_at) {
        (Some(v), _) => r.instant(v)?,
        (None, Some(at)) => at,
        (None, None) => return Err(missing(path, "at", context.clone())),
    };
    let note = r.optional_string("note")?;
    let source = r.source()?;
    let action = (spec.read)(&r)?;
    Ok(TimedEvent {
        at,
        action,
        note,
        source,
    })
}

/// One kind of event: its `do`, the fields it accepts besides `at`, `do` and `note`, and how it
/// is read. Adding an event means a row here and an `Action` variant; the compiler then points
/// at every `match` on `Action` that must say what it does (echo, replay, command, question).
struct EventSpec {
    name: &'static str,
    fields: &'static [&'static str],
    read: fn(&Reader) -> Result<Action, ScenarioError>,
}

const EVENTS: &[EventSpec] = &[
    EventSpec {
        name: "release-version",
        fields: &["version", "family", "features"],
        read: |r| {
            Ok(Action::ReleaseVersion {
                version: r.version("version")?,
                family: r.family()?,
                features: r.optional_strings("features")?.unwrap_or_default(),
            })
        },
    },
    EventSpec {
        name: "publish-revision",
        fields: &["version", "family", "features"],
        read: |r| {
            Ok(Action::PublishRevision {
                version: r.version("version")?,
                family: r.family()?,
                features: r.optional_strings("features")?.unwrap_or_default(),
            })
        },
    },
    EventSpec {
        name: "move-latest",
        fields: &["to", "family"],
        read: |r| {
            Ok(Action::MoveLatest {
                to: r.version("to")?,
                family: r.family()?,
            })
        },
    },
    EventSpec {
        name: "set-version-state",
        fields: &["version", "family", "state"],
        read: |r| {
            Ok(Action::SetVersionState {
                version: r.version("version")?,
                family: r.family()?,
                state: r.state()?,
            })
        },
    },
    EventSpec {
        name: "force-update",
        fields: &["version", "family", "scope", "to"],
        read: |r| {
            Ok(Action::ForceUpdate {
                version: r.version("version")?,
                family: r.family()?,
                scope: r.force_scope()?,
            })
        },
    },
    EventSpec {
        name: "retire-revision",
        fields: &["version", "family", "revision"],
        read: |r| {
            Ok(Action::RetireRevision {
                version: r.version("version")?,
                family: r.family()?,
                revision: r.whole_number("revision")?,
            })
        },
    },
    EventSpec {
        name: "create-eks-cluster",
        fields: &["cluster", "fargateVersion", "family"],
        read: |r| {
            Ok(Action::CreateEksCluster {
                cluster: r.name("cluster")?,
                fargate_version: r.version("fargateVersion")?,
            })
            .and_then(|action| r.linux_only().map(|_| action))
        },
    },
    EventSpec {
        name: "update-eks-platform",
        fields: &["cluster", "fargateVersion", "family"],
        read: |r| {
            Ok(Action::UpdateEksPlatform {
                cluster: r.name("cluster")?,
                fargate_version: r.version("fargateVersion")?,
            })
            .and_then(|action| r.linux_only().map(|_| action))
        },
    },
    EventSpec {
        name: "create-service",
        fields: &[
            "cluster",
            "service",
            "taskDefinition",
            "platformVersion",
            "family",
            "desiredCount",
            "requires",
            "deploymentController",
        ],
        read: |r| {
            Ok(Action::CreateService {
                cluster: r.ecs_cluster()?,
                service: r.required_string("service")?,
                task_definition: r.optional_string("taskDefinition")?,
                platform_version: r
                    .optional_string("platformVersion")?
                    .unwrap_or_else(|| LATEST.into()),
                family: r.family()?,
                desired_count: r.optional_count("desiredCount")?.unwrap_or(Count(1.0)),
                requires: r.optional_strings("requires")?.unwrap_or_default(),
                controller: r.controller()?,
            })
        },
    },
    EventSpec {
        name: "update-service",
        fields: &[
            "cluster",
            "service",
            "taskDefinition",
            "platformVersion",
            "forceNewDeployment",
            "desiredCount",
            "requires",
        ],
        read: |r| {
            Ok(Action::UpdateService {
                cluster: r.ecs_cluster()?,
                service: r.required_string("service")?,
                task_definition: r.optional_string("taskDefinition")?,
                platform_version: r.optional_string("platformVersion")?,
                force_new_deployment: r.optional_bool("forceNewDeployment")?.unwrap_or(false),
                desired_count: r.optional_count("desiredCount")?,
                requires: r.optional_strings("requires")?,
            })
        },
    },
    EventSpec {
        name: "scale-service",
        fields: &["cluster", "service", "desiredCount"],
        read: |r| {
            Ok(Action::ScaleService {
                cluster: r.ecs_cluster()?,
                service: r.required_string("service")?,
                desired_count: Count(r.whole_number("desiredCount")?),
            })
        },
    },
    EventSpec {
        name: "recycle-service",
        fields: &["cluster", "service"],
        read: |r| {
            Ok(Action::RecycleService {
                cluster: r.ecs_cluster()?,
                service: r.required_string("service")?,
            })
        },
    },
    EventSpec {
        name: "codedeploy-deployment",
        fields: &["cluster", "service", "platformVersion"],
        read: |r| {
            Ok(Action::CodeDeployDeployment {
                cluster: r.ecs_cluster()?,
                service: r.required_string("service")?,
                platform_version: r.optional_string("platformVersion")?,
            })
        },
    },
    EventSpec {
        name: "delete-service",
        fields: &["cluster", "service"],
        read: |r| {
            Ok(Action::DeleteService {
                cluster: r.ecs_cluster()?,
                service: r.required_string("service")?,
            })
        },
    },
    EventSpec {
        name: "run-task",
        fields: &[
            "cluster",
            "task",
            "taskDefinition",
            "platformVersion",
            "family",
            "count",
            "requires",
        ],
        read: |r| {
            Ok(Action::RunTask {
                cluster: r.ecs_cluster()?,
                task: r.required_string("task")?,
                task_definition: r.optional_string("taskDefinition")?,
                platform_version: r
                    .optional_string("platformVersion")?
                    .unwrap_or_else(|| LATEST.into()),
                family: r.family()?,
                count: r.optional_count("count")?.unwrap_or(Count(1.0)),
                requires: r.optional_strings("requires")?.unwrap_or_default(),
            })
        },
    },
    EventSpec {
        name: "stop-task",
        fields: &["cluster", "task"],
        read: |r| {
            Ok(Action::StopTask {
                cluster: r.ecs_cluster()?,
                task: r.required_string("task")?,
            })
        },
    },
    EventSpec {
        name: "run-pod",
        fields: &["cluster", "pod", "count", "controller"],
        read: |r| {
            Ok(Action::RunPod {
                cluster: r.required_string("cluster")?,
                pod: r.required_string("pod")?,
                count: r.optional_count("count")?.unwrap_or(Count(1.0)),
                controller: r.enumerated(
                    "controller",
                    "\"deployment\" (a Deployment, ReplicaSet or Job restarts it) or \"none\" (a bare pod)",
                    |s| match s {
                        "deployment" => Some(PodController::Deployment),
                        "none" => Some(PodController::None),
                        _ => None,
                    },
                    PodController::Deployment,
                )?,
            })
        },
    },
    EventSpec {
        name: "import-fleet",
        fields: &["services", "tasks"],
        read: |r| {
            Ok(Action::ImportFleet(Box::new(
                crate::import::read_event_fields(r.get("services"), r.get("tasks"), r.path)?,
            )))
        },
    },
];

/// Every `do`, in the table's order.
pub fn event_names() -> Vec<&'static str> {
    EVENTS.iter().map(|e| e.name).collect()
}

/// The members of one event object being read, with where it is and what it is called.
struct Reader<'a> {
    path: &'a str,
    context: &'a str,
    members: &'a [(String, Json)],
}

impl<'a> Reader<'a> {
    fn get(&self, name: &str) -> Option<&'a Json> {
        self.members.iter().find(|(k, _)| k == name).map(|(_, v)| v)
    }

    /// `source`: the public page an event's facts come from, an https URL a learner can follow.
    fn source(&self) -> Result<Option<String>, ScenarioError> {
        let Some(url) = self.optional_string("source")? else {
            return Ok(None);
        };
        let host = url.strip_prefix("https://").unwrap_or_default();
        let plain = url.chars().all(|c| !c.is_whitespace() && !c.is_control());
        if host.is_empty() || host.starts_with('/') || !plain || url.chars().count() > MAX_SOURCE {
            return Err(ScenarioError::new(
                self.at("source"),
                ErrorKind::InvalidField {
                    what: "source".into(),
                    expected: format!(
                        "an https:// address of at most {MAX_SOURCE} characters, without spaces (the public page the event's facts come from)"
                    ),
                    found: crate::error::quoted(&url),
                },
            ));
        }
        Ok(Some(url))
    }

    /// `scope` (`"latest"` when absent) and, for `"all"`, the version pinned services move `to`.
    fn force_scope(&self) -> Result<ForceScope, ScenarioError> {
        #[derive(Clone, Copy)]
        enum Scope {
            Latest,
            All,
        }
        let scope = self.enumerated(
            "scope",
            "\"latest\" (services that ask for LATEST) or \"all\" (pinned services too)",
            |s| match s {
                "latest" => Some(Scope::Latest),
                "all" => Some(Scope::All),
                _ => None,
            },
            Scope::Latest,
        )?;
        match (scope, self.get("to")) {
            (Scope::All, _) => Ok(ForceScope::All {
                to: self.version("to")?,
            }),
            (Scope::Latest, None) => Ok(ForceScope::Latest),
            (Scope::Latest, Some(_)) => Err(ScenarioError::new(
                self.at("to"),
                ErrorKind::InvalidField {
                    what: "to".into(),
                    expected: "given only with scope \"all\" (a LATEST force-update moves services to what LATEST means)".into(),
                    found: "it with scope \"latest\"".into(),
                },
            )),
        }
    }

    /// EKS runs Fargate pods on Linux platform versions only.
    fn linux_only(&self) -> Result<(), ScenarioError> {
        if self.family()? == Family::Linux {
            return Ok(());
        }
        Err(ScenarioError::new(
            pointer_push(self.path, "family"),
            ErrorKind::InvalidField {
                what: "family".into(),
                expected: "\"LINUX\" (EKS runs Fargate pods on Linux platform versions only)"
                    .into(),
                found: "\"WINDOWS\"".into(),
            },
        ))
    }

    fn at(&self, name: &str) -> String {
        pointer_push(self.path, name)
    }

    fn required(&self, name: &'static str) -> Result<&'a Json, ScenarioError> {
        self.get(name)
            .ok_or_else(|| missing(self.path, name, self.context.to_string()))
    }

    fn instant(&self, value: &Json) -> Result<Instant, ScenarioError> {
        let expected = "a real date written YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ";
        match value {
            Json::String(s) => Instant::parse(s).ok_or_else(|| {
                ScenarioError::new(
                    self.at("at"),
                    ErrorKind::InvalidField {
                        what: "at".into(),
                        expected: expected.into(),
                        found: crate::error::quoted(s),
                    },
                )
            }),
            other => Err(invalid(&self.at("at"), "at", expected, other)),
        }
    }

    fn required_string(&self, name: &'static str) -> Result<String, ScenarioError> {
        string(self.required(name)?, &self.at(name), name)
    }

    fn optional_string(&self, name: &'static str) -> Result<Option<String>, ScenarioError> {
        self.get(name)
            .map(|v| string(v, &self.at(name), name))
            .transpose()
    }

    /// The ECS cluster of a customer event: `default` when absent, like the AWS CLI.
    fn ecs_cluster(&self) -> Result<String, ScenarioError> {
        match self.get("cluster") {
            None => Ok(crate::fleet::DEFAULT_CLUSTER.to_string()),
            Some(_) => self.name("cluster"),
        }
    }

    /// AWS-side names (clusters) are the author's: a bad one is a scenario error.
    fn name(&self, name: &'static str) -> Result<String, ScenarioError> {
        let value = self.required_string(name)?;
        if !crate::fleet::valid_name(&value) {
            return Err(ScenarioError::new(
                self.at(name),
                ErrorKind::InvalidField {
                    what: name.into(),
                    expected: "1 to 255 letters, digits, hyphens or underscores".into(),
                    found: crate::error::quoted(&value),
                },
            ));
        }
        Ok(value)
    }

    fn optional_bool(&self, name: &'static str) -> Result<Option<bool>, ScenarioError> {
        match self.get(name) {
            None => Ok(None),
            Some(Json::Bool(b)) => Ok(Some(*b)),
            Some(other) => Err(invalid(&self.at(name), name, "true or false", other)),
        }
    }

    fn optional_strings(&self, name: &'static str) -> Result<Option<Vec<String>>, ScenarioError> {
        let Some(value) = self.get(name) else {
            return Ok(None);
        };
        let Json::Array(items) = value else {
            return Err(invalid(&self.at(name), name, "an array of strings", value));
        };
        items
            .iter()
            .enumerate()
            .map(|(i, item)| match item {
                Json::String(s) => Ok(s.clone()),
                other => Err(invalid(
                    &format!("{}/{i}", self.at(name)),
                    &format!("{name}[{i}]"),
                    "a string",
                    other,
                )),
            })
            .collect::<Result<_, _>>()
            .map(Some)
    }

    fn whole_number(&self, name: &'static str) -> Result<f64, ScenarioError> {
        let value = self.required(name)?;
        whole(value, &self.at(name), name)
    }

    fn optional_count(&self, name: &'static str) -> Result<Option<Count>, ScenarioError> {
        self.get(name)
            .map(|v| whole(v, &self.at(name), name).map(Count))
            .transpose()
    }

    fn version(&self, name: &'static str) -> Result<Version, ScenarioError> {
        let value = self.required(name)?;
        let expected = "a platform version written MAJOR.MINOR.PATCH, like \"1.4.0\"";
        match value {
            Json::String(s) => Version::parse(s).ok_or_else(|| {
                ScenarioError::new(
                    self.at(name),
                    ErrorKind::InvalidField {
                        what: name.into(),
                        expected: expected.into(),
                        found: crate::error::quoted(s),
                    },
                )
            }),
            other => Err(invalid(&self.at(name), name, expected, other)),
        }
    }

    fn family(&self) -> Result<Family, ScenarioError> {
        self.enumerated(
            "family",
            "\"LINUX\" or \"WINDOWS\"",
            Family::parse,
            Family::Linux,
        )
    }

    fn state(&self) -> Result<State, ScenarioError> {
        let value = self.required("state")?;
        enumerated(
            value,
            &self.at("state"),
            "state",
            "one of \"active\", \"deprecating\", \"retired\", \"recalled\"",
            State::parse,
        )
    }

    fn controller(&self) -> Result<Controller, ScenarioError> {
        let parse = |s: &str| match s {
            "ECS" => Some(Controller::Ecs),
            "CODE_DEPLOY" => Some(Controller::CodeDeploy),
            _ => None,
        };
        self.enumerated(
            "deploymentController",
            "\"ECS\" or \"CODE_DEPLOY\"",
            parse,
            Controller::Ecs,
        )
    }

    fn enumerated<T>(
        &self,
        name: &'static str,
        expected: &str,
        parse: impl Fn(&str) -> Option<T>,
        default: T,
    ) -> Result<T, ScenarioError> {
        match self.get(name) {
            None => Ok(default),
            Some(value) => enumerated(value, &self.at(name), name, expected, parse),
        }
    }
}

fn enumerated<T>(
    value: &Json,
    path: &str,
    name: &str,
    expected: &str,
    parse: impl Fn(&str) -> Option<T>,
) -> Result<T, ScenarioError> {
    match value {
        Json::String(s) => parse(s).ok_or_else(|| {
            ScenarioError::new(
                path,
                ErrorKind::InvalidField {
                    what: name.into(),
                    expected: expected.into(),
                    found: crate::error::quoted(s),
                },
            )
        }),
        other => Err(invalid(path, name, expected, other)),
    }
}

fn whole(value: &Json, path: &str, name: &str) -> Result<f64, ScenarioError> {
    match value {
        Json::Number(n) if n.fract() == 0.0 && n.is_finite() => Ok(*n),
        other => Err(invalid(path, name, "a whole number", other)),
    }
}

fn string(value: &Json, path: &str, name: &str) -> Result<String, ScenarioError> {
    match value {
        Json::String(s) => Ok(s.clone()),
        other => Err(invalid(path, name, "a string", other)),
    }
}

fn check_repeats(members: &[(String, Json)], path: &str) -> Result<(), ScenarioError> {
    for (i, (key, _)) in members.iter().enumerate() {
        if members[..i].iter().any(|(k, _)| k == key) {
            return Err(ScenarioError::new(
                pointer_push(path, key),
                ErrorKind::InvalidField {
                    what: key.clone(),
                    expected: "given once".into(),
                    found: "it repeated in the same object".into(),
                },
            ));
        }
    }
    Ok(())
}

/// What a wrong-typed value is, for messages: its type, and its text when short.
fn describe(value: &Json) -> String {
    match value {
        Json::Number(n) if !n.is_finite() => "a number too large for a 64-bit float".to_string(),
        Json::Number(n) => json::number_text(*n),
        Json::String(s) if s.chars().count() <= 40 => format!("{s:?}"),
        Json::Bool(b) => b.to_string(),
        other => other.type_name().to_string(),
    }
}

fn invalid(path: &str, what: &str, expected: &str, found: &Json) -> ScenarioError {
    ScenarioError::new(
        path,
        ErrorKind::InvalidField {
            what: what.into(),
            expected: expected.into(),
            found: describe(found),
        },
    )
}

fn missing(path: &str, field: &'static str, context: String) -> ScenarioError {
    ScenarioError::new(
        pointer_push(path, field),
        ErrorKind::MissingField { field, context },
    )
}

fn unknown_field(key: &str, path: &str, context: &str, allowed: &[&str]) -> ScenarioError {
    ScenarioError::new(
        pointer_push(path, key),
        ErrorKind::UnknownField {
            field: key.to_string(),
            context: context.to_string(),
            suggestion: suggest(key, allowed),
        },
    )
}

/// The allowed name closest to a typo, if it is close (case-insensitive edit distance ≤ 2).
fn suggest(typo: &str, candidates: &[&str]) -> Option<&'static str> {
    // Nothing long is two edits away from a short name; skip the quadratic comparison.
    if typo.len() > 64 {
        return None;
    }
    let typo = typo.to_ascii_lowercase();
    candidates
        .iter()
        .map(|c| (edit_distance(&typo, &c.to_ascii_lowercase()), *c))
        .filter(|(d, _)| *d <= 2)
        .min_by_key(|(d, _)| *d)
        .and_then(|(_, c)| static_name(c))
}

/// Names come from the static tables above; map back to the `'static` copy.
fn static_name(name: &str) -> Option<&'static str> {
    TOP_LEVEL
        .iter()
        .chain(COMMON)
        .chain(EVENTS.iter().map(|e| &e.name))
        .chain(EVENTS.iter().flat_map(|e| e.fields.iter()))
        .find(|n| **n == name)
        .copied()
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut previous = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let substitution = previous + usize::from(ca != *cb);
            previous = row[j + 1];
            row[j + 1] = substitution.min(row[j] + 1).min(row[j + 1] + 1);
        }
    }
    row[b.len()]
}
