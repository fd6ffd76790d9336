//! The endpoint rule set as the IR holds it (Smithy's `smithy.rules#endpointRuleSet` trait,
//! botocore's `endpoint-rule-set-1.json`): read once, when the model is loaded, into typed
//! parameters, rules, conditions and expressions, so that a rule set of the wrong form fails
//! at load with the place of the problem, and the emitters match on types instead of looking
//! into JSON.
//!
//! What is checked here is the form: objects, arrays and strings where the specification puts
//! them, the parameter types (`string`, `boolean`, `stringArray`) and their defaults, the rule
//! types, numbers, and string templates (`"https://{Region}.{PartitionResult#dnsSuffix}"`,
//! with `{{` and `}}` for braces). What a function means, whether its arguments fit it, and
//! whether a name is in scope is the resolver compiler's (`emit::endpoint`).

use std::collections::BTreeMap;

use serde_json::{Map, Number, Value};

use crate::error::{Error, Result};

/// What errors about the rule set name as the file: it is a side file (or a trait) of the model.
pub const RULE_SET: &str = "the endpoint rule set";

/// A rule set: its parameters and its rules, tried in order.
#[derive(Debug, Clone, PartialEq)]
pub struct RuleSet {
    /// By name, so that the file's key order never shows in what is generated.
    pub parameters: BTreeMap<String, Parameter>,
    pub rules: Vec<Rule>,
}

/// One parameter of the rule set.
#[derive(Debug, Clone, PartialEq)]
pub struct Parameter {
    /// The name in the rule set: `Region`.
    pub name: String,
    pub ty: ParameterType,
    /// Of the parameter's type (checked at load).
    pub default: Option<ParameterValue>,
    /// The configuration value that sets it (`AWS::Region`, `SDK::Endpoint`, …).
    pub built_in: Option<String>,
    pub required: bool,
    pub documentation: Option<String>,
    /// Deprecated, with its message (empty when the rule set gives none).
    pub deprecated: Option<String>,
}

/// A parameter's type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParameterType {
    String,
    Boolean,
    StringArray,
}

/// A parameter's default value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ParameterValue {
    String(String),
    Boolean(bool),
    StringArray(Vec<String>),
}

impl ParameterValue {
    /// Whether it is its type's zero value (`""`, `false`, `[]`), which `Default` gives.
    pub fn is_zero(&self) -> bool {
        match self {
            ParameterValue::String(s) => s.is_empty(),
            ParameterValue::Boolean(b) => !b,
            ParameterValue::StringArray(items) => items.is_empty(),
        }
    }
}

impl std::fmt::Display for ParameterValue {
    /// As JSON: `"us-east-1"`, `true`, `["a","b"]`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let json = match self {
            ParameterValue::String(s) => Value::String(s.clone()),
            ParameterValue::Boolean(b) => Value::Bool(*b),
            ParameterValue::StringArray(items) => {
                Value::Array(items.iter().cloned().map(Value::String).collect())
            }
        };
        write!(f, "{json}")
    }
}

/// A rule: conditions that must all hold, then an endpoint, an error, or more rules.
#[derive(Debug, Clone, PartialEq)]
pub struct Rule {
    pub conditions: Vec<Condition>,
    pub body: RuleBody,
}

/// What a rule gives when its conditions hold.
#[derive(Debug, Clone, PartialEq)]
pub enum RuleBody {
    Endpoint(Endpoint),
    /// The error message (a template or a reference to a string).
    Error(Expr),
    /// Rules tried in order; resolution fails when none matches.
    Tree(Vec<Rule>),
}

/// A condition: a function call that must give `true` or a set value, which `assign` names
/// for the rest of the rule.
#[derive(Debug, Clone, PartialEq)]
pub struct Condition {
    pub call: Call,
    pub assign: Option<String>,
}

/// A call of a rule-set function (`isSet`, `aws.partition`, `getAttr`, …).
#[derive(Debug, Clone, PartialEq)]
pub struct Call {
    pub function: String,
    pub args: Vec<Expr>,
}

/// A rule-set expression.
#[derive(Debug, Clone, PartialEq)]
pub enum Expr {
    /// A string: a template, which may be a plain literal.
    Template(Template),
    Bool(bool),
    /// A non-negative integer (`substring`'s bounds).
    Int(usize),
    /// A parameter, or a value a condition assigned.
    Ref(String),
    Call(Call),
}

