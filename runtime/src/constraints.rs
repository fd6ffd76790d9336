//! The checks a generated `validate()` runs: lengths, ranges and patterns, each pushing a
//! [`ConstraintViolation`] with the member's path.

use crate::error::ConstraintViolation;
/// What a `length` constraint counts.
#[derive(Clone, Copy)]
pub enum Unit {
    /// Characters of a string.
    Characters,
    /// Bytes of a blob.
    Bytes,
    /// Items of a list.
    Items,
    /// Entries of a map.
    Entries,
}
/// `parent.member`, or `member` at the top.
pub fn member_path(parent: &str, member: &str) -> String {
    if parent.is_empty() {
        member.to_owned()
    } else {
        format!("{parent}.{member}")
    }
}
/// `parent[index]`.
pub fn index_path(parent: &str, index: usize) -> String {
    format!("{parent}[{index}]")
}
/// `parent["key"]`.
pub fn key_path(parent: &str, key: &str) -> String {
    format!("{parent}[{key:?}]")
}
/// Pushes a violation when `count` is below `min` or above `max`.
pub fn check_length(
    violations: &mut Vec<ConstraintViolation>,
    path: &str,
    count: usize,
    min: Option<usize>,
    max: Option<usize>,
    unit: Unit,
) {
    let measured = match unit {
        Unit::Characters => format!("length {count}"),
        Unit::Bytes => format!("{count} byte{}", if count == 1 { "" } else { "s" }),
        Unit::Items => format!("{count} item{}", if count == 1 { "" } else { "s" }),
        Unit::Entries => format!("{count} entr{}", if count == 1 { "y" } else { "ies" }),
    };
    if let Some(min) = min.filter(|min| count < *min) {
        violations.push(ConstraintViolation::new(
            path,
            format!("{measured}, less than the minimum {min}"),
        ));
    }
    if let Some(max) = max.filter(|max| count > *max) {
        violations.push(ConstraintViolation::new(
            path,
            format!("{measured}, more than the maximum {max}"),
        ));
    }
}
/// Integers are checked as `i64`, floats as `f64`: the model's bounds keep their exact
/// value either way.
pub fn check_range<T: PartialOrd + std::fmt::Display>(
    violations: &mut Vec<ConstraintViolation>,
    path: &str,
    value: T,
    min: Option<T>,
    max: Option<T>,
) {
    if let Some(min) = min.filter(|min| value < *min) {
        violations.push(ConstraintViolation::new(
            path,
            format!("value {value}, less than the minimum {min}"),
        ));
    }
    if let Some(max) = max.filter(|max| value > *max) {
        violations.push(ConstraintViolation::new(
            path,
            format!("value {value}, more than the maximum {max}"),
        ));
    }
}
pub use regex_lite::Regex;
/// Pushes a violation when `value` does not match `pattern`.
pub fn check_pattern(
    violations: &mut Vec<ConstraintViolation>,
    path: &str,
    value: &str,
    pattern: &Regex,
) {
    if !pattern.is_match(value) {
        violations.push(ConstraintViolation::new(
            path,
            format!(
                "value {value:?} does not match the pattern `{}`",
                pattern.as_str()
            ),
        ));
    }
}
