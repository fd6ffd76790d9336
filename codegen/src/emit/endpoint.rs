//! The endpoint resolver: the model's endpoint rule set compiled to Rust (`src/endpoint.rs`,
//! behind the `client-core` feature), and the endpoint test cases as tests
//! (`tests/endpoint_tests.rs`).
//!
//! The rule set becomes straight-line Rust, not an interpreter: each rule parameter a field of
//! `Params` and a local; each rule an `if` (or `if let`, for a function that may return nothing,
//! or an `isSet` that narrows an optional parameter) nested as deep as its conditions; each
//! endpoint rule a `return Ok(Endpoint::new(…))`, each error rule a `return Err(…)`; templates
//! `format!` calls. Tree rules nest their rules; a tree whose rules do not all end in an
//! unconditional rule ends with an error, as the rules engine fails when no rule of a tree
//! matches.
//!
//! Supported: parameters of type `string`, `boolean` and `stringArray` (with or without
//! `default`); the
//! functions `isSet`, `not`, `booleanEquals`, `stringEquals`, `getAttr` (on `aws.partition` and
//! `parseURL` results, and `partition`, `service`, `region`, `accountId` and `resourceId[N]` of
//! `aws.parseArn` results, and `[N]` of string arrays), `aws.partition`, `aws.parseArn`, `parseURL`, `isValidHostLabel`,
//! `substring` and `uriEncode`; `assign`; string templates with `{Name}` and
//! `{Name#attribute}`; endpoint headers and properties. A required parameter without a default
//! is set inside the rules: `resolve` fails first when it is not given. Anything else stops generation with an error naming the construct
//! and where it is in the rule set.

use std::collections::{BTreeMap, BTreeSet};

use proc_macro2::{Ident, Literal, TokenStream};
use quote::{ToTokens, format_ident, quote};
use serde_json::{Map, Value};

use super::context::{Context, doc_lines, ident, inner_doc_lines};
use crate::endpoint_rules::{
    self as ir, Call, Condition, Endpoint, ParameterType, ParameterValue, Path, Property, Rule,
    RuleBody, RuleSet, Template, TemplatePart,
};
use crate::error::Result;
use crate::naming;
/// What errors about the test cases name as the file.
const TESTS: &str = "the endpoint tests";
/// The error of a tree rule none of whose rules matched.
const NO_RULE_MATCHED: &str = "no endpoint rule matched the parameters";
/// Locals the generated function uses itself; a rule-set name that would become one takes a
/// `_value` suffix.
const RESERVED_LOCALS: &[&str] = &["params", "rules"];

/// `src/endpoint.rs`, for a model with an endpoint rule set.
pub fn emit_endpoint_module(ctx: &Context<'_>) -> Result<Option<TokenStream>> {
    ctx.model
        .service
        .endpoint_rule_set
        .as_ref()
        .map(emit_resolver)
        .transpose()
}

/// `tests/endpoint_tests.rs`, for a model with an endpoint rule set and endpoint test cases.
pub fn emit_endpoint_tests(ctx: &Context<'_>, crate_name: &str) -> Result<Option<TokenStream>> {
    let service = &ctx.model.service;
    match (&service.endpoint_rule_set, &service.endpoint_tests) {
        (Some(rule_set), Some(tests)) => emit_test_file(rule_set, tests, crate_name).map(Some),
        _ => Ok(None),
    }
}

