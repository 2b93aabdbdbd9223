//! The console's parser and printer, line by line.

use super::words::words;
use super::*;

fn event(line: &str) -> serde_json::Value {
    let action = parse_command(line).unwrap_or_else(|e| panic!("{line}: {e}"));
    serde_json::from_str(&action.to_json().text()).unwrap()
}

/// The error's message and the text at its column (from there to the next space).
fn error(line: &str) -> (String, String) {
    let e = parse_command(line).unwrap_err();
    let chars: Vec<char> = line.chars().collect();
    let at: String = chars[e.column as usize - 1..]
        .iter()
        .take_while(|c| !c.is_whitespace())
        .collect();
    (at, e.to_string())
}

#[test]
fn create_service_defaults_to_latest_and_ignores_unrelated_options() {
    let v = event("aws ecs create-service --cluster prod --service-name web --task-definition web:3 --desired-count 2 --launch-type FARGATE --network-configuration \"awsvpcConfiguration={subnets=[subnet-1],assignPublicIp=ENABLED}\" --region eu-west-1");
    assert_eq!(v["do"], "create-service");
    assert_eq!(v["service"], "web");
    assert_eq!(v["platformVersion"], "LATEST");
    assert_eq!(v["desiredCount"], 2);
    assert_eq!(v["deploymentController"], "ECS");
}

#[test]
fn continuations_quotes_and_equals_forms() {
    let v = event("aws ecs create-service \\\n  --service-name='my-svc' \\\n  --platform-version \"1.4.0\" \\\r\n  --deployment-controller type=CODE_DEPLOY");
    assert_eq!(
        (v["service"].as_str(), v["platformVersion"].as_str()),
        (Some("my-svc"), Some("1.4.0"))
    );
    assert_eq!(v["deploymentController"], "CODE_DEPLOY");
}

#[test]
fn update_service_maps_deployment_triggers() {
    let v = event("aws ecs update-service --cluster c --service arn:aws:ecs:us-east-1:1:service/c/web --force-new-deployment");
    assert_eq!(
        (v["service"].as_str(), v["forceNewDeployment"].as_bool()),
        (Some("web"), Some(true))
    );
    assert!(v.get("platformVersion").is_none(), "absent means unchanged");
    let v = event("aws ecs update-service --service web --task-definition web:4");
    assert_eq!(v["forceNewDeployment"], true);
    let v = event("aws ecs update-service --service web --desired-count 5");
    assert_eq!(
        (
            v["forceNewDeployment"].as_bool(),
            v["desiredCount"].as_i64()
        ),
        (Some(false), Some(5))
    );
}

#[test]
fn run_stop_delete() {
    let v = event("aws ecs run-task --task-definition arn:aws:ecs:us-east-1:1:task-definition/batch:7 --count 3 --platform-version 1.3.0");
    assert_eq!(
        (
            v["task"].as_str(),
            v["count"].as_i64(),
            v["platformVersion"].as_str()
        ),
        (Some("batch"), Some(3), Some("1.3.0"))
    );
    assert_eq!(
        event("aws ecs stop-task --cluster c --task arn:aws:ecs:r:1:task/c/web-3")["task"],
        "web-3"
    );
    assert_eq!(
        event("aws ecs delete-service --service web --force")["do"],
        "delete-service"
    );
}

