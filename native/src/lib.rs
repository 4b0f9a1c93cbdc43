//! `cleaner._native`: the native core of article-cleaner (stage 1: line measures and boilerplate phrases).
//!
//! One call per document; columns come back as `bytes` (native-endian `u32`/`f64`/`u8` arrays) that the
//! glue (`cleaner/native.py`) reads with `memoryview.cast`, so no Python object is made per line.
//! Rules and data come from the Python package through the glue; this crate holds algorithms only.
//! A Rust panic never reaches Python as one: every entry point turns it into `NativeError`.

pub mod columns;
pub mod doc;
pub mod hirbin;
pub mod language;
pub mod layout;
pub mod literals;
pub mod markuprows;
pub mod matcher;
pub mod measures;
pub mod pagebytes;
pub mod path;
pub mod patterns;
pub mod phrases;
pub mod regionwords;
pub mod repeats;
pub mod repetition;
pub mod shapes;
pub mod textmodel;
pub mod titlepick;
pub mod titles;
pub mod trees;
pub mod unicode;

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::Arc;

use pyo3::create_exception;
use pyo3::exceptions::{PyRuntimeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyList, PyString};

use measures::{
    CharClasses, CharSet, Measurer, Measures, Rules, SentenceBreak, Stoplist as WordSet,
};
use phrases::{Limits, PatternSpec};
use unicode::Table;

create_exception!(
    _native,
    NativeError,
    PyRuntimeError,
    "The native core failed (a bug): the glue falls back to the Python reference."
);

/// Run `body`, turning a panic into `NativeError`.
pub(crate) fn guarded<T>(body: impl FnOnce() -> PyResult<T>) -> PyResult<T> {
    match catch_unwind(AssertUnwindSafe(body)) {
        Ok(result) => result,
        Err(panic) => {
            let message = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "a panic".into());
            Err(NativeError::new_err(format!("native core: {message}")))
        }
    }
}

fn ne_bytes<T: Copy, const N: usize>(values: &[T], to: impl Fn(T) -> [u8; N]) -> Vec<u8> {
    let mut out = Vec::with_capacity(values.len() * N);
    for &v in values {
        out.extend_from_slice(&to(v));
    }
    out
}

/// The lines of a Python list as `&str` (borrowed from the str objects, which the list keeps alive).
fn line_strings<'py>(lines: &Bound<'py, PyList>) -> PyResult<Vec<Bound<'py, PyString>>> {
    lines
        .iter()
        .map(|item| item.cast_into::<PyString>().map_err(PyErr::from))
        .collect()
}

