//! JSON values → Rust expressions that build them with the generated crate's builders, typed by
//! the model: the model's examples (`examples.rs`) and Smithy's protocol tests
//! (`protocol_tests.rs`) both write their values as JSON.
//!
//! Values are read as the model's shapes say: strings, numbers (`"NaN"`, `"Infinity"` and
//! `"-Infinity"` for floats), booleans, timestamps as epoch seconds (a number or its text, at
//! most millisecond precision), blobs as their raw text, lists, maps, structures and unions by
//! member name. A value the shapes cannot hold is a [`ValueError`] naming its path.

use std::fmt;

use proc_macro2::{Literal, TokenStream};
use quote::quote;
use serde_json::{Map, Number, Value};

use super::context::{Context, Imports, ident};
use crate::model::{DefaultValue, Member, ShapeId, ShapeKind};
use crate::symbols::{MemberSymbol, is_sparse};

/// Which side of the call a value is on: it decides what a missing member means.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Side {
    /// A missing required member cannot be built; a missing member with a default is sent
    /// with the default.
    Input,
    /// A missing required (or defaulted) member reads as its zero value.
    Output,
}

impl Side {
    /// `input` or `output`, the root of the paths in messages.
    pub fn name(self) -> &'static str {
        match self {
            Side::Input => "input",
            Side::Output => "output",
        }
    }
}

/// Where a value goes, which decides how exactly it must be typed.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Position {
    /// An argument to a setter taking `impl Into<T>`: `"text"` will do for a `String`.
    Argument,
    /// A value of the type itself, inside `vec![…]` or a map.
    Exact,
}

/// A map's entries sorted by key, so the order the JSON writes them in never shows.
pub fn sorted_entries(map: &Map<String, Value>) -> Vec<(&String, &Value)> {
    let mut entries: Vec<_> = map.iter().collect();
    entries.sort_by_key(|(key, _)| *key);
    entries
}

/// `None` for a missing or `null` value.
pub fn present(value: Option<&Value>) -> Option<&Value> {
    value.filter(|v| !v.is_null())
}

/// A member of a structure, its symbol, and its value in the JSON (`None` when not set).
pub type SetMember<'m, 'j> = (&'m Member, &'m MemberSymbol, Option<&'j Value>);

/// The members of a structure the JSON sets, in model order with their symbols; a member the
/// structure does not have is an error. `null` counts as not set.
pub fn set_members<'m, 'j>(
    members: &'m [Member],
    symbols: &'m [MemberSymbol],
    object: &'j Map<String, Value>,
    path: &str,
    shape: &ShapeId,
) -> Result<Vec<SetMember<'m, 'j>>, ValueError> {
    if let Some(unknown) = object
        .keys()
        .filter(|key| !members.iter().any(|m| &m.name == *key))
        .min()
    {
        return Err(ValueError::new(
            path,
            format!("`{}` has no member `{unknown}`", shape.name()),
        ));
    }
    Ok(members
        .iter()
        .zip(symbols)
        .map(|(member, symbol)| (member, symbol, present(object.get(&member.name))))
        .collect())
}

/// Turns JSON values into Rust expressions that build them with the generated crate's
/// builders, typed by the model.
pub struct Values<'c, 'a> {
    /// The model and its symbols.
    pub ctx: &'c Context<'a>,
    /// The generated crate's library name, which the expressions reach its types by.
    pub lib: &'c str,
    /// The imports of the file the expressions go into.
    pub imports: &'c mut Imports,
    /// Which side of the call the value is on.
    pub side: Side,
    /// What an output member the JSON omits is expected to hold.
    pub omitted: Omitted,
    /// What the values come from, for the messages of the expressions' `expect`s
    /// (`example`: "the example's time is in range").
    pub source: &'c str,
    /// The paths of the output members the JSON omits that the expected value fills in.
    pub filled: &'c mut Vec<String>,
    /// Timestamps may also be ISO-8601 text (see [`example_timestamp_millis`]), as in the
    /// model's examples; otherwise only epoch seconds.
    pub iso8601: bool,
}

/// What an output member the JSON omits is expected to hold (an omitted input member is left
/// unset, for the builder to fill in or refuse).
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Omitted {
    /// A required or defaulted member holds its zero value, which is what the crate reads for
    /// a missing member: the model's examples are checked against the crate's own rule.
    Zero,
    /// A defaulted member holds its default, a required one its zero value (Smithy's error
    /// correction): what Smithy's protocol tests expect.
    DefaultElseZero,
}

/// A value the model's shapes cannot hold, at `path` (`output.widget.size`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValueError {
    /// Where in the value.
    pub path: String,
    /// What is wrong.
    pub problem: String,
}

