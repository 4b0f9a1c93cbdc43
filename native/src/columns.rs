//! The text model's columns (`cleaner/textmodel/columns.py`), evaluated by the core.
//!
//! The glue hands over each column's and each term's expression as Python's own parse of it (`ast`),
//! reduced to the few kinds of node the table uses; here they become a tree, evaluated a chunk of lines at
//! a time ([`Expr::eval_lines`]: each node once over whole columns, not the tree once per line) with
//! Python's semantics over numbers: a value is an `f64` (`True` is 1.0, `None` is NaN), `and`/`or` return one of
//! their operands and short-circuit, `min`/`max` return the first of equal values. So a column's value
//! is the float the Python reference computes (integers and ratios of them are exact in an `f64`).

use std::borrow::Cow;

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
    ContentList,
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
            "content_list" => Array::ContentList,
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
    pub content_list: Vec<f64>,
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
            Array::ContentList => &self.content_list,
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
    /// The expression's value on one line (`vars[s]`: slot `s`), node by node as Python evaluates it:
    /// the reference [`Expr::eval_lines`] is tested against.
    #[cfg(test)]
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

impl Expr {
    /// The expression's value on `len` lines at once (`slots[s][k]`: slot `s` on the k-th line), one
    /// node at a time over whole columns, so the tree is walked once per chunk of lines rather than once
    /// per line. Every operand is evaluated (nothing here has side effects or fails: an index out of
    /// range is NaN) and `and`/`or`/`if`/chained comparisons then pick per line what Python's
    /// short-circuit returns, so each value equals [`Expr::eval`]'s on that line.
    pub fn eval_lines(&self, slots: &[Vec<f64>], page: &PageArrays, len: usize) -> Vec<f64> {
        let sub = |e: &Expr| e.eval_lines(slots, page, len);
        // an operand only read: a variable's column itself, not a copy (most operands are variables)
        let read = |e: &Expr| e.operand(slots, page, len);
        match self {
            Expr::Const(v) => vec![*v; len],
            Expr::Var(slot) => slots[*slot][..len].to_vec(),
            Expr::Index(array, at) => {
                let values = page.get(*array);
                let mut out = sub(at);
                out.iter_mut().for_each(|x| *x = index(values, *x));
                out
            }
            Expr::Slice(func, array, lo, hi) => {
                let values = page.get(*array);
                let lo = lo.as_ref().map(|e| read(e));
                let hi = hi.as_ref().map(|e| read(e));
                (0..len)
                    .map(|k| {
                        let (lo, hi) = bounds(
                            values.len(),
                            lo.as_ref().map(|c| c[k]),
                            hi.as_ref().map(|c| c[k]),
                        );
                        extreme(*func, values[lo..hi].iter().copied())
                    })
                    .collect()
            }
            Expr::Bin(op, a, b) => {
                let mut out = sub(a);
                if let Expr::Const(b) = **b {
                    // (a constant operand, as most are, is not first spread into a column)
                    out.iter_mut().for_each(|a| *a = binary(*op, *a, b));
                    return out;
                }
                let b = read(b);
                let pairs = out.iter_mut().zip(b.iter());
                match op {
                    Bin::Add => pairs.for_each(|(a, b)| *a += b),
                    Bin::Sub => pairs.for_each(|(a, b)| *a -= b),
                    Bin::Mul => pairs.for_each(|(a, b)| *a *= b),
                    Bin::Div => pairs.for_each(|(a, b)| *a /= b),
                }
                out
            }
            Expr::Not(a) => {
                let mut out = sub(a);
                out.iter_mut().for_each(|x| *x = flag(!truthy(*x)));
                out
            }
            Expr::Neg(a) => {
                let mut out = sub(a);
                out.iter_mut().for_each(|x| *x = -*x);
                out
            }
            Expr::Compare(first, rest) => {
                if let ([(op, Expr::Const(right))], Expr::Var(slot)) = (rest.as_slice(), &**first) {
                    // `x < 3`, the commonest comparison: no column made for the constant nor copied
                    // for the variable
                    return slots[*slot][..len]
                        .iter()
                        .map(|&x| flag(compare(*op, x, *right)))
                        .collect();
                }
                let mut left = read(first);
                let mut out = vec![1.0; len];
                for (op, right) in rest {
                    let right = read(right);
                    for ((o, l), r) in out.iter_mut().zip(left.iter()).zip(right.iter()) {
                        if *o != 0.0 && !compare(*op, *l, *r) {
                            *o = 0.0;
                        }
                    }
                    left = right;
                }
                out
            }
            // a line keeps the first falsy operand (`and`) or the first truthy one (`or`), else the last
            Expr::And(values) => pick(values, 1.0, true, sub, read, len),
            Expr::Or(values) => pick(values, 0.0, false, sub, read, len),
            Expr::If(test, body, orelse) => {
                let test = read(test);
                let mut out = sub(body);
                if let Expr::Const(orelse) = **orelse {
                    for (o, t) in out.iter_mut().zip(test.iter()) {
                        if !truthy(*t) {
                            *o = orelse;
                        }
                    }
                    return out;
                }
                let orelse = read(orelse);
                for ((o, t), e) in out.iter_mut().zip(test.iter()).zip(orelse.iter()) {
                    if !truthy(*t) {
                        *o = *e;
                    }
                }
                out
            }
            Expr::Call(func, args) => match func {
                Func::Log1p => {
                    let mut out = sub(&args[0]);
                    out.iter_mut().for_each(|x| *x = x.ln_1p());
                    out
                }
                Func::Float => sub(&args[0]),
                Func::Min | Func::Max => {
                    let args: Vec<Cow<[f64]>> = args.iter().map(read).collect();
                    (0..len)
                        .map(|k| extreme(*func, args.iter().map(|c| c[k])))
                        .collect()
                }
            },
        }
    }
}

