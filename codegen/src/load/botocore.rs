//! botocore's JSON service model (`service-2.json`, with `paginators-1.json`,
//! `waiters-2.json`, `examples-1.json`, `endpoint-rule-set-1.json` and `endpoint-tests-1.json` beside it) → the
//! model IR.

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use super::features::{self, BotocorePlace, Handling};
use super::json::{self, Place};
use crate::endpoint_rules::RuleSet;
use crate::error::Result;
use crate::model::{
    AwsQueryError, Binding, ClientContextParam, Deprecated, EnumValue, ErrorFault, Example, Http,
    HttpChecksum, Length, Member, Model, Operation, Paginated, Protocol, Range, Retryable, Service,
    Shape, ShapeId, ShapeKind, TimestampFormat, Traits, XmlNamespace,
};
use crate::source::{ModelSource, SourceFile};

/// Prefix of the ids under which botocore keys ignored on purpose are carried.
const OTHER_PREFIX: &str = "botocore#";

/// What botocore's `locationName` means on a member that has no `location`: the member's name
/// in the body of the protocol botocore speaks for the model.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum BodyFormat {
    /// `json`: botocore's JSON serializer honours it, where Smithy's awsJson ignores `jsonName`.
    AwsJson,
    /// `rest-json`: the conversion from Smithy writes `jsonName` there.
    RestJson,
    /// `rest-xml`, `query`, `ec2`: the XML element (and awsQuery key) name.
    Xml,
    /// Any other protocol: nothing the IR has a field for; refused if present.
    Other,
}

impl BodyFormat {
    /// The body format of the protocol botocore speaks for a model naming `protocols`.
    fn of(protocols: &[&str]) -> Self {
        let spoken = super::protocol::BOTOCORE_PRIORITY
            .iter()
            .find(|name| protocols.contains(name))
            .or(protocols.first());
        match spoken.copied() {
            Some("json") => BodyFormat::AwsJson,
            Some("rest-json") => BodyFormat::RestJson,
            Some("rest-xml" | "query" | "ec2") => BodyFormat::Xml,
            _ => BodyFormat::Other,
        }
    }
}

/// Checks the keys of `object` against the feature list for `place` (`xml_body`: the model's
/// protocol has XML bodies): refused keys stop loading; ignored ones are returned, to be carried
/// in `Traits::other`.
fn check_keys<'v>(
    place: Place<'_>,
    object: &'v Map<String, Value>,
    at: BotocorePlace,
    xml_body: bool,
) -> Result<Vec<(&'v String, &'v Value)>> {
    let mut ignored = Vec::new();
    for (key, value) in object {
        match features::botocore_key(at, key).for_body(xml_body) {
            Handling::Read => {}
            Handling::Ignored(_) | Handling::RefusedInXml(_) => ignored.push((key, value)),
            Handling::Refused(why) => {
                return Err(place.error(format!(
                    "the botocore key `{key}` changes the wire and is not supported: {why}"
                )));
            }
        }
    }
    Ok(ignored)
}

/// Loads a botocore model.
pub fn load(source: &ModelSource) -> Result<Model> {
    let file = source.main.display.as_str();
    let root_value = json::parse(file, &source.main.text)?;
    let place = Place::file(file);
    let root = place.object(&root_value, "the model")?;
    check_keys(place, root, BotocorePlace::Root, false)?;
    let metadata = place.object(place.required(root, "metadata")?, "metadata")?;
    check_keys(place, metadata, BotocorePlace::Metadata, false)?;
    let service_id = place
        .optional_string(metadata, "serviceId")?
        .or(place.optional_string(metadata, "serviceAbbreviation")?)
        .ok_or_else(|| place.error("`metadata.serviceId` is missing"))?;
    let namespace = format!(
        "com.amazonaws.{}",
        service_id.to_lowercase().replace([' ', '-'], "")
    );
    let (protocol, protocols, body_format) = protocol(place, metadata)?;
    let endpoint_prefix = place
        .string(
            place.required(metadata, "endpointPrefix")?,
            "metadata.endpointPrefix",
        )?
        .to_owned();
    let service_name = place
        .optional_string(metadata, "targetPrefix")?
        .map(str::to_owned)
        .unwrap_or_else(|| service_id.replace(' ', ""));

    let shapes_value = place.object(place.required(root, "shapes")?, "shapes")?;
    let operations_value = place.object(place.required(root, "operations")?, "operations")?;
    let renamed =
        rename_shapes_named_like_operations(place, &namespace, shapes_value, operations_value)?;
    let loader = Loader {
        file,
        namespace: &namespace,
        raw_shapes: shapes_value,
        body_format,
        renamed,
    };
    let mut shapes = BTreeMap::new();
    for (name, value) in shapes_value {
        let shape = loader.shape(name, value)?;
        shapes.insert(shape.id.clone(), shape);
    }

    let paginators = source
        .paginators
        .as_ref()
        .map(|f| side_file(f, "pagination"))
        .transpose()?;
    let paginator_extras = source
        .paginators_extras
        .as_ref()
        .map(paginator_extras)
        .transpose()?;
    let examples = source
        .examples
        .as_ref()
        .map(|f| side_file(f, "examples"))
        .transpose()?;

    let mut operations = Vec::new();
    for (name, value) in operations_value {
        let id = loader.operation_id(name);
        if shapes.contains_key(&id) {
            return Err(place
                .in_shape(&id.to_string())
                .error("an operation and a shape have the same name".to_owned()));
        }
        let mut shape = loader.operation(&id, value)?;
        if let Some((paginators_file, paginators)) = &paginators {
            if let Some(config) = paginators.get(name) {
                let extras = paginator_extras.as_ref().and_then(|(file, table)| {
                    table
                        .get(name)
                        .map(|extra| (Place::file(file).in_shape(name), extra))
                });
                shape.traits.paginated = Some(paginated(
                    Place::file(paginators_file).in_shape(name),
                    config,
                    extras,
                )?);
            }
        }
        if let Some((examples_file, examples)) = &examples {
            if let Some(list) = examples.get(name) {
                let ShapeKind::Operation(operation) = &mut shape.kind else {
                    unreachable!("operation() makes operation shapes");
                };
                operation.examples =
                    operation_examples(Place::file(examples_file).in_shape(name), list)?;
            }
        }
        operations.push(id.clone());
        shapes.insert(id, shape);
    }

    // A service's operations are a set: sorted, so the model's key order never shows.
    operations.sort();
    let waiters = match &source.waiters {
        Some(file) => {
            let by_name = operations.iter().map(|id| (id.name(), id)).collect();
            super::waiters::botocore(&file.display, &file.text, &by_name)?
        }
        None => BTreeMap::new(),
    };
    let endpoint_rule_set = source
        .endpoint_rule_set
        .as_ref()
        .map(|f| json::parse(&f.display, &f.text).and_then(|value| RuleSet::parse(&value)))
        .transpose()?;
    let endpoint_tests = source
        .endpoint_tests
        .as_ref()
        .map(|f| json::parse(&f.display, &f.text))
        .transpose()?;

    let model = Model {
        service: Service {
            id: ShapeId::new(&namespace, service_name),
            version: place
                .string(
                    place.required(metadata, "apiVersion")?,
                    "metadata.apiVersion",
                )?
                .to_owned(),
            sdk_id: service_id.to_owned(),
            title: place
                .optional_string(metadata, "serviceFullName")?
                .unwrap_or(service_id)
                .to_owned(),
            signing_name: place
                .optional_string(metadata, "signingName")?
                .unwrap_or(&endpoint_prefix)
                .to_owned(),
            endpoint_prefix,
            protocol,
            protocols,
            aws_query_compatible: metadata.contains_key("awsQueryCompatible"),
            xml_namespace: place.optional_string(metadata, "xmlNamespace")?.map(|uri| {
                XmlNamespace {
                    uri: uri.to_owned(),
                    prefix: None,
                }
            }),
            auth: service_auth(place, metadata)?,
            client_context_params: client_context_params(place, root)?,
            documentation: place
                .optional_string(root, "documentation")?
                .map(str::to_owned),
            operations,
            endpoint_rule_set,
            endpoint_tests,
            waiters,
        },
        shapes,
        left_out: BTreeMap::new(),
        notes: Vec::new(),
        patterns: BTreeMap::new(),
    };
    super::check_targets(&model, file)?;
    let mut model = model;
    super::http::check_operation_bindings(&mut model, file)?;
    super::http::check_payloads(&model, file)?;
    Ok(model)
}

