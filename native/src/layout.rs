//! The HTML layout walk (`cleaner.html.layout.LineBuilder.walk`) over the parsed tree itself: the page cut
//! into lines at block boundaries, each line with what its markup says (`Markup`'s fields).
//!
//! The walk in Python was the largest single part of an HTML page's time (~24%): a proxy object, a dict and
//! a few calls per element. Here the tree lxml parsed is read where libxml2 keeps it: lxml's element object
//! is its public C struct (`LxmlElement`: the object's header, the document, then the `xmlNode*`), and
//! libxml2's nodes and attributes are its public, long-stable structs (`xmlNode`, `xmlAttr`). The Python walk
//! stays the reference (`CLEANER_PURE_PYTHON`, and every page this walk refuses); the glue checks the struct
//! before trusting it (the node is an element named as lxml names it) and compares the two walks on a page of
//! its own the first time (`cleaner.html.layout.native_walker`).
//!
//! The rules are the Python walk's, step for step: which elements are walked, which get a frame of their own,
//! where a line breaks, how `<pre>` keeps its breaks, what a line inherits from its frames (heading level,
//! containers, depth, hidden), its region words near and far, its link characters and its look-alike
//! siblings. The element sets and the region vocabulary come from the Python module (the one place they are
//! kept). The walk refuses (`None`: the Python walk runs) a page it cannot read as Python would without the
//! running Python's Unicode tables: a role, itemprop or style value that is not ASCII where it is read, text
//! that is not UTF-8, an element or attribute in a namespace. A class or id value that is not ASCII is read
//! by the Python reference, asked for that value alone (`Layout::unread_words`).

use std::borrow::Cow;
use std::ffi::{c_char, c_void, CStr};

use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyList};
use rustc_hash::FxHashMap;

use crate::guarded;
use crate::regionwords::RegionWords;

/// libxml2's `xmlNode` (tree.h), the fields read here; the layout has not changed since libxml2 2.0.
#[repr(C)]
struct XmlNode {
    private: *mut c_void,
    kind: i32,
    name: *const c_char,
    children: *mut XmlNode,
    last: *mut XmlNode,
    parent: *mut XmlNode,
    next: *mut XmlNode,
    prev: *mut XmlNode,
    doc: *mut c_void,
    ns: *mut c_void,
    content: *const c_char,
    properties: *mut XmlAttr,
}

/// libxml2's `xmlAttr`, its fields up to the namespace (the same prefix as `xmlNode`'s).
#[repr(C)]
struct XmlAttr {
    private: *mut c_void,
    kind: i32,
    name: *const c_char,
    children: *mut XmlNode,
    last: *mut XmlNode,
    parent: *mut XmlNode,
    next: *mut XmlAttr,
    prev: *mut XmlAttr,
    doc: *mut c_void,
    ns: *mut c_void,
}

/// lxml's `_Element` (`LxmlElement` in its public C API: etreepublic.pxd): the object header, then the
/// document and the node.
#[repr(C)]
struct LxmlElement {
    head: pyo3::ffi::PyObject,
    doc: *mut c_void,
    node: *mut XmlNode,
}

const ELEMENT: i32 = 1;
const ATTRIBUTE: i32 = 2;
const TEXT: i32 = 3;
const CDATA: i32 = 4;
const ENTITY_REF: i32 = 5;
const PI: i32 = 7;
const COMMENT: i32 = 8;
const XINCLUDE_START: i32 = 19;
const XINCLUDE_END: i32 = 20;

/// The depth a line's facts count up to (`PATH_LIMIT - 1`).
const DEPTH_CAP: u32 = 63;

/// What the walk knows of a tag name (from the Python module's sets).
#[derive(Clone, Copy, Default)]
struct TagKind {
    not_walked: bool,
    framed: bool,
    block: bool,
    container: bool,
    heading: u8,
}

/// The layout's rules: the element sets and the region vocabulary, handed over by the Python module.
#[pyclass(frozen, module = "cleaner._native")]
pub struct Layout {
    tags: FxHashMap<Vec<u8>, TagKind>,
    words: RegionWords,
    roles: FxHashMap<String, String>,
    role_chars: usize,
    style_chars: usize,
    /// The Python reference's reading of a class or id value (`cleaner.html.words.region_words`), asked of
    /// a value the core does not read ([`Layout::unread_words`]); without it the walk refuses such a page.
    unread: Option<Py<PyAny>>,
}

/// One frame: an element that matters to the walk (`_Frame`).
struct Frame<'a> {
    parent: i64,
    tag: &'a [u8],
    block: bool,
    link: bool,
    pre: bool,
    /// Its block frame (`block_frame`): itself, or the nearest block around it.
    block_frame: u32,
    words: u32,
    /// `_facts`: heading level, containers (a set), depth, hidden.
    heading: u8,
    containers: u32,
    depth: u32,
    hidden: bool,
    all_words: u32,
    text_near: Option<u32>,
    signature: u32,
}

