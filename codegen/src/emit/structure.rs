//! Structures: the struct, its accessors, its builder and, for inputs, `validate`.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::constraints;
use super::context::{Context, Imports, REDACTED, doc_lines, ident};
use crate::error::{Error, Result};
use crate::model::{DefaultValue, Member, Shape, ShapeId, ShapeKind};
use crate::symbols::{MemberSymbol, RustType};

/// How a member's field holds its value.
pub(crate) enum Presence<'a> {
    /// Must be set: the field holds the value.
    Required,
    /// Takes this value when not set: the field holds the value.
    Default(&'a DefaultValue),
    /// May be absent: the field holds an `Option`.
    Optional,
    /// A streaming payload or an event stream: the field holds the stream, empty when not
    /// set.
    Stream,
}

/// One member, with everything its field, accessor and setters need.
pub(crate) struct Field<'a> {
    pub(crate) member: &'a Member,
    pub(crate) symbol: &'a MemberSymbol,
    pub(crate) ty: RustType,
    pub(crate) presence: Presence<'a>,
}

impl Field<'_> {
    /// The type the field stores when set: the value type, boxed if the member is recursive.
    fn stored_type(&self, ctx: &Context<'_>, imports: &mut Imports) -> TokenStream {
        let ty = imports.rust_type(ctx.symbols, &self.ty);
        if self.member.traits.boxed {
            quote!(Box<#ty>)
        } else {
            ty
        }
    }
}

/// The fields of a structure's members, in model order.
pub(crate) fn fields<'a>(ctx: &Context<'a>, shape: &'a Shape) -> Vec<Field<'a>> {
    let ShapeKind::Structure(members) = &shape.kind else {
        return Vec::new();
    };
    members
        .iter()
        .zip(ctx.symbols.members(&shape.id))
        .map(|(member, symbol)| {
            let ty = ctx.symbols.rust_type(ctx.model, &member.target);
            Field {
                member,
                symbol,
                presence: if matches!(
                    ty,
                    RustType::ByteStream | RustType::EventStream(_) | RustType::EventInput(_)
                ) {
                    Presence::Stream
                } else {
                    presence(member)
                },
                ty,
            }
        })
        .collect()
}

