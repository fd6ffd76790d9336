//! The symbol table: the one place that decides every Rust name, type and module the generated
//! crate uses. Emitters ask it; they never make a name up.
//!
//! Type names live in the modules aws-sdk-rust puts them in, and only need to be unique there:
//! shapes in `types` (errors in `types::error`), their builders in `types::builders`, an
//! operation's input, output, error enum, their builders, fluent builder and paginator in
//! `operation::<module>`, a waiter's types in `waiters::<module>`. So the shape `ConverseOutput`
//! and the output of `Converse`, or the builder of `AppBlock` and the shape `AppBlockBuilder`,
//! are two types of one name in two modules; a file that needs both imports one and writes the
//! other as a path (`emit::context::Imports`). Two model names that become one Rust name in
//! one module are an error naming both.

use std::collections::{BTreeMap, BTreeSet};

use crate::error::{Error, Result};
use crate::model::{Member, Model, ShapeId, ShapeKind};
use crate::naming;

/// Where a generated type lives.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Home {
    /// `crate::types`, in its own file `src/types/<file>.rs`.
    Types {
        /// The private module (and file) name.
        file: String,
    },
    /// `crate::types::error`, in `src/types/error/<file>.rs`.
    TypesError {
        /// The private module (and file) name.
        file: String,
    },
    /// `crate::operation::<module>`, in `src/operation/<module>.rs`.
    Operation {
        /// The operation's public module name.
        module: String,
    },
    /// `crate::waiters::<module>`, in `src/waiters/<module>.rs`.
    Waiter {
        /// The waiter's public module name.
        module: String,
    },
}

impl Home {
    /// The public module path the type is reachable at, e.g. `["types", "error"]`.
    pub fn public_path(&self) -> Vec<String> {
        match self {
            Home::Types { .. } => vec!["types".into()],
            Home::TypesError { .. } => vec!["types".into(), "error".into()],
            Home::Operation { module } => vec!["operation".into(), module.clone()],
            Home::Waiter { module } => vec!["waiters".into(), module.clone()],
        }
    }

    /// The path of the file, relative to the crate's `src/`.
    pub fn file_path(&self) -> String {
        match self {
            Home::Types { file } => format!("types/{}.rs", strip_raw(file)),
            Home::TypesError { file } => format!("types/error/{}.rs", strip_raw(file)),
            Home::Operation { module } => format!("operation/{}.rs", strip_raw(module)),
            Home::Waiter { module } => format!("waiters/{}.rs", strip_raw(module)),
        }
    }
}

/// `r#type` → `type`: the name of the file a raw-named module lives in.
pub fn strip_raw(ident: &str) -> &str {
    ident.strip_prefix("r#").unwrap_or(ident)
}

/// The Rust names of a structure, union, enum or error shape.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TypeSymbol {
    /// The type's name.
    pub name: String,
    /// Its builder's name; structures have one.
    pub builder: Option<String>,
    /// Where it lives.
    pub home: Home,
    /// The error enum of an event stream (a `streaming` union), beside the union: one variant
    /// per exception member.
    pub stream_error: Option<String>,
}

/// The Rust names of a member of a structure or union.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MemberSymbol {
    /// The member's name in the model, also its name on the wire.
    pub wire_name: String,
    /// The field, accessor and builder setter name; for unions, the variant name.
    pub name: String,
    /// The snake_case stem the member's prefixed methods are made of, never escaped:
    /// `type` for `set_type` and `as_type`. Not an identifier on its own.
    pub stem: String,
    /// The builder's `set_` method (structures).
    pub set: String,
    /// The builder's `get_` method (structures).
    pub get: String,
}

/// The names an error shape takes in the error enums of the operations that return it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ErrorVariantSymbol {
    /// The variant, the error's type name unless a built-in variant has it (`Unhandled`,
    /// `InvalidResponse`).
    pub name: String,
    /// The `is_` method.
    pub predicate: String,
}

/// The Rust names of an operation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OperationSymbol {
    /// The operation's name in the model, e.g. `DescribeAssessmentRuns`.
    pub model_name: String,
    /// The public module, e.g. `describe_assessment_runs`.
    pub module: String,
    /// The error enum, e.g. `DescribeAssessmentRunsError`.
    pub error: String,
    /// The fluent builder the client's method returns, e.g.
    /// `DescribeAssessmentRunsFluentBuilder`.
    pub fluent_builder: String,
    /// The paginator, when the operation is paginated, e.g. `DescribeAssessmentRunsPaginator`.
    pub paginator: String,
}

