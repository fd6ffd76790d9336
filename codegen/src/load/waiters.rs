//! Waiters: botocore's `waiters-2.json` and Smithy's `smithy.waiters#waitable` trait → the
//! model's [`Waiter`]s. A malformed waiter stops loading with an error naming the waiter and
//! the field; an expression or matcher the generator cannot compile is not an error here (the
//! emitter skips that waiter and says so).

use std::collections::BTreeMap;
use std::time::Duration;

use serde_json::{Map, Value};

use super::json;
use crate::error::{Error, Result};
use crate::model::{
    Acceptor, AcceptorState, Comparator, Expected, Matcher, PathMatcher, ShapeId, Waiter,
    WaiterSchedule,
};

/// The Smithy trait that carries an operation's waiters.
pub const WAITABLE: &str = "smithy.waiters#waitable";

/// Smithy's default `minDelay`, in seconds.
const SMITHY_MIN_DELAY: u64 = 2;
/// Smithy's default `maxDelay`, in seconds.
const SMITHY_MAX_DELAY: u64 = 120;

/// Where a waiter is, for messages: the file, the shape it hangs on (Smithy) and its name.
#[derive(Clone, Copy)]
struct At<'a> {
    file: &'a str,
    shape: Option<&'a ShapeId>,
    waiter: &'a str,
}

impl At<'_> {
    fn error(self, message: impl Into<String>) -> Error {
        let message = format!("waiter `{}`: {}", self.waiter, message.into());
        match self.shape {
            Some(shape) => Error::shape(self.file, shape, message),
            None => Error::model(self.file, message),
        }
    }

    /// `what` must be `expected`; it is `found`.
    fn wrong(self, what: &str, expected: &str, found: &Value) -> Error {
        self.error(format!(
            "`{what}` must be {expected}, found {}",
            json::describe(found)
        ))
    }

    fn required<'v>(
        self,
        object: &'v Map<String, Value>,
        key: &str,
        what: &str,
    ) -> Result<&'v Value> {
        object
            .get(key)
            .ok_or_else(|| self.error(format!("`{what}` is missing")))
    }

    fn string<'v>(self, value: &'v Value, what: &str) -> Result<&'v str> {
        value
            .as_str()
            .ok_or_else(|| self.wrong(what, "a string", value))
    }

    fn object<'v>(self, value: &'v Value, what: &str) -> Result<&'v Map<String, Value>> {
        value
            .as_object()
            .ok_or_else(|| self.wrong(what, "an object", value))
    }
}

/// The waiters of botocore's `waiters-2.json` (`file` names it in messages). `operations` maps
/// each operation's model name to its id; a waiter naming another operation is an error.
pub fn botocore(
    file: &str,
    text: &str,
    operations: &BTreeMap<&str, &ShapeId>,
) -> Result<BTreeMap<String, Waiter>> {
    let value = json::parse(file, text)?;
    let place = json::Place::file(file);
    let root = place.object(&value, "the waiters file")?;
    if let Some(version) = root.get("version") {
        if version.as_u64() != Some(2) {
            return Err(place.error(format!(
                "`version` must be 2, found {}",
                json::describe(version)
            )));
        }
    }
    let waiters = place.object(place.required(root, "waiters")?, "waiters")?;
    let mut loaded = BTreeMap::new();
    for (name, value) in waiters {
        let at = At {
            file,
            shape: None,
            waiter: name,
        };
        let object = at.object(value, "the waiter")?;
        for key in object.keys() {
            if ![
                "operation",
                "delay",
                "maxAttempts",
                "description",
                "acceptors",
            ]
            .contains(&key.as_str())
            {
                return Err(at.error(format!(
                    "unknown key `{key}` (known: operation, delay, maxAttempts, description, \
                     acceptors)"
                )));
            }
        }
        let operation_name =
            at.string(at.required(object, "operation", "operation")?, "operation")?;
        let operation = operations.get(operation_name).ok_or_else(|| {
            at.error(format!(
                "`operation` names `{operation_name}`, which the service does not define"
            ))
        })?;
        let delay = at.required(object, "delay", "delay")?;
        let delay = delay
            .as_f64()
            .filter(|d| d.is_finite() && *d >= 0.0)
            .ok_or_else(|| at.wrong("delay", "a number of seconds of at least 0", delay))?;
        let max_attempts = at.required(object, "maxAttempts", "maxAttempts")?;
        let max_attempts = max_attempts
            .as_u64()
            .and_then(|n| u32::try_from(n).ok())
            .filter(|n| *n >= 1)
            .ok_or_else(|| at.wrong("maxAttempts", "a whole number of at least 1", max_attempts))?;
        let documentation = object
            .get("description")
            .map(|d| at.string(d, "description").map(str::to_owned))
            .transpose()?;
        let acceptors = at.required(object, "acceptors", "acceptors")?;
        let acceptors = acceptors
            .as_array()
            .ok_or_else(|| at.wrong("acceptors", "an array", acceptors))?
            .iter()
            .enumerate()
            .map(|(index, acceptor)| botocore_acceptor(at, index, acceptor))
            .collect::<Result<Vec<_>>>()?;
        loaded.insert(
            name.clone(),
            Waiter {
                operation: (*operation).clone(),
                documentation,
                acceptors,
                schedule: WaiterSchedule::Fixed {
                    delay: Duration::from_secs_f64(delay),
                    max_attempts,
                },
                deprecated: false,
            },
        );
    }
    Ok(loaded)
}

