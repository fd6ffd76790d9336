//! Runtime of generated awsJson service clients.
//!
//! The generated crate turns inputs into `http::Request`s and responses into outputs (its
//! sans-IO functions); this crate does everything between: configuration, credentials,
//! SigV4 signing, endpoint rule-set functions, retries with backoff, timeouts and the HTTP
//! transport.
//!
//! A generated client calls [`invoke`] with its [`Config`], its [`Service`], the resolved
//! [`endpoint::Endpoint`], the serialized request and the operation's response parser.
//! Calls need a [tokio](https://tokio.rs) runtime: backoff sleeps and timeouts use
//! `tokio::time`, and the default transport ([`ReqwestClient`], feature `reqwest`) runs on
//! tokio.
//!
//! Secrets never appear in `Debug`, `Display` or errors: [`Credentials`] prints its secret
//! access key and session token as `** redacted **`.

use std::future::Future;
use std::pin::Pin;

mod config;
mod credentials;
mod dispatch;
pub mod endpoint;
mod profile;
mod retry;
mod sign;
mod transport;

/// A boxed, sendable future, the return type of the runtime's object-safe traits.
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

pub use config::{Config, ConfigBuilder, ConfigError, DEFAULT_CONNECT_TIMEOUT};
pub use credentials::{
    Credentials, CredentialsError, DefaultCredentialsChain, EnvironmentCredentials,
    ProfileCredentials, ProvideCredentials,
};
pub use dispatch::{
    DispatchError, DispatchErrorKind, ErrorInfo, InvokeError, ResponseMetadata, Service, invoke,
    invoke_with_metadata,
};
pub use retry::{
    RetryConfig, THROTTLING_ERROR_CODES, THROTTLING_STATUS_CODE, TRANSIENT_ERROR_CODES,
    TRANSIENT_STATUS_CODES,
};
#[cfg(feature = "reqwest")]
pub use transport::ReqwestClient;
pub use transport::{HttpClient, TransportError, TransportErrorKind};
