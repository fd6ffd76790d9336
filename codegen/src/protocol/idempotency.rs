//! Idempotency tokens: an operation input's `idempotencyToken` member the caller leaves unset
//! is sent with a fresh random token, as botocore does (`generate_idempotent_uuid`, top-level
//! members only).

use proc_macro2::TokenStream;
use quote::quote;

use crate::emit::context::{Context, ident};
use crate::model::{ShapeId, ShapeKind};

/// Statements at the start of `serialize_request` that shadow `input` with a copy whose unset
/// token members hold fresh tokens; nothing when the input has no such member. The copy is made
/// only when a token is missing.
pub fn emit(ctx: &Context<'_>, input_id: &ShapeId) -> TokenStream {
    let fields = token_fields(ctx, input_id);
    if fields.is_empty() {
        return TokenStream::new();
    }
    quote! {
        let filled;
        let input = if #(input.#fields.is_none())||* {
            let mut copy = input.clone();
            #(
                if copy.#fields.is_none() {
                    copy.#fields = Some(service_runtime::idempotency_token());
                }
            )*
            filled = copy;
            &filled
        } else {
            input
        };
    }
}

/// The same for a `serialize_request` that owns its input (`mut input`), which it fills in
/// place.
pub fn emit_in_place(ctx: &Context<'_>, input_id: &ShapeId) -> TokenStream {
    let fields = token_fields(ctx, input_id);
    quote! {
        #(
            if input.#fields.is_none() {
                input.#fields = Some(service_runtime::idempotency_token());
            }
        )*
    }
}

/// The input's idempotency-token members the caller may leave unset.
fn token_fields(ctx: &Context<'_>, input_id: &ShapeId) -> Vec<proc_macro2::Ident> {
    let ShapeKind::Structure(members) = &ctx.shape(input_id).kind else {
        return Vec::new();
    };
    members
        .iter()
        .zip(ctx.symbols.members(input_id))
        .filter(|(member, _)| {
            member.traits.idempotency_token
                && crate::emit::structure::is_optional_field(member)
                && matches!(ctx.shape(&member.target).kind, ShapeKind::String)
        })
        .map(|(_, symbol)| ident(&symbol.name))
        .collect()
}
