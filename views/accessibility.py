"""Tilgjengelighetserklæring: how well the app meets WCAG 2.1 A/AA, what does
not yet, how to give feedback and where to complain. Static text; no data."""

import streamlit as st

from portfolio import fmt
from portfolio.texts import about as T

st.title(T.STATEMENT_TITLE)
st.write(T.STATEMENT_INTRO)
st.caption(T.STATEMENT_DATE_LINE.format(date=fmt.date(T.STATEMENT_DATE)))

st.header(T.LAW_HEADING, anchor=False)
st.write(T.LAW)

st.header(T.STATUS_HEADING, anchor=False)
st.markdown(T.STATUS)

st.subheader(T.OK_HEADING, anchor=False)
st.markdown("\n".join(f"- {line}" for line in T.OK))

st.subheader(T.NOT_OK_HEADING, anchor=False)
st.markdown("\n".join(f"- {line}" for line in T.NOT_OK))

st.subheader(T.NOT_TESTED_HEADING, anchor=False)
st.write(T.NOT_TESTED)

st.header(T.FEEDBACK_HEADING, anchor=False)
st.markdown(T.FEEDBACK)

st.header(T.COMPLAINT_HEADING, anchor=False)
st.markdown(T.COMPLAINT)
