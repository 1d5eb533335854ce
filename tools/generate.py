"""Realistic, deterministic test data at the scale of a county or the country.

`write_generated(out_dir, initiatives, snapshots, seed)` writes `snapshots`
weekly snapshots of a generated portfolio into `Store(out_dir)`, each through
`Store.write` (so each one is validated). The portfolio spans many fictional
municipalities, whose kommunalområder appear as owner areas such as
"Bjørkdal – Oppvekst". About 1 in 20 initiatives is a programme; most other
initiatives in the same municipality roll up to one.

Every run with the same arguments gives the same data (numpy's default_rng
with the given seed, and creation times ending on a fixed date; the wall
clock is never read). For speed the base portfolio is built once as numpy
arrays; each week only the columns that change are recomputed:

* statuses in all five dimensions change for a few percent per week
  (red rarer than yellow rarer than green, some "ikke vurdert");
* phases advance as decision points BP1–BP5 are passed, and decision-point
  milestones are completed on the same day (phase and last decision point
  stay consistent);
* milestones are completed over time, some are moved (new due date, with a
  note), some stay overdue;
* spend (actual_nok) grows through each budget year, some initiatives go
  over budget, and forecasts follow;
* some initiatives become public when they start their execution phase;
* the governance register grows and moves: decisions at the decision points
  passed and between them, checklist answers for the decision points passed,
  risks identified, re-scored, followed up and closed, benefits measured
  (about 3 risks, 1 benefit with 4 measurements and 2 decisions per
  initiative by the last snapshot);
* the collaboration tables fill as their days come: about 2 engagements per
  initiative (announced before they are held, counted after), and 2–3
  surveys, a year apart, of about 1 initiative in 10 and of every
  kommunalområde that owns an initiative, each with seven scores;
* Decidim results (their progress growing week by week), budget projects,
  proposals and meetings, about 1 initiative in 4 linked to some.

The modules: generate_words (vocabulary and proportions), generate_arrays
(numpy helpers), generate_portfolio (the state and its weekly change),
generate_tables (one snapshot's first three tables), generate_register (the
governance register's state, weekly change and tables), generate_collaboration
(engagements, surveys and scores), generate_decidim (the Decidim tables) and this one (the snapshots, and the
command line)::

    python -m tools.generate --initiatives 10000 --snapshots 52 [--seed K] --out /tmp/stor
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable
from pathlib import Path

from portfolio.store.snapshots import SnapshotMeta, Store
from tools import cli, generate_tables
from tools.generate_arrays import day_number
from tools.generate_collaboration import Collaboration
from tools.generate_decidim import Decidim
from tools.generate_portfolio import Portfolio
from tools.generate_register import Register

# The last snapshot is created at this fixed time; earlier ones a week apart.
END_AT = dt.datetime(2026, 11, 16, 12, 0, tzinfo=dt.UTC)
AUTHOR = "Testdatagenerator"
NOTE = "Generert testdata, uke {week} {year}"


def snapshot_times(snapshots: int) -> list[dt.datetime]:
    """Creation times of the snapshots: weekly, the last at END_AT."""
    return [END_AT - dt.timedelta(weeks=snapshots - 1 - w) for w in range(snapshots)]


def write_generated(
    out_dir: Path,
    initiatives: int,
    snapshots: int,
    seed: int = 0,
    progress: Callable[[int, int], None] | None = None,
) -> list[SnapshotMeta]:
    """Write `snapshots` weekly snapshots of a generated portfolio; return their metadata.

    Refuses (ValueError) when `out_dir` already holds snapshots.
    """
    if initiatives < 1 or snapshots < 1:
        raise ValueError("initiatives and snapshots must be at least 1")
    store = Store(out_dir)
    if store.list():
        raise ValueError(f"«{out_dir}» har allerede øyeblikksbilder; velg en tom mappe.")
    times = snapshot_times(snapshots)
    first_day, last_day = day_number(times[0].date()), day_number(times[-1].date())
    portfolio = Portfolio(initiatives, seed, first_day, last_day)
    register = Register(portfolio, seed, first_day, last_day)
    collaboration = Collaboration(portfolio, seed, first_day, last_day)
    decidim = Decidim(portfolio, seed, first_day, last_day)
    metas: list[SnapshotMeta] = []
    base_id = None
    for w, created in enumerate(times):
        today = day_number(created.date())
        if w:
            portfolio.advance(today)
            register.advance(today)
        year, week, _ = created.isocalendar()
        meta = store.write(
            {**generate_tables.frames(portfolio, today), **register.frames(portfolio, today),
             **collaboration.frames(portfolio, today), **decidim.frames(portfolio, today)},
            author=AUTHOR,
            note=NOTE.format(week=week, year=year),
            base_id=base_id,
            created_at=created,
        )
        metas.append(meta)
        base_id = meta.snapshot_id
        if progress is not None:
            progress(w + 1, snapshots)
    return metas


def main(argv: list[str] | None = None) -> int:
    parser = cli.parser("python -m tools.generate", cli.TEXTS["generate_description"])
    parser.add_argument("--initiatives", type=cli.at_least_one, required=True, metavar="N",
                        help=cli.TEXTS["initiatives"])
    parser.add_argument("--snapshots", type=cli.at_least_one, default=52, metavar="S", help=cli.TEXTS["snapshots"])
    parser.add_argument("--seed", type=int, default=0, metavar="K", help=cli.TEXTS["seed"])
    args = parser.parse_args(argv)
    out = cli.out_folder(args)
    if out is None:
        return 2

    def progress(done: int, total: int) -> None:
        print(cli.TEXTS["progress"].format(done=done, total=total), file=sys.stderr)

    metas = write_generated(out, initiatives=args.initiatives, snapshots=args.snapshots, seed=args.seed,
                            progress=progress)
    cli.written(len(metas), out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
