//! `parse_response` against whatever a server, a proxy or a broken connection may hand it:
//! arbitrary bytes, mutated valid bodies, random JSON and arbitrary headers and statuses never
//! panic; 100,000 levels of nesting are an error, not a stack overflow; a 10 MB string parses in
//! time linear in its length.
//!
//! The seven property tests run proptest's default number of cases (256 each; `PROPTEST_CASES`
//! raises it) against every operation's `parse_response`; `fuzz/` runs the same functions
//! under cargo-fuzz for longer.

use std::collections::BTreeSet;
use std::sync::LazyLock;
use std::time::{Duration, Instant};

use http::header::{HeaderName, HeaderValue};
use inspector::operation::delete_assessment_run;
use inspector::operation::describe_assessment_runs::{self, DescribeAssessmentRunsError};
use inspector::operation::list_findings;
use proptest::prelude::*;
use proptest::sample::{Index, select};
use serde_json::{Map, Value, json};

type Response = http::Response<Vec<u8>>;

fn response(status: u16, headers: &[(HeaderName, HeaderValue)], body: Vec<u8>) -> Response {
    let mut response = http::Response::new(body);
    *response.status_mut() = http::StatusCode::from_u16(status).unwrap();
    for (name, value) in headers {
        response.headers_mut().append(name, value.clone());
    }
    response
}

/// What one operation's `parse_response` made of a response.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Outcome {
    Output,
    /// A modelled or unhandled error the service sent.
    ServiceError,
    /// A response that could not be read, with the status it reports.
    InvalidResponse(u16),
}

macro_rules! every_operation {
    ($($module:ident: $error:ident),* $(,)?) => {
        /// The name of each operation `wanted` keeps and what its `parse_response` made of
        /// `response`; every result is also formatted, so a panic in `Debug` or `Display`
        /// shows up too.
        fn parse_with_operations(
            wanted: impl Fn(&str) -> bool,
            response: &Response,
        ) -> Vec<(&'static str, Outcome)> {
            let mut outcomes = Vec::new();
            $({
                use inspector::operation::$module::{$error, parse_response};
                let operation = stringify!($error).strip_suffix("Error").unwrap();
                if wanted(operation) {
                    let result = parse_response(response);
                    let _ = format!("{result:?}");
                    let outcome = match &result {
                        Ok(_) => Outcome::Output,
                        Err($error::InvalidResponse(invalid)) => {
                            let _ = (invalid.to_string(), invalid.reason(), invalid.excerpt());
                            Outcome::InvalidResponse(invalid.status())
                        }
                        Err(error) => {
                            let _ = (error.to_string(), error.code(), error.message());
                            Outcome::ServiceError
                        }
                    };
                    outcomes.push((operation, outcome));
                }
            })*
            outcomes
        }
    };
}

fn parse_with_every_operation(response: &Response) -> Vec<(&'static str, Outcome)> {
    parse_with_operations(|_| true, response)
}

every_operation! {
    add_attributes_to_findings: AddAttributesToFindingsError,
    create_assessment_target: CreateAssessmentTargetError,
    create_assessment_template: CreateAssessmentTemplateError,
    create_exclusions_preview: CreateExclusionsPreviewError,
    create_resource_group: CreateResourceGroupError,
    delete_assessment_run: DeleteAssessmentRunError,
    delete_assessment_target: DeleteAssessmentTargetError,
    delete_assessment_template: DeleteAssessmentTemplateError,
    describe_assessment_runs: DescribeAssessmentRunsError,
    describe_assessment_targets: DescribeAssessmentTargetsError,
    describe_assessment_templates: DescribeAssessmentTemplatesError,
    describe_cross_account_access_role: DescribeCrossAccountAccessRoleError,
    describe_exclusions: DescribeExclusionsError,
    describe_findings: DescribeFindingsError,
    describe_resource_groups: DescribeResourceGroupsError,
    describe_rules_packages: DescribeRulesPackagesError,
    get_assessment_report: GetAssessmentReportError,
    get_exclusions_preview: GetExclusionsPreviewError,
    get_telemetry_metadata: GetTelemetryMetadataError,
    list_assessment_run_agents: ListAssessmentRunAgentsError,
    list_assessment_runs: ListAssessmentRunsError,
    list_assessment_targets: ListAssessmentTargetsError,
    list_assessment_templates: ListAssessmentTemplatesError,
    list_event_subscriptions: ListEventSubscriptionsError,
    list_exclusions: ListExclusionsError,
    list_findings: ListFindingsError,
    list_rules_packages: ListRulesPackagesError,
    list_tags_for_resource: ListTagsForResourceError,
    preview_agents: PreviewAgentsError,
    register_cross_account_access_role: RegisterCrossAccountAccessRoleError,
    remove_attributes_from_findings: RemoveAttributesFromFindingsError,
    set_tags_for_resource: SetTagsForResourceError,
    start_assessment_run: StartAssessmentRunError,
    stop_assessment_run: StopAssessmentRunError,
    subscribe_to_event: SubscribeToEventError,
    unsubscribe_from_event: UnsubscribeFromEventError,
    update_assessment_target: UpdateAssessmentTargetError,
}

