"""Screenshots for the user guide (docs/brukerveiledning.md): `make screenshots`.

Starts the app as the browser tests do (tests/browser.py: a real Streamlit
server on a free localhost port, headless Debian Chromium, waiting for each
page to be idle rather than for a fixed time) on a copy of the demo data,
with the demo's "today", and writes one small PNG per shot to docs/img/:
the first screen a user sees at 1400 × 900 (a phone's 390 × 844 for the
public page on a phone), reduced to a palette of 256 colours.

    python -m tools.screenshots                 # every shot, into docs/img/
    python -m tools.screenshots --only oversikt offentlig --out /tmp/img

The guide names the files; tests/test_docs.py checks that every image it
links to exists. Nothing is written to the project's data: the app runs on
a copy, and the upload shot stops at the preview (nothing is saved).
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))  # the browser tests' helpers (tests/browser.py)

from PIL import Image  # noqa: E402

from badfiles import edit_template, set_cell  # noqa: E402
from browser import chromium, close_shared_browser, streamlit_server, wait_until_idle  # noqa: E402
from conftest import DEMO_DATA, DEMO_TODAY, copy_store  # noqa: E402
from portfolio.ingest import template as workbook  # noqa: E402
from portfolio.store.snapshots import Store  # noqa: E402

OUT = ROOT / "docs" / "img"
LAPTOP = (1400, 900)
PHONE = (390, 844)
COLOURS = 256  # a palette: text and flat colours stay sharp, the files small


@dataclasses.dataclass(frozen=True)
class Shot:
    name: str  # docs/img/<name>.png
    app: str  # dashboard.py (the local user: every page) or public.py
    path: str  # the page's URL path and query
    viewport: tuple[int, int] = LAPTOP
    # what to do once the page is idle (e.g. upload a file, scroll to a part)
    action: Callable | None = None


def scroll_to(text: str, heading: bool = False) -> Callable:
    """Bring the element showing `text` (a heading of that name, with
    `heading`) to the top of the screen."""
    def act(page, context) -> None:
        target = (page.get_by_role("heading", name=text, exact=True) if heading
                  else page.get_by_text(text, exact=False)).first
        target.wait_for(timeout=60_000)
        target.evaluate("element => element.scrollIntoView({block: 'start'})")
        wait_until_idle(page)
    return act


def upload_a_changed_template(page, context) -> None:
    """Upload the template with a status and its comment changed, and show
    the preview of the changes (the project leader's step before saving)."""
    edited = edit_template(workbook.template_for(Store(context["data"])),
                           set_cell("initiatives", 2, "status_overall", "rød"))
    edited = edit_template(edited, set_cell(
        "initiatives", 2, "status_summary", "Leveransen er forsinket. Ny plan legges fram på neste KDL-møte."))
    path = context["tmp"] / "portefolje.xlsx"
    path.write_bytes(edited)
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(path))
    page.get_by_text("2 endringer", exact=True).wait_for(timeout=60_000)
    wait_until_idle(page)
    scroll_to("2 endringer")(page, context)


SHOTS = [
    # the leadership (KDL): the portfolio at a glance, one initiative, milestones, changes
    Shot("oversikt", "dashboard.py", ""),
    Shot("tiltak", "dashboard.py", "initiative?initiative=flere-i-arbeid"),
    Shot("milepaeler", "dashboard.py", "milestones", action=scroll_to("Tidslinje", heading=True)),
    Shot("endringer", "dashboard.py", "changes"),
    # who works with whom, for which citizens: the coverage of the citizen groups
    Shot("samhandling", "dashboard.py", "samhandling", action=scroll_to("Innbyggergrupper og innsatsområder",
                                                                         heading=True)),
    # the project leader: a new snapshot from the Excel template
    Shot("oppdater-data", "dashboard.py", "update", action=upload_a_changed_template),
    # politicians and citizens: the public page, one card, on a phone
    Shot("offentlig", "public.py", ""),
    Shot("offentlig-kort", "public.py", "?q=Flere+i+arbeid", action=scroll_to("Dette er gjort")),
    Shot("offentlig-gruppe", "public.py", "?gruppe=Nye+innbyggere",
         action=scroll_to("Hva gjør kommunen for meg?", heading=True)),
    Shot("offentlig-mobil", "public.py", "", viewport=PHONE),
]


def optimise(path: Path) -> None:
    """Reduce a screenshot to a palette of COLOURS colours, without dithering."""
    image = Image.open(path).convert("RGB")
    image.quantize(colors=COLOURS, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE).save(
        path, optimize=True)


def take(shots: list[Shot], out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    written = []
    with tempfile.TemporaryDirectory(prefix="screenshots-") as tmp:
        data = copy_store(DEMO_DATA, Path(tmp) / "data")
        context = {"data": data, "tmp": Path(tmp)}
        for app in dict.fromkeys(shot.app for shot in shots):
            with streamlit_server(app, data, today=DEMO_TODAY.isoformat()) as url:
                for shot in (s for s in shots if s.app == app):
                    with chromium(viewport=shot.viewport) as page:
                        page.goto(f"{url}/{shot.path}")
                        wait_until_idle(page)
                        if shot.action:
                            shot.action(page, context)
                        path = out / f"{shot.name}.png"
                        page.screenshot(path=str(path))
                        optimise(path)
                        written.append(path)
                        print(f"{path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}: "
                              f"{path.stat().st_size // 1024} KB")
    close_shared_browser()
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=OUT, help="folder to write the PNG files to (default: docs/img)")
    parser.add_argument("--only", nargs="+", metavar="NAME", choices=[s.name for s in SHOTS],
                        help="take only these shots")
    args = parser.parse_args(argv)
    shots = [s for s in SHOTS if not args.only or s.name in args.only]
    take(shots, args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
