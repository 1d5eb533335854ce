"""What the pages «Oppdater data» and «Historikk» do: upload handling, the
in-app editor, the preview and commit, restore, and the history table.

Every path goes through portfolio.ingest.pipeline: prepare (read, parse, validate)
-> preview (portfolio.diff against the base) -> commit (a new snapshot, or
"Ingen endringer", or a conflict). Nothing is written before the user presses
the commit button with an author and a note.

Seams for tests (AppTest cannot drive st.file_uploader):

- `handle_upload(uploads, store)` takes the files as `Upload(name,
  bytes)` and returns the `Pending` preview: test it directly.
- On the page, files put in `st.session_state[KEY_TEST_UPLOADS]` as a list of
  `(name, bytes)` are used when the file uploader is empty, so an AppTest
  can drive the real page through preview and commit.

The author of a change: with login, the logged-in identity (`auth.User.author`,
with the stable id), taken again at commit; in local mode, the required
free-text field of `author_input(origin)`. The commit and discard callbacks
check the editor role themselves (a callback runs before the page's check).

The editor reads the latest snapshot's tables through the store (not a
display query): the edited rows must be the stored values exactly, so that an
untouched editor means "Ingen endringer".
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib

import pandas as pd
import streamlit as st

from portfolio import config, fmt
from portfolio.ingest import pipeline
from portfolio.ingest import preview as preview_words
from portfolio.ingest.reading import Progress, Upload, no_progress, part_of
from portfolio.present import update as update_view
from portfolio.present.update import PREVIEW_ROWS
from portfolio.store import audit
from portfolio.store.snapshots import SnapshotMeta, SnapshotNotFound, Store
from portfolio.texts import update as T
from portfolio.web import auth, ui

P = T.PAGE
PROBLEM_LIST_MAX = 30  # up to this many problems are listed in full; more go in a table

KEY_TEST_UPLOADS = "upd_test_uploads"  # seam: [(name, bytes)] used when the uploader is empty
KEY_TEST_DECIDIM = "upd_test_decidim"  # seam: (name, bytes) used when Decidim's uploader is empty (update_decidim)
ORIGINS = ("upload", "edits", "restore", "decidim")  # each has its own preview, author and note fields
KEY_UPLOADER_ROUND = "upd_uploader_round"
KEY_EDIT_PICK = "upd_edit_pick"
KEY_RESTORE_PICK = "hist_restore_pick"
URL_RESTORE = "restore"




@dataclasses.dataclass
class Pending:
    """A prepared change waiting for the user's commit, with its preview."""

    origin: str  # "upload", "edits" or "restore"
    signature: str
    prepared: pipeline.Prepared
    change_count: int = 0
    summary: list[str] = dataclasses.field(default_factory=list)
    table: pd.DataFrame | None = None  # the first PREVIEW_ROWS changes, in words
    restore_id: str | None = None


# -- the author: one place, replaced by the logged-in identity later --------------

def outcome_key(origin: str) -> str:
    return f"upd_outcome_{origin}"


def pending_key(origin: str) -> str:
    return f"upd_pending_{origin}"


def author_key(origin: str) -> str:
    return f"upd_author_{origin}"


def note_key(origin: str) -> str:
    return f"upd_note_{origin}"


def author_input(origin: str) -> str:
    """The author of a change. With login, the logged-in identity (not a field
    anyone can type in); in local mode, a required free-text field. A name
    typed for one kind of change is offered for the others."""
    key = author_key(origin)
    user = auth.current_user()
    if not user.is_local:
        st.session_state[key] = user.author
        st.caption(P["author_identity"].format(author=fmt.literal(user.author)))
        return user.author
    if key not in st.session_state:
        typed = [st.session_state.get(author_key(o)) for o in ORIGINS]
        st.session_state[key] = next((t for t in typed if t), "")
    value = st.text_input(P["author"], key=key, help=P["author_help"], max_chars=200)
    return (value or "").strip()


# -- building a preview (no Streamlit: tested directly) ------------------------------

def signature(uploads: list[Upload]) -> str:
    digest = hashlib.sha256()
    for upload in uploads:
        digest.update(upload.name.encode())
        digest.update(len(upload.data).to_bytes(8, "big"))
        digest.update(hashlib.sha256(upload.data).digest())
    return digest.hexdigest()


