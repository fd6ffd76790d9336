//! The protocol compliance harness behind `cargo xtask protocol-tests`.
//!
//! A [`Suite`] is a named list of crates to generate, each from a model — a file (and, for a
//! model of several services, one service of it) whose Smithy protocol tests it runs, or a
//! model of botocore's protocol test suites, in memory, with that suite's cases. For every
//! crate the harness generates it with its protocol tests (`tests/protocol_tests.rs`) into
//! `<out>/<name>/` as a workspace of its own (`[workspace]` appended to its `Cargo.toml`, the
//! repository's `Cargo.lock` copied in, the runtime named by its absolute path), runs `cargo
//! test --test protocol_tests` in it with one target folder shared by all crates, and reads
//! libtest's output into a [`Report`]: per crate, every case passed, failed (with what
//! differed) or skipped (with why). A crate that cannot be generated or built has all its
//! cases failed, and the report carries the error; a model the generator reports as not
//! generated yet (a wire feature, say) has all its cases skipped, with that reason.
//!
//! Unlike the generation pipeline, this module runs programs and writes files: it is a tool
//! built on the library, not a stage of it (it writes through [`crate::output`]).

pub mod libtest;
pub mod report;

use std::collections::BTreeMap;
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

pub use self::report::{CaseResult, CrateResult, Report, Status};
use crate::emit::protocol_tests::{
    BotocoreCases, Case, CaseKind, ProtocolTests, TEST_MODULE, suite_case_id, suite_case_kind,
};
use crate::load::botocore_suite::{SuiteModel, suite_to_models};
use crate::output::{self, Mode};
use crate::{Options, source};

/// Smithy's AWS protocol tests, relative to the repository root (read-only, never copied).
pub const SMITHY_PROTOCOL_TESTS: &str = "../shared/reference/smithy-aws-protocol-tests.json";

/// botocore's protocol test suites as vendored, relative to the repository root.
pub const BOTOCORE_PROTOCOL_TESTS: &str = "codegen/tests/data/botocore-protocols";

/// The botocore suite files the harness runs, by path below [`BOTOCORE_PROTOCOL_TESTS`]
/// without `.json`: the request and response cases of the protocols the generator generates
/// (`json` is awsJson1_1, `json_1_0` awsJson1_0, `json_1_0-query-compatible` awsJson1_0 with
/// awsQueryCompatible, `rest-json` restJson1).
pub const BOTOCORE_SUITE_FILES: [&str; 8] = [
    "input/json",
    "input/json_1_0",
    "input/json_1_0-query-compatible",
    "input/rest-json",
    "output/json",
    "output/json_1_0",
    "output/json_1_0-query-compatible",
    "output/rest-json",
];

/// The start of `PROTOCOLS.md`, which `cargo xtask protocol-tests --record` writes: the table
/// follows.
pub const PROTOCOLS_HEADER: &str = "# Protocol compliance\n\n\
    Written by `cargo xtask protocol-tests --record`: Smithy's AWS protocol tests \
    (`smithy-aws-protocol-tests.json`), one row per service, and botocore 1.44.5's protocol test \
    suites for the JSON protocols (`codegen/tests/data/botocore-protocols/`), one row per file, \
    run through crates generated for their services (one per Smithy service, one per model a \
    botocore suite entry describes), one test per client case (see \
    `codegen/src/emit/protocol_tests/`). botocore's cases are checked as botocore's \
    `tests/unit/test_protocols.py` checks them. A crate that cannot be generated or built counts \
    all its cases as failed; a model the generator does not generate yet counts them as \
    skipped.\n";

/// A named group of crates whose protocol tests run together.
#[derive(Debug, Clone, PartialEq)]
pub struct Suite {
    /// The suite's name in the report (`smithy`, `botocore`).
    pub name: String,
    /// The crates to generate and test.
    pub crates: Vec<SuiteCrate>,
}

/// One crate of a suite.
#[derive(Debug, Clone, PartialEq)]
pub struct SuiteCrate {
    /// The folder below the harness's output folder, and the crate's name in the report.
    pub name: String,
    /// The row of the report its cases count in, with the other crates of its suite that name
    /// it: the service for Smithy's suite, the suite file for botocore's (`output/json.json`).
    pub row: String,
    /// What it is generated from, with its cases.
    pub model: CrateModel,
}

