//! Python regexes of the text path (the shapes' and the language detection's), run by the core.
//!
//! `cleaner/native/regexes.py` translates each from Python's own parse into the `regex` crate's syntax. A
//! case-insensitive pattern runs on the line as [`Table::regex_char`] maps it (folded as IGNORECASE compares
//! characters, with stand-ins where the two engines' `\w`, `\s`, `\d` differ); a case-sensitive one on the
//! line as [`Table::raw_char`] maps it (the characters themselves, with the same stand-ins). A pattern that
//! starts with a look-ahead (`^(?=X)Y`) comes as two regexes that must both match (`^X`, `^Y`).

use std::borrow::Cow;
use std::cell::{Cell, OnceCell};
use std::sync::{Mutex, OnceLock};

use aho_corasick::automaton::Automaton;
use aho_corasick::{dfa, AhoCorasick, Anchored, MatchKind};
use memchr::memmem;
use regex::Regex;
use regex_syntax::hir::literal::Extractor;
use regex_syntax::hir::{Class, Hir, HirKind, Look};

use crate::matcher::Matcher;
use crate::unicode::{Table, STAND_INS};

/// Which form of the line a pattern runs on.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Form {
    Folded,
    Raw,
    /// The text itself: a case-sensitive pattern with no class whose reading differs between the engines
    /// (no `\\w`, `\\s`, `\\d`, `\\b`), which needs no stand-ins.
    Plain,
}

#[derive(Debug)]
pub struct PatternError(pub String);

/// One Python regex: every part must match (a search: anywhere; Python's `match()` comes as `^(?:…)`).
pub struct Pattern {
    pub name: String,
    form: Form,
    sources: Vec<String>,
    /// for the spans (`count`, `spans`): compiled on the first such call
    compiled: OnceLock<Result<Vec<Regex>, String>>,
    /// for `is_match` alone (most patterns are only asked that): forward engines, compiled on first use
    matchers: OnceLock<Result<Vec<Matcher>, String>>,
    /// The parts as parsed for their needles, kept for the matchers until they compile (taken then): a
    /// process's first dump compiles most of the shapes' patterns, and parsing them again (their Unicode
    /// classes and month names) was ~15% of those matchers' compile time (callgrind, a CLI start).
    parsed: Mutex<Option<Vec<Hir>>>,
    /// Strings one of which every match contains, looked for before the regexes run (one list per part):
    /// searchers made from [`Pattern::needle_lists`] on first need when the lists were shipped (most lines
    /// are screened by a [`NeedleIndex`] instead, and building a searcher of a few strings, an Aho-Corasick
    /// DFA, cost ~140 K instructions a pattern at start).
    needles: OnceLock<Vec<Needles>>,
    /// Those lists' strings, for a [`NeedleIndex`].
    needle_lists: Vec<Vec<Vec<u8>>>,
    /// The bits of a [`NeedleIndex`] that stand for the lists (one each), and the index's number; 0: none.
    needle_bits: u64,
    index_id: u64,
}

/// What the glue hands over for one pattern.
pub struct PatternSpec {
    pub name: String,
    pub parts: Vec<String>,
    pub folded: bool,
    /// Case-sensitive and reads no class the engines read differently: run on the text itself.
    pub plain: bool,
    /// Every character the pattern names (literals, class members).
    pub named: String,
    /// The ranges of its case-sensitive classes.
    pub ranges: Vec<(char, char)>,
    /// Each part's needles as shipped ([`crate::matcher::needle_strings_of`]; None: it has none), so that the
    /// pattern is parsed only when its matchers compile; `None`: not shipped, parsed now for them.
    pub needles: Option<Vec<Option<Vec<Vec<u8>>>>>,
}

