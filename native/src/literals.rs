//! Which of a set of strings a text holds, in one pass: the screen before a profile's fingerprints.
//!
//! A profile's fingerprint regex is searched only in a dump that holds one of its required strings
//! (`cleaner.triggers.required_literals`). Asked with Python's `in`, each string was one scan of the
//! dump (~3 µs for 16 KB, ~16 strings for the shipped profiles); one Aho-Corasick automaton over all of
//! them scans it once.

use aho_corasick::{AhoCorasick, MatchKind};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;

use crate::guarded;

/// The strings' automaton (overlapping matches: one string inside another is found too).
#[pyclass(frozen, module = "cleaner._native")]
pub struct Literals {
    automaton: AhoCorasick,
    count: usize,
}

impl Literals {
    /// The indices of the strings that occur in `text`, in ascending order.
    pub fn found(&self, text: &[u8]) -> Vec<usize> {
        let mut seen = vec![false; self.count];
        let mut left = self.count;
        for hit in self.automaton.find_overlapping_iter(text) {
            let k = hit.pattern().as_usize();
            if !seen[k] {
                seen[k] = true;
                left -= 1;
                if left == 0 {
                    break;
                }
            }
        }
        (0..self.count).filter(|&k| seen[k]).collect()
    }
}

#[pymethods]
impl Literals {
    #[new]
    fn new(literals: Vec<String>) -> PyResult<Self> {
        if literals.iter().any(String::is_empty) {
            return Err(PyValueError::new_err("an empty string is in every text"));
        }
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .build(&literals)
            .map_err(|e| PyValueError::new_err(e.to_string()))?;
        Ok(Literals {
            automaton,
            count: literals.len(),
        })
    }

    /// `[k for k, s in enumerate(strings) if s.encode() in text]`: `text` is the dump as UTF-8 bytes.
    #[pyo3(name = "found")]
    fn py_found(&self, text: &[u8]) -> PyResult<Vec<usize>> {
        guarded(|| Ok(self.found(text)))
    }

    fn __len__(&self) -> usize {
        self.count
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn literals(strings: &[&str]) -> Literals {
        Literals::new(strings.iter().map(|s| s.to_string()).collect()).unwrap()
    }

    #[test]
    fn a_string_inside_another_is_found_too() {
        let screen = literals(&[
            "The Jerusalem Post - Israel News",
            "Jerusalem Post ",
            "absent",
        ]);
        assert_eq!(
            screen.found(b"x The Jerusalem Post - Israel News y"),
            [0, 1]
        );
    }

    #[test]
    fn found_is_what_contains_says_on_any_text() {
        let strings = ["ab", "b", "abc", " -\n", "é!", "zz"];
        let screen = literals(&strings);
        for text in ["", "a", "abc", "xx -\nab", "caf é! b", "zzz", "ab -\n"] {
            let expected: Vec<usize> = (0..strings.len())
                .filter(|&k| text.contains(strings[k]))
                .collect();
            assert_eq!(screen.found(text.as_bytes()), expected, "{text:?}");
        }
    }
}
