//! Event streams (feature `event-stream`): the `application/vnd.amazon.eventstream` frames of
//! an operation whose output is a `@streaming` union (Bedrock's ConverseStream, Lambda's
//! InvokeWithResponseStream, Kinesis's SubscribeToShard), decoded one by one as the body's
//! chunks arrive.
//!
//! The framing (prelude, headers, payload, both CRCs) is aws-smithy-eventstream's, the AWS
//! SDK's own decoder. An [`EventReceiver`] reads frames from a [`ByteStream`] and hands each
//! message to the generated crate's unmarshaller, which turns an `event` message into a
//! variant of the union and an `exception` message into the operation's modelled error. An
//! `error` message (`:message-type error`, with `:error-code` and `:error-message`) ends the
//! stream with [`EventStreamError::Service`]. A corrupt frame (a bad length or checksum) ends
//! it with [`EventStreamError::Frame`], a body that stops in the middle of a frame with
//! [`EventStreamError::Truncated`]; nothing panics on a hostile stream. After an error the
//! receiver yields nothing more.

use std::fmt;
use std::pin::Pin;
use std::task::{Context, Poll};

use aws_smithy_eventstream::frame::{DecodedFrame, MessageFrameDecoder};
pub use aws_smithy_types::event_stream::{Header, HeaderValue, Message};
use bytes::BytesMut;
use futures_core::Stream;

use crate::stream::{ByteStream, StreamError};

/// The longest frame the format allows: a 16 MiB payload, 128 KiB of headers, the prelude and
/// the message checksum. A frame that declares more is refused before it is buffered.
const MAX_FRAME: u32 = 16 * 1024 * 1024 + 128 * 1024 + 16;
/// The shortest: a prelude and a checksum, no headers, no payload.
const MIN_FRAME: u32 = 16;

/// Why an event stream ended before its end.
#[derive(Debug)]
pub enum EventStreamError<E> {
    /// A modelled exception (`:message-type exception`), as the operation's error.
    Modelled(E),
    /// An error message of the service (`:message-type error`).
    Service {
        /// `:error-code`.
        code: String,
        /// `:error-message`.
        message: String,
    },
    /// A frame that cannot be read: a wrong length, a checksum that does not match, a bad
    /// header.
    Frame(String),
    /// The body ended in the middle of a frame, this many bytes into it.
    Truncated(usize),
    /// A message the operation does not define, or a payload that does not parse.
    Unmarshal(String),
    /// Reading the body failed (the connection broke).
    Body(StreamError),
}

impl<E: fmt::Display> fmt::Display for EventStreamError<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EventStreamError::Modelled(error) => error.fmt(f),
            EventStreamError::Service { code, message } => {
                write!(f, "the event stream ended with an error: {code}: {message}")
            }
            EventStreamError::Frame(problem) => {
                write!(f, "the event stream has a corrupt frame: {problem}")
            }
            EventStreamError::Truncated(read) => write!(
                f,
                "the event stream ended in the middle of a frame, {read} bytes into it"
            ),
            EventStreamError::Unmarshal(problem) => {
                write!(f, "an event stream message cannot be read: {problem}")
            }
            EventStreamError::Body(error) => write!(f, "reading the event stream failed: {error}"),
        }
    }
}

impl<E: std::error::Error + 'static> std::error::Error for EventStreamError<E> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            EventStreamError::Modelled(error) => Some(error),
            EventStreamError::Body(error) => Some(error),
            _ => None,
        }
    }
}

/// What a message is, from its `:message-type` header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MessageKind<'a> {
    /// An event of the union, named by `:event-type`.
    Event(&'a str),
    /// A modelled exception, named by `:exception-type`.
    Exception(&'a str),
}

/// The value of the string header `name`, if the message has it as a string.
pub fn header_str<'a>(message: &'a Message, name: &str) -> Option<&'a str> {
    message
        .headers()
        .iter()
        .find(|header| header.name().as_str() == name)
        .and_then(|header| header.value().as_string().ok())
        .map(|value| value.as_str())
}

/// The value of the header `name`, if the message has it.
pub fn header<'a>(message: &'a Message, name: &str) -> Option<&'a HeaderValue> {
    message
        .headers()
        .iter()
        .find(|header| header.name().as_str() == name)
        .map(Header::value)
}

