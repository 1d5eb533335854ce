"""The README of the demo data folder (data/README.md), generated from the seed
files: the snapshots, the seed documents and, for every initiative, which
values come from which seed document (its governance register and
collaboration rows included)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from portfolio.model import schema
from portfolio.store.meta import snapshot_id_for
from tools.demo_register import Register, RegisterRow
from tools.demo_seed import Citation, InitiativeSpec, Seed

LAYOUT = """\
## Layout

```
data/
  README.md                                   this file
  snapshots/snapshot=<id>/initiatives.parquet
  snapshots/snapshot=<id>/budgets.parquet
  snapshots/snapshot=<id>/milestones.parquet
  snapshots/snapshot=<id>/decisions.parquet   the governance register (Styring): decisions,
  snapshots/snapshot=<id>/checklist_answers.parquet     Prosjektveiviseren checklist answers,
  snapshots/snapshot=<id>/risks.parquet                 risks,
  snapshots/snapshot=<id>/benefits.parquet              benefits
  snapshots/snapshot=<id>/benefit_measurements.parquet  and their measurements
  snapshots/snapshot=<id>/engagements.parquet           collaboration (Samhandling): meetings with citizens
  snapshots/snapshot=<id>/collaboration_surveys.parquet and partners, surveys of relational capacity
  snapshots/snapshot=<id>/collaboration_scores.parquet  and their scores per dimension
  snapshots/snapshot=<id>/_snapshot.json      metadata: author, note, base_id, row counts, content hash
```

Snapshot ids are the UTC creation time (e.g. `20211018T130000.000Z`), so they sort in time order.
Each snapshot is the whole portfolio at that time; snapshots are immutable. The columns are
declared in `portfolio/model/schema.py` and described in the project documentation.

These plain folders are the demo's source, kept in git: the same seed files give the same bytes.
The app's store is a DuckLake made from them when the folder is first opened (`lake/`, not in git;
`docs/data-model.md`): saving in the app adds snapshots there, never here.
"""

ILLUSTRATIVE = """\
## Provenance

Below, for every initiative, are the values that come from a seed document, and which one.
**Every other value is ILLUSTRATIVE**: invented to make a realistic demo, not a fact about
Kristiansand kommune. That includes all statuses and status comments, most budgets and all
actuals and forecasts, most dates (start and end dates, later milestones, completion dates), the
kommunalområde, focus-area and target-group assignments of the related initiatives, project owners
of related initiatives, public summaries and internal notes, unless listed below. Project leaders
that the seeds do not name are left empty rather than invented.

In the governance register, **every risk is illustrative** (titles, scores, owners, measures and
how they change from snapshot to snapshot), and so are **every benefit's indicator, unit, baseline,
target and owner and every benefit measurement**, all checklist answers but the seven of BP1, all
decisions but KDL's four, and which decisions and benefits are public. They are spread over the
snapshots so that the risk matrix and the benefit charts change from one meeting to the next.

In the collaboration tables, **every participant count is illustrative**, and so are the days
the seeds give only as a period (the workshops of autumn 2021, the three seminars before the
mandate), places the seeds do not name, every engagement listed as illustrative below, which
engagements are public, and **every collaboration survey's respondents and every score**: the
seeds say only that Joint Action Analytics maps the programme's relational capacity. The
surveys use the seven dimensions of relational coordination (`portfolio/texts/dimensions.py`);
the scores rise modestly from survey to survey, and one respondent group (the politicians, and
one dimension of their second survey) has fewer than five answers, so the app does not show
its means.
"""

INFERRED = """\
## Inferred values

- The conference «Sammen.» (seed 001) gives 27–28 October and a registration deadline of
  21 October without a year. Svein Ove Ueland is project leader in the invitation, and he took
  over in March 2022 (seed 002), so the demo dates it to 2022 (its milestones and its engagement).
- Seed 004 gives the health and social project's milestones as 1 December, 1 March and 1 July;
  the article is dated 16 November 2017, so they are 2017-12-01, 2018-03-01 and 2018-07-01.
