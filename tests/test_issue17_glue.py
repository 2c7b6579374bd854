"""Issue 17, session h: the run's glue outside the rules and start-up, cut without changing output."""
from __future__ import annotations

import os

import pytest
from hypothesis import given, settings, strategies as st

from conftest import sleeper


def _relpath_spelling(path: str, root: str) -> str:
    rel = os.path.relpath(os.path.abspath(path), os.path.abspath(root or "."))
    if rel == os.pardir or rel.startswith(os.pardir + os.sep):
        rel = os.path.normpath(path)
    return rel.replace(os.sep, "/")


@pytest.mark.skipif(os.name != "posix", reason="the fast spelling is the POSIX one")
def test_relative_paths_are_spelled_without_asking_for_the_working_folder(monkeypatch):
    """With the working folder as root, a relative path's spelling needs no getcwd (it was two per
    file, for every file of a run)."""
    from newslint import paths

    calls, getcwd = [], os.getcwd
    monkeypatch.setattr(paths.os, "getcwd", lambda: calls.append(1) or getcwd())
    spelt = [paths.project_path("dir/./sub//a.txt", "."), paths.project_path("./a.txt", ""),
             paths.project_path("dir/..", ".")]
    monkeypatch.undo()
    assert spelt == ["dir/sub/a.txt", "a.txt", "."]
    assert not calls


_PATH_PIECES = ["a", "b.txt", ".", "..", "", ".x", "x.", "a..b", "...", "sub", "y z"]


@pytest.mark.skipif(os.name != "posix", reason="the fast spelling is the POSIX one")
@settings(max_examples=400)
@given(st.lists(st.sampled_from(_PATH_PIECES), max_size=5), st.booleans(), st.booleans(),
       st.sampled_from([".", "", "sub", "sub/", "./sub", "sub/..", "ABS", "ABS/sub", "ABS/", "ABS//sub/.", "/"]))
def test_every_path_is_spelled_as_relpath_spells_it(pieces, absolute, trailing, root):
    """project_path's shortcuts (a path or root already in normal form is not normalised again)
    answer what os.path.relpath does, for relative and absolute paths and roots, from any folder."""
    from newslint.paths import project_path

    here = os.getcwd()
    path = "/".join(pieces) + ("/" if trailing else "")
    if absolute:
        path = here + "/" + path
    if not path:
        return
    root = root.replace("ABS", here)
    assert project_path(path, root) == _relpath_spelling(path, root)


@pytest.mark.skipif(os.name != "posix", reason="the fast spelling is the POSIX one")
@pytest.mark.parametrize("root", [".", "", "sub"])
def test_a_linter_spells_absolute_paths_without_asking_for_the_working_folder(monkeypatch, tmp_path, root):
    """A run given an absolute folder spelt every file's path with a getcwd, twice per file: the
    linter resolves its root once, and spells each path as project_path does."""
    from newslint import paths
    from newslint.config import Config
    from newslint.linter import Linter

    monkeypatch.chdir(tmp_path)
    linter = Linter(Config(root=root))
    linter.pin_root()  # the command line's promise: no change of folder during the run
    given = [str(tmp_path / "a.txt"), str(tmp_path / "sub" / "b.md"), str(tmp_path / "sub"), "/elsewhere/c.txt",
             str(tmp_path) + "//sub/./d.txt", "sub/e.txt", "./f.txt"]
    expected = [paths.project_path(p, root) for p in given]
    calls, getcwd = [], os.getcwd
    with monkeypatch.context() as patch:
        patch.setattr(paths.os, "getcwd", lambda: calls.append(1) or getcwd())
        spelt = [linter.shown(p) for p in given[:5]]
    assert spelt == expected[:5]
    assert not calls
    assert [linter.shown(p) for p in given[5:]] == expected[5:]


