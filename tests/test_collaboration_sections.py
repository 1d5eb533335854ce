"""«Samhandling»'s «Medvirkning» and «Relasjonell kapasitet», the initiative
page's collaboration sections, and the public citizen view's meetings: the
view models and the pages (AppTest) on a small hand-built store with
engagements and surveys. The headline figure, the quarter tables with
«ikke talt» (an empty count is never 0), the change since the previous
survey, a mean of fewer than five answers nowhere (page, chart data,
download), and no internal engagement or participant count on the public
page."""

from __future__ import annotations

import datetime as dt
import json
import re

import pandas as pd
import pyarrow as pa
import pytest
from streamlit.testing.v1 import AppTest

from collaboration_rows import engagement, frame, score, survey
from conftest import DEMO_TODAY, ROOT, budget, initiative, open_app_page, tables
from portfolio import fmt
from portfolio.present import collaboration_engagements as engagements
from portfolio.present import collaboration_surveys as surveys
from portfolio.present import initiative_collaboration, public_groups
from portfolio.query.context import SnapshotContext
from portfolio.query.runner import Filters
from portfolio.store import public
from portfolio.store.snapshots import Store
from portfolio.texts import collaboration as T
from portfolio.texts import dimensions
from portfolio.texts import public as P

PAGE = "views/collaboration.py"
D = dt.date
NEW = "Nye innbyggere"
HIDDEN_MEANS = ("4,37", "4.37", "4,61", "4.61")  # means of fewer than five answers: never shown
SECRET_COUNT = 9876  # a participant count of the public engagement: internal
INTERNAL_TITLE = "Internt dialogmøte med politikerne"
FIRST_MEANS = (3.1, 2.8, 3.4, 2.9, 3.6, 3.0, 4.2)
LATEST = dt.datetime(2026, 11, 16, 12, tzinfo=dt.UTC)
EARLIER = dt.datetime(2026, 6, 1, 12, tzinfo=dt.UTC)


def portfolio(earlier: bool = False) -> dict:
    """Alfa (public, Oppvekst, for new citizens, with Kultur and JAA) and Beta
    (internal, Kultur). In 2026: a workshop of Alfa (public, its staff a
    secret count), an internal meeting of Alfa that did not count the
    citizens, a conference of Beta, and a seminar of Alfa planned for
    December (public); one of Beta in 2025. Alfa's staff surveyed in 2025 and
    2026 (one dimension of 2026 with three answers), Kultur's leaders in 2026
    with four. `earlier`: the portfolio on 1 June 2026, the conference still
    planned and uncounted, the seminar not yet registered."""
    data = tables(
        [initiative("a", name="Alfa", is_public=True, public_summary="Alfa hjelper nye innbyggere.",
                    collaborating_areas=["Kultur"], partners=["JAA"], target_groups=[NEW],
                    focus_areas=["innbyggerdialog"]),
         initiative("b", name="Beta", owner_area="Kultur", target_groups=["Frivilligheten"])],
        [budget("a"), budget("b")],
    )
    conference = dict(participants_citizens=31, participants_leaders=40) if not earlier else {}
    rows = [
        engagement("e-1", "a", title="Verksted om velkomst", held_on=D(2026, 2, 10), place="Biblioteket",
                   participants_citizens=24, participants_staff=SECRET_COUNT, is_public=True),
        engagement("e-2", "a", kind="dialogmøte", title=INTERNAL_TITLE, held_on=D(2026, 5, 5),
                   participants_politicians=5),
        engagement("e-3", "b", kind="konferanse", title="Sammen.", held_on=D(2026, 10, 27), place="Kilden",
                   **conference),
        engagement("e-5", "b", title="Verksted i fjor", held_on=D(2025, 9, 1), participants_citizens=10),
    ]
    if not earlier:
        rows.append(engagement("e-4", "a", kind="seminar", title="Seminar om velkomst", held_on=D(2026, 12, 10),
                               place="Rådhuset", is_public=True))
    data["engagements"] = frame("engagements", rows)
    data["collaboration_surveys"] = frame("collaboration_surveys", [
        survey("s-a-2025", "a", conducted_on=D(2025, 3, 1), respondents=18),
        survey("s-a-2026", "a", conducted_on=D(2026, 3, 1), respondents=20),
        survey("s-kultur-2026", area="Kultur", conducted_on=D(2026, 5, 2), respondent_group="ledere",
               respondents=4),
    ])
    data["collaboration_scores"] = frame("collaboration_scores", [
        *(score("s-a-2025", d, m, 18) for d, m in zip(dimensions.DIMENSIONS, FIRST_MEANS, strict=True)),
        score("s-a-2026", "Hyppig kommunikasjon", 3.5, 20),  # up 0.4
        score("s-a-2026", "Tidsriktig kommunikasjon", 2.8, 20),  # unchanged
        score("s-a-2026", "Felles mål", 2.9, 19),  # down 0.7
        score("s-a-2026", "Gjensidig respekt", 4.37, 3),  # too few answers
        score("s-kultur-2026", "Felles mål", 4.61, 4),  # too few answers
    ])
    return data


