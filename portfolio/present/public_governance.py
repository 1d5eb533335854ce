"""The decisions and benefits on a public card, in plain language, made from
the public projection only (portfolio.store.public: decisions and benefits
marked public, of public initiatives, and the measurements of those
benefits; risks and checklist answers are never part of it).

A decision says when, who and what («Vedtak»); a benefit says what is
expected, how it is measured and, where it has been measured, how far it has
come, in words («Gevinster»). Every line is Markdown with the data made
literal (portfolio.fmt); internal abbreviations are written out
(`public.plain`).
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from portfolio import fmt
from portfolio.texts import public as T

DECISIONS_SHOWN = 5  # decisions listed per initiative (the rest are counted)
MEASUREMENTS_SHOWN = 4  # the latest measurements listed per benefit (the rest are counted)


def _date(value) -> dt.date | None:
    if fmt.missing(value):
        return None
    return value.date() if isinstance(value, (pd.Timestamp, dt.datetime)) else value


def _text(value) -> str | None:
    return value if isinstance(value, str) and value.strip() else None


def decision_line(row, plain) -> fmt.Markdown:
    """One decision: «**date: title.** Who decided (at decision point n): «text»»."""
    who = T.DECISION_BODIES.get(row.body, T.DECISION_BODIES["annet"])
    point = fmt.markdown(T.DECISION_POINT, number=row.decision_point[2:]) if _text(row.decision_point) else ""
    date, title, text = fmt.date(_date(row.decided_on)), plain(row.title), _text(row.text)
    if text:
        line = fmt.markdown(T.DECISION, date=date, title=title, who=who, point=point, text=plain(text))
    else:
        line = fmt.markdown(T.DECISION_NO_TEXT, date=date, title=title, who_lower=who[0].lower() + who[1:],
                            point=point)
    case = _text(row.case_number)
    return fmt.join(" ", [line, fmt.markdown(T.DECISION_CASE, case=case)]) if case else line


def decisions(frame: pd.DataFrame, plain) -> tuple[list[fmt.Markdown], int]:
    """An initiative's public decisions, newest first: at most
    DECISIONS_SHOWN lines, and how many more there are."""
    ordered = frame.sort_values(["decided_on", "decision_id"], ascending=[False, True], kind="stable")
    lines = [decision_line(row, plain) for row in ordered.head(DECISIONS_SHOWN).itertuples(index=False)]
    return lines, max(len(ordered) - DECISIONS_SHOWN, 0)


def value_words(value, unit) -> fmt.Markdown:
    """A measured value in its unit, in words: "47 prosent", "2 100 000 kroner"."""
    known = isinstance(unit, str) and unit in T.BENEFIT_UNITS
    return fmt.markdown(T.BENEFIT_UNITS[unit] if known else T.BENEFIT_VALUE, value=fmt.decimal(value))


def progress(baseline, target, latest) -> float | None:
    """How far the latest measurement has come from the baseline to the
    target (0: at the start, 1: at the target); None when it cannot be said."""
    if fmt.missing(baseline) or fmt.missing(target) or fmt.missing(latest) or target == baseline:
        return None
    return float((latest - baseline) / (target - baseline))


def _progress_sentences(share: float | None, target_on: dt.date | None, today: dt.date) -> list[fmt.Markdown]:
    if share is None:
        return []
    if share >= 1:
        return [fmt.markdown(T.BENEFIT_REACHED)]
    said = fmt.markdown(T.BENEFIT_NO_PROGRESS) if share <= 0 else fmt.markdown(T.BENEFIT_PROGRESS,
                                                                               share=fmt.percent(share))
    if target_on is not None and target_on < today:
        return [said, fmt.markdown(T.BENEFIT_LATE, date=fmt.date(target_on))]
    return [said]


def benefit_line(row, measured: pd.DataFrame, plain, today: dt.date) -> fmt.Markdown:
    """One benefit: what is expected, how it is measured, the target and the
    baseline, the latest measurements (oldest of them first) and how far it
    has come (and, when the target's date has passed, that it was due).
    `measured`: the benefit's measurements (measured_on, value)."""
    measured = measured.sort_values("measured_on", kind="stable")
    return benefit_sentences(row, list(zip(measured["measured_on"], measured["value"], strict=True)), plain, today)


def benefit_sentences(row, measured: list[tuple], plain, today: dt.date) -> fmt.Markdown:
    """`benefit_line` with the measurements as (measured_on, value) pairs,
    oldest first (the static site has them grouped per benefit already)."""
    sentences: list[fmt.Markdown] = []
    indicator = _text(row.indicator)
    sentences.append(fmt.markdown(T.BENEFIT_INDICATOR, indicator=plain(indicator)) if indicator
                     else fmt.markdown(T.BENEFIT_NO_INDICATOR))
    if not fmt.missing(row.target):
        target, by = value_words(row.target, row.unit), _date(row.target_on)
        sentences.append(fmt.markdown(T.BENEFIT_TARGET, target=target, date=fmt.date(by)) if by
                         else fmt.markdown(T.BENEFIT_TARGET_OPEN, target=target))
    if not fmt.missing(row.baseline) and _date(row.baseline_on):
        sentences.append(fmt.markdown(T.BENEFIT_BASELINE, date=fmt.date(_date(row.baseline_on)),
                                      baseline=value_words(row.baseline, row.unit)))
    if measured:
        latest = measured[-MEASUREMENTS_SHOWN:]
        values = [fmt.markdown(T.BENEFIT_MEASUREMENT, value=value_words(v, row.unit), date=fmt.date(_date(d)))
                  for d, v in latest]
        sentences.append(fmt.markdown(T.BENEFIT_MEASURED, values=_word_list(values)))
        older = len(measured) - len(latest)
        if older:
            sentences.append(fmt.markdown(T.BENEFIT_MORE_MEASURED_ONE if older == 1 else T.BENEFIT_MORE_MEASURED,
                                          count=fmt.number(older)))
        share = progress(row.baseline, row.target, measured[-1][1])
        sentences += _progress_sentences(share, _date(row.target_on), today)
    elif indicator:
        sentences.append(fmt.markdown(T.BENEFIT_NOT_MEASURED))
    return fmt.markdown(T.BENEFIT, title=plain(row.title), text=fmt.join(" ", sentences))


def benefits(frame: pd.DataFrame, measurements: pd.DataFrame, plain, today: dt.date) -> list[fmt.Markdown]:
    """An initiative's public benefits, by title, each with its measurements
    (`today`: the day the data was published)."""
    ordered = frame.sort_values(["title", "benefit_id"], kind="stable")
    return [benefit_line(row, measurements[measurements["benefit_id"] == row.benefit_id], plain, today)
            for row in ordered.itertuples(index=False)]


def _word_list(parts: list[fmt.Markdown]) -> fmt.Markdown:
    if len(parts) <= 1:
        return fmt.join("", parts)
    return fmt.join(f" {T.AND} ", [fmt.join(", ", parts[:-1]), parts[-1]])


# -- what changed (the overview's «Nytt siden …») ---------------------------------------

def decided_since(decisions_frame: pd.DataFrame, since: dt.date, until: dt.date, names: dict[str, str],
                  plain) -> list[fmt.Markdown]:
    """The public decisions made after `since` (up to `until`), newest first."""
    found = []
    for initiative_id, day, title in decisions_frame[["initiative_id", "decided_on", "title"]].itertuples(
            index=False):
        day = _date(day)
        if day is not None and since < day <= until and initiative_id in names:
            found.append((day, fmt.markdown(T.CHANGE_DECISION, name=names[initiative_id], date=fmt.date(day),
                                            title=plain(title))))
    return [line for _, line in sorted(found, key=lambda f: f[0], reverse=True)]


def measured_since(benefits_frame: pd.DataFrame, measurements: pd.DataFrame, since: dt.date, until: dt.date,
                   names: dict[str, str], plain) -> list[fmt.Markdown]:
    """One line on the public benefits measured after `since`: which one,
    when it is one, else how many."""
    days = measurements["measured_on"].map(_date)
    recent = measurements[pd.Series([d is not None and since < d <= until for d in days],
                                    index=measurements.index, dtype=bool)]
    shown = benefits_frame[benefits_frame["benefit_id"].isin(recent["benefit_id"])
                           & benefits_frame["initiative_id"].isin(list(names))]
    if shown.empty:
        return []
    if len(shown) == 1:
        row = shown.iloc[0]
        return [fmt.markdown(T.CHANGE_MEASURED_ONE, name=names[row["initiative_id"]], title=plain(row["title"]))]
    return [fmt.markdown(T.CHANGE_MEASURED, count=fmt.number(len(shown)))]
