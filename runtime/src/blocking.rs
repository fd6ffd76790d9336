//! The blocking client's runtime (feature `blocking`): the same dispatch loop as the async
//! client (credentials, auth, signing, endpoints, retries with backoff, timeouts), sending on
//! the calling thread over a [`BlockingHttpClient`] (by default [`UreqClient`]: ureq with
//! rustls, no tokio, no async runtime), and the paginators as [`Iterator`]s.
//!
//! The loop is the async client's, run by a minimal executor on the calling thread: the
//! blocking transport and sleeps finish before their futures are first polled. A credentials
//! provider whose future needs tokio (the full chain of the `aws-config` feature) is run on a
//! current-thread tokio runtime when the `client` feature is on too; so a blocking call must
//! not be made from inside an async runtime's task.

use std::fmt;
use std::future::Future;
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::client::Error;
use crate::config::Config;
use crate::dispatch::{
    AttemptError, EndpointSource, ErrorInfo, Failure, InvokeError, Io, Reader, Received,
    ResponseMetadata, Sent, Service, attempts, call_result, operation_name, reader,
    streamed_result,
};
use crate::stream::ByteStream;
use crate::transport::{TransportError, TransportErrorKind};
use crate::{DispatchError, DispatchErrorKind};

/// Sends one HTTP request on the calling thread and reads the whole response.
///
/// `timeout`, when set, bounds the whole exchange (connect, send, receive). Failures are
/// [`TransportError`]s of the right kind: connect, timeout and I/O errors are retried.
pub trait BlockingHttpClient: Send + Sync + fmt::Debug + 'static {
    fn send(
        &self,
        request: http::Request<Vec<u8>>,
        timeout: Option<Duration>,
    ) -> Result<http::Response<Vec<u8>>, TransportError>;

    /// Sends a request whose body is streamed and returns once the response's head has come,
    /// its body still to be read; `timeout`, when set, bounds the exchange until then. The
    /// default gathers the request's body, calls [`send`](Self::send) and hands back the
    /// whole body, so a transport that streams overrides it.
    fn send_streaming(
        &self,
        request: http::Request<ByteStream>,
        timeout: Option<Duration>,
    ) -> Result<http::Response<ByteStream>, TransportError> {
        let (parts, body) = request.into_parts();
        let body = body
            .collect_blocking()
            .map_err(|e| TransportError::with_source(TransportErrorKind::Io, e))?;
        let response = self.send(http::Request::from_parts(parts, Vec::from(body)), timeout)?;
        Ok(response.map(ByteStream::from))
    }
}

impl<C: BlockingHttpClient + ?Sized> BlockingHttpClient for Arc<C> {
    fn send(
        &self,
        request: http::Request<Vec<u8>>,
        timeout: Option<Duration>,
    ) -> Result<http::Response<Vec<u8>>, TransportError> {
        (**self).send(request, timeout)
    }

    fn send_streaming(
        &self,
        request: http::Request<ByteStream>,
        timeout: Option<Duration>,
    ) -> Result<http::Response<ByteStream>, TransportError> {
        (**self).send_streaming(request, timeout)
    }
}

/// [`BlockingHttpClient`] on ureq (HTTP/1.1) with rustls, the ring provider and the
/// platform's certificate verifier (or only the certificates of `AWS_CA_BUNDLE`), proxies from
/// `HTTPS_PROXY`/`HTTP_PROXY`/`ALL_PROXY`.
#[derive(Debug, Clone)]
pub struct UreqClient {
    agent: Result<ureq::Agent, String>,
}

impl UreqClient {
    /// A client whose connection attempts give up after `connect_timeout`, trusting the
    /// certificates of the PEM file `ca_bundle` when given.
    pub fn new(connect_timeout: Option<Duration>, ca_bundle: Option<&std::path::Path>) -> Self {
        Self {
            agent: agent(connect_timeout, ca_bundle),
        }
    }
}

