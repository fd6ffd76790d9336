//! Waiters, behind the `client-core` feature: for each waiter of the model a module
//! `crate::waiters::<name>` with its fluent builder, and a `wait_until_<name>` method on the
//! client. The acceptors' JMESPath expressions are compiled here ([`super::jmespath`]); a
//! waiter with an acceptor the compiler does not support is skipped, and the skip is reported
//! (the generation summary and the `waiters` module's documentation list it).

use std::time::Duration;

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::context::{Context, Imports, code_span, doc_lines, ident, inner_doc_lines};
use super::jmespath::{Compiler, Root, Ty, number_literal};
use super::structure;
use crate::model::{
    Acceptor, AcceptorState, Comparator, Expected, Matcher, PathMatcher, ShapeId, Waiter,
    WaiterSchedule,
};
use crate::symbols::Home;

/// A waiter the generator makes, with its acceptors compiled.
#[derive(Debug)]
pub struct PlannedWaiter<'m> {
    /// The waiter's name in the model.
    pub name: &'m str,
    /// The waiter.
    pub waiter: &'m Waiter,
    acceptors: Vec<CompiledAcceptor>,
}

/// A waiter the generator skips, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SkippedWaiter {
    /// The waiter's name in the model.
    pub name: String,
    /// The index of the acceptor the generator cannot compile.
    pub acceptor: usize,
    /// That acceptor, as the model writes it.
    pub description: String,
    /// What the compiler does not support in it.
    pub reason: String,
}

impl std::fmt::Display for SkippedWaiter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "waiter `{}` not generated: acceptors[{}] ({}): {}",
            self.name, self.acceptor, self.description, self.reason
        )
    }
}

#[derive(Debug)]
struct CompiledAcceptor {
    state: AcceptorState,
    description: String,
    matches: TokenStream,
}

/// The model's waiters, compiled or skipped, in name order.
#[derive(Debug, Default)]
pub struct Plan<'m> {
    /// The waiters the crate gets.
    pub generated: Vec<PlannedWaiter<'m>>,
    /// The waiters it does not get, with the reason.
    pub skipped: Vec<SkippedWaiter>,
}

/// Compiles every waiter of the model.
pub fn plan<'m>(ctx: &Context<'m>) -> Plan<'m> {
    let mut plan = Plan::default();
    for (name, waiter) in &ctx.model.service.waiters {
        match compile_waiter(ctx, waiter) {
            Ok(acceptors) => plan.generated.push(PlannedWaiter {
                name,
                waiter,
                acceptors,
            }),
            Err((acceptor, reason)) => plan.skipped.push(SkippedWaiter {
                name: name.clone(),
                acceptor,
                description: describe(&waiter.acceptors[acceptor]),
                reason,
            }),
        }
    }
    plan
}

/// The compiled acceptors, or the index of the first the compiler cannot compile and why.
fn compile_waiter(
    ctx: &Context<'_>,
    waiter: &Waiter,
) -> Result<Vec<CompiledAcceptor>, (usize, String)> {
    let (input, output) = operation_io(ctx, &waiter.operation);
    waiter
        .acceptors
        .iter()
        .enumerate()
        .map(|(index, acceptor)| {
            compile_acceptor(ctx, acceptor, input, output).map_err(|reason| (index, reason))
        })
        .collect()
}

/// The operation's (normalized) input and output structures.
fn operation_io<'m>(ctx: &Context<'m>, operation: &ShapeId) -> (&'m ShapeId, &'m ShapeId) {
    let crate::model::ShapeKind::Operation(op) = &ctx.shape(operation).kind else {
        unreachable!("the loaders check that a waiter's operation is an operation");
    };
    (op.input_id(), op.output_id())
}

