"""Om dataene: what the data is, how fresh it is, who answers for it, and
where demo data comes from.

In the public app (public.py), and for users who may not read the internal
pages, everything here comes from the public projection (portfolio.store.public).
For leadership in the internal app it honours the snapshot picker and also
names the project leaders (an internal column).
"""

import streamlit as st

from portfolio import fmt
from portfolio.present import public, publication
from portfolio.texts import about as T
from portfolio.web import public as public_app

ctx = None
if not public_app.serving_public_app():
    # Imported here so that the public app never loads the internal data layer
    from portfolio.web import auth

    if auth.current_user().may(auth.VIEWER):
        from portfolio.web import ui

        ctx = ui.snapshot_context()

data = None
if ctx is None:
    try:
        data = public_app.load()
    except public_app.PublicDataMissing:
        data = None

st.title(T.ABOUT_TITLE)
st.write(T.ABOUT_INTRO)

st.header(T.WHAT_HEADING, anchor=False)
st.write(T.WHAT)
st.write(T.PUBLIC_PART)

st.header(T.OPEN_DATA_HEADING, anchor=False)
st.write(T.OPEN_DATA)
st.markdown(fmt.join("\n", (fmt.markdown("- {line}", line=line) for line in publication.table_lines())))
st.markdown("\n".join(f"- {line}" for line in T.OPEN_DATA_FORMATS))
st.write(T.OPEN_DATA_PUBLISHED_ONLY)
st.write(T.OPEN_DATA_LICENCE)

st.header(T.FRESH_HEADING, anchor=False)
if ctx is not None:
    metas = ctx.snapshots
    latest = metas[-1]
    st.write(fmt.markdown(T.FRESH_INTERNAL, date=fmt.date(latest.created), author=latest.author))
    st.write(T.FRESH_COUNT.format(count=fmt.number(len(metas)), first=fmt.date(metas[0].created)))
    if not ctx.is_latest:
        st.write(T.FRESH_SHOWN.format(date=fmt.date(ctx.meta.created)))
    counts = ctx.meta.row_counts
    st.write(T.FRESH_TABLE.format(**{k: fmt.number(v) for k, v in counts.items()}))
elif data is not None:
    st.write(T.FRESH_PUBLIC.format(date=fmt.date(data.source.created)))
    st.write(T.FRESH_PUBLIC_TABLE.format(**{k: fmt.number(len(v)) for k, v in data.tables.items()}))

st.header(T.WHO_HEADING, anchor=False)
st.write(T.WHO_INTRO)
if ctx is not None:
    from portfolio.web import ui

    programmes = ui.query(ctx, "about_programmes", row_limit=5)
    total = int(programmes["programme_count"].iloc[0]) if len(programmes) else 0
elif data is not None:
    programmes, total = public.programmes(data)
else:
    programmes, total = None, 0
if programmes is None or total == 0:
    st.write(T.WHO_NONE)
else:
    lines = []  # the names and people are data: made literal in the app's own sentences
    for row in programmes.itertuples(index=False):
        parts = [fmt.markdown(T.WHO_PROGRAMME, name=row.name, count=fmt.number(row.child_count), owner=row.project_owner)]
        if ctx is not None:
            leader = row.project_leader
            parts.append(fmt.markdown(T.WHO_LEADER, leader=leader) if isinstance(leader, str)
                         else fmt.markdown(T.WHO_NO_LEADER))
        lines.append(fmt.join(" ", parts))
    st.markdown("\n".join(f"- {fmt.literal(line)}" for line in lines))
    if total > len(programmes):
        st.write(T.WHO_MORE.format(count=fmt.number(total - len(programmes))))
st.markdown(T.WHO_CONTACT)

st.header(T.DEMO_HEADING, anchor=False)
is_demo = ctx.meta.is_demo if ctx is not None else bool(data and data.source.is_demo)
if is_demo:
    st.write(T.DEMO_YES)
    st.markdown("\n".join(f"- {source}" for source in T.DEMO_SOURCES))
    st.write(T.DEMO_ILLUSTRATIVE)
else:
    st.write(T.DEMO_NO)
