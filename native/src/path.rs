//! The whole per-line text path in one call per document: split, language, measures, phrases, shapes,
//! scoring, context, repeats (the stages of `cleaner/pipeline.py` from `features` to `repeats`, for a
//! text dump with no profile). Every rule comes from the glue (`cleaner/native/rules.py`); the decisions
//! come back as byte columns, and a line's Python objects are made only when the glue asks.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use pyo3::exceptions::{PyIndexError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyList, PyString, PyTuple};
use rustc_hash::FxHashMap;

use crate::columns::{self, Array, Bin, Cmp, Expr, Func};
use crate::doc::{Doc, FoldedRows, Reason, Signal, BODY, HARD, MARKUP, SOFT};
use crate::language::{LanguageRules, Languages, WordRuns};
use crate::measures::{Measurer, Rules};
use crate::patterns::{fold_line_into, Form, Forms, Pattern, PatternSpec};
use crate::phrases::{self, Scratch};
use crate::repeats::RepeatRules;
use crate::shapes::{ShapePatterns, ShapeRules, ShapeVerdicts, Verdict};
use crate::textmodel::{self, ColumnRules};
use crate::titlepick::{self, PickRules};
use crate::titles;
use crate::unicode::{Table, DECIMAL};
use crate::{guarded, ne_bytes, Core, PhraseBook};

fn value_error(message: impl std::fmt::Display) -> PyErr {
    PyValueError::new_err(message.to_string())
}

fn item<'py>(dict: &Bound<'py, PyDict>, name: &str) -> PyResult<Bound<'py, PyAny>> {
    dict.get_item(name)?
        .ok_or_else(|| value_error(format!("the text path's rules: no {name}")))
}

fn pattern(table: &Table, spec: &Bound<'_, PyAny>) -> PyResult<Pattern> {
    let spec = spec.cast::<PyDict>()?;
    let spec = PatternSpec {
        name: item(spec, "name")?.extract()?,
        parts: item(spec, "parts")?.extract()?,
        folded: item(spec, "folded")?.extract()?,
        plain: item(spec, "plain")?.extract()?,
        named: item(spec, "named")?.extract()?,
        ranges: item(spec, "ranges")?.extract()?,
        needles: shipped_needles(spec)?,
    };
    Pattern::new(spec, table).map_err(|e| value_error(e.0))
}

/// A pattern's shipped needles, a list (each part's: a list of bytes, or None) under `needles`; None when
/// the glue has none for it.
fn shipped_needles(spec: &Bound<'_, PyDict>) -> PyResult<Option<Vec<Option<Vec<Vec<u8>>>>>> {
    let Some(parts) = spec.get_item("needles")? else {
        return Ok(None);
    };
    if parts.is_none() {
        return Ok(None);
    }
    let parts: Vec<Option<Vec<Bound<'_, PyBytes>>>> = parts.extract()?;
    Ok(Some(
        parts
            .into_iter()
            .map(|list| list.map(|l| l.iter().map(|s| s.as_bytes().to_vec()).collect()))
            .collect(),
    ))
}

/// One verdict of the glue's table: (signal code, reason code).
fn verdict(verdicts: &Bound<'_, PyDict>, name: &str) -> PyResult<Verdict> {
    let (signal, reason): (Signal, u16) = item(verdicts, name)?.extract()?;
    Ok(Verdict {
        signal,
        reason: Reason::Fixed(reason),
    })
}

fn shape_rules(
    table: &Table,
    spec: &Bound<'_, PyDict>,
    verdicts: &Bound<'_, PyDict>,
) -> PyResult<ShapeRules> {
    let patterns = item(spec, "patterns")?;
    let patterns = patterns.cast::<PyDict>()?;
    let p = |name: &str| -> PyResult<Pattern> { pattern(table, &item(patterns, name)?) };
    let credit = item(patterns, "credit")?
        .try_iter()?
        .map(|spec| pattern(table, &spec?))
        .collect::<PyResult<Vec<_>>>()?;
    let v = |name: &str| verdict(verdicts, name);
    let mut patterns = ShapePatterns {
        separator_only: p("separator_only")?,
        dangling: p("dangling")?,
        leading_link: p("leading_link")?,
        pipes: p("pipes")?,
        credit,
        comment_author: p("comment_author")?,
        comments_header: p("comments_header")?,
        count_suffix: p("count_suffix")?,
        timestamp_like: p("timestamp_like")?,
        iso_timestamp: p("iso_timestamp")?,
        published_updated: p("published_updated")?,
        post_footer: p("post_footer")?,
        gallery_caption: p("gallery_caption")?,
        url_only: p("url_only")?,
        number_only: p("number_only")?,
        byline_like: p("byline_like")?,
        teaser: p("teaser")?,
        comment_stamp: p("comment_stamp")?,
        author_heading: p("author_heading")?,
        about_name: p("about_name")?,
        about_org: p("about_org")?,
        author_link: p("author_link")?,
        name_line: p("name_line")?,
        gallery_counter: p("gallery_counter")?,
        gallery_heading: p("gallery_heading")?,
    };
    Ok(ShapeRules {
        needles: patterns.index(),
        patterns,
        verdicts: ShapeVerdicts {
            separator: v("separator")?,
            link_row_edge: v("link_row_edge")?,
            link_row_items: v("link_row_items")?,
            credit: v("credit")?,
            comment_header: v("comment_header")?,
            counter: v("counter")?,
            dateline: v("dateline")?,
            post_footer: v("post_footer")?,
            gallery: v("gallery")?,
            url: v("url")?,
            number: v("number")?,
            repeated: v("repeated")?,
            navigation_bar: v("navigation_bar")?,
            headline_run: v("headline_run")?,
            caption_echo: v("caption_echo")?,
            headline_list: v("headline_list")?,
            teaser_list: v("teaser_list")?,
            related_box: v("related_box")?,
            menu: v("menu")?,
            comment_thread: v("comment_thread")?,
            author_box: v("author_box")?,
            name_bio: v("name_bio")?,
            about_box: v("about_box")?,
            teaser_section: v("teaser_section")?,
            gallery_items: v("gallery_items")?,
            testimonials: v("testimonials")?,
        },
        menu_run: item(spec, "menu_run")?.extract()?,
        menu_words: item(spec, "menu_words")?.extract()?,
        post_footer_words: item(spec, "post_footer_words")?.extract()?,
        teaser_run: item(spec, "teaser_run")?.extract()?,
        teaser_gap: item(spec, "teaser_gap")?.extract()?,
        related: item(spec, "related")?.extract()?,
        repeated: item(spec, "repeated")?.extract()?,
        thread_run: item(spec, "thread_run")?.extract()?,
        thread_gap: item(spec, "thread_gap")?.extract()?,
        stamp_words: item(spec, "stamp_words")?.extract()?,
        stamp_chars: item(spec, "stamp_chars")?.extract()?,
        thread_heading_gap: item(spec, "thread_heading_gap")?.extract()?,
        thread_article_words: item(spec, "thread_article_words")?.extract()?,
        thread_buttons: item(spec, "thread_buttons")?.extract()?,
        button_edges: item(spec, "button_edges")?
            .extract::<String>()?
            .chars()
            .collect(),
        author_box_lines: item(spec, "author_box_lines")?.extract()?,
        author_link_words: item(spec, "author_link_words")?.extract()?,
        teaser_section_items: item(spec, "teaser_section_items")?.extract()?,
        teaser_head_lines: item(spec, "teaser_head_lines")?.extract()?,
        teaser_head_units: item(spec, "teaser_head_units")?.extract()?,
        teaser_summary_units: item(spec, "teaser_summary_units")?.extract()?,
        teaser_summary_sentences: item(spec, "teaser_summary_sentences")?.extract()?,
        name_prefixes: item(spec, "name_prefixes")?.extract()?,
        bio_verbs: item(spec, "bio_verbs")?.extract()?,
        comments: item(spec, "comments")?.extract()?,
        gallery_items: item(spec, "gallery_items")?.extract()?,
        gallery_caption_lines: item(spec, "gallery_caption_lines")?.extract()?,
        gallery_caption_units: item(spec, "gallery_caption_units")?.extract()?,
        gallery_heading_words: item(spec, "gallery_heading_words")?.extract()?,
        gallery_heading_lines: item(spec, "gallery_heading_lines")?.extract()?,
        gallery_caption_growth: item(spec, "gallery_caption_growth")?.extract()?,
        gallery_credits: item(spec, "gallery_credits")?.extract()?,
        testimonial_items: item(spec, "testimonial_items")?.extract()?,
        testimonial_quote_lines: item(spec, "testimonial_quote_lines")?.extract()?,
        testimonial_quote_words: item(spec, "testimonial_quote_words")?.extract()?,
        testimonial_dots: item(spec, "testimonial_dots")?.extract()?,
        testimonial_marked: item(spec, "testimonial_marked")?.extract()?,
        testimonial_article_units: item(spec, "testimonial_article_units")?.extract()?,
        person_name_words: item(spec, "person_name_words")?.extract()?,
        person_name_chars: item(spec, "person_name_chars")?.extract()?,
        handle_chars: item(spec, "handle_chars")?.extract()?,
        name_marks: item(spec, "name_marks")?
            .extract::<String>()?
            .chars()
            .collect(),
    })
}

