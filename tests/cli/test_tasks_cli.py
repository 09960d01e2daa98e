"""`gongbao tasks` and `gongbao units` as a person runs them, including bad input."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from icalendar import Calendar
from typer.testing import CliRunner

from gongbao.cli import app

CORPUS = Path(__file__).resolve().parents[2] / "data" / "gazettes" / "zhengzhou"
runner = CliRunner()


def run(*args: str):
    return runner.invoke(app, list(args))


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("tasks") / "store.sqlite3"
    assert run("ingest", str(CORPUS / "2018-09.txt"), str(CORPUS / "2017-08.txt"), "--db", str(path)).exit_code == 0
    return path


def test_board_of_a_unit_in_any_spelling(db):
    result = run("tasks", "--unit", "市发改委", "--db", str(db))
    assert result.exit_code == 0
    assert "市发展改革委" in result.output
    assert re.search(r"\d+ tasks", result.output)


def test_ics_export_opens_as_a_calendar(db, tmp_path):
    out = tmp_path / "tasks.ics"
    result = run("tasks", "--unit", "市工商局", "--format", "ics", "--out", str(out), "--db", str(db))
    assert result.exit_code == 0
    events = list(Calendar.from_ical(out.read_bytes()).walk("VEVENT"))
    assert events and all("文号:" in str(e["DESCRIPTION"]) for e in events)


def test_overdue_csv(db):
    result = run("tasks", "--overdue-on", "2018-01-01", "--format", "csv", "--db", str(db))
    assert result.exit_code == 0
    rows = result.output.strip().splitlines()
    assert rows[0].startswith("due,") and len(rows) > 1
    assert all(row.split(",")[0] < "2018-01-01" for row in rows[1:])


@pytest.mark.parametrize("args", [
    ("--format", "pdf"),
    ("--due-before", "next week"),
    ("--overdue-on", "2018-13-01"),
])
def test_bad_input_is_refused_with_a_message(db, args):
    result = run("tasks", *args, "--db", str(db))
    assert result.exit_code == 1
    assert "error" in result.output.lower() or "error" in (result.stderr or "").lower()


def test_empty_store_says_what_to_do(tmp_path):
    result = run("tasks", "--db", str(tmp_path / "empty.sqlite3"))
    assert result.exit_code == 1


def test_units_prints_the_derived_registry():
    result = run("units", str(CORPUS / "2018-09.txt"))
    assert result.exit_code == 0
    assert "curated:" in result.output and "各县（市、区）人民政府" in result.output
