//! The single place that turns AWS model names into Rust names.
//!
//! Every name goes through [`split_words`]; the case functions join its words, and the
//! `*_ident` functions then make the result a valid, unambiguous Rust identifier.
//!
//! Only ASCII letters and digits make words: every other character, non-ASCII letters
//! included, is a separator and is dropped. So every word, and every name built here,
//! is ASCII.

/// Type names the generated code must not define, because a shape of that name would
/// shadow a Rust prelude item (2024 edition) or a std item the generated code uses.
/// [`type_ident`] gives such a name the suffix `Value`. Primitive type names (`bool`,
/// `str`, `i32`, ...) are lowercase, so a PascalCase name can never clash with them.
pub const RESERVED_TYPE_NAMES: &[&str] = &[
    // Types, variants and traits of the prelude.
    "AsMut",
    "AsRef",
    "AsyncFn",
    "AsyncFnMut",
    "AsyncFnOnce",
    "Box",
    "Clone",
    "Copy",
    "Default",
    "DoubleEndedIterator",
    "Drop",
    "Eq",
    "Err",
    "ExactSizeIterator",
    "Extend",
    "Fn",
    "FnMut",
    "FnOnce",
    "From",
    "FromIterator",
    "Future",
    "Into",
    "IntoFuture",
    "IntoIterator",
    "Iterator",
    "None",
    "Ok",
    "Option",
    "Ord",
    "PartialEq",
    "PartialOrd",
    "Result",
    "Send",
    "Sized",
    "Some",
    "String",
    "Sync",
    "ToOwned",
    "ToString",
    "TryFrom",
    "TryInto",
    "Unpin",
    "Vec",
    // Derive macros of the prelude not listed above.
    "Debug",
    "Hash",
    // Std and runtime items the generated code names without a path.
    "Error",
    "HashMap",
    "Timestamp",
];

/// The name every generated enum gives its catch-all variant.
const UNKNOWN_VARIANT: &str = "Unknown";

/// Words written in mixed case that the case rules would cut (`OAuth` would give `o_auth`).
/// Wherever one appears, not followed by a lowercase letter, it is a word of its own; at the
/// start of a segment also with its first letter in lowercase, as camelCase names have it.
const MIXED_CASE_WORDS: &[&str] = &["DDoS", "FSx", "IoT", "NaN", "OAuth", "QnA", "SaaS", "iSCSI"];

/// Strict and reserved keywords of Rust 2024 that can be written as raw identifiers.
/// `self`, `Self`, `crate` and `super` cannot be raw and are handled apart; weak keywords
/// (`union`, `raw`, `safe`, `macro_rules`) are valid identifiers and are not listed.
const RAW_KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "do", "dyn",
    "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl", "in", "let",
    "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref", "return",
    "static", "struct", "trait", "true", "try", "type", "typeof", "unsafe", "unsized", "use",
    "virtual", "where", "while", "yield",
];

/// Keywords that cannot be raw identifiers; as a value identifier they take a trailing `_`.
const NON_RAW_KEYWORDS: &[&str] = &["crate", "self", "super"];

/// A name from which no identifier can be made, because it has no ASCII letter or digit.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{name}` has no ASCII letter or digit to make a Rust identifier from")]
pub struct NoWordsError {
    /// The model name, as given.
    pub name: String,
}

/// Splits a model name into words, acronym-aware.
///
/// - Any character other than an ASCII letter or digit separates words and is dropped
///   (non-ASCII letters included).
/// - A lowercase letter followed by an uppercase one splits: `assessmentRun` → `assessment`, `Run`.
/// - An uppercase run followed by a lowercase letter splits before the run's last capital:
///   `HTTPServer` → `HTTP`, `Server`; `DBProxy` → `DB`, `Proxy`. Two exceptions keep the run whole:
///   a plural `s` that ends the word (`NotificationARNs` → `Notification`, `ARNs`;
///   `ACLsEnabled` → `ACLs`, `Enabled`), and a version `v` followed by a digit
///   (`IPv6Address` → `IPv6`, `Address`; `UUIDv4`).
/// - Digits stay attached to the word before them (`Ec2Instance` → `Ec2`, `Instance`;
///   `AES256GCM` → `AES256`, `GCM`), and lowercase letters after digits continue the word
///   (`3des`); an uppercase letter after a digit starts a new word.
/// - Whole words are recognised wherever they appear, unless a lowercase letter follows:
///   the binary units `KiB`, `MiB`, `GiB`, `TiB`, `PiB`, `EiB`, also with `s` or `ps` after
///   (`MemoryMiB` → `Memory`, `MiB`; `CurrentMiBps` → `Current`, `MiBps`), and the
///   mixed-case words `DDoS`, `FSx`, `IoT`, `NaN`, `OAuth`, `QnA`, `SaaS`, `iSCSI`, which the
///   case rules would cut (`OAuth2Config` → `OAuth2`, `Config`, not `O`, `Auth2`, `Config`;
///   `CachediSCSIVolume` → `Cached`, `iSCSI`, `Volume`). At the start of a name or after a
///   separator they are also found in camelCase (`oAuthToken` → `oAuth`, `Token`).
///
/// A name with no ASCII letter or digit yields no word.
pub fn split_words(name: &str) -> Vec<String> {
    let mut words = Vec::new();
    for segment in name.split(|c: char| !c.is_ascii_alphanumeric()) {
        split_segment(segment, &mut words);
    }
    words
}

