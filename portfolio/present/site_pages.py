"""What the static site's pages show about the initiatives, made from the
public projection only (portfolio.store.public): one page per initiative and
the lists of initiatives by focus area and by target group. No HTML here but
through `fmt.html` (text from the data escaped; the app's own bold and links
as tags); the templates in portfolio/templates/site/ escape everything else.

An initiative's page says what its card on the Streamlit public page says
(portfolio.present.public: the same facts, sentences and texts), with every
public milestone and decision instead of the latest few. The pages are made
from the projection's rows grouped once by initiative, not by filtering the
whole projection per initiative: 10 000 initiatives stay seconds, not minutes.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import hashlib
import re
import unicodedata
from collections import defaultdict

from markupsafe import Markup

from portfolio import fmt
from portfolio.model import schema
from portfolio.present import public, public_decidim, public_governance, public_groups, site_decidim
from portfolio.present.public import date_of
from portfolio.store.public import PublicData
from portfolio.texts import public as T
from portfolio.texts import site as S

# Abbreviations written out (public.plain), once per text: titles, sources and names repeat across pages
plain = functools.lru_cache(maxsize=65536)(public.plain)
SHORT_CHARS = 200  # the short text of an initiative in a list: its first sentence, at most this long
_SLUG = re.compile(r"[a-z0-9][a-z0-9-]*")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s")


# -- names of files ------------------------------------------------------------------

def initiative_file(initiative_id: str) -> str:
    """The page of an initiative, relative to the site's root: its id when
    the id is a slug (as the schema requires), else a name made from it."""
    if _SLUG.fullmatch(initiative_id) and len(initiative_id) <= 100:
        return f"tiltak/{initiative_id}.html"
    return f"tiltak/t_{hashlib.sha256(initiative_id.encode()).hexdigest()[:16]}.html"


def slug(text: str) -> str:
    """"Nye innbyggere" -> "nye-innbyggere"; "Små bedrifter" -> "sma-bedrifter"."""
    text = text.casefold().replace("æ", "ae").replace("ø", "o").replace("å", "a")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")[:60] or "gruppe"


def short_text(summary) -> str:
    """An initiative's summary in a list: its first sentence, cut at a word
    when longer than SHORT_CHARS."""
    if not isinstance(summary, str) or not summary.strip():
        return T.NO_SUMMARY
    text = " ".join(plain(summary).split())
    text = _SENTENCE_END.split(text, maxsplit=1)[0]
    if len(text) > SHORT_CHARS:
        text = text[:SHORT_CHARS].rsplit(" ", 1)[0].rstrip(",;:–-") + " …"
    return text


# -- the lists -------------------------------------------------------------------------

@dataclasses.dataclass(frozen=True)
class Entry:
    """One initiative in a list: a link to its page, its phase and a short text."""

    href: str  # relative to the site's root
    name: str
    phase: str
    short: str


@dataclasses.dataclass(frozen=True)
class Group:
    """The initiatives of one focus area or one target group, in the public
    page's order (programmes first, then by name)."""

    key: str  # the anchor on the front page and the name of its own pages
    heading: str
    title: str  # the title of its own pages
    see_all: str  # the link there
    entries: list[Entry]


def entries(data: PublicData) -> list[tuple[dict, Entry]]:
    """Every public initiative's row and list entry, programmes first (those
    with most initiatives under them), then by name (public.matching)."""
    ordered = public.matching(data)
    found = []
    for row in ordered.to_dict("records"):
        entry = Entry(initiative_file(row["initiative_id"]), plain(row["name"]),
                      S.ENTRY_PHASE.format(phase=row["phase"]), short_text(row["public_summary"]))
        found.append((row, entry))
    return found


def _group(key: str, heading: str, title: str, see_all: str, words: dict, members: list[Entry]) -> Group:
    return Group(key, heading, title, see_all.format(count=fmt.number(len(members)), **words), members)


