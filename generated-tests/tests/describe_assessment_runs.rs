//! `DescribeAssessmentRuns`: building and validating its input, building its output from the
//! model's documented example, and the errors a missing required member gives.

use std::collections::HashMap;

use inspector::error::{BuildError, ValidationError};
use inspector::operation::describe_assessment_runs::{
    DescribeAssessmentRunsInput, DescribeAssessmentRunsOutput,
};
use inspector::primitives::Timestamp;
use inspector::types::builders::AssessmentRunBuilder;
use inspector::types::{
    AssessmentRun, AssessmentRunNotification, AssessmentRunNotificationSnsStatusCode,
    AssessmentRunState, AssessmentRunStateChange, Attribute, FailedItemDetails,
    FailedItemErrorCode, InspectorEvent, Severity,
};

const RUN_ARN: &str =
    "arn:aws:inspector:us-west-2:123456789012:target/0-0kFIPusq/template/0-4r1V2mAw/run/0-MKkpXXPE";
const TEMPLATE_ARN: &str =
    "arn:aws:inspector:us-west-2:123456789012:target/0-0kFIPusq/template/0-4r1V2mAw";
const RULES_PACKAGE_ARN: &str = "arn:aws:inspector:us-west-2:758058086616:rulespackage/0-X1KXtawP";

/// The timestamp `millis` milliseconds after the Unix epoch.
fn at(millis: i64) -> Timestamp {
    Timestamp::from_millisecond(millis).expect("timestamp in range")
}

/// The ARN of a run, distinct for each `index`.
fn run_arn(index: usize) -> String {
    format!("{TEMPLATE_ARN}/run/0-{index:08}")
}

/// Each violation as `(path, message)`, for comparing all of them at once.
fn violations(error: &ValidationError) -> Vec<(&str, &str)> {
    error
        .violations()
        .iter()
        .map(|violation| (violation.path(), violation.message()))
        .collect()
}

fn input_with_arns(arns: Vec<String>) -> DescribeAssessmentRunsInput {
    DescribeAssessmentRunsInput::builder()
        .set_assessment_run_arns(Some(arns))
        .build()
        .expect("assessmentRunArns is set")
}

// ---- input ----------------------------------------------------------------------------------

#[test]
fn input_builder_appends_the_one_arn_and_the_input_is_valid() {
    let input = DescribeAssessmentRunsInput::builder()
        .assessment_run_arns(RUN_ARN)
        .build()
        .expect("assessmentRunArns is set");

    let arns: &[String] = input.assessment_run_arns();
    assert_eq!(arns, [RUN_ARN]);
    assert_eq!(input.validate(), Ok(()));
}

#[test]
fn input_builder_appends_each_arn_in_call_order() {
    let input = DescribeAssessmentRunsInput::builder()
        .assessment_run_arns(run_arn(1))
        .assessment_run_arns(RUN_ARN)
        .assessment_run_arns(run_arn(2))
        .build()
        .expect("assessmentRunArns is set");

    assert_eq!(
        input.assessment_run_arns(),
        [run_arn(1), RUN_ARN.to_owned(), run_arn(2)]
    );
}

#[test]
fn input_builder_set_replaces_the_arns_appended_before() {
    let builder = DescribeAssessmentRunsInput::builder()
        .assessment_run_arns(run_arn(1))
        .set_assessment_run_arns(Some(vec![RUN_ARN.to_owned()]));
    assert_eq!(
        builder.get_assessment_run_arns(),
        &Some(vec![RUN_ARN.to_owned()])
    );

    let input = builder.build().expect("assessmentRunArns is set");
    assert_eq!(input.assessment_run_arns(), [RUN_ARN]);
}

