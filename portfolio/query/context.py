"""Which snapshot a page shows, and how its named queries are run.

A `SnapshotContext` is plain data (store, snapshot, "today"). The present
layer asks it for query results (`ctx.query(name, **params)`); how results are
kept is the caller's choice: the web layer passes a runner that caches them
once per server by snapshot id (portfolio.web.ui), the command line and tests
run them directly.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from typing import Any

import pandas as pd

from portfolio.query import runner
from portfolio.store.snapshots import SnapshotMeta, Store

# (store, snapshot id, query name, the query's own parameters) -> result
QueryRunner = Callable[[Store, str, str, dict[str, Any]], pd.DataFrame]


def run_direct(store: Store, snapshot_id: str, name: str, params: dict[str, Any]) -> pd.DataFrame:
    """Run a named query on one snapshot without caching."""
    return runner.run(store, name, {**params, "snapshot_id": snapshot_id})


@dataclasses.dataclass(frozen=True)
class SnapshotContext:
    """Which snapshot a page shows, and the date it treats as today.

    On the latest snapshot `today` is the real date (or PORTFOLIO_TODAY); on
    an earlier snapshot it is that snapshot's date, so "overdue" and "next
    30 days" mean what they meant then.
    """

    store: Store
    meta: SnapshotMeta
    today: dt.date
    is_latest: bool = True
    runner: QueryRunner = dataclasses.field(default=run_direct, compare=False, repr=False)

    @property
    def snapshot_id(self) -> str:
        return self.meta.snapshot_id

    @property
    def snapshots(self) -> list[SnapshotMeta]:
        return self.store.list()

    def query(self, name: str, **params: Any) -> pd.DataFrame:
        """A named query's result on this snapshot; parameters the query
        does not use are left out (so they do not split a cache)."""
        needed = runner.parameters(name)
        values = {k: v for k, v in params.items() if k in needed}
        return self.runner(self.store, self.snapshot_id, name, values)

    def on(self, meta: SnapshotMeta) -> SnapshotContext:
        """The same context on another snapshot."""
        return dataclasses.replace(self, meta=meta)


def query(ctx: SnapshotContext, name: str, **params: Any) -> pd.DataFrame:
    return ctx.query(name, **params)
