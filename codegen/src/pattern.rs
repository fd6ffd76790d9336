//! The model's `pattern` constraints, translated into the syntax of the Rust regex engines and
//! given the lightest engine that can check them.
//!
//! Smithy gives patterns ECMA-262 semantics; AWS models also use a few Java classes
//! (`\p{Print}`, `\p{Alnum}`, `\p{IsAlphabetic}`, …), which the services, written in Java,
//! check with Java's meaning. The translation keeps those meanings where the Rust engines read
//! the same text differently:
//!
//! - `\d`, `\w`, `\b` are ASCII (`[0-9]`, `[0-9A-Za-z_]`), `\s` is ECMA's white space and line
//!   terminators, and `.` matches anything but a line terminator (`\n`, `\r`, U+2028,
//!   U+2029);
//! - `\uXXXX` and `\u{X…}` are code points, `\cX` a control character, `\0` NUL, `[\b]`
//!   backspace;
//! - inside a class, `[`, `&`, `~` and a second `-` are literals (the regex crate reads them
//!   as nested classes and set operations), as is a `{` or `}` that is not a quantifier;
//! - Java's POSIX classes (`\p{Alnum}`, `\p{Punct}`, …) are their US-ASCII sets, as in Java,
//!   and `\p{IsAlphabetic}`, `\p{IsWhitespace}` Unicode's `Alphabetic` and `White_Space`.
//!
//! The engine is the first of these that compiles the translation: `regex-lite` (small, no
//! Unicode tables), the `regex` crate with Unicode's general categories and boolean
//! properties (for `\p{L}` and the like), and `fancy-regex` (for lookaround and
//! backreferences). A pattern none of them compiles is left unchecked, with a note.

/// The engine a generated crate checks a pattern with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Engine {
    /// `regex-lite`: every pattern without Unicode classes or lookaround.
    Lite,
    /// The `regex` crate with Unicode's general categories and boolean properties.
    Unicode,
    /// `fancy-regex`: lookaround and backreferences.
    Lookaround,
}

impl Engine {
    /// The runtime feature the engine needs, if any.
    pub fn runtime_feature(self) -> Option<&'static str> {
        match self {
            Engine::Lite => None,
            Engine::Unicode => Some("unicode-patterns"),
            Engine::Lookaround => Some("lookaround-patterns"),
        }
    }
}

/// A pattern the generated crate can check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checked {
    /// The translation, in the engine's syntax.
    pub source: String,
    /// The lightest engine that compiles it.
    pub engine: Engine,
}

/// Translates `pattern` and finds the engine that checks it; the reason when none can.
pub fn check(pattern: &str) -> Result<Checked, String> {
    let source = translate(pattern, Engine::Lite)?;
    if regex_lite::Regex::new(&source).is_ok() {
        return Ok(Checked {
            source,
            engine: Engine::Lite,
        });
    }
    let source = translate(pattern, Engine::Unicode)?;
    let unicode = match regex::Regex::new(&source) {
        Ok(_) => {
            return Ok(Checked {
                source,
                engine: Engine::Unicode,
            });
        }
        Err(error) => error,
    };
    let source = translate(pattern, Engine::Lookaround)?;
    match fancy_regex::Regex::new(&source) {
        Ok(_) => Ok(Checked {
            source,
            engine: Engine::Lookaround,
        }),
        Err(fancy) => {
            let reason = match unicode {
                regex::Error::CompiledTooBig(limit) => format!(
                    "it compiles to more than the regex crate's limit of {} MB",
                    limit / (1024 * 1024)
                ),
                _ if pattern.contains("(?=")
                    || pattern.contains("(?!")
                    || pattern.contains("(?<=")
                    || pattern.contains("(?<!") =>
                {
                    format!("fancy-regex does not read it: {fancy}")
                }
                other => {
                    let reason = other.to_string();
                    reason.lines().last().unwrap_or_default().trim().to_owned()
                }
            };
            Err(format!("no Rust regex engine reads it: {reason}"))
        }
    }
}

/// ECMA-262's white space and line terminators, for `\s`, as the inside of a class.
const SPACE: &str =
    r"\t\n\x0B\x0C\r \xA0\x{1680}\x{2000}-\x{200A}\x{2028}\x{2029}\x{202F}\x{205F}\x{3000}\x{FEFF}";
