//! `cleaner/language.py` in the core: which language a dump is in (stoplist hits), and the stoplists.
//!
//! The stoplists are jusText's files, read here as Python reads them (universal newlines, each line
//! stripped and lower-cased). English is tried first with its own list; the word → languages index over
//! all hundred lists is built only for the first dump that is not English, once per process, natively and
//! compact (one arena of words, one flat array of languages: ~4 MB; the Python reference's takes about a
//! quarter of a second).

use std::path::PathBuf;
use std::sync::{Arc, Mutex, OnceLock};

use std::hash::BuildHasher;

use rustc_hash::{FxBuildHasher, FxHashMap};

use crate::measures::Stoplist;
use crate::patterns::{char_starts, raw_line, Forms, Pattern};
use crate::unicode::{Table, DECIMAL, SPACE, WORD};

/// The rules of `cleaner/language.py`: its patterns and constants.
pub struct LanguageRules {
    pub cjk: Pattern,
    pub scripts: Vec<(Pattern, String)>,
    pub sentence_mark: Pattern,
    /// `lexicon._PROSE_TEXT_SPACES`: `lexicon.is_prose_text` wants this many spaces or more
    pub prose_text_spaces: usize,
    pub word: Pattern,
    /// `word` scanned by the characters' flags, when it has [`WordRuns`]' shape
    pub word_runs: Option<WordRuns>,
    pub english: String,
    pub english_fast_ratio: f64,
    pub sample_tokens: usize,
    pub min_prose_tokens: usize,
    pub stoplist_dir: Option<PathBuf>,
}

/// `language._WORD`'s shape, `[^\W\d_]+(?:['’][^\W\d_]+)?` (a run of letters, perhaps an apostrophe and a
/// second run), matched by reading each character's flags in the table rather than by the regex crate, whose
/// cost per match (a forward and a reverse search, ~80 ns) was most of the language sample's time. The
/// regex stays the rule: a word pattern of any other shape runs as a regex ([`WordRuns::of`] is None).
pub struct WordRuns {
    apostrophes: Vec<char>,
}

/// `[^\W\d_]+` as the glue translates it (`cleaner.native.rust_regex`).
const LETTERS: &str = r"(?:[^\W\d\x{5f}]){1,}";

impl WordRuns {
    /// The scan for `pattern`, if it is one part of exactly the shape `LETTERS(?:[<apostrophes>]LETTERS){0,1}`
    /// whose apostrophes are written `\x{..}`.
    pub fn of(pattern: &Pattern) -> Option<WordRuns> {
        let [source] = pattern.sources() else {
            return None;
        };
        let suffix = format!("]{LETTERS}){{0,1}}");
        let middle = source
            .strip_prefix(LETTERS)?
            .strip_prefix("(?:[")?
            .strip_suffix(suffix.as_str())?;
        let mut apostrophes = Vec::new();
        for escape in middle.strip_prefix(r"\x{")?.split(r"\x{") {
            let code = u32::from_str_radix(escape.strip_suffix('}')?, 16).ok()?;
            let c = char::from_u32(code)?;
            if c.is_alphanumeric() || c == '_' || c == ']' || c == '\\' {
                return None;
            }
            apostrophes.push(c);
        }
        Some(WordRuns { apostrophes })
    }

    /// Python's `[^\W\d_]`: a word character that is no decimal digit and no underscore.
    #[inline]
    fn letter(table: &Table, c: char) -> bool {
        let props = table.props(c);
        props.has(WORD) && !props.has(DECIMAL) && c != '_'
    }

    /// [`WordRuns::letter`] of an ASCII byte, read from the table's ASCII row.
    #[inline(always)]
    fn ascii_letter(table: &Table, b: u8) -> bool {
        table.ascii_flags(b) & (WORD | DECIMAL) == WORD && b != b'_'
    }

