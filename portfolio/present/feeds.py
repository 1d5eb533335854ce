"""The feeds of `python -m portfolio publish`, so that journalists and
politicians can subscribe: `changes.xml` (Atom 1.0, RFC 4287) and
`kalender.ics` (iCalendar, RFC 5545). No Streamlit, no file I/O.

What the Atom feed says is public by construction: it is the change engine
(portfolio.model.diff) run on the *public projections* (portfolio.store.public)
of consecutive snapshots, so internal columns and rows that are not public
are never read, let alone compared. As on the public page
(portfolio.present.public_overview), the feed tells only of what is public in
the published snapshot: both sides of each pair are first cut down to the
rows the published projection holds (the same key; initiatives by id), and a
reference to a programme that is not public now is blanked, so not even the
id of something taken off the public data since is repeated. For the same
reason the kinds `…_removed` are left out, and so is a milestone becoming
overdue (`milestone_newly_overdue`, a judgement made on a date, not a change
in the data). One entry
per change, newest snapshot first (within one, the news first: NEWS_ORDER),
at most FEED_ENTRIES from the last
FEED_SNAPSHOTS snapshots (a feed holds the recent news; every public row is
in the data package, and the whole history stays in the store); an entry's id is a
UUID made from the snapshot and the change, so it stays the same when the
folder is published again.

The calendar holds the public milestones (events, deliverables and decision
points included; on the date completed, else the due date) and the public
decisions (on the date decided), each an all-day event whose UID is made
from its row's id. It is written by hand: text escaped (\\, ;, , and line
breaks), lines folded at 75 octets, CRLF line ends, DTSTAMP the published
snapshot's time.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import re
import uuid
from collections.abc import Callable
from types import SimpleNamespace
from xml.etree import ElementTree as ET

import pandas as pd

from portfolio import texts
from portfolio.model import diff, schema
from portfolio.present import change_words
from portfolio.present.public import date_of, plain
from portfolio.store import public
from portfolio.store.public import PublicData
from portfolio.store.snapshots import Store
from portfolio.texts import changes as change_texts
from portfolio.texts import governance as governance_texts
from portfolio.texts import publish as T

FEED_ENTRIES = 500  # entries in the Atom feed, newest first
FEED_SNAPSHOTS = 12  # snapshots whose changes the feed holds at most (each compared with the one before)
# The news first: when a snapshot has more public changes than the feed holds, these kinds are
# kept first (in this order; the engine's order within a kind, the rest after them)
NEWS_ORDER = ("initiative_added", "phase", "decision_point", "decision_added", "milestone_completed",
              "milestone_added", "milestone_moved", "benefit_added", "benefit_measured", "budget_added",
              "budget_changed")
_NEWS_RANK = {kind: i for i, kind in enumerate(NEWS_ORDER)}
LEFT_OUT_KINDS = frozenset({"milestone_newly_overdue"} | {k for k in diff.KINDS if k.endswith("_removed")})
# Ids of the feed's and calendar's entries: UUIDs from this namespace and the row or change
NAMESPACE = uuid.uuid5(uuid.NAMESPACE_DNS, "samhandlingskommunen.kristiansand.kommune.no")
ATOM = "http://www.w3.org/2005/Atom"
PRODID = "-//Kristiansand kommune//Portefoljeoversikt publish//NB"
# Characters XML 1.0 does not allow (a text from the data could hold one)
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")

# (initiative_id) -> the address of its page, or None
PageUrl = Callable[[str], str | None]


def _uuid(*parts: object) -> str:
    return f"urn:uuid:{uuid.uuid5(NAMESPACE, '|'.join(str(p) for p in parts))}"


def _utc(moment: dt.datetime) -> dt.datetime:
    return moment.astimezone(dt.UTC) if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


# -- the public changes ---------------------------------------------------------------

@dataclasses.dataclass(frozen=True)
class Entry:
    """One public change, in words."""

    entry_id: str
    updated: dt.datetime
    initiative_id: str
    title: str
    summary: str


def _words(change: diff.Change, name: str, milestone_titles: dict, summaries: dict) -> tuple[str, str]:
    fields = {f.name: getattr(change, f.name) for f in dataclasses.fields(change)}
    r = SimpleNamespace(**fields, name=name, milestone_title=milestone_titles.get(change.milestone_id))
    title = T.ENTRY_TITLE.format(name=name, kind=change_texts.KIND_LABELS.get(change.kind, change.kind))
    if change.kind == "initiative_added":
        summary = summaries.get(change.initiative_id) or change_words.what(r)
    elif change.kind.endswith("_added") or change.kind == "benefit_measured":
        what = change_words.what(r)
        summary = what if change.table in ("milestones", "decisions", "benefits") else T.ENTRY_ADDED.format(
            what=what, new=change_words.values(r)[1])
    else:
        old, new = change_words.values(r)
        summary = T.ENTRY_DETAIL.format(what=change_words.what(r), field=change_words.field_label(r.table, r.field),
                                        old=old, new=new)
    return plain(title), plain(summary)


def _keys(frame: pd.DataFrame, key: tuple[str, ...]) -> list[tuple]:
    return list(zip(*(frame[c].tolist() for c in key), strict=True)) if len(frame) else []


def public_now(tables: dict[str, pd.DataFrame], published: PublicData) -> dict[str, pd.DataFrame]:
    """The tables of an earlier public projection cut down to what the
    published one holds: its initiatives (by id) and, in every other table,
    the rows with a key it holds; a programme that is not public now is
    blanked."""
    now = published.tables
    ids = set(now["initiatives"]["initiative_id"])
    out = {}
    for name, frame in tables.items():
        if name == "initiatives":
            frame = frame[frame["initiative_id"].isin(ids)]
            frame = frame.assign(parent_id=frame["parent_id"].where(frame["parent_id"].isin(ids)))
        elif name in now:
            key = schema.TABLES[name].key
            held = set(_keys(now[name], key))
            frame = frame[[k in held for k in _keys(frame, key)]] if len(frame) else frame
        out[name] = frame
    return out


def _pair_entries(store: Store, old_id: str, new_id: str, published: PublicData, limit: int) -> list[Entry]:
    """The first `limit` public changes from `old_id` to `new_id`, in words."""
    old_data, new_data = public.snapshot_data(store, old_id), public.snapshot_data(store, new_id)
    old, new = public_now(old_data.tables, published), public_now(new_data.tables, published)
    created = new_data.source.created
    found = diff.compare(old, new, today=created.date(), old_today=old_data.source.created.date())
    found.sort(key=lambda c: _NEWS_RANK.get(c.kind, len(NEWS_ORDER)))  # stable: the engine's order within a kind
    names = dict(zip(published.initiatives["initiative_id"], published.initiatives["name"], strict=True))
    summaries = {i: None if pd.isna(s) else str(s)
                 for i, s in zip(published.initiatives["initiative_id"], published.initiatives["public_summary"], strict=True)}
    titles = dict(zip(old["milestones"]["milestone_id"], old["milestones"]["title"], strict=True))
    titles.update(zip(new["milestones"]["milestone_id"], new["milestones"]["title"], strict=True))
    entries = []
    for change in found:
        if len(entries) >= limit:
            break
        if change.kind in LEFT_OUT_KINDS or change.initiative_id not in names:
            continue
        title, summary = _words(change, str(names[change.initiative_id]), titles, summaries)
        identity = (new_id, change.kind, change.table, change.field, change.initiative_id, change.milestone_id,
                    change.year, change.funding_source, change.key)
        entries.append(Entry(_uuid("change", *identity), _utc(created), change.initiative_id, title, summary))
    return entries


def public_changes(store: Store, snapshot_id: str, limit: int = FEED_ENTRIES,
                   snapshots: int = FEED_SNAPSHOTS) -> list[Entry]:
    """The public changes of the last `snapshots` snapshots up to
    `snapshot_id`, newest snapshot first (NEWS_ORDER within one), at
    most `limit`: each pair of consecutive snapshots compared on their public
    projections only."""
    ids = [m.snapshot_id for m in store.list()]
    position = ids.index(snapshot_id)
    published = public.snapshot_data(store, snapshot_id)
    entries: list[Entry] = []
    for i in range(position, max(position - snapshots, 0), -1):
        if len(entries) >= limit:
            break
        entries += _pair_entries(store, ids[i - 1], ids[i], published, limit - len(entries))
    return entries[:limit]


# -- Atom ----------------------------------------------------------------------------

def _text(value: str) -> str:
    return _NOT_XML.sub("", value)


def _stamp(moment: dt.datetime) -> str:
    return _utc(moment).isoformat(timespec="seconds").replace("+00:00", "Z")


def atom(entries: list[Entry], *, updated: dt.datetime, author: str, base_url: str | None,
         page_url: PageUrl, rights: str) -> bytes:
    """The Atom 1.0 feed of `entries`. `updated`: the published snapshot's
    time; `base_url`: the published folder's address (None: relative links)."""
    ET.register_namespace("", ATOM)

    def sub(parent: ET.Element, tag: str, text: str | None = None, **attributes: str) -> ET.Element:
        element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attributes)
        if text is not None:
            element.text = _text(text)
        return element

    root = f"{base_url.rstrip('/')}/" if base_url else ""
    feed = ET.Element(f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": "nb"})
    sub(feed, "id", f"{root}changes.xml" if base_url else _uuid("feed", "changes"))
    sub(feed, "title", T.FEED_TITLE)
    sub(feed, "subtitle", T.FEED_SUBTITLE.format(limit=FEED_ENTRIES, snapshots=FEED_SNAPSHOTS))
    sub(feed, "updated", _stamp(updated))
    sub(sub(feed, "author"), "name", author)
    sub(feed, "link", rel="self", href=f"{root}changes.xml", type="application/atom+xml")
    sub(feed, "link", rel="alternate", href=f"{root}index.html", type="text/html")
    sub(feed, "rights", rights)
    for entry in entries:
        element = sub(feed, "entry")
        sub(element, "id", entry.entry_id)
        sub(element, "title", entry.title)
        sub(element, "updated", _stamp(entry.updated))
        page = page_url(entry.initiative_id)
        if page:
            sub(element, "link", rel="alternate", href=page, type="text/html")
        sub(element, "content", entry.summary, type="text")
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True) + b"\n"


