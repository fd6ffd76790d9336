//! The HTTP transport: the [`HttpClient`] trait and, with the `reqwest` feature, its default
//! implementation.

use std::error::Error;
use std::fmt;

use crate::BoxFuture;
use crate::stream::ByteStream;

/// Sends one HTTP request and reads the whole response.
///
/// Implementations report failures as [`TransportError`]s of the right kind: the client
/// retries connect, timeout and I/O errors, not others.
pub trait HttpClient: Send + Sync + fmt::Debug + 'static {
    fn send(
        &self,
        request: http::Request<Vec<u8>>,
    ) -> BoxFuture<'_, Result<http::Response<Vec<u8>>, TransportError>>;

    /// Sends a request whose body is streamed and returns once the response's head has come,
    /// its body still to be read. The client sends every call through this; the default
    /// gathers the request's body, calls [`send`](Self::send) and hands back the whole body
    /// as one chunk, so a transport that streams overrides it.
    fn send_streaming(
        &self,
        request: http::Request<ByteStream>,
    ) -> BoxFuture<'_, Result<http::Response<ByteStream>, TransportError>> {
        Box::pin(async move {
            let (parts, body) = request.into_parts();
            let body = body
                .collect()
                .await
                .map_err(|e| TransportError::with_source(TransportErrorKind::Io, e))?;
            let response = self
                .send(http::Request::from_parts(parts, Vec::from(body)))
                .await?;
            Ok(response.map(ByteStream::from))
        })
    }

    /// Sends a request over HTTP/2 whose body streams while its response is read: an input
    /// event stream, which the service answers as the caller still sends. Returns once the
    /// response's head has come. The default fails with an error that says so, since a
    /// transport that gathers the body first, or speaks HTTP/1.1 only, would wait forever
    /// for the end of a conversation; the default transport overrides it (feature `http2`).
    fn send_duplex(
        &self,
        request: http::Request<ByteStream>,
    ) -> BoxFuture<'_, Result<http::Response<ByteStream>, TransportError>> {
        drop(request);
        Box::pin(async move {
            Err(TransportError::new(
                TransportErrorKind::Other,
                format!(
                    "this transport ({self:?}) cannot send an input event stream: the service \
                     takes it over HTTP/2, answering while the request still sends; use the \
                     default transport (service-runtime's `http2` feature) or implement \
                     HttpClient::send_duplex"
                ),
            ))
        })
    }
}

impl<C: HttpClient + ?Sized> HttpClient for std::sync::Arc<C> {
    fn send(
        &self,
        request: http::Request<Vec<u8>>,
    ) -> BoxFuture<'_, Result<http::Response<Vec<u8>>, TransportError>> {
        (**self).send(request)
    }

    fn send_streaming(
        &self,
        request: http::Request<ByteStream>,
    ) -> BoxFuture<'_, Result<http::Response<ByteStream>, TransportError>> {
        (**self).send_streaming(request)
    }

    fn send_duplex(
        &self,
        request: http::Request<ByteStream>,
    ) -> BoxFuture<'_, Result<http::Response<ByteStream>, TransportError>> {
        (**self).send_duplex(request)
    }
}

/// What kind of failure a [`TransportError`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum TransportErrorKind {
    /// No connection could be made (DNS, refused, TLS handshake, connect timeout).
    Connect,
    /// The transport's own timeout elapsed.
    Timeout,
    /// The connection failed while sending the request or reading the response.
    Io,
    /// Anything else (an invalid request, a misconfigured client); not retried.
    Other,
}

impl fmt::Display for TransportErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            TransportErrorKind::Connect => "connect error",
            TransportErrorKind::Timeout => "timeout",
            TransportErrorKind::Io => "I/O error",
            TransportErrorKind::Other => "transport error",
        })
    }
}

/// A request that got no HTTP response.
#[derive(Debug)]
pub struct TransportError {
    kind: TransportErrorKind,
    message: String,
    source: Option<Box<dyn Error + Send + Sync + 'static>>,
}

impl TransportError {
    pub fn new(kind: TransportErrorKind, message: impl Into<String>) -> Self {
        Self {
            kind,
            message: message.into(),
            source: None,
        }
    }

