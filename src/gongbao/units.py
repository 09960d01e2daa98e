"""Units: responsible-unit names → one canonical name per body, and groups that fan out.

Gazette texts name the same body many ways (市发展改革委 / 市发改委 / 郑州市发展和改革委员会)
and write lists that share a prefix (市发展改革委、工信委、通信管理办 = 市发展改革委, 市工信委,
市通信管理办). `split_units` turns a printed list into names; `UnitRegistry.canonical` maps
a name to its body. The registry is data (`data/units.yaml`), derived from the corpus by the
rules in `build_registry` (`gongbao units --write`) and editable by hand in its `curated`
section, which regeneration keeps.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

REGISTRY_PATH = Path(__file__).parent / "data" / "units.yaml"

# The endings of an organisation's name (机构名称的类属词), longest first.
ORG_SUFFIXES = (
    "人民政府", "管理委员会", "委员会", "办公室", "办公厅", "管委会", "服务中心", "中心支行",
    "联合会", "研究院", "检察院", "人民法院", "法院", "分公司", "公司", "集团", "海关", "分局",
    "政府", "部门", "单位", "机关", "机构", "河务局", "支队", "大队", "中心", "局", "委", "办",
    "厅", "院", "会", "部", "所", "室", "站", "社", "行", "联", "处", "队", "组", "长", "区",
)
# Whole phrases that name no particular body: the task falls to whoever holds the duty.
GENERIC_UNITS = re.compile(
    r"^(?:市政府)?(?:各|相关|有关|其他)(?:有关|相关)?(?:部门|单位|局委|成员单位)$"
    r"|^(?:市政府|市直|市级)(?:各)?(?:有关|相关)?(?:部门|单位|局委)$"
)
# Role words that end a printed unit list: （…按职责分工负责）, …牵头, …配合.
_ROLE_TAIL = re.compile(
    r"(?:等|等有关单位|等有关部门|等部门|等单位|等相关部门)?(?:按照?(?:行政)?职责(?:分工)?(?:分别)?)?"
    r"(?:牵头负责|共同负责|负责|牵头|配合|参与|参加|落实)?[。；;，,]?$"
)
_OPEN, _CLOSE = "（〔(［[【", "）〕)］]】"
# A county-level government or development-zone committee named in the text.
_COUNTY_RE = re.compile(r"(?:^|(?<=[、，,。：:；;（\s]))(?P<n>[\u4e00-\u9fff]{2,4}?(?:县|市|区))(?:人民)?政府(?=[、，,。；;）\s]|$)")
_ZONE_RE = re.compile(
    r"(?:^|(?<=[、，,。：:；;（\s]))(?P<n>(?:郑州)?(?:[\u4e00-\u9fff]{2,10}?)(?:新区|开发区|实验区|高新区|经开区|航空港区|片区))管委会"
)
_NOT_PLACES = ("郑州市", "河南省", "全市", "本市", "城市", "省辖市", "我市", "县市区", "城区", "市区",
               "社区", "开发区", "地区", "辖区", "片区", "园区", "市内五区", "本区", "县区")


def normalise_surface(name: str) -> str:
    """Spelling-level clean-up: spaces, bracket forms, 郑州市 → 市, 区政府 → 区人民政府.

    Example:
        >>> normalise_surface("各县 〔市、 区〕 政府")
        '各县（市、区）人民政府'
    """
    s = re.sub(r"\s+", "", name)
    s = s.translate(str.maketrans({"〔": "（", "〕": "）", "(": "（", ")": "）", "［": "（", "］": "）"}))
    s = s.strip("。；;，,、：:*")
    if s.startswith("郑州市") and len(s) > 3 and not s.startswith("郑州市人民政府"):
        s = "市" + s[3:]
    # 金水区政府 / 各县（市、区）政府 → …人民政府 (the formal name of the body).
    s = re.sub(r"(?<=[县区市）])政府$", "人民政府", s)
    return s


def _split_top(text: str, seps: str) -> list[str]:
    """Split on separators outside brackets: 各县（市、区）政府 stays one piece."""
    parts, depth, current = [], 0, []
    for ch in text:
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            depth = max(0, depth - 1)
        if ch in seps and depth == 0:
            parts.append("".join(current))
            current = []
        else:
            current.append(ch)
    parts.append("".join(current))
    return [p for p in (q.strip() for q in parts) if p]


def _no_prefix(item: str) -> bool:
    """Names that do not take the shared 市 of their list (金水区政府, 郑州海关, 团市委)."""
    if item.startswith("市") and not item.startswith("市场"):
        return True
    if re.match(r"^(?:省|国(?!土)|各|相关|有关|郑州|河南|中国|中原|县|区|团|郑东|金水|其他|所在|市直|市级|成员)", item):
        return True
    if re.fullmatch(r"[\u4e00-\u9fff]{2,3}[市县区]", item):  # 登封市, 中牟县: places, not bureaus
        return True
    return bool(re.search(r"(?:[县区]|[县区市]（[^）]*）)(?:人民)?政府$|管委会$|公司$|集团$|海关$|法院$|检察院$|分局$|支行$|分行$", item))


def split_units(text: str, inherit: str = "") -> list[str]:
    """A printed unit list → unit names as printed, with the shared 市 restored.

    Groups are separated by "，" and names inside a group by "、" (GB/T 9704 practice); a
    leading 市 is written once per group (`inherit` carries it in from text before, as in
    市X会同教育局、卫计委负责). 各级X、Y和Z部门 distributes 各级 and 部门.

    Example:
        >>> split_units("市发展改革委、工信委、通信管理办")
        ['市发展改革委', '市工信委', '市通信管理办']
        >>> split_units("市规划局，各县 (市、 区) 政府，各开发区管委会")
        ['市规划局', '各县（市、区）人民政府', '各开发区管委会']
    """
    text = normalise_surface(text)
    text = _ROLE_TAIL.sub("", text)
    units: list[str] = []
    for group in _split_top(text, "，,；;"):
        group = _ROLE_TAIL.sub("", group)
        distributed = re.fullmatch(r"各级(.+?)(等)?部门(?:和(.+))?", group)
        if distributed:
            for piece in _split_top(distributed.group(1), "、和"):
                units.append(f"各级{piece}部门")
            if distributed.group(3):
                units.append(distributed.group(3))
            continue
        items = [piece for item in _split_top(group, "、") for piece in _split_and(item)]
        shared = "市" if items and items[0].startswith("市") and not items[0].startswith("市场") else inherit
        for n, item in enumerate(items):
            item = _ROLE_TAIL.sub("", item).strip()
            if not item:
                continue
            if (n or inherit) and shared and not _no_prefix(item):
                item = shared + item
            units.append(normalise_surface(item))
    return [u for u in units if u]


def _split_and(item: str) -> list[str]:
    """文物局及各县（市、区）政府 → two units; 市文化广电和旅游局 stays one (a half is no unit)."""
    for joiner in ("及", "和"):
        head, sep, tail = item.partition(joiner)
        if sep and looks_like_unit(head) and looks_like_unit(normalise_surface(tail)):
            return [head, *_split_and(tail)]
    return [item]


def looks_like_unit(name: str) -> bool:
    """Does a name end like an organisation (局, 委, 办, 政府, 管委会, 公司, 部门 …)?

    Example:
        >>> looks_like_unit("市卫计委"), looks_like_unit("以下简称双安双创")
        (True, False)
    """
    if not 2 <= len(name) <= 40:
        return False
    if re.search(r"[。，；：:\d%]", name):
        return False
    return name.endswith(ORG_SUFFIXES)


@dataclass
class UnitRegistry:
    """Canonical units, their aliases and the groups that fan out to members."""

    aliases: dict[str, str] = field(default_factory=dict)  # alias → canonical
    groups: dict[str, list[str]] = field(default_factory=dict)  # group → members
    units: list[str] = field(default_factory=list)

    def canonical(self, name: str) -> str:
        """The canonical name of a unit (itself when unknown).

        Example:
            >>> UnitRegistry(aliases={"市发改委": "市发展改革委"}).canonical("郑州市发改委")
            '市发展改革委'
        """
        surface = normalise_surface(name)
        return self.aliases.get(surface) or group_name(surface) or surface

    def is_group(self, name: str) -> bool:
        return self.canonical(name) in self.groups

    def members(self, name: str) -> list[str]:
        """The members a group fans out to (empty for a unit or an unknown member list)."""
        return list(self.groups.get(self.canonical(name), []))

    def concerns(self, unit: str, named: Iterable[str]) -> bool:
        """Is `unit` one of the units `named`, directly or as a member of a named group?

        Example:
            >>> r = UnitRegistry(groups={"各县（市、区）人民政府": ["金水区人民政府"]})
            >>> r.concerns("金水区政府", ["市财政局", "各县（市、区）人民政府"])
            True
        """
        wanted = self.canonical(unit)
        for name in named:
            canonical = self.canonical(name)
            if canonical == wanted or wanted in self.groups.get(canonical, ()):
                return True
        return False


@lru_cache(maxsize=4)
def _load(path: str) -> UnitRegistry:
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    return registry_from_data(data)


def registry_from_data(data: dict) -> UnitRegistry:
    """Build a registry from the YAML data (the curated section wins over derived rows)."""
    registry = UnitRegistry()
    for row in data.get("units") or []:
        registry.units.append(row["name"])
        for alias in row.get("aliases") or []:
            registry.aliases[alias] = row["name"]
    for row in data.get("groups") or []:
        registry.groups[row["name"]] = list(row.get("members") or [])
        for alias in row.get("aliases") or []:
            registry.aliases[alias] = row["name"]
    curated = data.get("curated") or {}
    for alias, canonical in (curated.get("aliases") or {}).items():
        registry.aliases[normalise_surface(alias)] = canonical
    for group, members in (curated.get("members") or {}).items():
        known = registry.groups.setdefault(group, [])
        known.extend(m for m in members if m not in known)
    # Members are matched by their canonical names (郑州经济开发区管委会 → 郑州经开区管委会).
    for group, members in registry.groups.items():
        registry.groups[group] = list(dict.fromkeys(registry.canonical(m) for m in members))
    return registry


def load_registry(path: Path | None = None) -> UnitRegistry:
    """The unit registry shipped with gongbao (or the one at `path`), read once."""
    return _load(str(path or REGISTRY_PATH))


# --- deriving the registry from the corpus ---------------------------------------------

_SUFFIX_EQUIV = (("委员会", "委"), ("办公室", "办"), ("人民政府", "政府"))


def _core(name: str) -> tuple[str, str]:
    """(scope, core) with the 市/市政府 scope removed and long suffixes shortened."""
    scope = ""
    for prefix in ("市政府", "市"):
        if name.startswith(prefix) and not name.startswith("市委") and len(name) > len(prefix) + 1:
            scope, name = "市", name[len(prefix):]
            break
    for long, short in _SUFFIX_EQUIV:
        if name.endswith(long):
            name = name[: -len(long)] + short
    return scope, name


def _is_subsequence(short: str, long: str) -> bool:
    it = iter(long)
    return all(ch in it for ch in short)


def _alias_of(short: str, long: str) -> bool:
    """Is `short` an abbreviation of `long` (市发改委 of 市发展改革委; 市规划局 of 市城乡规划局)?"""
    s_scope, s = _core(short)
    l_scope, lo = _core(long)
    if s_scope != l_scope or len(s) < 2 or s == lo:
        return s_scope == l_scope and s == lo and short != long
    if len(s) >= len(lo) or s[-1] != lo[-1]:
        return False
    if s_scope:
        return (s[0] == lo[0] and _is_subsequence(s, lo)) or lo.endswith(s)
    # Outside the 市 scope only a parent prefix is dropped: 国网郑州供电公司 → 郑州供电公司.
    return len(s) >= 4 and lo.endswith(s)


def build_registry(
    mentions: Counter[str],
    corpus_text: str,
    curated: dict | None = None,
    issues_of: dict[str, set[str]] | None = None,
    texts_by_issue: dict[str, str] | None = None,
) -> dict:
    """Derive the registry data from unit mentions and the corpus text, by rule.

    Aliases: a name is an alias of another when, in the same scope (市), it keeps the first
    character and the ending and is a subsequence of it (市发改委 ⊂ 市发展改革委), or the other
    ends with it (市规划局 ⊂ 市城乡规划局, 郑州供电公司 ⊂ 国网郑州供电公司), and both spellings
    are printed in the same issue (a renamed body — 市规划局 of 2017, 市资源规划局 of 2022 —
    is not an alias). Names of bodies found anywhere in the text (由郑州市发改委…) add aliases
    only. The body's canonical name is its most mentioned spelling. Groups: 各县（市、区）人民政府 and 各开发区管委会 in all
    their spellings; members are the county-level governments and zone committees the corpus
    names. The `curated` section is copied as is.

    Returns:
        The YAML-ready mapping ``{"curated", "units", "groups"}``.
    """
    names = {normalise_surface(n): c for n, c in mentions.items()}
    merged: Counter[str] = Counter()
    for name, count in names.items():
        merged[name] += count
    group_of: dict[str, str] = {}
    for name in merged:
        group = group_name(name)
        if group:
            group_of[name] = group
    plain = [n for n in merged if n not in group_of and not GENERIC_UNITS.match(n) and looks_like_unit(n)]
    parent = {n: n for n in plain}

    def find(n: str) -> str:
        while parent[n] != n:
            parent[n] = parent[parent[n]]
            n = parent[n]
        return n

    seen = _issue_names(texts_by_issue or {})
    issues = {n: set(issues_of.get(n, set())) if issues_of else set() for n in plain}
    for name, where in seen.items():
        issues.setdefault(name, set()).update(where)
    extra = [n for n in seen if n not in parent and looks_like_unit(n)]
    for name in extra:
        parent[name] = name

    def same_time(a: str, b: str) -> bool:
        return not (issues_of or texts_by_issue) or bool(issues.get(a, set()) & issues.get(b, set()))

    for short in plain + extra:
        longs = [long for long in plain + extra if long != short and _alias_of(short, long) and same_time(short, long)]
        roots = {find(long) for long in longs}
        if len(roots) == 1:  # ambiguous abbreviations (two different bodies) stay apart
            parent[find(short)] = roots.pop()
    clusters: dict[str, list[str]] = {}
    for name in plain + extra:
        clusters.setdefault(find(name), []).append(name)
    units = []
    for members in clusters.values():
        if not any(m in merged for m in members):
            continue  # a body named in the text but given no task: not a unit of the registry
        members = [m for m in members if m in merged] + sorted(m for m in members if m not in merged)
        members.sort(key=lambda n: (-merged.get(n, 0), -len(n), n))
        units.append({
            "name": members[0],
            "aliases": sorted(members[1:]),
            "mentions": sum(merged.get(n, 0) for n in members),
        })
    units.sort(key=lambda row: (-row["mentions"], row["name"]))
    counties, zones = county_members(corpus_text)
    groups = [
        {"name": COUNTY_GROUP, "members": counties,
         "aliases": sorted(n for n, g in group_of.items() if g == COUNTY_GROUP and n != COUNTY_GROUP)},
        {"name": ZONE_GROUP, "members": zones,
         "aliases": sorted(n for n, g in group_of.items() if g == ZONE_GROUP and n != ZONE_GROUP)},
    ]
    return {"curated": curated or {"aliases": {}, "members": {}}, "units": units, "groups": groups}


# A municipal body named in running text: 由郑州市发改委牵头, 市食药监局、….
_BODY_IN_TEXT = re.compile(r"(?:^|(?<=[、，。：；（由和及\n]))(?:郑州市|市)(?:政府)?[\u4e00-\u9fff]{1,9}?(?:委员会|办公室|委|局|办)(?=[、，。；）负牵会配等和及\n])")


def _issue_names(texts_by_issue: dict[str, str]) -> dict[str, set[str]]:
    """Municipal body names printed in each issue's text (candidates for aliases)."""
    found: dict[str, set[str]] = {}
    for issue, text in texts_by_issue.items():
        for m in _BODY_IN_TEXT.finditer(text):
            found.setdefault(normalise_surface(m.group(0)), set()).add(issue)
    return found


