//! Characters as the running Python sees them.
//!
//! The Python reference measures text with `str.split()`, `str.lower()`, `isupper()`, `isalpha()`,
//! `isdigit()` and `re`'s `\w`, `\s`, `\d` and IGNORECASE, all of which follow the Unicode version of the
//! running Python, not Rust's. So the properties come from a table that Python itself wrote
//! (`native/unicode/generate.py`, one file per Unicode version); a Python whose version has no table
//! gets the pure-Python reference.
//!
//! The table also says how to map a line for the phrase regexes (see [`Table::regex_char`]): each
//! character is folded as IGNORECASE compares it, and a character whose `\w`, `\s` or `\d` the `regex`
//! crate reads differently from Python's `re` is replaced by a stand-in that both read alike.

use std::fmt;

use regex_syntax::hir::{Class, HirKind};

pub const SPACE: u16 = 1;
pub const ALPHA: u16 = 1 << 1;
pub const UPPER: u16 = 1 << 2;
pub const LOWER: u16 = 1 << 3;
pub const TITLE: u16 = 1 << 4;
pub const DIGIT: u16 = 1 << 5;
pub const DECIMAL: u16 = 1 << 6;
pub const WORD: u16 = 1 << 7;
pub const CASED: u16 = 1 << 8;
pub const CASE_IGNORABLE: u16 = 1 << 9;
pub const LOWER_SPECIAL: u16 = 1 << 10;

/// The tables shipped with the crate, by Unicode version (as `unicodedata.unidata_version` names it).
const TABLES: &[(&str, &[u8])] = &[
    ("13.0.0", include_bytes!("../unicode/unicode-13.0.0.bin")),
    ("14.0.0", include_bytes!("../unicode/unicode-14.0.0.bin")),
    ("15.0.0", include_bytes!("../unicode/unicode-15.0.0.bin")),
    ("15.1.0", include_bytes!("../unicode/unicode-15.1.0.bin")),
];

/// The Unicode versions the crate has tables for.
pub fn versions() -> Vec<&'static str> {
    TABLES.iter().map(|(version, _)| *version).collect()
}

/// What stands in for a character whose class the `regex` crate reads differently from `re`.
/// Each is read by both as the class says, has no case, and is in no phrase (the phrase book checks).
pub const STAND_INS: [char; 4] = [
    '\u{a000}', // a word character, not a digit: YI SYLLABLE IT
    '\u{0660}', // a word character and a decimal digit: ARABIC-INDIC DIGIT ZERO
    '\u{3000}', // white space: IDEOGRAPHIC SPACE
    '\u{e000}', // none of the three: a private-use character
];

/// One character's properties.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Props {
    pub flags: u16,
    lower_delta: i32,
    fold_delta: i32,
    /// 0: the folded character itself; else 1 + the index of its stand-in in [`STAND_INS`].
    stand_in: u8,
    /// The same for the character itself (case-sensitive patterns run on the text as it is).
    raw_stand_in: u8,
}

impl Props {
    #[inline]
    pub fn has(self, flag: u16) -> bool {
        self.flags & flag != 0
    }
}

#[derive(Debug)]
pub struct TableError(pub String);

impl fmt::Display for TableError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The character table of one Unicode version.
pub struct Table {
    pub version: String,
    starts: Vec<u32>,
    props: Vec<Props>,
    ascii: [Props; 128],
    /// The Basic Multilingual Plane at one lookup: each code point's index in `props`.
    bmp: Vec<u16>,
    /// Lower-case forms of more than one character (`İ`), sorted by code point.
    specials: Vec<(u32, Vec<char>)>,
    /// ASCII folds to its lower case, with no stand-in.
    ascii_lowercases: bool,
}

struct Reader<'a> {
    data: &'a [u8],
    at: usize,
}

