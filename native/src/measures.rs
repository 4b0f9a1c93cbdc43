//! The per-line measures of `cleaner/stages/features.py` (`Features`), computed for a whole document.
//!
//! The constants (stop-word sample, punctuation, sentence ends, the two regexes' character sets) come
//! from the Python module through [`Rules`], so the two cores read one definition.

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

    /// `token.trim_matches(|c| self.contains(c))` of an ASCII token, read a byte at a time (the generic
    /// trim decodes a character at each step).
    #[inline]
    fn trim_ascii<'t>(&self, token: &'t str) -> &'t str {
        let bytes = token.as_bytes();
        debug_assert!(token.is_ascii());
        let (mut from, mut to) = (0, bytes.len());
        while from < to && self.ascii[bytes[from] as usize & 0x7F] {
            from += 1;
        }
        while to > from && self.ascii[bytes[to - 1] as usize & 0x7F] {
            to -= 1;
        }
        &token[from..to]
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

/// What the line scan asks of a character, one bit a question (the table's flags it reads, the
/// sentence-break sets): made once for the characters below [`CLASSED`] (ASCII, the Latin, Greek,
/// Cyrillic, Hebrew and Arabic letters, the general punctuation: curly quotes, dashes), so that most
/// characters are classed with one lookup, where each asked the table and four sets in turn.
pub struct CharClasses(Box<[u16]>);

/// The characters [`CharClasses`] holds (up to the end of General Punctuation).
const CLASSED: usize = 0x2070;

const B_SPACE: u16 = 1;
const B_ALPHA: u16 = 1 << 1;
const B_UPPER: u16 = 1 << 2;
/// lower or title case
const B_LOWER: u16 = 1 << 3;
const B_DIGIT: u16 = 1 << 4;
const B_END: u16 = 1 << 5;
const B_CLOSER: u16 = 1 << 6;
const B_FULL_WIDTH: u16 = 1 << 7;
const B_START: u16 = 1 << 8;

impl CharClasses {
    pub fn new(table: &Table, rules: &SentenceBreak) -> CharClasses {
        CharClasses(
            (0..CLASSED as u32)
                .map(|code| char::from_u32(code).map_or(0, |c| CharClasses::class(table, rules, c)))
                .collect(),
        )
    }

    /// The class of `c`: looked up, or made for a character beyond the table.
    #[inline]
    fn of(&self, table: &Table, rules: &SentenceBreak, c: char) -> u16 {
        match self.0.get(c as usize) {
            Some(&class) => class,
            None => CharClasses::class(table, rules, c),
        }
    }

    /// The class of any character: the bits of the questions the scan asks of it.
    fn class(table: &Table, rules: &SentenceBreak, c: char) -> u16 {
        let p = table.props(c);
        let mut class = 0;
        for (has, bit) in [
            (p.has(SPACE), B_SPACE),
            (p.has(ALPHA), B_ALPHA),
            (p.has(UPPER), B_UPPER),
            (p.flags & (LOWER | TITLE) != 0, B_LOWER),
            (p.has(DIGIT), B_DIGIT),
            (rules.ends.contains(c), B_END),
            (rules.closers.contains(c), B_CLOSER),
            (rules.full_width.contains(c), B_FULL_WIDTH),
            (rules.is_start(c), B_START),
        ] {
            if has {
                class |= bit;
            }
        }
        class
    }
}

impl SentenceBreak {
    /// Can a sentence start with `c` (`STARTS`)?
    #[inline]
    fn is_start(&self, c: char) -> bool {
        self.starts.iter().any(|&(lo, hi)| lo <= c && c <= hi)
    }
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
    /// The characters' classes for the line scan (from the table and `sentence_break`).
    pub classes: CharClasses,
}

/// A stop-word list: its words in a word table ([`Words`]), the one store, asked of a word at its first sight
/// in a document with the hash and head that document's table was asked with (a `String` set hashed the
/// word again and compared it by a call).
pub struct Stoplist {
    table: Words,
}

impl Default for Stoplist {
    /// No words (a table of free slots: a word asked of it is not found).
    fn default() -> Stoplist {
        Stoplist {
            table: Words::with_capacity(0),
        }
    }
}

impl FromIterator<String> for Stoplist {
    /// The distinct words, each kept once (a word given again is one word, as a set has it).
    fn from_iter<I: IntoIterator<Item = String>>(words: I) -> Stoplist {
        let words = words.into_iter();
        let mut table = Words::with_capacity(words.size_hint().0);
        for word in words {
            let word = word.as_bytes();
            let (hash, head) = (word_hash(word), head_of(word));
            if table.kind_of(hash, head, word).is_none() {
                table.keep(hash, head, word, STOP);
            }
        }
        Stoplist { table }
    }
}

