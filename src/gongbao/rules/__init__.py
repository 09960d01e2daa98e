"""Rules as code: the computable policies of the 郑州市人民政府公报, on OpenFisca.

Laid out as an OpenFisca country package: `entities.py`, `parameters/<policy>/`
(values keyed by effective date, each citing its provision URI), `variables/<policy>.py`
and `tests/<policy>.yaml`. Policies that are not a vectorised formula (the due-date
calculator, the random draw) live in `time_limits.py` and `random_inspection.py` and are
reached through the same `calculate` (see `gongbao.rules.api`).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from openfisca_core.taxbenefitsystems import TaxBenefitSystem

from gongbao.rules.entities import Firm, Incident, Person, Project

PACKAGE_DIR = Path(__file__).resolve().parent
PARAMETERS_DIR = PACKAGE_DIR / "parameters"
VARIABLES_DIR = PACKAGE_DIR / "variables"
TESTS_DIR = PACKAGE_DIR / "tests"


# OpenFisca simulations have exactly one person entity, and each of our subjects stands
# alone (a firm is never a member of an incident). So the one system class is built once
# per subject, with that subject as its person entity and the policy modules about it.
SUBJECTS = {
    "firm": (Firm, ("headquarters", "random_inspection")),
    "person": (Person, ("children",)),
    "project": (Project, ("time_limits",)),
    "incident": (Incident, ("power_outage", "forest_pest")),
}


class GongbaoTaxBenefitSystem(TaxBenefitSystem):
    """The gongbao policies about one subject (企业, 个人, 项目 or 事件).

    >>> GongbaoTaxBenefitSystem("firm").person_entity.key
    'firm'
    """

    def __init__(self, subject: str) -> None:
        if subject not in SUBJECTS:
            raise ValueError(f"unknown subject {subject!r}; expected one of {sorted(SUBJECTS)}")
        entity, modules = SUBJECTS[subject]
        super().__init__([entity])
        self.subject = subject
        for module in modules:
            self.add_variables_from_file(str(VARIABLES_DIR / f"{module}.py"))
        self.load_parameters(str(PARAMETERS_DIR))


@cache
def tax_benefit_system(subject: str) -> GongbaoTaxBenefitSystem:
    """The shared system for a subject (building one parses all YAML, so it is cached)."""
    return GongbaoTaxBenefitSystem(subject)


__all__ = ["SUBJECTS", "GongbaoTaxBenefitSystem", "tax_benefit_system"]
