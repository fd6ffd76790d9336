//! The protocol layer: how a service's operations go on the wire.
//!
//! One module per protocol behind one interface, [`ProtocolGenerator`]; [`for_model`] picks
//! the implementation from the model's protocol, as smithy-rs's protocol loader does. The
//! interface decides everything the wire depends on — how a request is serialized (members
//! bound outside the body included), how a response and an error are read, the wire name of a
//! member, the timestamp format of each binding location and the error-code rules — and
//! emits it. The emitters of structures, builders, enums, validation, errors and the client
//! contain no protocol code: they place what this layer emits.

pub mod aws_json;
pub mod compression;
pub mod host_prefix;
pub mod idempotency;
pub mod json_body;
pub mod rest_json;

use proc_macro2::TokenStream;
use quote::quote;

use crate::emit::context::{Context, Imports};
use crate::error::Result;
use crate::model::{Member, Model, Operation, Protocol, Shape, ShapeId, TimestampFormat};

/// Where a member's value goes in a request or comes from in a response.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Location {
    /// The structured body (JSON, XML).
    Body,
    /// An HTTP header.
    Header,
    /// A label of the URI path.
    Label,
    /// The query string.
    Query,
}

/// One protocol's code generation.
pub trait ProtocolGenerator {
    /// The protocol.
    fn protocol(&self) -> Protocol;

