"""Words and columns the pages' Decidim sections share (portfolio.present.decidim
for the internal pages, portfolio.present.public_decidim for the public page):
nothing here reads a store, so the public app may import it."""

from __future__ import annotations

from portfolio import fmt
from portfolio.present.columns import Columns
from portfolio.texts import decidim_pages as T

DONE = 100
KINDS = ("projects", "proposals", "meetings")


def safe_url(value) -> str | None:
    """The address when it is a web address (http or https), else None."""
    if isinstance(value, str) and value.startswith(("https://", "http://")) and not any(c.isspace() for c in value):
        return value
    return None


def percent(value) -> str:
    """Progress 0–100 as Norwegian text, "70 %"."""
    return fmt.percent(float(value) / 100)


def status_word(status) -> str:
    """Decidim's status as it names it; «–» without one."""
    if isinstance(status, str) and status.strip():
        return status.strip()
    return T.NO_STATUS


def word_list(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} {T.AND} {parts[-1]}"


def kind_counts(counts: dict[str, int]) -> str:
    """«1 budsjettprosjekt, 2 forslag og 1 møte» (kinds with none left out)."""
    parts = [T.KIND_COUNT[k][0 if counts[k] == 1 else 1].format(count=fmt.number(counts[k]))
             for k in KINDS if counts.get(k)]
    return word_list(parts)


def result_columns() -> Columns:
    """The results: on a phone each title with its progress beside it; the
    status, the period, the category and the link on a laptop."""
    return Columns(
        progress=(T.COL_PROGRESS,),
        dates=(T.COL_PERIOD_START, T.COL_PERIOD_END),
        wide=(T.COL_TITLE,), pinned=(T.COL_TITLE,), medium=(T.COL_STATUS,),
        links={T.COL_LINK: T.LINK_TEXT},
        essential=(T.COL_TITLE, T.COL_PROGRESS),
        extra=(T.COL_CATEGORY,),
        wrap=(T.COL_TITLE,),
    )
