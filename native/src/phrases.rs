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
use crate::patterns::{NeedleSet, Needles};

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
    /// Its needles as shipped ([`crate::matcher::needle_strings_of`]: `Some(None)`, it has none); `None`: not
    /// shipped, read from the compiled matcher.
    pub needles: Option<Option<Vec<Vec<u8>>>>,
}

struct Pattern {
    category: u8,
    source: String,
    compiled: OnceLock<Result<Matcher, String>>,
    /// The shipped needles' strings (see [`PatternSpec::needles`]).
    shipped: Option<Option<Vec<Vec<u8>>>>,
    /// Those strings' searcher, made on first need: looked for before the pattern compiles, most keyed
    /// patterns a dump's lines let through hold no needle of the line (132 of the 184 a CLI start compiled),
    /// and the matcher, which would say no at once, cost ~260 K instructions to compile.
    shipped_needles: OnceLock<Option<Needles>>,
}

impl Pattern {
    /// The compiled regex: a pattern compiles on first use (a dump only ever needs a few).
    fn regex(&self) -> Result<&Matcher, BookError> {
        self.compiled
            .get_or_init(|| Matcher::new(&self.source, true))
            .as_ref()
            .map_err(|e| BookError(format!("pattern {:?}: {e}", self.source)))
    }

    /// Is the pattern known, without compiling it, to match nowhere in `mapped`? True when it is not
    /// compiled yet and `mapped` holds none of its shipped needles (the compiled matcher, which looks for
    /// the same strings first, says no then; once compiled, it is asked itself).
    #[inline]
    fn lacks_shipped_needles(&self, mapped: &str) -> bool {
        if self.compiled.get().is_some() {
            return false;
        }
        let Some(Some(strings)) = &self.shipped else {
            return false;
        };
        let needles = self
            .shipped_needles
            .get_or_init(|| Needles::of_strings_quickly(strings));
        needles
            .as_ref()
            .is_some_and(|n| !n.found_in(mapped.as_bytes()))
    }

    /// The needles' strings, as the compiled matcher lists them: shipped, or compiled for (empty: none).
    fn needle_strings(&self) -> Result<Vec<Vec<u8>>, BookError> {
        match &self.shipped {
            Some(shipped) => Ok(shipped.clone().unwrap_or_default()),
            None => Ok(self.regex()?.needle_strings().to_vec()),
        }
    }
}

/// One scope's patterns (in data order), those found by a symbol, and those that always run.
#[derive(Default)]
struct Scope {
    patterns: Vec<Pattern>,
    by_symbol: Vec<(Symbol, Vec<u32>)>,
    always: Vec<u32>,
}

/// A key that is no word (`©`, `@`, `> `), looked for with a searcher made once: `str::contains` built its
/// own at each call, a few times a line.
struct Symbol {
    text: String,
    finder: memchr::memmem::Finder<'static>,
}

impl Symbol {
    fn new(text: String) -> Symbol {
        let finder = memchr::memmem::Finder::new(text.as_bytes()).into_owned();
        Symbol { text, finder }
    }

    /// Does `line` hold the symbol (as `line.contains(text)`)?
    #[inline]
    fn found_in(&self, line: &str) -> bool {
        match self.text.as_bytes() {
            &[byte] => memchr::memchr(byte, line.as_bytes()).is_some(),
            _ => self.finder.find(line.as_bytes()).is_some(),
        }
    }
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
    /// The keys of `by_key`, a bit each ([`KeyFilter`]): most of a line's words' keys are none of them.
    key_filter: KeyFilter,
    limits: Limits,
    /// ASCII folds to its lower case with no stand-in: an ASCII line is mapped by lower-casing it.
    ascii_lowercases: bool,
    /// The keyless patterns' needles, made on first need ([`Keyless`]).
    keyless: OnceLock<Option<Keyless>>,
}

/// The needles of the patterns that run on every line (no keys: ~20, in the scopes of short lines), looked
/// for in one scan of a line that gives each pattern a bit, where each pattern's matcher scanned the line
/// for its own (most lines hold none of them: ~11 of those scans a line, a tenth of the phrases' time).
/// The answer is the same: a pattern whose bit is clear holds none of its needles, and its matcher would
/// have said no at once; one whose bit is set runs on from there ([`Matcher::is_match_past_needles`]).
struct Keyless {
    set: NeedleSet,
    /// Per scope, per pattern (data order): the pattern's bit, 0 for a pattern its matcher screens itself
    /// (keyed, without needles, past the 64 bits, or one that does not compile).
    bit: [Vec<u64>; SCOPES],
}

