"""The command line as a user drives it: stdin in, the article out, errors as one line."""

from __future__ import annotations

import json
import os
import re
import subprocess

import pytest

from conftest import SEEDS, python, seed


def test_stdin_to_body(runner, cli):
    dump = seed("000").read_text(encoding="utf-8")
    result = runner.invoke(cli, [], input=dump)
    assert result.exit_code == 0, result.stderr
    paragraphs = result.stdout.rstrip("\n").split("\n\n")
    assert paragraphs[0].startswith("ANKARA - Syrian government forces killed five Turkish soldiers")
    assert paragraphs[-1].startswith("Turkey, which hosts 3.6 million Syrian refugees")
    assert "Subscribe for our daily newsletter" not in result.stdout
    assert "By REUTERS" not in result.stdout
    assert result.stderr == ""


def test_file_argument_and_dash_mean_the_same(runner, cli):
    path = seed("004")
    from_file = runner.invoke(cli, [str(path)])
    from_stdin = runner.invoke(cli, ["-"], input=path.read_bytes())
    assert from_file.exit_code == from_stdin.exit_code == 0
    assert from_file.stdout == from_stdin.stdout


def test_json_format_has_the_documented_keys(runner, cli):
    result = runner.invoke(cli, ["--format", "json", str(seed("000"))])
    assert result.exit_code == 0
    record = json.loads(result.stdout)
    assert {"title", "byline", "date", "site", "profile", "body", "paragraphs", "dropped"} <= set(record)
    assert record["title"] == "Five Turkish soldiers killed in attack in northwest Syria"
    assert record["byline"] == "REUTERS"
    assert record["date"] == "2020-02-10"
    assert record["profile"] == "jpost"
    assert record["body"] == "\n\n".join(record["paragraphs"])
    assert record["dropped"] > 50


def test_markdown_and_metadata_header(runner, cli):
    markdown = runner.invoke(cli, ["--format", "markdown", str(seed("004"))]).stdout
    assert markdown.startswith("# Turkey Says Syrian Air Strikes Kill Two Turkish Soldiers Near Idlib\n")
    text = runner.invoke(cli, ["--with-metadata", str(seed("000"))]).stdout
    header, body = text.split("\n\n", 1)
    assert header.splitlines() == [
        "Title: Five Turkish soldiers killed in attack in northwest Syria",
        "Byline: REUTERS", "Date: 2020-02-10", "Site: jpost.com"]
    assert body.startswith("ANKARA - ")


def test_explain_lists_every_line_with_a_reason(runner, cli):
    path = seed("003")
    result = runner.invoke(cli, ["--explain", str(path)])
    assert result.exit_code == 0
    rows = result.stdout.splitlines()[1:]
    non_blank = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len(rows) == len(non_blank)
    assert any(row.split()[2] == "site" and "profile inkl: before the article" in row and "Start reading" in row
               for row in rows)
    assert any(row.split()[1] == "title" for row in rows)
    assert all(len(row.split()) >= 3 for row in rows)


def test_url_picks_the_profile_and_no_profiles_turns_it_off(runner, cli):
    dump = seed("001").read_text(encoding="utf-8")
    with_url = json.loads(runner.invoke(cli, ["--format", "json", "--url", "https://www.thenews.com.pk/latest/1"],
                                        input=dump).stdout)
    assert with_url["profile"] == "thenews"
    generic = json.loads(runner.invoke(cli, ["--format", "json", "--no-profiles"], input=dump).stdout)
    assert generic["profile"] is None


def test_forced_profile_and_unknown_profile(runner, cli):
    dump = seed("004").read_text(encoding="utf-8")
    forced = json.loads(runner.invoke(cli, ["--format", "json", "--profile", "themoscowtimes"], input=dump).stdout)
    assert forced["profile"] == "themoscowtimes"
    bad = runner.invoke(cli, ["--profile", "nosuchsite"], input=dump)
    assert bad.exit_code == 2
    assert bad.stderr.count("\n") == 1 and "unknown profile 'nosuchsite'" in bad.stderr


