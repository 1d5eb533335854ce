"""«Trenger oppmerksomhet» on the overview (portfolio/present/attention.py,
queries/attention_items.sql), the links under the overview's key figures, and
"today" on demo data (issue 22, items 1 and 9)."""

from __future__ import annotations

import datetime as dt
import re
import urllib.parse

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from conftest import DEMO_DATA, DEMO_TODAY, ROOT, initiative, milestone, tables
from portfolio import config, fmt, texts
from portfolio.present import attention, changes, links, overview
from portfolio.present.history import local_time
from portfolio.query.context import SnapshotContext, today_for, today_is_demo_date
from portfolio.query.runner import Filters
from portfolio.store.snapshots import Store
from portfolio.texts import overview as A

DEMO = Store(DEMO_DATA)
METAS = DEMO.list()
RED = {"soslokal", "nye-monstre-trygg-oppvekst"}
# Status moved towards red between the KDL meetings of 17.11.2025 and 16.11.2026
WORSE = {"flere-i-arbeid", "samhandlingskommunen", "barn-fysiske-helseutfordringer", "prosjekt-decidim",
         "10-faktor", "jegerung"}
OVERDUE = ["soslokal-utvidelse", "skk-midtveisevaluering", "nye-monstre-videre-drift"]


def demo_ctx(meta=None) -> SnapshotContext:
    meta = meta or METAS[-1]
    latest = meta is METAS[-1]
    return SnapshotContext(DEMO, meta, DEMO_TODAY if latest else meta.created.date(), is_latest=latest)


def risk(risk_id: str, initiative_id: str, title: str, probability: int, consequence: int, **overrides) -> dict:
    return {"risk_id": risk_id, "initiative_id": initiative_id, "title": title, "description": None,
            "category": None, "probability": probability, "consequence": consequence, "owner": None,
            "mitigation": None, "status": "åpen", "strategy": None, "identified_on": dt.date(2026, 1, 5),
            "review_by": None, "residual_probability": None, "residual_consequence": None, **overrides}


def initiative_ids(view: attention.View, kind: str) -> list[str]:
    return [dict(item.link.params)[links.URL_INITIATIVE] for item in view.items if item.kind == kind]


# -- the comparison snapshot ---------------------------------------------------------------

def test_the_comparison_defaults_to_the_last_earlier_kdl_meeting():
    ctx = demo_ctx()
    assert all("KDL" in m.note for m in METAS)
    assert attention.default_compare(ctx) == METAS[-2].snapshot_id  # 17.11.2025, not the shown one
    options = attention.compare_options(ctx)
    assert [m.snapshot_id for m in options] == [m.snapshot_id for m in reversed(METAS[:-1])]
    # date, time (Norwegian local) and note, never the raw id
    label = attention.compare_label(options[0])
    assert label == f"{local_time(options[0])} – Status til KDL-møte 17.11.2025"
    assert label.startswith("17.11.2025 kl. 14") and options[0].snapshot_id not in label
    # on a past snapshot: the KDL meeting before that one
    assert attention.default_compare(demo_ctx(METAS[3])) == METAS[2].snapshot_id
    assert attention.default_compare(demo_ctx(METAS[0])) is None


def write(store: Store, day: dt.date, note: str, **changes_to_a) -> None:
    store.write(tables([initiative("a", **changes_to_a)]), author="Test", note=note, check_base=False,
                created_at=dt.datetime.combine(day, dt.time(12), tzinfo=dt.UTC))


def test_without_a_kdl_note_the_comparison_is_the_snapshot_of_30_days_before(store):
    for day in (dt.date(2026, 9, 1), dt.date(2026, 10, 20), dt.date(2026, 10, 30), dt.date(2026, 11, 20)):
        write(store, day, f"Oppdatering {day}")
    metas = store.list()
    ctx = SnapshotContext(store, metas[-1], dt.date(2026, 11, 23))
    assert attention.default_compare(ctx) == metas[1].snapshot_id  # current on 24.10.2026
    on_a_past_one = SnapshotContext(store, metas[2], metas[2].created.date(), is_latest=False)
    assert attention.default_compare(on_a_past_one) == metas[0].snapshot_id  # current on 30.09.2026
    all_younger = SnapshotContext(store, metas[-1], dt.date(2026, 9, 15))
    assert attention.default_compare(all_younger) == metas[0].snapshot_id  # none that old: the oldest
    write(store, dt.date(2026, 11, 21), "Etter kdl-møtet")  # any case
    write(store, dt.date(2026, 11, 22), "Retting")
    metas = store.list()
    assert attention.default_compare(SnapshotContext(store, metas[-1], dt.date(2026, 11, 23))) == metas[-2].snapshot_id


