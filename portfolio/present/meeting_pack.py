"""The meeting pack for KDL: everything the PDF shows, as plain JSON-able data
for the Typst template (portfolio/templates/meeting_pack.typ; rendered by
portfolio/present/pdf.py). No Streamlit.

Every section is made from the view models the pages use, so the pack says
what the app says: the cover (snapshot, author, time, demo notice), «Siden
sist» (exactly the sentences of change_summary.summarise over the change
engine's output, worst first, capped at about one page, with how many changes
are left out), «Trenger oppmerksomhet» (red and yellow initiatives with their
status comments, decision points due soon, overdue milestones), the portfolio
(its chart and table, or at scale a summary per kommunalområde and programme
with the initiatives in an appendix capped at APPENDIX_ROWS), and the money
(budget.build_view). Charts are Vega-Lite specs; pdf.py turns them into SVG.

Every text from the data is a JSON string, which the template shows as text,
never as markup. Nothing depends on the clock: the same snapshots, dates and
filters give the same data.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

import pandas as pd

from portfolio import fmt, texts
from portfolio.model import schema
from portfolio.present import attention, budget, change_summary, changes, charts, overview
from portfolio.present.history import local_time
from portfolio.query.context import SnapshotContext, today_for
from portfolio.query.runner import Filters
from portfolio.store.snapshots import SnapshotMeta, SnapshotNotFound, Store
from portfolio.texts import meeting_pack as T

SINCE_DAYS = 30  # default --since: the snapshot current this many days before the meeting
SINCE_LINES = 30  # «Siden sist» fits one page: initiative headings and sentences, at most
SINCE_INITIATIVES = 20  # initiatives summarised at most (the rest are counted)
INLINE_ROWS = 60  # up to this many initiatives the portfolio table is in the body, else in the appendix
APPENDIX_ROWS = 500  # the appendix lists at most this many initiatives, the most critical first
LIST_ROWS = 25  # rows of each attention list and money table
GROUP_ROWS = 40  # kommunalområder and programmes in the summaries, the most red first
DEFAULT_THRESHOLD = 50_000  # kr: budget changes and deviations smaller than this are left out
STATUS_COLUMNS = tuple(f"status_{d}" for d in schema.STATUS_DIMENSIONS)


class PackError(Exception):
    """A request the pack cannot be made from: `problem` is a key of
    texts.meeting_pack.PROBLEMS, `params` its values."""

    def __init__(self, problem: str, **params: Any) -> None:
        super().__init__(problem)
        self.problem = problem
        self.params = params

    @property
    def message(self) -> str:
        return T.PROBLEMS[self.problem].format(**self.params)


# -- which snapshots --------------------------------------------------------------------

def context(store: Store, snapshot_id: str | None = None, as_of: dt.date | None = None) -> SnapshotContext:
    """The snapshot the pack is made from: `snapshot_id`, else the latest made
    on `as_of` or before, else the latest. "Today" is `as_of` when given,
    else the date the app sees the snapshot on (query.context.today_for)."""
    metas = store.list()
    if not metas:
        raise PackError("no_snapshots", path=store.root)
    if snapshot_id is not None:
        try:
            meta = store.get(snapshot_id)
        except SnapshotNotFound:
            raise PackError("unknown_snapshot", value=snapshot_id) from None
    elif as_of is not None:
        meta = changes.snapshot_on_or_before(metas, as_of)
        if meta is None:
            raise PackError("as_of_before_first", date=fmt.date(as_of))
    else:
        meta = metas[-1]
    is_latest = meta.snapshot_id == metas[-1].snapshot_id
    return SnapshotContext(store, meta, as_of or today_for(meta, is_latest), is_latest=is_latest)


def since_snapshot(ctx: SnapshotContext, since: str | None = None) -> SnapshotMeta | None:
    """The snapshot changes are counted from: `since` (a snapshot id or a date
    YYYY-MM-DD: the latest snapshot made that day or before), else the one
    current SINCE_DAYS before the meeting (the oldest earlier one when all are
    younger); None when the pack's snapshot is the first."""
    metas = ctx.snapshots
    earlier = changes.older_than(metas, ctx.meta)  # newest first
    current = f"{ctx.snapshot_id} ({fmt.date(ctx.meta.created)})"
    if since is None:
        cutoff = ctx.today - dt.timedelta(days=SINCE_DAYS)
        return next((m for m in earlier if m.created.date() <= cutoff), earlier[-1] if earlier else None)
    by_id = {m.snapshot_id: m for m in metas}
    if since in by_id:
        meta = by_id[since]
    else:
        try:
            day = dt.date.fromisoformat(since)
        except ValueError:
            if len(since) == 10 and since[4:5] == "-":
                raise PackError("bad_date", value=since) from None
            raise PackError("unknown_since", value=since) from None
        if day >= ctx.meta.created.date():
            raise PackError("since_after", value=since, current=current)
        meta = changes.snapshot_on_or_before(metas, day)
        if meta is None:
            raise PackError("since_before_first", value=since)
    if meta.snapshot_id not in {m.snapshot_id for m in earlier}:
        raise PackError("since_after", value=since, current=current)
    return meta


