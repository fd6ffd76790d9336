//! awsJson 1.0 and 1.1: every request is `POST /` with the operation in `X-Amz-Target` and
//! the whole input as a JSON body; a response carries the output as JSON, or an error whose
//! code comes from `X-Amzn-ErrorType`, the body's `code` or its `__type`. Member names are the
//! model's (`jsonName` is ignored) and timestamps are epoch seconds unless a member says
//! otherwise.

use proc_macro2::TokenStream;
use quote::quote;

use super::json_body::{JsonCodec, NameRule};
use super::{Location, ProtocolGenerator};
use crate::emit::context::{Context, Imports, doc_lines, ident, inner_doc_lines};
use crate::emit::errors::error_code;
use crate::error::Result;
use crate::model::{Member, Model, Operation, Protocol, Shape, ShapeId, TimestampFormat};

/// The awsJson protocols.
pub struct AwsJson {
    protocol: Protocol,
}

impl AwsJson {
    /// The generator of `protocol`, which must be awsJson 1.0 or 1.1.
    pub fn new(protocol: Protocol) -> Self {
        Self { protocol }
    }

    fn content_type(&self) -> &'static str {
        match self.protocol {
            Protocol::AwsJson1_0 => "application/x-amz-json-1.0",
            _ => "application/x-amz-json-1.1",
        }
    }

    fn codec() -> JsonCodec {
        JsonCodec {
            marker: quote!(crate::protocol::Json),
            names: NameRule::AwsJson,
            skip_bound: false,
        }
    }
}

/// Whether the service answers errors in its former awsQuery codes too.
fn query_compatible(model: &Model) -> bool {
    model.service.aws_query_compatible
}

impl ProtocolGenerator for AwsJson {
    fn protocol(&self) -> Protocol {
        self.protocol
    }

