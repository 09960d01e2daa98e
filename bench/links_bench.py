"""Benchmark of the links stage: finding citations, repeals and effect over the bundled
corpus, and computing every document's status on a date.

`run()` returns the markdown section that `bench/run.py` writes into docs/benchmarks.md.
Times are the best of several runs.

    $ .venv/bin/python bench/links_bench.py
"""

from __future__ import annotations

from datetime import date

from timing import best_seconds

from gongbao.links import link_keys
from gongbao.pipeline import bundled_issues, document_record
from gongbao.status import Corpus, citation_graph, status


def run() -> str:
    documents = [d for issue in bundled_issues() for d in issue.documents]
    records = [document_record(d) for d in documents]
    extract = best_seconds(lambda: [link_keys(d) for d in documents])
    corpus = Corpus.from_records(records)
    on = date(2020, 1, 1)
    statuses = best_seconds(lambda: [status(r, on, Corpus.from_records(records)) for r in records[:1]]
                     + [status(r, on, corpus) for r in records])
    graph_time = best_seconds(lambda: citation_graph(corpus))
    graph = citation_graph(corpus)
    citations = sum(len(r["citations"]) for r in records)
    return "\n".join([
        "## Links (citations, repeals, effect, status)",
        "",
        f"Bundled corpus: {len(documents)} documents, {citations} citations, "
        f"graph of {graph.number_of_nodes()} nodes and {graph.number_of_edges()} edges.",
        "",
        "| step | best of 3 |",
        "|---|---|",
        f"| find citations, law references, repeals, effect (all documents) | {extract * 1000:.0f} ms |",
        f"| index the corpus and compute every status on {on} | {statuses * 1000:.0f} ms |",
        f"| build the citation graph | {graph_time * 1000:.0f} ms |",
        "",
    ])


if __name__ == "__main__":
    print(run())
