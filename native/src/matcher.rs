//! A regex that only answers whether it matches a line somewhere: what the phrase book asks of its
//! ~400 patterns.
//!
//! `regex::Regex` compiles a reverse NFA beside the forward one (to find where a match starts) and the
//! engines that report spans and groups; for the phrases, which ask `is_match` alone, that was two thirds
//! of the compiled patterns' memory (13 of 20 MB) and most of their compile time, paid on the first dumps
//! of a process. Here forward engines only, in two steps:
//!
//! 1. **A screen**: the lazy DFA of the pattern with each Unicode word assertion replaced by an ASCII one
//!    that every position meeting the Unicode one also meets ([`weaken`]). The lazy DFA quits on a Unicode
//!    word boundary next to a non-ASCII byte (every line with a curly quote, a dash, a no-break space or a
//!    word in another script), and the engines that take over (the bounded backtracker, the PikeVM) took
//!    about half of the phrases' time on the bench's dumps; the screen's ASCII assertions never quit. It matches wherever the pattern does,
//!    so its "no" is the answer (most lines that reach a pattern hold its keywords but do not match).
//! 2. **The pattern itself**, only when the screen matches and its "yes" may be wrong: not when no assertion
//!    was replaced, nor on an ASCII line when only half boundaries were (an ASCII half boundary reads an
//!    ASCII neighbour as the Unicode one does; a full boundary beside an ASCII word character is a half
//!    one: `\bsubscribe\b` is `\b{start-half}subscribe\b{end-half}`). The engines `regex::Regex` runs
//!    for `is_match` when its lazy DFA quits: the bounded backtracker on a short line, else the PikeVM, on
//!    one forward NFA compiled on first need (most patterns never build it).
//!
//! Before both, the strings one of which every match contains ([`Needles`], as `Regex` uses its
//! prefilter): most lines lack them, and no engine runs on those. A pattern anchored at the line's start
//! is refused first by the line's first byte, then by the literals every match starts with ([`Openings`]);
//! one anchored at the line's end alone is screened backwards from the end ([`Direction::Backward`]).

use std::panic::{RefUnwindSafe, UnwindSafe};
use std::sync::atomic::{AtomicU8, Ordering};
use std::sync::OnceLock;

use regex_automata::hybrid::dfa::{Cache as DfaCache, DFA};
use regex_automata::nfa::thompson::backtrack::{self, BoundedBacktracker};
use regex_automata::nfa::thompson::pikevm::{self, PikeVM};
use regex_automata::nfa::thompson::{self, WhichCaptures, NFA};
use regex_automata::util::pool::Pool;
use regex_automata::{Anchored, Input};
use regex_syntax::hir::literal::Extractor;
use regex_syntax::hir::{
    Capture, Class, ClassUnicode, ClassUnicodeRange, Hir, HirKind, Look, Repetition,
};

use crate::patterns::Needles;

pub struct Matcher {
    source: String,
    needles: Option<Needles>,
    /// The needles' strings (empty: none), for a family's shared scan ([`crate::phrases`]' keyless patterns).
    needle_strings: Vec<Vec<u8>>,
    /// The pattern with ASCII word assertions (step 1), compiled to read the line in `direction`.
    screen: DFA,
    direction: Direction,
    screen_caches: Caches<DfaCache>,
    /// Where the screen's "yes" is the pattern's.
    screen_is_exact: Exactness,
    /// The pattern itself (step 2), compiled on first need.
    exact: OnceLock<Result<Exact, String>>,
    /// Every match starts at the line's start (`^…`, Python's `match()`): searched anchored, so that the
    /// engines stop at the first byte that cannot go on a match, where an unanchored search of such a
    /// pattern read the rest of the line for a start it can never find there.
    anchored: Anchored,
    /// Of an anchored pattern: what the screen says of a line that starts with each byte, learnt on first
    /// sight of the byte ([`FirstByte`]). Most lines fail such a pattern on their first byte, and a search
    /// (its cache's checkout, its start state) cost more than the failure: ~11 patterns a line ask this.
    first_bytes: Option<Box<[AtomicU8; 256]>>,
    /// Of an anchored pattern: the literals every match starts with, when they are few ([`Openings`]).
    openings: Option<Openings>,
}

/// Which way the screen reads a line.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Direction {
    Forward,
    /// From the line's end, anchored there: a pattern whose every match ends at the line's end (`…$`) and
    /// may start anywhere. Forwards, the screen read the whole line for a start (~86 lines a dump for the
    /// shapes' `dangling` alone); backwards it dies on the line's last bytes, as `Regex`'s own
    /// reverse-anchored strategy does.
    Backward,
}

/// The literals one of which starts every match of a pattern anchored at the line's start
/// (`^(?:AFP|AP|Reuters|…)`, `^(?:more articles from|all posts by|…)`): a line that opens with none of them is
/// refused for a few comparisons, where the first byte's table let through every line that opens with one of
/// their initials (a capital letter: most lines) and the screen's search cost ~150 ns to set up and refuse it.
/// The literals sorted, by their first byte: a line's first byte names the few it may open with, each compared
/// with the line's opening. (An anchored Aho-Corasick automaton answered alike, but its building, a trie and
/// its failure transitions for up to 256 literals, ~300 K instructions a pattern, was a fifth of the matchers'
/// compiling on a CLI start.)
struct Openings {
    literals: Vec<Box<[u8]>>,
    /// The literals that open with byte `b` are `literals[starts[b]..starts[b + 1]]`.
    starts: Box<[u16; 257]>,
}

/// At most this many opening literals (more would cost more to look for than the screen does).
const MAX_OPENINGS: usize = 256;

impl Openings {
    fn of(hir: &Hir) -> Option<Openings> {
        let prefixes = Extractor::new().extract(hir);
        let literals = prefixes.literals()?;
        if literals.is_empty()
            || literals.len() > MAX_OPENINGS
            || literals.iter().any(|l| l.as_bytes().is_empty())
        {
            return None;
        }
        let mut literals: Vec<Box<[u8]>> = literals.iter().map(|l| l.as_bytes().into()).collect();
        literals.sort_unstable();
        literals.dedup();
        let mut starts = Box::new([0u16; 257]);
        for literal in &literals {
            starts[literal[0] as usize + 1] += 1;
        }
        for b in 1..starts.len() {
            starts[b] += starts[b - 1];
        }
        Some(Openings { literals, starts })
    }

    /// Does `text` open with one of the literals?
    #[inline]
    fn open(&self, text: &[u8]) -> bool {
        let Some(&first) = text.first() else {
            return false; // (no literal is empty)
        };
        let (from, to) = (
            self.starts[first as usize] as usize,
            self.starts[first as usize + 1] as usize,
        );
        self.literals[from..to]
            .iter()
            .any(|literal| text.starts_with(literal))
    }
}

