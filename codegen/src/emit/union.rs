//! Unions: an enum with one variant per member plus `Unknown` for members added later.

use proc_macro2::TokenStream;
use quote::quote;

use super::constraints;
use super::context::{Context, Imports, doc_lines, ident, prefixed};
use crate::model::{Shape, ShapeKind};

/// The enum and its `as_*`/`is_*` helpers.
pub fn emit_union(ctx: &Context<'_>, shape: &Shape, imports: &mut Imports) -> TokenStream {
    let ShapeKind::Union(members) = &shape.kind else {
        return TokenStream::new();
    };
    let symbol = ctx.symbols.type_of(&shape.id);
    let name = ident(&symbol.name);
    let docs = ctx.docs(
        shape.traits.documentation.as_deref(),
        &format!("Exactly one of the members of `{}`.", shape.id.name()),
    );
    let mut variants = Vec::new();
    let mut helpers = Vec::new();
    for (member, member_symbol) in members.iter().zip(ctx.symbols.members(&shape.id)) {
        let variant = ident(&member_symbol.name);
        let wire = &member_symbol.wire_name;
        let ty = imports.rust_type(
            ctx.symbols,
            &ctx.symbols.rust_type(ctx.model, &member.target),
        );
        let stored = if member.traits.boxed {
            quote!(Box<#ty>)
        } else {
            ty.clone()
        };
        let member_docs = ctx.member_docs(member, &format!("The `{wire}` member."));
        variants.push(quote! { #member_docs #variant(#stored), });
        let snake = member_symbol.set.trim_start_matches("set_");
        let as_fn = prefixed("as_", snake);
        let is_fn = prefixed("is_", snake);
        let as_doc = doc_lines(&format!("The `{wire}` value, if this is that variant."));
        let is_doc = doc_lines(&format!("Whether this is the `{wire}` variant."));
        helpers.push(quote! {
            #as_doc
            pub fn #as_fn(&self) -> Option<&#ty> {
                match self {
                    Self::#variant(value) => Some(value),
                    _ => None,
                }
            }
            #is_doc
            pub fn #is_fn(&self) -> bool {
                matches!(self, Self::#variant(_))
            }
        });
    }
    let collect = if constraints::needs_collect(ctx, &shape.id) {
        constraints::emit_collect_union(ctx, shape)
    } else {
        TokenStream::new()
    };
    quote! {
        #docs
        #[non_exhaustive]
        #[derive(Debug, Clone, PartialEq)]
        pub enum #name {
            #(#variants)*
            /// A member the model did not have when this crate was generated.
            Unknown,
        }

        impl #name {
            #(#helpers)*
            /// Whether this is a member this crate does not know.
            pub fn is_unknown(&self) -> bool {
                matches!(self, Self::Unknown)
            }
            #collect
        }
    }
}