impl Keyless {
    /// The keyless patterns of `scopes` and their needles (shipped, or compiled for); None when none has any.
    /// A pattern compiles when a line first holds one of its needles.
    fn new(scopes: &[Scope; SCOPES]) -> Option<Keyless> {
        let mut strings: Vec<(Vec<u8>, u64)> = Vec::new();
        let mut bit: [Vec<u64>; SCOPES] = Default::default();
        let mut next = 0u32;
        for (s, scope) in scopes.iter().enumerate() {
            bit[s] = vec![0; scope.patterns.len()];
            for &i in &scope.always {
                let Ok(needles) = scope.patterns[i as usize].needle_strings() else {
                    continue;
                };
                if needles.is_empty() || next == 64 {
                    continue;
                }
                let b = 1u64 << next;
                next += 1;
                bit[s][i as usize] = b;
                strings.extend(needles.into_iter().map(|needle| (needle, b)));
            }
        }
        if strings.is_empty() {
            return None;
        }
        Some(Keyless {
            set: NeedleSet::of_listed(strings)?,
            bit,
        })
    }
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
    /// The line's [`Keyless`] mask, once read.
    keyless_mask: Option<u64>,
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

/// The keys of a line's words as its mapped characters come: each word's first `key_length` characters (a
/// shorter word whole), [`pack`]ed, in the words' order.
struct KeyRun<'s> {
    key_length: usize,
    /// word characters read in the open word (counted up to `key_length` only, which is all that matters)
    run: usize,
    key: u128,
    keys: &'s mut Vec<u128>,
    compact_at: &'s mut usize,
}

/// `\w` of an ASCII byte (`str.isalnum()` or `_`), by table.
const ASCII_WORD: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 128 {
        table[b] = (b as u8).is_ascii_alphanumeric() || b == b'_' as usize;
        b += 1;
    }
    table
};

impl KeyRun<'_> {
    /// The next character, a word character or not.
    #[inline]
    fn step(&mut self, c: char, is_word: bool) {
        if is_word {
            if self.run < self.key_length {
                self.run += 1;
                self.key = self.key << 21 | c as u128;
                if self.run == self.key_length {
                    push_key(self.keys, self.compact_at, self.key);
                }
            }
        } else {
            if self.run > 0 && self.run < self.key_length {
                push_key(self.keys, self.compact_at, self.key);
            }
            self.run = 0;
            self.key = 0;
        }
    }

    /// [`KeyRun::step`] of each byte of an ASCII run (mapped already), a word at a time: the bytes between
    /// words and those of a word past its key are skipped by a table's test alone.
    #[inline]
    fn ascii(&mut self, bytes: &[u8]) {
        let n = bytes.len();
        let mut i = 0;
        while i < n {
            if self.run == 0 {
                while i < n && !ASCII_WORD[bytes[i] as usize] {
                    i += 1;
                }
            }
            while i < n && self.run < self.key_length && ASCII_WORD[bytes[i] as usize] {
                self.step(bytes[i] as char, true);
                i += 1;
            }
            while i < n && ASCII_WORD[bytes[i] as usize] {
                i += 1; // (past the key: read, changes nothing)
            }
            if i < n {
                self.step(bytes[i] as char, false);
                i += 1;
            }
        }
    }
}

/// A set of keys as bits (a Bloom filter of one hash): a key whose bit is clear is not in the set, and
/// the map is not asked (its hashing and probing cost ~4x the bit's test; most words are no key).
struct KeyFilter(Box<[u64; KeyFilter::WORDS]>);

impl Default for KeyFilter {
    fn default() -> KeyFilter {
        KeyFilter(Box::new([0; KeyFilter::WORDS]))
    }
}

impl KeyFilter {
    /// 2^16 bits.
    const WORDS: usize = 1 << 10;

    #[inline]
    fn bit(key: u128) -> usize {
        let folded = (key as u64) ^ ((key >> 64) as u64).rotate_left(29);
        (folded.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 48) as usize
    }

    fn insert(&mut self, key: u128) {
        let bit = KeyFilter::bit(key);
        self.0[bit / 64] |= 1 << (bit % 64);
    }

