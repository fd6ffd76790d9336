//! The client, behind the `client-core` feature (which `client` turns on with a transport): `src/client.rs` (`Config`, `Client`, `Error`,
//! the page streams, the waiters' methods) and, in each operation's module, its fluent builder
//! and paginator.

use proc_macro2::TokenStream;
use quote::quote;

use super::context::{Context, Imports, doc_lines, ident};
use super::structure;
use crate::endpoint_rules::{self, ParameterType};
use crate::error::{Error, Result};
use crate::model::{Operation, ShapeId, ShapeKind};
use crate::symbols::RustType;

/// `src/client.rs`, for a model with an endpoint rule set (a service the client can reach).
pub fn emit_client_module(
    ctx: &Context<'_>,
    waiters: &super::waiters::Plan<'_>,
) -> Result<Option<TokenStream>> {
    if !super::has_client(ctx.model) {
        return Ok(None);
    }
    let service = &ctx.model.service;
    let signing_name = &service.signing_name;
    let service_auth = super::auth::service_schemes(ctx.model);
    let endpoint_params = endpoint_params(ctx)?;
    let waiter_methods = super::waiters::client_methods(ctx, waiters);
    // Whether a call may stream its output: then `Parse` has a `Streaming` variant.
    let streams = ctx.model.operations().any(|(_, operation)| {
        left_out_call(ctx.model, operation).is_none()
            && structure::streams(ctx, operation.output_id())
    });
    // Whether a call reads its response whole: then `Parse` has a `Whole` variant (a crate
    // whose every call streams has none).
    let whole = ctx.model.operations().any(|(_, operation)| {
        left_out_call(ctx.model, operation).is_none()
            && !structure::streams(ctx, operation.output_id())
    });
    let whole_variant = whole.then(|| {
        quote! {
            /// Read whole, then parsed.
            Whole(fn(&http::Response<Vec<u8>>) -> Result<O, E>),
        }
    });
    let async_whole_arm = whole.then(|| {
        quote! {
            Parse::Whole(parse) => service_runtime::invoke_with_error_metadata(
                self.config(),
                &SERVICE,
                endpoint.source(),
                request,
                parse,
                operation.error_info,
            )
            .await,
        }
    });
    let blocking_whole_arm = whole.then(|| {
        quote! {
            Parse::Whole(parse) => service_runtime::blocking::invoke_with_error_metadata(
                &self.handle.config,
                &super::SERVICE,
                endpoint.source(),
                request,
                parse,
                operation.error_info,
            ),
        }
    });
    let streaming_variant = streams.then(|| {
        quote! {
            /// A successful response's body streams into the output, read by the caller; an
            /// error response is read whole and parsed.
            Streaming {
                output: fn(http::Response<service_runtime::stream::ByteStream>) -> Result<O, E>,
                error: fn(&http::Response<Vec<u8>>) -> E,
            },
        }
    });
    let async_streaming_arm = streams.then(|| {
        quote! {
            Parse::Streaming { output, error } => service_runtime::invoke_streaming(
                self.config(),
                &SERVICE,
                endpoint.source(),
                request,
                output,
                error,
                operation.error_info,
            )
            .await,
        }
    });
    let blocking_streaming_arm = streams.then(|| {
        quote! {
            Parse::Streaming { output, error } => service_runtime::blocking::invoke_streaming(
                &self.handle.config,
                &super::SERVICE,
                endpoint.source(),
                request,
                output,
                error,
                operation.error_info,
            ),
        }
    });
    // How a call's endpoint is found: the client's (resolved once), one the operation's own
    // parameters resolve, or (for a rule set that uses the account id) one the runtime resolves
    // with the credentials' account.
    let (resolved_enum, resolved_type, resolve_endpoint) = match account_id_field(ctx)? {
        None => (
            quote! {
                /// The endpoint of one call.
                enum CallEndpoint<'a> {
                    /// The client's.
                    Shared(&'a Endpoint),
                    /// Resolved for this call, with the operation's own parameters.
                    Own(Endpoint),
                }

                impl CallEndpoint<'_> {
                    fn source(&self) -> service_runtime::EndpointSource<'_> {
                        match self {
                            CallEndpoint::Shared(endpoint) => (*endpoint).into(),
                            CallEndpoint::Own(endpoint) => endpoint.into(),
                        }
                    }
                }
            },
            quote!(CallEndpoint<'_>),
            quote! {
                // An operation that sets rule-set parameters resolves its own endpoint.
                let endpoint = match operation.endpoint_params {
                    None => CallEndpoint::Shared(self.endpoint()?),
                    Some(set) => {
                        let mut params = self.endpoint_params();
                        set(input, &mut params);
                        CallEndpoint::Own(crate::endpoint::resolve(&params)?)
                    }
                };
            },
        ),
        Some((field, defaulted)) => {
            let account_id = if defaulted {
                quote!(params.#field = account_id.to_owned();)
            } else {
                quote!(params.#field = Some(account_id.to_owned());)
            };
            (
                quote! {
                    /// Resolves a call's endpoint with the account id of its credentials.
                    type ByAccountId =
                        Box<dyn Fn(Option<&str>) -> Result<Endpoint, EndpointError> + Send + Sync>;

                    /// The endpoint of one call, resolved by the runtime once it has the call's
                    /// credentials.
                    struct CallEndpoint(ByAccountId);

                    impl CallEndpoint {
                        fn source(&self) -> service_runtime::EndpointSource<'_> {
                            service_runtime::EndpointSource::ByAccountId(&*self.0)
                        }
                    }
                },
                quote!(CallEndpoint),
                quote! {
                    // The rule set uses the credentials' account id: the runtime resolves the
                    // endpoint once it has the call's credentials.
                    let mut params = self.endpoint_params();
                    if let Some(set) = operation.endpoint_params {
                        set(input, &mut params);
                    }
                    let endpoint = CallEndpoint(Box::new(move |account_id: Option<&str>| {
                        let mut params = params.clone();
                        if let Some(account_id) = account_id {
                            #account_id
                        }
                        crate::endpoint::resolve(&params)
                    }));
                },
            )
        }
    };
    let calls = ctx
        .model
        .operations()
        .filter(|(_, operation)| left_out_call(ctx.model, operation).is_none())
        .map(|(id, _)| {
        let symbol = ctx.symbols.operation(id);
        let method = ident(&symbol.module);
        let module = ident(&symbol.module);
        let fluent = ident(&symbol.fluent_builder);
        let doc = ctx
            .markdown(ctx.shape(id).traits.documentation.as_deref())
            .unwrap_or_else(|| format!("The `{}` operation.", symbol.model_name));
        let doc = doc_lines(&format!(
            "Starts a [`{}`](crate::operation::{}) call: set the input's members on the returned \
             builder, then `send().await`.\n\n{doc}",
            symbol.model_name, symbol.module
        ));
        let blocking_doc = doc_lines(&format!(
            "Starts a [`{}`](crate::operation::{}) call: set the input's members on the returned \
             builder, then `send()`.",
            symbol.model_name, symbol.module
        ));
        // An input event stream goes over HTTP/2, which the blocking client does not speak.
        let blocking = (!sends_events(ctx, id)).then(|| {
            quote! {
                #blocking_doc
                pub fn #method(&self) -> crate::operation::#module::#fluent<Client> {
                    crate::operation::#module::#fluent::new(self.clone())
                }
            }
        });
        (
            quote! {
                #doc
                pub fn #method(&self) -> crate::operation::#module::#fluent<Client> {
                    crate::operation::#module::#fluent::new(self.clone())
                }
            },
            quote!(#blocking),
        )
    });
    let (calls, blocking_calls): (Vec<_>, Vec<_>) = calls.unzip();
    Ok(Some(quote! {
        //! The signed clients: the async `Client` (feature `client-core`) and the
        //! `blocking::Client` (feature `blocking`), their [`Config`] and the [`Error`] of a
        //! call.
        //!
        //! A client has one method per operation, which returns that operation's fluent
        //! builder: set the input's members, then `send().await` (or `send()` on the blocking
        //! client). A call is validated against the model's constraints, signed as the model's
        //! auth says (SigV4, SigV4a, a bearer token, or not at all), sent to the endpoint the
        //! model's rule set resolves, and retried on throttling and transient errors. Calls of
        //! the async client need a tokio runtime; the blocking client's run on the calling
        //! thread.

        use std::sync::{Arc, OnceLock};

        pub use service_runtime::{
            BoxFuture, Config, ConfigBuilder, ConfigError, Credentials, CredentialsError,
            DefaultCredentialsChain, DefaultTokenChain, DispatchError, EnvironmentCredentials,
            HttpClient, ProfileCredentials, ProvideCredentials, ProvideToken, ResponseMetadata,
            RetryConfig, RetryMode, Token, TransportError, TransportErrorKind,
        };
        pub use service_runtime::endpoint::{Endpoint, EndpointError};
        pub use service_runtime::client::Error;
        #[cfg(feature = "client-core")]
        pub use service_runtime::client::{ItemStream, PageStream};

        /// The client a fluent builder sends with when its type names none: the async
        /// `Client` when the `client-core` feature is on, else the blocking one.
        #[cfg(feature = "client-core")]
        pub type DefaultClient = Client;
        /// The client a fluent builder sends with when its type names none: the async
        /// `Client` when the `client-core` feature is on, else the blocking one.
        #[cfg(not(feature = "client-core"))]
        pub type DefaultClient = blocking::Client;

        /// What the runtime needs to know of the service.
        const SERVICE: service_runtime::Service = service_runtime::Service {
            signing_name: #signing_name,
            auth: #service_auth,
            user_agent: concat!(env!("CARGO_PKG_NAME"), "/", env!("CARGO_PKG_VERSION")),
        };

        /// A client of the service: cheap to clone, and shared by clones.
        #[cfg(feature = "client-core")]
        #[derive(Debug, Clone)]
        pub struct Client {
            handle: Arc<Handle>,
        }

        /// What a client and its clones share: the configuration, and the endpoint once
        /// resolved.
        #[derive(Debug)]
        struct Handle {
            config: Config,
            endpoint: OnceLock<Result<Endpoint, EndpointError>>,
        }

        #resolved_enum

        impl Handle {
            fn new(config: Config) -> Arc<Self> {
                Arc::new(Handle {
                    config,
                    endpoint: OnceLock::new(),
                })
            }

            fn endpoint(&self) -> Result<&Endpoint, EndpointError> {
                self.endpoint
                    .get_or_init(|| crate::endpoint::resolve(&self.endpoint_params()))
                    .as_ref()
                    .map_err(Clone::clone)
            }

            /// The rule set's parameters from the configuration; an operation may set more.
            fn endpoint_params(&self) -> crate::endpoint::Params {
                let config = &self.config;
                #endpoint_params
            }

            /// What both clients do before sending: validates the input (unless the
            /// configuration turns it off), finds the endpoint and serializes the request.
            fn prepare<I, O, E>(
                &self,
                input: I,
                operation: &Operation<I, O, E>,
            ) -> Result<(http::Request<service_runtime::stream::ByteStream>, #resolved_type), Error<E>> {
                let owned = input;
                let input = &owned;
                if self.config.validate_input() {
                    (operation.validate)(input).map_err(Error::Validation)?;
                }
                #resolve_endpoint
                let mut request = (operation.serialize)(owned).map_err(Error::Serialize)?;
                if let Some(auth) = operation.auth {
                    request.extensions_mut().insert(auth);
                }
                Ok((request, endpoint))
            }
        }

        /// The runtime's error of a call as the call's [`Error`].
        fn call_error<E>(
            (error, metadata): (service_runtime::InvokeError<E>, Option<ResponseMetadata>),
        ) -> (Error<E>, Option<ResponseMetadata>) {
            let error = match error {
                service_runtime::InvokeError::Service(error) => Error::Service(error),
                service_runtime::InvokeError::Dispatch(error) => Error::Dispatch(error),
                service_runtime::InvokeError::Endpoint(error) => Error::Endpoint(error),
            };
            (error, metadata)
        }

        #[cfg(feature = "client-core")]
        impl Client {
            /// A client with this configuration. Nothing is checked or resolved until the
            /// first call, so a wrong configuration shows as that call's error.
            pub fn new(config: Config) -> Self {
                Self { handle: Handle::new(config) }
            }

            /// The client's configuration.
            pub fn config(&self) -> &Config {
                &self.handle.config
            }

            /// The endpoint calls go to, resolved once from the configuration by the
            /// model's endpoint rule set. An operation that sets rule-set parameters itself
            /// (the model's context parameters) resolves its own endpoint for each call.
            ///
            /// # Errors
            ///
            /// The rule set's error for this configuration, e.g. a missing region.
            pub fn endpoint(&self) -> Result<&Endpoint, EndpointError> {
                self.handle.endpoint()
            }

            /// Validates (unless the configuration turns it off), serializes, signs, sends
            /// and parses one call, with retries.
            pub(crate) async fn call<I, O: Send, E: Send>(
                &self,
                input: I,
                operation: Operation<I, O, E>,
            ) -> Result<(O, ResponseMetadata), Error<E>> {
                self.call_with_error_metadata(input, operation)
                    .await
                    .map_err(|(error, _)| error)
            }

            /// [`call`](Self::call), also returning the metadata (status, headers) of an
            /// error response, which waiters match.
            pub(crate) async fn call_with_error_metadata<I, O: Send, E: Send>(
                &self,
                input: I,
                operation: Operation<I, O, E>,
            ) -> Result<(O, ResponseMetadata), (Error<E>, Option<ResponseMetadata>)> {
                let (request, endpoint) = self
                    .handle
                    .prepare(input, &operation)
                    .map_err(|error| (error, None))?;
                match operation.parse {
                    #async_whole_arm
                    #async_streaming_arm
                }
                .map_err(call_error)
            }

            #(#calls)*
            #waiter_methods
        }

        /// The functions of one operation that a call runs.
        pub(crate) struct Operation<I, O, E> {
            pub(crate) validate: fn(&I) -> Result<(), crate::error::ValidationError>,
            /// Takes the input by value: a streaming payload moves into the request.
            pub(crate) serialize: fn(I) -> Result<http::Request<service_runtime::stream::ByteStream>, crate::error::SerializeError>,
            pub(crate) parse: Parse<O, E>,
            pub(crate) error_info: for<'e> fn(&'e E) -> service_runtime::ErrorInfo<'e>,
            /// Sets the rule-set parameters the operation gives (its context parameters).
            pub(crate) endpoint_params: Option<fn(&I, &mut crate::endpoint::Params)>,
            /// The operation's auth where it differs from the service's.
            pub(crate) auth: Option<service_runtime::OperationAuth>,
        }

        /// How a call reads its response.
        pub(crate) enum Parse<O, E> {
            #whole_variant
            #streaming_variant
        }

        #[cfg(feature = "blocking")]
        pub mod blocking {
            //! The blocking client (feature `blocking`): the same fluent calls, sent on the
            //! calling thread over ureq and rustls, with no async runtime. `send()` returns
            //! the output; paginators are [`Iterator`]s of pages ([`Pages`]) and of items
            //! ([`Items`]). Do not call it from inside an async task: it blocks the thread.

            use std::sync::Arc;

            use super::{Config, Endpoint, EndpointError, Error, Handle, Operation, Parse, ResponseMetadata};

            pub use service_runtime::blocking::{BlockingHttpClient, Items, Pages, UreqClient};

            /// A blocking client of the service: cheap to clone, and shared by clones.
            #[derive(Debug, Clone)]
            pub struct Client {
                handle: Arc<Handle>,
            }

            impl Client {
                /// A client with this configuration. Nothing is checked or resolved until the
                /// first call, so a wrong configuration shows as that call's error.
                pub fn new(config: Config) -> Self {
                    Self { handle: Handle::new(config) }
                }

                /// The client's configuration.
                pub fn config(&self) -> &Config {
                    &self.handle.config
                }

                /// The endpoint calls go to, resolved once from the configuration by the
                /// model's endpoint rule set.
                ///
                /// # Errors
                ///
                /// The rule set's error for this configuration, e.g. a missing region.
                pub fn endpoint(&self) -> Result<&Endpoint, EndpointError> {
                    self.handle.endpoint()
                }

                /// Validates, serializes, signs, sends and parses one call, with retries, on
                /// this thread.
                pub(crate) fn call<I, O: Send, E: Send>(
                    &self,
                    input: I,
                    operation: Operation<I, O, E>,
                ) -> Result<(O, ResponseMetadata), Error<E>> {
                    self.call_with_error_metadata(input, operation)
                        .map_err(|(error, _)| error)
                }

                /// [`call`](Self::call), also returning the metadata (status, headers) of an
                /// error response, which waiters match.
                pub(crate) fn call_with_error_metadata<I, O: Send, E: Send>(
                    &self,
                    input: I,
                    operation: Operation<I, O, E>,
                ) -> Result<(O, ResponseMetadata), (Error<E>, Option<ResponseMetadata>)> {
                    let (request, endpoint) = self
                        .handle
                        .prepare(input, &operation)
                        .map_err(|error| (error, None))?;
                    match operation.parse {
                        #blocking_whole_arm
                        #blocking_streaming_arm
                    }
                    .map_err(super::call_error)
                }

                #(#blocking_calls)*
                #waiter_methods
            }
        }
    }))
}

