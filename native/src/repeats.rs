//! Stage `repeats` of `cleaner/stages/repeats.py` in the core: a body line that repeats text already kept.
//!
//! A line is compared as `_normalised` makes it: its words case-folded (`str.casefold`) and joined by one
//! space. Case folding is Python's own, asked of Python once per character outside ASCII (the glue hands
//! over `str.casefold`; it folds a character without looking at its neighbours), and cached.

use std::hash::{Hash, Hasher};

use rustc_hash::{FxHashMap, FxHashSet};

use crate::doc::{Doc, Reason, Signal, BODY, MARKUP};
use crate::unicode::{Table, SPACE, WORD};

/// The module's constants.
pub struct RepeatRules {
    pub min_units: u32,
    pub shingle_share: f64,
    pub window_lines: usize,
    pub window_shingles: usize,
    pub shingle_chars: usize,
    pub reason: Reason,
    pub signal: Signal,
}

fn hash_of<T: Hash + ?Sized>(value: &T) -> u64 {
    let mut hasher = rustc_hash::FxHasher::default();
    value.hash(&mut hasher);
    hasher.finish()
}

/// Folds one character outside ASCII onto the end of a string (`str.casefold` of it).
pub type Fold<'a> = dyn FnMut(char, &mut String) -> Result<(), String> + 'a;

/// `_normalised`: the line's words, case-folded, joined by one space, into `out` (cleared first, so
/// one buffer serves every line). `fold` folds one character outside ASCII.
pub fn normalised(
    table: &Table,
    text: &str,
    fold: &mut Fold,
    out: &mut String,
) -> Result<(), String> {
    out.clear();
    if text.is_ascii() {
        normalised_chars(table, text.bytes().map(char::from), fold, out)
    } else {
        normalised_chars(table, text.chars(), fold, out)
    }
}

/// [`normalised`] of a line's characters (an ASCII line's given from its bytes, not decoded).
#[inline(always)]
fn normalised_chars(
    table: &Table,
    chars: impl Iterator<Item = char>,
    fold: &mut Fold,
    out: &mut String,
) -> Result<(), String> {
    let mut in_word = false;
    for c in chars {
        if table.props(c).has(SPACE) {
            in_word = false;
            continue;
        }
        if !in_word && !out.is_empty() {
            out.push(' ');
        }
        in_word = true;
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else {
            fold(c, out)?;
        }
    }
    Ok(())
}

/// `_WORD.findall(key, 0, REPEAT_SHINGLE_CHARS)`: the runs of `\w` among the first characters.
fn words(table: &Table, key: &str, limit: usize, found: &mut Vec<(usize, usize)>) {
    found.clear();
    if key.is_ascii() {
        let chars = key.bytes().enumerate().map(|(at, b)| (at, char::from(b)));
        word_runs(table, key, chars, limit, found);
    } else {
        word_runs(table, key, key.char_indices(), limit, found);
    }
}

/// [`words`] over the key's (byte offset, character)s (an ASCII key's from its bytes, not decoded).
#[inline(always)]
fn word_runs(
    table: &Table,
    key: &str,
    chars: impl Iterator<Item = (usize, char)>,
    limit: usize,
    found: &mut Vec<(usize, usize)>,
) {
    let mut start: Option<usize> = None;
    let mut end = key.len();
    for (n, (at, c)) in chars.enumerate() {
        if n == limit {
            end = at;
            break;
        }
        let word = table.props(c).has(WORD);
        match (start, word) {
            (None, true) => start = Some(at),
            (Some(from), false) => {
                found.push((from, at));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(from) = start {
        found.push((from, end));
    }
}

impl RepeatRules {
    /// `RepeatsStage.__call__`: keep the first copy of body text, drop later copies of it.
    pub fn run(
        &self,
        table: &Table,
        doc: &mut Doc,
        text: &str,
        fold: &mut Fold,
    ) -> Result<(), String> {
        let n = doc.len();
        if !(0..n).any(|i| doc.label[i] == BODY && doc.authority[i] < MARKUP) {
            return Ok(());
        }
        let mut kept: FxHashSet<u64> = FxHashSet::default();
        let mut source_of: FxHashMap<u64, usize> = FxHashMap::default();
        let mut remembered = 0usize;
        // (a line's shingles, sorted and each once: a set, without hashing each hash again)
        let (mut key, mut spans, mut own) = (String::new(), Vec::new(), Vec::new());
        for number in 0..n {
            if doc.label[number] != BODY {
                continue;
            }
            normalised(table, doc.text(text, number), fold, &mut key)?;
            words(table, &key, self.shingle_chars, &mut spans);
            own.clear();
            own.extend(spans.windows(4).map(|w| {
                hash_of(&[
                    &key[w[0].0..w[0].1],
                    &key[w[1].0..w[1].1],
                    &key[w[2].0..w[2].1],
                    &key[w[3].0..w[3].1],
                ])
            }));
            own.sort_unstable();
            own.dedup();
            let key_hash = hash_of(key.as_str());
            if doc.authority[number] < MARKUP
                && doc.m.units[doc.r(number)] >= self.min_units
                && (kept.contains(&key_hash) || self.stitched(&key, &own, &source_of))
            {
                doc.condemn(number, self.reason, self.signal, crate::doc::SOFT);
                continue;
            }
            kept.insert(key_hash);
            if remembered < self.window_lines && source_of.len() < self.window_shingles {
                remembered += 1;
                for &shingle in &own {
                    source_of.entry(shingle).or_insert(number);
                }
            }
        }
        Ok(())
    }

    /// `_stitched`: most of its shingles were kept, from several lines, or it is cut off with "…".
    fn stitched(&self, key: &str, own: &[u64], source_of: &FxHashMap<u64, usize>) -> bool {
        if own.len() < 6 {
            return false;
        }
        let sources: Vec<usize> = own
            .iter()
            .filter_map(|s| source_of.get(s).copied())
            .collect();
        if (sources.len() as f64) < self.shingle_share * own.len() as f64 {
            return false;
        }
        let distinct: FxHashSet<usize> = sources.into_iter().collect();
        distinct.len() >= 2 || key.ends_with('…') || key.ends_with("...")
    }
}
