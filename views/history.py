"""Historikk: every snapshot (who, when, note, rows, link to its changes), and
restoring an old one as a new snapshot. Logic in portfolio/web/update.py (page) and portfolio/present/history.py (what it shows)."""

import streamlit as st

from portfolio import fmt
from portfolio.present import history, snapshots
from portfolio.texts import history as H
from portfolio.web import auth, tables, ui, update

P = H.PAGE

user = auth.require(auth.VIEWER)
ctx = ui.snapshot_context()
root = str(ctx.store.root)
st.title(H.PAGE_TITLE)
st.caption(P["intro"])

metas = [m for m in ctx.snapshots if m.created <= ctx.meta.created]
if not ctx.is_latest:
    st.caption(P["past"].format(date=fmt.date(ctx.meta.created)))
table, total = history.history_rows(metas)
if total > len(table):
    st.caption(P["capped"].format(shown=fmt.number(len(table)), count=fmt.number(total)))
else:
    st.caption(P["count"].format(count=fmt.number(total)))
tables.dataframe(table, history.history_columns(), key="history", hide_index=True, width="stretch", placeholder="–",
                 height="content" if len(table) <= 15 else 560)

st.header(P["rejected_title"])
rejected = history.rejected_rows(root)
if rejected.empty:
    st.caption(P["rejected_none"])
else:
    st.caption(P["rejected_intro"].format(count=fmt.number(len(rejected))))
    tables.dataframe(rejected, history.rejected_columns(), key="rejected", hide_index=True, width="stretch",
                     placeholder="–")

if not user.may(auth.EDITOR):
    st.stop()  # restoring is for editors
st.header(P["restore_title"])
all_metas = ctx.snapshots
if len(all_metas) < 2:
    st.info(P["restore_only_one"], icon=":material/info:")
    st.stop()
st.caption(P["restore_intro"])
update.show_outcome("restore")
update.restore_choice(all_metas, ctx.meta)
by_id = {m.snapshot_id: m for m in all_metas}
candidates = [m.snapshot_id for m in reversed(all_metas[:-1])]
picked = st.selectbox(P["restore_pick"], candidates, key=update.KEY_RESTORE_PICK,
                      format_func=lambda i: snapshots.label(by_id[i]))
st.query_params[update.URL_RESTORE] = picked
shown = st.button(P["restore_show"], key="restore_show", icon=":material/preview:")
if shown and update.prepare_safely(update.handle_restore, ctx.store, picked) is not None:
    update.prefill_note("restore", history.restore_note(by_id[picked]))
pending = update.current_pending("restore")
if pending is not None and pending.restore_id == picked:
    update.show_pending(pending, root, commit_label=P["restore_commit"])
