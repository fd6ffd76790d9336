//! The EC2 instance metadata service (IMDS): credentials of the instance's role, and its region.
//!
//! Follows botocore's `InstanceMetadataFetcher`: a session token first (IMDSv2, `PUT
//! /latest/api/token`), then the role listing and the role's credentials with that token. When
//! the token request is refused (403, 404, 405) or times out, the same requests are made
//! without a token (IMDSv1), unless `AWS_EC2_METADATA_V1_DISABLED` is `true`.
//!
//! | variable | meaning |
//! |---|---|
//! | `AWS_EC2_METADATA_DISABLED` | `true`: never ask IMDS |
//! | `AWS_EC2_METADATA_SERVICE_ENDPOINT` | the service's URL (default `http://169.254.169.254`) |
//! | `AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE` | `IPv6`: `http://[fd00:ec2::254]` |
//! | `AWS_EC2_METADATA_V1_DISABLED` | `true`: no fallback without a token |
//! | `AWS_METADATA_SERVICE_TIMEOUT` | seconds per request (default 1) |
//! | `AWS_METADATA_SERVICE_NUM_ATTEMPTS` | tries per request (default 1) |

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use crate::BoxFuture;
use crate::credentials::{Credentials, CredentialsError, ProvideCredentials};
use crate::profile::{Lookup, process_env};
use crate::transport::{HttpClient, TransportErrorKind};

const PROVIDER: &str = "instance metadata (IMDS)";
const TOKEN_PATH: &str = "/latest/api/token";
const ROLE_PATH: &str = "/latest/meta-data/iam/security-credentials/";
const REGION_PATH: &str = "/latest/meta-data/placement/region";
const TOKEN_TTL_HEADER: &str = "x-aws-ec2-metadata-token-ttl-seconds";
const TOKEN_HEADER: &str = "x-aws-ec2-metadata-token";
/// botocore's token lifetime: six hours.
const TOKEN_TTL_SECONDS: &str = "21600";

/// Credentials of the EC2 instance's role, from the instance metadata service.
#[derive(Clone)]
pub struct ImdsCredentials {
    http: Arc<dyn HttpClient>,
    lookup: Lookup,
}

impl ImdsCredentials {
    /// Asks over `http`, with settings from the process environment read at each call.
    pub fn new(http: impl HttpClient) -> Self {
        Self {
            http: Arc::new(http),
            lookup: process_env(),
        }
    }

    /// Reads the settings through `lookup` instead of the process environment (for tests).
    pub fn with_lookup(
        http: impl HttpClient,
        lookup: impl Fn(&str) -> Option<String> + Send + Sync + 'static,
    ) -> Self {
        Self {
            http: Arc::new(http),
            lookup: Arc::new(move |name| lookup(name).filter(|value| !value.is_empty())),
        }
    }

    #[cfg_attr(not(feature = "aws-config"), allow(dead_code))]
    pub(crate) fn from_parts(http: Arc<dyn HttpClient>, lookup: Lookup) -> Self {
        Self { http, lookup }
    }

    /// The role's credentials now.
    pub async fn load(&self) -> Result<Credentials, CredentialsError> {
        let session = Session::open(&*self.http, &self.lookup).await?;
        let listing = session.get(ROLE_PATH).await?;
        let Some(role) = listing.lines().map(str::trim).find(|line| !line.is_empty()) else {
            return Err(CredentialsError::new(
                PROVIDER,
                "the instance has no IAM role (the role listing is empty)",
            ));
        };
        let document = session.get(&format!("{ROLE_PATH}{role}")).await?;
        parse_credentials(role, &document)
    }

    /// The instance's region (`/latest/meta-data/placement/region`), or `None` when IMDS is
    /// disabled, unreachable or has none.
    pub async fn region(&self) -> Option<String> {
        let session = Session::open(&*self.http, &self.lookup).await.ok()?;
        let region = session.get(REGION_PATH).await.ok()?;
        let region = region.trim();
        (!region.is_empty()).then(|| region.to_owned())
    }
}

impl fmt::Debug for ImdsCredentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ImdsCredentials")
            .field("http", &self.http)
            .finish_non_exhaustive()
    }
}

impl ProvideCredentials for ImdsCredentials {
    fn provide_credentials(&self) -> BoxFuture<'_, Result<Credentials, CredentialsError>> {
        Box::pin(self.load())
    }
}

/// The settings of one conversation with IMDS, and its token (`None`: IMDSv1).
struct Session<'a> {
    http: &'a dyn HttpClient,
    endpoint: String,
    timeout: Duration,
    attempts: u32,
    token: Option<String>,
}

/// How one request to IMDS ended.
enum Answer {
    Status(u16, String),
    TimedOut,
    /// Nothing listens there: not on EC2 (or the endpoint is wrong).
    Unreachable(String),
}

