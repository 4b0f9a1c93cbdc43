//! How much of each line the page says elsewhere too: the port of `cleaner/html/repetition.py` (the
//! reference, which says why the markup model reads it).
//!
//! A line's words are `re`'s `\w+` runs of its `str.lower()`, both read from the running Python's character
//! table, so the trigrams are the reference's; a word and a trigram are numbered once per page, and each
//! pass keeps the first line (in its order) to show each trigram.

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
    /// the distinct texts' trigram numbers, one after another: text `t`'s are `grams[starts[t]..starts[t + 1]]`
    grams: Vec<u32>,
    starts: Vec<u32>,
    of_line: Vec<u32>,
    distinct: usize,
}

impl PageGrams {
    fn of(table: &Table, lines: &[&str]) -> PageGrams {
        let mut known: FxHashMap<&str, u32> = FxHashMap::default();
        let mut numbers = Numbers::default();
        let mut grams: Vec<u32> = Vec::new();
        let mut starts: Vec<u32> = vec![0];
        let mut of_line = Vec::with_capacity(lines.len());
        for &line in lines {
            let at = match known.get(line) {
                Some(&at) => at,
                None => {
                    let at = starts.len() as u32 - 1;
                    numbers.trigrams(table, line, &mut grams);
                    starts.push(grams.len() as u32);
                    known.insert(line, at);
                    at
                }
            };
            of_line.push(at);
        }
        PageGrams {
            grams,
            starts,
            of_line,
            distinct: numbers.grams.len(),
        }
    }

    /// `_held_by_visited`: for each line, the share of its trigrams whose first line in `order` is another.
    fn held_by_visited(&self, order: impl Iterator<Item = usize>) -> Vec<f64> {
        const NONE: u32 = u32::MAX;
        let mut shares = vec![0.0; self.of_line.len()];
        let mut first = vec![NONE; self.distinct];
        for i in order {
            let text = self.of_line[i] as usize;
            let own = &self.grams[self.starts[text] as usize..self.starts[text + 1] as usize];
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

/// No word: the missing places of a short line's key (a word's number is never this).
const NO_WORD: u32 = u32::MAX;

/// The page's distinct words and trigrams by number, with the buffers a line's are found in. A trigram is
/// its three words' numbers (a short line's key: its one or two, then [`NO_WORD`]): equal exactly when the
/// reference's space-joined strings are (a word has no space), without a string kept per trigram.
#[derive(Default)]
struct Numbers {
    words: FxHashMap<String, u32>,
    grams: FxHashMap<[u32; 3], u32>,
    lowered: String,
    line: Vec<u32>,
}

impl Numbers {
    /// `_trigrams`: the line's word trigrams (a line of one or two words: those as one key), numbered and
    /// added to `out`.
    fn trigrams(&mut self, table: &Table, text: &str, out: &mut Vec<u32>) {
        self.lowered.clear();
        table.lower_str_into(text, 0, text.len(), &mut self.lowered);
        self.line.clear();
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
                    number_word(&mut self.words, &self.lowered[from..at], &mut self.line);
                    start = None;
                }
                _ => {}
            }
        }
        if let Some(from) = start {
            number_word(&mut self.words, &self.lowered[from..], &mut self.line);
        }
        let words = &self.line;
        let keys: Vec<[u32; 3]> = match words.len() {
            0 => return,
            1 => vec![[words[0], NO_WORD, NO_WORD]],
            2 => vec![[words[0], words[1], NO_WORD]],
            _ => words.windows(3).map(|w| [w[0], w[1], w[2]]).collect(),
        };
        for key in keys {
            let next = self.grams.len() as u32;
            out.push(*self.grams.entry(key).or_insert(next));
        }
    }
}

/// Add `word`'s number (a new one at its first sight on the page) to `line`.
fn number_word(words: &mut FxHashMap<String, u32>, word: &str, line: &mut Vec<u32>) {
    let id = match words.get(word) {
        Some(&id) => id,
        None => {
            let id = words.len() as u32;
            words.insert(word.to_string(), id);
            id
        }
    };
    line.push(id);
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
