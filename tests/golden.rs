//! Golden traces: every built-in scenario replays to exactly the trace checked in under
//! tests/golden/. After an intended change, regenerate them with
//! `UPDATE_GOLDEN=1 cargo test --test golden` and review the diff.

use latest_playground::builtin::BUILTINS;
use latest_playground::simulate;
use std::path::PathBuf;

fn pretty(trace: &str) -> String {
    let value: serde_json::Value = serde_json::from_str(trace).expect("a trace is JSON");
    serde_json::to_string_pretty(&value).expect("serializes") + "\n"
}

#[test]
fn every_builtin_matches_its_golden_trace() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/golden");
    let update = std::env::var_os("UPDATE_GOLDEN").is_some();
    for builtin in BUILTINS {
        let trace =
            pretty(&simulate(builtin.json).unwrap_or_else(|e| panic!("{}: {e}", builtin.id)));
        let path = dir.join(format!("{}.trace.json", builtin.id));
        if update {
            std::fs::write(&path, &trace).expect("writable tests/golden");
            continue;
        }
        let golden =
            std::fs::read_to_string(&path).unwrap_or_else(|_| panic!("missing {}", path.display()));
        assert!(
            golden == trace,
            "{} differs from {}; rerun with UPDATE_GOLDEN=1 and review the diff",
            builtin.id,
            path.display()
        );
    }
}

#[test]
fn replay_is_byte_for_byte_deterministic() {
    for builtin in BUILTINS {
        assert_eq!(
            simulate(builtin.json).unwrap(),
            simulate(builtin.json).unwrap(),
            "{}",
            builtin.id
        );
    }
}