/// Sets of strings (region words, container tags) made once each: ids of sorted string ids.
#[derive(Default)]
struct Sets {
    strings: Vec<String>,
    string_ids: FxHashMap<String, u32>,
    sets: Vec<Vec<u32>>,
    set_ids: FxHashMap<Vec<u32>, u32>,
    unions: FxHashMap<(u32, u32), u32>,
}

impl Sets {
    fn new() -> Self {
        let mut sets = Sets::default();
        sets.set_of(Vec::new()); // 0: the empty set
        sets
    }

    fn string(&mut self, s: &str) -> u32 {
        if let Some(&id) = self.string_ids.get(s) {
            return id;
        }
        let id = self.strings.len() as u32;
        self.strings.push(s.to_string());
        self.string_ids.insert(s.to_string(), id);
        id
    }

    fn set_of(&mut self, mut members: Vec<u32>) -> u32 {
        members.sort_unstable();
        members.dedup();
        if let Some(&id) = self.set_ids.get(&members) {
            return id;
        }
        let id = self.sets.len() as u32;
        self.sets.push(members.clone());
        self.set_ids.insert(members, id);
        id
    }

    fn union(&mut self, a: u32, b: u32) -> u32 {
        if a == b || b == 0 {
            return a;
        }
        if a == 0 {
            return b;
        }
        let key = if a < b { (a, b) } else { (b, a) };
        if let Some(&id) = self.unions.get(&key) {
            return id;
        }
        let mut members = self.sets[a as usize].clone();
        members.extend_from_slice(&self.sets[b as usize]);
        let id = self.set_of(members);
        self.unions.insert(key, id);
        id
    }
}

/// Python's `str.isspace` for one character (White_Space and the four information separators).
fn py_space(c: char) -> bool {
    c.is_whitespace() || ('\x1c'..='\x1f').contains(&c)
}

/// `cleaner.html.words.shown`: the line as a browser shows it, `" ".join(text.split())` (Python's white
/// space), then, where a C0 control character or DEL is left, those dropped and the white space collapsed
/// again (the Python function does that second step only for a text that is not `isprintable()`: on any other
/// it changes nothing). Done here, the Python walk's glue no longer makes a second copy of every line.
fn shown(text: &str) -> String {
    let once = collapsed(text, |_| false);
    if once.chars().any(control) {
        collapsed(&once, control)
    } else {
        once
    }
}

/// A C0 control character or DEL (`words._CONTROLS`).
fn control(c: char) -> bool {
    c < '\x20' || c == '\x7f'
}

/// `" ".join(kept.split())`, where `kept` is `text` without the characters `dropped` holds.
fn collapsed(text: &str, dropped: impl Fn(char) -> bool) -> String {
    let mut out = String::with_capacity(text.len());
    let mut gap = false;
    for c in text.chars() {
        if dropped(c) {
            continue;
        }
        if py_space(c) {
            gap = !out.is_empty();
        } else {
            if gap {
                out.push(' ');
                gap = false;
            }
            out.push(c);
        }
    }
    out
}

fn py_is_space(text: &str) -> bool {
    !text.is_empty() && text.chars().all(py_space)
}

/// `len(text.strip())` in characters.
fn py_stripped_chars(text: &str) -> usize {
    text.trim_matches(py_space).chars().count()
}

/// Why the walk gives the page to the Python reference.
struct Refused;

/// A node's text and the text nodes after it (`_collectText`: text and CDATA nodes, XInclude marks passed).
unsafe fn collect_text<'a>(mut node: *const XmlNode) -> Result<Option<Cow<'a, str>>, Refused> {
    let mut found: Option<Cow<'a, str>> = None;
    while !node.is_null() {
        let kind = (*node).kind;
        if kind == TEXT || kind == CDATA {
            let piece = node_text((*node).content)?;
            found = Some(match found {
                None => Cow::Borrowed(piece),
                Some(before) => Cow::Owned(before.into_owned() + piece),
            });
        } else if kind != XINCLUDE_START && kind != XINCLUDE_END {
            break;
        }
        node = (*node).next;
    }
    Ok(found)
}

unsafe fn node_text<'a>(content: *const c_char) -> Result<&'a str, Refused> {
    if content.is_null() {
        return Ok("");
    }
    std::str::from_utf8(CStr::from_ptr(content).to_bytes()).map_err(|_| Refused)
}

