"""The meeting pack for KDL (`python -m portfolio meeting-pack`, the PDF button on
«Oversikt»): an accessible PDF (PDF/UA-1) whose «Siden sist» is exactly the
change summary's sentences, checked with pikepdf on real demo and generated data."""

from __future__ import annotations

import io
import re
import subprocess
from pathlib import Path

import pikepdf
import pytest
from streamlit.testing.v1 import AppTest

from conftest import DEMO_DATA, ROOT, run_portfolio
from portfolio.present import change_summary, changes, meeting_pack, pdf
from portfolio.store.snapshots import Store
from portfolio.texts import meeting_pack as T

SOSLOKAL_SENTENCE = "Samlet status er endret fra gul til rød."
KDL_2025 = "20251117T130000.000Z"  # «Status til KDL-møte 17.11.2025» in the demo data


def cli(*args: str, data: Path = DEMO_DATA) -> subprocess.CompletedProcess:
    """`portfolio meeting-pack ARGS` run in this process (conftest.run_portfolio;
    tests/test_cli.py runs the real entry point)."""
    return run_portfolio("meeting-pack", *args, env={"PORTFOLIO_DATA": str(data), "PORTFOLIO_TODAY": None})


# -- reading the PDF back ----------------------------------------------------------------

def _cmap(stream: pikepdf.Stream) -> dict[int, str]:
    """A font's ToUnicode CMap: glyph code → text (Typst writes bfchar and bfrange)."""
    text = stream.read_bytes().decode("latin-1")
    found: dict[int, str] = {}
    for block in re.findall(r"beginbfchar(.*?)endbfchar", text, re.S):
        for src, dst in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]*)>", block):
            found[int(src, 16)] = bytes.fromhex(dst).decode("utf-16-be")
    for block in re.findall(r"beginbfrange(.*?)endbfrange", text, re.S):
        for a, b, dst in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            for i, code in enumerate(range(int(a, 16), int(b, 16) + 1)):
                found[code] = chr(int(dst, 16) + i)
    return found


def page_text(page: pikepdf.Page) -> str:
    """The text of a page's content stream, through each font's ToUnicode map
    (two-byte codes, as Typst writes them); a line break at each text
    positioning."""
    fonts = {str(name): _cmap(font.ToUnicode) for name, font in (page.Resources.get("/Font") or {}).items()
             if "/ToUnicode" in font}
    out, current = [], {}
    for operands, operator in pikepdf.parse_content_stream(page):
        op = str(operator)
        if op == "Tf":
            current = fonts.get(str(operands[0]), {})
        elif op in ("Tj", "TJ"):
            for item in operands[0] if op == "TJ" else [operands[0]]:
                if isinstance(item, pikepdf.String):
                    raw = bytes(item)
                    out.append("".join(current.get(int.from_bytes(raw[i:i + 2], "big"), "")
                                       for i in range(0, len(raw), 2)))
        elif op in ("BT", "ET", "Td", "TD", "Tm", "T*"):
            out.append("\n")
    return "".join(out)


def text_of(document: pikepdf.Pdf) -> str:
    """The whole text, words joined across line breaks and hyphenation."""
    text = "\n".join(page_text(p) for p in document.pages)
    return " ".join(re.sub(r"\n*-\n+(?=[a-zæøå])", "", text).split())


def structure(document: pikepdf.Pdf) -> list[pikepdf.Dictionary]:
    """Every structure element, in the order of the structure tree."""
    found = []

    def walk(node):
        if isinstance(node, pikepdf.Dictionary):
            if "/S" in node:
                found.append(node)
            kids = node.get("/K")
            if kids is not None:
                for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
                    walk(kid)

    walk(document.Root.StructTreeRoot)
    return found


def fonts(document: pikepdf.Pdf):
    """Every font the pages use, also inside form XObjects (the charts)."""
    seen = set()

    def of(resources):
        for font in (resources.get("/Font") or {}).values():
            if font.objgen not in seen:
                seen.add(font.objgen)
                yield font
        for xobject in (resources.get("/XObject") or {}).values():
            if "/Resources" in xobject:
                yield from of(xobject.Resources)

    for page in document.pages:
        yield from of(page.Resources)


# -- the demo pack --------------------------------------------------------------------------

