//! The `aws ecs …` console: a command line as copied from AWS's docs (backslash continuations,
//! quotes, `--key value` and `--key=value`) turned into the scenario event it means.

use crate::fleet::{Controller, Count};
use crate::scenario::Action;
use crate::version::{Family, LATEST};
use std::fmt;
use words::words;

mod print;
#[cfg(test)]
mod tests;
mod words;

pub use print::{command_for, to_command};

/// A command the console cannot turn into an event, located by the 1-based character column of
/// the offending word in the whole input.
#[derive(Clone, Debug, PartialEq)]
pub struct CommandError {
    pub column: u32,
    pub kind: CommandErrorKind,
}

#[derive(Clone, Debug, PartialEq)]
pub enum CommandErrorKind {
    Empty,
    NotEcs {
        found: String,
    },
    UnknownSubcommand {
        found: String,
    },
    UnknownOption {
        option: String,
        subcommand: &'static str,
    },
    MissingValue {
        option: String,
    },
    MissingOption {
        option: &'static str,
        subcommand: &'static str,
    },
    BadValue {
        option: &'static str,
        value: String,
        expected: &'static str,
    },
    RepeatedOption {
        option: String,
    },
    UnexpectedWord {
        word: String,
    },
    MissingBackslash {
        word: String,
    },
    UnclosedQuote,
    NotAnEvent {
        subcommand: &'static str,
    },
    NotAQuery {
        subcommand: &'static str,
    },
}

impl fmt::Display for CommandError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            CommandErrorKind::Empty => f.write_str("Type an aws ecs command, for example: aws ecs create-service --service-name web --desired-count 2"),
            CommandErrorKind::NotEcs { found } => write!(f, "Only aws ecs commands run here; {found:?} is not ecs."),
            CommandErrorKind::UnknownSubcommand { found } => write!(
                f,
                "aws ecs {found} is not simulated here; use create-service, update-service, run-task, stop-task, delete-service, describe-services or describe-tasks."
            ),
            CommandErrorKind::UnknownOption { option, subcommand } => {
                write!(f, "Unknown option {option} for aws ecs {subcommand}; check its spelling.")
            }
            CommandErrorKind::MissingValue { option } => write!(f, "{option} needs a value after it."),
            CommandErrorKind::MissingOption { option, subcommand } => {
                write!(f, "aws ecs {subcommand} needs {option}.")
            }
            CommandErrorKind::BadValue { option, value, expected } => {
                write!(f, "{option} {value:?} is not valid: {expected}.")
            }
            CommandErrorKind::RepeatedOption { option } => write!(f, "{option} is given twice; keep one."),
            CommandErrorKind::UnexpectedWord { word } => {
                write!(f, "Unexpected {word:?}: every value follows an option such as --service.")
            }
            CommandErrorKind::MissingBackslash { word } => write!(
                f,
                "{word} starts a new line, but the line before does not end with a backslash (\\), so the shell would run it as a separate command; add the backslash."
            ),
            CommandErrorKind::UnclosedQuote => f.write_str("This quote is never closed; add the closing quote."),
            CommandErrorKind::NotAQuery { subcommand } => write!(
                f,
                "aws ecs {subcommand} changes the fleet; only describe-services and describe-tasks read it."
            ),
            CommandErrorKind::NotAnEvent { subcommand } => write!(
                f,
                "aws ecs {subcommand} only reads the state, so it is not an event; use create-service, update-service, run-task, stop-task or delete-service."
            ),
        }
    }
}

/// How many values an option takes.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Arity {
    Flag,
    One,
    /// Every following word up to the next option, as in `--services web api`.
    List,
}
use Arity::{Flag, List, One};

/// Options of `aws` itself, accepted anywhere and ignored.
const GLOBAL: &[(&str, Arity)] = &[
    ("--region", One),
    ("--profile", One),
    ("--output", One),
    ("--endpoint-url", One),
    ("--query", One),
    ("--color", One),
    ("--ca-bundle", One),
    ("--cli-read-timeout", One),
    ("--cli-connect-timeout", One),
    ("--cli-binary-format", One),
    ("--debug", Flag),
    ("--no-verify-ssl", Flag),
    ("--no-paginate", Flag),
    ("--no-cli-pager", Flag),
    ("--cli-auto-prompt", Flag),
    ("--no-cli-auto-prompt", Flag),
    ("--no-sign-request", Flag),
];