def programme_filters(ctx: SnapshotContext, programme: str | None, filters: Filters | None = None) -> Filters:
    """`filters` narrowed to one programme (an initiative with initiatives under it)."""
    filters = filters or Filters()
    if programme is None:
        return filters
    options = ctx.query("filter_options")
    if programme not in set(options.loc[options["kind"] == "programme", "value"]):
        raise PackError("unknown_programme", value=programme, snapshot_id=ctx.snapshot_id)
    return dataclasses.replace(filters, programmes=(programme,))


# -- small pieces --------------------------------------------------------------------------

def _text(value: Any) -> str:
    return "–" if fmt.missing(value) else str(value)


def _table(caption: str, columns: list[str], rows: list[list[Any]], status_columns: tuple[int, ...] = (),
           numeric: tuple[int, ...] = ()) -> dict:
    """A table for the template: every cell a string (shown as text), the
    status columns tinted beside their words, numeric columns right-aligned."""
    return {"caption": caption, "columns": columns, "rows": [[_text(c) for c in row] for row in rows],
            "status_columns": list(status_columns), "numeric": list(numeric)}


def _chart(spec: dict | None, caption: str) -> dict | None:
    """A chart for pdf.py to render: its Vega-Lite spec, alt text (the spec's
    description: the same words a screen reader gets on the page) and caption."""
    if spec is None:
        return None
    return {"spec": spec, "alt": fmt.plain(spec.get("description") or caption), "caption": caption}


def _status(value: Any) -> str:
    return texts.STATUS_LABELS.get(value, _text(value))


def _capped_note(shown: int, total: int, template: str) -> str | None:
    return template.format(shown=fmt.number(shown), total=fmt.number(total)) if total > shown else None


# -- the sections ---------------------------------------------------------------------------

def since_section(ctx: SnapshotContext, since: SnapshotMeta | None, filters: Filters, threshold: int) -> dict:
    """«Siden sist»: change_summary's sentences for since → the pack's
    snapshot, worst first, at most SINCE_LINES lines; the rest counted."""
    S = T.SINCE
    if since is None:
        return {"heading": S["heading"], "intro": S["no_since"], "initiatives": [], "notes": []}
    frame = changes.build(ctx.store, since.snapshot_id, ctx.snapshot_id, ctx.today, threshold)
    frame = changes.apply_filter(frame, changes.filtered_ids(ctx, since, filters))
    intro = S["intro"].format(old=f"{fmt.date(since.created)} ({since.snapshot_id})",
                              new=f"{fmt.date(ctx.meta.created)} ({ctx.snapshot_id})")
    notes = [S["trace"].format(old_id=since.snapshot_id, new_id=ctx.snapshot_id)]
    if threshold:
        notes.insert(0, S["threshold"].format(amount=fmt.kr(threshold)))
    if frame.empty:
        return {"heading": S["heading"], "intro": S["none"].format(date=fmt.date(since.created)),
                "initiatives": [], "notes": notes}
    shown, lines, said = [], 0, set()
    for summary in change_summary.summarise(frame, SINCE_INITIATIVES):
        sentences = list(summary.sentences)
        room = SINCE_LINES - lines - 1
        if room < 1 or (shown and len(sentences) > room):
            break
        sentences = sentences[:room]
        shown.append({"name": summary.name, "id": summary.initiative_id, "severity": summary.severity,
                      "sentences": [s.text for s in sentences],
                      "changes": [[str(c) for c in s.changes] for s in sentences]})
        said.update(c for s in sentences for c in s.changes)
        lines += 1 + len(sentences)
    more_changes = len(frame) - len(said & set(frame.index))
    more_initiatives = int(frame["initiative_id"].nunique()) - len(shown)
    if more_changes:
        key = "more_one" if more_initiatives <= 1 else "more"
        notes.insert(0, S[key].format(changes=fmt.number(more_changes), initiatives=fmt.number(more_initiatives)))
    return {"heading": S["heading"], "intro": intro, "initiatives": shown, "notes": notes,
            "total_changes": len(frame), "more_changes": more_changes}


