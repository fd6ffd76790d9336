//! ConverseStream against a stand-in on 127.0.0.1 (the scripted server, which checks each
//! request's SigV4 signature with botocore's signer): the answer comes as chunked
//! `application/vnd.amazon.eventstream` frames, one frame per chunk, the stand-in waiting
//! between them. Events must arrive one by one while the response is still coming, through the
//! async and the blocking client; a modelled exception mid-stream, a corrupt checksum and a
//! truncated body end the stream with their errors (no panic); a receiver dropped early closes
//! the connection; and the example program prints the tokens as they arrive.

#[path = "../../../runtime/tests/support/mod.rs"]
mod support;

use std::io::Read as _;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use base64::Engine as _;
use bedrock_runtime::operation::converse_stream::ConverseStreamError;
use bedrock_runtime::primitives::EventStreamError;
use bedrock_runtime::types::{
    ContentBlock, ContentBlockDelta, ConversationRole, ConverseStreamOutput as Event,
    ConverseStreamOutputError, Message as ChatMessage, StopReason,
};
use serde_json::{Value, json};
use service_runtime::event_stream::{Header, HeaderValue, Message, encode};
use support::AwsServer;

const ACCESS_KEY_ID: &str = "AKIDBEDROCKSTREAM";
const SECRET: &str = "bedrock/stream+secret";
const MODEL: &str = "amazon.nova-lite-v1:0";
/// The text the stand-in's deltas spell.
const DELTAS: [&str; 5] = ["Hello", ", ", "stream", "ing ", "world"];
/// The stand-in's wait between frames.
const GAP: f64 = 0.15;

fn frame(message_type: &str, name: &str, payload: &Value) -> Vec<u8> {
    let name_header = if message_type == "exception" {
        ":exception-type"
    } else {
        ":event-type"
    };
    let message = Message::new(serde_json::to_vec(payload).unwrap())
        .add_header(Header::new(
            ":message-type",
            HeaderValue::String(message_type.to_owned().into()),
        ))
        .add_header(Header::new(
            name_header,
            HeaderValue::String(name.to_owned().into()),
        ))
        .add_header(Header::new(
            ":content-type",
            HeaderValue::String("application/json".into()),
        ));
    encode(&message).unwrap()
}

fn event(name: &str, payload: Value) -> Vec<u8> {
    frame("event", name, &payload)
}

fn delta(text: &str) -> Vec<u8> {
    event(
        "contentBlockDelta",
        json!({"contentBlockIndex": 0, "delta": {"text": text}}),
    )
}

/// A whole answer, as Bedrock streams it.
fn conversation() -> Vec<Vec<u8>> {
    let mut frames = vec![
        event("messageStart", json!({"role": "assistant"})),
        event(
            "contentBlockStart",
            json!({"contentBlockIndex": 0, "start": {}}),
        ),
    ];
    frames.extend(DELTAS.iter().map(|text| delta(text)));
    frames.extend([
        event("contentBlockStop", json!({"contentBlockIndex": 0})),
        event("messageStop", json!({"stopReason": "end_turn"})),
        event(
            "metadata",
            json!({"usage": {"inputTokens": 9, "outputTokens": 5, "totalTokens": 14},
                   "metrics": {"latencyMs": 420}}),
        ),
    ]);
    frames
}

fn chunks(frames: &[Vec<u8>]) -> Value {
    frames
        .iter()
        .map(|frame| json!({"base64": base64::engine::general_purpose::STANDARD.encode(frame)}))
        .collect()
}

/// A stand-in that answers one ConverseStream call with `frames`, `gap` seconds apart.
fn stand_in(frames: &[Vec<u8>], gap: f64) -> AwsServer {
    AwsServer::start(&json!({
        "credentials": {"access_key_id": ACCESS_KEY_ID, "secret_access_key": SECRET},
        "region": "us-east-1",
        "service": "bedrock",
        "exchanges": [{
            "request": {
                "method": "POST",
                "path": "/model/amazon.nova-lite-v1%3A0/converse-stream",
                "body_json": {"messages": [{"role": "user", "content": [{"text": "Say hello"}]}]},
            },
            "response": {
                "status": 200,
                "headers": {"content-type": "application/vnd.amazon.eventstream"},
                "chunks": chunks(frames),
                "chunk_delay_seconds": gap,
            },
        }],
    }))
}