def groups(rows: list[tuple[dict, Entry]]) -> tuple[list[Group], list[Group]]:
    """The initiatives by focus area and by target group (an initiative is in
    every group it names; those naming none are in a group of their own),
    each kind most initiatives first, then in the schema's order."""
    by_focus: dict[str | None, list[Entry]] = defaultdict(list)
    by_target: dict[str | None, list[Entry]] = defaultdict(list)
    for row, entry in rows:
        for area in _values(row["focus_areas"]) or [None]:
            by_focus[area].append(entry)
        for group in _values(row["target_groups"]) or [None]:
            by_target[group].append(entry)

    def order(found: dict, known: tuple) -> list:
        rank = {value: i for i, value in enumerate(known)}
        return sorted(found, key=lambda v: (v is None, -len(found[v]), rank.get(v, len(rank)), str(v)))

    used: set[str] = set()

    def key(prefix: str, value: str | None) -> str:
        base = f"{prefix}-{slug(value) if value is not None else 'uten'}"
        found, n = base, 1
        while found in used:
            n += 1
            found = f"{base}-{n}"
        used.add(found)
        return found

    focus = []
    for area in order(by_focus, schema.FOCUS_AREAS):
        members = by_focus[area]
        if area is None:
            focus.append(_group(key("tema", None), S.FOCUS_NONE_HEADING, S.FOCUS_NONE_TITLE,
                                S.FOCUS_NONE_SEE_ALL, {}, members))
            continue
        words = T.FOCUS_AREA_WORDS.get(area, area)
        focus.append(_group(key("tema", area), words[0].upper() + words[1:],
                            S.FOCUS_TITLE.format(area=words), S.FOCUS_SEE_ALL, {"area": words},
                            members))
    target = []
    for group in order(by_target, schema.TARGET_GROUPS):
        members = by_target[group]
        if group is None:
            target.append(_group(key("malgruppe", None), S.TARGET_NONE_HEADING, S.TARGET_NONE_TITLE,
                                 S.TARGET_NONE_SEE_ALL, {}, members))
            continue
        lower = group[0].lower() + group[1:]
        target.append(_group(key("malgruppe", group), group, S.TARGET_TITLE.format(group=lower),
                             S.TARGET_SEE_ALL, {"group": lower}, members))
    return focus, target


# -- one initiative's page -----------------------------------------------------------------

@dataclasses.dataclass(frozen=True)
class InitiativePage:
    """One initiative's page: its card's content (public.card), with every
    public milestone and decision. Texts are HTML (fmt.html) or plain text
    (the template escapes it)."""

    file: str
    name: str
    summary: str
    phase: str
    phase_position: Markup
    phase_explanation: str
    facts: list[Markup]
    url: str | None
    parent: Entry | None
    done: list[Markup]
    upcoming: list[Markup]
    decisions: list[Markup]
    benefits: list[Markup]
    money: list[list[Markup]]  # year, budget, spent; newest year first
    money_caption: str
    over_budget: list[Markup]
    money_note: Markup
    coming: list[Markup] = dataclasses.field(default_factory=list)  # public engagements to come, soonest first
    past: list[Markup] = dataclasses.field(default_factory=list)  # held, the latest first
    decidim: site_decidim.Section | None = None  # its results on Decidim (the public card's)


