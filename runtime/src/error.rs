//! Errors of building, validating, serializing and parsing values, and the catch-all service
//! error, shared by every generated crate.
use std::fmt;
/// A builder was asked to build while a required member was not set.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BuildError {
    shape: &'static str,
    member: &'static str,
    wire_name: &'static str,
}
impl BuildError {
    #[doc(hidden)]
    pub fn missing_member(
        shape: &'static str,
        member: &'static str,
        wire_name: &'static str,
    ) -> Self {
        Self {
            shape,
            member,
            wire_name,
        }
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
    #[doc(hidden)]
    pub fn new(path: &str, message: String) -> Self {
        Self {
            path: path.to_owned(),
            message,
        }
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
    #[doc(hidden)]
    pub fn check(violations: Vec<ConstraintViolation>) -> Result<(), Self> {
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
        write!(
            f,
            "{count} constraint violation{}",
            if count == 1 { "" } else { "s" }
        )?;
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
    #[doc(hidden)]
    pub fn new(enum_name: &'static str, value: &str) -> Self {
        Self {
            enum_name,
            value: value.to_owned(),
        }
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
    #[doc(hidden)]
    pub fn new(status: u16, reason: String, body: &[u8]) -> Self {
        let cut = &body[..body.len().min(Self::EXCERPT_BYTES)];
        let mut excerpt = String::from_utf8_lossy(cut).into_owned();
        if body.len() > Self::EXCERPT_BYTES {
            excerpt.push('…');
        }
        Self {
            status,
            reason,
            excerpt,
        }
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
        Self {
            code,
            message,
            status,
            request_id,
        }
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

/// An input that cannot be made into a request: a member bound to the URI is missing or
/// empty, or a value cannot be written where the protocol puts it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SerializeError {
    member: &'static str,
    reason: String,
}

impl SerializeError {
    #[doc(hidden)]
    pub fn new(member: &'static str, reason: impl Into<String>) -> Self {
        Self {
            member,
            reason: reason.into(),
        }
    }

    /// The member, as the service names it.
    pub fn member(&self) -> &'static str {
        self.member
    }

    /// What is wrong with it.
    pub fn reason(&self) -> &str {
        &self.reason
    }
}

impl fmt::Display for SerializeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "cannot make the request: `{}` {}",
            self.member, self.reason
        )
    }
}

impl std::error::Error for SerializeError {}

/// An error code as services send it, cleaned: `aws.protocoltests#InvalidInput:http://internal.amazon.com/`
/// becomes `InvalidInput`. What follows the first `:` goes, then what precedes the last `#`.
///
/// The one place the rule lives: responses and the retry classification both use it.
pub fn sanitize_error_code(code: &str) -> &str {
    let code = code.split_once(':').map_or(code, |(name, _)| name);
    code.rsplit_once('#').map_or(code, |(_, name)| name).trim()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_codes_lose_their_namespace_and_uri() {
        for (sent, code) in [
            ("FooError", "FooError"),
            (
                "FooError:http://internal.amazon.com/coral/com.amazon.coral.validate/",
                "FooError",
            ),
            ("aws.protocoltests.restjson#FooError", "FooError"),
            (
                "aws.protocoltests.restjson#FooError:http://internal.amazon.com/coral/com.amazon.coral.validate/",
                "FooError",
            ),
            (" FooError ", "FooError"),
        ] {
            assert_eq!(sanitize_error_code(sent), code, "{sent}");
        }
    }

    #[test]
    fn serialize_errors_name_the_member() {
        let error = SerializeError::new("Bucket", "is empty; the URI needs it");
        assert_eq!(
            error.to_string(),
            "cannot make the request: `Bucket` is empty; the URI needs it"
        );
    }
}
