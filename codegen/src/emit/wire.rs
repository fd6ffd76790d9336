//! The wire form of the generated types: serde `Serialize`/`Deserialize` with the model's member
//! names, as the JSON protocols and users who store values both see them.
//!
//! Every type gets hand-written impls, so the generated crate does without serde's derive (and
//! the proc-macro crates it compiles). Members whose values need a special form (timestamps as
//! epoch seconds, blobs as base64, non-finite floats as strings), also inside lists and maps, go
//! through the adapters of the generated `wire` module. Every type gets a `Zero` value, which a
//! required member takes when a response lacks it.

use proc_macro2::{Ident, Literal, TokenStream};
use quote::quote;

use super::context::{Context, ident};
use crate::model::{Member, Model, Protocol, ShapeKind, TimestampFormat};
use crate::symbols::RustType;

/// The member's key in the JSON bodies of `protocol`: awsJson honours botocore's `locationName`
/// and ignores Smithy's `jsonName`; restJson1 honours `jsonName`.
pub fn json_key(protocol: Protocol, member: &Member) -> &str {
    let renamed = match protocol {
        Protocol::AwsJson1_0 | Protocol::AwsJson1_1 => &member.traits.aws_json_name,
        Protocol::RestJson1 => &member.traits.json_name,
    };
    renamed.as_deref().unwrap_or(&member.name)
}

/// Whether the model needs the `base64` crate.
pub fn uses_blobs(model: &Model) -> bool {
    model
        .shapes
        .values()
        .any(|s| matches!(s.kind, ShapeKind::Blob))
}

