"""Norwegian formats through Babel."""

import datetime as dt

import pandas as pd
import pytest

from portfolio import fmt


def plain(text: str) -> str:
    return text.replace("\u00a0", " ").replace("\u202f", " ")


def test_amounts_dates_and_percentages_are_norwegian():
    assert plain(fmt.kr(1234567)) == "1 234 567 kr"
    assert plain(fmt.kr(300000)) == "300 000 kr"
    assert plain(fmt.kr(0)) == "0 kr"
    assert fmt.kr(None) == "–"
    assert fmt.date(dt.date(2026, 11, 22)) == "22.11.2026"
    assert fmt.date(dt.datetime(2021, 10, 18, 12)) == "18.10.2021"
    assert fmt.date(None) == "–"
    assert plain(fmt.percent(0.123)) == "12 %"
    assert plain(fmt.number(12345)) == "12 345"


def test_amounts_never_wrap_inside_a_number():
    assert " " not in fmt.kr(1234567)


def test_missing_values_show_a_dash():
    assert fmt.date(pd.NaT) == "–"
    assert fmt.kr(float("nan")) == "–"
    assert fmt.number(pd.NA) == "–"


J = "\u2060"  # the invisible word joiner fmt.literal puts where Streamlit would still find a pattern


def test_text_from_the_data_is_literal_in_markdown():
    assert fmt.literal("**Kari** [lenke](http://x) :red[rød] <b>") == (
        f"\\*\\*Kari\\*\\* \\[lenke\\](http\\:{J}//x) \\:red\\[rød\\] \\<b\\>"
    )


def test_the_characters_that_make_markdown_are_escaped_and_the_others_kept():
    assert fmt.literal("_kursiv_ snake_case __init__ :red[x] :help Status: a") == (
        "\\_kursiv\\_ snake_case \\_\\_init\\_\\_ \\:red\\[x\\] \\:help Status: a")
    assert fmt.literal("\\`*_~[]<>&$|#").replace(J, "") == "".join(f"\\{c}" for c in "\\`*_~[]<>&$|#")
    # without [ and <, these make nothing: kept, so the text reads the same in the source
    assert fmt.literal("E-helse (ny)! 16.11.2026, 50 % av {x}; «a» 'b' \"c\" ^ / = + ? 1.") == (
        "E-helse (ny)! 16.11.2026, 50 % av {x}; «a» 'b' \"c\" ^ / = + ? 1.")
    assert fmt.literal("Æøå 123 abc") == "Æøå 123 abc"


def test_block_syntax_at_the_start_is_escaped():
    """The data may start a line of the Markdown (a list item, a cell, a
    label): a list, numbered item, setext underline or rule must not start."""
    assert fmt.literal("- punkt") == "\\- punkt"
    assert fmt.literal("+ punkt") == "\\+ punkt"
    assert fmt.literal("= understrek") == "\\= understrek"
    assert fmt.literal("1. nummer") == "1\\. nummer"
    assert fmt.literal("12) nummer") == "12\\) nummer"
    assert fmt.literal("1.") == "1\\."
    assert fmt.literal(" - innrykket") == " \\- innrykket"
    assert fmt.literal("2026.11 er ikke en liste") == "2026.11 er ikke en liste"
    assert fmt.literal("# Overskrift") == "\\# Overskrift" and fmt.literal("> sitat") == "\\> sitat"


def test_patterns_streamlit_finds_in_plain_text_are_broken():
    """Streamlit turns web and e-mail addresses in the text into links, and
    `:name:` codes into emoji, icons or its logo, after escapes are resolved:
    an invisible word joiner breaks each."""
    assert fmt.literal("https://x.no") == f"https\\:{J}//x.no"
    assert fmt.literal("www.x.no") == f"www{J}.x.no"
    assert fmt.literal("WWW.x.no") == f"WWW{J}.x.no"
    assert fmt.literal("kari@x-y.no") == f"kari@{J}x-y.no"
    assert fmt.literal(":streamlit: :material/home: :material_home: :+1:") == (
        f"\\:{J}streamlit: \\:{J}material/home: \\:{J}material_home: \\:{J}+1:")
    assert fmt.literal("a -> b <= c -- d") == f"a -{J}\\> b \\<{J}= c -{J}- d"
    assert fmt.literal("kl. 10: møte, javascript:x") == "kl. 10: møte, javascript\\:x"  # nothing to break


def test_line_breaks_never_start_a_block():
    assert fmt.literal("Første\n\n# Overskrift\n> sitat\n    kode\n- punkt\n1. nummer") == (
        "Første \\# Overskrift \\> sitat kode - punkt 1. nummer")
    assert fmt.literal("\t\t  innrykk") == " innrykk"  # never four spaces: no code block


