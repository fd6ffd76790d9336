//! The user-facing serde form, behind the generated crate's `serde` feature: every type
//! implements `Serialize` and `Deserialize` with every member under boto3's keys (the model's
//! member names), whatever the protocol puts on the wire.
//!
//! Where the protocol's codec already is that form, the impls delegate to it, so the feature
//! adds one line per type and no second codec.

use proc_macro2::TokenStream;
use quote::quote;

use super::context::{Context, ident};
use crate::model::{Shape, ShapeKind};
use crate::protocol::ProtocolGenerator;

/// `Serialize` and `Deserialize` for a structure, union or enum, behind `feature = "serde"`.
pub fn emit_serde_impls(
    ctx: &Context<'_>,
    protocol: &dyn ProtocolGenerator,
    shape: &Shape,
) -> TokenStream {
    if !matches!(
        shape.kind,
        ShapeKind::Structure(_) | ShapeKind::Union(_) | ShapeKind::Enum(_)
    ) {
        return TokenStream::new();
    }
    let Some(codec) = protocol.user_form_codec(ctx.model) else {
        return TokenStream::new();
    };
    let name = ident(&ctx.symbols.type_of(&shape.id).name);
    quote! {
        #[cfg(feature = "serde")]
        service_runtime::serde_via_codec!(#codec => #name);
    }
}
