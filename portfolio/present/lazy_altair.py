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


class _Altair:
    def __getattr__(self, name: str) -> object:
        module: ModuleType = importlib.import_module("altair")
        return getattr(module, name)


alt = _Altair()
