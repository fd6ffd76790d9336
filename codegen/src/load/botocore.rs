//! botocore's JSON service model (`service-2.json`, with `paginators-1.json`,
//! `examples-1.json`, `endpoint-rule-set-1.json` and `endpoint-tests-1.json` beside it) → the
//! model IR.

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use super::json::{self, Place};
use crate::error::Result;
use crate::model::{
    Deprecated, EnumValue, ErrorFault, Example, Length, Member, Model, Operation, Paginated,
    Protocol, Range, Retryable, Service, Shape, ShapeId, ShapeKind, TimestampFormat, Traits,
};
use crate::source::{ModelSource, SourceFile};

/// Shape-level keys read below; any other key is carried in `Traits::other`.
const SHAPE_KEYS: &[&str] = &[
    "type",
    "members",
    "member",
    "key",
    "value",
    "required",
    "documentation",
    "min",
    "max",
    "pattern",
    "enum",
    "exception",
    "fault",
    "error",
    "retryable",
    "sensitive",
    "deprecated",
    "deprecatedMessage",
    "deprecatedSince",
    "timestampFormat",
    "union",
    "document",
];

/// Member-level keys read below; any other key is carried in `Traits::other`.
const MEMBER_KEYS: &[&str] = &[
    "shape",
    "documentation",
    "idempotencyToken",
    "deprecated",
    "deprecatedMessage",
    "deprecatedSince",
    "timestampFormat",
    "locationName",
];

/// Prefix of the ids under which botocore keys the generator does not read are carried.
const OTHER_PREFIX: &str = "botocore#";