fn config(server: &AwsServer) -> bedrock_runtime::Config {
    bedrock_runtime::Config::builder()
        .region("us-east-1")
        .credentials(service_runtime::Credentials::new(
            ACCESS_KEY_ID,
            SECRET,
            None,
        ))
        .endpoint_url(server.url())
        .build()
}

fn prompt() -> ChatMessage {
    ChatMessage::builder()
        .role(ConversationRole::User)
        .content(ContentBlock::Text("Say hello".to_owned()))
        .build()
        .unwrap()
}

fn signed_and_as_expected(server: &AwsServer) {
    for request in server.requests() {
        assert_eq!(request["signature"], "valid", "{request}");
        assert_eq!(request["problems"], json!([]), "{request}");
    }
}

/// The events' kinds and the text of the deltas.
fn summary(events: &[Event]) -> (Vec<&'static str>, String) {
    let mut text = String::new();
    let kinds = events
        .iter()
        .map(|event| match event {
            Event::MessageStart(_) => "messageStart",
            Event::ContentBlockStart(_) => "contentBlockStart",
            Event::ContentBlockDelta(delta) => {
                if let ContentBlockDelta::Text(piece) = &delta.delta {
                    text.push_str(piece);
                }
                "contentBlockDelta"
            }
            Event::ContentBlockStop(_) => "contentBlockStop",
            Event::MessageStop(_) => "messageStop",
            Event::Metadata(_) => "metadata",
            _ => "other",
        })
        .collect();
    (kinds, text)
}

const KINDS: [&str; 10] = [
    "messageStart",
    "contentBlockStart",
    "contentBlockDelta",
    "contentBlockDelta",
    "contentBlockDelta",
    "contentBlockDelta",
    "contentBlockDelta",
    "contentBlockStop",
    "messageStop",
    "metadata",
];

/// Each event came a gap after the one before it (the stand-in waits `GAP` between frames;
/// allow a third of it for scheduling), so none waited for the end of the response.
fn arrived_one_by_one(arrivals: &[Duration]) {
    let least = Duration::from_secs_f64(GAP * 2.0 / 3.0);
    for pair in arrivals.windows(2) {
        assert!(
            pair[1] - pair[0] >= least,
            "events came together, not as sent: {arrivals:?}"
        );
    }
}

#[tokio::test]
async fn events_arrive_one_by_one_as_the_stand_in_sends_them() {
    let server = stand_in(&conversation(), GAP);
    let client = bedrock_runtime::Client::new(config(&server));
    let started = Instant::now();
    let output = client
        .converse_stream()
        .model_id(MODEL)
        .messages(prompt())
        .send()
        .await
        .unwrap();
    let answered = started.elapsed();
    let mut receiver = output.stream;
    let (mut events, mut arrivals) = (Vec::new(), Vec::new());
    while let Some(event) = receiver.recv().await.unwrap() {
        arrivals.push(started.elapsed());
        events.push(event);
    }
    let (kinds, text) = summary(&events);
    assert_eq!(kinds, KINDS);
    assert_eq!(text, DELTAS.concat());
    arrived_one_by_one(&arrivals);
    // The call returned with the headers, long before the last frame was sent.
    let last = *arrivals.last().unwrap();
    assert!(
        last - answered >= Duration::from_secs_f64(GAP * 8.0),
        "send() returned at {answered:?}, the last event came at {last:?}"
    );
    let Event::MessageStop(stop) = &events[8] else {
        unreachable!()
    };
    assert_eq!(stop.stop_reason, StopReason::EndTurn);
    let Event::Metadata(metadata) = &events[9] else {
        unreachable!()
    };
    assert_eq!(metadata.usage.total_tokens, 14);
    assert_eq!(metadata.metrics.latency_ms, 420);
    signed_and_as_expected(&server);
    let streams = server.streams();
    assert_eq!(streams[0]["sent"], 10, "{streams:?}");
    assert_eq!(streams[0]["closed_early"], false, "{streams:?}");
}

