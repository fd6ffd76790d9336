//! The model's examples as tests of the generated crate: `tests/examples.rs`.
//!
//! Every example of an operation becomes one `#[test]`. It builds the example's input with the
//! builders, serializes it, and compares the request body with the example's input in wire form.
//! Then it reads the example's output, in wire form, as a successful response and compares what
//! `parse_response` returns with the output the builders make from the example.
//!
//! Values are built from the example's JSON guided by the model's shapes; a timestamp may be
//! epoch seconds or an ISO-8601 date-time with a UTC offset, read as its instant. An example the
//! shapes cannot hold (a member the model does not have, a string where a number belongs, a
//! required input member left out, a date-time in no exact form) is skipped, with a
//! [`NoteKind::SkippedExample`] note naming the example and the reason: the rest of the crate
//! and the other examples are generated as usual.

use std::collections::BTreeSet;
use std::fmt;

use proc_macro2::TokenStream;
use quote::quote;
use serde_json::{Map, Number, Value};

use super::context::{Context, Imports, doc_lines, ident, inner_doc_lines};
use super::values::{
    Omitted, Side, ValueError, Values, default_json, example_timestamp_millis, json_tokens,
    present, set_members, sorted_entries,
};
use crate::error::{Error, Result};
use crate::model::{
    Example, Member, Note, NoteKind, Operation, ShapeId, ShapeKind, TimestampFormat,
};
use crate::naming;
use crate::symbols::{Home, strip_raw};

/// What errors about examples name as the file: the examples are a side file of the model.
const EXAMPLES: &str = "the model's examples";

/// The examples' test file and the examples left out of it.
#[derive(Default)]
pub struct ExamplesFile {
    /// `tests/examples.rs`, or `None` when no example makes a test.
    pub tokens: Option<TokenStream>,
    /// One [`NoteKind::SkippedExample`] note per example that does not fit the model.
    pub notes: Vec<Note>,
}

/// `tests/examples.rs`, or `None` when no operation has an example that fits the model, and a
/// note for each example that does not. `crate_name` is the generated package's name, which the
/// test file reaches the crate by.
pub fn emit_examples_file(ctx: &Context<'_>, crate_name: &str) -> ExamplesFile {
    let lib = crate_name.replace('-', "_");
    // Nothing is defined in the test file: every type comes in through `Imports::item`.
    let mut imports = Imports::new(
        ctx.symbols,
        Home::Operation {
            module: String::new(),
        },
    );
    let mut names = BTreeSet::new();
    let mut tests = Vec::new();
    let mut notes = Vec::new();
    for (id, operation) in ctx.model.operations() {
        for (index, example) in operation.examples.iter().enumerate() {
            let place = ExamplePlace {
                operation: id,
                number: index + 1,
                title: &example.title,
            };
            // A skipped example leaves no imports behind.
            let mut test_imports = imports.clone();
            let test = test_name(&ctx.symbols.operation(id).module, place.number)
                .map_err(|e| Error::shape(EXAMPLES, id, e.to_string()))
                .and_then(|name| {
                    if names.contains(&name) {
                        return Err(Error::shape(
                            EXAMPLES,
                            id,
                            format!("two examples would make the test `{name}`"),
                        ));
                    }
                    let mut emitter = TestEmitter {
                        ctx,
                        lib: &lib,
                        imports: &mut test_imports,
                        place,
                    };
                    let test = emitter.test(&name, operation, example)?;
                    names.insert(name);
                    Ok(test)
                });
            match test {
                Ok(test) => {
                    tests.push(test);
                    imports = test_imports;
                }
                Err(error) => notes.push(Note {
                    kind: NoteKind::SkippedExample,
                    text: format!("not generated as a test: {error}"),
                }),
            }
        }
    }
    if tests.is_empty() {
        return ExamplesFile {
            tokens: None,
            notes,
        };
    }
    let docs = inner_doc_lines(
        "Tests made from the examples in the service model, one per example: each builds the \
         example's input with the builders and checks the request `serialize_request` makes, \
         then reads the example's output as a response and checks that `parse_response` gives \
         the output the builders make from the example.",
    );
    let uses = imports.to_tokens();
    let helpers = helpers(ctx);
    // The file is a crate root, which rustfmt would reformat (making it stale); it leaves a
    // module marked `skip` alone.
    let tokens = quote! {
        #docs
        /// The examples, one test each.
        #[rustfmt::skip]
        mod model_examples {
            #uses
            #helpers
            #(#tests)*
        }
    };
    ExamplesFile {
        tokens: Some(tokens),
        notes,
    }
}

