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

/// What an expression reads over a chunk of `len` lines: the document's variables (`doc[s]` for the
/// slots `0..doc.len()`, one number for every line), the other slots as columns (`slots[s][k]`: slot `s`
/// on the k-th line), and the page's arrays.
pub struct Lines<'s> {
    pub doc: &'s [f64],
    pub slots: &'s [Vec<f64>],
    pub page: &'s PageArrays,
    pub len: usize,
}

/// An operand's value over a chunk of lines: one number for every line (a constant, a document's
/// variable, or what is made of them alone: worked out once, not spread into a column), or a column (a
/// variable's own borrowed, not copied).
enum Val<'s> {
    Num(f64),
    Col(Cow<'s, [f64]>),
}

use Val::{Col, Num};

impl<'s> Val<'s> {
    /// The value on the k-th line.
    #[inline]
    fn at(&self, k: usize) -> f64 {
        match self {
            Num(v) => *v,
            Col(c) => c[k],
        }
    }

    /// The same value, borrowed.
    fn view(&self) -> Val<'_> {
        match self {
            Num(v) => Num(*v),
            Col(c) => Col(Cow::Borrowed(c)),
        }
    }

    /// The same value, owning its column.
    fn owned<'t>(self) -> Val<'t> {
        match self {
            Num(v) => Num(v),
            Col(c) => Col(Cow::Owned(c.into_owned())),
        }
    }

    fn is_num(&self) -> bool {
        matches!(self, Num(_))
    }

    fn into_column(self, len: usize) -> Vec<f64> {
        match self {
            Num(v) => vec![v; len],
            Col(c) => c.into_owned(),
        }
    }

    /// `f` of each line's value (a column evaluated into is rewritten in place).
    #[inline]
    fn map(self, f: impl Fn(f64) -> f64) -> Val<'s> {
        match self {
            Num(v) => Num(f(v)),
            Col(Cow::Borrowed(c)) => Col(Cow::Owned(c.iter().map(|&x| f(x)).collect())),
            Col(Cow::Owned(mut c)) => {
                c.iter_mut().for_each(|x| *x = f(*x));
                Col(Cow::Owned(c))
            }
        }
    }
}

/// `log1p(x)`; of 0 and of the small whole numbers (the columns' counts and distances) looked up, not
/// worked out again: the same float (`log1p(±0.0)` is ±0.0, the table's entries are `ln_1p`'s).
#[inline]
fn log1p(x: f64) -> f64 {
    static SMALL: std::sync::OnceLock<[f64; 256]> = std::sync::OnceLock::new();
    if x == 0.0 {
        return x;
    }
    let k = x as usize;
    if k < 256 && k as f64 == x {
        let small = SMALL.get_or_init(|| std::array::from_fn(|k| (k as f64).ln_1p()));
        return small[k];
    }
    x.ln_1p()
}

/// `f(a, b)` on each line: one number when both are.
#[inline]
fn zip<'s>(a: Val<'s>, b: Val<'s>, f: impl Fn(f64, f64) -> f64) -> Val<'s> {
    match (a, b) {
        (Num(a), Num(b)) => Num(f(a, b)),
        (a, Num(b)) => a.map(|x| f(x, b)),
        (Num(a), b) => b.map(|y| f(a, y)),
        (Col(Cow::Owned(mut a)), Col(b)) => {
            a.iter_mut().zip(b.iter()).for_each(|(x, &y)| *x = f(*x, y));
            Col(Cow::Owned(a))
        }
        (Col(a), Col(b)) => Col(Cow::Owned(
            a.iter().zip(b.iter()).map(|(&x, &y)| f(x, y)).collect(),
        )),
    }
}

/// `a op b` on each line.
fn bin_vals<'s>(op: Bin, a: Val<'s>, b: Val<'s>) -> Val<'s> {
    match op {
        Bin::Add => zip(a, b, |a, b| a + b),
        Bin::Sub => zip(a, b, |a, b| a - b),
        Bin::Mul => zip(a, b, |a, b| a * b),
        Bin::Div => zip(a, b, |a, b| a / b),
    }
}

