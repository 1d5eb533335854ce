"""Oppdater data: the Excel template, upload with validation and preview, small
corrections in the app, and commit as a new snapshot. Logic in portfolio/web/update.py and portfolio/web/editor.py."""

import streamlit as st

from portfolio import config, fmt
from portfolio.texts import decidim as D
from portfolio.texts import update as T
from portfolio.web import auth, decidim_links, editor, editor_collaboration, ui, update, update_decidim

P = T.PAGE

auth.require(auth.EDITOR)
ctx = ui.snapshot_context()
root = str(ctx.store.root)
st.title(T.PAGE_TITLE)
st.caption(P["intro"] + " " + fmt.literal(ui.snapshot_caption(ctx)))
if not ctx.is_latest:
    st.info(P["past_snapshot"], icon=":material/history:")

upload_tab, edit_tab = st.tabs([P["tab_upload"], P["tab_edit"]])

with upload_tab:
    st.header(P["step_template"])
    st.caption(P["template_help"])
    st.download_button(
        P["template_button"],
        data=lambda: editor.template(root, ctx.meta),
        file_name=editor.template_name(ctx.meta), icon=":material/download:", on_click="ignore",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", key="template_download",
    )
    st.header(P["step_upload"])
    files = st.file_uploader(
        P["uploader"], accept_multiple_files=True, key=update.uploader_key(), max_upload_size=config.UPLOAD_MAX_MB,
        help=P["uploader_help"].format(limit=T.SIZE_MB.format(size=fmt.number(config.UPLOAD_MAX_MB))),
    )
    update.show_outcome("upload")
    pending = update.pending_upload(update.uploads_from(files), ctx.store)
    if pending is not None:
        update.show_pending(pending, root)
    st.header(D.PAGE_UPDATE["step_decidim"])
    update_decidim.section(ctx.store, root)

with edit_tab:
    st.caption(P["edit_intro"])
    update.show_outcome("edits")
    if not ctx.is_latest:
        st.info(P["edit_latest_only"], icon=":material/info:")
    else:
        frames = editor.latest_frames(root, ctx.snapshot_id)
        options = editor.initiative_options(root, ctx.snapshot_id)
        if not options:
            st.info(P["edit_no_initiative"])
        else:
            editor.edit_choice(options)
            picked = st.selectbox(P["edit_pick"], list(options), key=editor.KEY_EDIT_PICK,
                                  format_func=lambda i: options.get(i, i), help=P["edit_pick_help"])
            st.query_params[ui.URL_INITIATIVE] = picked
            rows = editor.edit_rows(frames, picked)
            editor_key = f"{ctx.snapshot_id}_{picked}"
            fields = editor.table_editor(rows, "initiatives", P["edit_initiative"], f"ed_i_{editor_key}")
            statuses = editor.status_editor(rows, P["edit_statuses"], f"ed_s_{editor_key}")
            initiative = editor.initiative_row(fields, statuses)
            budgets = editor.table_editor(rows, "budgets", P["edit_budgets"], f"ed_b_{editor_key}")
            milestones = editor.table_editor(rows, "milestones", P["edit_milestones"], f"ed_m_{editor_key}")
            register, answers = editor.governance_editors(frames, picked, editor_key)
            register.update(editor_collaboration.collaboration_editors(frames, picked, editor_key))
            if st.button(P["edit_preview"], key="edit_preview", icon=":material/preview:"):
                new = editor.edited_frames(frames, picked, initiative, budgets, milestones, register, answers)
                update.prepare_safely(update.handle_edits, new, ctx.store, ctx.snapshot_id)
    # a preview made before someone else saved stays, so that its commit is refused as a conflict
    pending = update.current_pending("edits")
    if pending is not None:
        update.show_pending(pending, root)

decidim_links.section(ctx)