/// Parses `response` with every operation and checks what holds whatever the body: a 2xx is
/// an output or an unreadable response, never a service error; any other status is never an
/// output; an unreadable response reports the response's status.
fn check_every_operation(response: &Response) -> Result<(), TestCaseError> {
    let status = response.status().as_u16();
    for (operation, outcome) in parse_with_every_operation(response) {
        match outcome {
            Outcome::Output => prop_assert!(
                response.status().is_success(),
                "{operation}: HTTP {status} gave an output"
            ),
            Outcome::ServiceError => prop_assert!(
                !response.status().is_success(),
                "{operation}: HTTP {status} gave a service error"
            ),
            Outcome::InvalidResponse(reported) => {
                prop_assert_eq!(reported, status, "{}: reported status", operation);
            }
        }
    }
    Ok(())
}

// The service model, for the names and values the strategies draw from.

const SERVICE_MODEL: &str = include_str!("../../models/inspector/2016-02-16/service-2.json");
const EXAMPLES: &str = include_str!("../../models/inspector/2016-02-16/examples-1.json");

struct ModelNames {
    /// Every member name, enum value and error shape name: the keys and strings a real
    /// response is made of.
    words: Vec<String>,
    /// The names of the operations' error shapes: what `__type` and `X-Amzn-ErrorType` carry.
    errors: Vec<String>,
    /// The names of members whose target is a timestamp.
    timestamp_members: BTreeSet<String>,
}

static MODEL: LazyLock<ModelNames> = LazyLock::new(|| {
    let model: Value = serde_json::from_str(SERVICE_MODEL).unwrap();
    let shapes = model["shapes"].as_object().unwrap();
    let mut words = BTreeSet::new();
    let mut errors = BTreeSet::new();
    let mut timestamp_members = BTreeSet::new();
    for (name, shape) in shapes {
        if shape.get("exception").is_some() {
            errors.insert(name.clone());
        }
        for value in shape
            .get("enum")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            words.insert(value.as_str().unwrap().to_owned());
        }
        let members = shape.get("members").and_then(Value::as_object);
        for (member, target) in members.into_iter().flatten() {
            words.insert(member.clone());
            let target = target["shape"].as_str().unwrap();
            if shapes[target]["type"] == "timestamp" {
                timestamp_members.insert(member.clone());
            }
        }
    }
    words.extend(errors.iter().cloned());
    words.extend(["__type", "code", "Message", "errorMessage"].map(str::to_owned));
    ModelNames {
        words: words.into_iter().collect(),
        errors: errors.into_iter().collect(),
        timestamp_members,
    }
});

/// The example outputs of the model's examples, by operation, with timestamps as epoch-second
/// numbers as the service sends them (the examples write them as strings).
static EXAMPLE_OUTPUTS: LazyLock<Vec<(String, Value)>> = LazyLock::new(|| {
    fn timestamps_as_numbers(value: &mut Value) {
        match value {
            Value::Object(members) => {
                for (name, member) in members.iter_mut() {
                    let number = member.as_str().and_then(|text| text.parse::<f64>().ok());
                    match number {
                        Some(seconds) if MODEL.timestamp_members.contains(name) => {
                            *member = json!(seconds);
                        }
                        _ => timestamps_as_numbers(member),
                    }
                }
            }
            Value::Array(items) => items.iter_mut().for_each(timestamps_as_numbers),
            _ => {}
        }
    }
    let examples: Value = serde_json::from_str(EXAMPLES).unwrap();
    let mut outputs = Vec::new();
    for (operation, examples) in examples["examples"].as_object().unwrap() {
        for example in examples.as_array().unwrap() {
            if let Some(output) = example.get("output").filter(|output| output != &&json!({})) {
                let mut output = output.clone();
                timestamps_as_numbers(&mut output);
                outputs.push((operation.clone(), output));
            }
        }
    }
    outputs
});

