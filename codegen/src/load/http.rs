//! URI patterns and host prefixes, parsed the same way for both loaders, and the checks that tie
//! them to the input members that fill them.

use std::collections::{BTreeMap, BTreeSet};

use crate::error::{Error, Result};
use crate::model::{
    Binding, HostPrefix, HostPrefixSegment, Model, QueryLiteral, ShapeId, ShapeKind, UriPattern,
    UriSegment,
};

/// Parses a URI pattern: `/` then segments separated by `/`, each literal text or a whole-segment
/// label `{Name}` (greedy: `{Name+}`, at most one), then optionally `?` and literal query
/// parameters separated by `&` (`x-id=GetObject`, `delete`).
pub fn parse_uri(raw: &str) -> Result<UriPattern, String> {
    let Some(rest) = raw.strip_prefix('/') else {
        return Err(format!("the URI pattern `{raw}` does not start with `/`"));
    };
    let (path, query) = match rest.split_once('?') {
        Some((path, query)) => (path, Some(query)),
        None => (rest, None),
    };
    let mut segments = Vec::new();
    let mut names = BTreeSet::new();
    let mut greedy_seen = false;
    if !path.is_empty() {
        for segment in path.split('/') {
            let parsed = match segment.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
                Some(inner) => {
                    let (name, greedy) = match inner.strip_suffix('+') {
                        Some(name) => (name, true),
                        None => (inner, false),
                    };
                    if name.is_empty() || name.contains(['{', '}', '+']) {
                        return Err(format!(
                            "the URI pattern `{raw}` has the malformed label `{segment}`"
                        ));
                    }
                    if greedy && std::mem::replace(&mut greedy_seen, true) {
                        return Err(format!(
                            "the URI pattern `{raw}` has more than one greedy label"
                        ));
                    }
                    if !names.insert(name) {
                        return Err(format!(
                            "the URI pattern `{raw}` has the label `{name}` twice"
                        ));
                    }
                    UriSegment::Label {
                        name: name.to_owned(),
                        greedy,
                    }
                }
                None if segment.contains(['{', '}']) => {
                    return Err(format!(
                        "the URI pattern `{raw}` has a label that is not a whole segment: \
                         `{segment}`"
                    ));
                }
                None => UriSegment::Literal(segment.to_owned()),
            };
            segments.push(parsed);
        }
    }
    let mut literals = Vec::new();
    if let Some(query) = query.filter(|q| !q.is_empty()) {
        let mut seen = BTreeSet::new();
        for pair in query.split('&') {
            let (name, value) = match pair.split_once('=') {
                Some((name, value)) => (name, Some(value.to_owned())),
                None => (pair, None),
            };
            if name.is_empty() || pair.contains(['{', '}']) {
                return Err(format!(
                    "the URI pattern `{raw}` has the query part `{pair}`; it must be a literal \
                     `name` or `name=value`"
                ));
            }
            if !seen.insert(name) {
                return Err(format!(
                    "the URI pattern `{raw}` has the query parameter `{name}` twice"
                ));
            }
            literals.push(QueryLiteral {
                name: name.to_owned(),
                value,
            });
        }
    }
    Ok(UriPattern {
        raw: raw.to_owned(),
        segments,
        query: literals,
    })
}

/// Parses a host prefix: literal text and `{Name}` labels, e.g. `foo.{label}.`.
/// The endpoint trait's `{hostPrefix}` object (Smithy's `smithy.api#endpoint`, botocore's
/// `endpoint`), read at `place`; `what` names it in errors.
pub fn endpoint_host_prefix(
    place: super::json::Place<'_>,
    value: &serde_json::Value,
    what: &str,
) -> Result<HostPrefix> {
    let endpoint = place.object(value, what)?;
    let prefix = place.string(
        place.required(endpoint, "hostPrefix")?,
        &format!("{what}.hostPrefix"),
    )?;
    parse_host_prefix(prefix).map_err(|e| place.error(e))
}

/// The `{encodings}` object of request compression (Smithy's `smithy.api#requestCompression`,
/// botocore's `requestcompression`), read at `place`; `what` names it in errors.
pub fn request_compression(
    place: super::json::Place<'_>,
    value: &serde_json::Value,
    what: &str,
) -> Result<crate::model::RequestCompression> {
    let compression = place.object(value, what)?;
    Ok(crate::model::RequestCompression {
        encodings: super::json::string_list(
            place,
            place.required(compression, "encodings")?,
            &format!("{what}.encodings"),
        )?,
    })
}

