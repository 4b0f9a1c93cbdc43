//! Python regexes of the text path (the shapes' and the language detection's), run by the core.
//!
//! `cleaner/native/regexes.py` translates each from Python's own parse into the `regex` crate's syntax. A
//! case-insensitive pattern runs on the line as [`Table::regex_char`] maps it (folded as IGNORECASE compares
//! characters, with stand-ins where the two engines' `\w`, `\s`, `\d` differ); a case-sensitive one on the
//! line as [`Table::raw_char`] maps it (the characters themselves, with the same stand-ins). A pattern that
//! starts with a look-ahead (`^(?=X)Y`) comes as two regexes that must both match (`^X`, `^Y`).

use std::borrow::Cow;
use std::cell::OnceCell;
use std::sync::OnceLock;

use aho_corasick::AhoCorasick;
use memchr::memmem;
use regex::Regex;
use regex_syntax::hir::literal::Extractor;
use regex_syntax::hir::{Class, Hir, HirKind, Look};

use crate::matcher::Matcher;
use crate::unicode::{Table, STAND_INS};

/// Which form of the line a pattern runs on.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Form {
    Folded,
    Raw,
    /// The text itself: a case-sensitive pattern with no class whose reading differs between the engines
    /// (no `\\w`, `\\s`, `\\d`, `\\b`), which needs no stand-ins.
    Plain,
}

#[derive(Debug)]
pub struct PatternError(pub String);

/// One Python regex: every part must match (a search: anywhere; Python's `match()` comes as `^(?:…)`).
pub struct Pattern {
    pub name: String,
    form: Form,
    sources: Vec<String>,
    /// for the spans (`count`, `spans`): compiled on the first such call
    compiled: OnceLock<Result<Vec<Regex>, String>>,
    /// for `is_match` alone (most patterns are only asked that): forward engines, compiled on first use
    matchers: OnceLock<Result<Vec<Matcher>, String>>,
    /// Strings one of which every match contains, looked for before the regexes run.
    needles: Vec<Needles>,
}

/// What the glue hands over for one pattern.
pub struct PatternSpec {
    pub name: String,
    pub parts: Vec<String>,
    pub folded: bool,
    /// Case-sensitive and reads no class the engines read differently: run on the text itself.
    pub plain: bool,
    /// Every character the pattern names (literals, class members).
    pub named: String,
    /// The ranges of its case-sensitive classes.
    pub ranges: Vec<(char, char)>,
}

impl Pattern {
    /// Check the pattern against the table: no character it names may be read otherwise by the core
    /// (a stand-in, or a folded form other than itself). The regexes compile on first use.
    pub fn new(spec: PatternSpec, table: &Table) -> Result<Pattern, PatternError> {
        let form = if spec.folded {
            Form::Folded
        } else if spec.plain {
            Form::Plain
        } else {
            Form::Raw
        };
        for c in spec.named.chars() {
            let seen = match form {
                Form::Folded => table.regex_char(c),
                Form::Raw => table.raw_char(c),
                Form::Plain => c,
            };
            if form != Form::Plain && STAND_INS.contains(&c) || seen != c {
                return Err(PatternError(format!(
                    "pattern {} names U+{:04X}, which the native core cannot match as Python does",
                    spec.name, c as u32
                )));
            }
        }
        for &(lo, hi) in &spec.ranges {
            if form == Form::Raw && table.raw_stand_in_within(lo, hi) {
                return Err(PatternError(format!(
                    "pattern {}: the range U+{:04X}-U+{:04X} holds characters the core reads otherwise",
                    spec.name, lo as u32, hi as u32
                )));
            }
        }
        if spec.parts.is_empty() {
            return Err(PatternError(format!("pattern {}: no regex", spec.name)));
        }
        let mut needles = Vec::new();
        for part in &spec.parts {
            let hir = regex_syntax::parse(part)
                .map_err(|e| PatternError(format!("pattern {}: {e}", spec.name)))?;
            needles.extend(Needles::of(&hir));
        }
        Ok(Pattern {
            name: spec.name,
            form,
            sources: spec.parts,
            compiled: OnceLock::new(),
            matchers: OnceLock::new(),
            needles,
        })
    }

    fn regexes(&self) -> Result<&[Regex], PatternError> {
        self.compiled
            .get_or_init(|| {
                self.sources
                    .iter()
                    .map(|s| Regex::new(s).map_err(|e| e.to_string()))
                    .collect()
            })
            .as_ref()
            .map(|v| v.as_slice())
            .map_err(|e| PatternError(format!("pattern {}: {e}", self.name)))
    }

    fn matchers(&self) -> Result<&[Matcher], PatternError> {
        self.matchers
            .get_or_init(|| {
                // (is_match has looked for the pattern's needles already)
                self.sources
                    .iter()
                    .map(|s| Matcher::new(s, false))
                    .collect()
            })
            .as_ref()
            .map(|v| v.as_slice())
            .map_err(|e| PatternError(format!("pattern {}: {e}", self.name)))
    }

