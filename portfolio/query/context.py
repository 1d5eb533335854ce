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
import pyarrow as pa

from portfolio import config
from portfolio.query import runner
from portfolio.store.snapshots import SnapshotMeta, Store

# (store, snapshot id, query name, the query's own parameters) -> result
QueryRunner = Callable[[Store, str, str, dict[str, Any]], pd.DataFrame]
# (build, context, *args) -> build(context, *args): what is made once per snapshot (and args) from its query results
Keeper = Callable[..., Any]


def run_direct(store: Store, snapshot_id: str, name: str, params: dict[str, Any]) -> pd.DataFrame:
    """Run a named query on one snapshot without caching."""
    return runner.run(store, name, {**params, "snapshot_id": snapshot_id})


def build_direct(build: Callable[..., Any], ctx: SnapshotContext, *args: Any) -> Any:
    """Make it again each time (the command line and tests)."""
    return build(ctx, *args)


def today_for(meta: SnapshotMeta, is_latest: bool) -> dt.date:
    """The date a snapshot is seen on. An earlier snapshot: its own date, so
    "overdue" and "next 30 days" mean what they meant then. The latest:
    PORTFOLIO_TODAY when set; on demo data the snapshot's own date (the demo
    data is dated, and would otherwise drift as the calendar moves on);
    else the real date."""
    if not is_latest:
        return meta.created.date()
    fixed = config.fixed_today()
    if fixed is not None:
        return fixed
    return meta.created.date() if meta.is_demo else config.today()


def today_is_demo_date(meta: SnapshotMeta, is_latest: bool) -> bool:
    """Whether `today_for` put "today" at the demo data's date (the demo notice says so)."""
    return is_latest and meta.is_demo and config.fixed_today() is None


@dataclasses.dataclass(frozen=True)
class SnapshotContext:
    """Which snapshot a page shows, and the date it treats as today.

    `today` is `today_for(meta, is_latest)`: on the latest snapshot the real
    date (or PORTFOLIO_TODAY; on demo data the snapshot's date); on an
    earlier snapshot that snapshot's date, so "overdue" and "next 30 days"
    mean what they meant then.
    """

    store: Store
    meta: SnapshotMeta
    today: dt.date
    is_latest: bool = True
    runner: QueryRunner = dataclasses.field(default=run_direct, compare=False, repr=False)
    keeper: Keeper = dataclasses.field(default=build_direct, compare=False, repr=False)

    @property
    def snapshot_id(self) -> str:
        return self.meta.snapshot_id

    @property
    def snapshots(self) -> list[SnapshotMeta]:
        return self.store.list()

    def query(self, name: str, **params: Any) -> pd.DataFrame:
        """A named query's result on this snapshot; parameters the query
        does not use are left out (so they do not split a cache)."""
        return self.runner(self.store, self.snapshot_id, name, _own(name, params))

    def query_table(self, name: str, **params: Any) -> pa.Table:
        """A named query's result on this snapshot as Arrow, not cached: for
        what `kept` builds from a whole result."""
        return runner.run_table(self.store, name, {**_own(name, params), "snapshot_id": self.snapshot_id})

    def kept(self, build: Callable[..., Any], *args: Any) -> Any:
        """`build(self, *args)`: something made from this snapshot's query
        results alone (an index of its rows), kept as the caller keeps it (the
        web layer once per snapshot and args; the command line and tests make
        it again)."""
        return self.keeper(build, self, *args)

    def on(self, meta: SnapshotMeta) -> SnapshotContext:
        """The same context on another snapshot."""
        return dataclasses.replace(self, meta=meta)


def _own(name: str, params: dict[str, Any]) -> dict[str, Any]:
    """The parameters the query uses (the others would split a cache)."""
    needed = runner.parameters(name)
    return {k: v for k, v in params.items() if k in needed}


def query(ctx: SnapshotContext, name: str, **params: Any) -> pd.DataFrame:
    return ctx.query(name, **params)