fn language_rules(table: &Table, spec: &Bound<'_, PyDict>) -> PyResult<LanguageRules> {
    let scripts = item(spec, "scripts")?
        .try_iter()?
        .map(|pair| {
            let pair = pair?;
            let pair = pair.cast::<PyTuple>()?;
            Ok((
                pattern(table, &pair.get_item(0)?)?,
                pair.get_item(1)?.extract()?,
            ))
        })
        .collect::<PyResult<Vec<_>>>()?;
    let directory: Option<String> = item(spec, "stoplist_dir")?.extract()?;
    let word = pattern(table, &item(spec, "word")?)?;
    Ok(LanguageRules {
        word_runs: WordRuns::of(&word),
        word,
        cjk: pattern(table, &item(spec, "cjk")?)?,
        scripts,
        sentence_mark: pattern(table, &item(spec, "sentence_mark")?)?,
        prose_text_spaces: item(spec, "prose_text_spaces")?.extract()?,
        english: item(spec, "english")?.extract()?,
        english_fast_ratio: item(spec, "english_fast_ratio")?.extract()?,
        sample_tokens: item(spec, "sample_tokens")?.extract()?,
        min_prose_tokens: item(spec, "min_prose_tokens")?.extract()?,
        stoplist_dir: directory.map(Into::into),
    })
}

// --- the columns' expressions ---------------------------------------------------------------------------------

fn func(name: &str) -> PyResult<Func> {
    Ok(match name {
        "log1p" => Func::Log1p,
        "min" => Func::Min,
        "max" => Func::Max,
        "float" => Func::Float,
        _ => return Err(value_error(format!("no function {name}"))),
    })
}

fn array(name: &str) -> PyResult<Array> {
    Array::named(name).ok_or_else(|| value_error(format!("no array {name}")))
}

/// An expression from the glue's nested tuples (`rules.expression`).
fn expr(node: &Bound<'_, PyAny>, slots: usize) -> PyResult<Expr> {
    let node = node.cast::<PyTuple>()?;
    let kind: String = node.get_item(0)?.extract()?;
    let at = |k: usize| node.get_item(k);
    let sub = |k: usize| -> PyResult<Box<Expr>> { Ok(Box::new(expr(&at(k)?, slots)?)) };
    let list = |k: usize| -> PyResult<Vec<Expr>> {
        at(k)?.try_iter()?.map(|e| expr(&e?, slots)).collect()
    };
    let optional = |k: usize| -> PyResult<Option<Box<Expr>>> {
        let value = at(k)?;
        if value.is_none() {
            Ok(None)
        } else {
            Ok(Some(Box::new(expr(&value, slots)?)))
        }
    };
    Ok(match kind.as_str() {
        "const" => Expr::Const(at(1)?.extract()?),
        "var" => {
            let slot: usize = at(1)?.extract()?;
            if slot >= slots {
                return Err(value_error("a slot out of range"));
            }
            Expr::Var(slot)
        }
        "index" => Expr::Index(array(&at(1)?.extract::<String>()?)?, sub(2)?),
        "slice" => Expr::Slice(
            func(&at(1)?.extract::<String>()?)?,
            array(&at(2)?.extract::<String>()?)?,
            optional(3)?,
            optional(4)?,
        ),
        "bin" => {
            let op = match at(1)?.extract::<String>()?.as_str() {
                "+" => Bin::Add,
                "-" => Bin::Sub,
                "*" => Bin::Mul,
                "/" => Bin::Div,
                other => return Err(value_error(format!("no operator {other}"))),
            };
            Expr::Bin(op, sub(2)?, sub(3)?)
        }
        "not" => Expr::Not(sub(1)?),
        "neg" => Expr::Neg(sub(1)?),
        "cmp" => {
            let rest = at(2)?
                .try_iter()?
                .map(|pair| {
                    let pair = pair?;
                    let pair = pair.cast::<PyTuple>()?;
                    let op = match pair.get_item(0)?.extract::<String>()?.as_str() {
                        "<" => Cmp::Lt,
                        "<=" => Cmp::Le,
                        ">" => Cmp::Gt,
                        ">=" => Cmp::Ge,
                        "==" => Cmp::Eq,
                        "!=" => Cmp::Ne,
                        "is" => Cmp::Is,
                        "is not" => Cmp::IsNot,
                        other => return Err(value_error(format!("no comparison {other}"))),
                    };
                    Ok((op, expr(&pair.get_item(1)?, slots)?))
                })
                .collect::<PyResult<Vec<_>>>()?;
            Expr::Compare(sub(1)?, rest)
        }
        "and" => Expr::And(list(1)?),
        "or" => Expr::Or(list(1)?),
        "if" => Expr::If(sub(1)?, sub(2)?, sub(3)?),
        "call" => Expr::Call(func(&at(1)?.extract::<String>()?)?, list(2)?),
        other => return Err(value_error(format!("no expression kind {other}"))),
    })
}

