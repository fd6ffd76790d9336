//! botocore's protocol test cases (`load::botocore_suite`'s [`SuiteCase`]s) as [`Case`]s, with
//! the expectations botocore's runner (`tests/unit/test_protocols.py`) checks:
//!
//! - a request case's `serialized`: the `method`; the `uri`, path and query compared whole;
//!   every header of `headers` present with its value (names in any case) and every one of
//!   `forbidHeaders` absent (`requireHeaders` botocore does not check); the `body` when given,
//!   as JSON values (an empty one meaning no body); and, when it gives a `host`, the host the
//!   request goes to from the entry's `clientEndpoint` (its host prefix before the endpoint's
//!   host);
//! - a response case's `response` (`status_code`, `headers`, `body`) is read by the operation;
//!   `result` is the output, member by member; `errorCode` and `errorMessage` (empty when not
//!   given) are the error's code and message, and `error` its members.
//!
//! A case whose id botocore does not give is named by its place, `entry:case` (botocore's
//! `suite_id:test_id`).

use serde_json::{Map, Value};

use super::cases::{
    Case, CaseKind, ExpectedError, ExpectedRequest, GivenResponse, Http, Skip, check_test_names,
    skip_reason,
};
use crate::error::{Error, Result};
use crate::load::botocore_suite::{SuiteCase, SuiteCaseKind, SuiteModel};
use crate::model::{Model, ShapeId};
use crate::naming;

/// The cases of one model of a botocore protocol test suite, which the crate generated from
/// that model tests.
#[derive(Debug, Clone, PartialEq)]
pub struct BotocoreCases {
    /// The suite file, by its path below botocore's `tests/unit/protocols/` without `.json`:
    /// `output/json`.
    pub file: String,
    /// The model's entry in the file.
    pub entry: usize,
    /// The entry's `description`.
    pub description: String,
    /// The entry's `clientEndpoint`.
    pub client_endpoint: Option<String>,
    /// The cases.
    pub cases: Vec<SuiteCase>,
}

impl BotocoreCases {
    /// The cases of `model`, from the suite file `file` (`output/json`).
    pub fn of(file: &str, model: &SuiteModel) -> Self {
        Self {
            file: file.to_owned(),
            entry: model.entry,
            description: model.description.clone(),
            client_endpoint: model.client_endpoint.clone(),
            cases: model.cases.clone(),
        }
    }

    /// The [`Skip::suite`] of the file's cases: `botocore/` and the protocol's file name
    /// (`botocore/json`), as botocore's ignore list names them.
    pub fn skip_suite(&self) -> String {
        let protocol = self.file.rsplit('/').next().unwrap_or(&self.file);
        format!("botocore/{protocol}")
    }
}

/// The cases as [`Case`]s of `model` (the model loaded from the suite model they come from),
/// in suite order, with [`Skip`]s from `skips`.
///
/// # Errors
///
/// A case of an operation the model does not have, a field of the wrong type, or two cases
/// that would make the same test, naming the case.
pub fn botocore_cases(model: &Model, cases: &BotocoreCases, skips: &[Skip]) -> Result<Vec<Case>> {
    let file = format!("{}.json", cases.file);
    let suite = cases.skip_suite();
    let converted = cases
        .cases
        .iter()
        .map(|case| {
            let place = Place {
                file: &file,
                entry: cases.entry,
                case: case.index,
            };
            convert(place, model, cases, case, &suite, skips)
        })
        .collect::<Result<Vec<Case>>>()?;
    check_test_names(&converted, &file)?;
    Ok(converted)
}

/// Where a case is, for errors: `output/json.json: entry 3, case 0: …`.
#[derive(Clone, Copy)]
struct Place<'a> {
    file: &'a str,
    entry: usize,
    case: usize,
}

impl Place<'_> {
    fn error(&self, problem: impl std::fmt::Display) -> Error {
        Error::model(
            self.file,
            format!("entry {}, case {}: {problem}", self.entry, self.case),
        )
    }
}

