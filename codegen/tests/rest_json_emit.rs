//! What the restJson1 emitter writes for HTTP bindings, on the models of botocore's protocol
//! test suites (`tests/data/botocore-protocols/`): code without unused bindings or redundant
//! statements, which rustc and clippy would flag in every generated crate that has them.

use codegen::load::botocore_suite::suite_to_models;

/// The generated operation module of `operation` (its file name, snake case) from the model of
/// `suite` that defines `model_operation`.
fn operation_file(suite: &str, model_operation: &str, file: &str) -> String {
    let path = format!(
        "{}/tests/data/botocore-protocols/{suite}.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {path}: {e}"));
    let json = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"));
    let models = suite_to_models(&json, suite).unwrap_or_else(|e| panic!("{e}"));
    let model = models
        .iter()
        .find(|m| m.model["operations"].get(model_operation).is_some())
        .unwrap_or_else(|| panic!("{suite} has no operation {model_operation}"));
    let files = codegen::generate(&model.source(), &codegen::Options::default())
        .unwrap_or_else(|e| panic!("{e}"));
    let path = format!("src/operation/{file}.rs");
    files
        .get(&path)
        .unwrap_or_else(|| panic!("no {path} among {:?}", files.keys().collect::<Vec<_>>()))
        .split_whitespace()
        .collect()
}

#[test]
fn an_output_bound_only_to_the_status_code_leaves_the_headers_unread_on_purpose() {
    // As lambda's DeleteFunction: `StatusCode` is the output's one member.
    let code = operation_file("output/rest-json", "HttpResponseCode", "http_response_code");
    let read_output = code
        .split("fnread_output(")
        .nth(1)
        .expect("the module has read_output");
    assert!(read_output.contains("let_=headers;"), "{read_output}");
    assert!(read_output.contains("i32::from(status)"), "{read_output}");
}

#[test]
fn a_blob_payload_is_written_without_rebinding_it() {
    // `let value = value;` is clippy's redundant_locals (lambda's Invoke).
    let code = operation_file(
        "input/rest-json",
        "HttpPayloadTraits",
        "http_payload_traits",
    );
    assert!(!code.contains("letvalue=value;"), "{code}");
    assert!(code.contains("value.clone()"), "{code}");
}
