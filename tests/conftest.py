"""Shared fixtures: real snapshot stores (DuckLake: SQLite catalog, Parquet files) in temporary folders, never mocks."""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import os
import random
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from portfolio.store.snapshots import Store  # noqa: E402

DEMO_DATA = ROOT / "data"
CPU_AT_START = pytest.StashKey[tuple]()
# A fixed "today" for the demo data: the day after the latest demo snapshot
DEMO_TODAY = dt.date(2026, 11, 23)


def initiative(initiative_id: str, **overrides) -> dict:
    row = dict(
        initiative_id=initiative_id, name=f"Tiltak {initiative_id}", parent_id=None,
        owner_area="Oppvekst", collaborating_areas=[], project_owner="Eier",
        project_leader=None, phase="Gjennomføre", last_decision_point="BP3",
        status_overall="grønn", status_schedule="grønn", status_budget="grønn",
        status_quality="grønn", status_risk="grønn", status_summary=None,
        comment_schedule=None, comment_budget=None, comment_quality=None, comment_risk=None,
        focus_areas=["tjenestene"], target_groups=["Nye innbyggere"], partners=[],
        start_date=dt.date(2024, 1, 1), end_date=dt.date(2027, 12, 31),
        is_public=False, public_summary=None, url=None,
    )
    row.update(overrides)
    return row


def budget(initiative_id: str, year: int = 2026, **overrides) -> dict:
    row = dict(initiative_id=initiative_id, year=year, funding_source="Drift",
               budget_nok=100_000, actual_nok=50_000, forecast_nok=None, note=None)
    row.update(overrides)
    return row


def milestone(milestone_id: str, initiative_id: str, **overrides) -> dict:
    row = dict(milestone_id=milestone_id, initiative_id=initiative_id, title=f"Milepæl {milestone_id}",
               kind="milepæl", decision_point=None, due_date=dt.date(2026, 12, 1),
               completed_date=None, is_public=False, note=None)
    row.update(overrides)
    return row


def tables(initiatives: list[dict], budgets: list[dict] = (), milestones: list[dict] = ()) -> dict:
    from portfolio.model import schema

    def frame(rows, table):
        return pd.DataFrame(list(rows), columns=schema.TABLES[table].column_names)

    return {
        "initiatives": frame(initiatives, "initiatives"),
        "budgets": frame(budgets, "budgets"),
        "milestones": frame(milestones, "milestones"),
    }


def small_portfolio(n: int = 3) -> dict:
    ids = [f"tiltak-{i}" for i in range(n)]
    return tables(
        [initiative(i) for i in ids],
        [budget(i) for i in ids],
        [milestone(f"m-{i}", i) for i in ids],
    )


@pytest.fixture()
def store(tmp_path) -> Store:
    return Store(tmp_path / "data")


def lake_counts(store: Store, table: str) -> dict[str, int]:
    """Rows per snapshot id in a lake table, read with SQL (not through Store.read)."""
    cur = store.cursor()
    try:
        return dict(cur.execute(f"select snapshot_id, count(*) from lake.{table} group by snapshot_id").fetchall())
    finally:
        cur.close()


def check_whole(store: Store, metas=None) -> dict:
    """Each snapshot of `metas` (default: every listed one) is whole, and the
    lake's tables hold rows of listed snapshots only, as many as each counts;
    the listing, by id.

    Whole: one read of the tables its metadata counts rows of gives those
    counts and its recorded content hash. That is what `verify` checks, but
    `verify` reads every table of a snapshot, also the ones it counts no rows
    of (15-40 ms each: DuckLake keeps no statistics of a table that never held
    a row); here one count per table, over every snapshot, shows that those
    hold no row of it. The listing is read after the counts: a commit in
    between adds to it."""
    from portfolio.model import schema
    from portfolio.store.meta import content_hash

    for meta in store.list() if metas is None else metas:
        read = store.read(meta.snapshot_id)
        assert set(read) == set(schema.TABLE_NAMES), meta.snapshot_id
        counted = {k: t.num_rows for k, t in read.items() if t.num_rows or not schema.TABLES[k].is_later}
        assert counted == meta.row_counts, meta.snapshot_id
        assert content_hash(read) == meta.content_hash, meta.snapshot_id
    in_lake = {name: lake_counts(store, name) for name in schema.TABLE_NAMES}
    listed = {m.snapshot_id: m for m in store.list()}
    for name, counts in in_lake.items():
        assert set(counts) <= set(listed), (name, sorted(set(counts) - set(listed)))
        for snapshot_id, n in counts.items():
            assert n == listed[snapshot_id].row_counts.get(name, 0), (name, snapshot_id)
    return listed


