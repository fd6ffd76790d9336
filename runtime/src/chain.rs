//! The full credentials chain (feature `aws-config`), in botocore's order:
//!
//! 1. the environment (`AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`, `AWS_SESSION_TOKEN`);
//! 2. the shared config and credentials files, with aws-config's profile provider: static
//!    keys, `role_arn` with `source_profile` or `credential_source` (chained roles,
//!    `external_id`, `role_session_name`; a chain with `duration_seconds`, which that
//!    provider does not send, is assumed here role by role), `credential_process`, SSO
//!    (`sso_session` and the legacy keys; the token cache `aws sso login` writes, refreshed
//!    through SSO OIDC) and `web_identity_token_file`. A role profile with `mfa_serial` is
//!    refused: there is no MFA callback to ask for a code;
//! 3. web identity from `AWS_WEB_IDENTITY_TOKEN_FILE` and `AWS_ROLE_ARN` (EKS);
//! 4. container credentials, `AWS_CONTAINER_CREDENTIALS_RELATIVE_URI` or `…_FULL_URI` with
//!    `AWS_CONTAINER_AUTHORIZATION_TOKEN(_FILE)` (ECS, Fargate, EKS Pod Identity);
//! 5. the EC2 instance metadata service, IMDSv2 with botocore's fallback to IMDSv1
//!    ([`ImdsCredentials`], the runtime's own: aws-config's never falls back).
//!
//! STS, SSO and container calls are made by aws-config over the runtime's own transport (an
//! adapter of [`HttpClient`] to the smithy client's), so no second HTTP or TLS stack is built.
//! The STS and SSO endpoints follow `AWS_ENDPOINT_URL_STS`, `AWS_ENDPOINT_URL_SSO` and
//! `AWS_ENDPOINT_URL_SSO_OIDC` (and the profile's `services`), as aws-config reads them.
//!
//! The chain keeps what it found until five minutes before its expiry. One refresh runs at a
//! time: calls that need credentials meanwhile wait for it instead of asking again, and a
//! failed refresh of credentials that have not expired yet keeps them.

use std::fmt;
use std::sync::Arc;
use std::time::SystemTime;

use aws_config::ecs::EcsCredentialsProvider;
use aws_config::profile::ProfileFileCredentialsProvider;
use aws_config::provider_config::ProviderConfig;
use aws_config::web_identity_token::WebIdentityTokenCredentialsProvider;
use aws_credential_types::provider::ProvideCredentials as AwsProvideCredentials;
use aws_credential_types::provider::error::CredentialsError as AwsCredentialsError;
use aws_smithy_runtime_api::client::http::{
    HttpClient as SmithyHttpClient, HttpConnector, HttpConnectorFuture, HttpConnectorSettings,
    SharedHttpConnector,
};
use aws_smithy_runtime_api::client::orchestrator::{HttpRequest, HttpResponse};
use aws_smithy_runtime_api::client::result::ConnectorError;
use aws_smithy_runtime_api::client::runtime_components::RuntimeComponents;
use aws_smithy_types::body::SdkBody;
use aws_smithy_types::error::display::DisplayErrorContext;

use crate::BoxFuture;
use crate::credentials::{
    Credentials, CredentialsError, EnvironmentCredentials, ProvideCredentials,
};
use crate::imds::ImdsCredentials;
use crate::profile::{Lookup, ProfileLocation, process_env};
use crate::transport::{HttpClient, TransportErrorKind};

/// The default credentials chain of a client with the `aws-config` feature: see the
/// [module docs](self). Cheap to clone; clones share the kept credentials.
#[derive(Clone)]
pub struct FullCredentialsChain {
    inner: Arc<Inner>,
}

struct Inner {
    lookup: Lookup,
    transport: Transport,
    region: Option<String>,
    provider_config: ProviderConfig,
    environment: EnvironmentCredentials,
    profile: ProfileFileCredentialsProvider,
    web_identity: WebIdentityTokenCredentialsProvider,
    container: EcsCredentialsProvider,
    imds: ImdsCredentials,
    kept: tokio::sync::Mutex<Option<Credentials>>,
}

impl fmt::Debug for FullCredentialsChain {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(
            "FullCredentialsChain(environment, profile, web identity, container, instance metadata)",
        )
    }
}

