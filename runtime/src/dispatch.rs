//! Sending an operation: credentials, signing, the transport, retries and timeouts.

use std::error::Error;
use std::fmt;
use std::time::{Duration, SystemTime};

use http::header::{HeaderName, HeaderValue};

use crate::auth::{AuthScheme, Chosen, OperationAuth, Signing};
use crate::config::AccountIdEndpointMode;
use crate::config::Config;
use crate::endpoint::{Endpoint, EndpointError};
use crate::retry::{RetryReason, classify_response, classify_transport, retry_after};
use crate::sign::{Payload, SigningOptions, sign_head};
use crate::stream::ByteStream;
use crate::transport::TransportError;
#[cfg(feature = "client")]
use crate::transport::TransportErrorKind;

/// What the runtime needs to know about the service of a generated crate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Service {
    /// The SigV4 signing name, e.g. `inspector` (botocore's `signingName`, else its
    /// `endpointPrefix`); an endpoint's `authSchemes` may name another.
    pub signing_name: &'static str,
    /// The service's auth schemes, most preferred first; an operation's
    /// [`OperationAuth`] may replace them. Empty means SigV4.
    pub auth: &'static [AuthScheme],
    /// The crate's part of the user agent, e.g. `inspector/0.1.0`.
    pub user_agent: &'static str,
}

/// What the runtime needs to know about an operation error to decide on a retry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ErrorInfo<'a> {
    /// The error code (`__type`), e.g. `ThrottlingException`.
    pub code: Option<&'a str>,
    /// Whether the model marks the error retryable.
    pub modelled_retryable: bool,
}

/// Where a call's endpoint comes from.
#[derive(Clone, Copy)]
pub enum EndpointSource<'a> {
    /// An endpoint resolved before the call.
    Resolved(&'a Endpoint),
    /// An endpoint resolved once the call's credentials are known, from the id of their
    /// account (`None` when they name none, or when [`Config::account_id_endpoint_mode`] is
    /// [`AccountIdEndpointMode::Disabled`]): for rule sets with the `AWS::Auth::AccountId`
    /// built-in. It is resolved once per call, before the first attempt is signed.
    ByAccountId(&'a (dyn Fn(Option<&str>) -> Result<Endpoint, EndpointError> + Send + Sync)),
}

impl<'a> From<&'a Endpoint> for EndpointSource<'a> {
    fn from(endpoint: &'a Endpoint) -> Self {
        EndpointSource::Resolved(endpoint)
    }
}

impl fmt::Debug for EndpointSource<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EndpointSource::Resolved(endpoint) => {
                f.debug_tuple("Resolved").field(endpoint).finish()
            }
            EndpointSource::ByAccountId(_) => f.write_str("ByAccountId(..)"),
        }
    }
}

/// What a successful call's response said besides its body: boto3's `ResponseMetadata`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResponseMetadata {
    request_id: Option<String>,
    status: u16,
    headers: http::HeaderMap,
    retry_attempts: u32,
}

impl ResponseMetadata {
    /// Takes the headers of `response`, which has been parsed: no copy.
    pub(crate) fn of<B>(response: http::Response<B>, retry_attempts: u32) -> Self {
        let (parts, _) = response.into_parts();
        Self::of_parts(parts, retry_attempts)
    }

    pub(crate) fn of_parts(parts: http::response::Parts, retry_attempts: u32) -> Self {
        Self {
            request_id: ["x-amzn-requestid", "x-amz-request-id"]
                .iter()
                .find_map(|name| parts.headers.get(*name)?.to_str().ok())
                .map(str::to_owned),
            status: parts.status.as_u16(),
            headers: parts.headers,
            retry_attempts,
        }
    }

    /// The request id the service gave (`x-amzn-requestid`), boto3's `RequestId`.
    pub fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }

    /// The HTTP status, boto3's `HTTPStatusCode`.
    pub fn status(&self) -> u16 {
        self.status
    }

    /// The response's headers, boto3's `HTTPHeaders`.
    pub fn headers(&self) -> &http::HeaderMap {
        &self.headers
    }

    /// How many times the call was retried before this response, boto3's `RetryAttempts`.
    pub fn retry_attempts(&self) -> u32 {
        self.retry_attempts
    }
}

/// The error of a call: the service answered with an error, or the call never got a usable
/// answer.
#[derive(Debug)]
pub enum InvokeError<E> {
    /// The operation's error, parsed from the service's response.
    Service(E),
    /// No response could be had: configuration, credentials, signing, transport or timeout.
    Dispatch(DispatchError),
    /// The endpoint, resolved with the credentials' account id, could not be resolved.
    Endpoint(EndpointError),
}

impl<E> InvokeError<E> {
    pub fn as_service_error(&self) -> Option<&E> {
        match self {
            InvokeError::Service(error) => Some(error),
            InvokeError::Dispatch(_) | InvokeError::Endpoint(_) => None,
        }
    }

    pub fn into_service_error(self) -> Option<E> {
        match self {
            InvokeError::Service(error) => Some(error),
            InvokeError::Dispatch(_) | InvokeError::Endpoint(_) => None,
        }
    }

    pub fn as_dispatch_error(&self) -> Option<&DispatchError> {
        match self {
            InvokeError::Service(_) | InvokeError::Endpoint(_) => None,
            InvokeError::Dispatch(error) => Some(error),
        }
    }
}

impl<E: fmt::Display> fmt::Display for InvokeError<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            InvokeError::Service(error) => error.fmt(f),
            InvokeError::Dispatch(error) => error.fmt(f),
            InvokeError::Endpoint(error) => error.fmt(f),
        }
    }
}

impl<E: Error + 'static> Error for InvokeError<E> {
    fn source(&self) -> Option<&(dyn Error + 'static)> {
        match self {
            InvokeError::Service(error) => Some(error),
            InvokeError::Dispatch(error) => Some(error),
            InvokeError::Endpoint(error) => Some(error),
        }
    }
}

/// What kind of failure a [`DispatchError`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum DispatchErrorKind {
    /// The configuration cannot send the request (no region, no HTTP client, a bad URL).
    Config,
    /// The credentials or token provider failed.
    Credentials,
    /// The request could not be signed.
    Signing,
    /// The transport failed on the last attempt.
    Transport,
    /// The operation or attempt timeout elapsed.
    Timeout,
}

/// A call that got no usable response. `Display` says what went wrong and in which
/// operation; `source()` gives the underlying error.
#[derive(Debug)]
pub struct DispatchError {
    kind: DispatchErrorKind,
    operation: String,
    message: String,
    source: Option<Box<dyn Error + Send + Sync + 'static>>,
}

impl DispatchError {
    pub(crate) fn new(
        kind: DispatchErrorKind,
        operation: &str,
        message: impl Into<String>,
    ) -> Self {
        Self {
            kind,
            operation: operation.to_owned(),
            message: message.into(),
            source: None,
        }
    }

    fn with_source(mut self, source: impl Error + Send + Sync + 'static) -> Self {
        self.source = Some(Box::new(source));
        self
    }

    pub fn kind(&self) -> DispatchErrorKind {
        self.kind
    }

    /// The operation, as its `x-amz-target` names it (`InspectorService.ListFindings`).
    pub fn operation(&self) -> &str {
        &self.operation
    }

    pub fn is_timeout(&self) -> bool {
        self.kind == DispatchErrorKind::Timeout
    }
}

impl fmt::Display for DispatchError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.operation, self.message)
    }
}

