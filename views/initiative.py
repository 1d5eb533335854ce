"""Tiltak: one initiative whole, chosen in the page and kept in the URL."""

import streamlit as st

from portfolio import fmt
from portfolio.present import (
    collaboration_engagements,
    decidim,
    decidim_words,
    governance_tables,
    initiative,
    initiative_collaboration,
    initiative_governance,
    initiative_history,
    links,
)
from portfolio.texts import checklists
from portfolio.texts import collaboration as C
from portfolio.texts import decidim_pages as D
from portfolio.texts import governance as G
from portfolio.texts import initiative as T
from portfolio.web import auth, tables, ui
from portfolio.web import initiative as picker

auth.require(auth.VIEWER)
ctx = ui.snapshot_context()
st.title(T.TITLE)
st.caption(T.INTRO + " " + fmt.literal(ui.snapshot_caption(ctx)))

chosen = picker.choose(ctx)
if chosen is None:
    wanted = picker.wanted_id()
    if wanted:
        st.error(fmt.literal(initiative.unknown_message(ctx, wanted)), icon=":material/search_off:")
    picker.show_list(ctx)  # every initiative (or those the search finds), each row opening its page
    st.stop()

view = ui.view(initiative.build_view, ctx, chosen)  # built once per snapshot and initiative
row = view.row
st.header(fmt.literal(row["name"]), anchor=False)
st.markdown(fmt.literal(view.facts_markdown))

update = initiative_history.last_update(ctx, view.hist)
if update is not None:
    st.caption(fmt.literal(update.sentence()))
    if update.is_stale:
        st.warning(fmt.literal(update.stale_warning()), icon=":material/schedule:")

st.subheader(T.STATUS, anchor=False)
st.table(tables.literal_table(initiative.status_table(view.status)), hide_index=True)

st.subheader(T.PATH, anchor=False)
st.markdown(fmt.literal(view.path_markdown))
st.write(fmt.literal(view.path_sentence))
st.caption(T.PATH_CAPTION)

st.subheader(T.MILESTONES, anchor=False)
if view.milestones.empty:
    st.write(T.MILESTONES_NONE)
else:
    st.caption(fmt.literal(view.milestones_caption))
    tables.dataframe(view.milestones, initiative.milestone_columns(), key="initiative_milestones", hide_index=True,
                     width="stretch", placeholder=T.EMPTY, height="content" if len(view.milestones) <= 25 else 720)

st.subheader(T.BUDGET, anchor=False)
if view.money.empty:
    st.write(T.BUDGET_NONE)
else:
    st.caption(T.BUDGET_CAPTION)
    tables.dataframe(initiative.budget_table(view.money), initiative.budget_columns(), key="initiative_money",
                     hide_index=True, width="stretch")
    if int(row["child_count"]):
        st.markdown(f"**{T.BUDGET_TOTAL}**")
        st.caption(T.BUDGET_TOTAL_CAPTION.format(count=int(row["child_count"])))
        tables.dataframe(initiative.budget_table(view.money, total=True), initiative.budget_columns(),
                         key="initiative_money_total", hide_index=True, width="stretch")

# Governance: decisions, checklists, risks and benefits (portfolio/present/initiative_governance.py)
steering = ui.view(initiative_governance.build_view, ctx, chosen)  # built once per snapshot and initiative
st.subheader(G.INITIATIVE_DECISIONS, anchor=False)
if not steering.decision_count:
    st.write(G.INITIATIVE_DECISIONS_NONE)
else:
    st.caption(G.INITIATIVE_DECISIONS_CAPTION.format(count=fmt.number(steering.decision_count)))
    st.markdown(fmt.literal(steering.decisions))

st.subheader(G.INITIATIVE_CHECKLISTS, anchor=False)
if not steering.checklists:
    st.write(G.INITIATIVE_CHECKLISTS_NONE)
for checklist in steering.checklists:
    st.markdown(fmt.literal(checklist.heading))
    st.markdown(G.CHECKLIST_SOURCE.format(source=checklists.SOURCES[checklist.decision_point]))
    st.markdown(fmt.literal(checklist.items))

st.subheader(G.INITIATIVE_RISKS, anchor=False)
if not steering.risk_count:
    st.write(G.INITIATIVE_RISKS_NONE)
else:
    if steering.open_risk_count:
        st.write(fmt.literal(steering.matrix.takeaway))
        ui.vega(steering.matrix.chart)
    st.caption(G.INITIATIVE_RISKS_CAPTION.format(count=fmt.number(steering.risk_count),
                                                 open=fmt.number(steering.open_risk_count)))
    tables.dataframe(steering.risks, governance_tables.risk_columns(on_initiative_page=True), key="initiative_risks",
                     hide_index=True, width="stretch", height="content" if len(steering.risks) <= 25 else 720,
                     placeholder=G.EMPTY)

st.subheader(G.INITIATIVE_BENEFITS, anchor=False)
gains = steering.benefits
if not gains.count and not gains.qualitative_count:
    st.write(G.INITIATIVE_BENEFITS_NONE)
