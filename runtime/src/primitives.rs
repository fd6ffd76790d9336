//! Value types the generated shapes use.

/// A point in time, as the model's `timestamp` shapes hold it.
pub use jiff::Timestamp;

/// `value` to the millisecond, as the wire carries it: truncated, as epoch seconds are
/// written, so that both forms give the same instant. (Rounding could pass the last
/// millisecond a timestamp holds, 9999-12-30T22:00:00.999Z.)
pub(crate) fn whole_milliseconds(value: &Timestamp) -> Timestamp {
    from_milliseconds(value.as_millisecond()).unwrap_or(*value)
}

/// The instant `millis` milliseconds from the Unix epoch, if a timestamp holds it. Through
/// seconds and nanoseconds: `Timestamp::from_millisecond` refuses the milliseconds of the
/// last second a timestamp holds.
pub(crate) fn from_milliseconds(millis: i64) -> Option<Timestamp> {
    #[allow(clippy::cast_possible_truncation)]
    let nanos = (millis % 1000) as i32 * 1_000_000;
    Timestamp::new(millis / 1000, nanos).ok()
}

/// Untyped JSON-like data, as the model's `document` shapes hold it: null, booleans, numbers,
/// strings, lists and string-keyed maps.
pub type Document = serde_json::Value;
/// The raw value of an enum variant the model did not list when this crate was
/// generated; every generated enum has an `Unknown` variant holding one.
///
/// Only generated crates make these, so a known value never ends up in `Unknown`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct UnknownVariantValue(String);
impl UnknownVariantValue {
    /// For generated crates: the value of an `Unknown` variant.
    #[doc(hidden)]
    pub fn new(value: &str) -> Self {
        Self(value.to_owned())
    }
    /// The value as it was received.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}
impl std::fmt::Display for UnknownVariantValue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}