/// An attribute's value as lxml gives it (its text nodes' content; an attribute without one is '').
unsafe fn attribute_value<'a>(attr: *const XmlAttr) -> Result<Cow<'a, str>, Refused> {
    let mut child = (*attr).children as *const XmlNode;
    let mut value: Cow<'a, str> = Cow::Borrowed("");
    while !child.is_null() {
        if (*child).kind != TEXT {
            return Err(Refused);
        }
        let piece = node_text((*child).content)?;
        value = if value.is_empty() {
            Cow::Borrowed(piece)
        } else {
            Cow::Owned(value.into_owned() + piece)
        };
        child = (*child).next;
    }
    Ok(value)
}

/// The telling attributes of an element (`_TELLING`), the last of a name winning as in a dict.
#[derive(Default)]
struct Telling<'a> {
    any: bool,
    class: Option<Cow<'a, str>>,
    id: Option<Cow<'a, str>>,
    role: Option<Cow<'a, str>>,
    itemprop: Option<Cow<'a, str>>,
    style: Option<Cow<'a, str>>,
    hidden: bool,
    aria_hidden: Option<Cow<'a, str>>,
}

unsafe fn telling<'a>(node: *const XmlNode) -> Result<Telling<'a>, Refused> {
    let mut found = Telling::default();
    let mut attr = (*node).properties as *const XmlAttr;
    while !attr.is_null() {
        if (*attr).kind == ATTRIBUTE && (*attr).ns.is_null() && !(*attr).name.is_null() {
            let name = CStr::from_ptr((*attr).name).to_bytes();
            let slot = match name {
                b"class" => Some(&mut found.class),
                b"id" => Some(&mut found.id),
                b"role" => Some(&mut found.role),
                b"itemprop" => Some(&mut found.itemprop),
                b"style" => Some(&mut found.style),
                b"aria-hidden" => Some(&mut found.aria_hidden),
                b"hidden" => {
                    found.hidden = true;
                    found.any = true;
                    None
                }
                _ => None,
            };
            if let Some(slot) = slot {
                *slot = Some(attribute_value(attr)?);
                found.any = true;
            }
        }
        attr = (*attr).next;
    }
    Ok(found)
}

/// Numbers a row carries (`Layout.lines`' columns): blank_before, block, link_chars, tag (an index into the
/// tags), heading, containers, depth, hidden, near, far, repeats.
pub const ROW_VALUES: usize = 11;
/// A frame's look-alike key (`_Frame.signature`): its parent's id, its tag, its class value.
type Signature<'a> = (i64, &'a [u8], Option<Cow<'a, str>>);
/// What the walk gives: each row's text, its numbers ([`ROW_VALUES`] a row), the tag names and the sets of
/// strings they name, each frame's parent.
type Walked = (
    Vec<String>,
    Vec<u32>,
    Vec<String>,
    Vec<Vec<String>>,
    Vec<i64>,
);
/// What `Layout.lines` hands to Python: the texts, the numbers as native-endian `u32`s, the tags, the sets,
/// each frame's parent as native-endian `i64`s.
type Handed<'py> = Option<(
    Bound<'py, PyList>,
    Bound<'py, PyBytes>,
    Vec<String>,
    Vec<Vec<String>>,
    Bound<'py, PyBytes>,
)>;

struct Walk<'a, 'r> {
    rules: &'r Layout,
    sets: Sets,
    frames: Vec<Frame<'a>>,
    signatures: FxHashMap<Signature<'a>, u32>,
    counts: Vec<u32>,
    rows: Vec<(String, bool, u32, usize, u32)>,
    buf: String,
    link_chars: usize,
    anchor: Option<u32>,
    near: u32,
    last: Option<u32>,
    soft: bool,
    container_ids: FxHashMap<&'a [u8], u32>,
    word_cache: FxHashMap<[Option<Cow<'a, str>>; 4], u32>,
}

impl<'a, 'r> Walk<'a, 'r> {
    fn flush(&mut self, soft: bool) {
        let Some(anchor) = self.anchor else {
            self.buf.clear();
            if !soft {
                self.soft = false;
            }
            return;
        };
        let text = std::mem::take(&mut self.buf);
        self.rows
            .push((text, !self.soft, anchor, self.link_chars, self.near));
        self.soft = soft;
        self.link_chars = 0;
        self.anchor = None;
        self.near = 0;
        self.last = None;
    }

    /// `_region_words`: an element's words from its class, id, role and itemprop (the page's template
    /// repeats them: worked out once per distinct four values).
    fn region_words(&mut self, t: &Telling<'a>) -> Result<u32, Refused> {
        let key = [
            t.class.clone(),
            t.id.clone(),
            t.role.clone(),
            t.itemprop.clone(),
        ];
        if let Some(&known) = self.word_cache.get(&key) {
            return Ok(known);
        }
        let found = self.region_words_of(t)?;
        self.word_cache.insert(key, found);
        Ok(found)
    }

