"""Which initiative delivers a Decidim row (issue 17, item 3): link
suggestions by the words a Decidim row and an initiative share, the rows no
link names yet, and links that point at nothing.

A word is compared normalised: lower case, accents stripped (æ → ae, ø → o,
å → a), a light Norwegian suffix cut («innbyggere» and «innbygger» are one
word), stop words and words under three letters left out. A Decidim row's
words are those of its title, category and scope; an initiative's those of its
name (counting double), focus areas, target groups and partners. A shared word
counts by how few initiatives have it (a word every initiative has tells
nothing): `specificity = 1 − ln(df) / ln(N + 1)`, and words below
MIN_SPECIFICITY are not counted at all. A suggestion is offered from THRESHOLD.

Scoring runs on a token index (postings per word), never a cross join of
strings: each distinct Decidim text is scored once, against the initiatives
that share at least one of its words, in numpy.
"""

from __future__ import annotations

import functools
import math
import re
import unicodedata
from dataclasses import dataclass

import numpy as np
import pandas as pd

from portfolio.model.schema_decidim import DECIDIM_ENTITIES
from portfolio.texts import decidim_links as T

THRESHOLD = 1.5  # a name word only this initiative has (2.0), or two rare words elsewhere
PER_ROW = 3  # suggestions per Decidim row at most, best first
MIN_SPECIFICITY = 0.25  # a word more common than this among the initiatives is not counted
MIN_WORD = 3
SCORE_BLOCK = 4_000_000  # scores summed at once (texts × initiatives), 32 MB
NAME_WEIGHT, OTHER_WEIGHT = 2.0, 1.0
DECIDIM_FIELDS = ("title", "category", "scope")
INITIATIVE_FIELDS = (("name", NAME_WEIGHT), ("focus_areas", OTHER_WEIGHT), ("target_groups", OTHER_WEIGHT),
                     ("partners", OTHER_WEIGHT))

SUGGESTION_COLUMNS = ["entity", "decidim_id", "title", "initiative_id", "initiative_name", "score", "reason"]
UNLINKED_COLUMNS = ["entity", "decidim_id", "title", "category", "scope", "url"]
DANGLING_COLUMNS = ["entity", "decidim_id", "initiative_id", "reason"]

# Norwegian words that say nothing about what a row is about (normalised as words are)
_STOP = """
alle andre at av bare begge bli blir ble da de dem den denne der deres det dette di din disse ditt du
eller en ene et ett etter for fordi fra før ha hadde han hans har hennes her hva hvem hver hvilke hvis
hvor hvordan hun i ikke inn inni ja jeg kan kom kunne man mange med meg men mer mest mitt mot mye ned
nei noe noen nok nye nytt ny ogsa og om opp oss over pa samme seg selv sin sine sitt skal skulle slik
som til under ut uten vi var ved vil ville vare vart nar nar mellom hele helt
kommune kommunen kristiansand prosjekt prosjektet tiltak tiltaket flere mer del fase pilot
"""
_SUFFIXES = ("ene", "ane", "ere", "er", "en", "et", "e")
_WORD = re.compile(r"\w+", re.UNICODE)
_FOLD = str.maketrans({"æ": "ae", "ø": "o", "ß": "ss"})


def normalize(word: str) -> str:
    """A word lower case, without accents (æ → ae, ø → o, å → a)."""
    folded = word.casefold().translate(_FOLD)
    return "".join(c for c in unicodedata.normalize("NFKD", folded) if not unicodedata.combining(c))


def stem(normalised: str) -> str:
    """A light Norwegian suffix cut, keeping a stem of four letters at least."""
    for suffix in _SUFFIXES:
        if normalised.endswith(suffix) and len(normalised) - len(suffix) >= 4:
            return normalised[: -len(suffix)]
    return normalised


STOP_WORDS = frozenset(normalize(w) for w in _STOP.split()) | frozenset(stem(normalize(w)) for w in _STOP.split())


@functools.lru_cache(maxsize=200_000)
def _key(word: str) -> str | None:
    """A word's stem, or None when the word is not counted."""
    plain = normalize(word)
    if len(plain) < MIN_WORD or plain.isdigit() or plain in STOP_WORDS:
        return None
    key = stem(plain)
    return None if key in STOP_WORDS else key