    /// False: `key` was never inserted.
    #[inline]
    fn may_hold(&self, key: u128) -> bool {
        let bit = KeyFilter::bit(key);
        self.0[bit / 64] & 1 << (bit % 64) != 0
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
            key_filter: KeyFilter::default(),
            ascii_lowercases: (0u8..128)
                .all(|b| table.regex_char(b as char) == b.to_ascii_lowercase() as char),
            limits,
            keyless: OnceLock::new(),
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
            None => {
                // (in data order, as `search` reads them where no key nor symbol adds a candidate)
                debug_assert!(scope.always.last().is_none_or(|&last| last < order));
                scope.always.push(order)
            }
            Some(keys) => {
                for key in keys {
                    if key.is_empty() || key.chars().count() > self.limits.key_length.min(5) {
                        return Err(BookError(format!(
                            "pattern {:?}: a bad key {key:?}",
                            spec.regex
                        )));
                    }
                    if key.chars().next().is_some_and(|c| table.props(c).has(WORD)) {
                        let key = pack(key.chars());
                        self.key_filter.insert(key);
                        self.by_key.entry(key).or_default()[s].push(order);
                    } else if let Some(entry) =
                        scope.by_symbol.iter_mut().find(|(k, _)| k.text == key)
                    {
                        entry.1.push(order);
                    } else {
                        scope.by_symbol.push((Symbol::new(key), vec![order]));
                    }
                }
            }
        }
        scope.patterns.push(Pattern {
            category: spec.category,
            source: spec.regex,
            compiled: OnceLock::new(),
            shipped: spec.needles,
            shipped_needles: OnceLock::new(),
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
        let mut keys = KeyRun {
            key_length,
            run: 0,
            key: 0,
            keys: &mut s.keys,
            compact_at: &mut s.compact_at,
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
                // (most lines are ASCII throughout: asked of the whole line first, a word at a time)
                let ascii = if rest.is_ascii() {
                    rest.len()
                } else {
                    rest.bytes()
                        .position(|b| !b.is_ascii())
                        .unwrap_or(rest.len())
                };
                let from = s.mapped.len();
                s.mapped.push_str(&rest[..ascii]);
                s.mapped[from..].make_ascii_lowercase();
                keys.ascii(&s.mapped.as_bytes()[from..]);
                rest = &rest[ascii..];
                if let Some(c) = rest.chars().next() {
                    let (mapped, is_word) = map(c);
                    s.mapped.push(mapped);
                    keys.step(mapped, is_word);
                    rest = &rest[c.len_utf8()..];
                }
            }
        } else {
            for c in text.chars() {
                let (mapped, is_word) = map(c);
                s.mapped.push(mapped);
                keys.step(mapped, is_word);
            }
        }
        keys.step('\0', false);
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
        s.keyless_mask = None;
        for &key in &s.keys {
            if !self.key_filter.may_hold(key) {
                continue;
            }
            if let Some(lists) = self.by_key.get(&key) {
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
            let Some(category) = self.search(
                scope,
                &s.mapped,
                &mut s.candidates[scope],
                &mut s.keyless_mask,
            )?
            else {
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
        keyless_mask: &mut Option<u64>,
    ) -> Result<Option<u8>, BookError> {
        let keyless = self.keyless.get_or_init(|| Keyless::new(&self.scopes));
        let bits = keyless.as_ref().map(|k| k.bit[scope].as_slice());
        let scope = &self.scopes[scope];
        for (symbol, found) in &scope.by_symbol {
            if symbol.found_in(mapped) {
                candidates.extend_from_slice(found);
            }
        }
        // (most lines hold no key nor symbol: their candidates are those that always run, in data order
        // already, not copied and sorted again)
        let candidates: &[u32] = if candidates.is_empty() {
            &scope.always
        } else {
            candidates.extend_from_slice(&scope.always);
            candidates.sort_unstable();
            candidates.dedup();
            candidates
        };
        for &i in candidates {
            let pattern = &scope.patterns[i as usize];
            let bit = bits.map_or(0, |bits| bits[i as usize]);
            let found = if bit == 0 {
                if pattern.lacks_shipped_needles(mapped) {
                    continue;
                }
                let matcher = pattern.regex()?;
                // (most keyed patterns that start at the line's start fail on its first byte: read inline)
                if matcher.known_dead_at_first_byte(mapped.as_bytes()) {
                    continue;
                }
                matcher.is_match(mapped)
            } else {
                let set = &keyless.as_ref().expect("a bit of the keyless set").set;
                if *keyless_mask.get_or_insert_with(|| set.mask(mapped)) & bit == 0 {
                    continue;
                }
                pattern.regex()?.is_match_past_needles(mapped)
            };
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
    fn a_key_not_in_the_filter_was_never_inserted() {
        let mut filter = KeyFilter::default();
        let keys: Vec<u128> = (0..5000u128)
            .map(|n| pack(format!("k{n}").chars().take(5)))
            .chain((0..2000).map(|n| n << 84 | n))
            .collect();
        for (i, &key) in keys.iter().enumerate() {
            filter.insert(key);
            assert!(keys[..=i].iter().all(|&k| filter.may_hold(k)) || i % 500 != 0);
        }
        assert!(keys.iter().all(|&k| filter.may_hold(k)));
        let set: std::collections::HashSet<u128> = keys.iter().copied().collect();
        // (a filter of 2^16 bits with 7,000 keys refuses most keys it never saw)
        let refused = (0..10_000u128)
            .map(|n| pack(format!("z{n}").chars().take(5)))
            .filter(|k| !set.contains(k) && !filter.may_hold(*k))
            .count();
        assert!(refused > 8_000, "{refused}");
    }

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

    /// The keyless patterns' shared scan ([`Keyless`]), the symbols' searchers ([`Symbol`]) and the first-byte
    /// table read inline leave the answer the first pattern (in data order) whose regex matches the line; so do
    /// the shipped needles, looked for before a pattern compiles.
    #[test]
    fn a_line_is_classified_as_each_pattern_alone_classifies_it() {
        for shipped in [false, true] {
            classified_as_each_pattern_alone(shipped);
        }
    }

    fn classified_as_each_pattern_alone(shipped: bool) {
        let table = Table::load("15.0.0").unwrap();
        let limits = Limits {
            whole_max_words: 10,
            short_max_words: 5,
            short_sentence_words: 5,
            key_length: 4,
            short_words: vec![50, 50, 50],
        };
        let spec = |category: u8, regex: &str, keys: Option<&[&str]>| PatternSpec {
            category,
            regex: regex.into(),
            keys: keys.map(|keys| keys.iter().map(|k| k.to_string()).collect()),
            explicit: String::new(),
            needles: shipped.then(|| crate::matcher::needle_strings_of(regex).unwrap()),
        };
        let scopes = || {
            [
                vec![spec(0, r"^subscribe now\b", Some(&["subs"]))],
                vec![
                    spec(1, r"d[\x{e9}e]j[\x{e0}a] abonn[\x{e9}e]", None),
                    spec(2, r"^(?:share|tweet)$", Some(&["shar", "twee"])),
                    spec(1, r"\bread more\b", None),
                    spec(2, r"^[\W_]+$", None),
                ],
                vec![
                    spec(2, r"(?:\x{a9}|\(c\))\s*\d{4}", Some(&["\u{a9}", "(c)"])),
                    spec(1, r"@\w+", Some(&["@"])),
                    spec(0, r"all rights reserved", None),
                    spec(2, r"\bread more\b", None),
                ],
            ]
        };
        let book = PhraseBook::new(scopes(), limits, &table).unwrap();
        let lines = [
            ("Subscribe now to read more", 5),
            ("D\u{e9}j\u{e0} abonn\u{e9} ? Connectez-vous", 4),
            ("deja abonne", 2),
            ("Share", 1),
            ("Read more", 2),
            ("***", 1),
            ("\u{a9} 2024 All rights reserved", 5),
            ("(c) 2024", 2),
            ("Follow @someone", 2),
            (
                "A sentence of prose that mentions nothing of the kind at all.",
                12,
            ),
            ("", 0),
        ];
        for (line, words) in lines {
            let mut scratch = Scratch::default();
            let found = book
                .classify_one(&table, line, words, false, &mut scratch)
                .unwrap();
            // each scope's patterns asked one by one of the mapped line, keys and needles aside
            let mapped: String = line.chars().map(|c| table.regex_char(c)).collect();
            let wanted = [true, words <= 10, words <= 5];
            let mut want = (NONE, NONE);
            'scopes: for (s, (scope, how)) in
                scopes().iter().zip([STRONG, WHOLE, SHORT]).enumerate()
            {
                if !wanted[s] {
                    continue;
                }
                for pattern in scope {
                    if Matcher::new(&pattern.regex, false)
                        .unwrap()
                        .is_match(&mapped)
                        .unwrap()
                    {
                        want = (pattern.category, how);
                        break 'scopes;
                    }
                }
            }
            assert_eq!(found, want, "{line:?} (shipped needles: {shipped})");
        }
    }

    #[test]
    fn a_symbol_is_found_where_the_line_contains_it() {
        for symbol in ["@", "(c)", "\u{a9}", "> "] {
            let found = Symbol::new(symbol.to_string());
            for line in [
                "a@b",
                "(c) 2024",
                "\u{a9} 2024",
                "> quoted",
                ">no",
                "(C)",
                "",
            ] {
                assert_eq!(
                    found.found_in(line),
                    line.contains(symbol),
                    "{symbol:?} in {line:?}"
                );
            }
        }
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
            "a bb ccc dddd eeeee ffffffffff _x_ 4x4 a-b--c",
            "  leading and trailing  ",
            "word\u{e9}suite longword\u{2019}s abc\u{e9}",
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
