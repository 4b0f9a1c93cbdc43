//! The text metadata's title pick: which of the header's lines may repeat the page title (or one of its
//! parts), as `metadata._repeating` (the Python reference) finds them.
//!
//! A line (in lower case) repeats a part when it equals it, or when difflib's `ratio` of the two reaches
//! the threshold. Its cheap upper bounds come first, as most lines are nothing like the title: the
//! lengths (`real_quick_ratio`), then the characters in common (`quick_ratio`); then `ratio` itself, as
//! `difflib.SequenceMatcher(None, line, part)` computes it (autojunk on: in a part of 200 characters or
//! more, a character more frequent than 1% + 1 starts no match). The figures are Python's: lengths in
//! code points, the same float operations in the same order.

use std::cell::OnceCell;

use rustc_hash::FxHashMap;

/// A title part: its text and its length in code points; and, made on first need (most parts are compared
/// with no line of a length alike theirs), each of its characters with its count, and difflib's index of it
/// (`b2j`: where each character that may start a match stands, in order). Made eagerly, the index of a part
/// of 125 characters cost some 5 µs, a document's metadata stage some 20 µs for its title's parts.
struct Part<'a> {
    text: &'a str,
    len: usize,
    index: OnceCell<Index>,
}

/// What a part is compared with: see [`Part`].
struct Index {
    counts: Vec<(char, u32)>,
    chars: Vec<char>,
    b2j: FxHashMap<char, Vec<usize>>,
}

impl<'a> Part<'a> {
    fn new(text: &'a str) -> Self {
        Part {
            text,
            len: text.chars().count(),
            index: OnceCell::new(),
        }
    }

    fn index(&self) -> &Index {
        self.index.get_or_init(|| {
            let mut counted: FxHashMap<char, u32> = FxHashMap::default();
            for c in self.text.chars() {
                *counted.entry(c).or_insert(0) += 1;
            }
            let chars: Vec<char> = self.text.chars().collect();
            let mut b2j: FxHashMap<char, Vec<usize>> = FxHashMap::default();
            for (j, &c) in chars.iter().enumerate() {
                b2j.entry(c).or_default().push(j);
            }
            if chars.len() >= 200 {
                // difflib's autojunk: the popular characters start no match
                let most = chars.len() / 100 + 1;
                b2j.retain(|_, at| at.len() <= most);
            }
            Index {
                counts: counted.into_iter().collect(),
                chars,
                b2j,
            }
        })
    }

    /// `difflib.SequenceMatcher(None, a, part).ratio()`.
    fn ratio(&self, a: &[char]) -> f64 {
        let total = a.len() + self.len;
        if total == 0 {
            return 1.0;
        }
        let mut matches = 0;
        let mut queue = vec![(0, a.len(), 0, self.len)];
        while let Some((alo, ahi, blo, bhi)) = queue.pop() {
            let (i, j, k) = self.longest_match(a, alo, ahi, blo, bhi);
            if k > 0 {
                matches += k;
                if alo < i && blo < j {
                    queue.push((alo, i, blo, j));
                }
                if i + k < ahi && j + k < bhi {
                    queue.push((i + k, ahi, j + k, bhi));
                }
            }
        }
        2.0 * matches as f64 / total as f64
    }

