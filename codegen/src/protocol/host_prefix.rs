//! The endpoint trait's host prefix (`foo.{label}.`): filled from the input's host labels and
//! put on the request as the runtime's `HostPrefix` extension.

use proc_macro2::TokenStream;
use quote::quote;

use crate::emit::context::{Context, ident};
use crate::error::{Error, Result};
use crate::model::{ShapeId, ShapeKind};

/// The operation's host prefix pattern, if it has one.
pub fn pattern<'m>(ctx: &Context<'m>, operation_id: &ShapeId) -> Option<&'m str> {
    ctx.model.shapes[operation_id]
        .traits
        .other
        .get("smithy.api#endpoint")?
        .get("hostPrefix")?
        .as_str()
}

/// Statements that put the host prefix on `request`, failing with a `SerializeError` when a
/// host label is empty; nothing when the operation has no prefix.
pub fn emit(ctx: &Context<'_>, operation_id: &ShapeId, input_id: &ShapeId) -> Result<TokenStream> {
    let Some(pattern) = pattern(ctx, operation_id) else {
        return Ok(TokenStream::new());
    };
    let input = ctx.shape(input_id);
    let ShapeKind::Structure(members) = &input.kind else {
        return Ok(TokenStream::new());
    };
    let symbols = ctx.symbols.members(input_id);
    let mut format = String::new();
    let mut args = Vec::new();
    let mut checks = Vec::new();
    let mut rest = pattern;
    while let Some(open) = rest.find('{') {
        format.push_str(&rest[..open].replace('{', "{{").replace('}', "}}"));
        let Some(close) = rest[open..].find('}') else {
            return Err(Error::shape(
                "the model",
                operation_id,
                format!("the host prefix `{pattern}` has an unclosed `{{`"),
            ));
        };
        let label = &rest[open + 1..open + close];
        let Some((member, symbol)) = members
            .iter()
            .zip(symbols)
            .find(|(member, _)| member.name == label)
        else {
            return Err(Error::shape(
                "the model",
                operation_id,
                format!(
                    "the host prefix `{pattern}` names `{label}`, which the input does not have"
                ),
            ));
        };
        let field = ident(&symbol.name);
        let wire = member.name.as_str();
        let value = quote!(input.#field.as_deref().unwrap_or_default());
        let value = if member.traits.required {
            quote!(input.#field.as_str())
        } else {
            value
        };
        let var = ident(&format!("label_{}", args.len()));
        checks.push(quote! {
            let #var: &str = #value;
            if #var.is_empty() {
                return Err(crate::error::SerializeError::new(#wire, "is empty; the host prefix needs it"));
            }
        });
        args.push(var);
        format.push_str("{}");
        rest = &rest[open + close + 1..];
    }
    format.push_str(&rest.replace('{', "{{").replace('}', "}}"));
    let prefix = if args.is_empty() {
        quote!(#format.to_owned())
    } else {
        quote!(format!(#format, #(#args),*))
    };
    Ok(quote! {
        #(#checks)*
        request.extensions_mut().insert(service_runtime::HostPrefix(#prefix));
    })
}
