//! A document as the core holds it: the non-blank lines of a dump (spans of its text) and, per line, the
//! decision arrays `cleaner/document.py`'s `Line` objects hold (label, authority, stage, signal, reason,
//! score), with [`Doc::decide`] and [`Doc::condemn`] as `Document.decide` and `Document.condemn` have them.
//!
//! Repeated lines share one row of measures (`row`), as the Python stages share one `Features` per text.

use rustc_hash::FxHashMap;

use crate::measures::Measures;
use crate::unicode::{Table, SPACE};

/// The labels, in `cleaner.document.LABELS` order (the glue checks the names).
pub const BODY: u8 = 0;
pub const TITLE: u8 = 1;
pub const BYLINE: u8 = 2;
pub const DATE: u8 = 3;
pub const BOILERPLATE: u8 = 4;
pub const UNKNOWN: u8 = 5;
pub const LABEL_COUNT: usize = 6;

/// `cleaner.document.Authority` (the glue checks the values).
pub const NONE: u8 = 0;
pub const SOFT: u8 = 1;
pub const HARD: u8 = 2;
pub const MARKUP: u8 = 3;
pub const PROFILE: u8 = 4;

/// A signal code: 0 is None; the others index the path's signal names.
pub type Signal = u8;
pub const NO_SIGNAL: Signal = 0;

/// Why a line was decided, worded by the glue when read.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Reason {
    /// `""` (undecided)
    Empty,
    /// One of the path's fixed reasons (the glue's table).
    Fixed(u16),
    /// The text model's: body or not, the signal it overruled, and whether the line was kept between boxes
    /// inside the text (`ModelReason`, `bridged_lines`), as a list item inside it (`listed_lines`) or under a
    /// subheading the text goes on under (`headed_lines`).
    Model {
        body: bool,
        despite: Signal,
        bridged: bool,
        listed: bool,
        /// Kept under a subheading where the text goes on (`headed_lines`).
        headed: bool,
    },
    /// A Python object a Python stage gave (the glue keeps it).
    Python(u32),
}

/// The lines of a document and their decisions.
pub struct Doc {
    /// Byte span of each non-blank line (stripped) in the document's text.
    pub spans: Vec<(u32, u32)>,
    pub numbers: Vec<u32>,
    pub blank_before: Vec<bool>,
    /// Each line's row of measures (its first occurrence's), and each row's first line.
    pub row: Vec<u32>,
    pub rows: Vec<u32>,
    /// Characters per row (`len(text)`).
    pub chars: Vec<u32>,
    pub label: Vec<u8>,
    pub authority: Vec<u8>,
    pub stage: Vec<u16>,
    pub signal: Vec<Signal>,
    pub reason: Vec<Reason>,
    pub score: Vec<f64>,
    /// A comments phrase between a forum's posts, not the page's end (`Line.between_posts`: shapes' `posts`).
    pub between_posts: Vec<bool>,
    /// The measures of each row (empty until the features stage).
    pub m: Measures,
    pub language: Option<String>,
    pub char_mode: bool,
    pub has_stoplist: bool,
    /// Each row's folded form (the phrases stage makes it; shapes read it; dropped after).
    pub folded: FoldedRows,
    /// What the scoring stage read (for a line's vector, made again on demand for `--explain`).
    pub scored: Option<crate::textmodel::Scored>,
    /// Keep less per line (no vectors for `--explain`), as `Document.large`.
    pub large: bool,
    /// The stage decisions are stamped with now.
    pub stage_now: u16,
}

/// The most lines [`Doc::split`] makes room for before it reads them (a larger dump's columns grow).
const PRESIZE_LINES: usize = 1 << 16;