#[test]
fn the_blocking_client_iterates_over_the_events_as_they_arrive() {
    let server = stand_in(&conversation(), GAP);
    let client = bedrock_runtime::blocking::Client::new(config(&server));
    let started = Instant::now();
    let output = client
        .converse_stream()
        .model_id(MODEL)
        .messages(prompt())
        .send()
        .unwrap();
    let (mut events, mut arrivals) = (Vec::new(), Vec::new());
    for event in output.stream.into_blocking_iter() {
        arrivals.push(started.elapsed());
        events.push(event.unwrap());
    }
    let (kinds, text) = summary(&events);
    assert_eq!(kinds, KINDS);
    assert_eq!(text, DELTAS.concat());
    arrived_one_by_one(&arrivals);
    signed_and_as_expected(&server);
}

/// The events before the end, and how the stream ended.
async fn until_the_end(
    frames: &[Vec<u8>],
) -> (
    Vec<Event>,
    Option<EventStreamError<ConverseStreamOutputError>>,
) {
    let server = stand_in(frames, 0.02);
    let client = bedrock_runtime::Client::new(config(&server));
    let output = client
        .converse_stream()
        .model_id(MODEL)
        .messages(prompt())
        .send()
        .await
        .unwrap();
    let mut receiver = output.stream;
    let mut events = Vec::new();
    loop {
        match receiver.recv().await {
            Ok(Some(event)) => events.push(event),
            Ok(None) => return (events, None),
            Err(error) => {
                // Nothing more after an error.
                assert!(matches!(receiver.recv().await, Ok(None)));
                return (events, Some(error));
            }
        }
    }
}

#[tokio::test]
async fn a_modelled_exception_mid_stream_is_its_typed_error() {
    let frames = [
        event("messageStart", json!({"role": "assistant"})),
        delta("Hel"),
        frame(
            "exception",
            "modelStreamErrorException",
            &json!({"message": "the model stopped", "originalStatusCode": 500,
                    "originalMessage": "overloaded"}),
        ),
        delta("never read"),
    ];
    let (events, end) = until_the_end(&frames).await;
    assert_eq!(summary(&events).1, "Hel");
    let Some(EventStreamError::Modelled(ConverseStreamOutputError::ModelStreamErrorException(
        error,
    ))) = end
    else {
        panic!("the stream ended with {end:?}");
    };
    assert_eq!(error.message.as_deref(), Some("the model stopped"));
    assert_eq!(error.original_status_code, Some(500));
    assert_eq!(error.original_message.as_deref(), Some("overloaded"));
    assert!(error.to_string().contains("the model stopped"), "{error}");
}

#[tokio::test]
async fn a_corrupt_checksum_ends_the_stream_with_a_frame_error() {
    let mut corrupt = delta("flipped");
    let last = corrupt.len() - 1;
    corrupt[last] ^= 0x5a;
    let (events, end) = until_the_end(&[delta("fine"), corrupt, delta("after")]).await;
    assert_eq!(summary(&events).1, "fine");
    let Some(error @ EventStreamError::Frame(_)) = end else {
        panic!("the stream ended with {end:?}");
    };
    assert!(error.to_string().contains("corrupt frame"), "{error}");
}

#[tokio::test]
async fn a_truncated_stream_ends_with_the_bytes_it_had() {
    let cut = delta("cut short");
    let (events, end) = until_the_end(&[delta("whole"), cut[..20].to_vec()]).await;
    assert_eq!(summary(&events).1, "whole");
    assert!(
        matches!(end, Some(EventStreamError::Truncated(20))),
        "the stream ended with {end:?}"
    );
}