# -- the items on the demo data ----------------------------------------------------------------

def test_demo_data_red_worse_and_overdue_worst_first():
    ctx = demo_ctx()
    view = attention.build_view(ctx, Filters(), attention.default_compare(ctx))
    assert view.counts == {"red": 2, "worse": 6, "overdue": 3, "risk": 4, "decision": 0}
    assert view.total == len(view.items) == 15
    assert [item.kind for item in view.items] == (
        ["red"] * 2 + ["worse"] * 2 + ["overdue"] * 3 + ["risk"] * 4 + ["worse"] * 4)
    assert initiative_ids(view, "red") == ["soslokal", "nye-monstre-trygg-oppvekst"]
    worse = initiative_ids(view, "worse")
    assert set(worse) == WORSE and len(worse) == len(WORSE)
    # a dimension that turned red comes before other worsening
    assert set(worse[:2]) == {"flere-i-arbeid", "samhandlingskommunen"}
    sentences = [fmt.plain(item.sentence) for item in view.items]
    assert sentences[0] == "SOSLOKAL har fått rød samlet status (var gul 17.11.2025)."
    assert sentences[2] == ("Flere i arbeid har dårligere status enn 17.11.2025: samlet status fra grønn til gul, "
                            "økonomi fra grønn til rød, risiko fra grønn til gul.")
    assert sentences[4] == ("SOSLOKAL: milepælen «Utvidelse til flere lokalsamfunn» er 54 dager forsinket "
                            "(frist 30.09.2026).")
    assert sentences[7] == ("SOSLOKAL: ny høy risiko «Nøkkelpersoner har sluttet» siden 17.11.2025, score 20 "
                            "(sannsynlighet 5 × konsekvens 4).")
    assert all(s.endswith(".") and s.count(". ") == 0 for s in sentences)  # one sentence each
    # the place to act: the initiative's page
    assert view.items[0].link.url == "initiative?initiative=soslokal"
    assert "[SOSLOKAL har fått rød samlet status" in view.lines_markdown
    assert "(initiative?initiative=soslokal)" in view.lines_markdown
    # ten lines, then "og 5 til" with the rest
    assert len(view.lines) == attention.LINES == 10 and len(view.rest) == 5
    assert view.more_label == "og 5 til" and view.rest_note is None
    assert fmt.plain(view.summary) == (
        "Sammenlignet med 17.11.2025: 2 tiltak med rød samlet status, 6 tiltak med dårligere status, "
        "3 forsinkede milepæler, 4 nye høye risikoer (score 15 eller mer), "
        "ingen beslutningspunkter de neste 60 dagene.")


def test_the_items_honour_the_filters_and_the_snapshot_shown():
    ctx = demo_ctx()
    compare = attention.default_compare(ctx)
    red_only = attention.build_view(ctx, Filters(statuses=("rød",)), compare)
    assert set(initiative_ids(red_only, "red")) == RED
    assert initiative_ids(red_only, "worse") == []
    assert {dict(i.link.params)[links.URL_INITIATIVE] for i in red_only.items if i.kind == "overdue"} <= RED
    green = attention.build_view(ctx, Filters(statuses=("grønn",)), compare)
    assert green.counts["red"] == 0 and set(initiative_ids(green, "worse")) == {"10-faktor", "jegerung"}
    # against another comparison snapshot
    earlier = attention.build_view(ctx, Filters(), METAS[0].snapshot_id)
    assert earlier.compare == METAS[0] and "08.02.2021" in earlier.summary
    # nothing to compare with
    alone = attention.build_view(ctx, Filters(), None)
    assert alone.counts["worse"] == 0 and alone.compare is None
    assert fmt.plain(alone.summary).startswith("Ingen tidligere øyeblikksbilder")
    # a past snapshot: its own today, links that keep it
    past = demo_ctx(METAS[-2])
    view = attention.build_view(past, Filters(), attention.default_compare(past))
    assert view.items and all(dict(i.link.params)[links.URL_SNAPSHOT] == METAS[-2].snapshot_id for i in view.items)


