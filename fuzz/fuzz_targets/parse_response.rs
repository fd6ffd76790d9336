//! Every operation's `parse_response` on a response made from the fuzzer's bytes. It must
//! return, never panic, overflow the stack or take time out of proportion to the input; and
//! what it returns must fit the status: a 2xx is an output or an unreadable response, any other
//! status an error, and an unreadable response reports the status it came with.
//!
//! The input is read as:
//!
//! | bytes       | meaning                                                            |
//! |-------------|--------------------------------------------------------------------|
//! | 2           | status: big-endian `n`, the status is `100 + n % 500`              |
//! | 1           | number of headers: the low 3 bits (0 to 7)                         |
//! | per header  | 1 byte choosing the name from `HEADER_NAMES`, 1 byte value length  |
//! |             | (low 6 bits, 0 to 63), the value (a header with a value `http`     |
//! |             | rejects is left out)                                               |
//! | the rest    | body                                                               |
//!
//! Input that ends early is a response with what was read and an empty body.
#![no_main]

use http::header::{HeaderName, HeaderValue};
use libfuzzer_sys::fuzz_target;

/// The names a header can take: those the protocol reads, in two spellings, and others.
const HEADER_NAMES: &[&str] = &[
    "x-amzn-errortype",
    "X-Amzn-ErrorType",
    "x-amzn-requestid",
    "X-Amzn-RequestId",
    "content-type",
    "content-length",
    "x-amz-crc32",
    "date",
];

/// The first `count` bytes of `rest`, which keeps the others; `None` if it has fewer.
fn take<'a>(rest: &mut &'a [u8], count: usize) -> Option<&'a [u8]> {
    let (taken, left) = rest.split_at_checked(count)?;
    *rest = left;
    Some(taken)
}

fn response(data: &[u8]) -> http::Response<&[u8]> {
    let mut rest = data;
    let mut status = 200;
    let mut headers = Vec::new();
    if let Some(&[high, low]) = take(&mut rest, 2) {
        status = 100 + u16::from_be_bytes([high, low]) % 500;
        let count = take(&mut rest, 1).map_or(0, |count| count[0] & 7);
        for _ in 0..count {
            let Some(&[name, len]) = take(&mut rest, 2) else {
                break;
            };
            let Some(value) = take(&mut rest, usize::from(len & 63)) else {
                break;
            };
            let name = HEADER_NAMES[usize::from(name) % HEADER_NAMES.len()];
            if let Ok(value) = HeaderValue::from_bytes(value) {
                headers.push((HeaderName::from_bytes(name.as_bytes()).unwrap(), value));
            }
        }
    }
    let mut response = http::Response::new(rest);
    *response.status_mut() = http::StatusCode::from_u16(status).unwrap();
    for (name, value) in headers {
        response.headers_mut().append(name, value);
    }
    response
}

macro_rules! parse_with_every_operation {
    ($response:expr; $($module:ident: $error:ident),* $(,)?) => {{
        let response = $response;
        let status = response.status();
        $({
            use inspector::operation::$module::{$error, parse_response};
            let result = parse_response(response);
            let operation = stringify!($module);
            // Formatting must not panic either.
            std::hint::black_box(format!("{result:?}"));
            match &result {
                Ok(_) => assert!(status.is_success(), "{operation}: HTTP {status} gave an output"),
                Err($error::InvalidResponse(invalid)) => {
                    std::hint::black_box(invalid.to_string());
                    assert_eq!(invalid.status(), status.as_u16(), "{operation}: reported status");
                }
                Err(error) => {
                    std::hint::black_box((error.to_string(), error.code(), error.message()));
                    assert!(!status.is_success(), "{operation}: HTTP {status} gave a service error");
                }
            }
        })*
    }};
}

fuzz_target!(|data: &[u8]| {
    parse_with_every_operation! {
        &response(data);
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
});
