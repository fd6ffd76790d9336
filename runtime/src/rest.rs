//! HTTP bindings of the REST protocols: members written to and read from the URI path, the
//! query string and headers (restJson1's `httpLabel`, `httpQuery`, `httpQueryParams`,
//! `httpHeader`, `httpPrefixHeaders`; botocore's `location`).
//!
//! Generated `serialize_request` functions build the path and the query with
//! [`push_label`] and [`Query`], and set headers with [`set_header`]; generated
//! `parse_response` functions read headers with [`header`], [`split_list`] and [`parse`].
//! Values become text with [`Text`] (strings, numbers, booleans), [`timestamp_text`] and
//! [`header_list`].
//!
//! Everything here is support for generated code; applications use the generated types.

use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt::Write as _;

use base64::Engine as _;
use http::header::{HeaderName, HeaderValue};

use crate::error::SerializeError;
use crate::primitives::Timestamp;

/// How a timestamp is written as text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimestampFormat {
    /// Seconds since the Unix epoch, with a fraction when the milliseconds are not zero
    /// (`1576540098`, `1576540098.5`).
    EpochSeconds,
    /// RFC 3339 in UTC (`2019-12-16T23:48:18Z`).
    DateTime,
    /// An HTTP date, RFC 9110's IMF-fixdate (`Mon, 16 Dec 2019 23:48:18 GMT`).
    HttpDate,
}

/// `value` as text in `format`, to the millisecond.
pub fn timestamp_text(value: &Timestamp, format: TimestampFormat) -> String {
    let millis = value.as_millisecond();
    match format {
        TimestampFormat::EpochSeconds => {
            let seconds = millis.div_euclid(1000);
            let fraction = millis.rem_euclid(1000);
            if fraction == 0 {
                seconds.to_string()
            } else {
                let text = format!("{seconds}.{fraction:03}");
                text.trim_end_matches('0').to_owned()
            }
        }
        TimestampFormat::DateTime => crate::primitives::whole_milliseconds(value).to_string(),
        TimestampFormat::HttpDate => jiff::fmt::rfc2822::DateTimePrinter::new()
            .timestamp_to_rfc9110_string(value)
            // Only years outside 0000–9999 have no HTTP date; write those as date-times.
            .unwrap_or_else(|_| value.to_string()),
    }
}

/// Reads a timestamp written in `format`.
///
/// # Errors
///
/// The text is not a timestamp in that format.
pub fn parse_timestamp(text: &str, format: TimestampFormat) -> Result<Timestamp, String> {
    let parsed = match format {
        TimestampFormat::EpochSeconds => text.parse::<f64>().ok().and_then(|seconds| {
            // Milliseconds, rounded half away from zero.
            let millis = (seconds * 1000.0).round();
            #[allow(clippy::cast_possible_truncation)]
            let millis = millis as i64;
            (seconds.is_finite()).then(|| crate::primitives::from_milliseconds(millis))?
        }),
        TimestampFormat::DateTime => text.parse::<Timestamp>().ok(),
        TimestampFormat::HttpDate => jiff::fmt::rfc2822::DateTimeParser::new()
            .parse_timestamp(text)
            .ok(),
    };
    parsed.ok_or_else(|| {
        let expected = match format {
            TimestampFormat::EpochSeconds => "epoch seconds",
            TimestampFormat::DateTime => "an RFC 3339 date-time",
            TimestampFormat::HttpDate => "an HTTP date",
        };
        format!("{text:?} is not a timestamp ({expected})")
    })
}

/// A value written as text in a label, a query parameter or a header.
pub trait Text {
    /// The text.
    fn text(&self) -> Cow<'_, str>;
}

impl Text for str {
    fn text(&self) -> Cow<'_, str> {
        Cow::Borrowed(self)
    }
}

impl Text for String {
    fn text(&self) -> Cow<'_, str> {
        Cow::Borrowed(self)
    }
}

impl Text for bool {
    fn text(&self) -> Cow<'_, str> {
        Cow::Borrowed(if *self { "true" } else { "false" })
    }
}

macro_rules! integer_text {
    ($($ty:ty),*) => {
        $(impl Text for $ty {
            fn text(&self) -> Cow<'_, str> {
                Cow::Owned(self.to_string())
            }
        })*
    };
}

integer_text!(i8, i16, i32, i64);

macro_rules! float_text {
    ($($ty:ty),*) => {
        $(impl Text for $ty {
            fn text(&self) -> Cow<'_, str> {
                if self.is_nan() {
                    Cow::Borrowed("NaN")
                } else if self.is_infinite() {
                    Cow::Borrowed(if *self > 0.0 { "Infinity" } else { "-Infinity" })
                } else {
                    Cow::Owned(self.to_string())
                }
            }
        })*
    };
}