/// One case.
fn convert(
    place: Place<'_>,
    model: &Model,
    cases: &BotocoreCases,
    case: &SuiteCase,
    suite: &str,
    skips: &[Skip],
) -> Result<Case> {
    let left_out = model
        .left_out
        .iter()
        .find(|(id, _)| id.name() == case.operation)
        .map(|(id, left_out)| (id.clone(), left_out.reason.clone()));
    let shape = match &left_out {
        Some((id, _)) => id.clone(),
        None => operation_id(model, &case.operation).ok_or_else(|| {
            place.error(format!("the model has no operation `{}`", case.operation))
        })?,
    };
    let id = suite_case_id(cases.entry, case);
    let (kind, http, params, expected_error) = match &case.kind {
        SuiteCaseKind::Request { params, serialized } => (
            CaseKind::Request,
            Http::Request(Box::new(expected_request(
                place,
                serialized,
                cases.client_endpoint.as_deref(),
            )?)),
            Some(params.clone()),
            None,
        ),
        SuiteCaseKind::Response {
            response,
            result,
            error,
            error_code,
            error_message,
        } => {
            let given = given_response(place, response)?;
            match error {
                Some(members) => (
                    CaseKind::Response,
                    Http::Response(given),
                    Some(members.clone()),
                    Some(ExpectedError {
                        code: error_code.clone().unwrap_or_default(),
                        message: error_message.clone().unwrap_or_default(),
                    }),
                ),
                None => (
                    CaseKind::Response,
                    Http::Response(given),
                    Some(result.clone().ok_or_else(|| {
                        place.error("a response case needs a `result` or an `error`")
                    })?),
                    None,
                ),
            }
        }
    };
    let test_name = naming::value_ident(&format!("{id}_{kind}")).map_err(|e| place.error(e))?;
    let documentation = format!(
        "{}\n\nbotocore's `{}.json`, entry {} (`{}`), case {} (`{}:{}` to botocore's runner).",
        case.description.trim(),
        cases.file,
        cases.entry,
        cases.description,
        case.index,
        cases.entry,
        case.index
    );
    let (skip, left_out) = match left_out {
        // The operation is left out of the crate: the case is skipped, with the reason.
        Some((_, reason)) => (
            Some(std::borrow::Cow::Owned(format!(
                "the operation is left out of the crate: it uses {reason}, which the \
                 generator does not generate yet"
            ))),
            true,
        ),
        None => (
            skip_reason(skips, suite, &id, kind).map(std::borrow::Cow::Borrowed),
            false,
        ),
    };
    Ok(Case {
        skip,
        left_out,
        id,
        kind,
        shape,
        test_name,
        documentation: Some(documentation),
        http,
        params: params.filter(|p| !p.is_null()),
        vendor_params: None,
        expected_error,
    })
}

/// The id of a case of the suite entry `entry`: its own, else its place, `entry:case`.
pub fn suite_case_id(entry: usize, case: &SuiteCase) -> String {
    case.id
        .clone()
        .unwrap_or_else(|| format!("{entry}:{}", case.index))
}

/// Whether a case is a request or a response case.
pub fn suite_case_kind(case: &SuiteCase) -> CaseKind {
    match case.kind {
        SuiteCaseKind::Request { .. } => CaseKind::Request,
        SuiteCaseKind::Response { .. } => CaseKind::Response,
    }
}

/// The id of the model's operation named `name`.
fn operation_id(model: &Model, name: &str) -> Option<ShapeId> {
    model
        .operations()
        .find(|(id, _)| id.name() == name)
        .map(|(id, _)| id.clone())
}

