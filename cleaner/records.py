"""``@record``: the record classes a CLI start makes, declared as dataclasses are, without :mod:`dataclasses`.

A class decorated ``@record`` (or ``@record(frozen=True)``, ``eq=False``, ``repr=False``) reads as a
dataclass: its annotated fields in order, their defaults, :func:`field` where a default alone will not do.
It gets what the package's records use of a dataclass, with the same behaviour: an ``__init__`` taking the
fields by position or keyword (``default_factory`` called for each instance, then ``__post_init__`` if the
class has one), ``__repr__`` and ``__eq__`` over the fields (less those given ``repr=False`` or
``compare=False``), and frozen: no assignment (:class:`FrozenInstanceError`) and a ``__hash__`` over the
compared fields. A method the class defines itself is kept. Instances pickle and copy as a dataclass's do
(their state is their ``__dict__``); :func:`replace` is :func:`dataclasses.replace`.

Why not :mod:`dataclasses`: importing it brings ``inspect``, ``dis`` and ``tokenize`` (~22 M instructions,
~4 ms), and it writes each class's methods as source and compiles them at every start (~50 M, ~9 ms, for
the 11 records of a text dump's start): a fifth of what the CLI's start adds to Python's. These methods are
closures over the field names, made once here; nothing is compiled. Modules the start does not import
(batch, learn, report, the CLI's other commands) use :mod:`dataclasses`.
"""

from __future__ import annotations

from collections.abc import Callable

from .compat import TYPE_CHECKING

if TYPE_CHECKING:
    from typing import Any, TypeVar, dataclass_transform

    T = TypeVar("T")
else:
    def dataclass_transform(**options: Any) -> Callable[[T], T]:
        """PEP 681's marker as ``typing.dataclass_transform`` (3.11) sets it, without importing typing at a
        start: type checkers read the import above, introspection this attribute."""
        def mark(decorator: T) -> T:
            decorator.__dataclass_transform__ = {  # type: ignore[attr-defined]
                "eq_default": options.pop("eq_default", True), "order_default": options.pop("order_default", False),
                "kw_only_default": options.pop("kw_only_default", False),
                "frozen_default": options.pop("frozen_default", False),
                "field_specifiers": options.pop("field_specifiers", ()), "kwargs": options}
            return decorator
        return mark

_MISSING: Any = object()


class FrozenInstanceError(AttributeError):
    """An assignment to a frozen record (as :class:`dataclasses.FrozenInstanceError`)."""


class Field:
    """One field's options where a default alone will not do (a mutable default: ``default_factory``)."""

    __slots__ = ("default", "default_factory", "repr", "compare")

    def __init__(self, default: Any, default_factory: Any, repr: bool, compare: bool) -> None:
        self.default = default
        self.default_factory = default_factory
        self.repr = repr
        self.compare = compare


def field(*, default: Any = _MISSING, default_factory: Callable[[], Any] | Any = _MISSING, repr: bool = True,
          compare: bool = True) -> Any:
    """A field's options, as :func:`dataclasses.field`'s of the same names."""
    if default is not _MISSING and default_factory is not _MISSING:
        raise ValueError("cannot specify both default and default_factory")
    return Field(default, default_factory, repr, compare)


@dataclass_transform(field_specifiers=(field,))
def record(cls: type[T] | None = None, /, *, frozen: bool = False, eq: bool = True, repr: bool = True) -> Any:
    """Make ``cls`` a record of its annotated fields (see the module's docstring). Type checkers read it as
    :func:`dataclasses.dataclass` (PEP 681's ``dataclass_transform``): a record's ``__init__`` is checked."""

    def wrap(cls: type[T]) -> type[T]:
        return _make(cls, frozen, eq, repr)

    return wrap if cls is None else wrap(cls)


def replace(obj: T, /, **changes: Any) -> T:
    """A new record of ``obj``'s class, its fields ``obj``'s but for ``changes``."""
    values = {name: getattr(obj, name) for name in type(obj).__record_fields__}  # type: ignore[attr-defined]
    values.update(changes)
    return type(obj)(**values)