/// A string template: literal text and `{Name}` or `{Name#attribute}` placeholders.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Template {
    /// The text as the rule set writes it (`{{` and `}}` for braces).
    pub text: String,
    /// Its parts in order; literal parts have their braces unescaped and are never adjacent.
    pub parts: Vec<TemplatePart>,
}

/// A part of a [`Template`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TemplatePart {
    Literal(String),
    /// `{Name}` or `{Name#attribute}`.
    Placeholder {
        name: String,
        attribute: Option<String>,
    },
}

impl Template {
    /// The template's text when it has no placeholders.
    pub fn literal(&self) -> Option<String> {
        let mut text = String::new();
        for part in &self.parts {
            match part {
                TemplatePart::Literal(literal) => text.push_str(literal),
                TemplatePart::Placeholder { .. } => return None,
            }
        }
        Some(text)
    }
}

/// What an endpoint rule gives.
#[derive(Debug, Clone, PartialEq)]
pub struct Endpoint {
    pub url: Expr,
    /// Header values by name, sorted.
    pub headers: BTreeMap<String, Vec<Expr>>,
    /// Properties (`authSchemes`, …) by name, sorted.
    pub properties: BTreeMap<String, Property>,
}

/// An endpoint property's value: JSON whose strings are templates and which may call
/// functions or name values.
#[derive(Debug, Clone, PartialEq)]
pub enum Property {
    Null,
    Bool(bool),
    Number(Number),
    /// A string (a template), a reference or a function call.
    Expr(Expr),
    Array(Vec<Property>),
    /// Entries sorted by key.
    Object(BTreeMap<String, Property>),
}

impl RuleSet {
    /// Reads a rule set from its JSON; errors name [`RULE_SET`] and the place in it
    /// (`rules[1].conditions[0].argv`).
    pub fn parse(value: &Value) -> Result<Self> {
        let root = Path::root();
        let object = as_object(value, &root)?;
        let parameters_path = root.key("parameters");
        let mut parameters = BTreeMap::new();
        for (name, definition) in as_object(field(object, "parameters", &root)?, &parameters_path)?
        {
            let parameter = Parameter::parse(name, definition, &parameters_path.key(name))?;
            parameters.insert(name.clone(), parameter);
        }
        let rules_path = root.key("rules");
        let rules = Rule::parse_list(field(object, "rules", &root)?, &rules_path)?;
        Ok(RuleSet { parameters, rules })
    }

    /// The names of the auth schemes its endpoints can give (`sigv4`, `sigv4a`, …): the
    /// `name` of each entry of an `authSchemes` property.
    pub fn auth_scheme_names(&self) -> std::collections::BTreeSet<String> {
        let mut names = std::collections::BTreeSet::new();
        let mut pending: Vec<&Rule> = self.rules.iter().collect();
        while let Some(rule) = pending.pop() {
            match &rule.body {
                RuleBody::Tree(rules) => pending.extend(rules),
                RuleBody::Error(_) => {}
                RuleBody::Endpoint(endpoint) => {
                    let Some(Property::Array(schemes)) = endpoint.properties.get("authSchemes")
                    else {
                        continue;
                    };
                    for scheme in schemes {
                        if let Property::Object(scheme) = scheme {
                            if let Some(Property::Expr(name)) = scheme.get("name") {
                                names.extend(name.literal());
                            }
                        }
                    }
                }
            }
        }
        names
    }
}

impl Parameter {
    /// Whether the rules always see the parameter set: it has a default, or it is required
    /// (and resolution fails before any rule when it is not given).
    pub fn always_set(&self) -> bool {
        self.default.is_some() || self.required
    }

