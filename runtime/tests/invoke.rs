//! `invoke` against a real HTTP server on 127.0.0.1 that checks signatures with botocore
//! (`tests/server/aws_server.py`).

mod support;

use std::time::{Duration, Instant};

use serde_json::{Value, json};
use service_runtime::endpoint::Endpoint;
use service_runtime::{
    Config, Credentials, DispatchErrorKind, ErrorInfo, InvokeError, ProfileCredentials,
    RetryConfig, Service, invoke,
};
use support::AwsServer;

const SERVICE: Service = Service {
    signing_name: "inspector",
    auth: &[],
    user_agent: "inspector/0.1.0",
};
const TARGET: &str = "InspectorService.ListFindings";
const ACCESS_KEY_ID: &str = "AKIDTESTRUNTIME";
const SECRET: &str = "test/secret+key/EXAMPLE";

/// What the trivial `parse` makes of an error response.
#[derive(Debug)]
struct TestError {
    status: u16,
    code: Option<String>,
    message: String,
}

fn parse(response: &http::Response<Vec<u8>>) -> Result<Value, TestError> {
    let body: Value = serde_json::from_slice(response.body()).unwrap_or(Value::Null);
    if response.status().is_success() {
        return Ok(body);
    }
    Err(TestError {
        status: response.status().as_u16(),
        code: body["__type"].as_str().map(str::to_owned),
        message: body["message"].as_str().unwrap_or_default().to_owned(),
    })
}

fn error_info(error: &TestError) -> ErrorInfo<'_> {
    ErrorInfo {
        code: error.code.as_deref(),
        modelled_retryable: false,
    }
}

fn request(body: &Value) -> http::Request<Vec<u8>> {
    http::Request::builder()
        .method("POST")
        .uri("/")
        .header("content-type", "application/x-amz-json-1.1")
        .header("x-amz-target", TARGET)
        .body(serde_json::to_vec(body).unwrap())
        .unwrap()
}

fn scenario(token: Option<&str>, exchanges: Value) -> Value {
    json!({
        "credentials": {
            "access_key_id": ACCESS_KEY_ID,
            "secret_access_key": SECRET,
            "session_token": token,
        },
        "region": "us-west-2",
        "service": "inspector",
        "exchanges": exchanges,
    })
}

fn ok(body: Value) -> Value {
    json!({"response": {"status": 200, "headers": {"content-type": "application/x-amz-json-1.1"}, "body_json": body}})
}

fn error(status: u16, code: &str) -> Value {
    json!({"response": {"status": status, "body_json": {"__type": code, "message": format!("scripted {code}")}}})
}

/// Static credentials, us-west-2, backoff short enough for tests.
fn config() -> service_runtime::ConfigBuilder {
    Config::builder()
        .region("us-west-2")
        .credentials(Credentials::new(ACCESS_KEY_ID, SECRET, None))
        .retry_config(RetryConfig::standard().with_initial_backoff(Duration::from_millis(20)))
}

async fn call(config: &Config, server: &AwsServer) -> Result<Value, InvokeError<TestError>> {
    let endpoint = Endpoint::new(server.url());
    invoke(
        config,
        &SERVICE,
        &endpoint,
        request(&json!({"maxResults": 5})),
        parse,
        error_info,
    )
    .await
}

fn header<'a>(request: &'a Value, name: &str) -> &'a str {
    request["headers"][name]
        .as_str()
        .unwrap_or_else(|| panic!("no header {name} in {request:#}"))
}

