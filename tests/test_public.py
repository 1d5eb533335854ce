"""The public tab: public by construction.

A snapshot with a sentinel in every internal column and in every column of
every row that is not public must not show that sentinel anywhere the public
can look: the public pages (AppTest, every element's text and every table's
values), the browser's HTML and text, and the files of `export-public`. The
governance register too: risks and checklist answers are sentinels through
and through (they are never public), a decision or benefit that is not
public is a sentinel in every column, a public benefit's owner and a public
measurement's comment are sentinels, and so is every value of a measurement
of a benefit that is not public. The collaboration tables too: surveys and
scores are sentinels through and through, so is an engagement that is not
public, and a public engagement's participant counts and note.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from google.protobuf import text_format
from streamlit.testing.v1 import AppTest

from conftest import DEMO_DATA, DEMO_TODAY, ROOT, budget, initiative, milestone, run_portfolio, tables
from portfolio import fmt
from portfolio.model import schema
from portfolio.present import public as public_view
from portfolio.present import public_decidim
from portfolio.store import public
from portfolio.store.snapshots import Store
from portfolio.texts import about as about_texts
from portfolio.texts import decidim_pages as D
from portfolio.texts import public as T

PUBLIC_APP = str(ROOT / "public.py")
DASHBOARD = str(ROOT / "dashboard.py")
PUBLIC_PAGES = ["views/public_page.py", "views/about_data.py", "views/accessibility.py"]

SENTINEL = "HEMMELIG-SENTINEL"
SECRET_SLUG = "hemmelig-sentinel"  # ids must be slugs
SECRET_DATE = dt.date(2031, 7, 19)
SECRET_YEAR = 2099
SECRET_AMOUNTS = (987654321, 876543219, 765432198)
SECRET_DATE_TEXTS = ("19.07.2031", "2031-07-19", "19/07/2031")
# Values the public may see, to prove that the checks look where the data is
PUBLIC_NAME = "Apent tiltak med synlig navn"
PUBLIC_SUMMARY = "Et offentlig sammendrag i klart språk."
PUBLIC_MILESTONE = "Synlig milepael for alle"
PUBLIC_DECISION = "Synlig vedtak for alle"
PUBLIC_DECISION_TEXT = "Vedtaket slik det er skrevet, for alle."
PUBLIC_BENEFIT = "Synlig gevinst for alle"
PUBLIC_INDICATOR = "Synlig indikator for alle"
PUBLIC_MEASURED = 4321.0  # shown as "4 321"
PUBLIC_ENGAGEMENT = "Synlig dialogmote for alle"
PUBLIC_PLACE = "Synlig sted for alle"
PUBLIC_DECIDIM_RESULT = "Synlig resultat i Decidim for alle"
PUBLIC_DECIDIM_URL = "https://deltakristiansand.no/processes/apen/f/31/results/7001"


def secret(column: str) -> str:
    return f"{SENTINEL}-{column}"


def internal_text_columns(table: str) -> list[str]:
    """Internal columns that hold free text (the others are flags or allowed values)."""
    t = schema.TABLES[table]
    return [c.name for c in t.columns if not c.public and c.type_name == "string" and c.allowed is None]


def secret_row_values(table: str) -> dict:
    """Every column of a row that is not public, filled with a sentinel where
    the data model allows any value (ids as slugs, dates, amounts, years)."""
    values = {}
    for c in schema.TABLES[table].columns:
        if c.allowed is not None or c.type_name == "bool":
            continue
        if c.name.endswith("_id") and c.name != "parent_id":
            values[c.name] = f"{SECRET_SLUG}-{table}-{c.name.replace('_', '-')}"
        elif c.type_name == "string":
            values[c.name] = secret(c.name)
        elif c.type_name == "list":
            values[c.name] = [secret(c.name)]
        elif c.type_name == "date":
            values[c.name] = SECRET_DATE
        elif c.name == "year":
            values[c.name] = SECRET_YEAR
        elif c.minimum is not None or c.maximum is not None:
            continue  # a number within a range (a risk's score, a checklist's item): set by the caller
        elif c.type_name == "int":
            values[c.name] = SECRET_AMOUNTS[1]
        elif c.type_name == "float":
            values[c.name] = float(SECRET_AMOUNTS[2])
    return values


def frame(table: str, rows: list[dict]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=schema.TABLES[table].column_names)


def governance_tables(secret_id: str) -> dict:
    """The governance register of `sentinel_tables()`: of the public
    initiative «apen-a», a public decision and a public benefit with a
    measurement (their internal columns sentinels), a decision and a benefit
    that are not public (every column a sentinel, the benefit's measurement
    too), a risk and a checklist answer (every column a sentinel: never
    public); of the internal initiative, the same rows, none public."""
    def secret_rows(table: str, suffix: str, **fixed) -> dict:
        row = {k: (f"{v}-{suffix}" if isinstance(v, str) and k.endswith("_id") else v)
               for k, v in secret_row_values(table).items()}
        return {**row, **fixed}

    decisions, checklist, risks, benefits, measurements = [], [], [], [], []
    for owner, suffix in (("apen-a", "a"), (secret_id, "internal")):
        decisions.append(secret_rows("decisions", suffix, initiative_id=owner, body="KDL", decision_point="BP2",
                                     is_public=False))
        checklist.append(secret_rows("checklist_answers", suffix, initiative_id=owner, decision_point="BP1",
                                     item_no=3))
        risks.append(secret_rows("risks", suffix, initiative_id=owner, probability=4, consequence=5,
                                 residual_probability=2, residual_consequence=3, status="åpen",
                                 strategy="redusere"))
        benefit = secret_rows("benefits", suffix, initiative_id=owner, kind="direkte", unit="antall", is_public=False)
        benefits.append(benefit)
        measurements.append(secret_rows("benefit_measurements", suffix, benefit_id=benefit["benefit_id"]))
    decisions.append(dict(decision_id="apen-vedtak", initiative_id="apen-a", decided_on=dt.date(2026, 5, 4),
                          body="KDL", decision_point="BP3", title=PUBLIC_DECISION, text=PUBLIC_DECISION_TEXT,
                          case_number="26/00123", is_public=True))
    benefits.append(dict(benefit_id="apen-gevinst", initiative_id="apen-a", title=PUBLIC_BENEFIT, kind="direkte",
                         owner=secret("owner"), indicator=PUBLIC_INDICATOR, unit="antall", baseline=1000.0,
                         baseline_on=dt.date(2025, 1, 1), target=6000.0, target_on=dt.date(2027, 12, 31),
                         is_public=True))
    measurements.append(dict(benefit_id="apen-gevinst", measured_on=dt.date(2026, 3, 2), value=PUBLIC_MEASURED,
                             comment=secret("comment")))
    return {
        "decisions": frame("decisions", decisions),
        "checklist_answers": frame("checklist_answers", checklist),
        "risks": frame("risks", risks),
        "benefits": frame("benefits", benefits),
        "benefit_measurements": frame("benefit_measurements", measurements),
    }


def collaboration_tables(secret_id: str) -> dict:
    """The collaboration tables of `sentinel_tables()`: of the public
    initiative «apen-a», a public engagement (its participant counts and note
    sentinels: internal columns) and one that is not public (every column a
    sentinel); of the internal initiative, the same, none public; surveys of
    both and of the internal initiative's kommunalområde with their scores
    (every column a sentinel: never public)."""
    counts = dict.fromkeys(schema.PARTICIPANT_COLUMNS, SECRET_AMOUNTS[1])

    def secret_rows(table: str, suffix: str, **fixed) -> dict:
        row = {k: (f"{SECRET_SLUG}-{k.replace('_', '-')}-{suffix}" if k.endswith("_id") else v)
               for k, v in secret_row_values(table).items()}
        return {**row, **fixed}

    engagements, surveys, scores = [], [], []
    for owner, suffix in (("apen-a", "a"), (secret_id, "internal"), (None, "area")):
        if owner is not None:
            engagements.append(secret_rows("engagements", suffix, initiative_id=owner, kind="seminar",
                                           is_public=False, **counts))
        survey = secret_rows("collaboration_surveys", suffix, initiative_id=owner, respondents=SECRET_AMOUNTS[0],
                             area=secret("owner_area") if owner is None else None)
        surveys.append(survey)
        scores.append(secret_rows("collaboration_scores", suffix, survey_id=survey["survey_id"], mean=4.25,
                                  n=SECRET_AMOUNTS[1]))
    engagements.append(dict(engagement_id="apen-medvirkning", initiative_id="apen-a", kind="dialogmøte",
                            title=PUBLIC_ENGAGEMENT, held_on=dt.date(2026, 4, 20), place=PUBLIC_PLACE,
                            is_public=True, note=secret("note"), **counts))
    return {
        "engagements": frame("engagements", engagements),
        "collaboration_surveys": frame("collaboration_surveys", surveys),
        "collaboration_scores": frame("collaboration_scores", scores),
    }


def sentinel_tables() -> dict:
    """A public programme and initiative with sentinels in every internal
    column; an internal initiative, an internal milestone of a public
    initiative and a public-flagged milestone of the internal initiative with
    sentinels in every column."""
    internal_init = {c: secret(c) for c in internal_text_columns("initiatives")}
    secret_init = secret_row_values("initiatives")
    secret_id = secret_init["initiative_id"]
    secret_init.update(parent_id=None, end_date=SECRET_DATE + dt.timedelta(days=1), is_public=False,
                       url=f"https://{SECRET_SLUG}.example/url")
    initiatives = [
        initiative("apen-programmet", name="Apent program", is_public=True,
                   public_summary="Programmet er offentlig.", parent_id=None, **internal_init),
        initiative("apen-a", name=PUBLIC_NAME, is_public=True, public_summary=PUBLIC_SUMMARY,
                   parent_id="apen-programmet", **internal_init),
        # public, but its programme is internal: the reference must not be shown
        initiative("apen-b", name="Apent tiltak under internt program", is_public=True,
                   public_summary="Et annet offentlig tiltak.", parent_id=secret_id, **internal_init),
        initiative(secret_id, **{k: v for k, v in secret_init.items() if k != "initiative_id"}),
    ]
    internal_budget = {"forecast_nok": SECRET_AMOUNTS[0], "note": secret("note")}
    budgets = [
        budget("apen-a", 2026, budget_nok=400_000, actual_nok=123_000, **internal_budget),
        budget("apen-programmet", 2025, **internal_budget),
        budget(secret_id, **{k: v for k, v in secret_row_values("budgets").items() if k != "initiative_id"}),
    ]
    secret_ms = secret_row_values("milestones")
    milestones = [
        milestone("apen-ms", "apen-a", title=PUBLIC_MILESTONE, is_public=True, note=secret("note"),
                  completed_date=dt.date(2026, 3, 1), due_date=dt.date(2026, 2, 1)),
        milestone(f"{SECRET_SLUG}-internal-ms", "apen-a", is_public=False,
                  **{k: v for k, v in secret_ms.items() if k not in ("milestone_id", "initiative_id")}),
        milestone(f"{SECRET_SLUG}-flagged-ms", secret_id, is_public=True,
                  **{k: v for k, v in secret_ms.items() if k not in ("milestone_id", "initiative_id")}),
    ]
    return {**tables(initiatives, budgets, milestones), **governance_tables(secret_id),
            **collaboration_tables(secret_id), **decidim_tables(secret_id)}


EARLIER_CREATED = dt.datetime(2026, 6, 1, 13, tzinfo=dt.UTC)  # what the overview's "what changed" compares with
LATEST_CREATED = dt.datetime(2026, 11, 16, 13, tzinfo=dt.UTC)


def earlier_sentinel_tables() -> dict:
    """The portfolio some months before `sentinel_tables()`: the internal
    initiative was public then (every value of it a sentinel, a public
    milestone and budget rows included), the public initiative was internal
    with a secret name, and the other one was in an earlier phase. The public
    page may say that something is new and name a phase change, but must not
    show anything of a row that is not public now."""
    earlier = sentinel_tables()
    initiatives = earlier["initiatives"]
    secret_row = initiatives["initiative_id"].str.startswith(SECRET_SLUG)
    initiatives.loc[secret_row, "is_public"] = True
    initiatives.loc[initiatives["initiative_id"] == "apen-a", "is_public"] = False
    initiatives.loc[initiatives["initiative_id"] == "apen-a", "name"] = secret("old-name")
    initiatives.loc[initiatives["initiative_id"] == "apen-b", "phase"] = "Planlegge"
    # the internal initiative's decision, benefit and engagement were public then; «apen-a»'s could not be
    for name in ("decisions", "benefits", "engagements"):
        rows = earlier[name]
        rows["is_public"] = rows["initiative_id"].str.startswith(SECRET_SLUG)
    return earlier


@pytest.fixture(scope="module")
def sentinel_data(tmp_path_factory) -> Path:
    """Two snapshots: the earlier one (earlier_sentinel_tables) and the
    latest (sentinel_tables), which the public pages show."""
    root = tmp_path_factory.mktemp("sentinel") / "data"
    store = Store(root)
    first = store.write(earlier_sentinel_tables(), author=secret("author"), note=secret("note"),
                        created_at=EARLIER_CREATED)
    store.write(sentinel_tables(), author=secret("author"), note=secret("note"), base_id=first.snapshot_id,
                created_at=LATEST_CREATED)
    return root


def leaks(text: str) -> list[str]:
    """Every sentinel found in `text` (strings, dates, years and amounts, also
    when formatted with thousands separators)."""
    found = []
    lowered = text.casefold()
    if SENTINEL.casefold() in lowered:
        index = lowered.index(SENTINEL.casefold())
        found.append(text[max(index - 40, 0): index + 60])
    found += [d for d in SECRET_DATE_TEXTS if d in text]
    digits = re.sub(r"[\s\u00a0\u202f.,]", "", text)
    found += [str(a) for a in SECRET_AMOUNTS if str(a) in digits]
    if re.search(rf"\b{SECRET_YEAR}\b", text):
        found.append(str(SECRET_YEAR))
    return found


def _walk(node):
    yield node
    for child in getattr(node, "children", {}).values():
        yield from _walk(child)


def all_text(at: AppTest) -> str:
    """Everything AppTest rendered: each element's message (labels, bodies,
    help, options) and every table's and dataframe's values."""
    parts = []
    for node in _walk(at._tree):
        proto = getattr(node, "proto", None)
        if proto is not None:
            parts.append(text_format.MessageToString(proto, as_utf8=True))
        if getattr(node, "type", None) in ("table", "dataframe", "arrow_data_frame"):
            parts.append(node.value.to_csv())
    return "\n".join(parts)


# Expanders of the public page that are not an initiative's card
NOT_CARDS = (T.YEARS_HEADING, T.PHASES_HEADING, T.WORDS_HEADING, T.DOWNLOADS_HEADING)
OVERVIEW_TABLES = 3  # by phase, by focus area, money per year


def card_labels(at: AppTest) -> list[str]:
    """The labels of the initiatives' cards, in the page's order."""
    return [e.label for e in at.expander if e.label not in NOT_CARDS]


def card_tables(at: AppTest) -> list:
    """The money tables of the open cards (after the overview's tables)."""
    return list(at.table)[OVERVIEW_TABLES:]


def run(script: str, page: str | None = None, query: dict | None = None, open_cards: bool = False) -> AppTest:
    """Run a page; with `open_cards`, open every initiative's card (a closed
    card draws only its label)."""
    at = AppTest.from_file(script, default_timeout=120)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    at.run()
    if page:
        at.switch_page(page).run()
    if open_cards:
        for initiative_id in public.load().initiatives["initiative_id"]:
            at.session_state[f"card_{initiative_id}"] = True
        at.run()
    assert not at.exception, [e.message for e in at.exception]
    return at


# -- the projection ------------------------------------------------------------

def test_the_projection_holds_only_public_rows_and_columns(sentinel_data):
    store = Store(sentinel_data)
    projected = public.project(public.snapshot_reader(store, store.latest().snapshot_id))
    for name, table in projected.items():
        assert table.column_names == schema.TABLES[name].public_columns
    assert sorted(projected["initiatives"]["initiative_id"].to_pylist()) == ["apen-a", "apen-b", "apen-programmet"]
    assert sorted(projected["budgets"]["initiative_id"].to_pylist()) == ["apen-a", "apen-programmet"]
    assert projected["milestones"]["milestone_id"].to_pylist() == ["apen-ms"]
    assert projected["decisions"]["decision_id"].to_pylist() == ["apen-vedtak"]
    assert projected["benefits"]["benefit_id"].to_pylist() == ["apen-gevinst"]
    # a measurement of a benefit that is not public (of a public initiative) is not projected
    assert projected["benefit_measurements"]["benefit_id"].to_pylist() == ["apen-gevinst"]
    assert "risks" not in projected and "checklist_answers" not in projected
    # an engagement without its participant counts and note; surveys and scores never
    assert projected["engagements"]["engagement_id"].to_pylist() == ["apen-medvirkning"]
    assert "collaboration_surveys" not in projected and "collaboration_scores" not in projected
    parents = dict(zip(projected["initiatives"]["initiative_id"].to_pylist(),
                       projected["initiatives"]["parent_id"].to_pylist(), strict=False))
    assert parents == {"apen-programmet": None, "apen-a": "apen-programmet", "apen-b": None}
    text = "\n".join(t.to_pandas().to_csv() for t in projected.values())
    assert leaks(text) == []
    assert PUBLIC_NAME in text and PUBLIC_MILESTONE in text
    assert PUBLIC_DECISION in text and PUBLIC_BENEFIT in text and PUBLIC_INDICATOR in text
    assert PUBLIC_ENGAGEMENT in text and PUBLIC_PLACE in text


def test_the_projection_drops_public_rows_of_internal_initiatives(sentinel_data):
    """Validation refuses a public decision or benefit of an internal
    initiative; should such rows reach the projection anyway (data written
    around the validator), it still shows nothing of them: the rows read
    from the latest snapshot, with every decision and benefit flagged
    public."""
    store = Store(sentinel_data)
    read = public.snapshot_reader(store, store.latest().snapshot_id)

    def flagged(table: str, columns: list[str]) -> pa.Table:
        rows = read(table, columns)
        if table in ("decisions", "benefits", "engagements"):
            index = rows.schema.get_field_index(public.ROW_FLAG)
            rows = rows.set_column(index, public.ROW_FLAG, pa.array([True] * rows.num_rows, pa.bool_()))
        return rows

    projected = public.project(flagged)
    assert set(projected["decisions"]["initiative_id"].to_pylist()) == {"apen-a"}
    assert set(projected["benefits"]["initiative_id"].to_pylist()) == {"apen-a"}
    assert set(projected["engagements"]["initiative_id"].to_pylist()) == {"apen-a"}
    shown = set(projected["benefits"]["benefit_id"].to_pylist())
    assert set(projected["benefit_measurements"]["benefit_id"].to_pylist()) <= shown
    internal = [b for b in shown if b != "apen-gevinst"]  # «apen-a»'s internal benefit, now flagged
    assert internal and all(b.startswith(SECRET_SLUG) for b in internal)
    text = "\n".join(t.to_pandas().to_csv() for name, t in projected.items() if name != "initiatives")
    # nothing of the internal initiative's rows, though they were flagged public
    assert "internal" not in text


def test_an_internal_initiatives_decidim_links_never_reach_the_public(sentinel_data):
    """The projection holds the links of public initiatives and the Decidim rows they name: the internal
    initiative's link to a result titled with the sentinel (and its proposal and meeting) is not there."""
    data = public.latest_data(sentinel_data)
    assert data.decidim_links[["entity", "decidim_id", "initiative_id"]].values.tolist() == [
        ["results", 7001, "apen-a"]]
    assert data.decidim_results["title"].tolist() == [PUBLIC_DECIDIM_RESULT]
    assert data.decidim_proposals.empty and data.decidim_meetings.empty
    for name in ("decidim_links", *schema.DECIDIM_TABLES):
        assert leaks(getattr(data, name).to_csv()) == [], name
    shown = public_decidim.card_decidim(data, "apen-a")
    assert shown.table[D.COL_LINK].tolist() == [PUBLIC_DECIDIM_URL]
    assert shown.table[D.COL_PROGRESS].tolist() == [40.0]
    assert "deltakristiansand.no" in shown.sentence
    secret_id = next(i for i in Store(sentinel_data).read_frames(Store(sentinel_data).latest().snapshot_id)
                     ["initiatives"]["initiative_id"] if i.startswith(SECRET_SLUG))
    assert public_decidim.card_decidim(data, secret_id) is None


def test_internal_columns_are_never_read(sentinel_data, monkeypatch):
    """Every read from the store asks for an explicit list of columns (the
    lake selects only those from its data files): the public ones and the
    is_public row flag, never an internal column."""
    calls = []
    original = Store.read_columns

    def spy(self, snapshot_id, table, columns):
        calls.append((table, list(columns)))
        return original(self, snapshot_id, table, columns)

    monkeypatch.setattr(Store, "read_columns", spy)
    public._snapshot_data.cache_clear()
    data = public.latest_data(sentinel_data)
    assert data is not None and len(data.initiatives) == 3
    assert sorted(name for name, _ in calls) == sorted(public.PUBLIC_TABLES)
    assert {"risks", "checklist_answers"}.isdisjoint(public.PUBLIC_TABLES)  # never read at all
    for name, columns in calls:
        internal = set(columns) - set(schema.TABLES[name].public_columns)
        assert internal <= {public.ROW_FLAG}, (name, internal)


def test_the_lake_reads_only_the_columns_asked_for(sentinel_data):
    """DuckDB's plan for the public read projects the asked-for columns only:
    internal columns are not read from the data files."""
    store = Store(sentinel_data)
    columns = public.read_columns("initiatives")
    cur = store.cursor()
    try:
        plan = cur.execute(
            "explain select " + ", ".join(f'"{c}"' for c in columns)
            + " from lake.initiatives where snapshot_id = $id", {"id": store.latest().snapshot_id}
        ).fetchall()[0][1]
    finally:
        cur.close()
    internal = set(schema.TABLES["initiatives"].column_names) - set(columns)
    assert "status_summary" in internal
    projected = plan.split("Projections:")[1].split("Filters:")[0] if "Projections:" in plan else plan
    assert not [name for name in internal if re.search(rf"\b{name}\b", projected)], projected


def test_the_row_flag_is_the_only_internal_column_read():
    for name, table in schema.TABLES.items():
        extra = set(public.read_columns(name)) - set(table.public_columns)
        assert extra == ({"is_public"} if "is_public" in table.column_names else set())


def test_abbreviations_from_the_data_are_written_out():
    assert public_view.plain("BP1: Mandat for konseptfasen behandlet i KDL") == (
        "Beslutningspunkt 1: Mandat for konseptfasen behandlet i kommunedirektørens ledergruppe"
    )
    assert public_view.plain("Godkjent ved BP3") == "Godkjent ved beslutningspunkt 3"
    assert public_view.plain("KDLX og BPX") == "KDLX og BPX"
    assert public_view.word_list(["a", "b", "c"]) == "a, b og c"
    assert public_view.phase_position("Gjennomføre") == "Fase 4 av 6: Gjennomføre"


# -- the leak test: pages, browser, export ----------------------------------------

@pytest.mark.parametrize("script", [PUBLIC_APP, DASHBOARD])
def test_no_sentinel_reaches_a_public_page(sentinel_data, data_env, script):
    data_env(sentinel_data)
    public._snapshot_data.cache_clear()
    pages = PUBLIC_PAGES if script == PUBLIC_APP else ["views/public_page.py", "views/accessibility.py"]
    for page in pages:
        at = run(script, page, open_cards=page == "views/public_page.py")
        text = all_text(at)
        assert leaks(text) == [], (page, leaks(text))
        if page == "views/public_page.py":
            # the checks look where the public data is
            assert PUBLIC_NAME in text and PUBLIC_SUMMARY in text and PUBLIC_MILESTONE in text
            assert PUBLIC_DECISION in text and PUBLIC_DECISION_TEXT in text and "26/00123" in text
            assert PUBLIC_BENEFIT in text and PUBLIC_INDICATOR in text
            assert PUBLIC_DECIDIM_RESULT in text and PUBLIC_DECIDIM_URL in text  # its Decidim result and link
            assert "4 321 (02.03.2026)" in text.replace("\u00a0", " ")
            assert "400 000" in text.replace("\u00a0", " ")
            assert len([e for e in at.expander if e.label.startswith("Apent")]) == 3
            # the overview says what changed, of what is public now only
            assert T.CHANGES_HEADING.format(date="01.06.2026") in text
            assert T.CHANGE_NEW.format(name=PUBLIC_NAME) in text
            assert T.CHANGE_PHASE.format(name="Apent tiltak under internt program", old="Planlegge",
                                         new="Gjennomføre") in text
            assert T.COUNT_SENTENCE.format(count=3) in text


INTERNAL_PAGES = sorted(str(f.relative_to(ROOT)) for f in (ROOT / "views").glob("*.py")
                        if str(f.relative_to(ROOT)) not in PUBLIC_PAGES)


@pytest.mark.parametrize("page", INTERNAL_PAGES)
def test_internal_pages_show_nothing_in_the_public_app(sentinel_data, data_env, page):
    """AppTest can run any page file inside the public app; no internal page
    may show data there."""
    data_env(sentinel_data)
    at = AppTest.from_file(PUBLIC_APP, default_timeout=120)
    at.switch_page(page)
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    assert leaks(all_text(at)) == []
    assert not at.dataframe and not at.get("vega_lite_chart")
    # what shows is the public page (its overview's key figures), never an internal page's
    public_metrics = (T.METRIC_COUNT, T.METRIC_BUDGET.split("{")[0], T.METRIC_SPENT_PAST.split("{")[0])
    assert all(m.label.startswith(public_metrics) for m in at.metric), [m.label for m in at.metric]


def test_om_dataene_in_the_public_app_shows_only_public_data(sentinel_data, data_env):
    data_env(sentinel_data)
    at = run(PUBLIC_APP, "views/about_data.py")
    text = all_text(at)
    assert leaks(text) == []
    assert "Apent program: 1 tiltak hører til programmet. Prosjekteier er Eier." in text
    # the internal app names the project leader and who saved the data
    at = run(DASHBOARD, "views/about_data.py")
    text = all_text(at)
    assert secret("project_leader") in text and secret("author") in text


@pytest.mark.browser
def test_no_sentinel_reaches_the_browser(sentinel_data):
    from browser import ARTIFACTS, chromium, open_every_expander, streamlit_server, wait_until_idle

    with streamlit_server("public.py", sentinel_data, today=DEMO_TODAY.isoformat()) as url, chromium(viewport=(390, 844)) as page:
        # a link to an internal page, as the server's first request, does
        # not reach it: public.py registers only the public pages
        page.goto(f"{url}/overview")
        wait_until_idle(page)
        html, body = page.content(), page.inner_text("body")
        assert leaks(html) == [] and leaks(body) == []
        assert page.locator("h1", has_text="Oversikt").count() == 0
        for path in ("", "/om-dataene", "/tilgjengelighet"):
            page.goto(url + path)
            wait_until_idle(page)
            open_every_expander(page)
            html, body = page.content(), page.inner_text("body")
            assert leaks(html) == [], (path, leaks(html))
            assert leaks(body) == [], (path, leaks(body))
            if path == "":
                assert PUBLIC_NAME in body and PUBLIC_MILESTONE in body
                page.screenshot(path=str(ARTIFACTS / "public-sentinel-phone.png"))


def decidim_tables(secret_id: str) -> dict:
    """The Decidim tables of `sentinel_tables()`: a result linked to the public
    initiative «apen-a» (public: Decidim publishes it), and a result, a
    proposal and a meeting linked only to the internal initiative, every
    column a sentinel (the link of an internal initiative, and what it names,
    never reach the public)."""
    common = dict(category="Oppvekst", scope=None, component_id=31, host="deltakristiansand.no")
    secret_common = dict(category=secret("category"), scope=secret("scope"), component_id=SECRET_AMOUNTS[2],
                         host=f"{SECRET_SLUG}.example")
    results = [
        dict(decidim_id=7001, parent_id=None, title=PUBLIC_DECIDIM_RESULT, start_date=dt.date(2026, 1, 5),
             end_date=dt.date(2026, 12, 20), status="Under arbeid", progress=40.0, url=PUBLIC_DECIDIM_URL, **common),
        dict(decidim_id=7002, parent_id=None, title=SENTINEL, start_date=SECRET_DATE, end_date=SECRET_DATE,
             status=secret("status"), progress=77.0, url=f"https://{SECRET_SLUG}.example/results/7002",
             **secret_common),
    ]
    proposals = [dict(decidim_id=7003, title=secret("proposal"), state="accepted", endorsements=SECRET_AMOUNTS[0],
                      votes=SECRET_AMOUNTS[1], published_on=SECRET_DATE,
                      url=f"https://{SECRET_SLUG}.example/proposals/7003", **secret_common)]
    meetings = [dict(decidim_id=7004, title=secret("meeting"), starts_at="2031-07-19 18:00",
                     ends_at="2031-07-19 20:00", address=secret("address"), is_online=False,
                     attendees=SECRET_AMOUNTS[2], url=f"https://{SECRET_SLUG}.example/meetings/7004",
                     **secret_common)]
    links = [dict(entity="results", decidim_id=7001, initiative_id="apen-a"),
             dict(entity="results", decidim_id=7002, initiative_id=secret_id),
             dict(entity="proposals", decidim_id=7003, initiative_id=secret_id),
             dict(entity="meetings", decidim_id=7004, initiative_id=secret_id)]
    return {"decidim_results": frame("decidim_results", results), "decidim_proposals": frame("decidim_proposals", proposals),
            "decidim_meetings": frame("decidim_meetings", meetings), "decidim_links": frame("decidim_links", links)}


def test_export_public_writes_only_public_data(sentinel_data, tmp_path):
    out = tmp_path / "offentlig"
    result = run_portfolio("export-public", str(out), env={"PORTFOLIO_DATA": str(sentinel_data)})
    assert result.returncode == 0, result.stderr
    assert "3 tiltak, 2 budsjettlinjer og 1 milepæler" in result.stdout
    files = sorted(p.name for p in out.iterdir())
    assert files == sorted(["_public.json", *(f"{name}.{kind}" for name in public.PUBLIC_TABLES
                                              for kind in ("csv", "parquet"))])
    assert not {"risks", "checklist_answers", "collaboration_surveys", "collaboration_scores"} & {
        name.split(".")[0] for name in files}
    for path in out.iterdir():
        raw = path.read_bytes()
        assert SENTINEL.encode().lower() not in raw.lower(), path.name
        text = raw.decode("utf-8", errors="replace")
        if path.suffix != ".parquet":
            assert leaks(text) == [], (path.name, leaks(text))
    # Parquet is written uncompressed, so the byte check above sees the values
    assert PUBLIC_NAME.encode() in (out / "initiatives.parquet").read_bytes()
    for name in public.PUBLIC_TABLES:
        table = pq.read_table(out / f"{name}.parquet")  # every column the file has
        assert table.column_names == schema.TABLES[name].public_columns
        decoded = table.to_pandas().to_csv() + json.dumps(
            {k.decode(): v.decode() for k, v in (table.schema.metadata or {}).items()})
        assert leaks(decoded) == [], (name, leaks(decoded))
    info = json.loads((out / "_public.json").read_text())
    assert info["row_counts"] == {"initiatives": 3, "budgets": 2, "milestones": 1, "decisions": 1,
                                  "benefits": 1, "benefit_measurements": 1, "engagements": 1,
                                  "decidim_links": 1, "decidim_results": 1, "decidim_projects": 0,
                                  "decidim_proposals": 0, "decidim_meetings": 0}
    assert "author" not in info


def test_export_public_of_an_unknown_snapshot_fails_clearly(sentinel_data, tmp_path):
    result = run_portfolio("export-public", str(tmp_path / "ut"), "--snapshot", "finnes-ikke",
                           env={"PORTFOLIO_DATA": str(sentinel_data)})
    assert result.returncode == 2
    assert "finnes-ikke" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "ut").exists()