/// What the screen's anchored start state does on a line's first byte.
#[derive(Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
enum FirstByte {
    Unknown = 0,
    /// The DFA goes on (or the screen cannot tell): search.
    Search = 1,
    /// The DFA is dead after it: no match can start at the line's start, so none anywhere.
    Dead = 2,
}

/// The engines of the pattern itself: those `regex::Regex` runs when its lazy DFA quits (the screen's "maybe"
/// comes on a line with a non-ASCII character, mostly, where that DFA quits; a lazy DFA of the pattern beside
/// the screen's would cost its cache's memory for the few ASCII lines of a pattern with a full boundary).
struct Exact {
    backtracker: BoundedBacktracker,
    pikevm: PikeVM,
    backtrack_caches: Caches<backtrack::Cache>,
    pikevm_caches: Caches<pikevm::Cache>,
}

/// Each engine's search caches, as `Regex` keeps them (a pool with a fast path for its owner thread).
type Caches<C> = Pool<C, Box<dyn Fn() -> C + Send + Sync + RefUnwindSafe + UnwindSafe>>;

/// On which lines the screen answers as the pattern does (ordered: each is exact where the next is).
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug)]
enum Exactness {
    /// No assertion was replaced: the screen is the pattern.
    Everywhere,
    /// Only half boundaries were replaced, which read an ASCII neighbour as the Unicode ones do.
    OnAscii,
    /// A full boundary (or a non-boundary) was loosened: a "yes" is only "maybe".
    Nowhere,
}

/// The regex crate's default syntax (Unicode, UTF-8), as `Regex::new` parses; a whole-line phrase with
/// its wrap parsed once ([`spliced`]).
fn parse(pattern: &str) -> Result<Hir, String> {
    match pattern
        .strip_prefix(WHOLE_LINE_HEAD)
        .and_then(|rest| rest.strip_suffix(WHOLE_LINE_TAIL))
        .and_then(spliced)
    {
        Some(hir) => Ok(hir),
        None => parse_as_written(pattern),
    }
}

fn parse_as_written(pattern: &str) -> Result<Hir, String> {
    if let Some(hir) = crate::hirbin::shipped(pattern) {
        return Ok(hir);
    }
    parse_fresh(pattern)
}

/// `pattern` as the regex crate's default syntax reads it, parsed now (never the shipped `Hir`).
fn parse_fresh(pattern: &str) -> Result<Hir, String> {
    regex_automata::util::syntax::parse(pattern).map_err(|e| e.to_string())
}

/// What [`parse`] hands the parser for `pattern` (each a [`parse_as_written`]): a whole-line phrase's wrap
/// and its inner pattern, or the pattern itself.
pub fn parsed_pieces(pattern: &str) -> Vec<String> {
    match pattern
        .strip_prefix(WHOLE_LINE_HEAD)
        .and_then(|rest| rest.strip_suffix(WHOLE_LINE_TAIL))
        .filter(|inner| stands_alone(inner) && parse_fresh(inner).is_ok())
    {
        Some(inner) => vec![
            WHOLE_LINE_HEAD.to_string(),
            WHOLE_LINE_TAIL.to_string(),
            inner.to_string(),
        ],
        None => vec![pattern.to_string()],
    }
}

/// The shipped file's blob for `patterns` ([`crate::hirbin::pack`]): each piece [`parse`] hands the parser
/// for one of them, with its `Hir`'s bytes, where those read back as the parse (a piece that does not parse,
/// or would not read back the same, is left out: parsed at its first use, as before).
pub fn parsed_blob(patterns: &[String]) -> Vec<u8> {
    let mut pieces: Vec<String> = patterns.iter().flat_map(|p| parsed_pieces(p)).collect();
    pieces.sort();
    pieces.dedup();
    let entries: Vec<(String, Vec<u8>)> = pieces
        .into_iter()
        .filter_map(|piece| {
            let hir = parse_fresh(&piece).ok()?;
            let bytes = crate::hirbin::encode(&hir);
            (crate::hirbin::decode(&bytes).as_ref() == Some(&hir)).then_some((piece, bytes))
        })
        .collect();
    crate::hirbin::pack(&entries)
}

/// The wrap of a whole-line phrase as `cleaner/native` translates `^[\s\W_]*(?:…)[\s\W_]*$`: half of the
/// ~400 phrases have it, and parsing its Unicode class (`\W` negated over the whole table) twice was most
/// of a whole-line phrase's compile time (~250 µs against ~20 for another phrase), paid on the first
/// dumps of each process, the CLI's cold start among them.
const WHOLE_LINE_HEAD: &str = r"^(?:[\s\x1c-\x1f\W\x{5f}]){0,}";
const WHOLE_LINE_TAIL: &str = r"(?:[\s\x1c-\x1f\W\x{5f}]){0,}$";

/// `HEAD inner TAIL` as `parse` reads it, from the wrap parsed once and `inner` alone: `Hir::concat`
/// flattens and merges as the parser's own concatenation does. None (parse it as written) when `inner`
/// could read otherwise inside the wrap: an alternation or a flag at its top level (those would take in
/// the wrap), or no valid pattern alone.
fn spliced(inner: &str) -> Option<Hir> {
    static WRAP: OnceLock<Option<(Hir, Hir)>> = OnceLock::new();
    let (head, tail) = WRAP
        .get_or_init(|| {
            Some((
                parse_as_written(WHOLE_LINE_HEAD).ok()?,
                parse_as_written(WHOLE_LINE_TAIL).ok()?,
            ))
        })
        .as_ref()?;
    if !stands_alone(inner) {
        return None;
    }
    let inner = parse_as_written(inner).ok()?;
    Some(Hir::concat(vec![head.clone(), inner, tail.clone()]))
}

/// Whether `inner` has neither a `|` nor a flag group `(?flags)` outside every group and class (escapes
/// and classes skipped; a group opened or closed unevenly is not alone either).
fn stands_alone(inner: &str) -> bool {
    let bytes = inner.as_bytes();
    let (mut depth, mut class, mut i) = (0usize, 0usize, 0usize);
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 1, // the escaped character (a `\x{…}` holds no delimiter)
            b'[' => class += 1,
            b']' if class > 0 => class -= 1,
            _ if class > 0 => {}
            b'(' => {
                if depth == 0 && bare_flags(&bytes[i..]) {
                    return false;
                }
                depth += 1;
            }
            b')' if depth == 0 => return false,
            b')' => depth -= 1,
            b'|' if depth == 0 => return false,
            _ => {}
        }
        i += 1;
    }
    depth == 0 && class == 0
}

