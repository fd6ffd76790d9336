//! A survey of botocore's waiters: how many of the waiters of the services whose protocol is
//! `json` or `rest-json` the generator compiles, and why it skips the others. It reads the
//! botocore data folder `BOTOCORE_DATA` (uncompressed), so it is ignored by default:
//!
//! ```bash
//! python3 -m pip download botocore==1.44.5 --no-deps -d /tmp/bc && cd /tmp/bc && \
//!   unzip -q -o *.whl 'botocore/data/*/*/service-2.json*' 'botocore/data/*/*/waiters-2.json*' && \
//!   find botocore/data -name '*.json.gz' -exec gunzip -f {} +
//! BOTOCORE_DATA=/tmp/bc/botocore/data cargo test -p codegen --test botocore_waiters -- --ignored --nocapture
//! ```
//!
//! The figures it prints are the ones `codegen/src/emit/jmespath.rs` records.

use std::path::Path;

/// botocore's `PRIORITY_ORDERED_SUPPORTED_PROTOCOLS`.
const PRIORITY: &[&str] = &[
    "json",
    "rest-json",
    "rest-xml",
    "smithy-rpc-v2-cbor",
    "query",
    "ec2",
];

fn read_json(path: &Path) -> serde_json::Value {
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// The protocol botocore speaks for the model.
fn protocol(service: &serde_json::Value) -> String {
    let metadata = &service["metadata"];
    let listed: Vec<&str> = match metadata["protocols"].as_array() {
        Some(list) => list.iter().filter_map(|p| p.as_str()).collect(),
        None => vec![metadata["protocol"].as_str().unwrap()],
    };
    PRIORITY
        .iter()
        .find(|p| listed.contains(p))
        .copied()
        .unwrap_or(listed[0])
        .to_owned()
}

#[test]
#[ignore = "reads botocore's data folder, named by BOTOCORE_DATA"]
fn count_the_json_protocol_waiters_the_generator_compiles() {
    let data = std::env::var("BOTOCORE_DATA").expect("BOTOCORE_DATA names botocore's data folder");
    let (mut services, mut total, mut compiled) = (0, 0, 0);
    let mut skipped = Vec::new();
    // Waiters of models the generator cannot load or name yet, whatever their paths.
    let mut unreached = Vec::new();
    let (mut paths, mut unparsed) = (0, Vec::new());
    let mut entries: Vec<_> = std::fs::read_dir(&data)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for service in entries {
        let mut versions: Vec<_> = std::fs::read_dir(&service)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        versions.sort();
        let Some(folder) = versions.pop() else {
            continue;
        };
        if !folder.join("waiters-2.json").is_file() || !folder.join("service-2.json").is_file() {
            continue;
        }
        if !["json", "rest-json"]
            .contains(&protocol(&read_json(&folder.join("service-2.json"))).as_str())
        {
            continue;
        }
        let waiters = read_json(&folder.join("waiters-2.json"));
        let waiters = waiters["waiters"].as_object().unwrap();
        let count = waiters.len();
        // Every path parses, in the models the generator loads and in the others.
        for (name, waiter) in waiters {
            for acceptor in waiter["acceptors"].as_array().unwrap() {
                if let Some(path) = acceptor["argument"].as_str() {
                    paths += 1;
                    if let Err(error) = codegen::jmespath::parse(path) {
                        unparsed.push(format!("{}: {name}: `{path}`: {error}", folder.display()));
                    }
                }
            }
        }
        services += 1;
        total += count;
        let source = codegen::source::read(&folder, Some(Path::new(&data))).unwrap();
        match codegen::compile_waiters(&source, &codegen::Options::default()) {
            Ok((done, skips)) => {
                compiled += done.len();
                skipped.extend(
                    skips
                        .into_iter()
                        .map(|s| format!("{}: {s}", source.main.display)),
                );
            }
            Err(error) if count > 0 => unreached.push((count, error.to_string())),
            Err(_) => {}
        }
    }
    for line in &skipped {
        println!("skipped  {line}");
    }
    for (count, error) in &unreached {
        println!("{count} waiters in a model not generated: {error}");
    }
    let unreached_waiters: usize = unreached.iter().map(|(count, _)| count).sum();
    println!(
        "{total} waiters in {services} json and rest-json services: {compiled} compiled, {} \
         skipped, {unreached_waiters} in {} models the generator cannot load or name yet",
        skipped.len(),
        unreached.len()
    );
    for line in &unparsed {
        println!("not parsed  {line}");
    }
    println!("{} of {paths} paths parse", paths - unparsed.len());
    assert_eq!(compiled + skipped.len() + unreached_waiters, total);
}
