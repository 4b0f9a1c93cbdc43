"""The rules of the per-line text path, read from the Python stages and handed to the native core.

The core holds algorithms only: every pattern, constant, reason, signal name and column expression it
uses comes from here, read from the modules that define them for the Python reference
(:mod:`cleaner.language`, :mod:`cleaner.stages.phrases`, :mod:`cleaner.stages.shapes`,
:mod:`cleaner.stages.repeats`, :mod:`cleaner.textmodel`). A regex is translated from Python's own parse
(:func:`pattern_spec`); a column's expression from Python's own ``ast`` (:func:`expression`). What the
core cannot do exactly as Python does is refused here (:class:`~cleaner.native.Untranslatable`), and the
Python reference runs instead.
"""

from __future__ import annotations

import math
import re
import sys
from functools import lru_cache

if sys.version_info >= (3, 11):
    import re._constants as sre
    import re._parser as sre_parse
else:  # pragma: no cover - Python 3.10
    import sre_constants as sre
    import sre_parse

from ..compat import TYPE_CHECKING
from . import SPECS_FILE, SPECS_VERSION, Untranslatable, _Translator, shipped_feature_regexes, shipped_rules_file

if TYPE_CHECKING:
    from typing import Any

#: The stages the core runs, in order, by the names decisions are stamped with.
STAGES = ("features", "phrases", "shapes", "scoring", "context", "repeats")
#: ``PhraseBook.classify``'s "how", by the core's number.
HOW = ("strong phrase", "whole line", "short line")


# --- regexes ------------------------------------------------------------------------------------------------

#: The rules' regexes translated for the core: :data:`cleaner.native.SPECS_FILE` (read there, where the feature
#: rules read it too; :data:`cleaner.native.SPECS_VERSION` is bumped whenever :func:`translate` translates
#: differently).


def pattern_spec(name: str, pattern: re.Pattern[str], anchored: bool = False) -> dict[str, Any]:
    """``pattern`` for the core (:func:`translate`), read from the shipped translations when they hold it."""
    key = _spec_key(pattern, anchored)
    spec = _shipped_specs().get(key) if _read_shipped else None
    if spec is None:
        spec = _translated[key] = translate(name, pattern, anchored)
    return {"name": name, **spec, "ranges": [tuple(pair) for pair in spec["ranges"]],
            "needles": _shipped_needles(spec["parts"])}


def _shipped_needles(parts: list[str]) -> list[list[bytes] | None] | None:
    """Each part's shipped needles (:data:`cleaner.native.NEEDLES_FILE`), or None unless every part has them
    (the core then parses the pattern at start for them)."""
    from . import shipped_needles

    shipped = shipped_needles() or {}
    found = [shipped.get(part, False) for part in parts]  # (False: not shipped; None: shipped, it has none)
    return None if False in found else found


#: Every translation made in this process, by key: what :func:`build_specs` collects.
_translated: dict[str, dict[str, Any]] = {}
#: Off while :func:`build_specs` translates every regex.
_read_shipped = True


def _spec_key(pattern: re.Pattern[str], anchored: bool) -> str:
    return f"{'match' if anchored else 'search'} {int(pattern.flags)} {pattern.pattern}"


def _shipped_specs() -> dict[str, dict[str, Any]]:
    """The shipped translations of the rules' regexes, by :func:`_spec_key`."""
    return shipped_rules_file().get("specs", {})


def build_specs() -> dict[str, Any]:
    """The translations of every regex the rules hand the core (:func:`shape_rules`, :func:`language_rules`,
    :func:`metadata_rules`, :func:`island_rules`),
    all made now, as :data:`SPECS_FILE` holds them."""
    global _read_shipped
    _translated.clear()
    _read_shipped = False
    try:
        shape_rules()
        language_rules()
        metadata_rules()
        island_rules()
    finally:
        _read_shipped = True
    import json

    from .. import lexicon
    from . import feature_regexes_key, translate_feature_regexes

    features = {feature_regexes_key(lexicon.SENTENCE_BREAK, lexicon.INNER_DATELINE):
                translate_feature_regexes(lexicon.SENTENCE_BREAK, lexicon.INNER_DATELINE)}
    return {"version": SPECS_VERSION, "specs": json.loads(json.dumps(_translated)),  # (tuples as lists)
            "features": json.loads(json.dumps(features))}


