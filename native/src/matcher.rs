//! A regex that only answers whether it matches a line somewhere: what the phrase book asks of its
//! ~400 patterns.
//!
//! `regex::Regex` compiles a reverse NFA beside the forward one (to find where a match starts) and the
//! engines that report spans and groups; for the phrases, which ask `is_match` alone, that was two thirds
//! of the compiled patterns' memory (13 of 20 MB) and most of their compile time, paid on the first dumps
//! of a process. Here one forward NFA serves three engines, as `regex::Regex` would pick them for
//! `is_match`: the lazy DFA, and when it quits (a Unicode word boundary next to a non-ASCII byte) the
//! bounded backtracker on a short line, else the PikeVM. The answer is the same whichever runs. Before
//! them, the strings one of which every match contains ([`Needles`], as `Regex` uses its prefilter): most
//! lines lack them, and the engines never run on those.

use std::panic::{RefUnwindSafe, UnwindSafe};

use regex_automata::hybrid::dfa::{Cache as DfaCache, DFA};
use regex_automata::nfa::thompson::backtrack::{self, BoundedBacktracker};
use regex_automata::nfa::thompson::pikevm::{self, PikeVM};
use regex_automata::nfa::thompson::{WhichCaptures, NFA};
use regex_automata::util::pool::Pool;
use regex_automata::Input;

use crate::patterns::Needles;

pub struct Matcher {
    needles: Option<Needles>,
    dfa: DFA,
    backtracker: BoundedBacktracker,
    pikevm: PikeVM,
    dfa_caches: Caches<DfaCache>,
    backtrack_caches: Caches<backtrack::Cache>,
    pikevm_caches: Caches<pikevm::Cache>,
}

/// Each engine's search caches, as `Regex` keeps them (a pool with a fast path for its owner thread).
type Caches<C> = Pool<C, Box<dyn Fn() -> C + Send + Sync + RefUnwindSafe + UnwindSafe>>;

impl Matcher {
    /// Compile `pattern` with the `regex` crate's default syntax (Unicode, UTF-8), as `Regex::new` does;
    /// `prefilter`: look for its needles first (false when the caller already has).
    pub fn new(pattern: &str, prefilter: bool) -> Result<Matcher, String> {
        let hir = regex_automata::util::syntax::parse(pattern).map_err(|e| e.to_string())?;
        let nfa = NFA::compiler()
            .configure(NFA::config().which_captures(WhichCaptures::Implicit))
            .build_from_hir(&hir)
            .map_err(|e| e.to_string())?;
        let dfa = DFA::builder()
            .configure(DFA::config().unicode_word_boundary(true))
            .build_from_nfa(nfa.clone())
            .map_err(|e| e.to_string())?;
        let backtracker =
            BoundedBacktracker::new_from_nfa(nfa.clone()).map_err(|e| e.to_string())?;
        let pikevm = PikeVM::new_from_nfa(nfa).map_err(|e| e.to_string())?;
        let (d, b, p) = (dfa.clone(), backtracker.clone(), pikevm.clone());
        Ok(Matcher {
            needles: if prefilter { Needles::of(&hir) } else { None },
            dfa,
            backtracker,
            pikevm,
            dfa_caches: Pool::new(Box::new(move || d.create_cache())),
            backtrack_caches: Pool::new(Box::new(move || b.create_cache())),
            pikevm_caches: Pool::new(Box::new(move || p.create_cache())),
        })
    }

    /// Does the pattern match anywhere in `text`?
    pub fn is_match(&self, text: &str) -> bool {
        if self
            .needles
            .as_ref()
            .is_some_and(|n| !n.found_in(text.as_bytes()))
        {
            return false;
        }
        let input = Input::new(text).earliest(true);
        if let Ok(found) = self.dfa.try_search_fwd(&mut self.dfa_caches.get(), &input) {
            return found.is_some();
        }
        if text.len() <= self.backtracker.max_haystack_len() {
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

#[cfg(test)]
mod tests {
    use super::Matcher;

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
                assert_eq!(ours.is_match(t), theirs.is_match(t), "{p} on {t:.40}");
            }
        }
        assert!(Matcher::new("(", true).is_err());
    }
}
