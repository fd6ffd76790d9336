//! The fixed part of `tests/protocol_tests.rs`: the one function that reads the crate's request
//! API, and the `harness` module of checks every case uses.

use proc_macro2::{Ident, TokenStream};
use quote::quote;

/// `sent`, the only code of the test file that knows what `serialize_request` returns and where
/// the request carries its host prefix: when that API changes, this is what changes. `lib` is
/// the generated crate's library name.
pub fn sent_helper(lib: &Ident) -> TokenStream {
    quote! {
        /// What `serialize_request` returned, as the checks read it: the request, and the host
        /// prefix (`smithy.api#endpoint`) the operation puts before the endpoint's host.
        /// A streaming payload (a `ByteStream` of bytes) is read whole.
        fn sent<B: Into<service_runtime::stream::ByteStream>>(
            request: Result<http::Request<B>, #lib::error::SerializeError>,
        ) -> harness::Sent {
            let request = match request {
                Ok(request) => request.map(|body| {
                    Vec::from(body.into().collect_blocking().expect("a body of bytes reads"))
                }),
                Err(error) => panic!("serialize_request failed: {error}"),
            };
            let host_prefix = request
                .extensions()
                .get::<service_runtime::HostPrefix>()
                .map(|prefix| prefix.0.clone())
                .unwrap_or_default();
            harness::Sent { request, host_prefix }
        }
    }
}

/// `impl Same` by `==`, for types that hold no floating-point number and have no members to
/// compare one by one (primitives, enums); `same` is the trait's path.
pub fn same_by_eq(same: &TokenStream, types: &[TokenStream]) -> TokenStream {
    quote! {
        #(
            impl #same for #types {
                fn differences(&self, expected: &Self, path: &str, found: &mut Vec<String>) {
                    if self != expected {
                        found.push(format!("{path}: parsed {self:?}, expected {expected:?}"));
                    }
                }
            }
        )*
    }
}

