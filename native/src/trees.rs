//! The markup model's boosted trees (`cleaner/html/model.py`), evaluated over a line's feature row.
//!
//! The model file stays data, read by both cores: the glue hands over each tree's arrays as the file holds
//! them (scikit-learn's `feature`, `threshold`, `left`, `right`, `value`), and the base score. A row's raw
//! score is the base plus every tree's leaf value, added one tree at a time in the file's order, as the
//! Python reference (`model._compile`) adds them: the same `f64` additions in the same order give the same
//! bits. A row is read only at the columns some tree splits on (about half of them).

use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::PyList;

use crate::guarded;

/// The deepest trees laid out complete (`2^depth` leaves each); deeper ones are refused (the glue then runs
/// the Python reference).
pub const MAX_DEPTH: usize = 10;
/// Trees walked side by side: their loads overlap instead of waiting on each other.
const LANES: usize = 8;

/// An ensemble's trees, each laid out as a complete binary tree of the ensemble's depth, so a walk is
/// `depth` steps of `i = 2i + 1 + (not x <= threshold)` with no branch to mispredict (a leaf above the
/// bottom is copied down both sides: every path under it ends at its value).
#[pyclass(frozen, module = "cleaner._native")]
pub struct Trees {
    /// Per tree, `2^depth - 1` splits: the slot of the column read (`Trees::read`) and the threshold.
    slots: Vec<u32>,
    thresholds: Vec<f64>,
    /// Per tree, `2^depth` leaf values.
    leaves: Vec<f64>,
    trees: usize,
    depth: usize,
    base: f64,
    /// The columns of a row that some tree splits on, ascending; a split's slot indexes this.
    read: Vec<usize>,
    /// How many columns a row has.
    width: usize,
}

/// One tree as the model file holds it: `(feature, threshold, left, right, value)`, one entry per node.
pub type TreeArrays = (Vec<i64>, Vec<f64>, Vec<i64>, Vec<i64>, Vec<f64>);

impl Trees {
    /// The trees, checked: every array of a tree as long as the others, every split's column inside the
    /// row, every child after its parent (so no walk can loop) and inside the tree, at most
    /// [`MAX_DEPTH`] levels.
    pub fn build(base: f64, width: usize, trees: &[TreeArrays]) -> Result<Trees, String> {
        let mut used = vec![false; width];
        let mut depth = 0;
        for (t, (feature, threshold, left, right, value)) in trees.iter().enumerate() {
            let n = feature.len();
            if n == 0 || [threshold.len(), left.len(), right.len(), value.len()] != [n; 4] {
                return Err(format!(
                    "tree {t}: its arrays are empty or of different lengths"
                ));
            }
            let mut level = vec![0usize; n];
            for node in 0..n {
                if left[node] < 0 {
                    continue;
                }
                let inside = |child: i64| child > node as i64 && (child as usize) < n;
                if !inside(left[node]) || !inside(right[node]) {
                    return Err(format!(
                        "tree {t}, node {node}: a child outside the tree or before its parent"
                    ));
                }
                match usize::try_from(feature[node]) {
                    Ok(column) if column < width => used[column] = true,
                    _ => {
                        return Err(format!(
                            "tree {t}, node {node}: column {} is not in a row",
                            feature[node]
                        ))
                    }
                }
                for child in [left[node], right[node]] {
                    level[child as usize] = level[node] + 1;
                    depth = depth.max(level[node] + 1);
                }
            }
            if depth > MAX_DEPTH {
                return Err(format!("tree {t} is deeper than {MAX_DEPTH} levels"));
            }
        }
        let read: Vec<usize> = (0..width).filter(|&c| used[c]).collect();
        let mut slot_of = vec![0u32; width];
        for (slot, &column) in read.iter().enumerate() {
            slot_of[column] = slot as u32;
        }
        let splits = (1usize << depth) - 1;
        let mut built = Trees {
            slots: vec![0; splits * trees.len()],
            thresholds: vec![f64::INFINITY; splits * trees.len()],
            leaves: vec![0.0; (splits + 1) * trees.len()],
            trees: trees.len(),
            depth,
            base,
            read,
            width,
        };
        for (t, tree) in trees.iter().enumerate() {
            built.lay_out(t, tree, &slot_of, 0, 0);
        }
        Ok(built)
    }

    /// Tree `t`'s node `node` (of the file's numbering) at position `at` of its complete layout.
    fn lay_out(&mut self, t: usize, tree: &TreeArrays, slot_of: &[u32], node: usize, at: usize) {
        let (feature, threshold, left, right, value) = tree;
        let splits = (1usize << self.depth) - 1;
        if at >= splits {
            self.leaves[t * (splits + 1) + at - splits] = value[node];
            return;
        }
        if left[node] < 0 {
            // A leaf above the bottom: both sides lead to it.
            self.lay_out(t, tree, slot_of, node, 2 * at + 1);
            self.lay_out(t, tree, slot_of, node, 2 * at + 2);
            return;
        }
        self.slots[t * splits + at] = slot_of[feature[node] as usize];
        self.thresholds[t * splits + at] = threshold[node];
        self.lay_out(t, tree, slot_of, left[node] as usize, 2 * at + 1);
        self.lay_out(t, tree, slot_of, right[node] as usize, 2 * at + 2);
    }

    /// Tree `t`'s leaf value for a row given by its read columns (`values[slot]`).
    #[inline(always)]
    fn leaf(&self, t: usize, values: &[f64]) -> f64 {
        let splits = (1usize << self.depth) - 1;
        let (slots, thresholds) = (
            &self.slots[t * splits..(t + 1) * splits],
            &self.thresholds[t * splits..(t + 1) * splits],
        );
        let mut at = 0;
        for _ in 0..self.depth {
            // `x <= threshold` as Python compares floats: NaN goes right.
            let left = values[slots[at] as usize] <= thresholds[at];
            at = 2 * at + 2 - left as usize;
        }
        self.leaves[t * (splits + 1) + at - splits]
    }