fn botocore_acceptor(at: At<'_>, index: usize, value: &Value) -> Result<Acceptor> {
    let field = |key: &str| format!("acceptors[{index}].{key}");
    let object = at.object(value, &format!("acceptors[{index}]"))?;
    for key in object.keys() {
        if !["state", "matcher", "argument", "expected"].contains(&key.as_str()) {
            return Err(at.error(format!(
                "unknown key `{}` (known: state, matcher, argument, expected)",
                field(key)
            )));
        }
    }
    let state = state(
        at,
        at.required(object, "state", &field("state"))?,
        &field("state"),
    )?;
    let matcher_name = at.string(
        at.required(object, "matcher", &field("matcher"))?,
        &field("matcher"),
    )?;
    let expected = at.required(object, "expected", &field("expected"))?;
    let path = |comparator| -> Result<Matcher> {
        let argument = at.string(
            at.required(object, "argument", &field("argument"))?,
            &field("argument"),
        )?;
        let expected = match expected {
            Value::String(s) => Expected::String(s.clone()),
            Value::Bool(b) => Expected::Bool(*b),
            Value::Number(n) => Expected::Number(n.clone()),
            other => {
                return Err(at.wrong(&field("expected"), "a string, boolean or number", other));
            }
        };
        Ok(Matcher::Output(PathMatcher {
            path: argument.to_owned(),
            comparator,
            expected,
        }))
    };
    let matcher = match matcher_name {
        "path" => path(Comparator::Equals)?,
        "pathAll" => path(Comparator::AllEquals)?,
        "pathAny" => path(Comparator::AnyEquals)?,
        "error" => match expected {
            // boto3: `true` accepts any error, `false` a response without one.
            Value::Bool(any_error) => Matcher::Success(!any_error),
            Value::String(code) => Matcher::ErrorType(code.clone()),
            other => {
                return Err(at.wrong(&field("expected"), "an error code or a boolean", other));
            }
        },
        "status" => Matcher::Status(
            expected
                .as_u64()
                .and_then(|s| u16::try_from(s).ok())
                .filter(|s| (100..=999).contains(s))
                .ok_or_else(|| at.wrong(&field("expected"), "an HTTP status code", expected))?,
        ),
        other => {
            return Err(at.error(format!(
                "`{}` is `{other}`, not a matcher (known: path, pathAll, pathAny, error, status)",
                field("matcher")
            )));
        }
    };
    Ok(Acceptor { state, matcher })
}

fn state(at: At<'_>, value: &Value, what: &str) -> Result<AcceptorState> {
    match at.string(value, what)? {
        "success" => Ok(AcceptorState::Success),
        "failure" => Ok(AcceptorState::Failure),
        "retry" => Ok(AcceptorState::Retry),
        other => Err(at.error(format!(
            "`{what}` is `{other}`, not a state (known: success, failure, retry)"
        ))),
    }
}