def attention_section(ctx: SnapshotContext, filters: Filters, scoped: pd.DataFrame) -> dict:
    """Red and yellow initiatives with their status comments; decision points
    due in the next attention.HORIZON_DAYS days; overdue milestones (the
    sentences of «Trenger oppmerksomhet» on «Oversikt»). `scoped`: every
    initiative in scope, most critical first (`portfolio_rows`)."""
    A = T.ATTENTION
    first = attention.rows(ctx, filters, None, row_limit=1)  # the milestone items need no comparison
    total = int(first["total_count"].iloc[0]) if len(first) else 0
    found = attention.rows(ctx, filters, None, row_limit=max(total, 1))
    lists = {}
    for kind in ("decision", "overdue"):
        rows = found[found["item"] == kind]
        items = [fmt.plain(attention.item(ctx, row, "").sentence) for row in rows.head(LIST_ROWS).itertuples(index=False)]
        lists[kind] = {"items": items, "note": _capped_note(len(items), len(rows), A["capped"])}
    read = ctx.store.read_columns(ctx.snapshot_id, "initiatives", ["initiative_id", "status_summary"]).to_pydict()
    comments = dict(zip(read["initiative_id"], read["status_summary"], strict=False))
    worrying = scoped[scoped["status_overall"].isin(["rød", "gul"])]
    counts = worrying["status_overall"].value_counts()
    rows = [[r.name, _status(r.status_overall), comments.get(r.initiative_id) or A["no_comment"]]
            for r in worrying.head(LIST_ROWS).itertuples(index=False)]
    days = attention.HORIZON_DAYS
    return {
        "heading": A["heading"],
        "red_amber": _table(A["red_amber"], [A["col_initiative"], A["col_status"], A["col_comment"]], rows,
                            status_columns=(1,)) if rows else None,
        "red_amber_intro": A["red_amber_intro"].format(red=fmt.number(int(counts.get("rød", 0))),
                                                       amber=fmt.number(int(counts.get("gul", 0))))
        if rows else A["red_amber_none"],
        "red_amber_note": _capped_note(len(rows), len(worrying), A["capped"]),
        "decisions_heading": A["decisions"].format(days=days),
        "decisions": lists["decision"]["items"], "decisions_note": lists["decision"]["note"],
        "decisions_none": A["decisions_none"].format(days=days),
        "overdue_heading": A["overdue"], "overdue": lists["overdue"]["items"],
        "overdue_note": lists["overdue"]["note"], "overdue_none": A["overdue_none"],
    }


def portfolio_rows(ctx: SnapshotContext, filters: Filters) -> pd.DataFrame:
    """Every initiative in scope, most critical first (the status table's query)."""
    def fetch(limit: int) -> pd.DataFrame:
        return ctx.query("overview_status_table", filters=filters.as_param(), today=ctx.today, row_limit=limit)

    rows = fetch(APPENDIX_ROWS)
    total = int(rows["total_count"].iloc[0]) if len(rows) else 0
    return fetch(total) if total > len(rows) else rows


def initiative_table(rows: pd.DataFrame, caption: str) -> dict:
    """One row per initiative: phase, last decision point, the five statuses
    as words, kommunalområde and end date."""
    P = T.PORTFOLIO
    columns = [P["col_name"], P["col_phase"], P["col_decision_point"],
               *(T.STATUS_HEADERS[c] for c in STATUS_COLUMNS), P["col_area_short"], P["col_end"]]
    body = [[r["name"], r["phase"], r["last_decision_point"], *(_status(r[c]) for c in STATUS_COLUMNS),
             r["owner_area"], fmt.date(r["end_date"]) if not fmt.missing(r["end_date"]) else None]
            for r in rows.to_dict("records")]
    return _table(caption, columns, body, status_columns=tuple(range(3, 3 + len(STATUS_COLUMNS))))