impl FullCredentialsChain {
    /// The chain over the process environment and profile files, sending over `http`; STS
    /// and SSO are called in `region` (the client's) unless the profile names one.
    pub fn new(http: impl HttpClient, region: Option<String>) -> Self {
        let http: Arc<dyn HttpClient> = Arc::new(http);
        let transport = Transport(http.clone());
        let provider_config = ProviderConfig::without_region()
            .with_http_client(transport.clone())
            .with_region(region.clone().map(aws_config::Region::new));
        Self {
            inner: Arc::new(Inner {
                lookup: process_env(),
                environment: EnvironmentCredentials::new(),
                profile: ProfileFileCredentialsProvider::builder()
                    .configure(&provider_config)
                    .build(),
                web_identity: WebIdentityTokenCredentialsProvider::builder()
                    .configure(&provider_config)
                    .build(),
                container: EcsCredentialsProvider::builder()
                    .configure(&provider_config)
                    .build(),
                imds: ImdsCredentials::from_parts(http, process_env()),
                kept: tokio::sync::Mutex::new(None),
                transport,
                region,
                provider_config,
            }),
        }
    }

    /// The first credentials the chain finds, asked anew (nothing kept).
    pub async fn load(&self) -> Result<Credentials, CredentialsError> {
        let inner = &*self.inner;
        let mut skipped = Vec::new();
        let mut note = |error: CredentialsError| -> Result<(), CredentialsError> {
            if error.is_not_configured() {
                skipped.push(format!("{}: {}", error.provider(), error.message()));
                Ok(())
            } else {
                Err(error)
            }
        };
        match inner.environment.load() {
            Ok(credentials) => return Ok(credentials),
            Err(error) => note(error)?,
        }
        // A role chain with `duration_seconds` is assumed here, in place of aws-config's
        // profile provider.
        let plan = role_plan(&inner.lookup)?;
        let planned = plan.is_some();
        if let Some(plan) = plan {
            match inner.assume(plan).await {
                Ok(credentials) => return Ok(credentials),
                Err(error) => note(error)?,
            }
        }
        let aws: [(&str, &dyn AwsProvideCredentials); 3] = [
            ("profile", &inner.profile),
            ("web identity", &inner.web_identity),
            ("container", &inner.container),
        ];
        for (name, provider) in aws {
            if planned && name == "profile" {
                continue;
            }
            match provider.provide_credentials().await {
                Ok(credentials) => return Ok(from_aws(&credentials)),
                Err(error) => note(to_error(name, error))?,
            }
        }
        match inner.imds.load().await {
            Ok(credentials) => return Ok(credentials),
            Err(error) => note(error)?,
        }
        Err(CredentialsError::new(
            "default chain",
            format!("no credentials found: {}", skipped.join("; ")),
        ))
    }

    /// The kept credentials while fresh, else one refresh for all waiting callers.
    async fn kept(&self) -> Result<Credentials, CredentialsError> {
        let mut kept = self.inner.kept.lock().await;
        let now = SystemTime::now();
        if let Some(credentials) = kept
            .as_ref()
            .filter(|credentials| credentials.fresh_at(now))
        {
            return Ok(credentials.clone());
        }
        match self.load().await {
            Ok(credentials) => {
                *kept = Some(credentials.clone());
                Ok(credentials)
            }
            // Credentials that still work beat an error.
            Err(error) => match kept
                .as_ref()
                .filter(|credentials| credentials.expiry().is_some_and(|expiry| now < expiry))
            {
                Some(credentials) => Ok(credentials.clone()),
                None => Err(error),
            },
        }
    }
}

impl ProvideCredentials for FullCredentialsChain {
    fn provide_credentials(&self) -> BoxFuture<'_, Result<Credentials, CredentialsError>> {
        Box::pin(self.kept())
    }
}

/// The roles a profile assumes through `source_profile` or `credential_source`, when one of
/// them sets `duration_seconds`: aws-config's profile provider does not send it, so such a
/// chain is assumed here, with aws-config's `AssumeRoleProvider` for each role.
struct RolePlan {
    base: RoleBase,
    /// Outermost (the active profile's) role first.
    roles: Vec<Role>,
}

/// Where the innermost role's source credentials come from.
enum RoleBase {
    /// A profile without a role of its own to assume here (static keys, `credential_process`,
    /// SSO, or a web identity role): aws-config's profile provider reads it.
    Profile(String),
    /// The static keys of a role profile whose `source_profile` is itself.
    Keys(aws_credential_types::Credentials),
    /// `credential_source`: `Environment`, `Ec2InstanceMetadata` or `EcsContainer`.
    Source(String),
}

