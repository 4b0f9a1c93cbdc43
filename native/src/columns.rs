//! The text model's columns (`cleaner/textmodel/columns.py`), evaluated by the core.
//!
//! The glue hands over each column's and each term's expression as Python's own parse of it (`ast`),
//! reduced to the few kinds of node the table uses; here they become a tree evaluated with Python's
//! semantics over numbers: a value is an `f64` (`True` is 1.0, `None` is NaN), `and`/`or` return one of
//! their operands and short-circuit, `min`/`max` return the first of equal values. So a column's value
//! is the float the Python reference computes (integers and ratios of them are exact in an `f64`).

use crate::doc::Signal;

/// Where a name's value comes from: one slot of the per-line variables.
pub type Slot = usize;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Bin {
    Add,
    Sub,
    Mul,
    Div,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cmp {
    Lt,
    Le,
    Gt,
    Ge,
    Eq,
    Ne,
    Is,
    IsNot,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Func {
    Log1p,
    Min,
    Max,
    Float,
}

/// The page's per-line arrays a column may index.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Array {
    Prose,
    Chrome,
    ProseNear,
    ProseNearby,
    ProseInPart,
    ToProse,
    Shorts,
    Overlap,
    Cohesive,
    ColonList,
}

impl Array {
    pub fn named(name: &str) -> Option<Array> {
        Some(match name {
            "prose" => Array::Prose,
            "chrome" => Array::Chrome,
            "prose_near" => Array::ProseNear,
            "prose_nearby" => Array::ProseNearby,
            "prose_in_part" => Array::ProseInPart,
            "to_prose" => Array::ToProse,
            "shorts" => Array::Shorts,
            "overlap" => Array::Overlap,
            "cohesive" => Array::Cohesive,
            "colon_list" => Array::ColonList,
            _ => return None,
        })
    }
}

#[derive(Clone, Debug)]
pub enum Expr {
    Const(f64),
    Var(Slot),
    Index(Array, Box<Expr>),
    /// `max(array[lo:hi])`, `min(...)`
    Slice(Func, Array, Option<Box<Expr>>, Option<Box<Expr>>),
    Bin(Bin, Box<Expr>, Box<Expr>),
    Not(Box<Expr>),
    Neg(Box<Expr>),
    Compare(Box<Expr>, Vec<(Cmp, Expr)>),
    And(Vec<Expr>),
    Or(Vec<Expr>),
    If(Box<Expr>, Box<Expr>, Box<Expr>),
    Call(Func, Vec<Expr>),
}

/// The per-line arrays of the page (`page_measures`), as floats.
#[derive(Default, Clone)]
pub struct PageArrays {
    pub prose: Vec<f64>,
    pub chrome: Vec<f64>,
    pub prose_near: Vec<f64>,
    pub prose_nearby: Vec<f64>,
    pub prose_in_part: Vec<f64>,
    pub to_prose: Vec<f64>,
    pub shorts: Vec<f64>,
    pub overlap: Vec<f64>,
    pub cohesive: Vec<f64>,
    pub colon_list: Vec<f64>,
}

impl PageArrays {
    #[inline]
    fn get(&self, array: Array) -> &[f64] {
        match array {
            Array::Prose => &self.prose,
            Array::Chrome => &self.chrome,
            Array::ProseNear => &self.prose_near,
            Array::ProseNearby => &self.prose_nearby,
            Array::ProseInPart => &self.prose_in_part,
            Array::ToProse => &self.to_prose,
            Array::Shorts => &self.shorts,
            Array::Overlap => &self.overlap,
            Array::Cohesive => &self.cohesive,
            Array::ColonList => &self.colon_list,
        }
    }
}

#[inline]
pub fn truthy(x: f64) -> bool {
    x != 0.0 && !x.is_nan()
}

#[inline]
fn flag(b: bool) -> f64 {
    if b {
        1.0
    } else {
        0.0
    }
}

/// Python's index into a list: negative counts from the end; out of range is NaN (an error in Python,
/// which the table's guards never reach).
#[inline]
fn index(values: &[f64], at: f64) -> f64 {
    let n = values.len() as i64;
    let mut k = at as i64;
    if k < 0 {
        k += n;
    }
    if k < 0 || k >= n {
        return f64::NAN;
    }
    values[k as usize]
}

/// A slice's bounds as Python clamps them.
fn bounds(n: usize, lo: Option<f64>, hi: Option<f64>) -> (usize, usize) {
    let clamp = |v: f64| -> usize {
        let n = n as i64;
        let mut k = v as i64;
        if k < 0 {
            k = (k + n).max(0);
        }
        k.min(n) as usize
    };
    let lo = lo.map_or(0, clamp);
    let hi = hi.map_or(n, clamp);
    (lo, hi.max(lo))
}

fn compare(op: Cmp, a: f64, b: f64) -> bool {
    match op {
        Cmp::Lt => a < b,
        Cmp::Le => a <= b,
        Cmp::Gt => a > b,
        Cmp::Ge => a >= b,
        Cmp::Eq => a == b,
        Cmp::Ne => a != b,
        // only `x is None` / `x is not None` reach here (the glue checks)
        Cmp::Is => a.is_nan() == b.is_nan() && (a.is_nan() || a == b),
        Cmp::IsNot => !(a.is_nan() == b.is_nan() && (a.is_nan() || a == b)),
    }
}

/// `min`/`max` of values: the first of equal ones, as Python's.
fn extreme(func: Func, values: impl Iterator<Item = f64>) -> f64 {
    let mut best: Option<f64> = None;
    for v in values {
        best = Some(match best {
            None => v,
            Some(b) => {
                if func == Func::Min && v < b || func == Func::Max && v > b {
                    v
                } else {
                    b
                }
            }
        });
    }
    best.unwrap_or(f64::NAN)
}

impl Expr {
    pub fn eval(&self, vars: &[f64], page: &PageArrays) -> f64 {
        match self {
            Expr::Const(v) => *v,
            Expr::Var(slot) => vars[*slot],
            Expr::Index(array, at) => index(page.get(*array), at.eval(vars, page)),
            Expr::Slice(func, array, lo, hi) => {
                let values = page.get(*array);
                let (lo, hi) = bounds(
                    values.len(),
                    lo.as_ref().map(|e| e.eval(vars, page)),
                    hi.as_ref().map(|e| e.eval(vars, page)),
                );
                extreme(*func, values[lo..hi].iter().copied())
            }
            Expr::Bin(op, a, b) => {
                let (a, b) = (a.eval(vars, page), b.eval(vars, page));
                match op {
                    Bin::Add => a + b,
                    Bin::Sub => a - b,
                    Bin::Mul => a * b,
                    Bin::Div => a / b,
                }
            }
            Expr::Not(a) => flag(!truthy(a.eval(vars, page))),
            Expr::Neg(a) => -a.eval(vars, page),
            Expr::Compare(first, rest) => {
                let mut left = first.eval(vars, page);
                for (op, right) in rest {
                    let right = right.eval(vars, page);
                    if !compare(*op, left, right) {
                        return 0.0;
                    }
                    left = right;
                }
                1.0
            }
            Expr::And(values) => {
                let mut last = 1.0;
                for v in values {
                    last = v.eval(vars, page);
                    if !truthy(last) {
                        return last;
                    }
                }
                last
            }
            Expr::Or(values) => {
                let mut last = 0.0;
                for v in values {
                    last = v.eval(vars, page);
                    if truthy(last) {
                        return last;
                    }
                }
                last
            }
            Expr::If(test, body, orelse) => {
                if truthy(test.eval(vars, page)) {
                    body.eval(vars, page)
                } else {
                    orelse.eval(vars, page)
                }
            }
            Expr::Call(func, args) => match func {
                Func::Log1p => args[0].eval(vars, page).ln_1p(),
                Func::Float => args[0].eval(vars, page),
                Func::Min | Func::Max => extreme(*func, args.iter().map(|a| a.eval(vars, page))),
            },
        }
    }
}

/// The slots every line's variables start with (the names the table's expressions read besides the
/// columns and terms, which get slots after these).
pub const BASE_NAMES: &[&str] = &[
    // the document's
    "n",
    "has_stoplist",
    "char_mode",
    "reference",
    "start",
    "end",
    "ended_at",
    "headline",
    // the line's
    "i",
    "u",
    "f.words",
    "f.chars",
    "f.units",
    "f.stops",
    "f.stop_ratio",
    "f.ends_sentence",
    "f.ends_colon",
    "f.sentences",
    "f.title_ratio",
    "f.upper",
    "f.alpha_ratio",
    "f.digit_ratio",
    "f.inner_dateline",
];
pub const DOC_SLOTS: usize = 8;

/// A column of the vector: computed, or one of the signal one-hot block.
#[derive(Clone, Debug)]
pub enum Column {
    /// `(expression, slot it is stored in when a later expression reads it)`
    Computed(Expr, Option<Slot>),
    /// One-hot: 1.0 when the line's signal is this one.
    Signal(Signal),
}

/// The compiled table.
#[derive(Clone, Debug)]
pub struct Table {
    /// The LINE columns (a prefix of the vector), computed once per distinct line.
    pub own: Vec<(Expr, Option<Slot>)>,
    /// The terms, in order, each stored in its slot.
    pub terms: Vec<(Expr, Slot)>,
    /// The rest of the vector, in order.
    pub around: Vec<Column>,
    pub slots: usize,
}

impl Table {
    pub fn width(&self) -> usize {
        self.own.len() + self.around.len()
    }
}
