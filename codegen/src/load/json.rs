//! Typed access to JSON values with errors that say where and what.

use serde_json::{Map, Number, Value};

use crate::error::{Error, Result};

/// Where in the model a value sits: the file and, when known, the shape and its member.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Place<'a> {
    pub file: &'a str,
    pub shape: Option<&'a str>,
    pub member: Option<&'a str>,
}

/// A list of strings, read at `place`; `what` names it in errors.
pub fn string_list(place: Place<'_>, value: &Value, what: &str) -> Result<Vec<String>> {
    place
        .array(value, what)?
        .iter()
        .map(|v| place.string(v, &format!("{what}[]")).map(str::to_owned))
        .collect()
}

impl<'a> Place<'a> {
    pub fn file(file: &'a str) -> Self {
        Self {
            file,
            shape: None,
            member: None,
        }
    }

    pub fn in_shape(self, shape: &'a str) -> Self {
        Self {
            shape: Some(shape),
            ..self
        }
    }

    pub fn in_member(self, member: &'a str) -> Self {
        Self {
            member: Some(member),
            ..self
        }
    }

    /// An error at this place.
    pub fn error(self, message: impl Into<String>) -> Error {
        let message = match self.member {
            Some(member) => format!("member `{member}`: {}", message.into()),
            None => message.into(),
        };
        match self.shape {
            Some(shape) => Error::shape(self.file, shape, message),
            None => Error::model(self.file, message),
        }
    }

    /// `what` is a key path (`metadata.apiVersion`), shown as code, or a description
    /// (`the shape`, ``member `id` ``), shown as it is.
    fn wrong_type(self, what: &str, expected: &str, found: &Value) -> Error {
        let what = if what.contains(' ') {
            what.to_owned()
        } else {
            format!("`{what}`")
        };
        self.error(format!(
            "{what} must be {expected}, found {}",
            describe(found)
        ))
    }

    pub fn object<'v>(self, value: &'v Value, what: &str) -> Result<&'v Map<String, Value>> {
        value
            .as_object()
            .ok_or_else(|| self.wrong_type(what, "an object", value))
    }

    pub fn array<'v>(self, value: &'v Value, what: &str) -> Result<&'v Vec<Value>> {
        value
            .as_array()
            .ok_or_else(|| self.wrong_type(what, "an array", value))
    }

    pub fn string<'v>(self, value: &'v Value, what: &str) -> Result<&'v str> {
        value
            .as_str()
            .ok_or_else(|| self.wrong_type(what, "a string", value))
    }

    pub fn bool(self, value: &Value, what: &str) -> Result<bool> {
        value
            .as_bool()
            .ok_or_else(|| self.wrong_type(what, "true or false", value))
    }

    pub fn number<'v>(self, value: &'v Value, what: &str) -> Result<&'v Number> {
        match value {
            Value::Number(n) => Ok(n),
            _ => Err(self.wrong_type(what, "a number", value)),
        }
    }

    pub fn unsigned(self, value: &Value, what: &str) -> Result<u64> {
        value
            .as_u64()
            .ok_or_else(|| self.wrong_type(what, "a whole number of at least 0", value))
    }

    /// The member `key` of `object`, which must be there.
    pub fn required<'v>(self, object: &'v Map<String, Value>, key: &str) -> Result<&'v Value> {
        object
            .get(key)
            .ok_or_else(|| self.error(format!("`{key}` is missing")))
    }

    pub fn optional_string<'v>(
        self,
        object: &'v Map<String, Value>,
        key: &str,
    ) -> Result<Option<&'v str>> {
        object.get(key).map(|v| self.string(v, key)).transpose()
    }

    pub fn optional_bool(self, object: &Map<String, Value>, key: &str) -> Result<bool> {
        Ok(object
            .get(key)
            .map(|v| self.bool(v, key))
            .transpose()?
            .unwrap_or(false))
    }
}

/// A short description of a JSON value's type and, for scalars, its value.
pub(crate) fn describe(value: &Value) -> String {
    match value {
        Value::Null => "null".to_owned(),
        Value::Bool(b) => format!("the boolean {b}"),
        Value::Number(n) => format!("the number {n}"),
        Value::String(s) if s.chars().count() <= 40 => format!("the string {s:?}"),
        Value::String(_) => "a string".to_owned(),
        Value::Array(_) => "an array".to_owned(),
        Value::Object(_) => "an object".to_owned(),
    }
}

/// Parses `text` as JSON, or says where it stops being JSON.
pub(crate) fn parse(file: &str, text: &str) -> Result<Value> {
    serde_json::from_str(text).map_err(|e| Error::model(file, format!("not valid JSON: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrong_type_names_member_expected_and_found() {
        let place = Place::file("m.json").in_shape("ns#S");
        let error = place.string(&Value::from(3), "documentation").unwrap_err();
        assert_eq!(
            error.to_string(),
            "m.json: shape `ns#S`: `documentation` must be a string, found the number 3"
        );
    }

    #[test]
    fn errors_in_a_member_name_it() {
        let place = Place::file("m.json").in_shape("ns#S").in_member("id");
        let error = place.string(&Value::from(3), "documentation").unwrap_err();
        assert_eq!(
            error.to_string(),
            "m.json: shape `ns#S`: member `id`: `documentation` must be a string, found the number 3"
        );
    }

    #[test]
    fn descriptions_are_not_shown_as_code() {
        let place = Place::file("m.json").in_shape("ns#S");
        let error = place.object(&Value::from(3), "the shape").unwrap_err();
        assert_eq!(
            error.to_string(),
            "m.json: shape `ns#S`: the shape must be an object, found the number 3"
        );
    }

    #[test]
    fn parse_reports_line_and_column() {
        let error = parse("m.json", "{\n  \"a\": }").unwrap_err();
        assert!(
            error
                .to_string()
                .starts_with("m.json: not valid JSON: expected value at line 2"),
            "{error}"
        );
    }
}
