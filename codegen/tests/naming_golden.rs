//! The naming rules over every shape, member and operation name of botocore 1.44.5.
//!
//! The snapshot shows each name's value and type identifier, so a rule change shows its
//! whole effect in review; the assertions pin down properties every name must keep.

use codegen::naming::{pascal_case, snake_case, type_ident, value_ident, variant_ident};

const NAMES_FILE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/data/botocore-1.44.5-names.txt"
);

/// The names of the golden list, in file order (header lines, which start with `# `, skipped).
fn names() -> Vec<String> {
    let text = std::fs::read_to_string(NAMES_FILE)
        .unwrap_or_else(|err| panic!("cannot read {NAMES_FILE}: {err}"));
    text.lines()
        .filter(|line| !line.starts_with("# "))
        .map(str::to_owned)
        .collect()
}

/// Whether `ident` parses as one Rust identifier (raw identifiers included, keywords not).
fn parses_as_ident(ident: &str) -> bool {
    // syn's keyword list lacks `gen`, reserved since the 2024 edition.
    ident != "gen" && syn::parse_str::<syn::Ident>(ident).is_ok()
}

#[test]
fn parses_as_ident_accepts_exactly_identifiers() {
    for ident in ["r#type", "r#gen", "self_", "_3des", "StringValue", "Self_"] {
        assert!(parses_as_ident(ident), "{ident}");
    }
    for ident in [
        "type", "gen", "self", "Self", "r#self", "r#crate", "3des", "a b", "", "_",
    ] {
        assert!(!parses_as_ident(ident), "{ident}");
    }
}

#[test]
fn names_file_is_sorted_unique_and_large() {
    let names = names();
    assert!(names.len() > 100_000, "only {} names", names.len());
    for pair in names.windows(2) {
        assert!(pair[0] < pair[1], "not sorted or not unique: {pair:?}");
    }
}

#[test]
fn every_name_gives_a_valid_value_ident() {
    let bad: Vec<_> = names()
        .iter()
        .filter_map(|name| match value_ident(name) {
            Ok(ident) if parses_as_ident(&ident) => None,
            other => Some(format!("{name}: {other:?}")),
        })
        .collect();
    assert!(bad.is_empty(), "invalid value idents:\n{}", bad.join("\n"));
}

#[test]
fn every_name_gives_a_valid_type_ident() {
    let bad: Vec<_> = names()
        .iter()
        .filter_map(|name| match type_ident(name) {
            Ok(ident) if parses_as_ident(&ident) && !ident.starts_with("r#") => None,
            other => Some(format!("{name}: {other:?}")),
        })
        .collect();
    assert!(bad.is_empty(), "invalid type idents:\n{}", bad.join("\n"));
}

#[test]
fn every_name_gives_a_valid_variant_ident() {
    let bad: Vec<_> = names()
        .iter()
        .filter_map(|name| match variant_ident(name) {
            Some(ident) if parses_as_ident(&ident) && !ident.starts_with("r#") => None,
            other => Some(format!("{name}: {other:?}")),
        })
        .collect();
    assert!(
        bad.is_empty(),
        "invalid variant idents:\n{}",
        bad.join("\n")
    );
}

#[test]
fn case_forms_are_ascii_and_never_empty() {
    for name in names() {
        let (snake, pascal) = (snake_case(&name), pascal_case(&name));
        assert!(
            snake.is_ascii() && !snake.is_empty(),
            "{name}: snake {snake:?}"
        );
        assert!(
            pascal.is_ascii() && !pascal.is_empty(),
            "{name}: pascal {pascal:?}"
        );
    }
}

/// Names whose PascalCase form splits differently: a one-letter word before an acronym
/// (`aWS` → `a`, `WS` → `AWs`) reads, once joined, as a plural acronym (`AWs`).
const NOT_PASCAL_FIXED_POINTS: &[&str] = &[
    "aWSManagedClientApplicationReference",
    "aWSOwnedKey",
    "kBS3Uri",
];

#[test]
fn case_forms_are_fixed_points() {
    // A name already in the target form stays as it is, so the rules never split a word twice.
    let mut not_fixed = Vec::new();
    for name in names() {
        let (snake, pascal) = (snake_case(&name), pascal_case(&name));
        assert_eq!(snake_case(&snake), snake, "{name}");
        if pascal_case(&pascal) != pascal {
            not_fixed.push(name);
        }
    }
    assert_eq!(not_fixed, NOT_PASCAL_FIXED_POINTS);
}

#[test]
fn identifiers_over_all_botocore_names() {
    let names = names();
    let mut table = String::with_capacity(names.len() * 80);
    table.push_str("# name value_ident type_ident\n");
    for name in &names {
        let value = value_ident(name).unwrap_or_else(|err| err.to_string());
        let ty = type_ident(name).unwrap_or_else(|err| err.to_string());
        table.push_str(&format!("{name} {value} {ty}\n"));
    }
    insta::assert_snapshot!("botocore_names", table);
}