def test_decision_points_and_every_kind_of_sentence(store):
    today = dt.date(2026, 11, 23)
    old = [initiative("a", status_risk="ikke vurdert"), initiative("b"), initiative("c", status_overall="rød")]
    new = [initiative("a", name="Alfa", status_risk="rød"), initiative("b", name="Beta", status_quality="ikke vurdert"),
           initiative("c", name="Ceta", status_overall="rød"), initiative("d", name="Delta", status_overall="rød")]
    bp = dict(kind="beslutningspunkt", decision_point="BP3")
    ms = [milestone("soon", "b", title="Til BP3", due_date=today + dt.timedelta(days=10), **bp),
          milestone("today", "b", title="Samme dag", due_date=today, **bp),
          milestone("late", "b", title="Etter horisonten", due_date=today + dt.timedelta(days=61), **bp),
          milestone("missed", "a", title="Glemt", due_date=today - dt.timedelta(days=1), **bp),
          milestone("plain", "a", title="Vanlig", due_date=today + dt.timedelta(days=5))]
    old_risks = [risk("r1", "a", "Turnover", 3, 4), risk("r4", "c", "Kjent", 5, 4), risk("r5", "c", "Lukket", 5, 5)]
    new_risks = [risk("r1", "a", "Turnover", 4, 4), risk("r3", "c", "Ny", 5, 3), risk("r4", "c", "Kjent", 5, 4),
                 risk("r5", "c", "Lukket", 5, 5, status="lukket"), risk("r6", "b", "Lav", 2, 2)]
    first = store.write({**tables(old), "risks": pd.DataFrame(old_risks)}, author="T", note="Før KDL-møtet",
                        created_at=dt.datetime(2026, 10, 1, tzinfo=dt.UTC))
    store.write({**tables(new, milestones=ms), "risks": pd.DataFrame(new_risks)}, author="T", note="Nå",
                base_id=first.snapshot_id, created_at=dt.datetime(2026, 11, 20, tzinfo=dt.UTC))
    ctx = SnapshotContext(store, store.latest(), today)
    view = attention.build_view(ctx, Filters(), attention.default_compare(ctx))
    sentences = [(item.kind, fmt.plain(item.sentence)) for item in view.items]
    assert sentences == [
        ("red", "Delta er nytt siden 01.10.2026 og har rød samlet status."),
        ("red", "Ceta har fortsatt rød samlet status (også 01.10.2026)."),
        ("worse", "Alfa har dårligere status enn 01.10.2026: risiko fra ikke vurdert til rød."),
        ("overdue", "Alfa: beslutningspunktet BP3 «Glemt» er 1 dag forsinket (frist 22.11.2026)."),
        # open risks at a high score (≥ 15) since the comparison: raised into it, or new; r4 was high
        # already, r5 is closed, r6 is low
        ("risk", "Alfa: risikoen «Turnover» har økt fra score 12 til 16 siden 01.10.2026 "
                 "(sannsynlighet 4 × konsekvens 4)."),
        ("risk", "Ceta: ny høy risiko «Ny» siden 01.10.2026, score 15 (sannsynlighet 5 × konsekvens 3)."),
        # "ikke vurdert" is more critical than green (schema.STATUS_SEVERITY)
        ("worse", "Beta har dårligere status enn 01.10.2026: kvalitet fra grønn til ikke vurdert."),
        ("decision", "Beta: beslutningspunkt BP3 «Samme dag» er 23.11.2026, i dag."),
        ("decision", "Beta: beslutningspunkt BP3 «Til BP3» er 03.12.2026, om 10 dager."),
    ]
    assert view.counts == {"red": 2, "worse": 2, "overdue": 1, "risk": 2, "decision": 2}
    assert "2 beslutningspunkter de neste 60 dagene" in view.summary
    assert "2 nye høye risikoer (score 15 eller mer)" in view.summary
    assert "1 forsinket milepæl," in view.summary


def test_the_list_is_capped_and_says_how_many_more_on_large_data(large_data):
    data = Store(large_data)
    ctx = SnapshotContext(data, data.latest(), DEMO_TODAY)
    compare = attention.default_compare(ctx)
    assert compare == data.list()[0].snapshot_id  # no KDL note, none 30 days old: the oldest
    view = attention.build_view(ctx, Filters(), compare)
    assert view.total > attention.ROW_LIMIT and len(view.items) == attention.ROW_LIMIT
    assert sum(view.counts.values()) == view.total
    assert all(view.counts[k] > 0 for k in attention.KINDS)
    assert view.more_count == view.total - attention.LINES
    assert view.rest_note is not None and fmt.number(view.total) in view.rest_note
    tiers = [attention.KINDS.index(i.kind) for i in view.items]
    assert tiers[: view.counts["red"]] == [0] * min(view.counts["red"], len(tiers))
    kpis = overview.kpis(ctx, Filters())
    assert view.counts["red"] == kpis.by_status["rød"]
    assert view.counts["overdue"] == kpis.overdue_count



