"""The text model in use: the shipped file, or one a user trained (``bench/train_text_model.py --out FILE``)."""

from __future__ import annotations

from functools import cache

from ..models import load_file, load_packaged
from .hmm import TextModel

KIND = "text model"
#: The shipped model, in ``cleaner/data`` (read from its twin: :func:`cleaner.data.read_json`).
MODEL_FILE = "text_model.json"


@cache
def default_model() -> TextModel | None:
    """The shipped model, read once per process."""
    return load_packaged(KIND, MODEL_FILE, TextModel.from_dict)


def load_model(path) -> TextModel:
    """A model file written by bench/train_text_model.py; :class:`ModelError` says why one is unusable."""
    return load_file(KIND, path, TextModel.from_dict)


def model_for(doc) -> TextModel | None:
    """The model this document is scored with: its cleaner's, else the shipped one."""
    return doc.models.text if doc.models.text is not None else default_model()
