"""Benchmark of the web application: latency under 20 concurrent clients on loopback.

A real `gongbao serve` runs in a subprocess on a free port of 127.0.0.1, over a temporary
store holding the bundled corpus. `wrk` (Debian's package; `scripts/ensure-wrk.sh`
installs it with apt-get when missing) keeps 20 connections busy back to back for a fixed
time per endpoint: the search API rotating over the realistic queries of
`bench/queries.txt`, then the document page rotating over every stored document. Its Lua
hook prints the latency distribution, the requests served and every kind of error
(connect, read, write, timeout, non-2xx status) as one JSON line, parsed here.

Two rounds, each on a fresh server: cold (`GONGBAO_WEB_CACHE=0`: every request searches
and renders) and warm (the search-result and page caches on, filled by one request per
query and document first). When wrk cannot be installed, a Python load generator (20
threads with keep-alive httpx clients, sharing the cores with the server) stands in, and
the output says so.

    $ .venv/bin/python bench/web_bench.py
"""

from __future__ import annotations

import importlib.util
import json
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
SECONDS = 15  # per endpoint and round
WRK_THREADS = 2
TARGET_P95_MS = 100.0
ROOT = Path(__file__).resolve().parent.parent
QUERIES_FILE = Path(__file__).with_name("queries.txt")
ENSURE_WRK = ROOT / "scripts" / "ensure-wrk.sh"
GONGBAO = Path(sys.executable).with_name("gongbao")

# wrk calls request() for each request of a connection; each wrk thread has its own Lua
# state, starting at a random place in the list so the threads do not ask in lockstep.
ROTATE_LUA = r"""
local paths = {}
local i = 0
function init(args)
  for line in io.lines(args[1]) do paths[#paths + 1] = line end
  math.randomseed(os.time() + #paths)
  i = math.random(#paths)
end
function request()
  i = i % #paths + 1
  return wrk.format("GET", paths[i])
end
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('WRKJSON {"requests": %d, "duration_us": %d, "connect": %d, "read": %d, '
    .. '"write": %d, "status": %d, "timeout": %d, "p50": %d, "p95": %d, "p99": %d, "max": %d}\n',
    summary.requests, summary.duration, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.max))
end
"""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _queries() -> list[str]:
    lines = QUERIES_FILE.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def _wrk() -> str | None:
    """The wrk executable, installed with apt-get (as root or with sudo) when missing."""
    found = shutil.which("wrk")
    if found is None and ENSURE_WRK.exists():
        subprocess.run(["sh", str(ENSURE_WRK)], capture_output=True, text=True, timeout=600)
        found = shutil.which("wrk")
    return found


def _cpu_seconds(pid: int) -> float | None:
    """CPU time (user + system) used so far by a process and its worker processes, from
    /proc (None where there is no /proc): the server's cost per request, which other
    programs competing for the cores do not inflate the way they inflate latency.
    """
    tick = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
    total = 0.0
    try:
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(entry.name) == pid or int(fields[1]) == pid:  # fields[1]: parent pid
                total += (int(fields[11]) + int(fields[12])) / tick
    except OSError:
        return None
    return total


def _start_server(db: Path, port: int, cache: bool) -> subprocess.Popen:
    env = {**os.environ, "GONGBAO_ADMIN_TOKEN": "", "GONGBAO_WEB_CACHE": os.environ.get("GONGBAO_WEB_CACHE", "1024") if cache else "0"}
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


def _stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def _document_ids(base: str) -> list[str]:
    ids: list[str] = []
    while True:
        page = httpx.get(f"{base}/api/documents", params={"limit": 100, "offset": len(ids)}, timeout=30).json()
        ids.extend(d["id"] for d in page["items"])
        if not page["items"] or len(ids) >= page["total"]:
            return ids


def _run_wrk(wrk: str, base: str, paths_file: Path, script: Path) -> dict:
    out = subprocess.run(
        [wrk, f"-t{WRK_THREADS}", f"-c{CLIENTS}", f"-d{SECONDS}s", "--timeout", "10s", "--latency",
         "-s", str(script), base, "--", str(paths_file)],
        capture_output=True, text=True, timeout=SECONDS + 120, check=True,
    ).stdout
    line = next(x for x in out.splitlines() if x.startswith("WRKJSON "))
    raw = json.loads(line.removeprefix("WRKJSON "))
    errors = sum(raw[k] for k in ("connect", "read", "write", "status", "timeout"))
    return {
        "requests": raw["requests"], "seconds": raw["duration_us"] / 1e6, "errors": errors,
        "error_kinds": {k: raw[k] for k in ("connect", "read", "write", "status", "timeout") if raw[k]},
        **{k: raw[k] / 1000 for k in ("p50", "p95", "p99", "max")},
    }