def copy_store(source: Path, target: Path) -> Path:
    """A writable copy of a store folder, without copying in its snapshots
    again: the source's lake (made first when missing), its catalog copied
    with SQLite's backup (a consistent copy, whoever reads the source), then
    its data files (only ever added, so every file the copy points to is
    there), and the folder-layout snapshots beside it."""
    import sqlite3

    from portfolio.store import lake

    Store(source).list()
    place, copy = lake.embedded(source), lake.embedded(target)
    copy.catalog_file.parent.mkdir(parents=True)
    src, dst = sqlite3.connect(place.catalog_file), sqlite3.connect(copy.catalog_file)
    try:
        src.backup(dst)
    finally:
        src.close()
        dst.close()
    shutil.copytree(place.data_path, copy.data_path)
    if (source / "snapshots").exists():
        shutil.copytree(source / "snapshots", target / "snapshots")
    for path in target.rglob("*"):
        path.chmod(0o755 if path.is_dir() else 0o644)
    return target


def lake_file(store: Store, table: str, snapshot_id: str) -> Path:
    """The data file holding one snapshot's rows of a table (each commit writes its own)."""
    import duckdb

    for path in existing_files(store.root / "lake" / "data" / "main" / table, "*.parquet"):
        ids = duckdb.execute("select distinct snapshot_id from read_parquet($path)", {"path": str(path)}).fetchall()
        if ids == [(snapshot_id,)]:
            return path
    raise LookupError(f"no data file of {table} holds only {snapshot_id}")


LARGE = dict(initiatives=3000, snapshots=4, seed=7)


@pytest.fixture(scope="session")
def large_data(tmp_path_factory) -> Path:
    """Generated data at a scale that makes slow code show: 3 000 initiatives × 4
    snapshots. Generated once per test run and shared: with pytest-xdist every
    worker is its own session, so the first worker generates it (under a file
    lock) into the run's common folder and the others wait for the lock and
    reuse it. Read-only: a test that writes copies it first."""
    from tools import generate

    shared = _run_folder(tmp_path_factory)
    out = shared / "large" / "data"
    with _exclusive(shared / "large.lock"):
        if not out.exists():
            building = shared / f"large.building-{os.getpid()}"
            shutil.rmtree(building, ignore_errors=True)
            generate.write_generated(building / "data", **LARGE)
            building.rename(out.parent)  # whole, or not at all
    return out