/// The waiters of the `smithy.waiters#waitable` trait `value` on the operation `operation`.
pub fn smithy(file: &str, operation: &ShapeId, value: &Value) -> Result<BTreeMap<String, Waiter>> {
    let place = json::Place::file(file);
    let operation_text = operation.to_string();
    let waiters = place.in_shape(&operation_text).object(value, WAITABLE)?;
    let mut loaded = BTreeMap::new();
    for (name, value) in waiters {
        let at = At {
            file,
            shape: Some(operation),
            waiter: name,
        };
        let object = at.object(value, "the waiter")?;
        for key in object.keys() {
            if ![
                "documentation",
                "acceptors",
                "minDelay",
                "maxDelay",
                "deprecated",
                "tags",
            ]
            .contains(&key.as_str())
            {
                return Err(at.error(format!(
                    "unknown key `{key}` (known: documentation, acceptors, minDelay, maxDelay, \
                     deprecated, tags)"
                )));
            }
        }
        let delay = |key: &str, default: u64| -> Result<u64> {
            match object.get(key) {
                None => Ok(default),
                Some(value) => value
                    .as_u64()
                    .filter(|d| *d >= 1)
                    .ok_or_else(|| at.wrong(key, "a whole number of seconds of at least 1", value)),
            }
        };
        let min_delay = delay("minDelay", SMITHY_MIN_DELAY)?;
        let max_delay = delay("maxDelay", SMITHY_MAX_DELAY)?;
        if max_delay < min_delay {
            return Err(at.error(format!(
                "`maxDelay` ({max_delay}) is less than `minDelay` ({min_delay})"
            )));
        }
        let documentation = object
            .get("documentation")
            .map(|d| at.string(d, "documentation").map(str::to_owned))
            .transpose()?;
        let deprecated = match object.get("deprecated") {
            None => false,
            Some(value) => value
                .as_bool()
                .ok_or_else(|| at.wrong("deprecated", "true or false", value))?,
        };
        let acceptors = at.required(object, "acceptors", "acceptors")?;
        let acceptors = acceptors
            .as_array()
            .filter(|a| !a.is_empty())
            .ok_or_else(|| at.wrong("acceptors", "a non-empty array", acceptors))?
            .iter()
            .enumerate()
            .map(|(index, acceptor)| smithy_acceptor(at, index, acceptor))
            .collect::<Result<Vec<_>>>()?;
        loaded.insert(
            name.clone(),
            Waiter {
                operation: operation.clone(),
                documentation,
                acceptors,
                schedule: WaiterSchedule::Backoff {
                    min_delay: Duration::from_secs(min_delay),
                    max_delay: Duration::from_secs(max_delay),
                },
                deprecated,
            },
        );
    }
    Ok(loaded)
}

fn smithy_acceptor(at: At<'_>, index: usize, value: &Value) -> Result<Acceptor> {
    let field = |key: &str| format!("acceptors[{index}].{key}");
    let object = at.object(value, &format!("acceptors[{index}]"))?;
    let state = state(
        at,
        at.required(object, "state", &field("state"))?,
        &field("state"),
    )?;
    let matcher = at.object(
        at.required(object, "matcher", &field("matcher"))?,
        &field("matcher"),
    )?;
    let mut entries = matcher.iter();
    let (Some((kind, value)), None) = (entries.next(), entries.next()) else {
        return Err(at.error(format!(
            "`{}` must have exactly one member (output, inputOutput, success or errorType)",
            field("matcher")
        )));
    };
    let what = format!("{}.{kind}", field("matcher"));
    let matcher = match kind.as_str() {
        "output" => Matcher::Output(smithy_path(at, value, &what)?),
        "inputOutput" => Matcher::InputOutput(smithy_path(at, value, &what)?),
        "success" => Matcher::Success(
            value
                .as_bool()
                .ok_or_else(|| at.wrong(&what, "true or false", value))?,
        ),
        "errorType" => {
            let name = at.string(value, &what)?;
            // An absolute shape id names the error by its shape name too.
            let name = name.rsplit_once('#').map_or(name, |(_, n)| n);
            Matcher::ErrorType(name.to_owned())
        }
        other => {
            return Err(at.error(format!(
                "`{}` has the member `{other}`, not a matcher (known: output, inputOutput, \
                 success, errorType)",
                field("matcher")
            )));
        }
    };
    Ok(Acceptor { state, matcher })
}

