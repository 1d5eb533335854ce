"""The public app's guard: internal pages never draw in `streamlit run public.py`."""

from __future__ import annotations

from pathlib import Path

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from portfolio import config
from portfolio.present import public_overview
from portfolio.store import public
from portfolio.store.public import PublicData, PublicDataMissing
from portfolio.store.snapshots import Store
from portfolio.texts import public as T

ENTRY_POINT = config.PROJECT_ROOT / "public.py"  # `streamlit run public.py`


def serving_public_app() -> bool:
    """True while a script runs in the public app's process (`streamlit run
    public.py`). Pages shared with the internal app then show public data
    only, and the internal pages refuse to draw (ui.snapshot_context), should
    one ever be run there (AppTest can switch to any file; the page files live
    in views/, not pages/, so Streamlit never serves them outside st.navigation)."""
    ctx = get_script_run_ctx(suppress_warning=True)
    return ctx is not None and Path(ctx.main_script_path).resolve() == ENTRY_POINT


def refuse_internal_page() -> None:
    """Stop an internal page that is asked to run in the public app's process
    (called by ui.snapshot_context, which every internal page goes through)."""
    if serving_public_app():
        st.error(T.NOT_IN_PUBLIC_APP)
        st.stop()




def load() -> PublicData | None:
    """What the public pages show (portfolio.store.public.load): the exported
    projection in PORTFOLIO_PUBLIC_DATA, else the latest snapshot's.
    Raises PublicDataMissing when that folder holds no export."""
    return public.load()


def earlier(data: PublicData) -> PublicData | None:
    """The earlier public projection the overview's "what changed" compares
    with (public_overview.comparison_snapshot), or None: an exported folder
    (PORTFOLIO_PUBLIC_DATA) holds one projection only, and a store with one
    snapshot has nothing earlier. Public by construction, like `load()`."""
    if config.public_data_dir() is not None:
        return None
    store = Store(config.data_dir())
    snapshot_id = public_overview.comparison_snapshot(
        ((meta.snapshot_id, meta.created) for meta in store.list()), data.source.snapshot_id)
    return public.snapshot_data(store, snapshot_id) if snapshot_id else None


__all__ = ["PublicDataMissing", "earlier", "load", "refuse_internal_page", "serving_public_app"]