/// A set of signal codes from the rule spec's list `key`, as a table by code (codes 0 to `signals`); a code out
/// of range is the error `what`. (One reading for every signal set the context rules take.)
fn signal_set(
    spec: &Bound<'_, PyDict>,
    key: &str,
    signals: usize,
    what: &str,
) -> PyResult<Vec<bool>> {
    let mut set = vec![false; signals + 1];
    for code in item(spec, key)?.extract::<Vec<usize>>()? {
        if code > signals {
            return Err(value_error(what));
        }
        set[code] = true;
    }
    Ok(set)
}

fn column_rules(table: &Table, spec: &Bound<'_, PyDict>, signals: usize) -> PyResult<ColumnRules> {
    let slots: usize = item(spec, "slots")?.extract()?;
    let pairs = |name: &str| -> PyResult<Vec<(Expr, usize)>> {
        item(spec, name)?
            .try_iter()?
            .map(|pair| {
                let pair = pair?;
                let pair = pair.cast::<PyTuple>()?;
                let slot: usize = pair.get_item(1)?.extract()?;
                if slot >= slots {
                    return Err(value_error("a slot out of range"));
                }
                Ok((expr(&pair.get_item(0)?, slots)?, slot))
            })
            .collect()
    };
    let own = pairs("own")?
        .into_iter()
        .map(|(e, s)| (e, Some(s)))
        .collect();
    let terms = pairs("terms")?;
    let around = item(spec, "around")?
        .try_iter()?
        .map(|column| {
            let column = column?;
            let column = column.cast::<PyTuple>()?;
            let kind: String = column.get_item(0)?.extract()?;
            if kind == "signal" {
                Ok(columns::Column::Signal(column.get_item(1)?.extract()?))
            } else {
                let slot: usize = column.get_item(2)?.extract()?;
                if slot >= slots {
                    return Err(value_error("a slot out of range"));
                }
                Ok(columns::Column::Computed(
                    expr(&column.get_item(1)?, slots)?,
                    Some(slot),
                ))
            }
        })
        .collect::<PyResult<Vec<_>>>()?;
    let end_marker = signal_set(spec, "end_markers", signals, "an end marker out of range")?;
    let interruption = signal_set(
        spec,
        "interruptions",
        signals,
        "an interruption out of range",
    )?;
    let read_over = signal_set(
        spec,
        "read_over",
        signals,
        "a read-over signal out of range",
    )?;
    let final_signal = signal_set(
        spec,
        "final_signals",
        signals,
        "a final signal out of range",
    )?;
    let box_signal = signal_set(spec, "box_signals", signals, "a box signal out of range")?;
    let box_related: usize = item(spec, "box_related")?.extract()?;
    if box_related > signals {
        return Err(value_error("the related box's signal out of range"));
    }
    let shape_signal = signal_set(
        spec,
        "island_shape_signals",
        signals,
        "a shape signal out of range",
    )?;
    if slots < columns::BASE_NAMES.len() {
        return Err(value_error("fewer slots than the base names"));
    }
    Ok(ColumnRules {
        table: columns::Table::new(own, terms, around, slots),
        prose_units: item(spec, "prose_units")?.extract()?,
        near_radius: item(spec, "near_radius")?.extract()?,
        nearby_radius: item(spec, "nearby_radius")?.extract()?,
        part_radius: item(spec, "part_radius")?.extract()?,
        above_main_share: item(spec, "above_main_share")?.extract()?,
        mid_text_run: item(spec, "mid_text_run")?.extract()?,
        mid_text_words: item(spec, "mid_text_words")?.extract()?,
        mid_text_min_words: item(spec, "mid_text_min_words")?.extract()?,
        end_marker,
        interruption,
        read_over,
        final_signal,
        lists: crate::textmodel::ListRules {
            bullets: item(spec, "list_bullets")?
                .extract::<String>()?
                .chars()
                .collect(),
            run: item(spec, "list_run")?.extract()?,
            item_units: item(spec, "list_item_units")?.extract()?,
            marker_chars: item(spec, "list_marker_chars")?.extract()?,
            title_cased: item(spec, "list_title_cased")?.extract()?,
            text_marks: item(spec, "list_text_marks")?
                .extract::<String>()?
                .chars()
                .collect(),
        },
        titles: crate::textmodel::TitleRules {
            run: item(spec, "title_run")?.extract()?,
            words: item(spec, "title_words")?.extract()?,
            max_words: item(spec, "title_max_words")?.extract()?,
            case: item(spec, "title_case")?.extract()?,
            verdict: verdict(spec, "tail_titles")?,
        },
        islands: crate::textmodel::IslandRules {
            gap: item(spec, "island_gap")?.extract()?,
            share: item(spec, "island_share")?.extract()?,
            reason: Reason::Fixed(item(spec, "tail_islands")?.extract()?),
            end_matter_reason: Reason::Fixed(item(spec, "tail_end_matter")?.extract()?),
            shape_signal,
            end_matter: pattern(table, &item(spec, "island_end_matter")?)?,
        },
        teasers: crate::textmodel::TeaserRules {
            run: item(spec, "teaser_run")?.extract()?,
            words: item(spec, "teaser_words")?.extract()?,
            gap: item(spec, "teaser_gap")?.extract()?,
            share: item(spec, "teaser_share")?.extract()?,
            verdict: verdict(spec, "tail_teasers")?,
        },
        boxes: crate::textmodel::BoxRules {
            signal: box_signal,
            related: box_related as Signal,
            share: item(spec, "box_share")?.extract()?,
            paragraphs: item(spec, "box_paragraphs")?.extract()?,
            paragraph_words: item(spec, "box_paragraph_words")?.extract()?,
            reason: Reason::Fixed(item(spec, "tail_box")?.extract()?),
        },
        heading_words: item(spec, "heading_words")?.extract()?,
        heading_run: item(spec, "heading_run")?.extract()?,
    })
}

/// The base names of the columns' variables, in slot order (the glue numbers the rest after them).
#[pyfunction]
pub fn column_base_names() -> Vec<&'static str> {
    columns::BASE_NAMES.to_vec()
}

// --- the model ------------------------------------------------------------------------------------------------

