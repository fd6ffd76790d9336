//! Runtime of generated awsJson service clients.
//!
//! The generated crate turns inputs into `http::Request`s and responses into outputs (its
//! sans-IO functions); this crate does everything between: configuration, credentials,
//! SigV4 signing, endpoint rule-set functions, retries with backoff, timeouts and the HTTP
//! transport.

pub mod endpoint;
