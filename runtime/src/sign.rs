//! SigV4 signing of a request with the `aws-sigv4` crate.

use std::time::SystemTime;

use aws_sigv4::http_request::{SignableBody, SignableRequest, SigningSettings, sign};
use aws_sigv4::sign::v4;
use aws_smithy_runtime_api::client::identity::Identity;
use http::header::{HeaderName, HeaderValue};

use crate::credentials::Credentials;

/// Adds `x-amz-date`, `authorization` and, with a session token, `x-amz-security-token` to
/// `request`, signing its headers and the SHA-256 of its body.
pub(crate) fn identity(credentials: &Credentials) -> Identity {
    aws_credential_types::Credentials::new(
        credentials.access_key_id(),
        credentials.secret_access_key(),
        credentials.session_token().map(str::to_owned),
        credentials.expiry(),
        "service-runtime",
    )
    .into()
}

pub(crate) fn sign_request(
    request: &mut http::Request<Vec<u8>>,
    identity: &Identity,
    region: &str,
    signing_name: &str,
    time: SystemTime,
) -> Result<(), String> {
    let params = v4::SigningParams::builder()
        .identity(identity)
        .region(region)
        .name(signing_name)
        .time(time)
        .settings(SigningSettings::default())
        .build()
        .map_err(|e| format!("invalid signing parameters: {e}"))?
        .into();
    let uri = request.uri().to_string();
    let mut headers = Vec::with_capacity(request.headers().len());
    for (name, value) in request.headers() {
        let value = value
            .to_str()
            .map_err(|_| format!("header `{name}` is not visible ASCII and cannot be signed"))?;
        headers.push((name.as_str(), value));
    }
    let signable = SignableRequest::new(
        request.method().as_str(),
        uri,
        headers.into_iter(),
        SignableBody::Bytes(request.body()),
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
        request
            .headers_mut()
            .insert(HeaderName::from_static(header.name()), value);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::{Duration, UNIX_EPOCH};

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
            "us-east-1",
            "inspector",
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
            "eu-west-1",
            "inspector",
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
        sign_request(&mut first, &identity, "us-east-1", "inspector", time).unwrap();
        sign_request(&mut second, &identity, "us-east-1", "inspector", time).unwrap();
        assert_ne!(
            first.headers()["authorization"],
            second.headers()["authorization"]
        );
    }
}
