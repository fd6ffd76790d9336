//! The generated enums: every listed value round-trips through each conversion, an unlisted
//! value is kept in `Unknown`, and the values work as set and map keys.

use std::collections::{BTreeSet, HashSet};

use inspector::error::UnknownEnumValueError;
use inspector::types::{
    AccessDeniedErrorCode, AgentHealth, AgentHealthCode, AssessmentRunNotificationSnsStatusCode,
    AssessmentRunState, AssetType, FailedItemErrorCode, InspectorEvent,
    InvalidCrossAccountRoleErrorCode, InvalidInputErrorCode, LimitExceededErrorCode, Locale,
    NoSuchEntityErrorCode, PreviewStatus, ReportFileFormat, ReportStatus, ReportType, ScopeType,
    Severity, StopAction,
};

/// A value no enum of the model lists.
const UNLISTED: &str = "SOMETHING_NEW";

/// Applies the same behaviour tests to each enum, in a module named after it.
macro_rules! enum_behaviour_tests {
    ($($module:ident: $enum:ident,)+) => {
        /// The enums the tests below cover, by name.
        const COVERED_ENUMS: &[&str] = &[$(stringify!($enum)),+];
        $(
            mod $module {
                use super::*;

                #[test]
                fn lists_at_least_one_value_and_no_value_twice() {
                    let values = $enum::values();
                    assert!(!values.is_empty());
                    let distinct: HashSet<&str> = values.iter().copied().collect();
                    assert_eq!(distinct.len(), values.len(), "duplicates in {values:?}");
                }

                #[test]
                fn every_listed_value_round_trips_and_is_a_known_variant() {
                    for &value in $enum::values() {
                        let parsed = $enum::from(value);
                        assert!(
                            !matches!(parsed, $enum::Unknown(_)),
                            "{value:?} landed in Unknown"
                        );
                        assert_eq!(parsed.as_str(), value);
                        assert_eq!(parsed.to_string(), value);
                        assert_eq!(AsRef::<str>::as_ref(&parsed), value);
                        assert_eq!($enum::from(value.to_owned()), parsed);
                        assert_eq!(value.parse::<$enum>(), Ok(parsed.clone()));
                        assert_eq!($enum::try_parse(value), Ok(parsed));
                    }
                }

                #[test]
                fn listed_values_match_case_sensitively() {
                    for &value in $enum::values() {
                        let lower = value.to_lowercase();
                        if lower == value {
                            continue;
                        }
                        assert!(
                            matches!($enum::from(lower.as_str()), $enum::Unknown(_)),
                            "{lower:?} was taken for {value:?}"
                        );
                        assert!($enum::try_parse(&lower).is_err());
                    }
                }

                #[test]
                fn unlisted_value_lands_in_unknown_and_round_trips_unchanged() {
                    let parsed = $enum::from(UNLISTED);
                    match &parsed {
                        $enum::Unknown(raw) => assert_eq!(raw.as_str(), UNLISTED),
                        other => panic!("{UNLISTED:?} parsed as {other:?}"),
                    }
                    assert_eq!(parsed.as_str(), UNLISTED);
                    assert_eq!(parsed.to_string(), UNLISTED);
                    assert_eq!(UNLISTED.parse::<$enum>(), Ok(parsed.clone()));
                    assert_eq!($enum::from(UNLISTED.to_owned()), parsed);
                }

                #[test]
                fn try_parse_rejects_an_unlisted_value_naming_it_and_the_enum() {
                    let error: UnknownEnumValueError =
                        $enum::try_parse(UNLISTED).expect_err("the value is not listed");
                    assert_eq!(error.value(), UNLISTED);
                    assert_eq!(error.enum_name(), stringify!($enum));
                    assert_eq!(
                        error.to_string(),
                        format!("\"{UNLISTED}\" is not a value of `{}`", stringify!($enum))
                    );
                }

                #[test]
                fn values_are_distinct_keys_of_hash_and_btree_sets() {
                    let known: Vec<$enum> = $enum::values().iter().map(|&v| $enum::from(v)).collect();
                    let mut hashed: HashSet<$enum> = known.iter().cloned().collect();
                    let mut ordered: BTreeSet<$enum> = known.iter().cloned().collect();
                    assert_eq!(hashed.len(), known.len());
                    assert_eq!(ordered.len(), known.len());

                    // An unknown value is one more key, equal to itself and to nothing listed.
                    assert!(hashed.insert($enum::from(UNLISTED)));
                    assert!(ordered.insert($enum::from(UNLISTED)));
                    assert!(!hashed.insert($enum::from(UNLISTED)));
                    assert!(!ordered.insert($enum::from(UNLISTED)));
                    assert!(hashed.contains(&$enum::from(known[0].as_str())));
                }

                #[test]
                fn known_values_order_as_the_model_lists_them_and_unknown_last() {
                    let mut all: Vec<$enum> =
                        $enum::values().iter().rev().map(|&v| $enum::from(v)).collect();
                    all.push($enum::from(UNLISTED));
                    all.sort();
                    let sorted: Vec<&str> = all.iter().map($enum::as_str).collect();
                    let mut expected = $enum::values().to_vec();
                    expected.push(UNLISTED);
                    assert_eq!(sorted, expected);
                }
            }
        )+
    };
}

