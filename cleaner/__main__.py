"""``python -m cleaner`` and the ``cleaner`` command (its console script calls :func:`main`)."""

from .startup import import_frozen


def main() -> None:
    """The command line, its modules imported with the garbage collector off and then frozen
    (:func:`cleaner.startup.import_frozen`)."""
    import_frozen(".cli", __package__).run()


if __name__ == "__main__":
    main()