impl Doc {
    /// The non-blank lines of `text` split at `\n` (stripped as `str.strip()` strips), numbered from `first`.
    pub fn split(table: &Table, text: &str, first: u32) -> Doc {
        let mut doc = Doc {
            spans: Vec::new(),
            numbers: Vec::new(),
            blank_before: Vec::new(),
            row: Vec::new(),
            rows: Vec::new(),
            chars: Vec::new(),
            label: Vec::new(),
            authority: Vec::new(),
            stage: Vec::new(),
            signal: Vec::new(),
            reason: Vec::new(),
            score: Vec::new(),
            between_posts: Vec::new(),
            m: Measures::default(),
            language: None,
            char_mode: false,
            has_stoplist: false,
            folded: FoldedRows::default(),
            scored: None,
            large: false,
            stage_now: 0,
        };
        // Sized for the dump's lines (up to a cap) at once: grown from empty, the columns and the map
        // were reallocated and rehashed a dozen times for each dump of a few hundred lines.
        let lines = (memchr::memchr_iter(b'\n', text.as_bytes()).count() + 1).min(PRESIZE_LINES);
        let mut seen: FxHashMap<&str, u32> =
            FxHashMap::with_capacity_and_hasher(lines, Default::default());
        doc.spans.reserve(lines);
        doc.numbers.reserve(lines);
        doc.blank_before.reserve(lines);
        doc.row.reserve(lines);
        doc.rows.reserve(lines);
        doc.chars.reserve(lines);
        let mut blank_before = false;
        let mut at = 0usize;
        let is_space = |c: char| table.props(c).has(SPACE);
        for (number, raw) in (first..).zip(text.split('\n')) {
            let start = at;
            at += raw.len() + 1;
            let stripped = if raw.is_ascii() {
                raw.trim_matches(|c: char| c.is_ascii() && is_space(c))
            } else {
                raw.trim_matches(is_space)
            };
            if stripped.is_empty() {
                blank_before = true;
                continue;
            }
            let from = start + (stripped.as_ptr() as usize - raw.as_ptr() as usize);
            let line = doc.spans.len() as u32;
            doc.spans
                .push((from as u32, (from + stripped.len()) as u32));
            doc.numbers.push(number);
            doc.blank_before.push(blank_before);
            blank_before = false;
            let next_row = doc.rows.len() as u32;
            let row = *seen.entry(stripped).or_insert(next_row);
            if row == next_row {
                doc.rows.push(line);
                doc.chars.push(if stripped.is_ascii() {
                    stripped.len()
                } else {
                    stripped.chars().count()
                } as u32);
            }
            doc.row.push(row);
        }
        let n = doc.spans.len();
        doc.label = vec![UNKNOWN; n];
        doc.authority = vec![NONE; n];
        doc.stage = vec![0; n];
        doc.signal = vec![NO_SIGNAL; n];
        doc.reason = vec![Reason::Empty; n];
        doc.score = vec![0.5; n];
        doc.between_posts = vec![false; n];
        doc
    }

    pub fn len(&self) -> usize {
        self.spans.len()
    }

    pub fn is_empty(&self) -> bool {
        self.spans.is_empty()
    }

    /// Line `i`'s text.
    #[inline]
    pub fn text<'t>(&self, text: &'t str, i: usize) -> &'t str {
        let (from, to) = self.spans[i];
        &text[from as usize..to as usize]
    }

    /// Row `r`'s text.
    #[inline]
    pub fn row_text<'t>(&self, text: &'t str, r: usize) -> &'t str {
        self.text(text, self.rows[r] as usize)
    }

    /// `markup_body(line)`: did the HTML markup model label the line body?
    #[inline]
    pub fn markup_body(&self, i: usize) -> bool {
        self.authority[i] == MARKUP && self.label[i] == BODY
    }

    /// `Document.decide`: label line `i`, unless a stronger stage decided it already; says whether it did.
    pub fn decide(&mut self, i: usize, label: u8, reason: Reason, authority: u8) -> bool {
        let mut authority = authority;
        if authority < self.authority[i] {
            if authority != HARD || !self.markup_body(i) {
                return false;
            }
            authority = MARKUP;
        }
        self.label[i] = label;
        self.reason[i] = reason;
        self.authority[i] = authority;
        self.stage[i] = self.stage_now;
        true
    }

    /// `Document.condemn`: boilerplate, as a detector that recognised chrome of the kind `signal`.
    pub fn condemn(&mut self, i: usize, reason: Reason, signal: Signal, authority: u8) -> bool {
        if !self.decide(i, BOILERPLATE, reason, authority) {
            return false;
        }
        self.signal[i] = signal;
        true
    }

    /// A measure of line `i` (through its row).
    #[inline]
    pub fn r(&self, i: usize) -> usize {
        self.row[i] as usize
    }
}

/// Each row's folded form, the rows' one after another in one string (a `String` a row was an allocation
/// a distinct line).
#[derive(Default)]
pub struct FoldedRows {
    text: String,
    /// row `r`'s byte span in `text` (empty: none made)
    spans: Vec<(u32, u32)>,
}

impl FoldedRows {
    /// Room for `rows` rows, none made yet, and about `bytes` bytes of them.
    pub fn new(rows: usize, bytes: usize) -> FoldedRows {
        FoldedRows {
            text: String::with_capacity(bytes),
            spans: vec![(0, 0); rows],
        }
    }

    /// Row `r`'s folded form is `folded`.
    pub fn set(&mut self, r: usize, folded: &str) {
        let from = self.text.len() as u32;
        self.text.push_str(folded);
        self.spans[r] = (from, self.text.len() as u32);
    }

    /// Row `r`'s folded form, if one was made (and is not empty).
    pub fn get(&self, r: usize) -> Option<&str> {
        let &(from, to) = self.spans.get(r)?;
        (to > from).then(|| &self.text[from as usize..to as usize])
    }
}
