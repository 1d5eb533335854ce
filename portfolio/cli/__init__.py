"""The command line: `python -m portfolio COMMAND`. Every command honours
PORTFOLIO_DATA."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from portfolio import config, texts
from portfolio.store.snapshots import Store
from portfolio.model.validate import ValidationFailed

T = texts.CLI

# argparse looks its own words up through gettext at run time
argparse._ = lambda message: texts.ARGPARSE.get(message, message)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m portfolio", description=T["description"])
    commands = parser.add_subparsers(dest="command", required=True, metavar="KOMMANDO")

    demo = commands.add_parser("demo-data", help=T["demo_data"], description=T["demo_data"])
    demo.add_argument("--out", type=Path, default=None, metavar="MAPPE", help=T["demo_out"])
    demo.add_argument("--initiatives", type=int, default=None, metavar="N", help=T["demo_initiatives"])
    demo.add_argument("--snapshots", type=int, default=52, metavar="S", help=T["demo_snapshots"])
    demo.add_argument("--seed", type=int, default=0, metavar="K", help=T["demo_seed"])

    listing = commands.add_parser("snapshots", help=T["snapshots"], description=T["snapshots"])
    listing.add_argument("--json", action="store_true", help=T["snapshots_json"])
    _add_diff_parser(commands)
    _add_update_parsers(commands)
    _add_export_public_parser(commands)
    return parser


def _demo_data(args: argparse.Namespace) -> int:
    out = (args.out or config.data_dir()).resolve()
    if Store(out).list():
        print(T["not_empty"].format(path=out), file=sys.stderr)
        return 2
    if args.initiatives is None:
        from tools import demo_data as demo

        metas = demo.write_demo(out)
    else:
        from tools import generate

        def progress(done: int, total: int) -> None:
            print(T["progress"].format(done=done, total=total), file=sys.stderr)

        metas = generate.write_generated(
            out, initiatives=args.initiatives, snapshots=args.snapshots, seed=args.seed,
            progress=progress,
        )
    print(T["written"].format(count=len(metas), path=out))
    return 0


def _snapshots(args: argparse.Namespace) -> int:
    root = config.data_dir()
    metas = Store(root).list()
    if args.json:
        rows = [
            {
                "id": m.snapshot_id,
                "created_at": m.created_at,
                "author": m.author,
                "note": m.note,
                "base_id": m.base_id,
                "row_counts": m.row_counts,
                "content_hash": m.content_hash,
                "is_demo": m.is_demo,
            }
            for m in metas
        ]
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    if not metas:
        print(T["no_snapshots"].format(path=root))
        return 0
    print(T["snapshots_header"])
    for m in metas:
        print(f"{m.snapshot_id:<24}{m.created_at:<27}{m.author} – {m.note}")
    return 0


# -- diff: what changed between two snapshots -------------------------------------

def _add_diff_parser(commands) -> None:
    from portfolio.texts import changes as changes_texts

    D = changes_texts.CLI
    diff = commands.add_parser("diff", help=D["help"], description=D["description"])
    diff.add_argument("old", metavar="A", help=D["old"])
    diff.add_argument("new", metavar="B", help=D["new"])
    diff.add_argument("--json", action="store_true", help=D["json"])
    diff.add_argument("--threshold", type=int, default=0, metavar="KR", help=D["threshold"])


def _diff(args: argparse.Namespace) -> int:
    from portfolio.present import change_words, changes
    from portfolio.model import diff
    from portfolio.store.snapshots import SnapshotNotFound
    from portfolio.texts import changes as changes_texts

    D = changes_texts.CLI
    root = config.data_dir()
    store = Store(root)
    if args.threshold < 0:
        print(D["negative"], file=sys.stderr)
        return 2
    if not store.list():
        print(D["no_snapshots"].format(path=root), file=sys.stderr)
        return 2
    metas = []
    for ref in (args.old, args.new):
        try:
            metas.append(changes.resolve(store, ref))
        except SnapshotNotFound:
            message = D["no_previous"] if ref == "previous" else D["unknown"]
            print(message.format(snapshot_id=ref, path=root), file=sys.stderr)
            return 2
    old, new = metas
    today = changes.today_for(store, new)
    if args.json:
        found = diff.compare_snapshots(store, old.snapshot_id, new.snapshot_id, today=today,
                                       budget_threshold_nok=args.threshold)
        print(json.dumps([c.to_json() for c in found], ensure_ascii=False, indent=2))
        return 0
    frame = changes.build(store, old.snapshot_id, new.snapshot_id, today, args.threshold)
    since_latest = new.snapshot_id == store.latest().snapshot_id
    print("\n".join(change_words.cli_report(frame, old, new, since_latest)))
    return 0


# -- data updates: template, import, validate, restore (portfolio.cli.update) -----

UPDATE_COMMANDS = ("template", "import", "validate", "restore")


def _add_update_parsers(commands) -> None:
    from portfolio.texts import update as U

    C = U.CLI
    template = commands.add_parser("template", help=C["template"], description=C["template"])
    template.add_argument("out", type=Path, metavar="FIL", help=C["template_out"])
    template.add_argument("--snapshot", default=None, metavar="ID", help=C["template_snapshot"])
    for name in ("import", "validate"):
        command = commands.add_parser(name, help=C[name], description=C[name])
        command.add_argument("files", type=Path, nargs="+", metavar="FIL", help=C["files"])
        if name == "import":
            command.add_argument("--author", required=True, metavar="NAVN", help=C["author"])
            command.add_argument("--note", required=True, metavar="TEKST", help=C["note"])
        command.add_argument("--base", default=None, metavar="ID", help=C["base"])
    restore = commands.add_parser("restore", help=C["restore"], description=C["restore"])
    restore.add_argument("snapshot_id", metavar="ID", help=C["restore_id"])
    restore.add_argument("--author", required=True, metavar="NAVN", help=C["author"])
    restore.add_argument("--note", required=True, metavar="TEKST", help=C["note"])


def _run_update_command(args: argparse.Namespace) -> int:
    """Exit codes: 0 done (or nothing to do), 1 invalid data, 2 the command
    could not run (unknown snapshot, missing file), 3 conflict. Never a traceback."""
    from portfolio.cli import update
    from portfolio.texts import update as U

    try:
        return update.run_command(args.command, args, config.data_dir())
    except Exception as err:  # noqa: BLE001 - the user gets a sentence, not a traceback
        print(U.UNEXPECTED.format(error=f"{type(err).__name__}: {err}"), file=sys.stderr)
        return 1


# -- export-public: the public projection as Parquet and CSV ------------------------

def _add_export_public_parser(commands) -> None:
    from portfolio.texts import public as P

    export = commands.add_parser("export-public", help=P.CLI_EXPORT, description=P.CLI_EXPORT)
    export.add_argument("out", type=Path, metavar="MAPPE", help=P.CLI_EXPORT_OUT)
    export.add_argument("--snapshot", default=None, metavar="ID", help=P.CLI_EXPORT_SNAPSHOT)


def _export_public(args: argparse.Namespace) -> int:
    from portfolio.store import public
    from portfolio.store.snapshots import SnapshotNotFound
    from portfolio.texts import public as P

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


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        if args.command == "demo-data":
            return _demo_data(args)
        if args.command == "diff":
            return _diff(args)
        if args.command == "export-public":
            return _export_public(args)
        if args.command in UPDATE_COMMANDS:
            return _run_update_command(args)
        return _snapshots(args)
    except ValidationFailed as err:
        print(T["invalid"], file=sys.stderr)
        for problem in err.problems:
            print(f"  {problem}", file=sys.stderr)
        return 1