/// Valid bodies to mutate: every example output, compact and pretty-printed, and error bodies.
static SEED_BODIES: LazyLock<Vec<Vec<u8>>> = LazyLock::new(|| {
    let mut seeds: Vec<Vec<u8>> = Vec::new();
    for (_, output) in EXAMPLE_OUTPUTS.iter() {
        seeds.push(serde_json::to_vec(output).unwrap());
        seeds.push(serde_json::to_vec_pretty(output).unwrap());
    }
    seeds.push(
        br#"{"__type":"aws.protocoltests#InvalidInputException:http://internal.amazon.com/","message":"bad arn","errorCode":"INVALID_ASSESSMENT_RUN_ARN","canRetry":false}"#.to_vec(),
    );
    seeds.push(br#"{"code":"InternalException","Message":"try again","canRetry":true}"#.to_vec());
    seeds
});

// Strategies.

fn status() -> impl Strategy<Value = u16> {
    100u16..600
}

fn success_status() -> impl Strategy<Value = u16> {
    200u16..300
}

/// An error code as a service may spell it: bare, with a namespace, with a URL after a colon.
fn error_code() -> impl Strategy<Value = String> {
    (
        select(&["", "aws#", "com.amazonaws.inspector#", "#", "a#b#"][..]),
        select(MODEL.errors.clone()),
        select(&["", ":http://internal.amazon.com/", ":", " "][..]),
    )
        .prop_map(|(namespace, code, suffix)| format!("{namespace}{code}{suffix}"))
}

fn header_value() -> impl Strategy<Value = HeaderValue> {
    let visible_or_opaque = prop_oneof![Just(b'\t'), 0x20u8..0x7f, 0x80u8..=0xff];
    prop_oneof![
        error_code().prop_map(|code| HeaderValue::from_str(&code).unwrap()),
        select(
            &[
                "application/x-amz-json-1.1",
                "application/json",
                "text/html",
                "req-1"
            ][..]
        )
        .prop_map(HeaderValue::from_static),
        prop::collection::vec(visible_or_opaque, 0..48)
            .prop_map(|bytes| HeaderValue::from_bytes(&bytes).unwrap()),
    ]
}

/// A header name: one the protocol reads, in any case, or any valid token.
fn header_name() -> impl Strategy<Value = HeaderName> {
    let known = select(
        &[
            "x-amzn-errortype",
            "X-Amzn-ErrorType",
            "x-amzn-requestid",
            "x-amzn-RequestId",
            "content-type",
            "content-length",
        ][..],
    )
    .prop_map(str::to_owned);
    prop_oneof![3 => known, 1 => "[a-zA-Z0-9!#$%&'*+.^_`|~-]{1,24}"]
        .prop_map(|name| HeaderName::from_bytes(name.as_bytes()).unwrap())
}

fn headers() -> impl Strategy<Value = Vec<(HeaderName, HeaderValue)>> {
    prop::collection::vec((header_name(), header_value()), 0..6)
}

/// Bytes: uniformly random, or drawn from what JSON is made of so the parser gets further.
fn arbitrary_body() -> impl Strategy<Value = Vec<u8>> {
    const JSON_BYTES: &[u8] = b"{}[]\":,0123456789.-+eEtrufalsn \t\n\\u\xc3\xa9\xff";
    prop_oneof![
        prop::collection::vec(any::<u8>(), 0..256),
        prop::collection::vec(select(JSON_BYTES), 0..256),
    ]
}

/// A string a response might carry: a model word, a timestamp in one of its forms, a float
/// special value, or any string at all.
fn json_string() -> impl Strategy<Value = String> {
    prop_oneof![
        2 => select(MODEL.words.clone()),
        1 => select(&[
            "1458680301.4",
            "-1458680301.4",
            "1e400",
            "-0",
            "2016-03-22T21:00:00Z",
            "2016-03-22T21:00:00.123+02:00",
            "Tue, 22 Mar 2016 21:00:00 GMT",
            "NaN",
            "Infinity",
            "-Infinity",
            "",
        ][..]).prop_map(str::to_owned),
        2 => any::<String>(),
    ]
}

fn json_number() -> impl Strategy<Value = Value> {
    prop_oneof![
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<i32>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        (0i64..5_000_000_000, 0u32..1000)
            .prop_map(|(seconds, millis)| json!(seconds as f64 + f64::from(millis) / 1000.0)),
    ]
}

/// A JSON value up to 6 levels deep, whose keys are mostly the model's member names.
fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        json_number(),
        json_string().prop_map(Value::String),
    ];
    leaf.prop_recursive(6, 96, 8, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..8).prop_map(Value::Array),
            prop::collection::vec((json_string(), inner), 0..8)
                .prop_map(|members| Value::Object(members.into_iter().collect())),
        ]
    })
}