/// Options that do not matter to platform versions, accepted and ignored.
const IGNORED: &[(&str, Arity)] = &[
    ("--network-configuration", One),
    ("--load-balancers", One),
    ("--service-registries", One),
    ("--capacity-provider-strategy", One),
    ("--role", One),
    ("--deployment-configuration", One),
    ("--placement-constraints", One),
    ("--placement-strategy", One),
    ("--health-check-grace-period-seconds", One),
    ("--scheduling-strategy", One),
    ("--tags", One),
    ("--propagate-tags", One),
    ("--client-token", One),
    ("--service-connect-configuration", One),
    ("--volume-configurations", One),
    ("--vpc-lattice-configurations", One),
    ("--availability-zone-rebalancing", One),
    ("--overrides", One),
    ("--started-by", One),
    ("--group", One),
    ("--reference-id", One),
    ("--reason", One),
    ("--enable-ecs-managed-tags", Flag),
    ("--no-enable-ecs-managed-tags", Flag),
    ("--enable-execute-command", Flag),
    ("--no-enable-execute-command", Flag),
    ("--force", Flag),
    ("--no-force", Flag),
];

/// The options each sub-command reads.
fn read_options(subcommand: &str) -> &'static [(&'static str, Arity)] {
    match subcommand {
        "create-service" => &[
            ("--cluster", One),
            ("--service-name", One),
            ("--task-definition", One),
            ("--desired-count", One),
            ("--launch-type", One),
            ("--platform-version", One),
            ("--deployment-controller", One),
        ],
        "update-service" => &[
            ("--cluster", One),
            ("--service", One),
            ("--task-definition", One),
            ("--desired-count", One),
            ("--platform-version", One),
            ("--force-new-deployment", Flag),
            ("--no-force-new-deployment", Flag),
        ],
        "run-task" => &[
            ("--cluster", One),
            ("--task-definition", One),
            ("--count", One),
            ("--launch-type", One),
            ("--platform-version", One),
        ],
        "stop-task" => &[("--cluster", One), ("--task", One)],
        "describe-services" => &[
            ("--cluster", One),
            ("--services", List),
            ("--include", List),
        ],
        "describe-tasks" => &[("--cluster", One), ("--tasks", List), ("--include", List)],
        "delete-service" => &[("--cluster", One), ("--service", One)],
        _ => &[],
    }
}

const SUBCOMMANDS: [&str; 7] = [
    "create-service",
    "update-service",
    "run-task",
    "stop-task",
    "delete-service",
    "describe-services",
    "describe-tasks",
];

struct Given {
    name: &'static str,
    /// The values with their columns; empty for a flag.
    values: Vec<(String, u32)>,
    /// Where the option's value is, or the option itself for a flag.
    value_column: u32,
}

impl Given {
    fn value(&self) -> Option<String> {
        self.values.first().map(|(v, _)| v.clone())
    }
}

/// What a console line asks for: an event to apply, with what the playground assumed where AWS
/// needs an option the line leaves out; or a look at the current state.
#[derive(Clone, Debug, PartialEq)]
pub enum ConsoleCommand {
    Event(Action, Vec<Assumption>),
    Query(Query),
}

impl ConsoleCommand {
    /// `{kind: "event", event, assumptions}` or `{kind: "describe-…", cluster, names}`.
    pub fn to_json(&self) -> crate::json::Json {
        use crate::json::Json;
        let query = |kind: &str, cluster: &str, names: &[String]| {
            Json::object([
                ("kind", Json::from(kind)),
                ("cluster", Json::from(cluster)),
                ("names", Json::strings(names)),
            ])
        };
        match self {
            ConsoleCommand::Event(action, assumed) => {
                let assumed: Vec<String> = assumed.iter().map(ToString::to_string).collect();
                Json::object([
                    ("kind", Json::from("event")),
                    ("event", action.to_json()),
                    ("assumptions", Json::strings(&assumed)),
                ])
            }
            ConsoleCommand::Query(Query::Services { cluster, names }) => {
                query("describe-services", cluster, names)
            }
            ConsoleCommand::Query(Query::Tasks { cluster, names }) => {
                query("describe-tasks", cluster, names)
            }
        }
    }
}

