//! The model IR: a format-independent, Smithy-shaped view of a service model.
//!
//! Every loader (botocore JSON today, Smithy JSON AST next) produces a [`Model`]; every later
//! stage reads only this. Shapes are keyed by [`ShapeId`] in a `BTreeMap`, so iteration order is
//! fixed; members keep the order the model gives them.

use std::collections::BTreeMap;
use std::fmt;

/// A shape's absolute id, `namespace#Name`, as Smithy writes it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ShapeId {
    namespace: String,
    name: String,
}

impl ShapeId {
    /// Makes the id `namespace#name`.
    pub fn new(namespace: impl Into<String>, name: impl Into<String>) -> Self {
        Self {
            namespace: namespace.into(),
            name: name.into(),
        }
    }

    /// Parses `namespace#Name`; `None` when there is no `#` or either side is empty.
    pub fn parse(text: &str) -> Option<Self> {
        let (namespace, name) = text.split_once('#')?;
        if namespace.is_empty() || name.is_empty() || name.contains('#') {
            return None;
        }
        Some(Self::new(namespace, name))
    }

    /// The part before `#`.
    pub fn namespace(&self) -> &str {
        &self.namespace
    }

    /// The shape's own name, the part after `#`.
    pub fn name(&self) -> &str {
        &self.name
    }
}

impl fmt::Display for ShapeId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}#{}", self.namespace, self.name)
    }
}

/// A whole service model: the service and every shape it can reach.
#[derive(Debug, Clone, PartialEq)]
pub struct Model {
    /// The service shape's description.
    pub service: Service,
    /// Every shape but the service, by id.
    pub shapes: BTreeMap<ShapeId, Shape>,
}

impl Model {
    /// The shape with this id.
    pub fn shape(&self, id: &ShapeId) -> Option<&Shape> {
        self.shapes.get(id)
    }

    /// The operations of the service, in the service's order, with their ids.
    pub fn operations(&self) -> impl Iterator<Item = (&ShapeId, &Operation)> {
        self.service
            .operations
            .iter()
            .filter_map(|id| match self.shapes.get(id) {
                Some(Shape {
                    kind: ShapeKind::Operation(operation),
                    ..
                }) => Some((id, operation)),
                _ => None,
            })
    }
}

/// The wire protocols a model can name. Only the ones the generator supports get a variant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Protocol {
    /// `aws.protocols#awsJson1_0`.
    AwsJson1_0,
    /// `aws.protocols#awsJson1_1`.
    AwsJson1_1,
}

impl Protocol {
    /// The protocol's Smithy name.
    pub fn name(self) -> &'static str {
        match self {
            Protocol::AwsJson1_0 => "awsJson1_0",
            Protocol::AwsJson1_1 => "awsJson1_1",
        }
    }
}

/// The service shape: identity, protocol, signing and its operations.
#[derive(Debug, Clone, PartialEq)]
pub struct Service {
    /// The service shape's id, e.g. `com.amazonaws.inspector#InspectorService`.
    pub id: ShapeId,
    /// The API version, e.g. `2016-02-16`.
    pub version: String,
    /// The SDK id, e.g. `Inspector`.
    pub sdk_id: String,
    /// The service's full name, e.g. `Amazon Inspector`.
    pub title: String,
    /// The endpoint prefix, e.g. `inspector`.
    pub endpoint_prefix: String,
    /// The SigV4 signing name.
    pub signing_name: String,
    /// The wire protocol.
    pub protocol: Protocol,
    /// The service's documentation (HTML).
    pub documentation: Option<String>,
    /// The operations, sorted by id.
    pub operations: Vec<ShapeId>,
    /// The endpoint rule set, kept as JSON for the client.
    pub endpoint_rule_set: Option<serde_json::Value>,
    /// The endpoint test cases (Smithy's `smithy.rules#endpointTests`, botocore's
    /// `endpoint-tests-1.json`), kept as JSON for the generated tests.
    pub endpoint_tests: Option<serde_json::Value>,
}

/// One shape: its id, what kind of shape it is, and its traits.
#[derive(Debug, Clone, PartialEq)]
pub struct Shape {
    /// The shape's id.
    pub id: ShapeId,
    /// The kind, with the members or targets that kind has.
    pub kind: ShapeKind,
    /// The traits applied to the shape itself.
    pub traits: Traits,
}

