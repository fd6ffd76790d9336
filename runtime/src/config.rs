//! Client configuration: region, endpoint, credentials, transport, timeouts and retries.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use crate::auth::{DefaultTokenChain, ProvideToken, Token};
use crate::credentials::{Credentials, DefaultCredentialsChain, ProvideCredentials};
use crate::profile::{Lookup, ProfileLocation, Properties, process_env};
use crate::retry::RetryConfig;
use crate::transport::HttpClient;

/// The connect timeout when none is set, as in the AWS SDKs.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_millis(3100);

/// The configuration of a client. Cheap to clone (one `Arc`); `Debug` shows no secret.
#[derive(Clone)]
pub struct Config {
    inner: Arc<Inner>,
}

#[derive(Clone)]
struct Inner {
    region: Option<String>,
    endpoint_url: Option<String>,
    configured_endpoints: Option<Arc<ConfiguredEndpoints>>,
    use_fips: bool,
    use_dual_stack: bool,
    account_id_endpoint_mode: AccountIdEndpointMode,
    credentials_provider: Arc<dyn ProvideCredentials>,
    token_provider: Arc<dyn ProvideToken>,
    /// The environment the configuration was read from (the process's unless
    /// [`Config::from_lookup`]): botocore's choice of a service's bearer token reads it.
    env: Lookup,
    http_client: Option<Arc<dyn HttpClient>>,
    #[cfg(feature = "blocking")]
    blocking_http_client: Option<Arc<dyn crate::blocking::BlockingHttpClient>>,
    ca_bundle: Option<std::path::PathBuf>,
    connect_timeout: Duration,
    operation_timeout: Option<Duration>,
    attempt_timeout: Option<Duration>,
    retry_config: RetryConfig,
    /// The standard mode's retry quota, shared by every call with this configuration.
    retry_quota: Arc<crate::retry::RetryQuota>,
    /// The adaptive mode's rate limiter, shared likewise.
    rate_limiter: Arc<crate::retry::AdaptiveRateLimiter>,
    validate_input: bool,
}

impl fmt::Debug for Config {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let inner = &self.inner;
        f.debug_struct("Config")
            .field("region", &inner.region)
            .field("endpoint_url", &inner.endpoint_url)
            .field("use_fips", &inner.use_fips)
            .field("use_dual_stack", &inner.use_dual_stack)
            .field("account_id_endpoint_mode", &inner.account_id_endpoint_mode)
            // Providers' Debug never shows secrets (`Credentials` redacts them).
            .field("credentials_provider", &inner.credentials_provider)
            .field("token_provider", &inner.token_provider)
            .field("http_client", &inner.http_client)
            .field("ca_bundle", &inner.ca_bundle)
            .field("connect_timeout", &inner.connect_timeout)
            .field("operation_timeout", &inner.operation_timeout)
            .field("attempt_timeout", &inner.attempt_timeout)
            .field("retry_config", &inner.retry_config)
            .field("validate_input", &inner.validate_input)
            .finish()
    }
}

impl Config {
    pub fn builder() -> ConfigBuilder {
        ConfigBuilder::default()
    }

    /// The configuration the environment and the shared profile files describe.
    ///
    /// | setting | environment variable | profile property |
    /// |---|---|---|
    /// | region | `AWS_REGION`, `AWS_DEFAULT_REGION` | `region` |
    /// | endpoint URL | `AWS_ENDPOINT_URL_<SDK ID>`, `AWS_ENDPOINT_URL` | `services`, `endpoint_url` (see [`Config::endpoint_url_for`]) |
    /// | ignore those | `AWS_IGNORE_CONFIGURED_ENDPOINT_URLS` | `ignore_configured_endpoint_urls` |
    /// | CA bundle | `AWS_CA_BUNDLE` | `ca_bundle` |
    /// | FIPS | `AWS_USE_FIPS_ENDPOINT` | `use_fips_endpoint` |
    /// | dual-stack | `AWS_USE_DUALSTACK_ENDPOINT` | `use_dualstack_endpoint` |
    /// | account-id endpoints | `AWS_ACCOUNT_ID_ENDPOINT_MODE` | `account_id_endpoint_mode` |
    /// | retry mode | `AWS_RETRY_MODE` | `retry_mode` (`standard`, `adaptive`, `legacy`) |
    /// | max attempts | `AWS_MAX_ATTEMPTS` | `max_attempts` |
    ///
    /// Environment variables win over the profile (`AWS_PROFILE`, default `default`).
    /// Credentials come from the [`FullCredentialsChain`](crate::FullCredentialsChain) with the
    /// `aws-config` feature (a generated crate's `client`), else from a
    /// [`DefaultCredentialsChain`] (environment and static profile keys); bearer tokens from a
    /// [`DefaultTokenChain`]. An unparsable value, an unreadable
    /// or malformed profile file, or a profile named by `AWS_PROFILE` that does not exist is
    /// an error naming the variable or file and the value.
    pub fn from_env() -> Result<Config, ConfigError> {
        Ok(Self::builder_from_env()?.with_default_chain().build())
    }