/// Splits a run of ASCII letters and digits into words, appending them to `words`.
fn split_segment(segment: &str, words: &mut Vec<String>) {
    let bytes = segment.as_bytes();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        if let Some(len) = whole_word_len(&bytes[i..], i == 0) {
            if start < i {
                words.push(segment[start..i].to_owned());
            }
            // The case rules do not apply inside a whole word; digits after it still attach.
            start = i;
            i += len;
            continue;
        }
        if start < i && is_word_boundary(bytes, i) {
            words.push(segment[start..i].to_owned());
            start = i;
        }
        i += 1;
    }
    if start < bytes.len() {
        words.push(segment[start..].to_owned());
    }
}

/// Whether a new word starts at `bytes[i]`, given that a word is under way before it.
fn is_word_boundary(bytes: &[u8], i: usize) -> bool {
    let prev = bytes[i - 1];
    let cur = bytes[i];
    let next = bytes.get(i + 1).copied();
    let after_next = bytes.get(i + 2).copied();
    if !cur.is_ascii_uppercase() {
        return false;
    }
    if prev.is_ascii_lowercase() || prev.is_ascii_digit() {
        return true;
    }
    // `prev` and `cur` are capitals: split before `cur` when it begins a capitalised word.
    match next {
        Some(b's') => after_next.is_some_and(|c| c.is_ascii_lowercase()),
        Some(b'v') => !after_next.is_some_and(|c| c.is_ascii_digit()),
        Some(c) => c.is_ascii_lowercase(),
        None => false,
    }
}

/// The length of the whole word that `bytes` starts with, if any: a binary unit or one of
/// [`MIXED_CASE_WORDS`] (at the start of a segment also in camelCase, `oAuth`), and not
/// followed by a lowercase letter, which would make it the start of a longer word (`GiBackup`).
fn whole_word_len(bytes: &[u8], at_segment_start: bool) -> Option<usize> {
    let len = binary_unit_len(bytes).or_else(|| {
        MIXED_CASE_WORDS
            .iter()
            .find(|word| starts_with_word(bytes, word.as_bytes(), at_segment_start))
            .map(|word| word.len())
    })?;
    (!bytes.get(len).is_some_and(u8::is_ascii_lowercase)).then_some(len)
}

/// Whether `bytes` starts with `word`, or, if `camel`, with `word` with its first letter in lowercase.
fn starts_with_word(bytes: &[u8], word: &[u8], camel: bool) -> bool {
    let Some(head) = bytes.get(..word.len()) else {
        return false;
    };
    let (Some((head_first, head_rest)), Some((word_first, word_rest))) =
        (head.split_first(), word.split_first())
    else {
        return false;
    };
    head_rest == word_rest
        && (head_first == word_first || (camel && *head_first == word_first.to_ascii_lowercase()))
}

/// The length of the binary unit `bytes` starts with, if any: `KiB` to `EiB`, also as `MiBs`, `MiBps`.
fn binary_unit_len(bytes: &[u8]) -> Option<usize> {
    let [
        b'K' | b'M' | b'G' | b'T' | b'P' | b'E',
        b'i',
        b'B',
        rest @ ..,
    ] = bytes
    else {
        return None;
    };
    let suffix_len = if rest.starts_with(b"ps") {
        2
    } else if rest.starts_with(b"s") {
        1
    } else {
        0
    };
    Some(3 + suffix_len)
}

