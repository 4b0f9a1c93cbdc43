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
    /// `CONTENTS_MIN_ENTRIES`, `CONTENTS_ENTRY_WORDS`, `CONTENTS_ENTRY_GAP`
    pub contents_min_entries: usize,
    pub contents_entry_words: u32,
    pub contents_entry_gap: usize,
    pub contents_label_words: u32,
    /// `CONTENTS_VERDICT`'s reason and signal
    pub contents_reason: Reason,
    pub contents_signal: Signal,
}

fn hash_of<T: Hash + ?Sized>(value: &T) -> u64 {
    let mut hasher = rustc_hash::FxHasher::default();
    value.hash(&mut hasher);
    hasher.finish()
}

/// Folds one character outside ASCII onto the end of a string (`str.casefold` of it).
pub type Fold<'a> = dyn FnMut(char, &mut String) -> Result<(), String> + 'a;

/// `_normalised`: the line's words, case-folded, joined by one space, into `out` (cleared first, so
/// one buffer serves every line), with `_WORD.findall(key, 0, limit)`: the runs of `\w` among its first
/// `limit` characters, as byte spans of `out` into `found` (cleared first). One pass makes both: each
/// character of the key is classified as it is written. `fold` folds one character outside ASCII.
pub fn normalised(
    table: &Table,
    text: &str,
    fold: &mut Fold,
    limit: usize,
    out: &mut String,
    found: &mut Vec<(usize, usize)>,
) -> Result<(), String> {
    out.clear();
    found.clear();
    let mut runs = WordRuns {
        table,
        limit,
        read: 0,
        start: None,
        found,
    };
    if text.is_ascii() {
        normalised_chars(text.bytes().map(char::from), fold, out, &mut runs)?;
    } else {
        normalised_chars(text.chars(), fold, out, &mut runs)?;
    }
    runs.end(out.len());
    Ok(())
}

/// [`normalised`] of a line's characters (an ASCII line's given from its bytes, not decoded).
#[inline(always)]
fn normalised_chars(
    chars: impl Iterator<Item = char>,
    fold: &mut Fold,
    out: &mut String,
    runs: &mut WordRuns,
) -> Result<(), String> {
    let mut in_word = false;
    for c in chars {
        if runs.table.props(c).has(SPACE) {
            in_word = false;
            continue;
        }
        if !in_word && !out.is_empty() {
            runs.read(out.len(), ' ');
            out.push(' ');
        }
        in_word = true;
        if c.is_ascii() {
            let lower = c.to_ascii_lowercase();
            runs.read(out.len(), lower);
            out.push(lower);
        } else {
            let from = out.len();
            fold(c, out)?;
            for (at, folded) in out[from..].char_indices() {
                runs.read(from + at, folded);
            }
        }
    }
    Ok(())
}

/// The runs of `\w` among the first `limit` characters of a key, read as it is written.
struct WordRuns<'a, 'f> {
    table: &'a Table,
    limit: usize,
    /// characters read so far (none is read past the limit)
    read: usize,
    /// where the open run starts
    start: Option<usize>,
    found: &'f mut Vec<(usize, usize)>,
}

impl WordRuns<'_, '_> {
    /// The key's character `c`, at byte `at`.
    #[inline(always)]
    fn read(&mut self, at: usize, c: char) {
        if self.read >= self.limit {
            if self.read == self.limit {
                self.end(at); // the key ends here for findall
                self.read += 1;
            }
            return;
        }
        self.read += 1;
        let word = self.table.props(c).has(WORD);
        match (self.start, word) {
            (None, true) => self.start = Some(at),
            (Some(from), false) => {
                self.found.push((from, at));
                self.start = None;
            }
            _ => {}
        }
    }

