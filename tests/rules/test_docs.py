"""docs/rules.md shows, per policy, facts and the output of `gongbao calc`: they must stay true."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest

from gongbao.config import PROJECT_ROOT
from gongbao.rules.api import calculate
from gongbao.rules.catalog import POLICIES

DOC = (PROJECT_ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
EXAMPLE = re.compile(
    r"Example: `gongbao calc (\w+) --input facts.json --date ([\d-]+) --json` with facts.json:\s*"
    r"```json\n(.*?)\n```.*?```json\n(.*?)\n```",
    re.S,
)
EXAMPLES = {m.group(1): m.groups()[1:] for m in EXAMPLE.finditer(DOC)}


def test_every_policy_has_a_documented_example() -> None:
    assert set(EXAMPLES) == set(POLICIES)


@pytest.mark.parametrize("policy", sorted(POLICIES))
def test_documented_output_is_the_actual_output(policy: str) -> None:
    day, facts, shown = EXAMPLES[policy]
    actual = calculate(policy, json.loads(facts), dt.date.fromisoformat(day))
    shown = json.loads(shown)
    assert list(shown["results"]) == list(actual["results"])
    for name, entry in shown["results"].items():
        assert entry["value"] == actual["results"][name]["value"], name
        assert entry["provisions"] == [f'{p["article"]} ({p["eid"]})' for p in actual["results"][name]["provisions"]]


@pytest.mark.parametrize("policy", sorted(POLICIES))
def test_every_input_and_output_is_documented(policy: str) -> None:
    for f in POLICIES[policy].fields:
        assert f"| `{f.name}` |" in DOC, f.name
    for name in POLICIES[policy].outputs:
        assert f"| `{name}` |" in DOC, name
