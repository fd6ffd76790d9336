//! Errors: `Display` and `std::error::Error` for exception structures, and each operation's
//! error enum.

use proc_macro2::TokenStream;
use quote::quote;

use super::context::{Context, Imports, REDACTED, doc_lines, ident};
use crate::model::{Member, Shape, ShapeId, ShapeKind};
use crate::symbols::{MemberSymbol, RustType};

/// `Display` (`Code: message`) and `std::error::Error` for an exception structure.
pub fn emit_exception_impls(ctx: &Context<'_>, shape: &Shape) -> TokenStream {
    let symbol = ctx.symbols.type_of(&shape.id);
    let name = ident(&symbol.name);
    let code = error_code(shape);
    let ShapeKind::Structure(members) = &shape.kind else {
        return TokenStream::new();
    };
    let message = message_member(ctx, shape, members);
    let write_message = match message {
        // The code alone would hide that a message came; its text is not shown.
        Some((member, symbol)) if shape.traits.sensitive || ctx.is_sensitive(member) => {
            let field = ident(&symbol.name);
            let redacted = format!(": {REDACTED}");
            if member.traits.required || member.traits.default.is_some() {
                quote! { f.write_str(#redacted)?; }
            } else {
                quote! {
                    if self.#field.is_some() {
                        f.write_str(#redacted)?;
                    }
                }
            }
        }
        Some((member, symbol)) => {
            let field = ident(&symbol.name);
            if member.traits.required || member.traits.default.is_some() {
                quote! { write!(f, ": {}", self.#field)?; }
            } else {
                quote! {
                    if let Some(message) = &self.#field {
                        write!(f, ": {message}")?;
                    }
                }
            }
        }
        None => TokenStream::new(),
    };
    quote! {
        impl std::fmt::Display for #name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(#code)?;
                #write_message
                Ok(())
            }
        }

        impl std::error::Error for #name {}
    }
}

/// The code the service sends for an error: the shape name unless the model says otherwise.
pub fn error_code(shape: &Shape) -> String {
    shape
        .traits
        .error_code
        .clone()
        .or_else(|| {
            shape
                .traits
                .aws_query_error
                .as_ref()
                .map(|e| e.code.clone())
        })
        .unwrap_or_else(|| shape.id.name().to_owned())
}

/// The error enum of an operation: one variant per modelled error and `Unhandled`.
pub fn emit_operation_error(
    ctx: &Context<'_>,
    operation_id: &ShapeId,
    errors: &[ShapeId],
    imports: &mut Imports,
) -> TokenStream {
    let symbol = ctx.symbols.operation(operation_id);
    let name = ident(&symbol.error);
    let operation_name = &symbol.model_name;
    let doc = doc_lines(&format!(
        "The errors [`{operation_name}`](self) can return."
    ));
    let mut variants = Vec::new();
    let mut predicates = Vec::new();
    let mut codes = Vec::new();
    let mut messages = Vec::new();
    let mut displays = Vec::new();
    let mut sources = Vec::new();
    let mut froms = Vec::new();
    for error_id in errors {
        let shape = ctx.shape(error_id);
        let error_variant = ctx.symbols.error_variant(error_id);
        let variant = ident(&error_variant.name);
        let ty = imports.named(ctx.symbols, error_id);
        let docs = ctx.docs(
            shape.traits.documentation.as_deref(),
            &format!("The service returned `{}`.", error_code(shape)),
        );
        variants.push(quote! { #docs #variant(#ty), });
        let predicate = ident(&error_variant.predicate);
        let predicate_doc = doc_lines(&format!(
            "Whether this is [`{0}`](Self::{0}).",
            error_variant.name
        ));
        predicates.push(quote! {
            #predicate_doc
            pub fn #predicate(&self) -> bool {
                matches!(self, Self::#variant(_))
            }
        });
        let code = error_code(shape);
        codes.push(quote! { Self::#variant(_) => Some(#code), });
        messages.push(message_arm(ctx, shape, &variant));
        displays.push(quote! { Self::#variant(error) => error.fmt(f), });
        sources.push(quote! { Self::#variant(error) => std::error::Error::source(error), });
        let from_doc = doc_lines(&format!(
            "Wraps a [`{}`].",
            ctx.symbols.type_of(error_id).name
        ));
        froms.push(quote! {
            impl From<#ty> for #name {
                #from_doc
                fn from(error: #ty) -> Self {
                    Self::#variant(error)
                }
            }
        });
    }
    quote! {
        #doc
        #[non_exhaustive]
        #[derive(Debug, Clone, PartialEq)]
        pub enum #name {
            #(#variants)*
            /// An error the model does not list for this operation.
            Unhandled(crate::error::UnhandledError),
            /// A response that could not be read.
            InvalidResponse(crate::error::InvalidResponseError),
        }

        impl #name {
            #(#predicates)*
            /// Whether this is an error the model does not list for this operation.
            pub fn is_unhandled(&self) -> bool {
                matches!(self, Self::Unhandled(_))
            }

            /// Whether the response could not be read.
            pub fn is_invalid_response(&self) -> bool {
                matches!(self, Self::InvalidResponse(_))
            }

            /// The error code the service sent.
            pub fn code(&self) -> Option<&str> {
                match self {
                    #(#codes)*
                    Self::Unhandled(error) => error.code(),
                    Self::InvalidResponse(_) => None,
                }
            }

            /// The message the service sent.
            pub fn message(&self) -> Option<&str> {
                match self {
                    #(#messages)*
                    Self::Unhandled(error) => error.message(),
                    Self::InvalidResponse(_) => None,
                }
            }
        }

        impl std::fmt::Display for #name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                match self {
                    #(#displays)*
                    Self::Unhandled(error) => error.fmt(f),
                    Self::InvalidResponse(error) => error.fmt(f),
                }
            }
        }

        // Display shows the wrapped error, so `source` skips it and gives that error's source.
        impl std::error::Error for #name {
            fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
                match self {
                    #(#sources)*
                    Self::Unhandled(error) => std::error::Error::source(error),
                    Self::InvalidResponse(error) => std::error::Error::source(error),
                }
            }
        }

        #(#froms)*

        impl From<crate::error::UnhandledError> for #name {
            /// Wraps an error the model does not list for this operation.
            fn from(error: crate::error::UnhandledError) -> Self {
                Self::Unhandled(error)
            }
        }

        impl From<crate::error::InvalidResponseError> for #name {
            /// Wraps a response that could not be read.
            fn from(error: crate::error::InvalidResponseError) -> Self {
                Self::InvalidResponse(error)
            }
        }
    }
}

fn message_arm(ctx: &Context<'_>, shape: &Shape, variant: &proc_macro2::Ident) -> TokenStream {
    let ShapeKind::Structure(members) = &shape.kind else {
        return quote! { Self::#variant(_) => None, };
    };
    let message = message_member(ctx, shape, members);
    match message {
        Some((member, symbol)) => {
            let field = ident(&symbol.name);
            if member.traits.required || member.traits.default.is_some() {
                quote! { Self::#variant(error) => Some(&error.#field), }
            } else {
                quote! { Self::#variant(error) => error.#field.as_deref(), }
            }
        }
        None => quote! { Self::#variant(_) => None, },
    }
}

/// The exception's `message` member (any case), when it holds a string.
fn message_member<'a>(
    ctx: &Context<'a>,
    shape: &Shape,
    members: &'a [Member],
) -> Option<(&'a Member, &'a MemberSymbol)> {
    members
        .iter()
        .zip(ctx.symbols.members(&shape.id))
        .find(|(m, _)| {
            m.name.eq_ignore_ascii_case("message")
                && ctx.symbols.rust_type(ctx.model, &m.target) == RustType::String
        })
}