/// `crate::endpoint::Params { … }` from `config`, each rule-set parameter from the
/// configuration value its `builtIn` names.
fn endpoint_params(ctx: &Context<'_>) -> Result<TokenStream> {
    let file = "endpoint rule set";
    let Some(rule_set) = &ctx.model.service.endpoint_rule_set else {
        return Ok(TokenStream::new());
    };
    let mut fields = Vec::new();
    // By name: the rule set's key order must not show in the output.
    for (name, parameter) in &rule_set.parameters {
        let field = super::endpoint::param_field(name)?;
        let value = match parameter.built_in.as_deref() {
            Some("AWS::Region") => quote!(config.region().map(str::to_owned)),
            Some("AWS::UseFIPS") => quote!(config.use_fips()),
            Some("AWS::UseDualStack") => quote!(config.use_dual_stack()),
            // The client's endpoint URL, else the service's (`AWS_ENDPOINT_URL_<SDK ID>`, a
            // profile's `services` section), else the global one.
            Some("SDK::Endpoint") => {
                let sdk_id = &ctx.model.service.sdk_id;
                quote!(config.endpoint_url_for(#sdk_id))
            }
            // Unset here: each call sets it from its credentials (see `uses_account_id`).
            Some(ACCOUNT_ID) => {
                require_string(name, parameter)?;
                quote!(Default::default())
            }
            Some("AWS::Auth::AccountIdEndpointMode") => {
                require_string(name, parameter)?;
                let mode = quote!(config.account_id_endpoint_mode().as_str().to_owned());
                if parameter.default.is_some() {
                    mode
                } else {
                    quote!(Some(#mode))
                }
            }
            Some(other) => {
                return Err(Error::model(
                    file,
                    format!(
                        "parameter `{name}`: the client has no configuration value for the \
                         built-in `{other}`"
                    ),
                ));
            }
            None => {
                if parameter.required
                    && parameter.default.is_none()
                    && !set_by_operations(ctx, name)
                {
                    return Err(Error::model(
                        file,
                        format!(
                            "parameter `{name}` is required, has no default and no built-in \
                             value, and no operation sets it, so the client cannot set it"
                        ),
                    ));
                }
                quote!(Default::default())
            }
        };
        fields.push(quote!(#field: #value));
    }
    Ok(quote! {
        crate::endpoint::Params { #(#fields),* }
    })
}

/// The built-in that the credentials' account id fills.
const ACCOUNT_ID: &str = "AWS::Auth::AccountId";

/// Fails unless the rule-set parameter `name` is a string.
fn require_string(name: &str, parameter: &endpoint_rules::Parameter) -> Result<()> {
    if parameter.ty == ParameterType::String {
        Ok(())
    } else {
        Err(Error::model(
            "endpoint rule set",
            format!("parameter `{name}`: its built-in fills a string, but it is not one"),
        ))
    }
}

/// The `Params` field the credentials' account id fills, and whether the field has a default
/// (a `String` rather than an `Option`): for a rule set with the `AWS::Auth::AccountId`
/// built-in, whose endpoint is resolved once a call's credentials are known.
fn account_id_field(ctx: &Context<'_>) -> Result<Option<(proc_macro2::Ident, bool)>> {
    let Some(rule_set) = &ctx.model.service.endpoint_rule_set else {
        return Ok(None);
    };
    // By name, the first: deterministic whatever the key order.
    rule_set
        .parameters
        .iter()
        .find(|(_, p)| p.built_in.as_deref() == Some(ACCOUNT_ID))
        .map(|(name, p)| Ok((super::endpoint::param_field(name)?, p.default.is_some())))
        .transpose()
}

/// Whether some operation sets the rule-set parameter `name`: statically, from an input
/// member, or by a path into its input.
fn set_by_operations(ctx: &Context<'_>, name: &str) -> bool {
    ctx.model.operations().any(|(_, operation)| {
        operation.static_context_params.contains_key(name)
            || operation.operation_context_params.contains_key(name)
            || operation.input.as_ref().is_some_and(|input| {
                ctx.shape(input)
                    .kind
                    .members()
                    .iter()
                    .any(|m| m.traits.context_param.as_deref() == Some(name))
            })
    })
}

/// How a `Params` field holds a rule-set parameter's value.
struct ParamSlot {
    field: proc_macro2::Ident,
    kind: ParameterType,
    /// `String` or `bool` rather than an `Option`: the parameter has a default.
    defaulted: bool,
}

/// The `Params` field of the rule-set parameter `name`, if the rule set has it.
fn param_slot(ctx: &Context<'_>, name: &str) -> Result<Option<ParamSlot>> {
    let Some(parameter) = ctx
        .model
        .service
        .endpoint_rule_set
        .as_ref()
        .and_then(|r| r.parameters.get(name))
    else {
        return Ok(None);
    };
    Ok(Some(ParamSlot {
        field: super::endpoint::param_field(name)?,
        kind: parameter.ty,
        defaulted: parameter.default.is_some(),
    }))
}

/// `fn endpoint_params(input, params)`: the rule-set parameters the operation sets, as
/// botocore sets them: `staticContextParams`, then input members with `contextParam` (when
/// set), then `operationContextParams` (member paths `A.B`). `None` when it sets none.
fn operation_endpoint_params(
    ctx: &Context<'_>,
    id: &ShapeId,
    operation: &Operation,
    input: &proc_macro2::Ident,
) -> Result<Option<TokenStream>> {
    let file = "endpoint rule set";
    let mut statements = Vec::new();
    // A fixed value: the parameter's type decides the literal.
    for (name, value) in &operation.static_context_params {
        let Some(slot) = param_slot(ctx, name)? else {
            continue;
        };
        let field = &slot.field;
        let value = match (value, slot.kind) {
            (serde_json::Value::String(s), ParameterType::String) => quote!(#s.to_owned()),
            (serde_json::Value::Bool(b), ParameterType::Boolean) => quote!(#b),
            (serde_json::Value::Array(items), ParameterType::StringArray)
                if items.iter().all(serde_json::Value::is_string) =>
            {
                let items = items.iter().filter_map(serde_json::Value::as_str);
                quote!(vec![#(#items.to_owned()),*])
            }
            (other, _) => {
                return Err(Error::shape(
                    file,
                    id,
                    format!(
                        "static context parameter `{name}`: the value {other} does not fit the \
                         parameter's type"
                    ),
                ));
            }
        };
        let value = if slot.defaulted {
            value
        } else {
            quote!(Some(#value))
        };
        statements.push(quote!(params.#field = #value;));
    }
    let static_count = statements.len();
    let input_id = operation.input_id();
    let members = ctx.shape(input_id).kind.members();
    for (member, symbol) in members.iter().zip(ctx.symbols.members(input_id)) {
        let Some(name) = &member.traits.context_param else {
            continue;
        };
        let Some(slot) = param_slot(ctx, name)? else {
            continue;
        };
        let access = ident(&symbol.name);
        let optional = structure::is_optional_field(member);
        let value = if optional {
            quote!(input.#access.as_ref())
        } else {
            quote!(input.#access)
        };
        let Some(statement) = context_value(ctx, &member.target, value, optional, &slot) else {
            return Err(Error::shape(
                file,
                id,
                format!(
                    "member `{}` sets the rule-set parameter `{name}`, but its type does not fit \
                     the parameter's",
                    member.name
                ),
            ));
        };
        statements.push(statement);
    }
    for (name, path) in &operation.operation_context_params {
        let Some(slot) = param_slot(ctx, name)? else {
            continue;
        };
        let statement = context_path(ctx, input_id, path, &slot).ok_or_else(|| {
            Error::shape(
                file,
                id,
                format!(
                    "operation context parameter `{name}`: the path `{path}` is not one of the \
                     forms supported (a chain of members `A.B` ending in a value of the \
                     parameter's type; for a string array, `keys(A.B)` of a map, `A[*].B.C` \
                     or `A[*].[B.C, D.E][]` of a list of structures)"
                ),
            )
        })?;
        statements.push(statement);
    }
    if statements.is_empty() {
        return Ok(None);
    }
    let uses_input = statements.len() > static_count;
    let input_arg = if uses_input {
        quote!(input)
    } else {
        quote!(_input)
    };
    Ok(Some(quote! {
        /// Sets the endpoint rule set's parameters this operation gives.
        #[cfg(any(feature = "client-core", feature = "blocking"))]
        fn endpoint_params(#input_arg: &#input, params: &mut crate::endpoint::Params) {
            #(#statements)*
        }
    }))
}

/// A statement setting `slot` from `value` (an `Option<&T>` when `optional`, else a `T`), a
/// value of the shape `target`; `None` when the types do not fit.
fn context_value(
    ctx: &Context<'_>,
    target: &ShapeId,
    value: TokenStream,
    optional: bool,
    slot: &ParamSlot,
) -> Option<TokenStream> {
    let field = &slot.field;
    // `by_ref`: `v` is a reference, not the field itself.
    let shape = ctx.shape(target);
    let convert = |v: TokenStream, by_ref: bool| match (&shape.kind, slot.kind) {
        (ShapeKind::String, ParameterType::String) if by_ref => Some(quote!(#v.to_owned())),
        (ShapeKind::String, ParameterType::String) => Some(quote!(#v.clone())),
        (ShapeKind::Enum(_), ParameterType::String) => Some(quote!(#v.as_str().to_owned())),
        (ShapeKind::Boolean, ParameterType::Boolean) if by_ref => Some(quote!(*#v)),
        (ShapeKind::Boolean, ParameterType::Boolean) => Some(v),
        // A list of strings sets a string array.
        (ShapeKind::List(member), ParameterType::StringArray)
            if !crate::symbols::is_sparse(shape) =>
        {
            match &ctx.shape(&member.target).kind {
                ShapeKind::String => Some(quote!(#v.clone())),
                ShapeKind::Enum(_) => {
                    Some(quote!(#v.iter().map(|item| item.as_str().to_owned()).collect::<Vec<_>>()))
                }
                _ => None,
            }
        }
        _ => None,
    };
    let wrap = |v: TokenStream| {
        if slot.defaulted { v } else { quote!(Some(#v)) }
    };
    if optional {
        let converted = wrap(convert(quote!(value), true)?);
        Some(quote! {
            if let Some(value) = #value {
                params.#field = #converted;
            }
        })
    } else {
        let converted = wrap(convert(value, false)?);
        Some(quote!(params.#field = #converted;))
    }
}

/// A statement setting `slot` from the operation context parameter `path`, a JMESPath
/// expression on the input, in the forms botocore's models use: a member chain `A.B`; and for
/// a string array, `keys(A.B)` (the keys of a map, sorted, since the generated maps keep no
/// order), the projection `A[*].B.C` and the flattened multi-select `A[*].[B.C, D.E][]` (each
/// structure of the list `A` gives the values that are set, in order). As in JMESPath, a list
/// or map that is not set leaves the parameter unset. `None` for any other form or a type
/// that does not fit.
fn context_path(
    ctx: &Context<'_>,
    input_id: &ShapeId,
    path: &str,
    slot: &ParamSlot,
) -> Option<TokenStream> {
    let path = path.trim();
    let field = &slot.field;
    let set = |values: TokenStream| {
        if slot.defaulted {
            quote!(params.#field = #values;)
        } else {
            quote!(params.#field = Some(#values);)
        }
    };
    if let Some(inner) = path
        .strip_prefix("keys(")
        .and_then(|rest| rest.strip_suffix(')'))
    {
        if slot.kind != ParameterType::StringArray {
            return None;
        }
        let (target, value, optional) = member_path(ctx, input_id, quote!(input), inner.trim())?;
        let ShapeKind::Map { key, .. } = &ctx.shape(&target).kind else {
            return None;
        };
        let strings = to_strings(ctx, &key.target)?;
        let assign = set(quote!(keys));
        let body = quote! {
            let mut keys: Vec<String> = map.keys()#strings.collect();
            keys.sort();
            #assign
        };
        return Some(if optional {
            quote!(if let Some(map) = #value { #body })
        } else {
            quote!({ let map = &#value; #body })
        });
    }
    if let Some((list, rest)) = path.split_once("[*].") {
        if slot.kind != ParameterType::StringArray {
            return None;
        }
        let (target, value, optional) = member_path(ctx, input_id, quote!(input), list.trim())?;
        let list_shape = ctx.shape(&target);
        let ShapeKind::List(member) = &list_shape.kind else {
            return None;
        };
        if crate::symbols::is_sparse(list_shape) {
            return None;
        }
        let item = &member.target;
        // Each selected value as an `Option<String>` of `item`.
        let select = |chain: &str| -> Option<TokenStream> {
            let (target, value, optional) = member_path(ctx, item, quote!(item), chain.trim())?;
            let strings = to_strings(ctx, &target)?;
            Some(if optional {
                quote!(#value #strings)
            } else {
                quote!(Some(&#value) #strings)
            })
        };
        let rest = rest.trim();
        let values = match rest
            .strip_prefix('[')
            .and_then(|rest| rest.strip_suffix("][]"))
        {
            Some(selections) => {
                let selected = selections
                    .split(',')
                    .map(select)
                    .collect::<Option<Vec<_>>>()?;
                quote!(list.iter().flat_map(|item| [#(#selected),*]).flatten().collect::<Vec<String>>())
            }
            None => {
                let selected = select(rest)?;
                quote!(list.iter().filter_map(|item| #selected).collect::<Vec<String>>())
            }
        };
        let assign = set(quote!(values));
        let body = quote! {
            let values = #values;
            #assign
        };
        return Some(if optional {
            quote!(if let Some(list) = #value { #body })
        } else {
            quote!({ let list = &#value; #body })
        });
    }
    let (target, value, optional) = member_path(ctx, input_id, quote!(input), path)?;
    context_value(ctx, &target, value, optional, slot)
}

/// The adaptor turning an iterator or `Option` of `&T`, of the string or enum shape `target`,
/// into one of `String`s; `None` for other shapes.
fn to_strings(ctx: &Context<'_>, target: &ShapeId) -> Option<TokenStream> {
    match &ctx.shape(target).kind {
        ShapeKind::String => Some(quote!(.cloned())),
        ShapeKind::Enum(_) => Some(quote!(.map(|value| value.as_str().to_owned()))),
        _ => None,
    }
}

/// The member chain `A.B.C` from the structure `start` (whose value is `root`, a `&T` or a
/// local of type `T`): the last member's target, the expression of its value, and whether
/// that is an `Option`.
fn member_path(
    ctx: &Context<'_>,
    start: &ShapeId,
    root: TokenStream,
    path: &str,
) -> Option<(ShapeId, TokenStream, bool)> {
    let mut structure = start.clone();
    let mut value = root;
    let mut optional = false;
    for name in path.split('.') {
        if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
            return None;
        }
        let ShapeKind::Structure(members) = &ctx.shape(&structure).kind else {
            return None;
        };
        let (member, symbol) = members
            .iter()
            .zip(ctx.symbols.members(&structure))
            .find(|(member, _)| member.name == name)?;
        let field = ident(&symbol.name);
        let member_optional = structure::is_optional_field(member);
        value = match (optional, member_optional) {
            (false, false) => quote!(#value.#field),
            (false, true) => quote!(#value.#field.as_ref()),
            (true, false) => quote!(#value.map(|v| &v.#field)),
            (true, true) => quote!(#value.and_then(|v| v.#field.as_ref())),
        };
        optional |= member_optional;
        structure = member.target.clone();
    }
    Some((structure, value, optional))
}

/// Why the client has no call for `operation`, if it has none: the operation must go to an
/// endpoint that endpoint discovery finds, which the client does not do. botocore calls the
/// service's discovery operation (e.g. `DescribeEndpoints`) and caches the address it gives.
pub fn left_out_call(model: &crate::model::Model, operation: &Operation) -> Option<&'static str> {
    if !super::has_client(model) {
        return None;
    }
    operation
        .endpoint_discovery
        .as_ref()
        .filter(|discovery| discovery.required)
        .map(|_| {
            "requires endpoint discovery (botocore's `endpointdiscovery`), which the client does \
             not do yet"
        })
}

/// The fluent builder and, for a paginated operation, the paginator of one operation: items
/// of the operation's module, behind the `client-core` feature.
pub fn emit_operation_client(
    ctx: &Context<'_>,
    id: &ShapeId,
    operation: &Operation,
    imports: &mut Imports,
) -> Result<TokenStream> {
    if !super::has_client(ctx.model) || left_out_call(ctx.model, operation).is_some() {
        return Ok(TokenStream::new());
    }
    let symbol = ctx.symbols.operation(id);
    let name = &symbol.model_name;
    let input_id = operation.input_id();
    let output_id = operation.output_id();
    let input_shape = ctx.shape(input_id);
    let input = ident(&ctx.symbols.type_of(input_id).name);
    let input_builder = ident(
        ctx.symbols
            .type_of(input_id)
            .builder
            .as_deref()
            .expect("inputs are structures"),
    );
    let output = ident(&ctx.symbols.type_of(output_id).name);
    let error = ident(&symbol.error);
    let fluent = ident(&symbol.fluent_builder);
    let setters = structure::fluent_setters(ctx, input_shape, imports);
    let error_info = error_info(ctx, operation, &error);
    let async_only_doc = if sends_events(ctx, id) {
        " The call sends an input event stream, over HTTP/2: it is the async client's alone \
         (the blocking client has no such call)."
    } else {
        ""
    };
    let fluent_doc = doc_lines(&format!(
        "A [`{name}`](self) call: set the input's members, then `send`. Made by the \
         client's `{}` method.{async_only_doc}",
        symbol.module
    ));
    let send_doc = doc_lines(
        "Builds the input and sends the call.\n\n# Errors\n\n\
         [`Error::Build`](crate::Error::Build) when a required member is not set, and the \
         errors of [`send_with`](Self::send_with).",
    );
    let send_with_doc = doc_lines(&format!(
        "Sends the call with `input`, ignoring the members set on this builder.\n\n# Errors\n\n\
         [`Error::Validation`](crate::Error::Validation) when the input breaks the model's \
         constraints (unless the configuration turns validation off), \
         [`Error::Endpoint`](crate::Error::Endpoint) or \
         [`Error::Dispatch`](crate::Error::Dispatch) when it cannot be sent or no answer came, \
         and [`Error::Service`](crate::Error::Service) with [`{}`] when the service answers \
         with an error.",
        symbol.error
    ));
    let paginator = paginator(ctx, id, operation, imports)?;
    let endpoint_params_fn = operation_endpoint_params(ctx, id, operation, &input)?;
    let endpoint_params_field = if endpoint_params_fn.is_some() {
        quote!(Some(endpoint_params))
    } else {
        quote!(None)
    };
    let auth = super::auth::operation_auth(operation);
    // A call that sends an input event stream is the async client's alone.
    let async_only = sends_events(ctx, id);
    let shared = if async_only {
        quote!(#[cfg(feature = "client-core")])
    } else {
        shared_cfg()
    };
    let input_streams = structure::streams(ctx, input_id);
    let output_streams = structure::streams(ctx, output_id);
    let serialize = if input_streams {
        quote!(serialize_request)
    } else {
        quote!(|input| serialize_request(&input).map(|request| request.map(Into::into)))
    };
    let parse = if output_streams {
        quote! {
            crate::client::Parse::Streaming {
                output: parse_streaming_response,
                // Only error responses are read whole.
                error: |response| match parse_response(response) {
                    Err(error) => error,
                    Ok(_) => #error::InvalidResponse(service_runtime::rest::invalid(
                        response.status().as_u16(),
                        "a successful response was read whole".to_owned(),
                        response.body(),
                    )),
                },
            }
        }
    } else {
        quote!(crate::client::Parse::Whole(parse_response::<Vec<u8>>))
    };
    // A builder that holds a stream cannot be cloned.
    let clone = (!input_streams).then(|| quote!(Clone,));
    let blocking_send_doc = doc_lines(
        "Builds the input and sends the call, on this thread.\n\n# Errors\n\n\
         [`Error::Build`](crate::Error::Build) when a required member is not set, and the \
         errors of [`send_with`](Self::send_with).",
    );
    // An input event stream goes over HTTP/2, which the blocking client does not speak: the
    // blocking client has no such call.
    let blocking_impl = (!async_only).then(|| {
        quote! {
        #[cfg(feature = "blocking")]
        impl #fluent<crate::blocking::Client> {
            #blocking_send_doc
            pub fn send(self) -> Result<#output, crate::Error<#error>> {
                self.send_with_metadata().map(|(output, _)| output)
            }

            /// [`send`](Self::send), also returning what the response said besides its body
            /// (request id, status, headers, retries: boto3's `ResponseMetadata`).
            ///
            /// # Errors
            ///
            /// As [`send`](Self::send).
            pub fn send_with_metadata(
                self,
            ) -> Result<(#output, crate::client::ResponseMetadata), crate::Error<#error>> {
                let input = self.input.build().map_err(crate::Error::Build)?;
                Self::send_input(&self.client, input)
            }

            #send_with_doc
            pub fn send_with(self, input: #input) -> Result<#output, crate::Error<#error>> {
                Self::send_input(&self.client, input).map(|(output, _)| output)
            }

            fn send_input(
                client: &crate::blocking::Client,
                input: #input,
            ) -> Result<(#output, crate::client::ResponseMetadata), crate::Error<#error>> {
                client.call(input, OPERATION)
            }
        }
        }
    });
    Ok(quote! {
        #endpoint_params_fn

        /// The functions a call of this operation runs.
        #shared
        pub(crate) const OPERATION: crate::client::Operation<#input, #output, #error> =
            crate::client::Operation {
                validate: #input::validate,
                serialize: #serialize,
                parse: #parse,
                error_info: #error_info,
                endpoint_params: #endpoint_params_field,
                auth: #auth,
            };

        #fluent_doc
        ///
        /// `C` is the client it sends with: the async `Client` (`send().await`), or with the
        /// `blocking` feature `blocking::Client` (`send()`).
        #shared
        #[derive(Debug, #clone)]
        pub struct #fluent<C = crate::client::DefaultClient> {
            client: C,
            input: #input_builder,
        }

        #shared
        impl<C> #fluent<C> {
            pub(crate) fn new(client: C) -> Self {
                Self { client, input: #input::builder() }
            }

            /// The input builder this call is set up with.
            pub fn as_input(&self) -> &#input_builder {
                &self.input
            }

            #setters
        }

        #[cfg(feature = "client-core")]
        impl #fluent<crate::Client> {
            #send_doc
            pub async fn send(self) -> Result<#output, crate::Error<#error>> {
                self.send_with_metadata().await.map(|(output, _)| output)
            }

            /// [`send`](Self::send), also returning what the response said besides its body
            /// (request id, status, headers, retries: boto3's `ResponseMetadata`).
            ///
            /// # Errors
            ///
            /// As [`send`](Self::send).
            pub async fn send_with_metadata(
                self,
            ) -> Result<(#output, crate::client::ResponseMetadata), crate::Error<#error>> {
                let input = self.input.build().map_err(crate::Error::Build)?;
                Self::send_input(self.client, input).await
            }

            #send_with_doc
            pub async fn send_with(self, input: #input) -> Result<#output, crate::Error<#error>> {
                Self::send_input(self.client, input).await.map(|(output, _)| output)
            }

            async fn send_input(
                client: crate::Client,
                input: #input,
            ) -> Result<(#output, crate::client::ResponseMetadata), crate::Error<#error>> {
                client.call(input, OPERATION).await
            }
        }

        #blocking_impl

        #paginator
    })
}

/// Whether the operation `id` sends an input event stream.
fn sends_events(ctx: &Context<'_>, id: &ShapeId) -> bool {
    let ShapeKind::Operation(operation) = &ctx.shape(id).kind else {
        return false;
    };
    operation.input.as_ref().is_some_and(|input| {
        structure::input_event_stream(&structure::fields(ctx, ctx.shape(input))).is_some()
    })
}

/// The `cfg` of what both clients share: the async one (`client-core`) and the blocking one.
fn shared_cfg() -> TokenStream {
    quote!(#[cfg(any(feature = "client-core", feature = "blocking"))])
}

/// The closure telling the runtime an error's code and whether the model marks it retryable:
/// by the `retryable` trait, or by a boolean `canRetry` member that is true.
fn error_info(ctx: &Context<'_>, operation: &Operation, error: &proc_macro2::Ident) -> TokenStream {
    let mut retryable_variants = Vec::new();
    let mut arms = Vec::new();
    for error_id in &operation.errors {
        let shape = ctx.shape(error_id);
        let variant = ident(&ctx.symbols.error_variant(error_id).name);
        if shape.traits.retryable.is_some() {
            retryable_variants.push(quote!(#error::#variant(_)));
            arms.push(quote!(#error::#variant(_) => true,));
            continue;
        }
        let ShapeKind::Structure(members) = &shape.kind else {
            continue;
        };
        let can_retry = members
            .iter()
            .zip(ctx.symbols.members(error_id))
            .find(|(member, _)| {
                member.name == "canRetry"
                    && matches!(ctx.shape(&member.target).kind, ShapeKind::Boolean)
            });
        if let Some((member, member_symbol)) = can_retry {
            let field = ident(&member_symbol.name);
            if structure::is_optional_field(member) {
                arms.push(quote!(#error::#variant(error) => error.#field == Some(true),));
            } else {
                arms.push(quote!(#error::#variant(error) => error.#field,));
            }
        }
    }
    let retryable = if arms.is_empty() {
        quote!(false)
    } else if arms.len() == retryable_variants.len() {
        // Only `retryable` traits: `matches!`, as clippy's `match_like_matches_macro` asks.
        quote!(matches!(error, #(#retryable_variants)|*))
    } else {
        quote! {
            match error {
                #(#arms)*
                _ => false,
            }
        }
    };
    quote! {
        |error: &#error| service_runtime::ErrorInfo {
            code: error.code(),
            modelled_retryable: #retryable,
        }
    }
}

/// The paginator's `full_result`, boto3's `build_full_result()`: the first page, with the
/// items of every later page appended to its `items`, the page token unset, and every other
/// optional member unset unless botocore's `non_aggregate_keys` keep it (from the first page,
/// as botocore does). Required members keep the first page's values.
fn full_result(
    ctx: &Context<'_>,
    paginated: &crate::model::Paginated,
    output_id: &ShapeId,
    items: &str,
    items_optional: bool,
    error: &proc_macro2::Ident,
    blocking: bool,
) -> Result<TokenStream> {
    let ShapeKind::Structure(members) = &ctx.shape(output_id).kind else {
        return Ok(TokenStream::new());
    };
    let output_ident = ident(&ctx.symbols.type_of(output_id).name);
    let kept: Vec<&str> = paginated
        .non_aggregate_keys
        .iter()
        .map(|key| key.split('.').next().unwrap_or(key))
        .collect();
    let mut items_field = None;
    let mut cleared = Vec::new();
    for (member, symbol) in members.iter().zip(ctx.symbols.members(output_id)) {
        let field = ident(&symbol.name);
        if member.name == items {
            items_field = Some(field);
        } else if structure::is_optional_field(member) && !kept.contains(&member.name.as_str()) {
            cleared.push(field);
        }
    }
    let Some(items_field) = items_field else {
        return Ok(TokenStream::new());
    };
    let merge = if items_optional {
        quote! {
            |full: &mut #output_ident, page: #output_ident| {
                full.#items_field
                    .get_or_insert_with(Vec::new)
                    .extend(page.#items_field.unwrap_or_default());
            }
        }
    } else {
        quote! {
            |full: &mut #output_ident, page: #output_ident| {
                full.#items_field.extend(page.#items_field);
            }
        }
    };
    let mut doc = format!(
        "Sends the calls and returns their pages as one output, as boto3's \
         `build_full_result()` does: `{items}` holds the items of every page, in order"
    );
    if paginated.non_aggregate_keys.is_empty() {
        doc.push_str(
            "; the other members are the first page's, but for the optional ones, which are unset.",
        );
    } else {
        let keys = paginated
            .non_aggregate_keys
            .iter()
            .map(|key| format!("`{key}`"))
            .collect::<Vec<_>>()
            .join(", ");
        doc.push_str(&format!(
            "; {keys} and the other required members are the first page's, and the other \
             optional members are unset."
        ));
    }
    let doc = doc_lines(&doc);
    let (asyncness, wait) = if blocking {
        (TokenStream::new(), TokenStream::new())
    } else {
        (quote!(async), quote!(.await))
    };
    Ok(quote! {
        #doc
        ///
        /// # Errors
        ///
        /// The first error of any call; the pages before it are dropped.
        pub #asyncness fn full_result(self) -> Result<#output_ident, crate::Error<#error>> {
            #[allow(unused_mut)]
            let mut full = self.send().fold_pages(#merge)#wait?;
            #(full.#cleared = None;)*
            Ok(full)
        }
    })
}

/// One step of a member path of the output (`StreamDescription.Shards[-1].ShardId`): a member
/// and, for `[-1]`, its list's last item.
struct Step {
    field: proc_macro2::Ident,
    optional: bool,
    boxed: bool,
    last: bool,
}

/// A member path resolved against the shapes: its steps and the Rust type it leads to.
struct ResolvedPath {
    steps: Vec<Step>,
    ty: RustType,
}

impl ResolvedPath {
    /// The value at the path, borrowed from `page` (an `&Output`), as an `Option<&T>`.
    fn borrowed(&self) -> TokenStream {
        let mut tokens = quote!(Some(page));
        for (index, step) in self.steps.iter().enumerate() {
            let field = &step.field;
            tokens = match (step.optional, step.boxed) {
                // The first member, of the page itself.
                (true, false) if index == 0 => quote!(page.#field.as_ref()),
                (true, true) if index == 0 => quote!(page.#field.as_deref()),
                (false, false) if index == 0 => quote!(Some(&page.#field)),
                (false, true) if index == 0 => quote!(Some(&*page.#field)),
                (true, false) => quote!(#tokens.and_then(|v| v.#field.as_ref())),
                (true, true) => quote!(#tokens.and_then(|v| v.#field.as_deref())),
                (false, false) => quote!(#tokens.map(|v| &v.#field)),
                (false, true) => quote!(#tokens.map(|v| &*v.#field)),
            };
            if step.last {
                tokens = quote!(#tokens.and_then(|v| v.last()));
            }
        }
        tokens
    }

    /// The value at the path, moved out of `page` (an `Output`), as an `Option<T>`.
    fn owned(&self) -> TokenStream {
        let mut tokens = quote!(Some(page));
        for (index, step) in self.steps.iter().enumerate() {
            let field = &step.field;
            tokens = if index == 0 {
                if step.optional {
                    quote!(page.#field)
                } else {
                    quote!(Some(page.#field))
                }
            } else if step.optional {
                quote!(#tokens.and_then(|v| v.#field))
            } else {
                quote!(#tokens.map(|v| v.#field))
            };
            if step.boxed {
                tokens = quote!(#tokens.map(|v| *v));
            }
        }
        tokens
    }
}

/// Resolves a botocore member path (`a.b`, with `[-1]` after a list member when `last_item`
/// allows it) from the structure `root`; `Err` says why it cannot be followed.
fn resolve_path(
    ctx: &Context<'_>,
    root: &ShapeId,
    path: &str,
    last_item: bool,
) -> std::result::Result<ResolvedPath, String> {
    let mut shape = root.clone();
    let mut steps = Vec::new();
    let mut ty = None;
    for segment in path.split('.') {
        let (name, last) = match segment.strip_suffix("[-1]") {
            Some(name) if last_item => (name, true),
            _ => (segment, false),
        };
        if name.is_empty() || !name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') {
            return Err(format!(
                "`{path}` is not a path of member names (with `[-1]` after a list in an \
                 output token)"
            ));
        }
        let ShapeKind::Structure(members) = &ctx.shape(&shape).kind else {
            return Err(format!(
                "in `{path}`, `{}` is not a structure",
                shape.name()
            ));
        };
        let Some((member, symbol)) = members
            .iter()
            .zip(ctx.symbols.members(&shape))
            .find(|(member, _)| member.name == name)
        else {
            return Err(format!("`{}` has no member `{name}`", shape.name()));
        };
        let mut member_ty = ctx.symbols.rust_type(ctx.model, &member.target);
        let mut target = member.target.clone();
        if last {
            let (ShapeKind::List(item), RustType::List(item_ty)) =
                (&ctx.shape(&member.target).kind, &member_ty)
            else {
                return Err(format!("in `{path}`, `{name}` is not a list"));
            };
            if matches!(**item_ty, RustType::Nullable(_)) {
                return Err(format!("in `{path}`, `{name}` is a sparse list"));
            }
            target = item.target.clone();
            member_ty = (**item_ty).clone();
        }
        steps.push(Step {
            field: ident(&symbol.name),
            optional: structure::is_optional_field(member),
            boxed: member.traits.boxed,
            last,
        });
        shape = target;
        ty = Some(member_ty);
    }
    Ok(ResolvedPath {
        steps,
        ty: ty.expect("split yields at least one segment"),
    })
}

/// What a paginator's items are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemsKind {
    /// A list member at the top of the output: `items()` and `full_result()`.
    TopLevelList,
    /// A list member of a nested structure: `items()`.
    NestedList,
    /// A map: `items()` yields its entries as `(key, value)` pairs.
    Map,
}

/// A paginator the generator can make of an operation's `paginated` trait: what it follows,
/// and what of the model it leaves out (the summary's notes).
pub struct PaginatorPlan {
    input_token: String,
    output_token: String,
    /// The input member taking the token: field, optional, boxed.
    input_field: (proc_macro2::Ident, bool, bool),
    output: ResolvedPath,
    more_results: Option<ResolvedPath>,
    items: Option<(String, ResolvedPath, ItemsKind)>,
    /// What the paginator leaves out of what the model says.
    pub less: Vec<String>,
}

impl PaginatorPlan {
    /// What the items are, if the paginator has `items()`.
    pub fn items_kind(&self) -> Option<ItemsKind> {
        self.items.as_ref().map(|(_, _, kind)| *kind)
    }
}

/// The plan of the paginator of the operation `id`: `Ok(None)` when it has no `paginated`
/// trait, `Err` with the reason when the paginator cannot be generated.
pub fn plan_paginator(
    ctx: &Context<'_>,
    id: &ShapeId,
) -> std::result::Result<Option<PaginatorPlan>, String> {
    let Some(paginated) = &ctx.shape(id).traits.paginated else {
        return Ok(None);
    };
    let ShapeKind::Operation(operation) = &ctx.shape(id).kind else {
        return Ok(None);
    };
    if let Some(reason) = &paginated.unsupported_tokens {
        return Err(reason.clone());
    }
    let (Some(input_token), Some(output_token)) = (&paginated.input_token, &paginated.output_token)
    else {
        return Err("it needs an input and an output token".into());
    };
    let input_id = operation.input_id();
    let output_id = operation.output_id();
    let input = resolve_path(ctx, input_id, input_token, false)?;
    let [input_step] = input.steps.as_slice() else {
        return Err(format!(
            "the input token `{input_token}` is not a member of the input"
        ));
    };
    let output = resolve_path(ctx, output_id, output_token, true)?;
    if output.ty != input.ty {
        return Err(format!(
            "the output token `{output_token}` and the input token `{input_token}` differ in \
             type"
        ));
    }
    let more_results = match &paginated.more_results {
        Some(path) => {
            let resolved = resolve_path(ctx, output_id, path, false)?;
            if resolved.ty != RustType::Bool {
                return Err(format!("`more_results` `{path}` is not a boolean"));
            }
            Some(resolved)
        }
        None => None,
    };
    let mut less = Vec::new();
    if let Some(wire) = &paginated.page_size {
        if !resolve_path(ctx, input_id, wire, false).is_ok_and(|path| path.steps.len() == 1) {
            less.push(format!(
                "no `page_size()`: the page size `{wire}` is not a member of the input"
            ));
        }
    }
    if let Some(reason) = &paginated.unsupported_items {
        less.push(format!("no `items()`: {reason}"));
    }
    let items = match &paginated.items {
        None => None,
        Some(wire) => {
            let resolved = resolve_path(ctx, output_id, wire, false)?;
            match &resolved.ty {
                RustType::List(_) if resolved.steps.len() == 1 => {
                    Some((wire.clone(), resolved, ItemsKind::TopLevelList))
                }
                RustType::List(_) => {
                    less.push(format!(
                        "no `full_result()`: the items `{wire}` are in a nested member"
                    ));
                    Some((wire.clone(), resolved, ItemsKind::NestedList))
                }
                RustType::Map(..) => {
                    less.push(format!(
                        "`items()` yields the entries of the map `{wire}` as (key, value) \
                         pairs, and there is no `full_result()`"
                    ));
                    Some((wire.clone(), resolved, ItemsKind::Map))
                }
                _ => {
                    less.push(format!(
                        "no `items()`: the items `{wire}` are neither a list nor a map, so \
                         only the pages are yielded"
                    ));
                    None
                }
            }
        }
    };
    Ok(Some(PaginatorPlan {
        input_token: input_token.clone(),
        output_token: output_token.clone(),
        input_field: (
            input_step.field.clone(),
            input_step.optional,
            input_step.boxed,
        ),
        output,
        more_results,
        items,
        less,
    }))
}

/// The summary's notes about the paginators of the model: those not generated, and those
/// generated with less than the model says.
pub fn paginator_notes(ctx: &Context<'_>) -> Vec<crate::model::Note> {
    if !super::has_client(ctx.model) {
        return Vec::new();
    }
    let mut notes = Vec::new();
    for (id, _) in ctx.model.operations() {
        let note = |text: String| crate::model::Note {
            kind: crate::model::NoteKind::SkippedPaginator,
            text: format!("paginator of `{}`: {text}", id.name()),
        };
        match plan_paginator(ctx, id) {
            Ok(None) => {}
            Ok(Some(plan)) => notes.extend(plan.less.into_iter().map(note)),
            Err(reason) => notes.push(note(format!("not generated: {reason}"))),
        }
    }
    notes
}

/// `into_paginator` and the paginator type, for an operation with a `paginated` trait the
/// generator can follow (see [`plan_paginator`]; the others get none, and a note).
fn paginator(
    ctx: &Context<'_>,
    id: &ShapeId,
    operation: &Operation,
    imports: &mut Imports,
) -> Result<TokenStream> {
    let Ok(Some(plan)) = plan_paginator(ctx, id) else {
        return Ok(TokenStream::new());
    };
    let paginated = ctx
        .shape(id)
        .traits
        .paginated
        .as_ref()
        .expect("a planned paginator has the trait");
    let symbol = ctx.symbols.operation(id);
    let name = &symbol.model_name;
    let input_id = operation.input_id();
    let output_id = operation.output_id();
    let input_ident = ident(&ctx.symbols.type_of(input_id).name);
    let output_ident = ident(&ctx.symbols.type_of(output_id).name);
    let (input_field, input_optional, input_boxed) = &plan.input_field;
    let value = if *input_boxed {
        quote!(Box::new(token))
    } else {
        quote!(token)
    };
    let set_token = if *input_optional {
        quote!(|input: &mut #input_ident, token| input.#input_field = Some(#value))
    } else {
        quote!(|input: &mut #input_ident, token| input.#input_field = #value)
    };
    // The token of a page, `None` after the last page: botocore's `more_results` says so when
    // it is not true; an empty string, list or map is no token.
    let string_token = plan.output.ty == RustType::String;
    let found = plan.output.borrowed();
    let token_value = if let ([step], true) = (plan.output.steps.as_slice(), string_token) {
        // A string member of the output itself, the common case.
        let field = &step.field;
        if step.optional {
            quote!(page.#field.as_deref())
        } else {
            quote!(Some(page.#field.as_str()))
        }
    } else if string_token {
        quote!(#found.map(String::as_str))
    } else if matches!(plan.output.ty, RustType::List(_) | RustType::Map(..)) {
        quote!(#found.filter(|token| !token.is_empty()).cloned())
    } else {
        quote!(#found.cloned())
    };
    let token = match &plan.more_results {
        Some(more) => {
            let more = more.borrowed();
            quote! {
                |page: &#output_ident| {
                    if #more.copied() != Some(true) {
                        return None;
                    }
                    #token_value
                }
            }
        }
        None => quote!(|page: &#output_ident| #token_value),
    };
    let new_stream = if string_token {
        quote!(new)
    } else {
        quote!(with_token)
    };
    let error = ident(&symbol.error);
    let fluent = ident(&symbol.fluent_builder);
    let paginator_name = ident(&symbol.paginator);

    let page_size = match &paginated.page_size {
        Some(wire) => {
            let field_of = resolve_path(ctx, input_id, wire, false)
                .ok()
                .filter(|path| path.steps.len() == 1);
            match field_of {
                Some(path) => {
                    let field = &path.steps[0].field;
                    let ty = imports.rust_type(ctx.symbols, &path.ty);
                    let doc =
                        doc_lines(&format!("Asks for at most `size` items a page (`{wire}`)."));
                    quote! {
                        #doc
                        pub fn page_size(mut self, size: #ty) -> Self {
                            self.fluent = self.fluent.#field(size);
                            self
                        }
                    }
                }
                // The plan notes it.
                None => TokenStream::new(),
            }
        }
        None => TokenStream::new(),
    };
    let items = match &plan.items {
        Some((wire, path, kind)) => {
            // The item type may be named nowhere else in the file: not imported, as the
            // import would go unused without the client.
            let imports = &mut imports.qualifying();
            let (item, take) = match (&path.ty, kind) {
                (RustType::List(item), ItemsKind::TopLevelList) => {
                    let step = &path.steps[0];
                    let field = &step.field;
                    let take = if step.optional {
                        quote!(|page: #output_ident| page.#field.unwrap_or_default())
                    } else {
                        quote!(|page: #output_ident| page.#field)
                    };
                    (imports.rust_type(ctx.symbols, item), take)
                }
                (RustType::List(item), _) => {
                    let owned = path.owned();
                    (
                        imports.rust_type(ctx.symbols, item),
                        quote!(|page: #output_ident| #owned.unwrap_or_default()),
                    )
                }
                (RustType::Map(key, value), _) => {
                    let owned = path.owned();
                    let key = imports.rust_type(ctx.symbols, key);
                    let value = imports.rust_type(ctx.symbols, value);
                    (
                        quote!((#key, #value)),
                        quote! {
                            |page: #output_ident| #owned.unwrap_or_default().into_iter().collect()
                        },
                    )
                }
                _ => unreachable!("the plan keeps only list and map items"),
            };
            let doc = if *kind == ItemsKind::Map {
                doc_lines(&format!(
                    "Sends the calls and yields the entries of every page's map (`{wire}`) as \
                     (key, value) pairs: page by page, in no particular order within a page."
                ))
            } else {
                doc_lines(&format!(
                    "Sends the calls and yields the items of every page (`{wire}`), in order."
                ))
            };
            let full_results = if *kind == ItemsKind::TopLevelList {
                let optional = path.steps[0].optional;
                [false, true].map(|blocking| {
                    full_result(ctx, paginated, output_id, wire, optional, &error, blocking)
                })
            } else {
                [Ok(TokenStream::new()), Ok(TokenStream::new())]
            };
            let [full_result, blocking_full_result] = full_results;
            let (full_result, blocking_full_result) = (full_result?, blocking_full_result?);
            (
                quote! {
                    #doc
                    pub fn items(self) -> crate::client::ItemStream<#item, #error> {
                        self.send().flat_map_items(#take)
                    }

                    #full_result
                },
                quote! {
                    #doc
                    pub fn items(self) -> crate::blocking::Items<#item, #error> {
                        self.send().flat_map_items(#take)
                    }

                    #blocking_full_result
                },
            )
        }
        None => (TokenStream::new(), TokenStream::new()),
    };
    let (items, blocking_items) = items;
    let mut into_doc = format!(
        "A paginator over every page of this call, following `{}` into `{}`",
        plan.output_token, plan.input_token
    );
    if let Some(more) = &paginated.more_results {
        into_doc.push_str(&format!(" while `{more}` is true"));
    }
    into_doc.push('.');
    let into_doc = doc_lines(&into_doc);
    let paginator_doc = doc_lines(&format!(
        "The pages of a [`{name}`](self) call. Made by [`{name}FluentBuilder::into_paginator`]."
    ));
    let shared = shared_cfg();
    Ok(quote! {
        #shared
        impl<C> #fluent<C> {
            #into_doc
            pub fn into_paginator(self) -> #paginator_name<C> {
                #paginator_name { fluent: self }
            }
        }

        #paginator_doc
        #shared
        #[derive(Debug, Clone)]
        pub struct #paginator_name<C = crate::client::DefaultClient> {
            fluent: #fluent<C>,
        }

        #shared
        impl<C> #paginator_name<C> {
            #page_size
        }

        #[cfg(feature = "client-core")]
        impl #paginator_name<crate::Client> {
            /// Sends the calls and yields every page, in order. Building the input fails the
            /// first item.
            pub fn send(self) -> crate::client::PageStream<#output_ident, #error> {
                let client = self.fluent.client;
                match self.fluent.input.build() {
                    Err(error) => crate::client::PageStream::failed(crate::Error::Build(error)),
                    Ok(input) => crate::client::PageStream::#new_stream(
                        client,
                        input,
                        |client, input| {
                            Box::pin(async move {
                                #fluent::<crate::Client>::send_input(client, input)
                                    .await
                                    .map(|(page, _)| page)
                            })
                        },
                        #token,
                        #set_token,
                    ),
                }
            }

            #items
        }

        #[cfg(feature = "blocking")]
        impl #paginator_name<crate::blocking::Client> {
            /// Sends the calls, each when the next page is asked for, and yields every page,
            /// in order. Building the input fails the first item.
            pub fn send(self) -> crate::blocking::Pages<#output_ident, #error> {
                let client = self.fluent.client;
                match self.fluent.input.build() {
                    Err(error) => crate::blocking::Pages::failed(crate::Error::Build(error)),
                    Ok(input) => crate::blocking::Pages::#new_stream(
                        client,
                        input,
                        |client, input| {
                            #fluent::<crate::blocking::Client>::send_input(client, input)
                                .map(|(page, _)| page)
                        },
                        #token,
                        #set_token,
                    ),
                }
            }

            #blocking_items
        }
    })
}

#[cfg(test)]
mod tests {
    use crate::source::{ModelSource, SourceFile};
    use crate::{Options, generate};

    /// A restJson1 service whose `Get` fails only with errors the model marks retryable and
    /// whose `Check` also fails with one that says so in its `canRetry` member.
    const MODEL: &str = r#"{
      "version": "2.0",
      "metadata": {
        "apiVersion": "2024-01-01", "endpointPrefix": "retries", "protocol": "rest-json",
        "protocols": ["rest-json"], "serviceFullName": "Retries", "serviceId": "Retries",
        "signatureVersion": "v4", "uid": "retries-2024-01-01"
      },
      "operations": {
        "Get": {
          "name": "Get", "http": {"method": "GET", "requestUri": "/get"},
          "errors": [{"shape": "ThrottlingException"}, {"shape": "BusyException"}]
        },
        "Check": {
          "name": "Check", "http": {"method": "GET", "requestUri": "/check"},
          "errors": [{"shape": "ThrottlingException"}, {"shape": "StateException"}]
        }
      },
      "shapes": {
        "ThrottlingException": {
          "type": "structure", "members": {}, "error": {"httpStatusCode": 429},
          "exception": true, "retryable": {"throttling": true}
        },
        "BusyException": {
          "type": "structure", "members": {}, "error": {"httpStatusCode": 503},
          "exception": true, "fault": true, "retryable": {"throttling": false}
        },
        "StateException": {
          "type": "structure", "required": ["canRetry"],
          "members": {"canRetry": {"shape": "Bool"}},
          "error": {"httpStatusCode": 409}, "exception": true
        },
        "Bool": {"type": "boolean"}
      }
    }"#;

    /// The generated `src/operation/<name>.rs`, without whitespace.
    fn operation_file(name: &str) -> String {
        // The client is generated for a service with an endpoint rule set; any will do.
        let source = ModelSource {
            endpoint_rule_set: Some(SourceFile {
                display: "endpoint-rule-set-1.json".to_owned(),
                text: include_str!("../../tests/fixtures/endpoint/endpoint-rule-set-1.json")
                    .to_owned(),
            }),
            ..ModelSource::from_text("retries.json", MODEL)
        };
        let files = generate(&source, &Options::default()).unwrap();
        files[&format!("src/operation/{name}.rs")]
            .split_whitespace()
            .collect()
    }

    #[test]
    fn errors_retryable_by_trait_alone_are_one_matches_call() {
        let text = operation_file("get");
        assert!(
            text.contains(
                "modelled_retryable:matches!(error,\
                 GetError::ThrottlingException(_)|GetError::BusyException(_)),"
            ),
            "{text}"
        );
        assert!(!text.contains("=>true"), "{text}");
    }

    #[test]
    fn an_error_with_can_retry_keeps_the_match() {
        let text = operation_file("check");
        assert!(
            text.contains(
                "modelled_retryable:matcherror{CheckError::ThrottlingException(_)=>true,\
                 CheckError::StateException(error)=>error.can_retry,_=>false,},"
            ),
            "{text}"
        );
    }
    /// A JSON service with one operation per kind of paginator botocore describes.
    const PAGED: &str = r#"{
      "version": "2.0",
      "metadata": {
        "apiVersion": "2024-01-01", "endpointPrefix": "paged", "jsonVersion": "1.1",
        "protocol": "json", "serviceFullName": "Paged", "serviceId": "Paged",
        "signatureVersion": "v4", "targetPrefix": "Paged", "uid": "paged-2024-01-01"
      },
      "operations": {
        "Nested": {"name": "Nested", "http": {"method": "POST", "requestUri": "/"},
          "input": {"shape": "TokenIn"}, "output": {"shape": "NestedOut"}},
        "Keyed": {"name": "Keyed", "http": {"method": "POST", "requestUri": "/"},
          "input": {"shape": "KeyedIn"}, "output": {"shape": "KeyedOut"}},
        "Shards": {"name": "Shards", "http": {"method": "POST", "requestUri": "/"},
          "input": {"shape": "ShardsIn"}, "output": {"shape": "ShardsOut"}},
        "Mapped": {"name": "Mapped", "http": {"method": "POST", "requestUri": "/"},
          "input": {"shape": "TokenIn"}, "output": {"shape": "MappedOut"}},
        "Summary": {"name": "Summary", "http": {"method": "POST", "requestUri": "/"},
          "input": {"shape": "TokenIn"}, "output": {"shape": "SummaryOut"}},
        "Twice": {"name": "Twice", "http": {"method": "POST", "requestUri": "/"},
          "input": {"shape": "TokenIn"}, "output": {"shape": "NestedOut"}}
      },
      "shapes": {
        "TokenIn": {"type": "structure", "members": {"Next": {"shape": "Text"}}},
        "NestedOut": {"type": "structure",
          "members": {"Set": {"shape": "ResultSet"}, "Next": {"shape": "Text"}}},
        "ResultSet": {"type": "structure", "members": {"Rows": {"shape": "Texts"}}},
        "KeyedIn": {"type": "structure", "members": {"StartKey": {"shape": "Key"}}},
        "KeyedOut": {"type": "structure",
          "members": {"Items": {"shape": "Texts"}, "LastKey": {"shape": "Key"}}},
        "Key": {"type": "map", "key": {"shape": "Text"}, "value": {"shape": "Text"}},
        "ShardsIn": {"type": "structure", "members": {"StartShard": {"shape": "Text"}}},
        "ShardsOut": {"type": "structure", "required": ["Description"],
          "members": {"Description": {"shape": "Description"}}},
        "Description": {"type": "structure", "required": ["Shards", "HasMore"],
          "members": {"Shards": {"shape": "ShardList"}, "HasMore": {"shape": "Bool"}}},
        "ShardList": {"type": "list", "member": {"shape": "Shard"}},
        "Shard": {"type": "structure", "required": ["Id"], "members": {"Id": {"shape": "Text"}}},
        "MappedOut": {"type": "structure",
          "members": {"Facets": {"shape": "Key"}, "Next": {"shape": "Text"}}},
        "SummaryOut": {"type": "structure",
          "members": {"History": {"shape": "ResultSet"}, "Next": {"shape": "Text"}}},
        "Texts": {"type": "list", "member": {"shape": "Text"}},
        "Text": {"type": "string"},
        "Bool": {"type": "boolean"}
      }
    }"#;

    const PAGED_PAGINATORS: &str = r#"{"pagination": {
      "Nested": {"input_token": "Next", "output_token": "Next", "result_key": "Set.Rows"},
      "Keyed": {"input_token": "StartKey", "output_token": "LastKey",
                "result_key": ["Items"]},
      "Shards": {"input_token": "StartShard", "output_token": "Description.Shards[-1].Id",
                 "more_results": "Description.HasMore", "result_key": "Description.Shards"},
      "Mapped": {"input_token": "Next", "output_token": "Next", "result_key": "Facets"},
      "Summary": {"input_token": "Next", "output_token": "Next", "result_key": "History"},
      "Twice": {"input_token": ["Next", "Next"], "output_token": ["Next", "Set.Rows[-1]"]}
    }}"#;

    /// The generated `src/operation/<name>.rs` of [`PAGED`] without whitespace, and the
    /// paginator notes of the summary.
    fn paged(name: &str) -> (String, Vec<String>) {
        let source = ModelSource {
            endpoint_rule_set: Some(SourceFile {
                display: "endpoint-rule-set-1.json".to_owned(),
                text: include_str!("../../tests/fixtures/endpoint/endpoint-rule-set-1.json")
                    .to_owned(),
            }),
            paginators: Some(SourceFile {
                display: "paginators-1.json".to_owned(),
                text: PAGED_PAGINATORS.to_owned(),
            }),
            ..ModelSource::from_text("paged.json", PAGED)
        };
        let generated = crate::generate_with_summary(&source, &Options::default()).unwrap();
        let text = generated.files[&format!("src/operation/{name}.rs")]
            .split_whitespace()
            .collect();
        let notes = generated
            .notes
            .iter()
            .filter(|note| note.kind == crate::model::NoteKind::SkippedPaginator)
            .map(|note| note.text.clone())
            .collect();
        (text, notes)
    }

    #[test]
    fn items_in_a_nested_member_are_taken_along_the_path() {
        let (text, notes) = paged("nested");
        assert!(
            text.contains(
                "self.send().flat_map_items(|page:NestedOutput|{page.set.and_then(|v|v.rows)\
                 .unwrap_or_default()})"
            ),
            "{text}"
        );
        assert!(!text.contains("fnfull_result"), "{text}");
        assert!(
            notes.contains(
                &"paginator of `Nested`: no `full_result()`: the items `Set.Rows` are in a \
                  nested member"
                    .to_owned()
            ),
            "{notes:?}"
        );
    }

    #[test]
    fn a_map_token_is_cloned_into_the_input_member_of_the_same_shape() {
        let (text, notes) = paged("keyed");
        assert!(
            text.contains("crate::client::PageStream::with_token(client,input,"),
            "{text}"
        );
        assert!(
            text.contains(
                "|page:&KeyedOutput|{page.last_key.as_ref().filter(|token|!token.is_empty())\
                 .cloned()},|input:&mutKeyedInput,token|input.start_key=Some(token),)"
            ),
            "{text}"
        );
        // A list of one result key is that key.
        assert!(text.contains("pubasyncfnfull_result(self)"), "{text}");
        assert!(
            !notes.iter().any(|note| note.contains("`Keyed`")),
            "{notes:?}"
        );
    }

    #[test]
    fn a_last_item_token_stops_when_more_results_is_not_true() {
        let (text, notes) = paged("shards");
        assert!(
            text.contains(
                "|page:&ShardsOutput|{ifSome(&page.description).map(|v|&v.has_more).copied()\
                 !=Some(true){returnNone;}Some(&page.description).map(|v|&v.shards)\
                 .and_then(|v|v.last()).map(|v|&v.id).map(String::as_str)}"
            ),
            "{text}"
        );
        assert!(
            text.contains("|input:&mutShardsInput,token|input.start_shard=Some(token)"),
            "{text}"
        );
        assert!(
            text.contains(
                "flat_map_items(|page:ShardsOutput|{Some(page.description).map(|v|v.shards)\
                 .unwrap_or_default()})"
            ),
            "{text}"
        );
        assert!(
            notes
                .iter()
                .any(|note| note.contains("`Shards`: no `full_result()`"))
        );
    }

    #[test]
    fn map_items_are_yielded_as_key_value_pairs() {
        let (text, notes) = paged("mapped");
        assert!(
            text.contains(
                "pubfnitems(self)->crate::client::ItemStream<(String,String),MappedError>\
                 {self.send().flat_map_items(|page:MappedOutput|{page.facets.unwrap_or_default()\
                 .into_iter().collect()})}"
            ),
            "{text}"
        );
        assert!(
            notes
                .iter()
                .any(|note| note.contains("`Mapped`: `items()` yields the entries")),
            "{notes:?}"
        );
    }

    #[test]
    fn structure_items_leave_only_the_pages() {
        let (text, notes) = paged("summary");
        assert!(text.contains("pubfnsend(self)->crate::client::PageStream<SummaryOutput,"));
        assert!(!text.contains("pubfnitems("), "{text}");
        assert!(
            notes.contains(
                &"paginator of `Summary`: no `items()`: the items `History` are neither a list \
                  nor a map, so only the pages are yielded"
                    .to_owned()
            ),
            "{notes:?}"
        );
    }

    #[test]
    fn several_tokens_skip_the_paginator_with_a_note() {
        let (text, notes) = paged("twice");
        assert!(!text.contains("into_paginator"), "{text}");
        assert!(
            notes.contains(
                &"paginator of `Twice`: not generated: botocore's `input_token` lists several: \
                  `Next`, `Next`"
                    .to_owned()
            ),
            "{notes:?}"
        );
    }
}
