"""The choices of the portfolio filters in the sidebar (portfolio.web.ui.filter_widgets):
the kommunalområder and the programmes of the snapshot shown. Made once per
snapshot (through `ui.view`), so a rerun draws the filters without going
through the query's frame again."""

from __future__ import annotations

import dataclasses

from portfolio.query.context import SnapshotContext


@dataclasses.dataclass(frozen=True)
class Choices:
    areas: tuple[str, ...]
    programmes: dict[str, str]  # initiative id -> name, in the order of the names


def build_choices(ctx: SnapshotContext) -> Choices:
    """Use through `ui.view(build_choices, ctx)`: built once per snapshot."""
    options = ctx.query("filter_options")
    kinds, values, labels = (options[c].tolist() for c in ("kind", "value", "label"))
    return Choices(
        areas=tuple(v for k, v in zip(kinds, values, strict=True) if k == "area"),
        programmes={v: label for k, v, label in zip(kinds, values, labels, strict=True) if k == "programme"},
    )
