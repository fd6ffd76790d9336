//! The model's examples as tests of the generated crate: `tests/examples.rs`.
//!
//! Every example of an operation becomes one `#[test]`. It builds the example's input with the
//! builders, serializes it, and compares the request body with the example's input in wire form.
//! Then it reads the example's output, in wire form, as a successful response and compares what
//! `parse_response` returns with the output the builders make from the example.
//!
//! Values are built from the example's JSON guided by the model's shapes. A value the shapes
//! cannot hold (a member the model does not have, a string where a number belongs) stops
//! generation with an error naming the example: the examples are part of the model.

use std::collections::BTreeSet;
use std::fmt;

use proc_macro2::{Literal, TokenStream};
use quote::quote;
use serde_json::{Map, Number, Value};

use super::context::{Context, Imports, doc_lines, ident, inner_doc_lines};
use crate::error::{Error, Result};
use crate::model::{DefaultValue, Example, Member, Operation, ShapeId, ShapeKind, TimestampFormat};
use crate::naming;
use crate::symbols::{Home, MemberSymbol, strip_raw};

/// What errors about examples name as the file: the examples are a side file of the model.
const EXAMPLES: &str = "the model's examples";

/// `tests/examples.rs`, or `None` when no operation has examples. `crate_name` is the generated
/// package's name, which the test file reaches the crate by.
pub fn emit_examples_file(ctx: &Context<'_>, crate_name: &str) -> Result<Option<TokenStream>> {
    let lib = crate_name.replace('-', "_");
    // Nothing is defined in the test file: every type comes in through `Imports::item`.
    let mut imports = Imports::new(Home::Operation {
        module: String::new(),
    });
    let mut names = BTreeSet::new();
    let mut tests = Vec::new();
    for (id, operation) in ctx.model.operations() {
        for (index, example) in operation.examples.iter().enumerate() {
            let place = ExamplePlace {
                operation: id,
                number: index + 1,
                title: &example.title,
            };
            let name = test_name(&ctx.symbols.operation(id).module, place.number)
                .map_err(|e| Error::shape(EXAMPLES, id, e.to_string()))?;
            if !names.insert(name.clone()) {
                return Err(Error::shape(
                    EXAMPLES,
                    id,
                    format!("two examples would make the test `{name}`"),
                ));
            }
            let mut emitter = TestEmitter {
                ctx,
                lib: &lib,
                imports: &mut imports,
                place,
            };
            tests.push(emitter.test(&name, operation, example)?);
        }
    }
    if tests.is_empty() {
        return Ok(None);
    }
    let docs = inner_doc_lines(
        "Tests made from the examples in the service model, one per example: each builds the \
         example's input with the builders and checks the request `serialize_request` makes, \
         then reads the example's output as a response and checks that `parse_response` gives \
         the output the builders make from the example.",
    );
    let uses = imports.to_tokens();
    let helpers = helpers();
    // The file is a crate root, which rustfmt would reformat (making it stale); it leaves a
    // module marked `skip` alone.
    Ok(Some(quote! {
        #docs
        /// The examples, one test each.
        #[rustfmt::skip]
        mod model_examples {
            #uses
            #helpers
            #(#tests)*
        }
    }))
}

/// The test functions' shared helpers: JSON comparison, request checks, responses.
fn helpers() -> TokenStream {
    quote! {
        /// Whether two JSON values are equal, numbers compared by value as `f64`: the crate
        /// writes `3600` where an example may write `3600.0`.
        fn same_json(actual: &serde_json::Value, expected: &serde_json::Value) -> bool {
            use serde_json::Value;
            match (actual, expected) {
                (Value::Number(a), Value::Number(b)) => a.as_f64() == b.as_f64(),
                (Value::Array(a), Value::Array(b)) => {
                    a.len() == b.len() && a.iter().zip(b).all(|(a, b)| same_json(a, b))
                }
                (Value::Object(a), Value::Object(b)) => {
                    a.len() == b.len()
                        && a.iter().all(|(key, a)| b.get(key).is_some_and(|b| same_json(a, b)))
                }
                _ => actual == expected,
            }
        }

        /// Checks that `request` calls the operation `target` with `expected` as its body.
        fn check_request(request: &http::Request<Vec<u8>>, target: &str, expected: &serde_json::Value) {
            let method = request.method();
            let target_header = request.headers().get("x-amz-target").and_then(|v| v.to_str().ok());
            assert_eq!(method, http::Method::POST);
            assert_eq!(target_header, Some(target));
            let body: serde_json::Value =
                serde_json::from_slice(request.body()).expect("the request body is JSON");
            let same = same_json(&body, expected);
            assert!(same, "the request body\n{body:#}\nis not the example's input\n{expected:#}");
        }

        /// A successful response with `body` as its JSON body.
        fn ok_response(body: &serde_json::Value) -> http::Response<Vec<u8>> {
            let body = serde_json::to_vec(body).expect("JSON values serialize");
            http::Response::builder()
                .status(200)
                .body(body)
                .expect("a status and a body make a response")
        }
    }
}

