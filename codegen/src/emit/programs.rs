//! The example programs of the client (`examples/<operation>.rs`), two at most:
//!
//! - one call, for the first operation (in model order) whose whole input is one list of
//!   strings — DescribeAssessmentRuns and its ARNs, for Inspector Classic: it takes the
//!   strings as arguments and prints the response as JSON with the service's keys;
//! - a listing, for the paginated operation with the richest filter, when that filter has at
//!   least [`RICH_FILTER`] members — ListFindings and its `filterCriteria` (69), for Amazon
//!   Inspector; Inspector Classic's richest, `FindingFilter` (8), is not: it takes the input members as
//!   `--member VALUE` options (JSON for structures and lists), pages through the results and
//!   prints the items as JSON with boto3's keys.
//!
//! Each shows one way to use the client; more would repeat them.

use proc_macro2::TokenStream;
use quote::quote;

use super::context::{Context, ident, inner_doc_lines};
use crate::model::{Operation, ShapeKind};
use crate::symbols::RustType;

/// One example program: its name (the operation's module) and its tokens.
pub struct Program {
    /// The example's name, e.g. `describe_assessment_runs`.
    pub name: String,
    /// The program.
    pub tokens: TokenStream,
}

/// The example programs, for a crate with a client and operations that fit.
pub fn emit_example_programs(ctx: &Context<'_>, crate_name: &str) -> Vec<Program> {
    if !super::has_client(ctx.model) {
        return Vec::new();
    }
    emit_call_program(ctx, crate_name)
        .into_iter()
        .chain(emit_list_program(ctx, crate_name))
        .collect()
}

/// The one-call program: see the module's documentation.
fn emit_call_program(ctx: &Context<'_>, crate_name: &str) -> Option<Program> {
    let (id, operation) = ctx
        .model
        .operations()
        .find(|(_, operation)| takes_one_string_list(ctx, operation))?;
    let input_id = operation.input.as_ref()?;
    let krate = ident(&crate_name.replace('-', "_"));
    let symbol = ctx.symbols.operation(id);
    let member_symbol = &ctx.symbols.members(input_id)[0];
    let setter = ident(&member_symbol.set);
    let method = ident(&symbol.module);
    let program = &symbol.module;
    let wire = &member_symbol.wire_name;
    let value_name = "VALUE";
    let usage = format!(
        "usage: {program} [--region REGION] [--endpoint-url URL] {value_name}...\n\n\
             Calls {} with the given `{wire}` and prints the response as JSON.",
        symbol.model_name
    );
    let doc = inner_doc_lines(&format!(
        "Calls `{op}` with the `{wire}` given as arguments:\n\n\
             ```text\n\
             cargo run -p {crate_name} --features client,serde --example {program} -- \
             [--region R] [--endpoint-url URL] {value_name}...\n\
             ```\n\n\
             Credentials and the other settings come from the environment and the shared \
             profile files (`Config::from_env`); `--region` and `--endpoint-url` override \
             theirs. The response is printed as pretty JSON with the keys of boto3's response \
             dict: the service's, timestamps as epoch seconds, and `ResponseMetadata`. On failure the program \
             prints the error's code and message and exits with status 1; on wrong arguments, \
             with status 2.",
        op = symbol.model_name
    ));
    let tokens = quote! {
        #doc

        use std::process::ExitCode;

        const USAGE: &str = #usage;

        // Formatted by the generator; `cargo fmt` would format it differently.
        #[rustfmt::skip]
        fn main() -> ExitCode {
            let mut region = None;
            let mut endpoint_url = None;
            let mut values = Vec::new();
            let mut args = std::env::args().skip(1);
            while let Some(arg) = args.next() {
                match arg.as_str() {
                    "--region" | "--endpoint-url" => {
                        let Some(value) = args.next() else {
                            return usage(&format!("{arg} needs a value"));
                        };
                        if arg == "--region" {
                            region = Some(value);
                        } else {
                            endpoint_url = Some(value);
                        }
                    }
                    "-h" | "--help" => {
                        println!("{USAGE}");
                        return ExitCode::SUCCESS;
                    }
                    flag if flag.starts_with('-') => {
                        return usage(&format!("unknown option {flag}"));
                    }
                    _ => values.push(arg),
                }
            }
            if values.is_empty() {
                return usage("give at least one value");
            }

            let config = match #krate::Config::from_env() {
                Ok(config) => config,
                Err(error) => {
                    eprintln!("error: {error}");
                    return ExitCode::FAILURE;
                }
            };
            let mut builder = config.to_builder();
            if let Some(region) = region {
                builder = builder.region(region);
            }
            if let Some(endpoint_url) = endpoint_url {
                builder = builder.endpoint_url(endpoint_url);
            }
            let client = #krate::Client::new(builder.build());

            let runtime = match tokio::runtime::Builder::new_current_thread().enable_all().build() {
                Ok(runtime) => runtime,
                Err(error) => {
                    eprintln!("error: cannot start the async runtime: {error}");
                    return ExitCode::FAILURE;
                }
            };
            let result = runtime.block_on(
                client.#method().#setter(Some(values)).send_with_metadata(),
            );
            match result {
                Ok((output, metadata)) => match response_dict(&output, &metadata) {
                    Ok(json) => {
                        println!("{json}");
                        ExitCode::SUCCESS
                    }
                    Err(error) => {
                        eprintln!("error: cannot print the response: {error}");
                        ExitCode::FAILURE
                    }
                },
                Err(#krate::Error::Service(error)) => {
                    eprintln!(
                        "error: {}: {}",
                        error.code().unwrap_or("Unknown"),
                        error.message().unwrap_or("(no message)")
                    );
                    ExitCode::FAILURE
                }
                Err(error) => {
                    eprintln!("error: {error}");
                    ExitCode::FAILURE
                }
            }
        }

        /// The output as boto3's response dict: the service's keys, and `ResponseMetadata`.
        #[rustfmt::skip]
        fn response_dict(
            output: &impl serde::Serialize,
            metadata: &#krate::client::ResponseMetadata,
        ) -> Result<String, serde_json::Error> {
            let mut dict = serde_json::to_value(output)?;
            let headers: serde_json::Map<String, serde_json::Value> = metadata
                .headers()
                .iter()
                .map(|(name, value)| {
                    let value = String::from_utf8_lossy(value.as_bytes()).into_owned();
                    (name.as_str().to_owned(), serde_json::Value::String(value))
                })
                .collect();
            if let serde_json::Value::Object(members) = &mut dict {
                members.insert(
                    "ResponseMetadata".to_owned(),
                    serde_json::json!({
                        "RequestId": metadata.request_id().unwrap_or_default(),
                        "HTTPStatusCode": metadata.status(),
                        "HTTPHeaders": headers,
                        "RetryAttempts": metadata.retry_attempts(),
                    }),
                );
            }
            serde_json::to_string_pretty(&dict)
        }

        #[rustfmt::skip]
        fn usage(problem: &str) -> ExitCode {
            eprintln!("error: {problem}\n\n{USAGE}");
            ExitCode::from(2)
        }
    };
    Some(Program {
        name: symbol.module.clone(),
        tokens,
    })
}