/// Whether `group` (from its `(`) is `(?flags)`: flags for the rest of the enclosing group.
fn bare_flags(group: &[u8]) -> bool {
    group.starts_with(b"(?")
        && group[2..]
            .iter()
            .position(|&c| !(c.is_ascii_alphabetic() || c == b'-'))
            .is_some_and(|end| group[2 + end] == b')')
}

thread_local! {
    /// The NFA compilers, kept for the thread's next pattern: a fresh `thompson::Compiler` allocates the
    /// map its UTF-8 compiler dedups states in (10,000 entries, ~400 KB zeroed) at its first class, and
    /// frees it when dropped, so the ~180 patterns a process's first dump compiles paid it each (~15% of
    /// their compile time; callgrind, a CLI start). Reused, the map is cleared by a version bump; each
    /// build starts from a cleared builder, so the NFA is the one a fresh compiler makes.
    static FORWARD: thompson::Compiler = {
        let mut compiler = NFA::compiler();
        compiler.configure(NFA::config().which_captures(WhichCaptures::Implicit));
        compiler
    };
    static REVERSE: thompson::Compiler = {
        let mut compiler = NFA::compiler();
        compiler.configure(
            thompson::Config::new()
                .reverse(true)
                .which_captures(WhichCaptures::None),
        );
        compiler
    };
}

fn nfa_of(hir: &Hir) -> Result<NFA, String> {
    FORWARD.with(|compiler| compiler.build_from_hir(hir).map_err(|e| e.to_string()))
}

/// The NFA that reads `hir`'s matches backwards, from their ends ([`Direction::Backward`]).
fn reverse_nfa_of(hir: &Hir) -> Result<NFA, String> {
    REVERSE.with(|compiler| compiler.build_from_hir(hir).map_err(|e| e.to_string()))
}

/// The search caches of one engine, made on first use.
fn caches<C: 'static>(
    create: impl Fn() -> C + Send + Sync + RefUnwindSafe + UnwindSafe + 'static,
) -> Caches<C> {
    Pool::new(Box::new(create))
}

/// The strings one of which every match of `pattern` contains, as a matcher made with its prefilter lists them
/// ([`Matcher::needle_strings`]; None: no such list), from the pattern's parse alone: what the glue ships for
/// each pattern (`cleaner/data/needles.native.marshal`), so that a start neither parses a pattern nor compiles
/// its matcher before a line holds one of them.
pub fn needle_strings_of(pattern: &str) -> Result<Option<Vec<Vec<u8>>>, String> {
    Ok(Needles::listed(&parse(pattern)?).map(|(_, strings)| strings))
}

impl Matcher {
    /// Compile `pattern` with the `regex` crate's default syntax (Unicode, UTF-8), as `Regex::new` does;
    /// `prefilter`: look for its needles first (false when the caller already has).
    pub fn new(pattern: &str, prefilter: bool) -> Result<Matcher, String> {
        Matcher::from_hir(pattern, parse(pattern)?, prefilter)
    }

    /// [`Matcher::new`] of `pattern` parsed already (`hir`: as the regex crate's default syntax reads it).
    pub fn from_hir(pattern: &str, hir: Hir, prefilter: bool) -> Result<Matcher, String> {
        let (screen_hir, screen_is_exact) = weaken(&hir);
        let screen_nfa = nfa_of(&screen_hir)?;
        // (the screen only loosens word assertions and long repetitions, which keep a repetition's
        // "at least once": it is start-anchored where the pattern is)
        let anchored = if screen_nfa.is_always_start_anchored()
            && hir.properties().look_set_prefix().contains(Look::Start)
        {
            Anchored::Yes
        } else {
            Anchored::No
        };
        let ends_at_end = |h: &Hir| h.properties().look_set_suffix().contains(Look::End);
        let (direction, screen_nfa) =
            if anchored == Anchored::No && ends_at_end(&hir) && ends_at_end(&screen_hir) {
                (Direction::Backward, reverse_nfa_of(&screen_hir)?)
            } else {
                (Direction::Forward, screen_nfa)
            };
        let screen = DFA::builder()
            .build_from_nfa(screen_nfa)
            .map_err(|e| e.to_string())?;
        let s = screen.clone();
        let (needles, needle_strings) = match prefilter.then(|| Needles::listed(&hir)).flatten() {
            Some((needles, strings)) => (Some(needles), strings),
            None => (None, Vec::new()),
        };
        Ok(Matcher {
            source: pattern.to_string(),
            needles,
            needle_strings,
            screen,
            direction,
            screen_caches: caches(move || s.create_cache()),
            screen_is_exact,
            exact: OnceLock::new(),
            anchored,
            first_bytes: (anchored == Anchored::Yes).then(|| {
                Box::new(std::array::from_fn(|_| {
                    AtomicU8::new(FirstByte::Unknown as u8)
                }))
            }),
            openings: if anchored == Anchored::Yes {
                Openings::of(&hir)
            } else {
                None
            },
        })
    }

    /// Does the pattern match anywhere in `text`? (An error only if the pattern itself, which the screen's
    /// compiling vouches for, fails to compile.)
    pub fn is_match(&self, text: &str) -> Result<bool, String> {
        if self
            .needles
            .as_ref()
            .is_some_and(|n| !n.found_in(text.as_bytes()))
        {
            return Ok(false);
        }
        self.is_match_past_needles(text)
    }

    /// The strings one of which every match contains (empty: no such list, or the matcher was made without
    /// its prefilter).
    pub fn needle_strings(&self) -> &[Vec<u8>] {
        &self.needle_strings
    }

    /// [`Matcher::is_match`] of a line known to hold one of [`Matcher::needle_strings`] (a caller that looked
    /// for them itself, with other patterns' strings, in one scan of the line).
    pub fn is_match_past_needles(&self, text: &str) -> Result<bool, String> {
        if self.dead_at_first_byte(text.as_bytes()) {
            return Ok(false);
        }
        if self
            .openings
            .as_ref()
            .is_some_and(|o| !o.open(text.as_bytes()))
        {
            return Ok(false);
        }
        let input = Input::new(text).earliest(true).anchored(self.anchored);
        let screened = match self.direction {
            Direction::Forward => self
                .screen
                .try_search_fwd(&mut self.screen_caches.get(), &input),
            // (anchored at the line's end: every match ends there)
            Direction::Backward => self.screen.try_search_rev(
                &mut self.screen_caches.get(),
                &Input::new(text).earliest(true).anchored(Anchored::Yes),
            ),
        };
        if let Ok(found) = screened {
            if found.is_none()
                || self.screen_is_exact == Exactness::Everywhere
                || self.screen_is_exact == Exactness::OnAscii && text.is_ascii()
            {
                return Ok(found.is_some());
            }
        }
        Ok(self.exact()?.is_match(input))
    }

