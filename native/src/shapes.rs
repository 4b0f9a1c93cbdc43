//! Stage `shapes` of `cleaner/stages/shapes.py` in the core: chrome recognised by its shape.
//!
//! Written to mirror the Python stage function by function (`_single`, `_caption_echo`,
//! `_headline_lists`, `_teaser_lists`, `_related_boxes`, `_menus`). The regexes are the module's own,
//! translated by the glue; what each detector says of a line (its signal and reason) is the module's
//! constants, numbered by the glue.

use rustc_hash::FxHashMap;

use crate::doc::{Doc, Reason, Signal, BOILERPLATE, HARD, MARKUP, NO_SIGNAL, SOFT};
use crate::patterns::{Forms, Pattern};
use crate::unicode::{Table, DIGIT};

/// What a detector says of a line: its signal and its reason.
#[derive(Clone, Copy, Debug)]
pub struct Verdict {
    pub signal: Signal,
    pub reason: Reason,
}

/// The module's regexes, by their Python names.
pub struct ShapePatterns {
    pub separator_only: Pattern,
    pub dangling: Pattern,
    pub leading_link: Pattern,
    pub pipes: Pattern,
    pub credit: Vec<Pattern>,
    pub comment_author: Pattern,
    pub comments_header: Pattern,
    pub count_suffix: Pattern,
    pub timestamp_like: Pattern,
    pub iso_timestamp: Pattern,
    pub published_updated: Pattern,
    pub gallery_caption: Pattern,
    pub url_only: Pattern,
    pub number_only: Pattern,
    pub byline_like: Pattern,
    pub teaser: Pattern,
}

/// The module's verdicts, by their Python names.
pub struct ShapeVerdicts {
    pub separator: Verdict,
    pub link_row_edge: Verdict,
    pub link_row_items: Verdict,
    pub credit: Verdict,
    pub comment_header: Verdict,
    pub counter: Verdict,
    pub dateline: Verdict,
    pub gallery: Verdict,
    pub url: Verdict,
    pub number: Verdict,
    pub repeated: Verdict,
    pub navigation_bar: Verdict,
    pub headline_run: Verdict,
    pub caption_echo: Verdict,
    pub headline_list: Verdict,
    pub teaser_list: Verdict,
    pub related_box: Verdict,
    pub menu: Verdict,
}

pub struct ShapeRules {
    pub patterns: ShapePatterns,
    pub verdicts: ShapeVerdicts,
    /// `ShapesStage.menu_run`, `menu_words`, `teaser_run`, `teaser_gap`
    pub menu_run: usize,
    pub menu_words: u32,
    pub teaser_run: usize,
    pub teaser_gap: usize,
    /// The signals `_related_boxes` reads: "related" and "repeated".
    pub related: Signal,
    pub repeated: Signal,
}

/// A line's forms: its folded form is the phrases stage's, when it made one.
fn forms<'a>(table: &'a Table, doc: &'a Doc, text: &'a str, i: usize) -> Forms<'a> {
    let line = doc.text(text, i);
    match doc.folded.get(doc.r(i)) {
        Some(folded) if !folded.is_empty() => Forms::with_folded(table, line, folded),
        _ => Forms::new(table, line),
    }
}

/// A test of a line asked once per distinct text: copies of a line share its row (its text and measures),
/// and a line's shape is read from those alone (a fifth of the bench's lines repeat one above them: menus,
/// link rows, the same credit under each photo).
struct RowMemo<T> {
    known: Vec<Option<T>>,
}

impl<T: Copy> RowMemo<T> {
    fn new(doc: &Doc) -> RowMemo<T> {
        RowMemo {
            known: vec![None; doc.rows.len()],
        }
    }

    /// The test's answer for row `r`, asked of `test` the first time only.
    #[inline]
    fn get(&mut self, r: usize, test: impl FnOnce() -> T) -> T {
        *self.known[r].get_or_insert_with(test)
    }
}

/// `is_credit`
pub fn is_credit(rules: &ShapeRules, line: &Forms, words: u32) -> bool {
    words <= 60 && rules.patterns.credit.iter().any(|p| p.is_match(line))
}

/// `_has_sentence_mark`
fn has_sentence_mark(text: &str) -> bool {
    [". ", "? ", "! ", "。", "؟"]
        .iter()
        .any(|mark| text.contains(mark))
        || text.ends_with(['.', '!', '?'])
}

/// `_is_prose` (shapes' own)
#[inline]
fn is_prose(doc: &Doc, i: usize) -> bool {
    let r = doc.r(i);
    doc.m.ends_sentence[r] != 0 && doc.m.units[r] >= 8
}