impl Stoplist {
    pub fn contains(&self, word: &str) -> bool {
        let word = word.as_bytes();
        self.table
            .kind_of(word_hash(word), head_of(word), word)
            .is_some()
    }

    pub fn len(&self) -> usize {
        self.table.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.table.entries.is_empty()
    }
}

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
    pub vocabulary: Vocabulary,
}

/// The topic words of a document, by id: their text one after another in one string (a `String` each was
/// an allocation per new word of a dump, ~400 a dump).
#[derive(Default)]
pub struct Vocabulary {
    text: String,
    /// topic word `id`'s byte span in `text`
    spans: Vec<(u32, u32)>,
}

impl Vocabulary {
    /// Topic word `id`.
    pub fn word(&self, id: u32) -> &str {
        let (from, to) = self.spans[id as usize];
        &self.text[from as usize..to as usize]
    }
}

/// What each word of a document's stop-word samples is, found at its first sight: one lookup for a word
/// seen before (most are), where the stop-word list and then the topic words were asked in turn. Words
/// that are neither are kept up to a bound ([`OTHERS_KEPT`]: their number has no other but the dump's). The words kept are
/// written one after another into one string and found by their hash ([`word_hash`]) in a table of open
/// addressing, each entry with its hash, length and first eight bytes, so that a word of eight bytes or
/// fewer (most) is told from another by two numbers (words of one hash are compared by content: a
/// collision costs a comparison, never a wrong answer); no allocation a word.
#[derive(Default)]
struct Words {
    /// the words kept, one after another (each a `str`'s bytes, lower-cased)
    text: Vec<u8>,
    entries: Vec<Entry>,
    /// the table: a word's number, or [`NO_WORD`] (a power of two, at most half full)
    slots: Vec<u32>,
    /// `64 - log2(slots.len())`: a hash's high bits pick its first slot
    shift: u32,
    /// how many topic words (the next one's id)
    topics: u32,
    /// topic word `id`'s last line, as [`Measurer::line`] stamps it (its number from 1; 0: none yet), so
    /// that a line lists each of its topic words once without searching its list
    last_line: Vec<u32>,
    /// words kept that are neither (see [`OTHERS_KEPT`])
    others: u32,
}

/// A word kept.
#[derive(Clone, Copy)]
struct Entry {
    hash: u64,
    /// its first eight bytes ([`head_of`])
    head: u64,
    /// its byte span in `text`
    from: u32,
    to: u32,
    /// its topic-word id (`vocabulary`'s index), [`STOP`] or [`NOT_TOPIC`]
    kind: u32,
}

/// At most this many words that are neither a stop word nor a topic word are kept (a number, a short word:
/// most come back, and each was asked of the stop-word list and read again at each sight); past them, the
/// others are asked again, so that a dump of endless distinct numbers keeps no more than this.
const OTHERS_KEPT: u32 = 1 << 14;

const NO_WORD: u32 = u32::MAX;

/// The longest stop-word sample word lower-cased into a buffer on the stack (a longer one is copied into
/// a `String` and lower-cased there).
const WORD_BUFFER: usize = 32;

/// One step of [`word_hash`] (rustc-hash's multiplier).
#[inline]
fn mix(hash: u64, chunk: u64) -> u64 {
    (hash.rotate_left(5) ^ chunk).wrapping_mul(0xf135_7aea_2e62_a9c5)
}

/// Up to eight bytes of `bytes` from `at`, little-endian, zero-filled past `bytes`' end.
#[inline]
fn chunk_at(bytes: &[u8], at: usize) -> u64 {
    match bytes.get(at..at + 8) {
        Some(eight) => u64::from_le_bytes(eight.try_into().unwrap()),
        None => bytes[at.min(bytes.len())..]
            .iter()
            .rev()
            .fold(0, |chunk, &b| chunk << 8 | b as u64),
    }
}

/// A word's first eight bytes, as [`chunk_at`] reads them.
#[inline]
fn head_of(word: &[u8]) -> u64 {
    chunk_at(word, 0)
}

/// The hash of a (lower-cased) word: its bytes eight at a time ([`chunk_at`]), then its length. The
/// multiplication last: the high bits pick the slot.
#[inline]
fn word_hash(word: &[u8]) -> u64 {
    let mut hash = 0;
    for at in (0..word.len()).step_by(8) {
        hash = mix(hash, chunk_at(word, at));
    }
    mix(hash, word.len() as u64)
}

/// Eight ASCII bytes (or zeros) lower-cased at once, as `to_ascii_lowercase` does each: a byte
/// below 0x80 has its high bit set by adding 0x3F when it is `A` or past it, by adding 0x25 when it is past
/// `Z` (no carry leaves a byte), and an upper-case letter gains 0x20.
#[inline]
fn lower_ascii_chunk(chunk: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    let upper = (chunk + 0x3F * ONES) & !(chunk + 0x25 * ONES) & (0x80 * ONES);
    chunk | upper >> 2
}

