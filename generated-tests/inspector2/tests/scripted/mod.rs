//! An in-process transport for inspector2's client: scripted responses, recorded requests.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};

use inspector2::client::{BoxFuture, Credentials, HttpClient, TransportError};
use serde_json::Value;

/// Answers with the scripted statuses and bodies in order, and records each request's method,
/// path and JSON body.
#[derive(Debug, Clone, Default)]
pub struct Scripted {
    responses: Arc<Mutex<VecDeque<(u16, Value)>>>,
    pub requests: Arc<Mutex<Vec<(String, String, Value)>>>,
}

impl Scripted {
    pub fn new(responses: Vec<(u16, Value)>) -> Self {
        let scripted = Self::default();
        scripted.responses.lock().unwrap().extend(responses);
        scripted
    }

    pub fn calls(&self) -> usize {
        self.requests.lock().unwrap().len()
    }
}

impl HttpClient for Scripted {
    fn send(
        &self,
        request: http::Request<Vec<u8>>,
    ) -> BoxFuture<'_, Result<http::Response<Vec<u8>>, TransportError>> {
        self.requests.lock().unwrap().push((
            request.method().to_string(),
            request.uri().path().to_owned(),
            serde_json::from_slice(request.body()).unwrap(),
        ));
        let (status, body) = self
            .responses
            .lock()
            .unwrap()
            .pop_front()
            .expect("the script has a response for every request");
        Box::pin(async move {
            Ok(http::Response::builder()
                .status(status)
                .header("content-type", "application/json")
                .body(body.to_string().into_bytes())
                .unwrap())
        })
    }
}

pub fn client(transport: &Scripted) -> inspector2::Client {
    let config = inspector2::Config::builder()
        .region("us-east-1")
        .credentials(Credentials::new("AKID", "SECRET", None))
        .http_client(transport.clone())
        .build();
    inspector2::Client::new(config)
}