impl Reader<'_> {
    fn take(&mut self, n: usize) -> Result<&[u8], TableError> {
        let end = self.at.checked_add(n).filter(|end| *end <= self.data.len());
        let end = end.ok_or_else(|| TableError("the Unicode table is truncated".into()))?;
        let bytes = &self.data[self.at..end];
        self.at = end;
        Ok(bytes)
    }
    fn u32(&mut self) -> Result<u32, TableError> {
        Ok(u32::from_le_bytes(self.take(4)?.try_into().unwrap()))
    }
    fn i32(&mut self) -> Result<i32, TableError> {
        Ok(i32::from_le_bytes(self.take(4)?.try_into().unwrap()))
    }
    fn u16(&mut self) -> Result<u16, TableError> {
        Ok(u16::from_le_bytes(self.take(2)?.try_into().unwrap()))
    }
    fn u8(&mut self) -> Result<u8, TableError> {
        Ok(self.take(1)?[0])
    }
}

/// The code point ranges of one class of the `regex` crate (`\w`, `\s`, `\d`), as it compiles them.
fn regex_class(pattern: &str) -> Result<Vec<(u32, u32)>, TableError> {
    let hir = regex_syntax::parse(pattern).map_err(|e| TableError(e.to_string()))?;
    match hir.kind() {
        HirKind::Class(Class::Unicode(class)) => Ok(class
            .ranges()
            .iter()
            .map(|r| (r.start() as u32, r.end() as u32))
            .collect()),
        _ => Err(TableError(format!("{pattern} is not a class"))),
    }
}

fn in_ranges(ranges: &[(u32, u32)], code: u32) -> bool {
    match ranges.binary_search_by(|&(lo, _)| lo.cmp(&code)) {
        Ok(_) => true,
        Err(0) => false,
        Err(i) => code <= ranges[i - 1].1,
    }
}

impl Table {
    /// The table for a Unicode version, or an error naming the versions there are.
    pub fn load(version: &str) -> Result<Table, TableError> {
        let data = TABLES
            .iter()
            .find(|(v, _)| *v == version)
            .map(|(_, data)| *data)
            .ok_or_else(|| {
                TableError(format!(
                    "no character table for Unicode {version} (the native core has {})",
                    versions().join(", ")
                ))
            })?;
        Table::parse(data)
    }

    fn parse(data: &[u8]) -> Result<Table, TableError> {
        let mut reader = Reader { data, at: 0 };
        if reader.take(4)? != b"PYUC" {
            return Err(TableError("not a character table".into()));
        }
        let version = String::from_utf8_lossy(reader.take(16)?)
            .trim_end_matches('\0')
            .to_string();
        let count = reader.u32()? as usize;
        let mut runs = Vec::with_capacity(count);
        for _ in 0..count {
            let start = reader.u32()?;
            let flags = reader.u16()?;
            let lower_delta = reader.i32()?;
            let fold_delta = reader.i32()?;
            runs.push((start, flags, lower_delta, fold_delta));
        }
        let mut specials = Vec::new();
        for _ in 0..reader.u32()? {
            let code = reader.u32()?;
            let length = reader.u8()? as usize;
            let mut chars = Vec::with_capacity(length);
            for _ in 0..length {
                chars.push(
                    char::from_u32(reader.u32()?)
                        .ok_or_else(|| TableError("a bad lower-case form".into()))?,
                );
            }
            specials.push((code, chars));
        }
        if runs.first().map(|run| run.0) != Some(0) {
            return Err(TableError("the table does not start at U+0000".into()));
        }
        let (starts, props) = split_by_stand_ins(&runs)?;
        let mut table = Table {
            version,
            starts,
            props,
            ascii: [Props {
                flags: 0,
                lower_delta: 0,
                fold_delta: 0,
                stand_in: 0,
                raw_stand_in: 0,
            }; 128],
            bmp: Vec::new(),
            specials,
            ascii_lowercases: false,
        };
        for code in 0..128u32 {
            table.ascii[code as usize] = table.search(code);
        }
        if table.props.len() > u16::MAX as usize {
            return Err(TableError("too many runs for the BMP index".into()));
        }
        table.bmp = Vec::with_capacity(0x10000);
        for (i, &start) in table.starts.iter().enumerate() {
            let end = table
                .starts
                .get(i + 1)
                .map_or(0x10000, |&next| next.min(0x10000));
            if start >= 0x10000 {
                break;
            }
            table.bmp.resize(end as usize, i as u16);
        }
        table.check_spaces()?;
        table.ascii_lowercases =
            (0u8..128).all(|b| table.regex_char(b as char) == b.to_ascii_lowercase() as char);
        Ok(table)
    }