/// `\d` and `\w` as ECMA-262 defines them, without Unicode mode: ASCII.
const DIGIT: &str = "0-9";
const WORD: &str = "0-9A-Za-z_";
/// What `.` matches: anything but a line terminator.
const DOT: &str = r"[^\n\r\x{2028}\x{2029}]";

/// `pattern` in the syntax of `engine`, or why it cannot be read. The engines differ only in
/// how they are told that `\b` is an ASCII word boundary.
pub fn translate(pattern: &str, engine: Engine) -> Result<String, String> {
    let chars: Vec<char> = pattern.chars().collect();
    let mut out = String::with_capacity(pattern.len() + 8);
    let mut in_class = false;
    // Whether the class just opened (so a `]` or `^` there is special).
    let mut class_start = false;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let at_class_start = class_start;
        class_start = false;
        match c {
            '\\' => {
                let (text, used) = escape(&chars[i + 1..], in_class, engine)?;
                out.push_str(&text);
                i += 1 + used;
                // After a class escape (`\w`, `\p{L}`) inside a class, a `-` is a literal
                // (ECMA-262 Annex B), not a range.
                let set = matches!(
                    chars[i - used],
                    'd' | 'D' | 'w' | 'W' | 's' | 'S' | 'p' | 'P'
                );
                if in_class && set && chars.get(i) == Some(&'-') && chars.get(i + 1) != Some(&']') {
                    out.push_str(r"\-");
                    i += 1;
                }
                continue;
            }
            '[' if !in_class => {
                in_class = true;
                class_start = true;
                out.push('[');
                if chars.get(i + 1) == Some(&'^') {
                    out.push('^');
                    i += 1;
                }
            }
            ']' if in_class && at_class_start => {
                // `[]` matches nothing in ECMA-262, `[^]` anything; no model needs either.
                return Err("it has an empty character class".to_owned());
            }
            ']' if in_class => {
                in_class = false;
                out.push(']');
            }
            '[' | '&' | '~' if in_class => {
                out.push('\\');
                out.push(c);
            }
            '-' if in_class && chars.get(i + 1) == Some(&'-') => out.push_str(r"\-"),
            '.' if !in_class => out.push_str(DOT),
            '{' if !in_class => {
                if let Some(len) = quantifier(&chars[i..]) {
                    out.extend(&chars[i..i + len]);
                    i += len;
                    continue;
                }
                out.push_str(r"\{");
            }
            '}' if !in_class => out.push_str(r"\}"),
            _ => out.push(c),
        }
        i += 1;
    }
    if in_class {
        return Err("a character class is not closed".to_owned());
    }
    Ok(out)
}

/// The length of the `{n}`, `{n,}` or `{n,m}` quantifier at the start of `chars`, if it is one.
fn quantifier(chars: &[char]) -> Option<usize> {
    let close = chars.iter().position(|&c| c == '}')?;
    let inside: String = chars[1..close].iter().collect();
    let mut parts = inside.splitn(2, ',');
    let first = parts.next()?;
    let valid = !first.is_empty() && first.chars().all(|c| c.is_ascii_digit());
    let rest_valid = parts
        .next()
        .is_none_or(|rest| rest.chars().all(|c| c.is_ascii_digit()));
    (valid && rest_valid).then_some(close + 1)
}

