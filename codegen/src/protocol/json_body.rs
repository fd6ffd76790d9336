//! JSON bodies: the codec a JSON protocol writes and reads the crate's types with.
//!
//! For every structure, union and enum the generator emits impls of the runtime's
//! `SerializeAs` / `DeserializeAs` (and `FromMap`) for a marker type of the generated crate —
//! the codec. Members are written through adapters (`Same`, the timestamp formats, `Float`,
//! `Base64`, `ListOf`, `MapOf`, `Boxed`, or the codec itself for the crate's own types), so
//! one generator serves every JSON form: the protocols differ in the member names
//! ([`NameRule`]) and the marker. Reading fills the structure's builder: a member sent as
//! `null` counts as absent, a member sent twice keeps its last value, and members this crate
//! does not know are skipped; required members that did not come take their zero value.

use proc_macro2::{Ident, Literal, TokenStream};
use quote::quote;

use crate::emit::context::{Context, ident};
use crate::emit::structure::{Presence, fields};
use crate::model::{Member, Shape, ShapeKind, TimestampFormat};
use crate::symbols::RustType;

/// Which name a member has in a JSON body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameRule {
    /// The member name (boto3's keys).
    MemberName,
    /// awsJson: botocore's `locationName` when a `json` model gives one, else the member name;
    /// Smithy's `jsonName` is ignored.
    AwsJson,
    /// restJson: `jsonName` when the member has one, else the member name.
    JsonName,
}

impl NameRule {
    /// The member's name in the body.
    pub fn name(self, member: &Member) -> &str {
        let renamed = match self {
            NameRule::MemberName => &None,
            NameRule::AwsJson => &member.traits.aws_json_name,
            NameRule::JsonName => &member.traits.json_name,
        };
        renamed.as_deref().unwrap_or(&member.name)
    }
}

/// One JSON form: its marker type (a path in the generated crate) and its name rule.
#[derive(Debug, Clone)]
pub struct JsonCodec {
    /// The marker type the impls are for, e.g. `crate::protocol::Json`.
    pub marker: TokenStream,
    /// How members are named.
    pub names: NameRule,
    /// Leave out of operation inputs, outputs and errors the members an HTTP binding puts
    /// elsewhere (a label, the query, a header, the status code, or the payload, which is the
    /// whole body): restJson1. Nested structures ignore bindings, as Smithy specifies; the
    /// transform stage gives every operation input and output a structure of its own, so none
    /// is also nested.
    pub skip_bound: bool,
}

/// The runtime's JSON module as the emitted impls name it: each group of impls sits in a
/// `const _: () = { use service_runtime::json as rt; … };` block (see [`scoped`]), which keeps
/// the paths short without adding names to the type's module.
fn rt() -> TokenStream {
    quote!(rt)
}

/// `tokens` inside an anonymous const block that imports the runtime's JSON module as `rt`.
fn scoped(tokens: TokenStream) -> TokenStream {
    quote! {
        const _: () = {
            use service_runtime::json as rt;
            #tokens
        };
    }
}

/// Whether an adapter is serde's own form, so values are written and read directly.
fn is_same(adapter: &TokenStream) -> bool {
    adapter.to_string() == quote!(rt::Same).to_string()
}