    fn search(&self, code: u32) -> Props {
        if let Some(&i) = self.bmp.get(code as usize) {
            return self.props[i as usize];
        }
        let i = match self.starts.binary_search(&code) {
            Ok(i) => i,
            Err(i) => i - 1, // starts[0] == 0
        };
        self.props[i]
    }

    /// The flags of ASCII character `b` (below 128), read with no test of the code point.
    #[inline]
    pub fn ascii_flags(&self, b: u8) -> u16 {
        self.ascii[b as usize & 0x7F].flags
    }

    /// The properties of a character.
    #[inline]
    pub fn props(&self, c: char) -> Props {
        let code = c as u32;
        if code < 128 {
            self.ascii[code as usize]
        } else {
            self.search(code)
        }
    }

    /// The character a phrase regex sees in place of `c`: folded, or its stand-in.
    #[inline]
    pub fn regex_char(&self, c: char) -> char {
        self.regex_char_of(c, self.props(c))
    }

    /// [`Table::regex_char`] given the character's properties.
    #[inline]
    pub fn regex_char_of(&self, c: char, p: Props) -> char {
        if p.stand_in != 0 {
            return STAND_INS[p.stand_in as usize - 1];
        }
        shifted(c, p.fold_delta)
    }

    /// Does ASCII fold to its lower case (an ASCII line is then mapped by lower-casing it)?
    #[inline]
    pub fn ascii_folds_to_lower(&self) -> bool {
        self.ascii_lowercases
    }

    /// The character a case-sensitive pattern sees in place of `c`: itself, or its stand-in.
    #[inline]
    pub fn raw_char(&self, c: char) -> char {
        let p = self.props(c);
        if p.raw_stand_in != 0 {
            return STAND_INS[p.raw_stand_in as usize - 1];
        }
        c
    }

    /// Does any character of `lo..=hi` have a stand-in for case-sensitive patterns (so that a class
    /// naming the range would not see it)?
    pub fn raw_stand_in_within(&self, lo: char, hi: char) -> bool {
        let (lo, hi) = (lo as u32, hi as u32);
        let first = match self.starts.binary_search(&lo) {
            Ok(i) => i,
            Err(i) => i - 1,
        };
        self.starts[first..]
            .iter()
            .zip(&self.props[first..])
            .take_while(|(&start, _)| start <= hi)
            .any(|(_, p)| p.raw_stand_in != 0)
    }

    /// Push `c.lower()` (without the final-sigma rule, which [`lower_into`] applies).
    #[inline]
    fn push_lower(&self, c: char, p: Props, out: &mut Vec<char>) {
        if p.has(LOWER_SPECIAL) {
            if let Ok(i) = self.specials.binary_search_by_key(&(c as u32), |s| s.0) {
                out.extend_from_slice(&self.specials[i].1);
                return;
            }
        }
        out.push(shifted(c, p.lower_delta));
    }

    /// `str.lower()` of `chars[range]`, the final-sigma context read from all of `chars`.
    pub fn lower_into(&self, chars: &[char], start: usize, end: usize, out: &mut Vec<char>) {
        for i in start..end {
            let c = chars[i];
            if c == '\u{3a3}' {
                out.push(if self.final_sigma(chars, i) {
                    '\u{3c2}'
                } else {
                    '\u{3c3}'
                });
            } else {
                self.push_lower(c, self.props(c), out);
            }
        }
    }

    /// CPython's rule for `chars[i]`, a capital sigma (see [`Table::final_sigma_context`]).
    fn final_sigma(&self, chars: &[char], i: usize) -> bool {
        let before = chars[..i].iter().rev().map(|&c| self.props(c));
        let after = chars[i + 1..].iter().map(|&c| self.props(c));
        self.final_sigma_context(before, after)
    }