def test_publish_writes_no_sentinel_into_any_file(sentinel_data, tmp_path, monkeypatch):
    """`publish` (site, open data, catalogue, feeds, marker): no sentinel in
    the bytes of any file, in any text file's text, nor in the values and
    metadata of its Parquet files decoded."""
    from portfolio import cli

    settings = tmp_path / "publish.toml"
    settings.write_text('[publisher]\nname = "Testkommune"\norganisation_number = "963296746"\n'
                        '[contact]\nname = "Postmottak"\nemail = "post@example.no"\n', encoding="utf-8")
    out = tmp_path / "publisert"
    monkeypatch.setenv("PORTFOLIO_DATA", str(sentinel_data))
    assert cli.main(["publish", str(out), "--config", str(settings), "--base-url", "https://example.no/p/"]) == 0
    files = [p for p in out.rglob("*") if p.is_file()]
    assert {"index.html", "changes.xml", "kalender.ics", "datapackage.json", "catalog.jsonld",
            "initiatives.parquet"} <= {p.name for p in files}
    seen_public = False
    for path in files:
        raw = path.read_bytes()
        assert SENTINEL.encode().lower() not in raw.lower(), path
        if path.suffix == ".parquet":
            table = pq.read_table(path)
            text = table.to_pandas().to_csv() + json.dumps(
                {k.decode(): v.decode() for k, v in (table.schema.metadata or {}).items()})
        elif path.suffix in (".png", ".ico", ".woff2"):  # the site's own images: the bytes were checked above
            continue
        else:
            text = raw.decode("utf-8")
        assert leaks(text) == [], (path.relative_to(out), leaks(text))
        seen_public |= PUBLIC_NAME in text
    assert seen_public  # the check looks where the data is
    # the public initiative that became public is news; nothing of the one taken off the public data is
    feed = (out / "changes.xml").read_text()
    assert PUBLIC_NAME in feed and "Apent tiltak under internt program" in feed


