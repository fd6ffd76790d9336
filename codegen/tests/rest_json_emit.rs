//! What the restJson1 emitter writes for HTTP bindings, on the models of botocore's protocol
//! test suites (`tests/data/botocore-protocols/`): code without unused bindings or redundant
//! statements, which rustc and clippy would flag in every generated crate that has them.

use codegen::load::botocore_suite::{SuiteModel, suite_to_models};

/// The model of `suite` that defines `model_operation`.
fn suite_model(suite: &str, model_operation: &str) -> SuiteModel {
    let path = format!(
        "{}/tests/data/botocore-protocols/{suite}.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {path}: {e}"));
    let json = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"));
    suite_to_models(&json, suite)
        .unwrap_or_else(|e| panic!("{e}"))
        .into_iter()
        .find(|m| m.model["operations"].get(model_operation).is_some())
        .unwrap_or_else(|| panic!("{suite} has no operation {model_operation}"))
}

/// The generated operation module of `operation` (its file name, snake case) from the model of
/// `suite` that defines `model_operation`.
fn operation_file(suite: &str, model_operation: &str, file: &str) -> String {
    module_of(&suite_model(suite, model_operation), file)
}

/// The operation module `file` (snake case) of `model`'s crate, without whitespace.
fn module_of(model: &SuiteModel, file: &str) -> String {
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

#[test]
fn a_blob_payload_output_reads_neither_the_status_nor_the_headers() {
    // As appsync's GetIntrospectionSchema: the output is the body's bytes and nothing else.
    let mut model = suite_model("output/rest-json", "HttpPayloadTraits");
    let output = model.model["operations"]["HttpPayloadTraits"]["output"]["shape"]
        .as_str()
        .expect("the operation names its output")
        .to_owned();
    let members = model.model["shapes"][&output]["members"]
        .as_object_mut()
        .expect("the output has members");
    members
        .remove("foo")
        .expect("the output binds `foo` to a header");
    let code = module_of(&model, "http_payload_traits");
    let read_output = code
        .split("fnread_output(")
        .nth(1)
        .expect("the module has read_output");
    assert!(
        read_output.contains("let_=(status,headers);"),
        "{read_output}"
    );
    assert!(read_output.contains("body.to_vec()"), "{read_output}");
}
