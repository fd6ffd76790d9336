//! Streaming bodies through both clients' dispatch loops, against the scripted server on
//! 127.0.0.1 (which verifies each SigV4 signature with botocore's signer over the body it
//! received): a response whose chunks the server sends 300 ms apart is read chunk by chunk as
//! they arrive; error responses of a streaming call are read whole, parsed and retried; a file
//! upload is signed with its hash, sent in chunks and sent again on a retry; an unsigned
//! one-shot stream is sent chunked, once, and not retried (a signed one is gathered first, for
//! its hash). The blocking test needs the `blocking` feature (on in the workspace's tests).

#![allow(clippy::result_large_err)]

mod support;

use std::time::{Duration, Instant};

use serde_json::{Value, json};
use service_runtime::endpoint::Endpoint;
use service_runtime::stream::{ByteStream, Bytes};
use service_runtime::{Config, Credentials, ErrorInfo, InvokeError, Service};
use support::AwsServer;

const SERVICE: Service = Service {
    signing_name: "polly",
    auth: &[],
    user_agent: "streaming-test/1",
};

fn scenario(exchanges: Value) -> Value {
    json!({
        "credentials": {"access_key_id": "AKIDSTREAM", "secret_access_key": "stream/secret"},
        "region": "us-west-2",
        "service": "polly",
        "exchanges": exchanges,
    })
}

fn config() -> Config {
    Config::builder()
        .region("us-west-2")
        .credentials(Credentials::new("AKIDSTREAM", "stream/secret", None))
        .retry_config(
            service_runtime::RetryConfig::standard().with_initial_backoff(Duration::from_millis(5)),
        )
        .build()
}

fn request(body: impl Into<ByteStream>) -> http::Request<ByteStream> {
    http::Request::builder()
        .method("POST")
        .uri("/v1/speech")
        .header("content-type", "application/json")
        .body(body.into())
        .unwrap()
}

/// The status of an error response, as the operation's error.
fn status_error(response: &http::Response<Vec<u8>>) -> u16 {
    response.status().as_u16()
}

fn no_problems(server: &AwsServer) -> Vec<Value> {
    let requests = server.requests();
    for request in &requests {
        assert_eq!(request["signature"], "valid", "{request}");
        assert_eq!(request["problems"], json!([]), "{request}");
    }
    requests
}

fn chunked(chunks: &[&str], delay: f64) -> Value {
    json!({"status": 200, "headers": {"content-type": "audio/mpeg"},
           "chunks": chunks, "chunk_delay_seconds": delay})
}

fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::Digest as _;
    sha2::Sha256::digest(bytes)
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect()
}

fn temp_file(name: &str, content: &[u8]) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("streaming-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, content).unwrap();
    path
}

/// Reads `body` chunk by chunk, noting when each chunk came.
async fn arrivals(mut body: ByteStream, started: Instant) -> Vec<(Duration, Bytes)> {
    let mut seen = Vec::new();
    while let Some(chunk) = body.next().await {
        seen.push((started.elapsed(), chunk.unwrap()));
    }
    seen
}

/// The chunks came one by one: the last came at least `spread` after the first.
fn assert_spread(seen: &[(Duration, Bytes)], expected: &str, spread: Duration) {
    let text: Vec<u8> = seen.iter().flat_map(|(_, chunk)| chunk.to_vec()).collect();
    assert_eq!(String::from_utf8(text).unwrap(), expected);
    let (first, last) = (seen.first().unwrap().0, seen.last().unwrap().0);
    assert!(
        last - first >= spread,
        "the chunks came together, not as sent: {:?}",
        seen.iter().map(|(at, _)| *at).collect::<Vec<_>>()
    );
}

