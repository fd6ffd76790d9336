//! botocore's protocol test suites (`tests/unit/protocols/{input,output}/<protocol>.json` in its
//! source distribution) → botocore service models the botocore loader reads, with the cases
//! each model serves.
//!
//! A suite file is a list of entries, each `{description, metadata, shapes, clientEndpoint?,
//! cases}`; each case names its operation in `given` (an operation as `service-2.json` writes
//! it) and holds either a request case (`params`, `serialized`) or a response case
//! (`response`, and `result` or `error`/`errorCode`/`errorMessage`). botocore's own runner
//! builds one model per case (`tests/unit/test_protocols.py`); [`suite_to_models`] builds one
//! per entry, or more when two cases of an entry define the same operation differently.

use serde_json::{Map, Value};

use super::json::Place;
use crate::error::{Error, Result};
use crate::source::ModelSource;

/// A botocore service model made from one suite entry, and the cases it serves.
#[derive(Debug, Clone, PartialEq)]
pub struct SuiteModel {
    /// The entry's index in the suite file.
    pub entry: usize,
    /// The entry's `description`.
    pub description: String,
    /// The name the model is shown under in messages, e.g. `input/rest-json.json[3]`, with a
    /// `/1`, `/2`, … suffix for the second and later models of one entry.
    pub display: String,
    /// The model in `service-2.json` form: `metadata`, `operations`, `shapes`.
    pub model: Value,
    /// The entry's `clientEndpoint`: the endpoint the request cases' client uses.
    pub client_endpoint: Option<String>,
    /// The cases, in suite order.
    pub cases: Vec<SuiteCase>,
}

impl SuiteModel {
    /// The model as a source the loaders read.
    pub fn source(&self) -> ModelSource {
        ModelSource::from_text(&self.display, self.model.to_string())
    }
}

/// One case of a suite entry.
#[derive(Debug, Clone, PartialEq)]
pub struct SuiteCase {
    /// The case's index in its entry's `cases`.
    pub index: usize,
    /// The case's `id`, when it has one.
    pub id: Option<String>,
    /// The case's `description`, else the entry's.
    pub description: String,
    /// The operation the case calls (`given.name`).
    pub operation: String,
    /// What the case checks.
    pub kind: SuiteCaseKind,
}

/// What a case checks.
#[derive(Debug, Clone, PartialEq)]
pub enum SuiteCaseKind {
    /// Serializing `params` gives the request `serialized` (`method`, `uri`, `headers`, `body`,
    /// `host`, `forbidHeaders`, `requireHeaders`).
    Request {
        /// The input, with member names as keys.
        params: Value,
        /// The expected request.
        serialized: Value,
    },
    /// Parsing `response` (`status_code`, `headers`, `body`) gives `result`, or the error.
    Response {
        /// The HTTP response.
        response: Value,
        /// The expected output, when the response is a success.
        result: Option<Value>,
        /// The expected error's members, when it is an error (`error`).
        error: Option<Value>,
        /// The expected error code (`errorCode`).
        error_code: Option<String>,
        /// The expected error message (`errorMessage`).
        error_message: Option<String>,
    },
}

