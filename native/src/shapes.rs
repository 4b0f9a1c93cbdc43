//! Stage `shapes` of `cleaner/stages/shapes.py` in the core: chrome recognised by its shape.
//!
//! Written to mirror the Python stage function by function (`_single`, `_caption_echo`,
//! `_headline_lists`, `_teaser_lists`, `_related_boxes`, `_menus`). The regexes are the module's own,
//! translated by the glue; what each detector says of a line (its signal and reason) is the module's
//! constants, numbered by the glue.

use std::cell::OnceCell;

use rustc_hash::FxHashMap;

use crate::doc::{Doc, FoldedRows, Reason, Signal, BOILERPLATE, HARD, MARKUP, NO_SIGNAL, SOFT};
use crate::patterns::{Forms, NeedleIndex, Pattern};
use crate::unicode::{Table, ALPHA, DIGIT, LOWER, TITLE, UPPER};

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
    pub post_footer: Pattern,
    pub gallery_caption: Pattern,
    pub url_only: Pattern,
    pub number_only: Pattern,
    pub byline_like: Pattern,
    pub teaser: Pattern,
    pub comment_stamp: Pattern,
    pub author_heading: Pattern,
    pub about_name: Pattern,
    pub about_org: Pattern,
    pub author_link: Pattern,
    pub name_line: Pattern,
    pub gallery_counter: Pattern,
    pub gallery_heading: Pattern,
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
    pub post_footer: Verdict,
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
    pub comment_thread: Verdict,
    pub author_box: Verdict,
    pub name_bio: Verdict,
    pub about_box: Verdict,
    pub teaser_section: Verdict,
    pub gallery_items: Verdict,
    pub testimonials: Verdict,
}

pub struct ShapeRules {
    pub patterns: ShapePatterns,
    /// The patterns' needles ([`ShapePatterns::index`]).
    pub needles: NeedleIndex,
    pub verdicts: ShapeVerdicts,
    /// `ShapesStage.menu_run`, `menu_words`, `teaser_run`, `teaser_gap`
    pub menu_run: usize,
    pub menu_words: u32,
    /// `POST_FOOTER_WORDS`: a post's footer ("Posted by NAME at TIME") is at most this many words.
    pub post_footer_words: u32,
    pub teaser_run: usize,
    pub teaser_gap: usize,
    /// The signals `_related_boxes` reads: "related" and "repeated".
    pub related: Signal,
    pub repeated: Signal,
    /// `ShapesStage.thread_run`, `thread_gap`, `stamp_words`, `stamp_chars`, `thread_heading_gap`, `thread_article_words`,
    /// `author_box_lines`, `author_link_words`
    pub thread_run: usize,
    pub thread_gap: usize,
    pub stamp_words: u32,
    pub stamp_chars: usize,
    pub thread_heading_gap: usize,
    pub thread_article_words: u32,
    /// `ShapesStage.thread_buttons`, `button_edges`: a post's button is a comments phrase repeated this many times,
    /// read without these characters at its ends.
    pub thread_buttons: usize,
    pub button_edges: Vec<char>,
    pub author_box_lines: usize,
    pub author_link_words: u32,
    /// `ShapesStage.teaser_section_items`, `teaser_head_lines`, `teaser_head_units`, `teaser_summary_units`,
    /// `teaser_summary_sentences`
    pub teaser_section_items: usize,
    pub teaser_head_lines: usize,
    pub teaser_head_units: u32,
    pub teaser_summary_units: u32,
    pub teaser_summary_sentences: u32,
    /// `shapes._NAME_PREFIXES`: the words a name line may open with ("By Ann Lee")
    pub name_prefixes: Vec<String>,
    /// `shapes._BIO_VERBS`: the verbs a bio goes on with after a first name alone ("Ann is…")
    pub bio_verbs: Vec<String>,
    /// The signal of a comments heading (`_comment_threads` reads it): "comments".
    pub comments: Signal,
    /// `ShapesStage.gallery_items`, `gallery_caption_lines`, `gallery_caption_units`, `gallery_heading_words`,
    /// `gallery_heading_lines`
    pub gallery_items: usize,
    pub gallery_caption_lines: usize,
    pub gallery_caption_units: u32,
    pub gallery_heading_words: u32,
    pub gallery_heading_lines: usize,
    /// `ShapesStage.gallery_caption_growth`
    pub gallery_caption_growth: u32,
    /// `shapes.GALLERY_CREDITS`: the signals of a gallery item's credit ("credit", "copyright")
    pub gallery_credits: Vec<Signal>,
    /// `ShapesStage.testimonial_items`, `testimonial_quote_lines`, `testimonial_quote_words`, `testimonial_dots`,
    /// `testimonial_marked`, `testimonial_article_units`
    pub testimonial_items: usize,
    pub testimonial_quote_lines: usize,
    pub testimonial_quote_words: u32,
    pub testimonial_dots: usize,
    pub testimonial_marked: usize,
    pub testimonial_article_units: u64,
    /// `shapes._PERSON_NAME_WORDS`, `_PERSON_NAME_CHARS`, `_HANDLE_CHARS`, `_NAME_MARKS`
    pub person_name_words: usize,
    pub person_name_chars: usize,
    pub handle_chars: (usize, usize),
    pub name_marks: Vec<char>,
}