/// The protocol the crate speaks, every protocol the model names (as Smithy ids), and what a
/// body member's `locationName` means. botocore reads `metadata.protocols` when it is there,
/// else `metadata.protocol`.
fn protocol(
    place: Place<'_>,
    metadata: &Map<String, Value>,
) -> Result<(Protocol, Vec<String>, BodyFormat)> {
    let mut names: Vec<&str> = match metadata.get("protocols") {
        Some(list) => place
            .array(list, "metadata.protocols")?
            .iter()
            .map(|p| place.string(p, "metadata.protocols[]"))
            .collect::<Result<_>>()?,
        None => Vec::new(),
    };
    if names.is_empty() {
        if let Some(single) = place.optional_string(metadata, "protocol")? {
            names.push(single);
        }
    }
    let json_version = place
        .optional_string(metadata, "jsonVersion")?
        .unwrap_or("1.0");
    if names.contains(&"json") && !matches!(json_version, "1.0" | "1.1") {
        return Err(place.error(format!(
            "`metadata.jsonVersion` is `{json_version}`; the generator supports `1.0` and `1.1`"
        )));
    }
    let ids: Vec<String> = names
        .iter()
        .map(|name| super::protocol::botocore_protocol_id(name, json_version))
        .collect();
    match super::protocol::choose(&ids) {
        Some(protocol) => Ok((protocol, ids, BodyFormat::of(&names))),
        None => {
            let named = if names.is_empty() {
                "no protocol".to_owned()
            } else {
                format!("protocol `{}`", names.join("`, `"))
            };
            Err(place.error(format!(
                "the model uses {named}, which the generator does not support \
                 (it supports botocore's `json` and `rest-json`: {})",
                super::protocol::supported()
            )))
        }
    }
}

/// The service's auth schemes: `metadata.auth`, else what `metadata.signatureVersion` names.
fn service_auth(place: Place<'_>, metadata: &Map<String, Value>) -> Result<Vec<String>> {
    if let Some(list) = metadata.get("auth") {
        return json::string_list(place, list, "metadata.auth");
    }
    let Some(version) = place.optional_string(metadata, "signatureVersion")? else {
        return Ok(Vec::new());
    };
    let scheme = match version {
        "v4" | "s3" | "s3v4" => "aws.auth#sigv4",
        "v4a" => "aws.auth#sigv4a",
        "bearer" => "smithy.api#httpBearerAuth",
        other => {
            return Err(place.error(format!(
                "`metadata.signatureVersion` is `{other}`, which the generator does not know \
                 (known: v4, s3, s3v4, v4a, bearer)"
            )));
        }
    };
    Ok(vec![scheme.to_owned()])
}

/// The top-level `clientContextParams`: `{Name: {type, documentation}}`.
fn client_context_params(
    place: Place<'_>,
    root: &Map<String, Value>,
) -> Result<BTreeMap<String, ClientContextParam>> {
    let Some(value) = root.get("clientContextParams") else {
        return Ok(BTreeMap::new());
    };
    place
        .object(value, "clientContextParams")?
        .iter()
        .map(|(name, definition)| {
            let what = format!("clientContextParams.{name}");
            let definition = place.object(definition, &what)?;
            Ok((
                name.clone(),
                ClientContextParam {
                    kind: place
                        .string(place.required(definition, "type")?, &format!("{what}.type"))?
                        .to_owned(),
                    documentation: place
                        .optional_string(definition, "documentation")?
                        .map(str::to_owned),
                },
            ))
        })
        .collect()
}

struct Loader<'a> {
    file: &'a str,
    namespace: &'a str,
    /// The model's `shapes`, to look at a member's target while reading the member.
    raw_shapes: &'a Map<String, Value>,
    body_format: BodyFormat,
    /// The shapes that take another id because an operation has their name, by name.
    renamed: BTreeMap<String, ShapeId>,
}

/// The suffix a shape takes when an operation has its name, as in AWS's Smithy models
/// (pinpoint's `CreateRecommenderConfigurationShape`).
const SHAPE_SUFFIX: &str = "Shape";

/// botocore keeps operation and shape names apart; the IR, like Smithy, has one namespace. A
/// shape named like an operation takes the id `<name>Shape` (and `Traits::renamed_from`). An
/// error shape keeps its name (its code is its name), so that collision, or a `<name>Shape`
/// that is taken too, stays an error naming both.
fn rename_shapes_named_like_operations(
    place: Place<'_>,
    namespace: &str,
    shapes: &Map<String, Value>,
    operations: &Map<String, Value>,
) -> Result<BTreeMap<String, ShapeId>> {
    let mut renamed = BTreeMap::new();
    for (name, value) in shapes {
        if !operations.contains_key(name) {
            continue;
        }
        let here = place.in_shape(name);
        let is_error = value
            .as_object()
            .is_some_and(|o| o.contains_key("error") || o.contains_key("exception"));
        if is_error {
            return Err(here.error(format!(
                "the operation `{name}` and the error shape `{name}` have the same name, and an \
                 error shape cannot be renamed: its name is its error code"
            )));
        }
        let new_name = format!("{name}{SHAPE_SUFFIX}");
        if shapes.contains_key(&new_name) || operations.contains_key(&new_name) {
            return Err(here.error(format!(
                "the operation `{name}` and the shape `{name}` have the same name, and the \
                 shape cannot take the name `{new_name}`: the model has it too"
            )));
        }
        renamed.insert(name.clone(), ShapeId::new(namespace, new_name));
    }
    Ok(renamed)
}