#[tokio::test]
async fn a_streamed_response_is_read_as_its_chunks_arrive() {
    let server = AwsServer::start(&scenario(json!([
        {"response": chunked(&["one,", "two,", "three,", "four"], 0.3)},
    ])));
    let started = Instant::now();
    let (body, metadata) = service_runtime::invoke_streaming(
        &config(),
        &SERVICE,
        &Endpoint::new(server.url()),
        request(r#"{"Text": "hello"}"#),
        |response| Ok(response.into_body()),
        status_error,
        |_| ErrorInfo::default(),
    )
    .await
    .unwrap();
    // The call returns with the head, before the body's last chunk is sent.
    assert!(
        started.elapsed() < Duration::from_millis(800),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(metadata.status(), 200);
    assert_eq!(metadata.request_id(), Some("request-0"));
    let seen = arrivals(body, started).await;
    assert_spread(&seen, "one,two,three,four", Duration::from_millis(800));
    no_problems(&server);
}

#[tokio::test]
async fn a_streaming_call_s_errors_are_read_whole_and_retried() {
    let server = AwsServer::start(&scenario(json!([
        {"response": {"status": 500, "body": "{\"__type\": \"ServiceFailureException\"}"}},
        {"response": chunked(&["audio"], 0.0)},
        {"response": {"status": 400, "body": "{\"__type\": \"InvalidSsmlException\"}"}},
    ])));
    let config = config();
    let endpoint = Endpoint::new(server.url());
    let call = || {
        service_runtime::invoke_streaming(
            &config,
            &SERVICE,
            &endpoint,
            request("{}"),
            |response| Ok(response.into_body()),
            |response| String::from_utf8(response.body().clone()).unwrap(),
            |_| ErrorInfo::default(),
        )
    };
    let (body, metadata) = call().await.unwrap();
    assert_eq!(metadata.retry_attempts(), 1);
    assert_eq!(body.collect().await.unwrap(), "audio");
    let error = call().await.map(|_| ()).unwrap_err().0;
    let InvokeError::Service(body) = error else {
        panic!("expected the service's error, got {error:?}");
    };
    assert!(body.contains("InvalidSsmlException"), "{body}");
    assert_eq!(no_problems(&server).len(), 3);
}

#[tokio::test]
async fn a_file_upload_is_signed_with_its_hash_and_sent_again_on_a_retry() {
    let content: Vec<u8> = (0..300_000u32).map(|i| (i % 253) as u8).collect();
    let path = temp_file("upload", &content);
    let server = AwsServer::start(&scenario(json!([
        {"response": {"status": 503, "body": "{}"}},
        {"response": {"status": 200, "body": "{\"ok\": true}"}},
    ])));
    let output = service_runtime::invoke(
        &config(),
        &SERVICE,
        &Endpoint::new(server.url()),
        request(ByteStream::from_path(&path).unwrap()),
        |response| match response.status().as_u16() {
            200 => Ok(String::from_utf8(response.body().clone()).unwrap()),
            status => Err(status),
        },
        |_| ErrorInfo::default(),
    )
    .await
    .unwrap();
    assert_eq!(output, "{\"ok\": true}");
    let requests = no_problems(&server);
    assert_eq!(requests.len(), 2);
    for request in &requests {
        assert_eq!(request["body_length"], content.len());
        assert_eq!(request["body_sha256"], sha256_hex(&content));
        assert_eq!(
            request["headers"]["content-length"],
            content.len().to_string()
        );
        assert_eq!(
            request["headers"]["x-amz-content-sha256"].as_str(),
            None,
            "SigV4 over plain HTTP covers the payload's hash without the header"
        );
    }
}

fn one_shot() -> ByteStream {
    ByteStream::from_stream(futures_util::stream::iter(
        ["first ", "second ", "third"].map(|text| Ok::<_, std::io::Error>(Bytes::from(text))),
    ))
}

#[tokio::test]
async fn a_one_shot_stream_is_sent_once_and_not_retried_unless_signing_gathered_it() {
    let exchanges = json!([
        {"response": {"status": 500, "body": "{}"}},
        {"response": {"status": 200, "body": "{}"}},
    ]);
    let parse = |response: &http::Response<Vec<u8>>| match response.status().as_u16() {
        200 => Ok(()),
        status => Err(status),
    };
    // Unsigned: streamed with chunked transfer encoding, once.
    let unsigned = Service {
        auth: &[service_runtime::AuthScheme::NoAuth],
        ..SERVICE
    };
    let server = AwsServer::start(&json!({"exchanges": exchanges}));
    let result = service_runtime::invoke(
        &config(),
        &unsigned,
        &Endpoint::new(server.url()),
        request(one_shot()),
        parse,
        |_| ErrorInfo::default(),
    )
    .await;
    assert!(
        matches!(result, Err(InvokeError::Service(500))),
        "{result:?}"
    );
    let requests = server.requests();
    assert_eq!(requests.len(), 1, "a stream read once cannot be sent again");
    assert_eq!(requests[0]["body"], "first second third");
    assert_eq!(requests[0]["headers"]["transfer-encoding"], "chunked");
    // Signed over HTTP, the payload's hash is needed first: the stream is gathered, so it can
    // be sent again.
    let server = AwsServer::start(&scenario(exchanges));
    let result = service_runtime::invoke(
        &config(),
        &SERVICE,
        &Endpoint::new(server.url()),
        request(one_shot()),
        parse,
        |_| ErrorInfo::default(),
    )
    .await;
    assert!(result.is_ok(), "{result:?}");
    let requests = no_problems(&server);
    assert_eq!(requests.len(), 2);
    assert_eq!(requests[1]["body"], "first second third");
}

#[cfg(feature = "blocking")]
#[test]
fn the_blocking_client_reads_a_streamed_response_as_it_arrives() {
    let server = AwsServer::start(&scenario(json!([
        {"response": chunked(&["alpha,", "beta,", "gamma"], 0.3)},
        {"response": {"status": 500, "body": "{}"}},
        {"response": chunked(&["x"], 0.0)},
    ])));
    let config = Config::builder()
        .region("us-west-2")
        .credentials(Credentials::new("AKIDSTREAM", "stream/secret", None))
        .retry_config(
            service_runtime::RetryConfig::standard().with_initial_backoff(Duration::from_millis(5)),
        )
        .blocking_http_client(service_runtime::blocking::UreqClient::default())
        .build();
    let path = temp_file("blocking-upload", &[5u8; 100_000]);
    let call = |body: ByteStream| {
        service_runtime::blocking::invoke_streaming(
            &config,
            &SERVICE,
            &Endpoint::new(server.url()),
            request(body),
            |response| Ok(response.into_body()),
            status_error,
            |_| ErrorInfo::default(),
        )
    };
    let started = Instant::now();
    let (mut body, _) = call(ByteStream::from("{}")).unwrap();
    assert!(
        started.elapsed() < Duration::from_millis(500),
        "{:?}",
        started.elapsed()
    );
    let mut seen = Vec::new();
    while let Some(chunk) = body.next_blocking() {
        seen.push((started.elapsed(), chunk.unwrap()));
    }
    assert_spread(&seen, "alpha,beta,gamma", Duration::from_millis(500));
    // A file body, retried after a 500: sent whole twice.
    let (body, metadata) = call(ByteStream::from_path(&path).unwrap()).unwrap();
    assert_eq!(metadata.retry_attempts(), 1);
    let mut text = String::new();
    std::io::Read::read_to_string(&mut body.into_reader(), &mut text).unwrap();
    assert_eq!(text, "x");
    let requests = no_problems(&server);
    assert_eq!(requests.len(), 3);
    for request in &requests[1..] {
        assert_eq!(request["body_sha256"], sha256_hex(&[5u8; 100_000]));
    }
}