fn borrow<'a>(strings: &'a [Bound<'_, PyString>]) -> PyResult<Vec<&'a str>> {
    strings.iter().map(|s| s.to_str()).collect()
}

/// A stop-word list, made once per language.
#[pyclass(frozen, module = "cleaner._native")]
pub(crate) struct Stoplist {
    words: WordSet,
}

#[pymethods]
impl Stoplist {
    #[new]
    fn new(words: Vec<String>) -> Self {
        Stoplist {
            words: words.into_iter().collect(),
        }
    }

    fn __len__(&self) -> usize {
        self.words.len()
    }
}

/// The compiled phrase data.
#[pyclass(frozen, module = "cleaner._native")]
pub(crate) struct PhraseBook {
    pub(crate) book: Arc<phrases::PhraseBook>,
}

#[pymethods]
impl PhraseBook {
    /// Compile every pattern now (they compile on first use otherwise).
    fn compile_all(&self) -> PyResult<()> {
        guarded(|| {
            self.book
                .compile_all()
                .map_err(|e| PyValueError::new_err(e.0))
        })
    }
}

type PatternTuple = (u8, String, Option<Vec<String>>, String);

/// One scope's shipped needles, aligned with its patterns: each pattern's strings (empty: it has none), or
/// None where not shipped.
type ScopeNeedles<'py> = Vec<Option<Vec<Bound<'py, PyBytes>>>>;

fn specs(
    patterns: Vec<PatternTuple>,
    needles: Option<ScopeNeedles<'_>>,
) -> PyResult<Vec<PatternSpec>> {
    let mut needles = needles.map(|n| n.into_iter());
    patterns
        .into_iter()
        .map(|(category, regex, keys, explicit)| {
            let shipped = match needles.as_mut() {
                Some(n) => n.next().ok_or_else(|| {
                    PyValueError::new_err("the phrase book: fewer needle lists than patterns")
                })?,
                None => None,
            };
            Ok(PatternSpec {
                category,
                needles: shipped.map(|strings| {
                    let strings: Vec<Vec<u8>> =
                        strings.iter().map(|s| s.as_bytes().to_vec()).collect();
                    (!strings.is_empty()).then_some(strings)
                }),
                regex,
                keys,
                explicit,
            })
        })
        .collect()
}

/// The core for one Unicode version, with the measures' rules.
#[pyclass(frozen, module = "cleaner._native")]
pub(crate) struct Core {
    pub(crate) table: Arc<Table>,
    pub(crate) rules: Arc<Rules>,
}

fn chars_of(text: &str) -> Vec<char> {
    text.chars().collect()
}

#[pymethods]
impl Core {
    /// `rules`: the constants of `cleaner/stages/features.py` (see `cleaner/native.py`).
    #[new]
    #[pyo3(signature = (unicode_version, rules))]
    fn new(unicode_version: &str, rules: &Bound<'_, PyDict>) -> PyResult<Self> {
        guarded(|| {
            let table = Table::load(unicode_version).map_err(|e| PyValueError::new_err(e.0))?;
            let get = |name: &str| -> PyResult<Bound<'_, PyAny>> {
                rules
                    .get_item(name)?
                    .ok_or_else(|| PyValueError::new_err(format!("rules: no {name}")))
            };
            let text = |name: &str| -> PyResult<CharSet> {
                Ok(CharSet::new(get(name)?.extract::<String>()?.chars()))
            };
            let starts: Vec<(char, char)> = get("sentence_starts")?.extract()?;
            let dateline: String = get("inner_dateline")?.extract()?;
            let inner_dateline =
                regex::Regex::new(&dateline).map_err(|e| PyValueError::new_err(e.to_string()))?;
            let sentence_break = SentenceBreak {
                ends: text("sentence_break_ends")?,
                closers: text("sentence_break_closers")?,
                starts,
                full_width: text("sentence_break_full_width")?,
            };
            let rules = Rules {
                sample_words: get("sample_words")?.extract()?,
                word_punctuation: text("word_punctuation")?,
                sentence_end: text("sentence_end")?,
                closers: text("closers")?,
                classes: CharClasses::new(&table, &sentence_break),
                sentence_break,
                inner_dateline,
                inner_dateline_from: get("inner_dateline_from")?.extract()?,
                inner_dateline_words: get("inner_dateline_words")?.extract()?,
            };
            Ok(Core {
                table: Arc::new(table),
                rules: Arc::new(rules),
            })
        })
    }

    #[getter]
    fn unicode_version(&self) -> String {
        self.table.version.clone()
    }

    /// The phrase book: three scopes of `(category, regex, keys or None, named characters)` in data order;
    /// `needles`: per scope, each pattern's shipped needles (`needle_strings`'s answer, `[]` for None), or
    /// None where not shipped (that pattern compiles for its own).
    #[pyo3(signature = (strong, whole, short, short_words, whole_max_words, short_max_words, short_sentence_words, key_length, needles=None))]
    #[allow(clippy::too_many_arguments)]
    fn phrasebook(
        &self,
        strong: Vec<PatternTuple>,
        whole: Vec<PatternTuple>,
        short: Vec<PatternTuple>,
        short_words: Vec<u32>,
        whole_max_words: u32,
        short_max_words: u32,
        short_sentence_words: u32,
        key_length: usize,
        needles: Option<[ScopeNeedles<'_>; 3]>,
    ) -> PyResult<PhraseBook> {
        guarded(|| {
            let limits = Limits {
                whole_max_words,
                short_max_words,
                short_sentence_words,
                key_length,
                short_words,
            };
            let book = phrases::PhraseBook::new(
                {
                    let [n_strong, n_whole, n_short] = match needles {
                        Some([a, b, c]) => [Some(a), Some(b), Some(c)],
                        None => [None, None, None],
                    };
                    [
                        specs(strong, n_strong)?,
                        specs(whole, n_whole)?,
                        specs(short, n_short)?,
                    ]
                },
                limits,
                &self.table,
            )
            .map_err(|e| PyValueError::new_err(e.0))?;
            Ok(PhraseBook {
                book: Arc::new(book),
            })
        })
    }

    /// Every line's measures (see `cleaner/native.py`).
    #[pyo3(signature = (lines, stoplist, char_mode))]
    fn measure(
        &self,
        lines: &Bound<'_, PyList>,
        stoplist: Option<&Bound<'_, Stoplist>>,
        char_mode: bool,
    ) -> PyResult<LineMeasures> {
        guarded(|| {
            let strings = line_strings(lines)?;
            let texts = borrow(&strings)?;
            Ok(LineMeasures {
                m: self.measure_texts(&texts, stoplist, char_mode)?,
            })
        })
    }

    /// The measures and each line's phrase, in one call: `(measures, categories, hows)`.
    #[pyo3(signature = (lines, stoplist, char_mode, book))]
    fn analyse<'py>(
        &self,
        py: Python<'py>,
        lines: &Bound<'py, PyList>,
        stoplist: Option<&Bound<'py, Stoplist>>,
        char_mode: bool,
        book: &Bound<'py, PhraseBook>,
    ) -> PyResult<(LineMeasures, Bound<'py, PyBytes>, Bound<'py, PyBytes>)> {
        guarded(|| {
            let strings = line_strings(lines)?;
            let texts = borrow(&strings)?;
            let measures = self.measure_texts(&texts, stoplist, char_mode)?;
            let found = book
                .get()
                .book
                .classify(
                    &self.table,
                    texts.iter().copied(),
                    &measures.words,
                    &measures.ends_sentence,
                )
                .map_err(|e| PyValueError::new_err(e.0))?;
            Ok((
                LineMeasures { m: measures },
                PyBytes::new(py, &found.category),
                PyBytes::new(py, &found.how),
            ))
        })
    }

    /// Each line's phrase, given the lines' measures: `(categories, hows)`.
    fn classify<'py>(
        &self,
        py: Python<'py>,
        book: &Bound<'py, PhraseBook>,
        lines: &Bound<'py, PyList>,
        measures: &Bound<'py, LineMeasures>,
    ) -> PyResult<(Bound<'py, PyBytes>, Bound<'py, PyBytes>)> {
        guarded(|| {
            let strings = line_strings(lines)?;
            let texts = borrow(&strings)?;
            let m = &measures.get().m;
            if m.words.len() != texts.len() {
                return Err(PyValueError::new_err("the measures are of other lines"));
            }
            let found = book
                .get()
                .book
                .classify(
                    &self.table,
                    texts.iter().copied(),
                    &m.words,
                    &m.ends_sentence,
                )
                .map_err(|e| PyValueError::new_err(e.0))?;
            Ok((
                PyBytes::new(py, &found.category),
                PyBytes::new(py, &found.how),
            ))
        })
    }

    /// Each line's phrase of the book's strong scope alone (searched in a line of any length, whatever its
    /// words): its category, or `NONE` (255). With a book of one pattern, whether that pattern is found in
    /// each line (`cleaner.native.found_in_lines`): no measures needed, none taken.
    fn strong_phrases<'py>(
        &self,
        py: Python<'py>,
        book: &Bound<'py, PhraseBook>,
        lines: &Bound<'py, PyList>,
    ) -> PyResult<Bound<'py, PyBytes>> {
        guarded(|| {
            let strings = line_strings(lines)?;
            let texts = borrow(&strings)?;
            // More words than any limit: only the strong scope is searched (`PhraseBook::classify_line`).
            let words = vec![u32::MAX; texts.len()];
            let ends_sentence = vec![0u8; texts.len()];
            let found = book
                .get()
                .book
                .classify(&self.table, texts.iter().copied(), &words, &ends_sentence)
                .map_err(|e| PyValueError::new_err(e.0))?;
            Ok(PyBytes::new(py, &found.category))
        })
    }

    /// A line as the phrase regexes see it (tests).
    fn regex_text(&self, text: &str) -> String {
        text.chars().map(|c| self.table.regex_char(c)).collect()
    }

    /// `text.lower()` (tests).
    fn lower(&self, text: &str) -> String {
        let chars = chars_of(text);
        let mut out = Vec::new();
        self.table.lower_into(&chars, 0, chars.len(), &mut out);
        out.into_iter().collect()
    }

    /// Each character's property flags as `u16` bytes (tests compare them with Python's).
    fn flags<'py>(&self, py: Python<'py>, text: &str) -> Bound<'py, PyBytes> {
        let flags: Vec<u16> = text.chars().map(|c| self.table.props(c).flags).collect();
        PyBytes::new(py, &ne_bytes(&flags, u16::to_ne_bytes))
    }

    /// The whole per-line text path, from the rules of the Python stages (see `cleaner/native/rules.py`).
    fn text_path(&self, py: Python<'_>, spec: &Bound<'_, PyDict>) -> PyResult<path::TextPath> {
        guarded(|| path::TextPath::new(py, self, spec))
    }

    /// Panic inside the guard (tests: the panic must come out as `NativeError`).
    fn panic_for_test(&self) -> PyResult<()> {
        guarded(|| panic!("a test panic"))
    }
}

