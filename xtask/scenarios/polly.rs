//! Polly's SynthesizeSpeech returning 50 MiB of audio from a stand-in on 127.0.0.1 (the
//! scripted server, which checks the SigV4 signature with botocore's signer), sent in 1 MiB
//! chunks: the output's `ByteStream` is read chunk by chunk, each byte checked against what
//! the stand-in sent, and the process's peak resident memory must stay far below the payload.
//! Written into the generated crate's tests by `cargo xtask breadth` (see
//! xtask/src/breadth.rs), after the `support` module's path. One test in this file, so the
//! peak belongs to it.

use polly::types::{OutputFormat, VoiceId};
use serde_json::json;
use support::AwsServer;

const ACCESS_KEY_ID: &str = "AKIDPOLLYSTREAM";
const SECRET: &str = "polly/stream+secret";
/// The stand-in's chunk: this text, repeated to 1 MiB.
const PATTERN: &str = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_";
const CHUNKS: usize = 50;
const CHUNK: usize = 1 << 20;

/// The process's peak resident set (`VmHWM`), in bytes.
fn peak_resident() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap();
    let line = status.lines().find(|line| line.starts_with("VmHWM:")).unwrap();
    let kib: u64 = line.split_whitespace().nth(1).unwrap().parse().unwrap();
    kib * 1024
}

#[tokio::test]
async fn fifty_mib_of_audio_is_read_in_chunks_with_bounded_memory() {
    let server = AwsServer::start(&json!({
        "credentials": {"access_key_id": ACCESS_KEY_ID, "secret_access_key": SECRET},
        "region": "us-east-1",
        "service": "polly",
        "exchanges": [{
            "request": {"method": "POST", "path": "/v1/speech"},
            "response": {
                "status": 200,
                "headers": {"content-type": "audio/mpeg", "x-amzn-requestcharacters": "11"},
                "chunks": vec![PATTERN; CHUNKS],
                "chunk_repeat": CHUNK / PATTERN.len(),
            },
        }],
    }));
    let config = polly::Config::builder()
        .region("us-east-1")
        .credentials(service_runtime::Credentials::new(ACCESS_KEY_ID, SECRET, None))
        .endpoint_url(server.url())
        .build();
    let client = polly::Client::new(config);
    let before = peak_resident();
    let mut output = client
        .synthesize_speech()
        .output_format(OutputFormat::Mp3)
        .voice_id(VoiceId::Joanna)
        .text("Hello world")
        .send()
        .await
        .unwrap();
    assert_eq!(output.content_type.as_deref(), Some("audio/mpeg"));
    assert_eq!(output.request_characters, Some(11));
    let pattern = PATTERN.as_bytes();
    let (mut read, mut pieces, mut largest) = (0usize, 0usize, 0usize);
    while let Some(piece) = output.audio_stream.next().await {
        let piece = piece.unwrap();
        for (offset, byte) in piece.iter().enumerate() {
            assert_eq!(*byte, pattern[(read + offset) % pattern.len()], "byte {}", read + offset);
        }
        read += piece.len();
        pieces += 1;
        largest = largest.max(piece.len());
    }
    let grown = peak_resident().saturating_sub(before);
    assert_eq!(read, CHUNKS * CHUNK);
    assert!(pieces >= CHUNKS, "{pieces} pieces");
    eprintln!(
        "streamed {read} bytes in {pieces} pieces (largest {largest}); peak resident memory grew by {grown} bytes"
    );
    // Far below the payload: a few chunks in flight at most, never the whole.
    assert!(grown < 16 << 20, "peak resident memory grew by {grown} bytes for {read}");
    let requests = server.requests();
    assert_eq!(requests[0]["signature"], "valid", "{}", requests[0]);
    assert_eq!(requests[0]["problems"], json!([]), "{}", requests[0]);
}
