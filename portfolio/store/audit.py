"""The audit trail.

Commits are audited by the snapshots themselves (author, time, note, base;
never rewritten; shown on the history page). Rejected imports leave no
snapshot, so they are logged here: one JSON line each, appended and fsynced
to `<data folder>/audit/rejected-imports.jsonl`, with who, when, from where,
which files and why. The log only grows; it is read from its end (the latest
entries), never whole.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
from pathlib import Path

AUDIT_DIR = "audit"
REJECTED_LOG = "rejected-imports.jsonl"
MAX_PROBLEMS = 50  # problems kept per entry (the count is always complete)


def rejected_log(root: Path | str) -> Path:
    return Path(root) / AUDIT_DIR / REJECTED_LOG


def record_rejected(root: Path | str, *, who: str, origin: str, files: list[str], problems: list) -> None:
    """Append one rejected import to the log (never raises for a full disk:
    the user's own error message matters more than the log line)."""
    entry = {
        "at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "who": who,
        "origin": origin,
        "files": files,
        "problem_count": len(problems),
        "problems": [str(p) for p in problems[:MAX_PROBLEMS]],
    }
    path = rejected_log(root)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "a", encoding="utf-8") as handle:
            handle.write(json.dumps(entry, ensure_ascii=False) + "\n")
            handle.flush()
            os.fsync(handle.fileno())
    except OSError as err:  # the user's validation message matters more than the log line
        logging.getLogger(__name__).error("could not write the audit log %s: %s", path, err)


READ_BLOCK = 64 * 1024  # bytes read at a time from the end of the log


def read_rejected(root: Path | str, limit: int = 200) -> list[dict]:
    """The latest `limit` rejected imports, newest first.

    Reads the log backwards from its end, a block at a time, until it holds
    `limit` readable entries (or reaches the start): a visit to «Historikk»
    costs the same however long the log has grown. A line cut by a crash (the
    last line without its newline, or any line that is not JSON) is skipped."""
    path = rejected_log(root)
    if limit <= 0 or not path.exists():
        return []
    entries: list[dict] = []
    with open(path, "rb") as handle:
        for line in _lines_from_end(handle, READ_BLOCK):
            try:
                entries.append(json.loads(line))
            except (json.JSONDecodeError, UnicodeDecodeError):
                continue  # a line cut by a crash is skipped, the rest is read
            if len(entries) >= limit:
                break
    return entries


def _lines_from_end(handle, block: int):
    """The complete lines of a binary file, last first, read backwards in
    blocks. A last line without its newline (still being written, or cut by a
    crash) is not complete and not given."""
    position = handle.seek(0, os.SEEK_END)
    carry = b""  # the end part of a line whose start is in an earlier block
    found_end = False  # a newline seen: complete lines lie before it
    while position > 0:
        size = min(block, position)
        position -= size
        handle.seek(position)
        segments = (handle.read(size) + carry).split(b"\n")
        if not found_end:
            if len(segments) == 1:  # no newline yet: all of it is the cut last line
                carry = b""
                continue
            segments.pop()  # after the last newline: empty, or the cut last line
            found_end = True
        carry = segments[0]  # may start in the block before
        for line in reversed(segments[1:]):
            if line.strip():
                yield line
    if found_end and carry.strip():
        yield carry  # the file's first line