/// The `harness` module: request checks, responses, and `Same`, the comparison of parsed
/// values. `lib` is the generated crate's library name.
pub fn harness_module(lib: &Ident) -> TokenStream {
    let primitives = ["String", "bool", "u8", "i8", "i16", "i32", "i64"].map(|name| {
        let name = Ident::new(name, proc_macro2::Span::call_site());
        quote!(#name)
    });
    let mut by_eq = primitives.to_vec();
    // A document is a `serde_json::Value`, which holds no NaN.
    // A streaming payload parsed from a whole body is bytes, which compare by `==`.
    by_eq.extend([
        quote!(#lib::primitives::Timestamp),
        quote!(#lib::primitives::ByteStream),
        quote!(serde_json::Value),
    ]);
    let by_eq = same_by_eq(&quote!(Same), &by_eq);
    quote! {
        /// The checks the cases share.
        mod harness {
            use std::collections::HashMap;
            use std::fmt::Debug;
            use std::hash::{BuildHasher, Hash};

            /// A request `serialize_request` made, and the host prefix it asks for.
            pub struct Sent {
                pub request: http::Request<Vec<u8>>,
                pub host_prefix: String,
            }

            /// What a request case expects, as Smithy's `httpRequestTests` write it; botocore's
            /// cases give `uri` as the path and query (`uri_with_query`).
            pub struct ExpectedRequest<'a> {
                pub method: Option<&'a str>,
                pub uri: &'a str,
                pub uri_with_query: bool,
                pub host: Option<&'a str>,
                pub resolved_host: Option<&'a str>,
                pub query_params: &'a [&'a str],
                pub forbid_query_params: &'a [&'a str],
                pub require_query_params: &'a [&'a str],
                pub headers: &'a [(&'a str, &'a str)],
                pub forbid_headers: &'a [&'a str],
                pub require_headers: &'a [&'a str],
                pub body: Option<&'a str>,
                pub body_media_type: Option<&'a str>,
            }

            /// Checks everything the case says about the request, and fails listing every
            /// difference.
            pub fn check_request(sent: &Sent, expected: &ExpectedRequest<'_>) {
                let request = &sent.request;
                let mut problems = Vec::new();
                if let Some(method) = expected.method {
                    if request.method().as_str() != method {
                        problems.push(format!("method: sent {}, expected {method}", request.method()));
                    }
                }
                // `host` is the endpoint the client is configured with; the client puts the
                // endpoint's path, if any, before the request's path.
                let (authority, endpoint_path) = match expected.host {
                    Some(host) => host.split_once('/').unwrap_or((host, "")),
                    None => ("", ""),
                };
                let path = match endpoint_path.trim_matches('/') {
                    "" => request.uri().path().to_owned(),
                    prefix => format!("/{prefix}{}", request.uri().path()),
                };
                if expected.uri_with_query {
                    let uri = match request.uri().query() {
                        Some(query) => format!("{path}?{query}"),
                        None => path,
                    };
                    if uri != expected.uri {
                        problems.push(format!("uri: sent `{uri}`, expected `{}`", expected.uri));
                    }
                } else if path != expected.uri {
                    problems.push(format!("path: sent `{path}`, expected `{}`", expected.uri));
                }
                let query: Vec<&str> = request.uri().query().map(|q| q.split('&').collect()).unwrap_or_default();
                let has_param = |name: &str| query.iter().any(|pair| pair.split('=').next() == Some(name));
                for param in expected.query_params {
                    if !query.contains(param) {
                        problems.push(format!("query: `{param}` is missing from {query:?}"));
                    }
                }
                for name in expected.forbid_query_params {
                    if has_param(name) {
                        problems.push(format!("query: `{name}` is forbidden but sent: {query:?}"));
                    }
                }
                for name in expected.require_query_params {
                    if !has_param(name) {
                        problems.push(format!("query: `{name}` is required but missing from {query:?}"));
                    }
                }
                for (name, value) in expected.headers {
                    let values: Vec<&str> = request
                        .headers()
                        .get_all(*name)
                        .iter()
                        .map(|v| v.to_str().unwrap_or("<not UTF-8>"))
                        .collect();
                    if values.is_empty() {
                        problems.push(format!("header `{name}`: missing, expected `{value}`"));
                    } else if values.join(", ") != *value {
                        problems.push(format!("header `{name}`: sent `{}`, expected `{value}`", values.join(", ")));
                    }
                }
                for name in expected.forbid_headers {
                    if request.headers().contains_key(*name) {
                        problems.push(format!("header `{name}`: forbidden but sent"));
                    }
                }
                for name in expected.require_headers {
                    if !request.headers().contains_key(*name) {
                        problems.push(format!("header `{name}`: required but missing"));
                    }
                }
                if expected.host.is_some() {
                    let resolved = format!("{}{authority}", sent.host_prefix);
                    let wanted = expected.resolved_host.unwrap_or(authority);
                    if resolved != wanted {
                        problems.push(format!(
                            "host: the request goes to `{resolved}` (host prefix `{}`), expected `{wanted}`",
                            sent.host_prefix
                        ));
                    }
                }
                if let Some(body) = expected.body {
                    body_problems(request.body(), body, expected.body_media_type, &mut problems);
                }
                assert!(
                    problems.is_empty(),
                    "the request differs from the case:\n  {}\nsent: {request:?}\nbody: {}",
                    problems.join("\n  "),
                    String::from_utf8_lossy(request.body())
                );
            }

            /// How the body sent differs from the case's: JSON bodies compared as JSON values
            /// (each difference with its path), others byte for byte; an empty body expected
            /// means none at all.
            fn body_problems(sent: &[u8], expected: &str, media_type: Option<&str>, problems: &mut Vec<String>) {
                let shown = String::from_utf8_lossy(sent);
                if expected.is_empty() {
                    if !sent.is_empty() {
                        problems.push(format!("body: sent `{shown}`, expected none"));
                    }
                } else if media_type == Some("application/json") {
                    let expected: serde_json::Value =
                        serde_json::from_str(expected).expect("the case's body is JSON");
                    match serde_json::from_slice::<serde_json::Value>(sent) {
                        Ok(json) => json_differences(&json, &expected, "body", problems),
                        Err(e) => problems.push(format!("body: `{shown}` is not JSON ({e}), expected {expected}")),
                    }
                } else if sent != expected.as_bytes() {
                    problems.push(format!("body: sent `{shown}`, expected `{expected}`"));
                }
            }

            /// Adds where `sent` differs from `expected` to `found`: integers compared exactly,
            /// other numbers as `f64` (the case may write `1.0` where the crate writes `1`),
            /// objects whatever their order.
            fn json_differences(sent: &serde_json::Value, expected: &serde_json::Value, path: &str, found: &mut Vec<String>) {
                use serde_json::Value;
                match (sent, expected) {
                    (Value::Number(a), Value::Number(b)) => {
                        let same = match (a.as_i64(), b.as_i64(), a.as_u64(), b.as_u64()) {
                            (Some(a), Some(b), _, _) => a == b,
                            (_, _, Some(a), Some(b)) => a == b,
                            _ => a.as_f64() == b.as_f64(),
                        };
                        if !same {
                            found.push(format!("{path}: sent {a}, expected {b}"));
                        }
                    }
                    (Value::Array(a), Value::Array(b)) if a.len() == b.len() => {
                        for (index, (a, b)) in a.iter().zip(b).enumerate() {
                            json_differences(a, b, &format!("{path}[{index}]"), found);
                        }
                    }
                    (Value::Object(a), Value::Object(b)) => {
                        for (key, a) in a {
                            match b.get(key) {
                                Some(b) => json_differences(a, b, &format!("{path}.{key}"), found),
                                None => found.push(format!("{path}.{key}: sent {a}, expected nothing")),
                            }
                        }
                        for (key, b) in b {
                            if !a.contains_key(key) {
                                found.push(format!("{path}.{key}: not sent, expected {b}"));
                            }
                        }
                    }
                    _ if sent == expected => {}
                    _ => found.push(format!("{path}: sent {sent}, expected {expected}")),
                }
            }

            /// Fails unless an error has the code and the message a case expects; an error
            /// without a message has the empty one (as botocore reads it).
            pub fn check_error(code: Option<&str>, message: Option<&str>, expected_code: &str, expected_message: &str) {
                let mut problems = Vec::new();
                if code != Some(expected_code) {
                    problems.push(format!("code: parsed {code:?}, expected {expected_code:?}"));
                }
                let message = message.unwrap_or_default();
                if message != expected_message {
                    problems.push(format!("message: parsed {message:?}, expected {expected_message:?}"));
                }
                assert!(
                    problems.is_empty(),
                    "the parsed error differs from the case's:\n  {}",
                    problems.join("\n  ")
                );
            }

            /// The response a case gives the client.
            pub fn response(code: u16, headers: &[(&str, &str)], body: &str) -> http::Response<Vec<u8>> {
                let mut response = http::Response::builder().status(code);
                for (name, value) in headers {
                    response = response.header(*name, *value);
                }
                response
                    .body(body.as_bytes().to_vec())
                    .expect("the case's status and headers make a response")
            }

            /// A comparison of parsed values that tells where they differ: `==` everywhere,
            /// but a NaN is the same as a NaN and `HashMap`s compare whatever their order.
            pub trait Same {
                /// Adds where `self` (parsed) differs from `expected` to `found`; `path` is
                /// where `self` is (`output.member[0]`).
                fn differences(&self, expected: &Self, path: &str, found: &mut Vec<String>);
            }

            #by_eq

            impl Same for f32 {
                fn differences(&self, expected: &Self, path: &str, found: &mut Vec<String>) {
                    if self.to_bits() != expected.to_bits() && !(self.is_nan() && expected.is_nan()) {
                        found.push(format!("{path}: parsed {self:?}, expected {expected:?}"));
                    }
                }
            }

            impl Same for f64 {
                fn differences(&self, expected: &Self, path: &str, found: &mut Vec<String>) {
                    if self.to_bits() != expected.to_bits() && !(self.is_nan() && expected.is_nan()) {
                        found.push(format!("{path}: parsed {self:?}, expected {expected:?}"));
                    }
                }
            }

            impl<T: Same + ?Sized> Same for Box<T> {
                fn differences(&self, expected: &Self, path: &str, found: &mut Vec<String>) {
                    (**self).differences(expected, path, found);
                }
            }

            impl<T: Same + Debug> Same for Option<T> {
                fn differences(&self, expected: &Self, path: &str, found: &mut Vec<String>) {
                    match (self, expected) {
                        (Some(a), Some(b)) => a.differences(b, path, found),
                        (None, None) => {}
                        _ => found.push(format!("{path}: parsed {self:?}, expected {expected:?}")),
                    }
                }
            }

            impl<T: Same + Debug> Same for Vec<T> {
                fn differences(&self, expected: &Self, path: &str, found: &mut Vec<String>) {
                    if self.len() != expected.len() {
                        found.push(format!(
                            "{path}: parsed {} items {self:?}, expected {} {expected:?}",
                            self.len(),
                            expected.len()
                        ));
                        return;
                    }
                    for (index, (a, b)) in self.iter().zip(expected).enumerate() {
                        a.differences(b, &format!("{path}[{index}]"), found);
                    }
                }
            }

            impl<K: Eq + Hash + Debug, V: Same + Debug, S: BuildHasher> Same for HashMap<K, V, S> {
                fn differences(&self, expected: &Self, path: &str, found: &mut Vec<String>) {
                    // In key order, so a failure reads the same on every run.
                    let mut keys: Vec<(String, &K)> = self
                        .keys()
                        .chain(expected.keys().filter(|key| !self.contains_key(*key)))
                        .map(|key| (format!("{key:?}"), key))
                        .collect();
                    keys.sort_by(|a, b| a.0.cmp(&b.0));
                    for (shown, key) in keys {
                        let at = format!("{path}[{shown}]");
                        match (self.get(key), expected.get(key)) {
                            (Some(a), Some(b)) => a.differences(b, &at, found),
                            (Some(a), None) => found.push(format!("{at}: parsed {a:?}, expected nothing")),
                            (None, Some(b)) => found.push(format!("{at}: missing, expected {b:?}")),
                            (None, None) => {}
                        }
                    }
                }
            }

            /// Fails, listing where they differ, unless the parsed value is the expected one;
            /// `root` names the value (`output`).
            pub fn assert_same<T: Same + Debug>(parsed: &T, expected: &T, root: &str) {
                let mut found = Vec::new();
                parsed.differences(expected, root, &mut found);
                assert!(
                    found.is_empty(),
                    "the parsed value differs from the case's params:\n  {}\nparsed:   {parsed:?}\nexpected: {expected:?}",
                    found.join("\n  ")
                );
            }
        }
    }
}
