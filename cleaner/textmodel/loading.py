"""The text model in use: the shipped file, or one a user trained (``bench/train_text_model.py --out FILE``)."""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources

from ..errors import ModelError
from .hmm import TextModel


@lru_cache(maxsize=1)
def default_model() -> TextModel | None:
    try:
        text = resources.files("cleaner.data").joinpath("text_model.json").read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    return TextModel.from_dict(json.loads(text))


def load_model(path) -> TextModel:
    """A model file written by bench/train_text_model.py; :class:`ModelError` says why one is unusable."""
    try:
        with open(path, encoding="utf-8") as handle:
            data = json.load(handle)
    except OSError as error:
        raise ModelError(str(path), f"cannot read it ({error.strerror or error})") from None
    except (ValueError, UnicodeDecodeError) as error:
        raise ModelError(str(path), f"not JSON ({' '.join(str(error).split())})") from None
    if not isinstance(data, dict):
        raise ModelError(str(path), "not a text model (expected a JSON object)")
    try:
        return TextModel.from_dict(data)
    except KeyError as error:
        raise ModelError(str(path), f"missing key {error}") from None
    except (TypeError, ValueError, IndexError, OverflowError) as error:
        raise ModelError(str(path), " ".join(str(error).split()) or type(error).__name__) from None


def model_for(doc) -> TextModel | None:
    return doc.model if doc.model is not None else default_model()
