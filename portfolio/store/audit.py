"""The audit trail.

Commits are audited by the snapshots themselves (author, time, note, base;
never rewritten; shown on the history page). Rejected imports leave no
snapshot, so they are logged here: one JSON line each, appended and fsynced
to `<data folder>/audit/rejected-imports.jsonl`, with who, when, from where,
which files and why.
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
        "at": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
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


def read_rejected(root: Path | str, limit: int = 200) -> list[dict]:
    """The latest rejected imports, newest first."""
    path = rejected_log(root)
    if not path.exists():
        return []
    entries = []
    for line in path.read_text(encoding="utf-8").splitlines():
        try:
            entries.append(json.loads(line))
        except json.JSONDecodeError:
            continue  # a line cut by a crash is skipped, the rest is read
    return list(reversed(entries))[:limit]