    /// Compile now (tests).
    pub fn compile(&self) -> Result<(), PatternError> {
        self.regexes()?;
        for matcher in self.matchers()? {
            matcher
                .compile()
                .map_err(|e| PatternError(format!("pattern {}: {e}", self.name)))?;
        }
        Ok(())
    }

    /// Can the pattern match `text` at all? Not when it lacks every string of one part's needles (a
    /// cheap scan that spares most lines a regex that starts with a class, which no literal search helps).
    #[inline]
    fn may_match(&self, text: &str) -> bool {
        self.needles.iter().all(|n| n.found_in(text.as_bytes()))
    }

    /// Does the pattern match the line (Python's `search`, or `match` for a pattern written anchored)?
    pub fn is_match(&self, line: &Forms) -> bool {
        let text = line.get(self.form);
        if !self.may_match(text) {
            return false;
        }
        match self.matchers() {
            Ok(matchers) => matchers.iter().all(|m| m.is_match(text).unwrap_or(false)),
            Err(_) => false, // refused at load in practice: every pattern compiles (a test checks)
        }
    }

    /// How many non-overlapping matches (Python's `len(findall)`); a single-part pattern only.
    pub fn count(&self, line: &Forms) -> usize {
        let text = line.get(self.form);
        if !self.may_match(text) {
            return 0;
        }
        match self.regexes() {
            Ok([regex]) => regex.find_iter(text).count(),
            _ => 0,
        }
    }

    /// The matches' (byte start, byte end) in the form the pattern runs on (a single-part pattern).
    pub fn spans(&self, text: &str) -> Vec<(usize, usize)> {
        self.first_spans(text, usize::MAX)
    }

    /// The first `limit` matches' spans (the search stops there).
    pub fn first_spans(&self, text: &str, limit: usize) -> Vec<(usize, usize)> {
        if !self.may_match(text) {
            return Vec::new();
        }
        match self.regexes() {
            Ok([regex]) => regex
                .find_iter(text)
                .take(limit)
                .map(|m| (m.start(), m.end()))
                .collect(),
            _ => Vec::new(),
        }
    }

    /// The regexes the pattern is made of, as the crate's syntax (one part, or one per line of a run).
    pub fn sources(&self) -> &[String] {
        &self.sources
    }

    pub fn form(&self) -> Form {
        self.form
    }

    pub fn check_compiles(&self) -> Result<(), PatternError> {
        self.compile()
    }
}

/// The strings one of which every match of a regex contains, looked for with one scan of the line, unless the
/// regex is anchored at the start with literals there (it fails on the line's first bytes). An unanchored
/// regex gets them too: most lines lack them, and the regex crate's own search costs more than the scan (its
/// Unicode `\b` on a line with a character outside ASCII runs the slow engine over the whole line).
pub(crate) enum Needles {
    One(Box<memmem::Finder<'static>>),
    Any(AhoCorasick),
}

/// At most this many needles (a longer list costs more to look for than it spares).
const MAX_NEEDLES: usize = 64;

impl Needles {
    pub(crate) fn of(hir: &Hir) -> Option<Needles> {
        let anchored = hir.properties().look_set_prefix().contains(Look::Start);
        let prefixes = Extractor::new().extract(hir);
        if anchored && prefixes.is_finite() && prefixes.min_literal_len().is_some_and(|n| n > 0) {
            return None;
        }
        let mut needles = required(hir)?;
        needles.sort();
        needles.dedup();
        if needles.len() == 1 {
            return Some(Needles::One(Box::new(
                memmem::Finder::new(&needles[0]).into_owned(),
            )));
        }
        AhoCorasick::new(&needles).ok().map(Needles::Any)
    }

    #[inline]
    pub(crate) fn found_in(&self, text: &[u8]) -> bool {
        match self {
            Needles::One(finder) => finder.find(text).is_some(),
            Needles::Any(automaton) => automaton.is_match(text),
        }
    }
}

/// Strings one of which every match of `hir` contains (None: no such list found, or one with the empty
/// string). A concatenation needs what its cheapest part to look for needs (the fewest strings, then the
/// longest); an alternation needs what any of its branches does.
fn required(hir: &Hir) -> Option<Vec<Vec<u8>>> {
    let found = match hir.kind() {
        HirKind::Literal(literal) => vec![literal.0.to_vec()],
        HirKind::Class(Class::Unicode(class)) => {
            let chars = class.iter().map(|r| r.len()).sum::<usize>();
            if chars > 8 {
                return None;
            }
            let mut utf8 = [0u8; 4];
            class
                .iter()
                .flat_map(|r| r.start()..=r.end())
                .map(|c| c.encode_utf8(&mut utf8).as_bytes().to_vec())
                .collect()
        }
        HirKind::Repetition(repetition) if repetition.min >= 1 => required(&repetition.sub)?,
        HirKind::Capture(capture) => required(&capture.sub)?,
        HirKind::Concat(parts) => parts.iter().filter_map(required).max_by_key(|set| {
            let shortest = set.iter().map(Vec::len).min().unwrap_or(0);
            (std::cmp::Reverse(set.len()), shortest)
        })?,
        HirKind::Alternation(branches) => {
            let mut all = Vec::new();
            for branch in branches {
                all.extend(required(branch)?);
            }
            all
        }
        _ => return None,
    };
    if found.is_empty() || found.len() > MAX_NEEDLES || found.iter().any(Vec::is_empty) {
        return None;
    }
    Some(found)
}

/// A line's forms, each made on first need.
pub struct Forms<'a> {
    table: &'a Table,
    pub raw: &'a str,
    folded: OnceCell<Cow<'a, str>>,
    raw_mapped: OnceCell<Cow<'a, str>>,
}

