//! restJson1: each operation has its own HTTP method and URI pattern; input members are bound
//! to URI labels, the query string, headers, or the body — a JSON object of the unbound
//! members, or one payload member as the whole body; output members come from headers, the
//! status code and the body the same way. Error codes come from `X-Amzn-ErrorType`, the body's
//! `code` or its `__type`. Members are named by `jsonName` when they have one; timestamps are
//! epoch seconds in the body, date-times in labels and the query, and HTTP dates in headers,
//! unless a member says otherwise.

use proc_macro2::TokenStream;
use quote::quote;

use super::json_body::{JsonCodec, NameRule};
use super::{Location, ProtocolGenerator};
use crate::emit::context::{Context, Imports, doc_lines, ident, inner_doc_lines};
use crate::emit::errors::error_code;
use crate::emit::structure::{Field, Presence, fields};
use crate::error::{Error, Result};
use crate::model::{
    Binding, Member, Model, Operation, Protocol, Shape, ShapeId, ShapeKind, TimestampFormat,
    UriSegment,
};
use crate::symbols::RustType;

/// The restJson1 protocol.
pub struct RestJson;

/// Whether `member` of the structure `id` goes somewhere other than the JSON body: in an
/// operation's input, a member bound to a label, the query, a header or the payload; in an
/// output or an error, one bound to a header, the status code or the payload. Bindings that
/// do not apply to the side (`httpQuery` on an output, `httpResponseCode` on an input) and
/// bindings of nested structures are ignored, as Smithy specifies: those members are in the
/// body.
pub fn outside_body(model: &Model, id: &ShapeId, member: &Member) -> bool {
    let Some(binding) = &member.binding else {
        return false;
    };
    let is_error = model
        .shapes
        .get(id)
        .is_some_and(|shape| shape.traits.error.is_some());
    let (is_input, is_output) = if is_error {
        (false, true)
    } else {
        model
            .operations()
            .fold((false, false), |(input, output), (_, operation)| {
                (
                    input || operation.input.as_ref() == Some(id),
                    output || operation.output.as_ref() == Some(id),
                )
            })
    };
    match binding {
        Binding::Label { .. } | Binding::Query(_) | Binding::QueryParams => is_input,
        Binding::Header(_) | Binding::PrefixHeaders(_) | Binding::Payload => is_input || is_output,
        Binding::ResponseCode => is_output,
    }
}

impl RestJson {
    fn codec() -> JsonCodec {
        JsonCodec {
            marker: quote!(crate::protocol::Json),
            names: NameRule::JsonName,
            skip_bound: true,
        }
    }
}

/// The runtime's `rest` module as generated code names it.
fn rt() -> TokenStream {
    quote!(service_runtime::rest)
}

/// The runtime's timestamp format.
fn format_tokens(format: TimestampFormat) -> TokenStream {
    let rt = rt();
    match format {
        TimestampFormat::EpochSeconds => quote!(#rt::TimestampFormat::EpochSeconds),
        TimestampFormat::DateTime => quote!(#rt::TimestampFormat::DateTime),
        TimestampFormat::HttpDate => quote!(#rt::TimestampFormat::HttpDate),
    }
}

/// What a payload member's target is, which decides how the body carries it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum PayloadKind {
    Blob,
    String,
    Enum,
    Structure,
    Union,
    Document,
}

fn payload_kind(ctx: &Context<'_>, member: &Member) -> Option<PayloadKind> {
    Some(match &ctx.shape(&member.target).kind {
        ShapeKind::Blob => PayloadKind::Blob,
        ShapeKind::String => PayloadKind::String,
        ShapeKind::Enum(_) => PayloadKind::Enum,
        ShapeKind::Structure(_) => PayloadKind::Structure,
        ShapeKind::Union(_) => PayloadKind::Union,
        ShapeKind::Document => PayloadKind::Document,
        _ => return None,
    })
}

/// The `mediaType` of a member's target, if it has one.
fn media_type<'m>(ctx: &'m Context<'_>, member: &'m Member) -> Option<&'m str> {
    member
        .traits
        .media_type
        .as_deref()
        .or(ctx.shape(&member.target).traits.media_type.as_deref())
}

/// Whether a value of `ty` is a generated enum.
fn is_enum(ctx: &Context<'_>, ty: &RustType) -> bool {
    matches!(ty, RustType::Named(id) if matches!(ctx.shape(id).kind, ShapeKind::Enum(_)))
}

