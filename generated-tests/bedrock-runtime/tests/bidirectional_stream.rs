//! InvokeModelWithBidirectionalStream, an input event stream, against an HTTP/2 stand-in on
//! 127.0.0.1 (h2c, prior knowledge). The stand-in answers each event the client sends with an
//! event of its own while the request is still open, so the test only goes on once the answer
//! to the event before has come: the call is duplex. Everything the stand-in received (the
//! request's method, URL and headers, and the body's bytes) is then handed to
//! `verify_event_signatures.py`, which checks with botocore's signer the request's SigV4
//! signature and every message's signature chained from it, and decodes the frames with
//! botocore's event-stream decoder. A call the service refuses at once ends with its modelled
//! error while the input is still open.

#[path = "../../../runtime/tests/support/mod.rs"]
mod support;

use std::net::SocketAddr;
use std::path::Path;
use std::process::Command;

use aws_smithy_eventstream::frame::read_message_from;
use base64::Engine as _;
use bedrock_runtime::primitives::EventStreamInput;
use bedrock_runtime::types::{
    BidirectionalInputPayloadPart, InvokeModelWithBidirectionalStreamInput as Sent,
    InvokeModelWithBidirectionalStreamOutput as Answer,
};
use bytes::Bytes;
use serde_json::{Value, json};
use service_runtime::event_stream::{Header, HeaderValue, Message, encode};
use support::python;
use tokio::net::TcpListener;

const ACCESS_KEY_ID: &str = "AKIDBIDIRECTIONAL";
const SECRET: &str = "bidirectional/stream+secret";
const REGION: &str = "us-east-1";
const MODEL: &str = "amazon.nova-sonic-v1:0";

/// What the stand-in received.
#[derive(Debug)]
struct Received {
    version: http::Version,
    method: String,
    path: String,
    headers: serde_json::Map<String, Value>,
    body: Vec<u8>,
    /// The texts of the events received, in order.
    texts: Vec<String>,
}

fn answer_frame(text: &str) -> Bytes {
    let payload = json!({ "bytes": base64::engine::general_purpose::STANDARD.encode(text) });
    let message = Message::new(serde_json::to_vec(&payload).unwrap())
        .add_header(Header::new(
            ":message-type",
            HeaderValue::String("event".into()),
        ))
        .add_header(Header::new(
            ":event-type",
            HeaderValue::String("chunk".into()),
        ))
        .add_header(Header::new(
            ":content-type",
            HeaderValue::String("application/json".into()),
        ));
    Bytes::from(encode(&message).unwrap())
}

/// The text of a `chunk` event the client sent, from its signed frame.
fn sent_text(frame: &[u8]) -> Option<String> {
    let outer = read_message_from(frame).expect("the stand-in decodes every signed frame");
    if outer.payload().is_empty() {
        return None;
    }
    let inner = read_message_from(&outer.payload()[..]).expect("a signed frame wraps a message");
    let header = |name: &str| {
        inner
            .headers()
            .iter()
            .find(|h| h.name().as_str() == name)
            .and_then(|h| h.value().as_string().ok())
            .map(|s| s.as_str().to_owned())
    };
    assert_eq!(header(":message-type").as_deref(), Some("event"));
    assert_eq!(header(":event-type").as_deref(), Some("chunk"));
    assert_eq!(header(":content-type").as_deref(), Some("application/json"));
    let json: Value = serde_json::from_slice(inner.payload()).unwrap();
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(json["bytes"].as_str().unwrap())
        .unwrap();
    Some(String::from_utf8(bytes).unwrap())
}

