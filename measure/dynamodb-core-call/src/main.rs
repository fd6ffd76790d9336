//! One ListTables call with the generated client's `client-core` feature: configuration from
//! the environment and a transport of the program's own, which stands for the one an
//! application brings (here it answers every request with an error).

use std::process::ExitCode;

use dynamodb::client::{BoxFuture, HttpClient, TransportError, TransportErrorKind};

#[derive(Debug)]
struct NoTransport;

impl HttpClient for NoTransport {
    fn send(
        &self,
        _request: http::Request<Vec<u8>>,
    ) -> BoxFuture<'_, Result<http::Response<Vec<u8>>, TransportError>> {
        Box::pin(async {
            Err(TransportError::new(
                TransportErrorKind::Other,
                "this program brings no transport",
            ))
        })
    }
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    let config = match dynamodb::Config::from_env() {
        Ok(config) => config.to_builder().http_client(NoTransport).build(),
        Err(error) => {
            eprintln!("error: {error}");
            return ExitCode::FAILURE;
        }
    };
    let client = dynamodb::Client::new(config);
    match client.list_tables().limit(10).send().await {
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
