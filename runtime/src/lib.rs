//! Runtime of generated AWS service crates.
//!
//! Without features, the sans-IO support every generated crate shares, whatever its protocol:
//! the errors of building, validating, serializing and parsing ([`error`]), the constraint
//! checks of `validate()` ([`constraints`]), the primitive types ([`primitives`]), JSON bodies
//! ([`json`]) and JSON error responses ([`response`]), and, with the `gzip` feature, request
//! compression (`compression`). It needs no async runtime, no HTTP client and no TLS.
//!
//! With the `client` feature, everything between a generated crate's sans-IO functions and
//! the network: configuration, credentials and bearer tokens, the choice of auth ([`auth`]),
//! SigV4 signing (SigV4a with the `sigv4a` feature), endpoint rule-set functions,
//! retries with backoff, timeouts and the HTTP transport (`reqwest`, feature `reqwest`).
//!
//! A generated client calls [`invoke`] with its [`Config`], its [`Service`], the resolved
//! [`endpoint::Endpoint`], the serialized request and the operation's response parser.
//! Calls need a [tokio](https://tokio.rs) runtime: backoff sleeps and timeouts use
//! `tokio::time`, and the default transport ([`ReqwestClient`], feature `reqwest`) runs on
//! tokio.
//!
//! Secrets never appear in `Debug`, `Display` or errors: [`Credentials`] prints its secret
//! access key and session token as `** redacted **`.

// `client-base` alone is the part both clients share, which neither uses yet.
#![cfg_attr(
    all(
        feature = "client-base",
        not(any(feature = "client", feature = "blocking"))
    ),
    allow(dead_code)
)]

#[cfg(feature = "gzip")]
pub mod compression;
pub mod constraints;
pub mod error;
#[cfg(feature = "event-stream")]
pub mod event_input;
#[cfg(all(feature = "event-stream", feature = "client-base"))]
pub mod event_sender;
#[cfg(feature = "event-stream")]
pub mod event_stream;
pub mod json;
pub mod primitives;
pub mod response;
pub mod rest;
pub mod stream;

#[cfg(feature = "client-base")]
pub mod auth;
#[cfg(feature = "blocking")]
pub mod blocking;
#[cfg(feature = "aws-config")]
pub mod chain;
#[cfg(feature = "client-base")]
pub mod client;
#[cfg(feature = "client-base")]
mod config;
#[cfg(feature = "client-base")]
mod credentials;
#[cfg(feature = "client-base")]
mod dispatch;
#[cfg(feature = "client-base")]
pub mod endpoint;
#[cfg(feature = "client")]
pub mod imds;
#[cfg(feature = "client-base")]
mod profile;
#[cfg(feature = "client-base")]
mod retry;
#[cfg(feature = "client-base")]
mod sign;
#[cfg(feature = "client-base")]
mod transport;
#[cfg(feature = "client-base")]
pub mod waiter;

/// The host prefix of an operation whose endpoint trait names one (`foo.{label}.`), with
/// its labels filled in; a generated `serialize_request` puts it on the request as an
/// extension, and whoever sends the request prepends it to the endpoint's host.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HostPrefix(pub String);

/// Sets `Content-Length` to the length of `request`'s body, as the protocols' requests carry
/// it; a generated `serialize_request` calls it last, after any compression.
pub fn set_content_length(request: &mut http::Request<Vec<u8>>) {
    let length = http::HeaderValue::from(request.body().len());
    request
        .headers_mut()
        .insert(http::header::CONTENT_LENGTH, length);
}

/// A random version 4 UUID as text (`xxxxxxxx-xxxx-4xxx-[89ab]xxx-xxxxxxxxxxxx`), without an
/// allocation.
pub(crate) fn uuid_v4() -> [u8; 36] {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut bytes = fastrand::u128(..).to_be_bytes();
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    let mut text = [0u8; 36];
    let mut at = 0;
    for (index, byte) in bytes.iter().enumerate() {
        if matches!(index, 4 | 6 | 8 | 10) {
            text[at] = b'-';
            at += 1;
        }
        text[at] = HEX[usize::from(byte >> 4)];
        text[at + 1] = HEX[usize::from(byte & 0x0f)];
        at += 2;
    }
    text
}