/// Turns one suite file (its parsed JSON) into service models, each with the cases it serves.
///
/// `protocol_name` is the file's name without `.json`, optionally with its folder
/// (`input/rest-json`, `json_1_0`); it names the models in messages and, when an entry's
/// metadata has no `serviceId` (or `targetPrefix`), gives the service its name (`RestJson`).
/// The entry's metadata is kept; the loader's required keys it lacks are filled in:
/// `serviceId`, `endpointPrefix` and `apiVersion`.
pub fn suite_to_models(suite_json: &Value, protocol_name: &str) -> Result<Vec<SuiteModel>> {
    let file = format!("{protocol_name}.json");
    let place = Place::file(&file);
    let entries = place.array(suite_json, "the suite")?;
    let service_name = camel_case(protocol_name.rsplit('/').next().unwrap_or(protocol_name));
    let mut models = Vec::new();
    for (entry_index, entry) in entries.iter().enumerate() {
        let what = format!("entry {entry_index}");
        let entry = place.object(entry, &what)?;
        let description = place
            .optional_string(entry, "description")?
            .unwrap_or_default()
            .to_owned();
        let mut metadata = place
            .object(
                place.required(entry, "metadata")?,
                &format!("{what}.metadata"),
            )?
            .clone();
        let name = metadata
            .get("serviceId")
            .or(metadata.get("targetPrefix"))
            .and_then(Value::as_str)
            .map_or_else(|| service_name.clone(), str::to_owned);
        metadata
            .entry("serviceId")
            .or_insert_with(|| Value::from(name.clone()));
        metadata
            .entry("endpointPrefix")
            .or_insert_with(|| Value::from(name.to_lowercase()));
        metadata
            .entry("apiVersion")
            .or_insert_with(|| Value::from("2000-01-01"));
        let shapes = match entry.get("shapes") {
            Some(shapes) => place.object(shapes, &format!("{what}.shapes"))?.clone(),
            None => Map::new(),
        };
        let client_endpoint = place
            .optional_string(entry, "clientEndpoint")?
            .map(str::to_owned);

        // Each model: its operations by name, and its cases.
        let mut groups: Vec<(Map<String, Value>, Vec<SuiteCase>)> = Vec::new();
        let cases = place.array(place.required(entry, "cases")?, &format!("{what}.cases"))?;
        for (case_index, case) in cases.iter().enumerate() {
            let what = format!("{what}.cases[{case_index}]");
            let case = place.object(case, &what)?;
            let given = place.object(place.required(case, "given")?, &format!("{what}.given"))?;
            let operation = place
                .string(
                    place.required(given, "name")?,
                    &format!("{what}.given.name"),
                )?
                .to_owned();
            let suite_case = SuiteCase {
                index: case_index,
                id: place.optional_string(case, "id")?.map(str::to_owned),
                description: place
                    .optional_string(case, "description")?
                    .map_or_else(|| description.clone(), str::to_owned),
                operation: operation.clone(),
                kind: case_kind(place, case, &what)?,
            };
            let given = Value::Object(given.clone());
            let fits = |operations: &Map<String, Value>| {
                operations
                    .get(&operation)
                    .is_none_or(|known| *known == given)
            };
            match groups.iter_mut().find(|(operations, _)| fits(operations)) {
                Some((operations, cases)) => {
                    operations.insert(operation, given);
                    cases.push(suite_case);
                }
                None => {
                    let mut operations = Map::new();
                    operations.insert(operation, given);
                    groups.push((operations, vec![suite_case]));
                }
            }
        }
        for (group_index, (operations, cases)) in groups.into_iter().enumerate() {
            let mut model = Map::new();
            model.insert("metadata".into(), Value::Object(metadata.clone()));
            model.insert("operations".into(), Value::Object(operations));
            model.insert("shapes".into(), Value::Object(shapes.clone()));
            let display = match group_index {
                0 => format!("{file}[{entry_index}]"),
                n => format!("{file}[{entry_index}]/{n}"),
            };
            models.push(SuiteModel {
                entry: entry_index,
                description: description.clone(),
                display,
                model: Value::Object(model),
                client_endpoint: client_endpoint.clone(),
                cases,
            });
        }
    }
    Ok(models)
}

/// A case's expectations: a request case has `params`, a response case `response`.
fn case_kind(place: Place<'_>, case: &Map<String, Value>, what: &str) -> Result<SuiteCaseKind> {
    let text = |key: &str| {
        place
            .optional_string(case, key)
            .map(|v| v.map(str::to_owned))
    };
    match (case.get("params"), case.get("response")) {
        (Some(params), None) => Ok(SuiteCaseKind::Request {
            params: params.clone(),
            serialized: place.required(case, "serialized")?.clone(),
        }),
        (None, Some(response)) => Ok(SuiteCaseKind::Response {
            response: response.clone(),
            result: case.get("result").cloned(),
            error: case.get("error").cloned(),
            error_code: text("errorCode")?,
            error_message: text("errorMessage")?,
        }),
        _ => Err(Error::model(
            place.file,
            format!("{what}: a case has either `params` (a request case) or `response`"),
        )),
    }
}