float_text!(f32, f64);

/// `value` base64-encoded: a string with a `mediaType` in a header, or a blob.
pub fn base64_text(value: impl AsRef<[u8]>) -> String {
    base64::engine::general_purpose::STANDARD.encode(value)
}

/// Percent-encodes `value` onto `out`: every byte but RFC 3986's unreserved characters
/// (`A–Z a–z 0–9 - . _ ~`), and, with `keep_slash`, `/`.
fn percent_encode(out: &mut String, value: &str, keep_slash: bool) {
    for &byte in value.as_bytes() {
        if byte.is_ascii_alphanumeric()
            || matches!(byte, b'-' | b'.' | b'_' | b'~')
            || (keep_slash && byte == b'/')
        {
            out.push(char::from(byte));
        } else {
            let _ = write!(out, "%{byte:02X}");
        }
    }
}

/// Appends the URI label `name`'s `value` to `path`, percent-encoded; a greedy label keeps its
/// `/`s.
///
/// # Errors
///
/// The value is empty (a URI cannot carry an empty label), or a greedy label's value has an
/// empty segment.
pub fn push_label(
    path: &mut String,
    name: &'static str,
    value: &str,
    greedy: bool,
) -> Result<(), SerializeError> {
    if value.is_empty() {
        return Err(SerializeError::new(
            name,
            "is empty; it is a label of the request URI",
        ));
    }
    if greedy && value.trim_start_matches('/').split('/').any(str::is_empty) {
        return Err(SerializeError::new(
            name,
            format!("{value:?} has an empty path segment; it is a greedy label of the request URI"),
        ));
    }
    let value = if greedy {
        value.strip_prefix('/').unwrap_or(value)
    } else {
        value
    };
    percent_encode(path, value, greedy);
    Ok(())
}

/// The error of a URI label the input leaves unset.
pub fn missing_label(name: &'static str) -> SerializeError {
    SerializeError::new(name, "is not set; it is a label of the request URI")
}

/// A query string being built: `name=value` pairs joined by `&`, percent-encoded.
#[derive(Debug, Default, Clone)]
pub struct Query {
    text: String,
}

impl Query {
    /// The query of the URI pattern's literal part (`foo=bar&hello`), as the model writes it.
    pub fn new(literal: &str) -> Self {
        Self {
            text: literal.to_owned(),
        }
    }

    /// Appends `name=value`.
    pub fn push(&mut self, name: &str, value: &str) {
        if !self.text.is_empty() {
            self.text.push('&');
        }
        percent_encode(&mut self.text, name, false);
        self.text.push('=');
        percent_encode(&mut self.text, value, false);
    }

    /// Appends the entries of a `httpQueryParams` map (of strings, or of lists of strings)
    /// whose names are not in `bound` — the query names of members and of the URI pattern,
    /// which take precedence —, in name order.
    pub fn push_params<V: QueryValues>(&mut self, map: &HashMap<String, V>, bound: &[&str]) {
        self.push_entries(map.iter().map(|(k, v)| (k, v as &dyn QueryValues)), bound);
    }

    fn push_entries<'a>(
        &mut self,
        entries: impl Iterator<Item = (&'a String, &'a dyn QueryValues)>,
        bound: &[&str],
    ) {
        let mut entries: Vec<_> = entries
            .filter(|(name, _)| !bound.contains(&name.as_str()))
            .collect();
        entries.sort_by(|a, b| a.0.cmp(b.0));
        for (name, values) in entries {
            values.each(&mut |value| self.push(name, value));
        }
    }

    /// `path`, then `?` and the query when it is not empty.
    pub fn finish(self, mut path: String) -> String {
        if !self.text.is_empty() {
            path.push('?');
            path.push_str(&self.text);
        }
        path
    }
}

/// The value of a `httpQueryParams` map entry: one string, or a list sent as repeated names.
pub trait QueryValues {
    /// Calls `f` with each value.
    fn each(&self, f: &mut dyn FnMut(&str));
}

impl QueryValues for String {
    fn each(&self, f: &mut dyn FnMut(&str)) {
        f(self);
    }
}

impl QueryValues for Vec<String> {
    fn each(&self, f: &mut dyn FnMut(&str)) {
        for value in self {
            f(value);
        }
    }
}