enum_behaviour_tests! {
    access_denied_error_code: AccessDeniedErrorCode,
    agent_health: AgentHealth,
    agent_health_code: AgentHealthCode,
    assessment_run_notification_sns_status_code: AssessmentRunNotificationSnsStatusCode,
    assessment_run_state: AssessmentRunState,
    asset_type: AssetType,
    failed_item_error_code: FailedItemErrorCode,
    inspector_event: InspectorEvent,
    invalid_cross_account_role_error_code: InvalidCrossAccountRoleErrorCode,
    invalid_input_error_code: InvalidInputErrorCode,
    limit_exceeded_error_code: LimitExceededErrorCode,
    locale: Locale,
    no_such_entity_error_code: NoSuchEntityErrorCode,
    preview_status: PreviewStatus,
    report_file_format: ReportFileFormat,
    report_status: ReportStatus,
    report_type: ReportType,
    scope_type: ScopeType,
    severity: Severity,
    stop_action: StopAction,
}

/// Guards the hand-written list above: an enum added to the model must be added there too.
#[test]
fn every_enum_of_the_generated_types_module_is_covered() {
    let types_dir =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../generated/inspector/src/types");
    let mut generated = BTreeSet::new();
    for entry in std::fs::read_dir(&types_dir).expect("generated/inspector/src/types exists") {
        let path = entry.expect("readable directory entry").path();
        if path.extension().is_some_and(|extension| extension == "rs") {
            let source = std::fs::read_to_string(&path).expect("readable source file");
            for line in source.lines() {
                if let Some(rest) = line.strip_prefix("pub enum ") {
                    let name = rest.trim_end_matches(" {").trim();
                    generated.insert(name.to_owned());
                }
            }
        }
    }
    let covered: BTreeSet<String> = COVERED_ENUMS.iter().map(|&name| name.to_owned()).collect();
    assert_eq!(covered, generated);
}

#[test]
fn assessment_run_state_lists_the_thirteen_model_values_in_model_order() {
    use AssessmentRunState::*;
    let expected = [
        ("CREATED", Created),
        ("START_DATA_COLLECTION_PENDING", StartDataCollectionPending),
        (
            "START_DATA_COLLECTION_IN_PROGRESS",
            StartDataCollectionInProgress,
        ),
        ("COLLECTING_DATA", CollectingData),
        ("STOP_DATA_COLLECTION_PENDING", StopDataCollectionPending),
        ("DATA_COLLECTED", DataCollected),
        (
            "START_EVALUATING_RULES_PENDING",
            StartEvaluatingRulesPending,
        ),
        ("EVALUATING_RULES", EvaluatingRules),
        ("FAILED", Failed),
        ("ERROR", Error),
        ("COMPLETED", Completed),
        ("COMPLETED_WITH_ERRORS", CompletedWithErrors),
        ("CANCELED", Canceled),
    ];

    let wire: Vec<&str> = expected.iter().map(|(wire, _)| *wire).collect();
    assert_eq!(AssessmentRunState::values(), wire);
    for (wire, variant) in expected {
        assert_eq!(AssessmentRunState::from(wire), variant, "{wire}");
        assert_eq!(variant.as_str(), wire);
    }
}

#[test]
fn assessment_run_state_unlisted_value_is_kept_verbatim_and_rejected_by_try_parse() {
    let state = AssessmentRunState::from(UNLISTED);
    assert!(matches!(&state, AssessmentRunState::Unknown(raw) if raw.as_str() == UNLISTED));
    assert_eq!(state.as_str(), UNLISTED);
    assert_ne!(state, AssessmentRunState::from("COMPLETED"));

    let error = AssessmentRunState::try_parse(UNLISTED).expect_err("not a listed state");
    assert_eq!(
        error.to_string(),
        "\"SOMETHING_NEW\" is not a value of `AssessmentRunState`"
    );
    let error: Box<dyn std::error::Error> = Box::new(error);
    assert!(error.source().is_none());
}

#[test]
fn severity_wire_values_are_capitalised_words_not_screaming_case() {
    assert_eq!(Severity::from("High"), Severity::High);
    assert!(matches!(Severity::from("HIGH"), Severity::Unknown(_)));
    assert_eq!(Severity::Informational.to_string(), "Informational");
}

#[test]
fn locale_value_en_us_maps_to_its_variant() {
    assert_eq!(Locale::values(), ["EN_US"]);
    assert_eq!(Locale::from("EN_US"), Locale::EnUs);
    assert_eq!(Locale::EnUs.as_str(), "EN_US");
}
