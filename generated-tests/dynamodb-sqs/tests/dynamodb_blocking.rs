//! The generated `dynamodb` crate's blocking client (feature `blocking`) against moto 5.2.5's
//! server on 127.0.0.1, with no async runtime in the test: CreateTable and the `TableExists`
//! waiter, PutItem, Query through its paginator's page iterator, a conditional PutItem failing
//! with its typed error, GetItem, and DeleteTable with the `TableNotExists` waiter.

use std::collections::HashMap;
use std::time::Duration;

use dynamodb::client::{Credentials, RetryConfig};
use dynamodb::operation::put_item::PutItemError;
use dynamodb::types::{
    AttributeDefinition, AttributeValue, BillingMode, KeySchemaElement, KeyType,
    ScalarAttributeType, TableStatus,
};
use moto_server::MotoServer;

const TABLE: &str = "blocking-orders";

fn s(value: &str) -> AttributeValue {
    AttributeValue::builder().s(value).build().unwrap()
}

fn n(value: &str) -> AttributeValue {
    AttributeValue::builder().n(value).build().unwrap()
}

#[test]
fn the_blocking_client_runs_a_table_life_with_waiters_and_paginators() {
    let server = MotoServer::start();
    let client = dynamodb::blocking::Client::new(
        dynamodb::Config::builder()
            .region("us-east-1")
            .endpoint_url(server.url())
            .credentials(Credentials::new(
                "AKIDMOTOTEST",
                "moto/blocking/EXAMPLEKEY",
                None,
            ))
            .retry_config(RetryConfig::standard().with_initial_backoff(Duration::from_millis(5)))
            .build(),
    );
    let fail = |operation: &str, error: &dyn std::fmt::Display| -> ! {
        panic!("{operation}: {error}\n{}", server.log())
    };
    let key_schema = |name: &str, key_type| {
        KeySchemaElement::builder()
            .attribute_name(name)
            .key_type(key_type)
            .build()
            .unwrap()
    };
    let attribute = |name: &str, kind| {
        AttributeDefinition::builder()
            .attribute_name(name)
            .attribute_type(kind)
            .build()
            .unwrap()
    };
    client
        .create_table()
        .table_name(TABLE)
        .key_schema(key_schema("customer", KeyType::Hash))
        .key_schema(key_schema("order", KeyType::Range))
        .attribute_definitions(attribute("customer", ScalarAttributeType::S))
        .attribute_definitions(attribute("order", ScalarAttributeType::N))
        .billing_mode(BillingMode::PayPerRequest)
        .send()
        .unwrap_or_else(|e| fail("CreateTable", &e));

    let waited = client
        .wait_until_table_exists()
        .table_name(TABLE)
        .delay(Duration::from_millis(100))
        .max_wait(Duration::from_secs(30))
        .wait()
        .unwrap_or_else(|e| fail("TableExists", &e));
    let table = waited
        .output()
        .and_then(|output| output.table.as_ref())
        .unwrap();
    assert_eq!(table.table_status, Some(TableStatus::Active));

    for order in 1..=5 {
        client
            .put_item()
            .table_name(TABLE)
            .item("customer", s("carol"))
            .item("order", n(&order.to_string()))
            .item("note", s(&format!("order {order}")))
            .send()
            .unwrap_or_else(|e| fail("PutItem", &e));
    }

    // Two items a page: 2, 2 and 1, each page a call made when the iterator is advanced.
    let pages: Vec<Vec<u32>> = client
        .query()
        .table_name(TABLE)
        .key_condition_expression("customer = :c")
        .expression_attribute_values(":c", s("carol"))
        .into_paginator()
        .page_size(2)
        .send()
        .map(|page| {
            let page = page.unwrap_or_else(|e| fail("Query", &e));
            page.items
                .unwrap_or_default()
                .iter()
                .map(|item| item["order"].n().unwrap().parse().unwrap())
                .collect()
        })
        .filter(|orders: &Vec<u32>| !orders.is_empty())
        .collect();
    assert_eq!(pages, [vec![1, 2], vec![3, 4], vec![5]]);

    let error = client
        .put_item()
        .table_name(TABLE)
        .item("customer", s("carol"))
        .item("order", n("1"))
        .condition_expression("attribute_not_exists(customer)")
        .send()
        .unwrap_err();
    assert!(
        matches!(
            error.as_service_error(),
            Some(PutItemError::ConditionalCheckFailedException(_))
        ),
        "{error:?}"
    );

    let item: HashMap<String, AttributeValue> = client
        .get_item()
        .table_name(TABLE)
        .key("customer", s("carol"))
        .key("order", n("3"))
        .send()
        .unwrap_or_else(|e| fail("GetItem", &e))
        .item
        .unwrap();
    assert_eq!(item["note"].s(), Some("order 3"));

    client
        .delete_table()
        .table_name(TABLE)
        .send()
        .unwrap_or_else(|e| fail("DeleteTable", &e));
    client
        .wait_until_table_not_exists()
        .table_name(TABLE)
        .delay(Duration::from_millis(100))
        .max_wait(Duration::from_secs(30))
        .wait()
        .unwrap_or_else(|e| fail("TableNotExists", &e));
}
