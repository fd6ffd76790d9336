//! The blocking runtime (`service_runtime::blocking`) against the scripted server on
//! 127.0.0.1, which verifies each SigV4 signature with botocore's signer: a signed call, a 500
//! retried into a 200, and the operation timeout over a server that never answers. CI also
//! runs it with only the `blocking` feature (`--no-default-features --features blocking`), where
//! no tokio runtime exists and the calling thread drives the loop.

mod support;

use std::time::{Duration, Instant};

use serde_json::json;
use service_runtime::endpoint::Endpoint;
use service_runtime::{Config, Credentials, DispatchErrorKind, ErrorInfo, InvokeError, Service};
use support::AwsServer;

const SERVICE: Service = Service {
    signing_name: "inspector",
    auth: &[],
    user_agent: "blocking-invoke/1",
};

fn scenario(exchanges: serde_json::Value) -> serde_json::Value {
    json!({
        "credentials": {"access_key_id": "AKIDBLOCKING", "secret_access_key": "blocking/secret"},
        "region": "us-west-2",
        "service": "inspector",
        "exchanges": exchanges,
    })
}

fn config() -> service_runtime::ConfigBuilder {
    Config::builder()
        .region("us-west-2")
        .credentials(Credentials::new("AKIDBLOCKING", "blocking/secret", None))
        .retry_config(
            service_runtime::RetryConfig::standard().with_initial_backoff(Duration::from_millis(5)),
        )
}

fn call(config: &Config, server: &AwsServer) -> Result<String, InvokeError<u16>> {
    let request = http::Request::builder()
        .method("POST")
        .uri("/")
        .header("x-amz-target", "InspectorService.ListFindings")
        .header("content-type", "application/x-amz-json-1.1")
        .body(b"{}".to_vec())
        .unwrap();
    service_runtime::blocking::invoke(
        config,
        &SERVICE,
        &Endpoint::new(server.url()),
        request,
        |response| match response.status().as_u16() {
            200 => Ok(String::from_utf8(response.body().clone()).unwrap()),
            status => Err(status),
        },
        |_| ErrorInfo::default(),
    )
}

#[test]
fn a_signed_call_then_a_retried_500() {
    let ok = json!({"status": 200, "body": "{\"findingArns\": []}"});
    let server = AwsServer::start(&scenario(json!([
        {"request": {"headers": {"x-amz-target": "InspectorService.ListFindings"}}, "response": ok},
        {"response": {"status": 500, "body": "{\"__type\": \"InternalFailure\"}"}},
        {"response": ok},
    ])));
    let config = config().build();
    assert_eq!(call(&config, &server).unwrap(), "{\"findingArns\": []}");
    assert_eq!(call(&config, &server).unwrap(), "{\"findingArns\": []}");
    let requests = server.requests();
    assert_eq!(requests.len(), 3);
    for request in &requests {
        assert_eq!(request["signature"], "valid", "{request}");
        assert_eq!(request["problems"], json!([]), "{request}");
    }
    assert_eq!(
        requests[2]["headers"]["amz-sdk-request"],
        "attempt=2; max=3"
    );
}

#[test]
fn the_operation_timeout_ends_a_call_to_a_server_that_never_answers() {
    let server = AwsServer::start(&scenario(json!([{"hang": true, "repeat": 5}])));
    let config = config()
        .operation_timeout(Duration::from_millis(600))
        .attempt_timeout(Duration::from_millis(250))
        .build();
    let started = Instant::now();
    let error = call(&config, &server).unwrap_err();
    let elapsed = started.elapsed();
    let InvokeError::Dispatch(dispatch) = &error else {
        panic!("expected a timeout, got {error:?}");
    };
    assert_eq!(dispatch.kind(), DispatchErrorKind::Timeout, "{dispatch}");
    assert!(
        elapsed >= Duration::from_millis(600) && elapsed < Duration::from_secs(3),
        "{elapsed:?}"
    );
    // Two attempts of 250 ms, then the third cut short by the operation's 600 ms.
    assert_eq!(server.requests().len(), 3);
    assert!(
        dispatch.to_string().contains("operation timeout"),
        "{dispatch}"
    );
}
