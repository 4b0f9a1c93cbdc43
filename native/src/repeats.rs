//! Stage `repeats` of `cleaner/stages/repeats.py` in the core: a body line that repeats text already kept.
//!
//! A line is compared as `_normalised` makes it: its words case-folded (`str.casefold`) and joined by one
//! space. Case folding is Python's own, asked of Python once per cased character outside ASCII (the glue
//! hands over `str.casefold`; it folds a character without looking at its neighbours), and cached. Each
//! body line's key is made once, for both the tables of contents and the repeats; a word's hash is taken
//! once, and a shingle's is its four words' hashes hashed.

use std::hash::{Hash, Hasher};

use rustc_hash::{FxHashMap, FxHashSet};

use crate::doc::{Doc, Reason, Signal, BODY, MARKUP};
use crate::unicode::{Table, CASED, SPACE, WORD};

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

/// The body lines' keys, as [`RepeatRules::keys`] makes them.
struct LineKeys {
    /// the body's lines (before the tables of contents are dropped)
    numbers: Vec<usize>,
    /// the hash of each one's key (`_normalised`)
    hash: Vec<u64>,
    /// whether its key is cut off with "…" or "..."
    cut_off: Vec<bool>,
    /// its `_entry_key`, when it has few enough words to be an entry
    entry: Vec<Option<u64>>,
    /// the hashes of its words (`_WORD.findall(key, 0, REPEAT_SHINGLE_CHARS)`), one line's after another:
    /// line `k`'s are `words[starts[k]..starts[k + 1]]`
    words: Vec<u64>,
    starts: Vec<usize>,
}

impl LineKeys {
    fn words(&self, k: usize) -> &[u64] {
        &self.words[self.starts[k]..self.starts[k + 1]]
    }
}

/// The hashes of a key's words (its runs of `\w` at `spans`).
fn word_hashes<'a>(key: &'a str, spans: &'a [(usize, usize)]) -> impl Iterator<Item = u64> + 'a {
    spans.iter().map(|&(a, b)| hash_of(&key.as_bytes()[a..b]))
}

/// A 4-word shingle's hash, of its words' hashes (each word hashed once, not once in each of its shingles).
fn shingle(words: &[u64]) -> u64 {
    let mut hasher = rustc_hash::FxHasher::default();
    for &word in words {
        hasher.write_u64(word);
    }
    hasher.finish()
}

/// `_entry_key`'s hash: of the words' hashes, and how many there are.
fn entry_key(words: &[u64]) -> u64 {
    let mut hasher = rustc_hash::FxHasher::default();
    hasher.write_usize(words.len());
    for &word in words {
        hasher.write_u64(word);
    }
    hasher.finish()
}

/// Folds one cased character outside ASCII onto the end of a string (`str.casefold` of it).
pub type Fold<'a> = dyn FnMut(char, &mut String) -> Result<(), String> + 'a;

