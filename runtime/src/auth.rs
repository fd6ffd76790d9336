//! Auth: the schemes a model names, how one is chosen for a call, and bearer tokens with the
//! providers that find them.
//!
//! A call is sent with the first scheme of its operation's list (else the service's) that the
//! runtime supports, as botocore and smithy-rs choose: [`AuthScheme::NoAuth`] sends it unsigned
//! (no credentials are fetched), [`AuthScheme::SigV4`] and [`AuthScheme::SigV4a`] sign it with
//! the credentials, [`AuthScheme::Bearer`] sends `Authorization: Bearer <token>` with the token
//! of [`Config::token_provider`](crate::Config::token_provider). SigV4a is supported with the
//! `sigv4a` feature only; without it, a list's SigV4a is skipped (as botocore skips it without
//! `awscrt`).
//!
//! Two things can change the model's choice, as in botocore 1.44:
//!
//! - For a signed (SigV4 or SigV4a) choice, an endpoint whose rule set gives `authSchemes`
//!   decides: its first `sigv4` or `sigv4a` entry is used, with its `signingName`,
//!   `signingRegion` (or `signingRegionSet`) and `disableDoubleEncoding`.
//! - Services whose signing name is in botocore's list of bearer-token services (`bedrock`)
//!   and whose auth lists `smithy.api#httpBearerAuth` are sent with a bearer token when the
//!   service's environment variable (`AWS_BEARER_TOKEN_BEDROCK`) is set, unless the operation
//!   names its own auth.

use std::fmt;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::SystemTime;

use crate::BoxFuture;
use crate::credentials::CredentialsError;
use crate::profile::{Lookup, ProfileLocation, process_env};

/// An auth scheme, as a model names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum AuthScheme {
    /// `aws.auth#sigv4`: AWS Signature Version 4 with the credentials.
    SigV4,
    /// `aws.auth#sigv4a`: the asymmetric SigV4 (ECDSA P-256) for a set of regions
    /// (`x-amz-region-set`); needs the `sigv4a` feature.
    SigV4a,
    /// `smithy.api#httpBearerAuth`: `Authorization: Bearer <token>`.
    Bearer,
    /// `smithy.api#noAuth`: the request is sent unsigned.
    NoAuth,
}

impl AuthScheme {
    /// The Smithy id, e.g. `aws.auth#sigv4`.
    pub fn id(self) -> &'static str {
        match self {
            AuthScheme::SigV4 => "aws.auth#sigv4",
            AuthScheme::SigV4a => "aws.auth#sigv4a",
            AuthScheme::Bearer => "smithy.api#httpBearerAuth",
            AuthScheme::NoAuth => "smithy.api#noAuth",
        }
    }

    /// Whether this build of the runtime can send a request with the scheme.
    pub fn is_supported(self) -> bool {
        match self {
            AuthScheme::SigV4a => cfg!(feature = "sigv4a"),
            AuthScheme::SigV4 | AuthScheme::Bearer | AuthScheme::NoAuth => true,
        }
    }
}

/// What an operation's model says of its auth, where it differs from the service's. A
/// generated client puts it on the request as an extension; [`invoke`](crate::invoke) reads it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct OperationAuth {
    /// The operation's own schemes, most preferred first, which replace the service's
    /// ([`Service::auth`](crate::Service::auth)); `None` when it names none.
    pub schemes: Option<&'static [AuthScheme]>,
    /// The payload is not signed (`aws.auth#unsignedPayload`): over HTTPS, SigV4 signs
    /// `x-amz-content-sha256: UNSIGNED-PAYLOAD` instead of the body's hash (botocore signs the
    /// body over plain HTTP).
    pub unsigned_payload: bool,
    /// Auth is optional (`smithy.api#optionalAuth`): when the credentials provider fails, the
    /// call is sent unsigned rather than failing (smithy-rs tries `noAuth` last likewise).
    pub optional: bool,
}

/// The signing name and region a signed request uses, when the endpoint's `authSchemes` give
/// them; otherwise the service's signing name and the configured region.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Signing {
    pub(crate) scheme: AuthScheme,
    pub(crate) name: Option<String>,
    /// SigV4: the region; SigV4a: the region set, comma-separated.
    pub(crate) region: Option<String>,
    pub(crate) disable_double_encoding: bool,
}

/// How a call is sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Chosen {
    Unsigned,
    Bearer,
    Signed(Signing),
}

/// The signing names whose services botocore sends with a bearer token from the service's
/// environment variable (botocore's `get_bearer_auth_supported_services`).
const BEARER_ENV_SERVICES: &[&str] = &["bedrock"];

