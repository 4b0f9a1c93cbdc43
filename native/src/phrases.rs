//! The boilerplate phrases of `cleaner/stages/phrases.py` (`PhraseBook.classify`), for a whole document.
//!
//! The patterns are the data of `cleaner/data/boilerplate.toml`, translated by `cleaner/native.py` from
//! Python's own parse of each regex into the `regex` crate's syntax, to run on the line as
//! [`Table::regex_char`] maps it (folded as IGNORECASE compares characters; the stand-ins where the two
//! engines' classes differ). The prefilter is the reference's: a pattern runs only on a line that has one
//! of its keys (`cleaner.triggers`, shipped in `boilerplate.index.marshal`); the keys are a necessary
//! condition, so the result is the first pattern in data order that matches, as in Python.

use std::sync::OnceLock;

use rustc_hash::FxHashMap;

use crate::matcher::Matcher;

use crate::unicode::{Table, STAND_INS, WORD};

/// How a phrase matched (`PhraseBook.classify`'s second value).
pub const STRONG: u8 = 0;
pub const WHOLE: u8 = 1;
pub const SHORT: u8 = 2;
/// No phrase (the category column's value).
pub const NONE: u8 = u8::MAX;
const SCOPES: usize = 3;

/// One pattern as the glue hands it over.
pub struct PatternSpec {
    pub category: u8,
    pub regex: String,
    /// The prefilter keys; `None`: the pattern runs on every line.
    pub keys: Option<Vec<String>>,
    /// Every character the pattern names (literals and class members), to check against the stand-ins.
    pub explicit: String,
}

struct Pattern {
    category: u8,
    source: String,
    compiled: OnceLock<Result<Matcher, String>>,
}

impl Pattern {
    /// The compiled regex: a pattern compiles on first use (a dump only ever needs a few).
    fn regex(&self) -> Result<&Matcher, BookError> {
        self.compiled
            .get_or_init(|| Matcher::new(&self.source, true))
            .as_ref()
            .map_err(|e| BookError(format!("pattern {:?}: {e}", self.source)))
    }
}

/// One scope's patterns (in data order), those found by a symbol, and those that always run.
#[derive(Default)]
struct Scope {
    patterns: Vec<Pattern>,
    by_symbol: Vec<(String, Vec<u32>)>,
    always: Vec<u32>,
}

/// The limits `PhraseBook.classify` applies.
pub struct Limits {
    pub whole_max_words: u32,
    pub short_max_words: u32,
    pub short_sentence_words: u32,
    /// `cleaner.triggers.KEY_LENGTH`: a word's key is its first characters.
    pub key_length: usize,
    /// Per category: the most words a "short line" may have.
    pub short_words: Vec<u32>,
}

pub struct PhraseBook {
    /// strong, whole, short
    scopes: [Scope; SCOPES],
    /// A word key ([`pack`]ed) → the patterns of each scope it lets through (one lookup for all scopes).
    by_key: FxHashMap<u128, [Vec<u32>; SCOPES]>,
    limits: Limits,
    /// ASCII folds to its lower case with no stand-in: an ASCII line is mapped by lower-casing it.
    ascii_lowercases: bool,
}

#[derive(Debug)]
pub struct BookError(pub String);

/// Each line's phrase: category (or [`NONE`]) and how it matched.
pub struct Found {
    pub category: Vec<u8>,
    pub how: Vec<u8>,
}

/// Reused buffers: a document's lines allocate nothing per line.
#[derive(Default)]
pub struct Scratch {
    /// The line as the regexes see it (after [`PhraseBook::classify_one`]).
    pub mapped: String,
    /// The line's words' keys; on a long line, sorted and deduplicated whenever they pass `compact_at`
    /// (their order does not matter: the candidates they give are sorted), so that a line of a megabyte
    /// holds its distinct keys, not 16 bytes a word.
    keys: Vec<u128>,
    compact_at: usize,
    candidates: [Vec<u32>; SCOPES],
}