#[tokio::test]
async fn signed_request_verifies_against_botocore() {
    let exchange = json!({
        "request": {
            "method": "POST",
            "path": "/",
            "headers": {"x-amz-target": TARGET, "content-type": "application/x-amz-json-1.1"},
            "headers_present": ["amz-sdk-invocation-id", "x-amz-user-agent", "x-amz-date", "authorization"],
            "headers_absent": ["x-amz-security-token"],
            "body_json": {"maxResults": 5},
        },
        "response": {"status": 200, "body_json": {"findingArns": ["arn:1"]}},
    });
    let server = AwsServer::start(&scenario(None, json!([exchange])));
    let output = call(&config().build(), &server).await.unwrap();
    assert_eq!(output, json!({"findingArns": ["arn:1"]}));

    let requests = server.requests();
    assert_eq!(requests.len(), 1);
    let request = &requests[0];
    assert_eq!(request["signature"], "valid", "{request:#}");
    assert_eq!(request["problems"], json!([]));
    assert_eq!(header(request, "amz-sdk-request"), "attempt=1; max=3");
    assert!(header(request, "user-agent").starts_with("inspector/0.1.0 service-runtime/"));
    assert_eq!(
        header(request, "user-agent"),
        header(request, "x-amz-user-agent")
    );
    let authorization = header(request, "authorization");
    assert!(
        authorization.starts_with(&format!("AWS4-HMAC-SHA256 Credential={ACCESS_KEY_ID}/")),
        "{authorization}"
    );
    assert!(
        authorization.contains("/us-west-2/inspector/aws4_request"),
        "{authorization}"
    );
}

#[tokio::test]
async fn request_signed_with_a_wrong_secret_is_rejected_and_not_retried() {
    let server = AwsServer::start(&scenario(None, json!([ok(json!({}))])));
    let config = config()
        .credentials(Credentials::new(ACCESS_KEY_ID, "not-the-secret", None))
        .build();
    let error = call(&config, &server).await.unwrap_err();
    let InvokeError::Service(error) = error else {
        panic!("expected the service's error, got {error:?}");
    };
    assert_eq!(error.status, 403);
    assert_eq!(error.code.as_deref(), Some("InvalidSignatureException"));
    assert!(
        error.message.contains("does not match"),
        "{}",
        error.message
    );
    let requests = server.requests();
    assert_eq!(requests.len(), 1, "a 403 is not retried");
    assert_eq!(requests[0]["signature"], "invalid");
}

#[tokio::test]
async fn server_error_is_retried_then_succeeds() {
    let server = AwsServer::start(&scenario(
        None,
        json!([error(500, "InternalException"), ok(json!({"done": true}))]),
    ));
    let output = call(&config().build(), &server).await.unwrap();
    assert_eq!(output, json!({"done": true}));
    let requests = server.requests();
    assert_eq!(requests.len(), 2);
    assert_eq!(header(&requests[0], "amz-sdk-request"), "attempt=1; max=3");
    assert_eq!(header(&requests[1], "amz-sdk-request"), "attempt=2; max=3");
    // One invocation id per call; each attempt signed afresh and valid.
    assert_eq!(
        header(&requests[0], "amz-sdk-invocation-id"),
        header(&requests[1], "amz-sdk-invocation-id")
    );
    assert!(
        requests.iter().all(|r| r["signature"] == "valid"),
        "{requests:#?}"
    );
}

#[tokio::test]
async fn server_errors_until_max_attempts_return_the_last_service_error() {
    let server = AwsServer::start(&scenario(
        None,
        json!([{"response": {"status": 503, "body_json": {"__type": "ServiceUnavailable"}}, "repeat": 3}]),
    ));
    let error = call(&config().build(), &server).await.unwrap_err();
    assert_eq!(error.as_service_error().map(|e| e.status), Some(503));
    assert_eq!(server.requests().len(), 3);
}

#[tokio::test]
async fn client_error_is_not_retried() {
    let server = AwsServer::start(&scenario(
        None,
        json!([error(400, "InvalidInputException"), ok(json!({}))]),
    ));
    let error = call(&config().build(), &server).await.unwrap_err();
    let error = error.into_service_error().expect("the service's error");
    assert_eq!(
        (error.status, error.code.as_deref()),
        (400, Some("InvalidInputException"))
    );
    assert_eq!(server.requests().len(), 1);
}