    /// An error caused by `source`; the message lists `source` and its own sources.
    pub fn with_source(
        kind: TransportErrorKind,
        source: impl Error + Send + Sync + 'static,
    ) -> Self {
        let mut message = source.to_string();
        let mut next = source.source();
        while let Some(cause) = next {
            let text = cause.to_string();
            if !message.contains(&text) {
                message.push_str(": ");
                message.push_str(&text);
            }
            next = cause.source();
        }
        Self {
            kind,
            message,
            source: Some(Box::new(source)),
        }
    }

    pub fn kind(&self) -> TransportErrorKind {
        self.kind
    }

    pub fn is_timeout(&self) -> bool {
        self.kind == TransportErrorKind::Timeout
    }

    pub fn is_connect(&self) -> bool {
        self.kind == TransportErrorKind::Connect
    }

    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for TransportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.kind, self.message)
    }
}

impl Error for TransportError {
    fn source(&self) -> Option<&(dyn Error + 'static)> {
        self.source.as_deref().map(|e| e as &(dyn Error + 'static))
    }
}

/// The certificates of the PEM file `path` (`AWS_CA_BUNDLE`), for either transport; an error
/// names the file when it cannot be read or holds none.
#[cfg(any(feature = "reqwest", feature = "blocking"))]
pub(crate) fn read_ca_bundle(
    path: &std::path::Path,
) -> Result<Vec<rustls::pki_types::CertificateDer<'static>>, String> {
    use rustls::pki_types::CertificateDer;
    use rustls::pki_types::pem::PemObject as _;
    let certificates = CertificateDer::pem_file_iter(path)
        .and_then(|certificates| certificates.collect::<Result<Vec<_>, _>>())
        .map_err(|e| format!("cannot read the CA bundle {}: {e}", path.display()))?;
    if certificates.is_empty() {
        return Err(format!(
            "the CA bundle {} holds no PEM certificate",
            path.display()
        ));
    }
    Ok(certificates)
}

#[cfg(feature = "reqwest")]
pub use self::reqwest_client::ReqwestClient;

#[cfg(feature = "reqwest")]
mod reqwest_client {
    use std::path::Path;
    use std::sync::Arc;
    use std::time::Duration;

    use super::{HttpClient, TransportError, TransportErrorKind};
    use crate::BoxFuture;
    use crate::stream::{ByteStream, Bytes, StreamError};

    /// [`HttpClient`] on reqwest (HTTP/1.1) with rustls, the ring crypto provider and the
    /// platform's certificate verifier. Needs a tokio runtime. With the `http2` feature,
    /// [`send_duplex`](HttpClient::send_duplex) (input event streams) goes over HTTP/2, on a
    /// second client built on its first use; every other call stays on HTTP/1.1.
    ///
    /// Proxies come from the environment, as curl and botocore read it: `HTTPS_PROXY` for
    /// `https` URLs (a `CONNECT` tunnel), `HTTP_PROXY` for `http` ones, `ALL_PROXY` for both
    /// (lower-case names too), with credentials in the proxy URL, except the hosts
    /// `NO_PROXY` lists.
    #[derive(Debug, Clone)]
    pub struct ReqwestClient {
        // A client that failed to build fails every send with the reason, so `new` stays
        // infallible.
        client: Result<reqwest::Client, String>,
        #[cfg(feature = "http2")]
        duplex: Arc<Duplex>,
    }

    /// The HTTP/2 client of input event streams, built with the same settings on the first
    /// one.
    #[cfg(feature = "http2")]
    #[derive(Debug)]
    struct Duplex {
        client: std::sync::OnceLock<Result<reqwest::Client, String>>,
        connect_timeout: Option<Duration>,
        ca_bundle: Option<std::path::PathBuf>,
    }

    impl ReqwestClient {
        /// A client whose connection attempts give up after `connect_timeout`.
        pub fn new(connect_timeout: Option<Duration>) -> Self {
            Self::with_ca_bundle(connect_timeout, None)
        }

        /// [`new`](Self::new), also trusting the certificates of the PEM file `ca_bundle`
        /// (`AWS_CA_BUNDLE`) besides the platform's. A bundle that cannot be read fails every
        /// send, saying why.
        pub fn with_ca_bundle(connect_timeout: Option<Duration>, ca_bundle: Option<&Path>) -> Self {
            Self {
                client: build(connect_timeout, ca_bundle, Protocol::Http1),
                #[cfg(feature = "http2")]
                duplex: Arc::new(Duplex {
                    client: std::sync::OnceLock::new(),
                    connect_timeout,
                    ca_bundle: ca_bundle.map(Path::to_path_buf),
                }),
            }
        }

