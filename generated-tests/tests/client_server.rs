//! The generated clients against a real HTTP server on 127.0.0.1 (the runtime's scripted
//! `aws_server.py`), which checks method, path, headers and body, and verifies every SigV4
//! signature with botocore's signer: a signed call, a wrong secret, a modelled error, retries,
//! timeouts, pagination and profile credentials. Every scenario runs twice, through the async
//! `Client` (module `async_client`) and through the `blocking::Client` (module
//! `blocking_client`), with the same assertions.

mod common;
#[path = "../../runtime/tests/support/mod.rs"]
mod support;

use std::path::Path;
use std::time::{Duration, Instant};

use common::{model_example, runtime};
use futures_util::StreamExt as _;
use inspector::client::{Credentials, ProfileCredentials, ResponseMetadata, RetryConfig};
use inspector::operation::describe_assessment_runs::{
    DescribeAssessmentRunsError, DescribeAssessmentRunsOutput,
};
use serde_json::{Value, json};
use support::AwsServer;

type Describe = Result<DescribeAssessmentRunsOutput, inspector::Error<DescribeAssessmentRunsError>>;

/// The calls the scenarios make, through one of the two clients.
trait Calls {
    fn new(config: inspector::Config) -> Self;
    fn describe_with_metadata(
        &self,
        arn: &str,
    ) -> Result<
        (DescribeAssessmentRunsOutput, ResponseMetadata),
        inspector::Error<DescribeAssessmentRunsError>,
    >;
    /// Every assessment run ARN, through the paginator's items, `page_size` a page.
    fn run_arns(&self, page_size: i32) -> Vec<String>;
}

/// The async client, each call on a runtime of its own.
struct Async(inspector::Client);

impl Calls for Async {
    fn new(config: inspector::Config) -> Self {
        Self(inspector::Client::new(config))
    }

    fn describe_with_metadata(
        &self,
        arn: &str,
    ) -> Result<
        (DescribeAssessmentRunsOutput, ResponseMetadata),
        inspector::Error<DescribeAssessmentRunsError>,
    > {
        runtime().block_on(
            self.0
                .describe_assessment_runs()
                .assessment_run_arns(arn)
                .send_with_metadata(),
        )
    }

    fn run_arns(&self, page_size: i32) -> Vec<String> {
        runtime().block_on(
            self.0
                .list_assessment_runs()
                .into_paginator()
                .page_size(page_size)
                .items()
                .map(|item| item.unwrap())
                .collect(),
        )
    }
}

/// The blocking client: no runtime anywhere.
struct Blocking(inspector::blocking::Client);

impl Calls for Blocking {
    fn new(config: inspector::Config) -> Self {
        Self(inspector::blocking::Client::new(config))
    }

    fn describe_with_metadata(
        &self,
        arn: &str,
    ) -> Result<
        (DescribeAssessmentRunsOutput, ResponseMetadata),
        inspector::Error<DescribeAssessmentRunsError>,
    > {
        self.0
            .describe_assessment_runs()
            .assessment_run_arns(arn)
            .send_with_metadata()
    }

    fn run_arns(&self, page_size: i32) -> Vec<String> {
        self.0
            .list_assessment_runs()
            .into_paginator()
            .page_size(page_size)
            .items()
            .map(|item| item.unwrap())
            .collect()
    }
}

fn describe(client: &impl Calls, arn: impl AsRef<str>) -> Describe {
    client
        .describe_with_metadata(arn.as_ref())
        .map(|(output, _)| output)
}