/// The environment variable of a service's bearer token: `AWS_BEARER_TOKEN_` and the signing
/// name in capitals with `-` and spaces as `_` (botocore's `_get_bearer_env_var_name`).
pub fn bearer_token_env_var(signing_name: &str) -> String {
    let name: String = signing_name
        .chars()
        .map(|c| match c {
            '-' | ' ' => '_',
            c => c.to_ascii_uppercase(),
        })
        .collect();
    format!("AWS_BEARER_TOKEN_{name}")
}

/// The scheme of the model: the first supported one of the operation's list, else of the
/// service's; an empty service list means SigV4. `Err` names the list when none is supported.
pub(crate) fn model_choice(
    service: &'static [AuthScheme],
    operation: Option<&'static [AuthScheme]>,
) -> Result<AuthScheme, String> {
    let options = match operation {
        Some(options) => options,
        None if service.is_empty() => &[AuthScheme::SigV4],
        None => service,
    };
    if options.is_empty() {
        return Ok(AuthScheme::NoAuth);
    }
    options
        .iter()
        .copied()
        .find(|scheme| scheme.is_supported())
        .ok_or_else(|| {
            let ids: Vec<&str> = options.iter().map(|scheme| scheme.id()).collect();
            format!(
                "the operation's auth schemes ({}) are not supported by this build of \
                 service-runtime (SigV4a needs its `sigv4a` feature)",
                ids.join(", ")
            )
        })
}

/// botocore's preference of a bearer token from the service's environment variable: the
/// service is a bearer-token service, lists bearer auth, and the operation names no auth of
/// its own.
pub(crate) fn prefers_env_bearer(
    signing_name: &str,
    service: &[AuthScheme],
    operation: Option<&[AuthScheme]>,
    lookup: &dyn Fn(&str) -> Option<String>,
) -> bool {
    operation.is_none()
        && BEARER_ENV_SERVICES.contains(&signing_name)
        && service.contains(&AuthScheme::Bearer)
        && lookup(&bearer_token_env_var(signing_name)).is_some_and(|token| !token.is_empty())
}

/// The signed scheme an endpoint's `authSchemes` property selects, with its signing name and
/// region: the first entry this build supports (botocore's rule). `Ok(None)` when the
/// endpoint has no such property.
pub(crate) fn endpoint_signing(
    properties: &std::collections::BTreeMap<String, serde_json::Value>,
) -> Result<Option<Signing>, String> {
    let Some(schemes) = properties.get("authSchemes") else {
        return Ok(None);
    };
    let Some(schemes) = schemes.as_array().filter(|list| !list.is_empty()) else {
        return Err("the endpoint's `authSchemes` is not a non-empty list".to_owned());
    };
    let mut names = Vec::new();
    for entry in schemes {
        let name = entry.get("name").and_then(|n| n.as_str()).unwrap_or("");
        names.push(name);
        let scheme = match name.rsplit('#').next().unwrap_or(name) {
            "sigv4" | "v4" => AuthScheme::SigV4,
            "sigv4a" | "v4a" => AuthScheme::SigV4a,
            _ => continue,
        };
        if !scheme.is_supported() {
            continue;
        }
        let text = |key: &str| entry.get(key).and_then(|v| v.as_str()).map(str::to_owned);
        let region = text("signingRegion").or_else(|| {
            let set: Vec<&str> = entry
                .get("signingRegionSet")?
                .as_array()?
                .iter()
                .filter_map(|v| v.as_str())
                .collect();
            (!set.is_empty()).then(|| set.join(","))
        });
        let disable_double_encoding = match entry.get("disableDoubleEncoding") {
            Some(serde_json::Value::Bool(value)) => *value,
            Some(serde_json::Value::String(value)) => value.eq_ignore_ascii_case("true"),
            _ => false,
        };
        return Ok(Some(Signing {
            scheme,
            name: text("signingName"),
            region,
            disable_double_encoding,
        }));
    }
    Err(format!(
        "none of the endpoint's auth schemes ({}) is supported by this build of service-runtime \
         (SigV4a needs its `sigv4a` feature)",
        names.join(", ")
    ))
}

/// A bearer token, with its expiry when known. `Debug` does not show the token.
#[derive(Clone, PartialEq, Eq)]
pub struct Token {
    token: String,
    expiry: Option<SystemTime>,
}

impl Token {
    /// A token with no known expiry.
    pub fn new(token: impl Into<String>) -> Self {
        Self {
            token: token.into(),
            expiry: None,
        }
    }

    /// The same token, expiring at `expiry`.
    #[must_use]
    pub fn with_expiry(mut self, expiry: SystemTime) -> Self {
        self.expiry = Some(expiry);
        self
    }

