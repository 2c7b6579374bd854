"""The rules' compiled-pattern cache hands back exactly what ``re.compile`` makes."""
from __future__ import annotations

import importlib
import os
import pkgutil
import re
import sys

import pytest

import newslint_rules
from newslint import regexcache

pytestmark = pytest.mark.skipif(sys.implementation.name != "cpython" or sys.version_info < (3, 11),
                                reason="the cache stores CPython 3.11+ regex code")


@pytest.fixture
def fresh_cache(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.delenv("NEWSLINT_CACHE_DIR", raising=False)
    monkeypatch.delenv("NEWSLINT_NO_PATTERN_CACHE", raising=False)
    monkeypatch.setattr(regexcache, "_table", None)
    monkeypatch.setattr(regexcache, "_writable", True)
    return tmp_path


def _rule_patterns() -> list[tuple[str, int]]:
    for info in pkgutil.iter_modules(newslint_rules.__path__):
        importlib.import_module(f"newslint_rules.{info.name}")
    keys = list(dict.fromkeys(regexcache.registered))
    assert len(keys) > 30  # every LazyPattern of the built-in rules
    return keys


def test_every_rule_pattern_comes_back_from_disk_as_re_compiles_it(fresh_cache, monkeypatch):
    keys = _rule_patterns()
    extra = [(r"(?P<word>\w+)-(\d)\1(?i:x)", 0), (r"[À-Ö]+ ?", int(re.IGNORECASE))]
    for pattern, flags in extra:
        regexcache.cached_compile(pattern, flags)  # a miss: stores everything registered too
    assert [p.name for p in (fresh_cache / "newslint").iterdir()][0].startswith("patterns-")
    expected = {key: re.compile(*key) for key in keys + extra}
    monkeypatch.setattr(regexcache, "_table", None)  # a new run: read from disk

    def no_compiling(*args):
        raise AssertionError("compiled instead of read from the cache")

    monkeypatch.setattr(re, "compile", no_compiling)
    for key, want in expected.items():
        got = regexcache.cached_compile(*key)
        assert got == want, key  # Pattern equality compares the flags, the text and the code
        assert (got.groups, got.groupindex) == (want.groups, want.groupindex), key
    got = regexcache.cached_compile(*extra[0])
    assert got.fullmatch("ab-3abX").groupdict() == {"word": "ab"}


def test_a_damaged_cache_falls_back_to_compiling(fresh_cache, monkeypatch):
    regexcache.cached_compile(r"\d+x", 0)
    path = next((fresh_cache / "newslint").iterdir())
    path.write_bytes(b"not marshal data")
    monkeypatch.setattr(regexcache, "_table", None)
    assert regexcache.cached_compile(r"\d+x", 0) == re.compile(r"\d+x")
    # an entry whose code _sre rejects
    monkeypatch.setattr(regexcache, "_table", {(r"a+", 0): (32, b"\xff\xff\xff\x7f", 0, {}, (None,))})
    assert regexcache.cached_compile(r"a+", 0) == re.compile(r"a+")


def test_the_cache_can_be_turned_off(fresh_cache, monkeypatch):
    monkeypatch.setenv("NEWSLINT_NO_PATTERN_CACHE", "1")
    assert regexcache.cached_compile(r"b+c", 0) == re.compile(r"b+c")
    assert not os.path.exists(fresh_cache / "newslint")


def test_serving_sends_a_library_s_compiles_through_the_cache_and_puts_re_back(fresh_cache):
    original = re.compile
    with regexcache.serving():
        text = re.compile(r"x+(?P<y>y)", re.IGNORECASE)
        raw = re.compile(rb"ab+")  # bytes patterns are compiled as usual
    assert re.compile is original
    assert text == original(r"x+(?P<y>y)", re.IGNORECASE) and raw == original(rb"ab+")
    assert (r"x+(?P<y>y)", int(re.IGNORECASE)) in regexcache._table
    with pytest.raises(KeyError), regexcache.serving():
        raise KeyError
    assert re.compile is original
