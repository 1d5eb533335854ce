"""`export SNAPSHOT_ID OUT_DIR [--csv]` (one snapshot as plain files) and
`migrate-store FROM TO` (snapshots copied into a DuckLake store)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from portfolio import config
from portfolio.store import folders, lake
from portfolio.store.export import to_csv
from portfolio.store.snapshots import SnapshotNotFound, Store, content_hash
from portfolio.texts import store as S

C = S.CLI


def add_parsers(commands) -> None:
    export = commands.add_parser("export", help=C["export"], description=C["export"])
    export.add_argument("snapshot_id", metavar="ID", help=C["export_id"])
    export.add_argument("out", type=Path, metavar="MAPPE", help=C["export_out"])
    export.add_argument("--csv", action="store_true", help=C["export_csv"])
    migrate = commands.add_parser("migrate-store", help=C["migrate"], description=C["migrate"])
    migrate.add_argument("source", type=Path, metavar="FRA", help=C["migrate_from"])
    migrate.add_argument("target", type=Path, metavar="TIL", help=C["migrate_to"])


def export(args: argparse.Namespace) -> int:
    root = config.data_dir()
    store = Store(root)
    try:
        meta = store.get(args.snapshot_id)
    except SnapshotNotFound:
        print(C["unknown_snapshot"].format(snapshot_id=args.snapshot_id, path=root), file=sys.stderr)
        return 2
    out = args.out.resolve()
    if (out / folders.META_FILE).exists():
        print(C["export_not_empty"].format(path=out), file=sys.stderr)
        return 2
    tables = store.read(meta.snapshot_id)
    folders.write_files(out, tables, meta)
    if args.csv:
        for name, table in tables.items():
            (out / f"{name}.csv").write_bytes(to_csv(table.to_pandas()))
    listed = ", ".join(f"{name} ({table.num_rows} rader)" for name, table in tables.items())
    print(C["exported"].format(snapshot_id=meta.snapshot_id, path=out, tables=listed))
    return 0


def source_store(path: Path) -> folders.SnapshotFolders | Store:
    """What `migrate-store` copies from: a folder of snapshot folders, else the
    embedded lake in that folder (whatever PORTFOLIO_CATALOG says: that
    setting names the target)."""
    path = path.resolve()
    if folders.SnapshotFolders(path).list():
        return folders.SnapshotFolders(path)
    place = lake.embedded(path)
    return Store(path, catalog=place.catalog, data_path=place.data_path)


def migrate(args: argparse.Namespace) -> int:
    source = source_store(args.source)
    if isinstance(source, Store) and not source.place.catalog_file.exists():
        print(C["migrate_nothing"].format(path=args.source.resolve()), file=sys.stderr)
        return 2
    metas = source.list()
    if not metas:
        print(C["migrate_nothing"].format(path=args.source.resolve()), file=sys.stderr)
        return 2
    target = Store(args.target.resolve())
    try:
        copied = target.copy_from(source)
    except lake.LakeUnavailable as err:
        print(C["unavailable"].format(where=err, problem=err.__cause__), file=sys.stderr)
        return 2
    present = {m.snapshot_id: m for m in target.list()}
    missing = [m for m in metas if m.snapshot_id not in present]
    if missing:
        print(C["migrate_diverged"].format(snapshot_id=missing[0].snapshot_id, target=target.place.describe(),
                                           source=args.source.resolve()), file=sys.stderr)
        return 3
    for meta in metas:
        problem = _difference(meta, present[meta.snapshot_id], target)
        if problem:
            print(C["migrate_mismatch"].format(snapshot_id=meta.snapshot_id, problem=problem), file=sys.stderr)
            return 1
    print(C["migrated"].format(copied=len(copied), present=len(metas) - len(copied), checked=len(metas),
                               source=args.source.resolve(), target=target.place.describe()))
    return 0


def _difference(meta, copy, target: Store) -> str | None:
    """Why the copy is not the snapshot (None when it is)."""
    for field in ("created_at", "author", "note", "base_id", "row_counts", "content_hash", "is_demo"):
        if getattr(meta, field) != getattr(copy, field):
            return field
    if content_hash(target.read(meta.snapshot_id)) != meta.content_hash:
        return "content_hash"
    return None
