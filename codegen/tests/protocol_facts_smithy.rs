//! The protocol facts the Smithy loader reads, asserted on Smithy's AWS protocol test models
//! (`../shared/reference/smithy-aws-protocol-tests.json`, outside the repository: see the
//! README there), one service of the file at a time.

use codegen::model::{
    Binding, HostPrefixSegment, Http, Member, Model, Operation, Protocol, QueryLiteral, Shape,
    ShapeId, ShapeKind, TimestampFormat, UriPattern, UriSegment,
};
use codegen::source::{self, ModelSource};

const REST_JSON: &str = "aws.protocoltests.restjson#RestJson";
const JSON_PROTOCOL: &str = "aws.protocoltests.json#JsonProtocol";
const JSON_RPC_10: &str = "aws.protocoltests.json10#JsonRpc10";

fn source() -> ModelSource {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../shared/reference/smithy-aws-protocol-tests.json"
    );
    source::read(std::path::Path::new(path), None).unwrap_or_else(|e| panic!("{e}"))
}

fn load(service: &str) -> Model {
    codegen::load::load_service(&source(), Some(service)).unwrap_or_else(|e| panic!("{e}"))
}

fn id(text: &str) -> ShapeId {
    ShapeId::parse(text).unwrap()
}

fn shape<'m>(model: &'m Model, text: &str) -> &'m Shape {
    model
        .shape(&id(text))
        .unwrap_or_else(|| panic!("no shape {text}"))
}

fn operation<'m>(model: &'m Model, text: &str) -> &'m Operation {
    match &shape(model, text).kind {
        ShapeKind::Operation(operation) => operation,
        other => panic!("{text} is a {}", other.name()),
    }
}

fn member<'m>(model: &'m Model, text: &str) -> &'m Member {
    let (shape_id, name) = text.split_once('$').unwrap();
    shape(model, shape_id)
        .kind
        .members()
        .into_iter()
        .find(|m| m.name == name)
        .unwrap_or_else(|| panic!("no member {text}"))
}

/// The timestamp format of a member: its own, else its target's.
fn timestamp_format(model: &Model, text: &str) -> Option<TimestampFormat> {
    let member = member(model, text);
    member
        .traits
        .timestamp_format
        .or(model.shape(&member.target).unwrap().traits.timestamp_format)
}

fn label(name: &str, greedy: bool) -> Binding {
    Binding::Label {
        name: name.to_owned(),
        greedy,
    }
}

fn literal(text: &str) -> UriSegment {
    UriSegment::Literal(text.to_owned())
}

#[test]
fn a_file_with_several_services_needs_one_named() {
    let error = codegen::load::load(&source()).unwrap_err().to_string();
    assert!(error.contains("services"), "{error}");
    assert!(error.contains(REST_JSON), "{error}");
    let error = codegen::load::load_service(&source(), Some("aws.protocoltests.json#Nope"))
        .unwrap_err()
        .to_string();
    assert!(
        error.contains("defines no service `aws.protocoltests.json#Nope`"),
        "{error}"
    );
}

#[test]
fn only_the_named_services_shapes_are_loaded() {
    let model = load(JSON_PROTOCOL);
    assert_eq!(model.service.id, id(JSON_PROTOCOL));
    let namespaces: std::collections::BTreeSet<&str> =
        model.shapes.keys().map(ShapeId::namespace).collect();
    assert_eq!(
        namespaces.into_iter().collect::<Vec<_>>(),
        [
            "aws.protocoltests.json",
            "aws.protocoltests.shared",
            "smithy.api"
        ]
    );
}

#[test]
fn each_service_keeps_its_protocol_and_auth() {
    for (service, protocol) in [
        (REST_JSON, Protocol::RestJson1),
        (JSON_PROTOCOL, Protocol::AwsJson1_1),
        (JSON_RPC_10, Protocol::AwsJson1_0),
    ] {
        let model = load(service);
        assert_eq!(model.service.protocol, protocol, "{service}");
        assert_eq!(model.service.protocols, [protocol.trait_id()], "{service}");
        assert_eq!(model.service.auth, ["aws.auth#sigv4"], "{service}");
        assert!(!model.service.aws_query_compatible, "{service}");
    }
    let model = load("aws.protocoltests.json10#QueryCompatibleJsonRpc10");
    assert!(model.service.aws_query_compatible);
}

