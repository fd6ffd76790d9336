//! A Smithy JSON AST model (versions `1.0` and `2.0`) → the model IR.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{Map, Value};

use super::json::{self, Place};
use crate::error::Result;
use crate::model::{
    DefaultValue, Deprecated, EnumValue, ErrorFault, Example, IntEnumValue, Length, Member, Model,
    Operation, Paginated, Protocol, Range, Retryable, Service, Shape, ShapeId, ShapeKind,
    TimestampFormat, Traits,
};
use crate::source::ModelSource;

/// The prelude's unit shape: an operation with it as input or output has none.
const UNIT: &str = "smithy.api#Unit";

/// Traits read into named [`Traits`] fields (or elsewhere in the IR); all others go to
/// `Traits::other`.
const KNOWN_TRAITS: &[&str] = &[
    "smithy.api#documentation",
    "smithy.api#required",
    "smithy.api#default",
    "smithy.api#length",
    "smithy.api#range",
    "smithy.api#pattern",
    "smithy.api#error",
    "smithy.api#httpError",
    "smithy.api#retryable",
    "smithy.api#timestampFormat",
    "smithy.api#sensitive",
    "smithy.api#deprecated",
    "smithy.api#jsonName",
    "smithy.api#paginated",
    "smithy.api#idempotencyToken",
    "smithy.api#examples",
    "smithy.api#enumValue",
    "smithy.api#mixin",
];

/// Mixins nest; a chain longer than this is taken for a cycle.
const MAX_MIXIN_DEPTH: usize = 32;

/// Loads a Smithy JSON AST model.
pub fn load(source: &ModelSource) -> Result<Model> {
    let file = source.main.display.as_str();
    let root_value = json::parse(file, &source.main.text)?;
    let place = Place::file(file);
    let root = place.object(&root_value, "the model")?;
    let version = place.string(place.required(root, "smithy")?, "smithy")?;
    if !matches!(version, "1.0" | "1" | "2.0" | "2") {
        return Err(place.error(format!(
            "Smithy IDL version `{version}` is not supported (supported: 1.0, 2.0)"
        )));
    }
    let mut raw: BTreeMap<String, Map<String, Value>> = BTreeMap::new();
    let shapes_value = match root.get("shapes") {
        Some(v) => place.object(v, "shapes")?.clone(),
        None => Map::new(),
    };
    let mut applies = Vec::new();
    for (id, value) in shapes_value {
        let shape_place = place.in_shape(&id);
        if ShapeId::parse(&id).is_none() {
            return Err(shape_place.error("not an absolute shape id (`namespace#Name`)"));
        }
        let object = shape_place.object(&value, "the shape")?.clone();
        let kind = shape_place.string(shape_place.required(&object, "type")?, "type")?;
        if kind == "apply" {
            applies.push((id, object));
        } else {
            raw.insert(id, object);
        }
    }
    apply_traits(place, &mut raw, applies)?;

    let loader = Loader { file, raw: &raw };
    let services: Vec<&String> = raw
        .iter()
        .filter(|(_, s)| s.get("type").and_then(Value::as_str) == Some("service"))
        .map(|(id, _)| id)
        .collect();
    let service_id = match services.as_slice() {
        [one] => *one,
        [] => return Err(place.error("the model defines no service shape")),
        many => {
            return Err(place.error(format!(
                "the model defines {} services (`{}`); the generator takes one",
                many.len(),
                many.iter()
                    .map(|s| s.as_str())
                    .collect::<Vec<_>>()
                    .join("`, `")
            )));
        }
    };

    let mut shapes = BTreeMap::new();
    for id in raw.keys() {
        if id == service_id || loader.is_mixin(id) {
            continue;
        }
        let resolved = loader.resolve(id, 0)?;
        let type_name = resolved.get("type").and_then(Value::as_str);
        if matches!(type_name, Some("resource")) {
            continue;
        }
        let shape = loader.shape(id, &resolved)?;
        shapes.insert(shape.id.clone(), shape);
    }
    let service = loader.service(service_id, &mut shapes)?;
    materialize_prelude(&mut shapes);
    let model = Model { service, shapes };
    super::check_targets(&model, file)?;
    Ok(model)
}

