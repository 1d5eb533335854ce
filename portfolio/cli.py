"""The command line: `python -m portfolio COMMAND`. Every command honours
PORTFOLIO_DATA."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from portfolio import config, texts
from portfolio.store import Store
from portfolio.validate import ValidationFailed

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
    return parser


def _demo_data(args: argparse.Namespace) -> int:
    out = (args.out or config.data_dir()).resolve()
    if Store(out).list():
        print(T["not_empty"].format(path=out), file=sys.stderr)
        return 2
    if args.initiatives is None:
        from portfolio import demo

        metas = demo.write_demo(out)
    else:
        from portfolio import generate

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


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        if args.command == "demo-data":
            return _demo_data(args)
        return _snapshots(args)
    except ValidationFailed as err:
        print(T["invalid"], file=sys.stderr)
        for problem in err.problems:
            print(f"  {problem}", file=sys.stderr)
        return 1
