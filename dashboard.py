"""Entry point: `streamlit run dashboard.py`. Registers the pages, grouped in
the navigation. Each page is one file in pages/ and only draws.

Only the pages the user's role may open are registered: a page that is not
registered cannot be reached, whatever the URL says (checked on the server
on every rerun). Each page checks the role again at its top.
"""

import streamlit as st

from portfolio import auth, texts

st.set_page_config(page_title=texts.APP_SHORT_TITLE, page_icon=":material/dashboard:", layout="wide")
user = auth.current_user()
auth.check_local_mode()

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

# Logging in, when login is configured and the user is not logged in
account_pages = [
    st.Page("pages/login.py", title=texts.auth.LOGIN_PAGE, icon=":material/login:", url_path="login"),
]

navigation = {}
if user.may(auth.VIEWER):
    navigation[texts.NAV_PORTFOLIO] = portfolio_pages
if user.may(auth.EDITOR):
    navigation[texts.NAV_DATA] = data_pages
navigation[texts.NAV_ABOUT] = about_pages
if auth.auth_configured() and not user.is_logged_in:
    navigation[texts.NAV_ACCOUNT] = account_pages
auth.account_sidebar(user)
st.navigation({section: pages for section, pages in navigation.items() if pages}).run()