/// The matcher as the model writes it, for messages and docs:
/// ``pathAny `items[].status` == "FAILED"``.
fn describe_matcher(matcher: &Matcher) -> String {
    let path = |prefix: &str, path: &PathMatcher| {
        let kind = match path.comparator {
            Comparator::Equals => "path",
            Comparator::AllEquals => "pathAll",
            Comparator::AnyEquals => "pathAny",
        };
        let expected = match &path.expected {
            Expected::String(s) => format!("{s:?}"),
            Expected::Bool(b) => b.to_string(),
            Expected::Number(n) => n.to_string(),
        };
        format!("{prefix}{kind} {} == {expected}", code_span(&path.path))
    };
    match matcher {
        Matcher::Output(p) => path("", p),
        Matcher::InputOutput(p) => path("inputOutput ", p),
        Matcher::Success(true) => "no error".to_owned(),
        Matcher::Success(false) => "any error".to_owned(),
        Matcher::ErrorType(code) => format!("error {code:?}"),
        Matcher::Status(status) => format!("status {status}"),
    }
}

fn describe(acceptor: &Acceptor) -> String {
    format!(
        "{}: {}",
        acceptor.state.name(),
        describe_matcher(&acceptor.matcher)
    )
}

fn compile_acceptor(
    ctx: &Context<'_>,
    acceptor: &Acceptor,
    input: &ShapeId,
    output: &ShapeId,
) -> Result<CompiledAcceptor, String> {
    let matches = match &acceptor.matcher {
        Matcher::Output(path) => compile_path(ctx, path, Root::Output(output))?,
        Matcher::InputOutput(path) => compile_path(ctx, path, Root::InputOutput { input, output })?,
        Matcher::Success(true) => quote!(|_, response| response.output().is_some()),
        Matcher::Success(false) => quote!(|_, response| response.error().is_some()),
        Matcher::ErrorType(code) => {
            quote!(|_, response| response.error().is_some_and(|error| error.code() == Some(#code)))
        }
        Matcher::Status(status) => {
            let status = Literal::u16_unsuffixed(*status);
            quote!(|_, response| response.status() == Some(#status))
        }
    };
    Ok(CompiledAcceptor {
        state: acceptor.state,
        description: describe_matcher(&acceptor.matcher),
        matches,
    })
}

/// The matcher closure of a path acceptor: the path compiled over the output (and input),
/// compared as botocore's waiter.py compares it. Errors never match.
fn compile_path(
    ctx: &Context<'_>,
    path: &PathMatcher,
    root: Root<'_>,
) -> Result<TokenStream, String> {
    let ast = crate::jmespath::parse(&path.path).map_err(|e| e.to_string())?;
    let compiler = Compiler::new(ctx);
    let value = compiler.compile(&ast, root).map_err(|e| e.to_string())?;
    let expected_ty = match &path.expected {
        Expected::String(_) => Ty::String,
        Expected::Bool(_) => Ty::Bool,
        Expected::Number(_) => Ty::Number,
    };
    let expected = match &path.expected {
        Expected::String(s) => quote!(#s),
        Expected::Bool(b) => quote!(#b),
        Expected::Number(n) => {
            let n = number_literal(n).map_err(|e| e.to_string())?;
            quote!(#n)
        }
    };
    // botocore's comparison could never be true: a type error in the model's waiter.
    let mismatch = |what: &str| {
        if what == "path" {
            format!(
                "the path gives {}, never equal to {}",
                value.ty.describe(),
                expected_ty.describe()
            )
        } else {
            format!(
                "{what} compares the items of an array with {}; the path gives {}",
                expected_ty.describe(),
                value.ty.describe()
            )
        }
    };
    let item_equals = match &path.expected {
        Expected::Bool(true) => quote!(*item),
        Expected::Bool(false) => quote!(!*item),
        _ => quote!(*item == #expected),
    };
    let test = match path.comparator {
        Comparator::Equals if value.ty == expected_ty => quote!(value == Some(#expected)),
        Comparator::Equals => return Err(mismatch("path")),
        Comparator::AllEquals | Comparator::AnyEquals => {
            let item_matches = matches!(&value.ty, Ty::List(item) if **item == expected_ty);
            match (path.comparator, item_matches) {
                (Comparator::AllEquals, true) => quote!(value.is_some_and(|items| {
                    !items.is_empty() && items.iter().all(|item| #item_equals)
                })),
                (Comparator::AnyEquals, true) => {
                    quote!(value.is_some_and(|items| items.contains(&#expected)))
                }
                (Comparator::AllEquals, false) => return Err(mismatch("pathAll")),
                _ => return Err(mismatch("pathAny")),
            }
        }
    };
    let tokens = &value.tokens;
    let input = if compiler.uses_input() {
        quote!(input)
    } else {
        quote!(_)
    };
    let output = if compiler.uses_output() {
        quote!(output)
    } else {
        quote!(_)
    };
    Ok(quote! {
        |#input, response| match response.output() {
            Some(#output) => {
                let value = #tokens;
                #test
            }
            None => false,
        }
    })
}

/// `src/waiters.rs` and `src/waiters/<name>.rs`, when the crate has waiters.
pub fn emit_files(ctx: &Context<'_>, plan: &Plan<'_>) -> Vec<(String, TokenStream)> {
    if plan.generated.is_empty() {
        return Vec::new();
    }
    let mut files = Vec::new();
    let mut modules = Vec::new();
    for planned in &plan.generated {
        let symbol = ctx.symbols.waiter(planned.name);
        let module = ident(&symbol.module);
        let doc = doc_lines(&format!(
            "The `{}` waiter: [`Client::{}`](crate::Client::{}).",
            planned.name, symbol.method, symbol.method
        ));
        modules.push(quote! {
            #doc
            pub mod #module;
        });
        let home = Home::Waiter {
            module: symbol.module.clone(),
        };
        files.push((
            format!("src/{}", home.file_path()),
            emit_waiter(ctx, planned, home),
        ));
    }
    let mut docs = "Waiters: each polls an operation until the resource it describes reaches a \
                    state. Start one with the client's `wait_until_…` method, set the input's \
                    members, then `wait().await`."
        .to_owned();
    if !plan.skipped.is_empty() {
        docs.push_str("\n\nNot generated yet:\n");
        for skipped in &plan.skipped {
            docs.push_str(&format!(
                "\n- `{}`: its acceptor `acceptors[{}]` ({}): {}",
                skipped.name, skipped.acceptor, skipped.description, skipped.reason
            ));
        }
    }
    let docs = inner_doc_lines(&docs);
    files.push((
        "src/waiters.rs".to_owned(),
        quote! {
            #docs

            pub use service_runtime::waiter::{
                AcceptorState, Exhausted, FailureState, FinalPoll, MatchedAcceptor, WaitLimit,
                WaiterError,
            };

            #(#modules)*
        },
    ));
    files
}

fn duration(value: Duration) -> TokenStream {
    if value.subsec_nanos() == 0 {
        let secs = Literal::u64_unsuffixed(value.as_secs());
        quote!(Duration::from_secs(#secs))
    } else {
        let millis = Literal::u64_unsuffixed(u64::try_from(value.as_millis()).unwrap_or(u64::MAX));
        quote!(Duration::from_millis(#millis))
    }
}

fn human(value: Duration) -> String {
    format!("{value:?}")
}

fn emit_waiter(ctx: &Context<'_>, planned: &PlannedWaiter<'_>, home: Home) -> TokenStream {
    let waiter = planned.waiter;
    let name = planned.name;
    let symbol = ctx.symbols.waiter(name);
    let operation = ctx.symbols.operation(&waiter.operation);
    let (input_id, output_id) = operation_io(ctx, &waiter.operation);
    let mut imports = Imports::new(ctx.symbols, home);
    let input = imports.named(ctx.symbols, input_id);
    let output = imports.named(ctx.symbols, output_id);
    let input_builder_name = ctx
        .symbols
        .type_of(input_id)
        .builder
        .clone()
        .expect("inputs are structures");
    let input_builder = imports.item(&[
        "crate",
        "operation",
        &operation.module,
        "builders",
        &input_builder_name,
    ]);
    let error = imports.item(&["crate", "operation", &operation.module, &operation.error]);
    let operation_module = ident(&operation.module);
    let operation_const = quote!(crate::operation::#operation_module::OPERATION);
    let duration_type = imports.item(&["std", "time", "Duration"]);
    let setters = structure::fluent_setters(ctx, ctx.shape(input_id), &mut imports);

    let builder = ident(&symbol.builder);
    let final_poll = ident(&symbol.final_poll);
    let error_alias = ident(&symbol.error);
    let acceptors = planned.acceptors.iter().map(|acceptor| {
        let state = match acceptor.state {
            AcceptorState::Success => quote!(Success),
            AcceptorState::Failure => quote!(Failure),
            AcceptorState::Retry => quote!(Retry),
        };
        let description = &acceptor.description;
        let matches = &acceptor.matches;
        quote! {
            service_runtime::waiter::Acceptor {
                state: service_runtime::waiter::AcceptorState::#state,
                description: #description,
                matches: #matches,
            }
        }
    });

    let documentation = ctx
        .markdown(waiter.documentation.as_deref())
        .unwrap_or_else(|| format!("The `{name}` waiter."));
    let deprecated = if waiter.deprecated {
        "\n\n**Deprecated** in the model."
    } else {
        ""
    };
    let acceptor_docs: String = planned
        .acceptors
        .iter()
        .enumerate()
        .map(|(index, a)| {
            format!(
                "\n{}. {}: {}",
                index + 1,
                match a.state {
                    AcceptorState::Success => "success",
                    AcceptorState::Failure => "failure",
                    AcceptorState::Retry => "retry",
                },
                a.description
            )
        })
        .collect();
    // What the schedule is, with links to the builder's methods that change it from `at`.
    let schedule_doc = |at: &str| match waiter.schedule {
        WaiterSchedule::Fixed {
            delay,
            max_attempts,
        } => format!(
            "Calls [`{op}`](crate::operation::{module}) up to {max_attempts} times, {delay} \
             apart, as boto3 does; [`delay`]({at}::delay), \
             [`max_attempts`]({at}::max_attempts) and [`max_wait`]({at}::max_wait) change that.",
            op = operation.model_name,
            module = operation.module,
            delay = human(delay),
        ),
        WaiterSchedule::Backoff {
            min_delay,
            max_delay,
        } => format!(
            "Calls [`{op}`](crate::operation::{module}) until the wait's end, sleeping between \
             {min} and {max} (exponential backoff with jitter, Smithy's waiter strategy); \
             [`min_delay`]({at}::min_delay) and [`max_delay`]({at}::max_delay) change that.",
            op = operation.model_name,
            module = operation.module,
            min = human(min_delay),
            max = human(max_delay),
        ),
    };
    let module_schedule_doc = schedule_doc(&format!(
        "crate::waiters::{}::{}",
        symbol.module, symbol.builder
    ));
    let module_doc = inner_doc_lines(&format!(
        "# The `{name}` waiter\n\n{documentation}{deprecated}\n\n{module_schedule_doc}\n\nThe response \
         of each call is matched against these acceptors, in order; the first that matches \
         decides (a response none matches is retried, unless it is an error, which fails the \
         wait):\n{acceptor_docs}"
    ));
    let builder_doc = doc_lines(&format!(
        "A wait for the `{name}` waiter: set the input's members of \
         [`{op}`](crate::operation::{module}), then [`wait`](Self::wait). Made by \
         [`Client::{method}`](crate::Client::{method}).\n\n{schedule}",
        op = operation.model_name,
        module = operation.module,
        method = symbol.method,
        schedule = schedule_doc("Self"),
    ));
    let final_poll_doc = doc_lines(&format!(
        "What a successful `{name}` wait returns: the last response, which a `success` \
         acceptor matched."
    ));
    let error_doc = doc_lines(&format!("Why a `{name}` wait failed."));
    let wait_errors = "# Errors\n\n[`WaiterError::FailureState`](crate::waiters::WaiterError::FailureState) \
        when a `failure` acceptor matches (it names the acceptor), \
        [`WaiterError::Exhausted`](crate::waiters::WaiterError::Exhausted) when the wait gives up, \
        and [`WaiterError::Operation`](crate::waiters::WaiterError::Operation) when a call fails \
        in a way no acceptor matches (a service error, or the input, endpoint or transport).";

    // `async fn` and `.await` for the async client, neither for the blocking one.
    let asyncness = |blocking: bool| {
        if blocking {
            (TokenStream::new(), TokenStream::new())
        } else {
            (quote!(async), quote!(.await))
        }
    };
    let (schedule_field, schedule_init, schedule_setters, (async_wait, blocking_wait)) =
        match waiter.schedule {
            WaiterSchedule::Fixed {
                delay,
                max_attempts,
            } => {
                let delay = duration(delay);
                let max_attempts = Literal::u32_unsuffixed(max_attempts);
                let wait_doc = doc_lines(&format!("Builds the input and waits.\n\n{wait_errors}"));
                (
                    quote!(schedule: service_runtime::waiter::FixedDelay,),
                    quote!(schedule: service_runtime::waiter::FixedDelay {
                    delay: #delay,
                    max_attempts: #max_attempts,
                    max_wait: None,
                },),
                    quote! {
                        /// The sleep between two calls (boto3's `WaiterConfig` `Delay`).
                        pub fn delay(mut self, delay: #duration_type) -> Self {
                            self.schedule.delay = delay;
                            self
                        }

                        /// The most calls, the first included (boto3's `WaiterConfig`
                        /// `MaxAttempts`).
                        pub fn max_attempts(mut self, max_attempts: u32) -> Self {
                            self.schedule.max_attempts = max_attempts;
                            self
                        }

                        /// The longest the wait may take: it gives up rather than sleep past it.
                        pub fn max_wait(mut self, max_wait: #duration_type) -> Self {
                            self.schedule.max_wait = Some(max_wait);
                            self
                        }
                    },
                    {
                        let wait = |blocking: bool| {
                            let (asyncness, wait) = asyncness(blocking);
                            quote! {
                                #wait_doc
                                pub #asyncness fn wait(self) -> Result<#final_poll, #error_alias> {
                                    let schedule = service_runtime::waiter::Schedule::Fixed(self.schedule);
                                    self.run(schedule)#wait
                                }
                            }
                        };
                        (wait(false), wait(true))
                    },
                )
            }
            WaiterSchedule::Backoff {
                min_delay,
                max_delay,
            } => {
                let (min, max) = (duration(min_delay), duration(max_delay));
                let wait_doc = doc_lines(&format!(
                    "Builds the input and waits at most `max_wait`.\n\n{wait_errors}"
                ));
                (
                    quote!(min_delay: #duration_type, max_delay: #duration_type,),
                    quote!(min_delay: #min, max_delay: #max,),
                    quote! {
                        /// The shortest sleep between two calls.
                        pub fn min_delay(mut self, min_delay: #duration_type) -> Self {
                            self.min_delay = min_delay;
                            self
                        }

                        /// The longest sleep between two calls.
                        pub fn max_delay(mut self, max_delay: #duration_type) -> Self {
                            self.max_delay = max_delay;
                            self
                        }
                    },
                    {
                        let wait = |blocking: bool| {
                            let (asyncness, wait) = asyncness(blocking);
                            quote! {
                                #wait_doc
                                pub #asyncness fn wait(self, max_wait: #duration_type) -> Result<#final_poll, #error_alias> {
                                    let schedule = service_runtime::waiter::Schedule::Backoff(
                                        service_runtime::waiter::Backoff {
                                            min_delay: self.min_delay,
                                            max_delay: self.max_delay,
                                            max_wait,
                                        },
                                    );
                                    self.run(schedule)#wait
                                }
                            }
                        };
                        (wait(false), wait(true))
                    },
                )
            }
        };
    let uses = imports.to_tokens();
    quote! {
        #module_doc
        #uses

        #final_poll_doc
        pub type #final_poll = service_runtime::waiter::FinalPoll<#output, #error>;

        #error_doc
        pub type #error_alias = service_runtime::waiter::WaiterError<#output, #error>;

        /// The waiter's name and acceptors, in model order.
        const WAITER: service_runtime::waiter::Waiter<#input, #output, #error> =
            service_runtime::waiter::Waiter {
                name: #name,
                acceptors: &[#(#acceptors),*],
            };

        #builder_doc
        ///
        /// `C` is the client it calls with: the async `Client` (`wait().await`), or with the
        /// `blocking` feature `blocking::Client` (`wait()`).
        #[derive(Debug, Clone)]
        pub struct #builder<C = crate::client::DefaultClient> {
            client: C,
            input: #input_builder,
            #schedule_field
        }

        impl<C> #builder<C> {
            pub(crate) fn new(client: C) -> Self {
                Self {
                    client,
                    input: #input::builder(),
                    #schedule_init
                }
            }

            /// The input builder the calls are set up with.
            pub fn as_input(&self) -> &#input_builder {
                &self.input
            }

            #schedule_setters

            #setters
        }

        #[cfg(feature = "client-core")]
        impl #builder<crate::Client> {
            #async_wait

            async fn run(
                self,
                schedule: service_runtime::waiter::Schedule,
            ) -> Result<#final_poll, #error_alias> {
                let input = self.input.build().map_err(|error| {
                    service_runtime::waiter::WaiterError::Operation(crate::Error::Build(error))
                })?;
                let client = self.client;
                service_runtime::waiter::wait(&WAITER, schedule, input, |input| {
                    let client = client.clone();
                    async move {
                        client
                            .call_with_error_metadata(input, #operation_const)
                            .await
                    }
                })
                .await
            }
        }

        #[cfg(feature = "blocking")]
        impl #builder<crate::blocking::Client> {
            #blocking_wait

            fn run(
                self,
                schedule: service_runtime::waiter::Schedule,
            ) -> Result<#final_poll, #error_alias> {
                let input = self.input.build().map_err(|error| {
                    service_runtime::waiter::WaiterError::Operation(crate::Error::Build(error))
                })?;
                let client = self.client;
                service_runtime::waiter::wait_blocking(&WAITER, schedule, input, |input| {
                    client.call_with_error_metadata(input, #operation_const)
                })
            }
        }
    }
}

/// The client's `wait_until_<name>` methods.
pub fn client_methods(ctx: &Context<'_>, plan: &Plan<'_>) -> TokenStream {
    plan.generated
        .iter()
        .map(|planned| {
            let symbol = ctx.symbols.waiter(planned.name);
            let method = ident(&symbol.method);
            let module = ident(&symbol.module);
            let builder = ident(&symbol.builder);
            let operation = ctx.symbols.operation(&planned.waiter.operation);
            let documentation = ctx
                .markdown(planned.waiter.documentation.as_deref())
                .unwrap_or_else(|| format!("The `{}` waiter.", planned.name));
            let doc = doc_lines(&format!(
                "Starts a wait for the [`{name}`](crate::waiters::{module}) waiter, which calls \
                 [`{op}`](crate::operation::{op_module}): set the input's members on the \
                 returned builder, then `wait().await`.\n\n{documentation}",
                name = planned.name,
                module = symbol.module,
                op = operation.model_name,
                op_module = operation.module,
            ));
            quote! {
                #doc
                pub fn #method(&self) -> crate::waiters::#module::#builder<Self> {
                    crate::waiters::#module::#builder::new(self.clone())
                }
            }
        })
        .collect()
}