COUNTY_GROUP = "各县（市、区）人民政府"
ZONE_GROUP = "各开发区管委会"
_COUNTY_GROUP_RE = re.compile(
    r"^(?:各|相关|有关|所在)?(?:县（市、区）|区县（市）|县（市）|县（区）|县市区|区县|县区)(?:人民)?政府$"
    r"|^(?:各|相关|有关)?(?:县（市、区）|区县（市）|县市区)$|^各区(?:人民)?政府$"
)
_ZONE_GROUP_RE = re.compile(
    r"^(?:市级|相关|有关)?各?(?:开发区|区)(?:管委会)?$|^(?:相关|有关|市级各)?开发区管委会$|^管委会$"
)


def group_name(name: str) -> str | None:
    """The group a collective name stands for, if any.

    Example:
        >>> group_name("区县（市）人民政府"), group_name("市级各开发区")
        ('各县（市、区）人民政府', '各开发区管委会')
    """
    surface = normalise_surface(name)
    if _COUNTY_GROUP_RE.match(surface):
        return COUNTY_GROUP
    if _ZONE_GROUP_RE.match(surface):
        return ZONE_GROUP
    return None


def county_members(corpus_text: str) -> tuple[list[str], list[str]]:
    """County-level governments and development-zone committees named in the corpus.

    Example:
        >>> county_members("责任单位：中原区人民政府，郑东新区管委会、郑州高新区管委会")
        (['中原区人民政府'], ['郑东新区管委会', '郑州高新区管委会'])
    """
    # Spaces stay: they separate a person's name from the body in rosters (周军营 郑东新区管委会).
    text = corpus_text.translate(str.maketrans({"〔": "（", "〕": "）", "(": "（", ")": "）"}))
    counties = Counter()
    for m in _COUNTY_RE.finditer(text):
        place = m.group("n")
        if place in _NOT_PLACES or re.search(r"[报送向由对和及在于经为以与涉]", place) \
                or place.startswith(("各", "相关", "有关", "全", "本", "郑州", "省")) \
                or any(place.endswith(x) for x in ("城市", "县市", "开发区", "新区")):
            continue
        counties[f"{place}人民政府"] += 1
    zones = Counter()
    for m in _ZONE_RE.finditer(text):
        place = m.group("n")
        if place.startswith(("各", "相关", "有关", "市级", "开发区", "本", "以", "协助", "涉及")) \
                or re.search(r"[和及由与]|范围", place) or place in _NOT_PLACES:
            continue
        zones[f"{place}管委会"] += 1
    return _drop_prefixed(counties), _drop_prefixed(zones)


def _drop_prefixed(names: Counter) -> list[str]:
    """Drop 周军营郑东新区管委会 when 郑东新区管委会 is there: a person's name glued on."""
    return sorted(
        n for n in names
        if not any(o != n and n.endswith(o) and len(n) - len(o) <= 3 for o in names)
    )