# -- iCalendar ---------------------------------------------------------------------------

def ics_text(value: str) -> str:
    """A TEXT value escaped (RFC 5545 3.3.11): \\ ; , and line breaks."""
    value = _NOT_XML.sub("", str(value)).replace("\r\n", "\n").replace("\r", "\n")
    return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def fold(line: str) -> bytes:
    """One content line folded at 75 octets (never inside a UTF-8
    character), each continuation starting with a space; CRLF ends every line."""
    raw = line.encode("utf-8")
    if len(raw) <= 75:
        return raw + b"\r\n"
    parts, start, limit = [], 0, 75
    while start < len(raw):
        end = min(start + limit, len(raw))
        while end < len(raw) and (raw[end] & 0xC0) == 0x80:  # a continuation byte: back off
            end -= 1
        parts.append(raw[start:end])
        start, limit = end, 74  # after the first line, the leading space is one of the 75
    return b"\r\n ".join(parts) + b"\r\n"


def _date(day: dt.date) -> str:
    return day.strftime("%Y%m%d")


@dataclasses.dataclass(frozen=True)
class Event:
    uid: str
    day: dt.date
    summary: str
    description: str
    category: str
    url: str | None


def _rows(frame: pd.DataFrame, columns: list[str]):
    """The rows of `frame` as tuples of plain Python values (a missing value: None)."""
    values = [[None if v is None or v is pd.NA or (isinstance(v, float) and v != v) else v
               for v in frame[c].tolist()] for c in columns]
    return zip(*values, strict=True)


