//! Parsed regexes shipped as bytes: a CLI start compiles ~110 matchers on its first dump, and parsing their
//! patterns with `regex_syntax` (~440 instructions a character, more for a Unicode class) was ~30 M of its
//! ~80 M instructions of compiling (callgrind). `tools/build_phrase_index.py` writes each pattern the core
//! parses, as [`encode`] writes its `Hir`, to `cleaner/data/parsed.native.bin` ([`pack`]); the glue hands
//! the file's bytes to [`ship`] when the core loads, and [`shipped`] gives a pattern's `Hir` back from
//! them ([`decode`]: the smart constructors the parser's translator builds with, on its own output) where
//! parsing it made the same `Hir` (a test checks every shipped pattern). A pattern not in the file (edited
//! since) is parsed as before.
//!
//! The bytes read as this crate's `regex-syntax` reads a pattern ([`FORMAT`] names its version: its Unicode
//! tables make the classes), so the glue uses a file only when its header is [`FORMAT`].

use std::sync::OnceLock;

use regex_syntax::hir::{
    Capture, Class, ClassBytes, ClassBytesRange, ClassUnicode, ClassUnicodeRange, Hir, HirKind,
    Look, Repetition,
};
use rustc_hash::FxHashMap;

/// What the shipped bytes depend on: this layout, and the version of `regex-syntax` that parsed them (its
/// Unicode tables). A test checks the version against `Cargo.lock`.
pub const FORMAT: &str = "cleaner parsed regexes 1: regex-syntax 0.8.12";

const EMPTY: u8 = 0;
const LITERAL: u8 = 1;
const UNICODE: u8 = 2;
const BYTES: u8 = 3;
const LOOK: u8 = 4;
const REPETITION: u8 = 5;
const CAPTURE: u8 = 6;
const CONCAT: u8 = 7;
const ALTERNATION: u8 = 8;

fn put(out: &mut Vec<u8>, mut n: u32) {
    while n >= 0x80 {
        out.push((n as u8) | 0x80);
        n >>= 7;
    }
    out.push(n as u8);
}

/// `hir` as bytes ([`decode`] reads them).
pub fn encode(hir: &Hir) -> Vec<u8> {
    let mut out = Vec::new();
    write(hir, &mut out);
    out
}

fn write(hir: &Hir, out: &mut Vec<u8>) {
    match hir.kind() {
        HirKind::Empty => out.push(EMPTY),
        HirKind::Literal(literal) => {
            out.push(LITERAL);
            put(out, literal.0.len() as u32);
            out.extend_from_slice(&literal.0);
        }
        HirKind::Class(Class::Unicode(class)) => {
            out.push(UNICODE);
            put(out, class.ranges().len() as u32);
            let mut last = 0u32;
            for range in class.ranges() {
                // (each range as its distance from the last one's end, and its length: small numbers)
                let (start, end) = (range.start() as u32, range.end() as u32);
                put(out, start - last);
                put(out, end - start);
                last = end;
            }
        }
        HirKind::Class(Class::Bytes(class)) => {
            out.push(BYTES);
            put(out, class.ranges().len() as u32);
            for range in class.ranges() {
                out.push(range.start());
                out.push(range.end());
            }
        }
        HirKind::Look(look) => {
            out.push(LOOK);
            put(out, look.as_repr());
        }
        HirKind::Repetition(rep) => {
            out.push(REPETITION);
            put(out, rep.min);
            match rep.max {
                Some(max) => {
                    out.push(1);
                    put(out, max);
                }
                None => out.push(0),
            }
            out.push(rep.greedy as u8);
            write(&rep.sub, out);
        }
        HirKind::Capture(capture) => {
            out.push(CAPTURE);
            put(out, capture.index);
            match &capture.name {
                Some(name) => {
                    out.push(1);
                    put(out, name.len() as u32);
                    out.extend_from_slice(name.as_bytes());
                }
                None => out.push(0),
            }
            write(&capture.sub, out);
        }
        HirKind::Concat(subs) | HirKind::Alternation(subs) => {
            out.push(if matches!(hir.kind(), HirKind::Concat(_)) {
                CONCAT
            } else {
                ALTERNATION
            });
            put(out, subs.len() as u32);
            for sub in subs {
                write(sub, out);
            }
        }
    }
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Reader<'_> {
    fn byte(&mut self) -> Option<u8> {
        let b = *self.bytes.get(self.at)?;
        self.at += 1;
        Some(b)
    }

    fn number(&mut self) -> Option<u32> {
        let mut n = 0u32;
        for shift in (0..35).step_by(7) {
            let b = self.byte()?;
            n |= u32::from(b & 0x7F).checked_shl(shift)?;
            if b & 0x80 == 0 {
                return Some(n);
            }
        }
        None
    }

    fn take(&mut self, len: usize) -> Option<&[u8]> {
        let end = self.at.checked_add(len)?;
        let taken = self.bytes.get(self.at..end)?;
        self.at = end;
        Some(taken)
    }

    fn hir(&mut self, depth: u32) -> Option<Hir> {
        if depth > 500 {
            return None;
        }
        Some(match self.byte()? {
            EMPTY => Hir::empty(),
            LITERAL => {
                let len = self.number()? as usize;
                Hir::literal(self.take(len)?)
            }
            UNICODE => {
                let count = self.number()? as usize;
                let mut ranges = Vec::with_capacity(count.min(1 << 16));
                let mut last = 0u32;
                for _ in 0..count {
                    let start = last.checked_add(self.number()?)?;
                    let end = start.checked_add(self.number()?)?;
                    ranges.push(ClassUnicodeRange::new(
                        char::from_u32(start)?,
                        char::from_u32(end)?,
                    ));
                    last = end;
                }
                Hir::class(Class::Unicode(ClassUnicode::new(ranges)))
            }
            BYTES => {
                let count = self.number()? as usize;
                let mut ranges = Vec::with_capacity(count.min(256));
                for _ in 0..count {
                    let (start, end) = (self.byte()?, self.byte()?);
                    ranges.push(ClassBytesRange::new(start, end));
                }
                Hir::class(Class::Bytes(ClassBytes::new(ranges)))
            }
            LOOK => Hir::look(Look::from_repr(self.number()?)?),
            REPETITION => {
                let min = self.number()?;
                let max = match self.byte()? {
                    0 => None,
                    _ => Some(self.number()?),
                };
                let greedy = self.byte()? != 0;
                let sub = Box::new(self.hir(depth + 1)?);
                Hir::repetition(Repetition {
                    min,
                    max,
                    greedy,
                    sub,
                })
            }
            CAPTURE => {
                let index = self.number()?;
                let name = match self.byte()? {
                    0 => None,
                    _ => {
                        let len = self.number()? as usize;
                        Some(std::str::from_utf8(self.take(len)?).ok()?.into())
                    }
                };
                let sub = Box::new(self.hir(depth + 1)?);
                Hir::capture(Capture { index, name, sub })
            }
            kind @ (CONCAT | ALTERNATION) => {
                let count = self.number()? as usize;
                let mut subs = Vec::with_capacity(count.min(1 << 12));
                for _ in 0..count {
                    subs.push(self.hir(depth + 1)?);
                }
                if kind == CONCAT {
                    Hir::concat(subs)
                } else {
                    Hir::alternation(subs)
                }
            }
            _ => return None,
        })
    }
}

