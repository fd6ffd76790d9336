//! Protocol compliance tests as tests of the generated crate: `tests/protocol_tests.rs`.
//!
//! Every client case of the model's `smithy.test#httpRequestTests` and
//! `smithy.test#httpResponseTests` traits, on operations and on error structures, becomes one
//! `#[test]`:
//!
//! - a request case builds its `params` as the operation's input with the builders, calls
//!   `serialize_request`, and checks the method, the path, the query (`queryParams`,
//!   `forbidQueryParams`, `requireQueryParams`), the headers (`headers`, `forbidHeaders`,
//!   `requireHeaders`), the host (`host` with the request's host prefix must be
//!   `resolvedHost`) and the body (as JSON values for `application/json`, else byte for byte);
//! - a response case makes an `http::Response` of its code, headers and body, calls the
//!   operation's `parse_response`, and compares the output (or, for a case on an error, the
//!   error variant of the first operation that lists it) with the `params` built the same way.
//!   Values are compared with `Same`: `==`, except that NaN is the same as NaN, member by
//!   member so that a failure lists each difference at its path (`output.dialog.greeting`);
//!   JSON bodies are compared the same way (`body.topLevelDefault`).
//!
//! The cases of a botocore protocol test suite that describe the model
//! ([`ProtocolTests::Botocore`]) become `#[test]`s the same way, with what botocore's runner
//! checks (`botocore.rs`): the path and query as one string, and, for a case expecting an
//! error, its code and message, then the variant of the operation's modelled error of that
//! code with its members, or `Unhandled`.
//!
//! A case whose params the crate's types cannot hold (a `null` in a list that is not sparse)
//! becomes a test that fails saying so, and a case in [`SKIPS`] an `#[ignore = "reason"]` test,
//! so the tests of a service are always exactly its cases.

mod botocore;
mod cases;
mod harness;

use std::collections::BTreeSet;

use proc_macro2::TokenStream;
use quote::quote;
use serde_json::{Map, Value};

pub use self::botocore::{BotocoreCases, botocore_cases, suite_case_id, suite_case_kind};
pub use self::cases::{
    Case, CaseKind, ExpectedError, ExpectedRequest, GivenResponse, Http, REQUEST_TESTS,
    RESPONSE_TESTS, SKIPS, SMITHY, Skip, client_cases, skip_reason,
};
use super::context::{Context, Imports, doc_lines, ident, inner_doc_lines};
use super::values::{Omitted, Side, ValueError, Values};
use crate::error::Result;
use crate::model::{Model, ShapeId, ShapeKind};
use crate::symbols::{Home, RustType};

/// The module the test file's tests are in, which their libtest names start with
/// (`protocol_tests::aws_json11_enums_request`).
pub const TEST_MODULE: &str = "protocol_tests";

/// Where a crate's protocol test cases come from.
#[derive(Debug, Clone, Default, PartialEq)]
pub enum ProtocolTests {
    /// The model's own `smithy.test#httpRequestTests` and `smithy.test#httpResponseTests`
    /// traits: Smithy's protocol tests.
    #[default]
    Model,
    /// The cases of a botocore protocol test suite that describe the model.
    Botocore(Box<BotocoreCases>),
}

impl ProtocolTests {
    /// The client cases for `model`, with their skips.
    ///
    /// # Errors
    ///
    /// A malformed case, or two cases of one test name.
    pub fn cases(&self, model: &Model) -> Result<Vec<Case>> {
        match self {
            ProtocolTests::Model => client_cases(model),
            ProtocolTests::Botocore(cases) => botocore_cases(model, cases, SKIPS),
        }
    }

    /// The test file's description.
    fn about(&self, model: &Model) -> String {
        let service = format!("`{}` ({})", model.service.id, model.service.protocol.name());
        match self {
            ProtocolTests::Model => format!(
                "Smithy's protocol compliance tests of {service}, one per client case of its \
                 `httpRequestTests` and `httpResponseTests`: each request case builds its params \
                 with the builders and checks the request `serialize_request` makes; each \
                 response case reads its response with `parse_response` and compares the result \
                 with its params."
            ),
            ProtocolTests::Botocore(cases) => format!(
                "botocore's protocol test cases of entry {} of `{}.json` (`{}`) as tests of \
                 {service}, one per case, checked as botocore's `tests/unit/test_protocols.py` \
                 checks them: each request case builds its params with the builders and checks \
                 the request `serialize_request` makes against `serialized`; each response case \
                 reads its response with `parse_response` and compares the output with \
                 `result`, or the error with `errorCode`, `errorMessage` and `error`.",
                cases.entry, cases.file, cases.description
            ),
        }
    }
}