fn agent(
    connect_timeout: Option<Duration>,
    ca_bundle: Option<&std::path::Path>,
) -> Result<ureq::Agent, String> {
    use ureq::tls::{Certificate, RootCerts, TlsConfig, TlsProvider};
    let roots = match ca_bundle {
        None => RootCerts::PlatformVerifier,
        Some(path) => {
            let certificates: Vec<Certificate<'static>> = crate::transport::read_ca_bundle(path)?
                .iter()
                .map(|der| Certificate::from_der(der.as_ref()).to_owned())
                .collect();
            RootCerts::new_with_certs(&certificates)
        }
    };
    let tls = TlsConfig::builder()
        .provider(TlsProvider::Rustls)
        .root_certs(roots)
        .unversioned_rustls_crypto_provider(Arc::new(rustls::crypto::ring::default_provider()))
        .build();
    let config = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .max_redirects(0)
        .timeout_connect(connect_timeout)
        .tls_config(tls)
        .proxy(ureq::Proxy::try_from_env())
        .build();
    Ok(ureq::Agent::new_with_config(config))
}

impl Default for UreqClient {
    fn default() -> Self {
        Self::new(Some(crate::DEFAULT_CONNECT_TIMEOUT), None)
    }
}

impl BlockingHttpClient for UreqClient {
    fn send(
        &self,
        request: http::Request<Vec<u8>>,
        timeout: Option<Duration>,
    ) -> Result<http::Response<Vec<u8>>, TransportError> {
        let agent = self
            .agent
            .as_ref()
            .map_err(|e| TransportError::new(TransportErrorKind::Other, e.clone()))?;
        let request = agent
            .configure_request(request)
            .timeout_global(timeout)
            .build();
        let response = agent.run(request).map_err(transport_error)?;
        let (parts, mut body) = response.into_parts();
        let bytes = body
            .with_config()
            .limit(u64::MAX)
            .read_to_vec()
            .map_err(transport_error)?;
        Ok(http::Response::from_parts(parts, bytes))
    }

    fn send_streaming(
        &self,
        request: http::Request<ByteStream>,
        timeout: Option<Duration>,
    ) -> Result<http::Response<ByteStream>, TransportError> {
        let agent = self
            .agent
            .as_ref()
            .map_err(|e| TransportError::new(TransportErrorKind::Other, e.clone()))?;
        let (parts, body) = request.into_parts();
        let body = match body.as_bytes() {
            Some(bytes) => ureq::SendBody::from_owned_reader(std::io::Cursor::new(bytes.clone())),
            None => ureq::SendBody::from_owned_reader(body.into_reader()),
        };
        // The timeout bounds sending the request and waiting for the response's head; the
        // body is read later, by the caller, at its pace.
        let request = agent
            .configure_request(http::Request::from_parts(parts, body))
            .timeout_send_request(timeout)
            .timeout_recv_response(timeout)
            .build();
        let response = agent.run(request).map_err(transport_error)?;
        let (parts, body) = response.into_parts();
        let length = body.content_length();
        let mut body = ByteStream::from_reader(body.into_reader());
        if let Some(length) = length {
            body = body.with_length(length);
        }
        Ok(http::Response::from_parts(parts, body))
    }
}

fn transport_error(error: ureq::Error) -> TransportError {
    let kind = match &error {
        ureq::Error::Timeout(_) => TransportErrorKind::Timeout,
        ureq::Error::HostNotFound | ureq::Error::ConnectionFailed => TransportErrorKind::Connect,
        ureq::Error::Io(io) if io.kind() == std::io::ErrorKind::ConnectionRefused => {
            TransportErrorKind::Connect
        }
        ureq::Error::Io(_) | ureq::Error::Protocol(_) => TransportErrorKind::Io,
        _ => TransportErrorKind::Other,
    };
    TransportError::with_source(kind, error)
}

/// The blocking client's [`Io`]: its transport, the thread's sleep, and the operation's
/// deadline, which bounds every attempt and sleep.
struct BlockingIo<'a> {
    client: &'a dyn BlockingHttpClient,
    attempt_timeout: Option<Duration>,
    deadline: Option<(Instant, Duration)>,
}

