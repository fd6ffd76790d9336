//! The awsJson1_1 rules of the sans-IO functions that botocore cannot be the oracle for (error
//! codes from headers and `code`), and the response-reading edge cases.

use inspector::operation::describe_assessment_runs::{
    self, DescribeAssessmentRunsError, DescribeAssessmentRunsInput,
};
use inspector::operation::list_assessment_runs::{self, ListAssessmentRunsInput};
use inspector::types::{AssessmentRunState, Severity};

const ARN: &str =
    "arn:aws:inspector:us-west-2:123456789012:target/0-0kFIPusq/template/0-4r1V2mAw/run/0-MKkpXXPE";

fn response(status: u16, headers: &[(&str, &str)], body: &str) -> http::Response<Vec<u8>> {
    let mut builder = http::Response::builder().status(status);
    for (name, value) in headers {
        builder = builder.header(*name, *value);
    }
    builder.body(body.as_bytes().to_vec()).unwrap()
}

fn json(bytes: &[u8]) -> serde_json::Value {
    serde_json::from_slice(bytes).unwrap()
}

#[test]
fn request_is_a_post_to_root_with_both_protocol_headers_and_the_json_body() {
    let input = DescribeAssessmentRunsInput::builder()
        .assessment_run_arns(ARN)
        .build()
        .unwrap();
    let request = describe_assessment_runs::serialize_request(&input).unwrap();
    assert_eq!(request.method(), http::Method::POST);
    assert_eq!(request.uri(), "/");
    assert_eq!(
        request.headers()["content-type"],
        "application/x-amz-json-1.1"
    );
    assert_eq!(
        request.headers()["x-amz-target"],
        "InspectorService.DescribeAssessmentRuns"
    );
    assert!(request.headers().get("host").is_none());
    assert_eq!(
        json(request.body()),
        serde_json::json!({ "assessmentRunArns": [ARN] })
    );
}

#[test]
fn an_input_with_nothing_set_sends_an_empty_object() {
    let input = ListAssessmentRunsInput::builder().build().unwrap();
    let request = list_assessment_runs::serialize_request(&input).unwrap();
    assert_eq!(request.body(), b"{}");
}

#[test]
fn timestamps_are_sent_as_epoch_seconds_with_milliseconds() {
    use inspector::types::TimestampRange;
    let range = TimestampRange::builder()
        .begin_date(inspector::primitives::Timestamp::from_millisecond(1_458_680_301_400).unwrap())
        .end_date(inspector::primitives::Timestamp::from_second(1_458_680_400).unwrap())
        .build()
        .unwrap();
    assert_eq!(
        serde_json::to_value(&range).unwrap(),
        serde_json::json!({ "beginDate": 1_458_680_301.4, "endDate": 1_458_680_400 })
    );
}

const RUN_BODY: &str = r#"{
  "assessmentRuns": [{
    "arn": "arn:run", "name": "Run 1", "assessmentTemplateArn": "arn:template",
    "state": "NEW_STATE_FROM_THE_FUTURE", "durationInSeconds": 3600,
    "rulesPackageArns": ["arn:rules"], "userAttributesForFindings": [],
    "createdAt": 1458680301.4, "startedAt": 1458680301, "completedAt": null,
    "stateChangedAt": "1458680305.25", "dataCollected": true,
    "stateChanges": [{"stateChangedAt": 1458680301.4, "state": "CREATED"}],
    "notifications": [], "findingCounts": {"High": 14, "Medium": 2, "Brand-New": 1},
    "someFutureMember": {"nested": [1, 2, 3]}
  }],
  "failedItems": {}
}"#;