def translate(name: str, pattern: re.Pattern[str], anchored: bool = False) -> dict[str, Any]:
    """``pattern`` for the core: ``anchored`` for a pattern the Python code calls with ``match()``.

    A case-insensitive pattern runs on the folded line, a case-sensitive one on the line itself (both with
    the core's stand-ins). A pattern that starts ``^(?=X)Y`` comes as two parts, ``^X`` and ``^Y``, that
    must both match (the regex crate has no look-ahead).
    """
    ignorecase = bool(pattern.flags & re.I)
    parsed = sre_parse.parse(pattern.pattern, pattern.flags)
    if parsed.state.flags & (re.M | re.S | re.A | re.L):
        raise Untranslatable(f"{name}: flags that change what the pattern matches")
    items = list(parsed)
    translator = _Translator(ignorecase, raw=True)
    starts_anchored = anchored or bool(items) and items[0] == (sre.AT, sre.AT_BEGINNING)
    if items and items[0] == (sre.AT, sre.AT_BEGINNING):
        items = items[1:]
    parts = []
    if starts_anchored and items and items[0][0] is sre.ASSERT and items[0][1][0] == 1:
        parts.append("^(?:" + translator.sequence(items[0][1][1]) + ")")
        items = items[1:]
    body = translator.sequence(items)
    parts.append(("^(?:" + body + ")") if starts_anchored else body)
    return {"parts": parts, "folded": ignorecase, "plain": not ignorecase and not translator.classes, "named": "".join(sorted(translator.named)),
            "ranges": translator.ranges}


# --- the stages' rules --------------------------------------------------------------------------------------

def language_rules() -> dict[str, Any]:
    from .. import language, lexicon

    return {
        "cjk": pattern_spec("language._CJK", language._CJK),
        "scripts": [(pattern_spec(f"language {name}", pattern), name) for pattern, name in language._SCRIPT_NAMES],
        "sentence_mark": pattern_spec("lexicon.SENTENCE_MARK", lexicon.SENTENCE_MARK),
        "prose_text_spaces": lexicon._PROSE_TEXT_SPACES,
        "word": pattern_spec("language._WORD", language._WORD),
        "english": language.ENGLISH,
        "english_fast_ratio": language._ENGLISH_FAST_RATIO,
        "sample_tokens": language._SAMPLE_TOKENS,
        "min_prose_tokens": language._MIN_PROSE_TOKENS,
        "stoplist_dir": language._stoplist_dir(),
    }


