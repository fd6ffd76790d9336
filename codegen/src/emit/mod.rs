//! The emit stage: model + symbols → one token stream per file of the generated crate.
//!
//! One emitter per shape kind ([`structure`], [`enumeration`], [`union`], [`errors`]), one for
//! the crate's fixed support modules ([`support`]); this module decides which file holds what.

pub mod auth;
pub mod client;
pub mod constraints;
pub mod context;
pub mod endpoint;
pub mod enumeration;
pub mod errors;
pub mod examples;
pub mod jmespath;
pub mod manifest;
pub mod operation_table;
pub mod programs;
pub mod protocol_tests;
pub mod serde_form;
pub mod structure;
pub mod support;
pub mod union;
pub mod values;
pub mod waiters;

use std::collections::BTreeMap;

use proc_macro2::TokenStream;
use quote::quote;

use self::context::{Context, Imports, doc_lines, ident, inner_doc_lines};
use self::structure::Role;
use crate::error::Result;
use crate::model::{Model, ShapeKind};
use crate::symbols::{Home, Symbols, TypeSymbol};

/// The Rust files of the crate, by path relative to the crate root (`src/lib.rs`, …).
pub type RustFiles = BTreeMap<String, TokenStream>;

/// What the emit stage makes of a model: the crate's files, and the items of the model it
/// leaves out because the generator cannot make them yet.
#[derive(Debug)]
pub struct EmittedCrate {
    /// The Rust files.
    pub files: RustFiles,
    /// The waiters not generated, with the reason.
    pub skipped_waiters: Vec<waiters::SkippedWaiter>,
    /// The summary's notes about the examples and paginators left out, or generated with less
    /// than the model says.
    pub notes: Vec<crate::model::Note>,
}