/// `a op b`, as [`Expr::eval_lines`] computes a [`Bin`] over columns.
#[inline]
fn binary(op: Bin, a: f64, b: f64) -> f64 {
    match op {
        Bin::Add => a + b,
        Bin::Sub => a - b,
        Bin::Mul => a * b,
        Bin::Div => a / b,
    }
}

impl Expr {
    /// The expression's value on `len` lines, to be read: a variable's slot borrowed, anything else
    /// evaluated ([`Expr::eval_lines`]).
    fn operand<'s>(&self, slots: &'s [Vec<f64>], page: &PageArrays, len: usize) -> Cow<'s, [f64]> {
        match self {
            Expr::Var(slot) => Cow::Borrowed(&slots[*slot][..len]),
            _ => Cow::Owned(self.eval_lines(slots, page, len)),
        }
    }
}

/// `and` (`go_on_while_truthy`) or `or` over columns: a line moves on to the next operand while its
/// value so far is truthy (`and`) or falsy (`or`), as Python's short-circuit stops.
fn pick<'s>(
    values: &[Expr],
    empty: f64,
    go_on_while_truthy: bool,
    eval: impl Fn(&Expr) -> Vec<f64>,
    read: impl Fn(&Expr) -> Cow<'s, [f64]>,
    len: usize,
) -> Vec<f64> {
    let Some((first, rest)) = values.split_first() else {
        return vec![empty; len];
    };
    let mut out = eval(first);
    for value in rest {
        if let Expr::Const(next) = *value {
            // (a constant is not first spread into a column)
            for o in out.iter_mut() {
                if truthy(*o) == go_on_while_truthy {
                    *o = next;
                }
            }
            continue;
        }
        let next = read(value);
        for (o, n) in out.iter_mut().zip(next.iter()) {
            if truthy(*o) == go_on_while_truthy {
                *o = *n;
            }
        }
    }
    out
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
/// The line's variables in `BASE_NAMES` (`i`, `u`, the `f.*` measures), after the document's.
pub const LINE_SLOTS: usize = BASE_NAMES.len() - DOC_SLOTS;

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

#[cfg(test)]
mod tests {
    use super::*;

    fn var(slot: Slot) -> Box<Expr> {
        Box::new(Expr::Var(slot))
    }

    fn num(v: f64) -> Box<Expr> {
        Box::new(Expr::Const(v))
    }

    /// Every kind of node, with operands that are NaN (`None`), zero, negative or out of range on some
    /// lines, so each short-circuit and each index guard is taken on one line and not on another.
    fn expressions() -> Vec<Expr> {
        use Expr as E;
        let (i, a, b) = (0, 1, 2);
        vec![
            E::Const(2.5),
            E::Var(a),
            E::Index(Array::Prose, Box::new(E::Bin(Bin::Sub, var(i), num(1.0)))),
            E::Index(Array::Chrome, Box::new(E::Bin(Bin::Add, var(i), num(2.0)))),
            E::Slice(
                Func::Max,
                Array::Overlap,
                Some(Box::new(E::Call(
                    Func::Max,
                    vec![E::Const(0.0), E::Bin(Bin::Sub, var(i), num(2.0))],
                ))),
                Some(Box::new(E::Bin(Bin::Add, var(i), num(3.0)))),
            ),
            E::Slice(Func::Min, Array::Overlap, None, Some(var(a))),
            E::Slice(Func::Max, Array::Overlap, Some(var(b)), None),
            E::Bin(Bin::Div, var(a), var(b)),
            E::Bin(Bin::Mul, var(a), num(-1.5)),
            E::Not(var(b)),
            E::Neg(var(a)),
            E::Compare(var(a), vec![(Cmp::Le, E::Var(b)), (Cmp::Lt, E::Const(3.0))]),
            E::Compare(var(b), vec![(Cmp::Is, E::Const(f64::NAN))]),
            E::Compare(
                var(b),
                vec![(Cmp::IsNot, E::Const(f64::NAN)), (Cmp::Ne, E::Var(a))],
            ),
            E::Compare(
                var(a),
                vec![
                    (Cmp::Eq, E::Var(b)),
                    (Cmp::Ge, E::Var(i)),
                    (Cmp::Gt, E::Const(-9.0)),
                ],
            ),
            E::And(vec![E::Var(a), E::Var(b), E::Index(Array::Prose, var(i))]),
            E::Or(vec![E::Var(b), E::Var(a), E::Const(7.0)]),
            E::And(vec![]),
            E::Or(vec![]),
            // constant operands, which eval_lines reads as numbers, not columns
            E::And(vec![E::Var(a), E::Const(0.0), E::Var(b)]),
            E::Or(vec![E::Var(b), E::Const(f64::NAN), E::Var(a)]),
            E::Compare(var(a), vec![(Cmp::Gt, E::Const(0.0))]),
            E::Compare(var(b), vec![(Cmp::Ne, E::Const(f64::NAN))]),
            E::Bin(Bin::Div, var(b), num(0.0)),
            E::Bin(Bin::Sub, Box::new(E::Neg(var(a))), num(f64::NAN)),
            E::If(var(a), var(b), num(-2.0)),
            E::If(
                var(b),
                Box::new(E::Call(Func::Log1p, vec![E::Var(a)])),
                num(0.0),
            ),
            E::Call(Func::Min, vec![E::Var(a), E::Var(b), E::Const(1.0)]),
            E::Call(Func::Max, vec![E::Var(b), E::Var(a)]),
            E::Call(Func::Float, vec![E::Bin(Bin::Add, var(a), var(b))]),
        ]
    }

    #[test]
    fn eval_lines_is_eval_on_each_line() {
        let page = PageArrays {
            prose: vec![1.0, 0.0, 1.0, 1.0, 0.0],
            chrome: vec![0.0, 1.0, 0.0, 0.0, 1.0],
            overlap: vec![0.5, 0.0, 0.25, 1.0, 0.75],
            ..PageArrays::default()
        };
        // slot 0 is the line's index, 1 and 2 values with the awkward cases
        let a = [0.0, 2.0, -1.0, 3.0, f64::NAN];
        let b = [f64::NAN, 2.0, 0.0, -3.0, 1.0];
        let slots = vec![
            (0..5).map(f64::from).collect::<Vec<f64>>(),
            a.to_vec(),
            b.to_vec(),
        ];
        for expr in expressions() {
            let together = expr.eval_lines(&slots, &page, 5);
            for (k, value) in together.iter().enumerate() {
                let alone = expr.eval(&[k as f64, a[k], b[k]], &page);
                assert_eq!(value.to_bits(), alone.to_bits(), "{expr:?} on line {k}");
            }
        }
    }
}