/// The resolver module for `rule_set`.
pub fn emit_resolver(rule_set: &RuleSet) -> Result<TokenStream> {
    let root = Path::root();
    let parameters = Parameters::new(rule_set)?;

    let mut compiler = Compiler {
        parameters: &parameters,
        used_parameters: BTreeSet::new(),
        uses_library: false,
    };
    let mut scope = Scope::new();
    for parameter in parameters.list.values() {
        scope.insert(
            parameter.ir.name.clone(),
            Binding {
                ident: parameter.ident.clone(),
                kind: parameter.kind,
                optional: !parameter.ir.always_set(),
                owned: false,
            },
        );
    }
    let body = compiler.rules(&rule_set.rules, &root.key("rules"), &scope, true)?;
    let body = if body.terminates {
        body.tokens
    } else {
        let tokens = body.tokens;
        quote! {
            #tokens
            Err(EndpointError::new(#NO_RULE_MATCHED))
        }
    };

    // A required parameter without a default must be given: like botocore, resolution fails
    // before any rule when it is not, so the rules see it set (the spec types it as set).
    let locals = parameters.list.values().filter_map(|p| {
        let used = compiler.used_parameters.contains(&p.ir.name);
        let field = &p.ident;
        let value = match (p.kind, p.ir.default.is_some()) {
            (Kind::Str, true) => quote! { params.#field.as_str() },
            (Kind::Str, false) | (Kind::StrArray, false) => quote! { params.#field.as_deref() },
            (Kind::StrArray, true) => quote! { params.#field.as_slice() },
            _ => quote! { params.#field },
        };
        if p.ir.required && p.ir.default.is_none() {
            let message = format!("Cannot find value for required parameter {}", p.ir.name);
            return Some(if used {
                quote! {
                    let Some(#field) = #value else {
                        return Err(EndpointError::new(#message));
                    };
                }
            } else {
                quote! {
                    if #value.is_none() {
                        return Err(EndpointError::new(#message));
                    }
                }
            });
        }
        used.then(|| quote! { let #field = #value; })
    });
    let library = if compiler.uses_library {
        quote! {
            use service_runtime::endpoint as rules;
        }
    } else {
        TokenStream::new()
    };
    let params_struct = parameters.emit_struct();
    let module_docs = inner_doc_lines(
        "The endpoint resolver: the service's endpoint rule set, compiled to Rust.\n\n\
         [`resolve`] turns the rule set's [`Params`] into the [`Endpoint`] to send requests to, \
         or into the rule set's [`EndpointError`].",
    );
    let checks_required = parameters
        .list
        .values()
        .any(|p| p.ir.required && p.ir.default.is_none());
    let unused_params = if compiler.used_parameters.is_empty() && !checks_required {
        quote! { let _ = params; }
    } else {
        TokenStream::new()
    };
    Ok(quote! {
        #module_docs
        pub use service_runtime::endpoint::{Endpoint, EndpointError};
        #library

        #params_struct

        /// Resolves the endpoint for `params` by the service's endpoint rule set.
        ///
        /// # Errors
        ///
        /// The rule set's error when it rejects the parameters (e.g. FIPS asked for in a
        /// partition without FIPS endpoints, or no region).
        pub fn resolve(params: &Params) -> Result<Endpoint, EndpointError> {
            #unused_params
            #(#locals)*
            #body
        }
    })
}

/// The type of a rule-set value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Str,
    Bool,
    Int,
    /// What `aws.partition` returns: `&service_runtime::endpoint::Partition`.
    Partition,
    /// What `parseURL` returns: `service_runtime::endpoint::Url`.
    Url,
    /// What `aws.parseArn` returns: `service_runtime::endpoint::Arn`.
    Arn,
    /// A `stringArray` parameter: `&[String]`.
    StrArray,
}

impl Kind {
    fn describe(self) -> &'static str {
        match self {
            Kind::Str => "a string",
            Kind::Bool => "a boolean",
            Kind::Int => "an integer",
            Kind::Partition => "a partition",
            Kind::Url => "a URL",
            Kind::Arn => "an ARN",
            Kind::StrArray => "an array of strings",
        }
    }
}

/// One rule-set parameter: a field of `Params` and a local of `resolve`.
struct Parameter<'r> {
    ir: &'r ir::Parameter,
    /// The field and local: `region`.
    ident: Ident,
    kind: Kind,
}

/// The rule set's parameters, by name (sorted, so the model's key order never shows).
struct Parameters<'r> {
    list: BTreeMap<String, Parameter<'r>>,
}

impl<'r> Parameters<'r> {
    /// The fields of `rule_set`'s parameters; fails when two would have the same name.
    fn new(rule_set: &'r RuleSet) -> Result<Self> {
        let path = Path::root().key("parameters");
        let mut list = BTreeMap::new();
        let mut idents = BTreeMap::new();
        for (name, ir) in &rule_set.parameters {
            let path = path.key(name);
            let ident = local_ident(name, &path)?;
            if let Some(other) = idents.insert(ident.to_string(), name.clone()) {
                return Err(path.error(format!(
                    "the parameters `{other}` and `{name}` would both be the field `{ident}`"
                )));
            }
            let kind = match ir.ty {
                ParameterType::String => Kind::Str,
                ParameterType::Boolean => Kind::Bool,
                ParameterType::StringArray => Kind::StrArray,
            };
            list.insert(name.clone(), Parameter { ir, ident, kind });
        }
        Ok(Parameters { list })
    }

    fn emit_struct(&self) -> TokenStream {
        let fields = self.list.values().map(|p| {
            let ident = &p.ident;
            let ty = match (p.kind, p.ir.default.is_some()) {
                (Kind::Str, true) => quote! { String },
                (Kind::Str, false) => quote! { Option<String> },
                (Kind::StrArray, true) => quote! { Vec<String> },
                (Kind::StrArray, false) => quote! { Option<Vec<String>> },
                (_, true) => quote! { bool },
                (_, false) => quote! { Option<bool> },
            };
            let docs = doc_lines(&p.docs());
            quote! {
                #docs
                pub #ident: #ty,
            }
        });
        let derivable = self
            .list
            .values()
            .all(|p| p.ir.default.as_ref().is_none_or(ParameterValue::is_zero));
        let (derive_default, default_impl) = if derivable {
            (quote! { Default, }, TokenStream::new())
        } else {
            let values = self.list.values().map(|p| {
                let ident = &p.ident;
                let value = match &p.ir.default {
                    None => quote! { None },
                    Some(ParameterValue::Boolean(b)) => quote! { #b },
                    Some(ParameterValue::String(s)) => quote! { #s.to_owned() },
                    Some(ParameterValue::StringArray(items)) => {
                        quote! { vec![#(#items.to_owned()),*] }
                    }
                };
                quote! { #ident: #value, }
            });
            (
                TokenStream::new(),
                quote! {
                    impl Default for Params {
                        /// Every parameter at the rule set's default; unset where it has none.
                        fn default() -> Self {
                            Self { #(#values)* }
                        }
                    }
                },
            )
        };
        quote! {
            /// The endpoint rule set's parameters. [`Params::default`] gives each its default
            /// from the rule set, or leaves it unset.
            #[derive(Debug, Clone, PartialEq, Eq, #derive_default)]
            pub struct Params {
                #(#fields)*
            }
            #default_impl
        }
    }
}

impl Parameter<'_> {
    fn docs(&self) -> String {
        let ir = self.ir;
        let mut docs = match &ir.documentation {
            Some(text) if !text.trim().is_empty() => {
                format!("{}\n\n", escape_markdown(text.trim()))
            }
            _ => String::new(),
        };
        let mut facts = vec![format!("Rule-set parameter `{}`", ir.name)];
        if let Some(built_in) = &ir.built_in {
            facts.push(format!("built-in `{built_in}`"));
        }
        if ir.required {
            facts.push("required".to_owned());
        }
        match &ir.default {
            Some(ParameterValue::String(s)) => facts.push(format!("default `{s:?}`")),
            Some(value) => facts.push(format!("default `{value}`")),
            None => {}
        }
        docs.push_str(&format!("{}.", facts.join("; ")));
        if let Some(message) = &ir.deprecated {
            docs.push_str("\n\nDeprecated");
            if !message.is_empty() {
                docs.push_str(&format!(": {}", escape_markdown(message)));
            }
            docs.push('.');
        }
        docs
    }
}

/// Plain text (which may use backticks for code) as Markdown that rustdoc reads as that text:
/// no links, no HTML.
fn escape_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '[' | ']' | '<' | '>' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// The `Params` field of the rule-set parameter `name`, as [`emit_resolver`] names it.
pub(super) fn param_field(name: &str) -> Result<Ident> {
    local_ident(name, &Path::root().key("parameters").key(name))
}

/// The local for a rule-set name (`PartitionResult` → `partition_result`).
fn local_ident(name: &str, path: &Path) -> Result<Ident> {
    let snake = naming::value_ident(name).map_err(|e| path.error(e.to_string()))?;
    Ok(if RESERVED_LOCALS.contains(&snake.as_str()) {
        format_ident!("{snake}_value")
    } else {
        ident(&snake)
    })
}

/// What a name refers to inside a rule: a parameter, or a value a condition assigned.
#[derive(Clone)]
struct Binding {
    ident: Ident,
    kind: Kind,
    /// An `Option` here: not yet narrowed by `isSet` or an `if let`.
    optional: bool,
    /// A `String` rather than a `&str` (a `uriEncode` result).
    owned: bool,
}

type Scope = BTreeMap<String, Binding>;

/// A Rust expression for a rule-set expression, with its type.
struct Expr {
    tokens: TokenStream,
    kind: Kind,
    /// An `Option<…>`: the value may be unset.
    optional: bool,
    /// A fresh `String` rather than a `&str`.
    owned: bool,
    /// Binds tighter than any operator: a name, literal, call or method call.
    atomic: bool,
    /// A literal `true` or `false`.
    literal_bool: Option<bool>,
    /// A plain local (not raw), which `format!` can name inline.
    plain_ident: Option<Ident>,
}

impl Expr {
    fn atomic(tokens: TokenStream, kind: Kind) -> Self {
        Expr {
            tokens,
            kind,
            optional: false,
            owned: false,
            atomic: true,
            literal_bool: None,
            plain_ident: None,
        }
    }

    fn compound(tokens: TokenStream, kind: Kind) -> Self {
        Expr {
            atomic: false,
            ..Expr::atomic(tokens, kind)
        }
    }

    fn optional(mut self) -> Self {
        self.optional = true;
        self
    }

    fn owned(mut self) -> Self {
        self.owned = true;
        self
    }

    /// As a `&str` (or `Option<&str>`) argument.
    fn borrowed(&self) -> TokenStream {
        let tokens = &self.tokens;
        if self.owned {
            quote! { #tokens.as_str() }
        } else {
            tokens.clone()
        }
    }

    /// As the operand of `!` or `==`.
    fn operand(&self) -> TokenStream {
        let tokens = self.borrowed();
        if self.atomic {
            tokens
        } else {
            quote! { (#tokens) }
        }
    }
}

/// A condition as Rust: a test, a binding of an optional value, or a plain binding.
enum Guard {
    /// `if test { … }`; consecutive tests join with `&&`.
    Test(TokenStream),
    /// `if let Some(ident) = value { … }`.
    IfLet { ident: Ident, value: TokenStream },
    /// `let ident = value;` before what follows.
    Let { ident: Ident, value: TokenStream },
}

/// Rules as Rust statements.
struct Compiled {
    tokens: TokenStream,
    /// The statements always return: an unconditional rule ends them.
    terminates: bool,
}

struct Compiler<'p> {
    parameters: &'p Parameters<'p>,
    used_parameters: BTreeSet<String>,
    /// Whether the code calls `service_runtime::endpoint` functions (imported as `rules`).
    uses_library: bool,
}

impl Compiler<'_> {
    /// A list of rules, tried in order. `tail`: the list ends the function body, so its
    /// final unconditional rule is the function's value rather than a `return`.
    fn rules(
        &mut self,
        rules: &[Rule],
        path: &Path,
        scope: &Scope,
        tail: bool,
    ) -> Result<Compiled> {
        let mut tokens = TokenStream::new();
        for (index, rule) in rules.iter().enumerate() {
            let last = index + 1 == rules.len();
            let compiled = self.rule(rule, &path.index(index), scope, tail && last)?;
            tokens.extend(compiled.tokens);
            if compiled.terminates {
                // Later rules can never be reached.
                return Ok(Compiled {
                    tokens,
                    terminates: true,
                });
            }
        }
        Ok(Compiled {
            tokens,
            terminates: false,
        })
    }

    fn rule(&mut self, rule: &Rule, path: &Path, scope: &Scope, tail: bool) -> Result<Compiled> {
        let mut scope = scope.clone();
        let mut guards = Vec::new();
        let conditions_path = path.key("conditions");
        for (index, condition) in rule.conditions.iter().enumerate() {
            guards.extend(self.condition(condition, &conditions_path.index(index), &mut scope)?);
        }
        let unconditional = guards.iter().all(|g| matches!(g, Guard::Let { .. }));
        // Only an unconditional rule can end the function body.
        let tail = tail && unconditional;
        let body = match &rule.body {
            RuleBody::Endpoint(endpoint) => {
                let endpoint = self.endpoint(endpoint, &path.key("endpoint"), &scope)?;
                returning(quote! { Ok(#endpoint) }, tail)
            }
            RuleBody::Error(message) => {
                let message = self.template_or_ref(message, &path.key("error"), &scope)?;
                let message = message.tokens;
                returning(quote! { Err(EndpointError::new(#message)) }, tail)
            }
            RuleBody::Tree(rules) => {
                let compiled = self.rules(rules, &path.key("rules"), &scope, tail)?;
                if compiled.terminates {
                    compiled.tokens
                } else {
                    let fallback =
                        returning(quote! { Err(EndpointError::new(#NO_RULE_MATCHED)) }, tail);
                    let tokens = compiled.tokens;
                    quote! { #tokens #fallback }
                }
            }
        };
        Ok(Compiled {
            tokens: wrap(guards, body),
            terminates: unconditional,
        })
    }

    /// One condition: its guards, and the names it binds added to `scope`.
    fn condition(
        &mut self,
        condition: &Condition,
        path: &Path,
        scope: &mut Scope,
    ) -> Result<Vec<Guard>> {
        let call = &condition.call;
        // `isSet(Name)` narrows `Name` to its value inside the rule: `if let Some(x) = x`.
        if condition.assign.is_none() && call.function == "isSet" {
            if let [ir::Expr::Ref(name)] = call.args.as_slice() {
                let binding = self.lookup(name, &path.key("argv").index(0), scope)?;
                if !binding.optional {
                    return Ok(Vec::new());
                }
                let ident = binding.ident.clone();
                scope.insert(
                    name.to_owned(),
                    Binding {
                        optional: false,
                        ..binding
                    },
                );
                return Ok(vec![Guard::IfLet {
                    ident: ident.clone(),
                    value: quote! { #ident },
                }]);
            }
        }
        let expr = self.function(call, path, scope)?;
        let Some(name) = &condition.assign else {
            return Ok(match (expr.optional, expr.kind) {
                (false, Kind::Bool) => match expr.literal_bool {
                    Some(true) => Vec::new(),
                    _ => vec![Guard::Test(expr.tokens)],
                },
                (true, Kind::Bool) => {
                    let value = expr.operand();
                    vec![Guard::Test(quote! { #value == Some(true) })]
                }
                (true, _) => {
                    let value = expr.tokens;
                    vec![Guard::Test(quote! { #value.is_some() })]
                }
                // A value that is always set: the condition always holds.
                (false, _) => Vec::new(),
            });
        };
        let assign_path = path.key("assign");
        if self.parameters.list.contains_key(name) {
            return Err(
                assign_path.error(format!("`{name}` is a parameter and cannot be assigned"))
            );
        }
        let ident = local_ident(name, &assign_path)?;
        let value = expr.tokens;
        let mut guards = if expr.optional {
            vec![Guard::IfLet {
                ident: ident.clone(),
                value,
            }]
        } else {
            vec![Guard::Let {
                ident: ident.clone(),
                value,
            }]
        };
        if expr.kind == Kind::Bool {
            guards.push(Guard::Test(quote! { #ident }));
        }
        scope.insert(
            name.to_owned(),
            Binding {
                ident,
                kind: expr.kind,
                optional: false,
                owned: expr.owned,
            },
        );
        Ok(guards)
    }

    fn lookup(&mut self, name: &str, path: &Path, scope: &Scope) -> Result<Binding> {
        let binding = scope.get(name).ok_or_else(|| {
            path.error(format!(
                "`{name}` is neither a parameter nor assigned before"
            ))
        })?;
        if self.parameters.list.contains_key(name) {
            self.used_parameters.insert(name.to_owned());
        }
        Ok(binding.clone())
    }

    /// The value `name` refers to.
    fn reference(&mut self, name: &str, path: &Path, scope: &Scope) -> Result<Expr> {
        let binding = self.lookup(name, path, scope)?;
        let ident = &binding.ident;
        let tokens = if binding.owned {
            quote! { #ident.as_str() }
        } else {
            quote! { #ident }
        };
        Ok(Expr {
            optional: binding.optional,
            plain_ident: (!ident.to_string().starts_with("r#")).then(|| ident.clone()),
            ..Expr::atomic(tokens, binding.kind)
        })
    }

    fn expr(&mut self, value: &ir::Expr, path: &Path, scope: &Scope) -> Result<Expr> {
        match value {
            ir::Expr::Template(template) => self.template(template, path, scope),
            ir::Expr::Bool(b) => Ok(Expr {
                literal_bool: Some(*b),
                ..Expr::atomic(quote! { #b }, Kind::Bool)
            }),
            ir::Expr::Int(n) => Ok(Expr::atomic(
                Literal::usize_unsuffixed(*n).into_token_stream(),
                Kind::Int,
            )),
            ir::Expr::Ref(name) => self.reference(name, path, scope),
            ir::Expr::Call(call) => self.function(call, path, scope),
        }
    }

    /// A string template, or a reference (where the rule set allows either).
    fn template_or_ref(&mut self, value: &ir::Expr, path: &Path, scope: &Scope) -> Result<Expr> {
        let expr = self.expr(value, path, scope)?;
        self.require(&expr, Kind::Str, path)?;
        Ok(expr)
    }

    /// Fails unless `expr` is a set value of type `kind`.
    fn require(&self, expr: &Expr, kind: Kind, path: &Path) -> Result<()> {
        if expr.kind != kind {
            return Err(path.error(format!(
                "expected {}, found {}",
                kind.describe(),
                expr.kind.describe()
            )));
        }
        if expr.optional {
            return Err(path.error(format!(
                "this value may be unset here; guard the rule with `isSet` or `assign` it first (found `{}`)",
                expr.tokens
            )));
        }
        Ok(())
    }

    /// `"https://service.{Region}.{PartitionResult#dnsSuffix}"` as a `&str` literal, the one
    /// value it names, or a `format!` call.
    fn template(&mut self, template: &Template, path: &Path, scope: &Scope) -> Result<Expr> {
        if let Some(value) = template.literal() {
            return Ok(Expr::atomic(quote! { #value }, Kind::Str));
        }
        let mut format = String::new();
        let mut arguments = Vec::new();
        let mut placeholders = Vec::new();
        for part in &template.parts {
            match part {
                TemplatePart::Literal(text) => {
                    format.push_str(&text.replace('{', "{{").replace('}', "}}"));
                }
                TemplatePart::Placeholder { name, attribute } => {
                    let expr = self.placeholder(name, attribute.as_deref(), path, scope)?;
                    match &expr.plain_ident {
                        Some(ident) => format.push_str(&format!("{{{ident}}}")),
                        None => {
                            format.push_str("{}");
                            arguments.push(expr.borrowed());
                        }
                    }
                    placeholders.push(expr);
                }
            }
        }
        // `"{Endpoint}"` is the value itself.
        if template.parts.len() == 1 {
            if let Some(expr) = placeholders.pop() {
                return Ok(expr);
            }
        }
        Ok(Expr::atomic(quote! { format!(#format #(, #arguments)*) }, Kind::Str).owned())
    }

    /// `Name` or `Name#attribute` inside a template.
    fn placeholder(
        &mut self,
        name: &str,
        attribute: Option<&str>,
        path: &Path,
        scope: &Scope,
    ) -> Result<Expr> {
        let value = self.reference(name, path, scope)?;
        let expr = match attribute {
            Some(attribute) => self.attribute(value, attribute, path)?,
            None => value,
        };
        self.require(&expr, Kind::Str, path).map_err(|_| {
            let placeholder = match attribute {
                Some(attribute) => format!("{name}#{attribute}"),
                None => name.to_owned(),
            };
            path.error(format!(
                "the template placeholder `{{{placeholder}}}` is not a string that is set here"
            ))
        })?;
        Ok(expr)
    }

    fn function(&mut self, call: &Call, path: &Path, scope: &Scope) -> Result<Expr> {
        let name = call.function.as_str();
        let argv_path = path.key("argv");
        let argv = &call.args;
        let arity = |count: usize| -> Result<()> {
            if argv.len() == count {
                Ok(())
            } else {
                Err(argv_path.error(format!(
                    "`{name}` takes {count} arguments, found {}",
                    argv.len()
                )))
            }
        };
        let arg_path = |index: usize| argv_path.index(index);
        match name {
            "isSet" => {
                arity(1)?;
                let value = self.expr(&argv[0], &arg_path(0), scope)?;
                if value.optional {
                    let tokens = value.tokens;
                    Ok(Expr::atomic(quote! { #tokens.is_some() }, Kind::Bool))
                } else {
                    Ok(Expr {
                        literal_bool: Some(true),
                        ..Expr::atomic(quote! { true }, Kind::Bool)
                    })
                }
            }
            "not" => {
                arity(1)?;
                let inner = match &argv[0] {
                    ir::Expr::Call(inner) => Some(inner),
                    _ => None,
                };
                // `not(booleanEquals(…))` is `!=` (or `!x`), not `!(… == …)`.
                if let Some(inner) = inner.filter(|inner| {
                    matches!(inner.function.as_str(), "booleanEquals" | "stringEquals")
                }) {
                    return self.equals(inner, &arg_path(0), scope, true);
                }
                // `not(isSet(x))` is `x.is_none()`, not `!x.is_some()` (clippy's nonminimal_bool).
                if let Some(inner) =
                    inner.filter(|inner| inner.function == "isSet" && inner.args.len() == 1)
                {
                    let argv_path = arg_path(0).key("argv");
                    let value = self.expr(&inner.args[0], &argv_path.index(0), scope)?;
                    if value.optional {
                        let operand = value.operand();
                        return Ok(Expr::atomic(quote! { #operand.is_none() }, Kind::Bool));
                    }
                }
                let value = self.expr(&argv[0], &arg_path(0), scope)?;
                let operand = value.operand();
                Ok(match (value.optional, value.kind) {
                    (false, Kind::Bool) => match value.literal_bool {
                        Some(b) => Expr {
                            literal_bool: Some(!b),
                            ..Expr::atomic(quote! { #b }, Kind::Bool)
                        },
                        None => Expr::atomic(quote! { !#operand }, Kind::Bool),
                    },
                    (true, Kind::Bool) => {
                        Expr::compound(quote! { #operand != Some(true) }, Kind::Bool)
                    }
                    (true, _) => Expr::atomic(quote! { #operand.is_none() }, Kind::Bool),
                    (false, _) => Expr {
                        literal_bool: Some(false),
                        ..Expr::atomic(quote! { false }, Kind::Bool)
                    },
                })
            }
            "booleanEquals" | "stringEquals" => self.equals(call, path, scope, false),
            "getAttr" => {
                arity(2)?;
                let value = self.expr(&argv[0], &arg_path(0), scope)?;
                let attribute = argv[1]
                    .literal()
                    .ok_or_else(|| arg_path(1).error("expected a literal string"))?;
                self.attribute(value, &attribute, &arg_path(1))
            }
            "aws.partition" => {
                arity(1)?;
                let region = self.expr(&argv[0], &arg_path(0), scope)?;
                self.require(&region, Kind::Str, &arg_path(0))?;
                let region = region.borrowed();
                self.uses_library = true;
                Ok(Expr::atomic(quote! { rules::partition(#region) }, Kind::Partition).optional())
            }
            "parseURL" => {
                arity(1)?;
                let url = self.expr(&argv[0], &arg_path(0), scope)?;
                self.require(&url, Kind::Str, &arg_path(0))?;
                let url = url.borrowed();
                self.uses_library = true;
                Ok(Expr::atomic(quote! { rules::parse_url(#url) }, Kind::Url).optional())
            }
            "aws.parseArn" => {
                arity(1)?;
                let value = self.expr(&argv[0], &arg_path(0), scope)?;
                self.require(&value, Kind::Str, &arg_path(0))?;
                let value = value.borrowed();
                self.uses_library = true;
                Ok(Expr::atomic(quote! { rules::parse_arn(#value) }, Kind::Arn).optional())
            }
            "isValidHostLabel" => {
                arity(2)?;
                let value = self.expr(&argv[0], &arg_path(0), scope)?;
                self.require(&value, Kind::Str, &arg_path(0))?;
                let allow_sub_domains = self.expr(&argv[1], &arg_path(1), scope)?;
                self.require(&allow_sub_domains, Kind::Bool, &arg_path(1))?;
                let (value, allow_sub_domains) = (value.borrowed(), allow_sub_domains.tokens);
                self.uses_library = true;
                Ok(Expr::atomic(
                    quote! { rules::is_valid_host_label(#value, #allow_sub_domains) },
                    Kind::Bool,
                ))
            }
            "substring" => {
                arity(4)?;
                let kinds = [Kind::Str, Kind::Int, Kind::Int, Kind::Bool];
                let mut arguments = Vec::new();
                for (index, kind) in kinds.into_iter().enumerate() {
                    let value = self.expr(&argv[index], &arg_path(index), scope)?;
                    self.require(&value, kind, &arg_path(index))?;
                    arguments.push(value.borrowed());
                }
                self.uses_library = true;
                Ok(
                    Expr::atomic(quote! { rules::substring(#(#arguments),*) }, Kind::Str)
                        .optional(),
                )
            }
            "uriEncode" => {
                arity(1)?;
                let value = self.expr(&argv[0], &arg_path(0), scope)?;
                self.require(&value, Kind::Str, &arg_path(0))?;
                let value = value.borrowed();
                self.uses_library = true;
                Ok(Expr::atomic(quote! { rules::uri_encode(#value) }, Kind::Str).owned())
            }
            other => Err(path
                .key("fn")
                .error(format!("unsupported function `{other}`"))),
        }
    }

    /// `booleanEquals` or `stringEquals` (the `call`), or (`negate`) their `not`.
    fn equals(&mut self, call: &Call, path: &Path, scope: &Scope, negate: bool) -> Result<Expr> {
        let name = call.function.as_str();
        let argv_path = path.key("argv");
        let argv = &call.args;
        if argv.len() != 2 {
            return Err(
                argv_path.error(format!("`{name}` takes 2 arguments, found {}", argv.len()))
            );
        }
        let kind = if name == "booleanEquals" {
            Kind::Bool
        } else {
            Kind::Str
        };
        let left = self.expr(&argv[0], &argv_path.index(0), scope)?;
        let right = self.expr(&argv[1], &argv_path.index(1), scope)?;
        for (value, index) in [(&left, 0), (&right, 1)] {
            if value.kind != kind {
                return Err(argv_path.index(index).error(format!(
                    "`{name}` compares {}s, found {}",
                    kind.describe().trim_start_matches("a "),
                    value.kind.describe()
                )));
            }
        }
        // `x == ""` is `x.is_empty()` (clippy's `comparison_to_empty`).
        let empty = |value: &ir::Expr| value.literal().is_some_and(|text| text.is_empty());
        let other = match (empty(&argv[0]), empty(&argv[1])) {
            (false, true) => Some(&left),
            (true, false) => Some(&right),
            _ => None,
        };
        if let Some(other) = other.filter(|other| !other.optional) {
            let operand = other.operand();
            return Ok(if negate {
                Expr::atomic(quote! { !#operand.is_empty() }, Kind::Bool)
            } else {
                Expr::atomic(quote! { #operand.is_empty() }, Kind::Bool)
            });
        }
        // `x == true` is `x`, `x == false` is `!x`.
        let literal = match (left.literal_bool, right.literal_bool) {
            (Some(b), None) => Some((b, &right)),
            (None, Some(b)) => Some((b, &left)),
            _ => None,
        };
        if let Some((b, other)) = literal.filter(|(_, other)| !other.optional) {
            let operand = other.operand();
            return Ok(if b != negate {
                Expr {
                    atomic: other.atomic,
                    ..Expr::atomic(other.tokens.clone(), Kind::Bool)
                }
            } else {
                Expr::atomic(quote! { !#operand }, Kind::Bool)
            });
        }
        let wrap_some = |value: &Expr, other: &Expr| {
            let tokens = value.operand();
            if other.optional && !value.optional {
                quote! { Some(#tokens) }
            } else {
                tokens
            }
        };
        let (l, r) = (wrap_some(&left, &right), wrap_some(&right, &left));
        let operator = if negate {
            quote! { != }
        } else {
            quote! { == }
        };
        Ok(Expr::compound(quote! { #l #operator #r }, Kind::Bool))
    }

    /// `getAttr(value, attribute)` on a partition or a URL.
    fn attribute(&mut self, value: Expr, attribute: &str, path: &Path) -> Result<Expr> {
        if value.optional {
            return Err(path.error(format!(
                "`getAttr` on a value that may be unset (`{}`); `assign` it in a condition first",
                value.tokens
            )));
        }
        // `[N]` of a string array: its element, unset past its end.
        if value.kind == Kind::StrArray {
            let index = attribute
                .strip_prefix('[')
                .and_then(|rest| rest.strip_suffix(']'))
                .and_then(|index| index.parse::<usize>().ok())
                .ok_or_else(|| {
                    path.error(format!(
                        "unsupported `getAttr` path `{attribute}` on an array of strings: \
                         only `[N]`"
                    ))
                })?;
            let receiver = value.operand();
            // `first()` for `[0]`: clippy's `get_first`.
            let element = if index == 0 {
                quote! { #receiver.first() }
            } else {
                let index = Literal::usize_unsuffixed(index);
                quote! { #receiver.get(#index) }
            };
            return Ok(Expr::atomic(quote! { #element.map(String::as_str) }, Kind::Str).optional());
        }
        // `resourceId[N]`: the list's element, unset past its end.
        if value.kind == Kind::Arn {
            if let Some(index) = attribute
                .strip_prefix("resourceId[")
                .and_then(|rest| rest.strip_suffix(']'))
                .and_then(|index| index.parse::<usize>().ok())
            {
                let receiver = value.operand();
                let index = Literal::usize_unsuffixed(index);
                return Ok(
                    Expr::atomic(quote! { #receiver.resource_id_at(#index) }, Kind::Str).optional(),
                );
            }
        }
        let (method, kind) = match (value.kind, attribute) {
            (Kind::Partition, "name") => ("name", Kind::Str),
            (Kind::Partition, "dnsSuffix") => ("dns_suffix", Kind::Str),
            (Kind::Partition, "dualStackDnsSuffix") => ("dual_stack_dns_suffix", Kind::Str),
            (Kind::Partition, "implicitGlobalRegion") => ("implicit_global_region", Kind::Str),
            (Kind::Partition, "supportsFIPS") => ("supports_fips", Kind::Bool),
            (Kind::Partition, "supportsDualStack") => ("supports_dual_stack", Kind::Bool),
            (Kind::Url, "scheme") => ("scheme", Kind::Str),
            (Kind::Url, "authority") => ("authority", Kind::Str),
            (Kind::Url, "path") => ("path", Kind::Str),
            (Kind::Url, "normalizedPath") => ("normalized_path", Kind::Str),
            (Kind::Url, "isIp") => ("is_ip", Kind::Bool),
            (Kind::Arn, "partition") => ("partition", Kind::Str),
            (Kind::Arn, "service") => ("service", Kind::Str),
            (Kind::Arn, "region") => ("region", Kind::Str),
            (Kind::Arn, "accountId") => ("account_id", Kind::Str),
            (kind, _) => {
                return Err(path.error(format!(
                    "unsupported `getAttr` path `{attribute}` on {}",
                    kind.describe()
                )));
            }
        };
        let method = format_ident!("{method}");
        let receiver = value.operand();
        Ok(Expr::atomic(quote! { #receiver.#method() }, kind))
    }

    /// `Endpoint::new(url)` with its headers and properties.
    fn endpoint(&mut self, endpoint: &Endpoint, path: &Path, scope: &Scope) -> Result<TokenStream> {
        let url = self
            .template_or_ref(&endpoint.url, &path.key("url"), scope)?
            .tokens;
        let mut tokens = quote! { Endpoint::new(#url) };
        let headers_path = path.key("headers");
        for (name, values) in &endpoint.headers {
            let header_path = headers_path.key(name);
            for (index, value) in values.iter().enumerate() {
                let value = self
                    .template_or_ref(value, &header_path.index(index), scope)?
                    .tokens;
                tokens = quote! { #tokens.with_header(#name, #value) };
            }
        }
        let properties_path = path.key("properties");
        for (name, value) in &endpoint.properties {
            let value = self.property(value, &properties_path.key(name), scope)?;
            // Through the runtime: the crate itself depends on serde_json only for tests.
            tokens = quote! {
                #tokens.with_property(
                    #name,
                    service_runtime::endpoint::serde_json::json!(#value),
                )
            };
        }
        Ok(tokens)
    }

    /// A property value as the input of `serde_json::json!`.
    fn property(&mut self, value: &Property, path: &Path, scope: &Scope) -> Result<TokenStream> {
        Ok(match value {
            Property::Null => quote! { null },
            Property::Bool(b) => quote! { #b },
            Property::Number(n) => match (n.as_u64(), n.as_i64(), n.as_f64()) {
                (Some(n), _, _) => Literal::u64_unsuffixed(n).into_token_stream(),
                (None, Some(n), _) => Literal::i64_unsuffixed(n).into_token_stream(),
                (None, None, Some(n)) => Literal::f64_unsuffixed(n).into_token_stream(),
                _ => return Err(path.error(format!("unsupported number {n}"))),
            },
            Property::Expr(expr @ ir::Expr::Template(_)) => {
                self.template_or_ref(expr, path, scope)?.tokens
            }
            Property::Expr(expr) => {
                let expr = self.expr(expr, path, scope)?;
                self.require(&expr, expr.kind, path)?;
                match expr.kind {
                    Kind::Str | Kind::Bool | Kind::Int => expr.tokens,
                    other => {
                        return Err(
                            path.error(format!("a property cannot hold {}", other.describe()))
                        );
                    }
                }
            }
            Property::Array(items) => {
                let items = items
                    .iter()
                    .enumerate()
                    .map(|(index, item)| self.property(item, &path.index(index), scope))
                    .collect::<Result<Vec<_>>>()?;
                quote! { [#(#items),*] }
            }
            Property::Object(entries) => {
                let entries = entries
                    .iter()
                    .map(|(key, item)| {
                        let item = self.property(item, &path.key(key), scope)?;
                        Ok(quote! { #key: #item })
                    })
                    .collect::<Result<Vec<_>>>()?;
                quote! { { #(#entries),* } }
            }
        })
    }
}

/// `return value;`, or `value` when it is the function's value.
fn returning(value: TokenStream, tail: bool) -> TokenStream {
    if tail {
        value
    } else {
        quote! { return #value; }
    }
}

/// The rule's body inside its guards, outermost first; consecutive tests share one `if`.
fn wrap(guards: Vec<Guard>, body: TokenStream) -> TokenStream {
    let mut tokens = body;
    let mut tests: Vec<TokenStream> = Vec::new();
    let flush = |tokens: TokenStream, tests: &mut Vec<TokenStream>| -> TokenStream {
        if tests.is_empty() {
            return tokens;
        }
        tests.reverse();
        let joined = std::mem::take(tests);
        quote! { if #(#joined)&&* { #tokens } }
    };
    for guard in guards.into_iter().rev() {
        match guard {
            Guard::Test(test) => tests.push(test),
            // A value nothing inside reads is only tested (no unused binding).
            Guard::IfLet { ident, value }
                if !mentions(&tokens, &ident) && !tests.iter().any(|t| mentions(t, &ident)) =>
            {
                tests.push(quote! { #value.is_some() });
            }
            Guard::IfLet { ident, value } => {
                tokens = flush(tokens, &mut tests);
                tokens = quote! { if let Some(#ident) = #value { #tokens } };
            }
            Guard::Let { ident, value } => {
                tokens = flush(tokens, &mut tests);
                tokens = quote! { let #ident = #value; #tokens };
            }
        }
    }
    flush(tokens, &mut tests)
}

/// Whether `tokens` name `ident`: as an identifier, groups included, or inline in a
/// `format!` string (`{ident}`; `{ident:…}`). A literal that merely holds the word, as an
/// error message may ("custom endpoint"), does not count.
fn mentions(tokens: &TokenStream, ident: &Ident) -> bool {
    tokens.clone().into_iter().any(|tree| match tree {
        proc_macro2::TokenTree::Ident(found) => &found == ident,
        proc_macro2::TokenTree::Group(group) => mentions(&group.stream(), ident),
        proc_macro2::TokenTree::Literal(literal) => {
            let text = literal.to_string();
            text.contains(&format!("{{{ident}}}")) || text.contains(&format!("{{{ident}:"))
        }
        proc_macro2::TokenTree::Punct(_) => false,
    })
}

/// The test file: one `#[test]` per test case.
fn emit_test_file(rule_set: &RuleSet, tests: &Value, crate_name: &str) -> Result<TokenStream> {
    let root = Path::root();
    let parameters = Parameters::new(rule_set)?;
    let cases_path = root.key("testCases");
    let cases = tests
        .get("testCases")
        .ok_or_else(|| root.error_in(TESTS, "`testCases` is missing"))?;
    let cases = cases
        .as_array()
        .ok_or_else(|| cases_path.error_in(TESTS, "expected an array"))?;
    let lib = ident(&crate_name.replace('-', "_"));
    let mut names = BTreeSet::new();
    let mut functions = Vec::new();
    for (index, case) in cases.iter().enumerate() {
        let path = cases_path.index(index);
        functions.push(emit_test(case, index, &path, &parameters, &mut names)?);
    }
    let docs = inner_doc_lines(
        "The endpoint rule set's test cases, one test each: each resolves the case's parameters \
         and checks the endpoint (URL, headers and properties) or the error message.",
    );
    // The file is a crate root, which rustfmt would reformat (making it stale); it leaves a
    // module marked `skip` alone.
    Ok(quote! {
        #![cfg(any(feature = "client-core", feature = "blocking"))]
        #docs
        /// The test cases, one test each.
        #[rustfmt::skip]
        mod endpoint_cases {
            use #lib::endpoint::{Params, resolve};
            #(#functions)*
        }
    })
}

fn emit_test(
    case: &Value,
    index: usize,
    path: &Path,
    parameters: &Parameters,
    names: &mut BTreeSet<String>,
) -> Result<TokenStream> {
    let error = |path: &Path, problem: String| path.error_in(TESTS, problem);
    let case = case
        .as_object()
        .ok_or_else(|| error(path, "expected an object".into()))?;
    let documentation = case.get("documentation").and_then(Value::as_str);
    let base = documentation
        .and_then(|doc| naming::value_ident(doc).ok())
        .map(|name| {
            name.trim_start_matches("r#")
                .trim_start_matches('_')
                .to_owned()
        })
        .filter(|name| !name.is_empty() && !name.starts_with(|c: char| c.is_ascii_digit()))
        .unwrap_or_else(|| format!("case_{}", index + 1));
    let mut name = base.clone();
    let mut number = 2;
    while !names.insert(name.clone()) {
        name = format!("{base}_{number}");
        number += 1;
    }
    let name = ident(&naming::value_ident(&name).unwrap_or(name));

    let params_path = path.key("params");
    let given = match case.get("params") {
        None => Map::new(),
        Some(Value::Object(given)) => given.clone(),
        Some(_) => return Err(error(&params_path, "expected an object".into())),
    };
    let mut fields = Vec::new();
    for (param_name, value) in &given {
        let value_path = params_path.key(param_name);
        let parameter = parameters.list.get(param_name).ok_or_else(|| {
            error(
                &value_path,
                format!("the rule set has no parameter `{param_name}`"),
            )
        })?;
        let optional = parameter.ir.default.is_none();
        if value.is_null() && optional {
            // Unset, as `Params::default()` leaves it.
            continue;
        }
        let tokens = match (parameter.kind, value) {
            (Kind::Str, Value::String(s)) => quote! { #s.to_owned() },
            (Kind::Bool, Value::Bool(b)) => quote! { #b },
            (Kind::StrArray, Value::Array(items)) if items.iter().all(Value::is_string) => {
                let items = items.iter().filter_map(Value::as_str);
                quote! { vec![#(#items.to_owned()),*] }
            }
            (kind, other) => {
                return Err(error(
                    &value_path,
                    format!("expected {}, found {other}", kind.describe()),
                ));
            }
        };
        let tokens = if optional {
            quote! { Some(#tokens) }
        } else {
            tokens
        };
        fields.push((parameter.ident.clone(), tokens));
    }
    fields.sort_by_key(|(ident, _)| ident.to_string());
    let params = if fields.is_empty() {
        quote! { Params::default() }
    } else {
        let rest = (fields.len() < parameters.list.len()).then(|| quote! { ..Params::default() });
        let fields = fields
            .iter()
            .map(|(ident, value)| quote! { #ident: #value, });
        quote! { Params { #(#fields)* #rest } }
    };

    let expect_path = path.key("expect");
    let expect = case
        .get("expect")
        .and_then(Value::as_object)
        .ok_or_else(|| {
            error(
                &expect_path,
                "expected an object with `endpoint` or `error`".into(),
            )
        })?;
    let checks = if let Some(message) = expect.get("error") {
        let message = message
            .as_str()
            .ok_or_else(|| error(&expect_path.key("error"), "expected a string".into()))?;
        quote! {
            let error = resolve(&params).expect_err("the rule set rejects these parameters");
            assert_eq!(error.to_string(), #message);
        }
    } else if let Some(endpoint) = expect.get("endpoint") {
        let endpoint_path = expect_path.key("endpoint");
        let url = endpoint
            .get("url")
            .and_then(Value::as_str)
            .ok_or_else(|| error(&endpoint_path.key("url"), "expected a string".into()))?;
        let mut checks = quote! {
            let endpoint = resolve(&params).expect("the rule set resolves these parameters");
            assert_eq!(endpoint.url(), #url);
        };
        if let Some(headers) = endpoint.get("headers") {
            let headers_path = endpoint_path.key("headers");
            let headers = headers
                .as_object()
                .ok_or_else(|| error(&headers_path, "expected an object".into()))?;
            let sorted: BTreeMap<_, _> = headers.iter().collect();
            let mut entries = Vec::new();
            for (header, values) in sorted {
                let values = values
                    .as_array()
                    .and_then(|values| values.iter().map(Value::as_str).collect::<Option<Vec<_>>>())
                    .ok_or_else(|| {
                        error(
                            &headers_path.key(header),
                            "expected an array of strings".into(),
                        )
                    })?;
                entries.push(quote! { (#header.to_owned(), vec![#(#values.to_owned()),*]) });
            }
            checks.extend(quote! {
                let headers: std::collections::BTreeMap<String, Vec<String>> =
                    [#(#entries),*].into_iter().collect();
                assert_eq!(endpoint.headers(), &headers);
            });
        }
        if let Some(properties) = endpoint.get("properties") {
            let json = serde_json::to_string(properties).expect("JSON values serialize");
            checks.extend(quote! {
                let properties: serde_json::Value =
                    serde_json::from_str(#json).expect("the expected properties are JSON");
                let actual = serde_json::Value::Object(
                    endpoint.properties().iter().map(|(k, v)| (k.clone(), v.clone())).collect(),
                );
                assert_eq!(actual, properties);
            });
        }
        checks
    } else {
        return Err(error(&expect_path, "expected `endpoint` or `error`".into()));
    };
    let docs = doc_lines(&match documentation {
        Some(doc) => escape_markdown(doc),
        None => format!("Test case {} of the rule set's tests.", index + 1),
    });
    Ok(quote! {
        #docs
        #[test]
        fn #name() {
            let params = #params;
            #checks
        }
    })
}