def events(data: PublicData, page_url: PageUrl) -> list[Event]:
    """The public milestones and decisions as all-day events, by date."""
    words = functools.lru_cache(maxsize=None)(lambda text: plain(str(text)))  # names repeat
    names = dict(zip(data.initiatives["initiative_id"], data.initiatives["name"], strict=True))
    found = []
    for milestone_id, initiative_id, title, kind, due, completed in _rows(
            data.milestones, ["milestone_id", "initiative_id", "title", "kind", "due_date", "completed_date"]):
        name = words(names.get(initiative_id, initiative_id))
        due, completed = date_of(due), date_of(completed)
        label = texts.MILESTONE_KIND_LABELS.get(kind, str(kind))
        lines = [T.EVENT_KIND.format(kind=label, name=name), T.EVENT_DUE.format(date=due.isoformat())]
        if completed is not None:
            lines.append(T.EVENT_DONE.format(date=completed.isoformat()))
        found.append(Event(_uuid("milestones", milestone_id), completed or due,
                           T.EVENT_MILESTONE.format(name=name, title=words(title)), "\n".join(lines),
                           label, page_url(initiative_id)))
    for decision_id, initiative_id, decided_on, body, point, title, text, case_number in _rows(
            data.decisions, ["decision_id", "initiative_id", "decided_on", "body", "decision_point", "title", "text",
                             "case_number"]):
        decided_on = date_of(decided_on)
        who = words(governance_texts.BODY_LABELS.get(body, str(body)))
        lines = [(T.EVENT_DECIDED_AT if point else T.EVENT_DECIDED).format(
            body=who, date=decided_on.isoformat(), decision_point=words(point) if point else None)]
        if text:
            lines.append(words(text))
        if case_number:
            lines.append(T.EVENT_CASE.format(case_number=case_number))
        found.append(Event(_uuid("decisions", decision_id), decided_on,
                           T.EVENT_DECISION.format(name=words(names.get(initiative_id, initiative_id)),
                                                   title=words(title)), "\n".join(lines),
                           texts.TABLE_LABELS.get("decisions", "decisions"), page_url(initiative_id)))
    return sorted(found, key=lambda e: (e.day, e.uid))


