//! One DescribeAssessmentRuns call with aws-sdk-inspector: the ARNs from the arguments,
//! configuration from the environment; prints the response's Debug form.

use std::process::ExitCode;

#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    let config = aws_config::load_from_env().await;
    let client = aws_sdk_inspector::Client::new(&config);
    let arns: Vec<String> = std::env::args().skip(1).collect();
    match client
        .describe_assessment_runs()
        .set_assessment_run_arns(Some(arns))
        .send()
        .await
    {
        Ok(output) => {
            println!("{output:#?}");
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("error: {error:?}");
            ExitCode::FAILURE
        }
    }
}