/// The Rust names of a waiter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WaiterSymbol {
    /// The waiter's name in the model, e.g. `ConnectorConnected`.
    pub model_name: String,
    /// The public module of its types, e.g. `connector_connected`.
    pub module: String,
    /// The client's method, e.g. `wait_until_connector_connected`.
    pub method: String,
    /// The fluent builder, e.g. `ConnectorConnectedFluentBuilder`.
    pub builder: String,
    /// The alias of what a successful wait returns, e.g. `ConnectorConnectedFinalPoll`.
    pub final_poll: String,
    /// The alias of a failed wait's error, e.g. `WaitUntilConnectorConnectedError`.
    pub error: String,
}

/// One variant of a generated enum.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VariantSymbol {
    /// The value on the wire.
    pub value: String,
    /// The variant's name.
    pub name: String,
}

/// The Rust type a member holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RustType {
    /// `String`.
    String,
    /// `bool`.
    Bool,
    /// `i8`.
    I8,
    /// `i16`.
    I16,
    /// `i32`.
    I32,
    /// `i64`.
    I64,
    /// `f32`.
    F32,
    /// `f64`.
    F64,
    /// A point in time.
    Timestamp,
    /// Bytes.
    Blob,
    /// A streaming blob (a payload read or written chunk by chunk): `primitives::ByteStream`.
    ByteStream,
    /// An event stream (a `streaming` union), read event by event: the runtime's
    /// `EventReceiver` of the union and its error enum.
    EventStream(ShapeId),
    /// An input event stream (a `streaming` union an operation's input sends), sent event by
    /// event: the runtime's `EventStreamInput` of the union.
    EventInput(ShapeId),
    /// Untyped JSON-like data (`primitives::Document`).
    Document,
    /// `Option<T>`: an item of a sparse list or a value of a sparse map, which may be null.
    Nullable(Box<RustType>),
    /// A generated type.
    Named(ShapeId),
    /// `Vec<T>`.
    List(Box<RustType>),
    /// `HashMap<K, V>`.
    Map(Box<RustType>, Box<RustType>),
}

impl RustType {
    /// Whether values are `Copy`, so accessors return them by value.
    pub fn is_copy(&self) -> bool {
        matches!(
            self,
            RustType::Bool
                | RustType::I8
                | RustType::I16
                | RustType::I32
                | RustType::I64
                | RustType::F32
                | RustType::F64
                | RustType::Timestamp
        )
    }
}

/// Every Rust name of one generated crate.
#[derive(Debug, Clone)]
pub struct Symbols {
    types: BTreeMap<ShapeId, TypeSymbol>,
    operations: BTreeMap<ShapeId, OperationSymbol>,
    members: BTreeMap<ShapeId, Vec<MemberSymbol>>,
    variants: BTreeMap<ShapeId, Vec<VariantSymbol>>,
    error_variants: BTreeMap<ShapeId, ErrorVariantSymbol>,
    waiters: BTreeMap<String, WaiterSymbol>,
    /// Which operation each synthetic input/output belongs to.
    operation_of: BTreeMap<ShapeId, ShapeId>,
    /// `input` or `output`, for each synthetic input/output.
    io_role: BTreeMap<ShapeId, &'static str>,
    /// The static holding each distinct pattern's compiled regular expression.
    patterns: BTreeMap<String, String>,
    /// The event-stream unions an operation's input sends (the others are received).
    input_streams: BTreeSet<ShapeId>,
}

/// Method names the generated code defines on structures and builders, or whose trait methods
/// (`Default`, `Clone`, `Debug` and `Display`) an inherent method would shadow; a member whose
/// name would take one of these gets a trailing `_`.
const RESERVED_METHODS: &[&str] = &[
    "builder",
    "build",
    "validate",
    "collect_violations",
    "default",
    "clone",
    "fmt",
];

/// The `std::error::Error` method an inherent method of an error structure would shadow.
const RESERVED_ERROR_METHODS: &[&str] = &["source"];