    /// Does the anchored screen die within `opening`, the first bytes of a line (so the pattern matches nowhere
    /// in the line, whatever follows them)? False where it may match: not start-anchored, a match state met on
    /// the way (a match may end inside the opening), or the DFA gave up. Read a byte at a time from the
    /// screen's start state, without the line's end: a scan of a page's lines for a label that opens a line
    /// folds only the first characters of most of them (:func:`crate::patterns::Pattern::rejects_opening`).
    pub fn dies_within(&self, opening: &[u8]) -> bool {
        if self.anchored != Anchored::Yes || self.direction != Direction::Forward {
            return false;
        }
        let cache = &mut self.screen_caches.get();
        let input = Input::new(opening).anchored(Anchored::Yes);
        let Ok(mut state) = self.screen.start_state_forward(cache, &input) else {
            return false;
        };
        for &byte in opening {
            if state.is_match() || state.is_quit() {
                return false;
            }
            if state.is_dead() {
                return true;
            }
            match self.screen.next_state(cache, state, byte) {
                Ok(next) => state = next,
                Err(_) => return false,
            }
        }
        state.is_dead()
    }

    /// Does the first byte's table already say that `text` cannot match? (False: not known to be dead,
    /// [`Matcher::is_match`] answers.) Read inline by the callers that ask many patterns of a line: most
    /// lines fail an anchored pattern on their first byte, and the call cost more than the answer.
    #[inline(always)]
    pub fn known_dead_at_first_byte(&self, text: &[u8]) -> bool {
        match (&self.first_bytes, text.first()) {
            (Some(table), Some(&byte)) => {
                table[byte as usize].load(Ordering::Relaxed) == FirstByte::Dead as u8
            }
            _ => false,
        }
    }

    /// Does the anchored screen die on `text`'s first byte (so the pattern matches nowhere in it)? Asked of
    /// the DFA the first time a line starts with that byte, then read from [`Matcher::first_bytes`]. The
    /// screen matches wherever the pattern does, so its death is the pattern's "no".
    #[inline]
    fn dead_at_first_byte(&self, text: &[u8]) -> bool {
        let (Some(table), Some(&byte)) = (&self.first_bytes, text.first()) else {
            return false;
        };
        let known = table[byte as usize].load(Ordering::Relaxed);
        if known != FirstByte::Unknown as u8 {
            return known == FirstByte::Dead as u8;
        }
        let what = self.first_byte(byte);
        table[byte as usize].store(what as u8, Ordering::Relaxed);
        what == FirstByte::Dead
    }

    /// The screen's anchored start state at a line's start (no byte before it), then `byte`.
    fn first_byte(&self, byte: u8) -> FirstByte {
        let cache = &mut self.screen_caches.get();
        let line = [byte];
        let input = Input::new(&line[..]).anchored(Anchored::Yes);
        let dead = self
            .screen
            .start_state_forward(cache, &input)
            .ok()
            .and_then(|start| self.screen.next_state(cache, start, byte).ok())
            .is_some_and(|next| next.is_dead());
        if dead {
            FirstByte::Dead
        } else {
            FirstByte::Search
        }
    }

    /// Compile the pattern itself now (tests: it would otherwise compile on first need).
    pub fn compile(&self) -> Result<(), String> {
        self.exact().map(|_| ())
    }

    fn exact(&self) -> Result<&Exact, String> {
        self.exact
            .get_or_init(|| Exact::new(&self.source))
            .as_ref()
            .map_err(Clone::clone)
    }
}

impl Exact {
    fn new(pattern: &str) -> Result<Exact, String> {
        let nfa = nfa_of(&parse(pattern)?)?;
        let backtracker =
            BoundedBacktracker::new_from_nfa(nfa.clone()).map_err(|e| e.to_string())?;
        let pikevm = PikeVM::new_from_nfa(nfa).map_err(|e| e.to_string())?;
        let (b, p) = (backtracker.clone(), pikevm.clone());
        Ok(Exact {
            backtracker,
            pikevm,
            backtrack_caches: caches(move || b.create_cache()),
            pikevm_caches: caches(move || p.create_cache()),
        })
    }

    /// As `Regex::is_match` when its lazy DFA quits: the backtracker on a short line, else the PikeVM.
    fn is_match(&self, input: Input<'_>) -> bool {
        if input.haystack().len() <= self.backtracker.max_haystack_len() {
            let found = self
                .backtracker
                .try_is_match(&mut self.backtrack_caches.get(), input.clone());
            if let Ok(found) = found {
                return found;
            }
        }
        self.pikevm.is_match(&mut self.pikevm_caches.get(), input)
    }
}

/// The Unicode word boundary `parts[i]` as the half boundary it is where one side is sure to be an ASCII
/// word character (`\bsubscribe\b` reads as `\b{start-half}subscribe\b{end-half}`, which the screen then
/// reads as the pattern does on an ASCII line); None for another part.
fn halve_boundary(parts: &[Hir], i: usize) -> Option<Hir> {
    if !matches!(parts[i].kind(), HirKind::Look(Look::WordUnicode)) {
        return None;
    }
    if word_at(parts[..i].iter().rev(), Side::End) {
        Some(Hir::look(Look::WordEndHalfUnicode))
    } else if word_at(parts[i + 1..].iter(), Side::Start) {
        Some(Hir::look(Look::WordStartHalfUnicode))
    } else {
        None
    }
}

/// Which end of a match.
#[derive(Clone, Copy)]
enum Side {
    Start,
    End,
}

/// Does every match of `parts` in sequence (given from `side` inwards) have an ASCII word character at
/// that side (and so is not empty)?
fn word_at<'h>(parts: impl Iterator<Item = &'h Hir>, side: Side) -> bool {
    let (may_be_empty, word_if_not) = sequence_side(parts, side);
    word_if_not && !may_be_empty
}

/// `(may match the empty string, every non-empty match has an ASCII word character at side)` of parts
/// in sequence, given from `side` inwards: a part that may match the empty string passes the side on.
fn sequence_side<'h>(parts: impl Iterator<Item = &'h Hir>, side: Side) -> (bool, bool) {
    for part in parts {
        let (may_be_empty, word_if_not) = word_side(part, side);
        if !word_if_not {
            return (may_be_empty, false);
        }
        if !may_be_empty {
            return (false, true);
        }
    }
    (true, true)
}

fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// `(may match the empty string, every non-empty match has an ASCII word character at side)`.
fn word_side(hir: &Hir, side: Side) -> (bool, bool) {
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => (true, true),
        HirKind::Literal(literal) => {
            let byte = match side {
                Side::Start => literal.0.first(),
                Side::End => literal.0.last(),
            };
            (byte.is_none(), byte.map_or(true, |&b| is_word_byte(b)))
        }
        HirKind::Class(Class::Unicode(class)) => (
            false,
            class.ranges().iter().all(|r| {
                r.end().is_ascii() && (r.start()..=r.end()).all(|c| is_word_byte(c as u8))
            }),
        ),
        HirKind::Class(Class::Bytes(class)) => (
            false,
            class
                .ranges()
                .iter()
                .all(|r| (r.start()..=r.end()).all(is_word_byte)),
        ),
        HirKind::Repetition(repetition) => {
            let (may_be_empty, word_if_not) = word_side(&repetition.sub, side);
            (may_be_empty || repetition.min == 0, word_if_not)
        }
        HirKind::Capture(capture) => word_side(&capture.sub, side),
        HirKind::Concat(parts) => match side {
            Side::Start => sequence_side(parts.iter(), side),
            Side::End => sequence_side(parts.iter().rev(), side),
        },
        HirKind::Alternation(branches) => {
            branches
                .iter()
                .fold((false, true), |(may_be_empty, word_if_not), branch| {
                    let (empty, word) = word_side(branch, side);
                    (may_be_empty || empty, word_if_not && word)
                })
        }
    }
}

/// `hir` with each Unicode word assertion replaced by an ASCII one (or none) that holds wherever it does,
/// and where the result answers as `hir` does. The ASCII word characters are Unicode word characters, so
/// "the neighbour is not a word character" (a half boundary) implies "not an ASCII one", and the two agree
/// on an ASCII neighbour. A full boundary (word on one side only) implies that one side is not an ASCII word
/// character; a non-boundary implies nothing an ASCII assertion can say.
fn weaken(hir: &Hir) -> (Hir, Exactness) {
    let mut exactness = Exactness::Everywhere;
    let weak = weaken_into(hir, &mut exactness);
    (weak, exactness)
}

fn weaken_into(hir: &Hir, exactness: &mut Exactness) -> Hir {
    let mut loosen = |to: Exactness| *exactness = (*exactness).max(to);
    match hir.kind() {
        HirKind::Look(look) => match look {
            Look::WordStartHalfUnicode => {
                loosen(Exactness::OnAscii);
                Hir::look(Look::WordStartHalfAscii)
            }
            Look::WordEndHalfUnicode => {
                loosen(Exactness::OnAscii);
                Hir::look(Look::WordEndHalfAscii)
            }
            Look::WordUnicode => {
                loosen(Exactness::Nowhere);
                Hir::alternation(vec![
                    Hir::look(Look::WordStartHalfAscii),
                    Hir::look(Look::WordEndHalfAscii),
                ])
            }
            Look::WordStartUnicode => {
                loosen(Exactness::Nowhere);
                Hir::look(Look::WordStartHalfAscii)
            }
            Look::WordEndUnicode => {
                loosen(Exactness::Nowhere);
                Hir::look(Look::WordEndHalfAscii)
            }
            Look::WordUnicodeNegate => {
                loosen(Exactness::Nowhere);
                Hir::empty()
            }
            _ => hir.clone(),
        },
        HirKind::Repetition(repetition) => {
            let sub = Box::new(weaken_into(&repetition.sub, exactness));
            match repetition.max {
                Some(max) if max >= LONG_REPEAT => {
                    *exactness = Exactness::Nowhere;
                    Hir::repetition(Repetition {
                        min: repetition.min.min(1),
                        max: None,
                        sub,
                        ..repetition.clone()
                    })
                }
                _ => Hir::repetition(Repetition {
                    sub,
                    ..repetition.clone()
                }),
            }
        }
        HirKind::Capture(capture) => Hir::capture(Capture {
            sub: Box::new(weaken_into(&capture.sub, exactness)),
            ..capture.clone()
        }),
        HirKind::Concat(parts) => Hir::concat(
            (0..parts.len())
                .map(|i| match halve_boundary(parts, i) {
                    Some(half) => weaken_into(&half, exactness),
                    None => weaken_into(&parts[i], exactness),
                })
                .collect(),
        ),
        HirKind::Alternation(branches) => Hir::alternation(
            branches
                .iter()
                .map(|branch| weaken_into(branch, exactness))
                .collect(),
        ),
        HirKind::Class(Class::Unicode(class)) => match widened(class) {
            Some(wide) => {
                loosen(Exactness::OnAscii);
                Hir::class(Class::Unicode(wide))
            }
            None => hir.clone(),
        },
        HirKind::Empty | HirKind::Literal(_) | HirKind::Class(_) => hir.clone(),
    }
}

/// A bounded repetition up to this many times or more is unbounded in the screen (`{m,n}` as `{min(m,1),}`).
/// The NFA compiler writes out one copy of the repeated part per time (`(?:.){0,200}`: 200 UTF-8 automata
/// of `.`), which was a quarter of the matchers' compiling on a CLI start (callgrind: `c_bounded`, 23 M
/// instructions); unbounded, one or two copies. `{m,n}` matches nowhere `{min(m,1),}` does not, so the
/// screen's "no" is still the pattern's; its "yes" is only "maybe", settled by the pattern itself.
const LONG_REPEAT: u32 = 20;

/// A class with more ranges past ASCII than this is widened in the screen ([`widened`]).
const WIDE_CLASS_RANGES: usize = 32;

/// A Unicode class of many ranges past ASCII (`\w`, `\W`, `\d` read as Unicode: hundreds) as its ASCII
/// part and every character past ASCII: it holds wherever the class does and agrees with it on an ASCII
/// character, so the screen stays exact on an ASCII line. The class itself compiles to a UTF-8 automaton of
/// thousands of states, once per repetition (`[\w .-]{1,40}`: 13 ms, the largest part of the first
/// dump's compiling); the widened one to a few.
fn widened(class: &ClassUnicode) -> Option<ClassUnicode> {
    let past_ascii = class
        .ranges()
        .iter()
        .filter(|r| !r.end().is_ascii())
        .count();
    if past_ascii <= WIDE_CLASS_RANGES {
        return None;
    }
    let ascii = class
        .ranges()
        .iter()
        .filter(|r| r.start().is_ascii())
        .map(|r| ClassUnicodeRange::new(r.start(), r.end().min('\x7f')));
    Some(ClassUnicode::new(
        ascii.chain([ClassUnicodeRange::new('\u{80}', char::MAX)]),
    ))
}
#[cfg(test)]
mod tests {
    use super::{Exactness, Matcher};