@pytest.fixture(scope="module")
def root(tmp_path_factory):
    folder = tmp_path_factory.mktemp("collaboration-sections") / "data"
    store = Store(folder)
    first = store.write(portfolio(earlier=True), author="t", note="t", created_at=EARLIER)
    store.write(portfolio(), author="t", note="t", base_id=first.snapshot_id, created_at=LATEST)
    return folder


@pytest.fixture()
def ctx(root) -> SnapshotContext:
    store = Store(root)
    return SnapshotContext(store=store, meta=store.latest(), today=DEMO_TODAY)


def no_hidden_mean(text: str) -> None:
    for mean in HIDDEN_MEANS:
        assert mean not in text, mean


# -- the view models ------------------------------------------------------------------------------

def test_the_headline_counts_citizens_and_never_calls_an_empty_count_zero(ctx):
    found = engagements.engagements_view(ctx, Filters(), 2026)
    assert found.headline == ("I 2026 har minst 55 innbyggere deltatt i 3 medvirkningsaktiviteter. Innbyggerne er "
                              "ikke talt i 1 av dem. 1 til er planlagt senere i 2026.")
    assert (found.held, found.citizens, found.uncounted, found.planned, found.total) == (3, 55, 1, 1, 5)
    only_beta = engagements.engagements_view(ctx, Filters(areas=("Kultur",)), 2026)  # the filters apply
    assert only_beta.headline == "I 2026 har 31 innbyggere deltatt i 1 medvirkningsaktivitet."
    assert engagements.engagements_view(ctx, Filters(), 2024).headline == (
        "Ingen medvirkningsaktiviteter er holdt i 2024 i tiltakene som passer filtrene. Medvirkning er registrert "
        "i 2025, 2026: velg år i sidepanelet.")


def test_the_year_per_quarter_by_kind_and_by_participant_group(ctx):
    found = engagements.engagements_view(ctx, Filters(), 2026)
    kinds = found.by_kind.set_index(T.COL_QUARTER)
    assert kinds.loc["1. kvartal", "Dialogverksted"] == "1" and kinds.loc["2. kvartal", "Dialogmøte"] == "1"
    assert kinds.loc["4. kvartal", "Seminar"] == "0"  # planned in December: not held yet
    assert kinds.loc["Hele 2026", T.COL_ALL] == "3"
    groups = found.by_group.set_index(T.COL_QUARTER)
    assert groups.loc["1. kvartal", "Innbyggere"] == "24"
    assert groups.loc["2. kvartal", "Innbyggere"] == T.NOT_COUNTED  # counted nothing for the citizens
    assert groups.loc["3. kvartal", "Innbyggere"] == T.EMPTY  # no engagement that quarter
    assert groups.loc["Hele 2026", "Innbyggere"] == "55 (ikke talt i 1)"
    assert groups.loc["Hele 2026", "Politikere"] == "5 (ikke talt i 2)"
    assert groups.loc["Hele 2026", "Frivillige"] == T.NOT_COUNTED
    assert groups.loc["Hele 2026", T.COL_HELD] == "3"