/// An HTTP/2 stand-in for one call: it answers at once with the response's head, then with a
/// `chunk` event `echo: <text>` for each event received, and ends the response after the
/// signed end message.
async fn stand_in() -> (SocketAddr, tokio::task::JoinHandle<Received>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    let task = tokio::spawn(async move {
        let (socket, _) = listener.accept().await.unwrap();
        let mut connection = h2::server::handshake(socket).await.unwrap();
        let (request, mut respond) = connection.accept().await.unwrap().unwrap();
        // The connection is driven beside the stream.
        tokio::spawn(async move { while connection.accept().await.is_some() {} });
        let (parts, mut body) = request.into_parts();
        let mut headers = serde_json::Map::new();
        for (name, value) in &parts.headers {
            headers.insert(
                name.as_str().to_owned(),
                Value::String(value.to_str().unwrap().to_owned()),
            );
        }
        let authority = parts.uri.authority().unwrap().to_string();
        headers
            .entry("host")
            .or_insert_with(|| Value::String(authority));
        let head = http::Response::builder()
            .status(200)
            .header("content-type", "application/vnd.amazon.eventstream")
            .body(())
            .unwrap();
        let mut send = respond.send_response(head, false).unwrap();
        let mut all = Vec::new();
        let mut pending = Vec::new();
        let mut texts = Vec::new();
        'body: while let Some(chunk) = body.data().await {
            let chunk = chunk.unwrap();
            body.flow_control().release_capacity(chunk.len()).unwrap();
            all.extend_from_slice(&chunk);
            pending.extend_from_slice(&chunk);
            while pending.len() >= 4 {
                let length = u32::from_be_bytes(pending[..4].try_into().unwrap()) as usize;
                if pending.len() < length {
                    break;
                }
                let frame: Vec<u8> = pending.drain(..length).collect();
                match sent_text(&frame) {
                    Some(text) => {
                        send.send_data(answer_frame(&format!("echo: {text}")), false)
                            .unwrap();
                        texts.push(text);
                    }
                    None => break 'body,
                }
            }
        }
        send.send_data(Bytes::new(), true).unwrap();
        Received {
            version: parts.version,
            method: parts.method.to_string(),
            path: parts.uri.path().to_owned(),
            headers,
            body: all,
            texts,
        }
    });
    (address, task)
}

fn config(address: SocketAddr) -> bedrock_runtime::Config {
    bedrock_runtime::Config::builder()
        .region(REGION)
        .credentials(service_runtime::Credentials::new(
            ACCESS_KEY_ID,
            SECRET,
            None,
        ))
        .endpoint_url(format!("http://{address}"))
        .build()
}

fn chunk(text: &str) -> Sent {
    Sent::Chunk(
        BidirectionalInputPayloadPart::builder()
            .bytes(text.as_bytes().to_vec())
            .build()
            .unwrap(),
    )
}

fn answer_text(answer: Answer) -> String {
    let Answer::Chunk(part) = answer else {
        panic!("an unexpected answer: {answer:?}")
    };
    String::from_utf8(part.bytes().unwrap().to_vec()).unwrap()
}

/// The report of `verify_event_signatures.py` on what the stand-in received.
fn botocore_report(received: &Received, name: &str) -> Value {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("bidirectional-stream");
    std::fs::create_dir_all(&dir).unwrap();
    let stem = format!("{}-{name}", std::process::id());
    let frames = dir.join(format!("{stem}.bin"));
    std::fs::write(&frames, &received.body).unwrap();
    let request = dir.join(format!("{stem}.json"));
    let host = received.headers["host"].as_str().unwrap();
    std::fs::write(
        &request,
        serde_json::to_vec(&json!({
            "method": received.method,
            "url": format!("http://{host}{}", received.path),
            "headers": received.headers,
        }))
        .unwrap(),
    )
    .unwrap();
    let python = python::python().unwrap_or_else(|problem| panic!("{problem}"));
    let script = python::workspace_root().join("runtime/tests/server/verify_event_signatures.py");
    let output = Command::new(&python)
        .arg(&script)
        .arg(&frames)
        .args(["--access-key-id", ACCESS_KEY_ID])
        .args(["--secret-access-key", SECRET])
        .args(["--region", REGION])
        .args(["--service", "bedrock"])
        .arg("--request")
        .arg(&request)
        .output()
        .unwrap_or_else(|e| panic!("cannot run {}: {e}", script.display()));
    serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
        panic!(
            "{} printed no report ({e}; {}):\n{}{}",
            script.display(),
            output.status,
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        )
    })
}

