//! Lambda's InvokeWithResponseStream against a stand-in on 127.0.0.1 (the scripted server,
//! which checks the SigV4 signature with botocore's signer): the function's response comes as
//! `PayloadChunk` events of raw bytes and ends with `InvokeComplete`, one frame per chunk, the
//! stand-in waiting between them (the blocking client's event streams are tested with
//! bedrock-runtime's, in generated-tests/bedrock-runtime). Written into the generated crate's tests by
//! `cargo xtask breadth` (see xtask/src/breadth.rs), after the `support` module's path.

use std::time::{Duration, Instant};

use base64::Engine as _;
use lambda::types::InvokeWithResponseStreamResponseEvent as Event;
use serde_json::{Value, json};
use service_runtime::event_stream::{Header, HeaderValue, Message, encode};
use support::AwsServer;

const ACCESS_KEY_ID: &str = "AKIDLAMBDASTREAM";
const SECRET: &str = "lambda/stream+secret";
const GAP: f64 = 0.15;
const PIECES: [&[u8]; 4] = [b"{\"part\":1}\n", b"{\"part\":2}\n", &[0, 255, 1, 254], b"done\n"];

fn frame(event_type: &str, content_type: &str, payload: &[u8]) -> Value {
    let message = Message::new(payload.to_vec())
        .add_header(Header::new(":message-type", HeaderValue::String("event".into())))
        .add_header(Header::new(
            ":event-type",
            HeaderValue::String(event_type.to_owned().into()),
        ))
        .add_header(Header::new(
            ":content-type",
            HeaderValue::String(content_type.to_owned().into()),
        ));
    json!({"base64": base64::engine::general_purpose::STANDARD.encode(encode(&message).unwrap())})
}

fn stand_in(complete: &Value) -> AwsServer {
    let mut chunks: Vec<Value> = PIECES
        .iter()
        .map(|piece| frame("PayloadChunk", "application/octet-stream", piece))
        .collect();
    chunks.push(frame(
        "InvokeComplete",
        "application/json",
        &serde_json::to_vec(complete).unwrap(),
    ));
    AwsServer::start(&json!({
        "credentials": {"access_key_id": ACCESS_KEY_ID, "secret_access_key": SECRET},
        "region": "us-west-2",
        "service": "lambda",
        "exchanges": [{
            "request": {
                "method": "POST",
                "path": "/2021-11-15/functions/streamer/response-streaming-invocations",
                "headers": {"x-amz-log-type": "Tail"},
                "body_json": {"question": 42},
            },
            "response": {
                "status": 200,
                "headers": {"content-type": "application/vnd.amazon.eventstream",
                            "x-amz-executed-version": "$LATEST"},
                "chunks": chunks,
                "chunk_delay_seconds": GAP,
            },
        }],
    }))
}

fn config(server: &AwsServer) -> lambda::Config {
    lambda::Config::builder()
        .region("us-west-2")
        .credentials(service_runtime::Credentials::new(ACCESS_KEY_ID, SECRET, None))
        .endpoint_url(server.url())
        .build()
}

fn signed_and_as_expected(server: &AwsServer) {
    let requests = server.requests();
    assert_eq!(requests.len(), 1);
    assert_eq!(requests[0]["signature"], "valid", "{}", requests[0]);
    assert_eq!(requests[0]["problems"], json!([]), "{}", requests[0]);
}

/// The chunks' bytes, and the complete event.
fn check(events: &[Event], arrivals: &[Duration]) {
    assert_eq!(events.len(), PIECES.len() + 1, "{events:?}");
    for (event, piece) in events.iter().zip(PIECES) {
        let Event::PayloadChunk(chunk) = event else {
            panic!("{event:?}");
        };
        assert_eq!(chunk.payload.as_deref(), Some(piece));
    }
    let Event::InvokeComplete(complete) = &events[PIECES.len()] else {
        panic!("{events:?}");
    };
    assert_eq!(complete.log_result.as_deref(), Some("U1RBUlQgUmVxdWVzdElk"));
    assert_eq!(complete.error_code, None);
    // Each chunk came a gap after the one before: none waited for the end of the response.
    for pair in arrivals.windows(2) {
        assert!(
            pair[1] - pair[0] >= Duration::from_secs_f64(GAP * 2.0 / 3.0),
            "{arrivals:?}"
        );
    }
}

#[tokio::test]
async fn the_function_response_streams_chunk_by_chunk() {
    let server = stand_in(&json!({"LogResult": "U1RBUlQgUmVxdWVzdElk"}));
    let client = lambda::Client::new(config(&server));
    let started = Instant::now();
    let output = client
        .invoke_with_response_stream()
        .function_name("streamer")
        .log_type(lambda::types::LogType::Tail)
        .payload(br#"{"question":42}"#.to_vec())
        .send()
        .await
        .unwrap();
    assert_eq!(output.status_code, Some(200));
    assert_eq!(output.executed_version.as_deref(), Some("$LATEST"));
    let mut receiver = output.event_stream;
    let (mut events, mut arrivals) = (Vec::new(), Vec::new());
    while let Some(event) = receiver.recv().await.unwrap() {
        arrivals.push(started.elapsed());
        events.push(event);
    }
    check(&events, &arrivals);
    signed_and_as_expected(&server);
}
