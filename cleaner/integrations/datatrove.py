"""cleaner as a datatrove pipeline step, for corpora past one machine (Slurm, Ray) — ``pip install 'article-cleaner[datatrove]'``.

    from datatrove.pipeline.readers import JsonlReader, WarcReader
    from datatrove.pipeline.writers import JsonlWriter
    from cleaner.integrations.datatrove import ArticleCleaner

    pipeline = [JsonlReader("s3://bucket/dumps/"), ArticleCleaner(), JsonlWriter("s3://bucket/clean/")]

:class:`ArticleCleaner` rewrites each Document's ``text`` to the article body
and adds the article's metadata (``article_title``, ``article_byline``,
``article_date``, ``article_site``, ``article_profile``,
``article_language``, ``article_lines_in``, ``article_lines_kept``; the
prefix keeps them clear of the reader's own ``date`` or ``language``).
Documents without an article, or that fail (bad input, a crash inside the
cleaner, over the timeout), are dropped and counted in the step's stats
(``dropped_no_article``, ``dropped_error``, ``dropped_timeout``); give an
``exclusion_writer`` to keep them, with the reason in
``metadata["cleaner_dropped"]``.

The page URL, which picks the site profile, is read from
``metadata["url"]`` (datatrove's WARC reader puts it there). With
``timeout`` set (the default), documents are cleaned in datatrove's
extractor sandbox, a subprocess that is killed when a document runs over;
``timeout=None`` cleans in the task's own process.
"""

from __future__ import annotations

from contextlib import contextmanager, nullcontext
from functools import partial
from typing import Any, Callable, Iterable, Iterator

from datatrove.data import Document, DocumentsPipeline
from datatrove.pipeline.base import PipelineStep
from datatrove.utils.typeshelper import StatHints

from ..batch.records import InputRecord, Source
from ..batch.work import Processor, Settings
from ..reading import DEFAULT_MAX_BYTES

#: The article fields copied into each kept Document's metadata (with the prefix).
METADATA_FIELDS = ("title", "byline", "date", "site", "profile", "language", "lines_in", "lines_kept")

_PROCESSORS: dict[Settings, Processor] = {}


def _clean_text(settings: Settings, text: str, url: str | None = None) -> dict[str, Any]:
    """Clean one text into a record dict; never raises. Module-level, so a sandbox process can run it."""
    processor = _PROCESSORS.get(settings)
    if processor is None:
        processor = _PROCESSORS[settings] = Processor(settings)
    return processor.clean_record(InputRecord(Source("<datatrove>"), data=text, url=url))


class ArticleCleaner(PipelineStep):
    """Keep only the article: rewrite ``text`` to the body, add metadata, drop documents without one."""

    name = "🧹 cleaner"
    type = "🛢 - EXTRAC"

    def __init__(self, profiles_dirs: Iterable[str] = (), use_profiles: bool = True, profile: str | None = None,
                 input_format: str = "auto", url_key: str = "url", metadata_prefix: str = "article_",
                 timeout: float | None = 30.0, max_bytes: int = DEFAULT_MAX_BYTES, exclusion_writer=None,
                 text_model: str | None = None, markup_model: str | None = None) -> None:
        super().__init__()
        self.settings = Settings(profiles_dirs=tuple(str(path) for path in profiles_dirs),
                                 use_profiles=use_profiles, profile=profile, input_format=input_format,
                                 max_bytes=max_bytes, text_model=text_model, markup_model=markup_model,
                                 serialize=False)
        self.settings.make_cleaner()  # a broken profile fails here, where the pipeline is built
        self.url_key = url_key
        self.metadata_prefix = metadata_prefix
        self.timeout = timeout
        self.exclusion_writer = exclusion_writer

    def run(self, data: DocumentsPipeline, rank: int = 0, world_size: int = 1) -> DocumentsPipeline:
        if data is None:
            return
        with self.exclusion_writer or nullcontext() as writer, self._cleaning() as clean:
            for document in data:
                self.stat_update(StatHints.total)
                with self.track_time():
                    reason = self._apply(document, clean)
                if reason is None:
                    self.stat_update(StatHints.forwarded)
                    self.update_doc_stats(document)
                    yield document
                    continue
                self.stat_update(StatHints.dropped, f"dropped_{reason}")
                if writer is not None:
                    writer.write(document, rank)

    def _apply(self, document: Document, clean: Callable[[str, str | None], dict[str, Any]]) -> str | None:
        """Clean one document in place; the reason it is dropped, or None to keep it."""
        url = document.metadata.get(self.url_key)
        try:
            record = clean(document.text, url if isinstance(url, str) else None)
        except TimeoutError:
            document.metadata["cleaner_dropped"] = f"timed out after {self.timeout:g} s"
            return "timeout"
        except EOFError:
            document.metadata["cleaner_dropped"] = "the cleaning process died on this document"
            return "error"
        if record["error"] is not None:
            document.metadata["cleaner_dropped"] = record["error"]
            return "error"
        if not record["body"]:
            document.metadata["cleaner_dropped"] = "no article text found"
            return "no_article"
        document.text = record["body"]
        for field in METADATA_FIELDS:
            document.metadata[self.metadata_prefix + field] = record[field]
        return None

    @contextmanager
    def _cleaning(self) -> Iterator[Callable[[str, str | None], dict[str, Any]]]:
        """A clean(text, url) function: in datatrove's killable sandbox with a timeout, else in process."""
        clean = partial(_clean_text, self.settings)
        if not self.timeout:
            yield clean
            return
        from datatrove.pipeline.extractors.base import ExtractorSandbox

        with ExtractorSandbox(timeout=self.timeout, warmup_text=("", None)) as sandbox:
            yield lambda text, url: sandbox.process_document((text, url), clean)
