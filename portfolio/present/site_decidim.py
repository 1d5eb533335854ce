"""The static site's «Følg arbeidet i Decidim» on an initiative's page: what
the initiative's card on the Streamlit public page shows
(portfolio.present.public_decidim, made from the public projection only),
in the same words, as the template draws it (initiative.html): the sentence,
a table of the results (each title a link back to the result on Decidim, its
progress as text with a bar beside it that only repeats the text, its status
in words; the page's own column of links «Åpne i Decidim» would not fit a
phone's screen beside them) and what is not listed.

Text from the data stays plain text (the templates escape it) or goes
through `fmt.html`; a link is kept only when it is a web address (http or
https: public_decidim.result_rows).
"""

from __future__ import annotations

import dataclasses

from markupsafe import Markup

from portfolio import fmt
from portfolio.present import decidim_words, public_decidim
from portfolio.texts import decidim_pages as D
from portfolio.texts import site as S


@dataclasses.dataclass(frozen=True)
class Result:
    """One result in the table: plain text (escaped by the template)."""

    title: str
    progress: str  # "70 %", or S.DECIDIM_NO_PROGRESS
    bar: int | None  # the bar's length, 0–100; None without progress
    status: str  # as Decidim names it, lower case, or D.PUBLIC_STATUS_UNKNOWN
    url: str | None  # http(s) only


@dataclasses.dataclass(frozen=True)
class Section:
    """An initiative's results on Decidim, on its page."""

    sentence: Markup
    caption: str
    results: list[Result]
    more: Markup | None  # «… og 3 til.»
    others: Markup | None  # its proposals, budget projects and meetings, counted


def section(card: public_decidim.CardDecidim | None, name: str) -> Section | None:
    """The page's section of the card of the initiative named `name`."""
    if card is None:
        return None
    table = card.table
    results = [_result(title, progress, status, url) for title, progress, status, url in zip(
        table[D.COL_TITLE], table[D.COL_PROGRESS], table[D.COL_STATUS], table[D.COL_LINK], strict=True)]
    return Section(
        sentence=fmt.html(card.sentence),
        caption=D.PUBLIC_TABLE_LABEL.format(name=name),
        results=results,
        more=fmt.html(fmt.markdown(D.PUBLIC_MORE, count=fmt.number(card.more))) if card.more else None,
        others=fmt.html(card.others) if card.others else None,
    )


def _result(title, progress, status, url) -> Result:
    known = not fmt.missing(progress)
    return Result(
        title=str(title) if isinstance(title, str) else "",
        progress=decidim_words.percent(progress) if known else S.DECIDIM_NO_PROGRESS,
        bar=round(min(max(float(progress), 0.0), 100.0)) if known else None,
        status=str(status),
        url=decidim_words.safe_url(url),
    )