impl Pattern {
    /// Check the pattern against the table: no character it names may be read otherwise by the core
    /// (a stand-in, or a folded form other than itself). The regexes compile on first use.
    pub fn new(spec: PatternSpec, table: &Table) -> Result<Pattern, PatternError> {
        let form = if spec.folded {
            Form::Folded
        } else if spec.plain {
            Form::Plain
        } else {
            Form::Raw
        };
        for c in spec.named.chars() {
            let seen = match form {
                Form::Folded => table.regex_char(c),
                Form::Raw => table.raw_char(c),
                Form::Plain => c,
            };
            if form != Form::Plain && STAND_INS.contains(&c) || seen != c {
                return Err(PatternError(format!(
                    "pattern {} names U+{:04X}, which the native core cannot match as Python does",
                    spec.name, c as u32
                )));
            }
        }
        for &(lo, hi) in &spec.ranges {
            if form == Form::Raw && table.raw_stand_in_within(lo, hi) {
                return Err(PatternError(format!(
                    "pattern {}: the range U+{:04X}-U+{:04X} holds characters the core reads otherwise",
                    spec.name, lo as u32, hi as u32
                )));
            }
        }
        if spec.parts.is_empty() {
            return Err(PatternError(format!("pattern {}: no regex", spec.name)));
        }
        let (needles, mut needle_lists) = (OnceLock::new(), Vec::new());
        let parsed = match spec.needles {
            // (the shipped lists: a third of the shapes' patterns never compile on a process's first dump,
            // and parsing them all at start for their needles was ~3/4 of the text path's making)
            Some(shipped) if shipped.len() == spec.parts.len() => {
                // (an empty list has no searcher: `Needles::listed` lists none then)
                needle_lists.extend(shipped.into_iter().flatten().filter(|l| !l.is_empty()));
                None
            }
            _ => {
                let (mut parsed, mut searchers) =
                    (Vec::with_capacity(spec.parts.len()), Vec::new());
                for part in &spec.parts {
                    let hir = regex_syntax::parse(part)
                        .map_err(|e| PatternError(format!("pattern {}: {e}", spec.name)))?;
                    if let Some((found, list)) = Needles::listed(&hir) {
                        searchers.push(found);
                        needle_lists.push(list);
                    }
                    parsed.push(hir);
                }
                let _ = needles.set(searchers);
                Some(parsed)
            }
        };
        Ok(Pattern {
            name: spec.name,
            form,
            sources: spec.parts,
            compiled: OnceLock::new(),
            matchers: OnceLock::new(),
            parsed: Mutex::new(parsed),
            needles,
            needle_lists,
            needle_bits: 0,
            index_id: 0,
        })
    }

    fn regexes(&self) -> Result<&[Regex], PatternError> {
        self.compiled
            .get_or_init(|| {
                self.sources
                    .iter()
                    .map(|s| Regex::new(s).map_err(|e| e.to_string()))
                    .collect()
            })
            .as_ref()
            .map(|v| v.as_slice())
            .map_err(|e| PatternError(format!("pattern {}: {e}", self.name)))
    }

    fn matchers(&self) -> Result<&[Matcher], PatternError> {
        self.matchers
            .get_or_init(|| {
                // (is_match has looked for the pattern's needles already)
                let parsed = self.parsed.lock().ok().and_then(|mut parsed| parsed.take());
                match parsed {
                    Some(hirs) => self
                        .sources
                        .iter()
                        .zip(hirs)
                        .map(|(s, hir)| Matcher::from_hir(s, hir, false))
                        .collect(),
                    None => self
                        .sources
                        .iter()
                        .map(|s| Matcher::new(s, false))
                        .collect(),
                }
            })
            .as_ref()
            .map(|v| v.as_slice())
            .map_err(|e| PatternError(format!("pattern {}: {e}", self.name)))
    }

    /// Compile now (tests).
    pub fn compile(&self) -> Result<(), PatternError> {
        self.regexes()?;
        for matcher in self.matchers()? {
            matcher
                .compile()
                .map_err(|e| PatternError(format!("pattern {}: {e}", self.name)))?;
        }
        Ok(())
    }

    /// Can the pattern match `text` at all? Not when it lacks every string of one part's needles (a
    /// cheap scan that spares most lines a regex that starts with a class, which no literal search helps).
    #[inline]
    fn may_match(&self, text: &str) -> bool {
        let needles = self.needles.get_or_init(|| {
            (self.needle_lists.iter())
                .filter_map(|list| Needles::of_strings(list.clone()))
                .collect()
        });
        needles.iter().all(|n| n.found_in(text.as_bytes()))
    }

    /// [`Pattern::may_match`] on a line's form, read from the line's [`NeedleIndex`] mask when it has one
    /// of the index the pattern is in. The mask read is inlined into the callers (a shapes' line asks ~24
    /// patterns, most of which the mask refuses: the calls' own entries and exits were a third of their
    /// cost); making the mask, or a pattern outside the index, takes the call.
    #[inline(always)]
    fn may_match_line(&self, line: &Forms) -> bool {
        if self.needle_bits != 0 {
            if let Some(mask) = line.known_mask(self.index_id, self.form) {
                return mask & self.needle_bits == self.needle_bits;
            }
        } else if self.needle_lists.is_empty() {
            return true; // (no needles: nothing to look for)
        }
        self.may_match_line_first(line)
    }

    /// [`Pattern::may_match_line`] when the line's mask is not made yet (made now), or the pattern is
    /// outside its index.
    #[inline(never)]
    fn may_match_line_first(&self, line: &Forms) -> bool {
        if self.needle_bits != 0 {
            if let Some(mask) = line.needle_mask(self.index_id, self.form) {
                return mask & self.needle_bits == self.needle_bits;
            }
        }
        self.may_match(line.get(self.form))
    }

