//! Per-call overhead of the client: `send()` of a DescribeAssessmentRuns call over an
//! in-process transport that answers with the shared tiny response body, next to
//! `parse_response` of the same body alone. The difference is what the client adds to a call
//! beyond parsing: validation, endpoint, serialization, signing and the dispatch loop.
//! Run with `cargo bench -p inspector-tests --bench client`.

#[path = "support/bodies.rs"]
mod bodies;

use divan::Bencher;
use inspector::client::{BoxFuture, Credentials, HttpClient, TransportError};
use inspector::operation::describe_assessment_runs;

fn main() {
    // Warm the heap and the caches first: the first few thousand calls of a process are
    // slower (fresh heap pages), and would otherwise land in whichever benchmark runs first.
    let client = client();
    let runtime = runtime();
    for _ in 0..5_000 {
        runtime
            .block_on(
                client
                    .describe_assessment_runs()
                    .assessment_run_arns(ARN)
                    .send(),
            )
            .unwrap();
    }
    divan::main();
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
}

const ARN: &str =
    "arn:aws:inspector:us-west-2:123456789012:target/0-0kFIPusq/template/0-4r1V2mAw/run/0-MKkpXXPE";

fn tiny_body() -> Vec<u8> {
    bodies::body("tiny")
}

/// Answers every request with the same 200 response, without any I/O.
#[derive(Debug)]
struct Canned(Vec<u8>);

impl HttpClient for Canned {
    fn send(
        &self,
        _request: http::Request<Vec<u8>>,
    ) -> BoxFuture<'_, Result<http::Response<Vec<u8>>, TransportError>> {
        let response = http::Response::builder()
            .status(200)
            .header("content-type", "application/x-amz-json-1.1")
            .body(self.0.clone())
            .unwrap();
        Box::pin(async move { Ok(response) })
    }
}

fn client() -> inspector::Client {
    let config = inspector::Config::builder()
        .region("us-west-2")
        .credentials(Credentials::new(
            "AKIDEXAMPLE",
            "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
            None,
        ))
        .http_client(Canned(tiny_body()))
        .build();
    inspector::Client::new(config)
}

/// A whole call through the client: build, validate, serialize, sign, "send", parse.
#[divan::bench(sample_count = 5000)]
fn send(bencher: Bencher) {
    let client = client();
    let runtime = runtime();
    bencher.bench_local(|| {
        runtime
            .block_on(
                client
                    .describe_assessment_runs()
                    .assessment_run_arns(ARN)
                    .send(),
            )
            .unwrap()
    });
}

/// What any caller pays anyway: parsing the same response (and cloning the body, as the
/// transport above does).
#[divan::bench(sample_count = 5000)]
fn parse_only(bencher: Bencher) {
    let body = tiny_body();
    let runtime = runtime();
    bencher.bench_local(|| {
        runtime.block_on(async {
            let response = http::Response::builder()
                .status(200)
                .header("content-type", "application/x-amz-json-1.1")
                .body(body.clone())
                .unwrap();
            describe_assessment_runs::parse_response(divan::black_box(&response)).unwrap()
        })
    });
}
