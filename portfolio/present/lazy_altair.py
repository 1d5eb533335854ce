"""Altair, imported when a chart is first built rather than when a module
that builds charts is imported.

Importing altair takes about as long as importing pandas. Every page draws
charts, but most commands of the command line (`snapshots`, `diff`,
`import`, `validate`, …) never do, and they start that much sooner. Use as
`from portfolio.present.lazy_altair import alt`; `alt.Chart`, `alt.X` and the
rest are altair's own objects.
"""

from __future__ import annotations

import importlib
from types import ModuleType

from portfolio.present import chart_values


def _altair() -> ModuleType:
    """altair, with its validation of each schema object as it is made turned
    off (its "debug mode": a JSON Schema check of every encoding, scale and
    locale, 10–15 ms of a chart's build; the pages build specs unvalidated
    anyway, charts.spec). tests/test_charts.py validates every spec drawn.
    Its data transformer is portfolio.present.chart_values' (the same rows,
    made faster)."""
    module: ModuleType = importlib.import_module("altair")
    if module.utils.schemapi.DEBUG_MODE:
        module.utils.schemapi.disable_debug_mode()
    if module.data_transformers.active != chart_values.NAME:
        module.data_transformers.register(chart_values.NAME, chart_values.transformer)
        module.data_transformers.enable(chart_values.NAME)
    return module


class _Altair:
    def __getattr__(self, name: str) -> object:
        return getattr(_altair(), name)


alt = _Altair()
