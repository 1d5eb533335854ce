"""«Samhandling»'s network: who works with whom. Kommunalområder and
external partners are the nodes, an edge joins two that take part in the
same active initiatives (its weight: how many). SQL aggregates the nodes
and the pairs (queries/collaboration_nodes.sql, collaboration_links.sql);
networkx holds the graph and ranks the nodes by how much they share
(weighted degree).

Readable at any size: the chart shows the AREA_LIMIT kommunalområder and
the PARTNER_LIMIT partners that share the most, says in words how many it
leaves out, and the table beside it has exactly the chart's pairs (the
download has every pair).

Deterministic: the layout is fixed by the data alone (no random seed): the
kommunalområder on the left half of a circle and the partners on the right
half, each side sorted by name from top to bottom and evenly spaced in
height, so the same data gives the same picture, and the labels, written
outward, never share a line. With one kind only, its nodes share both halves.
"""

from __future__ import annotations

import dataclasses
import math

import networkx as nx
import pandas as pd

from portfolio import fmt
from portfolio.present import charts
from portfolio.present import collaboration_charts as ccharts
from portfolio.present.columns import COUNT_PX, Columns
from portfolio.present.public import word_list
from portfolio.texts import collaboration as T

AREA, PARTNER = "area", "partner"  # the node kinds, as the queries name them
AREA_LIMIT = 14
PARTNER_LIMIT = 10
PROGRAMMES_COLOURED = len(ccharts.PROGRAMME_COLOURS)  # the other programmes share one colour
TOP_Y = 0.92  # the highest and lowest node (the circle has radius 1)

Node = tuple[str, str]  # (kind, name)


def graph(nodes: pd.DataFrame, links: pd.DataFrame) -> nx.Graph:
    """The whole network: a node per row of collaboration_nodes (its
    initiatives and programmes as attributes), an edge per row of
    collaboration_links (`shared`: how many initiatives the two share)."""
    def columns(frame: pd.DataFrame, names: list[str]) -> list[list]:
        return [frame[name].tolist() for name in names]  # plain Python values, read once per column

    g = nx.Graph()
    g.add_nodes_from(
        ((kind, name), {"initiatives": int(count), "main_programme": None if fmt.missing(main) else str(main),
                        "programmes": list(programmes), "programme_count": int(programme_count),
                        "outside": int(outside)})
        for kind, name, count, main, programmes, programme_count, outside in zip(*columns(nodes, [
            "kind", "node", "initiative_count", "main_programme", "programmes", "programme_count", "outside_count"]),
            strict=True)
    )
    g.add_edges_from(
        ((ka, a), (kb, b), {"shared": int(shared), "programmes": list(programmes),
                            "programme_count": int(programme_count)})
        for ka, a, kb, b, shared, programmes, programme_count in zip(*columns(links, [
            "kind_a", "node_a", "kind_b", "node_b", "shared_count", "programmes", "programme_count"]), strict=True)
    )
    return g


def strengths(g: nx.Graph) -> dict[Node, int]:
    """Per node: the initiatives it shares, summed over its edges (weighted degree)."""
    return {node: int(value) for node, value in g.degree(weight="shared")}


def ranked(g: nx.Graph, kind: str, strength: dict[Node, int]) -> list[Node]:
    """The nodes of one kind, those that share most first (then most
    initiatives, then by name)."""
    found = [n for n in g.nodes if n[0] == kind]
    return sorted(found, key=lambda n: (-strength[n], -g.nodes[n]["initiatives"], n[1]))


def layout(shown: list[Node]) -> dict[Node, tuple[float, float, str]]:
    """Each node's position (x, y in [-1, 1]) and the side its label is on:
    kommunalområder on the left half of the circle, partners on the right,
    each side by name from top to bottom and evenly spaced in height. With
    one kind only, its first half (by name) goes left, the rest right."""
    areas = sorted((n for n in shown if n[0] == AREA), key=lambda n: n[1])
    partners = sorted((n for n in shown if n[0] == PARTNER), key=lambda n: n[1])
    if areas and partners:
        left, right = areas, partners
    else:
        both = areas or partners
        half = math.ceil(len(both) / 2)
        left, right = both[:half], both[half:]
    positions = {}
    for side, nodes, sign in (("left", left, -1.0), ("right", right, 1.0)):
        count = len(nodes)
        for i, node in enumerate(nodes):
            y = 0.0 if count == 1 else TOP_Y - 2 * TOP_Y * i / (count - 1)
            positions[node] = (round(sign * math.sqrt(1 - y * y), 6), round(y, 6), side)
    return positions