impl Core {
    fn measure_texts(
        &self,
        texts: &[&str],
        stoplist: Option<&Bound<'_, Stoplist>>,
        char_mode: bool,
    ) -> PyResult<Measures> {
        if texts.iter().any(|t| t.is_empty()) {
            return Err(PyValueError::new_err("an empty line (lines are non-blank)"));
        }
        let stoplist = stoplist.map(|s| &s.get().words);
        let measurer = Measurer {
            table: &self.table,
            rules: &self.rules,
            stoplist,
            char_mode,
        };
        Ok(measurer.measure(texts.iter().copied()))
    }
}

/// A document's line measures, kept in the core: a column is copied out only when asked for.
#[pyclass(frozen, module = "cleaner._native", name = "Measures")]
struct LineMeasures {
    m: Measures,
}

#[pymethods]
impl LineMeasures {
    fn __len__(&self) -> usize {
        self.m.words.len()
    }

    /// One column as native-endian bytes: `u32` (words, chars, units, stops, sentences), `f64` (the
    /// ratios) or `u8` (the flags).
    fn column<'py>(&self, py: Python<'py>, name: &str) -> PyResult<Bound<'py, PyBytes>> {
        let m = &self.m;
        let u32s = |values: &Vec<u32>| PyBytes::new(py, &ne_bytes(values, u32::to_ne_bytes));
        let f64s = |values: &Vec<f64>| PyBytes::new(py, &ne_bytes(values, f64::to_ne_bytes));
        Ok(match name {
            "words" => u32s(&m.words),
            "chars" => u32s(&m.chars),
            "units" => u32s(&m.units),
            "stops" => u32s(&m.stops),
            "sentences" => u32s(&m.sentences),
            "stop_ratio" => f64s(&m.stop_ratio),
            "title_ratio" => f64s(&m.title_ratio),
            "alpha_ratio" => f64s(&m.alpha_ratio),
            "digit_ratio" => f64s(&m.digit_ratio),
            "ends_sentence" => PyBytes::new(py, &m.ends_sentence),
            "ends_colon" => PyBytes::new(py, &m.ends_colon),
            "upper" => PyBytes::new(py, &m.upper),
            "inner_dateline" => PyBytes::new(py, &m.inner_dateline),
            _ => return Err(PyValueError::new_err(format!("no column {name:?}"))),
        })
    }

    /// Line `i`'s topic words (`Features.content`, in no set order).
    fn content(&self, i: usize) -> PyResult<Vec<&str>> {
        let m = &self.m;
        if i + 1 >= m.content_offsets.len() {
            return Err(pyo3::exceptions::PyIndexError::new_err("no such line"));
        }
        let ids = &m.content_ids[m.content_offsets[i] as usize..m.content_offsets[i + 1] as usize];
        Ok(ids.iter().map(|&id| m.vocabulary.word(id)).collect())
    }
}