    /// [`Config::from_env`], and on EC2 the instance's region when neither the environment
    /// nor the profile names one (with the `aws-config` feature; without it, the same as
    /// `from_env`).
    pub async fn load() -> Result<Config, ConfigError> {
        #[cfg_attr(not(feature = "aws-config"), allow(unused_mut))]
        let mut builder = Self::builder_from_env()?;
        #[cfg(feature = "aws-config")]
        if builder.region.is_none() {
            let imds = crate::imds::ImdsCredentials::new(builder.chain_transport());
            builder.region = imds.region().await;
        }
        Ok(builder.with_default_chain().build())
    }

    /// What the environment and the profile configure, with the small credentials chain and
    /// the default bearer-token chain.
    fn builder_from_env() -> Result<ConfigBuilder, ConfigError> {
        Ok(
            Self::builder_from_lookup(process_env(), DefaultCredentialsChain::new())?
                .token_provider(DefaultTokenChain::new()),
        )
    }

    /// [`Config::from_env`] reading variables through `lookup` instead of the process
    /// environment (for tests); the default credentials chain reads through it too.
    pub fn from_lookup(
        lookup: impl Fn(&str) -> Option<String> + Send + Sync + 'static,
    ) -> Result<Config, ConfigError> {
        let lookup: Lookup = Arc::new(move |name| lookup(name).filter(|value| !value.is_empty()));
        let for_chain = lookup.clone();
        let chain = DefaultCredentialsChain::with_lookup(move |name| for_chain(name));
        let for_tokens = lookup.clone();
        let tokens = DefaultTokenChain::with_lookup(move |name| for_tokens(name));
        let env = lookup.clone();
        Self::builder_from_lookup(lookup, chain)
            .map(|builder| builder.token_provider(tokens).env(env))
            .map(ConfigBuilder::build)
    }

    fn builder_from_lookup(
        lookup: Lookup,
        chain: DefaultCredentialsChain,
    ) -> Result<ConfigBuilder, ConfigError> {
        let location = ProfileLocation::from_env(&lookup);
        let profiles = location.load().map_err(|error| ConfigError {
            message: format!("cannot load the shared config files: {error}"),
        })?;
        let profile = match profiles.get(&location.profile) {
            Some(profile) => profile.clone(),
            None if location.explicit_profile => {
                return Err(ConfigError {
                    message: format!(
                        "AWS_PROFILE={:?}: no such profile in {}",
                        location.profile,
                        location.describe_files()
                    ),
                });
            }
            None => Properties::new(),
        };
        let setting = |variables: &[&str], property: &str| -> Option<(String, String)> {
            variables
                .iter()
                .find_map(|name| lookup(name).map(|value| (name.to_string(), value)))
                .or_else(|| {
                    profile.get(property).map(|value| {
                        (
                            format!("`{property}` of profile `{}`", location.profile),
                            value.clone(),
                        )
                    })
                })
        };
        let mut builder = Config::builder().credentials_provider(chain);
        builder.region = setting(&["AWS_REGION", "AWS_DEFAULT_REGION"], "region").map(|(_, v)| v);
        let ignore = match setting(
            &["AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"],
            "ignore_configured_endpoint_urls",
        ) {
            Some((source, value)) => parse_bool(&source, &value)?,
            None => false,
        };
        if !ignore {
            let services = match profile.get("services") {
                None => None,
                Some(section) if profiles.has_services(section) => {
                    Some((section.clone(), Arc::new(profiles.clone())))
                }
                Some(section) => {
                    return Err(ConfigError {
                        message: format!(
                            "profile `{}` names the services section `{section}`, which {} \
                             does not have",
                            location.profile,
                            location.describe_files()
                        ),
                    });
                }
            };
            builder.configured_endpoints = Some(Arc::new(ConfiguredEndpoints {
                lookup: lookup.clone(),
                environment: lookup("AWS_ENDPOINT_URL"),
                profile: profile.get("endpoint_url").cloned(),
                services,
            }));
        }
        builder.ca_bundle = setting(&["AWS_CA_BUNDLE"], "ca_bundle").map(|(_, v)| v.into());
        if let Some((source, value)) = setting(&["AWS_USE_FIPS_ENDPOINT"], "use_fips_endpoint") {
            builder.use_fips = Some(parse_bool(&source, &value)?);
        }
        if let Some((source, value)) =
            setting(&["AWS_USE_DUALSTACK_ENDPOINT"], "use_dualstack_endpoint")
        {
            builder.use_dual_stack = Some(parse_bool(&source, &value)?);
        }
        if let Some((source, value)) = setting(
            &["AWS_ACCOUNT_ID_ENDPOINT_MODE"],
            "account_id_endpoint_mode",
        ) {
            let mode = AccountIdEndpointMode::parse(&value).ok_or_else(|| ConfigError {
                message: format!(
                    "{source}={value:?} is not valid: expected `preferred`, `disabled` or \
                     `required`"
                ),
            })?;
            builder.account_id_endpoint_mode = Some(mode);
        }
        if let Some((source, value)) = setting(&["AWS_RETRY_MODE"], "retry_mode") {
            let mode = crate::retry::RetryMode::parse(&value).ok_or_else(|| ConfigError {
                message: format!(
                    "{source}={value:?} is not valid: expected `standard`, `adaptive` or \
                     `legacy`"
                ),
            })?;
            builder = builder.retry_config(RetryConfig::of_mode(mode));
        }
        if let Some((source, value)) = setting(&["AWS_MAX_ATTEMPTS"], "max_attempts") {
            let attempts = value
                .trim()
                .parse::<u32>()
                .ok()
                .filter(|attempts| *attempts >= 1)
                .ok_or_else(|| ConfigError {
                    message: format!(
                        "{source}={value:?} is not valid: expected a whole number from 1"
                    ),
                })?;
            builder = builder.max_attempts(attempts);
        }
        Ok(builder)
    }

