"""gongbao calc / match / screen through the real Typer app."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from typer.testing import CliRunner

from gongbao.cli import app

runner = CliRunner()
FIRM = {
    "established_on": "2017-06-01", "industry": "manufacturing", "annual_revenue": 200000,
    "local_tax": 3000, "paid_in_capital": 100000, "branches_outside_zhengzhou": 3,
    "recognition_date": "2018-01-01",
}


def _write(tmp_path: Path, name: str, data: object) -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_calc_json(tmp_path: Path) -> None:
    facts = _write(tmp_path, "f.json", {"pest_type": "quarantine", "leaf_damage_area": 1})
    result = runner.invoke(app, ["calc", "forest_pest", "--input", str(facts), "--date", "2022-06-01", "--json"])
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    assert out["results"]["forest_response_level"]["value"] == "level_iii"
    assert out["doc_no"] == "郑政办〔2022〕31号"


def test_calc_reports_invalid_fact(tmp_path: Path) -> None:
    facts = _write(tmp_path, "f.json", {**FIRM, "paid_in_capital": -5})
    result = runner.invoke(app, ["calc", "headquarters", "--input", str(facts)])
    assert result.exit_code == 1
    assert "paid_in_capital" in result.output


def test_match_json(tmp_path: Path) -> None:
    firm = _write(tmp_path, "firm.json", {**FIRM, "on_abnormal_operation_list": True})
    result = runner.invoke(app, ["match", "--input", str(firm), "--date", "2019-01-01", "--json"])
    assert result.exit_code == 0, result.output
    by_policy = {p["policy"]: p for p in json.loads(result.stdout)["policies"]}
    assert by_policy["headquarters"]["qualifies"]["settlement_award"]["value"] == 1000.0
    assert by_policy["random_inspection"]["qualifies"]["joint_punishment"]["value"] is True


def test_screen_writes_one_row_per_firm(tmp_path: Path) -> None:
    rows = [
        ["id", *FIRM, "construction_grade"],
        ["a", *FIRM.values(), ""],
        ["b", "2010-01-01", "建筑业", "200000", "2000", "500", "3", "2018-01-01", "二级"],
    ]
    source = tmp_path / "firms.csv"
    with source.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    target = tmp_path / "out.csv"
    result = runner.invoke(app, ["screen", str(source), "--out", str(target), "--date", "2018-03-01"])
    assert result.exit_code == 0, result.output
    out = list(csv.DictReader(target.open(encoding="utf-8")))
    assert [r["id"] for r in out] == ["a", "b"]
    assert [r["settlement_award"] for r in out] == ["1000", "0"]
    assert [r["headquarters_recognised"] for r in out] == ["true", "false"]  # 二级 < 1级以上


def test_screen_names_the_bad_cell(tmp_path: Path) -> None:
    source = tmp_path / "firms.csv"
    source.write_text("id,established_on,industry,annual_revenue,local_tax,paid_in_capital,branches_outside_zhengzhou\n"
                      "a,2017-01-01,manufacturing,1,1,-3,3\n", encoding="utf-8")
    result = runner.invoke(app, ["screen", str(source)])
    assert result.exit_code == 1
    assert "paid_in_capital (row 1)" in result.output


HEADER = "id,established_on,industry,annual_revenue,local_tax,paid_in_capital,branches_outside_zhengzhou,many_complaints\n"
GOOD = "a,2017-06-01,manufacturing,200000,3000,100000,3,false\n"
BAD_ROWS = [
    # (second data row, the field named, words of the reason)
    ("b,2017-06-01,manufacturing,200000,3000,-1,3,false\n", "paid_in_capital (row 2)", "at least 0"),
    ("b,2017-06-01,manufacturing,200000,3000,,3,false\n", "paid_in_capital (row 2)", "is required"),
    ("b,2017-06-01,manufacturing,二十万,3000,100000,3,false\n", "annual_revenue (row 2)", "expected a number"),
    ("b,2017-06-01,manufacturing,200000,3000,100000,2.5,false\n", "branches_outside_zhengzhou (row 2)", "whole number"),
    ("b,2017-13-01,manufacturing,200000,3000,100000,3,false\n", "established_on (row 2)", "YYYY-MM-DD"),
    ("b,2017-06,manufacturing,200000,3000,100000,3,false\n", "established_on (row 2)", "YYYY-MM-DD"),
    ("b,2017-06-01,钢铁业,200000,3000,100000,3,false\n", "industry (row 2)", "expected one of"),
    ("b,2017-06-01,manufacturing,200000,3000,100000,3,maybe\n", "many_complaints (row 2)", "true or false"),
    ("b,2017-06-01,manufacturing,200000,3000,100000\n", "row 2", "missing branches_outside_zhengzhou"),
    ('"b",2017-06-01,manufacturing,200000,3000,100000\n', "row 2", "missing branches_outside_zhengzhou"),
]


def test_screen_bad_rows_name_row_and_field(tmp_path: Path) -> None:
    for bad, field, reason in BAD_ROWS:
        source = tmp_path / "firms.csv"
        source.write_text(HEADER + GOOD + bad, encoding="utf-8")
        result = runner.invoke(app, ["screen", str(source), "--date", "2018-03-01"])
        assert result.exit_code == 1, bad
        assert f"invalid {field}" in result.output, (bad, result.output)
        assert reason in result.output, (bad, result.output)


def test_screen_missing_required_column(tmp_path: Path) -> None:
    source = tmp_path / "firms.csv"
    source.write_text("id,established_on,industry\na,2017-06-01,制造业\n", encoding="utf-8")
    result = runner.invoke(app, ["screen", str(source)])
    assert result.exit_code == 1
    assert "annual_revenue" in result.output and "required column" in result.output


def test_screen_optional_cells_take_their_defaults(tmp_path: Path) -> None:
    # Empty optional cells: recognition date → the screening day, office date → recognition
    # date, 建筑业资质 → none; padded cells and quoted ids are read as written.
    source = tmp_path / "firms.csv"
    source.write_text(
        "id,established_on,industry,annual_revenue,local_tax,paid_in_capital,branches_outside_zhengzhou,"
        "recognition_date,office_purchase_area,office_purchase_date\n"
        '"a, Ltd",2017-06-01,制造业, 200000 ,3000,100000,3,,3000,\n'
        "b,2017-06-01,manufacturing,200000,3000,100000,3,2016-01-01,3000,2018-02-01\n",
        encoding="utf-8",
    )
    target = tmp_path / "out.csv"
    result = runner.invoke(app, ["screen", str(source), "--out", str(target), "--date", "2018-03-01"])
    assert result.exit_code == 0, result.output
    out = list(csv.DictReader(target.open(encoding="utf-8")))
    assert [r["id"] for r in out] == ["a, Ltd", "b"]
    # a: recognised on 2018-03-01, bought the office that day → within 2 years → 300万.
    # b: bought the office on 2018-02-01, more than 2 years after recognition (2016-01-01) → 0.
    assert [r["office_purchase_subsidy"] for r in out] == ["300", "0"]
