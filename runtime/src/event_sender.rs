//! Input event streams (features `event-stream` and `client-base`): the messages a client
//! sends on an operation whose input is a `@streaming` union (Transcribe's
//! StartStreamTranscription, Bedrock's InvokeModelWithBidirectionalStream, Lex's
//! StartConversation), each framed and signed with SigV4 as it is sent.
//!
//! Every message the generated crate marshals is framed (`application/vnd.amazon.eventstream`)
//! and the frame becomes the payload of an outer message with two headers: `:date`, the time
//! of signing (a timestamp, whole seconds), and `:chunk-signature`, 32 bytes of signature.
//! Each signature covers the previous one, so the messages form a chain that starts at the
//! seed signature, the `Signature=` of the HTTP request's own `authorization` header
//! ([`seed_signature`]); the stream ends with a signed message whose payload is empty. The
//! signing itself is aws-sigv4's (`aws_sigv4::event_stream`), the AWS SDK's own.
//!
//! [`EventSigner`] signs message by message; [`EventSender`] signs an async [`Stream`] of
//! messages as they come and is the request's body ([`EventSender::into_body`]). A message
//! that cannot be framed or signed ends the body with a [`StreamError`] that says which
//! message and why; nothing panics, and no end message is sent after an error, so the
//! service sees a broken stream rather than a complete one.
//!
//! The HTTP request itself is signed with [`STREAMING_EVENTS_PAYLOAD`] as its payload hash,
//! since its body is not known when it is signed.

use std::fmt;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use aws_sigv4::event_stream::{sign_empty_message, sign_message};
use aws_sigv4::sign::v4;
use aws_smithy_runtime_api::client::identity::Identity;
use bytes::Bytes;
use futures_core::Stream;

use crate::credentials::Credentials;
use crate::event_stream::{Message, encode};
use crate::stream::{ByteStream, StreamError};

/// The payload hash (`x-amz-content-sha256`, and the last line of the canonical request) of
/// an HTTP request whose body is a signed input event stream.
pub const STREAMING_EVENTS_PAYLOAD: &str = "STREAMING-AWS4-HMAC-SHA256-EVENTS";

/// The largest payload of a message the format allows (16 MiB); a signed message's payload is
/// the framed message it wraps.
const MAX_PAYLOAD: usize = 16 * 1024 * 1024;

/// The first second that cannot be signed: the year 10000 (SigV4's dates have four digits).
const YEAR_10000: Duration = Duration::from_secs(253_402_300_800);

/// Why a request's seed signature cannot be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeedSignatureError {
    problem: String,
}

impl fmt::Display for SeedSignatureError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "the request has no seed signature for its input event stream: {}",
            self.problem
        )
    }
}

impl std::error::Error for SeedSignatureError {}

/// The seed signature of an input event stream: the `Signature=` of the SigV4 `authorization`
/// header of the signed request in `headers`, 64 lowercase hex digits. An error says what is
/// missing: the header (the request is not signed yet, or signed with a bearer token), a SigV4
/// signature (SigV4a requests cannot seed the chain), or its `Signature=` part.
pub fn seed_signature(headers: &http::HeaderMap) -> Result<String, SeedSignatureError> {
    let fail = |problem: String| SeedSignatureError { problem };
    let value = headers.get(http::header::AUTHORIZATION).ok_or_else(|| {
        fail(
            "it has no `authorization` header; sign the request before its event stream \
             starts, as the first message's signature chains from the request's"
                .to_owned(),
        )
    })?;
    let value = value
        .to_str()
        .map_err(|_| fail("its `authorization` header is not visible ASCII".to_owned()))?;
    let (algorithm, parameters) = value.split_once(' ').unwrap_or((value, ""));
    if algorithm != "AWS4-HMAC-SHA256" {
        return Err(fail(format!(
            "its `authorization` header is a `{algorithm}` one; input event streams are signed \
             with SigV4 (`AWS4-HMAC-SHA256`) only"
        )));
    }
    let signature = parameters
        .split(',')
        .find_map(|part| part.trim().strip_prefix("Signature="))
        .ok_or_else(|| fail("its `authorization` header has no `Signature=` part".to_owned()))?;
    check_signature(signature).map_err(fail)?;
    Ok(signature.to_owned())
}