impl Error for DispatchError {
    fn source(&self) -> Option<&(dyn Error + 'static)> {
        self.source.as_deref().map(|e| e as &(dyn Error + 'static))
    }
}

/// Sends `request` (a generated `serialize_request`'s output) to `endpoint` and parses the
/// response with `parse`, retrying as [`Config::retry_config`] allows.
///
/// The whole call runs under the operation timeout, each attempt under the attempt timeout.
/// The call's auth is chosen as [`crate::auth`] describes, from [`Service::auth`], the
/// request's [`OperationAuth`] extension (a generated client puts the operation's there) and
/// the endpoint's `authSchemes`. Credentials (or the bearer token) are fetched once per call;
/// an unsigned operation fetches none. Each attempt gets the endpoint's URL joined with the
/// request's path, the endpoint's headers, `user-agent`, `x-amz-user-agent`,
/// `amz-sdk-invocation-id` (one per call), `amz-sdk-request: attempt=N; max=M`, and the
/// SigV4 or SigV4a signature or bearer token. Connect, I/O and timeout failures, 5xx and 429 statuses, throttling and
/// transient error codes and errors the model marks retryable are retried, with full-jitter
/// exponential backoff; other errors are returned at once.
///
/// Must run inside a tokio runtime (it sleeps and times out with `tokio::time`).
#[cfg(feature = "client")]
pub async fn invoke<O: Send, E: Send>(
    config: &Config,
    service: &Service,
    endpoint: impl Into<EndpointSource<'_>>,
    request: http::Request<impl Into<ByteStream>>,
    parse: impl Fn(&http::Response<Vec<u8>>) -> Result<O, E> + Send + Sync,
    error_info: impl for<'e> Fn(&'e E) -> ErrorInfo<'e> + Send + Sync,
) -> Result<O, InvokeError<E>> {
    invoke_with_metadata(config, service, endpoint, request, parse, error_info)
        .await
        .map(|(output, _)| output)
}

/// [`invoke`], also returning what the successful response said besides its body.
#[cfg(feature = "client")]
pub async fn invoke_with_metadata<O: Send, E: Send>(
    config: &Config,
    service: &Service,
    endpoint: impl Into<EndpointSource<'_>>,
    request: http::Request<impl Into<ByteStream>>,
    parse: impl Fn(&http::Response<Vec<u8>>) -> Result<O, E> + Send + Sync,
    error_info: impl for<'e> Fn(&'e E) -> ErrorInfo<'e> + Send + Sync,
) -> Result<(O, ResponseMetadata), InvokeError<E>> {
    invoke_with_error_metadata(config, service, endpoint, request, parse, error_info)
        .await
        .map_err(|(error, _)| error)
}

/// [`invoke_with_metadata`], also returning what an error response said besides its body
/// (its status and headers; boto3 puts them under the error's `ResponseMetadata`): waiters
/// match the HTTP status of errors too. The metadata is `None` when no response came.
///
/// Only this thin wrapper is generic: it hands the dispatch loop a `dyn` reader that parses a
/// response and keeps what it parsed, so the loop (credentials, signing, retries, timeouts) is
/// compiled once, in this crate, rather than once per operation in every generated crate.
#[cfg(feature = "client")]
pub async fn invoke_with_error_metadata<O: Send, E: Send>(
    config: &Config,
    service: &Service,
    endpoint: impl Into<EndpointSource<'_>>,
    request: http::Request<impl Into<ByteStream>>,
    parse: impl Fn(&http::Response<Vec<u8>>) -> Result<O, E> + Send + Sync,
    error_info: impl for<'e> Fn(&'e E) -> ErrorInfo<'e> + Send + Sync,
) -> Result<(O, ResponseMetadata), (InvokeError<E>, Option<ResponseMetadata>)> {
    let mut parsed: Option<Result<O, E>> = None;
    let mut read = reader(&parse, &error_info, &mut parsed);
    let request = request.map(Into::into);
    let sent = dispatch(config, service, endpoint.into(), request, false, &mut read).await;
    drop(read);
    call_result(sent.map(|sent| sent.metadata), parsed)
}

/// [`invoke_with_error_metadata`] for an operation whose output streams its body (a
/// `streaming` blob payload, an event stream): a successful (2xx) response is handed to
/// `parse_output` with its body unread, as soon as its head has come; an error response is
/// read whole and parsed with `parse_error`, and retried as [`invoke`] retries. A failure
/// while the caller reads the body is the body's error, not retried.
#[cfg(feature = "client")]
pub async fn invoke_streaming<O: Send, E: Send>(
    config: &Config,
    service: &Service,
    endpoint: impl Into<EndpointSource<'_>>,
    request: http::Request<impl Into<ByteStream>>,
    parse_output: impl FnOnce(http::Response<ByteStream>) -> Result<O, E>,
    parse_error: impl Fn(&http::Response<Vec<u8>>) -> E + Send + Sync,
    error_info: impl for<'e> Fn(&'e E) -> ErrorInfo<'e> + Send + Sync,
) -> Result<(O, ResponseMetadata), (InvokeError<E>, Option<ResponseMetadata>)> {
    let parse =
        |response: &http::Response<Vec<u8>>| -> Result<(), E> { Err(parse_error(response)) };
    let mut parsed: Option<Result<(), E>> = None;
    let mut read = reader(&parse, &error_info, &mut parsed);
    let request = request.map(Into::into);
    let sent = dispatch(config, service, endpoint.into(), request, true, &mut read).await;
    drop(read);
    streamed_result(sent, parsed, parse_output)
}

/// The result of a call whose successful response's body streams: see [`invoke_streaming`].
#[allow(clippy::type_complexity, clippy::result_large_err)]
pub(crate) fn streamed_result<O, E>(
    sent: Result<Sent, Failure>,
    parsed: Option<Result<(), E>>,
    parse_output: impl FnOnce(http::Response<ByteStream>) -> Result<O, E>,
) -> Result<(O, ResponseMetadata), (InvokeError<E>, Option<ResponseMetadata>)> {
    match sent {
        Ok(Sent {
            metadata,
            stream: Some(body),
        }) => {
            let mut response = http::Response::new(body);
            *response.status_mut() =
                http::StatusCode::from_u16(metadata.status()).unwrap_or(http::StatusCode::OK);
            *response.headers_mut() = metadata.headers().clone();
            match parse_output(response) {
                Ok(output) => Ok((output, metadata)),
                Err(error) => Err((InvokeError::Service(error), Some(metadata))),
            }
        }
        // A response read whole is an error: `parse` never gives an output.
        other => match call_result(other.map(|sent| sent.metadata), parsed) {
            Err(error) => Err(error),
            Ok(((), metadata)) => {
                unreachable!("an error response parsed as an output: {metadata:?}")
            }
        },
    }
}

/// The reader [`dispatch`] calls with each response: parses it with `parse` into `parsed`
/// and says whether it is the output, or an error to retry or not.
pub(crate) fn reader<'a, O, E>(
    parse: &'a (impl Fn(&http::Response<Vec<u8>>) -> Result<O, E> + Send + Sync),
    error_info: &'a (impl for<'e> Fn(&'e E) -> ErrorInfo<'e> + Send + Sync),
    parsed: &'a mut Option<Result<O, E>>,
) -> impl FnMut(&http::Response<Vec<u8>>) -> Read + Send + 'a
where
    O: Send,
    E: Send,
{
    move |response: &http::Response<Vec<u8>>| -> Read {
        let result = parse(response);
        let read = match &result {
            Ok(_) => Read::Output,
            Err(error) => {
                let info = error_info(error);
                Read::Error(classify_response(
                    response.status().as_u16(),
                    info.code,
                    info.modelled_retryable,
                ))
            }
        };
        *parsed = Some(result);
        read
    }
}

