//! The full credentials chain (`FullCredentialsChain`, feature `aws-config`) against stand-ins
//! on 127.0.0.1 (`tests/server/credentials_server.py`): EC2 instance metadata (IMDSv2, the
//! IMDSv1 fallback, refresh before expiry, one refresh for many callers, the region), container
//! credentials, web identity and chained roles through an STS stand-in that verifies
//! AssumeRole's signature with botocore's signer, `credential_process`, SSO with a token cache
//! that needs refreshing, and a role profile with `mfa_serial`, refused.
//!
//! aws-config's providers read the process environment, so each scenario runs this executable
//! again as a child process (the probe, `CREDENTIALS_PROBE=steps`) with an environment of its
//! own: `HOME` a fresh folder, and only the variables the scenario sets. The probe loads
//! `Config::load()`, runs its steps and prints one JSON line per step; a `call` sends a signed
//! request to the stand-in's service route, whose signature botocore checks with the
//! credentials the stand-in issued. Nothing the probe prints may contain a secret.
//!
//! No libtest harness (`harness = false`): `main` runs the scenarios, or is the probe.

mod support;

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::{Value, json};
use support::AwsServer;

fn main() {
    if let Ok(steps) = std::env::var("CREDENTIALS_PROBE") {
        probe::run(&steps);
        return;
    }
    let scenarios: [(&str, fn()); 12] = [
        (
            "imds_v2_region_refresh_and_one_fetch_for_many_callers",
            imds_v2,
        ),
        (
            "imds_v1_fallback_when_the_token_is_refused",
            imds_v1_fallback,
        ),
        (
            "container_credentials_with_an_authorization_token_file",
            container,
        ),
        ("web_identity_through_sts", web_identity),
        ("chained_role_profiles_signed_and_verified", chained_roles),
        (
            "duration_seconds_of_chained_roles_and_a_self_sourced_role",
            role_durations,
        ),
        (
            "role_from_instance_metadata_credential_source",
            credential_source_imds,
        ),
        ("credential_process_script", credential_process),
        ("sso_session_with_an_expired_token_refreshed", sso_session),
        ("mfa_serial_is_refused_with_a_clear_message", mfa_serial),
        (
            "aws_ca_bundle_trusts_a_private_certificate_authority",
            ca_bundle,
        ),
        ("proxies_and_no_proxy_from_the_environment", proxies),
    ];
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.iter().any(|arg| arg == "--list") {
        for (name, _) in scenarios {
            println!("{name}: test");
        }
        return;
    }
    let filters: Vec<&String> = args.iter().filter(|arg| !arg.starts_with('-')).collect();
    let chosen: Vec<_> = scenarios
        .iter()
        .filter(|(name, _)| filters.is_empty() || filters.iter().any(|f| name.contains(f.as_str())))
        .collect();
    println!("\nrunning {} tests", chosen.len());
    let mut failed = Vec::new();
    for (name, scenario) in &chosen {
        let outcome = std::panic::catch_unwind(scenario);
        println!(
            "test {name} ... {}",
            if outcome.is_ok() { "ok" } else { "FAILED" }
        );
        if outcome.is_err() {
            failed.push(*name);
        }
    }
    println!(
        "\ntest result: {}. {} passed; {} failed",
        if failed.is_empty() { "ok" } else { "FAILED" },
        chosen.len() - failed.len(),
        failed.len()
    );
    if !failed.is_empty() {
        println!("failures: {failed:?}");
        std::process::exit(101);
    }
}

