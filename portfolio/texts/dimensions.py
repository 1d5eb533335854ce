"""The dimensions of relational coordination, in Norwegian: reference data
for the collaboration scores (table `collaboration_scores`).

Relational coordination (Jody Hoffer Gittell) measures how groups that
depend on each other work together, in seven dimensions, each on a 1–5
scale: four of communication (frequent, timely, accurate, problem-solving)
and three of relationships (shared goals, shared knowledge, mutual respect).
It is the basis of the work on «relasjonell kapasitet» that Nordic
municipalities do with Joint Action Analytics (see ../shared/domain-notes.md).

A score names its dimension by the label here (`DIMENSIONS`), written
exactly so: a label that differs from one of these only in case or spaces is
refused with the right spelling (so that one dimension is never two series).
Another instrument adds its own dimensions as data: any other label is kept
as written (a label, not a code, so every page can show it as it is).
"""

from __future__ import annotations

SOURCE = (
    "Jody Hoffer Gittell: relasjonell koordinering (Relational Coordination), sju dimensjoner på en skala "
    "fra 1 til 5; grunnlaget for kartleggingen av relasjonell kapasitet med Joint Action Analytics"
)
INSTRUMENT = "Relasjonell koordinering (Gittell)"  # the instrument the seven belong to
INSTRUMENTS = (INSTRUMENT,)  # offered in the template and the editor; another may be written

# The seven dimensions, in Gittell's order: label -> (the English name, what it asks)
RELATIONAL_COORDINATION: dict[str, tuple[str, str]] = {
    "Hyppig kommunikasjon": (
        "Frequent communication", "Hvor ofte gruppene snakker sammen om arbeidet de gjør sammen."),
    "Tidsriktig kommunikasjon": (
        "Timely communication", "Om viktig informasjon kommer fram i tide."),
    "Nøyaktig kommunikasjon": (
        "Accurate communication", "Om informasjonen som deles, er riktig og presis."),
    "Problemløsende kommunikasjon": (
        "Problem-solving communication", "Om gruppene leter etter løsninger heller enn å gi andre skylden."),
    "Felles mål": (
        "Shared goals", "Om gruppene deler målene for arbeidet de gjør sammen."),
    "Felles kunnskap": (
        "Shared knowledge", "Om gruppene vet hva de andre gjør, og hvordan det henger sammen med eget arbeid."),
    "Gjensidig respekt": (
        "Mutual respect", "Om gruppene respekterer og verdsetter hverandres arbeid."),
}
DIMENSIONS = tuple(RELATIONAL_COORDINATION)


def spelling_key(label: str) -> str:
    """A label compared ignoring case and runs of spaces."""
    return " ".join(label.split()).casefold()


# A reference label by its spelling key: a score's dimension equal to one of
# these but written otherwise is refused (portfolio/model/rules_collaboration.py)
BY_SPELLING = {spelling_key(label): label for label in DIMENSIONS}


def order(label: str) -> tuple[int, str]:
    """Sort key: the seven in Gittell's order first, then any other by its label."""
    return (DIMENSIONS.index(label), "") if label in RELATIONAL_COORDINATION else (len(DIMENSIONS), label.casefold())