/// `rest-json` → `RestJson`, `json_1_0-query-compatible` → `Json10QueryCompatible`.
fn camel_case(name: &str) -> String {
    name.split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|part| !part.is_empty())
        .map(|part| {
            let mut chars = part.chars();
            let first = chars.next().map(|c| c.to_ascii_uppercase());
            first.into_iter().chain(chars).collect::<String>()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn suite() -> Value {
        json!([{
            "description": "Test cases for Get",
            "metadata": { "protocol": "rest-json", "protocols": ["rest-json"], "apiVersion": "2019-12-16" },
            "clientEndpoint": "https://example.com",
            "shapes": {
                "GetInput": { "type": "structure", "members": { "id": { "shape": "String", "location": "uri", "locationName": "Id" } } },
                "String": { "type": "string" }
            },
            "cases": [
                {
                    "id": "first",
                    "given": { "name": "Get", "http": { "method": "GET", "requestUri": "/get/{Id}" }, "input": { "shape": "GetInput" } },
                    "params": { "id": "a" },
                    "serialized": { "method": "GET", "uri": "/get/a", "body": "" }
                },
                {
                    "given": { "name": "Get", "http": { "method": "GET", "requestUri": "/get/{Id}" }, "input": { "shape": "GetInput" } },
                    "description": "own description",
                    "params": { "id": "b" },
                    "serialized": { "method": "GET", "uri": "/get/b", "body": "" }
                },
                {
                    "given": { "name": "Get", "http": { "method": "POST", "requestUri": "/get/{Id}" }, "input": { "shape": "GetInput" } },
                    "response": { "status_code": 200 },
                    "result": {}
                }
            ]
        }])
    }

    #[test]
    fn cases_defining_an_operation_alike_share_a_model_and_others_get_their_own() {
        let models = suite_to_models(&suite(), "input/rest-json").unwrap();
        assert_eq!(models.len(), 2);
        assert_eq!(models[0].display, "input/rest-json.json[0]");
        assert_eq!(models[1].display, "input/rest-json.json[0]/1");
        let indices: Vec<Vec<usize>> = models
            .iter()
            .map(|m| m.cases.iter().map(|c| c.index).collect())
            .collect();
        assert_eq!(indices, [vec![0, 1], vec![2]]);
        assert_eq!(
            models[0].model["operations"]["Get"]["http"]["method"],
            "GET"
        );
        assert_eq!(
            models[1].model["operations"]["Get"]["http"]["method"],
            "POST"
        );
        assert_eq!(
            models[0].client_endpoint.as_deref(),
            Some("https://example.com")
        );
    }

    #[test]
    fn metadata_gets_the_keys_the_loader_needs_and_keeps_its_own() {
        let models = suite_to_models(&suite(), "input/rest-json").unwrap();
        let metadata = &models[0].model["metadata"];
        assert_eq!(metadata["serviceId"], "RestJson");
        assert_eq!(metadata["endpointPrefix"], "restjson");
        assert_eq!(metadata["apiVersion"], "2019-12-16");
        assert_eq!(metadata["protocol"], "rest-json");
    }

    #[test]
    fn cases_keep_their_expectations_and_descriptions() {
        let models = suite_to_models(&suite(), "rest-json").unwrap();
        let case = &models[0].cases[0];
        assert_eq!(case.id.as_deref(), Some("first"));
        assert_eq!(case.description, "Test cases for Get");
        assert_eq!(case.operation, "Get");
        assert_eq!(
            case.kind,
            SuiteCaseKind::Request {
                params: json!({ "id": "a" }),
                serialized: json!({ "method": "GET", "uri": "/get/a", "body": "" }),
            }
        );
        assert_eq!(models[0].cases[1].description, "own description");
        assert!(matches!(
            &models[1].cases[0].kind,
            SuiteCaseKind::Response {
                result: Some(_),
                error: None,
                ..
            }
        ));
    }

    #[test]
    fn the_models_load_through_the_botocore_loader() {
        for model in suite_to_models(&suite(), "rest-json").unwrap() {
            let loaded = crate::load::load(&model.source()).unwrap();
            assert_eq!(
                loaded.service.id.to_string(),
                "com.amazonaws.restjson#RestJson"
            );
        }
    }

    #[test]
    fn service_names_come_from_the_protocol_name() {
        assert_eq!(
            camel_case("json_1_0-query-compatible"),
            "Json10QueryCompatible"
        );
        assert_eq!(camel_case("json"), "Json");
    }

    #[test]
    fn a_case_without_params_or_response_is_refused_naming_it() {
        let mut suite = suite();
        suite[0]["cases"][1]
            .as_object_mut()
            .unwrap()
            .remove("params");
        let error = suite_to_models(&suite, "rest-json").unwrap_err();
        assert_eq!(
            error.to_string(),
            "rest-json.json: entry 0.cases[1]: a case has either `params` (a request case) or \
             `response`"
        );
    }
}
