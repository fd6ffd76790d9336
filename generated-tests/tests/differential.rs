//! Differential test: the generated crate against botocore 1.44.5 on seeded random cases.
//!
//! `diff/botocore_oracle.py` writes cases as JSON lines, each with botocore's own result;
//! this test replays every one through the operation's `serialize_request` or
//! `parse_response` and compares (the record format is in `diff/README.md`).
//!
//! ```text
//! DIFF_SEED=7 DIFF_CASES=500 cargo test -p inspector-tests --test differential
//! ```
//!
//! | variable | meaning | default |
//! |---|---|---|
//! | `DIFF_SEED` | seed of the random cases | 1 |
//! | `DIFF_CASES` | cases per operation and kind (request, output, error) | 300 |
//! | `DIFF_OPERATIONS` | comma-separated operation names to replay only those | all |
//! | `DIFF_PYTHON` | a Python with botocore 1.44.5, used instead of the managed venv | |
//! | `PYTHON3` | the Python that creates the managed venv | `python3` |
//!
//! Without `DIFF_PYTHON` the test makes `target/botocore-venv` with `python3 -m venv` and
//! installs botocore 1.44.5 into it, once; later runs reuse it.

#[path = "../../runtime/tests/support/python.rs"]
mod python;

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use python::{BOTOCORE_VERSION, python, run};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

const DEFAULT_SEED: u64 = 1;
const DEFAULT_CASES: u64 = 300;
/// Mismatches shown in the failure message; all of them go to the mismatch file.
const SHOWN_MISMATCHES: usize = 20;
/// Longest excerpt of a value or case in the failure message.
const EXCERPT_CHARS: usize = 600;

/// One operation of the model as the generated crate names it.
struct Operation {
    name: &'static str,
    module: &'static str,
    error_type: &'static str,
    errors: &'static [&'static str],
}

/// What the generated crate made of an error response.
enum ErrorSeen {
    Modelled {
        variant: &'static str,
        members: Value,
    },
    Unhandled,
    Other(String),
}

/// Lists every operation once, and builds from that list both [`OPERATIONS`] and
/// [`replay_in_module`], which sends a case to its operation's module.
macro_rules! operations {
    ($($name:ident => $module:ident, $error_type:ident [$($error:ident),*];)*) => {
        const OPERATIONS: &[Operation] = &[$(
            Operation {
                name: stringify!($name),
                module: stringify!($module),
                error_type: stringify!($error_type),
                errors: &[$(stringify!($error)),*],
            },
        )*];

        fn replay_in_module(case: &Case) -> Result<(), String> {
            match case.operation.as_str() {
                $(stringify!($name) => {
                    use inspector::operation::$module as operation;
                    match case.kind.as_str() {
                        "request" => check_request(case, operation::serialize_request),
                        "output" => check_output(case, operation::parse_response::<Vec<u8>>),
                        "error" => check_error(
                            case,
                            operation::parse_response::<Vec<u8>>,
                            |error: &operation::$error_type| {
                                let seen = match error {
                                    $(operation::$error_type::$error(exception) => {
                                        ErrorSeen::Modelled {
                                            variant: stringify!($error),
                                            members: to_json(exception),
                                        }
                                    })*
                                    operation::$error_type::Unhandled(_) => ErrorSeen::Unhandled,
                                    other => ErrorSeen::Other(format!("{other:?}")),
                                };
                                (error.code(), error.message(), seen)
                            },
                        ),
                        other => Err(format!("unknown kind of case `{other}`")),
                    }
                })*
                other => Err(format!("the harness does not list the operation `{other}`")),
            }
        }
    };
}