    /// The first `limit` matches' byte spans in `text`, as the regex's `find_iter` gives them. Read a
    /// byte at a time: an ASCII character is its byte, asked of the table's ASCII row, any other is
    /// decoded where it starts.
    pub fn first_spans(&self, table: &Table, text: &str, limit: usize) -> Vec<(usize, usize)> {
        let bytes = text.as_bytes();
        // the character at byte `at` (a char boundary, before the end)
        let char_at = |at: usize| -> char {
            match bytes[at] {
                b @ 0..=0x7f => b as char,
                _ => text[at..].chars().next().unwrap_or_default(),
            }
        };
        // from byte `at`, past the characters that are letters (`is` true) or are not: the byte offset
        // where the first of the other kind starts, or the end
        let past = |mut at: usize, is: bool| -> usize {
            while at < bytes.len() {
                let b = bytes[at];
                if b < 0x80 {
                    if Self::ascii_letter(table, b) != is {
                        break;
                    }
                    at += 1;
                    continue;
                }
                let c = char_at(at);
                if Self::letter(table, c) != is {
                    break;
                }
                at += c.len_utf8();
            }
            at
        };
        let run_end = |at: usize| past(at, true);
        let mut spans = Vec::new();
        let mut at = 0;
        while spans.len() < limit {
            at = past(at, false);
            if at >= bytes.len() {
                break;
            }
            let start = at;
            let mut end = run_end(at);
            if end < bytes.len() {
                let c = char_at(end);
                let next = end + c.len_utf8();
                if self.apostrophes.contains(&c)
                    && next < bytes.len()
                    && Self::letter(table, char_at(next))
                {
                    end = run_end(next);
                }
            }
            spans.push((start, end));
            at = end;
        }
        spans
    }
}

/// The word → languages index (`language._word_index`), compact because it lives as long as the process:
/// every word of the hundred lists once in one arena, found by its hash (words of one hash are chained
/// and compared by content, so a collision costs a comparison, never a wrong answer), and each word's
/// languages in one flat array. A map of ~250,000 owned strings to vectors took ~23 MB and ~100 ms to
/// build; this takes a few MB and a fraction of the time.
struct Index {
    languages: Vec<String>,
    weights: Vec<f64>,
    arena: String,
    words: Vec<IndexWord>,
    /// a hash → the last word added with it
    heads: FxHashMap<u64, u32>,
    /// word `i`'s languages are `ids[starts[i]..starts[i + 1]]`
    starts: Vec<u32>,
    ids: Vec<u16>,
}

/// One word of the index: its span in the arena, the previous word of the same hash, and the last list
/// that named it (1-based, 0: none yet), which keeps a word a list repeats from counting twice.
struct IndexWord {
    start: u32,
    end: u32,
    next: u32,
    seen: u16,
}

const NO_WORD: u32 = u32::MAX;
/// Room made in the index for this many words at once (jusText's lists hold ~190,000 lines; the map of
/// their hashes then has the buckets it grew to before, not twice as many).
const INDEX_ROOM: usize = 200_000;

fn word_hash(word: &str) -> u64 {
    FxBuildHasher.hash_one(word)
}

impl Index {
    fn word(&self, i: u32) -> &str {
        let w = &self.words[i as usize];
        &self.arena[w.start as usize..w.end as usize]
    }

    fn find(&self, hash: u64, word: &str) -> Option<u32> {
        let mut at = *self.heads.get(&hash)?;
        while at != NO_WORD {
            if self.word(at) == word {
                return Some(at);
            }
            at = self.words[at as usize].next;
        }
        None
    }

    /// The word the arena holds from `start` on: found, or added (the arena keeps its text only then).
    fn intern(&mut self, start: usize) -> u32 {
        let hash = word_hash(&self.arena[start..]);
        if let Some(found) = self.find(hash, &self.arena[start..]) {
            self.arena.truncate(start);
            return found;
        }
        let id = self.words.len() as u32;
        let next = self.heads.insert(hash, id).unwrap_or(NO_WORD);
        self.words.push(IndexWord {
            start: start as u32,
            end: self.arena.len() as u32,
            next,
            seen: 0,
        });
        id
    }

    /// The languages whose list holds `word` in the list's main script.
    fn languages_of(&self, word: &str) -> &[u16] {
        match self.find(word_hash(word), word) {
            Some(i) => {
                &self.ids[self.starts[i as usize] as usize..self.starts[i as usize + 1] as usize]
            }
            None => &[],
        }
    }

    /// Lay the (word, language) pairs out as each word's run of languages, in the lists' order.
    fn set_languages(&mut self, pairs: &[(u32, u16)]) {
        let mut starts = vec![0u32; self.words.len() + 1];
        for &(word, _) in pairs {
            starts[word as usize + 1] += 1;
        }
        for i in 1..starts.len() {
            starts[i] += starts[i - 1];
        }
        let mut fill = starts.clone();
        let mut ids = vec![0u16; pairs.len()];
        for &(word, language) in pairs {
            ids[fill[word as usize] as usize] = language;
            fill[word as usize] += 1;
        }
        self.starts = starts;
        self.ids = ids;
    }
}

