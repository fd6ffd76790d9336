//! The shared AWS config and credentials files (`~/.aws/config`, `~/.aws/credentials`).
//!
//! A small parser for the subset of the format the runtime reads: sections, `key = value`
//! properties, comments and continuation lines. Generic INI crates do not know the format's
//! rules (`[profile name]` only in the config file, `#`/`;` comments, indented continuation
//! lines, the credentials file overriding the config file), so the runtime parses it itself.

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Looks an environment variable up; injectable so tests never touch the process environment.
pub(crate) type Lookup = Arc<dyn Fn(&str) -> Option<String> + Send + Sync>;

/// The process environment as a [`Lookup`]; empty values count as unset.
pub(crate) fn process_env() -> Lookup {
    Arc::new(|name| std::env::var(name).ok().filter(|value| !value.is_empty()))
}

/// Which of the two files a text comes from; they name profiles differently.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum FileKind {
    /// `~/.aws/config`: `[default]` or `[profile name]`.
    Config,
    /// `~/.aws/credentials`: `[name]`.
    Credentials,
}

/// A malformed line of a profile file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct ProfileFileError {
    pub(crate) path: PathBuf,
    pub(crate) line: usize,
    pub(crate) message: String,
}

impl fmt::Display for ProfileFileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.path.display(), self.line, self.message)
    }
}

impl std::error::Error for ProfileFileError {}

/// Properties of one profile, keys lower-cased.
pub(crate) type Properties = BTreeMap<String, String>;

/// The profiles of both files, merged: for the same profile, the credentials file's
/// properties win over the config file's.
#[derive(Clone, Default, PartialEq, Eq)]
pub(crate) struct ProfileSet {
    profiles: BTreeMap<String, Properties>,
    /// The config file's `[services name]` sections: service keys (`dynamodb`) and their
    /// sub-properties, as text (`\nendpoint_url = …`).
    services: BTreeMap<String, Properties>,
}

// Property values can be secrets: show only profile names and property keys.
impl fmt::Debug for ProfileSet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map()
            .entries(
                self.profiles
                    .iter()
                    .map(|(name, properties)| (name, properties.keys().collect::<Vec<_>>())),
            )
            .finish()
    }
}

impl ProfileSet {
    /// Merges the parsed config file and credentials file.
    pub(crate) fn merge(config: ProfileSet, credentials: ProfileSet) -> ProfileSet {
        let mut merged = config;
        // Only the config file has `services` sections.
        for (name, properties) in credentials.profiles {
            merged.profiles.entry(name).or_default().extend(properties);
        }
        merged
    }

    /// The sub-property `property` of service `service` (`dynamodb`) in the `[services
    /// section]` section.
    pub(crate) fn service_property(
        &self,
        section: &str,
        service: &str,
        property: &str,
    ) -> Option<String> {
        let text = self.services.get(section)?.get(service)?;
        text.lines().find_map(|line| {
            let (key, value) = line.split_once('=')?;
            (key.trim().eq_ignore_ascii_case(property)).then(|| value.trim().to_owned())
        })
    }

    /// Whether the config file has the `[services section]` section.
    pub(crate) fn has_services(&self, section: &str) -> bool {
        self.services.contains_key(section)
    }

    pub(crate) fn get(&self, profile: &str) -> Option<&Properties> {
        self.profiles.get(profile)
    }

    #[cfg(test)]
    pub(crate) fn names(&self) -> impl Iterator<Item = &str> {
        self.profiles.keys().map(String::as_str)
    }
}

