//! The user-facing serde form, behind the generated crate's `serde` feature: every type
//! implements `Serialize` and `Deserialize` with every member under boto3's keys (the model's
//! member names), whatever the protocol puts on the wire.
//!
//! Where the protocol's codec already is that form (awsJson), the impls delegate to it, so the
//! feature adds one line per type and no second codec. Otherwise (restJson1, whose codec
//! leaves bound members out and honours `jsonName`) the feature adds a codec of its own, for
//! the marker `crate::protocol::SerdeForm`.

use proc_macro2::TokenStream;
use quote::quote;

use super::context::{Context, ident};
use crate::model::{Shape, ShapeKind};
use crate::protocol::ProtocolGenerator;
use crate::protocol::json_body::{JsonCodec, NameRule};

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
    let name = ident(&ctx.symbols.type_of(&shape.id).name);
    let Some(codec) = protocol.user_form_codec(ctx.model) else {
        let form = own_codec();
        let impls = form.emit_type(ctx, shape);
        let marker = form.marker;
        return quote! {
            #[cfg(feature = "serde")]
            #impls
            #[cfg(feature = "serde")]
            service_runtime::serde_via_codec!(#marker => #name);
        };
    };
    quote! {
        #[cfg(feature = "serde")]
        service_runtime::serde_via_codec!(#codec => #name);
    }
}

/// The serde form's own codec, for protocols whose codec is not that form.
fn own_codec() -> JsonCodec {
    JsonCodec {
        marker: quote!(crate::protocol::SerdeForm),
        names: NameRule::MemberName,
        skip_bound: false,
    }
}

/// The marker type of the serde form's own codec, for the crate's `protocol` module; nothing
/// when the protocol's codec is the serde form.
pub fn emit_marker(ctx: &Context<'_>, protocol: &dyn ProtocolGenerator) -> TokenStream {
    if protocol.user_form_codec(ctx.model).is_some() {
        return TokenStream::new();
    }
    quote! {
        /// The user-facing serde form (the `serde` feature): every member under boto3's keys.
        #[cfg(feature = "serde")]
        pub(crate) struct SerdeForm;
    }
}
