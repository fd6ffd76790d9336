//! The whole pipeline on the vendored Inspector model: the checked-in crate is up to date,
//! output is deterministic, and operation selection yields a smaller crate that compiles alone.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use codegen::output::{self, Mode};
use codegen::source::{self, ModelSource};
use codegen::{Options, generate};
use serde_json::{Map, Value};

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

fn inspector_source() -> ModelSource {
    let root = workspace_root();
    source::read(&root.join("models/inspector/2016-02-16"), Some(&root)).unwrap()
}

/// What `cargo xtask codegen --check` does; `cargo test` fails here when `generated/inspector`
/// is stale.
#[test]
fn generated_crate_is_up_to_date_with_the_model() {
    let files = generate(&inspector_source(), &Options::default()).unwrap();
    let report = output::apply(
        &workspace_root().join("generated/inspector"),
        &files,
        Mode::Check,
    )
    .unwrap();
    assert!(
        report.is_clean(),
        "generated/inspector is stale: would write {:?}, would remove {:?}; run `cargo xtask codegen`",
        report.written,
        report.removed
    );
}

#[test]
fn two_runs_give_identical_files() {
    let source = inspector_source();
    let first = generate(&source, &Options::default()).unwrap();
    let second = generate(&source, &Options::default()).unwrap();
    assert_eq!(first, second);
}

/// Puts the entries of one JSON object in another order.
type Reorder = dyn Fn(&mut Vec<(String, Value)>);

/// Reorders the keys of every JSON object by `reorder`, except the entries of `members`
/// objects: their order is the model's member order, which the generated fields follow.
fn reorder_keys(value: &Value, reorder: &Reorder, in_members: bool) -> Value {
    match value {
        Value::Object(object) => {
            let mut entries: Vec<(String, Value)> = object
                .iter()
                .map(|(k, v)| (k.clone(), reorder_keys(v, reorder, k == "members")))
                .collect();
            if !in_members {
                reorder(&mut entries);
            }
            Value::Object(entries.into_iter().collect::<Map<_, _>>())
        }
        Value::Array(items) => Value::Array(
            items
                .iter()
                .map(|v| reorder_keys(v, reorder, false))
                .collect(),
        ),
        other => other.clone(),
    }
}

fn with_reordered_keys(source: &ModelSource, reorder: &Reorder) -> ModelSource {
    let reorder_file = |file: &source::SourceFile| {
        let value: Value = serde_json::from_str(&file.text).unwrap();
        source::SourceFile {
            display: file.display.clone(),
            text: serde_json::to_string_pretty(&reorder_keys(&value, reorder, false)).unwrap(),
        }
    };
    ModelSource {
        main: reorder_file(&source.main),
        paginators: source.paginators.as_ref().map(reorder_file),
        paginators_extras: source.paginators_extras.as_ref().map(reorder_file),
        waiters: source.waiters.as_ref().map(reorder_file),
        examples: source.examples.as_ref().map(reorder_file),
        endpoint_rule_set: source.endpoint_rule_set.as_ref().map(reorder_file),
        endpoint_tests: source.endpoint_tests.as_ref().map(reorder_file),
    }
}

#[test]
fn json_key_order_does_not_change_the_output() {
    let source = inspector_source();
    let expected = generate(&source, &Options::default()).unwrap();
    let reversed = with_reordered_keys(&source, &|entries| entries.reverse());
    assert_ne!(
        reversed.main.text, source.main.text,
        "the reordering changed nothing"
    );
    assert_eq!(generate(&reversed, &Options::default()).unwrap(), expected);
    // Sorted by key length, then reversed alphabetical: a second, unrelated order.
    let shuffled = with_reordered_keys(&source, &|entries| {
        entries.sort_by(|(a, _), (b, _)| a.len().cmp(&b.len()).then(b.cmp(a)));
    });
    assert_eq!(generate(&shuffled, &Options::default()).unwrap(), expected);
}

fn describe_assessment_runs_only() -> BTreeMap<String, String> {
    let options = Options {
        operations: Some(vec!["DescribeAssessmentRuns".to_owned()]),
        runtime_path: Some(workspace_root().join("runtime").display().to_string()),
        ..Options::default()
    };
    generate(&inspector_source(), &options).unwrap()
}

#[test]
fn selecting_an_operation_generates_only_the_shapes_it_reaches() {
    let files = describe_assessment_runs_only();
    let paths: Vec<&str> = files.keys().map(String::as_str).collect();
    assert_eq!(
        paths,
        [
            "Cargo.toml",
            "examples/describe_assessment_runs.rs",
            "src/client.rs",
            "src/constraints.rs",
            "src/endpoint.rs",
            "src/error.rs",
            "src/lib.rs",
            "src/operation.rs",
            "src/operation/describe_assessment_runs.rs",
            "src/primitives.rs",
            "src/protocol.rs",
            "src/types.rs",
            "src/types/assessment_run.rs",
            "src/types/assessment_run_notification.rs",
            "src/types/assessment_run_notification_sns_status_code.rs",
            "src/types/assessment_run_state.rs",
            "src/types/assessment_run_state_change.rs",
            "src/types/attribute.rs",
            "src/types/error.rs",
            "src/types/error/internal_exception.rs",
            "src/types/error/invalid_input_exception.rs",
            "src/types/failed_item_details.rs",
            "src/types/failed_item_error_code.rs",
            "src/types/inspector_event.rs",
            "src/types/invalid_input_error_code.rs",
            "src/types/severity.rs",
            "tests/endpoint_tests.rs",
            "tests/examples.rs",
        ]
    );
    assert!(
        !files["Cargo.toml"].contains("regex-lite"),
        "no pattern is reached, so no regex dependency"
    );
}

#[test]
fn the_crate_of_one_operation_compiles_on_its_own() {
    let files = describe_assessment_runs_only();
    let dir = std::env::temp_dir().join(format!("inspector-one-operation-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let report = output::apply(&dir, &files, Mode::Write).unwrap();
    assert_eq!(report.written.len(), files.len());
    let target = workspace_root().join("target/one-operation-check");
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let result = Command::new(cargo)
        .args(["check", "--quiet", "--all-targets"])
        .current_dir(&dir)
        .env("CARGO_TARGET_DIR", &target)
        .env("RUSTFLAGS", "-D warnings")
        .output()
        .unwrap();
    std::fs::remove_dir_all(&dir).unwrap();
    assert!(
        result.status.success(),
        "cargo check failed:\n{}",
        String::from_utf8_lossy(&result.stderr)
    );
}