impl JsonCodec {
    /// The adapter that writes and reads values of `member`'s target: a path.
    fn adapter(&self, ctx: &Context<'_>, member: &Member, ty: &RustType) -> TokenStream {
        let rt = rt();
        let marker = &self.marker;
        let inner = match ty {
            RustType::Timestamp => {
                let format = member
                    .traits
                    .timestamp_format
                    .or(ctx.shape(&member.target).traits.timestamp_format)
                    .unwrap_or(TimestampFormat::EpochSeconds);
                match format {
                    TimestampFormat::EpochSeconds => quote!(#rt::EpochSeconds),
                    TimestampFormat::DateTime => quote!(#rt::DateTime),
                    TimestampFormat::HttpDate => quote!(#rt::HttpDate),
                }
            }
            RustType::Blob => quote!(#rt::Base64),
            RustType::ByteStream => quote!(#rt::Base64),
            RustType::EventStream(_) | RustType::EventInput(_) => {
                unreachable!("an event stream is the body itself, never a member of one")
            }
            RustType::F32 | RustType::F64 => quote!(#rt::Float),
            RustType::String
            | RustType::Bool
            | RustType::I8
            | RustType::I16
            | RustType::I32
            | RustType::I64
            | RustType::Document => quote!(#rt::Same),
            RustType::Named(_) => quote!(#marker),
            RustType::Nullable(inner) => {
                let inner = self.adapter(ctx, member, inner);
                quote!(#rt::Nullable<#inner>)
            }
            RustType::List(item) => {
                let ShapeKind::List(item_member) = &ctx.shape(&member.target).kind else {
                    unreachable!("list types come from list shapes")
                };
                let inner = self.adapter(ctx, item_member, item);
                quote!(#rt::ListOf<#inner>)
            }
            RustType::Map(key, value) => {
                let ShapeKind::Map {
                    key: key_member,
                    value: value_member,
                } = &ctx.shape(&member.target).kind
                else {
                    unreachable!("map types come from map shapes")
                };
                let sparse = matches!(**value, RustType::Nullable(_));
                let key = self.adapter(ctx, key_member, key);
                let value = self.adapter(ctx, value_member, value);
                if sparse {
                    quote!(#rt::SparseMapOf<#key, #value>)
                } else {
                    quote!(#rt::MapOf<#key, #value>)
                }
            }
        };
        if member.traits.boxed {
            quote!(#rt::Boxed<#inner>)
        } else {
            inner
        }
    }

    /// The codec of one type: a structure, union or enum; nothing for other shapes.
    pub fn emit_type(&self, ctx: &Context<'_>, shape: &Shape) -> TokenStream {
        scoped(match &shape.kind {
            ShapeKind::Structure(_) => self.structure(ctx, shape),
            ShapeKind::Union(members) => self.union(ctx, shape, members),
            ShapeKind::Enum(_) => self.enumeration(ctx, shape),
            _ => return TokenStream::new(),
        })
    }

    fn structure(&self, ctx: &Context<'_>, shape: &Shape) -> TokenStream {
        let rt = rt();
        let marker = &self.marker;
        let symbol = ctx.symbols.type_of(&shape.id);
        let name_text = crate::symbols::strip_raw(&symbol.name);
        let name_literal = Literal::string(name_text);
        let expecting = format!("struct {name_text}");
        let name = ident(&symbol.name);
        let builder = ident(
            symbol
                .builder
                .as_deref()
                .expect("the symbol table gives every structure a builder"),
        );
        let all_fields = fields(ctx, shape);
        let has_fields = !all_fields.is_empty();
        let members: Vec<_> = all_fields
            .into_iter()
            // A streaming payload is bound to the body, so only the serde form has it (as
            // base64, like a blob).
            .filter(|field| {
                !(self.skip_bound
                    && super::rest_json::outside_body(ctx.model, &shape.id, field.member))
            })
            // An event stream is the body itself, in frames (awsJson's output, restJson1's
            // payload); no JSON form has it.
            .filter(|field| !matches!(field.ty, RustType::EventStream(_) | RustType::EventInput(_)))
            .collect();
        let mut writes = Vec::new();
        let mut reads = Vec::new();
        let mut optional_fields: Vec<Ident> = Vec::new();
        // Streaming payloads (the serde form's), written unless empty, as botocore reads them.
        let mut stream_fields: Vec<Ident> = Vec::new();
        let mut names = Vec::new();
        for field in &members {
            let member = field.member;
            let field_ident = ident(&field.symbol.name);
            let optional = matches!(field.presence, Presence::Optional);
            let wire = self.names.name(member);
            names.push((wire, quote!(#field_ident)));
            let adapter = self.adapter(ctx, member, &field.ty);
            let value = if optional {
                quote!(value)
            } else {
                quote!(&value.#field_ident)
            };
            let write = if is_same(&adapter) {
                quote! { state.serialize_field(#wire, #value)?; }
            } else {
                quote! { state.serialize_field(#wire, &#rt::Wrap::<#adapter, _>::new(#value))?; }
            };
            writes.push(if optional {
                optional_fields.push(field_ident.clone());
                quote! {
                    if let Some(value) = &value.#field_ident {
                        #write
                    }
                }
            } else if field.ty == RustType::ByteStream {
                stream_fields.push(field_ident.clone());
                quote! {
                    if value.#field_ident.length() != Some(0) {
                        #write
                    }
                }
            } else {
                write
            });
            reads.push(if is_same(&adapter) {
                quote! { __Member::#field_ident => builder.#field_ident = map.next_value()?, }
            } else {
                quote! {
                    __Member::#field_ident => builder.#field_ident = #rt::As::<#adapter>::next_value(&mut map)?,
                }
            });
        }

        let serialize_body = if members.is_empty() {
            quote! {
                let _ = value;
                serializer.serialize_struct(#name_literal, 0)?.end()
            }
        } else {
            // The number of members written: the required ones and the optional ones set.
            let required = members.len() - optional_fields.len() - stream_fields.len();
            let len_terms = (required > 0)
                .then(|| {
                    let literal = Literal::usize_unsuffixed(required);
                    quote!(#literal)
                })
                .into_iter()
                .chain(
                    optional_fields
                        .iter()
                        .map(|field| quote!(usize::from(value.#field.is_some()))),
                )
                .chain(
                    stream_fields
                        .iter()
                        .map(|field| quote!(usize::from(value.#field.length() != Some(0)))),
                );
            let len = quote!(#(#len_terms)+*);
            quote! {
                let mut state = serializer.serialize_struct(#name_literal, #len)?;
                #(#writes)*
                state.end()
            }
        };
        let from_map_body = if !has_fields {
            quote! {
                while map.next_entry::<serde::de::IgnoredAny, serde::de::IgnoredAny>()?.is_some() {}
                Ok(#name {})
            }
        } else if members.is_empty() {
            // Every member is bound outside the body: the body's keys are skipped.
            quote! {
                while map.next_entry::<serde::de::IgnoredAny, serde::de::IgnoredAny>()?.is_some() {}
                Ok(#builder::default().build_or_zero())
            }
        } else {
            // The variants are the fields, which are snake_case and so never `Unknown`.
            let member_enum = member_enum(&names);
            // The loop binds `__key`: no field is named so, and a binding named like a field
            // (`member`, say) would be read as that variant.
            quote! {
                #[allow(non_camel_case_types)]
                #member_enum
                let mut builder = #builder::default();
                while let Some(__key) = map.next_key_seed(#rt::MemberOf(member_named))? {
                    match __key {
                        #(#reads)*
                        __Member::Unknown => {
                            map.next_value::<serde::de::IgnoredAny>()?;
                        }
                    }
                }
                Ok(builder.build_or_zero())
            }
        };
        quote! {
            impl #rt::SerializeAs<#name> for #marker {
                fn serialize_as<S: serde::Serializer>(value: &#name, serializer: S) -> Result<S::Ok, S::Error> {
                    use serde::ser::SerializeStruct as _;
                    #serialize_body
                }
            }

            impl<'de> #rt::DeserializeAs<'de, #name> for #marker {
                fn deserialize_as<D: serde::Deserializer<'de>>(deserializer: D) -> Result<#name, D::Error> {
                    deserializer.deserialize_map(#rt::MapVisitor::<#marker, #name>::new())
                }
            }

            impl<'de> #rt::FromMap<'de, #name> for #marker {
                const EXPECTING: &'static str = #expecting;

                fn from_map<A: serde::de::MapAccess<'de>>(mut map: A) -> Result<#name, A::Error> {
                    #from_map_body
                }
            }
        }
    }

    fn union(&self, ctx: &Context<'_>, shape: &Shape, members: &[Member]) -> TokenStream {
        let rt = rt();
        let marker = &self.marker;
        let symbol = ctx.symbols.type_of(&shape.id);
        let name = ident(&symbol.name);
        let mut serialize_arms = Vec::new();
        let mut deserialize_arms = Vec::new();
        let mut names = Vec::new();
        for (member, member_symbol) in members.iter().zip(ctx.symbols.members(&shape.id)) {
            // An event stream's exceptions are errors, not events.
            if crate::emit::union::is_exception_member(ctx, shape, member) {
                continue;
            }
            let variant = ident(&member_symbol.name);
            let ty = ctx.symbols.rust_type(ctx.model, &member.target);
            let wire = self.names.name(member);
            names.push((wire, quote!(#variant)));
            let adapter = self.adapter(ctx, member, &ty);
            serialize_arms.push(quote! {
                #name::#variant(value) => map.serialize_entry(#wire, &#rt::Wrap::<#adapter, _>::new(value))?,
            });
            deserialize_arms.push(quote! {
                __Member::#variant => match #rt::As::<#adapter>::next_value(&mut map)? {
                    Some(value) => #name::#variant(value),
                    None => continue,
                },
            });
        }
        let expecting = format!("an object with one member of `{}`", symbol.name);
        // The variants are the union's, of which `Unknown` is one already.
        let member_enum = member_enum(&names);
        quote! {
            impl #rt::SerializeAs<#name> for #marker {
                fn serialize_as<S: serde::Serializer>(value: &#name, serializer: S) -> Result<S::Ok, S::Error> {
                    use serde::ser::SerializeMap as _;
                    let mut map = serializer.serialize_map(Some(1))?;
                    match value {
                        #(#serialize_arms)*
                        #name::Unknown => {}
                    }
                    map.end()
                }
            }

            impl<'de> #rt::DeserializeAs<'de, #name> for #marker {
                fn deserialize_as<D: serde::Deserializer<'de>>(deserializer: D) -> Result<#name, D::Error> {
                    deserializer.deserialize_map(#rt::MapVisitor::<#marker, #name>::new())
                }
            }

            impl<'de> #rt::FromMap<'de, #name> for #marker {
                const EXPECTING: &'static str = #expecting;

                fn from_map<A: serde::de::MapAccess<'de>>(mut map: A) -> Result<#name, A::Error> {
                    #member_enum
                    let mut value = #name::Unknown;
                    while let Some(__key) = map.next_key_seed(#rt::MemberOf(member_named))? {
                        // A member set to null is not set.
                        value = match __key {
                            #(#deserialize_arms)*
                            __Member::Unknown => {
                                map.next_value::<serde::de::IgnoredAny>()?;
                                continue;
                            }
                        };
                    }
                    Ok(value)
                }
            }
        }
    }

    fn enumeration(&self, ctx: &Context<'_>, shape: &Shape) -> TokenStream {
        let rt = rt();
        let marker = &self.marker;
        let name = ident(&ctx.symbols.type_of(&shape.id).name);
        quote! {
            impl #rt::SerializeAs<#name> for #marker {
                fn serialize_as<S: serde::Serializer>(value: &#name, serializer: S) -> Result<S::Ok, S::Error> {
                    serializer.serialize_str(value.as_str())
                }
            }

            impl<'de> #rt::DeserializeAs<'de, #name> for #marker {
                fn deserialize_as<D: serde::Deserializer<'de>>(deserializer: D) -> Result<#name, D::Error> {
                    deserializer.deserialize_str(#rt::EnumVisitor::<#name>::new())
                }
            }
        }
    }
}

/// `impl Zero` for a structure, union or enum: the value a required member takes when a
/// response leaves it out. The same for every codec, so emitted once per type.
pub fn emit_zero(ctx: &Context<'_>, shape: &Shape) -> TokenStream {
    let rt = rt();
    let name = ident(&ctx.symbols.type_of(&shape.id).name);
    let value = match &shape.kind {
        ShapeKind::Structure(_) => {
            let builder = ident(
                ctx.symbols
                    .type_of(&shape.id)
                    .builder
                    .as_deref()
                    .expect("the symbol table gives every structure a builder"),
            );
            quote!(#builder::default().build_or_zero())
        }
        ShapeKind::Union(_) => quote!(Self::Unknown),
        ShapeKind::Enum(_) => quote!(Self::Unknown(crate::primitives::UnknownVariantValue::new(
            ""
        ))),
        _ => return TokenStream::new(),
    };
    scoped(quote! {
        impl #rt::Zero for #name {
            fn zero() -> Self {
                #value
            }
        }
    })
}

/// The local `__Member` enum of a `from_map` (underscored: a shape of the model may be
/// named `Member`, and the enum would shadow it), one variant per member and `Unknown`, and the
/// `member_named` function that reads a wire name as one, for the runtime's `MemberOf`.
///
/// Keys are matched once, while serde reads them, so they are neither kept nor copied: reading
/// them into a `Cow` instead measured 3–4% slower on large responses.
fn member_enum(names: &[(&str, TokenStream)]) -> TokenStream {
    let variants = names.iter().map(|(_, variant)| variant);
    let arms = names
        .iter()
        .map(|(wire, variant)| quote! { #wire => __Member::#variant, });
    quote! {
        enum __Member {
            #(#variants,)*
            Unknown,
        }
        let member_named = |name: &str| match name {
            #(#arms)*
            _ => __Member::Unknown,
        };
    }
}

/// The unmarshaller of an event stream (a `streaming` union), beside the union: a
/// `pub(crate) fn unmarshal` that turns one message into an event (`:event-type`, the member
/// name) or the stream's error (`:exception-type`). An event's structure is the message's JSON
/// payload, or, when a member is bound to the payload (`eventPayload`), that member is the
/// payload (bytes, text or JSON); members bound to headers (`eventHeader`) are read from the
/// message's headers. An event this crate does not know is the union's `Unknown`; awsJson's
/// `initial-response` is skipped.
pub fn emit_event_unmarshaller(
    ctx: &Context<'_>,
    shape: &Shape,
    marker: &TokenStream,
) -> TokenStream {
    let ShapeKind::Union(members) = &shape.kind else {
        return TokenStream::new();
    };
    if !shape.traits.event_stream || ctx.symbols.is_input_stream(&shape.id) {
        return TokenStream::new();
    }
    let symbol = ctx.symbols.type_of(&shape.id);
    let name = ident(&symbol.name);
    let error = ident(
        symbol
            .stream_error
            .as_deref()
            .expect("the symbol table names the error enum of every event stream"),
    );
    let mut arms = Vec::new();
    for (member, member_symbol) in members.iter().zip(ctx.symbols.members(&shape.id)) {
        let wire = &member_symbol.wire_name;
        let variant = ident(&member_symbol.name);
        let target = ctx.shape(&member.target);
        let ty = super::absolute(ctx, &member.target);
        if crate::emit::union::is_exception_member(ctx, shape, member) {
            arms.push(quote! {
                es::MessageKind::Exception(#wire) => Err(es::EventStreamError::Modelled(
                    #error::#variant(es::json_payload::<#marker, #ty, _>(message, #wire)?),
                )),
            });
            continue;
        }
        let event_fields = fields(ctx, target);
        let payload = event_fields.iter().find(|f| f.member.traits.event_payload);
        let has_headers = event_fields.iter().any(|f| f.member.traits.event_header);
        let mut statements = Vec::new();
        match payload {
            None if !has_headers => statements.push(quote! {
                let value = es::json_payload::<#marker, #ty, _>(message, #wire)?;
            }),
            None => statements.push(quote! {
                let mut value = es::json_payload::<#marker, #ty, _>(message, #wire)?;
            }),
            Some(field) => {
                let field_ident = ident(&field.symbol.name);
                let read = match &field.ty {
                    RustType::Blob => quote!(message.payload().to_vec()),
                    RustType::String => quote!(es::text_payload(message, #wire)?),
                    other => {
                        let payload_ty = match other {
                            RustType::Named(id) => super::absolute(ctx, id),
                            _ => unreachable!(
                                "unsupported_feature leaves out event payloads of other types"
                            ),
                        };
                        quote!(es::json_payload::<#marker, #payload_ty, _>(message, #wire)?)
                    }
                };
                let read = if matches!(field.presence, Presence::Optional) {
                    quote!(Some(#read))
                } else {
                    read
                };
                statements.push(quote! {
                    let mut value = #ty::builder().build_or_zero();
                    value.#field_ident = #read;
                });
            }
        }
        for field in event_fields.iter().filter(|f| f.member.traits.event_header) {
            let field_ident = ident(&field.symbol.name);
            let header = &field.member.name;
            let (read, convert) = match &field.ty {
                RustType::String => (quote!(as_string), quote!(header.as_str().to_owned())),
                RustType::Bool => (quote!(as_bool), quote!(header)),
                RustType::I8 => (quote!(as_byte), quote!(header)),
                RustType::I16 => (quote!(as_int16), quote!(header)),
                RustType::I32 => (quote!(as_int32), quote!(header)),
                RustType::I64 => (quote!(as_int64), quote!(header)),
                RustType::Blob => (quote!(as_byte_array), quote!(header.to_vec())),
                _ => unreachable!("unsupported_feature leaves out event headers of other types"),
            };
            let set = if matches!(field.presence, Presence::Optional) {
                quote!(value.#field_ident = Some(#convert);)
            } else {
                quote!(value.#field_ident = #convert;)
            };
            statements.push(quote! {
                if let Some(header) = es::header_value(message, #header, es::HeaderValue::#read)? {
                    #set
                }
            });
        }
        let boxed = if member.traits.boxed {
            quote!(Box::new(value))
        } else {
            quote!(value)
        };
        arms.push(quote! {
            es::MessageKind::Event(#wire) => {
                #(#statements)*
                Ok(Some(#name::#variant(#boxed)))
            }
        });
    }
    let doc = format!(
        "Reads one message of a [`{}`] event stream: an event, `None` for a message that is \
         not one (`initial-response`), or the exception that ends the stream.",
        symbol.name
    );
    quote! {
        impl #name {
            #[doc = #doc]
            pub(crate) fn unmarshal(
                message: &service_runtime::event_stream::Message,
            ) -> Result<Option<Self>, service_runtime::event_stream::EventStreamError<#error>> {
                use service_runtime::event_stream as es;
                match es::classify(message)? {
                    es::MessageKind::Event(es::INITIAL_RESPONSE) => Ok(None),
                    #(#arms)*
                    es::MessageKind::Event(_) => Ok(Some(#name::Unknown)),
                    es::MessageKind::Exception(other) => Err(es::unknown_exception(other, message)),
                }
            }
        }
    }
}

/// The marshaller of an input event stream (a `streaming` union an operation's input sends),
/// beside the union: a `pub(crate) fn marshal` that turns one event into its message, of type
/// `:event-type` (the member's name). An event's structure is the message's JSON payload, or,
/// when a member is bound to the payload (`eventPayload`), that member is the payload (bytes,
/// text or JSON); members bound to headers (`eventHeader`) become the message's headers.
/// `Unknown` cannot be sent.
pub fn emit_event_marshaller(
    ctx: &Context<'_>,
    shape: &Shape,
    marker: &TokenStream,
) -> TokenStream {
    let ShapeKind::Union(members) = &shape.kind else {
        return TokenStream::new();
    };
    if !(shape.traits.event_stream && ctx.symbols.is_input_stream(&shape.id)) {
        return TokenStream::new();
    }
    let symbol = ctx.symbols.type_of(&shape.id);
    let name = ident(&symbol.name);
    let mut arms = Vec::new();
    for (member, member_symbol) in members.iter().zip(ctx.symbols.members(&shape.id)) {
        if crate::emit::union::is_exception_member(ctx, shape, member) {
            continue;
        }
        let wire = &member_symbol.wire_name;
        let variant = ident(&member_symbol.name);
        let target = ctx.shape(&member.target);
        let event_fields = fields(ctx, target);
        let payload = event_fields.iter().find(|f| f.member.traits.event_payload);
        let optional = |field: &crate::emit::structure::Field<'_>| {
            matches!(field.presence, Presence::Optional)
        };
        let (content_type, bytes) = match payload {
            None => (
                quote!(ei::JSON),
                quote!(service_runtime::json::to_vec::<#marker, _>(value)),
            ),
            Some(field) => {
                let field_ident = ident(&field.symbol.name);
                let (content_type, write) = match &field.ty {
                    RustType::Blob => (quote!(ei::OCTET_STREAM), quote!(payload.clone())),
                    RustType::String => (quote!(ei::TEXT), quote!(payload.as_bytes().to_vec())),
                    RustType::Named(_) => (
                        quote!(ei::JSON),
                        quote!(service_runtime::json::to_vec::<#marker, _>(payload)),
                    ),
                    _ => {
                        unreachable!("unsupported_feature leaves out event payloads of other types")
                    }
                };
                let bytes = if optional(field) && field.ty == RustType::Blob {
                    quote!(value.#field_ident.clone().unwrap_or_default())
                } else if optional(field) {
                    quote!(value.#field_ident.as_ref().map(|payload| #write).unwrap_or_default())
                } else {
                    quote!({ let payload = &value.#field_ident; #write })
                };
                (content_type, bytes)
            }
        };
        let mut headers = Vec::new();
        for field in event_fields.iter().filter(|f| f.member.traits.event_header) {
            let field_ident = ident(&field.symbol.name);
            let header = &field.member.name;
            let make = match &field.ty {
                RustType::String => quote!(ei::string_header(header)),
                RustType::Bool => quote!(service_runtime::event_stream::HeaderValue::Bool(*header)),
                RustType::I8 => quote!(service_runtime::event_stream::HeaderValue::Byte(*header)),
                RustType::I16 => quote!(service_runtime::event_stream::HeaderValue::Int16(*header)),
                RustType::I32 => quote!(service_runtime::event_stream::HeaderValue::Int32(*header)),
                RustType::I64 => quote!(service_runtime::event_stream::HeaderValue::Int64(*header)),
                RustType::Blob => quote!(ei::bytes_header(header)),
                _ => unreachable!("unsupported_feature leaves out event headers of other types"),
            };
            headers.push(if optional(field) {
                quote! {
                    if let Some(header) = &value.#field_ident {
                        message = ei::with_header(message, #header, #make);
                    }
                }
            } else {
                quote! {
                    let header = &value.#field_ident;
                    message = ei::with_header(message, #header, #make);
                }
            });
        }
        let value = if member.traits.boxed {
            quote!(let value = &**value;)
        } else {
            TokenStream::new()
        };
        let binding = if headers.is_empty() {
            quote!(let message)
        } else {
            quote!(let mut message)
        };
        arms.push(quote! {
            #name::#variant(value) => {
                #value
                #binding = ei::event_message(#wire, Some(#content_type), #bytes.into());
                #(#headers)*
                Ok(message)
            }
        });
    }
    let doc = format!(
        "Writes one event of a [`{}`] input event stream as its message, or says why it \
         cannot be sent.",
        symbol.name
    );
    quote! {
        impl #name {
            #[doc = #doc]
            pub(crate) fn marshal(
                &self,
            ) -> Result<service_runtime::event_stream::Message, String> {
                use service_runtime::event_input as ei;
                match self {
                    #(#arms)*
                    #name::Unknown => Err(
                        "an `Unknown` event cannot be sent: it stands for an event this crate does not know"
                            .to_owned(),
                    ),
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ShapeId, Traits};

    fn member(json_name: Option<&str>, aws_json_name: Option<&str>) -> Member {
        Member {
            name: "value".into(),
            target: ShapeId::new("smithy.api", "String"),
            binding: None,
            traits: Traits {
                json_name: json_name.map(Into::into),
                aws_json_name: aws_json_name.map(Into::into),
                ..Traits::default()
            },
        }
    }

    #[test]
    fn aws_json_keys_honour_botocore_location_names_and_ignore_json_name() {
        assert_eq!(
            NameRule::AwsJson.name(&member(Some("Smithy"), None)),
            "value"
        );
        assert_eq!(
            NameRule::AwsJson.name(&member(None, Some("Botocore"))),
            "Botocore"
        );
    }

    #[test]
    fn rest_json_keys_honour_json_name() {
        assert_eq!(
            NameRule::JsonName.name(&member(Some("Renamed"), None)),
            "Renamed"
        );
        assert_eq!(NameRule::JsonName.name(&member(None, None)), "value");
    }

    #[test]
    fn boto3_keys_are_member_names() {
        assert_eq!(
            NameRule::MemberName.name(&member(Some("A"), Some("B"))),
            "value"
        );
    }
}