/// A header list: items joined by `, `; with `quote`, an item holding a comma or a double
/// quote is put in double quotes, its quotes and backslashes escaped (strings and enums; an
/// HTTP date's comma is part of the format and is not quoted).
pub fn header_list<'a>(items: impl IntoIterator<Item = Cow<'a, str>>, quote: bool) -> String {
    let mut out = String::new();
    for (index, item) in items.into_iter().enumerate() {
        if index > 0 {
            out.push_str(", ");
        }
        if quote && (item.contains(',') || item.contains('"')) {
            out.push('"');
            for c in item.chars() {
                if c == '"' || c == '\\' {
                    out.push('\\');
                }
                out.push(c);
            }
            out.push('"');
        } else {
            out.push_str(&item);
        }
    }
    out
}

/// Sets the header `name` to `value` on `request`.
///
/// # Errors
///
/// `value` cannot be a header value (a control character, say) or `name` a header name; the
/// error names `member`.
pub fn set_header<B>(
    request: &mut http::Request<B>,
    member: &'static str,
    name: &str,
    value: &str,
) -> Result<(), SerializeError> {
    let name = HeaderName::from_bytes(name.as_bytes()).map_err(|_| {
        SerializeError::new(member, format!("{name:?} is not a valid HTTP header name"))
    })?;
    let value = HeaderValue::from_str(value).map_err(|_| {
        SerializeError::new(
            member,
            format!("{value:?} cannot be sent in the HTTP header `{name}`"),
        )
    })?;
    request.headers_mut().insert(name, value);
    Ok(())
}

/// Sets the entries of a `httpPrefixHeaders` map on `request`, each named `prefix` and its
/// key, in key order.
///
/// # Errors
///
/// As [`set_header`].
pub fn set_prefix_headers<B>(
    request: &mut http::Request<B>,
    member: &'static str,
    prefix: &str,
    map: &HashMap<String, String>,
) -> Result<(), SerializeError> {
    let mut entries: Vec<_> = map.iter().collect();
    entries.sort();
    for (key, value) in entries {
        set_header(request, member, &format!("{prefix}{key}"), value)?;
    }
    Ok(())
}

/// Sets `Content-Type` to `value` unless a member set it already.
pub fn default_content_type<B>(request: &mut http::Request<B>, value: &'static str) {
    request
        .headers_mut()
        .entry(http::header::CONTENT_TYPE)
        .or_insert(HeaderValue::from_static(value));
}

/// The text of the response header `name`, if the response has it.
///
/// # Errors
///
/// The value is not UTF-8.
pub fn header<'a>(headers: &'a http::HeaderMap, name: &str) -> Result<Option<&'a str>, String> {
    headers
        .get(name)
        .map(|value| {
            std::str::from_utf8(value.as_bytes())
                .map_err(|_| format!("the header `{name}` is not UTF-8"))
        })
        .transpose()
}

/// The response headers whose names start with `prefix` (case-insensitively), by the rest of
/// their names; `None` when there are none.
///
/// # Errors
///
/// A value is not UTF-8.
pub fn prefix_headers(
    headers: &http::HeaderMap,
    prefix: &str,
) -> Result<Option<HashMap<String, String>>, String> {
    let prefix = prefix.to_ascii_lowercase();
    let mut found = HashMap::new();
    for (name, value) in headers {
        if let Some(key) = name.as_str().strip_prefix(&prefix) {
            let value = std::str::from_utf8(value.as_bytes())
                .map_err(|_| format!("the header `{name}` is not UTF-8"))?;
            found.insert(key.to_owned(), value.to_owned());
        }
    }
    Ok((!found.is_empty()).then_some(found))
}

/// The items of a header list: split at commas outside double quotes, trimmed, quoted items
/// unquoted and unescaped.
///
/// # Errors
///
/// A quoted item is not closed, or text follows its closing quote.
pub fn split_list(text: &str) -> Result<Vec<String>, String> {
    let mut items = Vec::new();
    let mut rest = text.trim_start();
    if rest.is_empty() {
        return Ok(items);
    }
    loop {
        let item;
        if let Some(quoted) = rest.strip_prefix('"') {
            let mut value = String::new();
            let mut chars = quoted.char_indices();
            let mut end = None;
            while let Some((index, c)) = chars.next() {
                match c {
                    '\\' => match chars.next() {
                        Some((_, escaped)) => value.push(escaped),
                        None => break,
                    },
                    '"' => {
                        end = Some(index + 1);
                        break;
                    }
                    other => value.push(other),
                }
            }
            let end = end.ok_or_else(|| format!("{text:?} has an unclosed quoted item"))?;
            rest = quoted[end..].trim_start();
            item = value;
            match rest.strip_prefix(',') {
                Some(after) => rest = after.trim_start(),
                None if rest.is_empty() => {
                    items.push(item);
                    return Ok(items);
                }
                None => return Err(format!("{text:?} has text after a quoted item")),
            }
            items.push(item);
        } else {
            match rest.split_once(',') {
                Some((head, tail)) => {
                    items.push(head.trim().to_owned());
                    rest = tail.trim_start();
                }
                None => {
                    items.push(rest.trim().to_owned());
                    return Ok(items);
                }
            }
        }
    }
}

