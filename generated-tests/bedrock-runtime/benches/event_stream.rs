//! Decode throughput of a ConverseStream response through the generated `bedrock-runtime`
//! crate: 10 MB of `contentBlockDelta` frames (a JSON payload of about 100 bytes, as Bedrock
//! sends tokens), arriving in 16 KiB chunks, read by `parse_streaming_response`'s receiver:
//! each frame decoded and its payload unmarshalled into the generated
//! `ConverseStreamOutput::ContentBlockDelta`. Run with
//! `cargo bench -p bedrock-runtime-tests --bench event_stream`; the figure is MB/s of frames.

use bedrock_runtime::operation::converse_stream::parse_streaming_response;
use bedrock_runtime::types::{ContentBlockDelta, ConverseStreamOutput};
use divan::Bencher;
use divan::counter::BytesCount;
use service_runtime::event_stream::{Header, HeaderValue, Message, encode};
use service_runtime::stream::{ByteStream, Bytes};

fn main() {
    divan::main();
}

const TOTAL: usize = 10 * 1024 * 1024;
const CHUNK: usize = 16 * 1024;

/// About `TOTAL` bytes of delta frames.
fn frames() -> Vec<u8> {
    let mut bytes = Vec::with_capacity(TOTAL + 1024);
    let mut index = 0u32;
    while bytes.len() < TOTAL {
        let payload = format!(
            "{{\"contentBlockIndex\":0,\"delta\":{{\"text\":\"token {index} of the answer\"}},\"p\":\"abcdefghijklmnopqrstuvwxyzABCDEFGH\"}}"
        );
        let message = Message::new(Bytes::from(payload))
            .add_header(Header::new(
                ":message-type",
                HeaderValue::String("event".into()),
            ))
            .add_header(Header::new(
                ":event-type",
                HeaderValue::String("contentBlockDelta".into()),
            ))
            .add_header(Header::new(
                ":content-type",
                HeaderValue::String("application/json".into()),
            ));
        bytes.extend(encode(&message).unwrap());
        index += 1;
    }
    bytes
}

/// Frames in 16 KiB chunks, read with the blocking receiver (no runtime in the measurement).
#[divan::bench]
fn decode_10mb_of_delta_frames(bencher: Bencher) {
    let bytes = frames();
    let chunks: Vec<Bytes> = bytes.chunks(CHUNK).map(Bytes::copy_from_slice).collect();
    bencher
        .counter(BytesCount::new(bytes.len()))
        .with_inputs(|| {
            let chunks = chunks.clone();
            ByteStream::from_reader(ChunkReader(chunks.into_iter(), Bytes::new()))
        })
        .bench_values(|body| {
            let response = http::Response::builder()
                .status(200)
                .header("content-type", "application/vnd.amazon.eventstream")
                .body(body)
                .unwrap();
            let mut receiver = parse_streaming_response(response).unwrap().stream;
            let mut text = 0usize;
            while let Some(event) = receiver.recv_blocking().unwrap() {
                if let ConverseStreamOutput::ContentBlockDelta(delta) = event {
                    if let ContentBlockDelta::Text(piece) = delta.delta {
                        text += piece.len();
                    }
                }
            }
            assert!(text > 0);
            text
        });
}

/// A reader that gives one chunk per read, as a socket does.
struct ChunkReader(std::vec::IntoIter<Bytes>, Bytes);

impl std::io::Read for ChunkReader {
    fn read(&mut self, buffer: &mut [u8]) -> std::io::Result<usize> {
        if self.1.is_empty() {
            match self.0.next() {
                Some(chunk) => self.1 = chunk,
                None => return Ok(0),
            }
        }
        let n = buffer.len().min(self.1.len());
        buffer[..n].copy_from_slice(&self.1.split_to(n));
        Ok(n)
    }
}