    /// Does the pattern match the line (Python's `search`, or `match` for a pattern written anchored)?
    #[inline]
    pub fn is_match(&self, line: &Forms) -> bool {
        self.may_match_line(line)
            && !self.known_dead_at_first_byte(line)
            && self.matches_past_needles(line)
    }

    /// Does a part's first-byte table already refuse the line ([`Matcher::known_dead_at_first_byte`])?
    /// False when not known: the matchers not compiled yet, the line's form not made yet, or no table.
    #[inline(always)]
    fn known_dead_at_first_byte(&self, line: &Forms) -> bool {
        let (Some(Ok(matchers)), Some(text)) = (self.matchers.get(), line.known(self.form)) else {
            return false;
        };
        matchers
            .iter()
            .any(|m| m.known_dead_at_first_byte(text.as_bytes()))
    }

    /// [`Pattern::is_match`] of a line that holds the pattern's needles.
    #[inline(never)]
    fn matches_past_needles(&self, line: &Forms) -> bool {
        let text = line.get(self.form);
        match self.matchers() {
            Ok(matchers) => matchers.iter().all(|m| m.is_match(text).unwrap_or(false)),
            Err(_) => false, // refused at load in practice: every pattern compiles (a test checks)
        }
    }

    /// Whether the pattern matches no line whose form (the pattern's, [`Pattern::form`]) opens with `opening`:
    /// one of its parts' start-anchored screens dies within it ([`Matcher::dies_within`]). The form of a line's
    /// first characters is the first characters of its form (every form maps one character at a time), so a
    /// scan folds a line's opening, not the whole line, where the answer is this "no". False: it may match.
    pub fn rejects_opening(&self, opening: &str) -> bool {
        match self.matchers() {
            Ok(matchers) => matchers.iter().any(|m| m.dies_within(opening.as_bytes())),
            Err(_) => false,
        }
    }

    /// How many non-overlapping matches (Python's `len(findall)`); a single-part pattern only.
    pub fn count(&self, line: &Forms) -> usize {
        if !self.may_match_line(line) {
            return 0;
        }
        let text = line.get(self.form);
        match self.regexes() {
            Ok([regex]) => regex.find_iter(text).count(),
            _ => 0,
        }
    }

    /// The matches' (byte start, byte end) in the form the pattern runs on (a single-part pattern).
    pub fn spans(&self, text: &str) -> Vec<(usize, usize)> {
        self.first_spans(text, usize::MAX)
    }

    /// The first `limit` matches' spans (the search stops there).
    pub fn first_spans(&self, text: &str, limit: usize) -> Vec<(usize, usize)> {
        if !self.may_match(text) {
            return Vec::new();
        }
        match self.regexes() {
            Ok([regex]) => regex
                .find_iter(text)
                .take(limit)
                .map(|m| (m.start(), m.end()))
                .collect(),
            _ => Vec::new(),
        }
    }

    /// The regexes the pattern is made of, as the crate's syntax (one part, or one per line of a run).
    pub fn sources(&self) -> &[String] {
        &self.sources
    }

    pub fn form(&self) -> Form {
        self.form
    }

    pub fn check_compiles(&self) -> Result<(), PatternError> {
        self.compile()
    }
}

/// The strings one of which every match of a regex contains, looked for with one scan of the line, unless the
/// regex is anchored at the start with literals there (it fails on the line's first bytes). An unanchored
/// regex gets them too: most lines lack them, and the regex crate's own search costs more than the scan (its
/// Unicode `\b` on a line with a character outside ASCII runs the slow engine over the whole line).
pub(crate) enum Needles {
    One(Box<memmem::Finder<'static>>),
    Any(AhoCorasick),
}

/// At most this many needles (a longer list costs more to look for than it spares).
const MAX_NEEDLES: usize = 64;

impl Needles {
    /// The needles, and their strings.
    pub(crate) fn listed(hir: &Hir) -> Option<(Needles, Vec<Vec<u8>>)> {
        let anchored = hir.properties().look_set_prefix().contains(Look::Start);
        let prefixes = Extractor::new().extract(hir);
        if anchored && prefixes.is_finite() && prefixes.min_literal_len().is_some_and(|n| n > 0) {
            return None;
        }
        let mut needles = required(hir)?;
        needles.sort();
        needles.dedup();
        let searcher = Needles::of_strings(needles.clone())?;
        Some((searcher, needles))
    }