/// The running Python's characters, for the HTML path's pieces that read words without the text core
/// (which needs the stages' rules): `Characters(unicode_version)`.
#[pyclass(frozen, module = "cleaner._native")]
struct Characters {
    table: Table,
}

#[pymethods]
impl Characters {
    #[new]
    fn new(unicode_version: &str) -> PyResult<Self> {
        guarded(|| {
            let table = Table::load(unicode_version).map_err(|e| PyValueError::new_err(e.0))?;
            Ok(Characters { table })
        })
    }

    /// `cleaner.html.repetition.repetition` of the lines' texts: (before, after), each line's share as a
    /// native-endian f64 (`array("d")` reads them).
    fn repetition<'py>(
        &self,
        py: Python<'py>,
        lines: &Bound<'py, PyList>,
    ) -> PyResult<(Bound<'py, PyBytes>, Bound<'py, PyBytes>)> {
        guarded(|| {
            let strings = line_strings(lines)?;
            let texts = borrow(&strings)?;
            let (before, after) = repetition::repetition(&self.table, &texts);
            Ok((
                PyBytes::new(py, &ne_bytes(&before, f64::to_ne_bytes)),
                PyBytes::new(py, &ne_bytes(&after, f64::to_ne_bytes)),
            ))
        })
    }
}

