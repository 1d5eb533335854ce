"""«Endringer» cold (issue 20, item 4): `changes.build` of the latest snapshot
against the one before, in a fresh process, with both snapshots read whole
(`--whole`: the engine on Store.read_frames, as before) and narrowed in SQL
(change_read.narrowed, now). Each run is its own process (its peak RSS is its
own); the modes and sizes are taken in turns so that the machine's load hits
them alike. The two results must be equal (their frames' digest is compared).

    .venv/bin/python bench/changes_build.py                      # 10 000 and 100 000 × 52, 2 turns
    .venv/bin/python bench/changes_build.py --data bench/out/gen-1000x52 --turns 1
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = [ROOT / "bench/out/gen-10000x52", ROOT / "bench/out/gen-100000x52"]
TODAY = "2026-11-23"  # bench/run.py's TODAY, as bench/scaling.py sets it


def child(data: str, whole: bool, threshold: int) -> dict:
    """One cold build in this process: the store opened and listed first (the
    page has a connection already), then the build timed."""
    sys.path.insert(0, str(ROOT))
    from portfolio.present import changes
    from portfolio.store.snapshots import Store

    store = Store(data)
    metas = store.list()
    old, new = metas[-2], metas[-1]
    today = changes.today_for(store, new)
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    start = time.perf_counter()
    frame = changes.build(store, old.snapshot_id, new.snapshot_id, today, threshold, whole=whole)
    seconds = time.perf_counter() - start
    digest = hashlib.sha256(frame.to_csv(index=False).encode()).hexdigest()[:16]
    return {"seconds": round(seconds, 2), "rss_before_mb": round(rss_before),
            "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
            "changes": len(frame), "digest": digest}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", action="append", help="a store folder (repeatable; default: 10 000 and 100 000 × 52)")
    parser.add_argument("--turns", type=int, default=2)
    parser.add_argument("--threshold", type=int, default=0)
    parser.add_argument("--out", default=None, help="write the figures as JSON here")
    parser.add_argument("--child", nargs=2, metavar=("DATA", "MODE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.child[0], args.child[1] == "whole", args.threshold)))
        return
    datasets = [Path(d) for d in (args.data or DEFAULT_DATA)]
    env = {**os.environ, "PORTFOLIO_TODAY": TODAY}
    runs: dict[tuple[str, str], list[dict]] = {}
    for turn in range(args.turns):
        for data in datasets:
            modes = ("whole", "narrowed") if turn % 2 == 0 else ("narrowed", "whole")
            for mode in modes:
                out = subprocess.run([sys.executable, __file__, "--child", str(data), mode,
                                      "--threshold", str(args.threshold)],
                                     env=env, capture_output=True, text=True, check=True)
                result = json.loads(out.stdout.strip().splitlines()[-1])
                result["load_average"] = round(os.getloadavg()[0], 1)
                runs.setdefault((data.name, mode), []).append(result)
                print(turn, data.name, mode, result, flush=True)
    summary = []
    for data in datasets:
        whole, narrowed = runs[(data.name, "whole")], runs[(data.name, "narrowed")]
        assert {r["digest"] for r in whole} == {r["digest"] for r in narrowed}, data.name
        row = {"data": data.name, "changes": whole[0]["changes"]}
        for mode, found in (("whole", whole), ("narrowed", narrowed)):
            row[f"{mode}_seconds"] = statistics.median(r["seconds"] for r in found)
            row[f"{mode}_peak_rss_mb"] = max(r["peak_rss_mb"] for r in found)
        row["time_ratio"] = round(row["narrowed_seconds"] / row["whole_seconds"], 3)
        row["rss_ratio"] = round(row["narrowed_peak_rss_mb"] / row["whole_peak_rss_mb"], 3)
        summary.append(row)
        print(json.dumps(row), flush=True)
    if args.out:
        Path(args.out).write_text(json.dumps({"today": TODAY, "turns": args.turns, "summary": summary,
                                              "runs": {f"{d} {m}": r for (d, m), r in runs.items()}},
                                             indent=2) + "\n")


if __name__ == "__main__":
    main()