/// An ASCII word, `line[from..from + len]`, lower-cased into `out` (`make_ascii_lowercase`) eight bytes
/// at a time, read from the line itself (past the word, where the line goes on, the bytes are masked
/// off); its [`word_hash`] and [`head_of`] what it wrote. No copy into a `String`, no second read.
#[inline]
fn lower_ascii_hashed(
    line: &[u8],
    from: usize,
    len: usize,
    out: &mut [u8; WORD_BUFFER + 8],
) -> (u64, u64) {
    debug_assert!(len <= WORD_BUFFER);
    let (mut hash, mut head) = (0, 0);
    let mut at = 0;
    while at < len {
        let keep = len - at;
        let raw = chunk_at(line, from + at);
        let raw = if keep < 8 {
            raw & ((1u64 << (8 * keep)) - 1)
        } else {
            raw
        };
        let lower = lower_ascii_chunk(raw);
        if at == 0 {
            head = lower;
        }
        out[at..at + 8].copy_from_slice(&lower.to_le_bytes());
        hash = mix(hash, lower);
        at += 8;
    }
    (mix(hash, len as u64), head)
}

impl Words {
    fn with_capacity(n: usize) -> Words {
        let slots = (2 * n).next_power_of_two().max(16);
        Words {
            text: Vec::with_capacity(n * 8),
            entries: Vec::with_capacity(n),
            slots: vec![NO_WORD; slots],
            shift: 64 - slots.trailing_zeros(),
            topics: 0,
            last_line: Vec::new(),
            others: 0,
        }
    }

    /// The kind of `word` (of hash `hash`), if it was kept.
    #[cfg(test)]
    fn kind(&self, hash: u64, word: &[u8]) -> Option<u32> {
        self.kind_of(hash, head_of(word), word)
    }

    /// The kind of `word` (of hash `hash`, first eight bytes `head`), if it was kept.
    #[inline]
    fn kind_of(&self, hash: u64, head: u64, word: &[u8]) -> Option<u32> {
        let mask = self.slots.len() - 1;
        let mut i = (hash >> self.shift) as usize;
        loop {
            let at = self.slots[i];
            let entry = self.entries.get(at as usize)?; // (NO_WORD: none)
            if entry.hash == hash
                && entry.head == head
                && (entry.to - entry.from) as usize == word.len()
                && (word.len() <= 8
                    || self.text[entry.from as usize + 8..entry.to as usize] == word[8..])
            {
                return Some(entry.kind);
            }
            i = (i + 1) & mask;
        }
    }

    /// Keep `word` (not kept yet; a `str`'s bytes; first eight bytes `head`, hash `hash`) as `kind`.
    fn keep(&mut self, hash: u64, head: u64, word: &[u8], kind: u32) {
        let from = self.text.len();
        self.text.extend_from_slice(word);
        let k = self.entries.len() as u32;
        self.entries.push(Entry {
            hash,
            head,
            from: from as u32,
            to: self.text.len() as u32,
            kind,
        });
        if 2 * self.entries.len() > self.slots.len() {
            self.slots = vec![NO_WORD; 2 * self.slots.len()];
            self.shift -= 1;
            for k in 0..k + 1 {
                self.place(k);
            }
        } else {
            self.place(k);
        }
    }

    /// Word `k` into the first free slot from its hash's.
    fn place(&mut self, k: u32) {
        let mask = self.slots.len() - 1;
        let mut i = (self.entries[k as usize].hash >> self.shift) as usize;
        while self.slots[i] != NO_WORD {
            i = (i + 1) & mask;
        }
        self.slots[i] = k;
    }

    /// A new topic word's id.
    fn new_topic(&mut self) -> u32 {
        self.topics += 1;
        self.last_line.push(0);
        self.topics - 1
    }

    /// The topic words by id (the words kept in order, less the others).
    fn vocabulary(self) -> Vocabulary {
        let spans = self
            .entries
            .iter()
            .filter(|entry| entry.kind < NOT_TOPIC)
            .map(|entry| (entry.from, entry.to))
            .collect();
        Vocabulary {
            text: String::from_utf8(self.text).expect("the words kept are text"),
            spans,
        }
    }
}

/// Can `word` be a topic word: four characters or more, all letters? (An ASCII word is read a byte at a
/// time, its length its number of characters.)
#[inline]
fn is_topic_shaped(table: &Table, word: &str) -> bool {
    if word.is_ascii() {
        is_ascii_topic_shaped(table, word.as_bytes())
    } else {
        word.chars().count() >= 4 && word.chars().all(|c| table.props(c).has(ALPHA))
    }
}

/// [`is_topic_shaped`] of an ASCII word.
#[inline]
fn is_ascii_topic_shaped(table: &Table, word: &[u8]) -> bool {
    word.len() >= 4 && word.iter().all(|&b| table.ascii_flags(b) & ALPHA != 0)
}

