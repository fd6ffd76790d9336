//! Waiters through the whole pipeline: the botocore loader reads `waiters-2.json` beside the
//! model, a malformed one stops generation naming the file, the waiter and the field, and a
//! waiter the JMESPath compiler cannot compile is left out and reported.

use std::path::{Path, PathBuf};

use codegen::source::{ModelSource, SourceFile};

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("codegen sits one folder below the workspace root")
        .to_path_buf()
}

fn fixture() -> ModelSource {
    let root = workspace_root();
    codegen::source::read(&root.join("codegen/tests/fixtures/waiters"), Some(&root)).unwrap()
}

/// The fixture with its waiters file replaced by `waiters`.
fn with_waiters(waiters: serde_json::Value) -> ModelSource {
    let mut source = fixture();
    source.waiters = Some(SourceFile {
        display: "waiters-2.json".into(),
        text: serde_json::json!({"version": 2, "waiters": waiters}).to_string(),
    });
    source
}

#[test]
fn the_botocore_loader_reads_the_waiters_file_beside_the_model() {
    let model = codegen::load::load(&fixture()).unwrap();
    let names: Vec<&str> = model.service.waiters.keys().map(String::as_str).collect();
    assert_eq!(
        names,
        [
            "FirstThingConnected",
            "PartsHealthy",
            "ThingDeleted",
            "ThingGone",
            "ThingReady",
            "ThingsSorted",
            "ThingsStable"
        ]
    );
}

#[test]
fn a_waiter_outside_the_subset_is_skipped_and_the_summary_says_why() {
    let generated =
        codegen::generate_with_summary(&fixture(), &codegen::Options::default()).unwrap();
    let notes: Vec<String> = generated
        .notes
        .iter()
        .map(|note| note.text.clone())
        .collect();
    assert!(
        generated
            .notes
            .iter()
            .all(|note| note.kind == codegen::model::NoteKind::SkippedWaiter)
    );
    assert_eq!(
        notes,
        [
            "waiter `ThingsSorted` not generated: acceptors[0] (success: path \
          `sort_by(items, &thingId)[0].status` == \"READY\"): an expression reference `&` is not \
          supported"
        ]
    );
    assert!(!generated.files.contains_key("src/waiters/things_sorted.rs"));
    assert!(generated.files.contains_key("src/waiters/thing_ready.rs"));
    let docs = &generated.files["src/waiters.rs"];
    assert!(
        docs.contains("//! - `ThingsSorted`: its acceptor `acceptors[0]`"),
        "{docs}"
    );
}

#[test]
fn a_path_whose_type_never_equals_the_expected_value_is_skipped() {
    let acceptor = |matcher: &str, argument: &str, expected: serde_json::Value| {
        serde_json::json!({
            "operation": "DescribeThing", "delay": 1, "maxAttempts": 2,
            "acceptors": [{"state": "success", "matcher": matcher, "argument": argument, "expected": expected}]
        })
    };
    let source = with_waiters(serde_json::json!({
        "StatusIsTrue": acceptor("path", "thing.status", serde_json::json!(true)),
        "AllHealthyYes": acceptor("pathAll", "thing.parts[].healthy", serde_json::json!("yes")),
        "AnyOfAString": acceptor("pathAny", "thing.status", serde_json::json!("READY")),
        "Fine": acceptor("path", "length(thing.parts) == `2`", serde_json::json!(true)),
    }));
    let (compiled, skipped) =
        codegen::compile_waiters(&source, &codegen::Options::default()).unwrap();
    assert_eq!(compiled, ["Fine"]);
    assert_eq!(
        skipped,
        [
            "waiter `AllHealthyYes` not generated: acceptors[0] (success: pathAll \
             `thing.parts[].healthy` == \"yes\"): pathAll compares the items of an array with a \
             string; the path gives an array of booleans",
            "waiter `AnyOfAString` not generated: acceptors[0] (success: pathAny `thing.status` == \
             \"READY\"): pathAny compares the items of an array with a string; the path gives a \
             string",
            "waiter `StatusIsTrue` not generated: acceptors[0] (success: path `thing.status` == \
             true): the path gives a string, never equal to a boolean",
        ]
    );
}

#[test]
fn a_malformed_waiters_file_stops_generation_naming_the_file_waiter_and_field() {
    let source = with_waiters(serde_json::json!({
        "ThingReady": {"operation": "DescribeThing", "delay": 1, "maxAttempts": 2,
            "acceptors": [{"state": "succeeded", "matcher": "status", "expected": 200}]}
    }));
    let error = codegen::generate(&source, &codegen::Options::default()).unwrap_err();
    assert_eq!(
        error.to_string(),
        "waiters-2.json: waiter `ThingReady`: `acceptors[0].state` is `succeeded`, not a state \
         (known: success, failure, retry)"
    );
    let source = with_waiters(serde_json::json!({
        "ThingReady": {"operation": "DescribeThings", "delay": 1, "maxAttempts": 2, "acceptors": []}
    }));
    let error = codegen::generate(&source, &codegen::Options::default()).unwrap_err();
    assert_eq!(
        error.to_string(),
        "waiters-2.json: waiter `ThingReady`: `operation` names `DescribeThings`, which the \
         service does not define"
    );
}

#[test]
fn the_smithy_loader_reads_the_waitable_trait() {
    let root = workspace_root();
    let source = codegen::source::read(
        &root.join("codegen/tests/fixtures/waiters_smithy.json"),
        Some(&root),
    )
    .unwrap();
    let model = codegen::load::load(&source).unwrap();
    let done = &model.service.waiters["JobDone"];
    assert_eq!(done.operation.to_string(), "example.jobs#GetJob");
    assert_eq!(
        done.schedule,
        codegen::model::WaiterSchedule::Backoff {
            min_delay: std::time::Duration::from_secs(1),
            max_delay: std::time::Duration::from_secs(8)
        }
    );
    assert_eq!(done.acceptors.len(), 4);
    assert!(model.service.waiters["JobGone"].deprecated);
    let (compiled, skipped) =
        codegen::compile_waiters(&source, &codegen::Options::default()).unwrap();
    assert_eq!((compiled.len(), skipped.len()), (2, 0));
}

#[test]
fn waiters_of_operations_left_out_are_left_out_too() {
    let options = codegen::Options {
        operations: Some(vec!["ListThings".to_owned()]),
        ..codegen::Options::default()
    };
    let (compiled, skipped) = codegen::compile_waiters(&fixture(), &options).unwrap();
    assert_eq!(compiled, ["FirstThingConnected", "ThingsStable"]);
    assert_eq!(skipped.len(), 1, "ThingsSorted calls ListThings");
}
