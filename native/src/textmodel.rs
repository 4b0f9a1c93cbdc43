//! The text model in the core: `cleaner/textmodel/measures.py` (the document-level measures),
//! `vectors.page_measures`, the logistic scores and the Viterbi of `hmm.py`, and the stages that use them
//! (`scoring`, `context`). The columns are the Python table's, compiled by [`crate::columns`]; the weights,
//! threshold and transitions the model file's, handed over by the glue.

use std::borrow::Cow;

use crate::columns::{self, Column, PageArrays, DOC_SLOTS, LINE_SLOTS};
use crate::doc::{Doc, Reason, Signal, BODY, BOILERPLATE, HARD, MARKUP, NO_SIGNAL, SOFT};

/// The model: weights (one per column), and the HMM's numbers as `TextModel` holds them.
pub struct Model {
    pub weights: Vec<f64>,
    pub threshold: f64,
    /// `[from][to]`, -inf where impossible (already scaled, as `TextModel.log_transitions`).
    pub log_transitions: [[f64; 4]; 4],
    pub prior_body: f64,
    pub log_start: [f64; 4],
    /// `sum()` of floats is compensated from Python 3.12 on (Neumaier): add as the running Python does.
    pub compensated_sum: bool,
}

/// What the columns read besides the table: constants of `columns.py`.
pub struct ColumnRules {
    pub table: columns::Table,
    pub prose_units: u32,
    pub near_radius: usize,
    pub nearby_radius: usize,
    pub part_radius: usize,
    /// `ABOVE_MAIN_SHARE`: an end marker above the main run of prose ends the page only with this share of
    /// the main run's prose above it.
    pub above_main_share: f64,
    /// `MID_TEXT_RUN`, `MID_TEXT_WORDS`, `MID_TEXT_MIN_WORDS`: an end marker inside the text is none (`measures.mid_text`).
    pub mid_text_run: usize,
    pub mid_text_words: u32,
    pub mid_text_min_words: u32,
    /// Per signal code: is it an end marker (`END_MARKERS`)?
    pub end_marker: Vec<bool>,
    /// Per signal code: is it an interruption inside the article (`INTERRUPTIONS`: a gallery)?
    pub interruption: Vec<bool>,
    /// Per signal code: does the Viterbi read over such a line (`context.READ_OVER`: an interruption, a
    /// separator)?
    pub read_over: Vec<bool>,
    /// Per signal code: may the context stage not keep such a line (`FINAL_SIGNALS`)?
    pub final_signal: Vec<bool>,
    pub lists: ListRules,
    /// `context.tail_titles`'s constants and what it condemns a line for.
    pub titles: TitleRules,
    /// `context.tail_islands`'s constants and what it decides a line for.
    pub islands: IslandRules,
    /// `context.tail_teasers`'s constants and what it decides a line for.
    pub teasers: TeaserRules,
    /// `context.tail_box`'s constants and what it decides a line for.
    pub boxes: BoxRules,
    /// `context.HEADING_WORDS`, `context.HEADING_RUN`: a subheading's shape (`context.is_subheading`).
    pub heading_words: u32,
    pub heading_run: usize,
}

/// Blocks kept under the article, cut off from it by chrome (`context.tail_islands`): `ISLAND_GAP`,
/// `ISLAND_SHARE`, and `TAIL_ISLANDS` (the reason).
pub struct IslandRules {
    pub gap: usize,
    pub share: f64,
    pub reason: Reason,
    /// `TAIL_END_MATTER`: the reason where an end-matter heading opens the block.
    pub end_matter_reason: Reason,
    /// Per signal code: does a detector know such a line only by its shape (`SHAPE_SIGNALS`)?
    pub shape_signal: Vec<bool>,
    /// `lexicon.END_MATTER_HEADING` (`context.opens_end_matter`): a heading that starts a block of its own.
    pub end_matter: crate::patterns::Pattern,
}

/// Other stories' summaries cut short under the article (`context.tail_teasers`): `TEASER_RUN`, `TEASER_WORDS`,
/// `TEASER_GAP`, `TEASER_SHARE`, and `TAIL_TEASERS` (the reason).
pub struct TeaserRules {
    pub run: usize,
    pub words: u32,
    pub gap: usize,
    pub share: f64,
    /// `TAIL_TEASERS` and `TAIL_TEASERS_SIGNAL` (a related box: the article's foot ends there).
    pub verdict: crate::shapes::Verdict,
}

/// What is left under a box's heading below the article (`context.tail_box`): `BOX_SIGNALS` (per signal code),
/// `TAIL_TEASERS_SIGNAL` (a related box), `BOX_SHARE`, `BOX_PARAGRAPHS`, `BOX_PARAGRAPH_WORDS`, and `TAIL_BOX`.
pub struct BoxRules {
    pub signal: Vec<bool>,
    pub related: Signal,
    pub share: f64,
    pub paragraphs: usize,
    pub paragraph_words: u32,
    pub reason: Reason,
}

/// Other stories' titles after the article (`context.tail_titles`): `TITLE_RUN`, `TITLE_WORDS`,
/// `TITLE_MAX_WORDS`, `TITLE_CASE`, and `TAIL_TITLES` with its signal.
pub struct TitleRules {
    pub run: usize,
    pub words: u32,
    pub max_words: u32,
    pub case: f64,
    pub verdict: crate::shapes::Verdict,
}

/// Is `signal` one the context stage may not overrule (`FINAL_SIGNALS`: a detector named the line for what
/// it is about)? A code past the table (none is) counts as not final.
fn is_final(final_signal: &[bool], signal: Signal) -> bool {
    final_signal.get(signal as usize).copied().unwrap_or(false)
}

/// Is `signal` an interruption inside the article (`INTERRUPTIONS`)? A code past the table counts as not.
fn is_interruption(interruption: &[bool], signal: Signal) -> bool {
    interruption.get(signal as usize).copied().unwrap_or(false)
}

/// Does the Viterbi read over a line of `signal` (`READ_OVER`)? A code past the table counts as not.
fn is_read_over(read_over: &[bool], signal: Signal) -> bool {
    read_over.get(signal as usize).copied().unwrap_or(false)
}

/// `context.smoothed`: the Viterbi's labels read over the lines without those that are neither on the text nor
/// off it (`READ_OVER`: an interruption inside the article, a gallery; a separator).
fn smoothed(rules: &ColumnRules, model: &Model, doc: &Doc) -> Vec<bool> {
    let skip: Vec<bool> = (0..doc.len())
        .map(|i| is_read_over(&rules.read_over, doc.signal[i]))
        .collect();
    smoothed_over(model, doc, &skip)
}

/// The Viterbi's labels over the lines without those of `skip` (false for them).
fn smoothed_over(model: &Model, doc: &Doc, skip: &[bool]) -> Vec<bool> {
    let kept: Vec<usize> = (0..doc.len()).filter(|&i| !skip[i]).collect();
    if kept.len() == doc.len() {
        return model.smooth(&doc.score);
    }
    let scores: Vec<f64> = kept.iter().map(|&i| doc.score[i]).collect();
    let mut labels = vec![false; doc.len()];
    for (&i, body) in kept.iter().zip(model.smooth(&scores)) {
        labels[i] = body;
    }
    labels
}

/// What makes a list that reads as text (`measures.content_lists`'s constants).
pub struct ListRules {
    /// `LIST_BULLETS`
    pub bullets: Vec<char>,
    /// `LIST_RUN`
    pub run: usize,
    /// `LIST_ITEM_UNITS`
    pub item_units: u32,
    /// `LIST_MARKER_CHARS`
    pub marker_chars: usize,
    /// `LIST_TITLE_CASED`
    pub title_cased: f64,
    /// `_TEXT_MARKS`
    pub text_marks: Vec<char>,
}

/// What the scoring stage read, kept to make a line's vector again (`--explain`).
pub struct Scored {
    pub vars_doc: [f64; DOC_SLOTS],
    pub page: PageArrays,
    pub signal: Vec<Signal>,
}

/// `is_prose`
#[inline]
fn is_prose(doc: &Doc, rules: &ColumnRules, i: usize) -> bool {
    let r = doc.r(i);
    doc.m.ends_sentence[r] != 0 && doc.m.units[r] >= rules.prose_units
}

fn content(doc: &Doc, i: usize) -> &[u32] {
    let r = doc.r(i);
    let m = &doc.m;
    &m.content_ids[m.content_offsets[r] as usize..m.content_offsets[r + 1] as usize]
}

