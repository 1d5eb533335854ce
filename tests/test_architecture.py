"""The layering of the `portfolio` package (docs/architecture.md) holds:
imports go only downward, Streamlit stays in the web layer, pages draw through
web and present, and no module grows into a tangle again."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

from conftest import ROOT

MAX_LINES = 430  # "no module over ~400 lines": a hard cap a little above
FOUNDATION = ("portfolio.texts", "portfolio.fmt", "portfolio.config")
PAGE_LAYERS = ("portfolio.web", "portfolio.present", *FOUNDATION)


def _files(pattern: str) -> list[Path]:
    found = sorted(ROOT.glob(pattern))
    assert found, f"{pattern} matched no file"  # a glob that finds nothing checks nothing
    return found


def _imports(path: Path) -> list[str]:
    names = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            names += [node.module] + [f"{node.module}.{a.name}" for a in node.names]
        elif isinstance(node, ast.Import):
            names += [a.name for a in node.names]
    return names


def test_import_linter_contracts_are_kept():
    lint_imports = Path(sys.executable).parent / "lint-imports"  # installed by requirements-dev.txt
    result = subprocess.run([str(lint_imports), "--no-cache"], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert "broken" in result.stdout and "0 broken" in result.stdout


def test_streamlit_is_imported_only_at_the_edge():
    allowed = ("portfolio/web/",)
    for path in _files("portfolio/**/*.py"):
        rel = path.relative_to(ROOT).as_posix()
        if rel.startswith(allowed):
            continue
        assert not any(n == "streamlit" or n.startswith("streamlit.") for n in _imports(path)), rel


def test_pages_draw_through_web_and_present_only():
    for path in [*_files("views/*.py"), ROOT / "dashboard.py", ROOT / "public.py"]:
        for name in _imports(path):
            if name.startswith("portfolio."):
                assert name.startswith(PAGE_LAYERS), f"{path.name} imports {name}"


def test_the_package_never_imports_the_tools():
    for path in _files("portfolio/**/*.py"):
        assert not any(n == "tools" or n.startswith("tools.") for n in _imports(path)), path


def test_no_module_is_a_tangle():
    for path in [*_files("portfolio/**/*.py"), *_files("tools/*.py")]:
        lines = len(path.read_text(encoding="utf-8").splitlines())
        assert lines <= MAX_LINES, f"{path.relative_to(ROOT)} has {lines} lines"


def test_every_layer_has_its_folder():
    for layer in ("model", "store", "ingest", "query", "present", "web", "cli"):
        assert (ROOT / "portfolio" / layer / "__init__.py").exists(), layer