/// Whether the operation's whole input is one required list of strings.
fn takes_one_string_list(ctx: &Context<'_>, operation: &Operation) -> bool {
    let Some(input_id) = &operation.input else {
        return false;
    };
    let ShapeKind::Structure(members) = &ctx.shape(input_id).kind else {
        return false;
    };
    let [member] = members.as_slice() else {
        return false;
    };
    member.traits.required
        && ctx.symbols.rust_type(ctx.model, &member.target)
            == RustType::List(Box::new(RustType::String))
}

/// The fewest members a filter structure needs for the listing program: one with fewer shows
/// little that the one-call program does not.
pub const RICH_FILTER: usize = 16;

/// The paginated operation with items whose input has the structure member named like a
/// filter with the most members, at least [`RICH_FILTER`].
fn richest_filtered_listing<'m>(ctx: &Context<'m>) -> Option<&'m crate::model::ShapeId> {
    let mut best: Option<(&crate::model::ShapeId, usize)> = None;
    for (id, operation) in ctx.model.operations() {
        // The program prints the items of a list at the top of the output.
        let plan = super::client::plan_paginator(ctx, id);
        if !plan.is_ok_and(|plan| {
            plan.and_then(|plan| plan.items_kind()) == Some(super::client::ItemsKind::TopLevelList)
        }) {
            continue;
        }
        let Some(input_id) = &operation.input else {
            continue;
        };
        let ShapeKind::Structure(members) = &ctx.shape(input_id).kind else {
            continue;
        };
        let richness = members
            .iter()
            .filter(|member| member.name.to_ascii_lowercase().contains("filter"))
            .filter_map(|member| match &ctx.shape(&member.target).kind {
                ShapeKind::Structure(filters) => Some(filters.len()),
                _ => None,
            })
            .max();
        if let Some(richness) = richness.filter(|&richness| richness >= RICH_FILTER) {
            if best.is_none_or(|(_, most)| richness > most) {
                best = Some((id, richness));
            }
        }
    }
    best.map(|(id, _)| id)
}

