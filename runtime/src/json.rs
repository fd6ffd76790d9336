//! JSON bodies, as the JSON protocols write and read them.
//!
//! A generated crate writes and reads its types through *adapters*: zero-sized types that
//! implement [`SerializeAs`] and [`DeserializeAs`] for the values they stand for. The
//! protocol's adapter for a crate's structures, unions and enums is a marker type of the
//! generated crate; this module holds the ones every crate shares: [`Same`] (serde's own form),
//! [`EpochSeconds`], [`DateTime`] and [`HttpDate`] for timestamps, [`Float`] for non-finite
//! floats, [`Base64`] for blobs, and [`ListOf`], [`MapOf`] and [`Boxed`] around others. It also
//! holds the visitors the generated impls share and [`Zero`], the value a required member
//! takes when a response leaves it out.
//!
//! Everything here is support for generated code; applications use the generated types.

use std::collections::HashMap;
use std::hash::Hash;
use std::marker::PhantomData;

use serde::de::{self, Deserialize, Deserializer};
use serde::ser::{Serialize, Serializer};

use crate::primitives::Timestamp;

/// The value a required member takes when a response does not carry it.
pub trait Zero {
    /// The zero value: empty, `0`, `false`, the epoch, or a structure of zero values.
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

zero_is_default!(String, bool, i8, i16, i32, i64, f32, f64, serde_json::Value);

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
pub trait SerializeAs<T> {
    /// Writes `value` to `serializer`.
    fn serialize_as<S: Serializer>(value: &T, serializer: S) -> Result<S::Ok, S::Error>;
}

/// Reads a `T` from the form `Self` stands for.
pub trait DeserializeAs<'de, T> {
    /// Reads a value from `deserializer`.
    ///
    /// # Errors
    ///
    /// The deserializer's, for input that does not hold a `T`.
    fn deserialize_as<D: Deserializer<'de>>(deserializer: D) -> Result<T, D::Error>;
}

/// Reads structure members through the adapter `A`.
pub struct As<A>(PhantomData<A>);

impl<A> As<A> {
    /// The next map value as `A` reads it; `null` is `None`.
    /// # Errors
    ///
    /// The map's, for a value that does not hold a `T`.
    pub fn next_value<'de, T, M: de::MapAccess<'de>>(map: &mut M) -> Result<Option<T>, M::Error>
    where
        A: DeserializeAs<'de, T>,
    {
        Ok(map
            .next_value::<Option<Unwrap<A, T>>>()?
            .map(Unwrap::into_inner))
    }
}

/// Serializes a borrowed value through an adapter.
pub struct Wrap<'a, A, T>(&'a T, PhantomData<A>);

impl<'a, A, T> Wrap<'a, A, T> {
    /// Wraps `value`.
    pub fn new(value: &'a T) -> Self {
        Self(value, PhantomData)
    }
}

impl<A: SerializeAs<T>, T> Serialize for Wrap<'_, A, T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        A::serialize_as(self.0, serializer)
    }
}

/// Deserializes a value through an adapter.
pub struct Unwrap<A, T>(T, PhantomData<A>);

impl<A, T> Unwrap<A, T> {
    /// The value read.
    pub fn into_inner(self) -> T {
        self.0
    }
}

impl<'de, A: DeserializeAs<'de, T>, T> Deserialize<'de> for Unwrap<A, T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        A::deserialize_as(deserializer).map(|value| Self(value, PhantomData))
    }
}

/// A list whose items go through `A`.
pub struct ListOf<A>(PhantomData<A>);

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

/// A map whose keys go through `K` and values through `V`.
pub struct MapOf<K, V>(PhantomData<(K, V)>);

impl<KA: SerializeAs<K>, VA: SerializeAs<V>, K, V> SerializeAs<HashMap<K, V>> for MapOf<KA, VA> {
    fn serialize_as<S: Serializer>(
        value: &HashMap<K, V>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        serializer.collect_map(
            value
                .iter()
                .map(|(k, v)| (Wrap::<KA, K>::new(k), Wrap::<VA, V>::new(v))),
        )
    }
}

