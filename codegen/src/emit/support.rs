//! The generated crate's support modules, the same for every model: `primitives`, `error` and
//! the private `constraints` helpers.

use proc_macro2::TokenStream;
use quote::quote;

use super::context::{Context, doc_lines, ident};

/// `src/primitives.rs`.
pub fn emit_primitives() -> TokenStream {
    quote! {
        //! Value types the generated shapes use.

        /// A point in time, as the model's `timestamp` shapes hold it.
        pub use jiff::Timestamp;

        /// The raw value of an enum variant the model did not list when this crate was
        /// generated; every generated enum has an `Unknown` variant holding one.
        ///
        /// Only the crate makes these, so a known value never ends up in `Unknown`.
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct UnknownVariantValue(String);

        impl UnknownVariantValue {
            // Unused when the model has no enum.
            #[allow(dead_code)]
            pub(crate) fn new(value: &str) -> Self {
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
    }
}

/// `src/error.rs`.
pub fn emit_error_module() -> TokenStream {
    quote! {
        //! Errors of building, validating and parsing values, and the catch-all service error.

        use std::fmt;

        /// A builder was asked to build while a required member was not set.
        #[derive(Debug, Clone, PartialEq, Eq)]
        pub struct BuildError {
            shape: &'static str,
            member: &'static str,
            wire_name: &'static str,
        }

        impl BuildError {
            // Unused when no structure has a required member.
            #[allow(dead_code)]
            pub(crate) fn missing_member(
                shape: &'static str,
                member: &'static str,
                wire_name: &'static str,
            ) -> Self {
                Self { shape, member, wire_name }
            }

            /// The type that could not be built.
            pub fn shape(&self) -> &'static str {
                self.shape
            }

            /// The member that is missing, as its builder setter is named.
            pub fn member(&self) -> &'static str {
                self.member
            }

            /// The member that is missing, as the service names it.
            pub fn wire_name(&self) -> &'static str {
                self.wire_name
            }
        }

        impl fmt::Display for BuildError {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(
                    f,
                    "cannot build `{}`: the required member `{}` (`{}`) is not set",
                    self.shape, self.member, self.wire_name
                )
            }
        }

        impl std::error::Error for BuildError {}

        /// One violated constraint: where, and what.
        #[derive(Debug, Clone, PartialEq, Eq)]
        pub struct ConstraintViolation {
            path: String,
            message: String,
        }

        impl ConstraintViolation {
            pub(crate) fn new(path: &str, message: String) -> Self {
                Self { path: path.to_owned(), message }
            }

            /// The member's path, with the service's member names: `filter.names[2]`.
            pub fn path(&self) -> &str {
                &self.path
            }

            /// What is wrong: `length 0, less than the minimum 1`.
            pub fn message(&self) -> &str {
                &self.message
            }
        }

        impl fmt::Display for ConstraintViolation {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}: {}", self.path, self.message)
            }
        }

        /// Every length, range and pattern constraint an input violates.
        #[derive(Debug, Clone, PartialEq, Eq)]
        pub struct ValidationError {
            violations: Vec<ConstraintViolation>,
        }

        impl ValidationError {
            pub(crate) fn check(violations: Vec<ConstraintViolation>) -> Result<(), Self> {
                if violations.is_empty() {
                    Ok(())
                } else {
                    Err(Self { violations })
                }
            }

            /// The violations, in member order; never empty.
            pub fn violations(&self) -> &[ConstraintViolation] {
                &self.violations
            }
        }

        impl fmt::Display for ValidationError {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                let count = self.violations.len();
                write!(f, "{count} constraint violation{}", if count == 1 { "" } else { "s" })?;
                for (index, violation) in self.violations.iter().enumerate() {
                    f.write_str(if index == 0 { ": " } else { "; " })?;
                    violation.fmt(f)?;
                }
                Ok(())
            }
        }

        impl std::error::Error for ValidationError {}

        /// `try_parse` was given a value the enum does not list.
        #[derive(Debug, Clone, PartialEq, Eq)]
        pub struct UnknownEnumValueError {
            enum_name: &'static str,
            value: String,
        }

        impl UnknownEnumValueError {
            // Unused when the model has no enum.
            #[allow(dead_code)]
            pub(crate) fn new(enum_name: &'static str, value: &str) -> Self {
                Self { enum_name, value: value.to_owned() }
            }

            /// The enum's name.
            pub fn enum_name(&self) -> &'static str {
                self.enum_name
            }

            /// The value that is not listed.
            pub fn value(&self) -> &str {
                &self.value
            }
        }

        impl fmt::Display for UnknownEnumValueError {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{:?} is not a value of `{}`", self.value, self.enum_name)
            }
        }

        impl std::error::Error for UnknownEnumValueError {}

        /// A response that could not be read: not JSON, cut short, or a value of the wrong
        /// type. Carries the HTTP status and the start of the body.
        #[derive(Debug, Clone, PartialEq, Eq)]
        pub struct InvalidResponseError {
            status: u16,
            reason: String,
            excerpt: String,
        }

        impl InvalidResponseError {
            /// The longest body excerpt kept, in bytes.
            const EXCERPT_BYTES: usize = 200;

            pub(crate) fn new(status: u16, reason: String, body: &[u8]) -> Self {
                let cut = &body[..body.len().min(Self::EXCERPT_BYTES)];
                let mut excerpt = String::from_utf8_lossy(cut).into_owned();
                if body.len() > Self::EXCERPT_BYTES {
                    excerpt.push('…');
                }
                Self { status, reason, excerpt }
            }

            /// The HTTP status of the response.
            pub fn status(&self) -> u16 {
                self.status
            }

            /// Why the body could not be read, with the line and column where reading stopped.
            pub fn reason(&self) -> &str {
                &self.reason
            }

            /// The start of the body, at most 200 bytes, invalid UTF-8 replaced.
            pub fn excerpt(&self) -> &str {
                &self.excerpt
            }
        }

        impl fmt::Display for InvalidResponseError {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(
                    f,
                    "invalid response (HTTP {}): {}; the body starts {:?}",
                    self.status, self.reason, self.excerpt
                )
            }
        }

        impl std::error::Error for InvalidResponseError {}

        /// An error the model does not list for the operation: its code, message, HTTP status
        /// and request id, as far as the response had them.
        #[derive(Debug, Clone, PartialEq, Eq)]
        pub struct UnhandledError {
            code: Option<String>,
            message: Option<String>,
            status: u16,
            request_id: Option<String>,
        }

        impl UnhandledError {
            /// An error with this code, message, HTTP status and request id, as a response
            /// carried them; for tests of code that handles unlisted errors.
            pub fn new(
                code: Option<String>,
                message: Option<String>,
                status: u16,
                request_id: Option<String>,
            ) -> Self {
                Self { code, message, status, request_id }
            }

            /// The error code, when the response had one.
            pub fn code(&self) -> Option<&str> {
                self.code.as_deref()
            }

            /// The error message, when the response had one.
            pub fn message(&self) -> Option<&str> {
                self.message.as_deref()
            }

            /// The HTTP status of the response.
            pub fn status(&self) -> u16 {
                self.status
            }

            /// The request id the service gave the call.
            pub fn request_id(&self) -> Option<&str> {
                self.request_id.as_deref()
            }
        }

        impl fmt::Display for UnhandledError {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.code.as_deref().unwrap_or("unhandled error"))?;
                if let Some(message) = &self.message {
                    write!(f, ": {message}")?;
                }
                write!(f, " (HTTP {})", self.status)
            }
        }

        impl std::error::Error for UnhandledError {}
    }
}