impl Loader<'_> {
    /// The id of the shape `name` refers to.
    fn id(&self, name: &str) -> ShapeId {
        self.renamed
            .get(name)
            .cloned()
            .unwrap_or_else(|| ShapeId::new(self.namespace, name))
    }

    /// The id of the operation `name`.
    fn operation_id(&self, name: &str) -> ShapeId {
        ShapeId::new(self.namespace, name)
    }

    fn shape(&self, name: &str, value: &Value) -> Result<Shape> {
        let id = self.id(name);
        let id_text = id.to_string();
        let place = Place::file(self.file).in_shape(&id_text);
        let object = place.object(value, "the shape")?;
        let type_name = place.string(place.required(object, "type")?, "type")?;
        let mut traits = self.traits(place, object, BotocorePlace::Shape)?;
        if id.name() != name {
            traits.renamed_from = Some(name.to_owned());
        }
        let is_number = matches!(
            type_name,
            "byte"
                | "short"
                | "integer"
                | "long"
                | "float"
                | "double"
                | "bigdecimal"
                | "biginteger"
        );
        let (min, max) = (object.get("min"), object.get("max"));
        if min.is_some() || max.is_some() {
            if is_number {
                traits.range = Some(Range {
                    min: min.map(|v| place.number(v, "min").cloned()).transpose()?,
                    max: max.map(|v| place.number(v, "max").cloned()).transpose()?,
                });
            } else {
                traits.length = Some(Length {
                    min: min.map(|v| place.unsigned(v, "min")).transpose()?,
                    max: max.map(|v| place.unsigned(v, "max")).transpose()?,
                });
            }
        }
        traits.pattern = place.optional_string(object, "pattern")?.map(str::to_owned);
        let flag = |key: &str| place.optional_bool(object, key);
        if flag("exception")? {
            traits.error = Some(if flag("fault")? {
                ErrorFault::Server
            } else {
                ErrorFault::Client
            });
        }
        if let Some(error) = object.get("error") {
            let error = place.object(error, "error")?;
            for key in error.keys() {
                // `senderFault` and `fault` repeat what `exception` and `fault` say.
                if !matches!(
                    key.as_str(),
                    "code" | "httpStatusCode" | "senderFault" | "fault"
                ) {
                    return Err(place.error(format!(
                        "the botocore key `error.{key}` is unknown (known: code, \
                         httpStatusCode, senderFault, fault)"
                    )));
                }
            }
            if let Some(status) = error.get("httpStatusCode") {
                traits.http_error = Some(http_status(place, status, "error.httpStatusCode")?);
            }
            let code = place.optional_string(error, "code")?;
            traits.error_code = code.filter(|code| *code != name).map(str::to_owned);
            traits.aws_query_error = code.map(|code| AwsQueryError {
                code: code.to_owned(),
                http_response_code: traits.http_error,
            });
        }
        if let Some(retryable) = object.get("retryable") {
            let retryable = place.object(retryable, "retryable")?;
            traits.retryable = Some(Retryable {
                throttling: place.optional_bool(retryable, "throttling")?,
            });
        }
        traits.sensitive = flag("sensitive")?;
        traits.streaming = flag("streaming")?;
        traits.requires_length = flag("requiresLength")?;
        traits.sparse = flag("sparse")?;
        traits.xml_flattened = flag("flattened")?;
        traits.xml_namespace = xml_namespace(place, object)?;
        if let Some(location_name) = place.optional_string(object, "locationName")? {
            self.body_name(place, &mut traits, location_name, "", false)?;
        }

        let kind = match type_name {
            "blob" => ShapeKind::Blob,
            "boolean" => ShapeKind::Boolean,
            "string" => match object.get("enum") {
                Some(values) => {
                    let values = place.array(values, "enum")?;
                    if values.is_empty() {
                        return Err(place.error("`enum` lists no values"));
                    }
                    ShapeKind::Enum(
                        values
                            .iter()
                            .map(|v| {
                                Ok(EnumValue {
                                    value: place.string(v, "enum[]")?.to_owned(),
                                    documentation: None,
                                    deprecated: None,
                                })
                            })
                            .collect::<Result<_>>()?,
                    )
                }
                None => ShapeKind::String,
            },
            "byte" => ShapeKind::Byte,
            "short" => ShapeKind::Short,
            "integer" => ShapeKind::Integer,
            "long" => ShapeKind::Long,
            "float" => ShapeKind::Float,
            "double" => ShapeKind::Double,
            "bigdecimal" => ShapeKind::BigDecimal,
            "biginteger" => ShapeKind::BigInteger,
            "timestamp" => ShapeKind::Timestamp,
            "list" => ShapeKind::List(Box::new(self.member(
                place,
                "member",
                place.required(object, "member")?,
                false,
            )?)),
            "map" => ShapeKind::Map {
                key: Box::new(self.member(place, "key", place.required(object, "key")?, false)?),
                value: Box::new(self.member(
                    place,
                    "value",
                    place.required(object, "value")?,
                    false,
                )?),
            },
            "structure" => {
                let members_value = place.object(place.required(object, "members")?, "members")?;
                let mut members = members_value
                    .iter()
                    .map(|(member_name, value)| self.member(place, member_name, value, true))
                    .collect::<Result<Vec<_>>>()?;
                if let Some(required) = object.get("required") {
                    for name in place.array(required, "required")? {
                        let name = place.string(name, "required[]")?;
                        let member =
                            members.iter_mut().find(|m| m.name == name).ok_or_else(|| {
                                place.error(format!(
                                    "`required` names `{name}`, which is not a member"
                                ))
                            })?;
                        member.traits.required = true;
                    }
                }
                if let Some(payload) = place.optional_string(object, "payload")? {
                    let member =
                        members
                            .iter_mut()
                            .find(|m| m.name == payload)
                            .ok_or_else(|| {
                                place.error(format!(
                                    "`payload` names `{payload}`, which is not a member"
                                ))
                            })?;
                    if let Some(binding) = &member.binding {
                        return Err(place.error(format!(
                            "`payload` names `{payload}`, which is already bound: {binding:?}"
                        )));
                    }
                    member.binding = Some(Binding::Payload);
                }
                if flag("eventstream")? {
                    // Smithy's event stream is a streaming union; the conversion to botocore
                    // makes it a structure marked `eventstream`.
                    traits.streaming = true;
                    traits.event_stream = true;
                    ShapeKind::Union(members)
                } else if flag("document")? {
                    ShapeKind::Document
                } else if flag("union")? {
                    ShapeKind::Union(members)
                } else {
                    ShapeKind::Structure(members)
                }
            }
            other => {
                return Err(place.error(format!(
                    "unknown shape type `{other}` (known: blob, boolean, string, byte, short, \
                     integer, long, float, double, bigdecimal, biginteger, timestamp, list, map, \
                     structure)"
                )));
            }
        };
        Ok(Shape { id, kind, traits })
    }

    /// The traits both shapes and members can carry; the keys ignored on purpose go to
    /// `Traits::other`, refused ones stop loading.
    fn traits(
        &self,
        place: Place<'_>,
        object: &Map<String, Value>,
        at: BotocorePlace,
    ) -> Result<Traits> {
        let mut traits = Traits {
            documentation: place
                .optional_string(object, "documentation")?
                .map(str::to_owned),
            ..Traits::default()
        };
        if place.optional_bool(object, "deprecated")? {
            traits.deprecated = Some(Deprecated {
                message: place
                    .optional_string(object, "deprecatedMessage")?
                    .map(str::to_owned),
                since: place
                    .optional_string(object, "deprecatedSince")?
                    .map(str::to_owned),
            });
        }
        if let Some(format) = place.optional_string(object, "timestampFormat")? {
            traits.timestamp_format = Some(match format {
                "unixTimestamp" => TimestampFormat::EpochSeconds,
                "iso8601" => TimestampFormat::DateTime,
                "rfc822" => TimestampFormat::HttpDate,
                other => {
                    return Err(place.error(format!(
                        "unknown `timestampFormat` `{other}` (known: unixTimestamp, iso8601, rfc822)"
                    )));
                }
            });
        }
        for (key, value) in check_keys(place, object, at, self.body_format == BodyFormat::Xml)? {
            traits
                .other
                .insert(format!("{OTHER_PREFIX}{key}"), value.clone());
        }
        Ok(traits)
    }

    /// Sets the name `locationName` gives a structure's body member, or (`of_member` false) a
    /// list's member, a map's key or value, or a shape, in the body format of the model's
    /// protocol, when it differs from `name`. JSON bodies name only structure members.
    fn body_name(
        &self,
        place: Place<'_>,
        traits: &mut Traits,
        location_name: &str,
        name: &str,
        of_member: bool,
    ) -> Result<()> {
        if location_name == name {
            return Ok(());
        }
        let location_name = Some(location_name.to_owned());
        match self.body_format {
            BodyFormat::AwsJson | BodyFormat::RestJson if !of_member => {}
            BodyFormat::AwsJson => traits.aws_json_name = location_name,
            BodyFormat::RestJson => traits.json_name = location_name,
            BodyFormat::Xml => traits.xml_name = location_name,
            BodyFormat::Other => {
                return Err(place.error(
                    "`locationName` names a body member in a protocol the IR has no field for",
                ));
            }
        }
        Ok(())
    }

    /// A member; `in_structure` for a structure's or union's, `false` for a list's or map's.
    fn member(
        &self,
        place: Place<'_>,
        name: &str,
        value: &Value,
        in_structure: bool,
    ) -> Result<Member> {
        let object = place.object(value, &format!("member `{name}`"))?;
        let place = place.in_member(name);
        let target = place.string(place.required(object, "shape")?, "shape")?;
        let mut traits = self.traits(place, object, BotocorePlace::Member)?;
        let flag = |key: &str| place.optional_bool(object, key);
        traits.idempotency_token = flag("idempotencyToken")?;
        traits.host_label = flag("hostLabel")?;
        traits.streaming = flag("streaming")?;
        traits.event_header = flag("eventheader")?;
        traits.event_payload = flag("eventpayload")?;
        traits.xml_attribute = flag("xmlAttribute")?;
        traits.xml_flattened = flag("flattened")?;
        traits.xml_namespace = xml_namespace(place, object)?;
        if flag("jsonvalue")? {
            traits.media_type = Some("application/json".to_owned());
        }
        if let Some(param) = object.get("contextParam") {
            let param = place.object(param, "contextParam")?;
            traits.context_param = Some(
                place
                    .string(place.required(param, "name")?, "contextParam.name")?
                    .to_owned(),
            );
        }
        let location_name = place.optional_string(object, "locationName")?;
        let wire_name = location_name.unwrap_or(name).to_owned();
        let binding = match place.optional_string(object, "location")? {
            None => {
                if let Some(location_name) = location_name {
                    self.body_name(place, &mut traits, location_name, name, in_structure)?;
                }
                None
            }
            Some("uri") => Some(Binding::Label {
                name: wire_name,
                greedy: false,
            }),
            Some("querystring") => {
                let is_map = self
                    .raw_shapes
                    .get(target)
                    .and_then(|t| t.get("type"))
                    .and_then(Value::as_str)
                    == Some("map");
                Some(if is_map {
                    Binding::QueryParams
                } else {
                    Binding::Query(wire_name)
                })
            }
            Some("header") => Some(Binding::Header(wire_name)),
            Some("headers") => Some(Binding::PrefixHeaders(wire_name)),
            Some("statusCode") => Some(Binding::ResponseCode),
            Some(other) => {
                return Err(place.error(format!(
                    "unknown `location` `{other}` (known: uri, querystring, header, headers, \
                     statusCode)"
                )));
            }
        };
        Ok(Member {
            name: name.to_owned(),
            target: self.id(target),
            binding,
            traits,
        })
    }

    fn operation(&self, id: &ShapeId, value: &Value) -> Result<Shape> {
        let id_text = id.to_string();
        let place = Place::file(self.file).in_shape(&id_text);
        let object = place.object(value, "the operation")?;
        let shape_ref = |key: &str| -> Result<Option<ShapeId>> {
            object
                .get(key)
                .map(|v| {
                    let r = place.object(v, key)?;
                    check_keys(
                        place,
                        r,
                        BotocorePlace::OperationIo,
                        self.body_format == BodyFormat::Xml,
                    )?;
                    Ok(self.id(place.string(place.required(r, "shape")?, &format!("{key}.shape"))?))
                })
                .transpose()
        };
        let mut errors: Vec<ShapeId> = match object.get("errors") {
            Some(list) => place
                .array(list, "errors")?
                .iter()
                .map(|e| {
                    let r = place.object(e, "errors[]")?;
                    Ok(self.id(place.string(place.required(r, "shape")?, "errors[].shape")?))
                })
                .collect::<Result<_>>()?,
            None => Vec::new(),
        };
        // An error listed twice (timestream-write's `CreateDatabase`) is one error.
        let mut seen = std::collections::BTreeSet::new();
        errors.retain(|e| seen.insert(e.clone()));
        if let Some(name) = place.optional_string(object, "name")? {
            if name != id.name() {
                return Err(place.error(format!(
                    "the operation's `name` is `{name}`, not its key `{}`",
                    id.name()
                )));
            }
        }
        let mut operation = Operation {
            input: shape_ref("input")?,
            output: shape_ref("output")?,
            errors,
            http: object.get("http").map(|v| http(place, v)).transpose()?,
            http_checksum_required: place.optional_bool(object, "httpChecksumRequired")?,
            unsigned_payload: place.optional_bool(object, "unsignedPayload")?,
            ..Operation::default()
        };
        if let Some(endpoint) = object.get("endpoint") {
            operation.host_prefix = Some(super::http::endpoint_host_prefix(
                place, endpoint, "endpoint",
            )?);
        }
        if let Some(compression) = object.get("requestcompression") {
            operation.request_compression = Some(super::http::request_compression(
                place,
                compression,
                "requestcompression",
            )?);
        }
        if let Some(checksum) = object.get("httpChecksum") {
            operation.http_checksum = Some(http_checksum(place, checksum, "httpChecksum")?);
        }
        operation.auth = match (
            object.get("auth"),
            place.optional_string(object, "authtype")?,
        ) {
            (Some(list), _) => Some(json::string_list(place, list, "auth")?),
            (None, Some(authtype)) => {
                let schemes: &[&str] = match authtype {
                    "none" => &[],
                    "v4" => &["aws.auth#sigv4"],
                    "v4-unsigned-body" => {
                        operation.unsigned_payload = true;
                        &["aws.auth#sigv4"]
                    }
                    "v4a" => &["aws.auth#sigv4a"],
                    "bearer" => &["smithy.api#httpBearerAuth"],
                    other => {
                        return Err(place.error(format!(
                            "`authtype` is `{other}`, which the generator does not know (known: \
                             none, v4, v4-unsigned-body, v4a, bearer)"
                        )));
                    }
                };
                Some(schemes.iter().map(|s| (*s).to_owned()).collect())
            }
            (None, None) => None,
        };
        if operation.auth.as_deref() == Some(&["smithy.api#noAuth".to_owned()]) {
            operation.auth = Some(Vec::new());
        }
        if let Some(params) = object.get("staticContextParams") {
            for (name, param) in place.object(params, "staticContextParams")? {
                let what = format!("staticContextParams.{name}");
                let param = place.object(param, &what)?;
                operation
                    .static_context_params
                    .insert(name.clone(), place.required(param, "value")?.clone());
            }
        }
        if let Some(params) = object.get("operationContextParams") {
            for (name, param) in place.object(params, "operationContextParams")? {
                let what = format!("operationContextParams.{name}");
                let param = place.object(param, &what)?;
                let path = place.string(place.required(param, "path")?, &format!("{what}.path"))?;
                operation
                    .operation_context_params
                    .insert(name.clone(), path.to_owned());
            }
        }
        if let Some(discovery) = object.get("endpointdiscovery") {
            let discovery = place.object(discovery, "endpointdiscovery")?;
            operation.endpoint_discovery = Some(crate::model::EndpointDiscovery {
                required: place.optional_bool(discovery, "required")?,
            });
        }
        operation.endpoint_operation = place.optional_bool(object, "endpointoperation")?;
        let traits = self.traits(place, object, BotocorePlace::Operation)?;
        Ok(Shape {
            id: id.clone(),
            kind: ShapeKind::Operation(Box::new(operation)),
            traits,
        })
    }
}