def test_profiles_command_lists_builtins_and_user_folder(runner, cli, tmp_path):
    (tmp_path / "jpost.toml").write_text('name = "jpost"\nhosts = ["jpost.example"]\n', encoding="utf-8")
    result = runner.invoke(cli, ["profiles", "--profiles-dir", str(tmp_path)])
    assert result.exit_code == 0
    rows = {line.split()[0]: line for line in result.stdout.splitlines()}
    assert set(rows) >= {"jpost", "thenews", "duvarenglish", "inkl", "themoscowtimes"}
    assert "jpost.example" in rows["jpost"] and str(tmp_path) in rows["jpost"]  # the user's wins
    assert "built-in" in rows["inkl"]


# --- bad input: one line on stderr, the documented exit status, never a traceback ---

def test_empty_input_is_a_one_line_error(runner, cli, tmp_path):
    result = runner.invoke(cli, [], input=b"")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == "cleaner: error: input is empty\n"
    blank = tmp_path / "blank.txt"
    blank.write_text("  \n\n\t\n", encoding="utf-8")
    result = runner.invoke(cli, [str(blank), str(seed("000"))])  # the next file is still cleaned
    assert result.exit_code == 1
    assert result.stderr == f"cleaner: error: {blank}: input is empty (nothing but whitespace)\n"
    assert result.stdout.startswith("\f\nANKARA - Syrian government forces")  # an empty piece for the blank file