/// Parses one file. Sections other than profiles (`[sso-session x]`, `[services x]`) are
/// skipped; in the config file, `[profile default]` wins over `[default]`.
pub(crate) fn parse(
    text: &str,
    kind: FileKind,
    path: &Path,
) -> Result<ProfileSet, ProfileFileError> {
    let error = |line: usize, message: String| ProfileFileError {
        path: path.to_path_buf(),
        line,
        message,
    };
    let mut profiles: BTreeMap<String, Properties> = BTreeMap::new();
    let mut services: BTreeMap<String, Properties> = BTreeMap::new();
    // Bare `[default]` in the config file, kept apart so `[profile default]` can win.
    let mut bare_default: Option<Properties> = None;
    // Where properties go: None before the first section, Some(None) in a skipped section.
    let mut section: Option<Option<(String, bool)>> = None;
    let mut last_key: Option<String> = None;

    for (index, raw) in text.lines().enumerate() {
        let number = index + 1;
        let line = raw.trim_end();
        let trimmed = line.trim_start();
        if trimmed.is_empty() || trimmed.starts_with('#') || trimmed.starts_with(';') {
            continue;
        }
        if let Some(header) = trimmed.strip_prefix('[') {
            let Some((inside, rest)) = header.split_once(']') else {
                return Err(error(
                    number,
                    format!("section header `{trimmed}` has no closing `]`"),
                ));
            };
            let rest = rest.trim();
            if !(rest.is_empty() || rest.starts_with('#') || rest.starts_with(';')) {
                return Err(error(
                    number,
                    format!("unexpected text `{rest}` after the section header"),
                ));
            }
            let inside = inside.trim();
            if kind == FileKind::Config
                && let Some(name) = inside
                    .strip_prefix("services")
                    .filter(|rest| rest.starts_with([' ', '\t']))
            {
                // Kept as a section of its own, with a name no profile can have.
                let name = name.trim().to_owned();
                services.entry(name.clone()).or_default();
                section = Some(Some((format!("{SERVICES}{name}"), false)));
                last_key = None;
                continue;
            }
            section = Some(profile_name(inside, kind));
            if let Some(Some((name, bare))) = &section {
                if *bare {
                    bare_default.get_or_insert_with(Properties::new);
                } else {
                    profiles.entry(name.clone()).or_default();
                }
            }
            last_key = None;
            continue;
        }
        let Some(target) = &section else {
            return Err(error(
                number,
                "a property before the first section header".to_owned(),
            ));
        };
        // An indented line continues the previous value (or holds a sub-property); with no
        // previous property it is an ordinary property.
        let continued = match line.starts_with([' ', '\t']) {
            true => last_key.as_ref(),
            false => None,
        };
        if let Some(key) = continued {
            if let Some((name, bare)) = target {
                let properties = if *bare {
                    bare_default.get_or_insert_with(Properties::new)
                } else {
                    profiles.entry(name.clone()).or_default()
                };
                let value = properties.entry(key.clone()).or_default();
                value.push('\n');
                value.push_str(trimmed);
            }
            continue;
        }
        let Some((key, value)) = trimmed.split_once('=') else {
            return Err(error(
                number,
                format!("expected `name = value`, found `{trimmed}`"),
            ));
        };
        let key = key.trim().to_ascii_lowercase();
        if key.is_empty() {
            return Err(error(number, "a property with an empty name".to_owned()));
        }
        let value = strip_inline_comment(value.trim()).to_owned();
        if let Some((name, bare)) = target {
            let properties = if *bare {
                bare_default.get_or_insert_with(Properties::new)
            } else {
                profiles.entry(name.clone()).or_default()
            };
            properties.insert(key.clone(), value);
        }
        last_key = Some(key);
    }
    for name in services.keys().cloned().collect::<Vec<_>>() {
        if let Some(properties) = profiles.remove(&format!("{SERVICES}{name}")) {
            services.insert(name, properties);
        }
    }
    if let Some(bare) = bare_default {
        // `[profile default]` properties win over `[default]` ones.
        let profile = profiles.entry("default".to_owned()).or_default();
        for (key, value) in bare {
            profile.entry(key).or_insert(value);
        }
    }
    Ok(ProfileSet { profiles, services })
}

/// The prefix under which a `[services name]` section is gathered while parsing.
const SERVICES: &str = "\u{0}services ";

/// The profile a section header names, with whether it is the config file's bare
/// `[default]`; None for sections that are not profiles.
fn profile_name(inside: &str, kind: FileKind) -> Option<(String, bool)> {
    match kind {
        FileKind::Credentials => Some((inside.to_owned(), false)),
        FileKind::Config => {
            if inside == "default" {
                return Some(("default".to_owned(), true));
            }
            let rest = inside.strip_prefix("profile")?;
            if !rest.starts_with([' ', '\t']) {
                return None;
            }
            let name = rest.trim();
            (!name.is_empty()).then(|| (name.to_owned(), false))
        }
    }
}

/// Drops a `#` or `;` comment that follows a value after whitespace (`region = us-east-1 # x`).
fn strip_inline_comment(value: &str) -> &str {
    let bytes = value.as_bytes();
    for (index, byte) in bytes.iter().enumerate() {
        if (*byte == b'#' || *byte == b';') && index > 0 && bytes[index - 1].is_ascii_whitespace() {
            return value[..index].trim_end();
        }
    }
    value
}

/// The two files and the profile to read, resolved from the environment or given.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct ProfileLocation {
    pub(crate) config_file: Option<PathBuf>,
    pub(crate) credentials_file: Option<PathBuf>,
    pub(crate) profile: String,
    /// Whether the profile was chosen (AWS_PROFILE or explicitly) rather than defaulted.
    pub(crate) explicit_profile: bool,
}