operations! {
    AddAttributesToFindings => add_attributes_to_findings, AddAttributesToFindingsError [AccessDeniedException, InternalException, InvalidInputException, NoSuchEntityException, ServiceTemporarilyUnavailableException];
    CreateAssessmentTarget => create_assessment_target, CreateAssessmentTargetError [AccessDeniedException, InternalException, InvalidCrossAccountRoleException, InvalidInputException, LimitExceededException, NoSuchEntityException, ServiceTemporarilyUnavailableException];
    CreateAssessmentTemplate => create_assessment_template, CreateAssessmentTemplateError [AccessDeniedException, InternalException, InvalidInputException, LimitExceededException, NoSuchEntityException, ServiceTemporarilyUnavailableException];
    CreateExclusionsPreview => create_exclusions_preview, CreateExclusionsPreviewError [AccessDeniedException, InternalException, InvalidInputException, NoSuchEntityException, PreviewGenerationInProgressException, ServiceTemporarilyUnavailableException];
    CreateResourceGroup => create_resource_group, CreateResourceGroupError [AccessDeniedException, InternalException, InvalidInputException, LimitExceededException, ServiceTemporarilyUnavailableException];
    DeleteAssessmentRun => delete_assessment_run, DeleteAssessmentRunError [AccessDeniedException, AssessmentRunInProgressException, InternalException, InvalidInputException, NoSuchEntityException, ServiceTemporarilyUnavailableException];
    DeleteAssessmentTarget => delete_assessment_target, DeleteAssessmentTargetError [AccessDeniedException, AssessmentRunInProgressException, InternalException, InvalidInputException, NoSuchEntityException, ServiceTemporarilyUnavailableException];
    DeleteAssessmentTemplate => delete_assessment_template, DeleteAssessmentTemplateError [AccessDeniedException, AssessmentRunInProgressException, InternalException, InvalidInputException, NoSuchEntityException, ServiceTemporarilyUnavailableException];
    DescribeAssessmentRuns => describe_assessment_runs, DescribeAssessmentRunsError [InternalException, InvalidInputException];
    DescribeAssessmentTargets => describe_assessment_targets, DescribeAssessmentTargetsError [InternalException, InvalidInputException];
    DescribeAssessmentTemplates => describe_assessment_templates, DescribeAssessmentTemplatesError [InternalException, InvalidInputException];
    DescribeCrossAccountAccessRole => describe_cross_account_access_role, DescribeCrossAccountAccessRoleError [InternalException];
    DescribeExclusions => describe_exclusions, DescribeExclusionsError [InternalException, InvalidInputException];
    DescribeFindings => describe_findings, DescribeFindingsError [InternalException, InvalidInputException];
    DescribeResourceGroups => describe_resource_groups, DescribeResourceGroupsError [InternalException, InvalidInputException];
    DescribeRulesPackages => describe_rules_packages, DescribeRulesPackagesError [InternalException, InvalidInputException];
    GetAssessmentReport => get_assessment_report, GetAssessmentReportError [AccessDeniedException, AssessmentRunInProgressException, InternalException, InvalidInputException, NoSuchEntityException, ServiceTemporarilyUnavailableException, UnsupportedFeatureException];
    GetExclusionsPreview => get_exclusions_preview, GetExclusionsPreviewError [AccessDeniedException, InternalException, InvalidInputException, NoSuchEntityException];
    GetTelemetryMetadata => get_telemetry_metadata, GetTelemetryMetadataError [AccessDeniedException, InternalException, InvalidInputException, NoSuchEntityException];
    ListAssessmentRunAgents => list_assessment_run_agents, ListAssessmentRunAgentsError [AccessDeniedException, InternalException, InvalidInputException, NoSuchEntityException];
    ListAssessmentRuns => list_assessment_runs, ListAssessmentRunsError [AccessDeniedException, InternalException, InvalidInputException, NoSuchEntityException];
    ListAssessmentTargets => list_assessment_targets, ListAssessmentTargetsError [AccessDeniedException, InternalException, InvalidInputException];
    ListAssessmentTemplates => list_assessment_templates, ListAssessmentTemplatesError [AccessDeniedException, InternalException, InvalidInputException, NoSuchEntityException];
    ListEventSubscriptions => list_event_subscriptions, ListEventSubscriptionsError [AccessDeniedException, InternalException, InvalidInputException, NoSuchEntityException];
    ListExclusions => list_exclusions, ListExclusionsError [AccessDeniedException, InternalException, InvalidInputException, NoSuchEntityException];
    ListFindings => list_findings, ListFindingsError [AccessDeniedException, InternalException, InvalidInputException, NoSuchEntityException];
    ListRulesPackages => list_rules_packages, ListRulesPackagesError [AccessDeniedException, InternalException, InvalidInputException];
    ListTagsForResource => list_tags_for_resource, ListTagsForResourceError [AccessDeniedException, InternalException, InvalidInputException, NoSuchEntityException];
    PreviewAgents => preview_agents, PreviewAgentsError [AccessDeniedException, InternalException, InvalidCrossAccountRoleException, InvalidInputException, NoSuchEntityException];
    RegisterCrossAccountAccessRole => register_cross_account_access_role, RegisterCrossAccountAccessRoleError [AccessDeniedException, InternalException, InvalidCrossAccountRoleException, InvalidInputException, ServiceTemporarilyUnavailableException];
    RemoveAttributesFromFindings => remove_attributes_from_findings, RemoveAttributesFromFindingsError [AccessDeniedException, InternalException, InvalidInputException, NoSuchEntityException, ServiceTemporarilyUnavailableException];
    SetTagsForResource => set_tags_for_resource, SetTagsForResourceError [AccessDeniedException, InternalException, InvalidInputException, NoSuchEntityException, ServiceTemporarilyUnavailableException];
    StartAssessmentRun => start_assessment_run, StartAssessmentRunError [AccessDeniedException, AgentsAlreadyRunningAssessmentException, InternalException, InvalidCrossAccountRoleException, InvalidInputException, LimitExceededException, NoSuchEntityException, ServiceTemporarilyUnavailableException];
    StopAssessmentRun => stop_assessment_run, StopAssessmentRunError [AccessDeniedException, InternalException, InvalidInputException, NoSuchEntityException, ServiceTemporarilyUnavailableException];
    SubscribeToEvent => subscribe_to_event, SubscribeToEventError [AccessDeniedException, InternalException, InvalidInputException, LimitExceededException, NoSuchEntityException, ServiceTemporarilyUnavailableException];
    UnsubscribeFromEvent => unsubscribe_from_event, UnsubscribeFromEventError [AccessDeniedException, InternalException, InvalidInputException, NoSuchEntityException, ServiceTemporarilyUnavailableException];
    UpdateAssessmentTarget => update_assessment_target, UpdateAssessmentTargetError [AccessDeniedException, InternalException, InvalidInputException, NoSuchEntityException, ServiceTemporarilyUnavailableException];
}