/// The methods the generated code defines on unions beside the members' `as_`/`is_` pairs.
const RESERVED_UNION_METHODS: &[&str] = &["is_unknown", "collect_violations"];

/// The variants every operation error enum has besides the modelled errors, and their `is_`
/// methods: the catch-all, and a response that could not be read.
const BUILT_IN_ERROR_VARIANTS: &[(&str, &str)] = &[
    ("Unhandled", "is_unhandled"),
    ("InvalidResponse", "is_invalid_response"),
];

/// Module names `crate::types` defines itself.
const RESERVED_TYPES_MODULES: &[&str] = &["error", "builders"];

/// The shapes an operation input reaches, its own included: the ones `validate()` walks. An
/// event stream's events are not walked: they are sent one by one after the call has started,
/// and not checked up front.
pub fn reached_from_inputs(model: &Model) -> BTreeSet<ShapeId> {
    let mut reached = BTreeSet::new();
    let mut pending: Vec<ShapeId> = model
        .operations()
        .filter_map(|(_, operation)| operation.input.clone())
        .collect();
    while let Some(id) = pending.pop() {
        if !reached.insert(id.clone()) {
            continue;
        }
        if let Some(shape) = model.shape(&id).filter(|shape| !shape.traits.event_stream) {
            pending.extend(shape.kind.members().into_iter().map(|m| m.target.clone()));
        }
    }
    reached
}

/// The event-stream unions that operations' inputs send.
pub(crate) fn input_streams(model: &Model) -> BTreeSet<ShapeId> {
    let mut streams = BTreeSet::new();
    for (_, operation) in model.operations() {
        let Some(input) = operation.input.as_ref().and_then(|id| model.shapes.get(id)) else {
            continue;
        };
        let ShapeKind::Structure(members) = &input.kind else {
            continue;
        };
        for member in members {
            if model
                .shapes
                .get(&member.target)
                .is_some_and(|target| target.traits.event_stream)
            {
                streams.insert(member.target.clone());
            }
        }
    }
    streams
}

impl Symbols {
    /// Whether `id` is an event stream that an operation's input sends.
    pub fn is_input_stream(&self, id: &ShapeId) -> bool {
        self.input_streams.contains(id)
    }