    fn region_words_of(&mut self, t: &Telling<'a>) -> Result<u32, Refused> {
        let mut members: Vec<u32> = Vec::new();
        for value in [&t.class, &t.id].into_iter().flatten() {
            if value.is_empty() {
                continue;
            }
            let words = match self.rules.words.words(value) {
                Some(words) => words,
                None => self.rules.unread_words(value)?,
            };
            for word in words {
                members.push(self.sets.string(&word));
            }
        }
        for value in [&t.role, &t.itemprop].into_iter().flatten() {
            if value.is_empty() {
                continue;
            }
            let stripped = value.trim_matches(py_space);
            if !stripped.is_ascii() {
                return Err(Refused);
            }
            let lowered: String = stripped
                .to_ascii_lowercase()
                .chars()
                .take(self.rules.role_chars)
                .collect();
            if let Some(mapped) = self.rules.roles.get(&lowered) {
                members.push(self.sets.string(mapped));
            }
        }
        Ok(self.sets.set_of(members))
    }

    /// `_is_hidden` over an element's telling attributes.
    fn is_hidden(&self, t: &Telling<'a>) -> Result<bool, Refused> {
        if t.hidden || t.aria_hidden.as_deref() == Some("true") {
            return Ok(true);
        }
        let Some(style) = t.style.as_deref() else {
            return Ok(false);
        };
        let read: &str = match style.char_indices().nth(self.rules.style_chars) {
            Some((at, _)) => &style[..at],
            None => style,
        };
        if !read.is_ascii() {
            return Err(Refused);
        }
        Ok(hidden_style(read.as_bytes()))
    }

    fn text_near(&mut self, frame: u32) -> u32 {
        if let Some(known) = self.frames[frame as usize].text_near {
            return known;
        }
        let own = self.near_words(frame);
        let f = &self.frames[frame as usize];
        let value = if f.block {
            own
        } else {
            let block = f.block_frame;
            let theirs = self.near_words(block);
            self.sets.union(own, theirs)
        };
        self.frames[frame as usize].text_near = Some(value);
        value
    }

    fn near_words(&mut self, frame: u32) -> u32 {
        let f = &self.frames[frame as usize];
        let mut near = f.words;
        if f.parent >= 0 {
            let (pw, pp) = {
                let p = &self.frames[f.parent as usize];
                (p.words, p.parent)
            };
            near = self.sets.union(near, pw);
            if pp >= 0 {
                let gw = self.frames[pp as usize].words;
                near = self.sets.union(near, gw);
            }
        }
        near
    }

    /// Text flowing into the line being built from `owner` (`_add`, `_add_piece`).
    fn add_text(&mut self, text: &str, owner: u32) {
        if self.frames[owner as usize].pre {
            if text.contains('\n') {
                let mut pieces = text.split('\n');
                if let Some(first) = pieces.next() {
                    self.add_piece(first, owner);
                }
                for piece in pieces {
                    self.flush(true);
                    self.add_piece(piece, owner);
                }
                return;
            }
            self.add_piece(text, owner);
            return;
        }
        self.add_piece(text, owner);
    }

    fn add_piece(&mut self, text: &str, owner: u32) {
        if text.is_empty() || py_is_space(text) {
            if self.anchor.is_some() {
                self.buf.push_str(text);
            }
            return;
        }
        self.buf.push_str(text);
        if self.anchor.is_none() {
            self.anchor = Some(self.frames[owner as usize].block_frame);
        }
        if self.frames[owner as usize].link {
            self.link_chars += py_stripped_chars(text);
        }
        if self.last != Some(owner) {
            self.last = Some(owner);
            let near = self.text_near(owner);
            self.near = self.sets.union(self.near, near);
        }
    }

    fn container_set(&mut self, inherited: u32, tag: &'a [u8]) -> u32 {
        let id = match self.container_ids.get(tag) {
            Some(&id) => id,
            None => {
                let id = self
                    .sets
                    .string(std::str::from_utf8(tag).unwrap_or_default());
                let single = self.sets.set_of(vec![id]);
                self.container_ids.insert(tag, single);
                single
            }
        };
        self.sets.union(inherited, id)
    }