pub struct Languages {
    pub rules: LanguageRules,
    stoplists: Mutex<FxHashMap<String, Arc<Stoplist>>>,
    index: OnceLock<Result<Index, String>>,
}

#[derive(Debug)]
pub struct LanguageError(pub String);

/// Python's `str.strip().lower()` of a stoplist line.
fn clean_word(table: &Table, line: &str) -> String {
    let word = line.trim_matches(|c: char| table.props(c).has(SPACE));
    let mut out = String::with_capacity(word.len());
    table.lower_str_into(word, 0, word.len(), &mut out);
    out
}

impl Languages {
    pub fn new(rules: LanguageRules) -> Languages {
        Languages {
            rules,
            stoplists: Mutex::new(FxHashMap::default()),
            index: OnceLock::new(),
        }
    }

    /// The names of the stoplist files (`available_languages`), sorted.
    fn available(&self) -> Vec<String> {
        let Some(dir) = &self.rules.stoplist_dir else {
            return Vec::new();
        };
        let Ok(entries) = std::fs::read_dir(dir) else {
            return Vec::new();
        };
        let mut names: Vec<String> = entries
            .filter_map(|e| e.ok())
            .filter_map(|e| e.file_name().into_string().ok())
            .filter_map(|name| name.strip_suffix(".txt").map(str::to_string))
            .collect();
        names.sort();
        names
    }

    /// A stoplist file's text with universal newlines (`_read_stoplist`): `None` when there is no such file.
    fn read_text(&self, language: &str) -> Result<Option<String>, LanguageError> {
        let Some(dir) = &self.rules.stoplist_dir else {
            return Ok(None);
        };
        let bytes = match std::fs::read(dir.join(format!("{language}.txt"))) {
            Ok(bytes) => bytes,
            Err(_) => return Ok(None),
        };
        let text = String::from_utf8(bytes)
            .map_err(|_| LanguageError(format!("the stoplist {language} is not UTF-8")))?;
        // (a list with no carriage return, every shipped one, is kept as it is: the two replacements scanned
        // and copied each of the 2.4 MB of lists read when the index of all of them is built)
        if !text.contains('\r') {
            return Ok(Some(text));
        }
        Ok(Some(text.replace("\r\n", "\n").replace('\r', "\n")))
    }

    /// A stoplist's words (`_read_stoplist`): empty when there is no such file.
    fn read(&self, table: &Table, language: &str) -> Result<Stoplist, LanguageError> {
        let Some(text) = self.read_text(language)? else {
            return Ok(Stoplist::default());
        };
        Ok(text
            .split('\n')
            .map(|line| clean_word(table, line))
            .filter(|word| !word.is_empty())
            .collect())
    }

    /// The stoplist of a language (`language.stopwords`), read once per process.
    pub fn stopwords(
        &self,
        table: &Table,
        language: Option<&str>,
    ) -> Result<Arc<Stoplist>, LanguageError> {
        let Some(language) = language.filter(|l| !l.is_empty()) else {
            return Ok(Arc::new(Stoplist::default()));
        };
        if let Some(found) = self.stoplists.lock().unwrap().get(language) {
            return Ok(found.clone());
        }
        let words = Arc::new(self.read(table, language)?);
        self.stoplists
            .lock()
            .unwrap()
            .insert(language.to_string(), words.clone());
        Ok(words)
    }

    /// `language.detect`: (stoplist or script name, char_mode), from the lines' texts.
    pub fn detect(
        &self,
        table: &Table,
        texts: &[&str],
        chars: &[u32],
    ) -> Result<(Option<String>, bool), LanguageError> {
        // the longest lines first (a stable sort, as Python's sorted(reverse=True) keeps equal ones in order)
        let mut order: Vec<usize> = (0..texts.len()).collect();
        order.sort_by(|&a, &b| chars[b].cmp(&chars[a]));
        let mut sample = String::new();
        let mut sample_chars = 0usize;
        for &i in order.iter().take(20) {
            let (head, taken) = first_chars(texts[i], SAMPLE_CHARS - sample_chars);
            sample.push_str(head);
            sample_chars += taken;
        }
        if !sample.is_empty() {
            let forms = Forms::new(table, &sample);
            let cjk = self.rules.cjk.count(&forms);
            let non_space = sample_chars - sample.bytes().filter(|&b| b == b' ').count();
            if cjk as f64 > 0.3 * non_space as f64 {
                for (pattern, name) in &self.rules.scripts {
                    if pattern.is_match(&forms) {
                        return Ok((Some(name.clone()), true));
                    }
                }
                return Ok((None, true));
            }
        }
        let tokens = self.sample_tokens(table, texts, &order);
        if tokens.is_empty() {
            return Ok((None, false));
        }
        let english = self.stopwords(table, Some(&self.rules.english))?;
        let hits = tokens.iter().filter(|t| english.contains(*t)).count();
        if hits as f64 >= self.rules.english_fast_ratio * tokens.len() as f64 {
            return Ok((Some(self.rules.english.clone()), false));
        }
        Ok((self.best_stoplist(table, &tokens)?, false))
    }

