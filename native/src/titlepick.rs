//! The text metadata's headline pick (`metadata.MetadataStage._pick_titles`, the Python reference): of the
//! header's headline-shaped lines, the one that shares the page title's words (the dump's first line), with
//! the byline or date under it, closest to the text; picked twice, in the window (the line labelled) and
//! anchored on the page title (the line that names the title). One call of the glue: the lines are read where
//! the core holds them, and only the two indices go back.
//!
//! The figures are Python's: lengths in code points, `str.lower()` and `str.split()` by the path's table, the
//! page title's separators as the reference's regexes cut it (`_SITE_SEPARATOR`, `_TITLE_SEPARATOR`,
//! `_TITLE_SUFFIX`, written out here: a test of the glue holds their sources), the scores' float operations in
//! the reference's order. The numbers the reference names come from it ([`PickRules`]).

use rustc_hash::FxHashSet;

use crate::doc::{Doc, MARKUP};
use crate::titles;
use crate::unicode::{Table, DECIMAL, SPACE, WORD};

/// The reference's numbers and signal sets (`cleaner/native/rules.py`'s `title_rules`).
pub struct PickRules {
    /// `_TITLE_SIGNALS_OK` by signal code (0: None).
    pub title_signals: Vec<bool>,
    /// `_PAGE_TITLE_SIGNALS` by signal code.
    pub page_title_signals: Vec<bool>,
    /// `_WINDOW`
    pub window: usize,
    /// `_REPEAT_SIMILARITY`
    pub repeat_similarity: f64,
    /// `_TITLE_CHARS`
    pub title_chars: usize,
    /// `_FIRST_LINE_TITLE_CHARS`
    pub first_line_title_chars: usize,
    /// `_PAGE_TITLE_CHARS`
    pub page_title_chars: usize,
    /// `lexicon.TITLE_SHARE`, `_TITLE_HOLDS_CHARS`, `_TITLE_MIN_WORDS`
    pub title_share: f64,
    pub title_holds_chars: usize,
    pub title_min_words: usize,
    /// `lexicon.HEADLINE_UNITS`
    pub headline_units: (u32, u32),
    /// `_TWICE_WORDS`, `_PRINTED_PART_WORDS`, `_SITE_NAME_WORDS`
    pub twice_words: usize,
    pub printed_part_words: usize,
    pub site_name_words: usize,
    /// `_REPEATED`, `_PRINTED_FIRST`, `_PRINTED_TWICE`
    pub repeated: f64,
    pub printed_first: f64,
    pub printed_twice: f64,
}

/// `_SITE_SEPARATOR`'s and `_TITLE_SEPARATOR`'s separators (`[-|–—•·»]`).
fn site_sep(c: char) -> bool {
    matches!(c, '-' | '|' | '–' | '—' | '•' | '·' | '»')
}

/// `_TITLE_SUFFIX`'s separators (`[-|–—:•·]`).
fn suffix_sep(c: char) -> bool {
    matches!(c, '-' | '|' | '–' | '—' | ':' | '•' | '·')
}

/// What reads the lines: the table's classes of Python's `str` and `re`.
struct Chars<'t> {
    table: &'t Table,
}

