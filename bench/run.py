"""`make bench`: run every benchmark and write docs/benchmarks.md.

The ingest benchmark (`bench/ingest_bench.py`) comes first; then every other
`bench/*_bench.py` module, in name order. Each exposes `run() -> str`, a markdown section. A
section that fails is reported in the page (with its error) without stopping the others.

    $ .venv/bin/python bench/run.py            # writes docs/benchmarks.md
    $ .venv/bin/python bench/run.py --out -    # prints the page instead
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.util
import os
import platform
import sys
import time
import traceback
from datetime import date
from pathlib import Path
from types import ModuleType

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
FIRST = "ingest_bench"


def machine() -> list[str]:
    """The machine the numbers were measured on: CPU model, cores, memory, Python, date."""
    cpu = platform.processor() or platform.machine()
    # /proc is Linux-only; elsewhere the page says what the platform module knows.
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    memory = "unknown"
    with contextlib.suppress(OSError):
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                memory = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
                break
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return [
        f"- CPU: {cpu}, {cores} cores available",
        f"- Memory: {memory}",
        f"- Python: {platform.python_version()} ({platform.python_implementation()}), {platform.system()} {platform.release()}",
        f"- Date: {date.today().isoformat()}",
    ]


def bench_modules() -> list[Path]:
    """`ingest_bench.py` first, then the other `*_bench.py` files by name."""
    found = sorted(BENCH.glob("*_bench.py"))
    return sorted(found, key=lambda p: (p.stem != FIRST, p.stem))


def _load(path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"bench_{path.stem}", path)
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot load {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def section(path: Path) -> tuple[str, float, bool]:
    """Run one benchmark module: (markdown, seconds, succeeded)."""
    start = time.perf_counter()
    try:
        text = _load(path).run()
        if not isinstance(text, str):
            raise TypeError(f"run() returned {type(text).__name__}, not a markdown str")
        return text.rstrip() + "\n", time.perf_counter() - start, True
    except Exception:  # a broken benchmark is reported, the others still run
        error = traceback.format_exc(limit=4)
        text = f"## {path.stem} — failed\n\n`bench/{path.name}` raised:\n\n```\n{error.rstrip()}\n```\n"
        return text, time.perf_counter() - start, False


def page(sections: list[str]) -> str:
    return "\n".join(
        [
            "# Benchmarks",
            "",
            "Written by `make bench` (`bench/run.py`); do not edit by hand. Each section comes from",
            "a `bench/*_bench.py` module.",
            "",
            "## Machine",
            "",
            *machine(),
            "",
            *sections,
        ]
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(ROOT / "docs" / "benchmarks.md"), help="output file, or - for stdout")
    args = parser.parse_args(argv)
    sections, failures = [], 0
    for path in bench_modules():
        print(f"running {path.name} …", file=sys.stderr, flush=True)
        text, seconds, ok = section(path)
        failures += not ok
        print(f"  {'done' if ok else 'FAILED'} in {seconds:.1f} s", file=sys.stderr, flush=True)
        sections.append(text)
    content = page(sections)
    if args.out == "-":
        print(content)
    else:
        out = Path(args.out)
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(content, encoding="utf-8")
        print(f"wrote {out}" + (f" ({failures} section(s) failed)" if failures else ""), file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