/// Merges `apply` statements' traits into the shapes (or members, `ns#Shape$member`) they name.
fn apply_traits(
    place: Place<'_>,
    raw: &mut BTreeMap<String, Map<String, Value>>,
    applies: Vec<(String, Map<String, Value>)>,
) -> Result<()> {
    for (target, object) in applies {
        let apply_place = place.in_shape(&target);
        let Some(traits) = object.get("traits") else {
            continue;
        };
        let traits = apply_place.object(traits, "traits")?.clone();
        let (shape_id, member) = match target.split_once('$') {
            Some((shape, member)) => (shape.to_owned(), Some(member.to_owned())),
            None => (target.clone(), None),
        };
        let shape = raw
            .get_mut(&shape_id)
            .ok_or_else(|| apply_place.error("`apply` names a shape the model does not define"))?;
        let holder = match &member {
            Some(member) => shape
                .get_mut("members")
                .and_then(Value::as_object_mut)
                .and_then(|m| m.get_mut(member))
                .and_then(Value::as_object_mut)
                .ok_or_else(|| apply_place.error("`apply` names a member that does not exist"))?,
            None => shape,
        };
        let existing = holder
            .entry("traits")
            .or_insert_with(|| Value::Object(Map::new()));
        if let Value::Object(existing) = existing {
            existing.extend(traits);
        }
    }
    Ok(())
}

/// Adds the prelude shapes members target (`smithy.api#String`, …) so every target resolves.
fn materialize_prelude(shapes: &mut BTreeMap<ShapeId, Shape>) {
    let targets: BTreeSet<ShapeId> = shapes
        .values()
        .flat_map(|s| s.kind.members().into_iter().map(|m| m.target.clone()))
        .filter(|t| t.namespace() == "smithy.api")
        .collect();
    for id in targets {
        if shapes.contains_key(&id) {
            continue;
        }
        let Some((kind, default)) = prelude_shape(id.name()) else {
            continue;
        };
        let traits = Traits {
            default,
            ..Traits::default()
        };
        shapes.insert(id.clone(), Shape { id, kind, traits });
    }
}

/// The kind (and, for the `Primitive…` shapes, the default) of a prelude shape.
fn prelude_shape(name: &str) -> Option<(ShapeKind, Option<DefaultValue>)> {
    let zero = || Some(DefaultValue::Number(0.into()));
    Some(match name {
        "String" => (ShapeKind::String, None),
        "Blob" => (ShapeKind::Blob, None),
        "BigInteger" => (ShapeKind::BigInteger, None),
        "BigDecimal" => (ShapeKind::BigDecimal, None),
        "Timestamp" => (ShapeKind::Timestamp, None),
        "Document" => (ShapeKind::Document, None),
        "Boolean" => (ShapeKind::Boolean, None),
        "Byte" => (ShapeKind::Byte, None),
        "Short" => (ShapeKind::Short, None),
        "Integer" => (ShapeKind::Integer, None),
        "Long" => (ShapeKind::Long, None),
        "Float" => (ShapeKind::Float, None),
        "Double" => (ShapeKind::Double, None),
        "PrimitiveBoolean" => (ShapeKind::Boolean, Some(DefaultValue::Bool(false))),
        "PrimitiveByte" => (ShapeKind::Byte, zero()),
        "PrimitiveShort" => (ShapeKind::Short, zero()),
        "PrimitiveInteger" => (ShapeKind::Integer, zero()),
        "PrimitiveLong" => (ShapeKind::Long, zero()),
        "PrimitiveFloat" => (ShapeKind::Float, zero()),
        "PrimitiveDouble" => (ShapeKind::Double, zero()),
        _ => return None,
    })
}

struct Loader<'a> {
    file: &'a str,
    raw: &'a BTreeMap<String, Map<String, Value>>,
}

