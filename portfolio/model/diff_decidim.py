"""The change engine's part for the Decidim tables (issue 17): what changed
in the participation platform's results, budget projects, proposals and
meetings between two snapshots, and in the links from them to initiatives.
`compare` is called by portfolio/model/diff.py with both snapshots' tables
already normalised.

Every row added, removed or changed is reported; the kinds
(diff_change.DECIDIM_KINDS) say what it means: a result's progress moved
(``decidim_result_progress``, old and new in per cent) or its status changed
(``decidim_result_status``), a proposal's state (``decidim_proposal_state``),
a row added or removed (``decidim_<entity>_added``/``_removed``, the field is
its title), any other column (``decidim_<entity>_changed``); a link added or
removed (``decidim_link_added``/``_removed``, the field its decidim_id).

A Decidim row belongs to the initiative it is linked to (the first by id, in
the new snapshot's links, else the old one's), else to no initiative (""). Its
key is its decidim_id; its facts hold its title and url (a link's: the
entity and the title of the row it names), so that words name it by title.
"""

from __future__ import annotations

import pandas as pd

from portfolio.model import schema
from portfolio.model.diff_change import Change
from portfolio.model.diff_governance import _added_removed, _changed, _facts
from portfolio.model.diff_values import match

ENTITY_KIND = {"decidim_results": "result", "decidim_projects": "project", "decidim_proposals": "proposal",
               "decidim_meetings": "meeting"}
FACTS = ("title", "url")


def _linked(old: pd.DataFrame, new: pd.DataFrame) -> dict[tuple[str, int], str]:
    """(entity, decidim_id) → the first initiative linked to it: the new links', else the old ones'."""
    out: dict[tuple[str, int], str] = {}
    for links in (new, old):
        if not len(links):
            continue
        rows = sorted(zip(links["entity"], links["decidim_id"], links["initiative_id"], strict=True),
                      key=lambda r: str(r[2]))
        for entity, decidim_id, initiative in rows:
            out.setdefault((entity, int(decidim_id)), initiative)
    return out


def compare(old: dict[str, pd.DataFrame], new: dict[str, pd.DataFrame]) -> list[Change]:
    """Every change in the Decidim tables; `old` and `new` hold the normalised
    tables (diff_values.normalize) by name."""
    linked = _linked(old["decidim_links"], new["decidim_links"])
    changes: list[Change] = []
    for name, kind in ENTITY_KIND.items():
        changes += _entity(schema.TABLES[name], old[name], new[name], kind, linked)
    return changes + _links(old, new)


def _entity(table: schema.Table, old: pd.DataFrame, new: pd.DataFrame, kind: str,
            linked: dict[tuple[str, int], str]) -> list[Change]:
    entity = table.name.removeprefix("decidim_")
    removed, added, both = match(table, old, new)

    def facts(rows, suffix):
        return _facts(table, rows, suffix, FACTS)

    def initiatives(rows, _suffix):
        return [linked.get((entity, int(i)), "") for i in rows["decidim_id"].to_numpy(dtype=object)]

    def kind_of(field, _old, _new):
        if kind == "result" and field in ("progress", "status"):
            return f"decidim_result_{field}"
        if kind == "proposal" and field == "state":
            return "decidim_proposal_state"
        return f"decidim_{kind}_changed"

    return (_added_removed(table, removed, added, "title", (f"decidim_{kind}_added", f"decidim_{kind}_removed"),
                           facts, initiatives)
            + _changed(table, both, kind_of, facts, initiatives=initiatives))


def _links(old: dict[str, pd.DataFrame], new: dict[str, pd.DataFrame]) -> list[Change]:
    table = schema.DECIDIM_LINKS
    removed, added, _ = match(table, old["decidim_links"], new["decidim_links"])
    titles: dict[tuple[str, int], str] = {}
    for frames in (old, new):
        for name in ENTITY_KIND:
            rows = frames[name]
            entity = name.removeprefix("decidim_")
            titles.update(((entity, int(i)), t) for i, t in zip(rows["decidim_id"], rows["title"], strict=True))

    def facts(rows, _suffix):
        return [(("entity", e), ("title", titles.get((e, int(i)))))
                for e, i in zip(rows["entity"].to_numpy(dtype=object), rows["decidim_id"].to_numpy(dtype=object),
                                strict=True)]

    return _added_removed(table, removed, added, "decidim_id", ("decidim_link_added", "decidim_link_removed"), facts)
