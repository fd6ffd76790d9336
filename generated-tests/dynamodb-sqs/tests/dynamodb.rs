//! The generated `dynamodb` client (awsJson1_0) end to end against moto 5.2.5's server on
//! 127.0.0.1, configured only with an endpoint URL, static credentials and a region: a table's
//! life from its creation (and the `TableExists` waiter) to its deletion (and
//! `TableNotExists`), items of every attribute type through the recursive `AttributeValue`,
//! Query and Scan through their paginators, and the typed errors moto answers.

use std::collections::{BTreeSet, HashMap};
use std::time::Duration;

use dynamodb::client::{Credentials, RetryConfig};
use dynamodb::operation::describe_table::DescribeTableError;
use dynamodb::operation::put_item::PutItemError;
use dynamodb::types::{
    AttributeDefinition, AttributeValue, BillingMode, KeySchemaElement, KeyType, ReturnValue,
    ReturnValuesOnConditionCheckFailure, ScalarAttributeType, TableStatus,
};
use futures_util::TryStreamExt as _;
use moto_server::MotoServer;

const TABLE: &str = "orders";
type Item = HashMap<String, AttributeValue>;

fn client(server: &MotoServer) -> dynamodb::Client {
    dynamodb::Client::new(
        dynamodb::Config::builder()
            .region("us-east-1")
            .endpoint_url(server.url())
            .credentials(Credentials::new(
                "AKIDMOTOTEST",
                "moto/test+secret/EXAMPLEKEY",
                None,
            ))
            .retry_config(RetryConfig::standard().with_initial_backoff(Duration::from_millis(5)))
            .build(),
    )
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
}

fn s(value: &str) -> AttributeValue {
    AttributeValue::builder().s(value).build().unwrap()
}

fn n(value: &str) -> AttributeValue {
    AttributeValue::builder().n(value).build().unwrap()
}

fn b(value: &[u8]) -> AttributeValue {
    AttributeValue::builder().b(value.to_vec()).build().unwrap()
}

fn l(values: Vec<AttributeValue>) -> AttributeValue {
    AttributeValue::builder()
        .set_l(Some(values))
        .build()
        .unwrap()
}

fn m(entries: Vec<(&str, AttributeValue)>) -> AttributeValue {
    AttributeValue::builder()
        .set_m(Some(
            entries
                .into_iter()
                .map(|(key, value)| (key.to_owned(), value))
                .collect(),
        ))
        .build()
        .unwrap()
}

fn key(customer: &str, order: u32) -> Item {
    HashMap::from([
        ("customer".to_owned(), s(customer)),
        ("order".to_owned(), n(&order.to_string())),
    ])
}

/// An item with an attribute of every type, nested three deep, different for every key.
fn item(customer: &str, order: u32) -> Item {
    let mut item = key(customer, order);
    item.extend([
        ("note".to_owned(), s(&format!("order {order} — ünïcödé ✓"))),
        ("total".to_owned(), n(&format!("-{order}.50"))),
        ("payload".to_owned(), b(&[0, 0xff, order as u8, b'\n'])),
        (
            "tags".to_owned(),
            AttributeValue::builder()
                .ss("urgent")
                .ss(format!("batch-{order}"))
                .build()
                .unwrap(),
        ),
        (
            "weights".to_owned(),
            AttributeValue::builder()
                .ns("1")
                .ns("2.25")
                .build()
                .unwrap(),
        ),
        (
            "chunks".to_owned(),
            AttributeValue::builder()
                .bs(vec![1, 2])
                .bs(vec![order as u8])
                .build()
                .unwrap(),
        ),
        (
            "details".to_owned(),
            m(vec![
                (
                    "lines",
                    l(vec![
                        m(vec![("sku", s("A-1")), ("qty", n("2"))]),
                        m(vec![("sku", s("B-2")), ("raw", b(b"\x01\x02\x03"))]),
                    ]),
                ),
                (
                    "flags",
                    l(vec![
                        AttributeValue::builder().bool(true).build().unwrap(),
                        AttributeValue::builder().null(true).build().unwrap(),
                        l(vec![]),
                        m(vec![]),
                    ]),
                ),
            ]),
        ),
    ]);
    item
}

/// The order numbers of `items`, in order.
fn orders(items: &[Item]) -> Vec<u32> {
    items
        .iter()
        .map(|item| item["order"].n().unwrap().parse().unwrap())
        .collect()
}

