//! In-process cost of each stage on the vendored Inspector model:
//! `cargo bench -p codegen --bench generate`.

use std::path::Path;

use codegen::source::{self, ModelSource};

fn main() {
    divan::main();
}

fn inspector() -> ModelSource {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
    source::read(&root.join("models/inspector/2016-02-16"), Some(root)).unwrap()
}

/// The whole pipeline short of writing: load, transform, name, emit, render.
#[divan::bench]
fn generate_whole_crate(bencher: divan::Bencher) {
    let source = inspector();
    bencher.bench(|| codegen::generate(&source, &codegen::Options::default()).unwrap());
}

/// Loading the botocore JSON into the model IR.
#[divan::bench]
fn load_model(bencher: divan::Bencher) {
    let source = inspector();
    bencher.bench(|| codegen::load::load(&source).unwrap());
}