/// Whether `signature` is a SigV4 signature: 64 lowercase hex digits.
fn check_signature(signature: &str) -> Result<(), String> {
    if signature.len() == 64
        && signature
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
    {
        Ok(())
    } else {
        Err(format!(
            "the signature ({} characters) is not 64 lowercase hex digits",
            signature.len()
        ))
    }
}

/// Signs the messages of one input event stream in order, each chained from the previous
/// signature, the first from the request's seed signature. Each message is signed at the time
/// the clock gives when it is signed (by default the system's clock).
pub struct EventSigner {
    identity: Identity,
    region: String,
    signing_name: String,
    clock: fn() -> SystemTime,
    /// The signature the next message chains from (the seed, then the last message's).
    previous: String,
    /// The messages signed so far.
    signed: usize,
    /// Whether the empty message that ends the stream has been signed.
    ended: bool,
}

impl fmt::Debug for EventSigner {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // No credentials and no signatures: they are secrets of a kind.
        f.debug_struct("EventSigner")
            .field("region", &self.region)
            .field("signing_name", &self.signing_name)
            .field("signed", &self.signed)
            .field("ended", &self.ended)
            .finish_non_exhaustive()
    }
}

impl EventSigner {
    /// A signer with `credentials` for `region` and the service's `signing_name` (its SigV4
    /// name, `transcribe`, `bedrock`, `lex`), whose first message chains from `seed_signature`
    /// (see [`seed_signature`]).
    pub fn new(
        credentials: &Credentials,
        region: impl Into<String>,
        signing_name: impl Into<String>,
        seed_signature: impl Into<String>,
    ) -> Self {
        Self {
            identity: crate::sign::identity(credentials),
            region: region.into(),
            signing_name: signing_name.into(),
            clock: SystemTime::now,
            previous: seed_signature.into(),
            signed: 0,
            ended: false,
        }
    }

    /// The same signer with `clock` as the time of each signature (for tests).
    pub fn with_clock(mut self, clock: fn() -> SystemTime) -> Self {
        self.clock = clock;
        self
    }

    /// The signature the next message chains from, as lowercase hex: the seed before the
    /// first message, then the last message's.
    pub fn last_signature(&self) -> &str {
        &self.previous
    }

    /// How many messages have been signed, not counting the end.
    pub fn signed(&self) -> usize {
        self.signed
    }

    /// The frame of the signed message that wraps `message`. An error names the message (by
    /// its position, from 1) and says why it cannot be framed or signed; the chain is not
    /// advanced then.
    pub fn sign(&mut self, message: &Message) -> Result<Bytes, StreamError> {
        let position = self.signed + 1;
        let fail = |problem: String| {
            StreamError::new(format!(
                "input event stream message {position} cannot be sent: {problem}"
            ))
        };
        if self.ended {
            return Err(fail("the stream has already ended".to_owned()));
        }
        // Framed here first: aws-sigv4 before 1.6.4 (the floor is 1.6.2) panics on a message
        // it cannot frame instead of returning the error.
        let inner = encode(message).map_err(fail)?;
        if inner.len() > MAX_PAYLOAD {
            return Err(fail(format!(
                "it is {} bytes framed; a signed message can carry at most {MAX_PAYLOAD}",
                inner.len()
            )));
        }
        let frame = self.sign_payload(Some(message)).map_err(fail)?;
        self.signed = position;
        Ok(frame)
    }

    /// The frame of the signed empty message that ends the stream; after it, nothing more can
    /// be signed.
    pub fn sign_end(&mut self) -> Result<Bytes, StreamError> {
        if self.ended {
            return Err(StreamError::new(
                "the end of the input event stream was already signed",
            ));
        }
        let frame = self.sign_payload(None).map_err(|problem| {
            StreamError::new(format!(
                "the end of the input event stream (after {} messages) cannot be signed: \
                 {problem}",
                self.signed
            ))
        })?;
        self.ended = true;
        Ok(frame)
    }