impl Chars<'_> {
    #[inline]
    fn space(&self, c: char) -> bool {
        self.table.props(c).has(SPACE)
    }

    /// `[^\W\d_]`: a letter as `re` reads it.
    #[inline]
    fn letter(&self, c: char) -> bool {
        let p = self.table.props(c);
        c != '_' && p.has(WORD) && !p.has(DECIMAL)
    }

    /// `str.strip()`
    fn strip<'a>(&self, s: &'a str) -> &'a str {
        s.trim_matches(|c| self.space(c))
    }

    /// `min(len(s.split()), most)`: `_words_up_to`.
    fn words_up_to(&self, s: &str, most: usize) -> usize {
        let mut n = 0;
        let mut inside = false;
        for c in s.chars() {
            if self.space(c) {
                inside = false;
            } else if !inside {
                inside = true;
                n += 1;
                if n >= most {
                    return most;
                }
            }
        }
        n
    }

    /// `len(s.split())`
    fn words(&self, s: &str) -> usize {
        self.words_up_to(s, usize::MAX)
    }

    /// `s[:most]` (code points).
    fn head<'a>(&self, s: &'a str, most: usize) -> &'a str {
        match s.char_indices().nth(most) {
            Some((at, _)) => &s[..at],
            None => s,
        }
    }

    /// `_headline_sized`: at most `title_chars` characters and two words or more.
    fn headline_sized(&self, s: &str, title_chars: usize) -> bool {
        s.chars().count() <= title_chars && self.words_up_to(s, 2) >= 2
    }

    /// The end (byte) of a separator `\s\s*[-|–—•·»]\s+` starting at byte `at` of `s` (whose character is
    /// white space), if one does.
    fn site_sep_at(&self, s: &str, at: usize) -> Option<usize> {
        let mut it = s[at..].char_indices().skip(1);
        let mut next = it.next();
        while let Some((_, c)) = next {
            if !self.space(c) {
                break;
            }
            next = it.next();
        }
        match next {
            Some((_, c)) if site_sep(c) => {}
            _ => return None,
        }
        let mut end = None;
        for (k, c) in it {
            if !self.space(c) {
                return end.map(|_| at + k);
            }
            end = Some(());
        }
        end.map(|_| s.len())
    }

    /// `re.split` of `s` at each `_SITE_SEPARATOR` (`\s\s*[-|–—•·»]\s+`), and with `colon` at each `:\s+` too
    /// (`_TITLE_SEPARATOR`): the leftmost matches, none empty, scanned on from each match's end.
    fn split<'a>(&self, s: &'a str, colon: bool) -> Vec<&'a str> {
        let mut parts = Vec::new();
        let mut from = 0;
        let mut at = 0;
        while at < s.len() {
            let c = s[at..].chars().next().unwrap();
            let end = if self.space(c) {
                self.site_sep_at(s, at)
            } else if colon && c == ':' {
                // `:\s+`
                let rest = &s[at + 1..];
                let run = rest
                    .char_indices()
                    .find(|&(_, c)| !self.space(c))
                    .map_or(rest.len(), |(k, _)| k);
                (run > 0).then_some(at + 1 + run)
            } else {
                None
            };
            match end {
                Some(end) => {
                    parts.push(&s[from..at]);
                    from = end;
                    at = end;
                }
                None => at += c.len_utf8(),
            }
        }
        parts.push(&s[from..]);
        parts
    }

    /// `_SITE_SEPARATOR.split(s)`
    fn site_split<'a>(&self, s: &'a str) -> Vec<&'a str> {
        self.split(s, false)
    }

    /// `_TITLE_SEPARATOR.split(s)`
    fn title_split<'a>(&self, s: &'a str) -> Vec<&'a str> {
        self.split(s, true)
    }

    /// Whether `_TITLE_SUFFIX` matches `text` ("Headline | Site"): a title of ten characters or more, white
    /// space, a separator, white space, then a site's name of 2-60 characters, none a separator but a hyphen
    /// between two letters.
    fn has_title_suffix(&self, text: &str) -> bool {
        let chars: Vec<char> = text.chars().collect();
        let n = chars.len();
        // valid[p]: chars[p] may be part of the site's name; from: the first index all after which are
        let valid = |p: usize| {
            let c = chars[p];
            if !matches!(c, '-' | '|' | '–' | '—' | '•' | '·') {
                return true;
            }
            c == '-' && p > 0 && p + 1 < n && self.letter(chars[p - 1]) && self.letter(chars[p + 1])
        };
        let mut from = n;
        while from > 0 && valid(from - 1) {
            from -= 1;
        }
        for s in 11..n.saturating_sub(1) {
            if !suffix_sep(chars[s]) || !self.space(chars[s - 1]) || !self.space(chars[s + 1]) {
                continue;
            }
            let mut end = s + 1;
            while end < n && self.space(chars[end]) {
                end += 1;
            }
            let low = (s + 2).max(from).max(n.saturating_sub(60));
            let high = end.min(n.saturating_sub(2));
            if low <= high {
                return true;
            }
        }
        false
    }
}