#[test]
fn input_without_arns_fails_to_build_naming_the_member() {
    let error: BuildError = DescribeAssessmentRunsInput::builder()
        .build()
        .expect_err("assessmentRunArns is required");

    assert_eq!(error.shape(), "DescribeAssessmentRunsInput");
    assert_eq!(error.member(), "assessment_run_arns");
    assert_eq!(error.wire_name(), "assessmentRunArns");
    assert_eq!(
        error.to_string(),
        "cannot build `DescribeAssessmentRunsInput`: the required member `assessment_run_arns` \
         (`assessmentRunArns`) is not set"
    );
}

#[test]
fn input_whose_arns_are_cleared_again_fails_to_build() {
    let error = DescribeAssessmentRunsInput::builder()
        .assessment_run_arns(RUN_ARN)
        .set_assessment_run_arns(None)
        .build()
        .expect_err("assessmentRunArns was cleared");

    assert_eq!(error.wire_name(), "assessmentRunArns");
}

#[test]
fn validate_accepts_ten_arns_the_maximum() {
    let input = input_with_arns((0..10).map(run_arn).collect());

    assert_eq!(input.validate(), Ok(()));
}

#[test]
fn validate_rejects_eleven_arns_as_more_than_the_maximum_ten() {
    let input = input_with_arns((0..11).map(run_arn).collect());

    let error = input.validate().expect_err("11 ARNs is more than 10");
    assert_eq!(
        violations(&error),
        [("assessmentRunArns", "11 items, more than the maximum 10")]
    );
    assert_eq!(
        error.to_string(),
        "1 constraint violation: assessmentRunArns: 11 items, more than the maximum 10"
    );
}

#[test]
fn validate_rejects_an_empty_arn_naming_its_index() {
    let mut arns: Vec<String> = (0..4).map(run_arn).collect();
    arns[2] = String::new();
    let input = input_with_arns(arns);

    let error = input
        .validate()
        .expect_err("an empty ARN is shorter than 1");
    assert_eq!(
        violations(&error),
        [("assessmentRunArns[2]", "length 0, less than the minimum 1")]
    );
    assert_eq!(
        error.to_string(),
        "1 constraint violation: assessmentRunArns[2]: length 0, less than the minimum 1"
    );
}

#[test]
fn validate_accepts_an_arn_of_300_characters_the_maximum() {
    let input = input_with_arns(vec!["a".repeat(300)]);

    assert_eq!(input.validate(), Ok(()));
}

#[test]
fn validate_rejects_an_arn_of_301_characters_as_more_than_the_maximum_300() {
    let input = input_with_arns(vec![RUN_ARN.to_owned(), "a".repeat(301)]);

    let error = input
        .validate()
        .expect_err("301 characters is more than 300");
    assert_eq!(
        violations(&error),
        [(
            "assessmentRunArns[1]",
            "length 301, more than the maximum 300"
        )]
    );
}

#[test]
fn validate_counts_arn_length_in_characters_not_bytes() {
    // 300 two-byte characters: 600 bytes, but within the 300-character maximum.
    let input = input_with_arns(vec!["é".repeat(300)]);

    assert_eq!(input.validate(), Ok(()));
}

#[test]
fn validate_reports_every_violation_in_member_then_index_order() {
    let mut arns: Vec<String> = (0..11).map(run_arn).collect();
    arns[2] = String::new();
    arns[7] = "a".repeat(301);
    arns[9] = String::new();
    let input = input_with_arns(arns);

    let error = input.validate().expect_err("four violations");
    assert_eq!(
        violations(&error),
        [
            ("assessmentRunArns", "11 items, more than the maximum 10"),
            ("assessmentRunArns[2]", "length 0, less than the minimum 1"),
            (
                "assessmentRunArns[7]",
                "length 301, more than the maximum 300"
            ),
            ("assessmentRunArns[9]", "length 0, less than the minimum 1"),
        ]
    );
    assert_eq!(
        error.to_string(),
        "4 constraint violations: \
         assessmentRunArns: 11 items, more than the maximum 10; \
         assessmentRunArns[2]: length 0, less than the minimum 1; \
         assessmentRunArns[7]: length 301, more than the maximum 300; \
         assessmentRunArns[9]: length 0, less than the minimum 1"
    );
}

