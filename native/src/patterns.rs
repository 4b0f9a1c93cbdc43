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

use regex::Regex;

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
    compiled: OnceLock<Result<Vec<Regex>, String>>,
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
        for part in &spec.parts {
            regex_syntax::parse(part)
                .map_err(|e| PatternError(format!("pattern {}: {e}", spec.name)))?;
        }
        Ok(Pattern {
            name: spec.name,
            form,
            sources: spec.parts,
            compiled: OnceLock::new(),
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

    /// Compile now (tests).
    pub fn compile(&self) -> Result<(), PatternError> {
        self.regexes().map(|_| ())
    }

    /// Does the pattern match the line (Python's `search`, or `match` for a pattern written anchored)?
    pub fn is_match(&self, line: &Forms) -> bool {
        let text = line.get(self.form);
        match self.regexes() {
            Ok(regexes) => regexes.iter().all(|r| r.is_match(text)),
            Err(_) => false, // refused at load in practice: every pattern compiles (a test checks)
        }
    }

    /// How many non-overlapping matches (Python's `len(findall)`); a single-part pattern only.
    pub fn count(&self, line: &Forms) -> usize {
        let text = line.get(self.form);
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
        match self.regexes() {
            Ok([regex]) => regex
                .find_iter(text)
                .take(limit)
                .map(|m| (m.start(), m.end()))
                .collect(),
            _ => Vec::new(),
        }
    }

    pub fn form(&self) -> Form {
        self.form
    }

    pub fn check_compiles(&self) -> Result<(), PatternError> {
        self.regexes().map(|_| ())
    }
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