/// A line as the pick reads it.
struct Line<'a> {
    text: &'a str,
    units: u32,
    ends_colon: bool,
    content: &'a [u32],
}

fn line<'a>(doc: &'a Doc, source: &'a str, i: usize) -> Line<'a> {
    let r = doc.r(i);
    let m = &doc.m;
    Line {
        text: doc.text(source, i),
        units: m.units[r],
        ends_colon: m.ends_colon[r] != 0,
        content: &m.content_ids[m.content_offsets[r] as usize..m.content_offsets[r + 1] as usize],
    }
}

/// `lexicon.title_shaped`
fn title_shaped(rules: &PickRules, units: u32, text: &str) -> bool {
    (!(text.ends_with('.') || text.ends_with('。')) || text.ends_with("..."))
        && rules.headline_units.0 <= units
        && units <= rules.headline_units.1
}

/// The headline picks: (the window's, the anchored one), as `MetadataStage._pick_titles` returns them. The
/// window is `start..first`; `meta_lines` the header's bylines and datelines; `labels` the URL's host's labels
/// that may spell the site's name (`metadata._naming_labels`). None where the lines are not measured.
#[allow(clippy::too_many_arguments)]
pub fn pick_titles(
    rules: &PickRules,
    table: &Table,
    doc: &Doc,
    source: &str,
    start: usize,
    first: usize,
    meta_lines: &[usize],
    labels: &[String],
) -> Option<(Option<usize>, Option<usize>)> {
    let n = doc.len();
    if doc.m.content_offsets.is_empty() || doc.m.units.is_empty() || first > n {
        return None;
    }
    let ch = Chars { table };
    let lower = |s: &str| {
        let mut out = String::with_capacity(s.len());
        table.lower_str_into(s, 0, s.len(), &mut out);
        out
    };
    let zero = (n > 0).then(|| line(doc, source, 0));
    let titled_page = zero
        .as_ref()
        .is_some_and(|z| z.text.chars().count() <= rules.first_line_title_chars);
    let page_title = match (&zero, titled_page) {
        (Some(z), true) => lower(z.text),
        _ => String::new(),
    };
    let cut = ch.head(&page_title, rules.title_chars);
    let separated = ch.site_split(cut);
    // `_site_part`: the whole title split (at most `title_chars`, it is `cut`)
    let site: Option<&str> = {
        let whole;
        let signed = if page_title.len() == cut.len() {
            &separated
        } else {
            whole = ch.site_split(&page_title);
            &whole
        };
        (signed.len() > 1).then(|| ch.strip(signed[signed.len() - 1]))
    };
    let signature: Option<Vec<&str>> =
        (separated.len() >= 3).then(|| separated[1..].iter().map(|p| ch.strip(p)).collect());
    let title_separated = ch.title_split(cut);
    // `_host_named_part`
    let named_site: Option<&str> = if labels.is_empty() || page_title.is_empty() {
        None
    } else {
        let parts: Vec<&str> = title_separated
            .iter()
            .map(|p| ch.strip(p))
            .filter(|p| !p.is_empty())
            .collect();
        if parts.len() < 2
            || ch.words_up_to(parts[0], rules.site_name_words + 1) > rules.site_name_words
            || parts[1].chars().count() <= parts[0].chars().count()
        {
            None
        } else {
            let letters: String = parts[0]
                .chars()
                .filter(|&c| c != '_' && table.props(c).has(WORD))
                .collect();
            labels
                .iter()
                .any(|l| letters.contains(l.as_str()))
                .then_some(parts[0])
        }
    };
    let page_words: FxHashSet<u32> = match (&zero, titled_page) {
        (Some(z), true) => z.content.iter().copied().collect(),
        _ => FxHashSet::default(),
    };
    // `_site_words`: the page title's topic words its site's name holds (`_TITLE_WORD`: three letters or more)
    let site_words: FxHashSet<u32> = match site {
        None => FxHashSet::default(),
        Some(site) => {
            let mut named: FxHashSet<&str> = FxHashSet::default();
            let mut run_from: Option<usize> = None;
            let mut count = 0;
            for (k, c) in site
                .char_indices()
                .chain(std::iter::once((site.len(), ' ')))
            {
                if k < site.len() && ch.letter(c) {
                    if run_from.is_none() {
                        run_from = Some(k);
                        count = 0;
                    }
                    count += 1;
                } else if let Some(from) = run_from.take() {
                    if count >= 3 {
                        named.insert(&site[from..k]);
                    }
                }
            }
            page_words
                .iter()
                .copied()
                .filter(|&id| named.contains(doc.m.vocabulary.word(id)))
                .collect()
        }
    };
    // `_title_parts` (each run once: the reference's set)
    let runs: Vec<String> = {
        let parts: Vec<&str> = title_separated
            .iter()
            .copied()
            .filter(|p| !p.is_empty())
            .collect();
        let mut runs: Vec<String> = vec![cut.to_string()];
        runs.extend(parts.iter().map(|p| p.to_string()));
        if parts.len() > 2 {
            runs.push(parts[..parts.len() - 1].join(" "));
            runs.push(parts[1..].join(" "));
        }
        let least = 2f64.max(4f64.min(0.4 * ch.words_up_to(&page_title, 10) as f64));
        let mut kept: Vec<String> = Vec::new();
        for run in runs {
            if ch.words(&run) as f64 >= least && !kept.contains(&run) {
                kept.push(run);
            }
        }
        kept
    };
    let titles: Vec<&str> = runs.iter().map(String::as_str).collect();
    let result = pick(
        rules,
        &ch,
        doc,
        source,
        &lower,
        start,
        first,
        meta_lines,
        zero.as_ref(),
        titled_page,
        &page_title,
        &separated,
        site,
        signature.as_deref(),
        named_site,
        &page_words,
        &site_words,
        &titles,
    );
    Some(result)
}

