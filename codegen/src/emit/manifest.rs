//! The generated crate's `Cargo.toml`.

use crate::model::Model;

/// The http version: the request and response types of the sans-IO functions. 1.3.1, the floor
/// of aws-smithy-runtime-api 1.19, which the client's full credentials chain needs; the runtime
/// declares the same.
const HTTP: &str = "1.3.1";
/// The serde version: the codecs and the user-facing serde form. 1.0.228, the floor of
/// aws-smithy-types 1.9, which the client's full credentials chain (aws-config 1.13) needs; the
/// runtime declares the same.
const SERDE: &str = "1.0.228";
/// The serde_json version, for the generated tests: the runtime's floor (`float_roundtrip`
/// exists from 1.0.54, which does not build).
const SERDE_JSON: &str = "1.0.55";
/// The runtime's version.
const RUNTIME: &str = "0.1";
/// The tokio version, for the example programs: the runtime's floor (aws-smithy-runtime-api
/// 1.19 needs 1.49).
const TOKIO: &str = "1.49";

/// `, features = [...]` for the runtime features the protocol layer asks for, or nothing.
fn runtime_features(model: &Model) -> String {
    let features = crate::protocol::runtime_features(model);
    if features.is_empty() {
        String::new()
    } else {
        let quoted: Vec<String> = features.iter().map(|f| format!("{f:?}")).collect();
        format!(", features = [{}]", quoted.join(", "))
    }
}

/// The manifest's text, after the header line.
pub fn emit_manifest(
    model: &Model,
    crate_name: &str,
    examples: &[&str],
    runtime_path: &str,
) -> String {
    let service = &model.service;
    let description = format!(
        "Types, builders and errors for {} (API version {}), generated from its service model",
        service.title, service.version
    );
    let dependencies = [
        // The request and response types of the sans-IO functions.
        format!("http = \"{HTTP}\""),
        // No `derive`: the serde impls are generated, so users do not compile syn for them.
        format!("serde = \"{SERDE}\""),
        // The support every generated crate shares; without features, no async runtime, no
        // HTTP client and no TLS.
        format!(
            "service-runtime = {{ version = \"{RUNTIME}\", path = {runtime_path:?}, default-features = false{} }}",
            runtime_features(model)
        ),
    ];
    // The user-facing serde form: `Serialize`/`Deserialize` with boto3's keys.
    let mut features = "\n[features]\n\
                        # `Serialize` and `Deserialize` for every type, with every member under boto3's keys.\n\
                        serde = []\n"
        .to_owned();
    if super::has_client(model) {
        // A service whose model or endpoints select SigV4a needs the runtime's SigV4a signer.
        let sigv4a = if super::auth::uses_sigv4a(model) {
            ", \"service-runtime/sigv4a\""
        } else {
            ""
        };
        // Input event streams go over HTTP/2: the default transport speaks it for them.
        let (http2, http2_doc) = if crate::protocol::has_input_event_streams(model) {
            (
                ", \"service-runtime/http2\"",
                "\n# HTTP/2 for the operations that send an input event stream.",
            )
        } else {
            ("", "")
        };
        features.push_str(&format!(
            "# The signed async client: `Client`, `Config`, the endpoint resolver and the paginators,\n\
             # sending with reqwest and rustls, with the full credentials chain (aws-config's\n\
             # profile, SSO, web identity and container providers, and instance metadata).{http2_doc}\n\
             client = [\"client-core\", \"service-runtime/reqwest\", \"service-runtime/aws-config\"{http2}]\n\
             # The same client without a default HTTP transport and with the small credentials\n\
             # chain (environment, static profile keys): bring a transport with `HttpClient`.\n\
             client-core = [\"service-runtime/client\"{sigv4a}]\n\
             # The blocking client (`blocking::Client`): the same calls on the calling thread,\n\
             # over ureq and rustls, with no async runtime.\n\
             blocking = [\"service-runtime/blocking\"{sigv4a}]\n",
        ));
    }
    // The generated tests compare JSON bodies.
    features.push_str(&format!(
        "\n[dev-dependencies]\n\
         serde_json = \"{SERDE_JSON}\"\n"
    ));
    if !examples.is_empty() {
        features.push_str(&format!(
            "# The example programs' async runtime.\n\
             tokio = {{ version = \"{TOKIO}\", features = [\"rt\"] }}\n"
        ));
    }
    for example in examples {
        features.push_str(&format!(
            "\n[[example]]\nname = \"{example}\"\nrequired-features = [\"client\", \"serde\"]\n"
        ));
    }
    format!(
        "[package]\n\
         name = \"{crate_name}\"\n\
         version = \"0.1.0\"\n\
         edition = \"2024\"\n\
         rust-version = \"1.85\"\n\
         description = {description:?}\n\
         license = \"Apache-2.0\"\n\
         publish = false\n\
         \n\
         # No unit tests live in src/ (the tests are in tests/ and the docs): without this,\n\
         # `cargo test` would build the whole crate a second time for an empty test harness.\n\
         [lib]\n\
         test = false\n\
         \n\
         [dependencies]\n\
         {}\n{features}",
        dependencies.join("\n")
    )
}
