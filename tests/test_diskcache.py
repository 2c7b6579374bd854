"""newslint's cache files: one per key, and the stale ones of a family go when a new one is written."""
from __future__ import annotations

import os
import time

import pytest

from newslint import diskcache

DAY = 86400


@pytest.fixture
def cache_home(monkeypatch, tmp_path):
    monkeypatch.delenv("NEWSLINT_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    return tmp_path / "newslint"


def test_newslint_cache_dir_names_the_folder(cache_home, monkeypatch, tmp_path):
    """NEWSLINT_CACHE_DIR, as RUFF_CACHE_DIR or MYPY_CACHE_DIR: a CI cache or a test run keeps
    newslint's files where it says, not in the user's home."""
    monkeypatch.setenv("NEWSLINT_CACHE_DIR", str(tmp_path / "own"))
    diskcache.write("data-a.toml-1-2.marshal", [1], family="data-a.toml-")
    assert [p.name for p in (tmp_path / "own").iterdir()] == ["data-a.toml-1-2.marshal"]
    assert not cache_home.exists()
    assert diskcache.read("data-a.toml-1-2.marshal") == [1]


def _aged(path, days):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"x")
    then = time.time() - days * DAY
    os.utime(path, (then, then))


def test_a_value_comes_back_as_written(cache_home):
    assert diskcache.read("data-a.toml-1-2.marshal") is None
    diskcache.write("data-a.toml-1-2.marshal", {"k": [1, "two"]}, family="data-a.toml-")
    assert diskcache.read("data-a.toml-1-2.marshal") == {"k": [1, "two"]}
    assert [p.name for p in cache_home.iterdir()] == ["data-a.toml-1-2.marshal"]  # no temporary file left


def test_writing_a_new_key_removes_its_family_s_stale_files_only(cache_home):
    _aged(cache_home / "data-a.toml-1-1.marshal", 40)      # an old install's copy: stale
    _aged(cache_home / "data-a.toml-1-5.marshal", 2)       # another venv, used two days ago: kept
    _aged(cache_home / "data-b.toml-1-1.marshal", 40)      # another family: not this write's to judge
    _aged(cache_home / "entry-points-x.json", 40)          # ditto
    diskcache.write("data-a.toml-1-9.marshal", [1], family="data-a.toml-")
    assert sorted(p.name for p in cache_home.iterdir()) == [
        "data-a.toml-1-5.marshal", "data-a.toml-1-9.marshal", "data-b.toml-1-1.marshal", "entry-points-x.json"]


def test_a_file_in_use_is_kept_fresh_so_it_is_never_stale(cache_home):
    diskcache.write("patterns-p.marshal", [1], family="patterns-")
    _aged(cache_home / "patterns-p.marshal", 40)
    (cache_home / "patterns-p.marshal").write_bytes(__import__("marshal").dumps([1]))
    os.utime(cache_home / "patterns-p.marshal", (time.time() - 40 * DAY,) * 2)
    assert diskcache.read("patterns-p.marshal") == [1]
    assert time.time() - (cache_home / "patterns-p.marshal").stat().st_mtime < DAY


def test_damaged_or_unwritable_caches_only_cost_speed(cache_home, monkeypatch):
    cache_home.mkdir(parents=True)
    (cache_home / "data-a.toml-1-2.marshal").write_bytes(b"not marshal")
    assert diskcache.read("data-a.toml-1-2.marshal") is None
    monkeypatch.setenv("XDG_CACHE_HOME", "/proc/newslint-cannot-write-here")
    diskcache.write("data-a.toml-1-2.marshal", [1], family="data-a.toml-")  # no exception
    assert diskcache.read("data-a.toml-1-2.marshal") is None


def test_the_built_in_caches_write_through_it(cache_home):
    from newslint_rules import _text

    _text.load_data.cache_clear()
    try:
        _aged(cache_home / "data-stopwords.toml-0-0.marshal", 40)
        _text.load_data("stopwords.toml")
    finally:
        _text.load_data.cache_clear()
    names = [p.name for p in cache_home.iterdir()]
    assert "data-stopwords.toml-0-0.marshal" not in names
    assert any(n.startswith("data-stopwords.toml-") for n in names)
