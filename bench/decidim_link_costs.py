"""What suggesting Decidim links costs (issue 17, item 3): 50 000 Decidim
results against 1 000 initiatives, through portfolio.model.decidim_links.

    python bench/decidim_link_costs.py [--results N] [--initiatives M]

Prints the wall-clock and CPU seconds of `suggest_links`, `unlinked` and
`dangling` and the rows each returns. The words come from the generator's vocabulary
(tools/generate_words.py), so that the index meets words shared by many
initiatives, as real names are."""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from portfolio.model import decidim_links, schema
from tools.generate_words import PARTNERS, TOPICS

EXTRA = ("møteplass", "aktivitet", "tilbud", "arrangement", "forbedring", "park", "lekeplass", "sykkelvei",
         "belysning", "benker", "nabolag", "bydel", "idrett", "bibliotek", "kultur")


def frames(results: int, initiatives: int, seed: int = 17) -> dict[str, pd.DataFrame]:
    """Initiatives named from the generator's topics, results titled from the same words and others."""
    rng = np.random.default_rng(seed)
    topics = [t for values in TOPICS.values() for t in values]
    places = [f"Sted{i}" for i in range(40)]
    names = [f"{topics[rng.integers(len(topics))]} i {places[rng.integers(len(places))]}" for _ in range(initiatives)]
    init = pd.DataFrame({
        "initiative_id": [f"tiltak-{i}" for i in range(initiatives)], "name": names,
        "focus_areas": [list(rng.choice(schema.FOCUS_AREAS, 1 + rng.integers(2), replace=False))
                        for _ in range(initiatives)],
        "target_groups": [list(rng.choice(schema.TARGET_GROUPS, 1 + rng.integers(3), replace=False))
                          for _ in range(initiatives)],
        "partners": [list(rng.choice(PARTNERS, rng.integers(2), replace=False)) for _ in range(initiatives)],
    })
    vocabulary = [w for t in topics for w in t.split()] + list(EXTRA) + places
    titles = [" ".join(rng.choice(vocabulary, 2 + rng.integers(4))) for _ in range(results)]
    res = pd.DataFrame({"decidim_id": np.arange(1, results + 1), "title": titles,
                        "category": rng.choice(["Oppvekst", "Helse", "Kultur", None], results),
                        "scope": None, "url": None})
    links = pd.DataFrame({"entity": ["results"] * 10, "decidim_id": np.arange(1, 11),
                          "initiative_id": [f"tiltak-{i}" for i in range(10)]})
    return {"initiatives": init, "decidim_results": res, "decidim_links": links}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--results", type=int, default=50_000)
    parser.add_argument("--initiatives", type=int, default=1_000)
    args = parser.parse_args(argv)
    data = frames(args.results, args.initiatives)
    out = {"results": args.results, "initiatives": args.initiatives}
    for name in ("suggest_links", "unlinked", "dangling"):
        start, cpu = time.perf_counter(), time.process_time()
        found = getattr(decidim_links, name)(data)
        out[f"{name}_s"] = round(time.perf_counter() - start, 3)
        out[f"{name}_cpu_s"] = round(time.process_time() - cpu, 3)  # less moved by a busy machine
        out[f"{name}_rows"] = len(found)
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