/// `len(lower(line)) >= 12 and lower(line) in first` (`first` lower-cased already), with `lowered` a buffer.
/// An ASCII line lower-cases to as many characters and bytes: one shorter than 12 or longer than `first` is
/// answered by its length, neither lower-cased nor searched for (a searcher was built for each line).
fn in_first_line(
    table: &crate::unicode::Table,
    first: &str,
    line: &str,
    lowered: &mut String,
) -> bool {
    if line.is_ascii() && !(12..=first.len()).contains(&line.len()) {
        return false;
    }
    lowered.clear();
    table.lower_str_into(line, 0, line.len(), lowered);
    lowered.chars().count() >= 12 && first.contains(lowered.as_str())
}

/// `len(set(a).intersection(b))` for two lists of distinct ids.
fn shared(a: &[u32], b: &[u32]) -> usize {
    b.iter().filter(|x| a.contains(x)).count()
}

/// `measures.headline_line`
fn headline_line(
    table: &crate::unicode::Table,
    doc: &Doc,
    text: &str,
    prose: &[bool],
) -> Option<usize> {
    let n = doc.len();
    let mut first = String::new();
    let line0 = doc.text(text, 0);
    table.lower_str_into(line0, 0, line0.len(), &mut first);
    let title_words = content(doc, 0);
    let mut best = None;
    let mut best_prose = 0usize;
    let mut lowered = String::new();
    for i in 1..n {
        let r = doc.r(i);
        let units = doc.m.units[r];
        let line = doc.text(text, i);
        if !(2..=30).contains(&units) || doc.m.ends_sentence[r] != 0 && !line.ends_with(['?', '!'])
        {
            continue;
        }
        let shares = (title_words.len() >= 3
            && shared(title_words, content(doc, i)) as f64 >= 0.7 * title_words.len() as f64)
            || in_first_line(table, &first, line, &mut lowered);
        if !shares {
            continue;
        }
        let below = prose[(i + 1).min(n)..(i + 16).min(n)]
            .iter()
            .filter(|&&p| p)
            .count();
        if below > best_prose {
            best = Some(i);
            best_prose = below;
        }
    }
    best
}

/// Which of a document's topic words (ids index its vocabulary) a set holds: `marks[id] == now` (one array
/// for every set of the document, each a new stamp: no set is cleared or searched word by word).
struct Marks {
    marks: Vec<u32>,
    now: u32,
}

impl Marks {
    /// Room for every topic word of `doc`.
    fn new(doc: &Doc) -> Marks {
        let words = doc
            .m
            .content_ids
            .iter()
            .max()
            .map_or(0, |&id| id as usize + 1);
        Marks {
            marks: vec![0; words],
            now: 0,
        }
    }

    /// A new, empty set.
    fn start(&mut self) {
        self.now += 1;
    }

    fn insert(&mut self, ids: &[u32]) {
        for &id in ids {
            self.marks[id as usize] = self.now;
        }
    }

    /// How many of `ids` the set holds (`len(set(ids).intersection(set))` for distinct ids).
    fn count(&self, ids: &[u32]) -> usize {
        ids.iter()
            .filter(|&&id| self.marks[id as usize] == self.now)
            .count()
    }
}

/// `measures.cohesion`
fn cohesion(doc: &Doc, marks: &mut Marks) -> Vec<f64> {
    let n = doc.len();
    let mut out = vec![0.0; n];
    for (i, value) in out.iter_mut().enumerate() {
        let words = content(doc, i);
        if words.len() < 3 {
            continue;
        }
        marks.start();
        for j in i.saturating_sub(2)..(i + 3).min(n) {
            if j != i {
                marks.insert(content(doc, j));
            }
        }
        let found = marks.count(words);
        *value = (found as f64 / words.len() as f64 * 3.0).min(1.0);
    }
    out
}

/// `measures.prose_stop_level`
fn prose_stop_level(doc: &Doc) -> f64 {
    let m = &doc.m;
    let rows = || doc.row.iter().map(|&r| r as usize);
    let mut ratios: Vec<f64> = rows()
        .filter(|&r| m.units[r] >= 10 && m.ends_sentence[r] != 0)
        .map(|r| m.stop_ratio[r])
        .collect();
    if ratios.len() < 3 {
        ratios = rows()
            .filter(|&r| m.units[r] >= 6)
            .map(|r| m.stop_ratio[r])
            .collect();
    }
    if ratios.is_empty() {
        return 0.35;
    }
    ratios.sort_by(|a, b| a.total_cmp(b));
    let at = (0.7 * (ratios.len() - 1) as f64) as usize;
    ratios[at].max(0.05)
}

/// `measures.max_sum_run`: the span `[start, end)` whose values add up to the most (Kadane's scan), or
/// `None` where no span adds up to more than nothing. One scan for the prose anchor and the best run.
fn max_sum_run(values: impl Iterator<Item = f64>) -> Option<(usize, usize)> {
    let (mut best, mut best_span) = (0.0f64, None);
    let (mut total, mut start) = (0.0f64, 0usize);
    for (i, value) in values.enumerate() {
        if total <= 0.0 {
            total = value;
            start = i;
        } else {
            total += value;
        }
        if total > best {
            best = total;
            best_span = Some((start, i + 1));
        }
    }
    best_span
}

/// `vectors.run_prose`: the lines the main run of prose counts as prose: the prose, and in a script written
/// without spaces (`char_mode`) every line that ends a sentence and that no detector named (a blog's short
/// lines of one sentence each).
fn run_prose<'a>(doc: &Doc, prose: &'a [bool], signal: &[Signal]) -> Cow<'a, [bool]> {
    if !doc.char_mode {
        return Cow::Borrowed(prose);
    }
    (0..doc.len())
        .map(|i| prose[i] || (doc.m.ends_sentence[doc.r(i)] != 0 && signal[i] == NO_SIGNAL))
        .collect()
}

/// `measures.anchor`: the stretch with the most prose (max-sum run); an item of a list that reads as
/// text counts as prose, a line of an interruption inside the article (a gallery) as nothing.
fn anchor(
    doc: &Doc,
    prose: &[bool],
    listed: &[bool],
    end_marker: &[bool],
    interrupted: &[bool],
) -> (usize, usize) {
    let values = (0..doc.len()).map(|i| {
        let units = doc.m.units[doc.r(i)];
        if end_marker[i] {
            -1000.0
        } else if interrupted[i] {
            0.0
        } else if prose[i] || listed[i] {
            units as f64
        } else {
            -(units.min(10) as f64 + 2.0)
        }
    });
    max_sum_run(values).unwrap_or((0, 0))
}

/// `measures.mid_text`: is line `i` (an end marker) a paragraph inside the text? A paragraph of at least
/// `mid_text_min_words` words, prose right above it and prose below it, at once or under at most `mid_text_run`
/// short headings (`mid_text_words` words at most), none of them a detector's.
fn mid_text(rules: &ColumnRules, doc: &Doc, prose: &[bool], signal: &[Signal], i: usize) -> bool {
    let (run, words) = (rules.mid_text_run, rules.mid_text_words);
    let n = doc.len();
    if !prose[i]
        || doc.m.words[doc.r(i)] < rules.mid_text_min_words
        || i == 0
        || !prose[i - 1]
        || signal[i - 1] != NO_SIGNAL
    {
        return false;
    }
    for j in (i + 1)..(i + 2 + run).min(n) {
        if signal[j] != NO_SIGNAL {
            return false;
        }
        if prose[j] {
            return true;
        }
        let r = doc.r(j);
        let w = doc.m.words[r];
        if !(1..=words).contains(&w) || doc.m.ends_sentence[r] != 0 || doc.m.ends_colon[r] != 0 {
            return false;
        }
    }
    false
}

/// `measures.closing_start`: where the page's closing chrome begins (`ended_at`): the first end marker after
/// the first prose that is at or after the main run of prose (`start`), or above it with at least
/// `above_main_share` of the main run's prose units above it; `n` if none.
fn closing_start(
    doc: &Doc,
    prose: &[bool],
    end_marker: &[bool],
    start: usize,
    end: usize,
    above_main_share: f64,
) -> usize {
    let units = |i: usize| doc.m.units[doc.r(i)] as u64;
    let main: u64 = (start..end).filter(|&i| prose[i]).map(units).sum();
    let mut above: u64 = 0;
    let mut seen = false;
    for i in 0..doc.len() {
        if end_marker[i] && seen && (i >= start || above as f64 >= above_main_share * main as f64) {
            return i;
        }
        if prose[i] {
            above += units(i);
            seen = true;
        }
    }
    doc.len()
}