def _values(frame: pd.DataFrame) -> list[list]:
    return frame.astype(object).where(frame.notna(), None).to_numpy().tolist()


def test_the_rows_sent_are_the_first_of_every_item_and_the_counts_count_them_all(large_data):
    """The counts are one aggregate row joined to the rows sent (not windows
    over every item, which DuckDB computed per row: quadratic, issue 20);
    the rows sent are the first `row_limit` of all items, worst first."""
    data = Store(large_data)
    ctx = SnapshotContext(data, data.latest(), DEMO_TODAY)
    compare = attention.default_compare(ctx)
    for filters in (Filters(), Filters(statuses=("gul", "grønn"))):
        every = attention.rows(ctx, filters, compare, row_limit=1_000_000)
        sent = attention.rows(ctx, filters, compare)
        assert len(every) > attention.ROW_LIMIT and len(sent) == attention.ROW_LIMIT
        assert list(sent.columns) == list(every.columns)
        assert _values(sent) == _values(every.head(attention.ROW_LIMIT))  # (dtypes differ where NULLs come later)
        assert (every["total_count"] == len(every)).all()
        per_kind = every["item"].value_counts()
        for kind, column in (("red", "red_count"), ("worse", "worse_items_count"), ("overdue", "overdue_count"),
                             ("risk", "risk_count"), ("decision", "decision_count")):
            assert (every[column] == per_kind.get(kind, 0)).all(), kind
        assert every[["tier", "position"]].apply(tuple, axis=1).is_monotonic_increasing
    assert attention.rows(ctx, Filters(statuses=("finnes ikke",)), compare).empty


# -- "today" on demo data ----------------------------------------------------------------------------

def test_on_demo_data_today_is_the_latest_snapshots_date_unless_portfolio_today_is_set(monkeypatch, store):
    latest = METAS[-1]
    monkeypatch.delenv("PORTFOLIO_TODAY", raising=False)
    assert today_for(latest, is_latest=True) == latest.created.date() == dt.date(2026, 11, 16)
    assert today_is_demo_date(latest, is_latest=True)
    assert today_for(METAS[2], is_latest=False) == METAS[2].created.date()
    assert not today_is_demo_date(METAS[2], is_latest=False)
    # the command line (diff) sees the same day
    assert changes.today_for(DEMO, latest) == latest.created.date()
    # data that is not demo data: the real date
    write(store, dt.date(2026, 1, 5), "Ekte data")
    assert today_for(store.latest(), is_latest=True) == dt.date.today()
    monkeypatch.setenv("PORTFOLIO_TODAY", "2027-01-02")
    assert config.fixed_today() == dt.date(2027, 1, 2)
    assert today_for(latest, is_latest=True) == dt.date(2027, 1, 2) == changes.today_for(DEMO, latest)
    assert not today_is_demo_date(latest, is_latest=True)


def test_the_demo_notice_says_which_day_is_today(monkeypatch):
    monkeypatch.setenv("PORTFOLIO_DATA", str(DEMO_DATA))
    monkeypatch.delenv("PORTFOLIO_TODAY", raising=False)
    at = run_overview()
    notice = next(i.value for i in at.info if i.value.startswith(texts.DEMO_NOTICE))
    assert notice == texts.DEMO_NOTICE + " " + texts.DEMO_TODAY_NOTICE.format(date="16.11.2026")
    assert "«I dag» er satt til datoen for siste øyeblikksbilde, 16.11.2026" in notice
    # the key figures count from that day (30.09, 30.10 and 02.11 are overdue on 16.11.2026)
    assert metric(at, texts.OVERVIEW["kpi_overdue"]) == "3"
    monkeypatch.setenv("PORTFOLIO_TODAY", DEMO_TODAY.isoformat())
    at = run_overview()
    assert any(i.value == texts.DEMO_NOTICE for i in at.info)


# -- the page ---------------------------------------------------------------------------------------

