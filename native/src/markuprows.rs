//! The markup model's feature rows (`cleaner/html/features.py`), assembled from a page's columns and scored.
//!
//! The Python reference builds a row of some 200 floats per line as a list and hands it to the trees: on a
//! wcxb page that was a fifth of the cleaner's time. Here the glue hands over the page once, as columns
//! (one number per line, or per frame), and each row is assembled in a scratch buffer, scored and
//! forgotten: no row is kept (a big page's rows would be most of its memory), and the second reading (with
//! trafilatura's columns) assembles them again. What needs a line's text (the chrome phrase, the title
//! match, duplicates, repetition, prose) or rounding to tenths (the page's measures) stays in Python and
//! comes in as columns or scalars; the logs and ratios below are the reference's, operation for operation
//! (`log1p` and `ln` are the C library's, as Python's `math` calls them), so every row is the same to the bit.

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;

use crate::guarded;
use crate::trees::Trees;

/// A line's own columns (`features._own`) before its markup flags.
const OWN: usize = 15;
/// `features._NO_ANCESTOR`: the ancestor columns of a line not that deep.
const NO_ANCESTOR: [f64; 5] = [0.0, 0.0, 0.0, 1.0, 0.0];
/// `features.ANCESTOR_LEVELS`.
const ANCESTOR_LEVELS: [usize; 4] = [1, 2, 3, 5];
/// `features._NOT_BELOW`: the top candidate is not in the frame's path.
const NOT_BELOW: u8 = 255;
/// `layout.PATH_LIMIT`: a line's path holds at most this many ids.
const PATH_LIMIT: usize = 64;
/// The names of the per-line columns, in the order `MarkupPage` takes them (`_Page.native_page`).
pub const LINE_COLUMNS: [&str; 20] = [
    "words",
    "chars",
    "stop_ratio",
    "ends_sentence",
    "sentences",
    "title_ratio",
    "alpha_ratio",
    "digit_ratio",
    "upper",
    "link_chars",
    "hidden",
    "depth",
    "heading",
    "repeats",
    "chrome",
    "duplicates",
    "prose",
    "title_match",
    "block",
    "candidate",
];

/// A page's columns, from which each line's markup row is assembled when scored.
#[pyclass(frozen, module = "cleaner._native")]
pub struct MarkupPage {
    n: usize,
    lines: Vec<Vec<f64>>,
    before: Vec<f64>,
    after: Vec<f64>,
    flag_ids: Vec<usize>,
    flags: Vec<Vec<f64>>,
    parents: Vec<i64>,
    /// Per frame: the characters, link characters and prose characters of the lines under it, and their
    /// count (`features._ElementStats`).
    stats: [Vec<f64>; 4],
    /// Per frame, how many levels below the top candidate it is (`features._levels_below`).
    below_top: Vec<u8>,
    /// total_chars, title_at, page_log_chars, page_prose_share, page_top_share.
    page: [f64; 5],
    /// Running sums of `prose`, from 0 (n + 1 values).
    cum_prose: Vec<f64>,
    width: usize,
}

/// The line columns by name (an index into `MarkupPage::lines`).
#[derive(Clone, Copy)]
enum Col {
    Words,
    Chars,
    StopRatio,
    EndsSentence,
    Sentences,
    TitleRatio,
    AlphaRatio,
    DigitRatio,
    Upper,
    LinkChars,
    Hidden,
    Depth,
    Heading,
    Repeats,
    Chrome,
    Duplicates,
    Prose,
    TitleMatch,
    Block,
    Candidate,
}

impl MarkupPage {
    fn at(&self, column: Col, i: usize) -> f64 {
        self.lines[column as usize][i]
    }

    fn log_words(&self, i: usize) -> f64 {
        self.at(Col::Words, i).ln_1p()
    }

    fn link(&self, i: usize) -> f64 {
        self.at(Col::LinkChars, i) / self.at(Col::Chars, i).max(1.0)
    }

    /// `_Page.ancestor`: an element's link and prose shares, size, share of the page, and lines.
    fn ancestor(&self, element: usize) -> [f64; 5] {
        let [chars, link, prose, lines] = [0, 1, 2, 3].map(|k| self.stats[k][element]);
        let chars = chars.max(1.0);
        [
            link / chars,
            prose / chars,
            chars.ln_1p(),
            chars / self.page[0],
            lines.ln_1p(),
        ]
    }

