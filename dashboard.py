"""Entry point: `streamlit run dashboard.py`. Registers the pages, in one
list in the sidebar navigation. Each page is one file in views/ and only draws.

The navigation is one flat list, in a fixed order (log-in; the portfolio;
keeping the data current; public information and about the app). Streamlit
1.67 draws a navigation with sections as a `<ul>` whose children are `<div>`s
(not a valid list: axe "list"/"listitem", serious) in the sidebar, and with
`position="top"` too on a phone-sized screen, where it falls back to the
sidebar. A flat list is a valid `<ul>` of `<li>` from its first paint, inside
the labelled `<nav>` landmark, with `aria-current` on the page shown: there is
no moment at which the page is invalid, and nothing to repair afterwards.

Only the pages the user's role may open are registered: a page that is not
registered cannot be reached, whatever the URL says (checked on the server
on every rerun). Each page checks the role again at its top.
"""

import streamlit as st

from portfolio import texts
from portfolio.texts import about as about_texts
from portfolio.texts import budget as budget_texts
from portfolio.texts import changes as changes_texts
from portfolio.texts import collaboration as collaboration_texts
from portfolio.texts import governance as governance_texts
from portfolio.texts import history as history_texts
from portfolio.texts import initiative as initiative_texts
from portfolio.texts import milestones as milestones_texts
from portfolio.texts import public as public_texts
from portfolio.texts import update as update_texts
from portfolio.web import a11y, assets, auth

st.set_page_config(page_title=texts.APP_SHORT_TITLE, page_icon=assets.ICON, layout="wide")
a11y.set_document_language()
user = auth.current_user()
auth.check_local_mode()

# Leadership: the portfolio today or on any earlier date
portfolio_pages = [
    st.Page("views/overview.py", title=texts.PAGE_OVERVIEW, icon=":material/dashboard:", default=True),
    st.Page("views/initiative.py", title=initiative_texts.TITLE, icon=":material/assignment:", url_path="initiative"),
    st.Page("views/budget.py", title=budget_texts.TITLE, icon=":material/payments:", url_path="budget"),
    st.Page("views/milestones.py", title=milestones_texts.TITLE, icon=":material/flag:", url_path="milestones"),
    st.Page("views/governance.py", title=governance_texts.TITLE, icon=":material/gavel:", url_path="governance"),
    st.Page("views/collaboration.py", title=collaboration_texts.TITLE, icon=":material/diversity_3:",
            url_path="samhandling"),
    st.Page("views/changes.py", title=changes_texts.PAGE_TITLE, icon=":material/compare_arrows:", url_path="changes"),
    # who committed what and when (the audit trail): a read page; restoring is for editors
    st.Page("views/history.py", title=history_texts.PAGE_TITLE, icon=":material/history:", url_path="history"),
]

# The project leader: keeping the data current
data_pages = [
    st.Page("views/update.py", title=update_texts.PAGE_TITLE, icon=":material/upload_file:", url_path="update"),
]

# For everyone: public information and about the app
about_pages = [
    st.Page("views/public_page.py", title=public_texts.PAGE_TITLE, icon=":material/public:", url_path="public"),
    st.Page("views/about_data.py", title=about_texts.ABOUT_DATA_PAGE, icon=":material/database:",
            url_path="om-dataene"),
    st.Page("views/accessibility.py", title=about_texts.STATEMENT_PAGE, icon=":material/accessibility:",
            url_path="tilgjengelighet"),
]

pages = []
if auth.auth_configured() and not user.is_logged_in:
    # Not logged in: the login page first, then the public pages
    pages.append(st.Page("views/login.py", title=texts.auth.LOGIN_PAGE, icon=":material/login:",
                         url_path="login", default=True))
if user.may(auth.VIEWER):
    pages += portfolio_pages
if user.may(auth.EDITOR):
    pages += data_pages
pages += about_pages
auth.account_sidebar(user)
st.navigation(pages).run()
