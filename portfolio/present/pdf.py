"""The meeting pack as an accessible PDF: the data from meeting_pack.build,
its charts turned into SVG by vl-convert, compiled by Typst with the
template portfolio/templates/meeting_pack.typ as PDF/UA-1 (tagged headings,
lists, tables with header cells and figures with alt text; title and
language nb-NO in the metadata; fonts embedded).

Nothing is fetched: vl-convert may load no URL (`allowed_base_urls=[]`; the
specs carry their data inline) and Typst uses only the fonts built into the
`typst` package (system fonts are ignored, so the PDF is the same on every
machine). The PDF's dates are the snapshot's time, not the clock: the same
data gives the same file.
"""

from __future__ import annotations

import copy
import importlib.resources
import json
import re
from pathlib import Path

import typst
import vl_convert

TEMPLATE = ("templates", "meeting_pack.typ")
PDF_STANDARDS = ["ua-1"]
MAX_CHART_PT = 480  # a chart is drawn at its own size, at most this wide (the text width is about 480 pt)
MAX_CHART_HEIGHT_PT = 300  # and at most this high (scaled down whole)
_SVG_SIZE = re.compile(r'<svg[^>]*\swidth="([\d.]+)"[^>]*\sheight="([\d.]+)"')


PRINT_HEIGHT = 260  # a chart drawn higher on screen is drawn this high on paper


def svg(spec: dict) -> str:
    """A Vega-Lite spec as SVG, rendered without any network access (a chart
    higher than PRINT_HEIGHT on screen is drawn that high)."""
    if isinstance(spec.get("height"), (int, float)) and spec["height"] > PRINT_HEIGHT:
        spec = {**spec, "height": PRINT_HEIGHT}
    return vl_convert.vegalite_to_svg(spec, allowed_base_urls=[])


def with_svgs(data: dict) -> dict:
    """A copy of the pack's data with every chart's spec replaced by its SVG
    and its width in points."""
    data = copy.deepcopy(data)

    def walk(node):
        if isinstance(node, dict):
            if "spec" in node and isinstance(node["spec"], dict):
                drawn = svg(node.pop("spec"))
                found = _SVG_SIZE.search(drawn)
                width, height = (float(found[1]), float(found[2])) if found else (MAX_CHART_PT, MAX_CHART_HEIGHT_PT)
                node["svg"] = drawn
                node["width"] = min(width, MAX_CHART_PT, MAX_CHART_HEIGHT_PT * width / max(height, 1))
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(data)
    return data


def render(data: dict) -> bytes:
    """The PDF of the pack's data (meeting_pack.build)."""
    payload = json.dumps(with_svgs(data), ensure_ascii=False, sort_keys=True, default=str)
    template = importlib.resources.files("portfolio").joinpath(*TEMPLATE)
    with importlib.resources.as_file(template) as path:
        return typst.compile(
            str(path), root=str(Path(path).parent), sys_inputs={"data": payload}, pdf_standards=PDF_STANDARDS,
            ignore_system_fonts=True, timestamp=data.get("timestamp"),
        )


def page_count(document: bytes) -> int:
    """Pages in a PDF Typst wrote (its page tree's /Count)."""
    found = re.search(rb"/Type\s*/Pages\b[^>]*?/Count\s+(\d+)|/Count\s+(\d+)[^>]*?/Type\s*/Pages\b", document)
    return int(found[1] or found[2]) if found else 0