@pytest.fixture(scope="module")
def demo_pack(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("pack") / "kdl.pdf"
    result = cli(str(out), "--since", KDL_2025)
    assert result.returncode == 0, result.stderr
    assert "Skrev" in result.stdout
    return out


def test_the_pdf_is_tagged_pdf_ua_with_title_and_norwegian_language(demo_pack):
    with pikepdf.open(demo_pack) as document:
        root = document.Root
        assert root.MarkInfo.Marked is True
        assert "/StructTreeRoot" in root
        assert str(root.Lang) == "nb-NO"
        assert root.ViewerPreferences.DisplayDocTitle is True
        assert str(document.docinfo.Title).startswith(T.TITLE)
        with document.open_metadata() as xmp:
            assert xmp["dc:title"].startswith(T.TITLE)
            assert xmp["pdfuaid:part"] == "1"
        kinds = [str(e.S) for e in structure(document)]
        for kind in ("/H1", "/H2", "/Table", "/TH", "/TD", "/L", "/LI", "/Figure", "/Caption"):
            assert kind in kinds, kind
        assert kinds.count("/Figure") >= 3  # the phase chart and two money charts


def test_every_figure_has_alt_text(demo_pack):
    with pikepdf.open(demo_pack) as document:
        figures = [e for e in structure(document) if str(e.S) == "/Figure"]
        assert figures
        for figure in figures:
            assert len(str(figure.get("/Alt", ""))) > 20, figure


def test_every_font_is_embedded(demo_pack):
    with pikepdf.open(demo_pack) as document:
        found = list(fonts(document))
        assert found
        for font in found:
            descriptor = (font.DescendantFonts[0] if "/DescendantFonts" in font else font).FontDescriptor
            assert {"/FontFile", "/FontFile2", "/FontFile3"} & set(descriptor.keys()), font.get("/BaseFont")


def test_the_text_names_every_initiative_and_the_known_change(demo_pack):
    with pikepdf.open(demo_pack) as document:
        text = text_of(document)
    store = Store(DEMO_DATA)
    for name in store.read_frames(store.latest().snapshot_id)["initiatives"]["name"]:
        assert " ".join(name.split()) in text, name
    assert "SOSLOKAL" in text
    assert SOSLOKAL_SENTENCE in text
    assert T.SINCE["heading"] in text and T.ATTENTION["heading"] in text
    assert "Demodata" in text


def test_siden_sist_is_exactly_the_change_summary_worst_first():
    store = Store(DEMO_DATA)
    ctx = meeting_pack.context(store)
    since = meeting_pack.since_snapshot(ctx)
    assert since.snapshot_id == KDL_2025  # the snapshot current 30 days before the demo's today
    data = meeting_pack.build(ctx, since=since)
    frame = changes.build(store, since.snapshot_id, ctx.snapshot_id, ctx.today, meeting_pack.DEFAULT_THRESHOLD)
    expected = change_summary.summarise(frame)
    shown = data["since"]["initiatives"]
    assert shown
    for summary, got in zip(expected, shown, strict=False):
        assert got["name"] == summary.name
        assert got["sentences"] == [s.text for s in summary.sentences][:len(got["sentences"])]
        assert all(got["changes"]), "every sentence names the changes it says"
    soslokal = next(i for i in shown if i["name"] == "SOSLOKAL")
    assert SOSLOKAL_SENTENCE in soslokal["sentences"]
    said = sum(len(c) for i in shown for c in i["changes"])
    assert said <= len(frame)


def test_the_same_input_gives_the_same_document():
    store = Store(DEMO_DATA)
    ctx = meeting_pack.context(store)
    since = meeting_pack.since_snapshot(ctx)
    first, second = (pdf.render(meeting_pack.build(ctx, since=since)) for _ in range(2))
    with pikepdf.open(io.BytesIO(first)) as a, pikepdf.open(io.BytesIO(second)) as b:
        assert text_of(a) == text_of(b)
    assert first == second


def test_a_programme_pack_has_only_that_programme(tmp_path):
    out = tmp_path / "programme.pdf"
    result = cli(str(out), "--programme", "samhandlingskommunen", "--as-of", "2026-11-23")
    assert result.returncode == 0, result.stderr
    with pikepdf.open(out) as document:
        text = text_of(document)
    assert "Programmet Samhandlingskommunen Kristiansand" in text
    assert "23.11.2026" in text  # the meeting date


@pytest.mark.parametrize(("args", "words"), [
    (("--snapshot", "nope"), "Fant ikke øyeblikksbildet «nope»"),
    (("--programme", "nope"), "Fant ikke programmet «nope»"),
    (("--since", "2030-01-01"), "må være før øyeblikksbildet"),
    (("--since", "20261116T130000.000Z"), "må være før øyeblikksbildet"),
    (("--since", "2026-13-45"), "ikke en gyldig dato"),
    (("--as-of", "2000-01-01"), "ingen øyeblikksbilder fra 01.01.2000"),
])
def test_bad_input_exits_2_with_a_norwegian_message_and_no_file(tmp_path, args, words):
    out = tmp_path / "kdl.pdf"
    result = cli(str(out), *args)
    assert result.returncode == 2, result.stdout + result.stderr
    assert words in result.stderr
    assert "Traceback" not in result.stderr
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("where", ["missing/kdl.pdf", "folder.pdf", "kdl.txt"])
def test_an_unwritable_out_exits_2_and_leaves_nothing(tmp_path, where):
    (tmp_path / "folder.pdf").mkdir()
    before = sorted(tmp_path.rglob("*"))
    result = cli(str(tmp_path / where))
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stderr and result.stderr.strip()
    assert sorted(tmp_path.rglob("*")) == before


def test_text_from_the_data_is_never_typst_markup(tmp_path):
    """Names, comments and notes full of Markdown and Typst syntax (# * _ $ < >)
    come out as the same text: the template shows data strings as text."""
    from test_markup import write_hostile_data

    store = Store(write_hostile_data(tmp_path / "data"))
    ctx = meeting_pack.context(store)
    with pikepdf.open(io.BytesIO(pdf.render(meeting_pack.build(ctx, since=meeting_pack.since_snapshot(ctx))))) as document:
        text = text_of(document)
    assert "Alfa ![x](" in text
    assert "# Overskrift **fet** _kursiv_ :red[rød] $x^2$ <b>b</b>" in text


def test_charts_are_rendered_without_network_access():
    with pytest.raises(ValueError):
        pdf.svg({"data": {"url": "https://example.com/data.csv"}, "mark": "bar",
                 "encoding": {"x": {"field": "a", "type": "nominal"}}})


def test_the_overview_has_the_download_button(data_env):
    data_env(DEMO_DATA)
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60).run()
    assert not at.exception, [e.message for e in at.exception]
    buttons = [b for b in at.get("download_button") if b.proto.label == T.DOWNLOAD["button"]]
    assert len(buttons) == 1