/// The kinds of shape, Smithy's set.
#[derive(Debug, Clone, PartialEq)]
pub enum ShapeKind {
    /// Binary data.
    Blob,
    /// `true` or `false`.
    Boolean,
    /// Text.
    String,
    /// 8-bit signed integer.
    Byte,
    /// 16-bit signed integer.
    Short,
    /// 32-bit signed integer.
    Integer,
    /// 64-bit signed integer.
    Long,
    /// 32-bit float.
    Float,
    /// 64-bit float.
    Double,
    /// Arbitrary-precision integer.
    BigInteger,
    /// Arbitrary-precision decimal.
    BigDecimal,
    /// A point in time.
    Timestamp,
    /// Untyped JSON-like data.
    Document,
    /// A string restricted to listed values.
    Enum(Vec<EnumValue>),
    /// An integer restricted to listed values.
    IntEnum(Vec<IntEnumValue>),
    /// An ordered collection.
    List(Box<Member>),
    /// Keys to values; the key targets a string or enum shape.
    Map {
        /// The `key` member.
        key: Box<Member>,
        /// The `value` member.
        value: Box<Member>,
    },
    /// Named members.
    Structure(Vec<Member>),
    /// Exactly one of its members.
    Union(Vec<Member>),
    /// An operation of the service.
    Operation(Operation),
}

impl ShapeKind {
    /// The Smithy name of the kind, for messages.
    pub fn name(&self) -> &'static str {
        match self {
            ShapeKind::Blob => "blob",
            ShapeKind::Boolean => "boolean",
            ShapeKind::String => "string",
            ShapeKind::Byte => "byte",
            ShapeKind::Short => "short",
            ShapeKind::Integer => "integer",
            ShapeKind::Long => "long",
            ShapeKind::Float => "float",
            ShapeKind::Double => "double",
            ShapeKind::BigInteger => "bigInteger",
            ShapeKind::BigDecimal => "bigDecimal",
            ShapeKind::Timestamp => "timestamp",
            ShapeKind::Document => "document",
            ShapeKind::Enum(_) => "enum",
            ShapeKind::IntEnum(_) => "intEnum",
            ShapeKind::List(_) => "list",
            ShapeKind::Map { .. } => "map",
            ShapeKind::Structure(_) => "structure",
            ShapeKind::Union(_) => "union",
            ShapeKind::Operation(_) => "operation",
        }
    }

    /// The members this shape has, in model order (list and map members included).
    pub fn members(&self) -> Vec<&Member> {
        match self {
            ShapeKind::List(member) => vec![member],
            ShapeKind::Map { key, value } => vec![key, value],
            ShapeKind::Structure(members) | ShapeKind::Union(members) => members.iter().collect(),
            _ => Vec::new(),
        }
    }

    /// Mutable access to the members, in model order.
    pub fn members_mut(&mut self) -> Vec<&mut Member> {
        match self {
            ShapeKind::List(member) => vec![member],
            ShapeKind::Map { key, value } => vec![key, value],
            ShapeKind::Structure(members) | ShapeKind::Union(members) => {
                members.iter_mut().collect()
            }
            _ => Vec::new(),
        }
    }
}

/// One value of a string enum.
#[derive(Debug, Clone, PartialEq)]
pub struct EnumValue {
    /// The value on the wire.
    pub value: String,
    /// The value's documentation (HTML).
    pub documentation: Option<String>,
    /// Set when the value is deprecated.
    pub deprecated: Option<Deprecated>,
}

/// One value of an integer enum.
#[derive(Debug, Clone, PartialEq)]
pub struct IntEnumValue {
    /// The member name.
    pub name: String,
    /// The value on the wire.
    pub value: i32,
    /// The value's documentation (HTML).
    pub documentation: Option<String>,
}

/// A member of a structure, union, list or map.
#[derive(Debug, Clone, PartialEq)]
pub struct Member {
    /// The member name as the model writes it (`key`/`value`/`member` for maps and lists).
    pub name: String,
    /// The shape it targets.
    pub target: ShapeId,
    /// Traits applied to the member.
    pub traits: Traits,
}

/// An operation: input, output and the errors it can return.
#[derive(Debug, Clone, PartialEq)]
pub struct Operation {
    /// The input structure, if any.
    pub input: Option<ShapeId>,
    /// The output structure, if any.
    pub output: Option<ShapeId>,
    /// The modelled errors, in model order.
    pub errors: Vec<ShapeId>,
    /// Examples of input and output, as the model gives them.
    pub examples: Vec<Example>,
}

/// A documented example call of an operation.
#[derive(Debug, Clone, PartialEq)]
pub struct Example {
    /// A short title.
    pub title: String,
    /// A longer description.
    pub documentation: Option<String>,
    /// The input, in wire form.
    pub input: Option<serde_json::Value>,
    /// The output, in wire form.
    pub output: Option<serde_json::Value>,
}

