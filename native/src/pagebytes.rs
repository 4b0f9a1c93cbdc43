//! The page's UTF-8 bytes as the HTML parser is handed them (`cleaner.html.parse.parse_html`).
//!
//! `</body>` and `</html>` end tags are dropped before libxml2 parses the page (it drops everything after
//! them; a browser does not). The Python reference is one `re.sub` of `</(?:body|html)\s*>` (ASCII case
//! ignored, `\s` the six ASCII spaces of a bytes pattern): its search steps through every byte of the page
//! (~8 instructions a byte, 1.8% of a wcxb page's). Here `memchr`'s `memmem` finds each `</`, and only those
//! are looked at.

use memchr::memmem;

/// What `\s` matches in a bytes pattern of Python's `re`: space, `\t`, `\n`, `\r`, `\x0b`, `\x0c`.
fn is_re_space(byte: u8) -> bool {
    matches!(byte, b' ' | b'\t' | b'\n' | b'\r' | b'\x0b' | b'\x0c')
}

/// The end of a `</body\s*>` or `</html\s*>` (any ASCII case) starting at `at` (where `data` holds `</`).
fn end_tag_end(data: &[u8], at: usize) -> Option<usize> {
    let name = data.get(at + 2..at + 6)?;
    if !name.eq_ignore_ascii_case(b"body") && !name.eq_ignore_ascii_case(b"html") {
        return None;
    }
    let mut end = at + 6;
    while end < data.len() && is_re_space(data[end]) {
        end += 1;
    }
    (data.get(end) == Some(&b'>')).then_some(end + 1)
}

/// `data` without its `</body>` and `</html>` end tags, as `re.sub(rb"</(?:body|html)\s*>", b"", data,
/// flags=re.I)` makes it (leftmost matches first, none overlapping), or `None` when it has none.
pub fn without_document_end_tags(data: &[u8]) -> Option<Vec<u8>> {
    let mut out: Option<Vec<u8>> = None;
    let mut copied = 0;
    for at in memmem::find_iter(data, b"</") {
        if at < copied {
            continue;
        }
        if let Some(end) = end_tag_end(data, at) {
            let kept = out.get_or_insert_with(|| Vec::with_capacity(data.len()));
            kept.extend_from_slice(&data[copied..at]);
            copied = end;
        }
    }
    out.map(|mut kept| {
        kept.extend_from_slice(&data[copied..]);
        kept
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dropped(data: &[u8]) -> Vec<u8> {
        without_document_end_tags(data).unwrap_or_else(|| data.to_vec())
    }

    #[test]
    fn end_tags_are_dropped_in_any_case_with_spaces_before_the_bracket() {
        assert_eq!(dropped(b"<p>a</p></body></html>"), b"<p>a</p>");
        assert_eq!(dropped(b"x</BoDy \t\n>y</HTML\x0b\x0c>z"), b"xyz");
        assert_eq!(
            dropped(b"</body x></bodyx></ body></html"),
            b"</body x></bodyx></ body></html"
        );
        assert_eq!(dropped(b"<</</body>>"), b"<</>");
        assert!(without_document_end_tags(b"<p>no end tags</p>").is_none());
        assert!(without_document_end_tags(b"").is_none());
    }
}
