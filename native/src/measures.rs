//! The per-line measures of `cleaner/stages/features.py` (`Features`), computed for a whole document.
//!
//! The constants (stop-word sample, punctuation, sentence ends, the two regexes' character sets) come
//! from the Python module through [`Rules`], so the two cores read one definition.

use rustc_hash::{FxHashMap, FxHashSet};

use regex::Regex;

use crate::unicode::{Table, ALPHA, DIGIT, LOWER, SPACE, TITLE, UPPER};

/// A set of characters, with a table for ASCII.
pub struct CharSet {
    ascii: [bool; 128],
    other: Vec<char>,
}

impl CharSet {
    pub fn new(chars: impl IntoIterator<Item = char>) -> CharSet {
        let mut set = CharSet {
            ascii: [false; 128],
            other: Vec::new(),
        };
        for c in chars {
            if c.is_ascii() {
                set.ascii[c as usize] = true;
            } else if !set.other.contains(&c) {
                set.other.push(c);
            }
        }
        set
    }

    #[inline]
    pub fn contains(&self, c: char) -> bool {
        match self.ascii.get(c as usize) {
            Some(&found) => found,
            None => self.other.contains(&c),
        }
    }
}

/// The sentence-break scanner's character sets, read from `lexicon.SENTENCE_BREAK`
/// (`[ENDS][CLOSERS]*\s+(?=[STARTS])|[FULL_WIDTH](?=.)`).
pub struct SentenceBreak {
    pub ends: CharSet,
    pub closers: CharSet,
    pub starts: Vec<(char, char)>,
    pub full_width: CharSet,
}

/// What `Features` reads from its module.
pub struct Rules {
    pub sample_words: usize,
    pub word_punctuation: CharSet,
    pub sentence_end: CharSet,
    pub closers: CharSet,
    pub sentence_break: SentenceBreak,
    /// `lexicon.INNER_DATELINE` (case-sensitive; its `\s` written out), searched from `inner_dateline_from`.
    pub inner_dateline: Regex,
    pub inner_dateline_from: usize,
    pub inner_dateline_words: usize,
}

/// A stop-word list.
pub type Stoplist = FxHashSet<String>;

/// The measures of a document's lines, one entry per line (columns, not objects).
#[derive(Default)]
pub struct Measures {
    pub words: Vec<u32>,
    pub chars: Vec<u32>,
    pub units: Vec<u32>,
    pub stops: Vec<u32>,
    pub stop_ratio: Vec<f64>,
    pub ends_sentence: Vec<u8>,
    pub ends_colon: Vec<u8>,
    pub sentences: Vec<u32>,
    pub title_ratio: Vec<f64>,
    pub upper: Vec<u8>,
    pub alpha_ratio: Vec<f64>,
    pub digit_ratio: Vec<f64>,
    pub inner_dateline: Vec<u8>,
    /// The topic words: `content_ids[content_offsets[i]..content_offsets[i + 1]]` index `vocabulary`.
    pub content_offsets: Vec<u32>,
    pub content_ids: Vec<u32>,
    pub vocabulary: Vec<String>,
}

/// What each word of a document's stop-word samples is, found at its first sight: one lookup for a word
/// seen before (most are), where the stop-word list and then the topic words were asked in turn. A word
/// that is neither is not kept (memory: their number has no bound but the dump's).
struct Words {
    /// a word's topic-word id (`vocabulary`'s index), or [`STOP`]
    seen: FxHashMap<String, u32>,
    /// how many topic words (the next one's id)
    topics: u32,
}

/// A stop word.
const STOP: u32 = u32::MAX;
/// Neither a stop word nor a topic word (shorter than four characters, or not all letters).
const NOT_TOPIC: u32 = u32::MAX - 1;

/// Reused buffers, so a document's lines allocate nothing per line.
#[derive(Default)]
struct Scratch {
    /// (byte start, byte end) of the line's first tokens (`str.split()`), as many as the stop-word sample
    /// reads (a line of a megabyte kept every token's span: 16 bytes a word), where the open one starts,
    /// and how many tokens the line has.
    tokens: Vec<(usize, usize)>,
    token_start: Option<usize>,
    token_count: usize,
    word: String,
    seen: Vec<u32>,
}

pub struct Measurer<'a> {
    pub table: &'a Table,
    pub rules: &'a Rules,
    pub stoplist: Option<&'a Stoplist>,
    pub char_mode: bool,
}

