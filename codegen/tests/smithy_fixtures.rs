//! The Smithy JSON AST fixtures in `tests/fixtures/smithy/`: a readable dump of the IR each
//! loads to, snapshotted, and the facts a reviewer should not have to read off a snapshot,
//! asserted. Every fixture must also generate a crate.
//!
//! - `shapes.json` (2.0): every shape kind the generator supports, the prelude and its defaults.
//! - `traits.json` (2.0): every trait the loader reads, the service traits, unknown traits.
//! - `resources.json` (2.0): operations bound through nested resources, `smithy.api#Unit`,
//!   the service's `rename`.
//! - `mixins.json` (2.0): structure, member and trait mixins, `localTraits`, `apply`.
//! - `v1.json` (1.0): `set`, the `enum` and `box` traits, zero defaults of unboxed numbers.

use std::fmt::Write;
use std::path::{Path, PathBuf};

use codegen::model::{
    DefaultValue, Deprecated, ErrorFault, Length, Member, Model, Paginated, Protocol, Range,
    Retryable, Shape, ShapeId, ShapeKind, TimestampFormat, Traits,
};
use codegen::source::{self, ModelSource};
use serde_json::{Value, json};

/// The fixtures that load (those under `bad/` are the ones that must not).
const FIXTURES: &[&str] = &["mixins", "resources", "shapes", "traits", "v1"];

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("codegen sits one folder below the workspace root")
        .to_path_buf()
}

fn read(fixture: &str) -> ModelSource {
    let root = workspace_root();
    let path = root.join(format!("codegen/tests/fixtures/smithy/{fixture}.json"));
    source::read(&path, Some(&root))
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

fn load(fixture: &str) -> Model {
    let source = read(fixture);
    assert_eq!(
        codegen::load::detect(&source).unwrap(),
        codegen::load::Format::Smithy,
        "the {fixture} fixture is not told apart as Smithy"
    );
    codegen::load::load(&source).unwrap_or_else(|e| panic!("cannot load {fixture}: {e}"))
}

fn id(text: &str) -> ShapeId {
    ShapeId::parse(text).unwrap()
}

fn shape<'m>(model: &'m Model, text: &str) -> &'m Shape {
    model
        .shape(&id(text))
        .unwrap_or_else(|| panic!("no shape `{text}`"))
}

fn member<'m>(model: &'m Model, text: &str) -> &'m Member {
    let (shape_id, name) = text.split_once('$').unwrap();
    shape(model, shape_id)
        .kind
        .members()
        .into_iter()
        .find(|m| m.name == name)
        .unwrap_or_else(|| panic!("no member `{text}`"))
}

fn member_names(model: &Model, text: &str) -> Vec<String> {
    shape(model, text)
        .kind
        .members()
        .iter()
        .map(|m| m.name.clone())
        .collect()
}

fn number(n: i64) -> Option<DefaultValue> {
    Some(DefaultValue::Number(n.into()))
}