#[test]
fn errors_point_at_the_offending_word() {
    let cases = [
        ("aws ecs create-service --service-name web --launch-type EC2", "EC2",
         "--launch-type \"EC2\" is not valid: platform versions exist only on Fargate, so use --launch-type FARGATE (or leave it out)."),
        ("aws ecs create-service --service-nmae web", "--service-nmae",
         "Unknown option --service-nmae for aws ecs create-service; check its spelling."),
        ("aws ecs update-service --service", "--service", "--service needs a value after it."),
        // Found by the fuzzer: the column of an empty `=` value lay past the end of the line.
        ("aws ecs run-task --task-definition web --count=", "--count=", "--count needs a value after it."),
        ("aws ecs run-task --count 2", "run-task", "aws ecs run-task needs --task-definition."),
        ("aws ecs create-service --service-name web --desired-count two", "two",
         "--desired-count \"two\" is not valid: use a whole number."),
        ("aws ecs create-service --service-name web --desired-count=1.5", "1.5",
         "--desired-count \"1.5\" is not valid: use a whole number."),
        ("aws ecs describe-services --services web", "describe-services",
         "aws ecs describe-services only reads the state, so it is not an event; use create-service, update-service, run-task, stop-task or delete-service."),
        ("aws ecs list-clusters", "list-clusters",
         "aws ecs list-clusters is not simulated here; use create-service, update-service, run-task, stop-task, delete-service, describe-services or describe-tasks."),
        ("aws s3 ls", "s3", "Only aws ecs commands run here; \"s3\" is not ecs."),
        ("aws ecs create-service --service-name 'web", "'web", "This quote is never closed; add the closing quote."),
        ("aws ecs create-service --service-name web extra", "extra",
         "Unexpected \"extra\": every value follows an option such as --service."),
        ("aws ecs run-task --task-definition a --count 1 --count 2", "--count", "--count is given twice; keep one."),
        ("", "", "Type an aws ecs command, for example: aws ecs create-service --service-name web --desired-count 2"),
    ];
    for (line, at, message) in cases {
        assert_eq!(error(line), (at.to_string(), message.to_string()), "{line}");
    }
}

#[test]
fn a_missing_backslash_is_named_helpfully() {
    // As in the blog post: the second line lacks its trailing backslash.
    let line = "aws ecs update-service --cluster c \\\n  --service web\n  --force-new-deployment";
    assert_eq!(
        error(line),
        (
            "--force-new-deployment".to_string(),
            "--force-new-deployment starts a new line, but the line before does not end with a backslash (\\), so the shell would run it as a separate command; add the backslash.".to_string()
        )
    );
}

#[test]
fn columns_count_characters_not_bytes() {
    let e = parse_command("aws ecs create-service --service-name é --bogus").unwrap_err();
    assert_eq!(e.column, 41);
}

#[test]
fn printed_commands_parse_back_to_the_same_event() {
    for builtin in crate::builtin::BUILTINS {
        let document = crate::scenario::read(builtin.json).unwrap();
        for event in document.events {
            let Some(line) = to_command(&event.action) else {
                continue;
            };
            let parsed = parse_command(&line).unwrap_or_else(|e| panic!("{line}: {e}"));
            let expected = match &event.action {
                // A scale is an update-service with only a desired count.
                Action::ScaleService {
                    cluster,
                    service,
                    desired_count,
                } => Action::UpdateService {
                    cluster: cluster.clone(),
                    service: service.clone(),
                    task_definition: None,
                    platform_version: None,
                    force_new_deployment: false,
                    desired_count: Some(*desired_count),
                    requires: None,
                },
                // Capabilities live in task definitions: not in the command. Without a task
                // definition, the one named like the service (or task) is printed.
                Action::CreateService {
                    cluster,
                    service,
                    task_definition,
                    platform_version,
                    family,
                    desired_count,
                    controller,
                    ..
                } => Action::CreateService {
                    cluster: cluster.clone(),
                    service: service.clone(),
                    task_definition: task_definition.clone().or(Some(service.clone())),
                    platform_version: platform_version.clone(),
                    family: *family,
                    desired_count: *desired_count,
                    requires: Vec::new(),
                    controller: *controller,
                },
                Action::RunTask {
                    cluster,
                    task,
                    task_definition,
                    platform_version,
                    family,
                    count,
                    ..
                } => Action::RunTask {
                    cluster: cluster.clone(),
                    task: task.clone(),
                    task_definition: task_definition.clone().or(Some(task.clone())),
                    platform_version: platform_version.clone(),
                    family: *family,
                    count: *count,
                    requires: Vec::new(),
                },
                other => other.clone(),
            };
            assert_eq!(parsed, expected, "{line}");
        }
    }
}

#[test]
fn printed_commands_quote_what_the_shell_would_split() {
    let action = Action::StopTask {
        cluster: "default".into(),
        task: "it's here".into(),
    };
    assert_eq!(
        to_command(&action).unwrap(),
        "aws ecs stop-task --task 'it'\\''s here'"
    );
    assert_eq!(
        parse_command(&to_command(&action).unwrap()).unwrap(),
        action
    );
    assert_eq!(
        to_command(&Action::RecycleService {
            cluster: "default".into(),
            service: "web".into()
        }),
        None
    );
}