/// The adapter type, a path in the generated `wire` module, that (de)serializes values of `ty`,
/// or `None` when serde's own form is the wire form.
///
/// Only timestamps, blobs and floats, and lists and maps of them, have one; boxed members
/// target structures or unions, so they never need an adapter.
fn adapter(ctx: &Context<'_>, member: &Member, ty: &RustType) -> Option<TokenStream> {
    match ty {
        RustType::Timestamp => {
            let format = member
                .traits
                .timestamp_format
                .or(ctx.shape(&member.target).traits.timestamp_format)
                .unwrap_or(TimestampFormat::EpochSeconds);
            Some(match format {
                TimestampFormat::EpochSeconds => quote!(crate::wire::EpochSeconds),
                TimestampFormat::DateTime => quote!(crate::wire::DateTime),
                TimestampFormat::HttpDate => quote!(crate::wire::HttpDate),
            })
        }
        RustType::Blob => Some(quote!(crate::wire::Base64)),
        RustType::F32 | RustType::F64 => Some(quote!(crate::wire::Float)),
        RustType::List(item) => {
            let ShapeKind::List(item_member) = &ctx.shape(&member.target).kind else {
                return None;
            };
            let inner = adapter(ctx, item_member, item)?;
            Some(quote!(crate::wire::ListOf<#inner>))
        }
        RustType::Map(_, value) => {
            let ShapeKind::Map {
                value: value_member,
                ..
            } = &ctx.shape(&member.target).kind
            else {
                return None;
            };
            let inner = adapter(ctx, value_member, value)?;
            Some(quote!(crate::wire::MapOf<#inner>))
        }
        _ => None,
    }
}

/// A structure member, as its serde impls see it.
pub struct StructMember<'a> {
    /// The member in the model: its wire name and its target.
    pub member: &'a Member,
    /// The field, which is also the builder's field.
    pub field: Ident,
    /// The value type, unboxed.
    pub ty: RustType,
    /// Whether the field holds an `Option`; otherwise a missing member reads as zero.
    pub optional: bool,
}

/// Serde impls for a structure: an object with the members that are set.
///
/// Reading fills the structure's builder: a member sent as `null` counts as absent, a member
/// sent twice keeps its last value, and members this crate does not know are skipped. Then
/// required members that did not come take their zero value.
pub fn struct_impls(
    ctx: &Context<'_>,
    name: &str,
    builder: &str,
    members: &[StructMember<'_>],
) -> TokenStream {
    let name_text = crate::symbols::strip_raw(name);
    let name_literal = Literal::string(name_text);
    let expecting = format!("struct {name_text}");
    let (name, builder) = (ident(name), ident(builder));
    let mut writes = Vec::new();
    let mut reads = Vec::new();
    let mut builds = Vec::new();
    let mut optional_fields = Vec::new();
    let mut names = Vec::new();
    for StructMember {
        member,
        field,
        ty,
        optional,
    } in members
    {
        let wire = json_key(ctx.model.service.protocol, member);
        names.push((wire, quote!(#field)));
        let adapter = adapter(ctx, member, ty);
        let value = if *optional {
            quote!(value)
        } else {
            quote!(&self.#field)
        };
        let write = match &adapter {
            Some(adapter) => quote! {
                state.serialize_field(#wire, &crate::wire::Wrap::<#adapter, _>::new(#value))?;
            },
            None => quote! { state.serialize_field(#wire, #value)?; },
        };
        writes.push(if *optional {
            optional_fields.push(field);
            quote! {
                if let Some(value) = &self.#field {
                    #write
                }
            }
        } else {
            write
        });
        reads.push(match &adapter {
            Some(adapter) => quote! {
                Member::#field => builder.#field = crate::wire::As::<#adapter>::next_value(&mut map)?,
            },
            None => quote! { Member::#field => builder.#field = map.next_value()?, },
        });
        builds.push(if *optional {
            quote! { #field: builder.#field, }
        } else {
            quote! { #field: builder.#field.unwrap_or_else(crate::wire::Zero::zero), }
        });
    }

    let serialize_body = if members.is_empty() {
        quote! { serializer.serialize_struct(#name_literal, 0)?.end() }
    } else {
        // The number of members written: the required ones and the optional ones that are set.
        let required = members.len() - optional_fields.len();
        let len_terms = (required > 0)
            .then(|| {
                let literal = Literal::usize_unsuffixed(required);
                quote!(#literal)
            })
            .into_iter()
            .chain(
                optional_fields
                    .iter()
                    .map(|field| quote!(usize::from(self.#field.is_some()))),
            );
        let len = quote!(#(#len_terms)+*);
        quote! {
            let mut state = serializer.serialize_struct(#name_literal, #len)?;
            #(#writes)*
            state.end()
        }
    };
    let from_map_body = if members.is_empty() {
        quote! {
            while map.next_entry::<serde::de::IgnoredAny, serde::de::IgnoredAny>()?.is_some() {}
            Ok(Self {})
        }
    } else {
        // The variants are the fields, which are snake_case and so never `Unknown`.
        let members = member_enum(&names);
        quote! {
            #[allow(non_camel_case_types)]
            #members
            let mut builder = #builder::default();
            while let Some(member) = map.next_key_seed(crate::wire::MemberOf(member_named))? {
                match member {
                    #(#reads)*
                    Member::Unknown => {
                        map.next_value::<serde::de::IgnoredAny>()?;
                    }
                }
            }
            Ok(Self {
                #(#builds)*
            })
        }
    };
    quote! {
        impl serde::Serialize for #name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                use serde::ser::SerializeStruct as _;
                #serialize_body
            }
        }

        impl<'de> serde::Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                deserializer.deserialize_map(crate::wire::MapVisitor::<Self>::new())
            }
        }

        impl<'de> crate::wire::FromMap<'de> for #name {
            const EXPECTING: &'static str = #expecting;

            fn from_map<A: serde::de::MapAccess<'de>>(mut map: A) -> Result<Self, A::Error> {
                #from_map_body
            }
        }
    }
}

/// The local `Member` enum of a `from_map`, one variant per member and `Unknown`, and the
/// `member_named` function that reads a wire name as one, for `crate::wire::MemberOf`.
///
/// Keys are matched once, while serde reads them, so they are neither kept nor copied: reading
/// them into a `Cow` instead measured 3–4% slower on large responses.
fn member_enum(names: &[(&str, TokenStream)]) -> TokenStream {
    let variants = names.iter().map(|(_, variant)| variant);
    let arms = names
        .iter()
        .map(|(wire, variant)| quote! { #wire => Member::#variant, });
    quote! {
        enum Member {
            #(#variants,)*
            Unknown,
        }
        let member_named = |name: &str| match name {
            #(#arms)*
            _ => Member::Unknown,
        };
    }
}

/// `impl Zero` for a structure: required members take their zero value, optional ones none.
pub fn zero_structure(name: &TokenStream, members: &[(TokenStream, bool)]) -> TokenStream {
    let fields = members.iter().map(|(field, optional)| {
        if *optional {
            quote! { #field: None, }
        } else {
            quote! { #field: crate::wire::Zero::zero(), }
        }
    });
    quote! {
        impl crate::wire::Zero for #name {
            fn zero() -> Self {
                Self { #(#fields)* }
            }
        }
    }
}

/// Serde impls and `Zero` for a string enum: the wire value as a string.
pub fn enum_impls(name: &TokenStream) -> TokenStream {
    quote! {
        impl serde::Serialize for #name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> serde::Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                deserializer.deserialize_str(crate::wire::EnumVisitor::<Self>::new())
            }
        }

        impl crate::wire::Zero for #name {
            fn zero() -> Self {
                Self::Unknown(crate::primitives::UnknownVariantValue::new(""))
            }
        }
    }
}

/// Serde impls and `Zero` for a union: an object with exactly one member set; a member this
/// crate does not know reads as `Unknown`.
pub fn union_impls(
    ctx: &Context<'_>,
    name: &TokenStream,
    members: &[(&Member, TokenStream, RustType)],
) -> TokenStream {
    let mut serialize_arms = Vec::new();
    let mut deserialize_arms = Vec::new();
    let mut names = Vec::new();
    for (member, variant, ty) in members {
        let wire = json_key(ctx.model.service.protocol, member);
        names.push((wire, variant.clone()));
        match adapter(ctx, member, ty) {
            Some(adapter) => {
                serialize_arms.push(quote! {
                    Self::#variant(value) => map.serialize_entry(#wire, &crate::wire::Wrap::<#adapter, _>::new(value))?,
                });
                let value = if member.traits.boxed {
                    quote!(Box::new(value.into_inner()))
                } else {
                    quote!(value.into_inner())
                };
                deserialize_arms.push(quote! {
                    Member::#variant => {
                        match map.next_value::<Option<crate::wire::Unwrap<#adapter, _>>>()? {
                            Some(value) => Self::#variant(#value),
                            None => continue,
                        }
                    }
                });
            }
            None => {
                serialize_arms.push(quote! {
                    Self::#variant(value) => map.serialize_entry(#wire, value)?,
                });
                deserialize_arms.push(quote! {
                    Member::#variant => match map.next_value::<Option<_>>()? {
                        Some(value) => Self::#variant(value),
                        None => continue,
                    },
                });
            }
        }
    }
    let expecting = format!("an object with one member of `{name}`");
    // The variants are the union's, of which `Unknown` is one already.
    let members = member_enum(&names);
    quote! {
        impl serde::Serialize for #name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                use serde::ser::SerializeMap;
                let mut map = serializer.serialize_map(Some(1))?;
                match self {
                    #(#serialize_arms)*
                    Self::Unknown => {}
                }
                map.end()
            }
        }

        impl<'de> serde::Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                deserializer.deserialize_map(crate::wire::MapVisitor::<Self>::new())
            }
        }

        impl<'de> crate::wire::FromMap<'de> for #name {
            const EXPECTING: &'static str = #expecting;

            fn from_map<A: serde::de::MapAccess<'de>>(mut map: A) -> Result<Self, A::Error> {
                #members
                let mut value = Self::Unknown;
                while let Some(member) = map.next_key_seed(crate::wire::MemberOf(member_named))? {
                    // A member set to null is not set.
                    value = match member {
                        #(#deserialize_arms)*
                        Member::Unknown => {
                            map.next_value::<serde::de::IgnoredAny>()?;
                            continue;
                        }
                    };
                }
                Ok(value)
            }
        }

        impl crate::wire::Zero for #name {
            fn zero() -> Self {
                Self::Unknown
            }
        }
    }
}

/// `src/wire.rs`: the adapters, `Zero`, and the visitors structures, unions and enums share.
pub fn emit_wire_module(ctx: &Context<'_>) -> TokenStream {
    let base64 = if uses_blobs(ctx.model) {
        quote! {
            /// Blobs as base64 text.
            pub(crate) struct Base64;

            impl SerializeAs<Vec<u8>> for Base64 {
                fn serialize_as<S: Serializer>(value: &Vec<u8>, serializer: S) -> Result<S::Ok, S::Error> {
                    use base64::Engine as _;
                    serializer.serialize_str(&base64::engine::general_purpose::STANDARD.encode(value))
                }
            }

            impl<'de> DeserializeAs<'de, Vec<u8>> for Base64 {
                fn deserialize_as<D: Deserializer<'de>>(deserializer: D) -> Result<Vec<u8>, D::Error> {
                    use base64::Engine as _;
                    let text = std::borrow::Cow::<'de, str>::deserialize(deserializer)?;
                    base64::engine::general_purpose::STANDARD
                        .decode(text.as_bytes())
                        .map_err(|e| de::Error::custom(format_args!("invalid base64: {e}")))
                }
            }
        }
    } else {
        TokenStream::new()
    };
    quote! {
        //! The wire form of values: how members whose serde form is not the wire form are
        //! written and read, the zero values of required members a response leaves out, and
        //! the visitors the serde impls of structures, unions and enums share.
        #![allow(dead_code)]

        use std::collections::HashMap;
        use std::hash::Hash;
        use std::marker::PhantomData;

        use serde::de::{self, Deserialize, Deserializer};
        use serde::ser::{Serialize, Serializer};

        use crate::primitives::Timestamp;

        /// The value a required member takes when a response does not carry it.
        pub(crate) trait Zero {
            fn zero() -> Self;
        }

        macro_rules! zero_is_default {
            ($($ty:ty),*) => {
                $(impl Zero for $ty {
                    fn zero() -> Self {
                        Self::default()
                    }
                })*
            };
        }

        zero_is_default!(String, bool, i8, i16, i32, i64, f32, f64);

        impl Zero for Timestamp {
            fn zero() -> Self {
                Timestamp::UNIX_EPOCH
            }
        }

        impl<T> Zero for Vec<T> {
            fn zero() -> Self {
                Vec::new()
            }
        }

        impl<K, V> Zero for HashMap<K, V> {
            fn zero() -> Self {
                HashMap::new()
            }
        }

        impl<T: Zero> Zero for Box<T> {
            fn zero() -> Self {
                Box::new(T::zero())
            }
        }

        /// Writes a `T` in the form `Self` stands for.
        pub(crate) trait SerializeAs<T> {
            fn serialize_as<S: Serializer>(value: &T, serializer: S) -> Result<S::Ok, S::Error>;
        }

        /// Reads a `T` from the form `Self` stands for.
        pub(crate) trait DeserializeAs<'de, T> {
            fn deserialize_as<D: Deserializer<'de>>(deserializer: D) -> Result<T, D::Error>;
        }

        /// Reads structure members through the adapter `A`.
        pub(crate) struct As<A>(PhantomData<A>);

        impl<A> As<A> {
            /// The next map value as `A` reads it; `null` is `None`.
            pub(crate) fn next_value<'de, T, M: de::MapAccess<'de>>(map: &mut M) -> Result<Option<T>, M::Error>
            where
                A: DeserializeAs<'de, T>,
            {
                Ok(map.next_value::<Option<Unwrap<A, T>>>()?.map(Unwrap::into_inner))
            }
        }

        /// Serializes a borrowed value through an adapter.
        pub(crate) struct Wrap<'a, A, T>(&'a T, PhantomData<A>);

        impl<'a, A, T> Wrap<'a, A, T> {
            pub(crate) fn new(value: &'a T) -> Self {
                Self(value, PhantomData)
            }
        }

        impl<A: SerializeAs<T>, T> Serialize for Wrap<'_, A, T> {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                A::serialize_as(self.0, serializer)
            }
        }

        /// Deserializes a value through an adapter.
        pub(crate) struct Unwrap<A, T>(T, PhantomData<A>);

        impl<A, T> Unwrap<A, T> {
            pub(crate) fn into_inner(self) -> T {
                self.0
            }
        }

        impl<'de, A: DeserializeAs<'de, T>, T> Deserialize<'de> for Unwrap<A, T> {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                A::deserialize_as(deserializer).map(|value| Self(value, PhantomData))
            }
        }

        /// A list whose items go through `A`.
        pub(crate) struct ListOf<A>(PhantomData<A>);

        impl<A: SerializeAs<T>, T> SerializeAs<Vec<T>> for ListOf<A> {
            fn serialize_as<S: Serializer>(value: &Vec<T>, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.collect_seq(value.iter().map(Wrap::<A, T>::new))
            }
        }

        impl<'de, A: DeserializeAs<'de, T>, T> DeserializeAs<'de, Vec<T>> for ListOf<A> {
            fn deserialize_as<D: Deserializer<'de>>(deserializer: D) -> Result<Vec<T>, D::Error> {
                let items = Vec::<Unwrap<A, T>>::deserialize(deserializer)?;
                Ok(items.into_iter().map(Unwrap::into_inner).collect())
            }
        }

        /// A map whose values go through `A`.
        pub(crate) struct MapOf<A>(PhantomData<A>);

        impl<A: SerializeAs<V>, K: Serialize, V> SerializeAs<HashMap<K, V>> for MapOf<A> {
            fn serialize_as<S: Serializer>(value: &HashMap<K, V>, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.collect_map(value.iter().map(|(k, v)| (k, Wrap::<A, V>::new(v))))
            }
        }

        impl<'de, A: DeserializeAs<'de, V>, K: Deserialize<'de> + Eq + Hash, V> DeserializeAs<'de, HashMap<K, V>> for MapOf<A> {
            fn deserialize_as<D: Deserializer<'de>>(deserializer: D) -> Result<HashMap<K, V>, D::Error> {
                let entries = HashMap::<K, Unwrap<A, V>>::deserialize(deserializer)?;
                Ok(entries.into_iter().map(|(k, v)| (k, v.into_inner())).collect())
            }
        }

        /// Timestamps as seconds since the Unix epoch, with a millisecond fraction.
        pub(crate) struct EpochSeconds;

        impl SerializeAs<Timestamp> for EpochSeconds {
            fn serialize_as<S: Serializer>(value: &Timestamp, serializer: S) -> Result<S::Ok, S::Error> {
                let millis = value.as_millisecond();
                if millis % 1000 == 0 {
                    serializer.serialize_i64(millis / 1000)
                } else {
                    // Divided once, so the float is the nearest to the decimal value.
                    #[allow(clippy::cast_precision_loss)]
                    serializer.serialize_f64(millis as f64 / 1000.0)
                }
            }
        }

        impl<'de> DeserializeAs<'de, Timestamp> for EpochSeconds {
            fn deserialize_as<D: Deserializer<'de>>(deserializer: D) -> Result<Timestamp, D::Error> {
                deserializer.deserialize_any(TimestampVisitor)
            }
        }

        /// Timestamps as RFC 3339 date-times.
        pub(crate) struct DateTime;

        impl SerializeAs<Timestamp> for DateTime {
            fn serialize_as<S: Serializer>(value: &Timestamp, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.collect_str(&value.round(jiff::Unit::Millisecond).unwrap_or(*value))
            }
        }

        impl<'de> DeserializeAs<'de, Timestamp> for DateTime {
            fn deserialize_as<D: Deserializer<'de>>(deserializer: D) -> Result<Timestamp, D::Error> {
                deserializer.deserialize_any(TimestampVisitor)
            }
        }

        /// Timestamps as HTTP dates (`Sun, 06 Nov 1994 08:49:37 GMT`).
        pub(crate) struct HttpDate;

        impl SerializeAs<Timestamp> for HttpDate {
            fn serialize_as<S: Serializer>(value: &Timestamp, serializer: S) -> Result<S::Ok, S::Error> {
                let text = jiff::fmt::rfc2822::DateTimePrinter::new()
                    .timestamp_to_rfc9110_string(value)
                    .map_err(serde::ser::Error::custom)?;
                serializer.serialize_str(&text)
            }
        }

        impl<'de> DeserializeAs<'de, Timestamp> for HttpDate {
            fn deserialize_as<D: Deserializer<'de>>(deserializer: D) -> Result<Timestamp, D::Error> {
                deserializer.deserialize_any(TimestampVisitor)
            }
        }

        /// Reads a timestamp in any of the forms services send: epoch seconds as a number or a
        /// numeric string, an RFC 3339 date-time or an HTTP date. Kept to the millisecond.
        ///
        /// Epoch values beyond what [`Timestamp`] holds (9999-12-30T22:00Z, and its negative
        /// twin) saturate at [`Timestamp::MAX`] or [`Timestamp::MIN`] instead of failing the
        /// response: services write far-future sentinels such as 9999-12-31T23:59:59Z.
        struct TimestampVisitor;

        impl TimestampVisitor {
            fn from_millis(millis: i64) -> Timestamp {
                Timestamp::from_millisecond(millis)
                    .unwrap_or(if millis < 0 { Timestamp::MIN } else { Timestamp::MAX })
            }

            fn from_seconds<E: de::Error>(seconds: f64) -> Result<Timestamp, E> {
                if seconds.is_nan() {
                    return Err(E::custom("a timestamp cannot be NaN"));
                }
                let scaled = (seconds * 1000.0).clamp(-1e17, 1e17);
                // Rounds half away from zero without `f64::round`, a library call on
                // baseline x86-64 that shows in parse profiles.
                #[allow(clippy::cast_possible_truncation, clippy::cast_precision_loss)]
                let millis = {
                    let truncated = scaled as i64;
                    let fraction = scaled - truncated as f64;
                    if fraction >= 0.5 {
                        truncated + 1
                    } else if fraction <= -0.5 {
                        truncated - 1
                    } else {
                        truncated
                    }
                };
                Ok(Self::from_millis(millis))
            }
        }

        impl de::Visitor<'_> for TimestampVisitor {
            type Value = Timestamp;

            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a timestamp: epoch seconds, an RFC 3339 date-time or an HTTP date")
            }

            fn visit_i64<E: de::Error>(self, seconds: i64) -> Result<Timestamp, E> {
                Ok(Self::from_millis(seconds.saturating_mul(1000)))
            }

            fn visit_u64<E: de::Error>(self, seconds: u64) -> Result<Timestamp, E> {
                Ok(Self::from_millis(i64::try_from(seconds).unwrap_or(i64::MAX).saturating_mul(1000)))
            }

            fn visit_f64<E: de::Error>(self, seconds: f64) -> Result<Timestamp, E> {
                Self::from_seconds(seconds)
            }

            fn visit_str<E: de::Error>(self, text: &str) -> Result<Timestamp, E> {
                if let Ok(seconds) = text.parse::<f64>() {
                    return Self::from_seconds(seconds);
                }
                if let Ok(timestamp) = text.parse::<Timestamp>() {
                    return Ok(timestamp);
                }
                jiff::fmt::rfc2822::DateTimeParser::new()
                    .parse_timestamp(text)
                    .map_err(|_| E::custom(format_args!("{text:?} is not a timestamp")))
            }
        }

        /// Floats as numbers, and `NaN`, `Infinity` and `-Infinity` as those strings.
        pub(crate) struct Float;

        macro_rules! float_as {
            ($ty:ty) => {
                impl SerializeAs<$ty> for Float {
                    fn serialize_as<S: Serializer>(value: &$ty, serializer: S) -> Result<S::Ok, S::Error> {
                        if value.is_nan() {
                            serializer.serialize_str("NaN")
                        } else if value.is_infinite() {
                            serializer.serialize_str(if *value > 0.0 { "Infinity" } else { "-Infinity" })
                        } else {
                            value.serialize(serializer)
                        }
                    }
                }

                impl<'de> DeserializeAs<'de, $ty> for Float {
                    fn deserialize_as<D: Deserializer<'de>>(deserializer: D) -> Result<$ty, D::Error> {
                        struct Visitor;
                        impl de::Visitor<'_> for Visitor {
                            type Value = $ty;
                            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                                f.write_str("a number, \"NaN\", \"Infinity\" or \"-Infinity\"")
                            }
                            #[allow(clippy::cast_possible_truncation, clippy::cast_precision_loss)]
                            fn visit_f64<E: de::Error>(self, value: f64) -> Result<$ty, E> {
                                Ok(value as $ty)
                            }
                            #[allow(clippy::cast_precision_loss)]
                            fn visit_i64<E: de::Error>(self, value: i64) -> Result<$ty, E> {
                                Ok(value as $ty)
                            }
                            #[allow(clippy::cast_precision_loss)]
                            fn visit_u64<E: de::Error>(self, value: u64) -> Result<$ty, E> {
                                Ok(value as $ty)
                            }
                            fn visit_str<E: de::Error>(self, value: &str) -> Result<$ty, E> {
                                match value {
                                    "NaN" => Ok(<$ty>::NAN),
                                    "Infinity" => Ok(<$ty>::INFINITY),
                                    "-Infinity" => Ok(<$ty>::NEG_INFINITY),
                                    other => Err(E::invalid_value(de::Unexpected::Str(other), &self)),
                                }
                            }
                        }
                        deserializer.deserialize_any(Visitor)
                    }
                }
            };
        }

        float_as!(f32);
        float_as!(f64);

        #base64

        /// Reads a map key as a member with the function it holds, so the key is neither
        /// kept nor copied.
        pub(crate) struct MemberOf<F>(pub(crate) F);

        impl<'de, M, F: FnOnce(&str) -> M> de::DeserializeSeed<'de> for MemberOf<F> {
            type Value = M;

            fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<M, D::Error> {
                deserializer.deserialize_identifier(self)
            }
        }

        impl<'de, M, F: FnOnce(&str) -> M> de::Visitor<'de> for MemberOf<F> {
            type Value = M;

            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a member name")
            }

            fn visit_str<E: de::Error>(self, name: &str) -> Result<M, E> {
                Ok((self.0)(name))
            }
        }

        /// A structure or union read from a map of its members.
        pub(crate) trait FromMap<'de>: Sized {
            /// What the input should have been, for errors: `struct Name`.
            const EXPECTING: &'static str;

            fn from_map<A: de::MapAccess<'de>>(map: A) -> Result<Self, A::Error>;
        }

        /// Reads a `T` from a map.
        pub(crate) struct MapVisitor<T>(PhantomData<T>);

        impl<T> MapVisitor<T> {
            pub(crate) fn new() -> Self {
                Self(PhantomData)
            }
        }

        impl<'de, T: FromMap<'de>> de::Visitor<'de> for MapVisitor<T> {
            type Value = T;

            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(T::EXPECTING)
            }

            fn visit_map<A: de::MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
                T::from_map(map)
            }
        }

        /// Reads an enum from its wire string, borrowing when the input allows.
        pub(crate) struct EnumVisitor<E>(PhantomData<E>);

        impl<E> EnumVisitor<E> {
            pub(crate) fn new() -> Self {
                Self(PhantomData)
            }
        }

        impl<E: for<'a> From<&'a str>> de::Visitor<'_> for EnumVisitor<E> {
            type Value = E;

            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a string")
            }

            fn visit_str<Er: de::Error>(self, value: &str) -> Result<E, Er> {
                Ok(E::from(value))
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
        for protocol in [Protocol::AwsJson1_0, Protocol::AwsJson1_1] {
            assert_eq!(json_key(protocol, &member(Some("Smithy"), None)), "value");
            assert_eq!(
                json_key(protocol, &member(None, Some("Botocore"))),
                "Botocore"
            );
        }
    }

    #[test]
    fn rest_json_keys_honour_json_name() {
        assert_eq!(
            json_key(Protocol::RestJson1, &member(Some("Renamed"), None)),
            "Renamed"
        );
        assert_eq!(json_key(Protocol::RestJson1, &member(None, None)), "value");
    }
}