# -- at scale -----------------------------------------------------------------------------------

def test_a_large_portfolio_is_summarised_with_a_capped_appendix(large_data):
    store = Store(large_data)
    ctx = meeting_pack.context(store)
    data = meeting_pack.build(ctx, since=meeting_pack.since_snapshot(ctx))
    portfolio, appendix = data["portfolio"], data["appendix"]
    assert portfolio["summarised"]
    assert [t["caption"] for t in portfolio["tables"]] == [T.PORTFOLIO["by_area"], T.PORTFOLIO["by_programme"]]
    assert all(len(t["rows"]) <= meeting_pack.GROUP_ROWS for t in portfolio["tables"])
    assert appendix["total"] == 3000
    assert appendix["shown"] == len(appendix["table"]["rows"]) == meeting_pack.APPENDIX_ROWS
    assert f"{meeting_pack.APPENDIX_ROWS} mest kritiske av 3\u00a0000 tiltak" in appendix["note"]
    assert len(data["since"]["initiatives"]) <= meeting_pack.SINCE_INITIATIVES
    with pikepdf.open(io.BytesIO(pdf.render(data))) as document:
        text = text_of(document)
        assert len(document.pages) < 40
    assert T.APPENDIX["heading"] in text
    assert "mest kritiske av 3 000 tiltak" in text


@pytest.mark.browser
def test_the_overview_button_downloads_the_pack_with_the_pages_filters(demo_app):
    from browser import chromium, wait_until_idle

    with chromium() as page:
        page.goto(f"{demo_app}/?status=rød")
        wait_until_idle(page)
        with page.expect_download(timeout=120_000) as info:
            page.get_by_role("button", name=T.DOWNLOAD["button"]).click()
        download = info.value
        assert download.suggested_filename == "statusrapport-kdl-2026-11-23.pdf"
        with pikepdf.open(download.path()) as document:
            assert document.Root.MarkInfo.Marked is True
            text = text_of(document)
    assert "Samlet status: rød" in text  # the page's filter, on the cover
    assert "SOSLOKAL" in text and SOSLOKAL_SENTENCE in text
    assert "Dialogmøter med formannskapet" not in text  # green: filtered out
