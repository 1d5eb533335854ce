"""The benchmark suite runs (tiny sizes): `make bench` is the real run."""

import json
import subprocess
import sys

from conftest import ROOT


def test_bench_smoke_run_writes_every_measure(tmp_path):
    out = tmp_path / "results.json"
    result = subprocess.run(
        [sys.executable, "bench/run.py", "--smoke", "--out", str(out)],
        cwd=ROOT, capture_output=True, text=True, timeout=600,
    )
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    report = json.loads(out.read_text())
    measures = [r["measure"] for r in report["results"]]
    assert any("large vs demo" in m for m in measures)
    assert any("snapshots vs 1" in m for m in measures) and any("snapshots vs 2" in m for m in measures)
    assert any("naive pandas" in m for m in measures)
    assert any(m.startswith("«Styring» vs «Oversikt»") for m in measures)  # issue 15
    assert any("first paint" in m for m in measures)
    assert any(m.startswith("startup:") for m in measures)  # issue 20
    assert any("memory" in m for m in measures)
    assert any("bare read" in m for m in measures)
    assert any(m.startswith("Excel template of a") for m in measures)  # issue 20: the download
    assert any(m.startswith("publish of") and "export-public" in m for m in measures)  # issue 19
    assert any(m.startswith("Decidim: read of a") for m in measures)  # issue 17
    assert all(isinstance(r["ratio"], float) for r in report["results"])
    assert all("previous" in r for r in report["results"])  # issue 20: the figure before, beside each
    assert not any("previous" in r["detail"] for r in report["results"])  # not nested in the text
    assert "cores" in report["machine"]
