//! The events a caller sends on an input event stream (feature `event-stream`): the input
//! member of an operation whose input is a `@streaming` union (Bedrock's
//! InvokeModelWithBidirectionalStream, Lex's StartConversation, Polly's
//! StartSpeechSynthesisStream) is an [`EventStreamInput`] of that union.
//!
//! A generated crate's `serialize_request` leaves the request's body empty and attaches the
//! events, marshalled one by one as the stream yields them, as the request's [`InputEvents`]
//! extension. The client takes them from there, signs the request with
//! `STREAMING-AWS4-HMAC-SHA256-EVENTS` as its payload hash and sends each marshalled message
//! signed, chained from the request's signature (see `event_sender`), over HTTP/2: the
//! service answers while the caller still sends.

use std::fmt;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};

use bytes::Bytes;
use futures_core::Stream;

use crate::event_stream::{Header, HeaderValue, Message};

/// The `:content-type` of a message whose payload is JSON.
pub const JSON: &str = "application/json";
/// The `:content-type` of a message whose payload is bytes.
pub const OCTET_STREAM: &str = "application/octet-stream";
/// The `:content-type` of a message whose payload is text.
pub const TEXT: &str = "text/plain";

type Events<T> = Pin<Box<dyn Stream<Item = T> + Send>>;

/// The events of an input event stream, sent one by one as they come: from a `Vec` or any
/// iterator ([`from_iter`](Self::from_iter)), any async [`Stream`] ([`new`](Self::new)), or a
/// channel the caller sends on while the call runs ([`channel`](Self::channel), with the
/// async client).
///
/// The stream ends the call's input when it ends; the service's answers arrive meanwhile on
/// the output's event stream.
pub struct EventStreamInput<T> {
    events: Events<T>,
}

impl<T> fmt::Debug for EventStreamInput<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("EventStreamInput").finish_non_exhaustive()
    }
}

impl<T: Send + 'static> Default for EventStreamInput<T> {
    /// A stream with no events: the request ends its input at once.
    fn default() -> Self {
        Self::from_iter(Vec::new())
    }
}

impl<T: Send + 'static> EventStreamInput<T> {
    /// The events `events` yields, sent as it yields them.
    pub fn new(events: impl Stream<Item = T> + Send + 'static) -> Self {
        Self {
            events: Box::pin(events),
        }
    }

    /// The events of `events`, sent in order.
    #[allow(clippy::should_implement_trait)]
    pub fn from_iter<I>(events: I) -> Self
    where
        I: IntoIterator<Item = T>,
        I::IntoIter: Send + 'static,
    {
        Self::new(IterStream(Box::new(events.into_iter())))
    }

    /// A stream fed by the returned [`InputSender`]: each event sent on it is sent to the
    /// service in turn, and the stream ends when every sender is dropped. At most `buffer`
    /// events wait to be sent (at least 1).
    #[cfg(feature = "client")]
    pub fn channel(buffer: usize) -> (InputSender<T>, Self) {
        let (sender, receiver) = tokio::sync::mpsc::channel(buffer.max(1));
        (InputSender(sender), Self::new(ChannelStream(receiver)))
    }

    /// The stream's events as marshalled messages, to attach to the request
    /// (`serialize_request` of a generated crate does this): `marshal` turns an event into its
    /// message, or says why it cannot.
    pub fn into_messages(self, marshal: fn(&T) -> Result<Message, String>) -> InputEvents {
        InputEvents(Arc::new(Mutex::new(Some(Box::pin(Marshalled {
            events: self.events,
            marshal,
        })))))
    }
}

impl<T: Send + 'static> From<Vec<T>> for EventStreamInput<T> {
    fn from(events: Vec<T>) -> Self {
        Self::from_iter(events)
    }
}

/// The sending half of [`EventStreamInput::channel`]; clones send on the same stream.
#[cfg(feature = "client")]
#[derive(Debug)]
pub struct InputSender<T>(tokio::sync::mpsc::Sender<T>);

