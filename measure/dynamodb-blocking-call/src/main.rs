//! One ListTables call with the generated blocking client: configuration from the environment;
//! prints the response's Debug form. No async runtime.

use std::process::ExitCode;

fn main() -> ExitCode {
    let config = match dynamodb::Config::from_env() {
        Ok(config) => config,
        Err(error) => {
            eprintln!("error: {error}");
            return ExitCode::FAILURE;
        }
    };
    let client = dynamodb::blocking::Client::new(config);
    match client.list_tables().limit(10).send() {
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
