//! Smithy's protocol test cases as the model carries them: the `smithy.test#httpRequestTests`
//! and `smithy.test#httpResponseTests` traits on operations and error structures, read into
//! [`Case`]s (botocore's suites become `Case`s in `botocore.rs`), and the one list of cases
//! that are skipped, each with its reason.

use std::fmt;

use serde_json::{Map, Value};

use crate::error::{Error, Result};
use crate::model::{Model, ShapeId, ShapeKind};
use crate::naming;

/// The trait holding request test cases.
pub const REQUEST_TESTS: &str = "smithy.test#httpRequestTests";
/// The trait holding response test cases.
pub const RESPONSE_TESTS: &str = "smithy.test#httpResponseTests";

/// A case the generated tests do not run, and why. A reason is never "it fails": a case is
/// skipped only when it needs something deliberately out of the crate's scope, or when
/// botocore's own runner skips it (for botocore's suites).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Skip {
    /// The suite the case is in: [`SMITHY`], or a botocore suite file by its protocol's name
    /// (`botocore/json`, `botocore/json_1_0`: the file's name without `.json`; [`CaseKind`]
    /// tells `input/` from `output/`).
    pub suite: &'static str,
    /// The case's `id`.
    pub id: &'static str,
    /// Whether it is the request or the response case of that id.
    pub kind: CaseKind,
    /// Why it is not run; the test's `#[ignore = "…"]`.
    pub reason: &'static str,
}

/// The [`Skip::suite`] of Smithy's protocol tests.
pub const SMITHY: &str = "smithy";

/// Why botocore's runner skips the `HostWithPathOperation` suites.
const BOTOCORE_SKIPS_HOST_WITH_PATH: &str = "written for botocore's runner, which skips it \
    (protocol-tests-ignore-list.json, general input suite `Test cases for HostWithPathOperation \
    operation`): the expected path leaves out the client endpoint's path (`/custom`), which a \
    client puts before it; Smithy's case of the same id, which expects `/custom/`, runs and passes";
/// Every skipped case of every suite, in one place. No case of Smithy's awsJson services needs
/// anything deliberately out of scope. Of the cases botocore's own runner skips
/// (`tests/unit/protocols/protocol-tests-ignore-list.json` in botocore 1.44.5's source
/// distribution), only those whose expectation is written for that runner's way of comparing
/// are skipped here; the others (request compression, error codes from `X-Amzn-ErrorType` and
/// `code`, members set to null) run and pass.
pub const SKIPS: &[Skip] = &[
    Skip {
        suite: "botocore/json",
        id: "AwsJson11HostWithPath",
        kind: CaseKind::Request,
        reason: BOTOCORE_SKIPS_HOST_WITH_PATH,
    },
    Skip {
        suite: "botocore/json_1_0",
        id: "AwsJson10HostWithPath",
        kind: CaseKind::Request,
        reason: BOTOCORE_SKIPS_HOST_WITH_PATH,
    },
    Skip {
        suite: "botocore/rest-json",
        id: "RestJsonHostWithPath",
        kind: CaseKind::Request,
        reason: BOTOCORE_SKIPS_HOST_WITH_PATH,
    },
];

/// The reason `skips` gives for the case `id` of `kind` in `suite`, if it lists it.
pub fn skip_reason(skips: &[Skip], suite: &str, id: &str, kind: CaseKind) -> Option<&'static str> {
    skips
        .iter()
        .find(|skip| skip.suite == suite && skip.id == id && skip.kind == kind)
        .map(|skip| skip.reason)
}

/// A request case or a response case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum CaseKind {
    /// `httpRequestTests`: input params → the request the client sends.
    Request,
    /// `httpResponseTests`: a response → the output or error params the client reads.
    Response,
}

impl CaseKind {
    /// `request` or `response`.
    pub fn name(self) -> &'static str {
        match self {
            CaseKind::Request => "request",
            CaseKind::Response => "response",
        }
    }
}