/// The HTTP dates of a header list: each date has a comma of its own (`Mon, 16 Dec 2019
/// 23:48:18 GMT, Tue, …`), so the list splits at every second comma.
pub fn split_http_dates(text: &str) -> Vec<String> {
    let mut items = Vec::new();
    let mut start = 0;
    let mut commas = 0;
    for (index, c) in text.char_indices() {
        if c == ',' {
            commas += 1;
            if commas % 2 == 0 {
                items.push(text[start..index].trim().to_owned());
                start = index + 1;
            }
        }
    }
    let last = text[start..].trim();
    if !last.is_empty() {
        items.push(last.to_owned());
    }
    items
}

/// A value read from its text in a header.
pub trait Parse: Sized {
    /// Reads `text`.
    ///
    /// # Errors
    ///
    /// The text does not hold such a value.
    fn parse(text: &str) -> Result<Self, String>;
}

impl Parse for bool {
    fn parse(text: &str) -> Result<Self, String> {
        match text.trim() {
            "true" => Ok(true),
            "false" => Ok(false),
            _ => Err(format!("{text:?} is not a boolean")),
        }
    }
}

macro_rules! integer_parse {
    ($($ty:ty),*) => {
        $(impl Parse for $ty {
            fn parse(text: &str) -> Result<Self, String> {
                text.trim()
                    .parse()
                    .map_err(|_| format!("{text:?} is not an integer of type {}", stringify!($ty)))
            }
        })*
    };
}

integer_parse!(i8, i16, i32, i64);

macro_rules! float_parse {
    ($($ty:ty),*) => {
        $(impl Parse for $ty {
            fn parse(text: &str) -> Result<Self, String> {
                match text.trim() {
                    "NaN" => Ok(<$ty>::NAN),
                    "Infinity" => Ok(<$ty>::INFINITY),
                    "-Infinity" => Ok(<$ty>::NEG_INFINITY),
                    other => other
                        .parse()
                        .map_err(|_| format!("{text:?} is not a number")),
                }
            }
        })*
    };
}

float_parse!(f32, f64);

/// Reads a `T` from a header's text.
///
/// # Errors
///
/// As [`Parse::parse`].
pub fn parse<T: Parse>(text: &str) -> Result<T, String> {
    T::parse(text)
}

/// Decodes a base64 header value (a string with a `mediaType`) into text.
///
/// # Errors
///
/// The value is not base64, or does not decode to UTF-8.
pub fn parse_base64_text(text: &str) -> Result<String, String> {
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(text.trim())
        .map_err(|_| format!("{text:?} is not base64"))?;
    String::from_utf8(bytes).map_err(|_| format!("{text:?} does not decode to UTF-8 text"))
}

/// Decodes a base64 header value into bytes.
///
/// # Errors
///
/// The value is not base64.
pub fn parse_base64(text: &str) -> Result<Vec<u8>, String> {
    base64::engine::general_purpose::STANDARD
        .decode(text.trim())
        .map_err(|_| format!("{text:?} is not base64"))
}

/// A response whose HTTP bindings could not be read: the reason, as an
/// [`InvalidResponseError`](crate::error::InvalidResponseError).
pub fn invalid(status: u16, reason: String, body: &[u8]) -> crate::error::InvalidResponseError {
    crate::error::InvalidResponseError::new(status, reason, body)
}