def shape_rules() -> dict[str, Any]:
    """The patterns of :mod:`cleaner.stages.shapes`, each as the stage calls it (``match`` or ``search``)."""
    from .. import lexicon
    from ..stages import shapes as s

    match = {"separator_only": s._SEPARATOR_ONLY, "leading_link": s._LEADING_LINK,
             "comment_author": s._COMMENT_AUTHOR, "comments_header": s._COMMENTS_HEADER,
             "timestamp_like": s.TIMESTAMP_LIKE, "iso_timestamp": s._ISO_TIMESTAMP,
             "published_updated": s._PUBLISHED_UPDATED, "post_footer": s._POST_FOOTER,
             "gallery_caption": s._GALLERY_CAPTION,
             "url_only": s._URL_ONLY, "number_only": s._NUMBER_ONLY, "byline_like": s.BYLINE_LIKE,
             "teaser": s._TEASER, "comment_stamp": s._COMMENT_STAMP, "author_heading": s._AUTHOR_HEADING,
             "about_name": s._ABOUT_NAME, "about_org": s._ABOUT_ORG, "author_link": s._AUTHOR_LINK, "name_line": s._NAME_LINE,
             "gallery_counter": s.GALLERY_COUNTER, "gallery_heading": s.GALLERY_HEADING}
    search = {"dangling": s._DANGLING, "pipes": s._PIPES, "count_suffix": s._COUNT_SUFFIX}
    patterns = {name: pattern_spec(f"shapes.{name}", p, anchored=True) for name, p in match.items()}
    patterns.update({name: pattern_spec(f"shapes.{name}", p) for name, p in search.items()})
    patterns["credit"] = _any_of([pattern_spec(f"lexicon credit {k}", p) for k, p in enumerate(lexicon._CREDIT_PATTERNS)])
    stage = s.ShapesStage
    return {"patterns": patterns, "menu_run": stage.menu_run, "menu_words": stage.menu_words,
            "post_footer_words": s.POST_FOOTER_WORDS,
            "teaser_run": stage.teaser_run, "teaser_gap": stage.teaser_gap, "thread_run": stage.thread_run,
            "thread_gap": stage.thread_gap, "stamp_words": stage.stamp_words, "stamp_chars": stage.stamp_chars,
            "thread_heading_gap": stage.thread_heading_gap, "thread_article_words": stage.thread_article_words,
            "thread_buttons": stage.thread_buttons, "button_edges": stage.button_edges,
            "author_box_lines": stage.author_box_lines, "author_link_words": stage.author_link_words,
            "teaser_section_items": stage.teaser_section_items, "teaser_head_lines": stage.teaser_head_lines,
            "teaser_head_units": stage.teaser_head_units, "teaser_summary_units": stage.teaser_summary_units,
            "teaser_summary_sentences": stage.teaser_summary_sentences, "name_prefixes": list(s._NAME_PREFIXES),
            "bio_verbs": sorted(lexicon.BIO_VERBS),
            "gallery_items": stage.gallery_items, "gallery_caption_lines": stage.gallery_caption_lines,
            "gallery_caption_units": stage.gallery_caption_units, "gallery_heading_words": stage.gallery_heading_words,
            "gallery_heading_lines": stage.gallery_heading_lines, "gallery_caption_growth": stage.gallery_caption_growth,
            "testimonial_items": stage.testimonial_items, "testimonial_quote_lines": stage.testimonial_quote_lines,
            "testimonial_quote_words": stage.testimonial_quote_words, "testimonial_dots": stage.testimonial_dots,
            "testimonial_marked": stage.testimonial_marked, "testimonial_article_units": stage.testimonial_article_units,
            "person_name_words": s._PERSON_NAME_WORDS, "person_name_chars": s._PERSON_NAME_CHARS,
            "handle_chars": s._HANDLE_CHARS, "name_marks": s._NAME_MARKS}


def metadata_rules() -> dict[str, Any]:
    """The patterns of :mod:`cleaner.stages.metadata` the core runs over a document's lines, as the stage calls
    them (``match``): the lines under the header that may credit the author (``NativeLines.may_credit``), and
    the stage's screens (``metadata.SCREENS``, ``NativeLines.screened``), in their order."""
    from ..stages import metadata

    return {"may_credit": pattern_spec("metadata._MAY_CREDIT", metadata._MAY_CREDIT, anchored=True),
            "screens": [pattern_spec(f"metadata.SCREENS[{name!r}]", pattern, anchored=True)
                        for name, pattern in metadata.SCREENS.items()]}


