//! The resolver: what AWS does with the version string of a customer action, and every reason it
//! refuses one (docs/format.md, "What customers do"; docs/aws-facts.md, rules 1, 7, 8, 9).

use crate::catalog::{Catalog, VersionId};
use crate::lifecycle::State;
use crate::version::{Family, Version, LATEST};
use std::fmt;

/// What a version string meant at one moment.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Resolved {
    pub version: VersionId,
    /// The newest revision at that moment: every new task gets it.
    pub revision: u32,
    pub via_latest: bool,
}

/// A customer action AWS refuses. The step records it; the state does not change.
#[derive(Clone, Debug, PartialEq)]
pub enum Rejection {
    /// Rule 1: not `LATEST`, not `MAJOR.MINOR.PATCH`, or not a version of the family.
    UnknownPlatform {
        requested: String,
        family: Family,
    },
    /// Rule 2: the family's `LATEST` does not point anywhere yet.
    LatestUnset {
        family: Family,
    },
    /// Rule 3: retired or recalled versions start nothing.
    CannotStart {
        version: Version,
        state: State,
    },
    /// Rule 4: the resolved version's newest revision lacks a required capability.
    Incompatible {
        version: Version,
        missing: Vec<String>,
    },
    ServiceNotFound {
        service: String,
    },
    ClusterNotFound {
        cluster: String,
    },
    InvalidName {
        what: &'static str,
        name: String,
    },
    DuplicateService {
        service: String,
    },
    DuplicateTask {
        id: String,
    },
    DuplicatePod {
        cluster: String,
        id: String,
    },
    TaskNotFound {
        task: String,
    },
    InvalidCount {
        what: &'static str,
        count: f64,
    },
    /// UpdateService cannot redeploy a CODE_DEPLOY service (aws-facts.md, rule 16).
    CodeDeployUpdate {
        service: String,
    },
    /// A CodeDeploy deployment of a service with the ECS controller.
    NotCodeDeploy {
        service: String,
    },
}

impl Rejection {
    /// AWS's exception name.
    pub fn code(&self) -> &'static str {
        match self {
            Rejection::UnknownPlatform { .. }
            | Rejection::LatestUnset { .. }
            | Rejection::CannotStart { .. } => "PlatformUnknownException",
            Rejection::Incompatible { .. } => "PlatformTaskDefinitionIncompatibilityException",
            Rejection::ServiceNotFound { .. } => "ServiceNotFoundException",
            Rejection::ClusterNotFound { .. } => "ResourceNotFoundException",
            Rejection::InvalidName { .. }
            | Rejection::DuplicateService { .. }
            | Rejection::DuplicateTask { .. }
            | Rejection::DuplicatePod { .. }
            | Rejection::TaskNotFound { .. }
            | Rejection::InvalidCount { .. }
            | Rejection::CodeDeployUpdate { .. }
            | Rejection::NotCodeDeploy { .. } => "InvalidParameterException",
        }
    }

    /// `"aws"` where the message is AWS's own documented or observed text (docs/aws-facts.md,
    /// "Errors: whose words"), else `"playground"`: the page must not present our words as AWS's.
    pub fn wording(&self) -> &'static str {
        match self {
            Rejection::UnknownPlatform { .. }
            | Rejection::LatestUnset { .. }
            | Rejection::Incompatible { .. } => "aws",
            _ => "playground",
        }
    }
}

/// The message: AWS's own text where `wording` says so, word for word; else ours.
impl fmt::Display for Rejection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            // With no LATEST yet, the platform asked for does not exist either.
            Rejection::UnknownPlatform { .. } | Rejection::LatestUnset { .. } => {
                f.write_str("The specified platform does not exist.")
            }
            Rejection::CannotStart { version, state } => write!(
                f,
                "Platform version {version} is {}: it cannot start new tasks or services.",
                state.as_str()
            ),
            Rejection::Incompatible { .. } => {
                f.write_str("One or more of the requested capabilities are not supported.")
            }
            Rejection::ServiceNotFound { .. } => f.write_str("Service not found."),
            Rejection::ClusterNotFound { .. } => f.write_str("Cluster not found."),
            Rejection::InvalidName { what, name } => write!(
                f,
                "Invalid {what} {}: use 1 to 255 letters, digits, hyphens or underscores.",
                crate::error::quoted(name)
            ),
            Rejection::DuplicateService { .. } => {
                f.write_str("Creation of service was not idempotent.")
            }
            Rejection::DuplicateTask { id } => write!(f, "A running task already has the id {id}."),
            Rejection::DuplicatePod { cluster, id } => {
                write!(
                    f,
                    "A running pod in cluster {cluster} already has the id {id}."
                )
            }
            Rejection::TaskNotFound { .. } => f.write_str("The referenced task was not found."),
            Rejection::CodeDeployUpdate { service } => write!(
                f,
                "{service} uses the CODE_DEPLOY deployment controller: update-service may change its desired count and a few settings, but a new platform version, task definition or deployment needs a new CodeDeploy deployment."
            ),
            Rejection::NotCodeDeploy { service } => write!(
                f,
                "{service} uses the ECS deployment controller; CodeDeploy deployments are for services with the CODE_DEPLOY controller (use update-service)."
            ),
            Rejection::InvalidCount { what, count } => write!(
                f,
                "{what} must be a whole number from 0 to 5000; got {}.",
                crate::json::number_text(*count)
            ),
        }
    }
}

/// Rules 1–4, in order: the first that fails rejects the action.
pub fn resolve(
    catalog: &Catalog,
    family: Family,
    requested: &str,
    requires: &[String],
) -> Result<Resolved, Rejection> {
    let unknown = || Rejection::UnknownPlatform {
        requested: requested.to_string(),
        family,
    };
    let (id, via_latest) = if requested == LATEST {
        (
            catalog
                .latest(family)
                .ok_or(Rejection::LatestUnset { family })?,
            true,
        )
    } else {
        let version = Version::parse(requested).ok_or_else(unknown)?;
        (catalog.find(family, version).ok_or_else(unknown)?, false)
    };
    let info = catalog.get(id);
    if !info.state.capabilities().starts_tasks {
        return Err(Rejection::CannotStart {
            version: info.version,
            state: info.state,
        });
    }
    let missing: Vec<String> = requires
        .iter()
        .filter(|r| !info.newest_features().contains(r))
        .cloned()
        .collect();
    if !missing.is_empty() {
        return Err(Rejection::Incompatible {
            version: info.version,
            missing,
        });
    }
    Ok(Resolved {
        version: id,
        revision: info.newest_revision(),
        via_latest,
    })
}

/// Rule 5's count check.
pub fn check_count(what: &'static str, count: crate::fleet::Count) -> Result<u32, Rejection> {
    count.valid().ok_or(Rejection::InvalidCount {
        what,
        count: count.0,
    })
}

/// Rule 5's name check.
pub fn check_name(what: &'static str, name: &str) -> Result<(), Rejection> {
    if crate::fleet::valid_name(name) {
        Ok(())
    } else {
        Err(Rejection::InvalidName {
            what,
            name: name.to_string(),
        })
    }
}
