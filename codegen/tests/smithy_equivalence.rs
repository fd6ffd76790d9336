//! The Smithy JSON AST of Inspector and its botocore model generate the same crate, but for the
//! differences listed (with reasons) in [`JUSTIFIED`].
//!
//! The Smithy model lives outside the repository (`../shared/reference/inspector.smithy.json`),
//! so the test is ignored by default; run it with
//! `cargo test -p codegen --test smithy_equivalence -- --ignored`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use codegen::{Options, generate, source};
use serde_json::Value;

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

/// The differences between the two crates that follow from the models, not from the loaders.
const JUSTIFIED: &[(&str, &str)] = &[
    (
        "header",
        "every file's do-not-edit header names the model file it came from",
    ),
    (
        "error order",
        "Smithy's AST lists an operation's errors sorted by id, botocore in the service's order; \
         the botocore model's errors are sorted before generating",
    ),
    (
        "zero length minimum",
        "Smithy writes `length: {min: 0, …}` on `RuleName` and `Url` where botocore leaves `min` \
         out (on its other 45 lengths botocore writes `min: 0` too); both constrain nothing, but \
         the IR keeps a bound as the model writes it, so dropping `min: 0` in the Smithy loader \
         alone would make those 45 differ instead; the botocore model takes the explicit `min: 0`",
    ),
    (
        "anchored pattern",
        "Smithy anchors the UUID pattern (`^…$`), botocore does not; an ECMA 262 pattern matches \
         anywhere in the value, so the two constrain differently and each loader keeps its \
         model's pattern; the botocore model takes the anchored form",
    ),
    (
        "defaults",
        "Smithy gives `Finding.schemaVersion`, `numericSeverity` and `confidence`, and the required \
         `schemaVersion` of `AssetAttributes` and `InspectorServiceAttributes`, `default: 0`; \
         botocore has no defaults, so those types' fields and builders differ",
    ),
    (
        "pagination",
        "Smithy's `paginated` traits name no `items` member, where botocore's paginators-1.json \
         names a `result_key` for each of its 9 paginators, and Smithy marks \
         `GetExclusionsPreview` paginated, which botocore's file leaves out; the botocore model \
         takes Smithy's pagination (so neither crate has item streams, and both page \
         `GetExclusionsPreview`)",
    ),
    (
        "examples",
        "Smithy carries examples for 25 operations, botocore's examples-1.json for 32, so \
         `tests/examples.rs` differs",
    ),
];

/// Files whose differences are justified as a whole (see [`JUSTIFIED`]).
const FILES_EXPECTED_TO_DIFFER: &[&str] = &[
    "tests/examples.rs",
    "src/types/finding.rs",
    "src/types/asset_attributes.rs",
    "src/types/inspector_service_attributes.rs",
];

/// The botocore model with the justified model differences (error order, zero length minimum,
/// anchored pattern) taken from the Smithy model, so they do not show in the diff. Pagination
/// is aligned by [`align_paginators`].
fn align_botocore(botocore: &str, smithy: &str) -> String {
    let mut botocore: Value = serde_json::from_str(botocore).unwrap();
    let smithy: Value = serde_json::from_str(smithy).unwrap();
    let smithy_shapes = smithy["shapes"].as_object().unwrap();
    for operation in botocore["operations"].as_object_mut().unwrap().values_mut() {
        if let Some(Value::Array(errors)) = operation.get_mut("errors") {
            errors.sort_by_key(|e| e["shape"].as_str().unwrap().to_owned());
        }
    }
    for (name, shape) in botocore["shapes"].as_object_mut().unwrap() {
        let Some(traits) = smithy_shapes
            .iter()
            .find(|(id, _)| id.split_once('#').is_some_and(|(_, n)| n == name))
            .and_then(|(_, s)| s.get("traits"))
        else {
            continue;
        };
        let shape = shape.as_object_mut().unwrap();
        if traits["smithy.api#length"]["min"] == 0 && !shape.contains_key("min") {
            shape.insert("min".to_owned(), Value::from(0));
        }
        if let (Some(anchored), Some(Value::String(pattern))) = (
            traits["smithy.api#pattern"].as_str(),
            shape.get_mut("pattern"),
        ) {
            if *anchored == format!("^{pattern}$") {
                *pattern = anchored.to_owned();
            }
        }
    }
    serde_json::to_string(&botocore).unwrap()
}