/// The Rust type of `ty` as a program outside the crate `krate` names it.
fn outside_type(ctx: &Context<'_>, krate: &proc_macro2::Ident, ty: &RustType) -> TokenStream {
    match ty {
        RustType::String => quote!(String),
        RustType::Bool => quote!(bool),
        RustType::I8 => quote!(i8),
        RustType::I16 => quote!(i16),
        RustType::I32 => quote!(i32),
        RustType::I64 => quote!(i64),
        RustType::F32 => quote!(f32),
        RustType::F64 => quote!(f64),
        RustType::Timestamp => quote!(#krate::primitives::Timestamp),
        RustType::Blob => quote!(Vec<u8>),
        RustType::ByteStream => quote!(#krate::primitives::ByteStream),
        RustType::EventStream(id) => {
            let symbol = ctx.symbols.type_of(id);
            let error = symbol
                .stream_error
                .as_deref()
                .expect("the symbol table names the error enum of every event stream");
            let events = outside_path(krate, &symbol.home, &symbol.name);
            let error = outside_path(krate, &symbol.home, error);
            quote!(#krate::primitives::EventReceiver<#events, #error>)
        }
        RustType::EventInput(id) => {
            let symbol = ctx.symbols.type_of(id);
            let events = outside_path(krate, &symbol.home, &symbol.name);
            quote!(#krate::primitives::EventStreamInput<#events>)
        }
        RustType::Document => quote!(serde_json::Value),
        RustType::Nullable(inner) => {
            let inner = outside_type(ctx, krate, inner);
            quote!(Option<#inner>)
        }
        RustType::Named(id) => {
            let symbol = ctx.symbols.type_of(id);
            outside_path(krate, &symbol.home, &symbol.name)
        }
        RustType::List(item) => {
            let item = outside_type(ctx, krate, item);
            quote!(Vec<#item>)
        }
        RustType::Map(key, value) => {
            let key = outside_type(ctx, krate, key);
            let value = outside_type(ctx, krate, value);
            quote!(std::collections::HashMap<#key, #value>)
        }
    }
}

/// The path of the item `name` of the generated file `home`, from outside the crate `krate`.
fn outside_path(
    krate: &proc_macro2::Ident,
    home: &crate::symbols::Home,
    name: &str,
) -> TokenStream {
    let path = home.public_path().into_iter().map(|s| ident(&s));
    let name = ident(name);
    quote!(#krate #(::#path)* ::#name)
}

/// The listing program: see the module's documentation.
fn emit_list_program(ctx: &Context<'_>, crate_name: &str) -> Option<Program> {
    let id = richest_filtered_listing(ctx)?;
    let ShapeKind::Operation(operation) = &ctx.shape(id).kind else {
        return None;
    };
    let paginated = ctx.shape(id).traits.paginated.as_ref()?;
    let input_id = operation.input.as_ref()?;
    let ShapeKind::Structure(members) = &ctx.shape(input_id).kind else {
        return None;
    };
    let krate = ident(&crate_name.replace('-', "_"));
    let symbol = ctx.symbols.operation(id);
    let method = ident(&symbol.module);
    let program = &symbol.module;
    let mut options = Vec::new();
    let mut locals = Vec::new();
    let mut arms = Vec::new();
    let mut setters = Vec::new();
    for (member, member_symbol) in members.iter().zip(ctx.symbols.members(input_id)) {
        if paginated.input_token.as_deref() == Some(member.name.as_str()) {
            continue;
        }
        let ty = ctx.symbols.rust_type(ctx.model, &member.target);
        let rust = outside_type(ctx, &krate, &ty);
        let flag = format!("--{}", member.name);
        let local = ident(&member_symbol.name);
        let setter = ident(&member_symbol.set);
        let parse = if ty == RustType::String {
            quote!(Ok::<String, String>(value))
        } else {
            quote!(serde_json::from_str::<#rust>(&value).map_err(|e| e.to_string()))
        };
        options.push(format!(
            "  {flag} {}",
            if ty == RustType::String {
                "TEXT"
            } else {
                "JSON"
            }
        ));
        locals.push(quote! { let mut #local: Option<#rust> = None; });
        arms.push(quote! {
            #flag => match #parse {
                Ok(parsed) => #local = Some(parsed),
                Err(error) => return usage(&format!("{}: {error}", #flag)),
            },
        });
        setters.push(quote!(.#setter(#local)));
    }
    let items = paginated.items.as_deref().unwrap_or_default();
    let usage = format!(
        "usage: {program} [--region REGION] [--endpoint-url URL] [--max-items N] [OPTION VALUE]...\n\n\
         Calls {op} page after page and prints its `{items}` as a JSON array with boto3's keys.\n\
         The options set the input's members; JSON values for structures, lists and numbers:\n\n{}",
        options.join("\n"),
        op = symbol.model_name,
    );
    let doc = inner_doc_lines(&format!(
        "Lists `{items}` with `{op}`, filtered by the options given as arguments:\n\n\
         ```text\n\
         cargo run -p {crate_name} --features client,serde --example {program} -- \
         [--region R] [--endpoint-url URL] [--max-items N] [--member VALUE]...\n\
         ```\n\n\
         Each `--member VALUE` sets that member of the input: the text itself for a string, \
         else JSON with boto3's keys. The program pages through the results with the \
         operation's paginator and prints the items as one pretty JSON array with boto3's \
         keys (timestamps as epoch seconds); `--max-items` stops after that many. Credentials \
         and the other settings come from the environment and the shared profile files \
         (`Config::from_env`); `--region` and `--endpoint-url` override theirs. On failure \
         the program prints the error's code and message and exits with status 1; on wrong \
         arguments, with status 2.",
        op = symbol.model_name
    ));
    let tokens = quote! {
        #doc

        use std::process::ExitCode;

        const USAGE: &str = #usage;

        // Formatted by the generator; `cargo fmt` would format it differently.
        #[rustfmt::skip]
        fn main() -> ExitCode {
            let mut region = None;
            let mut endpoint_url = None;
            let mut max_items: Option<usize> = None;
            #(#locals)*
            let mut args = std::env::args().skip(1);
            while let Some(arg) = args.next() {
                if arg == "-h" || arg == "--help" {
                    println!("{USAGE}");
                    return ExitCode::SUCCESS;
                }
                let Some(value) = args.next() else {
                    return usage(&format!("{arg} needs a value"));
                };
                match arg.as_str() {
                    "--region" => region = Some(value),
                    "--endpoint-url" => endpoint_url = Some(value),
                    "--max-items" => match value.parse() {
                        Ok(count) => max_items = Some(count),
                        Err(_) => return usage(&format!("--max-items: {value:?} is not a count")),
                    },
                    #(#arms)*
                    other => return usage(&format!("unknown option {other}")),
                }
            }

            let config = match #krate::Config::from_env() {
                Ok(config) => config,
                Err(error) => {
                    eprintln!("error: {error}");
                    return ExitCode::FAILURE;
                }
            };
            let mut builder = config.to_builder();
            if let Some(region) = region {
                builder = builder.region(region);
            }
            if let Some(endpoint_url) = endpoint_url {
                builder = builder.endpoint_url(endpoint_url);
            }
            let client = #krate::Client::new(builder.build());

            let runtime = match tokio::runtime::Builder::new_current_thread().enable_all().build() {
                Ok(runtime) => runtime,
                Err(error) => {
                    eprintln!("error: cannot start the async runtime: {error}");
                    return ExitCode::FAILURE;
                }
            };
            let mut stream = client.#method() #(#setters)* .into_paginator().items();
            let listed = runtime.block_on(async {
                let mut listed = Vec::new();
                while max_items.is_none_or(|max| listed.len() < max) {
                    match stream.next().await {
                        Some(Ok(item)) => listed.push(item),
                        Some(Err(error)) => return Err(error),
                        None => break,
                    }
                }
                Ok(listed)
            });
            match listed {
                Ok(listed) => match serde_json::to_string_pretty(&listed) {
                    Ok(json) => {
                        println!("{json}");
                        ExitCode::SUCCESS
                    }
                    Err(error) => {
                        eprintln!("error: cannot print the items: {error}");
                        ExitCode::FAILURE
                    }
                },
                Err(#krate::Error::Service(error)) => {
                    eprintln!(
                        "error: {}: {}",
                        error.code().unwrap_or("Unknown"),
                        error.message().unwrap_or("(no message)")
                    );
                    ExitCode::FAILURE
                }
                Err(error) => {
                    eprintln!("error: {error}");
                    ExitCode::FAILURE
                }
            }
        }

        #[rustfmt::skip]
        fn usage(problem: &str) -> ExitCode {
            eprintln!("error: {problem}\n\n{USAGE}");
            ExitCode::from(2)
        }
    };
    Some(Program {
        name: symbol.module.clone(),
        tokens,
    })
}