def names_text(names: list[str], total: int, outside: int = 0) -> str:
    """A node's or pair's programmes, short: «A», «A og B», «5 programmer,
    blant dem A» (`names`: the first ones, the most common first; `total`:
    how many), with the initiatives outside programmes counted."""
    if not names:
        text = T.NO_PROGRAMME
    elif total > 2:
        text = T.PROGRAMMES_MANY.format(count=fmt.number(total), name=names[0])
    else:
        text = word_list(names[:total])
    if names and outside:
        text = T.PROGRAMMES_OUTSIDE.format(names=text, count=fmt.number(outside))
    return text


def programme_legend(g: nx.Graph, shown: list[Node]) -> dict[str | None, str]:
    """The colour categories of the shown nodes' main programmes: the
    PROGRAMMES_COLOURED most common by name, then «Andre programmer», then
    «Ikke i et program» (only those used). Programme (None: none) -> label."""
    counts: dict[str, int] = {}
    for node in shown:
        main = g.nodes[node]["main_programme"]
        if main is not None:
            counts[main] = counts.get(main, 0) + 1
    order = sorted(counts, key=lambda p: (-counts[p], p))
    legend: dict[str | None, str] = {p: p for p in order[:PROGRAMMES_COLOURED]}
    for p in order[PROGRAMMES_COLOURED:]:
        legend[p] = T.OTHER_PROGRAMMES
    if any(g.nodes[n]["main_programme"] is None for n in shown):
        legend[None] = T.NO_PROGRAMME
    return legend


def left_out_sentence(areas: int, partners: int) -> fmt.Markdown | None:
    """What the chart leaves out, in words (None: nothing)."""
    parts = []
    if areas:
        parts.append(fmt.markdown(T.NETWORK_LEFT_OUT_AREA if areas == 1 else T.NETWORK_LEFT_OUT_AREAS,
                                  count=fmt.number(areas)))
    if partners:
        parts.append(fmt.markdown(T.NETWORK_LEFT_OUT_PARTNER if partners == 1 else T.NETWORK_LEFT_OUT_PARTNERS,
                                  count=fmt.number(partners)))
    return fmt.join(" ", [*parts, fmt.markdown(T.NETWORK_LEFT_OUT_HINT)]) if parts else None


def pair_rows(g: nx.Graph, edges: list[tuple[Node, Node]]) -> pd.DataFrame:
    """The pairs as a table (also the download): most shared first."""
    ordered = sorted(edges, key=lambda e: (-g.edges[e]["shared"], *sorted((e[0], e[1]))))
    rows = []
    for a, b in ordered:
        a, b = sorted((a, b))
        data = g.edges[a, b]
        rows.append({T.COL_FROM: a[1], T.COL_KIND_FROM: T.KIND_LABELS[a[0]], T.COL_TO: b[1],
                     T.COL_KIND_TO: T.KIND_LABELS[b[0]], T.COL_SHARED: data["shared"],
                     T.COL_PROGRAMMES: names_text(data["programmes"], data["programme_count"])})
    return pd.DataFrame(rows, columns=[T.COL_FROM, T.COL_KIND_FROM, T.COL_TO, T.COL_KIND_TO, T.COL_SHARED,
                                       T.COL_PROGRAMMES])


def pair_columns() -> Columns:
    """On a phone each pair and its count; the kinds and programmes on a laptop."""
    return Columns(
        counts=(T.COL_SHARED,), essential=(T.COL_FROM, T.COL_TO, T.COL_SHARED),
        wrap=(T.COL_FROM, T.COL_TO, T.COL_PROGRAMMES),
        widths={T.COL_FROM: 130, T.COL_TO: 130, T.COL_SHARED: 96, T.COL_KIND_FROM: 125, T.COL_KIND_TO: 125,
                T.COL_PROGRAMMES: 240},
    )


def node_columns() -> Columns:
    return Columns(
        counts=(T.COL_NODE_INITIATIVES, T.COL_NODE_SHARED, T.COL_NODE_LINKS),
        essential=(T.COL_NODE, T.COL_NODE_SHARED), wrap=(T.COL_NODE, T.COL_PROGRAMMES),
        widths={T.COL_NODE: 170, T.COL_KIND: 125, T.COL_NODE_INITIATIVES: COUNT_PX + 20, T.COL_NODE_SHARED: 150,
                T.COL_NODE_LINKS: 125, T.COL_PROGRAMMES: 240},
    )


@dataclasses.dataclass(frozen=True)
class Network:
    """What the network section draws for one snapshot, set of filters and year."""

    chart: dict | None  # Vega-Lite spec; None when no node shares anything
    takeaway: fmt.Markdown
    left_out: fmt.Markdown | None  # what the chart leaves out, in words
    pairs: pd.DataFrame  # the chart's pairs, most shared first
    pair_count: int  # every pair of the network
    nodes: pd.DataFrame  # the chart's nodes
    positions: tuple[tuple[str, str, float, float], ...]  # (kind, name, x, y) per shown node
    area_count: int
    linked_area_count: int  # areas sharing an initiative with another area or a partner
    partner_count: int
    linked_count: int  # nodes with at least one edge