#[test]
fn describe_commands_take_lists_of_names_and_arns() {
    assert_eq!(
        parse_console("aws ecs describe-services --cluster c --services web arn:aws:ecs:r:1:service/c/api --region x").unwrap(),
        ConsoleCommand::Query(Query::Services {
            cluster: "c".into(),
            names: vec!["web".into(), "api".into()]
        })
    );
    assert_eq!(
        parse_console("aws ecs describe-tasks --tasks=web-1,web-2").unwrap(),
        ConsoleCommand::Query(Query::Tasks {
            cluster: "default".into(),
            names: vec!["web-1".into(), "web-2".into()]
        })
    );
    let e = parse_query("aws ecs run-task --task-definition web").unwrap_err();
    assert_eq!((e.column, e.to_string()), (9, "aws ecs run-task changes the fleet; only describe-services and describe-tasks read it.".to_string()));
    let e = parse_console("aws ecs describe-tasks --cluster c").unwrap_err();
    assert_eq!(
        (e.column, e.to_string()),
        (9, "aws ecs describe-tasks needs --tasks.".to_string())
    );
    assert_eq!(
        parse_console("aws ecs stop-task --task web-1").unwrap(),
        ConsoleCommand::Event(
            Action::StopTask {
                cluster: "default".into(),
                task: "web-1".into()
            },
            vec![]
        )
    );
}

#[test]
fn the_cluster_and_the_task_definition_are_kept_and_what_aws_needs_is_assumed_aloud() {
    let v = event("aws ecs create-service --cluster arn:aws:ecs:us-east-1:1:cluster/demo --service-name api --task-definition arn:aws:ecs:us-east-1:1:task-definition/api:7");
    assert_eq!(
        (
            v["cluster"].as_str(),
            v["service"].as_str(),
            v["taskDefinition"].as_str()
        ),
        (Some("demo"), Some("api"), Some("api:7"))
    );
    assert_eq!(
        event("aws ecs create-service --service-name api")["cluster"],
        serde_json::Value::Null,
        "default cluster: not echoed"
    );
    let ConsoleCommand::Event(_, assumed) =
        parse_console("aws ecs create-service --service-name api").unwrap()
    else {
        panic!("an event")
    };
    assert_eq!(
        assumed.iter().map(ToString::to_string).collect::<Vec<_>>(),
        [
            "No --launch-type: the playground assumes FARGATE. AWS would use the cluster's default capacity provider strategy, or the EC2 launch type, where platform versions do not apply.",
            "No --task-definition: the playground assumes one named like the service. AWS requires a task definition for a service with the ECS or CODE_DEPLOY controller.",
        ]
    );
    let ConsoleCommand::Event(_, assumed) = parse_console("aws ecs run-task --task-definition web:3 --capacity-provider-strategy capacityProvider=FARGATE_SPOT").unwrap() else {
        panic!("an event")
    };
    assert_eq!(
        assumed,
        [],
        "a capacity provider strategy stands in for the launch type"
    );
    let v = event("aws ecs update-service --cluster demo --service api --task-definition api:8");
    assert_eq!(
        (
            v["cluster"].as_str(),
            v["taskDefinition"].as_str(),
            v["forceNewDeployment"].as_bool()
        ),
        (Some("demo"), Some("api:8"), Some(true))
    );
    let v = event("aws ecs run-task --cluster demo --task-definition batch:2");
    assert_eq!(
        (v["task"].as_str(), v["taskDefinition"].as_str()),
        (Some("batch"), Some("batch:2"))
    );
    assert_eq!(
        to_command(&parse_command("aws ecs stop-task --cluster demo --task web-1").unwrap())
            .unwrap(),
        "aws ecs stop-task --cluster demo --task web-1"
    );
}

#[test]
fn a_backslash_before_a_lone_carriage_return_is_an_escape_not_a_loop() {
    // Found by the fuzzer: this used to loop forever, pushing empty words.
    let line = "aws ecs run-task --task-definition web\\\r\r--count 2";
    let event = event(line);
    assert_eq!(
        (event["task"].as_str(), event["count"].as_i64()),
        (Some("web\r"), Some(2))
    );
    assert_eq!(words("a\\\rb").unwrap().len(), 1);
    assert_eq!(words("a \\\r\nb").unwrap().len(), 2);
}
