"""`snapshots` (every snapshot, oldest first) and `verify` (every
snapshot's files checked against its content hash)."""

from __future__ import annotations

import argparse
import json
import sys

from portfolio import config, texts
from portfolio.store import lake
from portfolio.store.snapshots import Store, verify

T = texts.CLI


def add_parsers(commands) -> None:
    listing = commands.add_parser("snapshots", help=T["snapshots"], description=T["snapshots"])
    listing.add_argument("--json", action="store_true", help=T["snapshots_json"])
    check = commands.add_parser("verify", help=T["verify"], description=T["verify"])
    check.add_argument("--json", action="store_true", help=T["verify_json"])


def snapshots(args: argparse.Namespace) -> int:
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



def verify_all(args: argparse.Namespace) -> int:
    """Read every snapshot and compare its content with the hash recorded when
    it was saved. Exit 1 when any snapshot is damaged (or cannot be read)."""
    root = config.data_dir()
    store = Store(root)
    results = []
    for meta in store.list():
        try:
            ok, problem = verify(store, meta.snapshot_id), None
        except lake.LakeUnavailable:
            raise  # the store cannot be reached: not a damaged snapshot (the caller says so, exit 2)
        except Exception as err:
            ok, problem = False, f"{type(err).__name__}: {err}"
        results.append({"id": meta.snapshot_id, "ok": ok, "problem": problem})
    damaged = [r for r in results if not r["ok"]]
    if args.json:
        print(json.dumps(results, ensure_ascii=False, indent=2))
    else:
        for r in damaged:
            print(T["verify_damaged"].format(snapshot_id=r["id"], problem=r["problem"] or T["verify_hash"]),
                  file=sys.stderr)
        print(T["verify_summary"].format(count=len(results), damaged=len(damaged), path=root))
    return 1 if damaged else 0