pub fn parse_host_prefix(raw: &str) -> Result<HostPrefix, String> {
    let mut segments = Vec::new();
    let mut rest = raw;
    while !rest.is_empty() {
        match rest.find(['{', '}']) {
            Some(0) if rest.starts_with('{') => {
                let end = rest
                    .find('}')
                    .ok_or_else(|| format!("the host prefix `{raw}` has an unclosed `{{`"))?;
                let name = &rest[1..end];
                if name.is_empty() || name.contains('{') {
                    return Err(format!(
                        "the host prefix `{raw}` has the malformed label `{}`",
                        &rest[..=end]
                    ));
                }
                segments.push(HostPrefixSegment::Label(name.to_owned()));
                rest = &rest[end + 1..];
            }
            Some(at) if rest[at..].starts_with('{') => {
                segments.push(HostPrefixSegment::Literal(rest[..at].to_owned()));
                rest = &rest[at..];
            }
            Some(_) => return Err(format!("the host prefix `{raw}` has an unopened `}}`")),
            None => {
                segments.push(HostPrefixSegment::Literal(rest.to_owned()));
                rest = "";
            }
        }
    }
    Ok(HostPrefix {
        raw: raw.to_owned(),
        segments,
    })
}

/// Ties each operation's URI labels and host prefix labels to its input members: every label
/// of the URI is bound by exactly one input member and every label member names a label of the
/// URI (which tells whether it is greedy); every host prefix label names a `hostLabel` input
/// member.
pub fn check_operation_bindings(model: &mut Model, file: &str) -> Result<()> {
    // (input, member) → (greedy, the operation that decided it)
    let mut greedy: BTreeMap<(ShapeId, String), (bool, ShapeId)> = BTreeMap::new();
    for shape in model.shapes.values() {
        let ShapeKind::Operation(operation) = &shape.kind else {
            continue;
        };
        let input = operation
            .input
            .as_ref()
            .and_then(|id| model.shapes.get(id))
            .map(|input| (input, input.kind.members()));
        let members = input
            .as_ref()
            .map(|(_, m)| m.as_slice())
            .unwrap_or_default();
        if let Some(http) = &operation.http {
            for label in http.uri.label_names() {
                let bound = members
                    .iter()
                    .filter(|m| {
                        matches!(&m.binding, Some(Binding::Label { name, .. }) if name == label)
                    })
                    .count();
                if bound != 1 {
                    let which = match bound {
                        0 => "no input member binds".to_owned(),
                        n => format!("{n} input members bind"),
                    };
                    return Err(Error::shape(
                        file,
                        &shape.id,
                        format!(
                            "the URI pattern `{}` has the label `{{{label}}}`, which {which}; \
                             exactly one must",
                            http.uri.raw
                        ),
                    ));
                }
            }
        }
        for member in members {
            let Some(Binding::Label { name, .. }) = &member.binding else {
                continue;
            };
            let segment = operation.http.as_ref().and_then(|h| h.uri.label(name));
            let Some(UriSegment::Label { greedy: g, .. }) = segment else {
                return Err(Error::shape(
                    file,
                    &shape.id,
                    format!(
                        "the input member `{}` is bound to the URI label `{{{name}}}`, which the \
                         operation's URI pattern {}",
                        member.name,
                        match &operation.http {
                            Some(http) => format!("`{}` does not have", http.uri.raw),
                            None => "(it has no `http` trait) cannot have".to_owned(),
                        }
                    ),
                ));
            };
            let input_id = input
                .as_ref()
                .expect("members come from the input")
                .0
                .id
                .clone();
            let key = (input_id, member.name.clone());
            if let Some((other, decided_by)) = greedy.insert(key, (*g, shape.id.clone())) {
                if other != *g {
                    return Err(Error::shape(
                        file,
                        &shape.id,
                        format!(
                            "the input member `{}` fills a {} label here and a {} one in \
                             `{decided_by}`, which shares the input",
                            member.name,
                            if *g { "greedy" } else { "plain" },
                            if other { "greedy" } else { "plain" },
                        ),
                    ));
                }
            }
        }
        if let Some(prefix) = &operation.host_prefix {
            for label in prefix.label_names() {
                if !members
                    .iter()
                    .any(|m| m.name == label && m.traits.host_label)
                {
                    return Err(Error::shape(
                        file,
                        &shape.id,
                        format!(
                            "the host prefix `{}` has the label `{{{label}}}`, which names no \
                             input member with the `hostLabel` trait",
                            prefix.raw
                        ),
                    ));
                }
            }
        }
    }
    for ((input, member_name), (is_greedy, _)) in greedy {
        let shape = model.shapes.get_mut(&input).expect("checked above");
        for member in shape.kind.members_mut() {
            if member.name == member_name {
                if let Some(Binding::Label { greedy, .. }) = &mut member.binding {
                    *greedy = is_greedy;
                }
            }
        }
    }
    Ok(())
}