impl<'a> Forms<'a> {
    pub fn new(table: &'a Table, raw: &'a str) -> Forms<'a> {
        Forms {
            table,
            raw,
            folded: OnceCell::new(),
            raw_mapped: OnceCell::new(),
        }
    }

    /// With the folded form already made (the phrases stage makes it).
    pub fn with_folded(table: &'a Table, raw: &'a str, folded: &'a str) -> Forms<'a> {
        let forms = Forms::new(table, raw);
        let _ = forms.folded.set(Cow::Borrowed(folded));
        forms
    }

    pub fn get(&self, form: Form) -> &str {
        match form {
            Form::Folded => self
                .folded
                .get_or_init(|| Cow::Owned(fold_line(self.table, self.raw))),
            Form::Raw => self
                .raw_mapped
                .get_or_init(|| raw_line(self.table, self.raw)),
            Form::Plain => self.raw,
        }
    }
}

/// The line as a case-insensitive pattern sees it (every character [`Table::regex_char`]).
pub fn fold_line(table: &Table, text: &str) -> String {
    if text.is_ascii() && table.ascii_folds_to_lower() {
        return text.to_ascii_lowercase();
    }
    text.chars().map(|c| table.regex_char(c)).collect()
}

/// The line as a case-sensitive pattern sees it (borrowed when no character has a stand-in).
pub fn raw_line<'t>(table: &Table, text: &'t str) -> Cow<'t, str> {
    if text.is_ascii() || text.chars().all(|c| table.raw_char(c) == c) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(text.chars().map(|c| table.raw_char(c)).collect())
}

/// The char index of each byte offset that starts a char in `text` (and `text.len()`): to carry a match in
/// a mapped form back to the characters of another form of the same line (the mapping is one char for one).
pub fn char_starts(text: &str) -> Vec<usize> {
    let mut starts: Vec<usize> = text.char_indices().map(|(at, _)| at).collect();
    starts.push(text.len());
    starts
}

#[cfg(test)]
mod tests {
    use super::*;

    fn needles(pattern: &str) -> Option<Vec<String>> {
        let hir = regex_syntax::parse(pattern).unwrap();
        Needles::of(&hir)?;
        let mut found: Vec<String> = required(&hir)?
            .into_iter()
            .map(|n| String::from_utf8(n).unwrap())
            .collect();
        found.sort();
        Some(found)
    }

    #[test]
    fn a_regex_that_starts_with_a_class_is_looked_for_by_its_literals() {
        // lexicon's agency credit: the one "/" rather than the agencies' names
        assert_eq!(
            needles(r"^[^.!?]{0,80}\s*/\s*(?:AFP|AP|Reuters)").unwrap(),
            ["/"]
        );
        assert_eq!(
            needles(r"^\S.{0,40}\s(?:says|said)\s*:?$").unwrap(),
            ["said", "says"]
        );
        assert_eq!(needles(r"\s[|•]\s").unwrap(), ["|", "•"]);
    }

    #[test]
    fn no_needles_where_a_match_may_lack_them_or_the_regex_finds_its_start() {
        assert_eq!(needles(r"^\w+(?:says|\d)"), None); // a branch with no literal
        assert_eq!(needles(r"^\w*(?:says)?$"), None); // optional
        assert_eq!(needles(r"^(?:AFP|AP)\b"), None); // anchored on literals: fails on the first bytes
        assert_eq!(needles(r"\bfoo").unwrap(), ["foo"]);
        // lexicon's credits: one branch anchored, the others not
        assert_eq!(
            needles(r"^(?:photos?|images?)\s*:|\((?:photo|image)s?\b[^()]*\)\s*$").unwrap(),
            [")", ":"]
        );
    }

    #[test]
    fn the_needles_never_refuse_a_line_the_regex_matches() {
        let table = Table::load("14.0.0").unwrap();
        let spec = |part: &str| PatternSpec {
            name: "test".into(),
            parts: vec![part.into()],
            folded: false,
            plain: true,
            named: String::new(),
            ranges: Vec::new(),
        };
        let pattern = Pattern::new(spec(r"^[^.!?]{0,80}\s*/\s*(?:AFP|AP)"), &table).unwrap();
        for (line, matches) in [
            ("A crowd in the square / AFP", true),
            ("A crowd in the square. / AFP", false),
            ("A crowd in the square AFP", false),
        ] {
            assert_eq!(
                pattern.is_match(&Forms::new(&table, line)),
                matches,
                "{line}"
            );
        }
    }
}