    fn parse(name: &str, definition: &Value, path: &Path) -> Result<Self> {
        let definition = as_object(definition, path)?;
        let type_name = as_str(field(definition, "type", path)?, &path.key("type"))?;
        let ty = match type_name.to_ascii_lowercase().as_str() {
            "string" => ParameterType::String,
            "boolean" => ParameterType::Boolean,
            "stringarray" => ParameterType::StringArray,
            _ => return Err(path.error(format!("unsupported parameter type `{type_name}`"))),
        };
        let default = match (definition.get("default"), ty) {
            (None, _) => None,
            (Some(Value::String(s)), ParameterType::String) => {
                Some(ParameterValue::String(s.clone()))
            }
            (Some(Value::Bool(b)), ParameterType::Boolean) => Some(ParameterValue::Boolean(*b)),
            (Some(Value::Array(items)), ParameterType::StringArray)
                if items.iter().all(Value::is_string) =>
            {
                Some(ParameterValue::StringArray(
                    items
                        .iter()
                        .filter_map(Value::as_str)
                        .map(str::to_owned)
                        .collect(),
                ))
            }
            (Some(other), _) => {
                let expected = match ty {
                    ParameterType::String => "a string",
                    ParameterType::Boolean => "a boolean",
                    ParameterType::StringArray => "an array of strings",
                };
                return Err(path.error(format!("the default {other} is not {expected}")));
            }
        };
        let text = |key: &str| -> Result<Option<String>> {
            definition
                .get(key)
                .map(|value| as_str(value, &path.key(key)).map(str::to_owned))
                .transpose()
        };
        let required = match definition.get("required") {
            None => false,
            Some(Value::Bool(b)) => *b,
            Some(other) => {
                return Err(path
                    .key("required")
                    .error(format!("expected a boolean, found {other}")));
            }
        };
        let deprecated = definition.get("deprecated").map(|d| {
            d.get("message")
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_owned()
        });
        Ok(Parameter {
            name: name.to_owned(),
            ty,
            default,
            built_in: text("builtIn")?,
            required,
            documentation: text("documentation")?,
            deprecated,
        })
    }
}

impl Rule {
    fn parse_list(value: &Value, path: &Path) -> Result<Vec<Rule>> {
        as_array(value, path)?
            .iter()
            .enumerate()
            .map(|(index, rule)| Rule::parse(rule, &path.index(index)))
            .collect()
    }

    fn parse(value: &Value, path: &Path) -> Result<Self> {
        let object = as_object(value, path)?;
        let conditions = match object.get("conditions") {
            None => Vec::new(),
            Some(conditions) => {
                let conditions_path = path.key("conditions");
                as_array(conditions, &conditions_path)?
                    .iter()
                    .enumerate()
                    .map(|(index, condition)| {
                        Condition::parse(condition, &conditions_path.index(index))
                    })
                    .collect::<Result<_>>()?
            }
        };
        let type_name = as_str(field(object, "type", path)?, &path.key("type"))?;
        let body = match type_name {
            "endpoint" => RuleBody::Endpoint(Endpoint::parse(
                field(object, "endpoint", path)?,
                &path.key("endpoint"),
            )?),
            "error" => RuleBody::Error(Expr::parse(
                field(object, "error", path)?,
                &path.key("error"),
            )?),
            "tree" => RuleBody::Tree(Rule::parse_list(
                field(object, "rules", path)?,
                &path.key("rules"),
            )?),
            other => {
                return Err(path
                    .key("type")
                    .error(format!("unsupported rule type `{other}`")));
            }
        };
        Ok(Rule { conditions, body })
    }
}

impl Condition {
    fn parse(value: &Value, path: &Path) -> Result<Self> {
        let object = as_object(value, path)?;
        let assign = object
            .get("assign")
            .map(|name| as_str(name, &path.key("assign")).map(str::to_owned))
            .transpose()?;
        Ok(Condition {
            call: Call::parse(object, path)?,
            assign,
        })
    }
}

impl Call {
    fn parse(object: &Map<String, Value>, path: &Path) -> Result<Self> {
        let function = as_str(field(object, "fn", path)?, &path.key("fn"))?.to_owned();
        let argv_path = path.key("argv");
        let args = as_array(field(object, "argv", path)?, &argv_path)?
            .iter()
            .enumerate()
            .map(|(index, arg)| Expr::parse(arg, &argv_path.index(index)))
            .collect::<Result<_>>()?;
        Ok(Call { function, args })
    }
}

impl Expr {
    /// The literal string this is, if it is one (a template without placeholders).
    pub fn literal(&self) -> Option<String> {
        match self {
            Expr::Template(template) => template.literal(),
            _ => None,
        }
    }