/// The call's result from what [`dispatch`] returned and what its reader parsed.
#[allow(clippy::type_complexity, clippy::result_large_err)]
pub(crate) fn call_result<O, E>(
    sent: Result<ResponseMetadata, Failure>,
    parsed: Option<Result<O, E>>,
) -> Result<(O, ResponseMetadata), (InvokeError<E>, Option<ResponseMetadata>)> {
    match (sent, parsed) {
        (Ok(metadata), Some(Ok(output))) => Ok((output, metadata)),
        (Ok(metadata), Some(Err(error))) => Err((InvokeError::Service(error), Some(metadata))),
        (Err(Failure::Dispatch(error)), _) => Err((InvokeError::Dispatch(error), None)),
        (Err(Failure::Endpoint(error)), _) => Err((InvokeError::Endpoint(error), None)),
        (Ok(_), None) => {
            unreachable!("dispatch returns a response's metadata only after reading it")
        }
    }
}

/// What reading one response found: the output, or an error and whether to retry it.
pub(crate) enum Read {
    Output,
    Error(Option<RetryReason>),
}

/// Why [`dispatch`] got no response to read.
pub(crate) enum Failure {
    Dispatch(DispatchError),
    Endpoint(EndpointError),
}

impl From<DispatchError> for Failure {
    fn from(error: DispatchError) -> Self {
        Failure::Dispatch(error)
    }
}

/// The reader of [`dispatch`]: parses a response, keeps what it parsed, says what it found.
pub(crate) type Reader<'a> = dyn FnMut(&http::Response<Vec<u8>>) -> Read + Send + 'a;

/// What [`attempts`] ended with: the last response's metadata and, for a call that keeps its
/// successful response's body streaming, that body, unread.
pub(crate) struct Sent {
    pub(crate) metadata: ResponseMetadata,
    pub(crate) stream: Option<ByteStream>,
}

/// Sends `request` under the operation timeout until `read` finds an output, or an error it
/// does not retry (or, with `keep_stream`, until a successful response's head comes): then
/// returns that response's metadata. Not generic, so compiled once.
#[cfg(feature = "client")]
async fn dispatch(
    config: &Config,
    service: &Service,
    endpoint: EndpointSource<'_>,
    request: http::Request<ByteStream>,
    keep_stream: bool,
    read: &mut Reader<'_>,
) -> Result<Sent, Failure> {
    let operation = operation_name(&request);
    let Some(client) = config.http_client() else {
        return Err(Failure::Dispatch(DispatchError::new(
            DispatchErrorKind::Config,
            &operation,
            "no HTTP client: enable the `reqwest` feature of service-runtime or set one with \
             Config::builder().http_client(..)",
        )));
    };
    let io = AsyncIo {
        client,
        attempt_timeout: config.attempt_timeout(),
    };
    let call = attempts(
        config,
        service,
        endpoint,
        request,
        keep_stream,
        &operation,
        read,
        &io,
    );
    match config.operation_timeout() {
        None => call.await,
        Some(limit) => match tokio::time::timeout(limit, call).await {
            Ok(result) => result,
            Err(_) => Err(Failure::Dispatch(DispatchError::new(
                DispatchErrorKind::Timeout,
                &operation,
                format!("the operation timeout of {limit:?} elapsed"),
            ))),
        },
    }
}

pub(crate) fn operation_name<B>(request: &http::Request<B>) -> String {
    request
        .headers()
        .get("x-amz-target")
        .and_then(|target| target.to_str().ok())
        .map_or_else(
            || format!("{} {}", request.method(), request.uri()),
            str::to_owned,
        )
}