// -- the cases -------------------------------------------------------------------------------

/// One line of the oracle's output.
struct Case {
    kind: String,
    operation: String,
    number: u64,
    record: Value,
}

impl Case {
    fn parse(line: &str) -> Result<Self, String> {
        let record: Value =
            serde_json::from_str(line).map_err(|e| format!("unreadable case line: {e}"))?;
        let text = |key: &str| {
            record[key]
                .as_str()
                .map(str::to_owned)
                .ok_or_else(|| format!("case line without `{key}`"))
        };
        Ok(Self {
            kind: text("kind")?,
            operation: text("operation")?,
            number: record["case"].as_u64().ok_or("case line without `case`")?,
            record,
        })
    }

    fn str(&self, key: &str) -> &str {
        self.record[key].as_str().unwrap_or_default()
    }

    /// The JSON Pointers listed under `key` (`timestamp_paths`, `double_paths`).
    fn paths(&self, key: &str) -> Vec<&str> {
        self.record[key]
            .as_array()
            .map(|paths| paths.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default()
    }

    /// The response the case describes.
    fn response(&self) -> Result<http::Response<Vec<u8>>, String> {
        let mut builder = http::Response::builder().status(
            u16::try_from(self.record["status"].as_u64().unwrap_or(0))
                .map_err(|e| e.to_string())?,
        );
        if let Some(headers) = self.record["headers"].as_object() {
            for (name, value) in headers {
                builder = builder.header(name, value.as_str().unwrap_or_default());
            }
        }
        builder
            .body(self.str("body").as_bytes().to_vec())
            .map_err(|e| format!("the case is not an HTTP response: {e}"))
    }
}

// -- replaying one case ----------------------------------------------------------------------

/// Deserializes the input botocore sent, serializes it again and compares the requests.
fn check_request<I: DeserializeOwned>(
    case: &Case,
    serialize_request: fn(&I) -> Result<http::Request<Vec<u8>>, inspector::error::SerializeError>,
) -> Result<(), String> {
    let input: I = serde_json::from_value(case.record["wire_input"].clone())
        .map_err(|e| format!("`wire_input` does not deserialize into the input: {e}"))?;
    let request = serialize_request(&input).unwrap();
    let mut problems = Vec::new();
    if request.method().as_str() != case.str("method") {
        problems.push(format!(
            "method: botocore {}, rust {}",
            case.str("method"),
            request.method()
        ));
    }
    if request.uri().path() != case.str("url_path") {
        problems.push(format!(
            "path: botocore {}, rust {}",
            case.str("url_path"),
            request.uri().path()
        ));
    }
    for name in ["content-type", "x-amz-target"] {
        let expected = case.record["headers"]
            .as_object()
            .and_then(|headers| {
                headers
                    .iter()
                    .find(|(key, _)| key.eq_ignore_ascii_case(name))
                    .and_then(|(_, value)| value.as_str())
            })
            .unwrap_or("(absent)");
        let actual = request
            .headers()
            .get(name)
            .map_or("(absent)".to_owned(), |value| {
                String::from_utf8_lossy(value.as_bytes()).into_owned()
            });
        if expected != actual {
            problems.push(format!("header {name}: botocore {expected}, rust {actual}"));
        }
    }
    let mut expected_body: Value = serde_json::from_str(case.str("body"))
        .map_err(|e| format!("botocore's body is not JSON: {e}"))?;
    // Both bodies went through this test's JSON parser, which may round a float's last bit
    // differently than Python's; timestamps are compared to the millisecond.
    let timestamps = case.paths("timestamp_paths");
    millis_at(&mut expected_body, &timestamps);
    match serde_json::from_slice::<Value>(request.body()) {
        Ok(mut actual_body) => {
            millis_at(&mut actual_body, &timestamps);
            if let Some(difference) = first_difference(&expected_body, &actual_body, "") {
                problems.push(format!(
                    "body: {difference}\n    botocore body: {}\n    rust body:     {}",
                    excerpt(case.str("body")),
                    excerpt(&String::from_utf8_lossy(request.body())),
                ));
            }
        }
        Err(e) => problems.push(format!(
            "the body is not JSON ({e}): {}",
            excerpt(&String::from_utf8_lossy(request.body()))
        )),
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems.join("\n  "))
    }
}

