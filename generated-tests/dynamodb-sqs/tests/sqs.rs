//! The generated `sqs` client (awsJson1_0, awsQueryCompatible) end to end against moto 5.2.5's
//! server on 127.0.0.1, configured only with an endpoint URL, static credentials and a
//! region: a queue's life, messages with attributes of every data type sent, received and
//! deleted, the ListQueues paginator, and the typed `QueueDoesNotExist` error that moto names
//! `AWS.SimpleQueueService.NonExistentQueue` in its `x-amzn-query-error` header.

use std::collections::{BTreeSet, HashMap};
use std::time::Duration;

use futures_util::TryStreamExt as _;
use moto_server::MotoServer;
use sqs::client::{Credentials, RetryConfig};
use sqs::operation::get_queue_attributes::GetQueueAttributesError;
use sqs::operation::get_queue_url::{self, GetQueueUrlError, GetQueueUrlInput};
use sqs::types::{MessageAttributeValue, MessageSystemAttributeName, QueueAttributeName};

const ACCOUNT: &str = "123456789012";

fn client(server: &MotoServer) -> sqs::Client {
    sqs::Client::new(
        sqs::Config::builder()
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

fn attribute(data_type: &str, value: &str) -> MessageAttributeValue {
    MessageAttributeValue::builder()
        .data_type(data_type)
        .string_value(value)
        .build()
        .unwrap()
}

/// The message attributes of message `index`: a string, a number and bytes.
fn attributes(index: usize) -> HashMap<String, MessageAttributeValue> {
    HashMap::from([
        ("kind".to_owned(), attribute("String", "invoice — ✓")),
        (
            "attempt".to_owned(),
            attribute("Number", &index.to_string()),
        ),
        (
            "digest".to_owned(),
            MessageAttributeValue::builder()
                .data_type("Binary")
                .binary_value(vec![0, 0xff, index as u8])
                .build()
                .unwrap(),
        ),
    ])
}

#[test]
fn sqs_queue_messages_and_errors_against_moto() {
    let server = MotoServer::start();
    let client = client(&server);
    let fail = |operation: &str, error: &dyn std::fmt::Display| -> ! {
        panic!("{operation}: {error}\n{}", server.log())
    };
    runtime().block_on(async {
        let queue_url = client
            .create_queue()
            .queue_name("jobs")
            .attributes(QueueAttributeName::VisibilityTimeout, "40")
            .tags("team", "billing")
            .send()
            .await
            .unwrap_or_else(|e| fail("CreateQueue", &e))
            .queue_url
            .unwrap();
        assert_eq!(queue_url, format!("{}/{ACCOUNT}/jobs", server.url()));
        let found = client
            .get_queue_url()
            .queue_name("jobs")
            .send()
            .await
            .unwrap_or_else(|e| fail("GetQueueUrl", &e));
        assert_eq!(found.queue_url.as_deref(), Some(queue_url.as_str()));

        let queue_attributes = |names: Vec<QueueAttributeName>| {
            let request = client
                .get_queue_attributes()
                .queue_url(&queue_url)
                .set_attribute_names(Some(names));
            async move {
                request
                    .send()
                    .await
                    .unwrap_or_else(|e| fail("GetQueueAttributes", &e))
                    .attributes
                    .unwrap_or_default()
            }
        };
        let all = queue_attributes(vec![QueueAttributeName::All]).await;
        assert_eq!(all[&QueueAttributeName::VisibilityTimeout], "40");
        assert_eq!(
            all[&QueueAttributeName::QueueArn],
            format!("arn:aws:sqs:us-east-1:{ACCOUNT}:jobs")
        );
        assert_eq!(all[&QueueAttributeName::ApproximateNumberOfMessages], "0");
        assert!(
            all.keys()
                .all(|name| !matches!(name, QueueAttributeName::Unknown(_))),
            "every attribute moto gives is one the model names: {all:?}"
        );

        // Three messages with attributes; moto's digests of the body are MD5's.
        let bodies = ["hello", "second message", "third: ünïcödé ✓"];
        let mut sent_ids = BTreeSet::new();
        for (index, body) in bodies.iter().enumerate() {
            let sent = client
                .send_message()
                .queue_url(&queue_url)
                .message_body(*body)
                .set_message_attributes(Some(attributes(index)))
                .send()
                .await
                .unwrap_or_else(|e| fail("SendMessage", &e));
            if index == 0 {
                assert_eq!(
                    sent.md5_of_message_body.as_deref(),
                    Some("5d41402abc4b2a76b9719d911017c592")
                );
            }
            assert_eq!(
                sent.md5_of_message_attributes.as_ref().map(String::len),
                Some(32)
            );
            assert!(sent_ids.insert(sent.message_id.unwrap()));
        }
        let counts = queue_attributes(vec![
            QueueAttributeName::ApproximateNumberOfMessages,
            QueueAttributeName::ApproximateNumberOfMessagesNotVisible,
        ])
        .await;
        assert_eq!(counts.len(), 2, "{counts:?}");
        assert_eq!(
            counts[&QueueAttributeName::ApproximateNumberOfMessages],
            "3"
        );

        // Receive them all, with their attributes, then delete each by its receipt handle.
        let mut received = Vec::new();
        for _ in 0..10 {
            let messages = client
                .receive_message()
                .queue_url(&queue_url)
                .max_number_of_messages(10)
                .message_attribute_names("All")
                .message_system_attribute_names(MessageSystemAttributeName::All)
                .send()
                .await
                .unwrap_or_else(|e| fail("ReceiveMessage", &e))
                .messages
                .unwrap_or_default();
            received.extend(messages);
            if received.len() >= bodies.len() {
                break;
            }
        }
        assert_eq!(received.len(), bodies.len(), "{received:?}");
        let received_ids: BTreeSet<String> = received
            .iter()
            .map(|message| message.message_id.clone().unwrap())
            .collect();
        assert_eq!(received_ids, sent_ids);
        for message in &received {
            let body = message.body.as_deref().unwrap();
            let index = bodies.iter().position(|sent| *sent == body).unwrap();
            assert_eq!(message.message_attributes, Some(attributes(index)));
            let system = message.attributes.as_ref().unwrap();
            assert_eq!(
                system[&MessageSystemAttributeName::ApproximateReceiveCount],
                "1"
            );
            assert!(system.contains_key(&MessageSystemAttributeName::SentTimestamp));
        }
        assert_eq!(
            received[0].md5_of_body.as_deref().map(str::len),
            Some(32),
            "{:?}",
            received[0]
        );
        let in_flight = queue_attributes(vec![
            QueueAttributeName::ApproximateNumberOfMessagesNotVisible,
        ])
        .await;
        assert_eq!(
            in_flight[&QueueAttributeName::ApproximateNumberOfMessagesNotVisible],
            "3"
        );
        for message in &received {
            client
                .delete_message()
                .queue_url(&queue_url)
                .receipt_handle(message.receipt_handle.clone().unwrap())
                .send()
                .await
                .unwrap_or_else(|e| fail("DeleteMessage", &e));
        }
        let after = queue_attributes(vec![QueueAttributeName::All]).await;
        assert_eq!(after[&QueueAttributeName::ApproximateNumberOfMessages], "0");
        assert_eq!(
            after[&QueueAttributeName::ApproximateNumberOfMessagesNotVisible],
            "0"
        );

        // ListQueues through its paginator, one queue a page.
        for name in ["batch-a", "batch-b", "batch-c"] {
            client
                .create_queue()
                .queue_name(name)
                .send()
                .await
                .unwrap_or_else(|e| fail("CreateQueue", &e));
        }
        let pages: Vec<_> = client
            .list_queues()
            .queue_name_prefix("batch-")
            .into_paginator()
            .page_size(1)
            .send()
            .try_collect()
            .await
            .unwrap_or_else(|e| fail("ListQueues", &e));
        assert_eq!(pages.len(), 3, "{pages:?}");
        let listed: Vec<String> = client
            .list_queues()
            .queue_name_prefix("batch-")
            .into_paginator()
            .page_size(2)
            .items()
            .try_collect()
            .await
            .unwrap_or_else(|e| fail("ListQueues", &e));
        assert_eq!(
            listed,
            ["batch-a", "batch-b", "batch-c"]
                .map(|name| format!("{}/{ACCOUNT}/{name}", server.url()))
        );

        // The queue deleted, calls on it fail with the typed QueueDoesNotExist: moto answers
        // with `x-amzn-query-error: AWS.SimpleQueueService.NonExistentQueue;Sender`, a code
        // the model gives no error, and the shape's name in `__type`; boto3 raises
        // `QueueDoesNotExist`.
        client
            .delete_queue()
            .queue_url(&queue_url)
            .send()
            .await
            .unwrap_or_else(|e| fail("DeleteQueue", &e));
        match client
            .get_queue_attributes()
            .queue_url(&queue_url)
            .attribute_names(QueueAttributeName::All)
            .send()
            .await
        {
            Err(sqs::Error::Service(GetQueueAttributesError::QueueDoesNotExist(e))) => {
                assert_eq!(
                    e.message.as_deref(),
                    Some("The specified queue does not exist.")
                );
            }
            other => panic!("expected QueueDoesNotExist, got {other:?}"),
        }
        match client.get_queue_url().queue_name("jobs").send().await {
            Err(sqs::Error::Service(error @ GetQueueUrlError::QueueDoesNotExist(_))) => {
                assert_eq!(error.code(), Some("QueueDoesNotExist"));
            }
            other => panic!("expected QueueDoesNotExist, got {other:?}"),
        }
    });
}

/// What moto sends for a missing queue, read by the sans-IO `parse_response`: the
/// query-compatible headers are there, and the error is still the typed variant.
#[test]
fn moto_names_a_missing_queue_by_its_query_code_and_the_crate_finds_the_typed_error() {
    let server = MotoServer::start();
    let input = GetQueueUrlInput::builder()
        .queue_name("never-created")
        .build()
        .unwrap();
    let mut request = get_queue_url::serialize_request(&input).unwrap();
    assert_eq!(request.headers()["x-amzn-query-mode"], "true");
    // moto finds the service in the credential scope, and checks no signature.
    request.headers_mut().insert(
        "authorization",
        "AWS4-HMAC-SHA256 Credential=AKIDMOTOTEST/20260101/us-east-1/sqs/aws4_request, \
         SignedHeaders=host, Signature=00"
            .parse()
            .unwrap(),
    );
    let response = server
        .exchange(&request)
        .unwrap_or_else(|e| panic!("GetQueueUrl: {e}\n{}", server.log()));
    assert_eq!(response.status(), 400, "{response:?}");
    assert_eq!(
        response.headers()["x-amzn-query-error"],
        "AWS.SimpleQueueService.NonExistentQueue;Sender"
    );
    let body = String::from_utf8_lossy(response.body());
    assert!(
        body.contains(r#""__type": "com.amazonaws.sqs#QueueDoesNotExist""#),
        "{body}"
    );
    match get_queue_url::parse_response(&response) {
        Err(GetQueueUrlError::QueueDoesNotExist(e)) => assert_eq!(
            e.message.as_deref(),
            Some("The specified queue does not exist.")
        ),
        other => panic!("expected QueueDoesNotExist, got {other:?}"),
    }

    // A code neither the header nor the type gives an error of the operation: unhandled,
    // with the header's code, as boto3's `Error.Code`.
    let unknown = http::Response::builder()
        .status(400)
        .header(
            "x-amzn-query-error",
            "AWS.SimpleQueueService.Brand.New;Sender",
        )
        .header("x-amzn-errortype", "com.amazonaws.sqs#BrandNew")
        .body(br#"{"__type": "com.amazonaws.sqs#BrandNew", "message": "new"}"#.to_vec())
        .unwrap();
    match get_queue_url::parse_response(&unknown) {
        Err(GetQueueUrlError::Unhandled(e)) => {
            assert_eq!(e.code(), Some("AWS.SimpleQueueService.Brand.New"));
        }
        other => panic!("expected Unhandled, got {other:?}"),
    }
}