    /// Names everything in `model`. `file` is named in errors.
    pub fn new(model: &Model, file: &str) -> Result<Self> {
        let mut symbols = Symbols {
            types: BTreeMap::new(),
            operations: BTreeMap::new(),
            members: BTreeMap::new(),
            variants: BTreeMap::new(),
            error_variants: BTreeMap::new(),
            waiters: BTreeMap::new(),
            operation_of: BTreeMap::new(),
            io_role: BTreeMap::new(),
            patterns: BTreeMap::new(),
            input_streams: input_streams(model),
        };
        let mut modules = Taken::new(file);
        for (id, operation) in model.operations() {
            let module = naming::value_ident(id.name())
                .map_err(|e| Error::shape(file, id, e.to_string()))?;
            modules.claim(&module, &format!("the operation `{id}`"), "module")?;
            // The operation's module is a namespace of its own.
            let mut taken = Taken::new(file);
            let error = suffixed(&type_name(file, id)?, "Error");
            taken.claim(&error, &format!("the error enum of `{id}`"), "type")?;
            let fluent_builder = format!("{}FluentBuilder", id.name());
            let paginator = format!("{}Paginator", id.name());
            taken.claim(
                &fluent_builder,
                &format!("the fluent builder of `{id}`"),
                "type",
            )?;
            taken.claim(&paginator, &format!("the paginator of `{id}`"), "type")?;
            let io = [
                (&operation.input, "Input", "input"),
                (&operation.output, "Output", "output"),
            ];
            for (io, suffix, role) in io {
                let Some(io) = io else { continue };
                symbols.operation_of.insert(io.clone(), id.clone());
                symbols.io_role.insert(io.clone(), role);
                let name = suffixed(&type_name(file, id)?, suffix);
                let home = Home::Operation {
                    module: module.clone(),
                };
                let who = format!("the {role} of `{id}`");
                // The builders are in the operation's module too.
                symbols.add_type(&mut taken, None, &who, io, name, home, true)?;
            }
            symbols.operations.insert(
                id.clone(),
                OperationSymbol {
                    model_name: id.name().to_owned(),
                    module,
                    error,
                    fluent_builder,
                    paginator,
                },
            );
        }

        // Waiter types are in a module each; one namespace for all keeps the client's
        // documentation unambiguous.
        let mut taken = Taken::new(file);
        let mut waiter_modules = Taken::new(file);
        for name in model.service.waiters.keys() {
            let module = naming::value_ident(name)
                .map_err(|e| Error::model(file, format!("waiter `{name}`: {e}")))?;
            let who = format!("the waiter `{name}`");
            waiter_modules.claim(&module, &who, "module")?;
            let stem = naming::pascal_case(name);
            let symbol = WaiterSymbol {
                model_name: name.clone(),
                method: format!("wait_until_{}", strip_raw(&module)),
                module,
                builder: format!("{stem}FluentBuilder"),
                final_poll: format!("{stem}FinalPoll"),
                error: format!("WaitUntil{stem}Error"),
            };
            for (name, what) in [
                (&symbol.builder, "fluent builder"),
                (&symbol.final_poll, "final poll"),
                (&symbol.error, "error"),
            ] {
                taken.claim(name, &format!("the {what} of {who}"), "type")?;
            }
            symbols.waiters.insert(symbol.model_name.clone(), symbol);
        }

        // Shapes: `types` and `types::error`, one namespace so that every shape keeps a name
        // of its own; their builders: `types::builders` and `types::error::builders`.
        let mut taken = Taken::new(file);
        let mut builders = Taken::new(file);
        let mut files = Taken::new(file);
        for shape in model.shapes.values() {
            let is_named_type = matches!(
                shape.kind,
                ShapeKind::Structure(_) | ShapeKind::Union(_) | ShapeKind::Enum(_)
            );
            if !is_named_type || symbols.operation_of.contains_key(&shape.id) {
                continue;
            }
            let name = type_name(file, &shape.id)?;
            let mut module = naming::value_ident(&name)
                .map_err(|e| Error::shape(file, &shape.id, e.to_string()))?;
            if RESERVED_TYPES_MODULES.contains(&module.as_str()) {
                module.push('_');
            }
            let home = if shape.traits.error.is_some() {
                Home::TypesError { file: module }
            } else {
                Home::Types { file: module }
            };
            let who = format!("the shape `{}`", shape.id);
            let path = home.file_path();
            let has_builder = matches!(shape.kind, ShapeKind::Structure(_));
            let builders = Some(&mut builders);
            symbols.add_type(
                &mut taken,
                builders,
                &who,
                &shape.id,
                name,
                home,
                has_builder,
            )?;
            files.claim(&path, &who, "file")?;
        }
        // An event stream's error enum shares the namespace: `<Union>Error`, or, when a shape
        // has that name, `<Union>StreamError`.
        for shape in model.shapes.values() {
            // An input stream has no error enum: its exceptions come on the output.
            if !(shape.traits.event_stream && matches!(shape.kind, ShapeKind::Union(_)))
                || symbols.input_streams.contains(&shape.id)
            {
                continue;
            }
            let Some(symbol) = symbols.types.get_mut(&shape.id) else {
                continue;
            };
            let who = format!("the error enum of the event stream `{}`", shape.id);
            let plain = suffixed(&symbol.name, "Error");
            let name = if taken.by.contains_key(&plain) {
                suffixed(&symbol.name, "StreamError")
            } else {
                plain
            };
            taken.claim(&name, &who, "type")?;
            symbol.stream_error = Some(name);
        }

        for (id, operation) in model.operations() {
            symbols.name_error_variants(file, id, &operation.errors)?;
        }

        for shape in model.shapes.values() {
            // Messages about an operation's input or output name the operation: the synthetic
            // shape the transform stage made for it is not in the user's model.
            let owner = match symbols.operation_of.get(&shape.id) {
                Some(operation) => MemberOwner {
                    shape: operation,
                    role: symbols.io_role[&shape.id],
                },
                None => MemberOwner {
                    shape: &shape.id,
                    role: "",
                },
            };
            match &shape.kind {
                ShapeKind::Structure(members) => {
                    let reserved: &[&str] = if shape.traits.error.is_some() {
                        RESERVED_ERROR_METHODS
                    } else {
                        &[]
                    };
                    let named = name_members(file, &owner, members, Some(reserved))?;
                    symbols.members.insert(shape.id.clone(), named);
                }
                ShapeKind::Union(members) => {
                    let named = name_members(file, &owner, members, None)?;
                    symbols.members.insert(shape.id.clone(), named);
                }
                ShapeKind::Enum(values) => {
                    let values: Vec<&str> = values.iter().map(|v| v.value.as_str()).collect();
                    symbols
                        .variants
                        .insert(shape.id.clone(), name_variants(&values));
                }
                _ => {}
            }
        }
        // Only inputs are validated: the patterns of shapes an input reaches.
        let reached = reached_from_inputs(model);
        let mut patterns: Vec<&str> = Vec::new();
        for shape in reached.iter().filter_map(|id| model.shape(id)) {
            if matches!(shape.kind, ShapeKind::String) {
                patterns.extend(shape.traits.pattern.as_deref());
            }
            for member in shape.kind.members() {
                let is_string = model
                    .shape(&member.target)
                    .is_some_and(|t| matches!(t.kind, ShapeKind::String));
                if is_string {
                    patterns.extend(member.traits.pattern.as_deref());
                }
            }
        }
        patterns.sort_unstable();
        patterns.dedup();
        for (index, pattern) in patterns.into_iter().enumerate() {
            symbols
                .patterns
                .insert(pattern.to_owned(), format!("PATTERN_{}", index + 1));
        }
        Ok(symbols)
    }