impl RestJson {
    /// An expression of type `Cow<'_, str>`: the text of `value` (a reference to a value of
    /// `ty`, the target of `member` or an item of it) at `location`.
    fn text(
        &self,
        ctx: &Context<'_>,
        member: &Member,
        item: &Member,
        ty: &RustType,
        value: TokenStream,
        location: Location,
    ) -> Option<TokenStream> {
        let rt = rt();
        Some(match ty {
            RustType::String if location == Location::Header && media_type(ctx, item).is_some() => {
                quote!(std::borrow::Cow::<str>::Owned(#rt::base64_text(#value)))
            }
            RustType::String
            | RustType::Bool
            | RustType::I8
            | RustType::I16
            | RustType::I32
            | RustType::I64
            | RustType::F32
            | RustType::F64 => quote!(#rt::Text::text(#value)),
            RustType::Timestamp => {
                let format = format_tokens(self.item_timestamp_format(ctx, member, item, location));
                quote!(std::borrow::Cow::<str>::Owned(#rt::timestamp_text(#value, #format)))
            }
            RustType::Blob => quote!(std::borrow::Cow::<str>::Owned(#rt::base64_text(#value))),
            RustType::Named(_) if is_enum(ctx, ty) => {
                quote!(std::borrow::Cow::<str>::Borrowed(#value.as_str()))
            }
            _ => return None,
        })
    }

    /// The timestamp format of `item` (the member, or an item of its list) at `location`: the
    /// member's `timestampFormat`, the item's, its target's, or the location's default.
    fn item_timestamp_format(
        &self,
        ctx: &Context<'_>,
        member: &Member,
        item: &Member,
        location: Location,
    ) -> TimestampFormat {
        member
            .traits
            .timestamp_format
            .or(item.traits.timestamp_format)
            .unwrap_or_else(|| self.timestamp_format(ctx.model, item, location))
    }

    /// An expression of type `Result<T, String>` reading `text` (a `&str`) as a value of `ty`.
    fn parse(
        &self,
        ctx: &Context<'_>,
        member: &Member,
        item: &Member,
        ty: &RustType,
        text: TokenStream,
    ) -> Option<TokenStream> {
        let rt = rt();
        Some(match ty {
            RustType::String if media_type(ctx, item).is_some() => {
                quote!(#rt::parse_base64_text(#text))
            }
            RustType::String => quote!(Ok::<String, String>(#text.to_owned())),
            RustType::Bool
            | RustType::I8
            | RustType::I16
            | RustType::I32
            | RustType::I64
            | RustType::F32
            | RustType::F64 => quote!(#rt::parse(#text)),
            RustType::Timestamp => {
                let format =
                    format_tokens(self.item_timestamp_format(ctx, member, item, Location::Header));
                quote!(#rt::parse_timestamp(#text, #format))
            }
            RustType::Blob => quote!(#rt::parse_base64(#text)),
            RustType::Named(id) if is_enum(ctx, ty) => {
                let path = super::absolute(ctx, id);
                quote!(Ok::<#path, String>(#path::from(#text)))
            }
            _ => return None,
        })
    }

    /// The list item member of a list-typed member.
    fn list_item<'m>(ctx: &'m Context<'_>, member: &Member) -> Option<&'m Member> {
        match &ctx.shape(&member.target).kind {
            ShapeKind::List(item) => Some(item),
            _ => None,
        }
    }
}

/// The error for a binding the generator cannot write.
fn unsupported(operation_id: &ShapeId, member: &Member, ty: &RustType, place: &str) -> Error {
    Error::shape(
        "the model",
        operation_id,
        format!(
            "the member `{}` is bound to {place}, which cannot hold a {ty:?}",
            member.name
        ),
    )
}

/// `value` for a field: `Some(value)` when the field is an `Option`.
fn wrap(field: &Field<'_>, value: TokenStream) -> TokenStream {
    if matches!(field.presence, Presence::Optional) {
        quote!(Some(#value))
    } else {
        value
    }
}

impl ProtocolGenerator for RestJson {
    fn protocol(&self) -> Protocol {
        Protocol::RestJson1
    }

    fn body_member_name<'m>(&self, member: &'m Member) -> &'m str {
        NameRule::JsonName.name(member)
    }

    fn default_timestamp_format(&self, location: Location) -> TimestampFormat {
        match location {
            Location::Body => TimestampFormat::EpochSeconds,
            Location::Header => TimestampFormat::HttpDate,
            Location::Label | Location::Query => TimestampFormat::DateTime,
        }
    }

    fn emit_support_module(&self, _ctx: &Context<'_>) -> TokenStream {
        let doc = inner_doc_lines(
            "The restJson1 protocol: each operation has its own method and URI; input members \
             go to URI labels, the query string, headers, or the JSON body; responses carry \
             the output the same way, or an error whose code comes from `X-Amzn-ErrorType`, \
             the body's `code` or its `__type`.",
        );
        quote! {
            #doc

            /// The JSON codec of this protocol: the crate's types implement the runtime's
            /// `SerializeAs`/`DeserializeAs` for it, members named by `jsonName`, and members
            /// of operation inputs, outputs and errors bound outside the body left out.
            pub(crate) struct Json;

            /// Where error codes are read from.
            pub(crate) const ERROR_CODE_RULES: service_runtime::response::ErrorCodeRules =
                service_runtime::response::ErrorCodeRules { query_compatible: false };

            /// The request `method uri` with `body` (bytes, or a streaming payload).
            pub(crate) fn request<B>(
                method: http::Method,
                uri: String,
                body: B,
            ) -> Result<http::Request<B>, crate::error::SerializeError> {
                let uri = http::Uri::try_from(uri.as_str()).map_err(|_| {
                    crate::error::SerializeError::new(
                        "uri",
                        format!("makes the request URI {uri:?}, which is not a valid URI"),
                    )
                })?;
                let mut request = http::Request::new(body);
                *request.method_mut() = method;
                *request.uri_mut() = uri;
                Ok(request)
            }
        }
    }

    fn emit_type_codec(&self, ctx: &Context<'_>, shape: &Shape) -> TokenStream {
        let codec = Self::codec().emit_type(ctx, shape);
        if shape.traits.error.is_none() {
            return codec;
        }
        // An error's members bound to headers are read by a function beside the type.
        match self.read_bindings(ctx, shape) {
            Ok(Some(BindingReads {
                statements: reads,
                reads_headers,
            })) => {
                let name = ident(&ctx.symbols.type_of(&shape.id).name);
                // Only header reads use the headers, and the body (for their errors' excerpt).
                let silence = (!reads_headers).then(|| quote!(let _ = (headers, body);));
                quote! {
                    #codec

                    impl #name {
                        /// Reads the members the response's headers carry.
                        pub(crate) fn read_http_bindings(
                            &mut self,
                            status: u16,
                            headers: &http::HeaderMap,
                            body: &[u8],
                        ) -> Result<(), crate::error::InvalidResponseError> {
                            #silence
                            let value = self;
                            #reads
                            Ok(())
                        }
                    }
                }
            }
            _ => codec,
        }
    }

    fn emit_event_codec(&self, ctx: &Context<'_>, shape: &Shape) -> TokenStream {
        let marker = &Self::codec().marker;
        let mut tokens = super::json_body::emit_event_unmarshaller(ctx, shape, marker);
        tokens.extend(super::json_body::emit_event_marshaller(ctx, shape, marker));
        tokens
    }

    fn user_form_codec(&self, _model: &Model) -> Option<TokenStream> {
        // The codec leaves bound members out and honours `jsonName`: not boto3's form.
        None
    }

    fn emit_example_helpers(&self) -> TokenStream {
        quote! {
            /// Checks that `request` has the method `method` and that each member of its JSON
            /// body is in `expected` (the input in wire form) with the same value.
            fn check_request(request: &http::Request<Vec<u8>>, method: &str, expected: &serde_json::Value) {
                assert_eq!(request.method().as_str(), method);
                if request.body().is_empty() {
                    return;
                }
                let body: serde_json::Value =
                    serde_json::from_slice(request.body()).expect("the request body is JSON");
                let serde_json::Value::Object(members) = &body else {
                    return;
                };
                for (name, value) in members {
                    let same = expected.get(name).is_some_and(|wanted| same_json(value, wanted));
                    assert!(same, "the request body's `{name}`\n{value:#}\nis not the example's\n{expected:#}");
                }
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
        match &ctx.shape(operation_id).kind {
            ShapeKind::Operation(operation) => operation
                .http
                .as_ref()
                .map_or_else(|| "POST".to_owned(), |http| http.method.clone()),
            _ => "POST".to_owned(),
        }
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
        let output_id = operation.output_id();
        let input = ident(&ctx.symbols.type_of(input_id).name);
        let output = ident(&ctx.symbols.type_of(output_id).name);
        let error = ident(&symbol.error);
        let Some(http) = &operation.http else {
            return Err(Error::shape(
                "the model",
                operation_id,
                "has no HTTP binding (method and URI), which restJson1 needs",
            ));
        };
        let method = match http.method.as_str() {
            "GET" => quote!(http::Method::GET),
            "PUT" => quote!(http::Method::PUT),
            "POST" => quote!(http::Method::POST),
            "DELETE" => quote!(http::Method::DELETE),
            "HEAD" => quote!(http::Method::HEAD),
            "PATCH" => quote!(http::Method::PATCH),
            "OPTIONS" => quote!(http::Method::OPTIONS),
            other => {
                return Err(Error::shape(
                    "the model",
                    operation_id,
                    format!("has the HTTP method `{other}`, which restJson1 does not use"),
                ));
            }
        };

        let request = self.emit_serialize(ctx, operation_id, operation, input_id, method)?;
        let read_output = self.emit_read_output(ctx, operation_id, output_id, imports)?;
        let input_fields = fields(ctx, ctx.shape(input_id));
        let input_stream = crate::emit::structure::streaming_payload(&input_fields)
            .or_else(|| crate::emit::structure::input_event_stream(&input_fields))
            .map(|field| ident(&field.symbol.name));
        // How the streaming body goes into the output: as its `ByteStream`, or its events.
        let output_stream =
            crate::emit::structure::streaming_payload(&fields(ctx, ctx.shape(output_id)))
                .map(|field| {
                    let field = ident(&field.symbol.name);
                    quote!(value.#field = body;)
                })
                .or_else(|| {
                    super::output_event_stream(ctx, output_id, imports).map(|(field, union)| {
                        let receiver = super::event_receiver(&union, quote!(body));
                        quote!(value.#field = #receiver;)
                    })
                });

        let serialize_doc = doc_lines(&format!(
            "Serializes `input` as a restJson1 request: `{} {}`, with the members bound to \
             the URI, the query string and headers there, and the others in the body.\n\n\
             The request has no host and no signature; whoever sends it adds those.\n\n\
             # Errors\n\n\
             A member the URI needs is unset or empty, or a value cannot be sent where the \
             model binds it (a control character in a header, say).",
            http.method, http.uri.raw
        ));
        let parse_doc = doc_lines(&format!(
            "Reads the response to a [`serialize_request`] request.\n\n\
             # Errors\n\n\
             A modelled error the service returned, as its variant of [`{error}`]; any other error \
             as [`{error}::Unhandled`]; a body or header that cannot be read as \
             [`{error}::InvalidResponse`], with the HTTP status and the start of the body."
        ));
        let arms: Vec<TokenStream> = operation
            .errors
            .iter()
            .map(|error_id| {
                let shape = ctx.shape(error_id);
                let code = error_code(shape);
                let variant = ident(&ctx.symbols.error_variant(error_id).name);
                let ty = imports.named(ctx.symbols, error_id);
                let has_bindings = matches!(self.read_bindings(ctx, shape), Ok(Some(_)));
                if has_bindings {
                    quote! {
                        Some(#code) => error
                            .parse::<crate::protocol::Json, #ty>()
                            .and_then(|mut value| {
                                value.read_http_bindings(status, headers, body)?;
                                Ok(value)
                            })
                            .map_or_else(#error::InvalidResponse, #error::#variant),
                    }
                } else {
                    quote! {
                        Some(#code) => error
                            .parse::<crate::protocol::Json, #ty>()
                            .map_or_else(#error::InvalidResponse, #error::#variant),
                    }
                }
            })
            .collect();
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
        let serialize = match &input_stream {
            None => quote! {
                #serialize_doc
                pub fn serialize_request(input: &#input) -> Result<http::Request<Vec<u8>>, crate::error::SerializeError> {
                    #request
                }
            },
            Some(stream) => {
                let tokens = super::idempotency::emit_in_place(ctx, input_id);
                let token_doc = if tokens.is_empty() {
                    ""
                } else {
                    " An idempotency token left unset is filled in."
                };
                let stream_doc = doc_lines(&format!(
                    "{}{token_doc}",
                    if crate::emit::structure::input_event_stream(&input_fields).is_some() {
                        "The input is taken by value: its event stream goes with the request \
                         (its `InputEvents` extension), each event marshalled as it comes, for the \
                         client to sign and send as the body; the body itself is empty."
                    } else {
                        "The input is taken by value: its streaming payload becomes the request's \
                         body, sent chunk by chunk."
                    }
                ));
                // An input of the stream alone has nothing else to write.
                let (binding, take, rest) = if input_fields.len() == 1 {
                    (quote!(input), quote!(input.#stream), TokenStream::new())
                } else {
                    (
                        quote!(mut input),
                        quote!(std::mem::take(&mut input.#stream)),
                        quote!(let input = &input;),
                    )
                };
                quote! {
                    #serialize_doc
                    ///
                    #stream_doc
                    pub fn serialize_request(
                        #binding: #input,
                    ) -> Result<http::Request<service_runtime::stream::ByteStream>, crate::error::SerializeError> {
                        let payload = #take;
                        #tokens
                        #rest
                        #request
                    }
                }
            }
        };
        let parse_streaming = output_stream.map(|take_body| {
            super::emit_parse_streaming_response(
                &format!(
                    "Reads a successful (2xx) response whose body streams: the headers now, the \
                     body as the output's `ByteStream`, read by the caller as it arrives.\n\n\
                     # Errors\n\n\
                     A header that cannot be read, as [`{error}::InvalidResponse`]; so is an \
                     error response, which must be read whole and given to [`parse_response`]."
                ),
                &output,
                &error,
                quote! {
                    let mut value = read_output(status, &parts.headers, &[]).map_err(#error::InvalidResponse)?;
                },
                take_body,
            )
        });
        Ok(quote! {
            #serialize
            #parse_streaming

            #parse_doc
            pub fn parse_response<B: AsRef<[u8]>>(
                response: &http::Response<B>,
            ) -> Result<#output, #error> {
                let status = response.status().as_u16();
                let headers = response.headers();
                let body = response.body().as_ref();
                if response.status().is_success() {
                    return read_output(status, headers, body).map_err(#error::InvalidResponse);
                }
                let error = service_runtime::response::JsonErrorResponse::read(
                    status,
                    headers,
                    body,
                    crate::protocol::ERROR_CODE_RULES,
                )
                .map_err(#error::InvalidResponse)?;
                Err(#error_value)
            }

            /// Reads a successful response's output: its body, headers and status.
            fn read_output(
                status: u16,
                headers: &http::HeaderMap,
                body: &[u8],
            ) -> Result<#output, crate::error::InvalidResponseError> {
                #read_output
            }
        })
    }
}

/// What [`RestJson::read_bindings`] emits for a shape with members bound outside the body.
struct BindingReads {
    /// Statements that set those members on `value`.
    statements: TokenStream,
    /// Whether they read `headers` (a status code binding alone does not).
    reads_headers: bool,
}

impl RestJson {
    /// The body of `serialize_request`.
    fn emit_serialize(
        &self,
        ctx: &Context<'_>,
        operation_id: &ShapeId,
        operation: &Operation,
        input_id: &ShapeId,
        method: TokenStream,
    ) -> Result<TokenStream> {
        let rt = rt();
        let http = operation.http.as_ref().expect("checked by the caller");
        let shape = ctx.shape(input_id);
        let fields = fields(ctx, shape);
        let streams = crate::emit::structure::streaming_payload(&fields).is_some()
            || crate::emit::structure::input_event_stream(&fields).is_some();

        // The path.
        let mut path = Vec::new();
        let mut literal = String::new();
        for segment in &http.uri.segments {
            literal.push('/');
            match segment {
                UriSegment::Literal(text) => literal.push_str(text),
                UriSegment::Label { name, greedy } => {
                    let Some(field) = fields.iter().find(|field| {
                        matches!(&field.member.binding, Some(Binding::Label { name: label, .. }) if label == name)
                    }) else {
                        return Err(Error::shape(
                            "the model",
                            operation_id,
                            format!(
                                "the URI `{}` has the label `{name}`, which no input member is bound to",
                                http.uri.raw
                            ),
                        ));
                    };
                    if !literal.is_empty() {
                        path.push(quote!(path.push_str(#literal);));
                        literal.clear();
                    }
                    let member = field.member;
                    let wire = member.name.as_str();
                    let text = self
                        .text(
                            ctx,
                            member,
                            member,
                            &field.ty,
                            quote!(value),
                            Location::Label,
                        )
                        .ok_or_else(|| {
                            unsupported(operation_id, member, &field.ty, "a URI label")
                        })?;
                    let field_ident = ident(&field.symbol.name);
                    let value = if matches!(field.presence, Presence::Optional) {
                        quote! {
                            let Some(value) = &input.#field_ident else {
                                return Err(#rt::missing_label(#wire));
                            };
                        }
                    } else {
                        quote! { let value = &input.#field_ident; }
                    };
                    path.push(quote! {
                        {
                            #value
                            #rt::push_label(&mut path, #wire, &#text, #greedy)?;
                        }
                    });
                }
            }
        }
        if http.uri.segments.is_empty() {
            literal.push('/');
        }
        if !literal.is_empty() {
            path.push(quote!(path.push_str(#literal);));
        }

        // The query.
        let literal_query = http
            .uri
            .query
            .iter()
            .map(|q| match &q.value {
                Some(value) => format!("{}={value}", q.name),
                None => q.name.clone(),
            })
            .collect::<Vec<_>>()
            .join("&");
        let mut bound_names: Vec<String> = http.uri.query.iter().map(|q| q.name.clone()).collect();
        for field in &fields {
            if let Some(Binding::Query(name)) = &field.member.binding {
                bound_names.push(name.clone());
            }
        }
        let mut query = Vec::new();
        for field in &fields {
            let member = field.member;
            let field_ident = ident(&field.symbol.name);
            let wire = member.name.as_str();
            let optional = matches!(field.presence, Presence::Optional);
            let statements = match &member.binding {
                Some(Binding::Query(name)) => match &field.ty {
                    RustType::List(item_ty) => {
                        let item = Self::list_item(ctx, member).expect("list types are lists");
                        let (item_ty, flatten) = match &**item_ty {
                            RustType::Nullable(inner) => (&**inner, quote!(.flatten())),
                            other => (other, TokenStream::new()),
                        };
                        let text = self
                            .text(ctx, member, item, item_ty, quote!(item), Location::Query)
                            .ok_or_else(|| {
                                unsupported(operation_id, member, item_ty, "the query string")
                            })?;
                        quote! {
                            for item in value.iter() #flatten {
                                query.push(#name, &#text);
                            }
                        }
                    }
                    ty => {
                        let text = self
                            .text(ctx, member, member, ty, quote!(value), Location::Query)
                            .ok_or_else(|| {
                                unsupported(operation_id, member, ty, "the query string")
                            })?;
                        quote! { query.push(#name, &#text); }
                    }
                },
                Some(Binding::QueryParams) => {
                    let bound = &bound_names;
                    quote! { query.push_params(value, &[#(#bound),*]); }
                }
                _ => continue,
            };
            query.push(if optional {
                quote! {
                    if let Some(value) = &input.#field_ident {
                        #statements
                    }
                }
            } else {
                quote! {
                    {
                        let value = &input.#field_ident;
                        #statements
                    }
                }
            });
            let _ = wire;
        }

        // The body.
        let payload = fields
            .iter()
            .find(|field| field.member.binding == Some(Binding::Payload));
        let has_body_members = fields
            .iter()
            .any(|field| !outside_body(ctx.model, input_id, field.member));
        let (body, content_type) = match payload {
            // A streaming payload is the body itself, taken out of the input by
            // `serialize_request` (as `payload`).
            Some(field) if field.ty == RustType::ByteStream => {
                let member = field.member;
                let content_type = media_type(ctx, member).unwrap_or("application/octet-stream");
                let wire = member.name.as_str();
                let requires_length = ctx.shape(&member.target).traits.requires_length;
                let length_check = requires_length.then(|| {
                    quote! {
                        if body.length().is_none() {
                            return Err(crate::error::SerializeError::new(
                                #wire,
                                "is a stream of unknown length, and the operation needs the \
                                 payload's length: give bytes, a file \
                                 (ByteStream::from_path) or a stream with_length",
                            ));
                        }
                    }
                });
                (
                    quote! {
                        let body = payload;
                        #length_check
                    },
                    quote! {
                        if request.body().length() != Some(0) {
                            #rt::default_content_type(&mut request, #content_type);
                        }
                    },
                )
            }
            // An input event stream goes with the request, for the client to sign and send
            // as the body (`serialize_request` took it out of the input as `payload`).
            Some(field) if matches!(field.ty, RustType::EventInput(_)) => {
                let RustType::EventInput(union) = &field.ty else {
                    unreachable!("matched above")
                };
                let union = super::absolute(ctx, union);
                (
                    quote! {
                        let body = service_runtime::stream::ByteStream::default();
                    },
                    quote! {
                        #rt::default_content_type(&mut request, "application/vnd.amazon.eventstream");
                        request.extensions_mut().insert(payload.into_messages(#union::marshal));
                    },
                )
            }
            Some(field) => {
                let member = field.member;
                let field_ident = ident(&field.symbol.name);
                let kind = payload_kind(ctx, member)
                    .ok_or_else(|| unsupported(operation_id, member, &field.ty, "the payload"))?;
                let optional = matches!(field.presence, Presence::Optional);
                let media = media_type(ctx, member);
                let (write, content_type, when_unset) = match kind {
                    PayloadKind::Blob => (
                        quote!(value.clone()),
                        media.unwrap_or("application/octet-stream").to_owned(),
                        quote!(Vec::new()),
                    ),
                    PayloadKind::String => (
                        quote!(value.as_bytes().to_vec()),
                        media.unwrap_or("text/plain").to_owned(),
                        quote!(Vec::new()),
                    ),
                    PayloadKind::Enum => (
                        quote!(value.as_str().as_bytes().to_vec()),
                        media.unwrap_or("text/plain").to_owned(),
                        quote!(Vec::new()),
                    ),
                    PayloadKind::Structure => (
                        quote!(service_runtime::json::to_vec::<crate::protocol::Json, _>(
                            value
                        )),
                        "application/json".to_owned(),
                        // boto3 sends an empty object for an unset structure payload.
                        quote!(b"{}".to_vec()),
                    ),
                    PayloadKind::Union => (
                        quote!(service_runtime::json::to_vec::<crate::protocol::Json, _>(
                            value
                        )),
                        "application/json".to_owned(),
                        quote!(Vec::new()),
                    ),
                    PayloadKind::Document => (
                        quote!(service_runtime::json::to_vec::<
                            service_runtime::json::Same,
                            _,
                        >(value)),
                        "application/json".to_owned(),
                        quote!(Vec::new()),
                    ),
                };
                // A boxed member is unboxed first; any other is used as it is.
                let unbox = member.traits.boxed.then(|| quote!(let value = &**value;));
                let body = if optional {
                    quote! {
                        let body = match &input.#field_ident {
                            Some(value) => { #unbox #write }
                            None => #when_unset,
                        };
                    }
                } else {
                    quote! {
                        let body = { let value = &input.#field_ident; #unbox #write };
                    }
                };
                let content_type = quote! {
                    if !request.body().is_empty() {
                        #rt::default_content_type(&mut request, #content_type);
                    }
                };
                (body, content_type)
            }
            None if has_body_members => (
                quote! {
                    let body = service_runtime::json::to_vec::<crate::protocol::Json, _>(input);
                },
                quote! { #rt::default_content_type(&mut request, "application/json"); },
            ),
            None => (quote! { let body = Vec::new(); }, TokenStream::new()),
        };

        // Headers.
        let mut headers = Vec::new();
        for field in &fields {
            let member = field.member;
            let field_ident = ident(&field.symbol.name);
            let wire = member.name.as_str();
            let optional = matches!(field.presence, Presence::Optional);
            let statements = match &member.binding {
                Some(Binding::Header(name)) => {
                    let text = match &field.ty {
                        RustType::List(item_ty) => {
                            let item = Self::list_item(ctx, member).expect("list types are lists");
                            let (item_ty, flatten) = match &**item_ty {
                                RustType::Nullable(inner) => (&**inner, quote!(.flatten())),
                                other => (other, TokenStream::new()),
                            };
                            let text = self
                                .text(ctx, member, item, item_ty, quote!(item), Location::Header)
                                .ok_or_else(|| {
                                    unsupported(operation_id, member, item_ty, "a header")
                                })?;
                            let quote_items =
                                matches!(item_ty, RustType::String) || is_enum(ctx, item_ty);
                            quote!(#rt::header_list(value.iter() #flatten .map(|item| #text), #quote_items))
                        }
                        ty => {
                            let text = self
                                .text(ctx, member, member, ty, quote!(value), Location::Header)
                                .ok_or_else(|| unsupported(operation_id, member, ty, "a header"))?;
                            quote!(#text)
                        }
                    };
                    quote! { #rt::set_header(&mut request, #wire, #name, &#text)?; }
                }
                Some(Binding::PrefixHeaders(prefix)) => {
                    quote! { #rt::set_prefix_headers(&mut request, #wire, #prefix, value)?; }
                }
                _ => continue,
            };
            headers.push(if optional {
                quote! {
                    if let Some(value) = &input.#field_ident {
                        #statements
                    }
                }
            } else {
                quote! {
                    {
                        let value = &input.#field_ident;
                        #statements
                    }
                }
            });
        }

        let idempotency = if streams {
            TokenStream::new()
        } else {
            super::idempotency::emit(ctx, input_id)
        };
        let host_prefix = super::host_prefix::emit(ctx, operation_id, operation, input_id)?;
        let compression = super::compression::emit(ctx.model, operation_id);
        let query_new = if literal_query.is_empty() {
            quote!(#rt::Query::default())
        } else {
            quote!(#rt::Query::new(#literal_query))
        };
        let uri = if query.is_empty() && literal_query.is_empty() {
            quote!(path)
        } else {
            quote! {{
                #[allow(unused_mut)]
                let mut query = #query_new;
                #(#query)*
                query.finish(path)
            }}
        };
        let unused_input = fields.is_empty().then(|| quote! { let _ = input; });
        // A request without a body has no Content-Length (Smithy's RestJsonHttpGetWithNoInput);
        // a stream of unknown length has none either (it is sent chunked).
        let content_length = if streams {
            quote! {
                if let Some(length) = request.body().length().filter(|length| *length > 0) {
                    request
                        .headers_mut()
                        .insert(http::header::CONTENT_LENGTH, http::HeaderValue::from(length));
                }
            }
        } else {
            quote! {
                if !request.body().is_empty() {
                    service_runtime::set_content_length(&mut request);
                }
            }
        };
        Ok(quote! {
            #unused_input
            #idempotency
            let mut path = String::new();
            #(#path)*
            let uri = #uri;
            #body
            let mut request = crate::protocol::request(#method, uri, body)?;
            #(#headers)*
            #content_type
            #host_prefix
            #compression
            #content_length
            Ok(request)
        })
    }

    /// Statements reading the members of `shape` bound to headers and the status code into
    /// `value` (a `&mut` of the type), from `status`, `headers` and `body`; `None` when it has
    /// none.
    fn read_bindings(&self, ctx: &Context<'_>, shape: &Shape) -> Result<Option<BindingReads>> {
        let rt = rt();
        let mut reads = Vec::new();
        let mut reads_headers = false;
        for field in fields(ctx, shape) {
            let member = field.member;
            let field_ident = ident(&field.symbol.name);
            let read = match &member.binding {
                Some(Binding::Header(name)) => {
                    let parsed = match &field.ty {
                        RustType::List(item_ty) => {
                            let item = Self::list_item(ctx, member).expect("list types are lists");
                            let item_ty = match &**item_ty {
                                RustType::Nullable(inner) => &**inner,
                                other => other,
                            };
                            let parse = self
                                .parse(ctx, member, item, item_ty, quote!(item.as_str()))
                                .ok_or_else(|| {
                                    unsupported(&shape.id, member, item_ty, "a header")
                                })?;
                            let nullable = matches!(&field.ty, RustType::List(t) if matches!(**t, RustType::Nullable(_)));
                            let collect = if nullable {
                                quote!(.map(|item| #parse.map(Some)))
                            } else {
                                quote!(.map(|item| #parse))
                            };
                            let http_dates = matches!(item_ty, RustType::Timestamp)
                                && self.item_timestamp_format(ctx, member, item, Location::Header)
                                    == TimestampFormat::HttpDate;
                            let split = if http_dates {
                                quote!(Ok::<Vec<String>, String>(#rt::split_http_dates(text)))
                            } else {
                                quote!(#rt::split_list(text))
                            };
                            quote! {
                                #split.and_then(|items| items.iter() #collect .collect::<Result<Vec<_>, String>>())
                            }
                        }
                        ty => self
                            .parse(ctx, member, member, ty, quote!(text))
                            .ok_or_else(|| unsupported(&shape.id, member, ty, "a header"))?,
                    };
                    let value = wrap(&field, quote!(parsed));
                    quote! {
                        if let Some(text) = #rt::header(headers, #name).map_err(|reason| #rt::invalid(status, reason, body))? {
                            let parsed = #parsed.map_err(|reason| {
                                #rt::invalid(status, format!("the header `{}`: {reason}", #name), body)
                            })?;
                            value.#field_ident = #value;
                        }
                    }
                }
                Some(Binding::PrefixHeaders(prefix)) => {
                    let value = wrap(&field, quote!(map));
                    quote! {
                        if let Some(map) = #rt::prefix_headers(headers, #prefix).map_err(|reason| #rt::invalid(status, reason, body))? {
                            value.#field_ident = #value;
                        }
                    }
                }
                Some(Binding::ResponseCode) => {
                    let value = wrap(&field, quote!(i32::from(status)));
                    reads.push(quote! { value.#field_ident = #value; });
                    continue;
                }
                _ => continue,
            };
            reads_headers = true;
            reads.push(read);
        }
        Ok((!reads.is_empty()).then(|| BindingReads {
            statements: quote!(#(#reads)*),
            reads_headers,
        }))
    }

    /// The body of `read_output`.
    fn emit_read_output(
        &self,
        ctx: &Context<'_>,
        operation_id: &ShapeId,
        output_id: &ShapeId,
        imports: &mut Imports,
    ) -> Result<TokenStream> {
        let shape = ctx.shape(output_id);
        let output = ident(&ctx.symbols.type_of(output_id).name);
        let fields = fields(ctx, shape);
        let payload = fields
            .iter()
            .find(|field| field.member.binding == Some(Binding::Payload));
        let start = match payload {
            None => quote! {
                let mut value = service_runtime::json::from_body::<crate::protocol::Json, #output>(status, body)?;
            },
            Some(field) => {
                let member = field.member;
                let field_ident = ident(&field.symbol.name);
                let kind = payload_kind(ctx, member)
                    .ok_or_else(|| unsupported(operation_id, member, &field.ty, "the payload"))?;
                let read = match (kind, &field.ty) {
                    (PayloadKind::Blob, RustType::ByteStream) => {
                        quote!(service_runtime::stream::ByteStream::from(body.to_vec()))
                    }
                    (PayloadKind::Blob, _) => quote!(body.to_vec()),
                    (PayloadKind::Union, RustType::EventStream(id)) => super::event_receiver(
                        &imports.named(ctx.symbols, id),
                        quote!(service_runtime::stream::ByteStream::from(body.to_vec())),
                    ),
                    (PayloadKind::String, _) => {
                        quote!(service_runtime::rest::text_body(status, body)?)
                    }
                    (PayloadKind::Enum, _) => {
                        let RustType::Named(id) = &field.ty else {
                            unreachable!("enums are named types")
                        };
                        let path = imports.named(ctx.symbols, id);
                        quote!(#path::from(service_runtime::rest::text_body(status, body)?.as_str()))
                    }
                    (PayloadKind::Structure | PayloadKind::Union, _) => {
                        let read = quote!(service_runtime::json::from_body::<
                            crate::protocol::Json,
                            _,
                        >(status, body)?);
                        if member.traits.boxed {
                            quote!(Box::new(#read))
                        } else {
                            read
                        }
                    }
                    (PayloadKind::Document, _) => quote!(service_runtime::json::from_body::<
                        service_runtime::json::Same,
                        _,
                    >(status, body)?),
                };
                let set = if matches!(field.presence, Presence::Optional) {
                    quote! {
                        if !body.is_empty() {
                            value.#field_ident = Some(#read);
                        }
                    }
                } else {
                    quote! {
                        if !body.is_empty() {
                            value.#field_ident = #read;
                        }
                    }
                };
                quote! {
                    let mut value = <#output as service_runtime::json::Zero>::zero();
                    #set
                }
            }
        };
        let reads = self.read_bindings(ctx, shape)?;
        if payload.is_none() && reads.is_none() {
            // Everything is in the body.
            return Ok(quote! {
                let _ = headers;
                service_runtime::json::from_body::<crate::protocol::Json, #output>(status, body)
            });
        }
        let reads_headers = reads.as_ref().is_some_and(|reads| reads.reads_headers);
        let reads = reads.map(|BindingReads { statements, .. }| {
            quote! {
                {
                    let value = &mut value;
                    #statements
                }
            }
        });
        let body = quote! {
            #start
            #reads
        };
        // `read_output` has the same parameters for every operation; those this one does not
        // read (a payload blob reads neither headers nor the status) are marked used.
        let unread: Vec<TokenStream> = [
            (!names_ident(&body, "status")).then(|| quote!(status)),
            (!reads_headers).then(|| quote!(headers)),
        ]
        .into_iter()
        .flatten()
        .collect();
        let silence = match unread.as_slice() {
            [] => TokenStream::new(),
            [one] => quote!(let _ = #one;),
            _ => quote!(let _ = (#(#unread),*);),
        };
        Ok(quote! {
            #silence
            #body
            Ok(value)
        })
    }
}

/// Whether `tokens` use the identifier `name` anywhere, groups included.
fn names_ident(tokens: &TokenStream, name: &str) -> bool {
    tokens.clone().into_iter().any(|tree| match tree {
        proc_macro2::TokenTree::Ident(found) => found == name,
        proc_macro2::TokenTree::Group(group) => names_ident(&group.stream(), name),
        _ => false,
    })
}