    /// The searcher of `strings` (sorted, deduplicated, as [`Needles::listed`] lists them); None for none.
    pub(crate) fn of_strings(strings: Vec<Vec<u8>>) -> Option<Needles> {
        match strings.as_slice() {
            [] => None,
            [one] => Some(Needles::One(Box::new(
                memmem::Finder::new(one).into_owned(),
            ))),
            _ => AhoCorasick::new(&strings).ok().map(Needles::Any),
        }
    }

    /// [`Needles::of_strings`] with a contiguous NFA where the builder picks a DFA for a few strings: the
    /// screen of a pattern not compiled yet ([`crate::phrases`]' shipped needles), made for ~170 patterns on a
    /// process's first dump, where the DFA's full transition table cost ~47 K instructions each to build (the
    /// search of either is mostly its prefilter's, over a line).
    pub(crate) fn of_strings_quickly(strings: &[Vec<u8>]) -> Option<Needles> {
        match strings {
            [] => None,
            [one] => Some(Needles::One(Box::new(
                memmem::Finder::new(one).into_owned(),
            ))),
            _ => AhoCorasick::builder()
                .kind(Some(aho_corasick::AhoCorasickKind::ContiguousNFA))
                .build(strings)
                .ok()
                .map(Needles::Any),
        }
    }

    #[inline]
    pub(crate) fn found_in(&self, text: &[u8]) -> bool {
        match self {
            Needles::One(finder) => finder.find(text).is_some(),
            Needles::Any(automaton) => automaton.is_match(text),
        }
    }
}

/// Strings one of which every match of `hir` contains (None: no such list found, or one with the empty
/// string). A concatenation needs what its cheapest part to look for needs (the fewest strings, then the
/// longest); an alternation needs what any of its branches does.
fn required(hir: &Hir) -> Option<Vec<Vec<u8>>> {
    let found = match hir.kind() {
        HirKind::Literal(literal) => vec![literal.0.to_vec()],
        HirKind::Class(Class::Unicode(class)) => {
            let chars = class.iter().map(|r| r.len()).sum::<usize>();
            if chars > 8 {
                return None;
            }
            let mut utf8 = [0u8; 4];
            class
                .iter()
                .flat_map(|r| r.start()..=r.end())
                .map(|c| c.encode_utf8(&mut utf8).as_bytes().to_vec())
                .collect()
        }
        HirKind::Repetition(repetition) if repetition.min >= 1 => required(&repetition.sub)?,
        HirKind::Capture(capture) => required(&capture.sub)?,
        HirKind::Concat(parts) => parts.iter().filter_map(required).max_by_key(|set| {
            let shortest = set.iter().map(Vec::len).min().unwrap_or(0);
            (std::cmp::Reverse(set.len()), shortest)
        })?,
        HirKind::Alternation(branches) => {
            let mut all = Vec::new();
            for branch in branches {
                all.extend(required(branch)?);
            }
            all
        }
        _ => return None,
    };
    if found.is_empty() || found.len() > MAX_NEEDLES || found.iter().any(Vec::is_empty) {
        return None;
    }
    Some(found)
}

/// The needles of a family of patterns (the shapes'), looked for in one pass over each form of a line: a
/// line's mask ([`NeedleIndex::mask`]) says which of the patterns' lists it holds a string of, so that each
/// pattern reads a bit where it scanned the line with its own automaton (a line with a dozen patterns of
/// the family asked of it was read a dozen times: ~1,150 scans of ~400 instructions a dump, 8% of the path).
pub struct NeedleIndex {
    id: u64,
    /// Per form (folded, raw, plain): the automaton of its patterns' strings, each string's bits, and
    /// all their bits together (a line that holds them all is read no further).
    forms: [Option<NeedleSet>; 3],
}

/// One form's strings in a DFA, each string's bits, and all their bits together (a line that holds them all
/// is read no further).
pub(crate) struct NeedleSet {
    automaton: dfa::DFA,
    bits: Vec<u64>,
    all: u64,
}

impl NeedleSet {
    /// The set of `listed` strings, each with the bits of every listing of it (a string may be listed more than
    /// once: a needle of several patterns or lists); None if the DFA cannot be built.
    pub(crate) fn of_listed(mut listed: Vec<(Vec<u8>, u64)>) -> Option<NeedleSet> {
        listed.sort();
        let mut merged: Vec<(Vec<u8>, u64)> = Vec::new();
        for (needle, bit) in listed {
            match merged.last_mut() {
                Some((last, bits)) if *last == needle => *bits |= bit,
                _ => merged.push((needle, bit)),
            }
        }
        NeedleSet::new(merged)
    }