/// botocore's paginators-1.json with Smithy's `paginated` traits instead of its own entries:
/// tokens and page size as Smithy names them, a `result_key` only where Smithy names `items`.
fn align_paginators(smithy: &str) -> String {
    let smithy: Value = serde_json::from_str(smithy).unwrap();
    let mut pagination = serde_json::Map::new();
    for (id, shape) in smithy["shapes"].as_object().unwrap() {
        let Some(trait_value) = shape["traits"].get("smithy.api#paginated") else {
            continue;
        };
        let name = id.split_once('#').unwrap().1;
        let mut entry = serde_json::Map::new();
        for (smithy_key, botocore_key) in [
            ("inputToken", "input_token"),
            ("outputToken", "output_token"),
            ("pageSize", "limit_key"),
            ("items", "result_key"),
        ] {
            if let Some(value) = trait_value.get(smithy_key) {
                entry.insert(botocore_key.to_owned(), value.clone());
            }
        }
        pagination.insert(name.to_owned(), Value::Object(entry));
    }
    serde_json::json!({ "pagination": pagination }).to_string()
}

/// Applies the justified normalisations: the model path in headers.
fn normalise(text: &str, model_display: &str) -> String {
    text.replace(model_display, "<model>")
}

/// A short unified-ish diff: the first lines that differ, with their numbers.
fn first_differences(left: &str, right: &str, limit: usize) -> String {
    let left: Vec<&str> = left.lines().collect();
    let right: Vec<&str> = right.lines().collect();
    let mut out = String::new();
    let mut shown = 0;
    for i in 0..left.len().max(right.len()) {
        let (l, r) = (left.get(i), right.get(i));
        if l != r {
            out.push_str(&format!(
                "  line {}:\n    botocore: {}\n    smithy:   {}\n",
                i + 1,
                l.unwrap_or(&"<none>"),
                r.unwrap_or(&"<none>")
            ));
            shown += 1;
            if shown == limit {
                out.push_str("  …\n");
                break;
            }
        }
    }
    out
}

#[test]
#[ignore = "needs ../shared/reference/inspector.smithy.json; run with --ignored"]
fn smithy_and_botocore_models_generate_the_same_crate() {
    let root = workspace_root();
    let smithy_path = root.join("../shared/reference/inspector.smithy.json");
    assert!(
        smithy_path.is_file(),
        "the Smithy model is missing: expected {}",
        smithy_path.display()
    );
    let mut botocore =
        source::read(&root.join("models/inspector/2016-02-16"), Some(&root)).unwrap();
    let smithy = source::read(&smithy_path, Some(&root)).unwrap();
    botocore.main.text = align_botocore(&botocore.main.text, &smithy.main.text);
    let paginators = botocore
        .paginators
        .as_mut()
        .expect("botocore's Inspector model has paginators-1.json");
    paginators.text = align_paginators(&smithy.main.text);
    let from_botocore = generate(&botocore, &Options::default()).unwrap();
    let from_smithy = generate(&smithy, &Options::default()).unwrap();

    let normalise_all = |files: &BTreeMap<String, String>, display: &str| {
        files
            .iter()
            .map(|(path, text)| (path.clone(), normalise(text, display)))
            .collect::<BTreeMap<_, _>>()
    };
    let left = normalise_all(&from_botocore, &botocore.main.display);
    let right = normalise_all(&from_smithy, &smithy.main.display);

    let mut report = String::new();
    let paths: std::collections::BTreeSet<&String> = left.keys().chain(right.keys()).collect();
    for path in paths {
        if FILES_EXPECTED_TO_DIFFER.contains(&path.as_str()) {
            continue;
        }
        match (left.get(path), right.get(path)) {
            (Some(l), Some(r)) if l == r => {}
            (Some(l), Some(r)) => {
                report.push_str(&format!("{path} differs:\n{}", first_differences(l, r, 12)));
            }
            (Some(_), None) => report.push_str(&format!("{path}: only from botocore\n")),
            (None, Some(_)) => report.push_str(&format!("{path}: only from Smithy\n")),
            (None, None) => unreachable!(),
        }
    }
    let justified: String = JUSTIFIED
        .iter()
        .map(|(what, why)| format!("  - {what}: {why}\n"))
        .collect();
    assert!(
        report.is_empty(),
        "unexplained differences between the crates:\n{report}\njustified (not shown):\n{justified}"
    );
}
