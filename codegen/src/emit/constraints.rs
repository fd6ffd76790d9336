//! Constraint validation: `validate()` on inputs and the `collect_violations` walk every
//! structure and union with a length, range or pattern constraint somewhere below it gets.

use std::collections::BTreeSet;

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::context::{Context, ident};
use crate::error::Result;
use crate::model::{Member, Shape, ShapeId, ShapeKind, Traits};

/// Whether `collect_violations` is emitted for the shape `id`: it is reached from an
/// operation input and can violate a constraint.
pub fn needs_collect(ctx: &Context<'_>, id: &ShapeId) -> bool {
    ctx.validated.contains(id) && has_constraints(ctx, id)
}

pub use crate::symbols::reached_from_inputs;

/// Whether values of `id` can violate a constraint, here or in anything they contain.
pub fn has_constraints(ctx: &Context<'_>, id: &ShapeId) -> bool {
    fn walk(ctx: &Context<'_>, id: &ShapeId, seen: &mut BTreeSet<ShapeId>) -> bool {
        if !seen.insert(id.clone()) {
            return false;
        }
        let shape = ctx.shape(id);
        // An event stream's events are sent or received one by one, after the call has
        // started: they are not checked up front.
        if shape.traits.event_stream {
            return false;
        }
        if own_constraints(shape) {
            return true;
        }
        shape
            .kind
            .members()
            .into_iter()
            .any(|member| member_constraints(ctx, member) || walk(ctx, &member.target, seen))
    }
    walk(ctx, id, &mut BTreeSet::new())
}

fn own_constraints(shape: &Shape) -> bool {
    checked(&shape.traits, &shape.kind)
}

/// Whether the member's own traits set a constraint its target's values are checked against.
fn member_constraints(ctx: &Context<'_>, member: &Member) -> bool {
    checked(&member.traits, &ctx.shape(&member.target).kind)
}

/// Whether `traits` set a constraint that [`check_value`] checks on values of `kind`: the
/// length of a string, blob, list or map, the range of a number, the pattern of a string. A
/// model may set others (a length on an enum, say), which nothing checks: a member with only
/// those gets no block, which would bind names it never reads.
fn checked(traits: &Traits, kind: &ShapeKind) -> bool {
    let length = matches!(
        kind,
        ShapeKind::String | ShapeKind::Blob | ShapeKind::List(_) | ShapeKind::Map { .. }
    );
    let number = matches!(
        kind,
        ShapeKind::Byte
            | ShapeKind::Short
            | ShapeKind::Integer
            | ShapeKind::Long
            | ShapeKind::Float
            | ShapeKind::Double
    );
    (length && traits.length.is_some())
        || (number && traits.range.is_some())
        || (matches!(kind, ShapeKind::String) && traits.pattern.is_some())
}

/// `validate()`, for operation inputs.
pub fn emit_validate(ctx: &Context<'_>, shape: &Shape) -> TokenStream {
    let body = if has_constraints(ctx, &shape.id) {
        quote! {
            let mut violations = Vec::new();
            self.collect_violations("", &mut violations);
            crate::error::ValidationError::check(violations)
        }
    } else {
        quote! {
            crate::error::ValidationError::check(Vec::new())
        }
    };
    quote! {
        /// Checks every length, range and pattern constraint the model sets on this input and
        /// on everything in it.
        ///
        /// # Errors
        ///
        /// A [`ValidationError`](crate::error::ValidationError) listing every violated
        /// constraint, each with the path of the member that violates it.
        pub fn validate(&self) -> Result<(), crate::error::ValidationError> {
            #body
        }
    }
}