/// What one pass over a line finds (see [`Measurer::scan`]).
#[derive(Default)]
struct Scan {
    n_chars: usize,
    alpha: u32,
    upper: u32,
    digit: u32,
    is_upper: bool,
    breaks: u32,
    dateline_at: Option<usize>,
    last: char,
    before_last: char,
}

/// The states of the sentence-break scanner.
#[derive(Clone, Copy, PartialEq)]
enum Break {
    Outside,
    /// after a sentence end, in its closing quotes and brackets
    Closing,
    /// after a sentence end's spaces
    Spaces,
}

impl Measurer<'_> {
    /// Measure every line of a document. A line is non-blank and stripped (as `Document` makes them).
    pub fn measure<'t>(&self, lines: impl ExactSizeIterator<Item = &'t str>) -> Measures {
        let n = lines.len();
        let mut m = Measures {
            words: Vec::with_capacity(n),
            chars: Vec::with_capacity(n),
            units: Vec::with_capacity(n),
            stops: Vec::with_capacity(n),
            stop_ratio: Vec::with_capacity(n),
            ends_sentence: Vec::with_capacity(n),
            ends_colon: Vec::with_capacity(n),
            sentences: Vec::with_capacity(n),
            title_ratio: Vec::with_capacity(n),
            upper: Vec::with_capacity(n),
            alpha_ratio: Vec::with_capacity(n),
            digit_ratio: Vec::with_capacity(n),
            inner_dateline: Vec::with_capacity(n),
            content_offsets: Vec::with_capacity(n + 1),
            content_ids: Vec::with_capacity(n * 4),
            vocabulary: Vec::new(),
        };
        m.content_offsets.push(0);
        let mut words = Words {
            seen: FxHashMap::with_capacity_and_hasher(n * 2, Default::default()),
            topics: 0,
        };
        let mut scratch = Scratch::default();
        for text in lines {
            self.line(text, &mut m, &mut words, &mut scratch);
        }
        m.vocabulary = vec![String::new(); words.topics as usize];
        for (word, kind) in words.seen {
            if kind < NOT_TOPIC {
                m.vocabulary[kind as usize] = word;
            }
        }
        m
    }

    fn line(&self, text: &str, m: &mut Measures, words_seen: &mut Words, s: &mut Scratch) {
        let table = self.table;
        // ASCII lines (most) skip decoding and the table's search.
        let scan = if text.is_ascii() {
            self.scan(text.bytes().enumerate().map(|(at, b)| (at, b as char)), s)
        } else {
            self.scan(text.char_indices(), s)
        };
        let Scan {
            n_chars,
            alpha,
            upper,
            digit,
            is_upper,
            breaks,
            dateline_at,
            mut last,
            before_last,
        } = scan;
        if let Some(from) = s.token_start.take() {
            self.push_token(s, from, text.len());
        }
        let words = s.token_count;
        m.words.push(words as u32);
        m.chars.push(n_chars as u32);
        m.units.push(if self.char_mode {
            words.max(n_chars / 2)
        } else {
            words
        } as u32);

        // Stop words and topic words among the first words, lower-cased and stripped of punctuation.
        let sample = words.min(self.rules.sample_words);
        let mut stops = 0u32;
        s.seen.clear();
        if let Some(stoplist) = self.stoplist.filter(|l| !self.char_mode && !l.is_empty()) {
            let punctuation = &self.rules.word_punctuation;
            for &(from, to) in &s.tokens[..sample] {
                s.word.clear();
                let token = &text[from..to];
                if token.is_ascii() {
                    let word = token.trim_matches(|c| punctuation.contains(c));
                    s.word.push_str(word);
                    s.word.make_ascii_lowercase();
                } else {
                    table.lower_str_into(text, from, to, &mut s.word);
                    let word = s.word.trim_matches(|c| punctuation.contains(c));
                    if word.len() != s.word.len() {
                        let (start, end) = (
                            word.as_ptr() as usize - s.word.as_ptr() as usize,
                            word.len(),
                        );
                        s.word.drain(..start);
                        s.word.truncate(end);
                    }
                }
                let word = s.word.as_str();
                let kind = match words_seen.seen.get(word) {
                    Some(&kind) => kind,
                    None => {
                        let kind = if stoplist.contains(word) {
                            STOP
                        } else if word.chars().count() >= 4
                            && word.chars().all(|c| table.props(c).has(ALPHA))
                        {
                            words_seen.topics += 1;
                            words_seen.topics - 1
                        } else {
                            NOT_TOPIC
                        };
                        if kind != NOT_TOPIC {
                            // (kept: the stop words are at most the list's, the topic words were kept
                            // anyway; the rest, numbers and short words, are asked again)
                            words_seen.seen.insert(word.to_string(), kind);
                        }
                        kind
                    }
                };
                if kind == STOP {
                    stops += 1;
                } else if kind != NOT_TOPIC && !s.seen.contains(&kind) {
                    s.seen.push(kind);
                }
            }
        }
        m.stops.push(stops);
        m.stop_ratio.push(if sample > 0 {
            stops as f64 / sample as f64
        } else {
            0.0
        });
        m.content_ids.extend_from_slice(&s.seen);
        m.content_offsets.push(m.content_ids.len() as u32);

        let dateline = words >= self.rules.inner_dateline_words
            && dateline_at.is_some_and(|at| self.rules.inner_dateline.is_match(&text[at..]));
        m.inner_dateline.push(dateline as u8);
        if n_chars > 1 && self.rules.closers.contains(last) {
            last = before_last;
        }
        let ends_sentence = self.rules.sentence_end.contains(last);
        m.ends_sentence.push(ends_sentence as u8);
        m.ends_colon.push((last == ':') as u8);
        m.sentences.push(breaks + ends_sentence as u32);
        m.title_ratio.push(if alpha > 0 {
            upper as f64 / alpha as f64
        } else {
            0.0
        });
        m.upper.push(is_upper as u8);
        m.alpha_ratio.push(alpha as f64 / words as f64);
        m.digit_ratio.push(digit as f64 / words as f64);
    }
    /// Count a token, and keep its span while the stop-word sample needs it.
    #[inline(always)]
    fn push_token(&self, s: &mut Scratch, from: usize, to: usize) {
        if s.token_count < self.rules.sample_words {
            s.tokens.push((from, to));
        }
        s.token_count += 1;
    }

    /// One pass over a line's characters: the tokens (`str.split()`, into `s.tokens`), the word
    /// initials, `str.isupper()`, the sentence breaks (findall's non-overlapping matches, as a little
    /// state machine), the last two characters.
    #[inline(always)]
    fn scan(&self, chars: impl Iterator<Item = (usize, char)>, s: &mut Scratch) -> Scan {
        let table = self.table;
        let rules = &self.rules.sentence_break;
        s.tokens.clear();
        s.token_start = None;
        s.token_count = 0;
        let mut scan = Scan::default();
        let (mut lower_seen, mut upper_seen) = (false, false);
        let mut state = Break::Outside;
        let mut full_width_pending = false;
        for (at, c) in chars {
            if scan.n_chars == self.rules.inner_dateline_from {
                scan.dateline_at = Some(at);
            }
            let p = table.props(c);
            scan.n_chars += 1;
            scan.before_last = scan.last;
            scan.last = c;
            lower_seen |= p.flags & (LOWER | TITLE) != 0;
            upper_seen |= p.has(UPPER);
            let space = p.has(SPACE);
            match (s.token_start, space) {
                (None, false) => {
                    s.token_start = Some(at);
                    scan.alpha += p.has(ALPHA) as u32;
                    scan.upper += p.has(UPPER) as u32;
                    scan.digit += p.has(DIGIT) as u32;
                }
                (Some(from), true) => {
                    self.push_token(s, from, at);
                    s.token_start = None;
                }
                _ => {}
            }
            if full_width_pending {
                scan.breaks += (c != '\n') as u32;
                full_width_pending = false;
            }
            if state == Break::Closing && !rules.closers.contains(c) {
                state = if space { Break::Spaces } else { Break::Outside };
            } else if state == Break::Spaces && !space {
                if rules.starts.iter().any(|&(lo, hi)| lo <= c && c <= hi) {
                    scan.breaks += 1;
                }
                state = Break::Outside;
            }
            if state == Break::Outside {
                if rules.ends.contains(c) {
                    state = Break::Closing;
                } else if rules.full_width.contains(c) {
                    full_width_pending = true;
                }
            }
        }
        scan.is_upper = upper_seen && !lower_seen;
        scan
    }
}