/// Members an output does not know, which it must ignore whatever their value.
fn unknown_members() -> impl Strategy<Value = Map<String, Value>> {
    prop::collection::btree_map("zzFuture[A-Za-z]{0,8}", json_value(), 0..3)
        .prop_map(|members| members.into_iter().collect())
}

#[derive(Debug, Clone)]
enum Mutation {
    FlipBit(Index, u8),
    Overwrite(Index, u8),
    Insert(Index, u8),
    Delete(Index, usize),
    Truncate(Index),
    /// Copies a slice of the body to another place: repeats structure, keys and brackets.
    Splice {
        from: Index,
        len: usize,
        to: Index,
    },
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let byte = prop_oneof![any::<u8>(), select(b"{}[]\",:\\0-.eEnul \xff".to_vec())];
    prop_oneof![
        (any::<Index>(), 0u8..8).prop_map(|(at, bit)| Mutation::FlipBit(at, bit)),
        (any::<Index>(), byte.clone()).prop_map(|(at, byte)| Mutation::Overwrite(at, byte)),
        (any::<Index>(), byte).prop_map(|(at, byte)| Mutation::Insert(at, byte)),
        (any::<Index>(), 1usize..16).prop_map(|(at, len)| Mutation::Delete(at, len)),
        any::<Index>().prop_map(Mutation::Truncate),
        (any::<Index>(), 1usize..64, any::<Index>()).prop_map(|(from, len, to)| Mutation::Splice {
            from,
            len,
            to
        }),
    ]
}

fn mutate(body: &mut Vec<u8>, mutation: &Mutation) {
    let len = body.len();
    match *mutation {
        Mutation::Insert(ref at, byte) => body.insert(at.index(len + 1), byte),
        _ if len == 0 => {}
        Mutation::FlipBit(ref at, bit) => body[at.index(len)] ^= 1 << bit,
        Mutation::Overwrite(ref at, byte) => body[at.index(len)] = byte,
        Mutation::Delete(ref at, count) => {
            let start = at.index(len);
            body.drain(start..len.min(start + count));
        }
        Mutation::Truncate(ref at) => body.truncate(at.index(len)),
        Mutation::Splice {
            ref from,
            len: count,
            ref to,
        } => {
            let start = from.index(len);
            let slice = body[start..len.min(start + count)].to_vec();
            let at = to.index(len + 1);
            body.splice(at..at, slice);
        }
    }
}

fn mutated_seed() -> impl Strategy<Value = Vec<u8>> {
    (
        select(SEED_BODIES.clone()),
        prop::collection::vec(mutation(), 1..8),
    )
        .prop_map(|(mut body, mutations)| {
            for mutation in &mutations {
                mutate(&mut body, mutation);
            }
            body
        })
}

/// A timestamp as epoch milliseconds and one of the forms the service may write it in.
fn timestamp() -> impl Strategy<Value = (i64, Value)> {
    (0i64..4_102_444_800, 0i64..1000, 0..3).prop_map(|(seconds, millis, form)| {
        let text = format!("{seconds}.{millis:03}");
        let wire = match form {
            0 => json!(text.parse::<f64>().unwrap()),
            1 => Value::String(text),
            _ => json!(seconds),
        };
        let millis = if form == 2 { 0 } else { millis };
        (seconds * 1000 + millis, wire)
    })
}

/// What an assessment run in a generated body says, to compare the parsed run with.
#[derive(Debug, Clone)]
struct ExpectedRun {
    arn: String,
    name: String,
    state: String,
    duration: i32,
    created_at_millis: i64,
    high_findings: Option<i32>,
}