/// `_normalised`: the line's words, case-folded, joined by one space, into `out` (cleared first, so
/// one buffer serves every line), with `_WORD.findall(key, 0, limit)`: the runs of `\w` among its first
/// `limit` characters, as byte spans of `out` into `found` (cleared first). Whether the limit cut the key
/// short (the spans are then not all of the key's runs).
///
/// An ASCII line's key is made a word at a time ([`normalised_ascii`]). Any other line's is made in one
/// pass: each character of the key is classified as it is written. `str.casefold` changes a cased
/// character only (`tests/test_native_path.py` checks it of the running Python's table): any other is
/// written as it is, with the properties already read, and `fold` is asked of the cased ones outside ASCII
/// alone (it was asked of every character outside ASCII).
pub fn normalised(
    table: &Table,
    text: &str,
    fold: &mut Fold,
    limit: usize,
    out: &mut String,
    found: &mut Vec<(usize, usize)>,
) -> Result<bool, String> {
    out.clear();
    found.clear();
    if text.is_ascii() {
        normalised_ascii(table, text, limit, out, found);
        return Ok(out.len() > limit);
    }
    let mut runs = WordRuns {
        limit,
        read: 0,
        start: None,
        found,
    };
    let mut in_word = false;
    let bytes = text.as_bytes();
    let mut at = 0;
    while at < bytes.len() {
        let b = bytes[at];
        if b < 0x80 {
            // (an ASCII character, most of a line of prose with a curly quote or a dash: classed by the
            // table's ASCII row, with no decoding, and its lower case written as a byte)
            at += 1;
            let flags = table.ascii_flags(b);
            if flags & SPACE != 0 {
                in_word = false;
                continue;
            }
            if !in_word && !out.is_empty() {
                runs.read(out.len(), false);
                out.push(' ');
            }
            in_word = true;
            runs.read(out.len(), flags & WORD != 0);
            out.push(char::from(b.to_ascii_lowercase()));
            continue;
        }
        let c = text[at..].chars().next().unwrap_or_default();
        at += c.len_utf8();
        let props = table.props(c);
        if props.has(SPACE) {
            in_word = false;
            continue;
        }
        if !in_word && !out.is_empty() {
            runs.read(out.len(), false);
            out.push(' ');
        }
        in_word = true;
        if !props.has(CASED) {
            // (a character not cased is its own fold)
            runs.read(out.len(), props.has(WORD));
            out.push(c);
        } else {
            let from = out.len();
            fold(c, out)?;
            for (at, folded) in out[from..].char_indices() {
                runs.read(from + at, table.props(folded).has(WORD));
            }
        }
    }
    runs.end(out.len());
    Ok(runs.read > limit)
}

/// [`normalised`] of an ASCII line, whose key is ASCII too (a character is a byte): in one pass, each byte
/// classed by the table's ASCII row, written lower-cased, and read for the runs of `\w` while the key is
/// shorter than `limit`. (Fewer instructions than the words copied a word at a time, lower-cased in place and
/// the key read again: most lines are ASCII.)
fn normalised_ascii(
    table: &Table,
    text: &str,
    limit: usize,
    out: &mut String,
    found: &mut Vec<(usize, usize)>,
) {
    out.reserve(text.len());
    let mut start = None;
    let mut in_word = false;
    for &b in text.as_bytes() {
        let flags = table.ascii_flags(b);
        if flags & SPACE != 0 {
            in_word = false;
            continue;
        }
        if !in_word && !out.is_empty() {
            // the space between two words: it ends a run
            if out.len() < limit {
                if let Some(from) = start.take() {
                    found.push((from, out.len()));
                }
            }
            out.push(' ');
        }
        in_word = true;
        if out.len() < limit {
            match (start, flags & WORD != 0) {
                (None, true) => start = Some(out.len()),
                (Some(from), false) => {
                    found.push((from, out.len()));
                    start = None;
                }
                _ => {}
            }
        }
        out.push(char::from(b.to_ascii_lowercase()));
    }
    found.extend(start.map(|from| (from, out.len().min(limit))));
}

/// The runs of `\w` among the first `limit` characters of a key, read as it is written.
struct WordRuns<'f> {
    limit: usize,
    /// characters read so far (none is read past the limit)
    read: usize,
    /// where the open run starts
    start: Option<usize>,
    found: &'f mut Vec<(usize, usize)>,
}

