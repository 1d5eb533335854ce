"""Logg inn: for users who are not logged in (only registered when login is configured)."""

import streamlit as st

from portfolio.texts import auth as T

st.title(T.LOGIN_TITLE)
st.write(T.LOGIN_INTRO)
st.button(T.LOGIN_BUTTON, on_click=st.login, type="primary", icon=":material/login:", key="login_page")