/// Parses the successful response and compares the output with botocore's.
fn check_output<O: Serialize, E: std::fmt::Debug>(
    case: &Case,
    parse_response: fn(&http::Response<Vec<u8>>) -> Result<O, E>,
) -> Result<(), String> {
    let output = match parse_response(&case.response()?) {
        Ok(output) => output,
        Err(error) => {
            return Err(format!(
                "botocore parsed the response, rust failed: {}",
                excerpt(&format!("{error:?}"))
            ));
        }
    };
    let mut actual = to_json(&output);
    millis_at(&mut actual, &case.paths("timestamp_paths"));
    let mut expected = case.record["expected"].clone();
    exact_doubles_at(&mut expected, &case.paths("double_paths"))?;
    compare_values(&expected, &actual)
}

/// Parses the error response and compares code, message and members with botocore's.
fn check_error<O: std::fmt::Debug, E>(
    case: &Case,
    parse_response: fn(&http::Response<Vec<u8>>) -> Result<O, E>,
    inspect: impl for<'e> Fn(&'e E) -> (Option<&'e str>, Option<&'e str>, ErrorSeen),
) -> Result<(), String> {
    let error = match parse_response(&case.response()?) {
        Ok(output) => {
            return Err(format!(
                "botocore parsed an error, rust an output: {}",
                excerpt(&format!("{output:?}"))
            ));
        }
        Err(error) => error,
    };
    let (code, message, seen) = inspect(&error);
    let mut expected = case.record["expected"].clone();
    exact_doubles_at(&mut expected, &case.paths("double_paths"))?;
    let mut problems = Vec::new();
    let expected_code = expected["code"].as_str();
    if code != expected_code {
        problems.push(format!("code: botocore {expected_code:?}, rust {code:?}"));
    }
    // botocore reports a missing message as "".
    let expected_message = expected["message"].as_str().unwrap_or_default();
    let actual_message = message.unwrap_or_default();
    if expected_message != actual_message {
        problems.push(format!(
            "message: botocore {}, rust {}",
            excerpt(&format!("{expected_message:?}")),
            excerpt(&format!("{actual_message:?}"))
        ));
    }
    match (seen, &expected["members"]) {
        (ErrorSeen::Modelled { variant, members }, Value::Object(_)) => {
            if Some(variant) != expected_code {
                problems.push(format!(
                    "variant: botocore {expected_code:?}, rust {variant}"
                ));
            }
            let mut actual = serde_json::json!({ "members": members });
            millis_at(&mut actual, &case.paths("timestamp_paths"));
            if let Err(difference) = compare_values(&expected["members"], &actual["members"]) {
                problems.push(format!("members: {difference}"));
            }
        }
        (ErrorSeen::Unhandled, Value::Null) => {}
        (ErrorSeen::Modelled { variant, .. }, _) => problems.push(format!(
            "botocore found no modelled error, rust the variant {variant}"
        )),
        (ErrorSeen::Unhandled, _) => problems.push(format!(
            "botocore found the modelled error {expected_code:?}, rust Unhandled"
        )),
        (ErrorSeen::Other(debug), _) => {
            problems.push(format!("rust returned {}", excerpt(&debug)));
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems.join("\n  "))
    }
}

