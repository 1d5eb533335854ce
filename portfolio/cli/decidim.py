"""`python -m portfolio import-decidim SOURCE --author NAME --note TEXT [--base ID] [--dry-run]`:
Decidim's open data as a new snapshot (portfolio/ingest/decidim_import.py).

Prints in Norwegian where each table comes from, the base, how many changes
of each kind and the changes themselves (as `import` does), then saves unless
`--dry-run`. Exit codes: 0 saved, unchanged («Ingen endringer») or a dry run;
1 bad data (nothing written; the rejected import is in the audit log); 2 the
command cannot run (the source cannot be reached or is missing, an unknown
base); 3 conflict (another snapshot was saved after the base).
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
from types import SimpleNamespace

from portfolio import config, fmt
from portfolio.ingest import decidim_import, pipeline, preview
from portfolio.ingest.decidim import DecidimUnavailable
from portfolio.present import change_words
from portfolio.store import audit
from portfolio.store.snapshots import SnapshotNotFound, Store
from portfolio.texts import changes as changes_texts
from portfolio.texts import decidim as D
from portfolio.texts import update as U

C = D.CLI
CHANGE_LINES = 200  # change lines printed; the rest are counted


def add_parser(commands) -> None:
    command = commands.add_parser("import-decidim", help=C["command"], description=C["command"])
    command.add_argument("source", metavar="KILDE", help=C["source"])
    command.add_argument("--author", required=True, metavar="NAVN", help=U.CLI["author"])
    command.add_argument("--note", required=True, metavar="TEKST", help=U.CLI["note"])
    command.add_argument("--base", default=None, metavar="ID", help=C["base"])
    command.add_argument("--dry-run", action="store_true", help=C["dry_run"])
    command.add_argument("--timeout", type=float, default=10.0, metavar="SEKUNDER", help=C["timeout"])


def run(args: argparse.Namespace) -> int:
    root = config.data_dir()
    store = Store(root)
    out, err = sys.stdout, sys.stderr
    if args.base is not None:
        try:
            store.get(args.base)
        except SnapshotNotFound:
            print(C["unknown_base"].format(snapshot_id=args.base), file=err)
            return 2
    for value, message in ((args.author, U.AUTHOR_REQUIRED), (args.note, U.NOTE_REQUIRED)):
        if not (value or "").strip() and not args.dry_run:
            print(message, file=err)
            return 1
    try:
        prepared = decidim_import.prepare_decidim(args.source, store, base_id=args.base, timeout_s=args.timeout)
    except DecidimUnavailable as unavailable:
        print(D.IMPORT["unavailable"].format(message=unavailable.message), file=err)
        return 2
    if not prepared.ok:
        audit.record_rejected(root, who=args.author, origin="cli", files=[str(args.source)],
                              problems=prepared.problems)
        print(U.INVALID.format(count=len(prepared.problems)), file=err)
        for problem in prepared.problems:
            print(f"  {problem}", file=err)
        return 1
    for line in report(prepared, store):
        print(line, file=out)
    if prepared.unchanged:
        return 0
    if args.dry_run:
        if prepared.is_stale:
            print(pipeline.conflict_message(prepared.base, store.latest()), file=err)
        print(C["dry_run_done"], file=out)
        return 0
    outcome = pipeline.commit(prepared, store, author=args.author, note=args.note)
    print(outcome.message, file=err if outcome.kind in ("conflict", "invalid") else out)
    return outcome.exit_code


def report(prepared: pipeline.Prepared, store: Store) -> list[str]:
    """What importing would do, in words: the sources, the base, the links that
    name rows no longer in Decidim, and every change (at most CHANGE_LINES)."""
    lines = [f"  {line}" for line in preview.sources_text(prepared)]
    lines.append(preview.base_line(prepared))
    dangling = decidim_import.dangling_text(decidim_import.dangling_links(prepared))
    if dangling:
        lines.append(dangling)
    if prepared.unchanged:
        base = prepared.base
        lines.append(U.NO_CHANGES.format(snapshot_id=base.snapshot_id, date=fmt.date(base.created)))
        return lines
    found = pipeline.changes(prepared, store)
    lines.append(preview.change_count(len(found)))
    lines += [f"  {line}" for line in preview.summary_lines(found)]
    names = dict(zip(prepared.tables["initiatives"].column("initiative_id").to_pylist(),
                     prepared.tables["initiatives"].column("name").to_pylist(), strict=True))
    lines += [f"  {change_line(change, names)}" for change in found[:CHANGE_LINES]]
    if len(found) > CHANGE_LINES:
        lines.append(C["more_changes"].format(count=fmt.number(len(found) - CHANGE_LINES)))
    return lines


def change_line(change, names: dict[str, str]) -> str:
    """One change as `diff` words it; a Decidim row linked to no initiative is named as such."""
    row = SimpleNamespace(**{f.name: getattr(change, f.name) for f in dataclasses.fields(change)},
                          name=names.get(change.initiative_id, change.initiative_id))
    if not change.initiative_id:
        row.name = changes_texts.NO_INITIATIVE_DECIDIM
    return change_words.describe(row)
