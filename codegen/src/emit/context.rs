//! What every emitter needs: the model, the symbol table, the per-file import list, and
//! the conversion of documentation and types to tokens.

use std::collections::{BTreeMap, BTreeSet};

use proc_macro2::{Ident, Span, TokenStream};
use quote::{format_ident, quote};

use crate::docs;
use crate::model::{Member, Model, Shape, ShapeId, ShapeKind};
use crate::symbols::{Home, RustType, Symbols};

/// The model and its symbols, shared by every emitter.
pub struct Context<'a> {
    /// The transformed model.
    pub model: &'a Model,
    /// Its Rust names.
    pub symbols: &'a Symbols,
    /// The shapes operation inputs reach: the ones that get `collect_violations`.
    pub validated: BTreeSet<ShapeId>,
}

impl<'a> Context<'a> {
    /// The shape with this id; the transform stage guarantees it exists.
    pub fn shape(&self, id: &ShapeId) -> &'a Shape {
        &self.model.shapes[id]
    }

    /// The `#[doc]` attributes for HTML documentation, or `fallback` (Markdown) when the model
    /// has none.
    pub fn docs(&self, html: Option<&str>, fallback: &str) -> TokenStream {
        let markdown = self.markdown(html).unwrap_or_else(|| fallback.to_owned());
        doc_lines(&markdown)
    }

    /// HTML documentation as Markdown; `None` when there is none or it converts to nothing
    /// (`<p/>`).
    pub fn markdown(&self, html: Option<&str>) -> Option<String> {
        html.map(|html| docs::html_to_markdown(html, &|name| self.symbols.doc_link(name)))
            .filter(|md| !md.trim().is_empty())
    }

    /// Whether `Debug` must redact the member's value: the member or its target is sensitive,
    /// or the target is a list or map holding sensitive values. A structure or union target
    /// that is not sensitive itself redacts its own sensitive parts.
    pub fn is_sensitive(&self, member: &Member) -> bool {
        fn holds_sensitive(ctx: &Context<'_>, member: &Member) -> bool {
            let target = ctx.shape(&member.target);
            member.traits.sensitive
                || target.traits.sensitive
                || match &target.kind {
                    ShapeKind::List(item) => holds_sensitive(ctx, item),
                    ShapeKind::Map { key, value } => {
                        holds_sensitive(ctx, key) || holds_sensitive(ctx, value)
                    }
                    _ => false,
                }
        }
        holds_sensitive(self, member)
    }

    /// The documentation of a member: its own, else its target's, else `fallback`.
    pub fn member_docs(&self, member: &Member, fallback: &str) -> TokenStream {
        let target = self.shape(&member.target);
        let markdown = self
            .markdown(member.traits.documentation.as_deref())
            .or_else(|| self.markdown(target.traits.documentation.as_deref()))
            .unwrap_or_else(|| fallback.to_owned());
        let mut docs = doc_lines(&markdown);
        if let Some(deprecated) = member.traits.deprecated.as_ref().or(self
            .shape(&member.target)
            .traits
            .deprecated
            .as_ref())
        {
            let note = match &deprecated.message {
                Some(message) => format!(
                    "**Deprecated:** {}",
                    docs::html_to_markdown(message, &|_| None)
                ),
                None => "**Deprecated.**".to_owned(),
            };
            docs.extend(doc_lines(&format!("\n{note}")));
        }
        docs
    }
}

/// What `Debug` shows in place of a sensitive value.
pub const REDACTED: &str = "*** Sensitive Data Redacted ***";

