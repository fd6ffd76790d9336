//! Signed input event streams checked by another implementation: three messages are signed
//! with fixed credentials, a fixed seed and a clock that ticks a second per message across
//! midnight (so the signing key changes mid-stream), and `tests/server/verify_event_signatures.py`
//! recomputes every chained signature with botocore's key derivation and decodes the frames
//! with botocore's event-stream decoder. A payload altered after signing (with its checksums
//! fixed up, so only the signature can tell), a corrupt frame and a wrong seed are reported.

mod support;

use std::path::{Path, PathBuf};
use std::pin::Pin;
use std::process::Command;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU64, Ordering};
use std::task::{Context, Poll};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use aws_smithy_eventstream::frame::read_message_from;
use serde_json::{Value, json};
use service_runtime::Credentials;
use service_runtime::event_sender::{EventSender, EventSigner, seed_signature};
use service_runtime::event_stream::{Header, HeaderValue, Message, encode};
use service_runtime::stream::{Bytes, Stream};
use support::python;

const ACCESS_KEY_ID: &str = "AKIDEVENTS";
const SECRET: &str = "events/secret+key";
const REGION: &str = "us-west-2";
const SERVICE: &str = "transcribe";
const SEED: &str = "5d1ab6f0c9e2a7384b3f06d1e2c4a5b6978877665544332211ffeeddccbbaa99";

/// 2024-02-29T23:59:58.750Z, a second later at each call: the messages are signed at :58 and
/// :59 on the 29th, then on March 1st with another signing key, the end a second after.
fn clock() -> SystemTime {
    static TICKS: AtomicU64 = AtomicU64::new(0);
    UNIX_EPOCH
        + Duration::from_millis(1_709_251_198_750)
        + Duration::from_secs(TICKS.fetch_add(1, Ordering::Relaxed))
}

const DATES: [&str; 4] = [
    "20240229T235958Z",
    "20240229T235959Z",
    "20240301T000000Z",
    "20240301T000001Z",
];

fn event(kind: &str, content_type: &str, payload: &[u8]) -> Message {
    Message::new(Bytes::copy_from_slice(payload))
        .add_header(Header::new(
            ":message-type",
            HeaderValue::String("event".into()),
        ))
        .add_header(Header::new(
            ":event-type",
            HeaderValue::String(kind.to_owned().into()),
        ))
        .add_header(Header::new(
            ":content-type",
            HeaderValue::String(content_type.to_owned().into()),
        ))
}

fn messages() -> Vec<Message> {
    vec![
        event(
            "AudioEvent",
            "application/octet-stream",
            &(0..=255u8).collect::<Vec<_>>(),
        ),
        event(
            "ConfigurationEvent",
            "application/json",
            br#"{"ChannelDefinitions":[{"ChannelId":0,"ParticipantRole":"AGENT"}]}"#,
        ),
        event("AudioEvent", "application/octet-stream", b"\x00\x01"),
    ]
}

struct StreamOf<I>(I);

impl<I: Iterator + Unpin> Stream for StreamOf<I> {
    type Item = I::Item;

    fn poll_next(mut self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<Option<I::Item>> {
        Poll::Ready(self.0.next())
    }
}

/// The signed stream, made once: the clock ticks on every signature.
fn signed_frames() -> &'static [u8] {
    static FRAMES: OnceLock<Vec<u8>> = OnceLock::new();
    FRAMES.get_or_init(|| {
        // The seed as a signed request carries it.
        let mut headers = http::HeaderMap::new();
        headers.insert(
            "authorization",
            format!(
                "AWS4-HMAC-SHA256 Credential={ACCESS_KEY_ID}/20240229/{REGION}/{SERVICE}/aws4_request, \
                 SignedHeaders=content-type;host;x-amz-content-sha256;x-amz-date, Signature={SEED}"
            )
            .parse()
            .unwrap(),
        );
        let seed = seed_signature(&headers).unwrap();
        let credentials = Credentials::new(ACCESS_KEY_ID, SECRET, None);
        let signer = EventSigner::new(&credentials, REGION, SERVICE, seed).with_clock(clock);
        let body = EventSender::new(StreamOf(messages().into_iter()), signer).into_body();
        body.collect_blocking().unwrap().to_vec()
    })
}

fn write(name: &str, bytes: &[u8]) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("event-signing");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(format!("{}-{name}.bin", std::process::id()));
    std::fs::write(&path, bytes).unwrap();
    path
}