    /// `SequenceMatcher.find_longest_match(alo, ahi, blo, bhi)` with no junk: the longest block of
    /// `a[alo..ahi]` and the part's `[blo..bhi]` that starts with a character of `b2j`, the first such
    /// in `a` (then in the part) where several are as long, extended over equal characters either side.
    fn longest_match(
        &self,
        a: &[char],
        alo: usize,
        ahi: usize,
        blo: usize,
        bhi: usize,
    ) -> (usize, usize, usize) {
        let index = self.index();
        let b = &index.chars;
        let (mut besti, mut bestj, mut bestsize) = (alo, blo, 0);
        // j2len[j]: the length of the block ending at a[i - 1] and b[j], 0 where difflib's dict has no j
        // (dense over the part's characters: a map's insert per pair was 55 µs for a line of 120 characters
        // near a part of 125); `set` holds the js a row set, cleared once the next row has read them
        let mut j2len = vec![0usize; b.len()];
        let mut next = vec![0usize; b.len()];
        let mut set: Vec<usize> = Vec::new();
        let mut next_set: Vec<usize> = Vec::new();
        for (i, ch) in a.iter().enumerate().take(ahi).skip(alo) {
            if let Some(at) = index.b2j.get(ch) {
                for &j in at {
                    if j < blo {
                        continue;
                    }
                    if j >= bhi {
                        break;
                    }
                    let k = if j == 0 { 0 } else { j2len[j - 1] } + 1;
                    next[j] = k;
                    next_set.push(j);
                    if k > bestsize {
                        besti = i + 1 - k;
                        bestj = j + 1 - k;
                        bestsize = k;
                    }
                }
            }
            for &j in &set {
                j2len[j] = 0;
            }
            set.clear();
            std::mem::swap(&mut j2len, &mut next);
            std::mem::swap(&mut set, &mut next_set);
        }
        while besti > alo && bestj > blo && a[besti - 1] == b[bestj - 1] {
            besti -= 1;
            bestj -= 1;
            bestsize += 1;
        }
        while besti + bestsize < ahi
            && bestj + bestsize < bhi
            && a[besti + bestsize] == b[bestj + bestsize]
        {
            bestsize += 1;
        }
        (besti, bestj, bestsize)
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
        part.index()
            .counts
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

/// Whether a line (lower case) is near `part`: equal, or difflib's length and character bounds of the
/// ratio at `threshold` or over (`metadata._TitlePart.near`). `counts` is the line's, counted on first need.
fn near(
    part: &Part<'_>,
    line: &str,
    len: usize,
    counts: &mut Option<Counts>,
    threshold: f64,
) -> bool {
    if line == part.text {
        return true;
    }
    if !alike_lengths(len, part.len, threshold) {
        return false;
    }
    let counts = counts.get_or_insert_with(|| {
        let mut counts = Counts::new();
        counts.count(line);
        counts
    });
    2.0 * counts.common(part) as f64 / (len + part.len) as f64 >= threshold
}

/// The index of each line (lower case) that repeats one of `parts`: equal to it, or near it and difflib's
/// ratio at `threshold` or over (`metadata._repeating`).
pub fn repeating(parts: &[&str], lines: &[&str], threshold: f64) -> Vec<usize> {
    let parts: Vec<Part<'_>> = parts.iter().map(|p| Part::new(p)).collect();
    (0..lines.len())
        .filter(|&k| repeats(&parts, lines[k], threshold))
        .collect()
}

/// [`repeating`] of lines as they are, each lower-cased by `lower` (`str.lower()`) where it may repeat a
/// part: an ASCII line keeps its length in lower case, so one of a length alike no part's (most lines of a
/// page, far shorter or longer than its title) is passed over unread.
pub fn repeating_lowered<'a>(
    parts: &[&str],
    lines: impl Iterator<Item = &'a str>,
    lower: impl Fn(&str, &mut String),
    threshold: f64,
) -> Vec<usize> {
    let parts: Vec<Part<'_>> = parts.iter().map(|p| Part::new(p)).collect();
    let mut lowered = String::new();
    let mut found = Vec::new();
    for (k, line) in lines.enumerate() {
        if line.is_ascii()
            && !parts
                .iter()
                .any(|part| alike_lengths(line.len(), part.len, threshold))
        {
            continue;
        }
        lowered.clear();
        lower(line, &mut lowered);
        if repeats(&parts, &lowered, threshold) {
            found.push(k);
        }
    }
    found
}

/// Whether a line (lower case) repeats one of `parts`: equal to it, or near it and difflib's ratio at
/// `threshold` or over.
fn repeats(parts: &[Part<'_>], line: &str, threshold: f64) -> bool {
    let len = line.chars().count();
    let mut counts = None;
    let mut chars: Option<Vec<char>> = None;
    for part in parts {
        if !near(part, line, len, &mut counts, threshold) {
            continue;
        }
        if line == part.text
            || part.ratio(chars.get_or_insert_with(|| line.chars().collect())) >= threshold
        {
            return true;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_repeats_an_equal_or_alike_part_only() {
        let parts = ["storm closes the harbour road", "the daily example"];
        let lines = [
            "storm closes the harbour road",
            "storm closes the harbour roads",
            "the daily example",
            "subscribe to our newsletter today",
            "road harbour the closes storm",
            "",
        ];
        assert_eq!(repeating(&parts, &lines, 0.84), vec![0, 1, 2]);
    }

    #[test]
    fn lines_lower_cased_on_the_way_repeat_as_lowered_lines_do() {
        let parts = ["storm closes the harbour road", "the daily example"];
        let lines = [
            "Storm Closes The Harbour Road",
            "STORM CLOSES THE HARBOUR ROADS",
            "The Daily Example",
            "a line far longer than any of the parts of the title, which is passed over unread",
            "short",
            "Stórm closes the harbour road",
        ];
        let lowered: Vec<String> = lines.iter().map(|l| l.to_lowercase()).collect();
        let lowered: Vec<&str> = lowered.iter().map(String::as_str).collect();
        let on_the_way = repeating_lowered(
            &parts,
            lines.iter().copied(),
            |line, out| out.push_str(&line.to_lowercase()),
            0.84,
        );
        assert_eq!(on_the_way, repeating(&parts, &lowered, 0.84));
        assert_eq!(on_the_way, vec![0, 1, 2, 5]);
    }

    #[test]
    fn characters_are_counted_as_code_points() {
        // "é" is two bytes and one character: in bytes, both lines would repeat the part (0.93, 0.91)
        let parts = ["éééééééééé"];
        let lines = ["ééééééééééabc", "ééééééééééabcd"];
        assert_eq!(repeating(&parts, &lines, 0.84), vec![0]); // 0.87 and 0.83 in characters
    }

    #[test]
    fn the_ratio_is_difflibs() {
        // difflib.SequenceMatcher(None, a, b).ratio() for these pairs: 0.75, 0.8, 0.0, 1.0
        let part = Part::new("abcd");
        let chars = |s: &str| s.chars().collect::<Vec<char>>();
        assert_eq!(part.ratio(&chars("bcde")), 0.75);
        assert_eq!(Part::new("abxcd").ratio(&chars("abcd")), 2.0 * 4.0 / 9.0);
        assert_eq!(part.ratio(&chars("xyz")), 0.0);
        assert_eq!(part.ratio(&chars("abcd")), 1.0);
    }
}
