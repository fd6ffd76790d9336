//! The endpoint rule set compiled to Rust: a snapshot of the resolver and the tests generated
//! from a small rule set that uses every supported construct (`tests/fixtures/endpoint/`), and
//! the errors for rule sets the generator cannot compile.

use std::path::{Path, PathBuf};

use codegen::source::{ModelSource, SourceFile};

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("codegen sits one folder below the workspace root")
        .to_path_buf()
}

fn fixture_source() -> ModelSource {
    let root = workspace_root();
    let path = root.join("codegen/tests/fixtures/endpoint");
    codegen::source::read(&path, Some(&root))
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

#[test]
fn the_fixture_rule_set_compiles_to_nested_ifs() {
    let files = codegen::generate(&fixture_source(), &codegen::Options::default()).unwrap();
    insta::assert_snapshot!("endpoint_resolver", files["src/endpoint.rs"]);
    insta::assert_snapshot!("endpoint_tests", files["tests/endpoint_tests.rs"]);
}

#[test]
fn a_model_without_a_rule_set_gets_no_resolver_and_no_tests() {
    let mut source = fixture_source();
    source.endpoint_rule_set = None;
    let files = codegen::generate(&source, &codegen::Options::default()).unwrap();
    assert!(!files.contains_key("src/endpoint.rs"));
    assert!(!files.contains_key("tests/endpoint_tests.rs"));
}

/// The message `generate` fails with when the fixture's rule set is `rule_set`.
fn rule_set_error(rule_set: serde_json::Value) -> String {
    let mut source = fixture_source();
    source.endpoint_rule_set = Some(SourceFile {
        display: "endpoint-rule-set-1.json".into(),
        text: rule_set.to_string(),
    });
    source.endpoint_tests = None;
    match codegen::generate(&source, &codegen::Options::default()) {
        Ok(_) => panic!("the rule set compiled:\n{rule_set:#}"),
        Err(error) => error.to_string(),
    }
}

fn with_rules(rules: serde_json::Value) -> serde_json::Value {
    serde_json::json!({
        "version": "1.0",
        "parameters": {
            "Region": {"builtIn": "AWS::Region", "required": false, "type": "String"},
            "Bucket": {"required": false, "type": "String"}
        },
        "rules": rules
    })
}

#[test]
fn an_unsupported_function_is_named_with_its_place() {
    let error = rule_set_error(with_rules(serde_json::json!([
        {
            "conditions": [{"fn": "isSet", "argv": [{"ref": "Region"}]}],
            "rules": [{
                "conditions": [{"fn": "aws.isVirtualHostableS3Bucket", "argv": [{"ref": "Region"}, false]}],
                "endpoint": {"url": "https://example.com"},
                "type": "endpoint"
            }],
            "type": "tree"
        }
    ])));
    assert_eq!(
        error,
        "the endpoint rule set: `rules[0].rules[0].conditions[0].fn`: unsupported function `aws.isVirtualHostableS3Bucket`"
    );
}

#[test]
fn an_unsupported_parameter_type_is_named() {
    let error = rule_set_error(serde_json::json!({
        "version": "1.0",
        "parameters": {"Count": {"required": false, "type": "integer"}},
        "rules": []
    }));
    assert_eq!(
        error,
        "the endpoint rule set: `parameters.Count`: unsupported parameter type `integer`"
    );
}

#[test]
fn a_value_that_may_be_unset_must_be_guarded() {
    let error = rule_set_error(with_rules(serde_json::json!([
        {
            "conditions": [],
            "endpoint": {"url": "https://{Region}.example.com"},
            "type": "endpoint"
        }
    ])));
    assert_eq!(
        error,
        "the endpoint rule set: `rules[0].endpoint.url`: the template placeholder `{Region}` is not a string that is set here"
    );
}

#[test]
fn an_unknown_reference_is_named() {
    let error = rule_set_error(with_rules(serde_json::json!([
        {
            "conditions": [{"fn": "isSet", "argv": [{"ref": "Nope"}]}],
            "error": "x",
            "type": "error"
        }
    ])));
    assert_eq!(
        error,
        "the endpoint rule set: `rules[0].conditions[0].argv[0]`: `Nope` is neither a parameter nor assigned before"
    );
}

#[test]
fn an_unknown_rule_type_is_named() {
    let error = rule_set_error(with_rules(serde_json::json!([
        {"conditions": [], "type": "loop"}
    ])));
    assert_eq!(
        error,
        "the endpoint rule set: `rules[0].type`: unsupported rule type `loop`"
    );
}

/// `src/endpoint.rs` generated for the fixture with `rule_set` (and no endpoint tests).
fn resolver(rule_set: serde_json::Value) -> String {
    let mut source = fixture_source();
    source.endpoint_rule_set = Some(SourceFile {
        display: "endpoint-rule-set-1.json".into(),
        text: rule_set.to_string(),
    });
    source.endpoint_tests = None;
    let files = codegen::generate(&source, &codegen::Options::default())
        .unwrap_or_else(|e| panic!("the rule set did not compile: {e}\n{rule_set:#}"));
    files["src/endpoint.rs"].clone()
}

#[test]
fn a_required_parameter_without_default_is_set_inside_the_rules() {
    // As acm's and signer-data's rule sets do: `Region` is required, and used unguarded.
    let code = resolver(serde_json::json!({
        "version": "1.0",
        "parameters": {
            "Region": {"builtIn": "AWS::Region", "required": true, "type": "String"},
            "Endpoint": {"builtIn": "SDK::Endpoint", "required": true, "type": "String"}
        },
        "rules": [{
            "conditions": [{"fn": "aws.partition", "argv": [{"ref": "Region"}], "assign": "P"}],
            "endpoint": {"url": "https://x.{Region}.{P#dnsSuffix}"},
            "type": "endpoint"
        }]
    }));
    let code: String = code.split_whitespace().collect();
    // Resolution fails first, with botocore's message, when it is not given; the field stays
    // an `Option`.
    assert!(
        code.contains("letSome(region)=params.region.as_deref()else{returnErr(EndpointError::new(\"CannotfindvalueforrequiredparameterRegion\"),);};"),
        "{code}"
    );
    // A required parameter the rules never read is checked all the same.
    assert!(
        code.contains("ifparams.endpoint.as_deref().is_none(){returnErr(EndpointError::new(\"CannotfindvalueforrequiredparameterEndpoint\"),);}"),
        "{code}"
    );
    assert!(code.contains("pubregion:Option<String>"), "{code}");
}

#[test]
fn an_optional_parameter_given_to_a_function_must_still_be_guarded() {
    let error = rule_set_error(with_rules(serde_json::json!([
        {
            "conditions": [{"fn": "aws.partition", "argv": [{"ref": "Region"}], "assign": "P"}],
            "endpoint": {"url": "https://example.com"},
            "type": "endpoint"
        }
    ])));
    assert_eq!(
        error,
        "the endpoint rule set: `rules[0].conditions[0].argv[0]`: this value may be unset here; guard the rule with `isSet` or `assign` it first (found `region`)"
    );
}

#[test]
fn parse_arn_binds_the_arn_and_its_resource_id_elements_may_be_unset() {
    let code = resolver(with_rules(serde_json::json!([
        {
            "conditions": [
                {"fn": "isSet", "argv": [{"ref": "Bucket"}]},
                {"fn": "aws.parseArn", "argv": [{"ref": "Bucket"}], "assign": "Arn"},
                {"fn": "getAttr", "argv": [{"ref": "Arn"}, "resourceId[1]"], "assign": "Name"},
                {"fn": "stringEquals", "argv": [{"fn": "getAttr", "argv": [{"ref": "Arn"}, "service"]}, "s3"]},
                {"fn": "not", "argv": [{"fn": "stringEquals", "argv": [{"ref": "Name"}, ""]}]},
                {"fn": "stringEquals", "argv": ["", {"fn": "getAttr", "argv": [{"ref": "Arn"}, "region"]}]}
            ],
            "endpoint": {"url": "https://{Name}.{Arn#accountId}.{Arn#region}.{Arn#partition}.example.com"},
            "type": "endpoint"
        }
    ])));
    let code: String = code.split_whitespace().collect();
    assert!(
        code.contains("ifletSome(arn)=rules::parse_arn(bucket){"),
        "{code}"
    );
    assert!(
        code.contains("ifletSome(name)=arn.resource_id_at(1){"),
        "{code}"
    );
    // A comparison with `""` is `is_empty()`.
    assert!(
        code.contains("ifarn.service()==\"s3\"&&!name.is_empty()&&arn.region().is_empty(){"),
        "{code}"
    );
    assert!(
        code.contains("format!(\"https://{name}.{}.{}.{}.example.com\",arn.account_id(),arn.region(),arn.partition())"),
        "{code}"
    );
    // An element of `resourceId` may be unset, so a template cannot use it directly.
    let error = rule_set_error(with_rules(serde_json::json!([
        {
            "conditions": [
                {"fn": "isSet", "argv": [{"ref": "Bucket"}]},
                {"fn": "aws.parseArn", "argv": [{"ref": "Bucket"}], "assign": "Arn"}
            ],
            "endpoint": {"url": "https://{Arn#resourceId[0]}.example.com"},
            "type": "endpoint"
        }
    ])));
    assert_eq!(
        error,
        "the endpoint rule set: `rules[0].endpoint.url`: the template placeholder `{Arn#resourceId[0]}` is not a string that is set here"
    );
}

/// The fixture's files with `service` as its botocore model.
fn generate_with_model(
    service: serde_json::Value,
) -> Result<std::collections::BTreeMap<String, String>, String> {
    let mut source = fixture_source();
    source.main.text = service.to_string();
    codegen::generate(&source, &codegen::Options::default())
        .map(|files| files.into_iter().collect())
        .map_err(|e| e.to_string())
}

fn context_model(operation: serde_json::Value) -> serde_json::Value {
    serde_json::json!({
        "version": "2.0",
        "metadata": {"apiVersion": "2024-01-01", "endpointPrefix": "widgets", "jsonVersion": "1.1",
            "protocol": "json", "protocols": ["json"], "serviceFullName": "Endpoint Fixture",
            "serviceId": "Widgets", "signatureVersion": "v4", "targetPrefix": "WidgetsService"},
        "operations": {"Ping": operation},
        "shapes": {
            "PingInput": {"type": "structure", "required": ["Owner"], "members": {
                "Owner": {"shape": "Text", "contextParam": {"name": "Account"}},
                "Where": {"shape": "Place"},
                "Fast": {"shape": "Flag", "contextParam": {"name": "UseFIPS"}}
            }},
            "Place": {"type": "structure", "members": {"Stage": {"shape": "Text"}}},
            "Text": {"type": "string"},
            "Flag": {"type": "boolean"}
        }
    })
}

#[test]
fn operations_set_their_context_params_and_resolve_their_own_endpoint() {
    let files = generate_with_model(context_model(serde_json::json!({
        "name": "Ping", "http": {"method": "POST", "requestUri": "/"},
        "input": {"shape": "PingInput"},
        "staticContextParams": {"Secure": {"value": false}, "Unknown": {"value": "x"}},
        "operationContextParams": {"Stage": {"path": "Where.Stage"}}
    })))
    .unwrap();
    let ping: String = files["src/operation/ping.rs"].split_whitespace().collect();
    // Static values first, then input members (a required one always, an optional one when
    // set), then member paths; a parameter the rule set does not have is ignored.
    let expected = "fnendpoint_params(input:&PingInput,params:&mutcrate::endpoint::Params){\
        params.secure=false;\
        params.account=Some(input.owner.clone());\
        ifletSome(value)=input.fast.as_ref(){params.use_fips=*value;}\
        ifletSome(value)=input.r#where.as_ref().and_then(|v|v.stage.as_ref()){params.stage=value.to_owned();}\
        }";
    assert!(ping.contains(expected), "{ping}");
    assert!(
        ping.contains("endpoint_params:Some(endpoint_params),"),
        "{ping}"
    );
    assert!(!ping.contains("\"x\".to_owned()"), "{ping}");
    let client: String = files["src/client.rs"].split_whitespace().collect();
    assert!(
        client.contains("matchoperation.endpoint_params{"),
        "{client}"
    );
}

#[test]
fn a_required_parameter_only_an_operation_sets_is_not_an_error_unless_none_sets_it() {
    // `Account` made required with no default: the operation's member sets it.
    let mut source = fixture_source();
    let mut rule_set: serde_json::Value =
        serde_json::from_str(&source.endpoint_rule_set.as_ref().unwrap().text).unwrap();
    rule_set["parameters"]["Account"]["required"] = true.into();
    source.endpoint_rule_set.as_mut().unwrap().text = rule_set.to_string();
    source.endpoint_tests = None;
    let with_setter = context_model(serde_json::json!({
        "name": "Ping", "http": {"method": "POST", "requestUri": "/"}, "input": {"shape": "PingInput"}
    }));
    source.main.text = with_setter.to_string();
    assert!(codegen::generate(&source, &codegen::Options::default()).is_ok());
    let mut without = with_setter.clone();
    without["shapes"]["PingInput"]["members"]["Owner"]
        .as_object_mut()
        .unwrap()
        .remove("contextParam");
    source.main.text = without.to_string();
    let error = codegen::generate(&source, &codegen::Options::default())
        .unwrap_err()
        .to_string();
    assert_eq!(
        error,
        "endpoint rule set: parameter `Account` is required, has no default and no built-in value, and no operation sets it, so the client cannot set it"
    );
}

#[test]
fn an_operation_that_requires_endpoint_discovery_is_generated_without_its_client_call() {
    let mut source = fixture_source();
    let mut model = context_model(serde_json::json!({
        "name": "Ping", "http": {"method": "POST", "requestUri": "/"},
        "input": {"shape": "PingInput"},
        "endpointdiscovery": {"required": true}
    }));
    model["operations"]["DescribeEndpoints"] = serde_json::json!({
        "name": "DescribeEndpoints", "http": {"method": "POST", "requestUri": "/"},
        "endpointoperation": true
    });
    source.main.text = model.to_string();
    let generated = codegen::generate_with_summary(&source, &codegen::Options::default()).unwrap();
    let notes: Vec<String> = generated.notes.iter().map(ToString::to_string).collect();
    assert!(
        notes.iter().any(|n| n.starts_with("left out")
            && n.contains(
                "operation `Ping`: client call not generated: it requires endpoint discovery"
            )),
        "{notes:?}"
    );
    let ping = &generated.files["src/operation/ping.rs"];
    assert!(ping.contains("pub fn serialize_request("), "{ping}");
    assert!(!ping.contains("PingFluentBuilder"), "{ping}");
    assert!(
        ping.contains("//! The client has no call for this operation"),
        "{ping}"
    );
    let client = &generated.files["src/client.rs"];
    assert!(!client.contains("pub fn ping("), "{client}");
    assert!(client.contains("pub fn describe_endpoints("), "{client}");
}

/// The fixture with a rule set of `parameters` (added to the fixture's) and `rules`, the test
/// cases `cases`, and the botocore model `model` (the fixture's when `None`).
fn generate_with(
    parameters: serde_json::Value,
    rules: Option<serde_json::Value>,
    cases: Option<serde_json::Value>,
    model: Option<serde_json::Value>,
) -> Result<std::collections::BTreeMap<String, String>, String> {
    let mut source = fixture_source();
    let mut rule_set: serde_json::Value =
        serde_json::from_str(&source.endpoint_rule_set.as_ref().unwrap().text).unwrap();
    for (name, parameter) in parameters.as_object().unwrap() {
        rule_set["parameters"][name] = parameter.clone();
    }
    if let Some(rules) = rules {
        rule_set["rules"] = rules;
    }
    source.endpoint_rule_set.as_mut().unwrap().text = rule_set.to_string();
    match cases {
        Some(cases) => {
            source.endpoint_tests.as_mut().unwrap().text =
                serde_json::json!({"testCases": cases, "version": "1.0"}).to_string();
        }
        None => source.endpoint_tests = None,
    }
    if let Some(model) = model {
        source.main.text = model.to_string();
    }
    codegen::generate(&source, &codegen::Options::default())
        .map(|files| files.into_iter().collect())
        .map_err(|e| e.to_string())
}

#[test]
fn a_string_array_parameter_is_an_optional_vec_indexed_by_get_attr() {
    let parameters = serde_json::json!({
        "Arns": {"required": false, "type": "stringArray"},
        "Zones": {"required": true, "default": ["a", "b"], "type": "stringArray"}
    });
    let rules = serde_json::json!([
        {
            "conditions": [
                {"fn": "isSet", "argv": [{"ref": "Arns"}]},
                {"fn": "getAttr", "argv": [{"ref": "Arns"}, "[0]"], "assign": "First"},
                {"fn": "getAttr", "argv": [{"ref": "Zones"}, "[1]"], "assign": "Zone"}
            ],
            "endpoint": {"url": "https://{First}.{Zone}.example.com"},
            "type": "endpoint"
        },
        {"conditions": [], "error": "no ARN", "type": "error"}
    ]);
    let cases = serde_json::json!([
        {"documentation": "first ARN", "params": {"Arns": ["x", "y"]},
         "expect": {"endpoint": {"url": "https://x.b.example.com"}}},
        {"documentation": "no ARNs", "params": {"Arns": []}, "expect": {"error": "no ARN"}}
    ]);
    let files = generate_with(parameters.clone(), Some(rules.clone()), Some(cases), None).unwrap();
    let resolver: String = files["src/endpoint.rs"].split_whitespace().collect();
    for expected in [
        "pubarns:Option<Vec<String>>,",
        "pubzones:Vec<String>,",
        "zones:vec![\"a\".to_owned(),\"b\".to_owned()],",
        "letarns=params.arns.as_deref();",
        "letzones=params.zones.as_slice();",
        "ifletSome(first)=arns.first().map(String::as_str)",
        "ifletSome(zone)=zones.get(1).map(String::as_str)",
    ] {
        assert!(resolver.contains(expected), "{expected} in {resolver}");
    }
    let tests: String = files["tests/endpoint_tests.rs"]
        .split_whitespace()
        .collect();
    assert!(
        tests.contains("arns:Some(vec![\"x\".to_owned(),\"y\".to_owned()]),"),
        "{tests}"
    );
    assert!(tests.contains("arns:Some(vec![]),"), "{tests}");

    // Only `[N]` is an attribute of an array.
    let mut bad = rules;
    bad[0]["conditions"][1]["argv"][1] = "first".into();
    let error = generate_with(parameters, Some(bad), None, None).unwrap_err();
    assert_eq!(
        error,
        "the endpoint rule set: `rules[0].conditions[1].argv[1]`: unsupported `getAttr` path `first` on an array of strings: only `[N]`"
    );
}

fn tables_model(paths: serde_json::Value) -> serde_json::Value {
    serde_json::json!({
        "version": "2.0",
        "metadata": {"apiVersion": "2024-01-01", "endpointPrefix": "widgets", "jsonVersion": "1.1",
            "protocol": "json", "protocols": ["json"], "serviceFullName": "Endpoint Fixture",
            "serviceId": "Widgets", "signatureVersion": "v4", "targetPrefix": "WidgetsService"},
        "operations": {"Batch": {
            "name": "Batch", "http": {"method": "POST", "requestUri": "/"},
            "input": {"shape": "BatchInput"},
            "operationContextParams": paths
        }},
        "shapes": {
            "BatchInput": {"type": "structure", "required": ["Items"], "members": {
                "Requests": {"shape": "RequestMap"},
                "Items": {"shape": "ItemList"}
            }},
            "RequestMap": {"type": "map", "key": {"shape": "Text"}, "value": {"shape": "Text"}},
            "ItemList": {"type": "list", "member": {"shape": "Item"}},
            "Item": {"type": "structure", "members": {
                "Get": {"shape": "Target"}, "Put": {"shape": "Target"}
            }},
            "Target": {"type": "structure", "required": ["Table"], "members": {
                "Table": {"shape": "Text"}
            }},
            "Text": {"type": "string"}
        }
    })
}

#[test]
fn operation_context_paths_fill_a_string_array_from_map_keys_and_list_projections() {
    let parameters = serde_json::json!({
        "Keys": {"required": false, "type": "stringArray"},
        "Gets": {"required": false, "type": "stringArray"},
        "All": {"required": false, "type": "stringArray"}
    });
    let model = tables_model(serde_json::json!({
        "Keys": {"path": "keys(Requests)"},
        "Gets": {"path": "Items[*].Get.Table"},
        "All": {"path": "Items[*].[Get.Table, Put.Table][]"}
    }));
    let files = generate_with(parameters.clone(), None, None, Some(model)).unwrap();
    let batch: String = files["src/operation/batch.rs"].split_whitespace().collect();
    for expected in [
        // An unset map leaves the parameter unset; keys are sorted (maps keep no order).
        "ifletSome(map)=input.requests.as_ref(){letmutkeys:Vec<String>=map.keys().cloned().collect();keys.sort();params.keys=Some(keys);}",
        // A required list is always projected; unset members give nothing.
        "{letlist=&input.items;letvalues=list.iter().filter_map(|item|item.get.as_ref().map(|v|&v.table).cloned()).collect::<Vec<String>>();params.gets=Some(values);}",
        "list.iter().flat_map(|item|[item.get.as_ref().map(|v|&v.table).cloned(),item.put.as_ref().map(|v|&v.table).cloned(),]).flatten().collect::<Vec<String>>();params.all=Some(values);",
    ] {
        assert!(batch.contains(expected), "{expected} in {batch}");
    }

    // A path of another form, or into a value of another type, is an error naming it.
    for path in ["Items[0].Get.Table", "keys(Items)", "Items[*].Get"] {
        let model = tables_model(serde_json::json!({"Keys": {"path": path}}));
        let error = generate_with(parameters.clone(), None, None, Some(model)).unwrap_err();
        assert!(
            error.contains(&format!(
                "operation context parameter `Keys`: the path `{path}` is not one of the forms supported"
            )),
            "{error}"
        );
    }
}

#[test]
fn account_id_built_ins_resolve_the_endpoint_after_the_credentials() {
    let parameters = serde_json::json!({
        "AccountId": {"builtIn": "AWS::Auth::AccountId", "required": false, "type": "String"},
        "AccountIdEndpointMode": {
            "builtIn": "AWS::Auth::AccountIdEndpointMode", "required": false, "type": "String"
        }
    });
    let files = generate_with(parameters, None, None, None).unwrap();
    let client: String = files["src/client.rs"].split_whitespace().collect();
    for expected in [
        "account_id:Default::default(),",
        "account_id_endpoint_mode:Some(config.account_id_endpoint_mode().as_str().to_owned(),),",
        "ifletSome(account_id)=account_id{params.account_id=Some(account_id.to_owned());}",
        "letendpoint=CallEndpoint(Box::new(move|account_id:Option<&str>|{",
        "service_runtime::EndpointSource::ByAccountId(&*self.0)",
        "service_runtime::InvokeError::Endpoint(error)=>Error::Endpoint(error),",
    ] {
        assert!(client.contains(expected), "{expected} in {client}");
    }
    // Without the built-in, the endpoint is resolved before the call as before.
    let files = generate_with(serde_json::json!({}), None, None, None).unwrap();
    let client: String = files["src/client.rs"].split_whitespace().collect();
    assert!(!client.contains("ByAccountId"), "{client}");
    assert!(
        client.contains("matchoperation.endpoint_params{"),
        "{client}"
    );
}

#[test]
fn not_is_set_becomes_is_none() {
    // kinesis's rule set tests `not(isSet(Endpoint))`; `!x.is_some()` trips clippy.
    let code = resolver(with_rules(serde_json::json!([
        {
            "conditions": [{"fn": "not", "argv": [{"fn": "isSet", "argv": [{"ref": "Bucket"}]}]}],
            "endpoint": {"url": "https://no-bucket.example.com"},
            "type": "endpoint"
        },
        {
            "conditions": [],
            "endpoint": {"url": "https://example.com"},
            "type": "endpoint"
        }
    ])));
    let code: String = code.split_whitespace().collect();
    assert!(code.contains(".is_none()"), "{code}");
    assert!(!code.contains("!params.bucket"), "{code}");
    assert!(!code.contains(".is_some()"), "{code}");
}

#[test]
fn a_set_value_only_an_error_message_names_is_tested_not_bound() {
    // opensearchmemory's first rule: `isSet(Endpoint)` and FIPS give an error whose text says
    // "custom endpoint"; binding `endpoint` there would be an unused variable.
    let code = resolver(with_rules(serde_json::json!([
        {
            "conditions": [{"fn": "isSet", "argv": [{"ref": "Bucket"}]}],
            "error": "Invalid Configuration: a bucket and a custom endpoint are not supported",
            "type": "error"
        },
        {
            "conditions": [],
            "endpoint": {"url": "https://example.com"},
            "type": "endpoint"
        }
    ])));
    let code: String = code.split_whitespace().collect();
    assert!(code.contains("ifbucket.is_some()"), "{code}");
    assert!(!code.contains("ifletSome(bucket)"), "{code}");
}
