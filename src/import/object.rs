//! One object of AWS CLI output and the typed, located reading of its fields.

use crate::date::Instant;
use crate::error::{quoted, ErrorKind, ScenarioError, MAX_RUNNING_TASKS};
use crate::fleet::{valid_name, DEFAULT_CLUSTER};
use crate::json::{self, pointer_push, Json};
use crate::version::{Family, Version, LATEST};

/// Every field this module reads, at any depth of AWS CLI output. The parser leaves the others
/// out (`json::parse_sequence_keeping`): most of a real file is load balancers, network settings
/// and service events, which the import never looks at.
const READ_FIELDS: [&str; 24] = [
    "capacityProvider",
    "capacityProviderName",
    "capacityProviderStrategy",
    "clusterArn",
    "createdAt",
    "deploymentController",
    "deployments",
    "desiredCount",
    "group",
    "lastStatus",
    "launchType",
    "platformFamily",
    "platformVersion",
    "runningCount",
    "service",
    "serviceName",
    "services",
    "startedAt",
    "status",
    "taskArn",
    "taskSets",
    "tasks",
    "type",
    "updatedAt",
];

/// Whether the import reads fields named `key` (what the parser keeps).
pub(super) fn is_read(key: &str) -> bool {
    READ_FIELDS.contains(&key)
}

/// One object of AWS output; fields are looked up by name, unknown ones are never looked at.
pub(super) struct Object<'a> {
    members: &'a [(String, Json)],
    path: &'a str,
    what: &'static str,
}

impl<'a> Object<'a> {
    pub(super) fn new(
        value: &'a Json,
        path: &'a str,
        what: &'static str,
    ) -> Result<Self, ScenarioError> {
        match value {
            Json::Object(members) => Ok(Object {
                members,
                path,
                what,
            }),
            other => Err(invalid(path, &format!("Each {what}"), "an object", other)),
        }
    }