    /// `str.lower()` of `text[start..end]` (byte offsets), the final-sigma context read from all of `text`.
    pub fn lower_str_into(&self, text: &str, start: usize, end: usize, out: &mut String) {
        let part = &text[start..end];
        if part.is_ascii() {
            // ASCII lower-cases as ASCII in every Unicode version (a test holds the table to it): no
            // decoding, no lookup, no sigma to look around
            let from = out.len();
            out.push_str(part);
            out[from..].make_ascii_lowercase();
            return;
        }
        // Copied as it is, then lower-cased as ASCII in place: each span of characters `str.lower()` leaves
        // alone or lower-cases as ASCII (a line of prose but for a curly quote or a dash; a word of a
        // stoplist, lower-case already). Only a character that changes otherwise is asked of the table and
        // written itself (each was decoded, looked up and encoded again: most of the cost of a line in
        // Cyrillic or Greek, and of the stoplists' index, ~190,000 words).
        let bytes = part.as_bytes();
        let mut kept = 0; // (the start of the span not written yet)
        let mut at = 0;
        while at < bytes.len() {
            if bytes[at] < 0x80 {
                at += 1;
                continue;
            }
            let Some(c) = part[at..].chars().next() else {
                break;
            };
            let here = at;
            at += c.len_utf8();
            let p = self.props(c);
            if c != '\u{3a3}' && !p.has(LOWER_SPECIAL) && p.lower_delta == 0 {
                continue; // (its own lower case: kept in the span)
            }
            push_ascii_lowered(out, &part[kept..here]);
            kept = at;
            if c == '\u{3a3}' {
                let at = start + here;
                let before = text[..at].chars().rev().map(|c| self.props(c));
                let after = text[at + c.len_utf8()..].chars().map(|c| self.props(c));
                out.push(if self.final_sigma_context(before, after) {
                    '\u{3c2}'
                } else {
                    '\u{3c3}'
                });
                continue;
            }
            if p.has(LOWER_SPECIAL) {
                if let Ok(i) = self.specials.binary_search_by_key(&(c as u32), |s| s.0) {
                    out.extend(self.specials[i].1.iter());
                    continue;
                }
            }
            out.push(shifted(c, p.lower_delta));
        }
        push_ascii_lowered(out, &part[kept..]);
    }

    /// A capital sigma is final after a cased letter and not before one (case-ignorable ones skipped).
    fn final_sigma_context(
        &self,
        mut before: impl Iterator<Item = Props>,
        mut after: impl Iterator<Item = Props>,
    ) -> bool {
        before
            .find(|p| !p.has(CASE_IGNORABLE))
            .is_some_and(|p| p.has(CASED))
            && !after
                .find(|p| !p.has(CASE_IGNORABLE))
                .is_some_and(|p| p.has(CASED))
    }

    /// `str.isupper()`: no lower-case or title-case character, and at least one upper-case one.
    pub fn is_upper_str(&self, text: &str) -> bool {
        let mut cased = false;
        for c in text.chars() {
            let p = self.props(c);
            if p.flags & (LOWER | TITLE) != 0 {
                return false;
            }
            cased |= p.has(UPPER);
        }
        cased
    }

    /// The white space Python's `str.split()` and `re`'s `\s` split at must be what the `regex` crate's
    /// `[\s\x1c-\x1f]` matches, since the case-sensitive patterns run on the original text.
    fn check_spaces(&self) -> Result<(), TableError> {
        let mut python: Vec<(u32, u32)> = Vec::new();
        for (i, (&start, p)) in self.starts.iter().zip(&self.props).enumerate() {
            if !p.has(SPACE) {
                continue;
            }
            let end = self.starts.get(i + 1).map_or(0x110000, |&next| next) - 1;
            match python.last_mut() {
                Some(last) if last.1 + 1 == start => last.1 = end,
                _ => python.push((start, end)),
            }
        }
        if python != regex_class(r"[\s\x1c-\x1f]")? {
            return Err(TableError(
                "Python and the regex crate disagree on white space".into(),
            ));
        }
        Ok(())
    }
}

/// `span` onto the end of `out`, its ASCII lower-cased (the bytes of any other character are left as they are).
#[inline]
fn push_ascii_lowered(out: &mut String, span: &str) {
    let from = out.len();
    out.push_str(span);
    out[from..].make_ascii_lowercase();
}

#[inline]
fn shifted(c: char, delta: i32) -> char {
    if delta == 0 {
        return c;
    }
    char::from_u32((c as i64 + delta as i64) as u32).unwrap_or(c)
}