COMPARE_AT = 0.9  # of an upload's progress: the comparison with the base starts here


def preview(prepared: pipeline.Prepared, store: Store, origin: str, sig: str,
            today: dt.date | None = None, restore_id: str | None = None,
            progress: Progress = no_progress) -> Pending:
    pending = Pending(origin=origin, signature=sig, prepared=prepared, restore_id=restore_id)
    if prepared.ok and not prepared.unchanged:
        progress(COMPARE_AT, "comparing")
        found = pipeline.changes(prepared, store, today=today or config.today())
        old = store.read_frames(prepared.base.snapshot_id) if prepared.base else {}
        pending.change_count = len(found)
        pending.summary = preview_words.summary_lines(found)
        pending.table = update_view.change_table(found, old, prepared.frames(), limit=PREVIEW_ROWS)
    return pending


def handle_upload(uploads: list[Upload], store: Store, today: dt.date | None = None,
                  progress: Progress = no_progress) -> Pending:
    """Uploaded files (name + bytes) -> the preview, or every problem. Writes
    nothing. `progress` is told of each step (portfolio.ingest.reading.Progress)."""
    prepared = pipeline.prepare(uploads, store, progress=part_of(progress, 0.0, COMPARE_AT))
    return preview(prepared, store, "upload", signature(uploads), today, progress=progress)


def handle_edits(frames: dict[str, pd.DataFrame], store: Store, base_id: str,
                 today: dt.date | None = None) -> Pending:
    prepared = pipeline.prepare_frames(frames, store, base_id=base_id)
    sig = hashlib.sha256(repr(sorted((k, pd.util.hash_pandas_object(v.astype(str)).sum())
                                     for k, v in frames.items())).encode()).hexdigest()
    return preview(prepared, store, "edits", sig, today)


def handle_restore(store: Store, snapshot_id: str, today: dt.date | None = None) -> Pending:
    prepared = pipeline.prepare_restore(store, snapshot_id)
    return preview(prepared, store, "restore", f"restore:{snapshot_id}", today, restore_id=snapshot_id)


def prefill_note(origin: str, text: str) -> None:
    """Suggest a note (before the note field is drawn) unless one is written."""
    if not (st.session_state.get(note_key(origin)) or "").strip():
        st.session_state[note_key(origin)] = text


# -- the page: uploads, pending preview, commit --------------------------------------

def uploads_from(widget_files) -> list[Upload]:
    """The uploader's files as Uploads; when it is empty, the test seam's files."""
    if widget_files:
        files = widget_files if isinstance(widget_files, list) else [widget_files]
        return [Upload(f.name, f.getvalue()) for f in files]
    seeded = st.session_state.get(KEY_TEST_UPLOADS)
    return [Upload(name, data) for name, data in seeded] if seeded else []


def uploader_key() -> str:
    """The uploader's key; a new one after a commit empties the widget."""
    return f"upd_files_{st.session_state.get(KEY_UPLOADER_ROUND, 0)}"


def pending_upload(uploads: list[Upload], store: Store) -> Pending | None:
    """The preview of these uploads, computed once per set of files."""
    if not uploads:
        st.session_state.pop(pending_key("upload"), None)
        return None
    sig = signature(uploads)
    current = current_pending("upload")
    if current is not None and current.signature == sig:
        return current
    bar = st.progress(0.0, text=P["checking"])
    try:
        pending = handle_upload(uploads, store, progress=progress_bar(bar))
    except Exception as err:  # never a traceback on the page
        st.error(fmt.markdown(T.UNEXPECTED, error=type(err).__name__))
        return None
    finally:
        bar.empty()
    if not pending.prepared.ok:
        audit.record_rejected(store.root, who=who_is_acting("upload"), origin="upload",
                              files=[u.name for u in uploads], problems=pending.prepared.problems)
    set_pending(pending)
    return pending


def progress_bar(bar) -> Progress:
    """A Progress that moves `bar` (an `st.progress`) and says the step, the
    file and sheet names as data (fmt.markdown)."""
    def told(done: float, step: str, /, **values: object) -> None:
        bar.progress(min(max(done, 0.0), 1.0), text=fmt.markdown(T.PROGRESS[step], **values))
    return told