/// `measures.window_counts`
fn window_counts(flags: &[bool], radius: usize) -> Vec<f64> {
    let n = flags.len();
    let mut prefix = Vec::with_capacity(n + 1);
    prefix.push(0usize);
    for &f in flags {
        prefix.push(prefix[prefix.len() - 1] + f as usize);
    }
    (0..n)
        .map(|i| (prefix[(i + radius + 1).min(n)] - prefix[i.saturating_sub(radius)]) as f64)
        .collect()
}

/// `measures.colon_lists`
fn colon_lists(doc: &Doc, longest: usize) -> Vec<bool> {
    let n = doc.len();
    let m = &doc.m;
    let mut out = vec![false; n];
    let mut i = 0;
    while i < n {
        let r = doc.r(i);
        if m.ends_colon[r] != 0 && m.units[r] >= 3 {
            let mut j = i + 1;
            while j < n && j - i <= longest && {
                let rj = doc.r(j);
                m.ends_colon[rj] == 0 && !(m.ends_sentence[rj] != 0 && m.units[rj] >= 8)
            } {
                out[j] = true;
                j += 1;
            }
            i = j;
        } else {
            i += 1;
        }
    }
    out
}

/// A list item's marker (`measures.list_marker`): 1 a quantity (a number, a word in lower case), 2 a number and "." or ")", else
/// 3 + the bullet's code point; 0 none.
fn list_marker(lists: &ListRules, table: &crate::unicode::Table, text: &str) -> u32 {
    // (a marker opens with a bullet or a digit: most lines are none, and are not read further)
    let opens = |c: char| c.is_ascii_digit() || lists.bullets.contains(&c);
    if lists.marker_chars == 0 || !text.chars().next().is_some_and(opens) {
        return 0;
    }
    let chars: Vec<char> = text.chars().take(lists.marker_chars).collect();
    let at = |k: usize| chars.get(k).copied();
    if chars.len() > 2 && lists.bullets.contains(&chars[0]) && chars[1] == ' ' {
        return 3 + chars[0] as u32;
    }
    let digits = chars.iter().take_while(|c| c.is_ascii_digit()).count();
    if digits == 0 {
        return 0;
    }
    if digits <= 3 && matches!(at(digits), Some('.') | Some(')')) && at(digits + 1) == Some(' ') {
        return 2;
    }
    let mut end = digits;
    while matches!(at(end), Some(c) if c.is_ascii_digit() || c == '.' || c == ',' || c == '/') {
        end += 1;
    }
    if at(end) == Some(' ')
        && matches!(at(end + 1), Some(c) if table.props(c).has(crate::unicode::LOWER))
    {
        return 1;
    }
    0
}

/// `measures.content_lists`: lines in a run of list items that read as text, one marker for the run (not in
/// title case, not named by a final signal).
fn content_lists(
    lists: &ListRules,
    table: &crate::unicode::Table,
    doc: &Doc,
    text: &str,
    signal: &[Signal],
    final_signal: &[bool],
) -> Vec<bool> {
    let n = doc.len();
    let m = &doc.m;
    let keys: Vec<u32> = (0..n)
        .map(|i| {
            let r = doc.r(i);
            if m.units[r] < lists.item_units
                || m.title_ratio[r] > lists.title_cased
                || is_final(final_signal, signal[i])
            {
                return 0;
            }
            let line = doc.text(text, i);
            let marker = list_marker(lists, table, line);
            if marker == 0 {
                return 0;
            }
            let reads = m.stops[r] > 0
                || marker == 1
                || line.chars().any(|c| lists.text_marks.contains(&c));
            if reads {
                marker
            } else {
                0
            }
        })
        .collect();
    let mut out = vec![false; n];
    let mut i = 0;
    while i < n {
        let mut j = i + 1;
        while j < n && keys[i] != 0 && keys[j] == keys[i] {
            j += 1;
        }
        if keys[i] != 0 && j - i >= lists.run {
            out[i..j].iter_mut().for_each(|x| *x = true);
        }
        i = j;
    }
    out
}

/// `measures.distances`
fn distances(flags: &[bool]) -> Vec<f64> {
    let n = flags.len();
    let far = n + 1;
    let mut left = vec![far; n];
    let mut last: Option<usize> = None;
    for i in 0..n {
        left[i] = last.map_or(far, |l| i - l);
        if flags[i] {
            last = Some(i);
        }
    }
    let mut out = vec![far as f64; n];
    last = None;
    for i in (0..n).rev() {
        out[i] = left[i].min(last.map_or(far, |l| l - i)) as f64;
        if flags[i] {
            last = Some(i);
        }
    }
    out
}

/// `measures.short_runs`
fn short_runs(doc: &Doc) -> Vec<f64> {
    let n = doc.len();
    let m = &doc.m;
    let mut runs = vec![0.0; n];
    let mut i = 0;
    while i < n {
        let mut j = i;
        while j < n && {
            let r = doc.r(j);
            m.units[r] <= 4 && m.ends_sentence[r] == 0
        } {
            j += 1;
        }
        for value in &mut runs[i..j] {
            *value = (j - i) as f64;
        }
        i = if j == i { j + 1 } else { j };
    }
    runs
}

fn floats(flags: &[bool]) -> Vec<f64> {
    flags.iter().map(|&b| if b { 1.0 } else { 0.0 }).collect()
}

/// What an expression reads over `len` lines ([`columns::Lines`]).
fn over<'s>(
    doc: &'s [f64],
    page: &'s PageArrays,
    slots: &'s [Vec<f64>],
    len: usize,
) -> columns::Lines<'s> {
    columns::Lines {
        doc,
        slots,
        page,
        len,
    }
}

impl ColumnRules {
    /// `vectors.page_measures`: what the columns read about the whole document.
    pub fn page(
        &self,
        table: &crate::unicode::Table,
        doc: &Doc,
        text: &str,
        signal: &[Signal],
    ) -> ([f64; DOC_SLOTS], PageArrays) {
        let n = doc.len();
        let prose: Vec<bool> = (0..n).map(|i| is_prose(doc, self, i)).collect();
        let end_marker: Vec<bool> = (0..n)
            .map(|i| {
                !doc.between_posts[i]
                    && self
                        .end_marker
                        .get(signal[i] as usize)
                        .copied()
                        .unwrap_or(false)
                    && !mid_text(self, doc, &prose, signal, i)
            })
            .collect();
        let listed = content_lists(&self.lists, table, doc, text, signal, &self.final_signal);
        let interrupted: Vec<bool> = signal
            .iter()
            .map(|&s| is_interruption(&self.interruption, s))
            .collect();
        let counted = run_prose(doc, &prose, signal);
        let (start, end) = anchor(doc, &counted, &listed, &end_marker, &interrupted);
        let title = content(doc, 0);
        let mut marks = Marks::new(doc);
        marks.start();
        marks.insert(title);
        let mut overlap: Vec<f64> = (0..n)
            .map(|i| {
                let words = content(doc, i);
                if !title.is_empty() && !words.is_empty() {
                    marks.count(words) as f64 / title.len() as f64
                } else {
                    0.0
                }
            })
            .collect();
        overlap[0] = 0.0;
        let ended_at = closing_start(doc, &prose, &end_marker, start, end, self.above_main_share);
        let headline = headline_line(table, doc, text, &prose);
        let reference = if doc.has_stoplist {
            prose_stop_level(doc)
        } else {
            0.0
        };
        let vars = [
            n as f64,
            doc.has_stoplist as u8 as f64,
            doc.char_mode as u8 as f64,
            reference,
            start as f64,
            end as f64,
            ended_at as f64,
            headline.map_or(f64::NAN, |h| h as f64),
        ];
        let page = PageArrays {
            chrome: signal
                .iter()
                .map(|&s| if s != NO_SIGNAL { 1.0 } else { 0.0 })
                .collect(),
            prose_near: window_counts(&prose, self.near_radius),
            prose_nearby: window_counts(&prose, self.nearby_radius),
            prose_in_part: window_counts(&prose, self.part_radius),
            to_prose: distances(&prose),
            shorts: short_runs(doc),
            overlap,
            cohesive: cohesion(doc, &mut marks),
            colon_list: floats(&colon_lists(doc, 40)),
            content_list: floats(&listed),
            prose: floats(&prose),
        };
        (vars, page)
    }