def test_the_public_app_reads_an_exported_folder(sentinel_data, tmp_path, data_env, monkeypatch):
    out = tmp_path / "export"
    store = Store(sentinel_data)
    public.export(store, store.latest().snapshot_id, out)
    data_env(tmp_path / "no-snapshots-here")
    monkeypatch.setenv("PORTFOLIO_PUBLIC_DATA", str(out))
    at = run(PUBLIC_APP)
    text = all_text(at)
    assert PUBLIC_NAME in text and leaks(text) == []
    assert any("16.11.2026" in c.value for c in at.caption)
    # a folder without an export says how to make one
    monkeypatch.setenv("PORTFOLIO_PUBLIC_DATA", str(tmp_path / "empty"))
    at = run(PUBLIC_APP)
    assert any("export-public" in w.value for w in at.warning)


def test_public_app_imports_nothing_that_reads_internal_data(sentinel_data):
    """In its own process, the public app (every page) imports neither the
    query layer, the Streamlit glue of the internal pages nor the internal
    page logic, and reads the store only with public columns."""
    script = f"""
import json, sys
from streamlit.testing.v1 import AppTest
from portfolio.store.snapshots import Store
calls = []
original = Store.read_columns
def spy(self, snapshot_id, table, columns):
    calls.append([table, list(columns)])
    return original(self, snapshot_id, table, columns)
Store.read_columns = spy
at = AppTest.from_file({PUBLIC_APP!r}, default_timeout=120).run()
errors = [e.message for e in at.exception]
for page in {PUBLIC_PAGES!r}:
    at.switch_page(page).run()
    errors += [e.message for e in at.exception]
print(json.dumps({{"modules": sorted(sys.modules), "calls": calls, "errors": errors}}))
"""
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True,
        env={**os.environ, "PORTFOLIO_DATA": str(sentinel_data), "PYTHONPATH": str(ROOT),
             "PORTFOLIO_TODAY": DEMO_TODAY.isoformat()},
    )
    assert result.returncode == 0, result.stderr[-2000:]
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["errors"] == []
    modules = set(report["modules"])
    assert "portfolio.store.public" in modules
    forbidden = {"portfolio.query.runner", "portfolio.web.ui", "portfolio.present.overview", "portfolio.web.auth"}
    assert not modules & forbidden, modules & forbidden
    assert report["calls"], "the public app read no data"
    for name, columns in report["calls"]:
        assert set(columns) - set(schema.TABLES[name].public_columns) <= {"is_public"}