    /// The token itself.
    pub fn token(&self) -> &str {
        &self.token
    }

    /// When the token expires, when known.
    pub fn expiry(&self) -> Option<SystemTime> {
        self.expiry
    }
}

impl fmt::Debug for Token {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Token")
            .field("token", &"** redacted **")
            .field("expiry", &self.expiry)
            .finish()
    }
}

/// A source of bearer tokens, asked once per call of an operation sent with bearer auth.
/// Errors are [`CredentialsError`]s, naming the provider.
pub trait ProvideToken: Send + Sync + fmt::Debug + 'static {
    /// The token for the service whose signing name is `signing_name` (e.g. `bedrock`).
    fn provide_token<'a>(
        &'a self,
        signing_name: &'a str,
    ) -> BoxFuture<'a, Result<Token, CredentialsError>>;
}

/// A static token provides itself, for every service.
impl ProvideToken for Token {
    fn provide_token<'a>(
        &'a self,
        _signing_name: &'a str,
    ) -> BoxFuture<'a, Result<Token, CredentialsError>> {
        Box::pin(std::future::ready(Ok(self.clone())))
    }
}

impl<P: ProvideToken + ?Sized> ProvideToken for Arc<P> {
    fn provide_token<'a>(
        &'a self,
        signing_name: &'a str,
    ) -> BoxFuture<'a, Result<Token, CredentialsError>> {
        (**self).provide_token(signing_name)
    }
}

/// The tokens boto3 finds: the service's environment variable (`AWS_BEARER_TOKEN_<SIGNING
/// NAME>`, see [`bearer_token_env_var`]), else the SSO token cache of the profile's
/// `sso_session` (`~/.aws/sso/cache/<sha1 of the session name>.json`, its `accessToken`
/// while its `expiresAt` is in the future), as botocore's `SSOTokenProvider` reads it.
///
/// Expired tokens are not refreshed (botocore refreshes them with the SSO OIDC service):
/// run `aws sso login` again. The `[sso-session]` section itself is not read.
#[derive(Clone)]
pub struct DefaultTokenChain {
    lookup: Lookup,
    cache_dir: Option<PathBuf>,
}

impl DefaultTokenChain {
    /// Variables, profile files and the home folder of the process environment.
    pub fn new() -> Self {
        Self {
            lookup: process_env(),
            cache_dir: None,
        }
    }

    /// Variables read through `lookup` (for tests); the home folder is its `HOME`.
    pub fn with_lookup(lookup: impl Fn(&str) -> Option<String> + Send + Sync + 'static) -> Self {
        Self {
            lookup: Arc::new(move |name| lookup(name).filter(|value| !value.is_empty())),
            cache_dir: None,
        }
    }

    /// The same chain, reading SSO tokens from `dir` instead of `~/.aws/sso/cache`.
    #[must_use]
    pub fn with_sso_cache_dir(mut self, dir: impl Into<PathBuf>) -> Self {
        self.cache_dir = Some(dir.into());
        self
    }

    /// The token for the service whose signing name is `signing_name`.
    pub fn load(&self, signing_name: &str) -> Result<Token, CredentialsError> {
        if let Some(token) = (self.lookup)(&bearer_token_env_var(signing_name)) {
            return Ok(Token::new(token));
        }
        self.sso_token(SystemTime::now())
    }

