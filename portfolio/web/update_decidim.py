"""«Hent fra Decidim» on «Oppdater data»: the open-data ZIP (or one CSV) as a
file, or the address it is downloaded from, read by
portfolio/ingest/decidim_import.py, previewed and saved like every update
(portfolio/web/update.py: `show_pending`, the same author, note and commit).

A file is read once per file (by its signature); an address only when the
button is pressed (a download is never repeated on a rerun). A source that
cannot be reached is an error on the page; bad data is the preview's list of
problems, and the rejected import is in the audit log.

Seam for tests (AppTest cannot drive st.file_uploader): files put in
`st.session_state[KEY_TEST_FILE]` as `(name, bytes)` are used when the
uploader is empty.
"""

from __future__ import annotations

import datetime as dt

import streamlit as st

from portfolio import config, fmt
from portfolio.ingest import decidim_import
from portfolio.ingest.decidim import DecidimUnavailable
from portfolio.ingest.reading import Upload
from portfolio.store import audit
from portfolio.store.snapshots import Store
from portfolio.texts import decidim as D
from portfolio.texts import decidim_links as L
from portfolio.texts import update as T
from portfolio.web import update

ORIGIN = "decidim"
P = D.PAGE_UPDATE
KEY_TEST_FILE = update.KEY_TEST_DECIDIM  # seam: (name, bytes) used when the uploader is empty
KEY_URL = "upd_decidim_url"
URL_MAX_CHARS = 2000


def handle_decidim(source: str | bytes, store: Store, *, name: str | None = None, sig: str,
                   today: dt.date | None = None, timeout_s: float = 10.0) -> update.Pending:
    """A Decidim export (bytes named `name`, or an address) → the preview, or
    every problem. Writes nothing. Raises DecidimUnavailable when it cannot be reached."""
    prepared = decidim_import.prepare_decidim(source, store, name=name, timeout_s=timeout_s)
    return update.preview(prepared, store, ORIGIN, sig, today)


def uploader_key() -> str:
    """The uploader's key; a new one after a commit or discard empties the widget."""
    return f"upd_decidim_file_{st.session_state.get(update.KEY_UPLOADER_ROUND, 0)}"


def file_from(widget_file) -> Upload | None:
    if widget_file is not None:
        return Upload(widget_file.name, widget_file.getvalue())
    seeded = st.session_state.get(KEY_TEST_FILE)
    return Upload(*seeded) if seeded else None


def _prepare(source: str | bytes, store: Store, name: str | None, sig: str, shown: str) -> None:
    """Prepare and remember the preview; an unreachable source is an error, never a traceback."""
    with st.spinner(P["fetching"]):
        try:
            pending = handle_decidim(source, store, name=name, sig=sig, today=config.today())
        except DecidimUnavailable as err:
            st.session_state.pop(update.pending_key(ORIGIN), None)
            st.error(fmt.literal(D.IMPORT["unavailable"].format(message=err.message)), icon=":material/error:")
            return
        except Exception as err:  # never a traceback on the page
            st.error(fmt.markdown(T.UNEXPECTED, error=type(err).__name__))
            return
    if not pending.prepared.ok:
        audit.record_rejected(store.root, who=update.who_is_acting(ORIGIN), origin=ORIGIN, files=[shown],
                              problems=pending.prepared.problems)
    update.set_pending(pending)


def section(store: Store, root: str) -> None:
    """The section: uploader, address and button, then the outcome or the preview."""
    st.caption(P["intro"])
    widget_file = st.file_uploader(P["uploader"], type=["zip", "csv"], key=uploader_key(),
                                   max_upload_size=config.UPLOAD_MAX_MB, help=P["uploader_help"])
    upload = file_from(widget_file)
    if upload is not None:
        sig = "file:" + update.signature([upload])
        current = update.current_pending(ORIGIN)
        if current is None or current.signature != sig:
            _prepare(upload.data, store, upload.name, sig, upload.name)
    left, right = st.columns([4, 1], vertical_alignment="bottom")
    url = left.text_input(P["url"], key=KEY_URL, placeholder=P["url_placeholder"], help=P["url_help"],
                          max_chars=URL_MAX_CHARS)
    fetch = right.button(P["fetch"], key="decidim_fetch", icon=":material/download:",
                         disabled=upload is not None)
    url = (url or "").strip()
    if fetch and url:
        if not url.lower().startswith(("http://", "https://")):
            st.error(P["url_not_http"], icon=":material/error:")
        else:
            _prepare(url, store, None, f"url:{url}:{dt.datetime.now(dt.UTC).isoformat()}", url)
    update.show_outcome(ORIGIN)
    pending = update.current_pending(ORIGIN)
    if pending is not None:
        dangling = decidim_import.dangling_text([(L.ENTITY_LABEL.get(entity, entity), decidim_id, initiative)
                                                 for entity, decidim_id, initiative
                                                 in decidim_import.dangling_links(pending.prepared)])
        if dangling:
            st.warning(fmt.literal(dangling), icon=":material/link_off:")
        update.show_pending(pending, root)
