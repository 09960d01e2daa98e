"""`gongbao show DOC --rules`: per provision eId, the policy and variables implementing it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from gongbao.cli import app

CORPUS = Path(__file__).resolve().parents[2] / "data" / "gazettes" / "zhengzhou"
runner = CliRunner()


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("rules") / "g.sqlite3"
    result = runner.invoke(app, ["ingest", str(CORPUS / "2018-09.txt"), str(CORPUS / "2017-10.txt"), "--db", str(path)])
    assert result.exit_code == 0, result.output
    return path


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.mark.parametrize(
    ("doc", "expected"),
    [
        # 二、（二） closing paragraph (农村留守儿童符合困境儿童条件的…) → the category variable.
        ("郑政〔2018〕43号", ["policies:children", "sec_2__subsec_2__hcontainer_2", "children:protection_category"]),
        ("郑政2018 43", ["sec_3__subsec_3__para_3三、（三）3.", "parameterchild_protection.boarding_subsidy_primary"]),
        # 附件1 closing sentence (“以上”含本数) is cited by every grading threshold.
        ("郑政办〔2017〕101号", ["policies:power_outage", "att_1__sec_4__hcontainer_2", "parameterpower_outage.load_loss.henan"]),
        ("郑政-2017-34", ["policies:headquarters", "chp_6__art_22第二十二条"]),
    ],
)
def test_show_rules_lists_the_implementing_variables(db: Path, doc: str, expected: list[str]) -> None:
    result = runner.invoke(app, ["show", doc, "--rules", "--db", str(db)])
    assert result.exit_code == 0, result.output
    for text in expected:
        assert text in squeeze(result.output)


def test_show_rules_of_a_document_no_rule_implements(db: Path) -> None:
    result = runner.invoke(app, ["show", "郑政〔2017〕35号", "--rules", "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "no rule implements" in result.output


def test_show_rules_of_an_unknown_document_fails(db: Path) -> None:
    result = runner.invoke(app, ["show", "郑政〔2099〕1号", "--rules", "--db", str(db)])
    assert result.exit_code != 0