def who_is_acting(origin: str) -> str:
    """For the audit log: the logged-in identity, or the name typed in local mode."""
    user = auth.current_user()
    if not user.is_local:
        return user.author
    typed = st.session_state.get(author_key(origin)) or ""
    return f"{typed} ({user.author})" if typed else user.author


def set_pending(pending: Pending) -> None:
    st.session_state[pending_key(pending.origin)] = pending
    st.session_state.pop(outcome_key(pending.origin), None)


def prepare_safely(build, *args) -> Pending | None:
    """Run `handle_edits`/`handle_restore` for the page: a Norwegian error, never a traceback."""
    with st.spinner(P["checking"]):
        try:
            pending = build(*args)
        except Exception as err:  # never a traceback on the page
            st.error(fmt.markdown(T.UNEXPECTED, error=type(err).__name__))
            return None
    if not pending.prepared.ok:
        audit.record_rejected(config.data_dir(), who=who_is_acting(pending.origin),
                              origin=pending.origin, files=[], problems=pending.prepared.problems)
    set_pending(pending)
    return pending


def current_pending(origin: str) -> Pending | None:
    return st.session_state.get(pending_key(origin))


def _commit(root: str, origin: str) -> None:
    """The commit button's callback (runs before the script, so it may reset
    widgets): write the snapshot, remember the outcome, clear the preview.
    It checks the role itself: a callback runs before the page's own check."""
    refused = auth.refusal(auth.EDITOR)
    if refused:
        st.session_state[outcome_key(origin)] = pipeline.Outcome("invalid", refused)
        for key in ORIGINS:
            st.session_state.pop(pending_key(key), None)
        return
    pending = current_pending(origin)
    if pending is None:
        return
    store = ui.store(root)
    user = auth.current_user()
    # with login, the logged-in identity (with its stable id); in local mode, the typed name
    author = st.session_state.get(author_key(origin), "") if user.is_local else user.author
    try:
        outcome = pipeline.commit(
            pending.prepared, store, author=author, note=st.session_state.get(note_key(origin), ""),
        )
    except Exception as err:  # never a traceback on the page
        outcome = pipeline.Outcome("invalid", T.UNEXPECTED.format(error=type(err).__name__))
    st.session_state[outcome_key(origin)] = outcome
    if outcome.kind in ("saved", "unchanged", "conflict"):
        # every preview was made on the old latest snapshot: none of them can be saved now
        for key in ORIGINS:
            st.session_state.pop(pending_key(key), None)
        st.session_state[KEY_UPLOADER_ROUND] = st.session_state.get(KEY_UPLOADER_ROUND, 0) + 1
        st.session_state.pop(KEY_TEST_UPLOADS, None)  # the seam empties like the uploader
        st.session_state.pop(KEY_TEST_DECIDIM, None)
    if outcome.kind == "saved":
        st.session_state.pop(note_key(origin), None)
        # show the new latest snapshot (the picker would otherwise stay on the old one)
        st.session_state.pop("snapshot_choice", None)
        st.session_state.pop("_snapshot_url", None)


def _discard(origin: str) -> None:
    """The discard button's callback: forgets the session's own preview
    (writes nothing; checks the role like every data callback)."""
    if auth.refusal(auth.EDITOR):
        return
    st.session_state.pop(pending_key(origin), None)
    st.session_state.pop(outcome_key(origin), None)
    if origin in ("upload", "decidim"):
        st.session_state[KEY_UPLOADER_ROUND] = st.session_state.get(KEY_UPLOADER_ROUND, 0) + 1
        st.session_state.pop(KEY_TEST_UPLOADS if origin == "upload" else KEY_TEST_DECIDIM, None)


def show_outcome(origin: str) -> None:
    outcome: pipeline.Outcome | None = st.session_state.get(outcome_key(origin))
    if outcome is None:
        return
    if outcome.kind == "saved":
        st.success(fmt.literal(outcome.message), icon=":material/check_circle:")
        st.page_link("views/history.py", label=P["saved_history"], icon=":material/history:")
    elif outcome.kind == "unchanged":
        st.info(fmt.literal(outcome.message), icon=":material/info:")
    else:
        st.error(fmt.literal(outcome.message), icon=":material/error:")