        /// The HTTP/2 client, built on first use.
        #[cfg(feature = "http2")]
        fn duplex(&self) -> Result<&reqwest::Client, TransportError> {
            let duplex = &*self.duplex;
            duplex
                .client
                .get_or_init(|| {
                    build(
                        duplex.connect_timeout,
                        duplex.ca_bundle.as_deref(),
                        Protocol::Http2,
                    )
                })
                .as_ref()
                .map_err(|e| TransportError::new(TransportErrorKind::Other, e.clone()))
        }
    }

    /// The HTTP version a client speaks.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    enum Protocol {
        Http1,
        #[cfg(feature = "http2")]
        Http2,
    }

    impl Default for ReqwestClient {
        /// No connect timeout of its own; [`crate::Config`] passes its connect timeout.
        fn default() -> Self {
            Self::new(None)
        }
    }

    fn build(
        connect_timeout: Option<Duration>,
        ca_bundle: Option<&Path>,
        protocol: Protocol,
    ) -> Result<reqwest::Client, String> {
        use rustls_platform_verifier::{BuilderVerifierExt, Verifier};
        // An explicit provider, so the process-wide default rustls provider is neither
        // needed nor changed.
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let builder = rustls::ClientConfig::builder_with_provider(provider.clone())
            .with_safe_default_protocol_versions()
            .map_err(|e| format!("cannot configure TLS: {e}"))?;
        let builder = match ca_bundle {
            None => builder
                .with_platform_verifier()
                .map_err(|e| format!("cannot configure TLS: {e}"))?,
            Some(path) => {
                let roots = super::read_ca_bundle(path)?;
                let verifier = Verifier::new_with_extra_roots(roots, provider)
                    .map_err(|e| format!("cannot use the CA bundle {}: {e}", path.display()))?;
                builder
                    .dangerous()
                    .with_custom_certificate_verifier(Arc::new(verifier))
            }
        };
        let mut tls = builder.with_no_client_auth();
        let builder = reqwest::Client::builder();
        let builder = match protocol {
            Protocol::Http1 => {
                tls.alpn_protocols = vec![b"http/1.1".to_vec()];
                builder
            }
            // h2 only, over TLS (ALPN) and over plain HTTP (prior knowledge): a service that
            // cannot answer it fails the call rather than half-duplex HTTP/1.1 hanging.
            #[cfg(feature = "http2")]
            Protocol::Http2 => {
                tls.alpn_protocols = vec![b"h2".to_vec()];
                builder.http2_prior_knowledge()
            }
        };
        let mut builder = builder.tls_backend_preconfigured(tls);
        if let Some(timeout) = connect_timeout {
            builder = builder.connect_timeout(timeout);
        }
        builder
            .build()
            .map_err(|e| format!("cannot build the reqwest client: {e}"))
    }

    fn transport_error(error: reqwest::Error) -> TransportError {
        let kind = if error.is_connect() {
            TransportErrorKind::Connect
        } else if error.is_timeout() {
            TransportErrorKind::Timeout
        } else if error.is_request() || error.is_body() || error.is_decode() {
            TransportErrorKind::Io
        } else {
            TransportErrorKind::Other
        };
        TransportError::with_source(kind, error)
    }

    impl HttpClient for ReqwestClient {
        fn send(
            &self,
            request: http::Request<Vec<u8>>,
        ) -> BoxFuture<'_, Result<http::Response<Vec<u8>>, TransportError>> {
            Box::pin(async move {
                let client = self
                    .client
                    .as_ref()
                    .map_err(|e| TransportError::new(TransportErrorKind::Other, e.clone()))?;
                let request = reqwest::Request::try_from(request)
                    .map_err(|e| TransportError::with_source(TransportErrorKind::Other, e))?;
                let response = client.execute(request).await.map_err(transport_error)?;
                let mut builder = http::Response::builder()
                    .status(response.status())
                    .version(response.version());
                if let Some(headers) = builder.headers_mut() {
                    *headers = response.headers().clone();
                }
                let body = response.bytes().await.map_err(transport_error)?;
                builder
                    .body(body.to_vec())
                    .map_err(|e| TransportError::with_source(TransportErrorKind::Other, e))
            })
        }