#[test]
fn output_parsing_ignores_unknown_members_and_keeps_unknown_enum_values() {
    let output = describe_assessment_runs::parse_response(&response(200, &[], RUN_BODY)).unwrap();
    let run = &output.assessment_runs()[0];
    assert_eq!(run.name(), "Run 1");
    assert_eq!(run.state().as_str(), "NEW_STATE_FROM_THE_FUTURE");
    assert!(matches!(run.state(), AssessmentRunState::Unknown(_)));
    assert_eq!(run.finding_counts()[&Severity::High], 14);
    assert_eq!(run.finding_counts()[&Severity::from("Brand-New")], 1);
    assert_eq!(run.state_changes()[0].state(), &AssessmentRunState::Created);
}

#[test]
fn epoch_timestamps_accept_integers_fractions_and_numeric_strings_and_null_is_absent() {
    let output = describe_assessment_runs::parse_response(&response(200, &[], RUN_BODY)).unwrap();
    let run = &output.assessment_runs()[0];
    assert_eq!(run.created_at().as_millisecond(), 1_458_680_301_400);
    assert_eq!(
        run.started_at().unwrap().as_millisecond(),
        1_458_680_301_000
    );
    assert_eq!(run.state_changed_at().as_millisecond(), 1_458_680_305_250);
    assert_eq!(run.completed_at(), None);
}

#[test]
fn a_missing_required_member_takes_its_zero_value() {
    let body = r#"{"assessmentRuns": [{"arn": "arn:run"}]}"#;
    let output = describe_assessment_runs::parse_response(&response(200, &[], body)).unwrap();
    let run = &output.assessment_runs()[0];
    assert_eq!(run.arn(), "arn:run");
    assert_eq!(run.name(), "");
    assert_eq!(run.duration_in_seconds(), 0);
    assert!(!run.data_collected());
    assert_eq!(run.created_at().as_millisecond(), 0);
    assert_eq!(run.state().as_str(), "");
    assert!(run.finding_counts().is_empty());
    assert!(output.failed_items().is_empty());
}

fn error_of(status: u16, headers: &[(&str, &str)], body: &str) -> DescribeAssessmentRunsError {
    describe_assessment_runs::parse_response(&response(status, headers, body)).unwrap_err()
}

const INVALID_INPUT_MEMBERS: &str =
    r#""message": "bad arn", "errorCode": "INVALID_ASSESSMENT_RUN_ARN", "canRetry": false"#;

#[test]
fn error_code_comes_from_the_header_first() {
    let body = format!(
        r#"{{"__type": "InternalException", "code": "InternalException", {INVALID_INPUT_MEMBERS}}}"#
    );
    let error = error_of(
        400,
        &[(
            "x-amzn-errortype",
            "InvalidInputException:http://internal.amazon.com/",
        )],
        &body,
    );
    assert!(error.is_invalid_input_exception(), "{error:?}");
}

#[test]
fn error_code_comes_from_the_body_code_before_type() {
    let body = format!(
        r#"{{"__type": "InternalException", "code": "InvalidInputException", {INVALID_INPUT_MEMBERS}}}"#
    );
    assert!(error_of(400, &[], &body).is_invalid_input_exception());
}

#[test]
fn error_code_is_sanitized_to_what_follows_the_last_hash_before_the_first_colon() {
    let body = format!(
        r#"{{"__type": "aws.protocoltests#InvalidInputException:http://internal.amazon.com/", {INVALID_INPUT_MEMBERS}}}"#
    );
    let error = error_of(400, &[("x-amzn-requestid", "req-1")], &body);
    let DescribeAssessmentRunsError::InvalidInputException(exception) = &error else {
        panic!("expected InvalidInputException, got {error:?}");
    };
    assert_eq!(exception.message(), "bad arn");
    assert_eq!(
        exception.error_code().as_str(),
        "INVALID_ASSESSMENT_RUN_ARN"
    );
    assert!(!exception.can_retry());
    assert_eq!(error.code(), Some("InvalidInputException"));
    assert_eq!(error.message(), Some("bad arn"));
}