    /// The region, required to sign requests.
    pub fn region(&self) -> Option<&str> {
        self.inner.region.as_deref()
    }

    /// An endpoint URL that replaces the resolved one for every service: the builder's, else
    /// `AWS_ENDPOINT_URL`, else the profile's `endpoint_url`.
    pub fn endpoint_url(&self) -> Option<&str> {
        self.inner.endpoint_url.as_deref().or_else(|| {
            let configured = self.inner.configured_endpoints.as_deref()?;
            configured
                .environment
                .as_deref()
                .or(configured.profile.as_deref())
        })
    }

    /// The endpoint URL of the service whose SDK id is `sdk_id` (`DynamoDB`, `Inspector2`),
    /// in botocore's order: the builder's [`endpoint_url`](ConfigBuilder::endpoint_url), then
    /// `AWS_ENDPOINT_URL_<ID>` (the id upper-cased, spaces and `-` as `_`), `AWS_ENDPOINT_URL`,
    /// the `endpoint_url` of the service's key (the id lower-cased) in the `[services name]`
    /// section the profile's `services` names, and the profile's own `endpoint_url`.
    pub fn endpoint_url_for(&self, sdk_id: &str) -> Option<String> {
        if let Some(url) = &self.inner.endpoint_url {
            return Some(url.clone());
        }
        let configured = self.inner.configured_endpoints.as_deref()?;
        let key: String = sdk_id
            .chars()
            .map(|c| if c == ' ' || c == '-' { '_' } else { c })
            .collect();
        (configured.lookup)(&format!("AWS_ENDPOINT_URL_{}", key.to_ascii_uppercase()))
            .or_else(|| configured.environment.clone())
            .or_else(|| {
                let (section, profiles) = configured.services.as_ref()?;
                profiles.service_property(section, &key.to_ascii_lowercase(), "endpoint_url")
            })
            .or_else(|| configured.profile.clone())
    }

    pub fn use_fips(&self) -> bool {
        self.inner.use_fips
    }

    pub fn use_dual_stack(&self) -> bool {
        self.inner.use_dual_stack
    }

    /// Whether endpoints may be chosen by the account id of the credentials (default
    /// [`AccountIdEndpointMode::Preferred`]); only services whose endpoint rule set uses the
    /// account id (e.g. DynamoDB) look at it.
    pub fn account_id_endpoint_mode(&self) -> AccountIdEndpointMode {
        self.inner.account_id_endpoint_mode
    }

    /// Whether the client validates inputs against the model's constraints before sending
    /// (default true).
    pub fn validate_input(&self) -> bool {
        self.inner.validate_input
    }

    pub fn retry_config(&self) -> &RetryConfig {
        &self.inner.retry_config
    }

    pub(crate) fn retry_quota(&self) -> &crate::retry::RetryQuota {
        &self.inner.retry_quota
    }

    pub(crate) fn rate_limiter(&self) -> &crate::retry::AdaptiveRateLimiter {
        &self.inner.rate_limiter
    }

    pub fn credentials_provider(&self) -> &dyn ProvideCredentials {
        &*self.inner.credentials_provider
    }

    /// The bearer token provider, for operations sent with bearer auth.
    pub fn token_provider(&self) -> &dyn ProvideToken {
        &*self.inner.token_provider
    }

    /// A variable of the environment the configuration reads.
    pub(crate) fn env_var(&self, name: &str) -> Option<String> {
        (self.inner.env)(name)
    }

    /// The transport; `None` only without the `reqwest` feature and without one set.
    pub fn http_client(&self) -> Option<&dyn HttpClient> {
        self.inner.http_client.as_deref()
    }

    /// The blocking client's transport (default: a [`crate::blocking::UreqClient`]).
    #[cfg(feature = "blocking")]
    pub fn blocking_http_client(&self) -> Option<&dyn crate::blocking::BlockingHttpClient> {
        self.inner.blocking_http_client.as_deref()
    }

    /// A PEM file of certificates the default transport trusts besides the platform's.
    pub fn ca_bundle(&self) -> Option<&std::path::Path> {
        self.inner.ca_bundle.as_deref()
    }

    /// The connect timeout given to the default transport (default 3.1 s).
    pub fn connect_timeout(&self) -> Duration {
        self.inner.connect_timeout
    }

    /// The limit on a whole call, retries and backoff included.
    pub fn operation_timeout(&self) -> Option<Duration> {
        self.inner.operation_timeout
    }