    /// Line `i`'s row (`PageRows.markup`), written into `row` (cleared first).
    fn row_into(&self, i: usize, row: &mut Vec<f64>) {
        let n = self.n;
        row.clear();
        let chars = self.at(Col::Chars, i);
        row.extend_from_slice(&[
            self.log_words(i),
            chars.ln_1p(),
            self.at(Col::StopRatio, i),
            self.at(Col::EndsSentence, i),
            self.at(Col::Sentences, i).min(5.0),
            self.at(Col::TitleRatio, i),
            self.at(Col::AlphaRatio, i),
            self.at(Col::DigitRatio, i),
            self.at(Col::Upper, i),
            self.link(i),
            self.at(Col::Hidden, i),
            self.at(Col::Depth, i).min(40.0),
            self.at(Col::Heading, i),
            self.at(Col::Repeats, i).ln(),
            self.at(Col::Chrome, i),
        ]);
        row.extend_from_slice(&self.flags[self.flag_ids[i]]);
        let prose_total = self.cum_prose[n].max(1.0);
        let (prev, next) = (i > 0, i + 1 < n);
        row.extend_from_slice(&[
            i as f64 / n as f64,
            self.at(Col::Duplicates, i).ln(),
            if prev { self.log_words(i - 1) } else { 0.0 },
            if next { self.log_words(i + 1) } else { 0.0 },
            if prev { self.link(i - 1) } else { 0.0 },
            if next { self.link(i + 1) } else { 0.0 },
            self.cum_prose[i] / prose_total,
            (self.cum_prose[n] - self.cum_prose[i + 1]) / prose_total,
        ]);
        let block = self.at(Col::Block, i) as i64;
        let (mut up, mut climbed) = (block, 0);
        for level in ANCESTOR_LEVELS {
            while climbed < level && up >= 0 {
                up = self.parents[up as usize];
                climbed += 1;
            }
            row.extend_from_slice(&if up >= 0 {
                self.ancestor(up as usize)
            } else {
                NO_ANCESTOR
            });
        }
        let below_top = if block >= 0 {
            self.below_top[block as usize]
        } else {
            NOT_BELOW
        };
        row.extend_from_slice(&[
            f64::from(below_top != NOT_BELOW),
            f64::from(below_top != NOT_BELOW && below_top > 0),
            self.at(Col::TitleMatch, i),
            f64::from(i as f64 > self.page[1]),
            self.before[i],
            self.after[i],
            self.page[2],
            self.page[3],
            self.page[4],
        ]);
    }

    /// Every line's row, with line `i`'s trafilatura columns (`coverage[i * k..(i + 1) * k]`) after it, handed
    /// to `each` one at a time.
    fn each_row(&self, coverage: Option<&[f64]>, mut each: impl FnMut(&[f64])) -> PyResult<()> {
        let extra = match coverage {
            None => 0,
            Some(values) if self.n > 0 && values.len() % self.n == 0 => values.len() / self.n,
            Some([]) => 0,
            Some(_) => {
                return Err(PyValueError::new_err(
                    "trafilatura's columns are not a whole number a line",
                ))
            }
        };
        let mut row = Vec::with_capacity(self.width + extra);
        for i in 0..self.n {
            self.row_into(i, &mut row);
            if let Some(values) = coverage {
                row.extend_from_slice(&values[i * extra..(i + 1) * extra]);
            }
            each(&row);
        }
        Ok(())
    }

    fn build(
        lines: Vec<Vec<f64>>,
        before: Vec<f64>,
        after: Vec<f64>,
        flag_ids: Vec<usize>,
        flags: Vec<Vec<f64>>,
        parents: Vec<i64>,
        page: [f64; 4],
    ) -> Result<MarkupPage, String> {
        if lines.len() != LINE_COLUMNS.len() {
            return Err(format!("a page is {} line columns", LINE_COLUMNS.len()));
        }
        let n = lines[0].len();
        if lines.iter().any(|c| c.len() != n)
            || [before.len(), after.len(), flag_ids.len()] != [n; 3]
        {
            return Err("the line columns are of different lengths".into());
        }
        let width_flags = flags.first().map_or(0, Vec::len);
        if flags.iter().any(|f| f.len() != width_flags)
            || flag_ids.iter().any(|&id| id >= flags.len())
        {
            return Err("a line's markup flags are not in the table".into());
        }
        // A frame is numbered after its parent: climbing always ends, and inside the page.
        if parents
            .iter()
            .enumerate()
            .any(|(f, &p)| p >= f as i64 || p < -1)
        {
            return Err("a frame's parent is not numbered before it".into());
        }
        let count = parents.len() as f64;
        if lines[Col::Block as usize]
            .iter()
            .any(|&b| b < -1.0 || b >= count || b.fract() != 0.0)
        {
            return Err("a line's block is not a frame of the page".into());
        }
        let mut cum_prose = Vec::with_capacity(n + 1);
        let mut total = 0.0;
        cum_prose.push(total);
        for &p in &lines[Col::Prose as usize] {
            total += p;
            cum_prose.push(total);
        }
        let mut built = MarkupPage {
            n,
            lines,
            before,
            after,
            flag_ids,
            flags,
            parents,
            stats: Default::default(),
            below_top: Vec::new(),
            page: [page[0], page[1], page[2], page[3], 0.0],
            cum_prose,
            width: OWN + width_flags + 8 + 5 * ANCESTOR_LEVELS.len() + 9,
        };
        built.stats = built.element_stats();
        let top = built.top_candidate();
        built.below_top = built.levels_below(top);
        built.page[4] = coarse(top.map_or(0.0, |top| built.stats[0][top] / built.page[0]));
        Ok(built)
    }