/// Each scenario as a test of each client.
macro_rules! with_both_clients {
    ($($scenario:ident),* $(,)?) => {
        mod async_client {
            $(#[test] fn $scenario() { super::$scenario::<super::Async>() })*
        }
        mod blocking_client {
            $(#[test] fn $scenario() { super::$scenario::<super::Blocking>() })*
        }
    };
}

with_both_clients!(
    a_signed_call_verifies_against_botocore_and_parses_the_example_run,
    a_request_signed_with_a_wrong_secret_is_rejected,
    a_modelled_error_maps_to_its_typed_variant,
    a_500_then_a_200_is_retried_and_succeeds,
    a_400_is_not_retried,
    a_server_that_never_answers_hits_the_timeout,
    an_attempt_timeout_is_retried_then_gives_up,
    pagination_over_three_pages_yields_every_item,
    credentials_from_a_profile_file_are_used,
);

const ACCESS_KEY_ID: &str = "AKIDCLIENTTEST";
const SECRET: &str = "client/test+secret/EXAMPLEKEY";
const REGION: &str = "us-west-2";

fn scenario(exchanges: Value) -> Value {
    json!({
        "credentials": {"access_key_id": ACCESS_KEY_ID, "secret_access_key": SECRET},
        "region": REGION,
        "service": "inspector",
        "exchanges": exchanges,
    })
}

fn json_response(status: u16, body: Value) -> Value {
    json!({
        "status": status,
        "headers": {"content-type": "application/x-amz-json-1.1"},
        "body_json": body,
    })
}

fn config(server: &AwsServer) -> inspector::client::ConfigBuilder {
    inspector::Config::builder()
        .region(REGION)
        .endpoint_url(server.url())
        .credentials(Credentials::new(ACCESS_KEY_ID, SECRET, None))
        .retry_config(RetryConfig::standard().with_initial_backoff(Duration::from_millis(5)))
}

fn assert_all_signatures_valid(server: &AwsServer) {
    for request in server.requests() {
        assert_eq!(request["signature"], "valid", "{request:#}");
        assert_eq!(request["problems"], json!([]), "{request:#}");
    }
}

fn a_signed_call_verifies_against_botocore_and_parses_the_example_run<C: Calls>() {
    let (input, output) = model_example();
    let arn = input["assessmentRunArns"][0].as_str().unwrap().to_owned();
    let server = AwsServer::start(&scenario(json!([{
        "request": {
            "method": "POST",
            "path": "/",
            "headers": {
                "x-amz-target": "InspectorService.DescribeAssessmentRuns",
                "content-type": "application/x-amz-json-1.1",
            },
            "headers_present": ["x-amz-date", "authorization", "amz-sdk-invocation-id"],
            "headers_absent": ["x-amz-security-token"],
            "body_json": input,
        },
        "response": json_response(200, output),
    }])));
    let client = C::new(config(&server).build());
    let result = describe(&client, arn.clone()).unwrap();
    assert_all_signatures_valid(&server);
    assert_eq!(server.requests().len(), 1);
    let run = &result.assessment_runs[0];
    assert_eq!(run.arn, arn);
    assert_eq!(run.name, "Run 1 for ExampleAssessmentTemplate");
    assert_eq!(run.state.as_str(), "COMPLETED");
    assert_eq!(run.state_changes.len(), 8);
    assert_eq!(run.duration_in_seconds, 3600);
}

fn a_request_signed_with_a_wrong_secret_is_rejected<C: Calls>() {
    let server = AwsServer::start(&scenario(json!([{
        "response": json_response(200, json!({"assessmentRuns": [], "failedItems": {}})),
    }])));
    let client = C::new(
        config(&server)
            .credentials(Credentials::new(ACCESS_KEY_ID, "not-the-secret", None))
            .build(),
    );
    let error = describe(&client, "arn").unwrap_err();
    let service = error.as_service_error().expect("the server's answer");
    assert_eq!(service.code(), Some("InvalidSignatureException"), "{error}");
    let requests = server.requests();
    assert_eq!(requests.len(), 1, "a 403 is not retried");
    assert_eq!(requests[0]["signature"], "invalid");
}

fn a_modelled_error_maps_to_its_typed_variant<C: Calls>() {
    let server = AwsServer::start(&scenario(json!([{
        "response": json_response(400, json!({
            "__type": "InvalidInputException",
            "message": "Invalid ARN",
            "errorCode": "INVALID_ASSESSMENT_RUN_ARN",
            "canRetry": false,
        })),
    }])));
    let client = C::new(config(&server).build());
    let error = describe(&client, "arn").unwrap_err();
    let inspector::Error::Service(
        inspector::operation::describe_assessment_runs::DescribeAssessmentRunsError::InvalidInputException(
            exception,
        ),
    ) = &error
    else {
        panic!("expected InvalidInputException, got {error:?}");
    };
    assert_eq!(exception.message, "Invalid ARN");
    assert_eq!(exception.error_code.as_str(), "INVALID_ASSESSMENT_RUN_ARN");
    assert_eq!(server.requests().len(), 1, "a 400 is not retried");
    assert_all_signatures_valid(&server);
}

fn a_500_then_a_200_is_retried_and_succeeds<C: Calls>() {
    let server = AwsServer::start(&scenario(json!([
        {"response": json_response(500, json!({"__type": "InternalFailure", "message": "oops"}))},
        {"response": json_response(200, json!({"assessmentRuns": [], "failedItems": {}}))},
    ])));
    let client = C::new(config(&server).build());
    let (_, metadata) = client.describe_with_metadata("arn").unwrap();
    assert_eq!(metadata.status(), 200);
    assert_eq!(metadata.retry_attempts(), 1, "one retry before the answer");
    let requests = server.requests();
    assert_eq!(requests.len(), 2);
    assert_eq!(
        requests[0]["headers"]["amz-sdk-request"],
        "attempt=1; max=3"
    );
    assert_eq!(
        requests[1]["headers"]["amz-sdk-request"],
        "attempt=2; max=3"
    );
    assert_all_signatures_valid(&server);
}

fn a_400_is_not_retried<C: Calls>() {
    let server = AwsServer::start(&scenario(json!([
        {"response": json_response(400, json!({"__type": "ValidationException", "message": "no"}))},
        {"response": json_response(200, json!({"assessmentRuns": [], "failedItems": {}}))},
    ])));
    let client = C::new(config(&server).build());
    let error = describe(&client, "arn").unwrap_err();
    assert_eq!(
        error.as_service_error().unwrap().code(),
        Some("ValidationException")
    );
    assert_eq!(server.requests().len(), 1);
}

fn a_server_that_never_answers_hits_the_timeout<C: Calls>() {
    let server = AwsServer::start(&scenario(json!([{"hang": true, "repeat": 5}])));
    let client = C::new(
        config(&server)
            .operation_timeout(Duration::from_millis(500))
            .build(),
    );
    let started = Instant::now();
    let error = describe(&client, "arn").unwrap_err();
    let elapsed = started.elapsed();
    let inspector::Error::Dispatch(dispatch) = &error else {
        panic!("expected a timeout, got {error:?}");
    };
    assert!(dispatch.is_timeout(), "{dispatch}");
    assert!(
        elapsed >= Duration::from_millis(500) && elapsed < Duration::from_secs(5),
        "{elapsed:?}"
    );
}

fn an_attempt_timeout_is_retried_then_gives_up<C: Calls>() {
    let server = AwsServer::start(&scenario(json!([{"hang": true, "repeat": 5}])));
    let client = C::new(
        config(&server)
            .attempt_timeout(Duration::from_millis(300))
            .build(),
    );
    let started = Instant::now();
    let error = describe(&client, "arn").unwrap_err();
    let elapsed = started.elapsed();
    let inspector::Error::Dispatch(dispatch) = &error else {
        panic!("expected a timeout, got {error:?}");
    };
    assert!(dispatch.is_timeout(), "{dispatch}");
    assert!(
        dispatch.to_string().contains("attempt 3 of 3"),
        "{dispatch}"
    );
    assert_eq!(
        server.requests().len(),
        3,
        "each attempt timed out and was retried"
    );
    assert!(
        elapsed >= Duration::from_millis(900) && elapsed < Duration::from_secs(5),
        "{elapsed:?}"
    );
}

fn pagination_over_three_pages_yields_every_item<C: Calls>() {
    let page = |arns: &[&str], token: Option<&str>| {
        let mut body = json!({"assessmentRunArns": arns});
        if let Some(token) = token {
            body["nextToken"] = json!(token);
        }
        body
    };
    let request = |token: Option<&str>| {
        let mut body = json!({"maxResults": 2});
        if let Some(token) = token {
            body["nextToken"] = json!(token);
        }
        json!({"headers": {"x-amz-target": "InspectorService.ListAssessmentRuns"}, "body_json": body})
    };
    let server = AwsServer::start(&scenario(json!([
        {"request": request(None), "response": json_response(200, page(&["r1", "r2"], Some("p2")))},
        {"request": request(Some("p2")), "response": json_response(200, page(&["r3", "r4"], Some("p3")))},
        {"request": request(Some("p3")), "response": json_response(200, page(&["r5"], None))},
    ])));
    let client = C::new(config(&server).build());
    let items = client.run_arns(2);
    assert_eq!(items, ["r1", "r2", "r3", "r4", "r5"]);
    assert_eq!(server.requests().len(), 3);
    assert_all_signatures_valid(&server);
}

fn credentials_from_a_profile_file_are_used<C: Calls>() {
    let dir =
        Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("profiles-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let config_file = dir.join("config");
    let credentials_file = dir.join("credentials");
    std::fs::write(&config_file, "[profile tester]\nregion = us-west-2\n").unwrap();
    std::fs::write(
        &credentials_file,
        format!(
            "[default]\naws_access_key_id = AKIDWRONG\naws_secret_access_key = wrong\n\n\
             [tester]\naws_access_key_id = {ACCESS_KEY_ID}\naws_secret_access_key = {SECRET}\n"
        ),
    )
    .unwrap();
    let server = AwsServer::start(&scenario(json!([{
        "response": json_response(200, json!({"assessmentRuns": [], "failedItems": {}})),
    }])));
    let client = C::new(
        config(&server)
            .credentials_provider(ProfileCredentials::from_files(
                &config_file,
                &credentials_file,
                "tester",
            ))
            .build(),
    );
    describe(&client, "arn").unwrap();
    let requests = server.requests();
    assert_eq!(requests.len(), 1);
    assert!(
        requests[0]["headers"]["authorization"]
            .as_str()
            .unwrap()
            .contains(&format!("Credential={ACCESS_KEY_ID}/")),
        "{:#}",
        requests[0]
    );
    assert_all_signatures_valid(&server);
    std::fs::remove_dir_all(&dir).unwrap();
}