def _run_folder(tmp_path_factory) -> Path:
    """A folder of this test run that all xdist workers share (each worker's
    basetemp is inside it); without xdist, the session's own basetemp."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


@contextlib.contextmanager
def _exclusive(lock_path: Path):
    """An exclusive lock on a file, held while the block runs (waits for it)."""
    with open(lock_path, "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def existing_files(folder: Path, pattern: str) -> list[Path]:
    """`folder.glob(pattern)`, sorted, failing when nothing is found: a check
    over a folder that was renamed must fail, not silently check nothing."""
    files = sorted(Path(folder).glob(pattern))
    assert files, f"no files match {pattern} in {folder}"
    return files


# -- kill -9 at random moments, reproducibly ---------------------------------------------

SEED_ENV = "PORTFOLIO_TEST_SEED"
DEFAULT_SEED = 2026


def kill_seed() -> int:
    """The seed of the kill -9 tests' random moments: PORTFOLIO_TEST_SEED, or a
    fixed default. Printed in the session header and by each test."""
    return int(os.environ.get(SEED_ENV) or DEFAULT_SEED)


@pytest.fixture()
def kill_rng(request) -> random.Random:
    """A random source for kill -9 moments, from the printed seed."""
    seed = kill_seed()
    print(f"kill -9 moments from seed {seed}; reproduce with {SEED_ENV}={seed} pytest '{request.node.nodeid}'")
    return random.Random(seed)


def kill_9_after(proc: subprocess.Popen, seconds: float) -> bool:
    """Let `proc` run for `seconds` (less if it ends by itself), then kill -9 it.
    True if it was killed, False if it had already ended."""
    try:
        proc.wait(timeout=seconds)
        return False
    except subprocess.TimeoutExpired:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        return True


def pytest_report_header(config):
    return f"kill -9 tests: seed {kill_seed()} (set {SEED_ENV} to choose another)"


# -- browser tests: one server on the demo data per process ------------------------------

@pytest.fixture(scope="session")
def demo_app() -> str:
    """dashboard.py on the demo data (read-only), shared by the browser tests
    of this process that only read; a test that writes starts its own server
    on a copy (tests/browser.py streamlit_server)."""
    from browser import streamlit_server

    with streamlit_server("dashboard.py", DEMO_DATA, today=DEMO_TODAY.isoformat()) as url:
        yield url


@pytest.fixture(scope="session")
def large_app(large_data) -> str:
    """dashboard.py on the large generated data (read-only), shared like demo_app."""
    from browser import streamlit_server

    with streamlit_server("dashboard.py", large_data, today=DEMO_TODAY.isoformat()) as url:
        yield url


@pytest.fixture(scope="session")
def public_demo_app() -> str:
    """public.py on the demo data (read-only), shared like demo_app."""
    from browser import streamlit_server

    with streamlit_server("public.py", DEMO_DATA, today=DEMO_TODAY.isoformat()) as url:
        yield url


# Modules whose tests are marked here until the module marks itself:
# bench/run.py --smoke generates data and measures a first paint in Chromium;
# bench/scaling.py --smoke generates four data sets and times three pages in
# subprocesses (20 s: a tenth of `make test-fast`, for code that only the
# benchmarks run).
MODULE_MARKS = {"test_bench.py": ("browser", "slow"), "test_scaling.py": ("slow",)}


def pytest_collection_modifyitems(config, items):
    """Markers from what a test uses (make test-fast leaves both out): large
    generated data or kill -9 at random moments is `slow`; a shared app
    server is `browser`."""
    for item in items:
        fixtures = set(getattr(item, "fixturenames", ()))
        if fixtures & {"large_data", "kill_rng"}:
            item.add_marker(pytest.mark.slow)
        if fixtures & {"demo_app", "large_app", "public_demo_app"}:
            item.add_marker(pytest.mark.browser)
        for name in MODULE_MARKS.get(item.path.name, ()):
            item.add_marker(getattr(pytest.mark, name))
    # the longest modules first, each whole (its tests in their order, so a
    # module's fixtures are set up once), so that no worker ends the run alone
    # in one of them while the other has nothing left to take
    first = {name: rank for rank, name in enumerate(LONGEST_MODULES)}
    items.sort(key=lambda item: first.get(item.path.name, len(first)))


# Modules whose tests take 20-50 s each (the benchmarks' smoke runs, the two
# servers behind one store, the scale-out store's servers and kill -9, the load
# client): started first. Reordering single tests instead, across modules, set
# module fixtures up again and again (commit 4315b36).
LONGEST_MODULES = ("test_bench.py", "test_replicas.py", "test_scaling.py", "test_store_scaleout.py",
                   "test_load_protocol.py")


def pytest_sessionfinish(session, exitstatus):
    browser = sys.modules.get("browser")
    if browser is not None:
        browser.close_shared_browser()


# -- how busy the machine was (issue 23: is the suite bound by the cores?) -------------------

def machine_cpu() -> tuple[float, float]:
    """(busy, total) jiffies of every core since boot, from /proc/stat (idle and
    iowait are not busy; guest time is counted in user time already)."""
    with open("/proc/stat") as stat:
        fields = [int(v) for v in stat.readline().split()[1:9]]  # user … steal
    idle = fields[3] + fields[4]
    return sum(fields) - idle, sum(fields)


def pytest_sessionstart(session):
    if not hasattr(session.config, "workerinput"):  # the controller, or a run without workers
        session.config.stash[CPU_AT_START] = machine_cpu()


def cpu_summary(busy: float, total: float, cores: int, jiffies_per_s: int) -> str:
    """How busy the cores were, and the CPU time used: the work of the run
    in core-seconds, which no schedule on `cores` cores finishes faster than
    divided by `cores` (the suite's floor on this machine, whatever runs the
    tests in parallel)."""
    seconds = busy / jiffies_per_s
    return (f"machine's cores busy during the run: {100 * busy / total:.0f} % of {cores}; "
            f"{seconds:.0f} CPU-seconds in all, at least {seconds / cores:.0f} s of wall time on {cores} cores "
            "(everything on the machine, not only the tests)")


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    start = config.stash.get(CPU_AT_START, None)
    if start is None:
        return
    busy, total = (now - then for now, then in zip(machine_cpu(), start, strict=True))
    if total:
        terminalreporter.write_line(cpu_summary(busy, total, os.cpu_count(), os.sysconf("SC_CLK_TCK")))


# Pages registered with a url_path other than their file's name («Samhandling»: /samhandling)
NAMED_PAGES = {"views/collaboration.py"}


def open_app_page(page: str, **params):
    """Run dashboard.py under AppTest on `page` with the given URL parameters."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
    if page in NAMED_PAGES:
        at.run()  # before a first run AppTest finds a page by its file name, not its url_path
    at.switch_page(page)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    return at