/// The traits that are set, one `name: value` line each.
fn trait_lines(traits: &Traits, indent: &str) -> String {
    let mut out = String::new();
    let mut line = |name: &str, value: &dyn std::fmt::Debug| {
        writeln!(out, "{indent}{name}: {value:?}").unwrap();
    };
    let Traits {
        documentation,
        renamed_from,
        required,
        default,
        length,
        range,
        pattern,
        error,
        http_error,
        error_code,
        retryable,
        timestamp_format,
        sensitive,
        deprecated,
        paginated,
        idempotency_token,
        json_name,
        aws_json_name,
        xml_name,
        xml_attribute,
        xml_flattened,
        xml_namespace,
        host_label,
        media_type,
        streaming,
        requires_length,
        event_stream,
        event_header,
        event_payload,
        sparse,
        client_optional,
        aws_query_error,
        context_param,
        boxed,
        other,
    } = traits;
    if let Some(v) = documentation {
        line("documentation", v);
    }
    if let Some(v) = renamed_from {
        line("renamed_from", v);
    }
    if *required {
        line("required", required);
    }
    if let Some(v) = default {
        line("default", v);
    }
    if let Some(v) = length {
        line("length", v);
    }
    if let Some(v) = range {
        line("range", v);
    }
    if let Some(v) = pattern {
        line("pattern", v);
    }
    if let Some(v) = error {
        line("error", v);
    }
    if let Some(v) = http_error {
        line("http_error", v);
    }
    if let Some(v) = error_code {
        line("error_code", v);
    }
    if let Some(v) = retryable {
        line("retryable", v);
    }
    if let Some(v) = timestamp_format {
        line("timestamp_format", v);
    }
    if *sensitive {
        line("sensitive", sensitive);
    }
    if let Some(v) = deprecated {
        line("deprecated", v);
    }
    if let Some(v) = paginated {
        line("paginated", v);
    }
    if *idempotency_token {
        line("idempotency_token", idempotency_token);
    }
    if let Some(v) = json_name {
        line("json_name", v);
    }
    for (name, value) in [
        ("aws_json_name", aws_json_name),
        ("xml_name", xml_name),
        ("media_type", media_type),
        ("context_param", context_param),
    ] {
        if let Some(v) = value {
            line(name, v);
        }
    }
    if let Some(v) = xml_namespace {
        line("xml_namespace", v);
    }
    if let Some(v) = aws_query_error {
        line("aws_query_error", v);
    }
    for (name, set) in [
        ("xml_attribute", xml_attribute),
        ("xml_flattened", xml_flattened),
        ("host_label", host_label),
        ("streaming", streaming),
        ("requires_length", requires_length),
        ("event_stream", event_stream),
        ("event_header", event_header),
        ("event_payload", event_payload),
        ("sparse", sparse),
        ("client_optional", client_optional),
    ] {
        if *set {
            line(name, set);
        }
    }
    if *boxed {
        line("boxed", boxed);
    }
    for (key, value) in other {
        writeln!(out, "{indent}other {key}: {value}").unwrap();
    }
    out
}