impl ProfileLocation {
    /// AWS_PROFILE (default `default`), AWS_CONFIG_FILE (default `~/.aws/config`),
    /// AWS_SHARED_CREDENTIALS_FILE (default `~/.aws/credentials`).
    pub(crate) fn from_env(lookup: &Lookup) -> ProfileLocation {
        let home = home_dir(lookup);
        let file = |variable: &str, default: &str| match lookup(variable) {
            Some(path) => Some(expand_home(&path, home.as_deref())),
            None => home.as_ref().map(|home| home.join(".aws").join(default)),
        };
        let profile = lookup("AWS_PROFILE");
        ProfileLocation {
            config_file: file("AWS_CONFIG_FILE", "config"),
            credentials_file: file("AWS_SHARED_CREDENTIALS_FILE", "credentials"),
            explicit_profile: profile.is_some(),
            profile: profile.unwrap_or_else(|| "default".to_owned()),
        }
    }

    /// Reads and merges both files; a missing file counts as empty.
    pub(crate) fn load(&self) -> Result<ProfileSet, LoadError> {
        let config = read(self.config_file.as_deref(), FileKind::Config)?;
        let credentials = read(self.credentials_file.as_deref(), FileKind::Credentials)?;
        Ok(ProfileSet::merge(config, credentials))
    }

    /// The files looked at, for error messages: `/home/me/.aws/config (missing), …`.
    pub(crate) fn describe_files(&self) -> String {
        let files: Vec<String> = [&self.config_file, &self.credentials_file]
            .into_iter()
            .flatten()
            .map(|path| {
                if path.is_file() {
                    path.display().to_string()
                } else {
                    format!("{} (missing)", path.display())
                }
            })
            .collect();
        if files.is_empty() {
            "no files (no home directory, AWS_CONFIG_FILE or AWS_SHARED_CREDENTIALS_FILE)"
                .to_owned()
        } else {
            files.join(", ")
        }
    }
}

/// Why the profile files could not be loaded.
#[derive(Debug)]
pub(crate) enum LoadError {
    Read(PathBuf, std::io::Error),
    Parse(ProfileFileError),
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoadError::Read(path, error) => write!(f, "cannot read {}: {error}", path.display()),
            LoadError::Parse(error) => error.fmt(f),
        }
    }
}

impl std::error::Error for LoadError {}

fn read(path: Option<&Path>, kind: FileKind) -> Result<ProfileSet, LoadError> {
    let Some(path) = path else {
        return Ok(ProfileSet::default());
    };
    match std::fs::read_to_string(path) {
        Ok(text) => parse(&text, kind, path).map_err(LoadError::Parse),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(ProfileSet::default()),
        Err(error) => Err(LoadError::Read(path.to_path_buf(), error)),
    }
}

pub(crate) fn home_dir(lookup: &Lookup) -> Option<PathBuf> {
    if let Some(home) = lookup("HOME") {
        return Some(PathBuf::from(home));
    }
    if let Some(profile) = lookup("USERPROFILE") {
        return Some(PathBuf::from(profile));
    }
    match (lookup("HOMEDRIVE"), lookup("HOMEPATH")) {
        (Some(drive), Some(path)) => Some(PathBuf::from(format!("{drive}{path}"))),
        _ => None,
    }
}

