//! Serializes one DescribeAssessmentRuns request body and parses one response with
//! serde-derive mirrors of the shapes: the floor of `measure/one-call`'s cold build.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Input {
    assessment_run_arns: Vec<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Output {
    assessment_runs: Vec<Run>,
    failed_items: HashMap<String, Failed>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
#[allow(dead_code)]
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
#[allow(dead_code)]
struct Attribute {
    key: String,
    value: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
#[allow(dead_code)]
struct StateChange {
    state_changed_at: f64,
    state: String,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
#[allow(dead_code)]
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
#[allow(dead_code)]
struct Failed {
    failure_code: String,
    retryable: bool,
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let input = Input {
        assessment_run_arns: vec!["arn:aws:inspector:us-west-2:123456789012:target/0-0kFIPusq/template/0-4r1V2mAw/run/0-MKkpXXPE".to_owned()],
    };
    println!("{}", serde_json::to_string(&input)?);
    let output: Output = serde_json::from_slice(br#"{"assessmentRuns": [], "failedItems": {}}"#)?;
    println!("{} runs, {} failed", output.assessment_runs.len(), output.failed_items.len());
    Ok(())
}