def _group_table(rows: pd.DataFrame, key: pd.Series, caption: str, header: str, limit: int | None) -> dict:
    """Initiatives per group (kommunalområde or programme) and overall status,
    the groups with the most red first."""
    counts = pd.crosstab(key, rows["status_overall"]).reindex(columns=list(schema.STATUS_SEVERITY), fill_value=0)
    counts["_total"] = counts.sum(axis=1)
    counts = counts.sort_values([*schema.STATUS_SEVERITY[:2], "_total"], ascending=False, kind="stable")
    shown = counts if limit is None else counts.head(limit)
    body = [[name, fmt.number(int(r["_total"])), *(fmt.number(int(r[s])) for s in schema.STATUS_SEVERITY)]
            for name, r in shown.iterrows()]
    table = _table(caption, [header, T.PORTFOLIO["col_count"], *(texts.STATUS_LABELS[s] for s in schema.STATUS_SEVERITY)],
                   body, numeric=tuple(range(1, 2 + len(schema.STATUS_SEVERITY))))
    table["note"] = _capped_note(len(shown), len(counts), T.ATTENTION["capped"])
    return table


def portfolio_section(view: overview.View, rows: pd.DataFrame) -> tuple[dict, dict | None]:
    """The portfolio: its chart with the chart's table, and the initiatives
    one by one (up to INLINE_ROWS), or at scale a summary per kommunalområde
    and per programme with the initiatives in the appendix (at most
    APPENDIX_ROWS, the most critical first). Returns (section, appendix)."""
    P = T.PORTFOLIO
    total = len(rows)
    phase_table = view.phase_table
    section = {
        "heading": P["heading"], "intro": P["intro"].format(count=fmt.number(total)),
        "chart": _chart(view.phase_chart, P["chart_caption"]) if total else None,
        "chart_table": _table(P["chart_table"], [str(c) for c in phase_table.columns],
                              phase_table.to_numpy().tolist(), numeric=tuple(range(1, len(phase_table.columns)))),
        "tables": [], "summarised": None,
    }
    if not total:
        section["intro"] = P["none"]
        return section, None
    if total <= INLINE_ROWS:
        section["tables"].append(initiative_table(rows, P["heading"]))
        return section, None
    section["summarised"] = P["summarised"].format(count=fmt.number(total))
    section["tables"] = [
        _group_table(rows, rows["owner_area"], P["by_area"], P["col_area"], GROUP_ROWS),
        _group_table(rows, rows["programme_name"].fillna(P["no_programme"]), P["by_programme"],
                     P["col_programme"], GROUP_ROWS),
    ]
    shown = rows.head(APPENDIX_ROWS)
    A = T.APPENDIX
    note = (A["capped"].format(shown=fmt.number(len(shown)), count=fmt.number(total)) if total > len(shown)
            else A["all"].format(count=fmt.number(total)))
    return section, {"heading": A["heading"], "note": note, "table": initiative_table(shown, A["heading"]),
                     "shown": len(shown), "total": total}


def _money_row(label: str, r: dict) -> list[str]:
    return [label, fmt.kr(r["budget_nok"]), fmt.kr(r["actual_nok"]), fmt.kr(r["forecast_nok"]),
            fmt.signed_kr(r["forecast_deviation_nok"])]


def money_section(ctx: SnapshotContext, filters: Filters, year: int, threshold: int) -> dict:
    """Budget, actual and forecast for the year: totals, per kommunalområde,
    and the initiatives whose forecast deviates by `threshold` or more."""
    M = T.MONEY
    view = budget.build_view(ctx, filters, year)
    columns = [M["col_budget"], M["col_actual"], M["col_forecast"], M["col_deviation"]]
    section = {"heading": M["heading"].format(year=year), "takeaway": fmt.plain(view.years_takeaway),
               "charts": [], "tables": [], "notes": []}
    if view.figures is None:
        section["notes"].append(M["no_budget"].format(year=year))
        return section
    f = dataclasses.asdict(view.figures)
    section["tables"].append(_table(M["totals"].format(year=year), [M["col_what"], *columns],
                                    [_money_row(M["row_total"], f)], numeric=(1, 2, 3, 4)))
    years = budget.by_year(ctx, filters)  # the years chart's table
    section["tables"].append(_table(M["years_caption"], [M["col_year"], *columns],
                                    [_money_row(str(int(r["year"])), r) for r in years.to_dict("records")],
                                    numeric=(1, 2, 3, 4)))
    areas = budget.by_area(ctx, filters, year, row_limit=LIST_ROWS)
    section["charts"] = [c for c in (_chart(view.years_chart, M["years_caption"]),
                                     _chart(view.areas_chart, M["areas_caption"])) if c]
    area_table = _table(M["by_area"], [M["col_area"], *columns],
                        [_money_row(r["owner_area"], r) for r in areas.to_dict("records")], numeric=(1, 2, 3, 4))
    area_table["note"] = _capped_note(len(areas), view.area_count, M["capped"])
    section["tables"].append(area_table)
    every = budget.by_initiative(ctx, filters, year, row_limit=max(view.initiative_count, 1))
    big = every[every["forecast_deviation_nok"].abs() >= max(threshold, 1)]
    amount = fmt.kr(threshold)
    if big.empty:
        section["notes"].append(M["deviations_none"].format(amount=amount))
    else:
        table = _table(M["deviations"].format(amount=amount), [M["col_initiative"], *columns],
                       [_money_row(r["name"], r) for r in big.head(LIST_ROWS).to_dict("records")],
                       numeric=(1, 2, 3, 4))
        table["note"] = _capped_note(min(len(big), LIST_ROWS), len(big), M["capped"])
        table["intro"] = M["deviations_intro"].format(amount=amount)
        section["tables"].append(table)
    return section