impl<'de, KA: DeserializeAs<'de, K>, VA: DeserializeAs<'de, V>, K: Eq + Hash, V>
    DeserializeAs<'de, HashMap<K, V>> for MapOf<KA, VA>
{
    fn deserialize_as<D: Deserializer<'de>>(deserializer: D) -> Result<HashMap<K, V>, D::Error> {
        deserializer.deserialize_map(MapVisitorOf::<KA, VA, K, V, true>(PhantomData))
    }
}

/// Reads a map's entries through `KA` and `VA`; with `SKIP_NULLS`, an entry whose value is
/// null is left out (dense maps), else `VA` reads the null (sparse maps).
struct MapVisitorOf<KA, VA, K, V, const SKIP_NULLS: bool>(PhantomData<(KA, VA, K, V)>);

impl<'de, KA, VA, K, V, const SKIP_NULLS: bool> de::Visitor<'de>
    for MapVisitorOf<KA, VA, K, V, SKIP_NULLS>
where
    KA: DeserializeAs<'de, K>,
    VA: DeserializeAs<'de, V>,
    K: Eq + Hash,
{
    type Value = HashMap<K, V>;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a map")
    }

    fn visit_map<M: de::MapAccess<'de>>(self, mut map: M) -> Result<HashMap<K, V>, M::Error> {
        let mut entries = HashMap::with_capacity(map.size_hint().unwrap_or(0).min(4096));
        while let Some(key) = map.next_key::<Unwrap<KA, K>>()? {
            let value = if SKIP_NULLS {
                map.next_value::<Option<Unwrap<VA, V>>>()?
            } else {
                Some(map.next_value::<Unwrap<VA, V>>()?)
            };
            if let Some(value) = value {
                entries.insert(key.into_inner(), value.into_inner());
            }
        }
        Ok(entries)
    }
}

/// A map that may hold nulls (sparse): values go through `V`, which reads null as `None`.
pub struct SparseMapOf<K, V>(PhantomData<(K, V)>);

impl<KA: SerializeAs<K>, VA: SerializeAs<V>, K, V> SerializeAs<HashMap<K, V>>
    for SparseMapOf<KA, VA>
{
    fn serialize_as<S: Serializer>(
        value: &HashMap<K, V>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        MapOf::<KA, VA>::serialize_as(value, serializer)
    }
}

impl<'de, KA: DeserializeAs<'de, K>, VA: DeserializeAs<'de, V>, K: Eq + Hash, V>
    DeserializeAs<'de, HashMap<K, V>> for SparseMapOf<KA, VA>
{
    fn deserialize_as<D: Deserializer<'de>>(deserializer: D) -> Result<HashMap<K, V>, D::Error> {
        deserializer.deserialize_map(MapVisitorOf::<KA, VA, K, V, false>(PhantomData))
    }
}

/// Values in serde's own form: strings, integers, booleans.
pub struct Same;

impl<T: Serialize> SerializeAs<T> for Same {
    fn serialize_as<S: Serializer>(value: &T, serializer: S) -> Result<S::Ok, S::Error> {
        value.serialize(serializer)
    }
}

impl<'de, T: Deserialize<'de>> DeserializeAs<'de, T> for Same {
    fn deserialize_as<D: Deserializer<'de>>(deserializer: D) -> Result<T, D::Error> {
        T::deserialize(deserializer)
    }
}

/// A boxed value (a member that breaks a cycle) through `A`.
pub struct Boxed<A>(PhantomData<A>);

impl<A: SerializeAs<T>, T> SerializeAs<Box<T>> for Boxed<A> {
    fn serialize_as<S: Serializer>(value: &Box<T>, serializer: S) -> Result<S::Ok, S::Error> {
        A::serialize_as(value, serializer)
    }
}

