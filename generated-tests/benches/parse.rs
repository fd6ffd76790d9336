//! Parse throughput of `parse_response` on the shared DescribeAssessmentRuns bodies, next to a
//! plain serde-derive mirror of the response (enums as `String`, timestamps as `f64`) as the
//! floor, and the cost of `serialize_request`. Run with `cargo bench -p inspector-tests`.
//!
//! The bodies come from `../shared/bench/describe_runs_bodies.py`, written once into
//! `target/describe-runs-bodies/`.

#[path = "support/bodies.rs"]
mod bodies;

use std::collections::HashMap;

use bodies::body;
use divan::Bencher;
use divan::counter::BytesCount;
use inspector::operation::describe_assessment_runs::{self, DescribeAssessmentRunsInput};
use serde::Deserialize;

fn main() {
    // Whichever benchmark runs first would otherwise pay for growing the heap: glibc serves
    // the first multi-megabyte vectors with fresh mmap'd pages (page faults on every sample)
    // until a free raises its mmap threshold. Parse each body once so both sides start equal.
    for name in BODIES {
        let body = body(name);
        drop(serde_json::from_slice::<mirror::Output>(&body).unwrap());
        let response = http::Response::builder().status(200).body(body).unwrap();
        drop(describe_assessment_runs::parse_response(&response).unwrap());
    }
    divan::main();
}

const BODIES: &[&str] = &["tiny", "1mb", "10mb"];

/// `parse_response` of the generated crate.
#[divan::bench(args = BODIES)]
fn parse_response(bencher: Bencher, name: &str) {
    let body = body(name);
    let len = body.len();
    let response = http::Response::builder().status(200).body(body).unwrap();
    bencher
        .counter(BytesCount::new(len))
        .bench(|| describe_assessment_runs::parse_response(divan::black_box(&response)).unwrap());
}

/// The floor: serde derive on a plain mirror of the response.
#[divan::bench(args = BODIES)]
fn serde_mirror_floor(bencher: Bencher, name: &str) {
    let body = body(name);
    bencher
        .counter(BytesCount::new(body.len()))
        .bench(|| serde_json::from_slice::<mirror::Output>(divan::black_box(&body)).unwrap());
}

/// `serialize_request` for an input with 10 ARNs.
#[divan::bench]
fn serialize_request_10_arns(bencher: Bencher) {
    let arns = (0..10).map(|i| {
        format!("arn:aws:inspector:us-west-2:123456789012:target/0-0kFIPusq/template/0-4r1V2mAw/run/0-{i:08}")
    });
    let input = DescribeAssessmentRunsInput::builder()
        .set_assessment_run_arns(Some(arns.collect()))
        .build()
        .unwrap();
    bencher
        .bench(|| describe_assessment_runs::serialize_request(divan::black_box(&input)).unwrap());
}

#[allow(dead_code)]
mod mirror {
    use super::{Deserialize, HashMap};

    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    pub struct Output {
        assessment_runs: Vec<Run>,
        failed_items: HashMap<String, Failed>,
    }

    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct Run {
        arn: String,
        name: String,
        assessment_template_arn: String,
        state: String,
        duration_in_seconds: i32,
        rules_package_arns: Vec<String>,
        user_attributes_for_findings: Vec<Attribute>,
        created_at: f64,
        started_at: Option<f64>,
        completed_at: Option<f64>,
        state_changed_at: f64,
        data_collected: bool,
        state_changes: Vec<StateChange>,
        notifications: Vec<Notification>,
        finding_counts: HashMap<String, i32>,
    }

    #[derive(Deserialize)]
    struct Attribute {
        key: String,
        value: Option<String>,
    }

    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct StateChange {
        state_changed_at: f64,
        state: String,
    }

    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct Notification {
        date: f64,
        event: String,
        message: Option<String>,
        error: bool,
        sns_topic_arn: Option<String>,
        sns_publish_status_code: Option<String>,
    }

    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct Failed {
        failure_code: String,
        retryable: bool,
    }
}