/// The translation of the escape after a `\` and the number of characters it used.
fn escape(rest: &[char], in_class: bool, engine: Engine) -> Result<(String, usize), String> {
    let Some(&c) = rest.first() else {
        return Err("it ends with a lone `\\`".to_owned());
    };
    let class = |inside: &str, negated: bool| set(inside, negated, in_class);
    Ok(match c {
        'd' => (class(DIGIT, false), 1),
        'D' => (class(DIGIT, true), 1),
        'w' => (class(WORD, false), 1),
        'W' => (class(WORD, true), 1),
        's' => (class(SPACE, false), 1),
        'S' => (class(SPACE, true), 1),
        'b' if in_class => (r"\x08".to_owned(), 1),
        // An ASCII word boundary: regex-lite's `\b` is one; the regex crate is told so;
        // fancy-regex, which refuses `(?-u)`, gets it as lookaround.
        'b' | 'B' => {
            let negated = c == 'B';
            let text = match (engine, negated) {
                (Engine::Lite, false) => r"\b".to_owned(),
                (Engine::Lite, true) => r"\B".to_owned(),
                (Engine::Unicode, false) => r"(?-u:\b)".to_owned(),
                (Engine::Unicode, true) => r"(?-u:\B)".to_owned(),
                (Engine::Lookaround, false) => {
                    format!("(?:(?<=[{WORD}])(?![{WORD}])|(?<![{WORD}])(?=[{WORD}]))")
                }
                (Engine::Lookaround, true) => {
                    format!("(?:(?<=[{WORD}])(?=[{WORD}])|(?<![{WORD}])(?![{WORD}]))")
                }
            };
            (text, 1)
        }
        // `\0` is NUL; `\0` and up to three octal digits a code point, as Java reads them.
        '0' => {
            let digits: String = rest[1..]
                .iter()
                .take(3)
                .take_while(|d| ('0'..='7').contains(*d))
                .collect();
            let value = u32::from_str_radix(&format!("0{digits}"), 8)
                .map_err(|e| format!("an octal escape does not read: {e}"))?;
            (format!("\\x{{{value:X}}}"), 1 + digits.len())
        }
        'u' => {
            if rest.get(1) == Some(&'{') {
                let close = rest
                    .iter()
                    .position(|&c| c == '}')
                    .ok_or("a `\\u{` escape is not closed")?;
                let hex: String = rest[2..close].iter().collect();
                code_point(&hex)?;
                (format!("\\x{{{hex}}}"), close + 1)
            } else {
                let hex: String = rest.iter().skip(1).take(4).collect();
                if hex.len() != 4 {
                    return Err("a `\\u` escape has fewer than four hex digits".to_owned());
                }
                let high = code_point(&hex)?;
                // A surrogate pair (`\uD83D\uDE00`) is one code point, as Java reads it.
                let low: String = rest.iter().skip(7).take(4).collect();
                let pair = (0xD800..0xDC00).contains(&high)
                    && rest.get(5) == Some(&'\\')
                    && rest.get(6) == Some(&'u')
                    && low.len() == 4;
                match pair.then(|| code_point(&low)).transpose()? {
                    Some(low) if (0xDC00..0xE000).contains(&low) => {
                        let scalar = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00);
                        (format!("\\x{{{scalar:X}}}"), 11)
                    }
                    _ if (0xD800..0xE000).contains(&high) => lone_surrogate(rest, in_class)?,
                    _ => (format!("\\x{{{hex}}}"), 5),
                }
            }
        }
        'c' => {
            let letter = rest
                .get(1)
                .filter(|l| l.is_ascii_alphabetic())
                .ok_or("a `\\c` escape has no control letter")?;
            (format!("\\x{:02X}", (*letter as u32) % 32), 2)
        }
        'p' | 'P' => {
            let close = rest
                .iter()
                .position(|&c| c == '}')
                .filter(|_| rest.get(1) == Some(&'{'))
                .ok_or("a `\\p` escape has no `{name}`")?;
            let name: String = rest[2..close].iter().collect();
            (property(&name, c == 'P', in_class), close + 1)
        }
        // A `/` needs no escape in Rust patterns, and the regex engines refuse `\/`.
        '/' => ("/".to_owned(), 1),
        other => (format!("\\{other}"), 1),
    })
}

/// A lone surrogate (`\uD800`), or a range of them (`\uDBFF-\uDC00`), in a class: no Rust
/// string holds one, and Java matches one only where a string has half a pair, so the class
/// loses nothing without it.
fn lone_surrogate(rest: &[char], in_class: bool) -> Result<(String, usize), String> {
    if !in_class {
        return Err("it has a lone surrogate outside a class, which no string holds".to_owned());
    }
    let surrogate = |chars: &[char]| {
        let hex: String = chars.iter().take(4).collect();
        hex.len() == 4 && u32::from_str_radix(&hex, 16).is_ok_and(|v| (0xD800..0xE000).contains(&v))
    };
    if rest.get(5) == Some(&'-') && rest.get(6) == Some(&'\\') && rest.get(7) == Some(&'u') {
        if surrogate(&rest[8..]) {
            return Ok((String::new(), 12));
        }
        return Err("a class range starts at a surrogate".to_owned());
    }
    Ok((String::new(), 5))
}