    fn parse(value: &Value, path: &Path) -> Result<Self> {
        match value {
            Value::String(text) => Template::parse(text, path).map(Expr::Template),
            Value::Bool(b) => Ok(Expr::Bool(*b)),
            Value::Number(n) => n
                .as_u64()
                .and_then(|n| usize::try_from(n).ok())
                .map(Expr::Int)
                .ok_or_else(|| {
                    path.error(format!(
                        "unsupported number {n}: only non-negative integers"
                    ))
                }),
            Value::Object(object) if object.contains_key("ref") => Ok(Expr::Ref(
                as_str(&object["ref"], &path.key("ref"))?.to_owned(),
            )),
            Value::Object(object) if object.contains_key("fn") => {
                Call::parse(object, path).map(Expr::Call)
            }
            other => Err(path.error(format!("unsupported expression {other}"))),
        }
    }
}

impl Template {
    fn parse(text: &str, path: &Path) -> Result<Self> {
        let mut parts = Vec::new();
        let mut literal = String::new();
        let mut rest = text;
        while let Some(position) = rest.find(['{', '}']) {
            let (before, after) = rest.split_at(position);
            literal.push_str(before);
            if let Some(after) = after.strip_prefix("{{") {
                literal.push('{');
                rest = after;
            } else if let Some(after) = after.strip_prefix("}}") {
                literal.push('}');
                rest = after;
            } else if let Some(after) = after.strip_prefix('{') {
                let end = after
                    .find('}')
                    .ok_or_else(|| path.error(format!("unclosed `{{` in the template {text:?}")))?;
                let placeholder = &after[..end];
                let (name, attribute) = match placeholder.split_once('#') {
                    Some((name, attribute)) => (name, Some(attribute.to_owned())),
                    None => (placeholder, None),
                };
                if !literal.is_empty() {
                    parts.push(TemplatePart::Literal(std::mem::take(&mut literal)));
                }
                parts.push(TemplatePart::Placeholder {
                    name: name.to_owned(),
                    attribute,
                });
                rest = &after[end + 1..];
            } else {
                return Err(path.error(format!("unmatched `}}` in the template {text:?}")));
            }
        }
        literal.push_str(rest);
        if !literal.is_empty() {
            parts.push(TemplatePart::Literal(literal));
        }
        Ok(Template {
            text: text.to_owned(),
            parts,
        })
    }
}

impl Endpoint {
    fn parse(value: &Value, path: &Path) -> Result<Self> {
        let object = as_object(value, path)?;
        let url = Expr::parse(field(object, "url", path)?, &path.key("url"))?;
        let mut headers = BTreeMap::new();
        if let Some(value) = object.get("headers") {
            let headers_path = path.key("headers");
            for (name, values) in as_object(value, &headers_path)? {
                let header_path = headers_path.key(name);
                let values = as_array(values, &header_path)?
                    .iter()
                    .enumerate()
                    .map(|(index, value)| Expr::parse(value, &header_path.index(index)))
                    .collect::<Result<_>>()?;
                headers.insert(name.clone(), values);
            }
        }
        let mut properties = BTreeMap::new();
        if let Some(value) = object.get("properties") {
            let properties_path = path.key("properties");
            for (name, value) in as_object(value, &properties_path)? {
                properties.insert(
                    name.clone(),
                    Property::parse(value, &properties_path.key(name))?,
                );
            }
        }
        Ok(Endpoint {
            url,
            headers,
            properties,
        })
    }
}

impl Property {
    fn parse(value: &Value, path: &Path) -> Result<Self> {
        Ok(match value {
            Value::Null => Property::Null,
            Value::Bool(b) => Property::Bool(*b),
            Value::Number(n) => Property::Number(n.clone()),
            Value::String(_) => Property::Expr(Expr::parse(value, path)?),
            Value::Array(items) => Property::Array(
                items
                    .iter()
                    .enumerate()
                    .map(|(index, item)| Property::parse(item, &path.index(index)))
                    .collect::<Result<_>>()?,
            ),
            Value::Object(object) if object.contains_key("ref") || object.contains_key("fn") => {
                Property::Expr(Expr::parse(value, path)?)
            }
            Value::Object(object) => Property::Object(
                object
                    .iter()
                    .map(|(key, item)| Ok((key.clone(), Property::parse(item, &path.key(key))?)))
                    .collect::<Result<_>>()?,
            ),
        })
    }
}

/// Where in the rule set (or its test file) a value is, for error messages:
/// `rules[1].conditions[0]`.
#[derive(Debug, Clone)]
pub struct Path(String);

impl Path {
    pub fn root() -> Self {
        Path(String::new())
    }

    pub fn key(&self, key: &str) -> Self {
        if self.0.is_empty() {
            Path(key.to_owned())
        } else {
            Path(format!("{}.{key}", self.0))
        }
    }