def _make(cls: type[T], frozen: bool, eq: bool, repr_: bool) -> type[T]:
    names: list[str] = []
    defaults: dict[str, Any] = {}
    factories: dict[str, Callable[[], Any]] = {}
    shown: list[str] = []
    compared: list[str] = []
    for name in cls.__dict__.get("__annotations__", {}):
        value = cls.__dict__.get(name, _MISSING)
        options = value if isinstance(value, Field) else Field(value, _MISSING, True, True)
        if options is value:  # the class attribute is the default, as a dataclass leaves it
            if options.default is _MISSING:
                delattr(cls, name)
            else:
                setattr(cls, name, options.default)
        if options.default_factory is not _MISSING:
            factories[name] = options.default_factory
        elif options.default is not _MISSING:
            defaults[name] = options.default
        elif defaults or factories:
            raise TypeError(f"{cls.__name__}: non-default argument {name!r} follows default argument")
        names.append(name)
        if options.repr:
            shown.append(name)
        if options.compare:
            compared.append(name)
    cls.__record_fields__ = tuple(names)  # type: ignore[attr-defined]
    _set(cls, "__init__", _init(cls.__name__, tuple(names), defaults, factories, hasattr(cls, "__post_init__")))
    if repr_:
        _set(cls, "__repr__", _repr(tuple(shown)))
    if eq:
        _set(cls, "__eq__", _eq(tuple(compared)))
    if frozen:
        _set(cls, "__setattr__", _refuse_setattr)
        _set(cls, "__delattr__", _refuse_delattr)
    if eq and cls.__dict__.get("__hash__") is None:
        # as a dataclass's: frozen, hashed by its compared fields; compared but not frozen, unhashable
        cls.__hash__ = _hash(tuple(compared)) if frozen else None  # type: ignore[assignment]
    return cls


def _set(cls: type, name: str, method: Callable) -> None:
    """Give ``cls`` the method unless it defines its own."""
    if name not in cls.__dict__:
        method.__qualname__ = f"{cls.__qualname__}.{name}"
        setattr(cls, name, method)


def _init(class_name: str, names: tuple[str, ...], defaults: dict[str, Any],
          factories: dict[str, Callable[[], Any]], post_init: bool) -> Callable[..., None]:
    count = len(names)
    # Each field's starting value, in the fields' order: its default, else a mark (the field is required, or
    # made by its factory) that the arguments given must have replaced or the factory replaces.
    start = {name: defaults.get(name, _MISSING) for name in names}
    unset = [(name, factories.get(name)) for name in names if name not in defaults]

    def __init__(self: Any, *args: Any, **kwargs: Any) -> None:
        if len(args) == count and not kwargs:  # every field, in order (a Decision per line): the fast way
            self.__dict__.update(zip(names, args))
            if post_init:
                self.__post_init__()
            return
        if len(args) > count:
            raise TypeError(f"{class_name}.__init__() takes {count + 1} positional arguments but "
                            f"{len(args) + 1} were given")
        values = start.copy()
        values.update(zip(names, args))
        if kwargs:
            if not start.keys() >= kwargs.keys():
                name = next(name for name in kwargs if name not in start)
                raise TypeError(f"{class_name}.__init__() got an unexpected keyword argument {name!r}")
            if args and not kwargs.keys().isdisjoint(names[:len(args)]):
                name = next(name for name in names[:len(args)] if name in kwargs)
                raise TypeError(f"{class_name}.__init__() got multiple values for argument {name!r}")
            values.update(kwargs)
        for name, factory in unset:
            if values[name] is _MISSING:
                if factory is None:
                    raise TypeError(f"{class_name}.__init__() missing required argument: {name!r}")
                values[name] = factory()
        self.__dict__.update(values)  # past a frozen record's refusal, as a dataclass's __init__ sets them
        if post_init:
            self.__post_init__()

    return __init__


def _repr(shown: tuple[str, ...]) -> Callable[[Any], str]:
    def __repr__(self: Any) -> str:
        fields = ", ".join(f"{name}={getattr(self, name)!r}" for name in shown)
        return f"{self.__class__.__qualname__}({fields})"

    return __repr__


def _eq(compared: tuple[str, ...]) -> Callable[[Any, Any], Any]:
    def __eq__(self: Any, other: Any) -> Any:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return tuple(getattr(self, name) for name in compared) == tuple(getattr(other, name) for name in compared)

    return __eq__


def _hash(compared: tuple[str, ...]) -> Callable[[Any], int]:
    def __hash__(self: Any) -> int:
        return hash(tuple(getattr(self, name) for name in compared))

    return __hash__


def _refuse_setattr(self: Any, name: str, value: Any) -> None:
    raise FrozenInstanceError(f"cannot assign to field {name!r}")


def _refuse_delattr(self: Any, name: str) -> None:
    raise FrozenInstanceError(f"cannot delete field {name!r}")