    /// Line variable `k` (`BASE_NAMES[DOC_SLOTS + k]`: `i`, `u`, the `f.*` measures) of each of `lines`.
    fn line_var(doc: &Doc, k: usize, lines: &[usize], out: &mut Vec<f64>) {
        let m = &doc.m;
        let rows = lines.iter().map(|&i| doc.r(i));
        match k {
            0 => out.extend(lines.iter().map(|&i| i as f64)),
            1 | 4 => out.extend(rows.map(|r| m.units[r] as f64)),
            2 => out.extend(rows.map(|r| m.words[r] as f64)),
            3 => out.extend(rows.map(|r| m.chars[r] as f64)),
            5 => out.extend(rows.map(|r| m.stops[r] as f64)),
            6 => out.extend(rows.map(|r| m.stop_ratio[r])),
            7 => out.extend(rows.map(|r| m.ends_sentence[r] as f64)),
            8 => out.extend(rows.map(|r| m.ends_colon[r] as f64)),
            9 => out.extend(rows.map(|r| m.sentences[r] as f64)),
            10 => out.extend(rows.map(|r| m.title_ratio[r])),
            11 => out.extend(rows.map(|r| m.upper[r] as f64)),
            12 => out.extend(rows.map(|r| m.alpha_ratio[r])),
            13 => out.extend(rows.map(|r| m.digit_ratio[r])),
            14 => out.extend(rows.map(|r| m.inner_dateline[r] as f64)),
            _ => unreachable!("a line variable past BASE_NAMES"),
        }
    }

    /// The variables of `lines` as columns (`slots[s][k]`: slot `s` on the k-th of them): the lines'
    /// own that an expression to come reads (`reads[s]`) filled, the rest empty until a column or term is
    /// stored there (each is stored before an expression reads it, in the table's order: a column made for
    /// each was dropped unread). The document's are read as numbers ([`columns::Lines`]), not columns.
    fn slot_columns(
        &self,
        doc: &Doc,
        lines: &[usize],
        reads: impl Fn(usize) -> bool,
    ) -> Vec<Vec<f64>> {
        let m = lines.len();
        let mut slots: Vec<Vec<f64>> = Vec::with_capacity(self.table.slots);
        slots.resize_with(DOC_SLOTS, Vec::new);
        for k in 0..LINE_SLOTS {
            let mut column = Vec::new();
            if reads(DOC_SLOTS + k) {
                column.reserve_exact(m);
                Self::line_var(doc, k, lines, &mut column);
            }
            slots.push(column);
        }
        slots.resize_with(self.table.slots, Vec::new);
        slots
    }

    /// The vectors of lines `lines` as columns, each handed to `column` in the table's order
    /// (`column(c, values)`: column `c`'s value on each line), the whole table evaluated a column at a
    /// time over the chunk ([`columns::Expr::eval_lines`]); `own` holds each row's LINE columns, computed
    /// at the row's first line. The scoring stage adds each column into the lines' sums as it comes
    /// ([`Model::add_column`]): the chunk's columns are not kept, nor turned into a row a line.
    #[allow(clippy::too_many_arguments)]
    fn vectors(
        &self,
        doc: &Doc,
        lines: std::ops::Range<usize>,
        signal: &[Signal],
        page: &PageArrays,
        vars_doc: &[f64; DOC_SLOTS],
        own: &mut OwnColumns,
        sink: &mut impl ColumnSink,
    ) {
        let t = &self.table;
        let chunk: Vec<usize> = lines.collect();
        let m = chunk.len();
        if !own.keep {
            // the LINE columns over the chunk itself, handed on as they come
            let mut slots = self.slot_columns(doc, &chunk, |s| t.own_reads[s] || t.rest_reads[s]);
            for (c, (expr, slot)) in t.own.iter().enumerate() {
                let values = expr.eval_lines(&over(vars_doc, page, &slots, m));
                sink.column(c, &values);
                match slot {
                    Some(slot) if t.rest_reads[*slot] => slots[*slot] = values,
                    _ => {}
                }
            }
            self.around(&chunk, signal, page, vars_doc, slots, sink);
            return;
        }
        let firsts: Vec<usize> = chunk
            .iter()
            .copied()
            .filter(|&i| own.claim(doc.r(i)))
            .collect();
        if !firsts.is_empty() {
            let slots = self.slot_columns(doc, &firsts, |s| t.own_reads[s]);
            for (c, (expr, _)) in t.own.iter().enumerate() {
                let values = expr.eval_lines(&over(vars_doc, page, &slots, firsts.len()));
                for (&i, value) in firsts.iter().zip(values) {
                    own.values[doc.r(i) * own.width + c] = value;
                }
            }
        }
        let mut slots = self.slot_columns(doc, &chunk, |s| t.rest_reads[s]);
        let mut values: Vec<f64> = Vec::with_capacity(m);
        for (c, (_, slot)) in t.own.iter().enumerate() {
            values.clear();
            values.extend(chunk.iter().map(|&i| own.values[doc.r(i) * own.width + c]));
            sink.column(c, &values);
            match slot {
                Some(slot) if t.rest_reads[*slot] => slots[*slot].clone_from(&values),
                _ => {}
            }
        }
        self.around(&chunk, signal, page, vars_doc, slots, sink);
    }

    /// The terms and the columns after the LINE ones over `chunk`, its LINE columns in `slots`.
    #[allow(clippy::too_many_arguments)]
    fn around(
        &self,
        chunk: &[usize],
        signal: &[Signal],
        page: &PageArrays,
        vars_doc: &[f64; DOC_SLOTS],
        mut slots: Vec<Vec<f64>>,
        sink: &mut impl ColumnSink,
    ) {
        let t = &self.table;
        let m = chunk.len();
        for (expr, slot) in &t.terms {
            slots[*slot] = expr.eval_lines(&over(vars_doc, page, &slots, m));
        }
        let lines_signal = &signal[chunk[0]..chunk[0] + m];
        let mut block: Vec<Signal> = Vec::new();
        for (c, around) in (t.own.len()..).zip(&t.around) {
            match around {
                Column::Computed(expr, slot) => {
                    if !block.is_empty() {
                        sink.one_hot(c - block.len(), &block, lines_signal);
                        block.clear();
                    }
                    let computed = expr.eval_lines(&over(vars_doc, page, &slots, m));
                    sink.column(c, &computed);
                    if let Some(slot) = slot {
                        slots[*slot] = computed;
                    }
                }
                // (a run of one-hot columns is handed over together)
                Column::Signal(s) => block.push(*s),
            }
        }
        if !block.is_empty() {
            sink.one_hot(t.width() - block.len(), &block, lines_signal);
        }
    }
}

/// Where [`ColumnRules::vectors`] hands a chunk's columns, in the table's order.
trait ColumnSink {
    /// Column `c`'s value on each line.
    fn column(&mut self, c: usize, values: &[f64]);

    /// Columns `first..first + signals.len()`, one-hot: column `first + j` is 1.0 on the lines whose
    /// signal (`lines[k]`) is `signals[j]`, else 0.0.
    fn one_hot(&mut self, first: usize, signals: &[Signal], lines: &[Signal]) {
        one_hot_columns(first, signals, lines, |c, values| self.column(c, values));
    }
}

/// The one-hot columns of [`ColumnSink::one_hot`], one at a time.
fn one_hot_columns(
    first: usize,
    signals: &[Signal],
    lines: &[Signal],
    mut column: impl FnMut(usize, &[f64]),
) {
    let mut values = Vec::with_capacity(lines.len());
    for (j, s) in signals.iter().enumerate() {
        values.clear();
        values.extend(lines.iter().map(|l| if l == s { 1.0 } else { 0.0 }));
        column(first + j, &values);
    }
}

/// The scoring stage's sink: each column added into the lines' sums as it comes.
struct SumSink<'a> {
    model: &'a Model,
    sums: &'a mut Sums,
}

impl ColumnSink for SumSink<'_> {
    fn column(&mut self, c: usize, values: &[f64]) {
        self.model.add_column(self.sums, c, values);
    }

    fn one_hot(&mut self, first: usize, signals: &[Signal], lines: &[Signal]) {
        self.model.add_one_hot(self.sums, first, signals, lines);
    }
}

