"""The change summary's sentences about Decidim (portfolio/present/change_summary.py
says how the summary is made): a result's progress and status, a proposal's
state, rows added to or removed from Decidim and other changes to them, and the
links from them to initiatives. Each names the row by its title. Every Decidim
change is at the level ``decidim`` (change_sentences.KIND_LEVEL).
"""

from __future__ import annotations

from portfolio.present.change_sentences import Row, Sentence, capped, labels, listing, of
from portfolio.present.change_words import field_label, format_value
from portfolio.texts import decidim as TD

LEVEL = "decidim"
S = TD.SENTENCES
ADDED = ("decidim_result_added", "decidim_project_added", "decidim_proposal_added", "decidim_meeting_added")
REMOVED = ("decidim_result_removed", "decidim_project_removed", "decidim_proposal_removed",
           "decidim_meeting_removed")
CHANGED = ("decidim_result_changed", "decidim_project_changed", "decidim_proposal_changed",
           "decidim_meeting_changed")


def _item(r: Row) -> str:
    return S["item"][r.table].format(title=r.title)


def _listed(found: list[Row], key: str, item=_item) -> list[Sentence]:
    if not found:
        return []
    return [Sentence(S[key].format(items=listing([item(r) for r in found])), LEVEL, labels(found))]


def sentences(rows: list[Row]) -> list[Sentence]:
    """Every sentence about the Decidim changes of one initiative's `rows`
    (for the changes of no initiative: Decidim's rows linked to none)."""
    progress = of(rows, "decidim_result_progress")
    status = of(rows, "decidim_result_status") + of(rows, "decidim_proposal_state")
    out = capped([S["progress"].format(title=r.title, old=format_value(r.field, r.old),
                                       new=format_value(r.field, r.new)) for r in progress],
                 progress, LEVEL, "more_decidim")
    out += capped([S["status"].format(item=_item(r), old=format_value(r.field, r.old),
                                      new=format_value(r.field, r.new)) for r in status], status, LEVEL, "more_decidim")
    out += _listed(of(rows, *ADDED), "added")
    out += _listed(of(rows, *REMOVED), "removed")
    out += _listed(of(rows, *CHANGED), "changed",
                   lambda r: S["changed_item"].format(item=_item(r), label=field_label(r.table, r.field)))
    out += _listed(of(rows, "decidim_link_added"), "linked", _link)
    out += _listed(of(rows, "decidim_link_removed"), "unlinked", _link)
    return out


def _link(r: Row) -> str:
    entity = r.facts.get("entity")
    return S["item"].get(f"decidim_{entity}", "«{title}»").format(title=r.title)
