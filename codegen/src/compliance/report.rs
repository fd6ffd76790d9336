//! What a harness run found, and its Markdown form: the table of cases, passed, failed and
//! skipped per suite, protocol and row (a service, or a suite file), the skip reasons, and what
//! each failure was.

use std::fmt::Write as _;

use crate::emit::protocol_tests::{Case, CaseKind};

/// How one case ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Status {
    /// Its test passed.
    Passed,
    /// Its test failed, or did not run; what it printed.
    Failed(String),
    /// Its test is ignored; the reason.
    Skipped(String),
}

/// One case's result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseResult {
    /// The case's id.
    pub id: String,
    /// Request or response.
    pub kind: CaseKind,
    /// How it ended.
    pub status: Status,
}

impl CaseResult {
    /// The result of `case`.
    pub fn of(case: &Case, status: Status) -> Self {
        Self {
            id: case.id.clone(),
            kind: case.kind,
            status,
        }
    }
}

/// One crate's results, which count in a row of the table with the other crates of its suite,
/// protocol and row.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CrateResult {
    /// The suite it belongs to.
    pub suite: String,
    /// The crate's name in its suite.
    pub name: String,
    /// The row it counts in: its service's name, or its suite file.
    pub row: String,
    /// The service's shape id.
    pub service: String,
    /// The protocol, `awsJson1_1`; empty when the model could not be read.
    pub protocol: String,
    /// Every case, in the test file's order.
    pub cases: Vec<CaseResult>,
    /// Why the crate was not generated, built or run; its cases then all count as failed.
    pub error: Option<String>,
    /// How long generating, building and testing it took.
    pub seconds: f64,
}

impl CrateResult {
    /// How many cases have a status that `matches`.
    pub fn count(&self, matches: impl Fn(&Status) -> bool) -> usize {
        self.cases.iter().filter(|c| matches(&c.status)).count()
    }

    /// Whether nothing failed.
    pub fn succeeded(&self) -> bool {
        self.error.is_none() && self.count(|s| matches!(s, Status::Failed(_))) == 0
    }
}

/// Every crate's results.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Report {
    /// In the order they ran.
    pub crates: Vec<CrateResult>,
}

/// A row of the table: the crates of one suite, protocol and row name.
struct Row<'a> {
    suite: &'a str,
    protocol: &'a str,
    name: &'a str,
    crates: Vec<&'a CrateResult>,
}

impl Row<'_> {
    /// How many cases of its crates have a status that `matches`.
    fn count(&self, matches: impl Fn(&Status) -> bool + Copy) -> usize {
        self.crates.iter().map(|c| c.count(matches)).sum()
    }

    fn cases(&self) -> impl Iterator<Item = &CaseResult> {
        self.crates.iter().flat_map(|c| &c.cases)
    }
}

impl Report {
    /// Whether every crate was generated and built and no case failed.
    pub fn succeeded(&self) -> bool {
        self.crates.iter().all(CrateResult::succeeded)
    }

