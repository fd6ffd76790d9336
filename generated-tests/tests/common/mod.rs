//! Helpers the client tests share: the model's DescribeAssessmentRuns example, a tokio
//! runtime and one DescribeAssessmentRuns call.

#![allow(dead_code)] // Each test file uses its own part.

use std::path::Path;

use inspector::operation::describe_assessment_runs::{
    DescribeAssessmentRunsError, DescribeAssessmentRunsOutput,
};
use serde_json::Value;

pub fn workspace_root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap()
}

/// The model's DescribeAssessmentRuns example: its input and output.
pub fn model_example() -> (Value, Value) {
    let text = std::fs::read_to_string(
        workspace_root().join("models/inspector/2016-02-16/examples-1.json"),
    )
    .unwrap();
    let examples: Value = serde_json::from_str(&text).unwrap();
    let example = &examples["examples"]["DescribeAssessmentRuns"][0];
    (example["input"].clone(), example["output"].clone())
}

pub fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
}

/// One DescribeAssessmentRuns call for `arn`, on a runtime of its own.
pub fn describe(
    client: &inspector::Client,
    arn: impl Into<String>,
) -> Result<DescribeAssessmentRunsOutput, inspector::Error<DescribeAssessmentRunsError>> {
    runtime().block_on(
        client
            .describe_assessment_runs()
            .assessment_run_arns(arn)
            .send(),
    )
}