/// What a crate is generated from.
#[derive(Debug, Clone, PartialEq)]
pub enum CrateModel {
    /// A model file, whose own Smithy protocol tests the crate runs.
    File {
        /// A Smithy JSON AST file, or a botocore model folder or `service-2.json`.
        path: PathBuf,
        /// The service to generate, for a model of several.
        service: Option<String>,
    },
    /// A model of a botocore protocol test suite, with its cases.
    Botocore {
        /// The suite file, by its path below botocore's `tests/unit/protocols/` without
        /// `.json` (`output/json`).
        file: String,
        /// The model and its cases.
        model: Box<SuiteModel>,
    },
}

/// Smithy's protocol tests of the JSON protocols: `JsonProtocol` (awsJson1_1), `JsonRpc10`
/// and `QueryCompatibleJsonRpc10` (awsJson1_0) and `RestJson` (restJson1), from the model at
/// `model`.
pub fn smithy_suite(model: &Path) -> Suite {
    let services = [
        "aws.protocoltests.json#JsonProtocol",
        "aws.protocoltests.json10#JsonRpc10",
        "aws.protocoltests.json10#QueryCompatibleJsonRpc10",
        "aws.protocoltests.restjson#RestJson",
    ];
    Suite {
        name: "smithy".to_owned(),
        crates: services
            .iter()
            .map(|service| {
                let name = service.rsplit('#').next().unwrap_or(service).to_owned();
                SuiteCrate {
                    row: name.clone(),
                    name,
                    model: CrateModel::File {
                        path: model.to_path_buf(),
                        service: Some((*service).to_owned()),
                    },
                }
            })
            .collect(),
    }
}

/// botocore's protocol test suites of [`BOTOCORE_SUITE_FILES`], read from `dir` (the vendored
/// copy is [`BOTOCORE_PROTOCOL_TESTS`]): a crate per model `suite_to_models` makes of an entry
/// (one per entry, or more when its cases define an operation differently), in a row per
/// file.
///
/// # Errors
///
/// A file that cannot be read, or is not a suite.
pub fn botocore_suite(dir: &Path) -> crate::Result<Suite> {
    let mut crates = Vec::new();
    for file in BOTOCORE_SUITE_FILES {
        let path = dir.join(format!("{file}.json"));
        let text = std::fs::read_to_string(&path).map_err(|e| crate::Error::io(&path, e))?;
        let json: serde_json::Value = serde_json::from_str(&text)
            .map_err(|e| crate::Error::model(&format!("{file}.json"), e.to_string()))?;
        crates.extend(botocore_crates(file, suite_to_models(&json, file)?));
    }
    Ok(Suite {
        name: "botocore".to_owned(),
        crates,
    })
}

/// The crates of one suite file's models: `botocore-output-json-03` for entry 3,
/// `botocore-output-json-03-1` for its second model.
fn botocore_crates(file: &str, models: Vec<SuiteModel>) -> Vec<SuiteCrate> {
    let mut seen: BTreeMap<usize, usize> = BTreeMap::new();
    models
        .into_iter()
        .map(|model| {
            let nth = seen.entry(model.entry).or_default();
            let mut name = format!("botocore-{}-{:02}", file.replace('/', "-"), model.entry);
            if *nth > 0 {
                name.push_str(&format!("-{nth}"));
            }
            *nth += 1;
            SuiteCrate {
                name,
                row: format!("{file}.json"),
                model: CrateModel::Botocore {
                    file: file.to_owned(),
                    model: Box::new(model),
                },
            }
        })
        .collect()
}

/// Where the harness works.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Harness {
    /// The repository root: its `Cargo.lock` and `runtime/` are used.
    pub root: PathBuf,
    /// The folder the crates are generated into, one subfolder each.
    pub out: PathBuf,
    /// The target folder every crate builds into.
    pub target_dir: PathBuf,
    /// The `cargo` to run.
    pub cargo: OsString,
}

