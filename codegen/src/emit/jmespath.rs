//! Compiles a waiter's JMESPath expression into Rust over the generated types, type-checked
//! against the model: member names are the model's, and each becomes the field the symbol
//! table gives it. Nothing is evaluated at run time but the generated code.
//!
//! Every JMESPath value is a Rust `Option`, `None` being JMESPath's `null`:
//!
//! | JMESPath type | Rust                                      | from the model                   |
//! | ------------- | ----------------------------------------- | -------------------------------- |
//! | string        | `Option<&str>`                            | strings, enums (`as_str()`)      |
//! | boolean       | `Option<bool>`                            | booleans, comparisons            |
//! | number        | `Option<f64>`                             | byte … double, `length(…)`       |
//! | object        | `Option<&T>`                              | structures                       |
//! | array         | `Option<Vec<T>>` (items without `Option`) | lists, projections               |
//!
//! The subset, with jmespath.py's semantics (which botocore's waiters run on): fields
//! `a.b`, `@`, indexes `a[0]` and `a[-1]`, flattening `a[]` and `a[*]` projections (a
//! projection drops null results), filter projections `a[?cond]`, `==` and `!=` on any
//! two values (values of different types are equal only when both are null), `<` `<=` `>`
//! `>=` on numbers, `&&` and `||` on booleans, `!` on anything but objects (JMESPath's
//! truthiness), the functions `length` (of strings and arrays) and `contains` (an array and
//! an item of its type, or two strings), and JSON literals and raw strings that are strings,
//! numbers, booleans or null. Anything else — maps, unions, timestamps, blobs, documents,
//! sparse lists, pipes, other functions, a member the structure does not have, a type
//! mismatch —
//! is [`Unsupported`], and the waiter is skipped with the reason.
//!
//! One divergence from jmespath.py: `length(null)` is `null` here, where jmespath.py raises
//! an error (which would escape boto3's waiter); a matcher comparing it does not match.
//!
//! Coverage (`codegen/tests/botocore_waiters.rs` counts it): botocore 1.44.5 has 307 waiters
//! in the 169 services whose protocol is `json` or `rest-json`. All 205 waiters of the models
//! the generator loads and names compile (none is skipped); the other 102 are in 12 models the
//! generator cannot load or name yet for reasons that are not their waiters' (colliding type
//! names, an operation and a shape of one name, Glacier's checksums). All 810 paths of the
//! 307 waiters parse.

use std::cell::Cell;

use proc_macro2::{Ident, Literal, TokenStream};
use quote::{format_ident, quote};

use super::context::{Context, ident};
use super::structure;
use crate::jmespath::{Ast, Comparison};
use crate::model::{ShapeId, ShapeKind};

/// Why an expression is not compiled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unsupported(pub String);

impl std::fmt::Display for Unsupported {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

type Compile<T> = Result<T, Unsupported>;

fn unsupported<T>(message: impl Into<String>) -> Compile<T> {
    Err(Unsupported(message.into()))
}

/// The JMESPath type of a compiled expression.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ty {
    /// Only ever `null`.
    Null,
    /// A boolean.
    Bool,
    /// A number.
    Number,
    /// A string.
    String,
    /// A structure of the model.
    Struct(ShapeId),
    /// An array of items of the inner type.
    List(Box<Ty>),
    /// `{"input": …, "output": …}`, the root of an `inputOutput` matcher.
    InputOutput,
}

impl Ty {
    /// The type, for messages: `an array of strings`.
    pub fn describe(&self) -> String {
        match self {
            Ty::Null => "null".into(),
            Ty::Bool => "a boolean".into(),
            Ty::Number => "a number".into(),
            Ty::String => "a string".into(),
            Ty::Struct(id) => format!("the structure `{}`", id.name()),
            Ty::List(item) => format!("an array of {}", item.plural()),
            Ty::InputOutput => "the input and output".into(),
        }
    }

    fn plural(&self) -> String {
        match self {
            Ty::Null => "nulls".into(),
            Ty::Bool => "booleans".into(),
            Ty::Number => "numbers".into(),
            Ty::String => "strings".into(),
            Ty::Struct(id) => format!("`{}` structures", id.name()),
            Ty::List(item) => format!("arrays of {}", item.plural()),
            Ty::InputOutput => "inputs and outputs".into(),
        }
    }
}

