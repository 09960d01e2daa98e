"""Benchmark: time to structure the whole bundled corpus, next to the time to ingest it."""

from __future__ import annotations

from timing import best_seconds

from gongbao.akn import to_akn, validate
from gongbao.config import BUNDLED_CORPUS
from gongbao.pipeline import ingest_file
from gongbao.structure import structure, structure_keys


def run() -> str:
    """A markdown section with the timings and the corpus counts."""
    files = sorted(BUNDLED_CORPUS.glob("*.txt"))
    issues = [ingest_file(path) for path in files]
    documents = [d for issue in issues for d in issue.documents]
    ingest_s = best_seconds(lambda: [ingest_file(path) for path in files], runs=1)
    structure_s = best_seconds(lambda: [structure(d) for d in documents])
    keys = [structure_keys(d) for d in documents]
    nodes = sum(1 for k in keys for top in k["provisions"] for _ in _walk(top))
    tables = sum(len(k["tables"]) for k in keys)
    flagged = sum(1 for k in keys for t in k["tables"] if "not reconstructed" in t["flags"])
    records = [
        {"id": d.id, "doc_no": str(d.doc_no) if d.doc_no else None, "doc_no_parts": d.doc_no.to_dict() if d.doc_no else None,
         "date": d.date.isoformat() if d.date else None, "issuer": d.issuer, "genre": d.genre, "title": d.title,
         "source": d.source.to_dict(), "lines": [{"text": ln.text} for ln in d.lines], **k}
        for d, k in zip(documents, keys, strict=True)
    ]
    akn_s = best_seconds(lambda: [to_akn(r) for r in records])
    invalid = sum(1 for r in records if validate(to_akn(r)))
    return "\n".join(
        [
            "## Structure",
            "",
            f"Bundled corpus: {len(files)} issues, {len(documents)} documents, {nodes} provisions, "
            f"{tables} tables ({flagged} flagged not reconstructed), {invalid} documents failing the AKN schema.",
            "",
            "| step | seconds |",
            "|---|---|",
            f"| ingest (read, clean, segment) | {ingest_s:.2f} |",
            f"| structure the whole corpus (best of 3) | {structure_s:.2f} |",
            f"| write AKN XML for every document (best of 3) | {akn_s:.2f} |",
            "",
            "Target: structure adds under 1 s to ingest.",
        ]
    )


def _walk(node: dict):
    yield node
    for child in node["children"]:
        yield from _walk(child)


if __name__ == "__main__":
    print(run())