    /// A new frame for `node` (`_Frame.__init__`, its signature counted, its facts and far words worked out).
    fn open_frame(
        &mut self,
        tag: &'a [u8],
        kind: TagKind,
        parent: Option<u32>,
        t: &Telling<'a>,
    ) -> Result<u32, Refused> {
        let id = self.frames.len() as u32;
        let words = if t.any { self.region_words(t)? } else { 0 };
        let hidden_here = t.any && self.is_hidden(t)?;
        let (parent_id, link, pre, block_frame, heading, containers, depth, hidden, all) =
            match parent {
                None => (
                    -1i64,
                    tag == b"a",
                    tag == b"pre",
                    id,
                    0u8,
                    0u32,
                    0u32,
                    false,
                    0u32,
                ),
                Some(p) => {
                    let f = &self.frames[p as usize];
                    let block_frame = if kind.block { id } else { f.block_frame };
                    (
                        p as i64,
                        tag == b"a" || f.link,
                        tag == b"pre" || f.pre,
                        block_frame,
                        f.heading,
                        f.containers,
                        (f.depth + 1).min(DEPTH_CAP),
                        f.hidden,
                        f.all_words,
                    )
                }
            };
        let heading = if kind.heading > 0 {
            kind.heading
        } else {
            heading
        };
        let containers = if kind.container {
            self.container_set(containers, tag)
        } else {
            containers
        };
        let all_words = self.sets.union(all, words);
        let key = (parent_id, tag, t.class.clone());
        let signature = match self.signatures.get(&key) {
            Some(&s) => s,
            None => {
                let s = self.counts.len() as u32;
                self.counts.push(0);
                self.signatures.insert(key, s);
                s
            }
        };
        self.counts[signature as usize] += 1;
        self.frames.push(Frame {
            parent: parent_id,
            tag,
            block: kind.block,
            link,
            pre,
            block_frame,
            words,
            heading,
            containers,
            depth,
            hidden: hidden || hidden_here,
            all_words,
            text_near: None,
            signature,
        });
        Ok(id)
    }
}

/// `display\s*:\s*none|visibility\s*:\s*hidden` searched case-insensitively in an ASCII style value.
fn hidden_style(style: &[u8]) -> bool {
    fn space(c: u8) -> bool {
        matches!(c, b'\t' | b'\n' | 0x0b | 0x0c | b'\r' | 0x1c..=0x1f | b' ')
    }
    fn at(style: &[u8], start: usize, name: &[u8], value: &[u8]) -> bool {
        let mut i = start + name.len();
        if i > style.len() || !style[start..i].eq_ignore_ascii_case(name) {
            return false;
        }
        while i < style.len() && space(style[i]) {
            i += 1;
        }
        if i >= style.len() || style[i] != b':' {
            return false;
        }
        i += 1;
        while i < style.len() && space(style[i]) {
            i += 1;
        }
        i + value.len() <= style.len() && style[i..i + value.len()].eq_ignore_ascii_case(value)
    }
    (0..style.len()).any(|start| {
        at(style, start, b"display", b"none") || at(style, start, b"visibility", b"hidden")
    })
}

impl Layout {
    /// The region words of a class or id value that is not ASCII where it is read ([`RegionWords::words`]
    /// does not read it: lowercasing it follows the running Python's Unicode tables), as the Python
    /// reference reads it (`unread`). Only the value crosses over: the reference reads no tree.
    ///
    /// Why: one such value (`id="Markaðstorg-footer"`, a React id `radix-«R29»`) made the page the Python
    /// walk's, 3 of the first 60 wcxb pages and ~3% of their instructions.
    fn unread_words(&self, value: &str) -> Result<Vec<String>, Refused> {
        let Some(unread) = &self.unread else {
            return Err(Refused);
        };
        Python::attach(|py| {
            unread
                .bind(py)
                .call1((value,))
                .and_then(|found| found.extract::<Vec<String>>())
        })
        .map_err(|_| Refused)
    }

    fn kind(&self, tag: &[u8]) -> TagKind {
        self.tags.get(tag).copied().unwrap_or_default()
    }

