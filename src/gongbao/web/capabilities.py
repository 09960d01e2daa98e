"""Which pipeline capabilities are installed, found at request time.

The web layer only shows what the stages provide. Structure, search, links, tasks and
rules are built in parallel: each is looked up here (a module and its public verb) so
that a page without one degrades to what ingest gives, and shows the capability as soon
as its module is importable — no redesign, no restart of the lookup logic.

>>> optional("gongbao.store", "document") is not None
True
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any


def optional(module: str, *names: str) -> Callable[..., Any] | None:
    """The first attribute of `names` found in `module`, or None when either is missing.

    Example: ``optional("gongbao.search", "search")`` → the search verb, or None before
    the search stage lands.
    """
    try:
        found = importlib.import_module(module)
    except ImportError:
        return None
    for name in names:
        value = getattr(found, name, None)
        if value is not None:
            return value
    return None


def search_verb() -> Callable[..., Any] | None:
    """`gongbao.search.search(conn, query, …)` → hits."""
    return optional("gongbao.search", "search")


def status_verb() -> Callable[..., Any] | None:
    """`gongbao.status.status(record, on, corpus)`: the status of a document on a date."""
    return optional("gongbao.status", "status")


def corpus_class() -> Any | None:
    """`gongbao.status.Corpus`: the stored records indexed for resolution (`from_records`)."""
    return optional("gongbao.status", "Corpus")


def graph_verb() -> Callable[..., Any] | None:
    """`gongbao.status.citation_graph(corpus)` → networkx MultiDiGraph (cites, repeals)."""
    return optional("gongbao.status", "citation_graph")


def board_verb() -> Callable[..., Any] | None:
    """`gongbao.board.board(records, unit=…, due_before=…, overdue_on=…)` → rows."""
    return optional("gongbao.board", "board")


def board_export(fmt: str) -> Callable[..., Any] | None:
    """`gongbao.board.to_csv(rows)` / `to_ics(rows)`."""
    return optional("gongbao.board", {"csv": "to_csv", "ics": "to_ics"}[fmt])


def rules_module() -> Any | None:
    """The rules package's public API (`list_policies`, `calculate`, `rules_for_document`)."""
    for name in ("gongbao.rules.api", "gongbao.rules"):
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        if hasattr(module, "list_policies") and hasattr(module, "calculate"):
            return module
    return None


def available() -> dict[str, bool]:
    """What each page can show now: {"search": True, "links": False, …}."""
    return {
        "search": search_verb() is not None,
        "links": status_verb() is not None,
        "graph": graph_verb() is not None,
        "tasks": board_verb() is not None,
        "rules": rules_module() is not None,
    }
