//! SigV4 and SigV4a signing of a request with the `aws-sigv4` crate.

use std::time::SystemTime;

use aws_sigv4::http_request::{
    PayloadChecksumKind, PercentEncodingMode, SignableBody, SignableRequest, SigningParams,
    SigningSettings, sign,
};
use aws_sigv4::sign::v4;
use aws_smithy_runtime_api::client::identity::Identity;
use http::header::{HeaderName, HeaderValue};

use crate::credentials::Credentials;

/// The credentials as the signer's identity.
pub(crate) fn identity(credentials: &Credentials) -> Identity {
    aws_credential_types::Credentials::from(credentials).into()
}

/// How to sign: the scheme (SigV4 or SigV4a), the signing name and region (SigV4a: the region
/// set, comma-separated), and the settings the model and the endpoint give.
#[derive(Debug, Clone, Copy)]
pub(crate) struct SigningOptions<'a> {
    pub(crate) sigv4a: bool,
    pub(crate) name: &'a str,
    pub(crate) region: &'a str,
    /// Sign `UNSIGNED-PAYLOAD` instead of the body's hash (only asked for over HTTPS).
    pub(crate) unsigned_payload: bool,
    /// The endpoint's `disableDoubleEncoding`: the path is percent-encoded once.
    pub(crate) disable_double_encoding: bool,
}

/// Adds `x-amz-date`, `authorization`, with a session token `x-amz-security-token`, with
/// SigV4a `x-amz-region-set`, and with an unsigned payload `x-amz-content-sha256` to
/// `request`, signing its headers and the SHA-256 of its body (or `UNSIGNED-PAYLOAD`).
#[cfg(test)]
pub(crate) fn sign_request(
    request: &mut http::Request<Vec<u8>>,
    identity: &Identity,
    options: SigningOptions<'_>,
    time: SystemTime,
) -> Result<(), String> {
    let body = request.body().clone();
    let method = request.method().clone();
    let uri = request.uri().clone();
    sign_head(
        &method,
        &uri,
        request.headers_mut(),
        Payload::Bytes(&body),
        identity,
        options,
        time,
    )
}

/// What the signature covers of the body.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Payload<'a> {
    /// The body, whole in memory: its SHA-256 is computed.
    Bytes(&'a [u8]),
    /// The hex SHA-256 of a body that is streamed (a file, hashed before sending).
    Sha256(&'a str),
}

/// Signs a request with `method`, `uri`, `headers` (to which the signature's headers are
/// added) and a body that `payload` describes; with [`SigningOptions::unsigned_payload`] the
/// body is not covered (`UNSIGNED-PAYLOAD`).
pub(crate) fn sign_head(
    method: &http::Method,
    uri: &http::Uri,
    headers: &mut http::HeaderMap,
    payload: Payload<'_>,
    identity: &Identity,
    options: SigningOptions<'_>,
    time: SystemTime,
) -> Result<(), String> {
    let mut settings = SigningSettings::default();
    if options.disable_double_encoding {
        settings.percent_encoding_mode = PercentEncodingMode::Single;
    }
    if options.unsigned_payload {
        settings.payload_checksum_kind = PayloadChecksumKind::XAmzSha256;
    }
    let params: SigningParams<'_> = if options.sigv4a {
        sigv4a_params(identity, options, time, settings)?
    } else {
        v4::SigningParams::builder()
            .identity(identity)
            .region(options.region)
            .name(options.name)
            .time(time)
            .settings(settings)
            .build()
            .map_err(|e| format!("invalid signing parameters: {e}"))?
            .into()
    };
    let uri = uri.to_string();
    let mut pairs = Vec::with_capacity(headers.len());
    for (name, value) in headers.iter() {
        let value = value
            .to_str()
            .map_err(|_| format!("header `{name}` is not visible ASCII and cannot be signed"))?;
        pairs.push((name.as_str(), value));
    }
    let signable = SignableRequest::new(
        method.as_str(),
        uri,
        pairs.into_iter(),
        match payload {
            _ if options.unsigned_payload => SignableBody::UnsignedPayload,
            Payload::Bytes(bytes) => SignableBody::Bytes(bytes),
            Payload::Sha256(hash) => SignableBody::Precomputed(hash.to_owned()),
        },
    )
    .map_err(|e| format!("cannot sign the request: {e}"))?;
    let (instructions, _signature) = sign(signable, &params)
        .map_err(|e| format!("cannot sign the request: {e}"))?
        .into_parts();
    let (signed_headers, _query) = instructions.into_parts();
    for header in signed_headers {
        let mut value = HeaderValue::from_str(header.value())
            .map_err(|_| format!("the signer made an invalid `{}` header", header.name()))?;
        // The signature and the token are credentials of a kind: keep them out of logs.
        value.set_sensitive(
            header.sensitive() || matches!(header.name(), "authorization" | "x-amz-security-token"),
        );
        headers.insert(HeaderName::from_static(header.name()), value);
    }
    Ok(())
}