#[test]
fn empty_arn_list_builds_but_validate_rejects_it_as_less_than_the_minimum_one() {
    let input = DescribeAssessmentRunsInput::builder()
        .set_assessment_run_arns(Some(vec![]))
        .build()
        .expect("an empty list is set, so the member is present");

    assert!(input.assessment_run_arns().is_empty());
    let error = input.validate().expect_err("0 ARNs is fewer than 1");
    assert_eq!(
        violations(&error),
        [("assessmentRunArns", "0 items, less than the minimum 1")]
    );
}

#[test]
fn validation_error_is_a_std_error() {
    let error = input_with_arns(vec![])
        .validate()
        .expect_err("0 ARNs is fewer than 1");

    let error: Box<dyn std::error::Error> = Box::new(error);
    assert!(error.source().is_none());
    assert_eq!(
        error.to_string(),
        "1 constraint violation: assessmentRunArns: 0 items, less than the minimum 1"
    );
}

// ---- output ---------------------------------------------------------------------------------

/// The state changes of the documented example run, in order.
const EXAMPLE_STATE_CHANGES: [(&str, i64); 8] = [
    ("CREATED", 1_458_680_170_035),
    ("START_DATA_COLLECTION_PENDING", 1_458_680_170_065),
    ("START_DATA_COLLECTION_IN_PROGRESS", 1_458_680_170_096),
    ("COLLECTING_DATA", 1_458_680_170_161),
    ("STOP_DATA_COLLECTION_PENDING", 1_458_680_239_883),
    ("DATA_COLLECTED", 1_458_680_299_847),
    ("EVALUATING_RULES", 1_458_680_300_099),
    ("COMPLETED", 1_458_680_301_400),
];

/// A builder holding the run of the model's `DescribeAssessmentRuns` example, every member set.
fn example_run_builder() -> AssessmentRunBuilder {
    let state_changes = EXAMPLE_STATE_CHANGES
        .iter()
        .map(|&(state, millis)| {
            AssessmentRunStateChange::builder()
                .state(state)
                .state_changed_at(at(millis))
                .build()
                .expect("both members are set")
        })
        .collect();
    AssessmentRun::builder()
        .name("Run 1 for ExampleAssessmentTemplate")
        .arn(RUN_ARN)
        .assessment_template_arn(TEMPLATE_ARN)
        .completed_at(at(1_458_680_301_400))
        .created_at(at(1_458_680_170_035))
        .data_collected(true)
        .duration_in_seconds(3600)
        .finding_counts(Severity::High, 14)
        .finding_counts(Severity::Informational, 0)
        .finding_counts(Severity::Low, 0)
        .finding_counts(Severity::Medium, 2)
        .finding_counts(Severity::Undefined, 0)
        .set_notifications(Some(vec![]))
        .rules_package_arns(RULES_PACKAGE_ARN)
        .started_at(at(1_458_680_170_161))
        .state(AssessmentRunState::Completed)
        .state_changed_at(at(1_458_680_301_400))
        .set_state_changes(Some(state_changes))
        .set_user_attributes_for_findings(Some(vec![]))
}

fn example_output() -> DescribeAssessmentRunsOutput {
    DescribeAssessmentRunsOutput::builder()
        .assessment_runs(example_run_builder().build().expect("every member is set"))
        .set_failed_items(Some(HashMap::new()))
        .build()
        .expect("both members are set")
}

