//! The example program of the client (`examples/<operation>.rs`), for the first operation (in
//! model order) whose whole input is one list of strings — DescribeAssessmentRuns and its
//! ARNs, for Inspector: it takes the strings as arguments and prints the response as JSON with
//! the service's keys. One program shows the client; more would repeat it.

use proc_macro2::TokenStream;
use quote::quote;

use super::context::{Context, ident, inner_doc_lines};
use crate::model::{Operation, ShapeKind};
use crate::symbols::RustType;

/// One example program: its name (the operation's module) and its tokens.
pub struct Program {
    /// The example's name, e.g. `describe_assessment_runs`.
    pub name: String,
    /// The program.
    pub tokens: TokenStream,
}

/// The example program, for a crate with a client and an operation that fits.
pub fn emit_example_program(ctx: &Context<'_>, crate_name: &str) -> Option<Program> {
    if !super::has_client(ctx.model) {
        return None;
    }
    let (id, operation) = ctx
        .model
        .operations()
        .find(|(_, operation)| takes_one_string_list(ctx, operation))?;
    let input_id = operation.input.as_ref()?;
    let krate = ident(&crate_name.replace('-', "_"));
    let symbol = ctx.symbols.operation(id);
    let member_symbol = &ctx.symbols.members(input_id)[0];
    let setter = ident(&member_symbol.set);
    let method = ident(&symbol.module);
    let program = &symbol.module;
    let wire = &member_symbol.wire_name;
    let value_name = "VALUE";
    let usage = format!(
        "usage: {program} [--region REGION] [--endpoint-url URL] {value_name}...\n\n\
             Calls {} with the given `{wire}` and prints the response as JSON.",
        symbol.model_name
    );
    let doc = inner_doc_lines(&format!(
        "Calls `{op}` with the `{wire}` given as arguments:\n\n\
             ```text\n\
             cargo run -p {crate_name} --features client,serde --example {program} -- \
             [--region R] [--endpoint-url URL] {value_name}...\n\
             ```\n\n\
             Credentials and the other settings come from the environment and the shared \
             profile files (`Config::from_env`); `--region` and `--endpoint-url` override \
             theirs. The response is printed as pretty JSON with the keys of boto3's response \
             dict: the service's, timestamps as epoch seconds, and `ResponseMetadata`. On failure the program \
             prints the error's code and message and exits with status 1; on wrong arguments, \
             with status 2.",
        op = symbol.model_name
    ));
    let tokens = quote! {
        #doc

        use std::process::ExitCode;

        const USAGE: &str = #usage;

        // Formatted by the generator; `cargo fmt` would format it differently.
        #[rustfmt::skip]
        fn main() -> ExitCode {
            let mut region = None;
            let mut endpoint_url = None;
            let mut values = Vec::new();
            let mut args = std::env::args().skip(1);
            while let Some(arg) = args.next() {
                match arg.as_str() {
                    "--region" | "--endpoint-url" => {
                        let Some(value) = args.next() else {
                            return usage(&format!("{arg} needs a value"));
                        };
                        if arg == "--region" {
                            region = Some(value);
                        } else {
                            endpoint_url = Some(value);
                        }
                    }
                    "-h" | "--help" => {
                        println!("{USAGE}");
                        return ExitCode::SUCCESS;
                    }
                    flag if flag.starts_with('-') => {
                        return usage(&format!("unknown option {flag}"));
                    }
                    _ => values.push(arg),
                }
            }
            if values.is_empty() {
                return usage("give at least one value");
            }

            let config = match #krate::Config::from_env() {
                Ok(config) => config,
                Err(error) => {
                    eprintln!("error: {error}");
                    return ExitCode::FAILURE;
                }
            };
            let mut builder = config.to_builder();
            if let Some(region) = region {
                builder = builder.region(region);
            }
            if let Some(endpoint_url) = endpoint_url {
                builder = builder.endpoint_url(endpoint_url);
            }
            let client = #krate::Client::new(builder.build());

            let runtime = match tokio::runtime::Builder::new_current_thread().enable_all().build() {
                Ok(runtime) => runtime,
                Err(error) => {
                    eprintln!("error: cannot start the async runtime: {error}");
                    return ExitCode::FAILURE;
                }
            };
            let result = runtime.block_on(
                client.#method().#setter(Some(values)).send_with_metadata(),
            );
            match result {
                Ok((output, metadata)) => match response_dict(&output, &metadata) {
                    Ok(json) => {
                        println!("{json}");
                        ExitCode::SUCCESS
                    }
                    Err(error) => {
                        eprintln!("error: cannot print the response: {error}");
                        ExitCode::FAILURE
                    }
                },
                Err(#krate::Error::Service(error)) => {
                    eprintln!(
                        "error: {}: {}",
                        error.code().unwrap_or("Unknown"),
                        error.message().unwrap_or("(no message)")
                    );
                    ExitCode::FAILURE
                }
                Err(error) => {
                    eprintln!("error: {error}");
                    ExitCode::FAILURE
                }
            }
        }

        /// The output as boto3's response dict: the service's keys, and `ResponseMetadata`.
        #[rustfmt::skip]
        fn response_dict(
            output: &impl serde::Serialize,
            metadata: &#krate::client::ResponseMetadata,
        ) -> Result<String, serde_json::Error> {
            let mut dict = serde_json::to_value(output)?;
            let headers: serde_json::Map<String, serde_json::Value> = metadata
                .headers()
                .iter()
                .map(|(name, value)| {
                    let value = String::from_utf8_lossy(value.as_bytes()).into_owned();
                    (name.as_str().to_owned(), serde_json::Value::String(value))
                })
                .collect();
            if let serde_json::Value::Object(members) = &mut dict {
                members.insert(
                    "ResponseMetadata".to_owned(),
                    serde_json::json!({
                        "RequestId": metadata.request_id().unwrap_or_default(),
                        "HTTPStatusCode": metadata.status(),
                        "HTTPHeaders": headers,
                        "RetryAttempts": metadata.retry_attempts(),
                    }),
                );
            }
            serde_json::to_string_pretty(&dict)
        }

        #[rustfmt::skip]
        fn usage(problem: &str) -> ExitCode {
            eprintln!("error: {problem}\n\n{USAGE}");
            ExitCode::from(2)
        }
    };
    Some(Program {
        name: symbol.module.clone(),
        tokens,
    })
}

/// Whether the operation's whole input is one required list of strings.
fn takes_one_string_list(ctx: &Context<'_>, operation: &Operation) -> bool {
    let Some(input_id) = &operation.input else {
        return false;
    };
    let ShapeKind::Structure(members) = &ctx.shape(input_id).kind else {
        return false;
    };
    let [member] = members.as_slice() else {
        return false;
    };
    member.traits.required
        && ctx.symbols.rust_type(ctx.model, &member.target)
            == RustType::List(Box::new(RustType::String))
}