#[cfg(feature = "sigv4a")]
fn sigv4a_params<'a>(
    identity: &'a Identity,
    options: SigningOptions<'a>,
    time: SystemTime,
    settings: SigningSettings,
) -> Result<SigningParams<'a>, String> {
    Ok(aws_sigv4::sign::v4a::SigningParams::builder()
        .identity(identity)
        .region_set(options.region)
        .name(options.name)
        .time(time)
        .settings(settings)
        .build()
        .map_err(|e| format!("invalid signing parameters: {e}"))?
        .into())
}

#[cfg(not(feature = "sigv4a"))]
fn sigv4a_params<'a>(
    _identity: &'a Identity,
    _options: SigningOptions<'a>,
    _time: SystemTime,
    _settings: SigningSettings,
) -> Result<SigningParams<'a>, String> {
    Err("SigV4a signing needs the `sigv4a` feature of service-runtime".to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::{Duration, UNIX_EPOCH};

    fn v4<'a>(region: &'a str, name: &'a str) -> SigningOptions<'a> {
        SigningOptions {
            sigv4a: false,
            name,
            region,
            unsigned_payload: false,
            disable_double_encoding: false,
        }
    }

    fn request() -> http::Request<Vec<u8>> {
        http::Request::builder()
            .method("POST")
            .uri("https://inspector.us-east-1.amazonaws.com/")
            .header("content-type", "application/x-amz-json-1.1")
            .header("x-amz-target", "InspectorService.ListFindings")
            .body(b"{}".to_vec())
            .unwrap()
    }

    #[test]
    fn signing_adds_date_authorization_and_token() {
        let mut request = request();
        let credentials = Credentials::new("AKIDEXAMPLE", "SECRET", Some("TOKEN".into()));
        // 2015-08-30T12:36:00Z
        let time = UNIX_EPOCH + Duration::from_secs(1_440_938_160);
        sign_request(
            &mut request,
            &identity(&credentials),
            v4("us-east-1", "inspector"),
            time,
        )
        .unwrap();
        let header = |name: &str| request.headers()[name].to_str().unwrap().to_owned();
        assert_eq!(header("x-amz-date"), "20150830T123600Z");
        assert_eq!(header("x-amz-security-token"), "TOKEN");
        let authorization = header("authorization");
        assert!(
            authorization.starts_with(
                "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/inspector/aws4_request, \
                 SignedHeaders=content-type;host;x-amz-date;x-amz-security-token;x-amz-target, \
                 Signature="
            ),
            "{authorization}"
        );
        assert!(!authorization.contains("SECRET"));
        assert!(request.headers()["authorization"].is_sensitive());
    }

    #[test]
    fn without_a_token_there_is_no_security_token_header() {
        let mut request = request();
        let credentials = Credentials::new("AKID", "SECRET", None);
        sign_request(
            &mut request,
            &identity(&credentials),
            v4("eu-west-1", "inspector"),
            SystemTime::now(),
        )
        .unwrap();
        assert!(!request.headers().contains_key("x-amz-security-token"));
    }

    #[test]
    fn a_different_body_gives_a_different_signature() {
        let credentials = Credentials::new("AKID", "SECRET", None);
        let time = UNIX_EPOCH + Duration::from_secs(1_700_000_000);
        let mut first = request();
        let mut second = request();
        *second.body_mut() = b"{\"a\":1}".to_vec();
        let identity = identity(&credentials);
        sign_request(&mut first, &identity, v4("us-east-1", "inspector"), time).unwrap();
        sign_request(&mut second, &identity, v4("us-east-1", "inspector"), time).unwrap();
        assert_ne!(
            first.headers()["authorization"],
            second.headers()["authorization"]
        );
    }

    #[test]
    fn an_unsigned_payload_signs_the_constant_instead_of_the_body() {
        let credentials = Credentials::new("AKID", "SECRET", None);
        let time = UNIX_EPOCH + Duration::from_secs(1_700_000_000);
        let options = SigningOptions {
            unsigned_payload: true,
            ..v4("us-east-1", "inspector")
        };
        let mut first = request();
        let mut second = request();
        *second.body_mut() = b"{\"a\":1}".to_vec();
        let identity = identity(&credentials);
        sign_request(&mut first, &identity, options, time).unwrap();
        sign_request(&mut second, &identity, options, time).unwrap();
        assert_eq!(first.headers()["x-amz-content-sha256"], "UNSIGNED-PAYLOAD");
        // The body is not part of the signature.
        assert_eq!(
            first.headers()["authorization"],
            second.headers()["authorization"]
        );
        assert!(
            first.headers()["authorization"]
                .to_str()
                .unwrap()
                .contains("x-amz-content-sha256")
        );
    }

    #[cfg(feature = "sigv4a")]
    #[test]
    fn sigv4a_signs_for_the_region_set_with_a_signature_the_derived_key_verifies() {
        use p256::ecdsa::signature::Verifier;
        use sha2::Digest;

        let mut request = request();
        let credentials = Credentials::new("AKIDEXAMPLE", "SECRET", None);
        let time = UNIX_EPOCH + Duration::from_secs(1_440_938_160);
        let options = SigningOptions {
            sigv4a: true,
            ..v4("us-east-1,us-west-2", "inspector")
        };
        sign_request(&mut request, &identity(&credentials), options, time).unwrap();
        let header = |name: &str| request.headers()[name].to_str().unwrap().to_owned();
        assert_eq!(header("x-amz-region-set"), "us-east-1,us-west-2");
        let authorization = header("authorization");
        let prefix = "AWS4-ECDSA-P256-SHA256 Credential=AKIDEXAMPLE/20150830/inspector/aws4_request, \
                      SignedHeaders=content-type;host;x-amz-date;x-amz-region-set;x-amz-target, \
                      Signature=";
        assert!(authorization.starts_with(prefix), "{authorization}");
        let signature = &authorization[prefix.len()..];

        // The string to sign, rebuilt from the canonical request by hand.
        let body_hash = hex(&sha2::Sha256::digest(b"{}"));
        let canonical = format!(
            "POST\n/\n\ncontent-type:application/x-amz-json-1.1\nhost:inspector.us-east-1.amazonaws.com\n\
             x-amz-date:20150830T123600Z\nx-amz-region-set:us-east-1,us-west-2\n\
             x-amz-target:InspectorService.ListFindings\n\n\
             content-type;host;x-amz-date;x-amz-region-set;x-amz-target\n{body_hash}"
        );
        let string_to_sign = format!(
            "AWS4-ECDSA-P256-SHA256\n20150830T123600Z\n20150830/inspector/aws4_request\n{}",
            hex(&sha2::Sha256::digest(canonical.as_bytes()))
        );
        // The public key of the key aws-sigv4 derives from the secret (SigV4a's KDF).
        let private = aws_sigv4::sign::v4a::generate_signing_key("AKIDEXAMPLE", "SECRET");
        let key = p256::ecdsa::SigningKey::from_bytes(private.as_ref()).unwrap();
        let der: Vec<u8> = (0..signature.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&signature[i..i + 2], 16).unwrap())
            .collect();
        let signature = p256::ecdsa::Signature::from_der(&der).unwrap();
        key.verifying_key()
            .verify(string_to_sign.as_bytes(), &signature)
            .expect("the signature verifies with the derived public key");
        // Another string does not verify: the check can fail.
        assert!(
            key.verifying_key()
                .verify(b"something else", &signature)
                .is_err()
        );
    }

    #[cfg(feature = "sigv4a")]
    fn hex(bytes: &[u8]) -> String {
        bytes.iter().map(|b| format!("{b:02x}")).collect()
    }
}