    /// The walk of the tree under `root` (`LineBuilder.walk`): the rows, the sets they name, each frame's
    /// parent; `Err(Refused)` for a page the Python walk must read.
    unsafe fn walk(&self, root: *const XmlNode) -> Result<Walked, Refused> {
        let mut w = Walk {
            rules: self,
            sets: Sets::new(),
            frames: Vec::new(),
            signatures: FxHashMap::default(),
            counts: Vec::new(),
            rows: Vec::new(),
            buf: String::new(),
            link_chars: 0,
            anchor: None,
            near: 0,
            last: None,
            soft: false,
            container_ids: FxHashMap::default(),
            word_cache: FxHashMap::default(),
        };
        // Per open node, the frame its text goes to and whether the node opened it.
        let mut stack: Vec<(Option<u32>, bool)> = Vec::new();
        let mut node = root;
        'walk: loop {
            // start
            let descend = {
                let kind = (*node).kind;
                let parent = stack.last().and_then(|&(frame, _)| frame);
                if kind != ELEMENT {
                    stack.push((parent, false));
                    false
                } else {
                    if !(*node).ns.is_null() || (*node).name.is_null() {
                        return Err(Refused);
                    }
                    let tag: &[u8] = CStr::from_ptr((*node).name).to_bytes();
                    let tk = self.kind(tag);
                    if tk.not_walked {
                        if tag == b"br" || tag == b"hr" {
                            w.flush(tag == b"br");
                        }
                        stack.push((parent, false));
                        false
                    } else {
                        let t = telling(node)?;
                        let framed = match parent {
                            None => true,
                            Some(p) => (t.any && !w.frames[p as usize].pre) || tk.framed,
                        };
                        let owner = if !framed {
                            stack.push((parent, false));
                            parent
                        } else {
                            let frame = w.open_frame(tag, tk, parent, &t)?;
                            if tk.block {
                                w.flush(false);
                            }
                            stack.push((Some(frame), true));
                            Some(frame)
                        };
                        if let Some(text) = collect_text((*node).children)? {
                            if !text.is_empty() {
                                w.add_text(
                                    &text,
                                    owner.expect("a walked element has a frame around it"),
                                );
                            }
                        }
                        true
                    }
                }
            };
            if descend {
                if let Some(child) = first_walked((*node).children) {
                    node = child;
                    continue 'walk;
                }
            }
            // end, then the next sibling or up
            loop {
                let (frame, own) = stack.pop().expect("every node ends once");
                if own {
                    let frame = frame.expect("an own frame") as usize;
                    if w.frames[frame].block {
                        w.flush(false);
                    }
                }
                if node != root && !stack.is_empty() {
                    if let Some(owner) = stack.last().and_then(|&(f, _)| f) {
                        if let Some(tail) = collect_text((*node).next)? {
                            if !tail.is_empty() {
                                w.add_text(&tail, owner);
                            }
                        }
                    }
                }
                if node == root {
                    break 'walk;
                }
                if let Some(next) = first_walked((*node).next) {
                    node = next;
                    continue 'walk;
                }
                node = (*node).parent;
            }
        }
        w.flush(false);
        let Walk {
            sets,
            frames,
            counts,
            rows,
            ..
        } = w;
        let mut texts = Vec::with_capacity(rows.len());
        let mut values = Vec::with_capacity(rows.len() * ROW_VALUES);
        let mut tags: Vec<String> = Vec::new();
        let mut tag_ids: FxHashMap<&[u8], u32> = FxHashMap::default();
        for (text, blank, anchor, link_chars, near) in rows {
            let f = &frames[anchor as usize];
            let own = counts[f.signature as usize];
            let (parents, far) = if f.parent >= 0 {
                let p = &frames[f.parent as usize];
                let above = p.parent;
                let far = if above >= 0 {
                    let far_frame = frames[above as usize].parent;
                    if far_frame >= 0 {
                        frames[far_frame as usize].all_words
                    } else {
                        0
                    }
                } else {
                    0
                };
                (counts[p.signature as usize], far)
            } else {
                (1, 0)
            };
            let tag = *tag_ids.entry(f.tag).or_insert_with(|| {
                tags.push(String::from_utf8_lossy(f.tag).into_owned());
                tags.len() as u32 - 1
            });
            texts.push(shown(&text));
            values.extend_from_slice(&[
                blank as u32,
                anchor,
                link_chars.min(u32::MAX as usize) as u32,
                tag,
                f.heading as u32,
                f.containers,
                f.depth,
                f.hidden as u32,
                near,
                far,
                own.max(parents),
            ]);
        }
        let named: Vec<Vec<String>> = sets
            .sets
            .iter()
            .map(|members| {
                members
                    .iter()
                    .map(|&id| sets.strings[id as usize].clone())
                    .collect()
            })
            .collect();
        let parents = frames.iter().map(|f| f.parent).collect();
        Ok((texts, values, tags, named, parents))
    }
}

/// The first node from `node` on (it and its next siblings) that lxml's walk visits: an element, a comment,
/// a processing instruction or an entity reference.
unsafe fn first_walked(mut node: *const XmlNode) -> Option<*const XmlNode> {
    while !node.is_null() {
        let kind = (*node).kind;
        if kind == ELEMENT || kind == COMMENT || kind == PI || kind == ENTITY_REF {
            return Some(node);
        }
        node = (*node).next;
    }
    None
}

