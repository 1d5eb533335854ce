"""For innbyggere og politikere: the public initiatives in plain language.

The data comes only from portfolio.public (the public projection: public rows
and columns, nothing internal is ever read). The public sees the latest
published data, so there is no snapshot picker here; the date is shown.
The search and the phase filter are kept in the URL (?q=…&fase=…).
"""

import streamlit as st

from portfolio import fmt
from portfolio.present import public, public_decidim, public_groups, public_overview, publication
from portfolio.texts import decidim_pages as D
from portfolio.texts import public as T
from portfolio.web import public as public_app
from portfolio.web import tables

st.title(T.TITLE)
st.write(T.INTRO)

try:
    data = public_app.load()
except public_app.PublicDataMissing as missing:
    st.warning(T.NO_PUBLIC_EXPORT.format(path=missing))
    st.stop()
if data is None or data.initiatives.empty:
    st.info(T.NO_DATA)
    st.stop()

st.caption(T.UPDATED.format(date=fmt.date(data.source.created)))
if data.source.is_demo:
    st.info(T.DEMO_NOTICE, icon=":material/info:")

# The overview: the whole list in a few sentences, then the same in tables
overview = public_overview.overview(data, public_app.earlier(data))
st.header(T.OVERVIEW_HEADING, anchor=False)
figures = st.columns(3)
figures[0].metric(T.METRIC_COUNT, fmt.number(overview.count))
if overview.year is not None:
    figures[1].metric(fmt.markdown(T.METRIC_BUDGET, year=overview.year), fmt.kr(overview.budget))
    figures[2].metric(fmt.markdown(T.METRIC_SPENT if overview.current_year else T.METRIC_SPENT_PAST,
                                   year=overview.year), fmt.kr(overview.spent))
st.write(fmt.join(" ", overview.sentences))
st.write(fmt.join(" ", overview.money_sentences))
counts = st.columns(2)
counts[0].table(fmt.literal_table(overview.phases), hide_index=True, alt=T.PHASE_TABLE_LABEL)
counts[1].table(fmt.literal_table(overview.focus), hide_index=True, alt=T.FOCUS_TABLE_LABEL)
with st.expander(T.YEARS_HEADING):
    st.table(fmt.literal_table(overview.years), hide_index=True, alt=T.YEARS_TABLE_LABEL)

st.subheader(fmt.markdown(T.CHANGES_HEADING, date=fmt.date(overview.since)), anchor=False)
if overview.changes:
    lines = [*overview.changes]
    if overview.changes_more:
        lines.append(fmt.markdown(T.CHANGES_MORE_ONE if overview.changes_more == 1 else T.CHANGES_MORE,
                                  count=fmt.number(overview.changes_more)))
    st.markdown("\n".join(f"- {fmt.literal(line)}" for line in lines))
else:
    st.write(fmt.markdown(T.CHANGES_NONE, date=fmt.date(overview.since)))

with st.expander(T.PHASES_HEADING):
    st.write(T.PHASES_INTRO)
    st.markdown("\n".join(
        fmt.markdown(T.PHASE_ITEM, number=i, phase=p, explanation=T.PHASE_EXPLANATIONS[p])
        for i, p in enumerate(public.PHASES, start=1)
    ))
with st.expander(T.WORDS_HEADING):
    st.markdown("\n".join(f"- {word}" for word in T.WORDS))

# «Hva gjør kommunen for meg?»: the initiatives for one citizen group, by focus area (portfolio/present/public_groups.py)
st.header(T.GROUPS_HEADING, anchor=False)
st.write(T.GROUPS_INTRO)
group = st.selectbox(T.GROUP_PICKER, public_groups.GROUPS, index=None, placeholder=T.GROUP_PLACEHOLDER,
                     key="gruppe", bind="query-params", help=T.GROUP_PICKER_HELP)
if group:
    found = public_groups.group_view(data, group)
    st.write(fmt.literal(found.intro))
    for area in found.areas:
        st.subheader(fmt.literal(area.heading), anchor=False)
        lines = [*area.items]
        if area.more:
            lines.append(fmt.markdown(T.GROUP_MORE_ONE if area.more == 1 else T.GROUP_MORE,
                                      count=fmt.number(area.more)))
        st.markdown("\n".join(f"- {fmt.literal(line)}" for line in lines))
    if found.without:
        st.write(fmt.join(" ", found.without))
    if found.count:
        st.caption(T.GROUP_NOTE)
    # The group's coming and past public engagements (medvirkning): public rows and columns only
    st.subheader(T.GROUP_ENGAGEMENTS_HEADING, anchor=False)
    if not found.coming and not found.past:
        st.write(fmt.markdown(T.GROUP_NO_ENGAGEMENTS, group=public_groups.group_words(group)))
    else:
        st.write(fmt.markdown(T.GROUP_ENGAGEMENTS_INTRO, group=public_groups.group_words(group)))
        st.markdown(f"**{T.GROUP_COMING}**")
        if found.coming:
            lines = [*found.coming]
            if found.coming_more:
                lines.append(fmt.markdown(T.GROUP_COMING_MORE_ONE if found.coming_more == 1 else T.GROUP_COMING_MORE,
                                          count=fmt.number(found.coming_more)))
            st.markdown("\n".join(f"- {fmt.literal(line)}" for line in lines))
        else:
            st.write(T.GROUP_NO_COMING)
        if found.past:
            st.markdown(f"**{T.GROUP_PAST}**")
            lines = [*found.past]
            if found.past_more:
                lines.append(fmt.markdown(T.GROUP_ENGAGEMENTS_MORE_ONE if found.past_more == 1
                                          else T.GROUP_ENGAGEMENTS_MORE, count=fmt.number(found.past_more)))
            st.markdown("\n".join(f"- {fmt.literal(line)}" for line in lines))
