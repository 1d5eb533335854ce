"""Endringer: what changed between two snapshots, e.g. since the last
leadership meeting. Logic in portfolio/present/changes.py; the engine is portfolio/model/diff.py."""

import streamlit as st

from portfolio import fmt
from portfolio.present import change_governance, change_words, changes, initiative, snapshots
from portfolio.present.columns import Columns
from portfolio.texts import changes as T
from portfolio.web import auth, tables, ui
from portfolio.web import changes as page

P, C = T.PAGE, T.COLUMNS

auth.require(auth.VIEWER)
ctx = ui.snapshot_context()
st.title(P["title"])
st.caption(P["intro"] + " " + fmt.literal(ui.snapshot_caption(ctx)))
filters = ui.filter_widgets(ctx)

older = changes.older_than(ctx.snapshots, ctx.meta)
if not older:
    st.info(P["no_older"], icon=":material/info:")
    st.stop()
by_id = {m.snapshot_id: m for m in ctx.snapshots}
for message in page.init_state(st.session_state, st.query_params, older, ctx.meta.created.date()):
    st.error(fmt.literal(message))

left, middle, right = st.columns([2, 3, 2])
mode = left.radio(
    P["mode"], page.MODES, key=page.KEY_MODE,
    format_func=lambda m: P["mode_snapshot"] if m == "snapshot" else P["mode_date"],
)
since = st.session_state[page.KEY_SINCE]
if mode == "snapshot":
    from_id = middle.selectbox(
        P["from"], [m.snapshot_id for m in older], key=page.KEY_FROM,
        format_func=lambda i: snapshots.label(by_id[i]), help=P["from_help"],
    )
    old = by_id[from_id]
else:
    from_id = older[0].snapshot_id
    since = middle.date_input(
        P["since"], key=page.KEY_SINCE, format="DD.MM.YYYY", help=P["since_help"],
        min_value=changes.EARLIEST_DATE, max_value=ctx.meta.created.date(),
    )
    old = changes.snapshot_on_or_before([*older[::-1], ctx.meta], since)
threshold = right.number_input(
    P["threshold"], min_value=0, step=10_000, key=page.KEY_THRESHOLD, help=P["threshold_help"],
)
page.write_url(st.query_params, mode=mode, from_id=from_id, default_from=older[0].snapshot_id,
                  since=since, threshold=int(threshold))

if mode == "date":
    if old is None:
        old = older[-1]
        middle.caption(P["since_before_first"].format(since=fmt.date(since), date=fmt.date(old.created)))
    elif old.snapshot_id == ctx.snapshot_id:
        st.info(P["since_not_before"].format(since=fmt.date(since), date=fmt.date(ctx.meta.created)),
                icon=":material/info:")
        st.stop()
    else:
        middle.caption(fmt.markdown(P["since_resolved"], label=snapshots.label(old)))

view = ui.view(page.build_view, ctx, old.snapshot_id, int(threshold), filters)

st.markdown(f"**{fmt.literal(view.summary)}**")
if not filters.is_empty:
    st.caption(P["filters_note"])

COLUMNS = Columns(medium=(C["initiative"], C["budget_line"]), links={C["link"]: C["link_text"]})


def show(section, status_columns=()):
    """One section's table (capped), with statuses as words on their colour."""
    table, total = view.sections[section]
    if total == 0:
        st.caption(P["none"])
        return
    if total > len(table):
        st.caption(P["capped"].format(shown=fmt.number(len(table)), total=fmt.number(total)))
    st.dataframe(
        table, hide_index=True, width="stretch", height="content" if len(table) <= 15 else 560,
        column_config=tables.column_config(COLUMNS.only(table.columns).merged(Columns(statuses=tuple(status_columns)))),
    )


# The summary per initiative, worst first (portfolio/present/change_summary.py)
st.header(P["section_summary"], anchor=False)
st.caption(P["summary_caption"])
if view.summary_total > len(view.summaries):
    st.caption(P["summary_capped"].format(shown=fmt.number(len(view.summaries)),
                                          total=fmt.number(view.summary_total)))
for item in view.summaries:
    with st.container(border=True):
        if item.link:
            st.page_link(initiative.PAGE, label=fmt.markdown(P["summary_link"], name=item.name),
                         query_params=page.link_params(item.link), icon=":material/arrow_forward:")
        else:  # the surveys of kommunalområder: no initiative to open
            st.markdown(fmt.markdown(P["summary_link"], name=item.name))
        st.caption(P["summary_severity"].format(label=T.SEVERITY_LABELS[item.severity]))
        st.markdown("- " + fmt.join("\n- ", [s.text for s in item.sentences]))
        if item.texts:
            with st.expander(P["summary_texts"].format(count=fmt.number(len(item.texts)))):
                for text in item.texts:
                    st.markdown(f"**{fmt.literal(text.label)}**")
                    for column, label, value in zip(st.columns(2), (T.BEFORE, T.AFTER), (text.old, text.new),
                                                    strict=True):
                        box = column.container(border=True)
                        box.markdown(f"**{fmt.literal(label)}**")
                        box.markdown(fmt.literal(value) if value else T.NO_TEXT)

# Every change, in tables, collapsed
st.header(P["details"], anchor=False)
st.caption(P["details_caption"])


def section(title: str, name: str):
    """A collapsed part of the details, its title with the number of rows."""
    return st.expander(fmt.markdown(P["section_count"], title=title, count=fmt.number(view.sections[name][1])))


with section(P["section_initiatives"], "initiatives"):
    show("initiatives", [C["status"]])
with section(P["section_status"], "status"):
    if view.status_caption:
        st.caption(fmt.literal(view.status_caption))
    show("status", [C["old"], C["new"]])
with section(P["section_phase"], "phase"):
    show("phase")
with section(P["section_completed"], "completed"):
    show("completed")
with section(P["section_moved"], "moved"):
    show("moved")
with section(P["section_overdue"], "overdue"):
    st.caption(P["section_overdue_caption"].format(today=fmt.date(ctx.today), old=fmt.date(old.created)))
    show("overdue")
with section(P["section_budget_threshold"].format(threshold=fmt.kr(threshold)) if threshold
             else P["section_budget"], "budget"):
    show("budget")
with section(P["section_decisions"], "decisions"):
    show("decisions")
with section(P["section_checklists"], "checklists"):
    show("checklists")
with section(P["section_risks"], "risks"):
    st.caption(fmt.markdown(P["section_risks_caption"], score=change_governance.HIGH_RISK_SCORE))
    show("risks")
with section(P["section_benefits"], "benefits"):
    st.caption(P["section_benefits_caption"])
    show("benefits")
with section(P["section_collaboration"], "collaboration"):
    st.caption(fmt.markdown(P["section_collaboration_caption"], min_n=change_governance.MIN_RESPONDENTS))
    show("collaboration")
with section(P["section_decidim"], "decidim"):
    st.caption(fmt.markdown(P["section_decidim_caption"], none=T.NO_INITIATIVE_DECIDIM))
    show("decidim")
with section(P["section_other"], "other"):
    st.caption(P["section_other_caption"])
    show("other")

st.header(P["download"])
st.caption(P["download_caption"].format(count=fmt.number(len(view.frame))))
ui.download_buttons(
    lambda: change_words.export_frame(view.frame),
    basename=f"endringer-{old.created.date().isoformat()}-{ctx.meta.created.date().isoformat()}",
    sheet_name=P["export_sheet"],
)
