//! `validate()` across members and into nested structures: paths use the service's member
//! names, joined with `.`, and violations come in member order.

use inspector::operation::list_assessment_runs::ListAssessmentRunsInput;
use inspector::types::{AssessmentRunFilter, DurationRange};

/// These shapes have no required member, so building them cannot fail.
const ALL_OPTIONAL: &str = "no member is required";

#[test]
fn nested_violations_are_reported_with_dotted_paths_in_member_order() {
    let filter = AssessmentRunFilter::builder()
        .name_pattern("")
        .duration_range(
            DurationRange::builder()
                .min_seconds(179)
                .max_seconds(86_401)
                .build()
                .expect(ALL_OPTIONAL),
        )
        .build()
        .expect(ALL_OPTIONAL);
    let input = ListAssessmentRunsInput::builder()
        .filter(filter)
        .next_token("")
        .build()
        .expect(ALL_OPTIONAL);

    let error = input.validate().expect_err("four violations");
    let violations: Vec<String> = error.violations().iter().map(ToString::to_string).collect();
    assert_eq!(
        violations,
        [
            "filter.namePattern: length 0, less than the minimum 1",
            "filter.durationRange.minSeconds: value 179, less than the minimum 180",
            "filter.durationRange.maxSeconds: value 86401, more than the maximum 86400",
            "nextToken: length 0, less than the minimum 1",
        ]
    );
}

#[test]
fn optional_members_left_unset_are_not_validated() {
    let input = ListAssessmentRunsInput::builder()
        .build()
        .expect(ALL_OPTIONAL);

    assert_eq!(input.validate(), Ok(()));
}

#[test]
fn range_bounds_are_inclusive() {
    let filter = AssessmentRunFilter::builder()
        .duration_range(
            DurationRange::builder()
                .min_seconds(180)
                .max_seconds(86_400)
                .build()
                .expect(ALL_OPTIONAL),
        )
        .build()
        .expect(ALL_OPTIONAL);
    let input = ListAssessmentRunsInput::builder()
        .filter(filter)
        .build()
        .expect(ALL_OPTIONAL);

    assert_eq!(input.validate(), Ok(()));
}
