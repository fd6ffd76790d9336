//! Smithy JSON AST models the generator must refuse (`tests/fixtures/smithy/bad/`): each fails
//! with a message naming the file, the shape (and member or trait where there is one) and the
//! problem, without panicking. The botocore equivalents are in `bad_models.rs`.

use std::path::{Path, PathBuf};

use codegen::source::ModelSource;

fn folder() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/smithy/bad")
}

/// The message `generate` fails with for the fixture `name`, shown as `name.json`.
fn error(name: &str) -> String {
    let path = folder().join(format!("{name}.json"));
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let source = ModelSource::from_text(format!("{name}.json"), text);
    match codegen::generate(&source, &codegen::Options::default()) {
        Ok(files) => panic!("the {name} fixture generated {} files", files.len()),
        Err(error) => error.to_string(),
    }
}

/// Every fixture in the folder, each tested below.
const FIXTURES: &[&str] = &[
    "apply_to_missing_shape",
    "big_integer",
    "error_trait_value",
    "input_not_structure",
    "int_enum_string_value",
    "length_min_string",
    "malformed_shape_id",
    "malformed_target",
    "missing_target",
    "missing_version",
    "mixin_cycle",
    "names_differ_only_in_case",
    "no_protocol",
    "operation_bound_twice",
    "operation_names_collide",
    "rename_operation",
    "required_string",
    "rest_json_protocol",
    "sdk_id_number",
    "unknown_shape_type",
    "unsupported_version",
];

#[test]
fn fixture_list_matches_the_fixture_folder() {
    let mut found: Vec<String> = std::fs::read_dir(folder())
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|e| e == "json"))
        .map(|path| path.file_stem().unwrap().to_string_lossy().into_owned())
        .collect();
    found.sort();
    assert_eq!(found, FIXTURES);
}

#[test]
fn an_unknown_shape_type_is_refused_naming_the_shape_and_the_known_types() {
    assert_eq!(
        error("unknown_shape_type"),
        "unknown_shape_type.json: shape `example.bad#Name`: unknown shape type `varchar` (known: \
         blob, boolean, string, byte, short, integer, long, float, double, bigInteger, \
         bigDecimal, timestamp, document, enum, intEnum, list, set, map, structure, union, \
         operation, resource, service)"
    );
}

#[test]
fn a_member_targeting_a_shape_that_does_not_exist_is_refused() {
    assert_eq!(
        error("missing_target"),
        "missing_target.json: shape `example.bad#GetInput`: member `name` targets \
         `example.bad#Nowhere`, which the model does not define"
    );
}

#[test]
fn an_unsupported_idl_version_is_refused() {
    assert_eq!(
        error("unsupported_version"),
        "unsupported_version.json: Smithy IDL version `3.0` is not supported (supported: 1.0, 2.0)"
    );
}

#[test]
fn a_model_without_a_smithy_version_is_not_taken_for_smithy() {
    assert_eq!(
        error("missing_version"),
        "missing_version.json: neither a botocore service model (no `metadata` and `shapes`) nor \
         a Smithy JSON AST (no `smithy` version)"
    );
}

#[test]
fn a_length_minimum_that_is_a_string_is_refused_naming_the_member() {
    assert_eq!(
        error("length_min_string"),
        "length_min_string.json: shape `example.bad#GetInput`: member `name`: \
         `smithy.api#length.min` must be a whole number of at least 0, found the string \"1\""
    );
}

#[test]
fn an_annotation_trait_with_a_value_is_refused() {
    assert_eq!(
        error("required_string"),
        "required_string.json: shape `example.bad#GetInput`: member `name`: `smithy.api#required` \
         is an annotation trait: its value must be `{}`, found the string \"yes\""
    );
}

#[test]
fn an_sdk_id_that_is_a_number_is_refused_naming_the_trait() {
    assert_eq!(
        error("sdk_id_number"),
        "sdk_id_number.json: shape `example.bad#BadService`: `aws.api#service.sdkId` must be a \
         string, found the number 3"
    );
}

#[test]
fn an_error_trait_that_is_neither_client_nor_server_is_refused() {
    assert_eq!(
        error("error_trait_value"),
        "error_trait_value.json: shape `example.bad#Oops`: `smithy.api#error` is `warning`; it \
         must be `client` or `server`"
    );
}