fn to_json<T: Serialize>(value: &T) -> Value {
    serde_json::to_value(value)
        .unwrap_or_else(|e| Value::String(format!("(does not serialize: {e})")))
}

// -- comparing -------------------------------------------------------------------------------

/// Turns the epoch seconds at `paths` (JSON Pointers) into integer epoch milliseconds, the
/// form the oracle writes timestamps in.
fn millis_at(value: &mut Value, paths: &[&str]) {
    for path in paths {
        if let Some(slot) = value.pointer_mut(path) {
            if let Some(seconds) = slot.as_f64() {
                #[allow(clippy::cast_possible_truncation)]
                let millis = (seconds * 1000.0).round() as i64;
                *slot = Value::from(millis);
            }
        }
    }
}

/// Reads the doubles at `paths`, which the oracle writes as text, with Rust's correctly
/// rounding parser: serde_json's default float parsing may be one bit off.
fn exact_doubles_at(value: &mut Value, paths: &[&str]) -> Result<(), String> {
    for path in paths {
        if let Some(slot) = value.pointer_mut(path) {
            let text = slot
                .as_str()
                .ok_or_else(|| format!("the double at {path} is not text"))?;
            let number: f64 = text
                .parse()
                .map_err(|e| format!("the double at {path} is not a number: {e}"))?;
            *slot = serde_json::Number::from_f64(number).map_or(Value::Null, Value::Number);
        }
    }
    Ok(())
}

fn compare_values(expected: &Value, actual: &Value) -> Result<(), String> {
    match first_difference(expected, actual, "") {
        None => Ok(()),
        Some(difference) => Err(format!(
            "{difference}\n    botocore: {}\n    rust:     {}",
            excerpt(&expected.to_string()),
            excerpt(&actual.to_string())
        )),
    }
}

