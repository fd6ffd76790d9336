//! Credentials and the providers that find them: static, environment, profile files, and the
//! default chain of the last two.

use std::fmt;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::SystemTime;

use crate::BoxFuture;
use crate::profile::{Lookup, ProfileLocation, process_env};

const REDACTED: &str = "** redacted **";

/// An access key id, its secret, and for temporary credentials a session token and expiry;
/// optionally the id of the AWS account they belong to, which endpoint rule sets with the
/// `AWS::Auth::AccountId` built-in use.
///
/// `Debug` shows the access key id and account id only; the secret and the token print as
/// `** redacted **`.
#[derive(Clone, PartialEq, Eq)]
pub struct Credentials {
    access_key_id: String,
    secret_access_key: String,
    session_token: Option<String>,
    expiry: Option<SystemTime>,
    account_id: Option<String>,
}

impl Credentials {
    /// Credentials with no expiry.
    pub fn new(
        access_key_id: impl Into<String>,
        secret_access_key: impl Into<String>,
        session_token: Option<String>,
    ) -> Self {
        Self {
            access_key_id: access_key_id.into(),
            secret_access_key: secret_access_key.into(),
            session_token,
            expiry: None,
            account_id: None,
        }
    }

    /// The same credentials, belonging to the account `account_id`.
    pub fn with_account_id(mut self, account_id: impl Into<String>) -> Self {
        self.account_id = Some(account_id.into());
        self
    }

    /// The same credentials, expiring at `expiry`.
    pub fn with_expiry(mut self, expiry: SystemTime) -> Self {
        self.expiry = Some(expiry);
        self
    }

    pub fn access_key_id(&self) -> &str {
        &self.access_key_id
    }

    pub fn secret_access_key(&self) -> &str {
        &self.secret_access_key
    }

    pub fn session_token(&self) -> Option<&str> {
        self.session_token.as_deref()
    }

    pub fn expiry(&self) -> Option<SystemTime> {
        self.expiry
    }

    /// The id of the account the credentials belong to, when the provider knows it.
    pub fn account_id(&self) -> Option<&str> {
        self.account_id.as_deref()
    }
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Credentials")
            .field("access_key_id", &self.access_key_id)
            .field("secret_access_key", &REDACTED)
            .field(
                "session_token",
                &self.session_token.as_ref().map(|_| REDACTED),
            )
            .field("expiry", &self.expiry)
            .field("account_id", &self.account_id)
            .finish()
    }
}

/// Why a provider found no usable credentials. The message names the provider and the
/// problem, never a secret.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CredentialsError {
    provider: String,
    message: String,
    /// Nothing configured for this provider (as opposed to something configured wrongly);
    /// the default chain then tries the next provider.
    not_configured: bool,
}

/// The credentials as the AWS SDK's type (for the signer, and for aws-config's providers).
impl From<&Credentials> for aws_credential_types::Credentials {
    fn from(credentials: &Credentials) -> Self {
        let mut converted = aws_credential_types::Credentials::builder()
            .access_key_id(credentials.access_key_id())
            .secret_access_key(credentials.secret_access_key())
            .provider_name("service-runtime");
        converted.set_session_token(credentials.session_token().map(str::to_owned));
        converted.set_expiry(credentials.expiry());
        converted.set_account_id(credentials.account_id().map(Into::into));
        converted.build()
    }
}

impl CredentialsError {
    /// An error of the provider named `provider` (for custom providers).
    pub fn new(provider: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            provider: provider.into(),
            message: message.into(),
            not_configured: false,
        }
    }

    pub(crate) fn not_configured(provider: &str, message: impl Into<String>) -> Self {
        Self {
            not_configured: true,
            ..Self::new(provider, message)
        }
    }

    /// Whether nothing was configured for the provider (a chain then tries the next one).
    pub fn is_not_configured(&self) -> bool {
        self.not_configured
    }

    /// The provider that failed: `environment`, `profile`, `default chain`, or a custom name.
    pub fn provider(&self) -> &str {
        &self.provider
    }

    /// What is wrong.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for CredentialsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} credentials: {}", self.provider, self.message)
    }
}

impl std::error::Error for CredentialsError {}

/// A source of credentials. The client asks once per operation call.
pub trait ProvideCredentials: Send + Sync + fmt::Debug + 'static {
    fn provide_credentials(&self) -> BoxFuture<'_, Result<Credentials, CredentialsError>>;
}

