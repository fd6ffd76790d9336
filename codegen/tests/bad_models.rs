//! Models the generator must refuse: each fails with a message naming the file, the shape
//! (where there is one) and the problem, without panicking and without writing anything.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use codegen::output::{self, Mode};
use codegen::source::ModelSource;

/// The file name the models below are shown under.
const FILE: &str = "service-2.json";

/// A minimal botocore model with one operation, `Get`, whose input is `GetRequest`, and the
/// given `shapes` (a JSON object's text).
fn model_with_shapes(shapes: &str) -> String {
    format!(
        r#"{{
  "version": "2.0",
  "metadata": {{
    "apiVersion": "2024-01-01",
    "endpointPrefix": "bad",
    "jsonVersion": "1.1",
    "protocol": "json",
    "serviceId": "Bad"
  }},
  "operations": {{
    "Get": {{"name": "Get", "input": {{"shape": "GetRequest"}}, "errors": [{{"shape": "Oops"}}]}}
  }},
  "shapes": {shapes}
}}"#
    )
}

/// The shapes every model above needs besides the ones a test adds to `GetRequest`.
const OOPS: &str = r#""Oops": {"type": "structure", "members": {}, "exception": true}"#;

/// The message `generate` fails with for `text`.
fn error(text: &str) -> String {
    let source = ModelSource::from_text(FILE, text);
    match codegen::generate(&source, &codegen::Options::default()) {
        Ok(files) => panic!("the model generated {} files:\n{text}", files.len()),
        Err(error) => error.to_string(),
    }
}

fn fixture(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("tests/fixtures/bad/{name}"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

#[test]
fn the_minimal_model_itself_generates() {
    let text = model_with_shapes(&format!(
        r#"{{"GetRequest": {{"type": "structure", "members": {{}}}}, {OOPS}}}"#
    ));
    let source = ModelSource::from_text(FILE, text);
    codegen::generate(&source, &codegen::Options::default()).unwrap();
}

#[test]
fn text_that_is_not_json_is_refused_with_its_line_and_column() {
    assert_eq!(
        error("{\n  \"metadata\": {,\n}"),
        "service-2.json: not valid JSON: key must be a string at line 2 column 16"
    );
}

#[test]
fn json_that_is_not_an_object_is_refused() {
    assert_eq!(
        error("[]"),
        "service-2.json: the model must be a JSON object, found an array"
    );
}

#[test]
fn a_required_list_that_is_a_string_is_refused() {
    let text = model_with_shapes(&format!(
        r#"{{"GetRequest": {{"type": "structure", "required": "x", "members": {{}}}}, {OOPS}}}"#
    ));
    assert_eq!(
        error(&text),
        "service-2.json: shape `com.amazonaws.bad#GetRequest`: \
         `required` must be an array, found the string \"x\""
    );
}

#[test]
fn member_documentation_that_is_a_number_is_refused_naming_the_member() {
    let text = model_with_shapes(&format!(
        r#"{{"GetRequest": {{"type": "structure", "members": {{"id": {{"shape": "Id", "documentation": 3}}}}}},
            "Id": {{"type": "string"}}, {OOPS}}}"#
    ));
    assert_eq!(
        error(&text),
        "service-2.json: shape `com.amazonaws.bad#GetRequest`: member `id`: \
         `documentation` must be a string, found the number 3"
    );
}

#[test]
fn a_member_targeting_a_missing_shape_is_refused() {
    let text = model_with_shapes(&format!(
        r#"{{"GetRequest": {{"type": "structure", "members": {{"id": {{"shape": "Nowhere"}}}}}}, {OOPS}}}"#
    ));
    assert_eq!(
        error(&text),
        "service-2.json: shape `com.amazonaws.bad#GetRequest`: \
         member `id` targets `com.amazonaws.bad#Nowhere`, which the model does not define"
    );
}

#[test]
fn a_member_without_a_target_is_refused() {
    let text = model_with_shapes(&format!(
        r#"{{"GetRequest": {{"type": "structure", "members": {{"id": {{}}}}}}, {OOPS}}}"#
    ));
    assert_eq!(
        error(&text),
        "service-2.json: shape `com.amazonaws.bad#GetRequest`: member `id`: `shape` is missing"
    );
}