/// `src/constraints.rs`: the checks `collect_violations` calls, and one compiled regular
/// expression per distinct pattern in the model.
pub fn emit_constraints_module(ctx: &Context<'_>) -> TokenStream {
    let patterns = ctx.symbols.patterns().map(|(pattern, name)| {
        let name = ident(name);
        let doc = doc_lines(&format!("The pattern {}.", super::context::code_span(pattern)));
        quote! {
            #doc
            pub(crate) static #name: LazyLock<Regex> = LazyLock::new(|| {
                Regex::new(#pattern).expect("the generator compiled this pattern with the same regex-lite")
            });
        }
    });
    let pattern_support = if ctx.symbols.patterns().next().is_some() {
        quote! {
            use std::sync::LazyLock;

            use regex_lite::Regex;

            #(#patterns)*

            pub(crate) fn check_pattern(
                violations: &mut Vec<ConstraintViolation>,
                path: &str,
                value: &str,
                pattern: &Regex,
            ) {
                if !pattern.is_match(value) {
                    violations.push(ConstraintViolation::new(
                        path,
                        format!("value {value:?} does not match the pattern `{}`", pattern.as_str()),
                    ));
                }
            }
        }
    } else {
        TokenStream::new()
    };
    quote! {
        //! The constraint checks of `validate()`.
        #![allow(dead_code)]

        use crate::error::ConstraintViolation;

        /// What a `length` constraint counts.
        #[derive(Clone, Copy)]
        pub(crate) enum Unit {
            Characters,
            Bytes,
            Items,
            Entries,
        }

        pub(crate) fn member_path(parent: &str, member: &str) -> String {
            if parent.is_empty() {
                member.to_owned()
            } else {
                format!("{parent}.{member}")
            }
        }

        pub(crate) fn index_path(parent: &str, index: usize) -> String {
            format!("{parent}[{index}]")
        }

        pub(crate) fn key_path(parent: &str, key: &str) -> String {
            format!("{parent}[{key:?}]")
        }

        pub(crate) fn check_length(
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
        pub(crate) fn check_range<T: PartialOrd + std::fmt::Display>(
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

        #pattern_support
    }
}
