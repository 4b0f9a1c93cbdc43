"""Command-line options that several commands share (``cleaner``, ``cleaner check``, ``cleaner batch``).

Click only: importing this costs nothing on the text path's cold start.
"""

from __future__ import annotations

import click


def profile_options(function):
    """``--profiles-dir DIR`` (repeatable) and ``--no-profiles``."""
    function = click.option("--no-profiles", is_flag=True, help="Use the generic fallback only.")(function)
    function = click.option("--profiles-dir", "profiles_dirs", multiple=True, type=click.Path(file_okay=False),
                            help="A folder of your own profile files (.toml); yours win over built-ins.")(function)
    return function


def text_model_option(function):
    """``--text-model FILE``: a text model the user trained instead of the shipped one."""
    return click.option("--text-model", "text_model", type=click.Path(dir_okay=False), metavar="FILE",
                        help="Score lines with your own text model (bench/train_text_model.py writes one) "
                             "instead of the shipped one.")(function)