#[test]
fn an_unknown_shape_type_is_refused() {
    let text = model_with_shapes(&format!(
        r#"{{"GetRequest": {{"type": "structure", "members": {{"id": {{"shape": "Id"}}}}}},
            "Id": {{"type": "varchar"}}, {OOPS}}}"#
    ));
    assert_eq!(
        error(&text),
        "service-2.json: shape `com.amazonaws.bad#Id`: unknown shape type `varchar` \
         (known: blob, boolean, string, byte, short, integer, long, float, double, bigdecimal, \
         biginteger, timestamp, list, map, structure)"
    );
}

#[test]
fn an_enum_without_values_is_refused() {
    let text = model_with_shapes(&format!(
        r#"{{"GetRequest": {{"type": "structure", "members": {{"kind": {{"shape": "Kind"}}}}}},
            "Kind": {{"type": "string", "enum": []}}, {OOPS}}}"#
    ));
    assert_eq!(
        error(&text),
        "service-2.json: shape `com.amazonaws.bad#Kind`: `enum` lists no values"
    );
}

#[test]
fn shapes_whose_names_collide_in_rust_are_refused_naming_both() {
    assert_eq!(
        error(&fixture("colliding_shapes.json")),
        "service-2.json: names collide: the shape `com.amazonaws.collisions#FooBar` and the \
         shape `com.amazonaws.collisions#Foo_Bar` both become the Rust type `FooBar`"
    );
}

#[test]
fn members_whose_names_collide_in_rust_are_refused_naming_both() {
    assert_eq!(
        error(&fixture("colliding_members.json")),
        "service-2.json: names collide: the member `fooBar` of `com.amazonaws.collisions#Item` \
         and the member `FooBar` of `com.amazonaws.collisions#Item` both become the Rust method \
         `foo_bar`"
    );
}

#[test]
fn input_members_that_collide_are_named_by_their_operation() {
    let text = model_with_shapes(&format!(
        r#"{{"GetRequest": {{"type": "structure", "members": {{"name": {{"shape": "Text"}}, "setName": {{"shape": "Text"}}}}}},
            "Text": {{"type": "string"}}, {OOPS}}}"#
    ));
    assert_eq!(
        error(&text),
        "service-2.json: names collide: the input member `name` of `com.amazonaws.bad#Get` and \
         the input member `setName` of `com.amazonaws.bad#Get` both become the Rust method \
         `set_name`"
    );
}

#[test]
fn a_member_name_without_letters_is_refused() {
    let text = model_with_shapes(&format!(
        r#"{{"GetRequest": {{"type": "structure", "members": {{"*": {{"shape": "Text"}}}}}},
            "Text": {{"type": "string"}}, {OOPS}}}"#
    ));
    assert_eq!(
        error(&text),
        "service-2.json: shape `com.amazonaws.bad#Get`: input member `*` has no ASCII letter \
         or digit to make a Rust identifier from"
    );
}

#[test]
fn errors_named_unhandled_and_unhandled_value_in_one_operation_are_refused() {
    let text = model_with_shapes(&format!(
        r#"{{"GetRequest": {{"type": "structure", "members": {{}}}},
            "Unhandled": {{"type": "structure", "members": {{}}, "exception": true}},
            "UnhandledValue": {{"type": "structure", "members": {{}}, "exception": true}}, {OOPS}}}"#
    ))
    .replace(
        r#"[{"shape": "Oops"}]"#,
        r#"[{"shape": "Unhandled"}, {"shape": "UnhandledValue"}]"#,
    );
    assert_eq!(
        error(&text),
        "service-2.json: names collide: the error `com.amazonaws.bad#Unhandled` of \
         `com.amazonaws.bad#Get` and the error `com.amazonaws.bad#UnhandledValue` of \
         `com.amazonaws.bad#Get` both become the Rust variant `UnhandledValue`"
    );
}