/// Static credentials provide themselves.
impl ProvideCredentials for Credentials {
    fn provide_credentials(&self) -> BoxFuture<'_, Result<Credentials, CredentialsError>> {
        Box::pin(std::future::ready(Ok(self.clone())))
    }
}

impl<P: ProvideCredentials + ?Sized> ProvideCredentials for Arc<P> {
    fn provide_credentials(&self) -> BoxFuture<'_, Result<Credentials, CredentialsError>> {
        (**self).provide_credentials()
    }
}

/// Credentials from `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY` and `AWS_SESSION_TOKEN`, with
/// the account id `AWS_ACCOUNT_ID` when it is set.
#[derive(Clone)]
pub struct EnvironmentCredentials {
    lookup: Lookup,
}

impl EnvironmentCredentials {
    /// Reads the process environment at each call.
    pub fn new() -> Self {
        Self {
            lookup: process_env(),
        }
    }

    /// Reads variables through `lookup` instead of the process environment (for tests);
    /// `None` or an empty value means unset.
    pub fn with_lookup(lookup: impl Fn(&str) -> Option<String> + Send + Sync + 'static) -> Self {
        Self {
            lookup: Arc::new(move |name| lookup(name).filter(|value| !value.is_empty())),
        }
    }

    /// The credentials now in the environment.
    pub fn load(&self) -> Result<Credentials, CredentialsError> {
        const PROVIDER: &str = "environment";
        let Some(access_key_id) = (self.lookup)("AWS_ACCESS_KEY_ID") else {
            return Err(CredentialsError::not_configured(
                PROVIDER,
                "AWS_ACCESS_KEY_ID is not set",
            ));
        };
        let Some(secret_access_key) = (self.lookup)("AWS_SECRET_ACCESS_KEY") else {
            return Err(CredentialsError::new(
                PROVIDER,
                "AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not",
            ));
        };
        let credentials = Credentials::new(
            access_key_id,
            secret_access_key,
            (self.lookup)("AWS_SESSION_TOKEN"),
        );
        Ok(match (self.lookup)("AWS_ACCOUNT_ID") {
            Some(account_id) => credentials.with_account_id(account_id),
            None => credentials,
        })
    }
}

impl Default for EnvironmentCredentials {
    fn default() -> Self {
        Self::new()
    }
}

impl fmt::Debug for EnvironmentCredentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("EnvironmentCredentials")
    }
}

impl ProvideCredentials for EnvironmentCredentials {
    fn provide_credentials(&self) -> BoxFuture<'_, Result<Credentials, CredentialsError>> {
        Box::pin(std::future::ready(self.load()))
    }
}

/// Static credentials from a profile of the shared config and credentials files:
/// `aws_access_key_id`, `aws_secret_access_key` and optionally `aws_session_token` and
/// `aws_account_id`.
///
/// The profile is `AWS_PROFILE` (default `default`); the files are `AWS_CONFIG_FILE` and
/// `AWS_SHARED_CREDENTIALS_FILE` (default `~/.aws/config` and `~/.aws/credentials`). The config
/// file names profiles `[profile name]` (and `[default]`), the credentials file `[name]`; for
/// the same profile the credentials file wins. The files are read at each call. Role
/// assumption, SSO and `credential_process` profiles are not supported and say so.
#[derive(Clone)]
pub struct ProfileCredentials {
    source: ProfileSource,
}

#[derive(Clone)]
enum ProfileSource {
    Environment(Lookup),
    Given(ProfileLocation),
}

impl ProfileCredentials {
    /// Files and profile from the process environment, resolved at each call.
    pub fn new() -> Self {
        Self {
            source: ProfileSource::Environment(process_env()),
        }
    }

    /// Files and profile from variables read through `lookup` (for tests).
    pub fn with_lookup(lookup: impl Fn(&str) -> Option<String> + Send + Sync + 'static) -> Self {
        Self {
            source: ProfileSource::Environment(Arc::new(move |name| {
                lookup(name).filter(|value| !value.is_empty())
            })),
        }
    }

    /// The profile `profile` of the given files, ignoring the environment. A file that does
    /// not exist counts as empty.
    pub fn from_files(
        config_file: impl Into<PathBuf>,
        credentials_file: impl Into<PathBuf>,
        profile: impl Into<String>,
    ) -> Self {
        Self {
            source: ProfileSource::Given(ProfileLocation {
                config_file: Some(config_file.into()),
                credentials_file: Some(credentials_file.into()),
                profile: profile.into(),
                explicit_profile: true,
            }),
        }
    }