/// Whether `message` is an event or an exception, and its name; an error message is the
/// service's error. (The receiver answers error messages itself; unmarshallers see events and
/// exceptions.)
pub fn classify<E>(message: &Message) -> Result<MessageKind<'_>, EventStreamError<E>> {
    let missing = |name: &str| {
        EventStreamError::Unmarshal(format!("a message has no string header `{name}`"))
    };
    match header_str(message, ":message-type").ok_or_else(|| missing(":message-type"))? {
        "event" => Ok(MessageKind::Event(
            header_str(message, ":event-type").ok_or_else(|| missing(":event-type"))?,
        )),
        "exception" => Ok(MessageKind::Exception(
            header_str(message, ":exception-type").ok_or_else(|| missing(":exception-type"))?,
        )),
        "error" => Err(EventStreamError::Service {
            code: header_str(message, ":error-code")
                .unwrap_or("Unknown")
                .to_owned(),
            message: header_str(message, ":error-message")
                .unwrap_or_default()
                .to_owned(),
        }),
        other => Err(EventStreamError::Unmarshal(format!(
            "unknown :message-type `{other}`"
        ))),
    }
}

/// Turns one event or exception message into the union's event or its error; `Ok(None)` for a
/// message that is not an event of the union (the `initial-response` of an awsJson stream,
/// whose output members the initial response already gave), which the receiver skips.
pub type Unmarshal<T, E> = fn(&Message) -> Result<Option<T>, EventStreamError<E>>;

/// The `initial-response` event an awsJson service sends first in an output event stream.
pub const INITIAL_RESPONSE: &str = "initial-response";

/// An `exception` message whose `:exception-type` the union does not name: the service's
/// error, with the code the message gives and the `message` (or `Message`) of its JSON payload,
/// else the payload as text.
pub fn unknown_exception<E>(code: &str, message: &Message) -> EventStreamError<E> {
    let payload = message.payload();
    let text = serde_json::from_slice::<serde_json::Value>(payload)
        .ok()
        .and_then(|value| {
            ["message", "Message"]
                .iter()
                .find_map(|key| value.get(key)?.as_str().map(str::to_owned))
        })
        .unwrap_or_else(|| String::from_utf8_lossy(payload).into_owned());
    EventStreamError::Service {
        code: code.to_owned(),
        message: text,
    }
}

/// Reads the JSON payload of `message` through the codec `A` (an event's or an exception's
/// structure).
///
/// # Errors
///
/// A payload that does not hold a `T`, as [`EventStreamError::Unmarshal`] naming `what`.
pub fn json_payload<A, T, E>(message: &Message, what: &str) -> Result<T, EventStreamError<E>>
where
    A: for<'de> crate::json::DeserializeAs<'de, T>,
{
    crate::json::from_body::<A, T>(200, message.payload())
        .map_err(|error| EventStreamError::Unmarshal(format!("`{what}`: {error}")))
}

/// The payload of `message` as text (an event member bound to the payload that is a string).
///
/// # Errors
///
/// A payload that is not UTF-8, as [`EventStreamError::Unmarshal`] naming `what`.
pub fn text_payload<E>(message: &Message, what: &str) -> Result<String, EventStreamError<E>> {
    String::from_utf8(message.payload().to_vec())
        .map_err(|_| EventStreamError::Unmarshal(format!("`{what}`: the payload is not UTF-8")))
}

/// The header `name` of `message` read by `read` (one of `HeaderValue`'s `as_*`), or `None`
/// when the message does not have it.
///
/// # Errors
///
/// A header of another type, as [`EventStreamError::Unmarshal`].
pub fn header_value<'m, T, E>(
    message: &'m Message,
    name: &str,
    read: fn(&'m HeaderValue) -> Result<T, &'m HeaderValue>,
) -> Result<Option<T>, EventStreamError<E>> {
    match header(message, name) {
        None => Ok(None),
        Some(value) => read(value).map(Some).map_err(|other| {
            EventStreamError::Unmarshal(format!(
                "the header `{name}` has the wrong type ({other:?})"
            ))
        }),
    }
}

