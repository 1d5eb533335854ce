"""The generated portfolio's Decidim tables (issue 17): results, budget
projects, proposals and meetings on the participation platform, and the links
from them to the initiatives that deliver them.

Built once as numpy arrays from the portfolio's state (tools/generate_portfolio.py),
then shown as they stood on each snapshot's day (`frames`):

- about 1 initiative in 4 has 1–3 results, 1 in 10 a budget project, 1 in 5
  a proposal and 1 in 10 a meeting, each linked to it; a tenth more of each
  are on Decidim without a link (not every Decidim row is an initiative's);
- a row shows from the day it is published on Decidim (in the year before
  the first snapshot or during the snapshots), its link from the same day;
- a result's progress grows with the share of its period gone (to 5 per
  cent), its status following: «Ikke startet» at 0, «Ferdig» at 100, «Under
  arbeid» between; so progress moves from snapshot to snapshot.

Draws from its own random stream (the same seed), so the other tables are
what they were without it.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from tools.generate_arrays import object_array, object_frame, vocab_take
from tools.generate_portfolio import Portfolio

HOST = "deltakristiansand.no"
URL = "https://" + HOST + "/processes/generert/f/{component}/{path}/{id}"
# per entity: share of initiatives linked, rows per linked initiative (choice of 1..len(p)), id offset,
# component, path
ENTITIES = {
    "results": (0.25, (0.5, 0.3, 0.2), 1_000_000, 31, "results"),
    "projects": (0.1, (1.0,), 2_000_000, 32, "budgets/1/projects"),
    "proposals": (0.2, (0.7, 0.3), 3_000_000, 33, "proposals"),
    "meetings": (0.1, (0.8, 0.2), 4_000_000, 34, "meetings"),
}
UNLINKED = 0.1  # rows without a link, as a share of the linked ones
CATEGORIES = ("Oppvekst", "Helse og mestring", "Innbyggerdialog", "Arbeid og inkludering", "Byutvikling", None)
TITLES = {
    "results": ("Nye møteplasser i bydelen", "Bedre informasjon på nett", "Flere tilbud til ungdom",
                "Kortere ventetid", "Felles kontaktperson for familier", "Opplæring av medarbeidere"),
    "projects": ("Grønn skolegård", "Utstyr til fritidsklubben", "Benker og lys i parken", "Lekeplass for alle"),
    "proposals": ("Åpen skolegård på kveldstid", "Flere sommerjobber for ungdom", "Bedre skilting til tjenestene",
                  "Innbyggerkafé i biblioteket"),
    "meetings": ("Åpent møte om planene", "Digitalt innspillsmøte", "Folkemøte i bydelen"),
}
STATES = ("accepted", "rejected", "evaluating", None)
ADDRESSES = ("Rådhusgata 18, 4611 Kristiansand", "Biblioteket", "Kulturhuset")


def _rows(rng: np.random.Generator, n: int, share: float, per: tuple[float, ...]) -> np.ndarray:
    """The initiative of each row (-1: not linked)."""
    linked = np.flatnonzero(rng.random(n) < share)
    count = rng.choice(len(per), len(linked), p=per) + 1
    owners = np.repeat(linked, count)
    return np.concatenate([owners, np.full(round(len(owners) * UNLINKED), -1)])


def _ints(values: np.ndarray, missing: np.ndarray | None = None) -> pd.arrays.IntegerArray:
    values = np.asarray(values, dtype=np.int64)
    return pd.arrays.IntegerArray(values, np.zeros(len(values), bool) if missing is None else missing)


class Decidim:
    """The Decidim tables' state (static: rows show as their days come, progress follows the day)."""

    def __init__(self, p: Portfolio, seed: int, first_day: int, last_day: int):
        rng = np.random.default_rng([seed, 3])
        self.owner: dict[str, np.ndarray] = {}
        self.shown: dict[str, np.ndarray] = {}
        self.pick: dict[str, np.ndarray] = {}
        for entity, (share, per, _, _, _) in ENTITIES.items():
            owner = self.owner[entity] = _rows(rng, p.n, share, per)
            m = len(owner)
            self.shown[entity] = first_day - 365 + np.floor(rng.random(m) * (last_day - first_day + 366)).astype(np.int64)
            self.pick[entity] = rng.integers(0, 1 << 20, (m, 4))
        m = len(self.owner["results"])
        self.r_start = self.shown["results"] - rng.integers(0, 120, m)
        self.r_end = self.r_start + rng.integers(90, 900, m)
        self.budget = rng.integers(5, 200, len(self.owner["projects"])) * 10_000
        self.votes = rng.integers(0, 500, len(self.owner["projects"]))
        self.support = rng.integers(0, 300, (len(self.owner["proposals"]), 2))
        self.attendees = rng.integers(5, 150, len(self.owner["meetings"]))

    def _common(self, entity: str, shown: np.ndarray) -> dict:
        _, _, offset, component, path = ENTITIES[entity]
        ids = offset + shown
        pick = self.pick[entity].take(shown, axis=0)
        return {
            "category": vocab_take(list(CATEGORIES), pick[:, 0] % len(CATEGORIES)),
            "scope": object_array([None] * len(shown)),
            "component_id": _ints(np.full(len(shown), component)),
            "host": object_array([HOST] * len(shown)),
            "url": object_array([URL.format(component=component, path=path, id=i) for i in ids.tolist()]),
        }

    def _title(self, entity: str, shown: np.ndarray) -> np.ndarray:
        titles = TITLES[entity]
        pick = self.pick[entity].take(shown, axis=0)[:, 1]
        return object_array([f"{titles[k % len(titles)]} ({i})" for k, i in zip(pick.tolist(), shown.tolist(),
                                                                                strict=True)])

    def frames(self, p: Portfolio, today: int) -> dict[str, pd.DataFrame]:
        shown = {entity: np.flatnonzero(self.shown[entity] <= today) for entity in ENTITIES}
        out = {"decidim_links": self._links(p, shown)}
        r = shown["results"]
        start, end = self.r_start.take(r), self.r_end.take(r)
        progress = np.clip(np.round((today - start) / (end - start) * 20) * 5, 0, 100).astype(float)
        status = np.where(progress >= 100, "Ferdig", np.where(progress <= 0, "Ikke startet", "Under arbeid"))
        out["decidim_results"] = object_frame({
            "decidim_id": ENTITIES["results"][2] + r, "parent_id": _ints(np.zeros(len(r)), np.ones(len(r), bool)),
            "title": self._title("results", r), "start_date": p.dates.take(start), "end_date": p.dates.take(end),
            "status": status.astype(object), "progress": progress, **self._common("results", r)})
        j = shown["projects"]
        out["decidim_projects"] = object_frame({
            "decidim_id": ENTITIES["projects"][2] + j, "title": self._title("projects", j),
            "budget_amount": _ints(self.budget.take(j)), "confirmed_votes": _ints(self.votes.take(j)),
            **self._common("projects", j)})
        q = shown["proposals"]
        support = self.support.take(q, axis=0)
        states = self.pick["proposals"].take(q, axis=0)[:, 2] % len(STATES)
        out["decidim_proposals"] = object_frame({
            "decidim_id": ENTITIES["proposals"][2] + q, "title": self._title("proposals", q),
            "state": vocab_take(list(STATES), states), "endorsements": _ints(support[:, 0]),
            "votes": _ints(support[:, 1]), "published_on": p.dates.take(self.shown["proposals"].take(q)),
            **self._common("proposals", q)})
        g = shown["meetings"]
        day = p.dates.take(self.shown["meetings"].take(g) + 30)
        online = self.pick["meetings"].take(g, axis=0)[:, 2] % 3 == 0
        held = self.shown["meetings"].take(g) + 30 <= today
        out["decidim_meetings"] = object_frame({
            "decidim_id": ENTITIES["meetings"][2] + g, "title": self._title("meetings", g),
            "starts_at": object_array([f"{d.isoformat()} 18:00" for d in day]),
            "ends_at": object_array([f"{d.isoformat()} 20:00" for d in day]),
            "address": np.where(online, None, vocab_take(list(ADDRESSES), self.pick["meetings"].take(g, axis=0)[:, 3]
                                                        % len(ADDRESSES))).astype(object),
            "is_online": online, "attendees": _ints(self.attendees.take(g), ~held),
            **self._common("meetings", g)})
        return out

    def _links(self, p: Portfolio, shown: dict[str, np.ndarray]) -> pd.DataFrame:
        parts = []
        for entity, rows in shown.items():
            owners = self.owner[entity].take(rows)
            linked = rows[owners >= 0]
            parts.append((entity, ENTITIES[entity][2] + linked, p.ids.take(self.owner[entity].take(linked))))
        return object_frame({
            "entity": object_array([e for e, ids, _ in parts for _ in range(len(ids))]),
            "decidim_id": np.concatenate([ids for _, ids, _ in parts]).astype(np.int64),
            "initiative_id": object_array([i for _, _, owners in parts for i in owners]),
        })