/// `--explain`'s sink: one line's vector.
struct VectorSink(Vec<f64>);

impl ColumnSink for VectorSink {
    fn column(&mut self, _: usize, values: &[f64]) {
        self.0.push(values[0]);
    }
}

/// Lines whose vectors are made together: the table is walked once per chunk, and the columns of a
/// chunk stay small whatever the dump's size.
const CHUNK: usize = 256;

/// A row's LINE columns are its lines' own when they read only its measures and the document's; kept (`keep`)
/// only where one reads the line's index (`i`) and a line repeats another's row: then the row's first line
/// gives them, as Python's, which measures a repeated line once.
struct OwnColumns {
    width: usize,
    keep: bool,
    values: Vec<f64>,
    done: Vec<bool>,
}

impl OwnColumns {
    fn new(doc: &Doc, table: &columns::Table) -> Self {
        let (rows, width) = (doc.rows.len(), table.own.len());
        let keep = table.own_reads[DOC_SLOTS] && rows < doc.len();
        OwnColumns {
            width,
            keep,
            values: if keep {
                vec![0.0; rows * width]
            } else {
                Vec::new()
            },
            done: if keep { vec![false; rows] } else { Vec::new() },
        }
    }

    /// True the first time row `r` is asked for (its columns are then computed).
    fn claim(&mut self, r: usize) -> bool {
        !std::mem::replace(&mut self.done[r], true)
    }
}

/// The running sums of `sum(map(float.__mul__, weights, vector))` for a chunk's lines, added a column at
/// a time ([`Model::add_column`]): each line's terms are added in the columns' order, as Python adds them.
struct Sums {
    total: Vec<f64>,
    /// the compensation (Neumaier's), when the running Python's sum() keeps one
    carry: Vec<f64>,
}

impl Sums {
    fn new() -> Sums {
        Sums {
            total: Vec::new(),
            carry: Vec::new(),
        }
    }
}

impl Model {
    /// Add column `c`'s terms (`weights[c] * value`, one a line) into the lines' sums; column 0 starts
    /// them (`sum()` starts from the int 0: the first float added to it is the float itself, -0.0
    /// becomes 0.0). The same additions in the same order as [`Model::z`] makes for one vector.
    fn add_column(&self, sums: &mut Sums, c: usize, values: &[f64]) {
        let w = self.weights[c];
        if c == 0 {
            sums.total.clear();
            sums.total.extend(values.iter().map(|x| 0.0 + w * x));
            sums.carry.clear();
            sums.carry.resize(values.len(), 0.0);
            return;
        }
        if !self.compensated_sum {
            for (total, x) in sums.total.iter_mut().zip(values) {
                *total += w * x;
            }
            return;
        }
        for ((total, c), x) in sums.total.iter_mut().zip(&mut sums.carry).zip(values) {
            let x = w * x;
            let t = *total + x;
            if total.abs() >= x.abs() {
                *c += (*total - t) + x;
            } else {
                *c += (x - t) + *total;
            }
            *total = t;
        }
    }

    /// Add one-hot columns' terms ([`ColumnSink::one_hot`]) as [`Model::add_column`] adds them, a line's
    /// 1.0 alone: its 0.0s add `w * 0.0`, ±0.0 for a finite weight, which leaves the sums as they were (a
    /// sum is never -0.0: it starts from `0.0 + ...`, and `x + y` is -0.0 only for two -0.0s; nor is its
    /// compensation, from 0.0; a sum's infinity or NaN stays one, and makes the line's probability
    /// the same). So the block costs one look a line rather than a column a signal.
    fn add_one_hot(&self, sums: &mut Sums, first: usize, signals: &[Signal], lines: &[Signal]) {
        const NONE: usize = usize::MAX;
        let mut column_of = [NONE; 256];
        let mut fits = first > 0;
        for (j, &s) in signals.iter().enumerate() {
            fits &= column_of[s as usize] == NONE && self.weights[first + j].is_finite();
            column_of[s as usize] = first + j;
        }
        if !fits {
            // (a block that starts the sums, a signal twice, an infinite weight: column by column)
            one_hot_columns(first, signals, lines, |c, values| {
                self.add_column(sums, c, values)
            });
            return;
        }
        for (k, &s) in lines.iter().enumerate() {
            let c = column_of[s as usize];
            if c == NONE {
                continue;
            }
            let x = self.weights[c] * 1.0;
            let total = &mut sums.total[k];
            if !self.compensated_sum {
                *total += x;
                continue;
            }
            let t = *total + x;
            if total.abs() >= x.abs() {
                sums.carry[k] += (*total - t) + x;
            } else {
                sums.carry[k] += (x - t) + *total;
            }
            *total = t;
        }
    }

    /// Line `k`'s sum, its columns all added ([`Model::add_column`]); 0.0 with no columns.
    fn z_of(&self, sums: &Sums, k: usize) -> f64 {
        let Some(&total) = sums.total.get(k) else {
            return 0.0;
        };
        let c = sums.carry[k];
        if self.compensated_sum && c != 0.0 && c.is_finite() {
            total + c
        } else {
            total
        }
    }

    /// The logistic of a line's sum (`TextModel.probabilities`).
    fn logistic(z: f64) -> f64 {
        if z > -30.0 {
            1.0 / (1.0 + (-z).exp())
        } else {
            0.0
        }
    }

    /// `sum(map(float.__mul__, weights, vector))` as the running Python adds, for one vector: the
    /// reference [`Model::add_column`]'s sums are tested against.
    #[cfg(test)]
    fn z(&self, vector: &[f64]) -> f64 {
        let mut terms = self.weights.iter().zip(vector).map(|(w, x)| w * x);
        // sum() starts from the int 0: the first float added to it is the float itself (-0.0 becomes 0.0)
        let Some(first) = terms.next() else {
            return 0.0;
        };
        let mut total = 0.0 + first;
        if !self.compensated_sum {
            for x in terms {
                total += x;
            }
            return total;
        }
        let mut c = 0.0f64;
        for x in terms {
            let t = total + x;
            if total.abs() >= x.abs() {
                c += (total - t) + x;
            } else {
                c += (x - t) + total;
            }
            total = t;
        }
        if c != 0.0 && c.is_finite() {
            total += c;
        }
        total
    }

    /// `TextModel.smooth`: Viterbi over before/body/gap/after.
    pub fn smooth(&self, probabilities: &[f64]) -> Vec<bool> {
        const BEFORE: usize = 0;
        const BODY_STATE: usize = 1;
        const GAP: usize = 2;
        const AFTER: usize = 3;
        let n = probabilities.len();
        if n == 0 {
            return Vec::new();
        }
        let log_prior_body = self.prior_body.ln();
        let log_prior_chrome = (1.0 - self.prior_body).ln();
        let bias = (self.threshold / (1.0 - self.threshold)).ln();
        let t = &self.log_transitions;
        let (bb, bk) = (t[BEFORE][BEFORE], t[BEFORE][BODY_STATE]);
        let (kk, kg, ka) = (
            t[BODY_STATE][BODY_STATE],
            t[BODY_STATE][GAP],
            t[BODY_STATE][AFTER],
        );
        let (gk, gg, ga) = (t[GAP][BODY_STATE], t[GAP][GAP], t[GAP][AFTER]);
        let aa = t[AFTER][AFTER];
        let mut back: Vec<[u8; 4]> = Vec::with_capacity(n);
        let (mut s_b, mut s_k, mut s_g, mut s_a) = (0.0f64, 0.0f64, 0.0f64, 0.0f64);
        for (i, &p) in probabilities.iter().enumerate() {
            let p = p.clamp(1e-6, 1.0 - 1e-6);
            let emit_body = p.ln() - log_prior_body - bias;
            let emit_chrome = (1.0 - p).ln() - log_prior_chrome;
            if i == 0 {
                let start = &self.log_start;
                s_b = start[0] + emit_chrome;
                s_k = start[1] + emit_body;
                s_g = start[2] + emit_chrome;
                s_a = start[3] + emit_chrome;
                back.push([0, 1, 2, 3]);
                continue;
            }
            let to_b = s_b + bb;
            let (from_b, from_k, from_g) = (s_b + bk, s_k + kk, s_g + gk);
            let (to_k, k_from) = if from_b >= from_k && from_b >= from_g {
                (from_b, BEFORE)
            } else if from_k >= from_g {
                (from_k, BODY_STATE)
            } else {
                (from_g, GAP)
            };
            let (from_k, from_g) = (s_k + kg, s_g + gg);
            let (to_g, g_from) = if from_k >= from_g {
                (from_k, BODY_STATE)
            } else {
                (from_g, GAP)
            };
            let (from_k, from_g, from_a) = (s_k + ka, s_g + ga, s_a + aa);
            let (to_a, a_from) = if from_k >= from_g && from_k >= from_a {
                (from_k, BODY_STATE)
            } else if from_g >= from_a {
                (from_g, GAP)
            } else {
                (from_a, AFTER)
            };
            s_b = to_b + emit_chrome;
            s_k = to_k + emit_body;
            s_g = to_g + emit_chrome;
            s_a = to_a + emit_chrome;
            back.push([BEFORE as u8, k_from as u8, g_from as u8, a_from as u8]);
        }
        let scores = [s_b, s_k, s_g, s_a];
        // max(_STATES, key=...): the first of equal scores
        let mut state = 0usize;
        for s in 1..4 {
            if scores[s] > scores[state] {
                state = s;
            }
        }
        let mut labels = vec![false; n];
        for i in (0..n).rev() {
            labels[i] = state == BODY_STATE;
            state = back[i][state] as usize;
        }
        if !labels.iter().any(|&l| l) {
            self.keep_best_run(probabilities, &mut labels);
        }
        labels
    }

