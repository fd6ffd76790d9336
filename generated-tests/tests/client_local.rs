//! The client over an in-process transport that answers from a script and records what it
//! was sent: validation before sending, endpoint errors, paginators' token handling, and no
//! secrets in `Debug`. The tests against a real HTTP server are in `client_server.rs`.

mod common;

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};

use common::{describe, runtime};
use futures_util::StreamExt as _;
use inspector::client::{BoxFuture, Credentials, HttpClient, TransportError};

const SECRET: &str = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
const TOKEN: &str = "session-token-that-must-not-leak";

/// Answers with the scripted bodies in order (status 200), and records every request.
#[derive(Debug, Clone, Default)]
struct Scripted {
    responses: Arc<Mutex<VecDeque<(u16, String)>>>,
    requests: Arc<Mutex<Vec<http::Request<Vec<u8>>>>>,
}

impl Scripted {
    fn new(responses: &[(u16, serde_json::Value)]) -> Self {
        let scripted = Self::default();
        scripted
            .responses
            .lock()
            .unwrap()
            .extend(responses.iter().map(|(s, b)| (*s, b.to_string())));
        scripted
    }

    fn bodies(&self) -> Vec<serde_json::Value> {
        self.requests
            .lock()
            .unwrap()
            .iter()
            .map(|r| serde_json::from_slice(r.body()).unwrap())
            .collect()
    }
}

impl HttpClient for Scripted {
    fn send(
        &self,
        request: http::Request<Vec<u8>>,
    ) -> BoxFuture<'_, Result<http::Response<Vec<u8>>, TransportError>> {
        self.requests.lock().unwrap().push(request);
        let (status, body) = self
            .responses
            .lock()
            .unwrap()
            .pop_front()
            .expect("the script has a response for every request");
        Box::pin(async move {
            Ok(http::Response::builder()
                .status(status)
                .header("content-type", "application/x-amz-json-1.1")
                .body(body.into_bytes())
                .unwrap())
        })
    }
}

fn client_with(
    transport: &Scripted,
    configure: impl FnOnce(inspector::client::ConfigBuilder) -> inspector::client::ConfigBuilder,
) -> inspector::Client {
    let builder = inspector::Config::builder()
        .region("us-west-2")
        .credentials(Credentials::new(
            "AKIDEXAMPLE",
            SECRET,
            Some(TOKEN.to_owned()),
        ))
        .http_client(transport.clone());
    inspector::Client::new(configure(builder).build())
}

#[test]
fn an_input_that_breaks_a_constraint_is_not_sent() {
    let transport = Scripted::new(&[]);
    let client = client_with(&transport, |b| b);
    let error = describe(&client, "").unwrap_err();
    let inspector::Error::Validation(validation) = &error else {
        panic!("expected a validation error, got {error:?}");
    };
    assert_eq!(
        validation.violations()[0].to_string(),
        "assessmentRunArns[0]: length 0, less than the minimum 1"
    );
    assert!(
        transport.requests.lock().unwrap().is_empty(),
        "nothing was sent"
    );
}

#[test]
fn validation_can_be_turned_off() {
    let transport = Scripted::new(&[(
        200,
        serde_json::json!({"assessmentRuns": [], "failedItems": {}}),
    )]);
    let client = client_with(&transport, |b| b.validate_input(false));
    describe(&client, "").unwrap();
    assert_eq!(
        transport.bodies(),
        [serde_json::json!({"assessmentRunArns": [""]})]
    );
}

#[test]
fn a_missing_required_member_is_a_build_error() {
    let transport = Scripted::new(&[]);
    let client = client_with(&transport, |b| b);
    let error = runtime()
        .block_on(client.describe_assessment_runs().send())
        .unwrap_err();
    let inspector::Error::Build(build) = &error else {
        panic!("expected a build error, got {error:?}");
    };
    assert_eq!(build.wire_name(), "assessmentRunArns");
    assert!(transport.requests.lock().unwrap().is_empty());
}

