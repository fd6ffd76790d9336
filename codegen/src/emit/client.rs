//! The client (`src/client.rs`, behind the `client` feature): `Config`, `Client`, one fluent
//! call per operation and the paginators.

use proc_macro2::TokenStream;

use super::context::Context;
use crate::error::Result;

/// `src/client.rs`, for a model with an endpoint rule set (a service the client can reach).
pub fn emit_client_module(_ctx: &Context<'_>) -> Result<Option<TokenStream>> {
    Ok(None)
}
