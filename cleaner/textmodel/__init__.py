"""The generic fallback's line model: what a line's vector holds, the model that reads it, its file.

- :mod:`.columns`: one table of named columns (name, words for ``--explain``, how it is computed);
- :mod:`.measures`: the document-level measures the columns read (the main run of prose, cohesion…);
- :mod:`.vectors`: every line's vector, built from the table (training builds its data with it too);
- :mod:`.hmm`: :class:`TextModel`, logistic scores and the four-state Viterbi over them;
- :mod:`.loading`: the shipped model file, or a user's.

The ``scoring`` and ``context`` stages use it; it imports no stage.
"""

from __future__ import annotations

from .columns import COLUMNS, END_MARKERS, FEATURES, SIGNALS, Column
from .hmm import AFTER, BEFORE, BODY_STATE, GAP, TextModel
from .loading import default_model, load_model, model_for
from .vectors import iter_line_vectors, line_vectors

__all__ = ["AFTER", "BEFORE", "BODY_STATE", "COLUMNS", "END_MARKERS", "FEATURES", "GAP", "SIGNALS", "Column",
           "TextModel", "default_model", "iter_line_vectors", "line_vectors", "load_model", "model_for"]