impl Loader<'_> {
    fn is_mixin(&self, id: &str) -> bool {
        self.raw
            .get(id)
            .and_then(|s| s.get("traits"))
            .and_then(Value::as_object)
            .is_some_and(|t| t.contains_key("smithy.api#mixin"))
    }

    /// The shape with its mixins applied: their members first, then its own; their traits
    /// (but `mixin` itself) overridden by its own.
    fn resolve(&self, id: &str, depth: usize) -> Result<Map<String, Value>> {
        let place = Place::file(self.file).in_shape(id);
        let object = self
            .raw
            .get(id)
            .ok_or_else(|| place.error("the shape is not defined"))?;
        let Some(mixins) = object.get("mixins") else {
            return Ok(object.clone());
        };
        if depth > MAX_MIXIN_DEPTH {
            return Err(place.error("its mixins form a cycle"));
        }
        let mut members = Map::new();
        let mut traits = Map::new();
        for mixin in place.array(mixins, "mixins")? {
            let mixin_object = place.object(mixin, "mixins[]")?;
            let target =
                place.string(place.required(mixin_object, "target")?, "mixins[].target")?;
            if !self.raw.contains_key(target) {
                return Err(
                    place.error(format!("the mixin `{target}` is not defined by the model"))
                );
            }
            let resolved = self.resolve(target, depth + 1)?;
            if let Some(Value::Object(m)) = resolved.get("members") {
                members.extend(m.clone());
            }
            if let Some(Value::Object(t)) = resolved.get("traits") {
                traits.extend(
                    t.iter()
                        .filter(|(k, _)| k.as_str() != "smithy.api#mixin")
                        .map(|(k, v)| (k.clone(), v.clone())),
                );
            }
        }
        let mut result = object.clone();
        result.remove("mixins");
        if let Some(Value::Object(own)) = object.get("members") {
            for (name, member) in own {
                // A member redeclared on the shape keeps the mixin's traits it does not override.
                let merged = match (members.get(name), member) {
                    (Some(Value::Object(inherited)), Value::Object(own_member)) => {
                        let mut merged = inherited.clone();
                        let mut merged_traits = inherited
                            .get("traits")
                            .and_then(Value::as_object)
                            .cloned()
                            .unwrap_or_default();
                        if let Some(Value::Object(t)) = own_member.get("traits") {
                            merged_traits.extend(t.clone());
                        }
                        merged.insert("traits".to_owned(), Value::Object(merged_traits));
                        Value::Object(merged)
                    }
                    _ => member.clone(),
                };
                members.insert(name.clone(), merged);
            }
        }
        if !members.is_empty() || object.contains_key("members") {
            result.insert("members".to_owned(), Value::Object(members));
        }
        if let Some(Value::Object(own)) = object.get("traits") {
            traits.extend(own.clone());
        }
        result.insert("traits".to_owned(), Value::Object(traits));
        Ok(result)
    }

    fn id(&self, place: Place<'_>, text: &str, what: &str) -> Result<ShapeId> {
        ShapeId::parse(text).ok_or_else(|| {
            place.error(format!(
                "{what} `{text}` is not an absolute shape id (`namespace#Name`)"
            ))
        })
    }

    /// The `target` of a `{"target": …}` reference.
    fn reference(&self, place: Place<'_>, value: &Value, what: &str) -> Result<ShapeId> {
        let object = place.object(value, what)?;
        let target = place.string(place.required(object, "target")?, &format!("{what}.target"))?;
        self.id(place, target, what)
    }

    fn shape(&self, id_text: &str, object: &Map<String, Value>) -> Result<Shape> {
        let place = Place::file(self.file).in_shape(id_text);
        let id = self.id(place, id_text, "the shape id")?;
        let type_name = place.string(place.required(object, "type")?, "type")?;
        let trait_map = trait_map(place, object)?;
        let traits = self.traits(place, &trait_map)?;
        let member = |name: &str| -> Result<Box<Member>> {
            Ok(Box::new(self.member(
                place,
                name,
                place.required(object, name)?,
            )?))
        };
        let members = || -> Result<Vec<Member>> {
            match object.get("members") {
                Some(v) => place
                    .object(v, "members")?
                    .iter()
                    .map(|(name, value)| self.member(place, name, value))
                    .collect(),
                None => Ok(Vec::new()),
            }
        };
        let kind = match type_name {
            "blob" => ShapeKind::Blob,
            "boolean" => ShapeKind::Boolean,
            "string" => match trait_map.get("smithy.api#enum") {
                // Smithy 1.0's enum trait on a string.
                Some(values) => ShapeKind::Enum(enum_trait_values(place, values)?),
                None => ShapeKind::String,
            },
            "byte" => ShapeKind::Byte,
            "short" => ShapeKind::Short,
            "integer" => ShapeKind::Integer,
            "long" => ShapeKind::Long,
            "float" => ShapeKind::Float,
            "double" => ShapeKind::Double,
            "bigInteger" => ShapeKind::BigInteger,
            "bigDecimal" => ShapeKind::BigDecimal,
            "timestamp" => ShapeKind::Timestamp,
            "document" => ShapeKind::Document,
            "enum" => ShapeKind::Enum(self.enum_values(place, object)?),
            "intEnum" => ShapeKind::IntEnum(self.int_enum_values(place, object)?),
            "list" | "set" => ShapeKind::List(member("member")?),
            "map" => ShapeKind::Map {
                key: member("key")?,
                value: member("value")?,
            },
            "structure" => ShapeKind::Structure(members()?),
            "union" => ShapeKind::Union(members()?),
            "operation" => ShapeKind::Operation(self.operation(place, object, &trait_map)?),
            other => {
                return Err(place.error(format!(
                    "unknown shape type `{other}` (known: blob, boolean, string, byte, short, \
                     integer, long, float, double, bigInteger, bigDecimal, timestamp, document, \
                     enum, intEnum, list, set, map, structure, union, operation, resource, service)"
                )));
            }
        };
        Ok(Shape { id, kind, traits })
    }

    fn enum_values(&self, place: Place<'_>, object: &Map<String, Value>) -> Result<Vec<EnumValue>> {
        let members = place.object(place.required(object, "members")?, "members")?;
        if members.is_empty() {
            return Err(place.error("the enum has no members"));
        }
        members
            .iter()
            .map(|(name, value)| {
                let member_place = place.in_member(name);
                let member = member_place.object(value, "the member")?;
                let traits = trait_map(member_place, member)?;
                let value = match traits.get("smithy.api#enumValue") {
                    Some(v) => member_place.string(v, "smithy.api#enumValue")?.to_owned(),
                    None => name.clone(),
                };
                Ok(EnumValue {
                    value,
                    documentation: documentation(member_place, &traits)?,
                    deprecated: deprecated(member_place, &traits)?,
                })
            })
            .collect()
    }

    fn int_enum_values(
        &self,
        place: Place<'_>,
        object: &Map<String, Value>,
    ) -> Result<Vec<IntEnumValue>> {
        let members = place.object(place.required(object, "members")?, "members")?;
        members
            .iter()
            .map(|(name, value)| {
                let member_place = place.in_member(name);
                let member = member_place.object(value, "the member")?;
                let traits = trait_map(member_place, member)?;
                let raw = member_place.required(&traits, "smithy.api#enumValue")?;
                let value = raw
                    .as_i64()
                    .and_then(|v| i32::try_from(v).ok())
                    .ok_or_else(|| {
                        member_place.error(format!(
                            "`smithy.api#enumValue` must be a 32-bit integer, found {}",
                            json::describe(raw)
                        ))
                    })?;
                Ok(IntEnumValue {
                    name: name.clone(),
                    value,
                    documentation: documentation(member_place, &traits)?,
                })
            })
            .collect()
    }

    fn member(&self, place: Place<'_>, name: &str, value: &Value) -> Result<Member> {
        let place = place.in_member(name);
        let object = place.object(value, "the member")?;
        let target = place.string(place.required(object, "target")?, "target")?;
        let target = self.id(place, target, "the target")?;
        let traits = self.traits(place, &trait_map(place, object)?)?;
        Ok(Member {
            name: name.to_owned(),
            target,
            traits,
        })
    }

    fn operation(
        &self,
        place: Place<'_>,
        object: &Map<String, Value>,
        traits: &Map<String, Value>,
    ) -> Result<Operation> {
        let io = |key: &str| -> Result<Option<ShapeId>> {
            match object.get(key) {
                None => Ok(None),
                Some(v) => {
                    let id = self.reference(place, v, key)?;
                    Ok((id.to_string() != UNIT).then_some(id))
                }
            }
        };
        let errors = match object.get("errors") {
            Some(list) => place
                .array(list, "errors")?
                .iter()
                .map(|e| self.reference(place, e, "errors[]"))
                .collect::<Result<_>>()?,
            None => Vec::new(),
        };
        let examples = match traits.get("smithy.api#examples") {
            Some(list) => examples(place, list)?,
            None => Vec::new(),
        };
        Ok(Operation {
            input: io("input")?,
            output: io("output")?,
            errors,
            examples,
        })
    }

    fn traits(&self, place: Place<'_>, map: &Map<String, Value>) -> Result<Traits> {
        let mut traits = Traits {
            documentation: documentation(place, map)?,
            required: map.contains_key("smithy.api#required"),
            deprecated: deprecated(place, map)?,
            sensitive: map.contains_key("smithy.api#sensitive"),
            idempotency_token: map.contains_key("smithy.api#idempotencyToken"),
            ..Traits::default()
        };
        if let Some(value) = map.get("smithy.api#default") {
            traits.default = Some(default_value(place, value)?);
        }
        if let Some(value) = map.get("smithy.api#length") {
            let object = place.object(value, "smithy.api#length")?;
            let bound = |key: &str| {
                object
                    .get(key)
                    .map(|v| place.unsigned(v, &format!("smithy.api#length.{key}")))
                    .transpose()
            };
            traits.length = Some(Length {
                min: bound("min")?,
                max: bound("max")?,
            });
        }
        if let Some(value) = map.get("smithy.api#range") {
            let object = place.object(value, "smithy.api#range")?;
            let bound = |key: &str| {
                object
                    .get(key)
                    .map(|v| place.number(v, &format!("smithy.api#range.{key}")).cloned())
                    .transpose()
            };
            traits.range = Some(Range {
                min: bound("min")?,
                max: bound("max")?,
            });
        }
        traits.pattern = map
            .get("smithy.api#pattern")
            .map(|v| place.string(v, "smithy.api#pattern").map(str::to_owned))
            .transpose()?;
        if let Some(value) = map.get("smithy.api#error") {
            traits.error = Some(match place.string(value, "smithy.api#error")? {
                "client" => ErrorFault::Client,
                "server" => ErrorFault::Server,
                other => {
                    return Err(place.error(format!(
                        "`smithy.api#error` is `{other}`; it must be `client` or `server`"
                    )));
                }
            });
        }
        if let Some(value) = map.get("smithy.api#httpError") {
            let status = place.unsigned(value, "smithy.api#httpError")?;
            traits.http_error = Some(
                u16::try_from(status)
                    .ok()
                    .filter(|s| (100..=599).contains(s))
                    .ok_or_else(|| {
                        place.error(format!(
                            "`smithy.api#httpError` must be an HTTP status, found {status}"
                        ))
                    })?,
            );
        }
        if let Some(value) = map.get("smithy.api#retryable") {
            let object = place.object(value, "smithy.api#retryable")?;
            traits.retryable = Some(Retryable {
                throttling: place.optional_bool(object, "throttling")?,
            });
        }
        if let Some(value) = map.get("smithy.api#timestampFormat") {
            traits.timestamp_format =
                Some(match place.string(value, "smithy.api#timestampFormat")? {
                    "epoch-seconds" => TimestampFormat::EpochSeconds,
                    "date-time" => TimestampFormat::DateTime,
                    "http-date" => TimestampFormat::HttpDate,
                    other => {
                        return Err(place.error(format!(
                            "unknown `smithy.api#timestampFormat` `{other}` \
                         (known: epoch-seconds, date-time, http-date)"
                        )));
                    }
                });
        }
        traits.json_name = map
            .get("smithy.api#jsonName")
            .map(|v| place.string(v, "smithy.api#jsonName").map(str::to_owned))
            .transpose()?;
        if let Some(value) = map.get("smithy.api#paginated") {
            traits.paginated = Some(paginated(place, value)?);
        }
        for (key, value) in map {
            if !KNOWN_TRAITS.contains(&key.as_str()) {
                traits.other.insert(key.clone(), value.clone());
            }
        }
        Ok(traits)
    }

    fn service(&self, id_text: &str, shapes: &mut BTreeMap<ShapeId, Shape>) -> Result<Service> {
        let place = Place::file(self.file).in_shape(id_text);
        let id = self.id(place, id_text, "the service id")?;
        let object = self.resolve(id_text, 0)?;
        let traits = trait_map(place, &object)?;
        let aws_service = traits
            .get("aws.api#service")
            .map(|v| place.object(v, "aws.api#service"))
            .transpose()?;
        let sdk_id = aws_service
            .map(|s| place.optional_string(s, "sdkId"))
            .transpose()?
            .flatten()
            .unwrap_or(id.name())
            .to_owned();
        let endpoint_prefix = aws_service
            .map(|s| place.optional_string(s, "endpointPrefix"))
            .transpose()?
            .flatten()
            .map(str::to_owned)
            .unwrap_or_else(|| sdk_id.to_lowercase().replace(' ', "-"));
        let signing_name = match traits.get("aws.auth#sigv4") {
            Some(v) => place
                .string(
                    place.required(place.object(v, "aws.auth#sigv4")?, "name")?,
                    "aws.auth#sigv4.name",
                )?
                .to_owned(),
            None => endpoint_prefix.clone(),
        };
        let protocol = protocol(place, &traits)?;

        let mut operations = BTreeSet::new();
        self.collect_operations(place, &object, &mut operations, 0)?;
        let service_paginated = traits
            .get("smithy.api#paginated")
            .map(|v| paginated(place, v))
            .transpose()?;
        if let Some(defaults) = &service_paginated {
            for operation in &operations {
                if let Some(Shape { traits, .. }) = shapes.get_mut(operation) {
                    if let Some(own) = &mut traits.paginated {
                        inherit_pagination(own, defaults);
                    }
                }
            }
        }
        Ok(Service {
            version: object
                .get("version")
                .map(|v| place.string(v, "version"))
                .transpose()?
                .unwrap_or_default()
                .to_owned(),
            title: traits
                .get("smithy.api#title")
                .map(|v| place.string(v, "smithy.api#title"))
                .transpose()?
                .unwrap_or(&sdk_id)
                .to_owned(),
            sdk_id,
            endpoint_prefix,
            signing_name,
            protocol,
            documentation: documentation(place, &traits)?,
            operations: operations.into_iter().collect(),
            endpoint_rule_set: traits.get("smithy.rules#endpointRuleSet").cloned(),
            endpoint_tests: traits.get("smithy.rules#endpointTests").cloned(),
            id,
        })
    }

    /// The operations of a service or resource, and of the resources it names, recursively.
    fn collect_operations(
        &self,
        place: Place<'_>,
        object: &Map<String, Value>,
        operations: &mut BTreeSet<ShapeId>,
        depth: usize,
    ) -> Result<()> {
        if depth > MAX_MIXIN_DEPTH {
            return Err(place.error("its resources nest too deep (a cycle?)"));
        }
        for key in ["operations", "collectionOperations"] {
            if let Some(list) = object.get(key) {
                for op in place.array(list, key)? {
                    operations.insert(self.reference(place, op, &format!("{key}[]"))?);
                }
            }
        }
        for key in ["create", "put", "read", "update", "delete", "list"] {
            if let Some(op) = object.get(key) {
                operations.insert(self.reference(place, op, key)?);
            }
        }
        if let Some(list) = object.get("resources") {
            for resource in place.array(list, "resources")? {
                let resource_id = self.reference(place, resource, "resources[]")?.to_string();
                let resource_place = Place::file(self.file).in_shape(&resource_id);
                if !self.raw.contains_key(&resource_id) {
                    return Err(place.error(format!(
                        "the resource `{resource_id}` is not defined by the model"
                    )));
                }
                let resolved = self.resolve(&resource_id, 0)?;
                self.collect_operations(resource_place, &resolved, operations, depth + 1)?;
            }
        }
        Ok(())
    }
}