def test_binary_input_is_an_error(runner, cli):
    result = runner.invoke(cli, [], input=b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1 and "binary" in result.stderr
    assert "Traceback" not in result.stderr


def test_gzipped_dump_is_read_as_the_dump(runner, cli, tmp_path):
    import gzip
    dump = seed("000").read_bytes()
    plain = runner.invoke(cli, [], input=dump)
    path = tmp_path / "page.txt.gz"
    path.write_bytes(gzip.compress(dump))
    from_file = runner.invoke(cli, [str(path)])
    from_stdin = runner.invoke(cli, [], input=gzip.compress(dump[:100]) + gzip.compress(dump[100:]))  # two members
    assert from_file.exit_code == from_stdin.exit_code == 0, from_file.stderr
    assert from_file.stdout == from_stdin.stdout == plain.stdout


@pytest.mark.parametrize("damage, message", [
    (lambda packed: packed[:len(packed) // 2], "input is gzip'd but truncated"),
    (lambda packed: packed + b"trailing", "input is gzip'd but has trailing data"),
    (lambda packed: packed[:10] + b"\xff" * 40, "input is gzip'd but cannot be decompressed"),
])
def test_broken_gzip_is_one_line_error(runner, cli, damage, message):
    import gzip
    result = runner.invoke(cli, [], input=damage(gzip.compress(seed("000").read_bytes())))
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr.startswith(f"cleaner: error: {message}") and result.stderr.count("\n") == 1


def test_gzip_bomb_stops_at_the_size_limit(runner, cli):
    import gzip
    bomb = gzip.compress(b"a" * 5_000_000)  # ~5 KB that would grow to 5 MB
    result = runner.invoke(cli, ["--max-bytes", "1000000"], input=bomb)
    assert result.exit_code == 1
    assert result.stderr == "cleaner: error: input is over the size limit of 1,000,000 bytes (see --max-bytes)\n"


def test_non_utf8_input_is_decoded(runner, cli):
    dump = seed("002").read_text(encoding="utf-8")
    result = runner.invoke(cli, [], input=dump.encode("cp1254"))  # Turkish Windows code page
    assert result.exit_code == 0, result.stderr
    assert "President Recep Tayyip Erdoğan also chaired a security meeting" in result.stdout


def test_latin1_input_is_decoded(runner, cli):
    text = ("Título: Economía\n\n" + "La economía española creció un 2,1 por ciento en el último trimestre, "
            "según los datos publicados hoy por el instituto de estadística, que atribuye el avance al consumo. " * 3)
    result = runner.invoke(cli, [], input=text.encode("latin-1"))
    assert result.exit_code == 0, result.stderr
    assert "La economía española creció" in result.stdout


def test_missing_file_is_a_one_line_error(runner, cli, tmp_path):
    missing = tmp_path / "nope.txt"
    result = runner.invoke(cli, [str(missing)])
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and str(missing) in result.stderr


def test_huge_single_line_is_refused(runner, cli):
    result = runner.invoke(cli, [], input=("word " * 300_000).encode())
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1 and "line 1 is" in result.stderr


def test_pure_menu_page_gives_empty_body_and_a_warning(runner, cli):
    menu = "\n".join(["Home", "News", "Sport", "Weather", "About us", "Contact", "Privacy Policy", "Sign in"])
    result = runner.invoke(cli, [], input=menu)
    assert result.exit_code == 0
    assert result.stdout == ""
    assert "no article text found" in result.stderr


def test_broken_profile_is_a_one_line_error_naming_file_and_key(runner, cli, tmp_path):
    (tmp_path / "mysite.toml").write_text('name = "mysite"\nhosts = ["my.example"]\n[[drop]]\nmatch = "(unclosed"\n'
                                          'reason = "x"\n', encoding="utf-8")
    result = runner.invoke(cli, ["--profiles-dir", str(tmp_path)], input="hello")
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1
    assert "mysite.toml" in result.stderr and "drop[0].match" in result.stderr and "invalid regular expression" in result.stderr


def test_console_script_and_module_agree():
    dump = seed("002").read_bytes()
    via_module = subprocess.run([python(), "-m", "cleaner"], input=dump, capture_output=True, check=True)
    via_script = subprocess.run(["cleaner"], input=dump, capture_output=True, check=True)
    assert via_module.stdout == via_script.stdout
    assert via_module.stdout.startswith(b"Turkey has told a visiting Russian delegation")


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full (Linux)")
@pytest.mark.parametrize("options", [[], ["--explain"], ["--format", "json"]])
def test_a_full_disk_is_a_one_line_error(options):
    with open("/dev/full", "w") as full:
        result = subprocess.run([python(), "-m", "cleaner", *options, str(seed("000"))], stdout=full,
                                stderr=subprocess.PIPE, text=True, check=False)
    assert result.returncode == 1
    assert result.stderr == "cleaner: error: cannot write the output: No space left on device\n"


def test_version_names_the_distribution_to_install():
    """`cleaner --version` and `python -m cleaner --version` print the name pip knows and the version."""
    import configparser
    from importlib.metadata import version

    from cleaner import __version__
    from conftest import ROOT

    setup = configparser.ConfigParser()
    setup.read(ROOT / "setup.cfg")
    name = setup["metadata"]["name"]
    assert name == "article-cleaner"  # the index's 'cleaner' is someone else's project
    assert version(name) == __version__  # installed under that name
    for command in (["cleaner"], [python(), "-m", "cleaner"]):
        result = subprocess.run([*command, "--version"], capture_output=True, text=True, check=False)
        assert (result.returncode, result.stderr) == (0, "")
        assert re.fullmatch(rf"article-cleaner {re.escape(__version__)} \((native core|pure Python[^)]*)\)\n",
                            result.stdout), result.stdout


def test_the_command_imports_its_modules_with_the_collector_off_and_frozen():
    """The ``cleaner`` command (its console script) and ``python -m cleaner`` run ``cleaner.__main__.main``:
    the CLI's modules load with the garbage collector off and are frozen for it after (no collection
    passes over them while they load); it is on again for the command's work."""
    import configparser

    from conftest import ROOT

    setup = configparser.ConfigParser()
    setup.read(ROOT / "setup.cfg")
    assert "cleaner = cleaner.__main__:main" in setup["options.entry_points"]["console_scripts"]
    probe = ("import gc, sys\n"
             "import click\n"
             "sys.argv = ['cleaner', '--no-profiles']  # an option: click's path (tests/test_cli_plain.py: the other)\n"
             "runs = []\n"
             "gc.callbacks.append(lambda phase, info: phase == 'start' and runs.append(1))\n"
             "click.Group.main = lambda self, *a, **k: print(len(runs), gc.get_freeze_count() > 1000, gc.isenabled())\n"
             "from cleaner.__main__ import main\n"
             "main()\n")
    result = subprocess.run([python(), "-c", probe], capture_output=True, text=True, check=True)
    assert result.stdout.split() == ["0", "True", "True"], result.stdout


def test_batch_report_and_learn_are_imported_when_named():
    """Cleaning a dump does not import the modules of ``batch``, ``report`` and ``learn``; naming one (or
    ``--help``, which lists them) does."""
    code = ("import sys\n"
            "from click.testing import CliRunner\n"
            "from cleaner.cli import main\n"
            "names = lambda: sorted(m.rsplit('.', 1)[1] for m in sys.modules if m.startswith('cleaner.cli.'))\n"
            "print(names())\n"
            "CliRunner().invoke(main, ['--no-profiles'], input='A line of text.')\n"
            "print(names())\n"
            "assert CliRunner().invoke(main, ['learn', '--help']).exit_code == 0\n"
            "print(names())\n"
            "assert 'report ' in CliRunner().invoke(main, ['--help']).output\n"
            "print(names())\n")
    lines = subprocess.run([python(), "-c", code], capture_output=True, text=True, check=True).stdout.splitlines()
    assert lines[0] == lines[1] == "['console', 'main', 'options']"
    assert lines[2] == "['console', 'learn', 'main', 'options']"
    assert lines[3] == "['batch', 'console', 'learn', 'main', 'options', 'report']"


def test_readme_install_lines_use_the_distribution_name():
    from conftest import ROOT

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    installs = [line for line in readme.splitlines() if "pip install" in line and "-e" not in line.split("#")[0]]
    named = [line for line in installs if "cleaner" in line.split("#")[0]]
    assert named and all("article-cleaner" in line for line in named), named


def test_readme_package_map_matches_the_tree():
    """README's map (at its end) names every module and sub-package of cleaner/, and nothing that is gone;
    a sub-package whose modules it lists has all of them listed, and the data folder all its files."""
    import re

    from conftest import ROOT

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme[readme.index("```\ncleaner/\n"):].split("\nbench/", 1)[0].splitlines()[2:]
    listed: dict[str, set[str]] = {}
    for line in block:
        top, child = re.match(r"^  (\S+)", line), re.match(r"^    (\S+)", line)
        if top:
            parent = top.group(1)
            listed[parent] = set()
        elif child:
            listed[parent].add(child.group(1))
    package = ROOT / "cleaner"

    def entries(folder):
        held = folder.name == "data"   # the data folder's entries are its files
        return {p.name + "/" if p.is_dir() else p.name for p in folder.iterdir()
                if p.name not in ("__init__.py", "__pycache__") and (p.is_dir() or p.suffix == ".py" or held)}

    assert set(listed) == entries(package)
    for name, children in listed.items():
        if children:
            assert children == entries(package / name), name


def test_an_internal_failure_is_one_line_and_the_next_file_still_runs(runner, cli, monkeypatch, tmp_path):
    from cleaner.api import Cleaner

    original = Cleaner.clean

    def fails_on_bad(self, text, *args, **kwargs):
        data = text.read() if hasattr(text, "read") else text
        if b"TRIGGER" in data:
            raise RuntimeError("something broke")
        return original(self, data, *args, **kwargs)

    monkeypatch.setattr(Cleaner, "clean", fails_on_bad)
    bad = tmp_path / "bad.txt"
    bad.write_text("TRIGGER\n", encoding="utf-8")
    result = runner.invoke(cli, [str(bad), str(seed("000"))])
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if "error" in line]
    assert errors == [f"cleaner: error: {bad}: internal error (RuntimeError: something broke); "
                      "set CLEANER_DEBUG=1 for the traceback"]
    assert "Traceback" not in result.stderr and "ANKARA" in result.stdout


def test_text_is_written_in_chunks_that_join_to_the_whole_text(runner, cli, monkeypatch):
    """The CLI streams a large article; whatever the chunk size, stdout is the text format exactly."""
    import importlib

    from cleaner import Cleaner
    from cleaner.output import to_text

    command_module = importlib.import_module("cleaner.command")  # the clean command's loop, click-free

    paths = [seed("000"), seed("003"), seed("004")]
    articles = [Cleaner().clean(path.read_bytes()) for path in paths]
    expected = "\f\n".join(to_text(article, with_metadata=True) for article in articles)
    whole = runner.invoke(cli, ["--with-metadata", *map(str, paths)])
    writer = command_module._write_pieces
    monkeypatch.setattr(command_module, "_write_pieces", lambda pieces: writer(pieces, chunk_chars=7))
    chunked = runner.invoke(cli, ["--with-metadata", *map(str, paths)])
    assert whole.exit_code == chunked.exit_code == 0
    assert whole.stdout == chunked.stdout == expected
    assert articles[0].body == "\n\n".join(articles[0].paragraphs)


def _inverted_text_model(tmp_path):
    """The shipped text model with every weight negated: chrome looks like body, so the output changes."""
    from importlib import resources

    data = json.loads(resources.files("cleaner.data").joinpath("text_model.json").read_text(encoding="utf-8"))
    data["weights"] = [-weight for weight in data["weights"]]
    path = tmp_path / "inverted_model.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_text_model_option_uses_the_given_model_in_clean_and_batch(runner, cli, tmp_path):
    from cleaner import Cleaner, clean_many

    model = _inverted_text_model(tmp_path)
    dump = seed("001")  # a dump the inverted model keeps lines of (on 002 it keeps none: its chrome is final)
    shipped = runner.invoke(cli, ["--no-profiles", str(dump)]).stdout
    custom = runner.invoke(cli, ["--no-profiles", "--text-model", str(model), str(dump)])
    assert custom.exit_code == 0, custom.stderr
    expected = Cleaner(use_profiles=False, text_model=model).clean(dump.read_bytes())
    assert custom.stdout == (expected.body + "\n" if expected.body else "")
    assert expected.paragraphs and custom.stdout != shipped
    [result] = list(clean_many([dump.read_bytes()], workers=1, use_profiles=False, text_model=model))
    assert result.body == expected.body
    out = tmp_path / "out.jsonl"
    batch = runner.invoke(cli, ["batch", str(SEEDS), "-o", str(out), "-q", "--no-profiles", "--text-model", str(model)])
    assert batch.exit_code == 0, batch.stderr
    bodies = [record.get("body") for record in map(json.loads, out.read_text().splitlines())]
    assert expected.body in bodies


def test_a_broken_text_model_is_a_one_line_error(runner, cli, tmp_path):
    broken = tmp_path / "model.json"
    for content, problem in (("{not json", "not JSON"), ('{"features": []}', "the model file was trained for other features"),
                             ("[1, 2]", "not a text model")):
        broken.write_text(content, encoding="utf-8")
        for command in ([str(seed("000"))], ["batch", str(SEEDS), "-o", str(tmp_path / "o.jsonl")]):
            result = runner.invoke(cli, [*command, "--text-model", str(broken)])
            assert result.exit_code == 2
            assert result.stderr.count("\n") == 1 and f"text model {broken}: {problem}" in result.stderr
            assert result.stdout == ""


def test_model_path_is_the_deprecated_name_of_text_model(tmp_path):
    from cleaner import Cleaner

    model = _inverted_text_model(tmp_path)
    dump = seed("002").read_bytes()
    with pytest.warns(DeprecationWarning, match="text_model"):
        old = Cleaner(use_profiles=False, model_path=model)
    assert old.clean(dump).body == Cleaner(use_profiles=False, text_model=model).clean(dump).body


HTML_PAGE = SEEDS.parent / "html" / "news-article.html"


def _inverted_markup_model(tmp_path):
    """The shipped markup model with every tree's sign turned: p becomes 1 - p, so the output changes."""
    from importlib import resources

    data = json.loads(resources.files("cleaner.data").joinpath("markup_model.json").read_text(encoding="utf-8"))
    for key in ("markup", "consulted"):
        ensemble = data[key]
        ensemble["base"] = -ensemble["base"]
        for tree in ensemble["trees"]:
            tree["value"] = [-value for value in tree["value"]]
    path = tmp_path / "inverted_markup.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_markup_model_option_uses_the_given_model_in_clean_and_batch(runner, cli, tmp_path):
    """--markup-model reaches the markup stage from every entry point, and two cleaners in one process
    score with their own models (the model was once a module global, set for everyone)."""
    from cleaner import Cleaner, clean_many

    model = _inverted_markup_model(tmp_path)
    page = HTML_PAGE.read_bytes()
    custom = Cleaner(use_profiles=False, markup_model=model)
    shipped = Cleaner(use_profiles=False)
    expected = custom.clean(page)
    assert expected.body != shipped.clean(page).body and custom.clean(page).body == expected.body
    result = runner.invoke(cli, ["--no-profiles", "--markup-model", str(model), str(HTML_PAGE)])
    assert result.exit_code == 0, result.stderr
    assert result.stdout == (expected.body + "\n" if expected.body else "")
    [record] = list(clean_many([page], workers=1, use_profiles=False, markup_model=model))
    assert record.body == expected.body
    out = tmp_path / "out.jsonl"
    batch = runner.invoke(cli, ["batch", str(HTML_PAGE.parent), "-o", str(out), "-q", "--no-profiles",
                                "--markup-model", str(model)])
    assert batch.exit_code == 0, batch.stderr
    assert expected.body in [json.loads(line).get("body") for line in out.read_text().splitlines()]


def test_a_broken_markup_model_is_the_same_one_line_error(runner, cli, tmp_path):
    from cleaner import Cleaner, ModelError

    broken = tmp_path / "markup.json"
    for content, problem in (("{not json", "not JSON"), ('{"format": "other"}', "not a cleaner-markup-model/2 file"),
                             ('{"format": "cleaner-markup-model/2"}', "missing key 'doubt_band'"),
                             ("[1, 2]", "not a markup model"), (None, "cannot read it")):
        if content is None:
            broken.unlink()
        else:
            broken.write_text(content, encoding="utf-8")
        with pytest.raises(ModelError, match=f"^markup model {broken}: {problem}"):
            Cleaner(markup_model=broken)
        for command in ([str(HTML_PAGE)], ["batch", str(SEEDS), "-o", str(tmp_path / "o.jsonl")], ["check"]):
            result = runner.invoke(cli, [*command, "--markup-model", str(broken)])
            assert result.exit_code == 2
            assert result.stderr.count("\n") == 1 and f"markup model {broken}: {problem}" in result.stderr
            assert result.stdout == ""


class _EndlessZeros:
    """A binary stream that never ends (like /dev/zero), counting what was read from it."""

    def __init__(self) -> None:
        self.read_bytes = 0

    def read(self, size: int = -1) -> bytes:
        assert size is not None and size >= 0, "read without a bound: it would never return"
        chunk = min(size, 1 << 20)
        self.read_bytes += chunk
        return b"\0" * chunk


def test_clean_reads_a_file_object_no_further_than_the_limit():
    from cleaner import Cleaner, InputError

    stream = _EndlessZeros()
    with pytest.raises(InputError) as caught:
        Cleaner(max_bytes=3 << 20).clean(stream)
    assert str(caught.value) == "input is over the size limit of 3,145,728 bytes (see --max-bytes)"
    assert stream.read_bytes == (3 << 20) + 1


def _limit_memory():  # a version that reads without a bound fails here, instead of eating the machine
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="needs /dev/zero")
@pytest.mark.parametrize("how", ["stdin", "file"])
def test_an_endless_input_is_refused_at_the_limit(how):
    with open("/dev/zero", "rb") as zeros:
        result = subprocess.run([python(), "-m", "cleaner", *(["/dev/zero"] if how == "file" else [])],
                                stdin=zeros, capture_output=True, text=True, timeout=120, preexec_fn=_limit_memory,
                                check=False)
    assert result.returncode == 1
    assert result.stderr == "cleaner: error: input is over the size limit of 67,108,864 bytes (see --max-bytes)\n"
    assert result.stdout == ""


def test_max_bytes_option_sets_the_limit(runner, cli):
    dump = seed("000").read_bytes()
    refused = runner.invoke(cli, ["--max-bytes", f"{len(dump) - 1}"], input=dump)
    assert refused.exit_code == 1 and refused.stdout == ""
    assert refused.stderr == f"cleaner: error: input is over the size limit of {len(dump) - 1:,} bytes (see --max-bytes)\n"
    accepted = runner.invoke(cli, ["--max-bytes", f"{len(dump)}"], input=dump)
    assert accepted.exit_code == 0 and accepted.stdout.startswith("ANKARA - ")
    bad = runner.invoke(cli, ["--max-bytes", "lots", "-"], input=dump)
    assert bad.exit_code == 2 and "is not a size" in bad.stderr


def test_nul_in_a_str_is_refused_as_nul_in_bytes_is():
    """One rule for text and bytes: NUL means binary, whether the dump came as str, bytes or a file."""
    import io

    from cleaner import InputError, clean

    dump = seed("000").read_text(encoding="utf-8").replace("\n\n", "\n\x00\n", 1)
    messages = []
    for given in (dump, dump.encode("utf-8"), io.BytesIO(dump.encode("utf-8"))):
        with pytest.raises(InputError) as caught:
            clean(given)
        messages.append(str(caught.value))
    assert messages == ["input looks binary (it contains NUL bytes), not a text or HTML dump"] * 3


def _closing(*fds: int):
    """A preexec_fn that starts the command with these standard streams closed (as `>&-`, `2>&-`, `<&-` do)."""
    def close() -> None:
        for fd in fds:
            os.close(fd)
    return close


@pytest.mark.parametrize("command", [[], ["profiles"], ["check", "fixtures"]])
def test_a_closed_stdout_is_one_line_and_exit_1(command):
    args = command or [str(seed("000"))]
    result = subprocess.run([python(), "-m", "cleaner", *args], stderr=subprocess.PIPE, text=True,
                            preexec_fn=_closing(1), check=False, timeout=120)
    assert result.returncode == 1
    assert result.stderr == "cleaner: error: cannot write the output: stdout is closed\n"


def test_closed_stdout_and_stderr_still_exit_1_without_a_word():
    result = subprocess.run([python(), "-m", "cleaner", str(seed("000"))], preexec_fn=_closing(1, 2), check=False,
                            timeout=120)
    assert result.returncode == 1


def test_a_closed_stdin_is_a_one_line_error():
    result = subprocess.run([python(), "-m", "cleaner"], capture_output=True, text=True, preexec_fn=_closing(0),
                            check=False, timeout=120)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == "cleaner: error: cannot read stdin: it is closed\n"


def test_a_closed_stdin_is_a_one_line_error_in_the_report_too(tmp_path):
    """`cleaner report -` opens stdin as the plain command does: a row with the one-line error, exit 2."""
    result = subprocess.run([python(), "-m", "cleaner", "report", "-", "--json", "-"], capture_output=True, text=True,
                            preexec_fn=_closing(0), check=False, timeout=120)
    assert result.returncode == 2
    assert result.stderr == "cleaner: error: stdin: cannot read stdin: it is closed\n"
    assert '"error": "cannot read stdin: it is closed"' in result.stdout


MENU = "\n".join(["Home", "News", "Sport", "Weather", "About us", "Contact", "Privacy Policy", "Sign in"]) + "\n"


@pytest.mark.parametrize("fmt", ["text", "markdown"])
def test_several_inputs_are_told_apart_by_a_form_feed_line(runner, cli, tmp_path, fmt):
    """One piece per input, in order: split on the form-feed line; no article or an error is an empty piece."""
    from cleaner import Cleaner
    from cleaner.output import render

    menu, binary = tmp_path / "menu.txt", tmp_path / "blob.txt"
    menu.write_text(MENU, encoding="utf-8")
    binary.write_bytes(b"\x00\x01")
    paths = [seed("000"), menu, seed("003"), binary, seed("004")]
    result = runner.invoke(cli, ["--format", fmt, *map(str, paths)])
    assert result.exit_code == 1  # the binary file
    pieces = result.stdout.split("\f\n")
    cleaner = Cleaner()
    assert pieces == [render(cleaner.clean(seed("000").read_bytes()), fmt), "",
                      render(cleaner.clean(seed("003").read_bytes()), fmt), "",
                      render(cleaner.clean(seed("004").read_bytes()), fmt)]
    assert all(piece.count("\f") == 0 for piece in pieces)


def test_one_input_has_no_separator(runner, cli):
    assert "\f" not in runner.invoke(cli, [str(seed("000"))]).stdout


def test_explain_as_json_gives_every_line_with_its_label_and_reason(runner, cli):
    from cleaner import Cleaner

    paths = [seed("003"), seed("000")]
    result = runner.invoke(cli, ["--explain", "--format", "json", *map(str, paths)])
    assert result.exit_code == 0, result.stderr
    objects = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(objects) == 2
    for path, record in zip(paths, objects):
        article = Cleaner().clean(path.read_bytes())
        assert record["body"] == article.body and record["title"] == article.title
        assert record["lines"] == [{"line": d.number, "label": d.label, "stage": d.stage, "reason": d.reason,
                                    "text": d.text} for d in article.decisions]
    non_blank = [line for line in paths[0].read_text(encoding="utf-8").splitlines() if line.strip()]
    assert [row["text"] for row in objects[0]["lines"]] == [line.strip() for line in non_blank]
    assert any(row["stage"] == "site" and row["reason"].startswith("profile inkl: before the article")
               for row in objects[0]["lines"])


def test_explain_as_markdown_is_a_usage_error(runner, cli):
    result = runner.invoke(cli, ["--explain", "--format", "markdown", str(seed("000"))])
    assert result.exit_code == 2 and result.stdout == ""
    assert "--explain prints text or JSON" in result.stderr


def test_on_a_terminal_with_no_file_it_says_it_reads_stdin():
    """`cleaner` typed alone waits for a dump on the terminal: one line on stderr says so."""
    import pty

    leader, follower = pty.openpty()
    try:
        process = subprocess.Popen([python(), "-m", "cleaner"], stdin=follower, stdout=subprocess.PIPE,
                                   stderr=subprocess.PIPE, text=True)
        os.write(leader, b"\x04")  # Ctrl-D at the start of a line: end of input
        stdout, stderr = process.communicate(timeout=60)
    finally:
        os.close(leader)
        os.close(follower)
    assert stderr.splitlines() == ["cleaner: reading the dump from stdin (Ctrl-D to end; --help for usage)",
                                   "cleaner: error: input is empty"]
    assert (process.returncode, stdout) == (1, "")


def test_piped_stdin_gets_no_notice(runner, cli):
    result = subprocess.run([python(), "-m", "cleaner"], input=MENU, capture_output=True, text=True, check=False)
    assert "reading the dump" not in result.stderr


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_byte_order_mark_is_decoded(runner, cli, tmp_path, encoding):
    from cleaner.reading import decode

    text = seed("000").read_text(encoding="utf-8")
    path = tmp_path / "dump.txt"
    path.write_bytes(text.encode(encoding))  # no BOM, as some Windows tools write it
    result = runner.invoke(cli, [str(path)])
    assert result.exit_code == 0, result.stderr
    assert result.stdout == runner.invoke(cli, [str(seed("000"))]).stdout
    chinese = "这是一个测试。\n中文文本，一二三。\n" * 20  # U+4E00 has a NUL byte too: NULs on both sides
    assert decode(chinese.encode(encoding)) == chinese


def test_binary_with_nul_bytes_on_one_side_is_still_binary():
    import random
    import struct

    from cleaner import InputError
    from cleaner.reading import decode

    rng = random.Random(7)
    blobs = [
        struct.pack("<3000h", *(rng.randint(0, 300) for _ in range(3000))),   # small 16-bit numbers
        struct.pack(">3000h", *(rng.randint(0, 300) for _ in range(3000))),
        bytes(rng.getrandbits(8) for _ in range(20_000)) + b"\x00\x00",       # noise
        b"\x00" * 1000,
        "plain text\n".encode("utf-16-le") + b"\x00\x00" + b"\x01\x00" * 50,  # UTF-16 turning into data
    ]
    for blob in blobs:
        with pytest.raises(InputError, match="input looks binary"):
            decode(blob)
