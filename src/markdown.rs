//! "What happened and why" as Markdown: the whole story, every step with its explanation, note,
//! source, command and AWS's answer; the step on screen is marked and followed by the state at
//! that step as a table, and the story ends with its chart as a table (where LATEST pointed and
//! what each service ran, step by step). For handing out or pasting in notes.

use crate::chart::Chart;
use crate::command::to_command;
use crate::scenario::TimedEvent;
use crate::trace::{apply, World};
use crate::version::Family;
use crate::view::{counts_text, qualified, task_counts};

/// Text from a scenario inside a table cell: no line breaks, no column separators.
fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace(['\n', '\r'], " ")
}

pub fn render<'a>(
    title: Option<&str>,
    events: impl Iterator<Item = &'a TimedEvent>,
    current: usize,
    chart: &Chart,
) -> String {
    let mut out = format!(
        "# {}\n",
        title.map_or("Untitled scenario".to_string(), |t| t.replace('\n', " "))
    );
    let mut world = World::default();
    for (i, event) in events.enumerate() {
        let Ok(record) = apply(&mut world, event) else {
            break;
        };
        out.push_str(&format!(
            "\n## Step {} · {} · {}{}\n\n",
            i + 1,
            event.at.date(),
            event.action.name(),
            if i == current {
                " ← the step on screen"
            } else {
                ""
            }
        ));
        if let Some(note) = &event.note {
            out.push_str(&format!("> {}\n\n", note.replace('\n', "\n> ")));
        }
        if let Some(source) = &event.source {
            out.push_str(&format!("Source: <{source}>\n\n"));
        }
        if let Some(command) = to_command(&event.action) {
            out.push_str(&format!("```sh\n{command}\n```\n\n"));
        }
        if let Some(rejection) = &record.rejection {
            out.push_str(&format!(
                "**Rejected:** `{}`: {}\n\n",
                rejection.code(),
                rejection
            ));
        }
        out.push_str(&record.explanation);
        out.push('\n');
        for warning in &record.warnings {
            out.push_str(&format!("\n⚠ {warning}\n"));
        }
        if i == current {
            out.push_str(&state(&world, i));
        }
    }
    out.push_str(&glance(chart));
    out
}

/// The chart of the whole story as a table: each run of LATEST and of each lane.
fn glance(chart: &Chart) -> String {
    let mut out = String::from("\n## The whole story at a glance\n\n| Lane | Steps | Asks for | Runs | Tasks (version, patch) |\n|---|---|---|---|---|\n");
    let family = |f: Family| {
        if f == Family::Windows {
            "Windows"
        } else {
            "Linux"
        }
    };
    for latest in &chart.latest {
        for run in &latest.runs {
            let version = run
                .value
                .version
                .map_or("not set".to_string(), |v| v.to_string());
            out.push_str(&format!(
                "| LATEST ({}) | {}–{} | — | {version} | — |\n",
                family(latest.family),
                run.from + 1,
                run.to + 1
            ));
        }
    }
    for lane in &chart.lanes {
        let name = match (lane.kind, &lane.cluster) {
            ("pods", _) => format!("EKS {}", lane.name),
            ("group", _) => format!("services asking {}", lane.name),
            (_, Some(cluster)) => format!("{cluster}/{}", lane.name),
            (_, None) => lane.name.clone(),
        };
        for run in &lane.runs {
            let r = &run.value;
            out.push_str(&format!(
                "| {} | {}–{} | {} | {} | {} |\n",
                cell(&name),
                run.from + 1,
                run.to + 1,
                cell(r.requested.as_deref().unwrap_or("—")),
                r.version.map_or("mixed".to_string(), |v| v.to_string()),
                counts_text(&r.mix, "none"),
            ));
        }
    }
    out
}

/// The state after step `i` as a section: LATEST, then a table of the services.
fn state(world: &World, i: usize) -> String {
    let mut out = format!("\n### State after step {}\n\n", i + 1);
    let latest: Vec<String> = Family::ALL
        .iter()
        .map(|f| {
            format!(
                "{f} → {}",
                world
                    .catalog
                    .latest(*f)
                    .map_or("not set".to_string(), |v| world
                        .catalog
                        .get(v)
                        .version
                        .to_string())
            )
        })
        .collect();
    out.push_str(&format!("LATEST: {}.\n\n", latest.join("; ")));
    out.push_str("| Service | describe-services says | PRIMARY deployment runs | Running tasks |\n|---|---|---|---|\n");
    for s in world.fleet.services() {
        let primary = s.primary();
        let tasks = counts_text(&task_counts(&s.tasks, &world.catalog), "none");
        out.push_str(&format!(
            "| {} | {} | {}/{} on {} | {} of {}: {} |\n",
            cell(&qualified(s)),
            cell(&crate::view::shown_version(s, &world.catalog)),
            cell(&s.name),
            primary.number,
            world.catalog.get(primary.version).version,
            s.tasks.len(),
            s.desired,
            tasks
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_blog_up_to_the_scale_out() {
        let document =
            crate::scenario::read(crate::builtin::find("blog-timeline").unwrap().json).unwrap();
        let chart = crate::chart::chart(document.events.iter());
        let text = render(document.title.as_deref(), document.events.iter(), 6, &chart);
        assert!(text.starts_with("# The blog's worked example: LATEST is resolved once\n\n## Step 1 · 2018-09-10 · release-version\n"));
        assert!(text.contains(
            "\n## Step 7 · 2019-02-01 · scale-service ← the step on screen\n\n> Scaling out still starts 1.2.0 tasks"
        ));
        assert!(text.contains("```sh\naws ecs update-service --service web --desired-count 4\n```"));
        assert!(text.contains(
            "### State after step 7\n\nLATEST: LINUX → 1.3.0; WINDOWS → not set.\n\n| Service | describe-services says | PRIMARY deployment runs | Running tasks |\n|---|---|---|---|\n| web | LATEST | web/1 on 1.2.0 | 4 of 4: 2 × 1.2.0 r1, 2 × 1.2.0 r2 |\n\n## Step 8 · 2019-03-01 · update-service\n"
        ), "the state follows the step on screen, and the story goes on");
        assert!(
            text.contains("\n## Step 13 · 2020-04-20 · create-service\n"),
            "the whole story"
        );
        assert_eq!(text.matches("State after").count(), 1);
        assert!(text.contains(
            "\n## The whole story at a glance\n\n| Lane | Steps | Asks for | Runs | Tasks (version, patch) |\n|---|---|---|---|---|\n| LATEST (Linux) | 2–5 | — | 1.2.0 | — |\n| LATEST (Linux) | 6–13 | — | 1.3.0 | — |\n| web | 3–6 | LATEST | 1.2.0 | 2 × 1.2.0 r1 |\n| web | 7–7 | LATEST | 1.2.0 | 2 × 1.2.0 r1, 2 × 1.2.0 r2 |\n"
        ), "the chart ends the story: web keeps 1.2.0 while LATEST means 1.3.0");
    }
}