    /// The static holding the compiled `pattern`.
    pub fn pattern_static(&self, pattern: &str) -> &str {
        &self.patterns[pattern]
    }

    /// Every distinct pattern and its static, sorted by pattern.
    pub fn patterns(&self) -> impl Iterator<Item = (&str, &str)> {
        self.patterns.iter().map(|(p, n)| (p.as_str(), n.as_str()))
    }

    /// The variant and `is_` method the error shape `id` has in operation error enums.
    pub fn error_variant(&self, id: &ShapeId) -> &ErrorVariantSymbol {
        self.error_variants
            .get(id)
            .unwrap_or_else(|| panic!("no error variant for `{id}`: no operation returns it"))
    }

    /// Names the variants of the errors of `operation`, each error once across operations,
    /// and checks that they and the catch-all are distinct within this operation's enum.
    fn name_error_variants(
        &mut self,
        file: &str,
        operation: &ShapeId,
        errors: &[ShapeId],
    ) -> Result<()> {
        let mut taken = Taken::new(file);
        for (variant, method) in BUILT_IN_ERROR_VARIANTS {
            let who = format!("the built-in `{variant}` variant of `{operation}`'s errors");
            taken.claim(variant, &who, "variant")?;
            taken.claim(method, &who, "method")?;
        }
        for error in errors {
            let type_name = &self.type_of(error).name;
            let name = if BUILT_IN_ERROR_VARIANTS.iter().any(|(v, _)| v == type_name) {
                format!("{type_name}Value")
            } else {
                type_name.clone()
            };
            let predicate = format!("is_{}", naming::snake_case(&name));
            let who = format!("the error `{error}` of `{operation}`");
            taken.claim(&name, &who, "variant")?;
            taken.claim(&predicate, &who, "method")?;
            self.error_variants
                .insert(error.clone(), ErrorVariantSymbol { name, predicate });
        }
        Ok(())
    }

