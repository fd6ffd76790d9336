//! The transform stage: model → model passes that run before any Rust name is chosen.
//!
//! - [`select_operations`] keeps the operations the user asked for;
//! - [`leave_out_unsupported`] sets aside the operations that use a wire feature the
//!   generator does not generate yet, with the reason;
//! - [`check_patterns`] records each pattern's translation and engine, and drops the
//!   patterns no engine can check, saying so in the documentation;
//! - [`normalize_operations`] gives every operation its own input and output structure, and
//!   lists each of its errors once;
//! - [`prune`] drops shapes no operation reaches;
//! - [`note_renamed_shapes`] notes the generated types the loader renamed;
//! - [`box_recursive_members`] marks the members that must sit behind a `Box`.

use std::collections::{BTreeMap, BTreeSet};

use crate::error::{Error, Result};
use crate::model::{Model, Shape, ShapeId, ShapeKind, Traits};

/// Runs every pass in order.
pub fn run(model: Model, operations: Option<&[String]>) -> Result<Model> {
    let model = match operations {
        Some(names) => select_operations(model, names)?,
        None => model,
    };
    let model = leave_out_unsupported(model);
    let model = note_left_out_calls(model);
    let model = check_patterns(model);
    let model = normalize_operations(model);
    let model = prune(model);
    let model = note_renamed_shapes(model);
    Ok(box_recursive_members(model))
}

/// Keeps only the named operations (by shape name, e.g. `DescribeAssessmentRuns`) and the
/// waiters that call them.
pub fn select_operations(mut model: Model, names: &[String]) -> Result<Model> {
    let known: BTreeMap<&str, &ShapeId> = model
        .service
        .operations
        .iter()
        .map(|id| (id.name(), id))
        .collect();
    let mut selected = BTreeSet::new();
    for name in names {
        match known.get(name.as_str()) {
            Some(id) => {
                selected.insert((*id).clone());
            }
            None => {
                return Err(Error::Options(format!(
                    "the service has no operation `{name}`; it has: {}",
                    known.keys().copied().collect::<Vec<_>>().join(", ")
                )));
            }
        }
    }
    model.service.operations.retain(|id| selected.contains(id));
    // A waiter goes with the operation it calls.
    model
        .service
        .waiters
        .retain(|_, waiter| selected.contains(&waiter.operation));
    Ok(model)
}

/// Moves the operations that use a wire feature the generator does not generate yet (see
/// [`crate::protocol::unsupported_feature`]) from the service to [`Model::left_out`], with the
/// reason; [`prune`] then drops the shapes only they reach. The crate is generated without
/// them, and says so.
pub fn leave_out_unsupported(mut model: Model) -> Model {
    let mut kept = Vec::new();
    for id in std::mem::take(&mut model.service.operations) {
        match crate::protocol::unsupported_feature(&model, &id) {
            Some(reason) => {
                let shape = model
                    .shapes
                    .remove(&id)
                    .expect("operations of the service exist");
                model.notes.push(crate::model::Note {
                    kind: crate::model::NoteKind::LeftOut,
                    text: format!(
                        "operation `{}` not generated: it uses {reason}, which the generator \
                         does not generate yet",
                        id.name()
                    ),
                });
                model
                    .left_out
                    .insert(id, crate::model::LeftOut { reason, shape });
            }
            None => kept.push(id),
        }
    }
    model.service.operations = kept;
    model
}

/// Notes each operation generated without its client call (see
/// [`crate::emit::client::left_out_call`]).
pub fn note_left_out_calls(mut model: Model) -> Model {
    let notes: Vec<_> = model
        .operations()
        .filter_map(|(id, operation)| {
            crate::emit::client::left_out_call(&model, operation).map(|why| crate::model::Note {
                kind: crate::model::NoteKind::LeftOut,
                text: format!(
                    "operation `{}`: client call not generated: it {why}",
                    id.name()
                ),
            })
        })
        .collect();
    model.notes.extend(notes);
    model
}

