//! The generated crate's example program, `describe_assessment_runs`, run as a user runs it:
//! against the scripted 127.0.0.1 server (which verifies its SigV4 signature with botocore),
//! credentials from the environment. It must print the model's example run as JSON with the
//! keys of boto3's response dict (the service's and `ResponseMetadata`), and exit non-zero
//! with the error's code and message on failure.

mod common;
#[path = "../../runtime/tests/support/mod.rs"]
mod support;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

use common::{model_example, workspace_root};
use serde_json::{Value, json};
use support::AwsServer;

const ACCESS_KEY_ID: &str = "AKIDEXAMPLEPROGRAM";
const SECRET: &str = "example/program+secret";

/// Builds the example (once per test run) and returns its path.
fn program() -> &'static Path {
    static PROGRAM: OnceLock<PathBuf> = OnceLock::new();
    PROGRAM.get_or_init(|| {
        // A target folder of its own: the `cargo test` that runs this holds the workspace's.
        let target = workspace_root().join("target/example-program");
        let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
        let output = Command::new(cargo)
            .args([
                "build",
                "--quiet",
                "-p",
                "inspector",
                "--features",
                "client,serde",
                "--example",
                "describe_assessment_runs",
            ])
            .current_dir(workspace_root())
            .env("CARGO_TARGET_DIR", &target)
            .output()
            .unwrap();
        assert!(
            output.status.success(),
            "building the example failed:\n{}",
            String::from_utf8_lossy(&output.stderr)
        );
        target.join("debug/examples/describe_assessment_runs")
    })
}

fn run(server: &AwsServer, secret: &str, args: &[&str]) -> Output {
    Command::new(program())
        .args(["--region", "us-west-2", "--endpoint-url", &server.url()])
        .args(args)
        .env_clear()
        .env("AWS_ACCESS_KEY_ID", ACCESS_KEY_ID)
        .env("AWS_SECRET_ACCESS_KEY", secret)
        // No profile files of the machine's user.
        .env("AWS_CONFIG_FILE", "/nonexistent/config")
        .env("AWS_SHARED_CREDENTIALS_FILE", "/nonexistent/credentials")
        .output()
        .unwrap()
}

fn scenario(response: Value) -> Value {
    json!({
        "credentials": {"access_key_id": ACCESS_KEY_ID, "secret_access_key": SECRET},
        "region": "us-west-2",
        "service": "inspector",
        "exchanges": [{"response": response}],
    })
}

/// The example's timestamps are strings of epoch seconds; the response dict has numbers.
fn numbers_for_timestamps(value: &Value) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.iter()
                .map(|(key, value)| {
                    let value = match value.as_str() {
                        Some(text) if key.ends_with("At") => {
                            json!(text.parse::<f64>().unwrap())
                        }
                        _ => numbers_for_timestamps(value),
                    };
                    (key.clone(), value)
                })
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.iter().map(numbers_for_timestamps).collect()),
        other => other.clone(),
    }
}

#[test]
fn the_example_program_prints_the_model_example_run() {
    let (input, output) = model_example();
    let arn = input["assessmentRunArns"][0].as_str().unwrap();
    let server = AwsServer::start(&scenario(json!({
        "status": 200,
        "headers": {
            "content-type": "application/x-amz-json-1.1",
            "x-amzn-requestid": "8c5f7e1a-0000-4000-8000-example",
        },
        "body_json": output,
    })));
    let result = run(&server, SECRET, &[arn]);
    assert!(
        result.status.success(),
        "{}",
        String::from_utf8_lossy(&result.stderr)
    );
    let mut printed: Value = serde_json::from_slice(&result.stdout).unwrap();
    let metadata = printed
        .as_object_mut()
        .unwrap()
        .remove("ResponseMetadata")
        .expect("boto3's ResponseMetadata key");
    assert_eq!(printed, numbers_for_timestamps(&output));
    assert_eq!(metadata["RequestId"], "8c5f7e1a-0000-4000-8000-example");
    assert_eq!(metadata["HTTPStatusCode"], 200);
    assert_eq!(metadata["RetryAttempts"], 0);
    assert_eq!(
        metadata["HTTPHeaders"]["content-type"],
        "application/x-amz-json-1.1"
    );
    let requests = server.requests();
    assert_eq!(requests.len(), 1);
    assert_eq!(requests[0]["signature"], "valid", "{:#}", requests[0]);
    assert_eq!(
        serde_json::from_str::<Value>(requests[0]["body"].as_str().unwrap()).unwrap(),
        input
    );
}

#[test]
fn the_example_program_exits_non_zero_with_the_error_code_and_message() {
    let server = AwsServer::start(&scenario(json!({})));
    let result = run(
        &server,
        "a-wrong-secret",
        &["arn:aws:inspector:us-west-2:123456789012:target/x"],
    );
    assert_eq!(result.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert!(
        stderr.starts_with("error: InvalidSignatureException: "),
        "{stderr}"
    );
    assert!(!stderr.contains("a-wrong-secret"), "{stderr}");
}

#[test]
fn the_example_program_explains_wrong_arguments() {
    let server = AwsServer::start(&scenario(json!({})));
    let result = run(&server, SECRET, &[]);
    assert_eq!(result.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert!(stderr.contains("give at least one value"), "{stderr}");
    assert!(
        stderr.contains("usage: describe_assessment_runs"),
        "{stderr}"
    );
    assert!(server.requests().is_empty());
}
