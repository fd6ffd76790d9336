//! The client cases the protocol test emitter finds in Smithy's AWS protocol tests, per service,
//! and the skip list against them.
//!
//! The model lives outside the repository (`../shared/reference/smithy-aws-protocol-tests.json`),
//! so the tests are ignored by default; run them with
//! `cargo test -p codegen --test protocol_cases -- --ignored`.

use std::path::{Path, PathBuf};

use codegen::compliance::{SMITHY_PROTOCOL_TESTS, SuiteCrate, smithy_suite};
use codegen::emit::protocol_tests::{CaseKind, SKIPS, SMITHY};
use codegen::{Options, ProtocolTestCases, protocol_test_cases, source};

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

/// Each crate of the Smithy suite with its cases.
fn smithy_cases() -> Vec<(SuiteCrate, ProtocolTestCases)> {
    let root = workspace_root();
    let suite = smithy_suite(&root.join(SMITHY_PROTOCOL_TESTS));
    suite
        .crates
        .into_iter()
        .map(|krate| {
            let source = source::read(&krate.model, Some(&root)).unwrap();
            let options = Options {
                service: krate.service.clone(),
                ..Options::default()
            };
            let cases = protocol_test_cases(&source, &options)
                .unwrap_or_else(|e| panic!("{}: {e}", krate.name));
            (krate, cases)
        })
        .collect()
}

#[test]
#[ignore = "reads ../shared/reference/smithy-aws-protocol-tests.json"]
fn each_aws_json_service_has_its_known_number_of_client_cases() {
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
            case.id == skip.id && case.kind == skip.kind && case.skip == Some(skip.reason)
        });
        assert!(found, "{skip:?} names no client case of the suite");
    }
}