# -- the public page on the demo data and on large data -----------------------------

@pytest.mark.parametrize("script", [PUBLIC_APP, DASHBOARD])
def test_public_page_on_the_demo_data(data_env, script):
    data_env(DEMO_DATA)
    at = run(script, "views/public_page.py" if script == DASHBOARD else None, open_cards=True)
    assert at.title[0].value == T.TITLE
    latest = Store(DEMO_DATA).latest()
    frames = Store(DEMO_DATA).read_frames(latest.snapshot_id)
    public_names = set(frames["initiatives"].loc[frames["initiatives"]["is_public"], "name"])
    labels = card_labels(at)
    shown = {label.rsplit(" (", 1)[0] for label in labels}
    assert shown == public_names and len(shown) == 7
    assert labels[0] == "Samhandlingskommunen Kristiansand (Gjennomføre)"  # the programme first
    # the open data, as `publish` writes it: every public table as CSV and Parquet, the package, the calendar
    downloads = [b.proto.label for b in at.get("download_button")]
    assert len(downloads) == 2 * len(public.PUBLIC_TABLES) + 2 and "Tiltak (CSV)" in downloads
    text = all_text(at)
    assert "Fase 4 av 6: Gjennomføre" in text and "Fase 6 av 6: Realisere" in text
    assert any(c.value == T.UPDATED.format(date="16.11.2026") for c in at.caption)
    assert any(i.value == T.DEMO_NOTICE for i in at.info)
    # no internal codes without words: decision points and KDL are written out
    assert "11.12.2023: Beslutningspunkt 3: Plan for gjennomføring godkjent" in text
    assert "Årlig bevilgning (kommunedirektørens ledergruppe)" in text
    glossary = "\n".join(f"- {word}" for word in T.WORDS)
    shown = [m.value for m in at.markdown if m.value != glossary] + [c.value for c in at.caption] + labels
    assert not [line for line in shown if re.search(r"\b(KDL|BP\d?)\b", line)]
    # the public sees the latest published data: no snapshot picker
    assert not [s for s in at.selectbox if s.key == "snapshot_choice"]
    internal_names = set(frames["initiatives"].loc[~frames["initiatives"]["is_public"], "name"])
    assert not any(name in text for name in internal_names)
    # their results on Decidim: how far each has come (a bar with the per cent beside it) and a link back
    assert D.PUBLIC_HEADING in text
    assert ("Kommunen viser 2 resultater av dette arbeidet på deltakristiansand.no, der du kan følge dem og si din "
            "mening. I snitt er de 60\u00a0% ferdige.") in text
    results = [d.value for d in at.dataframe if D.COL_PROGRESS in d.value.columns]
    assert len(results) == 7  # every public initiative has a result in the seed
    titles = {t for frame in results for t in frame[D.COL_TITLE]}
    assert "Trygge møteplasser for ungdom på kveldstid" in titles
    assert all(frame[D.COL_LINK].str.startswith("https://deltakristiansand.no/").all() for frame in results)
    # an internal initiative's Decidim results are not there (SOSLOKAL's, Dialogmøter med formannskapet's)
    assert not {"Nabolagsprosjekt i Vågsbygd", "Innbyggernes spørsmål tas opp i dialogmøter med formannskapet"} \
        & titles
    # money: approved budget and spent per year, as Norwegian amounts
    money = card_tables(at)[0].value
    assert list(money.columns) == [T.MONEY_YEAR, T.MONEY_BUDGET, T.MONEY_SPENT]
    assert money.iloc[0, 0] == "2026" and money.iloc[0, 1].endswith("\u00a0kr")


