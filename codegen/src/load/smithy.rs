//! A Smithy JSON AST model (versions `1.0` and `2.0`) → the model IR.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{Map, Value};

use super::features::{self, Handling};
use super::json::{self, Place};
use crate::error::{Error, Result};
use crate::model::{
    AwsQueryError, Binding, ClientContextParam, DefaultValue, Deprecated, EnumValue, ErrorFault,
    Example, Http, IntEnumValue, Length, Member, Model, Operation, Paginated, Protocol, Range,
    Retryable, Service, Shape, ShapeId, ShapeKind, TimestampFormat, Traits, XmlNamespace,
};
use crate::source::ModelSource;

/// The prelude's unit shape: an operation with it as input or output has none.
const UNIT: &str = "smithy.api#Unit";

/// Traits whose value carries nothing: `{}` (or `true`, which Smithy 1.0 tools also wrote).
const ANNOTATION_TRAITS: &[&str] = &[
    "smithy.api#required",
    "smithy.api#sensitive",
    "smithy.api#idempotencyToken",
    "smithy.api#box",
    "smithy.api#clientOptional",
    "smithy.api#input",
    "smithy.api#output",
    "smithy.api#httpLabel",
    "smithy.api#httpQueryParams",
    "smithy.api#httpPayload",
    "smithy.api#httpResponseCode",
    "smithy.api#httpChecksumRequired",
    "smithy.api#hostLabel",
    "smithy.api#xmlAttribute",
    "smithy.api#xmlFlattened",
    "smithy.api#streaming",
    "smithy.api#requiresLength",
    "smithy.api#eventHeader",
    "smithy.api#eventPayload",
    "smithy.api#sparse",
    "aws.auth#unsignedPayload",
    "aws.protocols#awsQueryCompatible",
];

/// Resources nest; a chain longer than this is taken for a cycle.
const MAX_RESOURCE_DEPTH: usize = 32;

/// The IDL versions whose semantics differ where the loader cares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Version {
    /// `1.0`: `set` shapes, the `enum` and `box` traits, numbers and booleans that are not boxed
    /// default to zero and `false`.
    V1,
    /// `2.0`: defaults only where a `default` trait says so.
    V2,
}

/// Loads a Smithy JSON AST model: the service `wanted` (an absolute shape id) or, when it is
/// `None`, the model's only service. When the file defines several services, only the shapes the
/// chosen one reaches are loaded.
pub fn load(source: &ModelSource, wanted: Option<&str>) -> Result<Model> {
    let file = source.main.display.as_str();
    let root_value = json::parse(file, &source.main.text)?;
    let place = Place::file(file);
    let root = place.object(&root_value, "the model")?;
    let version = place.string(place.required(root, "smithy")?, "smithy")?;
    let version = match version {
        "1.0" | "1" => Version::V1,
        "2.0" | "2" => Version::V2,
        other => {
            return Err(place.error(format!(
                "Smithy IDL version `{other}` is not supported (supported: 1.0, 2.0)"
            )));
        }
    };
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

    let mut loader = Loader {
        file,
        raw: &raw,
        version,
        xml_body: false,
    };
    let services: Vec<&String> = raw
        .iter()
        .filter(|(_, s)| s.get("type").and_then(Value::as_str) == Some("service"))
        .map(|(id, _)| id)
        .collect();
    let service_id = match (wanted, services.as_slice()) {
        (Some(wanted), _) => services
            .iter()
            .copied()
            .find(|s| s.as_str() == wanted)
            .ok_or_else(|| {
                Error::Options(format!(
                    "{file}: the model defines no service `{wanted}`; it defines: `{}`",
                    services
                        .iter()
                        .map(|s| s.as_str())
                        .collect::<Vec<_>>()
                        .join("`, `")
                ))
            })?,
        (None, [one]) => *one,
        (None, []) => return Err(place.error("the model defines no service shape")),
        (None, many) => {
            return Err(place.error(format!(
                "the model defines {} services (`{}`); the generator takes one (choose it with \
                 the `service` option)",
                many.len(),
                many.iter()
                    .map(|s| s.as_str())
                    .collect::<Vec<_>>()
                    .join("`, `")
            )));
        }
    };
    let reached = (services.len() > 1).then(|| raw_closure(&raw, service_id));
    // The protocol decides what the XML protocol traits mean, so it is chosen first.
    let (protocol, protocols) = loader.protocol(service_id)?;
    loader.xml_body = protocol.has_xml_bodies();

    let mut shapes = BTreeMap::new();
    for id in raw.keys() {
        if id == service_id || loader.is_mixin(id) {
            continue;
        }
        if reached.as_ref().is_some_and(|r| !r.contains(id)) {
            continue;
        }
        let resolved = loader.resolve(id, &mut Vec::new())?;
        let type_name = resolved.get("type").and_then(Value::as_str);
        if matches!(type_name, Some("resource")) {
            continue;
        }
        let shape = loader.shape(id, &resolved)?;
        shapes.insert(shape.id.clone(), shape);
    }
    let service = loader.service(service_id, protocol, protocols, &mut shapes)?;
    materialize_prelude(&mut shapes);
    let mut model = Model {
        service,
        shapes,
        left_out: BTreeMap::new(),
        notes: Vec::new(),
        patterns: BTreeMap::new(),
    };
    super::check_targets(&model, file)?;
    super::http::check_operation_bindings(&mut model, file)?;
    super::http::check_payloads(&model, file)?;
    loader.rename(service_id, &mut model)?;
    Ok(model)
}