impl<'a> Session<'a> {
    async fn open(http: &'a dyn HttpClient, lookup: &Lookup) -> Result<Self, CredentialsError> {
        let flag = |name: &str| {
            lookup(name).is_some_and(|value| value.trim().eq_ignore_ascii_case("true"))
        };
        if flag("AWS_EC2_METADATA_DISABLED") {
            return Err(CredentialsError::not_configured(
                PROVIDER,
                "disabled by AWS_EC2_METADATA_DISABLED",
            ));
        }
        let endpoint = match lookup("AWS_EC2_METADATA_SERVICE_ENDPOINT") {
            Some(endpoint) => endpoint,
            None => match lookup("AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE") {
                Some(mode) if mode.trim().eq_ignore_ascii_case("ipv6") => {
                    "http://[fd00:ec2::254]".to_owned()
                }
                _ => "http://169.254.169.254".to_owned(),
            },
        };
        let number = |name: &str, default: f64| -> Result<f64, CredentialsError> {
            match lookup(name) {
                None => Ok(default),
                Some(value) => value
                    .trim()
                    .parse::<f64>()
                    .ok()
                    .filter(|number| number.is_finite() && *number > 0.0)
                    .ok_or_else(|| {
                        CredentialsError::new(
                            PROVIDER,
                            format!("{name}={value:?} is not valid: expected a positive number"),
                        )
                    }),
            }
        };
        let mut session = Session {
            http,
            endpoint: endpoint.trim_end_matches('/').to_owned(),
            timeout: Duration::from_secs_f64(number("AWS_METADATA_SERVICE_TIMEOUT", 1.0)?),
            attempts: number("AWS_METADATA_SERVICE_NUM_ATTEMPTS", 1.0)? as u32,
            token: None,
        };
        session.attempts = session.attempts.max(1);
        match session.send(http::Method::PUT, TOKEN_PATH).await {
            Answer::Status(200, token) => session.token = Some(token),
            Answer::Status(400, _) => {
                return Err(CredentialsError::new(
                    PROVIDER,
                    format!(
                        "{} refused the token request as bad (400)",
                        session.endpoint
                    ),
                ));
            }
            Answer::Unreachable(message) => {
                return Err(CredentialsError::not_configured(
                    PROVIDER,
                    format!(
                        "no instance metadata service at {}: {message}",
                        session.endpoint
                    ),
                ));
            }
            // Refused (403, 404, 405), another status or no answer in time: IMDSv1, as
            // botocore falls back.
            Answer::Status(status, _) if flag("AWS_EC2_METADATA_V1_DISABLED") => {
                return Err(CredentialsError::new(
                    PROVIDER,
                    format!(
                        "the token request got {status} and AWS_EC2_METADATA_V1_DISABLED \
                         forbids asking without one"
                    ),
                ));
            }
            Answer::TimedOut if flag("AWS_EC2_METADATA_V1_DISABLED") => {
                return Err(CredentialsError::new(
                    PROVIDER,
                    "the token request timed out and AWS_EC2_METADATA_V1_DISABLED forbids \
                     asking without one",
                ));
            }
            Answer::Status(..) | Answer::TimedOut => {}
        }
        Ok(session)
    }

    /// A GET of `path`'s text; any status but 200 is an error naming it.
    async fn get(&self, path: &str) -> Result<String, CredentialsError> {
        match self.send(http::Method::GET, path).await {
            Answer::Status(200, text) => Ok(text),
            Answer::Status(404, _) if path == ROLE_PATH => Err(CredentialsError::not_configured(
                PROVIDER,
                "the instance has no IAM role (404 on the role listing)",
            )),
            Answer::Status(status, _) => Err(CredentialsError::new(
                PROVIDER,
                format!("GET {path} answered {status}"),
            )),
            Answer::TimedOut => Err(CredentialsError::new(
                PROVIDER,
                format!("GET {path} got no answer within {:?}", self.timeout),
            )),
            Answer::Unreachable(message) => Err(CredentialsError::new(
                PROVIDER,
                format!("GET {path} failed: {message}"),
            )),
        }
    }