def title_pick_rules(code: dict[str, int]) -> dict[str, Any]:
    """The numbers and signal sets of ``metadata.MetadataStage._pick_titles`` for the core's pick
    (``NativeLines.pick_titles``), read from the reference: ``code`` maps a signal's name to the core's number
    for it (None is 0)."""
    from .. import lexicon
    from ..stages import metadata

    def codes(signals: frozenset[str | None]) -> list[int]:
        return sorted(0 if signal is None else code[signal] for signal in signals if signal is None or signal in code)

    return {"title_signals": codes(metadata._TITLE_SIGNALS_OK), "page_title_signals": codes(metadata._PAGE_TITLE_SIGNALS),
            "window": metadata._WINDOW, "repeat_similarity": metadata._REPEAT_SIMILARITY,
            "title_chars": metadata._TITLE_CHARS, "first_line_title_chars": metadata._FIRST_LINE_TITLE_CHARS,
            "page_title_chars": metadata._PAGE_TITLE_CHARS, "title_share": lexicon.TITLE_SHARE,
            "title_holds_chars": lexicon._TITLE_HOLDS_CHARS, "title_min_words": lexicon._TITLE_MIN_WORDS,
            "headline_units": tuple(lexicon.HEADLINE_UNITS), "twice_words": metadata._TWICE_WORDS,
            "printed_part_words": metadata._PRINTED_PART_WORDS, "site_name_words": metadata._SITE_NAME_WORDS,
            "repeated": metadata._REPEATED, "printed_first": metadata._PRINTED_FIRST,
            "printed_twice": metadata._PRINTED_TWICE}


