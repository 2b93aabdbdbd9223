//! Scenario errors (docs/format.md, "When the file is wrong"): code, JSON Pointer path,
//! line/column and the whole message, word for word.

use latest_playground::{simulate, Playground};

fn doc(events: &str) -> String {
    format!(r#"{{"format":"fargate-pv-scenario/1","events":[{events}]}}"#)
}

const V120: &str = r#"{"at":"2019-01-01","do":"release-version","version":"1.2.0"},{"at":"2019-01-01","do":"move-latest","to":"1.2.0"}"#;

fn with_catalog(events: &str) -> String {
    doc(&format!("{V120},{events}"))
}

/// (document, code, path, message)
fn cases() -> Vec<(String, &'static str, &'static str, &'static str)> {
    vec![
        ("{\"format\": \"fargate-pv-scenario/1\",\n \"events\": [\n  {\"at\": \"2019-01-01\" \"do\": \"x\"}]}".into(), "InvalidJson", "",
         "Invalid JSON at line 3, column 23: unexpected character '\"'; check for a missing comma, quote or bracket just before it."),
        ("[".repeat(200), "InvalidJson", "", "Invalid JSON at line 1, column 129: values are nested more than 128 levels deep; flatten the document."),
        ("[]".into(), "InvalidField", "", "The document must be a JSON object; found an array."),
        ("\u{feff}{\"events\":[]}".into(), "MissingField", "/format", "Missing field \"format\": the document needs it."),
        (r#"{"format":"fargate-pv-scenario/2","events":[]}"#.into(), "UnsupportedFormat", "/format",
         "Unsupported format \"fargate-pv-scenario/2\": this playground reads \"fargate-pv-scenario/1\"; set format to that."),
        (r#"{"format":null,"events":[]}"#.into(), "InvalidField", "/format", "format must be the string \"fargate-pv-scenario/1\"; found null."),
        (r#"{"format":"fargate-pv-scenario/1"}"#.into(), "MissingField", "/events", "Missing field \"events\": the document needs it."),
        (r#"{"format":"fargate-pv-scenario/1","events":[],"evnets":[]}"#.into(), "UnknownField", "/evnets",
         "Unknown field \"evnets\" in the document (did you mean events?); remove it or fix its name."),
        (r#"{"format":"fargate-pv-scenario/1","events":[],"events":[]}"#.into(), "InvalidField", "/events",
         "events must be given once; found it repeated in the same object."),
        (r#"{"format":"fargate-pv-scenario/1","base":"nope","events":[]}"#.into(), "InvalidField", "/base",
         "base must be the id of a built-in scenario (blog-timeline, latest-held, al1-deprecation, eks-on-fargate, revision-retirement, aws-history, sandbox); found \"nope\"."),
        (doc("7"), "InvalidField", "/events/0", "An event must be an object; found 7."),
        (doc(r#"{"at":"2019-01-01"}"#), "MissingField", "/events/0/do", "Missing field \"do\": every event needs it."),
        (doc(r#"{"at":"2019-01-01","do":"craete-service","service":"web"}"#), "UnknownEvent", "/events/0/do",
         "Unknown event \"craete-service\" (did you mean create-service?); use one of release-version, publish-revision, move-latest, set-version-state, force-update, retire-revision, create-eks-cluster, update-eks-platform, create-service, update-service, scale-service, recycle-service, codedeploy-deployment, delete-service, run-task, stop-task, run-pod, import-fleet."),
        (doc(r#"{"do":"scale-service","desiredcount":2}"#), "UnknownField", "/events/0/desiredcount",
         "Unknown field \"desiredcount\" in a scale-service event (did you mean desiredCount?); remove it or fix its name."),
        (doc(r#"{"at":"2019-01-01","do":"scale-service","desiredCount":2}"#), "MissingField", "/events/0/service",
         "Missing field \"service\": a scale-service event needs it."),
        (doc(r#"{"do":"scale-service","service":"web","desiredCount":2}"#), "MissingField", "/events/0/at",
         "Missing field \"at\": a scale-service event needs it."),
        (doc(r#"{"at":"2019-02-29","do":"recycle-service","service":"web"}"#), "InvalidField", "/events/0/at",
         "at must be a real date written YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ; found \"2019-02-29\"."),
        (doc(r#"{"at":"2019-01-01","do":"scale-service","service":"web","desiredCount":1.5}"#), "InvalidField", "/events/0/desiredCount",
         "desiredCount must be a whole number; found 1.5."),
        (doc(r#"{"at":"2019-01-01","do":"scale-service","service":"web","desiredCount":"two"}"#), "InvalidField", "/events/0/desiredCount",
         "desiredCount must be a whole number; found \"two\"."),
        (doc(r#"{"at":"2019-01-01","do":"create-service","service":null}"#), "InvalidField", "/events/0/service",
         "service must be a string; found null."),
        (doc(r#"{"at":"2019-01-01","do":"create-service","service":"a","requires":["efs",3]}"#), "InvalidField", "/events/0/requires/1",
         "requires[1] must be a string; found 3."),
        (doc(r#"{"at":"2019-01-01","do":"create-service","service":"a","family":"linux"}"#), "InvalidField", "/events/0/family",
         "family must be \"LINUX\" or \"WINDOWS\"; found \"linux\"."),
        (doc(r#"{"at":"2019-01-01","do":"create-service","service":"a","deploymentController":"EXTERNAL"}"#), "InvalidField", "/events/0/deploymentController",
         "deploymentController must be \"ECS\" or \"CODE_DEPLOY\"; found \"EXTERNAL\"."),
        (doc(r#"{"at":"2019-01-01","do":"update-service","service":"a","forceNewDeployment":"yes"}"#), "InvalidField", "/events/0/forceNewDeployment",
         "forceNewDeployment must be true or false; found \"yes\"."),
        (doc(r#"{"at":"2019-01-01","do":"set-version-state","version":"1.2.0","state":"gone"}"#), "InvalidField", "/events/0/state",
         "state must be one of \"active\", \"deprecating\", \"retired\", \"recalled\"; found \"gone\"."),
        (doc(r#"{"at":"2019-01-01","do":"release-version","version":"1.4"}"#), "InvalidField", "/events/0/version",
         "version must be a platform version written MAJOR.MINOR.PATCH, like \"1.4.0\"; found \"1.4\"."),
        (doc(r#"{"at":"2019-01-01","do":"create-eks-cluster","cluster":"a b","fargateVersion":"1.4.0"}"#), "InvalidField", "/events/0/cluster",
         "cluster must be 1 to 255 letters, digits, hyphens or underscores; found \"a b\"."),
        (doc(r#"{"at":"2019-01-01","do":"create-eks-cluster","cluster":"a","fargateVersion":"1.4.0","family":"WINDOWS"}"#), "InvalidField", "/events/0/family",
         "family must be \"LINUX\" (EKS runs Fargate pods on Linux platform versions only); found \"WINDOWS\"."),
        (doc(r#"{"at":"2019-02-01","do":"recycle-service","service":"a"},{"at":"2019-01-31T23:59:59Z","do":"recycle-service","service":"a"}"#),
         "OutOfOrder", "/events/1/at",
         "This event is dated 2019-01-31T23:59:59Z, before the previous event's 2019-02-01T00:00:00Z; events must be in date order."),
        // A shape error anywhere wins over a replay error earlier in the document.
        (doc(r#"{"at":"2019-01-01","do":"move-latest","to":"9.9.9"},{"at":"2019-01-02","do":"bogus"}"#), "UnknownEvent", "/events/1/do",
         "Unknown event \"bogus\"; use one of release-version, publish-revision, move-latest, set-version-state, force-update, retire-revision, create-eks-cluster, update-eks-platform, create-service, update-service, scale-service, recycle-service, codedeploy-deployment, delete-service, run-task, stop-task, run-pod, import-fleet."),
        (doc(r#"{"at":"2019-01-01","do":"move-latest","to":"9.9.9"}"#), "UnknownVersion", "/events/0/to",
         "Platform version 9.9.9 (LINUX) was never released; add a release-version event before this one."),
        (with_catalog(r#"{"at":"2019-01-02","do":"move-latest","to":"1.2.0","family":"WINDOWS"}"#), "UnknownVersion", "/events/2/to",
         "Platform version 1.2.0 (WINDOWS) was never released; add a release-version event before this one."),
        (with_catalog(r#"{"at":"2019-01-02","do":"release-version","version":"1.2.0"}"#), "InvalidTransition", "/events/2/version",
         "Platform version 1.2.0 (LINUX) is already released; release each version once and publish revisions to change it."),
        (with_catalog(r#"{"at":"2019-01-02","do":"set-version-state","version":"1.2.0","state":"active"}"#), "InvalidTransition", "/events/2/state",
         "Platform version 1.2.0 (LINUX) cannot go from active to active; from active it can only become deprecating or retired or recalled."),
        (with_catalog(r#"{"at":"2019-01-02","do":"set-version-state","version":"1.2.0","state":"retired"}"#), "InvalidTransition", "/events/2/state",
         "Platform version 1.2.0 (LINUX) cannot become retired while LATEST points to it; move LATEST first."),
        (with_catalog(r#"{"at":"2019-01-02","do":"release-version","version":"1.3.0"},{"at":"2019-01-02","do":"move-latest","to":"1.3.0"},{"at":"2019-01-03","do":"set-version-state","version":"1.2.0","state":"retired"},{"at":"2019-01-04","do":"set-version-state","version":"1.2.0","state":"active"}"#),
         "InvalidTransition", "/events/5/state",
         "Platform version 1.2.0 (LINUX) cannot go from retired to active; from retired it can only become recalled."),
        (with_catalog(r#"{"at":"2019-01-02","do":"release-version","version":"1.3.0"},{"at":"2019-01-02","do":"move-latest","to":"1.3.0"},{"at":"2019-01-03","do":"set-version-state","version":"1.2.0","state":"retired"},{"at":"2019-01-04","do":"move-latest","to":"1.2.0"}"#),
         "InvalidTransition", "/events/5/to",
         "LATEST (LINUX) cannot move to 1.2.0: it is retired; LATEST may only mean an active or deprecating version."),
        (with_catalog(r#"{"at":"2019-01-02","do":"release-version","version":"1.3.0"},{"at":"2019-01-02","do":"move-latest","to":"1.3.0"},{"at":"2019-01-03","do":"set-version-state","version":"1.2.0","state":"retired"},{"at":"2019-01-04","do":"publish-revision","version":"1.2.0"}"#),
         "InvalidTransition", "/events/5/version",
         "Platform version 1.2.0 (LINUX) is retired and receives no more revisions."),
        (with_catalog(r#"{"at":"2019-01-02","do":"retire-revision","version":"1.2.0","revision":1}"#), "InvalidTransition", "/events/2/revision",
         "Revision 1 is the newest revision of 1.2.0 (LINUX); publish a newer one before retiring it."),
        (with_catalog(r#"{"at":"2019-01-02","do":"retire-revision","version":"1.2.0","revision":4}"#), "InvalidTransition", "/events/2/revision",
         "Platform version 1.2.0 (LINUX) has no revision 4; its revisions are 1 to 1."),
        (with_catalog(r#"{"at":"2019-01-02","do":"publish-revision","version":"1.2.0"},{"at":"2019-01-03","do":"retire-revision","version":"1.2.0","revision":1},{"at":"2019-01-03","do":"retire-revision","version":"1.2.0","revision":1}"#),
         "InvalidTransition", "/events/4/revision", "Revision 1 of 1.2.0 (LINUX) is already retired."),
        (with_catalog(r#"{"at":"2019-01-02","do":"create-eks-cluster","cluster":"c","fargateVersion":"1.2.0"},{"at":"2019-01-02","do":"create-eks-cluster","cluster":"c","fargateVersion":"1.2.0"}"#),
         "InvalidTransition", "/events/3/cluster", "EKS cluster \"c\" already exists; give the new cluster another name."),
        (with_catalog(r#"{"at":"2019-01-02","do":"update-eks-platform","cluster":"c","fargateVersion":"1.2.0"}"#), "InvalidTransition", "/events/2/cluster",
         "There is no EKS cluster \"c\"; create it with create-eks-cluster first."),
        (with_catalog(r#"{"at":"2019-01-02","do":"release-version","version":"1.3.0"},{"at":"2019-01-02","do":"move-latest","to":"1.3.0"},{"at":"2019-01-03","do":"set-version-state","version":"1.2.0","state":"retired"},{"at":"2019-01-04","do":"create-eks-cluster","cluster":"c","fargateVersion":"1.2.0"}"#),
         "InvalidTransition", "/events/5/fargateVersion",
         "EKS pods cannot run on 1.2.0: it is retired; choose an active or deprecating version."),
        (with_catalog(r#"{"at":"2019-01-02","do":"force-update","version":"1.2.0","scope":"all"}"#), "MissingField", "/events/2/to",
         "Missing field \"to\": a force-update event needs it."),
        (with_catalog(r#"{"at":"2019-01-02","do":"force-update","version":"1.2.0","to":"1.2.0"}"#), "InvalidField", "/events/2/to",
         "to must be given only with scope \"all\" (a LATEST force-update moves services to what LATEST means); found it with scope \"latest\"."),
        (with_catalog(r#"{"at":"2019-01-02","do":"force-update","version":"1.2.0","scope":"pinned","to":"1.2.0"}"#), "InvalidField", "/events/2/scope",
         "scope must be \"latest\" (services that ask for LATEST) or \"all\" (pinned services too); found \"pinned\"."),
        (with_catalog(r#"{"at":"2019-01-02","do":"force-update","version":"1.2.0","scope":"all","to":"1.2.0"}"#), "InvalidTransition", "/events/2/to",
         "A force-update of 1.2.0 (LINUX) with scope \"all\" must move pinned services to another version; name an active version in \"to\"."),
        (with_catalog(r#"{"at":"2019-01-02","do":"force-update","version":"1.2.0","scope":"all","to":"1.4.0"}"#), "UnknownVersion", "/events/2/to",
         "Platform version 1.4.0 (LINUX) was never released; add a release-version event before this one."),
        (with_catalog(r#"{"at":"2019-01-02","do":"release-version","version":"1.4.0"},{"at":"2019-01-03","do":"set-version-state","version":"1.4.0","state":"deprecating"},{"at":"2019-01-04","do":"force-update","version":"1.2.0","scope":"all","to":"1.4.0"}"#),
         "InvalidTransition", "/events/4/to", "Platform version 1.4.0 (LINUX) is deprecating; a force-update moves pinned services onto an active version."),
        (with_catalog(r#"{"at":"2019-01-02","do":"create-service","service":"a","source":"http://example.com"}"#), "InvalidField", "/events/2/source",
         "source must be an https:// address of at most 2000 characters, without spaces (the public page the event's facts come from); found \"http://example.com\"."),
        (with_catalog(r#"{"at":"2019-01-02","do":"create-service","service":"a","source":"https://exa mple.com"}"#), "InvalidField", "/events/2/source",
         "source must be an https:// address of at most 2000 characters, without spaces (the public page the event's facts come from); found \"https://exa mple.com\"."),
        (with_catalog(&format!(r#"{{"at":"2019-01-02","do":"create-service","service":"a","source":"https://e.com/{}"}}"#, "x".repeat(1990))), "InvalidField", "/events/2/source",
         "source must be an https:// address of at most 2000 characters, without spaces (the public page the event's facts come from); found \"https://e.com/xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\"… (2004 characters)."),
        (with_catalog(r#"{"at":"2019-01-02","do":"create-eks-cluster","cluster":"c","fargateVersion":"1.2.0"},{"at":"2019-01-02","do":"run-pod","cluster":"c","pod":"p","controller":"ReplicaSet"}"#),
         "InvalidField", "/events/3/controller",
         "controller must be \"deployment\" (a Deployment, ReplicaSet or Job restarts it) or \"none\" (a bare pod); found \"ReplicaSet\"."),
        (format!(r#"{{"format":"fargate-pv-scenario/1","events":[{}]}}"#, vec![r#"{"at":"2019-01-01","do":"delete-service","service":"a"}"#; 100_001].join(",")),
         "LimitExceeded", "/events", "The document has 100001 events; the limit is 100000. Split it into smaller scenarios."),
        (r#"{"format":"fargate-pv-scenario/1","base":"blog-timeline","events":[{"at":"2018-01-01","do":"release-version","version":"1.2.0"}]}"#.into(),
         "InvalidTransition", "/base",
         "Base scenario blog-timeline, event 0 (release-version): Platform version 1.2.0 (LINUX) is already released; release each version once and publish revisions to change it."),
    ]
}

#[test]
fn every_scenario_error_has_its_code_path_and_exact_message() {
    for (document, code, path, message) in cases() {
        let error = simulate(&document).expect_err(message);
        assert_eq!(
            (error.code(), error.path(), error.to_string().as_str()),
            (code, path, message)
        );
        let playground = Playground::new(&document)
            .err()
            .expect("Playground refuses it too");
        assert_eq!(playground, error);
    }
}

#[test]
fn json_errors_carry_line_and_column_in_characters() {
    let error = simulate("{\"title\": \"é€😀\" \"format\": 1}").unwrap_err();
    assert_eq!(error.line_column(), Some((1, 17)));
    assert_eq!(
        simulate(r#"{"format":"fargate-pv-scenario/1","events":[]}"#).unwrap(),
        r#"{"format":"fargate-pv-trace/1","title":null,"steps":[]}"#
    );
}

#[test]
fn a_file_that_is_not_utf8_is_located_at_its_first_bad_byte() {
    // "é" encoded as Latin-1 on line 2, after three characters ("€" is one character, three bytes).
    let bytes = b"{\"title\":\n \"\xe2\x82\xac\xe9\"}";
    let error = Playground::from_bytes(bytes).err().unwrap();
    assert_eq!(
        (error.code(), error.path(), error.line_column()),
        ("InvalidJson", "", Some((2, 4)))
    );
    assert_eq!(
        error.to_string(),
        "Invalid JSON at line 2, column 4: byte 0xE9 is not UTF-8 text; save the file as UTF-8."
    );
    let cut = Playground::from_bytes(b"{\"title\": \"\xe2\x82")
        .err()
        .unwrap();
    assert_eq!(
        cut.to_string(),
        "Invalid JSON at line 1, column 12: the file ends inside a character; save the file as UTF-8."
    );
    assert!(Playground::from_bytes(include_bytes!("../src/builtin/blog-timeline.json")).is_ok());
}

#[test]
fn a_trace_over_a_million_task_rows_names_the_playground_handle() {
    // 200 running tasks over 5,001 steps: over 1,000,000 rows in all, under the running limit.
    let events: Vec<String> = std::iter::once(
        r#"{"at":"2019-01-02","do":"run-task","task":"t","count":200}"#.to_string(),
    )
    .chain(
        (0..5000)
            .map(|_| r#"{"at":"2019-01-03","do":"delete-service","service":"none"}"#.to_string()),
    )
    .collect();
    let document = with_catalog(&events.join(","));
    let error = simulate(&document).unwrap_err();
    assert_eq!(error.code(), "LimitExceeded");
    assert_eq!(error.path(), "");
    assert_eq!(
        error.to_string(),
        "The trace would hold more than 1000000 task rows over all its steps; open this scenario with the Playground handle, which serves one step at a time."
    );
    assert_eq!(Playground::new(&document).unwrap().step_count(), 5003);
}

#[test]
fn running_more_than_a_million_tasks_fails_at_the_event_that_would() {
    let events: Vec<String> = std::iter::once(
        r#"{"at":"2019-01-02","do":"run-task","task":"t","count":5000}"#.to_string(),
    )
    .chain((0..200).map(|i| {
        format!(
            r#"{{"at":"2019-01-02","do":"create-service","service":"s{i}","desiredCount":5000}}"#
        )
    }))
    .collect();
    let error = Playground::new(&with_catalog(&events.join(",")))
        .err()
        .unwrap();
    assert_eq!(
        (error.code(), error.path(), error.to_string().as_str()),
        (
            "LimitExceeded",
            "/events/202/desiredCount",
            "This event would run 1005000 tasks and pods at once; the simulator's limit is 1000000. Use smaller counts."
        )
    );
}
