//! Every fixture model's crate must compile cleanly: each is generated into one member crate
//! of a scratch workspace under `target/fixture-check/`, which then must pass
//! `cargo clippy --all-targets -- -D warnings`, `cargo test` (behaviour tests written below,
//! and any doctests) and `cargo doc` with `RUSTDOCFLAGS=-D warnings`. Tests that need a
//! crate's client (its `client-core` feature) and an async runtime live in an application
//! crate of the same workspace, `apps/<fixture>`, which depends on the fixture as a user would.
//!
//! The scratch workspace and its target folder are kept between runs, and files are only
//! rewritten when their content changes, so a repeated run only rebuilds what changed.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The fixtures that generate, each with the behaviour test written into its crate, if any.
const FIXTURES: &[(&str, Option<&str>)] = &[
    ("acronyms", Some(ACRONYMS_BEHAVIOUR)),
    ("all_kinds", Some(ALL_KINDS_BEHAVIOUR)),
    ("constraints", Some(CONSTRAINTS_BEHAVIOUR)),
    ("docs", None),
    ("enums", Some(ENUMS_BEHAVIOUR)),
    ("errors", Some(ERRORS_BEHAVIOUR)),
    ("event_streams", Some(EVENT_STREAMS_BEHAVIOUR)),
    ("keywords", Some(KEYWORDS_BEHAVIOUR)),
    ("recursion", Some(RECURSION_BEHAVIOUR)),
    ("waiters", None),
    ("waiters_smithy", None),
];

/// Application crates of the scratch workspace, each with the fixture it uses (with the
/// `client-core` feature) and its test file.
const APPS: &[(&str, &str)] = &[
    ("waiters", WAITERS_APP),
    ("waiters_smithy", WAITERS_SMITHY_APP),
];

/// A fixture is `tests/fixtures/<name>.json` or a botocore model folder `tests/fixtures/<name>/`.
fn fixture_path(root: &Path, fixture: &str) -> PathBuf {
    let folder = root.join(format!("codegen/tests/fixtures/{fixture}"));
    if folder.is_dir() {
        folder
    } else {
        root.join(format!("codegen/tests/fixtures/{fixture}.json"))
    }
}

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("codegen sits one folder below the workspace root")
        .to_path_buf()
}

/// `target/fixture-check` under the target folder this test was built into.
fn check_dir() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace_root().join("target"));
    target.join("fixture-check")
}

fn crate_name(fixture: &str) -> String {
    format!("fixture_{fixture}")
}

/// Writes `text` to `path` unless it already holds exactly that, so cargo sees no change.
fn write_if_changed(path: &Path, text: &str) {
    if std::fs::read_to_string(path).is_ok_and(|old| old == text) {
        return;
    }
    std::fs::create_dir_all(path.parent().expect("a file has a folder"))
        .unwrap_or_else(|e| panic!("cannot create the folder of {}: {e}", path.display()));
    std::fs::write(path, text).unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
}

/// Generates every fixture into `workspace/<fixture>/` and writes the workspace manifest.
fn write_workspace(workspace: &Path) {
    let root = workspace_root();
    let mut members = Vec::new();
    for (fixture, behaviour) in FIXTURES {
        let path = fixture_path(&root, fixture);
        let source = codegen::source::read(&path, Some(&root))
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
        let options = codegen::Options {
            crate_name: Some(crate_name(fixture)),
            // Every crate depends on the runtime, which sits at the workspace root.
            runtime_path: Some(root.join("runtime").display().to_string()),
            ..codegen::Options::default()
        };
        let mut files: BTreeMap<String, String> = codegen::generate(&source, &options)
            .unwrap_or_else(|e| panic!("cannot generate the {fixture} fixture: {e}"));
        let out = workspace.join(fixture);
        codegen::output::apply(&out, &files, codegen::output::Mode::Write)
            .unwrap_or_else(|e| panic!("cannot write the {fixture} crate: {e}"));
        let behaviour_path = out.join("tests/behaviour.rs");
        match behaviour {
            Some(text) => write_if_changed(&behaviour_path, text),
            None => {
                let _ = std::fs::remove_file(&behaviour_path);
            }
        }
        files.clear();
        members.push(format!("{fixture:?}"));
    }
    for (fixture, test) in APPS {
        let app = workspace.join("apps").join(fixture);
        let name = crate_name(fixture);
        write_if_changed(
            &app.join("Cargo.toml"),
            &format!(
                "# Written by codegen/tests/fixtures_compile.rs.\n\
                 [package]\nname = \"app_{fixture}\"\nversion = \"0.0.0\"\nedition = \"2024\"\n\
                 publish = false\n\n[dependencies]\n\
                 {name} = {{ path = \"../../{fixture}\", features = [\"client-core\"] }}\n\n\
                 [dev-dependencies]\nhttp = \"1\"\nserde_json = \"1\"\n\
                 tokio = {{ version = \"1\", features = [\"rt\", \"macros\", \"time\", \"test-util\"] }}\n"
            ),
        );
        write_if_changed(&app.join("src/lib.rs"), "//! Tests only.\n");
        write_if_changed(&app.join("tests/app.rs"), test);
        members.push(format!("\"apps/{fixture}\""));
    }
    write_if_changed(
        &workspace.join("Cargo.toml"),
        &format!(
            "# Written by codegen/tests/fixtures_compile.rs.\n\
             [workspace]\nresolver = \"3\"\nmembers = [{}]\n",
            members.join(", ")
        ),
    );
    // Start from the repository's lock file, so the fixtures build with the same dependency
    // versions as the generated Inspector crate and cargo need not resolve anything.
    let lock = workspace.join("Cargo.lock");
    if !lock.exists() {
        std::fs::copy(root.join("Cargo.lock"), &lock)
            .unwrap_or_else(|e| panic!("cannot copy Cargo.lock to {}: {e}", lock.display()));
    }
}

/// Runs cargo in `workspace` and fails the test, showing everything cargo said, unless it
/// succeeds. Warnings of a successful run are shown too (with `--nocapture`).
fn cargo(workspace: &Path, target: &Path, args: &[&str], env: &[(&str, &str)]) {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let mut command = Command::new(cargo);
    command
        .current_dir(workspace)
        .args(args)
        .env("CARGO_TARGET_DIR", target)
        .env("CARGO_TERM_COLOR", "never");
    for (key, value) in env {
        command.env(key, value);
    }
    let shown = format!("cargo {}", args.join(" "));
    let output = command
        .output()
        .unwrap_or_else(|e| panic!("cannot run {shown}: {e}"));
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success(),
        "`{shown}` failed in {}:\n{stdout}\n{stderr}",
        workspace.display()
    );
    if !stderr.trim().is_empty() {
        eprintln!("`{shown}` said:\n{stderr}");
    }
}

