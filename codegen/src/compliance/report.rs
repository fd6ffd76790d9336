//! What a harness run found, and its Markdown form: the table of cases, passed, failed and
//! skipped per suite, protocol and service, the skip reasons, and what each failure was.

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

/// One crate's results: a row of the table.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CrateResult {
    /// The suite it belongs to.
    pub suite: String,
    /// The crate's name in its suite.
    pub name: String,
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

impl Report {
    /// Whether every crate was generated and built and no case failed.
    pub fn succeeded(&self) -> bool {
        self.crates.iter().all(CrateResult::succeeded)
    }

    /// The table: a row per crate, sorted by suite, protocol and name, and a total.
    pub fn table(&self) -> String {
        let mut rows: Vec<&CrateResult> = self.crates.iter().collect();
        rows.sort_by(|a, b| {
            (&a.suite, &a.protocol, &a.name).cmp(&(&b.suite, &b.protocol, &b.name))
        });
        let mut text = String::from(
            "| suite | protocol | service | cases | passed | failed | skipped |\n\
             | --- | --- | --- | ---: | ---: | ---: | ---: |\n",
        );
        let mut total = [0; 4];
        for row in rows {
            let counts = [
                row.cases.len(),
                row.count(|s| matches!(s, Status::Passed)),
                row.count(|s| matches!(s, Status::Failed(_))),
                row.count(|s| matches!(s, Status::Skipped(_))),
            ];
            for (sum, count) in total.iter_mut().zip(counts) {
                *sum += count;
            }
            let protocol = if row.protocol.is_empty() {
                "?"
            } else {
                &row.protocol
            };
            let [cases, passed, failed, skipped] = counts;
            let _ = writeln!(
                text,
                "| {} | {protocol} | {} | {cases} | {passed} | {failed} | {skipped} |",
                row.suite, row.name
            );
        }
        let [cases, passed, failed, skipped] = total;
        let _ = writeln!(
            text,
            "| **total** | | | {cases} | {passed} | {failed} | {skipped} |"
        );
        text
    }

    /// The table, then for each crate its error, its skipped cases with their reasons, and its
    /// failed cases with what differed.
    pub fn markdown(&self) -> String {
        let mut text = self.table();
        for row in &self.crates {
            let skipped: Vec<String> = row
                .cases
                .iter()
                .filter_map(|case| match &case.status {
                    Status::Skipped(reason) => {
                        Some(format!("- `{}` ({}): {reason}\n", case.id, case.kind))
                    }
                    _ => None,
                })
                .collect();
            let title = format!("{} / {}", row.suite, row.name);
            if let Some(error) = &row.error {
                let _ = write!(
                    text,
                    "\n### {title}: all {} cases failed\n\n```text\n{}\n```\n",
                    row.cases.len(),
                    error.trim_end()
                );
            }
            if !skipped.is_empty() {
                let _ = write!(text, "\n### {title}: skipped\n\n{}", skipped.concat());
            }
            if row.error.is_some() {
                continue;
            }
            let failed: Vec<String> = row
                .cases
                .iter()
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
            | "the parsed value differs from the case's params:"),
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
                    service: "ns#JsonProtocol".into(),
                    protocol: "awsJson1_1".into(),
                    cases: vec![case("D", CaseKind::Request, Status::Failed("not run".into()))],
                    error: Some("document shapes are not supported yet".into()),
                    seconds: 0.1,
                },
            ],
        }
    }

    #[test]
    fn the_table_has_a_row_per_crate_by_protocol_and_a_total() {
        assert_eq!(
            report().table(),
            "| suite | protocol | service | cases | passed | failed | skipped |\n\
             | --- | --- | --- | ---: | ---: | ---: | ---: |\n\
             | smithy | awsJson1_0 | JsonRpc10 | 3 | 1 | 1 | 1 |\n\
             | smithy | awsJson1_1 | JsonProtocol | 1 | 0 | 1 | 0 |\n\
             | **total** | | | 4 | 1 | 2 | 1 |\n"
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
        clean.crates[0].cases.remove(1);
        assert!(clean.succeeded());
    }
}