/// `tests/protocol_tests.rs`, or `None` when the model has no client protocol test case.
/// `crate_name` is the generated package's name, which the test file reaches the crate by;
/// `tests` says where the cases come from.
pub fn emit_protocol_tests_file(
    ctx: &Context<'_>,
    crate_name: &str,
    tests: &ProtocolTests,
) -> Result<Option<TokenStream>> {
    let about = tests.about(ctx.model);
    emit_cases(ctx, crate_name, &tests.cases(ctx.model)?, &about)
}

/// The test file for `cases`, described by `about`.
fn emit_cases(
    ctx: &Context<'_>,
    crate_name: &str,
    cases: &[Case],
    about: &str,
) -> Result<Option<TokenStream>> {
    if cases.is_empty() {
        return Ok(None);
    }
    let lib = crate_name.replace('-', "_");
    // Nothing is defined at the file's level: every type comes in through `Imports::item`.
    let mut imports = Imports::new(
        ctx.symbols,
        Home::Operation {
            module: String::new(),
        },
    );
    let mut compared = BTreeSet::new();
    let mut tests = Vec::new();
    for case in cases {
        let mut emitter = CaseEmitter {
            ctx,
            lib: &lib,
            imports: &mut imports,
            compared: &mut compared,
        };
        tests.push(emitter.test(case));
    }
    let same_impls = same_impls(ctx, &lib, &compared, &mut imports);
    let docs = inner_doc_lines(about);
    let uses = imports.to_tokens();
    let sent = harness::sent_helper(&ident(&lib));
    let harness = harness::harness_module(&ident(&lib));
    let module = ident(TEST_MODULE);
    // The file is a crate root, which rustfmt would reformat (making it stale); it leaves a
    // module marked `skip` alone.
    Ok(Some(quote! {
        #docs
        /// The cases, one test each.
        #[rustfmt::skip]
        // A case that cannot be run may have imported the types it began to build.
        #[allow(dead_code, unused_imports)]
        mod #module {
            #sent
            #uses
            #harness
            #same_impls
            #(#tests)*
        }
    }))
}

/// A test's body, and the paths of the output members the case omits that its expected value
/// fills in.
type Filled = (TokenStream, Vec<String>);

/// Emits the test of one case, importing the types it names.
struct CaseEmitter<'c, 'a> {
    ctx: &'c Context<'a>,
    /// The generated crate's library name.
    lib: &'c str,
    imports: &'c mut Imports,
    /// The shapes whose values the response tests compare, which need `Same`.
    compared: &'c mut BTreeSet<ShapeId>,
}

