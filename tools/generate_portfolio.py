"""The generated portfolio's state: the columns that never change, built once
as numpy arrays, and the weekly change (`Portfolio.advance`) of statuses,
phases, milestones and spend. `tools/generate_tables.py` turns the state into
one snapshot's tables."""

from __future__ import annotations

import numpy as np

from portfolio.model import schema
from tools.generate_arrays import (
    Dates,
    lists,
    object_array,
    sample,
    vocab_take,
    weighted_order,
    year_start,
    years_of,
)
from tools.generate_words import (
    AREA_SLUGS,
    AREA_WEIGHTS,
    AREAS,
    BP_TITLES,
    BUDGET_NOTES,
    CHILD_SHARE,
    FIRST_NAMES,
    FUNDING_SOURCES,
    FUNDING_WEIGHTS,
    GOALS,
    INITIATIVES_PER_MUNICIPALITY,
    LAST_NAMES,
    MILESTONE_NOTES,
    MILESTONE_TITLES,
    OTHER_KIND_WEIGHTS,
    OTHER_KINDS,
    PARTNERS,
    PROGRAMME_SHARE,
    PROGRAMMES,
    QUALIFIERS,
    STATUS_P_IDEA,
    STATUS_P_NORMAL,
    STATUS_P_TROUBLED,
    TOPICS,
    WEEKLY_MOVE,
    municipality_names,
    slugify,
    status_transitions,
)