/// Records in [`Model::patterns`] the translation and engine of every pattern an engine of
/// the generated crate can check (see [`crate::pattern`]); drops every other `pattern` and adds a sentence saying so to the documentation of the shape or
/// member that had it: `validate()` checks the other constraints, and the service checks the
/// pattern. boto3 checks no pattern at all.
pub fn check_patterns(mut model: Model) -> Model {
    /// Drops the pattern of `traits` if it does not compile; the summary's line about it.
    fn note(
        traits: &mut Traits,
        owner: &str,
        checked: &mut BTreeMap<String, crate::pattern::Checked>,
    ) -> Option<crate::model::Note> {
        let pattern = traits.pattern.as_deref()?;
        if checked.contains_key(pattern) {
            return None;
        }
        let reason = match crate::pattern::check(pattern) {
            Ok(translation) => {
                checked.insert(pattern.to_owned(), translation);
                return None;
            }
            Err(reason) => reason,
        };
        let reason = reason.as_str();
        let summary = crate::model::Note {
            kind: crate::model::NoteKind::UncheckedPattern,
            text: format!("`{owner}`: pattern `{pattern}` is not checked ({reason})"),
        };
        let sentence = format!(
            "<p>The service checks the pattern <code>{}</code>; <code>validate()</code> does \
             not ({reason}).</p>",
            html_escape(pattern)
        );
        traits.pattern = None;
        let documentation = traits.documentation.get_or_insert_with(String::new);
        documentation.push_str(&sentence);
        Some(summary)
    }
    let mut notes = Vec::new();
    let mut checked = std::mem::take(&mut model.patterns);
    for shape in model.shapes.values_mut() {
        let id = shape.id.to_string();
        notes.extend(note(&mut shape.traits, &id, &mut checked));
        for member in shape.kind.members_mut() {
            let owner = format!("{id}${}", member.name);
            notes.extend(note(&mut member.traits, &owner, &mut checked));
        }
    }
    model.patterns = checked;
    model.notes.extend(notes);
    model
}

/// `text` with `&`, `<` and `>` escaped, for the model's HTML documentation.
fn html_escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// The namespace of the input and output structures made for operations.
pub fn synthetic_namespace(model: &Model) -> String {
    format!("{}.synthetic", model.service.id.namespace())
}

/// Gives every operation an input and an output structure of its own, `<Operation>Input` and
/// `<Operation>Output` in the synthetic namespace: a copy of the modelled one, or an empty
/// structure when the model has none. A shape shared between operations, or also used as a
/// member, so never has to be two things at once. An error listed twice is kept once, where it
/// first appears.
pub fn normalize_operations(mut model: Model) -> Model {
    let namespace = synthetic_namespace(&model);
    let operation_ids = model.service.operations.clone();
    for operation_id in &operation_ids {
        let Some(Shape {
            kind: ShapeKind::Operation(operation),
            ..
        }) = model.shapes.get(operation_id)
        else {
            continue;
        };
        let (input, output) = (operation.input.clone(), operation.output.clone());
        let mut made = Vec::new();
        for (suffix, original) in [("Input", input), ("Output", output)] {
            let id = ShapeId::new(&namespace, format!("{}{suffix}", operation_id.name()));
            let shape = match original.as_ref().and_then(|o| model.shapes.get(o)) {
                Some(original) => Shape {
                    id: id.clone(),
                    kind: original.kind.clone(),
                    traits: original.traits.clone(),
                },
                None => Shape {
                    id: id.clone(),
                    kind: ShapeKind::Structure(Vec::new()),
                    traits: Traits::default(),
                },
            };
            made.push(shape);
        }
        let output = made.pop().expect("two shapes were made");
        let mut input = made.pop().expect("two shapes were made");
        // Smithy: an operation's input members are optional to clients, so a defaulted member
        // is sent only when the caller sets it.
        for member in input.kind.members_mut() {
            if member.traits.default.is_some() {
                member.traits.client_optional = true;
            }
        }
        if let Some(Shape {
            kind: ShapeKind::Operation(operation),
            ..
        }) = model.shapes.get_mut(operation_id)
        {
            operation.input = Some(input.id.clone());
            operation.output = Some(output.id.clone());
            // botocore lists an error twice in a dozen operations (appsync, cognito-idp…);
            // an error enum has one variant per error, so the first stays.
            let mut seen = BTreeSet::new();
            operation.errors.retain(|error| seen.insert(error.clone()));
        }
        model.shapes.insert(input.id.clone(), input);
        model.shapes.insert(output.id.clone(), output);
    }
    model
}

/// Keeps the service's operations and the shapes they reach; drops the rest.
pub fn prune(mut model: Model) -> Model {
    let mut reached = BTreeSet::new();
    let mut pending: Vec<ShapeId> = model.service.operations.clone();
    while let Some(id) = pending.pop() {
        if !reached.insert(id.clone()) {
            continue;
        }
        let Some(shape) = model.shapes.get(&id) else {
            continue;
        };
        match &shape.kind {
            ShapeKind::Operation(operation) => {
                pending.extend(operation.input.iter().cloned());
                pending.extend(operation.output.iter().cloned());
                pending.extend(operation.errors.iter().cloned());
            }
            kind => pending.extend(kind.members().into_iter().map(|m| m.target.clone())),
        }
    }
    model.shapes.retain(|id, _| reached.contains(id));
    model
}

