"""What the two data tools share on the command line (`python -m tools.demo_data`,
`python -m tools.generate`): their Norwegian texts, the parser and the check that
refuses a folder which already holds snapshots."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from portfolio import config, texts
from portfolio.store.snapshots import holds_snapshots

# Norwegian: help texts and messages of the tools
TEXTS = {
    "demo_description": (
        "Skriv seed-porteføljen (demodata for Samhandlingskommunen Kristiansand) som øyeblikksbilder, "
        "med README.md, til en mappe uten øyeblikksbilder. Dataene leses fra tools/seed/."
    ),
    "generate_description": (
        "Skriv store genererte testdata: ukentlige øyeblikksbilder av en oppdiktet portefølje. "
        "Samme argumenter gir samme data."
    ),
    "out": "Mappe å skrive til (standard: PORTFOLIO_DATA eller data/). Må være uten øyeblikksbilder.",
    "initiatives": "Antall tiltak.",
    "snapshots": "Antall ukentlige øyeblikksbilder (standard 52).",
    "seed": "Frø for tilfeldige tall (standard 0); samme frø gir samme data.",
    "at_least_one": "må være et heltall på minst 1: {value}",
    "not_empty": "Mappen {path} inneholder allerede øyeblikksbilder; velg en tom mappe.",
    "written": "Skrev {count} øyeblikksbilder til {path}.",
    "progress": "Øyeblikksbilde {done} av {total}",
}


def parser(prog: str, description: str) -> argparse.ArgumentParser:
    """An argument parser with Norwegian words and the --out option."""
    # argparse looks its own words up through gettext at run time
    argparse._ = lambda message: texts.ARGPARSE.get(message, message)
    parser = argparse.ArgumentParser(prog=prog, description=description)
    parser.add_argument("--out", type=Path, default=None, metavar="MAPPE", help=TEXTS["out"])
    return parser


def at_least_one(text: str) -> int:
    """argparse type: an integer ≥ 1."""
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(TEXTS["at_least_one"].format(value=text))
    return value


def out_folder(args: argparse.Namespace) -> Path | None:
    """The folder to write to, or None (after telling why) when it already holds snapshots."""
    out = (args.out or config.data_dir()).resolve()
    if holds_snapshots(out):
        print(TEXTS["not_empty"].format(path=out), file=sys.stderr)
        return None
    return out


def written(count: int, out: Path) -> None:
    print(TEXTS["written"].format(count=count, path=out))