#[test]
fn fixture_crates_pass_clippy_tests_and_rustdoc() {
    let dir = check_dir();
    let workspace = dir.join("workspace");
    let target = dir.join("target");
    write_workspace(&workspace);
    cargo(
        &workspace,
        &target,
        &[
            "clippy",
            "--workspace",
            "--all-targets",
            "--quiet",
            "--",
            "-D",
            "warnings",
        ],
        &[],
    );
    cargo(
        &workspace,
        &target,
        &["test", "--workspace", "--quiet"],
        &[],
    );
    cargo(
        &workspace,
        &target,
        &["doc", "--workspace", "--no-deps", "--quiet"],
        &[("RUSTDOCFLAGS", "-D warnings")],
    );
}

const ACRONYMS_BEHAVIOUR: &str = r#"
use fixture_acronyms::operation::describe_db_instances::DescribeDbInstancesInput;
use fixture_acronyms::types::{DbInstance, HttpEndpointType, Ipv6CidrBlock};

#[test]
fn acronyms_make_one_word_each() {
    let input = DescribeDbInstancesInput::builder()
        .db_instance_identifier("db-1")
        .notification_arns("arn:aws:sns:::topic")
        .ipv6_address("::1")
        .vpc_security_group_ids("sg-1")
        .ssekms_key_id("key")
        .ec2_instance_id("i-1")
        .oauth_token("token")
        .memory_mib(512)
        .s3_bucket_name("bucket")
        .build()
        .unwrap();
    assert_eq!(input.notification_arns().unwrap(), ["arn:aws:sns:::topic"]);
    assert_eq!(input.ipv6_address(), Some("::1"));
    let instance = DbInstance::builder()
        .iam_database_authentication_enabled(true)
        .ipv6_cidr_block(Ipv6CidrBlock::builder().cidr("::/0").build().unwrap())
        .http_endpoint_type(HttpEndpointType::Ipv6)
        .build()
        .unwrap();
    assert_eq!(instance.http_endpoint_type().map(HttpEndpointType::as_str), Some("IPv6"));
}
"#;

const ALL_KINDS_BEHAVIOUR: &str = r#"
use fixture_all_kinds::operation::put_everything::PutEverythingInput;
use fixture_all_kinds::operation::put_secret::PutSecretInput;
use fixture_all_kinds::primitives::Timestamp;
use fixture_all_kinds::types::{Choice, Color, Credential, Empty, Level, Part, Token};

fn everything() -> PutEverythingInput {
    PutEverythingInput::builder()
        .required_blob(vec![1, 2, 3])
        .required_boolean(true)
        .required_integer(7)
        .required_timestamp(Timestamp::UNIX_EPOCH)
        .required_list("a")
        .required_list("b")
        .required_map("k", "v")
        .required_structure(Part::builder().id("p").build().unwrap())
        .required_enum(Color::Red)
        .byte(-8i8)
        .short(300i16)
        .long(1i64 << 40)
        .float(0.5f32)
        .double(0.25)
        .list_of_lists(vec!["x".to_owned()])
        .map_of_lists("k", vec!["v".to_owned()])
        .map_by_enum(Color::Green, 2)
        .union(Choice::Color(Color::Blue))
        .empty(Empty::builder().build().unwrap())
        .build()
        .unwrap()
}

#[test]
fn members_of_every_kind_build_and_read_back() {
    let input = everything();
    assert_eq!(input.required_blob(), [1, 2, 3]);
    assert!(input.required_boolean());
    assert_eq!(input.required_list(), ["a", "b"]);
    assert_eq!(input.required_map()["k"], "v");
    assert_eq!(input.required_structure().id(), "p");
    assert_eq!(input.byte(), Some(-8));
    assert_eq!(input.float(), Some(0.5));
    assert_eq!(input.map_by_enum().unwrap()[&Color::Green], 2);
    assert_eq!(input.union().and_then(Choice::as_color), Some(&Color::Blue));
    assert_eq!(input.string(), None);
    assert_eq!(input.validate(), Ok(()));
}

#[test]
fn a_missing_required_member_is_named() {
    let error = PutEverythingInput::builder().build().unwrap_err();
    assert_eq!(error.wire_name(), "requiredBlob");
    assert_eq!(error.member(), "required_blob");
}

#[test]
fn an_unset_idempotency_token_is_sent_as_a_fresh_uuid_and_a_set_one_as_it_is() {
    use fixture_all_kinds::operation::put_secret::serialize_request;
    let body = |input: &PutSecretInput| -> serde_json::Value {
        serde_json::from_slice(serialize_request(input).unwrap().body()).unwrap()
    };
    let unset = PutSecretInput::builder().password("p").build().unwrap();
    let (first, second) = (body(&unset), body(&unset));
    let token = first["clientToken"].as_str().unwrap().to_owned();
    assert_eq!(token.len(), 36, "{token}");
    assert_eq!(token.as_bytes()[14], b'4', "{token}");
    assert_ne!(second["clientToken"], first["clientToken"]);
    assert_eq!(unset.client_token(), None, "the caller's input is left as it was");
    let set = PutSecretInput::builder().password("p").client_token("mine").build().unwrap();
    assert_eq!(body(&set)["clientToken"], "mine");
}

#[test]
fn sensitive_members_are_redacted_in_debug() {
    let input = PutSecretInput::builder()
        .user("alice")
        .password("hunter2")
        .previous_passwords("hunter1")
        .passwords_by_user("bob", "swordfish")
        .credential(Credential::Password("opensesame".into()))
        .token(Token::builder().value("tok3n").build().unwrap())
        .level(Level::High)
        .build()
        .unwrap();
    let debug = format!("{input:?}");
    assert!(debug.contains("alice"), "{debug}");
    for secret in ["hunter2", "hunter1", "swordfish", "opensesame", "tok3n", "High"] {
        assert!(!debug.contains(secret), "{secret} shows in {debug}");
    }
    let builder = format!("{:?}", PutSecretInput::builder().password("hunter2"));
    assert!(!builder.contains("hunter2"), "{builder}");
    let credential = format!("{:?}", Credential::Password("opensesame".into()));
    assert!(!credential.contains("opensesame"), "{credential}");
    let pin = format!("{:?}", Credential::Pin(1234));
    assert!(pin.contains("1234"), "{pin}");
    let token = format!("{:?}", Token::builder().value("tok3n").build().unwrap());
    assert!(!token.contains("tok3n"), "{token}");
    assert_eq!(format!("{:?}", Level::High), "*** Sensitive Data Redacted ***");
    assert_eq!(Level::High.as_str(), "HIGH");
}
"#;

