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
use crate::unicode::{Table, SPACE};

/// The rules of `cleaner/language.py`: its patterns and constants.
pub struct LanguageRules {
    pub cjk: Pattern,
    pub scripts: Vec<(Pattern, String)>,
    pub sentence_mark: Pattern,
    /// `lexicon._PROSE_TEXT_SPACES`: `lexicon.is_prose_text` wants this many spaces or more
    pub prose_text_spaces: usize,
    pub word: Pattern,
    pub english: String,
    pub english_fast_ratio: f64,
    pub sample_tokens: usize,
    pub min_prose_tokens: usize,
    pub stoplist_dir: Option<PathBuf>,
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
            for c in texts[i].chars().take(4000) {
                if sample_chars == 4000 {
                    break;
                }
                sample.push(c);
                sample_chars += 1;
            }
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
        let hits = tokens
            .iter()
            .filter(|t| english.contains(t.as_str()))
            .count();
        if hits as f64 >= self.rules.english_fast_ratio * tokens.len() as f64 {
            return Ok((Some(self.rules.english.clone()), false));
        }
        Ok((self.best_stoplist(table, &tokens)?, false))
    }

    /// `sample_tokens`: words of the longest lines that read like sentences, else of the longest lines.
    fn sample_tokens(&self, table: &Table, texts: &[&str], order: &[usize]) -> Vec<String> {
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
    ) -> Vec<String> {
        let mut tokens = Vec::new();
        let mut lowered = String::new();
        for text in texts {
            lowered.clear();
            table.lower_str_into(text, 0, text.len(), &mut lowered);
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
                tokens.push(token.to_string());
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
        tokens: &[String],
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
        for token in tokens {
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
        let mut pairs: Vec<(u32, u16)> = Vec::new();
        let mut listed: Vec<u32> = Vec::new();
        for (i, language) in languages.iter().enumerate() {
            listed.clear();
            for line in self
                .read_text(language)?
                .as_deref()
                .unwrap_or("")
                .split('\n')
            {
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