#[test]
fn output_holds_the_documented_example_run() {
    let output = example_output();

    let runs: &[AssessmentRun] = output.assessment_runs();
    assert_eq!(runs.len(), 1);
    assert!(output.failed_items().is_empty());

    let run = &runs[0];
    let name: &str = run.name();
    assert_eq!(name, "Run 1 for ExampleAssessmentTemplate");
    assert_eq!(run.arn(), RUN_ARN);
    assert_eq!(run.assessment_template_arn(), TEMPLATE_ARN);
    let state: &AssessmentRunState = run.state();
    assert_eq!(state, &AssessmentRunState::Completed);
    assert_eq!(state.as_str(), "COMPLETED");
    let duration: i32 = run.duration_in_seconds();
    assert_eq!(duration, 3600);
    let data_collected: bool = run.data_collected();
    assert!(data_collected);
    let rules_packages: &[String] = run.rules_package_arns();
    assert_eq!(rules_packages, [RULES_PACKAGE_ARN]);
    let user_attributes: &[Attribute] = run.user_attributes_for_findings();
    assert!(user_attributes.is_empty());
    let notifications: &[AssessmentRunNotification] = run.notifications();
    assert!(notifications.is_empty());
}

#[test]
fn output_run_counts_findings_per_severity_keyed_by_the_severity_enum() {
    let output = example_output();
    let run = &output.assessment_runs()[0];

    let counts: &HashMap<Severity, i32> = run.finding_counts();
    let expected = HashMap::from([
        (Severity::High, 14),
        (Severity::Medium, 2),
        (Severity::Low, 0),
        (Severity::Informational, 0),
        (Severity::Undefined, 0),
    ]);
    assert_eq!(counts, &expected);
    // The wire key `"High"` finds the same entry as `Severity::High`.
    assert_eq!(counts.get(&Severity::from("High")), Some(&14));
    assert_eq!(counts.get(&Severity::from("Medium")), Some(&2));
}

#[test]
fn output_run_keeps_its_timestamps_to_the_millisecond() {
    let output = example_output();
    let run = &output.assessment_runs()[0];

    let created_at: Timestamp = run.created_at();
    assert_eq!(created_at.as_millisecond(), 1_458_680_170_035);
    let started_at: Option<Timestamp> = run.started_at();
    assert_eq!(started_at, Some(at(1_458_680_170_161)));
    let completed_at: Option<Timestamp> = run.completed_at();
    assert_eq!(completed_at, Some(at(1_458_680_301_400)));
    assert_eq!(run.state_changed_at(), at(1_458_680_301_400));
}

#[test]
fn output_run_lists_its_eight_state_changes_in_order() {
    let output = example_output();
    let run = &output.assessment_runs()[0];

    let changes: &[AssessmentRunStateChange] = run.state_changes();
    let actual: Vec<(&str, i64)> = changes
        .iter()
        .map(|change| {
            (
                change.state().as_str(),
                change.state_changed_at().as_millisecond(),
            )
        })
        .collect();
    assert_eq!(actual, EXAMPLE_STATE_CHANGES);
    assert_eq!(changes[0].state(), &AssessmentRunState::Created);
    assert_eq!(changes[7].state(), run.state());
    assert!(
        changes
            .iter()
            .all(|change| !matches!(change.state(), AssessmentRunState::Unknown(_))),
        "every documented state is a known variant"
    );
}

#[test]
fn output_run_without_optional_timestamps_builds_and_returns_none() {
    let run = example_run_builder()
        .set_started_at(None)
        .set_completed_at(None)
        .build()
        .expect("startedAt and completedAt are optional");

    assert_eq!(run.started_at(), None);
    assert_eq!(run.completed_at(), None);
}

#[test]
fn output_run_notification_optional_members_are_option_of_a_reference() {
    let notification = AssessmentRunNotification::builder()
        .date(at(1_458_680_301_400))
        .event(InspectorEvent::AssessmentRunCompleted)
        .error(false)
        .sns_topic_arn("arn:aws:sns:us-west-2:123456789012:inspector")
        .sns_publish_status_code(AssessmentRunNotificationSnsStatusCode::Success)
        .build()
        .expect("date, event and error are set");
    let run = example_run_builder()
        .set_notifications(None)
        .notifications(notification)
        .build()
        .expect("every member is set");

    let notification = &run.notifications()[0];
    assert_eq!(
        notification.event(),
        &InspectorEvent::AssessmentRunCompleted
    );
    let message: Option<&str> = notification.message();
    assert_eq!(message, None);
    assert_eq!(
        notification.sns_topic_arn(),
        Some("arn:aws:sns:us-west-2:123456789012:inspector")
    );
    let status: Option<&AssessmentRunNotificationSnsStatusCode> =
        notification.sns_publish_status_code();
    assert_eq!(
        status,
        Some(&AssessmentRunNotificationSnsStatusCode::Success)
    );
}

