//! Scenario errors: the document is malformed or tells an impossible story (docs/format.md,
//! "When the file is wrong"). Each has a `code`, a JSON Pointer `path`, and one sentence that
//! names the problem and the fix.

use crate::date::Instant;
use crate::json::SyntaxError;
use crate::lifecycle::State;
use crate::version::{Family, Version};
use std::fmt;

#[derive(Clone, Debug, PartialEq)]
pub struct ScenarioError {
    /// JSON Pointer into the document; `""` is the whole document.
    path: String,
    /// Boxed: errors travel through every `Result` of the reader and the replay.
    kind: Box<ErrorKind>,
    /// Set when the error was raised by an event of the `base` scenario: its id, index and `do`.
    base_event: Option<(String, usize, &'static str)>,
}

/// What is wrong, with what the message needs. Only the crate builds these; callers see the
/// `code`, the `path` and the message.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum ErrorKind {
    InvalidJson(SyntaxError),
    UnsupportedFormat {
        found: String,
        expected: &'static str,
    },
    UnknownEvent {
        found: String,
        suggestion: Option<&'static str>,
        /// The event names, joined for the message.
        known: String,
    },
    UnknownField {
        field: String,
        context: String,
        suggestion: Option<&'static str>,
    },
    MissingField {
        field: &'static str,
        context: String,
    },
    InvalidField {
        what: String,
        expected: String,
        found: String,
    },
    OutOfOrder {
        at: Instant,
        previous: Instant,
    },
    /// AWS CLI output shows `LATEST` where AWS always shows a resolved version.
    EchoedLatest {
        /// What says it: "The PRIMARY deployment of service \"web\"", "Task \"abc\"".
        owner: String,
    },
    UnknownVersion {
        version: Version,
        family: Family,
    },
    InvalidTransition(Transition),
    LimitExceeded(Limit),
}

/// Why an AWS-side event cannot happen in the story so far.
#[derive(Clone, Debug, PartialEq)]
pub enum Transition {
    AlreadyReleased {
        version: Version,
        family: Family,
    },
    StateChange {
        version: Version,
        family: Family,
        from: State,
        to: State,
    },
    RetireLatest {
        version: Version,
        family: Family,
        to: State,
    },
    LatestTarget {
        version: Version,
        family: Family,
        state: State,
    },
    NoRevisions {
        version: Version,
        family: Family,
        state: State,
    },
    RetireNewestRevision {
        version: Version,
        family: Family,
        revision: u32,
    },
    NoSuchRevision {
        version: Version,
        family: Family,
        revision: f64,
        newest: u32,
    },
    RevisionAlreadyRetired {
        version: Version,
        family: Family,
        revision: u32,
    },
    ClusterExists {
        cluster: String,
    },
    ForceUpdateTarget {
        version: Version,
        family: Family,
        to: Version,
        state: State,
    },
    UnknownCluster {
        cluster: String,
    },
    ClusterVersionCannotStart {
        version: Version,
        state: State,
    },
    ImportedOnRecalled {
        version: Version,
        family: Family,
    },
    ImportedNameTaken {
        service: String,
    },
    ImportedTaskTaken {
        task: String,
    },
}

#[derive(Clone, Debug, PartialEq)]
pub enum Limit {
    Events { count: usize },
    RunningTasks { would_run: u64 },
    TraceRows,
}

pub const MAX_EVENTS: usize = 100_000;
pub const MAX_RUNNING_TASKS: u64 = 1_000_000;
pub const MAX_TRACE_ROWS: u64 = 1_000_000;

impl ScenarioError {
    pub(crate) fn new(path: impl Into<String>, kind: ErrorKind) -> ScenarioError {
        ScenarioError {
            path: path.into(),
            kind: Box::new(kind),
            base_event: None,
        }
    }

    /// JSON Pointer into the document; `""` is the whole document.
    pub fn path(&self) -> &str {
        &self.path
    }

    pub(crate) fn into_kind(self) -> ErrorKind {
        *self.kind
    }

