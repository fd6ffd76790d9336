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
    /// The operations the generator leaves out, by id: they use a wire feature it does not
    /// generate yet. The transform stage moves them here from the service's operations; their
    /// shapes no longer count as reached.
    pub left_out: BTreeMap<ShapeId, LeftOut>,
    /// What the generator changed in or left out of this valid model, for the generation
    /// summary: the stages that decide append here (renames, unchecked patterns, skipped
    /// examples and paginators).
    pub notes: Vec<Note>,
    /// Every `pattern` the generated crate checks, as the model writes it, with its
    /// translation and engine; the transform stage fills it (and drops the others).
    pub patterns: BTreeMap<String, crate::pattern::Checked>,
}

/// One line of the generation summary: something of a valid model the generator renamed,
/// left unchecked or left out, and why.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Note {
    /// What kind of change it is.
    pub kind: NoteKind,
    /// What and why, naming the shape or operation.
    pub text: String,
}

/// The kinds of [`Note`], in the order the summary lists them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum NoteKind {
    /// An operation is generated without its client call, or not at all.
    LeftOut,
    /// A Rust name was changed so that two items do not collide.
    Renamed,
    /// A `pattern` constraint is not checked by `validate()`.
    UncheckedPattern,
    /// An example of the model is not generated as a test.
    SkippedExample,
    /// A paginator of the model is not generated, or with less than the model says.
    SkippedPaginator,
    /// A waiter of the model is not generated.
    SkippedWaiter,
}

impl NoteKind {
    /// The kind's word in the summary, padded to one width.
    pub fn label(self) -> &'static str {
        match self {
            Self::LeftOut => "left out",
            Self::Renamed => "renamed",
            Self::UncheckedPattern => "unchecked",
            Self::SkippedExample => "skipped example",
            Self::SkippedPaginator => "skipped paginator",
            Self::SkippedWaiter => "skipped waiter",
        }
    }
}

impl std::fmt::Display for Note {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.kind.label(), self.text)
    }
}

/// An operation the generator leaves out, and why.
#[derive(Debug, Clone, PartialEq)]
pub struct LeftOut {
    /// What it uses that the generator does not generate yet, e.g. `streaming payloads
    /// (member `body` of `GetObjectOutput`)`.
    pub reason: String,
    /// The operation shape, which still holds its protocol tests.
    pub shape: Shape,
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
                }) => Some((id, &**operation)),
                _ => None,
            })
    }
}

/// The wire protocols the loaders can choose for a model. Only the ones the generator supports,
/// or is about to, get a variant; [`Service::protocols`] lists every protocol the model names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Protocol {
    /// `aws.protocols#awsJson1_0` (botocore: `json` with `jsonVersion` `1.0`).
    AwsJson1_0,
    /// `aws.protocols#awsJson1_1` (botocore: `json` with `jsonVersion` `1.1`).
    AwsJson1_1,
    /// `aws.protocols#restJson1` (botocore: `rest-json`). Loaded; not generated yet.
    RestJson1,
}