/// The whole IR, shape by shape in id order, members in model order.
fn summary(model: &Model) -> String {
    let mut out = String::new();
    let s = &model.service;
    writeln!(out, "service {}", s.id).unwrap();
    writeln!(out, "  version: {:?}", s.version).unwrap();
    writeln!(out, "  sdk_id: {:?}", s.sdk_id).unwrap();
    writeln!(out, "  title: {:?}", s.title).unwrap();
    writeln!(out, "  endpoint_prefix: {:?}", s.endpoint_prefix).unwrap();
    writeln!(out, "  signing_name: {:?}", s.signing_name).unwrap();
    writeln!(out, "  protocol: {}", s.protocol.name()).unwrap();
    writeln!(out, "  protocols: {:?}", s.protocols).unwrap();
    writeln!(out, "  auth: {:?}", s.auth).unwrap();
    if s.aws_query_compatible {
        writeln!(out, "  aws_query_compatible: true").unwrap();
    }
    if let Some(v) = &s.xml_namespace {
        writeln!(out, "  xml_namespace: {v:?}").unwrap();
    }
    for (name, param) in &s.client_context_params {
        writeln!(out, "  client_context_param {name}: {param:?}").unwrap();
    }
    writeln!(out, "  documentation: {:?}", s.documentation).unwrap();
    for operation in &s.operations {
        writeln!(out, "  operation {operation}").unwrap();
    }
    match &s.endpoint_rule_set {
        Some(rule_set) => writeln!(out, "  endpoint_rule_set: {rule_set:?}").unwrap(),
        None => writeln!(out, "  endpoint_rule_set: none").unwrap(),
    }
    match &s.endpoint_tests {
        Some(tests) => writeln!(out, "  endpoint_tests: {tests}").unwrap(),
        None => writeln!(out, "  endpoint_tests: none").unwrap(),
    }
    for shape in model.shapes.values() {
        writeln!(out, "\n{} {}", shape.kind.name(), shape.id).unwrap();
        out.push_str(&trait_lines(&shape.traits, "  "));
        match &shape.kind {
            ShapeKind::Enum(values) => {
                for v in values {
                    let mut extra = String::new();
                    if let Some(d) = &v.documentation {
                        write!(extra, " documentation={d:?}").unwrap();
                    }
                    if let Some(d) = &v.deprecated {
                        write!(extra, " deprecated={d:?}").unwrap();
                    }
                    writeln!(out, "  value {:?}{extra}", v.value).unwrap();
                }
            }
            ShapeKind::IntEnum(values) => {
                for v in values {
                    let doc = v
                        .documentation
                        .as_ref()
                        .map(|d| format!(" documentation={d:?}"))
                        .unwrap_or_default();
                    writeln!(out, "  value {} = {}{doc}", v.name, v.value).unwrap();
                }
            }
            ShapeKind::Operation(operation) => {
                let show = |id: &Option<ShapeId>| {
                    id.as_ref()
                        .map_or_else(|| "none".to_owned(), ToString::to_string)
                };
                writeln!(out, "  input: {}", show(&operation.input)).unwrap();
                writeln!(out, "  output: {}", show(&operation.output)).unwrap();
                for error in &operation.errors {
                    writeln!(out, "  error: {error}").unwrap();
                }
                for example in &operation.examples {
                    writeln!(out, "  example: {example:?}").unwrap();
                }
                if let Some(http) = &operation.http {
                    writeln!(out, "  http: {http:?}").unwrap();
                }
                if let Some(prefix) = &operation.host_prefix {
                    writeln!(out, "  host_prefix: {prefix:?}").unwrap();
                }
                if let Some(v) = &operation.request_compression {
                    writeln!(out, "  request_compression: {v:?}").unwrap();
                }
                if operation.http_checksum_required {
                    writeln!(out, "  http_checksum_required: true").unwrap();
                }
                if let Some(v) = &operation.http_checksum {
                    writeln!(out, "  http_checksum: {v:?}").unwrap();
                }
                if let Some(v) = &operation.auth {
                    writeln!(out, "  auth: {v:?}").unwrap();
                }
                if operation.unsigned_payload {
                    writeln!(out, "  unsigned_payload: true").unwrap();
                }
                for (name, value) in &operation.static_context_params {
                    writeln!(out, "  static_context_param {name}: {value}").unwrap();
                }
                for (name, path) in &operation.operation_context_params {
                    writeln!(out, "  operation_context_param {name}: {path}").unwrap();
                }
            }
            kind => {
                for m in kind.members() {
                    writeln!(out, "  member {} -> {}", m.name, m.target).unwrap();
                    if let Some(binding) = &m.binding {
                        writeln!(out, "    binding: {binding:?}").unwrap();
                    }
                    out.push_str(&trait_lines(&m.traits, "    "));
                }
            }
        }
    }
    out
}

#[test]
fn fixture_list_matches_the_fixture_folder() {
    let folder = workspace_root().join("codegen/tests/fixtures/smithy");
    let mut found: Vec<String> = std::fs::read_dir(&folder)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|e| e == "json"))
        .map(|path| path.file_stem().unwrap().to_string_lossy().into_owned())
        .collect();
    found.sort();
    assert_eq!(found, FIXTURES);
}

#[test]
fn every_fixture_generates_a_crate() {
    for fixture in FIXTURES {
        let files = codegen::generate(&read(fixture), &codegen::Options::default())
            .unwrap_or_else(|e| panic!("cannot generate the {fixture} fixture: {e}"));
        assert!(files.contains_key("src/lib.rs"), "{fixture}");
    }
}