    fn location(&self) -> ProfileLocation {
        match &self.source {
            ProfileSource::Environment(lookup) => ProfileLocation::from_env(lookup),
            ProfileSource::Given(location) => location.clone(),
        }
    }

    /// The credentials the profile holds now.
    pub fn load(&self) -> Result<Credentials, CredentialsError> {
        const PROVIDER: &str = "profile";
        let location = self.location();
        let profiles = location
            .load()
            .map_err(|error| CredentialsError::new(PROVIDER, error.to_string()))?;
        let name = &location.profile;
        let Some(profile) = profiles.get(name) else {
            let message = format!(
                "profile `{name}` not found in {}",
                location.describe_files()
            );
            return Err(if location.explicit_profile {
                CredentialsError::new(PROVIDER, message)
            } else {
                CredentialsError::not_configured(PROVIDER, message)
            });
        };
        let property = |key: &str| profile.get(key).filter(|value| !value.is_empty());
        let Some(access_key_id) = property("aws_access_key_id") else {
            const UNSUPPORTED: [&str; 6] = [
                "role_arn",
                "credential_process",
                "sso_session",
                "sso_start_url",
                "web_identity_token_file",
                "credential_source",
            ];
            let message = match UNSUPPORTED.iter().find(|key| profile.contains_key(**key)) {
                Some(key) => format!(
                    "profile `{name}` uses `{key}`, which service-runtime does not support; \
                     give it aws_access_key_id and aws_secret_access_key, or pass a custom \
                     ProvideCredentials"
                ),
                None => format!(
                    "profile `{name}` ({}) has no aws_access_key_id",
                    location.describe_files()
                ),
            };
            return Err(if location.explicit_profile {
                CredentialsError::new(PROVIDER, message)
            } else {
                CredentialsError::not_configured(PROVIDER, message)
            });
        };
        let Some(secret_access_key) = property("aws_secret_access_key") else {
            return Err(CredentialsError::new(
                PROVIDER,
                format!("profile `{name}` has aws_access_key_id but no aws_secret_access_key"),
            ));
        };
        let credentials = Credentials::new(
            access_key_id.clone(),
            secret_access_key.clone(),
            property("aws_session_token").cloned(),
        );
        Ok(match property("aws_account_id") {
            Some(account_id) => credentials.with_account_id(account_id.clone()),
            None => credentials,
        })
    }
}

impl Default for ProfileCredentials {
    fn default() -> Self {
        Self::new()
    }
}

impl fmt::Debug for ProfileCredentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.source {
            ProfileSource::Environment(_) => {
                f.write_str("ProfileCredentials(from the environment)")
            }
            ProfileSource::Given(location) => f
                .debug_struct("ProfileCredentials")
                .field("config_file", &location.config_file)
                .field("credentials_file", &location.credentials_file)
                .field("profile", &location.profile)
                .finish(),
        }
    }
}

impl ProvideCredentials for ProfileCredentials {
    fn provide_credentials(&self) -> BoxFuture<'_, Result<Credentials, CredentialsError>> {
        // Two small local files: reading them inline is cheaper than a blocking-pool hop.
        Box::pin(std::future::ready(self.load()))
    }
}

/// The environment, then the profile files. A provider that is configured but broken (a key
/// id without a secret, an unreadable file, a missing profile named by `AWS_PROFILE`) stops
/// the chain with its error rather than falling through.
///
/// As a [`ProvideCredentials`], the chain looks once and keeps what it found (shared by
/// clones) until five minutes before its expiry, so calls do not read the environment and the
/// profile files every time; an error is not kept.
#[derive(Clone, Debug, Default)]
pub struct DefaultCredentialsChain {
    environment: EnvironmentCredentials,
    profile: ProfileCredentials,
    cache: Arc<std::sync::Mutex<Option<Credentials>>>,
}

/// How long before their expiry kept credentials are looked up again.
const REFRESH_BEFORE_EXPIRY: std::time::Duration = std::time::Duration::from_secs(300);

impl Credentials {
    /// Whether a cache may still hand these out at `now`: no expiry, or more than five
    /// minutes before it.
    pub(crate) fn fresh_at(&self, now: SystemTime) -> bool {
        self.expiry
            .is_none_or(|expiry| now + REFRESH_BEFORE_EXPIRY < expiry)
    }
}

