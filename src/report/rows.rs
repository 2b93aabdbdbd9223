//! One row per owner the retirement touches: what happens to it and the command that avoids it.

use super::{Effect, Plan, Report, Row};
use crate::catalog::VersionId;
use crate::fleet::{Controller, Service};
use crate::text::plural;
use crate::trace::{Change, World};
use crate::version::{Version, LATEST};
use std::collections::HashMap;

/// `aws ecs …` with `--cluster` and the name, the complete command a row's owner runs.
fn command(sub: &str, cluster: &str, flag: &str, name: &str, rest: &str) -> String {
    format!("aws ecs {sub} --cluster {cluster} {flag} {name}{rest}")
}

pub(super) fn classify(
    world: &World,
    after: &World,
    id: VersionId,
    plan: &Plan,
    changes: &[Change],
    warnings: Vec<String>,
) -> Report {
    let (version, date) = (plan.version, plan.at.date());
    let mut onto: HashMap<(Option<&str>, &str), Version> = HashMap::new();
    let mut standalone_lost: Vec<(Option<&str>, &str)> = Vec::new();
    let mut pods_lost: HashMap<&str, u32> = HashMap::new();
    for change in changes {
        match change {
            Change::DeploymentCreated {
                cluster,
                service,
                platform_version,
                ..
            } => {
                onto.insert((cluster.as_deref(), service), *platform_version);
            }
            Change::TaskStopped {
                cluster,
                service: None,
                task,
                ..
            } => standalone_lost.push((cluster.as_deref(), task)),
            Change::PodStopped { cluster, .. } => *pods_lost.entry(cluster).or_default() += 1,
            _ => {}
        }
    }
    let latest_after = after
        .catalog
        .latest(plan.family)
        .map(|l| after.catalog.get(l).version);
    let elsewhere = plan
        .pinned_to
        .or(latest_after)
        .map(|v| v.to_string())
        .unwrap_or_else(|| "a newer version".into());
    let ended = if plan.terminate {
        format!("terminated on {date}")
    } else {
        "kept running until they stop, but never replaced".to_string()
    };
    let mut rows = Vec::new();
    for service in world
        .fleet
        .services()
        .iter()
        .filter(|s| s.family == plan.family)
    {
        let Some(row) = service_row(service, id, plan, &onto, &elsewhere, &ended, &date) else {
            continue;
        };
        rows.push(row);
    }
    for (cluster, task) in standalone_lost {
        let cluster = cluster.unwrap_or(crate::fleet::DEFAULT_CLUSTER);
        rows.push(Row {
            kind: "task",
            name: task.to_string(),
            cluster: cluster.to_string(),
            requested: None,
            on_version: 1,
            effect: Effect::Stopped,
            onto: None,
            lost: 1,
            what_happens: format!(
                "A standalone task: never force-updated; terminated on {date} and not replaced."
            ),
            what_to_do: format!(
                "Before {date}, run it again on {elsewhere}: aws ecs run-task --cluster {cluster} --task-definition <its task definition> --launch-type FARGATE --platform-version {elsewhere}, then stop it: aws ecs stop-task --cluster {cluster} --task {task}"
            ),
        });
    }
    if !plan.terminate {
        // Nothing is terminated: standalone tasks keep running on the version.
        for task in world.fleet.tasks.iter().filter(|t| t.version == id) {
            rows.push(Row {
                kind: "task",
                name: task.id.clone(),
                cluster: task.cluster.clone(),
                requested: None,
                on_version: 1,
                effect: Effect::CannotScale,
                onto: None,
                lost: 0,
                what_happens: "A standalone task: never force-updated; it keeps running until it stops, and nothing new may start on the version.".to_string(),
                what_to_do: format!(
                    "Run its next run on {elsewhere}: aws ecs run-task --cluster {} --task-definition <its task definition> --launch-type FARGATE --platform-version {elsewhere}",
                    task.cluster
                ),
            });
        }
    }
    let mut clusters: Vec<(&str, u32)> = pods_lost.into_iter().collect();
    clusters.sort_unstable();
    for (cluster, count) in clusters {
        rows.push(Row {
            kind: "pods",
            name: cluster.to_string(),
            cluster: cluster.to_string(),
            requested: None,
            on_version: count,
            effect: Effect::Stopped,
            onto: None,
            lost: count,
            what_happens: format!(
                "{} on {version} {} terminated on {date}.",
                plural(count as usize, "EKS pod", "EKS pods"),
                if count == 1 { "is" } else { "are" }
            ),
            what_to_do: format!("Before {date}, update the cluster's platform so EKS runs its pods on {elsewhere}, and restart them (kubectl rollout restart)."),
        });
    }
    let count = |kind: &str, effect: Effect| {
        rows.iter()
            .filter(|r| r.kind == kind && r.effect == effect)
            .count()
    };
    let mut parts = Vec::new();
    for (n, one, many) in [
        (
            count("service", Effect::ForceUpdated),
            "service is force-updated onto another version",
            "services are force-updated onto another version",
        ),
        (
            count("service", Effect::Breaks),
            "pinned service breaks",
            "pinned services break",
        ),
        (
            count("service", Effect::CannotScale),
            "pinned service can no longer start tasks",
            "pinned services can no longer start tasks",
        ),
        (
            count("service", Effect::ForceUpdateFails),
            "service cannot be moved (a required capability)",
            "services cannot be moved (a required capability)",
        ),
        (
            count("service", Effect::TasksStopped),
            "service has tasks of an older deployment on it",
            "services have tasks of an older deployment on it",
        ),
        (
            count("task", Effect::Stopped),
            "standalone task is terminated",
            "standalone tasks are terminated",
        ),
        (
            count("task", Effect::CannotScale),
            "standalone task keeps running on it",
            "standalone tasks keep running on it",
        ),
        (
            count("pods", Effect::Stopped),
            "EKS cluster loses pods",
            "EKS clusters lose pods",
        ),
    ] {
        if n > 0 {
            parts.push(plural(n, one, many));
        }
    }
    let lost_total: u32 = rows.iter().map(|r| r.lost).sum();
    let summary = format!(
        "Retiring {version} ({}) on {date}: {}. {}",
        plan.family,
        if parts.is_empty() {
            "nothing in this fleet runs it".to_string()
        } else {
            parts.join("; ")
        },
        if plan.terminate {
            format!(
                "In all, {} terminated and not replaced.",
                are(lost_total, "task or pod", "tasks or pods")
            )
        } else {
            format!("Nothing is terminated: what runs on {version} keeps running until it stops, and nothing new may start on it.")
        },
    );
    let not_affected = world
        .fleet
        .services()
        .len()
        .saturating_sub(rows.iter().filter(|r| r.kind == "service").count());
    Report {
        version,
        family: plan.family,
        date,
        latest_to: plan.latest_to,
        pinned_to: plan.pinned_to,
        terminate: plan.terminate,
        summary,
        warnings,
        rows,
        not_affected,
    }
}

