//! The protocol facts the botocore loader reads, asserted on the models botocore's own protocol
//! test suites describe (`tests/data/botocore-protocols/`, vendored by `cargo xtask
//! update-models`; see the PROVENANCE.toml there), turned into service models by
//! `codegen::load::botocore_suite` and loaded through the botocore loader.

use codegen::load::botocore_suite::{SuiteCaseKind, SuiteModel, suite_to_models};
use codegen::model::{
    AwsQueryError, Binding, HostPrefixSegment, Http, Member, Model, Operation, Protocol,
    QueryLiteral, ShapeId, ShapeKind, TimestampFormat, UriPattern, UriSegment,
};

/// The suite files, by path below `tests/data/botocore-protocols/` without `.json`.
const SUITES: &[&str] = &[
    "input/json",
    "input/json_1_0",
    "input/json_1_0-query-compatible",
    "input/rest-json",
    "output/json",
    "output/json_1_0",
    "output/json_1_0-query-compatible",
    "output/rest-json",
];

fn suite(name: &str) -> Vec<SuiteModel> {
    let path = format!(
        "{}/tests/data/botocore-protocols/{name}.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {path}: {e}"));
    let json = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"));
    suite_to_models(&json, name).unwrap_or_else(|e| panic!("{e}"))
}

/// The model, loaded by the botocore loader, of the suite entry that defines `operation`.
fn model_with(suite_name: &str, operation: &str) -> Model {
    let models = suite(suite_name);
    let found = models
        .iter()
        .find(|m| m.model["operations"].get(operation).is_some())
        .unwrap_or_else(|| panic!("{suite_name} has no operation {operation}"));
    codegen::load::load(&found.source()).unwrap_or_else(|e| panic!("{e}"))
}

fn operation<'m>(model: &'m Model, name: &str) -> &'m Operation {
    model
        .operations()
        .find(|(id, _)| id.name() == name)
        .map(|(_, operation)| operation)
        .unwrap_or_else(|| panic!("no operation {name}"))
}

fn shape_id(model: &Model, name: &str) -> ShapeId {
    ShapeId::new(model.service.id.namespace(), name)
}

fn member<'m>(model: &'m Model, shape: &str, name: &str) -> &'m Member {
    model
        .shape(&shape_id(model, shape))
        .unwrap_or_else(|| panic!("no shape {shape}"))
        .kind
        .members()
        .into_iter()
        .find(|m| m.name == name)
        .unwrap_or_else(|| panic!("no member {shape}${name}"))
}