/// `cleaner.html.parse.without_document_end_tags`: the page's bytes without their `</body>` and `</html>` end
/// tags (`pagebytes`); the same bytes object when it has none.
#[pyfunction]
fn without_document_end_tags<'py>(
    py: Python<'py>,
    data: &Bound<'py, PyBytes>,
) -> PyResult<Bound<'py, PyBytes>> {
    guarded(|| {
        Ok(
            match pagebytes::without_document_end_tags(data.as_bytes()) {
                Some(kept) => PyBytes::new(py, &kept),
                None => data.clone(),
            },
        )
    })
}

/// The strings one of which every match of `regex` (the core's syntax) contains, as the core's matchers look
/// for them first (None: no such list); `tools/build_phrase_index.py` ships them, by regex.
#[pyfunction]
fn needle_strings<'py>(py: Python<'py>, regex: &str) -> PyResult<Option<Vec<Bound<'py, PyBytes>>>> {
    guarded(|| {
        let strings = matcher::needle_strings_of(regex).map_err(PyValueError::new_err)?;
        Ok(strings.map(|list| list.iter().map(|s| PyBytes::new(py, s)).collect()))
    })
}

/// The layout and parser version of the shipped parsed regexes (`cleaner/data/parsed.native.bin`'s header).
#[pyfunction]
fn parsed_format() -> &'static str {
    hirbin::FORMAT
}

/// The shipped parsed regexes' blob for `regexes` (the core's syntax): `tools/build_phrase_index.py` writes it.
#[pyfunction]
fn parsed_blob<'py>(py: Python<'py>, regexes: Vec<String>) -> PyResult<Bound<'py, PyBytes>> {
    guarded(|| Ok(PyBytes::new(py, &matcher::parsed_blob(&regexes))))
}

/// Hand the core the shipped parsed regexes (the file's blob after its header): a pattern found there is not
/// parsed again. False when the bytes do not read as such a blob, or a blob was handed over already.
#[pyfunction]
fn ship_parsed(blob: &[u8]) -> PyResult<bool> {
    guarded(|| Ok(hirbin::ship(blob)))
}

/// The Unicode versions the crate has character tables for.
#[pyfunction]
fn unicode_versions() -> Vec<&'static str> {
    unicode::versions()
}

#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Core>()?;
    m.add_class::<Stoplist>()?;
    m.add_class::<PhraseBook>()?;
    m.add_class::<LineMeasures>()?;
    m.add_class::<path::TextPath>()?;
    m.add_class::<path::Model>()?;
    m.add_class::<path::Document>()?;
    m.add_class::<literals::Literals>()?;
    m.add_class::<regionwords::RegionWords>()?;
    m.add_class::<layout::Layout>()?;
    m.add_class::<trees::Trees>()?;
    m.add_class::<markuprows::MarkupPage>()?;
    m.add_class::<Characters>()?;
    m.add_function(wrap_pyfunction!(unicode_versions, m)?)?;
    m.add_function(wrap_pyfunction!(needle_strings, m)?)?;
    m.add_function(wrap_pyfunction!(parsed_format, m)?)?;
    m.add_function(wrap_pyfunction!(parsed_blob, m)?)?;
    m.add_function(wrap_pyfunction!(ship_parsed, m)?)?;
    m.add_function(wrap_pyfunction!(without_document_end_tags, m)?)?;
    m.add_function(wrap_pyfunction!(path::column_base_names, m)?)?;
    m.add("NativeError", m.py().get_type::<NativeError>())?;
    Ok(())
}