/// Which author element (`cleaner.html.stated._author_elements`) an element is, by kind: its `itemprop` is
/// `author`; an `<a>` whose `rel` words (split at XML white space, as XPath's `normalize-space`) hold
/// `author`; an `<a>` whose `href` holds `/author/` or `/authors/`; its `class` holds `author`, `byline`,
/// `Author` or `Byline`. Each attribute is the first of its name, as lxml's `get` reads it.
unsafe fn author_kinds(node: *const XmlNode) -> Result<[bool; 4], Refused> {
    let anchor = CStr::from_ptr((*node).name).to_bytes() == b"a";
    let (mut itemprop, mut rel, mut href, mut class) = (false, false, false, false);
    let mut kinds = [false; 4];
    let mut attr = (*node).properties as *const XmlAttr;
    while !attr.is_null() {
        if (*attr).kind == ATTRIBUTE && (*attr).ns.is_null() && !(*attr).name.is_null() {
            let name = CStr::from_ptr((*attr).name).to_bytes();
            let first = match name {
                b"itemprop" => !std::mem::replace(&mut itemprop, true),
                b"rel" if anchor => !std::mem::replace(&mut rel, true),
                b"href" if anchor => !std::mem::replace(&mut href, true),
                b"class" => !std::mem::replace(&mut class, true),
                _ => false,
            };
            if first {
                let value = attribute_value(attr)?;
                match name {
                    b"itemprop" => kinds[0] = value == "author",
                    b"rel" => {
                        kinds[1] = value
                            .split([' ', '\t', '\r', '\n'])
                            .any(|word| word == "author")
                    }
                    b"href" => kinds[2] = value.contains("/author/") || value.contains("/authors/"),
                    _ => {
                        kinds[3] = ["author", "byline", "Author", "Byline"]
                            .iter()
                            .any(|word| value.contains(word))
                    }
                }
            }
        }
        attr = (*attr).next;
    }
    Ok(kinds)
}

/// Does lxml count this node as a child (`_isElement`: an element, comment, entity reference or processing
/// instruction), so that `element[i]` finds it?
unsafe fn counted(node: *const XmlNode) -> bool {
    matches!((*node).kind, ELEMENT | COMMENT | ENTITY_REF | PI)
}

/// The author elements under `top` and `top` itself (`_author_elements`), in document order, all of the
/// first kind, then the second's…: each as its path from `top`, the child indices lxml's `element[i]` takes.
/// Only elements are descended into, as lxml's `iter` descends.
unsafe fn author_paths(top: *const XmlNode) -> Result<Vec<Vec<u32>>, Refused> {
    let mut found: [Vec<Vec<u32>>; 4] = Default::default();
    let mut path: Vec<u32> = Vec::new();
    let mut node = top;
    'visit: loop {
        if !(*node).ns.is_null() || (*node).name.is_null() {
            return Err(Refused);
        }
        for (kind, is) in author_kinds(node)?.into_iter().enumerate() {
            if is {
                found[kind].push(path.clone());
            }
        }
        let mut child = (*node).children as *const XmlNode;
        let mut index = 0u32;
        while !child.is_null() {
            if (*child).kind == ELEMENT {
                path.push(index);
                node = child;
                continue 'visit;
            }
            if counted(child) {
                index += 1;
            }
            child = (*child).next;
        }
        while node != top {
            let mut index = path.pop().unwrap_or(0);
            let mut sibling = (*node).next as *const XmlNode;
            while !sibling.is_null() {
                if counted(sibling) {
                    index += 1;
                }
                if (*sibling).kind == ELEMENT {
                    path.push(index);
                    node = sibling;
                    continue 'visit;
                }
                sibling = (*sibling).next;
            }
            node = (*node).parent;
        }
        return Ok(found.into_iter().flatten().collect());
    }
}

/// The libxml2 node of `element`, an lxml element (its C struct is lxml's public `LxmlElement`), if it is an
/// element named `tag`; `None` for anything else, which the caller leaves to the Python walk.
///
/// # Safety
/// `element` must be an lxml `_Element` (the caller checks `isinstance`), and the GIL held.
unsafe fn element_node(element: &Bound<'_, PyAny>, tag: &str) -> Option<*const XmlNode> {
    let object = element.as_ptr() as *const LxmlElement;
    let node = (*object).node as *const XmlNode;
    if node.is_null()
        || (*node).kind != ELEMENT
        || (*node).name.is_null()
        || CStr::from_ptr((*node).name).to_bytes() != tag.as_bytes()
    {
        return None;
    }
    Some(node)
}

