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


def layout(graph: dict[str, Any]) -> dict[str, tuple[float, float]]:
    """Node positions: x by issue column (external first), y by order within the column."""
    columns: dict[str, list[str]] = {}
    for node in graph["nodes"]:
        column = "" if node.get("external") else (node.get("issue") or "")
        columns.setdefault(column, []).append(node["id"])
    positions: dict[str, tuple[float, float]] = {}
    for x_index, column in enumerate(sorted(columns)):
        for y_index, node_id in enumerate(columns[column]):
            positions[node_id] = (
                MARGIN_LEFT + x_index * COLUMN_WIDTH + NODE_RADIUS,
                MARGIN_TOP + y_index * ROW_HEIGHT,
            )
    return positions


def render_svg(graph: dict[str, Any]) -> str:
    """The graph as a standalone SVG element (all labels escaped)."""
    positions = layout(graph)
    column_names = sorted({"" if n.get("external") else (n.get("issue") or "") for n in graph["nodes"]})
    rows = max((sum(1 for n in graph["nodes"] if ("" if n.get("external") else n.get("issue") or "") == c)
                for c in column_names), default=0)
    width = MARGIN_LEFT * 2 + max(1, len(column_names)) * COLUMN_WIDTH
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
    for x_index, column in enumerate(column_names):
        x = MARGIN_LEFT + x_index * COLUMN_WIDTH
        parts.append(f'<text class="column" x="{x}" y="24">{escape(column or "库外文件")}</text>')
    for edge in graph["edges"]:
        if edge["source"] not in positions or edge["target"] not in positions:
            continue
        (x1, y1), (x2, y2) = positions[edge["source"]], positions[edge["target"]]
        color, dash = EDGE_STYLE.get(edge["kind"], EDGE_STYLE["cites"])
        bend = 40 if x1 == x2 else 0
        path = f"M{x1:.0f},{y1:.0f} C{x1 - bend - (x1 - x2) / 2:.0f},{y1:.0f} {x2 - bend + (x1 - x2) / 2:.0f},{y2:.0f} {x2:.0f},{y2:.0f}"
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


def _shorten(text: str, size: int) -> str:
    return text if len(text) <= size else text[: size - 1] + "…"
