"""Norwegian formats through Babel."""

import datetime as dt

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
    import pandas as pd

    assert fmt.date(pd.NaT) == "–"
    assert fmt.kr(float("nan")) == "–"
    assert fmt.number(pd.NA) == "–"


def test_text_from_the_data_is_literal_in_markdown():
    assert fmt.literal("**Kari** [lenke](http://x) :red[rød] <b>") == (
        "\\*\\*Kari\\*\\* \\[lenke\\]\\(http\\://x\\) \\:red\\[rød\\] \\<b\\>"
    )