/// The ids of the shapes `service` reaches in the raw model: its operations and resources, their
/// input, output and errors, member targets and mixins, transitively.
fn raw_closure(raw: &BTreeMap<String, Map<String, Value>>, service: &str) -> BTreeSet<String> {
    let mut seen = BTreeSet::new();
    let mut pending = vec![service.to_owned()];
    while let Some(id) = pending.pop() {
        let Some(shape) = raw.get(&id) else {
            continue;
        };
        if !seen.insert(id) {
            continue;
        }
        let target = |v: &Value| v.get("target").and_then(Value::as_str).map(str::to_owned);
        for key in [
            "input", "output", "member", "key", "value", "create", "put", "read", "update",
            "delete", "list",
        ] {
            pending.extend(shape.get(key).and_then(target));
        }
        for key in [
            "operations",
            "collectionOperations",
            "resources",
            "errors",
            "mixins",
        ] {
            if let Some(Value::Array(list)) = shape.get(key) {
                pending.extend(list.iter().filter_map(target));
            }
        }
        if let Some(Value::Object(members)) = shape.get("members") {
            pending.extend(members.values().filter_map(target));
        }
    }
    seen
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
        let has_mixins = shape.contains_key("mixins");
        let holder = match &member {
            Some(member) => {
                let members = shape
                    .entry("members")
                    .or_insert_with(|| Value::Object(Map::new()))
                    .as_object_mut()
                    .ok_or_else(|| apply_place.error("`members` must be an object"))?;
                // A member a mixin gives the shape: the traits go on a redeclaration of it,
                // which takes the target from the mixin when mixins are resolved.
                if !members.contains_key(member) && has_mixins {
                    members.insert(member.clone(), Value::Object(Map::new()));
                }
                members
                    .get_mut(member)
                    .and_then(Value::as_object_mut)
                    .ok_or_else(|| {
                        apply_place.error("`apply` names a member that does not exist")
                    })?
            }
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
        // A union member targeting `Unit` carries no value.
        "Unit" => (ShapeKind::Structure(Vec::new()), None),
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
    version: Version,
    /// The chosen protocol has XML bodies, where XML protocol traits matter.
    xml_body: bool,
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
    /// (but `mixin` itself and the mixin's `localTraits`) overridden by its own. `path` holds
    /// the shapes whose mixins are being resolved, to find cycles.
    fn resolve(&self, id: &str, path: &mut Vec<String>) -> Result<Map<String, Value>> {
        let place = Place::file(self.file).in_shape(id);
        let object = self
            .raw
            .get(id)
            .ok_or_else(|| place.error("the shape is not defined"))?;
        let Some(mixins) = object.get("mixins") else {
            return Ok(object.clone());
        };
        if let Some(start) = path.iter().position(|p| *p == id) {
            let cycle: Vec<&str> = path[start..]
                .iter()
                .map(String::as_str)
                .chain([id])
                .collect();
            return Err(Place::file(self.file).in_shape(&path[start]).error(format!(
                "its mixins form a cycle: `{}`",
                cycle.join("` → `")
            )));
        }
        path.push(id.to_owned());
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
            let resolved = self.resolve(target, path)?;
            if let Some(Value::Object(m)) = resolved.get("members") {
                members.extend(m.clone());
            }
            let local = local_traits(Place::file(self.file).in_shape(target), &resolved)?;
            if let Some(Value::Object(t)) = resolved.get("traits") {
                traits.extend(
                    t.iter()
                        .filter(|(k, _)| k.as_str() != "smithy.api#mixin")
                        .filter(|(k, _)| !local.contains(k.as_str()))
                        .map(|(k, v)| (k.clone(), v.clone())),
                );
            }
        }
        path.pop();
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
        let mut traits = self.traits(place, &trait_map)?;
        let member = |name: &str| -> Result<Box<Member>> {
            Ok(Box::new(self.member(
                place,
                name,
                place.required(object, name)?,
                false,
            )?))
        };
        let members = |in_structure: bool| -> Result<Vec<Member>> {
            match object.get("members") {
                Some(v) => place
                    .object(v, "members")?
                    .iter()
                    .map(|(name, value)| self.member(place, name, value, in_structure))
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
            "list" => ShapeKind::List(member("member")?),
            // Smithy 1.0's set is 2.0's list with unique items.
            "set" => {
                traits
                    .other
                    .entry("smithy.api#uniqueItems".to_owned())
                    .or_insert_with(|| Value::Object(Map::new()));
                ShapeKind::List(member("member")?)
            }
            "map" => ShapeKind::Map {
                key: member("key")?,
                value: member("value")?,
            },
            "structure" => ShapeKind::Structure(members(true)?),
            "union" => ShapeKind::Union(members(false)?),
            "operation" => {
                ShapeKind::Operation(Box::new(self.operation(place, object, &trait_map)?))
            }
            other => {
                return Err(place.error(format!(
                    "unknown shape type `{other}` (known: blob, boolean, string, byte, short, \
                     integer, long, float, double, bigInteger, bigDecimal, timestamp, document, \
                     enum, intEnum, list, set, map, structure, union, operation, resource, service)"
                )));
            }
        };
        // A streaming union is an event stream.
        traits.event_stream = traits.streaming && matches!(kind, ShapeKind::Union(_));
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

    /// A member; `in_structure` for a structure's, which alone take defaults.
    fn member(
        &self,
        place: Place<'_>,
        name: &str,
        value: &Value,
        in_structure: bool,
    ) -> Result<Member> {
        let place = place.in_member(name);
        let object = place.object(value, "the member")?;
        let target = place.string(place.required(object, "target")?, "target")?;
        let target = self.id(place, target, "the target")?;
        let map = trait_map(place, object)?;
        let mut traits = self.traits(place, &map)?;
        // `@default(null)` says the member has no default, even if its target has one.
        let explicit_null = map.get("smithy.api#default") == Some(&Value::Null);
        if in_structure && traits.default.is_none() && !explicit_null {
            traits.default = self.implied_default(&target, map.contains_key("smithy.api#box"))?;
        }
        Ok(Member {
            binding: binding(place, name, &map)?,
            name: name.to_owned(),
            target,
            traits,
        })
    }

    /// The default a structure member without a `default` trait of its own takes from its
    /// target: the target's `default` trait (the prelude's `Primitive…` shapes have one); in
    /// Smithy 1.0 also zero or `false` when neither the target nor the member is boxed.
    fn implied_default(
        &self,
        target: &ShapeId,
        member_boxed: bool,
    ) -> Result<Option<DefaultValue>> {
        if target.namespace() == "smithy.api" {
            return Ok(prelude_shape(target.name()).and_then(|(_, default)| default));
        }
        let text = target.to_string();
        let Some(raw) = self.raw.get(&text) else {
            return Ok(None);
        };
        let place = Place::file(self.file).in_shape(&text);
        let traits = trait_map(place, raw)?;
        if let Some(value) = traits.get("smithy.api#default") {
            return match value {
                Value::Null => Ok(None),
                value => default_value(place, value).map(Some),
            };
        }
        if self.version == Version::V2 || member_boxed || traits.contains_key("smithy.api#box") {
            return Ok(None);
        }
        Ok(match raw.get("type").and_then(Value::as_str) {
            Some("boolean") => Some(DefaultValue::Bool(false)),
            Some("byte" | "short" | "integer" | "long" | "float" | "double") => {
                Some(DefaultValue::Number(0.into()))
            }
            _ => None,
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
        let mut operation = Operation {
            input: io("input")?,
            output: io("output")?,
            errors,
            examples,
            http: traits
                .get("smithy.api#http")
                .map(|v| http(place, v))
                .transpose()?,
            http_checksum_required: traits.contains_key("smithy.api#httpChecksumRequired"),
            unsigned_payload: traits.contains_key("aws.auth#unsignedPayload"),
            optional_auth: traits.contains_key("smithy.api#optionalAuth"),
            ..Operation::default()
        };
        if let Some(endpoint) = traits.get("smithy.api#endpoint") {
            operation.host_prefix = Some(super::http::endpoint_host_prefix(
                place,
                endpoint,
                "smithy.api#endpoint",
            )?);
        }
        if let Some(compression) = traits.get("smithy.api#requestCompression") {
            operation.request_compression = Some(super::http::request_compression(
                place,
                compression,
                "smithy.api#requestCompression",
            )?);
        }
        if let Some(checksum) = traits.get("aws.protocols#httpChecksum") {
            operation.http_checksum = Some(super::botocore::http_checksum(
                place,
                checksum,
                "aws.protocols#httpChecksum",
            )?);
        }
        if let Some(auth) = traits.get("smithy.api#auth") {
            operation.auth = Some(json::string_list(place, auth, "smithy.api#auth")?);
        }
        if let Some(params) = traits.get("smithy.rules#staticContextParams") {
            let what = "smithy.rules#staticContextParams";
            for (name, param) in place.object(params, what)? {
                let param = place.object(param, &format!("{what}.{name}"))?;
                operation
                    .static_context_params
                    .insert(name.clone(), place.required(param, "value")?.clone());
            }
        }
        if let Some(params) = traits.get("smithy.rules#operationContextParams") {
            let what = "smithy.rules#operationContextParams";
            for (name, param) in place.object(params, what)? {
                let param = place.object(param, &format!("{what}.{name}"))?;
                let path = place.string(place.required(param, "path")?, &format!("{what}.path"))?;
                operation
                    .operation_context_params
                    .insert(name.clone(), path.to_owned());
            }
        }
        if let Some(discovered) = traits.get("aws.api#clientDiscoveredEndpoint") {
            let discovered = place.object(discovered, "aws.api#clientDiscoveredEndpoint")?;
            operation.endpoint_discovery = Some(crate::model::EndpointDiscovery {
                required: place.optional_bool(discovered, "required")?,
            });
        }
        Ok(operation)
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
        for key in ANNOTATION_TRAITS {
            match map.get(*key) {
                None | Some(Value::Bool(true)) => {}
                Some(Value::Object(o)) if o.is_empty() => {}
                Some(other) => {
                    return Err(place.error(format!(
                        "`{key}` is an annotation trait: its value must be `{{}}`, found {}",
                        json::describe(other)
                    )));
                }
            }
        }
        match map.get("smithy.api#default") {
            None | Some(Value::Null) => {}
            Some(value) => traits.default = Some(default_value(place, value)?),
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
            traits.http_error = Some(http_status(place, value, "smithy.api#httpError")?);
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
        let text = |key: &str| {
            map.get(key)
                .map(|v| place.string(v, key).map(str::to_owned))
                .transpose()
        };
        traits.xml_name = text("smithy.api#xmlName")?;
        traits.media_type = text("smithy.api#mediaType")?;
        traits.xml_attribute = map.contains_key("smithy.api#xmlAttribute");
        traits.xml_flattened = map.contains_key("smithy.api#xmlFlattened");
        if let Some(value) = map.get("smithy.api#xmlNamespace") {
            let object = place.object(value, "smithy.api#xmlNamespace")?;
            traits.xml_namespace = Some(XmlNamespace {
                uri: place
                    .string(
                        place.required(object, "uri")?,
                        "smithy.api#xmlNamespace.uri",
                    )?
                    .to_owned(),
                prefix: place.optional_string(object, "prefix")?.map(str::to_owned),
            });
        }
        traits.host_label = map.contains_key("smithy.api#hostLabel");
        traits.streaming = map.contains_key("smithy.api#streaming");
        traits.requires_length = map.contains_key("smithy.api#requiresLength");
        traits.event_header = map.contains_key("smithy.api#eventHeader");
        traits.event_payload = map.contains_key("smithy.api#eventPayload");
        traits.sparse = map.contains_key("smithy.api#sparse");
        traits.client_optional = map.contains_key("smithy.api#clientOptional");
        if let Some(value) = map.get("aws.protocols#awsQueryError") {
            let what = "aws.protocols#awsQueryError";
            let object = place.object(value, what)?;
            traits.aws_query_error = Some(AwsQueryError {
                code: place
                    .string(place.required(object, "code")?, &format!("{what}.code"))?
                    .to_owned(),
                http_response_code: object
                    .get("httpResponseCode")
                    .map(|v| http_status(place, v, &format!("{what}.httpResponseCode")))
                    .transpose()?,
            });
        }
        if let Some(value) = map.get("smithy.rules#contextParam") {
            let object = place.object(value, "smithy.rules#contextParam")?;
            traits.context_param = Some(
                place
                    .string(
                        place.required(object, "name")?,
                        "smithy.rules#contextParam.name",
                    )?
                    .to_owned(),
            );
        }
        traits.other = other_traits(place, map, self.xml_body)?;
        Ok(traits)
    }

    /// The protocol the service `id_text` speaks, and every protocol trait it has.
    fn protocol(&self, id_text: &str) -> Result<(Protocol, Vec<String>)> {
        let place = Place::file(self.file).in_shape(id_text);
        let object = self.resolve(id_text, &mut Vec::new())?;
        let traits = trait_map(place, &object)?;
        let protocols: Vec<String> = traits
            .keys()
            .filter(|key| super::protocol::is_protocol_trait(key))
            .cloned()
            .collect();
        Ok((protocol(place, &protocols)?, protocols))
    }

    fn service(
        &self,
        id_text: &str,
        protocol: Protocol,
        protocols: Vec<String>,
        shapes: &mut BTreeMap<ShapeId, Shape>,
    ) -> Result<Service> {
        let place = Place::file(self.file).in_shape(id_text);
        let id = self.id(place, id_text, "the service id")?;
        let object = self.resolve(id_text, &mut Vec::new())?;
        let traits = trait_map(place, &object)?;
        let aws_service = traits
            .get("aws.api#service")
            .map(|v| place.object(v, "aws.api#service"))
            .transpose()?;
        let aws_service_field = |key: &str| -> Result<Option<&str>> {
            match aws_service.and_then(|s| s.get(key)) {
                Some(value) => place
                    .string(value, &format!("aws.api#service.{key}"))
                    .map(Some),
                None => Ok(None),
            }
        };
        let sdk_id = aws_service_field("sdkId")?.unwrap_or(id.name()).to_owned();
        let endpoint_prefix = aws_service_field("endpointPrefix")?
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
        other_traits(place, &traits, self.xml_body)?;
        let json_object = |key: &str| -> Result<Option<Value>> {
            traits
                .get(key)
                .map(|v| place.object(v, key).map(|o| Value::Object(o.clone())))
                .transpose()
        };
        let endpoint_rule_set = json_object("smithy.rules#endpointRuleSet")?
            .map(|value| crate::endpoint_rules::RuleSet::parse(&value))
            .transpose()?;
        let endpoint_tests = json_object("smithy.rules#endpointTests")?;

        let mut bindings = Bindings::default();
        self.collect_operations(place, id_text, &object, &mut bindings, 0)?;
        let operations: BTreeSet<ShapeId> = bindings.operations.into_keys().collect();
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
        let mut waiters = BTreeMap::new();
        for operation in &operations {
            let text = operation.to_string();
            let operation_place = Place::file(self.file).in_shape(&text);
            let resolved = self.resolve(&text, &mut Vec::new())?;
            let operation_traits = trait_map(operation_place, &resolved)?;
            if let Some(value) = operation_traits.get(super::waiters::WAITABLE) {
                let more = super::waiters::smithy(self.file, operation, value)?;
                super::waiters::merge(self.file, &mut waiters, more)?;
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
            protocols,
            aws_query_compatible: traits.contains_key("aws.protocols#awsQueryCompatible"),
            xml_namespace: self.traits(place, &traits)?.xml_namespace,
            auth: service_auth(place, &traits)?,
            client_context_params: client_context_params(place, &traits)?,
            documentation: documentation(place, &traits)?,
            operations: operations.into_iter().collect(),
            endpoint_rule_set,
            endpoint_tests,
            waiters,
            id,
        })
    }

    /// The operations of a service or resource (`binder`), and of the resources it names,
    /// recursively. Smithy binds each operation and resource once in a service's closure.
    fn collect_operations(
        &self,
        place: Place<'_>,
        binder: &str,
        object: &Map<String, Value>,
        bindings: &mut Bindings,
        depth: usize,
    ) -> Result<()> {
        if depth > MAX_RESOURCE_DEPTH {
            return Err(place.error("its resources nest too deep (a cycle?)"));
        }
        let mut bind = |key: &str, value: &Value| -> Result<()> {
            let operation = self.reference(place, value, key)?;
            let how = format!("`{binder}` ({key})");
            if let Some(first) = bindings.operations.insert(operation.clone(), how.clone()) {
                return Err(Place::file(self.file)
                    .in_shape(&operation.to_string())
                    .error(format!(
                        "the operation is bound twice in the service: by {first} and by {how}; \
                         Smithy binds an operation once"
                    )));
            }
            Ok(())
        };
        for key in ["operations", "collectionOperations"] {
            if let Some(list) = object.get(key) {
                for op in place.array(list, key)? {
                    bind(key, op)?;
                }
            }
        }
        for key in ["create", "put", "read", "update", "delete", "list"] {
            if let Some(op) = object.get(key) {
                bind(key, op)?;
            }
        }
        if let Some(list) = object.get("resources") {
            for resource in place.array(list, "resources")? {
                let resource_id = self.reference(place, resource, "resources[]")?.to_string();
                let resource_place = Place::file(self.file).in_shape(&resource_id);
                let defined = self.raw.get(&resource_id);
                if defined.and_then(|r| r.get("type")).and_then(Value::as_str) != Some("resource") {
                    return Err(place.error(format!(
                        "`resources` names `{resource_id}`, which is not a resource of the model"
                    )));
                }
                if let Some(first) = bindings
                    .resources
                    .insert(resource_id.clone(), binder.to_owned())
                {
                    return Err(resource_place.error(format!(
                        "the resource is bound twice in the service: by `{first}` and by \
                         `{binder}`; Smithy binds a resource once"
                    )));
                }
                let resolved = self.resolve(&resource_id, &mut Vec::new())?;
                self.collect_operations(
                    resource_place,
                    &resource_id,
                    &resolved,
                    bindings,
                    depth + 1,
                )?;
            }
        }
        Ok(())
    }

    /// Applies the service's `rename` map and checks that the shape names in the service's
    /// closure are unique regardless of namespace and case, as Smithy requires: the generated
    /// crate names its types after them.
    fn rename(&self, service_id: &str, model: &mut Model) -> Result<()> {
        let place = Place::file(self.file).in_shape(service_id);
        let service = self.resolve(service_id, &mut Vec::new())?;
        let mut renames = BTreeMap::new();
        if let Some(value) = service.get("rename") {
            for (from, to) in place.object(value, "rename")? {
                let to = place.string(to, &format!("rename.{from}"))?;
                let from_id = self.id(place, from, "`rename` key")?;
                let renames_what = match self.raw.get(from).and_then(|s| s.get("type")) {
                    None => {
                        return Err(place.error(format!(
                            "`rename` names `{from}`, which the model does not define"
                        )));
                    }
                    Some(Value::String(kind)) => kind.clone(),
                    Some(_) => String::new(),
                };
                if matches!(renames_what.as_str(), "operation" | "resource" | "service") {
                    return Err(place.error(format!(
                        "`rename` renames the {renames_what} `{from}` to `{to}`; Smithy renames \
                         only shapes that are not operations, resources or services"
                    )));
                }
                if crate::naming::type_ident(to).is_err() || to.contains(['#', '$', '.']) {
                    return Err(place.error(format!(
                        "`rename` gives `{from}` the name `{to}`, which is not a shape name"
                    )));
                }
                renames.insert(from_id, to.to_owned());
            }
        }
        let closure = closure(model);
        let mut names: BTreeMap<String, &ShapeId> = BTreeMap::new();
        for id in &closure {
            if id.namespace() == "smithy.api" {
                continue;
            }
            let name = renames.get(id).map_or(id.name(), String::as_str);
            if let Some(first) = names.insert(name.to_lowercase(), id) {
                let is_operation = |id: &ShapeId| {
                    matches!(
                        model.shape(id).map(|s| &s.kind),
                        Some(ShapeKind::Operation(_))
                    )
                };
                let hint = match (is_operation(first), is_operation(id)) {
                    (true, true) => "operations cannot be renamed",
                    (false, false) => "the service's `rename` can give one another name",
                    _ => {
                        "the service's `rename` can give the one that is not an operation another name"
                    }
                };
                return Err(place.error(format!(
                    "the shapes `{first}` and `{id}` have the same name, ignoring namespace and \
                     case; Smithy requires the names in a service to differ ({hint})"
                )));
            }
        }
        for (from, to) in &renames {
            if closure.contains(from) {
                rename_shape(model, from, &ShapeId::new(from.namespace(), to));
            }
        }
        Ok(())
    }
}

/// The operations and resources bound so far, each with what bound it.
#[derive(Default)]
struct Bindings {
    operations: BTreeMap<ShapeId, String>,
    resources: BTreeMap<String, String>,
}

/// The shapes a service reaches: its operations, their input, output and errors, and every
/// member's target, transitively.
fn closure(model: &Model) -> BTreeSet<ShapeId> {
    let mut seen = BTreeSet::new();
    let mut pending: Vec<ShapeId> = model.service.operations.clone();
    while let Some(id) = pending.pop() {
        if !seen.insert(id.clone()) {
            continue;
        }
        let Some(shape) = model.shape(&id) else {
            continue;
        };
        if let ShapeKind::Operation(operation) = &shape.kind {
            pending.extend(operation.input.iter().cloned());
            pending.extend(operation.output.iter().cloned());
            pending.extend(operation.errors.iter().cloned());
        }
        pending.extend(shape.kind.members().into_iter().map(|m| m.target.clone()));
    }
    seen
}

/// Gives the shape `from` the id `to`, and every reference to it.
fn rename_shape(model: &mut Model, from: &ShapeId, to: &ShapeId) {
    if let Some(mut shape) = model.shapes.remove(from) {
        shape.id = to.clone();
        model.shapes.insert(to.clone(), shape);
    }
    let swap = |id: &mut ShapeId| {
        if id == from {
            *id = to.clone();
        }
    };
    for shape in model.shapes.values_mut() {
        for member in shape.kind.members_mut() {
            swap(&mut member.target);
        }
        if let ShapeKind::Operation(operation) = &mut shape.kind {
            operation.input.iter_mut().for_each(swap);
            operation.output.iter_mut().for_each(swap);
            operation.errors.iter_mut().for_each(swap);
        }
    }
}

/// A mixin's `localTraits`: the traits of the mixin that the shapes using it do not take.
fn local_traits(place: Place<'_>, mixin: &Map<String, Value>) -> Result<BTreeSet<String>> {
    let Some(value) = mixin
        .get("traits")
        .and_then(|t| t.get("smithy.api#mixin"))
        .and_then(|m| m.get("localTraits"))
    else {
        return Ok(BTreeSet::new());
    };
    place
        .array(value, "smithy.api#mixin.localTraits")?
        .iter()
        .map(|t| {
            place
                .string(t, "smithy.api#mixin.localTraits[]")
                .map(str::to_owned)
        })
        .collect()
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
        non_aggregate_keys: Vec::new(),
        more_results: None,
        unsupported_tokens: None,
        unsupported_items: None,
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

/// Of the service's protocol traits, the first the generator supports in botocore's order.
fn protocol(place: Place<'_>, listed: &[String]) -> Result<Protocol> {
    super::protocol::choose(listed).ok_or_else(|| {
        let named = if listed.is_empty() {
            "no protocol".to_owned()
        } else {
            format!("protocol `{}`", listed.join("`, `"))
        };
        place.error(format!(
            "the model uses {named}, which the generator does not support (it supports {})",
            super::protocol::supported()
        ))
    })
}

/// The auth schemes a service's traits give: its `auth` trait, else the auth scheme traits
/// applied to it, in id order (Smithy's rule).
fn service_auth(place: Place<'_>, traits: &Map<String, Value>) -> Result<Vec<String>> {
    if let Some(auth) = traits.get("smithy.api#auth") {
        return json::string_list(place, auth, "smithy.api#auth");
    }
    let mut schemes: Vec<String> = traits
        .keys()
        .filter(|key| AUTH_SCHEME_TRAITS.contains(&key.as_str()))
        .cloned()
        .collect();
    schemes.sort();
    Ok(schemes)
}

/// The auth scheme traits the IR carries, by id.
const AUTH_SCHEME_TRAITS: &[&str] = &[
    "aws.auth#sigv4",
    "aws.auth#sigv4a",
    "aws.auth#cognitoUserPools",
    "smithy.api#httpBearerAuth",
    "smithy.api#httpBasicAuth",
    "smithy.api#httpDigestAuth",
];

/// `smithy.rules#clientContextParams`: `{Name: {type, documentation}}`.
fn client_context_params(
    place: Place<'_>,
    traits: &Map<String, Value>,
) -> Result<BTreeMap<String, ClientContextParam>> {
    let what = "smithy.rules#clientContextParams";
    let Some(value) = traits.get(what) else {
        return Ok(BTreeMap::new());
    };
    place
        .object(value, what)?
        .iter()
        .map(|(name, definition)| {
            let definition = place.object(definition, &format!("{what}.{name}"))?;
            Ok((
                name.clone(),
                ClientContextParam {
                    kind: place
                        .string(
                            place.required(definition, "type")?,
                            &format!("{what}.{name}.type"),
                        )?
                        .to_owned(),
                    documentation: place
                        .optional_string(definition, "documentation")?
                        .map(str::to_owned),
                },
            ))
        })
        .collect()
}

/// The traits to carry in `Traits::other`: the ones ignored on purpose. A refused trait stops
/// loading, naming it and why; `xml_body` tells whether XML protocol traits matter.
fn other_traits(
    place: Place<'_>,
    map: &Map<String, Value>,
    xml_body: bool,
) -> Result<BTreeMap<String, Value>> {
    let mut other = BTreeMap::new();
    for (key, value) in map {
        match features::smithy_trait(key).for_body(xml_body) {
            Handling::Read => {}
            Handling::Ignored(_) | Handling::RefusedInXml(_) => {
                other.insert(key.clone(), value.clone());
            }
            Handling::Refused(why) => {
                return Err(place.error(format!(
                    "the trait `{key}` changes the wire and is not supported: {why}"
                )));
            }
        }
    }
    Ok(other)
}

/// Where the HTTP binding traits in `traits` put the member `name`; at most one may.
fn binding(place: Place<'_>, name: &str, traits: &Map<String, Value>) -> Result<Option<Binding>> {
    let text = |key: &str| -> Result<String> { place.string(&traits[key], key).map(str::to_owned) };
    let mut found = Vec::new();
    for key in traits.keys() {
        let binding = match key.as_str() {
            "smithy.api#httpLabel" => Binding::Label {
                name: name.to_owned(),
                greedy: false,
            },
            "smithy.api#httpQuery" => Binding::Query(text(key)?),
            "smithy.api#httpQueryParams" => Binding::QueryParams,
            "smithy.api#httpHeader" => Binding::Header(text(key)?),
            "smithy.api#httpPrefixHeaders" => Binding::PrefixHeaders(text(key)?),
            "smithy.api#httpPayload" => Binding::Payload,
            "smithy.api#httpResponseCode" => Binding::ResponseCode,
            _ => continue,
        };
        found.push((key.as_str(), binding));
    }
    match found.len() {
        0 | 1 => Ok(found.pop().map(|(_, binding)| binding)),
        _ => Err(place.error(format!(
            "the member has the HTTP binding traits `{}`; it can have one",
            found
                .iter()
                .map(|(key, _)| *key)
                .collect::<Vec<_>>()
                .join("`, `")
        ))),
    }
}

/// The `http` trait: `{method, uri, code?}`.
fn http(place: Place<'_>, value: &Value) -> Result<Http> {
    let what = "smithy.api#http";
    let object = place.object(value, what)?;
    let method = place.string(place.required(object, "method")?, &format!("{what}.method"))?;
    let uri = place.string(place.required(object, "uri")?, &format!("{what}.uri"))?;
    Ok(Http {
        method: method.to_owned(),
        uri: super::http::parse_uri(uri).map_err(|e| place.error(e))?,
        code: object
            .get("code")
            .map(|v| http_status(place, v, &format!("{what}.code")))
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
        load(&ModelSource::from_text("m.json", text), None)
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
            "ns#S": { "type": "service", "traits": { "aws.protocols#restXml": {} } }
        }))
        .unwrap_err();
        assert_eq!(
            error.to_string(),
            "m.json: shape `ns#S`: the model uses protocol `aws.protocols#restXml`, which the \
             generator does not support (it supports `aws.protocols#awsJson1_0`, \
             `aws.protocols#awsJson1_1`, `aws.protocols#restJson1`)"
        );
    }

    /// A service with the operation `ns#Op`, whose input is `ns#In` with `members`, and `extra`
    /// shapes; `op_traits` on the operation.
    fn with_operation(op_traits: Value, members: Value, extra: Value) -> Result<Model> {
        let mut shapes = serde_json::json!({
            "ns#S": service(serde_json::json!({ "operations": [{ "target": "ns#Op" }] })),
            "ns#Op": { "type": "operation", "input": { "target": "ns#In" }, "traits": op_traits },
            "ns#In": { "type": "structure", "members": members },
        });
        shapes
            .as_object_mut()
            .unwrap()
            .extend(extra.as_object().unwrap().clone());
        model(shapes)
    }

    fn member<'m>(model: &'m Model, shape: &str, name: &str) -> &'m Member {
        model
            .shape(&ShapeId::parse(shape).unwrap())
            .unwrap()
            .kind
            .members()
            .into_iter()
            .find(|m| m.name == name)
            .unwrap()
    }

    #[test]
    fn http_binding_traits_become_bindings() {
        let string =
            |traits: Value| serde_json::json!({ "target": "smithy.api#String", "traits": traits });
        let model = with_operation(
            serde_json::json!({ "smithy.api#http": { "method": "PUT", "uri": "/a/{l}", "code": 201 } }),
            serde_json::json!({
                "l": string(serde_json::json!({ "smithy.api#httpLabel": {}, "smithy.api#required": {} })),
                "q": string(serde_json::json!({ "smithy.api#httpQuery": "Q" })),
                "h": string(serde_json::json!({ "smithy.api#httpHeader": "X-H" })),
                "p": string(serde_json::json!({ "smithy.api#httpPayload": {} })),
            }),
            serde_json::json!({}),
        )
        .unwrap();
        assert_eq!(
            member(&model, "ns#In", "l").binding,
            Some(Binding::Label {
                name: "l".into(),
                greedy: false
            })
        );
        assert_eq!(
            member(&model, "ns#In", "q").binding,
            Some(Binding::Query("Q".into()))
        );
        assert_eq!(
            member(&model, "ns#In", "h").binding,
            Some(Binding::Header("X-H".into()))
        );
        assert_eq!(member(&model, "ns#In", "p").binding, Some(Binding::Payload));
        let (_, operation) = model.operations().next().unwrap();
        let http = operation.http.as_ref().unwrap();
        assert_eq!((http.method.as_str(), http.code), ("PUT", 201));
    }

    #[test]
    fn a_member_with_two_binding_traits_is_refused() {
        let error = with_operation(
            serde_json::json!({}),
            serde_json::json!({ "a": { "target": "smithy.api#String", "traits": {
                "smithy.api#httpHeader": "X-A", "smithy.api#httpQuery": "a" } } }),
            serde_json::json!({}),
        )
        .unwrap_err();
        assert_eq!(
            error.to_string(),
            "m.json: shape `ns#In`: member `a`: the member has the HTTP binding traits \
             `smithy.api#httpHeader`, `smithy.api#httpQuery`; it can have one"
        );
    }

    #[test]
    fn refused_and_unknown_aws_traits_name_the_shape_and_the_trait() {
        let error = with_operation(
            serde_json::json!({}),
            serde_json::json!({}),
            serde_json::json!({ "ns#T": { "type": "string", "traits": { "smithy.api#newTrait": {} } } }),
        )
        .unwrap_err();
        assert_eq!(
            error.to_string(),
            "m.json: shape `ns#T`: the trait `smithy.api#newTrait` changes the wire and is not \
             supported: the generator does not know this trait, so it cannot tell its effect on \
             the wire"
        );
        // An XML protocol trait does nothing in a JSON protocol: carried, not refused.
        let model = with_operation(
            serde_json::json!({}),
            serde_json::json!({ "a": { "target": "smithy.api#String",
                                      "traits": { "aws.protocols#ec2QueryName": "A" } } }),
            serde_json::json!({}),
        )
        .unwrap();
        assert_eq!(
            member(&model, "ns#In", "a").traits.other["aws.protocols#ec2QueryName"],
            serde_json::json!("A")
        );
    }

    #[test]
    fn operation_protocol_traits_are_read() {
        let model = with_operation(
            serde_json::json!({
                "smithy.api#endpoint": { "hostPrefix": "{h}." },
                "smithy.api#httpChecksumRequired": {},
                "aws.protocols#httpChecksum": { "requestAlgorithmMember": "alg", "requestChecksumRequired": true },
                "smithy.api#auth": [],
                "aws.auth#unsignedPayload": {},
                "smithy.api#optionalAuth": {},
                "smithy.rules#staticContextParams": { "P": { "value": "x" } },
                "smithy.rules#operationContextParams": { "Arn": { "path": "h" } },
            }),
            serde_json::json!({ "h": { "target": "smithy.api#String", "traits": {
                "smithy.api#hostLabel": {}, "smithy.api#required": {},
                "smithy.rules#contextParam": { "name": "H" } } } }),
            serde_json::json!({}),
        )
        .unwrap();
        let (_, operation) = model.operations().next().unwrap();
        assert_eq!(operation.host_prefix.as_ref().unwrap().raw, "{h}.");
        assert!(operation.http_checksum_required);
        let checksum = operation.http_checksum.as_ref().unwrap();
        assert_eq!(checksum.request_algorithm_member.as_deref(), Some("alg"));
        assert!(checksum.request_checksum_required);
        assert_eq!(operation.auth, Some(Vec::new()));
        assert!(operation.unsigned_payload);
        assert!(operation.optional_auth);
        assert_eq!(operation.static_context_params["P"], serde_json::json!("x"));
        assert_eq!(operation.operation_context_params["Arn"], "h");
        let h = member(&model, "ns#In", "h");
        assert!(h.traits.host_label);
        assert_eq!(h.traits.context_param.as_deref(), Some("H"));
    }

    #[test]
    fn serialization_traits_are_read() {
        let model = with_operation(
            serde_json::json!({}),
            serde_json::json!({ "a": { "target": "ns#L", "traits": {
                "smithy.api#xmlName": "A", "smithy.api#xmlFlattened": {},
                "smithy.api#xmlNamespace": { "uri": "https://example.com" } } } }),
            serde_json::json!({
                "ns#L": { "type": "list", "member": { "target": "smithy.api#String" },
                          "traits": { "smithy.api#sparse": {} } },
                "ns#E": { "type": "structure", "members": {},
                          "traits": { "smithy.api#error": "client",
                                      "aws.protocols#awsQueryError": { "code": "Bad", "httpResponseCode": 400 } } },
                "ns#U": { "type": "union", "members": { "e": { "target": "ns#E" } },
                          "traits": { "smithy.api#streaming": {} } },
            }),
        )
        .unwrap();
        let a = member(&model, "ns#In", "a");
        assert_eq!(a.traits.xml_name.as_deref(), Some("A"));
        assert!(a.traits.xml_flattened);
        assert_eq!(
            a.traits.xml_namespace.as_ref().unwrap().uri,
            "https://example.com"
        );
        let shape = |id: &str| model.shape(&ShapeId::parse(id).unwrap()).unwrap();
        assert!(shape("ns#L").traits.sparse);
        assert_eq!(
            shape("ns#E").traits.aws_query_error,
            Some(crate::model::AwsQueryError {
                code: "Bad".into(),
                http_response_code: Some(400)
            })
        );
        assert!(shape("ns#U").traits.event_stream);
    }

    #[test]
    fn service_auth_is_the_auth_trait_or_the_schemes_in_id_order() {
        let by_traits = model(serde_json::json!({
            "ns#S": { "type": "service", "traits": {
                "aws.protocols#awsJson1_0": {},
                "smithy.api#httpBearerAuth": {},
                "aws.auth#sigv4": { "name": "s" } } }
        }))
        .unwrap();
        assert_eq!(
            by_traits.service.auth,
            ["aws.auth#sigv4", "smithy.api#httpBearerAuth"]
        );
        let by_auth_trait = model(serde_json::json!({
            "ns#S": { "type": "service", "traits": {
                "aws.protocols#awsJson1_0": {},
                "smithy.api#httpBearerAuth": {},
                "aws.auth#sigv4": { "name": "s" },
                "smithy.api#auth": ["smithy.api#httpBearerAuth"] } }
        }))
        .unwrap();
        assert_eq!(by_auth_trait.service.auth, ["smithy.api#httpBearerAuth"]);
    }

    #[test]
    fn the_first_supported_protocol_in_botocore_order_is_chosen() {
        let model = model(serde_json::json!({
            "ns#S": { "type": "service", "traits": {
                "smithy.protocols#rpcv2Cbor": {},
                "aws.protocols#restJson1": {},
                "aws.protocols#awsJson1_0": {} } }
        }))
        .unwrap();
        assert_eq!(model.service.protocol, Protocol::AwsJson1_0);
        assert_eq!(
            model.service.protocols,
            [
                "smithy.protocols#rpcv2Cbor",
                "aws.protocols#restJson1",
                "aws.protocols#awsJson1_0"
            ]
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