    /// Signs `message` (the empty end message for `None`) at the clock's time and advances the
    /// chain.
    fn sign_payload(&mut self, message: Option<&Message>) -> Result<Bytes, String> {
        check_signature(&self.previous)
            .map_err(|problem| format!("the signature it chains from is invalid: {problem}"))?;
        let time = (self.clock)();
        match time.duration_since(UNIX_EPOCH) {
            Ok(since) if since < YEAR_10000 => {}
            _ => {
                return Err(format!(
                    "the clock gives {time:?}, outside the years 1970 to 9999 that SigV4 dates \
                     can carry"
                ));
            }
        }
        let params = v4::SigningParams::builder()
            .identity(&self.identity)
            .region(&self.region)
            .name(&self.signing_name)
            .time(time)
            .settings(())
            .build()
            .map_err(|e| format!("invalid signing parameters: {e}"))?;
        let signed = match message {
            Some(message) => sign_message(message, &self.previous, &params),
            None => sign_empty_message(&self.previous, &params),
        }
        .map_err(|e| format!("aws-sigv4 cannot sign it: {e}"))?;
        let (signed, signature) = signed.into_parts();
        let frame = encode(&signed)?;
        self.previous = signature;
        Ok(Bytes::from(frame))
    }
}

/// The messages an [`EventSender`] signs: marshalled messages, or a failure to marshal one.
type Messages = Pin<Box<dyn Stream<Item = Result<Message, StreamError>> + Send>>;

/// The body of a request whose input is an event stream: the messages of an async [`Stream`],
/// each signed by an [`EventSigner`] when the stream yields it, then the signed empty message
/// when the stream ends. It is a [`Stream`] of frames, and [`into_body`](Self::into_body) makes
/// it the request's [`ByteStream`]. After an error (a message that cannot be signed, a failed
/// message stream) it yields nothing more, and no end message.
pub struct EventSender {
    messages: Messages,
    signer: EventSigner,
    done: bool,
}

impl fmt::Debug for EventSender {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("EventSender")
            .field("signer", &self.signer)
            .field("done", &self.done)
            .finish_non_exhaustive()
    }
}

impl EventSender {
    /// Signs the messages of `messages` (already marshalled) with `signer`.
    pub fn new<S>(messages: S, signer: EventSigner) -> Self
    where
        S: Stream<Item = Message> + Send + 'static,
    {
        Self {
            messages: Box::pin(Infallible(Box::pin(messages))),
            signer,
            done: false,
        }
    }

    /// Signs the messages of `messages`, a stream that can fail (a marshaller's errors, say):
    /// a failure ends the body with a [`StreamError`] that carries it.
    pub fn from_results<S, E>(messages: S, signer: EventSigner) -> Self
    where
        S: Stream<Item = Result<Message, E>> + Send + 'static,
        E: Into<Box<dyn std::error::Error + Send + Sync + 'static>>,
    {
        Self {
            messages: Box::pin(Fallible {
                stream: Box::pin(messages),
                seen: 0,
            }),
            signer,
            done: false,
        }
    }

    /// The signed frames as a request body, read once (a call that sends it is not retried
    /// once the body has started).
    pub fn into_body(self) -> ByteStream {
        ByteStream::from_stream(self)
    }

    /// The signer, to read how far the chain has come.
    pub fn signer(&self) -> &EventSigner {
        &self.signer
    }
}

impl Stream for EventSender {
    type Item = Result<Bytes, StreamError>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = self.get_mut();
        if this.done {
            return Poll::Ready(None);
        }
        let frame = match this.messages.as_mut().poll_next(cx) {
            Poll::Pending => return Poll::Pending,
            Poll::Ready(Some(Ok(message))) => this.signer.sign(&message),
            Poll::Ready(Some(Err(error))) => Err(error),
            Poll::Ready(None) => {
                this.done = true;
                this.signer.sign_end()
            }
        };
        if frame.is_err() {
            this.done = true;
        }
        Poll::Ready(Some(frame))
    }
}

/// A stream of messages as one that cannot fail.
struct Infallible<S>(Pin<Box<S>>);

impl<S: Stream<Item = Message>> Stream for Infallible<S> {
    type Item = Result<Message, StreamError>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.0.as_mut().poll_next(cx).map(|item| item.map(Ok))
    }
}

/// A stream of marshalled messages with its errors made [`StreamError`]s.
struct Fallible<S> {
    stream: Pin<Box<S>>,
    /// The messages yielded so far.
    seen: usize,
}

impl<S, E> Stream for Fallible<S>
where
    S: Stream<Item = Result<Message, E>>,
    E: Into<Box<dyn std::error::Error + Send + Sync + 'static>>,
{
    type Item = Result<Message, StreamError>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let item = match self.stream.as_mut().poll_next(cx) {
            Poll::Pending => return Poll::Pending,
            Poll::Ready(item) => item,
        };
        Poll::Ready(item.map(|result| match result {
            Ok(message) => {
                self.seen += 1;
                Ok(message)
            }
            Err(error) => Err(StreamError::with_source(
                format!(
                    "input event stream message {} cannot be sent: the stream of messages \
                     failed",
                    self.seen + 1
                ),
                MessageError(error.into()),
            )),
        }))
    }
}