impl Harness {
    /// The harness of the repository at `root`: crates in `target/protocol-tests/`, built into
    /// `target/protocol-tests-target/`, with the `cargo` that runs this program (`CARGO`).
    pub fn new(root: &Path) -> Self {
        Self {
            root: root.to_path_buf(),
            out: root.join("target/protocol-tests"),
            target_dir: root.join("target/protocol-tests-target"),
            cargo: std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()),
        }
    }

    /// Runs every crate of every suite, one after the other, telling `progress` what it does.
    pub fn run(&self, suites: &[Suite], progress: &mut dyn FnMut(&str)) -> Report {
        let mut crates = Vec::new();
        for suite in suites {
            for krate in &suite.crates {
                progress(&format!("{}: {}", suite.name, krate.name));
                let started = Instant::now();
                let mut result = self.run_crate(krate);
                result.suite.clone_from(&suite.name);
                result.seconds = started.elapsed().as_secs_f64();
                progress(&format!(
                    "{}: {}: {} cases, {} passed, {} failed, {} skipped in {:.1} s",
                    suite.name,
                    krate.name,
                    result.cases.len(),
                    result.count(|s| matches!(s, Status::Passed)),
                    result.count(|s| matches!(s, Status::Failed(_))),
                    result.count(|s| matches!(s, Status::Skipped(_))),
                    result.seconds
                ));
                crates.push(result);
            }
        }
        Report { crates }
    }

    /// Generates, builds and tests one crate.
    fn run_crate(&self, krate: &SuiteCrate) -> CrateResult {
        let mut result = CrateResult {
            name: krate.name.clone(),
            row: krate.row.clone(),
            ..CrateResult::default()
        };
        let mut options = Options {
            runtime_path: Some(self.root.join("runtime").display().to_string()),
            ..Options::default()
        };
        let source = match &krate.model {
            CrateModel::File { path, service } => {
                result.service = service.clone().unwrap_or_default();
                options.service.clone_from(service);
                match source::read(path, Some(&self.root)) {
                    Ok(source) => source,
                    Err(e) => {
                        result.error = Some(format!("cannot read the model: {e}"));
                        return result;
                    }
                }
            }
            CrateModel::Botocore { file, model } => {
                options.crate_name = Some(krate.name.clone());
                options.protocol_tests =
                    ProtocolTests::Botocore(Box::new(BotocoreCases::of(file, model)));
                model.source()
            }
        };
        let cases = match crate::protocol_test_cases(&source, &options) {
            Ok(cases) => cases,
            Err(e) => {
                // A botocore model's cases are known without the model: they all fail.
                if let CrateModel::Botocore { model, .. } = &krate.model {
                    result.cases = suite_case_ids(model)
                        .into_iter()
                        .map(|(id, kind)| CaseResult {
                            id,
                            kind,
                            status: Status::Failed("not run".to_owned()),
                        })
                        .collect();
                }
                result.error = Some(format!("cannot read the model's test cases: {e}"));
                return result;
            }
        };
        result.service = cases.service;
        result.protocol = cases.protocol.to_owned();
        match crate::not_generated_yet(&source, &options) {
            Ok(None) => {}
            Ok(Some(reason)) => {
                let reason = format!("the generator does not generate its model yet: {reason}");
                result.cases = cases
                    .cases
                    .iter()
                    .map(|case| CaseResult::of(case, Status::Skipped(reason.clone())))
                    .collect();
                return result;
            }
            Err(e) => {
                result.error = Some(format!("cannot read the model: {e}"));
                return result;
            }
        }
        // Nothing to run when every case's operation is left out of the crate.
        if cases.cases.iter().all(|case| case.left_out) {
            result.cases = cases
                .cases
                .iter()
                .map(|case| {
                    let reason = case.skip.as_deref().unwrap_or_default().to_owned();
                    CaseResult::of(case, Status::Skipped(reason))
                })
                .collect();
            return result;
        }
        let fail_all = |result: &mut CrateResult, error: String| {
            result.cases = cases
                .cases
                .iter()
                .map(|case| CaseResult::of(case, Status::Failed("not run".to_owned())))
                .collect();
            result.error = Some(error);
        };
        let dir = self.out.join(&krate.name);
        if let Err(error) = self.write_crate(&source, &options, &dir) {
            fail_all(&mut result, format!("the crate was not generated: {error}"));
            return result;
        }
        let output = Command::new(&self.cargo)
            .args(["test", "--test", "protocol_tests"])
            .current_dir(&dir)
            .env("CARGO_TARGET_DIR", &self.target_dir)
            .env("CARGO_TERM_COLOR", "never")
            .env("RUST_BACKTRACE", "0")
            .output();
        let output = match output {
            Ok(output) => output,
            Err(e) => {
                let cargo = self.cargo.to_string_lossy();
                fail_all(&mut result, format!("cannot run `{cargo} test`: {e}"));
                return result;
            }
        };
        let stdout = String::from_utf8_lossy(&output.stdout);
        let stderr = String::from_utf8_lossy(&output.stderr);
        let run = libtest::parse(&stdout);
        if !run.finished {
            fail_all(
                &mut result,
                format!(
                    "the crate's tests did not build or run:\n{}",
                    compiler_errors(&stderr)
                ),
            );
            return result;
        }
        result.cases = cases
            .cases
            .iter()
            .map(|case| CaseResult::of(case, status(case, &run.outcomes)))
            .collect();
        result
    }

    /// Writes the generated crate, a workspace of its own with the repository's lock file.
    fn write_crate(
        &self,
        source: &source::ModelSource,
        options: &Options,
        dir: &Path,
    ) -> crate::Result<()> {
        let mut files = crate::generate(source, options)?;
        if let Some(manifest) = files.get_mut("Cargo.toml") {
            manifest.push_str("\n[workspace]\n");
        }
        let lock = self.root.join("Cargo.lock");
        let lock = std::fs::read_to_string(&lock).map_err(|e| crate::Error::io(lock, e))?;
        files.insert("Cargo.lock".to_owned(), lock);
        output::apply(dir, &files, Mode::Write)?;
        Ok(())
    }
}