const CONSTRAINTS_BEHAVIOUR: &str = r#"
use fixture_constraints::operation::submit::SubmitInput;
use fixture_constraints::types::{Choice, Nested};

fn violations(input: &SubmitInput) -> Vec<String> {
    match input.validate() {
        Ok(()) => Vec::new(),
        Err(error) => error.violations().iter().map(ToString::to_string).collect(),
    }
}

#[test]
fn a_valid_input_passes() {
    let input = SubmitInput::builder()
        .name("abc-1")
        .count(5)
        .ratio(0.5)
        .fraction(1.0)
        .offset(i64::MIN)
        .tags("AB")
        .labels("ok", 1)
        .payload(vec![0])
        .build()
        .unwrap();
    assert_eq!(violations(&input), Vec::<String>::new());
}

#[test]
fn every_violation_is_listed_with_its_path() {
    let input = SubmitInput::builder()
        .name("")
        .count(101)
        .ratio(99.75)
        .fraction(-0.5)
        .set_tags(Some(Vec::new()))
        .labels("x", 0)
        .labels("yy", 1)
        .labels("zz", 2)
        .payload(Vec::new())
        .nested(
            Nested::builder()
                .names("Bad")
                .deep(Nested::builder().names("").build().unwrap())
                .build()
                .unwrap(),
        )
        .choice(Choice::Count(0))
        .build()
        .unwrap();
    assert_eq!(
        violations(&input),
        [
            "name: length 0, less than the minimum 1",
            "name: value \"\" does not match the pattern `^[a-z][a-z0-9-]*$`",
            "count: value 101, more than the maximum 100",
            "ratio: value 99.75, more than the maximum 99.5",
            "fraction: value -0.5, less than the minimum 0",
            "tags: 0 items, less than the minimum 1",
            "labels: 3 entries, more than the maximum 2",
            "labels[\"x\"]: length 1, less than the minimum 2",
            "labels[\"x\"]: value 0, less than the minimum 1",
            "payload: 0 bytes, less than the minimum 1",
            "nested.names[0]: value \"Bad\" does not match the pattern `^[a-z][a-z0-9-]*$`",
            "nested.deep.names[0]: length 0, less than the minimum 1",
            "nested.deep.names[0]: value \"\" does not match the pattern `^[a-z][a-z0-9-]*$`",
            "choice.count: value 0, less than the minimum 1",
        ]
    );
}
"#;

const ENUMS_BEHAVIOUR: &str = r#"
use fixture_enums::types::{InstanceType, OddValue, Self_, Single};

#[test]
fn values_that_are_not_identifiers_round_trip() {
    for value in OddValue::values() {
        let parsed = OddValue::from(*value);
        assert_eq!(parsed.as_str(), *value);
        assert!(!matches!(parsed, OddValue::Unknown(_)), "{value:?} is not listed");
        assert_eq!(OddValue::try_parse(value).as_ref(), Ok(&parsed));
    }
    assert_eq!(InstanceType::from("t2.micro"), InstanceType::T2Micro);
    assert_eq!(InstanceType::T2Micro.to_string(), "t2.micro");
    assert_eq!("u-6tb1.metal".parse::<InstanceType>(), Ok(InstanceType::U6tb1Metal));
}

#[test]
fn the_values_unknown_and_self_are_variants_not_the_catch_all() {
    assert_eq!(OddValue::from("Unknown"), OddValue::UnknownValue);
    assert_eq!(OddValue::from("UNKNOWN").as_str(), "UNKNOWN");
    assert_eq!(OddValue::from("Self"), OddValue::Self_);
    assert_eq!(Self_::from("Unknown").as_str(), "Unknown");
    assert!(!matches!(Self_::from("Unknown"), Self_::Unknown(_)));
}

#[test]
fn unlisted_values_are_kept_in_unknown() {
    let value = InstanceType::from("t3.nano");
    assert!(matches!(value, InstanceType::Unknown(_)));
    assert_eq!(value.as_str(), "t3.nano");
    let error = InstanceType::try_parse("t3.nano").unwrap_err();
    assert_eq!(error.to_string(), "\"t3.nano\" is not a value of `InstanceType`");
    assert_eq!(Single::values(), ["ONLY"]);
}
"#;

const EVENT_STREAMS_BEHAVIOUR: &str = r##"
use fixture_event_streams::operation::chat::{ChatError, parse_response};
use fixture_event_streams::primitives::EventStreamError;
use fixture_event_streams::types::{ChatEvents, ChatEventsError};
use service_runtime::event_stream::{Header, HeaderValue, Message, encode};

fn frame(kind: &str, name: &str, headers: Vec<Header>, payload: &[u8]) -> Vec<u8> {
    let name_header = match kind {
        "exception" => ":exception-type",
        _ => ":event-type",
    };
    let mut message = Message::new(payload.to_vec())
        .add_header(Header::new(":message-type", HeaderValue::String(kind.to_owned().into())))
        .add_header(Header::new(name_header, HeaderValue::String(name.to_owned().into())));
    for header in headers {
        message = message.add_header(header);
    }
    encode(&message).unwrap()
}

fn response(frames: &[Vec<u8>]) -> http::Response<Vec<u8>> {
    http::Response::builder()
        .status(200)
        .header("x-request-id", "r-1")
        .header("content-type", "application/vnd.amazon.eventstream")
        .body(frames.concat())
        .unwrap()
}