/// The `Hir` [`encode`] wrote as `bytes` (None: not such bytes).
pub fn decode(bytes: &[u8]) -> Option<Hir> {
    let mut reader = Reader { bytes, at: 0 };
    let hir = reader.hir(0)?;
    (reader.at == bytes.len()).then_some(hir)
}

/// The shipped file's entries: (pattern, its `Hir`'s bytes), as one blob: each a number of bytes and the
/// bytes, the pattern's then the `Hir`'s.
pub fn pack(entries: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut out = Vec::new();
    for (pattern, bytes) in entries {
        put(&mut out, pattern.len() as u32);
        out.extend_from_slice(pattern.as_bytes());
        put(&mut out, bytes.len() as u32);
        out.extend_from_slice(bytes);
    }
    out
}

/// The shipped patterns: the blob, and where each pattern's `Hir` is in it.
struct Shipped {
    blob: Vec<u8>,
    spans: FxHashMap<Box<str>, (usize, usize)>,
}

static SHIPPED: OnceLock<Shipped> = OnceLock::new();

/// Take the shipped blob ([`pack`]'s bytes, without the file's header); false when they do not read as
/// such (none are used then) or some were taken already.
pub fn ship(blob: &[u8]) -> bool {
    let mut spans = FxHashMap::default();
    let mut reader = Reader { bytes: blob, at: 0 };
    while reader.at < blob.len() {
        let Some(len) = reader.number() else {
            return false;
        };
        let Some(pattern) = reader.take(len as usize) else {
            return false;
        };
        let Ok(pattern) = std::str::from_utf8(pattern) else {
            return false;
        };
        let pattern: Box<str> = pattern.into();
        let Some(len) = reader.number() else {
            return false;
        };
        let start = reader.at;
        if reader.take(len as usize).is_none() {
            return false;
        }
        spans.insert(pattern, (start, reader.at));
    }
    SHIPPED
        .set(Shipped {
            blob: blob.to_vec(),
            spans,
        })
        .is_ok()
}

/// `pattern`'s shipped `Hir`, if the glue shipped it.
pub fn shipped(pattern: &str) -> Option<Hir> {
    let shipped = SHIPPED.get()?;
    let &(start, end) = shipped.spans.get(pattern)?;
    decode(&shipped.blob[start..end])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_parse_comes_back_as_parsed() {
        for pattern in [
            r"(?:[\s\x1c-\x1f\W\x{5f}]){0,}",
            r"^(?:(?:.){0,}?\b{start-half}(?:joined|member\x{20}since)\b{end-half})",
            r"(?P<year>\d{4})-(\d{2})|x*?|(?:)|[^a-z]+|\bword\B",
            r"(?-u:[a-z\x00-\x1F])|(?-u:\w\b)",
            "caf\u{e9}|na\u{ef}ve|\u{43f}\u{438}",
            r"a{0,200}b{3}c{2,}",
        ] {
            let hir = regex_syntax::parse(pattern).unwrap();
            assert_eq!(decode(&encode(&hir)), Some(hir), "{pattern}");
        }
    }

    #[test]
    fn bad_bytes_are_none() {
        let hir = regex_syntax::parse(r"ab|c\d").unwrap();
        let bytes = encode(&hir);
        for cut in 0..bytes.len() {
            assert_eq!(decode(&bytes[..cut]), None);
        }
        assert_eq!(decode(&[9]), None);
    }

    #[test]
    fn the_format_names_the_locked_regex_syntax() {
        let lock =
            std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/Cargo.lock")).unwrap();
        let at = lock.find("name = \"regex-syntax\"\nversion = \"").unwrap();
        let version = lock[at..].split('"').nth(3).unwrap();
        assert!(
            FORMAT.ends_with(&format!("regex-syntax {version}")),
            "{version}"
        );
    }
}