def test_formatted_numbers_and_dates_are_markdown_as_they_are():
    for text in (fmt.kr(1234567), fmt.signed_kr(-4000), fmt.signed_kr(4000), fmt.number(12345),
                 fmt.percent(0.5), fmt.signed_percent(-0.03), fmt.date(dt.date(2026, 11, 22)), fmt.kr(None)):
        assert isinstance(text, fmt.Markdown)
        assert fmt.literal(text) is text


def test_literal_text_is_markdown_and_stays_as_it_is():
    once = fmt.literal("**x**")
    assert isinstance(once, fmt.Markdown)
    assert fmt.literal(once) is once
    assert fmt.literal(fmt.literal(fmt.literal("_a_"))) == fmt.literal("_a_")
    assert not isinstance(once + "!", fmt.Markdown)  # anything made from it is plain text again
    assert fmt.literal(None) == "None" and fmt.literal(2026) == "2026"


def test_plain_gives_back_the_text_a_literal_shows():
    text = "**Kari** [lenke](https://x.no) :red[rød] <b> k@x.no a -> b 1. \\ `kode` ~ & $ | #"
    assert fmt.plain(fmt.literal(text)) == text
    assert fmt.plain(fmt.markdown("{} er {}", "E-helse", "*ny*")) == "E-helse er *ny*"


def test_markdown_makes_every_argument_literal_and_keeps_the_template():
    made = fmt.markdown("**{name}** ({})", "[x](y)", name="_Kari_")
    assert made == "**\\_Kari\\_** (\\[x\\](y))"
    assert isinstance(made, fmt.Markdown)
    assert fmt.markdown("**{}**", made) == f"**{made}**"  # Markdown arguments are kept
    assert fmt.markdown("{} kr i {}", fmt.number(1000), 2026) == f"{fmt.number(1000)} kr i 2026"
    joined = fmt.join("\n", ["- ok", fmt.markdown("- {}", "*x*")])
    assert joined == "\\- ok\n- \\*x\\*" and isinstance(joined, fmt.Markdown)


def test_a_table_for_st_table_has_literal_cells_and_headers():
    frame = pd.DataFrame({"Navn": ["**x**", None], "Beløp [kr]": ["1 000", "#2"]})
    table = fmt.literal_table(frame)
    assert list(table.columns) == ["Navn", "Beløp \\[kr\\]"]
    assert table.to_dict("list") == {"Navn": ["\\*\\*x\\*\\*", ""], "Beløp \\[kr\\]": ["1 000", "\\#2"]}
    indexed = fmt.literal_table(frame.set_index("Navn"))
    assert list(indexed.index) == ["\\*\\*x\\*\\*", ""]
    assert frame.loc[0, "Navn"] == "**x**"  # the given frame is not changed


def test_literal_cells_equal_a_map_of_every_cell_whatever_the_columns_hold():
    """fmt._literal_cells builds the table column by column: the same frame as
    `frame.map(_literal_cell)`, which it replaced for speed."""
    import datetime as dt

    import numpy as np

    frames = [
        pd.DataFrame({"a": [1, 2, None], "b": [1.5, np.nan, 3.0], "c": ["*x*", None, "y"]}),
        pd.DataFrame({"d": pd.to_datetime(["2026-01-02", None, "2026-03-04"]),
                      "e": [dt.date(2026, 1, 2), None, dt.date(2026, 5, 6)],
                      "f": pd.Categorical(["Rød", "Gul", "Rød"]), "g": [True, False, None]}),
        pd.DataFrame([[1, "x"], [2, "[y](z)"]], columns=["same", "same"], index=["r1", "r2"]),
        pd.DataFrame({"h": pd.array([1, None], dtype="Int64"), "i": pd.array(["a", None], dtype="string[pyarrow]")}),
        pd.DataFrame({"j": pd.Series([], dtype="str")}),
    ]
    for frame in frames:
        made, mapped = fmt._literal_cells(frame), frame.map(fmt._literal_cell)
        pd.testing.assert_frame_equal(made, mapped)  # values, dtypes, names and index


def test_a_styled_table_keeps_its_styles_with_literal_cells():
    frame = pd.DataFrame({"Status": ["Rød", "Grønn"], "Kommentar": ["[lenke](http://x)", "ok"]})
    styled = frame.style.map(lambda v: "background-color: #f00" if v == "Rød" else "", subset=["Status"])
    table = fmt.literal_table(styled.hide(axis="index"))
    assert table.data["Kommentar"].tolist() == [f"\\[lenke\\](http\\:{J}//x)", "ok"]
    html = table.to_html()
    assert "background-color: #f00" in html and "row0_col0" in html
    assert 'class="row_heading' not in html  # the index stays hidden
    with pytest.raises(ValueError, match="plain words"):
        fmt.literal_table(pd.DataFrame({"**x**": [1]}).style)