/// The events of an output event stream, decoded from its body as the chunks arrive: an
/// async [`Stream`], [`recv`](Self::recv) one at a time, or, on the blocking client,
/// [`recv_blocking`](Self::recv_blocking) and [`into_blocking_iter`](Self::into_blocking_iter).
/// Dropping the receiver drops the body, which closes the connection.
pub struct EventReceiver<T, E> {
    body: ByteStream,
    buffer: BytesMut,
    decoder: MessageFrameDecoder,
    /// Bytes received since the last whole frame.
    partial: usize,
    /// Whether the current frame's declared length has been checked.
    length_checked: bool,
    unmarshal: Unmarshal<T, E>,
    done: bool,
}

impl<T, E> fmt::Debug for EventReceiver<T, E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("EventReceiver")
            .field("body", &self.body)
            .field("buffered", &self.buffer.len())
            .field("done", &self.done)
            .finish_non_exhaustive()
    }
}

/// An empty stream: no events (an output built by hand, or whose stream was taken).
impl<T, E> Default for EventReceiver<T, E> {
    fn default() -> Self {
        fn nothing<T, E>(_: &Message) -> Result<Option<T>, EventStreamError<E>> {
            Ok(None)
        }
        Self::new(ByteStream::empty(), nothing::<T, E>)
    }
}

impl<T, E> EventReceiver<T, E> {
    /// The events of `body`, each message turned into an event (or an error) by `unmarshal`.
    pub fn new(body: ByteStream, unmarshal: Unmarshal<T, E>) -> Self {
        Self {
            body,
            buffer: BytesMut::new(),
            decoder: MessageFrameDecoder::new(),
            partial: 0,
            length_checked: false,
            unmarshal,
            done: false,
        }
    }

    /// The next event, `Ok(None)` at the end of the stream.
    pub async fn recv(&mut self) -> Result<Option<T>, EventStreamError<E>> {
        std::future::poll_fn(|cx| self.poll_recv(cx)).await
    }

    /// The next event, waiting on the calling thread (the blocking client's streams).
    pub fn recv_blocking(&mut self) -> Result<Option<T>, EventStreamError<E>> {
        loop {
            if let Some(result) = self.next_buffered() {
                return result;
            }
            let chunk = self.body.next_blocking();
            if let Some(result) = self.take_chunk(chunk) {
                return result;
            }
        }
    }

    /// The events as an [`Iterator`], read on the calling thread.
    pub fn into_blocking_iter(mut self) -> impl Iterator<Item = Result<T, EventStreamError<E>>> {
        std::iter::from_fn(move || self.recv_blocking().transpose())
    }

    fn poll_recv(&mut self, cx: &mut Context<'_>) -> Poll<Result<Option<T>, EventStreamError<E>>> {
        loop {
            if let Some(result) = self.next_buffered() {
                return Poll::Ready(result);
            }
            let chunk = match Pin::new(&mut self.body).poll_next(cx) {
                Poll::Ready(chunk) => chunk,
                Poll::Pending => return Poll::Pending,
            };
            if let Some(result) = self.take_chunk(chunk) {
                return Poll::Ready(result);
            }
        }
    }

    /// The next event of the buffer, or `None` when it holds no whole frame of one (messages
    /// the unmarshaller skips are read past).
    fn next_buffered(&mut self) -> Option<Result<Option<T>, EventStreamError<E>>> {
        loop {
            if self.done {
                return Some(Ok(None));
            }
            match self.next_message()? {
                Ok(None) => continue,
                other => return Some(other),
            }
        }
    }