#[test]
fn an_unsupported_protocol_is_refused_naming_it() {
    let text = model_with_shapes(&format!(
        r#"{{"GetRequest": {{"type": "structure", "members": {{}}}}, {OOPS}}}"#
    ))
    .replace(r#""protocol": "json""#, r#""protocol": "rest-xml""#);
    assert_eq!(
        error(&text),
        "service-2.json: the model uses protocol `rest-xml`, which the generator does not \
         support (it supports botocore's `json` and `rest-json`: `aws.protocols#awsJson1_0`, \
         `aws.protocols#awsJson1_1`, `aws.protocols#restJson1`)"
    );
}

/// Every file under `dir`, by relative path, with its bytes.
fn contents(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut found = BTreeMap::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(folder) = pending.pop() {
        for entry in std::fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                pending.push(path);
            } else {
                let bytes = std::fs::read(&path).unwrap();
                found.insert(path.strip_prefix(dir).unwrap().to_path_buf(), bytes);
            }
        }
    }
    found
}

#[test]
fn a_bad_model_leaves_the_output_folder_untouched() {
    let scratch = std::env::temp_dir().join(format!("codegen-bad-model-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&scratch);
    let (model, out) = (scratch.join("model"), scratch.join("out"));
    std::fs::create_dir_all(&model).unwrap();
    std::fs::create_dir_all(out.join("src")).unwrap();
    // Loads and transforms; fails late, when the symbol table names the shapes.
    std::fs::write(
        model.join("service-2.json"),
        fixture("colliding_shapes.json"),
    )
    .unwrap();
    // A generated file the run would remove or rewrite, and a hand-written one.
    std::fs::write(
        out.join("src/lib.rs"),
        "// Code generated by `cargo xtask codegen` from old.json. DO NOT EDIT.\n",
    )
    .unwrap();
    std::fs::write(out.join("src/hand.rs"), "fn main() {}\n").unwrap();
    let before = contents(&out);

    // The same path `cargo xtask codegen` takes.
    let result = codegen::source::read(&model, Some(&scratch))
        .and_then(|source| codegen::generate(&source, &codegen::Options::default()))
        .and_then(|files| output::apply(&out, &files, Mode::Write));

    let after = contents(&out);
    std::fs::remove_dir_all(&scratch).unwrap();
    assert_eq!(
        result.unwrap_err().to_string(),
        "model/service-2.json: names collide: the shape `com.amazonaws.collisions#FooBar` and \
         the shape `com.amazonaws.collisions#Foo_Bar` both become the Rust type `FooBar`"
    );
    assert_eq!(after, before, "the output folder changed");
}

#[test]
fn an_operation_with_a_streaming_member_is_left_out_and_the_crate_says_so() {
    let text = model_with_shapes(&format!(
        r#"{{"GetRequest": {{"type": "structure", "members": {{"Body": {{"shape": "Stream"}}}}}},
            "Stream": {{"type": "blob", "streaming": true}}, {OOPS}}}"#
    ));
    let lib = left_out_crate_lib(&text);
    assert!(
        lib.contains("//! - `Get`: it uses streaming payloads (member `Body` of `GetRequest`)."),
        "{lib}"
    );
}

/// The `src/lib.rs` of the crate of `text`, whose only operation, `Get`, is left out.
fn left_out_crate_lib(text: &str) -> String {
    let source = ModelSource::from_text(FILE, text);
    let files = codegen::generate(&source, &codegen::Options::default()).unwrap();
    assert!(
        !files.keys().any(|path| path.starts_with("src/operation/")),
        "{:?}",
        files.keys()
    );
    files["src/lib.rs"].clone()
}

#[test]
fn an_operation_that_requires_a_checksum_is_left_out_and_the_crate_says_so() {
    let text = model_with_shapes(&format!(
        r#"{{"GetRequest": {{"type": "structure", "members": {{}}}}, {OOPS}}}"#
    ))
    .replace(
        r#""name": "Get","#,
        r#""name": "Get", "httpChecksumRequired": true,"#,
    );
    let lib = left_out_crate_lib(&text);
    assert!(
        lib.contains("//! ## Not generated yet")
            && lib.contains("//! - `Get`: it uses `httpChecksumRequired` (a Content-MD5 header)."),
        "{lib}"
    );
}
