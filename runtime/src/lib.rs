//! Runtime of generated AWS service crates.
//!
//! Without features, the sans-IO support every generated crate shares, whatever its protocol:
//! the errors of building, validating, serializing and parsing ([`error`]), the constraint
//! checks of `validate()` ([`constraints`]), the primitive types ([`primitives`]), JSON bodies
//! ([`json`]) and JSON error responses ([`response`]), and, with the `gzip` feature, request
//! compression (`compression`). It needs no async runtime, no HTTP client and no TLS.
//!
//! With the `client` feature, everything between a generated crate's sans-IO functions and
//! the network: configuration, credentials, SigV4 signing, endpoint rule-set functions,
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

#[cfg(feature = "gzip")]
pub mod compression;
pub mod constraints;
pub mod error;
pub mod json;
pub mod primitives;
pub mod response;

#[cfg(feature = "client")]
pub mod client;
#[cfg(feature = "client")]
mod config;
#[cfg(feature = "client")]
mod credentials;
#[cfg(feature = "client")]
mod dispatch;
#[cfg(feature = "client")]
pub mod endpoint;
#[cfg(feature = "client")]
mod profile;
#[cfg(feature = "client")]
mod retry;
#[cfg(feature = "client")]
mod sign;
#[cfg(feature = "client")]
mod transport;

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

/// A boxed, sendable future, the return type of the runtime's object-safe traits.
#[cfg(feature = "client")]
pub type BoxFuture<'a, T> = std::pin::Pin<Box<dyn std::future::Future<Output = T> + Send + 'a>>;

#[cfg(feature = "client")]
pub use config::{Config, ConfigBuilder, ConfigError, DEFAULT_CONNECT_TIMEOUT};
#[cfg(feature = "client")]
pub use credentials::{
    Credentials, CredentialsError, DefaultCredentialsChain, EnvironmentCredentials,
    ProfileCredentials, ProvideCredentials,
};
#[cfg(feature = "client")]
pub use dispatch::{
    DispatchError, DispatchErrorKind, ErrorInfo, InvokeError, ResponseMetadata, Service, invoke,
    invoke_with_metadata,
};
#[cfg(feature = "client")]
pub use retry::{
    RetryConfig, THROTTLING_ERROR_CODES, THROTTLING_STATUS_CODE, TRANSIENT_ERROR_CODES,
    TRANSIENT_STATUS_CODES,
};
#[cfg(feature = "reqwest")]
pub use transport::ReqwestClient;
#[cfg(feature = "client")]
pub use transport::{HttpClient, TransportError, TransportErrorKind};