impl Protocol {
    /// The protocol's Smithy name.
    pub fn name(self) -> &'static str {
        match self {
            Protocol::AwsJson1_0 => "awsJson1_0",
            Protocol::AwsJson1_1 => "awsJson1_1",
            Protocol::RestJson1 => "restJson1",
        }
    }

    /// The id of the Smithy trait that names the protocol, e.g. `aws.protocols#awsJson1_0`.
    pub fn trait_id(self) -> &'static str {
        match self {
            Protocol::AwsJson1_0 => "aws.protocols#awsJson1_0",
            Protocol::AwsJson1_1 => "aws.protocols#awsJson1_1",
            Protocol::RestJson1 => "aws.protocols#restJson1",
        }
    }

    /// Whether request and response bodies are XML, where the XML traits (`xmlName`, …) and
    /// botocore's XML keys matter.
    pub fn has_xml_bodies(self) -> bool {
        match self {
            Protocol::AwsJson1_0 | Protocol::AwsJson1_1 | Protocol::RestJson1 => false,
        }
    }

    /// The protocol named by the Smithy trait `id`, when it is one the loaders can choose.
    pub fn from_trait_id(id: &str) -> Option<Self> {
        [
            Protocol::AwsJson1_0,
            Protocol::AwsJson1_1,
            Protocol::RestJson1,
        ]
        .into_iter()
        .find(|p| p.trait_id() == id)
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
    /// The wire protocol the generated crate speaks: of the protocols the model names, the first
    /// the generator supports in botocore's priority order (`json`, `rest-json`, `rest-xml`,
    /// `smithy-rpc-v2-cbor`, `query`, `ec2`: botocore's `PRIORITY_ORDERED_SUPPORTED_PROTOCOLS`).
    pub protocol: Protocol,
    /// Every protocol the model names, in model order, as Smithy protocol trait ids
    /// (`aws.protocols#restJson1`, `smithy.protocols#rpcv2Cbor`, …): Smithy's protocol traits
    /// on the service, botocore's `metadata.protocols` (or `metadata.protocol`).
    pub protocols: Vec<String>,
    /// `aws.protocols#awsQueryCompatible` (botocore: `metadata.awsQueryCompatible`): the service
    /// moved from awsQuery and still sends and reads awsQuery error codes.
    pub aws_query_compatible: bool,
    /// The XML namespace of the service's XML bodies (Smithy's `xmlNamespace` on the service,
    /// botocore's `metadata.xmlNamespace`).
    pub xml_namespace: Option<XmlNamespace>,
    /// The auth schemes, by Smithy id (`aws.auth#sigv4`, `smithy.api#httpBearerAuth`, …), most
    /// preferred first: Smithy's `auth` trait on the service, else its auth scheme traits in id
    /// order; botocore's `metadata.auth`, else what `metadata.signatureVersion` names.
    pub auth: Vec<String>,
    /// The endpoint rule set parameters clients set (Smithy's `smithy.rules#clientContextParams`,
    /// botocore's `clientContextParams`), by name.
    pub client_context_params: BTreeMap<String, ClientContextParam>,
    /// The service's documentation (HTML).
    pub documentation: Option<String>,
    /// The operations, sorted by id.
    pub operations: Vec<ShapeId>,
    /// The endpoint rule set, read at load.
    pub endpoint_rule_set: Option<crate::endpoint_rules::RuleSet>,
    /// The endpoint test cases (Smithy's `smithy.rules#endpointTests`, botocore's
    /// `endpoint-tests-1.json`), kept as JSON for the generated tests.
    pub endpoint_tests: Option<serde_json::Value>,
    /// The waiters, by name (Smithy's `smithy.waiters#waitable` on the operations, botocore's
    /// `waiters-2.json`). Names are unique across the service.
    pub waiters: BTreeMap<String, Waiter>,
}

/// An endpoint rule set parameter a client sets from its configuration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClientContextParam {
    /// The parameter's type as the model writes it: `string` or `boolean`.
    pub kind: String,
    /// The parameter's documentation.
    pub documentation: Option<String>,
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
    /// An operation of the service (boxed: it is much larger than the other kinds).
    Operation(Box<Operation>),
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
    /// Where in the HTTP message the member goes; `None` is the body.
    pub binding: Option<Binding>,
    /// Traits applied to the member.
    pub traits: Traits,
}

/// Where an input or output member goes in an HTTP message, when not in the body.
///
/// The HTTP binding traits (Smithy's `httpLabel`, `httpQuery`, …; botocore's `location` and a
/// structure's `payload`), as the model writes them. Which protocols honour them is the
/// protocol layer's business: restJson1 does, awsJson ignores them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Binding {
    /// A label of the operation's URI pattern (`httpLabel`; botocore `location: uri`).
    Label {
        /// The label's name in the pattern: the member name (Smithy) or its `locationName`.
        name: String,
        /// The label is greedy, `{Name+}` in the pattern: it takes `/`s too.
        greedy: bool,
    },
    /// A query string parameter of this name (`httpQuery`; botocore `location: querystring`).
    Query(String),
    /// A map whose entries are query string parameters (`httpQueryParams`; botocore
    /// `location: querystring` on a map member).
    QueryParams,
    /// A header of this name (`httpHeader`; botocore `location: header`).
    Header(String),
    /// A map whose entries are headers named with this prefix (`httpPrefixHeaders`; botocore
    /// `location: headers`).
    PrefixHeaders(String),
    /// The whole body (`httpPayload`; the member a botocore structure's `payload` names).
    Payload,
    /// The HTTP status code of a response (`httpResponseCode`; botocore `location: statusCode`).
    ResponseCode,
}

