//! The client cases the protocol test emitter finds in Smithy's AWS protocol tests, per service,
//! and in botocore's protocol test suites, per file, and the skip list against them.
//!
//! Smithy's model lives outside the repository
//! (`../shared/reference/smithy-aws-protocol-tests.json`), so its tests are ignored by default;
//! run them with `cargo test -p codegen --test protocol_cases -- --ignored`. botocore's suites
//! are vendored (`tests/data/botocore-protocols/`).

use std::path::{Path, PathBuf};

use codegen::compliance::{
    BOTOCORE_PROTOCOL_TESTS, CrateModel, SMITHY_PROTOCOL_TESTS, SuiteCrate, botocore_suite,
    smithy_suite,
};
use codegen::emit::protocol_tests::{BotocoreCases, Case, CaseKind, ProtocolTests, SKIPS, SMITHY};
use codegen::{Options, ProtocolTestCases, protocol_test_cases, source};

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

/// A crate's model and the options that select its cases, as the harness makes them.
fn source_and_options(krate: &SuiteCrate) -> (source::ModelSource, Options) {
    match &krate.model {
        CrateModel::File { path, service } => (
            source::read(path, Some(&workspace_root())).unwrap(),
            Options {
                service: service.clone(),
                ..Options::default()
            },
        ),
        CrateModel::Botocore { file, model } => (
            model.source(),
            Options {
                protocol_tests: ProtocolTests::Botocore(Box::new(BotocoreCases::of(file, model))),
                ..Options::default()
            },
        ),
    }
}

/// Each crate of a suite with its cases.
fn cases_of(crates: Vec<SuiteCrate>) -> Vec<(SuiteCrate, ProtocolTestCases)> {
    crates
        .into_iter()
        .map(|krate| {
            let (source, options) = source_and_options(&krate);
            let cases = protocol_test_cases(&source, &options)
                .unwrap_or_else(|e| panic!("{}: {e}", krate.name));
            (krate, cases)
        })
        .collect()
}

/// Each crate of the Smithy suite with its cases.
fn smithy_cases() -> Vec<(SuiteCrate, ProtocolTestCases)> {
    let root = workspace_root();
    cases_of(smithy_suite(&root.join(SMITHY_PROTOCOL_TESTS)).crates)
}

/// Each crate of the botocore suite with its cases.
fn botocore_cases() -> Vec<(SuiteCrate, ProtocolTestCases)> {
    let suite = botocore_suite(&workspace_root().join(BOTOCORE_PROTOCOL_TESTS)).unwrap();
    cases_of(suite.crates)
}

/// The suite a skip names a case of.
fn skip_suite(row: &str) -> String {
    let file = row.trim_end_matches(".json");
    format!("botocore/{}", file.rsplit('/').next().unwrap())
}

#[test]
#[ignore = "reads ../shared/reference/smithy-aws-protocol-tests.json"]
fn each_json_service_has_its_known_number_of_client_cases() {
    let counts: Vec<(String, &str, usize, usize)> = smithy_cases()
        .iter()
        .map(|(krate, cases)| {
            let requests = cases
                .cases
                .iter()
                .filter(|c| c.kind == CaseKind::Request)
                .count();
            (
                krate.name.clone(),
                cases.protocol,
                requests,
                cases.cases.len() - requests,
            )
        })
        .collect();
    assert_eq!(
        counts,
        [
            ("JsonProtocol".to_owned(), "awsJson1_1", 56, 62),
            ("JsonRpc10".to_owned(), "awsJson1_0", 28, 39),
            ("QueryCompatibleJsonRpc10".to_owned(), "awsJson1_0", 1, 2),
            // 135 request cases, and 93 + 14 response cases on outputs and errors.
            ("RestJson".to_owned(), "restJson1", 135, 107),
        ]
    );
}

#[test]
#[ignore = "reads ../shared/reference/smithy-aws-protocol-tests.json"]
fn every_smithy_skip_names_a_case_and_gives_a_reason() {
    let all = smithy_cases();
    for skip in SKIPS.iter().filter(|skip| skip.suite == SMITHY) {
        assert!(!skip.reason.trim().is_empty(), "{skip:?} gives no reason");
        let found = all.iter().flat_map(|(_, cases)| &cases.cases).any(|case| {
            case.id == skip.id
                && case.kind == skip.kind
                && case.skip.as_deref() == Some(skip.reason)
        });
        assert!(found, "{skip:?} names no client case of the suite");
    }
}