@pytest.mark.parametrize("root", [".", "", "sub", "ABS"])
def test_a_linter_made_before_a_change_of_folder_spells_paths_from_the_new_one(monkeypatch, tmp_path, root):
    """A long-lived linter (the API's, a pytest session's) follows the working folder, as
    project_path does, unless its caller pinned the root (the command line)."""
    from newslint.config import Config
    from newslint.linter import Linter
    from newslint.paths import project_path

    (tmp_path / "sub").mkdir()
    monkeypatch.chdir(tmp_path)
    root = root.replace("ABS", str(tmp_path))
    linter = Linter(Config(root=root))
    monkeypatch.chdir(tmp_path / "sub")
    for path in [str(tmp_path / "sub" / "x.txt"), str(tmp_path / "y.txt"), "z.txt"]:
        assert linter.shown(path) == project_path(path, root)


@pytest.mark.parametrize("path", ["a.txt", "./a.txt", "../a.txt", "x/../../a.txt", "..", ".", "/", "/etc/x"])
@pytest.mark.parametrize("root", [".", ""])
def test_spelling_from_the_file_system_root(monkeypatch, path, root):
    """In ``/`` a path that climbs out of the working folder stays below it: as relpath said."""
    from newslint.paths import project_path

    monkeypatch.chdir("/")
    assert project_path(path, root) == _relpath_spelling(path, root)


GLOBS = ["*.txt", "*.md", "LICENSE*", "requirements*.txt", "package.json", "*", "", "*.", ".*", "a*b*c", "[ab]*",
         "?x", "x*y", "*.lock", "tsconfig*.json", "x\\*"]
NAMES = ["a.txt", "A.TXT", ".txt", "txt", "LICENSE", "LICENSE.md", "requirements.txt", "requirements-dev.txt",
         "requirements*.txt", "requirementstxt", "package.json", "package.jsonx", "", "x", "xy", "xyy", ".", "a.",
         "abc", "abbc", "ax", "bx", "b", "line\nbreak.txt", "new.txt\n", "x.lock", "tsconfig.json", "x\\y"]


@pytest.mark.parametrize("ignore_case", [False, True])
def test_name_globs_match_as_fnmatch_does(ignore_case):
    import fnmatch
    import re

    from newslint.globs import NameGlobs

    flags = re.IGNORECASE if ignore_case else 0
    for pattern in GLOBS:
        globs = NameGlobs([pattern], ignore_case)
        for name in NAMES:
            expected = re.match(fnmatch.translate(pattern), name, flags) is not None
            assert globs.match(name) == expected, (pattern, name)
    together = NameGlobs(GLOBS[:5] + GLOBS[7:], ignore_case)
    for name in NAMES:
        expected = any(re.match(fnmatch.translate(p), name, flags) for p in GLOBS[:5] + GLOBS[7:])
        assert together.match(name) == expected, name
    assert not NameGlobs([], ignore_case).match("a.txt")


def test_default_globs_need_no_regex():
    from newslint.config import DEFAULT_EXCLUDE, DEFAULT_INCLUDE
    from newslint.globs import NameGlobs

    assert NameGlobs(DEFAULT_INCLUDE).regex is None and NameGlobs(DEFAULT_EXCLUDE).regex is None


def test_escaping_answers_as_the_regex_did_for_every_code_point():
    """The ASCII fast paths of ``terminal``/``printable``/``json_text`` change no answer."""
    import re

    from newslint import escaping

    def visible(m):
        return escaping._visible(m.group())

    terminal_re = re.compile(escaping._TERMINAL.pattern)
    surrogate_re = re.compile(escaping._SURROGATE.pattern)
    chars = [chr(c) for c in range(0x3000)] + [chr(c) for c in range(0xD7F0, 0xE010)] + ["\U0001f600"]
    for ch in chars:
        text = f"a{ch}b"
        assert escaping.terminal(text) == terminal_re.sub(visible, text), hex(ord(ch))
        assert escaping.printable(text) == surrogate_re.sub(visible, text), hex(ord(ch))
        assert escaping.json_text(text) == surrogate_re.sub(lambda m: "\\" + visible(m), text), hex(ord(ch))
    assert escaping.terminal(12) == "12"


def test_a_clean_run_compiles_no_escaping_pattern(monkeypatch, tmp_path, capsys):
    from newslint import escaping
    from newslint.cli import main
    from newslint.regexcache import LazyPattern

    for name in ("_TERMINAL", "_SURROGATE"):  # not yet compiled, as in a fresh process
        monkeypatch.setattr(escaping, name, LazyPattern(getattr(escaping, name).pattern))
    (tmp_path / "a.txt").write_text("Council approves the budget\n\nThe council approved it, the mayor said.\n",
                                    encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["check", "--isolated", "--jobs", "1", "a.txt"]) == 0
    assert "All clear" in capsys.readouterr().out
    assert [p for p in (escaping._TERMINAL, escaping._SURROGATE) if p._compiled is not None] == []