    /// The set of `strings` (distinct), each with its bits; None if the DFA cannot be built.
    pub(crate) fn new(strings: Vec<(Vec<u8>, u64)>) -> Option<NeedleSet> {
        // (a DFA, walked by [`NeedleSet::mask`] itself: the line is read once, a transition a byte,
        // where the NFA took ~20 instructions a byte and the overlapping search through `AhoCorasick`'s
        // dynamic automaton ~19 and a return per match)
        let automaton = dfa::DFA::builder()
            .match_kind(MatchKind::Standard)
            .prefilter(false)
            .build(strings.iter().map(|(string, _)| string))
            .ok()?;
        let bits: Vec<u64> = strings.into_iter().map(|(_, bits)| bits).collect();
        let all = bits.iter().fold(0, |all, b| all | b);
        Some(NeedleSet {
            automaton,
            bits,
            all,
        })
    }

    /// The bits of the strings `text` holds: at each byte, every string that ends there (the state's
    /// matches, which an overlapping search reports one by one).
    pub(crate) fn mask(&self, text: &str) -> u64 {
        let NeedleSet {
            automaton,
            bits,
            all,
        } = self;
        let Ok(mut state) = automaton.start_state(Anchored::No) else {
            return 0;
        };
        let ending_here = |state, mask: &mut u64| {
            for k in 0..automaton.match_len(state) {
                *mask |= bits[automaton.match_pattern(state, k).as_usize()];
            }
        };
        let mut mask = 0u64;
        if automaton.is_match(state) {
            ending_here(state, &mut mask);
        }
        for &byte in text.as_bytes() {
            state = automaton.next_state(Anchored::No, state, byte);
            if automaton.is_special(state) {
                if automaton.is_dead(state) {
                    break;
                }
                if automaton.is_match(state) {
                    ending_here(state, &mut mask);
                    if mask == *all {
                        break;
                    }
                }
            }
        }
        mask
    }
}

static NEEDLE_INDEXES: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);

fn form_slot(form: Form) -> usize {
    match form {
        Form::Folded => 0,
        Form::Raw => 1,
        Form::Plain => 2,
    }
}

impl NeedleIndex {
    /// Index the patterns' needle lists, one bit each (64 at most: the lists past those keep their own
    /// automata). A pattern takes the index's bits and number.
    pub fn new<'p>(patterns: impl IntoIterator<Item = &'p mut Pattern>) -> NeedleIndex {
        let id = NEEDLE_INDEXES.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let mut strings: [Vec<(Vec<u8>, u64)>; 3] = Default::default();
        let mut next = 0u32;
        for pattern in patterns {
            let lists = pattern.needle_lists.len() as u32;
            if lists == 0 || next + lists > 64 {
                continue;
            }
            let mut bits = 0u64;
            for list in &pattern.needle_lists {
                let bit = 1u64 << next;
                next += 1;
                bits |= bit;
                for needle in list {
                    strings[form_slot(pattern.form)].push((needle.clone(), bit));
                }
            }
            pattern.needle_bits = bits;
            pattern.index_id = id;
        }
        let forms = strings.map(|found| {
            if found.is_empty() {
                return None;
            }
            NeedleSet::of_listed(found)
        });
        NeedleIndex { id, forms }
    }

    /// The bits of the lists that `text` (a line's `form`) holds a string of.
    fn mask(&self, form: Form, text: &str) -> u64 {
        self.forms[form_slot(form)]
            .as_ref()
            .map_or(0, |set| set.mask(text))
    }
}

/// A line's forms, each made on first need.
pub struct Forms<'a> {
    table: &'a Table,
    pub raw: &'a str,
    folded: OnceCell<Cow<'a, str>>,
    raw_mapped: OnceCell<Cow<'a, str>>,
    /// The index of the family asking, and each form's mask, found on first need.
    index: Option<&'a NeedleIndex>,
    masks: [Cell<Option<u64>>; 3],
}

