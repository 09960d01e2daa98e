"""`gongbao calc`, `gongbao match`, `gongbao screen`: run the rules as code (gongbao.rules)."""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path
from typing import Annotated, Any

import numpy as np
import typer
from rich.table import Table

from gongbao.cli.app import app, console, err_console, fail
from gongbao.rules.api import (
    InvalidFacts,
    UnknownPolicy,
    calculate,
    field_metadata,
    firm_fields,
    firm_outputs,
    match,
    screen_arrays,
)

InputOption = Annotated[Path, typer.Option("--input", "-i", help="JSON file of facts.", exists=True, dir_okay=False)]
DateOption = Annotated[
    str | None, typer.Option("--date", help="Apply the rules as on this day (YYYY-MM-DD; default today).")
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON for machines.")]


def _read_facts(path: Path) -> dict:
    try:
        facts = json.loads(path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise fail(f"{path}: not valid JSON ({error})") from error
    if not isinstance(facts, dict):
        raise fail(f"{path}: expected a JSON object of facts")
    return facts


def _parse_day(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise fail(f"--date: expected YYYY-MM-DD, got {value!r}") from None


def _show_value(entry: dict) -> str:
    value = entry["value"]
    if "display" in entry:
        return f"{entry['display']} ({value})"
    if isinstance(value, bool):
        return "是" if value else "否"
    if value is None:
        return "—"
    if isinstance(value, list):
        return json.dumps(value, ensure_ascii=False)
    text = f"{value}"
    if entry.get("time"):
        text += f" {entry['time']}"
    if entry.get("unit"):
        text += f" {entry['unit']}"
    return text


def _print_result(result: dict, only: set[str] | None = None) -> None:
    console.print(f"[bold]{result['title']}[/] · {result['doc_no']} · {result['date']}", highlight=False)
    for note in result["notes"]:
        console.print(f"[yellow]note:[/] {note}", highlight=False)
    table = Table(show_lines=False)
    table.add_column("result")
    table.add_column("value")
    table.add_column("provisions")
    for name, entry in result["results"].items():
        if only is not None and name not in only:
            continue
        basis = "\n".join(f"{p['doc_no']} {p['article']}: {p['text']}" for p in entry["provisions"][:3])
        if len(entry["provisions"]) > 3:
            basis += f"\n(+{len(entry['provisions']) - 3} more)"
        table.add_row(f"{entry['label']}\n[dim]{name}[/]", _show_value(entry), basis)
    console.print(table)


@app.command("calc")
def calc_command(
    policy: Annotated[str, typer.Argument(help="Policy id: headquarters, children, power_outage, forest_pest, time_limits, random_inspection, random_draw.")],
    input: InputOption,
    date: DateOption = None,
    as_json: JsonOption = False,
) -> None:
    """Run one policy on the facts in FACTS.json; show each result with its legal basis."""
    facts = _read_facts(input)
    try:
        result = calculate(policy, facts, _parse_day(date))
    except UnknownPolicy as error:
        raise fail(str(error)) from error
    except InvalidFacts as error:
        raise fail(f"invalid fact {error}") from error
    if as_json:
        typer.echo(json.dumps(result, ensure_ascii=False, indent=2))
        return
    _print_result(result)


@app.command("match")
def match_command(input: InputOption, date: DateOption = None, as_json: JsonOption = False) -> None:
    """Run every firm-level policy on FIRM.json and list what the firm qualifies for."""
    facts = _read_facts(input)
    try:
        result = match(facts, _parse_day(date))
    except InvalidFacts as error:
        raise fail(f"invalid fact {error}") from error
    if as_json:
        typer.echo(json.dumps(result, ensure_ascii=False, indent=2))
        return
    for policy in result["policies"]:
        if policy["qualifies"]:
            _print_result(policy, only=set(policy["qualifies"]))
        else:
            console.print(f"[bold]{policy['title']}[/] · {policy['doc_no']}: nothing applies", highlight=False)
    for skipped in result["skipped"]:
        console.print(f"[yellow]skipped {skipped['policy']}:[/] {skipped['reason']}", highlight=False)


_TRUE = {"true", "1", "yes", "y", "是", "t"}
_FALSE = {"false", "0", "no", "n", "否", "f", ""}


def _column(name: str, raw: list[str], meta: dict) -> np.ndarray:
    """One CSV column as a typed array; errors name the row (1-based, after the header)."""
    kind = meta["type"]
    default = meta["default"]
    cells = [c.strip() for c in raw]
    try:
        if kind in ("number", "integer"):
            fill = str(default if isinstance(default, int | float) and not isinstance(default, bool) else 0)
            values = np.array([c or fill for c in cells], dtype=float)
            low = meta["minimum"]
            if low is not None and (values < low).any():
                row = int(np.argmax(values < low)) + 1
                raise InvalidFacts(f"{name} (row {row})", f"must be at least {low:g}")
            return values.astype(np.int64) if kind == "integer" else values
        if kind == "boolean":
            lowered = [c.lower() for c in cells]
            bad = [i for i, c in enumerate(lowered) if c not in _TRUE | _FALSE]
            if bad:
                raise InvalidFacts(f"{name} (row {bad[0] + 1})", f"expected true or false, got {cells[bad[0]]!r}")
            fill = bool(default)
            return np.array([(c in _TRUE) if c else fill for c in lowered])
        if kind == "date":
            return np.array([c or "1970-01-01" for c in cells], dtype="datetime64[D]")
        if kind == "enum":
            by_label = {label: key for key, label in meta["enum"].items()}
            fill = default if isinstance(default, str) else next(iter(meta["enum"]))
            values = [by_label.get(c, c) or fill for c in cells]
            bad = [i for i, v in enumerate(values) if v not in meta["enum"]]
            if bad:
                raise InvalidFacts(f"{name} (row {bad[0] + 1})", f"expected one of {', '.join(meta['enum'])}")
            return np.array(values)
    except ValueError as error:
        if isinstance(error, InvalidFacts):
            raise
        raise InvalidFacts(name, str(error)) from error
    raise InvalidFacts(name, f"unsupported column type {kind}")


def read_firms_csv(path: Path) -> tuple[list[str], dict[str, np.ndarray]]:
    """Row ids and typed input columns of a firms CSV (header = input field names)."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    if not rows:
        raise InvalidFacts("csv", "the file is empty")
    header, body = rows[0], rows[1:]
    if not body:
        raise InvalidFacts("csv", "no rows after the header")
    fields = firm_fields()
    id_column = next((h for h in ("id", "credit_code", "name") if h in header), None)
    ids = [r[header.index(id_column)] for r in body] if id_column else [str(i + 1) for i in range(len(body))]
    columns: dict[str, np.ndarray] = {}
    for index, name in enumerate(header):
        if name in (id_column,) or name not in fields:
            continue
        policy, field = fields[name]
        raw = [r[index] if index < len(r) else "" for r in body]
        columns[name] = _column(name, raw, field_metadata(policy, field))
    for name, (_, field) in fields.items():
        if field.required and name not in columns:
            raise InvalidFacts(name, "is a required column")
    return ids, columns


def _cell(value: Any) -> str:
    if isinstance(value, np.datetime64):
        day = str(value)
        return "" if day == "1970-01-01" else day
    if isinstance(value, np.bool_ | bool):
        return "true" if value else "false"
    if isinstance(value, np.floating | float):
        return f"{round(float(value), 2):g}"
    return str(value)


@app.command("screen")
def screen_command(
    firms: Annotated[Path, typer.Argument(help="CSV of firms; columns named as the inputs of the firm-level policies.", exists=True, dir_okay=False)],
    out: Annotated[Path | None, typer.Option("--out", "-o", help="Write the results CSV here (default: stdout).")] = None,
    date: DateOption = None,
) -> None:
    """Evaluate every firm-level policy for every row at once (vectorised) and write a CSV."""
    try:
        ids, columns = read_firms_csv(firms)
    except InvalidFacts as error:
        raise fail(f"{firms}: invalid {error}") from error
    day = _parse_day(date) or dt.date(2019, 10, 31)
    if date is None:
        err_console.print("note: no --date; 郑政〔2017〕34号 lapsed on 2019-11-01, screening as on 2019-10-31", style="yellow", highlight=False)
    names = firm_outputs()
    results = screen_arrays(columns, day, names)
    handle = out.open("w", encoding="utf-8", newline="") if out else None
    try:
        writer = csv.writer(handle if handle else typer.get_text_stream("stdout"))
        writer.writerow(["id", *names])
        for i, row_id in enumerate(ids):
            writer.writerow([row_id, *(_cell(results[n][i]) for n in names)])
    finally:
        if handle:
            handle.close()
    if out:
        console.print(f"{len(ids)} firms screened → {out}", highlight=False)
