//! The awsJson 1.0/1.1 protocol: the generated crate's private `aws_json` module, and each
//! operation's sans-IO `serialize_request` and `parse_response`.

use proc_macro2::TokenStream;
use quote::quote;

use super::context::{Context, Imports, doc_lines, ident};
use super::errors::error_code;
use crate::model::{Operation, Protocol, ShapeId};

/// The `Content-Type` of requests.
fn content_type(protocol: Protocol) -> &'static str {
    match protocol {
        Protocol::AwsJson1_0 => "application/x-amz-json-1.0",
        Protocol::AwsJson1_1 => "application/x-amz-json-1.1",
        Protocol::RestJson1 => unreachable!("check_supported refuses restJson1 models"),
    }
}

/// `serialize_request` and `parse_response` for one operation.
pub fn emit_operation_functions(
    ctx: &Context<'_>,
    operation_id: &ShapeId,
    operation: &Operation,
    imports: &mut Imports,
) -> TokenStream {
    let symbol = ctx.symbols.operation(operation_id);
    let input = ident(
        &ctx.symbols
            .type_of(operation.input.as_ref().expect("normalized"))
            .name,
    );
    let output = ident(
        &ctx.symbols
            .type_of(operation.output.as_ref().expect("normalized"))
            .name,
    );
    let error = ident(&symbol.error);
    let target = format!("{}.{}", ctx.model.service.id.name(), operation_id.name());
    let protocol = ctx.model.service.protocol;
    let content_type = content_type(protocol);
    let serialize_doc = doc_lines(&format!(
        "Serializes `input` as an {} request: `POST /` with `Content-Type: {content_type}`, \
         `X-Amz-Target: {target}` and the input as a JSON body.\n\n\
         The request has no host and no signature; whoever sends it adds those.",
        protocol.name()
    ));
    let parse_doc = doc_lines(&format!(
        "Reads the response to a [`serialize_request`] request.\n\n\
         # Errors\n\n\
         A modelled error the service returned, as its variant of [`{error}`]; any other error \
         as [`{error}::Unhandled`]; a body that cannot be read as [`{error}::InvalidResponse`], \
         with the HTTP status and the start of the body."
    ));
    let arms: Vec<TokenStream> = operation.errors.iter().map(|error_id| {
        let code = error_code(ctx.shape(error_id));
        let variant = ident(&ctx.symbols.error_variant(error_id).name);
        let ty = imports.named(ctx.symbols, error_id);
        quote! {
            Some(#code) => error.parse::<#ty>().map_or_else(#error::InvalidResponse, #error::#variant),
        }
    }).collect();
    let error_value = if arms.is_empty() {
        quote! { #error::Unhandled(error.into_unhandled()) }
    } else {
        quote! {
            match error.code() {
                #(#arms)*
                _ => #error::Unhandled(error.into_unhandled()),
            }
        }
    };
    quote! {
        #serialize_doc
        pub fn serialize_request(input: &#input) -> http::Request<Vec<u8>> {
            crate::protocol::serialize_request(#target, input)
        }

        #parse_doc
        pub fn parse_response<B: AsRef<[u8]>>(
            response: &http::Response<B>,
        ) -> Result<#output, #error> {
            let body = response.body().as_ref();
            if response.status().is_success() {
                return crate::protocol::parse_output(response.status(), body)
                    .map_err(#error::InvalidResponse);
            }
            let error = crate::protocol::ErrorResponse::read(response.status(), response.headers(), body)
                .map_err(#error::InvalidResponse)?;
            Err(#error_value)
        }
    }
}

/// `src/aws_json.rs`.
pub fn emit_protocol_module(ctx: &Context<'_>) -> TokenStream {
    let content_type = content_type(ctx.model.service.protocol);
    quote! {
        //! The awsJson protocol: requests are `POST /` with the operation in `X-Amz-Target`
        //! and the input as JSON; responses carry the output as JSON, or an error whose code
        //! comes from `X-Amzn-ErrorType`, the body's `code` or its `__type`.
        // A model whose operations list no errors leaves parts of this unused.
        #![allow(dead_code)]

        use http::header::{CONTENT_TYPE, HeaderValue};
        use http::{HeaderMap, Method, Request, StatusCode};
        use serde::Serialize;
        use serde::de::DeserializeOwned;

        use crate::error::{InvalidResponseError, UnhandledError};

        /// The request for the operation `target` (`Service.Operation`) with `input` as body.
        pub(crate) fn serialize_request<T: Serialize>(target: &'static str, input: &T) -> Request<Vec<u8>> {
            // Every map key is a string and no member's serializer fails, so this cannot either.
            let body = serde_json::to_vec(input).expect("generated inputs always serialize to JSON");
            let mut request = Request::new(body);
            *request.method_mut() = Method::POST;
            *request.uri_mut() = http::Uri::from_static("/");
            let headers = request.headers_mut();
            headers.insert(CONTENT_TYPE, HeaderValue::from_static(#content_type));
            headers.insert("x-amz-target", HeaderValue::from_static(target));
            request
        }

        /// Reads a successful response's body; an empty body is an output with nothing set.
        pub(crate) fn parse_output<T: DeserializeOwned>(status: StatusCode, body: &[u8]) -> Result<T, InvalidResponseError> {
            let body_or_empty: &[u8] = if body.iter().all(u8::is_ascii_whitespace) { b"{}" } else { body };
            serde_json::from_slice(body_or_empty)
                .map_err(|e| InvalidResponseError::new(status.as_u16(), e.to_string(), body))
        }

        /// What an error response says: its code, message and request id.
        pub(crate) struct ErrorResponse<'a> {
            status: u16,
            code: Option<String>,
            message: Option<String>,
            request_id: Option<String>,
            body: &'a [u8],
        }

        impl<'a> ErrorResponse<'a> {
            /// Reads the code from `X-Amzn-ErrorType`, else the body's `code`, else its
            /// `__type`; the message from `message`, `Message` or `errorMessage`.
            pub(crate) fn read(status: StatusCode, headers: &HeaderMap, body: &'a [u8]) -> Result<Self, InvalidResponseError> {
                let header = |name: &str| headers.get(name).and_then(|v| v.to_str().ok()).map(str::to_owned);
                let fields: serde_json::Map<String, serde_json::Value> =
                    if body.iter().all(u8::is_ascii_whitespace) {
                        serde_json::Map::new()
                    } else {
                        serde_json::from_slice(body).map_err(|e| {
                            InvalidResponseError::new(status.as_u16(), e.to_string(), body)
                        })?
                    };
                let text = |key: &str| fields.get(key).and_then(serde_json::Value::as_str);
                let code = header("x-amzn-errortype")
                    .or_else(|| text("code").map(str::to_owned))
                    .or_else(|| text("__type").map(str::to_owned))
                    .map(|code| sanitize_error_code(&code).to_owned());
                let message = ["message", "Message", "errorMessage"]
                    .into_iter()
                    .find_map(text)
                    .map(str::to_owned);
                Ok(Self {
                    status: status.as_u16(),
                    code,
                    message,
                    request_id: header("x-amzn-requestid"),
                    body,
                })
            }

            /// The sanitized error code.
            pub(crate) fn code(&self) -> Option<&str> {
                self.code.as_deref()
            }

            /// The body as the modelled error `T`.
            pub(crate) fn parse<T: DeserializeOwned>(&self) -> Result<T, InvalidResponseError> {
                parse_output(StatusCode::from_u16(self.status).unwrap_or(StatusCode::BAD_REQUEST), self.body)
            }

            /// The error as one the model does not list.
            pub(crate) fn into_unhandled(self) -> UnhandledError {
                UnhandledError::new(self.code, self.message, self.status, self.request_id)
            }
        }

        /// `aws.protocoltests#InvalidInput:http://internal.amazon.com/` → `InvalidInput`: cut
        /// at the first `:`, keep what follows the last `#`.
        pub(crate) fn sanitize_error_code(code: &str) -> &str {
            let code = code.split(':').next().unwrap_or(code);
            code.rsplit('#').next().unwrap_or(code).trim()
        }
    }
}