    /// `sample_tokens`: words of the longest lines that read like sentences, else of the longest lines.
    fn sample_tokens(&self, table: &Table, texts: &[&str], order: &[usize]) -> Tokens {
        let limit = self.rules.sample_tokens;
        let prose = order.iter().map(|&i| texts[i]).filter(|text| {
            text.bytes().filter(|&b| b == b' ').count() >= self.rules.prose_text_spaces
                && self.rules.sentence_mark.is_match(&Forms::new(table, text))
        });
        let tokens = self.tokens_of(table, prose, limit);
        if tokens.len() >= self.rules.min_prose_tokens {
            return tokens;
        }
        self.tokens_of(table, order.iter().map(|&i| texts[i]), limit)
    }

    /// `_tokens_of`: the word pattern's matches in each text lower-cased, up to `limit`.
    fn tokens_of<'t>(
        &self,
        table: &Table,
        texts: impl Iterator<Item = &'t str>,
        limit: usize,
    ) -> Tokens {
        let mut tokens = Tokens::default();
        let mut lowered = String::new();
        for text in texts {
            lowered.clear();
            table.lower_str_into(text, 0, text.len(), &mut lowered);
            if let Some(runs) = &self.rules.word_runs {
                for (from, to) in runs.first_spans(table, &lowered, limit - tokens.len()) {
                    tokens.push(&lowered[from..to]);
                }
                if tokens.len() >= limit {
                    return tokens;
                }
                continue;
            }
            let mapped = raw_line(table, &lowered);
            let spans = self.rules.word.first_spans(&mapped, limit - tokens.len());
            let same = matches!(mapped, std::borrow::Cow::Borrowed(_));
            let (mapped_starts, lowered_starts) = if same {
                (Vec::new(), Vec::new())
            } else {
                (char_starts(&mapped), char_starts(&lowered))
            };
            for (from, to) in spans {
                let token = if same {
                    &lowered[from..to]
                } else {
                    let (a, b) = (
                        mapped_starts.binary_search(&from).unwrap_or(0),
                        mapped_starts.binary_search(&to).unwrap_or(0),
                    );
                    &lowered[lowered_starts[a]..lowered_starts[b]]
                };
                tokens.push(token);
                if tokens.len() >= limit {
                    return tokens;
                }
            }
        }
        tokens
    }

    /// `_best_stoplist`: the list covering most tokens, discounted by the fourth root of its size.
    fn best_stoplist(
        &self,
        table: &Table,
        tokens: &Tokens,
    ) -> Result<Option<String>, LanguageError> {
        let index = self
            .index
            .get_or_init(|| self.build_index(table).map_err(|e| e.0))
            .as_ref()
            .map_err(|e| LanguageError(e.clone()))?;
        if index.languages.is_empty() {
            return Ok(None);
        }
        let mut counts = vec![0u32; index.languages.len()];
        for token in tokens.iter() {
            for &i in index.languages_of(token) {
                counts[i as usize] += 1;
            }
        }
        let mut best = 0usize;
        for i in 1..counts.len() {
            if counts[i] as f64 / index.weights[i] > counts[best] as f64 / index.weights[best] {
                best = i;
            }
        }
        let floor = (0.08 * tokens.len() as f64).max(3.0);
        if (counts[best] as f64) < floor {
            return Ok(None);
        }
        let name = &index.languages[best];
        Ok(Some(if name == "Simple_English" {
            self.rules.english.clone()
        } else {
            name.clone()
        }))
    }

    /// `_word_index`: each word of a list in the list's own script, and each list's weight.
    fn build_index(&self, table: &Table) -> Result<Index, LanguageError> {
        let languages = self.available();
        let mut index = Index {
            languages: Vec::new(),
            weights: Vec::with_capacity(languages.len()),
            arena: String::new(),
            words: Vec::new(),
            heads: FxHashMap::default(),
            starts: Vec::new(),
            ids: Vec::new(),
        };
        // (the hundred lists hold ~190,000 lines: made room for at once, not grown by doubling and
        // rehashing as they come, ~10 M instructions of the first dump not in English)
        index.heads.reserve(INDEX_ROOM);
        index.words.reserve(INDEX_ROOM);
        let mut pairs: Vec<(u32, u16)> = Vec::with_capacity(INDEX_ROOM);
        let mut listed: Vec<u32> = Vec::new();
        for (i, language) in languages.iter().enumerate() {
            listed.clear();
            let text = self.read_text(language)?.unwrap_or_default();
            // (`text.split('\n')`, its newlines found by one `memchr` scan of the list: the split's search
            // from each line's start cost more than the line's words on these short lines)
            let mut from = 0;
            for end in
                memchr::memchr_iter(b'\n', text.as_bytes()).chain(std::iter::once(text.len()))
            {
                let line = &text[from..end];
                from = end + 1;
                let word = line.trim_matches(|c: char| table.props(c).has(SPACE));
                let start = index.arena.len();
                table.lower_str_into(word, 0, word.len(), &mut index.arena);
                if index.arena.len() == start {
                    continue;
                }
                let id = index.intern(start);
                let entry = &mut index.words[id as usize];
                if entry.seen != i as u16 + 1 {
                    entry.seen = i as u16 + 1;
                    listed.push(id);
                }
            }
            index.weights.push((listed.len().max(1) as f64).powf(0.25));
            let scripts: Vec<u32> = listed.iter().map(|&id| script(index.word(id))).collect();
            if let Some(main) = main_script(&scripts) {
                pairs.extend(
                    listed
                        .iter()
                        .zip(&scripts)
                        .filter(|(_, &s)| s == main)
                        .map(|(&id, _)| (id, i as u16)),
                );
            }
        }
        index.set_languages(&pairs);
        index.languages = languages;
        Ok(index)
    }
}