def test_the_descriptor_reader_reads_on_after_a_short_read(monkeypatch, tmp_path):
    """``os.read`` may return fewer bytes than asked before the end: the file is still read whole."""
    from newslint import inputs

    path = tmp_path / "a.txt"
    path.write_text("Headline\n\n" + "word " * 400 + "\n", encoding="utf-8")
    real = inputs.os.read
    monkeypatch.setattr(inputs.os, "read", lambda fd, n: real(fd, min(n, 7)))
    text = inputs.read_file(str(path))
    monkeypatch.undo()
    assert text == path.read_text(encoding="utf-8")


@pytest.mark.parametrize("limit, ok", [(20, True), (8, False)])
def test_a_file_that_grows_after_fstat_is_still_bounded(monkeypatch, tmp_path, limit, ok):
    from newslint import inputs
    from newslint.errors import InputError

    path = tmp_path / "grows.txt"
    path.write_bytes(b"x" * 10)
    real = inputs.os.fstat

    class Shrunk:  # fstat says 4 bytes; 10 are there
        def __init__(self, info):
            self.st_mode, self.st_size = info.st_mode, 4

    monkeypatch.setattr(inputs.os, "fstat", lambda fd: Shrunk(real(fd)))
    monkeypatch.setattr(inputs, "MAX_FILE_BYTES", limit)
    if ok:
        assert inputs.read_file(str(path)) == "x" * 10
    else:
        with pytest.raises(InputError, match=f"over the {limit} byte limit"):
            inputs.read_file(str(path))


def test_a_directory_and_a_missing_file_say_what_they_are(tmp_path):
    from newslint import inputs
    from newslint.errors import InputError

    with pytest.raises(InputError, match="is a directory"):
        inputs.read_file(str(tmp_path))
    with pytest.raises(InputError, match="file not found"):
        inputs.read_file(str(tmp_path / "gone.txt"))


def test_the_parser_built_without_catalogue_lookups_is_the_same(monkeypatch):
    import argparse
    import gettext

    from newslint.cli import build_parser
    from newslint.helpformat import untranslated

    monkeypatch.setenv("COLUMNS", "100")
    plain, quick = build_parser(), untranslated(build_parser)
    assert argparse._ is gettext.gettext  # put back
    assert quick.format_help() == plain.format_help()
    for name in ("check", "clean", "rule"):
        helps = [p._subparsers._group_actions[0].choices[name].format_help() for p in (plain, quick)]
        assert helps[0] == helps[1]


def test_catalogues_are_looked_up_where_their_folder_exists(tmp_path):
    import argparse
    import gettext

    from newslint.helpformat import untranslated

    domain = gettext.textdomain()
    before = gettext.bindtextdomain(domain)
    try:
        gettext.bindtextdomain(domain, str(tmp_path / "none"))
        assert untranslated(lambda: argparse._) is not gettext.gettext
        gettext.bindtextdomain(domain, str(tmp_path))
        assert untranslated(lambda: argparse._) is gettext.gettext
    finally:
        gettext.bindtextdomain(domain, before)
    assert argparse._ is gettext.gettext


def test_format_of_reads_the_suffix_as_splitext_does():
    import itertools

    from newslint.inputs import FORMAT_BY_SUFFIX, format_of

    parts = ["", "a", ".", "..", "/", "txt", ".txt", ".TXT", "md", ".md", "b.", ".jsonl", "x.y"]
    for combo in itertools.product(parts, repeat=3):
        path = "".join(combo)
        expected = FORMAT_BY_SUFFIX.get(os.path.splitext(path)[1].lower(), "text")
        assert format_of(path) == expected, path


needs_timer = pytest.mark.skipif(not hasattr(__import__("signal"), "setitimer"), reason="no interval timer")