/// The row of one service, or `None` when the retirement does not touch it.
fn service_row(
    service: &Service,
    id: VersionId,
    plan: &Plan,
    onto: &HashMap<(Option<&str>, &str), Version>,
    elsewhere: &str,
    ended: &str,
    date: &str,
) -> Option<Row> {
    let version = plan.version;
    let cluster = service.cluster.as_str();
    let on_version = service.tasks.running(id);
    let primary_here = service.primary().version == id;
    let moved = onto
        .get(&(crate::fleet::named_cluster(cluster), service.name.as_str()))
        .copied();
    let pinned = service.requested != LATEST;
    let update = |rest: &str| command("update-service", cluster, "--service", &service.name, rest);
    let unknown = if service.requested_unknown {
        " Its requested version is unknown (it was only in describe-tasks); the playground takes it as pinned."
    } else {
        ""
    };
    let code_deploy = service.controller == Controller::CodeDeploy;
    let undocumented = if code_deploy {
        " Whether AWS force-updates CODE_DEPLOY services is not documented."
    } else {
        ""
    };
    let (effect, what_happens, what_to_do) = if let Some(to) = moved {
        let how = if pinned {
            format!("AWS force-updates it onto {to}, and from then on it asks for {to} (how AWS rewrites a pinned service's requested version is not documented)")
        } else {
            format!("AWS force-updates it: a new deployment re-resolves LATEST to {to}")
        };
        let to_do = if code_deploy {
            format!("Nothing required. To move on your own schedule, start a new CodeDeploy deployment on {to} before {date}.")
        } else if pinned {
            format!("Nothing required. To choose the version and the moment yourself: {} before {date}.", update(&format!(" --platform-version {to}")))
        } else {
            format!(
                "Nothing required. To move on your own schedule: {} before {date}.",
                update(" --force-new-deployment")
            )
        };
        (
            Effect::ForceUpdated,
            format!(
                "{how}, and replaces its {} on {version}.{undocumented}{unknown}",
                plural(on_version as usize, "task", "tasks")
            ),
            to_do,
        )
    } else if primary_here && (!pinned || plan.pinned_to.is_some()) {
        (
            Effect::ForceUpdateFails,
            format!(
                "The forced update cannot move it: the version it would move to does not support what it requires ({}). Its {} {ended}.",
                service.requires.join(", "),
                are(on_version, "task", "tasks"),
            ),
            format!("Remove the requirement, or pin a version that has it: {} before {date}.", update(" --platform-version <version>")),
        )
    } else if primary_here {
        let shown = if code_deploy {
            format!("a CODE_DEPLOY service showing {version}, which AWS does not force-update here")
        } else {
            format!("pinned to {}", service.requested)
        };
        let effect = if plan.terminate {
            Effect::Breaks
        } else {
            Effect::CannotScale
        };
        (
            effect,
            format!(
                "It is {shown}: after retirement no new deployment, scale-out or replacement can use {version}, and its {} {ended}.{unknown}",
                are(on_version, "task", "tasks"),
            ),
            if code_deploy {
                format!("Start a new CodeDeploy deployment on {elsewhere} before {date}.")
            } else {
                format!("Re-pin before {date}: {}.", update(&format!(" --platform-version {elsewhere}")))
            },
        )
    } else if on_version > 0 {
        (
            Effect::TasksStopped,
            format!(
                "{} of an older deployment still on {version} {ended}.",
                are(on_version, "task", "tasks")
            ),
            format!(
                "Let the running deployment finish, or redeploy before {date}: {}.",
                update(" --force-new-deployment")
            ),
        )
    } else {
        return None;
    };
    Some(Row {
        kind: "service",
        name: service.name.clone(),
        cluster: cluster.to_string(),
        requested: Some(if service.requested_unknown {
            "unknown".to_string()
        } else {
            service.requested.clone()
        }),
        on_version,
        effect,
        onto: moved,
        lost: if moved.is_some() || !plan.terminate {
            0
        } else {
            on_version
        },
        what_happens,
        what_to_do,
    })
}

/// "1 task is" / "3 tasks are".
fn are(n: u32, one: &str, many: &str) -> String {
    format!(
        "{} {}",
        plural(n as usize, one, many),
        if n == 1 { "is" } else { "are" }
    )
}
