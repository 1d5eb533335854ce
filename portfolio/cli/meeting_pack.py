"""`meeting-pack OUT.pdf`: the status paper for a KDL meeting as an accessible PDF.

Exit codes: 0 written; 2 the pack cannot be made (no snapshots, an unknown
snapshot or programme, a --since that is not before the pack's snapshot, a bad
date, an OUT that cannot be written). The PDF is written to a temporary file in
OUT's folder and renamed over OUT when whole, so a failure never leaves a
partial file.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import os
import sys
import tempfile
from pathlib import Path

from portfolio import config
from portfolio.present import meeting_pack
from portfolio.store.snapshots import Store
from portfolio.texts import meeting_pack as T

C = T.CLI


def add_parser(commands) -> None:
    command = commands.add_parser("meeting-pack", help=C["help"], description=C["description"])
    command.add_argument("out", type=Path, metavar="OUT.pdf", help=C["out"])
    command.add_argument("--as-of", default=None, metavar="ÅÅÅÅ-MM-DD", help=C["as_of"])
    command.add_argument("--since", default=None, metavar="ID|ÅÅÅÅ-MM-DD", help=C["since"])
    command.add_argument("--programme", default=None, metavar="ID", help=C["programme"])
    command.add_argument("--snapshot", default=None, metavar="ID", help=C["snapshot"])
    command.add_argument("--threshold", type=int, default=meeting_pack.DEFAULT_THRESHOLD, metavar="KR",
                         help=C["threshold"].format(default=meeting_pack.DEFAULT_THRESHOLD))


def _date(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise meeting_pack.PackError("bad_date", value=value) from None


def _check_writable(out: Path) -> None:
    """Refuse an OUT that cannot be written before any work is done."""
    if out.suffix.lower() != ".pdf":
        raise meeting_pack.PackError("not_pdf", path=out)
    folder = out.parent if str(out.parent) else Path(".")
    reason = None
    if not folder.is_dir():
        reason = T.UNWRITABLE_REASONS["no_folder"]
    elif out.is_dir():
        reason = T.UNWRITABLE_REASONS["is_folder"]
    elif not os.access(folder, os.W_OK) or (out.exists() and not os.access(out, os.W_OK)):
        reason = T.UNWRITABLE_REASONS["denied"]
    if reason:
        raise meeting_pack.PackError("unwritable", path=out, reason=reason)


def write_atomically(out: Path, data: bytes) -> None:
    """Write `data` to a temporary file beside `out`, then rename it over `out`."""
    folder = out.parent if str(out.parent) else Path(".")
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".part", dir=folder)
    except OSError as err:
        raise meeting_pack.PackError("unwritable", path=out, reason=err.strerror or str(err)) from None
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        os.chmod(temporary, 0o644)
        os.replace(temporary, out)
    except OSError as err:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise meeting_pack.PackError("unwritable", path=out, reason=err.strerror or str(err)) from None
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def run(args: argparse.Namespace) -> int:
    from portfolio.present import pdf  # Typst and vl-convert: loaded only by this command

    try:
        if args.threshold < 0:
            raise meeting_pack.PackError("negative_threshold")
        _check_writable(args.out)
        store = Store(config.data_dir())
        ctx = meeting_pack.context(store, args.snapshot, _date(args.as_of))
        since = meeting_pack.since_snapshot(ctx, args.since)
        filters = meeting_pack.programme_filters(ctx, args.programme)
        data = meeting_pack.build(ctx, filters, since, args.threshold,
                                  meeting_pack.programme_name(ctx, args.programme))
        document = pdf.render(data)
        write_atomically(args.out, document)
    except meeting_pack.PackError as err:
        print(err.message, file=sys.stderr)
        return 2
    print(C["written"].format(path=args.out, pages=pdf.page_count(document)))
    return 0