/// The script's report on `frames`, and whether it exited 0.
fn verify(name: &str, frames: &[u8], seed: &str) -> (Value, bool) {
    let python = python::python().unwrap_or_else(|problem| panic!("{problem}"));
    let script = python::workspace_root().join("runtime/tests/server/verify_event_signatures.py");
    let path = write(name, frames);
    let output = Command::new(&python)
        .arg(&script)
        .arg(&path)
        .args(["--access-key-id", ACCESS_KEY_ID])
        .args(["--secret-access-key", SECRET])
        .args(["--region", REGION])
        .args(["--service", SERVICE])
        .args(["--seed", seed])
        .output()
        .unwrap_or_else(|e| panic!("cannot run {}: {e}", script.display()));
    let report: Value = serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
        panic!(
            "{} printed no report ({e}; {}):\n{}{}",
            script.display(),
            output.status,
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        )
    });
    // Exit 0 exactly when the report says all is well (1, not 2: the arguments were fine).
    let ok = report["ok"] == json!(true);
    assert_eq!(
        output.status.code(),
        Some(if ok { 0 } else { 1 }),
        "{report:#}"
    );
    (report, ok)
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The frames of `bytes`, each as its own bytes.
fn split(mut bytes: &[u8]) -> Vec<Vec<u8>> {
    let mut frames = Vec::new();
    while !bytes.is_empty() {
        let length = u32::from_be_bytes(bytes[..4].try_into().unwrap()) as usize;
        frames.push(bytes[..length].to_vec());
        bytes = &bytes[length..];
    }
    frames
}

#[test]
fn botocore_verifies_every_chained_signature_and_the_signed_end() {
    let (report, ok) = verify("valid", signed_frames(), SEED);
    assert!(ok, "{report:#}");
    assert_eq!(report["problems"], json!([]));
    let frames = report["frames"].as_array().unwrap();
    assert_eq!(frames.len(), 4, "three messages and the end: {report:#}");
    for (index, frame) in frames.iter().enumerate() {
        assert_eq!(frame["valid"], json!(true), "frame {index}: {frame:#}");
        assert_eq!(frame["expected"], frame["found"]);
        assert_eq!(frame["date"], json!(DATES[index]), "frame {index}");
        assert_eq!(frame["end"], json!(index == 3), "frame {index}");
    }
    // Each frame wraps the message sent, headers and payload, as botocore decodes it.
    for (frame, message) in frames.iter().zip(messages()) {
        let inner = &frame["inner"];
        assert_eq!(inner["payload_hex"], json!(hex(message.payload())));
        for header in message.headers() {
            let value = header.value().as_string().unwrap().as_str();
            assert_eq!(inner["headers"][header.name().as_str()], json!(value));
        }
    }
    assert_eq!(frames[3]["inner"], Value::Null);
}

#[test]
fn an_altered_payload_is_a_signature_mismatch_from_that_frame_on() {
    let mut frames = split(signed_frames());
    // Frame 1's message with one byte of its payload flipped, framed anew (valid checksums,
    // the original :date and :chunk-signature), so that only the signature can tell.
    let outer = read_message_from(&frames[1][..]).unwrap();
    let inner = read_message_from(outer.payload().clone()).unwrap();
    let mut payload = inner.payload().to_vec();
    payload[10] ^= 0x01;
    let mut altered_inner = Message::new(payload);
    for header in inner.headers() {
        altered_inner = altered_inner.add_header(header.clone());
    }
    let mut altered = Message::new(encode(&altered_inner).unwrap());
    for header in outer.headers() {
        altered = altered.add_header(header.clone());
    }
    frames[1] = encode(&altered).unwrap();

    let (report, ok) = verify("altered", &frames.concat(), SEED);
    assert!(!ok, "{report:#}");
    let verdicts: Vec<&Value> = report["frames"]
        .as_array()
        .unwrap()
        .iter()
        .map(|frame| &frame["valid"])
        .collect();
    // A service chains from the signature it expects, so every later frame fails too.
    assert_eq!(
        verdicts,
        [&json!(true), &json!(false), &json!(false), &json!(false)],
        "{report:#}"
    );
    let problems = report["problems"].to_string();
    assert!(
        problems.contains("frame 1: signature mismatch"),
        "{problems}"
    );
    // The frame still decodes: its checksums are right, its signature is not.
    assert!(!problems.contains("cannot be decoded"), "{problems}");
}

#[test]
fn a_corrupt_frame_and_a_wrong_seed_are_reported() {
    let mut corrupt = signed_frames().to_vec();
    let last = corrupt.len() - 1;
    corrupt[last] ^= 0xff;
    let (report, ok) = verify("corrupt", &corrupt, SEED);
    assert!(!ok);
    let problems = report["problems"].to_string();
    assert!(
        problems.contains("frame 3 cannot be decoded") && problems.contains("ChecksumMismatch"),
        "{report:#}"
    );

    let other_seed = SEED.replace('5', "6");
    let (report, ok) = verify("seed", signed_frames(), &other_seed);
    assert!(!ok);
    assert_eq!(report["frames"][0]["valid"], json!(false), "{report:#}");
}