    /// The next message of the buffer, unmarshalled (`Ok(None)` for one the unmarshaller
    /// skips), or `None` when it holds no whole frame.
    fn next_message(&mut self) -> Option<Result<Option<T>, EventStreamError<E>>> {
        // The declared length, checked before the decoder takes the prelude: a hostile length
        // would have the frame buffered up to 4 GiB.
        if !self.length_checked && self.buffer.len() >= 4 {
            let declared = u32::from_be_bytes([
                self.buffer[0],
                self.buffer[1],
                self.buffer[2],
                self.buffer[3],
            ]);
            if !(MIN_FRAME..=MAX_FRAME).contains(&declared) {
                return Some(self.fail(EventStreamError::Frame(format!(
                    "a frame declares a length of {declared} bytes; the format allows \
                     {MIN_FRAME} to {MAX_FRAME}"
                ))));
            }
            self.length_checked = true;
        }
        let message = match self.decoder.decode_frame(&mut self.buffer) {
            Ok(DecodedFrame::Incomplete) => return None,
            Ok(DecodedFrame::Complete(message)) => message,
            Err(error) => return Some(self.fail(EventStreamError::Frame(error.to_string()))),
        };
        self.partial = self.buffer.len();
        self.length_checked = false;
        let result = match header_str(&message, ":message-type") {
            // `classify` makes an error message the service's error.
            Some("error") => Err(classify(&message)
                .err()
                .unwrap_or_else(|| EventStreamError::Unmarshal("an error message".to_owned()))),
            _ => (self.unmarshal)(&message),
        };
        Some(match result {
            Ok(event) => Ok(event),
            Err(error) => self.fail(error),
        })
    }

    /// Adds a chunk of the body to the buffer: `None` to go on decoding, or what the end of
    /// the body (or its failure) means.
    fn take_chunk(
        &mut self,
        chunk: Option<Result<bytes::Bytes, StreamError>>,
    ) -> Option<Result<Option<T>, EventStreamError<E>>> {
        match chunk {
            Some(Ok(chunk)) => {
                self.partial += chunk.len();
                self.buffer.extend_from_slice(&chunk);
                None
            }
            Some(Err(error)) => Some(self.fail(EventStreamError::Body(error))),
            None if self.partial == 0 => {
                self.done = true;
                Some(Ok(None))
            }
            None => Some(self.fail(EventStreamError::Truncated(self.partial))),
        }
    }

    fn fail(&mut self, error: EventStreamError<E>) -> Result<Option<T>, EventStreamError<E>> {
        self.done = true;
        self.buffer.clear();
        Err(error)
    }
}

impl<T, E> Stream for EventReceiver<T, E> {
    type Item = Result<T, EventStreamError<E>>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.get_mut()
            .poll_recv(cx)
            .map(|result| result.transpose())
    }
}

