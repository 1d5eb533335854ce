"""Entry point: `streamlit run dashboard.py`. Registers the pages."""

import streamlit as st

from portfolio import texts

st.set_page_config(page_title=texts.APP_SHORT_TITLE, page_icon=":material/dashboard:", layout="wide")

pages = [
    st.Page("pages/overview.py", title=texts.PAGE_OVERVIEW, icon=":material/dashboard:", default=True),
]
st.navigation(pages).run()
