//! Snapshots of every file generated from each fixture model in `tests/fixtures/`.
//!
//! One snapshot per fixture, each file under a `==> path <==` line, in path order. The support
//! files every crate gets unchanged (`src/primitives.rs`, `src/error.rs`) are left out of those
//! and snapshotted once, after checking that every fixture gets the same text.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Files whose text does not depend on the model, apart from the header line.
const SUPPORT_FILES: &[&str] = &["src/error.rs", "src/primitives.rs"];

/// Fixtures whose `src/primitives.rs` also re-exports the event-stream types (a model with an
/// event stream); theirs is in their own snapshot.
const OWN_PRIMITIVES: &[&str] = &["event_streams"];

/// The fixtures that generate (those under `bad/` are the ones that must not): a model file
/// `tests/fixtures/<name>.json`, or a botocore model folder `tests/fixtures/<name>/`.
const FIXTURES: &[&str] = &[
    "acronyms",
    "all_kinds",
    "constraints",
    "docs",
    "enums",
    "errors",
    "event_streams",
    "keywords",
    "recursion",
    "waiters",
    "waiters_smithy",
];

/// Folders of `tests/fixtures/` that are not fixtures of this test, and why.
const OTHER_FOLDERS: &[(&str, &str)] = &[
    ("bad", "models that must not generate"),
    (
        "endpoint",
        "the endpoint rule set fixture, snapshotted by endpoint_resolver.rs",
    ),
    (
        "smithy",
        "Smithy fixtures, snapshotted by smithy_fixtures.rs",
    ),
];

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("codegen sits one folder below the workspace root")
        .to_path_buf()
}

fn generate(fixture: &str) -> BTreeMap<String, String> {
    let root = workspace_root();
    let folder = root.join(format!("codegen/tests/fixtures/{fixture}"));
    let path = if folder.is_dir() {
        folder
    } else {
        root.join(format!("codegen/tests/fixtures/{fixture}.json"))
    };
    let source = codegen::source::read(&path, Some(&root))
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    codegen::generate(&source, &codegen::Options::default())
        .unwrap_or_else(|e| panic!("cannot generate the {fixture} fixture: {e}"))
}

/// The files, each under a `==> path <==` line, in path order, support files left out (but
/// the `primitives.rs` of the fixtures in [`OWN_PRIMITIVES`]).
fn concatenated(fixture: &str, files: &BTreeMap<String, String>) -> String {
    let own = OWN_PRIMITIVES.contains(&fixture);
    files
        .iter()
        .filter(|(path, _)| {
            !SUPPORT_FILES.contains(&path.as_str()) || (own && *path == "src/primitives.rs")
        })
        .map(|(path, text)| format!("==> {path} <==\n{text}\n"))
        .collect()
}

/// The text after the generated-file header line.
fn without_header(text: &str) -> &str {
    text.split_once('\n').map_or("", |(_, rest)| rest)
}

fn assert_fixture_snapshot(fixture: &str) {
    let files = generate(fixture);
    insta::assert_snapshot!(fixture, concatenated(fixture, &files));
}

#[test]
fn fixture_list_matches_the_fixture_folder() {
    let folder = workspace_root().join("codegen/tests/fixtures");
    let mut found: Vec<String> = std::fs::read_dir(&folder)
        .unwrap_or_else(|e| panic!("cannot list {}: {e}", folder.display()))
        .map(|entry| entry.expect("a directory entry").path())
        .filter(|path| {
            let other = OTHER_FOLDERS
                .iter()
                .any(|(name, _)| path.file_name().is_some_and(|n| n == *name));
            path.extension().is_some_and(|e| e == "json") || (path.is_dir() && !other)
        })
        .map(|path| path.file_stem().unwrap().to_string_lossy().into_owned())
        .collect();
    found.sort();
    assert_eq!(found, FIXTURES);
}

#[test]
fn support_files_are_the_same_for_every_model() {
    let first = generate(FIXTURES[0]);
    for fixture in &FIXTURES[1..] {
        let files = generate(fixture);
        for path in SUPPORT_FILES {
            if OWN_PRIMITIVES.contains(fixture) && *path == "src/primitives.rs" {
                continue;
            }
            assert_eq!(
                without_header(&files[*path]),
                without_header(&first[*path]),
                "{path} of the {fixture} fixture differs from the {} fixture's",
                FIXTURES[0]
            );
        }
    }
    let support: String = SUPPORT_FILES
        .iter()
        .map(|path| format!("==> {path} <==\n{}\n", first[*path]))
        .collect();
    insta::assert_snapshot!("support_files", support);
}

#[test]
fn acronyms() {
    assert_fixture_snapshot("acronyms");
}

#[test]
fn all_kinds() {
    assert_fixture_snapshot("all_kinds");
}

#[test]
fn constraints() {
    assert_fixture_snapshot("constraints");
}

#[test]
fn docs() {
    assert_fixture_snapshot("docs");
}

#[test]
fn enums() {
    assert_fixture_snapshot("enums");
}

#[test]
fn errors() {
    assert_fixture_snapshot("errors");
}

#[test]
fn event_streams() {
    assert_fixture_snapshot("event_streams");
}

#[test]
fn keywords() {
    assert_fixture_snapshot("keywords");
}

#[test]
fn recursion() {
    assert_fixture_snapshot("recursion");
}

#[test]
fn waiters() {
    assert_fixture_snapshot("waiters");
}

#[test]
fn waiters_smithy() {
    assert_fixture_snapshot("waiters_smithy");
}