/// Checks that at most one member of a structure is its payload.
pub fn check_payloads(model: &Model, file: &str) -> Result<()> {
    for shape in model.shapes.values() {
        let payloads: Vec<&str> = shape
            .kind
            .members()
            .into_iter()
            .filter(|m| m.binding == Some(Binding::Payload))
            .map(|m| m.name.as_str())
            .collect();
        if payloads.len() > 1 {
            return Err(Error::shape(
                file,
                &shape.id,
                format!(
                    "the members `{}` are all bound to the payload; one can be",
                    payloads.join("`, `")
                ),
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn label(name: &str, greedy: bool) -> UriSegment {
        UriSegment::Label {
            name: name.to_owned(),
            greedy,
        }
    }

    fn literal(text: &str) -> UriSegment {
        UriSegment::Literal(text.to_owned())
    }

    #[test]
    fn a_uri_pattern_splits_into_segments_labels_and_query_literals() {
        let uri = parse_uri("/path/{Bucket}/{Key+}?x-id=GetObject&delete").unwrap();
        assert_eq!(uri.raw, "/path/{Bucket}/{Key+}?x-id=GetObject&delete");
        assert_eq!(
            uri.segments,
            [literal("path"), label("Bucket", false), label("Key", true)]
        );
        assert_eq!(
            uri.query,
            [
                QueryLiteral {
                    name: "x-id".into(),
                    value: Some("GetObject".into())
                },
                QueryLiteral {
                    name: "delete".into(),
                    value: None
                },
            ]
        );
        assert_eq!(uri.label_names().collect::<Vec<_>>(), ["Bucket", "Key"]);
    }

    #[test]
    fn the_root_has_no_segments_and_a_trailing_slash_an_empty_one() {
        assert_eq!(parse_uri("/").unwrap().segments, []);
        assert_eq!(
            parse_uri("/a/").unwrap().segments,
            [literal("a"), literal("")]
        );
    }

    #[test]
    fn malformed_uri_patterns_are_refused_saying_why() {
        for (raw, why) in [
            ("path", "does not start with `/`"),
            ("/a{b}", "not a whole segment"),
            ("/{}", "malformed label"),
            ("/{a+}/{b+}", "more than one greedy label"),
            ("/{a}/{a}", "the label `a` twice"),
            ("/a?{b}", "must be a literal"),
            ("/a?x=1&x=2", "`x` twice"),
        ] {
            let error = parse_uri(raw).unwrap_err();
            assert!(error.contains(why), "{raw}: {error}");
        }
    }

    #[test]
    fn a_host_prefix_splits_into_literals_and_labels() {
        let prefix = parse_host_prefix("foo.{label}.").unwrap();
        assert_eq!(
            prefix.segments,
            [
                HostPrefixSegment::Literal("foo.".into()),
                HostPrefixSegment::Label("label".into()),
                HostPrefixSegment::Literal(".".into()),
            ]
        );
        assert_eq!(
            parse_host_prefix("{AccountId}.").unwrap().segments,
            [
                HostPrefixSegment::Label("AccountId".into()),
                HostPrefixSegment::Literal(".".into()),
            ]
        );
        for bad in ["a.{b", "a}.", "{}."] {
            assert!(parse_host_prefix(bad).is_err(), "{bad}");
        }
    }
}