/// An option AWS needs (or defaults differently) that the line leaves out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Assumption {
    LaunchType,
    TaskDefinition,
}

impl fmt::Display for Assumption {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Assumption::LaunchType => "No --launch-type: the playground assumes FARGATE. AWS would use the cluster's default capacity provider strategy, or the EC2 launch type, where platform versions do not apply.",
            Assumption::TaskDefinition => "No --task-definition: the playground assumes one named like the service. AWS requires a task definition for a service with the ECS or CODE_DEPLOY controller.",
        })
    }
}

/// `describe-services` or `describe-tasks` in an ECS cluster, with the names asked for.
#[derive(Clone, Debug, PartialEq)]
pub enum Query {
    Services { cluster: String, names: Vec<String> },
    Tasks { cluster: String, names: Vec<String> },
}

/// Parses one `aws ecs` command into the event it means (without `at`).
pub fn parse_command(input: &str) -> Result<Action, CommandError> {
    match parse(input)? {
        (ConsoleCommand::Event(action, _), _) => Ok(action),
        (_, (subcommand, column)) => Err(CommandError {
            column,
            kind: CommandErrorKind::NotAnEvent { subcommand },
        }),
    }
}

/// Parses one console line: an event, or `describe-services` / `describe-tasks`.
pub fn parse_console(input: &str) -> Result<ConsoleCommand, CommandError> {
    parse(input).map(|(command, _)| command)
}

/// Parses a line that must read the state (`describe-services` or `describe-tasks`).
pub fn parse_query(input: &str) -> Result<Query, CommandError> {
    match parse(input)? {
        (ConsoleCommand::Event(..), (subcommand, column)) => Err(CommandError {
            column,
            kind: CommandErrorKind::NotAQuery { subcommand },
        }),
        (ConsoleCommand::Query(query), _) => Ok(query),
    }
}