/// The shape's or member's `traits` object, empty when absent.
fn trait_map(place: Place<'_>, object: &Map<String, Value>) -> Result<Map<String, Value>> {
    match object.get("traits") {
        Some(v) => Ok(place.object(v, "traits")?.clone()),
        None => Ok(Map::new()),
    }
}

fn documentation(place: Place<'_>, traits: &Map<String, Value>) -> Result<Option<String>> {
    traits
        .get("smithy.api#documentation")
        .map(|v| {
            place
                .string(v, "smithy.api#documentation")
                .map(str::to_owned)
        })
        .transpose()
}

fn deprecated(place: Place<'_>, traits: &Map<String, Value>) -> Result<Option<Deprecated>> {
    let Some(value) = traits.get("smithy.api#deprecated") else {
        return Ok(None);
    };
    let object = place.object(value, "smithy.api#deprecated")?;
    Ok(Some(Deprecated {
        message: place.optional_string(object, "message")?.map(str::to_owned),
        since: place.optional_string(object, "since")?.map(str::to_owned),
    }))
}

fn default_value(place: Place<'_>, value: &Value) -> Result<DefaultValue> {
    Ok(match value {
        Value::Bool(b) => DefaultValue::Bool(*b),
        Value::Number(n) => DefaultValue::Number(n.clone()),
        Value::String(s) => DefaultValue::String(s.clone()),
        Value::Array(a) if a.is_empty() => DefaultValue::EmptyList,
        Value::Object(o) if o.is_empty() => DefaultValue::EmptyMap,
        other => {
            return Err(place.error(format!(
                "`smithy.api#default` must be a boolean, number, string, `[]` or `{{}}`, found {}",
                json::describe(other)
            )));
        }
    })
}