#[test]
fn rest_json_http_traits_give_method_uri_and_code() {
    let model = load(REST_JSON);
    assert_eq!(
        operation(&model, "aws.protocoltests.restjson#HttpPayloadTraits").http,
        Some(Http {
            method: "POST".into(),
            uri: UriPattern {
                raw: "/HttpPayloadTraits".into(),
                segments: vec![literal("HttpPayloadTraits")],
                query: Vec::new(),
            },
            code: 200,
        })
    );
    let http = operation(&model, "aws.protocoltests.restjson#ConstantQueryString")
        .http
        .clone()
        .unwrap();
    assert_eq!(http.method, "GET");
    assert_eq!(
        http.uri.segments,
        [
            literal("ConstantQueryString"),
            UriSegment::Label {
                name: "hello".into(),
                greedy: false
            }
        ]
    );
    assert_eq!(
        http.uri.query,
        [
            QueryLiteral {
                name: "foo".into(),
                value: Some("bar".into())
            },
            QueryLiteral {
                name: "hello".into(),
                value: None
            },
        ]
    );
}

#[test]
fn rest_json_headers_and_payloads() {
    let model = load(REST_JSON);
    assert_eq!(
        member(
            &model,
            "aws.protocoltests.restjson#HttpPayloadTraitsInputOutput$foo"
        )
        .binding,
        Some(Binding::Header("X-Foo".into()))
    );
    assert_eq!(
        member(
            &model,
            "aws.protocoltests.restjson#HttpPayloadTraitsInputOutput$blob"
        )
        .binding,
        Some(Binding::Payload)
    );
    assert_eq!(
        member(
            &model,
            "aws.protocoltests.restjson#HttpPayloadWithUnionInputOutput$nested"
        )
        .binding,
        Some(Binding::Payload)
    );
}

#[test]
fn rest_json_prefix_headers_query_params_and_response_codes() {
    let model = load(REST_JSON);
    assert_eq!(
        member(
            &model,
            "aws.protocoltests.restjson#HttpPrefixHeadersInput$fooMap"
        )
        .binding,
        Some(Binding::PrefixHeaders("x-foo-".into()))
    );
    assert_eq!(
        member(
            &model,
            "aws.protocoltests.restjson#QueryParamsAsStringListMapInput$qux"
        )
        .binding,
        Some(Binding::Query("corge".into()))
    );
    assert_eq!(
        member(
            &model,
            "aws.protocoltests.restjson#QueryParamsAsStringListMapInput$foo"
        )
        .binding,
        Some(Binding::QueryParams)
    );
    assert_eq!(
        member(
            &model,
            "aws.protocoltests.restjson#HttpResponseCodeOutput$Status"
        )
        .binding,
        Some(Binding::ResponseCode)
    );
}

#[test]
fn rest_json_greedy_labels_come_from_the_uri_pattern() {
    let model = load(REST_JSON);
    let http = operation(
        &model,
        "aws.protocoltests.restjson#HttpRequestWithGreedyLabelInPath",
    )
    .http
    .clone()
    .unwrap();
    assert_eq!(
        http.uri.raw,
        "/HttpRequestWithGreedyLabelInPath/foo/{foo}/baz/{baz+}"
    );
    assert_eq!(
        http.uri.segments.last(),
        Some(&UriSegment::Label {
            name: "baz".into(),
            greedy: true
        })
    );
    let input = "aws.protocoltests.restjson#HttpRequestWithGreedyLabelInPathInput";
    assert_eq!(
        member(&model, &format!("{input}$foo")).binding,
        Some(label("foo", false))
    );
    assert_eq!(
        member(&model, &format!("{input}$baz")).binding,
        Some(label("baz", true))
    );
}