    /// A screen's death within a line's opening is the pattern's "no" on the whole line, whatever follows
    /// the opening; and a label-opening pattern dies within the first bytes of a line of prose (the point).
    #[test]
    fn death_within_an_opening_is_no_match() {
        let patterns = [
            r"^[•·*\-–—|]?\s*(?:(?:written|posted)\s+by|by):?(?:\s+|\z)",
            r"^[•·*\-–—|]?\s*(?:thread\s+starter|ersteller)\s*:?\s*(?P<name>.*)$",
            r"^(?P<name>\S+(?:\s+\S+){0,2}?)\s+(?:thread\s+starter|ersteller)$",
            r"^\s*(?:published|veröffentlicht)\b(?:\s+(?:on|am))?\s*:?",
            r"(?:by|von)\s+\S",
        ];
        let lines = [
            "by ann lee",
            "written by ann lee · 5 min read",
            "• by",
            "thread starter ann lee",
            "annlee thread starter",
            "ann lee jones thread starter",
            "ann lee jones smith thread starter",
            "published on may 5, 2025",
            "veröffentlicht am 3. mai 2025",
            "the harbour council met on tuesday to discuss the storm's damage to the pier and the boats",
            "écrit par ann — the harbour council met on tuesday, and by evening it had voted",
            "",
        ];
        let mut died = 0;
        for pattern in patterns {
            let matcher = Matcher::new(pattern, true).unwrap();
            for line in lines {
                let whole = matcher.is_match(line).unwrap();
                for end in (0..=line.len()).filter(|&end| line.is_char_boundary(end)) {
                    if matcher.dies_within(&line.as_bytes()[..end]) {
                        died += 1;
                        assert!(
                            !whole,
                            "{pattern:?} died within {:?} of {line:?}",
                            &line[..end]
                        );
                    }
                }
            }
        }
        assert!(died > 0);
        let prose = "the harbour council met on tuesday to discuss the storm's damage to the pier";
        for pattern in &patterns[..4] {
            assert!(
                Matcher::new(pattern, true)
                    .unwrap()
                    .dies_within(&prose.as_bytes()[..64]),
                "{pattern:?}"
            );
        }
        // not start-anchored: no death claimed
        assert!(!Matcher::new(patterns[4], true)
            .unwrap()
            .dies_within(prose.as_bytes()));
    }

    /// The same answers as `regex::Regex`, on the engines' three ways: the lazy DFA, and past a Unicode
    /// word boundary next to non-ASCII text the backtracker (a short line) or the PikeVM (a long one).
    #[test]
    fn agrees_with_regex() {
        let patterns = [
            r"(?:\b{start-half}|\b{end-half})newsletter(?:.){0,200}\b(?:(?:inbox|mailbox))",
            r"^(?:[\s\W_]){0,}(?:\b{start-half}|\b{end-half})more\x{20}from\x{20}(?:.){1,40}$",
            r"\bcafé\b",
            r"^$",
        ];
        let long = "é ".repeat(40_000) + "newsletter to your inbox";
        let texts = [
            "",
            "get the newsletter in your inbox",
            "get the newsletter in your inboxes",
            "sign up: newsletter → straight to your inbox",
            "more from the café",
            "—more from us",
            "un café",
            "cafés",
            long.as_str(),
        ];
        for p in patterns {
            let (ours, theirs) = (
                Matcher::new(p, true).unwrap(),
                regex::Regex::new(p).unwrap(),
            );
            for t in texts {
                assert_eq!(
                    ours.is_match(t).unwrap(),
                    theirs.is_match(t),
                    "{p} on {t:.40}"
                );
            }
        }
        assert!(Matcher::new("(", true).is_err());
    }

    /// A pattern's parts as `Pattern::new` parses them for their needles (`regex_syntax::parse`, kept for its
    /// matchers: [`Matcher::from_hir`]) are what [`Matcher::new`] parses, whole-line wraps included.
    #[test]
    fn the_needles_parse_is_the_matchers_parse() {
        use super::{parse, WHOLE_LINE_HEAD, WHOLE_LINE_TAIL};
        let whole_line =
            format!(r"{WHOLE_LINE_HEAD}(?:more\x{{20}}from\x{{20}}(?:.){{1,40}}){WHOLE_LINE_TAIL}");
        for p in [
            whole_line.as_str(),
            r"\bcafé\b",
            r"^(?:(?i:jan|feb|märz)\.?\s+\d{1,2},?\s+\d{4})",
            r"^[^.!?]{0,80}\s*/\s*(?:AFP|AP|Reuters)",
            r"[\w .-]{1,40}\s(?:says|said)\s*:?$",
        ] {
            assert_eq!(regex_syntax::parse(p).unwrap(), parse(p).unwrap(), "{p}");
        }
    }

    /// A whole-line phrase parses from its wrap parsed once ([`super::spliced`]) to what the parser makes of
    /// it whole; one the wrap's splice could misread is parsed whole.
    #[test]
    fn a_whole_line_phrase_splices_into_its_wrap_as_parsed_whole() {
        use super::{parse, parse_as_written, spliced, WHOLE_LINE_HEAD, WHOLE_LINE_TAIL};
        for inner in [
            r"(?:\b{start-half}|\b{end-half})more\x{20}from\x{20}(?:.){1,40}",
            r"(?:(?:artikel\x{20}|text\x{20})){0,1}weiterlesen",
            r"[(|)\]]x\(y\)",
            "a",
            "",
            "(?:a|b)(?i:c)",
        ] {
            let whole = format!("{WHOLE_LINE_HEAD}{inner}{WHOLE_LINE_TAIL}");
            assert!(spliced(inner).is_some(), "{inner}");
            assert_eq!(
                parse(&whole).unwrap(),
                parse_as_written(&whole).unwrap(),
                "{inner}"
            );
        }
        for inner in ["a|b", "(?i)a", "a)(b", "(a", "[a", r"a\"] {
            assert!(spliced(inner).is_none(), "{inner}");
        }
        let whole = format!("{WHOLE_LINE_HEAD}a|b{WHOLE_LINE_TAIL}");
        assert_eq!(parse(&whole).unwrap(), parse_as_written(&whole).unwrap());
    }