with st.expander(T.DOWNLOADS_HEADING):
    st.write(T.DOWNLOADS_INTRO)
    for download in publication.page_downloads(data):  # each file is made only when its button is clicked
        st.download_button(fmt.literal(download.label), download.make, file_name=download.file_name, mime=download.mime,
                           key=f"download_{download.file_name}", on_click="ignore")

st.header(T.LIST_HEADING, anchor=False)
search = st.text_input(T.SEARCH, key="q", bind="query-params", help=T.SEARCH_HELP,
                       placeholder=T.SEARCH_PLACEHOLDER)
# Nothing chosen shows «Alle faser» as the placeholder: no clear button until a phase is chosen
phase = st.selectbox(T.PHASE_FILTER, public.PHASES, index=None, placeholder=T.PHASE_ALL, key="fase",
                     bind="query-params")

shown, total = public.cards(data, search or "", phase)
if total == 0:
    st.warning(T.NO_MATCH)
    st.stop()
if len(shown) < total:
    st.caption(f"{T.COUNT.format(shown=fmt.number(len(shown)), total=fmt.number(total))} {T.CAPPED}")
else:
    st.caption(T.COUNT_ALL.format(total=fmt.number(total)))

year = data.source.created.year
for card in shown:
    # A card's details are drawn only while it is open (one rerun on opening):
    # a closed card costs one line, however long the list.
    details = st.expander(fmt.literal(card.label), expanded=total == 1, key=card.key, on_change="rerun")
    if not details.open:
        continue
    with details:
        st.write(fmt.literal(card.summary))
        st.markdown(f"**{fmt.literal(card.phase_position)}.** {fmt.literal(card.phase_explanation)}")
        st.caption(fmt.literal(public.phase_path()))
        st.markdown("\n".join(f"- {fmt.literal(fact)}" for fact in card.facts))
        if card.url:
            st.link_button(T.LINK, card.url, icon=":material/open_in_new:")

        st.markdown(f"**{T.DONE_HEADING}**")
        if card.done:
            lines = [fmt.markdown(T.MILESTONE_DONE, date=fmt.date(m.date), title=m.title) for m in card.done]
            if card.done_more:
                lines.append(T.MORE_DONE.format(count=fmt.number(card.done_more)))
            st.markdown("\n".join(f"- {fmt.literal(line)}" for line in lines))
        else:
            st.write(T.NO_DONE)

        st.markdown(f"**{T.NEXT_HEADING}**")
        if card.upcoming:
            st.markdown("\n".join(
                f"- {fmt.markdown(T.MILESTONE_NEXT, date=fmt.date(m.date), title=m.title)}" for m in card.upcoming
            ))
        else:
            st.write(T.NO_NEXT)

        st.markdown(f"**{T.DECISIONS_HEADING}**")
        if card.decisions:
            lines = [*card.decisions]
            if card.decisions_more:
                lines.append(T.MORE_DECISIONS.format(count=fmt.number(card.decisions_more)))
            st.markdown("\n".join(f"- {fmt.literal(line)}" for line in lines))
        else:
            st.write(T.NO_DECISIONS)

        st.markdown(f"**{T.BENEFITS_HEADING}**")
        if card.benefits:
            st.markdown(T.BENEFITS_INTRO + "\n\n" + "\n".join(f"- {fmt.literal(line)}" for line in card.benefits))
        else:
            st.write(T.NO_BENEFITS)

        # Its results on Decidim, from the public projection only (portfolio/present/public_decidim.py)
        platform = public_decidim.card_decidim(data, card.initiative_id)
        if platform is not None:
            st.markdown(f"**{D.PUBLIC_HEADING}**")
            st.write(fmt.literal(platform.sentence))
            if len(platform.table):
                tables.dataframe(platform.table, public_decidim.result_columns(), key=f"decidim_{card.initiative_id}",
                                 hide_index=True, width="stretch", height="content")
            if platform.more:
                st.caption(fmt.markdown(D.PUBLIC_MORE, count=fmt.number(platform.more)))
            if platform.others:
                st.write(fmt.literal(platform.others))

        st.markdown(f"**{T.MONEY_HEADING}**")
        if card.money.empty:
            st.write(T.NO_MONEY)
        else:
            st.table(fmt.literal_table(card.money_table), hide_index=True, alt=T.MONEY_TABLE_LABEL.format(name=card.name))
            if card.over_budget:
                st.markdown("\n".join(f"- {fmt.literal(line)}" for line in card.over_budget))
            st.caption(f"{fmt.literal(public.money_note(card, year))} "
                       f"{fmt.markdown(T.MONEY_SOURCES, sources=public.word_list(card.funding_sources))}")