    /// The rows: suites in the order they ran, then by protocol and name.
    fn rows(&self) -> Vec<Row<'_>> {
        let mut suites: Vec<&str> = Vec::new();
        for krate in &self.crates {
            if !suites.contains(&krate.suite.as_str()) {
                suites.push(&krate.suite);
            }
        }
        let mut rows: Vec<Row<'_>> = Vec::new();
        for krate in &self.crates {
            let protocol = if krate.protocol.is_empty() {
                "?"
            } else {
                &krate.protocol
            };
            let found = rows.iter_mut().find(|row| {
                (row.suite, row.protocol, row.name) == (&krate.suite, protocol, &krate.row)
            });
            match found {
                Some(row) => row.crates.push(krate),
                None => rows.push(Row {
                    suite: &krate.suite,
                    protocol,
                    name: &krate.row,
                    crates: vec![krate],
                }),
            }
        }
        let suite_order = |suite: &str| suites.iter().position(|s| *s == suite);
        rows.sort_by(|a, b| {
            (suite_order(a.suite), a.protocol, a.name).cmp(&(
                suite_order(b.suite),
                b.protocol,
                b.name,
            ))
        });
        rows
    }

    /// The table: a row per suite, protocol and service or suite file, and a total.
    pub fn table(&self) -> String {
        let mut text = String::from(
            "| suite | protocol | service or file | cases | passed | failed | skipped |\n\
             | --- | --- | --- | ---: | ---: | ---: | ---: |\n",
        );
        let mut total = [0; 4];
        for row in self.rows() {
            let counts = [
                row.cases().count(),
                row.count(|s| matches!(s, Status::Passed)),
                row.count(|s| matches!(s, Status::Failed(_))),
                row.count(|s| matches!(s, Status::Skipped(_))),
            ];
            for (sum, count) in total.iter_mut().zip(counts) {
                *sum += count;
            }
            let [cases, passed, failed, skipped] = counts;
            let _ = writeln!(
                text,
                "| {} | {} | {} | {cases} | {passed} | {failed} | {skipped} |",
                row.suite, row.protocol, row.name
            );
        }
        let [cases, passed, failed, skipped] = total;
        let _ = writeln!(
            text,
            "| **total** | | | {cases} | {passed} | {failed} | {skipped} |"
        );
        text
    }

    /// The table, then for each row the errors of its crates, its skipped cases with their
    /// reasons, and its failed cases with what differed.
    pub fn markdown(&self) -> String {
        let mut text = self.table();
        for row in self.rows() {
            let title = format!("{} / {}", row.suite, row.name);
            for krate in &row.crates {
                if let Some(error) = &krate.error {
                    let whose = if row.crates.len() == 1 {
                        String::new()
                    } else {
                        format!(" of `{}`", krate.name)
                    };
                    let _ = write!(
                        text,
                        "\n### {title}: all {} cases{whose} failed\n\n```text\n{}\n```\n",
                        krate.cases.len(),
                        error.trim_end()
                    );
                }
            }
            let skipped: Vec<String> = row
                .cases()
                .filter_map(|case| match &case.status {
                    Status::Skipped(reason) => {
                        Some(format!("- `{}` ({}): {reason}\n", case.id, case.kind))
                    }
                    _ => None,
                })
                .collect();
            if !skipped.is_empty() {
                let _ = write!(text, "\n### {title}: skipped\n\n{}", skipped.concat());
            }
            // A crate's error stands for its cases.
            let failed: Vec<String> = row
                .crates
                .iter()
                .filter(|krate| krate.error.is_none())
                .flat_map(|krate| &krate.cases)
                .filter_map(|case| match &case.status {
                    Status::Failed(message) => Some(format!(
                        "- `{}` ({}): {}\n",
                        case.id,
                        case.kind,
                        summary(message)
                    )),
                    _ => None,
                })
                .collect();
            if !failed.is_empty() {
                let _ = write!(text, "\n### {title}: failed\n\n{}", failed.concat());
            }
        }
        text
    }
}