/// `a op b` on each line, as 1.0 or 0.0.
fn compare_vals<'s>(op: Cmp, a: Val<'s>, b: Val<'s>) -> Val<'s> {
    match op {
        Cmp::Lt => zip(a, b, |a, b| flag(a < b)),
        Cmp::Le => zip(a, b, |a, b| flag(a <= b)),
        Cmp::Gt => zip(a, b, |a, b| flag(a > b)),
        Cmp::Ge => zip(a, b, |a, b| flag(a >= b)),
        Cmp::Eq => zip(a, b, |a, b| flag(a == b)),
        Cmp::Ne => zip(a, b, |a, b| flag(a != b)),
        _ => zip(a, b, |a, b| flag(compare(op, a, b))),
    }
}

impl Expr {
    /// The expression's value on `lines.len` lines at once, one node at a time over whole columns, so the
    /// tree is walked once per chunk of lines rather than once per line; what reads only constants and the
    /// document's variables is one number, worked out once. Every operand of a column is evaluated
    /// (nothing here has side effects or fails: an index out of range is NaN) and `and`/`or`/`if`/chained
    /// comparisons then pick per line what Python's short-circuit returns, so each value equals
    /// [`Expr::eval`]'s on that line (the same operations on the same numbers, in the same order).
    pub fn eval_lines(&self, lines: &Lines) -> Vec<f64> {
        self.value(lines).into_column(lines.len)
    }

    fn value<'s>(&self, lines: &Lines<'s>) -> Val<'s> {
        let len = lines.len;
        match self {
            Expr::Const(v) => Num(*v),
            Expr::Var(slot) => match lines.doc.get(*slot) {
                Some(v) => Num(*v),
                None => Col(Cow::Borrowed(&lines.slots[*slot][..len])),
            },
            Expr::Index(array, at) => {
                let values = lines.page.get(*array);
                at.value(lines).map(|x| index(values, x))
            }
            Expr::Slice(func, array, lo, hi) => {
                let values = lines.page.get(*array);
                let lo = lo.as_ref().map(|e| e.value(lines));
                let hi = hi.as_ref().map(|e| e.value(lines));
                let on = |k: usize| {
                    let (lo, hi) = bounds(
                        values.len(),
                        lo.as_ref().map(|v| v.at(k)),
                        hi.as_ref().map(|v| v.at(k)),
                    );
                    extreme(*func, values[lo..hi].iter().copied())
                };
                if lo.iter().chain(hi.iter()).all(Val::is_num) {
                    Num(on(0))
                } else {
                    Col(Cow::Owned((0..len).map(on).collect()))
                }
            }
            Expr::Bin(op, a, b) => bin_vals(*op, a.value(lines), b.value(lines)),
            Expr::Not(a) => a.value(lines).map(|x| flag(!truthy(x))),
            Expr::Neg(a) => a.value(lines).map(|x| -x),
            Expr::Compare(first, rest) => {
                if let [(op, right)] = rest.as_slice() {
                    // `x < 3`, the commonest comparison
                    return compare_vals(*op, first.value(lines), right.value(lines));
                }
                // `a op b op c ...`: each comparison over the lines, a line true where all are
                let mut operands = vec![first.value(lines)];
                operands.extend(rest.iter().map(|(_, e)| e.value(lines)));
                let mut out = Num(1.0);
                for (pair, (op, _)) in operands.windows(2).zip(rest) {
                    let holds = compare_vals(*op, pair[0].view(), pair[1].view());
                    out = zip(out, holds, |o, h| flag(o != 0.0 && h != 0.0)).owned();
                }
                out
            }
            // a line keeps the first falsy operand (`and`) or the first truthy one (`or`), else the last
            Expr::And(values) => pick(values, 1.0, true, lines),
            Expr::Or(values) => pick(values, 0.0, false, lines),
            Expr::If(test, body, orelse) => match test.value(lines) {
                Num(t) => {
                    if truthy(t) {
                        body.value(lines)
                    } else {
                        orelse.value(lines)
                    }
                }
                Col(test) => {
                    let orelse = orelse.value(lines);
                    if let Expr::Call(Func::Log1p, args) = &**body {
                        // `log1p(x) if ... else 0.0`: the logarithm only on the lines that take it
                        let x = args[0].value(lines);
                        return Col(Cow::Owned(
                            (0..len)
                                .map(|k| {
                                    if truthy(test[k]) {
                                        log1p(x.at(k))
                                    } else {
                                        orelse.at(k)
                                    }
                                })
                                .collect(),
                        ));
                    }
                    let body = body.value(lines);
                    Col(Cow::Owned(
                        (0..len)
                            .map(|k| {
                                if truthy(test[k]) {
                                    body.at(k)
                                } else {
                                    orelse.at(k)
                                }
                            })
                            .collect(),
                    ))
                }
            },
            Expr::Call(func, args) => match func {
                Func::Log1p => args[0].value(lines).map(log1p),
                Func::Float => args[0].value(lines),
                Func::Min | Func::Max if args.len() == 2 => {
                    // `min(x, 2.0)`, the commonest call: the first of equal values, as `extreme`
                    let (a, b) = (args[0].value(lines), args[1].value(lines));
                    match func {
                        Func::Min => zip(a, b, |a, b| if b < a { b } else { a }),
                        _ => zip(a, b, |a, b| if b > a { b } else { a }),
                    }
                }
                Func::Min | Func::Max => {
                    let args: Vec<Val> = args.iter().map(|a| a.value(lines)).collect();
                    let on = |k: usize| extreme(*func, args.iter().map(|v| v.at(k)));
                    if args.iter().all(Val::is_num) {
                        Num(on(0))
                    } else {
                        Col(Cow::Owned((0..len).map(on).collect()))
                    }
                }
            },
        }
    }
}

