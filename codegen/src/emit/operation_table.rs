//! The crate's hidden operation table: a `macro_rules!` macro that hands every operation's
//! names to a macro of the caller's, so that a test harness can replay cases per operation
//! (`serialize_request`, `parse_response`, the error enum's variants) without a hand-written
//! list of operations. It is `#[doc(hidden)]` and not part of the crate's API.

use proc_macro2::TokenStream;
use quote::quote;

use super::context::{Context, ident};

/// `__operation_table!`, exported at the crate root: `__operation_table!(callback tokens…)`
/// expands to
///
/// ```text
/// callback! {
///     tokens…
///     left_out [StreamingOperation, …]
///     AssociateMember => associate_member, AssociateMemberError
///         [AccessDeniedException = "AccessDeniedException", …] by_ref;
///     …
/// }
/// ```
///
/// the caller's tokens, the operations of the model left out of the crate, then one row per
/// generated operation in model order: the model's name, the module, the error enum, each
/// modelled error's variant with the model's shape name, and how `serialize_request` takes its
/// input: `by_ref`, or `by_value` for an input whose payload streams.
pub fn emit_operation_table(ctx: &Context<'_>) -> TokenStream {
    let rows = ctx.model.operations().map(|(id, operation)| {
        let symbol = ctx.symbols.operation(id);
        let name = ident(&symbol.model_name);
        let module = ident(&symbol.module);
        let error = ident(&symbol.error);
        let errors = operation.errors.iter().map(|error_id| {
            let variant = ident(&ctx.symbols.error_variant(error_id).name);
            let shape = error_id.name();
            quote! { #variant = #shape }
        });
        let mode = if super::structure::streams(ctx, operation.input_id()) {
            ident("by_value")
        } else {
            ident("by_ref")
        };
        quote! { #name => #module, #error [#(#errors),*] #mode; }
    });
    let left_out = ctx.model.left_out.keys().map(|id| ident(id.name()));
    quote! {
        /// Calls `$callback! { tokens… left_out [Name, …] Name => module, ErrorEnum
        /// [Variant = "ShapeName", …] by_ref; … }` with every operation of the crate, for test
        /// harnesses; not part of the crate's API.
        #[doc(hidden)]
        #[macro_export]
        macro_rules! __operation_table {
            ($callback:ident $($tokens:tt)*) => {
                $callback! { $($tokens)* left_out [#(#left_out),*] #(#rows)* }
            };
        }
    }
}
