"""Calculator forms generated from a policy's input metadata, and the facts they post.

A policy (from `gongbao.rules.list_policies()`) describes its inputs; each becomes one form
field: a number box, a date, a checkbox or a choice list. Form values arrive as strings and
are turned into the types the policy declared, so the rules never see HTML form encoding.

>>> coerce_facts({"inputs": [{"name": "capital", "type": "number"}]}, {"capital": "60,000"})
{'capital': 60000.0}
"""

from __future__ import annotations

import json
from typing import Any

NUMBER_TYPES = {"int": int, "integer": int, "float": float, "number": float, "money": float}
BOOL_TYPES = {"bool", "boolean"}
TRUE = {"on", "true", "1", "yes", "是"}


def inputs(policy: dict[str, Any]) -> list[dict[str, Any]]:
    """The input descriptions of a policy, whatever list key the rules package uses."""
    for key in ("inputs", "fields", "facts", "variables"):
        found = policy.get(key)
        if isinstance(found, list):
            return [i for i in found if isinstance(i, dict) and i.get("name")]
        if isinstance(found, dict):
            return [{"name": name, **(meta if isinstance(meta, dict) else {})} for name, meta in found.items()]
    return []


def _choices(meta: dict[str, Any]) -> list[tuple[str, str]]:
    found = meta.get("choices") or meta.get("options") or meta.get("enum") or meta.get("possible_values") or []
    if isinstance(found, dict):
        return [(str(k), str(v)) for k, v in found.items()]
    pairs = []
    for item in found:
        if isinstance(item, dict):
            value = item.get("value", item.get("name"))
            pairs.append((str(value), str(item.get("label", value))))
        else:
            pairs.append((str(item), str(item)))
    return pairs


def _kind(meta: dict[str, Any]) -> str:
    """The form control of an input: select, number, checkbox, date, datetime-local, json, text."""
    if _choices(meta):
        return "select"
    kind = str(meta.get("type") or meta.get("value_type") or "text").lower()
    if kind in NUMBER_TYPES:
        return "number"
    if kind in BOOL_TYPES:
        return "checkbox"
    if kind in ("date", "datetime"):
        return "date" if kind == "date" else "datetime-local"
    if kind in ("array", "object"):
        return "json"  # a list of records (名录库): typed as JSON in a text area
    return "text"


def _prefill(kind: str, default: Any, choices: list[tuple[str, str]]) -> str:
    """A default the control can show; defaults that name a rule ("date of calculation")
    are not values, so the field stays empty and the rules apply them.
    """
    if default is None or isinstance(default, bool):
        return ""
    if kind == "number" and isinstance(default, int | float):
        return str(default)
    if kind == "select" and str(default) in {value for value, _ in choices}:
        return str(default)
    if kind == "date" and isinstance(default, str) and len(default) == 10 and default[4] == "-":
        return default
    if kind == "json" and isinstance(default, list | dict):
        return json.dumps(default, ensure_ascii=False)
    return ""


def input_fields(policy: dict[str, Any], values: dict[str, str]) -> list[dict[str, Any]]:
    """One form field per input, prefilled with the posted value or the declared default."""
    fields = []
    for meta in inputs(policy):
        name = str(meta["name"])
        default = meta.get("default")
        kind = _kind(meta)
        value = values.get(name, _prefill(kind, default, _choices(meta)))
        fields.append({
            "name": name,
            "label": meta.get("label") or meta.get("title") or name,
            "kind": kind,
            "step": "1" if str(meta.get("type", "")).lower() in ("int", "integer") else "any",
            "min": meta.get("minimum"),
            "max": meta.get("maximum"),
            "unit": meta.get("unit"),
            "default_note": None if default in (None, "", []) or _prefill(kind, default, _choices(meta)) or kind == "checkbox"
            else f"留空则按：{default}",
            "help": meta.get("help") or meta.get("description"),
            "choices": _choices(meta),
            "value": value,
            "checked": kind == "checkbox" and (
                value.lower() in TRUE if name in values else bool(default) and str(default).lower() != "false"),
            "required": bool(meta.get("required")) and kind != "checkbox",
        })
    return fields


def coerce_facts(policy: dict[str, Any], values: dict[str, str]) -> dict[str, Any]:
    """The posted strings as typed facts; raises ValueError naming the field that is wrong."""
    facts: dict[str, Any] = {}
    for meta in inputs(policy):
        name = str(meta["name"])
        kind = _kind(meta)
        label = meta.get("label") or name
        raw = values.get(name, "").strip()
        if kind == "checkbox":
            facts[name] = raw.lower() in TRUE
            continue
        if raw == "":
            continue  # the policy applies its own default (or says the fact is required)
        if kind == "number":
            convert = NUMBER_TYPES[str(meta.get("type") or meta.get("value_type")).lower()]
            try:
                facts[name] = convert(raw.replace(",", "").replace("，", ""))
            except ValueError:
                raise ValueError(f"{label}：请填写数字，收到 {raw!r}") from None
        elif kind == "select" and raw not in {value for value, _ in _choices(meta)}:
            raise ValueError(f"{label}：{raw!r} 不是可选值")
        elif kind == "json":
            try:
                facts[name] = json.loads(raw)
            except json.JSONDecodeError as exc:
                raise ValueError(f"{label}：不是有效的 JSON（{exc.msg}，第 {exc.pos + 1} 个字符）") from None
        else:
            facts[name] = raw
    return facts
