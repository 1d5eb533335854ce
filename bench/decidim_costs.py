"""What reading Decidim's open data costs (issue 17): a results file of N
rows as Decidim 0.27 writes it (two locales, HTML descriptions, categories,
scopes, parents), read by portfolio.ingest.decidim.read_decidim, beside
pandas' bare read of the same bytes. The goal: 50 000 results in under 20 s."""

from __future__ import annotations

import io
import time

import pandas as pd

HOST = "deltakristiansand.no"
NAME = f"{HOST}-open-data-results.csv"
HEADER = ("id;category/id;category/name/nb;category/name/en;scope/name/nb;parent/id;title/nb;title/en;"
          "description/nb;description/en;start_date;end_date;status/key;status/name/nb;progress;url;component/id")


def results_export(rows: int) -> bytes:
    """A results CSV of `rows` results (ids 1…rows; every tenth has no parent)."""
    lines = [HEADER, *(
        f"{i};7;Byutvikling;Urban development;Lund;{i - 1 if i % 10 else ''};Resultat {i} på Lund;Result {i};"
        f"\"<p>Tiltak nummer <strong>{i}</strong> &amp; mer.</p><p>Andre avsnitt {i}.</p>\";<p>Result {i}</p>;"
        f"2024-01-01;2025-12-31;in_progress;Under arbeid;{i % 101}.0;https://{HOST}/results/{i};31"
        for i in range(1, rows + 1))]
    return ("\n".join(lines) + "\n").encode("utf-8")


def read_vs_bare(rows: int) -> dict[str, float]:
    """Seconds for read_decidim and for pandas' bare read_csv of the same file."""
    from portfolio.ingest.decidim import read_decidim

    data = results_export(rows)
    started = time.perf_counter()
    pd.read_csv(io.BytesIO(data), sep=";", dtype=str, keep_default_na=False)
    bare = time.perf_counter() - started
    started = time.perf_counter()
    read = read_decidim(data, name=NAME).tables["decidim_results"]
    reader = time.perf_counter() - started
    assert len(read) == rows
    return {"read": reader, "bare": bare}


def _portfolio() -> dict[str, pd.DataFrame]:
    """A one-initiative portfolio for the store the import goes into."""
    import datetime as dt

    from portfolio.model import schema

    initiative = dict(
        initiative_id="decidim", name="Prosjekt Decidim", parent_id=None, owner_area="Kultur og innbyggerdialog",
        collaborating_areas=[], project_owner="Eier", project_leader=None, phase="Gjennomføre",
        last_decision_point="BP3", status_overall="grønn", status_schedule="grønn", status_budget="grønn",
        status_quality="grønn", status_risk="grønn", status_summary="Går som planlagt", comment_schedule=None,
        comment_budget=None, comment_quality=None, comment_risk=None, focus_areas=["tjenestene"],
        target_groups=["Nye innbyggere"], partners=[], start_date=dt.date(2024, 1, 1),
        end_date=dt.date(2027, 12, 31), is_public=False, public_summary=None, url=None)
    return {"initiatives": pd.DataFrame([initiative], columns=schema.TABLES["initiatives"].column_names),
            "budgets": pd.DataFrame(columns=schema.TABLES["budgets"].column_names),
            "milestones": pd.DataFrame(columns=schema.TABLES["milestones"].column_names)}


def import_end_to_end(rows: int) -> dict[str, float]:
    """Seconds for `import-decidim` of a `rows`-row results file into a store
    (a fresh embedded store in a temporary folder, one initiative): read,
    validate on the base (prepare), preview (the changes against the base) and
    commit, as the command does them."""
    import tempfile

    from portfolio.ingest import decidim_import, pipeline
    from portfolio.store.snapshots import Store

    data = results_export(rows)
    with tempfile.TemporaryDirectory(prefix="decidim-bench-") as folder:
        store = Store(folder)
        store.write(_portfolio(), author="Bench", note="Portefølje")
        started = time.perf_counter()
        prepared = decidim_import.prepare_decidim(data, store, name=NAME)
        assert prepared.ok, [str(p) for p in prepared.problems[:5]]
        prepared_at = time.perf_counter()
        found = pipeline.changes(prepared, store)
        previewed_at = time.perf_counter()
        outcome = pipeline.commit(prepared, store, author="Bench", note="Decidim")
        done = time.perf_counter()
        assert outcome.kind == "saved" and len(found) == rows, outcome.message
    return {"total": done - started, "prepare": prepared_at - started, "preview": previewed_at - prepared_at,
            "commit": done - previewed_at}