fn assessment_run() -> impl Strategy<Value = (ExpectedRun, Value)> {
    (
        (
            any::<String>(),
            any::<String>(),
            json_string(),
            any::<i32>(),
        ),
        (timestamp(), prop::option::of(timestamp()), any::<bool>()),
        prop::option::of(any::<i32>()),
        prop::collection::vec(
            (json_string(), timestamp())
                .prop_map(|(state, (_, at))| json!({ "state": state, "stateChangedAt": at })),
            0..4,
        ),
        unknown_members(),
    )
        .prop_map(
            |(
                (arn, name, state, duration),
                (created, started, collected),
                high,
                changes,
                unknown,
            )| {
                let mut run = json!({
                    "arn": arn, "name": name, "state": state, "durationInSeconds": duration,
                    "createdAt": created.1, "stateChangedAt": created.1, "dataCollected": collected,
                    "startedAt": started.map(|(_, wire)| wire), "completedAt": null,
                    "rulesPackageArns": ["arn:rules"], "userAttributesForFindings": [],
                    "stateChanges": changes, "notifications": [],
                    "findingCounts": { "Low": 1 },
                });
                if let Some(high) = high {
                    run["findingCounts"]["High"] = json!(high);
                }
                run.as_object_mut().unwrap().extend(unknown);
                let expected = ExpectedRun {
                    arn,
                    name,
                    state,
                    duration,
                    created_at_millis: created.0,
                    high_findings: high,
                };
                (expected, run)
            },
        )
}

fn json_body(value: &Value) -> Vec<u8> {
    serde_json::to_vec(value).unwrap()
}

proptest! {
    #[test]
    fn arbitrary_bytes_statuses_and_headers_never_panic(
        status in status(),
        headers in headers(),
        body in arbitrary_body(),
    ) {
        check_every_operation(&response(status, &headers, body))?;
    }

    #[test]
    fn mutated_valid_bodies_never_panic(
        status in prop_oneof![status(), select(&[200u16, 400, 500][..])],
        headers in headers(),
        body in mutated_seed(),
    ) {
        check_every_operation(&response(status, &headers, body))?;
    }

    #[test]
    fn random_json_never_panics(
        status in status(),
        headers in headers(),
        value in json_value(),
        pretty in any::<bool>(),
    ) {
        let body = if pretty {
            serde_json::to_vec_pretty(&value).unwrap()
        } else {
            json_body(&value)
        };
        check_every_operation(&response(status, &headers, body))?;
    }

    #[test]
    fn describe_assessment_runs_reads_any_well_typed_output(
        status in success_status(),
        headers in headers(),
        runs in prop::collection::vec(assessment_run(), 0..4),
        unknown in unknown_members(),
    ) {
        let (expected, runs): (Vec<_>, Vec<_>) = runs.into_iter().unzip();
        let mut body = json!({ "assessmentRuns": runs, "failedItems": {
            "arn:failed": { "failureCode": "ITEM_DOES_NOT_EXIST", "retryable": false },
        }});
        body.as_object_mut().unwrap().extend(unknown);
        let output = describe_assessment_runs::parse_response(&response(status, &headers, json_body(&body)));
        let output = output.map_err(|error| TestCaseError::fail(format!("{error:?}")))?;
        prop_assert_eq!(output.assessment_runs().len(), expected.len());
        for (run, expected) in output.assessment_runs().iter().zip(&expected) {
            prop_assert_eq!(run.arn(), &expected.arn);
            prop_assert_eq!(run.name(), &expected.name);
            prop_assert_eq!(run.state().as_str(), &expected.state);
            prop_assert_eq!(run.duration_in_seconds(), expected.duration);
            prop_assert_eq!(run.created_at().as_millisecond(), expected.created_at_millis);
            let high = run.finding_counts().get(&inspector::types::Severity::High).copied();
            prop_assert_eq!(high, expected.high_findings);
        }
        prop_assert_eq!(output.failed_items().len(), 1);
    }

    #[test]
    fn list_findings_reads_any_well_typed_output(
        status in success_status(),
        arns in prop::collection::vec(any::<String>(), 0..8),
        next_token in prop::option::of(any::<String>()),
        unknown in unknown_members(),
    ) {
        let mut body = json!({ "findingArns": arns, "nextToken": next_token });
        body.as_object_mut().unwrap().extend(unknown);
        let output = list_findings::parse_response(&response(status, &[], json_body(&body)))
            .map_err(|error| TestCaseError::fail(format!("{error:?}")))?;
        prop_assert_eq!(output.finding_arns(), &arns[..]);
        prop_assert_eq!(output.next_token(), next_token.as_deref());
    }

    #[test]
    fn an_output_without_members_reads_any_object(
        status in success_status(),
        members in unknown_members(),
        more in prop::collection::btree_map(json_string(), json_value(), 0..4),
    ) {
        let mut body = Value::Object(members);
        body.as_object_mut().unwrap().extend(more);
        let parsed = delete_assessment_run::parse_response(&response(status, &[], json_body(&body)));
        prop_assert!(parsed.is_ok(), "{:?}", parsed);
    }

    #[test]
    fn a_well_typed_modelled_error_is_read_as_its_variant(
        status in 400u16..600,
        in_header in any::<bool>(),
        message in any::<String>(),
        error_code in json_string(),
        can_retry in any::<bool>(),
        unknown in unknown_members(),
    ) {
        let mut body = json!({
            "message": message, "errorCode": error_code, "canRetry": can_retry,
        });
        body.as_object_mut().unwrap().extend(unknown);
        let headers = if in_header {
            vec![(HeaderName::from_static("x-amzn-errortype"),
                  HeaderValue::from_static("InvalidInputException:http://internal.amazon.com/"))]
        } else {
            body["__type"] = json!("com.amazonaws.inspector#InvalidInputException");
            Vec::new()
        };
        let error = describe_assessment_runs::parse_response(&response(status, &headers, json_body(&body)));
        let Err(DescribeAssessmentRunsError::InvalidInputException(exception)) = &error else {
            return Err(TestCaseError::fail(format!("expected InvalidInputException, got {error:?}")));
        };
        prop_assert_eq!(exception.message(), &message);
        prop_assert_eq!(exception.error_code().as_str(), &error_code);
        prop_assert_eq!(exception.can_retry(), can_retry);
    }
}