impl Io for BlockingIo<'_> {
    fn send(
        &self,
        request: http::Request<ByteStream>,
        keep_stream: bool,
    ) -> crate::BoxFuture<'_, Result<Received, AttemptError>> {
        let remaining = self
            .deadline
            .map(|(deadline, limit)| (deadline.saturating_duration_since(Instant::now()), limit));
        let result = match remaining {
            Some((left, limit)) if left.is_zero() => Err(AttemptError::Deadline(limit)),
            _ => {
                let left = remaining.map(|(left, _)| left);
                let timeout = match (self.attempt_timeout, left) {
                    (Some(attempt), Some(left)) => Some(attempt.min(left)),
                    (attempt, left) => attempt.or(left),
                };
                let sent = match request.body().as_bytes() {
                    Some(bytes) if !keep_stream => {
                        let bytes = Vec::from(bytes.clone());
                        self.client
                            .send(request.map(|_| bytes), timeout)
                            .map(Received::Whole)
                    }
                    _ => self
                        .client
                        .send_streaming(request, timeout)
                        .and_then(|response| {
                            if keep_stream && response.status().is_success() {
                                return Ok(Received::Streaming(response));
                            }
                            let (parts, body) = response.into_parts();
                            let body = body.collect_blocking().map_err(|e| {
                                TransportError::with_source(TransportErrorKind::Io, e)
                            })?;
                            Ok(Received::Whole(http::Response::from_parts(
                                parts,
                                Vec::from(body),
                            )))
                        }),
                };
                match sent {
                    Ok(received) => Ok(received),
                    Err(error) if error.is_timeout() => match (self.attempt_timeout, remaining) {
                        // The operation's deadline cut the attempt short.
                        (attempt, Some((left, limit)))
                            if attempt.is_none_or(|attempt| left < attempt) =>
                        {
                            Err(AttemptError::Deadline(limit))
                        }
                        (Some(attempt), _) => Err(AttemptError::TimedOut(attempt)),
                        _ => Err(AttemptError::Transport(error)),
                    },
                    Err(error) => Err(AttemptError::Transport(error)),
                }
            }
        };
        Box::pin(std::future::ready(result))
    }

    fn sleep(&self, duration: Duration) -> crate::BoxFuture<'_, ()> {
        let duration = match self.deadline {
            Some((deadline, _)) => duration.min(deadline.saturating_duration_since(Instant::now())),
            None => duration,
        };
        std::thread::sleep(duration);
        Box::pin(std::future::ready(()))
    }
}

/// The blocking `invoke_with_error_metadata` of the async client: the same call, on the
/// calling thread.
#[allow(clippy::type_complexity, clippy::result_large_err)]
pub fn invoke_with_error_metadata<'a, O: Send, E: Send>(
    config: &Config,
    service: &Service,
    endpoint: impl Into<EndpointSource<'a>>,
    request: http::Request<impl Into<ByteStream>>,
    parse: impl Fn(&http::Response<Vec<u8>>) -> Result<O, E> + Send + Sync,
    error_info: impl for<'e> Fn(&'e E) -> ErrorInfo<'e> + Send + Sync,
) -> Result<(O, ResponseMetadata), (InvokeError<E>, Option<ResponseMetadata>)> {
    let mut parsed: Option<Result<O, E>> = None;
    let mut read = reader(&parse, &error_info, &mut parsed);
    let sent = send(
        config,
        service,
        endpoint.into(),
        request.map(Into::into),
        false,
        &mut read,
    );
    drop(read);
    call_result(sent.map(|sent| sent.metadata), parsed)
}

/// The blocking [`invoke_streaming`](crate::invoke_streaming): a successful response's body
/// is left unread for `parse_output`, to be read on the calling thread.
#[allow(clippy::type_complexity, clippy::result_large_err)]
pub fn invoke_streaming<'a, O: Send, E: Send>(
    config: &Config,
    service: &Service,
    endpoint: impl Into<EndpointSource<'a>>,
    request: http::Request<impl Into<ByteStream>>,
    parse_output: impl FnOnce(http::Response<ByteStream>) -> Result<O, E>,
    parse_error: impl Fn(&http::Response<Vec<u8>>) -> E + Send + Sync,
    error_info: impl for<'e> Fn(&'e E) -> ErrorInfo<'e> + Send + Sync,
) -> Result<(O, ResponseMetadata), (InvokeError<E>, Option<ResponseMetadata>)> {
    let parse =
        |response: &http::Response<Vec<u8>>| -> Result<(), E> { Err(parse_error(response)) };
    let mut parsed: Option<Result<(), E>> = None;
    let mut read = reader(&parse, &error_info, &mut parsed);
    let sent = send(
        config,
        service,
        endpoint.into(),
        request.map(Into::into),
        true,
        &mut read,
    );
    drop(read);
    streamed_result(sent, parsed, parse_output)
}

