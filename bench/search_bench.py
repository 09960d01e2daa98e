"""Benchmark of search: index time, query latency at 1× and 100× the bundled corpus, next to
`grep -r` (and ripgrep when installed) over the same text files, and labelled-set accuracy.

`run()` returns the markdown section that `bench/run.py` writes into docs/benchmarks.md.
The 100× corpus is generated in a temporary folder from the bundled issues: every copy
shifts the serial of each document number by 1000 × copy, so all numbers are distinct.

    $ .venv/bin/python bench/search_bench.py
"""

from __future__ import annotations

import re
import shutil
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

import yaml

from gongbao import search as search_stage
from gongbao import store
from gongbao.config import BUNDLED_CORPUS, PROJECT_ROOT
from gongbao.pipeline import parse_issue

SCALE = 100
REPEATS = 3
QUERIES = Path(__file__).parent / "queries.txt"
LABELLED = PROJECT_ROOT / "tests" / "fixtures" / "search_queries.yaml"

# 〔2018〕43号 / 令第245号: the serial of a document number, shifted to make each copy distinct.
_SERIAL = re.compile(r"(?P<head>(?:〔\s*(?:19|20)\d{2}\s*〕|令\s*第)\s*)(?P<serial>\d{1,3})(?P<tail>\s*号)")


def queries() -> list[str]:
    lines = QUERIES.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def write_scaled_corpus(folder: Path, copies: int) -> list[Path]:
    """`copies` copies of every bundled issue in `folder`, numbers shifted per copy.

    Copy 0 is the bundled issue itself.
    """
    files = []
    for source in sorted(BUNDLED_CORPUS.glob("*.txt")):
        text = source.read_text(encoding="utf-8")
        for copy in range(copies):
            shifted = _SERIAL.sub(lambda m, c=copy: f"{m['head']}{int(m['serial']) + 1000 * c}{m['tail']}", text)
            path = folder / f"{source.stem}-c{copy:03d}.txt"
            path.write_text(shifted, encoding="utf-8")
            files.append(path)
    return files


def ingest(db: Path, files: list[Path]) -> tuple[float, int]:
    """Seconds to parse, store and index `files`; the number of indexed units.

    As `gongbao ingest FOLDER` does: every file parsed, then one batch (`store.save_issues`),
    so the user dictionary of the whole batch is known before any issue is cut.
    """
    start = time.perf_counter()
    conn = store.connect(db)
    store.save_issues(conn, [parse_issue(path.read_bytes(), path.name, path.stem) for path in files])
    elapsed = time.perf_counter() - start
    units = search_stage.index_size(conn)
    conn.close()
    return elapsed, units


def percentiles(samples: list[float]) -> tuple[float, float, float]:
    """p50, p95, p99 in milliseconds."""
    cuts = statistics.quantiles(samples, n=100, method="inclusive")
    return cuts[49] * 1000, cuts[94] * 1000, cuts[98] * 1000


def search_latency(db: Path, texts: list[str]) -> list[float]:
    conn = store.connect(db)
    for text in texts:  # warm the caches (jieba, SQLite pages) once
        search_stage.search(conn, text)
    samples = []
    for _ in range(REPEATS):
        for text in texts:
            start = time.perf_counter()
            search_stage.search(conn, text)
            samples.append(time.perf_counter() - start)
    conn.close()
    return samples


def tool_latency(command: list[str], folder: Path, texts: list[str], repeats: int) -> list[float]:
    """What a user would otherwise run: the query's first word, fixed string, recursively."""
    samples = []
    for _ in range(repeats):
        for text in texts:
            word = text.strip('"').split()[0].lstrip("-") or text
            start = time.perf_counter()
            subprocess.run([*command, word, str(folder)], capture_output=True, check=False)
            samples.append(time.perf_counter() - start)
    return samples


def run() -> str:
    texts = queries()
    cases = yaml.safe_load(LABELLED.read_text(encoding="utf-8"))
    rows: list[str] = []
    workdir = Path(tempfile.mkdtemp(prefix="gongbao-search-bench-"))
    try:
        for scale in (1, SCALE):
            folder = workdir / f"x{scale}"
            folder.mkdir()
            files = write_scaled_corpus(folder, scale)
            size = sum(p.stat().st_size for p in files) / 1e6
            db = workdir / f"x{scale}.sqlite3"
            seconds, units = ingest(db, files)
            p50, p95, p99 = percentiles(search_latency(db, texts))
            rows.append(f"| gongbao search | {scale}× | {size:.1f} MB | {units} | {seconds:.1f} s | "
                        f"{p50:.1f} | {p95:.1f} | {p99:.1f} |")
            tools = [("grep -rlF", ["grep", "-r", "-l", "-F"])]
            if shutil.which("rg"):
                tools.append(("rg -lF", ["rg", "-l", "-F"]))
            for label, command in tools:
                g50, g95, g99 = percentiles(tool_latency(command, folder, texts, 1 if scale > 1 else REPEATS))
                rows.append(f"| {label} | {scale}× | {size:.1f} MB | — | — | {g50:.1f} | {g95:.1f} | {g99:.1f} |")
            if scale == 1:
                conn = store.connect(db)
                top1, top5, misses = search_stage.evaluate(conn, cases)
                conn.close()
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    lines = [
        "## Search",
        "",
        f"{len(texts)} queries from `bench/queries.txt`, each run {REPEATS}× after one warm-up pass; "
        "latency per query in ms. `gongbao search` ranks provisions with BM25 and groups them by document; "
        "grep/ripgrep only list the files holding the query's first word (no ranking, no provisions, "
        "no variants). Ingest time covers read, clean, segment, structure, links, store and index; "
        "each corpus is loaded the way a user loads a folder (`gongbao ingest DIR`: one batch, "
        "`store.save_issues`), so no dictionary word is left `late`.",
        "",
        "| engine | corpus | text | units indexed | ingest + index | p50 | p95 | p99 |",
        "|---|---|---|---|---|---|---|---|",
        *rows,
        "",
        f"Relevance on the labelled set (`tests/fixtures/search_queries.yaml`, {len(cases)} queries): "
        f"top-1 {top1:.2f}, top-5 {top5:.2f}. Targets: p95 < 20 ms at 1×, < 100 ms at {SCALE}×.",
    ]
    if misses:
        lines += ["", "Missed at top 1:", *[f"- {m}" for m in misses]]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    print(run())