/// A text model's numbers (`TextModel`), for [`TextPath::run`].
#[pyclass(frozen, module = "cleaner._native")]
pub struct Model {
    model: textmodel::Model,
}

#[pymethods]
impl Model {
    #[new]
    fn new(numbers: &Bound<'_, PyDict>) -> PyResult<Self> {
        guarded(|| {
            let rows: Vec<Vec<f64>> = item(numbers, "log_transitions")?.extract()?;
            if rows.len() != 4 || rows.iter().any(|r| r.len() != 4) {
                return Err(value_error("log_transitions: 4 x 4"));
            }
            let mut log_transitions = [[0.0; 4]; 4];
            for (a, row) in rows.iter().enumerate() {
                log_transitions[a].copy_from_slice(row);
            }
            let start: Vec<f64> = item(numbers, "log_start")?.extract()?;
            let log_start: [f64; 4] = start
                .try_into()
                .map_err(|_| value_error("log_start: 4 numbers"))?;
            Ok(Model {
                model: textmodel::Model {
                    weights: item(numbers, "weights")?.extract()?,
                    threshold: item(numbers, "threshold")?.extract()?,
                    log_transitions,
                    prior_body: item(numbers, "prior_body")?.extract()?,
                    log_start,
                    compensated_sum: item(numbers, "compensated_sum")?.extract()?,
                },
            })
        })
    }
}

// --- the path -------------------------------------------------------------------------------------------------

/// The text path's rules, made once per process (or per phrase book).
#[pyclass(frozen, module = "cleaner._native")]
pub struct TextPath {
    table: Arc<Table>,
    rules: Arc<Rules>,
    languages: Languages,
    book: Arc<phrases::PhraseBook>,
    /// Per `category * 3 + how`: the verdict, and whether it is final (`HARD`).
    phrase_verdicts: Vec<(Verdict, bool)>,
    overrule_words: u32,
    shapes: ShapeRules,
    columns: ColumnRules,
    repeats: RepeatRules,
    /// `metadata._MAY_CREDIT` (Python's `match()`): a line under the header that may credit the author
    /// ([`Document::may_credit`]; each document holds it).
    may_credit: Arc<Pattern>,
    /// `metadata.SCREENS` (Python's `match()`), by their place in it: patterns the metadata stage asks of
    /// every line of a range ([`Document::screened`]), most lines matching none.
    screens: Arc<Vec<Pattern>>,
    /// `metadata.MetadataStage._pick_titles`' numbers and signals ([`Document::pick_titles`]).
    title_pick: Arc<PickRules>,
    fold: Py<PyAny>,
    folds: Mutex<FxHashMap<char, String>>,
    stages: [u16; 6],
    id: u64,
}

static PATHS: AtomicU64 = AtomicU64::new(0);

impl TextPath {
    pub(crate) fn new(
        _py: Python<'_>,
        core: &Core,
        spec: &Bound<'_, PyDict>,
    ) -> PyResult<TextPath> {
        let table = core.table.clone();
        let signals: usize = item(spec, "signal_count")?.extract()?;
        if signals >= Signal::MAX as usize {
            return Err(value_error("too many signals"));
        }
        let book = item(spec, "book")?;
        let book = book.cast::<PhraseBook>()?.get().book.clone();
        let verdicts = item(spec, "phrase_verdicts")?
            .try_iter()?
            .map(|v| {
                let (signal, reason, hard): (Signal, u16, bool) = v?.extract()?;
                Ok((
                    Verdict {
                        signal,
                        reason: Reason::Fixed(reason),
                    },
                    hard,
                ))
            })
            .collect::<PyResult<Vec<_>>>()?;
        if verdicts.len() != book.categories() * 3 {
            return Err(value_error("a verdict per category and way of matching"));
        }
        let shape_verdicts = item(spec, "shape_verdicts")?;
        let shapes = shape_rules(
            &table,
            item(spec, "shapes")?.cast::<PyDict>()?,
            shape_verdicts.cast::<PyDict>()?,
        )?;
        let repeats_spec = item(spec, "repeats")?;
        let repeats_spec = repeats_spec.cast::<PyDict>()?;
        let repeat = verdict(shape_verdicts.cast::<PyDict>()?, "repeats")?;
        let contents = verdict(shape_verdicts.cast::<PyDict>()?, "contents")?;
        let repeats = RepeatRules {
            min_units: item(repeats_spec, "min_units")?.extract()?,
            shingle_share: item(repeats_spec, "shingle_share")?.extract()?,
            window_lines: item(repeats_spec, "window_lines")?.extract()?,
            window_shingles: item(repeats_spec, "window_shingles")?.extract()?,
            shingle_chars: item(repeats_spec, "shingle_chars")?.extract()?,
            reason: repeat.reason,
            signal: repeat.signal,
            contents_min_entries: item(repeats_spec, "contents_min_entries")?.extract()?,
            contents_entry_words: item(repeats_spec, "contents_entry_words")?.extract()?,
            contents_entry_gap: item(repeats_spec, "contents_entry_gap")?.extract()?,
            contents_label_words: item(repeats_spec, "contents_label_words")?.extract()?,
            contents_reason: contents.reason,
            contents_signal: contents.signal,
        };
        let stages: Vec<u16> = item(spec, "stages")?.extract()?;
        let metadata = item(spec, "metadata")?;
        let may_credit = Arc::new(pattern(
            &table,
            &item(metadata.cast::<PyDict>()?, "may_credit")?,
        )?);
        let screens = Arc::new(
            item(metadata.cast::<PyDict>()?, "screens")?
                .try_iter()?
                .map(|spec| pattern(&table, &spec?))
                .collect::<PyResult<Vec<Pattern>>>()?,
        );
        let title_pick = Arc::new(pick_rules(
            item(metadata.cast::<PyDict>()?, "title_pick")?.cast::<PyDict>()?,
        )?);
        Ok(TextPath {
            rules: core.rules.clone(),
            languages: Languages::new(language_rules(
                &table,
                item(spec, "language")?.cast::<PyDict>()?,
            )?),
            book,
            phrase_verdicts: verdicts,
            overrule_words: item(spec, "overrule_words")?.extract()?,
            shapes,
            columns: column_rules(&table, item(spec, "columns")?.cast::<PyDict>()?, signals)?,
            repeats,
            may_credit,
            screens,
            title_pick,
            fold: item(repeats_spec, "fold")?.unbind(),
            folds: Mutex::new(FxHashMap::default()),
            stages: stages
                .try_into()
                .map_err(|_| value_error("six stage numbers"))?,
            table,
            id: PATHS.fetch_add(1, Ordering::Relaxed),
        })
    }