def _run_python(base: str, paths: list[str]) -> dict:
    """Fallback load: CLIENTS threads, back to back, for SECONDS."""
    results: list[tuple[float, bool]] = []
    stop_at = time.monotonic() + SECONDS

    def loop(start: int) -> None:
        with httpx.Client(base_url=base, timeout=10) as client:
            n = start
            while time.monotonic() < stop_at:
                began = time.perf_counter()
                try:
                    ok = client.get(paths[n % len(paths)]).status_code == 200
                except httpx.HTTPError:
                    ok = False
                results.append(((time.perf_counter() - began) * 1000, ok))
                n += 1

    started = time.perf_counter()
    threads = [threading.Thread(target=loop, args=(c * 7,)) for c in range(CLIENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    latencies = sorted(ms for ms, _ in results)
    cuts = statistics.quantiles(latencies, n=100, method="inclusive")
    return {"requests": len(results), "seconds": time.perf_counter() - started,
            "errors": sum(1 for _, ok in results if not ok), "error_kinds": {},
            "p50": cuts[49], "p95": cuts[94], "p99": cuts[98], "max": latencies[-1]}


def _http_parser() -> str:
    # uvicorn picks httptools when it is installed, else the pure-Python h11.
    return "httptools" if importlib.util.find_spec("httptools") else "h11"


def _workers() -> str:
    return os.environ.get("GONGBAO_WEB_WORKERS", "1")


def run() -> str:
    workdir = Path(tempfile.mkdtemp(prefix="gongbao-web-bench-"))
    db = workdir / "store.sqlite3"
    wrk = _wrk()
    tool = "wrk" if wrk else "python threads (wrk could not be installed)"
    script = workdir / "rotate.lua"
    script.write_text(ROTATE_LUA, encoding="utf-8")
    queries = _queries()
    rows: list[str] = []
    summary: dict[tuple[str, str], dict] = {}
    try:
        for round_name, cache in (("cold (cache off)", False), ("warm (cache on)", True)):
            port = _free_port()
            base = f"http://127.0.0.1:{port}"
            process = _start_server(db, port, cache)
            try:
                ids = _document_ids(base)
                endpoints = {
                    "search API": ["/api/search?q=" + quote(q) for q in queries],
                    "document page": ["/documents/" + quote(i) for i in ids],
                }
                # One request per path first: templates compiled, statuses computed and,
                # when the cache is on, every answer cached (the warm figure).
                with httpx.Client(base_url=base, timeout=60) as client:
                    for paths in endpoints.values():
                        for path in paths:
                            client.get(path)
                for endpoint, paths in endpoints.items():
                    paths_file = workdir / f"paths-{endpoint.split()[0]}.txt"
                    paths_file.write_text("".join(p + "\n" for p in paths), encoding="ascii")
                    cpu_before = _cpu_seconds(process.pid)
                    found = _run_wrk(wrk, base, paths_file, script) if wrk else _run_python(base, paths)
                    cpu_after = _cpu_seconds(process.pid)
                    cpu = (f"{(cpu_after - cpu_before) * 1000 / found['requests']:.2f}"
                           if cpu_before is not None and cpu_after is not None and found["requests"] else "n/a")
                    summary[(round_name, endpoint)] = found
                    kinds = ", ".join(f"{k} {v}" for k, v in found["error_kinds"].items())
                    rows.append(
                        f"| {round_name} | {endpoint} ({len(paths)} paths) | {found['requests']} | "
                        f"{found['errors']}{f' ({kinds})' if kinds else ''} | {found['requests'] / found['seconds']:.0f} | "
                        f"{found['p50']:.1f} | {found['p95']:.1f} | {found['p99']:.1f} | {found['max']:.1f} | {cpu} |")
            finally:
                _stop(process)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    verdicts = []
    for round_name in ("cold (cache off)", "warm (cache on)"):
        found = summary[(round_name, "search API")]
        met = found["p95"] < TARGET_P95_MS and found["errors"] == 0
        verdicts.append(f"{round_name}: search p95 {found['p95']:.1f} ms, {found['errors']} errors — "
                        f"{'met' if met else 'missed'}")
    return "\n".join([
        "## Web application",
        "",
        f"`gongbao serve` ({_workers()} process(es), uvicorn with the {_http_parser()} HTTP parser) on 127.0.0.1 with the bundled corpus. Load tool: "
        f"**{tool}**, {CLIENTS} connections sending back to back (keep-alive) for {SECONDS} s per endpoint: "
        f"`/api/search?q=` rotating over the {len(queries)} queries of `bench/queries.txt`, then "
        f"`/documents/{{id}}` rotating over every stored document. Cold: a server started with "
        f"`GONGBAO_WEB_CACHE=0`, so every request searches or renders; warm: the search-result and page "
        f"caches on, filled by one request per path before measuring. Latency in ms as the load tool sees "
        f"it (queueing included); the load tool, and whatever else runs on the machine, shares its cores with "
        f"the server, so the server's own CPU time per request (from /proc) is given too.",
        "",
        "| round | endpoint | requests served | errors | requests/s | p50 | p95 | p99 | max | server CPU ms/request |",
        "|---|---|---|---|---|---|---|---|---|---|",
        *rows,
        "",
        f"Target: search p95 < {TARGET_P95_MS:.0f} ms with zero errors. " + "; ".join(verdicts) + ".",
    ]) + "\n"


if __name__ == "__main__":
    print(run())