def test_the_list_and_the_timeline_have_every_engagement_newest_first(ctx):
    found = engagements.engagements_view(ctx, Filters(), 2026)
    assert found.rows[T.COL_ACTIVITY].tolist() == ["Seminar om velkomst", "Sammen.", INTERNAL_TITLE,
                                                   "Verksted om velkomst", "Verksted i fjor"]
    assert found.rows[T.COL_STATE].tolist()[:2] == [T.STATE_PLANNED, T.STATE_HELD]
    assert found.rows[T.COL_CITIZENS].tolist() == [T.NOT_COUNTED, "31", T.NOT_COUNTED, "24", "10"]
    assert found.description.startswith("5 medvirkningsaktiviteter fra 01.09.2025 til 10.12.2026, 4 holdt og 1 planlagt")
    assert found.chart["description"] == found.description
    export = engagements.engagement_export(ctx, Filters(), 2026)
    assert len(export) == 5 and export["Deltakere: innbyggere"].isna().sum() == 2  # empty stays empty


def test_the_shown_snapshot_counts_what_was_held_by_its_date(root):
    store = Store(root)
    earlier = store.list()[0]
    ctx = SnapshotContext(store=store, meta=earlier, today=earlier.created.date(), is_latest=False)
    found = engagements.engagements_view(ctx, Filters(), 2026)
    assert found.headline == ("I 2026 har minst 24 innbyggere deltatt i 2 medvirkningsaktiviteter. Innbyggerne er "
                              "ikke talt i 1 av dem. 1 til er planlagt senere i 2026.")


def test_scores_change_since_the_previous_survey_and_too_few_answers_hide_the_mean(ctx):
    found = surveys.scores_view(ctx, Filters())
    assert found.takeaway == ("Relasjonell kapasitet er målt i 2 enheter. I den siste målingen til hver gikk "
                              "dimensjonene slik, sammenlignet med forrige måling: 1 opp, 1 ned og 1 uendret.")
    units = found.units.set_index(T.COL_UNIT)
    assert units.loc["Alfa", T.COL_CHANGES] == "1 opp, 1 ned, 1 uendret, 1 med for få svar"
    assert units.loc["Kultur", T.COL_CHANGES] == "1 med for få svar"
    assert list(found.series.values()) == ["Kultur · ledere (1 måling)", "Alfa · ansatte (2 målinger)"]
    alfa = surveys.series_view(ctx, Filters(), "initiative:a:ansatte")
    table = alfa.table.set_index(T.COL_DIMENSION)
    assert list(table.columns) == ["01.03.2025 (n = 18)", "01.03.2026 (n = 20)"]
    assert table.loc["Hyppig kommunikasjon"].tolist() == ["3,10", "3,50 (↑ opp 0,40)"]
    assert table.loc["Felles mål", "01.03.2026 (n = 20)"] == "2,90 (↓ ned 0,70)"
    assert table.loc["Tidsriktig kommunikasjon", "01.03.2026 (n = 20)"] == "2,80 (→ uendret)"
    assert table.loc["Gjensidig respekt", "01.03.2026 (n = 20)"] == "For få svar til å vise (n = 3)"
    assert table.loc["Felles kunnskap", "01.03.2026 (n = 20)"] == T.NOT_MEASURED
    assert table.index.tolist() == list(dimensions.DIMENSIONS)  # Gittell's order
    # the mean of too few answers is in no chart, table or download
    no_hidden_mean(json.dumps(alfa.chart, ensure_ascii=False) + alfa.table.to_csv() + found.units.to_csv())
    export = surveys.score_export(ctx, Filters())
    no_hidden_mean(export.to_csv())
    hidden = export[export[T.COL_NOTE] != ""]
    assert hidden[T.COL_MEAN].isna().all() and len(hidden) == 2
    assert hidden[T.COL_NOTE].tolist() == ["For få svar til å vise (n = 4)", "For få svar til å vise (n = 3)"]