class Portfolio:
    """The generated portfolio: static columns plus the state that changes weekly."""

    def __init__(self, n: int, seed: int, first_day: int, last_day: int):
        rng = self.rng = np.random.default_rng(seed)
        self.n = n
        self.dates = Dates()
        t0 = first_day
        # start dates are spread around the middle of the period, so that the
        # portfolio has every phase both in the first and in the last snapshot
        anchor = (first_day + last_day) // 2

        # -- municipalities, areas, programmes ------------------------------
        m_count = int(np.clip(round(n / INITIATIVES_PER_MUNICIPALITY), 1, 350))
        munis = municipality_names(m_count, rng)
        muni_weights = rng.lognormal(0.0, 0.8, m_count)
        muni = np.sort(rng.choice(m_count, size=n, p=muni_weights / muni_weights.sum()))
        area = rng.choice(len(AREAS), size=n, p=np.asarray(AREA_WEIGHTS) / sum(AREA_WEIGHTS))
        is_prog = rng.random(n) < PROGRAMME_SHARE

        prog_idx = np.flatnonzero(is_prog)  # sorted by municipality, as muni is sorted
        prog_muni = muni[prog_idx]
        first = np.searchsorted(prog_muni, muni, side="left")
        count = np.searchsorted(prog_muni, muni, side="right") - first
        wants = (~is_prog) & (count > 0) & (rng.random(n) < CHILD_SHARE)
        pick = first + np.floor(rng.random(n) * np.maximum(count, 1)).astype(np.int64)
        parent = np.where(wants, prog_idx[np.minimum(pick, max(len(prog_idx) - 1, 0))] if len(prog_idx) else -1, -1)
        has_parent = parent >= 0
        # most initiatives in a programme belong to the programme's area
        same_area = has_parent & (rng.random(n) < 0.6)
        area = np.where(same_area, area[np.maximum(parent, 0)], area)

        # -- names and ids --------------------------------------------------
        topic_u = rng.random(n)
        qualifier = rng.integers(0, len(QUALIFIERS), n)
        names, ids = [], []
        for i in range(n):
            a, m = AREAS[area[i]], munis[muni[i]]
            if is_prog[i]:
                name = f"{PROGRAMMES[a]} i {m}"
                slug = f"program-{AREA_SLUGS[area[i]]}-{slugify(m)}-{i + 1}"
            else:
                topics = TOPICS[a]
                topic = topics[int(topic_u[i] * len(topics))]
                joiner = " – " if " i " in topic else " i "
                name = f"{topic}{joiner}{m}{QUALIFIERS[qualifier[i]]}"
                short = "-".join(slugify(topic).split("-")[:3])
                slug = f"{short}-{slugify(m)}-{i + 1}"
            names.append(name)
            ids.append(slug)
        self.ids = object_array(ids)
        self.names = object_array(names)
        self.parent = parent
        self.is_prog = is_prog
        self.parent_ids = object_array([*list(self.ids), None]).take(np.where(has_parent, parent, -1))
        area_labels = [[f"{m} – {a}" for a in AREAS] for m in munis]
        self.owner_area = object_array([area_labels[mu][ar] for mu, ar in zip(muni.tolist(), area.tolist(), strict=False)])

        collab_count = rng.choice(3, size=n, p=(0.45, 0.4, 0.15))
        collab_order = weighted_order(rng, n, AREA_WEIGHTS)
        self.collaborating = object_array(
            [
                [area_labels[mu][j] for j in order if j != ar][:c]
                for mu, ar, order, c in zip(muni.tolist(), area.tolist(), collab_order.tolist(), collab_count.tolist(), strict=False)
            ]
        )

        people = [f"{first} {last}" for first in FIRST_NAMES for last in LAST_NAMES]
        owner_of = rng.integers(0, len(people), (m_count, len(AREAS)))  # one leader per area
        self.project_owner = vocab_take(people, owner_of[muni, area])
        leader = rng.integers(0, len(people), n)
        self.project_leader = vocab_take([*people, None], np.where(rng.random(n) < 0.1, -1, leader))

        self.focus = lists(
            weighted_order(rng, n, (0.5, 0.3, 0.2)), rng.choice((1, 2, 3), n, p=(0.6, 0.33, 0.07)),
            schema.FOCUS_AREAS,
        )
        self.targets = lists(
            weighted_order(rng, n, (1, 1, 0.5, 0.7, 0.6)), rng.choice(3, n, p=(0.3, 0.5, 0.2)),
            schema.TARGET_GROUPS,
        )
        self.partners = lists(
            weighted_order(rng, n, np.linspace(1.0, 0.3, len(PARTNERS))),
            rng.choice(4, n, p=(0.35, 0.35, 0.2, 0.1)), PARTNERS,
        )

        # -- timeline: start, planned end, decision points ------------------
        start = anchor - rng.integers(-90, 4 * 365, n)
        duration = rng.integers(365, 6 * 365, n)
        start = np.where(is_prog, start - rng.integers(180, 720, n), start)
        duration = np.where(is_prog, duration + rng.integers(365, 3 * 365, n), duration)
        if has_parent.any():  # an initiative starts no earlier than its programme
            start = np.where(has_parent, np.maximum(start, start[np.maximum(parent, 0)]), start)
        self.start = start
        self.planned_end = start + duration
        self.no_end = rng.random(n) < 0.3  # no end date while still an idea
        fractions = np.clip(
            np.array([0.06, 0.18, 0.3, 0.85, 1.0]) + rng.normal(0, 0.03, (n, 5)), 0.0, 1.05
        )
        fractions = np.maximum.accumulate(fractions, axis=1)
        self.bp_planned = start[:, None] + np.round(fractions * duration[:, None]).astype(np.int64)
        delay = rng.exponential(14, (n, 5)) + (rng.random((n, 5)) < 0.1) * rng.integers(30, 180, (n, 5))
        self.bp_passed = np.maximum.accumulate(self.bp_planned + delay.astype(np.int64), axis=1)
        phase0 = (self.bp_passed <= t0).sum(axis=1)

        # -- budgets --------------------------------------------------------
        n_years = rng.choice((2, 3), n)
        n_sources = rng.choice((1, 2, 3), n, p=(0.25, 0.5, 0.25))
        rows_per = n_years * n_sources
        b_init = np.repeat(np.arange(n), rows_per)
        within = np.arange(len(b_init)) - np.repeat(np.cumsum(rows_per) - rows_per, rows_per)
        first_year = np.clip(years_of(start), 2024, 2025)
        b_year = first_year[b_init] + within // n_sources[b_init]
        source_order = weighted_order(rng, n, FUNDING_WEIGHTS)
        b_source = source_order[b_init, within % n_sources[b_init]]
        size = rng.lognormal(np.log(1_200_000), 0.9, n) * np.where(is_prog, 4.0, 1.0)
        share = rng.uniform(0.3, 1.0, len(b_init))
        budget = np.maximum(np.round(size[b_init] * share / 10_000) * 10_000, 50_000).astype(np.int64)
        overruns = rng.random(n) < 0.1
        ratio = np.where(
            overruns[b_init], rng.normal(1.18, 0.08, len(b_init)), rng.normal(0.9, 0.05, len(b_init))
        )
        self.b_init = b_init
        self.b_year = b_year.astype(np.int64)
        self.b_year_start = year_start(self.b_year)
        self.b_year_days = year_start(self.b_year + 1) - self.b_year_start
        self.b_source = vocab_take(list(FUNDING_SOURCES), b_source)
        self.b_budget = budget
        self.b_ratio = np.clip(ratio, 0.2, 2.0)
        self.b_shape = rng.uniform(0.8, 1.6, len(b_init))  # how spend accrues through the year
        self.b_future_forecast = rng.random(len(b_init)) < 0.5
        self.b_note = vocab_take(
            [*list(BUDGET_NOTES), None],
            np.where(rng.random(len(b_init)) < 0.1, rng.integers(0, len(BUDGET_NOTES), len(b_init)), -1),
        )
        self.b_ids = self.ids.take(b_init)

        # -- statuses -------------------------------------------------------
        troubled = rng.random(n) < 0.15
        probs = np.where(troubled[:, None], STATUS_P_TROUBLED, STATUS_P_NORMAL)
        probs = np.where((phase0 == 0)[:, None], STATUS_P_IDEA, probs)
        self.status = sample(rng, probs, (n, 5))
        budget_probs = np.array([(0.2, 0.5, 0.3, 0.0)])
        over_budget = sample(rng, budget_probs, (n,))
        budget_dim = schema.STATUS_DIMENSIONS.index("budget")
        self.status[:, budget_dim] = np.where(overruns, over_budget, self.status[:, budget_dim])
        self.comment_pick = rng.integers(0, 1 << 20, (n, 5))
        self.summary_pick = rng.integers(0, 1 << 20, n)
        self.phase = phase0
        self._transitions = status_transitions()

        # -- public ---------------------------------------------------------
        self.public0 = rng.random(n) < 0.15
        self.goes_public = rng.random(n) < 0.25  # when execution (Gjennomføre) starts
        self.summary_draft = rng.random(n) < 0.05
        goal = [GOALS[AREAS[a]] for a in area.tolist()]
        self.summaries = object_array(
            [
                f"{nm} skal {g}. Arbeidet ledes av {ow}, og vi forteller her om fremdriften underveis."
                for nm, g, ow in zip(names, goal, self.owner_area.tolist(), strict=False)
            ]
        )
        has_url = rng.random(n) < 0.6
        self.urls = object_array(
            [
                f"https://{slugify(munis[m])}.kommune.example/prosjekter/{i}" if u else None
                for m, i, u in zip(muni.tolist(), ids, has_url.tolist(), strict=False)
            ]
        )

        # -- milestones -----------------------------------------------------
        has_bp = rng.random((n, 5)) < 0.6
        bp_i, bp_k = np.nonzero(has_bp)
        n_other = rng.integers(4, 11, n)
        o_i = np.repeat(np.arange(n), n_other)
        o_due = start[o_i] + np.round(rng.random(len(o_i)) * duration[o_i]).astype(np.int64)
        o_delay = np.select(
            [rng.random(len(o_i)) < 0.65, rng.random(len(o_i)) < 0.45],
            [rng.integers(-14, 8, len(o_i)), rng.integers(7, 61, len(o_i))],
            rng.integers(90, 366, len(o_i)),  # some stay overdue for months
        )
        o_done = np.maximum(o_due + o_delay, start[o_i])
        o_kind = sample(rng, np.asarray(OTHER_KIND_WEIGHTS), (len(o_i),))
        # consecutive titles of a list per initiative: no repeats within a kind
        o_seq = np.arange(len(o_i)) - np.repeat(np.cumsum(n_other) - n_other, n_other)
        title_pick = rng.integers(0, 1 << 20, n)[o_i] + o_seq
        o_titles = object_array(
            [MILESTONE_TITLES[OTHER_KINDS[k]][p % len(MILESTONE_TITLES[OTHER_KINDS[k]])]
             for k, p in zip(o_kind.tolist(), title_pick.tolist(), strict=False)]
        )

        m_init = np.concatenate([bp_i, o_i])
        due = np.concatenate([self.bp_planned[bp_i, bp_k], o_due])
        order = np.lexsort((due, m_init))
        m_init, due = m_init[order], due[order]
        m_bp = np.concatenate([bp_k, np.full(len(o_i), -1)])[order]
        titles = np.concatenate([vocab_take(list(BP_TITLES), bp_k), o_titles])[order]
        kinds = np.concatenate(
            [np.full(len(bp_i), schema.MILESTONE_KINDS.index("beslutningspunkt")),
             np.array([schema.MILESTONE_KINDS.index(OTHER_KINDS[k]) for k in range(3)])[o_kind]]
        )[order]
        done = np.concatenate([np.zeros(len(bp_i), dtype=np.int64), o_done])[order]
        seq = np.arange(len(m_init)) - np.searchsorted(m_init, m_init, side="left")
        self.m_ids = object_array([f"{ids[i]}-m{s + 1:02d}" for i, s in zip(m_init.tolist(), seq.tolist(), strict=False)])
        self.m_init = m_init
        self.m_init_ids = self.ids.take(m_init)
        self.m_title = titles
        self.m_kind = vocab_take(list(schema.MILESTONE_KINDS), kinds)
        self.m_bp = m_bp
        self.m_dp = vocab_take([*list(schema.DECISION_POINTS), None], m_bp)
        self.m_due = due
        self.m_done = done
        self.m_is_bp = m_bp >= 0
        self._sync_bp_done()
        self.m_public_flag = rng.random(len(m_init)) < 0.5
        self.m_note = vocab_take(
            [*list(MILESTONE_NOTES), None],
            np.where(rng.random(len(m_init)) < 0.05, rng.integers(0, len(MILESTONE_NOTES), len(m_init)), -1),
        )

    def _sync_bp_done(self) -> None:
        """Decision-point milestones are completed the day the decision point is passed."""
        bp = self.m_is_bp
        self.m_done[bp] = self.bp_passed[self.m_init[bp], self.m_bp[bp]]

    # -- weekly change ---------------------------------------------------------
    def advance(self, today: int) -> None:
        rng, n = self.rng, self.n
        old_phase = self.phase
        new_phase = (self.bp_passed <= today).sum(axis=1)

        # statuses: a few percent change per dimension and week
        moved_status = sample(rng, self._transitions[self.status], (n, 5))
        # leaving the idea phase: most "ikke vurdert" get assessed
        assessed = ((old_phase == 0) & (new_phase > 0))[:, None] & (self.status == 3) & (rng.random((n, 5)) < 0.7)
        fresh = sample(rng, np.asarray(STATUS_P_NORMAL[:3]) / sum(STATUS_P_NORMAL[:3]), (n, 5))
        status = moved_status
        status = np.where(assessed, fresh, status)
        changed = status != self.status
        picks = rng.integers(0, 1 << 20, (n, 5))
        self.comment_pick = np.where(changed, picks, self.comment_pick)
        self.summary_pick = np.where(changed[:, 0], picks[:, 0] >> 3, self.summary_pick)
        self.status = status.astype(np.int8)
        self.phase = new_phase

        # milestones: some open ones due soon (or overdue) are moved
        open_ = self.m_done > today
        candidates = open_ & (self.m_due <= today + 28)
        moved = candidates & (rng.random(len(open_)) < WEEKLY_MOVE)
        rows = np.flatnonzero(moved)
        if len(rows):
            old_due = self.m_due[rows]
            new_due = np.maximum(old_due, today) + rng.integers(14, 91, len(rows))
            self.m_due[rows] = new_due
            old_dates = self.dates.take(old_due)
            self.m_note[rows] = object_array([f"Flyttet fra {d:%d.%m.%Y}." for d in old_dates])
            slack = rng.integers(-10, 15, len(rows))
            self.m_done[rows] = np.maximum(self.m_done[rows], new_due + slack)
            bp_rows = rows[self.m_is_bp[rows]]
            if len(bp_rows):  # a moved decision point delays that and later ones
                i, k = self.m_init[bp_rows], self.m_bp[bp_rows]
                np.maximum.at(self.bp_passed, (i, k), self.m_done[bp_rows])
                self.bp_passed = np.maximum.accumulate(self.bp_passed, axis=1)
                self._sync_bp_done()

    # -- what shows on the public page ------------------------------------------
    def is_public(self) -> np.ndarray:
        return (self.public0 & (self.phase >= 1)) | (self.goes_public & (self.phase >= 3))