fn smithy_path(at: At<'_>, value: &Value, what: &str) -> Result<PathMatcher> {
    let object = at.object(value, what)?;
    let path = at.string(
        at.required(object, "path", &format!("{what}.path"))?,
        &format!("{what}.path"),
    )?;
    let expected_what = format!("{what}.expected");
    let expected = at.string(
        at.required(object, "expected", &expected_what)?,
        &expected_what,
    )?;
    let comparator_what = format!("{what}.comparator");
    let comparator = at.string(
        at.required(object, "comparator", &comparator_what)?,
        &comparator_what,
    )?;
    let (comparator, expected) = match comparator {
        "stringEquals" => (Comparator::Equals, Expected::String(expected.to_owned())),
        "allStringEquals" => (Comparator::AllEquals, Expected::String(expected.to_owned())),
        "anyStringEquals" => (Comparator::AnyEquals, Expected::String(expected.to_owned())),
        "booleanEquals" => {
            let value = match expected {
                "true" => true,
                "false" => false,
                other => {
                    return Err(at.error(format!(
                        "`{expected_what}` is {other:?}; booleanEquals compares with \"true\" \
                         or \"false\""
                    )));
                }
            };
            (Comparator::Equals, Expected::Bool(value))
        }
        other => {
            return Err(at.error(format!(
                "`{comparator_what}` is `{other}`, not a comparator (known: stringEquals, \
                 booleanEquals, allStringEquals, anyStringEquals)"
            )));
        }
    };
    Ok(PathMatcher {
        path: path.to_owned(),
        comparator,
        expected,
    })
}

