//! Unions: an enum with one variant per member plus `Unknown` for members added later.

use proc_macro2::TokenStream;
use quote::quote;

use super::constraints;
use super::context::{Context, Imports, REDACTED, doc_lines, ident, prefixed};
use crate::model::{Member, Shape, ShapeKind};

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
    let mut debug_arms = Vec::new();
    // A sensitive union redacts every member.
    let redacted = |member| shape.traits.sensitive || ctx.is_sensitive(member);
    let any_sensitive = members.iter().any(redacted);
    for (member, member_symbol) in members.iter().zip(ctx.symbols.members(&shape.id)) {
        // An event stream's exceptions are its error enum's variants, not events.
        if is_exception_member(ctx, shape, member) {
            continue;
        }
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
        let variant_literal = proc_macro2::Literal::string(&member_symbol.name);
        debug_arms.push(if redacted(member) {
            quote! { Self::#variant(_) => f.debug_tuple(#variant_literal).field(&#REDACTED).finish(), }
        } else {
            quote! { Self::#variant(value) => f.debug_tuple(#variant_literal).field(value).finish(), }
        });
        let as_fn = prefixed("as_", &member_symbol.stem);
        let is_fn = prefixed("is_", &member_symbol.stem);
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
    let stream_error = emit_stream_error(ctx, shape, imports);
    let (derives, debug_impl) = if any_sensitive {
        (
            quote!(#[derive(Clone, PartialEq)]),
            quote! {
                impl std::fmt::Debug for #name {
                    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        match self {
                            #(#debug_arms)*
                            Self::Unknown => f.write_str("Unknown"),
                        }
                    }
                }
            },
        )
    } else {
        (
            quote!(#[derive(Debug, Clone, PartialEq)]),
            TokenStream::new(),
        )
    };
    quote! {
        #docs
        #[non_exhaustive]
        #derives
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

        #debug_impl
        #stream_error
    }
}

/// Whether `member` of the union `shape` is an exception of an event stream: a member whose
/// target is an error structure, sent as an `exception` message that ends the stream.
pub(crate) fn is_exception_member(ctx: &Context<'_>, shape: &Shape, member: &Member) -> bool {
    shape.traits.event_stream && ctx.shape(&member.target).traits.error.is_some()
}

/// The error enum of an event stream: one variant per exception member, each holding the
/// error structure, with `Display` and `std::error::Error` passed through to it.
fn emit_stream_error(ctx: &Context<'_>, shape: &Shape, imports: &mut Imports) -> TokenStream {
    let symbol = ctx.symbols.type_of(&shape.id);
    let Some(error_name) = &symbol.stream_error else {
        return TokenStream::new();
    };
    let ShapeKind::Union(members) = &shape.kind else {
        return TokenStream::new();
    };
    let error = ident(error_name);
    let mut variants = Vec::new();
    let mut display_arms = Vec::new();
    let mut source_arms = Vec::new();
    for (member, member_symbol) in members.iter().zip(ctx.symbols.members(&shape.id)) {
        if !is_exception_member(ctx, shape, member) {
            continue;
        }
        let variant = ident(&member_symbol.name);
        let ty = imports.named(ctx.symbols, &member.target);
        let wire = &member_symbol.wire_name;
        let docs = ctx.member_docs(member, &format!("The `{wire}` exception."));
        variants.push(quote! { #docs #variant(#ty), });
        display_arms.push(quote! { Self::#variant(error) => error.fmt(f), });
        source_arms.push(quote! { Self::#variant(error) => error.source(), });
    }
    let doc = doc_lines(&format!(
        "The modelled exceptions that end a [`{}`] event stream.",
        symbol.name
    ));
    // An event stream without exceptions has an error enum without variants.
    let (formatter, display_body, source_body) = if variants.is_empty() {
        (
            quote!(_),
            quote! { match *self {} },
            quote! { match *self {} },
        )
    } else {
        (
            quote!(f),
            quote! { match self { #(#display_arms)* } },
            quote! { match self { #(#source_arms)* } },
        )
    };
    quote! {
        #doc
        #[non_exhaustive]
        #[derive(Debug)]
        pub enum #error {
            #(#variants)*
        }

        impl std::fmt::Display for #error {
            fn fmt(&self, #formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                #display_body
            }
        }

        impl std::error::Error for #error {
            fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
                #source_body
            }
        }
    }
}