/// A compiled expression: Rust tokens of type `Option<…>` (see the module docs) and its type.
#[derive(Debug, Clone)]
pub struct Compiled {
    /// The expression.
    pub tokens: TokenStream,
    /// Its JMESPath type.
    pub ty: Ty,
}

/// What an expression is evaluated on.
#[derive(Debug, Clone, Copy)]
pub enum Root<'a> {
    /// The output structure `output` (a local `&Output` named `output`).
    Output(&'a ShapeId),
    /// `{"input": …, "output": …}` (locals `input` and `output`).
    InputOutput {
        /// The input structure.
        input: &'a ShapeId,
        /// The output structure.
        output: &'a ShapeId,
    },
}

/// The current node `@`: an expression of the node's Rust type, and whether it was used.
struct Current {
    value: TokenStream,
    ty: Ty,
    used: Cell<bool>,
}

impl Current {
    fn new(value: TokenStream, ty: Ty) -> Self {
        Self {
            value,
            ty,
            used: Cell::new(false),
        }
    }

    /// The node's value; arrays are cloned, since the node may be read more than once.
    fn get(&self) -> TokenStream {
        self.used.set(true);
        let value = &self.value;
        if matches!(self.ty, Ty::List(_)) {
            quote!(#value.clone())
        } else {
            value.clone()
        }
    }
}

/// Compiles expressions over the types of one model.
pub struct Compiler<'c> {
    ctx: &'c Context<'c>,
    next: Cell<u32>,
    uses_input: Cell<bool>,
    uses_output: Cell<bool>,
}

impl<'c> Compiler<'c> {
    /// A compiler for the model of `ctx`.
    pub fn new(ctx: &'c Context<'c>) -> Self {
        Self {
            ctx,
            next: Cell::new(0),
            uses_input: Cell::new(false),
            uses_output: Cell::new(false),
        }
    }

    /// Whether an expression compiled so far reads the `input` local.
    pub fn uses_input(&self) -> bool {
        self.uses_input.get()
    }

    /// Whether an expression compiled so far reads the `output` local.
    pub fn uses_output(&self) -> bool {
        self.uses_output.get()
    }

    /// Compiles `ast` evaluated on `root`.
    pub fn compile(&self, ast: &Ast, root: Root<'_>) -> Compile<Compiled> {
        let current = match root {
            Root::Output(output) => Current::new(quote!(Some(output)), Ty::Struct(output.clone())),
            Root::InputOutput { .. } => Current::new(TokenStream::new(), Ty::InputOutput),
        };
        let compiled = self.expression(ast, &current, root)?;
        if current.used.get() && matches!(root, Root::Output(_)) {
            self.uses_output.set(true);
        }
        Ok(compiled)
    }

    fn fresh(&self, stem: &str) -> Ident {
        let n = self.next.get() + 1;
        self.next.set(n);
        format_ident!("{stem}_{n}")
    }