    /// The same error raised by event `index` (a `do` of `name`) of the base scenario `id`.
    pub(crate) fn in_base_event(mut self, id: &str, index: usize, name: &'static str) -> Self {
        self.path = "/base".to_string();
        self.base_event = Some((id.to_string(), index, name));
        self
    }

    pub fn code(&self) -> &'static str {
        match *self.kind {
            ErrorKind::InvalidJson(_) => "InvalidJson",
            ErrorKind::UnsupportedFormat { .. } => "UnsupportedFormat",
            ErrorKind::UnknownEvent { .. } => "UnknownEvent",
            ErrorKind::UnknownField { .. } => "UnknownField",
            ErrorKind::MissingField { .. } => "MissingField",
            ErrorKind::InvalidField { .. } | ErrorKind::EchoedLatest { .. } => "InvalidField",
            ErrorKind::OutOfOrder { .. } => "OutOfOrder",
            ErrorKind::UnknownVersion { .. } => "UnknownVersion",
            ErrorKind::InvalidTransition(_) => "InvalidTransition",
            ErrorKind::LimitExceeded(_) => "LimitExceeded",
        }
    }

    /// `(line, column)` for JSON syntax errors.
    pub fn line_column(&self) -> Option<(u32, u32)> {
        match &*self.kind {
            ErrorKind::InvalidJson(e) => Some((e.line, e.column)),
            _ => None,
        }
    }
}

/// Text from the document inside a message, quoted, and cut short when long (a 10 MB name must
/// not make a 10 MB message).
pub fn quoted(text: &str) -> String {
    const KEEP: usize = 60;
    match text.char_indices().nth(KEEP) {
        None => format!("{text:?}"),
        Some((cut, _)) => format!("{:?}… ({} characters)", &text[..cut], text.chars().count()),
    }
}

impl fmt::Display for ScenarioError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some((id, index, name)) = &self.base_event {
            write!(f, "Base scenario {id}, event {index} ({name}): ")?;
        }
        write!(f, "{}", self.kind)
    }
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ErrorKind::InvalidJson(e) => {
                write!(f, "Invalid JSON at line {}, column {}: {}.", e.line, e.column, e.problem)
            }
            ErrorKind::UnsupportedFormat { found, expected } => write!(
                f,
                "Unsupported format {}: this playground reads \"{expected}\"; set format to that.",
                quoted(found),
            ),
            ErrorKind::UnknownEvent { found, suggestion, known } => {
                write!(f, "Unknown event {}", quoted(found))?;
                if let Some(s) = suggestion {
                    write!(f, " (did you mean {s}?)")?;
                }
                write!(f, "; use one of {known}.")
            }
            ErrorKind::UnknownField { field, context, suggestion } => {
                write!(f, "Unknown field {} in {context}", quoted(field))?;
                if let Some(s) = suggestion {
                    write!(f, " (did you mean {s}?)")?;
                }
                write!(f, "; remove it or fix its name.")
            }
            ErrorKind::MissingField { field, context } => {
                write!(f, "Missing field {field:?}: {context} needs it.")
            }
            ErrorKind::InvalidField { what, expected, found } => {
                write!(f, "{what} must be {expected}; found {found}.")
            }
            ErrorKind::OutOfOrder { at, previous } => write!(
                f,
                "This event is dated {}, before the previous event's {}; events must be in date order.",
                at.to_iso(),
                previous.to_iso()
            ),
            ErrorKind::UnknownVersion { version, family } => write!(
                f,
                "Platform version {version} ({family}) was never released; add a release-version event before this one."
            ),
            ErrorKind::EchoedLatest { owner } => write!(
                f,
                "{owner} says platformVersion \"LATEST\", but AWS always shows the resolved version there (like \"1.4.0\"). This output likely comes from a mock such as moto, which echoes the requested string; import what the AWS CLI printed for your account, or write the version it runs."
            ),
            ErrorKind::InvalidTransition(t) => write!(f, "{t}"),
            ErrorKind::LimitExceeded(l) => write!(f, "{l}"),
        }
    }
}

