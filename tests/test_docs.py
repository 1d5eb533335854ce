"""Docs and set-up files say what the code does; a missing setting fails here."""

from __future__ import annotations

import tomllib

from conftest import ROOT
from portfolio import config
from tools import datamodel_doc


def test_readme_documents_every_setting():
    readme = (ROOT / "README.md").read_text()
    for name in config.SETTINGS:
        assert f"`{name}`" in readme, f"README.md does not document {name}"


def test_readme_quick_start_is_two_commands_and_ci_runs_the_test_command():
    readme = (ROOT / "README.md").read_text()
    assert "make run" in readme and "make test" in readme
    ci = (ROOT / ".ci" / "run").read_text()
    assert "make test" in ci.split("\n", 2)[-1]


def test_data_model_doc_is_generated_from_the_schema():
    committed = (ROOT / "docs" / "data-model.md").read_text()
    assert committed == datamodel_doc.data_model_markdown(), (
        "docs/data-model.md is out of date: run "
        "`python -m tools.datamodel_doc > docs/data-model.md`"
    )


def test_the_user_guide_and_readme_link_only_to_images_that_exist():
    """docs/brukerveiledning.md and README.md show screenshots made by
    `make screenshots` (tools/screenshots.py): every image they link to is
    in the repository, every shot the script takes is shown in the guide, and
    each stays small."""
    import re

    from tools import screenshots

    guide = ROOT / "docs" / "brukerveiledning.md"
    shown = set()
    for doc in (guide, ROOT / "README.md"):
        text = doc.read_text()
        links = re.findall(r"!\[[^\]]*\]\(([^)\s]+)\)", text) + re.findall(r'<img[^>]*\ssrc="([^"]+)"', text)
        for link in links:
            path = (doc.parent / link).resolve()
            assert path.is_file(), f"{doc.name} links to a missing image: {link}"
            shown.add(path)
    assert "docs/brukerveiledning.md" in (ROOT / "README.md").read_text()
    for shot in screenshots.SHOTS:
        path = (screenshots.OUT / f"{shot.name}.png").resolve()
        assert path in shown, f"the guide does not show {path.name}"
        assert path.stat().st_size < 200_000, f"{path.name} is larger than 200 KB: run `make screenshots`"


def _luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def test_streamlit_config_is_private_safe_and_has_enough_contrast():
    settings = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    assert settings["browser"]["gatherUsageStats"] is False
    assert settings["server"]["enableXsrfProtection"] is True
    assert settings["server"]["address"] == "localhost"
    # no full garbage collection after every run (bench/README.md: a third more reruns a second under load)
    assert settings["runner"]["postScriptGC"] is False
    theme = settings["theme"]
    assert contrast(theme["primaryColor"], "#ffffff") >= 4.5
    assert contrast(theme["textColor"], theme["backgroundColor"]) >= 7
    assert contrast(theme["textColor"], theme["secondaryBackgroundColor"]) >= 7


def test_status_cell_colours_have_enough_contrast():
    from portfolio.present.charts import STATUS_CELL_STYLES

    for style in STATUS_CELL_STYLES.values():
        parts = dict(p.split(": ") for p in style.split("; "))
        assert contrast(parts["color"], parts["background-color"]) >= 7, style


def test_chart_status_colours_are_distinct_and_outlined():
    from portfolio.present import charts

    assert len(set(charts.STATUS_COLOURS.values())) == len(charts.STATUS_COLOURS)
    # each bar has a dark outline with at least 3:1 against the white background
    assert contrast(charts.OUTLINE, "#ffffff") >= 3


def test_chart_colours_that_carry_meaning_have_3_to_1_against_the_background():
    """WCAG 1.4.11 (non-text contrast): every colour that tells categories apart in
    a chart (every `*_COLOURS` palette in portfolio/charts.py, found automatically)
    has at least 3:1 against the page background. A colour equal to the background
    is a hollow mark: its dark outline carries it, and the outline has 3:1."""
    from portfolio.present import charts

    theme = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())["theme"]
    background = theme["backgroundColor"]
    palettes = {name: value for name, value in vars(charts).items()
                if name.endswith("_COLOURS") and isinstance(value, (dict, tuple, list))}
    assert "STATUS_COLOURS" in palettes and len(palettes) >= 1
    for name, palette in palettes.items():
        colours = list(palette.values()) if isinstance(palette, dict) else list(palette)
        assert len(set(colours)) == len(colours), f"{name}: colours must differ"
        for colour in colours:
            if colour.lower() == background.lower():
                assert contrast(charts.OUTLINE, background) >= 3, f"{name}: hollow mark needs an outline"
                continue
            assert contrast(colour, background) >= 3, f"{name}: {colour} has {contrast(colour, background):.2f}:1"
    # the theme's primary colour (buttons, focus, links) against the background too
    assert contrast(theme["primaryColor"], background) >= 4.5