    /// Stage `features`: the language (unless given), then each distinct line's measures.
    fn features(
        &self,
        doc: &mut Doc,
        text: &str,
        language: Option<(Option<String>, bool)>,
    ) -> PyResult<()> {
        let texts: Vec<&str> = (0..doc.len()).map(|i| doc.text(text, i)).collect();
        let (language, char_mode) = match language {
            Some(given) => given,
            None => {
                let chars: Vec<u32> = doc.row.iter().map(|&r| doc.chars[r as usize]).collect();
                self.languages
                    .detect(&self.table, &texts, &chars)
                    .map_err(|e| value_error(e.0))?
            }
        };
        let stoplist = self
            .languages
            .stopwords(&self.table, language.as_deref())
            .map_err(|e| value_error(e.0))?;
        let measurer = Measurer {
            table: &self.table,
            rules: &self.rules,
            stoplist: if stoplist.is_empty() {
                None
            } else {
                Some(&stoplist)
            },
            char_mode,
        };
        doc.m = measurer.measure(doc.rows.iter().map(|&line| doc.text(text, line as usize)));
        doc.has_stoplist = language.is_some() && !char_mode && !stoplist.is_empty();
        doc.language = language;
        doc.char_mode = char_mode;
        Ok(())
    }

    /// Stage `phrases` (`PhrasesStage`): each distinct line classified once.
    fn phrases(&self, doc: &mut Doc, text: &str) -> PyResult<()> {
        const UNSEEN: u16 = u16::MAX;
        let mut found = vec![UNSEEN; doc.rows.len()];
        let mut scratch = Scratch::default();
        doc.folded = FoldedRows::new(doc.rows.len(), text.len());
        for i in 0..doc.len() {
            let r = doc.r(i);
            let over_markup = doc.authority[i] >= MARKUP;
            if over_markup && (doc.m.words[r] > self.overrule_words || !doc.markup_body(i)) {
                continue;
            }
            if found[r] == UNSEEN {
                let (category, how) = self
                    .book
                    .classify_one(
                        &self.table,
                        doc.text(text, i),
                        doc.m.words[r],
                        doc.m.ends_sentence[r] != 0,
                        &mut scratch,
                    )
                    .map_err(|e| value_error(e.0))?;
                found[r] = if category == crate::phrases::NONE {
                    UNSEEN - 1
                } else {
                    category as u16 * 3 + how as u16
                };
                doc.folded.set(r, &scratch.mapped);
            }
            if found[r] >= UNSEEN - 1 {
                continue;
            }
            let (v, hard) = self.phrase_verdicts[found[r] as usize];
            if over_markup && !hard {
                continue;
            }
            doc.condemn(i, v.reason, v.signal, if hard { HARD } else { SOFT });
        }
        Ok(())
    }

    /// `str.casefold` of `c` onto the end of `out`: asked of Python once per character, then cached
    /// (appended from the cache, no string made per character).
    fn fold_char(&self, py: Python<'_>, c: char, out: &mut String) -> Result<(), String> {
        if let Some(folded) = self.folds.lock().unwrap().get(&c) {
            out.push_str(folded);
            return Ok(());
        }
        let folded: String = self
            .fold
            .call1(py, (c.to_string(),))
            .and_then(|f| f.extract(py))
            .map_err(|e| e.to_string())?;
        out.push_str(&folded);
        self.folds.lock().unwrap().insert(c, folded);
        Ok(())
    }
}

#[pymethods]
impl TextPath {
    /// Clean one dump (a text, or one window of a pasted site): the stages from `features` to `repeats`.
    /// `language`: the language and char mode when known (a later window takes the first's).
    #[pyo3(signature = (text, model, first=1, large=false, language=None))]
    fn run(
        &self,
        py: Python<'_>,
        text: Bound<'_, PyString>,
        model: &Bound<'_, Model>,
        first: u32,
        large: bool,
        language: Option<(Option<String>, bool)>,
    ) -> PyResult<Document> {
        // An ASCII str is its own UTF-8: read in place, not copied (a copy was one more byte a byte of the
        // dump while it is cleaned). Any other str is copied: asking Python for its UTF-8 would leave
        // that form cached on the caller's str for as long as the caller keeps it.
        let source = if held_ascii(&text)? {
            Source::Ascii(text.clone().unbind())
        } else {
            Source::Copied(text.extract()?)
        };
        guarded(|| {
            let text: &str = source.as_str(py)?;
            if text.len() >= u32::MAX as usize {
                return Err(value_error("a dump of 4 GB or more"));
            }
            let mut doc = Doc::split(&self.table, text, first);
            doc.large = large || doc.len() > 20_000;
            doc.stage_now = self.stages[0];
            self.features(&mut doc, text, language)?;
            doc.stage_now = self.stages[1];
            self.phrases(&mut doc, text)?;
            doc.stage_now = self.stages[2];
            self.shapes.run(&self.table, &mut doc, text);
            doc.folded = FoldedRows::default();
            let model = &model.get().model;
            if model.weights.len() != self.columns.table.width() {
                return Err(value_error("the model's weights are not one per column"));
            }
            doc.stage_now = self.stages[3];
            textmodel::scoring(&self.columns, model, &self.table, &mut doc, text);
            doc.stage_now = self.stages[4];
            textmodel::context(&self.columns, model, &self.table, &mut doc, text);
            doc.stage_now = self.stages[5];
            // (each character's fold kept for this dump too: the shared cache is behind a lock)
            let mut folded: FxHashMap<char, String> = FxHashMap::default();
            let mut fold = |c: char, out: &mut String| {
                if let Some(known) = folded.get(&c) {
                    out.push_str(known);
                    return Ok(());
                }
                let mut one = String::new();
                self.fold_char(py, c, &mut one)?;
                out.push_str(&one);
                folded.insert(c, one);
                Ok(())
            };
            self.repeats
                .run(&self.table, &mut doc, text, &mut fold)
                .map_err(value_error)?;
            doc.stage_now = 0;
            if doc.large {
                doc.scored = None;
            }
            Ok(Document {
                doc,
                text: source,
                path_id: self.id,
                prose_units: self.columns.prose_units,
                table: self.table.clone(),
                may_credit: self.may_credit.clone(),
                screens: self.screens.clone(),
                title_pick: self.title_pick.clone(),
            })
        })
    }

    /// `language.detect` on lines the Python stages will measure (an HTML page's, a profiled dump's): the
    /// same answer, with the core's stoplist index, which is built in a few milliseconds where the
    /// reference's index of every stoplist costs ~250 ms on the first page not in English.
    fn detect_language(&self, texts: Vec<String>) -> PyResult<(Option<String>, bool)> {
        guarded(|| {
            let chars: Vec<u32> = texts
                .iter()
                .map(|t| u32::try_from(t.chars().count()).unwrap_or(u32::MAX))
                .collect();
            let texts: Vec<&str> = texts.iter().map(String::as_str).collect();
            self.languages
                .detect(&self.table, &texts, &chars)
                .map_err(|e| value_error(e.0))
        })
    }
}