    /// Names the type of `id`, which messages call `who`, in the namespace `types`; its
    /// builder in `builders`, or in `types` too when that is `None`.
    #[allow(clippy::too_many_arguments)]
    fn add_type<'f>(
        &mut self,
        types: &mut Taken<'f>,
        builders: Option<&mut Taken<'f>>,
        who: &str,
        id: &ShapeId,
        name: String,
        home: Home,
        has_builder: bool,
    ) -> Result<()> {
        types.claim(&name, who, "type")?;
        let builder = if has_builder {
            let builder = suffixed(&name, "Builder");
            let who = format!("the builder of {who}");
            builders.unwrap_or(types).claim(&builder, &who, "type")?;
            Some(builder)
        } else {
            None
        };
        self.types.insert(
            id.clone(),
            TypeSymbol {
                name,
                builder,
                home,
                stream_error: None,
            },
        );
        Ok(())
    }

    /// The type names the file of `home` defines at its top level: an item of another module
    /// with one of these names is written there as a path, not imported.
    pub fn defined_in(&self, home: &Home) -> BTreeSet<String> {
        let mut names = BTreeSet::new();
        for symbol in self.types.values().filter(|symbol| symbol.home == *home) {
            names.insert(symbol.name.clone());
            names.extend(symbol.builder.clone());
            names.extend(symbol.stream_error.clone());
        }
        match home {
            Home::Operation { module } => {
                for operation in self.operations.values().filter(|o| o.module == *module) {
                    names.insert(operation.error.clone());
                    names.insert(operation.fluent_builder.clone());
                    names.insert(operation.paginator.clone());
                }
            }
            Home::Waiter { module } => {
                for waiter in self.waiters.values().filter(|w| w.module == *module) {
                    names.insert(waiter.builder.clone());
                    names.insert(waiter.final_poll.clone());
                    names.insert(waiter.error.clone());
                }
            }
            Home::Types { .. } | Home::TypesError { .. } => {}
        }
        names
    }

    /// The names of a structure, union or enum shape.
    pub fn type_of(&self, id: &ShapeId) -> &TypeSymbol {
        self.types
            .get(id)
            .unwrap_or_else(|| panic!("no type symbol for `{id}`: not a named shape"))
    }

    /// Every named type, by shape id.
    pub fn types(&self) -> &BTreeMap<ShapeId, TypeSymbol> {
        &self.types
    }

    /// The names of an operation.
    pub fn operation(&self, id: &ShapeId) -> &OperationSymbol {
        &self.operations[id]
    }

    /// The names of the waiter `name`.
    pub fn waiter(&self, name: &str) -> &WaiterSymbol {
        &self.waiters[name]
    }

    /// The operation a synthetic input or output structure belongs to.
    pub fn operation_of(&self, id: &ShapeId) -> Option<&ShapeId> {
        self.operation_of.get(id)
    }

    /// The names of a structure's or union's members, in model order.
    pub fn members(&self, id: &ShapeId) -> &[MemberSymbol] {
        self.members.get(id).map(Vec::as_slice).unwrap_or_default()
    }

    /// The variants of an enum, in model order.
    pub fn variants(&self, id: &ShapeId) -> &[VariantSymbol] {
        self.variants.get(id).map(Vec::as_slice).unwrap_or_default()
    }

    /// The Rust type of values of the shape `id`.
    pub fn rust_type(&self, model: &Model, id: &ShapeId) -> RustType {
        let shape = &model.shapes[id];
        match &shape.kind {
            ShapeKind::String => RustType::String,
            ShapeKind::Boolean => RustType::Bool,
            ShapeKind::Byte => RustType::I8,
            ShapeKind::Short => RustType::I16,
            ShapeKind::Integer | ShapeKind::IntEnum(_) => RustType::I32,
            ShapeKind::Long => RustType::I64,
            ShapeKind::Float => RustType::F32,
            ShapeKind::Double => RustType::F64,
            ShapeKind::Timestamp => RustType::Timestamp,
            ShapeKind::Blob if shape.traits.streaming => RustType::ByteStream,
            ShapeKind::Blob => RustType::Blob,
            ShapeKind::Document => RustType::Document,
            ShapeKind::List(member) => {
                let item = self.rust_type(model, &member.target);
                RustType::List(Box::new(nullable_if(is_sparse(shape), item)))
            }
            ShapeKind::Map { key, value } => RustType::Map(
                Box::new(self.rust_type(model, &key.target)),
                Box::new(nullable_if(
                    is_sparse(shape),
                    self.rust_type(model, &value.target),
                )),
            ),
            ShapeKind::Union(_) if shape.traits.event_stream => {
                if self.input_streams.contains(id) {
                    RustType::EventInput(id.clone())
                } else {
                    RustType::EventStream(id.clone())
                }
            }
            ShapeKind::Structure(_) | ShapeKind::Union(_) | ShapeKind::Enum(_) => {
                RustType::Named(id.clone())
            }
            ShapeKind::BigInteger | ShapeKind::BigDecimal | ShapeKind::Operation(_) => {
                unreachable!("check_supported rejects {} shapes", shape.kind.name())
            }
        }
    }

    /// An intra-doc link path for a name written in the model's documentation
    /// (`<a>StartAssessmentRun</a>`): the operation's module, or a generated type.
    pub fn doc_link(&self, name: &str) -> Option<String> {
        if let Some(operation) = self.operations.values().find(|o| o.model_name == name) {
            return Some(format!("crate::operation::{}", operation.module));
        }
        self.types
            .iter()
            .find(|(id, _)| id.name() == name && !self.operation_of.contains_key(*id))
            .map(|(_, symbol)| {
                let mut path = vec!["crate".to_owned()];
                path.extend(symbol.home.public_path());
                path.push(symbol.name.clone());
                path.join("::")
            })
    }
}