/// The set whose class body is `inside` (`0-9A-Za-z_`), written where it stands: spliced into
/// the enclosing class when positive (regex-lite has no nested classes), else as a class of
/// its own, nested if need be (the regex crate reads nested classes).
fn set(inside: &str, negated: bool, in_class: bool) -> String {
    match (in_class, negated) {
        (true, false) => inside.to_owned(),
        (_, true) => format!("[^{inside}]"),
        (false, false) => format!("[{inside}]"),
    }
}

fn code_point(hex: &str) -> Result<u32, String> {
    u32::from_str_radix(hex, 16)
        .ok()
        .filter(|_| !hex.is_empty())
        .ok_or_else(|| format!("`{hex}` is not a hexadecimal code point"))
}

/// `\p{name}` (or `\P{name}`, `negated`): Java's POSIX classes as their US-ASCII sets, Java's
/// `Is…` Unicode properties under their Unicode names, the rest (general categories, scripts)
/// as they are.
fn property(name: &str, negated: bool, in_class: bool) -> String {
    let ascii = match name {
        "Lower" => Some("a-z"),
        "Upper" => Some("A-Z"),
        "ASCII" => Some(r"\x00-\x7F"),
        "Alpha" => Some("A-Za-z"),
        "Digit" => Some("0-9"),
        "Alnum" => Some("0-9A-Za-z"),
        "Punct" => Some(r"!-/:-@\[-`{-~"),
        "Graph" => Some(r"!-~"),
        "Print" => Some(r" -~"),
        "Blank" => Some(r" \t"),
        "Cntrl" => Some(r"\x00-\x1F\x7F"),
        "XDigit" => Some("0-9A-Fa-f"),
        "Space" => Some(r" \t\n\x0B\x0C\r"),
        "all" => Some(r"\x00-\x{10FFFF}"),
        _ => None,
    };
    if let Some(inside) = ascii {
        return set(inside, negated, in_class);
    }
    let unicode = match name {
        "IsAlphabetic" => "Alphabetic",
        "IsWhitespace" | "IsWhite_Space" => "White_Space",
        "IsLetter" => "L",
        "IsDigit" => "Nd",
        "IsUppercase" => "Uppercase",
        "IsLowercase" => "Lowercase",
        other => other.strip_prefix("Is").unwrap_or(other),
    };
    let p = if negated { 'P' } else { 'p' };
    format!("\\{p}{{{unicode}}}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matches(pattern: &str, value: &str) -> bool {
        let checked = check(pattern).unwrap_or_else(|e| panic!("{pattern}: {e}"));
        match checked.engine {
            Engine::Lite => regex_lite::Regex::new(&checked.source)
                .unwrap()
                .is_match(value),
            Engine::Unicode => regex::Regex::new(&checked.source).unwrap().is_match(value),
            Engine::Lookaround => fancy_regex::Regex::new(&checked.source)
                .unwrap()
                .is_match(value)
                .unwrap(),
        }
    }

    #[test]
    fn shorthand_classes_inside_a_class_stay_with_regex_lite() {
        let checked = check(r"^[-\w.]+[\d]$").unwrap();
        assert_eq!(checked.engine, Engine::Lite, "{}", checked.source);
        assert!(matches(r"^[-\w.]+[\d]$", "a-b.c1"));
        assert!(!matches(r"^[-\w.]+[\d]$", "é1"));
        assert!(matches(r"^[\p{Alnum}_]+$", "a_1"));
    }

    #[test]
    fn ascii_patterns_use_regex_lite() {
        let checked = check("^[a-zA-Z0-9-_]+$").unwrap();
        assert_eq!(checked.engine, Engine::Lite);
        assert!(matches("^[a-zA-Z0-9-_]+$", "ab-c_9"));
        assert!(!matches("^[a-zA-Z0-9-_]+$", "ab c"));
    }

    #[test]
    fn unicode_classes_use_the_regex_crate() {
        let pattern = r"^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$";
        assert_eq!(check(pattern).unwrap().engine, Engine::Unicode);
        assert!(matches(pattern, "Grüße 42"));
        assert!(!matches(pattern, "tab\there"));
    }

    #[test]
    fn lookaround_uses_fancy_regex() {
        let pattern = r"^(?!aws:)[a-zA-Z+-=._:/]+$";
        assert_eq!(check(pattern).unwrap().engine, Engine::Lookaround);
        assert!(matches(pattern, "team:a"));
        assert!(!matches(pattern, "aws:reserved"));
    }

    #[test]
    fn java_posix_classes_are_ascii() {
        // dynamodb's pattern: printable US-ASCII.
        let pattern = r"[\p{Print}]*";
        assert!(matches(&format!("^{pattern}$"), "Hello, world ~"));
        assert!(!matches(&format!("^{pattern}$"), "tab\t"));
        assert!(!matches(&format!("^{pattern}$"), "é"));
        assert!(matches(r"^\p{Alnum}+$", "abc123"));
        assert!(!matches(r"^\p{Alnum}+$", "abc-123"));
        assert!(matches(
            r"^[\p{Punct}]+$",
            "!#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"
        ));
        assert!(matches(r"^\P{ASCII}$", "é"));
    }

    #[test]
    fn shorthand_classes_have_ecma_meaning() {
        assert!(!matches(r"^\d$", "٣"), "\\d is ASCII in ECMA-262");
        assert!(!matches(r"^\w+$", "é"));
        assert!(matches(r"^[\w-]+$", "a-b_c"));
        assert!(matches(r"^\s$", "\u{3000}"));
        assert!(matches(r"^[^\s]+$", "abc"));
        assert!(matches(r"^[\S]+$", "abc"));
        assert!(!matches(r"^.$", "\n"));
        assert!(!matches(r"^.$", "\u{2028}"));
        assert!(matches(r"^.$", "é"));
    }

    #[test]
    fn ecma_escapes_become_rust_escapes() {
        assert!(matches(r"^[\u0021-\u007E]+$", "abc~"));
        assert!(!matches(r"^[\u0021-\u007E]+$", "a c"));
        assert!(matches(r"^\u{1F600}$", "😀"));
        assert!(matches(r"^a\/b$", "a/b"));
        assert!(matches(r"^\cJ$", "\n"));
        // The XML character range, with supplementary characters as surrogate pairs.
        let xml = r"^[\u0020-\uD7FF\uE000-\uFFFD\uD800\uDC00-\uDBFF\uDFFF\r\n\t]*$";
        assert!(matches(xml, "a😀\t"));
        assert!(!matches(xml, "\u{1}"));
    }

    #[test]
    fn class_literals_that_the_regex_crate_reads_as_operators() {
        assert!(matches(r"^[a&&b]+$", "a&b"));
        assert!(matches(r"^[[a]+$", "[a"));
        assert!(matches(r"^[~~]$", "~"));
        assert!(matches(r"^a{$", "a{"));
        assert!(matches(r"^a{2}$", "aa"));
        assert!(!matches(r"^a{2}$", "a"));
        assert!(matches(r"^a{2,}b{1,3}$", "aaab"));
    }

    #[test]
    fn a_dash_after_a_class_escape_is_a_literal() {
        assert!(matches(r"^[\w- ]+$", "a-b c"));
        assert!(!matches(r"^[\w- ]+$", "a+b"));
        assert!(matches(r"^[\p{L}\p{N}\p{Z}-_]+$", "é-_ 1"));
    }

    #[test]
    fn octal_escapes_and_word_boundaries() {
        assert!(matches(r"^[^/:|\000-\037]+$", "abc"));
        assert!(!matches(r"^[^/:|\000-\037]+$", "a\u{1f}"));
        for pattern in [r"^\d{4}\b", r"^(?!x)\d{4}\b", r"^\p{L}+\b"] {
            assert!(!matches(pattern, "12345"), "{pattern}");
        }
        assert!(matches(r"^\d{4}\b", "2024-01"));
        assert!(matches(r"^(?!x)\d{4}\b", "2024-01"));
        assert!(matches(r"^\p{L}+\b", "été-x"));
    }

    #[test]
    fn unreadable_patterns_give_a_reason() {
        let error = check(r"[^\p{C}]{1,2048}").unwrap_err();
        assert!(error.contains("limit"), "{error}");
        let error = check(r"[abc").unwrap_err();
        assert!(error.contains("not closed"), "{error}");
        let error = check(r"\p{NoSuchClass}").unwrap_err();
        assert!(error.contains("no Rust regex engine"), "{error}");
    }
}
