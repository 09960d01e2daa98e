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