#[tokio::test]
async fn throttling_error_is_retried() {
    let server = AwsServer::start(&scenario(
        None,
        json!([error(400, "ThrottlingException"), ok(json!({}))]),
    ));
    call(&config().build(), &server).await.unwrap();
    assert_eq!(server.requests().len(), 2);
}

#[tokio::test]
async fn error_the_model_marks_retryable_is_retried() {
    let server = AwsServer::start(&scenario(
        None,
        json!([
            error(400, "ServiceTemporarilyUnavailableException"),
            ok(json!({}))
        ]),
    ));
    let endpoint = Endpoint::new(server.url());
    invoke(
        &config().build(),
        &SERVICE,
        &endpoint,
        request(&json!({})),
        parse,
        // Passed inline, the closure takes its signature from `invoke`'s bound.
        |error: &TestError| ErrorInfo {
            code: error.code.as_deref(),
            modelled_retryable: error.code.as_deref()
                == Some("ServiceTemporarilyUnavailableException"),
        },
    )
    .await
    .unwrap();
    assert_eq!(server.requests().len(), 2);
}

#[tokio::test]
async fn unanswered_attempts_time_out_and_are_retried() {
    let server = AwsServer::start(&scenario(None, json!([{"hang": true, "repeat": 5}])));
    let config = config()
        .attempt_timeout(Duration::from_millis(300))
        .max_attempts(2)
        .build();
    let started = Instant::now();
    let error = call(&config, &server).await.unwrap_err();
    let elapsed = started.elapsed();
    let error = error.as_dispatch_error().expect("a dispatch error");
    assert_eq!(error.kind(), DispatchErrorKind::Timeout);
    assert!(
        error
            .to_string()
            .contains("attempt timeout of 300ms elapsed on attempt 2 of 2"),
        "{error}"
    );
    assert!(error.to_string().starts_with(TARGET), "{error}");
    // Two attempts of 300 ms and a backoff of at most 20 ms.
    assert!(elapsed >= Duration::from_millis(600), "{elapsed:?}");
    assert!(elapsed < Duration::from_secs(3), "{elapsed:?}");
    assert_eq!(server.requests().len(), 2);
}

#[tokio::test]
async fn operation_timeout_bounds_the_whole_call() {
    let server = AwsServer::start(&scenario(None, json!([{"hang": true, "repeat": 5}])));
    let config = config()
        .operation_timeout(Duration::from_millis(500))
        .build();
    let started = Instant::now();
    let error = call(&config, &server).await.unwrap_err();
    let elapsed = started.elapsed();
    let error = error.as_dispatch_error().expect("a dispatch error");
    assert!(error.is_timeout());
    assert_eq!(
        error.to_string(),
        format!("{TARGET}: the operation timeout of 500ms elapsed")
    );
    assert!(elapsed >= Duration::from_millis(500), "{elapsed:?}");
    assert!(elapsed < Duration::from_secs(3), "{elapsed:?}");
    assert_eq!(server.requests().len(), 1);
}