#[test]
fn shapes_fixture_has_every_kind_and_the_prelude() {
    let model = load("shapes");
    insta::assert_snapshot!("shapes", summary(&model));

    let kinds: Vec<(String, &str)> = shape(&model, "example.shapes#Everything")
        .kind
        .members()
        .iter()
        .take(17)
        .map(|m| (m.name.clone(), model.shape(&m.target).unwrap().kind.name()))
        .collect();
    let expected = [
        ("blob", "blob"),
        ("boolean", "boolean"),
        ("string", "string"),
        ("byte", "byte"),
        ("short", "short"),
        ("integer", "integer"),
        ("long", "long"),
        ("float", "float"),
        ("double", "double"),
        ("timestamp", "timestamp"),
        ("color", "enum"),
        ("level", "intEnum"),
        ("names", "list"),
        ("counts", "map"),
        ("colorCounts", "map"),
        ("nested", "structure"),
        ("choice", "union"),
    ];
    let expected: Vec<(String, &str)> = expected
        .iter()
        .map(|(n, k)| ((*n).to_owned(), *k))
        .collect();
    assert_eq!(kinds, expected);

    // The prelude: boxed shapes have no default, the Primitive… ones zero or false, and a
    // member's `@default(null)` drops its target's default.
    let everything = "example.shapes#Everything";
    for name in [
        "preludeString",
        "preludeInteger",
        "preludeBoolean",
        "preludeTimestamp",
    ] {
        let m = member(&model, &format!("{everything}${name}"));
        assert_eq!(m.traits.default, None, "{name}");
    }
    assert_eq!(
        member(&model, &format!("{everything}$primitiveInteger"))
            .traits
            .default,
        number(0)
    );
    assert_eq!(
        member(&model, &format!("{everything}$primitiveBoolean"))
            .traits
            .default,
        Some(DefaultValue::Bool(false))
    );
    assert_eq!(
        member(&model, &format!("{everything}$primitiveNoDefault"))
            .traits
            .default,
        None
    );
    assert_eq!(
        shape(&model, "smithy.api#PrimitiveDouble").traits.default,
        number(0)
    );
    // 2.0: an integer shape without a default trait gives none, unlike 1.0.
    assert_eq!(
        member(&model, &format!("{everything}$integer"))
            .traits
            .default,
        None
    );
    // Union members take no defaults.
    assert_eq!(
        member(&model, "example.shapes#Choice$number")
            .traits
            .default,
        None
    );
    let ShapeKind::Enum(values) = &shape(&model, "example.shapes#Color").kind else {
        panic!("Color is not an enum");
    };
    let values: Vec<&str> = values.iter().map(|v| v.value.as_str()).collect();
    assert_eq!(values, ["red", "GREEN"]);
    let ShapeKind::IntEnum(values) = &shape(&model, "example.shapes#Level").kind else {
        panic!("Level is not an intEnum");
    };
    let values: Vec<(&str, i32)> = values.iter().map(|v| (v.name.as_str(), v.value)).collect();
    assert_eq!(values, [("LOW", 1), ("HIGH", 10)]);
    let (_, operation) = model.operations().next().unwrap();
    assert_eq!(operation.output, None, "smithy.api#Unit is no output");
    assert_eq!(model.service.protocol, Protocol::AwsJson1_0);
}