#[allow(clippy::too_many_arguments)]
fn pick(
    rules: &PickRules,
    ch: &Chars<'_>,
    doc: &Doc,
    source: &str,
    lower: &dyn Fn(&str) -> String,
    start: usize,
    first: usize,
    meta_lines: &[usize],
    zero: Option<&Line<'_>>,
    titled_page: bool,
    page_title: &str,
    separated: &[&str],
    site: Option<&str>,
    signature: Option<&[&str]>,
    named_site: Option<&str>,
    page_words: &FxHashSet<u32>,
    site_words: &FxHashSet<u32>,
    titles: &[&str],
) -> (Option<usize>, Option<usize>) {
    let table = ch.table;
    // `_begins_with_page_title` of line 0
    let twice_counts = titled_page
        && zero.is_some_and(|z| {
            ch.has_title_suffix(z.text)
                || (rules.page_title_signals[doc.signal[0] as usize]
                    && z.text.chars().count() <= rules.page_title_chars
                    && ch.site_split(z.text).len() <= 1
                    && ch.headline_sized(z.text, rules.title_chars)
                    && title_shaped(rules, z.units, z.text))
        });
    // `_repeating`: the lines of 1..first that repeat a title (the core's `repeating_titles`), of a headline's size
    let mut repeats: FxHashSet<usize> = FxHashSet::default();
    if !titles.is_empty() && first > 1 {
        let found = titles::repeating_lowered(
            titles,
            (1..first).map(|i| doc.text(source, i)),
            |line, out| table.lower_str_into(line, 0, line.len(), out),
            rules.repeat_similarity,
        );
        for k in found {
            let i = k + 1;
            if ch.headline_sized(&lower(doc.text(source, i)), rules.title_chars) {
                repeats.insert(i);
            }
        }
    }
    // `_printed_parts`
    let mut printed: Vec<(usize, f64)> = Vec::new();
    if twice_counts {
        let mut wanted: Vec<(&str, f64)> = Vec::new();
        for (k, part) in separated[..separated.len() - 1].iter().enumerate() {
            let part = ch.strip(part);
            if ch.headline_sized(part, rules.title_chars)
                && ch.words_up_to(part, rules.printed_part_words) >= rules.printed_part_words
            {
                let score = if k == 0 {
                    rules.printed_first
                } else {
                    rules.repeated
                };
                // (a dict's: a part printed again takes the later score)
                match wanted.iter_mut().find(|(p, _)| *p == part) {
                    Some(known) => known.1 = score,
                    None => wanted.push((part, score)),
                }
            }
        }
        if !wanted.is_empty() {
            let lengths: Vec<usize> = wanted.iter().map(|(p, _)| p.chars().count()).collect();
            for i in 1..first.min(doc.len()) {
                let text = ch.strip(doc.text(source, i));
                let len = if text.is_ascii() {
                    text.len()
                } else {
                    text.chars().count()
                };
                if !lengths.contains(&len) {
                    continue;
                }
                let lowered = lower(text);
                if let Some((_, score)) = wanted.iter().find(|(p, _)| *p == lowered) {
                    printed.push((i, *score));
                }
            }
        }
    }
    let taken: FxHashSet<usize> = meta_lines.iter().copied().collect();
    let above_meta: FxHashSet<usize> = meta_lines
        .iter()
        .flat_map(|&m| (1..5).filter_map(move |k| m.checked_sub(k)))
        .collect();
    let mut candidates: Vec<usize> = (start..first).collect();
    candidates.extend(repeats.iter().copied().filter(|&i| i < start || i >= first));
    candidates.extend(
        printed
            .iter()
            .map(|&(i, _)| i)
            .filter(|&i| (i < start || i >= first) && !repeats.contains(&i)),
    );
    candidates.sort_unstable();
    candidates.dedup();
    let shares_title = |lowered: &str, content: &[u32]| {
        (lowered.chars().count() >= rules.title_holds_chars && page_title.contains(lowered))
            || (page_words.len() >= rules.title_min_words
                && content.iter().filter(|id| page_words.contains(id)).count() as f64
                    >= rules.title_share * page_words.len() as f64)
    };
    let (mut best, mut best_score) = (None, 0.0f64);
    let (mut named, mut named_score) = (None, 0.0f64);
    for i in candidates {
        if taken.contains(&i) || doc.authority[i] >= MARKUP {
            continue;
        }
        let l = line(doc, source, i);
        if !rules.title_signals[doc.signal[i] as usize] || !title_shaped(rules, l.units, l.text) {
            continue;
        }
        let base = 1.0 + l.units.min(12) as f64 / 12.0;
        let lowered = lower(l.text);
        let repeated = repeats.contains(&i);
        let shares = i > 0 && !repeated && shares_title(&lowered, l.content);
        let near = above_meta.contains(&i);
        if i >= start && i < first {
            let titled = i > 0 && (shares || (repeated && shares_title(&lowered, l.content)));
            let score = headline_score(base, if titled { 3.0 } else { 0.0 }, near, first - i);
            if score > best_score {
                best = Some(i);
                best_score = score;
            }
        }
        if l.ends_colon {
            continue; // `_lead_in`
        }
        let stripped = ch.strip(&lowered);
        let masthead = site.is_some_and(|site| {
            stripped == site
                || signature.is_some_and(|sig| {
                    stripped.starts_with(sig[0]) && ch.site_split(stripped).as_slice() == sig
                })
        }) || named_site.is_some_and(|named| stripped == named);
        // `_shares_site_only`
        let site_only = !site_words.is_empty() && {
            let mut shared = l
                .content
                .iter()
                .filter(|id| page_words.contains(id))
                .peekable();
            shared.peek().is_some() && shared.all(|id| site_words.contains(id))
        };
        let shares = shares && !site_only;
        let mut titled = if masthead {
            0.0
        } else if let Some(&(_, score)) = printed.iter().find(|(k, _)| *k == i) {
            score
        } else if repeated {
            rules.repeated
        } else if shares {
            3.0
        } else {
            0.0
        };
        if titled == 0.0
            && !masthead
            && twice_counts
            && printed_twice(rules, ch, doc, source, i, first)
        {
            titled = rules.printed_twice;
        }
        let score = headline_score(base, titled, near, first - i);
        if score > named_score {
            named = Some(i);
            named_score = score;
        }
    }
    (best, named)
}

