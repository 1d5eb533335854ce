"""`diff A B`: what changed from snapshot A to B, in words or as JSON."""

from __future__ import annotations

import argparse
import json
import sys

from portfolio import config
from portfolio.present import change_read, change_words, changes
from portfolio.store.snapshots import SnapshotNotFound, Store
from portfolio.texts import changes as changes_texts

D = changes_texts.CLI


def add_parser(commands) -> None:
    command = commands.add_parser("diff", help=D["help"], description=D["description"])
    command.add_argument("old", metavar="A", help=D["old"])
    command.add_argument("new", metavar="B", help=D["new"])
    command.add_argument("--json", action="store_true", help=D["json"])
    command.add_argument("--threshold", type=int, default=0, metavar="KR", help=D["threshold"])


def run(args: argparse.Namespace) -> int:
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
        found = change_read.compare(store, old, new, today, args.threshold)  # only the rows that can differ
        print(json.dumps([c.to_json() for c in found], ensure_ascii=False, indent=2))
        return 0
    frame = changes.build(store, old.snapshot_id, new.snapshot_id, today, args.threshold)
    since_latest = new.snapshot_id == store.latest().snapshot_id
    print("\n".join(change_words.cli_report(frame, old, new, since_latest)))
    return 0


