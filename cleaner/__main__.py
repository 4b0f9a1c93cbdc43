"""``python -m cleaner`` and the ``cleaner`` command (its console script calls :func:`main`)."""

import sys

from .startup import import_frozen


def main() -> None:
    """The command line. ``cleaner [FILE...]`` with no option is cleaned without importing click
    (:mod:`cleaner.command`, ~15 ms of a cold start); anything else is click's, its modules imported with
    the garbage collector off and then frozen (:func:`cleaner.startup.import_frozen`)."""
    command = import_frozen(".command", __package__)
    files = command.plain_files(sys.argv[1:])
    if files is not None:
        command.run_plain(files)
    import_frozen(".cli", __package__).run()


if __name__ == "__main__":
    main()
