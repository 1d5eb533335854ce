"""Benchmark baseline: the overview done naively. On every rerun it reads every
snapshot file with pandas and computes the KPIs in Python. Not part of the app."""

import glob
import os

import pandas as pd
import streamlit as st

root = os.environ["PORTFOLIO_DATA"]
frames = [pd.read_parquet(p) for p in sorted(glob.glob(f"{root}/snapshots/snapshot=*/initiatives.parquet"))]
milestones = [pd.read_parquet(p) for p in sorted(glob.glob(f"{root}/snapshots/snapshot=*/milestones.parquet"))]
latest = frames[-1]
st.title("Oversikt (naiv)")
st.metric("Tiltak", len(latest))
st.write(latest.groupby(["phase", "status_overall"]).size().rename("n").reset_index())
st.dataframe(latest[["name", "phase", "status_overall"]].head(500))