def calendar(data: PublicData, *, page_url: PageUrl) -> bytes:
    """`kalender.ics`: the public milestones and decisions (RFC 5545)."""
    stamp = _utc(data.source.created).strftime("%Y%m%dT%H%M%SZ")
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", "CALSCALE:GREGORIAN", "METHOD:PUBLISH",
             f"NAME:{ics_text(T.CALENDAR_NAME)}", f"X-WR-CALNAME:{ics_text(T.CALENDAR_NAME)}",
             f"DESCRIPTION:{ics_text(T.CALENDAR_DESCRIPTION)}", f"X-WR-CALDESC:{ics_text(T.CALENDAR_DESCRIPTION)}",
             "REFRESH-INTERVAL;VALUE=DURATION:P1D", "X-PUBLISHED-TTL:P1D"]
    for event in events(data, page_url):
        lines += ["BEGIN:VEVENT", f"UID:{event.uid.removeprefix('urn:uuid:')}", f"DTSTAMP:{stamp}",
                  f"DTSTART;VALUE=DATE:{_date(event.day)}",
                  f"DTEND;VALUE=DATE:{_date(event.day + dt.timedelta(days=1))}",
                  f"SUMMARY:{ics_text(event.summary)}", f"DESCRIPTION:{ics_text(event.description)}",
                  f"CATEGORIES:{ics_text(event.category)}", "TRANSP:TRANSPARENT"]
        if event.url and re.match(r"^https?://", event.url):  # URL is a URI: never a relative link
            lines.append(f"URL:{event.url}")
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return b"".join(fold(line) for line in lines)