def test_public_page_search_and_phase_filter_come_from_the_link(data_env):
    data_env(DEMO_DATA)
    frames = Store(DEMO_DATA).read_frames(Store(DEMO_DATA).latest().snapshot_id)["initiatives"]
    published = frames[frames["is_public"]]
    expected = published[(published["name"] + " " + published["public_summary"]).str.casefold()
                         .str.contains("arbeid")]["name"]
    at = run(PUBLIC_APP, query={"q": "arbeid"})
    names = [label.rsplit(" (", 1)[0] for label in card_labels(at)]
    assert "Flere i arbeid" in names and sorted(names) == sorted(expected)
    assert len(names) < len(published)
    at = run(PUBLIC_APP, query={"fase": "Realisere"})
    assert card_labels(at) == ["Storbyforskningsprosjektet – borgerpanel (Realisere)"]
    at = run(PUBLIC_APP, query={"q": "finnes-ikke-noe-sted"})
    assert any(w.value == T.NO_MATCH for w in at.warning)


@pytest.mark.parametrize("script", [PUBLIC_APP, DASHBOARD])
def test_public_page_on_large_data_shows_a_capped_list(data_env, large_data, script):
    data_env(large_data)
    public._snapshot_data.cache_clear()
    at = run(script, "views/public_page.py" if script == DASHBOARD else None)
    cards = card_labels(at)
    assert len(cards) == public_view.PAGE_SIZE  # never more to the browser than the page shows
    store = Store(large_data)
    frames = public.latest_data(large_data)
    total = len(frames.initiatives)
    assert total > public_view.PAGE_SIZE
    count = T.COUNT.format(shown=fmt.number(public_view.PAGE_SIZE), total=fmt.number(total))
    assert any(c.value.startswith(count) for c in at.caption)
    assert store.latest().row_counts["initiatives"] == 3000
    # the shown cards, opened: the Decidim results of those that have some, from the projection
    linked = set(frames.decidim_links.loc[frames.decidim_links["entity"] == "results", "initiative_id"])
    shown = [i for i in public_view.cards(frames)[0] if i.initiative_id in linked][:3]
    assert shown
    for card in shown:
        at.session_state[card.key] = True
    at.run()
    assert not at.exception
    results = [d.value for d in at.dataframe if D.COL_PROGRESS in d.value.columns]
    assert len(results) == len(shown)
    assert all(frame[D.COL_PROGRESS].between(0, 100).all() for frame in results)