    /// Every shipped whole-line phrase (`cleaner/data/boilerplate.native.marshal`, read as JSON through
    /// `python3`: the data is marshalled since a start stopped importing `json`) splices to its whole parse.
    #[test]
    fn every_shipped_whole_line_phrase_splices_as_parsed_whole() {
        use super::{parse, parse_as_written, WHOLE_LINE_HEAD};
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../cleaner/data/boilerplate.native.marshal"
        );
        let dumped = std::process::Command::new("python3")
            .args([
                "-c",
                "import json, marshal, sys; \
                 print(json.dumps(marshal.load(open(sys.argv[1], 'rb')), ensure_ascii=False))",
                path,
            ])
            .output()
            .expect("python3, to read the marshalled phrases");
        assert!(dumped.status.success(), "{:?}", dumped);
        let json = String::from_utf8(dumped.stdout).unwrap();
        let head = format!("\"{}", WHOLE_LINE_HEAD.replace('\\', "\\\\"));
        let mut seen = 0;
        for (start, _) in json.match_indices(&head) {
            let whole = json_string(&json[start + 1..]);
            assert_eq!(
                parse(&whole).unwrap(),
                parse_as_written(&whole).unwrap(),
                "{whole}"
            );
            seen += 1;
        }
        assert!(seen > 100, "{seen} whole-line phrases");
    }

    /// The JSON string that `text` starts with (after its opening quote), unescaped.
    fn json_string(text: &str) -> String {
        let mut out = String::new();
        let mut chars = text.chars();
        while let Some(c) = chars.next() {
            match c {
                '"' => return out,
                '\\' => match chars.next().unwrap() {
                    'u' => {
                        let hex: String = chars.by_ref().take(4).collect();
                        out.push(char::from_u32(u32::from_str_radix(&hex, 16).unwrap()).unwrap());
                    }
                    'n' => out.push('\n'),
                    't' => out.push('\t'),
                    other => out.push(other),
                },
                c => out.push(c),
            }
        }
        panic!("unterminated JSON string")
    }

    /// A pattern anchored at the line's start is searched anchored, and a line whose first byte the screen
    /// dies on is refused from the byte's table: the same answers as `regex::Regex` on lines that pass
    /// the table and lines it refuses, the table learnt on the first lines and read on the later ones.
    #[test]
    fn an_anchored_pattern_refuses_a_line_by_its_first_byte_as_regex_does() {
        let patterns = [
            r"^(?:about|über)\x{20}the\x{20}author",
            r"^(?:[\W_]){1,}$",
            r"(?:\b{start-half}|\b{end-half})^(?:more\x{20}from\b)",
            r"^(?:[\s\W_]){0,}(?:\b{start-half}|\b{end-half})share\b",
            r"^(?:.){0,}[\d]{4}",
            r"^\b(?:é|e)t\b",
        ];
        let lines = [
            "about the author",
            "About the author",
            "über the author",
            "— about",
            "***",
            "* * *",
            "a",
            "more from us",
            "more fromage",
            " more from",
            "—share this",
            "shares",
            "share",
            "in 2024",
            "2024",
            "été",
            "et",
            "ét",
            "\u{a0}share",
            "’",
            "é",
            "",
        ];
        for p in patterns {
            let (ours, theirs) = (
                Matcher::new(p, true).unwrap(),
                regex::Regex::new(p).unwrap(),
            );
            assert!(ours.first_bytes.is_some(), "{p} is anchored");
            for _ in 0..2 {
                for t in lines {
                    assert_eq!(
                        ours.is_match(t).unwrap(),
                        theirs.is_match(t),
                        "{p} on {t:?}"
                    );
                }
            }
        }
        let about = Matcher::new(patterns[0], true).unwrap();
        assert!(!about.is_match("the author").unwrap());
        let known =
            |b: u8| about.first_bytes.as_ref().unwrap()[b as usize].load(super::Ordering::Relaxed);
        assert_eq!(known(b't'), super::FirstByte::Dead as u8);
        assert!(Matcher::new(r"about\x{20}the", true)
            .unwrap()
            .first_bytes
            .is_none());
    }

    /// A pattern anchored at the line's start with few opening literals refuses a line that opens with none
    /// of them; one anchored at the line's end alone is screened backwards: the same answers as
    /// `regex::Regex`, on lines that open (end) as the pattern may and lines that do not.
    #[test]
    fn openings_and_backward_screens_answer_as_regex_does() {
        use super::Direction;
        let opened = [
            r"^(?:(?:AFP|AP|Reuters|Getty\x{20}Images)\b)",
            r"^(?:more\x{20}(?:articles|posts)\x{20}(?:from|by)|all\x{20}posts\x{20}by)",
            r"(?:\b{start-half}|\b{end-half})^(?:(?:etiquetas|tags|über)\b)",
        ];
        let backward = [
            r"(?:[\s\x1c-\x1f][\x{2d}\x{2013}\x{7c}\x{bb}]|[\x{bb}\x{2022}\x{7c}])$",
            r"\x{28}[\d](?:[\d\x{2c}\x{2e}]){0,}\x{29}$",
            r"\bcafé$",
            r"(?:\b{start-half}|\b{end-half})read\x{20}more\b(?:.){0,5}$",
        ];
        let lines = [
            "AFP",
            "AP photo",
            "APPLE",
            "A crowd / AFP",
            "Reuters",
            "Getty Images",
            "more articles from Ann",
            "more posts by",
            "all posts by Ann",
            "all post by",
            "tags: a, b",
            "etiquetas",
            "über",
            "überall",
            "News |",
            "News -",
            "News –",
            "News»",
            "News",
            "Comments (12)",
            "Comments (1,2)",
            "(12) comments",
            "un café",
            "uncafé",
            "read more »",
            "read more about this and that",
            "é read more",
            "",
        ];
        for (p, direction, opens) in opened
            .iter()
            .map(|p| (p, Direction::Forward, true))
            .chain(backward.iter().map(|p| (p, Direction::Backward, false)))
        {
            let (ours, theirs) = (
                Matcher::new(p, true).unwrap(),
                regex::Regex::new(p).unwrap(),
            );
            assert_eq!(ours.direction, direction, "{p}");
            assert_eq!(ours.openings.is_some(), opens, "{p}");
            // (the literals by their first byte: each line opens with one of them or none)
            if let Some(openings) = &ours.openings {
                for t in lines {
                    let listed = openings
                        .literals
                        .iter()
                        .any(|l| t.as_bytes().starts_with(l));
                    assert_eq!(openings.open(t.as_bytes()), listed, "{p} on {t:?}");
                }
            }
            for t in lines {
                assert_eq!(
                    ours.is_match(t).unwrap(),
                    theirs.is_match(t),
                    "{p} on {t:?}"
                );
            }
        }
    }

    /// Generated patterns (word boundaries of every kind beside ASCII and other words, classes, repetitions)
    /// on generated lines (ASCII and other letters, digits, curly quotes, dashes, no-break spaces): the same
    /// answers as `regex::Regex`, whichever of the screen and the engines answers.
    #[test]
    fn agrees_with_regex_on_generated_patterns_and_lines() {
        let mut random = Random(0x9E37_79B9_7F4A_7C15);
        let words = ["news", "in", "café", "é", "при", "a_1", "x", "’s", "9"];
        let looks = [
            r"\b",
            r"\B",
            r"\b{start}",
            r"\b{end}",
            r"\b{start-half}",
            r"\b{end-half}",
            r"(?:\b{start-half}|\b{end-half})",
            "^",
            "$",
        ];
        let others = [
            r"\w",
            r"\W",
            "[a-z]",
            ".",
            "[é-]",
            r"\s",
            r"(?:in|é)",
            r"[\d_]",
        ];
        let repeats = ["", "", "?", "+", "{0,3}", "*", "{0,20}", "{2,25}"];
        let alphabet = [
            "a", "e", "n", "s", "w", "i", "x", "_", "1", "9", "é", "ß", "п", "р", "и", "中", " ",
            " ", "\u{a0}", "’", "—", "-", ".", "'", "news", "café", "при", "in",
        ];
        let mut cases = 0;
        for _ in 0..3000 {
            let mut pattern = String::new();
            for _ in 0..random.below(6) + 1 {
                let piece = match random.below(3) {
                    0 => random.pick(&words),
                    1 => random.pick(&looks),
                    _ => random.pick(&others),
                };
                pattern.push_str(&format!("(?:{piece}){}", random.pick(&repeats)));
            }
            let Ok(theirs) = regex::Regex::new(&pattern) else {
                continue;
            };
            let ours = [
                Matcher::new(&pattern, true).unwrap(),
                Matcher::new(&pattern, false).unwrap(),
            ];
            for _ in 0..40 {
                let text: String = (0..random.below(12))
                    .map(|_| random.pick(&alphabet))
                    .collect();
                for matcher in &ours {
                    assert_eq!(
                        matcher.is_match(&text).unwrap(),
                        theirs.is_match(&text),
                        "{pattern} on {text:?}"
                    );
                }
                cases += 1;
            }
        }
        assert!(cases > 50_000, "{cases}");
    }

    /// A non-ASCII line the pattern does not match is answered by the screen: the slow engines never run
    /// (they are not even compiled); an ASCII line gets its answer there too when the boundaries are halves
    /// or full ones beside an ASCII word character.
    #[test]
    fn the_screen_answers_without_the_slow_engines() {
        let matcher = Matcher::new(r"(?:\b{start-half}|\b{end-half})\bsubscribe\b", true).unwrap();
        assert_eq!(matcher.screen_is_exact, Exactness::OnAscii);
        for (text, found) in [
            ("subscribers — café", false),
            ("to subscribe now", true),
            ("“subscribe” — not this café’s way", true),
        ] {
            assert_eq!(matcher.is_match(text).unwrap(), found, "{text}");
            // (a "yes" on a line with other characters is only "maybe": the pattern itself settles it)
            assert_eq!(
                matcher.exact.get().is_some(),
                text.starts_with('“'),
                "{text}"
            );
        }
        let full = Matcher::new(r"\bé", true).unwrap();
        assert_eq!(full.screen_is_exact, Exactness::Nowhere);
        assert!(!full.is_match("café").unwrap());
        assert!(full.exact.get().is_some());
    }

    /// A repeated Unicode class (`\\w` has hundreds of ranges past ASCII) is widened in the screen: its
    /// automaton is small, its answer exact on an ASCII line; a line with other characters that it lets
    /// through is settled by the pattern itself.
    #[test]
    fn a_wide_class_is_widened_in_the_screen() {
        let pattern = r"^(?:AFP|Reuters)(?:\s*/\s*(?:[\w\x{20}\x{2e}\x{2d}]){1,15})?$";
        let matcher = Matcher::new(pattern, true).unwrap();
        assert_eq!(matcher.screen_is_exact, Exactness::OnAscii);
        let states = matcher.screen.get_nfa().states().len();
        assert!(states < 1_000, "{states} states");
        let theirs = regex::Regex::new(pattern).unwrap();
        for text in [
            "AFP",
            "AFP / John Doe",
            "AFP / Jöhn Dœ",
            "AFP / John—Doe",
            "Reuters/中文",
            "AFP / x!",
        ] {
            assert_eq!(
                matcher.is_match(text).unwrap(),
                theirs.is_match(text),
                "{text}"
            );
        }
        assert!(matcher.exact.get().is_some()); // (the lines past ASCII the screen let through)
        let narrow = Matcher::new(r"\s*[•·]\s*", true).unwrap();
        assert_eq!(narrow.screen_is_exact, Exactness::Everywhere); // (few ranges: kept as it is)
    }

    /// A long bounded repetition (`(?:.){0,20}`) is unbounded in the screen: one copy of `.`'s UTF-8
    /// automaton where there were twenty; a line whose gap is too long for the pattern gets through the
    /// screen and is refused by the pattern itself. Gaps of ASCII and other characters around the bound.
    #[test]
    fn a_long_bounded_gap_is_unbounded_in_the_screen() {
        let pattern = r"news(?:.){0,20}letter";
        let matcher = Matcher::new(pattern, true).unwrap();
        assert_eq!(matcher.screen_is_exact, Exactness::Nowhere);
        let bounded = regex_automata::nfa::thompson::NFA::new(pattern).unwrap();
        let states = matcher.screen.get_nfa().states().len();
        assert!(
            states * 5 < bounded.states().len(),
            "{states} states against {}",
            bounded.states().len()
        );
        let theirs = regex::Regex::new(pattern).unwrap();
        assert!(!matcher.is_match("no letter here").unwrap());
        assert!(matcher.exact.get().is_none()); // (the screen's "no" is the answer)
        for gap in [0, 1, 19, 20, 21, 40] {
            for filler in ["x", "é", "中", "\u{1F600}", " "] {
                let text = format!("a news{}letter.", filler.repeat(gap));
                assert_eq!(
                    matcher.is_match(&text).unwrap(),
                    theirs.is_match(&text),
                    "{text}"
                );
            }
        }
        let short = Matcher::new(r"news(?:.){0,19}letter", true).unwrap();
        assert_eq!(short.screen_is_exact, Exactness::Everywhere); // (kept as it is)
        let anchored = Matcher::new(r"^(?:ab){1,30}c", true).unwrap();
        assert_eq!(anchored.anchored, regex_automata::Anchored::Yes); // (its "at least once" kept)
        assert!(!anchored.is_match(&format!("{}c", "ab".repeat(31))).unwrap());
        assert!(anchored.is_match(&format!("{}c", "ab".repeat(30))).unwrap());
    }

    /// A small xorshift generator: the same cases on every run.
    struct Random(u64);

    impl Random {
        fn below(&mut self, n: usize) -> usize {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            (self.0 % n as u64) as usize
        }

        fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
            items[self.below(items.len())]
        }
    }
}