#[test]
fn traits_fixture_reads_every_trait() {
    let model = load("traits");
    insta::assert_snapshot!("traits", summary(&model));

    let service = &model.service;
    assert_eq!(service.protocol, Protocol::AwsJson1_1);
    assert_eq!(service.sdk_id, "Trait Test");
    assert_eq!(service.endpoint_prefix, "traits");
    assert_eq!(service.signing_name, "traitsigning");
    assert_eq!(service.title, "Trait Test Service");
    assert_eq!(service.version, "2024-02-02");
    assert_eq!(
        service.documentation.as_deref(),
        Some("<p>Every trait the loader reads.</p>")
    );
    let rule_set = service.endpoint_rule_set.as_ref().expect("a rule set");
    assert_eq!(
        rule_set.parameters["Region"].built_in.as_deref(),
        Some("AWS::Region")
    );
    let tests = service.endpoint_tests.as_ref().expect("endpoint tests");
    assert_eq!(
        tests["testCases"][0]["expect"]["endpoint"]["url"],
        "https://traits.us-east-1.amazonaws.com"
    );

    let input = "example.traits#GetItemInput";
    let traits = |name: &str| member(&model, &format!("{input}${name}")).traits.clone();
    let id = traits("id");
    assert!(id.required);
    assert_eq!(id.documentation.as_deref(), Some("The item's id."));
    let id_shape = &shape(&model, "example.traits#ItemId").traits;
    assert_eq!(
        id_shape.length,
        Some(Length {
            min: Some(1),
            max: Some(64)
        })
    );
    assert_eq!(id_shape.pattern.as_deref(), Some("^[a-z]+$"));
    assert!(traits("token").idempotency_token);
    assert!(shape(&model, "example.traits#Secret").traits.sensitive);
    assert_eq!(
        traits("since").timestamp_format,
        Some(TimestampFormat::EpochSeconds)
    );
    assert_eq!(
        shape(&model, "example.traits#HttpDate")
            .traits
            .timestamp_format,
        Some(TimestampFormat::HttpDate)
    );
    assert_eq!(traits("wireName").json_name.as_deref(), Some("wire_name"));
    assert_eq!(
        shape(&model, "example.traits#Percent").traits.range,
        Some(Range {
            min: Some(0.into()),
            max: Some(100.into())
        })
    );
    let ratio = traits("ratio").range.unwrap();
    assert_eq!(ratio.min.unwrap().to_string(), "0.5");
    assert_eq!(ratio.max.unwrap().to_string(), "1.5");
    // `clientOptional` leaves `required` as it is (botocore's `required` list keeps such
    // members too) and is read as `client_optional`: clients hold the member in an `Option`.
    let limit = traits("limit");
    assert!(limit.required);
    assert_eq!(limit.default, number(10));
    assert!(limit.client_optional);
    assert_eq!(
        traits("mode").default,
        Some(DefaultValue::String("fast".into()))
    );
    assert_eq!(traits("tags").default, Some(DefaultValue::EmptyList));
    assert_eq!(traits("labels").default, Some(DefaultValue::EmptyMap));
    assert_eq!(traits("enabled").default, Some(DefaultValue::Bool(true)));
    assert_eq!(
        traits("old").deprecated,
        Some(Deprecated {
            message: Some("Use id.".into()),
            since: Some("2023".into())
        })
    );
    let custom = traits("custom");
    assert_eq!(custom.other["example.traits#custom"], json!({"level": 3}));
    assert_eq!(
        custom.length,
        Some(Length {
            min: Some(1),
            max: None
        })
    );
    assert_eq!(
        shape(&model, input).traits.other["smithy.api#input"],
        json!({})
    );
    assert_eq!(
        shape(&model, "example.traits#GetItemOutput").traits.other["smithy.api#output"],
        json!({})
    );

    let not_found = &shape(&model, "example.traits#NotFound").traits;
    assert_eq!(not_found.error, Some(ErrorFault::Client));
    assert_eq!(not_found.http_error, Some(404));
    assert_eq!(not_found.retryable, None);
    let throttled = &shape(&model, "example.traits#Throttled").traits;
    assert_eq!(throttled.retryable, Some(Retryable { throttling: true }));
    let broken = &shape(&model, "example.traits#Broken").traits;
    assert_eq!(broken.error, Some(ErrorFault::Server));
    assert_eq!(broken.retryable, Some(Retryable { throttling: false }));

    let get_item = shape(&model, "example.traits#GetItem");
    assert_eq!(
        get_item.traits.deprecated,
        Some(Deprecated {
            message: Some("Use ListItems.".into()),
            since: Some("2024-03-01".into())
        })
    );
    let ShapeKind::Operation(operation) = &get_item.kind else {
        panic!("GetItem is not an operation");
    };
    assert_eq!(operation.examples.len(), 1);
    assert_eq!(operation.examples[0].title, "Get an item");
    assert_eq!(operation.examples[0].input, Some(json!({"id": "a"})));
    assert_eq!(operation.examples[0].output, Some(json!({"name": "A"})));
    // The operation names its items; the tokens and page size come from the service.
    assert_eq!(
        shape(&model, "example.traits#ListItems").traits.paginated,
        Some(Paginated {
            input_token: Some("nextToken".into()),
            output_token: Some("nextToken".into()),
            items: Some("items".into()),
            page_size: Some("maxResults".into()),
            non_aggregate_keys: Vec::new(),
            more_results: None,
            unsupported_tokens: None,
            unsupported_items: None,
        })
    );
    assert_eq!(
        shape(&model, "example.traits#ListItems").traits.other["smithy.api#readonly"],
        json!({})
    );

    let ShapeKind::Enum(values) = &shape(&model, "example.traits#Mode").kind else {
        panic!("Mode is not an enum");
    };
    assert_eq!(values[0].value, "fast");
    assert_eq!(values[0].documentation.as_deref(), Some("Quick."));
    assert_eq!(
        values[1].deprecated,
        Some(Deprecated {
            message: Some("Too slow.".into()),
            since: None
        })
    );
    let ShapeKind::IntEnum(values) = &shape(&model, "example.traits#Priority").kind else {
        panic!("Priority is not an intEnum");
    };
    assert_eq!(values[0].documentation.as_deref(), Some("Later."));
}