#[tokio::test]
async fn credentials_from_a_profile_file_are_used_and_verify() {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("profile-credentials-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let credentials_file = dir.join("credentials");
    std::fs::write(
        &credentials_file,
        format!(
            "# written by the test\n[default]\naws_access_key_id = WRONG\naws_secret_access_key = WRONG\n\n\
             [integration]\naws_access_key_id = {ACCESS_KEY_ID}\naws_secret_access_key = {SECRET}\n"
        ),
    )
    .unwrap();
    let server = AwsServer::start(&scenario(None, json!([ok(json!({"from": "profile"}))])));
    let config = config()
        .credentials_provider(ProfileCredentials::from_files(
            dir.join("config"),
            &credentials_file,
            "integration",
        ))
        .build();
    let output = call(&config, &server).await.unwrap();
    assert_eq!(output, json!({"from": "profile"}));
    assert_eq!(server.requests()[0]["signature"], "valid");
}

#[tokio::test]
async fn session_token_is_sent_as_x_amz_security_token_and_signed() {
    let token = "FwoGZXIvYXdzEXAMPLETOKEN//+=";
    let server = AwsServer::start(&scenario(Some(token), json!([ok(json!({}))])));
    let config = config()
        .credentials(Credentials::new(
            ACCESS_KEY_ID,
            SECRET,
            Some(token.to_owned()),
        ))
        .build();
    call(&config, &server).await.unwrap();
    let request = &server.requests()[0];
    assert_eq!(header(request, "x-amz-security-token"), token);
    assert!(header(request, "authorization").contains("x-amz-security-token"));
    assert_eq!(request["signature"], "valid", "{request:#}");
}

#[tokio::test]
async fn endpoint_headers_are_sent_and_signed() {
    let exchange = json!({"request": {"headers": {"x-endpoint-header": "from-rules"}}, "response": {"status": 200}});
    let server = AwsServer::start(&scenario(None, json!([exchange])));
    let endpoint = Endpoint::new(server.url()).with_header("x-endpoint-header", "from-rules");
    invoke(
        &config().build(),
        &SERVICE,
        &endpoint,
        request(&json!({})),
        parse,
        error_info,
    )
    .await
    .unwrap();
    let request = &server.requests()[0];
    assert_eq!(request["problems"], json!([]), "{request:#}");
    assert_eq!(request["signature"], "valid");
}

#[tokio::test]
async fn refused_connections_are_retried_then_reported_as_transport_errors() {
    // A port that was free a moment ago: nothing listens on it.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let endpoint = Endpoint::new(format!("http://127.0.0.1:{port}"));
    let config = config().max_attempts(2).build();
    let error = invoke(
        &config,
        &SERVICE,
        &endpoint,
        request(&json!({})),
        parse,
        error_info,
    )
    .await
    .unwrap_err();
    let error = error.as_dispatch_error().expect("a dispatch error");
    assert_eq!(error.kind(), DispatchErrorKind::Transport);
    let message = error.to_string();
    assert!(
        message.contains("failed on attempt 2 of 2: connect error"),
        "{message}"
    );
    assert!(std::error::Error::source(error).is_some());
}

#[tokio::test]
async fn missing_region_is_a_config_error_before_anything_is_sent() {
    let config = Config::builder()
        .credentials(Credentials::new(ACCESS_KEY_ID, SECRET, None))
        .build();
    let endpoint = Endpoint::new("http://127.0.0.1:9");
    let error = invoke(
        &config,
        &SERVICE,
        &endpoint,
        request(&json!({})),
        parse,
        error_info,
    )
    .await
    .unwrap_err();
    let error = error.as_dispatch_error().expect("a dispatch error");
    assert_eq!(error.kind(), DispatchErrorKind::Config);
    assert_eq!(
        error.to_string(),
        format!("{TARGET}: no region: set it with Config::builder().region(..) or AWS_REGION")
    );
}

#[tokio::test]
async fn credentials_errors_surface_without_secrets() {
    let config = Config::builder()
        .region("us-west-2")
        .credentials_provider(ProfileCredentials::from_files(
            "/nonexistent/c",
            "/nonexistent/k",
            "ghost",
        ))
        .build();
    let endpoint = Endpoint::new("http://127.0.0.1:9");
    let error = invoke(
        &config,
        &SERVICE,
        &endpoint,
        request(&json!({})),
        parse,
        error_info,
    )
    .await
    .unwrap_err();
    let error = error.as_dispatch_error().expect("a dispatch error");
    assert_eq!(error.kind(), DispatchErrorKind::Credentials);
    assert!(
        error.to_string().contains("profile `ghost` not found"),
        "{error}"
    );
}