def run_overview(**params) -> AppTest:
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def metric(at: AppTest, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def attention_list(at: AppTest) -> list[str]:
    """The lines of the attention list shown above the fold (not in the expander)."""
    lists = [m.value for m in at.main.markdown if "](initiative?" in m.value]
    return lists[0].splitlines() if lists else []


def test_the_section_renders_with_links_and_og_n_til_on_large_data(data_env, large_data):
    data_env(large_data)
    at = run_overview()
    assert any(h.value == A.HEADING for h in at.header)
    lines = attention_list(at)
    assert len(lines) == attention.LINES
    assert all(re.fullmatch(r"- :material/\w+: \[.+\]\(initiative\?initiative=[a-z0-9-]+\)", line) for line in lines)
    ctx = SnapshotContext(Store(large_data), Store(large_data).latest(), DEMO_TODAY)
    view = attention.build_view(ctx, Filters(), attention.default_compare(ctx))
    more = next(e for e in at.expander if e.label.startswith("og "))
    assert more.label == f"og {fmt.number(view.total - attention.LINES)} til"
    rest = [m.value for m in more.markdown]
    assert len(rest[0].splitlines()) == attention.ROW_LIMIT - attention.LINES
    assert any(fmt.number(view.total) in c.value for c in more.caption)
    # the comparison box: the default is not put in the URL, another choice is
    box = at.selectbox(key="attention_compare")
    assert box.value == view.compare.snapshot_id and links.URL_COMPARE not in at.query_params
    other = Store(large_data).list()[-2].snapshot_id
    box.set_value(other).run()
    assert at.query_params[links.URL_COMPARE] == other
    assert any("09.11.2026" in m.value for m in at.main.markdown)


def test_filters_narrow_the_section(data_env):
    data_env(DEMO_DATA)
    at = run_overview(status="rød")
    lines = attention_list(at)
    assert lines and all("soslokal" in line or "nye-monstre" in line for line in lines)
    assert not [e for e in at.expander if e.label.startswith("og ")]


PAGES = {"": links.OVERVIEW_PAGE, "milestones": links.MILESTONES_PAGE, "budget": links.BUDGET_PAGE}


def kpi_links(at: AppTest) -> dict[str, tuple[str, dict]]:
    """The links under the key figures: label -> (page script, query params)."""
    found = {}
    for link in at.get("page_link"):
        params = urllib.parse.parse_qs(link.proto.query_string)
        found[link.proto.label] = (PAGES[link.proto.page], params)
    return found


def follow(page: str, params: dict, at: AppTest | None = None) -> AppTest:
    """Open `page` with `params`: in the same session (`at`) or as a pasted link."""
    at = at or AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120).run()
    at.query_params.clear()
    at.query_params.update({k: v if len(v) > 1 else v[0] for k, v in params.items()})
    at.switch_page(page).run()
    assert not at.exception, [e.message for e in at.exception]
    return at


@pytest.mark.parametrize("filters", [{}, {"area": "Oppvekst"}, {"status": ["rød", "gul"]}])
def test_every_key_figure_links_to_a_page_showing_the_same_count(data_env, filters):
    from portfolio.texts import budget as budget_texts
    from portfolio.texts import milestones as milestone_texts

    data_env(DEMO_DATA)
    at = run_overview(**filters)
    found = kpi_links(at)
    labels = texts.OVERVIEW
    red, overdue, due = (metric(at, labels[k]) for k in ("kpi_red", "kpi_overdue", "kpi_due_30"))
    year = DEMO_TODAY.year
    money = {k: metric(at, fmt.plain(fmt.markdown(labels[k], year=year))) for k in ("kpi_budget", "kpi_actual", "kpi_forecast")}
    for key, value in filters.items():  # every link keeps the filters
        wanted = value if isinstance(value, list) else [value]
        for label, (_page, params) in found.items():
            if label != A.LINK_RED or key != "status":
                assert params[key] == wanted, label
    assert any(m.value == A.LINK_TABLE for m in at.main.markdown)

    def opened(label: str):
        """The link's page as a pasted link, and clicked in the overview's session."""
        page, params = found[label]
        return follow(page, params), follow(page, params, run_overview(**filters))

    page, params = found[A.LINK_RED]
    assert page == links.OVERVIEW_PAGE and params["status"] == ["rød"]
    for target in opened(A.LINK_RED):
        table = next(d.value for d in target.dataframe if "Samlet status" in d.value.columns)
        assert len(table) == int(red) and set(table["Samlet status"]) == {"Rød"}

    page, params = found[A.LINK_OVERDUE]
    assert page == links.MILESTONES_PAGE and params[links.URL_MILESTONE_LIST] == ["overdue"]
    for target in opened(A.LINK_OVERDUE):
        assert metric(target, milestone_texts.KPI_OVERDUE) == overdue
    page, params = found[A.LINK_DUE_SOON]
    assert page == links.MILESTONES_PAGE and params[links.URL_MILESTONE_LIST] == ["30"]
    for target in opened(A.LINK_DUE_SOON):
        assert metric(target, milestone_texts.KPI_30) == due

    page, params = found[A.LINK_BUDGET]
    assert page == links.BUDGET_PAGE and params["year"] == [str(year)]
    target = opened(A.LINK_BUDGET)[1]
    assert metric(target, fmt.plain(fmt.markdown(budget_texts.KPI_BUDGET, year=year))) == money["kpi_budget"]
    assert metric(target, fmt.plain(fmt.markdown(budget_texts.KPI_ACTUAL, year=year))) == money["kpi_actual"]
    assert metric(target, fmt.plain(fmt.markdown(budget_texts.KPI_FORECAST, year=year))) == money["kpi_forecast"]
    over = A.LINK_OVER_BUDGET if A.LINK_OVER_BUDGET in found else None
    if over:
        delta = next(m for m in at.metric if m.label == fmt.plain(fmt.markdown(labels["kpi_forecast"], year=year)))
        count = re.match(r"(\d+)", delta.proto.delta).group(1)
        assert metric(target, fmt.plain(fmt.markdown(budget_texts.KPI_OVER, year=year))) == count