/// The test function's name: the operation's module and the example's number,
/// `describe_assessment_runs_example_1`.
fn test_name(module: &str, number: usize) -> Result<String, naming::NoWordsError> {
    naming::value_ident(&format!("{}_example_{number}", strip_raw(module)))
}

/// Which example is being emitted, for error messages.
#[derive(Clone, Copy)]
struct ExamplePlace<'a> {
    operation: &'a ShapeId,
    /// From 1, in the model's order.
    number: usize,
    title: &'a str,
}

impl ExamplePlace<'_> {
    /// An error about the value at `path` (`output.assessmentRuns[0].state`).
    fn error(&self, path: &str, problem: impl fmt::Display) -> Error {
        Error::shape(
            EXAMPLES,
            self.operation,
            format!(
                "example {} ({:?}), `{path}`: {problem}",
                self.number, self.title
            ),
        )
    }
}

/// Which side of the call a value is on: it decides what a missing member means.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Side {
    /// A missing required member cannot be built; a missing member with a default is sent
    /// with the default.
    Input,
    /// A missing required (or defaulted) member reads as its zero value.
    Output,
}

impl Side {
    fn name(self) -> &'static str {
        match self {
            Side::Input => "input",
            Side::Output => "output",
        }
    }
}

/// Where a value built from an example goes, which decides how exactly it must be typed.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Position {
    /// An argument to a setter taking `impl Into<T>`: `"text"` will do for a `String`.
    Argument,
    /// A value of the type itself, inside `vec![…]` or a map.
    Exact,
}

/// Emits the tests of one example, importing the types they name.
struct TestEmitter<'c, 'a> {
    ctx: &'c Context<'a>,
    /// The generated crate's library name.
    lib: &'c str,
    imports: &'c mut Imports,
    place: ExamplePlace<'c>,
}

