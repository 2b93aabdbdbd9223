//! Times the native core on AWS CLI output (see scripts/big-fleet.mjs): reading it into a
//! playground, writing the scenario back, reopening that, the summary of every step after the
//! import, and the page's view of each as the page steps through them (each step's replay, then
//! its view), and the replay alone. `cargo run --release --example import_fleet -- fleet.json`
//!
//! With `--redeploy N` after the file, only steps N times from the step after the import to AWS's
//! force-update of 1.3.0 (the next step, which replaces a third of the tasks) and back, for
//! `valgrind --tool=callgrind`, whose instruction counts do not depend on how busy the machine
//! is (a run of N=6 less a run of N=1, divided by 5, is one forward and one back).
use std::time::Instant;

fn ms(start: Instant) -> f64 {
    start.elapsed().as_secs_f64() * 1000.0
}

fn main() {
    let path = std::env::args().nth(1).expect("a file of AWS CLI output");
    let text = std::fs::read_to_string(&path).expect("a readable file");
    if std::env::args().nth(2).as_deref() == Some("--redeploy") {
        let runs: usize = std::env::args()
            .nth(3)
            .and_then(|n| n.parse().ok())
            .unwrap_or(50);
        return redeploy(&path, text, runs);
    }
    let start = Instant::now();
    let playground = latest_playground::Playground::import(&[(path, text.clone())])
        .unwrap_or_else(|e| panic!("{}: {e}", e.file));
    let import = ms(start);
    let start = Instant::now();
    let scenario = playground.to_scenario_json();
    let export = ms(start);
    let start = Instant::now();
    let reopened =
        latest_playground::Playground::new(&scenario).expect("the written scenario opens");
    let reopen = ms(start);
    let steps = reopened.step_count();
    let first = import_step(&reopened);
    let mut worst: f64 = 0.0;
    for i in first..steps {
        let start = Instant::now();
        reopened.summary_json(i).expect("a step");
        worst = worst.max(ms(start));
    }
    println!(
        "native: import of {:.1} MiB {import:.0} ms; toScenarioJson {export:.0} ms ({:.1} MiB); reopening {reopen:.0} ms; summary of the {} steps from the import on: max {worst:.1} ms",
        text.len() as f64 / 1048576.0,
        scenario.len() as f64 / 1048576.0,
        steps - first
    );
    let views: Vec<String> = (first + 1..steps)
        .map(|i| {
            let start = Instant::now();
            let view = playground.view_json(i).expect("a step");
            // A paged fleet's first screen of lines, as the page asks for them (bench-wasm.mjs).
            let screen: Vec<usize> = (0..33).collect();
            let lines = playground.lines_json(i, &screen).expect("a step");
            let size = view.len() + lines.len();
            format!("step {i} {:.1} ms ({} KB)", ms(start), size / 1024)
        })
        .collect();
    println!(
        "native: the page's view (and first lines) of each step after the import, in order: {}",
        views.join(", ")
    );
    // The replay alone (no view written), on a handle of its own, stepping in the same order.
    let replayer =
        latest_playground::Playground::new(&scenario).expect("the written scenario opens");
    replayer.with_world(first, |_| ());
    let replays: Vec<String> = (first + 1..steps)
        .map(|i| {
            let start = Instant::now();
            replayer.with_world(i, |_| ());
            format!("step {i} {:.1} ms", ms(start))
        })
        .collect();
    println!(
        "native: the replay alone of each of those steps: {}",
        replays.join(", ")
    );
}

/// `--redeploy N`: the force-update step and the one before it, in turn, N times.
fn redeploy(path: &str, text: String, runs: usize) {
    let playground = latest_playground::Playground::import(&[(path.to_string(), text)])
        .unwrap_or_else(|e| panic!("{}: {e}", e.file));
    let reopened = latest_playground::Playground::new(&playground.to_scenario_json())
        .expect("the written scenario opens");
    let first = import_step(&reopened);
    let (before, force_update) = (first + 1, first + 2);
    let (mut forward, mut back) = (0.0, 0.0);
    for _ in 0..runs {
        let start = Instant::now();
        reopened.with_world(before, |_| ());
        back += ms(start);
        let start = Instant::now();
        reopened.with_world(force_update, |_| ());
        forward += ms(start);
    }
    println!(
        "native: step {before} to {force_update} (the force-update) {:.2} ms, back {:.2} ms (means of {runs})",
        forward / runs as f64,
        back / runs as f64
    );
}

/// The step of the `import-fleet` event.
fn import_step(playground: &latest_playground::Playground) -> usize {
    (0..playground.step_count())
        .find(|&i| {
            playground
                .step_json(i)
                .is_some_and(|s| s.contains("\"do\":\"import-fleet\""))
        })
        .expect("an import step")
}