#[test]
fn rest_json_timestamp_formats_on_headers_and_labels() {
    let model = load(REST_JSON);
    for io in [
        "aws.protocoltests.restjson#TimestampFormatHeadersIO",
        "aws.protocoltests.restjson#HttpRequestWithLabelsAndTimestampFormatInput",
    ] {
        for (name, format) in [
            ("memberEpochSeconds", Some(TimestampFormat::EpochSeconds)),
            ("memberHttpDate", Some(TimestampFormat::HttpDate)),
            ("memberDateTime", Some(TimestampFormat::DateTime)),
            ("defaultFormat", None),
            ("targetEpochSeconds", Some(TimestampFormat::EpochSeconds)),
            ("targetHttpDate", Some(TimestampFormat::HttpDate)),
            ("targetDateTime", Some(TimestampFormat::DateTime)),
        ] {
            assert_eq!(
                timestamp_format(&model, &format!("{io}${name}")),
                format,
                "{io}${name}"
            );
        }
    }
    // On the member itself, and on the target.
    let header = member(
        &model,
        "aws.protocoltests.restjson#TimestampFormatHeadersIO$memberHttpDate",
    );
    assert_eq!(
        header.traits.timestamp_format,
        Some(TimestampFormat::HttpDate)
    );
    assert_eq!(
        header.binding,
        Some(Binding::Header("X-memberHttpDate".into()))
    );
    let on_target = member(
        &model,
        "aws.protocoltests.restjson#TimestampFormatHeadersIO$targetHttpDate",
    );
    assert_eq!(on_target.traits.timestamp_format, None);
    assert_eq!(
        member(
            &model,
            "aws.protocoltests.restjson#HttpRequestWithLabelsAndTimestampFormatInput$memberHttpDate"
        )
        .binding,
        Some(label("memberHttpDate", false))
    );
}

#[test]
fn rest_json_json_names_streams_and_media_types() {
    let model = load(REST_JSON);
    let double = member(
        &model,
        "aws.protocoltests.restjson#SimpleScalarPropertiesInputOutput$doubleValue",
    );
    assert_eq!(double.traits.json_name.as_deref(), Some("DoubleDribble"));
    assert_eq!(double.traits.aws_json_name, None);
    assert_eq!(double.binding, None);

    let blob = shape(&model, "aws.protocoltests.restjson#StreamingBlob");
    assert!(blob.traits.streaming);
    assert!(!blob.traits.event_stream);
    let finite = shape(&model, "aws.protocoltests.restjson#FiniteStreamingBlob");
    assert!(finite.traits.streaming && finite.traits.requires_length);
    let events = shape(&model, "aws.protocoltests.restjson#EventStream");
    assert!(matches!(events.kind, ShapeKind::Union(_)));
    assert!(events.traits.streaming && events.traits.event_stream);
    assert!(
        member(&model, "aws.protocoltests.restjson#HeadersEvent$intHeader")
            .traits
            .event_header
    );
    assert!(
        member(
            &model,
            "aws.protocoltests.restjson#BlobPayloadEvent$payload"
        )
        .traits
        .event_payload
    );
    assert_eq!(
        shape(&model, "aws.protocoltests.restjson#JsonValue")
            .traits
            .media_type
            .as_deref(),
        Some("application/json")
    );
    assert!(
        shape(&model, "aws.protocoltests.restjson#SparseBooleanMap")
            .traits
            .sparse
    );
}