impl ShapePatterns {
    /// The needles of the patterns, indexed to be looked for in one pass over a line's form.
    pub fn index(&mut self) -> NeedleIndex {
        let singles = [
            &mut self.separator_only,
            &mut self.dangling,
            &mut self.leading_link,
            &mut self.pipes,
            &mut self.comment_author,
            &mut self.comments_header,
            &mut self.count_suffix,
            &mut self.timestamp_like,
            &mut self.iso_timestamp,
            &mut self.published_updated,
            &mut self.post_footer,
            &mut self.gallery_caption,
            &mut self.url_only,
            &mut self.number_only,
            &mut self.byline_like,
            &mut self.teaser,
            &mut self.comment_stamp,
            &mut self.author_heading,
            &mut self.about_name,
            &mut self.about_org,
            &mut self.author_link,
            &mut self.name_line,
            &mut self.gallery_counter,
            &mut self.gallery_heading,
        ];
        NeedleIndex::new(singles.into_iter().chain(self.credit.iter_mut()))
    }
}

/// The document's rows as the detectors read them: each row's forms made once, on first need, and shared by
/// every detector (a line's raw form was made again by each, and its needles looked for by each pattern).
struct Lines<'a> {
    table: &'a Table,
    /// the dump's text, which the lines' spans index
    text: &'a str,
    /// each row's folded form, made by the phrases stage
    folded: &'a FoldedRows,
    index: &'a NeedleIndex,
    rows: Vec<OnceCell<Forms<'a>>>,
}

impl<'a> Lines<'a> {
    fn new(
        table: &'a Table,
        text: &'a str,
        folded: &'a FoldedRows,
        index: &'a NeedleIndex,
        rows: usize,
    ) -> Lines<'a> {
        Lines {
            table,
            text,
            folded,
            index,
            rows: (0..rows).map(|_| OnceCell::new()).collect(),
        }
    }
}

/// A line's forms: its folded form is the phrases stage's, when it made one.
fn forms<'l, 'a>(lines: &'l Lines<'a>, doc: &Doc, i: usize) -> &'l Forms<'a> {
    let r = doc.r(i);
    lines.rows[r].get_or_init(|| {
        let line = doc.text(lines.text, i);
        let forms = match lines.folded.get(r) {
            Some(folded) => Forms::with_folded(lines.table, line, folded),
            None => Forms::new(lines.table, line),
        };
        forms.indexed(lines.index)
    })
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

/// What a line is to a gallery (`ShapesStage._gallery_mark`).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Mark {
    /// a slide's counter ("3/24", "1 of 4 A shopper looks at …")
    Counter,
    /// a photo's credit
    Credit,
}

/// `lexicon.counter_numbers`: the first two runs of ASCII digits of a counter line.
fn counter_numbers(text: &str) -> Option<(u64, u64)> {
    let mut runs = text
        .split(|c: char| !c.is_ascii_digit())
        .filter(|run| !run.is_empty())
        .map(|run| run.parse::<u64>().unwrap_or(u64::MAX));
    Some((runs.next()?, runs.next()?))
}