/// `_script`: 0 for Latin letters, else the Unicode block (of 128) of the first letter.
fn script(word: &str) -> u32 {
    let first = word.chars().next().map_or(0, |c| c as u32);
    if first < 0x250 {
        0
    } else {
        first / 128
    }
}

/// `_in_main_script`'s choice: the most common script of a list's words. (A tie between two scripts
/// would make Python's choice depend on its hash seed; the shipped lists have none, and here the
/// smaller key wins.)
fn main_script(scripts: &[u32]) -> Option<u32> {
    let mut counts: FxHashMap<u32, usize> = FxHashMap::default();
    for &s in scripts {
        *counts.entry(s).or_default() += 1;
    }
    counts
        .iter()
        .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
        .map(|(&k, _)| k)
}

/// The sample's tokens, written one after another into one string (a `String` each was ~400 allocations
/// a dump, freed at once).
#[derive(Default)]
struct Tokens {
    text: String,
    ends: Vec<usize>,
}

impl Tokens {
    fn push(&mut self, token: &str) {
        self.text.push_str(token);
        self.ends.push(self.text.len());
    }

    fn len(&self) -> usize {
        self.ends.len()
    }

    fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// The tokens in order.
    fn iter(&self) -> impl Iterator<Item = &str> + '_ {
        let starts = std::iter::once(0).chain(self.ends.iter().copied());
        starts
            .zip(&self.ends)
            .map(|(from, &to)| &self.text[from..to])
    }
}

/// The characters of the language sample (`detect` reads the longest lines' first 4,000 characters).
const SAMPLE_CHARS: usize = 4000;

/// `text`'s first `room` characters (all of it when it has fewer), and how many they are: a slice, where
/// the sample was built a character at a time (~40 instructions each, 0.15 M a dump).
fn first_chars(text: &str, room: usize) -> (&str, usize) {
    if text.len() <= room {
        return (text, text.chars().count()); // (no more characters than bytes)
    }
    match text.char_indices().nth(room) {
        Some((end, _)) => (&text[..end], room),
        None => (text, text.chars().count()),
    }
}

#[cfg(test)]
mod word_run_tests {
    use super::*;
    use crate::patterns::PatternSpec;