/// An operation: input, output and the errors it can return, and how it goes on the wire.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Operation {
    /// The input structure, if any.
    pub input: Option<ShapeId>,
    /// The output structure, if any.
    pub output: Option<ShapeId>,
    /// The modelled errors, in model order.
    pub errors: Vec<ShapeId>,
    /// Examples of input and output, as the model gives them.
    pub examples: Vec<Example>,
    /// The HTTP method, URI and success code (Smithy's `http`, botocore's `http`); `None` when
    /// the model gives none (Smithy models of awsJson services).
    pub http: Option<Http>,
    /// The prefix the operation puts before the endpoint's host (Smithy's `endpoint` trait,
    /// botocore's `endpoint.hostPrefix`).
    pub host_prefix: Option<HostPrefix>,
    /// The request body may be compressed (Smithy's `requestCompression`, botocore's
    /// `requestcompression`).
    pub request_compression: Option<RequestCompression>,
    /// Requests must carry a checksum of the body (`httpChecksumRequired`).
    pub http_checksum_required: bool,
    /// Flexible checksums (`aws.protocols#httpChecksum`, botocore's `httpChecksum`).
    pub http_checksum: Option<HttpChecksum>,
    /// The operation's own auth schemes, by Smithy id, most preferred first, when they differ
    /// from the service's: Smithy's `auth` trait, botocore's `auth` (or `authtype`). An empty
    /// list means no auth (`smithy.api#noAuth`).
    pub auth: Option<Vec<String>>,
    /// The payload is not signed (`aws.auth#unsignedPayload`; botocore `unsignedPayload`, or
    /// `authtype: v4-unsigned-body`).
    pub unsigned_payload: bool,
    /// Auth is optional (`smithy.api#optionalAuth`): a client without credentials may send
    /// the call unsigned.
    pub optional_auth: bool,
    /// Endpoint rule set parameters the operation sets to fixed values
    /// (`smithy.rules#staticContextParams`, botocore `staticContextParams`), by name.
    pub static_context_params: BTreeMap<String, serde_json::Value>,
    /// Endpoint rule set parameters taken from the input by a JMESPath expression
    /// (`smithy.rules#operationContextParams`, botocore `operationContextParams`), by name.
    pub operation_context_params: BTreeMap<String, String>,
    /// The operation is sent to an endpoint the service's discovery operation names
    /// (botocore's `endpointdiscovery`, Smithy's `aws.api#clientDiscoveredEndpoint`).
    pub endpoint_discovery: Option<EndpointDiscovery>,
    /// The operation is the service's endpoint discovery operation, e.g. `DescribeEndpoints`
    /// (botocore's `endpointoperation`, Smithy's `aws.api#clientEndpointDiscovery` on the
    /// service).
    pub endpoint_operation: bool,
}

impl Operation {
    /// The input structure. Every operation has one once `transform` has given each its own
    /// input and output, which is before anything is emitted.
    ///
    /// # Panics
    ///
    /// On an operation that has not been through `transform`, without an input.
    pub fn input_id(&self) -> &ShapeId {
        self.input
            .as_ref()
            .expect("normalized operations have an input")
    }

    /// The output structure (see [`Operation::input_id`]).
    ///
    /// # Panics
    ///
    /// On an operation that has not been through `transform`, without an output.
    pub fn output_id(&self) -> &ShapeId {
        self.output
            .as_ref()
            .expect("normalized operations have an output")
    }
}

/// How an operation uses endpoint discovery.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EndpointDiscovery {
    /// Calls must go to a discovered endpoint; otherwise the discovered one is preferred.
    pub required: bool,
}