/// The request `serialized` describes; `client_endpoint` is the entry's.
fn expected_request(
    place: Place<'_>,
    serialized: &Value,
    client_endpoint: Option<&str>,
) -> Result<ExpectedRequest> {
    let object = serialized
        .as_object()
        .ok_or_else(|| place.error("`serialized` must be an object"))?;
    let text = |key: &str| -> Result<Option<String>> {
        match object.get(key) {
            None => Ok(None),
            Some(Value::String(text)) => Ok(Some(text.clone())),
            Some(_) => Err(place.error(format!("`serialized.{key}` must be a string"))),
        }
    };
    // botocore checks the host only when the case gives one, as the host of the client
    // endpoint with the request's host prefix before it.
    let (host, resolved_host) = match text("host")? {
        None => (None, None),
        Some(resolved) => {
            let endpoint = client_endpoint.ok_or_else(|| {
                place.error("`serialized.host` needs the entry's `clientEndpoint`")
            })?;
            (Some(authority(endpoint).to_owned()), Some(resolved))
        }
    };
    Ok(ExpectedRequest {
        method: text("method")?,
        // botocore compares its `url_path` (the path and query) with `uri`, or with nothing.
        uri: text("uri")?.unwrap_or_default(),
        uri_with_query: true,
        host,
        resolved_host,
        headers: string_map(place, object.get("headers"), "serialized.headers")?,
        forbid_headers: strings(
            place,
            object.get("forbidHeaders"),
            "serialized.forbidHeaders",
        )?,
        // A body that is JSON is compared as JSON; a raw payload (a blob, a string, an
        // enum's value), byte for byte.
        body_media_type: text("body")?
            .filter(|body| serde_json::from_str::<Value>(body).is_ok())
            .map(|_| "application/json".to_owned()),
        body: text("body")?,
        ..ExpectedRequest::default()
    })
}

/// The host and port of an endpoint URL: `https://example.com/custom` → `example.com`.
fn authority(endpoint: &str) -> &str {
    let rest = endpoint
        .split_once("://")
        .map_or(endpoint, |(_, rest)| rest);
    rest.split(['/', '?', '#']).next().unwrap_or(rest)
}

/// The response `response` describes: botocore's runner reads a missing body as empty and
/// missing headers as none.
fn given_response(place: Place<'_>, response: &Value) -> Result<GivenResponse> {
    let object = response
        .as_object()
        .ok_or_else(|| place.error("`response` must be an object"))?;
    let code = object
        .get("status_code")
        .and_then(Value::as_u64)
        .and_then(|code| u16::try_from(code).ok())
        .filter(|code| (100..=999).contains(code))
        .ok_or_else(|| place.error("`response.status_code` must be from 100 to 999"))?;
    let body = match object.get("body") {
        None => String::new(),
        Some(Value::String(body)) => body.clone(),
        Some(_) => return Err(place.error("`response.body` must be a string")),
    };
    Ok(GivenResponse {
        code,
        headers: string_map(place, object.get("headers"), "response.headers")?,
        body,
    })
}

/// A map of strings, in its order; none when missing.
fn string_map(
    place: Place<'_>,
    value: Option<&Value>,
    what: &str,
) -> Result<Vec<(String, String)>> {
    let empty = Map::new();
    let map = match value {
        None => &empty,
        Some(Value::Object(map)) => map,
        Some(_) => return Err(place.error(format!("`{what}` must be a map of strings"))),
    };
    map.iter()
        .map(|(name, value)| {
            value
                .as_str()
                .map(|value| (name.clone(), value.to_owned()))
                .ok_or_else(|| place.error(format!("`{what}.{name}` must be a string")))
        })
        .collect()
}

