"""The rules API other parts of gongbao use: list, calculate, and rules per document.

>>> out = calculate("power_outage", {"grid_scope": "zhengzhou_urban", "load_loss_percent": 60})
>>> out["results"]["outage_grade"]["value"], out["results"]["outage_response_level"]["display"]
('especially_major', 'Ⅰ级')

Every result carries the provisions that produced it (document number, article as
printed, eId, provision URI and the gazette text). The JSON shapes are documented in
docs/rules.md and are what `gongbao calc --json` prints.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import math
from collections.abc import Mapping
from typing import Any

import numpy as np
from openfisca_core.indexed_enums import Enum
from openfisca_core.simulations import Simulation

from gongbao.rules import tax_benefit_system
from gongbao.rules import time_limits as clock
from gongbao.rules.calendar import CalendarRangeError, calendar_range, is_working_day
from gongbao.rules.catalog import POLICIES, Field, Policy
from gongbao.rules.provisions import DOCUMENTS, PROVISIONS
from gongbao.rules.random_inspection import REFERENCES as DRAW_REFERENCES
from gongbao.rules.random_inspection import DrawError, draw

EPOCH = dt.date(1970, 1, 1)
DRAW_OUTPUT_LABELS = {
    "drawn": "抽取的检查对象及选派的执法检查人员",
    "publication_deadline": "检查结果公示期限 (20个工作日内, 最后一日; 未给 result_date 则为 null)",
    "entities_digest": "检查对象名录库 SHA-256 (公开以供复核)",
    "inspectors_digest": "执法检查人员名录库 SHA-256 (公开以供复核)",
}


class RulesError(ValueError):
    """Base class of the errors of the rules API."""


class UnknownPolicy(RulesError):
    """No policy with that id."""


class InvalidFacts(RulesError):
    """A fact is missing, of the wrong type or out of bounds; `field` names it."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


# ---- metadata ---------------------------------------------------------------------------


def _variable(policy: Policy, name: str):
    return tax_benefit_system(policy.subject).variables[name]


def _type_of(variable) -> str:
    if variable.value_type is Enum:
        return "enum"
    return {bool: "boolean", int: "integer", float: "number", dt.date: "date", str: "string"}[variable.value_type]


def _enum_of(variable) -> dict[str, str] | None:
    if variable.value_type is not Enum:
        return None
    return {member.name: member.value for member in variable.possible_values}


def field_metadata(policy: Policy, f: Field) -> dict:
    """One input field as JSON: name, type, label, required, default, unit, bounds, enum."""
    variable = None
    if policy.engine == "openfisca":
        variable = _variable(policy, f.variable or f.name)
    out = {
        "name": f.name,
        "type": f.type or _type_of(variable),
        "label": f.label or variable.label,
        "required": f.required,
        "default": f.default,
        "unit": f.unit,
        "minimum": f.minimum,
        "maximum": f.maximum,
        "enum": _enum_of(variable) if variable is not None and not f.type else None,
    }
    if variable is not None:
        out["provisions"] = list(variable.reference or [])
    return out


def output_metadata(policy: Policy, name: str) -> dict:
    if policy.engine != "openfisca":
        return {"name": name, "type": "array" if name == "drawn" else "string", "label": DRAW_OUTPUT_LABELS[name],
                "unit": None, "enum": None}
    variable = _variable(policy, name)
    unit = policy.units.get(name)
    if unit is None and variable.value_type is float and policy.id == "headquarters":
        unit = "万元"
    return {"name": name, "type": _type_of(variable), "label": variable.label, "unit": unit, "enum": _enum_of(variable)}


def list_policies() -> list[dict]:
    """Every policy with what a form needs: inputs (type, label, required, bounds, enum
    with Chinese labels, unit) and outputs, and the document it implements.

    >>> sorted(p["id"] for p in list_policies())[:3]
    ['children', 'forest_pest', 'headquarters']
    """
    return [
        {
            "id": p.id,
            "title": p.title,
            "doc_no": p.doc.doc_no,
            "doc_id": p.doc.doc_id,
            "work_uri": p.doc.work_uri,
            "document_title": p.doc.title,
            "effective": p.doc.effective,
            "entity": p.subject,
            "entity_label": p.entity_label,
            "firm_level": p.firm_level,
            "inputs": [field_metadata(p, f) for f in p.fields],
            "outputs": [output_metadata(p, name) for name in p.outputs],
        }
        for p in POLICIES.values()
    ]