    /// The limit on each attempt.
    pub fn attempt_timeout(&self) -> Option<Duration> {
        self.inner.attempt_timeout
    }

    /// A builder holding this configuration, to derive a changed copy.
    pub fn to_builder(&self) -> ConfigBuilder {
        let inner = &self.inner;
        ConfigBuilder {
            region: inner.region.clone(),
            endpoint_url: inner.endpoint_url.clone(),
            configured_endpoints: inner.configured_endpoints.clone(),
            use_fips: Some(inner.use_fips),
            use_dual_stack: Some(inner.use_dual_stack),
            account_id_endpoint_mode: Some(inner.account_id_endpoint_mode),
            credentials_provider: Some(inner.credentials_provider.clone()),
            token_provider: Some(inner.token_provider.clone()),
            env: Some(inner.env.clone()),
            http_client: inner.http_client.clone(),
            #[cfg(feature = "blocking")]
            blocking_http_client: inner.blocking_http_client.clone(),
            ca_bundle: inner.ca_bundle.clone(),
            connect_timeout: Some(inner.connect_timeout),
            operation_timeout: inner.operation_timeout,
            attempt_timeout: inner.attempt_timeout,
            retry_config: Some(inner.retry_config.clone()),
            validate_input: Some(inner.validate_input),
        }
    }
}

/// The endpoint URLs the environment and the profile configure, looked up per service.
struct ConfiguredEndpoints {
    lookup: Lookup,
    /// `AWS_ENDPOINT_URL`.
    environment: Option<String>,
    /// The profile's `endpoint_url`.
    profile: Option<String>,
    /// The `[services name]` section the profile names, and the files' contents.
    services: Option<(String, Arc<crate::profile::ProfileSet>)>,
}

/// Whether a service's endpoint may be chosen by the account id of the credentials (the
/// rule-set built-in `AWS::Auth::AccountIdEndpointMode`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum AccountIdEndpointMode {
    /// Use an account-based endpoint when the credentials name their account.
    #[default]
    Preferred,
    /// Never use an account-based endpoint.
    Disabled,
    /// Always use an account-based endpoint: a call whose credentials name no account fails.
    Required,
}

impl AccountIdEndpointMode {
    /// The value as the rule set and the configuration name it: `preferred`, `disabled` or
    /// `required`.
    pub fn as_str(self) -> &'static str {
        match self {
            AccountIdEndpointMode::Preferred => "preferred",
            AccountIdEndpointMode::Disabled => "disabled",
            AccountIdEndpointMode::Required => "required",
        }
    }

    /// The mode named `value` (ASCII case and surrounding spaces ignored).
    pub fn parse(value: &str) -> Option<Self> {
        match value.trim().to_ascii_lowercase().as_str() {
            "preferred" => Some(AccountIdEndpointMode::Preferred),
            "disabled" => Some(AccountIdEndpointMode::Disabled),
            "required" => Some(AccountIdEndpointMode::Required),
            _ => None,
        }
    }
}

impl fmt::Display for AccountIdEndpointMode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

fn parse_bool(source: &str, value: &str) -> Result<bool, ConfigError> {
    match value.trim().to_ascii_lowercase().as_str() {
        "true" => Ok(true),
        "false" => Ok(false),
        _ => Err(ConfigError {
            message: format!("{source}={value:?} is not valid: expected `true` or `false`"),
        }),
    }
}

/// Builds a [`Config`]; every setting is optional.
#[derive(Clone, Default)]
pub struct ConfigBuilder {
    region: Option<String>,
    endpoint_url: Option<String>,
    configured_endpoints: Option<Arc<ConfiguredEndpoints>>,
    use_fips: Option<bool>,
    use_dual_stack: Option<bool>,
    account_id_endpoint_mode: Option<AccountIdEndpointMode>,
    credentials_provider: Option<Arc<dyn ProvideCredentials>>,
    token_provider: Option<Arc<dyn ProvideToken>>,
    env: Option<Lookup>,
    http_client: Option<Arc<dyn HttpClient>>,
    #[cfg(feature = "blocking")]
    blocking_http_client: Option<Arc<dyn crate::blocking::BlockingHttpClient>>,
    ca_bundle: Option<std::path::PathBuf>,
    connect_timeout: Option<Duration>,
    operation_timeout: Option<Duration>,
    attempt_timeout: Option<Duration>,
    retry_config: Option<RetryConfig>,
    validate_input: Option<bool>,
}

impl fmt::Debug for ConfigBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ConfigBuilder")
            .field("region", &self.region)
            .field("endpoint_url", &self.endpoint_url)
            .field("use_fips", &self.use_fips)
            .field("use_dual_stack", &self.use_dual_stack)
            .field("account_id_endpoint_mode", &self.account_id_endpoint_mode)
            .field("credentials_provider", &self.credentials_provider)
            .field("token_provider", &self.token_provider)
            .field("http_client", &self.http_client)
            .field("ca_bundle", &self.ca_bundle)
            .field("connect_timeout", &self.connect_timeout)
            .field("operation_timeout", &self.operation_timeout)
            .field("attempt_timeout", &self.attempt_timeout)
            .field("retry_config", &self.retry_config)
            .field("validate_input", &self.validate_input)
            .finish()
    }
}

