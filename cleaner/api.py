"""The library entry points: :func:`clean` and the reusable :class:`Cleaner`.

``clean(text)`` is what most users need. A :class:`Cleaner` holds the loaded
profiles, so a pipeline cleaning many documents loads them once.
"""

from __future__ import annotations

import contextlib
import functools
import os
import warnings
from collections.abc import Iterable

from . import pipeline
from .compat import TYPE_CHECKING
from .document import Article
from .errors import UsageError
from .models import Models
from .profiles import Profile, Registry
from .profiles.patterns import budget_for, time_budget
from .reading import DEFAULT_MAX_BYTES, DEFAULT_MAX_LINE_CHARS, INPUT_FORMATS, read_input
from .site_evidence import HostTemplate, SiteEvidence

if TYPE_CHECKING:
    from typing import BinaryIO

__all__ = ["INPUT_FORMATS", "Cleaner", "clean", "default_cleaner"]


def _collector_paused():
    from .html import collector_paused  # lazy: only for HTML input, which imports cleaner.html anyway

    return collector_paused()


class Cleaner:
    """A configured cleaner: which profiles it knows and how it reads input."""

    def __init__(self, profiles_dirs: Iterable[str | os.PathLike[str]] = (), use_profiles: bool = True,
                 max_line_chars: int = DEFAULT_MAX_LINE_CHARS, model_path: str | os.PathLike[str] | None = None,
                 max_bytes: int = DEFAULT_MAX_BYTES, text_model: str | os.PathLike[str] | None = None,
                 markup_model: str | os.PathLike[str] | None = None,
                 site_evidence: SiteEvidence | None = None) -> None:
        """``text_model``, ``markup_model``: model files to score with instead of the shipped ones (a file that
        is not such a model is a ModelError, raised here). ``model_path`` is the old name of ``text_model``.
        ``site_evidence``: the lines each host prints on most of its pages
        (:class:`cleaner.site_evidence.SiteEvidence`, as ``cleaner batch --learn-sites`` counts them); a
        page whose URL names such a host has them dropped as template (stage ``template``)."""
        if model_path is not None:
            warnings.warn("Cleaner(model_path=…) is deprecated: use Cleaner(text_model=…)", DeprecationWarning,
                          stacklevel=2)
            if text_model is not None:
                raise UsageError("give the text model as text_model= only (model_path= is its old name)")
            text_model = model_path
        self.use_profiles = use_profiles
        self.max_bytes = max_bytes
        self.registry = Registry.load(profiles_dirs) if use_profiles else Registry()
        self.registry.literal_search = native_literal_search
        self.max_line_chars = max_line_chars
        self.models = _models(text_model, markup_model)
        self.site_evidence = site_evidence

    def clean(self, text: str | bytes | BinaryIO, url: str | None = None, profile: str | Profile | None = None,
              input_format: str = "auto", charset: str | None = None) -> Article:
        """Clean one dump: the article's body, metadata and every line's decision.

        ``text`` is the dump as str, as bytes (decoded here), or as a binary file
        opened for reading (read here, at most ``max_bytes`` + 1 bytes of it: the
        bytes are then dropped once decoded). Input over ``max_bytes`` is an InputError.
        ``charset`` is what the bytes' transport said of them (an HTTP Content-Type
        charset), tried after UTF-8 (see :mod:`cleaner.reading`).
        """
        text, is_html = read_input(text, input_format, self.max_bytes, self.max_line_chars, charset)
        # One CPU budget for the profile's regexes over the whole dump (fingerprints, then its rules in every
        # window of a large dump): a slow user regex stops with a one-line error, not per window.
        budget = budget_for(len(text))
        handed = [text]
        del text   # _clean_text holds the only reference: a big page's text is freed once its lines hold it
        # An HTML page is cleaned with the garbage collector paused (cleaner.html.collector_paused: it makes no
        # cyclic garbage), and the page's objects are freed before it runs again, when _clean_text returns.
        with time_budget(budget), _collector_paused() if is_html else contextlib.nullcontext():
            article = self._clean_text(handed, url, profile, is_html)
        if article.empty:
            article.warnings.append("no article text found")
        return article

    def _clean_text(self, handed: list[str], url: str | None, profile: str | Profile | None,
                    is_html: bool) -> Article:
        """Clean the text ``handed`` over (a list of one str, emptied here: no caller's frame keeps it)."""
        if is_html:
            text = handed.pop()
            from .html import html_to_document, let_go_of_tree  # lazy: lxml only when HTML comes in

            doc = html_to_document(text, url=url)
            shown = "\n".join(line.text for line in doc.lines)  # fingerprints are chrome a reader sees
            doc.profile = self._pick_profile(shown, url, profile)
            # The lines hold the text now: a 10 MB page is not kept twice (or three times, with the text
            # its lines show) while the stages run. When clean() decoded it, this was the only reference.
            del text, shown
            let_go_of_tree(doc)   # a big page over trafilatura's limits needs no tree from here on
            doc.models, doc.template = self.models, self._template(url)
            doc.language_index = _language_by_core
            doc.line_measures = _measures_by_core
            doc.line_phrases = _phrases_by_core
            doc.line_search = _found_by_core
            article = pipeline.run(doc)
        else:
            chosen = self._pick_profile(handed[0], url, profile)
            # Handed on: a pasted site's str is let go once the pipeline holds its UTF-8.
            article = pipeline.run_handed_text(handed, url=url, profile=chosen, models=self.models,
                                               template=self._template(url), core=native_text_path())
        return article

    def _template(self, url: str | None) -> HostTemplate | None:
        """The template evidence of the page's host, if this cleaner has any for it."""
        return self.site_evidence.for_url(url) if self.site_evidence is not None else None

    def _pick_profile(self, text: str, url: str | None, profile: str | Profile | None) -> Profile | None:
        if isinstance(profile, Profile):
            return profile
        if profile:
            return self.registry.get(profile)
        if not self.use_profiles:
            return None
        return self.registry.match(text, url)