/// A list of strings; none when missing.
fn strings(place: Place<'_>, value: Option<&Value>, what: &str) -> Result<Vec<String>> {
    match value {
        None => Ok(Vec::new()),
        Some(Value::Array(items)) => items
            .iter()
            .map(|item| {
                item.as_str()
                    .map(str::to_owned)
                    .ok_or_else(|| place.error(format!("`{what}` must be a list of strings")))
            })
            .collect(),
        Some(_) => Err(place.error(format!("`{what}` must be a list of strings"))),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::load::botocore_suite::suite_to_models;

    /// A botocore suite file of one entry: an operation with a modelled error, a request
    /// case, a response case without an id, and two error cases.
    fn suite() -> Value {
        json!([{
            "description": "Test cases for Greet operation",
            "metadata": {
                "protocol": "json", "protocols": ["json"], "apiVersion": "2018-01-01",
                "jsonVersion": "1.1", "targetPrefix": "Svc"
            },
            "clientEndpoint": "https://example.com/base",
            "shapes": {
                "GreetInput": { "type": "structure", "members": { "Name": { "shape": "String" } } },
                "GreetOutput": { "type": "structure", "members": { "Greeting": { "shape": "String" } } },
                "Oops": {
                    "type": "structure", "exception": true, "error": { "code": "Custom" },
                    "members": { "Message": { "shape": "String" } }
                },
                "String": { "type": "string" }
            },
            "cases": [
                {
                    "id": "SendsName",
                    "description": "Sends the name",
                    "given": {
                        "name": "Greet", "http": { "method": "POST", "requestUri": "/" },
                        "input": { "shape": "GreetInput" }, "output": { "shape": "GreetOutput" },
                        "errors": [{ "shape": "Oops" }]
                    },
                    "params": { "Name": "a" },
                    "serialized": {
                        "method": "POST", "uri": "/", "body": "{\"Name\": \"a\"}",
                        "headers": { "X-Amz-Target": "Svc.Greet" },
                        "forbidHeaders": ["X-Forbidden"],
                        "requireHeaders": ["Content-Length"],
                        "host": "foo.example.com"
                    }
                },
                {
                    "given": {
                        "name": "Greet", "http": { "method": "POST", "requestUri": "/" },
                        "input": { "shape": "GreetInput" }, "output": { "shape": "GreetOutput" },
                        "errors": [{ "shape": "Oops" }]
                    },
                    "response": { "status_code": 200, "body": "{\"Greeting\": \"hi\"}" },
                    "result": { "Greeting": "hi" }
                },
                {
                    "id": "ReadsOops",
                    "given": {
                        "name": "Greet", "http": { "method": "POST", "requestUri": "/" },
                        "input": { "shape": "GreetInput" }, "output": { "shape": "GreetOutput" },
                        "errors": [{ "shape": "Oops" }]
                    },
                    "response": {
                        "status_code": 400, "headers": { "Content-Type": "application/x-amz-json-1.1" },
                        "body": "{\"__type\": \"Custom\", \"Message\": \"m\"}"
                    },
                    "error": { "Message": "m" }, "errorCode": "Custom", "errorMessage": "m"
                },
                {
                    "id": "ReadsOther",
                    "given": {
                        "name": "Greet", "http": { "method": "POST", "requestUri": "/" },
                        "input": { "shape": "GreetInput" }, "output": { "shape": "GreetOutput" },
                        "errors": [{ "shape": "Oops" }]
                    },
                    "response": { "status_code": 500, "body": "{\"__type\": \"Other\"}" },
                    "error": {}, "errorCode": "Other"
                }
            ]
        }])
    }

    /// The suite's model, loaded, and its cases.
    fn model_and_cases(suite: &Value) -> (Model, BotocoreCases) {
        let models = suite_to_models(suite, "output/json").unwrap();
        assert_eq!(models.len(), 1);
        let model = crate::load::load(&models[0].source()).unwrap();
        let model = crate::transform::run(model, None).unwrap();
        (model, BotocoreCases::of("output/json", &models[0]))
    }

    fn converted(skips: &[Skip]) -> Vec<Case> {
        let (model, cases) = model_and_cases(&suite());
        botocore_cases(&model, &cases, skips).unwrap()
    }

    #[test]
    fn a_request_case_expects_what_botocores_runner_checks() {
        let cases = converted(&[]);
        let case = &cases[0];
        assert_eq!(
            (case.id.as_str(), case.kind, case.test_name.as_str()),
            ("SendsName", CaseKind::Request, "sends_name_request")
        );
        assert_eq!(case.shape.name(), "Greet");
        assert_eq!(case.params, Some(json!({ "Name": "a" })));
        let Http::Request(request) = &case.http else {
            panic!("a request case");
        };
        assert_eq!(
            **request,
            ExpectedRequest {
                method: Some("POST".into()),
                uri: "/".into(),
                uri_with_query: true,
                // The client endpoint's host, without its scheme and path; the request's host
                // prefix goes before it.
                host: Some("example.com".into()),
                resolved_host: Some("foo.example.com".into()),
                headers: vec![("X-Amz-Target".into(), "Svc.Greet".into())],
                forbid_headers: vec!["X-Forbidden".into()],
                // botocore's runner does not check `requireHeaders`.
                require_headers: Vec::new(),
                body: Some("{\"Name\": \"a\"}".into()),
                body_media_type: Some("application/json".into()),
                ..ExpectedRequest::default()
            }
        );
        let documentation = case.documentation.as_deref().unwrap();
        assert!(
            documentation.starts_with("Sends the name\n\nbotocore's `output/json.json`, entry 0"),
            "{documentation}"
        );
        assert!(
            documentation.contains("(`0:0` to botocore's runner)"),
            "{documentation}"
        );
    }

    #[test]
    fn a_response_case_without_an_id_is_named_by_its_place() {
        let cases = converted(&[]);
        let case = &cases[1];
        assert_eq!(
            (case.id.as_str(), case.kind, case.test_name.as_str()),
            ("0:1", CaseKind::Response, "_0_1_response")
        );
        assert_eq!(case.params, Some(json!({ "Greeting": "hi" })));
        assert_eq!(case.expected_error, None);
        let Http::Response(response) = &case.http else {
            panic!("a response case");
        };
        assert_eq!(
            *response,
            GivenResponse {
                code: 200,
                headers: Vec::new(),
                body: "{\"Greeting\": \"hi\"}".into(),
            }
        );
    }

    #[test]
    fn an_error_case_expects_its_code_its_message_and_its_members() {
        let cases = converted(&[]);
        assert_eq!(
            cases[2].expected_error,
            Some(ExpectedError {
                code: "Custom".into(),
                message: "m".into(),
            })
        );
        assert_eq!(cases[2].params, Some(json!({ "Message": "m" })));
        // botocore expects an empty message when the case gives none.
        assert_eq!(
            cases[3].expected_error,
            Some(ExpectedError {
                code: "Other".into(),
                message: String::new(),
            })
        );
    }

    #[test]
    fn skips_apply_to_the_case_of_their_suite_and_kind_only() {
        let skip = |suite, kind| Skip {
            suite,
            id: "ReadsOops",
            kind,
            reason: "botocore skips it",
        };
        let skips = [
            skip("botocore/json", CaseKind::Response),
            skip("botocore/json_1_0", CaseKind::Response),
            skip("smithy", CaseKind::Response),
        ];
        let cases = converted(&skips[..1]);
        assert_eq!(cases[2].skip.as_deref(), Some("botocore skips it"));
        assert!(cases.iter().filter(|c| c.skip.is_some()).count() == 1);
        for other in [
            &skips[1],
            &skips[2],
            &skip("botocore/json", CaseKind::Request),
        ] {
            let cases = converted(std::slice::from_ref(other));
            assert!(cases.iter().all(|c| c.skip.is_none()), "{other:?}");
        }
    }

    #[test]
    fn a_host_without_a_client_endpoint_is_an_error_naming_the_case() {
        let mut suite = suite();
        suite[0].as_object_mut().unwrap().remove("clientEndpoint");
        let (model, cases) = model_and_cases(&suite);
        let error = botocore_cases(&model, &cases, &[]).unwrap_err();
        assert_eq!(
            error.to_string(),
            "output/json.json: entry 0, case 0: `serialized.host` needs the entry's \
             `clientEndpoint`"
        );
    }

    #[test]
    fn an_error_case_needs_a_status_code() {
        let mut suite = suite();
        suite[0]["cases"][3]["response"]["status_code"] = json!("500");
        let (model, cases) = model_and_cases(&suite);
        let error = botocore_cases(&model, &cases, &[]).unwrap_err();
        assert_eq!(
            error.to_string(),
            "output/json.json: entry 0, case 3: `response.status_code` must be from 100 to 999"
        );
    }

    #[test]
    fn the_skip_suite_is_the_protocols_file_name() {
        let (_, mut cases) = model_and_cases(&suite());
        assert_eq!(cases.skip_suite(), "botocore/json");
        cases.file = "input/json_1_0-query-compatible".into();
        assert_eq!(cases.skip_suite(), "botocore/json_1_0-query-compatible");
    }

    #[test]
    fn an_endpoints_authority_is_its_host_and_port() {
        assert_eq!(authority("https://example.com/custom"), "example.com");
        assert_eq!(authority("http://localhost:8080"), "localhost:8080");
        assert_eq!(authority("example.com?x"), "example.com");
    }
}