    fn expression(&self, ast: &Ast, current: &Current, root: Root<'_>) -> Compile<Compiled> {
        match ast {
            Ast::Identity => match current.ty {
                Ty::InputOutput => unsupported("`@` on the input and output"),
                _ => Ok(Compiled {
                    tokens: current.get(),
                    ty: current.ty.clone(),
                }),
            },
            Ast::Field(name) => self.field(name, current, root),
            Ast::Subexpr(left, right) => {
                let left = self.expression(left, current, root)?;
                if **right == Ast::Identity {
                    return Ok(left);
                }
                // As jmespath.py: a sub-expression of null is null.
                let node = self.fresh("node");
                let inner = Current::new(quote!(Some(#node)), left.ty.clone());
                let right = self.expression(right, &inner, root)?;
                let (l, r) = (&left.tokens, &right.tokens);
                let tokens = if inner.used.get() {
                    quote!(#l.and_then(|#node| #r))
                } else {
                    quote!(#l.and(#r))
                };
                Ok(Compiled {
                    tokens,
                    ty: right.ty,
                })
            }
            Ast::Pipe(..) => unsupported("a pipe `|`"),
            Ast::Index(left, index) => {
                let left = self.expression(left, current, root)?;
                let Ty::List(item) = left.ty else {
                    return unsupported(format!("`[{index}]` indexes {}", left.ty.describe()));
                };
                let list = &left.tokens;
                let pick = match *index {
                    0 => quote!(items.into_iter().next()),
                    -1 => quote!(items.into_iter().next_back()),
                    i if i > 0 => {
                        let i = usize::try_from(i)
                            .map_err(|_| Unsupported(format!("the index {i}")))?;
                        quote!(items.into_iter().nth(#i))
                    }
                    i => {
                        let back = usize::try_from(-i - 1)
                            .map_err(|_| Unsupported(format!("the index {i}")))?;
                        quote!(items.into_iter().rev().nth(#back))
                    }
                };
                Ok(Compiled {
                    tokens: quote!(#list.and_then(|items| #pick)),
                    ty: *item,
                })
            }
            Ast::Flatten(inner) => {
                let inner = self.expression(inner, current, root)?;
                match inner.ty {
                    Ty::List(item) => match *item {
                        Ty::List(nested) => {
                            let list = &inner.tokens;
                            Ok(Compiled {
                                tokens: quote!(#list.map(|items| items.into_iter().flatten().collect::<Vec<_>>())),
                                ty: Ty::List(nested),
                            })
                        }
                        item => Ok(Compiled {
                            tokens: inner.tokens,
                            ty: Ty::List(Box::new(item)),
                        }),
                    },
                    other => unsupported(format!("`[]` flattens {}", other.describe())),
                }
            }
            Ast::Projection(left, right) => {
                let left = self.expression(left, current, root)?;
                let Ty::List(item_ty) = left.ty else {
                    return unsupported(format!("a projection over {}", left.ty.describe()));
                };
                if **right == Ast::Identity {
                    return Ok(Compiled {
                        tokens: left.tokens,
                        ty: Ty::List(item_ty),
                    });
                }
                let item = self.fresh("item");
                let inner = Current::new(quote!(Some(#item)), (*item_ty).clone());
                let right = self.expression(right, &inner, root)?;
                let parameter = if inner.used.get() {
                    quote!(#item)
                } else {
                    quote!(_)
                };
                let list = &left.tokens;
                let each = &right.tokens;
                Ok(Compiled {
                    tokens: quote!(#list.map(|items| items.into_iter().filter_map(|#parameter| #each).collect::<Vec<_>>())),
                    ty: Ty::List(Box::new(right.ty)),
                })
            }
            Ast::FilterProjection {
                left,
                right,
                condition,
            } => {
                let left = self.expression(left, current, root)?;
                let Ty::List(item_ty) = left.ty else {
                    return unsupported(format!("a filter over {}", left.ty.describe()));
                };
                if matches!(*item_ty, Ty::List(_)) {
                    return unsupported("a filter over an array of arrays");
                }
                let item = self.fresh("item");
                let list = &left.tokens;
                if **right == Ast::Identity {
                    // `filter` borrows the item; every item type but arrays is `Copy`.
                    let inner = Current::new(quote!(Some(*#item)), (*item_ty).clone());
                    let test = self.truthy(&self.expression(condition, &inner, root)?)?;
                    let parameter = if inner.used.get() {
                        quote!(#item)
                    } else {
                        quote!(_)
                    };
                    return Ok(Compiled {
                        tokens: quote!(#list.map(|items| items.into_iter().filter(|#parameter| #test).collect::<Vec<_>>())),
                        ty: Ty::List(item_ty),
                    });
                }
                let inner = Current::new(quote!(Some(#item)), (*item_ty).clone());
                let test = self.truthy(&self.expression(condition, &inner, root)?)?;
                let each = self.expression(right, &inner, root)?;
                let parameter = if inner.used.get() {
                    quote!(#item)
                } else {
                    quote!(_)
                };
                let each_tokens = &each.tokens;
                Ok(Compiled {
                    tokens: quote!(#list.map(|items| items.into_iter().filter_map(|#parameter| if #test { #each_tokens } else { None }).collect::<Vec<_>>())),
                    ty: Ty::List(Box::new(each.ty)),
                })
            }
            Ast::Comparison(op, left, right) => {
                let left = self.expression(left, current, root)?;
                let right = self.expression(right, current, root)?;
                self.comparison(*op, &left, &right)
            }
            Ast::And(left, right) | Ast::Or(left, right) => {
                let left = self.expression(left, current, root)?;
                let right = self.expression(right, current, root)?;
                let symbol = if matches!(ast, Ast::And(..)) {
                    "&&"
                } else {
                    "||"
                };
                if left.ty != Ty::Bool || right.ty != Ty::Bool {
                    return unsupported(format!(
                        "`{symbol}` on {} and {}, not two booleans",
                        left.ty.describe(),
                        right.ty.describe()
                    ));
                }
                let (l, r) = (&left.tokens, &right.tokens);
                // JMESPath's `&&` is the left side when it is falsy, else the right side;
                // `||` the left side when it is truthy, else the right side.
                let tokens = if matches!(ast, Ast::And(..)) {
                    quote!(match #l { Some(true) => #r, other => other })
                } else {
                    quote!(match #l { Some(true) => Some(true), _ => #r })
                };
                Ok(Compiled {
                    tokens,
                    ty: Ty::Bool,
                })
            }
            Ast::Not(operand) => {
                let operand = self.expression(operand, current, root)?;
                let value = &operand.tokens;
                let tokens = match operand.ty {
                    Ty::Null => quote!(Some(true)),
                    Ty::Bool => quote!(Some(#value != Some(true))),
                    Ty::Number => quote!(Some(#value.is_none())),
                    Ty::String => quote!(Some(#value.is_none_or(|text| text.is_empty()))),
                    Ty::List(_) => quote!(Some(#value.is_none_or(|items| items.is_empty()))),
                    other => return unsupported(format!("`!` on {}", other.describe())),
                };
                Ok(Compiled {
                    tokens,
                    ty: Ty::Bool,
                })
            }
            Ast::Literal(value) => literal(value),
            Ast::Function(name, arguments) => self.function(name, arguments, current, root),
        }
    }

    /// A member of the current structure, by its model name.
    fn field(&self, name: &str, current: &Current, root: Root<'_>) -> Compile<Compiled> {
        let shape_id = match (&current.ty, root) {
            (Ty::InputOutput, Root::InputOutput { input, output }) => {
                return match name {
                    "input" => {
                        self.uses_input.set(true);
                        Ok(Compiled {
                            tokens: quote!(Some(input)),
                            ty: Ty::Struct(input.clone()),
                        })
                    }
                    "output" => Ok(Compiled {
                        tokens: {
                            self.uses_output.set(true);
                            quote!(Some(output))
                        },
                        ty: Ty::Struct(output.clone()),
                    }),
                    other => unsupported(format!("`{other}` is not `input` or `output`")),
                };
            }
            (Ty::Struct(id), _) => id.clone(),
            (other, _) => {
                return unsupported(format!("`{name}` is a field of {}", other.describe()));
            }
        };
        let shape = self.ctx.shape(&shape_id);
        let ShapeKind::Structure(members) = &shape.kind else {
            return unsupported(format!("`{name}` is a field of a {}", shape.kind.name()));
        };
        let Some((member, symbol)) = members
            .iter()
            .zip(self.ctx.symbols.members(&shape_id))
            .find(|(member, _)| member.name == name)
        else {
            return unsupported(format!(
                "`{}` has no member `{name}`",
                self.shape_name(&shape_id)
            ));
        };
        let field = ident(&symbol.name);
        let node = current.get();
        let target = self.ctx.shape(&member.target);
        let optional = structure::is_optional_field(member);
        let boxed = member.traits.boxed;
        let what = || format!("the member `{name}` of `{}`", self.shape_name(&shape_id));
        let (tokens, ty) = match &target.kind {
            ShapeKind::String => (
                if optional {
                    quote!(#node.and_then(|value| value.#field.as_deref()))
                } else {
                    quote!(#node.map(|value| value.#field.as_str()))
                },
                Ty::String,
            ),
            ShapeKind::Enum(_) => (
                if optional {
                    quote!(#node.and_then(|value| value.#field.as_ref()).map(|value| value.as_str()))
                } else {
                    quote!(#node.map(|value| value.#field.as_str()))
                },
                Ty::String,
            ),
            ShapeKind::Boolean | ShapeKind::Double => (
                if optional {
                    quote!(#node.and_then(|value| value.#field))
                } else {
                    quote!(#node.map(|value| value.#field))
                },
                if matches!(target.kind, ShapeKind::Boolean) {
                    Ty::Bool
                } else {
                    Ty::Number
                },
            ),
            ShapeKind::Byte | ShapeKind::Short | ShapeKind::Integer | ShapeKind::Float => (
                if optional {
                    quote!(#node.and_then(|value| value.#field).map(f64::from))
                } else {
                    quote!(#node.map(|value| f64::from(value.#field)))
                },
                Ty::Number,
            ),
            ShapeKind::Long => (
                if optional {
                    quote!(#node.and_then(|value| value.#field).map(|number| number as f64))
                } else {
                    quote!(#node.map(|value| value.#field as f64))
                },
                Ty::Number,
            ),
            ShapeKind::Structure(_) => (
                match (optional, boxed) {
                    (true, true) => quote!(#node.and_then(|value| value.#field.as_deref())),
                    (true, false) => quote!(#node.and_then(|value| value.#field.as_ref())),
                    (false, true) => quote!(#node.map(|value| value.#field.as_ref())),
                    (false, false) => quote!(#node.map(|value| &value.#field)),
                },
                Ty::Struct(member.target.clone()),
            ),
            ShapeKind::List(item) => {
                if crate::symbols::is_sparse(target) {
                    return unsupported(format!("{}, a sparse list", what()));
                }
                let (convert, item_ty) = self.list_items(&item.target, &what)?;
                let tokens = if optional {
                    quote!(#node.and_then(|value| value.#field.as_ref()).map(|items| items.iter()#convert.collect::<Vec<_>>()))
                } else {
                    quote!(#node.map(|value| value.#field.iter()#convert.collect::<Vec<_>>()))
                };
                (tokens, Ty::List(Box::new(item_ty)))
            }
            other => {
                return unsupported(format!("{}, a {}", what(), other.name()));
            }
        };
        Ok(Compiled { tokens, ty })
    }

    /// The iterator adaptor turning `&item`s of a list of `target` into values, and their type.
    fn list_items(
        &self,
        target: &ShapeId,
        what: &dyn Fn() -> String,
    ) -> Compile<(TokenStream, Ty)> {
        let shape = self.ctx.shape(target);
        Ok(match &shape.kind {
            ShapeKind::String => (quote!(.map(String::as_str)), Ty::String),
            ShapeKind::Enum(_) => (quote!(.map(|item| item.as_str())), Ty::String),
            ShapeKind::Boolean => (quote!(.copied()), Ty::Bool),
            ShapeKind::Double => (quote!(.copied()), Ty::Number),
            ShapeKind::Byte | ShapeKind::Short | ShapeKind::Integer | ShapeKind::Float => {
                (quote!(.map(|item| f64::from(*item))), Ty::Number)
            }
            ShapeKind::Long => (quote!(.map(|item| *item as f64)), Ty::Number),
            ShapeKind::Structure(_) => (TokenStream::new(), Ty::Struct(target.clone())),
            ShapeKind::List(item) => {
                if crate::symbols::is_sparse(shape) {
                    return unsupported(format!("{}, a list of sparse lists", what()));
                }
                let (convert, item_ty) = self.list_items(&item.target, what)?;
                (
                    quote!(.map(|items| items.iter()#convert.collect::<Vec<_>>())),
                    Ty::List(Box::new(item_ty)),
                )
            }
            other => return unsupported(format!("{}, a list of {}s", what(), other.name())),
        })
    }

    fn shape_name(&self, id: &ShapeId) -> String {
        match self.ctx.symbols.operation_of(id) {
            Some(operation) => {
                let symbol = self.ctx.symbols.type_of(id);
                format!("{} ({})", symbol.name, operation.name())
            }
            None => id.name().to_owned(),
        }
    }

    /// A `bool` expression: whether the value is truthy (JMESPath: not null, `false`, `""`,
    /// `[]` or `{}`).
    fn truthy(&self, value: &Compiled) -> Compile<TokenStream> {
        let tokens = &value.tokens;
        Ok(match &value.ty {
            Ty::Null => quote!(false),
            Ty::Bool => quote!(#tokens == Some(true)),
            Ty::Number => quote!(#tokens.is_some()),
            Ty::String => quote!(#tokens.is_some_and(|text| !text.is_empty())),
            Ty::List(_) => quote!(#tokens.is_some_and(|items| !items.is_empty())),
            other => return unsupported(format!("the truth of {}", other.describe())),
        })
    }

    fn comparison(&self, op: Comparison, left: &Compiled, right: &Compiled) -> Compile<Compiled> {
        let (l, r) = (&left.tokens, &right.tokens);
        let tokens = match op {
            Comparison::Equal | Comparison::NotEqual => {
                let equal = op == Comparison::Equal;
                match (&left.ty, &right.ty) {
                    (Ty::Null, Ty::Null) => quote!(Some(#equal)),
                    (Ty::Null, _) if equal => quote!(Some(#r.is_none())),
                    (Ty::Null, _) => quote!(Some(#r.is_some())),
                    (_, Ty::Null) if equal => quote!(Some(#l.is_none())),
                    (_, Ty::Null) => quote!(Some(#l.is_some())),
                    (a, b) if a == b && comparable(a) => {
                        if equal {
                            quote!(Some(#l == #r))
                        } else {
                            quote!(Some(#l != #r))
                        }
                    }
                    (a, b) if comparable(a) && comparable(b) => {
                        // Values of two types are equal only when both are null.
                        if equal {
                            quote!(Some(#l.is_none() && #r.is_none()))
                        } else {
                            quote!(Some(#l.is_some() || #r.is_some()))
                        }
                    }
                    (a, b) => {
                        return unsupported(format!(
                            "`{}` between {} and {}",
                            op.symbol(),
                            a.describe(),
                            b.describe()
                        ));
                    }
                }
            }
            _ => {
                if left.ty != Ty::Number || right.ty != Ty::Number {
                    return unsupported(format!(
                        "`{}` between {} and {}, not two numbers",
                        op.symbol(),
                        left.ty.describe(),
                        right.ty.describe()
                    ));
                }
                let test = match op {
                    Comparison::Less => quote!(left < right),
                    Comparison::LessOrEqual => quote!(left <= right),
                    Comparison::Greater => quote!(left > right),
                    _ => quote!(left >= right),
                };
                quote!(match (#l, #r) { (Some(left), Some(right)) => Some(#test), _ => None })
            }
        };
        Ok(Compiled {
            tokens,
            ty: Ty::Bool,
        })
    }

    fn function(
        &self,
        name: &str,
        arguments: &[Ast],
        current: &Current,
        root: Root<'_>,
    ) -> Compile<Compiled> {
        let compiled = arguments
            .iter()
            .map(|argument| self.expression(argument, current, root))
            .collect::<Compile<Vec<_>>>()?;
        match (name, compiled.as_slice()) {
            ("length", [value]) => {
                let tokens = &value.tokens;
                let tokens = match &value.ty {
                    Ty::String => quote!(#tokens.map(|text| text.chars().count() as f64)),
                    Ty::List(_) => quote!(#tokens.map(|items| items.len() as f64)),
                    other => {
                        return unsupported(format!("`length` of {}", other.describe()));
                    }
                };
                Ok(Compiled {
                    tokens,
                    ty: Ty::Number,
                })
            }
            ("contains", [subject, search]) => {
                let (s, x) = (&subject.tokens, &search.tokens);
                let tokens = match (&subject.ty, &search.ty) {
                    (Ty::List(item), found) if **item == *found && comparable(found) => quote!(
                        match (#s, #x) {
                            (Some(items), Some(search)) => Some(items.contains(&search)),
                            (Some(_), None) => Some(false),
                            (None, _) => None,
                        }
                    ),
                    (Ty::String, Ty::String) => quote!(
                        match (#s, #x) {
                            (Some(text), Some(search)) => Some(text.contains(search)),
                            (Some(_), None) => Some(false),
                            (None, _) => None,
                        }
                    ),
                    (a, b) => {
                        return unsupported(format!(
                            "`contains` of {} in {}",
                            b.describe(),
                            a.describe()
                        ));
                    }
                };
                Ok(Compiled {
                    tokens,
                    ty: Ty::Bool,
                })
            }
            ("length" | "contains", _) => {
                unsupported(format!("`{name}` with {} arguments", arguments.len()))
            }
            _ => unsupported(format!("the function `{name}`")),
        }
    }
}

/// Types whose Rust values compare as JMESPath compares them.
fn comparable(ty: &Ty) -> bool {
    match ty {
        Ty::Bool | Ty::Number | Ty::String | Ty::Struct(_) => true,
        Ty::List(item) => comparable(item),
        Ty::Null | Ty::InputOutput => false,
    }
}

fn literal(value: &serde_json::Value) -> Compile<Compiled> {
    use serde_json::Value;
    let (tokens, ty) = match value {
        Value::Null => (quote!(None::<bool>), Ty::Null),
        Value::Bool(b) => (quote!(Some(#b)), Ty::Bool),
        Value::Number(n) => {
            let number = number_literal(n)?;
            (quote!(Some(#number)), Ty::Number)
        }
        Value::String(s) => (quote!(Some(#s)), Ty::String),
        Value::Array(_) | Value::Object(_) => {
            return unsupported(format!("the literal `{value}`"));
        }
    };
    Ok(Compiled { tokens, ty })
}

/// A JSON number as an `f64` literal.
pub fn number_literal(number: &serde_json::Number) -> Compile<Literal> {
    number
        .as_f64()
        .filter(|n| n.is_finite())
        .map(Literal::f64_unsuffixed)
        .ok_or_else(|| Unsupported(format!("the number {number}")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::emit::constraints;
    use crate::source::ModelSource;
    use crate::symbols::Symbols;

    /// Compiles `path` over the output of `operation` of the waiters fixture: the tokens as
    /// text and the type, or why not.
    fn compile(operation: &str, path: &str) -> Result<(String, Ty), String> {
        let source = ModelSource::from_text(
            "service-2.json",
            include_str!("../../tests/fixtures/waiters/service-2.json"),
        );
        let model = crate::transform::run(crate::load::load(&source).unwrap(), None).unwrap();
        let symbols = Symbols::new(&model, "service-2.json").unwrap();
        let ctx = Context {
            model: &model,
            symbols: &symbols,
            validated: constraints::reached_from_inputs(&model),
        };
        let output = ShapeId::new(
            "com.amazonaws.things.synthetic",
            format!("{operation}Output"),
        );
        let ast = crate::jmespath::parse(path).map_err(|e| e.to_string())?;
        Compiler::new(&ctx)
            .compile(&ast, Root::Output(&output))
            .map(|c| (c.tokens.to_string(), c.ty))
            .map_err(|e| e.to_string())
    }

    /// The tokens' text without spaces.
    fn squeeze(tokens: &str) -> String {
        tokens.split_whitespace().collect()
    }

    fn ty(operation: &str, path: &str) -> Ty {
        compile(operation, path).unwrap().1
    }

    fn rejected(operation: &str, path: &str) -> String {
        compile(operation, path).unwrap_err()
    }

    #[test]
    fn fields_become_the_generated_fields_and_enums_their_wire_values() {
        let (tokens, ty) = compile("DescribeThing", "thing.thingId").unwrap();
        assert_eq!(ty, Ty::String);
        assert_eq!(
            tokens,
            quote!(
                Some(output)
                    .and_then(|value| value.thing.as_ref())
                    .and_then(|node_1| Some(node_1).map(|value| value.thing_id.as_str()))
            )
            .to_string()
        );
        let (tokens, ty) = compile("DescribeThing", "thing.status").unwrap();
        assert_eq!(ty, Ty::String);
        assert!(
            squeeze(&tokens).ends_with("value.status.as_str()))"),
            "{tokens}"
        );
    }

    #[test]
    fn expressions_take_the_types_jmespath_gives_them() {
        let thing = ShapeId::new("com.amazonaws.things", "Thing");
        assert_eq!(ty("DescribeThing", "thing"), Ty::Struct(thing));
        assert_eq!(
            ty("DescribeThing", "thing.parts[].healthy"),
            Ty::List(Box::new(Ty::Bool))
        );
        assert_eq!(
            ty("DescribeThing", "thing.parts[*].status"),
            Ty::List(Box::new(Ty::String))
        );
        assert_eq!(
            ty("DescribeThing", "thing.parts[?healthy].status"),
            Ty::List(Box::new(Ty::String))
        );
        assert_eq!(ty("DescribeThing", "length(thing.labels)"), Ty::Number);
        assert_eq!(ty("DescribeThing", "contains(thing.labels, 'x')"), Ty::Bool);
        assert_eq!(ty("DescribeThing", "!(thing.labels)"), Ty::Bool);
        assert_eq!(
            ty("ListThings", "items[0].health.connectorStatus"),
            Ty::String
        );
        assert_eq!(ty("ListThings", "items[-2].runningCount"), Ty::Number);
        assert_eq!(
            ty("ListThings", "total > `100` || items[0].status == `null`"),
            Ty::Bool
        );
        assert_eq!(
            ty("ListThings", "items[].deployments"),
            Ty::List(Box::new(Ty::List(Box::new(Ty::Struct(ShapeId::new(
                "com.amazonaws.things",
                "Deployment"
            ))))))
        );
        assert_eq!(
            ty("ListThings", "items[].deployments[]"),
            Ty::List(Box::new(Ty::Struct(ShapeId::new(
                "com.amazonaws.things",
                "Deployment"
            ))))
        );
        assert_eq!(
            ty("ListThings", "items[?runningCount == desiredCount][]"),
            Ty::List(Box::new(Ty::Struct(ShapeId::new(
                "com.amazonaws.things",
                "ThingSummary"
            ))))
        );
    }

    #[test]
    fn a_filter_tests_each_item_and_a_projection_drops_nulls() {
        let (tokens, _) = compile("ListThings", "items[?status == 'READY'].thingId").unwrap();
        assert!(
            squeeze(&tokens).contains(".filter_map(|item_1|if"),
            "{tokens}"
        );
        assert!(squeeze(&tokens).contains("else{None}"), "{tokens}");
    }

    #[test]
    fn expressions_outside_the_subset_or_the_model_are_rejected_with_the_reason() {
        for (operation, path, reason) in [
            (
                "DescribeThing",
                "thing.nope",
                "`Thing` has no member `nope`",
            ),
            (
                "DescribeThing",
                "nope",
                "`DescribeThingOutput (DescribeThing)` has no member `nope`",
            ),
            (
                "DescribeThing",
                "thing.status.code",
                "`code` is a field of a string",
            ),
            (
                "DescribeThing",
                "thing[0]",
                "`[0]` indexes the structure `Thing`",
            ),
            (
                "DescribeThing",
                "thing[]",
                "`[]` flattens the structure `Thing`",
            ),
            (
                "DescribeThing",
                "thing[*].status",
                "a projection over the structure `Thing`",
            ),
            (
                "DescribeThing",
                "thing.status < 'B'",
                "`<` between a string and a string, not two numbers",
            ),
            (
                "DescribeThing",
                "thing.status && thing.thingId",
                "`&&` on a string and a string, not two booleans",
            ),
            (
                "DescribeThing",
                "length(thing)",
                "`length` of the structure `Thing`",
            ),
            (
                "DescribeThing",
                "length(thing.labels, thing.labels)",
                "`length` with 2 arguments",
            ),
            (
                "DescribeThing",
                "contains(thing.labels, `true`)",
                "`contains` of a boolean in an array of strings",
            ),
            ("DescribeThing", "sort(thing.labels)", "the function `sort`"),
            ("DescribeThing", "thing | status", "a pipe `|`"),
            ("DescribeThing", "!thing", "`!` on the structure `Thing`"),
            (
                "DescribeThing",
                "thing.parts[?@]",
                "the truth of the structure `Part`",
            ),
            (
                "DescribeThing",
                "`[1]` == thing.labels",
                "the literal `[1]`",
            ),
            (
                "DescribeThing",
                "thing.labels[0:1]",
                "a slice `[start:stop:step]` is not supported",
            ),
            (
                "DescribeThing",
                "thing.*",
                "the object wildcard `.*` is not supported",
            ),
            (
                "DescribeThing",
                "thing.[status]",
                "a multi-select list `.[…]` is not supported",
            ),
            (
                "DescribeThing",
                "thing.",
                "not valid JMESPath: expected an identifier after `.`, found the end of the expression at character 6",
            ),
        ] {
            assert_eq!(rejected(operation, path), reason, "{path}");
        }
    }
}