def native_text_path():
    """The native core's text path, or None when the Python reference runs (``CLEANER_PURE_PYTHON``, no core)."""
    global _native_path_module
    if _native_path_module is None:
        from .native import path  # lazy: the core reads the stages' rules when first asked

        _native_path_module = path
    return _native_path_module.native_path()


#: :mod:`cleaner.native.path`, once the first dump imported it (a function's relative import costs 4-7 k
#: instructions a call; its ``native_path`` is read at each call, where a test may stand in for it).
_native_path_module = None


def _language_by_core(texts: list[str]) -> tuple[str | None, bool] | None:
    """An HTML page's language weighed by the native core (``language.detect``'s ``by_index``), asked only
    for a page that is neither CJK nor plainly English; None when the Python reference runs."""
    core = native_text_path()
    return core.detect_language(texts) if core is not None else None


def _measures_by_core(texts: list[str], stoplist: frozenset[str], char_mode: bool):
    """An HTML page's distinct lines measured by the native core in one call (the features stage's
    ``measure_lines``): ``cleaner.native.Measures``, or None when the Python reference measures (no core, or
    the core refuses the text)."""
    from .native import measured_or_none  # lazy: the core is loaded when an HTML page first needs it

    return measured_or_none(texts, stoplist, char_mode)


def _phrases_by_core(texts: list[str], stoplist: frozenset[str], char_mode: bool):
    """The shipped phrases of an HTML page's lines found by the native core in one call (the phrases stage's
    ``classify_lines``), or None when the Python reference classifies them (no core, or it refuses the text)."""
    from .native import phrases_or_none  # lazy: the core is loaded when an HTML page first needs it

    return phrases_or_none(texts, stoplist, char_mode)


def _found_by_core(pattern: str, texts: list[str]) -> bytes | None:
    """Per line of an HTML page, 1 where the ``re.I`` regex ``pattern`` is found, by the native core in one call
    (``Document.line_search``: the markup rows' chrome phrases, the shapes stage's matches), or None when the
    Python reference searches (no core, or it refuses the pattern or the text)."""
    from .native import found_in_lines  # lazy: the core is loaded when an HTML page first needs it

    return found_in_lines(pattern, texts)


def native_literal_search(literals: list[str]):
    """The native core's one-pass search for ``literals`` (a profile's fingerprints ask for their strings with
    it), or None when the Python reference runs."""
    from .native import literal_screen  # lazy: asked only when a dump is matched against fingerprints

    return literal_screen(literals)


def _models(text_model: str | os.PathLike[str] | None, markup_model: str | os.PathLike[str] | None) -> Models:
    """The models read from the files given (``None``: the shipped one, read when first needed)."""
    text = markup = None
    if text_model is not None:  # another text model, e.g. for cross-validation
        from .textmodel import load_model

        text = load_model(text_model)
    if markup_model is not None:  # lazy: the markup model loads lxml, which a text dump never needs
        from .html.model import load_model as load_markup_model

        markup = load_markup_model(markup_model)
    return Models(text=text, markup=markup)


@functools.cache
def default_cleaner(use_profiles: bool = True) -> Cleaner:
    """The :class:`Cleaner` that :func:`clean` uses, one per process for each ``use_profiles``: the profiles
    load once."""
    return Cleaner(use_profiles=use_profiles)


def clean(text: str | bytes | BinaryIO, url: str | None = None, profile: str | Profile | None = None, *,
          use_profiles: bool = True, input_format: str = "auto") -> Article:
    """Clean one scraped dump (text or HTML, str or bytes) and return the :class:`Article`.

    ``url`` picks the site profile by host; ``profile`` forces one by name;
    ``use_profiles=False`` runs the generic fallback only.
    """
    return default_cleaner(use_profiles).clean(text, url=url, profile=profile, input_format=input_format)