    /// `features._element_stats`: each line's sums go to its block, then each element's to its parent, the
    /// last-numbered first; on a page with a line at the path's limit, to the ids of its path only
    /// (`_element_stats_by_path`: the sums stop that many levels up). Every sum is of whole numbers.
    fn element_stats(&self) -> [Vec<f64>; 4] {
        let mut stats: [Vec<f64>; 4] = std::array::from_fn(|_| vec![0.0; self.parents.len()]);
        let by_path = self.lines[Col::Depth as usize]
            .iter()
            .any(|&d| d >= (PATH_LIMIT - 1) as f64);
        let ids = if by_path { PATH_LIMIT } else { 1 };
        for i in 0..self.n {
            let chars = self.at(Col::Chars, i);
            let sums = [
                chars,
                self.at(Col::LinkChars, i),
                self.at(Col::Prose, i) * chars,
                1.0,
            ];
            let mut up = self.at(Col::Block, i) as i64;
            for _ in 0..ids {
                if up < 0 {
                    break;
                }
                for (stat, value) in stats.iter_mut().zip(sums) {
                    stat[up as usize] += value;
                }
                up = self.parents[up as usize];
            }
        }
        if !by_path {
            for element in (0..self.parents.len()).rev() {
                let up = self.parents[element];
                if up >= 0 && stats[3][element] != 0.0 {
                    for stat in stats.iter_mut() {
                        stat[up as usize] += stat[element];
                    }
                }
            }
        }
        stats
    }

    /// `features._top_candidate`: the element whose paragraphs (the `candidate` lines: prose outside
    /// comments, navigation…) and theirs, at half weight, hold most prose; of equal scores, the first
    /// scored (as `Counter.most_common(1)` picks).
    fn top_candidate(&self) -> Option<usize> {
        let mut scores = vec![0.0; self.parents.len()];
        let mut seen = vec![false; self.parents.len()];
        let mut order = Vec::new();
        let mut add = |element: usize, weight: f64| {
            if !seen[element] {
                seen[element] = true;
                order.push(element);
            }
            scores[element] += weight;
        };
        for i in 0..self.n {
            let block = self.at(Col::Block, i) as i64;
            if self.at(Col::Candidate, i) == 0.0 || block < 0 {
                continue;
            }
            let parent = self.parents[block as usize];
            if parent < 0 {
                continue;
            }
            let weight = self.at(Col::Chars, i).min(600.0) / 100.0 + 1.0;
            add(parent as usize, weight);
            let grand = self.parents[parent as usize];
            if grand >= 0 {
                add(grand as usize, weight / 2.0);
            }
        }
        let mut best: Option<usize> = None;
        for element in order {
            if best.map_or(true, |b| scores[element] > scores[b]) {
                best = Some(element);
            }
        }
        best
    }

    /// `features._levels_below`: per frame, how many levels below `top` it is, or [`NOT_BELOW`].
    fn levels_below(&self, top: Option<usize>) -> Vec<u8> {
        let mut levels = vec![NOT_BELOW; self.parents.len()];
        if let Some(top) = top {
            levels[top] = 0;
            for frame in top + 1..self.parents.len() {
                let up = self.parents[frame];
                if up >= top as i64 {
                    let level = levels[up as usize];
                    if (level as usize) < PATH_LIMIT - 1 {
                        levels[frame] = level + 1;
                    }
                }
            }
        }
        levels
    }
}

/// `features._coarse`: Python's `round(value * 10) / 10` (ties to even).
fn coarse(value: f64) -> f64 {
    let tenths = value * 10.0;
    let mut rounded = tenths.round();
    if (tenths - rounded).abs() == 0.5 {
        rounded = 2.0 * (tenths / 2.0).round();
    }
    rounded / 10.0
}

