//! The generated crate's `Cargo.toml`.

use crate::model::Model;
use crate::symbols::Symbols;

/// The jiff version the generated crate depends on.
const JIFF: &str = "1";
/// The http version: the request and response types of the sans-IO functions. 1.1, the floor of
/// the client's reqwest 0.13 and aws-sigv4; the runtime declares the same.
const HTTP: &str = "1.1";
/// The serde version: the wire form of every type. 1.0.100, the floor of serde_json 1.0.55.
const SERDE: &str = "1.0.100";
/// The serde_json version: the JSON protocols' bodies. `float_roundtrip` exists from 1.0.54,
/// which does not build (its package lacks the build script that picks the float parser's limb
/// width); 1.0.55 builds. The runtime declares the same.
const SERDE_JSON: &str = "1.0.55";
/// The base64 version: blobs on the wire, for models that have them.
const BASE64: &str = "0.22";
/// The client runtime's version.
const RUNTIME: &str = "0.1";
/// The tokio version, for the example programs: the runtime's floor (aws-smithy-runtime-api 1.1.3
/// needs 1.25).
const TOKIO: &str = "1.25";
/// The futures-core and futures-util version, for the paginators. Every futures-util before
/// 0.3.31 is yanked, and 0.3.31 needs futures-core 0.3.31.
const FUTURES: &str = "0.3.31";
/// The regex-lite version, the same the generator checks patterns with.
const REGEX_LITE: &str = "0.1";

/// The manifest's text, after the header line.
pub fn emit_manifest(
    model: &Model,
    symbols: &Symbols,
    crate_name: &str,
    examples: &[&str],
    runtime_path: &str,
) -> String {
    let service = &model.service;
    let description = format!(
        "Types, builders and errors for {} (API version {}), generated from its service model",
        service.title, service.version
    );
    let mut dependencies = vec![
        format!("http = \"{HTTP}\""),
        format!(
            "jiff = {{ version = \"{JIFF}\", default-features = false, features = [\"std\"] }}"
        ),
        // No `derive`: the serde impls are generated, so users do not compile syn for them.
        format!("serde = \"{SERDE}\""),
        // Exact float parsing: a double reads back as the value boto3 reads, to the last bit.
        format!("serde_json = {{ version = \"{SERDE_JSON}\", features = [\"float_roundtrip\"] }}"),
    ];
    if super::wire::uses_blobs(model) {
        dependencies.insert(0, format!("base64 = \"{BASE64}\""));
    }
    if symbols.patterns().next().is_some() {
        dependencies.push(format!("regex-lite = \"{REGEX_LITE}\""));
    }
    let mut features = String::new();
    if super::has_client(model) {
        dependencies.push(format!(
            "service-runtime = {{ version = \"{RUNTIME}\", path = {runtime_path:?}, optional = true, default-features = false }}"
        ));
        // The paginators' `Stream`s; reqwest, the runtime's transport, uses both already.
        dependencies.push(format!(
            "futures-core = {{ version = \"{FUTURES}\", default-features = false, optional = true }}"
        ));
        dependencies.push(format!(
            "futures-util = {{ version = \"{FUTURES}\", default-features = false, optional = true }}"
        ));
        features = "\n[features]\n\
                    # The signed async client: `Client`, `Config`, the endpoint resolver and the paginators,\n\
                    # sending with reqwest and rustls.\n\
                    client = [\"client-core\", \"service-runtime/reqwest\"]\n\
                    # The same client without a default HTTP transport: bring one with `HttpClient`.\n\
                    client-core = [\"dep:service-runtime\", \"dep:futures-core\", \"dep:futures-util\"]\n"
            .to_owned();
    }
    if !examples.is_empty() {
        features.push_str(&format!(
            "\n[dev-dependencies]\n\
             # The example programs' async runtime.\n\
             tokio = {{ version = \"{TOKIO}\", features = [\"rt\"] }}\n"
        ));
    }
    for example in examples {
        features.push_str(&format!(
            "\n[[example]]\nname = \"{example}\"\nrequired-features = [\"client\"]\n"
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
         [dependencies]\n\
         {}\n{features}",
        dependencies.join("\n")
    )
}