impl ConfigBuilder {
    /// With the `aws-config` feature, credentials from the
    /// [`FullCredentialsChain`](crate::FullCredentialsChain), in the builder's region and
    /// trusting its CA bundle; without it, the builder as it is.
    fn with_default_chain(self) -> Self {
        #[cfg(feature = "aws-config")]
        {
            let chain = crate::chain::FullCredentialsChain::new(
                self.chain_transport(),
                self.region.clone(),
            );
            self.credentials_provider(chain)
        }
        #[cfg(not(feature = "aws-config"))]
        self
    }

    /// The transport of the credentials chain and of IMDS: the default one, trusting the
    /// builder's CA bundle.
    #[cfg(feature = "aws-config")]
    fn chain_transport(&self) -> crate::transport::ReqwestClient {
        crate::transport::ReqwestClient::with_ca_bundle(
            Some(DEFAULT_CONNECT_TIMEOUT),
            self.ca_bundle.as_deref(),
        )
    }

    pub fn region(mut self, region: impl Into<String>) -> Self {
        self.region = Some(region.into());
        self
    }

    /// Sends every request to this URL instead of the resolved endpoint.
    pub fn endpoint_url(mut self, url: impl Into<String>) -> Self {
        self.endpoint_url = Some(url.into());
        self
    }

    pub fn use_fips(mut self, use_fips: bool) -> Self {
        self.use_fips = Some(use_fips);
        self
    }

    pub fn use_dual_stack(mut self, use_dual_stack: bool) -> Self {
        self.use_dual_stack = Some(use_dual_stack);
        self
    }

    /// Whether endpoints may be chosen by the credentials' account id (default
    /// [`AccountIdEndpointMode::Preferred`]).
    pub fn account_id_endpoint_mode(mut self, mode: AccountIdEndpointMode) -> Self {
        self.account_id_endpoint_mode = Some(mode);
        self
    }

    /// Where credentials come from (default: [`DefaultCredentialsChain`]).
    pub fn credentials_provider(mut self, provider: impl ProvideCredentials) -> Self {
        self.credentials_provider = Some(Arc::new(provider));
        self
    }

    /// Static credentials.
    pub fn credentials(self, credentials: Credentials) -> Self {
        self.credentials_provider(credentials)
    }

    /// Where bearer tokens come from, for operations sent with bearer auth (default:
    /// [`DefaultTokenChain`]).
    pub fn token_provider(mut self, provider: impl ProvideToken) -> Self {
        self.token_provider = Some(Arc::new(provider));
        self
    }

    /// A static bearer token.
    pub fn token(self, token: Token) -> Self {
        self.token_provider(token)
    }

    fn env(mut self, env: Lookup) -> Self {
        self.env = Some(env);
        self
    }

    /// The transport (default with the `reqwest` feature: a [`crate::ReqwestClient`]).
    pub fn http_client(mut self, client: impl HttpClient) -> Self {
        self.http_client = Some(Arc::new(client));
        self
    }

    /// The blocking client's transport (default: a [`crate::blocking::UreqClient`]).
    #[cfg(feature = "blocking")]
    pub fn blocking_http_client(
        mut self,
        client: impl crate::blocking::BlockingHttpClient,
    ) -> Self {
        self.blocking_http_client = Some(Arc::new(client));
        self
    }

    /// Trust the certificates of this PEM file besides the platform's (the default
    /// transport; `AWS_CA_BUNDLE`, profile `ca_bundle`).
    pub fn ca_bundle(mut self, path: impl Into<std::path::PathBuf>) -> Self {
        self.ca_bundle = Some(path.into());
        self
    }