def test_red_has_no_link_when_the_filters_leave_red_out(data_env):
    data_env(DEMO_DATA)
    at = run_overview(status="grønn")
    assert metric(at, texts.OVERVIEW["kpi_red"]) == "0"
    assert A.LINK_RED not in kpi_links(at)


# -- in the browser -----------------------------------------------------------------------------------

ATTENTION_LINKS = '[data-testid="stMarkdownContainer"] li a[href^="initiative?initiative="]'


@pytest.mark.browser
def test_the_attention_list_in_chromium_at_1400_and_390_px(demo_app):
    from playwright.sync_api import expect

    from browser import ARTIFACTS, chromium, wait_until_idle

    with chromium(viewport=(1400, 1000)) as page:
        page.goto(demo_app)
        wait_until_idle(page)
        heading = page.get_by_role("heading", name=A.HEADING)
        expect(heading).to_be_visible()
        assert heading.bounding_box()["y"] < 1000  # on the first screen
        shown = page.locator(ATTENTION_LINKS).filter(visible=True)
        expect(shown).to_have_count(attention.LINES)
        assert shown.first.inner_text() == "SOSLOKAL har fått rød samlet status (var gul 17.11.2025)."
        page.get_by_text("og 5 til", exact=True).click()
        expect(page.locator(ATTENTION_LINKS).filter(visible=True)).to_have_count(attention.LINES + 5)
        page.screenshot(path=str(ARTIFACTS / "attention-1400.png"))

        # a key figure's link opens the page filtered to what it counts, in the same tab
        page.get_by_role("link", name=A.LINK_RED).click()
        expect(page.locator('[data-testid="stMultiSelect"]').filter(has_text="Samlet status")
               .locator("[data-tag]")).to_have_count(1)
        wait_until_idle(page)
        assert urllib.parse.parse_qs(urllib.parse.urlparse(page.url).query) == {"status": ["rød"]}
        expect(page.locator('[data-testid="stMetric"]').filter(has_text="Tiltak").first).to_contain_text("2")
        page.get_by_role("link", name=A.LINK_DUE_SOON).click()
        expect(page.locator("h1", has_text="Milepæler")).to_have_count(1)
        wait_until_idle(page)
        expect(page.get_by_role("tab", selected=True)).to_contain_text("Neste 30 dager")
        params = urllib.parse.parse_qs(urllib.parse.urlparse(page.url).query)
        assert params == {"status": ["rød"], "list": ["30"]}

    with chromium(viewport=(390, 844)) as page:
        page.goto(demo_app)
        wait_until_idle(page)
        links_shown = page.locator(ATTENTION_LINKS).filter(visible=True)
        expect(links_shown).to_have_count(attention.LINES)
        for i in range(links_shown.count()):  # every sentence wraps inside the screen, none is cut
            box = links_shown.nth(i).bounding_box()
            assert box["x"] >= 0 and box["x"] + box["width"] <= 390, i
        page.screenshot(path=str(ARTIFACTS / "attention-390.png"))