def get_policy(policy_id: str) -> Policy:
    try:
        return POLICIES[policy_id]
    except KeyError:
        raise UnknownPolicy(f"unknown policy {policy_id!r}; known: {', '.join(POLICIES)}") from None


# ---- validation ---------------------------------------------------------------------------


def _parse_date(name: str, value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        with contextlib.suppress(ValueError):
            return dt.date.fromisoformat(value.strip())
    raise InvalidFacts(name, f"expected a date YYYY-MM-DD, got {value!r}")


def _parse_datetime(name: str, value: Any) -> dt.datetime:
    if isinstance(value, dt.datetime):
        return value
    if isinstance(value, str):
        with contextlib.suppress(ValueError):
            return dt.datetime.fromisoformat(value.strip().replace(" ", "T"))
    raise InvalidFacts(name, f"expected a date and time YYYY-MM-DDTHH:MM, got {value!r}")


def _check_value(policy: Policy, f: Field, meta: dict, value: Any) -> Any:
    """The value converted for the engine, or InvalidFacts naming the field."""
    kind = meta["type"]
    name = f.name
    if kind in ("number", "integer"):
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise InvalidFacts(name, f"expected a number, got {value!r}")
        if kind == "integer" and not float(value).is_integer():
            raise InvalidFacts(name, f"expected a whole number, got {value!r}")
        if math.isnan(value) or math.isinf(value):
            raise InvalidFacts(name, "expected a finite number")
        if f.minimum is not None and value < f.minimum:
            raise InvalidFacts(name, f"must be at least {f.minimum:g}, got {value!r}")
        if f.maximum is not None and value > f.maximum:
            raise InvalidFacts(name, f"must be at most {f.maximum:g}, got {value!r}")
        return int(value) if kind == "integer" else float(value)
    if kind == "boolean":
        if not isinstance(value, bool):
            raise InvalidFacts(name, f"expected true or false, got {value!r}")
        return value
    if kind == "date":
        return _parse_date(name, value)
    if kind == "datetime":
        return _parse_datetime(name, value)
    if kind == "enum":
        choices = meta["enum"]
        if isinstance(value, str):
            if value in choices:
                return value
            by_label = {label: key for key, label in choices.items()}
            if value in by_label:
                return by_label[value]
        raise InvalidFacts(name, f"expected one of {', '.join(choices)}, got {value!r}")
    if kind == "string":
        if not isinstance(value, str):
            raise InvalidFacts(name, f"expected text, got {value!r}")
        return value
    if kind == "array":
        if not isinstance(value, list):
            raise InvalidFacts(name, f"expected a list, got {value!r}")
        return value
    raise InvalidFacts(name, f"unsupported type {kind}")


def validate(policy: Policy, facts: Mapping[str, Any], *, ignore_unknown: bool = False) -> dict[str, Any]:
    """Checked and converted facts (only those given). Raises InvalidFacts naming the field."""
    if not isinstance(facts, Mapping):
        raise InvalidFacts("facts", "expected a JSON object of facts")
    known = {f.name: f for f in policy.fields}
    if not ignore_unknown:
        for name in facts:
            if name not in known:
                raise InvalidFacts(name, f"is not an input of {policy.id}; inputs: {', '.join(known)}")
    out: dict[str, Any] = {}
    for f in policy.fields:
        value = facts.get(f.name)
        if value is None:
            if f.required:
                raise InvalidFacts(f.name, "is required")
            continue
        out[f.name] = _check_value(policy, f, field_metadata(policy, f), value)
    return out


# ---- dates ---------------------------------------------------------------------------------


def _in_force(policy: Policy, on: dt.date) -> bool:
    if on < dt.date.fromisoformat(policy.doc.effective):
        return False
    if policy.id == "headquarters":
        params = tax_benefit_system("firm").parameters
        return bool(params(on.isoformat()).headquarters.in_force)
    return True


def _last_day_in_force(policy: Policy) -> dt.date | None:
    """For a lapsed document: its last day in force (郑政〔2017〕34号: 2019-10-31)."""
    if policy.id != "headquarters":
        return None
    param = tax_benefit_system("firm").parameters.headquarters.in_force
    for item in param.values_list:  # newest first
        if item.value == 0:
            return dt.date.fromisoformat(item.instant_str) - dt.timedelta(days=1)
    return None


def _resolve_date(policy: Policy, on: dt.date | None) -> tuple[dt.date, list[str]]:
    if on is not None:
        return on, []
    today = dt.date.today()
    if _in_force(policy, today):
        return today, []
    last = _last_day_in_force(policy)
    if last is not None and today > last:
        return last, [
            f"{policy.doc.doc_no} is no longer in force today; without --date it is applied "
            f"as it stood on its last day in force, {last.isoformat()}."
        ]
    return today, []


# ---- OpenFisca run ---------------------------------------------------------------------------


def build_simulation(subject: str, count: int) -> Simulation:
    """An empty simulation of `count` subjects (企业/个人/项目/事件)."""
    # As SimulationBuilder.build_default_simulation (members numbered 0..count-1, none of
    # the per-id checks of declare_person_entity, which cost a second per million firms),
    # but with np.arange: its numpy.array(range(count)) costs 60 ms per million. Each
    # subject is the only (person) entity of its system, so there are no group members.
    tbs = tax_benefit_system(subject)
    populations = tbs.instantiate_entities()
    for population in populations.values():
        population.count = count
        population.ids = np.arange(count)
    return Simulation(tbs, populations)


def set_inputs(simulation: Simulation, period: str, columns: Mapping[str, Any]) -> None:
    """Set input arrays (numbers, booleans, datetime64 or enum names) for one day."""
    tbs = simulation.tax_benefit_system
    for name, values in columns.items():
        variable = tbs.variables[name]
        array = np.asarray(values)
        if variable.value_type is Enum:
            array = _encode_enum(variable.possible_values, array)
        elif variable.value_type is dt.date:
            array = array.astype("datetime64[D]")
        simulation.set_input(name, period, array)


def _encode_enum(enum, array: np.ndarray):
    """Names (or integer codes) → EnumArray; encodes each distinct name once."""
    if array.dtype.kind in "iu":
        codes = array
    else:
        names, inverse = np.unique(array.astype(str), return_inverse=True)
        index = {m.name: i for i, m in enumerate(enum)}
        unknown = [n for n in names if n not in index]
        if unknown:
            raise InvalidFacts(enum.__name__, f"unknown value {unknown[0]!r}")
        codes = np.array([index[n] for n in names])[inverse]
    return enum.encode(np.asarray(codes, dtype=np.int16))


def _engine_inputs(policy: Policy, facts: dict[str, Any], on: dt.date) -> dict[str, Any]:
    """Facts as OpenFisca inputs, with the defaults that depend on other facts."""
    values: dict[str, Any] = {}
    for f in policy.fields:
        if f.name in facts:
            values[f.variable or f.name] = facts[f.name]
    if policy.id == "headquarters":
        values.setdefault("recognition_date", on)
        values.setdefault("office_purchase_date", values["recognition_date"])
        values.setdefault("office_rent_date", values["recognition_date"])
    if policy.id == "time_limits":
        moment: dt.datetime = values.pop("received_on")
        values["received_on"] = moment.date()
        values["received_in_afternoon"] = clock.is_afternoon(moment)
    first, last = calendar_range()
    for name, value in values.items():
        if isinstance(value, dt.date) and policy.id in ("time_limits", "random_inspection") and not first <= value <= last:
            field = "received_at" if name == "received_on" else name
            raise InvalidFacts(field, f"{value} is outside {first}–{last}, the years chinese-calendar knows")
    return values


def _jsonable(variable, value) -> Any:
    if variable.value_type is Enum:
        return value.name
    if variable.value_type is dt.date:
        day = np.datetime64(value, "D").astype(dt.date)
        return None if day == EPOCH else day.isoformat()
    if variable.value_type is bool:
        return bool(value)
    if variable.value_type is int:
        return int(value)
    return round(float(value), 2)


def _provisions(uris: list[str]) -> list[dict]:
    return [PROVISIONS[u].to_dict() for u in uris if u in PROVISIONS]


def _narrow(policy: Policy, name: str, results: dict, facts: dict) -> list[str] | None:
    """The clauses that decided a grade, rather than every clause of the table."""
    if policy.id == "power_outage" and name in ("outage_grade", "outage_response_level", "outage_command"):
        order = ["especially_major", "major", "larger", "general"]
        grade = results["outage_grade"]["value"]
        if grade == "none":
            return None
        section = order.index(grade) + 1
        # 附件1 numbers its clauses by grid scope in the same order in every grade.
        para = {"regional": 1, "henan": 2, "zhengzhou_urban": 3, "other_city": 4, "township": 5}[facts["grid_scope"]]
        base = "/akn/cn-410100/act/郑政办/2017/101/~"
        uris = [f"{base}att_1__sec_{section}__para_{para}", f"{base}att_1__sec_4__hcontainer_2"]
        if name != "outage_grade":
            uris.append(base + ("sec_5__subsec_1__para_1" if section <= 2 else "sec_5__subsec_1__para_2"))
        return uris
    if policy.id == "forest_pest" and name == "forest_response_level":
        level = results[name]["value"]
        number = {"level_i": 1, "level_ii": 2, "level_iii": 3, "level_iv": 4}.get(level)
        if number is None:
            return None
        base = "/akn/cn-410100/act/郑政办/2022/31/~sec_5__subsec_2__"
        return [u for u in _variable(policy, name).reference if u.startswith(f"{base}para_{number}__")]
    return None


def _run_openfisca(policy: Policy, facts: dict[str, Any], on: dt.date) -> dict[str, dict]:
    values = _engine_inputs(policy, facts, on)
    simulation = build_simulation(policy.subject, 1)
    period = on.isoformat()
    set_inputs(simulation, period, {k: [v] for k, v in values.items()})
    results: dict[str, dict] = {}
    try:
        for name in policy.outputs:
            variable = _variable(policy, name)
            array = simulation.calculate(name, period)
            value = _jsonable(variable, array.decode()[0] if variable.value_type is Enum else array[0])
            entry = {"value": value, "label": variable.label, "unit": output_metadata(policy, name)["unit"]}
            if variable.value_type is Enum:
                entry["display"] = variable.possible_values[value].value
            results[name] = entry
    except CalendarRangeError as error:
        raise InvalidFacts("date", str(error)) from error
    if policy.id == "time_limits":
        _add_clock_times(results, values)
    for name, entry in results.items():
        uris = _narrow(policy, name, results, facts) or list(_variable(policy, name).reference or [])
        entry["provisions"] = _provisions(uris)
    return results


def _add_clock_times(results: dict, values: dict) -> None:
    received = values["received_on"]
    closed = not bool(is_working_day(np.array([received], dtype="datetime64[D]"))[0])
    afternoon = values["received_in_afternoon"] and not closed
    results["paper_handover_date"]["time"] = clock.handover_time(afternoon)
    results["storage_date"]["time"] = clock.storage_time(afternoon)


def _run_draw(policy: Policy, facts: dict[str, Any]) -> dict[str, dict]:
    try:
        out = draw(
            facts["entities"], facts["inspectors"], facts["seed"],
            count=facts.get("count"), ratio=facts.get("ratio"),
            team_size=facts.get("team_size", 2), conflicts=facts.get("conflicts"),
            result_date=facts.get("result_date"),
        )
    except DrawError as error:
        raise InvalidFacts(error.field, str(error).split(": ", 1)[-1]) from error
    except CalendarRangeError as error:
        raise InvalidFacts("result_date", str(error)) from error
    refs = DRAW_REFERENCES
    return {
        "drawn": {"value": out["drawn"], "label": "抽取的检查对象及选派的执法检查人员", "unit": None,
                  "provisions": _provisions([refs["directories"], refs["ratio"], refs["inspectors"], refs["joint"]])},
        "publication_deadline": {"value": out["publication_deadline"], "label": "检查结果公示期限 (20个工作日内, 最后一日)",
                                 "unit": None, "provisions": _provisions([refs["publication"]])},
        "entities_digest": {"value": out["entities_digest"], "label": "检查对象名录库 SHA-256 (公开以供复核)", "unit": None,
                            "provisions": _provisions([refs["directories"]])},
        "inspectors_digest": {"value": out["inspectors_digest"], "label": "执法检查人员名录库 SHA-256 (公开以供复核)", "unit": None,
                              "provisions": _provisions([refs["directories"]])},
    }


def calculate(policy_id: str, facts: Mapping[str, Any], on: dt.date | None = None) -> dict:
    """Run one policy on one subject's facts.

    Args:
        policy_id: one of `list_policies()` ids (headquarters, children, power_outage,
            forest_pest, time_limits, random_inspection, random_draw).
        facts: input facts, named as in `list_policies()[i]["inputs"]`.
        on: the date the rules are applied (default today; for a lapsed document, its
            last day in force, with a note).

    Returns:
        {"policy", "title", "doc_no", "doc_id", "date", "in_force", "notes", "results":
        {name: {"value", "label", "unit", ["display"], ["time"], "provisions": [...]}}}

    Raises:
        UnknownPolicy, InvalidFacts (its `.field` names the offending fact).
    """
    policy = get_policy(policy_id)
    checked = validate(policy, facts)
    day, notes = _resolve_date(policy, on)
    if policy.engine == "draw":
        results = _run_draw(policy, checked)
    else:
        results = _run_openfisca(policy, checked, day)
    in_force = _in_force(policy, day)
    if not in_force:
        notes.append(f"{policy.doc.doc_no} is not in force on {day.isoformat()} (effective {policy.doc.effective}).")
    return {
        "policy": policy.id,
        "title": policy.title,
        "doc_no": policy.doc.doc_no,
        "doc_id": policy.doc.doc_id,
        "date": day.isoformat(),
        "in_force": in_force,
        "notes": notes,
        "results": results,
    }


def match(facts: Mapping[str, Any], on: dt.date | None = None) -> dict:
    """Run every firm-level policy (企业) on one firm and list what it qualifies for.

    A policy whose required facts are missing is reported under "skipped" with the field.
    "qualifies" lists results that are true or a positive amount.
    """
    out: dict[str, Any] = {"policies": [], "skipped": []}
    for policy in POLICIES.values():
        if not policy.firm_level:
            continue
        own = {k: v for k, v in facts.items() if k in {f.name for f in policy.fields}}
        try:
            result = calculate(policy.id, own, on)
        except InvalidFacts as error:
            if error.message == "is required":
                out["skipped"].append({"policy": policy.id, "field": error.field, "reason": str(error)})
                continue
            raise
        qualifies = {
            name: entry for name, entry in result["results"].items()
            if entry["value"] is True or (isinstance(entry["value"], float) and entry["value"] > 0)
        }
        result["qualifies"] = qualifies
        out["policies"].append(result)
    return out


# ---- batch --------------------------------------------------------------------------------


def firm_fields() -> dict[str, tuple[Policy, Field]]:
    """Input columns of the firm-level policies, by name."""
    return {f.name: (p, f) for p in POLICIES.values() if p.firm_level for f in p.fields}


def firm_outputs() -> list[str]:
    return [name for p in POLICIES.values() if p.firm_level for name in p.outputs]


def screen_simulation(columns: Mapping[str, np.ndarray], on: dt.date) -> Simulation:
    """One simulation of N firms with every given input set once, as whole arrays.

    `columns` maps input names to arrays of length N: numbers, booleans, dates as
    datetime64[D] (NaT = not given), enums as names or integer codes. Defaults that depend
    on other facts are filled per firm: `recognition_date` → `on`, office dates → the
    recognition date, other dates → not given (1970-01-01, OpenFisca's default).
    """
    n = len(next(iter(columns.values())))
    cols = {name: np.asarray(values) for name, values in columns.items()}
    for name, values in cols.items():
        if values.dtype.kind == "M":
            cols[name] = values.astype("datetime64[D]")
    day = np.datetime64(on, "D")
    recognition = cols.get("recognition_date", np.full(n, day))
    cols["recognition_date"] = np.where(np.isnat(recognition), day, recognition)
    for name in ("office_purchase_date", "office_rent_date"):
        given = cols.get(name)
        cols[name] = cols["recognition_date"] if given is None else np.where(np.isnat(given), cols["recognition_date"], given)
    for name, values in cols.items():
        if values.dtype.kind == "M" and np.isnat(values).any():
            cols[name] = np.where(np.isnat(values), EPOCH, values)
    simulation = build_simulation("firm", n)
    set_inputs(simulation, on.isoformat(), cols)
    return simulation


def screen_compute(simulation: Simulation, on: dt.date, outputs: list[str] | None = None) -> dict[str, np.ndarray]:
    """Every firm-level result (or `outputs`) as arrays; enums decoded to their keys.

    Intermediate variables (recognition, category, …) are computed once and cached by the
    simulation, so each result reuses them.
    """
    period = on.isoformat()
    result = {}
    for name in outputs or firm_outputs():
        values = simulation.calculate(name, period)
        result[name] = values.decode_to_str() if hasattr(values, "decode_to_str") else values
    return result


def screen_arrays(columns: Mapping[str, np.ndarray], on: dt.date, outputs: list[str] | None = None) -> dict[str, np.ndarray]:
    """Evaluate all firm-level rules for N firms at once (OpenFisca vectors, no per-firm loop).

    `columns` as for `screen_simulation`; returns {result name: array of length N}.

    >>> out = screen_arrays({"established_on": np.array(["2017-06-01"], dtype="datetime64[D]"),
    ...     "industry": np.array(["manufacturing"]), "annual_revenue": np.array([200000.0]),
    ...     "local_tax": np.array([3000.0]), "paid_in_capital": np.array([100000.0]),
    ...     "branches_outside_zhengzhou": np.array([3])}, dt.date(2018, 3, 1))
    >>> float(out["settlement_award"][0]), str(out["headquarters_category"][0])
    (1000.0, 'new')
    """
    return screen_compute(screen_simulation(columns, on), on, outputs)


# ---- documents → rules ----------------------------------------------------------------------

# The variables module of each OpenFisca policy (variables/<module>.py).
MODULES = {
    "headquarters": "headquarters",
    "children": "children",
    "power_outage": "power_outage",
    "forest_pest": "forest_pest",
    "time_limits": "time_limits",
    "random_inspection": "random_inspection",
}


def _in_module(variable, module: str) -> bool:
    # OpenFisca loads each variables file as a module named "<ids>_<file stem>".
    return type(variable).__module__.endswith("_" + module)


def _parameter_references(node, path: str = "") -> list[tuple[str, list[str]]]:
    out = []
    metadata = getattr(node, "metadata", {}) or {}
    refs = metadata.get("reference")
    if refs:
        out.append((path, refs if isinstance(refs, list) else [refs]))
    for name, child in getattr(node, "children", {}).items():
        out.extend(_parameter_references(child, f"{path}.{name}" if path else name))
    return out


def rules_for_document(doc_id: str) -> dict | None:
    """Which rules implement which provisions of a document.

    Used by `gongbao show DOC_NO --rules` (the `show` command converts the 文号 to the
    document id of docs/identifiers.md, e.g. 郑政〔2017〕34号 → 郑政-2017-34, and prints this).

    Returns None for a document no rule implements, else::

        {"doc_id", "doc_no", "title", "policies": [policy ids],
         "provisions": [{"uri", "eid", "article", "text",
                         "variables": [{"policy", "name", "label"}],
                         "parameters": ["headquarters.settlement_award", ...]}]}

    >>> rules_for_document("郑政-2017-34")["policies"]
    ['headquarters']
    """
    doc = DOCUMENTS.get(doc_id)
    if doc is None:
        return None
    by_uri: dict[str, dict] = {}
    for p in PROVISIONS.values():
        if p.doc is doc:
            by_uri[p.uri] = {"uri": p.uri, "eid": p.eid, "article": p.article, "text": p.quote, "variables": [], "parameters": []}
    policies = [p for p in POLICIES.values() if p.doc is doc]
    seen_subjects = set()
    for policy in policies:
        if policy.engine == "draw":
            for uri in DRAW_REFERENCES.values():
                if uri in by_uri:
                    by_uri[uri]["variables"].append({"policy": policy.id, "name": "random_inspection.draw", "label": policy.title})
            continue
        tbs = tax_benefit_system(policy.subject)
        names = {f.variable or f.name for f in policy.fields} | set(policy.outputs)
        for variable in tbs.variables.values():
            if variable.name not in names and not _in_module(variable, MODULES[policy.id]):
                continue
            for uri in variable.reference or []:
                if uri in by_uri:
                    entry = {"policy": policy.id, "name": variable.name, "label": variable.label}
                    if entry not in by_uri[uri]["variables"]:
                        by_uri[uri]["variables"].append(entry)
        if policy.subject not in seen_subjects:
            seen_subjects.add(policy.subject)
            for path, refs in _parameter_references(tbs.parameters):
                for uri in refs:
                    if uri in by_uri and path not in by_uri[uri]["parameters"]:
                        by_uri[uri]["parameters"].append(path)
    return {
        "doc_id": doc.doc_id,
        "doc_no": doc.doc_no,
        "title": doc.title,
        "policies": [p.id for p in policies],
        "provisions": sorted(by_uri.values(), key=lambda e: list(PROVISIONS).index(e["uri"])),
    }
