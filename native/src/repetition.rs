//! How much of each line the page says elsewhere too: the port of `cleaner/html/repetition.py` (the
//! reference, which says why the markup model reads it).
//!
//! A line's words are `re`'s `\w+` runs of its `str.lower()`, both read from the running Python's character
//! table, so the trigrams are the reference's; a trigram is numbered once per page, and each pass keeps the
//! first line (in its order) to show each number.

use rustc_hash::FxHashMap;

use crate::unicode::{Table, WORD};

/// For each line, the share of its word trigrams that earlier lines hold, and the share later lines hold
/// (`repetition.repetition`).
pub fn repetition(table: &Table, lines: &[&str]) -> (Vec<f64>, Vec<f64>) {
    let page = PageGrams::of(table, lines);
    let n = lines.len();
    (
        page.held_by_visited(0..n),
        page.held_by_visited((0..n).rev()),
    )
}

/// The page's trigrams: each distinct text's numbers once (menus and footers repeat), each line's text.
struct PageGrams {
    grams: Vec<Vec<u32>>,
    of_line: Vec<u32>,
    distinct: usize,
}

impl PageGrams {
    fn of(table: &Table, lines: &[&str]) -> PageGrams {
        let mut known: FxHashMap<&str, u32> = FxHashMap::default();
        let mut numbers = Numbers::default();
        let mut grams: Vec<Vec<u32>> = Vec::new();
        let mut of_line = Vec::with_capacity(lines.len());
        for &line in lines {
            let at = match known.get(line) {
                Some(&at) => at,
                None => {
                    let at = grams.len() as u32;
                    grams.push(numbers.trigrams(table, line));
                    known.insert(line, at);
                    at
                }
            };
            of_line.push(at);
        }
        PageGrams {
            grams,
            of_line,
            distinct: numbers.ids.len(),
        }
    }

    /// `_held_by_visited`: for each line, the share of its trigrams whose first line in `order` is another.
    fn held_by_visited(&self, order: impl Iterator<Item = usize>) -> Vec<f64> {
        const NONE: u32 = u32::MAX;
        let mut shares = vec![0.0; self.of_line.len()];
        let mut first = vec![NONE; self.distinct];
        for i in order {
            let own = &self.grams[self.of_line[i] as usize];
            if own.is_empty() {
                continue;
            }
            let line = i as u32;
            let mut held = 0usize;
            for &gram in own {
                let seen = &mut first[gram as usize];
                if *seen == NONE {
                    *seen = line;
                } else if *seen != line {
                    held += 1;
                }
            }
            // exact counts, one correctly rounded division: Python's int / int
            shares[i] = held as f64 / own.len() as f64;
        }
        shares
    }
}

/// The page's distinct trigrams by number, with the buffers a line's are found in.
#[derive(Default)]
struct Numbers {
    ids: FxHashMap<String, u32>,
    lowered: String,
    words: Vec<(usize, usize)>,
    key: String,
}

impl Numbers {
    /// `_trigrams`: the line's word trigrams (a line of one or two words: those as one key), numbered.
    fn trigrams(&mut self, table: &Table, text: &str) -> Vec<u32> {
        self.lowered.clear();
        table.lower_str_into(text, 0, text.len(), &mut self.lowered);
        self.words.clear();
        let mut start: Option<usize> = None;
        for (at, c) in self.lowered.char_indices() {
            let word = if c.is_ascii() {
                c.is_ascii_alphanumeric() || c == '_'
            } else {
                table.props(c).has(WORD)
            };
            match (word, start) {
                (true, None) => start = Some(at),
                (false, Some(from)) => {
                    self.words.push((from, at));
                    start = None;
                }
                _ => {}
            }
        }
        if let Some(from) = start {
            self.words.push((from, self.lowered.len()));
        }
        let count = self.words.len();
        if count == 0 {
            return Vec::new();
        }
        let width = count.min(3);
        let mut out = Vec::with_capacity(count + 1 - width);
        for first in 0..=count - width {
            self.key.clear();
            for (k, &(from, to)) in self.words[first..first + width].iter().enumerate() {
                if k > 0 {
                    self.key.push(' ');
                }
                self.key.push_str(&self.lowered[from..to]);
            }
            let next = self.ids.len() as u32;
            let id = match self.ids.get(self.key.as_str()) {
                Some(&id) => id,
                None => {
                    self.ids.insert(self.key.clone(), next);
                    next
                }
            };
            out.push(id);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table() -> Table {
        Table::load("15.0.0").unwrap()
    }

    #[test]
    fn a_line_repeating_an_earlier_one_is_held_before_and_the_earlier_after() {
        let (before, after) = repetition(
            &table(),
            &["One two three four", "nothing alike here", "ONE two three"],
        );
        assert_eq!(before, vec![0.0, 0.0, 1.0]);
        assert_eq!(after, vec![0.5, 0.0, 0.0]);
    }

    #[test]
    fn short_lines_are_one_key_and_equal_lines_share_their_first() {
        let (before, after) = repetition(&table(), &["Share", "share", "", "a b", "Share"]);
        assert_eq!(before, vec![0.0, 1.0, 0.0, 0.0, 1.0]);
        assert_eq!(after, vec![1.0, 1.0, 0.0, 0.0, 0.0]);
    }

    #[test]
    fn a_gram_twice_in_one_line_is_not_held_by_it() {
        let (before, _) = repetition(&table(), &["a b c a b c"]);
        assert_eq!(before, vec![0.0]);
    }

    #[test]
    fn words_are_runs_of_python_word_characters_after_lowering() {
        // U+0130 lowers to "i" and a combining dot (not a word character); a final sigma lowers to "ς"
        // (the expected shares are the reference's, `_held_by_visited` of `_trigrams`)
        let lines = [
            "x İy z",
            "x i y z",
            "ΟΔΟΣ a b",
            "\u{3bf}\u{3b4}\u{3bf}\u{3c2} a b",
            "\u{3bf}\u{3b4}\u{3bf}\u{3c3} a b",
        ];
        let (before, _) = repetition(&table(), &lines);
        assert_eq!(before, vec![0.0, 1.0, 0.0, 1.0, 0.0]);
    }
}