        fn send_streaming(
            &self,
            request: http::Request<ByteStream>,
        ) -> BoxFuture<'_, Result<http::Response<ByteStream>, TransportError>> {
            Box::pin(async move {
                let client = self
                    .client
                    .as_ref()
                    .map_err(|e| TransportError::new(TransportErrorKind::Other, e.clone()))?;
                exchange(client, request).await
            })
        }

        #[cfg(feature = "http2")]
        fn send_duplex(
            &self,
            request: http::Request<ByteStream>,
        ) -> BoxFuture<'_, Result<http::Response<ByteStream>, TransportError>> {
            Box::pin(async move {
                let client = self.duplex()?;
                let mut request = request;
                *request.version_mut() = http::Version::HTTP_2;
                exchange(client, request).await
            })
        }
    }

    /// Sends `request` with `client`, its body streamed, and returns the response once its
    /// head has come, its body read as it arrives.
    async fn exchange(
        client: &reqwest::Client,
        request: http::Request<ByteStream>,
    ) -> Result<http::Response<ByteStream>, TransportError> {
        {
            {
                let (parts, body) = request.into_parts();
                let body = match body.as_bytes() {
                    Some(bytes) => reqwest::Body::from(bytes.clone()),
                    None => reqwest::Body::wrap(Outgoing(std::sync::Mutex::new(body))),
                };
                let request = reqwest::Request::try_from(http::Request::from_parts(parts, body))
                    .map_err(|e| TransportError::with_source(TransportErrorKind::Other, e))?;
                let response = client.execute(request).await.map_err(transport_error)?;
                let mut builder = http::Response::builder()
                    .status(response.status())
                    .version(response.version());
                if let Some(headers) = builder.headers_mut() {
                    *headers = response.headers().clone();
                }
                let length = response.content_length();
                let chunks = futures_util::stream::unfold(response, |mut response| async move {
                    match response.chunk().await {
                        Ok(Some(chunk)) => Some((Ok(chunk), response)),
                        Ok(None) => None,
                        Err(error) => Some((
                            Err(StreamError::with_source(
                                "reading the response body failed",
                                error,
                            )),
                            response,
                        )),
                    }
                });
                let mut body = ByteStream::from_stream(chunks);
                if let Some(length) = length {
                    body = body.with_length(length);
                }
                builder
                    .body(body)
                    .map_err(|e| TransportError::with_source(TransportErrorKind::Other, e))
            }
        }
    }

    /// A streamed request body as reqwest's: the mutex makes it `Sync`, as reqwest asks,
    /// and is never contended (only `poll_frame`, with `&mut`, reaches it).
    struct Outgoing(std::sync::Mutex<ByteStream>);

    impl http_body::Body for Outgoing {
        type Data = Bytes;
        type Error = StreamError;

        fn poll_frame(
            self: std::pin::Pin<&mut Self>,
            cx: &mut std::task::Context<'_>,
        ) -> std::task::Poll<Option<Result<http_body::Frame<Bytes>, StreamError>>> {
            use futures_core::Stream as _;
            let body = match self.get_mut().0.get_mut() {
                Ok(body) => body,
                Err(poisoned) => poisoned.into_inner(),
            };
            std::pin::Pin::new(body)
                .poll_next(cx)
                .map(|chunk| chunk.map(|chunk| chunk.map(http_body::Frame::data)))
        }

        fn size_hint(&self) -> http_body::SizeHint {
            let body = match self.0.lock() {
                Ok(body) => body,
                Err(poisoned) => poisoned.into_inner(),
            };
            match body.length() {
                Some(length) => http_body::SizeHint::with_exact(length),
                None => http_body::SizeHint::default(),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_answer_their_predicates_and_display_their_name() {
        let error = TransportError::new(TransportErrorKind::Connect, "connection refused");
        assert!(error.is_connect() && !error.is_timeout());
        assert_eq!(error.to_string(), "connect error: connection refused");
        let error = TransportError::new(TransportErrorKind::Timeout, "read");
        assert!(error.is_timeout() && !error.is_connect());
    }

    #[test]
    fn with_source_lists_the_causes_and_keeps_the_source() {
        let io = std::io::Error::new(std::io::ErrorKind::ConnectionReset, "reset by peer");
        let error = TransportError::with_source(TransportErrorKind::Io, io);
        assert_eq!(error.to_string(), "I/O error: reset by peer");
        assert!(error.source().is_some());
    }
}