if gains.count:
    st.caption(G.BENEFITS_INTRO)
    st.write(fmt.literal(gains.takeaway))
    if gains.chart is not None:
        ui.vega(gains.chart)
    tables.dataframe(gains.table, governance_tables.benefit_columns(), key="initiative_benefits", hide_index=True,
                     width="stretch", height="content", placeholder=G.EMPTY)
    st.markdown(f"**{G.INITIATIVE_MEASUREMENTS}**")
    if gains.measurements.empty:
        st.write(G.INITIATIVE_MEASUREMENTS_NONE)
    else:
        tables.dataframe(gains.measurements, governance_tables.measurement_columns(), key="initiative_measurements",
                         hide_index=True, width="stretch",
                         height="content" if len(gains.measurements) <= 25 else 720, placeholder=G.EMPTY)
if gains.qualitative_count:
    st.markdown(f"**{G.QUALITATIVE}**")
    st.markdown(fmt.literal(gains.qualitative))

# Collaboration: partners and areas, engagements, the latest survey (portfolio/present/initiative_collaboration.py)
together = ui.view(initiative_collaboration.build_view, ctx, chosen)  # built once per snapshot and initiative
st.subheader(C.INITIATIVE_PARTNERS, anchor=False)
if together.who is not None:
    st.markdown(fmt.literal(together.who))

st.subheader(C.INITIATIVE_ENGAGEMENTS, anchor=False)
if not together.engagement_count:
    st.write(C.INITIATIVE_ENGAGEMENTS_NONE)
else:
    if together.citizens is not None:
        st.write(fmt.literal(together.citizens))
    st.caption(fmt.literal(together.engagement_caption))
    tables.dataframe(together.engagements, collaboration_engagements.engagement_columns(with_initiative=False),
                     key="initiative_engagements", hide_index=True, width="stretch", placeholder=C.EMPTY,
                     height="content" if len(together.engagements) <= 25 else 720)

st.subheader(C.INITIATIVE_SURVEYS, anchor=False)
if not together.surveys:
    st.write(C.INITIATIVE_SURVEYS_NONE)
for survey in together.surveys:
    st.markdown(f"**{fmt.literal(survey.heading)}**")
    st.caption(fmt.literal(survey.caption))
    st.table(tables.literal_table(survey.table), hide_index=True, alt=fmt.literal(survey.heading))

# Decidim: the results citizens can follow there, and linked proposals, projects and meetings
# (portfolio/present/decidim.py)
platform = ui.view(decidim.build_initiative_view, ctx, chosen)  # built once per snapshot and initiative
st.subheader(D.HEADING, anchor=False)
st.caption(D.INTRO)
if platform.is_empty:
    st.write(D.NONE)
else:
    st.markdown(f"**{D.RESULTS}**")
    if not platform.result_count:
        st.write(D.RESULTS_NONE)
    else:
        st.write(fmt.literal(platform.results_summary))
        if platform.results_capped:
            st.caption(fmt.literal(platform.results_capped))
        tables.dataframe(platform.results, decidim_words.result_columns(), key="initiative_decidim_results",
                         hide_index=True, width="stretch", placeholder=D.NO_STATUS,
                         height="content" if len(platform.results) <= 25 else 720)
    st.markdown(f"**{D.OTHER}**")
    if not platform.item_count:
        st.write(D.OTHER_NONE)
    else:
        st.write(fmt.literal(platform.items_summary))
        tables.dataframe(platform.items, decidim.item_columns(), key="initiative_decidim_items", hide_index=True,
                         width="stretch", height="content" if len(platform.items) <= 25 else 720)

st.subheader(T.HISTORY, anchor=False)
st.write(fmt.literal(view.history_takeaway))
ui.vega(view.history_chart)
st.caption(fmt.literal(view.history_caption))
tables.dataframe(view.history, initiative_history.history_columns(), key="initiative_history", hide_index=True,
                 width="stretch", placeholder=T.EMPTY, height="content" if len(view.history) <= 25 else 720)
with st.expander(T.CHANGE_LOG):
    st.markdown(fmt.literal(view.change_log))

st.subheader(T.RELATED, anchor=False)
if not view.related:
    st.write(T.RELATED_NONE)
for number, group in enumerate(view.related):
    if group.relation == "parent":
        parent = group.rows.iloc[0]
        st.page_link(initiative.PAGE, label=fmt.markdown(T.PARENT_LINK, name=parent["name"]),
                     query_params=links.context_initiative_params(ctx, parent["initiative_id"]),
                     icon=":material/account_tree:")
        continue
    st.markdown(f"**{T.RELATION[group.relation]}**")
    st.caption(fmt.literal(group.caption))
    tables.dataframe(group.table, initiative.related_columns(), key=f"initiative_related_{number}", hide_index=True,
                     width="stretch", height="content" if len(group.table) <= 25 else 720)
