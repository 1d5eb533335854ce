"""The section «Koble Decidim til tiltak» on «Oppdater data» (issue 17,
item 3): how many Decidim rows have no link, the link suggestions in a data
editor (accept per row, the initiative choosable), the rows without a link and
the links that point at nothing; the accepted links previewed and saved as a
new snapshot through portfolio.web.update (the same author, note, preview,
commit and conflict as the other editors; origin ORIGIN).

What it shows is portfolio.present.decidim_links (no Streamlit), made once
per server and snapshot. The page calls `section(ctx)`.
"""

from __future__ import annotations

import hashlib

import pandas as pd
import streamlit as st

from portfolio import fmt
from portfolio.ingest import pipeline
from portfolio.model.schema_decidim import DECIDIM_ENTITIES
from portfolio.present import decidim_links as view_model
from portfolio.query.context import SnapshotContext
from portfolio.store.snapshots import Store
from portfolio.texts import decidim_links as T
from portfolio.web import auth, editor, update

S = T.SECTION
ORIGIN = "decidim_links"  # its own preview, author and note fields (portfolio.web.update)
KEY_PREVIEW = "decidim_links_preview"
DONE = ("saved", "unchanged", "conflict")  # a commit's outcomes after which the preview is spent
# What the choice rests on first (accept, what kind of row, its title, which initiative, why), so a
# laptop's width shows it whole; the score and the ids to scroll to
SUGGESTION_ORDER = (view_model.ACCEPT, "entity", "title", "initiative_id", "reason", "score", "decidim_id",
                    view_model.OTHERS)


@st.cache_resource(max_entries=2, show_spinner=False)
def _view(root: str, snapshot_id: str) -> view_model.LinksView:
    return view_model.build(editor.latest_frames(root, snapshot_id))


def editor_key(snapshot_id: str) -> str:
    return f"dl_{snapshot_id}"


def handle_links(links: pd.DataFrame, store: Store, base_id: str) -> update.Pending:
    """The links table (whole) as a preview against the base; writes nothing."""
    prepared = pipeline.prepare_frames({"decidim_links": links}, store, base_id=base_id)
    pairs = sorted(zip(links["entity"], links["decidim_id"].astype(int), links["initiative_id"], strict=True))
    return update.preview(prepared, store, ORIGIN, hashlib.sha256(repr(pairs).encode()).hexdigest())


def section(ctx: SnapshotContext) -> None:
    """The whole section, for users who may edit."""
    if not auth.current_user().may(auth.EDITOR):
        return
    outcome = st.session_state.get(update.outcome_key(ORIGIN))
    if outcome is not None and outcome.kind in DONE:  # the portfolio moved on: the preview is spent
        st.session_state.pop(update.pending_key(ORIGIN), None)
    root = str(ctx.store.root)
    st.divider()
    st.header(S["title"])
    update.show_outcome(ORIGIN)
    view = _view(root, ctx.snapshot_id)
    if not view.has_rows:
        st.info(S["none"], icon=":material/info:")
        dangling(view)  # links kept in the template while no Decidim data is imported
        return
    st.caption(S["intro"])
    counts(view)
    dangling(view)
    if not ctx.is_latest:
        st.info(S["latest_only"], icon=":material/history:")
    elif not view.options:
        st.info(S["no_initiatives"], icon=":material/info:")
    else:
        suggestions(view, ctx)
    unlinked(view)
    pending = update.current_pending(ORIGIN)
    if pending is not None:
        update.show_pending(pending, root, commit_label=S["commit"])


def counts(view: view_model.LinksView) -> None:
    columns = st.columns(len(view.counts))
    for column, count in zip(columns, view.counts, strict=True):
        column.metric(T.UNLINKED_METRIC[count.entity], fmt.number(count.unlinked),
                      help=S["unlinked_metric_help"].format(linked=fmt.number(count.total - count.unlinked),
                                                            total=fmt.number(count.total)))