"""


def _show(value: Any) -> str:
    if value is None:
        return "(empty)"
    if isinstance(value, list):
        return ", ".join(value) if value else "(none)"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _cite(seed: Seed, citation: Citation) -> str:
    cited = ", ".join(seed.label(s) for s in citation.seeds)
    return f"{cited}: {citation.remark}" if citation.remark else cited


def _header(seed: Seed, snapshots: list, command: str) -> list[str]:
    return [
        "# Demo data: Samhandlingskommunen Kristiansand",
        "",
        "This folder holds the seed (\"demo\") portfolio the app shows out of the box: the programme",
        "Samhandlingskommunen Kristiansand and related initiatives, as the portfolio stood at",
        f"{len(snapshots)} leadership (KDL) meetings from {snapshots[0].created_at.date()} to "
        f"{snapshots[-1].created_at.date()}.",
        "It is generated by `tools/demo_data.py` from the seed files in `tools/seed/` (one CSV per table,",
        "every row naming its seed document or marked illustrative; `tools/seed/README.md` describes them)",
        "and marked `is_demo: true` in every snapshot's metadata.",
        "Do not edit it by hand: change the seed files (or the tool) and regenerate.",
        "This README is generated too (`tools/demo_readme.py`).",
        "",
        *LAYOUT.splitlines(),
        "",
        "## Regenerating",
        "",
        "The data is deterministic: the same seed files give the same snapshot ids and content hashes.",
        "After changing a file in `tools/seed/` or the tool (and remove `data/lake/`, the local working store,",
        "which is made again from the new snapshots when the app opens the folder):",
        "",
        "```sh",
        "rm -rf data/snapshots data/README.md data/lake",
        command.replace("DIR", "data"),
        "```",
        "",
        "`tests/test_demo_data.py` fails while the committed data differs from what the tool generates.",
        "To write the demo portfolio elsewhere, use `" + command + "` with an empty folder.",
        "",
        "## Snapshots",
        "",
        "| # | snapshot id | date | note | initiatives | budget rows | milestones | decisions "
        "| checklist answers | risks (open) | benefits | measurements | engagements (public) | surveys (scores) |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]


def _initiative_fields(seed: Seed, spec: InitiativeSpec, latest: dict[str, Any]) -> list[str]:
    sources = seed.provenance.get(("initiatives", spec.initiative_id, spec.initiative_id), {})
    if not sources:
        return ["Initiative fields: all illustrative."]
    lines = ["Initiative fields (value in the latest snapshot unless a date is given):", ""]
    for name in schema.INITIATIVES.column_names:
        citation = sources.get(name)
        if citation is None:
            continue
        if citation.as_of is None:
            shown, when = latest[name], ""
        else:
            then = spec.row(citation.as_of)
            assert then is not None, (spec.initiative_id, name)
            shown, when = then[name], f" (on {citation.as_of})"
        lines.append(f"- `{name}`{when} = {_show(shown)} — {_cite(seed, citation)}")
    return lines


def _milestones(seed: Seed, initiative_id: str) -> list[str]:
    mine = [ms for ms in seed.milestones if ms.initiative_id == initiative_id]
    sourced = [(ms, seed.provenance.get(("milestones", initiative_id, ms.milestone_id))) for ms in mine]
    sourced = [(ms, fields) for ms, fields in sourced if fields]
    lines = [""]
    if sourced:
        lines += ["Milestones:", ""]
        for ms, fields in sourced:
            parts = "; ".join(f"`{f}` — {_cite(seed, c)}" for f, c in fields.items())
            lines.append(f"- `{ms.milestone_id}` «{ms.values['title']}»: {parts}")
    others = [ms.milestone_id for ms in mine if ("milestones", initiative_id, ms.milestone_id) not in seed.provenance]
    if others:
        if sourced:
            lines.append("")
        lines.append("Illustrative milestones: " + ", ".join(f"`{m}`" for m in others) + ".")
    return lines


def _budgets(seed: Seed, initiative_id: str) -> list[str]:
    funding = list(dict.fromkeys(b.funding_source for b in seed.budgets if b.initiative_id == initiative_id))
    sourced = [(f, seed.provenance[("budgets", initiative_id, f)]) for f in funding
               if ("budgets", initiative_id, f) in seed.provenance]
    others = [f for f in funding if ("budgets", initiative_id, f) not in seed.provenance]
    lines = [""] if funding else []
    for source, fields in sourced:
        parts = "; ".join(f"`{f}` — {_cite(seed, c)}" for f, c in fields.items())
        lines.append(f"- Budget «{source}»: {parts}; actuals and forecasts illustrative.")
    for source in others:
        lines.append(f"- Budget «{source}»: illustrative.")
    return lines


def _register_key(row: RegisterRow) -> str:
    """The row's key in provenance.csv."""
    if row.table == "checklist_answers":
        return f"{row.values['decision_point']}-{row.values['item_no']}"
    return row.key