    /// `TextModel._keep_best_run`
    fn keep_best_run(&self, probabilities: &[f64], labels: &mut [bool]) {
        let best_span = max_sum_run(probabilities.iter().map(|&p| p - self.threshold));
        if let Some((from, to)) = best_span {
            for i in from..to {
                labels[i] = probabilities[i] >= self.threshold;
            }
        }
    }
}

/// Stage `scoring`: each line's probability of being body (`ScoringStage`).
pub fn scoring(
    rules: &ColumnRules,
    model: &Model,
    table: &crate::unicode::Table,
    doc: &mut Doc,
    text: &str,
) {
    let n = doc.len();
    if n == 0 || doc.authority.iter().all(|&a| a >= MARKUP) {
        return;
    }
    let signal = doc.signal.clone();
    let (vars_doc, page) = rules.page(table, doc, text, &signal);
    let mut own = OwnColumns::new(doc, &rules.table);
    let mut sums = Sums::new();
    for start in (0..n).step_by(CHUNK) {
        let lines = start..(start + CHUNK).min(n);
        sums.total.clear();
        rules.vectors(
            doc,
            lines.clone(),
            &signal,
            &page,
            &vars_doc,
            &mut own,
            &mut SumSink {
                model,
                sums: &mut sums,
            },
        );
        for (k, i) in lines.enumerate() {
            let p = Model::logistic(model.z_of(&sums, k));
            doc.score[i] = if doc.authority[i] >= MARKUP {
                if doc.label[i] == BODY {
                    0.999
                } else {
                    0.001
                }
            } else if doc.authority[i] == HARD {
                0.01
            } else {
                p
            };
        }
    }
    doc.scored = Some(Scored {
        vars_doc,
        page,
        signal,
    });
}

/// Line `i`'s vector as the scoring stage made it (None before scoring, or for a large document).
pub fn vector(rules: &ColumnRules, doc: &Doc, i: usize) -> Option<Vec<f64>> {
    let scored = doc.scored.as_ref()?;
    if doc.large {
        return None;
    }
    let mut own = OwnColumns::new(doc, &rules.table);
    let mut vector = VectorSink(Vec::with_capacity(rules.table.width()));
    rules.vectors(
        doc,
        i..i + 1,
        &scored.signal,
        &scored.page,
        &scored.vars_doc,
        &mut own,
        &mut vector,
    );
    Some(vector.0)
}

/// `bridged_lines`: between the first and the last body line, the lines no detector named that the model
/// itself calls text (p >= its threshold) and the Viterbi left in a gap.
fn bridged_lines(doc: &Doc, labels: &[bool], threshold: f64) -> Vec<bool> {
    let mut bridged = vec![false; labels.len()];
    let first = labels.iter().position(|&b| b);
    let last = labels.iter().rposition(|&b| b);
    if let (Some(first), Some(last)) = (first, last) {
        for i in first + 1..last {
            bridged[i] = !labels[i]
                && doc.signal[i] == NO_SIGNAL
                && doc.authority[i] <= SOFT
                && doc.score[i] >= threshold;
        }
    }
    bridged
}

/// Stage `context`: the Viterbi labels every line (`ContextStage`); a line whose signal is final
/// keeps its detector's verdict.
/// `context.listed_lines`: items of a list that reads as text, inside the article, the Viterbi left out.
fn listed_lines(rules: &ColumnRules, doc: &Doc, labels: &[bool]) -> Vec<bool> {
    let mut listed = vec![false; labels.len()];
    let items = match &doc.scored {
        Some(scored) => &scored.page.content_list,
        None => return listed,
    };
    let first = labels.iter().position(|&b| b);
    let last = labels.iter().rposition(|&b| b);
    if let (Some(first), Some(last)) = (first, last) {
        for i in first + 1..last {
            listed[i] = !labels[i]
                && items[i] != 0.0
                && doc.authority[i] <= SOFT
                && !is_final(&rules.final_signal, doc.signal[i]);
        }
    }
    listed
}

/// `context.is_title`: a few words, most of them capitalised, no sentence end, no figure, no colon.
fn is_title(rules: &TitleRules, doc: &Doc, text: &str, i: usize) -> bool {
    let r = doc.r(i);
    let line = doc.text(text, i);
    let words = doc.m.words[r];
    doc.authority[i] < MARKUP
        && rules.words <= words
        && words <= rules.max_words
        && doc.m.digit_ratio[r] == 0.0
        && doc.m.ends_colon[r] == 0
        && !line.contains(':')
        && doc.m.ends_sentence[r] == 0
        && doc.m.title_ratio[r] >= rules.case
}

/// `context.tail_titles`: the body lines of runs of titles under the article's last body paragraph.
fn tail_titles(rules: &ColumnRules, doc: &Doc, text: &str) -> Vec<usize> {
    let titles = &rules.titles;
    let n = doc.len();
    let first = (0..n)
        .rev()
        .find(|&i| doc.label[i] == BODY && is_prose(doc, rules, i))
        .map_or(0, |last| last + 1);
    let mut found = Vec::new();
    let mut start = first;
    for i in first..=n {
        if i < n && is_title(titles, doc, text, i) {
            continue;
        }
        if i - start >= titles.run {
            found.extend((start..i).filter(|&k| doc.label[k] == BODY && doc.authority[k] <= SOFT));
        }
        start = i + 1;
    }
    found
}

/// `context.cuts_off`: does the chrome between two kept lines cut the lower one off? At least `ISLAND_GAP` lines,
/// one of them named for what it is about (a signal not in `SHAPE_SIGNALS`) or decided by a stronger stage.
fn cuts_off(rules: &IslandRules, doc: &Doc, above: usize, below: usize) -> bool {
    if below - above - 1 < rules.gap {
        return false;
    }
    (above + 1..below).any(|j| {
        let signal = doc.signal[j];
        !rules
            .shape_signal
            .get(signal as usize)
            .copied()
            .unwrap_or(false)
            && (signal != NO_SIGNAL || doc.authority[j] > SOFT)
    })
}

/// `context.opens_end_matter`: the heading of a box under an article that is not its text ("About the author",
/// "Written by …"), which starts a block of its own.
fn opens_end_matter(
    rules: &IslandRules,
    table: &crate::unicode::Table,
    doc: &Doc,
    text: &str,
    i: usize,
) -> bool {
    doc.authority[i] <= SOFT
        && rules
            .end_matter
            .is_match(&crate::patterns::Forms::new(table, doc.text(text, i)))
}