#[test]
fn every_example_output_is_read_by_its_operation() {
    assert!(EXAMPLE_OUTPUTS.len() >= 20, "{}", EXAMPLE_OUTPUTS.len());
    for (operation, output) in EXAMPLE_OUTPUTS.iter() {
        let outcomes = parse_with_every_operation(&response(200, &[], json_body(output)));
        let (_, outcome) = outcomes
            .iter()
            .find(|(name, _)| name == operation)
            .unwrap_or_else(|| panic!("no operation {operation}"));
        assert_eq!(*outcome, Outcome::Output, "{operation}: {output}");
    }
}

// Deep nesting. serde_json stops at 128 levels when it builds values; it skips values nobody
// reads (unknown members) without recursing, so those are read whatever their depth.

const DEPTH: usize = 100_000;

/// `DEPTH` nested arrays or objects, closed or cut off after the innermost.
fn deeply_nested(objects: bool, closed: bool) -> String {
    let (open, innermost, close) = if objects {
        (r#"{"a":"#, "null", "}")
    } else {
        ("[", "", "]")
    };
    let mut nested = open.repeat(DEPTH);
    if closed {
        nested.push_str(innermost);
        nested.push_str(&close.repeat(DEPTH));
    }
    nested
}

/// Where the nesting goes: `@` stands for it.
const DEEP_POSITIONS: &[&str] = &[
    "@",
    r#"{"assessmentRuns": @}"#,
    r#"{"assessmentRuns": [{"stateChanges": [{"state": @}]}]}"#,
    r#"{"assessmentRuns": [{"createdAt": @}], "failedItems": {}}"#,
    r#"{"failedItems": {"arn:failed": @}}"#,
    r#"{"findings": [{"assetAttributes": {"networkInterfaces": [{"securityGroups": @}]}}]}"#,
    r#"{"zzFutureMember": @}"#,
    r#"{"__type": "InvalidInputException", "message": @}"#,
    r#"{"__type": "InvalidInputException", "zzFutureMember": @}"#,
];

/// The positions where DescribeAssessmentRuns and DescribeFindings read the nested value
/// into a typed member, so it is an error even when it is closed: for nested arrays, and for
/// nested objects, whose `"a"` a structure skips as an unknown member.
const TYPED_FOR: &[(&str, &[usize], &[usize])] = &[
    ("DescribeAssessmentRuns", &[0, 1, 2, 3, 4], &[1, 2, 3]),
    ("DescribeFindings", &[0, 5], &[5]),
];

/// The operations a deeply nested success body is given to: those of `TYPED_FOR`, one whose
/// output has a list of strings and one whose output has no members.
const DEEP_SUCCESS_OPERATIONS: &[&str] = &[
    "DescribeAssessmentRuns",
    "DescribeFindings",
    "ListFindings",
    "DeleteAssessmentRun",
];

#[test]
fn deep_nesting_is_an_error_not_a_stack_overflow() {
    let statuses: &[(u16, Option<&'static str>)] = &[
        (200, None),
        (400, None),
        (400, Some("InvalidInputException")),
        (500, Some("InternalException")),
        (503, None),
    ];
    let mut checked = 0;
    for objects in [false, true] {
        for closed in [false, true] {
            let nested = deeply_nested(objects, closed);
            for (position, template) in DEEP_POSITIONS.iter().enumerate() {
                let body = template.replace('@', &nested);
                for &(status, error_type) in statuses {
                    let headers: Vec<_> = error_type
                        .map(|code| {
                            (
                                HeaderName::from_static("x-amzn-errortype"),
                                HeaderValue::from_static(code),
                            )
                        })
                        .into_iter()
                        .collect();
                    let case = format!(
                        "HTTP {status} {error_type:?}, {} {}, in {template}",
                        if objects { "objects" } else { "arrays" },
                        if closed { "closed" } else { "cut off" },
                    );
                    let deep = response(status, &headers, body.clone().into_bytes());
                    // The whole body of a success is read, skipping the unknown members, at
                    // some milliseconds a parse in a debug build: four operations suffice
                    // there. An error stops at the 128th level, so every operation is cheap.
                    let wanted = |operation: &str| {
                        status >= 300 || DEEP_SUCCESS_OPERATIONS.contains(&operation)
                    };
                    for (operation, outcome) in parse_with_operations(wanted, &deep) {
                        checked += 1;
                        let typed = TYPED_FOR.iter().any(|(name, in_arrays, in_objects)| {
                            *name == operation
                                && if objects { in_objects } else { in_arrays }.contains(&position)
                        });
                        // An error response's body is read into a `serde_json::Map` first,
                        // so any deep nesting in it is an error; a success body only fails
                        // where a typed member meets the nesting, or where it is cut off.
                        if status >= 300 || !closed || typed {
                            assert_eq!(
                                outcome,
                                Outcome::InvalidResponse(status),
                                "{operation}: {case}"
                            );
                        } else {
                            assert!(
                                matches!(outcome, Outcome::Output | Outcome::InvalidResponse(200)),
                                "{operation}: {case}: {outcome:?}"
                            );
                        }
                    }
                }
            }
        }
    }
    let per_body = DEEP_SUCCESS_OPERATIONS.len() + (statuses.len() - 1) * 37;
    assert_eq!(checked, 2 * 2 * DEEP_POSITIONS.len() * per_body);
}

#[test]
fn deep_nesting_in_an_unknown_member_of_a_success_is_skipped() {
    let body = format!(r#"{{"zzFutureMember": {}}}"#, deeply_nested(false, true));
    let response = response(200, &[], body.into_bytes());
    assert!(describe_assessment_runs::parse_response(&response).is_ok());
}

// Long strings.

const MB: usize = 1_000_000;

/// A string of about `len` bytes of JSON made of `unit` (as written in JSON) and the same
/// string decoded.
fn long_string(unit: (&str, &str), len: usize) -> (String, String) {
    let count = len / unit.0.len();
    (unit.0.repeat(count), unit.1.repeat(count))
}

const PLAIN: (&str, &str) = (
    "Run 1 for ExampleAssessmentTemplate. ",
    "Run 1 for ExampleAssessmentTemplate. ",
);
const ESCAPED: (&str, &str) = (
    r#"line\n caf\u00e9 \"quoted\" back\\slash tab\t \ud83d\ude00 é "#,
    "line\n café \"quoted\" back\\slash tab\t \u{1f600} é ",
);

fn run_named(json_name: &str) -> Vec<u8> {
    format!(r#"{{"assessmentRuns":[{{"arn":"arn:run","name":"{json_name}","createdAt":1458680301.4}}],"failedItems":{{}}}}"#)
        .into_bytes()
}

fn invalid_input_with_message(json_message: &str) -> Vec<u8> {
    format!(r#"{{"__type":"InvalidInputException","message":"{json_message}","errorCode":"INVALID_ASSESSMENT_RUN_ARN","canRetry":false}}"#)
        .into_bytes()
}

fn parsed_name(body: &[u8]) -> String {
    let output = describe_assessment_runs::parse_response(&http::Response::new(body)).unwrap();
    output.assessment_runs()[0].name().to_owned()
}

fn parsed_message(body: &[u8]) -> String {
    let mut response = http::Response::new(body);
    *response.status_mut() = http::StatusCode::BAD_REQUEST;
    match describe_assessment_runs::parse_response(&response) {
        Err(DescribeAssessmentRunsError::InvalidInputException(exception)) => {
            exception.message().to_owned()
        }
        other => panic!("expected InvalidInputException, got {other:?}"),
    }
}

#[test]
fn a_10_mb_string_is_read_whole() {
    for unit in [PLAIN, ESCAPED] {
        let (json_text, text) = long_string(unit, 10 * MB);
        assert!(json_text.len() >= 10 * MB - unit.0.len());

        let name = parsed_name(&run_named(&json_text));
        assert_eq!(name.len(), text.len());
        assert!(name == text, "the 10 MB name differs from what was sent");

        let message = parsed_message(&invalid_input_with_message(&json_text));
        assert!(
            message == text,
            "the 10 MB message differs from what was sent"
        );

        let unknown = format!(r#"{{"zzFutureMember":"{json_text}","failedItems":{{}}}}"#);
        let skipped = response(200, &[], unknown.into_bytes());
        assert!(describe_assessment_runs::parse_response(&skipped).is_ok());
    }
}

#[test]
fn a_10_mb_body_cut_off_is_an_error_with_a_short_excerpt() {
    let (json_text, _) = long_string(ESCAPED, 10 * MB);
    let mut body = run_named(&json_text);
    body.truncate(body.len() - 40);
    let error = describe_assessment_runs::parse_response(&response(200, &[], body)).unwrap_err();
    let DescribeAssessmentRunsError::InvalidResponse(invalid) = &error else {
        panic!("expected InvalidResponse, got {error:?}");
    };
    assert!(invalid.excerpt().chars().count() <= 201);
}

/// A DescribeAssessmentRuns body of `runs` runs, each named with `count` times `unit`.
fn runs_named(unit: &str, count: usize, runs: usize) -> Vec<u8> {
    let run = format!(
        r#"{{"arn":"arn:run","name":"{}","createdAt":1458680301.4}}"#,
        unit.repeat(count)
    );
    let runs = vec![run; runs].join(",");
    format!(r#"{{"assessmentRuns":[{runs}],"failedItems":{{}}}}"#).into_bytes()
}

/// The shortest of `RUNS` parses of `body`, checking every name is `name_len` bytes long.
fn fastest_parse(body: &[u8], name_len: usize) -> Duration {
    const RUNS: usize = 5;
    (0..RUNS)
        .map(|_| {
            let start = Instant::now();
            let output =
                describe_assessment_runs::parse_response(&http::Response::new(body)).unwrap();
            let elapsed = start.elapsed();
            assert!(
                output
                    .assessment_runs()
                    .iter()
                    .all(|run| run.name().len() == name_len)
            );
            elapsed
        })
        .min()
        .unwrap()
}

/// This checks complexity, not speed: no duration is compared with a constant, only two
/// parses of bodies of the same size in the same build on the same machine: one with a 10 MB
/// name, one with ten runs named with 1 MB each. Both read the same bytes and allocate the same
/// memory, so caches and page faults weigh the same; only the length of one string differs,
/// tenfold. Work linear in the string's length takes the same time for both; work quadratic
/// in it (re-scanning or re-copying the string at every escape or buffer growth) takes ten
/// times as long for the 10 MB name. The bound of 3 leaves room for noise, not for that.
///
/// (Comparing a 1 MB body with a 10 MB one is not robust: on a 2-core EPYC a 1 MB body and its
/// name stay in the cache and in memory the allocator has already mapped, a 10 MB one does
/// not, and the ratio of the two is 40 to 55 for a linear parse.)
#[test]
fn reading_a_string_takes_time_linear_in_its_length() {
    for (what, unit) in [("plain", PLAIN), ("escaped", ESCAPED)] {
        let count = MB / unit.0.len();
        let ten_strings = runs_named(unit.0, count, 10);
        let one_string = runs_named(unit.0, 10 * count, 1);
        let name_len = unit.1.len() * count;
        let (mut ten, mut one) = (Duration::MAX, Duration::MAX);
        // The fastest of several rounds, so a busy machine's pauses do not count.
        for _ in 0..5 {
            ten = ten.min(fastest_parse(&ten_strings, name_len));
            one = one.min(fastest_parse(&one_string, 10 * name_len));
        }
        let ratio = one.as_secs_f64() / ten.as_secs_f64();
        assert!(
            ratio < 3.0,
            "{what}: a 10 MB name took {one:?}, {ratio:.1} times the {ten:?} of ten 1 MB names"
        );
    }
}