#[test]
fn a_missing_region_is_a_configuration_error_not_a_panic() {
    let transport = Scripted::new(&[]);
    let client = inspector::Client::new(
        inspector::Config::builder()
            .credentials(Credentials::new("AKIDEXAMPLE", SECRET, None))
            .http_client(transport.clone())
            .build(),
    );
    let error = describe(&client, "arn").unwrap_err();
    assert!(matches!(error, inspector::Error::Endpoint(_)), "{error:?}");
    assert!(
        error.to_string().contains("Missing Region"),
        "the message says what is missing: {error}"
    );
    assert!(transport.requests.lock().unwrap().is_empty());
}

#[test]
fn the_endpoint_follows_the_region_fips_and_dual_stack() {
    let transport = Scripted::new(&[]);
    let url =
        |configure: fn(inspector::client::ConfigBuilder) -> inspector::client::ConfigBuilder| {
            client_with(&transport, configure)
                .endpoint()
                .unwrap()
                .url()
                .to_owned()
        };
    assert_eq!(url(|b| b), "https://inspector.us-west-2.amazonaws.com");
    assert_eq!(
        url(|b| b.use_fips(true)),
        "https://inspector-fips.us-west-2.amazonaws.com"
    );
    assert_eq!(
        url(|b| b.region("eu-central-1").use_dual_stack(true)),
        "https://inspector.eu-central-1.api.aws"
    );
    assert_eq!(
        url(|b| b.endpoint_url("http://127.0.0.1:9")),
        "http://127.0.0.1:9"
    );
}