/// `_below_markup_or_its_body`
#[inline]
fn below_markup_or_its_body(doc: &Doc, i: usize) -> bool {
    doc.authority[i] < MARKUP || doc.markup_body(i)
}

impl ShapeRules {
    pub fn run(&self, table: &Table, doc: &mut Doc, text: &str) {
        let n = doc.len();
        let mut counts = vec![0u32; doc.rows.len()];
        for &r in &doc.row {
            counts[r as usize] += 1;
        }
        // (single reads the row alone, and no decision made here: its answer is the same for every copy)
        let mut singles = RowMemo::new(doc);
        for i in 0..n {
            if doc.authority[i] >= MARKUP || doc.label[i] == BOILERPLATE {
                continue;
            }
            let mut found = singles.get(doc.r(i), || self.single(table, doc, text, i, &counts));
            if found.is_none() && i + 1 < n {
                found = self.caption_echo(table, doc, text, i);
            }
            if let Some(v) = found {
                let authority = if v.signal == self.verdicts.separator.signal {
                    HARD
                } else {
                    SOFT
                };
                doc.condemn(i, v.reason, v.signal, authority);
            }
        }
        self.headline_lists(table, doc, text);
        self.teaser_lists(table, doc, text);
        self.related_boxes(table, doc, text);
        self.menus(doc);
    }

    /// `ShapesStage._single`: the verdict when the line alone has the shape of chrome.
    fn single(
        &self,
        table: &Table,
        doc: &Doc,
        text: &str,
        i: usize,
        counts: &[u32],
    ) -> Option<Verdict> {
        let p = &self.patterns;
        let v = &self.verdicts;
        let line = forms(table, doc, text, i);
        let r = doc.r(i);
        let m = &doc.m;
        let words = m.words[r];
        let ends_sentence = m.ends_sentence[r] != 0;
        if p.separator_only.is_match(&line) {
            return Some(v.separator);
        }
        if words <= 25
            && (p.dangling.is_match(&line) || p.leading_link.is_match(&line))
            && !ends_sentence
        {
            return Some(v.link_row_edge);
        }
        if !ends_sentence && p.pipes.count(&line) >= 2 {
            return Some(v.link_row_items);
        }
        if is_credit(self, &line, words) {
            return Some(v.credit);
        }
        if words <= 8 && (p.comment_author.is_match(&line) || p.comments_header.is_match(&line)) {
            return Some(v.comment_header);
        }
        if words <= 15 && !ends_sentence && p.count_suffix.is_match(&line) {
            return Some(v.counter);
        }
        if words <= 10 && (p.timestamp_like.is_match(&line) || p.iso_timestamp.is_match(&line))
            || words <= 16 && p.published_updated.is_match(&line)
        {
            return Some(v.dateline);
        }
        if p.gallery_caption.is_match(&line) {
            return Some(v.gallery);
        }
        if words == 1 && p.url_only.is_match(&line) {
            return Some(v.url);
        }
        if words <= 6 && p.number_only.is_match(&line) {
            return Some(v.number);
        }
        if counts[r] > 1 && m.units[r] <= 12 {
            return Some(v.repeated);
        }
        if !doc.char_mode && words >= 8 && m.sentences[r] == 0 && m.ends_colon[r] == 0 {
            if m.title_ratio[r] >= 0.75 && m.stop_ratio[r] < 0.25 {
                return Some(v.navigation_bar);
            }
            if words >= 20 && !has_sentence_mark(line.raw) {
                return Some(v.headline_run);
            }
        }
        None
    }

    /// `ShapesStage._caption_echo`: a caption printed twice, once bare, once with its credit after it.
    fn caption_echo(&self, table: &Table, doc: &Doc, text: &str, i: usize) -> Option<Verdict> {
        let (this, next) = (doc.text(text, i), doc.text(text, i + 1));
        if next.len() > this.len()
            && next.starts_with(this)
            && is_credit(
                self,
                &forms(table, doc, text, i + 1),
                doc.m.words[doc.r(i + 1)],
            )
        {
            return Some(self.verdicts.caption_echo);
        }
        None
    }