/// The dispatch loop on the calling thread.
fn send(
    config: &Config,
    service: &Service,
    endpoint: EndpointSource<'_>,
    request: http::Request<ByteStream>,
    keep_stream: bool,
    read: &mut Reader<'_>,
) -> Result<Sent, Failure> {
    let operation = operation_name(&request);
    match config.blocking_http_client() {
        None => Err(Failure::Dispatch(DispatchError::new(
            DispatchErrorKind::Config,
            &operation,
            "no blocking HTTP client: set one with Config::builder().blocking_http_client(..)",
        ))),
        Some(client) => {
            let io = BlockingIo {
                client,
                attempt_timeout: config.attempt_timeout(),
                deadline: config
                    .operation_timeout()
                    .map(|limit| (Instant::now() + limit, limit)),
            };
            run(attempts(
                config,
                service,
                endpoint,
                request,
                keep_stream,
                &operation,
                read,
                &io,
            ))
        }
    }
}

/// The blocking `invoke` of the async client.
pub fn invoke<'a, O: Send, E: Send>(
    config: &Config,
    service: &Service,
    endpoint: impl Into<EndpointSource<'a>>,
    request: http::Request<impl Into<ByteStream>>,
    parse: impl Fn(&http::Response<Vec<u8>>) -> Result<O, E> + Send + Sync,
    error_info: impl for<'e> Fn(&'e E) -> ErrorInfo<'e> + Send + Sync,
) -> Result<O, InvokeError<E>> {
    invoke_with_error_metadata(config, service, endpoint, request, parse, error_info)
        .map(|(output, _)| output)
        .map_err(|(error, _)| error)
}

/// Runs `future` to completion on this thread.
fn run<F: Future>(future: F) -> F::Output {
    // With tokio at hand, a current-thread runtime drives it, so a credentials provider
    // that needs tokio's timers or sockets works too.
    #[cfg(feature = "client")]
    if let Ok(runtime) = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        return runtime.block_on(future);
    }
    block_on(future)
}

pub(crate) use crate::stream::block_on;

/// How a blocking paginator sends the call for one page.
pub type SendPage<C, I, O, E> = fn(&C, I) -> Result<O, Error<E>>;

/// The pages of a paginated operation, as an [`Iterator`]: it ends after the page without
/// a next token, or with [`Error::RepeatedPageToken`] after a page whose token was seen
/// before. A page is fetched when asked for.
pub struct Pages<O, E> {
    next: Box<dyn FnMut() -> Option<Result<O, Error<E>>> + Send>,
}

impl<O, E> fmt::Debug for Pages<O, E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Pages").finish_non_exhaustive()
    }
}

impl<O, E> Iterator for Pages<O, E> {
    type Item = Result<O, Error<E>>;
    fn next(&mut self) -> Option<Self::Item> {
        (self.next)()
    }
}

impl<O: Send + 'static, E: Send + 'static> Pages<O, E> {
    /// Calls `send` for the first page and then for every next token of `token` (string
    /// tokens; an empty one ends the pages), set on the input by `set_token`.
    #[doc(hidden)]
    pub fn new<C: Send + 'static, I: Clone + Send + 'static>(
        client: C,
        input: I,
        send: SendPage<C, I, O, E>,
        token: fn(&O) -> Option<&str>,
        set_token: fn(&mut I, String),
    ) -> Self {
        Self::following(
            client,
            input,
            send,
            crate::client::string_token(token),
            set_token,
            crate::client::repeated_string(),
        )
    }

    /// [`new`](Self::new) for tokens of any type; a token equal to one seen before stops the
    /// pages with [`Error::RepeatedPageToken`], which holds its `Debug` form.
    #[doc(hidden)]
    pub fn with_token<
        C: Send + 'static,
        I: Clone + Send + 'static,
        T: PartialEq + fmt::Debug + Clone + Send + 'static,
    >(
        client: C,
        input: I,
        send: SendPage<C, I, O, E>,
        token: fn(&O) -> Option<T>,
        set_token: fn(&mut I, T),
    ) -> Self {
        Self::following(
            client,
            input,
            send,
            token,
            set_token,
            crate::client::repeated(),
        )
    }

