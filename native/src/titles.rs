//! The text metadata's title pick: which of the header's lines may repeat the page title (or one of its
//! parts), as `metadata._near_titles` (the Python reference) finds them.
//!
//! A line (in lower case) is near a part when it equals it, or when difflib's cheap upper bounds of their
//! `ratio` reach the threshold: the lengths (`real_quick_ratio`), then the characters in common
//! (`quick_ratio`). Python asks difflib's `ratio` of the few lines that pass; this only spares it the
//! counting for the many that cannot. The figures are Python's: lengths in code points, the same float
//! operations in the same order.

use pyo3::prelude::*;
use pyo3::types::PyList;
use rustc_hash::FxHashMap;

use crate::{borrow, guarded, line_strings};

/// A title part: its text, its length in code points, and each of its characters with its count.
struct Part<'a> {
    text: &'a str,
    len: usize,
    counts: Vec<(char, u32)>,
}

impl<'a> Part<'a> {
    fn new(text: &'a str) -> Self {
        let mut counts: Vec<(char, u32)> = Vec::new();
        for c in text.chars() {
            match counts.iter_mut().find(|(k, _)| *k == c) {
                Some((_, n)) => *n += 1,
                None => counts.push((c, 1)),
            }
        }
        Part {
            text,
            len: text.chars().count(),
            counts,
        }
    }
}

/// A line's characters counted: an array for ASCII, a map for the rest.
struct Counts {
    ascii: [u32; 128],
    other: FxHashMap<char, u32>,
}

impl Counts {
    fn new() -> Self {
        Counts {
            ascii: [0; 128],
            other: FxHashMap::default(),
        }
    }

    fn count(&mut self, line: &str) {
        self.ascii = [0; 128];
        self.other.clear();
        for c in line.chars() {
            if c.is_ascii() {
                self.ascii[c as usize] += 1;
            } else {
                *self.other.entry(c).or_insert(0) += 1;
            }
        }
    }

    fn of(&self, c: char) -> u32 {
        if c.is_ascii() {
            self.ascii[c as usize]
        } else {
            self.other.get(&c).copied().unwrap_or(0)
        }
    }

    /// How many characters the line has in common with `part` (each as often as the fewer of its counts).
    fn common(&self, part: &Part<'_>) -> usize {
        part.counts
            .iter()
            .map(|&(c, n)| n.min(self.of(c)) as usize)
            .sum()
    }
}

/// `metadata._alike_lengths`: Python's `2 * min(a, b) >= threshold * (a + b)` (an int against a float,
/// exact both ways below 2^53).
fn alike_lengths(a: usize, b: usize, threshold: f64) -> bool {
    (2 * a.min(b)) as f64 >= threshold * (a + b) as f64
}

/// For each line (lower case) near one of `parts` at least, its index and a bit per part it is near
/// (bit `j` for `parts[j]`; at most 64 parts).
pub fn near(parts: &[&str], lines: &[&str], threshold: f64) -> Vec<(usize, u64)> {
    let parts: Vec<Part<'_>> = parts.iter().map(|p| Part::new(p)).collect();
    let mut counts = Counts::new();
    let mut found = Vec::new();
    for (k, line) in lines.iter().enumerate() {
        let len = line.chars().count();
        let mut mask = 0u64;
        let mut counted = false;
        for (j, part) in parts.iter().enumerate() {
            let near = *line == part.text
                || (alike_lengths(len, part.len, threshold) && {
                    if !counted {
                        counts.count(line);
                        counted = true;
                    }
                    2.0 * counts.common(part) as f64 / (len + part.len) as f64 >= threshold
                });
            if near {
                mask |= 1 << j;
            }
        }
        if mask != 0 {
            found.push((k, mask));
        }
    }
    found
}

/// `metadata._near_titles` in the core: (index, bit per part) of each line near a part.
#[pyfunction]
pub fn near_titles(
    parts: Vec<String>,
    lines: &Bound<'_, PyList>,
    threshold: f64,
) -> PyResult<Vec<(usize, u64)>> {
    guarded(|| {
        if parts.len() > 64 {
            return Err(pyo3::exceptions::PyValueError::new_err(
                "at most 64 title parts",
            ));
        }
        let strings = line_strings(lines)?;
        let texts = borrow(&strings)?;
        let parts: Vec<&str> = parts.iter().map(String::as_str).collect();
        Ok(near(&parts, &texts, threshold))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_is_near_an_equal_or_alike_part_only() {
        let parts = ["storm closes the harbour road", "the daily example"];
        let lines = [
            "storm closes the harbour road",
            "storm closes the harbour roads",
            "the daily example",
            "subscribe to our newsletter today",
            "",
        ];
        assert_eq!(near(&parts, &lines, 0.84), vec![(0, 1), (1, 1), (2, 2)]);
    }

    #[test]
    fn characters_are_counted_as_code_points() {
        // "é" is two bytes and one character: the lengths are alike, the characters all in common.
        let parts = ["café crème"];
        assert_eq!(near(&parts, &["crème café"], 0.84), vec![(0, 1)]);
        assert_eq!(near(&parts, &["cafe creme"], 0.84), vec![]);
    }
}
