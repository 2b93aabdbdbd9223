//! Reading one event object's fields, with errors located at their JSON Pointer.

use super::events::EVENTS;
use super::{ForceScope, COMMON, MAX_SOURCE, TOP_LEVEL};
use crate::date::Instant;
use crate::error::{ErrorKind, ScenarioError};
use crate::fleet::{Controller, Count};
use crate::json::{self, pointer_push, Json};
use crate::lifecycle::State;
use crate::version::{Family, Version};

/// The members of one event object being read, with where it is and what it is called.
pub(super) struct Reader<'a> {
    pub(super) path: &'a str,
    /// The event's name (`do`), which errors name it by.
    pub(super) event: &'static str,
    pub(super) members: &'a [(String, Json)],
}

impl<'a> Reader<'a> {
    pub(super) fn get(&self, name: &str) -> Option<&'a Json> {
        self.members.iter().find(|(k, _)| k == name).map(|(_, v)| v)
    }

    /// `source`: the public page an event's facts come from, an https URL a learner can follow.
    pub(super) fn source(&self) -> Result<Option<String>, ScenarioError> {
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
    pub(super) fn force_scope(&self) -> Result<ForceScope, ScenarioError> {
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
    pub(super) fn linux_only(&self) -> Result<(), ScenarioError> {
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

    pub(super) fn at(&self, name: &str) -> String {
        pointer_push(self.path, name)
    }

    pub(super) fn required(&self, name: &'static str) -> Result<&'a Json, ScenarioError> {
        self.get(name)
            .ok_or_else(|| missing(self.path, name, event_context(self.event)))
    }

    pub(super) fn instant(&self, value: &Json) -> Result<Instant, ScenarioError> {
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

    pub(super) fn required_string(&self, name: &'static str) -> Result<String, ScenarioError> {
        string(self.required(name)?, || self.at(name), name)
    }

    pub(super) fn optional_string(
        &self,
        name: &'static str,
    ) -> Result<Option<String>, ScenarioError> {
        self.get(name)
            .map(|v| string(v, || self.at(name), name))
            .transpose()
    }

    /// The ECS cluster of a customer event: `default` when absent, like the AWS CLI.
    pub(super) fn ecs_cluster(&self) -> Result<String, ScenarioError> {
        match self.get("cluster") {
            None => Ok(crate::fleet::DEFAULT_CLUSTER.to_string()),
            Some(_) => self.name("cluster"),
        }
    }

    /// AWS-side names (clusters) are the author's: a bad one is a scenario error.
    pub(super) fn name(&self, name: &'static str) -> Result<String, ScenarioError> {
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

    pub(super) fn optional_bool(&self, name: &'static str) -> Result<Option<bool>, ScenarioError> {
        match self.get(name) {
            None => Ok(None),
            Some(Json::Bool(b)) => Ok(Some(*b)),
            Some(other) => Err(invalid(&self.at(name), name, "true or false", other)),
        }
    }

    pub(super) fn optional_strings(
        &self,
        name: &'static str,
    ) -> Result<Option<Vec<String>>, ScenarioError> {
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

    pub(super) fn whole_number(&self, name: &'static str) -> Result<f64, ScenarioError> {
        let value = self.required(name)?;
        whole(value, || self.at(name), name)
    }

    pub(super) fn optional_count(
        &self,
        name: &'static str,
    ) -> Result<Option<Count>, ScenarioError> {
        self.get(name)
            .map(|v| whole(v, || self.at(name), name).map(Count))
            .transpose()
    }

    pub(super) fn version(&self, name: &'static str) -> Result<Version, ScenarioError> {
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

    pub(super) fn family(&self) -> Result<Family, ScenarioError> {
        self.enumerated(
            "family",
            "\"LINUX\" or \"WINDOWS\"",
            Family::parse,
            Family::Linux,
        )
    }

    pub(super) fn state(&self) -> Result<State, ScenarioError> {
        let value = self.required("state")?;
        enumerated(
            value,
            &self.at("state"),
            "state",
            "one of \"active\", \"deprecating\", \"retired\", \"recalled\"",
            State::parse,
        )
    }

    pub(super) fn controller(&self) -> Result<Controller, ScenarioError> {
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

    pub(super) fn enumerated<T>(
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

pub(super) fn enumerated<T>(
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

// `path` is asked for only when the value is wrong: a document's every field is read, and its
// pointer is needed only for an error.
pub(super) fn whole(
    value: &Json,
    path: impl FnOnce() -> String,
    name: &str,
) -> Result<f64, ScenarioError> {
    match value {
        Json::Number(n) if n.fract() == 0.0 && n.is_finite() => Ok(*n),
        other => Err(invalid(&path(), name, "a whole number", other)),
    }
}

pub(super) fn string(
    value: &Json,
    path: impl FnOnce() -> String,
    name: &str,
) -> Result<String, ScenarioError> {
    match value {
        Json::String(s) => Ok(s.clone()),
        other => Err(invalid(&path(), name, "a string", other)),
    }
}

pub(super) fn check_repeats(members: &[(String, Json)], path: &str) -> Result<(), ScenarioError> {
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
pub(super) fn describe(value: &Json) -> String {
    match value {
        Json::Number(n) if !n.is_finite() => "a number too large for a 64-bit float".to_string(),
        Json::Number(n) => json::number_text(*n),
        Json::String(s) if s.chars().count() <= 40 => format!("{s:?}"),
        Json::Bool(b) => b.to_string(),
        other => other.type_name().to_string(),
    }
}

pub(super) fn invalid(path: &str, what: &str, expected: &str, found: &Json) -> ScenarioError {
    ScenarioError::new(
        path,
        ErrorKind::InvalidField {
            what: what.into(),
            expected: expected.into(),
            found: describe(found),
        },
    )
}

/// What an error says the fields of an event belong to; written only for an error.
pub(super) fn event_context(event: &str) -> String {
    format!("a {event} event")
}

pub(super) fn missing(path: &str, field: &'static str, context: String) -> ScenarioError {
    ScenarioError::new(
        pointer_push(path, field),
        ErrorKind::MissingField { field, context },
    )
}

pub(super) fn unknown_field(
    key: &str,
    path: &str,
    context: &str,
    allowed: &[&str],
) -> ScenarioError {
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
pub(super) fn suggest(typo: &str, candidates: &[&str]) -> Option<&'static str> {
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
