"""Rules for the test suite itself, so that it never lies.

- No fixed waits: a test or helper waits for a condition that says the thing
  is ready (an element, a text, a marker the app sets), never for a number of
  milliseconds. `wait_for_timeout` is not used at all; `time.sleep` only inside
  the polling helper `browser.poll_until`, which checks a condition between
  short sleeps and gives up at a deadline. (A kill -9 at a random moment
  waits for the process with that moment as its deadline:
  `conftest.kill_9_after`.)
- No absolute wall-clock bound: a time is compared with another time measured
  in the same run (a baseline), never with a number of seconds, which a loaded
  machine exceeds. Absolute timings belong in bench/.
- Every glob a test uses to find files finds at least one file, so that a
  check over a renamed folder fails instead of silently checking nothing.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from conftest import ROOT, existing_files

TESTS = ROOT / "tests"

# (file, function) pairs where time.sleep is allowed, and why
SLEEP_ALLOWED = {
    ("browser.py", "poll_until"): "a polling loop: a condition checked every interval until a deadline",
}
# Known occurrences in files that are being changed by their owners: a polling
# loop with a deadline, to move to browser.poll_until and then leave this list.
# Nothing new may be added here.
PENDING: dict[tuple[str, str, str], str] = {}  # (file, function, call) -> why it is still there

FIXED_WAITS = {"sleep", "wait_for_timeout"}


def _called_name(call: ast.Call) -> str | None:
    func = call.func
    if isinstance(func, ast.Attribute):
        return func.attr
    if isinstance(func, ast.Name):
        return func.id
    return None


def fixed_waits(source: str) -> list[tuple[str, str, int]]:
    """(enclosing function, called name, line) of every sleep/wait_for_timeout call."""
    found = []

    def visit(node: ast.AST, function: str) -> None:
        for child in ast.iter_child_nodes(node):
            inner = child.name if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)) else function
            if isinstance(child, ast.Call) and _called_name(child) in FIXED_WAITS:
                found.append((function, _called_name(child), child.lineno))
            visit(child, inner)

    visit(ast.parse(source), "<module>")
    return found


def test_no_fixed_waits_in_tests_or_helpers():
    problems = []
    for path in existing_files(TESTS, "*.py"):
        for function, name, line in fixed_waits(path.read_text()):
            if name == "sleep" and (path.name, function) in SLEEP_ALLOWED:
                continue
            if (path.name, function, name) in PENDING:
                continue
            problems.append(f"tests/{path.name}:{line} {name}() in {function}(): wait for a condition instead")
    assert problems == [], "\n".join(problems)


def test_the_allowed_helpers_exist():
    for (file, function) in SLEEP_ALLOWED:
        tree = ast.parse((TESTS / file).read_text())
        assert function in {n.name for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)}, (file, function)


def test_the_wait_check_catches_what_it_looks_for():
    source = (
        "import time\n"
        "def helper(page):\n"
        "    page.wait_for_timeout(800)\n"
        "    def inner():\n"
        "        time.sleep(1)\n"
        "from time import sleep\n"
        "sleep(2)\n"
    )
    assert fixed_waits(source) == [
        ("helper", "wait_for_timeout", 3), ("inner", "sleep", 5), ("<module>", "sleep", 7)]


TIME_NAME = re.compile(r"elapsed|duration|seconds|_time$|_run$|^took$")


def absolute_time_bounds(source: str) -> list[tuple[str, int]]:
    """(name, line) of every comparison of a time-like name with a number."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Compare):
            continue
        operands = [node.left, *node.comparators]
        names = [o.id for o in operands if isinstance(o, ast.Name) and TIME_NAME.search(o.id)]
        numbers = [o for o in operands if isinstance(o, ast.Constant) and isinstance(o.value, (int, float))]
        if names and numbers:
            found.append((names[0], node.lineno))
    return found


def test_no_absolute_wall_clock_bounds():
    problems = [f"tests/{path.name}:{line} compares {name} with a number of seconds: compare with a baseline"
                for path in existing_files(TESTS, "*.py") for name, line in absolute_time_bounds(path.read_text())]
    assert problems == [], "\n".join(problems)


def test_the_time_check_catches_what_it_looks_for():
    assert absolute_time_bounds("assert elapsed < 60\nassert 5.0 > first_run") == [("elapsed", 1), ("first_run", 2)]
    assert absolute_time_bounds("assert elapsed < 2 * rows * baseline\nassert max(sizes) < 100") == []


def test_a_glob_that_finds_nothing_fails(tmp_path):
    (tmp_path / "a.py").write_text("")
    assert existing_files(tmp_path, "*.py") == [tmp_path / "a.py"]
    with pytest.raises(AssertionError, match="no files"):
        existing_files(tmp_path / "pages", "*.py")


def test_every_glob_over_the_project_in_tests_uses_existing_files():
    """A `ROOT / "folder"` that a test globs must exist: renaming a folder
    (pages/ became views/) must break the test, not empty it."""
    problems = []
    for path in existing_files(TESTS, "*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if not (isinstance(node, ast.Call) and _called_name(node) in ("glob", "rglob")
                    and isinstance(node.func, ast.Attribute)):
                continue
            folder = _root_relative(node.func.value)
            if folder is not None and not any((ROOT / folder).glob(_pattern(node))):
                problems.append(f"tests/{path.name}:{node.lineno} globs {folder}/{_pattern(node)}: no files")
    assert problems == [], "\n".join(problems)


def _pattern(call: ast.Call) -> str:
    arg = call.args[0] if call.args else None
    return arg.value if isinstance(arg, ast.Constant) and isinstance(arg.value, str) else "*"


def _root_relative(node: ast.AST) -> Path | None:
    """`ROOT / "a" / "b"` as Path("a/b"); None for anything else."""
    parts = []
    while isinstance(node, ast.BinOp) and isinstance(node.op, ast.Div):
        if not (isinstance(node.right, ast.Constant) and isinstance(node.right.value, str)):
            return None
        parts.append(node.right.value)
        node = node.left
    if isinstance(node, ast.Name) and node.id == "ROOT" and parts:
        return Path(*reversed(parts))
    return None


def test_apptest_looks_for_streamlit_components_once_per_process():
    """conftest.py keeps the result of AppTest's scan of every installed
    package (tests/apptest_setup.py): the same components, found once."""
    from streamlit.components.v2 import manifest_scanner

    scan = manifest_scanner.scan_component_manifests
    assert hasattr(scan, "cache_info")
    assert scan() is scan()


def test_the_run_reports_its_cpu_time_and_the_floor_it_sets():
    """The summary line of a run: the cores' busy share, the CPU time used,
    and the wall time no schedule on these cores can beat (issue 23)."""
    from conftest import cpu_summary, machine_cpu

    line = cpu_summary(busy=150_000, total=200_000, cores=2, jiffies_per_s=100)
    assert "75 % of 2" in line
    assert "1500 CPU-seconds in all, at least 750 s of wall time on 2 cores" in line
    busy, total = machine_cpu()
    assert 0 < busy <= total
    again = machine_cpu()
    assert again[0] >= busy and again[1] >= total
