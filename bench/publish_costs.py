"""What `python -m portfolio publish` costs beside `export-public` of the same
snapshot (issue 19): both read the public projection of the latest snapshot;
publish also compares the projections of the snapshots before it (the feed
of changes), renders the website and writes the open-data package. Measured
in one process, each run from a cold projection (the projection cache is
cleared), each into a fresh folder."""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from pathlib import Path

from portfolio.cli.publish import write_folder
from portfolio.present import open_data, publication
from portfolio.store import public
from portfolio.store.snapshots import Store

SETTINGS = open_data.Settings(publisher_name="Kristiansand kommune", organisation_number="963296746",
                              contact_name="Postmottak", contact_email="postmottak@kristiansand.kommune.no")


def publish_and_export(data: Path, repeat: int, median_time) -> dict[str, float]:
    store = Store(data)
    snapshot_id = store.latest().snapshot_id
    work = Path(tempfile.mkdtemp(prefix="bench-publish-"))
    runs = {"publish": 0, "export": 0, "files": 0}
    try:
        def publish() -> None:
            public._snapshot_data.cache_clear()
            runs["publish"] += 1
            built = publication.build(store, snapshot_id, SETTINGS, base_url="https://example.no/portefolje/",
                                      published_at=dt.datetime.now(dt.UTC))
            write_folder(work / f"publish-{runs['publish']}", built.files)
            runs["files"] = len(built.files)

        def export() -> None:
            public._snapshot_data.cache_clear()
            runs["export"] += 1
            public.export(store, snapshot_id, work / f"export-{runs['export']}")

        times = {"export": median_time(export, repeat), "publish": median_time(publish, repeat)}
        return {**times, "files": runs["files"]}
    finally:
        shutil.rmtree(work, ignore_errors=True)
