"""The YAML worked cases of every policy, run by OpenFisca's own test runner."""

from __future__ import annotations

import pytest
import yaml
from openfisca_core.tools.test_runner import run_tests

from gongbao.rules import TESTS_DIR, tax_benefit_system
from gongbao.rules.provisions import PROVISIONS

# Which subject (OpenFisca person entity) each YAML file is written for.
FILES = {
    "headquarters": "firm",
    "random_inspection": "firm",
    "children": "person",
    "power_outage": "incident",
    "forest_pest": "incident",
    "time_limits": "project",
}


def _cases(stem: str) -> list[dict]:
    return yaml.safe_load((TESTS_DIR / f"{stem}.yaml").read_text(encoding="utf-8"))


def test_every_yaml_file_is_run() -> None:
    assert {p.stem for p in TESTS_DIR.glob("*.yaml")} == set(FILES)


@pytest.mark.parametrize("stem", sorted(FILES))
def test_yaml_cases_pass(stem: str) -> None:
    # run_tests returns pytest's exit code: 0 only when every case passed.
    assert run_tests(tax_benefit_system(FILES[stem]), str(TESTS_DIR / f"{stem}.yaml"), {}) == 0


@pytest.mark.parametrize("stem", sorted(FILES))
def test_at_least_15_cases_each_citing_a_provision(stem: str) -> None:
    cases = _cases(stem)
    assert len(cases) >= 15
    for case in cases:
        assert len(case["name"].split()) >= 5, case["name"]
        assert case["description"] in PROVISIONS, case["description"]