def suggestions(view: view_model.LinksView, ctx: SnapshotContext) -> None:
    st.subheader(S["suggestions_title"])
    if not len(view.suggestions):
        st.caption(S["suggestions_none"])
        return
    st.caption(S["suggestions_caption"])
    if view.suggestion_count > len(view.suggestions):
        st.caption(S["suggestions_cut"].format(shown=fmt.number(len(view.suggestions)),
                                               count=fmt.number(view.suggestion_count)))
    options = view.options
    edited = st.data_editor(
        view.suggestions, hide_index=True, width="stretch", key=editor_key(ctx.snapshot_id),
        num_rows="fixed", placeholder="–", column_order=SUGGESTION_ORDER,
        column_config={
            view_model.ACCEPT: st.column_config.CheckboxColumn(S["col_accept"], width=80),
            "entity": st.column_config.SelectboxColumn(
                S["col_entity"], options=list(DECIDIM_ENTITIES), disabled=True, width=130,
                format_func=lambda entity: T.ENTITY_LABEL.get(entity, entity)),
            "decidim_id": st.column_config.NumberColumn(S["col_decidim_id"], format="%d", disabled=True, width=90),
            "title": st.column_config.TextColumn(S["col_title"], disabled=True, width=220),
            "initiative_id": st.column_config.SelectboxColumn(
                S["col_initiative"], options=list(options), required=True, width=220,
                format_func=lambda initiative_id: options.get(initiative_id, initiative_id)),
            "score": st.column_config.NumberColumn(S["col_score"], format="localized", disabled=True, width=60,
                                                   help=S["col_score_help"]),
            "reason": st.column_config.TextColumn(S["col_reason"], disabled=True, width=300),
            view_model.OTHERS: st.column_config.TextColumn(S["col_others"], disabled=True, width=260),
        },
    )
    if st.button(S["preview"], key=KEY_PREVIEW, icon=":material/preview:", help=S["preview_help"]):
        new = view_model.accepted(edited)
        if not len(new):
            st.warning(S["nothing_accepted"], icon=":material/warning:")
            return
        links = view_model.with_links(editor.latest_frames(str(ctx.store.root), ctx.snapshot_id), new)
        update.prefill_note(ORIGIN, S["note"].format(count=fmt.number(len(new))))
        update.prepare_safely(handle_links, links, ctx.store, ctx.snapshot_id)


def unlinked(view: view_model.LinksView) -> None:
    st.subheader(S["unlinked_title"])
    if not view.unlinked_count:
        st.caption(S["unlinked_none"])
        return
    st.caption(fmt.literal(counted(S["unlinked_caption"], view.unlinked_count)))
    if view.unlinked_count > len(view.unlinked):
        st.caption(fmt.markdown(S["unlinked_cut"], shown=fmt.number(len(view.unlinked)),
                                count=fmt.number(view.unlinked_count)))
    rows = view.unlinked.assign(entity=view.unlinked["entity"].map(T.ENTITY_LABEL))
    st.dataframe(
        rows, hide_index=True, width="stretch", height="content" if len(rows) <= 15 else 420,
        column_config={
            "entity": st.column_config.TextColumn(S["col_entity"], width=130),
            "decidim_id": st.column_config.NumberColumn(S["col_decidim_id"], format="%d", width=90),
            "title": st.column_config.TextColumn(S["col_title"], width=320),
            "category": st.column_config.TextColumn(S["col_category"], width=160),
            "scope": st.column_config.TextColumn(S["col_scope"], width=140),
            "url": st.column_config.LinkColumn(S["col_url"], display_text=S["link_text"], width=120),
        },
    )


def counted(words: dict[str, str], count: int) -> str:
    """The text of `words` for one or for `count` (Norwegian: «1 rad», «2 rader»); plain text."""
    return words["one"] if count == 1 else words["many"].format(count=fmt.number(count))


def dangling(view: view_model.LinksView) -> None:
    if not len(view.dangling):
        return
    st.warning(fmt.literal(counted(S["dangling_caption"], len(view.dangling))), icon=":material/link_off:")
    st.dataframe(
        view.dangling.assign(entity=view.dangling["entity"].map(lambda e: T.ENTITY_LABEL.get(e, e))),
        hide_index=True, width="stretch",
        column_config={
            "entity": st.column_config.TextColumn(S["col_entity"], width=130),
            "decidim_id": st.column_config.NumberColumn(S["col_decidim_id"], format="%d", width=90),
            "initiative_id": st.column_config.TextColumn(S["col_initiative"], width=200),
            "reason": st.column_config.TextColumn(S["col_problem"], width=420),
        },
    )