impl fmt::Display for Transition {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Transition::AlreadyReleased { version, family } => write!(
                f,
                "Platform version {version} ({family}) is already released; release each version once and publish revisions to change it."
            ),
            Transition::StateChange { version, family, from, to } => {
                let next: Vec<&str> = from.allowed_next().iter().map(|s| s.as_str()).collect();
                write!(
                    f,
                    "Platform version {version} ({family}) cannot go from {} to {}; from {} it can only become {}.",
                    from.as_str(),
                    to.as_str(),
                    from.as_str(),
                    if next.is_empty() { "nothing else".to_string() } else { next.join(" or ") }
                )
            }
            Transition::RetireLatest { version, family, to } => write!(
                f,
                "Platform version {version} ({family}) cannot become {} while LATEST points to it; move LATEST first.",
                to.as_str()
            ),
            Transition::LatestTarget { version, family, state } => write!(
                f,
                "LATEST ({family}) cannot move to {version}: it is {}; LATEST may only mean an active or deprecating version.",
                state.as_str()
            ),
            Transition::NoRevisions { version, family, state } => write!(
                f,
                "Platform version {version} ({family}) is {} and receives no more revisions.",
                state.as_str()
            ),
            Transition::RetireNewestRevision { version, family, revision } => write!(
                f,
                "Revision {revision} is the newest revision of {version} ({family}); publish a newer one before retiring it."
            ),
            Transition::NoSuchRevision { version, family, revision, newest } => write!(
                f,
                "Platform version {version} ({family}) has no revision {}; its revisions are 1 to {newest}.",
                crate::json::number_text(*revision)
            ),
            Transition::RevisionAlreadyRetired { version, family, revision } => write!(
                f,
                "Revision {revision} of {version} ({family}) is already retired."
            ),
            Transition::ForceUpdateTarget { version, family, to, state } if to == version => write!(
                f,
                "A force-update of {version} ({family}) with scope \"all\" must move pinned services to another version; name an active version in \"to\"."
            ),
            Transition::ForceUpdateTarget { to, family, state, .. } => write!(
                f,
                "Platform version {to} ({family}) is {}; a force-update moves pinned services onto an active version.",
                state.as_str()
            ),
            Transition::ClusterExists { cluster } => write!(
                f,
                "EKS cluster {cluster:?} already exists; give the new cluster another name."
            ),
            Transition::UnknownCluster { cluster } => write!(
                f,
                "There is no EKS cluster {cluster:?}; create it with create-eks-cluster first."
            ),
            Transition::ClusterVersionCannotStart { version, state } => write!(
                f,
                "EKS pods cannot run on {version}: it is {}; choose an active or deprecating version.",
                state.as_str()
            ),
            Transition::ImportedOnRecalled { version, family } => write!(
                f,
                "Platform version {version} ({family}) is recalled at the import's date (AWS terminated the remaining tasks), so nothing can still run on it; import output taken before the recall."
            ),
            Transition::ImportedNameTaken { service } => write!(
                f,
                "The fleet already has a service named {}; each imported service needs a name of its own.",
                quoted(service)
            ),
            Transition::ImportedTaskTaken { task } => write!(
                f,
                "Task id {} is already running; each imported task needs an id of its own.",
                quoted(task)
            ),
        }
    }
}

impl fmt::Display for Limit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Limit::Events { count } => write!(
                f,
                "The document has {count} events; the limit is {MAX_EVENTS}. Split it into smaller scenarios."
            ),
            Limit::RunningTasks { would_run } => write!(
                f,
                "This event would run {would_run} tasks and pods at once; the simulator's limit is {MAX_RUNNING_TASKS}. Use smaller counts."
            ),
            Limit::TraceRows => write!(
                f,
                "The trace would hold more than {MAX_TRACE_ROWS} task rows over all its steps; open this scenario with the Playground handle, which serves one step at a time."
            ),
        }
    }
}