    fn sso_token(&self, now: SystemTime) -> Result<Token, CredentialsError> {
        const PROVIDER: &str = "sso token";
        let location = ProfileLocation::from_env(&self.lookup);
        let profiles = location
            .load()
            .map_err(|error| CredentialsError::new(PROVIDER, error.to_string()))?;
        let name = &location.profile;
        let Some(session) = profiles
            .get(name)
            .and_then(|profile| profile.get("sso_session"))
            .filter(|session| !session.is_empty())
        else {
            return Err(CredentialsError::new(
                PROVIDER,
                format!(
                    "no bearer token: set {} or give profile `{name}` an sso_session ({})",
                    bearer_token_env_var("<signing name>"),
                    location.describe_files()
                ),
            ));
        };
        let dir = match &self.cache_dir {
            Some(dir) => dir.clone(),
            None => crate::profile::home_dir(&self.lookup)
                .ok_or_else(|| CredentialsError::new(PROVIDER, "no home folder"))?
                .join(".aws")
                .join("sso")
                .join("cache"),
        };
        let path = dir.join(format!("{}.json", sso_cache_key(session)));
        let text = std::fs::read_to_string(&path).map_err(|error| {
            CredentialsError::new(
                PROVIDER,
                format!(
                    "cannot read the SSO token of session `{session}` ({}): {error}; run \
                     `aws sso login`",
                    path.display()
                ),
            )
        })?;
        let bad =
            |what: &str| CredentialsError::new(PROVIDER, format!("{}: {what}", path.display()));
        let json: serde_json::Value = serde_json::from_str(&text).map_err(|_| bad("not JSON"))?;
        let token = json
            .get("accessToken")
            .and_then(|v| v.as_str())
            .ok_or_else(|| bad("no accessToken"))?;
        let expires_at = json
            .get("expiresAt")
            .and_then(|v| v.as_str())
            .ok_or_else(|| bad("no expiresAt"))?;
        let expiry: jiff::Timestamp = expires_at
            .parse()
            .map_err(|_| bad(&format!("expiresAt `{expires_at}` is not a timestamp")))?;
        let expiry = std::time::UNIX_EPOCH
            + std::time::Duration::from_secs(u64::try_from(expiry.as_second()).unwrap_or(0));
        if expiry <= now {
            return Err(CredentialsError::new(
                PROVIDER,
                format!(
                    "the SSO token of session `{session}` expired at {expires_at}; run `aws sso \
                     login` (service-runtime does not refresh SSO tokens)"
                ),
            ));
        }
        Ok(Token::new(token).with_expiry(expiry))
    }
}

/// The SSO cache's file name of a session: the SHA-1 of its name, in hex (botocore's
/// `SSOTokenLoader._generate_cache_key`).
fn sso_cache_key(session: &str) -> String {
    use sha1::Digest;
    let digest = sha1::Sha1::digest(session.as_bytes());
    digest.iter().map(|byte| format!("{byte:02x}")).collect()
}

impl Default for DefaultTokenChain {
    fn default() -> Self {
        Self::new()
    }
}

impl fmt::Debug for DefaultTokenChain {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DefaultTokenChain")
            .field("sso_cache_dir", &self.cache_dir)
            .finish()
    }
}