impl fmt::Display for CaseKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// One client test case.
#[derive(Debug, Clone, PartialEq)]
pub struct Case {
    /// The case's `id`, unique per protocol and kind.
    pub id: String,
    /// Request or response.
    pub kind: CaseKind,
    /// The operation or error structure the case is on.
    pub shape: ShapeId,
    /// The `#[test]` function's name: the id in snake_case and the kind,
    /// `aws_json11_enums_request`.
    pub test_name: String,
    /// The case's `documentation`.
    pub documentation: Option<String>,
    /// What the case expects.
    pub http: Http,
    /// The `params`: the input of a request case, the output or error of a response case.
    pub params: Option<Value>,
    /// The `vendorParams` (awsQueryCompatible's `code` of an error case).
    pub vendor_params: Option<Map<String, Value>>,
    /// For a response case on an operation that expects an error (botocore's suites): the
    /// error's code and message; `params` are then the error's members.
    pub expected_error: Option<ExpectedError>,
    /// Why the case is skipped: [`SKIPS`] lists it, or its operation is left out of the crate
    /// (a wire feature the generator does not generate yet).
    pub skip: Option<std::borrow::Cow<'static, str>>,
    /// The case's operation is left out of the crate, so its test has no body to run.
    pub left_out: bool,
}

/// The error a response case on an operation expects (botocore's `errorCode` and
/// `errorMessage`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ExpectedError {
    /// The error code; when it is the code of one of the operation's modelled errors, that
    /// error's variant is expected, else `Unhandled`.
    pub code: String,
    /// The message; empty when the error has none.
    pub message: String,
}

/// What an HTTP message of a case must look like.
#[derive(Debug, Clone, PartialEq)]
pub enum Http {
    /// A request the client sends.
    Request(Box<ExpectedRequest>),
    /// A response the client reads.
    Response(GivenResponse),
}

/// The request a request case expects.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ExpectedRequest {
    /// The method, `POST`; not checked when `None`.
    pub method: Option<String>,
    /// The path, without the query (Smithy's cases), or the path and query as one string when
    /// `uri_with_query` is set.
    pub uri: String,
    /// Whether `uri` is the path and the query, compared whole (botocore's suites); else it is
    /// the path alone, and the query is checked by the lists below (Smithy's).
    pub uri_with_query: bool,
    /// The host (and path) the client is configured with, `example.com/custom`.
    pub host: Option<String>,
    /// The host the request goes to, `foo.example.com`.
    pub resolved_host: Option<String>,
    /// Query parameters that must be present, `key=value` as sent.
    pub query_params: Vec<String>,
    /// Query parameter names that must be absent.
    pub forbid_query_params: Vec<String>,
    /// Query parameter names that must be present with any value.
    pub require_query_params: Vec<String>,
    /// Headers that must be present with these values, in the case's order.
    pub headers: Vec<(String, String)>,
    /// Header names that must be absent.
    pub forbid_headers: Vec<String>,
    /// Header names that must be present with any value.
    pub require_headers: Vec<String>,
    /// The body; `None` when the case does not say.
    pub body: Option<String>,
    /// How to compare the body: `application/json` as JSON values, else as bytes.
    pub body_media_type: Option<String>,
}

/// The response a response case gives the client.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct GivenResponse {
    /// The status code.
    pub code: u16,
    /// The headers, in the case's order.
    pub headers: Vec<(String, String)>,
    /// The body, empty when the case has none.
    pub body: String,
}

/// The client cases of the model's service for its protocol, in model order: the operations'
/// request and then response cases, in the service's operation order, then the error
/// structures' response cases, in shape id order. Cases that apply to servers only, or to
/// another protocol, are left out; [`SKIPS`] marks the skipped ones.
///
/// # Errors
///
/// A malformed case (a missing `id`, a field of the wrong type) names its shape and field; two
/// cases that would make the same test name both.
pub fn client_cases(model: &Model) -> Result<Vec<Case>> {
    client_cases_with(model, SKIPS)
}

