//! String enums: one variant per value plus `Unknown`, with lenient and strict parsers.

use proc_macro2::TokenStream;
use quote::quote;

use super::context::{Context, REDACTED, code_span, doc_lines, ident};
use crate::docs;
use crate::model::{Shape, ShapeKind};

/// The enum and its conversions.
pub fn emit_enum(ctx: &Context<'_>, shape: &Shape) -> TokenStream {
    let ShapeKind::Enum(values) = &shape.kind else {
        return TokenStream::new();
    };
    let symbol = ctx.symbols.type_of(&shape.id);
    let name = ident(&symbol.name);
    let name_text = &symbol.name;
    let docs = ctx.docs(
        shape.traits.documentation.as_deref(),
        &format!("The values of `{}`.", shape.id.name()),
    );
    let variants = ctx.symbols.variants(&shape.id);
    let mut definitions = Vec::new();
    let mut to_str = Vec::new();
    let mut from_str = Vec::new();
    let mut wire_values = Vec::new();
    for (value, variant) in values.iter().zip(variants) {
        let variant_name = ident(&variant.name);
        let wire = &variant.value;
        let mut doc = if wire.is_empty() {
            "The empty string.".to_owned()
        } else {
            code_span(wire)
        };
        if let Some(html) = &value.documentation {
            let text = docs::html_to_markdown(html, &|n| ctx.symbols.doc_link(n));
            if !text.trim().is_empty() {
                doc = format!("{doc}: {text}");
            }
        }
        let doc = doc_lines(&doc);
        let deprecated = value
            .deprecated
            .as_ref()
            .map(|_| doc_lines("\n**Deprecated.**"));
        definitions.push(quote! { #doc #deprecated #variant_name, });
        to_str.push(quote! { Self::#variant_name => #wire, });
        from_str.push(quote! { #wire => Self::#variant_name, });
        wire_values.push(wire);
    }
    let unknown_doc = doc_lines(&format!(
        "A value the model did not list when this crate was generated; [`{name_text}::as_str`] gives it back unchanged."
    ));
    let try_parse_doc = doc_lines(&format!(
        "Parses one of the values the model lists.\n\n# Errors\n\nAn [`UnknownEnumValueError`](crate::error::UnknownEnumValueError) naming the value and `{name_text}` when the value is not listed."
    ));
    let (derives, debug_impl) = if shape.traits.sensitive {
        (
            quote!(#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]),
            quote! {
                impl std::fmt::Debug for #name {
                    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        f.write_str(#REDACTED)
                    }
                }
            },
        )
    } else {
        (
            quote!(#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]),
            TokenStream::new(),
        )
    };
    quote! {
        #docs
        #[non_exhaustive]
        #derives
        pub enum #name {
            #(#definitions)*
            #unknown_doc
            Unknown(crate::primitives::UnknownVariantValue),
        }

        impl #name {
            /// Every value the model lists, in model order.
            pub const fn values() -> &'static [&'static str] {
                &[#(#wire_values),*]
            }

            /// The value as it is sent on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    #(#to_str)*
                    Self::Unknown(value) => value.as_str(),
                }
            }

            #try_parse_doc
            pub fn try_parse(value: &str) -> Result<Self, crate::error::UnknownEnumValueError> {
                match Self::from(value) {
                    Self::Unknown(_) => Err(crate::error::UnknownEnumValueError::new(#name_text, value)),
                    known => Ok(known),
                }
            }
        }

        impl From<&str> for #name {
            fn from(value: &str) -> Self {
                match value {
                    #(#from_str)*
                    other => Self::Unknown(crate::primitives::UnknownVariantValue::new(other)),
                }
            }
        }

        impl From<String> for #name {
            fn from(value: String) -> Self {
                Self::from(value.as_str())
            }
        }

        impl std::str::FromStr for #name {
            type Err = std::convert::Infallible;

            // Not `Self::Err`, which a variant named `Err` would make ambiguous.
            fn from_str(value: &str) -> Result<Self, std::convert::Infallible> {
                Ok(Self::from(value))
            }
        }

        impl std::fmt::Display for #name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl AsRef<str> for #name {
            fn as_ref(&self) -> &str {
                self.as_str()
            }
        }

        #debug_impl

    }
}
