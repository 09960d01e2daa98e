"""Benchmark of ingest: read, clean and segment the bundled corpus, and a corpus 20× as large.

`run()` returns the markdown section that `bench/run.py` writes into docs/benchmarks.md.
Times are CPU time of this process (`time.process_time`), the best of several runs: other
work on a shared machine then disturbs them least. Peak memory is measured in a separate pass
under tracemalloc, which slows the code it traces.

    $ .venv/bin/python bench/ingest_bench.py
"""

from __future__ import annotations

import re
import time
import tracemalloc
from collections.abc import Callable

from gongbao.clean import clean
from gongbao.config import BUNDLED_CORPUS
from gongbao.read import decode_gazette
from gongbao.segment import segment

RUNS = 5
RUNS_LARGE = 2
SCALE = 20

# 〔2018〕43号 / 第 245 号: the serial of a document number, shifted to make each copy distinct.
_SERIAL = re.compile(r"(?P<head>(?:〔\s*(?:19|20)\d{2}\s*〕|第)\s*)(?P<serial>\d{1,3})(?P<tail>\s*号)")


def corpus() -> list[tuple[str, bytes]]:
    """The bundled issues as (name, bytes)."""
    return [(p.stem, p.read_bytes()) for p in sorted(BUNDLED_CORPUS.glob("*.txt"))]


def scaled_corpus(issues: list[tuple[str, bytes]], copies: int) -> list[tuple[str, bytes]]:
    """`copies` copies of every issue, each copy's document numbers shifted by 1000 × copy.

    >>> [name for name, _ in scaled_corpus([("2018-09", "郑政〔2018〕43号".encode())], 2)]
    ['2018-09-c00', '2018-09-c01']
    """
    out = []
    for copy in range(copies):
        for name, data in issues:
            text = _SERIAL.sub(
                lambda m, c=copy: f"{m['head']}{int(m['serial']) + 1000 * c}{m['tail']}",
                data.decode("utf-8"),
            )
            out.append((f"{name}-c{copy:02d}", text.encode("utf-8")))
    return out


def _stages(issues: list[tuple[str, bytes]], ids: list[str] | None = None) -> dict[str, float]:
    """CPU seconds spent in each stage for one pass over `issues` (document ids into `ids`)."""
    spent = {"read": 0.0, "clean": 0.0, "segment": 0.0}
    clock = time.process_time
    for name, data in issues:
        t0 = clock()
        text = decode_gazette(data, f"{name}.txt")
        t1 = clock()
        lines = clean(text, f"{name}.txt", name)
        t2 = clock()
        documents = segment(lines, name)
        t3 = clock()
        spent["read"] += t1 - t0
        spent["clean"] += t2 - t1
        spent["segment"] += t3 - t2
        if ids is not None:
            ids.extend(d.id for d in documents)
    return spent


def best_of(runs: int, issues: list[tuple[str, bytes]], ids: list[str]) -> dict[str, float]:
    """Per stage, the fastest of `runs` passes; `total` is the fastest whole pass."""
    passes = [_stages(issues, ids if n == 0 else None) for n in range(runs)]
    best = {stage: min(p[stage] for p in passes) for stage in passes[0]}
    best["total"] = min(sum(p.values()) for p in passes)
    return best


def peak_memory(work: Callable[[], object]) -> int:
    """Peak bytes allocated by Python while `work` runs."""
    tracemalloc.start()
    try:
        work()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:,.0f} ms"


def _mb(n: int) -> str:
    return f"{n / 1e6:,.1f} MB"


def run() -> str:
    issues = corpus()
    large = scaled_corpus(issues, SCALE)
    size, large_size = sum(len(d) for _, d in issues), sum(len(d) for _, d in large)
    lines = sum(d.count(b"\n") + 1 for _, d in issues)
    small_ids: list[str] = []
    large_ids: list[str] = []
    small_time = best_of(RUNS, issues, small_ids)
    large_time = best_of(RUNS_LARGE, large, large_ids)
    documents, large_documents, large_distinct = len(small_ids), len(large_ids), len(set(large_ids))
    small_peak = peak_memory(lambda: _stages(issues))
    large_peak = peak_memory(lambda: _stages(large))
    growth = large_time["total"] / small_time["total"]

    rows = [
        "| stage | bundled corpus | 20× corpus | 20× / 1× |",
        "|---|---:|---:|---:|",
    ]
    for stage in ("read", "clean", "segment", "total"):
        ratio = large_time[stage] / small_time[stage] if small_time[stage] else float("nan")
        label = "**read + clean + segment**" if stage == "total" else stage
        rows.append(f"| {label} | {_ms(small_time[stage])} | {_ms(large_time[stage])} | {ratio:.1f} |")
    rows.append(f"| peak memory (tracemalloc) | {_mb(small_peak)} | {_mb(large_peak)} | {large_peak / small_peak:.1f} |")

    target = "meets" if small_time["total"] < 1.0 else "MISSES"
    linear = "linear" if 0.8 * SCALE <= growth <= 1.25 * SCALE else "NOT linear"
    return "\n".join(
        [
            "## Ingest: read, clean, segment",
            "",
            f"Bundled corpus: {len(issues)} issues, {_mb(size)}, {lines:,} lines, {documents} documents "
            f"(106 + 2 forwarded texts). The 20× corpus is {len(large)} issues, {_mb(large_size)}, "
            f"made of {SCALE} copies of each issue with every document number shifted by 1000 × copy: "
            f"{large_documents:,} documents, {large_distinct:,} distinct ids. Times are CPU times, best of "
            f"{RUNS} passes ({RUNS_LARGE} for 20×), each issue parsed on its own as `gongbao ingest` does; "
            "peak memory is measured in a separate traced pass.",
            "",
            *rows,
            "",
            f"The whole bundled corpus takes {_ms(small_time['total'])}: this {target} the target of "
            f"under 1 s. Twenty times the text takes {growth:.1f}× the time: growth is {linear}. "
            f"Throughput: {size / 1e6 / small_time['total']:.1f} MB/s.",
            "",
        ]
    )


if __name__ == "__main__":
    print(run())