/// `context.tail_island_blocks`: the small blocks of body at the end of the page that chrome cuts off from
/// the article (their lines), peeled from the last while together under `ISLAND_SHARE` of the kept units; an
/// end-matter heading (`opens_end_matter`) starts a block.
fn tail_island_blocks(
    rules: &IslandRules,
    table: &crate::unicode::Table,
    doc: &Doc,
    text: &str,
) -> Vec<Vec<usize>> {
    let kept: Vec<usize> = (0..doc.len()).filter(|&i| doc.label[i] == BODY).collect();
    let units_of = |i: usize| doc.m.units[doc.r(i)] as u64;
    let total: u64 = kept.iter().map(|&i| units_of(i)).sum();
    let mut found = Vec::new();
    let mut units: u64 = 0;
    let mut end = kept.len();
    while end > 0 {
        let mut start = end - 1;
        while start > 0
            && !opens_end_matter(rules, table, doc, text, kept[start])
            && !cuts_off(rules, doc, kept[start - 1], kept[start])
        {
            start -= 1;
        }
        if start == 0 {
            break;
        }
        let block = &kept[start..end];
        units += block.iter().map(|&i| units_of(i)).sum::<u64>();
        if units as f64 >= rules.share * total as f64
            || block.iter().any(|&i| doc.authority[i] > SOFT)
        {
            break;
        }
        found.push(block.to_vec());
        end = start;
    }
    found
}

/// `context.cut_short`: a summary cut at a fixed length, `TEASER_WORDS` words or more ending in an ellipsis
/// (`ELLIPSES`: "...", "…").
fn cut_short(rules: &TeaserRules, doc: &Doc, text: &str, i: usize) -> bool {
    let line = doc.text(text, i).trim_end_matches([' ', '\t']);
    doc.m.words[doc.r(i)] >= rules.words && (line.ends_with("...") || line.ends_with('\u{2026}'))
}

/// `context.is_teaser_title`: one to `TITLE_MAX_WORDS` words and no sentence end.
fn is_teaser_title(rules: &ColumnRules, doc: &Doc, i: usize) -> bool {
    let r = doc.r(i);
    1 <= doc.m.words[r] && doc.m.words[r] <= rules.titles.max_words && doc.m.ends_sentence[r] == 0
}

/// `context.tail_teasers`: the kept lines from the first to the last of a run of cut-short summaries under the
/// article's prose, which outweighs them `TEASER_SHARE` times.
fn tail_teasers(rules: &ColumnRules, doc: &Doc, text: &str) -> Vec<usize> {
    let t = &rules.teasers;
    let kept: Vec<usize> = (0..doc.len()).filter(|&i| doc.label[i] == BODY).collect();
    let cut: Vec<bool> = kept.iter().map(|&i| cut_short(t, doc, text, i)).collect();
    let mut runs: Vec<Vec<usize>> = Vec::new();
    for (k, &is_cut) in cut.iter().enumerate() {
        if !is_cut {
            continue;
        }
        match runs.last_mut() {
            Some(run) if k - run[run.len() - 1] <= t.gap => run.push(k),
            _ => runs.push(vec![k]),
        }
    }
    // (running sums, so that a page of many runs stays linear: the prose above a kept line, and all below it)
    let mut prose_above = vec![0u64];
    let mut units_above = vec![0u64];
    for (k, &i) in kept.iter().enumerate() {
        let units = doc.m.units[doc.r(i)] as u64;
        let prose = is_prose(doc, rules, i) && !cut[k];
        prose_above.push(prose_above[k] + if prose { units } else { 0 });
        units_above.push(units_above[k] + units);
    }
    let mut found = Vec::new();
    for run in runs.iter().filter(|run| run.len() >= t.run) {
        let above = prose_above[run[0]];
        let below = units_above[kept.len()] - units_above[run[0]];
        if above as f64 >= t.share * below as f64 {
            // the first teaser's title: the kept line right above its summary, a few words and no sentence
            let start = if run[0] > 0 && is_teaser_title(rules, doc, kept[run[0] - 1]) {
                run[0] - 1
            } else {
                run[0]
            };
            found.extend(
                kept[start..=run[run.len() - 1]]
                    .iter()
                    .copied()
                    .filter(|&i| doc.authority[i] <= SOFT),
            );
        }
    }
    found
}

/// `context.is_box_heading`: a related or newsletter line decided for good, or a related box's line.
fn is_box_heading(boxes: &BoxRules, doc: &Doc, i: usize) -> bool {
    let signal = doc.signal[i];
    signal == boxes.related
        || (boxes.signal.get(signal as usize).copied().unwrap_or(false) && doc.authority[i] > SOFT)
}

/// `context.tail_box`: the kept lines under the first gap of chrome holding a box's heading, when together they
/// hold less than `BOX_SHARE` of the kept units and at most `BOX_PARAGRAPHS` paragraphs of `BOX_PARAGRAPH_WORDS`
/// words or more.
fn tail_box(rules: &ColumnRules, doc: &Doc) -> Vec<usize> {
    let b = &rules.boxes;
    let kept: Vec<usize> = (0..doc.len()).filter(|&i| doc.label[i] == BODY).collect();
    let n = kept.len();
    if n < 2 {
        return Vec::new();
    }
    let mut below = vec![0u64; n + 1];
    let mut paragraphs = vec![0usize; n + 1];
    for k in (0..n).rev() {
        let i = kept[k];
        let r = doc.r(i);
        below[k] = below[k + 1] + doc.m.units[r] as u64;
        let long = is_prose(doc, rules, i) && doc.m.words[r] >= b.paragraph_words;
        paragraphs[k] = paragraphs[k + 1] + usize::from(long);
    }
    let total = below[0];
    for k in 1..n {
        let (above, first) = (kept[k - 1], kept[k]);
        if first - above > 1
            && (below[k] as f64) < b.share * total as f64
            && paragraphs[k] <= b.paragraphs
            && (above + 1..first).any(|j| is_box_heading(b, doc, j))
        {
            return kept[k..]
                .iter()
                .copied()
                .filter(|&i| doc.authority[i] <= SOFT)
                .collect();
        }
    }
    Vec::new()
}

/// `context.is_heading`: a few words, no sentence end, no colon, no detector's signal.
fn is_heading(rules: &ColumnRules, doc: &Doc, i: usize) -> bool {
    let r = doc.r(i);
    let words = doc.m.words[r];
    doc.signal[i] == NO_SIGNAL
        && doc.authority[i] <= SOFT
        && 1 <= words
        && words <= rules.heading_words
        && doc.m.ends_sentence[r] == 0
        && doc.m.ends_colon[r] == 0
}

/// `context.is_subheading`: a run of at most `HEADING_RUN` headings from line `i`, right above a paragraph.
fn is_subheading(rules: &ColumnRules, doc: &Doc, i: usize) -> bool {
    let n = doc.len();
    for j in i..(i + rules.heading_run).min(n) {
        if !is_heading(rules, doc, j) {
            return false;
        }
        if j + 1 < n && doc.signal[j + 1] == NO_SIGNAL && is_prose(doc, rules, j + 1) {
            return true;
        }
    }
    false
}

/// `context.headed_lines`: the lines under a subheading that a Viterbi reading over the subheadings keeps, where
/// the text went on above it (per line: is it one?).
fn headed_lines(rules: &ColumnRules, model: &Model, doc: &Doc, labels: &[bool]) -> Vec<bool> {
    let n = doc.len();
    let mut found = vec![false; n];
    let heads: Vec<bool> = (0..n).map(|i| is_subheading(rules, doc, i)).collect();
    let read_over: Vec<bool> = (0..n)
        .map(|i| heads[i] || is_read_over(&rules.read_over, doc.signal[i]))
        .collect();
    // no subheading the Viterbi left under the text: the second Viterbi cannot add a line
    let mut last: Option<usize> = None;
    let mut candidate = false;
    for i in 0..n {
        if heads[i] && !labels[i] && last.is_some_and(|k| labels[k]) {
            candidate = true;
            break;
        }
        if !read_over[i] {
            last = Some(i);
        }
    }
    if !candidate {
        return found;
    }
    let second = smoothed_over(model, doc, &read_over);
    let mut above = false;
    let mut i = 0;
    while i < n {
        if heads[i] && !labels[i] && above {
            let paragraph = (i..n).find(|&k| !heads[k]).unwrap_or(n);
            if paragraph < n && second[paragraph] {
                let start = i;
                while i < n && (second[i] || read_over[i]) {
                    i += 1;
                }
                // a subheading (or a separator) at the run's end heads no text that goes on
                let mut end = i;
                while end > start && !second[end - 1] {
                    end -= 1;
                }
                for k in start..end {
                    found[k] = !labels[k] && !is_read_over(&rules.read_over, doc.signal[k]);
                }
                above = true;
                continue;
            }
        }
        if !read_over[i] {
            above = labels[i];
        }
        i += 1;
    }
    found
}