/// A stop word.
const STOP: u32 = u32::MAX;
/// Neither a stop word nor a topic word (shorter than four characters, or not all letters).
const NOT_TOPIC: u32 = u32::MAX - 1;

/// Reused buffers, so a document's lines allocate nothing per line.
#[derive(Default)]
struct Scratch {
    /// (byte start, byte end) of the line's first tokens (`str.split()`), as many as the stop-word sample
    /// reads (a line of a megabyte kept every token's span: 16 bytes a word).
    tokens: Vec<(usize, usize)>,
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
    /// tokens (`str.split()`)
    words: usize,
    n_chars: usize,
    alpha: u32,
    upper: u32,
    digit: u32,
    is_upper: bool,
    breaks: u32,
    dateline_at: Option<usize>,
    last: char,
    before_last: char,
    /// no character outside ASCII
    ascii: bool,
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
            vocabulary: Vocabulary::default(),
        };
        m.content_offsets.push(0);
        let mut words = Words::with_capacity(n * 4);
        let mut scratch = Scratch::default();
        for text in lines {
            self.line(text, &mut m, &mut words, &mut scratch);
        }
        m.vocabulary = words.vocabulary();
        m
    }

    fn line(&self, text: &str, m: &mut Measures, words_seen: &mut Words, s: &mut Scratch) {
        let table = self.table;
        let scan = self.scan(text, s);
        let Scan {
            words,
            n_chars,
            alpha,
            upper,
            digit,
            is_upper,
            breaks,
            dateline_at,
            mut last,
            before_last,
            ascii,
        } = scan;
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
            let mut buffer = [0u8; WORD_BUFFER + 8];
            let line_stamp = m.words.len() as u32; // (this line's number from 1: pushed above)
            for &(from, to) in &s.tokens[..sample] {
                let token = &text[from..to];
                // (an ASCII line's tokens are ASCII: asked of the line once, by the scan)
                let ascii_word = (ascii || token.is_ascii()).then(|| punctuation.trim_ascii(token));
                // (the word as it is kept: `ascii_word` lower-cased, which `buffer` holds when it is
                // short, else `s.word`)
                let (hash, head, word): (u64, u64, &[u8]) = match ascii_word {
                    Some(word) if word.len() <= WORD_BUFFER => {
                        let at = word.as_ptr() as usize - text.as_ptr() as usize;
                        let (hash, head) =
                            lower_ascii_hashed(text.as_bytes(), at, word.len(), &mut buffer);
                        (hash, head, &buffer[..word.len()])
                    }
                    Some(word) => {
                        s.word.clear();
                        s.word.push_str(word);
                        s.word.make_ascii_lowercase();
                        let word = s.word.as_bytes();
                        (word_hash(word), head_of(word), word)
                    }
                    None => {
                        s.word.clear();
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
                        let word = s.word.as_bytes();
                        (word_hash(word), head_of(word), word)
                    }
                };
                let kind = match words_seen.kind_of(hash, head, word) {
                    Some(kind) => kind,
                    None => {
                        // (`word` is ASCII where it is `buffer`'s, else `s.word`, a `str`)
                        let buffered = matches!(ascii_word, Some(w) if w.len() <= WORD_BUFFER);
                        let kind = if stoplist.table.kind_of(hash, head, word).is_some() {
                            STOP
                        } else if buffered && is_ascii_topic_shaped(table, word)
                            || !buffered && is_topic_shaped(table, &s.word)
                        {
                            words_seen.new_topic()
                        } else {
                            NOT_TOPIC
                        };
                        if kind != NOT_TOPIC || words_seen.others < OTHERS_KEPT {
                            // (kept: the stop words are at most the list's, the topic words were kept
                            // anyway; the rest, numbers and short words, up to a bound, past which they
                            // are asked again)
                            words_seen.others += (kind == NOT_TOPIC) as u32;
                            words_seen.keep(hash, head, word, kind);
                        }
                        kind
                    }
                };
                if kind == STOP {
                    stops += 1;
                } else if kind != NOT_TOPIC && words_seen.last_line[kind as usize] != line_stamp {
                    words_seen.last_line[kind as usize] = line_stamp;
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
    /// One pass over a line's characters: the tokens (`str.split()`, into `s.tokens`), the word
    /// initials, `str.isupper()`, the sentence breaks (findall's non-overlapping matches, as a little
    /// state machine), the last two characters. The line is read a byte at a time: an ASCII byte's
    /// questions are answered by its class ([`CharClasses`]), a character beyond ASCII is decoded at its
    /// first byte and classed the same way, its other bytes skipped.
    fn scan(&self, text: &str, s: &mut Scratch) -> Scan {
        let classes = &self.rules.classes;
        let ascii: &[u16; 128] = classes.0[..128].try_into().unwrap();
        let sample = self.rules.sample_words;
        let tokens = &mut s.tokens;
        tokens.clear();
        // (the counts are locals, not the struct's fields: kept in registers through the loop)
        let (mut words, mut alpha, mut upper, mut digit, mut breaks) = (0, 0, 0, 0, 0);
        let mut later_bytes = 0;
        let mut token_start = None;
        // a token's span is kept while the stop-word sample needs it
        let mut push_token = |from: usize, to: usize, words: &mut usize| {
            if *words < sample {
                tokens.push((from, to));
            }
            *words += 1;
        };
        let mut seen = 0u16;
        let mut state = Break::Outside;
        let mut full_width_pending = false;
        // Inside a token, nothing pending and no sentence end open, a character that is not a space and
        // opens nothing changes nothing but `seen`: most of a line's characters are only that.
        const STEPS: u16 = B_SPACE | B_END | B_FULL_WIDTH;
        let mut quiet = false;
        let bytes = text.as_bytes();
        let mut next = 0;
        while next < bytes.len() {
            if quiet {
                // (the ASCII bytes that change nothing but `seen`, most of a token's, passed in a loop of
                // their own: no other state to carry)
                while let Some(&b) = bytes.get(next) {
                    let k = ascii[b as usize & 0x7F];
                    if b >= 0x80 || k & STEPS != 0 {
                        break;
                    }
                    seen |= k;
                    next += 1;
                }
                if next == bytes.len() {
                    break;
                }
            }
            let at = next;
            let b = bytes[at];
            next += 1;
            let k = if b < 0x80 {
                ascii[b as usize]
            } else if b < 0xC0 {
                later_bytes += 1; // a character's later byte
                continue;
            } else {
                let c = text[at..].chars().next().unwrap_or_default();
                classes.of(self.table, &self.rules.sentence_break, c)
            };
            seen |= k;
            if quiet && k & STEPS == 0 {
                continue;
            }
            let space = k & B_SPACE != 0;
            match (token_start, space) {
                (None, false) => {
                    token_start = Some(at);
                    alpha += (k & B_ALPHA != 0) as u32;
                    upper += (k & B_UPPER != 0) as u32;
                    digit += (k & B_DIGIT != 0) as u32;
                }
                (Some(from), true) => {
                    push_token(from, at, &mut words);
                    token_start = None;
                }
                _ => {}
            }
            if full_width_pending {
                breaks += (b != b'\n') as u32;
                full_width_pending = false;
            }
            if state == Break::Closing && k & B_CLOSER == 0 {
                state = if space { Break::Spaces } else { Break::Outside };
            } else if state == Break::Spaces && !space {
                breaks += (k & B_START != 0) as u32;
                state = Break::Outside;
            }
            if state == Break::Outside {
                if k & B_END != 0 {
                    state = Break::Closing;
                } else if k & B_FULL_WIDTH != 0 {
                    full_width_pending = true;
                }
            }
            quiet = token_start.is_some() && state == Break::Outside && !full_width_pending;
        }
        if let Some(from) = token_start {
            push_token(from, text.len(), &mut words);
        }
        let n_chars = text.len() - later_bytes;
        let from = self.rules.inner_dateline_from;
        let dateline_at = match (n_chars > from, later_bytes) {
            (false, _) => None,
            (true, 0) => Some(from),
            (true, _) => text.char_indices().nth(from).map(|(at, _)| at),
        };
        let mut scan = Scan {
            words,
            n_chars,
            alpha,
            upper,
            digit,
            breaks,
            dateline_at,
            ascii: later_bytes == 0,
            ..Scan::default()
        };
        let mut ends = text.chars().rev();
        scan.last = ends.next().unwrap_or_default();
        scan.before_last = ends.next().unwrap_or_default();
        scan.is_upper = seen & B_UPPER != 0 && seen & B_LOWER == 0;
        scan
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stoplist_keeps_each_word_once_in_its_table() {
        let words = ["the", "of", "the", "nevertheless", "\u{e9}t\u{e9}"];
        let stoplist: Stoplist = words.iter().map(|w| w.to_string()).collect();
        assert_eq!(stoplist.len(), 4);
        for word in ["the", "of", "nevertheless", "\u{e9}t\u{e9}"] {
            assert!(stoplist.contains(word), "{word}");
        }
        for word in ["a", "nevertheles", "neverthelesss", "\u{c9}t\u{e9}", ""] {
            assert!(!stoplist.contains(word), "{word}");
        }
        let empty = Stoplist::default();
        assert!(empty.is_empty() && !empty.contains("the"));
    }

    #[test]
    fn an_ascii_token_is_trimmed_as_trim_matches_trims_it() {
        let punctuation = CharSet::new(".,;:!?\"'()\u{2019}".chars());
        for token in [
            "word", "(word),", "\"'", "", "...", "a.b", "'quoted'", "x!", "(", "e.g.",
        ] {
            assert_eq!(
                punctuation.trim_ascii(token),
                token.trim_matches(|c| punctuation.contains(c)),
                "{token:?}"
            );
        }
    }

    fn rules(table: &Table) -> Rules {
        let sentence_break = SentenceBreak {
            ends: CharSet::new(".!?".chars()),
            closers: CharSet::new("\"')]\u{2019}\u{201d}".chars()),
            starts: vec![
                ('A', 'Z'),
                ('"', '"'),
                ('\u{c0}', '\u{de}'),
                ('\u{201c}', '\u{201c}'),
            ],
            full_width: CharSet::new("\u{3002}\u{ff01}\u{ff1f}".chars()),
        };
        Rules {
            sample_words: 3,
            word_punctuation: CharSet::new(".,;:!?\"'()".chars()),
            sentence_end: CharSet::new(".!?".chars()),
            closers: CharSet::new("\"')".chars()),
            classes: CharClasses::new(table, &sentence_break),
            sentence_break,
            inner_dateline: Regex::new("^x").unwrap(),
            inner_dateline_from: 4,
            inner_dateline_words: 1,
        }
    }

    /// The scan as it was written before the byte classes: a character at a time, each asking the
    /// table and the sets (the reference the classes must agree with).
    #[allow(clippy::type_complexity)]
    fn reference(
        rules: &Rules,
        table: &Table,
        text: &str,
    ) -> (Vec<(usize, usize)>, [usize; 6], Option<usize>, bool) {
        let b = &rules.sentence_break;
        let (mut tokens, mut words, mut start) = (Vec::new(), 0, None);
        let (mut n, mut alpha, mut upper, mut digit, mut breaks) = (0, 0, 0, 0, 0);
        let (mut lower_seen, mut upper_seen, mut dateline_at) = (false, false, None);
        let (mut state, mut pending) = (Break::Outside, false);
        for (at, c) in text.char_indices() {
            if n == rules.inner_dateline_from {
                dateline_at = Some(at);
            }
            let p = table.props(c);
            n += 1;
            lower_seen |= p.flags & (LOWER | TITLE) != 0;
            upper_seen |= p.has(UPPER);
            let space = p.has(SPACE);
            match (start, space) {
                (None, false) => {
                    start = Some(at);
                    alpha += p.has(ALPHA) as usize;
                    upper += p.has(UPPER) as usize;
                    digit += p.has(DIGIT) as usize;
                }
                (Some(from), true) => {
                    if words < rules.sample_words {
                        tokens.push((from, at));
                    }
                    words += 1;
                    start = None;
                }
                _ => {}
            }
            if pending {
                breaks += (c != '\n') as usize;
                pending = false;
            }
            if state == Break::Closing && !b.closers.contains(c) {
                state = if space { Break::Spaces } else { Break::Outside };
            } else if state == Break::Spaces && !space {
                breaks += b.starts.iter().any(|&(lo, hi)| lo <= c && c <= hi) as usize;
                state = Break::Outside;
            }
            if state == Break::Outside {
                if b.ends.contains(c) {
                    state = Break::Closing;
                } else if b.full_width.contains(c) {
                    pending = true;
                }
            }
        }
        if let Some(from) = start {
            if words < rules.sample_words {
                tokens.push((from, text.len()));
            }
            words += 1;
        }
        (
            tokens,
            [words, n, alpha, upper, digit, breaks],
            dateline_at,
            upper_seen && !lower_seen,
        )
    }

    #[test]
    fn a_topic_word_s_shape_is_read_as_its_characters() {
        let table = Table::load("15.0.0").unwrap();
        for word in [
            "",
            "abc",
            "abcd",
            "ab1d",
            "ab_d",
            "ab-d",
            "ABCD",
            "\u{e9}t\u{e9}",
            "\u{e9}t\u{e9}s",
            "na\u{ef}ve",
            "caf\u{e9}1",
            "\u{4e2d}\u{6587}\u{5b57}\u{4e2d}",
            "x\u{2019}yz",
        ] {
            assert_eq!(
                is_topic_shaped(&table, word),
                word.chars().count() >= 4 && word.chars().all(|c| table.props(c).has(ALPHA)),
                "{word:?}"
            );
        }
    }

    #[test]
    fn words_of_one_hash_are_told_apart_by_their_text() {
        let mut words = Words::with_capacity(1);
        // every word under one hash (a collision each time), and one under another
        words.keep(7, head_of(b"alpha"), b"alpha", STOP);
        words.keep(7, head_of(b"beta"), b"beta", 0);
        words.keep(7, head_of(b"gamma"), b"gamma", 1);
        words.keep(9, head_of(b"alpha"), b"alpha", 2);
        assert_eq!(words.kind(7, b"alpha"), Some(STOP));
        assert_eq!(words.kind(7, b"beta"), Some(0));
        assert_eq!(words.kind(7, b"gamma"), Some(1));
        assert_eq!(words.kind(9, b"alpha"), Some(2));
        assert_eq!(words.kind(7, b"delta"), None);
        assert_eq!(words.kind(8, b"beta"), None);
        let vocabulary = words.vocabulary();
        assert_eq!(
            (0..3).map(|id| vocabulary.word(id)).collect::<Vec<_>>(),
            ["beta", "gamma", "alpha"]
        );
    }

    #[test]
    fn the_word_table_finds_every_word_it_kept_as_it_grows() {
        // (hashes of every kind: the word's own, one shared by runs of words, small numbers whose high
        // bits are all zero, so that runs of slots fill and wrap)
        let hashes: [fn(&[u8], u64) -> u64; 3] = [
            |w, _| word_hash(w),
            |_, n| n / 7 * 0x9e37_79b9,
            |_, n| n % 5,
        ];
        for hash_of in hashes {
            let mut words = Words::with_capacity(1);
            let texts: Vec<String> = (0..3000u64).map(|n| format!("w{n}")).collect();
            for (n, text) in texts.iter().enumerate() {
                let hash = hash_of(text.as_bytes(), n as u64);
                assert_eq!(words.kind(hash, text.as_bytes()), None);
                words.keep(hash, head_of(text.as_bytes()), text.as_bytes(), n as u32);
                if n % 97 == 0 {
                    for (m, text) in texts[..=n].iter().enumerate() {
                        let hash = hash_of(text.as_bytes(), m as u64);
                        assert_eq!(words.kind(hash, text.as_bytes()), Some(m as u32));
                    }
                }
            }
            assert!(2 * words.entries.len() <= words.slots.len());
        }
    }

    #[test]
    fn an_ascii_word_is_lowered_and_hashed_as_lowered_then_hashed() {
        let mut line: Vec<u8> = (0u8..128).collect();
        line.extend(b"The Garden OF roses, 1984! @[`{ AZaz");
        for from in 0..line.len() {
            for to in from..line.len().min(from + WORD_BUFFER) + 1 {
                let word = &line[from..to];
                let mut out = [0u8; WORD_BUFFER + 8];
                let (hash, head) = lower_ascii_hashed(&line, from, word.len(), &mut out);
                let lowered = word.to_ascii_lowercase();
                assert_eq!(&out[..word.len()], lowered.as_slice(), "{word:?}");
                assert_eq!(hash, word_hash(&lowered), "{word:?}");
                assert_eq!(head, head_of(&lowered), "{word:?}");
            }
        }
        for b in 0u8..128 {
            let chunk = u64::from_le_bytes([b, 0, b, 0x7F, b, b'A', b, b'Z']);
            let lowered: Vec<u8> = chunk.to_le_bytes().to_ascii_lowercase();
            assert_eq!(
                lower_ascii_chunk(chunk).to_le_bytes().as_slice(),
                lowered.as_slice()
            );
        }
        // words that differ only in their zero padding or length hash apart
        assert_ne!(word_hash(b"ab"), word_hash(b"ab\0"));
        assert_ne!(word_hash(b""), word_hash(b"\0"));
        assert_eq!(head_of(b"ab"), u64::from_le_bytes(*b"ab\0\0\0\0\0\0"));
    }

    #[test]
    fn a_line_s_topic_words_are_its_own() {
        let table = Table::load("15.0.0").unwrap();
        let rules = Rules {
            sample_words: 8,
            ..rules(&table)
        };
        let stoplist: Stoplist = ["the", "of", "and"].iter().map(|w| w.to_string()).collect();
        let measurer = Measurer {
            table: &table,
            rules: &rules,
            stoplist: Some(&stoplist),
            char_mode: false,
        };
        let lines = [
            "The Garden of Roses",
            "roses AND garden, (Tulips)",
            "Été fleuri",
        ];
        let m = measurer.measure(lines.iter().copied());
        let content = |i: usize| -> Vec<&str> {
            let ids =
                &m.content_ids[m.content_offsets[i] as usize..m.content_offsets[i + 1] as usize];
            ids.iter().map(|&id| m.vocabulary.word(id)).collect()
        };
        assert_eq!(content(0), ["garden", "roses"]);
        assert_eq!(content(1), ["roses", "garden", "tulips"]);
        assert_eq!(content(2), ["fleuri"]);
        assert_eq!(m.stops, [2, 1, 0]);
    }

    /// The stop-word sample as it was written before the word table: each word lower-cased into a
    /// `String`, asked of the stop list and the topic words' map, and a line's topic words searched.
    fn sample_reference(
        table: &Table,
        rules: &Rules,
        stoplist: &Stoplist,
        lines: &[&str],
    ) -> (Vec<u32>, Vec<Vec<String>>) {
        let mut ids: std::collections::HashMap<String, u32> = Default::default();
        let mut names: Vec<String> = Vec::new();
        let (mut stops, mut topics) = (Vec::new(), Vec::new());
        for line in lines {
            let (mut n, mut seen) = (0, Vec::new());
            for token in line.split_whitespace().take(rules.sample_words) {
                let from = token.as_ptr() as usize - line.as_ptr() as usize;
                let mut lower = String::new();
                table.lower_str_into(line, from, from + token.len(), &mut lower);
                if token.is_ascii() {
                    lower = token.to_ascii_lowercase();
                }
                let word = lower.trim_matches(|c| rules.word_punctuation.contains(c));
                if stoplist.contains(word) {
                    n += 1;
                } else if is_topic_shaped(table, word) {
                    let id = *ids.entry(word.to_string()).or_insert_with(|| {
                        names.push(word.to_string());
                        names.len() as u32 - 1
                    });
                    if !seen.contains(&id) {
                        seen.push(id);
                    }
                }
            }
            stops.push(n);
            topics.push(seen.iter().map(|&id| names[id as usize].clone()).collect());
        }
        (stops, topics)
    }

    #[test]
    fn the_sample_is_the_per_word_one() {
        let table = Table::load("15.0.0").unwrap();
        let rules = Rules {
            sample_words: 12,
            ..rules(&table)
        };
        let stoplist: Stoplist = ["the", "of", "and", "\u{e0}", "a"]
            .iter()
            .map(|w| w.to_string())
            .collect();
        let measurer = Measurer {
            table: &table,
            rules: &rules,
            stoplist: Some(&stoplist),
            char_mode: false,
        };
        let long = "Incomprehensibilities-Notwithstanding-Everything";
        let lines = [
            "The Garden of Roses and the garden OF roses",
            "roses AND garden, (Tulips) tulips TULIPS. Roses!",
            "\u{c9}t\u{e9} fleuri \u{e0} la Fen\u{ea}tre, \u{e9}T\u{c9} \u{c0}",
            long,
            "incomprehensibilities-notwithstanding-everything garden 1984 12 x",
            "(((( )))) ... \"Quoted Words\" quoted words words",
            "one two three four five six seven eight nine ten eleven twelve thirteen fourteen",
            "abcdefgh abcdefghi ABCDEFGH abcdefgh\u{2019}s Abcdefgh",
        ];
        let m = measurer.measure(lines.iter().copied());
        let (stops, topics) = sample_reference(&table, &rules, &stoplist, &lines);
        assert_eq!(m.stops, stops);
        for (i, expected) in topics.iter().enumerate() {
            let ids =
                &m.content_ids[m.content_offsets[i] as usize..m.content_offsets[i + 1] as usize];
            let words: Vec<&str> = ids.iter().map(|&id| m.vocabulary.word(id)).collect();
            assert_eq!(&words, expected, "{:?}", lines[i]);
        }
    }

    #[test]
    fn the_byte_scan_is_the_character_scan() {
        let table = Table::load("15.0.0").unwrap();
        let rules = rules(&table);
        let measurer = Measurer {
            table: &table,
            rules: &rules,
            stoplist: None,
            char_mode: false,
        };
        let lines = [
            "A plain line. Another one! And \"a third?\" Yes.",
            "caf\u{e9} na\u{ef}ve \u{c9}t\u{e9}. \u{c9}cole \u{2014} \u{201c}quoted.\u{201d} \u{201c}Next",
            "\u{4e2d}\u{6587}\u{3002}\u{5b57}\u{ff01}\u{3002}",
            "word\u{a0}word\u{3000}word\u{2003}end.  Two",
            "ALL CAPS 2024 \u{c9}T\u{c9}",
            "x",
            "\u{e9}",
            "1 2 3 4 5 6 a.) B",
            "tabs\tand\u{b}more . . . A",
        ];
        for line in lines {
            let mut s = Scratch::default();
            let scan = measurer.scan(line, &mut s);
            let (tokens, counts, dateline_at, is_upper) = reference(&rules, &table, line);
            assert_eq!(s.tokens, tokens, "{line:?}");
            assert_eq!(
                (scan.dateline_at, scan.is_upper),
                (dateline_at, is_upper),
                "{line:?}"
            );
            assert_eq!(
                [
                    scan.words,
                    scan.n_chars,
                    scan.alpha as usize,
                    scan.upper as usize,
                    scan.digit as usize,
                    scan.breaks as usize,
                ],
                counts,
                "{line:?}"
            );
            let mut ends = line.chars().rev();
            assert_eq!(scan.last, ends.next().unwrap());
            assert_eq!(scan.before_last, ends.next().unwrap_or_default());
        }
    }
}
