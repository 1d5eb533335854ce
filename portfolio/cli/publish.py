"""`publish OUT_DIR`: the public portfolio as a folder any web server can
serve: the static website, the open-data package under `data/` and the
feeds (portfolio.present.publication says what is in it and where the
settings come from).

Exit codes: 0 published; 2 the command cannot run (no snapshots, an unknown
snapshot, a settings file that is missing, unreadable or incomplete for data
that is not demo data, a bad --base-url, an OUT_DIR that is a file or a
folder with other content than an earlier publication, or one that cannot be
written). Nothing in OUT_DIR changes unless the whole publication is written.

The write is atomic for readers: every file goes into a new temporary folder
beside OUT_DIR, which is then renamed to OUT_DIR. An earlier publication is
first renamed aside and removed once the new one is in place, so a web
server serving OUT_DIR sees the old folder or the new one, never a mix
(between the two renames, for an instant, no folder). OUT_DIR must hold
nothing but an earlier publication (its marker file `.publisert.json`), or
be empty, or not exist: the command never deletes anything else.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import os
import shutil
import sys
import tempfile
from pathlib import Path, PurePosixPath

from portfolio import config
from portfolio.present import publication
from portfolio.present.publication import MARKER, PublishError
from portfolio.store.snapshots import SnapshotNotFound, Store
from portfolio.texts import publish as T

C = T.CLI


def add_parser(commands) -> None:
    command = commands.add_parser("publish", help=C["help"], description=C["description"])
    command.add_argument("out", type=Path, metavar="MAPPE", help=C["out"])
    command.add_argument("--snapshot", default=None, metavar="ID", help=C["snapshot"])
    command.add_argument("--base-url", default=None, metavar="URL", help=C["base_url"])
    command.add_argument("--config", type=Path, default=None, metavar="FIL", help=C["config"])


def check_out(out: Path) -> None:
    """Refuse an OUT_DIR that is a file, or a folder holding anything but an
    earlier publication."""
    if out.is_symlink() or (out.exists() and not out.is_dir()):
        raise PublishError("not_a_folder", path=out)
    if out.is_dir() and any(out.iterdir()) and not (out / MARKER).is_file():
        raise PublishError("not_a_publication", path=out, marker=MARKER)


def _safe(path: str) -> PurePosixPath:
    relative = PurePosixPath(path)
    assert not relative.is_absolute() and ".." not in relative.parts and relative.parts, path
    return relative


def write_folder(out: Path, files: dict[str, bytes]) -> None:
    """Write `files` into a temporary folder beside `out`, then put it in
    place of `out` by renaming (see the module's docstring)."""
    out = Path(os.path.abspath(out))
    parent = out.parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
        temporary = Path(tempfile.mkdtemp(prefix=f".{out.name}.", suffix=".publiseres", dir=parent))
    except OSError as err:
        raise PublishError("unwritable", path=out, reason=err.strerror or str(err)) from None
    try:
        os.chmod(temporary, 0o755)  # mkdtemp makes it private; a web server must read it
        for path, content in files.items():
            target = temporary.joinpath(*_safe(path).parts)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content)
        check_out(out)  # still nothing else there
        if out.exists():
            aside = Path(tempfile.mkdtemp(prefix=f".{out.name}.", suffix=".forrige", dir=parent))
            os.rename(out, aside / "innhold")
            try:
                os.rename(temporary, out)
            except OSError:
                os.rename(aside / "innhold", out)
                raise
            shutil.rmtree(aside, ignore_errors=True)
        else:
            os.rename(temporary, out)
    except OSError as err:
        shutil.rmtree(temporary, ignore_errors=True)
        raise PublishError("unwritable", path=out, reason=err.strerror or str(err)) from None
    except BaseException:
        with contextlib.suppress(OSError):
            shutil.rmtree(temporary)
        raise


def run(args: argparse.Namespace) -> int:
    root = config.data_dir()
    store = Store(root)
    try:
        latest = store.latest()
        if latest is None:
            raise PublishError("no_snapshots", path=root)
        snapshot_id = args.snapshot or latest.snapshot_id
        try:
            meta = store.get(snapshot_id)
        except SnapshotNotFound:
            raise PublishError("unknown_snapshot", snapshot_id=snapshot_id, path=root) from None
        check_out(args.out)
        base_url = publication.check_base_url(args.base_url)
        settings_file = args.config or root / "publish.toml"
        loaded = publication.settings(settings_file, is_demo=meta.is_demo, explicit=args.config is not None)
        published = publication.build(store, snapshot_id, loaded.settings, base_url=base_url,
                                      published_at=dt.datetime.now(dt.UTC))
        write_folder(args.out, published.files)
    except PublishError as err:
        print(err.message, file=sys.stderr)
        return 2
    print(C["published"].format(snapshot_id=snapshot_id, path=Path(os.path.abspath(args.out)),
                                initiatives=published.counts["initiatives"], files=len(published.files)))
    if loaded.demo_filled:
        print(C["demo_settings"].format(path=publication.DEMO_SETTINGS))
    if base_url is None:
        print(C["no_base_url"])
    return 0
