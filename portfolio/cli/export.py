"""`export-public OUT_DIR`: the public projection as Parquet and CSV."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from portfolio import config
from portfolio.store import public
from portfolio.store.snapshots import SnapshotNotFound, Store
from portfolio.texts import public as P


def add_parser(commands) -> None:
    export = commands.add_parser("export-public", help=P.CLI_EXPORT, description=P.CLI_EXPORT)
    export.add_argument("out", type=Path, metavar="MAPPE", help=P.CLI_EXPORT_OUT)
    export.add_argument("--snapshot", default=None, metavar="ID", help=P.CLI_EXPORT_SNAPSHOT)


def run(args: argparse.Namespace) -> int:
    root = config.data_dir()
    store = Store(root)
    latest = store.latest()
    if latest is None:
        print(P.CLI_NO_SNAPSHOTS.format(path=root), file=sys.stderr)
        return 2
    snapshot_id = args.snapshot or latest.snapshot_id
    try:
        counts = public.export(store, snapshot_id, args.out)
    except SnapshotNotFound:
        print(P.CLI_UNKNOWN_SNAPSHOT.format(snapshot_id=snapshot_id, path=root), file=sys.stderr)
        return 2
    print(P.CLI_EXPORTED.format(snapshot_id=snapshot_id, path=args.out.resolve(), **counts))
    return 0