/// Emits every Rust file of the crate; `crate_name` is its package name, which its tests use;
/// `protocol_tests` says where the cases of `tests/protocol_tests.rs` come from.
pub fn emit_crate(
    model: &Model,
    symbols: &Symbols,
    crate_name: &str,
    protocol_tests: &protocol_tests::ProtocolTests,
) -> Result<EmittedCrate> {
    let ctx = Context {
        model,
        symbols,
        validated: constraints::reached_from_inputs(model),
    };
    let protocol = crate::protocol::for_model(model);
    // Waiters call the client: a crate without one gets none.
    let waiter_plan = if has_client(model) {
        waiters::plan(&ctx)
    } else {
        waiters::Plan::default()
    };
    let mut files = RustFiles::new();
    files.insert(
        "src/lib.rs".into(),
        emit_lib(&ctx, !waiter_plan.generated.is_empty()),
    );
    files.insert("src/primitives.rs".into(), support::emit_primitives(&ctx));
    files.insert("src/error.rs".into(), support::emit_error_module());
    let mut protocol_module = protocol.emit_support_module(&ctx);
    protocol_module.extend(serde_form::emit_marker(&ctx, &*protocol));
    files.insert("src/protocol.rs".into(), protocol_module);
    files.insert(
        "src/constraints.rs".into(),
        support::emit_constraints_module(&ctx),
    );

    let mut shared = Vec::new();
    let mut errors = Vec::new();
    for (id, symbol) in symbols.types() {
        let shape = ctx.shape(id);
        let mut imports = Imports::new(symbols, symbol.home.clone());
        let body = match (&symbol.home, &shape.kind) {
            (Home::Operation { .. } | Home::Waiter { .. }, _) => continue,
            (Home::TypesError { .. }, _) => {
                let mut body = structure::emit_structure(&ctx, shape, Role::Error, &mut imports)?;
                body.extend(errors::emit_exception_impls(&ctx, shape));
                errors.push(symbol);
                body
            }
            (Home::Types { .. }, ShapeKind::Enum(_)) => {
                shared.push(symbol);
                enumeration::emit_enum(&ctx, shape)
            }
            (Home::Types { .. }, ShapeKind::Union(_)) => {
                shared.push(symbol);
                union::emit_union(&ctx, shape, &mut imports)
            }
            (Home::Types { .. }, _) => {
                shared.push(symbol);
                structure::emit_structure(&ctx, shape, Role::Shared, &mut imports)?
            }
        };
        let wire = wire_impls(&ctx, protocol.as_ref(), shape);
        let module_doc = inner_doc_lines(&format!("The [`{0}`] type.", symbol.name));
        let uses = imports.to_tokens();
        files.insert(
            format!("src/{}", symbol.home.file_path()),
            quote! { #module_doc #uses #body #wire },
        );
    }
    files.insert(
        "src/types.rs".into(),
        emit_types_module(&shared, !errors.is_empty()),
    );
    if !errors.is_empty() {
        files.insert(
            "src/types/error.rs".into(),
            emit_types_error_module(&errors),
        );
    }

    let mut operation_modules = Vec::new();
    for (id, operation) in model.operations() {
        let symbol = symbols.operation(id);
        let home = Home::Operation {
            module: symbol.module.clone(),
        };
        let mut imports = Imports::new(symbols, home.clone());
        let input = ctx.shape(operation.input_id());
        let output = ctx.shape(operation.output_id());
        let mut input_tokens =
            structure::emit_structure(&ctx, input, Role::Input(id.name()), &mut imports)?;
        input_tokens.extend(wire_impls(&ctx, protocol.as_ref(), input));
        let mut output_tokens =
            structure::emit_structure(&ctx, output, Role::Output(id.name()), &mut imports)?;
        output_tokens.extend(wire_impls(&ctx, protocol.as_ref(), output));
        let error_tokens = errors::emit_operation_error(&ctx, id, &operation.errors, &mut imports);
        let protocol_tokens =
            protocol.emit_operation_functions(&ctx, id, operation, &mut imports)?;
        let client_tokens = client::emit_operation_client(&ctx, id, operation, &mut imports)?;
        let operation_shape = ctx.shape(id);
        let module_doc = operation_docs(
            &ctx,
            id.name(),
            operation_shape.traits.documentation.as_deref(),
            client::left_out_call(ctx.model, operation),
        );
        let builder_of = |id| {
            let builder = symbols.type_of(id).builder.as_deref();
            ident(builder.expect("operation inputs and outputs are structures"))
        };
        let input_builder = builder_of(&input.id);
        let output_builder = builder_of(&output.id);
        let uses = imports.to_tokens();
        files.insert(
            format!("src/{}", home.file_path()),
            quote! {
                #module_doc
                #uses
                #protocol_tokens
                #input_tokens
                #output_tokens
                #error_tokens
                #client_tokens
                /// The builders of this operation's input and output.
                pub mod builders {
                    pub use super::{#input_builder, #output_builder};
                }
            },
        );
        operation_modules.push(symbol);
    }
    let modules = operation_modules.iter().map(|symbol| {
        let module = ident(&symbol.module);
        let doc = doc_lines(&format!("The `{}` operation.", symbol.model_name));
        quote! {
            #doc
            pub mod #module;
        }
    });
    let table = operation_table::emit_operation_table(&ctx);
    files.insert(
        "src/operation.rs".into(),
        quote! {
            //! One module per operation: its input, output and error types.
            #(#modules)*
            #table
        },
    );
    let examples = examples::emit_examples_file(&ctx, crate_name);
    if let Some(tests) = examples.tokens {
        files.insert("tests/examples.rs".into(), tests);
    }
    let mut notes = examples.notes;
    notes.extend(client::paginator_notes(&ctx));
    if let Some(tests) = protocol_tests::emit_protocol_tests_file(&ctx, crate_name, protocol_tests)?
    {
        files.insert("tests/protocol_tests.rs".into(), tests);
    }
    if let Some(module) = endpoint::emit_endpoint_module(&ctx)? {
        files.insert("src/endpoint.rs".into(), module);
    }
    if let Some(tests) = endpoint::emit_endpoint_tests(&ctx, crate_name)? {
        files.insert("tests/endpoint_tests.rs".into(), tests);
    }
    if let Some(module) = client::emit_client_module(&ctx, &waiter_plan)? {
        files.insert("src/client.rs".into(), module);
    }
    files.extend(waiters::emit_files(&ctx, &waiter_plan));
    for program in programs::emit_example_programs(&ctx, crate_name) {
        files.insert(format!("examples/{}.rs", program.name), program.tokens);
    }
    Ok(EmittedCrate {
        files,
        skipped_waiters: waiter_plan.skipped,
        notes,
    })
}

/// What goes beside a type for the wire: the protocol's codec, the zero value a missing
/// required member takes, and the user-facing serde form (feature `serde`).
fn wire_impls(
    ctx: &Context<'_>,
    protocol: &dyn crate::protocol::ProtocolGenerator,
    shape: &crate::model::Shape,
) -> TokenStream {
    let mut tokens = protocol.emit_type_codec(ctx, shape);
    tokens.extend(protocol.emit_event_codec(ctx, shape));
    tokens.extend(crate::protocol::json_body::emit_zero(ctx, shape));
    tokens.extend(serde_form::emit_serde_impls(ctx, protocol, shape));
    tokens
}

fn operation_docs(
    ctx: &Context<'_>,
    name: &str,
    html: Option<&str>,
    left_out_call: Option<&str>,
) -> TokenStream {
    let markdown = html
        .map(|html| crate::docs::html_to_markdown(html, &|n| ctx.symbols.doc_link(n)))
        .filter(|md| !md.trim().is_empty())
        .unwrap_or_else(|| format!("The `{name}` operation."));
    let left_out = left_out_call
        .map(|why| {
            format!(
                "\n\nThe client has no call for this operation: it {why}. The request and \
                 response functions are here for a caller that sends them itself."
            )
        })
        .unwrap_or_default();
    inner_doc_lines(&format!("# {name}\n\n{markdown}{left_out}"))
}

fn emit_lib(ctx: &Context<'_>, has_waiters: bool) -> TokenStream {
    let service = &ctx.model.service;
    let title = format!("# {} ({})", service.title, service.version);
    let service_docs = service
        .documentation
        .as_deref()
        .map(|html| crate::docs::html_to_markdown(html, &|n| ctx.symbols.doc_link(n)))
        .unwrap_or_default();
    let overview = "## Modules\n\n\
        - [`operation`]: one module per operation, with its input, output and error types.\n\
        - [`types`]: the shapes the operations share; [`types::builders`] builds them.\n\
        - [`error`]: errors of building, validating and parsing values.\n\
        - [`primitives`]: the timestamp type and the raw value of unknown enum variants.";
    let client_overview = if has_client(ctx.model) {
        "\n- `client`, `endpoint` (feature `client`, or `client-core` without the default HTTP \
         transport): the signed async `Client`, its `Config` and `Error`, one fluent call per \
         operation, paginators, and the endpoint resolver compiled from the model's rule set.\n\
         - `blocking` (feature `blocking`): the same client on the calling thread, with no \
         async runtime: `send()` returns the output, paginators are iterators."
    } else {
        ""
    };
    let left_out = if ctx.model.left_out.is_empty() {
        String::new()
    } else {
        let items: Vec<String> = ctx
            .model
            .left_out
            .iter()
            .map(|(id, left_out)| format!("- `{}`: it uses {}.", id.name(), left_out.reason))
            .collect();
        format!(
            "\n\n## Not generated yet\n\nThese operations of the service use a wire feature \
             the generator does not generate yet, so the crate leaves them out:\n\n{}",
            items.join("\n")
        )
    };
    let waiters_overview = if has_waiters {
        "\n- [`waiters`] (feature `client-core` or `blocking`): waiters, which poll an operation \
         until a resource reaches a state; start one with the client's `wait_until_…` methods."
    } else {
        ""
    };
    let docs = inner_doc_lines(&format!(
        "{title}\n\n{service_docs}\n\n{overview}{client_overview}{waiters_overview}{left_out}"
    ));
    let client_modules = if has_client(ctx.model) {
        quote! {
            #[cfg(any(feature = "client-core", feature = "blocking"))]
            #[rustfmt::skip]
            pub mod client;
            #[cfg(any(feature = "client-core", feature = "blocking"))]
            #[rustfmt::skip]
            pub mod endpoint;
            #[cfg(feature = "client-core")]
            pub use client::Client;
            #[cfg(feature = "blocking")]
            pub use client::blocking;
            #[cfg(any(feature = "client-core", feature = "blocking"))]
            pub use client::{Config, Error};
        }
    } else {
        TokenStream::new()
    };
    let waiter_module = if has_waiters {
        quote! {
            #[cfg(any(feature = "client-core", feature = "blocking"))]
            #[rustfmt::skip]
            pub mod waiters;
        }
    } else {
        TokenStream::new()
    };
    // Three of clippy's lints are allowed crate-wide. Two as smithy-rs allows them in every SDK
    // crate: `should_implement_trait`, since a builder's setters are named after the model's
    // members (sagemaker's `AliasOperations` has a member `Add`, whose setter is `add`), and
    // `large_enum_variant`, since union and error variants hold the model's structures as
    // aws-sdk-rust's do (boxing them would change the types users match on). And
    // `result_large_err`, since the blocking client's calls and waits return the same error
    // types as the async client's (whose `async fn`s the lint does not look at).
    quote! {
        #docs
        #![warn(missing_docs)]
        #![allow(rustdoc::redundant_explicit_links)]
        #![allow(
            clippy::should_implement_trait,
            clippy::large_enum_variant,
            clippy::result_large_err
        )]

        #[rustfmt::skip]
        pub mod error;
        #[rustfmt::skip]
        pub mod operation;
        #[rustfmt::skip]
        pub mod primitives;
        #[rustfmt::skip]
        pub mod types;
        #[rustfmt::skip]
        mod protocol;
        #[rustfmt::skip]
        mod constraints;
        #client_modules
        #waiter_module
    }
}