#[test]
fn the_service_endpoint_url_comes_from_its_variable_then_the_global_one_then_the_profile() {
    let dir = std::env::temp_dir().join(format!("client-local-endpoints-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let config_file = dir.join("config");
    std::fs::write(
        &config_file,
        "[default]\nregion = us-west-2\nservices = local\nendpoint_url = http://profile-global:1\n\
         [services local]\ninspector =\n  endpoint_url = http://profile-inspector:2\n\
         dynamodb =\n  endpoint_url = http://profile-dynamodb:3\n",
    )
    .unwrap();
    let config_path = config_file.display().to_string();
    let url = |vars: &[(&str, &str)]| {
        let mut map: std::collections::HashMap<String, String> = vars
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        map.insert("AWS_CONFIG_FILE".into(), config_path.clone());
        map.insert(
            "AWS_SHARED_CREDENTIALS_FILE".into(),
            "/nonexistent/credentials".into(),
        );
        let config =
            inspector::client::Config::from_lookup(move |name| map.get(name).cloned()).unwrap();
        inspector::client::Client::new(config)
            .endpoint()
            .unwrap()
            .url()
            .to_owned()
    };
    // The profile's services section, for Inspector's key (not DynamoDB's).
    assert_eq!(url(&[]), "http://profile-inspector:2");
    assert_eq!(
        url(&[("AWS_ENDPOINT_URL", "http://env-global:4")]),
        "http://env-global:4"
    );
    assert_eq!(
        url(&[
            ("AWS_ENDPOINT_URL", "http://env-global:4"),
            ("AWS_ENDPOINT_URL_INSPECTOR", "http://env-inspector:5"),
            ("AWS_ENDPOINT_URL_DYNAMODB", "http://env-dynamodb:6"),
        ]),
        "http://env-inspector:5"
    );
    // Ignored: the rule set's endpoint for the profile's region.
    assert_eq!(
        url(&[
            ("AWS_ENDPOINT_URL_INSPECTOR", "http://env-inspector:5"),
            ("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "true"),
        ]),
        "https://inspector.us-west-2.amazonaws.com"
    );
}

#[test]
fn a_send_with_input_ignores_the_builder() {
    let transport = Scripted::new(&[(
        200,
        serde_json::json!({"assessmentRuns": [], "failedItems": {}}),
    )]);
    let client = client_with(&transport, |b| b);
    let input =
        inspector::operation::describe_assessment_runs::DescribeAssessmentRunsInput::builder()
            .assessment_run_arns("arn:one")
            .build()
            .unwrap();
    runtime()
        .block_on(
            client
                .describe_assessment_runs()
                .assessment_run_arns("arn:other")
                .send_with(input),
        )
        .unwrap();
    assert_eq!(
        transport.bodies(),
        [serde_json::json!({"assessmentRunArns": ["arn:one"]})]
    );
}

#[test]
fn a_paginator_follows_tokens_and_stops_without_one() {
    let transport = Scripted::new(&[
        (
            200,
            serde_json::json!({"assessmentRunArns": ["a", "b"], "nextToken": "t1"}),
        ),
        (
            200,
            serde_json::json!({"assessmentRunArns": ["c"], "nextToken": "t2"}),
        ),
        (200, serde_json::json!({"assessmentRunArns": ["d"]})),
    ]);
    let client = client_with(&transport, |b| b);
    let items: Vec<String> = runtime().block_on(
        client
            .list_assessment_runs()
            .into_paginator()
            .page_size(2)
            .items()
            .map(Result::unwrap)
            .collect(),
    );
    assert_eq!(items, ["a", "b", "c", "d"]);
    assert_eq!(
        transport.bodies(),
        [
            serde_json::json!({"maxResults": 2}),
            serde_json::json!({"maxResults": 2, "nextToken": "t1"}),
            serde_json::json!({"maxResults": 2, "nextToken": "t2"}),
        ]
    );
}

#[test]
fn a_paginator_errors_on_a_repeated_token() {
    let transport = Scripted::new(&[
        (
            200,
            serde_json::json!({"assessmentRunArns": ["a"], "nextToken": "same"}),
        ),
        (
            200,
            serde_json::json!({"assessmentRunArns": ["b"], "nextToken": "same"}),
        ),
    ]);
    let client = client_with(&transport, |b| b);
    let pages: Vec<_> = runtime().block_on(
        client
            .list_assessment_runs()
            .into_paginator()
            .send()
            .collect(),
    );
    assert_eq!(pages.len(), 3, "two pages, then the error: {pages:?}");
    assert_eq!(pages[0].as_ref().unwrap().assessment_run_arns, ["a"]);
    assert_eq!(pages[1].as_ref().unwrap().assessment_run_arns, ["b"]);
    let error = pages[2].as_ref().unwrap_err();
    assert!(
        matches!(error, inspector::Error::RepeatedPageToken(token) if token == "same"),
        "{error:?}"
    );
    assert_eq!(
        transport.requests.lock().unwrap().len(),
        2,
        "no third request"
    );
}

#[test]
fn a_modelled_error_maps_to_its_variant() {
    let transport = Scripted::new(&[(
        400,
        serde_json::json!({
            "__type": "InvalidInputException",
            "message": "bad ARN",
            "errorCode": "INVALID_ASSESSMENT_RUN_ARN",
            "canRetry": false
        }),
    )]);
    let client = client_with(&transport, |b| b);
    let error = describe(&client, "arn").unwrap_err();
    let service = error.as_service_error().expect("a service error");
    assert!(service.is_invalid_input_exception(), "{service:?}");
    assert_eq!(service.message(), Some("bad ARN"));
    assert_eq!(
        transport.requests.lock().unwrap().len(),
        1,
        "a 400 is not retried"
    );
}

#[test]
fn a_modelled_error_that_can_retry_is_retried() {
    let transport = Scripted::new(&[
        (
            500,
            serde_json::json!({
                "__type": "InternalException",
                "message": "try again",
                "canRetry": true
            }),
        ),
        (
            200,
            serde_json::json!({"assessmentRuns": [], "failedItems": {}}),
        ),
    ]);
    let client = client_with(&transport, |b| {
        b.retry_config(
            inspector::client::RetryConfig::default()
                .with_initial_backoff(std::time::Duration::from_millis(1)),
        )
    });
    describe(&client, "arn").unwrap();
    assert_eq!(transport.requests.lock().unwrap().len(), 2);
}

#[test]
fn debug_output_never_shows_secrets() {
    let transport = Scripted::new(&[]);
    let client = client_with(&transport, |b| b);
    let shown = format!("{client:?} {:?}", client.config());
    assert!(!shown.contains(SECRET), "{shown}");
    assert!(!shown.contains(TOKEN), "{shown}");
    assert!(
        shown.contains("AKIDEXAMPLE") || shown.contains("redacted"),
        "{shown}"
    );
}