/// An operation's HTTP binding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Http {
    /// The method, e.g. `PUT`.
    pub method: String,
    /// The request's URI pattern.
    pub uri: UriPattern,
    /// The status code of a successful response; 200 unless the model says otherwise.
    pub code: u16,
}

/// A URI pattern, e.g. `/path/{Bucket}/{Key+}?x-id=GetObject`: path segments with labels, and a
/// literal query string.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UriPattern {
    /// The pattern as the model writes it.
    pub raw: String,
    /// The path's segments, between `/`s (`/` alone has none; a trailing `/` ends in an
    /// empty literal).
    pub segments: Vec<UriSegment>,
    /// The literal query parameters after `?`, in pattern order.
    pub query: Vec<QueryLiteral>,
}

impl UriPattern {
    /// The label named `name`, if the path has it.
    pub fn label(&self, name: &str) -> Option<&UriSegment> {
        self.segments
            .iter()
            .find(|s| matches!(s, UriSegment::Label { name: n, .. } if n == name))
    }

    /// The names of the path's labels, in pattern order.
    pub fn label_names(&self) -> impl Iterator<Item = &str> {
        self.segments.iter().filter_map(|s| match s {
            UriSegment::Label { name, .. } => Some(name.as_str()),
            UriSegment::Literal(_) => None,
        })
    }
}

/// One path segment of a [`UriPattern`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UriSegment {
    /// Text sent as it is.
    Literal(String),
    /// `{name}` or, greedy, `{name+}`: a member's value.
    Label {
        /// The label's name.
        name: String,
        /// `{name+}`: the value may span segments.
        greedy: bool,
    },
}

/// A literal query parameter of a [`UriPattern`]: `x-id=GetObject`, or `delete` alone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueryLiteral {
    /// The parameter's name.
    pub name: String,
    /// Its value; `None` when the pattern gives none (`?delete`).
    pub value: Option<String>,
}

/// A host prefix, e.g. `foo.{label}.`: literal text and labels naming `hostLabel` input members.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HostPrefix {
    /// The prefix as the model writes it.
    pub raw: String,
    /// The literal parts and labels, in order.
    pub segments: Vec<HostPrefixSegment>,
}

impl HostPrefix {
    /// The names of the labels, in order.
    pub fn label_names(&self) -> impl Iterator<Item = &str> {
        self.segments.iter().filter_map(|s| match s {
            HostPrefixSegment::Label(name) => Some(name.as_str()),
            HostPrefixSegment::Literal(_) => None,
        })
    }
}

/// A part of a [`HostPrefix`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HostPrefixSegment {
    /// Text sent as it is.
    Literal(String),
    /// `{name}`: the value of the input member `name`, which has the `hostLabel` trait.
    Label(String),
}

/// The `requestCompression` trait.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestCompression {
    /// The encodings the service accepts, most preferred first (e.g. `gzip`).
    pub encodings: Vec<String>,
}

/// The `aws.protocols#httpChecksum` trait (botocore's `httpChecksum`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct HttpChecksum {
    /// The input member naming the algorithm of the request's checksum.
    pub request_algorithm_member: Option<String>,
    /// The request must carry a checksum.
    pub request_checksum_required: bool,
    /// The input member that turns the validation of the response's checksum on.
    pub request_validation_mode_member: Option<String>,
    /// The algorithms the response's checksum may use.
    pub response_algorithms: Vec<String>,
}

/// An XML namespace (`xmlNamespace`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct XmlNamespace {
    /// The namespace URI.
    pub uri: String,
    /// The prefix, when the namespace is not the default one.
    pub prefix: Option<String>,
}