/// A failure's message on one line: the differences a request or value check lists (without
/// the whole request or values it shows after them), else the message's lines joined; each part
/// at most 300 characters.
fn summary(message: &str) -> String {
    let lines: Vec<&str> = message
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    let parts: Vec<&str> = match lines.split_first() {
        Some((
            &("the request differs from the case:"
            | "the parsed value differs from the case's params:"
            | "the parsed error differs from the case's:"),
            rest,
        )) => rest
            .iter()
            .copied()
            .take_while(|line| !["sent: ", "parsed: "].iter().any(|p| line.starts_with(p)))
            .collect(),
        _ => lines,
    };
    let parts: Vec<String> = parts
        .iter()
        .map(|part| match part.char_indices().nth(300) {
            Some((end, _)) => format!("{}…", &part[..end]),
            None => (*part).to_owned(),
        })
        .collect();
    if parts.is_empty() {
        "(no message)".to_owned()
    } else {
        parts.join("; ").replace('|', "\\|")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn case(id: &str, kind: CaseKind, status: Status) -> CaseResult {
        CaseResult {
            id: id.to_owned(),
            kind,
            status,
        }
    }

    fn report() -> Report {
        Report {
            crates: vec![
                CrateResult {
                    suite: "smithy".into(),
                    name: "JsonRpc10".into(),
                    row: "JsonRpc10".into(),
                    service: "ns#JsonRpc10".into(),
                    protocol: "awsJson1_0".into(),
                    cases: vec![
                        case("A", CaseKind::Request, Status::Passed),
                        case(
                            "B",
                            CaseKind::Response,
                            Status::Failed("the request differs from the case:\n  header `x`: missing\n  path: sent `/`, expected `/a`\nsent: Request {}".into()),
                        ),
                        case("C", CaseKind::Request, Status::Skipped("needs gzip".into())),
                    ],
                    error: None,
                    seconds: 1.0,
                },
                CrateResult {
                    suite: "smithy".into(),
                    name: "JsonProtocol".into(),
                    row: "JsonProtocol".into(),
                    service: "ns#JsonProtocol".into(),
                    protocol: "awsJson1_1".into(),
                    cases: vec![case("D", CaseKind::Request, Status::Failed("not run".into()))],
                    error: Some("document shapes are not supported yet".into()),
                    seconds: 0.1,
                },
                CrateResult {
                    suite: "botocore".into(),
                    name: "botocore-output-json-00".into(),
                    row: "output/json.json".into(),
                    service: "ns#Json".into(),
                    protocol: "awsJson1_1".into(),
                    cases: vec![
                        case("E", CaseKind::Response, Status::Passed),
                        case(
                            "F",
                            CaseKind::Response,
                            Status::Failed("the parsed error differs from the case's:\n  code: parsed None, expected \"Foo\"".into()),
                        ),
                    ],
                    error: None,
                    seconds: 1.0,
                },
                CrateResult {
                    suite: "botocore".into(),
                    name: "botocore-output-json-01".into(),
                    row: "output/json.json".into(),
                    service: "ns#Json".into(),
                    protocol: "awsJson1_1".into(),
                    cases: vec![
                        case("G", CaseKind::Response, Status::Failed("not run".into())),
                        case("H", CaseKind::Response, Status::Failed("not run".into())),
                    ],
                    error: Some("error[E0308]: mismatched types".into()),
                    seconds: 1.0,
                },
            ],
        }
    }

    #[test]
    fn the_table_has_a_row_per_suite_protocol_and_row_name_and_a_total() {
        assert_eq!(
            report().table(),
            "| suite | protocol | service or file | cases | passed | failed | skipped |\n\
             | --- | --- | --- | ---: | ---: | ---: | ---: |\n\
             | smithy | awsJson1_0 | JsonRpc10 | 3 | 1 | 1 | 1 |\n\
             | smithy | awsJson1_1 | JsonProtocol | 1 | 0 | 1 | 0 |\n\
             | botocore | awsJson1_1 | output/json.json | 4 | 1 | 3 | 0 |\n\
             | **total** | | | 8 | 2 | 5 | 1 |\n"
        );
    }

    #[test]
    fn a_row_of_several_crates_names_the_crate_that_failed_to_build() {
        let text = report().markdown();
        assert!(
            text.contains(
                "### botocore / output/json.json: all 2 cases of `botocore-output-json-01` \
                 failed\n\n```text\nerror[E0308]: mismatched types\n```\n"
            ),
            "{text}"
        );
        assert!(
            text.contains(
                "### botocore / output/json.json: failed\n\n- `F` (response): code: parsed \
                 None, expected \"Foo\"\n\n"
            ) || text.ends_with(
                "### botocore / output/json.json: failed\n\n- `F` (response): code: parsed \
                 None, expected \"Foo\"\n"
            ),
            "only the cases of crates that ran are listed: {text}"
        );
    }

    #[test]
    fn the_details_list_errors_skips_with_reasons_and_failures() {
        let text = report().markdown();
        assert!(
            text.contains("### smithy / JsonRpc10: skipped\n\n- `C` (request): needs gzip\n"),
            "{text}"
        );
        assert!(
            text.contains("### smithy / JsonRpc10: failed\n\n- `B` (response): header `x`: missing; path: sent `/`, expected `/a`\n"),
            "{text}"
        );
        assert!(
            text.contains("### smithy / JsonProtocol: all 1 cases failed\n\n```text\ndocument shapes are not supported yet\n```\n"),
            "{text}"
        );
        assert!(
            !text.contains("not run"),
            "a crate's error stands for its cases: {text}"
        );
    }

    #[test]
    fn a_summary_keeps_the_differences_a_check_lists() {
        assert_eq!(
            summary(
                "the parsed value differs from the case's params:\n  output.a: parsed 1, expected 2\n  \
                 output.b: parsed \"\", expected \"hi\"\nparsed:   Output { a: 1 }\nexpected: Output { a: 2 }"
            ),
            "output.a: parsed 1, expected 2; output.b: parsed \"\", expected \"hi\""
        );
        assert_eq!(summary("a | b\n\nc"), "a \\| b; c");
        assert_eq!(summary(""), "(no message)");
        assert_eq!(summary(&"x".repeat(301)), format!("{}…", "x".repeat(300)));
    }

    #[test]
    fn a_report_succeeds_only_without_failures_and_errors() {
        assert!(!report().succeeded());
        let mut clean = report();
        clean.crates.truncate(1);
        assert!(!clean.succeeded());
        clean.crates[0].cases.remove(1);
        assert!(clean.succeeded());
    }
}
