//! inspector2's paginators over an in-process transport: `full_result` (boto3's
//! `build_full_result()`, with the `non_aggregate_keys` of botocore's
//! `paginators-1.sdk-extras.json`), and one paginator per entry of `paginators-1.json`.

mod scripted;

use std::collections::BTreeSet;
use std::path::Path;

use inspector2::types::Counts;
use scripted::{Scripted, client};
use serde_json::{Value, json};

fn counts(group: &str, count: i64) -> Value {
    json!({"groupKey": group, "count": count})
}

#[tokio::test]
async fn full_result_appends_every_page_and_keeps_the_first_pages_non_aggregate_keys() {
    let transport = Scripted::new(vec![
        (
            200,
            json!({"countsByGroup": [counts("ACTIVE", 3), counts("INACTIVE", 1)],
                   "totalCounts": 10, "nextToken": "t1"}),
        ),
        (
            200,
            json!({"countsByGroup": [counts("ACTIVE", 5)], "totalCounts": 99, "nextToken": "t2"}),
        ),
        (200, json!({"totalCounts": 7})),
    ]);
    let full = client(&transport)
        .list_coverage_statistics()
        .into_paginator()
        .full_result()
        .await
        .expect("three pages");
    let groups: Vec<(Option<&str>, Option<i64>)> = full
        .counts_by_group()
        .unwrap_or_default()
        .iter()
        .map(|c: &Counts| (c.group_key().map(|k| k.as_str()), c.count()))
        .collect();
    assert_eq!(
        groups,
        [
            (Some("ACTIVE"), Some(3)),
            (Some("INACTIVE"), Some(1)),
            (Some("ACTIVE"), Some(5)),
        ]
    );
    // `totalCounts` is a non-aggregate key: the first page's, as botocore keeps it.
    assert_eq!(full.total_counts(), 10);
    assert_eq!(full.next_token(), None);
    let requests = transport.requests.lock().unwrap();
    let tokens: Vec<&Value> = requests
        .iter()
        .map(|(_, _, body)| &body["nextToken"])
        .collect();
    assert_eq!(tokens, [&Value::Null, &json!("t1"), &json!("t2")]);
}

#[tokio::test]
async fn full_result_fails_with_the_first_error() {
    let transport = Scripted::new(vec![
        (
            200,
            json!({"aggregationType": "ACCOUNT", "responses": [], "nextToken": "t1"}),
        ),
        (
            400,
            json!({"__type": "ValidationException", "message": "bad", "reason": "OTHER"}),
        ),
    ]);
    let error = client(&transport)
        .list_finding_aggregations()
        .aggregation_type("ACCOUNT")
        .into_paginator()
        .full_result()
        .await
        .expect_err("the second page is an error");
    let service = error.as_service_error().expect("the service's error");
    assert!(service.is_validation_exception(), "{service:?}");
    assert_eq!(transport.calls(), 2);
}

#[tokio::test]
async fn full_result_of_one_page_is_that_page_without_its_token() {
    let transport = Scripted::new(vec![(
        200,
        json!({"aggregationType": "AMI", "responses": [{"amiAggregation": {"ami": "ami-1"}}]}),
    )]);
    let full = client(&transport)
        .list_finding_aggregations()
        .aggregation_type("AMI")
        .into_paginator()
        .full_result()
        .await
        .expect("one page");
    assert_eq!(full.aggregation_type().as_str(), "AMI");
    assert_eq!(full.responses().map(<[_]>::len), Some(1));
    assert_eq!(full.next_token(), None);
}

/// Every operation `paginators-1.json` lists has a paginator, and no other.
#[test]
fn every_paginator_of_the_model_is_generated() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let config: Value = serde_json::from_str(
        &std::fs::read_to_string(root.join("models/inspector2/2020-06-08/paginators-1.json"))
            .unwrap(),
    )
    .unwrap();
    let listed: BTreeSet<String> = config["pagination"]
        .as_object()
        .unwrap()
        .keys()
        .cloned()
        .collect();
    let mut generated = BTreeSet::new();
    for entry in std::fs::read_dir(root.join("generated/inspector2/src/operation")).unwrap() {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        // `pub struct XPaginator<C = …> {`, which prettyplease may break after the `<`.
        generated.extend(text.lines().filter_map(|line| {
            let name = line.strip_prefix("pub struct ")?.split('<').next()?;
            name.strip_suffix("Paginator").map(str::to_owned)
        }));
    }
    assert_eq!(listed.len(), 19);
    assert_eq!(generated, listed);
}
