"""actions/lib/watched_file.py: a staff-edited YAML file, read again only when it changes, never fatal."""
import os

import pytest

from actions.lib.watched_file import WatchedFile


def _build(data, path):
    if not isinstance(data.get("items"), list):
        raise ValueError("items must be a list")
    return tuple(data["items"])


def _watched(calls):
    def build(data, path):
        calls.append(path)
        return _build(data, path)
    return WatchedFile(build=build, broken=(ValueError,), what="Liste illisible", first_failure=lambda e: ("default",))


def _write(path, text, bump):
    path.write_text(text, encoding="utf-8")
    st = os.stat(path)
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + bump))  # a new modification time, even within one tick


def test_read_once_then_again_only_when_the_file_changes(tmp_path):
    calls = []
    watched, path = _watched(calls), tmp_path / "f.yml"
    _write(path, "items: [a, b]\n", 0)
    assert watched.load(path) == ("a", "b") and watched.load(str(path)) == ("a", "b")
    assert len(calls) == 1
    _write(path, "items: [c]\n", 10**9)
    assert watched.load(path) == ("c",) and len(calls) == 2


def test_a_broken_file_keeps_the_last_good_version_and_logs_why(tmp_path, caplog):
    watched, path = _watched([]), tmp_path / "f.yml"
    _write(path, "items: [a]\n", 0)
    assert watched.load(path) == ("a",)
    _write(path, "items: {not: [a list\n", 10**9)  # not even YAML
    assert watched.load(path) == ("a",)
    _write(path, "items: 3\n", 2 * 10**9)  # YAML, but refused by build
    assert watched.load(path) == ("a",)
    assert "Liste illisible" in caplog.text and "items must be a list" in caplog.text


def test_the_first_failure_decides_when_there_is_no_good_version(tmp_path):
    assert _watched([]).load(tmp_path / "missing.yml") == ("default",)

    def refuse(error):
        raise RuntimeError(f"no file: {error}")

    strict = WatchedFile(build=_build, broken=(ValueError,), what="x", first_failure=refuse)
    with pytest.raises(RuntimeError, match="no file"):
        strict.load(tmp_path / "missing.yml")