/// Adds `more` (the waiters of one operation) to `all`; a name already taken is an error
/// naming both operations.
pub fn merge(
    file: &str,
    all: &mut BTreeMap<String, Waiter>,
    more: BTreeMap<String, Waiter>,
) -> Result<()> {
    for (name, waiter) in more {
        if let Some(existing) = all.get(&name) {
            return Err(Error::shape(
                file,
                &waiter.operation,
                format!(
                    "waiter `{name}`: the operation `{}` has a waiter of that name too; waiter \
                     names are unique in a service",
                    existing.operation
                ),
            ));
        }
        all.insert(name, waiter);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn operations() -> (ShapeId, ShapeId) {
        (
            ShapeId::new("ns", "GetThing"),
            ShapeId::new("ns", "ListThings"),
        )
    }

    fn load_botocore(waiters: Value) -> Result<BTreeMap<String, Waiter>> {
        let (get, list) = operations();
        let known = BTreeMap::from([("GetThing", &get), ("ListThings", &list)]);
        botocore(
            "waiters-2.json",
            &json!({"version": 2, "waiters": waiters}).to_string(),
            &known,
        )
    }

    fn botocore_error(waiter: Value) -> String {
        load_botocore(json!({"ThingReady": waiter}))
            .unwrap_err()
            .to_string()
    }

    fn ready(acceptors: Value) -> Value {
        json!({"operation": "GetThing", "delay": 15, "maxAttempts": 40, "acceptors": acceptors})
    }

    #[test]
    fn botocore_waiters_load_every_matcher_and_the_fixed_schedule() {
        let waiters = load_botocore(json!({
            "ThingReady": {
                "operation": "GetThing",
                "delay": 15,
                "maxAttempts": 40,
                "description": "Waits for a thing.",
                "acceptors": [
                    {"state": "success", "matcher": "path", "argument": "status", "expected": "READY"},
                    {"state": "failure", "matcher": "pathAny", "argument": "parts[].status", "expected": "FAILED"},
                    {"state": "success", "matcher": "pathAll", "argument": "parts[].ok", "expected": true},
                    {"state": "retry", "matcher": "error", "expected": "NotFound"},
                    {"state": "failure", "matcher": "error", "expected": true},
                    {"state": "success", "matcher": "error", "expected": false},
                    {"state": "success", "matcher": "status", "expected": 404},
                    {"state": "success", "matcher": "path", "argument": "length(parts) > `1`", "expected": 2}
                ]
            }
        }))
        .unwrap();
        let waiter = &waiters["ThingReady"];
        assert_eq!(waiter.operation, ShapeId::new("ns", "GetThing"));
        assert_eq!(waiter.documentation.as_deref(), Some("Waits for a thing."));
        assert_eq!(
            waiter.schedule,
            WaiterSchedule::Fixed {
                delay: Duration::from_secs(15),
                max_attempts: 40
            }
        );
        let matchers: Vec<&Matcher> = waiter.acceptors.iter().map(|a| &a.matcher).collect();
        assert_eq!(
            matchers[0],
            &Matcher::Output(PathMatcher {
                path: "status".into(),
                comparator: Comparator::Equals,
                expected: Expected::String("READY".into()),
            })
        );
        assert!(matches!(matchers[1], Matcher::Output(p) if p.comparator == Comparator::AnyEquals));
        assert!(matches!(
            matchers[2],
            Matcher::Output(PathMatcher {
                comparator: Comparator::AllEquals,
                expected: Expected::Bool(true),
                ..
            })
        ));
        assert_eq!(matchers[3], &Matcher::ErrorType("NotFound".into()));
        assert_eq!(
            matchers[4],
            &Matcher::Success(false),
            "error: true is any error"
        );
        assert_eq!(
            matchers[5],
            &Matcher::Success(true),
            "error: false is no error"
        );
        assert_eq!(matchers[6], &Matcher::Status(404));
        assert!(matches!(
            matchers[7],
            Matcher::Output(PathMatcher {
                expected: Expected::Number(_),
                ..
            })
        ));
        let states: Vec<AcceptorState> = waiter.acceptors.iter().map(|a| a.state).collect();
        assert_eq!(
            states[..4],
            [
                AcceptorState::Success,
                AcceptorState::Failure,
                AcceptorState::Success,
                AcceptorState::Retry
            ]
        );
    }

    #[test]
    fn a_botocore_waiter_of_an_unknown_operation_is_an_error_naming_it() {
        let error = botocore_error(
            json!({"operation": "GetNothing", "delay": 1, "maxAttempts": 2, "acceptors": []}),
        );
        assert_eq!(
            error,
            "waiters-2.json: waiter `ThingReady`: `operation` names `GetNothing`, which the \
             service does not define"
        );
    }

    #[test]
    fn an_unknown_matcher_is_an_error_naming_the_acceptor() {
        let error = botocore_error(ready(json!([
            {"state": "success", "matcher": "status", "expected": 200},
            {"state": "success", "matcher": "jsonPath", "argument": "a", "expected": "b"}
        ])));
        assert_eq!(
            error,
            "waiters-2.json: waiter `ThingReady`: `acceptors[1].matcher` is `jsonPath`, not a \
             matcher (known: path, pathAll, pathAny, error, status)"
        );
    }

    #[test]
    fn a_bad_state_is_an_error_naming_the_acceptor() {
        let error = botocore_error(ready(json!([
            {"state": "done", "matcher": "status", "expected": 200}
        ])));
        assert_eq!(
            error,
            "waiters-2.json: waiter `ThingReady`: `acceptors[0].state` is `done`, not a state \
             (known: success, failure, retry)"
        );
    }

    #[test]
    fn malformed_fields_are_errors_naming_the_field() {
        let cases = [
            (
                json!({"operation": "GetThing", "delay": -1, "maxAttempts": 2, "acceptors": []}),
                "`delay` must be a number of seconds of at least 0, found the number -1",
            ),
            (
                json!({"operation": "GetThing", "delay": 1, "maxAttempts": 0, "acceptors": []}),
                "`maxAttempts` must be a whole number of at least 1, found the number 0",
            ),
            (
                json!({"operation": "GetThing", "delay": 1, "acceptors": []}),
                "`maxAttempts` is missing",
            ),
            (
                ready(json!([{"state": "success", "matcher": "path", "expected": "X"}])),
                "`acceptors[0].argument` is missing",
            ),
            (
                ready(json!([{"state": "success", "matcher": "status", "expected": "404"}])),
                "`acceptors[0].expected` must be an HTTP status code, found the string \"404\"",
            ),
            (
                ready(json!([{"state": "success", "matcher": "error", "expected": 3}])),
                "`acceptors[0].expected` must be an error code or a boolean, found the number 3",
            ),
            (
                ready(
                    json!([{"state": "success", "matcher": "path", "argument": "a", "expected": "X", "extra": 1}]),
                ),
                "unknown key `acceptors[0].extra` (known: state, matcher, argument, expected)",
            ),
        ];
        for (waiter, message) in cases {
            let error = botocore_error(waiter);
            assert_eq!(
                error,
                format!("waiters-2.json: waiter `ThingReady`: {message}")
            );
        }
    }

    fn load_smithy(trait_value: Value) -> Result<BTreeMap<String, Waiter>> {
        smithy("model.json", &operations().0, &trait_value)
    }

    #[test]
    fn smithy_waiters_load_every_matcher_and_default_delays() {
        let waiters = load_smithy(json!({
            "ThingReady": {
                "documentation": "Waits for a thing.",
                "acceptors": [
                    {"state": "success", "matcher": {"output": {"path": "status", "expected": "READY", "comparator": "stringEquals"}}},
                    {"state": "success", "matcher": {"output": {"path": "ok", "expected": "true", "comparator": "booleanEquals"}}},
                    {"state": "failure", "matcher": {"output": {"path": "parts[].status", "expected": "FAILED", "comparator": "anyStringEquals"}}},
                    {"state": "success", "matcher": {"inputOutput": {"path": "output.parts[].status", "expected": "OK", "comparator": "allStringEquals"}}},
                    {"state": "retry", "matcher": {"errorType": "ns#NotFound"}},
                    {"state": "success", "matcher": {"success": true}}
                ],
                "tags": ["a"]
            },
            "ThingGone": {
                "minDelay": 5,
                "maxDelay": 60,
                "deprecated": true,
                "acceptors": [{"state": "success", "matcher": {"errorType": "NotFound"}}]
            }
        }))
        .unwrap();
        let ready = &waiters["ThingReady"];
        assert_eq!(
            ready.schedule,
            WaiterSchedule::Backoff {
                min_delay: Duration::from_secs(2),
                max_delay: Duration::from_secs(120)
            }
        );
        assert!(!ready.deprecated);
        assert!(matches!(
            &ready.acceptors[1].matcher,
            Matcher::Output(PathMatcher {
                expected: Expected::Bool(true),
                comparator: Comparator::Equals,
                ..
            })
        ));
        assert!(
            matches!(&ready.acceptors[3].matcher, Matcher::InputOutput(p) if p.comparator == Comparator::AllEquals)
        );
        assert_eq!(
            ready.acceptors[4].matcher,
            Matcher::ErrorType("NotFound".into())
        );
        assert_eq!(ready.acceptors[5].matcher, Matcher::Success(true));
        let gone = &waiters["ThingGone"];
        assert!(gone.deprecated);
        assert_eq!(
            gone.schedule,
            WaiterSchedule::Backoff {
                min_delay: Duration::from_secs(5),
                max_delay: Duration::from_secs(60)
            }
        );
    }

    #[test]
    fn malformed_smithy_waiters_are_errors_naming_the_operation_waiter_and_field() {
        let cases = [
            (
                json!({"W": {"acceptors": [{"state": "success", "matcher": {"output": {"path": "a", "expected": "b", "comparator": "regex"}}}]}}),
                "`acceptors[0].matcher.output.comparator` is `regex`, not a comparator (known: \
                 stringEquals, booleanEquals, allStringEquals, anyStringEquals)",
            ),
            (
                json!({"W": {"acceptors": [{"state": "success", "matcher": {"status": 200}}]}}),
                "`acceptors[0].matcher` has the member `status`, not a matcher (known: output, \
                 inputOutput, success, errorType)",
            ),
            (
                json!({"W": {"acceptors": [{"state": "success", "matcher": {"success": true, "errorType": "E"}}]}}),
                "`acceptors[0].matcher` must have exactly one member (output, inputOutput, \
                 success or errorType)",
            ),
            (
                json!({"W": {"minDelay": 10, "maxDelay": 5, "acceptors": [{"state": "success", "matcher": {"success": true}}]}}),
                "`maxDelay` (5) is less than `minDelay` (10)",
            ),
            (
                json!({"W": {"acceptors": []}}),
                "`acceptors` must be a non-empty array, found an array",
            ),
            (
                json!({"W": {"acceptors": [{"state": "pending", "matcher": {"success": true}}]}}),
                "`acceptors[0].state` is `pending`, not a state (known: success, failure, retry)",
            ),
            (
                json!({"W": {"acceptors": [{"state": "success", "matcher": {"output": {"path": "a", "expected": "yes", "comparator": "booleanEquals"}}}]}}),
                "`acceptors[0].matcher.output.expected` is \"yes\"; booleanEquals compares with \
                 \"true\" or \"false\"",
            ),
        ];
        for (value, message) in cases {
            let error = load_smithy(value).unwrap_err().to_string();
            assert_eq!(
                error,
                format!("model.json: shape `ns#GetThing`: waiter `W`: {message}")
            );
        }
    }

    #[test]
    fn two_operations_with_a_waiter_of_one_name_are_an_error_naming_both() {
        let acceptors = json!({"acceptors": [{"state": "success", "matcher": {"success": true}}]});
        let (get, list) = operations();
        let mut all = smithy("m.json", &get, &json!({"Ready": acceptors})).unwrap();
        let more = smithy("m.json", &list, &json!({"Ready": acceptors})).unwrap();
        let error = merge("m.json", &mut all, more).unwrap_err();
        assert_eq!(
            error.to_string(),
            "m.json: shape `ns#ListThings`: waiter `Ready`: the operation `ns#GetThing` has a \
             waiter of that name too; waiter names are unique in a service"
        );
    }
}