impl DefaultCredentialsChain {
    /// Both providers read the process environment.
    pub fn new() -> Self {
        Self::default()
    }

    /// Both providers read variables through `lookup` (for tests).
    pub fn with_lookup(lookup: impl Fn(&str) -> Option<String> + Send + Sync + 'static) -> Self {
        let lookup: Lookup = Arc::new(lookup);
        let for_profile = lookup.clone();
        Self {
            environment: EnvironmentCredentials::with_lookup(move |name| lookup(name)),
            profile: ProfileCredentials::with_lookup(move |name| for_profile(name)),
            cache: Arc::default(),
        }
    }

    /// The first credentials the chain finds.
    pub fn load(&self) -> Result<Credentials, CredentialsError> {
        let environment = match self.environment.load() {
            Ok(credentials) => return Ok(credentials),
            Err(error) if error.not_configured => error,
            Err(error) => return Err(error),
        };
        match self.profile.load() {
            Ok(credentials) => Ok(credentials),
            Err(profile) if profile.not_configured => Err(CredentialsError::new(
                "default chain",
                format!(
                    "no credentials found: environment: {}; profile: {}",
                    environment.message, profile.message
                ),
            )),
            Err(error) => Err(error),
        }
    }
}

impl DefaultCredentialsChain {
    /// The kept credentials while they are fresh, else a new [`load`](Self::load), kept when
    /// it succeeds.
    fn cached(&self) -> Result<Credentials, CredentialsError> {
        let mut cache = self
            .cache
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let now = SystemTime::now();
        if let Some(credentials) = cache.as_ref().filter(|c| c.fresh_at(now)) {
            return Ok(credentials.clone());
        }
        let credentials = self.load()?;
        *cache = Some(credentials.clone());
        Ok(credentials)
    }
}

