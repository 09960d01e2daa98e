"""`gongbao calc`, `gongbao match`, `gongbao screen`: run the rules as code (gongbao.rules)."""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from gongbao.cli.app import app, console, err_console, fail
from gongbao.rules.api import (
    InvalidFacts,
    UnknownPolicy,
    calculate,
    firm_outputs,
    match,
    screen_arrays,
)
from gongbao.rules.screen import parse_firms_csv, write_results_csv

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


@app.command("screen")
def screen_command(
    firms: Annotated[Path, typer.Argument(help="CSV of firms; columns named as the inputs of the firm-level policies.", exists=True, dir_okay=False)],
    out: Annotated[Path | None, typer.Option("--out", "-o", help="Write the results CSV here (default: stdout).")] = None,
    date: DateOption = None,
) -> None:
    """Evaluate every firm-level policy for every row at once (vectorised) and write a CSV.

    A bad cell (missing required value, wrong type, negative amount, unknown enum) stops
    the run with exit code 1 and `invalid FIELD (row N): reason`; rows count from 1 after
    the header.
    """
    try:
        with firms.open(encoding="utf-8-sig", newline="") as handle:
            ids, columns = parse_firms_csv(handle)
    except InvalidFacts as error:
        raise fail(f"{firms}: invalid {error}") from error
    except (UnicodeDecodeError, csv.Error) as error:
        raise fail(f"{firms}: not a UTF-8 CSV file ({error})") from error
    day = _parse_day(date) or dt.date(2019, 10, 31)
    if date is None:
        err_console.print("note: no --date; 郑政〔2017〕34号 lapsed on 2019-11-01, screening as on 2019-10-31", style="yellow", highlight=False)
    names = firm_outputs()
    results = screen_arrays(columns, day, names)
    if out:
        with out.open("w", encoding="utf-8", newline="") as handle:
            write_results_csv(handle, ids, results, names)
        console.print(f"{len(ids)} firms screened → {out}", highlight=False)
    else:
        write_results_csv(typer.get_text_stream("stdout"), ids, results, names)