/// The id and kind of each case of a botocore suite model, as its tests name them.
fn suite_case_ids(model: &SuiteModel) -> Vec<(String, CaseKind)> {
    model
        .cases
        .iter()
        .map(|case| (suite_case_id(model.entry, case), suite_case_kind(case)))
        .collect()
}

/// A case's status from the outcome of its test.
fn status(case: &Case, outcomes: &BTreeMap<String, libtest::Outcome>) -> Status {
    match outcomes.get(&format!("{TEST_MODULE}::{}", case.test_name)) {
        Some(libtest::Outcome::Passed) => Status::Passed,
        Some(libtest::Outcome::Failed(message)) => Status::Failed(message.clone()),
        Some(libtest::Outcome::Ignored(reason)) => Status::Skipped(
            reason
                .clone()
                .or_else(|| case.skip.as_deref().map(str::to_owned))
                .unwrap_or_default(),
        ),
        None => Status::Failed(format!("the test `{}` did not run", case.test_name)),
    }
}

/// The compiler's errors in cargo's output (each `error…` line with what follows up to the next
/// blank line), at most 60 lines; the output's last lines when it has none.
fn compiler_errors(stderr: &str) -> String {
    let mut lines = Vec::new();
    let mut in_error = false;
    for line in stderr.lines() {
        if line.starts_with("error") {
            in_error = true;
        }
        if in_error {
            if line.trim().is_empty() {
                in_error = false;
            }
            lines.push(line);
        }
    }
    if lines.is_empty() {
        lines = stderr.lines().rev().take(20).collect();
        lines.reverse();
    }
    lines.truncate(60);
    lines.join("\n").trim_end().to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_smithy_suite_has_the_json_services_named_after_them() {
        let suite = smithy_suite(Path::new("m.json"));
        assert_eq!(suite.name, "smithy");
        let crates: Vec<(&str, &str, Option<&str>)> = suite
            .crates
            .iter()
            .map(|c| match &c.model {
                CrateModel::File { path, service } => {
                    assert_eq!(path, Path::new("m.json"));
                    (c.name.as_str(), c.row.as_str(), service.as_deref())
                }
                CrateModel::Botocore { .. } => panic!("{c:?}"),
            })
            .collect();
        assert_eq!(
            crates,
            [
                (
                    "JsonProtocol",
                    "JsonProtocol",
                    Some("aws.protocoltests.json#JsonProtocol")
                ),
                (
                    "JsonRpc10",
                    "JsonRpc10",
                    Some("aws.protocoltests.json10#JsonRpc10")
                ),
                (
                    "QueryCompatibleJsonRpc10",
                    "QueryCompatibleJsonRpc10",
                    Some("aws.protocoltests.json10#QueryCompatibleJsonRpc10")
                ),
                (
                    "RestJson",
                    "RestJson",
                    Some("aws.protocoltests.restjson#RestJson")
                ),
            ]
        );
    }

    fn case(test_name: &str, skip: Option<&'static str>) -> Case {
        use crate::emit::protocol_tests::{CaseKind, GivenResponse, Http};
        Case {
            id: "Id".to_owned(),
            kind: CaseKind::Response,
            shape: crate::model::ShapeId::new("ns", "Op"),
            test_name: test_name.to_owned(),
            documentation: None,
            http: Http::Response(GivenResponse::default()),
            params: None,
            vendor_params: None,
            expected_error: None,
            skip: skip.map(std::borrow::Cow::Borrowed),
            left_out: false,
        }
    }

    #[test]
    fn a_case_takes_the_outcome_of_its_test_in_the_test_module() {
        use libtest::Outcome;
        let outcomes: BTreeMap<String, Outcome> = [
            ("protocol_tests::passes", Outcome::Passed),
            ("protocol_tests::fails", Outcome::Failed("differs".into())),
            (
                "protocol_tests::ignored",
                Outcome::Ignored(Some("why".into())),
            ),
            ("protocol_tests::bare", Outcome::Ignored(None)),
            ("elsewhere::missing", Outcome::Passed),
        ]
        .into_iter()
        .map(|(name, outcome)| (name.to_owned(), outcome))
        .collect();
        assert_eq!(status(&case("passes", None), &outcomes), Status::Passed);
        assert_eq!(
            status(&case("fails", None), &outcomes),
            Status::Failed("differs".into())
        );
        assert_eq!(
            status(&case("ignored", None), &outcomes),
            Status::Skipped("why".into())
        );
        assert_eq!(
            status(&case("bare", Some("listed")), &outcomes),
            Status::Skipped("listed".into())
        );
        assert_eq!(
            status(&case("missing", None), &outcomes),
            Status::Failed("the test `missing` did not run".into())
        );
    }

    /// A suite file of two entries: the first defines its operation two ways (two models),
    /// the second streams its output, which the generator does not generate yet.
    fn botocore_suite_json() -> serde_json::Value {
        let metadata = serde_json::json!({
            "protocol": "json", "protocols": ["json"], "apiVersion": "2018-01-01",
            "jsonVersion": "1.1", "targetPrefix": "Svc"
        });
        let given = |method: &str| {
            serde_json::json!({
                "name": "Get", "http": { "method": method, "requestUri": "/" },
                "input": { "shape": "GetInput" }
            })
        };
        let request = |id: &str, method: &str| {
            serde_json::json!({
                "id": id, "given": given(method), "params": {},
                "serialized": { "method": "POST", "uri": "/" }
            })
        };
        serde_json::json!([
            {
                "description": "Test cases for Get operation",
                "metadata": metadata,
                "shapes": { "GetInput": { "type": "structure", "members": {} } },
                "cases": [request("A", "POST"), request("B", "PUT"), { "given": given("POST"),
                    "params": {}, "serialized": { "uri": "/" } }]
            },
            {
                "description": "Test cases for Stream operation",
                "metadata": metadata,
                "shapes": {
                    "StreamOutput": {
                        "type": "structure", "payload": "Data",
                        "members": { "Data": { "shape": "Data" } }
                    },
                    "Data": { "type": "blob", "streaming": true }
                },
                "cases": [{
                    "id": "Streams",
                    "given": {
                        "name": "Stream", "http": { "method": "POST", "requestUri": "/" },
                        "output": { "shape": "StreamOutput" }
                    },
                    "response": { "status_code": 200, "body": "abc" },
                    "result": { "Data": "abc" }
                }]
            }
        ])
    }

    fn botocore_test_crates() -> Vec<SuiteCrate> {
        let models = suite_to_models(&botocore_suite_json(), "input/json").unwrap();
        botocore_crates("input/json", models)
    }

    #[test]
    fn botocore_crates_are_named_by_file_and_entry_and_count_in_their_files_row() {
        let crates = botocore_test_crates();
        let names: Vec<(&str, &str)> = crates
            .iter()
            .map(|c| (c.name.as_str(), c.row.as_str()))
            .collect();
        assert_eq!(
            names,
            [
                ("botocore-input-json-00", "input/json.json"),
                ("botocore-input-json-00-1", "input/json.json"),
                ("botocore-input-json-01", "input/json.json"),
            ]
        );
        let CrateModel::Botocore { file, model } = &crates[0].model else {
            panic!("{:?}", crates[0]);
        };
        assert_eq!(file, "input/json");
        assert_eq!(
            suite_case_ids(model),
            [
                ("A".to_owned(), CaseKind::Request),
                ("0:2".to_owned(), CaseKind::Request)
            ]
        );
    }

    #[test]
    fn the_botocore_suite_has_a_crate_per_model_of_each_json_protocol_file() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/botocore-protocols");
        let suite = botocore_suite(&dir).unwrap();
        assert_eq!(suite.name, "botocore");
        let mut rows: Vec<(&str, usize)> = Vec::new();
        for krate in &suite.crates {
            match rows.last_mut() {
                Some((row, count)) if *row == krate.row => *count += 1,
                _ => rows.push((&krate.row, 1)),
            }
        }
        assert_eq!(
            rows,
            [
                ("input/json.json", 13),
                ("input/json_1_0.json", 9),
                ("input/json_1_0-query-compatible.json", 1),
                ("input/rest-json.json", 52),
                ("output/json.json", 13),
                ("output/json_1_0.json", 8),
                ("output/json_1_0-query-compatible.json", 2),
                ("output/rest-json.json", 35),
            ]
        );
    }

    #[test]
    fn a_missing_botocore_suite_file_is_an_error_naming_it() {
        let error = botocore_suite(Path::new("/nonexistent")).unwrap_err();
        assert!(
            error
                .to_string()
                .starts_with("/nonexistent/input/json.json: "),
            "{error}"
        );
    }

    #[test]
    fn cases_of_operations_left_out_are_skipped_with_the_reason_and_nothing_is_built() {
        let dir = std::env::temp_dir().join(format!("compliance-skip-{}", std::process::id()));
        let harness = Harness {
            root: dir.clone(),
            out: dir.join("out"),
            target_dir: dir.join("target"),
            cargo: "false".into(),
        };
        let krate = botocore_test_crates().pop().unwrap();
        let result = harness.run_crate(&krate);
        assert_eq!(result.error, None);
        assert_eq!(result.protocol, "awsJson1_1");
        assert_eq!(result.cases.len(), 1);
        let Status::Skipped(reason) = &result.cases[0].status else {
            panic!("{result:?}");
        };
        assert!(
            reason
                .starts_with("the operation is left out of the crate: it uses streaming payloads")
                && reason.contains("member `Data` of `StreamOutput`"),
            "{reason}"
        );
        assert!(!dir.exists(), "nothing is written when no case can run");
    }

    #[test]
    fn compiler_errors_keep_each_error_with_its_context() {
        let stderr = "   Compiling x v0.1.0\nerror[E0308]: mismatched types\n  --> a.rs:1:1\n   |\n\nwarning: unused\n\nerror: could not compile `x`\n";
        assert_eq!(
            compiler_errors(stderr),
            "error[E0308]: mismatched types\n  --> a.rs:1:1\n   |\n\nerror: could not compile `x`"
        );
    }

    #[test]
    fn output_without_errors_shows_its_last_lines() {
        assert_eq!(compiler_errors("a\nb\n"), "a\nb");
    }
}