/// One `AssumeRole` call's parameters, from a role profile.
struct Role {
    arn: String,
    external_id: Option<String>,
    session_name: Option<String>,
    duration: Option<std::time::Duration>,
}

/// Walks the active profile's role chain. Refuses a role with `mfa_serial`: botocore would
/// prompt for a code, and there is no callback to ask. Returns a plan only when a role sets
/// `duration_seconds`; otherwise aws-config's profile provider does the whole chain.
fn role_plan(lookup: &Lookup) -> Result<Option<RolePlan>, CredentialsError> {
    let location = ProfileLocation::from_env(lookup);
    let Ok(profiles) = location.load() else {
        // aws-config reads the files again and reports the problem itself.
        return Ok(None);
    };
    let mut name = location.profile.clone();
    let mut seen = Vec::new();
    let mut roles = Vec::new();
    let base = loop {
        let Some(profile) = profiles.get(&name) else {
            // A missing source profile: aws-config names it in its error.
            return Ok(None);
        };
        let Some(arn) = profile.get("role_arn") else {
            break RoleBase::Profile(name);
        };
        if seen.contains(&name) {
            // A cycle: aws-config reports it.
            return Ok(None);
        }
        if let Some(serial) = profile.get("mfa_serial") {
            return Err(CredentialsError::new(
                "profile",
                format!(
                    "profile `{name}` assumes its role with `mfa_serial` = {serial}, which needs \
                     a one-time code, and no MFA callback is configured; use credentials that \
                     do not need MFA, or pass a custom ProvideCredentials"
                ),
            ));
        }
        if profile.contains_key("web_identity_token_file")
            && !profile.contains_key("source_profile")
        {
            break RoleBase::Profile(name);
        }
        let duration = match profile.get("duration_seconds") {
            None => None,
            Some(text) => match text.trim().parse::<u64>() {
                Ok(seconds) => Some(std::time::Duration::from_secs(seconds)),
                Err(_) => {
                    return Err(CredentialsError::new(
                        "profile",
                        format!(
                            "profile `{name}`: duration_seconds = {text:?} is not a whole \
                             number of seconds"
                        ),
                    ));
                }
            },
        };
        roles.push(Role {
            arn: arn.clone(),
            external_id: profile.get("external_id").cloned(),
            session_name: profile.get("role_session_name").cloned(),
            duration,
        });
        seen.push(name.clone());
        match (
            profile.get("source_profile"),
            profile.get("credential_source"),
        ) {
            (Some(source), _) if *source == name => {
                let (Some(id), Some(secret)) = (
                    profile.get("aws_access_key_id"),
                    profile.get("aws_secret_access_key"),
                ) else {
                    return Ok(None);
                };
                break RoleBase::Keys(aws_credential_types::Credentials::new(
                    id,
                    secret,
                    profile.get("aws_session_token").cloned(),
                    None,
                    "profile",
                ));
            }
            (Some(source), _) => name = source.clone(),
            (None, Some(source)) => break RoleBase::Source(source.clone()),
            // Neither: aws-config reports the incomplete role profile.
            (None, None) => return Ok(None),
        }
    };
    Ok(roles
        .iter()
        .any(|role| role.duration.is_some())
        .then_some(RolePlan { base, roles }))
}

impl Inner {
    /// Assumes the roles of `plan`, innermost first, each with the credentials of the one
    /// before it.
    async fn assume(&self, plan: RolePlan) -> Result<Credentials, CredentialsError> {
        use aws_credential_types::provider::SharedCredentialsProvider as Shared;
        let sdk_config = aws_config::defaults(aws_config::BehaviorVersion::latest())
            .http_client(self.transport.clone())
            .region(aws_config::Region::new(
                self.region
                    .clone()
                    .unwrap_or_else(|| "us-east-1".to_owned()),
            ))
            .no_credentials()
            .load()
            .await;
        let mut source = match plan.base {
            RoleBase::Profile(name) => Shared::new(
                ProfileFileCredentialsProvider::builder()
                    .configure(&self.provider_config)
                    .profile_name(name)
                    .build(),
            ),
            RoleBase::Keys(keys) => Shared::new(keys),
            RoleBase::Source(source) => match source.as_str() {
                "Environment" => Shared::new(AsAwsProvider(self.environment.clone())),
                "Ec2InstanceMetadata" => Shared::new(AsAwsProvider(self.imds.clone())),
                "EcsContainer" => Shared::new(
                    EcsCredentialsProvider::builder()
                        .configure(&self.provider_config)
                        .build(),
                ),
                other => {
                    return Err(CredentialsError::new(
                        "profile",
                        format!(
                            "credential_source = {other:?} is not one of Environment, \
                             Ec2InstanceMetadata, EcsContainer"
                        ),
                    ));
                }
            },
        };
        for role in plan.roles.into_iter().rev() {
            let mut builder =
                aws_config::sts::AssumeRoleProvider::builder(role.arn).configure(&sdk_config);
            if let Some(id) = role.external_id {
                builder = builder.external_id(id);
            }
            if let Some(name) = role.session_name {
                builder = builder.session_name(name);
            }
            if let Some(duration) = role.duration {
                builder = builder.session_length(duration);
            }
            source = Shared::new(builder.build_from_provider(source).await);
        }
        source
            .provide_credentials()
            .await
            .map(|credentials| from_aws(&credentials))
            .map_err(|error| to_error("profile", error))
    }
}