#[allow(clippy::too_many_arguments)]
pub(crate) async fn attempts(
    config: &Config,
    service: &Service,
    endpoint: EndpointSource<'_>,
    request: http::Request<ByteStream>,
    keep_stream: bool,
    operation: &str,
    read: &mut Reader<'_>,
    io: &dyn Io,
) -> Result<Sent, Failure> {
    let fail = |kind, message: String| DispatchError::new(kind, operation, message);
    let Some(region) = config.region() else {
        return Err(Failure::Dispatch(fail(
            DispatchErrorKind::Config,
            "no region: set it with Config::builder().region(..) or AWS_REGION".to_owned(),
        )));
    };
    let (parts, body) = request.into_parts();
    // An input event stream: the request's body is its signed messages, sent over HTTP/2.
    #[cfg(feature = "event-stream")]
    let mut input_events = parts
        .extensions
        .get::<crate::event_input::InputEvents>()
        .and_then(crate::event_input::InputEvents::take);
    #[cfg(not(feature = "event-stream"))]
    let mut input_events: Option<std::convert::Infallible> = None;
    let operation_auth = parts
        .extensions
        .get::<OperationAuth>()
        .copied()
        .unwrap_or_default();
    let model = crate::auth::model_choice(service.auth, operation_auth.schemes)
        .map_err(|message| fail(DispatchErrorKind::Signing, message))?;
    let env_bearer = crate::auth::prefers_env_bearer(
        service.signing_name,
        service.auth,
        operation_auth.schemes,
        &|name: &str| config.env_var(name),
    );
    let model = if env_bearer {
        AuthScheme::Bearer
    } else {
        model
    };
    let signed = matches!(model, AuthScheme::SigV4 | AuthScheme::SigV4a);

    // Only a signed call needs credentials; an unsigned or bearer one works without any, and
    // an operation whose auth is optional goes unsigned without them.
    let credentials = if signed {
        match config.credentials_provider().provide_credentials().await {
            Ok(credentials) => Some(credentials),
            Err(_) if operation_auth.optional => None,
            Err(error) => {
                return Err(Failure::Dispatch(
                    DispatchError::new(
                        DispatchErrorKind::Credentials,
                        operation,
                        error.to_string(),
                    )
                    .with_source(error),
                ));
            }
        }
    } else {
        None
    };
    let model = if signed && credentials.is_none() {
        AuthScheme::NoAuth
    } else {
        model
    };

    // An endpoint that depends on the account is resolved now that the account is known.
    let resolved;
    let endpoint = match endpoint {
        EndpointSource::Resolved(endpoint) => endpoint,
        EndpointSource::ByAccountId(resolve) => {
            let account_id = match config.account_id_endpoint_mode() {
                AccountIdEndpointMode::Disabled => None,
                AccountIdEndpointMode::Preferred | AccountIdEndpointMode::Required => {
                    credentials.as_ref().and_then(|c| c.account_id())
                }
            };
            resolved = resolve(account_id).map_err(Failure::Endpoint)?;
            &resolved
        }
    };

    let chosen = match model {
        AuthScheme::NoAuth => Chosen::Unsigned,
        AuthScheme::Bearer => Chosen::Bearer,
        // The endpoint's `authSchemes`, when it has them, decide how to sign.
        scheme => Chosen::Signed(
            crate::auth::endpoint_signing(endpoint.properties())
                .map_err(|message| fail(DispatchErrorKind::Signing, message))?
                .unwrap_or(Signing {
                    scheme,
                    name: None,
                    region: None,
                    disable_double_encoding: false,
                }),
        ),
    };
    let bearer = match chosen {
        Chosen::Bearer => {
            let token = config
                .token_provider()
                .provide_token(service.signing_name)
                .await
                .map_err(|error| {
                    DispatchError::new(DispatchErrorKind::Credentials, operation, error.to_string())
                        .with_source(error)
                })?;
            let mut value =
                HeaderValue::from_str(&format!("Bearer {}", token.token())).map_err(|_| {
                    fail(
                        DispatchErrorKind::Signing,
                        "the bearer token is not a valid header value".to_owned(),
                    )
                })?;
            value.set_sensitive(true);
            Some(value)
        }
        Chosen::Unsigned | Chosen::Signed(_) => None,
    };
    let signing = match &chosen {
        Chosen::Signed(signing) => Some(signing),
        Chosen::Unsigned | Chosen::Bearer => None,
    };
    let identity = credentials.as_ref().map(crate::sign::identity);
    // SigV4a signs for a region set: the endpoint's, else `*` (botocore's default).
    let signing_region = signing.map(|signing| match (&signing.region, signing.scheme) {
        (Some(region), _) => region.as_str(),
        (None, AuthScheme::SigV4a) => "*",
        (None, _) => region,
    });
    let host_prefix = parts
        .extensions
        .get::<crate::HostPrefix>()
        .map_or("", |prefix| prefix.0.as_str());
    let uri = join_url(endpoint.url(), host_prefix, &parts.uri)
        .map_err(|message| fail(DispatchErrorKind::Config, message))?;
    let mut headers = parts.headers;
    for (name, values) in endpoint.headers() {
        let name = HeaderName::from_bytes(name.as_bytes()).map_err(|_| {
            fail(
                DispatchErrorKind::Config,
                format!("endpoint header name `{name}` is invalid"),
            )
        })?;
        headers.remove(&name);
        for value in values {
            let value = HeaderValue::from_str(value).map_err(|_| {
                fail(
                    DispatchErrorKind::Config,
                    format!("endpoint header `{name}` has an invalid value"),
                )
            })?;
            headers.append(name.clone(), value);
        }
    }
    let user_agent = user_agent(service);
    headers.insert(http::header::USER_AGENT, user_agent.clone());
    headers.insert("x-amz-user-agent", user_agent);
    headers.insert("amz-sdk-invocation-id", invocation_id());

    // What the signature covers of the body: bytes are hashed as they are; a file is hashed
    // here, read once in chunks; a stream or reader is gathered into memory to be hashed,
    // unless the payload goes unsigned.
    let unsigned_payload =
        operation_auth.unsigned_payload && uri.scheme() == Some(&http::uri::Scheme::HTTPS);
    let mut body = body;
    let mut file_hash = None;
    if input_events.is_some() {
        if !matches!(signing, Some(signing) if signing.scheme == AuthScheme::SigV4) {
            return Err(Failure::Dispatch(fail(
                DispatchErrorKind::Signing,
                "an input event stream is signed message by message with SigV4, chained from \
                 the request's SigV4 signature, but this call is not signed with SigV4 (a \
                 bearer token, SigV4a or no credentials)"
                    .to_owned(),
            )));
        }
        #[cfg(feature = "event-stream")]
        {
            let hash = crate::event_sender::STREAMING_EVENTS_PAYLOAD;
            headers.insert("x-amz-content-sha256", HeaderValue::from_static(hash));
            file_hash = Some(hash.to_owned());
        }
    } else if signing.is_some() && !unsigned_payload && body.as_bytes().is_none() {
        match body.file_sha256() {
            Some(hash) => {
                file_hash = Some(hash.map_err(|e| fail(DispatchErrorKind::Config, e.to_string()))?)
            }
            None => {
                body = ByteStream::from(body.collect().await.map_err(|e| {
                    fail(
                        DispatchErrorKind::Transport,
                        format!("reading the request body failed: {e}"),
                    )
                })?)
            }
        }
    }
    if body.as_bytes().is_none() {
        if let Some(length) = body.length() {
            headers.insert(http::header::CONTENT_LENGTH, HeaderValue::from(length));
        }
    }
    // Bytes and files are sent again on a retry; a stream or a reader only once.
    let mut spare = Some(body);

    let retry = config.retry_config();
    let quota = config.retry_quota();
    let max_attempts = retry.max_attempts();
    let mut attempt = 1;
    let mut last_draw = None;
    loop {
        // An input event stream is sent once.
        let copy = spare
            .as_ref()
            .filter(|_| input_events.is_none())
            .and_then(ByteStream::try_clone);
        let (body, replayable) = match copy {
            Some(copy) => (copy, true),
            None => (
                spare
                    .take()
                    .expect("no attempt follows one whose body could not be sent again"),
                false,
            ),
        };
        let mut attempt_headers = headers.clone();
        attempt_headers.insert(
            "amz-sdk-request",
            HeaderValue::from_str(&format!("attempt={attempt}; max={max_attempts}"))
                .expect("digits and ASCII are a valid header value"),
        );
        if let Some(bearer) = &bearer {
            attempt_headers.insert(http::header::AUTHORIZATION, bearer.clone());
        }
        if let (Some(signing), Some(identity), Some(region)) = (signing, &identity, signing_region)
        {
            let options = SigningOptions {
                sigv4a: signing.scheme == AuthScheme::SigV4a,
                name: signing.name.as_deref().unwrap_or(service.signing_name),
                region,
                // botocore signs the payload over plain HTTP whatever the model says.
                unsigned_payload,
                disable_double_encoding: signing.disable_double_encoding,
            };
            let payload = match (&file_hash, body.as_bytes()) {
                (Some(hash), _) => Payload::Sha256(hash),
                (None, Some(bytes)) => Payload::Bytes(bytes),
                // Only an unsigned payload is left unread here.
                (None, None) => Payload::Bytes(&[]),
            };
            sign_head(
                &parts.method,
                &uri,
                &mut attempt_headers,
                payload,
                identity,
                options,
                SystemTime::now(),
            )
            .map_err(|message| fail(DispatchErrorKind::Signing, message))?;
        }
        let (body, duplex) = match input_events.take() {
            None => (body, false),
            #[cfg(feature = "event-stream")]
            Some(events) => {
                let body = event_body(
                    events,
                    &attempt_headers,
                    credentials.as_ref(),
                    signing_region.unwrap_or(region),
                    signing
                        .and_then(|signing| signing.name.as_deref())
                        .unwrap_or(service.signing_name),
                )
                .map_err(|message| fail(DispatchErrorKind::Signing, message))?;
                (body, true)
            }
            #[cfg(not(feature = "event-stream"))]
            Some(never) => match never {},
        };
        let mut request = http::Request::new(body);
        *request.method_mut() = parts.method.clone();
        *request.uri_mut() = uri.clone();
        *request.headers_mut() = attempt_headers;

        let adaptive = retry.mode() == crate::retry::RetryMode::Adaptive;
        if adaptive {
            let limiter = config.rate_limiter();
            let wait = limiter.acquire(limiter.now());
            if !wait.is_zero() {
                io.sleep(wait).await;
            }
        }
        let sent = if duplex {
            io.send_duplex(request).await
        } else {
            io.send(request, keep_stream).await
        };
        if let Err(AttemptError::Deadline(limit)) = sent {
            return Err(Failure::Dispatch(fail(
                DispatchErrorKind::Timeout,
                format!("the operation timeout of {limit:?} elapsed"),
            )));
        }
        let last = attempt >= max_attempts || !replayable;
        // Whether to try again, and after what: the reason decides the backoff base and the
        // quota's cost; a retry the quota cannot pay for is not made.
        let mut retry_with = |reason: Option<RetryReason>| {
            let throttled = reason == Some(RetryReason::Throttling);
            if adaptive {
                let limiter = config.rate_limiter();
                limiter.on_response(limiter.now(), throttled);
            }
            reason.filter(|_| !last)?;
            // The legacy mode has no quota.
            if retry.mode() != crate::retry::RetryMode::Legacy {
                last_draw = Some(quota.acquire(throttled)?);
            }
            Some(throttled)
        };
        let succeeded = |last_draw| {
            if adaptive {
                let limiter = config.rate_limiter();
                limiter.on_response(limiter.now(), false);
            }
            quota.release(last_draw);
        };
        match sent {
            Ok(Received::Streaming(response)) => {
                succeeded(last_draw);
                let (parts, body) = response.into_parts();
                return Ok(Sent {
                    metadata: ResponseMetadata::of_parts(parts, attempt - 1),
                    stream: Some(body),
                });
            }
            Ok(Received::Whole(response)) => match read(&response) {
                Read::Output => {
                    succeeded(last_draw);
                    return Ok(Sent {
                        metadata: ResponseMetadata::of(response, attempt - 1),
                        stream: None,
                    });
                }
                Read::Error(reason) => {
                    let Some(throttled) = retry_with(reason) else {
                        return Ok(Sent {
                            metadata: ResponseMetadata::of(response, attempt - 1),
                            stream: None,
                        });
                    };
                    backoff(
                        io,
                        retry,
                        attempt,
                        throttled,
                        retry_after(response.headers()),
                    )
                    .await;
                }
            },
            Err(error) => {
                let reason = match &error {
                    AttemptError::Transport(error) => classify_transport(error),
                    AttemptError::TimedOut(_) => Some(RetryReason::Transport),
                    AttemptError::Deadline(_) => None,
                };
                let Some(throttled) = retry_with(reason) else {
                    return Err(Failure::Dispatch(error.into_dispatch(
                        operation,
                        &uri,
                        attempt,
                        max_attempts,
                    )));
                };
                backoff(io, retry, attempt, throttled, None).await;
            }
        }
        attempt += 1;
    }
}