fn paginated(place: Place<'_>, value: &Value) -> Result<Paginated> {
    let object = place.object(value, "smithy.api#paginated")?;
    let field = |key: &str| {
        place
            .optional_string(object, key)
            .map(|v| v.map(str::to_owned))
    };
    Ok(Paginated {
        input_token: field("inputToken")?,
        output_token: field("outputToken")?,
        items: field("items")?,
        page_size: field("pageSize")?,
    })
}

/// An operation's `paginated` trait takes the service's values for what it leaves out.
fn inherit_pagination(own: &mut Paginated, defaults: &Paginated) {
    for (field, default) in [
        (&mut own.input_token, &defaults.input_token),
        (&mut own.output_token, &defaults.output_token),
        (&mut own.items, &defaults.items),
        (&mut own.page_size, &defaults.page_size),
    ] {
        if field.is_none() {
            field.clone_from(default);
        }
    }
}

fn protocol(place: Place<'_>, traits: &Map<String, Value>) -> Result<Protocol> {
    if traits.contains_key("aws.protocols#awsJson1_1") {
        return Ok(Protocol::AwsJson1_1);
    }
    if traits.contains_key("aws.protocols#awsJson1_0") {
        return Ok(Protocol::AwsJson1_0);
    }
    let named: Vec<&str> = traits
        .keys()
        .filter(|key| key.starts_with("aws.protocols#") || key.starts_with("smithy.protocols#"))
        .map(String::as_str)
        .collect();
    let named = if named.is_empty() {
        "no protocol".to_owned()
    } else {
        format!("protocol `{}`", named.join("`, `"))
    };
    Err(place.error(format!(
        "the model uses {named}, which the generator does not support \
         (it supports `aws.protocols#awsJson1_0` and `aws.protocols#awsJson1_1`)"
    )))
}

