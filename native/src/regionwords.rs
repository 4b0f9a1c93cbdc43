//! The words of a class or id value that name a page region: `cleaner.html.words.region_words`, for the
//! values the HTML layout walk has not seen yet.
//!
//! Templates name their regions (`class="post-body share-bar"`, `id="relatedPosts"`): the value is split
//! into words (camelCase at its capitals) and each word that a category lists whole, or starts with one of a
//! category's prefixes, is kept. The categories and their words come from the Python module (its
//! `CATEGORIES`, handed over when the layout first asks); this holds the algorithm only. Every page of a
//! new site brings a hundred or so values the layout's caches have not seen, and reading them in Python was
//! ~1.5% of an HTML page's instructions.
//!
//! Only a value whose first `limit` characters are ASCII is read here (nearly all): lowercasing another
//! follows the Unicode tables of the Python that runs (`'İ'` lowercases to `'i̇'`, whose `i` is a word's
//! letter), so the Python reference reads those (`words` answers `None`).

use pyo3::prelude::*;
use rustc_hash::FxHashMap;

use crate::guarded;

/// The categories' whole words (each with the first category listing it) and prefixes, in the order of
/// the Python module's `CATEGORIES`.
#[pyclass(frozen, module = "cleaner._native")]
pub struct RegionWords {
    first: FxHashMap<String, usize>,
    /// Every category's prefixes, by their first byte (a word is checked against those starting as it does).
    prefixes: Vec<Vec<String>>,
    empty_prefix: bool,
    limit: usize,
}

impl RegionWords {
    /// The vocabulary: per category, its whole words and its prefixes; a value is read up to `limit`
    /// characters.
    pub fn build(categories: Vec<(Vec<String>, Vec<String>)>, limit: usize) -> Self {
        let mut first = FxHashMap::default();
        let mut prefixes = vec![Vec::new(); 256];
        let mut empty_prefix = false;
        for (at, (whole, starts)) in categories.into_iter().enumerate() {
            for word in whole {
                first.entry(word).or_insert(at);
            }
            for start in starts {
                match start.as_bytes().first() {
                    Some(&byte) => prefixes[byte as usize].push(start),
                    None => empty_prefix = true, // "" starts every word
                }
            }
        }
        RegionWords {
            first,
            prefixes,
            empty_prefix,
            limit,
        }
    }

    /// Whether `word` (lowercase ASCII letters and digits) names a category: listed whole by one, or
    /// longer than four characters and starting with one's prefix (`category` in the Python module).
    pub fn names_a_region(&self, word: &str) -> bool {
        self.first.contains_key(word)
            || (word.len() > 4
                && (self.empty_prefix
                    || self.prefixes[word.as_bytes()[0] as usize]
                        .iter()
                        .any(|p| word.starts_with(p.as_str()))))
    }

    /// The region words of `value` in the order they first occur, each once; `None` when its first
    /// `limit` characters are not all ASCII (the Python reference reads it then).
    ///
    /// Python's reading, for ASCII: the first `limit` characters; a space put between a lowercase letter or
    /// digit and a capital after it (camelCase); lowercased; the runs of `[a-z0-9]` are the words.
    pub fn words(&self, value: &str) -> Option<Vec<String>> {
        let bytes = value.as_bytes();
        let read = &bytes[..bytes.len().min(self.limit)];
        if !read.is_ascii() {
            return None;
        }
        let mut found: Vec<String> = Vec::new();
        let mut word = String::new();
        let mut previous = b' ';
        for &c in read {
            let letter_or_digit = c.is_ascii_alphanumeric();
            let camel = c.is_ascii_uppercase()
                && (previous.is_ascii_lowercase() || previous.is_ascii_digit());
            if !letter_or_digit || camel {
                self.keep(&mut word, &mut found);
            }
            if letter_or_digit {
                word.push(c.to_ascii_lowercase() as char);
            }
            previous = c;
        }
        self.keep(&mut word, &mut found);
        Some(found)
    }

    /// End the word being read: kept if it names a region and is not kept yet; emptied.
    fn keep(&self, word: &mut String, found: &mut Vec<String>) {
        if !word.is_empty() {
            if self.names_a_region(word) && !found.iter().any(|kept| kept == word) {
                found.push(word.clone());
            }
            word.clear();
        }
    }
}

#[pymethods]
impl RegionWords {
    #[new]
    fn new(categories: Vec<(Vec<String>, Vec<String>)>, limit: usize) -> Self {
        RegionWords::build(categories, limit)
    }

    /// `region_words(value)` as a list, or `None` for a value the Python reference must read.
    #[pyo3(name = "words")]
    fn py_words(&self, value: &str) -> PyResult<Option<Vec<String>>> {
        guarded(|| Ok(self.words(value)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vocabulary() -> RegionWords {
        let category = |whole: &[&str], starts: &[&str]| {
            (
                whole.iter().map(|w| w.to_string()).collect(),
                starts.iter().map(|p| p.to_string()).collect(),
            )
        };
        RegionWords::build(
            vec![
                category(&["post", "body", "content"], &["postbod"]),
                category(&["share", "social"], &["share"]),
                category(&["related", "more"], &["related"]),
                category(&["nav", "menu"], &["nav", "menu"]),
            ],
            400,
        )
    }

    #[test]
    fn camel_case_and_separators_split_words() {
        let v = vocabulary();
        assert_eq!(
            v.words("postBody share-bar").unwrap(),
            ["post", "body", "share"]
        );
        assert_eq!(v.words("relatedPosts").unwrap(), ["related"]);
        // A capital after a capital does not split ("NAVMenu" is one word), after a digit it does.
        assert_eq!(v.words("NAVMenu").unwrap(), ["navmenu"]);
        assert!(v.words("MENx").unwrap().is_empty());
        assert_eq!(v.words("x1Menu").unwrap(), ["menu"]);
    }

    #[test]
    fn prefixes_count_only_for_words_over_four_characters() {
        let v = vocabulary();
        assert_eq!(
            v.words("postbodytext sharebar").unwrap(),
            ["postbodytext", "sharebar"]
        );
        assert_eq!(v.words("navy").unwrap(), Vec::<String>::new());
        assert_eq!(v.words("navbar").unwrap(), ["navbar"]);
    }

    #[test]
    fn each_word_is_kept_once_in_order() {
        let v = vocabulary();
        assert_eq!(v.words("menu nav-menu menu_item").unwrap(), ["menu", "nav"]);
    }

    #[test]
    fn a_value_is_read_up_to_its_limit_and_only_when_ascii() {
        let v = RegionWords::build(vec![(vec!["nav".into()], vec![])], 5);
        assert_eq!(v.words("a nav").unwrap(), ["nav"]);
        assert!(v.words("ab nav").unwrap().is_empty());
        assert!(v.words("é nav").is_none());
        assert_eq!(v.words("a navé").unwrap(), ["nav"]);
    }
}
