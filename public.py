"""Public entry point: `streamlit run public.py`. Serves only the public
pages, without login: the public initiatives, «Om dataene» and the
accessibility statement. The data comes only from portfolio.public (the
public projection; internal columns are never read), from the latest
snapshot or from an exported folder (PORTFOLIO_PUBLIC_DATA)."""

import streamlit as st

from portfolio.texts import about as about_texts
from portfolio.texts import public as public_texts
from portfolio.web import a11y, assets

st.set_page_config(page_title=public_texts.APP_TITLE, page_icon=assets.ICON, layout="centered")
a11y.set_document_language()

pages = [
    st.Page("views/public_page.py", title=public_texts.PAGE_TITLE, icon=":material/public:",
            url_path="public", default=True),
    st.Page("views/about_data.py", title=about_texts.ABOUT_DATA_PAGE, icon=":material/database:",
            url_path="om-dataene"),
    st.Page("views/accessibility.py", title=about_texts.STATEMENT_PAGE, icon=":material/accessibility:",
            url_path="tilgjengelighet"),
]
st.navigation(pages, position="top").run()