def show_pending(pending: Pending, root: str, commit_label: str | None = None) -> None:
    """Problems, or the preview with author, note and the commit button."""
    prepared = pending.prepared
    if not prepared.ok:
        count = len(prepared.problems)
        st.error(T.INVALID.format(count=fmt.number(count)), icon=":material/error:")
        st.subheader(P["problems_title"])
        st.caption(P["problems_intro"].format(count=fmt.number(count)))
        if count <= PROBLEM_LIST_MAX:  # few: a list that shows every word
            st.markdown("\n".join(fmt.literal(update_view.problem_line(p)) for p in prepared.problems))
            return
        if count > PREVIEW_ROWS:
            st.caption(P["problems_table_caption"].format(shown=fmt.number(PREVIEW_ROWS), count=fmt.number(count)))
        st.dataframe(update_view.problem_table(prepared.problems), hide_index=True, width="stretch",
                     column_config={P["col_where"]: st.column_config.TextColumn(width="medium"),
                                    P["col_problem"]: st.column_config.TextColumn(width="large")})
        return
    st.subheader(P["preview_title"])
    lines = preview_words.sources_text(prepared)
    if lines:
        st.caption(fmt.literal(P["sources"] + ": " + " ".join(lines)))
    st.caption(fmt.literal(base_line(prepared)))
    if prepared.unchanged:
        st.info(fmt.markdown(P["preview_empty"], time=fmt.date_time(prepared.base.created_at)),
                icon=":material/info:")
        st.button(P["discard"], on_click=_discard, args=(pending.origin,), key=f"discard_{pending.origin}")
        return
    if prepared.is_stale:
        st.warning(fmt.markdown(
            P["preview_conflict"], base_time=fmt.date_time(prepared.base.created_at) if prepared.base else "–",
            latest_time=snapshot_time(root, prepared.latest_id)),
            icon=":material/warning:")
    st.markdown(f"**{fmt.literal(preview_words.change_count(pending.change_count))}**")
    if pending.summary:
        st.markdown("\n".join(f"- {fmt.literal(line)}" for line in pending.summary))
    if pending.table is not None and len(pending.table):
        if pending.change_count > len(pending.table):
            st.caption(P["preview_caption"].format(shown=fmt.number(len(pending.table)),
                                                   count=fmt.number(pending.change_count)))
        st.dataframe(pending.table, hide_index=True, width="stretch",
                     height="content" if len(pending.table) <= 15 else 480,
                     column_config={P["col_initiative"]: st.column_config.TextColumn(width="medium"),
                                    P["col_old"]: st.column_config.TextColumn(width="medium"),
                                    P["col_new"]: st.column_config.TextColumn(width="medium")})
    author = author_input(pending.origin)
    note = st.text_area(P["note"], key=note_key(pending.origin), help=P["note_help"], max_chars=2000, height=80)
    ready = bool(author and (note or "").strip())
    if not ready:
        st.caption(P["commit_needs"])
    left, right = st.columns([3, 1])
    left.button(fmt.literal(commit_label) if commit_label else P["commit"], type="primary", disabled=not ready, on_click=_commit,
                args=(root, pending.origin), key=f"commit_{pending.origin}", icon=":material/save:")
    right.button(P["discard"], on_click=_discard, args=(pending.origin,), key=f"discard_{pending.origin}")


def base_line(prepared: pipeline.Prepared) -> fmt.Markdown:
    """What the preview compares with: the base's date and time, author and note (not its id)."""
    base = prepared.base
    if base is None:
        return fmt.literal(T.BASE_NONE)
    return fmt.markdown(P["base_line"], time=fmt.date_time(base.created_at), author=base.author, note=base.note)


def snapshot_time(root: str, snapshot_id: str | None) -> str:
    """A snapshot's date and local time, by its id (the id itself when it is not found)."""
    try:
        return fmt.date_time(ui.store(root).get(snapshot_id).created_at)
    except SnapshotNotFound:
        return snapshot_id or "–"


def restore_choice(metas: list[SnapshotMeta], shown: SnapshotMeta) -> None:
    """Initialise the restore picker from the URL (or the shown past snapshot)."""
    ids = [m.snapshot_id for m in metas[:-1]]
    if KEY_RESTORE_PICK in st.session_state and st.session_state[KEY_RESTORE_PICK] in ids:
        return
    wanted = st.query_params.get(URL_RESTORE)
    if wanted not in ids:
        wanted = shown.snapshot_id if shown.snapshot_id in ids else (ids[-1] if ids else None)
    st.session_state[KEY_RESTORE_PICK] = wanted