    pub(super) fn get(&self, name: &str) -> Option<&'a Json> {
        debug_assert!(is_read(name), "{name} is read, so READ_FIELDS must keep it");
        self.members.iter().find(|(k, _)| k == name).map(|(_, v)| v)
    }

    pub(super) fn at(&self, name: &str) -> String {
        pointer_push(self.path, name)
    }

    pub(super) fn required(&self, name: &'static str) -> Result<&'a Json, ScenarioError> {
        self.get(name).ok_or_else(|| {
            ScenarioError::new(
                self.path,
                ErrorKind::MissingField {
                    field: name,
                    context: format!("a {} in AWS CLI output", self.what),
                },
            )
        })
    }

    pub(super) fn string(&self, name: &'static str) -> Result<Option<&'a str>, ScenarioError> {
        match self.get(name) {
            None => Ok(None),
            Some(Json::String(s)) => Ok(Some(s)),
            Some(other) => Err(invalid(&self.at(name), name, "a string", other)),
        }
    }

    pub(super) fn required_string(&self, name: &'static str) -> Result<&'a str, ScenarioError> {
        self.required(name)?;
        Ok(self.string(name)?.unwrap_or_default())
    }

    pub(super) fn count(&self, name: &'static str) -> Result<u32, ScenarioError> {
        let expected = "a whole number from 0 to 1000000";
        match self.required(name)? {
            Json::Number(n) if n.fract() == 0.0 && (0.0..=MAX_RUNNING_TASKS as f64).contains(n) => {
                Ok(*n as u32)
            }
            Json::Number(n) => Err(ScenarioError::new(
                self.at(name),
                ErrorKind::InvalidField {
                    what: name.into(),
                    expected: expected.into(),
                    found: json::number_text(*n),
                },
            )),
            other => Err(invalid(&self.at(name), name, expected, other)),
        }
    }

    /// A name AWS allows for services and tasks: `^[A-Za-z0-9_-]{1,255}$`.
    pub(super) fn name(&self, field: &'static str, text: &str) -> Result<String, ScenarioError> {
        if valid_name(text) {
            Ok(text.to_string())
        } else {
            Err(ScenarioError::new(
                self.at(field),
                ErrorKind::InvalidField {
                    what: field.into(),
                    expected:
                        "1 to 255 letters, digits, hyphens or underscores (AWS's rule for names)"
                            .into(),
                    found: quoted(text),
                },
            ))
        }
    }

    /// The ECS cluster of a service or task: its `clusterArn`'s name, or `default`.
    pub(super) fn cluster(&self) -> Result<String, ScenarioError> {
        Ok(self
            .arn_name("clusterArn")?
            .unwrap_or_else(|| DEFAULT_CLUSTER.to_string()))
    }

    /// An ARN or a bare name; the name is its last `/` segment.
    pub(super) fn arn_name(&self, field: &'static str) -> Result<Option<String>, ScenarioError> {
        self.string(field)?
            .map(|arn| self.name(field, arn.rsplit('/').next().unwrap_or(arn)))
            .transpose()
    }

    pub(super) fn family(&self) -> Result<Family, ScenarioError> {
        let Some(text) = self.string("platformFamily")? else {
            return Ok(Family::Linux);
        };
        let upper = text.to_ascii_uppercase();
        if upper == "LINUX" {
            Ok(Family::Linux)
        } else if upper.starts_with("WINDOWS") {
            Ok(Family::Windows)
        } else {
            Err(ScenarioError::new(
                self.at("platformFamily"),
                ErrorKind::InvalidField {
                    what: "platformFamily".into(),
                    expected: "\"Linux\" or a Windows family such as \"WINDOWS_SERVER_2019_CORE\""
                        .into(),
                    found: quoted(text),
                },
            ))
        }
    }

    /// The resolved version a deployment, task set or task shows; `owner` names it for the
    /// message when it says LATEST.
    pub(super) fn resolved_version(
        &self,
        owner: impl FnOnce() -> String,
    ) -> Result<Version, ScenarioError> {
        let text = self.required_string("platformVersion")?;
        if text == LATEST {
            return Err(ScenarioError::new(
                self.at("platformVersion"),
                ErrorKind::EchoedLatest { owner: owner() },
            ));
        }
        Version::parse(text).ok_or_else(|| {
            ScenarioError::new(
                self.at("platformVersion"),
                ErrorKind::InvalidField {
                    what: "platformVersion".into(),
                    expected: format!(
                        "the resolved version written MAJOR.MINOR.PATCH, like \"1.4.0\" (AWS shows it on every {})",
                        self.what
                    ),
                    found: quoted(text),
                },
            )
        })
    }

    pub(super) fn timestamp(&self, name: &'static str) -> Result<Option<Instant>, ScenarioError> {
        let expected =
            "an AWS CLI timestamp, like \"2021-03-19T10:31:21.345000-07:00\" or 1616174881.345";
        let parsed = match self.get(name) {
            None => return Ok(None),
            Some(Json::String(s)) => Instant::parse_aws(s).ok_or_else(|| quoted(s)),
            Some(Json::Number(n)) => {
                Instant::from_epoch_seconds(*n).ok_or_else(|| json::number_text(*n))
            }
            Some(other) => return Err(invalid(&self.at(name), name, expected, other)),
        };
        parsed.map(Some).map_err(|found| {
            ScenarioError::new(
                self.at(name),
                ErrorKind::InvalidField {
                    what: name.into(),
                    expected: expected.into(),
                    found,
                },
            )
        })
    }

    pub(super) fn array(&self, name: &'static str) -> Result<Option<&'a [Json]>, ScenarioError> {
        match self.get(name) {
            None => Ok(None),
            Some(Json::Array(items)) => Ok(Some(items)),
            Some(other) => Err(invalid(&self.at(name), name, "an array", other)),
        }
    }
}

pub(super) fn invalid(path: &str, what: &str, expected: &str, found: &Json) -> ScenarioError {
    ScenarioError::new(
        path,
        ErrorKind::InvalidField {
            what: what.to_string(),
            expected: expected.to_string(),
            found: found.type_name().to_string(),
        },
    )
}
