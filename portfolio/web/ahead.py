"""Views built ahead: a page with several views starts some in threads
beside its script, so their queries run while it builds the others.

A page's views are independent (each its own queries and Python), and
DuckDB releases the interpreter lock while it plans and runs a query (one
DuckDB thread per query: portfolio.store.lake.QUERY_THREADS), so on a filter
change nobody asked for yet the page's queries share the cores instead of
waiting for each other. A thread builds a view through `ui.view`, the same
cache the page reads: the page's own `ui.view` call then finds it built, or
waits for the thread that builds it (Streamlit computes a cache entry once;
other callers wait for it), so a view is never built twice and the page
draws what it would have drawn alone.

Threads only build; they never draw. A view that fails in a thread is not
kept (Streamlit caches only what returns), so the page builds it again and
shows the error as it would without this. At most MAX_RUNNING threads run
at once in the process: a server busy anyway builds on the page's thread.
A view this process started once is not started again (a warm rerun starts
no thread); when the cache has dropped it since, the page builds it itself.
"""

from __future__ import annotations

import collections
import contextlib
import os
import threading
from collections.abc import Callable, Hashable
from typing import Any

from streamlit.runtime.scriptrunner import add_script_run_ctx

from portfolio.query import runner
from portfolio.query.context import SnapshotContext
from portfolio.web import ui

MAX_RUNNING = 2 * (os.cpu_count() or 2)
REMEMBERED = 4096  # views started, newest kept
_running = threading.BoundedSemaphore(MAX_RUNNING)
_started: collections.OrderedDict[Hashable, None] = collections.OrderedDict()
_started_lock = threading.Lock()


def start(ctx: SnapshotContext, *calls: tuple[Callable, ...]) -> None:
    """Start building `ui.view(build, ctx, *args)` for each `(build, *args)`
    in a thread of its own (see the module)."""
    for build, *args in calls:
        key = ui.view_key(build, ctx, *args)
        with _started_lock:
            if key in _started:
                _started.move_to_end(key)
                continue
            if not _running.acquire(blocking=False):
                return
            _started[key] = None
            while len(_started) > REMEMBERED:
                _started.popitem(last=False)
        thread = threading.Thread(target=_build, args=(build, ctx, tuple(args)), name="view-ahead", daemon=True)
        add_script_run_ctx(thread)  # the cache and its locks see the session's run, as the page's thread does
        thread.start()


def versions(ctx: SnapshotContext) -> threading.Thread | None:
    """Build the initiatives' versions up to the shown snapshot in a thread
    (runner.build_versions), once per process and snapshot: what a filtered
    status trend reads, built on the first filter change otherwise (1-2 s
    at 10 000 initiatives × 52 snapshots, 7 s at 100 000). The overview
    starts it when its script is done, so it never slows the page it draws.
    The thread, or None when it was started before."""
    key = ("versions", str(ctx.store.root), ctx.snapshot_id)
    with _started_lock:
        if key in _started:
            return None
        _started[key] = None
    thread = threading.Thread(target=_build_versions, args=(ctx,), name="versions-ahead", daemon=True)
    thread.start()
    return thread


def _build_versions(ctx: SnapshotContext) -> None:
    with contextlib.suppress(BaseException):  # built again by the first query that needs them, which shows the error
        runner.build_versions(ctx.store, ctx.snapshot_id)


def _build(build: Callable, ctx: SnapshotContext, args: tuple[Any, ...]) -> None:
    try:
        ui.view(build, ctx, *args)
    except BaseException:  # not kept: the page builds it again and shows the error
        pass
    finally:
        _running.release()
