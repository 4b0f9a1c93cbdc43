"""``cleaner.records``: the start's record classes behave as the dataclasses they were."""

from __future__ import annotations

import copy
import dataclasses
import pickle
import sys

import pytest

from cleaner.document import Article, Decision, Document, Line
from cleaner.models import SHIPPED, Models
from cleaner import records
from cleaner.records import FrozenInstanceError, field, record, replace


@record(frozen=True)
class Point:
    x: int
    y: int = 0
    tags: list[str] = field(default_factory=list, compare=False, repr=False)


@record
class Box:
    items: list[int] = field(default_factory=list)
    name: str = "box"

    def __post_init__(self) -> None:
        self.name = self.name.upper()


@dataclasses.dataclass(frozen=True)
class PointDC:
    x: int
    y: int = 0
    tags: list[str] = dataclasses.field(default_factory=list, compare=False, repr=False)


def test_init_takes_fields_by_position_and_keyword_with_defaults_and_factories():
    assert (Point(1).x, Point(1).y, Point(1, 2).y, Point(y=3, x=4).x) == (1, 0, 2, 4)
    assert Point(1).tags == [] and Point(1).tags is not Point(1).tags
    assert Box().items is not Box().items and Box(name="b").name == "B"  # __post_init__ ran
    assert Point.y == 0 and not hasattr(Point, "tags")  # class attributes as a dataclass leaves them


@pytest.mark.parametrize("args, kwargs", [((), {}), ((1, 2, [], 4), {}), ((1,), {"x": 2}), ((1,), {"z": 2})])
def test_bad_arguments_are_refused_as_a_dataclass_refuses_them(args, kwargs):
    with pytest.raises(TypeError):
        PointDC(*args, **kwargs)
    with pytest.raises(TypeError):
        Point(*args, **kwargs)


def test_repr_eq_and_hash_are_a_dataclass_s():
    assert repr(Point(1, 2, ["a"])) == repr(PointDC(1, 2, ["a"])).replace("PointDC", "Point")
    assert Point(1, 2, ["a"]) == Point(1, 2, ["b"]) != Point(1, 3)   # tags is not compared
    assert Point(1, 2) != PointDC(1, 2) and hash(Point(1, 2, ["a"])) == hash(Point(1, 2))
    assert len({Point(1), Point(1), Point(2)}) == 2
    assert Box() == Box() and Box.__hash__ is None  # compared and not frozen: unhashable, as a dataclass


def test_a_frozen_record_refuses_assignment():
    point = Point(1)
    with pytest.raises(FrozenInstanceError):
        point.x = 2
    with pytest.raises(AttributeError):
        del point.y
    assert point.x == 1


def test_records_pickle_copy_and_replace():
    point = Point(1, 2, ["a"])
    for made in (pickle.loads(pickle.dumps(point)), copy.copy(point), copy.deepcopy(point)):
        assert made == point and made.tags == ["a"]
    changed = replace(point, y=5)
    assert (changed.x, changed.y, changed.tags, point.y) == (1, 5, ["a"], 2)


def test_the_package_s_records_keep_their_dataclass_behaviour():
    decision = Decision(1, "text", "BODY", "why")
    assert decision == Decision(1, "text", "BODY", "why", "")
    assert hash(decision) == hash(Decision(number=1, text="text", label="BODY", reason="why"))
    assert repr(decision) == "Decision(number=1, text='text', label='BODY', reason='why', stage='')"
    article = Article(["one"], title="T", _body="ignored")
    assert article == Article(["one"], title="T") and "_body" not in repr(article)
    assert pickle.loads(pickle.dumps(article)) == article
    document = Document([Line(1, "a", False)])
    assert document != Document(document.lines) and document.meta == {} and document.meta is not Document([]).meta
    assert Models() == SHIPPED and hash(Models()) == hash(SHIPPED)
    with pytest.raises(FrozenInstanceError):
        decision.label = "boilerplate"


@pytest.mark.skipif(sys.version_info < (3, 11), reason="typing.dataclass_transform is Python 3.11's")
def test_type_checkers_read_a_record_as_a_dataclass():
    """PEP 681's marker: mypy and pyright check a record's __init__ as a dataclass's, with its field()."""
    transform = records.record.__dataclass_transform__
    assert transform["field_specifiers"] == (records.field,)