/// A fresh folder for one scenario: the probe's `HOME`.
fn home(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("credentials-chain")
        .join(format!("{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join(".aws")).unwrap();
    dir
}

/// What one probe printed.
struct Probe {
    lines: Vec<Value>,
    output: String,
}

impl Probe {
    /// The line of step `key` at position `index` among such lines.
    fn step(&self, key: &str, index: usize) -> &Value {
        self.lines
            .iter()
            .filter_map(|line| line.get(key))
            .nth(index)
            .unwrap_or_else(|| panic!("no {key} #{index} in the probe's output:\n{}", self.output))
    }

    fn called_with(&self, index: usize) -> String {
        let call = self.step("call", index);
        call.get("access_key_id")
            .and_then(Value::as_str)
            .unwrap_or_else(|| panic!("call #{index} failed: {call}\n{}", self.output))
            .to_owned()
    }
}

/// Runs the probe with `steps`, `HOME` = `home` and only the variables given (and `PATH`).
fn probe(steps: &str, home: &Path, vars: &[(&str, String)]) -> Probe {
    let output = Command::new(std::env::current_exe().unwrap())
        .env_clear()
        .env("CREDENTIALS_PROBE", steps)
        .env("HOME", home)
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .envs(vars.iter().map(|(name, value)| (*name, value)))
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    let text = format!("stdout:\n{stdout}\nstderr:\n{stderr}");
    assert!(output.status.success(), "the probe failed:\n{text}");
    // No secret of any source, in anything the probe printed (Debug of the configuration and
    // of credentials, errors).
    for secret in [
        "secret-",
        "token-imds-",
        "token-ecs-",
        "token-stsweb-",
        "token-stsrole-",
        "token-sso-",
        "BASESECRET",
        "PROCESSSECRET",
        "PROCESSTOKEN",
    ] {
        assert!(
            !text.contains(secret),
            "`{secret}` printed by the probe:\n{text}"
        );
    }
    Probe {
        lines: stdout
            .lines()
            .map(|line| serde_json::from_str(line).unwrap_or_else(|_| panic!("{line}\n{text}")))
            .collect(),
        output: text,
    }
}

fn requests(server: &AwsServer, route: &str) -> Vec<Value> {
    server
        .requests()
        .into_iter()
        .filter(|request| request["route"] == route)
        .collect()
}

fn no_problems(server: &AwsServer) {
    for request in server.requests() {
        let problems = request["problems"].as_array().unwrap();
        assert!(problems.is_empty(), "the stand-in saw problems: {request}");
    }
}

fn start(scenario: Value) -> AwsServer {
    AwsServer::start_script("credentials_server.py", &scenario)
}

fn imds_v2() {
    let server = start(
        json!({"imds": {"token": "required", "expires_in": [303, 3600], "region": "eu-west-3"}}),
    );
    let home = home("imds-v2");
    let run = probe(
        "concurrent:16,call,sleep:4,call,call",
        &home,
        &[("AWS_EC2_METADATA_SERVICE_ENDPOINT", server.url())],
    );
    // No region anywhere but IMDS.
    assert_eq!(run.step("config", 0)["region"], "eu-west-3");
    // Sixteen callers at once: one fetch.
    assert_eq!(run.step("concurrent", 0)["distinct"], json!(["ASIAIMDS1"]));
    assert_eq!(run.called_with(0), "ASIAIMDS1");
    // The first credentials expire 303 s after they were issued: 4 s later they are within
    // the 5 minutes before expiry, so they are fetched again; the next ones are kept.
    assert_eq!(run.called_with(1), "ASIAIMDS2");
    assert_eq!(run.called_with(2), "ASIAIMDS2");
    assert_eq!(requests(&server, "imds-credentials").len(), 2);
    for request in requests(&server, "imds-credentials") {
        assert!(
            request["headers"]["x-aws-ec2-metadata-token"].is_string(),
            "{request}"
        );
    }
    assert_eq!(requests(&server, "service").len(), 3);
    no_problems(&server);
}

fn imds_v1_fallback() {
    let server = start(json!({"imds": {"token": "refused"}}));
    let home = home("imds-v1");
    let run = probe(
        "call",
        &home,
        &[
            ("AWS_EC2_METADATA_SERVICE_ENDPOINT", server.url()),
            ("AWS_REGION", "us-east-1".into()),
        ],
    );
    assert_eq!(run.called_with(0), "ASIAIMDS1");
    let tokens = requests(&server, "imds-token");
    assert!(
        tokens.iter().all(|request| request["status"] == 403),
        "{tokens:?}"
    );
    assert!(!tokens.is_empty());
    let gets = requests(&server, "imds-credentials");
    assert_eq!(gets.len(), 1);
    assert!(gets[0]["headers"].get("x-aws-ec2-metadata-token").is_none());
    no_problems(&server);

    // With IMDSv1 disabled the refusal is an error that says so.
    let run = probe(
        "credentials",
        &home,
        &[
            ("AWS_EC2_METADATA_SERVICE_ENDPOINT", server.url()),
            ("AWS_REGION", "us-east-1".into()),
            ("AWS_EC2_METADATA_V1_DISABLED", "true".into()),
        ],
    );
    let error = run.step("credentials", 0)["error"]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(error.contains("AWS_EC2_METADATA_V1_DISABLED"), "{error}");
}

fn container() {
    let server = start(json!({"ecs": {"authorization": "Bearer container-auth"}}));
    let home = home("container");
    let token_file = home.join("auth-token");
    std::fs::write(&token_file, "Bearer container-auth").unwrap();
    let vars = [
        (
            "AWS_CONTAINER_CREDENTIALS_FULL_URI",
            format!("{}/ecs/credentials", server.url()),
        ),
        (
            "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE",
            token_file.display().to_string(),
        ),
        ("AWS_REGION", "us-east-1".into()),
        ("AWS_EC2_METADATA_DISABLED", "true".into()),
    ];
    let run = probe("call", &home, &vars);
    assert_eq!(run.called_with(0), "ASIAECS1");
    assert_eq!(requests(&server, "ecs").len(), 1);
    no_problems(&server);

    // A wrong token is an error of the container provider, not a fall-through.
    std::fs::write(&token_file, "Bearer wrong").unwrap();
    let run = probe("credentials", &home, &vars);
    let error = run.step("credentials", 0)["error"]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(error.starts_with("container credentials:"), "{error}");
}

fn web_identity() {
    let server = start(json!({"sts": {"web_identity_token": "eks-projected-token"}}));
    let home = home("web-identity");
    let token_file = home.join("token");
    std::fs::write(&token_file, "eks-projected-token").unwrap();
    let run = probe(
        "call",
        &home,
        &[
            (
                "AWS_WEB_IDENTITY_TOKEN_FILE",
                token_file.display().to_string(),
            ),
            (
                "AWS_ROLE_ARN",
                "arn:aws:iam::123456789012:role/eks-pod".into(),
            ),
            ("AWS_ROLE_SESSION_NAME", "pod-session".into()),
            ("AWS_ENDPOINT_URL_STS", format!("{}/sts", server.url())),
            ("AWS_REGION", "us-east-1".into()),
            ("AWS_EC2_METADATA_DISABLED", "true".into()),
        ],
    );
    assert_eq!(run.called_with(0), "ASIASTSWEB1");
    let sts = requests(&server, "sts-web-identity");
    assert_eq!(sts.len(), 1);
    let body = sts[0]["body"].as_str().unwrap();
    assert!(
        body.contains("RoleArn=arn%3Aaws%3Aiam%3A%3A123456789012%3Arole%2Feks-pod"),
        "{body}"
    );
    assert!(body.contains("RoleSessionName=pod-session"), "{body}");
    assert!(sts[0]["headers"].get("authorization").is_none(), "unsigned");
    no_problems(&server);
}

fn chained_roles() {
    let server = start(json!({
        "known": [{"access_key_id": "AKIDBASE", "secret_access_key": "BASESECRET"}],
        "sts": {"external_ids": {"arn:aws:iam::123456789012:role/middle": "ext-42"}},
    }));
    let home = home("chained");
    std::fs::write(
        home.join(".aws/config"),
        "[profile top]\nrole_arn = arn:aws:iam::123456789012:role/top\nsource_profile = middle\n\
         role_session_name = probe-session\n\
         [profile middle]\nrole_arn = arn:aws:iam::123456789012:role/middle\n\
         source_profile = base\nexternal_id = ext-42\n",
    )
    .unwrap();
    std::fs::write(
        home.join(".aws/credentials"),
        "[base]\naws_access_key_id = AKIDBASE\naws_secret_access_key = BASESECRET\n",
    )
    .unwrap();
    let run = probe(
        "call",
        &home,
        &[
            ("AWS_PROFILE", "top".into()),
            ("AWS_REGION", "us-east-1".into()),
            ("AWS_ENDPOINT_URL_STS", format!("{}/sts", server.url())),
            ("AWS_EC2_METADATA_DISABLED", "true".into()),
        ],
    );
    assert_eq!(run.called_with(0), "ASIASTSROLE2");
    let sts = requests(&server, "sts-assume-role");
    assert_eq!(sts.len(), 2, "{sts:?}");
    let signer = |request: &Value| {
        let authorization = request["headers"]["authorization"]
            .as_str()
            .unwrap()
            .to_owned();
        authorization
            .split("Credential=")
            .nth(1)
            .unwrap()
            .split('/')
            .next()
            .unwrap()
            .to_owned()
    };
    // base signs the middle role's AssumeRole (with the external id), middle's credentials
    // sign the top role's.
    assert_eq!(signer(&sts[0]), "AKIDBASE");
    assert!(
        sts[0]["body"]
            .as_str()
            .unwrap()
            .contains("ExternalId=ext-42")
    );
    assert_eq!(signer(&sts[1]), "ASIASTSROLE1");
    let top = sts[1]["body"].as_str().unwrap();
    assert!(top.contains("RoleSessionName=probe-session"), "{top}");
    no_problems(&server);
}

/// Roles with `duration_seconds` ask STS for that session length: the active profile's role
/// (sourced from a role profile whose `source_profile` is itself) and the innermost one.
fn role_durations() {
    let server = start(json!({
        "known": [{"access_key_id": "AKIDSELF", "secret_access_key": "SELFSECRET"}],
        "sts": {"external_ids": {"arn:aws:iam::123456789012:role/self": "ext-7"}},
    }));
    let home = home("durations");
    std::fs::write(
        home.join(".aws/config"),
        "[profile top]\nrole_arn = arn:aws:iam::123456789012:role/top\nsource_profile = middle\n\
         role_session_name = timed-session\nduration_seconds = 900\n\
         [profile middle]\nrole_arn = arn:aws:iam::123456789012:role/self\n\
         source_profile = middle\nexternal_id = ext-7\nduration_seconds = 7200\n",
    )
    .unwrap();
    std::fs::write(
        home.join(".aws/credentials"),
        "[middle]\naws_access_key_id = AKIDSELF\naws_secret_access_key = SELFSECRET\n",
    )
    .unwrap();
    let run = probe(
        "call",
        &home,
        &[
            ("AWS_PROFILE", "top".into()),
            ("AWS_REGION", "us-east-1".into()),
            ("AWS_ENDPOINT_URL_STS", format!("{}/sts", server.url())),
            ("AWS_EC2_METADATA_DISABLED", "true".into()),
        ],
    );
    assert_eq!(run.called_with(0), "ASIASTSROLE2");
    let sts = requests(&server, "sts-assume-role");
    assert_eq!(sts.len(), 2, "{sts:?}");
    let inner = sts[0]["body"].as_str().unwrap();
    assert!(inner.contains("DurationSeconds=7200"), "{inner}");
    assert!(inner.contains("ExternalId=ext-7"), "{inner}");
    assert!(
        sts[0]["headers"]["authorization"]
            .as_str()
            .unwrap()
            .contains("Credential=AKIDSELF/"),
        "{}",
        sts[0]
    );
    let outer = sts[1]["body"].as_str().unwrap();
    assert!(outer.contains("DurationSeconds=900"), "{outer}");
    assert!(outer.contains("RoleSessionName=timed-session"), "{outer}");
    assert!(
        sts[1]["headers"]["authorization"]
            .as_str()
            .unwrap()
            .contains("Credential=ASIASTSROLE1/"),
        "{}",
        sts[1]
    );
    no_problems(&server);
}

fn credential_source_imds() {
    let server = start(json!({"imds": {"token": "required"}}));
    let home = home("credential-source");
    std::fs::write(
        home.join(".aws/config"),
        "[default]\nrole_arn = arn:aws:iam::123456789012:role/from-ec2\n\
         credential_source = Ec2InstanceMetadata\nduration_seconds = 1800\n",
    )
    .unwrap();
    let run = probe(
        "call",
        &home,
        &[
            ("AWS_REGION", "us-east-1".into()),
            ("AWS_ENDPOINT_URL_STS", format!("{}/sts", server.url())),
            ("AWS_EC2_METADATA_SERVICE_ENDPOINT", server.url()),
        ],
    );
    assert_eq!(run.called_with(0), "ASIASTSROLE1");
    let sts = requests(&server, "sts-assume-role");
    assert_eq!(sts.len(), 1);
    assert!(
        sts[0]["headers"]["authorization"]
            .as_str()
            .unwrap()
            .contains("Credential=ASIAIMDS1/"),
        "{}",
        sts[0]
    );
    // The runtime's own IMDS provider sources the role (duration_seconds takes the role
    // out of aws-config's profile provider).
    let body = sts[0]["body"].as_str().unwrap();
    assert!(body.contains("DurationSeconds=1800"), "{body}");
    no_problems(&server);
}

fn credential_process() {
    let server = start(json!({
        "known": [{"access_key_id": "AKIDPROCESS", "secret_access_key": "PROCESSSECRET",
                   "session_token": "PROCESSTOKEN"}],
    }));
    let home = home("process");
    let script = home.join("credentials.sh");
    std::fs::write(
        &script,
        "#!/bin/sh\n[ \"$1\" = \"--role\" ] || exit 3\necho '{\"Version\": 1, \
         \"AccessKeyId\": \"AKIDPROCESS\", \"SecretAccessKey\": \"PROCESSSECRET\", \
         \"SessionToken\": \"PROCESSTOKEN\", \"Expiration\": \"2099-01-01T00:00:00Z\"}'\n",
    )
    .unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    std::fs::write(
        home.join(".aws/config"),
        format!(
            "[profile tool]\ncredential_process = {} --role admin\n",
            script.display()
        ),
    )
    .unwrap();
    let run = probe(
        "call,credentials",
        &home,
        &[
            ("AWS_PROFILE", "tool".into()),
            ("PROBE_SERVICE_URL", server.url()),
            ("AWS_REGION", "us-east-1".into()),
            ("AWS_EC2_METADATA_DISABLED", "true".into()),
        ],
    );
    assert_eq!(run.called_with(0), "AKIDPROCESS");
    assert!(
        run.step("credentials", 0)["expires_in_seconds"]
            .as_u64()
            .unwrap()
            > 86_400 * 365
    );
    no_problems(&server);
}

fn sso_session() {
    let server = start(json!({"sso": {"refresh_token": "sso-refresh-token-1"}}));
    let home = home("sso");
    std::fs::write(
        home.join(".aws/config"),
        "[profile dev]\nsso_session = corp\nsso_account_id = 111122223333\n\
         sso_role_name = Reader\nregion = us-east-1\n\
         [sso-session corp]\nsso_region = us-east-1\n\
         sso_start_url = https://corp.awsapps.com/start\nsso_registration_scopes = sso:account:access\n",
    )
    .unwrap();
    // The cache `aws sso login` writes, named by the SHA-1 of the session name; its token
    // expired a minute ago, so it must be refreshed with the refresh token.
    let cache = home.join(".aws/sso/cache");
    std::fs::create_dir_all(&cache).unwrap();
    let cache_file = cache.join(format!("{}.json", sha1_hex("corp")));
    let expired = jiff::Timestamp::now() - jiff::SignedDuration::from_secs(60);
    let registration = jiff::Timestamp::now() + jiff::SignedDuration::from_hours(24 * 30);
    std::fs::write(
        &cache_file,
        json!({
            "startUrl": "https://corp.awsapps.com/start",
            "region": "us-east-1",
            "accessToken": "sso-access-token-expired",
            "expiresAt": expired.strftime("%Y-%m-%dT%H:%M:%SZ").to_string(),
            "clientId": "client-id",
            "clientSecret": "client-secret",
            "registrationExpiresAt": registration.strftime("%Y-%m-%dT%H:%M:%SZ").to_string(),
            "refreshToken": "sso-refresh-token-1",
        })
        .to_string(),
    )
    .unwrap();
    let run = probe(
        "call",
        &home,
        &[
            ("AWS_PROFILE", "dev".into()),
            ("AWS_ENDPOINT_URL_SSO", format!("{}/sso", server.url())),
            (
                "AWS_ENDPOINT_URL_SSO_OIDC",
                format!("{}/oidc", server.url()),
            ),
            ("AWS_EC2_METADATA_DISABLED", "true".into()),
        ],
    );
    assert_eq!(run.called_with(0), "ASIASSO1");
    assert_eq!(requests(&server, "sso-oidc").len(), 1);
    let portal = requests(&server, "sso-portal");
    assert_eq!(portal.len(), 1);
    assert_eq!(
        portal[0]["headers"]["x-amz-sso_bearer_token"],
        "sso-access-token-refreshed-1"
    );
    let path = portal[0]["path"].as_str().unwrap();
    assert!(
        path.contains("account_id=111122223333") && path.contains("role_name=Reader"),
        "{path}"
    );
    // The refreshed token was written back to the cache.
    let cached: Value =
        serde_json::from_str(&std::fs::read_to_string(&cache_file).unwrap()).unwrap();
    assert_eq!(cached["accessToken"], "sso-access-token-refreshed-1");
    no_problems(&server);
}

fn mfa_serial() {
    let home = home("mfa");
    std::fs::write(
        home.join(".aws/config"),
        "[profile admin]\nrole_arn = arn:aws:iam::123456789012:role/admin\nsource_profile = base\n\
         mfa_serial = arn:aws:iam::123456789012:mfa/user\n",
    )
    .unwrap();
    std::fs::write(
        home.join(".aws/credentials"),
        "[base]\naws_access_key_id = AKIDBASE\naws_secret_access_key = BASESECRET\n",
    )
    .unwrap();
    let run = probe(
        "credentials",
        &home,
        &[
            ("AWS_PROFILE", "admin".into()),
            ("AWS_REGION", "us-east-1".into()),
            ("AWS_EC2_METADATA_DISABLED", "true".into()),
        ],
    );
    let error = run.step("credentials", 0)["error"]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(
        error.contains("profile `admin` assumes its role with `mfa_serial`")
            && error.contains("no MFA callback is configured"),
        "{error}"
    );
}

/// Static credentials in the environment, known to the stand-in.
fn static_credentials() -> [(&'static str, String); 4] {
    [
        ("AWS_ACCESS_KEY_ID", "AKIDBASE".into()),
        ("AWS_SECRET_ACCESS_KEY", "BASESECRET".into()),
        ("AWS_REGION", "us-east-1".into()),
        ("AWS_EC2_METADATA_DISABLED", "true".into()),
    ]
}

fn ca_bundle() {
    let home = home("ca-bundle");
    // A private CA, and a certificate it issued for localhost.
    let ca_key = rcgen::KeyPair::generate().unwrap();
    let mut ca_params = rcgen::CertificateParams::new(Vec::<String>::new()).unwrap();
    ca_params.is_ca = rcgen::IsCa::Ca(rcgen::BasicConstraints::Unconstrained);
    ca_params
        .distinguished_name
        .push(rcgen::DnType::CommonName, "credentials-chain test CA");
    let ca = ca_params.self_signed(&ca_key).unwrap();
    let ca_issuer = rcgen::Issuer::new(ca_params, ca_key);
    let leaf_key = rcgen::KeyPair::generate().unwrap();
    let leaf = rcgen::CertificateParams::new(vec!["localhost".to_owned()])
        .unwrap()
        .signed_by(&leaf_key, &ca_issuer)
        .unwrap();
    let (ca_file, cert_file, key_file) = (
        home.join("ca.pem"),
        home.join("cert.pem"),
        home.join("key.pem"),
    );
    std::fs::write(&ca_file, ca.pem()).unwrap();
    std::fs::write(&cert_file, leaf.pem()).unwrap();
    std::fs::write(&key_file, leaf_key.serialize_pem()).unwrap();
    let server = start(json!({
        "known": [{"access_key_id": "AKIDBASE", "secret_access_key": "BASESECRET"}],
        "tls": {"cert": cert_file, "key": key_file},
    }));
    let port = server.url().rsplit(':').next().unwrap().to_owned();
    let endpoint = format!("https://localhost:{port}/service");
    let mut vars = static_credentials().to_vec();
    vars.push(("PROBE_ENDPOINT", endpoint));
    // Without the bundle the certificate is not trusted.
    let run = probe("call", &home, &vars);
    let error = run.step("call", 0)["error"].as_str().unwrap().to_owned();
    assert!(error.to_lowercase().contains("certificate"), "{error}");
    vars.push(("AWS_CA_BUNDLE", ca_file.display().to_string()));
    let run = probe("call", &home, &vars);
    assert_eq!(run.called_with(0), "AKIDBASE");
    assert_eq!(requests(&server, "service").len(), 1);
    // A bundle that is not there is an error that names it.
    vars.pop();
    vars.push((
        "AWS_CA_BUNDLE",
        home.join("missing.pem").display().to_string(),
    ));
    let run = probe("call", &home, &vars);
    let error = run.step("call", 0)["error"].as_str().unwrap().to_owned();
    assert!(
        error.contains("cannot read the CA bundle") && error.contains("missing.pem"),
        "{error}"
    );
}

fn proxies() {
    let server = start(json!({
        "known": [{"access_key_id": "AKIDBASE", "secret_access_key": "BASESECRET"}],
    }));
    let home = home("proxies");
    let with = |extra: &[(&'static str, String)]| {
        let mut vars = static_credentials().to_vec();
        vars.extend_from_slice(extra);
        vars
    };
    // Plain HTTP through HTTP_PROXY: the proxy gets the whole URL.
    let run = probe(
        "call",
        &home,
        &with(&[
            ("HTTP_PROXY", server.url()),
            ("PROBE_ENDPOINT", "http://service.invalid/service".into()),
        ]),
    );
    assert_eq!(run.called_with(0), "AKIDBASE");
    let proxied = requests(&server, "service");
    assert_eq!(proxied.len(), 1);
    assert_eq!(proxied[0]["proxied"], true);
    assert_eq!(proxied[0]["headers"]["host"], "service.invalid");
    // HTTPS through HTTPS_PROXY: a CONNECT tunnel to the endpoint's host (refused here).
    let run = probe(
        "call",
        &home,
        &with(&[
            ("HTTPS_PROXY", server.url()),
            ("PROBE_ENDPOINT", "https://service.invalid/service".into()),
        ]),
    );
    assert!(run.step("call", 0).get("error").is_some());
    // (A refused tunnel is a connect error, which the client retries: one per attempt.)
    let tunnels = requests(&server, "connect");
    assert_eq!(tunnels.len(), 3, "{tunnels:?}");
    assert!(
        tunnels
            .iter()
            .all(|tunnel| tunnel["path"] == "service.invalid:443")
    );
    let before = server.requests().len();
    // NO_PROXY: sent directly, so the made-up host cannot be reached and the proxy sees
    // nothing more.
    let run = probe(
        "call",
        &home,
        &with(&[
            ("HTTP_PROXY", server.url()),
            ("NO_PROXY", "service.invalid".into()),
            ("PROBE_ENDPOINT", "http://service.invalid/service".into()),
        ]),
    );
    assert!(run.step("call", 0).get("error").is_some());
    assert_eq!(server.requests().len(), before);
}

/// The SHA-1 of `text` in hex, as the SSO token cache names its files.
fn sha1_hex(text: &str) -> String {
    use sha1::Digest as _;
    sha1::Sha1::digest(text.as_bytes())
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect()
}

/// The child process: loads the configuration as an application would, runs its steps.
mod probe {
    use std::time::{Duration, SystemTime};

    use serde_json::json;
    use service_runtime::endpoint::Endpoint;
    use service_runtime::{Config, ErrorInfo, Service, invoke};

    const SERVICE: Service = Service {
        signing_name: "probe",
        auth: &[],
        user_agent: "credentials-probe/1",
    };

    pub fn run(steps: &str) {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        runtime.block_on(async {
            let config = match Config::load().await {
                Ok(config) => config,
                Err(error) => {
                    println!("{}", json!({"config": {"error": error.to_string()}}));
                    return;
                }
            };
            println!(
                "{}",
                json!({"config": {"region": config.region(), "debug": format!("{config:?}")}})
            );
            for step in steps.split(',') {
                let line = match step.split_once(':') {
                    Some(("sleep", seconds)) => {
                        tokio::time::sleep(Duration::from_secs(seconds.parse().unwrap())).await;
                        continue;
                    }
                    Some(("concurrent", count)) => {
                        let mut tasks = tokio::task::JoinSet::new();
                        for _ in 0..count.parse::<usize>().unwrap() {
                            let config = config.clone();
                            tasks.spawn(async move {
                                config
                                    .credentials_provider()
                                    .provide_credentials()
                                    .await
                                    .map(|c| c.access_key_id().to_owned())
                                    .unwrap_or_else(|e| e.to_string())
                            });
                        }
                        let mut keys: Vec<String> = tasks.join_all().await;
                        keys.sort();
                        keys.dedup();
                        json!({"concurrent": {"distinct": keys}})
                    }
                    _ if step == "call" => json!({"call": call(&config).await}),
                    _ if step == "credentials" => {
                        match config.credentials_provider().provide_credentials().await {
                            Ok(credentials) => json!({"credentials": {
                                "access_key_id": credentials.access_key_id(),
                                "expires_in_seconds": credentials.expiry().map(|expiry| {
                                    expiry.duration_since(SystemTime::now()).unwrap_or_default().as_secs()
                                }),
                                "debug": format!("{credentials:?}"),
                            }}),
                            Err(error) => json!({"credentials": {"error": error.to_string()}}),
                        }
                    }
                    _ => panic!("unknown probe step {step:?}"),
                };
                println!("{line}");
            }
        });
    }

    /// A signed POST to the stand-in's service route; what it answered.
    async fn call(config: &Config) -> serde_json::Value {
        if let Ok(endpoint) = std::env::var("PROBE_ENDPOINT") {
            return send(config, endpoint).await;
        }
        let endpoint = std::env::var("PROBE_SERVICE_URL")
            .ok()
            .or_else(|| {
                // Every stand-in URL the scenario gave names the same server.
                [
                    "AWS_EC2_METADATA_SERVICE_ENDPOINT",
                    "AWS_CONTAINER_CREDENTIALS_FULL_URI",
                    "AWS_ENDPOINT_URL_STS",
                    "AWS_ENDPOINT_URL_SSO",
                ]
                .iter()
                .find_map(|name| std::env::var(name).ok())
                .map(|url| url.split('/').take(3).collect::<Vec<_>>().join("/"))
            })
            .expect("a stand-in URL");
        send(config, format!("{endpoint}/service")).await
    }

    async fn send(config: &Config, endpoint: String) -> serde_json::Value {
        let request = http::Request::builder()
            .method("POST")
            .uri("/")
            .header("content-type", "application/json")
            .body(b"{}".to_vec())
            .unwrap();
        let result = invoke(
            config,
            &SERVICE,
            &Endpoint::new(endpoint),
            request,
            |response| {
                let body = String::from_utf8_lossy(response.body()).into_owned();
                if response.status() == 200 {
                    Ok(serde_json::from_str::<serde_json::Value>(&body).unwrap())
                } else {
                    Err(format!("{}: {body}", response.status()))
                }
            },
            |_| ErrorInfo::default(),
        )
        .await;
        match result {
            Ok(answer) => answer,
            Err(error) => json!({"error": error.to_string()}),
        }
    }
}