/// Which of the model's waiters the generator compiles (by name), and the ones it skips with
/// the reason, whether or not the crate gets a client.
pub fn compile_waiters(model: &Model, symbols: &Symbols) -> (Vec<String>, Vec<String>) {
    let ctx = Context {
        model,
        symbols,
        validated: constraints::reached_from_inputs(model),
    };
    let plan = waiters::plan(&ctx);
    (
        plan.generated.iter().map(|w| w.name.to_owned()).collect(),
        plan.skipped.iter().map(ToString::to_string).collect(),
    )
}

/// Whether the crate gets a client: the model says how to find the service's endpoint.
pub fn has_client(model: &Model) -> bool {
    model.service.endpoint_rule_set.is_some()
}

fn emit_types_module(shared: &[&TypeSymbol], has_errors: bool) -> TokenStream {
    let error_module = if has_errors {
        quote! {
            pub mod error;
        }
    } else {
        TokenStream::new()
    };
    let (items, builders) = module_items(shared);
    quote! {
        //! The shapes the operations share.
        #items
        #error_module
        /// Builders for the structures of this module.
        pub mod builders {
            #builders
        }
    }
}

fn emit_types_error_module(errors: &[&TypeSymbol]) -> TokenStream {
    let (items, builders) = module_items(errors);
    quote! {
        //! The errors the service can return.
        #items
        /// Builders for the errors of this module.
        pub mod builders {
            #builders
        }
    }
}

/// For types each in a file of its own below one module: the `mod` declarations and
/// re-exports, and the re-exports of their builders.
fn module_items(symbols: &[&TypeSymbol]) -> (TokenStream, TokenStream) {
    let mut modules = Vec::new();
    let mut reexports = Vec::new();
    let mut builders = Vec::new();
    for symbol in symbols {
        let (Home::Types { file } | Home::TypesError { file }) = &symbol.home else {
            continue;
        };
        let module = ident(file);
        let name = ident(&symbol.name);
        modules.push(quote! { mod #module; });
        reexports.push(quote! { pub use #module::#name; });
        if let Some(error) = &symbol.stream_error {
            let error = ident(error);
            reexports.push(quote! { pub use #module::#error; });
        }
        if let Some(builder) = &symbol.builder {
            let builder = ident(builder);
            builders.push(quote! { pub use super::#module::#builder; });
        }
    }
    (
        quote! { #(#modules)* #(#reexports)* },
        quote! { #(#builders)* },
    )
}