    /// The raw score of a row given by its read columns (`values[slot]`, as `self.read` orders them): the
    /// base plus the trees' leaf values, added in the trees' order.
    pub fn score_read(&self, values: &[f64]) -> f64 {
        let mut total = self.base;
        let mut t = 0;
        while t + LANES <= self.trees {
            let mut found = [0.0; LANES];
            for (lane, leaf) in found.iter_mut().enumerate() {
                *leaf = self.leaf(t + lane, values);
            }
            for leaf in found {
                total += leaf;
            }
            t += LANES;
        }
        for rest in t..self.trees {
            total += self.leaf(rest, values);
        }
        total
    }

    /// A whole row's raw score (`values`: scratch space for the columns the trees read).
    pub fn score_full(&self, row: &[f64], values: &mut Vec<f64>) -> Result<f64, String> {
        if row.len() != self.width {
            return Err(format!(
                "a feature row of {} columns, the trees read {}",
                row.len(),
                self.width
            ));
        }
        values.clear();
        values.extend(self.read.iter().map(|&column| row[column]));
        Ok(self.score_read(values))
    }

    fn score_row(&self, row: &Bound<'_, PyAny>, values: &mut [f64]) -> PyResult<f64> {
        let row = row
            .cast::<PyList>()
            .map_err(|_| PyTypeError::new_err("a feature row is a list of numbers"))?;
        if row.len() != self.width {
            return Err(PyValueError::new_err(format!(
                "a feature row of {} columns, the trees read {}",
                row.len(),
                self.width
            )));
        }
        for (value, &column) in values.iter_mut().zip(&self.read) {
            *value = row.get_item(column)?.extract::<f64>()?;
        }
        Ok(self.score_read(values))
    }
}

#[pymethods]
impl Trees {
    /// `trees`: per tree, `(feature, threshold, left, right, value)` as the model file holds them
    /// (a leaf's `left` is negative); `width`: the columns of a row.
    #[new]
    fn new(base: f64, width: usize, trees: Vec<TreeArrays>) -> PyResult<Self> {
        Trees::build(base, width, &trees).map_err(PyValueError::new_err)
    }

    /// The raw score (base plus leaf values) of a row (a list of numbers). One call per row, not one per
    /// page: the rows are made one at a time and let go once scored, and a page's scores are kept once, by
    /// the caller (a list of them here came on top: 40 bytes a line on a big page).
    fn score(&self, row: &Bound<'_, PyAny>) -> PyResult<f64> {
        guarded(|| {
            let mut values = vec![0.0; self.read.len()];
            self.score_row(row, &mut values)
        })
    }

    fn __len__(&self) -> usize {
        self.trees
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `x0 <= 0.5 ? (x2 <= 1.0 ? 1.0 : 2.0) : 3.0`, on rows of three columns (column 1 unread).
    fn stump() -> TreeArrays {
        (
            vec![0, 2, -2, -2, -2],
            vec![0.5, 1.0, -2.0, -2.0, -2.0],
            vec![1, 2, -1, -1, -1],
            vec![4, 3, -1, -1, -1],
            vec![0.0, 0.0, 1.0, 2.0, 3.0],
        )
    }

    #[test]
    fn the_leaf_values_are_added_to_the_base_tree_by_tree() {
        let trees = Trees::build(0.25, 3, &[stump(), stump()]).unwrap();
        assert_eq!(trees.read, vec![0, 2]);
        assert_eq!(trees.depth, 2);
        assert_eq!(trees.score_read(&[0.5, 1.0]), 0.25 + 1.0 + 1.0);
        assert_eq!(trees.score_read(&[0.0, 7.0]), 0.25 + 2.0 + 2.0);
        assert_eq!(trees.score_read(&[0.6, 0.0]), 0.25 + 3.0 + 3.0);
        assert_eq!(
            trees.score_read(&[f64::NAN, 0.0]),
            0.25 + 3.0 + 3.0,
            "NaN is not <= anything"
        );
    }

    #[test]
    fn more_trees_than_lanes_add_up_in_order() {
        let many: Vec<TreeArrays> = (0..19)
            .map(|k| {
                let mut tree = stump();
                tree.4[2] = 0.1 * k as f64;
                tree
            })
            .collect();
        let trees = Trees::build(0.3, 3, &many).unwrap();
        let mut total = 0.3;
        for k in 0..19 {
            total += 0.1 * k as f64;
        }
        assert_eq!(trees.score_read(&[0.0, 0.0]).to_bits(), total.to_bits());
    }

    #[test]
    fn a_tree_that_could_loop_or_read_outside_the_row_is_refused() {
        let mut backwards = stump();
        backwards.2[1] = 0;
        assert!(Trees::build(0.0, 3, &[backwards]).is_err());
        assert!(
            Trees::build(0.0, 2, &[stump()]).is_err(),
            "column 2 of a row of two"
        );
        let mut short = stump();
        short.4.pop();
        assert!(Trees::build(0.0, 3, &[short]).is_err());
        let mut chain = (
            vec![0i64; 23],
            vec![0.5; 23],
            vec![-1i64; 23],
            vec![-1i64; 23],
            vec![1.0; 23],
        );
        for level in 0..11 {
            // Node 2k splits: its left child is the next split, its right a leaf.
            (chain.2[2 * level], chain.3[2 * level]) = (2 * level as i64 + 2, 2 * level as i64 + 1);
        }
        assert!(Trees::build(0.0, 1, &[chain]).is_err(), "eleven levels");
    }
}