/// What errors about the cases name as the file: they are traits of the model, not a file.
const CASES: &str = "the model's protocol tests";

/// [`client_cases`] with another list of skips (tests).
pub(crate) fn client_cases_with(model: &Model, skips: &[Skip]) -> Result<Vec<Case>> {
    let file = CASES;
    let protocol = format!("aws.protocols#{}", model.service.protocol.name());
    let mut holders: Vec<&ShapeId> = model.operations().map(|(id, _)| id).collect();
    holders.extend(
        model
            .shapes
            .values()
            .filter(|s| s.traits.error.is_some() && matches!(s.kind, ShapeKind::Structure(_)))
            .map(|s| &s.id),
    );
    // The operations left out of the crate keep their cases, skipped with the reason.
    let left_out = model
        .left_out
        .iter()
        .map(|(id, left_out)| (id, &left_out.shape, Some(&left_out.reason)));
    let holders = holders
        .into_iter()
        .map(|id| (id, &model.shapes[id], None))
        .chain(left_out);
    let mut cases = Vec::new();
    for (id, shape, left_out) in holders {
        for (trait_id, kind) in [
            (REQUEST_TESTS, CaseKind::Request),
            (RESPONSE_TESTS, CaseKind::Response),
        ] {
            let Some(value) = shape.traits.other.get(trait_id) else {
                continue;
            };
            let place = Place {
                file,
                shape: id,
                trait_id,
                case: None,
            };
            let Value::Array(items) = value else {
                return Err(place.error("the trait must be a list of cases"));
            };
            for item in items {
                if let Some(mut case) = read_case(place, item, kind, &protocol, skips)? {
                    if let Some(reason) = left_out {
                        case.skip = Some(std::borrow::Cow::Owned(format!(
                            "the operation is left out of the crate: it uses {reason}, which the \
                             generator does not generate yet"
                        )));
                        case.left_out = true;
                    }
                    cases.push(case);
                }
            }
        }
    }
    check_test_names(&cases, file)?;
    Ok(cases)
}

/// Fails when two cases would make the same test, naming both; `file` is what the error names
/// as the file.
pub(crate) fn check_test_names(cases: &[Case], file: &str) -> Result<()> {
    let mut names = std::collections::BTreeMap::new();
    for case in cases {
        if let Some(first) = names.insert(case.test_name.as_str(), case) {
            return Err(Error::shape(
                file,
                &case.shape,
                format!(
                    "the {} cases `{}` (on `{}`) and `{}` would both be the test `{}`",
                    case.kind, first.id, first.shape, case.id, case.test_name
                ),
            ));
        }
    }
    Ok(())
}

/// Where a case is, for errors.
#[derive(Clone, Copy)]
struct Place<'a> {
    file: &'a str,
    shape: &'a ShapeId,
    trait_id: &'a str,
    case: Option<&'a str>,
}

impl Place<'_> {
    fn error(&self, problem: impl fmt::Display) -> Error {
        let case = self
            .case
            .map(|id| format!(", case `{id}`"))
            .unwrap_or_default();
        Error::shape(
            self.file,
            self.shape,
            format!("`{}`{case}: {problem}", self.trait_id),
        )
    }
}