/// Adds a `Renamed` note for each structure, union or enum the loader gave another name (see
/// [`Traits::renamed_from`]); the others are no Rust type, so no name of the crate changes.
pub fn note_renamed_shapes(mut model: Model) -> Model {
    for shape in model.shapes.values() {
        let is_named_type = matches!(
            shape.kind,
            ShapeKind::Structure(_) | ShapeKind::Union(_) | ShapeKind::Enum(_)
        );
        if let (true, Some(name)) = (is_named_type, &shape.traits.renamed_from) {
            model.notes.push(crate::model::Note {
                kind: crate::model::NoteKind::Renamed,
                text: format!(
                    "the shape `{name}` is named `{}`: the operation `{name}` has its name",
                    shape.id.name()
                ),
            });
        }
    }
    model
}

/// Marks the members that make a structure or union contain itself without a `Vec` or
/// `HashMap` in between; those must be boxed for the type to have a size.
///
/// A depth-first walk over structure and union members, in shape-id order and then member order,
/// marks each member that closes a cycle, so the choice is deterministic.
pub fn box_recursive_members(mut model: Model) -> Model {
    let mut to_box: BTreeSet<(ShapeId, usize)> = BTreeSet::new();
    let mut state: BTreeMap<ShapeId, Visit> = BTreeMap::new();
    let ids: Vec<ShapeId> = model.shapes.keys().cloned().collect();
    for id in &ids {
        visit(&model, id, &mut state, &mut to_box);
    }
    for (id, index) in to_box {
        if let Some(shape) = model.shapes.get_mut(&id) {
            if let Some(member) = shape.kind.members_mut().into_iter().nth(index) {
                member.traits.boxed = true;
            }
        }
    }
    model
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Visit {
    InProgress,
    Done,
}

fn visit(
    model: &Model,
    id: &ShapeId,
    state: &mut BTreeMap<ShapeId, Visit>,
    to_box: &mut BTreeSet<(ShapeId, usize)>,
) {
    if state.contains_key(id) {
        return;
    }
    let Some(shape) = model.shapes.get(id) else {
        return;
    };
    let (ShapeKind::Structure(members) | ShapeKind::Union(members)) = &shape.kind else {
        return;
    };
    state.insert(id.clone(), Visit::InProgress);
    for (index, member) in members.iter().enumerate() {
        let is_aggregate = model
            .shapes
            .get(&member.target)
            .is_some_and(|t| matches!(t.kind, ShapeKind::Structure(_) | ShapeKind::Union(_)));
        if !is_aggregate {
            continue;
        }
        match state.get(&member.target) {
            Some(Visit::InProgress) => {
                to_box.insert((id.clone(), index));
            }
            Some(Visit::Done) => {}
            None => visit(model, &member.target, state, to_box),
        }
    }
    state.insert(id.clone(), Visit::Done);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Member, Operation, Protocol, Service};

    fn id(name: &str) -> ShapeId {
        ShapeId::new("ns", name)
    }

    fn member(name: &str, target: &str) -> Member {
        Member {
            name: name.to_owned(),
            target: id(target),
            binding: None,
            traits: Traits::default(),
        }
    }

    fn shape(name: &str, kind: ShapeKind) -> Shape {
        Shape {
            id: id(name),
            kind,
            traits: Traits::default(),
        }
    }

    fn model(shapes: Vec<Shape>, operations: &[&str]) -> Model {
        Model {
            service: Service {
                id: id("Service"),
                version: "1".into(),
                sdk_id: "S".into(),
                title: "S".into(),
                endpoint_prefix: "s".into(),
                signing_name: "s".into(),
                protocol: Protocol::AwsJson1_1,
                protocols: vec![Protocol::AwsJson1_1.trait_id().into()],
                aws_query_compatible: false,
                xml_namespace: None,
                auth: Vec::new(),
                client_context_params: Default::default(),
                documentation: None,
                operations: operations.iter().map(|n| id(n)).collect(),
                endpoint_rule_set: None,
                endpoint_tests: None,
                waiters: Default::default(),
            },
            shapes: shapes.into_iter().map(|s| (s.id.clone(), s)).collect(),
            left_out: BTreeMap::new(),
            notes: Vec::new(),
            patterns: Default::default(),
        }
    }

    fn operation(name: &str, input: Option<&str>, output: Option<&str>) -> Shape {
        shape(
            name,
            ShapeKind::Operation(Box::new(Operation {
                input: input.map(id),
                output: output.map(id),
                ..Operation::default()
            })),
        )
    }

    fn names(model: &Model) -> Vec<String> {
        model.shapes.keys().map(ToString::to_string).collect()
    }

    #[test]
    fn prune_keeps_only_what_selected_operations_reach() {
        let m = model(
            vec![
                operation("A", Some("AIn"), None),
                operation("B", Some("BIn"), None),
                shape("AIn", ShapeKind::Structure(vec![member("x", "Str")])),
                shape("BIn", ShapeKind::Structure(vec![member("y", "Int")])),
                shape("Str", ShapeKind::String),
                shape("Int", ShapeKind::Integer),
                shape("Orphan", ShapeKind::String),
            ],
            &["A", "B"],
        );
        let m = run(m, Some(&["A".to_owned()])).unwrap();
        assert_eq!(
            names(&m),
            [
                "ns#A",
                "ns#Str",
                "ns.synthetic#AInput",
                "ns.synthetic#AOutput"
            ]
        );
    }

    #[test]
    fn selecting_operations_keeps_only_their_waiters() {
        let mut m = model(
            vec![operation("A", None, None), operation("B", None, None)],
            &["A", "B"],
        );
        for (name, operation) in [("AReady", "A"), ("BReady", "B")] {
            m.service.waiters.insert(
                name.to_owned(),
                crate::model::Waiter {
                    operation: id(operation),
                    documentation: None,
                    acceptors: Vec::new(),
                    schedule: crate::model::WaiterSchedule::Fixed {
                        delay: std::time::Duration::from_secs(1),
                        max_attempts: 2,
                    },
                    deprecated: false,
                },
            );
        }
        let m = run(m, Some(&["B".to_owned()])).unwrap();
        assert_eq!(m.service.waiters.keys().collect::<Vec<_>>(), ["BReady"]);
    }

    #[test]
    fn selecting_an_unknown_operation_names_it_and_the_known_ones() {
        let m = model(vec![operation("A", None, None)], &["A"]);
        let error = run(m, Some(&["Nope".to_owned()])).unwrap_err();
        assert_eq!(
            error.to_string(),
            "the service has no operation `Nope`; it has: A"
        );
    }

    #[test]
    fn reached_renamed_types_are_noted_and_others_not() {
        let mut renamed = shape("GetShape", ShapeKind::Structure(Vec::new()));
        renamed.traits.renamed_from = Some("Get".into());
        let mut unreached = shape("PutShape", ShapeKind::Structure(Vec::new()));
        unreached.traits.renamed_from = Some("Put".into());
        let mut boolean = shape("ListShape", ShapeKind::Boolean);
        boolean.traits.renamed_from = Some("List".into());
        let input = shape(
            "In",
            ShapeKind::Structure(vec![member("a", "GetShape"), member("b", "ListShape")]),
        );
        let model = model(
            vec![
                operation("Get", Some("In"), None),
                input,
                renamed,
                unreached,
                boolean,
            ],
            &["Get"],
        );
        let model = run(model, None).unwrap();
        assert_eq!(
            model.notes,
            [crate::model::Note {
                kind: crate::model::NoteKind::Renamed,
                text: "the shape `Get` is named `GetShape`: the operation `Get` has its name"
                    .into(),
            }]
        );
    }

    #[test]
    fn an_error_listed_twice_is_kept_once_in_model_order() {
        let mut operation = operation("Op", None, None);
        if let ShapeKind::Operation(op) = &mut operation.kind {
            op.errors = vec![id("B"), id("A"), id("B"), id("A")];
        }
        let error = |name| {
            let mut shape = shape(name, ShapeKind::Structure(Vec::new()));
            shape.traits.error = Some(crate::model::ErrorFault::Client);
            shape
        };
        let model = normalize_operations(model(vec![operation, error("A"), error("B")], &["Op"]));
        let (_, op) = model.operations().next().unwrap();
        assert_eq!(op.errors, [id("B"), id("A")]);
    }

    #[test]
    fn operations_without_input_or_output_get_empty_structures() {
        let m = normalize_operations(model(vec![operation("A", None, None)], &["A"]));
        let input = &m.shapes[&ShapeId::new("ns.synthetic", "AInput")];
        assert_eq!(input.kind, ShapeKind::Structure(Vec::new()));
        let ShapeKind::Operation(op) = &m.shapes[&id("A")].kind else {
            panic!("operation expected")
        };
        assert_eq!(op.output, Some(ShapeId::new("ns.synthetic", "AOutput")));
    }

    #[test]
    fn self_and_mutual_recursion_are_boxed_but_lists_are_not() {
        let m = model(
            vec![
                shape(
                    "Node",
                    ShapeKind::Structure(vec![member("next", "Node"), member("children", "Nodes")]),
                ),
                shape("Nodes", ShapeKind::List(Box::new(member("member", "Node")))),
                shape("Ping", ShapeKind::Structure(vec![member("pong", "Pong")])),
                shape("Pong", ShapeKind::Union(vec![member("ping", "Ping")])),
            ],
            &[],
        );
        let m = box_recursive_members(m);
        let boxed: Vec<String> = m
            .shapes
            .values()
            .flat_map(|s| {
                s.kind
                    .members()
                    .into_iter()
                    .filter(|m| m.traits.boxed)
                    .map(move |m| format!("{}.{}", s.id.name(), m.name))
            })
            .collect();
        assert_eq!(boxed, ["Node.next", "Pong.ping"]);
    }
}