/// `snake_case` form: the words of [`split_words`] in lowercase, joined by `_`. Not escaped:
/// see [`value_ident`]. Snake-case input without leading, trailing or doubled `_` is unchanged.
pub fn snake_case(name: &str) -> String {
    split_words(name)
        .iter()
        .map(|word| word.to_ascii_lowercase())
        .collect::<Vec<_>>()
        .join("_")
}

/// `PascalCase` form: the words of [`split_words`], each with its first character in
/// uppercase and the rest in lowercase, joined. Where a word ending in a digit meets one
/// starting with a digit they are joined by `_`, so `V1_0` and `V10` stay apart.
/// Not escaped: see [`type_ident`] and [`variant_ident`].
pub fn pascal_case(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for word in split_words(name) {
        let starts_with_digit = word.starts_with(|c: char| c.is_ascii_digit());
        if starts_with_digit && out.ends_with(|c: char| c.is_ascii_digit()) {
            out.push('_');
        }
        let mut chars = word.chars();
        if let Some(first) = chars.next() {
            out.push(first.to_ascii_uppercase());
            out.extend(chars.map(|c| c.to_ascii_lowercase()));
        }
    }
    out
}

/// A valid Rust identifier for a field, module, function or method, as source text.
///
/// The [`snake_case`] form, then: a keyword that can be raw becomes a raw identifier
/// (`type` → `r#type`, `async` → `r#async`, `gen` → `r#gen`); `self`, `crate` and `super`,
/// which cannot be raw, take a trailing `_` (`Self` → `self_`); a leading digit takes a
/// `_` prefix (`3des` → `_3des`).
///
/// # Errors
///
/// [`NoWordsError`] when the name has no ASCII letter or digit (`""`, `"*"`).
pub fn value_ident(name: &str) -> Result<String, NoWordsError> {
    let snake = snake_case(name);
    if snake.is_empty() {
        return Err(NoWordsError {
            name: name.to_owned(),
        });
    }
    Ok(if snake.starts_with(|c: char| c.is_ascii_digit()) {
        format!("_{snake}")
    } else if NON_RAW_KEYWORDS.contains(&snake.as_str()) {
        format!("{snake}_")
    } else if RAW_KEYWORDS.contains(&snake.as_str()) {
        format!("r#{snake}")
    } else {
        snake
    })
}

/// A valid Rust type name for a struct or enum.
///
/// The [`pascal_case`] form, then: a leading digit takes a `_` prefix (`3DES` → `_3Des`);
/// `Self` becomes `Self_`; a name in [`RESERVED_TYPE_NAMES`] takes the suffix `Value`
/// (`String` → `StringValue`, `Error` → `ErrorValue`). That suffix can collide with a
/// shape really named so (`StringValue`); detecting collisions is the caller's job.
///
/// # Errors
///
/// [`NoWordsError`] when the name has no ASCII letter or digit (`""`, `"*"`).
pub fn type_ident(name: &str) -> Result<String, NoWordsError> {
    let pascal = pascal_case(name);
    if pascal.is_empty() {
        return Err(NoWordsError {
            name: name.to_owned(),
        });
    }
    Ok(escape_pascal(pascal, RESERVED_TYPE_NAMES))
}

/// An enum variant name for a wire value: `START_DATA_COLLECTION_PENDING` →
/// `StartDataCollectionPending`, `t2.micro` → `T2Micro`.
///
/// The [`pascal_case`] form, then: a leading digit takes a `_` prefix (`1` → `_1`);
/// `Self` becomes `Self_`; `Unknown`, the name of the catch-all variant every generated
/// enum has, becomes `UnknownValue`. Returns `None` when the value has no ASCII letter
/// or digit (`""`, `"*"`): the caller numbers those. Two values may give the same name
/// (`t2.micro`, `T2_MICRO`); the caller resolves such collisions.
pub fn variant_ident(value: &str) -> Option<String> {
    let pascal = pascal_case(value);
    if pascal.is_empty() {
        return None;
    }
    Some(escape_pascal(pascal, &[UNKNOWN_VARIANT]))
}