    /// The member's name in a structured body.
    fn body_member_name<'m>(&self, member: &'m Member) -> &'m str;

    /// The timestamp format at `location` when neither the member nor its target names one.
    fn default_timestamp_format(&self, location: Location) -> TimestampFormat;

    /// The timestamp format of `member` at `location`: the member's `timestampFormat`, else its
    /// target's, else the protocol's default for the location.
    fn timestamp_format(
        &self,
        model: &Model,
        member: &Member,
        location: Location,
    ) -> TimestampFormat {
        member
            .traits
            .timestamp_format
            .or(model.shapes[&member.target].traits.timestamp_format)
            .unwrap_or_else(|| self.default_timestamp_format(location))
    }

    /// The crate's private `protocol` module: what every operation's functions share.
    fn emit_support_module(&self, ctx: &Context<'_>) -> TokenStream;

    /// How a structure, union or enum is written and read on the wire, placed beside the type.
    fn emit_type_codec(&self, ctx: &Context<'_>, shape: &Shape) -> TokenStream;

    /// The codec of an event stream (a `streaming` union), beside the union: how one
    /// message's payload and headers become an event or the stream's error (a received
    /// stream), or how an event becomes a message (a sent one).
    fn emit_event_codec(&self, ctx: &Context<'_>, shape: &Shape) -> TokenStream;

    /// The codec (a marker type's path) whose form is the user-facing serde form — boto3's
    /// keys, every member in the body — so the `serde` feature's impls delegate to it; `None`
    /// when the protocol's codec differs from that form.
    fn user_form_codec(&self, model: &Model) -> Option<TokenStream>;

    /// The helpers the model's example tests call: `check_request(request, marker, expected)`,
    /// which checks that `request` calls the operation `marker` names with `expected` (the
    /// input in wire form) as its content, and `ok_response(body)`, a successful response
    /// carrying the output in wire form. They may use `same_json(actual, expected)`.
    fn emit_example_helpers(&self) -> TokenStream;

    /// What `check_request` identifies the operation by (awsJson: its `X-Amz-Target`).
    fn operation_marker(&self, ctx: &Context<'_>, operation_id: &ShapeId) -> String;

    /// The operation's sans-IO `serialize_request` and `parse_response`.
    fn emit_operation_functions(
        &self,
        ctx: &Context<'_>,
        operation_id: &ShapeId,
        operation: &Operation,
        imports: &mut Imports,
    ) -> Result<TokenStream>;
}

/// The wire feature the operation `id` uses that the protocol layer does not generate yet,
/// naming where it is used, or `None` when it uses none: the transform stage leaves such
/// operations out (see [`crate::transform::leave_out_unsupported`]), so that none is silently
/// half-generated.
pub fn unsupported_feature(model: &Model, id: &ShapeId) -> Option<String> {
    use crate::model::ShapeKind;
    let ShapeKind::Operation(operation) = &model.shapes.get(id)?.kind else {
        return None;
    };
    if operation.http_checksum_required {
        return Some("`httpChecksumRequired` (a Content-MD5 header)".to_owned());
    }
    if operation.http_checksum.is_some() {
        return Some("`httpChecksum` (flexible checksums)".to_owned());
    }
    let input = operation.input.iter().map(|id| (id, true));
    let output = operation.output.iter().map(|id| (id, false));
    for (structure, is_input) in input.chain(output) {
        let Some(shape) = model.shapes.get(structure) else {
            continue;
        };
        for member in shape.kind.members() {
            if let Some(target) = model
                .shapes
                .get(&member.target)
                .filter(|t| t.traits.event_stream)
            {
                if let Some(problem) = event_stream_support(model, shape, member, target, is_input)
                {
                    return Some(format!(
                        "{problem} (member `{}` of `{}`)",
                        member.name,
                        structure.name()
                    ));
                }
                continue;
            }
            let target = model.shapes.get(&member.target);
            let traits = |f: fn(&crate::model::Traits) -> bool| {
                f(&member.traits) || target.is_some_and(|t| f(&t.traits))
            };
            // A streaming blob bound to the payload of a restJson1 operation is the body
            // itself, as a `ByteStream`.
            let streamed_payload = model.service.protocol == Protocol::RestJson1
                && member.binding == Some(crate::model::Binding::Payload)
                && target.is_some_and(|t| matches!(t.kind, ShapeKind::Blob));
            let feature = if traits(|t| t.event_stream) {
                "event streams"
            } else if traits(|t| t.streaming) && !streamed_payload {
                "streaming payloads"
            } else {
                continue;
            };
            return Some(format!(
                "{feature} (member `{}` of `{}`)",
                member.name,
                structure.name()
            ));
        }
    }
    None
}

/// What keeps the event stream `member` (targeting the union `target`) of the operation's input
/// or output `shape` from being generated, if anything. Output event streams are: restJson1's
/// payload, and awsJson's whole body when the output has no other member (they would come in
/// the `initial-response` message). Input event streams are restJson1's payload (sent over
/// HTTP/2, each message signed); awsJson's would need an `initial-request` message.
fn event_stream_support(
    model: &Model,
    shape: &crate::model::Shape,
    member: &crate::model::Member,
    target: &crate::model::Shape,
    is_input: bool,
) -> Option<&'static str> {
    use crate::model::ShapeKind;
    let payload = member.binding == Some(crate::model::Binding::Payload);
    if !is_input && crate::symbols::input_streams(model).contains(&target.id) {
        return Some("an event stream that one operation sends and another receives");
    }
    match model.service.protocol {
        Protocol::RestJson1 if !payload => {
            return Some("an event stream that is not the payload");
        }
        Protocol::AwsJson1_0 | Protocol::AwsJson1_1 if is_input => {
            return Some("an awsJson input event stream (its initial-request message)");
        }
        Protocol::AwsJson1_0 | Protocol::AwsJson1_1 if shape.kind.members().len() > 1 => {
            return Some("an output event stream beside other members (an initial-response)");
        }
        _ => {}
    }
    let ShapeKind::Union(events) = &target.kind else {
        return Some("an event stream that is not a union");
    };
    for event in events {
        let Some(event_shape) = model.shapes.get(&event.target) else {
            continue;
        };
        let ShapeKind::Structure(event_members) = &event_shape.kind else {
            return Some("an event that is not a structure");
        };
        if event_shape.traits.error.is_some() {
            continue;
        }
        if is_input
            && event_members.iter().any(|m| m.traits.event_header)
            && !event_members.iter().any(|m| m.traits.event_payload)
        {
            return Some("an input event whose header members sit beside a JSON payload");
        }
        for event_member in event_members {
            let target = model.shapes.get(&event_member.target);
            let kind = target.map(|t| &t.kind);
            if event_member.traits.event_header
                && !matches!(
                    kind,
                    Some(
                        ShapeKind::String
                            | ShapeKind::Boolean
                            | ShapeKind::Byte
                            | ShapeKind::Short
                            | ShapeKind::Integer
                            | ShapeKind::Long
                            | ShapeKind::Blob
                    )
                )
            {
                return Some(
                    "an event header of a type other than text, bytes, a number or a boolean",
                );
            }
            if event_member.traits.event_payload
                && (target.is_some_and(|t| t.traits.streaming)
                    || !matches!(
                        kind,
                        Some(
                            ShapeKind::String
                                | ShapeKind::Blob
                                | ShapeKind::Structure(_)
                                | ShapeKind::Union(_)
                        )
                    ))
            {
                return Some("an event payload of a type other than text, bytes or a structure");
            }
        }
    }
    None
}

/// Fails, naming the operation, when the model lacks what its protocol needs: a restJson1
/// operation without an HTTP binding (method and URI).
pub fn check_model(model: &Model, file: &str) -> Result<()> {
    if model.service.protocol == Protocol::RestJson1 {
        for (id, operation) in model.operations() {
            if operation.http.is_none() {
                return Err(crate::error::Error::shape(
                    file,
                    id,
                    "has no HTTP binding (method and URI), which restJson1 needs",
                ));
            }
        }
    }
    Ok(())
}

/// The runtime features the crate's sans-IO code needs, beyond the default none.
pub fn runtime_features(model: &Model) -> Vec<&'static str> {
    let mut features = Vec::new();
    if compression::any(model) {
        features.push("gzip");
    }
    // The strongest engine a pattern needs; `lookaround-patterns` includes `unicode-patterns`.
    let engine = model.patterns.values().map(|checked| checked.engine).max();
    features.extend(engine.and_then(crate::pattern::Engine::runtime_feature));
    if has_event_streams(model) {
        features.push("event-stream");
    }
    features
}

/// The absolute path of a generated type, `crate::types::Name`: it needs no import.
pub(crate) fn absolute(ctx: &Context<'_>, id: &ShapeId) -> TokenStream {
    let symbol = ctx.symbols.type_of(id);
    let segments = symbol
        .home
        .public_path()
        .into_iter()
        .map(|segment| crate::emit::context::ident(&segment));
    let name = crate::emit::context::ident(&symbol.name);
    quote!(crate #(::#segments)* ::#name)
}

/// The event stream of the output `output_id`, if it has one: its field, and the path of its
/// union (whose generated `unmarshal` reads each message).
pub(crate) fn output_event_stream(
    ctx: &Context<'_>,
    output_id: &ShapeId,
    imports: &mut Imports,
) -> Option<(proc_macro2::Ident, TokenStream)> {
    let fields = crate::emit::structure::fields(ctx, ctx.shape(output_id));
    let field = crate::emit::structure::event_stream(&fields)?;
    let crate::symbols::RustType::EventStream(id) = &field.ty else {
        unreachable!("event_stream finds event streams")
    };
    Some((
        crate::emit::context::ident(&field.symbol.name),
        imports.named(ctx.symbols, id),
    ))
}

/// The events of `body` (a `ByteStream` expression), read by the unmarshaller of `union`.
pub(crate) fn event_receiver(union: &TokenStream, body: TokenStream) -> TokenStream {
    quote!(crate::primitives::EventReceiver::new(#body, #union::unmarshal))
}

/// `parse_streaming_response` of an operation whose output streams: an error response is
/// refused (it must be read whole, by `parse_response`); else `start` makes `value` from
/// `status` and the head's `parts`, and `take_body` moves the streaming `body` into it.
pub(crate) fn emit_parse_streaming_response(
    doc: &str,
    output: &proc_macro2::Ident,
    error: &proc_macro2::Ident,
    start: TokenStream,
    take_body: TokenStream,
) -> TokenStream {
    let doc = crate::emit::context::doc_lines(doc);
    quote! {
        #doc
        pub fn parse_streaming_response(
            response: http::Response<service_runtime::stream::ByteStream>,
        ) -> Result<#output, #error> {
            let (parts, body) = response.into_parts();
            let status = parts.status.as_u16();
            if !parts.status.is_success() {
                return Err(#error::InvalidResponse(service_runtime::rest::invalid(
                    status,
                    "an error response must be read whole and given to parse_response".to_owned(),
                    &[],
                )));
            }
            #start
            #take_body
            Ok(value)
        }
    }
}

/// Whether the crate has an event stream (a `streaming` union some operation reaches).
pub fn has_event_streams(model: &Model) -> bool {
    model.shapes.values().any(|shape| {
        shape.traits.event_stream && matches!(shape.kind, crate::model::ShapeKind::Union(_))
    })
}

/// Whether an operation of the crate sends an input event stream.
pub fn has_input_event_streams(model: &Model) -> bool {
    !crate::symbols::input_streams(model).is_empty()
}

/// The generator of the model's protocol.
pub fn for_model(model: &Model) -> Box<dyn ProtocolGenerator> {
    match model.service.protocol {
        Protocol::AwsJson1_0 | Protocol::AwsJson1_1 => {
            Box::new(aws_json::AwsJson::new(model.service.protocol))
        }
        Protocol::RestJson1 => Box::new(rest_json::RestJson),
    }
}
