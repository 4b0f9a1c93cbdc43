"""The command line: ``cleaner`` and its commands, a thin click layer over the library.

    main.py      the ``cleaner`` group, the default command (clean), ``profiles`` and ``check``
    options.py   options several commands share (--input-format, --profile, --profiles-dir, --max-bytes…)
    check.py     the logic of ``cleaner check`` (also used by the pytest plugin)
    batch.py     ``cleaner batch`` (the work is in :mod:`cleaner.batch`)
    report.py    ``cleaner report`` (the page is made by :mod:`cleaner.report`)
    learn.py     ``cleaner learn`` (the learning is done by :mod:`cleaner.learn`)

Start-up stays light: importing this package costs click and nothing else
of weight; each command loads the machinery it needs when it runs.
"""

from .main import main, run

__all__ = ["main", "run"]