    /// `ShapesStage._headline_lists`: headline + byline + timestamp, repeated.
    fn headline_lists(&self, table: &Table, doc: &mut Doc, text: &str) {
        let n = doc.len();
        let p = &self.patterns;
        let mut memo = RowMemo::new(doc);
        let meta: Vec<bool> = (0..n)
            .map(|i| {
                doc.m.words[doc.r(i)] <= 8
                    && memo.get(doc.r(i), || {
                        let line = forms(table, doc, text, i);
                        p.byline_like.is_match(&line) || p.timestamp_like.is_match(&line)
                    })
            })
            .collect();
        let mut items: Vec<(usize, usize)> = Vec::new();
        let mut i = 0;
        while i < n {
            if !meta[i] {
                i += 1;
                continue;
            }
            let mut j = i;
            while j + 1 < n && meta[j + 1] {
                j += 1;
            }
            if i >= 1 && !meta[i - 1] && !is_prose(doc, i - 1) {
                items.push((i - 1, j));
            }
            i = j + 1;
        }
        items.push((n + 10, n + 10));
        let mut chain: Vec<(usize, usize)> = Vec::new();
        let v = self.verdicts.headline_list;
        for item in items {
            if let Some(&(_, last)) = chain.last() {
                if item.0 <= last + 2 && !(last + 1..item.0).any(|k| is_prose(doc, k)) {
                    chain.push(item);
                    continue;
                }
            }
            if chain.len() >= 3 {
                for k in chain[0].0..=chain[chain.len() - 1].1 {
                    if doc.authority[k] < MARKUP && !is_prose(doc, k) {
                        let authority = doc.authority[k].max(SOFT);
                        doc.condemn(k, v.reason, v.signal, authority);
                    }
                }
            }
            chain = vec![item];
        }
    }

    /// `ShapesStage._teaser_lists`: headline + dateline + lead, one per line, several in a row.
    fn teaser_lists(&self, table: &Table, doc: &mut Doc, text: &str) {
        let n = doc.len();
        let gap = self.teaser_gap;
        let mut memo = RowMemo::new(doc);
        let mut hits: Vec<usize> = (0..n)
            .filter(|&i| {
                below_markup_or_its_body(doc, i)
                    && doc.m.words[doc.r(i)] >= 8
                    && memo.get(doc.r(i), || {
                        self.patterns.teaser.is_match(&forms(table, doc, text, i))
                    })
            })
            .collect();
        hits.push(n + gap + 1);
        let v = self.verdicts.teaser_list;
        let mut run: Vec<usize> = Vec::new();
        for i in hits {
            if let Some(&last) = run.last() {
                if i - last <= gap {
                    run.push(i);
                    continue;
                }
            }
            if run.len() >= self.teaser_run {
                let teasers: FxHashMap<usize, ()> = run.iter().map(|&k| (k, ())).collect();
                let members: Vec<usize> = (run[0]..=run[run.len() - 1])
                    .filter(|&k| {
                        teasers.contains_key(&k)
                            || doc.m.words[doc.r(k)] >= 8 && below_markup_or_its_body(doc, k)
                    })
                    .collect();
                for k in members {
                    doc.condemn(k, v.reason, v.signal, HARD);
                }
            }
            run = vec![i];
        }
    }

    /// `ShapesStage._related_boxes`: a "Related" heading and the headline links under it.
    fn related_boxes(&self, table: &Table, doc: &mut Doc, text: &str) {
        let n = doc.len();
        let v = self.verdicts.related_box;
        for i in 0..n {
            let r = doc.r(i);
            if doc.signal[i] != self.related || doc.m.words[r] > 6 || doc.m.ends_sentence[r] != 0 {
                continue;
            }
            let mut followers = Vec::new();
            for k in i + 1..(i + 9).min(n) {
                let rk = doc.r(k);
                let m = &doc.m;
                let first_is_digit = doc
                    .text(text, k)
                    .chars()
                    .next()
                    .is_some_and(|c| table.props(c).has(DIGIT));
                let signal = doc.signal[k];
                if doc.authority[k] >= MARKUP
                    || m.ends_sentence[rk] != 0
                    || m.ends_colon[rk] != 0
                    || m.words[rk] > 20
                    || m.words[rk] < 4
                    || first_is_digit
                    || !(signal == NO_SIGNAL || signal == self.related || signal == self.repeated)
                {
                    break;
                }
                followers.push(k);
            }
            if followers.is_empty() {
                continue;
            }
            doc.signal[i] = v.signal;
            doc.authority[i] = doc.authority[i].max(HARD);
            for k in followers {
                doc.condemn(k, v.reason, v.signal, HARD);
            }
        }
    }

    /// `ShapesStage._menus`: runs of short lines that do not end like sentences.
    fn menus(&self, doc: &mut Doc) {
        let n = doc.len();
        let v = self.verdicts.menu;
        let mut run: Vec<usize> = Vec::new();
        for i in 0..=n {
            let short = i < n && {
                let r = doc.r(i);
                doc.authority[i] < MARKUP
                    && doc.m.units[r] <= self.menu_words
                    && doc.m.ends_sentence[r] == 0
            };
            if short {
                run.push(i);
                continue;
            }
            if run.len() >= self.menu_run {
                for &k in &run {
                    if doc.label[k] != BOILERPLATE {
                        doc.condemn(k, v.reason, v.signal, SOFT);
                    }
                }
            }
            run.clear();
        }
    }
}