/// The kinds of shape the generator cannot map to Rust yet: a member targeting such a shape
/// stops generation with an error naming it.
pub fn check_supported(model: &Model, file: &str) -> Result<()> {
    for shape in model.shapes.values() {
        if matches!(shape.kind, ShapeKind::BigInteger | ShapeKind::BigDecimal) {
            return Err(Error::shape(
                file,
                &shape.id,
                format!("{} shapes are not supported yet", shape.kind.name()),
            ));
        }
    }
    Ok(())
}

/// Whether a list or map may hold nulls (Smithy's `sparse` trait).
pub fn is_sparse(shape: &crate::model::Shape) -> bool {
    shape.traits.sparse
}

fn nullable_if(sparse: bool, ty: RustType) -> RustType {
    if sparse {
        RustType::Nullable(Box::new(ty))
    } else {
        ty
    }
}

/// A type name made of another and a suffix: `Self_` + `Builder` → `SelfBuilder`. The `_` that
/// keeps `Self_` from being a keyword would make `Self_Builder`, which is not CamelCase.
fn suffixed(name: &str, suffix: &str) -> String {
    format!("{}{suffix}", name.trim_end_matches('_'))
}

fn type_name(file: &str, id: &ShapeId) -> Result<String> {
    naming::type_ident(id.name()).map_err(|e| Error::shape(file, id, e.to_string()))
}

/// The shape messages about members name, and the role (`input`, `output`) the members have in
/// it when it is an operation.
struct MemberOwner<'a> {
    shape: &'a ShapeId,
    role: &'static str,
}

impl MemberOwner<'_> {
    /// `member `x``, `input member `x``.
    fn member(&self, name: &str) -> String {
        match self.role {
            "" => format!("member `{name}`"),
            role => format!("{role} member `{name}`"),
        }
    }
}

/// Names the members of a union (`structure_reserved` is `None`) or of a structure, whose
/// members also take a trailing `_` to avoid the method names in `structure_reserved`.
fn name_members(
    file: &str,
    owner: &MemberOwner<'_>,
    members: &[Member],
    structure_reserved: Option<&[&str]>,
) -> Result<Vec<MemberSymbol>> {
    let is_union = structure_reserved.is_none();
    let mut taken = Taken::new(file);
    if is_union {
        for method in RESERVED_UNION_METHODS {
            taken.claim(method, "the generated code", "method")?;
        }
    }
    let mut named = Vec::new();
    for member in members {
        let what = format!("the {} of `{}`", owner.member(&member.name), owner.shape);
        let no_words = || {
            Error::shape(
                file,
                owner.shape,
                format!(
                    "{} has no ASCII letter or digit to make a Rust identifier from",
                    owner.member(&member.name)
                ),
            )
        };
        let (name, stem) = if is_union {
            let variant = naming::variant_ident(&member.name).ok_or_else(no_words)?;
            let stem = naming::snake_case(&variant);
            taken.claim(&variant, &what, "variant")?;
            taken.claim(&format!("as_{stem}"), &what, "method")?;
            taken.claim(&format!("is_{stem}"), &what, "method")?;
            (variant, stem)
        } else {
            let mut name = naming::value_ident(&member.name).map_err(|_| no_words())?;
            let reserved = structure_reserved.unwrap_or_default();
            if RESERVED_METHODS.contains(&name.as_str()) || reserved.contains(&name.as_str()) {
                name.push('_');
            }
            let stem = strip_raw(&name).trim_end_matches('_').to_owned();
            taken.claim(&name, &what, "method")?;
            taken.claim(&format!("set_{stem}"), &what, "method")?;
            taken.claim(&format!("get_{stem}"), &what, "method")?;
            (name, stem)
        };
        named.push(MemberSymbol {
            wire_name: member.name.clone(),
            set: format!("set_{stem}"),
            get: format!("get_{stem}"),
            name,
            stem,
        });
    }
    Ok(named)
}