/// `ShapesStage._credit_opens_items`: do the dump's blank lines stand above more of a gallery's credits than
/// of its captions (each item a credit, then its caption)?
fn credit_opens_items(doc: &Doc, run: &[usize]) -> bool {
    let above_credits = run[1..].iter().filter(|&&k| doc.blank_before[k]).count();
    let above_captions = run[..run.len() - 1]
        .iter()
        .filter(|&&k| doc.blank_before[k + 1])
        .count();
    above_credits > above_captions
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

/// `_goes_on_after_colon`: "Related: Ten things" is a link, not a heading.
fn goes_on_after_colon(text: &str) -> bool {
    text.trim_end_matches([':', '：']).contains([':', '：'])
}

/// `lexicon.opens_with_name`: `text` opens with `name`, a space and a word in lower case.
/// `lexicon.opens_bio`: does `text` open a bio of `names` (the full name, the first name): with the full name, or with
/// the first name and one of the verbs a bio goes on with?
fn opens_bio(text: &str, names: &[&str; 2], bio_verbs: &[String]) -> bool {
    if opens_with_name(text, names[0]) {
        return true;
    }
    opens_with_name(text, names[1])
        && text[names[1].len() + 1..]
            .split(' ')
            .next()
            .is_some_and(|verb| bio_verbs.iter().any(|v| v == verb))
}

fn opens_with_name(text: &str, name: &str) -> bool {
    let after = text
        .strip_prefix(name)
        .and_then(|rest| rest.strip_prefix(' '));
    after.and_then(|rest| rest.chars().next()).is_some_and(|c| {
        c.is_ascii_lowercase() || ('ß'..='ö').contains(&c) || ('ø'..='ÿ').contains(&c)
    })
}

/// `_prose_before`: the prose units of the lines no stage has condemned yet, before each index (all, last).
fn prose_before(doc: &Doc) -> Vec<u64> {
    let n = doc.len();
    let mut prose = Vec::with_capacity(n + 1);
    prose.push(0u64);
    for i in 0..n {
        let units = if doc.label[i] != BOILERPLATE && is_prose(doc, i) {
            doc.m.units[doc.r(i)] as u64
        } else {
            0
        };
        prose.push(prose[i] + units);
    }
    prose
}

/// `shapes._is_initial`: a capital letter, perhaps with its full stop ("R.", "W").
fn is_initial(table: &Table, word: &str) -> bool {
    let mut chars = word.chars();
    let Some(c) = chars.next() else {
        return false;
    };
    let rest = chars.as_str();
    let p = table.props(c);
    (rest.is_empty() || rest == ".")
        && p.has(ALPHA)
        && p.has(UPPER)
        && p.flags & (LOWER | TITLE) == 0
}

/// `_condemn_span`: condemn lines `start` to `end` (both included) with a detector's verdict at `HARD` authority (a
/// line's own, where it is higher); with `spare_markup`, a line the markup decided (`MARKUP` or above) is left alone.
#[inline]
fn condemn_span(doc: &mut Doc, start: usize, end: usize, v: Verdict, spare_markup: bool) {
    for k in start..=end {
        if !spare_markup || doc.authority[k] < MARKUP {
            let authority = doc.authority[k].max(HARD);
            doc.condemn(k, v.reason, v.signal, authority);
        }
    }
}

/// `_below_markup_or_its_body`
#[inline]
fn below_markup_or_its_body(doc: &Doc, i: usize) -> bool {
    doc.authority[i] < MARKUP || doc.markup_body(i)
}

impl ShapeRules {
    pub fn run(&self, table: &Table, doc: &mut Doc, text: &str) {
        let folded = std::mem::take(&mut doc.folded);
        let lines = Lines::new(table, text, &folded, &self.needles, doc.rows.len());
        let lines = &lines;
        let n = doc.len();
        let mut counts = vec![0u32; doc.rows.len()];
        for &r in &doc.row {
            counts[r as usize] += 1;
        }
        // (single reads the row alone, and no decision made here: its answer is the same for every copy)
        let mut singles = RowMemo::new(doc);
        let mut prose_seen = false; // a line of prose above that no earlier stage condemned?
        for i in 0..n {
            let prose_above = prose_seen;
            if doc.label[i] != BOILERPLATE && is_prose(doc, i) {
                prose_seen = true;
            }
            if doc.authority[i] >= MARKUP || doc.label[i] == BOILERPLATE {
                continue;
            }
            if prose_above
                && doc.m.words[doc.r(i)] <= self.post_footer_words
                && self.patterns.post_footer.is_match(forms(lines, doc, i))
            {
                let v = self.verdicts.post_footer;
                doc.condemn(i, v.reason, v.signal, HARD);
                continue;
            }
            let mut found = singles.get(doc.r(i), || self.single(lines, doc, i, &counts));
            if found.is_none() && i + 1 < n {
                found = self.caption_echo(lines, doc, text, i);
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
        self.galleries(lines, doc, text);
        self.headline_lists(lines, doc);
        self.teaser_lists(lines, doc);
        self.related_boxes(table, doc, text);
        self.comment_threads(lines, doc, text);
        self.author_boxes(lines, doc, text);
        self.name_bios(lines, doc, text);
        self.about_boxes(lines, doc, text);
        self.teaser_sections(doc, text);
        self.testimonials(table, doc, text);
        self.menus(doc);
        self.posts(lines, doc, text);
    }

    /// `ShapesStage._single`: the verdict when the line alone has the shape of chrome.
    fn single(&self, lines: &Lines<'_>, doc: &Doc, i: usize, counts: &[u32]) -> Option<Verdict> {
        let p = &self.patterns;
        let v = &self.verdicts;
        let line = forms(lines, doc, i);
        let r = doc.r(i);
        let m = &doc.m;
        let words = m.words[r];
        let ends_sentence = m.ends_sentence[r] != 0;
        if p.separator_only.is_match(line) {
            return Some(v.separator);
        }
        if words <= 25
            && (p.dangling.is_match(line) || p.leading_link.is_match(line))
            && !ends_sentence
        {
            return Some(v.link_row_edge);
        }
        if !ends_sentence && p.pipes.count(line) >= 2 {
            return Some(v.link_row_items);
        }
        if is_credit(self, line, words) {
            return Some(v.credit);
        }
        if words <= 8 && (p.comment_author.is_match(line) || p.comments_header.is_match(line)) {
            return Some(v.comment_header);
        }
        if words <= 15 && !ends_sentence && p.count_suffix.is_match(line) {
            return Some(v.counter);
        }
        if words <= 10 && (p.timestamp_like.is_match(line) || p.iso_timestamp.is_match(line))
            || words <= 16 && p.published_updated.is_match(line)
        {
            return Some(v.dateline);
        }
        if p.gallery_caption.is_match(line) {
            return Some(v.gallery);
        }
        if words == 1 && p.url_only.is_match(line) {
            return Some(v.url);
        }
        if words <= 6 && p.number_only.is_match(line) {
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
    fn caption_echo(&self, lines: &Lines<'_>, doc: &Doc, text: &str, i: usize) -> Option<Verdict> {
        let (this, next) = (doc.text(text, i), doc.text(text, i + 1));
        if next.len() > this.len()
            && next.starts_with(this)
            && is_credit(self, forms(lines, doc, i + 1), doc.m.words[doc.r(i + 1)])
        {
            return Some(self.verdicts.caption_echo);
        }
        None
    }

    /// `ShapesStage._galleries`: items of short captions with a photo's credit or a slide's counter, at least
    /// `gallery_items` in a row, and the heading just over them, condemned for good as a gallery.
    fn galleries(&self, lines: &Lines<'_>, doc: &mut Doc, text: &str) {
        let n = doc.len();
        let v = self.verdicts.gallery_items;
        let marks: Vec<Option<Mark>> = (0..n).map(|i| self.gallery_mark(lines, doc, i)).collect();
        let mut i = 0;
        while i < n {
            if marks[i].is_none() {
                i += 1;
                continue;
            }
            let mut run = vec![i];
            loop {
                let last = run[run.len() - 1];
                let mut k = last + 1;
                while k < n
                    && marks[k].is_none()
                    && k - last <= self.gallery_caption_lines
                    && self.gallery_caption(doc, k)
                {
                    k += 1;
                }
                if k < n && marks[k].is_some() && k - last - 1 <= self.gallery_caption_lines {
                    run.push(k);
                    continue;
                }
                break;
            }
            let Some((start, end)) = self.gallery_span(lines, doc, text, &marks, &run) else {
                i = run[run.len() - 1] + 1;
                continue;
            };
            condemn_span(doc, start, end, v, true);
            i = end + 1;
        }
    }

    /// `ShapesStage._gallery_mark`: a slide's counter, a photo's credit, or neither.
    fn gallery_mark(&self, lines: &Lines<'_>, doc: &Doc, i: usize) -> Option<Mark> {
        if doc.authority[i] >= MARKUP {
            return None;
        }
        let p = &self.patterns;
        if doc.m.digit_ratio[doc.r(i)] > 0.0 && {
            let line = forms(lines, doc, i);
            p.gallery_counter.is_match(line) || p.gallery_caption.is_match(line)
        } {
            return Some(Mark::Counter);
        }
        self.gallery_credits
            .contains(&doc.signal[i])
            .then_some(Mark::Credit)
    }

    /// `ShapesStage._gallery_caption`: a short line of two sentences at most.
    fn gallery_caption(&self, doc: &Doc, i: usize) -> bool {
        let r = doc.r(i);
        doc.authority[i] < MARKUP
            && doc.m.units[r] <= self.gallery_caption_units
            && doc.m.sentences[r] <= 2
    }

    /// `ShapesStage._gallery_span`: the gallery's first and last line (its heading and its first and last
    /// items' captions included), or None when the marks of `run` are no gallery's.
    fn gallery_span(
        &self,
        lines: &Lines<'_>,
        doc: &Doc,
        text: &str,
        marks: &[Option<Mark>],
        run: &[usize],
    ) -> Option<(usize, usize)> {
        let counters: Vec<usize> = run
            .iter()
            .copied()
            .filter(|&k| marks[k] == Some(Mark::Counter))
            .collect();
        if !counters.is_empty() {
            if counters.len() < self.gallery_items {
                return None;
            }
            let numbers = counters
                .iter()
                .map(|&k| counter_numbers(doc.text(text, k)).filter(|&(a, b)| a <= b))
                .collect::<Option<Vec<_>>>()?;
            if numbers
                .windows(2)
                .any(|w| w[1].0 != w[0].0.saturating_add(1) || w[1].1 != w[0].1)
            {
                return None;
            }
        } else if run.len() < self.gallery_items || run.windows(2).any(|w| w[1] - w[0] != 2) {
            return None;
        }
        let (mut start, mut end) = (run[0], run[run.len() - 1]);
        let inside: Vec<usize> = (start..=end).filter(|&k| marks[k].is_none()).collect();
        let under = (end + 1 < doc.len()).then_some(end + 1);
        let repeats_a_caption = under.is_some_and(|u| {
            let below = doc.text(text, u);
            inside.iter().any(|&k| doc.text(text, k) == below)
        });
        if counters.is_empty() && (credit_opens_items(doc, run) || repeats_a_caption) {
            if let Some(u) = under {
                if marks[u].is_none() && self.gallery_caption(doc, u) {
                    end = u; // the last item's caption, under its credit (or the captions' own words again)
                }
            }
        } else if marks[start] == Some(Mark::Credit) {
            let longest = inside
                .iter()
                .map(|&k| doc.m.units[doc.r(k)])
                .max()
                .unwrap_or(0);
            for _ in 0..run[1] - run[0] - 1 {
                if start == 0
                    || marks[start - 1].is_some()
                    || !self.gallery_caption(doc, start - 1)
                    || doc.m.units[doc.r(start - 1)] > self.gallery_caption_growth * longest
                {
                    break; // (a line twice as long as the captions is the article's)
                }
                start -= 1;
            }
        }
        if marks[end] == Some(Mark::Counter) {
            for _ in 0..run[run.len() - 1] - run[run.len() - 2] - 1 {
                if end + 1 >= doc.len()
                    || marks[end + 1].is_some()
                    || !self.gallery_caption(doc, end + 1)
                {
                    break;
                }
                end += 1;
            }
        }
        for _ in 0..self.gallery_heading_lines {
            if start == 0 {
                break;
            }
            let above = start - 1;
            let r = doc.r(above);
            if doc.authority[above] >= MARKUP
                || doc.m.words[r] > self.gallery_heading_words
                || doc.m.ends_sentence[r] != 0
                || !self
                    .patterns
                    .gallery_heading
                    .is_match(forms(lines, doc, above))
            {
                break;
            }
            start = above;
        }
        Some((start, end))
    }

    /// `ShapesStage._headline_lists`: headline + byline + timestamp, repeated.
    fn headline_lists(&self, lines: &Lines<'_>, doc: &mut Doc) {
        let n = doc.len();
        let p = &self.patterns;
        let mut memo = RowMemo::new(doc);
        let meta: Vec<bool> = (0..n)
            .map(|i| {
                doc.m.words[doc.r(i)] <= 8
                    && memo.get(doc.r(i), || {
                        let line = forms(lines, doc, i);
                        p.byline_like.is_match(line) || p.timestamp_like.is_match(line)
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
    fn teaser_lists(&self, lines: &Lines<'_>, doc: &mut Doc) {
        let n = doc.len();
        let gap = self.teaser_gap;
        let mut memo = RowMemo::new(doc);
        let mut hits: Vec<usize> = (0..n)
            .filter(|&i| {
                below_markup_or_its_body(doc, i)
                    && doc.m.words[doc.r(i)] >= 8
                    && memo.get(doc.r(i), || {
                        self.patterns.teaser.is_match(forms(lines, doc, i))
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
            if doc.signal[i] != self.related
                || doc.m.words[r] > 6
                || doc.m.ends_sentence[r] != 0
                || goes_on_after_colon(doc.text(text, i))
            {
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

    /// `ShapesStage._comment_threads`: readers' comments under an article (header, text, repeated).
    fn comment_threads(&self, lines: &Lines<'_>, doc: &mut Doc, text: &str) {
        let n = doc.len();
        let stamps: Vec<bool> = (0..n)
            .map(|i| {
                let r = doc.r(i);
                doc.m.words[r] <= self.stamp_words
                    && doc.m.ends_sentence[r] == 0
                    && doc.text(text, i).chars().count() <= self.stamp_chars
                    && self.patterns.comment_stamp.is_match(forms(lines, doc, i))
            })
            .collect();
        let mut headers = self.comment_headers(lines, doc, &stamps);
        headers.push(n + self.thread_gap + 1);
        let mut run: Vec<usize> = Vec::new();
        for h in headers {
            if let Some(last) = run.last_mut() {
                if h == *last + 1 {
                    *last = h; // a comment's date under its text, then the next one's "Name said...": one header
                    continue;
                }
            }
            if let Some(&last) = run.last() {
                if h - last <= self.thread_gap
                    && (last + 1..h).any(|k| doc.m.words[doc.r(k)] >= 3 && !stamps[k])
                {
                    run.push(h);
                    continue;
                }
            }
            if run.len() >= self.thread_run {
                self.condemn_thread(lines, doc, text, &run);
            }
            run = vec![h];
        }
    }

    /// `_comment_headers`: the lines that open a comment.
    fn comment_headers(&self, lines: &Lines<'_>, doc: &Doc, stamps: &[bool]) -> Vec<usize> {
        let n = doc.len();
        let mut headers: Vec<usize> = Vec::new();
        for i in 0..n {
            let r = doc.r(i);
            let words = doc.m.words[r];
            let opens_after = headers.last().is_some_and(|&h| h + 1 == i);
            if words <= 8 && self.patterns.comment_author.is_match(forms(lines, doc, i)) {
                headers.push(i);
            } else if stamps[i] {
                if !opens_after {
                    headers.push(i);
                }
            } else if words <= 6 && doc.signal[i] != self.comments && i + 1 < n && stamps[i + 1] {
                headers.push(i);
            }
        }
        headers
    }

    /// `ShapesStage._condemn_thread`: a thread under a comments heading, with prose above it.
    fn condemn_thread(&self, lines: &Lines<'_>, doc: &mut Doc, text: &str, run: &[usize]) {
        let n = doc.len();
        let longest = run.windows(2).map(|w| w[1] - w[0]).max().unwrap_or(0);
        let end = n.min(run[run.len() - 1] + longest);
        let Some(start) = self.thread_start(lines, doc, text, run, longest, end) else {
            return;
        };
        let above: u32 = (0..start)
            .filter(|&k| doc.label[k] != BOILERPLATE && is_prose(doc, k))
            .map(|k| doc.m.words[doc.r(k)])
            .sum();
        if above < self.thread_article_words {
            return;
        }
        let v = self.verdicts.comment_thread;
        condemn_span(doc, start, end - 1, v, true);
    }

    /// `ShapesStage._thread_start`: where the thread of headers `run` starts: under its comments heading just
    /// above the first header; or, where each comment's date closes it, above the first date, at most the
    /// longest comment away.
    fn thread_start(
        &self,
        lines: &Lines<'_>,
        doc: &Doc,
        text: &str,
        run: &[usize],
        longest: usize,
        end: usize,
    ) -> Option<usize> {
        let first = run[0];
        let inside: FxHashMap<&str, ()> = (first..end).map(|k| (doc.text(text, k), ())).collect();
        let heading = |k: usize| {
            doc.signal[k] == self.comments
                && !inside.contains_key(doc.text(text, k))
                && !self.patterns.comment_author.is_match(forms(lines, doc, k))
        };
        let reach = longest.max(self.thread_heading_gap);
        (first.saturating_sub(reach)..first)
            .rev()
            .find(|&k| heading(k))
            .map(|k| k + 1)
    }

    /// `ShapesStage._posts`: a forum's posts: the comments phrases between them are separators, not the page's
    /// end (`Doc::between_posts`): a quote of an earlier post anywhere; on a page that is a thread from its start
    /// (a post's button repeated, its first copy closing the first post), every comments phrase.
    fn posts(&self, lines: &Lines<'_>, doc: &mut Doc, text: &str) {
        let n = doc.len();
        let comments: Vec<bool> = (0..n).map(|i| doc.signal[i] == self.comments).collect();
        let authors: Vec<bool> = (0..n)
            .map(|i| comments[i] && self.patterns.comment_author.is_match(forms(lines, doc, i)))
            .collect();
        for (i, &author) in authors.iter().enumerate().take(n.saturating_sub(1)) {
            // a quote: "Ann said:", then her words again (a row's first line is its text's first copy)
            if author && (doc.rows[doc.r(i + 1)] as usize) < i {
                doc.between_posts[i] = true;
            }
        }
        let prose: Vec<u64> = (0..n)
            .map(|i| {
                if is_prose(doc, i) {
                    doc.m.units[doc.r(i)] as u64
                } else {
                    0
                }
            })
            .collect();
        let first_prose = prose.iter().position(|&p| p != 0).unwrap_or(n);
        let edges: &[char] = &self.button_edges;
        let key = |i: usize| doc.text(text, i).trim_matches(edges);
        let mut presses: FxHashMap<&str, usize> = FxHashMap::default();
        for i in first_prose..n {
            if comments[i] && !authors[i] {
                *presses.entry(key(i)).or_insert(0) += 1;
            }
        }
        let button = (first_prose..n).find(|&i| {
            comments[i]
                && !authors[i]
                && presses.get(key(i)).copied().unwrap_or(0) >= self.thread_buttons
        });
        let Some(button) = button else {
            return;
        };
        if comments[first_prose..button].iter().any(|&c| c)
            || prose[..button].iter().sum::<u64>() > prose[button..].iter().sum::<u64>()
        {
            return;
        }
        for (between, &comment) in doc.between_posts.iter_mut().zip(&comments) {
            *between |= comment;
        }
    }

    /// `ShapesStage._author_boxes`: "About the author" (or "About Ann Lee"), a name, a bio.
    fn author_boxes(&self, lines: &Lines<'_>, doc: &mut Doc, text: &str) {
        let n = doc.len();
        let v = self.verdicts.author_box;
        for i in 0..n {
            let r = doc.r(i);
            if doc.m.words[r] > self.author_link_words
                || doc.m.ends_sentence[r] != 0
                || doc.authority[i] >= MARKUP
            {
                continue;
            }
            let line = forms(lines, doc, i);
            if self.patterns.author_link.is_match(line) {
                if let Some(start) = self.author_link_box(doc, text, i) {
                    condemn_span(doc, start, i, v, false);
                }
                continue;
            }
            if doc.m.words[r] > 6 {
                continue;
            }
            let bio = if self.patterns.author_heading.is_match(line) {
                self.author_bio(doc, text, i, &[])
            } else if self.patterns.about_name.is_match(line) {
                let words: Vec<&str> = line.raw.split(' ').skip(1).collect();
                let full = words.join(" ");
                self.author_bio(doc, text, i, &[full.as_str(), words[0]])
            } else {
                continue;
            };
            if let Some(bio) = bio {
                condemn_span(doc, i, bio, v, false);
            }
        }
    }

    /// `ShapesStage._name_bios`: a name, perhaps a role, a bio that opens with the name (and the lines after it
    /// that do too), where the article has ended.
    fn name_bios(&self, lines: &Lines<'_>, doc: &mut Doc, text: &str) {
        let n = doc.len();
        let v = self.verdicts.name_bio;
        let prose = prose_before(doc);
        let boxes = self.name_bio_boxes(lines, doc, text);
        for chain in self.chains(&boxes, &prose) {
            let (start, end) = (chain[0].0, chain[chain.len() - 1].1);
            let own: u64 = chain
                .iter()
                .map(|&(name, last)| prose[last + 1] - prose[name + 1])
                .sum();
            if prose[start] < own || prose[n] - prose[end + 1] > own.max(prose[start] / 4) {
                continue;
            }
            condemn_span(doc, start, end, v, false);
        }
    }

    /// `ShapesStage._about_boxes`: "About Clay", a blurb that opens with the name and the prose under it that names
    /// it too, where the article has ended.
    fn about_boxes(&self, lines: &Lines<'_>, doc: &mut Doc, text: &str) {
        let n = doc.len();
        let v = self.verdicts.about_box;
        let prose = prose_before(doc);
        for i in 0..n {
            let r = doc.r(i);
            if doc.m.words[r] > 5
                || doc.m.ends_sentence[r] != 0
                || doc.authority[i] > SOFT
                || !self.patterns.about_org.is_match(forms(lines, doc, i))
            {
                continue;
            }
            let words: Vec<&str> = doc.text(text, i).split(' ').skip(1).collect();
            let name = words.join(" ");
            let bio = match self.author_bio(doc, text, i, &[name.as_str()]) {
                Some(bio) if doc.authority[bio] <= SOFT => bio,
                _ => continue,
            };
            let mut end = bio;
            while end + 1 < n
                && is_prose(doc, end + 1)
                && doc.authority[end + 1] <= SOFT
                && doc.text(text, end + 1).contains(name.as_str())
            {
                end += 1;
            }
            let own = prose[end + 1] - prose[i + 1];
            if prose[i] < own || prose[n] - prose[end + 1] > own.max(prose[i] / 4) {
                continue;
            }
            condemn_span(doc, i, end, v, false);
        }
    }

    /// Each name line with its bio under it (`name_bios`), in order: (the name line, the bio's last line).
    fn name_bio_boxes(&self, lines: &Lines<'_>, doc: &Doc, text: &str) -> Vec<(usize, usize)> {
        let n = doc.len();
        let mut boxes: Vec<(usize, usize)> = Vec::new();
        for i in 0..n {
            if boxes.last().is_some_and(|&(_, last)| i <= last) {
                continue;
            }
            let r = doc.r(i);
            if doc.m.words[r] > 5
                || doc.m.ends_sentence[r] != 0
                || doc.authority[i] > SOFT
                || !self.patterns.name_line.is_match(forms(lines, doc, i))
            {
                continue;
            }
            let mut words: Vec<&str> = doc.text(text, i).split(' ').collect();
            if self.name_prefixes.iter().any(|prefix| prefix == words[0]) {
                words.remove(0);
            }
            let full = words.join(" ");
            let names = [full.as_str(), words[0]];
            let bio = match self.author_bio(doc, text, i, &names) {
                Some(bio)
                    if doc.authority[bio] <= SOFT
                        && opens_bio(doc.text(text, bio), &names, &self.bio_verbs) =>
                {
                    bio
                }
                _ => continue,
            };
            let mut end = bio;
            while end + 1 < n
                && is_prose(doc, end + 1)
                && doc.authority[end + 1] <= SOFT
                && names
                    .iter()
                    .any(|name| opens_with_name(doc.text(text, end + 1), name))
            {
                end += 1;
            }
            boxes.push((i, end));
        }
        boxes
    }

    /// The boxes grouped where one follows another within `author_box_lines` lines and no prose between.
    fn chains(&self, boxes: &[(usize, usize)], prose: &[u64]) -> Vec<Vec<(usize, usize)>> {
        let mut chains: Vec<Vec<(usize, usize)>> = Vec::new();
        for &(name, last) in boxes {
            if let Some(chain) = chains.last_mut() {
                let previous = chain[chain.len() - 1].1;
                if name <= previous + 1 + self.author_box_lines
                    && prose[name] == prose[previous + 1]
                {
                    chain.push((name, last));
                    continue;
                }
            }
            chains.push(vec![(name, last)]);
        }
        chains
    }

    /// `ShapesStage._author_link_box`: where the box closed by an author's link starts (its bio opens with a
    /// capitalised word of the link; the name line just above the bio joins it).
    fn author_link_box(&self, doc: &Doc, text: &str, link: usize) -> Option<usize> {
        let named: FxHashMap<&str, ()> = doc
            .text(text, link)
            .split(' ')
            .skip(1)
            .map(|word| (word, ()))
            .collect();
        let lowest = link.saturating_sub(self.author_box_lines);
        for k in (lowest..link).rev() {
            if doc.authority[k] >= MARKUP {
                return None;
            }
            if is_prose(doc, k) {
                let first = doc.text(text, k).split(' ').next().unwrap_or("");
                let capital = first.chars().next().is_some_and(char::is_uppercase);
                if !(capital && named.contains_key(first)) {
                    return None;
                }
                if k == 0 || doc.authority[k - 1] >= MARKUP {
                    return Some(k);
                }
                let above: Vec<&str> = doc.text(text, k - 1).split(' ').collect();
                let name_line = above.len() <= 4 && above.iter().all(|w| named.contains_key(w));
                return Some(if name_line { k - 1 } else { k });
            }
        }
        None
    }

    /// `ShapesStage._author_bio`: the bio under an author heading, opening with the name the heading gave.
    fn author_bio(&self, doc: &Doc, text: &str, heading: usize, names: &[&str]) -> Option<usize> {
        for k in heading + 1..doc.len().min(heading + 1 + self.author_box_lines) {
            if doc.authority[k] >= MARKUP {
                return None;
            }
            if is_prose(doc, k) {
                let bio = doc.text(text, k);
                let named = names.is_empty() || names.iter().any(|name| opens_with_name(bio, name));
                return named.then_some(k);
            }
        }
        None
    }

    /// `ShapesStage._teaser_sections`: where the article has ended, a related heading over other articles'
    /// teasers (short lines, then a one-paragraph summary, repeated), when the section ends the text.
    fn teaser_sections(&self, doc: &mut Doc, text: &str) {
        let n = doc.len();
        let v = self.verdicts.teaser_section;
        let boxed = self.verdicts.related_box.signal;
        let prose = prose_before(doc);
        let mut i = 0;
        while i < n {
            let r = doc.r(i);
            let signal = doc.signal[i];
            if !(signal == self.related || signal == boxed)
                || doc.m.words[r] > 6
                || doc.m.ends_sentence[r] != 0
                || goes_on_after_colon(doc.text(text, i))
            {
                i += 1;
                continue;
            }
            let summaries = self.teaser_items(doc, text, i);
            let own: u64 = summaries
                .iter()
                .map(|&k| doc.m.units[doc.r(k)] as u64)
                .sum();
            if summaries.len() < self.teaser_section_items
                || prose[i] < own
                || prose[n] - prose[summaries[summaries.len() - 1] + 1] > own
            {
                i += 1;
                continue;
            }
            let end = summaries[summaries.len() - 1];
            let heading = doc.text(text, i);
            if (i + 1..=end).any(|k| doc.text(text, k) == heading) {
                i += 1; // a "Read more" under each item: a list's button, no heading
                continue;
            }
            doc.signal[i] = v.signal; // the heading keeps its own reason, made final
            doc.authority[i] = doc.authority[i].max(HARD);
            condemn_span(doc, i + 1, end, v, true);
            i = end + 1;
        }
    }

    /// `ShapesStage._teaser_items`: the summaries of the teasers under `heading`, in a row.
    fn teaser_items(&self, doc: &Doc, text: &str, heading: usize) -> Vec<usize> {
        let n = doc.len();
        let mut summaries = Vec::new();
        let mut k = heading + 1;
        loop {
            let (mut j, mut worded) = (k, false);
            while j < n && j - k < self.teaser_head_lines && self.teaser_head(doc, text, j) {
                worded = worded || doc.m.units[doc.r(j)] >= 3;
                j += 1;
            }
            if j == k || !worded || j >= n || !self.teaser_summary(doc, text, j) {
                return summaries;
            }
            if j + 1 < n && is_prose(doc, j + 1) && !self.teaser_head(doc, text, j + 1) {
                return summaries; // a paragraph goes on under it: the article's own section
            }
            summaries.push(j);
            k = j + 1;
        }
    }

    /// `ShapesStage._teaser_head`: a headline (a question too), a byline, a date; no prose, no colon at its end.
    fn teaser_head(&self, doc: &Doc, text: &str, i: usize) -> bool {
        let r = doc.r(i);
        let m = &doc.m;
        doc.authority[i] < MARKUP
            && m.units[r] <= self.teaser_head_units
            && m.ends_colon[r] == 0
            && (m.ends_sentence[r] == 0 || m.units[r] < 8 || doc.text(text, i).ends_with('?'))
    }

    /// `ShapesStage._teaser_summary`: prose of a sentence or a few, not a question.
    fn teaser_summary(&self, doc: &Doc, text: &str, i: usize) -> bool {
        let r = doc.r(i);
        doc.authority[i] < MARKUP
            && is_prose(doc, i)
            && doc.m.units[r] <= self.teaser_summary_units
            && doc.m.sentences[r] <= self.teaser_summary_sentences
            && !doc.text(text, i).ends_with('?')
    }

    /// `ShapesStage._testimonials`: a carousel of testimonials (a quote, its author's name, repeated) that ends
    /// the text, with the carousel's mark (its names alone in a row next to it, or a quote printed twice).
    fn testimonials(&self, table: &Table, doc: &mut Doc, text: &str) {
        let n = doc.len();
        let v = self.verdicts.testimonials;
        let names: Vec<u8> = (0..n)
            .map(|i| self.author_line(table, doc, text, i))
            .collect();
        let mut counts = vec![0u32; doc.rows.len()];
        for &r in &doc.row {
            counts[r as usize] += 1;
        }
        let prose = prose_before(doc);
        let mut i = 0;
        while i < n {
            if names[i] == 0 {
                i += 1;
                continue;
            }
            let mut top = self.quote_above(doc, &names, i);
            if top == i {
                i += 1;
                continue;
            }
            let mut run = vec![i];
            loop {
                let last = run[run.len() - 1];
                let mut k = last + 1;
                while k < n
                    && names[k] == 0
                    && k - last <= self.testimonial_quote_lines
                    && self.quote(doc, k)
                {
                    k += 1;
                }
                if k < n && names[k] != 0 && k - last >= 2 {
                    run.push(k);
                    continue;
                }
                break;
            }
            let end = run[run.len() - 1];
            if run.len() > 1 {
                // the first item's quote as long as the second's, at most
                top = top.max(run[0].saturating_sub(run[1] - run[0] - 1));
            }
            let own = prose[end + 1] - prose[top];
            let marked = run.iter().filter(|&&k| names[k] == 2).count();
            if run.len() < self.testimonial_items
                || self.testimonial_marked * marked < run.len()
                || prose[top] < self.testimonial_article_units
                || prose[n] - prose[end + 1] > own
            {
                i = end + 1;
                continue;
            }
            let authors: Vec<&str> = run.iter().map(|&k| doc.text(text, k)).collect();
            let author = |k: usize| names[k] != 0 && authors.contains(&doc.text(text, k));
            let mut start = top;
            while start > 0 && author(start - 1) {
                start -= 1;
            }
            if top - start < self.testimonial_dots {
                start = top;
            }
            let mut close = end;
            while close + 1 < n && author(close + 1) {
                close += 1;
            }
            if close - end < self.testimonial_dots {
                close = end;
            }
            if start == top
                && close == end
                && !(top..=end).any(|k| names[k] == 0 && counts[doc.r(k)] > 1 && is_prose(doc, k))
            {
                i = end + 1; // no carousel's mark
                continue;
            }
            condemn_span(doc, start, close, v, true);
            i = close + 1;
        }
    }

    /// `ShapesStage._quote`
    fn quote(&self, doc: &Doc, i: usize) -> bool {
        doc.authority[i] < MARKUP && doc.m.words[doc.r(i)] >= self.testimonial_quote_words
    }

    /// `ShapesStage._quote_above`
    fn quote_above(&self, doc: &Doc, names: &[u8], i: usize) -> usize {
        let mut top = i;
        while top > 0
            && i - top < self.testimonial_quote_lines
            && names[top - 1] == 0
            && self.quote(doc, top - 1)
        {
            top -= 1;
        }
        top
    }

    /// `ShapesStage._author_line`
    fn author_line(&self, table: &Table, doc: &Doc, text: &str, i: usize) -> u8 {
        let r = doc.r(i);
        if doc.authority[i] >= MARKUP || doc.m.ends_colon[r] != 0 {
            return 0;
        }
        let name = self.person_name(table, doc.text(text, i));
        if name == 1 && doc.m.stops[r] != 0 {
            0
        } else {
            name
        }
    }

    /// `shapes._person_name`
    fn person_name(&self, table: &Table, text: &str) -> u8 {
        if text.chars().count() > self.person_name_chars {
            return 0;
        }
        let words: Vec<&str> = text.split(' ').collect();
        if words.len() > self.person_name_words {
            return 0;
        }
        let (mut marked, mut lettered) = (false, false);
        for word in words {
            if is_initial(table, word) || self.is_handle(word) {
                marked = true;
            } else if word.is_empty()
                || !word.chars().all(|c| {
                    table.props(c).flags & (ALPHA | DIGIT) != 0 || self.name_marks.contains(&c)
                })
            {
                return 0;
            }
            lettered = lettered || word.chars().any(|c| table.props(c).has(ALPHA));
        }
        if !lettered {
            0
        } else if marked {
            2
        } else {
            1
        }
    }

    /// `shapes._is_handle`
    fn is_handle(&self, word: &str) -> bool {
        let b = word.as_bytes();
        self.handle_chars.0 <= b.len()
            && b.len() <= self.handle_chars.1
            && b.iter().all(|c| c.is_ascii_alphanumeric() || *c == b'_')
            && b.iter().any(|c| c.is_ascii_alphabetic())
            && b.iter().any(|c| c.is_ascii_digit() || *c == b'_')
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
