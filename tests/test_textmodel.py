"""The text model package: its column table, the vectors compiled from it, and its guards."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from cleaner import clean, language
from cleaner.document import Document
from cleaner.stages.features import FeaturesStage
from cleaner.stages.phrases import PhrasesStage
from cleaner.stages.shapes import ShapesStage
from cleaner.textmodel import COLUMNS, FEATURES, line_vectors, vectors
from cleaner.textmodel.measures import content_lists
from cleaner.textmodel.columns import AROUND, LINE, NEAR_LINES, NEARBY_LINES, PART_LINES, TERMS, Column

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


def _evidence(text: str) -> tuple[Document, bool]:
    """A dump through the stages whose evidence the vectors read, and whether its language has a stoplist."""
    doc = Document.from_text(text)
    for stage in (FeaturesStage(), PhrasesStage(), ShapesStage()):
        stage(doc)
    return doc, bool(doc.language) and not doc.char_mode and bool(language.stopwords(doc.language))


def _column_by_column(doc: Document, has_stoplist: bool) -> list[list[float]]:
    """The vectors worked out the slow way: every column's expression evaluated on its own, in table order."""
    page = vectors.page_measures(doc.lines, has_stoplist, doc.char_mode)
    out = []
    for i, line in enumerate(doc.lines):
        f = line.features
        names = dict(page, i=i, line=line, f=f, u=f.units, has_stoplist=has_stoplist, char_mode=doc.char_mode,
                     log1p=math.log1p, NEAR_LINES=NEAR_LINES, NEARBY_LINES=NEARBY_LINES, PART_LINES=PART_LINES)
        given = set(names) | {name for name, _ in TERMS}
        line_columns = [column for column in COLUMNS if column.scope == LINE]
        values = []
        for column in line_columns:
            values.append(eval(column.compute, {}, names))  # noqa: S307 - the package's own table
            if column.name not in given:
                names[column.name] = values[-1]
        for name, expression in TERMS:
            names[name] = eval(expression, {}, names)  # noqa: S307
        for column in COLUMNS[len(line_columns):]:
            values.append(eval(column.compute, {}, names))  # noqa: S307
            if column.name not in given:
                names[column.name] = values[-1]
        out.append([float(value) for value in values])
    return out


@pytest.mark.parametrize("path", sorted(FIXTURES.rglob("*.txt")), ids=lambda p: p.name)
def test_the_compiled_vectors_equal_each_column_worked_out_alone(path):
    """The generated builder (locals, the one-hot block, the per-line memo) changes no value and no order."""
    doc, has_stoplist = _evidence(path.read_text(encoding="utf-8"))
    fast = [[float(value) for value in vector] for vector in line_vectors(doc.lines, has_stoplist, doc.char_mode)]
    assert fast == _column_by_column(doc, has_stoplist)
    assert all(len(vector) == len(FEATURES) for vector in fast)


def test_the_page_measures_are_the_names_the_builder_takes():
    doc, _ = _evidence("A headline\nThe committee said on Monday that it would publish its findings soon.\n")
    assert tuple(vectors.page_measures(doc.lines, True)) == vectors.PAGE_NAMES


def test_a_table_the_builder_cannot_compile_is_refused():
    names = vectors.PAGE_NAMES
    after = (*COLUMNS, Column("late", "", "u > 3", LINE))
    with pytest.raises(ValueError, match="LINE columns must come first"):
        vectors._source(after, TERMS, names)
    typo = (*COLUMNS, Column("typo", "", "prose_nearr[i] > 1"))
    with pytest.raises(ValueError, match="typo reads prose_nearr"):
        vectors._source(typo, TERMS, names)
    early = (*COLUMNS[:60], Column("early", "", "later > 1", AROUND), *COLUMNS[60:], Column("later", "", "1.0"))
    with pytest.raises(ValueError, match="early reads later"):
        vectors._source(early, TERMS, names)
    shuffled = tuple(sorted(COLUMNS, key=lambda c: (c.scope != LINE, c.name)))
    with pytest.raises(ValueError, match="signal columns"):
        vectors._source(shuffled[:40] + shuffled[41:], TERMS, names)


def test_the_text_model_and_the_model_loader_import_no_stage():
    """Layering: the stages use the text model, never the other way; models.py sits below both models."""
    import ast

    import cleaner

    root = Path(cleaner.__file__).parent
    for path in [*sorted((root / "textmodel").glob("*.py")), root / "models.py"]:
        package = ["cleaner", *path.relative_to(root).parent.parts]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                base = package[:len(package) - node.level + 1] if node.level else []
                names = [".".join([*base, *(node.module or "").split(".")]).strip(".")]
            elif isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            else:
                continue
            for name in names:
                assert not name.startswith(("cleaner.stages", "cleaner.html", "cleaner.pipeline", "cleaner.api")), \
                    f"{path.name} imports {name}"