    pub fn index(&self, index: usize) -> Self {
        Path(format!("{}[{index}]", self.0))
    }

    /// An error about the value here in the rule set.
    pub fn error(&self, problem: impl std::fmt::Display) -> Error {
        self.error_in(RULE_SET, problem)
    }

    /// An error about the value here in `file`.
    pub fn error_in(&self, file: &str, problem: impl std::fmt::Display) -> Error {
        if self.0.is_empty() {
            Error::model(file, problem.to_string())
        } else {
            Error::model(file, format!("`{}`: {problem}", self.0))
        }
    }
}

fn as_object<'v>(value: &'v Value, path: &Path) -> Result<&'v Map<String, Value>> {
    value
        .as_object()
        .ok_or_else(|| path.error(format!("expected an object, found {value}")))
}

fn as_array<'v>(value: &'v Value, path: &Path) -> Result<&'v Vec<Value>> {
    value
        .as_array()
        .ok_or_else(|| path.error(format!("expected an array, found {value}")))
}

fn as_str<'v>(value: &'v Value, path: &Path) -> Result<&'v str> {
    value
        .as_str()
        .ok_or_else(|| path.error(format!("expected a string, found {value}")))
}

fn field<'v>(object: &'v Map<String, Value>, key: &str, path: &Path) -> Result<&'v Value> {
    object
        .get(key)
        .ok_or_else(|| path.error(format!("`{key}` is missing")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(value: Value) -> Result<RuleSet> {
        RuleSet::parse(&value)
    }

    #[test]
    fn templates_split_into_literals_and_placeholders() {
        let template = Template::parse("https://{Region}.{P#dnsSuffix}{{x}}", &Path::root())
            .expect("a valid template");
        assert_eq!(
            template.parts,
            vec![
                TemplatePart::Literal("https://".into()),
                TemplatePart::Placeholder {
                    name: "Region".into(),
                    attribute: None
                },
                TemplatePart::Literal(".".into()),
                TemplatePart::Placeholder {
                    name: "P".into(),
                    attribute: Some("dnsSuffix".into())
                },
                TemplatePart::Literal("{x}".into()),
            ]
        );
        assert_eq!(template.literal(), None);
        let plain = Template::parse("a{{b}}", &Path::root()).expect("a valid template");
        assert_eq!(plain.literal().as_deref(), Some("a{b}"));
        let empty = Template::parse("", &Path::root()).expect("a valid template");
        assert_eq!(empty.literal().as_deref(), Some(""));
    }

    #[test]
    fn a_bad_template_is_named_with_its_place() {
        let error = parse(serde_json::json!({
            "parameters": {},
            "rules": [{"conditions": [], "type": "error", "error": "oops {Region"}]
        }))
        .expect_err("an unclosed placeholder");
        assert_eq!(
            error.to_string(),
            "the endpoint rule set: `rules[0].error`: unclosed `{` in the template \"oops {Region\""
        );
    }

    #[test]
    fn a_default_of_the_wrong_type_is_refused() {
        let error = parse(serde_json::json!({
            "parameters": {"UseFIPS": {"type": "Boolean", "default": "no"}},
            "rules": []
        }))
        .expect_err("a string default of a boolean");
        assert_eq!(
            error.to_string(),
            "the endpoint rule set: `parameters.UseFIPS`: the default \"no\" is not a boolean"
        );
    }

    #[test]
    fn auth_scheme_names_are_read_from_every_endpoint() {
        let rule_set = parse(serde_json::json!({
            "parameters": {"Region": {"type": "String"}},
            "rules": [
                {"conditions": [{"fn": "isSet", "argv": [{"ref": "Region"}]}], "type": "tree",
                 "rules": [{"conditions": [], "type": "endpoint", "endpoint": {
                     "url": "https://a",
                     "properties": {"authSchemes": [{"name": "sigv4a", "signingRegionSet": ["*"]}]}
                 }}]},
                {"conditions": [], "type": "endpoint", "endpoint": {
                    "url": "https://b",
                    "properties": {"authSchemes": [{"name": "sigv4"}]}
                }}
            ]
        }))
        .expect("a valid rule set");
        assert_eq!(
            rule_set.auth_scheme_names().into_iter().collect::<Vec<_>>(),
            ["sigv4", "sigv4a"]
        );
    }
}