/// Keys a line collects before they are first deduplicated.
const KEYS_COMPACT_AT: usize = 4096;

/// Add a word's key to the line's, deduplicating them when they pass `compact_at` (see [`Scratch::keys`]).
fn push_key(keys: &mut Vec<u128>, compact_at: &mut usize, key: u128) {
    keys.push(key);
    if keys.len() > *compact_at {
        keys.sort_unstable();
        keys.dedup();
        *compact_at = (*compact_at).max(2 * keys.len());
    }
}

/// A key of up to five characters as one number (word characters are never U+0000).
fn pack(chars: impl Iterator<Item = char>) -> u128 {
    chars.fold(0u128, |key, c| key << 21 | c as u128)
}

impl PhraseBook {
    pub fn new(
        scopes: [Vec<PatternSpec>; SCOPES],
        limits: Limits,
        table: &Table,
    ) -> Result<PhraseBook, BookError> {
        let mut book = PhraseBook {
            scopes: Default::default(),
            by_key: FxHashMap::default(),
            ascii_lowercases: (0u8..128)
                .all(|b| table.regex_char(b as char) == b.to_ascii_lowercase() as char),
            limits,
        };
        for (s, specs) in scopes.into_iter().enumerate() {
            for (order, spec) in specs.into_iter().enumerate() {
                book.add(s, order as u32, spec, table)?;
            }
        }
        Ok(book)
    }

    fn add(
        &mut self,
        s: usize,
        order: u32,
        spec: PatternSpec,
        table: &Table,
    ) -> Result<(), BookError> {
        if spec.category as usize >= self.limits.short_words.len() {
            return Err(BookError(format!(
                "pattern {:?}: no such category",
                spec.regex
            )));
        }
        for c in spec.explicit.chars() {
            if STAND_INS.contains(&c) || table.regex_char(c) != c {
                return Err(BookError(format!(
                    "pattern {:?} names U+{:04X}, which the native core cannot match as Python does",
                    spec.regex, c as u32
                )));
            }
        }
        // (Not parsed here: a pattern that does not compile fails the document that first needs it, whose
        // refusal sends it to the Python reference; parsing all ~400 at every start cost 40 ms of CPU.
        // `compile_all` and a test check that every shipped pattern compiles.)
        let scope = &mut self.scopes[s];
        match spec.keys {
            None => scope.always.push(order),
            Some(keys) => {
                for key in keys {
                    if key.is_empty() || key.chars().count() > self.limits.key_length.min(5) {
                        return Err(BookError(format!(
                            "pattern {:?}: a bad key {key:?}",
                            spec.regex
                        )));
                    }
                    if key.chars().next().is_some_and(|c| table.props(c).has(WORD)) {
                        self.by_key.entry(pack(key.chars())).or_default()[s].push(order);
                    } else if let Some(entry) = scope.by_symbol.iter_mut().find(|(k, _)| *k == key)
                    {
                        entry.1.push(order);
                    } else {
                        scope.by_symbol.push((key, vec![order]));
                    }
                }
            }
        }
        scope.patterns.push(Pattern {
            category: spec.category,
            source: spec.regex,
            compiled: OnceLock::new(),
        });
        Ok(())
    }