    /// One request, tried up to `attempts` times while it times out, cannot connect or gets
    /// a 5xx.
    async fn send(&self, method: http::Method, path: &str) -> Answer {
        let mut answer = Answer::TimedOut;
        for _ in 0..self.attempts {
            let mut request = http::Request::new(Vec::new());
            *request.method_mut() = method.clone();
            match format!("{}{path}", self.endpoint).parse() {
                Ok(uri) => *request.uri_mut() = uri,
                Err(error) => {
                    return Answer::Unreachable(format!(
                        "the endpoint `{}` is not a valid URL: {error}",
                        self.endpoint
                    ));
                }
            }
            let headers = request.headers_mut();
            if method == http::Method::PUT {
                headers.insert(
                    TOKEN_TTL_HEADER,
                    http::HeaderValue::from_static(TOKEN_TTL_SECONDS),
                );
            }
            if let Some(token) = &self.token {
                match http::HeaderValue::from_str(token) {
                    Ok(mut value) => {
                        value.set_sensitive(true);
                        headers.insert(TOKEN_HEADER, value);
                    }
                    Err(_) => return Answer::Status(0, String::new()),
                }
            }
            headers.insert(
                http::header::USER_AGENT,
                http::HeaderValue::from_static(concat!(
                    "service-runtime/",
                    env!("CARGO_PKG_VERSION")
                )),
            );
            answer = match tokio::time::timeout(self.timeout, self.http.send(request)).await {
                Err(_) => Answer::TimedOut,
                Ok(Ok(response)) => Answer::Status(
                    response.status().as_u16(),
                    String::from_utf8_lossy(response.body()).into_owned(),
                ),
                Ok(Err(error)) => match error.kind() {
                    TransportErrorKind::Timeout => Answer::TimedOut,
                    _ => Answer::Unreachable(error.to_string()),
                },
            };
            match &answer {
                Answer::Status(status, _) if *status < 500 => break,
                _ => {}
            }
        }
        answer
    }
}

/// The role's credentials document: `Code`, `AccessKeyId`, `SecretAccessKey`, `Token`,
/// `Expiration` (and `AccountId` where IMDS gives it).
fn parse_credentials(role: &str, document: &str) -> Result<Credentials, CredentialsError> {
    let invalid = |what: &str| {
        CredentialsError::new(
            PROVIDER,
            format!("the credentials of role `{role}` are not usable: {what}"),
        )
    };
    let value: serde_json::Value =
        serde_json::from_str(document).map_err(|_| invalid("not a JSON object"))?;
    let field = |name: &str| value.get(name).and_then(serde_json::Value::as_str);
    if let Some(code) = field("Code").filter(|code| *code != "Success") {
        return Err(invalid(&format!("Code is {code:?}")));
    }
    let access_key_id = field("AccessKeyId").ok_or_else(|| invalid("no AccessKeyId"))?;
    let secret = field("SecretAccessKey").ok_or_else(|| invalid("no SecretAccessKey"))?;
    let mut credentials =
        Credentials::new(access_key_id, secret, field("Token").map(str::to_owned));
    if let Some(expiration) = field("Expiration") {
        let instant: jiff::Timestamp = expiration
            .parse()
            .map_err(|_| invalid(&format!("Expiration {expiration:?} is not a date-time")))?;
        credentials = credentials.with_expiry(system_time(instant));
    }
    if let Some(account_id) = field("AccountId") {
        credentials = credentials.with_account_id(account_id);
    }
    Ok(credentials)
}

fn system_time(instant: jiff::Timestamp) -> std::time::SystemTime {
    let since = Duration::new(
        instant.as_second().unsigned_abs(),
        instant.subsec_nanosecond().unsigned_abs(),
    );
    if instant.as_second() < 0 {
        std::time::UNIX_EPOCH - since
    } else {
        std::time::UNIX_EPOCH + since
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_credentials_document_becomes_credentials_with_their_expiry() {
        let credentials = parse_credentials(
            "role",
            r#"{"Code": "Success", "AccessKeyId": "ASIA1", "SecretAccessKey": "S",
                "Token": "T", "Expiration": "2030-01-01T00:00:00Z"}"#,
        )
        .unwrap();
        assert_eq!(credentials.access_key_id(), "ASIA1");
        assert_eq!(credentials.session_token(), Some("T"));
        let expiry: jiff::Timestamp = "2030-01-01T00:00:00Z".parse().unwrap();
        assert_eq!(credentials.expiry(), Some(system_time(expiry)));
    }

    #[test]
    fn a_failed_or_broken_document_is_an_error_without_secrets() {
        let error = parse_credentials(
            "role",
            r#"{"Code": "AssumeRoleUnauthorizedAccess", "SecretAccessKey": "HIDDEN"}"#,
        )
        .unwrap_err();
        assert_eq!(
            error.to_string(),
            "instance metadata (IMDS) credentials: the credentials of role `role` are not \
             usable: Code is \"AssumeRoleUnauthorizedAccess\""
        );
        let error = parse_credentials(
            "role",
            r#"{"AccessKeyId": "A", "SecretAccessKey": "HIDDEN", "Expiration": "soon"}"#,
        )
        .unwrap_err();
        assert!(error.message().contains("Expiration \"soon\""), "{error}");
        assert!(!error.to_string().contains("HIDDEN"));
    }
}