#[cfg(feature = "client")]
impl<T> Clone for InputSender<T> {
    fn clone(&self) -> Self {
        Self(self.0.clone())
    }
}

#[cfg(feature = "client")]
impl<T> InputSender<T> {
    /// Sends `event` once there is room. An error gives the event back: the call's input
    /// stream is gone (the call ended, failed or was dropped).
    pub async fn send(&self, event: T) -> Result<(), InputClosed<T>> {
        self.0.send(event).await.map_err(|e| InputClosed(e.0))
    }
}

/// An event sent on an input stream whose call has ended; it holds the event.
#[cfg(feature = "client")]
pub struct InputClosed<T>(pub T);

#[cfg(feature = "client")]
impl<T> fmt::Debug for InputClosed<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("InputClosed(..)")
    }
}

#[cfg(feature = "client")]
impl<T> fmt::Display for InputClosed<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("the input event stream is closed: its call has ended")
    }
}

#[cfg(feature = "client")]
impl<T> std::error::Error for InputClosed<T> {}

#[cfg(feature = "client")]
struct ChannelStream<T>(tokio::sync::mpsc::Receiver<T>);

#[cfg(feature = "client")]
impl<T> Stream for ChannelStream<T> {
    type Item = T;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<T>> {
        self.0.poll_recv(cx)
    }
}

/// An iterator as a stream (boxed, so any iterator is `Unpin`).
struct IterStream<I>(Box<I>);

impl<I: Iterator> Stream for IterStream<I> {
    type Item = I::Item;

    fn poll_next(mut self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<Option<I::Item>> {
        Poll::Ready(self.0.next())
    }
}

struct Marshalled<T> {
    events: Events<T>,
    marshal: fn(&T) -> Result<Message, String>,
}

impl<T> Stream for Marshalled<T> {
    type Item = Result<Message, String>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let marshal = self.marshal;
        self.events
            .as_mut()
            .poll_next(cx)
            .map(|event| event.map(|event| marshal(&event)))
    }
}

/// A stream of marshalled messages, or of why one cannot be marshalled.
pub type MessageStream = Pin<Box<dyn Stream<Item = Result<Message, String>> + Send>>;

/// The marshalled events of a request's input event stream, as the request's extension: the
/// client takes them once ([`take`](Self::take)) and sends them signed. Clones share the
/// one stream.
#[derive(Clone)]
pub struct InputEvents(Arc<Mutex<Option<MessageStream>>>);

impl fmt::Debug for InputEvents {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("InputEvents").finish_non_exhaustive()
    }
}

impl InputEvents {
    /// The messages, the first time; `None` after that (a request's events are sent once).
    pub fn take(&self) -> Option<MessageStream> {
        match self.0.lock() {
            Ok(mut events) => events.take(),
            Err(poisoned) => poisoned.into_inner().take(),
        }
    }
}

/// An `event` message of type `event_type` with `payload`, whose `:content-type` is
/// `content_type`; the generated marshallers add the event's header members after.
pub fn event_message(event_type: &str, content_type: Option<&str>, payload: Bytes) -> Message {
    let message = Message::new(payload)
        .add_header(Header::new(
            ":message-type",
            HeaderValue::String("event".into()),
        ))
        .add_header(Header::new(
            ":event-type",
            HeaderValue::String(event_type.to_owned().into()),
        ));
    match content_type {
        Some(content_type) => message.add_header(Header::new(
            ":content-type",
            HeaderValue::String(content_type.to_owned().into()),
        )),
        None => message,
    }
}

/// `message` with the header `name` set to `value` (an event's `eventheader` member).
pub fn with_header(message: Message, name: &str, value: HeaderValue) -> Message {
    message.add_header(Header::new(name.to_owned(), value))
}

/// A string header value.
pub fn string_header(value: &str) -> HeaderValue {
    HeaderValue::String(value.to_owned().into())
}