/// Names the variants of an enum from its values: unique, in model order. A value with no
/// letter or digit becomes `ValueN` (N its position, from 1); a name already taken gets the
/// smallest number from 2 that makes it unique.
pub fn name_variants(values: &[&str]) -> Vec<VariantSymbol> {
    let bases: Vec<String> = values
        .iter()
        .enumerate()
        .map(|(i, v)| naming::variant_ident(v).unwrap_or_else(|| format!("Value{}", i + 1)))
        .collect();
    let mut used: std::collections::BTreeSet<String> = std::collections::BTreeSet::new();
    // Names that come out of the conversion as they are win over numbered ones.
    let natural: std::collections::BTreeSet<&String> = bases.iter().collect();
    let mut variants = Vec::new();
    for (value, base) in values.iter().zip(&bases) {
        let mut name = base.clone();
        let mut n = 2;
        while used.contains(&name) || (name != *base && natural.contains(&name)) {
            name = suffixed(base, &n.to_string());
            n += 1;
        }
        used.insert(name.clone());
        variants.push(VariantSymbol {
            value: (*value).to_owned(),
            name,
        });
    }
    variants
}

/// Names claimed so far in one namespace, and who claimed them.
struct Taken<'a> {
    file: &'a str,
    by: BTreeMap<String, String>,
}

impl<'a> Taken<'a> {
    fn new(file: &'a str) -> Self {
        Self {
            file,
            by: BTreeMap::new(),
        }
    }

    fn claim(&mut self, name: &str, who: &str, what: &str) -> Result<()> {
        if let Some(first) = self.by.get(name) {
            return Err(Error::model(
                self.file,
                format!("names collide: {first} and {who} both become the Rust {what} `{name}`"),
            ));
        }
        self.by.insert(name.to_owned(), who.to_owned());
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn variant_names(values: &[&str]) -> Vec<String> {
        name_variants(values).into_iter().map(|v| v.name).collect()
    }

    #[test]
    fn variants_come_from_values() {
        assert_eq!(
            variant_names(&["START_DATA_COLLECTION_PENDING", "t2.micro", "1"]),
            ["StartDataCollectionPending", "T2Micro", "_1"]
        );
    }

    #[test]
    fn colliding_variants_are_numbered_in_model_order() {
        assert_eq!(
            variant_names(&["t2.micro", "T2_MICRO", "t2-micro"]),
            ["T2Micro", "T2Micro2", "T2Micro3"]
        );
    }

    #[test]
    fn numbering_never_takes_a_name_another_value_has_naturally() {
        assert_eq!(variant_names(&["a", "A", "a2"]), ["A", "A3", "A2"]);
    }

    #[test]
    fn values_without_letters_or_digits_are_numbered_by_position() {
        assert_eq!(variant_names(&["*", "", "x"]), ["Value1", "Value2", "X"]);
    }

    #[test]
    fn the_catch_all_name_is_never_taken_by_a_value() {
        assert_eq!(
            variant_names(&["UNKNOWN", "Unknown"]),
            ["UnknownValue", "UnknownValue2"]
        );
    }

    #[test]
    fn numbered_escaped_names_drop_the_escaping_underscore() {
        assert_eq!(
            variant_names(&["Self", "self", "SELF"]),
            ["Self_", "Self2", "Self3"]
        );
    }

    #[test]
    fn suffixes_join_escaped_type_names_without_underscore() {
        assert_eq!(suffixed("Self_", "Builder"), "SelfBuilder");
        assert_eq!(suffixed("Widget", "Builder"), "WidgetBuilder");
        assert_eq!(suffixed("_3Des", "Input"), "_3DesInput");
    }

    #[test]
    fn raw_idents_are_stored_in_files_without_the_prefix() {
        let home = Home::Types {
            file: "r#type".into(),
        };
        assert_eq!(home.file_path(), "types/type.rs");
    }
}
