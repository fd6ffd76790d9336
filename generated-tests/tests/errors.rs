//! The service's errors: building one, how it displays, and how an operation's error enum
//! wraps it.

use std::error::Error;

use inspector::operation::describe_assessment_runs::DescribeAssessmentRunsError;
use inspector::types::InvalidInputErrorCode;
use inspector::types::error::{InternalException, InvalidInputException};

const MESSAGE: &str = "Invalid input: assessment run ARN is malformed";

fn invalid_input() -> InvalidInputException {
    InvalidInputException::builder()
        .message(MESSAGE)
        .error_code(InvalidInputErrorCode::InvalidAssessmentRunArn)
        .can_retry(false)
        .build()
        .expect("every member is set")
}

#[test]
fn invalid_input_exception_keeps_its_members() {
    let error = invalid_input();

    let message: &str = error.message();
    assert_eq!(message, MESSAGE);
    assert_eq!(
        error.error_code(),
        &InvalidInputErrorCode::InvalidAssessmentRunArn
    );
    assert_eq!(error.error_code().as_str(), "INVALID_ASSESSMENT_RUN_ARN");
    assert!(!error.can_retry());
}

#[test]
fn invalid_input_exception_takes_its_error_code_from_the_wire_string() {
    let error = InvalidInputException::builder()
        .message(MESSAGE)
        .error_code("INVALID_NUMBER_OF_ASSESSMENT_RUN_ARNS")
        .can_retry(true)
        .build()
        .expect("every member is set");

    assert_eq!(
        error.error_code(),
        &InvalidInputErrorCode::InvalidNumberOfAssessmentRunArns
    );
    assert!(error.can_retry());
}

#[test]
fn invalid_input_exception_displays_its_name_and_message() {
    assert_eq!(
        invalid_input().to_string(),
        format!("InvalidInputException: {MESSAGE}")
    );
}

#[test]
fn invalid_input_exception_is_a_std_error_without_a_source() {
    let error: Box<dyn Error + Send + Sync + 'static> = Box::new(invalid_input());

    assert!(error.source().is_none());
    assert_eq!(
        error.to_string(),
        format!("InvalidInputException: {MESSAGE}")
    );
    assert!(error.downcast_ref::<InvalidInputException>().is_some());
}

#[test]
fn invalid_input_exception_missing_its_error_code_fails_to_build_naming_it() {
    let error = InvalidInputException::builder()
        .message(MESSAGE)
        .can_retry(false)
        .build()
        .expect_err("errorCode is required");

    assert_eq!(error.shape(), "InvalidInputException");
    assert_eq!(error.member(), "error_code");
    assert_eq!(error.wire_name(), "errorCode");
}

#[test]
fn operation_error_wrapping_invalid_input_reports_its_code_and_message() {
    let error = DescribeAssessmentRunsError::InvalidInputException(invalid_input());

    assert!(error.is_invalid_input_exception());
    assert!(!error.is_internal_exception());
    assert!(!error.is_unhandled());
    assert_eq!(error.code(), Some("InvalidInputException"));
    assert_eq!(error.message(), Some(MESSAGE));
}

#[test]
fn operation_error_displays_as_the_error_it_wraps() {
    let error = DescribeAssessmentRunsError::InvalidInputException(invalid_input());

    assert_eq!(
        error.to_string(),
        format!("InvalidInputException: {MESSAGE}")
    );
}

#[test]
fn operation_error_shows_the_exception_once_in_an_error_chain() {
    let error = DescribeAssessmentRunsError::from(invalid_input());
    assert!(error.is_invalid_input_exception());

    // Display already shows the exception, so the chain does not repeat it as a source.
    assert!(error.source().is_none());
    let mut chain = vec![error.to_string()];
    let mut next = error.source();
    while let Some(source) = next {
        chain.push(source.to_string());
        next = source.source();
    }
    assert_eq!(chain, [invalid_input().to_string()]);
}

#[test]
fn operation_errors_compare_and_clone() {
    let error = DescribeAssessmentRunsError::from(invalid_input());
    assert_eq!(error.clone(), error);
    let unhandled = DescribeAssessmentRunsError::from(inspector::error::UnhandledError::new(
        Some("ThrottlingException".to_owned()),
        Some("slow down".to_owned()),
        400,
        Some("req-1".to_owned()),
    ));
    assert_ne!(unhandled, error);
    assert!(unhandled.is_unhandled());
    assert_eq!(unhandled.code(), Some("ThrottlingException"));
    assert_eq!(unhandled.message(), Some("slow down"));
    assert_eq!(
        unhandled.to_string(),
        "ThrottlingException: slow down (HTTP 400)"
    );
}

#[test]
fn operation_error_can_be_matched_to_reach_the_exception_members() {
    let error = DescribeAssessmentRunsError::InvalidInputException(invalid_input());

    match &error {
        DescribeAssessmentRunsError::InvalidInputException(inner) => {
            assert_eq!(
                inner.error_code(),
                &InvalidInputErrorCode::InvalidAssessmentRunArn
            );
        }
        other => panic!("expected InvalidInputException, got {other:?}"),
    }
}

#[test]
fn operation_error_wrapping_internal_exception_is_told_apart_from_invalid_input() {
    let internal = InternalException::builder()
        .message("Internal error")
        .can_retry(true)
        .build()
        .expect("every member is set");
    let error = DescribeAssessmentRunsError::InternalException(internal);

    assert!(error.is_internal_exception());
    assert!(!error.is_invalid_input_exception());
    assert_eq!(error.code(), Some("InternalException"));
    assert_eq!(error.message(), Some("Internal error"));
    assert_eq!(error.to_string(), "InternalException: Internal error");
}

#[test]
fn operation_error_converts_into_a_boxed_error_for_the_question_mark_operator() {
    fn describe() -> Result<(), Box<dyn Error + Send + Sync>> {
        Err(DescribeAssessmentRunsError::InvalidInputException(
            invalid_input(),
        ))?
    }

    let error = describe().expect_err("the operation failed");
    let error = error
        .downcast_ref::<DescribeAssessmentRunsError>()
        .expect("the operation's error");
    assert!(error.is_invalid_input_exception());
}
