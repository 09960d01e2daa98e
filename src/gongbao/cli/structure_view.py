"""Printing a document's provision tree for `gongbao show --toc / --eid` and writing AKN files."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from gongbao.akn import akn_file_name, to_akn_bytes
from gongbao.cli.app import console, fail
from gongbao.structure import find_provision


def _label(node: dict[str, Any]) -> str:
    label = " ".join(p for p in (node["num"], node["heading"]) if p)
    if not label:
        label = (node["text"].split("\n")[0])[:30] + ("…" if len(node["text"]) > 30 else "")
    flags = f"  [{'; '.join(node['flags'])}]" if node["flags"] else ""
    return f"{label}{flags}"


def print_toc(record: dict[str, Any]) -> None:
    """The outline: one line per numbered node (paragraphs and tables left out), with its eId."""

    def walk(nodes: list[dict[str, Any]], depth: int) -> None:
        for node in nodes:
            if node["kind"] in ("paragraph", "table") or (node["kind"] == "point" and not node["heading"] and depth > 3):
                continue
            console.print(f"{'  ' * depth}{_label(node)}  [dim]{node['eid']}[/]", highlight=False)
            walk(node["children"], depth + 1)

    console.print(f"[bold]{record['title']}[/]  [dim]{record.get('work_uri', '')}[/]", highlight=False)
    walk(record.get("provisions") or [], 0)


def _text(node: dict[str, Any]) -> str:
    first = " ".join(p for p in (node["num"], node["heading"], node["text"]) if p)
    parts = [first] if first else []
    parts.extend(_text(child) for child in node["children"])
    return "\n".join(p for p in parts if p)


def print_provision(record: dict[str, Any], eid: str) -> None:
    """One provision with everything under it, its URI and its source lines."""
    node = find_provision(record.get("provisions") or [], eid)
    if node is None:
        raise fail(f"{record['id']} has no provision {eid!r}; see `gongbao show {record['id']} --toc`")
    span = node["span"]
    console.print(f"[bold]{record.get('work_uri', '')}/~{node['eid']}[/]", highlight=False)
    console.print(f"来源: {record['source']['file']} lines {span['line_start']}–{span['line_end']}", highlight=False)
    if node["flags"]:
        console.print("flags: " + "; ".join(node["flags"]), highlight=False)
    console.print()
    console.print(_text(node), highlight=False, markup=False)


def write_akn(records: list[dict[str, Any]], out: Path) -> int:
    """One Akoma Ntoso XML file per record in folder `out`; returns how many were written."""
    out.mkdir(parents=True, exist_ok=True)
    for record in records:
        (out / akn_file_name(record)).write_bytes(to_akn_bytes(record))
    return len(records)