    /// The key (or its first `limit` characters) ends at byte `at`: close the open run there.
    fn end(&mut self, at: usize) {
        if let Some(from) = self.start.take() {
            self.found.push((from, at));
        }
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
        let (mut key, mut spans, mut own) = (String::new(), Vec::new(), Vec::new());
        for number in self.contents(table, doc, text, fold, &mut key, &mut spans)? {
            doc.condemn(
                number,
                self.contents_reason,
                self.contents_signal,
                crate::doc::SOFT,
            );
        }
        // (sized for the body at once: grown as it filled, the two maps were rehashed a few times a dump)
        let (mut lines, mut words) = (0usize, 0usize);
        for number in (0..n).filter(|&i| doc.label[i] == BODY) {
            lines += 1;
            if lines <= self.window_lines {
                words += doc.m.words[doc.r(number)] as usize;
            }
        }
        let mut kept: FxHashSet<u64> =
            FxHashSet::with_capacity_and_hasher(lines, Default::default());
        let mut source_of: FxHashMap<u64, usize> = FxHashMap::with_capacity_and_hasher(
            words.min(self.window_shingles),
            Default::default(),
        );
        let mut remembered = 0usize;
        // (a line's shingles, sorted and each once: a set, without hashing each hash again)
        for number in 0..n {
            if doc.label[number] != BODY {
                continue;
            }
            normalised(
                table,
                doc.text(text, number),
                fold,
                self.shingle_chars,
                &mut key,
                &mut spans,
            )?;
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

    /// `_contents`: the line numbers of the entries of the body's tables of contents (`contents_entries`).
    fn contents(
        &self,
        table: &Table,
        doc: &Doc,
        text: &str,
        fold: &mut Fold,
        key: &mut String,
        spans: &mut Vec<(usize, usize)>,
    ) -> Result<Vec<usize>, String> {
        let numbers: Vec<usize> = (0..doc.len()).filter(|&i| doc.label[i] == BODY).collect();
        let mut keys = Vec::with_capacity(numbers.len());
        for &number in &numbers {
            keys.push(if doc.m.words[doc.r(number)] <= self.contents_entry_words {
                // `_entry_key`: the line's words alone, case-folded
                normalised(table, doc.text(text, number), fold, usize::MAX, key, spans)?;
                let words: Vec<&str> = spans.iter().map(|&(from, to)| &key[from..to]).collect();
                Some(hash_of(&words[..]))
            } else {
                None
            });
        }
        let droppable: Vec<bool> = numbers.iter().map(|&k| doc.authority[k] < MARKUP).collect();
        let labels: Vec<bool> = numbers
            .iter()
            .map(|&k| {
                let r = doc.r(k);
                doc.m.words[r] <= self.contents_label_words
                    && doc.m.ends_sentence[r] == 0
                    && doc.m.ends_colon[r] == 0
            })
            .collect();
        Ok(self.contents_entries(&keys, &numbers, &droppable, &labels))
    }

    /// `contents_entries`: runs of entries whose copies come back after them, in order, each heading text.
    fn contents_entries(
        &self,
        keys: &[Option<u64>],
        numbers: &[usize],
        droppable: &[bool],
        labels: &[bool],
    ) -> Vec<usize> {
        let mut later: FxHashMap<u64, Vec<usize>> = FxHashMap::default();
        for (at, key) in keys.iter().enumerate() {
            if let Some(key) = key {
                later.entry(*key).or_default().push(at);
            }
        }
        let mut found = Vec::new();
        // `done`: the position after the last table found
        let (mut at, mut done) = (0, 0);
        while at < keys.len() {
            let run = self.contents_run(keys, numbers, droppable, &later, at);
            match run.last() {
                Some(&last) if run.len() >= self.contents_min_entries => {
                    // the line right above: the table's heading when it is a label
                    if let Some(above) = run[0].checked_sub(1) {
                        if above >= done
                            && droppable[above]
                            && labels[above]
                            && numbers[run[0]] - numbers[above] <= self.contents_entry_gap
                        {
                            found.push(numbers[above]);
                        }
                    }
                    found.extend(run.iter().map(|&k| numbers[k]));
                    at = last + 1;
                    done = at;
                }
                _ => at += 1,
            }
        }
        found
    }

    /// `_contents_run`: the entries from body line `start` on, each copy the first after the previous
    /// entry's and followed by a line of text, the run ending before the first copy.
    fn contents_run(
        &self,
        keys: &[Option<u64>],
        numbers: &[usize],
        droppable: &[bool],
        later: &FxHashMap<u64, Vec<usize>>,
        start: usize,
    ) -> Vec<usize> {
        let mut run: Vec<usize> = Vec::new();
        let (mut copy, mut first) = (keys.len(), keys.len());
        let mut at = start;
        while at < keys.len().min(first) && droppable[at] {
            let Some(key) = keys[at] else { break };
            if let Some(&last) = run.last() {
                if numbers[at] - numbers[last] > self.contents_entry_gap {
                    break;
                }
            }
            let places = &later[&key];
            let from = if run.is_empty() { at + 1 } else { copy + 1 };
            let k = places.partition_point(|&place| place < from);
            // the copy heads a section: a line of text (no key) follows it
            if k == places.len() || !matches!(keys.get(places[k] + 1), Some(None)) {
                break;
            }
            copy = places[k];
            first = first.min(copy);
            run.push(at);
            at += 1;
        }
        run
    }

    /// `_stitched`: most of its shingles were kept, from several lines, or it is cut off with "…".
    fn stitched(&self, key: &str, own: &[u64], source_of: &FxHashMap<u64, usize>) -> bool {
        if own.len() < 6 {
            return false;
        }
        // how many of its shingles were kept, and whether from two lines or more (counted, not collected:
        // a list and a set a body line were most of this stage's allocations)
        let (mut found, mut first, mut several) = (0usize, None, false);
        for source in own.iter().filter_map(|s| source_of.get(s)) {
            found += 1;
            match first {
                None => first = Some(source),
                Some(seen) => several |= seen != source,
            }
        }
        if (found as f64) < self.shingle_share * own.len() as f64 {
            return false;
        }
        several || key.ends_with('…') || key.ends_with("...")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The key's `\w` runs found in a second pass over it, as `_WORD.findall(key, 0, limit)` reads it.
    fn runs_after(table: &Table, key: &str, limit: usize) -> Vec<(usize, usize)> {
        let (mut found, mut start, mut end) = (Vec::new(), None, key.len());
        for (n, (at, c)) in key.char_indices().enumerate() {
            if n == limit {
                end = at;
                break;
            }
            match (start, table.props(c).has(WORD)) {
                (None, true) => start = Some(at),
                (Some(from), false) => {
                    found.push((from, at));
                    start = None;
                }
                _ => {}
            }
        }
        found.extend(start.map(|from| (from, end)));
        found
    }

    #[test]
    fn runs_read_while_writing_are_those_of_the_key() {
        let table = Table::load("14.0.0").unwrap();
        // a stand-in fold: ß to "ss" (longer), Σ to σ, anything else itself
        let mut fold = |c: char, out: &mut String| {
            match c {
                'ß' => out.push_str("ss"),
                'Σ' => out.push('σ'),
                _ => out.push(c),
            }
            Ok(())
        };
        let lines = [
            "Hello,  World  of_the  2024 Games!",
            "Straße  ΣΟΦΙΑ — déjà-vu…  x",
            "a",
            "  ",
            "end with word",
        ];
        let (mut key, mut found) = (String::new(), Vec::new());
        for line in lines {
            for limit in 0..key.len().max(line.len()) + 3 {
                normalised(&table, line, &mut fold, limit, &mut key, &mut found).unwrap();
                assert_eq!(
                    found,
                    runs_after(&table, &key, limit),
                    "{line:?} up to {limit}"
                );
            }
        }
    }
}