#[test]
fn each_botocore_suite_file_has_its_known_number_of_cases() {
    let mut counts: Vec<(String, &str, usize)> = Vec::new();
    for (krate, cases) in botocore_cases() {
        match counts.iter_mut().find(|(row, _, _)| *row == krate.row) {
            Some((_, protocol, count)) => {
                assert_eq!(*protocol, cases.protocol, "{}", krate.name);
                *count += cases.cases.len();
            }
            None => counts.push((krate.row.clone(), cases.protocol, cases.cases.len())),
        }
    }
    assert_eq!(
        counts,
        [
            ("input/json.json".to_owned(), "awsJson1_1", 54),
            ("input/json_1_0.json".to_owned(), "awsJson1_0", 21),
            (
                "input/json_1_0-query-compatible.json".to_owned(),
                "awsJson1_0",
                1
            ),
            ("input/rest-json.json".to_owned(), "restJson1", 113),
            ("output/json.json".to_owned(), "awsJson1_1", 58),
            ("output/json_1_0.json".to_owned(), "awsJson1_0", 32),
            (
                "output/json_1_0-query-compatible.json".to_owned(),
                "awsJson1_0",
                2
            ),
            ("output/rest-json.json".to_owned(), "restJson1", 91),
        ]
    );
}

#[test]
fn botocore_cases_are_request_cases_in_input_files_and_response_cases_in_output_files() {
    for (krate, cases) in botocore_cases() {
        let kind = if krate.row.starts_with("input/") {
            CaseKind::Request
        } else {
            CaseKind::Response
        };
        assert!(
            cases.cases.iter().all(|case| case.kind == kind),
            "{}",
            krate.name
        );
    }
}

#[test]
fn every_botocore_skip_names_a_case_of_its_file_and_gives_a_reason() {
    let all = botocore_cases();
    let skips: Vec<_> = SKIPS.iter().filter(|skip| skip.suite != SMITHY).collect();
    assert!(!skips.is_empty());
    for skip in skips {
        assert!(!skip.reason.trim().is_empty(), "{skip:?} gives no reason");
        let found: Vec<&Case> = all
            .iter()
            .filter(|(krate, _)| skip_suite(&krate.row) == skip.suite)
            .flat_map(|(_, cases)| &cases.cases)
            .filter(|case| case.id == skip.id && case.kind == skip.kind)
            .collect();
        assert_eq!(found.len(), 1, "{skip:?} names no single case of its suite");
        assert_eq!(found[0].skip.as_deref(), Some(skip.reason));
    }
}

/// Whether botocore's runner skips a case: `protocol-tests-ignore-list.json` lists its suite
/// (by the entry's description) or its id, for all protocols or for the file's, among the
/// suites or cases of its type (`input` or `output`).
fn ignored_by_botocore(
    ignore_list: &serde_json::Value,
    row: &str,
    description: &str,
    id: &str,
) -> bool {
    let file = row.trim_end_matches(".json");
    let (test_type, protocol) = file.split_once('/').unwrap();
    let lists = [
        &ignore_list["general"][test_type],
        &ignore_list["protocols"][protocol][test_type],
    ];
    lists.iter().any(|list| {
        let listed = |key: &str, name: &str| {
            list[key]
                .as_array()
                .is_some_and(|names| names.iter().any(|n| n == name))
        };
        listed("suites", description) || listed("cases", id)
    })
}

#[test]
fn botocore_cases_are_skipped_only_where_botocore_skips_them_too() {
    let path = workspace_root()
        .join(BOTOCORE_PROTOCOL_TESTS)
        .join("protocol-tests-ignore-list.json");
    let ignore_list: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let mut skipped = 0;
    for (krate, cases) in botocore_cases() {
        let CrateModel::Botocore { model, .. } = &krate.model else {
            panic!("{krate:?}");
        };
        for case in &cases.cases {
            let ignored =
                ignored_by_botocore(&ignore_list, &krate.row, &model.description, &case.id);
            assert!(
                case.skip.is_none() || ignored,
                "{} `{}`: skipped {:?}, but botocore runs it",
                krate.row,
                case.id,
                case.skip
            );
            skipped += usize::from(case.skip.is_some());
        }
    }
    // The three HostWithPath cases, and RestJsonHttpChecksumRequired, whose operation the
    // crate leaves out; the other cases botocore skips run here.
    assert_eq!(skipped, 4);
}