def test_about_pages_on_demo_and_large_data(data_env, large_data):
    for data in (DEMO_DATA, large_data):
        data_env(data)
        for script in (PUBLIC_APP, DASHBOARD):
            at = run(script, "views/about_data.py")
            assert at.title[0].value == about_texts.ABOUT_TITLE
            assert [h.value for h in at.header] == [
                about_texts.WHAT_HEADING, about_texts.OPEN_DATA_HEADING, about_texts.FRESH_HEADING,
                about_texts.WHO_HEADING, about_texts.DEMO_HEADING,
            ]
            text = all_text(at)
            assert "16.11.2026" in text and "postmottak@kristiansand.kommune.no" in text
            if data == DEMO_DATA:
                assert "Samhandlingskommunen Kristiansand: " in text and "Camilla Jarlsby" in text
                assert about_texts.DEMO_YES in text
                assert ("Svein Ove Ueland" in text) == (script == DASHBOARD)
            at = run(script, "views/accessibility.py")
            assert at.title[0].value == about_texts.STATEMENT_TITLE
            text = all_text(at)
            assert "uutilsynet.no" in text and "23.11.2026" in text and "delvis" in text


def test_without_public_initiatives_the_page_says_so(tmp_path, data_env):
    root = tmp_path / "data"
    internal = sentinel_tables()
    for name in ("initiatives", "decisions", "benefits", "engagements"):  # each public one needs a public initiative
        internal[name]["is_public"] = False
    Store(root).write(internal, author="test", note="alt internt")
    data_env(root)
    at = run(PUBLIC_APP)
    assert any(i.value == T.NO_DATA for i in at.info)
    assert leaks(all_text(at)) == []
    at = run(PUBLIC_APP, "views/about_data.py")
    assert leaks(all_text(at)) == [] and about_texts.WHO_NONE in all_text(at)