/// An operation's `http`: `method`, `requestUri` and `responseCode` (200 when absent).
fn http(place: Place<'_>, value: &Value) -> Result<Http> {
    let object = place.object(value, "http")?;
    for key in object.keys() {
        if !matches!(key.as_str(), "method" | "requestUri" | "responseCode") {
            return Err(place.error(format!(
                "the botocore key `http.{key}` is unknown (known: method, requestUri, \
                 responseCode)"
            )));
        }
    }
    let method = place.string(place.required(object, "method")?, "http.method")?;
    let uri = place.string(place.required(object, "requestUri")?, "http.requestUri")?;
    Ok(Http {
        method: method.to_owned(),
        uri: super::http::parse_uri(uri).map_err(|e| place.error(e))?,
        code: object
            .get("responseCode")
            .map(|v| http_status(place, v, "http.responseCode"))
            .transpose()?
            .unwrap_or(200),
    })
}

/// An HTTP status code.
fn http_status(place: Place<'_>, value: &Value, what: &str) -> Result<u16> {
    let status = place.unsigned(value, what)?;
    u16::try_from(status)
        .ok()
        .filter(|s| (100..=599).contains(s))
        .ok_or_else(|| place.error(format!("`{what}` must be an HTTP status, found {status}")))
}

/// `httpChecksum` (botocore) or `aws.protocols#httpChecksum` (Smithy): the same keys.
pub(super) fn http_checksum(place: Place<'_>, value: &Value, what: &str) -> Result<HttpChecksum> {
    let object = place.object(value, what)?;
    let text = |key: &str| {
        place
            .optional_string(object, key)
            .map(|v| v.map(str::to_owned))
    };
    for key in object.keys() {
        if !matches!(
            key.as_str(),
            "requestAlgorithmMember"
                | "requestChecksumRequired"
                | "requestValidationModeMember"
                | "responseAlgorithms"
        ) {
            return Err(place.error(format!(
                "`{what}.{key}` is unknown (known: requestAlgorithmMember, \
                 requestChecksumRequired, requestValidationModeMember, responseAlgorithms)"
            )));
        }
    }
    Ok(HttpChecksum {
        request_algorithm_member: text("requestAlgorithmMember")?,
        request_checksum_required: place.optional_bool(object, "requestChecksumRequired")?,
        request_validation_mode_member: text("requestValidationModeMember")?,
        response_algorithms: match object.get("responseAlgorithms") {
            Some(list) => json::string_list(place, list, &format!("{what}.responseAlgorithms"))?,
            None => Vec::new(),
        },
    })
}