    fn body_member_name<'m>(&self, member: &'m Member) -> &'m str {
        NameRule::AwsJson.name(member)
    }

    fn default_timestamp_format(&self, _location: Location) -> TimestampFormat {
        TimestampFormat::EpochSeconds
    }

    fn emit_support_module(&self, ctx: &Context<'_>) -> TokenStream {
        let content_type = self.content_type();
        let doc = inner_doc_lines(&format!(
            "The {} protocol: requests are `POST /` with the operation in `X-Amz-Target` and \
             the input as JSON (`Content-Type: {content_type}`); responses carry the output as \
             JSON, or an error whose code comes from `X-Amzn-ErrorType`, the body's `code` or \
             its `__type`.",
            self.protocol.name()
        ));
        let query_compatible = query_compatible(ctx.model);
        let query_mode = if query_compatible {
            quote! {
                // The service also answers in its former awsQuery error codes.
                headers.insert("x-amzn-query-mode", HeaderValue::from_static("true"));
            }
        } else {
            TokenStream::new()
        };
        quote! {
            #doc
            use http::header::{CONTENT_TYPE, HeaderValue};
            use http::{Method, Request};

            /// The JSON codec of this protocol: the crate's types implement the runtime's
            /// `SerializeAs`/`DeserializeAs` for it, with the model's member names.
            pub(crate) struct Json;

            /// Where error codes are read from.
            pub(crate) const ERROR_CODE_RULES: service_runtime::response::ErrorCodeRules =
                service_runtime::response::ErrorCodeRules { query_compatible: #query_compatible };

            /// The request for the operation `target` (`Service.Operation`) with `body`.
            pub(crate) fn request(target: &'static str, body: Vec<u8>) -> Request<Vec<u8>> {
                let mut request = Request::new(body);
                *request.method_mut() = Method::POST;
                *request.uri_mut() = http::Uri::from_static("/");
                let headers = request.headers_mut();
                headers.insert(CONTENT_TYPE, HeaderValue::from_static(#content_type));
                headers.insert("x-amz-target", HeaderValue::from_static(target));
                #query_mode
                request
            }
        }
    }

    fn emit_type_codec(&self, ctx: &Context<'_>, shape: &Shape) -> TokenStream {
        Self::codec().emit_type(ctx, shape)
    }

    fn emit_event_codec(&self, ctx: &Context<'_>, shape: &Shape) -> TokenStream {
        let marker = &Self::codec().marker;
        let mut tokens = super::json_body::emit_event_unmarshaller(ctx, shape, marker);
        tokens.extend(super::json_body::emit_event_marshaller(ctx, shape, marker));
        tokens
    }

    fn user_form_codec(&self, model: &Model) -> Option<TokenStream> {
        // Every member in the body, the model's timestamp formats, and member names unless a
        // botocore `locationName` renames one (no botocore 1.44.5 `json` model does).
        let renamed = model
            .shapes
            .values()
            .flat_map(|shape| shape.kind.members())
            .any(|member| member.traits.aws_json_name.is_some());
        (!renamed).then(|| Self::codec().marker)
    }

    fn emit_example_helpers(&self) -> TokenStream {
        quote! {
            /// Checks that `request` calls the operation `target` with `expected` as its body.
            fn check_request(request: &http::Request<Vec<u8>>, target: &str, expected: &serde_json::Value) {
                let method = request.method();
                let target_header = request.headers().get("x-amz-target").and_then(|v| v.to_str().ok());
                assert_eq!(method, http::Method::POST);
                assert_eq!(target_header, Some(target));
                let body: serde_json::Value =
                    serde_json::from_slice(request.body()).expect("the request body is JSON");
                let same = same_json(&body, expected);
                assert!(same, "the request body\n{body:#}\nis not the example's input\n{expected:#}");
            }

            /// A successful response with `body` as its JSON body.
            fn ok_response(body: &serde_json::Value) -> http::Response<Vec<u8>> {
                let body = serde_json::to_vec(body).expect("JSON values serialize");
                http::Response::builder()
                    .status(200)
                    .body(body)
                    .expect("a status and a body make a response")
            }
        }
    }

    fn operation_marker(&self, ctx: &Context<'_>, operation_id: &ShapeId) -> String {
        format!("{}.{}", ctx.model.service.id.name(), operation_id.name())
    }

    fn emit_operation_functions(
        &self,
        ctx: &Context<'_>,
        operation_id: &ShapeId,
        operation: &Operation,
        imports: &mut Imports,
    ) -> Result<TokenStream> {
        let symbol = ctx.symbols.operation(operation_id);
        let input_id = operation.input_id();
        let input = ident(&ctx.symbols.type_of(input_id).name);
        let output = ident(&ctx.symbols.type_of(operation.output_id()).name);
        let error = ident(&symbol.error);
        let target = format!("{}.{}", ctx.model.service.id.name(), operation_id.name());
        let content_type = self.content_type();
        let serialize_doc = doc_lines(&format!(
            "Serializes `input` as an {} request: `POST /` with `Content-Type: {content_type}`, \
             `X-Amz-Target: {target}` and the input as a JSON body.\n\n\
             The request has no host and no signature; whoever sends it adds those.\n\n\
             # Errors\n\n\
             None for this protocol; the signature leaves room for protocols whose requests \
             need members set (a URI label, a host label).",
            self.protocol.name()
        ));
        let parse_doc = doc_lines(&format!(
            "Reads the response to a [`serialize_request`] request.\n\n\
             # Errors\n\n\
             A modelled error the service returned, as its variant of [`{error}`]; any other error \
             as [`{error}::Unhandled`]; a body that cannot be read as [`{error}::InvalidResponse`], \
             with the HTTP status and the start of the body."
        ));
        let query_compatible = query_compatible(ctx.model);
        // Every code an arm matches, for a query-compatible service's `modelled_code`.
        let mut known: Vec<String> = Vec::new();
        let arms: Vec<TokenStream> = operation
            .errors
            .iter()
            .map(|error_id| {
                let shape = ctx.shape(error_id);
                // A query-compatible service names the error by its awsQuery code in
                // `x-amzn-query-error`, and by its shape name in `__type` without it.
                let code = error_code(shape);
                let name = shape.id.name();
                let codes = if query_compatible && code != name {
                    known.extend([code.to_owned(), name.to_owned()]);
                    quote!(Some(#code | #name))
                } else {
                    known.push(code.to_owned());
                    quote!(Some(#code))
                };
                let variant = ident(&ctx.symbols.error_variant(error_id).name);
                let ty = imports.named(ctx.symbols, error_id);
                quote! {
                    #codes => error
                        .parse::<crate::protocol::Json, #ty>()
                        .map_or_else(#error::InvalidResponse, #error::#variant),
                }
            })
            .collect();
        // A query-compatible service's `x-amzn-query-error` code may be one the model does not
        // give (SQS's errors have none): the error is then found by its shape name, as
        // botocore finds it by `QueryErrorCode`.
        let code = if query_compatible {
            quote!(error.modelled_code(&[#(#known),*]))
        } else {
            quote!(error.code())
        };
        let error_value = if arms.is_empty() {
            quote! { #error::Unhandled(error.into_unhandled()) }
        } else {
            quote! {
                match #code {
                    #(#arms)*
                    _ => #error::Unhandled(error.into_unhandled()),
                }
            }
        };
        // An output event stream is the whole body: the output's other members (none in any
        // botocore model; `unsupported_feature` leaves such operations out) would come in its
        // `initial-response` message, which the unmarshaller skips.
        let events = super::output_event_stream(ctx, operation.output_id(), imports);
        let read_success = match &events {
            None => quote! {
                return service_runtime::json::from_body::<crate::protocol::Json, _>(status, body)
                    .map_err(#error::InvalidResponse);
            },
            Some((field, union)) => {
                let receiver = super::event_receiver(
                    union,
                    quote!(service_runtime::stream::ByteStream::from(body.to_vec())),
                );
                quote! {
                    let mut value = <#output as service_runtime::json::Zero>::zero();
                    value.#field = #receiver;
                    return Ok(value);
                }
            }
        };
        let parse_streaming = events.map(|(field, union)| {
            let receiver = super::event_receiver(&union, quote!(body));
            super::emit_parse_streaming_response(
                &format!(
                    "Reads a successful (2xx) response whose body is an event stream: the \
                     output with its events, received by the caller as they arrive.\n\n\
                     # Errors\n\n\
                     An error response, as [`{error}::InvalidResponse`]: it must be read whole \
                     and given to [`parse_response`]."
                ),
                &output,
                &error,
                quote!(let mut value = <#output as service_runtime::json::Zero>::zero();),
                quote!(value.#field = #receiver;),
            )
        });
        let host_prefix = super::host_prefix::emit(ctx, operation_id, operation, input_id)?;
        let compression = super::compression::emit(ctx.model, operation_id);
        let idempotency = super::idempotency::emit(ctx, input_id);
        Ok(quote! {
            #serialize_doc
            pub fn serialize_request(input: &#input) -> Result<http::Request<Vec<u8>>, crate::error::SerializeError> {
                #idempotency
                let body = service_runtime::json::to_vec::<crate::protocol::Json, _>(input);
                let mut request = crate::protocol::request(#target, body);
                #host_prefix
                #compression
                service_runtime::set_content_length(&mut request);
                Ok(request)
            }

            #parse_streaming

            #parse_doc
            pub fn parse_response<B: AsRef<[u8]>>(
                response: &http::Response<B>,
            ) -> Result<#output, #error> {
                let status = response.status().as_u16();
                let body = response.body().as_ref();
                if response.status().is_success() {
                    #read_success
                }
                let error = service_runtime::response::JsonErrorResponse::read(
                    status,
                    response.headers(),
                    body,
                    crate::protocol::ERROR_CODE_RULES,
                )
                .map_err(#error::InvalidResponse)?;
                Err(#error_value)
            }
        })
    }
}
