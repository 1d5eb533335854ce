"""DuckDB extensions load from their pip wheels, with DuckDB's signature check
on the first load of each file in a process; later connections of the same
process skip the check only while the file is the one that was checked."""

from __future__ import annotations

import subprocess
import sys
import textwrap

from conftest import ROOT
from portfolio.store import lake

EXTENSIONS = ("ducklake", "sqlite_scanner")


def test_a_file_checked_once_loads_unchecked_afterwards(monkeypatch):
    monkeypatch.setattr(lake, "_verified", {})
    first = lake.new_connection(EXTENSIONS)
    second = lake.new_connection(EXTENSIONS)
    try:
        assert not lake._unsigned_allowed(first)  # DuckDB checked the signatures
        assert lake._unsigned_allowed(second)  # the same files: not checked again
        for con in (first, second):
            loaded = con.execute(
                "select extension_name from duckdb_extensions() where loaded and extension_name in ('ducklake', 'sqlite_scanner')"
            ).fetchall()
            assert sorted(loaded) == [("ducklake",), ("sqlite_scanner",)]
    finally:
        first.close()
        second.close()


def test_a_changed_file_is_checked_again_and_a_tampered_one_refused(tmp_path):
    """In its own process, which loads a second copy of the extension's library."""
    code = textwrap.dedent(f"""
        import os, shutil
        from pathlib import Path
        import duckdb
        from portfolio.store import lake

        copy = Path({str(tmp_path / "ducklake.duckdb_extension")!r})
        shutil.copyfile(lake._wheel_file("ducklake"), copy)
        real_wheel_file = lake._wheel_file
        lake._wheel_file = lambda name: copy if name == "ducklake" else real_wheel_file(name)
        lake.new_connection({EXTENSIONS!r}).close()
        assert copy in lake._verified, "the first load checks the signature"

        data = bytearray(copy.read_bytes())
        data[len(data) // 2] ^= 0xFF  # one flipped byte in the middle of the code
        changed = copy.with_suffix(".new")
        changed.write_bytes(bytes(data))  # a new file (the loaded one stays mapped as it was)
        os.utime(changed, ns=(0, 1))
        os.replace(changed, copy)
        try:
            lake.new_connection({EXTENSIONS!r})
        except duckdb.Error as err:
            print("refused:", err)
        else:
            print("loaded")
    """)
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.startswith("refused:") and "signature" in result.stdout.lower(), result.stdout