def words(text) -> list[tuple[str, str]]:
    """A text's counted words as (stem, the word as written, lower case), first occurrence only."""
    if not isinstance(text, str) or not text:
        return []
    out, seen = [], set()
    for word in _WORD.findall(text):
        key = _key(word)
        if key is None or key in seen:
            continue
        seen.add(key)
        out.append((key, word.casefold()))
    return out


def _texts(value) -> list[str]:
    """A cell as texts: a list column's items, or the one text."""
    if isinstance(value, str):
        return [value]
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return []
    try:
        return [v for v in value if isinstance(v, str)]
    except TypeError:
        return []


# -- what is linked ---------------------------------------------------------------------------

def decidim_rows(frames: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Every Decidim row of the snapshot, the entities in their declared order."""
    parts = []
    for entity in DECIDIM_ENTITIES:
        frame = frames.get(f"decidim_{entity}")
        if frame is None or not len(frame):
            continue
        part = pd.DataFrame({column: frame[column].astype(object).to_numpy() if column in frame else None
                             for column in UNLINKED_COLUMNS[1:]})
        part.insert(0, "entity", entity)
        parts.append(part)
    if not parts:
        return pd.DataFrame(columns=UNLINKED_COLUMNS)
    out = pd.concat(parts, ignore_index=True)
    out["decidim_id"] = out["decidim_id"].astype("int64")
    return out


def _links(frames: dict[str, pd.DataFrame]) -> pd.DataFrame:
    links = frames.get("decidim_links")
    if links is None or not len(links):
        return pd.DataFrame({"entity": pd.Series(dtype=object), "decidim_id": pd.Series(dtype="int64"),
                             "initiative_id": pd.Series(dtype=object)})
    return pd.DataFrame({"entity": links["entity"].astype(object).to_numpy(),
                         "decidim_id": links["decidim_id"].astype("int64").to_numpy(),
                         "initiative_id": links["initiative_id"].astype(object).to_numpy()})


def _is_linked(rows: pd.DataFrame, links: pd.DataFrame) -> np.ndarray:
    linked = pd.MultiIndex.from_frame(links[["entity", "decidim_id"]])
    return pd.MultiIndex.from_frame(rows[["entity", "decidim_id"]]).isin(linked)


def unlinked(frames: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """The Decidim rows no link names, per entity in declared order, by Decidim id."""
    rows = decidim_rows(frames)
    if not len(rows):
        return rows
    out = rows[~_is_linked(rows, _links(frames))]
    order = out["entity"].map({e: i for i, e in enumerate(DECIDIM_ENTITIES)})
    return out.assign(_o=order).sort_values(["_o", "decidim_id"]).drop(columns="_o").reset_index(drop=True)


def unlinked_counts(frames: dict[str, pd.DataFrame]) -> dict[str, tuple[int, int]]:
    """Per entity that has rows: (rows without a link, rows)."""
    rows = decidim_rows(frames)
    if not len(rows):
        return {}
    free = pd.Series(~_is_linked(rows, _links(frames)), index=rows.index)
    by_entity = free.groupby(rows["entity"]).agg(["sum", "size"])
    return {entity: (int(by_entity.loc[entity, "sum"]), int(by_entity.loc[entity, "size"]))
            for entity in DECIDIM_ENTITIES if entity in by_entity.index}


def dangling(frames: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Links whose Decidim row or initiative is not in the snapshot, with why in words."""
    links = _links(frames)
    if not len(links):
        return pd.DataFrame(columns=DANGLING_COLUMNS)
    rows = decidim_rows(frames)
    known = pd.MultiIndex.from_frame(rows[["entity", "decidim_id"]]) if len(rows) else pd.MultiIndex.from_arrays([[], []])
    has_row = pd.MultiIndex.from_frame(links[["entity", "decidim_id"]]).isin(known)
    initiatives = frames.get("initiatives")
    ids = set(initiatives["initiative_id"]) if initiatives is not None else set()
    has_initiative = links["initiative_id"].isin(ids).to_numpy()
    wrong = ~(has_row & has_initiative)
    out = links[wrong].copy()
    reasons = []
    for row_ok, initiative_ok, entity, decidim_id, initiative_id in zip(
            has_row[wrong], has_initiative[wrong], out["entity"], out["decidim_id"], out["initiative_id"],
            strict=True):
        parts = [] if row_ok else [T.DANGLING_DECIDIM.format(entity=T.ENTITY_LABEL.get(entity, entity),
                                                             decidim_id=decidim_id)]
        if not initiative_ok:
            parts.append(T.DANGLING_INITIATIVE.format(initiative_id=initiative_id))
        reasons.append(" ".join(p[:1].upper() + p[1:] for p in parts))
    out["reason"] = reasons
    return out.reset_index(drop=True)[DANGLING_COLUMNS]


# -- suggestions --------------------------------------------------------------------------------

@dataclass
class _Index:
    """The initiatives' words: per stem a posting list of (initiative, weight)."""

    ids: list[str]
    names: list[str]
    stems: dict[str, int]  # stem -> its number
    starts: np.ndarray  # per stem number, where its postings start (CSR)
    initiative: np.ndarray  # postings: initiative number
    weight: np.ndarray  # postings: the word's weight in that initiative
    per_initiative: list[dict[str, float]]  # per initiative, stem -> weight


def _index(initiatives: pd.DataFrame) -> _Index:
    per_initiative: list[dict[str, float]] = []
    for row in initiatives[[f for f, _ in INITIATIVE_FIELDS]].itertuples(index=False, name=None):
        found: dict[str, float] = {}
        for (_field, weight), value in zip(INITIATIVE_FIELDS, row, strict=True):
            for text in _texts(value):
                for key, _word in words(text):
                    found[key] = max(found.get(key, 0.0), weight)
        per_initiative.append(found)
    count = len(per_initiative)
    df: dict[str, int] = {}
    for found in per_initiative:
        for key in found:
            df[key] = df.get(key, 0) + 1
    scale = math.log(count + 1)
    specificity = {key: 1.0 - math.log(n) / scale for key, n in df.items()}
    kept = sorted(key for key, s in specificity.items() if s >= MIN_SPECIFICITY)
    stems = {key: i for i, key in enumerate(kept)}
    postings: list[list[tuple[int, float]]] = [[] for _ in kept]
    for number, found in enumerate(per_initiative):
        for key, weight in found.items():
            if key in stems:
                postings[stems[key]].append((number, weight * specificity[key]))
        per_initiative[number] = {k: w * specificity[k] for k, w in found.items() if k in stems}
    lengths = np.fromiter((len(p) for p in postings), dtype=np.int64, count=len(postings))
    starts = np.zeros(len(postings) + 1, dtype=np.int64)
    np.cumsum(lengths, out=starts[1:])
    flat = [pair for p in postings for pair in p]
    return _Index(
        ids=[str(i) for i in initiatives["initiative_id"]], names=[str(n) for n in initiatives["name"]],
        stems=stems, starts=starts,
        initiative=np.fromiter((p[0] for p in flat), dtype=np.int64, count=len(flat)),
        weight=np.fromiter((p[1] for p in flat), dtype=np.float64, count=len(flat)),
        per_initiative=per_initiative,
    )


def _scores(texts: list[list[int]], index: _Index, threshold: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Every (text, initiative) pair sharing words whose summed weight reaches
    `threshold`: the postings of a block of texts summed into a dense block of
    scores (bincount), so that memory stays bounded whatever the sizes."""
    initiatives = len(index.ids)
    text_of = np.fromiter((t for t, stems in enumerate(texts) for _ in stems), dtype=np.int64)
    stem_of = np.fromiter((s for stems in texts for s in stems), dtype=np.int64)
    block = max(1, SCORE_BLOCK // max(1, initiatives))
    found_text, found_initiative, found_score = [], [], []
    for first in range(0, len(texts), block):
        lo, hi = np.searchsorted(text_of, [first, first + block])
        stems = stem_of[lo:hi]
        lengths = index.starts[stems + 1] - index.starts[stems]
        total = int(lengths.sum())
        if not total:
            continue
        ends = np.cumsum(lengths)
        posting = np.repeat(index.starts[stems] - (ends - lengths), lengths) + np.arange(total, dtype=np.int64)
        cell = np.repeat(text_of[lo:hi] - first, lengths) * initiatives + index.initiative[posting]
        dense = np.bincount(cell, weights=index.weight[posting], minlength=block * initiatives)
        hits = np.flatnonzero(dense >= threshold - 1e-9)
        found_text.append(hits // initiatives + first)
        found_initiative.append(hits % initiatives)
        found_score.append(dense[hits])
    if not found_text:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, np.zeros(0)
    return np.concatenate(found_text), np.concatenate(found_initiative), np.concatenate(found_score)


def _reason(found: list[tuple[str, str, str]], shared: dict[str, float]) -> str:
    """«tittelen deler ordene «ungdom», «arbeid»; kategorien …» for the shared words."""
    parts = []
    for field in DECIDIM_FIELDS:
        hits = [word for key, word, where in found if where == field and key in shared]
        if hits:
            template = T.REASON_ONE if len(hits) == 1 else T.REASON_MANY
            listed = T.REASON_WORD_SEPARATOR.join(T.REASON_WORD.format(word=w) for w in hits)
            parts.append(template.format(field=T.REASON_FIELD[field], words=listed))
    text = T.REASON_SEPARATOR.join(parts)
    return text[:1].upper() + text[1:]


def suggest_links(frames: dict[str, pd.DataFrame], *, per_row: int = PER_ROW,
                  threshold: float = THRESHOLD) -> pd.DataFrame:
    """For every Decidim row no link names, its best initiatives (up to
    `per_row`, from `threshold`), as SUGGESTION_COLUMNS: per entity in declared
    order, by Decidim id, then best score, initiative name and id."""
    rows = unlinked(frames)
    initiatives = frames.get("initiatives")
    if not len(rows) or initiatives is None or not len(initiatives):
        return pd.DataFrame(columns=SUGGESTION_COLUMNS)
    index = _index(initiatives.reset_index(drop=True))
    # each distinct (title, category, scope) is scored once
    keys = rows[list(DECIDIM_FIELDS)].astype(object)
    text_key = pd.MultiIndex.from_frame(keys.where(keys.notna(), "")).to_flat_index()
    codes, distinct = pd.factorize(text_key)
    found_per_text: list[list[tuple[str, str, str]]] = []
    stems_per_text: list[list[int]] = []
    for triple in distinct:
        found, seen = [], set()
        for field, text in zip(DECIDIM_FIELDS, triple, strict=True):
            for key, word in words(text):
                if key in index.stems and key not in seen:
                    seen.add(key)
                    found.append((key, word, field))
        found_per_text.append(found)
        stems_per_text.append([index.stems[key] for key, _w, _f in found])
    text_no, initiative_no, score = _scores(stems_per_text, index, threshold)
    score = np.round(score, 2)
    by_name = sorted(range(len(index.ids)), key=lambda i: (index.names[i].casefold(), index.ids[i]))
    name_rank = np.empty(len(by_name), dtype=np.int64)
    name_rank[by_name] = np.arange(len(by_name))
    order = np.lexsort((name_rank[initiative_no], -score, text_no))
    text_no, initiative_no, score = text_no[order], initiative_no[order], score[order]
    first = np.r_[True, text_no[1:] != text_no[:-1]]
    group_start = np.maximum.accumulate(np.where(first, np.arange(len(text_no)), 0))
    top = (np.arange(len(text_no)) - group_start) < per_row
    text_no, initiative_no, score = text_no[top], initiative_no[top], score[top]
    reasons = [_reason(found_per_text[t], index.per_initiative[i]) for t, i in zip(text_no, initiative_no, strict=True)]
    best = pd.DataFrame({"_text": text_no, "initiative_id": [index.ids[i] for i in initiative_no],
                         "initiative_name": [index.names[i] for i in initiative_no], "score": score,
                         "reason": reasons, "_rank": np.arange(len(text_no))})
    base = rows[["entity", "decidim_id", "title"]].assign(_text=codes, _row=np.arange(len(rows)))
    out = base.merge(best, on="_text", how="inner").sort_values(["_row", "_rank"])
    return out[SUGGESTION_COLUMNS].reset_index(drop=True)