/// The command and its sub-command with that word's column.
fn parse(input: &str) -> Result<(ConsoleCommand, (&'static str, u32)), CommandError> {
    let words = words(input)?;
    let mut rest = words.iter().peekable();
    let mut given: Vec<Given> = Vec::new();
    let mut subcommand: Option<(&'static str, u32)> = None;
    let mut saw_ecs = false;
    let mut capacity_providers = false;
    if rest.peek().is_some_and(|w| w.text == "aws") {
        rest.next();
    }
    while let Some(word) = rest.next() {
        if word.starts_line {
            return Err(CommandError {
                column: word.column,
                kind: CommandErrorKind::MissingBackslash {
                    word: word.text.clone(),
                },
            });
        }
        if let Some(option) = word.text.strip_prefix("--").map(|_| word.text.as_str()) {
            let (name, inline) = match option.split_once('=') {
                Some((name, value)) => (name, Some(value.to_string())),
                None => (option, None),
            };
            let own = subcommand.map_or(&[][..], |(s, _)| read_options(s));
            let Some(&(known, takes_value)) = own
                .iter()
                .chain(GLOBAL)
                .chain(subcommand.map_or(&[][..], |_| IGNORED))
                .find(|(n, _)| *n == name)
            else {
                return Err(CommandError {
                    column: word.column,
                    kind: CommandErrorKind::UnknownOption {
                        option: name.to_string(),
                        subcommand: subcommand.map_or("", |(s, _)| s),
                    },
                });
            };
            let mut values = Vec::new();
            let has_inline = inline.is_some();
            if let Some(v) = inline.filter(|v| takes_value != Flag && !v.is_empty()) {
                values.push((v, word.column + name.chars().count() as u32 + 1));
            }
            // `--count=` has an empty value: missing, not the next word.
            while !has_inline && (takes_value == List || (takes_value == One && values.is_empty()))
            {
                match rest.next_if(|w| !w.starts_line && !w.text.starts_with("--")) {
                    Some(w) => values.push((w.text.clone(), w.column)),
                    None => break,
                }
            }
            if takes_value != Flag && values.is_empty() {
                return Err(CommandError {
                    column: word.column,
                    kind: CommandErrorKind::MissingValue {
                        option: name.to_string(),
                    },
                });
            }
            let value_column = values.first().map_or(word.column, |(_, c)| *c);
            // A capacity provider strategy stands in for a launch type (FARGATE or not).
            capacity_providers |= known == "--capacity-provider-strategy";
            if own.iter().any(|(n, _)| *n == known) {
                if given.iter().any(|g| g.name == known) {
                    return Err(CommandError {
                        column: word.column,
                        kind: CommandErrorKind::RepeatedOption {
                            option: known.to_string(),
                        },
                    });
                }
                given.push(Given {
                    name: known,
                    values,
                    value_column,
                });
            }
            continue;
        }
        match (saw_ecs, subcommand) {
            (false, _) if word.text == "ecs" => saw_ecs = true,
            (false, _) => {
                return Err(CommandError {
                    column: word.column,
                    kind: CommandErrorKind::NotEcs {
                        found: word.text.clone(),
                    },
                })
            }
            (true, None) => match SUBCOMMANDS.iter().find(|s| **s == word.text) {
                Some(s) => subcommand = Some((s, word.column)),
                None => {
                    return Err(CommandError {
                        column: word.column,
                        kind: CommandErrorKind::UnknownSubcommand {
                            found: word.text.clone(),
                        },
                    })
                }
            },
            (true, Some(_)) => {
                return Err(CommandError {
                    column: word.column,
                    kind: CommandErrorKind::UnexpectedWord {
                        word: word.text.clone(),
                    },
                })
            }
        }
    }
    let Some((subcommand, sub_column)) = subcommand else {
        let column = words.last().map_or(1, |w| w.column);
        return Err(CommandError {
            column,
            kind: if words.is_empty() {
                CommandErrorKind::Empty
            } else {
                CommandErrorKind::UnknownSubcommand {
                    found: String::new(),
                }
            },
        });
    };
    let get = |name: &str| given.iter().find(|g| g.name == name);
    let text = |name: &str| get(name).and_then(Given::value);
    let cluster = || {
        text("--cluster")
            .map(|c| last_segment(&c))
            .unwrap_or_else(|| crate::fleet::DEFAULT_CLUSTER.to_string())
    };
    let mut assumed = Vec::new();
    let required = |name: &'static str| {
        text(name).ok_or(CommandError {
            column: sub_column,
            kind: CommandErrorKind::MissingOption {
                option: name,
                subcommand,
            },
        })
    };
    let number = |name: &'static str| -> Result<Option<Count>, CommandError> {
        let Some(g) = get(name) else { return Ok(None) };
        let value = g.value().unwrap_or_default();
        // Digits (any length, leading zeros too) or a JSON number with a whole value (`1e+30`,
        // as awsCommand prints very large counts); the simulator judges the range.
        let digits = value.strip_prefix('-').unwrap_or(&value);
        let whole = if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
            Some(crate::json::decimal(&value)).filter(|n| n.is_finite())
        } else {
            match crate::json::parse(&value) {
                Ok(crate::json::Json::Number(n)) if n.is_finite() && n.fract() == 0.0 => Some(n),
                _ => None,
            }
        };
        match whole {
            Some(n) => Ok(Some(Count(n))),
            _ => Err(CommandError {
                column: g.value_column,
                kind: CommandErrorKind::BadValue {
                    option: name,
                    value,
                    expected: "use a whole number",
                },
            }),
        }
    };
    if let Some(g) = get("--launch-type") {
        if g.value().as_deref() != Some("FARGATE") {
            return Err(CommandError {
                column: g.value_column,
                kind: CommandErrorKind::BadValue {
                    option: "--launch-type",
                    value: g.value().unwrap_or_default(),
                    expected: "platform versions exist only on Fargate, so use --launch-type FARGATE (or leave it out)",
                },
            });
        }
    }
    let list = |name: &'static str| -> Result<Vec<String>, CommandError> {
        let g = get(name).ok_or(CommandError {
            column: sub_column,
            kind: CommandErrorKind::MissingOption {
                option: name,
                subcommand,
            },
        })?;
        Ok(g.values
            .iter()
            .flat_map(|(v, _)| v.split(','))
            .filter(|v| !v.is_empty())
            .map(last_segment)
            .collect())
    };
    let event = match subcommand {
        "describe-services" => {
            return Ok((
                ConsoleCommand::Query(Query::Services {
                    cluster: cluster(),
                    names: list("--services")?,
                }),
                (subcommand, sub_column),
            ))
        }
        "describe-tasks" => {
            return Ok((
                ConsoleCommand::Query(Query::Tasks {
                    cluster: cluster(),
                    names: list("--tasks")?,
                }),
                (subcommand, sub_column),
            ))
        }
        "create-service" => {
            if get("--task-definition").is_none() {
                assumed.push(Assumption::TaskDefinition);
            }
            Action::CreateService {
                cluster: cluster(),
                service: last_segment(&required("--service-name")?),
                task_definition: text("--task-definition").map(|t| last_segment(&t)),
                platform_version: text("--platform-version").unwrap_or_else(|| LATEST.to_string()),
                family: Family::Linux,
                desired_count: number("--desired-count")?.unwrap_or(Count(1.0)),
                requires: Vec::new(),
                controller: controller(get("--deployment-controller"))?,
            }
        }
        "update-service" => Action::UpdateService {
            cluster: cluster(),
            service: last_segment(&required("--service")?),
            // A new task definition means a new deployment, and the event keeps which one.
            task_definition: text("--task-definition").map(|t| last_segment(&t)),
            platform_version: text("--platform-version"),
            force_new_deployment: get("--force-new-deployment").is_some()
                || get("--task-definition").is_some(),
            desired_count: number("--desired-count")?,
            requires: None,
        },
        "run-task" => {
            let definition = last_segment(&required("--task-definition")?);
            Action::RunTask {
                cluster: cluster(),
                task: task_family(&definition),
                task_definition: Some(definition),
                platform_version: text("--platform-version").unwrap_or_else(|| LATEST.to_string()),
                family: Family::Linux,
                count: number("--count")?.unwrap_or(Count(1.0)),
                requires: Vec::new(),
            }
        }
        "stop-task" => Action::StopTask {
            cluster: cluster(),
            task: last_segment(&required("--task")?),
        },
        "delete-service" => Action::DeleteService {
            cluster: cluster(),
            service: last_segment(&required("--service")?),
        },
        _ => unreachable!("SUBCOMMANDS lists the sub-commands matched here"),
    };
    if matches!(subcommand, "create-service" | "run-task")
        && get("--launch-type").is_none()
        && !capacity_providers
    {
        assumed.push(Assumption::LaunchType);
    }
    assumed.sort_by_key(|a| *a as u8);
    Ok((
        ConsoleCommand::Event(event, assumed),
        (subcommand, sub_column),
    ))
}

