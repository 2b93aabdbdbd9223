//! Any text as a scenario document: `simulate` and the `Playground` handle must answer with a
//! trace or a located error — never panic, hang or grow without bound — and agree with each other.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let trace = latest_playground::simulate(text);
    match latest_playground::Playground::new(text) {
        Ok(playground) => {
            if let Ok(trace) = &trace {
                let value: serde_json::Value =
                    serde_json::from_str(trace).expect("a trace is JSON");
                let steps = value["steps"].as_array().expect("steps");
                assert_eq!(steps.len(), playground.step_count());
            }
            if playground.step_count() > 0 {
                let last = playground.step_count() - 1;
                playground.summary_json(last).expect("a summary");
                let _ = playground.to_scenario_json();
            }
        }
        Err(error) => {
            // A document the handle refuses, simulate refuses the same way (unless the trace
            // limit, which only simulate has, struck first).
            if let Err(other) = &trace {
                assert!(error == *other || other.code() == "LimitExceeded");
            }
            assert!(!error.to_string().is_empty());
        }
    }
});
