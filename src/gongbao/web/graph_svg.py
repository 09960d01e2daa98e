"""The citation graph drawn on the server as SVG: no JavaScript library, no network.

Layout reads as a time line: one column per gazette issue in date order (cited documents
outside the corpus in a first column, 库外文件), documents stacked in printed order, so a
citation usually points left to an older document. Each node links to its document page.

>>> svg = render_svg({"nodes": [{"id": "a", "label": "郑政〔2017〕34号", "title": "t", "issue": "2017-10",
...                   "status": None, "external": False}], "edges": []})
>>> svg.startswith("<svg") and "郑政〔2017〕34号" in svg
True
"""

from __future__ import annotations

from html import escape
from typing import Any
from urllib.parse import quote

COLUMN_WIDTH = 230
ROW_HEIGHT = 30
MARGIN_TOP = 56
MARGIN_LEFT = 20
NODE_RADIUS = 6

EDGE_STYLE = {
    "cites": ("#5b6b7a", ""),
    "repeals": ("#b3261e", ""),
    "forwards": ("#1f6feb", "4 3"),
}
# `gongbao.models.links.State` values → node colour classes.
STATUS_CLASS = {"in force": "ok", "not yet in force": "ok", "expired": "old", "repealed": "gone"}


def _columns(graph: dict[str, Any]) -> list[tuple[str, list[str]]]:
    """Columns in reading order: for each issue, the outside documents it cites first, then
    the issue's own documents (printed order). Outside documents are sorted by the mean row
    of the documents citing them, so that most edges stay short and level.
    """
    issues = sorted({n["issue"] for n in graph["nodes"] if not n.get("external") and n.get("issue")})
    rank = {issue: i for i, issue in enumerate(issues)}
    own: dict[str, list[str]] = {issue: [] for issue in issues}
    issue_of: dict[str, str] = {}
    for node in graph["nodes"]:
        if not node.get("external") and node.get("issue"):
            own[node["issue"]].append(node["id"])
            issue_of[node["id"]] = node["issue"]
    row = {node_id: i for ids in own.values() for i, node_id in enumerate(ids)}
    citing: dict[str, list[str]] = {}
    for edge in graph["edges"]:
        citing.setdefault(edge["target"], []).append(edge["source"])
    outside: dict[str, list[str]] = {issue: [] for issue in issues}
    for node in graph["nodes"]:
        if node.get("external") or not node.get("issue"):
            sources = [s for s in citing.get(node["id"], []) if s in issue_of]
            first = min((issue_of[s] for s in sources), key=rank.get, default=issues[0] if issues else "")
            outside.setdefault(first, []).append(node["id"])
    columns: list[tuple[str, list[str]]] = []
    for issue in issues or list(outside):
        cited = outside.get(issue, [])
        if cited:
            def mean_row(node_id: str, issue: str = issue) -> float:
                rows = [row[s] for s in citing.get(node_id, []) if issue_of.get(s) == issue]
                return sum(rows) / len(rows) if rows else float("inf")

            columns.append((f"{issue} 引用的库外文件", sorted(cited, key=mean_row)))
        if own.get(issue):
            columns.append((issue, own[issue]))
    return columns


def layout(graph: dict[str, Any]) -> dict[str, tuple[float, float]]:
    """Node positions: x by column (see `_columns`), y by order within the column."""
    positions: dict[str, tuple[float, float]] = {}
    for x_index, (_name, ids) in enumerate(_columns(graph)):
        for y_index, node_id in enumerate(ids):
            positions[node_id] = (
                MARGIN_LEFT + x_index * COLUMN_WIDTH + NODE_RADIUS,
                MARGIN_TOP + y_index * ROW_HEIGHT,
            )
    return positions


def render_svg(graph: dict[str, Any]) -> str:
    """The graph as a standalone SVG element (all labels escaped)."""
    columns = _columns(graph)
    positions = layout(graph)
    rows = max((len(ids) for _name, ids in columns), default=0)
    width = MARGIN_LEFT * 2 + max(1, len(columns)) * COLUMN_WIDTH
    height = MARGIN_TOP + rows * ROW_HEIGHT + 20
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="graph" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-label="文件引用关系图">',
        '<defs>',
    ]
    for kind, (color, _dash) in EDGE_STYLE.items():
        parts.append(
            f'<marker id="arrow-{kind}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" '
            f'markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="{color}"/></marker>'
        )
    parts.append('</defs>')
    for x_index, (name, _ids) in enumerate(columns):
        x = MARGIN_LEFT + x_index * COLUMN_WIDTH
        css = "column outside" if "库外" in name else "column"
        parts.append(f'<text class="{css}" x="{x}" y="24">{escape(name)}</text>')
    labels = {n["id"]: _shorten(n["label"], 16) for n in graph["nodes"]}
    for edge in graph["edges"]:
        if edge["source"] not in positions or edge["target"] not in positions:
            continue
        (x1, y1), (x2, y2) = positions[edge["source"]], positions[edge["target"]]
        color, dash = EDGE_STYLE.get(edge["kind"], EDGE_STYLE["cites"])
        path = _edge_path(x1, y1, x2, y2, labels.get(edge["target"], ""))
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        parts.append(
            f'<path class="edge {edge["kind"]}" data-source="{escape(edge["source"])}" '
            f'data-target="{escape(edge["target"])}" d="{path}" stroke="{color}"{dash_attr} '
            f'fill="none" marker-end="url(#arrow-{edge["kind"]})"/>'
        )
    for node in graph["nodes"]:
        x, y = positions[node["id"]]
        css = "node external" if node.get("external") else f"node {STATUS_CLASS.get(node.get('status') or '', '')}"
        label = escape(_shorten(node["label"], 16))
        tooltip = escape(node["title"])
        shape = (f'<circle cx="{x:.0f}" cy="{y:.0f}" r="{NODE_RADIUS}"/>'
                 f'<text x="{x + 11:.0f}" y="{y + 5:.0f}">{label}</text><title>{tooltip}</title>')
        if node.get("external"):
            parts.append(f'<g class="{css}" data-id="{escape(node["id"])}">{shape}</g>')
        else:
            href = "/documents/" + quote(node["id"])
            parts.append(f'<a href="{escape(href)}" class="{css}" data-id="{escape(node["id"])}">{shape}</a>')
    parts.append("</svg>")
    return "\n".join(parts)


def _text_width(text: str) -> float:
    """Rough width of a 12px label: CJK characters are square, Latin digits about half."""
    return sum(12 if ord(c) > 0x2E80 else 7 for c in text)


def _edge_path(x1: float, y1: float, x2: float, y2: float, target_label: str) -> str:
    """A cubic curve from the left of the source node to the end of the target's label
    (targets sit in columns to the left); within one column, a loop out to the left.
    """
    start = x1 - NODE_RADIUS
    if abs(x1 - x2) < 1:
        end = x2 - NODE_RADIUS
        return f"M{start:.0f},{y1:.0f} C{start - 45:.0f},{y1:.0f} {end - 45:.0f},{y2:.0f} {end:.0f},{y2:.0f}"
    end = x2 + 14 + _text_width(target_label) if x2 < x1 else x2 - NODE_RADIUS
    middle = (start + end) / 2
    return f"M{start:.0f},{y1:.0f} C{middle:.0f},{y1:.0f} {middle:.0f},{y2:.0f} {end:.0f},{y2:.0f}"


def _shorten(text: str, size: int) -> str:
    return text if len(text) <= size else text[: size - 1] + "…"