#[test]
fn resources_fixture_binds_operations_through_resources() {
    let model = load("resources");
    insta::assert_snapshot!("resources", summary(&model));

    let operations: Vec<&str> = model.service.operations.iter().map(ShapeId::name).collect();
    assert_eq!(
        operations,
        [
            "CountTrees",
            "CreateTree",
            "DeleteTree",
            "GetBranch",
            "GetTree",
            "ListTrees",
            "Ping",
            "PruneBranch",
            "PutTree",
            "ShakeTree",
            "UpdateTree",
        ],
        "every lifecycle, instance and collection operation of both resources, and not \
         `Unreached`"
    );
    let io = |name: &str| {
        let ShapeKind::Operation(operation) = &shape(&model, name).kind else {
            panic!("{name} is not an operation");
        };
        (
            operation.input.as_ref().map(ToString::to_string),
            operation.output.as_ref().map(ToString::to_string),
        )
    };
    assert_eq!(io("example.resources#Ping"), (None, None));
    assert_eq!(
        io("example.resources#ListTrees"),
        (None, Some("example.resources#ListTreesOutput".into()))
    );
    assert_eq!(
        io("example.resources#CountTrees"),
        (None, Some("example.resources#CountTreesOutput".into()))
    );
    // Resources are not shapes of the IR.
    assert!(model.shape(&id("example.resources#Tree")).is_none());
    // `rename` gives the second `Leaf` another name, and its references follow.
    assert!(model.shape(&id("example.other#Leaf")).is_none());
    assert_eq!(
        shape(&model, "example.other#OtherLeaf").id,
        id("example.other#OtherLeaf")
    );
    assert_eq!(
        member(&model, "example.resources#BranchOutput$leaf").target,
        id("example.other#OtherLeaf")
    );
    assert_eq!(
        member(&model, "example.resources#TreeOutput$leaf").target,
        id("example.resources#Leaf")
    );
}