#[test]
fn unmodelled_errors_carry_code_message_status_and_request_id() {
    for key in ["message", "Message", "errorMessage"] {
        let body =
            format!(r#"{{"__type": "com.amazon#ThrottlingException", "{key}": "slow down"}}"#);
        let error = error_of(429, &[("x-amzn-RequestId", "req-42")], &body);
        let DescribeAssessmentRunsError::Unhandled(unhandled) = &error else {
            panic!("expected Unhandled, got {error:?}");
        };
        assert_eq!(unhandled.code(), Some("ThrottlingException"));
        assert_eq!(
            unhandled.message(),
            Some("slow down"),
            "message under {key}"
        );
        assert_eq!(unhandled.status(), 429);
        assert_eq!(unhandled.request_id(), Some("req-42"));
    }
}

#[test]
fn an_error_with_an_empty_body_is_unhandled_with_its_status() {
    let error = error_of(503, &[], "");
    let DescribeAssessmentRunsError::Unhandled(unhandled) = &error else {
        panic!("expected Unhandled, got {error:?}");
    };
    assert_eq!(unhandled.code(), None);
    assert_eq!(unhandled.status(), 503);
}

#[test]
fn bodies_that_cannot_be_read_give_the_status_and_an_excerpt() {
    let cases = [
        (200, "<html>Service Unavailable</html>"),
        (200, r#"{"assessmentRuns": [{"arn": "#),
        (
            200,
            r#"{"assessmentRuns": "not a list", "failedItems": {}}"#,
        ),
        (500, "Internal Server Error"),
        (
            400,
            r#"{"__type": "InvalidInputException", "canRetry": "yes"}"#,
        ),
    ];
    for (status, body) in cases {
        let error = error_of(status, &[], body);
        let DescribeAssessmentRunsError::InvalidResponse(invalid) = &error else {
            panic!("expected InvalidResponse for {body:?}, got {error:?}");
        };
        assert_eq!(invalid.status(), status);
        assert_eq!(invalid.excerpt(), body);
        assert!(!invalid.reason().is_empty());
    }
}

#[test]
fn a_long_unreadable_body_is_cut_to_an_excerpt() {
    let body = format!("<{}>", "x".repeat(10_000));
    let error = error_of(200, &[], &body);
    let DescribeAssessmentRunsError::InvalidResponse(invalid) = &error else {
        panic!("expected InvalidResponse, got {error:?}");
    };
    assert!(invalid.excerpt().len() < 210, "{}", invalid.excerpt().len());
    assert!(
        invalid
            .to_string()
            .starts_with("invalid response (HTTP 200): ")
    );
}

#[test]
fn deep_nesting_is_an_error_not_a_stack_overflow() {
    let body = format!(
        r#"{{"assessmentRuns": {}{}}}"#,
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    assert!(error_of(200, &[], &body).is_invalid_response());
}

#[test]
fn timestamps_beyond_the_representable_range_saturate_instead_of_failing() {
    let body = r#"{"roleArn": "arn:role", "valid": true, "registeredAt": 253402300799.999}"#;
    let output = inspector::operation::describe_cross_account_access_role::parse_response(
        &response(200, &[], body),
    )
    .unwrap();
    assert_eq!(
        output.registered_at(),
        inspector::primitives::Timestamp::MAX
    );
    let body = r#"{"roleArn": "arn:role", "valid": true, "registeredAt": -1e300}"#;
    let output = inspector::operation::describe_cross_account_access_role::parse_response(
        &response(200, &[], body),
    )
    .unwrap();
    assert_eq!(
        output.registered_at(),
        inspector::primitives::Timestamp::MIN
    );
}

#[test]
fn doubles_read_back_exactly() {
    let body = r#"{"findings": [{"arn": "arn:f", "attributes": [], "userAttributes": [],
        "createdAt": 0, "updatedAt": 0, "numericSeverity": 7.21899051133439684e+00}],
        "failedItems": {}}"#;
    let output =
        inspector::operation::describe_findings::parse_response(&response(200, &[], body)).unwrap();
    assert_eq!(
        output.findings()[0].numeric_severity(),
        Some(7.218_990_511_334_397)
    );
}