/// A document's lines as the path left them; the glue reads their decisions as byte columns.
#[pyclass(module = "cleaner._native")]
pub struct Document {
    doc: Doc,
    /// The dump's text (the lines are spans of its UTF-8: [`Document::source`]).
    text: Source,
    /// The path it came from (its vectors are made again with that path's columns).
    path_id: u64,
    prose_units: u32,
    /// The characters' table of the path (`str.lower()` of a line, as Python does it).
    table: Arc<Table>,
    /// The path's `metadata._MAY_CREDIT` ([`Document::may_credit`]).
    may_credit: Arc<Pattern>,
    /// The path's `metadata.SCREENS` ([`Document::screened`]).
    screens: Arc<Vec<Pattern>>,
    /// The path's title pick's rules ([`Document::pick_titles`]).
    title_pick: Arc<PickRules>,
}

/// Reason codes in the `reasons` column: a fixed reason's number, or these.
const REASON_EMPTY: u32 = u32::MAX;
const REASON_MODEL: u32 = 1 << 31;

fn reason_code(reason: Reason) -> u32 {
    match reason {
        Reason::Empty => REASON_EMPTY,
        Reason::Fixed(k) => k as u32,
        Reason::Model {
            body,
            despite,
            bridged,
            listed,
            headed,
        } => {
            REASON_MODEL
                | (headed as u32) << 11
                | (listed as u32) << 10
                | (bridged as u32) << 9
                | (body as u32) << 8
                | despite as u32
        }
        Reason::Python(k) => REASON_MODEL >> 1 | k,
    }
}

impl Document {
    /// The dump's text as UTF-8, which the lines' spans index (the str's own buffer when it is ASCII).
    fn source<'a>(&'a self, py: Python<'a>) -> PyResult<&'a str> {
        self.text.as_str(py)
    }

    /// For each of the path's screens `which` (of `metadata.SCREENS`), the lines of `lines` it matches (Python's
    /// `match()` of the line's text), in the order given: the one walk behind `screened` and `screened_at`. A
    /// line is folded once for all the screens asked, into one buffer.
    fn screen_lines(
        &self,
        py: Python<'_>,
        which: &[usize],
        lines: impl Iterator<Item = usize>,
    ) -> PyResult<Vec<Vec<usize>>> {
        let screens = which
            .iter()
            .map(|&k| {
                self.screens
                    .get(k)
                    .ok_or_else(|| PyIndexError::new_err("no such screen"))
            })
            .collect::<PyResult<Vec<&Pattern>>>()?;
        let source = self.source(py)?;
        let folds = screens.iter().any(|p| p.form() == Form::Folded);
        guarded(|| {
            let mut found = vec![Vec::new(); screens.len()];
            let mut folded = String::new();
            for i in lines {
                let text = self.doc.text(source, i);
                if folds && rejected_on_opening(&self.table, &screens, text, &mut folded) {
                    continue;
                }
                let forms = if folds {
                    fold_line_into(&self.table, text, &mut folded);
                    Forms::with_folded(&self.table, text, &folded)
                } else {
                    Forms::new(&self.table, text)
                };
                for (k, screen) in screens.iter().enumerate() {
                    if screen.is_match(&forms) {
                        found[k].push(i);
                    }
                }
            }
            Ok(found)
        })
    }

    /// The index of each line of `start..stop` (`stop` at most the document's length) whose text `keep`
    /// accepts, in order: the one walk behind the screens `containing` and `starting_with`.
    fn lines_where(
        &self,
        py: Python<'_>,
        start: usize,
        stop: usize,
        keep: impl Fn(&str) -> bool,
    ) -> PyResult<Vec<usize>> {
        let source = self.source(py)?;
        let stop = stop.min(self.doc.len());
        Ok((start.min(stop)..stop)
            .filter(|&i| keep(self.doc.text(source, i)))
            .collect())
    }
}

/// A dump's text: the caller's str when it is ASCII (its buffer is UTF-8), else a copy as UTF-8.
enum Source {
    Ascii(Py<PyString>),
    Copied(String),
}

impl Source {
    fn as_str<'a>(&'a self, py: Python<'a>) -> PyResult<&'a str> {
        match self {
            Source::Ascii(text) => text.bind(py).to_str(),
            Source::Copied(text) => Ok(text),
        }
    }
}

/// `str.isascii()` (one flag Python keeps: no scan).
fn held_ascii(text: &Bound<'_, PyString>) -> PyResult<bool> {
    text.call_method0("isascii")?.extract()
}

#[pymethods]
impl Document {
    fn __len__(&self) -> usize {
        self.doc.len()
    }

    #[getter]
    fn language(&self) -> Option<String> {
        self.doc.language.clone()
    }

    #[getter]
    fn char_mode(&self) -> bool {
        self.doc.char_mode
    }

    /// `metadata._header_end`: the first body line that holds a sentence of prose (`lexicon.holds_sentence`:
    /// `PROSE_UNITS` units or more and a sentence), else the first body line, else None.
    #[getter]
    fn first_prose(&self) -> Option<usize> {
        let d = &self.doc;
        let mut fallback = None;
        for i in 0..d.len() {
            if d.label[i] != BODY {
                continue;
            }
            fallback = fallback.or(Some(i));
            let r = d.r(i);
            if d.m.units[r] >= self.prose_units && d.m.sentences[r] >= 1 {
                return Some(i);
            }
        }
        fallback
    }