#[test]
fn mixins_fixture_applies_members_traits_and_apply() {
    let model = load("mixins");
    insta::assert_snapshot!("mixins", summary(&model));

    for mixin in ["Timestamps", "Owned", "IdMixin"] {
        assert!(
            model
                .shape(&id(&format!("example.mixins#{mixin}")))
                .is_none(),
            "the mixin {mixin} is a shape"
        );
    }
    let document = "example.mixins#Document";
    assert_eq!(
        member_names(&model, document),
        ["createdAt", "updatedAt", "owner", "id", "title"],
        "mixin members come first, in the mixins' order"
    );
    // A redeclared member keeps the mixin's traits and adds its own.
    let owner = &member(&model, &format!("{document}$owner")).traits;
    assert!(owner.required);
    assert_eq!(
        owner.documentation.as_deref(),
        Some("Who owns the document.")
    );
    // `apply` reaches a member the shape has from a mixin, and one of its own.
    let created = &member(&model, &format!("{document}$createdAt")).traits;
    assert!(created.required);
    assert_eq!(created.documentation.as_deref(), Some("When it was made."));
    assert_eq!(
        member(&model, &format!("{document}$title")).traits.length,
        Some(Length {
            min: None,
            max: Some(100)
        })
    );
    // Trait mixins: `audited` passes through `Owned`; the documentation of `Timestamps` is
    // overridden by `Owned`'s, which is local to `Owned`, so `Document` has none.
    let traits = &shape(&model, document).traits;
    assert_eq!(traits.other["example.mixins#audited"], json!({}));
    assert!(!traits.other.contains_key("smithy.api#mixin"));
    assert_eq!(traits.documentation, None);
    let id_traits = &shape(&model, "example.mixins#DocumentId").traits;
    assert_eq!(
        id_traits.length,
        Some(Length {
            min: Some(3),
            max: Some(12)
        })
    );
    assert_eq!(id_traits.pattern.as_deref(), Some("^[a-z0-9]+$"));
    assert_eq!(id_traits.documentation.as_deref(), Some("A document id."));
}

#[test]
fn v1_fixture_keeps_smithy_1_semantics() {
    let model = load("v1");
    insta::assert_snapshot!("v1", summary(&model));

    let input = "example.v1#PutInput";
    let default = |name: &str| {
        member(&model, &format!("{input}${name}"))
            .traits
            .default
            .clone()
    };
    assert_eq!(
        default("count"),
        number(0),
        "an unboxed integer defaults to 0"
    );
    assert_eq!(default("requiredCount"), number(0));
    assert!(
        member(&model, &format!("{input}$requiredCount"))
            .traits
            .required
    );
    assert_eq!(
        default("boxedMember"),
        None,
        "a boxed member has no default"
    );
    assert_eq!(default("boxedCount"), None, "a boxed target has no default");
    assert_eq!(default("flag"), Some(DefaultValue::Bool(false)));
    assert_eq!(default("ratio"), number(0));
    assert_eq!(default("primitive"), number(0));
    assert_eq!(default("primitiveBoolean"), Some(DefaultValue::Bool(false)));
    assert_eq!(default("preludeInteger"), None);
    assert_eq!(default("preludeBoolean"), None);
    assert_eq!(default("tags"), None);
    // `box` is read, not carried.
    assert!(
        member(&model, &format!("{input}$boxedMember"))
            .traits
            .other
            .is_empty()
    );
    // List members take no defaults.
    assert_eq!(
        member(&model, "example.v1#Counts$member").traits.default,
        None
    );
    // A set is a list with unique items.
    let tag_set = shape(&model, "example.v1#TagSet");
    assert_eq!(tag_set.kind.name(), "list");
    assert_eq!(tag_set.traits.other["smithy.api#uniqueItems"], json!({}));
    // The enum trait makes an enum, and is not carried besides.
    let color = shape(&model, "example.v1#Color");
    let ShapeKind::Enum(values) = &color.kind else {
        panic!("Color is not an enum");
    };
    let values: Vec<(&str, Option<&str>, bool)> = values
        .iter()
        .map(|v| {
            (
                v.value.as_str(),
                v.documentation.as_deref(),
                v.deprecated.is_some(),
            )
        })
        .collect();
    assert_eq!(
        values,
        [
            ("red", Some("The colour of fire."), false),
            ("green", None, true),
            ("blue", None, false)
        ]
    );
    assert!(color.traits.other.is_empty());
    assert_eq!(model.service.protocol, Protocol::AwsJson1_1);
    assert_eq!(model.service.sdk_id, "V1");
    assert_eq!(model.service.endpoint_prefix, "v1");
}

#[test]
fn the_summary_shows_unknown_traits_as_json() {
    let traits = Traits {
        other: [("a#b".to_owned(), Value::from(1))].into_iter().collect(),
        ..Traits::default()
    };
    assert_eq!(trait_lines(&traits, ""), "other a#b: 1\n");
}