    fn following<C, I, T>(
        client: C,
        input: I,
        send: SendPage<C, I, O, E>,
        token: impl Fn(&O) -> Option<T> + Send + 'static,
        set_token: fn(&mut I, T),
        mut repeated: impl FnMut(&T) -> Option<String> + Send + 'static,
    ) -> Self
    where
        C: Send + 'static,
        I: Clone + Send + 'static,
        T: Send + 'static,
    {
        enum Next<I, E> {
            Page(I),
            Fail(Error<E>),
            Done,
        }
        let mut next = Next::Page(input);
        Self {
            next: Box::new(move || {
                let input = match std::mem::replace(&mut next, Next::Done) {
                    Next::Page(input) => input,
                    Next::Fail(error) => return Some(Err(error)),
                    Next::Done => return None,
                };
                match send(&client, input.clone()) {
                    Err(error) => Some(Err(error)),
                    Ok(page) => {
                        if let Some(token) = token(&page) {
                            next = match repeated(&token) {
                                Some(text) => Next::Fail(Error::RepeatedPageToken(text)),
                                None => {
                                    let mut input = input;
                                    set_token(&mut input, token);
                                    Next::Page(input)
                                }
                            };
                        }
                        Some(Ok(page))
                    }
                }
            }),
        }
    }

    /// Pages whose one item is `error`.
    #[doc(hidden)]
    pub fn failed(error: Error<E>) -> Self {
        let mut error = Some(error);
        Self {
            next: Box::new(move || error.take().map(Err)),
        }
    }

    /// The items of every page, in order, by `items` of each page.
    #[doc(hidden)]
    pub fn flat_map_items<T: Send + 'static>(self, items: fn(O) -> Vec<T>) -> Items<T, E> {
        Items {
            inner: Box::new(self.flat_map(move |page| {
                let items: Vec<Result<T, Error<E>>> = match page {
                    Ok(page) => items(page).into_iter().map(Ok).collect(),
                    Err(error) => vec![Err(error)],
                };
                items
            })),
        }
    }

    /// Every page folded into the first with `merge(first, page)`, for a paginator's
    /// `full_result`; the first error ends it.
    #[doc(hidden)]
    pub fn fold_pages(mut self, merge: fn(&mut O, O)) -> Result<O, Error<E>> {
        let mut full = self.next().expect("pages yield a first page or an error")?;
        for page in self {
            merge(&mut full, page?);
        }
        Ok(full)
    }
}

/// The items of every page of a paginated operation, as an [`Iterator`]; a failed page shows
/// as one error item, and the items end after it.
pub struct Items<T, E> {
    inner: Box<dyn Iterator<Item = Result<T, Error<E>>> + Send>,
}

impl<T, E> fmt::Debug for Items<T, E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Items").finish_non_exhaustive()
    }
}

impl<T, E> Iterator for Items<T, E> {
    type Item = Result<T, Error<E>>;
    fn next(&mut self) -> Option<Self::Item> {
        self.inner.next()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::task::{Poll, Waker};

    fn send(_client: &(), start: u32) -> Result<(Vec<u32>, Option<String>), Error<()>> {
        let next = match start {
            0 | 3 => Some((start + 3).to_string()),
            6 => Some("3".to_owned()),
            _ => None,
        };
        Ok(((start..start + 3).collect(), next))
    }

    #[test]
    fn pages_follow_tokens_and_stop_at_a_repeated_one() {
        let pages = Pages::new(
            (),
            0u32,
            send,
            |page: &(Vec<u32>, Option<String>)| page.1.as_deref(),
            |input: &mut u32, token| *input = token.parse().unwrap(),
        );
        let items: Vec<_> = pages.flat_map_items(|page| page.0).collect();
        assert_eq!(items.len(), 10);
        assert!(items[..9].iter().all(Result::is_ok));
        assert!(matches!(&items[9], Err(Error::RepeatedPageToken(token)) if token == "3"));
    }

    #[test]
    fn block_on_drives_a_future_woken_from_another_thread() {
        let (sender, receiver) = std::sync::mpsc::channel::<Waker>();
        let waker = std::thread::spawn(move || receiver.recv().unwrap().wake());
        let mut woken = false;
        let value = block_on(std::future::poll_fn(move |context| {
            if woken {
                return Poll::Ready(42);
            }
            woken = true;
            sender.send(context.waker().clone()).unwrap();
            Poll::Pending
        }));
        assert_eq!(value, 42);
        waker.join().unwrap();
    }
}
