"""Stage *links*: the keys the link finders add to a document's export record.

One call in `pipeline.document_record` adds them: `citations`, `law_references`, `repeals`
and `effect` (see `citations`, `repeals`, `effect`). Facts that need the whole corpus —
what resolves to what, who cites a document, its status on a date — are computed at read
time by `status`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from gongbao.citations import find_citations, find_law_references
from gongbao.effect import find_effect
from gongbao.models import Document
from gongbao.repeals import find_repeals


def link_keys(document: Document, provisions: Iterable[Mapping[str, Any]] | None = None) -> dict[str, Any]:
    """The link keys of one document's export record.

    Args:
        document: a segmented document.
        provisions: the `provisions` already in its record (structure stage), if any, so
            that every citation and repeal carries the `eid` of the provision holding it.

    Returns:
        {"citations": [...], "law_references": [...], "repeals": [...], "effect": {...}}.
        For 郑政〔2017〕34号: effect.effective_from "2017-11-01", valid_until "2019-10-31".
    """
    provisions = list(provisions or [])
    return {
        "citations": [c.to_dict() for c in find_citations(document, provisions)],
        "law_references": [r.to_dict() for r in find_law_references(document, provisions)],
        "repeals": [r.to_dict() for r in find_repeals(document, provisions)],
        "effect": find_effect(document).to_dict(),
    }
