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
        fn sent(request: Result<http::Request<Vec<u8>>, #lib::error::SerializeError>) -> harness::Sent {
            let request = match request {
                Ok(request) => request,
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

/// `impl Same` as `==`, for types that hold no floating-point number; `same` is the trait's
/// path.
pub fn same_by_eq(same: &TokenStream, types: &[TokenStream]) -> TokenStream {
    quote! {
        #(
            impl #same for #types {
                fn same(&self, other: &Self) -> bool {
                    self == other
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
    by_eq.push(quote!(#lib::primitives::Timestamp));
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

            /// What a request case expects, as Smithy's `httpRequestTests` write it.
            pub struct ExpectedRequest<'a> {
                pub method: &'a str,
                pub uri: &'a str,
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
                if request.method().as_str() != expected.method {
                    problems.push(format!("method: sent {}, expected {}", request.method(), expected.method));
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
                if path != expected.uri {
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
                    problems.extend(body_problem(request.body(), body, expected.body_media_type));
                }
                assert!(
                    problems.is_empty(),
                    "the request differs from the case:\n  {}\nsent: {request:?}\nbody: {}",
                    problems.join("\n  "),
                    String::from_utf8_lossy(request.body())
                );
            }

            /// How the body sent differs from the case's, if it does: JSON bodies compared as
            /// JSON values, others byte for byte; an empty body expected means none at all.
            fn body_problem(sent: &[u8], expected: &str, media_type: Option<&str>) -> Option<String> {
                let shown = String::from_utf8_lossy(sent);
                if expected.is_empty() {
                    return (!sent.is_empty()).then(|| format!("body: sent `{shown}`, expected none"));
                }
                if media_type == Some("application/json") {
                    let expected: serde_json::Value =
                        serde_json::from_str(expected).expect("the case's body is JSON");
                    return match serde_json::from_slice::<serde_json::Value>(sent) {
                        Ok(json) if same_json(&json, &expected) => None,
                        Ok(json) => Some(format!("body: sent {json}, expected {expected}")),
                        Err(e) => Some(format!("body: `{shown}` is not JSON ({e}), expected {expected}")),
                    };
                }
                (sent != expected.as_bytes()).then(|| format!("body: sent `{shown}`, expected `{expected}`"))
            }

            /// Whether two JSON values are equal: integers exactly, other numbers as `f64` (the
            /// case may write `1.0` where the crate writes `1`), objects whatever their order.
            pub fn same_json(sent: &serde_json::Value, expected: &serde_json::Value) -> bool {
                use serde_json::Value;
                match (sent, expected) {
                    (Value::Number(a), Value::Number(b)) => match (a.as_i64(), b.as_i64(), a.as_u64(), b.as_u64()) {
                        (Some(a), Some(b), _, _) => a == b,
                        (_, _, Some(a), Some(b)) => a == b,
                        _ => a.as_f64() == b.as_f64(),
                    },
                    (Value::Array(a), Value::Array(b)) => {
                        a.len() == b.len() && a.iter().zip(b).all(|(a, b)| same_json(a, b))
                    }
                    (Value::Object(a), Value::Object(b)) => {
                        a.len() == b.len()
                            && a.iter().all(|(key, a)| b.get(key).is_some_and(|b| same_json(a, b)))
                    }
                    _ => sent == expected,
                }
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

            /// Equality that holds for NaN: `==` everywhere, but a NaN is the same as a NaN.
            /// `HashMap`s compare whatever their order.
            pub trait Same {
                fn same(&self, other: &Self) -> bool;
            }

            #by_eq

            impl Same for f32 {
                fn same(&self, other: &Self) -> bool {
                    self.to_bits() == other.to_bits() || (self.is_nan() && other.is_nan())
                }
            }

            impl Same for f64 {
                fn same(&self, other: &Self) -> bool {
                    self.to_bits() == other.to_bits() || (self.is_nan() && other.is_nan())
                }
            }

            impl<T: Same + ?Sized> Same for Box<T> {
                fn same(&self, other: &Self) -> bool {
                    (**self).same(other)
                }
            }

            impl<T: Same> Same for Option<T> {
                fn same(&self, other: &Self) -> bool {
                    match (self, other) {
                        (Some(a), Some(b)) => a.same(b),
                        (None, None) => true,
                        _ => false,
                    }
                }
            }

            impl<T: Same> Same for Vec<T> {
                fn same(&self, other: &Self) -> bool {
                    self.len() == other.len() && self.iter().zip(other).all(|(a, b)| a.same(b))
                }
            }

            impl<K: Eq + Hash, V: Same, S: BuildHasher> Same for HashMap<K, V, S> {
                fn same(&self, other: &Self) -> bool {
                    self.len() == other.len()
                        && self.iter().all(|(key, a)| other.get(key).is_some_and(|b| a.same(b)))
                }
            }

            /// Fails, showing both values, unless the parsed value is the expected one.
            pub fn assert_same<T: Same + Debug>(parsed: &T, expected: &T) {
                assert!(
                    parsed.same(expected),
                    "the parsed value differs from the case's params:\nparsed:   {parsed:?}\nexpected: {expected:?}"
                );
            }
        }
    }
}