/// What kind of structure is being emitted, for its documentation fallback.
pub enum Role<'a> {
    /// A shared shape in `types`.
    Shared,
    /// The input of the named operation.
    Input(&'a str),
    /// The output of the named operation.
    Output(&'a str),
    /// A modelled error.
    Error,
}

/// The struct, its impl block, its builder and the builder's impl block.
pub fn emit_structure(
    ctx: &Context<'_>,
    shape: &Shape,
    role: Role<'_>,
    imports: &mut Imports,
) -> Result<TokenStream> {
    let symbol = ctx.symbols.type_of(&shape.id);
    let name = ident(&symbol.name);
    let builder_name = symbol
        .builder
        .as_deref()
        .expect("the symbol table gives every structure a builder");
    let builder = ident(builder_name);
    let fields = fields(ctx, shape);
    let fallback = match role {
        Role::Input(operation) => format!("The input of [`{operation}`](self)."),
        Role::Output(operation) => format!("The output of [`{operation}`](self)."),
        Role::Shared | Role::Error => format!("The `{}` structure.", shape.id.name()),
    };
    let docs = ctx.docs(shape.traits.documentation.as_deref(), &fallback);

    let mut struct_fields = Vec::new();
    let mut accessors = Vec::new();
    let mut builder_fields = Vec::new();
    let mut setters = Vec::new();
    let mut build_fields = Vec::new();
    let mut zero_fields = Vec::new();
    let mut debug_fields = Vec::new();
    // A sensitive structure redacts every member.
    let redacted = |member: &Member| shape.traits.sensitive || ctx.is_sensitive(member);
    let any_sensitive = fields.iter().any(|f| redacted(f.member));

    for field in &fields {
        let member_name = ident(&field.symbol.name);
        let wire = &field.symbol.wire_name;
        let member_docs = ctx.member_docs(field.member, &format!("The `{wire}` member."));
        let stored = field.stored_type(ctx, imports);
        let field_type = match field.presence {
            Presence::Optional => quote!(Option<#stored>),
            _ => stored.clone(),
        };
        struct_fields.push(quote! {
            #member_docs
            pub #member_name: #field_type,
        });

        let (return_type, body) = accessor(ctx, field, imports);
        accessors.push(quote! {
            #member_docs
            pub fn #member_name(&self) -> #return_type {
                #body
            }
        });

        builder_fields.push(quote! { pub(crate) #member_name: Option<#stored>, });
        setters.push(setters_for(ctx, field, &stored, imports, Setters::Store));

        let shape_name = &symbol.name;
        let rust_name = crate::symbols::strip_raw(&field.symbol.name);
        zero_fields.push(match field.presence {
            Presence::Required => quote! {
                #member_name: self.#member_name.unwrap_or_else(service_runtime::json::Zero::zero),
            },
            Presence::Default(default) => {
                let value = default_value(ctx, shape, field, default, imports)?;
                quote! { #member_name: self.#member_name.unwrap_or_else(|| #value), }
            }
            Presence::Optional => quote! { #member_name: self.#member_name, },
            Presence::Stream => quote! { #member_name: self.#member_name.unwrap_or_default(), },
        });
        build_fields.push(match field.presence {
            Presence::Required => quote! {
                #member_name: self.#member_name.ok_or_else(|| {
                    crate::error::BuildError::missing_member(#shape_name, #rust_name, #wire)
                })?,
            },
            Presence::Default(default) => {
                let value = default_value(ctx, shape, field, default, imports)?;
                quote! { #member_name: self.#member_name.unwrap_or_else(|| #value), }
            }
            Presence::Optional => quote! { #member_name: self.#member_name, },
            Presence::Stream => quote! { #member_name: self.#member_name.unwrap_or_default(), },
        });

        let field_literal = Literal::string(crate::symbols::strip_raw(&field.symbol.name));
        debug_fields.push(if redacted(field.member) {
            quote! { .field(#field_literal, &#REDACTED) }
        } else {
            quote! { .field(#field_literal, &self.#member_name) }
        });
    }

    let name_literal = Literal::string(&symbol.name);
    let builder_literal = Literal::string(builder_name);
    // A stream is read once: a structure that holds one cannot be cloned; nor can events not
    // yet received be compared.
    let streams = fields.iter().any(|field| {
        matches!(
            field.ty,
            RustType::ByteStream | RustType::EventStream(_) | RustType::EventInput(_)
        )
    });
    let clone = (!streams).then(|| quote!(Clone,));
    let events = fields
        .iter()
        .any(|field| matches!(field.ty, RustType::EventStream(_) | RustType::EventInput(_)));
    let partial_eq = (!events).then(|| quote!(PartialEq));
    let (derives, debug_impls) = if any_sensitive {
        (
            quote!(#[derive(#clone #partial_eq)]),
            quote! {
                impl std::fmt::Debug for #name {
                    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        f.debug_struct(#name_literal) #(#debug_fields)* .finish()
                    }
                }
                impl std::fmt::Debug for #builder {
                    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        f.debug_struct(#builder_literal) #(#debug_fields)* .finish()
                    }
                }
            },
        )
    } else {
        (
            quote!(#[derive(Debug, #clone #partial_eq)]),
            TokenStream::new(),
        )
    };

    let validation = match role {
        Role::Input(_) => constraints::emit_validate(ctx, shape),
        _ => TokenStream::new(),
    };
    let collect = if constraints::needs_collect(ctx, &shape.id) {
        constraints::emit_collect_structure(ctx, shape)?
    } else {
        TokenStream::new()
    };

    let builder_doc = doc_lines(&format!("A builder for [`{}`].", symbol.name));
    let new_builder_doc = doc_lines(&format!("Creates a new builder for [`{}`].", symbol.name));
    let build_doc = format!(
        "Builds the [`{}`].\n\n# Errors\n\nFails with a [`BuildError`](crate::error::BuildError) naming the member when a required member is not set.",
        symbol.name
    );
    let build_doc = super::context::doc_lines(&build_doc);
    let builder_derives = if any_sensitive {
        quote!(#[derive(#clone Default, #partial_eq)])
    } else {
        quote!(#[derive(Debug, #clone Default, #partial_eq)])
    };
    Ok(quote! {
        #docs
        #[non_exhaustive]
        #derives
        pub struct #name {
            #(#struct_fields)*
        }

        impl #name {
            #new_builder_doc
            pub fn builder() -> #builder {
                #builder::default()
            }
            #(#accessors)*
            #validation
            #collect
        }

        #builder_doc
        #[non_exhaustive]
        #builder_derives
        pub struct #builder {
            #(#builder_fields)*
        }

        impl #builder {
            #(#setters)*
            #build_doc
            pub fn build(self) -> Result<#name, crate::error::BuildError> {
                Ok(#name {
                    #(#build_fields)*
                })
            }

            /// Builds what a response gave, as `build` does, but a required member it left out
            /// takes its zero value instead of failing (the protocols' error correction).
            #[allow(dead_code)]
            pub(crate) fn build_or_zero(self) -> #name {
                #name {
                    #(#zero_fields)*
                }
            }
        }

        #debug_impls
    })
}

/// The accessor's return type and body.
fn accessor(
    ctx: &Context<'_>,
    field: &Field<'_>,
    imports: &mut Imports,
) -> (TokenStream, TokenStream) {
    let name = ident(&field.symbol.name);
    let optional = matches!(field.presence, Presence::Optional);
    let ty = &field.ty;
    let borrowed = match ty {
        RustType::String => Some(quote!(str)),
        RustType::Blob => Some(quote!([u8])),
        RustType::List(item) => {
            let item = imports.rust_type(ctx.symbols, item);
            Some(quote!([#item]))
        }
        _ => None,
    };
    if ty.is_copy() {
        let ty = imports.rust_type(ctx.symbols, ty);
        return if optional {
            (quote!(Option<#ty>), quote!(self.#name))
        } else {
            (ty, quote!(self.#name))
        };
    }
    if let Some(target) = borrowed {
        return if optional {
            (quote!(Option<&#target>), quote!(self.#name.as_deref()))
        } else {
            (quote!(&#target), quote!(&self.#name))
        };
    }
    let value = imports.rust_type(ctx.symbols, ty);
    match (optional, field.member.traits.boxed) {
        (true, true) => (quote!(Option<&#value>), quote!(self.#name.as_deref())),
        (true, false) => (quote!(Option<&#value>), quote!(self.#name.as_ref())),
        (false, _) => (quote!(&#value), quote!(&self.#name)),
    }
}

/// What a member's setters do with their arguments.
#[derive(Clone, Copy)]
enum Setters {
    /// A builder's: store them in its own field.
    Store,
    /// A fluent builder's: hand them to the input builder it holds in `input`.
    Forward,
}

/// The plain setter (appending for lists, inserting for maps), `set_*` and `get_*`.
fn setters_for(
    ctx: &Context<'_>,
    field: &Field<'_>,
    stored: &TokenStream,
    imports: &mut Imports,
    kind: Setters,
) -> TokenStream {
    let name = ident(&field.symbol.name);
    let set = ident(&field.symbol.set);
    let get = ident(&field.symbol.get);
    let wire = &field.symbol.wire_name;
    let member_docs = ctx.member_docs(field.member, &format!("The `{wire}` member."));
    let plain = match &field.ty {
        RustType::List(item) => {
            let item = imports.rust_type(ctx.symbols, item);
            let doc = doc_lines(&format!(
                "Appends one item to `{wire}`; see [`{}`](Self::{}) to set the whole list.",
                field.symbol.set, field.symbol.set
            ));
            let body = match kind {
                Setters::Store => {
                    quote!(self.#name.get_or_insert_with(Vec::new).push(item.into());)
                }
                Setters::Forward => quote!(self.input = self.input.#name(item);),
            };
            quote! {
                #doc
                #[doc = ""]
                #member_docs
                pub fn #name(mut self, item: impl Into<#item>) -> Self {
                    #body
                    self
                }
            }
        }
        RustType::Map(key, value) => {
            let key = imports.rust_type(ctx.symbols, key);
            let value = imports.rust_type(ctx.symbols, value);
            let doc = doc_lines(&format!(
                "Inserts one entry into `{wire}`; see [`{}`](Self::{}) to set the whole map.",
                field.symbol.set, field.symbol.set
            ));
            let body = match kind {
                Setters::Store => {
                    let map = imports.item(&["std", "collections", "HashMap"]);
                    quote!(self.#name.get_or_insert_with(#map::new).insert(key.into(), value.into());)
                }
                Setters::Forward => quote!(self.input = self.input.#name(key, value);),
            };
            quote! {
                #doc
                #[doc = ""]
                #member_docs
                pub fn #name(mut self, key: impl Into<#key>, value: impl Into<#value>) -> Self {
                    #body
                    self
                }
            }
        }
        ty => {
            let value = imports.rust_type(ctx.symbols, ty);
            let body = match kind {
                Setters::Store if field.member.traits.boxed => {
                    quote!(self.#name = Some(Box::new(input.into()));)
                }
                Setters::Store => quote!(self.#name = Some(input.into());),
                Setters::Forward => quote!(self.input = self.input.#name(input);),
            };
            quote! {
                #member_docs
                pub fn #name(mut self, input: impl Into<#value>) -> Self {
                    #body
                    self
                }
            }
        }
    };
    let (set_body, get_body) = match kind {
        Setters::Store => (quote!(self.#name = input;), quote!(&self.#name)),
        Setters::Forward => (
            quote!(self.input = self.input.#set(input);),
            quote!(self.input.#get()),
        ),
    };
    let set_doc = doc_lines(&format!("Sets or clears `{wire}`."));
    let get_doc = doc_lines(&format!("The `{wire}` set so far."));
    quote! {
        #plain
        #set_doc
        pub fn #set(mut self, input: Option<#stored>) -> Self {
            #set_body
            self
        }
        #get_doc
        pub fn #get(&self) -> &Option<#stored> {
            #get_body
        }
    }
}

/// The expression for a member's `default` value.
fn default_value(
    ctx: &Context<'_>,
    shape: &Shape,
    field: &Field<'_>,
    default: &DefaultValue,
    imports: &mut Imports,
) -> Result<TokenStream> {
    let unsupported = || {
        Error::shape(
            "the model",
            &shape.id,
            format!(
                "member `{}`: a default of {default:?} does not fit its type",
                field.member.name
            ),
        )
    };
    let value = match (&field.ty, default) {
        (RustType::Bool, DefaultValue::Bool(b)) => quote!(#b),
        (RustType::I8 | RustType::I16 | RustType::I32 | RustType::I64, DefaultValue::Number(n)) => {
            let n = n.as_i64().ok_or_else(unsupported)?;
            let literal = Literal::i64_unsuffixed(n);
            quote!(#literal)
        }
        (RustType::F32 | RustType::F64, DefaultValue::Number(n)) => {
            let literal = Literal::f64_unsuffixed(n.as_f64().ok_or_else(unsupported)?);
            quote!(#literal)
        }
        (RustType::String, DefaultValue::String(s)) => quote!(String::from(#s)),
        (RustType::Named(id), DefaultValue::String(s))
            if matches!(ctx.shape(id).kind, ShapeKind::Enum(_)) =>
        {
            let ty = imports.named(ctx.symbols, id);
            quote!(#ty::from(#s))
        }
        (RustType::Blob, DefaultValue::String(s)) => {
            use base64::Engine as _;
            // Smithy writes blob defaults in base64; the field holds the bytes.
            let bytes = base64::engine::general_purpose::STANDARD
                .decode(s)
                .map_err(|_| unsupported())?;
            let literal = proc_macro2::Literal::byte_string(&bytes);
            quote!(#literal.to_vec())
        }
        (RustType::Document, default) => {
            let document = imports.item(&["crate", "primitives", "Document"]);
            match default {
                DefaultValue::Bool(b) => quote!(#document::Bool(#b)),
                DefaultValue::String(s) => quote!(#document::String(String::from(#s))),
                DefaultValue::Number(n) => {
                    if let Some(n) = n.as_i64() {
                        let literal = Literal::i64_unsuffixed(n);
                        quote!(#document::from(#literal))
                    } else {
                        let literal = Literal::f64_unsuffixed(n.as_f64().ok_or_else(unsupported)?);
                        quote!(#document::from(#literal))
                    }
                }
                DefaultValue::EmptyList => quote!(#document::Array(Vec::new())),
                DefaultValue::EmptyMap => quote!(#document::Object(Default::default())),
            }
        }
        (RustType::List(_), DefaultValue::EmptyList) => quote!(Vec::new()),
        (RustType::Map(..), DefaultValue::EmptyMap) => {
            let map = imports.item(&["std", "collections", "HashMap"]);
            quote!(#map::new())
        }
        (RustType::Timestamp, DefaultValue::Number(n)) => {
            let seconds = n.as_i64().ok_or_else(unsupported)?;
            let ts = imports.item(&["crate", "primitives", "Timestamp"]);
            quote!(#ts::from_second(#seconds).expect("the model's default is a valid timestamp"))
        }
        _ => return Err(unsupported()),
    };
    Ok(if field.member.traits.boxed {
        quote!(Box::new(#value))
    } else {
        value
    })
}

/// The setters of an input's fluent builder (`crate::client`): the same names and signatures
/// as the input builder's, each forwarding to the builder the fluent builder holds in `input`.
pub fn fluent_setters(ctx: &Context<'_>, shape: &Shape, imports: &mut Imports) -> TokenStream {
    fields(ctx, shape)
        .iter()
        .map(|field| {
            let stored = field.stored_type(ctx, imports);
            setters_for(ctx, field, &stored, imports, Setters::Forward)
        })
        .collect()
}

/// How a member's field holds its value: by its `default` and `required` traits.
fn presence(member: &Member) -> Presence<'_> {
    if member.traits.client_optional {
        Presence::Optional
    } else if let Some(default) = &member.traits.default {
        Presence::Default(default)
    } else if member.traits.required {
        Presence::Required
    } else {
        Presence::Optional
    }
}

/// Whether the member's field in its structure is an `Option`.
pub fn is_optional_field(member: &Member) -> bool {
    matches!(presence(member), Presence::Optional)
}

/// Whether the structure `id` (an operation's input or output) has a streaming payload or an
/// event stream: its body streams.
pub(crate) fn streams(ctx: &Context<'_>, id: &ShapeId) -> bool {
    let fields = fields(ctx, ctx.shape(id));
    streaming_payload(&fields).is_some()
        || event_stream(&fields).is_some()
        || input_event_stream(&fields).is_some()
}

/// The member of an input structure that is the event stream it sends, if it has one.
pub(crate) fn input_event_stream<'f, 'a>(fields: &'f [Field<'a>]) -> Option<&'f Field<'a>> {
    fields
        .iter()
        .find(|field| matches!(field.ty, RustType::EventInput(_)))
}

/// The member of a structure that is an event stream, if it has one.
pub(crate) fn event_stream<'f, 'a>(fields: &'f [Field<'a>]) -> Option<&'f Field<'a>> {
    fields
        .iter()
        .find(|field| matches!(field.ty, RustType::EventStream(_)))
}

/// The member of a structure that is its streaming payload (a `ByteStream` bound to the
/// body), if it has one.
pub(crate) fn streaming_payload<'f, 'a>(fields: &'f [Field<'a>]) -> Option<&'f Field<'a>> {
    fields.iter().find(|field| {
        field.ty == RustType::ByteStream
            && field.member.binding == Some(crate::model::Binding::Payload)
    })
}