#[test]
fn an_int_enum_value_that_is_a_string_is_refused_naming_the_member() {
    assert_eq!(
        error("int_enum_string_value"),
        "int_enum_string_value.json: shape `example.bad#Level`: member `LOW`: \
         `smithy.api#enumValue` must be a 32-bit integer, found the string \"low\""
    );
}

#[test]
fn a_rest_json_operation_without_an_http_binding_is_refused_naming_it() {
    assert_eq!(
        error("rest_json_protocol"),
        "rest_json_protocol.json: shape `example.bad#Get`: has no HTTP binding (method and URI), \
         which restJson1 needs"
    );
}

#[test]
fn a_service_without_a_protocol_is_refused() {
    assert_eq!(
        error("no_protocol"),
        "no_protocol.json: shape `example.bad#BadService`: the model uses no protocol, which the \
         generator does not support (it supports `aws.protocols#awsJson1_0`, \
         `aws.protocols#awsJson1_1`, `aws.protocols#restJson1`)"
    );
}

#[test]
fn an_operation_bound_by_the_service_and_a_resource_is_refused() {
    assert_eq!(
        error("operation_bound_twice"),
        "operation_bound_twice.json: shape `example.bad#Get`: the operation is bound twice in the \
         service: by `example.bad#BadService` (operations) and by `example.bad#Thing` (read); \
         Smithy binds an operation once"
    );
}

#[test]
fn operations_of_one_name_in_two_namespaces_are_refused() {
    assert_eq!(
        error("operation_names_collide"),
        "operation_names_collide.json: shape `example.bad#BadService`: the shapes \
         `example.bad#Get` and `example.other#Get` have the same name, ignoring namespace and \
         case; Smithy requires the names in a service to differ (operations cannot be renamed)"
    );
}

#[test]
fn renaming_an_operation_is_refused() {
    assert_eq!(
        error("rename_operation"),
        "rename_operation.json: shape `example.bad#BadService`: `rename` renames the operation \
         `example.other#Get` to `OtherGet`; Smithy renames only shapes that are not operations, \
         resources or services"
    );
}

#[test]
fn shape_names_that_differ_only_in_case_are_refused() {
    assert_eq!(
        error("names_differ_only_in_case"),
        "names_differ_only_in_case.json: shape `example.bad#BadService`: the shapes \
         `example.bad#ITEM` and `example.bad#Item` have the same name, ignoring namespace and \
         case; Smithy requires the names in a service to differ (the service's `rename` can give \
         one another name)"
    );
}

#[test]
fn an_operation_input_that_is_not_a_structure_is_refused() {
    assert_eq!(
        error("input_not_structure"),
        "input_not_structure.json: shape `example.bad#Get`: the input `example.bad#Text` must be \
         a structure, found a string"
    );
}

#[test]
fn a_mixin_cycle_is_refused_naming_the_cycle() {
    assert_eq!(
        error("mixin_cycle"),
        "mixin_cycle.json: shape `example.bad#A`: its mixins form a cycle: `example.bad#A` → \
         `example.bad#B` → `example.bad#A`"
    );
}

#[test]
fn a_shape_key_that_is_not_a_shape_id_is_refused() {
    assert_eq!(
        error("malformed_shape_id"),
        "malformed_shape_id.json: shape `Name`: not an absolute shape id (`namespace#Name`)"
    );
}

#[test]
fn a_target_that_is_not_a_shape_id_is_refused() {
    assert_eq!(
        error("malformed_target"),
        "malformed_target.json: shape `example.bad#GetInput`: member `name`: the target `String` \
         is not an absolute shape id (`namespace#Name`)"
    );
}

#[test]
fn applying_traits_to_a_shape_that_does_not_exist_is_refused() {
    assert_eq!(
        error("apply_to_missing_shape"),
        "apply_to_missing_shape.json: shape `example.bad#Nowhere$name`: `apply` names a shape the \
         model does not define"
    );
}

#[test]
fn a_big_integer_is_refused_as_unsupported() {
    assert_eq!(
        error("big_integer"),
        "big_integer.json: shape `example.bad#Huge`: bigInteger shapes are not supported yet"
    );
}
