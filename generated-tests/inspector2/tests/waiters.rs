//! inspector2's waiters (its `waiters-2.json`: ConnectorConnected, ConnectorDeleted and
//! ConnectorEnabled, each polling ListConnectors every 30 s, at most 5 times) over an
//! in-process transport, on tokio's paused clock: success, a failure acceptor, retries, and
//! giving up on attempts and on time.

mod scripted;

use std::time::Duration;

use inspector2::types::ConnectorFilterCriteria;
use inspector2::waiters::{WaitLimit, WaiterError};
use scripted::{Scripted, client};
use serde_json::{Value, json};

const ARN: &str = "arn:aws:inspector2:us-east-1:123456789012:connector/c-1";

/// A ListConnectors page of one connector with this health and enablement status.
fn connector(health: &str, enablement: &str) -> (u16, Value) {
    (
        200,
        json!({"items": [{
            "connectorArn": ARN,
            "name": "c-1",
            "provider": "AZURE",
            "enablementStatus": enablement,
            "health": {"connectorStatus": health},
        }]}),
    )
}

fn only_this_connector() -> ConnectorFilterCriteria {
    serde_json::from_value(json!({"connectorArns": [{"comparison": "EQUALS", "value": ARN}]}))
        .expect("boto3's form of the filter")
}

#[tokio::test(start_paused = true)]
async fn connector_connected_polls_list_connectors_until_every_item_is_connected() {
    let transport = Scripted::new(vec![
        connector("PENDING", "ENABLING"),
        connector("CONNECTED", "ENABLED"),
    ]);
    let started = tokio::time::Instant::now();
    let done = client(&transport)
        .wait_until_connector_connected()
        .filter_criteria(only_this_connector())
        .wait()
        .await
        .unwrap();
    let output = done.into_output().expect("the success came with an output");
    assert_eq!(output.items()[0].connector_arn(), ARN);
    assert_eq!(transport.calls(), 2);
    assert_eq!(
        started.elapsed(),
        Duration::from_secs(30),
        "30 s between attempts"
    );
    let requests = transport.requests.lock().unwrap();
    assert_eq!(requests[1].0, "POST");
    assert_eq!(requests[1].1, "/connector/list");
    assert_eq!(
        requests[1].2,
        json!({"filterCriteria": {"connectorArns": [{"comparison": "EQUALS", "value": ARN}]}})
    );
}

#[tokio::test(start_paused = true)]
async fn a_failed_connection_fails_the_wait_naming_the_acceptor() {
    let transport = Scripted::new(vec![
        connector("PENDING", "ENABLING"),
        connector("FAILED_TO_CONNECT", "ENABLING"),
    ]);
    let error = client(&transport)
        .wait_until_connector_connected()
        .wait()
        .await
        .unwrap_err();
    let acceptor = error
        .failure_acceptor()
        .expect("a failure acceptor matched");
    assert_eq!(acceptor.index, 1);
    assert!(
        error.to_string().contains("acceptors[1]")
            && error.to_string().contains("FAILED_TO_CONNECT")
            && error.to_string().contains("attempt 2"),
        "{error}"
    );
    assert_eq!(transport.calls(), 2);
}

#[tokio::test(start_paused = true)]
async fn connector_deleted_succeeds_on_an_empty_list() {
    let transport = Scripted::new(vec![
        connector("CONNECTED", "DELETING"),
        (200, json!({"items": []})),
    ]);
    let done = client(&transport)
        .wait_until_connector_deleted()
        .wait()
        .await
        .unwrap();
    assert!(done.into_output().unwrap().items().is_empty());
    assert_eq!(transport.calls(), 2);
}

#[tokio::test(start_paused = true)]
async fn connector_enabled_gives_up_after_the_models_five_attempts() {
    let transport = Scripted::new((0..5).map(|_| connector("PENDING", "ENABLING")).collect());
    let started = tokio::time::Instant::now();
    let error = client(&transport)
        .wait_until_connector_enabled()
        .wait()
        .await
        .unwrap_err();
    let WaiterError::Exhausted(exhausted) = &error else {
        panic!("expected the waiter to give up, got {error:?}")
    };
    assert_eq!(exhausted.limit(), WaitLimit::MaxAttempts(5));
    assert_eq!(exhausted.attempts(), 5);
    assert_eq!(
        started.elapsed(),
        Duration::from_secs(120),
        "4 sleeps of 30 s"
    );
    assert_eq!(transport.calls(), 5);
}

#[tokio::test(start_paused = true)]
async fn a_max_wait_ends_the_wait_before_the_models_attempts() {
    let transport = Scripted::new((0..3).map(|_| connector("PENDING", "ENABLING")).collect());
    let error = client(&transport)
        .wait_until_connector_enabled()
        .max_wait(Duration::from_secs(70))
        .wait()
        .await
        .unwrap_err();
    let WaiterError::Exhausted(exhausted) = &error else {
        panic!("expected a timeout, got {error:?}")
    };
    assert_eq!(
        exhausted.limit(),
        WaitLimit::MaxWait(Duration::from_secs(70))
    );
    assert_eq!(
        exhausted.attempts(),
        3,
        "a fourth attempt would start after 90 s"
    );
}

#[tokio::test(start_paused = true)]
async fn an_error_no_acceptor_names_ends_the_wait_with_the_typed_error() {
    let transport = Scripted::new(vec![(403, json!({"message": "denied"}))]);
    let error = client(&transport)
        .wait_until_connector_connected()
        .wait()
        .await
        .unwrap_err();
    let WaiterError::Operation(error) = error else {
        panic!("expected the operation's error, got {error:?}")
    };
    assert!(
        error.to_string().contains("denied") || format!("{error:?}").contains("denied"),
        "{error:?}"
    );
}