/// A shape's or member's `xmlNamespace`: `{uri, prefix?}`.
fn xml_namespace(place: Place<'_>, object: &Map<String, Value>) -> Result<Option<XmlNamespace>> {
    let Some(value) = object.get("xmlNamespace") else {
        return Ok(None);
    };
    let namespace = place.object(value, "xmlNamespace")?;
    Ok(Some(XmlNamespace {
        uri: place
            .string(place.required(namespace, "uri")?, "xmlNamespace.uri")?
            .to_owned(),
        prefix: place
            .optional_string(namespace, "prefix")?
            .map(str::to_owned),
    }))
}

/// Parses a side file (`paginators-1.json`, `examples-1.json`) and returns its main table.
fn side_file<'a>(file: &'a SourceFile, key: &str) -> Result<(&'a str, Map<String, Value>)> {
    let place = Place::file(&file.display);
    let value = json::parse(&file.display, &file.text)?;
    let root = place.object(&value, "the file")?;
    let table = place.object(place.required(root, key)?, key)?.clone();
    Ok((&file.display, table))
}

/// An operation's paginator config, with what `paginators-1.sdk-extras.json` merges into it
/// (`extras`, botocore's `merge.pagination.<operation>`).
fn paginated(
    place: Place<'_>,
    value: &Value,
    extras: Option<(Place<'_>, &Value)>,
) -> Result<Paginated> {
    let mut config = place.object(value, "the paginator")?.clone();
    // A key the extras set is reported as theirs.
    let mut keys_place = place;
    if let Some((extras_place, extras)) = extras {
        let extras = extras_place.object(extras, "the paginator's extras")?;
        if extras.contains_key("non_aggregate_keys") {
            keys_place = extras_place;
        }
        for (key, value) in extras {
            config.insert(key.clone(), value.clone());
        }
    }
    // botocore allows lists of tokens and result keys; a list of one is that one. Several
    // are kept as the reason they are not followed.
    let single = |key: &str| match config.get(key) {
        Some(Value::Array(list)) if list.len() == 1 => list[0].as_str().map(str::to_owned),
        Some(value) => value.as_str().map(str::to_owned),
        None => None,
    };
    let several = |key: &str| match config.get(key) {
        Some(Value::Array(list)) if list.len() > 1 => Some(format!(
            "botocore's `{key}` lists several: {}",
            list.iter()
                .map(|v| format!("`{}`", v.as_str().unwrap_or_default()))
                .collect::<Vec<_>>()
                .join(", ")
        )),
        _ => None,
    };
    let non_aggregate_keys = match config.get("non_aggregate_keys") {
        None => Vec::new(),
        Some(keys) => keys_place
            .array(keys, "non_aggregate_keys")?
            .iter()
            .map(|key| {
                key.as_str().map(str::to_owned).ok_or_else(|| {
                    keys_place.error(format!("non_aggregate_keys holds {key}, not a string"))
                })
            })
            .collect::<Result<_>>()?,
    };
    Ok(Paginated {
        input_token: single("input_token"),
        output_token: single("output_token"),
        items: single("result_key"),
        page_size: single("limit_key"),
        non_aggregate_keys,
        more_results: single("more_results"),
        unsupported_tokens: several("input_token").or_else(|| several("output_token")),
        unsupported_items: several("result_key"),
    })
}

/// `paginators-1.sdk-extras.json`'s `merge.pagination` table.
fn paginator_extras(file: &SourceFile) -> Result<(&str, Map<String, Value>)> {
    let place = Place::file(&file.display);
    let value = json::parse(&file.display, &file.text)?;
    let root = place.object(&value, "the file")?;
    let merge = place.object(place.required(root, "merge")?, "merge")?;
    let table = match merge.get("pagination") {
        Some(table) => place.object(table, "pagination")?.clone(),
        None => Map::new(),
    };
    Ok((&file.display, table))
}

fn operation_examples(place: Place<'_>, value: &Value) -> Result<Vec<Example>> {
    place
        .array(value, "the examples")?
        .iter()
        .map(|example| {
            let example = place.object(example, "an example")?;
            Ok(Example {
                title: place
                    .optional_string(example, "title")?
                    .or(place.optional_string(example, "id")?)
                    .unwrap_or_default()
                    .to_owned(),
                documentation: place
                    .optional_string(example, "description")?
                    .map(str::to_owned),
                input: example.get("input").cloned(),
                output: example.get("output").cloned(),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::model::{HostPrefixSegment, UriSegment};

    /// A model of `protocol` with `operations` and `shapes`.
    fn model_json(protocol: &str, operations: Value, shapes: Value) -> Value {
        json!({
            "metadata": {
                "apiVersion": "2024-01-01",
                "endpointPrefix": "t",
                "jsonVersion": "1.1",
                "protocol": protocol,
                "serviceId": "T",
            },
            "operations": operations,
            "shapes": shapes,
        })
    }

    fn load_json(value: &Value) -> Result<Model> {
        load(&ModelSource::from_text("m.json", value.to_string()))
    }

    fn member<'m>(model: &'m Model, shape: &str, name: &str) -> &'m Member {
        model
            .shape(&ShapeId::new("com.amazonaws.t", shape))
            .unwrap()
            .kind
            .members()
            .into_iter()
            .find(|m| m.name == name)
            .unwrap()
    }

    fn get_operation(model: &Model) -> &Operation {
        model.operations().next().unwrap().1
    }

    /// `Get` with the input `GetInput` holding `members`, and the string shape `S`.
    fn rest_json(uri: &str, members: Value, extra: Value) -> Value {
        let mut operation = json!({
            "name": "Get",
            "http": { "method": "GET", "requestUri": uri },
            "input": { "shape": "GetInput" },
        });
        operation
            .as_object_mut()
            .unwrap()
            .extend(extra.as_object().unwrap().clone());
        model_json(
            "rest-json",
            json!({ "Get": operation }),
            json!({
                "GetInput": { "type": "structure", "members": members },
                "S": { "type": "string" },
                "M": { "type": "map", "key": { "shape": "S" }, "value": { "shape": "S" } },
            }),
        )
    }

    /// A `List` operation paginated by `paginators-1.json`, with `extras` as its
    /// `paginators-1.sdk-extras.json`.
    fn load_paginated(extras: &str) -> Result<Model> {
        let model = model_json(
            "json",
            json!({"List": {"name": "List", "input": {"shape": "In"}, "output": {"shape": "Out"}}}),
            json!({
                "In": {"type": "structure", "members": {"NextToken": {"shape": "S"}}},
                "Out": {"type": "structure", "members": {
                    "Items": {"shape": "L"}, "NextToken": {"shape": "S"}, "Total": {"shape": "S"},
                }},
                "L": {"type": "list", "member": {"shape": "S"}},
                "S": {"type": "string"},
            }),
        );
        let file = |display: &str, text: &str| crate::source::SourceFile {
            display: display.into(),
            text: text.into(),
        };
        let mut source = ModelSource::from_text("m.json", model.to_string());
        source.paginators = Some(file(
            "paginators-1.json",
            r#"{"pagination": {"List": {"input_token": "NextToken", "output_token": "NextToken", "result_key": "Items"}}}"#,
        ));
        source.paginators_extras = Some(file("paginators-1.sdk-extras.json", extras));
        load(&source)
    }

    #[test]
    fn sdk_extras_merge_non_aggregate_keys_into_the_paginator() {
        let model = load_paginated(
            r#"{"version": 1.0, "merge": {"pagination": {"List": {"non_aggregate_keys": ["Total"]}}}}"#,
        )
        .unwrap();
        let paginated = model
            .shape(&model.service.operations[0])
            .unwrap()
            .traits
            .paginated
            .clone()
            .unwrap();
        assert_eq!(paginated.items.as_deref(), Some("Items"));
        assert_eq!(paginated.input_token.as_deref(), Some("NextToken"));
        assert_eq!(paginated.non_aggregate_keys, ["Total"]);
        let without = load_paginated(r#"{"version": 1.0, "merge": {}}"#).unwrap();
        let paginated = without
            .shape(&without.service.operations[0])
            .unwrap()
            .traits
            .paginated
            .clone()
            .unwrap();
        assert!(paginated.non_aggregate_keys.is_empty());
    }

    #[test]
    fn malformed_sdk_extras_are_refused_naming_the_file() {
        let error = load_paginated(
            r#"{"merge": {"pagination": {"List": {"non_aggregate_keys": "Total"}}}}"#,
        )
        .unwrap_err()
        .to_string();
        assert!(error.contains("paginators-1.sdk-extras.json"), "{error}");
        assert!(error.contains("non_aggregate_keys"), "{error}");
        let error = load_paginated(r#"{"version": 1.0}"#)
            .unwrap_err()
            .to_string();
        assert!(
            error.contains("paginators-1.sdk-extras.json") && error.contains("merge"),
            "{error}"
        );
    }

    #[test]
    fn locations_become_bindings_named_by_location_name_or_member_name() {
        let model = load_json(&rest_json(
            "/items/{Id}/{Key+}",
            json!({
                "id": { "shape": "S", "location": "uri", "locationName": "Id" },
                "Key": { "shape": "S", "location": "uri" },
                "q": { "shape": "S", "location": "querystring", "locationName": "query" },
                "all": { "shape": "M", "location": "querystring" },
                "h": { "shape": "S", "location": "header", "locationName": "X-H" },
                "meta": { "shape": "M", "location": "headers", "locationName": "x-meta-" },
                "body": { "shape": "S" },
            }),
            json!({}),
        ))
        .unwrap();
        let binding = |name| member(&model, "GetInput", name).binding.clone();
        assert_eq!(
            binding("id"),
            Some(Binding::Label {
                name: "Id".into(),
                greedy: false
            })
        );
        assert_eq!(
            binding("Key"),
            Some(Binding::Label {
                name: "Key".into(),
                greedy: true
            })
        );
        assert_eq!(binding("q"), Some(Binding::Query("query".into())));
        assert_eq!(binding("all"), Some(Binding::QueryParams));
        assert_eq!(binding("h"), Some(Binding::Header("X-H".into())));
        assert_eq!(
            binding("meta"),
            Some(Binding::PrefixHeaders("x-meta-".into()))
        );
        assert_eq!(binding("body"), None);
        let http = get_operation(&model).http.as_ref().unwrap();
        assert_eq!(http.code, 200, "the default success code");
        assert_eq!(http.uri.segments[0], UriSegment::Literal("items".into()));
    }

    #[test]
    fn a_label_the_uri_lacks_and_a_uri_label_no_member_binds_are_refused() {
        let error = load_json(&rest_json(
            "/items",
            json!({ "id": { "shape": "S", "location": "uri", "locationName": "Id" } }),
            json!({}),
        ))
        .unwrap_err();
        assert_eq!(
            error.to_string(),
            "m.json: shape `com.amazonaws.t#Get`: the input member `id` is bound to the URI label \
             `{Id}`, which the operation's URI pattern `/items` does not have"
        );
        let error = load_json(&rest_json("/items/{Id}", json!({}), json!({}))).unwrap_err();
        assert_eq!(
            error.to_string(),
            "m.json: shape `com.amazonaws.t#Get`: the URI pattern `/items/{Id}` has the label \
             `{Id}`, which no input member binds; exactly one must"
        );
    }

    #[test]
    fn payload_names_a_member_and_status_code_is_the_response_code() {
        let mut value = rest_json(
            "/",
            json!({ "data": { "shape": "S" }, "code": { "shape": "S", "location": "statusCode" } }),
            json!({}),
        );
        value["shapes"]["GetInput"]["payload"] = json!("data");
        let model = load_json(&value).unwrap();
        assert_eq!(
            member(&model, "GetInput", "data").binding,
            Some(Binding::Payload)
        );
        assert_eq!(
            member(&model, "GetInput", "code").binding,
            Some(Binding::ResponseCode)
        );
        value["shapes"]["GetInput"]["payload"] = json!("nope");
        let error = load_json(&value).unwrap_err();
        assert!(
            error
                .to_string()
                .ends_with("`payload` names `nope`, which is not a member"),
            "{error}"
        );
    }

    #[test]
    fn endpoint_compression_checksum_and_auth_are_read() {
        let model = load_json(&rest_json(
            "/",
            json!({ "label": { "shape": "S", "hostLabel": true } }),
            json!({
                "http": { "method": "POST", "requestUri": "/", "responseCode": 201 },
                "endpoint": { "hostPrefix": "{label}.data." },
                "requestcompression": { "encodings": ["gzip"] },
                "httpChecksumRequired": true,
                "authtype": "v4-unsigned-body",
                "staticContextParams": { "UseData": { "value": true } },
            }),
        ))
        .unwrap();
        let operation = get_operation(&model);
        assert_eq!(operation.http.as_ref().unwrap().code, 201);
        assert_eq!(
            operation.host_prefix.as_ref().unwrap().segments,
            [
                HostPrefixSegment::Label("label".into()),
                HostPrefixSegment::Literal(".data.".into()),
            ]
        );
        assert_eq!(
            operation.request_compression.as_ref().unwrap().encodings,
            ["gzip"]
        );
        assert!(operation.http_checksum_required);
        assert_eq!(operation.auth, Some(vec!["aws.auth#sigv4".to_owned()]));
        assert!(operation.unsigned_payload);
        assert_eq!(operation.static_context_params["UseData"], json!(true));
        assert!(member(&model, "GetInput", "label").traits.host_label);
    }

    #[test]
    fn a_host_prefix_label_without_a_host_label_member_is_refused() {
        let error = load_json(&rest_json(
            "/",
            json!({ "label": { "shape": "S" } }),
            json!({ "endpoint": { "hostPrefix": "{label}." } }),
        ))
        .unwrap_err();
        assert!(
            error.to_string().ends_with(
                "the host prefix `{label}.` has the label `{label}`, which names no input member \
                 with the `hostLabel` trait"
            ),
            "{error}"
        );
    }

    #[test]
    fn location_name_on_a_body_member_depends_on_the_protocol() {
        let members = json!({ "a": { "shape": "S", "locationName": "A" } });
        let shapes = json!({
            "GetInput": { "type": "structure", "members": members },
            "S": { "type": "string" },
        });
        let operations = json!({ "Get": { "name": "Get", "input": { "shape": "GetInput" } } });
        let json_model =
            load_json(&model_json("json", operations.clone(), shapes.clone())).unwrap();
        let a = member(&json_model, "GetInput", "a");
        assert_eq!(a.traits.aws_json_name.as_deref(), Some("A"));
        assert_eq!(a.traits.json_name, None);
        let rest_model = load_json(&model_json("rest-json", operations, shapes)).unwrap();
        let a = member(&rest_model, "GetInput", "a");
        assert_eq!(a.traits.json_name.as_deref(), Some("A"));
        assert_eq!(a.traits.aws_json_name, None);
    }

    #[test]
    fn location_name_in_xml_protocols_is_the_xml_name() {
        // No XML protocol is supported yet, so the loader is driven directly.
        let shapes = json!({
            "L": { "type": "list", "member": { "shape": "S", "locationName": "item" }, "flattened": true },
            "S": { "type": "string" },
        });
        let loader = Loader {
            file: "m.json",
            namespace: "ns",
            raw_shapes: shapes.as_object().unwrap(),
            body_format: BodyFormat::Xml,
            renamed: BTreeMap::new(),
        };
        let body = json!({ "shape": "S", "locationName": "Name", "xmlAttribute": true,
                           "xmlNamespace": { "uri": "https://example.com/ns", "prefix": "x" } });
        let member = loader
            .member(Place::file("m.json"), "name", &body, true)
            .unwrap();
        assert_eq!(member.traits.xml_name.as_deref(), Some("Name"));
        assert!(member.traits.xml_attribute);
        assert_eq!(
            member.traits.xml_namespace,
            Some(XmlNamespace {
                uri: "https://example.com/ns".into(),
                prefix: Some("x".into())
            })
        );
        let list = loader.shape("L", &shapes["L"]).unwrap();
        assert!(list.traits.xml_flattened);
        let ShapeKind::List(item) = &list.kind else {
            panic!("not a list");
        };
        assert_eq!(item.traits.xml_name.as_deref(), Some("item"));
    }

    #[test]
    fn a_shape_named_like_an_operation_takes_the_shape_suffix() {
        let model = load_json(&model_json(
            "json",
            json!({ "BatchDelete": { "name": "BatchDelete", "input": { "shape": "In" } } }),
            json!({
                "In": { "type": "structure",
                        "members": { "b": { "shape": "BatchDelete" } } },
                "BatchDelete": { "type": "structure", "members": {} },
            }),
        ))
        .unwrap();
        let renamed = ShapeId::new("com.amazonaws.t", "BatchDeleteShape");
        assert!(matches!(
            model.shape(&renamed).map(|s| &s.kind),
            Some(ShapeKind::Structure(_))
        ));
        assert!(matches!(
            model
                .shape(&ShapeId::new("com.amazonaws.t", "BatchDelete"))
                .map(|s| &s.kind),
            Some(ShapeKind::Operation(_))
        ));
        assert_eq!(member(&model, "In", "b").target, renamed);
        assert_eq!(
            model
                .shape(&renamed)
                .unwrap()
                .traits
                .renamed_from
                .as_deref(),
            Some("BatchDelete")
        );
    }

    #[test]
    fn an_operation_named_like_an_error_shape_names_both() {
        let error = load_json(&model_json(
            "json",
            json!({ "Oops": { "name": "Oops" } }),
            json!({ "Oops": { "type": "structure", "members": {}, "exception": true } }),
        ))
        .unwrap_err()
        .to_string();
        assert!(
            error.contains("the operation `Oops` and the error shape `Oops`"),
            "{error}"
        );
    }

    #[test]
    fn a_taken_shape_suffix_names_both_shapes() {
        let error = load_json(&model_json(
            "json",
            json!({ "Get": { "name": "Get" } }),
            json!({
                "Get": { "type": "boolean" },
                "GetShape": { "type": "boolean" },
            }),
        ))
        .unwrap_err()
        .to_string();
        assert!(
            error.contains("the shape cannot take the name `GetShape`"),
            "{error}"
        );
    }

    #[test]
    fn event_streams_are_streaming_unions() {
        let model = load_json(&model_json(
            "json",
            json!({ "Get": { "name": "Get", "output": { "shape": "Out" } } }),
            json!({
                "Out": { "type": "structure", "members": { "events": { "shape": "Events" } } },
                "Events": { "type": "structure", "eventstream": true,
                            "members": { "e": { "shape": "E" } } },
                "E": { "type": "structure", "event": true,
                       "members": { "h": { "shape": "S", "eventheader": true },
                                    "p": { "shape": "B", "eventpayload": true } } },
                "S": { "type": "string" },
                "B": { "type": "blob", "streaming": true, "requiresLength": true },
            }),
        ))
        .unwrap();
        let events = model
            .shape(&ShapeId::new("com.amazonaws.t", "Events"))
            .unwrap();
        assert!(matches!(events.kind, ShapeKind::Union(_)));
        assert!(events.traits.streaming && events.traits.event_stream);
        assert!(member(&model, "E", "h").traits.event_header);
        assert!(member(&model, "E", "p").traits.event_payload);
        let blob = model.shape(&ShapeId::new("com.amazonaws.t", "B")).unwrap();
        assert!(blob.traits.streaming && blob.traits.requires_length);
        let event = model.shape(&ShapeId::new("com.amazonaws.t", "E")).unwrap();
        assert_eq!(event.traits.other["botocore#event"], json!(true));
    }

    #[test]
    fn refused_and_unknown_keys_name_the_shape_and_the_key() {
        let error = load_json(&model_json(
            "json",
            json!({}),
            json!({ "S": { "type": "string", "newKey": 1 } }),
        ))
        .unwrap_err();
        assert_eq!(
            error.to_string(),
            "m.json: shape `com.amazonaws.t#S`: the botocore key `newKey` changes the wire and is \
             not supported: the generator does not know this key, so it cannot tell its effect \
             on the wire"
        );
    }

    #[test]
    fn an_error_listed_twice_is_one_error() {
        let model = load_json(&model_json(
            "json",
            json!({ "Get": { "name": "Get", "errors": [{ "shape": "E" }, { "shape": "E" }] } }),
            json!({ "E": { "type": "structure", "members": {}, "exception": true } }),
        ))
        .unwrap();
        let ShapeKind::Operation(get) = &model
            .shape(&ShapeId::new("com.amazonaws.t", "Get"))
            .unwrap()
            .kind
        else {
            panic!("not an operation");
        };
        assert_eq!(get.errors, [ShapeId::new("com.amazonaws.t", "E")]);
    }

    #[test]
    fn endpoint_discovery_is_carried() {
        let model = load_json(&model_json(
            "json",
            json!({
                "Get": { "name": "Get", "endpointdiscovery": { "required": true } },
                "Describe": { "name": "Describe", "endpointoperation": true },
                "Put": { "name": "Put", "endpointdiscovery": {} }
            }),
            json!({}),
        ))
        .unwrap();
        let operation = |name: &str| match &model
            .shape(&ShapeId::new("com.amazonaws.t", name))
            .unwrap()
            .kind
        {
            ShapeKind::Operation(operation) => (**operation).clone(),
            other => panic!("{other:?}"),
        };
        let get = operation("Get");
        assert_eq!(
            get.endpoint_discovery,
            Some(crate::model::EndpointDiscovery { required: true })
        );
        assert!(!get.endpoint_operation);
        let describe = operation("Describe");
        assert!(describe.endpoint_operation && describe.endpoint_discovery.is_none());
        assert_eq!(
            operation("Put").endpoint_discovery,
            Some(crate::model::EndpointDiscovery { required: false })
        );
        // Glacier's `checksumFormat` loads.
        let mut value = model_json("json", json!({}), json!({}));
        value["metadata"]["checksumFormat"] = json!("sha256");
        assert!(load_json(&value).is_ok());
    }

    #[test]
    fn xml_only_keys_are_carried_as_other_in_json_models() {
        let model = load_json(&model_json(
            "json",
            json!({}),
            json!({ "W": { "type": "structure", "members": {}, "wrapper": true } }),
        ))
        .unwrap();
        let shape = model.shape(&ShapeId::new("com.amazonaws.t", "W")).unwrap();
        assert_eq!(shape.traits.other["botocore#wrapper"], json!(true));
    }

    #[test]
    fn the_service_keeps_its_protocols_auth_and_query_compatibility() {
        let mut value = model_json("json", json!({}), json!({}));
        value["metadata"]["protocols"] = json!(["smithy-rpc-v2-cbor", "json", "query"]);
        value["metadata"]["awsQueryCompatible"] = json!({});
        value["metadata"]["signatureVersion"] = json!("v4");
        let model = load_json(&value).unwrap();
        assert_eq!(model.service.protocol, Protocol::AwsJson1_1);
        assert_eq!(
            model.service.protocols,
            [
                "smithy.protocols#rpcv2Cbor",
                "aws.protocols#awsJson1_1",
                "aws.protocols#awsQuery"
            ]
        );
        assert!(model.service.aws_query_compatible);
        assert_eq!(model.service.auth, ["aws.auth#sigv4"]);
    }
}