    /// The connect timeout of the default transport (default 3.1 s); a transport set with
    /// [`ConfigBuilder::http_client`] keeps its own.
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = Some(timeout);
        self
    }

    /// A limit on a whole call, retries and backoff included.
    pub fn operation_timeout(mut self, timeout: Duration) -> Self {
        self.operation_timeout = Some(timeout);
        self
    }

    /// A limit on each attempt; an attempt that runs out is retried.
    pub fn attempt_timeout(mut self, timeout: Duration) -> Self {
        self.attempt_timeout = Some(timeout);
        self
    }

    pub fn retry_config(mut self, retry_config: RetryConfig) -> Self {
        self.retry_config = Some(retry_config);
        self
    }

    /// Sets the attempts of the retry configuration (the first included).
    pub fn max_attempts(mut self, max_attempts: u32) -> Self {
        let retry = self.retry_config.take().unwrap_or_default();
        self.retry_config = Some(retry.with_max_attempts(max_attempts));
        self
    }

    /// Whether to validate inputs before sending (default true).
    pub fn validate_input(mut self, validate_input: bool) -> Self {
        self.validate_input = Some(validate_input);
        self
    }

    pub fn build(self) -> Config {
        let connect_timeout = self.connect_timeout.unwrap_or(DEFAULT_CONNECT_TIMEOUT);
        let http_client = self
            .http_client
            .or_else(|| default_http_client(connect_timeout, self.ca_bundle.as_deref()));
        #[cfg(feature = "blocking")]
        let blocking_http_client = self.blocking_http_client.or_else(|| {
            let client =
                crate::blocking::UreqClient::new(Some(connect_timeout), self.ca_bundle.as_deref());
            Some(Arc::new(client) as Arc<dyn crate::blocking::BlockingHttpClient>)
        });
        Config {
            inner: Arc::new(Inner {
                region: self.region,
                endpoint_url: self.endpoint_url,
                configured_endpoints: self.configured_endpoints,
                use_fips: self.use_fips.unwrap_or(false),
                use_dual_stack: self.use_dual_stack.unwrap_or(false),
                account_id_endpoint_mode: self.account_id_endpoint_mode.unwrap_or_default(),
                credentials_provider: self
                    .credentials_provider
                    .unwrap_or_else(|| Arc::new(DefaultCredentialsChain::new())),
                token_provider: self
                    .token_provider
                    .unwrap_or_else(|| Arc::new(DefaultTokenChain::new())),
                env: self.env.unwrap_or_else(process_env),
                http_client,
                #[cfg(feature = "blocking")]
                blocking_http_client,
                ca_bundle: self.ca_bundle,
                connect_timeout,
                operation_timeout: self.operation_timeout,
                attempt_timeout: self.attempt_timeout,
                retry_config: self.retry_config.unwrap_or_default(),
                retry_quota: Arc::new(crate::retry::RetryQuota::new()),
                rate_limiter: Arc::new(crate::retry::AdaptiveRateLimiter::default()),
                validate_input: self.validate_input.unwrap_or(true),
            }),
        }
    }
}

#[cfg(feature = "reqwest")]
fn default_http_client(
    connect_timeout: Duration,
    ca_bundle: Option<&std::path::Path>,
) -> Option<Arc<dyn HttpClient>> {
    Some(Arc::new(crate::transport::ReqwestClient::with_ca_bundle(
        Some(connect_timeout),
        ca_bundle,
    )))
}

#[cfg(not(feature = "reqwest"))]
fn default_http_client(
    _connect_timeout: Duration,
    _ca_bundle: Option<&std::path::Path>,
) -> Option<Arc<dyn HttpClient>> {
    None
}

