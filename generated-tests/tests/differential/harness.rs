//! The differential harness: replays the cases `diff/botocore_oracle.py` writes for a model
//! through the generated crate of that model, and fails on any difference from botocore.
//!
//! Nothing here names a service or an operation. [`differential_tests!`] takes a generated
//! crate and its model; the crate's hidden `__operation_table!` hands over its operations
//! (module, error enum, error variants with their shape names), from which the macro builds the
//! replay function and two tests: the comparison itself, and a check that the table lists
//! exactly the model's operations and errors. The includer declares `mod python;` (the
//! botocore venv logic of `runtime/tests/support/python.rs`) beside this module.
//!
//! | variable | meaning | default |
//! |---|---|---|
//! | `DIFF_SEED` | seed of the random cases | 1 |
//! | `DIFF_CASES` | cases per operation and kind (request, output, error) | 300 |
//! | `DIFF_OPERATIONS` | comma-separated operation names to replay only those | all |
//! | `DIFF_PYTHON` | a Python with botocore 1.44.5, used instead of the managed venv | |
//! | `PYTHON3` | the Python that creates the managed venv | `python3` |

#![allow(dead_code)]

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::python::{BOTOCORE_VERSION, python, run};

pub const DEFAULT_SEED: u64 = 1;
pub const DEFAULT_CASES: u64 = 300;
/// Mismatches shown in the failure message; all of them go to the mismatch file.
const SHOWN_MISMATCHES: usize = 20;
/// Longest excerpt of a value or case in the failure message.
const EXCERPT_CHARS: usize = 600;
/// The idempotency token the oracle gives botocore for a token member the input leaves unset;
/// the replay makes the crate use the same one.
const FIXED_TOKEN: &str = "00000000-0000-4000-8000-000000000000";
/// Headers botocore adds after serializing, or that only one side's transport sets.
const HEADERS_NOT_COMPARED: &[&str] = &["content-length", "user-agent", "host"];

/// Replays the cases of a model through a generated crate: a module `$module` with the test
/// `agrees_with_botocore` and the test `operation_table_matches_the_model`.
///
/// ```ignore
/// differential_tests!(inspector2 => "models/inspector2/2020-06-08", root = "…/workspace");
/// ```
macro_rules! differential_tests {
    ($krate:ident => $model:expr, root = $root:ident) => {
        mod $krate {
            use super::harness::{self, Case, ErrorSeen, Operation};

            const MODEL: &str = $model;
            const ROOT: &str = super::$root;

            ::$krate::__operation_table!(replay_table $krate);

            #[test]
            fn agrees_with_botocore() {
                harness::agree(
                    stringify!($krate),
                    &harness::model_path(ROOT, MODEL),
                    ROOT,
                    OPERATIONS,
                    replay,
                );
            }

            #[test]
            fn operation_table_matches_the_model() {
                harness::check_table(&harness::model_path(ROOT, MODEL), OPERATIONS, LEFT_OUT);
            }
        }
    };
}

/// The callback of a crate's `__operation_table!`: `OPERATIONS` and `replay`.
macro_rules! replay_table {
    ($krate:ident
        left_out [$($left_out:ident),*]
        $($name:ident => $module:ident, $error:ident [$($variant:ident = $shape:literal),*] $mode:ident;)*
    ) => {
        /// Operations of the model the crate leaves out (streaming, say): no cases for them.
        const LEFT_OUT: &[&str] = &[$(stringify!($left_out)),*];

        const OPERATIONS: &[Operation] = &[$(
            Operation {
                name: stringify!($name),
                module: stringify!($module),
                errors: &[$($shape),*],
            },
        )*];

        fn replay(case: &Case) -> Result<(), String> {
            match case.operation.as_str() {
                $(stringify!($name) => {
                    use ::$krate::operation::$module as operation;
                    match case.kind.as_str() {
                        "request" => harness::check_request(case, harness::$mode(operation::serialize_request)),
                        "output" => harness::check_output(case, operation::parse_response::<Vec<u8>>),
                        "error" => harness::check_error(
                            case,
                            operation::parse_response::<Vec<u8>>,
                            |error: &operation::$error| {
                                #[allow(unreachable_patterns)]
                                let seen = match error {
                                    $(operation::$error::$variant(exception) => ErrorSeen::Modelled {
                                        shape: $shape,
                                        members: harness::to_json(exception),
                                    },)*
                                    operation::$error::Unhandled(_) => ErrorSeen::Unhandled,
                                    other => ErrorSeen::Other(format!("{other:?}")),
                                };
                                (error.code(), error.message(), seen)
                            },
                        ),
                        other => Err(format!("unknown kind of case `{other}`")),
                    }
                })*
                other => Err(format!("the crate has no operation `{other}`")),
            }
        }
    };
}