/// `collect_violations` for a structure.
pub fn emit_collect_structure(ctx: &Context<'_>, shape: &Shape) -> Result<TokenStream> {
    let ShapeKind::Structure(members) = &shape.kind else {
        return Ok(TokenStream::new());
    };
    let mut checks = Vec::new();
    for (member, symbol) in members.iter().zip(ctx.symbols.members(&shape.id)) {
        if !member_constraints(ctx, member) && !has_constraints(ctx, &member.target) {
            continue;
        }
        let name = ident(&symbol.name);
        let wire = &member.name;
        let check = check_value(ctx, member, quote!(value));
        let optional = member.traits.default.is_none() && !member.traits.required;
        checks.push(if optional {
            quote! {
                if let Some(value) = &self.#name {
                    let path = crate::constraints::member_path(path, #wire);
                    #check
                }
            }
        } else {
            quote! {
                {
                    let value = &self.#name;
                    let path = crate::constraints::member_path(path, #wire);
                    #check
                }
            }
        });
    }
    Ok(collect_fn(quote!(#(#checks)*)))
}

/// `collect_violations` for a union.
pub fn emit_collect_union(ctx: &Context<'_>, shape: &Shape) -> TokenStream {
    let ShapeKind::Union(members) = &shape.kind else {
        return TokenStream::new();
    };
    let mut arms = Vec::new();
    for (member, symbol) in members.iter().zip(ctx.symbols.members(&shape.id)) {
        if !member_constraints(ctx, member) && !has_constraints(ctx, &member.target) {
            continue;
        }
        let variant = ident(&symbol.name);
        let wire = &member.name;
        let check = check_value(ctx, member, quote!(value));
        arms.push((
            quote!(Self::#variant(value)),
            quote! {
                let path = crate::constraints::member_path(path, #wire);
                #check
            },
        ));
    }
    if let [(pattern, body)] = arms.as_slice() {
        // One variant with constraints: `if let`, as clippy's `single_match` asks.
        return collect_fn(quote! {
            if let #pattern = self {
                #body
            }
        });
    }
    let arms = arms
        .iter()
        .map(|(pattern, body)| quote! { #pattern => { #body } });
    collect_fn(quote! {
        match self {
            #(#arms)*
            _ => {}
        }
    })
}

fn collect_fn(body: TokenStream) -> TokenStream {
    quote! {
        /// Adds every violated constraint in this value to `violations`; `path` locates it.
        pub(crate) fn collect_violations(
            &self,
            path: &str,
            violations: &mut Vec<crate::error::ConstraintViolation>,
        ) {
            #body
        }
    }
}

/// Checks on one value (`value`, a reference) at `path` (a `String` in scope): the member's
/// and the target's own constraints, then those of what the value contains.
fn check_value(ctx: &Context<'_>, member: &Member, value: TokenStream) -> TokenStream {
    let target = ctx.shape(&member.target);
    let length = member.traits.length.or(target.traits.length);
    let range = member
        .traits
        .range
        .as_ref()
        .or(target.traits.range.as_ref());
    let pattern = member
        .traits
        .pattern
        .as_ref()
        .or(target.traits.pattern.as_ref());
    let mut checks = Vec::new();
    let bound = |b: Option<u64>| match b {
        Some(b) => {
            let b = Literal::u64_unsuffixed(b);
            quote!(Some(#b))
        }
        None => quote!(None),
    };
    if let Some(length) = length {
        let (count, unit) = match &target.kind {
            ShapeKind::String => (quote!(#value.chars().count()), quote!(Characters)),
            ShapeKind::Blob => (quote!(#value.len()), quote!(Bytes)),
            ShapeKind::List(_) => (quote!(#value.len()), quote!(Items)),
            ShapeKind::Map { .. } => (quote!(#value.len()), quote!(Entries)),
            _ => (TokenStream::new(), TokenStream::new()),
        };
        if !count.is_empty() {
            let (min, max) = (bound(length.min), bound(length.max));
            checks.push(quote! {
                crate::constraints::check_length(
                    violations, &path, #count, #min, #max, crate::constraints::Unit::#unit,
                );
            });
        }
    }
    if let Some(range) = range {
        let integral = matches!(
            target.kind,
            ShapeKind::Byte | ShapeKind::Short | ShapeKind::Integer | ShapeKind::Long
        );
        let float = matches!(target.kind, ShapeKind::Float | ShapeKind::Double);
        if integral || float {
            let as_i64 = |n: &Option<serde_json::Number>| n.as_ref().and_then(|n| n.as_i64());
            let exact = integral
                && range.min.as_ref().is_none_or(|n| n.as_i64().is_some())
                && range.max.as_ref().is_none_or(|n| n.as_i64().is_some());
            if exact {
                let opt = |n: Option<i64>| match n {
                    Some(n) => {
                        let n = Literal::i64_unsuffixed(n);
                        quote!(Some(#n))
                    }
                    None => quote!(None),
                };
                let (min, max) = (opt(as_i64(&range.min)), opt(as_i64(&range.max)));
                let widened = match target.kind {
                    ShapeKind::Long => quote!(*#value),
                    _ => quote!(i64::from(*#value)),
                };
                checks.push(quote! {
                    crate::constraints::check_range(violations, &path, #widened, #min, #max);
                });
            } else {
                let opt = |n: &Option<serde_json::Number>| match n.as_ref().and_then(|n| n.as_f64())
                {
                    Some(n) => {
                        let n = Literal::f64_unsuffixed(n);
                        quote!(Some(#n))
                    }
                    None => quote!(None),
                };
                let (min, max) = (opt(&range.min), opt(&range.max));
                let widened = match target.kind {
                    ShapeKind::Double => quote!(*#value),
                    // No lossless conversion exists; the bounds are not whole numbers anyway.
                    ShapeKind::Long => quote!(*#value as f64),
                    _ => quote!(f64::from(*#value)),
                };
                checks.push(quote! {
                    crate::constraints::check_range(violations, &path, #widened, #min, #max);
                });
            }
        }
    }
    if let (Some(pattern), ShapeKind::String) = (pattern, &target.kind) {
        let name = ident(ctx.symbols.pattern_static(pattern));
        checks.push(quote! {
            crate::constraints::check_pattern(violations, &path, #value, &crate::constraints::#name);
        });
    }
    match &target.kind {
        ShapeKind::Structure(_) | ShapeKind::Union(_) if has_constraints(ctx, &target.id) => {
            checks.push(quote! { #value.collect_violations(&path, violations); });
        }
        ShapeKind::List(item)
            if member_constraints(ctx, item) || has_constraints(ctx, &item.target) =>
        {
            let inner = check_value(ctx, item, quote!(item));
            // A null item of a sparse list has nothing to check.
            let unwrap = if crate::symbols::is_sparse(target) {
                quote! { let Some(item) = item else { continue }; }
            } else {
                TokenStream::new()
            };
            checks.push(quote! {
                for (index, item) in #value.iter().enumerate() {
                    #unwrap
                    let path = crate::constraints::index_path(&path, index);
                    #inner
                }
            });
        }
        ShapeKind::Map { key, value: item } => {
            let key_checks = member_constraints(ctx, key) || has_constraints(ctx, &key.target);
            let value_checks = member_constraints(ctx, item) || has_constraints(ctx, &item.target);
            if key_checks || value_checks {
                let key_check = if key_checks {
                    check_value(ctx, key, quote!(key))
                } else {
                    TokenStream::new()
                };
                let value_check = if value_checks {
                    let check = check_value(ctx, item, quote!(item));
                    // A null value of a sparse map has nothing to check.
                    if crate::symbols::is_sparse(target) {
                        quote! { if let Some(item) = item { #check } }
                    } else {
                        check
                    }
                } else {
                    TokenStream::new()
                };
                let item_binding = if value_checks {
                    quote!(item)
                } else {
                    quote!(_)
                };
                // Sorted by key, so violations come out in the same order every time.
                checks.push(quote! {
                    let mut entries: Vec<_> = #value.iter().collect();
                    entries.sort_by(|a, b| a.0.as_str().cmp(b.0.as_str()));
                    for (key, #item_binding) in entries {
                        let path = crate::constraints::key_path(&path, key.as_str());
                        #key_check
                        #value_check
                    }
                });
            }
        }
        _ => {}
    }
    quote!(#(#checks)*)
}
