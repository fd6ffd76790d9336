//! Serializes one DescribeAssessmentRuns request and parses one response.

use inspector::operation::describe_assessment_runs::{self, DescribeAssessmentRunsInput};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let input = DescribeAssessmentRunsInput::builder()
        .assessment_run_arns("arn:aws:inspector:us-west-2:123456789012:target/0-0kFIPusq/template/0-4r1V2mAw/run/0-MKkpXXPE")
        .build()?;
    let request = describe_assessment_runs::serialize_request(&input)?;
    println!("{}", String::from_utf8_lossy(request.body()));
    let response = http::Response::builder()
        .status(200)
        .body(br#"{"assessmentRuns": [], "failedItems": {}}"#.to_vec())?;
    let output = describe_assessment_runs::parse_response(&response)?;
    println!("{} runs", output.assessment_runs().len());
    Ok(())
}