impl CaseEmitter<'_, '_> {
    /// The `#[test]` function of `case`.
    fn test(&mut self, case: &Case) -> TokenStream {
        let body = match &case.http {
            // Nothing of the operation is generated: the test is skipped, with the reason.
            _ if case.left_out => Ok((TokenStream::new(), Vec::new())),
            Http::Request(expected) => self.request_body(case, expected),
            Http::Response(given) => self.response_body(case, given),
        };
        let (body, filled) = body.unwrap_or_else(|problem| {
            let message = format!("the case cannot be run: {problem}");
            (quote! { panic!(#message); }, Vec::new())
        });
        let mut doc = format!("Case `{}` ({}) of `{}`.", case.id, case.kind, case.shape);
        if let Some(documentation) = &case.documentation {
            doc = format!("{}\n\n{doc}", documentation.trim());
        }
        if !filled.is_empty() {
            doc.push_str(&format!(
                "\n\nThe case omits {}; the expected value holds their defaults, else their \
                 zero values.",
                filled.join(", ")
            ));
        }
        let doc = doc_lines(&doc);
        let ignore = case
            .skip
            .as_deref()
            .map(|reason| quote! { #[ignore = #reason] });
        let name = ident(&case.test_name);
        quote! {
            #doc
            #[test]
            #ignore
            fn #name() {
                #body
            }
        }
    }

    /// The body of a request case's test, or why it cannot be run.
    fn request_body(&mut self, case: &Case, expected: &ExpectedRequest) -> Result<Filled, String> {
        let operation_id = &case.shape;
        let Some(ShapeKind::Operation(operation)) =
            self.ctx.model.shape(operation_id).map(|s| &s.kind)
        else {
            return Err(format!("`{operation_id}` is not an operation"));
        };
        let input_id = operation.input_id();
        let (input, _) = self.value(input_id, case.params.as_ref(), Side::Input)?;
        let module = self.operation_module(operation_id);
        let strs = |items: &[String]| quote! { &[#(#items),*] };
        let option = |item: &Option<String>| match item {
            Some(text) => quote! { Some(#text) },
            None => quote! { None },
        };
        let method = option(&expected.method);
        let uri = &expected.uri;
        let uri_with_query = expected.uri_with_query;
        let host = option(&expected.host);
        let resolved_host = option(&expected.resolved_host);
        let query_params = strs(&expected.query_params);
        let forbid_query_params = strs(&expected.forbid_query_params);
        let require_query_params = strs(&expected.require_query_params);
        let headers = pairs(&expected.headers);
        let forbid_headers = strs(&expected.forbid_headers);
        let require_headers = strs(&expected.require_headers);
        let body = option(&expected.body);
        let body_media_type = option(&expected.body_media_type);
        // An operation whose input streams takes it by value.
        let argument = if crate::emit::structure::streams(self.ctx, input_id) {
            quote!(input)
        } else {
            quote!(&input)
        };
        Ok((
            quote! {
                let input = #input;
                // Smithy's cases expect this token wherever one is filled in.
                let sent = sent(service_runtime::with_idempotency_token(
                    "00000000-0000-4000-8000-000000000000",
                    || #module::serialize_request(#argument),
                ));
                harness::check_request(&sent, &harness::ExpectedRequest {
                    method: #method,
                    uri: #uri,
                    uri_with_query: #uri_with_query,
                    host: #host,
                    resolved_host: #resolved_host,
                    query_params: #query_params,
                    forbid_query_params: #forbid_query_params,
                    require_query_params: #require_query_params,
                    headers: #headers,
                    forbid_headers: #forbid_headers,
                    require_headers: #require_headers,
                    body: #body,
                    body_media_type: #body_media_type,
                });
            },
            Vec::new(),
        ))
    }

    /// The body of a response case's test, or why it cannot be run.
    fn response_body(&mut self, case: &Case, given: &GivenResponse) -> Result<Filled, String> {
        let code = given.code;
        let headers = pairs(&given.headers);
        let body = &given.body;
        let response = quote! {
            let response = harness::response(#code, #headers, #body);
        };
        let shape = self.ctx.shape(&case.shape);
        if let (ShapeKind::Operation(operation), Some(error)) = (&shape.kind, &case.expected_error)
        {
            return self.operation_error_body(case, operation, error, response);
        }
        if let ShapeKind::Operation(operation) = &shape.kind {
            let output_id = operation.output_id();
            let (expected, filled) = self.value(output_id, case.params.as_ref(), Side::Output)?;
            let module = self.operation_module(&case.shape);
            return Ok((
                quote! {
                    #response
                    let expected = #expected;
                    match #module::parse_response(&response) {
                        Ok(output) => harness::assert_same(&output, &expected, "output"),
                        Err(error) => panic!("expected the output, got the error {error:?}"),
                    }
                },
                filled,
            ));
        }
        // A case on an error: read it as a response of the first operation that lists it.
        let error_id = &case.shape;
        let Some(operation_id) = self
            .ctx
            .model
            .operations()
            .find(|(_, operation)| operation.errors.contains(error_id))
            .map(|(id, _)| id)
        else {
            return Err(format!(
                "no operation of the service lists the error `{error_id}`"
            ));
        };
        let (expected, filled) = self.value(error_id, case.params.as_ref(), Side::Output)?;
        let module = self.operation_module(operation_id);
        let symbol = self.ctx.symbols.operation(operation_id);
        let error_enum = self
            .imports
            .item(&[self.lib, "operation", &symbol.module, &symbol.error]);
        let variant = ident(&self.ctx.symbols.error_variant(error_id).name);
        let variant_name = &self.ctx.symbols.error_variant(error_id).name;
        let code_check = case
            .vendor_params
            .as_ref()
            .and_then(|params| params.get("code"))
            .and_then(Value::as_str)
            .map(|code| {
                quote! {
                    let code = parsed.as_ref().err().and_then(|error| error.code());
                    assert_eq!(code, Some(#code), "the error code (the case's vendorParams.code)");
                }
            });
        let unexpected = format!("expected the `{variant_name}` error, got {{other:?}}");
        Ok((
            quote! {
                #response
                let expected = #expected;
                let parsed = #module::parse_response(&response);
                #code_check
                match parsed {
                    Err(#error_enum::#variant(error)) => harness::assert_same(&error, &expected, "error"),
                    other => panic!(#unexpected),
                }
            },
            filled,
        ))
    }

    /// The body of a response case on an operation that expects an error (botocore's): the
    /// error's code and message, then the variant of the operation's modelled error of that
    /// code with the case's members, or `Unhandled` when no modelled error has the code.
    fn operation_error_body(
        &mut self,
        case: &Case,
        operation: &crate::model::Operation,
        error: &ExpectedError,
        response: TokenStream,
    ) -> Result<Filled, String> {
        let module = self.operation_module(&case.shape);
        let symbol = self.ctx.symbols.operation(&case.shape);
        let error_enum = self
            .imports
            .item(&[self.lib, "operation", &symbol.module, &symbol.error]);
        let (code, message) = (&error.code, &error.message);
        let modelled = operation.errors.iter().find(|id| {
            let traits = &self.ctx.shape(id).traits;
            traits.error_code.as_deref().unwrap_or(id.name()) == code
        });
        let got_output = format!("expected the error `{code}`, got the output {{output:?}}");
        let head = quote! {
            #response
            let error = match #module::parse_response(&response) {
                Ok(output) => panic!(#got_output),
                Err(error) => error,
            };
            harness::check_error(error.code(), error.message(), #code, #message);
        };
        let Some(error_id) = modelled else {
            let has_members = case
                .params
                .as_ref()
                .and_then(Value::as_object)
                .is_some_and(|members| !members.is_empty());
            if has_members {
                return Err(format!(
                    "it expects members of the error `{code}`, which no error of the operation \
                     has as its code"
                ));
            }
            let unexpected = format!(
                "expected an error the operation does not model (`{code}`), got {{other:?}}"
            );
            return Ok((
                quote! {
                    #head
                    match error {
                        #error_enum::Unhandled(_) => {}
                        other => panic!(#unexpected),
                    }
                },
                Vec::new(),
            ));
        };
        let (expected, filled) = self.value(error_id, case.params.as_ref(), Side::Output)?;
        let variant_name = &self.ctx.symbols.error_variant(error_id).name;
        let variant = ident(variant_name);
        let unexpected = format!("expected the `{variant_name}` error, got {{other:?}}");
        Ok((
            quote! {
                #head
                let expected = #expected;
                match error {
                    #error_enum::#variant(error) => harness::assert_same(&error, &expected, "error"),
                    other => panic!(#unexpected),
                }
            },
            filled,
        ))
    }

    /// `operation::<module>`, imported.
    fn operation_module(&mut self, operation_id: &ShapeId) -> TokenStream {
        let symbol = self.ctx.symbols.operation(operation_id);
        self.imports.item(&[self.lib, "operation", &symbol.module])
    }

    /// The builder expression for `params` as a value of the structure `id`, and the paths of
    /// the output members it fills in because the params omit them.
    fn value(
        &mut self,
        id: &ShapeId,
        params: Option<&Value>,
        side: Side,
    ) -> Result<(TokenStream, Vec<String>), String> {
        if side == Side::Output {
            self.compared.insert(id.clone());
        }
        let empty = Value::Object(Map::new());
        let mut filled = Vec::new();
        let mut values = Values {
            ctx: self.ctx,
            lib: self.lib,
            imports: self.imports,
            side,
            omitted: Omitted::DefaultElseZero,
            source: "case",
            filled: &mut filled,
            iso8601: false,
        };
        let tokens = values
            .build(id, params.unwrap_or(&empty), side.name())
            .map_err(|ValueError { path, problem }| {
                format!("its params do not fit the model at `{path}`: {problem}")
            })?;
        Ok((tokens, filled))
    }
}

/// `&[("name", "value"), …]`.
fn pairs(pairs: &[(String, String)]) -> TokenStream {
    let pairs = pairs.iter().map(|(name, value)| quote! { (#name, #value) });
    quote! { &[#(#pairs),*] }
}

/// `impl Same` for every generated type a compared value can hold: member by member for
/// structures and unions, so a difference is reported at its path; `==` for enums.
fn same_impls(
    ctx: &Context<'_>,
    lib: &str,
    compared: &BTreeSet<ShapeId>,
    imports: &mut Imports,
) -> TokenStream {
    let reached = named_types_reached(ctx, compared);
    let mut by_eq = Vec::new();
    let mut impls = Vec::new();
    for id in &reached {
        let symbol = ctx.symbols.type_of(id);
        let mut path = vec![lib.to_owned()];
        path.extend(symbol.home.public_path());
        path.push(symbol.name.clone());
        let path: Vec<&str> = path.iter().map(String::as_str).collect();
        let ty = imports.item(&path);
        let members = ctx.symbols.members(id);
        let body = match &ctx.shape(id).kind {
            ShapeKind::Structure(_) => {
                let fields = members.iter().map(|member| {
                    let field = ident(&member.name);
                    let at = member_path(&member.wire_name);
                    quote! {
                        harness::Same::differences(&self.#field, &expected.#field, &format!(#at), found);
                    }
                });
                quote! { #(#fields)* }
            }
            ShapeKind::Union(_) => {
                let arms = members.iter().map(|member| {
                    let variant = ident(&member.name);
                    let at = member_path(&member.wire_name);
                    quote! {
                        (Self::#variant(a), Self::#variant(b)) => {
                            harness::Same::differences(a, b, &format!(#at), found);
                        }
                    }
                });
                quote! {
                    match (self, expected) {
                        #(#arms)*
                        _ if self == expected => {}
                        _ => found.push(format!("{path}: parsed {self:?}, expected {expected:?}")),
                    }
                }
            }
            _ => {
                by_eq.push(ty);
                continue;
            }
        };
        impls.push(quote! {
            impl harness::Same for #ty {
                fn differences(&self, expected: &Self, path: &str, found: &mut Vec<String>) {
                    #body
                }
            }
        });
    }
    let by_eq = harness::same_by_eq(&quote!(harness::Same), &by_eq);
    quote! {
        #by_eq
        #(#impls)*
    }
}

/// The format string of a member's path below `path`: `{path}.member`.
fn member_path(wire_name: &str) -> String {
    format!(
        "{{path}}.{}",
        wire_name.replace('{', "{{").replace('}', "}}")
    )
}

/// The structures, unions and enums values of the shapes in `roots` can hold, roots included.
fn named_types_reached(ctx: &Context<'_>, roots: &BTreeSet<ShapeId>) -> BTreeSet<ShapeId> {
    let mut seen = BTreeSet::new();
    let mut pending: Vec<ShapeId> = roots.iter().cloned().collect();
    while let Some(id) = pending.pop() {
        if seen.contains(&id) {
            continue;
        }
        pending.extend(
            ctx.shape(&id)
                .kind
                .members()
                .into_iter()
                .map(|m| m.target.clone()),
        );
        seen.insert(id);
    }
    seen.into_iter()
        .filter(|id| matches!(ctx.symbols.rust_type(ctx.model, id), RustType::Named(_)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::cases::client_cases_with;
    use super::*;
    use crate::model::Model;
    use crate::source::ModelSource;
    use crate::symbols::Symbols;

    /// A service with one operation and one error, each with cases, among them a server case
    /// and a case of another protocol.
    fn model_json() -> serde_json::Value {
        serde_json::json!({
            "smithy": "2.0",
            "shapes": {
                "ns#Svc": {
                    "type": "service", "version": "1",
                    "operations": [{ "target": "ns#Op" }],
                    "traits": { "aws.protocols#awsJson1_1": {} }
                },
                "ns#Op": {
                    "type": "operation",
                    "input": { "target": "ns#OpInput" },
                    "output": { "target": "ns#OpOutput" },
                    "errors": [{ "target": "ns#Oops" }],
                    "traits": {
                        "smithy.test#httpRequestTests": [
                            {
                                "id": "SendsName", "protocol": "aws.protocols#awsJson1_1",
                                "documentation": "Sends the name.",
                                "method": "POST", "uri": "/", "params": { "name": "a" },
                                "headers": { "X-Amz-Target": "Svc.Op" },
                                "requireHeaders": ["Content-Length"],
                                "body": "{\"name\":\"a\"}", "bodyMediaType": "application/json"
                            },
                            {
                                "id": "ServerOnly", "protocol": "aws.protocols#awsJson1_1",
                                "method": "POST", "uri": "/", "appliesTo": "server"
                            },
                            {
                                "id": "OtherProtocol", "protocol": "aws.protocols#restJson1",
                                "method": "POST", "uri": "/"
                            },
                            {
                                "id": "SendsNulls", "protocol": "aws.protocols#awsJson1_1",
                                "method": "POST", "uri": "/",
                                "params": { "maybeNames": ["a", null] }
                            },
                            {
                                "id": "SparseNull", "protocol": "aws.protocols#awsJson1_1",
                                "method": "POST", "uri": "/", "params": { "names": [null] },
                                "host": "example.com", "resolvedHost": "foo.example.com"
                            }
                        ],
                        "smithy.test#httpResponseTests": [
                            {
                                "id": "ReadsRatio", "protocol": "aws.protocols#awsJson1_1",
                                "code": 200, "body": "{\"ratio\":\"NaN\"}",
                                "params": { "ratio": "NaN" }, "appliesTo": "client"
                            }
                        ]
                    }
                },
                "ns#OpInput": {
                    "type": "structure",
                    "members": {
                        "name": { "target": "smithy.api#String" },
                        "names": { "target": "ns#Names" },
                        "maybeNames": { "target": "ns#MaybeNames" }
                    }
                },
                "ns#Names": { "type": "list", "member": { "target": "smithy.api#String" } },
                "ns#MaybeNames": {
                    "type": "list",
                    "member": { "target": "smithy.api#String" },
                    "traits": { "smithy.api#sparse": {} }
                },
                "ns#Kind": {
                    "type": "enum",
                    "members": {
                        "SMALL": {
                            "target": "smithy.api#Unit",
                            "traits": { "smithy.api#enumValue": "small" }
                        }
                    }
                },
                "ns#OpOutput": {
                    "type": "structure",
                    "members": {
                        "ratio": { "target": "smithy.api#Double" },
                        "kind": { "target": "ns#Kind" },
                        "count": {
                            "target": "smithy.api#Integer",
                            "traits": { "smithy.api#default": 5 }
                        }
                    }
                },
                "ns#Oops": {
                    "type": "structure",
                    "members": { "message": { "target": "smithy.api#String" } },
                    "traits": {
                        "smithy.api#error": "client",
                        "smithy.test#httpResponseTests": [{
                            "id": "ReadsOops", "protocol": "aws.protocols#awsJson1_1",
                            "code": 400, "headers": { "X-Amzn-Errortype": "Oops" }, "body": "{}",
                            "params": { "message": "m" }, "vendorParams": { "code": "Custom" }
                        }]
                    }
                }
            }
        })
    }

    fn model_of(json: &serde_json::Value) -> Result<Model> {
        let source = ModelSource::from_text("m.json", json.to_string());
        crate::transform::run(crate::load::load(&source)?, None)
    }

    /// The rendered test file of the model's cases, with `skips`.
    fn emit(skips: &[Skip]) -> String {
        let model = model_of(&model_json()).unwrap();
        let symbols = Symbols::new(&model, "m.json").unwrap();
        let ctx = Context {
            model: &model,
            symbols: &symbols,
            validated: BTreeSet::new(),
        };
        let cases = client_cases_with(&model, skips).unwrap();
        let tokens = emit_cases(&ctx, "svc-kit", &cases, "The cases.")
            .unwrap()
            .unwrap();
        crate::render::render_rust("tests/protocol_tests.rs", "m.json", tokens).unwrap()
    }

    /// The test function `name` with its docs and attributes, without whitespace, so checks
    /// do not depend on where the formatter breaks lines.
    fn test_fn(text: &str, name: &str) -> String {
        let item = text
            .split("\n    }\n")
            .find(|item| item.contains(&format!("fn {name}()")))
            .unwrap_or_else(|| panic!("no test {name} in\n{text}"));
        squash(item)
    }

    fn squash(text: &str) -> String {
        text.split_whitespace().collect()
    }

    #[test]
    fn client_cases_of_the_service_protocol_are_read_in_model_order() {
        let model = model_of(&model_json()).unwrap();
        let cases = client_cases(&model).unwrap();
        let found: Vec<(&str, CaseKind, &str)> = cases
            .iter()
            .map(|c| (c.id.as_str(), c.kind, c.test_name.as_str()))
            .collect();
        assert_eq!(
            found,
            [
                ("SendsName", CaseKind::Request, "sends_name_request"),
                ("SendsNulls", CaseKind::Request, "sends_nulls_request"),
                ("SparseNull", CaseKind::Request, "sparse_null_request"),
                ("ReadsRatio", CaseKind::Response, "reads_ratio_response"),
                ("ReadsOops", CaseKind::Response, "reads_oops_response"),
            ]
        );
        assert_eq!(cases[4].shape, ShapeId::new("ns", "Oops"));
        let Http::Request(request) = &cases[2].http else {
            panic!("a request case");
        };
        assert_eq!(request.resolved_host.as_deref(), Some("foo.example.com"));
    }

    #[test]
    fn a_request_case_builds_its_params_and_checks_the_request() {
        let text = emit(&[]);
        let test = test_fn(&text, "sends_name_request");
        for expected in [
            "/// Sends the name.",
            "/// Case `SendsName` (request) of `ns#Op`.",
            "OpInput::builder().name(\"a\").build()",
            "let sent = sent(service_runtime::with_idempotency_token(\"00000000-0000-4000-8000-000000000000\", || op::serialize_request(&input),),);",
            "headers: &[(\"X-Amz-Target\", \"Svc.Op\")],",
            "require_headers: &[\"Content-Length\"],",
            "body: Some(\"{\\\"name\\\":\\\"a\\\"}\"),",
            "body_media_type: Some(\"application/json\"),",
        ] {
            assert!(
                test.contains(&squash(expected)),
                "{expected} is missing from\n{test}"
            );
        }
        assert!(!text.contains("server_only"), "server cases are left out");
        assert!(
            !text.contains("other_protocol"),
            "other protocols' cases are left out"
        );
    }

    #[test]
    fn only_the_sent_helper_reads_the_request_api() {
        let text = emit(&[]);
        // Every request test hands what `serialize_request` returns straight to `sent`.
        let calls = squash(&text).matches("serialize_request(&input)").count();
        assert_eq!(calls, 2, "{text}");
        assert_eq!(
            squash(&text)
                .matches(&squash(
                    "let sent = sent(service_runtime::with_idempotency_token(\"00000000-0000-4000-8000-000000000000\", || op::serialize_request(&input),),);"
                ))
                .count(),
            calls
        );
        assert!(
            squash(&text).contains(&squash(
                "request: Result<http::Request<B>, svc_kit::error::SerializeError>"
            )),
            "{text}"
        );
        assert_eq!(text.matches("HostPrefix").count(), 1, "{text}");
    }

    #[test]
    fn a_sparse_list_is_set_whole_with_its_nulls() {
        let text = emit(&[]);
        let test = test_fn(&text, "sends_nulls_request");
        let expected = squash(".set_maybe_names(Some(vec![Some(\"a\".to_owned()), None]))");
        assert!(test.contains(&expected), "{test}");
    }

    #[test]
    fn params_the_types_cannot_hold_make_a_test_that_fails_saying_why() {
        let text = emit(&[]);
        let test = test_fn(&text, "sparse_null_request");
        let expected = squash(
            "panic!(\"the case cannot be run: its params do not fit the model at \
             `input.names[0]`: expected a string for `String`, found null\")",
        );
        assert!(test.contains(&expected), "{test}");
    }

    #[test]
    fn a_response_case_compares_the_output_nan_included_with_defaults_filled_in() {
        let text = emit(&[]);
        let test = test_fn(&text, "reads_ratio_response");
        for expected in [
            "harness::response(200u16, &[], \"{\\\"ratio\\\":\\\"NaN\\\"}\")",
            ".ratio(f64::NAN)",
            ".count(5)",
            "The case omits `output.count`",
            "Ok(output) => harness::assert_same(&output, &expected, \"output\"),",
        ] {
            assert!(
                test.contains(&squash(expected)),
                "{expected} is missing from\n{test}"
            );
        }
        // Structures are compared member by member, each difference at its path; enums by `==`.
        let text = squash(&text);
        for expected in [
            "impl harness::Same for OpOutput {",
            "harness::Same::differences(&self.ratio, &expected.ratio, \
             &format!(\"{path}.ratio\"), found",
            "impl harness::Same for Oops {",
            "impl harness::Same for Kind { fn differences(&self, expected: &Self, path: &str, \
             found: &mut Vec<String>) { if self != expected {",
        ] {
            assert!(
                text.contains(&squash(expected)),
                "{expected} is missing from\n{text}"
            );
        }
    }

    #[test]
    fn an_error_case_reads_the_error_through_an_operation_that_lists_it() {
        let text = emit(&[]);
        let test = test_fn(&text, "reads_oops_response");
        for expected in [
            "let parsed = op::parse_response(&response);",
            "assert_eq!(code, Some(\"Custom\")",
            "Err(OpError::Oops(error)) => harness::assert_same(&error, &expected, \"error\"),",
            "Oops::builder().message(\"m\").build()",
        ] {
            assert!(
                test.contains(&squash(expected)),
                "{expected} is missing from\n{test}"
            );
        }
    }

    #[test]
    fn a_skipped_case_is_an_ignored_test_with_its_reason() {
        let skips = [Skip {
            suite: SMITHY,
            id: "ReadsRatio",
            kind: CaseKind::Response,
            reason: "needs something out of scope",
        }];
        let text = emit(&skips);
        let test = test_fn(&text, "reads_ratio_response");
        assert!(
            test.contains(&squash(
                "#[test] #[ignore = \"needs something out of scope\"] fn reads_ratio_response()"
            )),
            "{test}"
        );
        assert!(!test_fn(&text, "sends_name_request").contains("ignore"));
    }

    #[test]
    fn a_model_without_cases_gets_no_test_file() {
        let mut json = model_json();
        let shapes = json["shapes"].as_object_mut().unwrap();
        shapes["ns#Op"]["traits"] = serde_json::json!({});
        shapes["ns#Oops"]["traits"] = serde_json::json!({ "smithy.api#error": "client" });
        let model = model_of(&json).unwrap();
        assert!(client_cases(&model).unwrap().is_empty());
        let symbols = Symbols::new(&model, "m.json").unwrap();
        let ctx = Context {
            model: &model,
            symbols: &symbols,
            validated: BTreeSet::new(),
        };
        assert!(
            emit_protocol_tests_file(&ctx, "svc", &ProtocolTests::Model)
                .unwrap()
                .is_none()
        );
    }

    #[test]
    fn a_malformed_case_is_an_error_naming_its_shape_and_field() {
        let mut json = model_json();
        json["shapes"]["ns#Oops"]["traits"]["smithy.test#httpResponseTests"][0]["code"] =
            serde_json::json!("400");
        let error = client_cases(&model_of(&json).unwrap())
            .unwrap_err()
            .to_string();
        assert_eq!(
            error,
            "the model's protocol tests: shape `ns#Oops`: `smithy.test#httpResponseTests`, \
             case `ReadsOops`: a response case needs a `code` from 100 to 999"
        );
    }

    #[test]
    fn two_cases_of_one_test_name_are_an_error() {
        let mut json = model_json();
        json["shapes"]["ns#Oops"]["traits"]["smithy.test#httpResponseTests"][0]["id"] =
            serde_json::json!("ReadsRatio");
        let error = client_cases(&model_of(&json).unwrap())
            .unwrap_err()
            .to_string();
        assert!(
            error.ends_with(
                "the response cases `ReadsRatio` (on `ns#Op`) and `ReadsRatio` would both be \
                 the test `reads_ratio_response`"
            ),
            "{error}"
        );
    }

    /// The rendered test file of a botocore suite of one entry: a request case and error cases
    /// of an operation with one modelled error (code `Custom`).
    fn emit_botocore() -> String {
        use crate::load::botocore_suite::suite_to_models;
        let given = serde_json::json!({
            "name": "Greet", "http": { "method": "POST", "requestUri": "/" },
            "input": { "shape": "GreetInput" }, "errors": [{ "shape": "Oops" }]
        });
        let suite = serde_json::json!([{
            "description": "Test cases for Greet operation",
            "metadata": {
                "protocol": "json", "protocols": ["json"], "apiVersion": "2018-01-01",
                "jsonVersion": "1.1", "targetPrefix": "Svc"
            },
            "shapes": {
                "GreetInput": { "type": "structure", "members": { "Name": { "shape": "String" } } },
                "Oops": {
                    "type": "structure", "exception": true, "error": { "code": "Custom" },
                    "members": { "Message": { "shape": "String" } }
                },
                "String": { "type": "string" }
            },
            "cases": [
                {
                    "id": "SendsName", "given": given, "params": { "Name": "a" },
                    "serialized": { "method": "POST", "uri": "/", "body": "{}" }
                },
                {
                    "id": "ReadsOops", "given": given,
                    "response": { "status_code": 400, "body": "{\"__type\": \"Custom\", \"Message\": \"m\"}" },
                    "error": { "Message": "m" }, "errorCode": "Custom", "errorMessage": "m"
                },
                {
                    "id": "ReadsOther", "given": given,
                    "response": { "status_code": 500, "body": "{\"__type\": \"Other\"}" },
                    "error": {}, "errorCode": "Other"
                },
                {
                    "id": "ReadsOtherMembers", "given": given,
                    "response": { "status_code": 500, "body": "{\"__type\": \"Other\"}" },
                    "error": { "Message": "m" }, "errorCode": "Other"
                }
            ]
        }]);
        let models = suite_to_models(&suite, "output/json").unwrap();
        let model = crate::load::load(&models[0].source()).unwrap();
        let model = crate::transform::run(model, None).unwrap();
        let symbols = Symbols::new(&model, "m.json").unwrap();
        let ctx = Context {
            model: &model,
            symbols: &symbols,
            validated: BTreeSet::new(),
        };
        let tests = ProtocolTests::Botocore(Box::new(BotocoreCases::of("output/json", &models[0])));
        let tokens = emit_protocol_tests_file(&ctx, "svc-kit", &tests)
            .unwrap()
            .unwrap();
        crate::render::render_rust("tests/protocol_tests.rs", "m.json", tokens).unwrap()
    }

    #[test]
    fn a_botocore_request_case_compares_the_uri_with_its_query() {
        let text = emit_botocore();
        assert!(
            text.contains("//! botocore's protocol test cases of entry 0 of `output/json.json`"),
            "{text}"
        );
        let test = test_fn(&text, "sends_name_request");
        for expected in [
            "method: Some(\"POST\"),",
            "uri: \"/\",",
            "uri_with_query: true,",
            "body: Some(\"{}\"),",
            "body_media_type: Some(\"application/json\"),",
        ] {
            assert!(
                test.contains(&squash(expected)),
                "{expected} is missing from\n{test}"
            );
        }
    }

    #[test]
    fn a_botocore_error_case_of_a_modelled_code_expects_its_variant_code_and_message() {
        let text = emit_botocore();
        let test = test_fn(&text, "reads_oops_response");
        for expected in [
            "let error = match greet::parse_response(&response) {",
            "Ok(output) => { panic!(\"expected the error `Custom`, got the output {output:?}\") }",
            "harness::check_error(error.code(), error.message(), \"Custom\", \"m\");",
            "let expected = Oops::builder().message(\"m\").build()",
            "GreetError::Oops(error) => harness::assert_same(&error, &expected, \"error\"),",
        ] {
            assert!(
                test.contains(&squash(expected)),
                "{expected} is missing from\n{test}"
            );
        }
    }

    #[test]
    fn a_botocore_error_case_of_another_code_expects_an_unhandled_error() {
        let text = emit_botocore();
        let test = test_fn(&text, "reads_other_response");
        for expected in [
            "harness::check_error(error.code(), error.message(), \"Other\", \"\");",
            "GreetError::Unhandled(_) => {}",
        ] {
            assert!(
                test.contains(&squash(expected)),
                "{expected} is missing from\n{test}"
            );
        }
        // Members of an error the operation does not model cannot be compared.
        let test = test_fn(&text, "reads_other_members_response");
        let expected = squash(
            "panic!(\"the case cannot be run: it expects members of the error `Other`, which no \
             error of the operation has as its code\")",
        );
        assert!(test.contains(&expected), "{test}");
    }
}