/// A raw text body: the payload of a string member.
///
/// # Errors
///
/// The body is not UTF-8.
pub fn text_body(status: u16, body: &[u8]) -> Result<String, crate::error::InvalidResponseError> {
    String::from_utf8(body.to_vec())
        .map_err(|_| invalid(status, "the body is not UTF-8 text".to_owned(), body))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ts(seconds: i64, millis: i64) -> Timestamp {
        Timestamp::from_millisecond(seconds * 1000 + millis).unwrap()
    }

    #[test]
    fn timestamps_have_the_three_text_forms() {
        let t = ts(1_576_540_098, 0);
        assert_eq!(
            timestamp_text(&t, TimestampFormat::EpochSeconds),
            "1576540098"
        );
        assert_eq!(
            timestamp_text(&ts(1_576_540_098, 500), TimestampFormat::EpochSeconds),
            "1576540098.5"
        );
        assert_eq!(
            timestamp_text(&ts(-1, 250), TimestampFormat::EpochSeconds),
            "-1.25"
        );
        assert_eq!(
            timestamp_text(&t, TimestampFormat::DateTime),
            "2019-12-16T23:48:18Z"
        );
        assert_eq!(
            timestamp_text(&t, TimestampFormat::HttpDate),
            "Mon, 16 Dec 2019 23:48:18 GMT"
        );
        for format in [
            TimestampFormat::EpochSeconds,
            TimestampFormat::DateTime,
            TimestampFormat::HttpDate,
        ] {
            let text = timestamp_text(&t, format);
            assert_eq!(parse_timestamp(&text, format).unwrap(), t, "{format:?}");
        }
        assert!(
            parse_timestamp("yesterday", TimestampFormat::HttpDate)
                .unwrap_err()
                .contains("HTTP date")
        );
    }

    #[test]
    fn labels_are_percent_encoded_and_greedy_ones_keep_slashes() {
        let mut path = String::from("/x/");
        push_label(&mut path, "a", " %:/?#[]@!$&'()*+,;=😹", false).unwrap();
        assert_eq!(
            path,
            "/x/%20%25%3A%2F%3F%23%5B%5D%40%21%24%26%27%28%29%2A%2B%2C%3B%3D%F0%9F%98%B9"
        );
        let mut path = String::from("/");
        push_label(&mut path, "key", "there/guy", true).unwrap();
        assert_eq!(path, "/there/guy");
        let error = push_label(&mut path, "key", "", false).unwrap_err();
        assert_eq!(error.member(), "key");
        assert!(push_label(&mut path, "key", "a//b", true).is_err());
    }

    #[test]
    fn queries_keep_the_pattern_and_let_members_win_over_maps() {
        let mut query = Query::new("foo=bar&hello");
        query.push("String", "Hello there");
        let mut map = HashMap::new();
        map.insert("String".to_owned(), vec!["ignored".to_owned()]);
        map.insert("b".to_owned(), vec!["1".to_owned(), "2".to_owned()]);
        map.insert("a".to_owned(), vec![]);
        query.push_params(&map, &["String"]);
        assert_eq!(
            query.finish("/p".to_owned()),
            "/p?foo=bar&hello&String=Hello%20there&b=1&b=2"
        );
        assert_eq!(Query::default().finish("/p".to_owned()), "/p");
    }

    #[test]
    fn header_lists_quote_and_split() {
        let items = ["b,c", "\"def\"", "a"].map(Cow::Borrowed);
        let text = header_list(items, true);
        assert_eq!(text, r#""b,c", "\"def\"", a"#);
        assert_eq!(split_list(&text).unwrap(), ["b,c", "\"def\"", "a"]);
        assert_eq!(split_list("a, b,c").unwrap(), ["a", "b", "c"]);
        assert_eq!(split_list("").unwrap(), Vec::<String>::new());
        assert!(split_list("\"open").is_err());
        assert_eq!(
            split_http_dates("Mon, 16 Dec 2019 23:48:18 GMT, Mon, 16 Dec 2019 23:48:18 GMT"),
            [
                "Mon, 16 Dec 2019 23:48:18 GMT",
                "Mon, 16 Dec 2019 23:48:18 GMT"
            ]
        );
    }

    #[test]
    fn scalars_read_and_write_as_text() {
        assert_eq!(f64::NAN.text(), "NaN");
        assert_eq!(f32::NEG_INFINITY.text(), "-Infinity");
        assert_eq!(1.1f32.text(), "1.1");
        assert_eq!(true.text(), "true");
        assert!(parse::<f64>("NaN").unwrap().is_nan());
        assert_eq!(parse::<i8>("1").unwrap(), 1);
        assert!(parse::<i8>("300").is_err());
        assert!(parse::<bool>("yes").is_err());
        assert_eq!(parse_base64_text("dHJ1ZQ==").unwrap(), "true");
        assert_eq!(base64_text("true"), "dHJ1ZQ==");
    }

    #[test]
    fn headers_that_cannot_be_sent_name_their_member() {
        let mut request = http::Request::new(());
        let error = set_header(&mut request, "member", "X-A", "a\nb").unwrap_err();
        assert_eq!(error.member(), "member");
        default_content_type(&mut request, "application/json");
        set_header(&mut request, "m", "Content-Type", "text/plain").unwrap();
        default_content_type(&mut request, "application/json");
        assert_eq!(request.headers()["content-type"], "text/plain");
    }
}