def _fields(seed: Seed, fields: dict[str, Citation]) -> str:
    return "; ".join(f"`{f}` — {_cite(seed, c)}" for f, c in fields.items())


def _sourced(seed: Seed, rows: list[RegisterRow], initiative_id: str) -> list[tuple[RegisterRow, dict]]:
    found = [(r, seed.provenance.get((r.table, initiative_id, _register_key(r)))) for r in rows]
    return [(r, fields) for r, fields in found if fields]


def _register(seed: Seed, register: Register, initiative_id: str) -> list[str]:
    """What of the initiative's governance register comes from a seed, and the
    ids of the rest (illustrative)."""
    lines: list[str] = []
    decisions = register.of("decisions", initiative_id)
    for row, fields in _sourced(seed, decisions, initiative_id):
        v = row.values
        lines.append(f"- Decision `{row.key}` ({v['decided_on']}, {v['body']}) «{v['title']}»: "
                     f"{_fields(seed, fields)}")
    answers = register.of("checklist_answers", initiative_id)
    groups: dict[tuple[str, str], list[RegisterRow]] = {}
    for row, fields in _sourced(seed, answers, initiative_id):
        groups.setdefault((row.values["decision_point"], _fields(seed, fields)), []).append(row)
    for (point, cited), rows in groups.items():
        numbers = ", ".join(str(r.values["item_no"]) for r in rows)
        given = "; ".join(r.values["answer"] for r in rows)
        lines.append(f"- Checklist {point}, items {numbers} (answers: {given}): {cited}")
    benefits = register.of("benefits", initiative_id)
    for row, fields in _sourced(seed, benefits, initiative_id):
        lines.append(f"- Benefit `{row.key}` «{row.values['title']}»: {_fields(seed, fields)}; its owner, "
                     "indicator, unit, baseline, target and measurements are illustrative.")
    others = [
        (label, [r for r in rows if not seed.provenance.get((r.table, initiative_id, _register_key(r)))])
        for label, rows in (("decisions", decisions), ("checklist answers", answers), ("risks",
                            register.of("risks", initiative_id)), ("benefits (with their measurements)", benefits))
    ]
    for label, rows in others:
        if not rows:
            continue
        if label == "checklist answers":
            points = dict.fromkeys(r.values["decision_point"] for r in rows)
            shown = ", ".join(f"{p} ({sum(r.values['decision_point'] == p for r in rows)} items)" for p in points)
        else:
            shown = ", ".join(f"`{r.key}`" for r in rows)
        lines.append(f"- Illustrative {label}: {shown}.")
    return ["", "Governance register:", "", *lines] if lines else []


def _collaboration(seed: Seed, register: Register, initiative_id: str | None) -> list[str]:
    """What of the initiative's (None: the kommunalområder's) engagements and
    surveys comes from a seed, and the ids of the rest (illustrative)."""
    key = initiative_id or ""
    lines: list[str] = []
    engagements = register.of("engagements", initiative_id) if initiative_id else []
    surveys = register.of("collaboration_surveys", initiative_id)
    groups: dict[str, list[RegisterRow]] = {}  # engagements citing the same, as one line
    for row, fields in _sourced(seed, engagements, key):
        groups.setdefault(_fields(seed, fields), []).append(row)
    for cited, rows in groups.items():
        shown = ", ".join(f"`{r.key}` ({r.values['held_on']}, «{r.values['title']}»)" for r in rows)
        lines.append(f"- {'Engagements' if len(rows) > 1 else 'Engagement'} {shown}: {cited}")
    for row, fields in _sourced(seed, surveys, key):
        lines.append(f"- Survey `{row.key}` ({row.values['respondent_group']}): {_fields(seed, fields)}.")
    for label, rows in (("engagements", engagements), ("surveys (with their scores)", surveys)):
        others = [r for r in rows if not seed.provenance.get((r.table, key, r.key))]
        if others:
            lines.append(f"- Illustrative {label}: " + ", ".join(f"`{r.key}`" for r in others) + ".")
    if not lines:
        return []
    heading = "Collaboration:" if initiative_id else "Surveys of kommunalområder (no initiative):"
    return ["", heading, "", *lines]