class Projection:
    """The public projection's rows grouped by initiative, once."""

    def __init__(self, data: PublicData) -> None:
        self.data = data
        self.today = date_of(data.source.created)
        self.year = data.source.created.year
        self.names = dict(zip(data.initiatives["initiative_id"], data.initiatives["name"], strict=True))
        self.milestones = _by(data.milestones.to_dict("records"), "initiative_id")
        self.budgets = _by(data.budgets.to_dict("records"), "initiative_id")
        self.decisions = _by(list(data.decisions.itertuples(index=False)), "initiative_id")
        self.benefits = _by(list(data.benefits.sort_values(["title", "benefit_id"], kind="stable")
                                 .itertuples(index=False)), "initiative_id")
        measured = data.benefit_measurements
        self.measurements: dict[str, list[tuple]] = defaultdict(list)
        for benefit_id, day, value in zip(measured["benefit_id"], measured["measured_on"], measured["value"],
                                          strict=True):
            self.measurements[benefit_id].append((day, value))
        for pairs in self.measurements.values():
            pairs.sort(key=lambda pair: date_of(pair[0]) or dt.date.max)  # oldest first, as public_governance
        met = data.engagements.sort_values(["held_on", "title", "engagement_id"], kind="stable")
        self.engagements = _by(list(met.itertuples(index=False)), "initiative_id")
        self.decidim = public_decidim.cards_decidim(data)  # made at once, not filtered per initiative

    def page(self, row: dict, entries_by_id: dict[str, Entry]) -> InitiativePage:
        initiative_id = row["initiative_id"]
        milestones = self.milestones.get(initiative_id, [])
        completed = sorted((m for m in milestones if date_of(m["completed_date"]) is not None),
                           key=lambda m: date_of(m["completed_date"]), reverse=True)
        open_ = sorted((m for m in milestones if date_of(m["completed_date"]) is None),
                       key=lambda m: date_of(m["due_date"]) or dt.date.max)
        done = [fmt.html(fmt.markdown(T.MILESTONE_DONE, date=fmt.date(date_of(m["completed_date"])),
                                      title=plain(m["title"]))) for m in completed]
        upcoming = [fmt.html(fmt.markdown(T.MILESTONE_NEXT, date=fmt.date(date_of(m["due_date"])),
                                          title=plain(m["title"]))) for m in open_]
        decided = sorted(self.decisions.get(initiative_id, []), key=lambda d: d.decision_id)
        decided.sort(key=lambda d: date_of(d.decided_on) or dt.date.min, reverse=True)
        benefits = [public_governance.benefit_sentences(b, self.measurements.get(b.benefit_id, []), plain, self.today)
                    for b in self.benefits.get(initiative_id, [])]
        money, over, note = self._money(initiative_id)
        met = self.engagements.get(initiative_id, [])
        past = [e for e in met if date_of(e.held_on) <= self.today]
        name = plain(row["name"])
        summary = row["public_summary"]
        url = row["url"] if isinstance(row["url"], str) and row["url"].startswith(("https://", "http://")) else None
        parent = row["parent_id"]
        phase = row["phase"]
        return InitiativePage(
            file=initiative_file(initiative_id),
            name=name,
            summary=plain(summary) if isinstance(summary, str) and summary else T.NO_SUMMARY,
            phase=phase,
            phase_position=fmt.html(public.phase_position(phase)),
            phase_explanation=T.PHASE_EXPLANATIONS[phase],
            facts=[fmt.html(fact) for fact in public.facts(row, self.names)],
            url=url,
            parent=entries_by_id.get(parent) if isinstance(parent, str) else None,
            done=done,
            upcoming=upcoming,
            decisions=[fmt.html(public_governance.decision_line(d, plain)) for d in decided],
            benefits=[fmt.html(line) for line in benefits],
            money=money,
            money_caption=T.MONEY_TABLE_LABEL.format(name=name),
            over_budget=over,
            money_note=note,
            coming=[fmt.html(public_groups.engagement_item(e, None)) for e in met if date_of(e.held_on) > self.today],
            past=[fmt.html(public_groups.engagement_item(e, None)) for e in reversed(past)],
            decidim=site_decidim.section(self.decidim.get(initiative_id), name),
        )

    def _money(self, initiative_id: str) -> tuple[list[list[Markup]], list[Markup], Markup]:
        """Budget and spent per year (all funding sources together), newest
        year first; a sentence per year spent over budget; the note under the
        table (whole kroner, «so far» for the year published, the funding sources)."""
        years: dict[int, list[float]] = defaultdict(lambda: [0, 0])
        sources = set()
        for b in self.budgets.get(initiative_id, []):
            sums = years[int(b["year"])]
            sums[0] += 0 if fmt.missing(b["budget_nok"]) else b["budget_nok"]
            sums[1] += 0 if fmt.missing(b["actual_nok"]) else b["actual_nok"]
            sources.add(plain(b["funding_source"]))
        rows, over = [], []
        for year in sorted(years, reverse=True):
            budget, spent = years[year]
            rows.append([fmt.html(str(year)), fmt.html(fmt.kr(budget)), fmt.html(fmt.kr(spent))])
            if spent > budget:
                over.append(fmt.html(fmt.markdown(T.OVER_BUDGET_CARD, amount=fmt.kr(int(spent - budget)), year=year)))
        note = fmt.join(" ", [
            fmt.markdown(T.MONEY_NOTE, year=self.year) if self.year in years else fmt.markdown(T.MONEY_NOTE_PAST),
            fmt.markdown(T.MONEY_SOURCES, sources=public.word_list(sorted(sources))),
        ])
        return rows, over, fmt.html(note)


def _values(cell) -> list[str]:
    """A list cell's values (none for an empty cell)."""
    return [] if fmt.missing(cell) is True else [str(v) for v in cell]


def _by(rows: list, key: str) -> dict[str, list]:
    found: dict[str, list] = defaultdict(list)
    for row in rows:
        found[row[key] if isinstance(row, dict) else getattr(row, key)].append(row)
    return found
