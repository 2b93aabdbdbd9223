//! What-if forks: the same story with one more event at a chosen step, and the differences
//! between the two futures at matching moments.

use crate::trace::World;
use crate::version::Family;
use crate::view::{counts, counts_text, qualified};

/// How a world's fleet reads in one line per thing, for comparing two futures.
fn lines(world: &World) -> Vec<(String, String)> {
    let catalog = &world.catalog;
    let summary = |rows: &mut dyn Iterator<Item = (u32, u32)>| {
        counts_text(&counts(rows, catalog), "no tasks")
    };
    let mut out = Vec::new();
    for family in Family::ALL {
        let latest = catalog.latest(family).map_or("not set".to_string(), |v| {
            catalog.get(v).version.to_string()
        });
        out.push((format!("LATEST ({family})"), latest));
    }
    for s in world.fleet.services() {
        let name = qualified(s);
        // The version, not the deployment's number: a fork may add deployments and still agree.
        out.push((
            format!("{name} runs"),
            catalog.get(s.primary().version).version.to_string(),
        ));
        out.push((
            format!("{name} tasks"),
            summary(&mut s.tasks.iter().map(|t| (t.version, t.revision))),
        ));
    }
    out.push((
        "standalone tasks".to_string(),
        summary(&mut world.fleet.tasks.iter().map(|t| (t.version, t.revision))),
    ));
    for c in &world.fleet.clusters {
        out.push((
            format!("EKS {} pods", c.name),
            summary(&mut c.pods.iter().map(|p| (p.version, p.revision))),
        ));
    }
    out
}

/// One difference: what, as it happened, and in the fork (`None`: absent there).
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Difference {
    pub what: String,
    pub original: Option<String>,
    pub fork: Option<String>,
}

/// Everything that reads differently between two worlds, in the original's order, then what only
/// the fork has.
pub fn differences(original: &World, fork: &World) -> Vec<Difference> {
    let (a, b) = (lines(original), lines(fork));
    let mut out = Vec::new();
    for (what, value) in &a {
        let other = b.iter().find(|(w, _)| w == what).map(|(_, v)| v.clone());
        if other.as_ref() != Some(value) {
            out.push(Difference {
                what: what.clone(),
                original: Some(value.clone()),
                fork: other,
            });
        }
    }
    for (what, value) in &b {
        if !a.iter().any(|(w, _)| w == what) {
            out.push(Difference {
                what: what.clone(),
                original: None,
                fork: Some(value.clone()),
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Playground;

    #[test]
    fn forcing_a_deployment_before_the_scale_out_changes_every_later_step() {
        let blog = Playground::new(crate::builtin::find("blog-timeline").unwrap().json).unwrap();
        // What if web had been redeployed right after LATEST moved (step 5)?
        let fork = blog
            .fork(
                5,
                r#"{"do":"update-service","service":"web","forceNewDeployment":true}"#,
            )
            .unwrap();
        assert_eq!(fork.step_count(), blog.step_count() + 1);
        let (_, original) = blog.replay_to(6).unwrap();
        let (_, forked) = fork.replay_to(7).unwrap();
        let diff = differences(&original, &forked);
        assert_eq!(
            diff,
            vec![
                Difference {
                    what: "web runs".into(),
                    original: Some("1.2.0".into()),
                    fork: Some("1.3.0".into())
                },
                Difference {
                    what: "web tasks".into(),
                    original: Some("2 × 1.2.0 r1, 2 × 1.2.0 r2".into()),
                    fork: Some("4 × 1.3.0 r1".into())
                },
            ]
        );
        // Before the fork point the two stories are the same.
        assert_eq!(
            differences(&blog.replay_to(3).unwrap().1, &fork.replay_to(3).unwrap().1),
            vec![]
        );
    }

    #[test]
    fn a_fork_event_is_validated_like_any_other() {
        let blog = Playground::new(crate::builtin::find("blog-timeline").unwrap().json).unwrap();
        let error = blog
            .fork(5, r#"{"do":"move-latest","to":"9.9.9"}"#)
            .err()
            .unwrap();
        assert_eq!(
            (error.code(), error.path()),
            ("UnknownVersion", "/events/6/to")
        );
        let error = blog
            .fork(5, r#"{"do":"move-latest","to":"1.3.0","at":"2030-01-01"}"#)
            .err()
            .unwrap();
        assert_eq!((error.code(), error.path()), ("OutOfOrder", "/events/7/at"));
    }
}