/// The `aws.protocols#awsQueryError` trait (botocore: an error shape's `error.code`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AwsQueryError {
    /// The error code awsQuery (and awsQuery-compatible services) send.
    pub code: String,
    /// The HTTP status it comes with, when the model gives one.
    pub http_response_code: Option<u16>,
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
    /// Output members besides the items that boto3's `build_full_result()` keeps, from the
    /// first page (botocore's `non_aggregate_keys`, from `paginators-1.sdk-extras.json`).
    pub non_aggregate_keys: Vec<String>,
    /// The output member (path) saying whether there are more pages (botocore's
    /// `more_results`): when it is not true, the page is the last, whatever its token.
    pub more_results: Option<String>,
    /// Why the tokens cannot be followed as the model says (botocore's lists of several
    /// input or output tokens): the paginator is not generated.
    pub unsupported_tokens: Option<String>,
    /// Why the items are not `items` (botocore's list of several result keys): the paginator
    /// is generated without `items()`.
    pub unsupported_items: Option<String>,
}

/// A waiter: calls an operation again and again until its response says that a resource
/// reached the state the waiter waits for, or a state it will never leave.
///
/// Each response is matched against the acceptors in order; the first that matches decides:
/// `success` ends the wait, `failure` fails it, `retry` waits and calls again. A response no
/// acceptor matches is retried, unless it is an error, which fails the wait.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Waiter {
    /// The operation the waiter calls.
    pub operation: ShapeId,
    /// The waiter's documentation (Smithy's `documentation`, botocore's `description`).
    pub documentation: Option<String>,
    /// The acceptors, in model order: the first that matches a response decides.
    pub acceptors: Vec<Acceptor>,
    /// How long to wait between attempts, and when to give up.
    pub schedule: WaiterSchedule,
    /// The waiter is deprecated (Smithy's `deprecated`).
    pub deprecated: bool,
}

/// When a waiter calls its operation again, and when it gives up. The two model formats say
/// different things, and each is kept as it is: a client follows the one its model gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WaiterSchedule {
    /// botocore's `delay` and `maxAttempts`: boto3 sleeps `delay` between two attempts and
    /// gives up after `max_attempts` attempts.
    Fixed {
        /// The sleep between two attempts.
        delay: std::time::Duration,
        /// The most attempts, the first included.
        max_attempts: u32,
    },
    /// Smithy's `minDelay` and `maxDelay` (defaults 2 s and 120 s): exponential backoff with
    /// jitter between the two, until a total wait the caller gives has passed.
    Backoff {
        /// The shortest sleep between two attempts.
        min_delay: std::time::Duration,
        /// The longest sleep between two attempts.
        max_delay: std::time::Duration,
    },
}

/// One acceptor of a [`Waiter`]: when its matcher matches a response, the waiter goes to its
/// state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Acceptor {
    /// What a match means.
    pub state: AcceptorState,
    /// What it matches.
    pub matcher: Matcher,
}

/// The state a matching acceptor moves a waiter to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AcceptorState {
    /// The wait is over: the resource is in the state waited for.
    Success,
    /// The wait failed: the resource will never reach that state.
    Failure,
    /// Not there yet: wait and call again.
    Retry,
}

impl AcceptorState {
    /// The state's name in both model formats: `success`, `failure`, `retry`.
    pub fn name(self) -> &'static str {
        match self {
            AcceptorState::Success => "success",
            AcceptorState::Failure => "failure",
            AcceptorState::Retry => "retry",
        }
    }
}

/// What an [`Acceptor`] looks at in a response.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Matcher {
    /// A JMESPath expression over the operation's output, compared with an expected value
    /// (botocore's `path`, `pathAll`, `pathAny`; Smithy's `output`). Errors never match.
    Output(PathMatcher),
    /// A JMESPath expression over `{"input": …, "output": …}` (Smithy's `inputOutput`).
    InputOutput(PathMatcher),
    /// `true`: the call succeeded; `false`: it failed with any error of the service (Smithy's
    /// `success`; botocore's `error` with `expected` `false` and `true`).
    Success(bool),
    /// The call failed with this error code (botocore's `error` with a code; Smithy's
    /// `errorType`, a shape name, which is the error code of the AWS protocols).
    ErrorType(String),
    /// The response, success or error, has this HTTP status (botocore's `status`).
    Status(u16),
}

/// A JMESPath expression and what its result is compared with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PathMatcher {
    /// The JMESPath expression, as the model writes it.
    pub path: String,
    /// How the result is compared with `expected`.
    pub comparator: Comparator,
    /// The value compared with.
    pub expected: Expected,
}