impl ProvideCredentials for DefaultCredentialsChain {
    fn provide_credentials(&self) -> BoxFuture<'_, Result<Credentials, CredentialsError>> {
        Box::pin(std::future::ready(self.cached()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn lookup_from(
        pairs: &[(&str, &str)],
    ) -> impl Fn(&str) -> Option<String> + Send + Sync + 'static {
        let map: HashMap<String, String> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        move |name| map.get(name).cloned()
    }

    /// A fresh directory under the target directory's tmp folder.
    fn temp_dir(name: &str) -> PathBuf {
        let dir = std::env::temp_dir()
            .join("service-runtime-unit")
            .join(format!("{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn debug_redacts_the_secret_and_the_token() {
        let credentials = Credentials::new("AKIDVISIBLE", "SECRETVALUE", Some("TOKENVALUE".into()));
        let debug = format!("{credentials:?}");
        assert!(debug.contains("AKIDVISIBLE"), "{debug}");
        assert!(debug.contains("** redacted **"), "{debug}");
        assert!(
            !debug.contains("SECRETVALUE") && !debug.contains("TOKENVALUE"),
            "{debug}"
        );
        let pretty = format!("{credentials:#?}");
        assert!(!pretty.contains("SECRETVALUE") && !pretty.contains("TOKENVALUE"));
    }

    #[test]
    fn environment_provider_reads_the_three_variables() {
        let provider = EnvironmentCredentials::with_lookup(lookup_from(&[
            ("AWS_ACCESS_KEY_ID", "AKID"),
            ("AWS_SECRET_ACCESS_KEY", "SECRET"),
            ("AWS_SESSION_TOKEN", "TOKEN"),
        ]));
        let credentials = provider.load().unwrap();
        assert_eq!(credentials.access_key_id(), "AKID");
        assert_eq!(credentials.secret_access_key(), "SECRET");
        assert_eq!(credentials.session_token(), Some("TOKEN"));
        assert_eq!(credentials.account_id(), None);
    }

    #[test]
    fn environment_provider_reads_the_account_id() {
        let provider = EnvironmentCredentials::with_lookup(lookup_from(&[
            ("AWS_ACCESS_KEY_ID", "AKID"),
            ("AWS_SECRET_ACCESS_KEY", "SECRET"),
            ("AWS_ACCOUNT_ID", "123456789012"),
        ]));
        let credentials = provider.load().unwrap();
        assert_eq!(credentials.account_id(), Some("123456789012"));
        assert!(format!("{credentials:?}").contains("123456789012"));
    }

    #[test]
    fn environment_provider_treats_an_empty_token_as_none() {
        let provider = EnvironmentCredentials::with_lookup(lookup_from(&[
            ("AWS_ACCESS_KEY_ID", "AKID"),
            ("AWS_SECRET_ACCESS_KEY", "SECRET"),
            ("AWS_SESSION_TOKEN", ""),
        ]));
        assert_eq!(provider.load().unwrap().session_token(), None);
    }

    #[test]
    fn environment_provider_errors_name_the_missing_variable() {
        let none = EnvironmentCredentials::with_lookup(|_| None)
            .load()
            .unwrap_err();
        assert_eq!(
            none.to_string(),
            "environment credentials: AWS_ACCESS_KEY_ID is not set"
        );
        let half =
            EnvironmentCredentials::with_lookup(lookup_from(&[("AWS_ACCESS_KEY_ID", "AKID")]))
                .load()
                .unwrap_err();
        assert_eq!(
            half.to_string(),
            "environment credentials: AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not"
        );
    }

    #[test]
    fn profile_provider_reads_both_files_with_credentials_winning() {
        let dir = temp_dir("profile-both");
        let config = dir.join("config");
        let credentials = dir.join("credentials");
        std::fs::write(
            &config,
            "[profile dev]\naws_access_key_id = CONFIG_AKID\naws_secret_access_key = CONFIG_SECRET\n\
             aws_session_token = CONFIG_TOKEN\n",
        )
        .unwrap();
        std::fs::write(&credentials, "[dev]\naws_access_key_id = CRED_AKID\n").unwrap();
        let loaded = ProfileCredentials::from_files(&config, &credentials, "dev")
            .load()
            .unwrap();
        assert_eq!(loaded.access_key_id(), "CRED_AKID");
        assert_eq!(loaded.secret_access_key(), "CONFIG_SECRET");
        assert_eq!(loaded.session_token(), Some("CONFIG_TOKEN"));
        assert_eq!(loaded.account_id(), None);
    }

    #[test]
    fn profile_provider_reads_the_account_id() {
        let dir = temp_dir("profile-account");
        let config = dir.join("config");
        let credentials = dir.join("credentials");
        std::fs::write(&config, "").unwrap();
        std::fs::write(
            &credentials,
            "[default]\naws_access_key_id = AKID\naws_secret_access_key = SECRET\n\
             aws_account_id = 210987654321\n",
        )
        .unwrap();
        let loaded = ProfileCredentials::from_files(&config, &credentials, "default")
            .load()
            .unwrap();
        assert_eq!(loaded.account_id(), Some("210987654321"));
    }

    #[test]
    fn profile_provider_reports_a_missing_profile_with_the_files_searched() {
        let dir = temp_dir("profile-missing");
        let credentials = dir.join("credentials");
        std::fs::write(
            &credentials,
            "[other]\naws_access_key_id = A\naws_secret_access_key = S\n",
        )
        .unwrap();
        let error = ProfileCredentials::from_files(dir.join("config"), &credentials, "dev")
            .load()
            .unwrap_err();
        let message = error.to_string();
        assert!(
            message.starts_with("profile credentials: profile `dev` not found in "),
            "{message}"
        );
        assert!(message.contains("config (missing)"), "{message}");
        assert!(
            message.contains(&credentials.display().to_string()),
            "{message}"
        );
    }

    #[test]
    fn profile_provider_says_when_a_profile_needs_an_unsupported_source() {
        let dir = temp_dir("profile-role");
        let config = dir.join("config");
        std::fs::write(
            &config,
            "[profile admin]\nrole_arn = arn:aws:iam::1:role/x\n",
        )
        .unwrap();
        let error = ProfileCredentials::from_files(&config, dir.join("credentials"), "admin")
            .load()
            .unwrap_err();
        assert!(error.message().contains("uses `role_arn`"), "{error}");
    }

    #[test]
    fn profile_provider_reports_a_parse_error_with_its_line() {
        let dir = temp_dir("profile-bad");
        let credentials = dir.join("credentials");
        std::fs::write(&credentials, "[dev]\nthis is not a property\n").unwrap();
        let error = ProfileCredentials::from_files(dir.join("config"), &credentials, "dev")
            .load()
            .unwrap_err();
        assert!(
            error
                .message()
                .contains("credentials:2: expected `name = value`"),
            "{error}"
        );
    }

    #[test]
    fn profile_provider_follows_aws_profile_and_file_variables() {
        let dir = temp_dir("profile-env");
        let credentials = dir.join("creds");
        std::fs::write(
            &credentials,
            "[work]\naws_access_key_id = W\naws_secret_access_key = S\n",
        )
        .unwrap();
        let credentials_path = credentials.display().to_string();
        let config_path = dir.join("none").display().to_string();
        let provider = ProfileCredentials::with_lookup(move |name| match name {
            "AWS_PROFILE" => Some("work".to_owned()),
            "AWS_SHARED_CREDENTIALS_FILE" => Some(credentials_path.clone()),
            "AWS_CONFIG_FILE" => Some(config_path.clone()),
            _ => None,
        });
        assert_eq!(provider.load().unwrap().access_key_id(), "W");
    }

    #[test]
    fn default_chain_prefers_the_environment_then_the_profile() {
        let dir = temp_dir("chain");
        let credentials = dir.join("credentials");
        std::fs::write(
            &credentials,
            "[default]\naws_access_key_id = P\naws_secret_access_key = S\n",
        )
        .unwrap();
        let file = credentials.display().to_string();
        let missing = dir.join("config").display().to_string();
        let base = move |name: &str| match name {
            "AWS_SHARED_CREDENTIALS_FILE" => Some(file.clone()),
            "AWS_CONFIG_FILE" => Some(missing.clone()),
            _ => None,
        };
        let from_profile = DefaultCredentialsChain::with_lookup(base.clone())
            .load()
            .unwrap();
        assert_eq!(from_profile.access_key_id(), "P");

        let from_env = DefaultCredentialsChain::with_lookup(move |name| match name {
            "AWS_ACCESS_KEY_ID" => Some("E".to_owned()),
            "AWS_SECRET_ACCESS_KEY" => Some("S".to_owned()),
            other => base(other),
        })
        .load()
        .unwrap();
        assert_eq!(from_env.access_key_id(), "E");
    }

    #[test]
    fn default_chain_without_anything_explains_both_providers() {
        let error = DefaultCredentialsChain::with_lookup(|_| None)
            .load()
            .unwrap_err();
        let message = error.to_string();
        assert!(
            message.starts_with("default chain credentials: no credentials found"),
            "{message}"
        );
        assert!(
            message.contains("AWS_ACCESS_KEY_ID is not set"),
            "{message}"
        );
        assert!(message.contains("profile `default` not found"), "{message}");
    }

    #[test]
    fn default_chain_stops_at_a_broken_environment() {
        let error = DefaultCredentialsChain::with_lookup(|name| {
            (name == "AWS_ACCESS_KEY_ID").then(|| "AKID".to_owned())
        })
        .load()
        .unwrap_err();
        assert_eq!(error.provider(), "environment");
    }

    #[test]
    fn the_chain_keeps_what_it_found_and_not_its_errors() {
        use std::sync::atomic::{AtomicUsize, Ordering};
        let lookups = Arc::new(AtomicUsize::new(0));
        let configured = Arc::new(std::sync::atomic::AtomicBool::new(false));
        let (counter, switch) = (lookups.clone(), configured.clone());
        let chain = DefaultCredentialsChain::with_lookup(move |name| {
            counter.fetch_add(1, Ordering::SeqCst);
            if !switch.load(Ordering::SeqCst) {
                // Nothing in the environment, and profile files that do not exist.
                return name
                    .ends_with("_FILE")
                    .then(|| "/nonexistent/file".to_owned());
            }
            match name {
                "AWS_ACCESS_KEY_ID" => Some("AKIDCACHED".to_owned()),
                "AWS_SECRET_ACCESS_KEY" => Some("SECRET".to_owned()),
                _ => None,
            }
        });
        assert!(chain.cached().is_err());
        configured.store(true, Ordering::SeqCst);
        assert_eq!(
            chain.cached().unwrap().access_key_id(),
            "AKIDCACHED",
            "errors are not kept"
        );
        let after_first_success = lookups.load(Ordering::SeqCst);
        let clone = chain.clone();
        assert_eq!(clone.cached().unwrap().access_key_id(), "AKIDCACHED");
        assert_eq!(
            lookups.load(Ordering::SeqCst),
            after_first_success,
            "nothing was looked up again"
        );
    }
}
