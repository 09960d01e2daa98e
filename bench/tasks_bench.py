"""Benchmark of the tasks stage: deriving every task of the bundled corpus, building a
unit's board and writing its iCalendar file.

`run()` returns the markdown section that `bench/run.py` writes into docs/benchmarks.md.
Times are the best of several runs.

    $ .venv/bin/python bench/tasks_bench.py
"""

from __future__ import annotations

from collections import Counter

from timing import best_seconds

from gongbao.board import board, to_ics
from gongbao.pipeline import bundled_issues, document_record
from gongbao.tasks import derive_tasks


def run() -> str:
    documents = [d for issue in bundled_issues() for d in issue.documents]
    records = [document_record(d) for d in documents]
    tasks = [t for d in documents for t in derive_tasks(d)]
    formats = Counter(t.format for t in tasks)
    derive = best_seconds(lambda: [derive_tasks(d) for d in documents])
    rows = board(records, unit="市财政局")
    board_time = best_seconds(lambda: board(records, unit="市财政局"))
    ics_time = best_seconds(lambda: to_ics(rows))
    lines = [
        "## Tasks",
        "",
        f"- {len(tasks)} tasks in {len({t.document_id for t in tasks})} of {len(documents)} documents "
        f"({', '.join(f'{k} {v}' for k, v in formats.most_common())}).",
        f"- `derive_tasks` over the corpus: {derive * 1000:.0f} ms "
        f"({derive / max(1, len(documents)) * 1000:.2f} ms a document).",
        f"- Board of 市财政局 ({len(rows)} tasks): {board_time * 1000:.1f} ms; its iCalendar file: "
        f"{ics_time * 1000:.1f} ms.",
        "",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    print(run())