def build(nodes: pd.DataFrame, links: pd.DataFrame, year: int, area_limit: int = AREA_LIMIT,
          partner_limit: int = PARTNER_LIMIT) -> Network:
    g = graph(nodes, links)
    strength = strengths(g)
    areas, partners = ranked(g, AREA, strength), ranked(g, PARTNER, strength)
    shown_areas, shown_partners = areas[:area_limit], partners[:partner_limit]
    shown = shown_areas + shown_partners
    sub = g.subgraph(shown).copy()  # a small graph of its own (a view would filter the whole graph on each look)
    positions = layout(shown)
    legend = programme_legend(g, shown)
    linked = [n for n in g.nodes if g.degree(n) > 0]
    if g.number_of_edges():
        a, b = min(g.edges, key=lambda e: (-g.edges[e]["shared"], *sorted((e[0][1], e[1][1]))))
        a, b = sorted((a, b), key=lambda n: n[1])
        takeaway = fmt.markdown(T.NETWORK_TAKEAWAY, linked=fmt.number(len(linked)), year=year, a=a[1], b=b[1],
                                count=fmt.number(g.edges[a, b]["shared"]))
    else:
        takeaway = fmt.markdown(T.NETWORK_TAKEAWAY_NONE, year=year)
    node_rows = pd.DataFrame([
        {"x": positions[n][0], "y": positions[n][1], "side": positions[n][2], "name": n[1],
         "kind_label": T.KIND_LABELS[n[0]], "programme_label": legend[g.nodes[n]["main_programme"]],
         "initiative_count": g.nodes[n]["initiatives"], "strength": strength[n], "links": sub.degree(n),
         "programmes_text": names_text(g.nodes[n]["programmes"], g.nodes[n]["programme_count"],
                                       g.nodes[n]["outside"])}
        for n in sorted(shown, key=lambda n: (n[0], n[1]))
    ], columns=["x", "y", "side", "name", "kind_label", "programme_label", "initiative_count", "strength", "links",
                "programmes_text"])
    edges = sorted(sub.edges, key=lambda e: (-sub.edges[e]["shared"], *sorted((e[0], e[1]))))
    edge_rows = pd.DataFrame([
        {"x": positions[a][0], "y": positions[a][1], "x2": positions[b][0], "y2": positions[b][1], "a": a[1],
         "b": b[1], "shared_count": sub.edges[a, b]["shared"],
         "programmes_text": names_text(sub.edges[a, b]["programmes"], sub.edges[a, b]["programme_count"])}
        for a, b in (sorted(e) for e in edges)
    ], columns=["x", "y", "x2", "y2", "a", "b", "shared_count", "programmes_text"])
    chart = None
    if sub.number_of_edges():
        height = ccharts.network_height(sum(1 for p in positions.values() if p[2] == "left"),
                                        sum(1 for p in positions.values() if p[2] == "right"),
                                        len(set(legend.values())))
        chart = charts.spec(ccharts.network(node_rows, edge_rows, _legend_colours(legend), fmt.plain(takeaway),
                                            height))
    nodes_table = pd.DataFrame({
        T.COL_NODE: node_rows["name"], T.COL_KIND: node_rows["kind_label"],
        T.COL_NODE_INITIATIVES: node_rows["initiative_count"], T.COL_NODE_SHARED: node_rows["strength"],
        T.COL_NODE_LINKS: node_rows["links"], T.COL_PROGRAMMES: node_rows["programmes_text"],
    }).sort_values([T.COL_NODE_SHARED, T.COL_NODE], ascending=[False, True], kind="stable").reset_index(drop=True)
    return Network(
        chart=chart, takeaway=takeaway,
        left_out=left_out_sentence(len(areas) - len(shown_areas), len(partners) - len(shown_partners)),
        pairs=pair_rows(g, list(sub.edges)), pair_count=g.number_of_edges(), nodes=nodes_table,
        positions=tuple((n[0], n[1], positions[n][0], positions[n][1]) for n in sorted(shown)),
        area_count=len(areas), linked_area_count=sum(1 for n in linked if n[0] == AREA),
        partner_count=len(partners), linked_count=len(linked),
    )


def _legend_colours(legend: dict[str | None, str]) -> list[tuple[str, str]]:
    """The legend's labels in order with their fills: the coloured
    programmes, then the other programmes, then none."""
    labels = list(dict.fromkeys(legend.values()))
    named = [label for label in labels if label not in (T.OTHER_PROGRAMMES, T.NO_PROGRAMME)]
    found = list(zip(named, ccharts.PROGRAMME_COLOURS, strict=False))
    if T.OTHER_PROGRAMMES in labels:
        found.append((T.OTHER_PROGRAMMES, ccharts.OTHER_PROGRAMMES_FILL))
    if T.NO_PROGRAMME in labels:
        found.append((T.NO_PROGRAMME, ccharts.NO_PROGRAMME_FILL))
    return found