    /// `language._WORD` as the glue hands it over (`cleaner.native.rules.language_rules()["word"]`).
    fn word(table: &Table, part: &str) -> Pattern {
        let spec = PatternSpec {
            name: "language._WORD".into(),
            parts: vec![part.into()],
            folded: false,
            plain: false,
            named: "'_\u{2019}".into(),
            ranges: Vec::new(),
            needles: None,
        };
        Pattern::new(spec, table).unwrap()
    }

    const WORD: &str = r"(?:[^\W\d\x{5f}]){1,}(?:[\x{27}\x{2019}](?:[^\W\d\x{5f}]){1,}){0,1}";

    /// The regex's spans on the line as it sees it (raw-mapped), as `tokens_of` reads them without the scan.
    fn regex_spans(table: &Table, pattern: &Pattern, text: &str) -> Vec<(usize, usize)> {
        let mapped = raw_line(table, text);
        let (mapped_starts, starts) = (char_starts(&mapped), char_starts(text));
        pattern
            .spans(&mapped)
            .into_iter()
            .map(|(a, b)| {
                let (a, b) = (
                    mapped_starts.binary_search(&a).unwrap(),
                    mapped_starts.binary_search(&b).unwrap(),
                );
                (starts[a], starts[b])
            })
            .collect()
    }

    #[test]
    fn the_sample_takes_a_lines_first_characters() {
        use super::first_chars;
        assert_eq!(first_chars("abc", 5), ("abc", 3));
        assert_eq!(first_chars("abc", 3), ("abc", 3));
        assert_eq!(first_chars("abcdef", 2), ("ab", 2));
        assert_eq!(first_chars("éèê", 2), ("éè", 2));
        assert_eq!(first_chars("éè", 3), ("éè", 2)); // (4 bytes, 2 characters)
        assert_eq!(first_chars("abc", 0), ("", 0));
        assert_eq!(first_chars("", 4), ("", 0));
    }

    #[test]
    fn only_the_word_shape_is_scanned() {
        let table = Table::load("14.0.0").unwrap();
        let runs = WordRuns::of(&word(&table, WORD)).unwrap();
        assert_eq!(runs.apostrophes, ['\'', '\u{2019}']);
        for other in [
            r"(?:[^\W\d\x{5f}]){1,}",
            r"(?:[^\W\d\x{5f}]){2,}(?:[\x{27}](?:[^\W\d\x{5f}]){1,}){0,1}",
            r"(?:[^\W\d\x{5f}]){1,}(?:[\x{27}a](?:[^\W\d\x{5f}]){1,}){0,1}",
            r"(?:[^\W\d\x{5f}]){1,}(?:[\x{61}](?:[^\W\d\x{5f}]){1,}){0,1}",
        ] {
            assert!(WordRuns::of(&word(&table, other)).is_none(), "{other}");
        }
    }

    #[test]
    fn the_scan_finds_what_the_regex_finds_on_every_character() {
        let table = Table::load("14.0.0").unwrap();
        let pattern = word(&table, WORD);
        let runs = WordRuns::of(&pattern).unwrap();
        // every code point, between letters and apostrophes, a run of them at a time
        let all: Vec<char> = (0..0x11_0000u32).filter_map(char::from_u32).collect();
        for chunk in all.chunks(64) {
            let mut text = String::new();
            for (k, &c) in chunk.iter().enumerate() {
                text.push(c);
                text.push(
                    ["a", "'", "’b", "", " x", "1"][k % 6]
                        .chars()
                        .next()
                        .unwrap_or('z'),
                );
            }
            assert_eq!(
                runs.first_spans(&table, &text, usize::MAX),
                regex_spans(&table, &pattern, &text),
                "{:?}",
                chunk.first()
            );
        }
        for text in [
            "",
            "l'homme d'état",
            "rock'n'roll",
            "it’s 2024's_x",
            "'a' ’",
            "ab'",
            "x'1",
            "é’é’é",
            "a__b c9d",
            "٣abc",
            "ǅemal straße",
        ] {
            assert_eq!(
                runs.first_spans(&table, text, usize::MAX),
                regex_spans(&table, &pattern, text),
                "{text:?}"
            );
            let all = regex_spans(&table, &pattern, text);
            for limit in 0..all.len() {
                assert_eq!(
                    runs.first_spans(&table, text, limit),
                    all[..limit],
                    "{text:?} {limit}"
                );
            }
        }
    }
}