def test_a_card_draws_its_details_only_when_open(data_env):
    """Closed cards cost one line each; opening one draws it (and a search
    with a single match opens that card at once)."""
    data_env(DEMO_DATA)
    at = run(PUBLIC_APP)
    assert not card_tables(at) and "Fase 4 av 6" not in all_text(at)
    at.session_state["card_flere-i-arbeid"] = True
    at.run()
    assert len(card_tables(at)) == 1 and "Fase 4 av 6: Gjennomføre" in all_text(at)
    at = run(PUBLIC_APP, query={"fase": "Realisere"})
    assert len(card_tables(at)) == 1 and "Fase 6 av 6: Realisere" in all_text(at)


# -- the overview at the top, and spending above the budget in words -----------------

def test_public_page_opens_with_an_overview_in_plain_language(data_env):
    """A politician understands the page from its first screen: how many
    initiatives, in which phases and focus areas, the money, what changed
    since the comparison snapshot (the demo's previous one, a year before)."""
    data_env(DEMO_DATA)
    at = run(PUBLIC_APP)
    assert [h.value for h in at.header][:1] == [T.OVERVIEW_HEADING]
    metrics = {m.label: m.value for m in at.metric}
    assert metrics == {T.METRIC_COUNT: "7", "Budsjett 2026": "5\u00a0400\u00a0000\u00a0kr",
                       "Brukt i 2026 så langt": "4\u00a0823\u00a0000\u00a0kr"}
    text = all_text(at).replace("\u00a0", " ")
    for sentence in (
        "Kommunen har publisert 7 tiltak her.",
        "Av dem er 6 i gang og 1 tatt i bruk.",
        "Tiltakene handler om bedre tjenester (5 tiltak), dialog med innbyggerne (4) og en bedre organisasjon (1).",
        "For 2026 er det satt av 5 400 000 kr til tiltakene. Så langt i år er 4 823 000 kr brukt.",
        "I 2026 har 1 tiltak brukt mer enn budsjettert: Flere i arbeid.",
        "Fra 2020 til 2026 er det satt av 30 950 000 kr i alt.",
        "Storbyforskningsprosjektet – borgerpanel har gått fra fasen Avslutte til fasen Realisere.",
        "Samhandlingskommunen Kristiansand: ny milepæl «Dialogverksted om sammenhengende tjenester», "
        "planlagt 03.12.2026.",
        "Budsjettet for 2026 er lagt inn: 5 400 000 kr i alt.",
    ):
        assert sentence in text, sentence
    assert [s.value for s in at.subheader][:1] == [T.CHANGES_HEADING.format(date="17.11.2025")]
    # the same counts as tables (the text alternative of any chart): every phase, every focus area
    phases, focus, years = (t.value for t in at.table[:OVERVIEW_TABLES])
    assert dict(zip(phases[T.PHASE_COLUMN], phases[T.COUNT_COLUMN], strict=True)) == {
        "Idé": "0", "Konsept": "0", "Planlegge": "0", "Gjennomføre": "6", "Avslutte": "0", "Realisere": "1"}
    assert list(focus[T.FOCUS_COLUMN]) == ["bedre tjenester", "dialog med innbyggerne", "en bedre organisasjon"]
    assert list(years[T.MONEY_YEAR]) == [str(y) for y in range(2026, 2019, -1)]
    # no internal codes or statuses in the overview
    glossary = "\n".join(f"- {word}" for word in T.WORDS)
    shown = "\n".join(m.value for m in at.markdown if m.value != glossary)
    assert not re.search(r"\b(KDL|BP\d|grønn|gul|rød)\b", shown)