    /// Classify each line, given its word count and whether it ends a sentence (the measures).
    pub fn classify<'t>(
        &self,
        table: &Table,
        lines: impl Iterator<Item = &'t str>,
        words: &[u32],
        ends_sentence: &[u8],
    ) -> Result<Found, BookError> {
        let n = words.len();
        let mut found = Found {
            category: Vec::with_capacity(n),
            how: Vec::with_capacity(n),
        };
        let mut scratch = Scratch::default();
        for (i, text) in lines.enumerate() {
            if text.contains('\n') {
                // Python's $ also matches before a final newline; a Document's lines never hold one
                return Err(BookError("a line holds a newline".into()));
            }
            self.map_line(table, text, &mut scratch);
            let (category, how) =
                self.classify_line(words[i], ends_sentence[i] != 0, &mut scratch)?;
            found.category.push(category);
            found.how.push(how);
        }
        Ok(found)
    }

    /// One line's phrase: `(category or NONE, how)`; the line as the regexes see it is left in
    /// `scratch.mapped`.
    pub fn classify_one(
        &self,
        table: &Table,
        text: &str,
        words: u32,
        ends_sentence: bool,
        scratch: &mut Scratch,
    ) -> Result<(u8, u8), BookError> {
        if text.contains('\n') {
            return Err(BookError("a line holds a newline".into()));
        }
        self.map_line(table, text, scratch);
        self.classify_line(words, ends_sentence, scratch)
    }

    /// The number of categories.
    pub fn categories(&self) -> usize {
        self.limits.short_words.len()
    }

    /// The line as the regexes see it, and its words' keys.
    fn map_line(&self, table: &Table, text: &str, s: &mut Scratch) {
        let key_length = self.limits.key_length;
        s.mapped.clear();
        // (grown a character at a time, a line outside ASCII cost a few reallocations)
        s.mapped.reserve(text.len());
        s.keys.clear();
        s.compact_at = KEYS_COMPACT_AT;
        let compact_at = &mut s.compact_at;
        let mut run = 0usize;
        let mut key = 0u128;
        let mut step = |c: char, is_word: bool, keys: &mut Vec<u128>| {
            if is_word {
                run += 1;
                if run <= key_length {
                    key = key << 21 | c as u128;
                    if run == key_length {
                        push_key(keys, compact_at, key);
                    }
                }
            } else {
                if run > 0 && run < key_length {
                    push_key(keys, compact_at, key);
                }
                run = 0;
                key = 0;
            }
        };
        // a character as the regexes see it, and whether it is a word character
        let map = |c: char| {
            let props = table.props(c);
            (table.regex_char_of(c, props), props.has(WORD))
        };
        if self.ascii_lowercases {
            // each run of ASCII copied and lower-cased at once, as the table maps it; a character outside
            // ASCII (a curly quote in a line of prose) asked of the table alone
            let mut rest = text;
            while !rest.is_empty() {
                let ascii = rest
                    .bytes()
                    .position(|b| !b.is_ascii())
                    .unwrap_or(rest.len());
                let from = s.mapped.len();
                s.mapped.push_str(&rest[..ascii]);
                s.mapped[from..].make_ascii_lowercase();
                for &b in &s.mapped.as_bytes()[from..] {
                    step(
                        b as char,
                        b.is_ascii_alphanumeric() || b == b'_',
                        &mut s.keys,
                    );
                }
                rest = &rest[ascii..];
                if let Some(c) = rest.chars().next() {
                    let (mapped, is_word) = map(c);
                    s.mapped.push(mapped);
                    step(mapped, is_word, &mut s.keys);
                    rest = &rest[c.len_utf8()..];
                }
            }
        } else {
            for c in text.chars() {
                let (mapped, is_word) = map(c);
                s.mapped.push(mapped);
                step(mapped, is_word, &mut s.keys);
            }
        }
        step('\0', false, &mut s.keys);
    }

    fn classify_line(
        &self,
        words: u32,
        ends_sentence: bool,
        s: &mut Scratch,
    ) -> Result<(u8, u8), BookError> {
        let limits = &self.limits;
        let wanted = [
            true,
            words <= limits.whole_max_words,
            words <= limits.short_max_words,
        ];
        for candidates in s.candidates.iter_mut() {
            candidates.clear();
        }
        for key in &s.keys {
            if let Some(lists) = self.by_key.get(key) {
                for scope in 0..SCOPES {
                    if wanted[scope] {
                        s.candidates[scope].extend_from_slice(&lists[scope]);
                    }
                }
            }
        }
        for (scope, how) in [(0, STRONG), (1, WHOLE), (2, SHORT)] {
            if !wanted[scope] {
                continue;
            }
            let Some(category) = self.search(scope, &s.mapped, &mut s.candidates[scope])? else {
                continue;
            };
            if how != SHORT
                || words <= limits.short_words[category as usize]
                    && !(ends_sentence && words > limits.short_sentence_words)
            {
                return Ok((category, how));
            }
        }
        Ok((NONE, NONE))
    }

    /// The category of the first pattern (in data order) of a scope that matches, among the candidates
    /// its keys let through, its symbols and those that always run.
    fn search(
        &self,
        scope: usize,
        mapped: &str,
        candidates: &mut Vec<u32>,
    ) -> Result<Option<u8>, BookError> {
        let scope = &self.scopes[scope];
        candidates.extend_from_slice(&scope.always);
        for (symbol, found) in &scope.by_symbol {
            if mapped.contains(symbol.as_str()) {
                candidates.extend_from_slice(found);
            }
        }
        candidates.sort_unstable();
        candidates.dedup();
        for &i in candidates.iter() {
            let pattern = &scope.patterns[i as usize];
            let found = pattern.regex()?.is_match(mapped);
            if found.map_err(|e| BookError(format!("pattern {:?}: {e}", pattern.source)))? {
                return Ok(Some(pattern.category));
            }
        }
        Ok(None)
    }

    /// Compile every pattern now (tests: a pattern that fails would otherwise fail on first use).
    pub fn compile_all(&self) -> Result<(), BookError> {
        for scope in &self.scopes {
            for pattern in &scope.patterns {
                pattern
                    .regex()?
                    .compile()
                    .map_err(|e| BookError(format!("pattern {:?}: {e}", pattern.source)))?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_lines_keys_are_its_distinct_keys_not_one_a_word() {
        let (mut keys, mut compact_at) = (Vec::new(), KEYS_COMPACT_AT);
        for n in 0..100_000u128 {
            push_key(&mut keys, &mut compact_at, n % 10);
        }
        assert!(keys.len() <= KEYS_COMPACT_AT + 1);
        keys.sort_unstable();
        keys.dedup();
        assert_eq!(keys, (0..10).collect::<Vec<u128>>());
    }

    #[test]
    fn a_short_lines_keys_are_kept_as_they_come() {
        let (mut keys, mut compact_at) = (Vec::new(), KEYS_COMPACT_AT);
        for n in [3u128, 1, 3, 2] {
            push_key(&mut keys, &mut compact_at, n);
        }
        assert_eq!(keys, [3, 1, 3, 2]);
    }

    #[test]
    fn a_line_is_mapped_as_its_characters_are_one_at_a_time() {
        let table = Table::load("15.0.0").unwrap();
        let limits = Limits {
            whole_max_words: 10,
            short_max_words: 5,
            short_sentence_words: 5,
            key_length: 4,
            short_words: Vec::new(),
        };
        let book = PhraseBook::new(Default::default(), limits, &table).unwrap();
        assert!(book.ascii_lowercases);
        for line in [
            "Plain ASCII, With_Words and 42 numbers.",
            "\u{201c}Quoted\u{201d} caf\u{c9} \u{c9}COLE na\u{ef}ve\u{2014}dash \u{4e2d}\u{6587}ab",
            "\u{c9}",
            "x\u{e9}",
            "",
        ] {
            let mut s = Scratch::default();
            book.map_line(&table, line, &mut s);
            let mapped: String = line.chars().map(|c| table.regex_char(c)).collect();
            assert_eq!(s.mapped, mapped, "{line:?}");
            // the keys: each word's first four characters (a shorter word whole), in order
            let words = mapped.split(|c: char| !table.props(c).has(WORD));
            let keys: Vec<u128> = words
                .filter(|w| !w.is_empty())
                .map(|w| pack(w.chars().take(4)))
                .collect();
            assert_eq!(s.keys, keys, "{line:?}");
        }
    }
}