/// Loads a botocore model.
pub fn load(source: &ModelSource) -> Result<Model> {
    let file = source.main.display.as_str();
    let root_value = json::parse(file, &source.main.text)?;
    let place = Place::file(file);
    let root = place.object(&root_value, "the model")?;
    let metadata = place.object(place.required(root, "metadata")?, "metadata")?;
    let service_id = place
        .optional_string(metadata, "serviceId")?
        .or(place.optional_string(metadata, "serviceAbbreviation")?)
        .ok_or_else(|| place.error("`metadata.serviceId` is missing"))?;
    let namespace = format!(
        "com.amazonaws.{}",
        service_id.to_lowercase().replace([' ', '-'], "")
    );
    let protocol = protocol(place, metadata)?;
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

    let loader = Loader {
        file,
        namespace: &namespace,
    };
    let mut shapes = BTreeMap::new();
    let shapes_value = place.object(place.required(root, "shapes")?, "shapes")?;
    for (name, value) in shapes_value {
        let shape = loader.shape(name, value)?;
        shapes.insert(shape.id.clone(), shape);
    }

    let paginators = source
        .paginators
        .as_ref()
        .map(|f| side_file(f, "pagination"))
        .transpose()?;
    let examples = source
        .examples
        .as_ref()
        .map(|f| side_file(f, "examples"))
        .transpose()?;

    let mut operations = Vec::new();
    let operations_value = place.object(place.required(root, "operations")?, "operations")?;
    for (name, value) in operations_value {
        let id = loader.id(name);
        if shapes.contains_key(&id) {
            return Err(place
                .in_shape(&id.to_string())
                .error("an operation and a shape have the same name".to_owned()));
        }
        let mut shape = loader.operation(&id, value)?;
        if let Some((paginators_file, paginators)) = &paginators {
            if let Some(config) = paginators.get(name) {
                shape.traits.paginated = Some(paginated(
                    Place::file(paginators_file).in_shape(name),
                    config,
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
    let endpoint_rule_set = source
        .endpoint_rule_set
        .as_ref()
        .map(|f| json::parse(&f.display, &f.text))
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
            documentation: place
                .optional_string(root, "documentation")?
                .map(str::to_owned),
            operations,
            endpoint_rule_set,
            endpoint_tests,
        },
        shapes,
    };
    super::check_targets(&model, file)?;
    Ok(model)
}

fn protocol(place: Place<'_>, metadata: &Map<String, Value>) -> Result<Protocol> {
    let mut names: Vec<&str> = match metadata.get("protocols") {
        Some(list) => place
            .array(list, "metadata.protocols")?
            .iter()
            .map(|p| place.string(p, "metadata.protocols[]"))
            .collect::<Result<_>>()?,
        None => Vec::new(),
    };
    if let Some(single) = place.optional_string(metadata, "protocol")? {
        names.push(single);
    }
    let json_version = place
        .optional_string(metadata, "jsonVersion")?
        .unwrap_or("1.0");
    if names.contains(&"json") {
        return match json_version {
            "1.0" => Ok(Protocol::AwsJson1_0),
            "1.1" => Ok(Protocol::AwsJson1_1),
            other => Err(place.error(format!(
                "`metadata.jsonVersion` is `{other}`; the generator supports `1.0` and `1.1`"
            ))),
        };
    }
    let named = if names.is_empty() {
        "no protocol".to_owned()
    } else {
        format!("protocol `{}`", names.join("`, `"))
    };
    Err(place.error(format!(
        "the model uses {named}, which the generator does not support \
         (it supports botocore's `json`: awsJson1_0 and awsJson1_1)"
    )))
}

struct Loader<'a> {
    file: &'a str,
    namespace: &'a str,
}

impl Loader<'_> {
    fn id(&self, name: &str) -> ShapeId {
        ShapeId::new(self.namespace, name)
    }

    fn shape(&self, name: &str, value: &Value) -> Result<Shape> {
        let id = self.id(name);
        let id_text = id.to_string();
        let place = Place::file(self.file).in_shape(&id_text);
        let object = place.object(value, "the shape")?;
        let type_name = place.string(place.required(object, "type")?, "type")?;
        let mut traits = self.traits(place, object, SHAPE_KEYS)?;
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
            if let Some(status) = error.get("httpStatusCode") {
                let status = place.unsigned(status, "error.httpStatusCode")?;
                traits.http_error = Some(
                    u16::try_from(status)
                        .ok()
                        .filter(|s| (100..=599).contains(s))
                        .ok_or_else(|| {
                            place.error(format!(
                                "`error.httpStatusCode` must be an HTTP status, found {status}"
                            ))
                        })?,
                );
            }
            traits.error_code = place
                .optional_string(error, "code")?
                .filter(|code| *code != name)
                .map(str::to_owned);
        }
        if let Some(retryable) = object.get("retryable") {
            let retryable = place.object(retryable, "retryable")?;
            traits.retryable = Some(Retryable {
                throttling: place.optional_bool(retryable, "throttling")?,
            });
        }
        traits.sensitive = flag("sensitive")?;

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
            )?)),
            "map" => ShapeKind::Map {
                key: Box::new(self.member(place, "key", place.required(object, "key")?)?),
                value: Box::new(self.member(place, "value", place.required(object, "value")?)?),
            },
            "structure" => {
                let members_value = place.object(place.required(object, "members")?, "members")?;
                let mut members = members_value
                    .iter()
                    .map(|(member_name, value)| self.member(place, member_name, value))
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
                if flag("document")? {
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

    /// The traits both shapes and members can carry, and everything not in `known`.
    fn traits(
        &self,
        place: Place<'_>,
        object: &Map<String, Value>,
        known: &[&str],
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
        for (key, value) in object {
            if !known.contains(&key.as_str()) {
                traits
                    .other
                    .insert(format!("{OTHER_PREFIX}{key}"), value.clone());
            }
        }
        Ok(traits)
    }

    fn member(&self, place: Place<'_>, name: &str, value: &Value) -> Result<Member> {
        let object = place.object(value, &format!("member `{name}`"))?;
        let place = place.in_member(name);
        let target = place.string(place.required(object, "shape")?, "shape")?;
        let mut traits = self.traits(place, object, MEMBER_KEYS)?;
        traits.idempotency_token = place.optional_bool(object, "idempotencyToken")?;
        traits.json_name = place
            .optional_string(object, "locationName")?
            .filter(|n| *n != name)
            .map(str::to_owned);
        Ok(Member {
            name: name.to_owned(),
            target: self.id(target),
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
                    Ok(self.id(place.string(place.required(r, "shape")?, &format!("{key}.shape"))?))
                })
                .transpose()
        };
        let errors = match object.get("errors") {
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
        let operation = Operation {
            input: shape_ref("input")?,
            output: shape_ref("output")?,
            errors,
            examples: Vec::new(),
        };
        let traits = self.traits(
            place,
            object,
            &[
                "name",
                "http",
                "input",
                "output",
                "errors",
                "documentation",
                "deprecated",
                "deprecatedMessage",
                "deprecatedSince",
            ],
        )?;
        Ok(Shape {
            id: id.clone(),
            kind: ShapeKind::Operation(operation),
            traits,
        })
    }
}

/// Parses a side file (`paginators-1.json`, `examples-1.json`) and returns its main table.
fn side_file<'a>(file: &'a SourceFile, key: &str) -> Result<(&'a str, Map<String, Value>)> {
    let place = Place::file(&file.display);
    let value = json::parse(&file.display, &file.text)?;
    let root = place.object(&value, "the file")?;
    let table = place.object(place.required(root, key)?, key)?.clone();
    Ok((&file.display, table))
}

fn paginated(place: Place<'_>, value: &Value) -> Result<Paginated> {
    let config = place.object(value, "the paginator")?;
    // botocore allows lists of tokens; Smithy's trait takes one, so only single strings map.
    let single = |key: &str| config.get(key).and_then(Value::as_str).map(str::to_owned);
    Ok(Paginated {
        input_token: single("input_token"),
        output_token: single("output_token"),
        items: single("result_key"),
        page_size: single("limit_key"),
    })
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