/// One operation as the crate's table lists it.
pub struct Operation {
    pub name: &'static str,
    pub module: &'static str,
    /// The model's names of the errors the operation lists.
    pub errors: &'static [&'static str],
}

/// What the generated crate made of an error response.
pub enum ErrorSeen {
    Modelled { shape: &'static str, members: Value },
    Unhandled,
    Other(String),
}

// -- the cases -------------------------------------------------------------------------------

/// One line of the oracle's output.
pub struct Case {
    pub kind: String,
    pub operation: String,
    pub number: u64,
    pub record: Value,
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

    /// The body's bytes: `body_base64` when the body is not UTF-8, else `body`.
    fn body(&self) -> Result<Vec<u8>, String> {
        match self.record["body_base64"].as_str() {
            Some(encoded) => decode_base64(encoded),
            None => Ok(self.str("body").as_bytes().to_vec()),
        }
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
            .body(self.body()?)
            .map_err(|e| format!("the case is not an HTTP response: {e}"))
    }
}

// -- replaying one case ----------------------------------------------------------------------

/// The longest URI an `http::Uri` holds (the `http` crate's limit).
const MAX_URI_LEN: usize = 65_534;

/// The length of botocore's request target: the path, and `?` and the query when there is one.
fn request_target_len(case: &Case) -> usize {
    let query = case.str("query");
    case.str("url_path").len() + if query.is_empty() { 0 } else { 1 + query.len() }
}

/// A `serialize_request` that borrows its input, as [`check_request`] calls it.
pub fn by_ref<I, E>(
    serialize_request: fn(&I) -> Result<http::Request<Vec<u8>>, E>,
) -> impl FnOnce(I) -> Result<http::Request<Vec<u8>>, E> {
    move |input| serialize_request(&input)
}

/// A `serialize_request` that takes its input by value (its payload streams), as
/// [`check_request`] calls it: the streamed body (bytes, from the JSON input) is read whole.
pub fn by_value<I, E>(
    serialize_request: fn(I) -> Result<http::Request<service_runtime::stream::ByteStream>, E>,
) -> impl FnOnce(I) -> Result<http::Request<Vec<u8>>, E> {
    move |input| {
        serialize_request(input).map(|request| {
            request.map(|body| {
                Vec::from(
                    body.collect_blocking()
                        .expect("a body made from bytes reads"),
                )
            })
        })
    }
}

/// Deserializes the input botocore was given, serializes it with the crate and compares the
/// requests: method, path, query, headers and body. A request target longer than an
/// `http::Uri` holds must be refused instead (see [`MAX_URI_LEN`]).
pub fn check_request<I: DeserializeOwned, E: std::fmt::Debug>(
    case: &Case,
    serialize_request: impl FnOnce(I) -> Result<http::Request<Vec<u8>>, E>,
) -> Result<(), String> {
    let input: I = serde_json::from_value(case.record["input"].clone())
        .map_err(|e| format!("`input` does not deserialize into the input: {e}"))?;
    let request =
        match service_runtime::with_idempotency_token(FIXED_TOKEN, || serialize_request(input)) {
            Ok(request) => request,
            Err(e) => {
                let error = format!("{e:?}");
                // By design: botocore builds a request target of any length, while an
                // `http::Uri` holds at most 65,534 bytes, so the crate refuses a longer one
                // with a SerializeError on `uri` rather than sending it (no AWS front end
                // takes a request line that long). Such a case must be refused that way.
                return if request_target_len(case) > MAX_URI_LEN
                    && error.starts_with("SerializeError { member: \"uri\"")
                {
                    Ok(())
                } else {
                    Err(format!(
                        "botocore serialized the input, rust failed: {error}"
                    ))
                };
            }
        };
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
    // The order of query parameters carries no meaning; their encoding does, but for
    // timestamps, which compare as instants (botocore writes `.301000Z`, the crate `.301Z`).
    let event_stream = case.record["payload_kind"] == "event_stream";
    let timestamps: Vec<&str> = case.record["query_timestamps"]
        .as_array()
        .map(|keys| keys.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    let query = |text: &str| {
        let mut pairs: Vec<String> = text
            .split('&')
            .filter(|pair| !pair.is_empty())
            .map(|pair| match pair.split_once('=') {
                Some((key, value)) if timestamps.contains(&key) => {
                    text_millis(&percent_decode(value))
                        .map_or_else(|| pair.to_owned(), |millis| format!("{key}=<{millis} ms>"))
                }
                _ => pair.to_owned(),
            })
            .collect();
        pairs.sort();
        pairs
    };
    let expected_query = query(case.str("query"));
    let actual_query = query(request.uri().query().unwrap_or_default());
    if expected_query != actual_query {
        problems.push(format!(
            "query: botocore {}, rust {}",
            excerpt(case.str("query")),
            excerpt(request.uri().query().unwrap_or_default())
        ));
    }
    let expected_headers: BTreeSet<(String, String)> = case.record["headers"]
        .as_object()
        .into_iter()
        .flatten()
        .map(|(name, value)| {
            (
                name.to_ascii_lowercase(),
                value.as_str().unwrap_or_default().to_owned(),
            )
        })
        .filter(|(name, _)| !HEADERS_NOT_COMPARED.contains(&name.as_str()))
        // An input event stream: botocore does not send one (it writes `{}` as
        // `application/json`), so its content type and body are not compared.
        .filter(|(name, _)| !(event_stream && name == "content-type"))
        .collect();
    // A blob or string payload: botocore sends no `Content-Type`, the crate Smithy's.
    let payload_content_type = event_stream
        || case.record["payload_kind"].is_string()
            && !expected_headers
                .iter()
                .any(|(name, _)| name == "content-type");
    // By design: an empty list bound to a header is sent as an empty header, as Smithy's
    // RestJsonNullAndEmptyHeaders requires; botocore leaves the header out.
    let list_headers: Vec<&str> = case.record["list_headers"]
        .as_array()
        .map(|names| names.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    let empty_list_header = |name: &http::HeaderName, value: &http::HeaderValue| {
        value.is_empty()
            && list_headers.contains(&name.as_str())
            && !expected_headers
                .iter()
                .any(|(expected, _)| expected == name.as_str())
    };
    // By design: a list bound to a header is written as Smithy's restJson1 tests require
    // (`a, b`, an item with a comma or a quote quoted); botocore joins the items with `,` and
    // quotes none. The same items agree.
    let same_list = |name: &str, value: &str| -> Option<String> {
        if !list_headers.contains(&name) {
            return None;
        }
        let items = service_runtime::rest::split_list(value).ok()?.join(",");
        expected_headers
            .iter()
            .any(|(expected_name, expected)| expected_name == name && *expected == items)
            .then_some(items)
    };
    let actual_headers: BTreeSet<(String, String)> = request
        .headers()
        .iter()
        .filter(|(name, _)| !(payload_content_type && name.as_str() == "content-type"))
        .filter(|(name, value)| !empty_list_header(name, value))
        .map(|(name, value)| {
            let value = String::from_utf8_lossy(value.as_bytes()).into_owned();
            let value = same_list(name.as_str(), &value).unwrap_or(value);
            (name.as_str().to_owned(), value)
        })
        .filter(|(name, _)| !HEADERS_NOT_COMPARED.contains(&name.as_str()))
        .collect();
    if expected_headers != actual_headers {
        let only = |a: &BTreeSet<(String, String)>, b: &BTreeSet<(String, String)>| {
            a.difference(b)
                .map(|(name, value)| format!("{name}: {}", excerpt(value)))
                .collect::<Vec<_>>()
                .join("; ")
        };
        problems.push(format!(
            "headers: botocore only [{}], rust only [{}]",
            only(&expected_headers, &actual_headers),
            only(&actual_headers, &expected_headers)
        ));
    }
    if let Some(length) = request.headers().get("content-length") {
        if length.to_str().ok() != Some(request.body().len().to_string().as_str()) {
            problems.push(format!(
                "content-length {length:?} for a body of {} bytes",
                request.body().len()
            ));
        }
    }
    if event_stream {
        // The events go with the request (its `InputEvents` extension), not in its body.
        if !request.body().is_empty() {
            problems.push(format!(
                "an input event stream's request has a body of {} bytes, not none",
                request.body().len()
            ));
        }
    } else {
        let expected_body = case.body()?;
        if let Some(problem) = compare_bodies(case, &expected_body, request.body()) {
            problems.push(problem);
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems.join("\n  "))
    }
}

/// The bodies as JSON when botocore's is JSON (numbers by value, timestamps to the
/// millisecond), else byte for byte.
fn compare_bodies(case: &Case, expected: &[u8], actual: &[u8]) -> Option<String> {
    let shown = |body: &[u8]| excerpt(&String::from_utf8_lossy(body));
    let Ok(mut expected_json) = serde_json::from_slice::<Value>(expected) else {
        return (expected != actual)
            .then(|| format!("body: botocore {}, rust {}", shown(expected), shown(actual)));
    };
    let timestamps = case.paths("timestamp_paths");
    if let Err(problem) = millis_at(&mut expected_json, &timestamps) {
        return Some(format!("botocore's body: {problem}"));
    }
    let floats = case.paths("float_paths");
    singles_at(&mut expected_json, &floats);
    match serde_json::from_slice::<Value>(actual) {
        Ok(mut actual_json) => {
            if let Err(problem) = millis_at(&mut actual_json, &timestamps) {
                return Some(format!("rust's body: {problem}"));
            }
            singles_at(&mut actual_json, &floats);
            first_difference(&expected_json, &actual_json, "").map(|difference| {
                format!(
                    "body: {difference}\n    botocore body: {}\n    rust body:     {}",
                    shown(expected),
                    shown(actual)
                )
            })
        }
        Err(e) => Some(format!("the body is not JSON ({e}): {}", shown(actual))),
    }
}

/// Parses the successful response and compares the output with botocore's.
pub fn check_output<O: Serialize, E: std::fmt::Debug>(
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
    millis_at(&mut actual, &case.paths("timestamp_paths"))?;
    let mut expected = case.record["expected"].clone();
    exact_doubles_at(&mut expected, &case.paths("double_paths"))?;
    let floats = case.paths("float_paths");
    singles_at(&mut expected, &floats);
    singles_at(&mut actual, &floats);
    compare_values(&expected, &actual)
}

/// Parses the error response and compares code, message, modelled error and members with
/// botocore's.
pub fn check_error<O: std::fmt::Debug, E>(
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
    match (seen, expected["shape"].as_str()) {
        (ErrorSeen::Modelled { shape, members }, Some(expected_shape)) => {
            if shape != expected_shape {
                problems.push(format!("error: botocore {expected_shape}, rust {shape}"));
            }
            let mut actual = serde_json::json!({ "members": members });
            millis_at(&mut actual, &case.paths("timestamp_paths"))?;
            let floats = case.paths("float_paths");
            singles_at(&mut expected, &floats);
            singles_at(&mut actual, &floats);
            if let Err(difference) = compare_values(&expected["members"], &actual["members"]) {
                problems.push(format!("members: {difference}"));
            }
        }
        (ErrorSeen::Unhandled, None) => {}
        (ErrorSeen::Modelled { shape, .. }, None) => problems.push(format!(
            "botocore found no error the operation lists, rust the error {shape}"
        )),
        (ErrorSeen::Unhandled, Some(expected_shape)) => problems.push(format!(
            "botocore found the modelled error {expected_shape}, rust Unhandled"
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

pub fn to_json<T: Serialize>(value: &T) -> Value {
    serde_json::to_value(value)
        .unwrap_or_else(|e| Value::String(format!("(does not serialize: {e})")))
}

// -- comparing -------------------------------------------------------------------------------

/// Turns the timestamps at `paths` (JSON Pointers) into integer epoch milliseconds, the form
/// the oracle writes them in: epoch seconds (a number) and RFC 3339 or HTTP dates (text).
fn millis_at(value: &mut Value, paths: &[&str]) -> Result<(), String> {
    for path in paths {
        let Some(slot) = value.pointer_mut(path) else {
            continue;
        };
        let millis = match &*slot {
            Value::Number(seconds) => {
                let seconds = seconds.as_f64().unwrap_or(f64::NAN);
                #[allow(clippy::cast_possible_truncation)]
                let millis = (seconds * 1000.0).round() as i64;
                millis
            }
            Value::String(text) => text_millis(text)
                .ok_or_else(|| format!("the timestamp at {path} is not a date: {text:?}"))?,
            _ => continue,
        };
        *slot = Value::from(millis);
    }
    Ok(())
}

/// `text` with its `%XX` escapes decoded (as UTF-8, lossily).
fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut index = 0;
    while index < bytes.len() {
        let escaped = (bytes[index] == b'%')
            .then(|| text.get(index + 1..index + 3))
            .flatten()
            .and_then(|hex| u8::from_str_radix(hex, 16).ok());
        match escaped {
            Some(byte) => {
                out.push(byte);
                index += 3;
            }
            None => {
                out.push(bytes[index]);
                index += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Epoch milliseconds of an RFC 3339 date-time or an HTTP date (IMF-fixdate).
fn text_millis(text: &str) -> Option<i64> {
    if let Ok(timestamp) = text.parse::<jiff::Timestamp>() {
        return Some(rounded_millis(timestamp));
    }
    let parsed = jiff::fmt::rfc2822::DateTimeParser::new()
        .parse_timestamp(text)
        .ok()?;
    Some(rounded_millis(parsed))
}

fn rounded_millis(timestamp: jiff::Timestamp) -> i64 {
    let nanos = timestamp.as_nanosecond();
    i64::try_from((nanos + nanos.signum() * 500_000) / 1_000_000).unwrap_or(i64::MAX)
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

/// Rounds the numbers at `paths` (members of the model's `float` type, which the crate holds as
/// `f32`) to 32 bits: botocore writes such a value with a double's digits
/// (`0.5583431124687195`), the crate with a single's (`0.5583431`); both are the same `f32`.
fn singles_at(value: &mut Value, paths: &[&str]) {
    for path in paths {
        if let Some(slot) = value.pointer_mut(path) {
            if let Some(number) = slot.as_f64() {
                #[allow(clippy::cast_possible_truncation)]
                let single = number as f32;
                if let Some(number) = serde_json::Number::from_f64(f64::from(single)) {
                    *slot = Value::Number(number);
                }
            }
        }
    }
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

fn decode_base64(text: &str) -> Result<Vec<u8>, String> {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut bytes = Vec::new();
    let mut buffer = 0u32;
    let mut bits = 0;
    for c in text.bytes().filter(|&c| c != b'=') {
        let value = ALPHABET
            .iter()
            .position(|&a| a == c)
            .ok_or_else(|| format!("`body_base64` has {:?}", char::from(c)))?;
        buffer = (buffer << 6) | u32::try_from(value).expect("under 64");
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            bytes.push(u8::try_from((buffer >> bits) & 0xff).expect("a byte"));
        }
    }
    Ok(bytes)
}

// -- running the oracle ----------------------------------------------------------------------

/// `model` as a path: relative ones are relative to the workspace root `root`.
pub fn model_path(root: &str, model: &str) -> PathBuf {
    Path::new(root).join(model)
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
    krate: String,
    model: PathBuf,
    seed: u64,
    cases: u64,
    operations: String,
}

impl Run {
    fn from_env(krate: &str, model: &Path) -> Self {
        Self {
            krate: krate.to_owned(),
            model: model.to_path_buf(),
            seed: env_number("DIFF_SEED", DEFAULT_SEED),
            cases: env_number("DIFF_CASES", DEFAULT_CASES),
            operations: std::env::var("DIFF_OPERATIONS").unwrap_or_default(),
        }
    }

    /// The command that replays this run, restricted to `operation`.
    fn replay(&self, operation: &str) -> String {
        format!(
            "cargo xtask conformance --model {} --seed {} --cases {} --operations {operation}",
            self.model.display(),
            self.seed,
            self.cases
        )
    }

    fn oracle_cases(&self, root: &str) -> Result<String, String> {
        let python = python()?;
        let out = std::env::temp_dir().join(format!(
            "differential-{}-{}-{}-{}.jsonl",
            self.krate,
            std::process::id(),
            self.seed,
            self.cases
        ));
        let result = run(Command::new(python)
            .arg(Path::new(root).join("generated-tests/diff/botocore_oracle.py"))
            .args(["--seed", &self.seed.to_string()])
            .args(["--cases", &self.cases.to_string()])
            .args(["--operations", &self.operations])
            .arg("--model")
            .arg(&self.model)
            .arg(&out))
        .and_then(|_| {
            fs::read_to_string(&out).map_err(|e| format!("cannot read {}: {e}", out.display()))
        });
        let _ = fs::remove_file(&out);
        result
    }
}

// -- the tests -------------------------------------------------------------------------------

/// Writes the oracle's cases for `model`, replays every one and fails with a report of the
/// mismatches, if any (all of them go to `target/differential-mismatches-<crate>.jsonl`).
pub fn agree(
    krate: &str,
    model: &Path,
    root: &str,
    operations: &[Operation],
    replay: fn(&Case) -> Result<(), String>,
) {
    let mut run = Run::from_env(krate, model);
    if run.operations.is_empty() {
        // Cases only for the operations the crate has (not those it leaves out).
        run.operations = operations
            .iter()
            .map(|op| op.name)
            .collect::<Vec<_>>()
            .join(",");
    }
    let lines = run
        .oracle_cases(root)
        .unwrap_or_else(|problem| panic!("{problem}"));
    let mut mismatches = Vec::new();
    let mut count = 0usize;
    let mut kinds = std::collections::BTreeMap::<String, usize>::new();
    for line in lines.lines() {
        count += 1;
        let case =
            Case::parse(line).unwrap_or_else(|problem| panic!("{problem}: {}", excerpt(line)));
        *kinds.entry(case.kind.clone()).or_default() += 1;
        if let Err(problem) = replay(&case) {
            mismatches.push((case, problem, line));
        }
    }
    assert!(count > 0, "the oracle wrote no cases");
    let per_kind = kinds
        .iter()
        .map(|(kind, n)| format!("{n} {kind}"))
        .collect::<Vec<_>>()
        .join(", ");
    if mismatches.is_empty() {
        println!(
            "{krate}: {count} cases ({per_kind}) agree with botocore {BOTOCORE_VERSION} \
             (seed {}, {} per operation and kind)",
            run.seed, run.cases
        );
        return;
    }
    let file = Path::new(root).join(format!("target/differential-mismatches-{krate}.jsonl"));
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
        "{krate}: {} of {count} cases differ from botocore {BOTOCORE_VERSION} (seed {}, {} per \
         operation and kind); {saved}\n",
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

/// The crate's operation table lists exactly the model's operations, each with exactly the
/// errors the model lists for it, so no operation goes untested.
pub fn check_table(model: &Path, operations: &[Operation], left_out: &[&str]) {
    let file = if model.is_dir() {
        model.join("service-2.json")
    } else {
        model.to_path_buf()
    };
    let model: Value = serde_json::from_str(
        &fs::read_to_string(&file)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", file.display())),
    )
    .unwrap_or_else(|e| panic!("{} is not JSON: {e}", file.display()));
    let model_operations = model["operations"]
        .as_object()
        .expect("the model has operations");
    let names: BTreeSet<&str> = model_operations.keys().map(String::as_str).collect();
    let listed: BTreeSet<&str> = operations
        .iter()
        .map(|op| op.name)
        .chain(left_out.iter().copied())
        .collect();
    assert_eq!(
        listed, names,
        "the crate's operations (and those it leaves out) against the model's"
    );
    for op in operations {
        let errors: BTreeSet<&str> = model_operations[op.name]["errors"]
            .as_array()
            .map(|errors| errors.iter().filter_map(|e| e["shape"].as_str()).collect())
            .unwrap_or_default();
        let listed: BTreeSet<&str> = op.errors.iter().copied().collect();
        assert_eq!(listed, errors, "the errors of {}", op.name);
    }
}

/// The one case of the harness's own logic that no model's cases reach at small sizes: a
/// request target longer than an `http::Uri` holds must be refused on `uri`, and only then.
#[test]
fn an_overlong_request_target_must_be_refused_on_uri() {
    #[derive(Debug)]
    #[allow(dead_code)] // read through Debug
    struct SerializeError {
        member: &'static str,
    }
    let case = |path_len: usize| {
        let line = serde_json::json!({
            "kind": "request", "operation": "ListTags", "case": 0, "input": {},
            "method": "GET", "url_path": format!("/{}", "a".repeat(path_len)), "query": "x=1",
        });
        Case::parse(&line.to_string()).expect("a case line")
    };
    fn refused_on_uri(_: &Value) -> Result<http::Request<Vec<u8>>, SerializeError> {
        Err(SerializeError { member: "uri" })
    }
    fn refused_on_resource(_: &Value) -> Result<http::Request<Vec<u8>>, SerializeError> {
        Err(SerializeError { member: "Resource" })
    }
    // "/" and the path, then "?x=1": longer than the limit, then 5 bytes shorter.
    assert_eq!(
        check_request(&case(MAX_URI_LEN), by_ref(refused_on_uri)),
        Ok(())
    );
    assert!(check_request(&case(MAX_URI_LEN - 10), by_ref(refused_on_uri)).is_err());
    assert!(check_request(&case(MAX_URI_LEN), by_ref(refused_on_resource)).is_err());
}