pub fn context(
    rules: &ColumnRules,
    model: &Model,
    table: &crate::unicode::Table,
    doc: &mut Doc,
    text: &str,
) {
    let n = doc.len();
    if n == 0 || doc.authority.iter().all(|&a| a >= MARKUP) {
        return;
    }
    let mut labels = smoothed(rules, model, doc);
    let headed = headed_lines(rules, model, doc, &labels);
    for (label, &h) in labels.iter_mut().zip(&headed) {
        *label |= h;
    }
    let bridged = bridged_lines(doc, &labels, model.threshold);
    let listed = listed_lines(rules, doc, &labels);
    for (i, &body) in labels.iter().enumerate() {
        if doc.authority[i] > SOFT {
            continue;
        }
        let signal = doc.signal[i];
        // (label, the signal it is kept despite, bridged, listed): as the reference's ContextStage decides
        let (label, despite, across_boxes, in_list) = if !body && bridged[i] {
            (BODY, NO_SIGNAL, true, false)
        } else if !body && listed[i] {
            (BODY, signal, false, true)
        } else if body && !is_final(&rules.final_signal, signal) {
            (BODY, signal, false, false)
        } else if !body && signal == NO_SIGNAL {
            (BOILERPLATE, NO_SIGNAL, false, false)
        } else {
            continue; // a final signal's line, or one a detector condemned: its own decision stands
        };
        let reason = Reason::Model {
            body: label == BODY,
            despite,
            bridged: across_boxes,
            listed: in_list,
            headed: headed[i],
        };
        doc.decide(i, label, reason, SOFT);
    }
    let v = rules.titles.verdict;
    for i in tail_titles(rules, doc, text) {
        doc.condemn(i, v.reason, v.signal, SOFT);
    }
    for block in tail_island_blocks(&rules.islands, table, doc, text) {
        let reason = if opens_end_matter(&rules.islands, table, doc, text, block[0]) {
            rules.islands.end_matter_reason
        } else {
            rules.islands.reason
        };
        for i in block {
            doc.decide(i, BOILERPLATE, reason, SOFT);
        }
    }
    let t = rules.teasers.verdict;
    for i in tail_teasers(rules, doc, text) {
        doc.condemn(i, t.reason, t.signal, SOFT);
    }
    for i in tail_box(rules, doc) {
        doc.decide(i, BOILERPLATE, rules.boxes.reason, SOFT);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_is_in_the_first_line_as_its_lower_case_is() {
        let table = crate::unicode::Table::load("15.0.0").unwrap();
        let plain = |first: &str, line: &str| {
            let mut lowered = String::new();
            table.lower_str_into(line, 0, line.len(), &mut lowered);
            lowered.chars().count() >= 12 && first.contains(lowered.as_str())
        };
        let firsts = [
            "breaking: the mayor resigns after twelve years",
            "short",
            "",
            "caf\u{e9} news: \u{e9}t\u{e9} in the city",
        ];
        let lines = [
            "The Mayor Resigns",
            "THE MAYOR RESIGNS AFTER TWELVE YEARS",
            "breaking: the mayor resigns after twelve years!",
            "Mayor",
            "twelve years",
            "twelve year",
            "CAF\u{c9} NEWS: \u{c9}T\u{c9}",
            "\u{c9}T\u{c9} IN THE CITY",
            "",
        ];
        let mut lowered = String::new();
        for first in firsts {
            for line in lines {
                assert_eq!(
                    in_first_line(&table, first, line, &mut lowered),
                    plain(first, line),
                    "{first:?} {line:?}"
                );
            }
        }
    }

    fn model(weights: Vec<f64>, compensated_sum: bool) -> Model {
        Model {
            weights,
            threshold: 0.5,
            log_transitions: [[0.0; 4]; 4],
            prior_body: 0.5,
            log_start: [0.0; 4],
            compensated_sum,
        }
    }

    #[test]
    fn a_list_marker_opens_with_a_bullet_or_a_digit() {
        let table = crate::unicode::Table::load("15.0.0").unwrap();
        let lists = ListRules {
            bullets: vec!['•', '-'],
            run: 3,
            item_units: 4,
            marker_chars: 12,
            title_cased: 0.6,
            text_marks: vec![','],
        };
        let cases = [
            ("• an item", 3 + '•' as u32),
            ("- an item", 3 + '-' as u32),
            ("-an item", 0),
            ("12. an item", 2),
            ("3) an item", 2),
            ("1,500 people came", 1),
            ("2024 Olympics", 0),
            ("An item", 0),
            ("", 0),
            ("“1. quoted”", 0),
        ];
        for (line, want) in cases {
            assert_eq!(list_marker(&lists, &table, line), want, "{line:?}");
        }
    }

    /// One-hot columns added as a block (a line's 1.0 alone) leave the sums as adding each column does, bit
    /// for bit: after sums of either sign, zero, huge, NaN or infinite, with weights of either sign, -0.0,
    /// and blocks that cannot be added so (a signal twice, an infinite weight, the block first).
    #[test]
    fn one_hot_sums_are_the_columns_sums() {
        let lines: Vec<Signal> = vec![0, 3, 5, 3, 7, 0, 5, 9, 3, 7];
        let before: Vec<f64> = vec![
            0.0,
            -2.5,
            1e300,
            3.0,
            f64::NAN,
            f64::INFINITY,
            -1e-300,
            0.5,
            7.0,
            -0.0,
        ];
        let blocks: [&[Signal]; 4] = [&[3, 5, 7], &[5, 3], &[3, 3, 5], &[9]];
        let weights = [
            vec![1.0, 0.25, -0.75, 1e16, -0.0],
            vec![-1.0, -0.0, 2.0, f64::INFINITY, 0.5],
            vec![0.0, 1e-20, -1e20, 3.0, 0.125],
        ];
        for compensated in [false, true] {
            for w in &weights {
                for block in blocks {
                    for first in [0, 1] {
                        let model = model(w.clone(), compensated);
                        let (mut by_block, mut by_column) = (Sums::new(), Sums::new());
                        if first == 1 {
                            model.add_column(&mut by_block, 0, &before);
                            model.add_column(&mut by_column, 0, &before);
                        }
                        model.add_one_hot(&mut by_block, first, block, &lines);
                        one_hot_columns(first, block, &lines, |c, values| {
                            model.add_column(&mut by_column, c, values)
                        });
                        for k in 0..lines.len() {
                            let (a, b) = (model.z_of(&by_block, k), model.z_of(&by_column, k));
                            let (pa, pb) = (Model::logistic(a), Model::logistic(b));
                            assert!(
                                (a.to_bits() == b.to_bits() || a.is_nan() && b.is_nan())
                                    && pa.to_bits() == pb.to_bits(),
                                "line {k} {w:?} {block:?} compensated {compensated}: {a} against {b}"
                            );
                        }
                    }
                }
            }
        }
    }

    /// The sums added a column at a time over a chunk are each line's sum of its vector, bit for bit:
    /// with -0.0, NaN, infinities, and terms of very different sizes (where the compensation shows).
    #[test]
    fn sums_by_column_are_the_sums_by_vector() {
        let weights = vec![-1.0, 1e16, 0.5, -1e16, 3.0, 1e-8, -0.0];
        let vectors: Vec<Vec<f64>> = vec![
            vec![0.0, 1.0, 2.0, 1.0, 0.1, 7.0, 1.0],
            vec![-0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0],
            vec![0.0, -0.0, -0.0, 0.0, -0.0, 0.0, 0.0],
            vec![1.0, 1.0, 1e-3, 1.0, 1e-17, 1.0, 5.0],
            vec![f64::NAN, 0.0, 1.0, 0.0, 0.0, 0.0, 0.0],
            vec![0.0, f64::INFINITY, 1.0, 1.0, 0.0, 0.0, 0.0],
            vec![0.3, 0.1, 0.7, 0.1, 1.0 / 3.0, 2.0, -4.0],
        ];
        for compensated in [false, true] {
            let model = model(weights.clone(), compensated);
            let mut sums = Sums::new();
            for c in 0..weights.len() {
                let column: Vec<f64> = vectors.iter().map(|v| v[c]).collect();
                model.add_column(&mut sums, c, &column);
            }
            for (k, vector) in vectors.iter().enumerate() {
                let (a, b) = (model.z_of(&sums, k), model.z(vector));
                assert!(
                    a.to_bits() == b.to_bits() || a.is_nan() && b.is_nan(),
                    "line {k} compensated {compensated}: {a} against {b}"
                );
            }
        }
    }
}