def cover(ctx: SnapshotContext, since: SnapshotMeta | None, filters: Filters, threshold: int,
          programme_name: str | None) -> dict:
    C = T.COVER
    meta = ctx.meta
    scope = C["scope_all"]
    if programme_name is not None:
        scope = C["scope_programme"].format(name=programme_name, programme_id=filters.programmes[0])
    lines = [
        [C["meeting_date"], fmt.date(ctx.today)],
        [C["snapshot"], meta.snapshot_id],
        [C["saved_at"], local_time(meta)],
        [C["saved_by"], meta.author or "–"],
        [C["note"], meta.note or "–"],
        [C["since"], C["since_value"].format(date=fmt.date(since.created), snapshot_id=since.snapshot_id)
         if since else C["no_since"]],
        [C["scope"], scope],
        [C["threshold"], fmt.kr(threshold)],
    ]
    shown = [f.name for f in dataclasses.fields(filters) if getattr(filters, f.name)]
    if programme_name is not None:
        shown.remove("programmes")  # said as the scope
    chosen = [f"{T.FILTER_LABELS[name]}: {', '.join(getattr(filters, name))}" for name in shown]
    if chosen:
        lines.append([C["filters"], "; ".join(chosen)])
    return {"title": T.TITLE, "subtitle": T.SUBTITLE, "lines": lines,
            "demo": texts.DEMO_NOTICE if meta.is_demo else None, "made_by": C["made_by"]}


# -- the whole pack --------------------------------------------------------------------------

def build(ctx: SnapshotContext, filters: Filters | None = None, since: SnapshotMeta | None = None,
          threshold: int = DEFAULT_THRESHOLD, programme_name: str | None = None) -> dict:
    """The pack's data (see the module's docstring); charts as Vega-Lite specs."""
    filters = filters or Filters()
    view = overview.build_view(ctx, filters)
    rows = portfolio_rows(ctx, filters)
    portfolio, appendix = portfolio_section(view, rows)
    year = budget.default_year(ctx, budget.by_year(ctx, filters)["year"].astype(int).tolist()) or ctx.today.year
    # Decisions since last time, top risks and benefits progress go here once
    # their governance tables exist (issue 15).
    return {
        "lang": "nb", "region": "NO",
        "title": f"{T.TITLE} {fmt.date(ctx.today)}",
        "author": ctx.meta.author or T.TITLE,
        "timestamp": int(ctx.meta.created.timestamp()),
        "footer": T.FOOTER.format(snapshot_id=ctx.snapshot_id),
        "labels": {"figure": T.FIGURE, "table": T.TABLE, "page": T.PAGE, "contents": T.COVER["contents"]},
        "status_tints": dict(charts.STATUS_TINTS),
        "cover": cover(ctx, since, filters, threshold, programme_name),
        "since": since_section(ctx, since, filters, threshold),
        "attention": attention_section(ctx, filters, rows),
        "portfolio": portfolio,
        "money": money_section(ctx, filters, year, threshold),
        "appendix": appendix,
    }


def programme_name(ctx: SnapshotContext, programme: str | None) -> str | None:
    if programme is None:
        return None
    options = ctx.query("filter_options")
    found = options.loc[(options["kind"] == "programme") & (options["value"] == programme), "label"]
    return str(found.iloc[0]) if len(found) else programme


def file_name(ctx: SnapshotContext) -> str:
    return T.FILE_NAME.format(date=ctx.today.isoformat())
