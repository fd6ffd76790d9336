//! Decode throughput of the runtime's event-stream receiver: 10 MB of ConverseStream-like
//! frames (a `contentBlockDelta` event with a JSON payload of about 100 bytes, as Bedrock
//! sends tokens), arriving in 16 KiB chunks, decoded frame by frame and unmarshalled into the
//! delta's text. Run with `cargo bench -p inspector-tests --bench event_stream`; the figure is
//! MB/s of frames.

use divan::Bencher;
use divan::counter::BytesCount;
use service_runtime::event_stream::{
    EventReceiver, EventStreamError, Header, HeaderValue, Message, MessageKind, classify, encode,
};
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

/// The delta's text, as a generated unmarshaller reads it: the JSON payload parsed.
fn unmarshal(message: &Message) -> Result<Option<String>, EventStreamError<()>> {
    #[derive(serde::Deserialize)]
    struct Delta {
        delta: Text,
    }
    #[derive(serde::Deserialize)]
    struct Text {
        text: String,
    }
    match classify(message)? {
        MessageKind::Event("contentBlockDelta") => {
            serde_json::from_slice::<Delta>(message.payload())
                .map(|delta| Some(delta.delta.text))
                .map_err(|e| EventStreamError::Unmarshal(e.to_string()))
        }
        other => Err(EventStreamError::Unmarshal(format!("{other:?}"))),
    }
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
            let mut receiver = EventReceiver::new(body, unmarshal);
            let mut events = 0usize;
            while let Some(text) = receiver.recv_blocking().unwrap() {
                events += text.len().min(1);
            }
            events
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
