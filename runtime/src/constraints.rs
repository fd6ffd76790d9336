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
/// A model's `pattern`, compiled by the engine the generator chose for it: `regex-lite` for
/// most, the `regex` crate for Unicode classes (feature `unicode-patterns`), `fancy-regex` for
/// lookaround (feature `lookaround-patterns`). The generator translated the model's syntax
/// (ECMA-262, with a few Java classes) into the engine's and compiled it with the same
/// engine, so the constructors do not fail on what it emits.
pub struct Pattern {
    model: &'static str,
    engine: Engine,
}

enum Engine {
    Lite(regex_lite::Regex),
    #[cfg(feature = "unicode-patterns")]
    Unicode(regex::Regex),
    #[cfg(feature = "lookaround-patterns")]
    Lookaround(fancy_regex::Regex),
}

impl Pattern {
    /// The model's pattern `model`, translated to `source`, for `regex-lite`.
    ///
    /// # Panics
    ///
    /// If `source` does not compile: the generator checks that it does.
    pub fn lite(model: &'static str, source: &str) -> Self {
        let regex = regex_lite::Regex::new(source)
            .unwrap_or_else(|e| panic!("pattern `{model}` does not compile in regex-lite: {e}"));
        Pattern {
            model,
            engine: Engine::Lite(regex),
        }
    }

    /// The model's pattern `model`, translated to `source`, for the `regex` crate.
    ///
    /// # Panics
    ///
    /// If `source` does not compile: the generator checks that it does.
    #[cfg(feature = "unicode-patterns")]
    pub fn unicode(model: &'static str, source: &str) -> Self {
        let regex = regex::Regex::new(source)
            .unwrap_or_else(|e| panic!("pattern `{model}` does not compile in regex: {e}"));
        Pattern {
            model,
            engine: Engine::Unicode(regex),
        }
    }

    /// The model's pattern `model`, translated to `source`, for `fancy-regex`.
    ///
    /// # Panics
    ///
    /// If `source` does not compile: the generator checks that it does.
    #[cfg(feature = "lookaround-patterns")]
    pub fn lookaround(model: &'static str, source: &str) -> Self {
        let regex = fancy_regex::Regex::new(source)
            .unwrap_or_else(|e| panic!("pattern `{model}` does not compile in fancy-regex: {e}"));
        Pattern {
            model,
            engine: Engine::Lookaround(regex),
        }
    }

    /// Whether `value` has a match of the pattern (Smithy patterns are not anchored unless
    /// they say so). A value `fancy-regex` gives up on (its backtracking limit) counts as a
    /// match: the service checks it.
    pub fn is_match(&self, value: &str) -> bool {
        match &self.engine {
            Engine::Lite(regex) => regex.is_match(value),
            #[cfg(feature = "unicode-patterns")]
            Engine::Unicode(regex) => regex.is_match(value),
            #[cfg(feature = "lookaround-patterns")]
            Engine::Lookaround(regex) => regex.is_match(value).unwrap_or(true),
        }
    }

    /// The pattern as the model writes it.
    pub fn as_str(&self) -> &'static str {
        self.model
    }
}

impl std::fmt::Debug for Pattern {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("Pattern").field(&self.model).finish()
    }
}

/// Pushes a violation when `value` does not match `pattern`.
pub fn check_pattern(
    violations: &mut Vec<ConstraintViolation>,
    path: &str,
    value: &str,
    pattern: &Pattern,
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_value_that_does_not_match_is_a_violation_naming_the_model_pattern() {
        let pattern = Pattern::lite("^[a-z]+$", "^[a-z]+$");
        let mut violations = Vec::new();
        check_pattern(&mut violations, "name", "abc", &pattern);
        assert!(violations.is_empty());
        check_pattern(&mut violations, "name", "ab1", &pattern);
        assert_eq!(violations.len(), 1);
        assert!(
            violations[0].to_string().contains("`^[a-z]+$`"),
            "{}",
            violations[0]
        );
    }

    #[cfg(feature = "unicode-patterns")]
    #[test]
    fn unicode_classes() {
        let pattern = Pattern::unicode(r"^\p{L}+$", r"^\p{L}+$");
        assert!(pattern.is_match("Grüße"));
        assert!(!pattern.is_match("Grüße!"));
    }

    #[cfg(feature = "lookaround-patterns")]
    #[test]
    fn lookaround() {
        let pattern = Pattern::lookaround("^(?!aws:).*$", "^(?!aws:).*$");
        assert!(pattern.is_match("team:x"));
        assert!(!pattern.is_match("aws:x"));
    }
}