/// A setting of the environment or the profile files that cannot be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    message: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for ConfigError {}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;
    use std::path::PathBuf;

    fn lookup(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> + Send + Sync + 'static {
        let mut map: HashMap<String, String> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        // Never read the real home directory's files.
        map.entry("AWS_CONFIG_FILE".into())
            .or_insert_with(|| "/nonexistent/service-runtime/config".into());
        map.entry("AWS_SHARED_CREDENTIALS_FILE".into())
            .or_insert_with(|| "/nonexistent/service-runtime/credentials".into());
        move |name| map.get(name).cloned()
    }

    fn temp_file(name: &str, text: &str) -> PathBuf {
        let dir = std::env::temp_dir()
            .join("service-runtime-unit")
            .join(format!("config-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join(name);
        std::fs::write(&path, text).unwrap();
        path
    }

    #[test]
    fn builder_defaults() {
        let config = Config::builder().build();
        assert_eq!(config.region(), None);
        assert_eq!(config.endpoint_url(), None);
        assert!(!config.use_fips() && !config.use_dual_stack());
        assert!(config.validate_input());
        assert_eq!(config.retry_config(), &RetryConfig::standard());
        assert_eq!(config.connect_timeout(), DEFAULT_CONNECT_TIMEOUT);
        assert_eq!(config.operation_timeout(), None);
        assert_eq!(config.attempt_timeout(), None);
        assert!(format!("{config:?}").contains("DefaultCredentialsChain"));
        assert_eq!(config.http_client().is_some(), cfg!(feature = "reqwest"));
    }

    #[test]
    fn builder_setters_are_kept() {
        let config = Config::builder()
            .region("eu-west-1")
            .endpoint_url("http://localhost:1")
            .use_fips(true)
            .use_dual_stack(true)
            .max_attempts(5)
            .attempt_timeout(Duration::from_secs(2))
            .operation_timeout(Duration::from_secs(9))
            .validate_input(false)
            .build();
        assert_eq!(config.region(), Some("eu-west-1"));
        assert_eq!(config.endpoint_url(), Some("http://localhost:1"));
        assert!(config.use_fips() && config.use_dual_stack());
        assert_eq!(config.retry_config().max_attempts(), 5);
        assert_eq!(config.attempt_timeout(), Some(Duration::from_secs(2)));
        assert_eq!(config.operation_timeout(), Some(Duration::from_secs(9)));
        assert!(!config.validate_input());
        let copy = config.to_builder().region("us-east-1").build();
        assert_eq!(
            (copy.region(), copy.retry_config().max_attempts()),
            (Some("us-east-1"), 5)
        );
    }

    #[test]
    fn debug_of_config_with_static_credentials_shows_no_secret() {
        let config = Config::builder()
            .credentials(Credentials::new(
                "AKID",
                "SECRET_VALUE",
                Some("TOKEN_VALUE".into()),
            ))
            .build();
        let debug = format!("{config:?} {:?}", config.to_builder());
        assert!(debug.contains("AKID"), "{debug}");
        assert!(
            !debug.contains("SECRET_VALUE") && !debug.contains("TOKEN_VALUE"),
            "{debug}"
        );
    }

    #[test]
    fn from_env_reads_the_variables() {
        let config = Config::from_lookup(lookup(&[
            ("AWS_REGION", "ap-south-1"),
            ("AWS_DEFAULT_REGION", "ignored-1"),
            ("AWS_ENDPOINT_URL", "http://127.0.0.1:9"),
            ("AWS_USE_FIPS_ENDPOINT", "TRUE"),
            ("AWS_USE_DUALSTACK_ENDPOINT", "false"),
            ("AWS_MAX_ATTEMPTS", "7"),
        ]))
        .unwrap();
        assert_eq!(config.region(), Some("ap-south-1"));
        assert_eq!(config.endpoint_url(), Some("http://127.0.0.1:9"));
        assert!(config.use_fips());
        assert!(!config.use_dual_stack());
        assert_eq!(config.retry_config().max_attempts(), 7);
    }

    #[test]
    fn account_id_endpoint_mode_defaults_to_preferred_and_has_a_setter() {
        let config = Config::builder().build();
        assert_eq!(
            config.account_id_endpoint_mode(),
            AccountIdEndpointMode::Preferred
        );
        let config = Config::builder()
            .account_id_endpoint_mode(AccountIdEndpointMode::Disabled)
            .build();
        assert_eq!(config.account_id_endpoint_mode().as_str(), "disabled");
        let copy = config.to_builder().build();
        assert_eq!(
            copy.account_id_endpoint_mode(),
            AccountIdEndpointMode::Disabled
        );
    }

    #[test]
    fn account_id_endpoint_mode_from_the_environment_then_the_profile() {
        let config =
            Config::from_lookup(lookup(&[("AWS_ACCOUNT_ID_ENDPOINT_MODE", "Required")])).unwrap();
        assert_eq!(
            config.account_id_endpoint_mode(),
            AccountIdEndpointMode::Required
        );
        let file = temp_file(
            "account-id-mode",
            "[default]\naccount_id_endpoint_mode = disabled\n",
        );
        let path = file.to_str().unwrap().to_owned();
        let config = Config::from_lookup(lookup(&[("AWS_CONFIG_FILE", &path)])).unwrap();
        assert_eq!(
            config.account_id_endpoint_mode(),
            AccountIdEndpointMode::Disabled
        );
        let config = Config::from_lookup(lookup(&[
            ("AWS_CONFIG_FILE", &path),
            ("AWS_ACCOUNT_ID_ENDPOINT_MODE", "preferred"),
        ]))
        .unwrap();
        assert_eq!(
            config.account_id_endpoint_mode(),
            AccountIdEndpointMode::Preferred
        );
        let error = Config::from_lookup(lookup(&[("AWS_ACCOUNT_ID_ENDPOINT_MODE", "sometimes")]))
            .unwrap_err();
        assert_eq!(
            error.to_string(),
            "AWS_ACCOUNT_ID_ENDPOINT_MODE=\"sometimes\" is not valid: expected `preferred`, \
             `disabled` or `required`"
        );
    }

    #[test]
    fn from_env_falls_back_to_aws_default_region_then_the_profile() {
        let config = Config::from_lookup(lookup(&[("AWS_DEFAULT_REGION", "us-east-2")])).unwrap();
        assert_eq!(config.region(), Some("us-east-2"));

        let file = temp_file(
            "region-config",
            "[default]\nregion = eu-north-1\n[profile dev]\nregion = sa-east-1\nmax_attempts = 4\n",
        );
        let file = file.display().to_string();
        let config = Config::from_lookup(lookup(&[("AWS_CONFIG_FILE", &file)])).unwrap();
        assert_eq!(config.region(), Some("eu-north-1"));
        let config = Config::from_lookup(lookup(&[
            ("AWS_CONFIG_FILE", &file),
            ("AWS_PROFILE", "dev"),
        ]))
        .unwrap();
        assert_eq!(config.region(), Some("sa-east-1"));
        assert_eq!(config.retry_config().max_attempts(), 4);
        let config = Config::from_lookup(lookup(&[
            ("AWS_CONFIG_FILE", &file),
            ("AWS_PROFILE", "dev"),
            ("AWS_REGION", "us-west-1"),
        ]))
        .unwrap();
        assert_eq!(config.region(), Some("us-west-1"));
    }

    #[test]
    fn from_env_errors_name_the_variable_and_the_value() {
        let error = Config::from_lookup(lookup(&[("AWS_MAX_ATTEMPTS", "three")])).unwrap_err();
        assert_eq!(
            error.to_string(),
            "AWS_MAX_ATTEMPTS=\"three\" is not valid: expected a whole number from 1"
        );
        let error = Config::from_lookup(lookup(&[("AWS_MAX_ATTEMPTS", "0")])).unwrap_err();
        assert!(
            error.to_string().starts_with("AWS_MAX_ATTEMPTS=\"0\""),
            "{error}"
        );
        let error = Config::from_lookup(lookup(&[("AWS_USE_FIPS_ENDPOINT", "yes")])).unwrap_err();
        assert_eq!(
            error.to_string(),
            "AWS_USE_FIPS_ENDPOINT=\"yes\" is not valid: expected `true` or `false`"
        );
        let file = temp_file(
            "bad-flag-config",
            "[default]\nuse_dualstack_endpoint = maybe\n",
        );
        let error =
            Config::from_lookup(lookup(&[("AWS_CONFIG_FILE", &file.display().to_string())]))
                .unwrap_err();
        assert_eq!(
            error.to_string(),
            "`use_dualstack_endpoint` of profile `default`=\"maybe\" is not valid: expected `true` or `false`"
        );
    }

    #[test]
    fn service_endpoint_urls_follow_botocores_order() {
        let file = temp_file(
            "services-config",
            "[default]\nservices = dev\nendpoint_url = http://profile:1\n\
             [services dev]\ncognito_identity_provider =\n  endpoint_url = http://cognito:2\n",
        );
        let path = file.display().to_string();
        let config = Config::from_lookup(lookup(&[("AWS_CONFIG_FILE", &path)])).unwrap();
        assert_eq!(
            config
                .endpoint_url_for("Cognito Identity Provider")
                .as_deref(),
            Some("http://cognito:2")
        );
        assert_eq!(
            config.endpoint_url_for("SQS").as_deref(),
            Some("http://profile:1")
        );
        assert_eq!(config.endpoint_url(), Some("http://profile:1"));
        let config = Config::from_lookup(lookup(&[
            ("AWS_CONFIG_FILE", &path),
            (
                "AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER",
                "http://env-cognito:3",
            ),
            ("AWS_ENDPOINT_URL", "http://env:4"),
        ]))
        .unwrap();
        assert_eq!(
            config
                .endpoint_url_for("Cognito Identity Provider")
                .as_deref(),
            Some("http://env-cognito:3")
        );
        assert_eq!(
            config.endpoint_url_for("SQS").as_deref(),
            Some("http://env:4")
        );
        // The builder's URL wins over everything configured.
        let explicit = config
            .to_builder()
            .endpoint_url("http://explicit:5")
            .build();
        assert_eq!(
            explicit
                .endpoint_url_for("Cognito Identity Provider")
                .as_deref(),
            Some("http://explicit:5")
        );
        let ignored = Config::from_lookup(lookup(&[
            ("AWS_CONFIG_FILE", &path),
            ("AWS_ENDPOINT_URL", "http://env:4"),
            ("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "true"),
        ]))
        .unwrap();
        assert_eq!(ignored.endpoint_url_for("SQS"), None);
        assert_eq!(ignored.endpoint_url(), None);
    }

    #[test]
    fn the_retry_mode_comes_from_the_environment_or_the_profile() {
        use crate::retry::RetryMode;
        let config = Config::from_lookup(lookup(&[("AWS_RETRY_MODE", "adaptive")])).unwrap();
        assert_eq!(config.retry_config().mode(), RetryMode::Adaptive);
        assert_eq!(config.retry_config().max_attempts(), 3);
        let config = Config::from_lookup(lookup(&[("AWS_RETRY_MODE", "Legacy")])).unwrap();
        assert_eq!(config.retry_config(), &RetryConfig::legacy());
        assert_eq!(config.retry_config().max_attempts(), 5);
        let config = Config::from_lookup(lookup(&[
            ("AWS_RETRY_MODE", "legacy"),
            ("AWS_MAX_ATTEMPTS", "2"),
        ]))
        .unwrap();
        assert_eq!(
            (
                config.retry_config().mode(),
                config.retry_config().max_attempts()
            ),
            (RetryMode::Legacy, 2)
        );
        let file = temp_file("retry-mode", "[default]\nretry_mode = adaptive\n");
        let config =
            Config::from_lookup(lookup(&[("AWS_CONFIG_FILE", &file.display().to_string())]))
                .unwrap();
        assert_eq!(config.retry_config().mode(), RetryMode::Adaptive);
        let error = Config::from_lookup(lookup(&[("AWS_RETRY_MODE", "eager")])).unwrap_err();
        assert_eq!(
            error.to_string(),
            "AWS_RETRY_MODE=\"eager\" is not valid: expected `standard`, `adaptive` or `legacy`"
        );
    }

    #[test]
    fn a_profile_naming_a_missing_services_section_is_an_error() {
        let file = temp_file("services-missing", "[default]\nservices = nowhere\n");
        let error =
            Config::from_lookup(lookup(&[("AWS_CONFIG_FILE", &file.display().to_string())]))
                .unwrap_err();
        assert!(
            error
                .to_string()
                .starts_with("profile `default` names the services section `nowhere`"),
            "{error}"
        );
    }

    #[test]
    fn from_env_rejects_a_missing_profile_named_by_aws_profile() {
        let error = Config::from_lookup(lookup(&[("AWS_PROFILE", "nope")])).unwrap_err();
        assert!(
            error
                .to_string()
                .starts_with("AWS_PROFILE=\"nope\": no such profile in "),
            "{error}"
        );
    }
}