/// Where `actual` first differs from `expected`: numbers compare by value, and a member that
/// is `null` is the same as one that is absent.
fn first_difference(expected: &Value, actual: &Value, path: &str) -> Option<String> {
    let shown = |value: &Value| match value {
        Value::Null => "(absent)".to_owned(),
        value => excerpt(&value.to_string()),
    };
    let differs = || {
        Some(format!(
            "at `{}`: botocore {}, rust {}",
            if path.is_empty() { "/" } else { path },
            shown(expected),
            shown(actual)
        ))
    };
    match (expected, actual) {
        (Value::Number(left), Value::Number(right)) => {
            let same = match (left.as_i64(), right.as_i64(), left.as_u64(), right.as_u64()) {
                (Some(a), Some(b), _, _) => a == b,
                (_, _, Some(a), Some(b)) => a == b,
                #[allow(clippy::float_cmp)]
                _ => left.as_f64() == right.as_f64(),
            };
            if same { None } else { differs() }
        }
        (Value::Array(left), Value::Array(right)) => {
            if left.len() != right.len() {
                return Some(format!(
                    "at `{path}`: botocore has {} items, rust {}",
                    left.len(),
                    right.len()
                ));
            }
            left.iter()
                .zip(right)
                .enumerate()
                .find_map(|(index, (a, b))| first_difference(a, b, &format!("{path}/{index}")))
        }
        (Value::Object(left), Value::Object(right)) => {
            let keys: BTreeSet<&String> = left
                .iter()
                .chain(right)
                .filter(|(_, value)| !value.is_null())
                .map(|(key, _)| key)
                .collect();
            keys.into_iter().find_map(|key| {
                let child = format!("{path}/{}", key.replace('~', "~0").replace('/', "~1"));
                first_difference(
                    left.get(key).unwrap_or(&Value::Null),
                    right.get(key).unwrap_or(&Value::Null),
                    &child,
                )
            })
        }
        _ if expected == actual => None,
        _ => differs(),
    }
}

/// What a problem is about, without its numbers and details: groups the same problem.
fn signature(kind: &str, problem: &str) -> String {
    let first_line = problem.lines().next().unwrap_or_default();
    let mut signature = format!("{kind}: ");
    for c in first_line.chars().take(160) {
        if !(c.is_ascii_digit() && signature.ends_with('N')) {
            signature.push(if c.is_ascii_digit() { 'N' } else { c });
        }
    }
    signature
}

fn excerpt(text: &str) -> String {
    match text.char_indices().nth(EXCERPT_CHARS) {
        None => text.to_owned(),
        Some((end, _)) => format!("{}… ({} bytes in all)", &text[..end], text.len()),
    }
}

// -- running the oracle ----------------------------------------------------------------------

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("generated-tests sits in the workspace")
        .to_path_buf()
}

fn env_number(name: &str, default: u64) -> u64 {
    match std::env::var(name) {
        Ok(text) => text
            .trim()
            .parse()
            .unwrap_or_else(|e| panic!("{name}={text:?} is not a number: {e}")),
        Err(_) => default,
    }
}

/// The seed, case count and operations of this run, as the oracle takes them.
struct Run {
    seed: u64,
    cases: u64,
    operations: String,
}

impl Run {
    fn from_env() -> Self {
        Self {
            seed: env_number("DIFF_SEED", DEFAULT_SEED),
            cases: env_number("DIFF_CASES", DEFAULT_CASES),
            operations: std::env::var("DIFF_OPERATIONS").unwrap_or_default(),
        }
    }

    /// The environment that replays this run, restricted to `operation`.
    fn replay(&self, operation: &str) -> String {
        format!(
            "DIFF_SEED={} DIFF_CASES={} DIFF_OPERATIONS={operation} \
             cargo test -p inspector-tests --test differential",
            self.seed, self.cases
        )
    }

    fn oracle_cases(&self) -> Result<String, String> {
        let python = python()?;
        let root = workspace_root();
        let out = std::env::temp_dir().join(format!(
            "inspector-differential-{}-{}-{}.jsonl",
            std::process::id(),
            self.seed,
            self.cases
        ));
        let result = run(Command::new(python)
            .arg(root.join("generated-tests/diff/botocore_oracle.py"))
            .args(["--seed", &self.seed.to_string()])
            .args(["--cases", &self.cases.to_string()])
            .args(["--operations", &self.operations])
            .arg("--model")
            .arg(root.join("models/inspector/2016-02-16/service-2.json"))
            .arg(&out))
        .and_then(|_| {
            fs::read_to_string(&out).map_err(|e| format!("cannot read {}: {e}", out.display()))
        });
        let _ = fs::remove_file(&out);
        result
    }
}

// -- the tests -------------------------------------------------------------------------------

