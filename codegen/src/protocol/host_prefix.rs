//! The endpoint trait's host prefix (`foo.{label}.`): filled from the input's host labels and
//! put on the request as the runtime's `HostPrefix` extension.

use proc_macro2::TokenStream;
use quote::quote;

use crate::emit::context::{Context, ident};
use crate::error::{Error, Result};
use crate::model::{HostPrefixSegment, Operation, ShapeId, ShapeKind};

/// Statements that put the host prefix on `request`, failing with a `SerializeError` when a
/// host label is empty; nothing when the operation has no prefix.
pub fn emit(
    ctx: &Context<'_>,
    operation_id: &ShapeId,
    operation: &Operation,
    input_id: &ShapeId,
) -> Result<TokenStream> {
    let Some(prefix) = &operation.host_prefix else {
        return Ok(TokenStream::new());
    };
    let ShapeKind::Structure(members) = &ctx.shape(input_id).kind else {
        return Ok(TokenStream::new());
    };
    let symbols = ctx.symbols.members(input_id);
    let mut format = String::new();
    let mut labels = Vec::new();
    let mut checks = Vec::new();
    for segment in &prefix.segments {
        let label = match segment {
            HostPrefixSegment::Literal(text) => {
                format.push_str(&text.replace('{', "{{").replace('}', "}}"));
                continue;
            }
            HostPrefixSegment::Label(label) => label,
        };
        let Some((member, symbol)) = members
            .iter()
            .zip(symbols)
            .find(|(member, _)| &member.name == label)
        else {
            return Err(Error::shape(
                "the model",
                operation_id,
                format!(
                    "the host prefix `{}` names `{label}`, which the input does not have",
                    prefix.raw
                ),
            ));
        };
        let field = ident(&symbol.name);
        let wire = member.name.as_str();
        let value = if member.traits.required {
            quote!(input.#field.as_str())
        } else {
            quote!(input.#field.as_deref().unwrap_or_default())
        };
        let var = ident(&format!("label_{}", labels.len()));
        checks.push(quote! {
            let #var: &str = #value;
            if #var.is_empty() {
                return Err(crate::error::SerializeError::new(#wire, "is empty; the host prefix needs it"));
            }
        });
        labels.push(var);
        format.push_str("{}");
    }
    let prefix = if labels.is_empty() {
        quote!(#format.to_owned())
    } else {
        quote!(format!(#format, #(#labels),*))
    };
    Ok(quote! {
        #(#checks)*
        request.extensions_mut().insert(service_runtime::HostPrefix(#prefix));
    })
}
