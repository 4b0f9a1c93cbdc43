"""Command-line options that several commands share (``cleaner``, ``check``, ``batch``, ``report``).

Click only: importing this costs nothing on the text path's cold start.
"""

from __future__ import annotations

import click

from ..reading import DEFAULT_MAX_BYTES, INPUT_FORMATS

_UNITS = {"": 1, "k": 1 << 10, "m": 1 << 20, "g": 1 << 30}


class ByteSize(click.ParamType):
    """A size like ``5000000``, ``512k``, ``64M`` or ``1G`` (powers of 1024)."""

    name = "size"

    def convert(self, value, param, ctx):
        if isinstance(value, int):
            return value
        text = str(value).strip().lower().removesuffix("b").removesuffix("i")
        unit = text[-1:] if text[-1:] in _UNITS else ""
        try:
            number = float(text[:len(text) - len(unit)])
        except ValueError:
            self.fail(f"{value!r} is not a size (examples: 5000000, 512k, 64M, 1G)", param, ctx)
        if number <= 0:
            self.fail(f"{value!r}: the size must be positive", param, ctx)
        return int(number * _UNITS[unit])


def max_bytes_option(help_text: str):
    """``--max-bytes SIZE`` (default 64M): the input size limit, applied while reading."""
    return click.option("--max-bytes", type=ByteSize(), default=f"{DEFAULT_MAX_BYTES >> 20}M", show_default=True,
                        help=help_text)


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


def markup_model_option(function):
    """``--markup-model FILE``: a markup model the user trained instead of the shipped one."""
    return click.option("--markup-model", "markup_model", type=click.Path(dir_okay=False), metavar="FILE",
                        help="Score HTML lines with your own markup model (bench/train_markup_model.py writes one) "
                             "instead of the shipped one.")(function)


def input_format_option(help_text: str = "Treat the input as a text dump or HTML (auto: detect)."):
    """``--input-format auto|text|html``: the choices are the library's (:data:`cleaner.api.INPUT_FORMATS`)."""
    return click.option("--input-format", type=click.Choice(INPUT_FORMATS), default="auto", show_default=True,
                        help=help_text)


def profile_option(help_text: str = "Force this profile (see 'cleaner profiles')."):
    """``--profile NAME``: force one profile instead of picking it by URL or fingerprints."""
    return click.option("--profile", "profile_name", metavar="NAME", help=help_text)