/// `and` (`go_on_while_truthy`) or `or` over lines: a line moves on to the next operand while its
/// value so far is truthy (`and`) or falsy (`or`), as Python's short-circuit stops; while the value so
/// far is one number, every line stops or moves on with it.
fn pick<'s>(values: &[Expr], empty: f64, go_on_while_truthy: bool, lines: &Lines<'s>) -> Val<'s> {
    let Some((first, rest)) = values.split_first() else {
        return Num(empty);
    };
    let mut out = first.value(lines);
    for value in rest {
        match &mut out {
            Num(v) => {
                if truthy(*v) != go_on_while_truthy {
                    break;
                }
                out = value.value(lines);
            }
            Col(column) => {
                let column = column.to_mut();
                match value.value(lines) {
                    Num(next) => {
                        for o in column.iter_mut() {
                            if truthy(*o) == go_on_while_truthy {
                                *o = next;
                            }
                        }
                    }
                    Col(next) => {
                        for (o, n) in column.iter_mut().zip(next.iter()) {
                            if truthy(*o) == go_on_while_truthy {
                                *o = *n;
                            }
                        }
                    }
                }
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
    /// The LINE columns (a prefix of the vector): a line's are its row's, as its row's first line has them
    /// (`textmodel::OwnColumns`).
    pub own: Vec<(Expr, Option<Slot>)>,
    /// The terms, in order, each stored in its slot.
    pub terms: Vec<(Expr, Slot)>,
    /// The rest of the vector, in order.
    pub around: Vec<Column>,
    pub slots: usize,
    /// The slots the LINE columns read (`own_reads[s]`), and those the terms and the other columns read.
    pub own_reads: Vec<bool>,
    pub rest_reads: Vec<bool>,
}

impl Table {
    /// The table, with the slots its LINE columns read and those its terms and other columns read.
    pub fn new(
        own: Vec<(Expr, Option<Slot>)>,
        terms: Vec<(Expr, Slot)>,
        around: Vec<Column>,
        slots: usize,
    ) -> Table {
        let mut own_reads = vec![false; slots];
        for (expr, _) in &own {
            expr.mark_reads(&mut own_reads);
        }
        let mut rest_reads = vec![false; slots];
        for (expr, _) in &terms {
            expr.mark_reads(&mut rest_reads);
        }
        for column in &around {
            if let Column::Computed(expr, _) = column {
                expr.mark_reads(&mut rest_reads);
            }
        }
        Table {
            own,
            terms,
            around,
            slots,
            own_reads,
            rest_reads,
        }
    }

    pub fn width(&self) -> usize {
        self.own.len() + self.around.len()
    }
}

impl Expr {
    /// Mark every slot the expression reads (`reads[s]`).
    fn mark_reads(&self, reads: &mut [bool]) {
        let mut each = |e: &Expr| e.mark_reads(reads);
        match self {
            Expr::Const(_) => {}
            Expr::Var(slot) => reads[*slot] = true,
            Expr::Index(_, at) | Expr::Not(at) | Expr::Neg(at) => each(at),
            Expr::Slice(_, _, lo, hi) => {
                lo.iter().chain(hi.iter()).for_each(|e| each(e));
            }
            Expr::Bin(_, a, b) => {
                each(a);
                each(b);
            }
            Expr::Compare(first, rest) => {
                each(first);
                rest.iter().for_each(|(_, e)| each(e));
            }
            Expr::And(values) | Expr::Or(values) | Expr::Call(_, values) => {
                values.iter().for_each(each);
            }
            Expr::If(test, body, orelse) => {
                each(test);
                each(body);
                each(orelse);
            }
        }
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
    fn expressions(i: Slot, a: Slot, b: Slot) -> Vec<Expr> {
        use Expr as E;
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
            // operands computed (columns made, then rewritten in place), a number on the left
            E::Bin(Bin::Add, Box::new(E::Neg(var(a))), Box::new(E::Neg(var(b)))),
            E::Bin(Bin::Sub, num(1.0), var(a)),
            E::Compare(num(0.5), vec![(Cmp::Lt, E::Var(a))]),
            E::If(
                var(b),
                Box::new(E::Call(Func::Log1p, vec![E::Bin(Bin::Mul, var(a), var(a))])),
                var(a),
            ),
            E::If(
                Box::new(E::Compare(var(i), vec![(Cmp::Gt, E::Const(1.0))])),
                Box::new(E::Call(Func::Log1p, vec![E::Var(i)])),
                num(0.0),
            ),
            E::And(vec![
                E::Compare(var(i), vec![(Cmp::Gt, E::Const(0.0))]),
                E::Index(Array::Prose, Box::new(E::Bin(Bin::Sub, var(i), num(1.0)))),
            ]),
            E::Or(vec![E::Not(var(a)), E::Bin(Bin::Mul, var(b), num(2.0))]),
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
        // the line's index, and two values with the awkward cases, each a column (slots 3, 4, 5) or
        // the document's, one number for every line (slots 0, 1, 2: these numbers in turn)
        let a = [0.0, 2.0, -1.0, 3.0, f64::NAN];
        let b = [f64::NAN, 2.0, 0.0, -3.0, 1.0];
        let slots = vec![
            Vec::new(),
            Vec::new(),
            Vec::new(),
            (0..5).map(f64::from).collect::<Vec<f64>>(),
            a.to_vec(),
            b.to_vec(),
        ];
        let docs = [
            [2.0, 0.0, f64::NAN],
            [0.0, f64::NAN, -1.0],
            [4.0, 3.0, 2.0],
            [-1.0, -3.0, 0.0],
        ];
        for doc in docs {
            let lines = Lines {
                doc: &doc,
                slots: &slots,
                page: &page,
                len: 5,
            };
            // each of i, a, b read from a column or from the document's
            for which in 0..8 {
                let slot = |k: usize| if which >> k & 1 == 1 { k } else { k + 3 };
                for expr in expressions(slot(0), slot(1), slot(2)) {
                    let together = expr.eval_lines(&lines);
                    assert_eq!(together.len(), 5);
                    for (k, value) in together.iter().enumerate() {
                        let vars = [doc[0], doc[1], doc[2], k as f64, a[k], b[k]];
                        let alone = expr.eval(&vars, &page);
                        assert_eq!(
                            value.to_bits(),
                            alone.to_bits(),
                            "{expr:?} on line {k}, document {doc:?}"
                        );
                    }
                }
            }
        }
    }
}