/// Makes a non-empty PascalCase name a valid identifier that avoids the `reserved` names.
fn escape_pascal(pascal: String, reserved: &[&str]) -> String {
    if pascal.starts_with(|c: char| c.is_ascii_digit()) {
        format!("_{pascal}")
    } else if pascal == "Self" {
        "Self_".to_owned()
    } else if reserved.contains(&pascal.as_str()) {
        format!("{pascal}Value")
    } else {
        pascal
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(name: &str) -> Vec<String> {
        split_words(name)
    }

    #[test]
    fn separators_split_and_are_dropped() {
        assert_eq!(words("a-b_c.d e/f:g"), ["a", "b", "c", "d", "e", "f", "g"]);
        assert_eq!(words("__a__b__"), ["a", "b"]);
    }

    #[test]
    fn lower_to_upper_splits() {
        assert_eq!(words("assessmentRun"), ["assessment", "Run"]);
        assert_eq!(words("CreateBucket"), ["Create", "Bucket"]);
    }

    #[test]
    fn uppercase_run_splits_before_its_last_capital() {
        assert_eq!(words("HTTPServer"), ["HTTP", "Server"]);
        assert_eq!(words("DBProxy"), ["DB", "Proxy"]);
        assert_eq!(words("AWSAccountId"), ["AWS", "Account", "Id"]);
        assert_eq!(words("HTTP"), ["HTTP"]);
    }

    #[test]
    fn digits_stay_attached_to_the_word_before() {
        assert_eq!(words("Ec2Instance"), ["Ec2", "Instance"]);
        assert_eq!(words("S3Key"), ["S3", "Key"]);
        assert_eq!(words("Route53"), ["Route53"]);
        assert_eq!(words("AES256GCM"), ["AES256", "GCM"]);
        assert_eq!(words("X509Certificate"), ["X509", "Certificate"]);
        assert_eq!(words("EC2InstanceId"), ["EC2", "Instance", "Id"]);
    }

    #[test]
    fn lowercase_after_digits_continues_the_word() {
        assert_eq!(words("3des"), ["3des"]);
        assert_eq!(words("Mp4C2paManifest"), ["Mp4", "C2pa", "Manifest"]);
    }

    #[test]
    fn plural_acronyms_stay_whole() {
        assert_eq!(words("NotificationARNs"), ["Notification", "ARNs"]);
        assert_eq!(words("ACLsEnabled"), ["ACLs", "Enabled"]);
        assert_eq!(words("IDs"), ["IDs"]);
        assert_eq!(words("SizeInGBsInteger"), ["Size", "In", "GBs", "Integer"]);
        // A capitalised word starting with `s` after an acronym is not a plural.
        assert_eq!(words("DBSnapshot"), ["DB", "Snapshot"]);
    }

    #[test]
    fn versioned_acronyms_stay_whole() {
        assert_eq!(words("IPv6Address"), ["IPv6", "Address"]);
        assert_eq!(words("UUIDv4"), ["UUIDv4"]);
        assert_eq!(words("DynamoDBv2Action"), ["Dynamo", "DBv2", "Action"]);
        // Without a digit after it, `v` starts a word as usual.
        assert_eq!(words("CSVvalue"), ["CS", "Vvalue"]);
    }

    #[test]
    fn binary_units_stay_whole() {
        assert_eq!(words("MemoryMiB"), ["Memory", "MiB"]);
        assert_eq!(words("SizeInGiB"), ["Size", "In", "GiB"]);
        assert_eq!(words("RecordSizeKiB"), ["Record", "Size", "KiB"]);
        assert_eq!(words("TiB"), ["TiB"]);
        assert_eq!(
            words("MemoryGiBPerVCpu"),
            ["Memory", "GiB", "Per", "V", "Cpu"]
        );
        assert_eq!(words("CurrentMiBps"), ["Current", "MiBps"]);
        assert_eq!(words("VolumeGiBs"), ["Volume", "GiBs"]);
        // `Gi` followed by a capitalised word is not a unit.
        assert_eq!(words("GiVersion"), ["Gi", "Version"]);
        assert_eq!(words("GiBackup"), ["Gi", "Backup"]);
    }

    #[test]
    fn mixed_case_words_stay_whole() {
        assert_eq!(words("OAuthToken"), ["OAuth", "Token"]);
        assert_eq!(words("OAuth2Config"), ["OAuth2", "Config"]);
        assert_eq!(words("EnableIoTLogging"), ["Enable", "IoT", "Logging"]);
        assert_eq!(words("AWSIoT"), ["AWS", "IoT"]);
        assert_eq!(words("SaaSProduct"), ["SaaS", "Product"]);
        assert_eq!(words("FSxLustre"), ["FSx", "Lustre"]);
        assert_eq!(words("AntiDDoSRuleSet"), ["Anti", "DDoS", "Rule", "Set"]);
        assert_eq!(words("GenerativeQnA"), ["Generative", "QnA"]);
        assert_eq!(words("NullNaN"), ["Null", "NaN"]);
        assert_eq!(words("CachediSCSIVolume"), ["Cached", "iSCSI", "Volume"]);
        assert_eq!(snake_case("CachediSCSIVolume"), "cached_iscsi_volume");
        // camelCase lowers the first letter.
        assert_eq!(words("oAuth2Credentials"), ["oAuth2", "Credentials"]);
        assert_eq!(words("qnAIntent"), ["qnA", "Intent"]);
        // Only at the start: `NoAuth` is not `N`, `oAuth`.
        assert_eq!(words("NoAuth"), ["No", "Auth"]);
        // Followed by a lowercase letter, it is the start of another word.
        assert_eq!(words("IoTarget"), ["Io", "Target"]);
    }

    #[test]
    fn non_ascii_characters_are_separators() {
        assert_eq!(words("caféOrder"), ["caf", "Order"]);
        assert_eq!(words("Größe"), ["Gr", "e"]);
        assert_eq!(words("日本"), Vec::<String>::new());
        assert_eq!(snake_case("naïve"), "na_ve");
    }

    #[test]
    fn names_without_letters_or_digits_have_no_words() {
        assert!(words("").is_empty());
        assert!(words("*").is_empty());
        assert!(words("-_ .").is_empty());
    }

    #[test]
    fn snake_case_lowercases_and_joins_with_underscores() {
        assert_eq!(snake_case("NotificationARNs"), "notification_arns");
        assert_eq!(snake_case("IPv6Address"), "ipv6_address");
        assert_eq!(snake_case("MemoryMiB"), "memory_mib");
        assert_eq!(snake_case("HTTPServer"), "http_server");
        assert_eq!(
            snake_case("START_DATA_COLLECTION_PENDING"),
            "start_data_collection_pending"
        );
    }

    #[test]
    fn snake_case_input_stays_the_same() {
        for name in ["start_data_collection_pending", "abp_v1_0_x", "ec2", "a"] {
            assert_eq!(snake_case(name), name);
        }
    }

    #[test]
    fn snake_case_is_not_escaped() {
        assert_eq!(snake_case("Type"), "type");
        assert_eq!(snake_case("3DES"), "3_des");
    }

    #[test]
    fn pascal_case_capitalises_each_word() {
        assert_eq!(
            pascal_case("START_DATA_COLLECTION_PENDING"),
            "StartDataCollectionPending"
        );
        assert_eq!(pascal_case("HTTPServer"), "HttpServer");
        assert_eq!(pascal_case("NotificationARNs"), "NotificationArns");
        assert_eq!(pascal_case("t2.micro"), "T2Micro");
        assert_eq!(pascal_case("assessmentRun"), "AssessmentRun");
    }

    #[test]
    fn pascal_case_keeps_digit_groups_apart() {
        assert_eq!(pascal_case("AbpV1_0_x"), "AbpV1_0X");
        assert_eq!(pascal_case("AbpV1_1"), "AbpV1_1");
        assert_eq!(pascal_case("1.0"), "1_0");
    }

    #[test]
    fn value_ident_is_snake_case() {
        assert_eq!(
            value_ident("NotificationARNs").unwrap(),
            "notification_arns"
        );
    }

    #[test]
    fn value_ident_makes_keywords_raw() {
        for (name, ident) in [
            ("type", "r#type"),
            ("Type", "r#type"),
            ("async", "r#async"),
            ("match", "r#match"),
            ("fn", "r#fn"),
            ("abstract", "r#abstract"),
            ("try", "r#try"),
            ("gen", "r#gen"),
            ("Return", "r#return"),
        ] {
            assert_eq!(value_ident(name).unwrap(), ident, "{name}");
        }
    }

    #[test]
    fn value_ident_leaves_weak_keywords_alone() {
        assert_eq!(value_ident("union").unwrap(), "union");
        assert_eq!(value_ident("raw").unwrap(), "raw");
    }

    #[test]
    fn value_ident_suffixes_keywords_that_cannot_be_raw() {
        for (name, ident) in [
            ("self", "self_"),
            ("Self", "self_"),
            ("crate", "crate_"),
            ("super", "super_"),
        ] {
            assert_eq!(value_ident(name).unwrap(), ident, "{name}");
        }
    }

    #[test]
    fn value_ident_prefixes_a_leading_digit() {
        assert_eq!(value_ident("3des").unwrap(), "_3des");
        assert_eq!(value_ident("1").unwrap(), "_1");
    }

    #[test]
    fn value_ident_rejects_names_without_words() {
        for name in ["", "*", "--", "日本"] {
            assert_eq!(
                value_ident(name),
                Err(NoWordsError {
                    name: name.to_owned()
                })
            );
        }
        assert_eq!(
            value_ident("*").unwrap_err().to_string(),
            "`*` has no ASCII letter or digit to make a Rust identifier from"
        );
    }

    #[test]
    fn type_ident_is_pascal_case() {
        assert_eq!(type_ident("DBProxy").unwrap(), "DbProxy");
        assert_eq!(type_ident("type").unwrap(), "Type");
    }

    #[test]
    fn type_ident_prefixes_a_leading_digit() {
        assert_eq!(type_ident("3DES").unwrap(), "_3Des");
    }

    #[test]
    fn type_ident_suffixes_self() {
        assert_eq!(type_ident("Self").unwrap(), "Self_");
        assert_eq!(type_ident("self").unwrap(), "Self_");
    }

    #[test]
    fn type_ident_suffixes_reserved_names() {
        for (name, ident) in [
            ("String", "StringValue"),
            ("Option", "OptionValue"),
            ("Result", "ResultValue"),
            ("Box", "BoxValue"),
            ("Vec", "VecValue"),
            ("Error", "ErrorValue"),
            ("ERROR", "ErrorValue"),
            ("none", "NoneValue"),
            ("HashMap", "HashMapValue"),
            ("Timestamp", "TimestampValue"),
        ] {
            assert_eq!(type_ident(name).unwrap(), ident, "{name}");
        }
    }

    #[test]
    fn every_reserved_type_name_can_come_out_of_pascal_case() {
        // A reserved name that `pascal_case` could never produce would never be caught.
        for name in RESERVED_TYPE_NAMES {
            assert_eq!(pascal_case(name), *name);
            assert_eq!(type_ident(name).unwrap(), format!("{name}Value"));
        }
    }

    #[test]
    fn type_ident_leaves_other_names_alone() {
        assert_eq!(type_ident("Unknown").unwrap(), "Unknown");
        assert_eq!(type_ident("StringValue").unwrap(), "StringValue");
    }

    #[test]
    fn type_ident_rejects_names_without_words() {
        assert!(type_ident("").is_err());
        assert!(type_ident("*").is_err());
    }

    #[test]
    fn variant_ident_is_pascal_case_of_the_wire_value() {
        for (value, ident) in [
            (
                "START_DATA_COLLECTION_PENDING",
                "StartDataCollectionPending",
            ),
            ("t2.micro", "T2Micro"),
            ("us-east-1", "UsEast1"),
            ("application/json", "ApplicationJson"),
        ] {
            assert_eq!(variant_ident(value).as_deref(), Some(ident), "{value}");
        }
    }

    #[test]
    fn variant_ident_escapes() {
        assert_eq!(variant_ident("1").as_deref(), Some("_1"));
        assert_eq!(variant_ident("1.0").as_deref(), Some("_1_0"));
        assert_eq!(variant_ident("Self").as_deref(), Some("Self_"));
        assert_eq!(variant_ident("Unknown").as_deref(), Some("UnknownValue"));
        assert_eq!(variant_ident("UNKNOWN").as_deref(), Some("UnknownValue"));
        // Variants live in their enum's namespace: prelude names are fine there.
        assert_eq!(variant_ident("None").as_deref(), Some("None"));
    }

    #[test]
    fn variant_ident_is_none_without_letters_or_digits() {
        assert_eq!(variant_ident(""), None);
        assert_eq!(variant_ident("*"), None);
        assert_eq!(variant_ident("-"), None);
    }

    #[test]
    fn nothing_panics_on_odd_input() {
        for name in [
            "",
            "\0",
            "_",
            "__",
            "s",
            "v",
            "v1",
            "Mi",
            "MiB",
            "Ms",
            "AAs",
            "AAv",
            "AAv1",
            "A1",
            "1A",
            "\u{1F600}",
            "a\u{301}",
            "ÄÖÜ",
            "ẞ",
            "İ",
            "\u{FEFF}x",
        ] {
            let _ = (snake_case(name), pascal_case(name), variant_ident(name));
            let _ = (value_ident(name), type_ident(name));
        }
    }
}