def test_the_initiative_sections(ctx):
    alfa = initiative_collaboration.build_view(ctx, "a")
    assert alfa.who.splitlines() == ["- **Eier:** Oppvekst", "- **Samarbeider med:** Kultur",
                                     "- **Eksterne partnere:** JAA", "- **Innsatsområder:** Innbyggerdialogen",
                                     "- **Innbyggergrupper:** Nye innbyggere"]
    assert alfa.engagement_count == 3
    assert alfa.citizens == "Innbyggere talt i alt: 24 (ikke talt i 1 av de holdte aktivitetene)."
    assert T.COL_INITIATIVE not in alfa.engagements.columns
    [latest] = alfa.surveys
    assert latest.heading == "Siste måling, ansatte: 01.03.2026"
    assert latest.caption.endswith("sammenlignet med målingen 01.03.2025")
    rows = latest.table.set_index(T.COL_DIMENSION)
    assert rows.loc["Gjensidig respekt", T.COL_MEAN] == "For få svar til å vise (n = 3)"
    assert rows.loc["Felles mål", T.COL_CHANGE] == "↓ ned 0,70"
    no_hidden_mean(latest.table.to_csv())
    beta = initiative_collaboration.build_view(ctx, "b")
    assert beta.surveys == [] and beta.engagement_count == 2  # Kultur's survey is the area's, not Beta's


# -- the pages through AppTest ------------------------------------------------------------------------

def page_text(at: AppTest) -> str:
    from test_public import all_text

    return all_text(at)


def chart_values(at: AppTest) -> str:
    parts = []
    for chart in at.get("vega_lite_chart"):
        parts.append(chart.proto.spec)
        for dataset in chart.proto.datasets:
            parts.append(json.dumps(pa.ipc.open_stream(dataset.data.data).read_all().to_pylist(), default=str,
                                    ensure_ascii=False))
    return "\n".join(parts)


def test_the_collaboration_page_sections(root, data_env):
    data_env(root)
    at = open_app_page(PAGE)
    headers = [h.value for h in at.header]
    assert headers.index(T.NETWORK_HEADING) < headers.index(T.ENGAGEMENTS_HEADING) < headers.index(T.SCORES_HEADING)
    text = page_text(at)
    assert "I 2026 har minst 55 innbyggere deltatt i 3 medvirkningsaktiviteter." in text
    by_group = next(t.value for t in at.table if "Innbyggere" in t.value.columns)
    assert by_group.set_index(T.COL_QUARTER).loc["Hele 2026", "Innbyggere"] == "55 (ikke talt i 1)"
    assert by_group.set_index(T.COL_QUARTER).loc[fmt.literal("2. kvartal"), "Innbyggere"] == T.NOT_COUNTED
    # the first series (Kultur: too few answers), then Alfa's, chosen and kept in the URL
    assert "For få svar til å vise (n = 4)" in text
    at.selectbox(key=surveys.SERIES_KEY).set_value("initiative:a:ansatte").run()
    assert not at.exception
    assert at.query_params[surveys.URL_SERIES] in ("initiative:a:ansatte", ["initiative:a:ansatte"])
    scores = next(t.value for t in at.table if T.COL_DIMENSION in t.value.columns)
    assert scores.set_index(T.COL_DIMENSION).loc["Hyppig kommunikasjon"].tolist() == ["3,10", "3,50 (↑ opp 0,40)"]
    text = page_text(at)
    assert "For få svar til å vise (n = 3)" in text
    no_hidden_mean(text + chart_values(at))
    specs = [json.loads(c.proto.spec) for c in at.get("vega_lite_chart")]
    assert {s["title"]["text"] if isinstance(s["title"], dict) else s["title"] for s in specs} >= {
        T.TIMELINE_TITLE, T.SCORES_CHART_TITLE}


def test_the_collaboration_page_without_engagements_or_surveys_says_so(tmp_path, data_env):
    root = tmp_path / "data"
    Store(root).write(tables([initiative("solo", owner_area="Teknisk")]), author="t", note="t")
    data_env(root)
    at = open_app_page(PAGE)
    shown = [m.value for m in at.markdown]
    assert T.ENGAGEMENTS_NONE in shown and T.SCORES_NONE in shown


