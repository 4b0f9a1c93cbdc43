"""The pipeline's stages: each labels lines of a Document and says why.

A stage is any callable ``stage(document) -> None`` with a ``name`` (:class:`Stage`); it may
label lines (``document.decide(line, label, reason, authority)``) but never deletes or rewrites
text. The ordered list of stages is in :mod:`cleaner.pipeline`, which stamps each decision with
the name of the stage that made it.
"""

from __future__ import annotations

from ..compat import TYPE_CHECKING

if TYPE_CHECKING:
    from typing import Protocol

    from ..document import Document

    class Stage(Protocol):
        """One step of the pipeline: ``name`` is what ``--explain`` shows for the lines it decided (a type
        checker's alone: the pipeline runs any callable with a name)."""

        name: str

        def __call__(self, doc: Document) -> None:  # pragma: no cover - protocol
            ...
