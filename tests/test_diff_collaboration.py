"""The change engine on the collaboration tables
(portfolio/model/diff_collaboration.py): engagements and surveys added,
removed and changed; a score «moved» when a new survey's mean for a
dimension differs from the previous survey of the same unit and respondent
group (enough answers on both sides), else «added»; means of fewer than five
answers never shown; the JSON of `diff --json`, and the words: the summary
sentences, the summary line, the section of «Endringer» and the import
preview."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json

from collaboration_rows import collaboration_portfolio, engagement, frame, score, survey
from portfolio.ingest import preview
from portfolio.model import collaboration, diff
from portfolio.present import change_sentences, change_summary, change_words, changes
from portfolio.present.update import change_table
from portfolio.store.snapshots import Store
from portfolio.texts import changes as T
from test_diff import write_pair

C = T.COLUMNS
TODAY = dt.date(2026, 6, 1)


def before() -> dict:
    """The portfolio before: only the first survey of «a» (seven scores) and the first engagement."""
    data = collaboration_portfolio()
    data["engagements"] = data["engagements"].iloc[:1]
    data["collaboration_surveys"] = data["collaboration_surveys"].iloc[:1]
    data["collaboration_scores"] = data["collaboration_scores"].iloc[:7]
    return data


def compare(old: dict, new: dict) -> list[diff.Change]:
    return diff.compare(old, new, today=TODAY)


def rows(found: list[diff.Change]) -> list[tuple]:
    return [(c.initiative_id, c.kind, c.field, c.old, c.new, c.key) for c in found]


# -- each kind -----------------------------------------------------------------------------

def test_every_collaboration_kind_has_a_label_a_level_and_a_section():
    assert set(diff.COLLABORATION_KINDS) <= set(diff.KINDS) == set(T.KIND_LABELS)
    assert set(change_sentences.KIND_LEVEL) == set(diff.KINDS)
    assert set(T.SEVERITY_LABELS) == set(change_summary.LEVELS)
    assert set(diff.COLLABORATION_KINDS) <= set(changes.SECTION_KINDS["collaboration"])


def test_a_new_survey_moves_the_scores_that_differ_from_the_previous_survey():
    found = compare(before(), collaboration_portfolio())
    assert rows(found) == [
        ("", "survey_added", "conducted_on", None, dt.date(2023, 5, 2), (("survey_id", "s-helse-2023"),)),
        ("", "collaboration_score_added", "mean", None, 3.9, (("survey_id", "s-helse-2023"), ("dimension", "Felles mål"))),
        ("", "collaboration_score_added", "mean", None, 4.0, (("survey_id", "s-helse-2023"), ("dimension", "Tillit"))),
        ("a", "survey_added", "conducted_on", None, dt.date(2023, 3, 1), (("survey_id", "s-a-2023"),)),
        # 2022 → 2023: «Felles mål» 3.6 → 2.9 and «Hyppig kommunikasjon» 3.1 → 3.5 moved; respect stayed 4.2
        ("a", "collaboration_score_moved", "mean", 3.6, 2.9, (("survey_id", "s-a-2023"), ("dimension", "Felles mål"))),
        ("a", "collaboration_score_moved", "mean", 3.1, 3.5,
         (("survey_id", "s-a-2023"), ("dimension", "Hyppig kommunikasjon"))),
        ("a", "collaboration_score_added", "mean", None, 4.2,
         (("survey_id", "s-a-2023"), ("dimension", "Gjensidig respekt"))),
        ("b", "engagement_added", "title", None, "Sammen.", (("engagement_id", "e-2"),)),
    ]
    moved = dict(next(c for c in found if c.kind == "collaboration_score_moved").facts)
    assert moved == {"area": None, "respondent_group": "ansatte", "conducted_on": dt.date(2023, 3, 1),
                     "instrument": collaboration_portfolio()["collaboration_surveys"]["instrument"].iloc[1], "n": 19,
                     "previous_survey_id": "s-a-2022", "previous_conducted_on": dt.date(2022, 3, 1),
                     "previous_mean": 3.6, "previous_n": 18}
    area = dict(found[1].facts)
    assert (area["area"], area["n"], area["previous_survey_id"]) == ("Helse og mestring", 4, None)


def test_a_score_is_compared_only_within_its_unit_and_respondent_group_and_with_enough_answers():
    data = collaboration_portfolio()
    new = dict(data)
    new["collaboration_surveys"] = frame("collaboration_surveys", [
        *data["collaboration_surveys"].to_dict("records"),
        survey("s-a-ledere", "a", conducted_on=dt.date(2024, 1, 1), respondent_group="ledere", respondents=9),
        survey("s-a-2024", "a", conducted_on=dt.date(2024, 3, 1), respondents=4),
        survey("s-b-2024", "b", conducted_on=dt.date(2024, 3, 1)),
    ])
    new["collaboration_scores"] = frame("collaboration_scores", [
        *data["collaboration_scores"].to_dict("records"),
        score("s-a-ledere", "Felles mål", 4.5, 9),  # another respondent group: its first score
        score("s-a-2024", "Felles mål", 3.9, 4),  # too few answered to compare with 2023's 2.9
        score("s-b-2024", "Felles mål", 1.5, 20),  # another initiative: its first score
    ])
    found = [c for c in compare(data, new) if c.table == "collaboration_scores"]
    assert [(c.key[0][1], c.kind, c.old) for c in found] == [
        ("s-a-2024", "collaboration_score_added", None), ("s-a-ledere", "collaboration_score_added", None),
        ("s-b-2024", "collaboration_score_added", None)]
    facts = {c.key[0][1]: dict(c.facts) for c in found}
    assert (facts["s-a-2024"]["previous_survey_id"], facts["s-a-2024"]["previous_mean"]) == ("s-a-2023", 2.9)
    assert facts["s-a-ledere"]["previous_survey_id"] is None and facts["s-b-2024"]["previous_survey_id"] is None
    previous = collaboration.with_previous(new["collaboration_surveys"], new["collaboration_scores"])
    assert len(previous) == len(new["collaboration_scores"])


def test_removed_and_changed_rows():
    old, new = collaboration_portfolio(), collaboration_portfolio()
    new["engagements"] = frame("engagements", [
        engagement("e-1", "a", title="Dialogverksted om sammenhengende tjenester", place="Biblioteket",
                   participants_citizens=30, participants_politicians=3, participants_leaders=6,
                   participants_staff=12, is_public=True, note="=intern merknad")])
    new["collaboration_scores"] = new["collaboration_scores"].iloc[:-1].copy()  # «Tillit» gone
    new["collaboration_scores"].loc[7, "mean"] = 3.6  # a corrected mean in the 2023 survey
    found = compare(old, new)
    assert rows(found) == [
        ("", "collaboration_score_removed", "mean", 4.0, None,
         (("survey_id", "s-helse-2023"), ("dimension", "Tillit"))),
        ("a", "engagement_changed", "participants_citizens", 24, 30, (("engagement_id", "e-1"),)),
        ("a", "collaboration_score_changed", "mean", 3.5, 3.6,
         (("survey_id", "s-a-2023"), ("dimension", "Hyppig kommunikasjon"))),
        ("b", "engagement_removed", "title", "Sammen.", None, (("engagement_id", "e-2"),)),
    ]


def test_every_collaboration_kind_is_found():
    old, new = collaboration_portfolio(), collaboration_portfolio()
    old["collaboration_surveys"].loc[0, "respondents"] = 19  # a survey changed: its respondents
    new["engagements"] = new["engagements"].iloc[[1]].assign(participants_other=12)  # e-1 removed, e-2 changed
    new["collaboration_surveys"] = frame("collaboration_surveys", [  # the kommunalområde's survey removed, one added
        *new["collaboration_surveys"].iloc[[0, 1]].to_dict("records"),
        survey("s-b-2024", "b", conducted_on=dt.date(2024, 3, 1))])
    new["collaboration_scores"] = frame("collaboration_scores", [
        *new["collaboration_scores"].iloc[:9].to_dict("records"),  # the 2023 respect score removed
        score("s-a-2023", "Felles kunnskap", 3.8, 20),  # moved from 3.0
        score("s-a-2023", "Tillit", 4.0, 20),  # the first of its dimension
    ])
    new["collaboration_scores"].loc[0, "n"] = 17  # a score changed
    new["engagements"] = frame("engagements", [*new["engagements"].to_dict("records"), engagement("e-3", "a")])
    assert {c.kind for c in compare(old, new)} == set(diff.COLLABORATION_KINDS)


def test_snapshots_without_the_collaboration_tables_have_none_of_these_changes():
    data = collaboration_portfolio()
    old = {name: data[name] for name in ("initiatives", "budgets", "milestones")}
    assert compare(old, old) == []
    # the first snapshot with the tables: a survey added with its earlier one still moves from it
    assert {c.kind for c in compare(old, data)} == {"engagement_added", "survey_added", "collaboration_score_added",
                                                    "collaboration_score_moved"}


def test_json_has_the_rows_key_and_the_details():
    found = compare(before(), collaboration_portfolio())
    rows_ = json.loads(json.dumps([c.to_json() for c in found]))
    moved = next(r for r in rows_ if r["kind"] == "collaboration_score_moved")
    assert (moved["survey_id"], moved["dimension"], moved["old"], moved["new"]) == ("s-a-2023", "Felles mål", 3.6, 2.9)
    assert moved["detail"]["previous_conducted_on"] == "2022-03-01" and moved["detail"]["n"] == 19
    survey_ = next(r for r in rows_ if r["kind"] == "survey_added" and r["initiative_id"] == "")
    assert survey_["detail"]["area"] == "Helse og mestring"


# -- the words ---------------------------------------------------------------------------------

def summaries(found: list[diff.Change]) -> dict[str, change_summary.InitiativeSummary]:
    frame_ = diff.to_frame(found)
    frame_["name"] = frame_["initiative_id"].map(lambda i: f"Tiltak {i}" if i else T.NO_INITIATIVE)
    return {s.initiative_id: s for s in change_summary.summarise(frame_)}


def test_summary_sentences_say_what_moved_and_never_a_mean_of_too_few_answers():
    found = summaries(compare(before(), collaboration_portfolio()))
    assert [s.text for s in found["a"].sentences] == [
        "Ny samhandlingsundersøkelse per 01.03.2023: ansatte, 20 svar (Relasjonell koordinering (Gittell)).",
        "Samhandlingsskårer per 01.03.2023 (ansatte): «Hyppig kommunikasjon» opp fra 3,1 til 3,5, «Felles mål» ned "
        "fra 3,6 til 2,9 og «Gjensidig respekt» uendret 4,2.",
    ]
    assert found["a"].severity == "collaboration"
    assert [s.text for s in found[""].sentences] == [
        "Ny samhandlingsundersøkelse for Helse og mestring per 02.05.2023: ledere, 4 svar (Eget spørreskjema).",
        "Samhandlingsskårer for Helse og mestring per 02.05.2023 (ledere): «Felles mål» har for få svar til å vise "
        "gjennomsnittet (n = 4) og «Tillit» har for få svar til å vise gjennomsnittet (n = 4).",
    ]
    assert "3,9" not in " ".join(s.text for s in found[""].sentences)
    assert [s.text for s in found["b"].sentences] == ["Ny medvirkning: «Sammen.» (konferanse, 27.10.2021)."]
    # a move up alone is an improvement
    up = [c for c in compare(before(), collaboration_portfolio()) if c.kind == "collaboration_score_moved"
          and c.new > c.old]
    assert summaries(up)["a"].severity == "better"


def test_a_changed_mean_of_too_few_answers_is_not_shown():
    old, new = collaboration_portfolio(), collaboration_portfolio()
    new["collaboration_scores"].loc[10, "mean"] = 3.7  # «Felles mål» of the kommunalområde, n = 4
    change = next(c for c in compare(old, new) if c.kind == "collaboration_score_changed")
    assert change_words.values(change) == ("for få svar (n = 4)", "for få svar (n = 4)")
    assert [s.text for s in summaries([change])[""].sentences] == [
        "Skåren for «Felles mål» for Helse og mestring per 02.05.2023 er endret fra for få svar (n = 4) til for få "
        "svar (n = 4)."]
    shown = dataclasses.replace(change, facts=tuple((k, 12 if k == "n" else v) for k, v in change.facts))
    assert change_words.values(shown) == ("3,9", "3,7")


def test_summary_line_and_the_import_preview_count_and_name_the_new_kinds():
    old, new = before(), collaboration_portfolio()
    found = compare(old, new)
    counts = change_words.summary_counts(diff.to_frame(found))
    assert (counts["engagement_added"], counts["collaboration_score_moved"]) == (1, 2)
    assert sum(counts.values()) == len(found)
    lines = preview.summary_lines(found)
    assert "Ny medvirkning: 1" in lines and "Samhandlingsskår flyttet: 2" in lines
    table = change_table(found, old, new)
    shown = {(r[0], r[1], r[2], r[4], r[5]) for r in table.itertuples(index=False)}
    assert ("Tiltak a", "Samhandlingsskår flyttet", "Skår for «Felles mål» per 01.03.2023", "3,6", "2,9") in shown
    assert (T.NO_INITIATIVE, "Ny samhandlingsskår", "Skår for «Tillit» per 02.05.2023", "–",
            "for få svar (n = 4)") in shown


def test_the_changes_page_has_a_collaboration_section(tmp_path):
    store = Store(tmp_path / "data")
    first, second = write_pair(store, before(), collaboration_portfolio())
    frame_ = changes.build(store, first.snapshot_id, second.snapshot_id, TODAY)
    table, total = changes.governance_changes(frame_, "collaboration")
    assert total == 8
    assert list(table.columns) == [C["initiative"], C["link"], C["what"], C["change"], C["field"], C["old"], C["new"]]
    area = table[table[C["initiative"]] == T.NO_INITIATIVE]
    assert len(area) == 3 and area[C["link"]].isna().all()  # a kommunalområde's survey: no initiative to open
    moved = table[table[C["change"]] == "Samhandlingsskår flyttet"]
    assert set(zip(moved[C["what"]], moved[C["old"]], moved[C["new"]], strict=True)) == {
        ("Skår for «Felles mål» per 01.03.2023", "3,6", "2,9"),
        ("Skår for «Hyppig kommunikasjon» per 01.03.2023", "3,1", "3,5")}
    export = change_words.export_frame(frame_)
    assert "for få svar (n = 4)" in set(export[C["new"]]) and "3,9" not in set(export[C["new"]])
    assert "s-helse-2023 / Felles mål" in set(export[C["row_key"]])