#[test]
fn output_failed_items_map_each_arn_to_its_failure() {
    let output = DescribeAssessmentRunsOutput::builder()
        .set_assessment_runs(Some(vec![]))
        .failed_items(
            RUN_ARN,
            FailedItemDetails::builder()
                .failure_code(FailedItemErrorCode::ItemDoesNotExist)
                .retryable(false)
                .build()
                .expect("both members are set"),
        )
        .build()
        .expect("both members are set");

    let failed: &HashMap<String, FailedItemDetails> = output.failed_items();
    let details = &failed[RUN_ARN];
    assert_eq!(
        details.failure_code(),
        &FailedItemErrorCode::ItemDoesNotExist
    );
    assert!(!details.retryable());
    assert!(output.assessment_runs().is_empty());
}

#[test]
fn output_without_failed_items_fails_to_build_naming_the_member() {
    let error = DescribeAssessmentRunsOutput::builder()
        .set_assessment_runs(Some(vec![]))
        .build()
        .expect_err("failedItems is required");

    assert_eq!(error.shape(), "DescribeAssessmentRunsOutput");
    assert_eq!(error.member(), "failed_items");
    assert_eq!(error.wire_name(), "failedItems");
}

#[test]
fn assessment_run_missing_a_required_member_fails_to_build_naming_it() {
    type Clear = fn(AssessmentRunBuilder) -> AssessmentRunBuilder;
    let cases: [(Clear, &str, &str); 13] = [
        (|b| b.set_arn(None), "arn", "arn"),
        (|b| b.set_name(None), "name", "name"),
        (
            |b| b.set_assessment_template_arn(None),
            "assessment_template_arn",
            "assessmentTemplateArn",
        ),
        (|b| b.set_state(None), "state", "state"),
        (
            |b| b.set_duration_in_seconds(None),
            "duration_in_seconds",
            "durationInSeconds",
        ),
        (
            |b| b.set_rules_package_arns(None),
            "rules_package_arns",
            "rulesPackageArns",
        ),
        (
            |b| b.set_user_attributes_for_findings(None),
            "user_attributes_for_findings",
            "userAttributesForFindings",
        ),
        (|b| b.set_created_at(None), "created_at", "createdAt"),
        (
            |b| b.set_state_changed_at(None),
            "state_changed_at",
            "stateChangedAt",
        ),
        (
            |b| b.set_data_collected(None),
            "data_collected",
            "dataCollected",
        ),
        (
            |b| b.set_state_changes(None),
            "state_changes",
            "stateChanges",
        ),
        (
            |b| b.set_notifications(None),
            "notifications",
            "notifications",
        ),
        (
            |b| b.set_finding_counts(None),
            "finding_counts",
            "findingCounts",
        ),
    ];

    for (clear, member, wire_name) in cases {
        let error = clear(example_run_builder())
            .build()
            .expect_err("a required member is missing");
        assert_eq!(
            (error.shape(), error.member(), error.wire_name()),
            ("AssessmentRun", member, wire_name)
        );
        assert_eq!(
            error.to_string(),
            format!(
                "cannot build `AssessmentRun`: the required member `{member}` (`{wire_name}`) \
                 is not set"
            )
        );
    }
}

#[test]
fn build_error_is_a_std_error() {
    let error = AssessmentRun::builder()
        .build()
        .expect_err("nothing is set");

    let error: Box<dyn std::error::Error> = Box::new(error);
    assert!(error.source().is_none());
    assert_eq!(
        error.to_string(),
        "cannot build `AssessmentRun`: the required member `arn` (`arn`) is not set"
    );
}
