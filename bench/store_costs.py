"""The snapshot store's own costs, the DuckLake store beside the folder layout
it replaced (portfolio.store.folders), measured in one run on the same data:
a commit of the latest snapshot's tables, and what every page rerun asks of the
store (the list of snapshots when nothing changed)."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from portfolio.store.folders import SnapshotFolders
from portfolio.store.snapshots import Store


def commit_and_list(data: Path, repeat: int, median_time) -> dict[str, float]:
    source = Store(data)
    latest = source.latest()
    tables = source.read(latest.snapshot_id)
    work = Path(tempfile.mkdtemp(prefix="bench-store-"))
    try:
        lake = Store(work / "lake")
        folders = SnapshotFolders(work / "folders")
        lake.write(tables, author="bench", note="0")  # warm: the lake exists, its tables too
        folders.write(tables, author="bench", note="0", check_base=False)
        count = {"lake": 0, "folders": 0}

        def lake_commit() -> None:
            count["lake"] += 1
            lake.write(tables, author="bench", note=str(count["lake"]), check_base=False)

        def folder_commit() -> None:
            count["folders"] += 1
            folders.write(tables, author="bench", note=str(count["folders"]), check_base=False)

        return {
            "lake_commit": median_time(lake_commit, repeat),
            "folder_commit": median_time(folder_commit, repeat),
            "lake_list": median_time(source.list, repeat * 5),
            "folder_list": median_time(folders.list, repeat * 5),
        }
    finally:
        shutil.rmtree(work, ignore_errors=True)