/// One of the runtime's providers as aws-config's, to source a role.
#[derive(Debug)]
struct AsAwsProvider<P>(P);

impl<P: ProvideCredentials + fmt::Debug + 'static> AwsProvideCredentials for AsAwsProvider<P> {
    fn provide_credentials<'a>(
        &'a self,
    ) -> aws_credential_types::provider::future::ProvideCredentials<'a>
    where
        Self: 'a,
    {
        aws_credential_types::provider::future::ProvideCredentials::new(async move {
            let credentials = self.0.provide_credentials().await.map_err(|error| {
                AwsCredentialsError::provider_error(format!(
                    "{}: {}",
                    error.provider(),
                    error.message()
                ))
            })?;
            Ok(aws_credential_types::Credentials::from(&credentials))
        })
    }
}

fn from_aws(credentials: &aws_credential_types::Credentials) -> Credentials {
    let mut converted = Credentials::new(
        credentials.access_key_id(),
        credentials.secret_access_key(),
        credentials.session_token().map(str::to_owned),
    );
    if let Some(expiry) = credentials.expiry() {
        converted = converted.with_expiry(expiry);
    }
    if let Some(account_id) = credentials.account_id() {
        converted = converted.with_account_id(account_id.as_str());
    }
    converted
}

fn to_error(provider: &str, error: AwsCredentialsError) -> CredentialsError {
    let message = DisplayErrorContext(&error).to_string();
    match error {
        AwsCredentialsError::CredentialsNotLoaded(_) => {
            CredentialsError::not_configured(provider, message)
        }
        _ => CredentialsError::new(provider, message),
    }
}

/// The runtime's [`HttpClient`] as the HTTP client of aws-config's providers.
#[derive(Debug, Clone)]
struct Transport(Arc<dyn HttpClient>);

impl SmithyHttpClient for Transport {
    fn http_connector(
        &self,
        _settings: &HttpConnectorSettings,
        _components: &RuntimeComponents,
    ) -> SharedHttpConnector {
        SharedHttpConnector::new(self.clone())
    }
}

impl HttpConnector for Transport {
    fn call(&self, request: HttpRequest) -> HttpConnectorFuture {
        let http = self.0.clone();
        HttpConnectorFuture::new(async move {
            let user = |message: String| ConnectorError::user(message.into());
            let body = request
                .body()
                .bytes()
                .ok_or_else(|| user("a streaming request body cannot be sent".to_owned()))?
                .to_vec();
            let mut builder = http::Request::builder()
                .method(request.method())
                .uri(request.uri());
            for (name, value) in request.headers() {
                builder = builder.header(name, value);
            }
            let request = builder
                .body(body)
                .map_err(|error| user(format!("invalid request: {error}")))?;
            let response = http
                .send(request)
                .await
                .map_err(|error| match error.kind() {
                    TransportErrorKind::Timeout => ConnectorError::timeout(error.into()),
                    TransportErrorKind::Connect | TransportErrorKind::Io => {
                        ConnectorError::io(error.into())
                    }
                    _ => ConnectorError::other(error.into(), None),
                })?;
            let (parts, body) = response.into_parts();
            let status = parts
                .status
                .as_u16()
                .try_into()
                .map_err(|_| user(format!("status {} is not valid", parts.status)))?;
            let mut converted = HttpResponse::new(status, SdkBody::from(body));
            for (name, value) in &parts.headers {
                if let Ok(value) = value.to_str() {
                    converted
                        .headers_mut()
                        .append(name.as_str().to_owned(), value.to_owned());
                }
            }
            Ok(converted)
        })
    }
}