/// `_headline_score`
fn headline_score(base: f64, titled: f64, near: bool, above_text: usize) -> f64 {
    base + titled + if near { 1.5 } else { 0.0 } - 0.08 * above_text as f64
}

/// `_printed_twice`: line `i` printed again right above or under it in the window, of `twice_words` words.
fn printed_twice(
    rules: &PickRules,
    ch: &Chars<'_>,
    doc: &Doc,
    source: &str,
    i: usize,
    first: usize,
) -> bool {
    if first - i > rules.window {
        return false;
    }
    let text = doc.text(source, i);
    ((i + 1 < first && doc.text(source, i + 1) == text)
        || (i > 1 && doc.text(source, i - 1) == text))
        && ch.words_up_to(text, rules.twice_words) >= rules.twice_words
}

#[cfg(test)]
mod tests {
    use super::*;

    // (the expected values are Python's: `re.split` and `re.match` of the reference's patterns)
    #[test]
    fn the_page_title_is_cut_as_the_references_patterns_cut_it() {
        let table = Table::load("15.0.0").unwrap();
        let ch = Chars { table: &table };
        let site = |s: &'static str| ch.site_split(s);
        assert_eq!(site("headline | site"), ["headline", "site"]);
        assert_eq!(site("a  -  b"), ["a", "b"]);
        assert_eq!(site("co-op - x"), ["co-op", "x"]);
        assert_eq!(site("a -"), ["a -"]);
        assert_eq!(site("a - "), ["a", ""]);
        assert_eq!(site("x\u{a0}|\u{a0}y"), ["x", "y"]);
        assert_eq!(site("a — b » c"), ["a", "b", "c"]);
        let title = |s: &'static str| ch.title_split(s);
        assert_eq!(title("site: headline - x"), ["site", "headline", "x"]);
        assert_eq!(title("a:b"), ["a:b"]);
        assert_eq!(title("a: b:  c"), ["a", "b", "c"]);
    }

    #[test]
    fn a_page_title_with_a_sites_name_is_told_as_the_reference_tells_it() {
        let table = Table::load("15.0.0").unwrap();
        let ch = Chars { table: &table };
        for (text, suffixed) in [
            ("Storm closes the road | Harbour News", true),
            ("Short | Site", false),
            ("Storm closes the road | X", false),
            ("Storm closes the road - Harbour Co-op", true),
            ("Storm closes the road – 2025-26 Season", false),
            ("Storm closes the road : Site -x", false),
            ("Storm closes the road: a - b", false),
        ] {
            assert_eq!(ch.has_title_suffix(text), suffixed, "{text}");
        }
        assert_eq!(ch.words_up_to("  a b\u{a0}c ", 10), 3);
        assert_eq!(ch.words_up_to("a b c d", 2), 2);
        assert_eq!(ch.head("ééé", 2), "éé");
    }
}
