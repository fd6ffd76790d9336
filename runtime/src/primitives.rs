//! Value types the generated shapes use.

/// A point in time, as the model's `timestamp` shapes hold it.
pub use jiff::Timestamp;

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