/// The timestamp format of a member: its own, else its target's.
fn timestamp_format(model: &Model, shape: &str, name: &str) -> Option<TimestampFormat> {
    let member = member(model, shape, name);
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

#[test]
fn every_model_of_the_json_protocol_suites_loads() {
    let mut cases = 0;
    for name in SUITES {
        for model in suite(name) {
            let loaded = codegen::load::load(&model.source())
                .unwrap_or_else(|e| panic!("{} ({}): {e}", model.display, model.description));
            for case in &model.cases {
                assert!(
                    loaded
                        .operations()
                        .any(|(id, _)| id.name() == case.operation),
                    "{}: case {} calls {}, which the model lacks",
                    model.display,
                    case.index,
                    case.operation
                );
                cases += 1;
            }
        }
    }
    // 54 + 21 + 1 + 113 request cases, 58 + 32 + 2 + 91 response cases.
    assert_eq!(cases, 372);
}

#[test]
fn request_and_response_cases_keep_their_expectations() {
    let models = suite("input/rest-json");
    let case = models
        .iter()
        .flat_map(|m| &m.cases)
        .find(|c| c.id.as_deref() == Some("RestJsonHttpPayloadTraitsWithBlob"))
        .unwrap();
    let SuiteCaseKind::Request { params, serialized } = &case.kind else {
        panic!("not a request case");
    };
    assert_eq!(params["foo"], "Foo");
    assert_eq!(serialized["headers"]["X-Foo"], "Foo");
    assert_eq!(serialized["uri"], "/HttpPayloadTraits");

    let models = suite("output/rest-json");
    let case = models
        .iter()
        .flat_map(|m| &m.cases)
        .find(|c| c.operation == "HttpResponseCode")
        .unwrap();
    let SuiteCaseKind::Response {
        response, result, ..
    } = &case.kind
    else {
        panic!("not a response case");
    };
    assert_eq!(response["status_code"], 201);
    assert_eq!(result.as_ref().unwrap()["Status"], 201);
}

#[test]
fn rest_json_operations_carry_method_uri_and_code() {
    let model = model_with("input/rest-json", "HttpPayloadTraits");
    assert_eq!(model.service.protocol, Protocol::RestJson1);
    assert_eq!(model.service.protocols, ["aws.protocols#restJson1"]);
    assert_eq!(
        operation(&model, "HttpPayloadTraits").http,
        Some(Http {
            method: "POST".into(),
            uri: UriPattern {
                raw: "/HttpPayloadTraits".into(),
                segments: vec![UriSegment::Literal("HttpPayloadTraits".into())],
                query: Vec::new(),
            },
            code: 200,
        })
    );
}

#[test]
fn rest_json_headers_and_payloads() {
    let model = model_with("input/rest-json", "HttpPayloadTraits");
    let shape = "HttpPayloadTraitsInputOutput";
    assert_eq!(
        member(&model, shape, "foo").binding,
        Some(Binding::Header("X-Foo".into()))
    );
    assert_eq!(
        member(&model, shape, "blob").binding,
        Some(Binding::Payload)
    );

    let model = model_with("input/rest-json", "HttpPayloadWithStructure");
    assert_eq!(
        member(&model, "HttpPayloadWithStructureInputOutput", "nested").binding,
        Some(Binding::Payload)
    );
}

#[test]
fn rest_json_prefix_headers() {
    let model = model_with("input/rest-json", "HttpPrefixHeaders");
    assert_eq!(
        member(&model, "HttpPrefixHeadersInput", "foo").binding,
        Some(Binding::Header("x-foo".into()))
    );
    assert_eq!(
        member(&model, "HttpPrefixHeadersInput", "fooMap").binding,
        Some(Binding::PrefixHeaders("x-foo-".into()))
    );
    let model = model_with("output/rest-json", "HttpPrefixHeadersInResponse");
    assert_eq!(
        member(&model, "HttpPrefixHeadersInResponseOutput", "prefixHeaders").binding,
        Some(Binding::PrefixHeaders(String::new()))
    );
}

#[test]
fn rest_json_query_strings_and_query_params_maps() {
    let model = model_with("input/rest-json", "QueryParamsAsStringListMap");
    let shape = "QueryParamsAsStringListMapInput";
    assert_eq!(
        member(&model, shape, "qux").binding,
        Some(Binding::Query("corge".into()))
    );
    assert_eq!(
        member(&model, shape, "foo").binding,
        Some(Binding::QueryParams)
    );

    let model = model_with("input/rest-json", "AllQueryStringTypes");
    let shape = "AllQueryStringTypesInput";
    assert_eq!(
        member(&model, shape, "queryTimestamp").binding,
        Some(Binding::Query("Timestamp".into()))
    );
    assert_eq!(
        member(&model, shape, "queryParamsMapOfStringList").binding,
        Some(Binding::QueryParams)
    );
}

#[test]
fn rest_json_labels_and_greedy_labels() {
    let model = model_with("input/rest-json", "HttpRequestWithGreedyLabelInPath");
    let http = operation(&model, "HttpRequestWithGreedyLabelInPath")
        .http
        .as_ref()
        .unwrap();
    assert_eq!(
        http.uri.raw,
        "/HttpRequestWithGreedyLabelInPath/foo/{foo}/baz/{baz+}"
    );
    assert_eq!(
        http.uri.segments,
        [
            UriSegment::Literal("HttpRequestWithGreedyLabelInPath".into()),
            UriSegment::Literal("foo".into()),
            UriSegment::Label {
                name: "foo".into(),
                greedy: false
            },
            UriSegment::Literal("baz".into()),
            UriSegment::Label {
                name: "baz".into(),
                greedy: true
            },
        ]
    );
    assert_eq!(http.method, "GET");
    let shape = "HttpRequestWithGreedyLabelInPathInput";
    assert_eq!(
        member(&model, shape, "foo").binding,
        Some(label("foo", false))
    );
    assert_eq!(
        member(&model, shape, "baz").binding,
        Some(label("baz", true))
    );
}

#[test]
fn rest_json_response_codes() {
    let model = model_with("output/rest-json", "HttpResponseCode");
    assert_eq!(
        member(&model, "HttpResponseCodeOutput", "Status").binding,
        Some(Binding::ResponseCode)
    );
}

#[test]
fn rest_json_body_members_have_no_binding_and_keep_their_json_name() {
    let model = model_with("input/rest-json", "SimpleScalarProperties");
    let shape = "SimpleScalarPropertiesInputOutput";
    let double = member(&model, shape, "doubleValue");
    assert_eq!(double.binding, None);
    assert_eq!(double.traits.json_name.as_deref(), Some("DoubleDribble"));
    assert_eq!(double.traits.aws_json_name, None);
    assert_eq!(member(&model, shape, "stringValue").binding, None);
    assert_eq!(member(&model, shape, "stringValue").traits.json_name, None);
}

#[test]
fn rest_json_host_prefixes() {
    let model = model_with("input/rest-json", "EndpointWithHostLabelOperation");
    let prefix = operation(&model, "EndpointWithHostLabelOperation")
        .host_prefix
        .as_ref()
        .unwrap();
    assert_eq!(prefix.raw, "foo.{label}.");
    assert_eq!(
        prefix.segments,
        [
            HostPrefixSegment::Literal("foo.".into()),
            HostPrefixSegment::Label("label".into()),
            HostPrefixSegment::Literal(".".into()),
        ]
    );
    let label = member(&model, "HostLabelInput", "label");
    assert!(label.traits.host_label);
    assert_eq!(label.binding, None, "a host label is also sent in the body");

    let model = model_with("input/rest-json", "EndpointOperation");
    let prefix = operation(&model, "EndpointOperation")
        .host_prefix
        .as_ref()
        .unwrap();
    assert_eq!(prefix.segments, [HostPrefixSegment::Literal("foo.".into())]);
}

#[test]
fn rest_json_timestamp_formats_on_headers_labels_and_bodies() {
    let model = model_with("input/rest-json", "TimestampFormatHeaders");
    let shape = "TimestampFormatHeadersIO";
    for (name, format) in [
        ("memberEpochSeconds", Some(TimestampFormat::EpochSeconds)),
        ("memberHttpDate", Some(TimestampFormat::HttpDate)),
        ("memberDateTime", Some(TimestampFormat::DateTime)),
        ("defaultFormat", None),
        ("targetEpochSeconds", Some(TimestampFormat::EpochSeconds)),
        ("targetHttpDate", Some(TimestampFormat::HttpDate)),
        ("targetDateTime", Some(TimestampFormat::DateTime)),
    ] {
        assert_eq!(timestamp_format(&model, shape, name), format, "{name}");
    }
    assert_eq!(
        member(&model, shape, "memberHttpDate").binding,
        Some(Binding::Header("X-memberHttpDate".into()))
    );

    let model = model_with("input/rest-json", "HttpRequestWithLabelsAndTimestampFormat");
    let shape = "HttpRequestWithLabelsAndTimestampFormatInput";
    assert_eq!(
        member(&model, shape, "memberHttpDate").binding,
        Some(label("memberHttpDate", false))
    );
    assert_eq!(
        timestamp_format(&model, shape, "memberHttpDate"),
        Some(TimestampFormat::HttpDate)
    );
    assert_eq!(timestamp_format(&model, shape, "defaultFormat"), None);

    let model = model_with("output/rest-json", "JsonTimestamps");
    let shape = "JsonTimestampsInputOutput";
    assert_eq!(
        timestamp_format(&model, shape, "epochSecondsOnTarget"),
        Some(TimestampFormat::EpochSeconds)
    );
    assert_eq!(timestamp_format(&model, shape, "normal"), None);
}

#[test]
fn rest_json_request_compression_checksums_and_documents() {
    let model = model_with("input/rest-json", "PutWithContentEncoding");
    let compression = operation(&model, "PutWithContentEncoding")
        .request_compression
        .as_ref()
        .unwrap();
    assert_eq!(compression.encodings, ["gzip"]);
    assert_eq!(
        member(&model, "PutWithContentEncodingInput", "encoding").binding,
        Some(Binding::Header("Content-Encoding".into()))
    );

    let model = model_with("input/rest-json", "HttpChecksumRequired");
    assert!(operation(&model, "HttpChecksumRequired").http_checksum_required);

    let model = model_with("input/rest-json", "DocumentType");
    let document = member(&model, "DocumentTypeInputOutput", "documentValue");
    assert_eq!(
        model.shape(&document.target).unwrap().kind,
        ShapeKind::Document
    );
}

#[test]
fn aws_json_suites_choose_the_json_version_and_read_host_prefixes() {
    let model = model_with("input/json", "EndpointWithHostLabelOperation");
    assert_eq!(model.service.protocol, Protocol::AwsJson1_1);
    let endpoint = operation(&model, "EndpointWithHostLabelOperation");
    assert_eq!(endpoint.host_prefix.as_ref().unwrap().raw, "foo.{label}.");
    assert_eq!(
        endpoint.http,
        Some(Http {
            method: "POST".into(),
            uri: UriPattern {
                raw: "/".into(),
                segments: Vec::new(),
                query: Vec::<QueryLiteral>::new(),
            },
            code: 200,
        })
    );
    assert!(member(&model, "HostLabelInput", "label").traits.host_label);

    let model = model_with("input/json_1_0", "PutWithContentEncoding");
    assert_eq!(model.service.protocol, Protocol::AwsJson1_0);
    assert_eq!(
        operation(&model, "PutWithContentEncoding")
            .request_compression
            .as_ref()
            .map(|c| c.encodings.clone()),
        Some(vec!["gzip".to_owned()])
    );
}

#[test]
fn query_compatible_suites_carry_the_flag_and_the_error_codes() {
    let models = suite("output/json_1_0-query-compatible");
    let loaded: Vec<Model> = models
        .iter()
        .map(|m| codegen::load::load(&m.source()).unwrap())
        .collect();
    for model in &loaded {
        assert!(model.service.aws_query_compatible);
        assert_eq!(model.service.auth, ["aws.auth#sigv4"]);
    }
    let error = |name: &str| {
        loaded
            .iter()
            .find_map(|m| m.shape(&shape_id(m, name)))
            .unwrap_or_else(|| panic!("no {name}"))
    };
    assert_eq!(
        error("CustomCodeError").traits.aws_query_error,
        Some(AwsQueryError {
            code: "Customized".into(),
            http_response_code: Some(402),
        })
    );
    assert_eq!(error("NoCustomCodeError").traits.aws_query_error, None);
}