/// The body of a request whose input is an event stream: `events`, each signed as it comes,
/// chained from the signature in the signed request's `headers`.
#[cfg(feature = "event-stream")]
fn event_body(
    events: crate::event_input::MessageStream,
    headers: &http::HeaderMap,
    credentials: Option<&crate::Credentials>,
    region: &str,
    signing_name: &str,
) -> Result<ByteStream, String> {
    use crate::event_sender::{EventSender, EventSigner, seed_signature};
    let seed = seed_signature(headers).map_err(|e| e.to_string())?;
    let credentials =
        credentials.ok_or("an input event stream needs credentials to sign its messages")?;
    let signer = EventSigner::new(credentials, region, signing_name, seed);
    Ok(EventSender::from_results(events, signer).into_body())
}

/// Why an attempt got no response.
pub(crate) enum AttemptError {
    Transport(TransportError),
    /// The attempt timeout elapsed.
    TimedOut(Duration),
    /// The operation timeout (this long) elapsed: no more attempts.
    #[cfg_attr(not(feature = "blocking"), allow(dead_code))]
    Deadline(Duration),
}

/// The response to one attempt.
pub(crate) enum Received {
    /// Read whole: an error, or the output of an operation that does not stream it.
    Whole(http::Response<Vec<u8>>),
    /// A successful response whose body is left unread, for an operation that streams it.
    Streaming(http::Response<ByteStream>),
}

/// What [`attempts`] needs of the world: sending one attempt and sleeping. The async client
/// sends over its [`HttpClient`](crate::HttpClient) on tokio; the blocking one sends and sleeps
/// on the calling thread, inside futures that are ready when first polled.
pub(crate) trait Io: Sync {
    /// Sends one attempt, under the attempt timeout (and, for an `Io` that keeps it, the
    /// operation's deadline), and reads the response whole, unless `keep_stream` asks to
    /// leave a successful response's body unread (the timeouts then end with its head).
    fn send(
        &self,
        request: http::Request<ByteStream>,
        keep_stream: bool,
    ) -> crate::BoxFuture<'_, Result<Received, AttemptError>>;

    fn sleep(&self, duration: Duration) -> crate::BoxFuture<'_, ()>;

    /// Sends one attempt whose body streams while its response is read (an input event
    /// stream, over HTTP/2), under the attempt timeout until the response's head, and leaves
    /// a successful response's body unread. The default (the blocking client's) cannot.
    fn send_duplex(
        &self,
        request: http::Request<ByteStream>,
    ) -> crate::BoxFuture<'_, Result<Received, AttemptError>> {
        drop(request);
        Box::pin(std::future::ready(Err(AttemptError::Transport(
            crate::TransportError::new(
                crate::TransportErrorKind::Other,
                "the blocking client cannot send an input event stream: the service takes it \
                 over HTTP/2 while it answers; use the async client",
            ),
        ))))
    }
}

/// The async client's [`Io`]: its transport, tokio's timers.
#[cfg(feature = "client")]
struct AsyncIo<'a> {
    client: &'a dyn crate::HttpClient,
    attempt_timeout: Option<Duration>,
}

#[cfg(feature = "client")]
impl Io for AsyncIo<'_> {
    fn send(
        &self,
        request: http::Request<ByteStream>,
        keep_stream: bool,
    ) -> crate::BoxFuture<'_, Result<Received, AttemptError>> {
        self.exchange(request, keep_stream, false)
    }

    fn send_duplex(
        &self,
        request: http::Request<ByteStream>,
    ) -> crate::BoxFuture<'_, Result<Received, AttemptError>> {
        self.exchange(request, true, true)
    }

    fn sleep(&self, duration: Duration) -> crate::BoxFuture<'_, ()> {
        Box::pin(tokio::time::sleep(duration))
    }
}

#[cfg(feature = "client")]
impl AsyncIo<'_> {
    /// One attempt: sent with `send_duplex` or `send_streaming`, its response read whole
    /// unless `keep_stream` and successful.
    fn exchange(
        &self,
        request: http::Request<ByteStream>,
        keep_stream: bool,
        duplex: bool,
    ) -> crate::BoxFuture<'_, Result<Received, AttemptError>> {
        Box::pin(async move {
            let exchange = async {
                let response = if duplex {
                    self.client.send_duplex(request).await
                } else {
                    self.client.send_streaming(request).await
                }
                .map_err(AttemptError::Transport)?;
                if keep_stream && response.status().is_success() {
                    return Ok(Received::Streaming(response));
                }
                let (parts, body) = response.into_parts();
                let body = body.collect().await.map_err(|e| {
                    AttemptError::Transport(TransportError::with_source(TransportErrorKind::Io, e))
                })?;
                Ok(Received::Whole(http::Response::from_parts(
                    parts,
                    Vec::from(body),
                )))
            };
            match self.attempt_timeout {
                None => exchange.await,
                Some(limit) => match tokio::time::timeout(limit, exchange).await {
                    Ok(sent) => sent,
                    Err(_) => Err(AttemptError::TimedOut(limit)),
                },
            }
        })
    }
}

