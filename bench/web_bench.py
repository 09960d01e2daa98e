"""Benchmark of the web application: latency under 20 concurrent clients on loopback.

A real `gongbao serve` runs in a subprocess on a free port of 127.0.0.1, over a temporary
store holding the bundled corpus. A load generator in this process (20 threads, each with
its own keep-alive httpx client) requests the document page and the search API in turn,
a fixed number of requests per client, stopping early at a time limit. Latency is wall
time per request as the client sees it; p50/p95 are over all requests of one endpoint.

    $ .venv/bin/python bench/web_bench.py
"""

from __future__ import annotations

import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import quote

import httpx

CLIENTS = 20
REQUESTS_PER_CLIENT = 40  # per endpoint and scenario
TIME_LIMIT = 60.0  # seconds per scenario
# Scenarios: (name, seconds between the starts of a client's requests; 0 = back to back).
# Back to back measures the server saturated; paced clients (a person reading, clicking
# every few hundred ms) measure latency at a load the server can keep up with.
SCENARIOS = (("saturated: no pause between requests", 0.0), ("paced: each client starts a request every 0.5 s", 0.5))
QUERIES_FILE = Path(__file__).with_name("queries.txt")
GONGBAO = Path(sys.executable).with_name("gongbao")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _queries() -> list[str]:
    lines = QUERIES_FILE.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def _start_server(db: Path, port: int) -> subprocess.Popen:
    env = {**os.environ, "GONGBAO_ADMIN_TOKEN": ""}
    process = subprocess.Popen(
        [str(GONGBAO), "serve", "--host", "127.0.0.1", "--port", str(port), "--db", str(db)],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 180  # the first start ingests the corpus
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("gongbao serve exited: " + process.stderr.read().decode(errors="replace")[-2000:])
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/issues", timeout=2).status_code == 200:
                return process
        except httpx.HTTPError:
            time.sleep(0.2)
    process.kill()
    raise RuntimeError("gongbao serve did not answer within 180 s")


def _client_loop(base: str, paths: list[str], interval: float, stop_at: float,
                 out: list[tuple[str, float, bool]]) -> None:
    with httpx.Client(base_url=base, timeout=30) as client:
        next_start = time.monotonic()
        for path in paths:
            if interval:
                time.sleep(max(0.0, next_start - time.monotonic()))
                next_start += interval
            if time.monotonic() > stop_at:
                return
            kind = "search API" if path.startswith("/api/search") else "document page"
            start = time.perf_counter()
            try:
                ok = client.get(path).status_code == 200
            except httpx.HTTPError:
                ok = False
            out.append((kind, (time.perf_counter() - start) * 1000, ok))


def _percentile(values: list[float], q: float) -> float:
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1]


def run() -> str:
    workdir = Path(tempfile.mkdtemp(prefix="gongbao-web-bench-"))
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    process = _start_server(workdir / "store.sqlite3", port)
    try:
        ids = [d["id"] for d in httpx.get(f"{base}/api/documents", params={"limit": 100}, timeout=30).json()["items"]]
        queries = _queries()
        # Warm-up: the first search loads the word segmenter, the first page compiles the
        # templates and the status of each document is computed once.
        with httpx.Client(base_url=base, timeout=60) as client:
            client.get("/api/search?q=" + quote(queries[0]))
            for doc_id in ids:
                client.get("/documents/" + quote(doc_id))
        plans = []
        for c in range(CLIENTS):
            plan = []
            for i in range(REQUESTS_PER_CLIENT):
                n = c * REQUESTS_PER_CLIENT + i
                plan.append("/documents/" + quote(ids[n % len(ids)]))
                plan.append("/api/search?q=" + quote(queries[n % len(queries)]))
            plans.append(plan)
        measured = []
        for name, interval in SCENARIOS:
            results: list[tuple[str, float, bool]] = []
            stop_at = time.monotonic() + TIME_LIMIT
            started = time.perf_counter()
            threads = [threading.Thread(target=_client_loop, args=(base, plan, interval, stop_at, results))
                       for plan in plans]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            measured.append((name, results, time.perf_counter() - started))
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
        shutil.rmtree(workdir, ignore_errors=True)
    rows = []
    totals = []
    for name, results, elapsed in measured:
        for kind in ("document page", "search API"):
            latencies = [ms for k, ms, _ in results if k == kind]
            errors = sum(1 for k, _, ok in results if k == kind and not ok)
            rows.append(f"| {name} | {kind} | {len(latencies)} | {errors} | {_percentile(latencies, 50):.1f} | "
                        f"{_percentile(latencies, 95):.1f} | {max(latencies):.1f} |")
        totals.append(f"{name}: {len(results)} requests in {elapsed:.1f} s ({len(results) / elapsed:.0f} requests/s)")
    return "\n".join([
        "## Web application",
        "",
        f"`gongbao serve` (uvicorn, one process) on 127.0.0.1 with the bundled corpus; {CLIENTS} concurrent "
        f"clients (threads of this process, each with a keep-alive httpx connection) alternate a document page "
        f"(`/documents/{{id}}`, {len(ids)} documents in turn) and a search (`/api/search?q=`, "
        f"{len(queries)} queries from `bench/queries.txt`), {REQUESTS_PER_CLIENT} of each per client and "
        f"scenario, after warm-up requests. Latency in ms as the client sees it (queueing included); the "
        f"load generator shares the machine's cores with the server.",
        "",
        "| scenario | endpoint | requests served | errors | p50 | p95 | max |",
        "|---|---|---|---|---|---|---|",
        *rows,
        "",
        "; ".join(totals) + ". Target: search p95 < 100 ms, zero errors.",
    ]) + "\n"


if __name__ == "__main__":
    print(run())
