//! The generated crate's support modules: `primitives`, `error` and the private
//! `constraints` module. What is the same for every model lives once, in the runtime crate;
//! these modules re-export it under the crate's own paths and add what depends on the model
//! (the compiled constraint patterns).

use proc_macro2::TokenStream;
use quote::quote;

use super::context::{Context, doc_lines, ident};

/// `src/primitives.rs`.
pub fn emit_primitives(ctx: &Context<'_>) -> TokenStream {
    let event_streams = crate::protocol::has_event_streams(ctx.model).then(|| {
        quote! {
            pub use service_runtime::event_stream::{EventReceiver, EventStreamError};
        }
    });
    let input_streams = crate::protocol::has_input_event_streams(ctx.model).then(|| {
        // The channel needs the async client's runtime.
        let channel = super::has_client(ctx.model).then(|| {
            quote! {
                #[cfg(feature = "client-core")]
                pub use service_runtime::event_input::{InputClosed, InputSender};
            }
        });
        quote! {
            pub use service_runtime::event_input::EventStreamInput;
            #channel
        }
    });
    let mut event_doc = if event_streams.is_some() {
        "\n//!\n//! An event stream's events arrive through an [`EventReceiver`]: an async `Stream`, \
         `recv` one at a time, or, on the blocking client, `recv_blocking` and an `Iterator`; \
         what ends a stream early is an [`EventStreamError`]."
            .to_owned()
    } else {
        String::new()
    };
    if input_streams.is_some() {
        event_doc.push_str(
            " The events an operation sends are an [`EventStreamInput`]: a `Vec`, an iterator, \
             any async `Stream`, or a channel fed while the call runs (the async client only: \
             input event streams go over HTTP/2, which the blocking client does not speak).",
        );
    }
    let doc = super::context::inner_doc_lines(&format!(
        "Value types the generated shapes use: [`Timestamp`] (a `jiff::Timestamp`), \
         [`Document`] (untyped JSON-like data), [`ByteStream`] (a streaming payload, read or \
         written chunk by chunk) and the raw value of unknown enum variants.{event_doc}"
    ));
    quote! {
        #doc

        pub use service_runtime::primitives::{Document, Timestamp, UnknownVariantValue};
        pub use service_runtime::stream::ByteStream;
        #event_streams
        #input_streams
    }
}

/// `src/error.rs`.
pub fn emit_error_module() -> TokenStream {
    quote! {
        //! Errors of building, validating, serializing and parsing values, and the catch-all
        //! service error.

        pub use service_runtime::error::{
            BuildError, ConstraintViolation, InvalidResponseError, SerializeError,
            UnhandledError, UnknownEnumValueError, ValidationError,
        };
    }
}

/// `src/constraints.rs`: the runtime's checks and the model's compiled patterns.
pub fn emit_constraints_module(ctx: &Context<'_>) -> TokenStream {
    let patterns = ctx.symbols.patterns().map(|(pattern, name)| {
        let name = ident(name);
        let doc = doc_lines(&format!(
            "The pattern {}.",
            super::context::code_span(pattern)
        ));
        let checked = ctx
            .model
            .patterns
            .get(pattern)
            .expect("the transform stage records every pattern it keeps");
        let source = &checked.source;
        let constructor = match checked.engine {
            crate::pattern::Engine::Lite => quote!(lite),
            crate::pattern::Engine::Unicode => quote!(unicode),
            crate::pattern::Engine::Lookaround => quote!(lookaround),
        };
        quote! {
            #doc
            pub(crate) static #name: LazyLock<Pattern> =
                LazyLock::new(|| Pattern::#constructor(#pattern, #source));
        }
    });
    let pattern_support = if ctx.symbols.patterns().next().is_some() {
        quote! {
            use std::sync::LazyLock;

            use service_runtime::constraints::Pattern;

            #(#patterns)*
        }
    } else {
        TokenStream::new()
    };
    quote! {
        //! The constraint checks of `validate()`.
        // A model without constraints leaves the imports unused.
        #![allow(unused_imports)]

        pub(crate) use service_runtime::constraints::*;

        #pattern_support
    }
}
