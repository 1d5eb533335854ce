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
