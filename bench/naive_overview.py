"""Benchmark baseline: the overview done naively. On every rerun it reads every
snapshot's tables into pandas and computes the KPIs in Python. Not part of the app."""

import os

import streamlit as st

from portfolio.store.snapshots import Store

store = Store(os.environ["PORTFOLIO_DATA"])
frames = [store.read_frames(meta.snapshot_id) for meta in store.list()]
latest = frames[-1]["initiatives"]
st.title("Oversikt (naiv)")
st.metric("Tiltak", len(latest))
st.write(latest.groupby(["phase", "status_overall"]).size().rename("n").reset_index())
st.dataframe(latest[["name", "phase", "status_overall"]].head(500))