/// The error of a stream of messages, as an [`std::error::Error`] source.
#[derive(Debug)]
struct MessageError(Box<dyn std::error::Error + Send + Sync + 'static>);

impl fmt::Display for MessageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl std::error::Error for MessageError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&*self.0)
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicU64, Ordering};

    use aws_smithy_eventstream::frame::{read_message_from, write_headers_to};
    use sha2::Digest;

    use super::*;
    use crate::event_stream::{Header, HeaderValue, header};
    use crate::stream::block_on;

    const SEED: &str = "f7c7e4a9b0d1c2e3f405162738495a6b7c8d9eafb0c1d2e3f405162738495a6b";
    const SECRET: &str = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";

    fn credentials() -> Credentials {
        Credentials::new("AKIDEXAMPLE", SECRET, Some("session".into()))
    }

    /// 2023-12-31T23:59:59.400Z, then a second later at each call: the third message is
    /// signed on another day, with another signing key.
    fn ticking_clock() -> SystemTime {
        static TICKS: AtomicU64 = AtomicU64::new(0);
        UNIX_EPOCH
            + Duration::from_millis(1_704_067_199_400)
            + Duration::from_secs(TICKS.fetch_add(1, Ordering::Relaxed))
    }

    fn fixed_clock() -> SystemTime {
        UNIX_EPOCH + Duration::from_secs(1_700_000_000)
    }

    fn event(kind: &str, payload: &[u8]) -> Message {
        Message::new(Bytes::copy_from_slice(payload))
            .add_header(Header::new(
                ":message-type",
                HeaderValue::String("event".into()),
            ))
            .add_header(Header::new(
                ":event-type",
                HeaderValue::String(kind.to_owned().into()),
            ))
    }

    struct StreamOf<I>(I);
    impl<I: Iterator + Unpin> Stream for StreamOf<I> {
        type Item = I::Item;
        fn poll_next(mut self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<Option<I::Item>> {
            Poll::Ready(self.0.next())
        }
    }

    fn hex(bytes: &[u8]) -> String {
        bytes.iter().map(|b| format!("{b:02x}")).collect()
    }

    /// The frames a body holds, decoded.
    fn frames(mut bytes: &[u8]) -> Vec<Message> {
        let mut messages = Vec::new();
        while !bytes.is_empty() {
            let length = u32::from_be_bytes(bytes[..4].try_into().unwrap()) as usize;
            messages.push(read_message_from(&bytes[..length]).unwrap());
            bytes = &bytes[length..];
        }
        messages
    }

    /// The signature of `signed` chained from `previous`, computed from the string to sign
    /// as AWS documents it (by hand here), with aws-sigv4's key derivation and HMAC.
    fn expected_signature(signed: &Message, previous: &str, region: &str, name: &str) -> String {
        let Some(HeaderValue::Timestamp(date)) = header(signed, ":date") else {
            panic!("no :date timestamp in {signed:?}");
        };
        let time = SystemTime::try_from(*date).unwrap();
        let seconds = date.secs();
        assert_eq!(date.subsec_nanos(), 0, "the :date is whole seconds");
        let stamp = jiff::Timestamp::from_second(seconds)
            .unwrap()
            .strftime("%Y%m%dT%H%M%SZ")
            .to_string();
        let mut date_header = Vec::new();
        write_headers_to(
            &[Header::new(":date", HeaderValue::Timestamp(*date))],
            &mut date_header,
        )
        .unwrap();
        let string_to_sign = format!(
            "AWS4-HMAC-SHA256-PAYLOAD\n{stamp}\n{}/{region}/{name}/aws4_request\n{previous}\n{}\n{}",
            &stamp[..8],
            hex(&sha2::Sha256::digest(&date_header)),
            hex(&sha2::Sha256::digest(signed.payload())),
        );
        let key = v4::generate_signing_key(SECRET, time, region, name);
        v4::calculate_signature(key, string_to_sign.as_bytes())
    }

    fn chunk_signature(signed: &Message) -> String {
        let Some(HeaderValue::ByteArray(signature)) = header(signed, ":chunk-signature") else {
            panic!("no :chunk-signature byte array in {signed:?}");
        };
        assert_eq!(signature.len(), 32);
        hex(signature)
    }

    #[test]
    fn frames_wrap_the_messages_and_their_signatures_chain_from_the_seed_to_the_end() {
        let sent = vec![
            event("AudioEvent", &[0, 1, 2, 3, 255]),
            event("AudioEvent", b""),
            event("ConfigurationEvent", b"{\"ChannelDefinitions\":[]}"),
        ];
        let signer = EventSigner::new(&credentials(), "us-east-1", "transcribe", SEED)
            .with_clock(ticking_clock);
        let body = EventSender::new(StreamOf(sent.clone().into_iter()), signer).into_body();
        let bytes = body.collect_blocking().unwrap();
        let signed = frames(&bytes);
        assert_eq!(signed.len(), sent.len() + 1);

        let mut previous = SEED.to_owned();
        let mut days = Vec::new();
        for (index, outer) in signed.iter().enumerate() {
            let names: Vec<&str> = outer.headers().iter().map(|h| h.name().as_str()).collect();
            assert_eq!(names, [":chunk-signature", ":date"], "frame {index}");
            let signature = chunk_signature(outer);
            assert_eq!(
                signature,
                expected_signature(outer, &previous, "us-east-1", "transcribe"),
                "frame {index} chains from {previous}"
            );
            let Some(HeaderValue::Timestamp(date)) = header(outer, ":date") else {
                unreachable!()
            };
            days.push(date.secs() / 86_400);
            if let Some(message) = sent.get(index) {
                assert_eq!(
                    &read_message_from(outer.payload().clone()).unwrap(),
                    message
                );
            } else {
                assert!(
                    outer.payload().is_empty(),
                    "the last frame is the empty end"
                );
            }
            previous = signature;
        }
        // The clock was read for each message: the first is signed on one day, the others on
        // the next, with another signing key.
        let first = days[0];
        assert_eq!(days, [first, first + 1, first + 1, first + 1]);
    }

    #[test]
    fn the_signer_chains_message_by_message_and_ends_once() {
        let mut signer =
            EventSigner::new(&credentials(), "eu-west-1", "bedrock", SEED).with_clock(fixed_clock);
        assert_eq!(signer.last_signature(), SEED);
        let first = signer.sign(&event("chunk", b"a")).unwrap();
        let after_first = signer.last_signature().to_owned();
        assert_eq!(chunk_signature(&frames(&first)[0]), after_first);
        // The same message at the same time signs differently: it chains from another one.
        let second = signer.sign(&event("chunk", b"a")).unwrap();
        assert_ne!(first, second);
        assert_eq!(
            chunk_signature(&frames(&second)[0]),
            expected_signature(&frames(&second)[0], &after_first, "eu-west-1", "bedrock")
        );
        assert_eq!(signer.signed(), 2);
        let end = frames(&signer.sign_end().unwrap()).remove(0);
        assert!(end.payload().is_empty());
        let error = signer.sign(&event("chunk", b"late")).unwrap_err();
        assert!(error.to_string().contains("already ended"), "{error}");
        assert!(signer.sign_end().is_err());
        assert!(!format!("{signer:?}").contains(SECRET));
    }

    #[test]
    fn an_empty_stream_is_the_signed_end_alone() {
        let signer = EventSigner::new(&credentials(), "us-east-1", "lex", SEED);
        let sender = EventSender::new(StreamOf(std::iter::empty()), signer);
        let bytes = block_on(sender.into_body().collect()).unwrap();
        let signed = frames(&bytes);
        assert_eq!(signed.len(), 1);
        assert!(signed[0].payload().is_empty());
        assert_eq!(
            chunk_signature(&signed[0]),
            expected_signature(&signed[0], SEED, "us-east-1", "lex")
        );
    }

    /// The results of a sender until it ends.
    fn drain(mut sender: EventSender) -> Vec<Result<Bytes, StreamError>> {
        let mut seen = Vec::new();
        while let Some(item) = block_on(std::future::poll_fn(|cx| {
            Pin::new(&mut sender).poll_next(cx)
        })) {
            seen.push(item);
        }
        seen
    }

    #[test]
    fn a_message_that_cannot_be_framed_ends_the_stream_with_an_error_and_no_end() {
        let long_name = Message::new(Bytes::new()).add_header(Header::new(
            "n".repeat(256),
            HeaderValue::String("value".into()),
        ));
        let signer = EventSigner::new(&credentials(), "us-east-1", "transcribe", SEED);
        let seen = drain(EventSender::new(
            StreamOf(vec![event("a", b"1"), long_name, event("b", b"2")].into_iter()),
            signer,
        ));
        assert_eq!(seen.len(), 2, "{seen:?}");
        assert!(seen[0].is_ok());
        let error = seen[1].as_ref().unwrap_err().to_string();
        assert!(
            error.contains("message 2") && error.contains("cannot be framed"),
            "{error}"
        );

        let huge = Message::new(Bytes::from(vec![0u8; MAX_PAYLOAD]));
        let mut signer = EventSigner::new(&credentials(), "us-east-1", "transcribe", SEED);
        let error = signer.sign(&huge).unwrap_err().to_string();
        assert!(
            error.contains("message 1") && error.contains("at most"),
            "{error}"
        );
        // A failed message does not advance the chain.
        assert_eq!((signer.signed(), signer.last_signature()), (0, SEED));
    }

    #[test]
    fn a_failing_message_stream_bad_seed_or_bad_clock_is_an_error_not_a_panic() {
        let results: Vec<Result<Message, std::io::Error>> = vec![
            Ok(event("a", b"1")),
            Err(std::io::Error::other("the marshaller failed")),
            Ok(event("b", b"2")),
        ];
        let signer = EventSigner::new(&credentials(), "us-east-1", "transcribe", SEED);
        let seen = drain(EventSender::from_results(
            StreamOf(results.into_iter()),
            signer,
        ));
        assert_eq!(seen.len(), 2);
        let error = seen[1].as_ref().unwrap_err();
        assert!(
            error.to_string().contains("message 2")
                && error.to_string().contains("the marshaller failed"),
            "{error}"
        );
        assert!(std::error::Error::source(error).is_some());

        let mut signer = EventSigner::new(&credentials(), "us-east-1", "transcribe", "nothex");
        let error = signer.sign(&event("a", b"1")).unwrap_err().to_string();
        assert!(error.contains("not 64 lowercase hex digits"), "{error}");

        fn far_future() -> SystemTime {
            UNIX_EPOCH + Duration::from_secs(400_000_000_000)
        }
        fn before_1970() -> SystemTime {
            UNIX_EPOCH - Duration::from_secs(1)
        }
        for clock in [far_future as fn() -> SystemTime, before_1970] {
            let mut signer =
                EventSigner::new(&credentials(), "us-east-1", "transcribe", SEED).with_clock(clock);
            let error = signer.sign_end().unwrap_err().to_string();
            assert!(
                error.contains("end of the input event stream") && error.contains("1970 to 9999"),
                "{error}"
            );
        }
    }

    #[test]
    fn the_seed_is_the_signature_of_the_authorization_header() {
        let mut headers = http::HeaderMap::new();
        let error = seed_signature(&headers).unwrap_err().to_string();
        assert!(
            error.contains("no `authorization` header") && error.contains("sign the request"),
            "{error}"
        );
        headers.insert(
            "authorization",
            http::HeaderValue::from_str(&format!(
                "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20240101/us-east-1/transcribe/aws4_request, \
                 SignedHeaders=host;x-amz-content-sha256;x-amz-date, Signature={SEED}"
            ))
            .unwrap(),
        );
        assert_eq!(seed_signature(&headers).unwrap(), SEED);

        let refused = [
            ("Bearer token", "`Bearer` one"),
            (
                "AWS4-ECDSA-P256-SHA256 Credential=A/20240101/s/aws4_request, Signature=3045",
                "SigV4 (`AWS4-HMAC-SHA256`) only",
            ),
            (
                "AWS4-HMAC-SHA256 Credential=A/20240101/r/s/aws4_request, SignedHeaders=host",
                "no `Signature=` part",
            ),
            (
                "AWS4-HMAC-SHA256 Credential=A/20240101/r/s/aws4_request, Signature=ABC",
                "not 64 lowercase hex digits",
            ),
        ];
        for (value, problem) in refused {
            headers.insert("authorization", http::HeaderValue::from_static(value));
            let error = seed_signature(&headers).unwrap_err().to_string();
            assert!(error.contains(problem), "{value}: {error}");
        }
    }
}