fn expand_home(path: &str, home: Option<&Path>) -> PathBuf {
    match (
        path.strip_prefix("~/").or_else(|| path.strip_prefix("~\\")),
        home,
    ) {
        (Some(rest), Some(home)) => home.join(rest),
        _ => PathBuf::from(path),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(text: &str) -> ProfileSet {
        parse(text, FileKind::Config, Path::new("config")).unwrap()
    }

    fn credentials(text: &str) -> ProfileSet {
        parse(text, FileKind::Credentials, Path::new("credentials")).unwrap()
    }

    fn property<'a>(set: &'a ProfileSet, profile: &str, key: &str) -> Option<&'a str> {
        set.get(profile)?.get(key).map(String::as_str)
    }

    #[test]
    fn config_file_profiles_need_the_profile_prefix_except_default() {
        let set = config(
            "[default]\nregion = us-east-1\n[profile dev]\nregion = eu-west-1\n[prod]\nregion = x\n",
        );
        assert_eq!(property(&set, "default", "region"), Some("us-east-1"));
        assert_eq!(property(&set, "dev", "region"), Some("eu-west-1"));
        // `[prod]` without `profile ` is not a profile in the config file.
        assert_eq!(set.names().collect::<Vec<_>>(), ["default", "dev"]);
    }

    #[test]
    fn credentials_file_profiles_are_bare_names() {
        let set = credentials("[dev]\naws_access_key_id = AKID\n[profile x]\nk = v\n");
        assert_eq!(property(&set, "dev", "aws_access_key_id"), Some("AKID"));
        assert_eq!(property(&set, "profile x", "k"), Some("v"));
    }

    #[test]
    fn comments_blank_lines_and_inline_comments_are_ignored() {
        let set = config(
            "# leading comment\n; another\n\n[profile dev] # header comment\n\
             region = us-west-2 ; inline\n  \nkey=a#b\n",
        );
        assert_eq!(property(&set, "dev", "region"), Some("us-west-2"));
        // `#` not preceded by whitespace is part of the value.
        assert_eq!(property(&set, "dev", "key"), Some("a#b"));
    }

    #[test]
    fn keys_are_case_insensitive_and_values_trimmed() {
        let set = credentials("[default]\n  AWS_Access_Key_ID   =   AKID  \n");
        assert_eq!(property(&set, "default", "aws_access_key_id"), Some("AKID"));
    }

    #[test]
    fn indented_lines_continue_the_previous_value() {
        let set = config("[default]\ns3 =\n  max_concurrent_requests = 20\nregion = us-east-1\n");
        assert_eq!(
            property(&set, "default", "s3"),
            Some("\nmax_concurrent_requests = 20")
        );
        assert_eq!(property(&set, "default", "region"), Some("us-east-1"));
    }

    #[test]
    fn other_sections_are_skipped() {
        let set = config("[sso-session corp]\nsso_region = x\n[profile a]\nregion = y\n");
        assert_eq!(set.names().collect::<Vec<_>>(), ["a"]);
    }

    #[test]
    fn profile_default_wins_over_bare_default_in_the_config_file() {
        let set = config("[profile default]\nregion = a\n[default]\nregion = b\noutput = json\n");
        assert_eq!(property(&set, "default", "region"), Some("a"));
        assert_eq!(property(&set, "default", "output"), Some("json"));
    }

    #[test]
    fn credentials_file_wins_over_config_for_the_same_profile() {
        let merged = ProfileSet::merge(
            config("[profile dev]\naws_access_key_id = FROM_CONFIG\nregion = eu-west-1\n"),
            credentials("[dev]\naws_access_key_id = FROM_CREDENTIALS\n"),
        );
        assert_eq!(
            property(&merged, "dev", "aws_access_key_id"),
            Some("FROM_CREDENTIALS")
        );
        // Properties only the config file has are kept.
        assert_eq!(property(&merged, "dev", "region"), Some("eu-west-1"));
    }

    #[test]
    fn malformed_lines_name_the_file_and_line() {
        let error = parse(
            "[default]\nregion us-east-1\n",
            FileKind::Config,
            Path::new("/x/config"),
        )
        .unwrap_err();
        assert_eq!(
            error.to_string(),
            "/x/config:2: expected `name = value`, found `region us-east-1`"
        );
        let error = parse("region = x\n", FileKind::Config, Path::new("c")).unwrap_err();
        assert_eq!(error.line, 1);
        assert!(
            error.message.contains("before the first section"),
            "{error}"
        );
        let error = parse("[default\n", FileKind::Config, Path::new("c")).unwrap_err();
        assert!(error.message.contains("no closing"), "{error}");
    }

    #[test]
    fn debug_shows_keys_but_not_values() {
        let set = credentials("[default]\naws_secret_access_key = TOPSECRET\n");
        let debug = format!("{set:?}");
        assert!(debug.contains("aws_secret_access_key"), "{debug}");
        assert!(!debug.contains("TOPSECRET"), "{debug}");
    }

    #[test]
    fn file_locations_come_from_the_environment_with_home_defaults() {
        let lookup: Lookup = Arc::new(|name| match name {
            "HOME" => Some("/home/me".to_owned()),
            "AWS_CONFIG_FILE" => Some("~/custom/config".to_owned()),
            _ => None,
        });
        let location = ProfileLocation::from_env(&lookup);
        assert_eq!(
            location.config_file,
            Some(PathBuf::from("/home/me/custom/config"))
        );
        assert_eq!(
            location.credentials_file,
            Some(Path::new("/home/me").join(".aws").join("credentials"))
        );
        assert_eq!(location.profile, "default");
        assert!(!location.explicit_profile);

        let lookup: Lookup = Arc::new(|name| (name == "AWS_PROFILE").then(|| "dev".to_owned()));
        let location = ProfileLocation::from_env(&lookup);
        assert_eq!(
            (location.profile.as_str(), location.explicit_profile),
            ("dev", true)
        );
        assert_eq!(location.config_file, None);
    }
}