def _any_of(specs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Patterns of which any may match, as few: the case-insensitive ones of one part become one alternation
    (one search of the line instead of one per pattern, as ``lexicon._CREDIT`` does for the reference).

    The case-sensitive ones stay apart: merged, they lose the literals each starts from (which the regex
    crate searches for first), and their ``\b`` on a line with a character outside ASCII sends the search
    to the slow engine: 31.6 µs a line against 0.02-0.14 µs for each alone (measured on a 115-character line).
    """
    merged: dict[tuple[bool, bool], dict[str, Any]] = {}
    rest = []
    for spec in specs:
        if len(spec["parts"]) != 1 or not spec["folded"]:
            rest.append(spec)
            continue
        form = (spec["folded"], spec["plain"])
        into = merged.get(form)
        if into is None:
            merged[form] = dict(spec, parts=[f"(?:{spec['parts'][0]})"], ranges=list(spec["ranges"]))
            continue
        into["name"] += f", {spec['name']}"
        into["parts"] = [f"{into['parts'][0]}|(?:{spec['parts'][0]})"]
        into["named"] = "".join(sorted(set(into["named"]) | set(spec["named"])))
        into["ranges"] += spec["ranges"]
    for into in merged.values():
        into["needles"] = _shipped_needles(into["parts"])  # (the alternation's own, not its first branch's)
    return [*merged.values(), *rest]


def build_needles() -> dict[str, Any]:
    """The needles of every rule's core regex, as :data:`cleaner.native.NEEDLES_FILE` holds them (the shipped
    phrases' are in :data:`cleaner.native.BOOK_FILE`, with the rest of the book)."""
    from .. import _native
    from . import NEEDLES_VERSION

    return {"version": NEEDLES_VERSION,
            "needles": {regex: _native.needle_strings(regex) for regex in sorted(core_regexes())}}


def build_parsed() -> bytes:
    """:data:`cleaner.native.PARSED_FILE`'s bytes: each regex :func:`build_needles` lists, as the core parses it."""
    from .. import _native
    from . import build_translations

    regexes = {regex for regex, _ in build_translations()["regexes"].values()} | core_regexes()
    return _native.parsed_format().encode("utf-8") + b"\n" + _native.parsed_blob(sorted(regexes))


def core_regexes() -> set[str]:
    """Every regex the rules hand the core (each part of each pattern of :func:`shape_rules`,
    :func:`language_rules`, :func:`metadata_rules`, :func:`island_rules`, merged ones included): those
    :data:`cleaner.native.NEEDLES_FILE` lists the needles of."""
    found: set[str] = set()

    def walk(value: Any) -> None:
        if isinstance(value, dict):
            if isinstance(value.get("parts"), list) and "folded" in value:
                found.update(value["parts"])
            for item in value.values():
                walk(item)
        elif isinstance(value, (list, tuple)):
            for item in value:
                walk(item)

    for rules in (shape_rules(), language_rules(), metadata_rules(), island_rules()):
        walk(rules)
    return found


def repeat_rules() -> dict[str, Any]:
    from ..stages import repeats as r

    return {"min_units": r.REPEAT_MIN_UNITS, "shingle_share": r.REPEAT_SHINGLE_SHARE,
            "window_lines": r.REPEAT_WINDOW_LINES, "window_shingles": r.REPEAT_WINDOW_SHINGLES,
            "shingle_chars": r.REPEAT_SHINGLE_CHARS, "word": r._WORD.pattern, "fold": str.casefold,
            "contents_min_entries": r.CONTENTS_MIN_ENTRIES, "contents_entry_words": r.CONTENTS_ENTRY_WORDS,
            "contents_entry_gap": r.CONTENTS_ENTRY_GAP, "contents_label_words": r.CONTENTS_LABEL_WORDS}


def phrase_rules() -> dict[str, Any]:
    from ..stages import phrases

    return {"hard": sorted(phrases.HARD), "overrule_words": phrases._OVERRULE_WORDS}


# --- the text model's columns ---------------------------------------------------------------------------------

_FUNCS = ("log1p", "min", "max", "float")
#: The columns table translated for the core (``python tools/build_phrase_index.py`` writes it): with ``ast``
#: imported and the 67 expressions parsed, translating it cost ~2.5 ms of every CLI start. Shipped with the key
#: of what it was translated from (:func:`_columns_key`), so a column edited since is translated at start; a
#: test keeps the file current (and equal to what :func:`expression` makes). Marshal keeps tuples apart from
#: lists, as the core reads them.
COLUMNS_FILE = "columns.native.marshal"


def expression(source: str, slot_of: dict[str, int], constants: dict[str, float], arrays: set[str]):
    """A column's expression as nested tuples the core reads (``cleaner/native/src/columns.rs``' ``Expr``).

    Only what the table uses is accepted: numbers, names (a slot of the line's variables, or a constant),
    ``f.<measure>``, ``array[i]``, ``min``/``max`` of an array's slice, arithmetic, comparisons (``is None``
    only with None), ``and``/``or``/``not``, ``x if c else y``, and calls of log1p, min, max, float.
    """
    import ast  # (only where the shipped table is not current: a CLI start does not import it)

    _BIN = {ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.Div: "/"}
    _CMP = {ast.Lt: "<", ast.LtE: "<=", ast.Gt: ">", ast.GtE: ">=", ast.Eq: "==", ast.NotEq: "!=", ast.Is: "is",
            ast.IsNot: "is not"}

    def walk(node):
        if isinstance(node, ast.Constant):
            if node.value is None:
                return ("const", math.nan)
            if isinstance(node.value, (bool, int, float)):
                return ("const", float(node.value))
        elif isinstance(node, ast.Name):
            if node.id in slot_of:
                return ("var", slot_of[node.id])
            if node.id in constants:
                return ("const", float(constants[node.id]))
        elif isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "f":
            name = f"f.{node.attr}"
            if name in slot_of:
                return ("var", slot_of[name])
        elif isinstance(node, ast.Subscript) and isinstance(node.value, ast.Name) and node.value.id in arrays:
            if not isinstance(node.slice, ast.Slice):
                return ("index", node.value.id, walk(node.slice))
        elif isinstance(node, ast.BinOp) and type(node.op) in _BIN:
            return ("bin", _BIN[type(node.op)], walk(node.left), walk(node.right))
        elif isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.Not, ast.USub)):
            return ("not" if isinstance(node.op, ast.Not) else "neg", walk(node.operand))
        elif isinstance(node, ast.Compare) and all(type(op) in _CMP for op in node.ops):
            for op, right in zip(node.ops, node.comparators):
                if isinstance(op, (ast.Is, ast.IsNot)) and not (isinstance(right, ast.Constant) and right.value is None):
                    raise Untranslatable(f"{source!r}: 'is' compares with None only")
            return ("cmp", walk(node.left), [(_CMP[type(op)], walk(right)) for op, right in zip(node.ops, node.comparators)])
        elif isinstance(node, ast.BoolOp):
            return ("and" if isinstance(node.op, ast.And) else "or", [walk(v) for v in node.values])
        elif isinstance(node, ast.IfExp):
            return ("if", walk(node.test), walk(node.body), walk(node.orelse))
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in _FUNCS \
                and not node.keywords:
            args = node.args
            if node.func.id in ("min", "max") and len(args) == 1 and isinstance(args[0], ast.Subscript) \
                    and isinstance(args[0].slice, ast.Slice) and isinstance(args[0].value, ast.Name) \
                    and args[0].value.id in arrays and args[0].slice.step is None:
                sl = args[0].slice
                return ("slice", node.func.id, args[0].value.id,
                        walk(sl.lower) if sl.lower is not None else None,
                        walk(sl.upper) if sl.upper is not None else None)
            if node.func.id in ("log1p", "float") and len(args) != 1 or node.func.id in ("min", "max") and len(args) < 2:
                raise Untranslatable(f"{source!r}: {node.func.id} with {len(args)} arguments")
            return ("call", node.func.id, [walk(a) for a in args])
        raise Untranslatable(f"{source!r}: {ast.dump(node)[:80]} is not translated")

    return walk(ast.parse(source, mode="eval").body)