impl<'a> Forms<'a> {
    pub fn new(table: &'a Table, raw: &'a str) -> Forms<'a> {
        Forms {
            table,
            raw,
            folded: OnceCell::new(),
            raw_mapped: OnceCell::new(),
            index: None,
            masks: Default::default(),
        }
    }

    /// A line whose patterns of `index` read their needles from its masks.
    pub fn indexed(mut self, index: &'a NeedleIndex) -> Forms<'a> {
        self.index = Some(index);
        self
    }

    /// The mask of `form` in index `id`, when the line has that index and the mask is made.
    #[inline(always)]
    fn known_mask(&self, id: u64, form: Form) -> Option<u64> {
        self.index.filter(|index| index.id == id)?;
        self.masks[form_slot(form)].get()
    }

    /// The mask of `form` in index `id`, when the line has that index.
    fn needle_mask(&self, id: u64, form: Form) -> Option<u64> {
        let index = self.index.filter(|index| index.id == id)?;
        let cell = &self.masks[form_slot(form)];
        if let Some(mask) = cell.get() {
            return Some(mask);
        }
        let mask = index.mask(form, self.get(form));
        cell.set(Some(mask));
        Some(mask)
    }

    /// With the folded form already made (the phrases stage makes it).
    pub fn with_folded(table: &'a Table, raw: &'a str, folded: &'a str) -> Forms<'a> {
        let forms = Forms::new(table, raw);
        let _ = forms.folded.set(Cow::Borrowed(folded));
        forms
    }

    /// The line's `form`, when made already.
    #[inline(always)]
    fn known(&self, form: Form) -> Option<&str> {
        match form {
            Form::Folded => self.folded.get().map(|folded| &**folded),
            Form::Raw => self.raw_mapped.get().map(|raw| &**raw),
            Form::Plain => Some(self.raw),
        }
    }

    pub fn get(&self, form: Form) -> &str {
        match form {
            Form::Folded => self
                .folded
                .get_or_init(|| Cow::Owned(fold_line(self.table, self.raw))),
            Form::Raw => self
                .raw_mapped
                .get_or_init(|| raw_line(self.table, self.raw)),
            Form::Plain => self.raw,
        }
    }
}

/// [`fold_line`] into `out` (cleared first): a scan of many lines folds each into one buffer, not a string
/// allocated a line.
pub fn fold_line_into(table: &Table, text: &str, out: &mut String) {
    out.clear();
    if !table.ascii_folds_to_lower() {
        out.extend(text.chars().map(|c| table.regex_char(c)));
        return;
    }
    // (a line of prose is ASCII but for a curly quote or a dash: its ASCII runs are lower-cased whole, and only
    // the other characters asked of the table, where each character of it was)
    let mut rest = text;
    while !rest.is_empty() {
        let run = rest
            .bytes()
            .position(|b| !b.is_ascii())
            .unwrap_or(rest.len());
        let start = out.len();
        out.push_str(&rest[..run]);
        out[start..].make_ascii_lowercase();
        rest = &rest[run..];
        let Some(c) = rest.chars().next() else { break };
        out.push(table.regex_char(c));
        rest = &rest[c.len_utf8()..];
    }
}

/// The line as a case-insensitive pattern sees it (every character [`Table::regex_char`]).
pub fn fold_line(table: &Table, text: &str) -> String {
    if text.is_ascii() && table.ascii_folds_to_lower() {
        return text.to_ascii_lowercase();
    }
    let mut out = String::with_capacity(text.len());
    fold_line_into(table, text, &mut out);
    out
}

/// The line as a case-sensitive pattern sees it (borrowed when no character has a stand-in).
pub fn raw_line<'t>(table: &Table, text: &'t str) -> Cow<'t, str> {
    // ASCII is its own in every table (a test holds it): only the other characters are asked of the
    // table (a line of prose with one curly quote asked it of every character)
    let raw = |c: char| if c.is_ascii() { c } else { table.raw_char(c) };
    if text.is_ascii() || text.chars().all(|c| raw(c) == c) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(text.chars().map(raw).collect())
}

