//! The endpoint resolver: the model's endpoint rule set compiled to Rust (`src/endpoint.rs`,
//! behind the `client` feature), and the endpoint test cases as tests
//! (`tests/endpoint_tests.rs`).

use proc_macro2::TokenStream;

use super::context::Context;
use crate::error::Result;

/// `src/endpoint.rs`, for a model with an endpoint rule set.
pub fn emit_endpoint_module(_ctx: &Context<'_>) -> Result<Option<TokenStream>> {
    Ok(None)
}

/// `tests/endpoint_tests.rs`, for a model with endpoint test cases.
pub fn emit_endpoint_tests(_ctx: &Context<'_>, _crate_name: &str) -> Result<Option<TokenStream>> {
    Ok(None)
}