#[pymethods]
impl MarkupPage {
    /// `lines`: the [`LINE_COLUMNS`] (each a number a line); `before`, `after`: the repetition columns;
    /// `flag_ids`: each line's row of `flags` (its markup's one-hot columns); `parents`: each frame's parent
    /// (-1: none); `page`: the total characters, the title's line (-1: none), and the page's size and prose
    /// share in tenths.
    #[new]
    #[allow(clippy::too_many_arguments)]
    fn new(
        lines: Vec<Vec<f64>>,
        before: Vec<f64>,
        after: Vec<f64>,
        flag_ids: Vec<usize>,
        flags: Vec<Vec<f64>>,
        parents: Vec<i64>,
        page: [f64; 4],
    ) -> PyResult<Self> {
        guarded(|| {
            MarkupPage::build(lines, before, after, flag_ids, flags, parents, page)
                .map_err(PyValueError::new_err)
        })
    }

    /// Each line's raw score by `trees` (`coverage`: trafilatura's columns, a whole number a line, for the
    /// ensemble that reads them).
    #[pyo3(signature = (trees, coverage=None))]
    fn scores(&self, trees: PyRef<'_, Trees>, coverage: Option<Vec<f64>>) -> PyResult<Vec<f64>> {
        guarded(|| {
            let mut scores = Vec::with_capacity(self.n);
            let (mut failed, mut values) = (None, Vec::new());
            self.each_row(coverage.as_deref(), |row| {
                match trees.score_full(row, &mut values) {
                    Ok(score) => scores.push(score),
                    Err(message) => failed = Some(message),
                }
            })?;
            match failed {
                Some(message) => Err(PyValueError::new_err(message)),
                None => Ok(scores),
            }
        })
    }

    /// Every line's row, as the Python reference makes them (for the parity tests).
    #[pyo3(signature = (coverage=None))]
    fn rows(&self, coverage: Option<Vec<f64>>) -> PyResult<Vec<Vec<f64>>> {
        guarded(|| {
            let mut rows = Vec::with_capacity(self.n);
            self.each_row(coverage.as_deref(), |row| rows.push(row.to_vec()))?;
            Ok(rows)
        })
    }

    /// Per line, whether its block is in the top candidate (its row's `in_top_candidate`).
    fn in_top(&self) -> Vec<f64> {
        (0..self.n)
            .map(|i| {
                let block = self.at(Col::Block, i);
                f64::from(block >= 0.0 && self.below_top[block as usize] != NOT_BELOW)
            })
            .collect()
    }

    fn __len__(&self) -> usize {
        self.n
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(n: usize) -> MarkupPage {
        let mut lines = vec![vec![1.0; n]; LINE_COLUMNS.len()];
        lines[Col::Block as usize] = (0..n).map(|i| (i + 1) as f64).collect();
        let parents = (0..=n).map(|f| if f == 0 { -1 } else { 0 }).collect();
        let flags = vec![vec![0.0, 1.0]];
        MarkupPage::build(
            lines,
            vec![0.0; n],
            vec![0.0; n],
            vec![0; n],
            flags,
            parents,
            [3.0, -1.0, 0.5, 0.5],
        )
        .unwrap()
    }

    #[test]
    fn a_row_has_every_column_in_the_reference_order() {
        let page = page(3);
        let mut row = Vec::new();
        page.row_into(1, &mut row);
        assert_eq!(row.len(), page.width);
        assert_eq!(row[0], 1f64.ln_1p());
        assert_eq!(&row[OWN..OWN + 2], &[0.0, 1.0]);
        assert_eq!(row[OWN + 2], 1.0 / 3.0);
        // The parent (frame 0) is the first ancestor, holding the three lines; above it, none.
        assert_eq!(row[OWN + 10 + 4], 3f64.ln_1p());
        assert_eq!(&row[OWN + 10 + 5..OWN + 10 + 10], &NO_ANCESTOR);
        // Frame 0 is the top candidate: the line's block is one level below it.
        assert_eq!(&row[OWN + 30..OWN + 32], &[1.0, 1.0]);
    }

    #[test]
    fn a_parent_numbered_after_its_frame_is_refused() {
        let lines = vec![vec![]; LINE_COLUMNS.len()];
        assert!(
            MarkupPage::build(lines, vec![], vec![], vec![], vec![], vec![1, -1], [1.0; 4])
                .is_err()
        );
    }

    #[test]
    fn tenths_round_half_to_even_as_python_does() {
        // 0.35 * 10 is 3.5000000000000004: up, as in Python.
        assert_eq!(
            [0.25, 0.35, 0.05, 0.15, 0.0].map(coarse),
            [0.2, 0.4, 0.0, 0.2, 0.0]
        );
    }
}
