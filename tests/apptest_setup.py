"""Set-up shared by everything that runs pages under Streamlit's AppTest
(the tests through conftest.py, and bench/run.py)."""

from __future__ import annotations

import functools


def scan_components_once() -> None:
    """Every new AppTest looks for Streamlit components in every installed
    package (the metadata of about 110 distributions parsed: 0.4 s, 90 % of
    a warm page run under AppTest). The packages do not change while tests
    or benchmarks run, so the scan's result is kept for the process: the same
    components are registered, found once. (A running server scans once at
    start; this is AppTest's cost alone.)"""
    from streamlit.components.v2 import manifest_scanner

    scan = manifest_scanner.scan_component_manifests
    if not hasattr(scan, "cache_info"):
        manifest_scanner.scan_component_manifests = functools.cache(scan)