#[tokio::test]
async fn a_receiver_dropped_early_closes_the_connection() {
    let frames: Vec<Vec<u8>> = (0..40).map(|n| delta(&format!("{n} "))).collect();
    let server = stand_in(&frames, 0.05);
    let client = bedrock_runtime::Client::new(config(&server));
    let output = client
        .converse_stream()
        .model_id(MODEL)
        .messages(prompt())
        .send()
        .await
        .unwrap();
    let mut receiver = output.stream;
    for _ in 0..2 {
        assert!(receiver.recv().await.unwrap().is_some());
    }
    drop(receiver);
    // The stand-in notices when a write fails; it has 38 frames left to write.
    let deadline = Instant::now() + Duration::from_secs(5);
    let streams = loop {
        let streams = server.streams();
        if !streams.is_empty() || Instant::now() > deadline {
            break streams;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    };
    assert_eq!(streams.len(), 1, "the stand-in never finished: {streams:?}");
    assert_eq!(streams[0]["closed_early"], true, "{streams:?}");
    let sent = streams[0]["sent"].as_u64().unwrap();
    assert!(sent < 10, "the stand-in sent {sent} of 40 frames");
}

#[tokio::test]
async fn an_error_response_is_the_operations_error() {
    let server = AwsServer::start(&json!({
        "credentials": {"access_key_id": ACCESS_KEY_ID, "secret_access_key": SECRET},
        "region": "us-east-1",
        "service": "bedrock",
        "exchanges": [{"response": {
            "status": 400,
            "headers": {"content-type": "application/json",
                        "x-amzn-errortype": "ValidationException"},
            "body_json": {"message": "The model does not support streaming"},
        }}],
    }));
    let client = bedrock_runtime::Client::new(config(&server));
    let error = client
        .converse_stream()
        .model_id(MODEL)
        .messages(prompt())
        .send()
        .await
        .unwrap_err();
    let Some(ConverseStreamError::ValidationException(error)) = error.as_service_error() else {
        panic!("{error:?}");
    };
    assert_eq!(
        error.message.as_deref(),
        Some("The model does not support streaming")
    );
}

#[test]
fn the_example_program_prints_tokens_as_they_arrive() {
    let server = stand_in(&conversation(), GAP);
    let home = std::env::temp_dir().join(format!("converse-stream-home-{}", std::process::id()));
    std::fs::create_dir_all(&home).unwrap();
    let started = Instant::now();
    let mut child = Command::new(env!("CARGO_BIN_EXE_converse_stream"))
        .args(["--model", MODEL, "Say", "hello"])
        .env_clear()
        .env("HOME", &home)
        .env("AWS_ACCESS_KEY_ID", ACCESS_KEY_ID)
        .env("AWS_SECRET_ACCESS_KEY", SECRET)
        .env("AWS_REGION", "us-east-1")
        .env("AWS_EC2_METADATA_DISABLED", "true")
        .env("AWS_ENDPOINT_URL_BEDROCK_RUNTIME", server.url())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let (mut printed, mut arrivals) = (Vec::new(), Vec::new());
    let mut buffer = [0u8; 256];
    loop {
        let read = stdout.read(&mut buffer).unwrap();
        if read == 0 {
            break;
        }
        printed.extend_from_slice(&buffer[..read]);
        arrivals.push(started.elapsed());
    }
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    let status = child.wait().unwrap();
    let _ = std::fs::remove_dir_all(&home);
    assert!(status.success(), "{status}: {stderr}");
    assert_eq!(
        String::from_utf8(printed).unwrap(),
        format!("{}\n", DELTAS.concat())
    );
    // One read per delta at least: the text came out as it arrived, not all at the end.
    assert!(arrivals.len() >= DELTAS.len(), "{arrivals:?}");
    let spread = *arrivals.last().unwrap() - arrivals[0];
    assert!(
        spread >= Duration::from_secs_f64(GAP * 4.0 * 2.0 / 3.0),
        "the text came out at once: {arrivals:?}"
    );
    assert!(stderr.contains("[stop reason: end_turn]"), "{stderr}");
    assert!(stderr.contains("[tokens: 9 in, 5 out; 420 ms]"), "{stderr}");
    signed_and_as_expected(&server);
}