    /// A per-line column as bytes: `label`, `authority`, `stage`, `signal` (u8), `number`, `reason` (u32),
    /// `score` (f64).
    fn column<'py>(&self, py: Python<'py>, name: &str) -> PyResult<Bound<'py, PyBytes>> {
        let d = &self.doc;
        Ok(match name {
            "label" => PyBytes::new(py, &d.label),
            "authority" => PyBytes::new(py, &d.authority),
            "signal" => PyBytes::new(py, &d.signal),
            "blank_before" => {
                let flags: Vec<u8> = d.blank_before.iter().map(|&b| b as u8).collect();
                PyBytes::new(py, &flags)
            }
            "stage" => {
                let stages: Vec<u8> = d.stage.iter().map(|&s| s as u8).collect();
                PyBytes::new(py, &stages)
            }
            "number" => PyBytes::new(py, &ne_bytes(&d.numbers, u32::to_ne_bytes)),
            "reason" => {
                let codes: Vec<u32> = d.reason.iter().map(|&r| reason_code(r)).collect();
                PyBytes::new(py, &ne_bytes(&codes, u32::to_ne_bytes))
            }
            "score" => PyBytes::new(py, &ne_bytes(&d.score, f64::to_ne_bytes)),
            _ => return Err(value_error(format!("no column {name:?}"))),
        })
    }

    /// Line `i`'s text.
    fn text<'py>(&self, py: Python<'py>, i: usize) -> PyResult<Bound<'py, PyString>> {
        if i >= self.doc.len() {
            return Err(PyIndexError::new_err("no such line"));
        }
        Ok(PyString::new(py, self.doc.text(self.source(py)?, i)))
    }

    /// The lines' texts in order, the first `stop` of them (all without it), from line `start` on: the
    /// metadata stage compares the header's lines without a Line object for each, and reads none far under
    /// the header; where it reads further, it asks for the lines past those it has (`start`), not all again.
    #[pyo3(signature = (stop=None, start=0))]
    fn texts<'py>(
        &self,
        py: Python<'py>,
        stop: Option<usize>,
        start: usize,
    ) -> PyResult<Bound<'py, PyList>> {
        let stop = stop.map_or(self.doc.len(), |stop| stop.min(self.doc.len()));
        let source = self.source(py)?;
        PyList::new(
            py,
            (start.min(stop)..stop).map(|i| self.doc.text(source, i)),
        )
    }

    /// The texts of the lines whose label is `label`, in order (the article's paragraphs, for BODY).
    /// `made`: the first lines' texts as Python already holds them (`texts`), given back as they are
    /// rather than copied again.
    #[pyo3(signature = (label, labels, made=None))]
    fn texts_labelled<'py>(
        &self,
        py: Python<'py>,
        label: u8,
        labels: &[u8],
        made: Option<&Bound<'py, PyList>>,
    ) -> PyResult<Bound<'py, PyList>> {
        if labels.len() != self.doc.len() {
            return Err(value_error("a label per line"));
        }
        let source = self.source(py)?;
        let known = made.map_or(0, |m| m.len().min(self.doc.len()));
        let texts = PyList::empty(py);
        for i in (0..self.doc.len()).filter(|&i| labels[i] == label) {
            match made {
                Some(m) if i < known => texts.append(m.get_item(i)?)?,
                _ => texts.append(self.doc.text(source, i))?,
            }
        }
        Ok(texts)
    }

    /// `metadata._repeating` on lines `start..stop` (`stop` at most the document's length): the index of each
    /// line that, lower-cased as Python's `str.lower()` does (the path's table), repeats one of `parts`
    /// ([`titles::repeating`]). The lines are read where the core holds them: Python makes no lower-case
    /// copy of each to hand over.
    fn repeating_titles(
        &self,
        py: Python<'_>,
        parts: Vec<String>,
        start: usize,
        stop: usize,
        threshold: f64,
    ) -> PyResult<Vec<usize>> {
        let source = self.source(py)?;
        guarded(|| {
            let stop = stop.min(self.doc.len());
            let table = &self.table;
            let start = start.min(stop);
            let found = titles::repeating_lowered(
                &parts.iter().map(String::as_str).collect::<Vec<&str>>(),
                (start..stop).map(|i| self.doc.text(source, i)),
                |line, out| table.lower_str_into(line, 0, line.len(), out),
                threshold,
            );
            Ok(found.into_iter().map(|k| start + k).collect())
        })
    }

    /// `metadata.MetadataStage._pick_titles` ([`titlepick::pick_titles`]): the headline picked in the window
    /// `start..first` and the anchored one, with `meta_lines` the header's bylines and datelines and `labels`
    /// the URL's host's labels that may spell the site's name (`metadata._naming_labels`). The lines are read
    /// as the core left them (the glue asks only where no line above `first` was changed since); None where
    /// they are not measured (the reference picks then).
    #[allow(clippy::type_complexity)]
    fn pick_titles(
        &self,
        py: Python<'_>,
        start: usize,
        first: usize,
        meta_lines: Vec<usize>,
        labels: Vec<String>,
    ) -> PyResult<Option<(Option<usize>, Option<usize>)>> {
        let source = self.source(py)?;
        if meta_lines.iter().any(|&i| i >= self.doc.len()) || start > first {
            return Err(PyIndexError::new_err("no such line"));
        }
        guarded(|| {
            Ok(titlepick::pick_titles(
                &self.title_pick,
                &self.table,
                &self.doc,
                source,
                start,
                first,
                &meta_lines,
                &labels,
            ))
        })
    }

    /// `metadata._may_credit`: the index of each line from `start` on that the path's `may_credit` pattern
    /// matches (Python's `match()` of the line's text): a scan of every line under the header, which the
    /// metadata stage makes without a call (and a copy of the text) for each line.
    fn may_credit(&self, py: Python<'_>, start: usize) -> PyResult<Vec<usize>> {
        let source = self.source(py)?;
        let folds = self.may_credit.form() == Form::Folded;
        let mut folded = String::new();
        guarded(|| {
            Ok((start.min(self.doc.len())..self.doc.len())
                .filter(|&i| {
                    let text = self.doc.text(source, i);
                    if folds
                        && rejected_on_opening(&self.table, &[&self.may_credit], text, &mut folded)
                    {
                        return false;
                    }
                    let forms = if folds {
                        // (each line folded into one buffer, not a string allocated a line)
                        fold_line_into(&self.table, text, &mut folded);
                        Forms::with_folded(&self.table, text, &folded)
                    } else {
                        Forms::new(&self.table, text)
                    };
                    self.may_credit.is_match(&forms)
                })
                .collect())
        })
    }

    /// `metadata._screened`: for each of the path's screens `which` (of `metadata.SCREENS`), the index of each line
    /// of `start..stop` (`stop` at most the document's length) that it matches (Python's `match()` of the line's
    /// text), in order. The metadata stage reads a page's lines for a "By …" credit, a "Published" label or a
    /// thread starter's label, most of them none: read where the core holds them, no text copied and no call for
    /// each; a line is folded once for all the screens asked, into one buffer.
    fn screened(
        &self,
        py: Python<'_>,
        which: Vec<usize>,
        start: usize,
        stop: usize,
    ) -> PyResult<Vec<Vec<usize>>> {
        let stop = stop.min(self.doc.len());
        self.screen_lines(py, &which, start.min(stop)..stop)
    }

    /// `metadata._screened_at`: as `screened`, of the lines `at` (indices, in the order given; one past the
    /// document's end is an error) rather than of a range: a page's few dated lines, read for a credit, among
    /// its many lines of prose, which are not folded for it.
    fn screened_at(
        &self,
        py: Python<'_>,
        which: Vec<usize>,
        at: Vec<usize>,
    ) -> PyResult<Vec<Vec<usize>>> {
        if at.iter().any(|&i| i >= self.doc.len()) {
            return Err(PyIndexError::new_err("no such line"));
        }
        self.screen_lines(py, &which, at.into_iter())
    }

    /// The index of each line of `start..stop` (`stop` at most the document's length) whose text holds
    /// `needle` (Python's `needle in text`), in order: a forum post's "#" number, looked for over a page.
    fn containing(
        &self,
        py: Python<'_>,
        needle: &str,
        start: usize,
        stop: usize,
    ) -> PyResult<Vec<usize>> {
        self.lines_where(py, start, stop, |text| text.contains(needle))
    }

    /// The index of each line of `start..stop` (`stop` at most the document's length) whose text opens with
    /// one of `prefixes` (Python's `text.startswith(prefixes)`), in order: the body lines that may open the
    /// author's bio with the byline's name.
    fn starting_with(
        &self,
        py: Python<'_>,
        prefixes: Vec<String>,
        start: usize,
        stop: usize,
    ) -> PyResult<Vec<usize>> {
        self.lines_where(py, start, stop, |text| {
            prefixes.iter().any(|p| text.starts_with(p.as_str()))
        })
    }

    /// `metadata._may_be_dated`: the index of each line of `start..stop` (`stop` at most the document's length)
    /// of at most `max_words` words (its measures' `words`) whose text holds a decimal digit (Python's `re`
    /// `\d`, `str.isdecimal()`: the path's table), in order. The search for a headline with its dateline under
    /// the header's end (or far above its window) asks it of a hundred lines or more, most of them the body's
    /// prose: read where the core holds them, no text copied and no call for each.
    fn digit_lines(
        &self,
        py: Python<'_>,
        start: usize,
        stop: usize,
        max_words: u32,
    ) -> PyResult<Vec<usize>> {
        if self.doc.m.words.is_empty() {
            return Err(PyIndexError::new_err("the lines are not measured"));
        }
        let source = self.source(py)?;
        let table = &self.table;
        let stop = stop.min(self.doc.len());
        guarded(|| {
            Ok((start.min(stop)..stop)
                .filter(|&i| {
                    if self.doc.m.words[self.doc.r(i)] > max_words {
                        return false;
                    }
                    let text = self.doc.text(source, i);
                    text.bytes().any(|b| b.is_ascii_digit())
                        || (!text.is_ascii()
                            && text
                                .chars()
                                .any(|c| !c.is_ascii() && table.props(c).has(DECIMAL)))
                })
                .collect())
        })
    }

    /// Line `i`'s measures, as `Features` names them: ((words, chars, units, stops, sentences),
    /// (stop_ratio, title_ratio, alpha_ratio, digit_ratio), (ends_sentence, ends_colon, upper, inner_dateline)).
    #[allow(clippy::type_complexity)]
    fn measures(
        &self,
        i: usize,
    ) -> PyResult<(
        (u32, u32, u32, u32, u32),
        (f64, f64, f64, f64),
        (bool, bool, bool, bool),
    )> {
        if i >= self.doc.len() || self.doc.m.words.is_empty() {
            return Err(PyIndexError::new_err("no such line"));
        }
        let r = self.doc.r(i);
        let m = &self.doc.m;
        Ok((
            (
                m.words[r],
                m.chars[r],
                m.units[r],
                m.stops[r],
                m.sentences[r],
            ),
            (
                m.stop_ratio[r],
                m.title_ratio[r],
                m.alpha_ratio[r],
                m.digit_ratio[r],
            ),
            (
                m.ends_sentence[r] != 0,
                m.ends_colon[r] != 0,
                m.upper[r] != 0,
                m.inner_dateline[r] != 0,
            ),
        ))
    }

    /// Line `i`'s topic words (`Features.content`, in no set order).
    fn content(&self, i: usize) -> PyResult<Vec<&str>> {
        if i >= self.doc.len() || self.doc.m.content_offsets.is_empty() {
            return Err(PyIndexError::new_err("no such line"));
        }
        let r = self.doc.r(i);
        let m = &self.doc.m;
        let ids = &m.content_ids[m.content_offsets[r] as usize..m.content_offsets[r + 1] as usize];
        Ok(ids.iter().map(|&id| m.vocabulary.word(id)).collect())
    }

    /// Line `i`'s model input as the scoring stage made it (None for a large document).
    fn vector(&self, path: &Bound<'_, TextPath>, i: usize) -> PyResult<Option<Vec<f64>>> {
        guarded(|| {
            if i >= self.doc.len() {
                return Err(PyIndexError::new_err("no such line"));
            }
            if path.get().id != self.path_id {
                return Err(value_error("the document comes from another path"));
            }
            Ok(textmodel::vector(&path.get().columns, &self.doc, i))
        })
    }
}