@pytest.fixture()
def data_env(monkeypatch):
    """Point the app at a data folder (and a fixed today) for in-process AppTests."""

    def use(path: Path, today: dt.date = DEMO_TODAY) -> None:
        monkeypatch.setenv("PORTFOLIO_DATA", str(path))
        monkeypatch.setenv("PORTFOLIO_TODAY", today.isoformat())

    return use


def pytest_configure(config):
    # AppTest reads .streamlit/config.toml from the working directory
    os.chdir(ROOT)
    os.environ.setdefault("PYTHONPATH", str(ROOT))
    from apptest_setup import scan_components_once

    scan_components_once()  # 0.4 s less for every new AppTest


# -- the command line in this process ----------------------------------------------------

def run_portfolio(*args: str, env: dict[str, str | None]) -> subprocess.CompletedProcess:
    """`python -m portfolio ARGS` run in this process (portfolio.cli.main, as
    `__main__` calls it), with `env` set in os.environ for the call and the
    output captured: what the command prints and its exit code, without the
    seconds a new interpreter takes to start. tests/test_cli.py runs the real
    subprocess, so the entry point itself stays tested."""
    import io
    from contextlib import redirect_stderr, redirect_stdout

    from portfolio import cli

    saved = {name: os.environ.get(name) for name in env}
    out, err = io.StringIO(), io.StringIO()
    for name, value in env.items():  # None: not set for the call
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value
    try:
        with redirect_stdout(out), redirect_stderr(err):
            try:
                code = cli.main(list(args))
            except SystemExit as exit_:  # argparse: a usage error
                code = exit_.code if isinstance(exit_.code, int) else 1
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
    return subprocess.CompletedProcess(["portfolio", *args], code, out.getvalue(), err.getvalue())


def cli_in_process(*args: str, data=None) -> subprocess.CompletedProcess:
    """tests/test_cli.py's `cli` (PORTFOLIO_DATA from `data`), run in this process."""
    return run_portfolio(*args, env={} if data is None else {"PORTFOLIO_DATA": str(data)})