def test_a_card_says_in_words_when_more_was_spent_than_budgeted(data_env):
    data_env(DEMO_DATA)
    at = run(PUBLIC_APP, query={"q": "Flere i arbeid"})  # one match: its card opens
    text = all_text(at).replace("\u00a0", " ")
    assert "Brukt 34 000 kr mer enn budsjettert for 2026." in text
    assert "Brukt 60 000 kr mer enn budsjettert for 2024." in text  # 1 010 000 + 400 000 of 1 350 000
    assert "budsjettert for 2025" not in text and "budsjettert for 2023" not in text
    at = run(PUBLIC_APP, query={"q": "borgerpanel"})
    assert "mer enn budsjettert for 2025" not in all_text(at)


def test_the_comparison_snapshot_is_the_latest_one_old_enough():
    from portfolio.present.public_overview import RECENT_DAYS, comparison_snapshot

    day = dt.timedelta(days=1)
    latest = dt.datetime(2026, 11, 16, 13, tzinfo=dt.UTC)
    snapshots = [("a", latest - 400 * day), ("b", latest - RECENT_DAYS * day), ("c", latest - 10 * day),
                 ("d", latest)]
    assert comparison_snapshot(snapshots, "d") == "b"
    assert comparison_snapshot(snapshots[2:], "d") == "c"  # a young store: the oldest before
    assert comparison_snapshot(snapshots[3:], "d") is None
    assert comparison_snapshot(snapshots, "unknown") is None


def test_an_exported_folder_shows_the_milestones_completed_recently(tmp_path, data_env, monkeypatch):
    """An export holds one projection: "what changed" is what its own dates
    say (milestones completed in the last RECENT_DAYS before publishing)."""
    root = tmp_path / "data"
    rows = sentinel_tables()
    rows["milestones"].loc[rows["milestones"]["milestone_id"] == "apen-ms", "completed_date"] = dt.date(2026, 10, 1)
    store = Store(root)
    store.write(rows, author="test", note="test", created_at=LATEST_CREATED)
    public.export(store, store.latest().snapshot_id, tmp_path / "export")
    data_env(tmp_path / "no-snapshots-here")
    monkeypatch.setenv("PORTFOLIO_PUBLIC_DATA", str(tmp_path / "export"))
    at = run(PUBLIC_APP)
    assert [s.value for s in at.subheader][:1] == [T.CHANGES_HEADING.format(date="18.08.2026")]
    assert T.CHANGE_DONE.format(name=PUBLIC_NAME, title=PUBLIC_MILESTONE, date="01.10.2026") in all_text(at)
    assert leaks(all_text(at)) == []


def test_the_phase_filter_shows_all_phases_without_a_clear_button(data_env):
    """«Alle faser» is the placeholder of an empty choice, not an option: a
    selectbox shows its clear button only when a phase is chosen (an «Alle
    faser» option counted as a choice and showed one)."""
    data_env(DEMO_DATA)
    at = run(PUBLIC_APP)
    box = at.selectbox(key="fase")
    assert box.value is None and box.placeholder == T.PHASE_ALL
    assert T.PHASE_ALL not in box.options and list(box.options) == list(public_view.PHASES)
    box.set_value(public_view.PHASES[3]).run()
    assert at.selectbox(key="fase").value == public_view.PHASES[3]
    at.selectbox(key="fase").set_value(None).run()  # the clear button
    assert at.selectbox(key="fase").value is None and not at.exception