#[test]
fn generated_crate_agrees_with_botocore() {
    let run = Run::from_env();
    let lines = run
        .oracle_cases()
        .unwrap_or_else(|problem| panic!("{problem}"));
    let mut mismatches = Vec::new();
    let mut count = 0usize;
    for line in lines.lines() {
        count += 1;
        let case =
            Case::parse(line).unwrap_or_else(|problem| panic!("{problem}: {}", excerpt(line)));
        if let Err(problem) = replay_in_module(&case) {
            mismatches.push((case, problem, line));
        }
    }
    assert!(count > 0, "the oracle wrote no cases");
    if mismatches.is_empty() {
        println!(
            "{count} cases agree with botocore {BOTOCORE_VERSION} (seed {}, {} per operation and kind)",
            run.seed, run.cases
        );
        return;
    }
    let file = workspace_root().join("target/differential-mismatches.jsonl");
    let mut all = String::new();
    for (case, problem, _) in &mismatches {
        let entry = serde_json::json!({ "problem": problem, "case": case.record });
        all.push_str(&entry.to_string());
        all.push('\n');
    }
    let saved = fs::write(&file, all).map_or_else(
        |e| format!("could not save them to {}: {e}", file.display()),
        |()| format!("every mismatching case is in {}", file.display()),
    );
    let mut report = format!(
        "{} of {count} cases differ from botocore {BOTOCORE_VERSION} (seed {}, {} per operation \
         and kind); {saved}\n",
        mismatches.len(),
        run.seed,
        run.cases
    );
    // One of each kind of problem first, so a common one does not hide the rest.
    let mut seen = BTreeSet::new();
    let (firsts, repeats): (Vec<_>, Vec<_>) = mismatches
        .iter()
        .partition(|(case, problem, _)| seen.insert(signature(&case.kind, problem)));
    let _ = writeln!(
        report,
        "{} kinds of problem; one case of each comes first",
        firsts.len()
    );
    for (case, problem, line) in firsts.into_iter().chain(repeats).take(SHOWN_MISMATCHES) {
        let _ = write!(
            report,
            "\n{} {} case {}:\n  {problem}\n  case: {}\n  replay: {}\n",
            case.operation,
            case.kind,
            case.number,
            excerpt(line),
            run.replay(&case.operation)
        );
    }
    if mismatches.len() > SHOWN_MISMATCHES {
        let _ = write!(
            report,
            "\n… and {} more",
            mismatches.len() - SHOWN_MISMATCHES
        );
    }
    panic!("{report}");
}

#[test]
fn operation_table_covers_every_generated_module_and_model_operation() {
    let root = workspace_root();
    let modules: BTreeSet<String> = fs::read_dir(root.join("generated/inspector/src/operation"))
        .expect("generated/inspector/src/operation exists")
        .map(|entry| entry.expect("readable directory").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "rs"))
        .map(|path| path.file_stem().unwrap().to_string_lossy().into_owned())
        .collect();
    let listed: BTreeSet<String> = OPERATIONS.iter().map(|op| op.module.to_owned()).collect();
    assert_eq!(
        listed, modules,
        "the harness's modules against generated/inspector/src/operation"
    );

    let model: Value = serde_json::from_str(
        &fs::read_to_string(root.join("models/inspector/2016-02-16/service-2.json"))
            .expect("the model is readable"),
    )
    .expect("the model is JSON");
    let operations = model["operations"]
        .as_object()
        .expect("the model has operations");
    let names: BTreeSet<&str> = operations.keys().map(String::as_str).collect();
    let listed: BTreeSet<&str> = OPERATIONS.iter().map(|op| op.name).collect();
    assert_eq!(
        listed, names,
        "the harness's operations against the model's"
    );
    for op in OPERATIONS {
        assert_eq!(op.error_type, format!("{}Error", op.name));
        let errors: BTreeSet<&str> = operations[op.name]["errors"]
            .as_array()
            .map(|errors| errors.iter().filter_map(|e| e["shape"].as_str()).collect())
            .unwrap_or_default();
        let listed: BTreeSet<&str> = op.errors.iter().copied().collect();
        assert_eq!(listed, errors, "the errors of {}", op.name);
    }
}
