"""Benchmark baseline: an empty Streamlit app with one heading."""

import streamlit as st

st.title("Tom app")