/// The title pick's rules from `rules.metadata_rules()["title_pick"]`.
fn pick_rules(spec: &Bound<'_, PyDict>) -> PyResult<PickRules> {
    // (a table of every u8 code: the pick indexes it by any line's signal)
    let signals = |name: &str| signal_set(spec, name, 255, "a title signal code out of range");
    Ok(PickRules {
        title_signals: signals("title_signals")?,
        page_title_signals: signals("page_title_signals")?,
        window: item(spec, "window")?.extract()?,
        repeat_similarity: item(spec, "repeat_similarity")?.extract()?,
        title_chars: item(spec, "title_chars")?.extract()?,
        first_line_title_chars: item(spec, "first_line_title_chars")?.extract()?,
        page_title_chars: item(spec, "page_title_chars")?.extract()?,
        title_share: item(spec, "title_share")?.extract()?,
        title_holds_chars: item(spec, "title_holds_chars")?.extract()?,
        title_min_words: item(spec, "title_min_words")?.extract()?,
        headline_units: item(spec, "headline_units")?.extract()?,
        twice_words: item(spec, "twice_words")?.extract()?,
        printed_part_words: item(spec, "printed_part_words")?.extract()?,
        site_name_words: item(spec, "site_name_words")?.extract()?,
        repeated: item(spec, "repeated")?.extract()?,
        printed_first: item(spec, "printed_first")?.extract()?,
        printed_twice: item(spec, "printed_twice")?.extract()?,
    })
}

/// How many bytes of a line's opening a scan for a label folds first ([`rejected_on_opening`]).
const OPENING_BYTES: usize = 64;

/// Whether every one of `screens` matches no line that opens as `text` does, read from the fold of its first
/// [`OPENING_BYTES`] (cut at a character's start) into `buffer` ([`Pattern::rejects_opening`]): a page's long
/// lines of prose are not folded whole for labels that open a line (~0.4 µs a line a screen, most of it the
/// fold). False where the line is no longer than that (folded whole as before), a screen is not folded, or
/// one may match: the caller then matches the whole line as before.
fn rejected_on_opening(
    table: &Table,
    screens: &[&Pattern],
    text: &str,
    buffer: &mut String,
) -> bool {
    if text.len() <= OPENING_BYTES || screens.iter().any(|p| p.form() != Form::Folded) {
        return false;
    }
    let mut end = OPENING_BYTES;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    fold_line_into(table, &text[..end], buffer);
    screens.iter().all(|p| p.rejects_opening(buffer))
}
