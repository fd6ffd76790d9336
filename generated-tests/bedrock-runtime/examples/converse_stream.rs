//! Sends a prompt to a Bedrock model with ConverseStream and prints the answer's text as the
//! model writes it, token by token:
//!
//! ```text
//! cargo run -p bedrock-runtime-tests --bin converse_stream -- [--region R] [--endpoint-url URL] [--model MODEL_ID] PROMPT...
//! ```
//!
//! Credentials, the region and the endpoint come from the environment and the shared profile
//! files (`Config::load`: `AWS_ENDPOINT_URL_BEDROCK_RUNTIME` among them), unless `--region` or
//! `--endpoint-url` say otherwise. The text goes to stdout as each delta arrives; the stop
//! reason and the token counts go to stderr at the end. A failure prints the error and exits
//! with status 1 (an error that ends the stream midway, after the text so far); wrong
//! arguments exit with status 2.

use std::io::Write as _;
use std::process::ExitCode;

use bedrock_runtime::types::{
    ContentBlock, ContentBlockDelta, ConversationRole, ConverseStreamOutput as Event, Message,
};

const USAGE: &str =
    "usage: converse_stream [--region REGION] [--endpoint-url URL] [--model MODEL_ID] PROMPT...";
const DEFAULT_MODEL: &str = "amazon.nova-lite-v1:0";

struct Args {
    region: Option<String>,
    endpoint_url: Option<String>,
    model: String,
    prompt: String,
}

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        region: None,
        endpoint_url: None,
        model: DEFAULT_MODEL.to_owned(),
        prompt: String::new(),
    };
    let mut words = Vec::new();
    let mut argv = std::env::args().skip(1);
    while let Some(arg) = argv.next() {
        let mut value = |name: &str| argv.next().ok_or_else(|| format!("{name} needs a value"));
        match arg.as_str() {
            "--region" => args.region = Some(value("--region")?),
            "--endpoint-url" => args.endpoint_url = Some(value("--endpoint-url")?),
            "--model" => args.model = value("--model")?,
            option if option.starts_with("--") => return Err(format!("unknown option {option}")),
            word => words.push(word.to_owned()),
        }
    }
    if words.is_empty() {
        return Err("no prompt".to_owned());
    }
    args.prompt = words.join(" ");
    Ok(args)
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(args) => args,
        Err(problem) => {
            eprintln!("{problem}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    match converse(args).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::FAILURE
        }
    }
}

async fn converse(args: Args) -> Result<(), Box<dyn std::error::Error>> {
    let mut config = bedrock_runtime::Config::load().await?.to_builder();
    if let Some(region) = args.region {
        config = config.region(region);
    }
    if let Some(url) = args.endpoint_url {
        config = config.endpoint_url(url);
    }
    let client = bedrock_runtime::Client::new(config.build());
    let message = Message::builder()
        .role(ConversationRole::User)
        .content(ContentBlock::Text(args.prompt))
        .build()?;
    let output = client
        .converse_stream()
        .model_id(args.model)
        .messages(message)
        .send()
        .await?;
    let mut events = output.stream;
    let mut stdout = std::io::stdout();
    while let Some(event) = events.recv().await? {
        match event {
            Event::ContentBlockDelta(delta) => {
                if let ContentBlockDelta::Text(text) = delta.delta {
                    stdout.write_all(text.as_bytes())?;
                    stdout.flush()?;
                }
            }
            Event::MessageStop(stop) => {
                println!();
                eprintln!("[stop reason: {}]", stop.stop_reason.as_str());
            }
            Event::Metadata(metadata) => eprintln!(
                "[tokens: {} in, {} out; {} ms]",
                metadata.usage.input_tokens,
                metadata.usage.output_tokens,
                metadata.metrics.latency_ms
            ),
            _ => {}
        }
    }
    Ok(())
}