/// The frame of `message`, as a service sends it (for tests and stand-ins); an error says
/// which limit of the format the message breaks.
pub fn encode(message: &Message) -> Result<Vec<u8>, String> {
    let mut frame = Vec::new();
    aws_smithy_eventstream::frame::write_message_to(message, &mut frame)
        .map_err(|error| format!("the message cannot be framed: {error}"))?;
    Ok(frame)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stream::{Bytes, block_on};

    #[derive(Debug, PartialEq)]
    enum Event {
        Delta(String),
        Stop,
    }

    #[derive(Debug, PartialEq)]
    struct Throttled(String);

    fn unmarshal(message: &Message) -> Result<Option<Event>, EventStreamError<Throttled>> {
        match classify(message)? {
            MessageKind::Event(INITIAL_RESPONSE) => Ok(None),
            MessageKind::Event("contentBlockDelta") => Ok(Some(Event::Delta(
                String::from_utf8(message.payload().to_vec())
                    .map_err(|e| EventStreamError::Unmarshal(e.to_string()))?,
            ))),
            MessageKind::Event("messageStop") => Ok(Some(Event::Stop)),
            MessageKind::Exception("throttlingException") => Err(EventStreamError::Modelled(
                Throttled(String::from_utf8_lossy(message.payload()).into_owned()),
            )),
            other => Err(EventStreamError::Unmarshal(format!("{other:?}"))),
        }
    }

    fn event(kind: &str, payload: &str) -> Vec<u8> {
        encode(
            &Message::new(Bytes::from(payload.to_owned()))
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
                    HeaderValue::String("application/json".into()),
                )),
        )
        .unwrap()
    }

    fn message(kind: &str, headers: &[(&str, &str)], payload: &str) -> Vec<u8> {
        let mut message = Message::new(Bytes::from(payload.to_owned())).add_header(Header::new(
            ":message-type",
            HeaderValue::String(kind.to_owned().into()),
        ));
        for (name, value) in headers {
            message = message.add_header(Header::new(
                name.to_string(),
                HeaderValue::String(value.to_string().into()),
            ));
        }
        encode(&message).unwrap()
    }

    /// A body that gives `bytes` in chunks of `size`.
    fn chunked(bytes: Vec<u8>, size: usize) -> ByteStream {
        let chunks: Vec<Result<Bytes, std::io::Error>> = bytes
            .chunks(size)
            .map(|chunk| Ok(Bytes::copy_from_slice(chunk)))
            .collect();
        ByteStream::from_stream(StreamOf(chunks.into_iter()))
    }

    struct StreamOf<I>(I);
    impl<I: Iterator + Unpin> Stream for StreamOf<I> {
        type Item = I::Item;
        fn poll_next(mut self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<Option<I::Item>> {
            Poll::Ready(self.0.next())
        }
    }

    fn all(body: ByteStream) -> Vec<Result<Event, EventStreamError<Throttled>>> {
        let mut receiver = EventReceiver::new(body, unmarshal);
        let mut seen = Vec::new();
        loop {
            match block_on(receiver.recv()) {
                Ok(Some(event)) => seen.push(Ok(event)),
                Ok(None) => return seen,
                Err(error) => {
                    seen.push(Err(error));
                    assert!(matches!(block_on(receiver.recv()), Ok(None)));
                    return seen;
                }
            }
        }
    }

    #[test]
    fn frames_split_anywhere_across_chunks_decode_in_order() {
        let mut bytes = event("contentBlockDelta", "Hel");
        bytes.extend(event("contentBlockDelta", "lo"));
        bytes.extend(event("messageStop", "{}"));
        for size in [1, 2, 7, 13, 64, 4096] {
            let events: Vec<_> = all(chunked(bytes.clone(), size))
                .into_iter()
                .map(Result::unwrap)
                .collect();
            assert_eq!(
                events,
                [
                    Event::Delta("Hel".into()),
                    Event::Delta("lo".into()),
                    Event::Stop
                ],
                "chunks of {size}"
            );
        }
    }

    #[test]
    fn an_exception_message_is_the_modelled_error_and_ends_the_stream() {
        let mut bytes = event("contentBlockDelta", "a");
        bytes.extend(message(
            "exception",
            &[(":exception-type", "throttlingException")],
            "{\"message\":\"slow down\"}",
        ));
        bytes.extend(event("contentBlockDelta", "never seen"));
        let seen = all(chunked(bytes, 5));
        assert_eq!(seen.len(), 2);
        assert!(
            matches!(&seen[1], Err(EventStreamError::Modelled(Throttled(body))) if body.contains("slow down")),
            "{seen:?}"
        );
    }

    #[test]
    fn an_error_message_carries_its_code_and_message() {
        let bytes = message(
            "error",
            &[
                (":error-code", "InternalFailure"),
                (":error-message", "try again"),
            ],
            "",
        );
        let seen = all(chunked(bytes, 3));
        let [Err(EventStreamError::Service { code, message })] = &seen[..] else {
            panic!("{seen:?}");
        };
        assert_eq!(
            (code.as_str(), message.as_str()),
            ("InternalFailure", "try again")
        );
    }

    #[test]
    fn a_corrupt_checksum_is_a_frame_error_not_a_panic() {
        let mut bytes = event("contentBlockDelta", "fine");
        let mut bad = event("contentBlockDelta", "flipped");
        let last = bad.len() - 1;
        bad[last] ^= 0xff;
        bytes.extend(bad);
        let seen = all(chunked(bytes, 8));
        assert!(matches!(&seen[0], Ok(Event::Delta(text)) if text == "fine"));
        let Err(EventStreamError::Frame(problem)) = &seen[1] else {
            panic!("{seen:?}");
        };
        assert!(!problem.is_empty());
        // A prelude whose own checksum is wrong, and garbage.
        let mut bad = event("contentBlockDelta", "x");
        bad[9] ^= 0x01;
        assert!(matches!(
            &all(chunked(bad, 4))[0],
            Err(EventStreamError::Frame(_))
        ));
        let garbage = vec![0xffu8; 64];
        let Err(EventStreamError::Frame(problem)) = &all(chunked(garbage, 64))[0] else {
            panic!("a 4 GiB length is refused");
        };
        assert!(problem.contains("4294967295"), "{problem}");
        // A frame longer than the format allows, declared by a second frame.
        let mut bytes = event("contentBlockDelta", "ok");
        bytes.extend((MAX_FRAME + 1).to_be_bytes());
        bytes.extend([0u8; 100]);
        let seen = all(chunked(bytes, 3));
        assert!(matches!(&seen[0], Ok(Event::Delta(text)) if text == "ok"));
        assert!(
            matches!(&seen[1], Err(EventStreamError::Frame(_))),
            "{seen:?}"
        );
    }

    #[test]
    fn a_body_that_stops_mid_frame_is_truncated() {
        let mut bytes = event("contentBlockDelta", "whole");
        let cut = event("contentBlockDelta", "cut short");
        bytes.extend_from_slice(&cut[..cut.len() - 3]);
        let seen = all(chunked(bytes, 6));
        assert!(matches!(&seen[0], Ok(Event::Delta(text)) if text == "whole"));
        assert!(
            matches!(&seen[1], Err(EventStreamError::Truncated(read)) if *read == cut.len() - 3),
            "{seen:?}"
        );
        // Fewer bytes than a prelude.
        assert!(matches!(
            &all(chunked(vec![0, 0, 0], 1))[0],
            Err(EventStreamError::Truncated(3))
        ));
        assert!(all(ByteStream::empty()).is_empty());
    }

    #[test]
    fn a_message_the_operation_does_not_define_is_an_unmarshal_error() {
        let seen = all(chunked(event("somethingNew", "{}"), 100));
        assert!(
            matches!(&seen[0], Err(EventStreamError::Unmarshal(_))),
            "{seen:?}"
        );
        let seen = all(chunked(message("event", &[], "{}"), 100));
        let Err(EventStreamError::Unmarshal(problem)) = &seen[0] else {
            panic!("{seen:?}");
        };
        assert!(problem.contains(":event-type"), "{problem}");
    }

    #[test]
    fn an_initial_response_is_skipped_and_a_default_receiver_is_empty() {
        let mut bytes = event(INITIAL_RESPONSE, "{}");
        bytes.extend(event("contentBlockDelta", "after"));
        bytes.extend(event(INITIAL_RESPONSE, "{}"));
        let events: Vec<_> = all(chunked(bytes, 5))
            .into_iter()
            .map(Result::unwrap)
            .collect();
        assert_eq!(events, [Event::Delta("after".into())]);
        let mut empty = EventReceiver::<Event, Throttled>::default();
        assert!(matches!(block_on(empty.recv()), Ok(None)));
    }

    #[test]
    fn an_unknown_exception_carries_the_message_of_its_payload() {
        let json = Message::new(Bytes::from_static(b"{\"Message\":\"gone\"}"));
        let EventStreamError::<()>::Service { code, message } =
            unknown_exception("NewException", &json)
        else {
            panic!("a service error");
        };
        assert_eq!((code.as_str(), message.as_str()), ("NewException", "gone"));
        let text = Message::new(Bytes::from_static(b"plain words"));
        assert!(matches!(
            unknown_exception::<()>("X", &text),
            EventStreamError::Service { message, .. } if message == "plain words"
        ));
        let wrong = Message::new(Bytes::new()).add_header(Header::new("n", HeaderValue::Int32(3)));
        assert_eq!(
            header_value::<_, ()>(&wrong, "n", HeaderValue::as_int32).unwrap(),
            Some(3)
        );
        assert_eq!(
            header_value::<_, ()>(&wrong, "m", HeaderValue::as_int32).unwrap(),
            None
        );
        assert!(matches!(
            header_value::<_, ()>(&wrong, "n", HeaderValue::as_string),
            Err(EventStreamError::Unmarshal(_))
        ));
    }

    #[test]
    fn the_blocking_iterator_reads_a_reader() {
        let mut bytes = event("contentBlockDelta", "one");
        bytes.extend(event("messageStop", "{}"));
        let receiver = EventReceiver::new(
            ByteStream::from_reader(std::io::Cursor::new(bytes)),
            unmarshal,
        );
        let events: Vec<_> = receiver.into_blocking_iter().map(Result::unwrap).collect();
        assert_eq!(events, [Event::Delta("one".into()), Event::Stop]);
    }
}
