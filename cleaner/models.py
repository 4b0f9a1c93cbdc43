"""The two learned models, loaded one way and chosen per :class:`~cleaner.Cleaner`.

The text model (:mod:`cleaner.textmodel`) scores the lines of every dump; the
markup model (:mod:`cleaner.html.model`) those of an HTML page. Each ships in
``cleaner/data`` and may be replaced by a file of the same format
(``Cleaner(text_model=…, markup_model=…)``, ``--text-model``, ``--markup-model``).
:class:`Models` holds the replacements a cleaner was given and travels on each
Document to the stages that score; :func:`load_file` and :func:`load_packaged`
read either model, and a file that cannot be used is a :class:`ModelError` with
one line naming the model, the file and the problem.
"""

from __future__ import annotations

from collections.abc import Callable

from .compat import TYPE_CHECKING
from .data import data_file, read_json
from .errors import ModelError
from .records import record

if TYPE_CHECKING:
    from typing import Any, TypeVar

    M = TypeVar("M")


@record(frozen=True)
class Models:
    """The models a cleaner scores with; ``None``: the shipped one."""

    text: Any = None     # a cleaner.textmodel.TextModel
    markup: Any = None   # a cleaner.html.model.Model


#: The shipped models (every Document's unless its cleaner was given others).
SHIPPED = Models()


def load_file(kind: str, path: Any, make: Callable[[dict], M]) -> M:
    """The model in the JSON file at ``path``, made by ``make`` (which raises ValueError, KeyError… for a
    file that is not such a model); ``kind`` ("text model", "markup model") names it in a ModelError."""
    import json

    try:
        with open(path, encoding="utf-8") as handle:
            data = json.load(handle)
    except OSError as error:
        raise ModelError(str(path), f"cannot read it ({error.strerror or error})", kind) from None
    except (ValueError, UnicodeDecodeError) as error:
        raise ModelError(str(path), f"not JSON ({' '.join(str(error).split())})", kind) from None
    return _made(kind, str(path), data, make)


def load_packaged(kind: str, name: str, make: Callable[[dict], M]) -> M | None:
    """The model shipped as ``cleaner/data/<name>`` (``None`` when the package has no such file)."""
    try:
        data = read_json(data_file(name))  # (from its twin: no json imported at a start)
    except FileNotFoundError:
        return None
    return _made(kind, f"cleaner/data/{name}", data, make)


def _made(kind: str, source: str, data: Any, make: Callable[[dict], M]) -> M:
    if not isinstance(data, dict):
        raise ModelError(source, f"not a {kind} (expected a JSON object)", kind)
    try:
        return make(data)
    except KeyError as error:
        raise ModelError(source, f"missing key {error}", kind) from None
    except (TypeError, ValueError, IndexError, OverflowError, AttributeError) as error:
        raise ModelError(source, " ".join(str(error).split()) or type(error).__name__, kind) from None