/// Split the runs where the `regex` crate's `\w`, `\s` (with `\x1c-\x1f`, which the phrase patterns add)
/// or `\d` of the folded character differs from Python's of the character, and mark those with a stand-in.
#[allow(clippy::type_complexity)]
fn split_by_stand_ins(runs: &[(u32, u16, i32, i32)]) -> Result<(Vec<u32>, Vec<Props>), TableError> {
    let classes = [
        (regex_class(r"\w")?, WORD),
        (regex_class(r"[\s\x1c-\x1f]")?, SPACE),
        (regex_class(r"\d")?, DECIMAL),
    ];
    let mut starts = Vec::with_capacity(runs.len() * 2);
    let mut props: Vec<Props> = Vec::with_capacity(runs.len() * 2);
    for (i, &(start, flags, lower_delta, fold_delta)) in runs.iter().enumerate() {
        let end = runs.get(i + 1).map_or(0x110000, |run| run.0); // exclusive
                                                                 // Where the regex crate's classes may change along the run: its range edges, shifted back.
        let (lo_folded, hi_folded) = (
            start as i64 + fold_delta as i64,
            end as i64 + fold_delta as i64,
        );
        let mut cuts = vec![start];
        for (delta, lo_at, hi_at) in [
            (fold_delta as i64, lo_folded, hi_folded),
            (0, start as i64, end as i64),
        ] {
            for (ranges, _) in &classes {
                let first = ranges.partition_point(|&(_, hi)| (hi as i64) < lo_at);
                for &(lo, hi) in ranges[first..]
                    .iter()
                    .take_while(|&&(lo, _)| (lo as i64) < hi_at)
                {
                    for edge in [lo as i64, hi as i64 + 1] {
                        let at = edge - delta;
                        if at > start as i64 && at < end as i64 {
                            cuts.push(at as u32);
                        }
                    }
                }
            }
        }
        cuts.sort_unstable();
        cuts.dedup();
        let stand_in_for = |seen: u32| {
            let differs = classes
                .iter()
                .any(|(ranges, flag)| in_ranges(ranges, seen) != (flags & flag != 0));
            if !differs {
                0
            } else if flags & SPACE != 0 {
                3
            } else if flags & DECIMAL != 0 {
                2
            } else if flags & WORD != 0 {
                1
            } else {
                4
            }
        };
        for &cut in &cuts {
            let (stand_in, raw_stand_in) = if (0xd800..0xe000).contains(&cut) {
                (0, 0)
            } else {
                (
                    stand_in_for((cut as i64 + fold_delta as i64) as u32),
                    stand_in_for(cut),
                )
            };
            let p = Props {
                flags,
                lower_delta,
                fold_delta,
                stand_in,
                raw_stand_in,
            };
            if props.last() != Some(&p) {
                starts.push(cut);
                props.push(p);
            }
        }
    }
    // The stand-ins must read as they stand for.
    for (i, &c) in STAND_INS.iter().enumerate() {
        let want = [
            [true, false, false],
            [true, false, true],
            [false, true, false],
            [false, false, false],
        ][i];
        for ((ranges, _), wanted) in classes.iter().zip(want) {
            if in_ranges(ranges, c as u32) != wanted {
                return Err(TableError(format!(
                    "the stand-in U+{:04X} is not what it stands for",
                    c as u32
                )));
            }
        }
    }
    Ok((starts, props))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_ascii_byte_s_flags_are_its_character_s() {
        for version in versions() {
            let table = Table::load(version).unwrap();
            for b in 0..128u8 {
                assert_eq!(table.ascii_flags(b), table.props(char::from(b)).flags);
            }
        }
    }

    #[test]
    fn every_table_loads() {
        for version in versions() {
            let table = Table::load(version).unwrap();
            assert_eq!(table.version, version);
            assert!(table.props('a').has(ALPHA | WORD));
            assert!(table.props(' ').has(SPACE));
            assert_eq!(table.regex_char('A'), 'a');
            // a combining mark is a word character to the regex crate, not to Python's re
            assert_eq!(table.regex_char('\u{301}'), STAND_INS[3]);
        }
    }

    #[test]
    fn lower_follows_python() {
        let table = Table::load("14.0.0").unwrap();
        let lower = |s: &str| {
            let chars: Vec<char> = s.chars().collect();
            let mut out = Vec::new();
            table.lower_into(&chars, 0, chars.len(), &mut out);
            out.into_iter().collect::<String>()
        };
        assert_eq!(lower("ΟΔΟΣ ΣΑΣ"), "οδος σας");
        assert_eq!(lower("İstanbul"), "i\u{307}stanbul");
        assert_eq!(lower("Σ"), "σ");
    }

    /// `lower_str_into` of a line mixing ASCII and other characters (each run of ASCII lower-cased whole) is the
    /// table's lower case character by character, a final sigma's context read across the runs and the slice.
    #[test]
    fn a_mixed_line_lowers_as_its_characters_do() {
        for version in versions() {
            let table = Table::load(version).unwrap();
            for text in [
                "“Quoted” — Ann LEE’s Line",
                "ΟΔΟΣ ΣΑΣ and MORE",
                "AΣ b",
                "xΣ. Σa ÉCOLE İstanbul",
                "ends with É",
                "ÉA",
            ] {
                let chars: Vec<char> = text.chars().collect();
                let mut expected = Vec::new();
                table.lower_into(&chars, 0, chars.len(), &mut expected);
                let mut out = String::from("kept ");
                table.lower_str_into(text, 0, text.len(), &mut out);
                assert_eq!(
                    out,
                    format!("kept {}", expected.into_iter().collect::<String>()),
                    "{version} {text:?}"
                );
                // a slice, its sigma's context read from the whole text
                let (start, end) = (text.char_indices().nth(1).unwrap().0, text.len());
                let mut part = Vec::new();
                table.lower_into(&chars, 1, chars.len(), &mut part);
                let mut out = String::new();
                table.lower_str_into(text, start, end, &mut out);
                assert_eq!(
                    out,
                    part.into_iter().collect::<String>(),
                    "{version} {text:?} from 1"
                );
            }
        }
    }

    /// `lower_str_into` keeps a character that is its own lower case in the span it copies whole: every
    /// character of the Basic Multilingual Plane, between ASCII and after another outside it, lowers as
    /// the table says it does one character at a time.
    #[test]
    fn every_bmp_character_lowers_as_the_table_says() {
        for version in versions() {
            let table = Table::load(version).unwrap();
            for code in 0x80u32..0x10000 {
                let Some(c) = char::from_u32(code) else {
                    continue;
                };
                let text = format!("A{c}b\u{e9}{c}\u{c9}");
                let chars: Vec<char> = text.chars().collect();
                let mut expected = Vec::new();
                table.lower_into(&chars, 0, chars.len(), &mut expected);
                let mut out = String::new();
                table.lower_str_into(&text, 0, text.len(), &mut out);
                assert_eq!(
                    out,
                    expected.into_iter().collect::<String>(),
                    "U+{code:04X} in {version}"
                );
            }
        }
    }

    /// `lower_str_into` lower-cases ASCII without the table: every table must agree, character by character.
    #[test]
    fn ascii_lowers_as_the_table_says() {
        for version in versions() {
            let table = Table::load(version).unwrap();
            for b in 0u8..128 {
                let c = b as char;
                let mut chars = Vec::new();
                table.lower_into(&[c], 0, 1, &mut chars);
                assert_eq!(
                    chars,
                    vec![c.to_ascii_lowercase()],
                    "U+{b:04X} in {version}"
                );
            }
            let mut out = String::from("kept ");
            table.lower_str_into("x MIXED Case, 42!", 2, 12, &mut out);
            assert_eq!(out, "kept mixed case");
        }
    }

    /// `patterns::raw_line` leaves ASCII as it is without asking the table: every table must agree.
    #[test]
    fn ascii_is_its_own_raw_char() {
        for version in versions() {
            let table = Table::load(version).unwrap();
            for b in 0u8..128 {
                assert_eq!(
                    table.raw_char(b as char),
                    b as char,
                    "U+{b:04X} in {version}"
                );
            }
        }
    }
}