#[tokio::test]
async fn events_are_answered_while_the_input_still_streams_and_botocore_verifies_every_signature() {
    let (address, stand_in) = stand_in().await;
    let client = bedrock_runtime::Client::new(config(address));
    let (sender, input) = EventStreamInput::channel(1);
    let output = client
        .invoke_model_with_bidirectional_stream()
        .model_id(MODEL)
        .body(input)
        .send()
        .await
        .expect("the call starts");
    let mut answers = output.body;
    // Each event is sent only once the answer to the one before has come: the response
    // streams while the request does.
    let texts = ["hello", "how are you?", "goodbye"];
    for text in texts {
        sender.send(chunk(text)).await.expect("the input is open");
        let answer = answers
            .recv()
            .await
            .expect("the answer reads")
            .expect("an answer comes before the input ends");
        assert_eq!(answer_text(answer), format!("echo: {text}"));
    }
    drop(sender);
    assert!(
        answers
            .recv()
            .await
            .expect("the stream ends cleanly")
            .is_none(),
        "the stand-in ends the response after the signed end message"
    );
    let received = stand_in.await.unwrap();
    assert_eq!(received.version, http::Version::HTTP_2);
    assert_eq!(received.method, "POST");
    assert_eq!(
        received.path,
        // The label is percent-encoded, its `:` too.
        format!(
            "/model/{}/invoke-with-bidirectional-stream",
            MODEL.replace(':', "%3A")
        )
    );
    assert_eq!(received.texts, texts);
    assert_eq!(
        received.headers["content-type"],
        json!("application/vnd.amazon.eventstream")
    );
    assert_eq!(
        received.headers["x-amz-content-sha256"],
        json!("STREAMING-AWS4-HMAC-SHA256-EVENTS")
    );
    assert!(!received.headers.contains_key("content-length"));

    let report = botocore_report(&received, "duplex");
    assert_eq!(report["problems"], json!([]), "{report:#}");
    assert_eq!(report["ok"], json!(true));
    assert_eq!(report["request"]["valid"], json!(true), "{report:#}");
    let frames = report["frames"].as_array().unwrap();
    assert_eq!(frames.len(), texts.len() + 1, "three events and the end");
    for (frame, text) in frames.iter().zip(texts) {
        assert_eq!(frame["valid"], json!(true), "{frame:#}");
        let inner = &frame["inner"];
        assert_eq!(inner["headers"][":event-type"], json!("chunk"));
        let payload: Vec<u8> = (0..inner["payload_hex"].as_str().unwrap().len() / 2)
            .map(|i| {
                u8::from_str_radix(
                    &inner["payload_hex"].as_str().unwrap()[2 * i..2 * i + 2],
                    16,
                )
                .unwrap()
            })
            .collect();
        let payload: Value = serde_json::from_slice(&payload).unwrap();
        assert_eq!(
            payload,
            json!({ "bytes": base64::engine::general_purpose::STANDARD.encode(text) })
        );
    }
    assert_eq!(frames[texts.len()]["end"], json!(true));
}