def test_the_initiative_page_section(root, data_env):
    data_env(root)
    at = open_app_page("views/initiative.py", initiative="a")
    subheaders = [s.value for s in at.subheader]
    ours = (T.INITIATIVE_PARTNERS, T.INITIATIVE_ENGAGEMENTS, T.INITIATIVE_SURVEYS)
    assert [s for s in subheaders if s in ours] == list(ours)
    listed = next(d.value for d in at.dataframe if T.COL_ACTIVITY in d.value.columns)
    assert listed[T.COL_ACTIVITY].tolist() == ["Seminar om velkomst", INTERNAL_TITLE, "Verksted om velkomst"]
    text = page_text(at)
    assert "For få svar til å vise (n = 3)" in text and "**Eksterne partnere:** JAA" in text
    no_hidden_mean(text)


def test_the_public_view_lists_only_public_engagements_without_counts(root, data_env):
    data = public.latest_data(root)
    assert set(data.engagements.columns) == {"engagement_id", "initiative_id", "kind", "title", "held_on", "place"}
    assert data.engagements["engagement_id"].tolist() == ["e-1", "e-4"] or \
        sorted(data.engagements["engagement_id"]) == ["e-1", "e-4"]
    found = public_groups.group_view(data, NEW)
    assert found.coming == ["10.12.2026: **Seminar om velkomst** (seminar, Rådhuset). Del av Alfa."]
    assert found.past == ["10.02.2026: **Verksted om velkomst** (dialogverksted, Biblioteket). Del av Alfa."]
    assert public_groups.group_view(data, "Frivilligheten").past == []  # Beta is internal
    data_env(root)
    public._snapshot_data.cache_clear()
    at = AppTest.from_file(str(ROOT / "public.py"), default_timeout=120)
    at.query_params["gruppe"] = NEW
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    assert P.GROUP_ENGAGEMENTS_HEADING in [s.value for s in at.subheader]
    text = page_text(at)
    assert "Seminar om velkomst" in text and "Verksted om velkomst" in text
    for internal in (INTERNAL_TITLE, "Sammen.", "Verksted i fjor"):
        assert internal not in text, internal
    assert not re.search(r"\b9[\s\u00a0]?876\b", text)  # the count, also formatted (not inside an element's id)


def test_the_static_site_page_lists_the_public_engagements(root):
    from portfolio.present import site_pages

    data = public.latest_data(root)
    row = next(r for r, _ in site_pages.entries(data) if r["initiative_id"] == "a")
    page = site_pages.Projection(data).page(row, {})
    assert [str(line) for line in page.coming] == [
        "10.12.2026: <strong>Seminar om velkomst</strong> (seminar, Rådhuset)."]
    assert [str(line) for line in page.past] == [
        "10.02.2026: <strong>Verksted om velkomst</strong> (dialogverksted, Biblioteket)."]


def test_hostile_titles_stay_text(tmp_path, data_env):
    data = portfolio()
    data["engagements"].loc[0, "title"] = "**fet** [lenke](https://example.org) <b>x</b>"
    root = tmp_path / "data"
    Store(root).write(data, author="t", note="t", created_at=LATEST)
    data_env(root)
    at = open_app_page(PAGE)
    assert not any("<b>x</b>" in m.value and "\\<b" not in m.value for m in at.markdown)
    found = public_groups.group_view(public.latest_data(root), NEW)
    assert "\\*\\*fet\\*\\*" in found.past[0] and "\\[lenke\\]" in found.past[0]


def test_the_engagement_table_fits_a_phone():
    from portfolio.present import columns

    for described in (engagements.engagement_columns(), engagements.engagement_columns(with_initiative=False),
                      surveys.unit_columns()):
        assert described.planned_width(described.essential) <= columns.PHONE_GRID_PX


def test_quarter_cells_in_words():
    assert engagements.group_cell(pd.NA, 0, 0, 0) == T.EMPTY
    assert engagements.group_cell(pd.NA, 0, 2, 2) == T.NOT_COUNTED
    assert engagements.group_cell(0, 1, 0, 1) == "0"  # counted zero is zero
    assert engagements.group_cell(36, 3, 2, 5) == "36 (ikke talt i 2)"