/// The test functions' shared helpers: JSON comparison, and the protocol's request check and
/// response maker (`check_request`, `ok_response`).
fn helpers(ctx: &Context<'_>) -> TokenStream {
    let protocol_helpers = crate::protocol::for_model(ctx.model).emit_example_helpers();
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

        #protocol_helpers
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

    /// A value the shapes cannot hold, as an error about this example.
    fn value_error(&self, error: ValueError) -> Error {
        self.error(&error.path, error.problem)
    }
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
        let input_id = operation.input_id();
        let output_id = operation.output_id();
        let symbol = self.ctx.symbols.operation(self.place.operation);
        let module = self.imports.item(&[self.lib, "operation", &symbol.module]);
        let target = crate::protocol::for_model(self.ctx.model)
            .operation_marker(self.ctx, self.place.operation);

        let empty = Value::Object(Map::new());
        let input = present(example.input.as_ref()).unwrap_or(&empty);
        let input_shape = self.ctx.shape(input_id);
        if super::structure::streams(self.ctx, input_id) {
            return Err(self.place.error(
                "input",
                "the operation's input streams its payload, which the example's JSON does not \
                 describe",
            ));
        }
        if let ShapeKind::Structure(members) = &input_shape.kind {
            for member in members {
                let label = matches!(member.binding, Some(crate::model::Binding::Label { .. }));
                if label && input.get(&member.name).and_then(Value::as_str) == Some("") {
                    return Err(self.place.error(
                        &format!("input.{}", member.name),
                        "is empty, and it is a label of the request URI: the crate refuses to \
                         send an empty label, which would change the request's path",
                    ));
                }
            }
        }
        let mut zero_filled = Vec::new();
        let input_value = self.value(input_id, input, Side::Input, &mut zero_filled)?;
        let input_wire = json_tokens(&self.wire(input_id, input, Side::Input)?);
        let output_check = match present(example.output.as_ref()) {
            Some(output) => {
                self.body_only(output_id, output)?;
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
            side,
            omitted: Omitted::Zero,
            source: "example",
            filled: zero_filled,
            iso8601: true,
        };
        values
            .build(id, json, side.name())
            .map_err(|e| self.place.value_error(e))
    }

    /// One side's value in wire form.
    /// Fails unless every member `output` (the example's output) sets is read from the JSON
    /// body: the test's response carries the output as its body, so a member bound to the
    /// status code, a header or the payload (restJson1's bindings) would not be where the
    /// crate reads it.
    fn body_only(&self, output_id: &ShapeId, output: &Value) -> Result<()> {
        let Value::Object(given) = output else {
            return Ok(());
        };
        let bound = self
            .ctx
            .shape(output_id)
            .kind
            .members()
            .into_iter()
            .find(|member| member.binding.is_some() && given.contains_key(&member.name));
        match bound {
            Some(member) => Err(self.place.error(
                &format!("output.{}", member.name),
                "the member is bound outside the body (status code, header or payload), \
                 which the example tests do not place yet",
            )),
            None => Ok(()),
        }
    }

    fn wire(&self, id: &ShapeId, json: &Value, side: Side) -> Result<Value> {
        let wire = Wire {
            ctx: self.ctx,
            place: self.place,
            side,
        };
        wire.value(id, None, json, side.name())
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
                let millis = example_timestamp_millis(json).ok_or_else(|| {
                    self.place.error(
                        path,
                        "expected epoch seconds with at most 3 decimals, or an ISO-8601 \
                         date-time with a UTC offset, exact to the millisecond",
                    )
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
                let members = set_members(members, symbols, object, path, id)
                    .map_err(|e| self.place.value_error(e))?;
                for (member, _, json) in members {
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

    /// The rendered test file for `examples` (the `examples-1.json` text) with [`MODEL`], and
    /// the notes about the examples it skips.
    fn emit_with_notes(examples: &str) -> Result<(Option<String>, Vec<Note>)> {
        emit_model_with_notes(MODEL, examples)
    }

    /// The rendered test file for `examples` with `model`, and the notes about the examples
    /// it skips.
    fn emit_model_with_notes(model: &str, examples: &str) -> Result<(Option<String>, Vec<Note>)> {
        let mut source = ModelSource::from_text("service-2.json", model);
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
        let file = emit_examples_file(&ctx, "widget-kit");
        let text = file
            .tokens
            .map(|tokens| crate::render::render_rust("tests/examples.rs", "m", tokens))
            .transpose()?;
        Ok((text, file.notes))
    }

    /// The rendered test file for `examples`, which must skip none.
    fn emit(examples: &str) -> Result<Option<String>> {
        let (text, notes) = emit_with_notes(examples)?;
        assert_eq!(notes, Vec::new());
        Ok(text)
    }

    /// The one note about the skipped `GetWidget` example with this input and output; the
    /// test file then has no test.
    fn skipped_get_widget(input: &str, output: &str) -> String {
        let (text, notes) = emit_with_notes(&get_widget(input, output)).unwrap();
        assert_eq!(text, None, "the only example is skipped");
        assert_eq!(notes.len(), 1, "{notes:?}");
        assert_eq!(notes[0].kind, NoteKind::SkippedExample);
        notes[0].text.clone()
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
    fn an_empty_uri_label_skips_the_example() {
        // restJson1, with `id` bound to the URI.
        let model = MODEL
            .replace(r#""protocol": "json""#, r#""protocol": "rest-json""#)
            .replace(
                r#""requestUri": "/"},
          "input": {"shape": "GetWidgetRequest"}"#,
                r#""requestUri": "/widgets/{id}"},
          "input": {"shape": "GetWidgetRequest"}"#,
            )
            .replace(
                r#""members": {"id": {"shape": "Text"}, "limit""#,
                r#""members": {"id": {"shape": "Text", "location": "uri", "locationName": "id"}, "limit""#,
            );
        assert!(model.contains("/widgets/{id}") && model.contains(r#""location": "uri""#));
        let (text, notes) =
            emit_model_with_notes(&model, &get_widget(r#"{"id": ""}"#, "null")).unwrap();
        assert_eq!(text, None, "the only example is skipped");
        assert_eq!(notes.len(), 1, "{notes:?}");
        assert!(
            notes[0].text.contains("`input.id`") && notes[0].text.contains("empty"),
            "{}",
            notes[0].text
        );
        // The same example with a value makes a test.
        let (text, notes) =
            emit_model_with_notes(&model, &get_widget(r#"{"id": "w"}"#, "null")).unwrap();
        assert!(text.is_some() && notes.is_empty(), "{notes:?}");
    }

    #[test]
    fn an_output_member_bound_outside_the_body_skips_the_example() {
        // restJson1, with `createdAt` read from a header.
        let model = MODEL
            .replace(r#""protocol": "json""#, r#""protocol": "rest-json""#)
            .replace(
                r#""createdAt": {"shape": "Time"}"#,
                r#""createdAt": {"shape": "Time", "location": "header", "locationName": "X-Created"}"#,
            );
        let output = r#"{"widget": {"name": "w", "size": 1, "kind": "SMALL", "parts": [],
            "updatedAt": 0, "weight": 1.5}, "createdAt": 0}"#;
        let (text, notes) =
            emit_model_with_notes(&model, &get_widget(r#"{"id": "w"}"#, output)).unwrap();
        assert_eq!(text, None, "the only example is skipped");
        assert_eq!(notes.len(), 1, "{notes:?}");
        assert!(
            notes[0]
                .text
                .contains("`output.createdAt`: the member is bound outside the body"),
            "{}",
            notes[0].text
        );
        // Without the header member, the example makes its test.
        let output = r#"{"widget": {"name": "w", "size": 1, "kind": "SMALL", "parts": [],
            "updatedAt": 0, "weight": 1.5}}"#;
        let (text, notes) =
            emit_model_with_notes(&model, &get_widget(r#"{"id": "w"}"#, output)).unwrap();
        assert_eq!(notes, Vec::new());
        assert!(text.is_some());
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
    fn a_member_the_model_lacks_skips_the_example_naming_it_and_the_member() {
        let note = skipped_get_widget(
            r#"{"id": "w-1"}"#,
            r#"{"widget": {"name": "w", "colour": "red"}}"#,
        );
        assert_eq!(
            note,
            "not generated as a test: the model's examples: shape \
             `com.amazonaws.widgets#GetWidget`: example 1 (\"Get a widget\"), `output.widget`: \
             `Widget` has no member `colour`"
        );
    }

    #[test]
    fn an_input_without_a_required_member_skips_the_example() {
        let note = skipped_get_widget(r#"{"limit": 1}"#, "null");
        assert!(note.contains("`input.id`"), "{note}");
        assert!(note.contains("omits this required member"), "{note}");
    }

    #[test]
    fn a_value_of_the_wrong_type_skips_the_example() {
        let note = skipped_get_widget(r#"{"id": 5}"#, "null");
        assert!(
            note.contains("`input.id`: expected a string for `Text`, found 5"),
            "{note}"
        );
    }

    #[test]
    fn a_skipped_example_leaves_the_others_and_no_imports() {
        let examples = r#"{"version": "1.0", "examples": {"GetWidget": [
            {"title": "Bad", "input": {"id": "w-1"},
             "output": {"widget": {"name": "w", "kind": "SMALL", "updatedAt": "Tuesday"}}},
            {"title": "Good", "input": {"id": "w-2"}, "output": null}
        ]}}"#;
        let (text, notes) = emit_with_notes(examples).unwrap();
        let text = text.expect("the second example makes a test");
        assert!(!text.contains("fn get_widget_example_1()"), "{text}");
        assert!(text.contains("fn get_widget_example_2()"), "{text}");
        // Only the skipped example named `Kind`.
        assert!(!text.contains("Kind"), "{text}");
        assert_eq!(notes.len(), 1, "{notes:?}");
        assert!(
            notes[0]
                .text
                .contains("example 1 (\"Bad\"), `output.widget.updatedAt`: expected epoch"),
            "{notes:?}"
        );
    }

    #[test]
    fn iso8601_timestamps_are_read_as_their_instant() {
        let output = r#"{
            "widget": {"name": "w", "updatedAt": "2016-11-21T19:49:20.006+0000"},
            "createdAt": "20170214T1215Z"
        }"#;
        let text: String = emit_get_widget(r#"{"id": "w-1"}"#, output)
            .unwrap()
            .split_whitespace()
            .collect();
        for expected in [
            "Timestamp::from_millisecond(1479757760006)",
            "Timestamp::from_millisecond(1487074500000)",
            "\"updatedAt\":1479757760.006",
            "\"createdAt\":1487074500}",
        ] {
            assert!(
                text.contains(expected),
                "{expected} is missing from\n{text}"
            );
        }
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
    fn base64_pads_to_whole_groups() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64(b"foobar"), "Zm9vYmFy");
    }
}