/// Reads one case; `None` when it is not a client case of `protocol`.
fn read_case(
    place: Place<'_>,
    value: &Value,
    kind: CaseKind,
    protocol: &str,
    skips: &[Skip],
) -> Result<Option<Case>> {
    let Value::Object(object) = value else {
        return Err(place.error("a case must be an object"));
    };
    let id = string(place, object, "id")?.ok_or_else(|| place.error("a case needs an `id`"))?;
    let place = Place {
        case: Some(id),
        ..place
    };
    if string(place, object, "appliesTo")? == Some("server") {
        return Ok(None);
    }
    let case_protocol = string(place, object, "protocol")?
        .ok_or_else(|| place.error("the case has no `protocol`"))?;
    if case_protocol != protocol {
        return Ok(None);
    }
    let test_name = naming::value_ident(&format!("{id}_{kind}")).map_err(|e| place.error(e))?;
    let http = match kind {
        CaseKind::Request => Http::Request(Box::new(ExpectedRequest {
            method: Some(
                string(place, object, "method")?
                    .ok_or_else(|| place.error("a request case needs a `method`"))?
                    .to_owned(),
            ),
            uri: string(place, object, "uri")?
                .ok_or_else(|| place.error("a request case needs a `uri`"))?
                .to_owned(),
            uri_with_query: false,
            host: string(place, object, "host")?.map(str::to_owned),
            resolved_host: string(place, object, "resolvedHost")?.map(str::to_owned),
            query_params: strings(place, object, "queryParams")?,
            forbid_query_params: strings(place, object, "forbidQueryParams")?,
            require_query_params: strings(place, object, "requireQueryParams")?,
            headers: headers(place, object)?,
            forbid_headers: strings(place, object, "forbidHeaders")?,
            require_headers: strings(place, object, "requireHeaders")?,
            body: string(place, object, "body")?.map(str::to_owned),
            body_media_type: string(place, object, "bodyMediaType")?.map(str::to_owned),
        })),
        CaseKind::Response => {
            let code = object
                .get("code")
                .and_then(Value::as_u64)
                .and_then(|code| u16::try_from(code).ok())
                .filter(|code| (100..=999).contains(code))
                .ok_or_else(|| place.error("a response case needs a `code` from 100 to 999"))?;
            Http::Response(GivenResponse {
                code,
                headers: headers(place, object)?,
                body: string(place, object, "body")?
                    .unwrap_or_default()
                    .to_owned(),
            })
        }
    };
    let vendor_params = match object.get("vendorParams") {
        None => None,
        Some(Value::Object(params)) => Some(params.clone()),
        Some(_) => return Err(place.error("`vendorParams` must be an object")),
    };
    Ok(Some(Case {
        id: id.to_owned(),
        kind,
        shape: place.shape.clone(),
        test_name,
        documentation: string(place, object, "documentation")?.map(str::to_owned),
        http,
        params: object.get("params").filter(|p| !p.is_null()).cloned(),
        vendor_params,
        expected_error: None,
        skip: skip_reason(skips, SMITHY, id, kind).map(std::borrow::Cow::Borrowed),
        left_out: false,
    }))
}

fn string<'v>(
    place: Place<'_>,
    object: &'v Map<String, Value>,
    key: &str,
) -> Result<Option<&'v str>> {
    match object.get(key) {
        None => Ok(None),
        Some(Value::String(text)) => Ok(Some(text)),
        Some(_) => Err(place.error(format!("`{key}` must be a string"))),
    }
}

fn strings(place: Place<'_>, object: &Map<String, Value>, key: &str) -> Result<Vec<String>> {
    match object.get(key) {
        None => Ok(Vec::new()),
        Some(Value::Array(items)) => items
            .iter()
            .map(|item| {
                item.as_str()
                    .map(str::to_owned)
                    .ok_or_else(|| place.error(format!("`{key}` must be a list of strings")))
            })
            .collect(),
        Some(_) => Err(place.error(format!("`{key}` must be a list of strings"))),
    }
}

fn headers(place: Place<'_>, object: &Map<String, Value>) -> Result<Vec<(String, String)>> {
    match object.get("headers") {
        None => Ok(Vec::new()),
        Some(Value::Object(headers)) => headers
            .iter()
            .map(|(name, value)| {
                value
                    .as_str()
                    .map(|value| (name.clone(), value.to_owned()))
                    .ok_or_else(|| place.error(format!("header `{name}` must be a string")))
            })
            .collect(),
        Some(_) => Err(place.error("`headers` must be a map of strings")),
    }
}
