"""The log of rejected imports is read from its end: the latest entries cost
the same however long the log has grown."""

from __future__ import annotations

import builtins
import json

from portfolio.store import audit

LINES = 200_000


def write_log(root, count: int, cut_tail: bool = False) -> int:
    """`count` entries (numbered from 0) in the log; returns its size in bytes."""
    path = audit.rejected_log(root)
    path.parent.mkdir(parents=True)
    entry = {"at": "2026-11-22T10:00:00+00:00", "who": "Kari Nordmann {i}", "origin": "upload",
             "files": ["status.xlsx"], "problem_count": 1, "problems": ["Rad {i}: dato mangler – «æøå»"]}
    line = json.dumps(entry, ensure_ascii=False).replace("{", "{{").replace("}", "}}").replace("{{i}}", "{i}")
    with open(path, "w", encoding="utf-8") as handle:
        handle.write("".join(line.format(i=i) + "\n" for i in range(count)))
        if cut_tail:
            handle.write('{"at": "2026-11-22T10:00:01+00:00", "who": "cut by a cr')
    return path.stat().st_size


class CountingOpen:
    """`open` for the audit module that counts the bytes read through it."""

    def __init__(self):
        self.bytes_read = 0

    def __call__(self, *args, **kwargs):
        handle = builtins.open(*args, **kwargs)  # noqa: SIM115 (the caller closes it, as with open)
        counter, read = self, handle.read

        def counted_read(*a):
            data = read(*a)
            counter.bytes_read += len(data)
            return data

        handle.read = counted_read
        return handle


def test_the_latest_entries_of_a_large_log_are_read_from_its_tail(tmp_path, monkeypatch):
    size = write_log(tmp_path, LINES)
    counting = CountingOpen()
    monkeypatch.setattr(audit, "open", counting, raising=False)
    latest = audit.read_rejected(tmp_path, limit=200)
    assert [e["who"] for e in latest] == [f"Kari Nordmann {i}" for i in range(LINES - 1, LINES - 201, -1)]
    # the 200 entries are about 50 kB: a block or two from the end, not the log's ~40 MB
    assert counting.bytes_read <= 2 * audit.READ_BLOCK < size / 100
    # the whole log, for comparison: every byte, and every entry, newest first
    counting.bytes_read = 0
    everything = audit.read_rejected(tmp_path, limit=LINES + 1)
    assert counting.bytes_read == size
    assert len(everything) == LINES and everything[:200] == latest
    assert everything[-1]["who"] == "Kari Nordmann 0"


def test_a_cut_last_line_is_skipped(tmp_path):
    write_log(tmp_path, 5, cut_tail=True)
    assert [e["who"] for e in audit.read_rejected(tmp_path, limit=3)] == [
        "Kari Nordmann 4", "Kari Nordmann 3", "Kari Nordmann 2"]
    assert len(audit.read_rejected(tmp_path)) == 5


def test_lines_across_block_boundaries_and_damage_in_the_middle(tmp_path, monkeypatch):
    write_log(tmp_path, 300)
    path = audit.rejected_log(tmp_path)
    lines = path.read_bytes().split(b"\n")
    lines[150] = lines[150][:40]  # a damaged line in the middle
    path.write_bytes(b"\n".join(lines))
    monkeypatch.setattr(audit, "READ_BLOCK", 7)  # blocks far shorter than a line
    counting = CountingOpen()
    monkeypatch.setattr(audit, "open", counting, raising=False)
    got = audit.read_rejected(tmp_path, limit=1000)
    assert counting.bytes_read == path.stat().st_size
    want = [f"Kari Nordmann {i}" for i in range(299, -1, -1) if i != 150]
    assert [e["who"] for e in got] == want


def test_an_empty_or_missing_log(tmp_path):
    assert audit.read_rejected(tmp_path) == []
    audit.rejected_log(tmp_path).parent.mkdir(parents=True)
    audit.rejected_log(tmp_path).write_text("")
    assert audit.read_rejected(tmp_path) == []
    audit.rejected_log(tmp_path).write_text('{"who": "only a cut li')
    assert audit.read_rejected(tmp_path) == []
    assert audit.read_rejected(tmp_path, limit=0) == []


def test_written_entries_read_back_newest_first(tmp_path):
    for who in ("A", "B", "C"):
        audit.record_rejected(tmp_path, who=who, origin="upload", files=["f.csv"], problems=["feil"])
    assert [e["who"] for e in audit.read_rejected(tmp_path)] == ["C", "B", "A"]
    assert [e["who"] for e in audit.read_rejected(tmp_path, limit=2)] == ["C", "B"]