/// The char index of each byte offset that starts a char in `text` (and `text.len()`): to carry a match in
/// a mapped form back to the characters of another form of the same line (the mapping is one char for one).
pub fn char_starts(text: &str) -> Vec<usize> {
    let mut starts: Vec<usize> = text.char_indices().map(|(at, _)| at).collect();
    starts.push(text.len());
    starts
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A test pattern of `parts`, parsed at start (no shipped needles): the case and the engine as given.
    fn spec_of(parts: &[&str], folded: bool, plain: bool) -> PatternSpec {
        PatternSpec {
            name: "test".into(),
            parts: parts.iter().map(|p| p.to_string()).collect(),
            folded,
            plain,
            named: String::new(),
            ranges: Vec::new(),
            needles: None,
        }
    }

    /// The mask by the DFA's walk is the mask by an overlapping search: strings inside others, one the end
    /// of another, repeated, several sharing a bit, and one string in two lists.
    #[test]
    fn a_needle_mask_is_the_overlapping_search_s() {
        let strings: Vec<(Vec<u8>, u64)> = [
            ("he", 1u64),
            ("she", 2),
            ("his", 4),
            ("hers", 8 | 16),
            ("(", 32),
            ("photo", 64),
            ("to", 64),
            ("é", 128),
        ]
        .iter()
        .map(|&(s, b)| (s.as_bytes().to_vec(), b))
        .collect();
        let set = NeedleSet::new(strings.clone()).unwrap();
        let search = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .build(strings.iter().map(|(s, _)| s))
            .unwrap();
        let lines = [
            "ushers",
            "",
            "h",
            "she sells his photo (too)",
            "café ",
            "hehehe",
            "nothing",
            "ahishers",
            "photographer",
            "(",
            "hers",
        ];
        for line in lines {
            let mut want = 0;
            for found in search.find_overlapping_iter(line) {
                want |= strings[found.pattern().as_usize()].1;
            }
            assert_eq!(set.mask(line), want, "{line:?}");
        }
    }

    fn needles(pattern: &str) -> Option<Vec<String>> {
        let hir = regex_syntax::parse(pattern).unwrap();
        Needles::listed(&hir)?;
        let mut found: Vec<String> = required(&hir)?
            .into_iter()
            .map(|n| String::from_utf8(n).unwrap())
            .collect();
        found.sort();
        Some(found)
    }

    #[test]
    fn a_regex_that_starts_with_a_class_is_looked_for_by_its_literals() {
        // lexicon's agency credit: the one "/" rather than the agencies' names
        assert_eq!(
            needles(r"^[^.!?]{0,80}\s*/\s*(?:AFP|AP|Reuters)").unwrap(),
            ["/"]
        );
        assert_eq!(
            needles(r"^\S.{0,40}\s(?:says|said)\s*:?$").unwrap(),
            ["said", "says"]
        );
        assert_eq!(needles(r"\s[|•]\s").unwrap(), ["|", "•"]);
    }

    #[test]
    fn no_needles_where_a_match_may_lack_them_or_the_regex_finds_its_start() {
        assert_eq!(needles(r"^\w+(?:says|\d)"), None); // a branch with no literal
        assert_eq!(needles(r"^\w*(?:says)?$"), None); // optional
        assert_eq!(needles(r"^(?:AFP|AP)\b"), None); // anchored on literals: fails on the first bytes
        assert_eq!(needles(r"\bfoo").unwrap(), ["foo"]);
        // lexicon's credits: one branch anchored, the others not
        assert_eq!(
            needles(r"^(?:photos?|images?)\s*:|\((?:photo|image)s?\b[^()]*\)\s*$").unwrap(),
            [")", ":"]
        );
    }

    /// A line folded a run of ASCII at a time is the line folded a character at a time (every table), mixed
    /// lines, lines opening or ending with a character outside ASCII, and lines of none included.
    #[test]
    fn a_line_folds_as_each_of_its_characters_does() {
        for version in crate::unicode::versions() {
            let table = Table::load(version).unwrap();
            let mut buffer = String::from("left over");
            for text in [
                "",
                "Plain ASCII Line, 2025",
                "“Quoted” — Ann LEE’s Ünïcödé line",
                "ÉCOLE",
                "Straße ΣΑΣ İstanbul ǅ ﬁ \u{301}x",
                "By Ann Lee · Mar 5, 2025 · 3 min read",
                "日本語のテキスト ABC",
            ] {
                let expected: String = text.chars().map(|c| table.regex_char(c)).collect();
                fold_line_into(&table, text, &mut buffer);
                assert_eq!(buffer, expected, "{version} {text:?}");
                assert_eq!(fold_line(&table, text), expected, "{version} {text:?}");
            }
        }
    }

    /// A line's needle mask lets a pattern through where its own needles would, on each form and for a
    /// pattern of several parts (every part's list must be found), and the answers are the same.
    #[test]
    fn a_needle_index_answers_as_each_patterns_own_needles() {
        let table = Table::load("14.0.0").unwrap();
        let spec = |parts: &[&str], folded: bool| spec_of(parts, folded, !folded);
        let mut patterns: Vec<Pattern> = [
            (
                &[r"\x{28}(?:[^\x{28}\x{29}]){0,80}\x{2f}\s*(?:AFP|AP|Reuters)"][..],
                false,
            ),
            (&[r"[\s][|•][\s]"][..], false),
            (&[r"(?:photo|image)s?\s*:"][..], true),
            (&[r"^[^:]*[a-z]", r"(?:says|said):"][..], true),
            (&[r"\bcredit\b"][..], true),
            (&[r"^(?:AFP|AP)\b"][..], false), // (anchored on literals: no needles)
        ]
        .iter()
        .map(|(parts, folded)| Pattern::new(spec(parts, *folded), &table).unwrap())
        .collect();
        let index = NeedleIndex::new(patterns.iter_mut());
        assert!(patterns[..5].iter().all(|p| p.needle_bits != 0));
        assert_eq!(patterns[5].needle_bits, 0);
        for line in [
            "A crowd (John Doe / AFP)",
            "A crowd (John Doe / Reuters",
            "Home | News | Sport",
            "Home |News",
            "Photos: John Doe",
            "PHOTO : Jane",
            "images",
            "Ann says: yes",
            "Ann said: no",
            "Ann: said: no",
            "Credit: AFP",
            "credits",
            "AFP",
            "",
        ] {
            let (plain, indexed) = (
                Forms::new(&table, line),
                Forms::new(&table, line).indexed(&index),
            );
            for pattern in &patterns {
                let text = plain.get(pattern.form);
                // (twice: the mask made, then read as made)
                for _ in 0..2 {
                    assert_eq!(
                        pattern.may_match_line(&indexed),
                        pattern.may_match(text),
                        "{:?} on {line:?}",
                        pattern.sources
                    );
                }
                assert_eq!(
                    pattern.is_match(&indexed),
                    pattern.is_match(&plain),
                    "{:?} on {line:?}",
                    pattern.sources
                );
            }
        }
    }

    /// The first-byte table read inline ([`Pattern::known_dead_at_first_byte`]) answers as the regex does:
    /// each line asked twice on a fresh line's forms and on the same forms (the table learnt, the form made).
    #[test]
    fn a_pattern_refused_by_its_first_byte_is_one_the_regex_does_not_match() {
        let table = Table::load("14.0.0").unwrap();
        let spec = |part: &str, folded: bool, plain: bool| spec_of(&[part], folded, plain);
        let patterns = [
            Pattern::new(spec(r"^(?:Photo|Image)s?:\s", false, true), &table).unwrap(),
            Pattern::new(
                spec(r"^(?:about the author|more from)", true, false),
                &table,
            )
            .unwrap(),
            Pattern::new(spec(r"^\d{1,2}:\d\d", false, false), &table).unwrap(),
            Pattern::new(spec(r"^[\W_]+$", false, false), &table).unwrap(),
        ];
        let lines = [
            "Photos: Jane Doe",
            "Image: x",
            "About the Author",
            "more from us",
            "12:30 pm",
            "***",
            "-- --",
            "A line of prose, with more from it.",
            "\u{201c}Quoted\u{201d}",
            "",
        ];
        for pattern in &patterns {
            let regex = Regex::new(&pattern.sources()[0]).unwrap();
            for line in lines {
                let forms = Forms::new(&table, line);
                let want = regex.is_match(Forms::new(&table, line).get(pattern.form));
                assert_eq!(pattern.is_match(&forms), want, "{line:?}");
                assert_eq!(pattern.is_match(&forms), want, "{line:?} again");
                assert_eq!(
                    pattern.is_match(&Forms::new(&table, line)),
                    want,
                    "{line:?} anew"
                );
            }
        }
    }

    /// A pattern made with its shipped needles (not parsed until its matchers compile) holds the needles its
    /// parse lists and answers every line as the pattern parsed at start does.
    #[test]
    fn shipped_needles_are_the_parsed_ones_and_answer_alike() {
        let table = Table::load("14.0.0").unwrap();
        let spec = |parts: &[&str], shipped: bool| PatternSpec {
            needles: shipped.then(|| {
                parts
                    .iter()
                    .map(|p| crate::matcher::needle_strings_of(p).unwrap())
                    .collect()
            }),
            ..spec_of(parts, true, false)
        };
        for parts in [
            &[r"(?:photo|image)s?\s*:"][..],
            &[r"^[^:]*[a-z]", r"(?:says|said):"][..],
            &[r"\bcredit\b"][..],
            &[r"^(?:afp|ap)\b"][..],
            &[r"^\w+$"][..],
        ] {
            let (parsed, shipped) = (
                Pattern::new(spec(parts, false), &table).unwrap(),
                Pattern::new(spec(parts, true), &table).unwrap(),
            );
            assert_eq!(parsed.needle_lists, shipped.needle_lists, "{parts:?}");
            assert!(shipped.parsed.lock().unwrap().is_none());
            for line in [
                "Photos: John Doe",
                "Ann said: no",
                "Credit: AFP",
                "credits",
                "AFP",
                "word",
                "",
            ] {
                let forms = Forms::new(&table, line);
                assert_eq!(
                    parsed.is_match(&forms),
                    shipped.is_match(&forms),
                    "{parts:?} {line:?}"
                );
            }
        }
    }

    #[test]
    fn the_needles_never_refuse_a_line_the_regex_matches() {
        let table = Table::load("14.0.0").unwrap();
        let spec = |part: &str| spec_of(&[part], false, true);
        let pattern = Pattern::new(spec(r"^[^.!?]{0,80}\s*/\s*(?:AFP|AP)"), &table).unwrap();
        for (line, matches) in [
            ("A crowd in the square / AFP", true),
            ("A crowd in the square. / AFP", false),
            ("A crowd in the square AFP", false),
        ] {
            assert_eq!(
                pattern.is_match(&Forms::new(&table, line)),
                matches,
                "{line}"
            );
        }
    }
}