def column_rules(signal_code: dict[str, int]) -> dict[str, Any]:
    """The columns table compiled for the core: per column its expression and the slot it is kept in."""
    from .. import _native, lexicon
    from ..stages import context
    from ..textmodel import columns as c
    from ..textmodel import measures

    slot_of = {name: k for k, name in enumerate(_native.column_base_names())}
    constants, arrays = _column_inputs(slot_of)
    key = _columns_key(signal_code, slot_of, constants, arrays)
    shipped = _shipped_columns()
    table = shipped if shipped is not None and shipped.get("key") == key else \
        translate_columns(signal_code, slot_of, constants, arrays)
    return {"own": table["own"], "terms": table["terms"], "around": table["around"], "slots": table["slots"],
            "prose_units": lexicon.PROSE_UNITS, "near_radius": c.NEAR_RADIUS, "nearby_radius": c.NEARBY_RADIUS,
            "part_radius": c.PART_RADIUS, "end_markers": sorted(signal_code[s] for s in c.END_MARKERS),
            "final_signals": sorted(signal_code[s] for s in c.FINAL_SIGNALS),
            "interruptions": sorted(signal_code[s] for s in c.INTERRUPTIONS),
            "read_over": sorted(signal_code[s] for s in context.READ_OVER),
            "above_main_share": c.ABOVE_MAIN_SHARE, "mid_text_run": c.MID_TEXT_RUN, "mid_text_words": c.MID_TEXT_WORDS,
            "mid_text_min_words": c.MID_TEXT_MIN_WORDS,
            "list_bullets": "".join(sorted(measures.LIST_BULLETS)), "list_run": measures.LIST_RUN,
            "list_item_units": measures.LIST_ITEM_UNITS, "list_marker_chars": measures.LIST_MARKER_CHARS,
            "list_title_cased": measures.LIST_TITLE_CASED,
            "list_text_marks": "".join(sorted(measures.TEXT_MARKS)),
            "title_run": context.TITLE_RUN, "title_words": context.TITLE_WORDS,
            "title_max_words": context.TITLE_MAX_WORDS, "title_case": context.TITLE_CASE,
            "island_gap": context.ISLAND_GAP, "island_share": context.ISLAND_SHARE,
            "teaser_run": context.TEASER_RUN, "teaser_words": context.TEASER_WORDS, "teaser_gap": context.TEASER_GAP,
            "teaser_share": context.TEASER_SHARE,
            "box_signals": sorted(signal_code[s] for s in context.BOX_SIGNALS),
            "box_related": signal_code[context.TAIL_TEASERS_SIGNAL], "box_share": context.BOX_SHARE,
            "box_paragraphs": context.BOX_PARAGRAPHS, "box_paragraph_words": context.BOX_PARAGRAPH_WORDS,
            "island_shape_signals": sorted(signal_code[s] for s in context.SHAPE_SIGNALS),
            "heading_words": context.HEADING_WORDS, "heading_run": context.HEADING_RUN, **island_rules()}