#: The places that set ``line.signal`` from a variable, and where its values come from: a phrase category
#: (boilerplate.toml's tables) and a shape's (signal, reason) pair. A new one must be added here, with its
#: values' source, so that the guard below sees them.
#: (the native core's lines carry the signal its copy of those two stages set, by name: native/path.py;
#: tests/test_native_path.py checks every line's decision against the Python stages'; a LineView reads the same)
_SIGNAL_VARIABLES = {("phrases.py", "category"), ("shapes.py", "signal"), ("repeats.py", "signal"),
                     ("context.py", "TAIL_TITLES_SIGNAL"), ("context.py", "TAIL_TEASERS_SIGNAL"),
                     ("path.py", "path.signals[self._signal[i]]"), ("path.py", "lines.path.signals[lines._signal[i]]")}


def _signal_of(call):
    """The signal argument of a ``doc.condemn(line, reason, signal, …)`` call."""
    for keyword in call.keywords:
        if keyword.arg == "signal":
            return keyword.value
    return call.args[2] if len(call.args) >= 3 else None


def _signals_in_code() -> tuple[set[str], set[tuple[str, str]]]:
    """Every signal the stages can set — string constants given to ``Document.condemn`` or assigned to
    ``.signal``, and the signals of the shapes', repeats' and context's verdicts, which those stages set from
    variables — and the (module, variable) pairs that set one from a variable. ``condemn`` itself
    (document.py) is the mechanism."""
    import ast

    import cleaner
    from cleaner.stages import context, repeats, shapes

    constants: set[str] = {signal for signal, _ in shapes.VERDICTS.values()} | {repeats.VERDICT[0]} | \
        {context.TAIL_TITLES_SIGNAL}
    variables: set[tuple[str, str]] = set()

    def note(path: Path, value) -> None:
        if isinstance(value, ast.Constant) and isinstance(value.value, str):
            constants.add(value.value)
        elif value is not None and not (isinstance(value, ast.Constant) and value.value is None):
            variables.add((path.name, ast.unparse(value)))

    for path in sorted(Path(cleaner.__file__).parent.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "condemn":
                note(path, _signal_of(node))
            elif path.name != "document.py" and isinstance(node, ast.Assign) and any(
                    isinstance(target, ast.Attribute) and target.attr == "signal" for target in node.targets):
                note(path, node.value)
            elif path.name != "document.py" and isinstance(node, ast.Assign) and any(
                    isinstance(target, ast.Tuple) and any(isinstance(e, ast.Attribute) and e.attr == "signal"
                                                          for e in target.elts) for target in node.targets):
                variables.add((path.name, ast.unparse(node.value)))   # unpacked into .signal: name it too
    return constants, variables


def test_every_signal_a_stage_can_report_has_a_model_column():
    """A new phrase category or shape signal would be read by the model as no signal at all: it needs a
    column (SIGNALS) and a retrained model. And every signal column is one some stage can set. An interruption
    inside the article (INTERRUPTIONS: a gallery, an embed's stand-in) has none: its lines are final (a gallery's
    condemned for good, the scoring stage giving such a line 0.01, not the model's score; an embed's a phrase
    the context stage may not keep, FINAL_SIGNALS) and left out of the Viterbi's sequence, so nothing would read
    a column of it."""
    from cleaner.stages.phrases import PHRASES_FILE
    from cleaner.textmodel import SIGNALS
    from cleaner.textmodel.columns import FINAL_SIGNALS, INTERRUPTIONS

    try:
        import tomllib
    except ModuleNotFoundError:  # Python < 3.11
        import tomli as tomllib
    with open(PHRASES_FILE, "rb") as handle:
        categories = set(tomllib.load(handle))
    constants, variables = _signals_in_code()
    assert variables == _SIGNAL_VARIABLES, "a stage sets line.signal from a new source: add it to this guard"
    assert len(constants) >= 10 and len(categories) >= 10        # the scan found the detectors
    emitted = (categories | constants) - INTERRUPTIONS
    assert not INTERRUPTIONS & set(SIGNALS) and INTERRUPTIONS <= constants | categories
    assert INTERRUPTIONS <= FINAL_SIGNALS
    assert not emitted - set(SIGNALS), f"signals without a model column: {sorted(emitted - set(SIGNALS))}"
    assert not set(SIGNALS) - emitted, f"model columns no stage sets: {sorted(set(SIGNALS) - emitted)}"


# --- lists that are content ---------------------------------------------------------------------------------

def _listed(text: str) -> list[str]:
    """The lines :func:`content_lists` calls items of a list that reads as text."""
    doc = Document.from_text(text)
    FeaturesStage()(doc)
    flags = content_lists(doc.lines, [line.features for line in doc.lines])
    return [line.text for line, flag in zip(doc.lines, flags) if flag]


_CHANGELOG = ("Fixed\n- Fixed a crash when two meshes share a face\n- Fixed holes in the union of solids\n"
              "- Fixed a memory leak in the iterator\nDeprecated\n")


def test_a_run_of_items_with_one_marker_and_words_of_text_is_a_content_list():
    assert _listed(_CHANGELOG) == _CHANGELOG.splitlines()[1:4]
    steps = "1. Preheat the oven to 200 C.\n2. Mix the flour and the eggs\n3. Bake for 20 minutes\n"
    assert _listed(steps) == steps.splitlines()
    ingredients = "300 g de lentejas pardinas\n1 cebolla mediana\n2 dientes de ajo\nSal\n"
    assert _listed(ingredients) == ingredients.splitlines()[:3]


def test_a_menu_is_no_content_list():
    """Short labels, or labels with no stopword, digit nor sentence punctuation, or fewer than three items."""
    assert _listed("- Home\n- World News\n- Sport\n- Contact\n") == []
    assert _listed("• Climate Change Policy\n• Global Markets Update\n• Premier League Football\n") == []
    assert _listed("+ Added a STEP importer for solids\n+ Added type hints to the API\n") == []
    assert _listed("+ Added a STEP importer\n- Fixed a crash on import\n* Changed the default value\n") == []


def test_numbered_titles_are_no_quantities():
    """A quantity's number is followed by a unit or a thing in lower case; a numbered title, a table of contents'
    section or a ranking's row by a capitalised word."""
    assert _listed("5 Things to Do in June\n6 Things to Do in May\n6 Things to Do in July\n") == []
    assert _listed("0.1 Complex numbers\n0.2 Euclidean vectors and spaces\n0.3 Bras and kets\n") == []
    assert _listed("1 DET Detroit Pistons\n2 BOS Boston Celtics\n3 NY New York Knicks\n") == []
    assert _listed("2 cups of flour\n1,5 l de leche\n3 eggs, beaten\n") != []
    titles = "1. Understand Search Intent Before Anything Else\n2. Conduct Smarter Keyword Research\n3. Build High-Quality Backlinks\n"
    assert _listed(titles) == []


def test_a_gallerys_captions_are_no_list():
    """Lines a detector named for what they are about ("1 of 4 A shopper looks at…": a gallery's captions, three
    counted in a row a gallery) are no list items, whatever their marker."""
    doc, _ = _evidence("1 of 4 A shopper looks at extension cords\n2 of 4 The store was busy on Monday\n"
                       "3 of 4 Cords of all gauges stock the shelves\n")
    assert [line.signal for line in doc.lines] == ["gallery"] * 3
    assert content_lists(doc.lines, [line.features for line in doc.lines]) == [False] * 3


def _cleaned(path: Path) -> str:
    from cleaner import Cleaner
    return Cleaner(use_profiles=False).clean(path.read_text(encoding="utf-8")).body


def test_a_changelogs_item_lists_and_their_headings_are_kept():
    dump = FIXTURES / "generic" / "changelog-en-1.txt"
    body = _cleaned(dump).split("\n\n")
    items = [line for line in dump.read_text(encoding="utf-8").splitlines()
             if line.startswith(("+ ", "* ", "- "))]
    assert len(items) == 19 and all(item in body for item in items)
    assert {"Highlights", "Added", "Changed", "Fixed"} <= set(body)
    assert body[0].startswith("Tessellate 4.2 adds")  # the intro above the lists


def test_a_recipes_ingredients_are_kept():
    body = _cleaned(FIXTURES / "generic" / "recipe-es-1.txt").split("\n\n")
    assert {"Ingredientes", "300 g de lentejas pardinas", "1 cebolla mediana", "Sal", "Preparación"} <= set(body)


#: A Japanese blog post written one short sentence a line (each under the length of prose), then its links to
#: other posts and a sidebar's profile: one long paragraph.
_SHORT_LINES_JA = """ブログトップ
記事一覧

夏休みに海へ行きました
2023-08-14 10:02:33

八月のはじめ、家族で海へ行きました。
朝早くに車で出発しました。
道はすいていました。
子どもたちは後ろの席で歌っていました。
海に着くと、風が強かったです。
それでも三人とも海に飛びこみました。
お昼はおにぎりを食べました。
砂の上で食べるおにぎりは、いつもよりおいしいです。
夕方には、みんな日焼けしていました。
帰りの車では、すぐに寝てしまいました。
また来年も行きたいです。

いいね！
コメント

次の記事
ベランダのミニトマトが赤くなりました
前の記事
七夕の飾りを子どもと作りました

関連する記事
家族四人で行ける、駐車場の広い海水浴場を十か所まとめてみました
子どもの日焼け止め選び、わが家が三年かけてたどりついた答え
車の長距離移動で子どもが退屈しないための工夫あれこれ

プロフィール
三十代の会社員です。週末は家族と出かけたり、ベランダで野菜を育てたりしています。このブログでは、日々の小さな出来事を書いています。どうぞよろしくお願いします。
"""


def test_the_main_run_of_prose_counts_the_short_sentences_of_a_script_without_spaces():
    """In Chinese or Japanese a line of one sentence is short in units: counted as chrome, the post weighed less
    than the sidebar's one long paragraph, where the main run then stood (the post's last line went with it)."""
    doc, has_stoplist = _evidence(_SHORT_LINES_JA)
    assert doc.char_mode
    texts = [line.text for line in doc.lines]
    page = vectors.page_measures(doc.lines, has_stoplist, doc.char_mode)
    run = texts[page["start"]:page["end"]]
    assert run[0] == "八月のはじめ、家族で海へ行きました。" and "また来年も行きたいです。" in run
    # a language with spaces keeps the rule of prose's length
    assert vectors.run_prose(doc.lines, [line.features for line in doc.lines], [False] * len(doc.lines), False) \
        == [False] * len(doc.lines)
    # the post is the article, to its last line, and the links and the profile under it are not (the core's
    # run too)
    paragraphs = clean(_SHORT_LINES_JA).paragraphs
    assert paragraphs[0] == "八月のはじめ、家族で海へ行きました。" and paragraphs[-1] == "また来年も行きたいです。"


_COOKIES_IN_THE_TEXT = """\
For six years I sold bread from a folding table at the Saturday market, and the only paperwork I ever kept was a notebook of the flours I had bought and what they cost.
The website itself asks more of you than the market ever did, and the shop platform uses cookies to keep each customer's basket between one visit and the next.
Insurance
My market cover did not include deliveries or goods sold through a website, so I added both before the first van trip was booked, and the premium rose by less than I feared.
"""

_COOKIES_UNDER_THE_TEXT = """\
For six years I sold bread from a folding table at the Saturday market, and the only paperwork I ever kept was a notebook of the flours I had bought and what they cost.
My market cover did not include deliveries or goods sold through a website, so I added both before the first van trip was booked, and the premium rose by less than I feared.
We use cookies to improve your experience on our website and to show you advertising that is relevant to you, as our policy describes.
Accept
Manage preferences
"""


def test_an_end_marker_that_is_a_paragraph_inside_the_text_is_no_end():
    """A paragraph that mentions cookies, with the text going on under it (at once or under a subheading), is no
    end of the article (``measures.mid_text``); a cookie notice under the article, with no paragraph under it, is."""
    doc, has_stoplist = _evidence(_COOKIES_IN_THE_TEXT)
    assert doc.lines[1].signal == "cookies"
    page = vectors.page_measures(doc.lines, has_stoplist, doc.char_mode)
    assert page["ended_at"] == len(doc.lines) and page["end"] == len(doc.lines)
    doc, has_stoplist = _evidence(_COOKIES_UNDER_THE_TEXT)
    assert doc.lines[2].signal == "cookies"
    assert vectors.page_measures(doc.lines, has_stoplist, doc.char_mode)["ended_at"] == 2
    # a line too short to be a paragraph ("© 2025 Acme Inc. All Rights Reserved.") ends the text wherever it stands
    doc, has_stoplist = _evidence(_COOKIES_IN_THE_TEXT.replace(
        "The website itself asks more of you than the market ever did, and the shop platform uses cookies to keep "
        "each customer's basket between one visit and the next.", "The shop platform uses cookies to keep baskets."))
    assert doc.lines[1].signal == "cookies"
    assert vectors.page_measures(doc.lines, has_stoplist, doc.char_mode)["ended_at"] == 1