impl AttemptError {
    fn into_dispatch(
        self,
        operation: &str,
        uri: &http::Uri,
        attempt: u32,
        max: u32,
    ) -> DispatchError {
        match self {
            AttemptError::Transport(error) => DispatchError::new(
                DispatchErrorKind::Transport,
                operation,
                format!("sending to {uri} failed on attempt {attempt} of {max}: {error}"),
            )
            .with_source(error),
            AttemptError::TimedOut(limit) => DispatchError::new(
                DispatchErrorKind::Timeout,
                operation,
                format!(
                    "the attempt timeout of {limit:?} elapsed on attempt {attempt} of {max} (sending to {uri})"
                ),
            ),
            AttemptError::Deadline(limit) => DispatchError::new(
                DispatchErrorKind::Timeout,
                operation,
                format!("the operation timeout of {limit:?} elapsed"),
            ),
        }
    }
}

async fn backoff(
    io: &dyn Io,
    retry: &crate::retry::RetryConfig,
    attempt: u32,
    throttled: bool,
    retry_after: Option<Duration>,
) {
    let wait = retry.backoff(attempt, throttled, fastrand::f64(), retry_after);
    if !wait.is_zero() {
        io.sleep(wait).await;
    }
}

/// `https://host` + `/` → `https://host/`; a path in the endpoint URL is kept as a prefix, and
/// a host prefix (`foo.`, from the operation's endpoint trait) goes before the host.
fn join_url(
    endpoint: &str,
    host_prefix: &str,
    request_uri: &http::Uri,
) -> Result<http::Uri, String> {
    let path = request_uri.path_and_query().map_or("/", |p| p.as_str());
    let endpoint = endpoint.trim_end_matches('/');
    let joined = match endpoint.split_once("://") {
        Some((scheme, rest)) if !host_prefix.is_empty() => {
            format!("{scheme}://{host_prefix}{rest}{path}")
        }
        _ => format!("{endpoint}{path}"),
    };
    joined.parse().map_err(|e| {
        format!("endpoint URL `{endpoint}` joined with `{path}` is not a valid URI: {e}")
    })
}

fn user_agent(service: &Service) -> HeaderValue {
    let text = format!(
        "{} service-runtime/{} os/{} lang/rust",
        service.user_agent,
        env!("CARGO_PKG_VERSION"),
        std::env::consts::OS
    );
    HeaderValue::from_str(&text).unwrap_or_else(|_| {
        HeaderValue::from_static(concat!("service-runtime/", env!("CARGO_PKG_VERSION")))
    })
}

/// A random (version 4) UUID, formatted without allocating per digit.
fn invocation_id() -> HeaderValue {
    HeaderValue::from_bytes(&crate::uuid_v4())
        .expect("hex digits and dashes are a valid header value")
}

#[cfg(all(test, feature = "client"))]
mod tests {
    use super::*;

    #[cfg(not(feature = "reqwest"))]
    #[tokio::test]
    async fn without_a_transport_sending_fails_with_a_clear_config_error() {
        let config = Config::builder()
            .region("us-east-1")
            .credentials(crate::Credentials::new("AKID", "SECRET", None))
            .build();
        let service = Service {
            signing_name: "inspector",
            auth: &[],
            user_agent: "inspector/0.1.0",
        };
        let request = http::Request::builder()
            .uri("/")
            .header("x-amz-target", "InspectorService.ListFindings")
            .body(Vec::new())
            .unwrap();
        let error = invoke(
            &config,
            &service,
            &Endpoint::new("http://127.0.0.1:9"),
            request,
            |_| Ok::<(), ()>(()),
            |_| ErrorInfo::default(),
        )
        .await
        .unwrap_err();
        let InvokeError::Dispatch(error) = error else {
            panic!("expected a dispatch error")
        };
        assert_eq!(error.kind(), DispatchErrorKind::Config);
        assert!(
            error
                .to_string()
                .starts_with("InspectorService.ListFindings: no HTTP client"),
            "{error}"
        );
    }

    /// Answers every request with `status` and counts the requests.
    #[derive(Debug, Default)]
    struct Always {
        status: u16,
        sent: std::sync::atomic::AtomicU32,
    }