/// How a [`PathMatcher`]'s result is compared with its expected value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Comparator {
    /// The result equals the value (botocore `path`; Smithy `stringEquals`, `booleanEquals`).
    Equals,
    /// The result is a non-empty list whose every item equals the value (botocore `pathAll`;
    /// Smithy `allStringEquals`).
    AllEquals,
    /// The result is a list of which some item equals the value (botocore `pathAny`; Smithy
    /// `anyStringEquals`).
    AnyEquals,
}

/// The value a [`PathMatcher`] compares with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Expected {
    /// A string (enum values included).
    String(String),
    /// A boolean.
    Bool(bool),
    /// A number, exactly as written (botocore allows any JSON value).
    Number(serde_json::Number),
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
    /// The shape's name in the model, when the loader gave it another id: a botocore shape
    /// named like an operation becomes `<name>Shape`.
    pub renamed_from: Option<String>,
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
    /// The member's key in the JSON bodies of protocols that honour Smithy's `jsonName`
    /// (restJson1 does, awsJson does not), when it differs from the member name: Smithy's
    /// `jsonName`; botocore's `locationName` on a body member of a `rest-json` model (what the
    /// conversion from Smithy makes of a `jsonName`).
    pub json_name: Option<String>,
    /// The member's key in an awsJson body, when it differs from the member name: botocore's
    /// `locationName` on a body member of a `json` model, which botocore's JSON serializer
    /// honours. Smithy's awsJson protocols ignore `jsonName`, so Smithy models never set it (and
    /// no botocore 1.44.5 model does either).
    pub aws_json_name: Option<String>,
    /// The member's or shape's XML element name (`xmlName`; botocore's `locationName` on a body
    /// member, or on a list's member or a shape, of a `rest-xml`, `query` or `ec2` model).
    pub xml_name: Option<String>,
    /// The member is an XML attribute of its structure's element (`xmlAttribute`).
    pub xml_attribute: bool,
    /// The list or map member is written without a wrapping element (`xmlFlattened`;
    /// botocore's `flattened`, on the member or on the list or map shape it targets).
    pub xml_flattened: bool,
    /// The XML namespace of the element (`xmlNamespace`).
    pub xml_namespace: Option<XmlNamespace>,
    /// The member fills a label of the operation's host prefix (`hostLabel`).
    pub host_label: bool,
    /// The string or blob's media type (`mediaType`; botocore's `jsonvalue: true` on a member is
    /// `application/json`).
    pub media_type: Option<String>,
    /// The blob is a stream, or the union an event stream (`streaming`; botocore `streaming`,
    /// on the shape or on the member).
    pub streaming: bool,
    /// The stream's length must be known before it is sent (`requiresLength`).
    pub requires_length: bool,
    /// The union is an event stream: a `streaming` union (botocore: `eventstream`).
    pub event_stream: bool,
    /// The event's member goes in a message header (`eventHeader`; botocore `eventheader`).
    pub event_header: bool,
    /// The event's member is the message payload (`eventPayload`; botocore `eventpayload`).
    pub event_payload: bool,
    /// The list or map may hold nulls (`sparse`).
    pub sparse: bool,
    /// Clients treat the member as optional whatever its `required` and `default` say
    /// (`clientOptional`; every defaulted member of an operation's input, set by the transform).
    pub client_optional: bool,
    /// The error's awsQuery code and status (`aws.protocols#awsQueryError`; botocore's
    /// `error.code` and `error.httpStatusCode`).
    pub aws_query_error: Option<AwsQueryError>,
    /// The endpoint rule set parameter the member's value sets (`smithy.rules#contextParam`,
    /// botocore `contextParam`).
    pub context_param: Option<String>,
    /// The member is stored behind a pointer to break a cycle; set by the transform stage.
    pub boxed: bool,
    /// Traits no stage reads, by id, carried through unchanged: the ones the loaders ignore on
    /// purpose because they do not change the wire (see [`crate::load::features`]), and traits
    /// of namespaces the generator does not know (botocore keys as `botocore#<key>`).
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