@needs_timer
def test_a_batch_of_files_arms_the_timer_once(monkeypatch, tmp_path):
    import signal

    from newslint.config import Config
    from newslint.linter import Linter
    from newslint.runner import FileBatch, process

    calls = []
    real = signal.setitimer
    monkeypatch.setattr(signal, "setitimer", lambda which, seconds, *rest: calls.append(seconds) or real(which, seconds, *rest))
    paths = []
    for name in ("a.txt", "b.txt", "c.txt"):
        (tmp_path / name).write_text("Council approves the budget\n\nThe council approved it.\n", encoding="utf-8")
        paths.append(str(tmp_path / name))
    results = process(Linter(Config(rule_timeout=30)), FileBatch(tuple(paths)))
    assert len(results) == 3 and calls == [30, 0]
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


@needs_timer
def test_each_file_of_a_batch_gives_each_rule_its_own_budget(tmp_path):
    """Armed once for the batch, a rule is still stopped only when it alone ran the budget out,
    whichever file of the batch it is on."""
    from newslint.config import Config
    from newslint.linter import CompiledRule, Linter
    from newslint.runner import FileBatch, process

    linter = Linter(Config(rule_timeout=0.5))
    classes = [sleeper("ZZ801", 0.2), sleeper("ZZ802", 0.0)]
    linter.rules = [CompiledRule(cls(), cls, {}, "warning") for cls in classes]
    paths = []
    for name in ("a.txt", "b.txt", "c.txt"):
        (tmp_path / name).write_text("Council approves the budget\n\nThe council approved it.\n", encoding="utf-8")
        paths.append(str(tmp_path / name))
    results = process(linter, FileBatch(tuple(paths)))  # 0.6 s of sleeping in all, 0.2 s a rule
    assert [r.timed_out for r in results] == [set(), set(), set()]
    hung = sleeper("ZZ803", 0.0, forever=True)
    linter.rules.insert(1, CompiledRule(hung(), hung, {}, "warning"))
    results = process(linter, FileBatch(tuple(paths[:2])))
    assert [r.timed_out for r in results] == [{"ZZ803"}, {"ZZ803"}]
    assert [[d.code for d in r.diagnostics] for r in results] == [["ZZ801", "ZZ802"], ["ZZ801", "ZZ802"]]


_TWO_HUNG = """
import time
from newslint import Rule
from newslint.config import Config
from newslint.linter import CompiledRule, Linter

def hung(code):
    class Hung(Rule):
        '''Never returns.'''
        name = f"hung-{code.lower()}"
        def check(self, document, ctx):
            while True:
                pass
    Hung.code = code
    return Hung

linter = Linter(Config(rule_timeout=0.3))
linter.rules = [CompiledRule(cls(), cls, {}, "warning") for cls in (hung("ZZ804"), hung("ZZ805"))]
print(sorted(linter.lint_text("a.txt", "Council approves the budget\\n\\nThe council approved it.\\n").timed_out))
"""


@needs_timer
def test_a_second_hung_rule_after_a_stopped_one_is_stopped_too():
    """The timer is one-shot: once it had stopped a rule, the next rule of the same document ran
    with no timer at all, and a second endless rule hung the run."""
    import subprocess
    import sys
    from pathlib import Path

    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(Path(__file__).resolve().parent.parent),
                                                        os.environ.get("PYTHONPATH", "")])}
    try:
        out = subprocess.run([sys.executable, "-c", _TWO_HUNG], capture_output=True, text=True, timeout=20,
                             env=env, check=True).stdout
    except subprocess.TimeoutExpired:
        pytest.fail("the second endless rule was never stopped")
    assert out.split("\n")[-2] == "['ZZ804', 'ZZ805']"


def test_the_warm_up_before_the_fork_builds_the_non_ascii_phrase_automaton_too():
    """--jobs workers start warm: the warm-up article reaches the automaton a non-ASCII article
    needs (built on first need, ~0.5 ms in each worker otherwise)."""
    from newslint import runner
    from newslint.config import Config
    from newslint.linter import Linter
    from newslint_rules._phrases import combined

    combined.cache_clear()
    try:
        Linter(Config()).lint_source("warm-up.txt", runner._WARM_UP["text"])
        assert combined()._text is not None
    finally:
        combined.cache_clear()
