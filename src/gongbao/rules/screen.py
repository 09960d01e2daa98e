"""`gongbao screen`: a CSV of firms → typed arrays → one OpenFisca run → a CSV of results.

Every step works on whole columns, with no Python code run per row. A file without
quotes is split in one pass (`str.split`) and each column is a slice of the cells; with
quotes the csv module splits it. A column is converted in one C-level pass: `float` or a
dict lookup mapped over the cells into `np.fromiter`, or numpy's date parser. When that
fails (an empty cell, a stray space, a bad value), the column is converted again with
numpy string ufuncs, which fill defaults and name the first bad row.

Row numbers in errors count data rows from 1 (the header is row 0), so row N is line
N + 1 of a file without quoted line breaks.

>>> import io
>>> ids, cols = parse_firms_csv(io.StringIO(
...     "id,established_on,industry,annual_revenue,local_tax,paid_in_capital,branches_outside_zhengzhou\\n"
...     "a,2017-06-01,制造业,200000,3000,100000,3\\n"))
>>> ids, cols["industry"].tolist(), cols["paid_in_capital"].tolist()
(['a'], [1], [100000.0])
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
from collections.abc import Mapping, Sequence
from itertools import repeat
from operator import itemgetter
from typing import IO

import numpy as np

from gongbao.rules.api import InvalidFacts, field_metadata, firm_fields
from gongbao.rules.calendar import calendar_range

TRUE = ("true", "1", "yes", "y", "t", "是")
FALSE = ("false", "0", "no", "n", "f", "否")
ID_COLUMNS = ("id", "credit_code", "name")
# Inputs whose rules count working days: they must fall in the years chinese-calendar knows.
WORKING_DAY_DATES = ("inspection_result_date", "inspection_publication_date")


def _bad(name: str, row: int, message: str) -> InvalidFacts:
    return InvalidFacts(f"{name} (row {row})", message)


def _first(mask: np.ndarray) -> int:
    """1-based row of the first True."""
    return int(np.argmax(mask)) + 1


def _numbers(name: str, cells: np.ndarray, empty: np.ndarray, meta: dict) -> np.ndarray:
    default = meta["default"]
    fill = float(default) if isinstance(default, int | float) and not isinstance(default, bool) else 0.0
    try:
        values = np.where(empty, "0", cells).astype(np.float64)
    except ValueError:
        # Error path only: find the first cell float() refuses, to name its row.
        for row, cell in enumerate(cells.tolist(), 1):
            if cell:
                try:
                    float(cell)
                except ValueError:
                    raise _bad(name, row, f"expected a number, got {cell!r}") from None
        raise
    values[empty] = fill
    return values


def _booleans(name: str, cells: np.ndarray, empty: np.ndarray, meta: dict) -> np.ndarray:
    lowered = np.strings.lower(cells)
    true = np.zeros(len(cells), dtype=bool)
    false = empty.copy()
    for token in TRUE:
        true |= lowered == token
    for token in FALSE:
        false |= lowered == token
    unknown = ~(true | false)
    if unknown.any():
        row = _first(unknown)
        raise _bad(name, row, f"expected true or false, got {cells[row - 1]!r}")
    if meta["default"] is True:
        true |= empty
    return true


def _enum_codes(name: str, cells: np.ndarray, empty: np.ndarray, meta: dict) -> np.ndarray:
    """Enum keys or Chinese labels → integer codes (the member order of the variable)."""
    choices = meta["enum"]
    codes = np.full(len(cells), -1, dtype=np.int16)
    for index, (key, label) in enumerate(choices.items()):
        codes[(cells == key) | (cells == label)] = index
    default = meta["default"]
    codes[empty] = list(choices).index(default) if default in choices else 0
    unknown = codes < 0
    if unknown.any():
        row = _first(unknown)
        raise _bad(name, row, f"expected one of {', '.join(choices)}, got {cells[row - 1]!r}")
    return codes


def _dates(name: str, cells: np.ndarray, empty: np.ndarray) -> np.ndarray:
    """YYYY-MM-DD → datetime64[D]; empty cells → NaT (filled by `screen_arrays`)."""
    # numpy would also read "2017" or "2017-06" as a day; the inputs are full dates.
    malformed = ~empty & (np.strings.str_len(cells) != 10)
    if not malformed.any():
        # The fast path; on any bad cell the loop below finds the row to name.
        with contextlib.suppress(ValueError):
            return np.where(empty, "NaT", cells).astype("datetime64[D]")
    for row, cell in enumerate(cells.tolist(), 1):
        if cell:
            try:
                dt.date.fromisoformat(cell)
                if len(cell) != 10:
                    raise ValueError(cell)
            except ValueError:
                raise _bad(name, row, f"expected a date YYYY-MM-DD, got {cell!r}") from None
    raise InvalidFacts(name, "could not read the dates")


def _fast(name: str, cells: Sequence[str], meta: dict) -> np.ndarray | None:
    """The column converted in one C-level pass, or None if any cell needs the careful path
    (empty, padded with spaces, another spelling, out of the fast parser's reach)."""
    kind, n = meta["type"], len(cells)
    try:
        if kind in ("number", "integer"):
            return np.fromiter(map(float, cells), np.float64, n)
        if kind == "boolean":
            table = {**dict.fromkeys(TRUE, 1), **dict.fromkeys(FALSE, 0)}
            table.update({k.upper(): v for k, v in table.items()} | {k.title(): v for k, v in table.items()})
            return np.fromiter(map(table.get, cells), np.int8, n).astype(bool)  # None → TypeError
        if kind == "enum":
            table = {}
            for index, (key, label) in enumerate(meta["enum"].items()):
                table[key] = table[label] = index
            return np.fromiter(map(table.get, cells), np.int16, n)
        if kind == "date" and set(map(len, cells)) == {10}:
            return np.array(cells, dtype="datetime64[D]")
    except (ValueError, TypeError):
        return None
    return None


def _careful(name: str, cells: Sequence[str], meta: dict) -> np.ndarray:
    """The column as a numpy string array, stripped, defaults filled, errors with the row."""
    text = np.strings.strip(np.asarray(cells, dtype=str))
    empty = text == ""
    if meta.get("required") and empty.any():
        raise _bad(name, _first(empty), "is required")
    kind = meta["type"]
    if kind in ("number", "integer"):
        return _numbers(name, text, empty, meta)
    if kind == "boolean":
        return _booleans(name, text, empty, meta)
    if kind == "enum":
        return _enum_codes(name, text, empty, meta)
    if kind == "date":
        return _dates(name, text, empty)
    raise InvalidFacts(name, f"unsupported column type {kind}")


def _check_numbers(name: str, values: np.ndarray, cells: Sequence[str], meta: dict) -> np.ndarray:
    finite = np.isfinite(values)
    if not finite.all():
        row = _first(~finite)
        raise _bad(name, row, f"expected a finite number, got {cells[row - 1]!r}")
    low, high = meta["minimum"], meta["maximum"]
    if low is not None and (values < low).any():
        row = _first(values < low)
        raise _bad(name, row, f"must be at least {low:g}, got {cells[row - 1]!r}")
    if high is not None and (values > high).any():
        row = _first(values > high)
        raise _bad(name, row, f"must be at most {high:g}, got {cells[row - 1]!r}")
    if meta["type"] == "integer":
        whole = values == np.floor(values)
        if not whole.all():
            row = _first(~whole)
            raise _bad(name, row, f"expected a whole number, got {cells[row - 1]!r}")
        return values.astype(np.int64)
    return values


def convert_column(name: str, cells: Sequence[str], meta: dict) -> np.ndarray:
    """One CSV column (strings) → a typed array, by the field's metadata (`field_metadata`).

    Numbers → float64 (integers → int64), booleans → bool, enums (key or Chinese label)
    → integer codes in member order, dates → datetime64[D] with NaT for empty optional
    cells. An empty cell of a required field, an unreadable cell or a value out of bounds
    raises InvalidFacts naming "FIELD (row N)".

    >>> meta = {"type": "number", "default": 0, "minimum": 0, "maximum": None, "required": True}
    >>> convert_column("local_tax", ["3", " 2.5 "], meta).tolist()
    [3.0, 2.5]
    >>> convert_column("local_tax", ["3", "", "2.5"], meta)
    Traceback (most recent call last):
    gongbao.rules.api.InvalidFacts: local_tax (row 2): is required
    """
    values = _fast(name, cells, meta)
    if values is None:
        values = _careful(name, cells, meta)
    if meta["type"] in ("number", "integer"):
        return _check_numbers(name, values, cells, meta)
    if meta["type"] == "enum" and (values < 0).any():
        row = _first(values < 0)
        raise _bad(name, row, f"expected one of {', '.join(meta['enum'])}, got {cells[row - 1]!r}")
    if meta["type"] == "date" and name in WORKING_DAY_DATES:
        first, last = (np.datetime64(d, "D") for d in calendar_range())
        outside = ~np.isnat(values) & ((values < first) | (values > last))
        if outside.any():
            row = _first(outside)
            raise _bad(name, row, f"{values[row - 1]} is outside {first}–{last}, the years chinese-calendar knows")
    return values


def _split(text: str) -> tuple[list[str], list[Sequence[str]]]:
    """Header and one sequence of cells per column. Raises InvalidFacts for a row whose
    number of cells differs from the header's."""
    text = text.replace("\r\n", "\n").rstrip("\n")  # blank lines at the end of the file
    if not text:
        raise InvalidFacts("csv", "the file is empty")
    if '"' not in text:
        # No quoting: every comma separates cells and every newline rows.
        lines = text.split("\n")
        header = [h.strip() for h in lines[0].split(",")]
        width = len(header)
        commas = np.fromiter(map(str.count, lines, repeat(",")), np.int64, len(lines))
        if (commas != width - 1).any():
            row = int(np.argmax(commas != width - 1))
            _wrong_width(header, row, int(commas[row]) + 1)
        del lines
        cells = text.replace("\n", ",").split(",")
        return header, [cells[width + j::width] for j in range(width)]
    rows = list(csv.reader(text.split("\n") if "\r" not in text else text.splitlines()))
    header = [h.strip() for h in rows[0]]
    width = len(header)
    for row, cells in enumerate(rows):
        if len(cells) != width:
            _wrong_width(header, row, len(cells))
    return header, [list(map(itemgetter(j), rows[1:])) for j in range(width)]


def _wrong_width(header: list[str], row: int, cells: int) -> None:
    width = len(header)
    detail = f"missing {header[cells]} and later fields" if cells < width else "more cells than the header"
    raise InvalidFacts(f"row {row}", f"has {cells} cells, the header has {width} ({detail})")


def parse_firms_csv(handle: IO[str]) -> tuple[list[str], dict[str, np.ndarray]]:
    """Row ids and typed input columns of a firms CSV (header = input field names).

    The id column is `id`, `credit_code` or `name` (else the row number). Columns that are
    not inputs of a firm-level policy are ignored; every required input must be a column.
    Errors (InvalidFacts) name the field and the row: "paid_in_capital (row 3)".
    """
    header, columns = _split(handle.read())
    n = len(columns[0])
    if n == 0:
        raise InvalidFacts("csv", "no rows after the header")
    fields = firm_fields()
    for name, (_, field) in fields.items():
        if field.required and name not in header:
            raise InvalidFacts(name, "is a required column")
    id_column = next((h for h in ID_COLUMNS if h in header), None)
    ids = list(columns[header.index(id_column)]) if id_column else [str(i) for i in range(1, n + 1)]
    out: dict[str, np.ndarray] = {}
    for index, name in enumerate(header):
        if name == id_column or name not in fields:
            continue
        if name in out:
            raise InvalidFacts(name, "is a column twice")
        policy, field = fields[name]
        out[name] = convert_column(name, columns[index], field_metadata(policy, field))
    return ids, out


def _float_text(values: np.ndarray) -> list[str]:
    """Shortest text of each value, whole numbers without ".0" (1000.0 → "1000")."""
    whole = (values == np.floor(values)) & (np.abs(values) < 1e15)
    objects = values.astype(object)
    objects[whole] = values[whole].astype(np.int64).astype(object)
    return list(map(repr, objects.tolist()))


def format_column(values: np.ndarray) -> list[str]:
    """Result array → CSV cells: true/false, enum keys, YYYY-MM-DD ('' when not given),
    integers, and amounts rounded to 2 decimals without a trailing .0.

    >>> format_column(np.array([1000.0, 320.5, 0.125, -0.0], dtype=np.float32))
    ['1000', '320.5', '0.12', '0']
    """
    kind = values.dtype.kind
    if kind == "b":
        return np.where(values, "true", "false").tolist()
    if kind == "M":
        days = values.astype("datetime64[D]")
        text = days.astype(str)
        return np.where((days == np.datetime64("1970-01-01")) | np.isnat(days), "", text).tolist()
    if kind == "f":
        rounded = np.round(values.astype(np.float64), 2)
        # Amounts take few distinct values (the tiers): format each once.
        unique, inverse = np.unique(rounded, return_inverse=True)
        if len(unique) * 8 < len(rounded):
            return np.array(_float_text(unique), dtype=object)[inverse].tolist()
        return _float_text(rounded)
    if kind in "iu":
        return list(map(str, values.tolist()))
    return values.astype(str).tolist()


def write_results_csv(handle: IO[str], ids: list[str], results: Mapping[str, np.ndarray], names: list[str],
                      chunk: int = 100_000) -> None:
    """`id` then one column per result, one row per firm (CSV, CRLF line ends as the csv module)."""
    writer = csv.writer(handle)
    writer.writerow(["id", *names])
    columns = [ids, *(format_column(np.asarray(results[n])) for n in names)]
    # Results never need quoting (numbers, keys, dates); ids might.
    joined = "\x1f".join(ids)
    if any(c in joined for c in ',"\r\n'):
        writer.writerows(zip(*columns, strict=True))
        return
    for start in range(0, len(ids), chunk):
        rows = zip(*(c[start:start + chunk] for c in columns), strict=True)
        handle.write("\r\n".join(map(",".join, rows)) + "\r\n")
