"""Built ahead in a thread: what a filter change on the overview reads,
made once per process and snapshot after the unfiltered overview is drawn,
so that the first filter change does not wait for it (`versions`).

Views are no longer built ahead in threads beside the page's script (they
were while each filter change ran its own DuckDB queries, which release the
interpreter lock): a filter change now works in numpy over what is kept
per snapshot, so the threads only took turns at the interpreter lock, and
built the same views in more time and more CPU than the page's own thread
(bench/README.md, «Round 5»).
"""

from __future__ import annotations

import collections
import contextlib
import threading
from collections.abc import Hashable

from streamlit.runtime.scriptrunner import add_script_run_ctx

from portfolio.present import filters, trend
from portfolio.query.context import SnapshotContext

REMEMBERED = 4096  # snapshots started, newest kept
THREAD_NAME = "versions-ahead"
_started: collections.OrderedDict[Hashable, None] = collections.OrderedDict()
_started_lock = threading.Lock()


def versions(ctx: SnapshotContext) -> threading.Thread | None:
    """Build the initiatives' versions up to the shown snapshot in a thread
    (through the query of trend.versions), once per process and snapshot: what a filtered
    status trend reads, built on the first filter change otherwise (1-2 s
    at 10 000 initiatives × 52 snapshots, 7 s at 100 000). The overview
    starts it when its script is done, so it never slows the page it draws.
    The thread, or None when it was started before."""
    key = ("versions", str(ctx.store.root), ctx.snapshot_id)
    with _started_lock:
        if key in _started:
            return None
        _started[key] = None
        while len(_started) > REMEMBERED:
            _started.popitem(last=False)
    thread = threading.Thread(target=_build_versions, args=(ctx,), name=THREAD_NAME, daemon=True)
    add_script_run_ctx(thread)  # the cache of what is kept per snapshot (ctx.kept) sees the session's run
    thread.start()
    return thread


def wait(timeout: float | None = None) -> None:
    """Wait for the threads started here to finish (each for at most
    `timeout` seconds): for a benchmark or test that times, counts or clears
    what is kept as on a server that has done this work."""
    for thread in threading.enumerate():
        if thread.name == THREAD_NAME:
            thread.join(timeout)


def _build_versions(ctx: SnapshotContext) -> None:
    """The versions, then what a filter change counts and filters with,
    kept per snapshot (trend.versions, trend.layout, filters.snapshot_index)."""
    with contextlib.suppress(BaseException):  # built again by the first query that needs them, which shows the error
        ctx.kept(trend.versions)  # its query builds the versions (resident.holding_versions)
        ctx.kept(trend.layout)
        ctx.kept(filters.snapshot_index)
