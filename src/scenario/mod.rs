//! The scenario document (docs/format.md): reading it strictly, with located errors, into
//! typed events. Everything here is shape; what the events *do* is in `trace.rs`.

use crate::date::Instant;
use crate::error::{ErrorKind, Limit, ScenarioError, MAX_EVENTS};
use crate::fleet::{Controller, Count, PodController};
use crate::json::{self, pointer_push, Json};
use events::EVENTS;
use reader::{
    check_repeats, event_context, invalid, missing, string, suggest, unknown_field, Reader,
};

mod echo;
mod events;
mod reader;

use crate::lifecycle::State;
use crate::version::{Family, Version};
pub use events::event_names;

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
        .map(|v| string(v, || "/title".into(), "title"))
        .transpose()?;
    let description = field("description")
        .map(|v| string(v, || "/description".into(), "description"))
        .transpose()?;
    let base = match field("base") {
        None => None,
        Some(v) => {
            let id = string(v, || "/base".into(), "base")?;
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
    let accepted: Vec<&str> = COMMON.iter().chain(spec.fields).copied().collect();
    for (key, _) in members {
        if !accepted.contains(&key.as_str()) {
            return Err(unknown_field(
                key,
                path,
                &event_context(spec.name),
                &accepted,
            ));
        }
    }
    let r = Reader {
        path,
        event: spec.name,
        members,
    };
    let at = match (r.get("at"), default_at) {
        (Some(v), _) => r.instant(v)?,
        (None, Some(at)) => at,
        (None, None) => return Err(missing(path, "at", event_context(spec.name))),
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
