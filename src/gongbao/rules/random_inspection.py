"""郑政办〔2018〕87号 双随机一公开: a reproducible random draw from published directories.

"随机抽取检查对象，随机选派执法检查人员" (一、（一）): the draw must be checkable by
anyone. So it uses no hidden state: every candidate is ranked by SHA-256 of
`seed|统一社会信用代码` (entities) or `seed|统一社会信用代码|执法证号` (inspectors for that
entity), and the lowest hashes win. Publishing the seed and the two directories (their
digests are in the result) lets anyone, in any language, redo the draw.

>>> out = draw([{"name": "甲", "credit_code": "A"}, {"name": "乙", "credit_code": "B"}],
...            [{"name": "张", "badge_no": "1"}, {"name": "李", "badge_no": "2"}],
...            seed="2018-10-20", count=1)
>>> len(out["drawn"]), len(out["drawn"][0]["inspectors"])
(1, 2)
"""

from __future__ import annotations

import hashlib
import json
import math
from dataclasses import dataclass
from datetime import date

import numpy as np

from gongbao.rules.calendar import add_working_days

W = "/akn/cn-410100/act/郑政办/2018/87/~"
MINIMUM_INSPECTORS = 2  # 二、（六） 执法检查人员不得少于两人
PUBLICATION_WORKING_DAYS = 20  # 二、（七） 自检查结果产生之日起20个工作日内
REFERENCES = {
    "directories": W + "sec_2__subsec_2",
    "ratio": W + "sec_2__subsec_4",
    "inspectors": W + "sec_2__subsec_6",
    "publication": W + "sec_2__subsec_7",
    "joint": W + "sec_2__subsec_9",
}


class DrawError(ValueError):
    """The directories or parameters do not allow a lawful draw; `field` names the culprit."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field


@dataclass(frozen=True)
class _Ranked:
    key: str
    digest: str
    record: dict


def _digest(*parts: str) -> str:
    return hashlib.sha256("|".join(parts).encode("utf-8")).hexdigest()


def directory_digest(records: list[dict], key: str) -> str:
    """SHA-256 of a directory in canonical form (sorted by key, sorted JSON fields)."""
    canonical = json.dumps(sorted(records, key=lambda r: str(r[key])), ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _check_directory(records: list[dict], key: str, field: str) -> None:
    if not isinstance(records, list) or not records:
        raise DrawError(field, "must be a non-empty list")
    seen: set[str] = set()
    for i, record in enumerate(records):
        if not isinstance(record, dict) or not str(record.get(key, "")).strip():
            raise DrawError(f"{field}[{i}].{key}", "is missing")
        if record[key] in seen:
            raise DrawError(f"{field}[{i}].{key}", f"{record[key]!r} appears twice")
        seen.add(record[key])


def draw(
    entities: list[dict],
    inspectors: list[dict],
    seed: str,
    count: int | None = None,
    ratio: float | None = None,
    team_size: int = MINIMUM_INSPECTORS,
    conflicts: list[list[str]] | None = None,
    result_date: date | None = None,
) -> dict:
    """Draw inspected entities and, for each, a team of inspectors.

    Args:
        entities: 检查对象名录库 rows, each with `credit_code` (统一社会信用代码) and `name`.
        inspectors: 执法检查人员名录库 rows, each with `badge_no` (执法证号) and `name`.
        seed: the published seed (e.g. the date and number of the draw announcement).
        count: how many entities to draw; or `ratio` (抽查比例, 0–1], rounded up.
        team_size: inspectors per entity, at least 2 (二、（六）).
        conflicts: [badge_no, credit_code] pairs with a 利害关系: that inspector is never
            sent to that entity (依法回避).
        result_date: when given, the publication deadline (20 working days) is added.

    Returns:
        {"seed", "count", "entities_digest", "inspectors_digest", "drawn": [{"entity",
        "rank_digest", "inspectors": [...]}], "publication_deadline" (or None)}.
    """
    if not isinstance(seed, str) or not seed.strip():
        raise DrawError("seed", "a published, non-empty seed is required")
    _check_directory(entities, "credit_code", "entities")
    _check_directory(inspectors, "badge_no", "inspectors")
    if isinstance(team_size, bool) or not isinstance(team_size, int) or team_size < MINIMUM_INSPECTORS:
        raise DrawError("team_size", f"must be an integer of at least {MINIMUM_INSPECTORS} (执法检查人员不得少于两人)")
    if (count is None) == (ratio is None):
        raise DrawError("count", "give exactly one of count or ratio")
    if ratio is not None:
        if isinstance(ratio, bool) or not isinstance(ratio, int | float) or not 0 < ratio <= 1:
            raise DrawError("ratio", "must be a number in (0, 1]")
        count = math.ceil(ratio * len(entities) - 1e-9)
    if isinstance(count, bool) or not isinstance(count, int) or not 1 <= count <= len(entities):
        raise DrawError("count", f"must be an integer between 1 and {len(entities)}")
    barred = {(str(b), str(c)) for b, c in (conflicts or [])}

    ranked = sorted(
        (_Ranked(str(e["credit_code"]), _digest(seed, str(e["credit_code"])), e) for e in entities),
        key=lambda r: (r.digest, r.key),
    )
    drawn = []
    for chosen in ranked[:count]:
        team = sorted(
            (
                _Ranked(str(i["badge_no"]), _digest(seed, chosen.key, str(i["badge_no"])), i)
                for i in inspectors
                if (str(i["badge_no"]), chosen.key) not in barred
            ),
            key=lambda r: (r.digest, r.key),
        )[:team_size]
        if len(team) < team_size:
            raise DrawError("inspectors", f"only {len(team)} inspectors without a conflict for {chosen.key}")
        drawn.append({"entity": chosen.record, "rank_digest": chosen.digest, "inspectors": [t.record for t in team]})

    deadline = None
    if result_date is not None:
        due = add_working_days(np.array([result_date], dtype="datetime64[D]"), PUBLICATION_WORKING_DAYS)[0]
        deadline = str(due)
    return {
        "seed": seed,
        "count": count,
        "team_size": team_size,
        "entities_digest": directory_digest(entities, "credit_code"),
        "inspectors_digest": directory_digest(inspectors, "badge_no"),
        "drawn": drawn,
        "publication_deadline": deadline,
    }