#[test]
fn host_prefixes_and_host_labels_in_every_json_protocol() {
    for (service, namespace, input) in [
        (REST_JSON, "aws.protocoltests.restjson", "HostLabelInput"),
        (JSON_PROTOCOL, "aws.protocoltests.json", "HostLabelInput"),
        (
            JSON_RPC_10,
            "aws.protocoltests.json10",
            "EndpointWithHostLabelOperationInput",
        ),
    ] {
        let model = load(service);
        let with_label = operation(
            &model,
            &format!("{namespace}#EndpointWithHostLabelOperation"),
        );
        let prefix = with_label.host_prefix.as_ref().unwrap();
        assert_eq!(prefix.raw, "foo.{label}.", "{service}");
        assert_eq!(
            prefix.segments,
            [
                HostPrefixSegment::Literal("foo.".into()),
                HostPrefixSegment::Label("label".into()),
                HostPrefixSegment::Literal(".".into()),
            ],
            "{service}"
        );
        let label = member(&model, &format!("{namespace}#{input}$label"));
        assert!(label.traits.host_label, "{service}");
        assert_eq!(label.binding, None, "{service}");
        let plain = operation(&model, &format!("{namespace}#EndpointOperation"));
        assert_eq!(
            plain.host_prefix.as_ref().map(|p| p.raw.as_str()),
            Some("foo."),
            "{service}"
        );
    }
}

#[test]
fn aws_json_operations_have_no_http_trait_and_keep_their_binding_traits() {
    let model = load(JSON_PROTOCOL);
    let put = operation(&model, "aws.protocoltests.json#PutWithContentEncoding");
    assert_eq!(put.http, None);
    // awsJson ignores HTTP bindings; the IR keeps them for the protocol layer to decide.
    assert_eq!(
        member(
            &model,
            "aws.protocoltests.json#PutWithContentEncodingInput$encoding"
        )
        .binding,
        Some(Binding::Header("Content-Encoding".into()))
    );
}

#[test]
fn request_compression_in_every_json_protocol() {
    for (service, namespace) in [
        (REST_JSON, "aws.protocoltests.restjson"),
        (JSON_PROTOCOL, "aws.protocoltests.json"),
        (JSON_RPC_10, "aws.protocoltests.json10"),
    ] {
        let model = load(service);
        let put = operation(&model, &format!("{namespace}#PutWithContentEncoding"));
        assert_eq!(
            put.request_compression
                .as_ref()
                .map(|c| c.encodings.clone()),
            Some(vec!["gzip".to_owned()]),
            "{service}"
        );
    }
}

#[test]
fn aws_json_json_names_stay_smithy_json_names() {
    // Smithy's awsJson protocols ignore `jsonName`: the IR keeps it as `json_name`, apart from
    // botocore's `locationName`, which botocore's awsJson serializer honours.
    for (service, text) in [
        (
            JSON_PROTOCOL,
            "aws.protocoltests.json#StructWithJsonName$Value",
        ),
        (
            JSON_RPC_10,
            "aws.protocoltests.json10#ComplexNestedErrorData$Foo",
        ),
    ] {
        let model = load(service);
        let renamed = member(&model, text);
        assert!(renamed.traits.json_name.is_some(), "{text}");
        assert_eq!(renamed.traits.aws_json_name, None, "{text}");
    }
    let model = load(JSON_PROTOCOL);
    assert_eq!(
        member(&model, "aws.protocoltests.json#StructWithJsonName$Value")
            .traits
            .json_name
            .as_deref(),
        Some("RenamedMember")
    );
}

#[test]
fn aws_json_documents_sparse_collections_and_timestamps() {
    let model = load(JSON_PROTOCOL);
    assert_eq!(
        shape(&model, "aws.protocoltests.json#Document").kind,
        ShapeKind::Document
    );
    for sparse in [
        "aws.protocoltests.shared#SparseStringList",
        "aws.protocoltests.shared#SparseStringMap",
    ] {
        assert!(shape(&model, sparse).traits.sparse, "{sparse}");
    }
    assert_eq!(
        shape(&model, "aws.protocoltests.json#JsonValue")
            .traits
            .media_type
            .as_deref(),
        Some("application/json")
    );
    for (name, format) in [
        ("HttpdateTimestamp", Some(TimestampFormat::HttpDate)),
        ("Iso8601Timestamp", Some(TimestampFormat::DateTime)),
        ("UnixTimestamp", Some(TimestampFormat::EpochSeconds)),
        ("Timestamp", None),
    ] {
        assert_eq!(
            timestamp_format(
                &model,
                &format!("aws.protocoltests.json#KitchenSink${name}")
            ),
            format,
            "{name}"
        );
    }
}
