//! Predict, then reveal: for a customer step, the question a learner answers before seeing it —
//! which version and patch the new tasks run, and whether the running ones change — and the
//! answer, taken from what the replay did. Every customer event of a scenario is a question.

use crate::scenario::{Action, TimedEvent};
use crate::trace::{Change, StepRecord, World};
use crate::version::{Family, Version};
use serde::Serialize;

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Question {
    pub prompt: String,
    /// The versions the learner can pick from: the family's, released before the step.
    pub versions: Vec<Version>,
    /// The highest patch revision any of them has then: revisions to pick are 1 to this.
    pub max_revision: u32,
    pub answer: Answer,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Answer {
    /// `None` when no task or pod starts (AWS refuses, or nothing can be placed).
    pub version: Option<Version>,
    pub revision: Option<u32>,
    /// Whether any running task or pod stopped.
    pub running_change: bool,
    pub explanation: String,
}

/// The question for the step that `event` made (its `record`) from the world `before` it; `None`
/// for events that start nothing a customer asked for.
pub fn question(before: &World, event: &TimedEvent, record: &StepRecord) -> Option<Question> {
    let family = |cluster: &str, service: &str| {
        before
            .fleet
            .service(cluster, service)
            .map_or(Family::Linux, |s| before.fleet.services()[s].family)
    };
    let (prompt, family) = match &event.action {
        Action::CreateService { service, platform_version, family, desired_count, .. } => (
            format!(
                "{service} is created asking for {platform_version}, with {}. Which version and patch will they run?",
                match desired_count.0 {
                    1.0 => "1 task".to_string(),
                    n => format!("{} tasks", crate::json::number_text(n)),
                }
            ),
            *family,
        ),
        Action::UpdateService { cluster, service, task_definition, platform_version, force_new_deployment, desired_count, requires } => {
            let what = match (platform_version, task_definition, force_new_deployment, requires) {
                (Some(p), _, _, _) => format!("updated to platformVersion {p}"),
                (None, Some(t), _, _) => format!("updated to task definition {t}"),
                (None, None, true, _) => "updated with --force-new-deployment".to_string(),
                (None, None, false, Some(_)) => "updated with new requirements".to_string(),
                (None, None, false, None) => match desired_count {
                    Some(n) => format!("updated to {} desired tasks", crate::json::number_text(n.0)),
                    None => "updated with nothing to change".to_string(),
                },
            };
            (format!("{service} is {what}. Which version and patch will new tasks run, and do the running tasks change?"), family(cluster, service))
        }
        Action::ScaleService { cluster, service, desired_count } => (
            format!("{service} scales to {} tasks. Which version and patch will new tasks run, and do the running tasks change?", crate::json::number_text(desired_count.0)),
            family(cluster, service),
        ),
        Action::RunTask { task, platform_version, family, .. } => {
            (format!("{task} is run asking for {platform_version}. Which version and patch will it run?"), *family)
        }
        Action::StopTask { cluster, task } => (
            format!("{task} is stopped. If something replaces it, which version and patch does that run?"),
            before.fleet.find_service_task(cluster, task).map_or(Family::Linux, |(s, _)| before.fleet.services()[s].family),
        ),
        Action::RecycleService { cluster, service } => {
            let recycling = before.fleet.service(cluster, service).is_none_or(|s| {
                let version = before.fleet.services()[s].primary().version;
                before.catalog.get(version).recycles_tasks()
            });
            let what = if recycling { format!("AWS recycles {service}'s tasks") } else { format!("{service}'s tasks are replaced") };
            (format!("{what}. Which version and patch will the new tasks run?"), family(cluster, service))
        }
        Action::CodeDeployDeployment { cluster, service, platform_version } => (
            format!(
                "A new CodeDeploy deployment of {service} starts{}. Which version and patch will its tasks run, and do the running tasks change?",
                platform_version.as_ref().map_or(String::new(), |p| format!(" asking for {p}"))
            ),
            family(cluster, service),
        ),
        Action::RunPod { cluster, .. } => (format!("Pods start on EKS cluster {cluster}. Which version and patch will they run?"), Family::Linux),
        // AWS's moves start nothing a customer asked for; deleting starts nothing.
        Action::ReleaseVersion { .. }
        | Action::PublishRevision { .. }
        | Action::MoveLatest { .. }
        | Action::SetVersionState { .. }
        | Action::ForceUpdate { .. }
        | Action::RetireRevision { .. }
        | Action::CreateEksCluster { .. }
        | Action::UpdateEksPlatform { .. }
        | Action::DeleteService { .. }
        | Action::ImportFleet(_) => return None,
    };
    let catalog = &before.catalog;
    let family_versions = catalog.versions().iter().filter(|v| v.family == family);
    let versions: Vec<Version> = family_versions.clone().map(|v| v.version).collect();
    let max_revision = family_versions
        .map(|v| v.newest_revision())
        .max()
        .unwrap_or(1);
    let started = record.changes.iter().find_map(|c| match c {
        Change::TaskStarted {
            platform_version,
            revision,
            ..
        }
        | Change::PodStarted {
            platform_version,
            revision,
            ..
        } => Some((*platform_version, *revision)),
        _ => None,
    });
    let running_change = record
        .changes
        .iter()
        .any(|c| matches!(c, Change::TaskStopped { .. } | Change::PodStopped { .. }));
    Some(Question {
        prompt,
        versions,
        max_revision,
        answer: Answer {
            version: started.map(|(v, _)| v),
            revision: started.map(|(_, r)| r),
            running_change,
            explanation: record.explanation.clone(),
        },
    })
}

#[cfg(test)]
mod tests {
    use crate::Playground;

    #[test]
    fn the_blog_asks_at_the_scale_out_and_answers_from_the_replay() {
        let playground =
            Playground::new(crate::builtin::find("blog-timeline").unwrap().json).unwrap();
        let q = playground.question(6).unwrap();
        assert_eq!(q.prompt, "web scales to 4 tasks. Which version and patch will new tasks run, and do the running tasks change?");
        let versions: Vec<String> = q.versions.iter().map(|v| v.to_string()).collect();
        assert_eq!(versions, ["1.2.0", "1.3.0"]);
        assert_eq!(q.max_revision, 2);
        assert_eq!(
            (
                q.answer.version.map(|v| v.to_string()),
                q.answer.revision,
                q.answer.running_change
            ),
            (Some("1.2.0".into()), Some(2), false)
        );
        let update = playground.question(7).unwrap();
        assert_eq!(
            (
                update.answer.version.map(|v| v.to_string()),
                update.answer.running_change
            ),
            (Some("1.3.0".into()), true)
        );
        assert_eq!(
            playground.question(5),
            None,
            "moving LATEST is AWS's, not a question"
        );
    }

    #[test]
    fn a_rejected_action_answers_that_nothing_starts() {
        let playground =
            Playground::new(crate::builtin::find("latest-held").unwrap().json).unwrap();
        let q = playground.question(4).unwrap();
        assert_eq!(q.prompt, "files is created asking for LATEST, with 1 task. Which version and patch will they run?");
        assert_eq!(
            (q.answer.version, q.answer.revision, q.answer.running_change),
            (None, None, false)
        );
    }
}
