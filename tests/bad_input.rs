//! The bad-input corpus (tests/bad-input/, with expected.txt): every file gives a located scenario
//! error or a trace with the expected rejected actions, and the reader keeps working afterwards.
//! Also 10 MB strings in every kind of text field.

use latest_playground::{simulate, Playground};
use std::path::PathBuf;

const BLOG: &str = include_str!("../src/builtin/blog-timeline.json");

fn corpus() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/bad-input")
}

#[test]
fn every_file_in_the_corpus_gives_what_expected_txt_says() {
    let expected = std::fs::read_to_string(corpus().join("expected.txt")).unwrap();
    let mut checked = 0;
    for line in expected
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
    {
        let words: Vec<&str> = line.split_whitespace().collect();
        let bytes = std::fs::read(corpus().join(words[0])).unwrap();
        match words[1] {
            "not-utf8" => {
                let error = Playground::from_bytes(&bytes).err().expect(line);
                assert_eq!(
                    (error.code(), error.path(), error.line_column()),
                    (
                        "InvalidJson",
                        "",
                        Some((words[2].parse().unwrap(), words[3].parse().unwrap()))
                    ),
                    "{line}"
                );
            }
            "error" => {
                let text = String::from_utf8(bytes).unwrap();
                let error = simulate(&text).expect_err(line);
                assert_eq!(
                    (error.code(), format!("{:?}", error.path())),
                    (words[2], words[3].to_string()),
                    "{line}"
                );
                assert!(error.to_string().len() < 400, "{line}: a short message");
                assert_eq!(Playground::new(&text).err(), Some(error));
            }
            "rejected" => {
                let text = String::from_utf8(bytes).unwrap();
                let trace: serde_json::Value =
                    serde_json::from_str(&simulate(&text).expect(line)).unwrap();
                let rejected = trace["steps"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .filter(|s| s["outcome"] == "rejected")
                    .count();
                assert_eq!(rejected.to_string(), words[2], "{line}");
            }
            other => panic!("unknown expectation {other} in {line}"),
        }
        assert!(simulate(BLOG).is_ok(), "still working after {line}");
        checked += 1;
    }
    assert_eq!(checked, 9);
}

#[test]
fn ten_megabyte_strings_are_errors_or_rejections_with_short_messages() {
    let huge = "x".repeat(10 * 1024 * 1024);
    let catalog = r#"{"at":"2019-01-01","do":"release-version","version":"1.2.0"},{"at":"2019-01-01","do":"move-latest","to":"1.2.0"}"#;
    let doc = |event: String| {
        format!(r#"{{"format":"fargate-pv-scenario/1","events":[{catalog},{event}]}}"#)
    };
    let cases = [
        (
            format!(r#"{{"at":"2019-01-02","do":"create-service","service":"{huge}"}}"#),
            "rejected",
        ),
        (
            format!(
                r#"{{"at":"2019-01-02","do":"create-service","service":"a","platformVersion":"{huge}"}}"#
            ),
            "rejected",
        ),
        (
            format!(r#"{{"at":"2019-01-02","do":"stop-task","task":"{huge}"}}"#),
            "rejected",
        ),
        (
            format!(r#"{{"at":"2019-01-02","do":"{huge}"}}"#),
            "UnknownEvent",
        ),
        (
            format!(r#"{{"at":"2019-01-02","do":"recycle-service","service":"a","{huge}":1}}"#),
            "UnknownField",
        ),
        (
            format!(r#"{{"at":"{huge}","do":"recycle-service","service":"a"}}"#),
            "InvalidField",
        ),
    ];
    for (event, expected) in cases {
        match simulate(&doc(event)) {
            Ok(trace) => {
                assert_eq!(expected, "rejected");
                let value: serde_json::Value = serde_json::from_str(&trace).unwrap();
                let last = &value["steps"][2];
                assert_eq!(last["outcome"], "rejected");
                assert!(last["explanation"].as_str().unwrap().len() < 600);
                assert!(last["error"]["message"].as_str().unwrap().len() < 300);
            }
            Err(error) => {
                assert_eq!(error.code(), expected);
                assert!(
                    error.to_string().len() < 600,
                    "{}",
                    &error.to_string()[..200]
                );
            }
        }
    }
    // A 10 MB note or title is just text.
    let noted =
        format!(r#"{{"format":"fargate-pv-scenario/1","title":"{huge}","events":[{catalog}]}}"#);
    assert_eq!(Playground::new(&noted).unwrap().step_count(), 2);
}