#[test]
fn each_message_becomes_its_event() {
    let frames = [
        frame("event", "delta", vec![], br#"{"text":"Hel","index":0}"#),
        frame(
            "event",
            "chunk",
            vec![
                Header::new("sequence", HeaderValue::Int64(7)),
                Header::new("label", HeaderValue::String("audio".into())),
                Header::new("last", HeaderValue::Bool(true)),
            ],
            &[0, 159, 146, 150],
        ),
        frame("event", "somethingNew", vec![], b"{}"),
        frame("event", "stop", vec![], br#"{"reason":"end_turn","tokens":12}"#),
    ];
    let output = parse_response(&response(&frames)).unwrap();
    assert_eq!(output.request_id.as_deref(), Some("r-1"));
    let events: Vec<ChatEvents> = output.events.into_blocking_iter().map(Result::unwrap).collect();
    assert_eq!(events.len(), 4, "{events:?}");
    let delta = events[0].as_delta().unwrap();
    assert_eq!((delta.text.as_deref(), delta.index), (Some("Hel"), Some(0)));
    let chunk = events[1].as_chunk().unwrap();
    assert_eq!(chunk.bytes.as_deref(), Some(&[0u8, 159, 146, 150][..]));
    assert_eq!(chunk.sequence, Some(7));
    assert_eq!(chunk.label.as_deref(), Some("audio"));
    assert_eq!(chunk.last, Some(true));
    assert!(events[2].is_unknown(), "an event this crate does not know is Unknown");
    let details = events[3].as_stop().unwrap().details.as_ref().unwrap();
    assert_eq!((details.reason.as_deref(), details.tokens), (Some("end_turn"), Some(12)));
}

#[test]
fn a_modelled_exception_ends_the_stream_with_its_error() {
    let frames = [
        frame("event", "delta", vec![], br#"{"text":"a"}"#),
        frame("exception", "failed", vec![], br#"{"message":"model crashed","reason":"oom"}"#),
        frame("event", "delta", vec![], br#"{"text":"never"}"#),
    ];
    let mut events = parse_response(&response(&frames)).unwrap().events.into_blocking_iter();
    assert!(events.next().unwrap().unwrap().is_delta());
    let Some(Err(EventStreamError::Modelled(ChatEventsError::Failed(failed)))) = events.next() else {
        panic!("the failed exception");
    };
    assert_eq!(failed.message.as_deref(), Some("model crashed"));
    assert_eq!(failed.reason.as_deref(), Some("oom"));
    assert!(failed.to_string().contains("model crashed"), "{failed}");
    assert!(events.next().is_none(), "nothing after the error");
}

#[test]
fn unknown_exceptions_error_messages_and_bad_payloads_are_errors() {
    let unknown = [frame("exception", "brandNewException", vec![], br#"{"message":"later"}"#)];
    let mut events = parse_response(&response(&unknown)).unwrap().events;
    let Err(EventStreamError::Service { code, message }) = events.recv_blocking() else {
        panic!("an unknown exception is the service's error");
    };
    assert_eq!((code.as_str(), message.as_str()), ("brandNewException", "later"));

    let error = encode(
        &Message::new(Vec::new())
            .add_header(Header::new(":message-type", HeaderValue::String("error".into())))
            .add_header(Header::new(":error-code", HeaderValue::String("InternalFailure".into())))
            .add_header(Header::new(":error-message", HeaderValue::String("boom".into()))),
    )
    .unwrap();
    let mut events = parse_response(&response(&[error])).unwrap().events;
    assert!(matches!(
        events.recv_blocking(),
        Err(EventStreamError::Service { code, message }) if code == "InternalFailure" && message == "boom"
    ));

    let bad_json = [frame("event", "delta", vec![], b"{not json")];
    let mut events = parse_response(&response(&bad_json)).unwrap().events;
    let Err(EventStreamError::Unmarshal(problem)) = events.recv_blocking() else {
        panic!("a payload that is not JSON");
    };
    assert!(problem.contains("delta"), "{problem}");

    let wrong_header = [frame(
        "event",
        "chunk",
        vec![Header::new("sequence", HeaderValue::String("seven".into()))],
        b"",
    )];
    let mut events = parse_response(&response(&wrong_header)).unwrap().events;
    assert!(matches!(events.recv_blocking(), Err(EventStreamError::Unmarshal(_))));
}

#[test]
fn an_error_response_is_the_operations_error() {
    let response = http::Response::builder()
        .status(400)
        .header("x-amzn-errortype", "BadRequestException")
        .body(br#"{"message":"no prompt"}"#.to_vec())
        .unwrap();
    let Err(ChatError::BadRequestException(error)) = parse_response(&response) else {
        panic!("the modelled error");
    };
    assert_eq!(error.message.as_deref(), Some("no prompt"));
}

#[test]
fn an_output_built_by_hand_has_no_events() {
    let mut output = fixture_event_streams::operation::chat::ChatOutput::builder().build().unwrap();
    assert!(matches!(output.events.recv_blocking(), Ok(None)));
}

/// The next message of an input stream whose events are all ready (a `Vec`'s).
fn next_message(
    messages: &mut service_runtime::event_input::MessageStream,
) -> Option<Result<Message, String>> {
    let mut cx = std::task::Context::from_waker(std::task::Waker::noop());
    match messages.as_mut().poll_next(&mut cx) {
        std::task::Poll::Ready(message) => message,
        std::task::Poll::Pending => panic!("a Vec's events are ready"),
    }
}

fn header<'m>(message: &'m Message, name: &str) -> Option<&'m HeaderValue> {
    message.headers().iter().find(|h| h.name().as_str() == name).map(|h| h.value())
}

#[test]
fn an_upload_marshals_each_event_as_it_is_sent() {
    use fixture_event_streams::operation::upload::{UploadInput, serialize_request};
    use fixture_event_streams::primitives::EventStreamInput;
    use fixture_event_streams::types::{ChunkEvent, DeltaEvent, UploadEvents};
    let part = ChunkEvent::builder()
        .bytes(vec![0u8, 1, 255])
        .sequence(7)
        .label("first")
        .last(false)
        .build()
        .unwrap();
    let bare = ChunkEvent::builder().build().unwrap();
    let delta = DeltaEvent::builder().text("hi").index(2).build().unwrap();
    let input = UploadInput::builder()
        .parts(EventStreamInput::from(vec![
            UploadEvents::Part(part),
            UploadEvents::Delta(delta),
            UploadEvents::Part(bare),
            UploadEvents::Unknown,
        ]))
        .build()
        .unwrap();
    let request = serialize_request(input).unwrap();
    assert_eq!(request.uri(), "/upload");
    assert_eq!(request.headers()["content-type"], "application/vnd.amazon.eventstream");
    assert!(request.headers().get("content-length").is_none());
    assert_eq!(request.body().length(), Some(0), "the events are the client's to send");
    let events = request
        .extensions()
        .get::<service_runtime::event_input::InputEvents>()
        .expect("the events go with the request");
    let mut messages = events.take().unwrap();
    assert!(events.take().is_none(), "they are taken once");

    let string = |value: &str| HeaderValue::String(value.to_owned().into());
    let first = next_message(&mut messages).unwrap().unwrap();
    assert_eq!(header(&first, ":message-type"), Some(&string("event")));
    assert_eq!(header(&first, ":event-type"), Some(&string("part")));
    assert_eq!(header(&first, ":content-type"), Some(&string("application/octet-stream")));
    assert_eq!(header(&first, "sequence"), Some(&HeaderValue::Int64(7)));
    assert_eq!(header(&first, "label"), Some(&string("first")));
    assert_eq!(header(&first, "last"), Some(&HeaderValue::Bool(false)));
    assert_eq!(&first.payload()[..], &[0u8, 1, 255]);

    let second = next_message(&mut messages).unwrap().unwrap();
    assert_eq!(header(&second, ":event-type"), Some(&string("delta")));
    assert_eq!(header(&second, ":content-type"), Some(&string("application/json")));
    let json: serde_json::Value = serde_json::from_slice(second.payload()).unwrap();
    assert_eq!(json, serde_json::json!({"text": "hi", "index": 2}));

    // Unset header members are left out; an unset payload is empty.
    let third = next_message(&mut messages).unwrap().unwrap();
    assert_eq!(header(&third, "sequence"), None);
    assert_eq!(header(&third, "label"), None);
    assert!(third.payload().is_empty());

    let unknown = next_message(&mut messages).unwrap().unwrap_err();
    assert!(unknown.contains("`Unknown` event cannot be sent"), "{unknown}");
    assert!(next_message(&mut messages).is_none());
}
"##;

const ERRORS_BEHAVIOUR: &str = r#"
use std::error::Error as _;

use fixture_errors::operation::fail::FailError;
use fixture_errors::operation::ping::{PingError, PingInput, PingOutput};
use fixture_errors::types::InvalidInputErrorCode;
use fixture_errors::types::error::{
    BareException, InternalException, InvalidInputException, SecretException,
};

#[test]
fn errors_show_their_code_and_message() {
    let error = InvalidInputException::builder()
        .message("bad name")
        .error_code(InvalidInputErrorCode::InvalidName)
        .can_retry(false)
        .build()
        .unwrap();
    assert_eq!(error.to_string(), "InvalidInput: bad name");
    let error = FailError::InvalidInputException(error);
    assert!(error.is_invalid_input_exception());
    assert_eq!(error.code(), Some("InvalidInput"));
    assert_eq!(error.message(), Some("bad name"));
    assert!(error.source().is_none(), "Display shows the exception, so it is not also the source");
    assert_eq!(error.to_string(), "InvalidInput: bad name");

    let internal = InternalException::builder()
        .message("oops")
        .can_retry(true)
        .build()
        .unwrap();
    assert!(internal.can_retry());
    assert_eq!(BareException::builder().build().unwrap().to_string(), "BareException");
}

#[test]
fn sensitive_error_messages_are_redacted_in_debug() {
    let error = SecretException::builder().message("p4ss").build().unwrap();
    assert!(!format!("{error:?}").contains("p4ss"));
    assert_eq!(error.to_string(), "SecretException: *** Sensitive Data Redacted ***");
    let error = FailError::SecretException(error);
    assert_eq!(error.to_string(), "SecretException: *** Sensitive Data Redacted ***");
}

#[test]
fn operations_without_input_output_or_errors_still_have_all_three() {
    let _: PingInput = PingInput::builder().build().unwrap();
    let _: PingOutput = PingOutput::builder().build().unwrap();
    fn only_unhandled(error: PingError) -> bool {
        error.is_unhandled()
    }
    let _ = only_unhandled;
}
"#;

const KEYWORDS_BEHAVIOUR: &str = r#"
use std::error::Error as _;

use fixture_keywords::operation::r#match::MatchInput;
use fixture_keywords::types::error::ErrorValue;
use fixture_keywords::types::builders::SelfBuilder;
use fixture_keywords::types::{
    Async, BoxValue, Crate, OptionValue, ResultValue, Self_, StringValue, Super, VecValue,
};

#[test]
fn keyword_members_are_raw_or_suffixed() {
    let input = MatchInput::builder()
        .r#type("t")
        .self_(Self_::builder().self_("s").default_("d").fmt_("f").build().unwrap())
        .crate_(Crate::Self_)
        .super_(Super::Type("x".into()))
        .r#async(Async::Await)
        .string(StringValue::builder().value("v").build().unwrap())
        .option(OptionValue::builder().some("s").none("n").build().unwrap())
        .result(ResultValue::Ok)
        .r#box(BoxValue::builder().r#box("b").build().unwrap())
        .vec(VecValue::Vec("v".into()))
        .error("e")
        .builder_("b")
        .build_("b")
        .validate_("v")
        .build()
        .unwrap();
    assert_eq!(input.r#type(), Some("t"));
    assert_eq!(input.self_().and_then(Self_::default_), Some("d"));
    // `default` and `clone` members take a `_`, so the builder's trait methods stay callable.
    assert_eq!(SelfBuilder::default(), Self_::builder());
    assert_eq!(Self_::builder().clone_("c").clone().get_clone(), &Some("c".to_owned()));
    assert_eq!(input.crate_().map(Crate::as_str), Some("self"));
    assert_eq!(Crate::Self2.as_str(), "Self");
    assert_eq!(input.builder_(), Some("b"));
    assert_eq!(input.validate(), Ok(()));
    assert!(Super::Type("x".into()).is_type());
}

#[test]
fn an_error_member_named_source_leaves_error_source_callable() {
    let error = ErrorValue::builder().source_("upstream").build().unwrap();
    assert_eq!(error.source_(), Some("upstream"));
    assert!(error.source().is_none());
}
"#;

const RECURSION_BEHAVIOUR: &str = r#"
use fixture_recursion::operation::evaluate::EvaluateInput;
use fixture_recursion::types::{Expression, Group, LinkedList, Tree};

#[test]
fn recursive_values_build() {
    let list = LinkedList::builder()
        .value("a")
        .next(LinkedList::builder().value("b").build().unwrap())
        .build()
        .unwrap();
    assert_eq!(list.next().map(LinkedList::value), Some("b"));
    let group = Group::builder()
        .inner(Expression::Literal("x".into()))
        .build()
        .unwrap();
    assert_eq!(group.inner(), &Expression::Literal("x".into()));
    let expression = Expression::Group(group);
    let tree = Tree::builder()
        .children(Tree::builder().label("leaf").build().unwrap())
        .build()
        .unwrap();
    let input = EvaluateInput::builder()
        .expression(expression)
        .list(list)
        .tree(tree)
        .build()
        .unwrap();
    assert_eq!(input.validate(), Ok(()));
}

#[test]
fn constraints_are_checked_through_recursion() {
    let input = EvaluateInput::builder()
        .expression(Expression::Operands(vec![Expression::Literal(String::new())]))
        .list(
            LinkedList::builder()
                .value("a")
                .next(LinkedList::builder().value("").build().unwrap())
                .build()
                .unwrap(),
        )
        .build()
        .unwrap();
    let violations: Vec<String> = input
        .validate()
        .unwrap_err()
        .violations()
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(
        violations,
        [
            "expression.operands[0].literal: length 0, less than the minimum 1",
            "list.next.value: length 0, less than the minimum 1",
        ]
    );
}
"#;

const WAITERS_APP: &str = r#"
//! The waiters of the `waiters` fixture over an in-process transport, on a paused clock: the
//! waits sleep as the model says, in no time.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use fixture_waiters::client::{BoxFuture, Credentials, HttpClient, TransportError};
use fixture_waiters::operation::describe_thing::DescribeThingError;
use fixture_waiters::waiters::{FinalPoll, WaitLimit, WaiterError};
use serde_json::{Value, json};

/// Answers with the scripted statuses and bodies in order, and records the request bodies.
#[derive(Debug, Clone, Default)]
struct Scripted {
    responses: Arc<Mutex<VecDeque<(u16, String)>>>,
    requests: Arc<Mutex<Vec<Value>>>,
}

impl Scripted {
    fn new(responses: &[(u16, Value)]) -> Self {
        let scripted = Self::default();
        scripted
            .responses
            .lock()
            .unwrap()
            .extend(responses.iter().map(|(s, b)| (*s, b.to_string())));
        scripted
    }

    fn calls(&self) -> usize {
        self.requests.lock().unwrap().len()
    }
}

impl HttpClient for Scripted {
    fn send(
        &self,
        request: http::Request<Vec<u8>>,
    ) -> BoxFuture<'_, Result<http::Response<Vec<u8>>, TransportError>> {
        self.requests
            .lock()
            .unwrap()
            .push(serde_json::from_slice(request.body()).unwrap());
        let (status, body) = self
            .responses
            .lock()
            .unwrap()
            .pop_front()
            .expect("the script has a response for every request");
        Box::pin(async move {
            Ok(http::Response::builder()
                .status(status)
                .header("content-type", "application/x-amz-json-1.1")
                .body(body.into_bytes())
                .unwrap())
        })
    }
}

fn client(transport: &Scripted) -> fixture_waiters::Client {
    let config = fixture_waiters::Config::builder()
        .region("us-west-2")
        .credentials(Credentials::new("AKID", "SECRET", None))
        .http_client(transport.clone())
        .build();
    fixture_waiters::Client::new(config)
}

fn thing(status: &str) -> (u16, Value) {
    (200, json!({"thing": {"thingId": "t-1", "status": status}}))
}

fn error(status: u16, code: &str) -> (u16, Value) {
    (status, json!({"__type": code, "message": "no"}))
}

#[tokio::test(start_paused = true)]
async fn a_waiter_retries_until_its_success_acceptor_matches_sleeping_the_models_delay() {
    let transport = Scripted::new(&[
        error(400, "ResourceNotFoundException"),
        thing("PENDING"),
        thing("READY"),
    ]);
    let started = tokio::time::Instant::now();
    let done = client(&transport)
        .wait_until_thing_ready()
        .thing_id("t-1")
        .wait()
        .await
        .unwrap();
    let output = done.into_output().expect("the success came with an output");
    assert_eq!(output.thing().unwrap().status().as_str(), "READY");
    assert_eq!(transport.calls(), 3);
    assert_eq!(transport.requests.lock().unwrap()[2], json!({"thingId": "t-1"}));
    assert_eq!(started.elapsed(), Duration::from_secs(30), "15 s between attempts");
}

#[tokio::test(start_paused = true)]
async fn a_failure_acceptor_fails_the_wait_and_the_error_names_it() {
    let transport = Scripted::new(&[thing("PENDING"), thing("FAILED")]);
    let error = client(&transport)
        .wait_until_thing_ready()
        .thing_id("t-1")
        .wait()
        .await
        .unwrap_err();
    assert_eq!(
        error.to_string(),
        "waiter `ThingReady` failed: acceptors[1] (failure: path `thing.status` == \"FAILED\") \
         matched on attempt 2 after 15s"
    );
    let acceptor = error.failure_acceptor().unwrap();
    assert_eq!(acceptor.index, 1);
    let WaiterError::FailureState(failure) = error else { unreachable!() };
    let output = failure.response().output().unwrap();
    assert_eq!(output.thing().unwrap().status().as_str(), "FAILED");
}

#[tokio::test(start_paused = true)]
async fn a_wait_gives_up_after_max_attempts_saying_how_long_it_took() {
    let transport = Scripted::new(&[thing("PENDING"), thing("PENDING"), thing("PENDING")]);
    let error = client(&transport)
        .wait_until_thing_ready()
        .thing_id("t-1")
        .max_attempts(3)
        .delay(Duration::from_secs(7))
        .wait()
        .await
        .unwrap_err();
    let WaiterError::Exhausted(exhausted) = &error else {
        panic!("expected the waiter to give up, got {error:?}")
    };
    assert_eq!(exhausted.limit(), WaitLimit::MaxAttempts(3));
    assert_eq!(exhausted.attempts(), 3);
    assert_eq!(exhausted.elapsed(), Duration::from_secs(14));
    assert_eq!(
        error.to_string(),
        "waiter `ThingReady` gave up after 3 attempts in 14s: the most attempts, 3, were made"
    );
}

#[tokio::test(start_paused = true)]
async fn the_models_max_attempts_and_a_max_wait_bound_the_wait() {
    // ThingDeleted: 3 attempts, 5 s apart.
    let transport = Scripted::new(&[thing("DELETING"), thing("DELETING"), thing("DELETING")]);
    let error = client(&transport)
        .wait_until_thing_deleted()
        .thing_id("t-1")
        .wait()
        .await
        .unwrap_err();
    assert!(error.is_exhausted(), "{error}");
    assert!(error.to_string().ends_with(
        "(last matched: acceptors[1] (retry: path `thing.status` == \"DELETING\"))"
    ), "{error}");
    assert_eq!(transport.calls(), 3);

    let transport = Scripted::new(&[thing("PENDING"), thing("PENDING")]);
    let error = client(&transport)
        .wait_until_thing_ready()
        .thing_id("t-1")
        .max_wait(Duration::from_secs(20))
        .wait()
        .await
        .unwrap_err();
    let WaiterError::Exhausted(exhausted) = error else { panic!("expected a timeout") };
    assert_eq!(exhausted.limit(), WaitLimit::MaxWait(Duration::from_secs(20)));
    assert_eq!(exhausted.attempts(), 2, "a third attempt would start after 30 s");
}

#[tokio::test(start_paused = true)]
async fn an_error_acceptor_ends_the_wait_with_the_error() {
    let transport = Scripted::new(&[thing("DELETING"), error(400, "ResourceNotFoundException")]);
    let done = client(&transport)
        .wait_until_thing_deleted()
        .thing_id("t-1")
        .wait()
        .await
        .unwrap();
    let FinalPoll::Error(error) = done else { panic!("expected the error") };
    assert!(error.is_resource_not_found_exception(), "{error:?}");
}

#[tokio::test(start_paused = true)]
async fn a_status_acceptor_matches_the_status_of_an_error_response() {
    // ThingGone: status 404 succeeds, no error retries, any other error fails.
    let transport = Scripted::new(&[thing("READY"), error(404, "ResourceNotFoundException")]);
    let started = tokio::time::Instant::now();
    let done = client(&transport)
        .wait_until_thing_gone()
        .thing_id("t-1")
        .wait()
        .await
        .unwrap();
    assert!(done.error().is_some());
    assert_eq!(started.elapsed(), Duration::from_millis(2500), "a delay of 2.5 s");

    let transport = Scripted::new(&[error(403, "AccessDeniedException")]);
    let error = client(&transport)
        .wait_until_thing_gone()
        .thing_id("t-1")
        .wait()
        .await
        .unwrap_err();
    assert_eq!(
        error.to_string(),
        "waiter `ThingGone` failed: acceptors[2] (failure: any error) matched on attempt 1 after 0ns"
    );
}

#[tokio::test(start_paused = true)]
async fn an_error_no_acceptor_matches_is_the_operations_typed_error() {
    let transport = Scripted::new(&[error(400, "AccessDeniedException")]);
    let error = client(&transport)
        .wait_until_thing_ready()
        .thing_id("t-1")
        .wait()
        .await
        .unwrap_err();
    let Some(fixture_waiters::Error::Service(DescribeThingError::AccessDeniedException(_))) =
        error.as_operation_error()
    else {
        panic!("expected the service's AccessDeniedException, got {error:?}")
    };
    assert_eq!(transport.calls(), 1);
}

#[tokio::test(start_paused = true)]
async fn a_missing_required_member_fails_before_any_call() {
    let transport = Scripted::new(&[]);
    let error = client(&transport).wait_until_thing_ready().wait().await.unwrap_err();
    assert!(
        matches!(error.as_operation_error(), Some(fixture_waiters::Error::Build(_))),
        "{error:?}"
    );
    assert_eq!(transport.calls(), 0);
}

#[tokio::test(start_paused = true)]
async fn filters_functions_and_comparisons_follow_jmespath() {
    let unstable = json!({"items": [
        {"thingId": "a", "status": "READY", "deployments": [{"id": "1"}], "runningCount": 2, "desiredCount": 2},
        {"thingId": "b", "status": "READY", "deployments": [{"id": "1"}, {"id": "2"}], "runningCount": 1, "desiredCount": 2}
    ]});
    let stable = json!({"items": [
        {"thingId": "a", "status": "READY", "deployments": [{"id": "1"}], "runningCount": 2, "desiredCount": 2},
        {"thingId": "b", "status": "PENDING", "deployments": [{"id": "3"}], "runningCount": 4, "desiredCount": 4}
    ]});
    let transport = Scripted::new(&[(200, unstable), (200, stable)]);
    client(&transport).wait_until_things_stable().wait().await.unwrap();
    assert_eq!(transport.calls(), 2);

    let failed = json!({"items": [{"thingId": "a", "status": "FAILED"}]});
    let transport = Scripted::new(&[(200, failed)]);
    let error = client(&transport).wait_until_things_stable().wait().await.unwrap_err();
    assert_eq!(error.failure_acceptor().map(|a| a.index), Some(0), "{error}");
}

#[tokio::test(start_paused = true)]
async fn path_all_needs_a_non_empty_list_and_path_any_one_match() {
    let no_parts = json!({"thing": {"thingId": "t", "status": "READY", "parts": []}});
    let healthy = json!({"thing": {"thingId": "t", "status": "READY", "parts": [{"healthy": true}, {"healthy": true}]}});
    let transport = Scripted::new(&[(200, no_parts), (200, healthy)]);
    client(&transport).wait_until_parts_healthy().thing_id("t").wait().await.unwrap();
    assert_eq!(transport.calls(), 2, "an empty list does not match pathAll");

    let broken = json!({"thing": {"thingId": "t", "status": "READY", "parts": [{"healthy": true}, {"healthy": false, "status": "BROKEN"}]}});
    let transport = Scripted::new(&[(200, broken)]);
    let error = client(&transport).wait_until_parts_healthy().thing_id("t").wait().await.unwrap_err();
    assert_eq!(error.failure_acceptor().map(|a| a.index), Some(1));

    let doomed = json!({"thing": {"thingId": "t", "status": "READY", "labels": ["x", "doomed"]}});
    let transport = Scripted::new(&[(200, doomed)]);
    let error = client(&transport).wait_until_parts_healthy().thing_id("t").wait().await.unwrap_err();
    assert_eq!(error.failure_acceptor().map(|a| a.index), Some(2));
}

#[tokio::test(start_paused = true)]
async fn indexes_or_and_wildcards() {
    let first_connected = json!({"items": [
        {"thingId": "a", "health": {"connectorStatus": "CONNECTED"}},
        {"thingId": "b", "status": "FAILED"}
    ]});
    let transport = Scripted::new(&[(200, json!({"items": []})), (200, first_connected)]);
    client(&transport).wait_until_first_thing_connected().wait().await.unwrap();
    assert_eq!(transport.calls(), 2, "items[0] of an empty list is null");

    let last_failed = json!({"items": [{"thingId": "a"}, {"thingId": "b", "status": "FAILED"}]});
    let too_many = json!({"items": [{"thingId": "pending"}], "total": 101});
    for (output, expected) in [(last_failed, Some(1)), (too_many, Some(1))] {
        let transport = Scripted::new(&[(200, output)]);
        let error = client(&transport)
            .wait_until_first_thing_connected()
            .wait()
            .await
            .unwrap_err();
        assert_eq!(error.failure_acceptor().map(|a| a.index), expected, "{error}");
    }

    let pending = json!({"items": [{"thingId": "pending"}], "total": 1});
    let transport = Scripted::new(&[(200, pending.clone()), (200, pending.clone()), (200, pending.clone()), (200, pending.clone()), (200, pending)]);
    let error = client(&transport).wait_until_first_thing_connected().wait().await.unwrap_err();
    assert!(error.to_string().ends_with(
        "(last matched: acceptors[2] (retry: pathAny `items[*].thingId` == \"pending\"))"
    ), "{error}");
}
"#;

const WAITERS_SMITHY_APP: &str = r#"
//! The waiters of the Smithy `waiters_smithy` fixture: Smithy's backoff between `minDelay` and
//! `maxDelay`, within the caller's longest wait, on a paused clock.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use fixture_waiters_smithy::client::{BoxFuture, Credentials, HttpClient, TransportError};
use fixture_waiters_smithy::waiters::{WaitLimit, WaiterError};
use serde_json::{Value, json};

#[derive(Debug, Clone, Default)]
struct Scripted {
    responses: Arc<Mutex<VecDeque<(u16, String)>>>,
    calls: Arc<Mutex<usize>>,
}

impl Scripted {
    fn new(responses: &[(u16, Value)]) -> Self {
        let scripted = Self::default();
        scripted
            .responses
            .lock()
            .unwrap()
            .extend(responses.iter().map(|(s, b)| (*s, b.to_string())));
        scripted
    }

    fn calls(&self) -> usize {
        *self.calls.lock().unwrap()
    }
}

impl HttpClient for Scripted {
    fn send(
        &self,
        _request: http::Request<Vec<u8>>,
    ) -> BoxFuture<'_, Result<http::Response<Vec<u8>>, TransportError>> {
        *self.calls.lock().unwrap() += 1;
        let (status, body) = self
            .responses
            .lock()
            .unwrap()
            .pop_front()
            .expect("the script has a response for every request");
        Box::pin(async move {
            Ok(http::Response::builder()
                .status(status)
                .header("content-type", "application/x-amz-json-1.0")
                .body(body.into_bytes())
                .unwrap())
        })
    }
}

fn client(transport: &Scripted) -> fixture_waiters_smithy::Client {
    let config = fixture_waiters_smithy::Config::builder()
        .region("us-west-2")
        .credentials(Credentials::new("AKID", "SECRET", None))
        .http_client(transport.clone())
        .build();
    fixture_waiters_smithy::Client::new(config)
}

fn job(status: &str) -> (u16, Value) {
    (200, json!({"status": status, "parentId": "p", "steps": [{"name": "build", "failed": "false"}]}))
}

#[tokio::test(start_paused = true)]
async fn a_smithy_waiter_backs_off_between_min_and_max_delay() {
    let transport = Scripted::new(&[job("RUNNING"), job("RUNNING"), job("RUNNING"), job("DONE")]);
    let started = tokio::time::Instant::now();
    let done = client(&transport)
        .wait_until_job_done()
        .job_id("j")
        .wait(Duration::from_secs(300))
        .await
        .unwrap();
    assert_eq!(done.output().unwrap().status().unwrap().as_str(), "DONE");
    assert_eq!(transport.calls(), 4);
    // Three sleeps, each between 1 s and 1, 2 and 4 s.
    let elapsed = started.elapsed();
    assert!(elapsed >= Duration::from_secs(3) && elapsed <= Duration::from_secs(7), "{elapsed:?}");
}

#[tokio::test(start_paused = true)]
async fn a_smithy_waiter_gives_up_when_the_longest_wait_is_over() {
    let transport = Scripted::new(&vec![job("RUNNING"); 100]);
    let error = client(&transport)
        .wait_until_job_done()
        .job_id("j")
        .min_delay(Duration::from_secs(2))
        .wait(Duration::from_secs(20))
        .await
        .unwrap_err();
    let WaiterError::Exhausted(exhausted) = error else { panic!("expected the waiter to give up") };
    assert_eq!(exhausted.limit(), WaitLimit::MaxWait(Duration::from_secs(20)));
    assert!(exhausted.elapsed() <= Duration::from_secs(18), "{:?}", exhausted.elapsed());
    assert_eq!(exhausted.attempts() as usize, transport.calls());
}

#[tokio::test(start_paused = true)]
async fn input_output_and_any_string_matchers() {
    let failed_step = (200, json!({"status": "RUNNING", "steps": [{"failed": "false"}, {"failed": "true"}]}));
    let transport = Scripted::new(&[failed_step]);
    let error = client(&transport).wait_until_job_done().job_id("j").wait(Duration::from_secs(60)).await.unwrap_err();
    assert_eq!(error.failure_acceptor().map(|a| a.index), Some(1), "{error}");

    let own_parent = (200, json!({"status": "RUNNING", "parentId": "j"}));
    let transport = Scripted::new(&[own_parent]);
    let error = client(&transport).wait_until_job_done().job_id("j").wait(Duration::from_secs(60)).await.unwrap_err();
    assert_eq!(
        error.to_string(),
        "waiter `JobDone` failed: acceptors[2] (failure: inputOutput path `input.jobId == output.parentId` == true) matched on attempt 1 after 0ns"
    );
}

#[tokio::test(start_paused = true)]
async fn an_error_type_acceptor_matches_the_error_and_all_string_equals_needs_every_item() {
    let transport = Scripted::new(&[
        job("RUNNING"),
        (400, json!({"__type": "JobNotFound", "message": "gone"})),
    ]);
    let done = client(&transport).wait_until_job_gone().job_id("j").wait(Duration::from_secs(600)).await.unwrap();
    assert!(done.error().unwrap().is_job_not_found());

    let cleaned = (200, json!({"steps": [{"name": "cleanup"}, {"name": "cleanup"}]}));
    let transport = Scripted::new(&[cleaned]);
    client(&transport).wait_until_job_gone().job_id("j").wait(Duration::from_secs(600)).await.unwrap();
}
"#;