def island_rules() -> dict[str, Any]:
    """The pattern of :func:`cleaner.stages.context.opens_end_matter` (an end-matter heading starts a tail island)."""
    from .. import lexicon

    return {"island_end_matter": pattern_spec("lexicon.END_MATTER_HEADING", lexicon.END_MATTER_HEADING, anchored=True)}


def _column_inputs(slot_of: dict[str, int]) -> tuple[dict[str, float], set[str]]:
    """The constants a column's expression may name, and the page's arrays it may index (those the core does not
    hold as a line's slot)."""
    from ..textmodel import columns as c
    from ..textmodel.vectors import PAGE_NAMES

    constants = {"NEAR_LINES": c.NEAR_LINES, "NEARBY_LINES": c.NEARBY_LINES, "PART_LINES": c.PART_LINES}
    return constants, set(PAGE_NAMES) - set(slot_of) - {"feats"}


def translate_columns(signal_code: dict[str, int], slot_of: dict[str, int], constants: dict[str, float],
                      arrays: set[str]) -> dict[str, Any]:
    """The columns' expressions translated (:func:`expression`), each with the slot it is kept in: the LINE
    columns, then the terms, then the others (as ``vectors.py`` binds them). ``slot_of`` grows by each."""
    from ..textmodel import columns as c

    def slot(name: str) -> int:
        return slot_of.setdefault(name, len(slot_of))

    own, terms, around = [], [], []
    line_columns = [column for column in c.COLUMNS if column.scope == c.LINE]
    if c.COLUMNS[:len(line_columns)] != tuple(line_columns):
        raise Untranslatable("the LINE columns must come first")
    for column in line_columns:
        own.append((expression(column.compute, slot_of, constants, arrays), slot(column.name)))
    for name, source in c.TERMS:
        terms.append((expression(source, slot_of, constants, arrays), slot(name)))
    for column in c.COLUMNS[len(line_columns):]:
        if column.scope == c.SIGNAL:
            around.append(("signal", signal_code[column.name.split(":", 1)[1]]))
        else:
            around.append(("expr", expression(column.compute, slot_of, constants, arrays), slot(column.name)))
    return {"own": own, "terms": terms, "around": around, "slots": len(slot_of)}


def _columns_key(signal_code: dict[str, int], slot_of: dict[str, int], constants: dict[str, float],
                 arrays: set[str]) -> str:
    """What the columns table is translated from, as one string: the columns' and terms' sources, the signals'
    numbers, the core's base slots, the constants and the page's arrays."""
    from ..textmodel import columns as c

    return repr(([(column.name, column.scope, column.compute) for column in c.COLUMNS], list(c.TERMS),
                 sorted(signal_code.items()), list(slot_of), sorted(constants.items()), sorted(arrays)))


@lru_cache(maxsize=1)
def _shipped_columns() -> dict[str, Any] | None:
    """The shipped columns table (:data:`COLUMNS_FILE`), or None where it is missing or unreadable."""
    from ..data import MARSHAL_ERRORS, data_file, read_marshal

    try:
        table = read_marshal(data_file(COLUMNS_FILE))
    except MARSHAL_ERRORS:
        return None
    return table if isinstance(table, dict) else None


def build_columns(signal_code: dict[str, int]) -> bytes:
    """The columns table to ship (:data:`COLUMNS_FILE`), translated for ``signal_code`` (the text path's)."""
    from .. import _native
    from ..data import marshal_bytes

    slot_of = {name: k for k, name in enumerate(_native.column_base_names())}
    constants, arrays = _column_inputs(slot_of)
    key = _columns_key(signal_code, slot_of, constants, arrays)
    return marshal_bytes({"key": key, **translate_columns(signal_code, slot_of, constants, arrays)})


def model_numbers(model) -> dict[str, Any]:
    """A :class:`~cleaner.textmodel.TextModel`'s numbers, as the core's Model reads them."""
    return {"weights": list(model.weights), "threshold": model.threshold,
            "log_transitions": [list(row) for row in model.log_transitions], "prior_body": model.prior_body,
            "log_start": list(model.log_start), "compensated_sum": sys.version_info >= (3, 12)}
