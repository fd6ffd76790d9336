//! The protocol compliance harness behind `cargo xtask protocol-tests`.
//!
//! A [`Suite`] is a named list of crates to generate, each from a model (and, for a model of
//! several services, one service of it). For every crate the harness generates it with its
//! protocol tests (`tests/protocol_tests.rs`) into `<out>/<name>/` as a workspace of its own
//! (`[workspace]` appended to its `Cargo.toml`, the repository's `Cargo.lock` copied in, the
//! runtime named by its absolute path), runs `cargo test --test protocol_tests` in it with one
//! target folder shared by all crates, and reads libtest's output into a [`Report`]: per crate,
//! every case passed, failed (with what differed) or skipped (with why). A crate that cannot
//! be generated or built has all its cases failed, and the report carries the error.
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
use crate::emit::protocol_tests::{Case, TEST_MODULE};
use crate::output::{self, Mode};
use crate::{Options, source};

/// Smithy's AWS protocol tests, relative to the repository root (read-only, never copied).
pub const SMITHY_PROTOCOL_TESTS: &str = "../shared/reference/smithy-aws-protocol-tests.json";

/// The start of `PROTOCOLS.md`, which `cargo xtask protocol-tests --record` writes: the table
/// follows.
pub const PROTOCOLS_HEADER: &str = "# Protocol compliance\n\n\
    Written by `cargo xtask protocol-tests --record`: Smithy's AWS protocol tests \
    (`smithy-aws-protocol-tests.json`) run through the crates generated for their services, one \
    test per client case (see `codegen/src/emit/protocol_tests/`). A crate that cannot be \
    generated or built counts all its cases as failed.\n";

/// A named group of crates whose protocol tests run together: one row of the report each.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suite {
    /// The suite's name in the report (`smithy`).
    pub name: String,
    /// The crates to generate and test.
    pub crates: Vec<SuiteCrate>,
}

/// One crate of a suite: a model, or one service of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SuiteCrate {
    /// The folder below the harness's output folder, and the crate's name in the report.
    pub name: String,
    /// The model: a Smithy JSON AST file, or a botocore model folder or `service-2.json`.
    pub model: PathBuf,
    /// The service to generate, for a model of several.
    pub service: Option<String>,
}

/// Smithy's protocol tests of the awsJson protocols: `JsonProtocol` (awsJson1_1), `JsonRpc10`
/// and `QueryCompatibleJsonRpc10` (awsJson1_0), from the model at `model`.
pub fn smithy_suite(model: &Path) -> Suite {
    let services = [
        "aws.protocoltests.json#JsonProtocol",
        "aws.protocoltests.json10#JsonRpc10",
        "aws.protocoltests.json10#QueryCompatibleJsonRpc10",
    ];
    Suite {
        name: "smithy".to_owned(),
        crates: services
            .iter()
            .map(|service| SuiteCrate {
                name: service.rsplit('#').next().unwrap_or(service).to_owned(),
                model: model.to_path_buf(),
                service: Some((*service).to_owned()),
            })
            .collect(),
    }
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
            service: krate.service.clone().unwrap_or_default(),
            ..CrateResult::default()
        };
        let source = match source::read(&krate.model, Some(&self.root)) {
            Ok(source) => source,
            Err(e) => {
                result.error = Some(format!("cannot read the model: {e}"));
                return result;
            }
        };
        let options = Options {
            runtime_path: Some(self.root.join("runtime").display().to_string()),
            service: krate.service.clone(),
            ..Options::default()
        };
        let cases = match crate::protocol_test_cases(&source, &options) {
            Ok(cases) => cases,
            Err(e) => {
                result.error = Some(format!("cannot read the model's test cases: {e}"));
                return result;
            }
        };
        result.service = cases.service;
        result.protocol = cases.protocol.to_owned();
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

/// A case's status from the outcome of its test.
fn status(case: &Case, outcomes: &BTreeMap<String, libtest::Outcome>) -> Status {
    match outcomes.get(&format!("{TEST_MODULE}::{}", case.test_name)) {
        Some(libtest::Outcome::Passed) => Status::Passed,
        Some(libtest::Outcome::Failed(message)) => Status::Failed(message.clone()),
        Some(libtest::Outcome::Ignored(reason)) => Status::Skipped(
            reason
                .clone()
                .or_else(|| case.skip.map(str::to_owned))
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
    fn the_smithy_suite_has_the_three_aws_json_services_named_after_them() {
        let suite = smithy_suite(Path::new("m.json"));
        assert_eq!(suite.name, "smithy");
        let crates: Vec<(&str, Option<&str>)> = suite
            .crates
            .iter()
            .map(|c| (c.name.as_str(), c.service.as_deref()))
            .collect();
        assert_eq!(
            crates,
            [
                ("JsonProtocol", Some("aws.protocoltests.json#JsonProtocol")),
                ("JsonRpc10", Some("aws.protocoltests.json10#JsonRpc10")),
                (
                    "QueryCompatibleJsonRpc10",
                    Some("aws.protocoltests.json10#QueryCompatibleJsonRpc10")
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
            skip,
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