/// Smithy 1.0's `enum` trait: a list of `{value, name?, documentation?, deprecated?}`.
fn enum_trait_values(place: Place<'_>, value: &Value) -> Result<Vec<EnumValue>> {
    let values = place.array(value, "smithy.api#enum")?;
    if values.is_empty() {
        return Err(place.error("`smithy.api#enum` lists no values"));
    }
    values
        .iter()
        .map(|v| {
            let object = place.object(v, "smithy.api#enum[]")?;
            Ok(EnumValue {
                value: place
                    .string(place.required(object, "value")?, "smithy.api#enum[].value")?
                    .to_owned(),
                documentation: place
                    .optional_string(object, "documentation")?
                    .map(str::to_owned),
                deprecated: place
                    .optional_bool(object, "deprecated")?
                    .then(Deprecated::default),
            })
        })
        .collect()
}

fn examples(place: Place<'_>, value: &Value) -> Result<Vec<Example>> {
    place
        .array(value, "smithy.api#examples")?
        .iter()
        .map(|example| {
            let example = place.object(example, "an example")?;
            Ok(Example {
                title: place
                    .optional_string(example, "title")?
                    .unwrap_or_default()
                    .to_owned(),
                documentation: place
                    .optional_string(example, "documentation")?
                    .map(str::to_owned),
                input: example.get("input").cloned(),
                output: example.get("output").cloned(),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn model(shapes: Value) -> Result<Model> {
        let text = serde_json::json!({ "smithy": "2.0", "shapes": shapes }).to_string();
        load(&ModelSource::from_text("m.json", text))
    }

    fn service(extra: Value) -> Value {
        let mut service = serde_json::json!({
            "type": "service",
            "version": "2020-01-01",
            "traits": { "aws.protocols#awsJson1_0": {} }
        });
        service
            .as_object_mut()
            .unwrap()
            .extend(extra.as_object().unwrap().clone());
        service
    }

    #[test]
    fn operations_reached_through_resources_belong_to_the_service() {
        let model = model(serde_json::json!({
            "ns#S": service(serde_json::json!({ "resources": [{ "target": "ns#R" }] })),
            "ns#R": { "type": "resource", "read": { "target": "ns#Get" } },
            "ns#Get": { "type": "operation", "input": { "target": "smithy.api#Unit" } }
        }))
        .unwrap();
        assert_eq!(model.service.operations, [ShapeId::new("ns", "Get")]);
        let (_, operation) = model.operations().next().unwrap();
        assert_eq!(operation.input, None);
    }

    #[test]
    fn mixin_members_come_first_and_mixins_are_not_shapes() {
        let model = model(serde_json::json!({
            "ns#S": service(serde_json::json!({})),
            "ns#M": {
                "type": "structure",
                "members": { "a": { "target": "smithy.api#String" } },
                "traits": { "smithy.api#mixin": {} }
            },
            "ns#T": {
                "type": "structure",
                "mixins": [{ "target": "ns#M" }],
                "members": { "b": { "target": "smithy.api#PrimitiveInteger" } }
            }
        }))
        .unwrap();
        assert!(model.shape(&ShapeId::new("ns", "M")).is_none());
        let t = model.shape(&ShapeId::new("ns", "T")).unwrap();
        let names: Vec<&str> = t.kind.members().iter().map(|m| m.name.as_str()).collect();
        assert_eq!(names, ["a", "b"]);
        let prelude = model.shape(&ShapeId::new("smithy.api", "PrimitiveInteger"));
        assert_eq!(prelude.map(|s| s.kind.name()), Some("integer"));
    }

    #[test]
    fn enum_values_keep_member_order_and_take_enum_value() {
        let model = model(serde_json::json!({
            "ns#S": service(serde_json::json!({})),
            "ns#E": {
                "type": "enum",
                "members": {
                    "Z": { "target": "smithy.api#Unit", "traits": { "smithy.api#enumValue": "z" } },
                    "A": { "target": "smithy.api#Unit" }
                }
            }
        }))
        .unwrap();
        let ShapeKind::Enum(values) = &model.shape(&ShapeId::new("ns", "E")).unwrap().kind else {
            panic!("not an enum");
        };
        let values: Vec<&str> = values.iter().map(|v| v.value.as_str()).collect();
        assert_eq!(values, ["z", "A"]);
    }

    #[test]
    fn an_unsupported_protocol_is_named_in_the_error() {
        let error = model(serde_json::json!({
            "ns#S": { "type": "service", "traits": { "aws.protocols#restJson1": {} } }
        }))
        .unwrap_err();
        assert_eq!(
            error.to_string(),
            "m.json: shape `ns#S`: the model uses protocol `aws.protocols#restJson1`, which the \
             generator does not support (it supports `aws.protocols#awsJson1_0` and \
             `aws.protocols#awsJson1_1`)"
        );
    }

    #[test]
    fn a_missing_target_names_the_shape_and_member() {
        let error = model(serde_json::json!({
            "ns#S": service(serde_json::json!({})),
            "ns#T": { "type": "structure", "members": { "a": { "target": "ns#Nope" } } }
        }))
        .unwrap_err();
        assert!(error.to_string().contains("ns#T"), "{error}");
        assert!(error.to_string().contains("ns#Nope"), "{error}");
    }
}