impl<'de, A: DeserializeAs<'de, T>, T> DeserializeAs<'de, Box<T>> for Boxed<A> {
    fn deserialize_as<D: Deserializer<'de>>(deserializer: D) -> Result<Box<T>, D::Error> {
        A::deserialize_as(deserializer).map(Box::new)
    }
}

/// An optional value through `A`: `null` is `None` (items of lists that allow nulls).
pub struct Nullable<A>(PhantomData<A>);

impl<A: SerializeAs<T>, T> SerializeAs<Option<T>> for Nullable<A> {
    fn serialize_as<S: Serializer>(value: &Option<T>, serializer: S) -> Result<S::Ok, S::Error> {
        match value {
            Some(value) => A::serialize_as(value, serializer),
            None => serializer.serialize_none(),
        }
    }
}

impl<'de, A: DeserializeAs<'de, T>, T> DeserializeAs<'de, Option<T>> for Nullable<A> {
    fn deserialize_as<D: Deserializer<'de>>(deserializer: D) -> Result<Option<T>, D::Error> {
        Ok(Option::<Unwrap<A, T>>::deserialize(deserializer)?.map(Unwrap::into_inner))
    }
}

/// The JSON text of `value` written through `A`.
pub fn to_vec<A: SerializeAs<T>, T>(value: &T) -> Vec<u8> {
    // Map keys are strings and no adapter's serializer fails, so this cannot either.
    serde_json::to_vec(&Wrap::<A, T>::new(value))
        .expect("generated values always serialize to JSON")
}

/// Reads a body as a `T` through `A`; an empty body reads as `{}`.
///
/// # Errors
///
/// A body that does not hold a `T`, with the HTTP `status` and the start of the body.
pub fn from_body<A, T>(status: u16, body: &[u8]) -> Result<T, crate::error::InvalidResponseError>
where
    A: for<'de> DeserializeAs<'de, T>,
{
    let text: &[u8] = if crate::response::is_blank(body) {
        b"{}"
    } else {
        body
    };
    let mut deserializer = serde_json::Deserializer::from_slice(text);
    A::deserialize_as(&mut deserializer)
        .and_then(|value| deserializer.end().map(|()| value))
        .map_err(|e| crate::error::InvalidResponseError::new(status, e.to_string(), body))
}

/// Timestamps as seconds since the Unix epoch, with a millisecond fraction.
pub struct EpochSeconds;

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
pub struct DateTime;

impl SerializeAs<Timestamp> for DateTime {
    fn serialize_as<S: Serializer>(value: &Timestamp, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(&crate::primitives::whole_milliseconds(value))
    }
}

impl<'de> DeserializeAs<'de, Timestamp> for DateTime {
    fn deserialize_as<D: Deserializer<'de>>(deserializer: D) -> Result<Timestamp, D::Error> {
        deserializer.deserialize_any(TimestampVisitor)
    }
}

/// Timestamps as HTTP dates (`Sun, 06 Nov 1994 08:49:37 GMT`).
pub struct HttpDate;

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
        crate::primitives::from_milliseconds(millis).unwrap_or(if millis < 0 {
            Timestamp::MIN
        } else {
            Timestamp::MAX
        })
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
        Ok(Self::from_millis(
            i64::try_from(seconds)
                .unwrap_or(i64::MAX)
                .saturating_mul(1000),
        ))
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
pub struct Float;

