"""Entry point: `streamlit run dashboard.py`. Registers the pages, grouped in
the navigation. Each page is one file in pages/ and only draws."""

import streamlit as st

from portfolio import texts

st.set_page_config(page_title=texts.APP_SHORT_TITLE, page_icon=":material/dashboard:", layout="wide")

# Leadership: the portfolio today or on any earlier date
portfolio_pages = [
    st.Page("pages/overview.py", title=texts.PAGE_OVERVIEW, icon=":material/dashboard:", default=True),
    # -- more portfolio pages go here --
]

# The project leader: keeping the data current
data_pages = [
    # -- data pages go here --
]

# For everyone: public information and about the app
about_pages = [
    # -- about pages go here --
]

navigation = {
    texts.NAV_PORTFOLIO: portfolio_pages,
    texts.NAV_DATA: data_pages,
    texts.NAV_ABOUT: about_pages,
}
st.navigation({section: pages for section, pages in navigation.items() if pages}).run()
