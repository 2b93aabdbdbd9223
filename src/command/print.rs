//! Printing the `aws ecs …` command an event stands for.

use crate::fleet::{Controller, Count};
use crate::scenario::Action;

/// The `aws` command a customer event stands for, as the explanation panel shows it; `None` for
/// events no ECS command causes (AWS-side events, recycling by AWS maintenance, EKS pods).
/// Capabilities (`requires`) come from task definitions, so they have no option here.
/// The command for an event given as JSON text (the page's `awsCommand`): `None` for an event no
/// ECS command causes; a scenario error for text that is not a valid event.
pub fn command_for(event: &str) -> Result<Option<String>, crate::error::ScenarioError> {
    let value = crate::json::parse(event).map_err(|e| {
        crate::error::ScenarioError::new("", crate::error::ErrorKind::InvalidJson(e))
    })?;
    let event = crate::scenario::read_event(&value, "", Some(crate::date::Instant::default()))?;
    Ok(to_command(&event.action))
}

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