#[tokio::test]
async fn a_tampered_stream_fails_botocores_check() {
    // The same exchange from a Vec of events; then one byte of the request's signature is
    // changed, and botocore must refuse the request and, chained from it, every frame.
    let (address, stand_in) = stand_in().await;
    let client = bedrock_runtime::Client::new(config(address));
    let output = client
        .invoke_model_with_bidirectional_stream()
        .model_id(MODEL)
        .body(EventStreamInput::from(vec![chunk("one"), chunk("two")]))
        .send()
        .await
        .unwrap();
    let mut answers = output.body;
    let mut seen = Vec::new();
    while let Some(answer) = answers.recv().await.unwrap() {
        seen.push(answer_text(answer));
    }
    assert_eq!(seen, ["echo: one", "echo: two"]);
    let mut received = stand_in.await.unwrap();
    let report = botocore_report(&received, "untouched");
    assert_eq!(report["ok"], json!(true), "{report:#}");

    let authorization = received.headers["authorization"]
        .as_str()
        .unwrap()
        .to_owned();
    let last = authorization.chars().last().unwrap();
    let flipped = if last == '0' { '1' } else { '0' };
    let tampered = format!("{}{flipped}", &authorization[..authorization.len() - 1]);
    received
        .headers
        .insert("authorization".to_owned(), Value::String(tampered));
    let report = botocore_report(&received, "tampered");
    assert_eq!(report["ok"], json!(false));
    assert_eq!(report["request"]["valid"], json!(false), "{report:#}");
    let frames = report["frames"].as_array().unwrap();
    assert!(
        frames.iter().all(|frame| frame["valid"] == json!(false)),
        "every frame chains from the tampered seed: {report:#}"
    );
}

#[tokio::test]
async fn a_transport_without_http2_says_so_rather_than_hanging() {
    /// A transport that only speaks HTTP/1.1: it has no `send_duplex`.
    #[derive(Debug)]
    struct Http1Only;
    impl service_runtime::HttpClient for Http1Only {
        fn send(
            &self,
            _: http::Request<Vec<u8>>,
        ) -> service_runtime::BoxFuture<
            '_,
            Result<http::Response<Vec<u8>>, service_runtime::TransportError>,
        > {
            Box::pin(async { panic!("an input event stream must not be sent over HTTP/1.1") })
        }
    }
    let config = bedrock_runtime::Config::builder()
        .region(REGION)
        .credentials(service_runtime::Credentials::new(
            ACCESS_KEY_ID,
            SECRET,
            None,
        ))
        .endpoint_url("http://127.0.0.1:9")
        .http_client(Http1Only)
        .build();
    let error = bedrock_runtime::Client::new(config)
        .invoke_model_with_bidirectional_stream()
        .model_id(MODEL)
        .body(EventStreamInput::from(vec![chunk("one")]))
        .send()
        .await
        .expect_err("the transport cannot send it");
    let message = error.to_string();
    assert!(
        message.contains("cannot send an input event stream") && message.contains("HTTP/2"),
        "{message}"
    );
}

/// An HTTP/2 stand-in that refuses the call at once with a modelled error, while the client's
/// input is still open.
async fn refusing_stand_in() -> SocketAddr {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(async move {
        let (socket, _) = listener.accept().await.unwrap();
        let mut connection = h2::server::handshake(socket).await.unwrap();
        let (_request, mut respond) = connection.accept().await.unwrap().unwrap();
        tokio::spawn(async move { while connection.accept().await.is_some() {} });
        let head = http::Response::builder()
            .status(400)
            .header("content-type", "application/json")
            .header("x-amzn-errortype", "ValidationException")
            .body(())
            .unwrap();
        let mut send = respond.send_response(head, false).unwrap();
        send.send_data(Bytes::from_static(br#"{"message":"no such model"}"#), true)
            .unwrap();
    });
    address
}

#[tokio::test]
async fn an_error_response_ends_the_call_with_the_modelled_error() {
    use bedrock_runtime::operation::invoke_model_with_bidirectional_stream::InvokeModelWithBidirectionalStreamError as CallError;
    let address = refusing_stand_in().await;
    let (sender, input) = EventStreamInput::channel(1);
    sender.send(chunk("hello")).await.unwrap();
    let error = bedrock_runtime::Client::new(config(address))
        .invoke_model_with_bidirectional_stream()
        .model_id(MODEL)
        .body(input)
        .send()
        .await
        .expect_err("the stand-in refuses the call");
    match error {
        bedrock_runtime::Error::Service(CallError::ValidationException(error)) => {
            assert_eq!(error.message(), Some("no such model"));
        }
        other => panic!("the modelled error, not {other:?}"),
    }
}
