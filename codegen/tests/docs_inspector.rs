//! The documentation converter over every documentation string of the Amazon Inspector model.
//!
//! The snapshot shows each converted string, so a rule change shows its whole effect in review;
//! the other tests pin down properties every converted string must keep.

use codegen::docs::html_to_markdown;
use serde_json::Value;

const MODEL_FILE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../models/inspector/2016-02-16/service-2.json"
);

fn model() -> Value {
    let text = std::fs::read_to_string(MODEL_FILE)
        .unwrap_or_else(|err| panic!("cannot read {MODEL_FILE}: {err}"));
    serde_json::from_str(&text).unwrap_or_else(|err| panic!("cannot parse {MODEL_FILE}: {err}"))
}

/// Every `documentation` string of the model, in model order, with the path that leads to it
/// (such as `shapes.Finding.members.id`).
fn documentation(model: &Value) -> Vec<(String, String)> {
    fn walk(value: &Value, path: &str, out: &mut Vec<(String, String)>) {
        match value {
            Value::Object(map) => {
                for (key, value) in map {
                    let path = if path.is_empty() {
                        key.clone()
                    } else {
                        format!("{path}.{key}")
                    };
                    match value {
                        Value::String(doc) if key == "documentation" => {
                            out.push((path, doc.clone()))
                        }
                        value => walk(value, &path, out),
                    }
                }
            }
            Value::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    walk(item, &format!("{path}[{i}]"), out);
                }
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    walk(model, "", &mut out);
    out
}

/// `StartAssessmentRun` → `start_assessment_run`; enough for the names of this model.
fn snake(name: &str) -> String {
    let chars: Vec<char> = name.chars().collect();
    let mut out = String::new();
    for (i, &c) in chars.iter().enumerate() {
        let boundary = i > 0
            && c.is_uppercase()
            && (chars[i - 1].is_lowercase()
                || chars[i - 1].is_ascii_digit()
                || chars.get(i + 1).is_some_and(|next| next.is_lowercase()));
        if boundary {
            out.push('_');
        }
        out.extend(c.to_lowercase());
    }
    out
}

/// Links operations to `crate::operation::<snake_name>` and shapes to `crate::types::<Name>`.
fn linker(model: &Value) -> impl Fn(&str) -> Option<String> + use<> {
    let operations = model["operations"].as_object().cloned().unwrap_or_default();
    let shapes = model["shapes"].as_object().cloned().unwrap_or_default();
    move |name: &str| {
        if operations.contains_key(name) {
            Some(format!("crate::operation::{}", snake(name)))
        } else if shapes.contains_key(name) {
            Some(format!("crate::types::{name}"))
        } else {
            None
        }
    }
}

/// The same HTML with other whitespace: each run of it replaced, and more at paragraph edges.
fn respaced(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    let mut in_space = false;
    for c in html.chars() {
        if c.is_whitespace() && !in_tag {
            if !in_space {
                out.push_str(" \n\t ");
            }
            in_space = true;
            continue;
        }
        in_space = false;
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            _ => {}
        }
        out.push(c);
    }
    out.replace("<p>", "\n  <p>\n ")
        .replace("</p>", "\n</p>\r\n")
}

#[test]
fn snake_splits_words() {
    assert_eq!(snake("StartAssessmentRun"), "start_assessment_run");
    assert_eq!(snake("GetTelemetryMetadata"), "get_telemetry_metadata");
    assert_eq!(snake("ListARNs"), "list_ar_ns");
}

#[test]
fn model_has_the_expected_documentation() {
    let docs = documentation(&model());
    assert_eq!(docs.len(), 398);
    assert!(docs.iter().any(|(_, doc)| doc == "<p/>"));
}

#[test]
fn inspector_documentation_converts() {
    let model = model();
    let link = linker(&model);
    let text: String = documentation(&model)
        .iter()
        .map(|(path, html)| format!("## {path}\n{}\n\n", html_to_markdown(html, &link)))
        .collect();
    insta::assert_snapshot!("inspector_documentation", text);
}

#[test]
fn converted_documentation_has_no_html_or_indented_lines() {
    let model = model();
    let link = linker(&model);
    for (path, html) in documentation(&model) {
        let markdown = html_to_markdown(&html, &link);
        for line in markdown.lines() {
            assert!(!line.starts_with("    "), "{path}: indented line {line:?}");
            assert_eq!(line, line.trim_end(), "{path}: trailing whitespace");
            for tag in [
                "<p",
                "</p",
                "<a",
                "</a",
                "<b>",
                "</b",
                "<fullname",
                "</fullname",
            ] {
                assert!(!line.contains(tag), "{path}: {tag} left in {line:?}");
            }
        }
        assert_eq!(
            markdown,
            markdown.trim(),
            "{path}: blank lines at the edges"
        );
    }
}

#[test]
fn converted_documentation_does_not_depend_on_whitespace_or_self_closing_p() {
    let model = model();
    let link = linker(&model);
    for (path, html) in documentation(&model) {
        let expected = html_to_markdown(&html, &link);
        let variant = respaced(&html.replace("<p/>", "<p></p>"));
        assert_eq!(
            html_to_markdown(&variant, &link),
            expected,
            "{path}: {variant}"
        );
    }
}