macro_rules! float_as {
    ($ty:ty) => {
        impl SerializeAs<$ty> for Float {
            fn serialize_as<S: Serializer>(value: &$ty, serializer: S) -> Result<S::Ok, S::Error> {
                if value.is_nan() {
                    serializer.serialize_str("NaN")
                } else if value.is_infinite() {
                    serializer.serialize_str(if *value > 0.0 {
                        "Infinity"
                    } else {
                        "-Infinity"
                    })
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

/// Blobs as base64 text.
pub struct Base64;

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

/// A streaming payload in the serde form: its bytes as base64, when it holds them in memory (a
/// body parsed whole, or one made from bytes); a stream not read yet cannot be written.
impl SerializeAs<crate::stream::ByteStream> for Base64 {
    fn serialize_as<S: Serializer>(
        value: &crate::stream::ByteStream,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        use base64::Engine as _;
        match value.as_bytes() {
            Some(bytes) => {
                serializer.serialize_str(&base64::engine::general_purpose::STANDARD.encode(bytes))
            }
            None => Err(serde::ser::Error::custom(
                "a streaming body that is not in memory cannot be serialized: collect it first",
            )),
        }
    }
}

impl<'de> DeserializeAs<'de, crate::stream::ByteStream> for Base64 {
    fn deserialize_as<D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<crate::stream::ByteStream, D::Error> {
        <Base64 as DeserializeAs<'de, Vec<u8>>>::deserialize_as(deserializer)
            .map(crate::stream::ByteStream::from)
    }
}

/// Reads a map key as a member with the function it holds, so the key is neither
/// kept nor copied.
pub struct MemberOf<F>(pub F);

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

/// How a codec `Self` reads a structure or union `T` from a map of its members.
pub trait FromMap<'de, T>: Sized {
    /// What the input should have been, for errors: `struct Name`.
    const EXPECTING: &'static str;

    /// Reads the members from `map`.
    ///
    /// # Errors
    ///
    /// The map's, for members that do not hold their values.
    fn from_map<A: de::MapAccess<'de>>(map: A) -> Result<T, A::Error>;
}

/// Reads a `T` from a map with the codec `C`.
pub struct MapVisitor<C, T>(PhantomData<(C, T)>);

impl<C, T> MapVisitor<C, T> {
    /// The visitor.
    pub fn new() -> Self {
        Self(PhantomData)
    }
}

impl<C, T> Default for MapVisitor<C, T> {
    fn default() -> Self {
        Self::new()
    }
}

impl<'de, C: FromMap<'de, T>, T> de::Visitor<'de> for MapVisitor<C, T> {
    type Value = T;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(C::EXPECTING)
    }

    fn visit_map<A: de::MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
        C::from_map(map)
    }
}

/// Reads an enum from its wire string, borrowing when the input allows.
pub struct EnumVisitor<E>(PhantomData<E>);

impl<E> EnumVisitor<E> {
    /// The visitor.
    pub fn new() -> Self {
        Self(PhantomData)
    }
}

impl<E> Default for EnumVisitor<E> {
    fn default() -> Self {
        Self::new()
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

/// `Serialize` and `Deserialize` for `$ty` through the codec `$codec`: a generated crate's
/// user-facing serde form, where the protocol's codec already is that form. The calling crate
/// depends on `serde`.
#[macro_export]
macro_rules! serde_via_codec {
    ($codec:ty => $($ty:ty),+ $(,)?) => {
        $(
            impl serde::Serialize for $ty {
                fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                    <$codec as $crate::json::SerializeAs<Self>>::serialize_as(self, serializer)
                }
            }

            impl<'de> serde::Deserialize<'de> for $ty {
                fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                    <$codec as $crate::json::DeserializeAs<'de, Self>>::deserialize_as(deserializer)
                }
            }
        )+
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read<A, T>(text: &str) -> Result<T, crate::error::InvalidResponseError>
    where
        A: for<'de> DeserializeAs<'de, T>,
    {
        from_body::<A, T>(200, text.as_bytes())
    }

    #[test]
    fn an_empty_body_reads_as_an_empty_object() {
        let map: HashMap<String, String> = read::<MapOf<Same, Same>, _>("  ").unwrap();
        assert!(map.is_empty());
    }

    #[test]
    fn dense_maps_leave_out_null_values_and_sparse_maps_keep_them() {
        let text = r#"{"a": "x", "b": null}"#;
        let dense: HashMap<String, String> = read::<MapOf<Same, Same>, _>(text).unwrap();
        assert_eq!(dense.len(), 1);
        let sparse: HashMap<String, Option<String>> =
            read::<SparseMapOf<Same, Nullable<Same>>, _>(text).unwrap();
        assert_eq!(sparse["a"].as_deref(), Some("x"));
        assert_eq!(sparse["b"], None);
        assert_eq!(
            to_vec::<ListOf<Nullable<Same>>, _>(&vec![Some(1), None]),
            b"[1,null]"
        );
    }

    #[test]
    fn the_last_millisecond_a_timestamp_holds_reads_and_writes_exactly() {
        let last: Timestamp = read::<EpochSeconds, _>("253402207200.999").unwrap();
        assert_eq!(last.as_millisecond(), 253_402_207_200_999);
        assert_eq!(
            crate::rest::timestamp_text(&last, crate::rest::TimestampFormat::DateTime),
            "9999-12-30T22:00:00.999Z"
        );
        assert_eq!(
            to_vec::<DateTime, _>(&last),
            br#""9999-12-30T22:00:00.999Z""#
        );
        assert_eq!(
            crate::rest::parse_timestamp(
                "253402207200.999",
                crate::rest::TimestampFormat::EpochSeconds
            ),
            Ok(last)
        );
    }

    #[test]
    fn timestamps_read_in_every_form_and_write_in_theirs() {
        let seconds: Timestamp = read::<EpochSeconds, _>("1458680301.4").unwrap();
        assert_eq!(seconds.as_millisecond(), 1_458_680_301_400);
        let text: Timestamp = read::<DateTime, _>(r#""2016-03-22T20:58:21.4Z""#).unwrap();
        assert_eq!(text, seconds);
        let http: Timestamp = read::<HttpDate, _>(r#""Tue, 22 Mar 2016 20:58:21 GMT""#).unwrap();
        assert_eq!(http.as_second(), 1_458_680_301);
        assert_eq!(to_vec::<EpochSeconds, _>(&seconds), b"1458680301.4");
        assert_eq!(
            to_vec::<DateTime, _>(&seconds),
            br#""2016-03-22T20:58:21.4Z""#
        );
        assert_eq!(
            to_vec::<HttpDate, _>(&http),
            br#""Tue, 22 Mar 2016 20:58:21 GMT""#
        );
    }

    #[test]
    fn non_finite_floats_are_strings_and_blobs_are_base64() {
        assert_eq!(to_vec::<Float, _>(&f64::NAN), br#""NaN""#);
        assert_eq!(to_vec::<Float, _>(&f64::NEG_INFINITY), br#""-Infinity""#);
        let infinity: f64 = read::<Float, _>(r#""Infinity""#).unwrap();
        assert_eq!(infinity, f64::INFINITY);
        assert_eq!(to_vec::<Base64, _>(&b"abc".to_vec()), br#""YWJj""#);
        let stream = crate::stream::ByteStream::from(b"abc".to_vec());
        assert_eq!(to_vec::<Base64, _>(&stream), br#""YWJj""#);
        let stream: crate::stream::ByteStream = read::<Base64, _>(r#""YWJj""#).unwrap();
        assert_eq!(stream.as_bytes().map(|bytes| &bytes[..]), Some(&b"abc"[..]));
        let bytes: Vec<u8> = read::<Base64, _>(r#""YWJj""#).unwrap();
        assert_eq!(bytes, b"abc");
        let error = read::<Base64, Vec<u8>>(r#""!!""#).unwrap_err();
        assert!(error.reason().contains("invalid base64"), "{error}");
    }

    #[test]
    fn a_body_that_does_not_hold_the_value_is_an_invalid_response_with_its_excerpt() {
        let error = read::<ListOf<Same>, Vec<i32>>(r#"{"not": "a list"}"#).unwrap_err();
        assert_eq!(error.status(), 200);
        assert_eq!(error.excerpt(), r#"{"not": "a list"}"#);
        let trailing = read::<Same, i32>("1 2").unwrap_err();
        assert!(trailing.reason().contains("trailing"), "{trailing}");
    }
}
