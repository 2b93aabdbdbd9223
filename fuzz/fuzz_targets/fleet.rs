//! Any bytes as AWS CLI output to import (split into up to three files at NUL bytes): the fleet
//! importer answers with a playground or an error located in one of the files — never a panic,
//! hang or unbounded growth — and what it imports reopens, summarises and reports.
#![no_main]
use latest_playground::date::Instant;
use latest_playground::report::Plan;
use latest_playground::Playground;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let files: Vec<(String, String)> = data
        .split(|b| *b == 0)
        .take(3)
        .enumerate()
        .filter_map(|(i, part)| {
            Some((
                format!("file{i}.json"),
                std::str::from_utf8(part).ok()?.to_string(),
            ))
        })
        .collect();
    // What the page's worker does: the same document, or the same error. (It replays only as far
    // as the fleet's step; an error after it, in AWS's history, is the page's to report.)
    let worker = Playground::import_scenario(&files);
    let imported = Playground::import(&files);
    match (&worker, &imported) {
        (Ok(written), Ok(playground)) => {
            assert_eq!(
                Playground::new(written).expect("the worker's document opens").to_scenario_json(),
                playground.to_scenario_json()
            );
        }
        (Err(w), Err(e)) => assert_eq!(w, e),
        (Ok(_), Err(e)) => assert!(e.error.path().is_empty(), "{e}: an error of the fleet's own step"),
        (Err(w), Ok(_)) => panic!("the worker refused what imports: {w}"),
    }
    match imported {
        Ok(playground) => {
            let steps = playground.step_count();
            let last = steps - 1;
            let reopened = Playground::new(&playground.to_scenario_json())
                .expect("the written scenario reopens");
            assert_eq!(reopened.step_count(), steps);
            // The whole step (every task a row) only for fleets the spec bounds step(i) for: a
            // fuzzed desiredCount of 280,000 made a 30 MB step, 16 s under AddressSanitizer.
            let running = playground.with_world(last, |world| world.fleet.running());
            if running.expect("the last step") <= 10_000 {
                playground.step_json(last).expect("a step");
            }
            let step: serde_json::Value =
                serde_json::from_str(&playground.summary_json(last).expect("a summary")).unwrap();
            let at = Instant::parse(step["at"].as_str().unwrap()).unwrap();
            for version in step["versions"].as_array().unwrap() {
                let plan = Plan {
                    family: latest_playground::version::Family::parse(
                        version["family"].as_str().unwrap(),
                    )
                    .unwrap(),
                    version: latest_playground::version::Version::parse(
                        version["version"].as_str().unwrap(),
                    )
                    .unwrap(),
                    at: Instant(at.0 + 86_400),
                    latest_to: None,
                    pinned_to: None,
                    terminate: true,
                };
                if let Ok(report) = playground.retirement_report(last, &plan) {
                    assert_eq!(
                        report.to_csv().matches("\r\n").count(),
                        report.rows.len() + 1
                    );
                }
            }
        }
        Err(error) => {
            assert!(error.file.is_empty() || files.iter().any(|(name, _)| *name == error.file));
            assert!(!error.to_string().is_empty());
        }
    }
});