impl ProvideToken for DefaultTokenChain {
    fn provide_token<'a>(
        &'a self,
        signing_name: &'a str,
    ) -> BoxFuture<'a, Result<Token, CredentialsError>> {
        // An environment variable and a small local file: read inline.
        Box::pin(std::future::ready(self.load(signing_name)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::{BTreeMap, HashMap};
    use std::time::Duration;

    #[test]
    fn the_operations_list_wins_and_the_first_supported_scheme_is_chosen() {
        let service: &'static [AuthScheme] = &[AuthScheme::SigV4];
        assert_eq!(model_choice(service, None), Ok(AuthScheme::SigV4));
        assert_eq!(
            model_choice(service, Some(&[AuthScheme::NoAuth])),
            Ok(AuthScheme::NoAuth)
        );
        assert_eq!(model_choice(service, Some(&[])), Ok(AuthScheme::NoAuth));
        assert_eq!(model_choice(&[], None), Ok(AuthScheme::SigV4));
        assert_eq!(
            model_choice(&[AuthScheme::Bearer, AuthScheme::SigV4], None),
            Ok(AuthScheme::Bearer)
        );
        let with_sigv4a = model_choice(&[AuthScheme::SigV4a, AuthScheme::SigV4], None);
        if cfg!(feature = "sigv4a") {
            assert_eq!(with_sigv4a, Ok(AuthScheme::SigV4a));
        } else {
            assert_eq!(with_sigv4a, Ok(AuthScheme::SigV4));
            let error = model_choice(&[AuthScheme::SigV4a], None).unwrap_err();
            assert!(error.contains("aws.auth#sigv4a"), "{error}");
        }
    }

    #[test]
    fn bearer_env_var_names_follow_botocore() {
        assert_eq!(bearer_token_env_var("bedrock"), "AWS_BEARER_TOKEN_BEDROCK");
        assert_eq!(
            bearer_token_env_var("aws-marketplace place"),
            "AWS_BEARER_TOKEN_AWS_MARKETPLACE_PLACE"
        );
    }

    #[test]
    fn an_env_bearer_token_is_preferred_only_for_bedrock_services_listing_bearer() {
        let set = |name: &str| (name == "AWS_BEARER_TOKEN_BEDROCK").then(|| "tok".to_owned());
        let unset = |_: &str| None;
        let both = &[AuthScheme::SigV4, AuthScheme::Bearer];
        assert!(prefers_env_bearer("bedrock", both, None, &set));
        assert!(!prefers_env_bearer("bedrock", both, None, &unset));
        assert!(!prefers_env_bearer(
            "bedrock",
            &[AuthScheme::SigV4],
            None,
            &set
        ));
        assert!(!prefers_env_bearer(
            "bedrock",
            both,
            Some(&[AuthScheme::SigV4]),
            &set
        ));
        let other = |name: &str| (name == "AWS_BEARER_TOKEN_CODECATALYST").then(String::new);
        assert!(!prefers_env_bearer("codecatalyst", both, None, &other));
    }

    fn properties(value: serde_json::Value) -> BTreeMap<String, serde_json::Value> {
        BTreeMap::from([("authSchemes".to_owned(), value)])
    }

    #[test]
    fn endpoint_auth_schemes_give_the_signing_name_and_region() {
        assert_eq!(endpoint_signing(&BTreeMap::new()), Ok(None));
        let signing = endpoint_signing(&properties(serde_json::json!([
            {"name": "sigv4", "signingName": "execute-api", "signingRegion": "eu-west-3",
             "disableDoubleEncoding": true}
        ])))
        .unwrap()
        .unwrap();
        assert_eq!(
            signing,
            Signing {
                scheme: AuthScheme::SigV4,
                name: Some("execute-api".to_owned()),
                region: Some("eu-west-3".to_owned()),
                disable_double_encoding: true,
            }
        );
        let both = properties(serde_json::json!([
            {"name": "sigv4a", "signingName": "events", "signingRegionSet": ["*"]},
            {"name": "sigv4", "signingName": "events", "signingRegion": "us-east-1"}
        ]));
        let chosen = endpoint_signing(&both).unwrap().unwrap();
        if cfg!(feature = "sigv4a") {
            assert_eq!(chosen.scheme, AuthScheme::SigV4a);
            assert_eq!(chosen.region.as_deref(), Some("*"));
        } else {
            assert_eq!(chosen.scheme, AuthScheme::SigV4);
            assert_eq!(chosen.region.as_deref(), Some("us-east-1"));
        }
        let error =
            endpoint_signing(&properties(serde_json::json!([{"name": "sigv5"}]))).unwrap_err();
        assert!(error.contains("sigv5"), "{error}");
    }

    #[test]
    fn sso_cache_keys_are_the_sha1_of_the_session_name() {
        // botocore: hashlib.sha1(b"my-sso").hexdigest()
        assert_eq!(
            sso_cache_key("my-sso"),
            "0ad374308c5a4e22f723adf10145eafad7c4031c"
        );
    }

    fn chain(home: &std::path::Path, extra: &[(&str, &str)]) -> DefaultTokenChain {
        let mut vars: HashMap<String, String> = extra
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
        vars.insert("HOME".to_owned(), home.display().to_string());
        DefaultTokenChain::with_lookup(move |name| vars.get(name).cloned())
    }

    #[test]
    fn the_chain_reads_the_env_token_then_the_sso_cache() {
        let home = std::env::temp_dir().join(format!("sr-token-{}", crate::idempotency_token()));
        let cache = home.join(".aws/sso/cache");
        std::fs::create_dir_all(&cache).unwrap();
        std::fs::write(
            home.join(".aws/config"),
            "[default]\nsso_session = my-sso\n[sso-session my-sso]\nsso_region = us-east-1\n",
        )
        .unwrap();
        let file = cache.join(format!("{}.json", sso_cache_key("my-sso")));
        std::fs::write(
            &file,
            r#"{"accessToken": "sso-token", "expiresAt": "2999-01-01T00:00:00Z"}"#,
        )
        .unwrap();

        let from_env = chain(&home, &[("AWS_BEARER_TOKEN_BEDROCK", "env-token")]);
        assert_eq!(from_env.load("bedrock").unwrap().token(), "env-token");
        // Another service's variable is not this service's token.
        assert_eq!(from_env.load("codecatalyst").unwrap().token(), "sso-token");

        let sso = chain(&home, &[]);
        let token = sso.load("codecatalyst").unwrap();
        assert_eq!(token.token(), "sso-token");
        assert!(token.expiry().unwrap() > SystemTime::now() + Duration::from_secs(3600));
        assert!(!format!("{token:?}").contains("sso-token"));

        std::fs::write(
            &file,
            r#"{"accessToken": "old", "expiresAt": "2020-01-01T00:00:00Z"}"#,
        )
        .unwrap();
        let error = sso.load("codecatalyst").unwrap_err();
        assert!(error.message().contains("expired"), "{error}");

        std::fs::write(home.join(".aws/config"), "[default]\nregion = us-east-1\n").unwrap();
        let error = sso.load("codecatalyst").unwrap_err();
        assert!(error.message().contains("sso_session"), "{error}");
        std::fs::remove_dir_all(&home).unwrap();
    }
}
