//! Valid models whose names meet in Rust: each generates, with the names aws-sdk-rust gives
//! (one name in two modules) or the deterministic rename the README lists, and a `Renamed`
//! note for every rename.

use codegen::model::{Note, NoteKind};
use codegen::source::ModelSource;

/// A botocore awsJson 1.1 model with these `operations` and `shapes` (JSON objects' text).
fn model(operations: &str, shapes: &str) -> String {
    format!(
        r#"{{
  "version": "2.0",
  "metadata": {{
    "apiVersion": "2024-01-01",
    "endpointPrefix": "names",
    "jsonVersion": "1.1",
    "protocol": "json",
    "serviceId": "Names"
  }},
  "operations": {operations},
  "shapes": {shapes}
}}"#
    )
}

fn generate(text: &str) -> codegen::Generated {
    let source = ModelSource::from_text("service-2.json", text);
    codegen::generate_with_summary(&source, &codegen::Options::default())
        .unwrap_or_else(|e| panic!("the model does not generate: {e}"))
}

fn file<'g>(generated: &'g codegen::Generated, path: &str) -> &'g str {
    generated
        .files
        .get(path)
        .unwrap_or_else(|| panic!("no {path}; files: {:?}", generated.files.keys()))
}

fn renamed(generated: &codegen::Generated) -> Vec<&str> {
    generated
        .notes
        .iter()
        .filter(|note| note.kind == NoteKind::Renamed)
        .map(|note| note.text.as_str())
        .collect()
}

#[test]
fn an_operation_error_enum_and_a_shape_of_its_name_live_in_two_modules() {
    let generated = generate(&model(
        r#"{"BatchGet": {"name": "BatchGet", "output": {"shape": "BatchGetResponse"}}}"#,
        r#"{"BatchGetResponse": {"type": "structure",
                                 "members": {"errors": {"shape": "BatchGetErrors"}}},
            "BatchGetErrors": {"type": "list", "member": {"shape": "BatchGetError"}},
            "BatchGetError": {"type": "structure", "members": {"code": {"shape": "S"}}},
            "S": {"type": "string"}}"#,
    ));
    let operation = file(&generated, "src/operation/batch_get.rs");
    assert!(
        operation.contains("pub enum BatchGetError {"),
        "{operation}"
    );
    assert!(
        operation.contains("Vec<crate::types::BatchGetError>"),
        "{operation}"
    );
    assert!(!operation.contains("use crate::types::BatchGetError;"));
    let shape = file(&generated, "src/types/batch_get_error.rs");
    assert!(shape.contains("pub struct BatchGetError {"), "{shape}");
    assert!(renamed(&generated).is_empty(), "{:?}", generated.notes);
}

#[test]
fn an_operation_output_and_a_shape_of_its_name_live_in_two_modules() {
    let generated = generate(&model(
        r#"{"Converse": {"name": "Converse", "output": {"shape": "ConverseResponse"}}}"#,
        r#"{"ConverseResponse": {"type": "structure",
                                 "members": {"output": {"shape": "ConverseOutput"}}},
            "ConverseOutput": {"type": "structure", "members": {"text": {"shape": "S"}},
                               "union": true},
            "S": {"type": "string"}}"#,
    ));
    let operation = file(&generated, "src/operation/converse.rs");
    assert!(
        operation.contains("pub struct ConverseOutput {"),
        "{operation}"
    );
    assert!(
        operation.contains("Option<crate::types::ConverseOutput>"),
        "{operation}"
    );
    let union = file(&generated, "src/types/converse_output.rs");
    assert!(union.contains("pub enum ConverseOutput {"), "{union}");
    assert!(renamed(&generated).is_empty(), "{:?}", generated.notes);
}

#[test]
fn a_builder_and_a_shape_of_its_name_live_in_two_modules() {
    let generated = generate(&model(
        r#"{"Get": {"name": "Get", "input": {"shape": "GetRequest"}}}"#,
        r#"{"GetRequest": {"type": "structure",
                           "members": {"a": {"shape": "AppBlock"},
                                       "b": {"shape": "AppBlockBuilder"}}},
            "AppBlock": {"type": "structure",
                         "members": {"builder": {"shape": "AppBlockBuilder"}}},
            "AppBlockBuilder": {"type": "structure", "members": {"name": {"shape": "S"}}},
            "S": {"type": "string"}}"#,
    ));
    let types = file(&generated, "src/types.rs");
    assert!(
        types.contains("pub use app_block_builder::AppBlockBuilder;"),
        "{types}"
    );
    assert!(
        types.contains("pub use super::app_block::AppBlockBuilder;"),
        "{types}"
    );
    assert!(
        types.contains("pub use super::app_block_builder::AppBlockBuilderBuilder;"),
        "{types}"
    );
    // `AppBlock`'s file defines its builder, so the shape is written as its path there.
    let app_block = file(&generated, "src/types/app_block.rs");
    assert!(
        app_block.contains("pub struct AppBlockBuilder {"),
        "{app_block}"
    );
    assert!(
        app_block.contains("Option<crate::types::AppBlockBuilder>"),
        "{app_block}"
    );
    assert!(renamed(&generated).is_empty(), "{:?}", generated.notes);
}

#[test]
fn an_error_an_operation_lists_twice_is_one_variant() {
    let generated = generate(&model(
        r#"{"Get": {"name": "Get", "errors": [{"shape": "Oops"}, {"shape": "Oops"}]}}"#,
        r#"{"Oops": {"type": "structure", "members": {}, "exception": true}}"#,
    ));
    let operation = file(&generated, "src/operation/get.rs");
    assert_eq!(
        operation.matches("    Oops(Oops),").count(),
        1,
        "{operation}"
    );
}

#[test]
fn a_shape_named_like_an_operation_takes_the_shape_suffix_and_is_noted() {
    let generated = generate(&model(
        r#"{"Create": {"name": "Create", "input": {"shape": "CreateRequest"}},
            "Delete": {"name": "Delete"}}"#,
        r#"{"CreateRequest": {"type": "structure", "members": {"c": {"shape": "Create"},
                                                              "d": {"shape": "Delete"}}},
            "Create": {"type": "structure", "members": {"name": {"shape": "S"}}},
            "Delete": {"type": "boolean"},
            "S": {"type": "string"}}"#,
    ));
    let shape = file(&generated, "src/types/create_shape.rs");
    assert!(shape.contains("pub struct CreateShape {"), "{shape}");
    // A boolean is no Rust type: renaming it changes no name of the crate.
    assert_eq!(
        generated
            .notes
            .iter()
            .filter(|n| n.kind == NoteKind::Renamed)
            .collect::<Vec<_>>(),
        [&Note {
            kind: NoteKind::Renamed,
            text: "the shape `Create` is named `CreateShape`: the operation `Create` has its name"
                .into(),
        }]
    );
}