/// Whether an error is the caller's fault or the service's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorFault {
    /// The caller's fault (4xx).
    Client,
    /// The service's fault (5xx).
    Server,
}

/// How a timestamp is written on the wire.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimestampFormat {
    /// Seconds since the Unix epoch, fractions allowed.
    EpochSeconds,
    /// RFC 3339 date-time.
    DateTime,
    /// RFC 7231 IMF-fixdate.
    HttpDate,
}

/// A `length` constraint: counts characters of strings, bytes of blobs, entries of lists and maps.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Length {
    /// Inclusive minimum.
    pub min: Option<u64>,
    /// Inclusive maximum.
    pub max: Option<u64>,
}

/// A `range` constraint on a number, kept exactly as the model writes it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Range {
    /// Inclusive minimum.
    pub min: Option<serde_json::Number>,
    /// Inclusive maximum.
    pub max: Option<serde_json::Number>,
}

/// The `deprecated` trait.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Deprecated {
    /// Why, or what to use instead.
    pub message: Option<String>,
    /// Since when.
    pub since: Option<String>,
}

/// The `paginated` trait, merged with what botocore's paginators file says.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Paginated {
    /// The input member carrying the token.
    pub input_token: Option<String>,
    /// The output member (path) carrying the next token.
    pub output_token: Option<String>,
    /// The output member (path) holding the items.
    pub items: Option<String>,
    /// The input member limiting the page size.
    pub page_size: Option<String>,
}

/// A `default` value.
#[derive(Debug, Clone, PartialEq)]
pub enum DefaultValue {
    /// A boolean.
    Bool(bool),
    /// A number, exactly as written.
    Number(serde_json::Number),
    /// A string (also enum values and blobs).
    String(String),
    /// An empty list.
    EmptyList,
    /// An empty map.
    EmptyMap,
}

/// The traits the generator understands, plus any others carried as JSON.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Traits {
    /// Documentation (HTML).
    pub documentation: Option<String>,
    /// The member must be set.
    pub required: bool,
    /// The value a missing member takes.
    pub default: Option<DefaultValue>,
    /// `length` constraint.
    pub length: Option<Length>,
    /// `range` constraint.
    pub range: Option<Range>,
    /// `pattern` constraint (an ECMA 262 regular expression, unanchored).
    pub pattern: Option<String>,
    /// Set on error structures.
    pub error: Option<ErrorFault>,
    /// The HTTP status the error is sent with.
    pub http_error: Option<u16>,
    /// The error code when it differs from the shape name (botocore's `error.code`).
    pub error_code: Option<String>,
    /// Whether (and how) an error may be retried.
    pub retryable: Option<Retryable>,
    /// How a timestamp is written.
    pub timestamp_format: Option<TimestampFormat>,
    /// Values never printed in logs.
    pub sensitive: bool,
    /// Set when deprecated.
    pub deprecated: Option<Deprecated>,
    /// Pagination, on operations.
    pub paginated: Option<Paginated>,
    /// Filled with a random token when not set.
    pub idempotency_token: bool,
    /// The member's name on the wire, when it differs from the member name.
    pub json_name: Option<String>,
    /// The member is stored behind a pointer to break a cycle; set by the transform stage.
    pub boxed: bool,
    /// Traits no stage reads, by id, carried through unchanged.
    pub other: BTreeMap<String, serde_json::Value>,
}

/// The `retryable` trait.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Retryable {
    /// The error signals throttling.
    pub throttling: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shape_id_parses_and_prints_namespace_and_name() {
        let id = ShapeId::parse("com.amazonaws.inspector#AssessmentRun").unwrap();
        assert_eq!(id.namespace(), "com.amazonaws.inspector");
        assert_eq!(id.name(), "AssessmentRun");
        assert_eq!(id.to_string(), "com.amazonaws.inspector#AssessmentRun");
    }

    #[test]
    fn shape_id_rejects_text_without_both_parts() {
        for bad in ["AssessmentRun", "#A", "ns#", "a#b#c", ""] {
            assert_eq!(ShapeId::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn shape_ids_order_by_namespace_then_name() {
        let mut ids = [
            ShapeId::new("b", "A"),
            ShapeId::new("a", "Z"),
            ShapeId::new("a", "B"),
        ];
        ids.sort();
        let printed: Vec<String> = ids.iter().map(ToString::to_string).collect();
        assert_eq!(printed, ["a#B", "a#Z", "b#A"]);
    }
}