/// `--deployment-controller type=CODE_DEPLOY` (shorthand) or `{"type": "CODE_DEPLOY"}` (JSON).
fn controller(given: Option<&Given>) -> Result<Controller, CommandError> {
    let Some(g) = given else {
        return Ok(Controller::Ecs);
    };
    let value = g.value().unwrap_or_default();
    let compact: String = value
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '"' && *c != '{' && *c != '}')
        .collect();
    match compact.as_str() {
        "type=ECS" | "type:ECS" => Ok(Controller::Ecs),
        "type=CODE_DEPLOY" | "type:CODE_DEPLOY" => Ok(Controller::CodeDeploy),
        _ => Err(CommandError {
            column: g.value_column,
            kind: CommandErrorKind::BadValue {
                option: "--deployment-controller",
                value,
                expected: "use type=ECS or type=CODE_DEPLOY (EXTERNAL is not simulated)",
            },
        }),
    }
}

/// ARNs name resources by their last `/` segment.
fn last_segment(value: &str) -> String {
    value.rsplit('/').next().unwrap_or(value).to_string()
}

/// `web:3` or `arn:…:task-definition/web:3` → `web`.
fn task_family(value: &str) -> String {
    let name = last_segment(value);
    name.split(':').next().unwrap_or(&name).to_string()
}