#[test]
fn dynamodb_table_items_paginators_and_errors_against_moto() {
    let server = MotoServer::start();
    let client = client(&server);
    let fail = |operation: &str, error: &dyn std::fmt::Display| -> ! {
        panic!("{operation}: {error}\n{}", server.log())
    };
    runtime().block_on(async {
        // A table keyed by customer (string) and order (number), billed on demand.
        let created = client
            .create_table()
            .table_name(TABLE)
            .key_schema(
                KeySchemaElement::builder()
                    .attribute_name("customer")
                    .key_type(KeyType::Hash)
                    .build()
                    .unwrap(),
            )
            .key_schema(
                KeySchemaElement::builder()
                    .attribute_name("order")
                    .key_type(KeyType::Range)
                    .build()
                    .unwrap(),
            )
            .attribute_definitions(
                AttributeDefinition::builder()
                    .attribute_name("customer")
                    .attribute_type(ScalarAttributeType::S)
                    .build()
                    .unwrap(),
            )
            .attribute_definitions(
                AttributeDefinition::builder()
                    .attribute_name("order")
                    .attribute_type(ScalarAttributeType::N)
                    .build()
                    .unwrap(),
            )
            .billing_mode(BillingMode::PayPerRequest)
            .send()
            .await
            .unwrap_or_else(|e| fail("CreateTable", &e))
            .table_description
            .unwrap();
        assert_eq!(created.table_name.as_deref(), Some(TABLE));
        assert_eq!(
            created.table_arn.as_deref(),
            Some("arn:aws:dynamodb:us-east-1:123456789012:table/orders")
        );

        // The TableExists waiter: moto's table is ACTIVE on the first DescribeTable.
        let waited = client
            .wait_until_table_exists()
            .table_name(TABLE)
            .delay(Duration::from_millis(100))
            .max_wait(Duration::from_secs(30))
            .wait()
            .await
            .unwrap_or_else(|e| fail("TableExists", &e));
        let table = waited
            .output()
            .and_then(|output| output.table.as_ref())
            .expect("the waiter ends on a DescribeTable output");
        assert_eq!(table.table_status, Some(TableStatus::Active));
        let key_schema = table.key_schema.as_deref().unwrap();
        assert_eq!(
            key_schema
                .iter()
                .map(|key| (key.attribute_name.as_str(), key.key_type.clone()))
                .collect::<Vec<_>>(),
            [("customer", KeyType::Hash), ("order", KeyType::Range)]
        );
        assert_eq!(
            table
                .billing_mode_summary
                .as_ref()
                .and_then(|summary| summary.billing_mode.clone()),
            Some(BillingMode::PayPerRequest)
        );

        // Items: seven orders of one customer (sort keys whose numeric and text orders
        // differ) and three of another.
        let alice_orders = [1, 2, 3, 5, 8, 13, 21];
        let bob_orders = [4, 40, 400];
        for (customer, orders) in [("alice", &alice_orders[..]), ("bob", &bob_orders[..])] {
            for &order in orders {
                client
                    .put_item()
                    .table_name(TABLE)
                    .set_item(Some(item(customer, order)))
                    .send()
                    .await
                    .unwrap_or_else(|e| fail("PutItem", &e));
            }
        }

        // Read back exactly as written: every type, every level.
        let got = client
            .get_item()
            .table_name(TABLE)
            .set_key(Some(key("alice", 13)))
            .consistent_read(true)
            .send()
            .await
            .unwrap_or_else(|e| fail("GetItem", &e));
        assert_eq!(got.item, Some(item("alice", 13)));
        let missing = client
            .get_item()
            .table_name(TABLE)
            .set_key(Some(key("alice", 99)))
            .send()
            .await
            .unwrap_or_else(|e| fail("GetItem", &e));
        assert_eq!(missing.item, None);

        // Query through the paginator, two items a page: LastEvaluatedKey (a map of
        // AttributeValues) goes back as ExclusiveStartKey, and every item comes back once,
        // in numeric sort-key order.
        let pages: Vec<_> = client
            .query()
            .table_name(TABLE)
            .key_condition_expression("customer = :customer")
            .expression_attribute_values(":customer", s("alice"))
            .into_paginator()
            .page_size(2)
            .send()
            .try_collect()
            .await
            .unwrap_or_else(|e| fail("Query", &e));
        assert_eq!(
            pages.iter().map(|page| page.count).collect::<Vec<_>>(),
            [Some(2), Some(2), Some(2), Some(1)]
        );
        assert_eq!(
            pages[0].last_evaluated_key,
            Some(key("alice", 2)),
            "the first page ends at its last item"
        );
        assert_eq!(pages[3].last_evaluated_key, None);
        let queried: Vec<Item> = pages
            .into_iter()
            .flat_map(|page| page.items.unwrap_or_default())
            .collect();
        assert_eq!(orders(&queried), alice_orders);
        assert_eq!(queried[5], item("alice", 13));

        // Scan through the paginator, three items a page: all ten items of both customers.
        let pages: Vec<_> = client
            .scan()
            .table_name(TABLE)
            .into_paginator()
            .page_size(3)
            .send()
            .try_collect()
            .await
            .unwrap_or_else(|e| fail("Scan", &e));
        assert_eq!(
            pages.iter().map(|page| page.count).collect::<Vec<_>>(),
            [Some(3), Some(3), Some(3), Some(1)]
        );
        let scanned: BTreeSet<(String, u32)> = pages
            .iter()
            .flat_map(|page| page.items.as_deref().unwrap_or_default())
            .map(|item| {
                (
                    item["customer"].s().unwrap().to_owned(),
                    item["order"].n().unwrap().parse().unwrap(),
                )
            })
            .collect();
        let expected: BTreeSet<(String, u32)> = alice_orders
            .iter()
            .map(|&order| ("alice".to_owned(), order))
            .chain(bob_orders.iter().map(|&order| ("bob".to_owned(), order)))
            .collect();
        assert_eq!(scanned, expected);

        // A conditional put on an existing key fails with the typed error, carrying the
        // item as it was (ReturnValuesOnConditionCheckFailure).
        let mut changed = item("bob", 40);
        changed.insert("note".to_owned(), s("overwritten"));
        let error = client
            .put_item()
            .table_name(TABLE)
            .set_item(Some(changed))
            .condition_expression("attribute_not_exists(customer)")
            .return_values_on_condition_check_failure(ReturnValuesOnConditionCheckFailure::AllOld)
            .send()
            .await
            .expect_err("the item exists, so the condition fails");
        match &error {
            dynamodb::Error::Service(PutItemError::ConditionalCheckFailedException(failed)) => {
                assert_eq!(
                    failed.message.as_deref(),
                    Some("The conditional request failed")
                );
                assert_eq!(failed.item, Some(item("bob", 40)));
            }
            other => panic!("expected ConditionalCheckFailedException, got {other:?}"),
        }
        let dynamodb::Error::Service(service_error) = &error else {
            unreachable!()
        };
        assert_eq!(
            service_error.code(),
            Some("ConditionalCheckFailedException")
        );
        let unchanged = client
            .get_item()
            .table_name(TABLE)
            .set_key(Some(key("bob", 40)))
            .send()
            .await
            .unwrap_or_else(|e| fail("GetItem", &e));
        assert_eq!(unchanged.item, Some(item("bob", 40)));

        // Delete an item, getting it back (ReturnValues ALL_OLD); it is gone after.
        let deleted = client
            .delete_item()
            .table_name(TABLE)
            .set_key(Some(key("alice", 8)))
            .return_values(ReturnValue::AllOld)
            .send()
            .await
            .unwrap_or_else(|e| fail("DeleteItem", &e));
        assert_eq!(deleted.attributes, Some(item("alice", 8)));
        let gone = client
            .get_item()
            .table_name(TABLE)
            .set_key(Some(key("alice", 8)))
            .consistent_read(true)
            .send()
            .await
            .unwrap_or_else(|e| fail("GetItem", &e));
        assert_eq!(gone.item, None);

        // Delete the table; TableNotExists succeeds on ResourceNotFoundException, and
        // DescribeTable then fails with that typed error.
        let deleted = client
            .delete_table()
            .table_name(TABLE)
            .send()
            .await
            .unwrap_or_else(|e| fail("DeleteTable", &e));
        assert_eq!(
            deleted
                .table_description
                .and_then(|table| table.table_name)
                .as_deref(),
            Some(TABLE)
        );
        let waited = client
            .wait_until_table_not_exists()
            .table_name(TABLE)
            .delay(Duration::from_millis(100))
            .max_wait(Duration::from_secs(30))
            .wait()
            .await
            .unwrap_or_else(|e| fail("TableNotExists", &e));
        assert!(
            matches!(
                waited.error(),
                Some(DescribeTableError::ResourceNotFoundException(_))
            ),
            "{waited:?}"
        );
        match client.describe_table().table_name(TABLE).send().await {
            Err(dynamodb::Error::Service(DescribeTableError::ResourceNotFoundException(e))) => {
                let message = e.message.as_deref().unwrap_or_default();
                assert!(message.contains(TABLE), "{message}");
            }
            other => panic!("expected ResourceNotFoundException, got {other:?}"),
        }
    });
}
