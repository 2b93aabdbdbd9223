//! The `aws ecs …` console: a command line as copied from AWS's docs (backslash continuations,
//! quotes, `--key value` and `--key=value`) turned into the scenario event it means.

use crate::fleet::{Controller, Count};
use crate::scenario::Action;
use crate::version::{Family, LATEST};
use std::fmt;

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

#[derive(Debug)]
struct Word {
    text: String,
    column: u32,
    /// First word of a line that the previous line did not continue with a backslash.
    starts_line: bool,
}

/// Splits like a POSIX shell does for these commands: whitespace, quotes, backslash escapes and
/// backslash-newline continuations.
fn words(input: &str) -> Result<Vec<Word>, CommandError> {
    let chars: Vec<char> = input.chars().collect();
    // The length of a backslash-newline continuation at `i` (`\` then LF or CR LF), or 0.
    let continuation = |i: usize| match (chars.get(i), chars.get(i + 1), chars.get(i + 2)) {
        (Some('\\'), Some('\n'), _) => 2,
        (Some('\\'), Some('\r'), Some('\n')) => 3,
        _ => 0,
    };
    let mut words = Vec::new();
    let mut i = 0;
    let mut new_line = false;
    while i < chars.len() {
        let c = chars[i];
        if c == '\n' {
            new_line = true;
            i += 1;
            continue;
        }
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        if continuation(i) > 0 {
            i += continuation(i);
            continue;
        }
        let column = i as u32 + 1;
        let mut text = String::new();
        // A word has at least this character, so every pass moves on.
        while i < chars.len() && !chars[i].is_whitespace() && continuation(i) == 0 {
            match chars[i] {
                '\\' => {
                    if let Some(next) = chars.get(i + 1) {
                        text.push(*next);
                    }
                    i += 2;
                }
                quote @ ('\'' | '"') => {
                    let open = i;
                    i += 1;
                    loop {
                        match chars.get(i) {
                            None => {
                                return Err(CommandError {
                                    column: open as u32 + 1,
                                    kind: CommandErrorKind::UnclosedQuote,
                                })
                            }
                            Some(c) if *c == quote => break,
                            Some('\\')
                                if quote == '"'
                                    && matches!(chars.get(i + 1), Some('"' | '\\' | '$' | '`')) =>
                            {
                                text.push(chars[i + 1]);
                                i += 2;
                            }
                            Some(c) => {
                                text.push(*c);
                                i += 1;
                            }
                        }
                    }
                    i += 1;
                }
                c => {
                    text.push(c);
                    i += 1;
                }
            }
        }
        words.push(Word {
            text,
            column,
            starts_line: new_line && !words.is_empty(),
        });
        new_line = false;
    }
    Ok(words)
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

/// The `aws` command a customer event stands for, as the explanation panel shows it; `None` for
/// events no ECS command causes (AWS-side events, recycling by AWS maintenance, EKS pods).
/// Capabilities (`requires`) come from task definitions, so they have no option here.
pub fn to_command(action: &Action) -> Option<String> {
    let quote = |text: &str| {
        if !text.is_empty()
            && text
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"-_.:/=".contains(&b))
        {
            text.to_string()
        } else {
            format!("'{}'", text.replace('\'', "'\\''"))
        }
    };
    // ` --name value`, or ` --name=value` for a value that would read as an option.
    let arg = |name: &str, value: &str| {
        let separator = if value.starts_with("--") { '=' } else { ' ' };
        format!(" {name}{separator}{}", quote(value))
    };
    let count = |c: &Count| crate::json::number_text(c.0);
    // `--cluster` only for another cluster than the default one, as a customer would type it.
    let in_cluster = |cluster: &str| {
        crate::fleet::named_cluster(cluster).map_or(String::new(), |c| arg("--cluster", c))
    };
    let mut line = String::from("aws ecs ");
    match action {
        Action::CreateService {
            cluster,
            service,
            task_definition,
            platform_version,
            desired_count,
            controller,
            ..
        } => {
            line.push_str("create-service");
            line.push_str(&in_cluster(cluster));
            line.push_str(&arg("--service-name", service));
            // Without one, the playground assumes a task definition named like the service.
            line.push_str(&arg(
                "--task-definition",
                task_definition.as_deref().unwrap_or(service),
            ));
            line.push_str(&arg("--desired-count", &count(desired_count)));
            line.push_str(" --launch-type FARGATE");
            line.push_str(&arg("--platform-version", platform_version));
            if *controller == Controller::CodeDeploy {
                line.push_str(" --deployment-controller type=CODE_DEPLOY");
            }
        }
        Action::UpdateService {
            cluster,
            service,
            task_definition,
            platform_version,
            force_new_deployment,
            desired_count,
            ..
        } => {
            line.push_str("update-service");
            line.push_str(&in_cluster(cluster));
            line.push_str(&arg("--service", service));
            if let Some(t) = task_definition {
                line.push_str(&arg("--task-definition", t));
            }
            if let Some(p) = platform_version {
                line.push_str(&arg("--platform-version", p));
            }
            if *force_new_deployment {
                line.push_str(" --force-new-deployment");
            }
            if let Some(c) = desired_count {
                line.push_str(&arg("--desired-count", &count(c)));
            }
        }
        Action::ScaleService {
            cluster,
            service,
            desired_count,
        } => {
            line.push_str("update-service");
            line.push_str(&in_cluster(cluster));
            line.push_str(&arg("--service", service));
            line.push_str(&arg("--desired-count", &count(desired_count)));
        }
        Action::DeleteService { cluster, service } => {
            line.push_str("delete-service");
            line.push_str(&in_cluster(cluster));
            line.push_str(&arg("--service", service));
            line.push_str(" --force");
        }
        Action::RunTask {
            cluster,
            task,
            task_definition,
            platform_version,
            count: n,
            ..
        } => {
            line.push_str("run-task");
            line.push_str(&in_cluster(cluster));
            line.push_str(&arg(
                "--task-definition",
                task_definition.as_deref().unwrap_or(task),
            ));
            line.push_str(&arg("--count", &count(n)));
            line.push_str(" --launch-type FARGATE");
            line.push_str(&arg("--platform-version", platform_version));
        }
        Action::StopTask { cluster, task } => {
            line.push_str("stop-task");
            line.push_str(&in_cluster(cluster));
            line.push_str(&arg("--task", task));
        }
        // AWS's own moves, its maintenance, EKS pods and CodeDeploy have no `aws ecs` command.
        Action::ReleaseVersion { .. }
        | Action::PublishRevision { .. }
        | Action::MoveLatest { .. }
        | Action::SetVersionState { .. }
        | Action::ForceUpdate { .. }
        | Action::RetireRevision { .. }
        | Action::CreateEksCluster { .. }
        | Action::UpdateEksPlatform { .. }
        | Action::RecycleService { .. }
        | Action::RunPod { .. }
        // `aws deploy create-deployment` names a CodeDeploy application and deployment group,
        // not the ECS service, so no command stands for this event unambiguously.
        | Action::CodeDeployDeployment { .. }
        | Action::ImportFleet(_) => return None,
    }
    Some(line)
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

#[cfg(test)]
mod tests {
    use super::*;

    fn event(line: &str) -> serde_json::Value {
        let action = parse_command(line).unwrap_or_else(|e| panic!("{line}: {e}"));
        serde_json::from_str(&action.to_json().text()).unwrap()
    }

    /// The error's message and the text at its column (from there to the next space).
    fn error(line: &str) -> (String, String) {
        let e = parse_command(line).unwrap_err();
        let chars: Vec<char> = line.chars().collect();
        let at: String = chars[e.column as usize - 1..]
            .iter()
            .take_while(|c| !c.is_whitespace())
            .collect();
        (at, e.to_string())
    }

    #[test]
    fn create_service_defaults_to_latest_and_ignores_unrelated_options() {
        let v = event("aws ecs create-service --cluster prod --service-name web --task-definition web:3 --desired-count 2 --launch-type FARGATE --network-configuration \"awsvpcConfiguration={subnets=[subnet-1],assignPublicIp=ENABLED}\" --region eu-west-1");
        assert_eq!(v["do"], "create-service");
        assert_eq!(v["service"], "web");
        assert_eq!(v["platformVersion"], "LATEST");
        assert_eq!(v["desiredCount"], 2);
        assert_eq!(v["deploymentController"], "ECS");
    }

    #[test]
    fn continuations_quotes_and_equals_forms() {
        let v = event("aws ecs create-service \\\n  --service-name='my-svc' \\\n  --platform-version \"1.4.0\" \\\r\n  --deployment-controller type=CODE_DEPLOY");
        assert_eq!(
            (v["service"].as_str(), v["platformVersion"].as_str()),
            (Some("my-svc"), Some("1.4.0"))
        );
        assert_eq!(v["deploymentController"], "CODE_DEPLOY");
    }

    #[test]
    fn update_service_maps_deployment_triggers() {
        let v = event("aws ecs update-service --cluster c --service arn:aws:ecs:us-east-1:1:service/c/web --force-new-deployment");
        assert_eq!(
            (v["service"].as_str(), v["forceNewDeployment"].as_bool()),
            (Some("web"), Some(true))
        );
        assert!(v.get("platformVersion").is_none(), "absent means unchanged");
        let v = event("aws ecs update-service --service web --task-definition web:4");
        assert_eq!(v["forceNewDeployment"], true);
        let v = event("aws ecs update-service --service web --desired-count 5");
        assert_eq!(
            (
                v["forceNewDeployment"].as_bool(),
                v["desiredCount"].as_i64()
            ),
            (Some(false), Some(5))
        );
    }

    #[test]
    fn run_stop_delete() {
        let v = event("aws ecs run-task --task-definition arn:aws:ecs:us-east-1:1:task-definition/batch:7 --count 3 --platform-version 1.3.0");
        assert_eq!(
            (
                v["task"].as_str(),
                v["count"].as_i64(),
                v["platformVersion"].as_str()
            ),
            (Some("batch"), Some(3), Some("1.3.0"))
        );
        assert_eq!(
            event("aws ecs stop-task --cluster c --task arn:aws:ecs:r:1:task/c/web-3")["task"],
            "web-3"
        );
        assert_eq!(
            event("aws ecs delete-service --service web --force")["do"],
            "delete-service"
        );
    }

    #[test]
    fn errors_point_at_the_offending_word() {
        let cases = [
            ("aws ecs create-service --service-name web --launch-type EC2", "EC2",
             "--launch-type \"EC2\" is not valid: platform versions exist only on Fargate, so use --launch-type FARGATE (or leave it out)."),
            ("aws ecs create-service --service-nmae web", "--service-nmae",
             "Unknown option --service-nmae for aws ecs create-service; check its spelling."),
            ("aws ecs update-service --service", "--service", "--service needs a value after it."),
            // Found by the fuzzer: the column of an empty `=` value lay past the end of the line.
            ("aws ecs run-task --task-definition web --count=", "--count=", "--count needs a value after it."),
            ("aws ecs run-task --count 2", "run-task", "aws ecs run-task needs --task-definition."),
            ("aws ecs create-service --service-name web --desired-count two", "two",
             "--desired-count \"two\" is not valid: use a whole number."),
            ("aws ecs create-service --service-name web --desired-count=1.5", "1.5",
             "--desired-count \"1.5\" is not valid: use a whole number."),
            ("aws ecs describe-services --services web", "describe-services",
             "aws ecs describe-services only reads the state, so it is not an event; use create-service, update-service, run-task, stop-task or delete-service."),
            ("aws ecs list-clusters", "list-clusters",
             "aws ecs list-clusters is not simulated here; use create-service, update-service, run-task, stop-task, delete-service, describe-services or describe-tasks."),
            ("aws s3 ls", "s3", "Only aws ecs commands run here; \"s3\" is not ecs."),
            ("aws ecs create-service --service-name 'web", "'web", "This quote is never closed; add the closing quote."),
            ("aws ecs create-service --service-name web extra", "extra",
             "Unexpected \"extra\": every value follows an option such as --service."),
            ("aws ecs run-task --task-definition a --count 1 --count 2", "--count", "--count is given twice; keep one."),
            ("", "", "Type an aws ecs command, for example: aws ecs create-service --service-name web --desired-count 2"),
        ];
        for (line, at, message) in cases {
            assert_eq!(error(line), (at.to_string(), message.to_string()), "{line}");
        }
    }

    #[test]
    fn a_missing_backslash_is_named_helpfully() {
        // As in the blog post: the second line lacks its trailing backslash.
        let line =
            "aws ecs update-service --cluster c \\\n  --service web\n  --force-new-deployment";
        assert_eq!(
            error(line),
            (
                "--force-new-deployment".to_string(),
                "--force-new-deployment starts a new line, but the line before does not end with a backslash (\\), so the shell would run it as a separate command; add the backslash.".to_string()
            )
        );
    }

    #[test]
    fn columns_count_characters_not_bytes() {
        let e = parse_command("aws ecs create-service --service-name é --bogus").unwrap_err();
        assert_eq!(e.column, 41);
    }

    #[test]
    fn printed_commands_parse_back_to_the_same_event() {
        for builtin in crate::builtin::BUILTINS {
            let document = crate::scenario::read(builtin.json).unwrap();
            for event in document.events {
                let Some(line) = to_command(&event.action) else {
                    continue;
                };
                let parsed = parse_command(&line).unwrap_or_else(|e| panic!("{line}: {e}"));
                let expected = match &event.action {
                    // A scale is an update-service with only a desired count.
                    Action::ScaleService {
                        cluster,
                        service,
                        desired_count,
                    } => Action::UpdateService {
                        cluster: cluster.clone(),
                        service: service.clone(),
                        task_definition: None,
                        platform_version: None,
                        force_new_deployment: false,
                        desired_count: Some(*desired_count),
                        requires: None,
                    },
                    // Capabilities live in task definitions: not in the command. Without a task
                    // definition, the one named like the service (or task) is printed.
                    Action::CreateService {
                        cluster,
                        service,
                        task_definition,
                        platform_version,
                        family,
                        desired_count,
                        controller,
                        ..
                    } => Action::CreateService {
                        cluster: cluster.clone(),
                        service: service.clone(),
                        task_definition: task_definition.clone().or(Some(service.clone())),
                        platform_version: platform_version.clone(),
                        family: *family,
                        desired_count: *desired_count,
                        requires: Vec::new(),
                        controller: *controller,
                    },
                    Action::RunTask {
                        cluster,
                        task,
                        task_definition,
                        platform_version,
                        family,
                        count,
                        ..
                    } => Action::RunTask {
                        cluster: cluster.clone(),
                        task: task.clone(),
                        task_definition: task_definition.clone().or(Some(task.clone())),
                        platform_version: platform_version.clone(),
                        family: *family,
                        count: *count,
                        requires: Vec::new(),
                    },
                    other => other.clone(),
                };
                assert_eq!(parsed, expected, "{line}");
            }
        }
    }

    #[test]
    fn printed_commands_quote_what_the_shell_would_split() {
        let action = Action::StopTask {
            cluster: "default".into(),
            task: "it's here".into(),
        };
        assert_eq!(
            to_command(&action).unwrap(),
            "aws ecs stop-task --task 'it'\\''s here'"
        );
        assert_eq!(
            parse_command(&to_command(&action).unwrap()).unwrap(),
            action
        );
        assert_eq!(
            to_command(&Action::RecycleService {
                cluster: "default".into(),
                service: "web".into()
            }),
            None
        );
    }

    #[test]
    fn describe_commands_take_lists_of_names_and_arns() {
        assert_eq!(
            parse_console("aws ecs describe-services --cluster c --services web arn:aws:ecs:r:1:service/c/api --region x").unwrap(),
            ConsoleCommand::Query(Query::Services {
                cluster: "c".into(),
                names: vec!["web".into(), "api".into()]
            })
        );
        assert_eq!(
            parse_console("aws ecs describe-tasks --tasks=web-1,web-2").unwrap(),
            ConsoleCommand::Query(Query::Tasks {
                cluster: "default".into(),
                names: vec!["web-1".into(), "web-2".into()]
            })
        );
        let e = parse_query("aws ecs run-task --task-definition web").unwrap_err();
        assert_eq!((e.column, e.to_string()), (9, "aws ecs run-task changes the fleet; only describe-services and describe-tasks read it.".to_string()));
        let e = parse_console("aws ecs describe-tasks --cluster c").unwrap_err();
        assert_eq!(
            (e.column, e.to_string()),
            (9, "aws ecs describe-tasks needs --tasks.".to_string())
        );
        assert_eq!(
            parse_console("aws ecs stop-task --task web-1").unwrap(),
            ConsoleCommand::Event(
                Action::StopTask {
                    cluster: "default".into(),
                    task: "web-1".into()
                },
                vec![]
            )
        );
    }

    #[test]
    fn the_cluster_and_the_task_definition_are_kept_and_what_aws_needs_is_assumed_aloud() {
        let v = event("aws ecs create-service --cluster arn:aws:ecs:us-east-1:1:cluster/demo --service-name api --task-definition arn:aws:ecs:us-east-1:1:task-definition/api:7");
        assert_eq!(
            (
                v["cluster"].as_str(),
                v["service"].as_str(),
                v["taskDefinition"].as_str()
            ),
            (Some("demo"), Some("api"), Some("api:7"))
        );
        assert_eq!(
            event("aws ecs create-service --service-name api")["cluster"],
            serde_json::Value::Null,
            "default cluster: not echoed"
        );
        let ConsoleCommand::Event(_, assumed) =
            parse_console("aws ecs create-service --service-name api").unwrap()
        else {
            panic!("an event")
        };
        assert_eq!(
            assumed.iter().map(ToString::to_string).collect::<Vec<_>>(),
            [
                "No --launch-type: the playground assumes FARGATE. AWS would use the cluster's default capacity provider strategy, or the EC2 launch type, where platform versions do not apply.",
                "No --task-definition: the playground assumes one named like the service. AWS requires a task definition for a service with the ECS or CODE_DEPLOY controller.",
            ]
        );
        let ConsoleCommand::Event(_, assumed) = parse_console("aws ecs run-task --task-definition web:3 --capacity-provider-strategy capacityProvider=FARGATE_SPOT").unwrap() else {
            panic!("an event")
        };
        assert_eq!(
            assumed,
            [],
            "a capacity provider strategy stands in for the launch type"
        );
        let v =
            event("aws ecs update-service --cluster demo --service api --task-definition api:8");
        assert_eq!(
            (
                v["cluster"].as_str(),
                v["taskDefinition"].as_str(),
                v["forceNewDeployment"].as_bool()
            ),
            (Some("demo"), Some("api:8"), Some(true))
        );
        let v = event("aws ecs run-task --cluster demo --task-definition batch:2");
        assert_eq!(
            (v["task"].as_str(), v["taskDefinition"].as_str()),
            (Some("batch"), Some("batch:2"))
        );
        assert_eq!(
            to_command(&parse_command("aws ecs stop-task --cluster demo --task web-1").unwrap())
                .unwrap(),
            "aws ecs stop-task --cluster demo --task web-1"
        );
    }

    #[test]
    fn a_backslash_before_a_lone_carriage_return_is_an_escape_not_a_loop() {
        // Found by the fuzzer: this used to loop forever, pushing empty words.
        let line = "aws ecs run-task --task-definition web\\\r\r--count 2";
        let event = event(line);
        assert_eq!(
            (event["task"].as_str(), event["count"].as_i64()),
            (Some("web\r"), Some(2))
        );
        assert_eq!(words("a\\\rb").unwrap().len(), 1);
        assert_eq!(words("a \\\r\nb").unwrap().len(), 2);
    }
}