/// A byte-array header value.
pub fn bytes_header(value: &[u8]) -> HeaderValue {
    HeaderValue::ByteArray(Bytes::copy_from_slice(value))
}

/// A timestamp header value (milliseconds since the epoch, as the format carries it).
pub fn timestamp_header(value: &crate::primitives::Timestamp) -> HeaderValue {
    let millis = value.as_millisecond();
    HeaderValue::Timestamp(aws_smithy_types::DateTime::from_millis(millis))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::event_stream::header_str;
    use crate::stream::block_on;

    fn marshal(event: &u32) -> Result<Message, String> {
        if *event == 13 {
            return Err("13 cannot be sent".to_owned());
        }
        Ok(event_message(
            "Number",
            Some(TEXT),
            Bytes::from(event.to_string()),
        ))
    }

    fn next(messages: &mut MessageStream) -> Option<Result<Message, String>> {
        block_on(std::future::poll_fn(|cx| messages.as_mut().poll_next(cx)))
    }

    #[test]
    fn events_are_marshalled_in_order_and_taken_once() {
        let events = EventStreamInput::from(vec![1u32, 13, 2]).into_messages(marshal);
        let shared = events.clone();
        let mut messages = events.take().expect("the first take has the messages");
        assert!(shared.take().is_none(), "a clone shares the one stream");
        let first = next(&mut messages).unwrap().unwrap();
        assert_eq!(header_str(&first, ":message-type"), Some("event"));
        assert_eq!(header_str(&first, ":event-type"), Some("Number"));
        assert_eq!(header_str(&first, ":content-type"), Some(TEXT));
        assert_eq!(&first.payload()[..], b"1");
        assert_eq!(
            next(&mut messages).unwrap().unwrap_err(),
            "13 cannot be sent"
        );
        assert_eq!(&next(&mut messages).unwrap().unwrap().payload()[..], b"2");
        assert!(next(&mut messages).is_none());
    }

    #[test]
    fn a_default_stream_is_empty_and_header_helpers_type_their_values() {
        let mut messages = EventStreamInput::<u32>::default()
            .into_messages(marshal)
            .take()
            .unwrap();
        assert!(next(&mut messages).is_none());
        let message = with_header(
            event_message("E", None, Bytes::new()),
            "when",
            timestamp_header(&crate::primitives::Timestamp::from_second(1_700_000_000).unwrap()),
        );
        assert_eq!(header_str(&message, ":content-type"), None);
        let when = message
            .headers()
            .iter()
            .find(|h| h.name().as_str() == "when")
            .unwrap();
        assert_eq!(
            when.value(),
            &HeaderValue::Timestamp(aws_smithy_types::DateTime::from_secs(1_700_000_000))
        );
        assert_eq!(
            bytes_header(b"ab"),
            HeaderValue::ByteArray(Bytes::from_static(b"ab"))
        );
        assert_eq!(string_header("x"), HeaderValue::String("x".into()));
    }

    #[cfg(feature = "client")]
    #[tokio::test]
    async fn a_channel_sends_until_its_senders_are_dropped() {
        let (sender, input) = EventStreamInput::channel(1);
        let mut messages = input.into_messages(marshal).take().unwrap();
        let second = sender.clone();
        sender.send(5).await.unwrap();
        let first = std::future::poll_fn(|cx| messages.as_mut().poll_next(cx)).await;
        assert_eq!(&first.unwrap().unwrap().payload()[..], b"5");
        drop(sender);
        second.send(6).await.unwrap();
        drop(second);
        let next = std::future::poll_fn(|cx| messages.as_mut().poll_next(cx)).await;
        assert_eq!(&next.unwrap().unwrap().payload()[..], b"6");
        assert!(
            std::future::poll_fn(|cx| messages.as_mut().poll_next(cx))
                .await
                .is_none()
        );
        drop(messages);
        let (sender, input) = EventStreamInput::<u32>::channel(1);
        drop(input);
        assert_eq!(sender.send(7).await.unwrap_err().0, 7);
    }
}