impl ValueError {
    fn new(path: &str, problem: impl Into<String>) -> Self {
        Self {
            path: path.to_owned(),
            problem: problem.into(),
        }
    }
}

impl fmt::Display for ValueError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "`{}`: {}", self.path, self.problem)
    }
}

impl Values<'_, '_> {
    /// The generated type of `id`, imported from the crate.
    fn type_name(&mut self, id: &ShapeId) -> TokenStream {
        let symbol = self.ctx.symbols.type_of(id);
        let mut path = vec![self.lib.to_owned()];
        path.extend(symbol.home.public_path());
        path.push(symbol.name.clone());
        let path: Vec<&str> = path.iter().map(String::as_str).collect();
        self.imports.item(&path)
    }

    /// The expression for `json` as a value of the shape `id` (whose path is `path`).
    pub fn build(
        &mut self,
        id: &ShapeId,
        json: &Value,
        path: &str,
    ) -> Result<TokenStream, ValueError> {
        self.value(id, json, path, Position::Exact)
    }

    /// The expression for `json` as a value of the shape `id`, at `path`.
    fn value(
        &mut self,
        id: &ShapeId,
        json: &Value,
        path: &str,
        position: Position,
    ) -> Result<TokenStream, ValueError> {
        let shape = self.ctx.shape(id);
        let mismatch = |expected: &str| {
            ValueError::new(
                path,
                format!("expected {expected} for `{}`, found {json}", id.name()),
            )
        };
        match &shape.kind {
            ShapeKind::String => {
                let text = json.as_str().ok_or_else(|| mismatch("a string"))?;
                Ok(match position {
                    Position::Argument => quote!(#text),
                    Position::Exact => quote!(#text.to_owned()),
                })
            }
            ShapeKind::Enum(_) => {
                let text = json.as_str().ok_or_else(|| mismatch("a string"))?;
                let ty = self.type_name(id);
                Ok(quote!(#ty::from(#text)))
            }
            ShapeKind::Boolean => {
                let b = json.as_bool().ok_or_else(|| mismatch("a boolean"))?;
                Ok(quote!(#b))
            }
            ShapeKind::Byte
            | ShapeKind::Short
            | ShapeKind::Integer
            | ShapeKind::IntEnum(_)
            | ShapeKind::Long => {
                let n = json.as_i64().ok_or_else(|| mismatch("an integer"))?;
                integer_literal(&shape.kind, n).ok_or_else(|| mismatch("a smaller integer"))
            }
            ShapeKind::Float | ShapeKind::Double => {
                float_expr(&shape.kind, json).ok_or_else(|| mismatch("a number"))
            }
            ShapeKind::Timestamp if self.iso8601 => {
                let millis = example_timestamp_millis(json).ok_or_else(|| {
                    mismatch(
                        "epoch seconds with at most 3 decimals, or an ISO-8601 date-time with \
                         a UTC offset, exact to the millisecond",
                    )
                })?;
                Ok(self.timestamp(millis))
            }
            ShapeKind::Timestamp => {
                let millis = timestamp_millis(json)
                    .ok_or_else(|| mismatch("epoch seconds with at most 3 decimals"))?;
                Ok(self.timestamp(millis))
            }
            ShapeKind::Blob => {
                let text = json.as_str().ok_or_else(|| mismatch("a string"))?;
                let bytes = Literal::byte_string(text.as_bytes());
                Ok(quote!(#bytes.to_vec()))
            }
            ShapeKind::List(item) => {
                let items = json.as_array().ok_or_else(|| mismatch("a list"))?;
                let sparse = is_sparse(shape);
                let items = items
                    .iter()
                    .enumerate()
                    .map(|(i, v)| self.item(&item.target, v, &format!("{path}[{i}]"), sparse))
                    .collect::<Result<Vec<_>, _>>()?;
                Ok(if items.is_empty() {
                    quote!(Vec::new())
                } else {
                    quote!(vec![#(#items),*])
                })
            }
            ShapeKind::Map { key, value } => {
                let entries = json.as_object().ok_or_else(|| mismatch("a map"))?;
                let sparse = is_sparse(shape);
                let entries = sorted_entries(entries)
                    .into_iter()
                    .map(|(k, v)| {
                        let path = format!("{path}[{k:?}]");
                        let key = self.value(
                            &key.target,
                            &Value::from(k.as_str()),
                            &path,
                            Position::Exact,
                        )?;
                        let value = self.item(&value.target, v, &path, sparse)?;
                        Ok((key, value))
                    })
                    .collect::<Result<Vec<(TokenStream, TokenStream)>, ValueError>>()?;
                Ok(if entries.is_empty() {
                    quote!(std::collections::HashMap::new())
                } else {
                    let entries = entries.iter().map(|(k, v)| quote!((#k, #v)));
                    quote!(std::collections::HashMap::from([#(#entries),*]))
                })
            }
            ShapeKind::Structure(members) => {
                let object = json.as_object().ok_or_else(|| mismatch("an object"))?;
                self.structure(id, members, object, path)
            }
            ShapeKind::Union(members) => {
                let object = json.as_object().ok_or_else(|| mismatch("an object"))?;
                self.union(id, members, object, path)
            }
            ShapeKind::Document => {
                let json = json_tokens(json);
                Ok(quote!(serde_json::json!(#json)))
            }
            ShapeKind::BigInteger | ShapeKind::BigDecimal | ShapeKind::Operation(_) => {
                Err(mismatch("a value of a supported kind"))
            }
        }
    }

    /// `Timestamp::from_millisecond(millis)`.
    fn timestamp(&mut self, millis: i64) -> TokenStream {
        let timestamp = self.imports.item(&[self.lib, "primitives", "Timestamp"]);
        let magnitude = Literal::u64_unsuffixed(millis.unsigned_abs());
        let millis = if millis < 0 {
            quote!(-#magnitude)
        } else {
            quote!(#magnitude)
        };
        let expect = format!("the {}'s time is in range", self.source);
        quote!(#timestamp::from_millisecond(#millis).expect(#expect))
    }

    /// A list item or map value of the type itself: in a sparse list or map (whose items are
    /// `Option`s), `None` for `null` and `Some(…)` for a value.
    fn item(
        &mut self,
        id: &ShapeId,
        json: &Value,
        path: &str,
        sparse: bool,
    ) -> Result<TokenStream, ValueError> {
        if !sparse {
            return self.value(id, json, path, Position::Exact);
        }
        if json.is_null() {
            return Ok(quote!(None));
        }
        let value = self.value(id, json, path, Position::Exact)?;
        Ok(quote!(Some(#value)))
    }

    /// A map entry's key and value expressions.
    fn entry(
        &mut self,
        key: &Member,
        value: &Member,
        key_text: &str,
        json: &Value,
        path: &str,
        position: Position,
    ) -> Result<(TokenStream, TokenStream), ValueError> {
        let path = format!("{path}[{key_text:?}]");
        let key = self.value(&key.target, &Value::from(key_text), &path, position)?;
        let value = self.value(&value.target, json, &path, position)?;
        Ok((key, value))
    }

    /// `Type::builder().member(…)….build().expect(…)`: lists item by item, maps entry by
    /// entry, empty ones with `set_…`.
    fn structure(
        &mut self,
        id: &ShapeId,
        members: &[Member],
        object: &Map<String, Value>,
        path: &str,
    ) -> Result<TokenStream, ValueError> {
        let ty = self.type_name(id);
        let symbols = self.ctx.symbols.members(id);
        let mut setters = Vec::new();
        for (member, symbol, json) in set_members(members, symbols, object, path, id)? {
            let member_path = format!("{path}.{}", member.name);
            let json = match json {
                Some(json) => json.clone(),
                None => match self.missing(member, &member_path)? {
                    Some(zero) => zero,
                    None => continue,
                },
            };
            setters.extend(self.setters(member, symbol, &json, &member_path)?);
        }
        Ok(quote! {
            #ty::builder() #(#setters)* .build().expect("every required member is set")
        })
    }

    /// What a member the JSON omits takes: `None` when nothing need be set (an optional
    /// member, or an input member with a default); for a required or defaulted output member,
    /// the value [`Omitted`] says; an error for a required input member, which the builder
    /// cannot do without.
    fn missing(&mut self, member: &Member, path: &str) -> Result<Option<Value>, ValueError> {
        let required = member.traits.required && member.traits.default.is_none();
        let has_value = member.traits.required || member.traits.default.is_some();
        match self.side {
            Side::Input if required => Err(ValueError::new(
                path,
                format!(
                    "the {} omits this required member, so the input cannot be built",
                    self.source
                ),
            )),
            Side::Input => Ok(None),
            Side::Output if has_value => {
                let kind = &self.ctx.shape(&member.target).kind;
                let value = match (self.omitted, &member.traits.default) {
                    (Omitted::DefaultElseZero, Some(default)) => {
                        value_of_default(kind, default).map_err(|e| ValueError::new(path, e))?
                    }
                    _ => zero_json(kind).ok_or_else(|| {
                        ValueError::new(
                            path,
                            format!("a {} has no zero value to expect", kind.name()),
                        )
                    })?,
                };
                self.filled.push(format!("`{path}`"));
                Ok(Some(value))
            }
            Side::Output => Ok(None),
        }
    }

    /// The builder calls that set one member to `json`.
    fn setters(
        &mut self,
        member: &Member,
        symbol: &MemberSymbol,
        json: &Value,
        path: &str,
    ) -> Result<Vec<TokenStream>, ValueError> {
        let name = ident(&symbol.name);
        let set = ident(&symbol.set);
        let target = self.ctx.shape(&member.target);
        // A sparse list or map is set whole, where the types of its `None`s are known.
        let sparse = is_sparse(target);
        match (&target.kind, json) {
            (ShapeKind::List(item), Value::Array(items)) if !items.is_empty() && !sparse => items
                .iter()
                .enumerate()
                .map(|(i, v)| {
                    let item =
                        self.value(&item.target, v, &format!("{path}[{i}]"), Position::Argument)?;
                    Ok(quote!(.#name(#item)))
                })
                .collect(),
            (ShapeKind::Map { key, value }, Value::Object(entries))
                if !entries.is_empty() && !sparse =>
            {
                sorted_entries(entries)
                    .into_iter()
                    .map(|(k, v)| {
                        let (k, v) = self.entry(key, value, k, v, path, Position::Argument)?;
                        Ok(quote!(.#name(#k, #v)))
                    })
                    .collect()
            }
            (ShapeKind::List(_) | ShapeKind::Map { .. }, _) => {
                let empty = self.value(&member.target, json, path, Position::Exact)?;
                Ok(vec![quote!(.#set(Some(#empty)))])
            }
            _ => {
                let value = self.value(&member.target, json, path, Position::Argument)?;
                Ok(vec![quote!(.#name(#value))])
            }
        }
    }

    /// `Union::Variant(value)` for an object with exactly one member set.
    fn union(
        &mut self,
        id: &ShapeId,
        members: &[Member],
        object: &Map<String, Value>,
        path: &str,
    ) -> Result<TokenStream, ValueError> {
        let symbols = self.ctx.symbols.members(id);
        let set: Vec<_> = set_members(members, symbols, object, path, id)?
            .into_iter()
            .filter_map(|(member, symbol, json)| Some((member, symbol, json?)))
            .collect();
        let [(member, symbol, json)] = set.as_slice() else {
            return Err(ValueError::new(
                path,
                format!(
                    "a `{}` sets exactly one member, not {}",
                    id.name(),
                    set.len()
                ),
            ));
        };
        let ty = self.type_name(id);
        let variant = ident(&symbol.name);
        let member_path = format!("{path}.{}", member.name);
        let value = self.value(&member.target, json, &member_path, Position::Exact)?;
        Ok(if member.traits.boxed {
            quote!(#ty::#variant(Box::new(#value)))
        } else {
            quote!(#ty::#variant(#value))
        })
    }
}

/// A `default` trait's value as JSON.
pub fn default_json(default: &DefaultValue) -> Value {
    match default {
        DefaultValue::Bool(b) => Value::Bool(*b),
        DefaultValue::Number(n) => Value::Number(n.clone()),
        DefaultValue::String(s) => Value::from(s.as_str()),
        DefaultValue::EmptyList => Value::Array(Vec::new()),
        DefaultValue::EmptyMap => Value::Object(Map::new()),
    }
}

/// A member's `default` as the JSON values are written: a blob's default, base64 in the
/// model, as its text.
fn value_of_default(kind: &ShapeKind, default: &DefaultValue) -> Result<Value, String> {
    match (kind, default) {
        (ShapeKind::Blob, DefaultValue::String(encoded)) => base64_decode(encoded)
            .and_then(|bytes| String::from_utf8(bytes).ok())
            .map(Value::from)
            .ok_or_else(|| format!("the blob default {encoded:?} is not base64 of text")),
        _ => Ok(default_json(default)),
    }
}

/// Standard base64, padded or not; `None` for anything else.
fn base64_decode(text: &str) -> Option<Vec<u8>> {
    let digits = text.trim_end_matches('=');
    if text.len() - digits.len() > 2 || digits.len() % 4 == 1 {
        return None;
    }
    let mut bytes = Vec::with_capacity(digits.len() * 3 / 4);
    let (mut buffer, mut bits) = (0u32, 0);
    for c in digits.bytes() {
        let value = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            _ => return None,
        };
        buffer = buffer << 6 | u32::from(value);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            bytes.push((buffer >> bits) as u8);
        }
    }
    Some(bytes)
}

/// The JSON whose value is what the crate reads for a missing member of this kind; `None` for
/// unions, which have no value the builders could make to match.
pub fn zero_json(kind: &ShapeKind) -> Option<Value> {
    Some(match kind {
        ShapeKind::String | ShapeKind::Enum(_) | ShapeKind::Blob => Value::from(""),
        ShapeKind::Boolean => Value::Bool(false),
        ShapeKind::Byte
        | ShapeKind::Short
        | ShapeKind::Integer
        | ShapeKind::IntEnum(_)
        | ShapeKind::Long
        | ShapeKind::Timestamp => Value::from(0),
        ShapeKind::Float | ShapeKind::Double => Value::from(0.0),
        ShapeKind::List(_) => Value::Array(Vec::new()),
        ShapeKind::Map { .. } | ShapeKind::Structure(_) => Value::Object(Map::new()),
        ShapeKind::Union(_)
        | ShapeKind::BigInteger
        | ShapeKind::BigDecimal
        | ShapeKind::Document
        | ShapeKind::Operation(_) => return None,
    })
}

/// Milliseconds since the epoch from epoch seconds, as examples and protocol tests write them: a string
/// (`"1458680301.4"`) or a number. `None` for anything else, and for more than millisecond
/// precision, which the crate's timestamps do not keep on the wire.
pub fn timestamp_millis(json: &Value) -> Option<i64> {
    match json {
        Value::String(text) => decimal_millis(text),
        // The shortest text of the number, so `1458680301.4` is read as written.
        Value::Number(n) => decimal_millis(&n.to_string()),
        _ => None,
    }
}

/// [`timestamp_millis`], or else an ISO-8601 date-time with a UTC offset, as botocore's
/// examples often write timestamps: `"2016-08-29T16:13:47.298Z"`, `"2017-07-05T14:04:55-07:00"`,
/// `"2016-11-21T19:49:20.006+0000"`, `"2021-09-17T21:59:03.888000+00:00"`, or the basic form
/// `"20170214T1215Z"`. Only text that names one instant exactly is read: a time without an
/// offset, or finer than a millisecond (`.8881`), is `None`.
pub fn example_timestamp_millis(json: &Value) -> Option<i64> {
    timestamp_millis(json).or_else(|| {
        let text = json.as_str()?;
        iso8601_millis(text).or_else(|| decimal_millis(&without_exponent(text)?))
    })
}

/// `"1.499288695918E9"` → `"1499288695.918"`: a number of seconds in scientific notation as
/// plain decimal text, the digits unchanged; `None` for text of another form.
fn without_exponent(text: &str) -> Option<String> {
    let (mantissa, exponent) = text.split_once(['e', 'E'])?;
    let exponent: i32 = exponent
        .strip_prefix('+')
        .unwrap_or(exponent)
        .parse()
        .ok()?;
    let (sign, mantissa) = match mantissa.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", mantissa),
    };
    let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    if whole.is_empty()
        || !format!("{whole}{fraction}")
            .bytes()
            .all(|b| b.is_ascii_digit())
    {
        return None;
    }
    let digits = format!("{whole}{fraction}");
    // Where the point goes in `digits`, after the shift; refuse absurd exponents.
    let point = i32::try_from(whole.len()).ok()?.checked_add(exponent)?;
    if !(1..=40).contains(&point) {
        return None;
    }
    let point = usize::try_from(point).ok()?;
    let digits = format!("{digits:0<point$}");
    let (whole, fraction) = digits.split_at(point);
    Some(if fraction.is_empty() {
        format!("{sign}{whole}")
    } else {
        format!("{sign}{whole}.{fraction}")
    })
}

/// An ISO-8601 date-time with a UTC offset, in milliseconds since the epoch: the extended
/// form `YYYY-MM-DDThh:mm[:ss[.fff]]` or the basic form `YYYYMMDDThhmm[ss[.fff]]`, then `Z`,
/// `±hh:mm`, `±hhmm` or `±hh`. Fraction digits past the third must be zeros.
fn iso8601_millis(text: &str) -> Option<i64> {
    /// Takes `n` ASCII digits from the front of `rest`.
    fn digits(rest: &mut &str, n: usize) -> Option<i64> {
        let head = rest.get(..n)?;
        if !head.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        *rest = &rest[n..];
        head.parse().ok()
    }
    /// Takes `separator` from the front of `rest` if the form has one.
    fn separator(rest: &mut &str, extended: bool, separator: char) -> Option<()> {
        if extended {
            *rest = rest.strip_prefix(separator)?;
        }
        Some(())
    }
    let (date, time) = text.split_once(['T', 't'])?;
    let extended = date.contains('-');
    let mut rest = date;
    let year = digits(&mut rest, 4)?;
    separator(&mut rest, extended, '-')?;
    let month = digits(&mut rest, 2)?;
    separator(&mut rest, extended, '-')?;
    let day = digits(&mut rest, 2)?;
    if !rest.is_empty() {
        return None;
    }
    let mut rest = time;
    let hour = digits(&mut rest, 2)?;
    separator(&mut rest, extended, ':')?;
    let minute = digits(&mut rest, 2)?;
    let mut second = 0;
    let mut millis = 0;
    let starts_with_seconds = if extended {
        rest.starts_with(':')
    } else {
        rest.starts_with(|c: char| c.is_ascii_digit())
    };
    if starts_with_seconds {
        separator(&mut rest, extended, ':')?;
        second = digits(&mut rest, 2)?;
        if let Some(after) = rest.strip_prefix('.') {
            let end = after
                .find(|c: char| !c.is_ascii_digit())
                .unwrap_or(after.len());
            let (fraction, after) = after.split_at(end);
            if fraction.is_empty() || fraction.bytes().skip(3).any(|b| b != b'0') {
                return None;
            }
            let kept = &fraction[..fraction.len().min(3)];
            millis = format!("{kept:0<3}").parse().ok()?;
            rest = after;
        }
    }
    let offset_minutes = match rest {
        "Z" | "z" => 0,
        _ => {
            let sign = match rest.as_bytes().first()? {
                b'+' => 1,
                b'-' => -1,
                _ => return None,
            };
            let mut offset = &rest[1..];
            let hours = digits(&mut offset, 2)?;
            let minutes = if offset.is_empty() {
                0
            } else {
                offset = offset.strip_prefix(':').unwrap_or(offset);
                let minutes = digits(&mut offset, 2)?;
                if !offset.is_empty() {
                    return None;
                }
                minutes
            };
            if hours > 23 || minutes > 59 {
                return None;
            }
            sign * (hours * 60 + minutes)
        }
    };
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let month_days = [
        31,
        if leap { 29 } else { 28 },
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ];
    let days_in_month = *month_days.get(usize::try_from(month).ok()?.checked_sub(1)?)?;
    if day < 1 || day > days_in_month || hour > 23 || minute > 59 || second > 59 {
        return None;
    }
    let days = days_from_civil(year, month, day);
    let seconds = ((days * 24 + hour) * 60 + minute - offset_minutes) * 60 + second;
    Some(seconds * 1000 + millis)
}

/// Days from 1970-01-01 to a date of the proleptic Gregorian calendar (Howard Hinnant's
/// `days_from_civil`); `month` is 1 to 12.
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let month_from_march = (month + 9) % 12;
    let day_of_year = (153 * month_from_march + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// `"1458680301.4"` → `1458680301400`: a decimal number of seconds, exactly.
fn decimal_millis(text: &str) -> Option<i64> {
    let (negative, digits) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
    let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if whole.is_empty() || !all_digits(whole) || !all_digits(fraction) || fraction.len() > 3 {
        return None;
    }
    let whole: i64 = whole.parse().ok()?;
    let fraction: i64 = format!("{fraction:0<3}").parse().ok()?;
    let millis = whole.checked_mul(1000)?.checked_add(fraction)?;
    Some(if negative { -millis } else { millis })
}

/// An integer literal of the Rust type of `kind`: `i32` unsuffixed, the others suffixed,
/// since a setter taking `impl Into<i64>` would read an unsuffixed literal as an `i32`.
/// `None` when `n` does not fit the type.
pub fn integer_literal(kind: &ShapeKind, n: i64) -> Option<TokenStream> {
    let (ty, min, max) = match kind {
        ShapeKind::Byte => (quote!(i8), i8::MIN.into(), i8::MAX.into()),
        ShapeKind::Short => (quote!(i16), i16::MIN.into(), i16::MAX.into()),
        ShapeKind::Integer | ShapeKind::IntEnum(_) => {
            (quote!(i32), i32::MIN.into(), i32::MAX.into())
        }
        _ => (quote!(i64), i64::MIN, i64::MAX),
    };
    if n < min || n > max {
        return None;
    }
    // The magnitude of the minimum does not fit the type, so it has no literal of its own.
    if n == min {
        return Some(quote!(#ty::MIN));
    }
    let magnitude = n.unsigned_abs();
    let literal = match kind {
        ShapeKind::Byte => Literal::i8_suffixed(i8::try_from(magnitude).ok()?),
        ShapeKind::Short => Literal::i16_suffixed(i16::try_from(magnitude).ok()?),
        ShapeKind::Integer | ShapeKind::IntEnum(_) => Literal::u64_unsuffixed(magnitude),
        _ => Literal::i64_suffixed(i64::try_from(magnitude).ok()?),
    };
    Some(if n < 0 {
        quote!(-#literal)
    } else {
        quote!(#literal)
    })
}

/// A float literal of the Rust type of `kind` (`f32` suffixed), or its non-finite constant
/// for the strings the wire uses (`"NaN"`, `"Infinity"`, `"-Infinity"`).
pub fn float_expr(kind: &ShapeKind, json: &Value) -> Option<TokenStream> {
    let single = matches!(kind, ShapeKind::Float);
    let ty = if single { quote!(f32) } else { quote!(f64) };
    match json {
        Value::String(text) => match text.as_str() {
            "NaN" => Some(quote!(#ty::NAN)),
            "Infinity" => Some(quote!(#ty::INFINITY)),
            "-Infinity" => Some(quote!(#ty::NEG_INFINITY)),
            _ => None,
        },
        Value::Number(n) => {
            let x = n.as_f64()?;
            let literal = if single {
                #[allow(clippy::cast_possible_truncation)]
                Literal::f32_suffixed(x.abs() as f32)
            } else {
                Literal::f64_unsuffixed(x.abs())
            };
            Some(if x.is_sign_negative() {
                quote!(-#literal)
            } else {
                quote!(#literal)
            })
        }
        _ => None,
    }
}

/// The tokens of `serde_json::json!` that make `value`.
pub fn json_tokens(value: &Value) -> TokenStream {
    match value {
        Value::Null => quote!(null),
        Value::Bool(b) => quote!(#b),
        Value::Number(n) => number_tokens(n),
        Value::String(s) => quote!(#s),
        Value::Array(items) => {
            let items = items.iter().map(json_tokens);
            quote!([#(#items),*])
        }
        Value::Object(entries) => {
            let entries = entries.iter().map(|(key, value)| {
                let value = json_tokens(value);
                quote!(#key: #value)
            });
            quote!({ #(#entries),* })
        }
    }
}

/// A JSON number as a literal, negative ones with a leading `-`.
/// An integer outside `i32` (which an unsuffixed literal is) carries a suffix.
fn number_tokens(n: &Number) -> TokenStream {
    if let Some(u) = n.as_u64() {
        let literal = if u > i32::MAX.unsigned_abs().into() {
            Literal::u64_suffixed(u)
        } else {
            Literal::u64_unsuffixed(u)
        };
        return quote!(#literal);
    }
    if let Some(i) = n.as_i64() {
        if i == i64::MIN {
            return quote!(i64::MIN);
        }
        let literal = if i < i32::MIN.into() {
            Literal::i64_suffixed(-i)
        } else {
            Literal::u64_unsuffixed(i.unsigned_abs())
        };
        return quote!(-#literal);
    }
    let x = n.as_f64().unwrap_or_default();
    let literal = Literal::f64_unsuffixed(x.abs());
    if x.is_sign_negative() {
        quote!(-#literal)
    } else {
        quote!(#literal)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn epoch_seconds_read_exactly_to_the_millisecond() {
        assert_eq!(
            timestamp_millis(&Value::from("1458680301.4")),
            Some(1458680301400)
        );
        assert_eq!(
            timestamp_millis(&Value::from("1458680170.035")),
            Some(1458680170035)
        );
        assert_eq!(timestamp_millis(&Value::from("-1.5")), Some(-1500));
        assert_eq!(
            timestamp_millis(&Value::from(1458069182)),
            Some(1458069182000)
        );
        assert_eq!(timestamp_millis(&serde_json::json!(0.25)), Some(250));
    }

    #[test]
    fn timestamps_finer_than_milliseconds_or_not_numbers_are_refused() {
        for bad in ["1.0001", "2016-03-22T20:56:10Z", "", ".5", "1e3"] {
            assert_eq!(timestamp_millis(&Value::from(bad)), None, "{bad}");
        }
        assert_eq!(timestamp_millis(&Value::Bool(true)), None);
    }

    #[test]
    fn json_integers_outside_i32_carry_a_suffix() {
        let text = |value: Value| json_tokens(&value).to_string();
        assert_eq!(text(Value::from(2_147_483_647)), "2147483647");
        assert_eq!(text(Value::from(80_530_636_800_u64)), "80530636800u64");
        assert_eq!(text(Value::from(-2_147_483_648_i64)), "- 2147483648");
        assert_eq!(text(Value::from(-2_147_483_649_i64)), "- 2147483649i64");
        assert_eq!(text(Value::from(i64::MIN)), "i64 :: MIN");
    }

    #[test]
    fn iso8601_date_times_with_an_offset_read_as_their_instant() {
        for (text, millis) in [
            ("2016-08-29T16:13:47.298Z", 1_472_487_227_298),
            ("2017-07-05T14:04:55-07:00", 1_499_288_695_000),
            ("2016-11-21T19:49:20.006+0000", 1_479_757_760_006),
            ("2021-09-17T21:59:03.888000+00:00", 1_631_915_943_888),
            ("20170214T1215Z", 1_487_074_500_000),
            ("20181118T211712Z", 1_542_575_832_000),
            ("2016-12-16T13:50Z", 1_481_896_200_000),
            ("1970-01-01T01:00+01", 0),
            ("2000-02-29T00:00:00.5Z", 951_782_400_500),
            ("1969-12-31T23:59:59.999Z", -1),
        ] {
            assert_eq!(
                example_timestamp_millis(&Value::from(text)),
                Some(millis),
                "{text}"
            );
        }
        // Epoch seconds still read as before, and also in scientific notation.
        assert_eq!(
            example_timestamp_millis(&Value::from("1.499288695918E9")),
            Some(1_499_288_695_918)
        );
        assert_eq!(
            example_timestamp_millis(&Value::from("1.5e+3")),
            Some(1_500_000)
        );
        assert_eq!(
            example_timestamp_millis(&Value::from(1458680170)),
            Some(1_458_680_170_000)
        );
    }

    #[test]
    fn iso8601_text_without_one_exact_instant_is_refused() {
        for bad in [
            "2016-08-29T16:13:47",          // no offset: local time of where?
            "2016-08-29T16:13:47.2981Z",    // finer than a millisecond
            "2016-02-30T00:00Z",            // no such day
            "2015-02-29T00:00Z",            // not a leap year
            "2016-08-29T24:00Z",            // hour out of range
            "2016-08-29 16:13:47Z",         // no `T`
            "Wed May 20 13:51:10 PDT 2015", // not ISO 8601
            "2016-08-29T16:13:47+0",        // half an offset
            "2016-08-29T16:13:47ZZ",        // trailing text
            "2016-08-29T1613Z",             // extended date, basic time
            "2016-08-29T16:13:47.Z",        // empty fraction
            "2021-09-02T016:15:21-09:00",   // a three-digit hour
            "1.4992886959181E9",            // finer than a millisecond
            "1.5E-3",                       // so is this
            "E9",                           // no digits
        ] {
            assert_eq!(example_timestamp_millis(&Value::from(bad)), None, "{bad}");
        }
    }

    #[test]
    fn integer_literals_carry_their_type_unless_it_is_i32() {
        let literal = |kind: ShapeKind, n| integer_literal(&kind, n).map(|t| t.to_string());
        assert_eq!(literal(ShapeKind::Integer, 3600), Some("3600".into()));
        assert_eq!(literal(ShapeKind::Long, 345), Some("345i64".into()));
        assert_eq!(literal(ShapeKind::Short, -2), Some("- 2i16".into()));
        assert_eq!(literal(ShapeKind::Byte, -128), Some("i8 :: MIN".into()));
        assert_eq!(literal(ShapeKind::Byte, 128), None);
        assert_eq!(literal(ShapeKind::Integer, 1 << 31), None);
    }

    #[test]
    fn floats_and_their_non_finite_strings_become_expressions() {
        let expr = |kind: ShapeKind, json: Value| float_expr(&kind, &json).map(|t| t.to_string());
        assert_eq!(expr(ShapeKind::Double, Value::from(0)), Some("0.0".into()));
        assert_eq!(
            expr(ShapeKind::Float, Value::from(-1.5)),
            Some("- 1.5f32".into())
        );
        assert_eq!(
            expr(ShapeKind::Double, Value::from("NaN")),
            Some("f64 :: NAN".into())
        );
        assert_eq!(expr(ShapeKind::Double, Value::from("many")), None);
    }

    #[test]
    fn json_values_become_json_macro_tokens() {
        let value = serde_json::json!({"a": [1, -2, 2.5, null, true], "b": {"c": "d"}});
        let tokens = json_tokens(&value).to_string();
        assert_eq!(
            tokens,
            "{ \"a\" : [1 , - 2 , 2.5 , null , true] , \"b\" : { \"c\" : \"d\" } }"
        );
    }

    #[test]
    fn blob_defaults_are_read_from_base64_as_the_values_write_blobs() {
        let blob = DefaultValue::String("YmxvYg==".into());
        assert_eq!(
            value_of_default(&ShapeKind::Blob, &blob),
            Ok(Value::from("blob"))
        );
        assert_eq!(
            value_of_default(&ShapeKind::String, &blob),
            Ok(Value::from("YmxvYg=="))
        );
        assert!(value_of_default(&ShapeKind::Blob, &DefaultValue::String("*".into())).is_err());
        assert_eq!(base64_decode("Zm9vYmFy"), Some(b"foobar".to_vec()));
        assert_eq!(base64_decode("Zm8"), Some(b"fo".to_vec()));
        assert_eq!(base64_decode(""), Some(Vec::new()));
        assert_eq!(base64_decode("Z"), None);
    }

    #[test]
    fn zero_values_match_what_the_crate_reads_for_missing_members() {
        assert_eq!(zero_json(&ShapeKind::String), Some(Value::from("")));
        assert_eq!(zero_json(&ShapeKind::Timestamp), Some(Value::from(0)));
        assert_eq!(zero_json(&ShapeKind::Union(Vec::new())), None);
    }
}
