//! Reads what libtest (the test runner of `cargo test`) prints: each test's outcome and the
//! output of the failed ones.

use std::collections::BTreeMap;

/// How one test ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// `test name ... ok`.
    Passed,
    /// `test name ... FAILED`, with what the test printed (its panic message), if shown.
    Failed(String),
    /// `test name ... ignored` or `test name ... ignored, reason`.
    Ignored(Option<String>),
}

/// The outcomes of one run of a test binary.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TestRun {
    /// Each test's outcome, by its full name (`module::test`).
    pub outcomes: BTreeMap<String, Outcome>,
    /// Whether the run got to its `test result:` line: when not, the binary did not build or
    /// did not finish.
    pub finished: bool,
}

/// Parses libtest's default (`pretty`) output.
pub fn parse(output: &str) -> TestRun {
    let mut run = TestRun::default();
    let mut failed_output: BTreeMap<String, String> = BTreeMap::new();
    let mut capturing: Option<(String, Vec<&str>)> = None;
    for line in output.lines() {
        if let Some(name) = line
            .strip_prefix("---- ")
            .and_then(|rest| rest.strip_suffix(" stdout ----"))
        {
            finish_capture(&mut capturing, &mut failed_output);
            capturing = Some((name.to_owned(), Vec::new()));
            continue;
        }
        if let Some((_, lines)) = &mut capturing {
            // The list of failures that follows the captured output ends it.
            if line == "failures:" || line.starts_with("test result: ") {
                finish_capture(&mut capturing, &mut failed_output);
            } else {
                lines.push(line);
                continue;
            }
        }
        if line.starts_with("test result: ") {
            run.finished = true;
            continue;
        }
        let Some((name, outcome)) = line
            .strip_prefix("test ")
            .and_then(|rest| rest.split_once(" ... "))
        else {
            continue;
        };
        let outcome = match outcome.trim_end() {
            "ok" => Outcome::Passed,
            "FAILED" => Outcome::Failed(String::new()),
            "ignored" => Outcome::Ignored(None),
            other => match other.strip_prefix("ignored, ") {
                Some(reason) => Outcome::Ignored(Some(reason.to_owned())),
                None => continue,
            },
        };
        run.outcomes.insert(name.to_owned(), outcome);
    }
    finish_capture(&mut capturing, &mut failed_output);
    for (name, text) in failed_output {
        if let Some(Outcome::Failed(message)) = run.outcomes.get_mut(&name) {
            *message = text;
        }
    }
    run
}

/// Stores the captured output of a failed test: without the `thread '…' panicked at …` line
/// and the backtrace note, which say nothing about the case.
fn finish_capture(
    capturing: &mut Option<(String, Vec<&str>)>,
    failed_output: &mut BTreeMap<String, String>,
) {
    if let Some((name, lines)) = capturing.take() {
        let text: Vec<&str> = lines
            .into_iter()
            .filter(|line| !(line.starts_with("thread '") && line.contains(" panicked at ")))
            .filter(|line| !line.starts_with("note: run with `RUST_BACKTRACE=1`"))
            .collect();
        failed_output.insert(name, text.join("\n").trim().to_owned());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const OUTPUT: &str = "
running 4 tests
test protocol_tests::a_request ... ok
test protocol_tests::b_response ... FAILED
test protocol_tests::c_request ... ignored, needs request compression
test protocol_tests::d_response ... ignored

failures:

---- protocol_tests::b_response stdout ----

thread 'protocol_tests::b_response' (802) panicked at tests/protocol_tests.rs:160:13:
the request differs from the case:
  header `x-amzn-query-mode`: missing, expected `true`
note: run with `RUST_BACKTRACE=1` environment variable to display a backtrace


failures:
    protocol_tests::b_response

test result: FAILED. 1 passed; 1 failed; 2 ignored; 0 measured; 0 filtered out; finished in 0.14s
";

    #[test]
    fn each_test_line_gives_its_outcome_and_a_failure_its_message() {
        let run = parse(OUTPUT);
        assert!(run.finished);
        let outcomes: Vec<(&str, &Outcome)> =
            run.outcomes.iter().map(|(n, o)| (n.as_str(), o)).collect();
        assert_eq!(
            outcomes,
            [
                ("protocol_tests::a_request", &Outcome::Passed),
                (
                    "protocol_tests::b_response",
                    &Outcome::Failed(
                        "the request differs from the case:\n  header `x-amzn-query-mode`: \
                         missing, expected `true`"
                            .to_owned()
                    )
                ),
                (
                    "protocol_tests::c_request",
                    &Outcome::Ignored(Some("needs request compression".to_owned()))
                ),
                ("protocol_tests::d_response", &Outcome::Ignored(None)),
            ]
        );
    }

    #[test]
    fn output_without_a_result_line_is_an_unfinished_run() {
        let run = parse("error[E0425]: cannot find value `x` in this scope\n");
        assert!(!run.finished);
        assert!(run.outcomes.is_empty());
    }

    #[test]
    fn a_failure_without_captured_output_keeps_an_empty_message() {
        let run = parse("test t ... FAILED\ntest result: FAILED. 0 passed; 1 failed\n");
        assert_eq!(run.outcomes["t"], Outcome::Failed(String::new()));
    }
}