    impl crate::HttpClient for Always {
        fn send(
            &self,
            _request: http::Request<Vec<u8>>,
        ) -> crate::BoxFuture<'_, Result<http::Response<Vec<u8>>, TransportError>> {
            self.sent.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            let response = http::Response::builder()
                .status(self.status)
                .body(Vec::new())
                .unwrap();
            Box::pin(async move { Ok(response) })
        }
    }

    #[tokio::test]
    async fn an_empty_retry_quota_stops_retrying() {
        let failing = std::sync::Arc::new(Always {
            status: 503,
            ..Always::default()
        });
        let config = Config::builder()
            .region("us-east-1")
            .credentials(crate::Credentials::new("AKID", "SECRET", None))
            .http_client(failing.clone())
            .retry_config(
                crate::RetryConfig::standard()
                    .with_max_attempts(100)
                    .with_initial_backoff(Duration::ZERO),
            )
            .build();
        let service = Service {
            signing_name: "inspector",
            auth: &[],
            user_agent: "inspector/0.1.0",
        };
        let endpoint = Endpoint::new("http://127.0.0.1:9");
        let call = || {
            invoke(
                &config,
                &service,
                &endpoint,
                http::Request::new(Vec::new()),
                |response| match response.status().as_u16() {
                    200 => Ok(()),
                    status => Err(status),
                },
                |_| ErrorInfo::default(),
            )
        };
        let sent = || failing.sent.load(std::sync::atomic::Ordering::SeqCst);
        // 500 units pay for 35 retries of 14: 36 attempts, though 100 are allowed.
        assert!(matches!(call().await, Err(InvokeError::Service(503))));
        assert_eq!(sent(), 36);
        assert_eq!(config.retry_quota().remaining(), 10);
        // The quota is empty: the next call is not retried at all.
        assert!(matches!(call().await, Err(InvokeError::Service(503))));
        assert_eq!(sent(), 37);
    }

    /// The legacy mode retries without a quota; the adaptive mode waits for the rate
    /// limiter's tokens once throttled (on a paused clock, so the waits cost no time).
    #[tokio::test(start_paused = true)]
    async fn legacy_has_no_quota_and_adaptive_slows_down_after_throttling() {
        let service = Service {
            signing_name: "inspector",
            auth: &[],
            user_agent: "inspector/0.1.0",
        };
        let endpoint = Endpoint::new("http://127.0.0.1:9");
        let run = |status: u16, retry: crate::RetryConfig| {
            let transport = std::sync::Arc::new(Always {
                status,
                ..Always::default()
            });
            let config = Config::builder()
                .region("us-east-1")
                .credentials(crate::Credentials::new("AKID", "SECRET", None))
                .http_client(transport.clone())
                .retry_config(
                    retry
                        .with_initial_backoff(Duration::ZERO)
                        .with_throttling_backoff(Duration::ZERO),
                )
                .build();
            let (service, endpoint) = (&service, &endpoint);
            async move {
                let started = tokio::time::Instant::now();
                for _ in 0..10 {
                    let _ = invoke(
                        &config,
                        service,
                        endpoint,
                        http::Request::new(Vec::new()),
                        |response| match response.status().as_u16() {
                            200 => Ok(()),
                            status => Err(status),
                        },
                        |_| ErrorInfo::default(),
                    )
                    .await;
                }
                (
                    transport.sent.load(std::sync::atomic::Ordering::SeqCst),
                    started.elapsed(),
                )
            }
        };
        // 10 calls of 100 attempts: the standard quota stops at 36 + 9; legacy retries all.
        let (sent, _) = run(503, crate::RetryConfig::standard().with_max_attempts(100)).await;
        assert_eq!(sent, 45);
        let (sent, _) = run(503, crate::RetryConfig::legacy().with_max_attempts(100)).await;
        assert_eq!(sent, 1000);
        // Throttled calls: no backoff configured, so only the rate limiter makes them wait.
        let (_, standard) = run(429, crate::RetryConfig::standard().with_max_attempts(1)).await;
        assert_eq!(standard, Duration::ZERO);
        let (sent, adaptive) = run(429, crate::RetryConfig::adaptive().with_max_attempts(1)).await;
        assert_eq!(sent, 10);
        assert!(adaptive >= Duration::from_secs(4), "{adaptive:?}");
    }

    /// Answers 200 and keeps the URIs requests went to.
    #[derive(Debug, Default)]
    struct Recording {
        uris: std::sync::Mutex<Vec<String>>,
    }

    impl crate::HttpClient for Recording {
        fn send(
            &self,
            request: http::Request<Vec<u8>>,
        ) -> crate::BoxFuture<'_, Result<http::Response<Vec<u8>>, TransportError>> {
            self.uris.lock().unwrap().push(request.uri().to_string());
            let response = http::Response::builder()
                .status(200)
                .body(Vec::new())
                .unwrap();
            Box::pin(async move { Ok(response) })
        }
    }

    #[tokio::test]
    async fn an_endpoint_by_account_id_is_resolved_with_the_credentials_account() {
        let resolve = |account_id: Option<&str>| match account_id {
            Some(id) => Ok(Endpoint::new(format!("https://{id}.example.com"))),
            None => Err(EndpointError::new("no account id")),
        };
        let service = Service {
            signing_name: "dynamodb",
            auth: &[],
            user_agent: "dynamodb/0.1.0",
        };
        let recording = std::sync::Arc::new(Recording::default());
        let credentials = crate::Credentials::new("AKID", "SECRET", None);
        let config = |credentials: crate::Credentials, mode| {
            Config::builder()
                .region("us-east-1")
                .credentials(credentials)
                .account_id_endpoint_mode(mode)
                .http_client(recording.clone())
                .build()
        };
        let call = |config: Config| {
            let service = &service;
            let resolve = &resolve;
            async move {
                invoke(
                    &config,
                    service,
                    EndpointSource::ByAccountId(resolve),
                    http::Request::new(Vec::new()),
                    |_| Ok::<(), ()>(()),
                    |_| ErrorInfo::default(),
                )
                .await
            }
        };
        let with_account = credentials.clone().with_account_id("111122223333");
        call(config(
            with_account.clone(),
            AccountIdEndpointMode::Preferred,
        ))
        .await
        .unwrap();
        assert_eq!(
            recording.uris.lock().unwrap().as_slice(),
            ["https://111122223333.example.com/"]
        );
        // Disabled: the account id is not given to the rule set, whatever the credentials say.
        let error = call(config(with_account, AccountIdEndpointMode::Disabled))
            .await
            .unwrap_err();
        let InvokeError::Endpoint(error) = error else {
            panic!("expected an endpoint error, got {error:?}")
        };
        assert_eq!(error.to_string(), "no account id");
        // Credentials without an account id: none is given either; nothing was sent.
        let error = call(config(credentials, AccountIdEndpointMode::Required))
            .await
            .unwrap_err();
        assert!(matches!(error, InvokeError::Endpoint(_)), "{error:?}");
        assert_eq!(recording.uris.lock().unwrap().len(), 1);
    }

    /// Answers 200 and keeps the requests it was sent.
    #[derive(Debug, Default)]
    struct Keeping {
        requests: std::sync::Mutex<Vec<http::Request<Vec<u8>>>>,
    }

    impl crate::HttpClient for Keeping {
        fn send(
            &self,
            request: http::Request<Vec<u8>>,
        ) -> crate::BoxFuture<'_, Result<http::Response<Vec<u8>>, TransportError>> {
            self.requests.lock().unwrap().push(request);
            let response = http::Response::builder()
                .status(200)
                .body(Vec::new())
                .unwrap();
            Box::pin(async move { Ok(response) })
        }
    }

    /// A credentials provider that always fails.
    #[derive(Debug)]
    struct NoCredentials;

    impl crate::ProvideCredentials for NoCredentials {
        fn provide_credentials(
            &self,
        ) -> crate::BoxFuture<'_, Result<crate::Credentials, crate::CredentialsError>> {
            Box::pin(std::future::ready(Err(crate::CredentialsError::new(
                "test",
                "no credentials here",
            ))))
        }
    }

    const SIGNED: Service = Service {
        signing_name: "cognito-idp",
        auth: &[AuthScheme::SigV4],
        user_agent: "cognito-idp/0.1.0",
    };

    /// Sends one request with `auth` as its operation's auth, returning what was sent.
    async fn send_one(
        config: crate::ConfigBuilder,
        service: &Service,
        endpoint: &Endpoint,
        auth: Option<OperationAuth>,
    ) -> Result<http::Request<Vec<u8>>, InvokeError<()>> {
        let keeping = std::sync::Arc::new(Keeping::default());
        let config = config
            .region("us-east-1")
            .http_client(keeping.clone())
            .build();
        let mut request = http::Request::builder()
            .method("POST")
            .uri("/")
            .header("x-amz-target", "Service.Operation")
            .body(b"{}".to_vec())
            .unwrap();
        if let Some(auth) = auth {
            request.extensions_mut().insert(auth);
        }
        invoke(
            &config,
            service,
            endpoint,
            request,
            |_| Ok::<(), ()>(()),
            |_| ErrorInfo::default(),
        )
        .await?;
        Ok(keeping.requests.lock().unwrap().pop().unwrap())
    }

    #[tokio::test]
    async fn an_unsigned_operation_is_sent_without_credentials_or_auth_headers() {
        let endpoint = Endpoint::new("https://cognito-idp.us-east-1.amazonaws.com");
        let unsigned = OperationAuth {
            schemes: Some(&[AuthScheme::NoAuth]),
            ..OperationAuth::default()
        };
        let config = || Config::builder().credentials_provider(NoCredentials);
        let sent = send_one(config(), &SIGNED, &endpoint, Some(unsigned))
            .await
            .unwrap();
        for header in ["authorization", "x-amz-date", "x-amz-security-token"] {
            assert!(!sent.headers().contains_key(header), "{header} was sent");
        }
        assert_eq!(sent.headers()["x-amz-target"], "Service.Operation");
        // The same operation signed needs the credentials, and fails without them.
        let error = send_one(config(), &SIGNED, &endpoint, None)
            .await
            .unwrap_err();
        let InvokeError::Dispatch(error) = error else {
            panic!("expected a dispatch error")
        };
        assert_eq!(error.kind(), DispatchErrorKind::Credentials);
        // Optional auth: signed when it can be, unsigned without credentials.
        let optional = OperationAuth {
            optional: true,
            ..OperationAuth::default()
        };
        let sent = send_one(config(), &SIGNED, &endpoint, Some(optional))
            .await
            .unwrap();
        assert!(!sent.headers().contains_key("authorization"));
        let with_credentials =
            Config::builder().credentials(crate::Credentials::new("AKID", "S", None));
        let sent = send_one(with_credentials, &SIGNED, &endpoint, Some(optional))
            .await
            .unwrap();
        assert!(sent.headers().contains_key("authorization"));
    }

    #[tokio::test]
    async fn a_bearer_operation_sends_the_token_marked_sensitive() {
        let service = Service {
            signing_name: "codecatalyst",
            auth: &[AuthScheme::Bearer],
            user_agent: "codecatalyst/0.1.0",
        };
        let endpoint = Endpoint::new("https://codecatalyst.global.api.aws");
        let config = Config::builder()
            .credentials_provider(NoCredentials)
            .token(crate::Token::new("the-token"));
        let sent = send_one(config, &service, &endpoint, None).await.unwrap();
        let authorization = &sent.headers()["authorization"];
        assert_eq!(authorization, "Bearer the-token");
        assert!(authorization.is_sensitive());
        assert!(!sent.headers().contains_key("x-amz-date"));
    }

    #[tokio::test]
    async fn bedrock_prefers_the_bearer_token_of_its_environment_variable() {
        let service = Service {
            signing_name: "bedrock",
            auth: &[AuthScheme::SigV4, AuthScheme::Bearer],
            user_agent: "bedrock-runtime/0.1.0",
        };
        let endpoint = Endpoint::new("https://bedrock-runtime.us-east-1.amazonaws.com");
        let with_env = |token: Option<&'static str>| {
            Config::from_lookup(move |name| match name {
                "AWS_BEARER_TOKEN_BEDROCK" => token.map(str::to_owned),
                "AWS_ACCESS_KEY_ID" => Some("AKID".to_owned()),
                "AWS_SECRET_ACCESS_KEY" => Some("SECRET".to_owned()),
                "HOME" => Some("/nonexistent".to_owned()),
                _ => None,
            })
            .unwrap()
            .to_builder()
        };
        let sent = send_one(with_env(Some("br-token")), &service, &endpoint, None)
            .await
            .unwrap();
        assert_eq!(sent.headers()["authorization"], "Bearer br-token");
        // Without the variable: SigV4, the first scheme of the service's list.
        let sent = send_one(with_env(None), &service, &endpoint, None)
            .await
            .unwrap();
        let authorization = sent.headers()["authorization"].to_str().unwrap();
        assert!(
            authorization.starts_with("AWS4-HMAC-SHA256 "),
            "{authorization}"
        );
    }

    #[tokio::test]
    async fn the_endpoints_auth_schemes_give_the_signing_name_and_region() {
        let endpoint = Endpoint::new("https://example.us-east-1.amazonaws.com").with_property(
            "authSchemes",
            serde_json::json!([
                {"name": "sigv5"},
                {"name": "sigv4", "signingName": "other-name", "signingRegion": "eu-central-1"}
            ]),
        );
        let config = Config::builder().credentials(crate::Credentials::new("AKID", "S", None));
        let sent = send_one(config, &SIGNED, &endpoint, None).await.unwrap();
        let authorization = sent.headers()["authorization"].to_str().unwrap();
        assert!(
            authorization.contains("Credential=AKID/")
                && authorization.contains("/eu-central-1/other-name/aws4_request"),
            "{authorization}"
        );
    }

    #[tokio::test]
    async fn an_unsigned_payload_is_signed_as_such_over_https_only() {
        let auth = OperationAuth {
            unsigned_payload: true,
            ..OperationAuth::default()
        };
        let config = || Config::builder().credentials(crate::Credentials::new("AKID", "S", None));
        let https = Endpoint::new("https://example.us-east-1.amazonaws.com");
        let sent = send_one(config(), &SIGNED, &https, Some(auth))
            .await
            .unwrap();
        assert_eq!(sent.headers()["x-amz-content-sha256"], "UNSIGNED-PAYLOAD");
        let http = Endpoint::new("http://127.0.0.1:9");
        let sent = send_one(config(), &SIGNED, &http, Some(auth))
            .await
            .unwrap();
        assert!(!sent.headers().contains_key("x-amz-content-sha256"));
    }

    #[cfg(feature = "sigv4a")]
    #[tokio::test]
    async fn sigv4a_signs_for_the_endpoints_region_set() {
        let endpoint = Endpoint::new("https://example.endpoint.events.amazonaws.com")
            .with_property(
                "authSchemes",
                serde_json::json!([
                    {"name": "sigv4a", "signingName": "events", "signingRegionSet": ["*"]}
                ]),
            );
        let config = Config::builder().credentials(crate::Credentials::new("AKID", "S", None));
        let sent = send_one(config, &SIGNED, &endpoint, None).await.unwrap();
        assert_eq!(sent.headers()["x-amz-region-set"], "*");
        let authorization = sent.headers()["authorization"].to_str().unwrap();
        assert!(
            authorization.starts_with("AWS4-ECDSA-P256-SHA256 Credential=AKID/")
                && authorization.contains("/events/aws4_request"),
            "{authorization}"
        );
    }

    #[test]
    fn the_future_of_invoke_is_send() {
        fn assert_send<T: Send>(_: &T) {}
        let config = Config::builder().build();
        let service = Service {
            signing_name: "inspector",
            auth: &[],
            user_agent: "inspector/0.1.0",
        };
        let endpoint = Endpoint::new("http://127.0.0.1:9");
        let call = invoke(
            &config,
            &service,
            &endpoint,
            http::Request::new(Vec::new()),
            |_| Ok::<String, std::io::Error>(String::new()),
            |_| ErrorInfo::default(),
        );
        // Never polled: this test checks a type property only.
        assert_send(&call);
    }

    #[test]
    fn urls_join_with_the_request_path() {
        let root: http::Uri = "/".parse().unwrap();
        assert_eq!(
            join_url("https://a.example", "", &root).unwrap(),
            "https://a.example/"
        );
        assert_eq!(
            join_url("https://a.example/", "", &root).unwrap(),
            "https://a.example/"
        );
        assert_eq!(
            join_url("http://127.0.0.1:8080/base", "", &root).unwrap(),
            "http://127.0.0.1:8080/base/"
        );
        let with_query: http::Uri = "/x?y=1".parse().unwrap();
        assert_eq!(
            join_url("https://a.example", "", &with_query).unwrap(),
            "https://a.example/x?y=1"
        );
        assert_eq!(
            join_url("https://a.example/base", "foo.bar.", &with_query).unwrap(),
            "https://foo.bar.a.example/base/x?y=1"
        );
        let error = join_url("not a url", "", &root).unwrap_err();
        assert!(
            error.starts_with("endpoint URL `not a url` joined with `/`"),
            "{error}"
        );
    }

    #[test]
    fn invocation_ids_are_distinct_version_4_uuids() {
        let first = invocation_id();
        let second = invocation_id();
        assert_ne!(first, second);
        let text = first.to_str().unwrap();
        assert_eq!(text.len(), 36);
        assert_eq!(text.as_bytes()[14], b'4');
        assert!(
            matches!(text.as_bytes()[19], b'8' | b'9' | b'a' | b'b'),
            "{text}"
        );
    }

    #[test]
    fn user_agent_names_the_service_crate_and_the_runtime() {
        let service = Service {
            signing_name: "inspector",
            auth: &[],
            user_agent: "inspector/0.1.0",
        };
        let agent = user_agent(&service);
        assert!(
            agent
                .to_str()
                .unwrap()
                .starts_with("inspector/0.1.0 service-runtime/0.1.0 os/")
        );
    }
}