impl WordRuns<'_> {
    /// The key's next character, at byte `at`: a word character or not.
    #[inline(always)]
    fn read(&mut self, at: usize, word: bool) {
        if self.read >= self.limit {
            if self.read == self.limit {
                self.end(at); // the key ends here for findall
                self.read += 1;
            }
            return;
        }
        self.read += 1;
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
        let keys = self.keys(table, doc, text, fold)?;
        for number in self.contents(doc, &keys) {
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
        let mut own = Vec::new();
        for (k, &number) in keys.numbers.iter().enumerate() {
            if doc.label[number] != BODY {
                continue; // a table of contents' entry
            }
            own.clear();
            own.extend(keys.words(k).windows(4).map(shingle));
            own.sort_unstable();
            own.dedup();
            let key_hash = keys.hash[k];
            if doc.authority[number] < MARKUP
                && doc.m.units[doc.r(number)] >= self.min_units
                && (kept.contains(&key_hash) || self.stitched(keys.cut_off[k], &own, &source_of))
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

    /// Each body line's key, normalised once for both passes (a short line's was made twice: once for
    /// its `_entry_key`, once to compare it).
    fn keys(
        &self,
        table: &Table,
        doc: &Doc,
        text: &str,
        fold: &mut Fold,
    ) -> Result<LineKeys, String> {
        let numbers: Vec<usize> = (0..doc.len()).filter(|&i| doc.label[i] == BODY).collect();
        let mut keys = LineKeys {
            hash: Vec::with_capacity(numbers.len()),
            cut_off: Vec::with_capacity(numbers.len()),
            entry: Vec::with_capacity(numbers.len()),
            words: Vec::new(),
            starts: Vec::with_capacity(numbers.len() + 1),
            numbers,
        };
        keys.starts.push(0);
        let (mut key, mut spans) = (String::new(), Vec::new());
        for &number in &keys.numbers {
            let line = doc.text(text, number);
            let cut = normalised(table, line, fold, self.shingle_chars, &mut key, &mut spans)?;
            keys.hash.push(hash_of(key.as_str()));
            keys.cut_off
                .push(key.ends_with('…') || key.ends_with("..."));
            let from = keys.words.len();
            keys.words.extend(word_hashes(&key, &spans));
            keys.starts.push(keys.words.len());
            keys.entry
                .push(if doc.m.words[doc.r(number)] <= self.contents_entry_words {
                    // `_entry_key`: the line's words alone, case-folded (all of them: past the limit, the
                    // key is made again without it)
                    Some(if cut {
                        normalised(table, line, fold, usize::MAX, &mut key, &mut spans)?;
                        entry_key(&word_hashes(&key, &spans).collect::<Vec<u64>>())
                    } else {
                        entry_key(&keys.words[from..])
                    })
                } else {
                    None
                });
        }
        Ok(keys)
    }

    /// `_contents`: the line numbers of the entries of the body's tables of contents (`contents_entries`).
    fn contents(&self, doc: &Doc, keys: &LineKeys) -> Vec<usize> {
        let numbers = &keys.numbers;
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
        self.contents_entries(&keys.entry, numbers, &droppable, &labels)
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
    fn stitched(&self, cut_off: bool, own: &[u64], source_of: &FxHashMap<u64, usize>) -> bool {
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
        several || cut_off
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The key's `\w` runs read a character at a time, as `_WORD.findall(key, 0, limit)` reads it.
    fn runs_by_char(table: &Table, key: &str, limit: usize) -> Vec<(usize, usize)> {
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

    /// A stand-in for `str.casefold` (ß to "ss", longer; anything else its lower case), and the characters
    /// it was asked of.
    fn stand_in(asked: &mut Vec<char>) -> impl FnMut(char, &mut String) -> Result<(), String> + '_ {
        |c: char, out: &mut String| {
            asked.push(c);
            match c {
                'ß' => out.push_str("ss"),
                _ => out.extend(c.to_lowercase()),
            }
            Ok(())
        }
    }

    const LINES: [&str; 6] = [
        "Hello,  World  of_the  2024 Games!",
        "Straße  ΣΟΦΙΑ — déjà-vu…  x",
        "a",
        "  ",
        "end with word",
        "\u{a0}東京の 会社\u{3000}は NEW\u{2009}rules ",
    ];

    #[test]
    fn the_key_is_the_words_folded_and_joined_by_one_space() {
        let table = Table::load("14.0.0").unwrap();
        let keys = [
            "hello, world of_the 2024 games!",
            "strasse σοφια — déjà-vu… x",
            "a",
            "",
            "end with word",
            "東京の 会社 は new rules",
        ];
        let (mut key, mut found) = (String::new(), Vec::new());
        for (line, want) in LINES.iter().zip(keys) {
            let mut asked = Vec::new();
            normalised(
                &table,
                line,
                &mut stand_in(&mut asked),
                99,
                &mut key,
                &mut found,
            )
            .unwrap();
            assert_eq!(key, want);
            // asked of the cased characters outside ASCII alone
            let cased: Vec<char> = line
                .chars()
                .filter(|&c| !c.is_ascii() && table.props(c).has(CASED))
                .collect();
            assert_eq!(asked, cased, "{line:?}");
        }
    }

    /// `normalised` as it was written before the ASCII fast paths: a character at a time, each asked of
    /// the table (the reference both paths must agree with).
    fn normalised_by_char(
        table: &Table,
        text: &str,
        fold: &mut Fold,
        limit: usize,
        out: &mut String,
        found: &mut Vec<(usize, usize)>,
    ) -> bool {
        out.clear();
        found.clear();
        let mut runs = WordRuns {
            limit,
            read: 0,
            start: None,
            found,
        };
        let mut in_word = false;
        for c in text.chars() {
            let props = table.props(c);
            if props.has(SPACE) {
                in_word = false;
                continue;
            }
            if !in_word && !out.is_empty() {
                runs.read(out.len(), false);
                out.push(' ');
            }
            in_word = true;
            if c.is_ascii() || !props.has(CASED) {
                runs.read(out.len(), props.has(WORD));
                out.push(c.to_ascii_lowercase());
            } else {
                let from = out.len();
                fold(c, out).unwrap();
                for (at, folded) in out[from..].char_indices() {
                    runs.read(from + at, table.props(folded).has(WORD));
                }
            }
        }
        runs.end(out.len());
        runs.read > limit
    }

    #[test]
    fn the_fast_paths_make_the_key_and_runs_the_character_form_makes() {
        let table = Table::load("14.0.0").unwrap();
        let mixed = [
            "It\u{2019}s  the \u{201c}Best\u{201d} of_2024 \u{2014} OK?",
            "\tTabs\u{b}and\u{c}feeds\r\nEND_x  y ",
            "ÀB C\u{e9}D ___ 12ab \u{2019}",
            "plain ascii, with PUNCT... and  spaces  ",
            " ",
            "",
        ];
        let (mut key, mut found) = (String::new(), Vec::new());
        let (mut want_key, mut want_found) = (String::new(), Vec::new());
        for line in LINES.iter().chain(&mixed) {
            for limit in (0..line.len() + 3).chain([usize::MAX]) {
                let (mut asked, mut asked_ref) = (Vec::new(), Vec::new());
                let cut = normalised(
                    &table,
                    line,
                    &mut stand_in(&mut asked),
                    limit,
                    &mut key,
                    &mut found,
                )
                .unwrap();
                let want_cut = normalised_by_char(
                    &table,
                    line,
                    &mut stand_in(&mut asked_ref),
                    limit,
                    &mut want_key,
                    &mut want_found,
                );
                assert_eq!(
                    (&key, &found, cut, &asked),
                    (&want_key, &want_found, want_cut, &asked_ref),
                    "{line:?} up to {limit}"
                );
            }
        }
    }

    #[test]
    fn the_runs_are_those_findall_reads_in_the_keys_first_characters() {
        let table = Table::load("14.0.0").unwrap();
        let (mut key, mut found) = (String::new(), Vec::new());
        for line in LINES {
            for limit in 0..key.len().max(line.len()) + 3 {
                let mut asked = Vec::new();
                let mut fold = stand_in(&mut asked);
                let cut = normalised(&table, line, &mut fold, limit, &mut key, &mut found).unwrap();
                assert_eq!(
                    found,
                    runs_by_char(&table, &key, limit),
                    "{line:?} up to {limit}"
                );
                assert_eq!(cut, key.chars().count() > limit);
            }
        }
    }
}
