"""Calculator forms generated from a policy's input metadata, and the facts they post.

A policy (from `gongbao.rules.list_policies()`) describes its inputs; each becomes one form
field: a number box, a date, a checkbox or a choice list. Form values arrive as strings and
are turned into the types the policy declared, so the rules never see HTML form encoding.

>>> coerce_facts({"inputs": [{"name": "capital", "type": "float"}]}, {"capital": "6e8"})
{'capital': 600000000.0}
"""

from __future__ import annotations

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
    if _choices(meta):
        return "select"
    kind = str(meta.get("type") or meta.get("value_type") or "text").lower()
    if kind in NUMBER_TYPES:
        return "number"
    if kind in BOOL_TYPES:
        return "checkbox"
    if kind == "date":
        return "date"
    return "text"


def input_fields(policy: dict[str, Any], values: dict[str, str]) -> list[dict[str, Any]]:
    """One form field per input, prefilled with the posted value or the declared default."""
    fields = []
    for meta in inputs(policy):
        name = str(meta["name"])
        default = meta.get("default")
        value = values.get(name, "" if default is None else str(default))
        kind = _kind(meta)
        fields.append({
            "name": name,
            "label": meta.get("label") or meta.get("title") or name,
            "kind": kind,
            "step": "1" if str(meta.get("type", "")).lower() in ("int", "integer") else "any",
            "unit": meta.get("unit"),
            "help": meta.get("help") or meta.get("description"),
            "choices": _choices(meta),
            "value": value,
            "checked": kind == "checkbox" and (
                value.lower() in TRUE if name in values else bool(default) and str(default).lower() != "false"),
            "required": bool(meta.get("required", kind in ("number", "select", "date"))),
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
            if meta.get("default") is not None:
                facts[name] = meta["default"]
            continue
        if kind == "number":
            convert = NUMBER_TYPES[str(meta.get("type") or meta.get("value_type")).lower()]
            try:
                facts[name] = convert(raw.replace(",", "").replace("，", ""))
            except ValueError:
                raise ValueError(f"{label}：请填写数字，收到 {raw!r}") from None
        elif kind == "select" and raw not in {value for value, _ in _choices(meta)}:
            raise ValueError(f"{label}：{raw!r} 不是可选值")
        else:
            facts[name] = raw
    return facts
