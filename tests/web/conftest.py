"""Fixtures of the web tests: a store holding the bundled corpus, the app, a live server, a browser.

The store is built once per session in a temporary folder (never the user's store). The
browser tests drive Debian's chromium headless through Playwright; Playwright's own browser
download does not work offline, so `scripts/ensure-chromium.sh` installs the Debian package
when /usr/bin/chromium is missing (CI runs as root on a clean machine).
"""

from __future__ import annotations

import os
import socket
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn
from fastapi.testclient import TestClient

from gongbao import store
from gongbao.config import PROJECT_ROOT
from gongbao.pipeline import bundled_issues
from gongbao.web import create_app

ADMIN_TOKEN = "test-admin-token"
CHROMIUM = Path(os.environ.get("GONGBAO_CHROMIUM", "/usr/bin/chromium"))
# Flags for a root user on a machine with no network beyond loopback (see docs/web.md).
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-dev-shm-usage",
]
BUILD_DIR = PROJECT_ROOT / "build" / "web"


@pytest.fixture(scope="session")
def corpus_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store holding the five bundled issues."""
    path = tmp_path_factory.mktemp("store") / "gongbao.sqlite3"
    conn = store.connect(path)
    store.save_issues(conn, bundled_issues())
    conn.close()
    return path


@pytest.fixture(scope="session")
def app(corpus_db: Path, tmp_path_factory: pytest.TempPathFactory):
    return create_app(corpus_db, admin_token=ADMIN_TOKEN, data_dir=tmp_path_factory.mktemp("data"))


@pytest.fixture(scope="session")
def client(app) -> TestClient:
    return TestClient(app)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def server(app) -> Iterator[str]:
    """The app served by a real uvicorn on a free loopback port: its base URL."""
    port = _free_port()
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning")
    instance = uvicorn.Server(config)
    thread = threading.Thread(target=instance.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not instance.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    instance.should_exit = True
    thread.join(timeout=10)


def _ensure_chromium() -> None:
    if CHROMIUM.exists():
        return
    script = PROJECT_ROOT / "scripts" / "ensure-chromium.sh"
    result = subprocess.run([str(script)], capture_output=True, text=True)
    if result.returncode != 0 or not CHROMIUM.exists():
        raise RuntimeError(f"chromium is missing and {script} failed:\n{result.stderr[-2000:]}")


@pytest.fixture(scope="session")
def browser():
    """Debian's chromium, headless, driven by Playwright (a fresh profile per launch)."""
    from playwright.sync_api import sync_playwright

    _ensure_chromium()
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture()
def page(browser, server):
    context = browser.new_context(base_url=server, locale="zh-CN", viewport={"width": 1280, "height": 900})
    opened = context.new_page()
    yield opened
    context.close()


@pytest.fixture(scope="session")
def build_dir() -> Path:
    BUILD_DIR.mkdir(parents=True, exist_ok=True)
    return BUILD_DIR


@pytest.fixture(scope="session")
def api_schema(app):
    """The app's OpenAPI schema, loaded in process for schemathesis (no network)."""
    import schemathesis

    return schemathesis.openapi.from_asgi("/openapi.json", app)