#[pymethods]
impl Layout {
    /// The rules: `tags` maps a tag name to (not walked, framed, block, container, heading level);
    /// `categories` and `value_chars` are the region vocabulary (`RegionWords`); `roles` maps a role or
    /// itemprop value to its word, read up to `role_chars` characters; a style is read up to `style_chars`;
    /// `unread` reads a class or id value the core does not ([`Layout::unread_words`]).
    #[new]
    #[pyo3(signature = (tags, categories, value_chars, roles, role_chars, style_chars, unread=None))]
    fn new(
        tags: Vec<(String, bool, bool, bool, bool, u8)>,
        categories: Vec<(Vec<String>, Vec<String>)>,
        value_chars: usize,
        roles: Vec<(String, String)>,
        role_chars: usize,
        style_chars: usize,
        unread: Option<Py<PyAny>>,
    ) -> Self {
        let tags = tags
            .into_iter()
            .map(|(name, not_walked, framed, block, container, heading)| {
                (
                    name.into_bytes(),
                    TagKind {
                        not_walked,
                        framed,
                        block,
                        container,
                        heading,
                    },
                )
            })
            .collect();
        Layout {
            tags,
            words: RegionWords::build(categories, value_chars),
            roles: roles.into_iter().collect(),
            role_chars,
            style_chars,
            unread,
        }
    }

    /// The lines of the tree under `element` (an lxml element: checked by the caller), as columns: each
    /// line's text (before `shown`), its numbers ([`ROW_VALUES`] a line: blank_before, block, link_chars,
    /// tag, heading, containers, depth, hidden, near, far, repeats; `tag` an index into the tags returned,
    /// `containers`, `near` and `far` into the sets), the tags, the sets, and each frame's parent. No Python
    /// object per line but its text: a big page's rows are not a second copy of its lines. `None` for a page
    /// the Python walk must read.
    fn lines<'py>(
        &self,
        py: Python<'py>,
        element: &Bound<'py, PyAny>,
        tag: &str,
    ) -> PyResult<Handed<'py>> {
        guarded(|| {
            // SAFETY: the caller hands an lxml element (`isinstance(element, etree._Element)`), checked by
            // `element_node`. The GIL is held and no Python code runs during the walk, so the tree does not
            // change under it.
            let walked = unsafe {
                let Some(node) = element_node(element, tag) else {
                    return Ok(None);
                };
                self.walk(node)
            };
            let Ok((texts, values, tags, sets, parents)) = walked else {
                return Ok(None);
            };
            let list = PyList::new(py, texts)?;
            let values: Vec<u8> = values.iter().flat_map(|v| v.to_ne_bytes()).collect();
            let parents: Vec<u8> = parents.iter().flat_map(|p| p.to_ne_bytes()).collect();
            Ok(Some((
                list,
                PyBytes::new(py, &values),
                tags,
                sets,
                PyBytes::new(py, &parents),
            )))
        })
    }
    /// The page's author elements (`cleaner.html.stated._author_elements`, the reference) under `element`
    /// (the page's top lxml element, named `tag`: checked as [`Layout::lines`] checks it) and itself, each
    /// as its path of child indices from it; all of the first kind in document order, then the second's…
    /// `None` for a page the Python walk must read (an attribute or element it cannot read as lxml would).
    fn author_paths(
        &self,
        element: &Bound<'_, PyAny>,
        tag: &str,
    ) -> PyResult<Option<Vec<Vec<u32>>>> {
        guarded(|| {
            // SAFETY: as in `lines`: an lxml element whose node `element_node` checks; the GIL is held and
            // no Python code runs during the walk.
            let found = unsafe {
                let Some(node) = element_node(element, tag) else {
                    return Ok(None);
                };
                author_paths(node)
            };
            Ok(found.ok())
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hidden_styles_as_the_regex_finds_them() {
        assert!(hidden_style(b"display:none"));
        assert!(hidden_style(b"color: red; DISPLAY \t:  None !important"));
        assert!(hidden_style(b"visibility:hidden"));
        assert!(hidden_style(b"x;visibility\x1c:\x1fhiddenish"));
        assert!(!hidden_style(b"display: block"));
        assert!(!hidden_style(b"display-none"));
        assert!(!hidden_style(b"visibility: visible"));
        assert!(!hidden_style(b"displa"));
    }

    #[test]
    fn shown_as_the_python_function_shows_it() {
        for (text, expected) in [
            ("  a \t b\n", "a b"),
            ("a\x1fb", "a b"),
            ("a \x01 b\x7f", "a b"),
            ("\x01 a", "a"),
            ("a\u{200b} b\u{3000}c", "a\u{200b} b c"),
            ("\x07", ""),
            ("", ""),
        ] {
            assert_eq!(shown(text), expected, "{text:?}");
        }
    }

    #[test]
    fn python_white_space() {
        assert!(py_is_space(" \t\n\u{a0}\u{1c}\u{3000}"));
        assert!(!py_is_space(""));
        assert!(!py_is_space(" x "));
        assert!(!py_space('\u{200b}'));
        assert_eq!(py_stripped_chars("\u{1f} né \u{2003}"), 2);
    }
}