/// `#[doc = " line"]` attributes, one per line of `markdown`.
pub fn doc_lines(markdown: &str) -> TokenStream {
    doc_line_texts(markdown)
        .map(|line| quote! { #[doc = #line] })
        .collect()
}

/// Inner `#![doc]` attributes, for module documentation.
pub fn inner_doc_lines(markdown: &str) -> TokenStream {
    doc_line_texts(markdown)
        .map(|line| quote! { #![doc = #line] })
        .collect()
}

/// The text of each doc line: a space before non-empty lines, so they render as `/// text`.
fn doc_line_texts(markdown: &str) -> impl Iterator<Item = String> + '_ {
    markdown.trim_end().lines().map(|line| {
        if line.is_empty() {
            String::new()
        } else {
            format!(" {line}")
        }
    })
}

/// An identifier from a name the symbol table made; raw identifiers keep their `r#`.
pub fn ident(name: &str) -> Ident {
    match name.strip_prefix("r#") {
        Some(raw) => Ident::new_raw(raw, Span::call_site()),
        None => Ident::new(name, Span::call_site()),
    }
}

/// The `use` declarations one file needs, collected while its items are emitted.
///
/// Types of one name live in different modules (the shape `ConverseOutput` in `types`, the
/// output of `Converse` in `operation::converse`), so an item is imported by its name only when
/// that name means nothing else in the file: not a type the file defines, nor an item imported
/// first from another path. Otherwise it is written as its path.
#[derive(Clone)]
pub struct Imports {
    here: Home,
    /// The type names the file defines.
    defined: BTreeSet<String>,
    uses: BTreeSet<Vec<String>>,
    /// The path each imported name stands for.
    imported: BTreeMap<String, Vec<String>>,
    /// Names are written as whole paths and nothing is imported (see [`Imports::qualifying`]).
    qualify: bool,
}

impl Imports {
    /// Imports for the file that holds the types of `here`.
    pub fn new(symbols: &Symbols, here: Home) -> Self {
        Self {
            defined: symbols.defined_in(&here),
            here,
            uses: BTreeSet::new(),
            imported: BTreeMap::new(),
            qualify: false,
        }
    }

    /// Names for code that only some features compile (the client's, behind `client-core`):
    /// whole paths, imported nowhere, since a `use` for them would be unused without the
    /// feature. Names defined in this file stay bare.
    pub fn qualifying(&self) -> Self {
        Self {
            qualify: true,
            ..self.clone()
        }
    }

    /// The name of a generated type, importing it unless it is defined in this file.
    pub fn named(&mut self, symbols: &Symbols, id: &ShapeId) -> TokenStream {
        let symbol = symbols.type_of(id);
        self.defined_at(&symbol.home, &symbol.name)
    }

    /// The error enum of the event stream `id`, beside the union.
    pub fn stream_error(&mut self, symbols: &Symbols, id: &ShapeId) -> TokenStream {
        let symbol = symbols.type_of(id);
        let name = symbol
            .stream_error
            .as_deref()
            .expect("the symbol table names the error enum of every event stream");
        self.defined_at(&symbol.home, name)
    }

    /// The item `name` of the generated file `home`: its name when that is this file, else
    /// imported by its public path.
    fn defined_at(&mut self, home: &Home, name: &str) -> TokenStream {
        if *home == self.here {
            let name = ident(name);
            return quote!(#name);
        }
        let mut path = vec!["crate".to_owned()];
        path.extend(home.public_path());
        path.push(name.to_owned());
        let path: Vec<&str> = path.iter().map(String::as_str).collect();
        self.item(&path)
    }

    /// Imports an item by path and returns its last segment; or returns the whole path when
    /// the last segment already means something else here.
    pub fn item(&mut self, path: &[&str]) -> TokenStream {
        let path: Vec<String> = path.iter().map(|s| (*s).to_owned()).collect();
        let last = path.last().expect("a path has a last segment").clone();
        let free = !self.qualify
            && !self.defined.contains(&last)
            && self.imported.get(&last).is_none_or(|first| *first == path);
        if !free {
            let segments = path.iter().map(|s| ident(s));
            return quote!(#(#segments)::*);
        }
        self.imported.insert(last.clone(), path.clone());
        self.uses.insert(path);
        let name = ident(&last);
        quote!(#name)
    }

    /// The Rust type of values of `ty`.
    pub fn rust_type(&mut self, symbols: &Symbols, ty: &RustType) -> TokenStream {
        match ty {
            RustType::String => quote!(String),
            RustType::Bool => quote!(bool),
            RustType::I8 => quote!(i8),
            RustType::I16 => quote!(i16),
            RustType::I32 => quote!(i32),
            RustType::I64 => quote!(i64),
            RustType::F32 => quote!(f32),
            RustType::F64 => quote!(f64),
            RustType::Timestamp => self.item(&["crate", "primitives", "Timestamp"]),
            RustType::Blob => quote!(Vec<u8>),
            RustType::ByteStream => self.item(&["crate", "primitives", "ByteStream"]),
            RustType::EventStream(id) => {
                let receiver = self.item(&["crate", "primitives", "EventReceiver"]);
                let events = self.named(symbols, id);
                let error = self.stream_error(symbols, id);
                quote!(#receiver<#events, #error>)
            }
            RustType::EventInput(id) => {
                let input = self.item(&["crate", "primitives", "EventStreamInput"]);
                let events = self.named(symbols, id);
                quote!(#input<#events>)
            }
            RustType::Document => self.item(&["crate", "primitives", "Document"]),
            RustType::Nullable(inner) => {
                let inner = self.rust_type(symbols, inner);
                quote!(Option<#inner>)
            }
            RustType::Named(id) => self.named(symbols, id),
            RustType::List(item) => {
                let item = self.rust_type(symbols, item);
                quote!(Vec<#item>)
            }
            RustType::Map(key, value) => {
                let map = self.item(&["std", "collections", "HashMap"]);
                let key = self.rust_type(symbols, key);
                let value = self.rust_type(symbols, value);
                quote!(#map<#key, #value>)
            }
        }
    }

    /// The `use` items, grouped by their path up to the last segment, in sorted order.
    pub fn to_tokens(&self) -> TokenStream {
        let mut groups: std::collections::BTreeMap<&[String], Vec<&String>> =
            std::collections::BTreeMap::new();
        for path in &self.uses {
            let (last, prefix) = path.split_last().expect("paths are not empty");
            groups.entry(prefix).or_default().push(last);
        }
        groups
            .into_iter()
            .map(|(prefix, names)| {
                let prefix = prefix.iter().map(|s| ident(s));
                let names: Vec<Ident> = names.iter().map(|s| ident(s)).collect();
                if names.len() == 1 {
                    let name = &names[0];
                    quote! { use #(#prefix::)* #name; }
                } else {
                    quote! { use #(#prefix::)* { #(#names),* }; }
                }
            })
            .collect()
    }
}

/// `format_ident!` for names the symbol table made with a prefix (`is_…`, `set_…`).
pub fn prefixed(prefix: &str, name: &str) -> Ident {
    format_ident!("{}{}", prefix, crate::symbols::strip_raw(name))
}

/// `text` as a Markdown code span, with a fence longer than any run of backticks inside.
pub fn code_span(text: &str) -> String {
    let longest = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    if text.starts_with('`') || text.ends_with('`') || text.is_empty() {
        format!("{fence} {text} {fence}")
    } else {
        format!("{fence}{text}{fence}")
    }
}