def readme_markdown(seed: Seed, register: Register, snapshots: list, command: str) -> str:
    """The README for `snapshots` (DemoSnapshot) built from `seed` and its
    governance `register`; `command` writes the demo data into DIR."""
    lines = _header(seed, snapshots, command)
    for number, snap in enumerate(snapshots, start=1):
        t = snap.tables
        open_risks = int((t["risks"]["status"] != "lukket").sum())
        lines.append(
            f"| {number} | `{snapshot_id_for(snap.created_at)}` | {snap.created_at.date()} | {snap.note} | "
            f"{len(t['initiatives'])} | {len(t['budgets'])} | {len(t['milestones'])} | {len(t['decisions'])} | "
            f"{len(t['checklist_answers'])} | {len(t['risks'])} ({open_risks}) | {len(t['benefits'])} | "
            f"{len(t['benefit_measurements'])} | {len(t['engagements'])} ({int(t['engagements']['is_public'].sum())}) | "
            f"{len(t['collaboration_surveys'])} ({len(t['collaboration_scores'])}) |"
        )
    lines += [
        "",
        "## Seed documents",
        "",
        "The facts come from five public Norwegian documents (Kristiansand kommune news articles and the",
        "programme's mandate), numbered 000–004; `tools/seed/sources.csv` lists them with their file names:",
        "",
    ]
    for document in seed.documents:
        lines.append(f"- **{document.label}**: {document.description}")
    lines += [
        "",
        *ILLUSTRATIVE.splitlines(),
        "",
        "People named in the seeds: project owner Camilla Jarlsby (director of kultur og innbyggerdialog);",
        "project leaders Elisabeth Engemyr (until March 2022) and Svein Ove Ueland (from March 2022); the",
        "directors " + ", ".join(f"{person} ({area.lower()})" for area, person in seed.directors.items())
        + " (seed 002).",
        "",
    ]
    dates = [on for on, _ in seed.snapshots]
    for spec in seed.initiatives:
        latest = spec.row(max(on for on in dates if on >= spec.added))
        assert latest is not None
        lines += [f"### {latest['name']} (`{spec.initiative_id}`)", ""]
        lines += [f"First in the snapshot of {min(on for on in dates if on >= spec.added)}.", ""]
        lines += _initiative_fields(seed, spec, latest)
        lines += _milestones(seed, spec.initiative_id)
        lines += _budgets(seed, spec.initiative_id)
        lines += _register(seed, register, spec.initiative_id)
        lines += _collaboration(seed, register, spec.initiative_id)
        lines.append("")
    area_surveys = _collaboration(seed, register, None)
    if area_surveys:
        lines += ["### Kommunalområder", *area_surveys, ""]
    lines += _decidim(snapshots)
    lines += INFERRED.splitlines()
    lines.append("")
    return "\n".join(lines)


def _decidim(snapshots: list) -> list[str]:
    """The Decidim rows per snapshot: all illustrative (tools/seed/decidim_*.csv)."""
    lines = [
        "## Decidim (illustrative)",
        "",
        "The Decidim results, budget projects, proposals and meetings, and their links to initiatives, are",
        "illustrative: Prosjekt Decidim is real (seed 003), but no export of the municipality's Decidim is",
        "in the seeds: the host `deltakristiansand.no`, the ids, titles and addresses are invented. They come",
        "from `tools/seed/decidim_*.csv` (`decidim_changes.csv`: what moved between snapshots) in the",
        "columns Decidim's own open-data export has.",
        "",
        "| Snapshot | Results | Budget projects | Proposals | Meetings | Links |",
        "|---|---|---|---|---|---|",
    ]
    for snap in snapshots:
        t = snap.tables
        counts = [len(t.get(name, ())) for name in ("decidim_results", "decidim_projects", "decidim_proposals",
                                                    "decidim_meetings", "decidim_links")]
        if any(counts):
            lines.append(f"| {snap.created_at.date()} | " + " | ".join(str(c) for c in counts) + " |")
    return [*lines, ""]