/// A fresh idempotency token, a random version 4 UUID, as botocore makes for an idempotency
/// token member the caller leaves unset; a generated `serialize_request` fills those with it.
/// Inside [`with_idempotency_token`], that function's token instead.
pub fn idempotency_token() -> String {
    FIXED_TOKEN
        .with(|fixed| fixed.borrow().clone())
        .unwrap_or_else(|| uuid_v4().iter().map(|&byte| char::from(byte)).collect())
}

std::thread_local! {
    static FIXED_TOKEN: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
}

/// Runs `f` with `token` as every idempotency token made on this thread meanwhile, so that a
/// test can compare whole requests (Smithy's protocol tests expect
/// `00000000-0000-4000-8000-000000000000`).
pub fn with_idempotency_token<R>(token: &str, f: impl FnOnce() -> R) -> R {
    struct Restore(Option<String>);
    impl Drop for Restore {
        fn drop(&mut self) {
            let previous = self.0.take();
            FIXED_TOKEN.with(|fixed| *fixed.borrow_mut() = previous);
        }
    }
    let previous = FIXED_TOKEN.with(|fixed| fixed.borrow_mut().replace(token.to_owned()));
    let _restore = Restore(previous);
    f()
}

/// A boxed, sendable future, the return type of the runtime's object-safe traits.
#[cfg(feature = "client-base")]
pub type BoxFuture<'a, T> = std::pin::Pin<Box<dyn std::future::Future<Output = T> + Send + 'a>>;

#[cfg(feature = "client-base")]
pub use auth::{AuthScheme, DefaultTokenChain, OperationAuth, ProvideToken, Token};
#[cfg(feature = "aws-config")]
pub use chain::FullCredentialsChain;
#[cfg(feature = "client-base")]
pub use config::{
    AccountIdEndpointMode, Config, ConfigBuilder, ConfigError, DEFAULT_CONNECT_TIMEOUT,
};
#[cfg(feature = "client-base")]
pub use credentials::{
    Credentials, CredentialsError, DefaultCredentialsChain, EnvironmentCredentials,
    ProfileCredentials, ProvideCredentials,
};
#[cfg(feature = "client-base")]
pub use dispatch::{
    DispatchError, DispatchErrorKind, EndpointSource, ErrorInfo, InvokeError, ResponseMetadata,
    Service,
};
#[cfg(feature = "client")]
pub use dispatch::{invoke, invoke_streaming, invoke_with_error_metadata, invoke_with_metadata};
#[cfg(feature = "client")]
pub use imds::ImdsCredentials;
#[cfg(feature = "client-base")]
pub use retry::{
    AdaptiveRateLimiter, RetryConfig, RetryMode, THROTTLING_ERROR_CODES, THROTTLING_STATUS_CODE,
    TRANSIENT_ERROR_CODES, TRANSIENT_STATUS_CODES,
};
#[cfg(feature = "reqwest")]
pub use transport::ReqwestClient;
#[cfg(feature = "client-base")]
pub use transport::{HttpClient, TransportError, TransportErrorKind};

#[cfg(test)]
mod tests {
    #[test]
    fn idempotency_tokens_are_distinct_version_4_uuids() {
        let (first, second) = (super::idempotency_token(), super::idempotency_token());
        assert_ne!(first, second);
        assert_eq!(first.len(), 36);
        assert_eq!(first.as_bytes()[14], b'4');
        assert!(
            matches!(first.as_bytes()[19], b'8' | b'9' | b'a' | b'b'),
            "{first}"
        );
        assert!(first.bytes().all(|b| b == b'-' || b.is_ascii_hexdigit()));
    }

    #[test]
    fn a_fixed_token_holds_inside_its_scope_only() {
        let fixed = "00000000-0000-4000-8000-000000000000";
        let inner = super::with_idempotency_token(fixed, || {
            let nested = super::with_idempotency_token("other", super::idempotency_token);
            (super::idempotency_token(), nested)
        });
        assert_eq!(inner, (fixed.to_owned(), "other".to_owned()));
        assert_ne!(super::idempotency_token(), fixed);
    }
}