impl TestEmitter<'_, '_> {
    /// The `#[test]` function for `example`.
    fn test(
        &mut self,
        name: &str,
        operation: &Operation,
        example: &Example,
    ) -> Result<TokenStream> {
        let input_id = operation
            .input
            .as_ref()
            .expect("normalized operations have an input");
        let output_id = operation
            .output
            .as_ref()
            .expect("normalized operations have an output");
        let symbol = self.ctx.symbols.operation(self.place.operation);
        let module = self.imports.item(&[self.lib, "operation", &symbol.module]);
        let target = format!(
            "{}.{}",
            self.ctx.model.service.id.name(),
            self.place.operation.name()
        );

        let empty = Value::Object(Map::new());
        let input = present(example.input.as_ref()).unwrap_or(&empty);
        let mut zero_filled = Vec::new();
        let input_value = self.value(input_id, input, Side::Input, &mut zero_filled)?;
        let input_wire = json_tokens(&self.wire(input_id, input, Side::Input)?);
        let output_check = match present(example.output.as_ref()) {
            Some(output) => {
                let expected = self.value(output_id, output, Side::Output, &mut zero_filled)?;
                let body = json_tokens(&self.wire(output_id, output, Side::Output)?);
                quote! {
                    let response = ok_response(&serde_json::json!(#body));
                    let parsed = #module::parse_response(&response)
                        .expect("the example's output parses");
                    let expected = #expected;
                    assert_eq!(parsed, expected);
                }
            }
            None => quote! {
                #module::parse_response(&ok_response(&serde_json::json!({})))
                    .expect("an empty output parses");
            },
        };

        let mut doc = format!("Example {}: {}.", self.place.number, self.place.title);
        if let Some(documentation) = &example.documentation {
            doc.push_str(&format!("\n\n{documentation}"));
        }
        if !zero_filled.is_empty() {
            doc.push_str(&format!(
                "\n\nThe example omits the required members {}; the expected value has their \
                 zero values, which is what the crate reads for a missing member.",
                zero_filled.join(", ")
            ));
        }
        let doc = doc_lines(&doc);
        let name = ident(name);
        Ok(quote! {
            #doc
            #[test]
            fn #name() {
                let input = #input_value;
                let request = #module::serialize_request(&input).expect("the example makes a request");
                check_request(&request, #target, &serde_json::json!(#input_wire));
                #output_check
            }
        })
    }

    /// The builder expression for one side's whole value (a structure). The paths of the
    /// required members the example omits, which take their zero value, go into `zero_filled`.
    fn value(
        &mut self,
        id: &ShapeId,
        json: &Value,
        side: Side,
        zero_filled: &mut Vec<String>,
    ) -> Result<TokenStream> {
        let mut values = Values {
            ctx: self.ctx,
            lib: self.lib,
            imports: self.imports,
            place: self.place,
            side,
            zero_filled,
        };
        values.value(id, json, side.name(), Position::Exact)
    }

    /// One side's value in wire form.
    fn wire(&self, id: &ShapeId, json: &Value, side: Side) -> Result<Value> {
        let wire = Wire {
            ctx: self.ctx,
            place: self.place,
            side,
        };
        wire.value(id, None, json, side.name())
    }
}

/// A map's entries sorted by key, so the order the example writes them in never shows.
fn sorted_entries(map: &Map<String, Value>) -> Vec<(&String, &Value)> {
    let mut entries: Vec<_> = map.iter().collect();
    entries.sort_by_key(|(key, _)| *key);
    entries
}

/// `None` for a missing or `null` value.
fn present(value: Option<&Value>) -> Option<&Value> {
    value.filter(|v| !v.is_null())
}

/// The members of a structure the example sets, in model order with their symbols; an
/// example member the structure does not have is an error. `null` counts as not set.
fn set_members<'m, 'j>(
    place: ExamplePlace<'_>,
    members: &'m [Member],
    symbols: &'m [MemberSymbol],
    object: &'j Map<String, Value>,
    path: &str,
    shape: &ShapeId,
) -> Result<Vec<(&'m Member, &'m MemberSymbol, Option<&'j Value>)>> {
    if let Some(unknown) = object
        .keys()
        .filter(|key| !members.iter().any(|m| &m.name == *key))
        .min()
    {
        return Err(place.error(
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

/// Turns example values into Rust expressions that build them.
struct Values<'c, 'a> {
    ctx: &'c Context<'a>,
    lib: &'c str,
    imports: &'c mut Imports,
    place: ExamplePlace<'c>,
    side: Side,
    zero_filled: &'c mut Vec<String>,
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

    /// The expression for `json` as a value of the shape `id`, at `path`.
    fn value(
        &mut self,
        id: &ShapeId,
        json: &Value,
        path: &str,
        position: Position,
    ) -> Result<TokenStream> {
        let shape = self.ctx.shape(id);
        let place = self.place;
        let mismatch = |expected: &str| {
            place.error(
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
                let items = items
                    .iter()
                    .enumerate()
                    .map(|(i, v)| {
                        self.value(&item.target, v, &format!("{path}[{i}]"), Position::Exact)
                    })
                    .collect::<Result<Vec<_>>>()?;
                Ok(if items.is_empty() {
                    quote!(Vec::new())
                } else {
                    quote!(vec![#(#items),*])
                })
            }
            ShapeKind::Map { key, value } => {
                let entries = json.as_object().ok_or_else(|| mismatch("a map"))?;
                let entries = sorted_entries(entries)
                    .into_iter()
                    .map(|(k, v)| self.entry(key, value, k, v, path, Position::Exact))
                    .collect::<Result<Vec<_>>>()?;
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
            ShapeKind::BigInteger
            | ShapeKind::BigDecimal
            | ShapeKind::Document
            | ShapeKind::Operation(_) => Err(mismatch("a value of a supported kind")),
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
        quote!(#timestamp::from_millisecond(#millis).expect("the example's time is in range"))
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
    ) -> Result<(TokenStream, TokenStream)> {
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
    ) -> Result<TokenStream> {
        let ty = self.type_name(id);
        let symbols = self.ctx.symbols.members(id);
        let mut setters = Vec::new();
        for (member, symbol, json) in set_members(self.place, members, symbols, object, path, id)? {
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

    /// What a member the example omits takes: `None` when nothing need be set (an optional
    /// member, or an input member with a default); the zero value of a required or defaulted
    /// output member, which is what the crate reads when a response lacks it; an error for a
    /// required input member, which the builder cannot do without.
    fn missing(&mut self, member: &Member, path: &str) -> Result<Option<Value>> {
        let required = member.traits.required && member.traits.default.is_none();
        let has_value = member.traits.required || member.traits.default.is_some();
        match self.side {
            Side::Input if required => Err(self.place.error(
                path,
                "the example omits this required member, so the input cannot be built",
            )),
            Side::Input => Ok(None),
            Side::Output if has_value => {
                let zero = zero_json(&self.ctx.shape(&member.target).kind).ok_or_else(|| {
                    self.place
                        .error(path, "a union has no zero value to expect")
                })?;
                self.zero_filled.push(format!("`{path}`"));
                Ok(Some(zero))
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
    ) -> Result<Vec<TokenStream>> {
        let name = ident(&symbol.name);
        let set = ident(&symbol.set);
        let target = self.ctx.shape(&member.target);
        match (&target.kind, json) {
            (ShapeKind::List(item), Value::Array(items)) if !items.is_empty() => items
                .iter()
                .enumerate()
                .map(|(i, v)| {
                    let item =
                        self.value(&item.target, v, &format!("{path}[{i}]"), Position::Argument)?;
                    Ok(quote!(.#name(#item)))
                })
                .collect(),
            (ShapeKind::Map { key, value }, Value::Object(entries)) if !entries.is_empty() => {
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
    ) -> Result<TokenStream> {
        let symbols = self.ctx.symbols.members(id);
        let set: Vec<_> = set_members(self.place, members, symbols, object, path, id)?
            .into_iter()
            .filter_map(|(member, symbol, json)| Some((member, symbol, json?)))
            .collect();
        let [(member, symbol, json)] = set.as_slice() else {
            return Err(self.place.error(
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

/// Converts example values to the wire form the crate writes and reads: timestamps as epoch
/// seconds, blobs as base64, members under their JSON names.
struct Wire<'c, 'a> {
    ctx: &'c Context<'a>,
    place: ExamplePlace<'c>,
    side: Side,
}

impl Wire<'_, '_> {
    /// `json`, a value of the shape `id` held by `member` (if any), in wire form.
    fn value(
        &self,
        id: &ShapeId,
        member: Option<&Member>,
        json: &Value,
        path: &str,
    ) -> Result<Value> {
        let shape = self.ctx.shape(id);
        match &shape.kind {
            ShapeKind::Timestamp => {
                let format = member
                    .and_then(|m| m.traits.timestamp_format)
                    .or(shape.traits.timestamp_format)
                    .unwrap_or(TimestampFormat::EpochSeconds);
                if format != TimestampFormat::EpochSeconds {
                    return Err(self.place.error(
                        path,
                        "only epoch-seconds timestamps can be checked in examples yet",
                    ));
                }
                let millis = timestamp_millis(json).ok_or_else(|| {
                    self.place
                        .error(path, "expected epoch seconds with at most 3 decimals")
                })?;
                Ok(epoch_seconds(millis))
            }
            ShapeKind::Blob => Ok(Value::from(base64(
                json.as_str().unwrap_or_default().as_bytes(),
            ))),
            ShapeKind::List(item) => json
                .as_array()
                .into_iter()
                .flatten()
                .enumerate()
                .map(|(i, v)| self.value(&item.target, Some(item), v, &format!("{path}[{i}]")))
                .collect(),
            ShapeKind::Map { value, .. } => json
                .as_object()
                .map(sorted_entries)
                .unwrap_or_default()
                .into_iter()
                .map(|(k, v)| {
                    let wire =
                        self.value(&value.target, Some(value), v, &format!("{path}[{k:?}]"))?;
                    Ok((k.clone(), wire))
                })
                .collect(),
            ShapeKind::Structure(members) | ShapeKind::Union(members) => {
                let empty = Map::new();
                let object = json.as_object().unwrap_or(&empty);
                let symbols = self.ctx.symbols.members(id);
                let is_structure = matches!(shape.kind, ShapeKind::Structure(_));
                let mut wire = Map::new();
                for (member, _, json) in
                    set_members(self.place, members, symbols, object, path, id)?
                {
                    let key = crate::protocol::for_model(self.ctx.model)
                        .body_member_name(member)
                        .to_owned();
                    let member_path = format!("{path}.{}", member.name);
                    match (json, &member.traits.default) {
                        (Some(json), _) => {
                            let value =
                                self.value(&member.target, Some(member), json, &member_path)?;
                            wire.insert(key.to_owned(), value);
                        }
                        // The builder fills in the default, and the crate sends it.
                        (None, Some(default)) if is_structure && self.side == Side::Input => {
                            wire.insert(key.to_owned(), default_json(default));
                        }
                        (None, _) => {}
                    }
                }
                Ok(Value::Object(wire))
            }
            // The builder expressions have already checked that the value fits the shape.
            _ => Ok(json.clone()),
        }
    }
}

/// A `default` trait's value as JSON.
fn default_json(default: &DefaultValue) -> Value {
    match default {
        DefaultValue::Bool(b) => Value::Bool(*b),
        DefaultValue::Number(n) => Value::Number(n.clone()),
        DefaultValue::String(s) => Value::from(s.as_str()),
        DefaultValue::EmptyList => Value::Array(Vec::new()),
        DefaultValue::EmptyMap => Value::Object(Map::new()),
    }
}

/// The JSON whose value is what the crate reads for a missing member of this kind; `None` for
/// unions, which have no value the builders could make to match.
fn zero_json(kind: &ShapeKind) -> Option<Value> {
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

/// Milliseconds since the epoch from epoch seconds, as examples write them: a string
/// (`"1458680301.4"`) or a number. `None` for anything else, and for more than millisecond
/// precision, which the crate's timestamps do not keep on the wire.
fn timestamp_millis(json: &Value) -> Option<i64> {
    match json {
        Value::String(text) => decimal_millis(text),
        // The shortest text of the number, so `1458680301.4` is read as written.
        Value::Number(n) => decimal_millis(&n.to_string()),
        _ => None,
    }
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

/// Epoch seconds as the crate writes them: a whole number when there are no milliseconds.
fn epoch_seconds(millis: i64) -> Value {
    if millis % 1000 == 0 {
        Value::from(millis / 1000)
    } else {
        // An i64 of milliseconds within the timestamp range is exact as f64.
        #[allow(clippy::cast_precision_loss)]
        let seconds = millis as f64 / 1000.0;
        Number::from_f64(seconds).map_or(Value::Null, Value::Number)
    }
}

/// An integer literal of the Rust type of `kind`: `i32` unsuffixed, the others suffixed,
/// since a setter taking `impl Into<i64>` would read an unsuffixed literal as an `i32`.
/// `None` when `n` does not fit the type.
fn integer_literal(kind: &ShapeKind, n: i64) -> Option<TokenStream> {
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
fn float_expr(kind: &ShapeKind, json: &Value) -> Option<TokenStream> {
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
fn json_tokens(value: &Value) -> TokenStream {
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
fn number_tokens(n: &Number) -> TokenStream {
    if let Some(u) = n.as_u64() {
        let literal = Literal::u64_unsuffixed(u);
        return quote!(#literal);
    }
    if let Some(i) = n.as_i64() {
        let literal = Literal::u64_unsuffixed(i.unsigned_abs());
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

/// Standard base64 with padding, as the crate writes blobs.
fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut text = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let group = chunk
            .iter()
            .enumerate()
            .fold(0u32, |group, (i, &b)| group | u32::from(b) << (16 - 8 * i));
        for i in 0..4 {
            if i <= chunk.len() {
                let index = (group >> (18 - 6 * i)) & 0x3f;
                text.push(char::from(ALPHABET[index as usize]));
            } else {
                text.push('=');
            }
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::{ModelSource, SourceFile};
    use crate::symbols::Symbols;

    const MODEL: &str = r#"{
      "version": "2.0",
      "metadata": {
        "apiVersion": "2024-01-01", "endpointPrefix": "widgets", "jsonVersion": "1.1",
        "protocol": "json", "serviceFullName": "Widgets", "serviceId": "Widgets",
        "signatureVersion": "v4", "targetPrefix": "WidgetService", "uid": "widgets-2024-01-01"
      },
      "operations": {
        "GetWidget": {
          "name": "GetWidget", "http": {"method": "POST", "requestUri": "/"},
          "input": {"shape": "GetWidgetRequest"}, "output": {"shape": "GetWidgetResponse"}
        },
        "Ping": {"name": "Ping", "http": {"method": "POST", "requestUri": "/"}}
      },
      "shapes": {
        "GetWidgetRequest": {
          "type": "structure", "required": ["id"],
          "members": {"id": {"shape": "Text"}, "limit": {"shape": "Count"}}
        },
        "GetWidgetResponse": {
          "type": "structure", "required": ["widget"],
          "members": {
            "widget": {"shape": "Widget"}, "tags": {"shape": "Tags"},
            "createdAt": {"shape": "Time"}
          }
        },
        "Widget": {
          "type": "structure", "required": ["name", "size", "kind", "parts", "updatedAt", "weight"],
          "members": {
            "name": {"shape": "Text"}, "size": {"shape": "Size"}, "kind": {"shape": "Kind"},
            "parts": {"shape": "Parts"}, "updatedAt": {"shape": "Time"},
            "weight": {"shape": "Weight"}, "note": {"shape": "Text"}
          }
        },
        "Tags": {"type": "map", "key": {"shape": "Text"}, "value": {"shape": "Text"}},
        "Parts": {"type": "list", "member": {"shape": "Text"}},
        "Kind": {"type": "string", "enum": ["SMALL", "LARGE"]},
        "Text": {"type": "string"},
        "Size": {"type": "integer"},
        "Count": {"type": "long"},
        "Weight": {"type": "double"},
        "Time": {"type": "timestamp"}
      }
    }"#;

    /// The rendered test file for `examples` (the `examples-1.json` text) with [`MODEL`].
    fn emit(examples: &str) -> Result<Option<String>> {
        let mut source = ModelSource::from_text("service-2.json", MODEL);
        source.examples = Some(SourceFile {
            display: "examples-1.json".into(),
            text: examples.into(),
        });
        let model = crate::transform::run(crate::load::load(&source)?, None)?;
        let symbols = Symbols::new(&model, "service-2.json")?;
        let ctx = Context {
            model: &model,
            symbols: &symbols,
            validated: BTreeSet::new(),
        };
        emit_examples_file(&ctx, "widget-kit")?
            .map(|tokens| crate::render::render_rust("tests/examples.rs", "m", tokens))
            .transpose()
    }

    /// One `GetWidget` example with this input and output.
    fn get_widget(input: &str, output: &str) -> String {
        format!(
            r#"{{"version": "1.0", "examples": {{"GetWidget": [
                {{"title": "Get a widget", "input": {input}, "output": {output}}}
            ]}}}}"#
        )
    }

    fn emit_get_widget(input: &str, output: &str) -> Result<String> {
        Ok(emit(&get_widget(input, output))?.expect("one example makes a test file"))
    }

    #[test]
    fn a_model_without_examples_gets_no_test_file() {
        assert_eq!(emit(r#"{"version": "1.0", "examples": {}}"#).unwrap(), None);
    }

    #[test]
    fn each_example_is_a_test_named_after_its_operation_and_number() {
        let text = emit_get_widget(r#"{"id": "w-1"}"#, "null").unwrap();
        assert!(text.contains("fn get_widget_example_1()"), "{text}");
        assert!(
            text.contains("use widget_kit::operation::get_widget;"),
            "{text}"
        );
        assert!(text.contains("\"WidgetService.GetWidget\""), "{text}");
        assert!(text.contains("/// Example 1: Get a widget."), "{text}");
    }

    #[test]
    fn an_example_without_output_checks_that_an_empty_output_parses() {
        let text = emit_get_widget(r#"{"id": "w-1"}"#, "null").unwrap();
        assert!(
            text.contains("get_widget::parse_response(&ok_response(&serde_json::json!({})))"),
            "{text}"
        );
    }

    #[test]
    fn values_are_built_with_setters_and_sent_in_wire_form() {
        let output = r#"{
            "widget": {"name": "w", "size": 3, "kind": "SMALL", "parts": ["a", "b"],
                       "updatedAt": "1458680301.4", "weight": 2.5},
            "tags": {"b": "2", "a": "1"},
            "createdAt": 1458680170
        }"#;
        let text = emit_get_widget(r#"{"id": "w-1", "limit": 7}"#, output).unwrap();
        for expected in [
            ".id(\"w-1\")",
            ".limit(7i64)",
            ".kind(Kind::from(\"SMALL\"))",
            ".parts(\"a\")",
            ".parts(\"b\")",
            ".weight(2.5)",
            "Timestamp::from_millisecond(1458680301400)",
            "Timestamp::from_millisecond(1458680170000)",
            "\"updatedAt\" : 1458680301.4",
            "\"createdAt\" : 1458680170",
            "assert_eq!(parsed, expected);",
        ] {
            assert!(
                text.contains(expected),
                "{expected} is missing from\n{text}"
            );
        }
        let a = text.find(".tags(\"a\", \"1\")").expect("the entry a");
        let b = text.find(".tags(\"b\", \"2\")").expect("the entry b");
        assert!(a < b, "map entries are set in key order");
    }

    #[test]
    fn omitted_required_output_members_take_their_zero_values() {
        let text = emit_get_widget(r#"{"id": "w-1"}"#, r#"{"widget": {"name": "w"}}"#).unwrap();
        for expected in [
            ".size(0)",
            ".kind(Kind::from(\"\"))",
            ".set_parts(Some(Vec::new()))",
            "Timestamp::from_millisecond(0)",
            ".weight(0.0)",
            "`output.widget.size`",
        ] {
            assert!(
                text.contains(expected),
                "{expected} is missing from\n{text}"
            );
        }
        assert!(!text.contains(".note("), "optional members stay unset");
    }

    #[test]
    fn a_member_the_model_lacks_is_an_error_naming_the_example_and_member() {
        let error = emit_get_widget(
            r#"{"id": "w-1"}"#,
            r#"{"widget": {"name": "w", "colour": "red"}}"#,
        )
        .unwrap_err()
        .to_string();
        assert_eq!(
            error,
            "the model's examples: shape `com.amazonaws.widgets#GetWidget`: example 1 \
             (\"Get a widget\"), `output.widget`: `Widget` has no member `colour`"
        );
    }

    #[test]
    fn an_input_without_a_required_member_is_an_error() {
        let error = emit_get_widget(r#"{"limit": 1}"#, "null")
            .unwrap_err()
            .to_string();
        assert!(error.contains("`input.id`"), "{error}");
        assert!(error.contains("omits this required member"), "{error}");
    }

    #[test]
    fn a_value_of_the_wrong_type_is_an_error() {
        let error = emit_get_widget(r#"{"id": 5}"#, "null")
            .unwrap_err()
            .to_string();
        assert!(
            error.contains("`input.id`: expected a string for `Text`, found 5"),
            "{error}"
        );
    }

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
    fn epoch_seconds_are_written_as_the_crate_writes_them() {
        assert_eq!(
            epoch_seconds(1458680301400),
            serde_json::json!(1458680301.4)
        );
        assert_eq!(epoch_seconds(1458680301000), serde_json::json!(1458680301));
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
    fn base64_pads_to_whole_groups() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64(b"foobar"), "Zm9vYmFy");
    }

    #[test]
    fn zero_values_match_what_the_crate_reads_for_missing_members() {
        assert_eq!(zero_json(&ShapeKind::String), Some(Value::from("")));
        assert_eq!(zero_json(&ShapeKind::Timestamp), Some(Value::from(0)));
        assert_eq!(zero_json(&ShapeKind::Union(Vec::new())), None);
    }
}
