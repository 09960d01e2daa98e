"""Tasks stage: a document → its tasks (who must do what by when).

Gazette documents assign work in a few printed forms (GB/T 9704 practice and local habit):

- ``paren``: a tag after the sentence it governs — （市环保局负责）, （责任单位：…）,
  （市卫计委牵头，市科技局负责）, （牵头单位：…；责任单位：…；完成时限：…）;
- ``fields``: 牵头单位： / 责任单位： / 配合单位： / 完成时限： / 时间节点： lines after a task;
- ``sentence``: a line of its own, 市数字办牵头，市政府有关部门按照行政职责分工负责。;
- ``table``: task tables with 牵头单位 / 责任单位 / 负责单位 / 配合单位 / 完成时限 columns;
- ``narrative`` and ``column``: 由市物价局牵头，会同… in running text or in a 专栏 box.

`derive_tasks` reads all of them; units are split and normalised by `units`, deadlines read
by `deadlines`. A task's eId is the innermost provision (from the structure stage) holding
its first line; without provisions it is None.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from gongbao.deadlines import find_deadlines, governing, parse_deadline
from gongbao.models import Document
from gongbao.models.ingest import SourceSpan
from gongbao.models.tasks import Deadline, Task
from gongbao.regexes import STRUCTURE_MARKER_REGEX
from gongbao.units import UnitRegistry, load_registry, looks_like_unit, split_units

# 牵头单位：/责任单位：/… labels; a line may carry several (…管委会完成时限： 2018年9月).
_LABEL = (r"牵头单位|牵头部门|牵头领导|责任单位|责任部门|负责单位|配合单位|配合部门"
          r"|时间节点|完成时限|完成时间|时间要求")
FIELD_LABEL_REGEX = re.compile(rf"(?P<label>{_LABEL})\s*[:：]")
FIELD_LINE_REGEX = re.compile(rf"^(?:\d+[.．、]\s*)?\**(?:{_LABEL})\**\s*[:：]")
_ROLE_OF_LABEL = {
    "牵头单位": "lead", "牵头部门": "lead", "牵头领导": "lead",
    "责任单位": "responsible", "责任部门": "responsible", "负责单位": "responsible",
    "配合单位": "cooperating", "配合部门": "cooperating",
}
_DEADLINE_LABELS = ("时间节点", "完成时限", "完成时间", "时间要求")
# "1.时间节点：" "2.攻坚重点：" "1.时间：": numbered labelled sub-paragraphs of one task.
_LABELLED_ITEM = re.compile(r"^\d+[.．、]\s*[\u4e00-\u9fff]{2,6}[:：]")
# The last role word of a group of units decides its role.
_ROLE_WORD = re.compile(
    r"(?:等有关单位|等相关部门|等部门|等单位|等)?(?:按照?(?:行政)?职责(?:分工)?(?:分别)?)?"
    r"(?P<role>牵头负责|共同负责|负责|牵头|配合|参与|参加|落实)[。]?$"
)
_PAREN = re.compile(r"[（(](?P<body>[^（()）]*(?:[（〔(][^）〕)]*[）〕)][^（()）]*)*)[）)]")
_NARRATIVE = re.compile(
    r"由(?P<lead>[^，。；由]{2,60}?)(?:共同)?牵头(?:负责)?"
    r"(?:[，,]?(?:会同|联合)(?P<with>[^，。；]{2,150}?)(?=[，。；]|共同|进一步|根据|开展|建立|制定|研究))?"
    r"(?:[，,](?P<part>[^。；]{2,200}?)(?:参加|配合|参与)(?=[。；，]|$))?"
)
_SENTENCE_LINE = re.compile(r"^(?P<lead>[^。；（(]{2,80}?)(?:按照?职责分工)?牵头(?:[，,](?P<rest>[^。]+?))?[。]?$")
_TABLE_HEADER_UNITS = ("牵头单位", "责任单位", "负责单位", "配合单位")
_TABLE_TEXT = ("工作任务", "重点任务", "主要任务", "任务", "工作内容", "重点产业链", "事项")
_TEXT_CAP = 8  # lines walked back from a field block to find the task it follows


@dataclass
class _Line:
    text: str
    start: int
    end: int
    table: bool


def _lines(document: Document) -> list[_Line]:
    """Cleaned lines, with tags and field values broken across two lines joined back."""
    out: list[_Line] = []
    for line in document.lines:
        text = line.text
        if out and not out[-1].table and not line.is_table_row and _continues(out[-1].text, text):
            prev = out[-1]
            out[-1] = _Line(prev.text + text, prev.start, line.span.line_end, False)
            continue
        out.append(_Line(text, line.span.line_start, line.span.line_end, line.is_table_row))
    return [piece for line in out for piece in _split_glued(line)]


def _split_glued(line: _Line) -> list[_Line]:
    """A unit field glued to the next paragraph by the cleaner (…管委会2017年10月底前出台…).

    Unit lists never hold a year, so a year right after a unit ending starts new text.
    """
    if line.table or not FIELD_LINE_REGEX.match(line.text):
        return [line]
    m = re.search(r"(?<=[会局委办府司厅])(?=(?:19|20)\d{2}年)", line.text)
    if not m or FIELD_LABEL_REGEX.search(line.text, m.start()):
        return [line]
    return [_Line(line.text[: m.start()], line.start, line.start, False),
            _Line(line.text[m.start():], line.end, line.end, False)]


def _continues(previous: str, text: str) -> bool:
    """Is `text` the rest of `previous` (a page break inside a tag or a unit list)?"""
    opened = previous.count("（") + previous.count("(") - previous.count("）") - previous.count(")")
    if opened > 0:
        close = min((i for i in (text.find("）"), text.find(")")) if i >= 0), default=-1)
        first_open = min((i for i in (text.find("（"), text.find("(")) if i >= 0), default=len(text))
        return 0 <= close < 60 and close < first_open
    if FIELD_LINE_REGEX.match(previous) and not FIELD_LINE_REGEX.match(text):
        # 牵头单位：市人才办、教育局、科技局、 / 人社局。
        return previous.endswith(("、", "，")) or (len(text) <= 6 and not STRUCTURE_MARKER_REGEX.match(text))
    return False


def _roles(text: str) -> dict[str, list[str]]:
    """Units of a printed assignment by role: X牵头，Y、Z按职责分工负责，W配合.

    A group without its own role word takes the role of the next group that has one
    (市政府有关部门，各县（市、区）政府，各开发区管委会按照行政职责分工负责).

    Example:
        >>> _roles("市卫计委牵头，市发展改革委、市人社局按职责分工负责")
        {'lead': ['市卫计委'], 'responsible': ['市发展改革委', '市人社局'], 'cooperating': []}
    """
    roles: dict[str, list[str]] = {"lead": [], "responsible": [], "cooperating": []}
    text = text.strip().rstrip("。；;")
    # 牵头会同 / 会同: the units after 会同 help the ones before.
    head, _, helpers = re.sub(r"牵头会同", "牵头，会同", text).partition("会同")
    if helpers:
        head = head.rstrip("，,")
        helpers = _ROLE_WORD.sub("", helpers)
        roles["cooperating"].extend(split_units(helpers, "市" if head.startswith("市") else ""))
    pending: list[str] = []
    for group in _groups(head):
        m = _ROLE_WORD.search(group)
        if not m:
            pending.append(group)
            continue
        role = {"牵头": "lead", "牵头负责": "lead", "配合": "cooperating", "参与": "cooperating",
                "参加": "cooperating"}.get(m.group("role"), "responsible")
        for piece in pending + [group[: m.start()]]:
            roles[role].extend(split_units(piece))
        pending = []
    for piece in pending:  # trailing groups with no role word: responsible
        roles["lead" if helpers else "responsible"].extend(split_units(piece))
    return roles


def _groups(text: str) -> list[str]:
    depth, current, out = 0, [], []
    for ch in text:
        if ch in "（〔(":
            depth += 1
        elif ch in "）〕)":
            depth = max(0, depth - 1)
        if ch in "，," and depth == 0:
            out.append("".join(current))
            current = []
        else:
            current.append(ch)
    out.append("".join(current))
    return [g for g in out if g.strip()]


def _all_units(roles: dict[str, list[str]]) -> list[str]:
    return roles["lead"] + roles["responsible"] + roles["cooperating"]


def _valid(roles: dict[str, list[str]]) -> bool:
    units = _all_units(roles)
    return bool(units) and all(looks_like_unit(u) for u in units)


def _fields(text: str) -> list[tuple[str, str]]:
    """label/value pairs of a field line: 牵头单位：X；责任单位：Y；完成时限：Z."""
    matches = list(FIELD_LABEL_REGEX.finditer(text))
    out = []
    for i, m in enumerate(matches):
        end = matches[i + 1].start() if i + 1 < len(matches) else len(text)
        out.append((m.group("label"), text[m.end():end].strip(" ；;。*")))
    return out


def _field_roles(pairs: Iterable[tuple[str, str]]) -> tuple[dict[str, list[str]], list[str]]:
    roles: dict[str, list[str]] = {"lead": [], "responsible": [], "cooperating": []}
    deadlines: list[str] = []
    for label, value in pairs:
        if label in _DEADLINE_LABELS:
            deadlines.append(value)
            continue
        inner = _roles(value)
        if inner["lead"] or inner["cooperating"]:
            # 责任单位：X牵头，Y配合 — the printed roles inside the cell win.
            for role, units in inner.items():
                roles[role].extend(units)
        else:
            roles[_ROLE_OF_LABEL[label]].extend(split_units(value))
    return roles, deadlines


def _is_heading_or_item(text: str) -> bool:
    return bool(STRUCTURE_MARKER_REGEX.match(text)) and not _LABELLED_ITEM.match(text)


def _text_before(lines: list[_Line], index: int, stop: set[int]) -> list[int]:
    """Indexes of the lines a field block or tag line follows: back to the item heading."""
    picked: list[int] = []
    i = index - 1
    while i >= 0 and len(picked) < _TEXT_CAP and i not in stop and not lines[i].table:
        text = lines[i].text
        if re.match(r"^[一二三四五六七八九十]+、", text) and picked:
            break  # the chapter heading above a task is not part of it
        picked.append(i)
        if _is_heading_or_item(text):
            break
        i -= 1
    return sorted(picked)


class _Builder:
    def __init__(self, document: Document, registry: UnitRegistry, provisions: Sequence[dict] | None) -> None:
        self.document = document
        self.registry = registry
        self.flat = _flatten(provisions or [])
        self.tasks: list[Task] = []

    def add(self, text: str, roles: dict[str, list[str]], start: int, end: int, fmt: str,
            units_text: str, deadline_texts: Sequence[str] = ()) -> None:
        text = text.strip().strip("，,；;")
        if not text:
            return
        doc_date: date | None = self.document.date
        milestones: list[Deadline] = []
        for value in deadline_texts:
            parsed = parse_deadline(value, doc_date)
            if parsed is not None:
                milestones.append(parsed)
        if not milestones:
            milestones = find_deadlines(text, doc_date)
        deadline = governing(milestones)
        lead = self._canon(roles["lead"], ())
        responsible = self._canon(roles["responsible"], lead)
        cooperating = self._canon(roles["cooperating"], lead + responsible)
        flags = ("units-generic",) if all(_generic(u) for u in lead + responsible + cooperating) else ()
        source = self.document.source
        self.tasks.append(Task(
            text=text, lead=lead, responsible=responsible, cooperating=cooperating,
            deadline=deadline, document_id=self.document.id, eid=provision_at(self.flat, start, end),
            span=SourceSpan(source.file, source.issue, start, end), format=fmt,
            milestones=tuple(milestones), units_text=units_text, flags=flags,
        ))

    def _canon(self, names: list[str], taken: Sequence[str]) -> tuple[str, ...]:
        out: list[str] = []
        for name in names:
            canonical = self.registry.canonical(name)
            if canonical and canonical not in out and canonical not in taken:
                out.append(canonical)
        return tuple(out)


def _generic(name: str) -> bool:
    return bool(re.search(r"(?:有关|相关|各)(?:部门|单位)$|成员单位$|职能部门$", name))


def derive_tasks(
    document: Document,
    provisions: Sequence[dict] | None = None,
    registry: UnitRegistry | None = None,
) -> list[Task]:
    """Every task printed in a document, in printed order.

    Args:
        document: a segmented document.
        provisions: the structure stage's provisions of the document (record key
            ``provisions``), used to give each task the eId of the provision holding it.
        registry: unit names and aliases (default: the registry shipped in ``data/units.yaml``).

    Example:
        A line "加强清真食品牌证管理（市民委负责）。" gives
        ``Task(text="加强清真食品牌证管理", responsible=("市民委",), format="paren", …)``.
    """
    builder = _Builder(document, registry or load_registry(), provisions)
    lines = _lines(document)
    consumed: set[int] = set()
    _read_fields(lines, builder, consumed)
    _read_sentences(lines, builder, consumed)
    _read_parens(lines, builder, consumed)
    _read_tables(lines, builder)
    _read_narrative(lines, builder)
    tasks = builder.tasks
    tasks.sort(key=lambda t: (t.span.line_start, t.span.line_end))
    return tasks


def _read_fields(lines: list[_Line], builder: _Builder, consumed: set[int]) -> None:
    unit_lines = [
        i for i, line in enumerate(lines)
        if not line.table and FIELD_LINE_REGEX.match(line.text)
        and any(label in _ROLE_OF_LABEL for label, _ in _fields(line.text))
    ]
    blocks: list[list[int]] = []
    for i in unit_lines:
        if blocks and i == blocks[-1][-1] + 1:
            blocks[-1].append(i)
        elif blocks and all(FIELD_LINE_REGEX.match(lines[j].text) for j in range(blocks[-1][-1] + 1, i)):
            blocks[-1].extend(range(blocks[-1][-1] + 1, i + 1))
        else:
            blocks.append([i])
    # A deadline field right after the block belongs to it (完成时限 printed last).
    for block in blocks:
        j = block[-1] + 1
        while j < len(lines) and not lines[j].table and FIELD_LINE_REGEX.match(lines[j].text) \
                and j not in unit_lines:
            block.append(j)
            j += 1
    stop = {i for block in blocks for i in block}
    for block in blocks:
        pairs = [pair for i in block for pair in _fields(lines[i].text)]
        roles, deadline_texts = _field_roles(pairs)
        before = _text_before(lines, block[0], stop)
        # 1.时间节点：… inside the task text is its deadline field.
        for i in before:
            for label, value in _fields(lines[i].text):
                if label in _DEADLINE_LABELS and FIELD_LINE_REGEX.match(lines[i].text):
                    deadline_texts.append(value)
        after = block[-1] + 1
        # **责任单位：**… followed by **职责：**…: the duties are the task (郑政办〔2018〕85号).
        if after < len(lines) and re.match(r"^\**(?:主要)?职责\**[:：]", lines[after].text):
            before = before + [after]
            block = block + [after]
        text = "\n".join(lines[i].text for i in before)
        start = lines[before[0]].start if before else lines[block[0]].start
        units_text = "；".join(lines[i].text for i in block if i not in before)
        builder.add(text, roles, start, max(lines[block[-1]].end, lines[before[-1]].end if before else 0),
                    "fields", units_text, deadline_texts)
        consumed.update(block)


def _read_sentences(lines: list[_Line], builder: _Builder, consumed: set[int]) -> None:
    for i, line in enumerate(lines):
        if line.table or i in consumed or len(line.text) > 160:
            continue
        m = _SENTENCE_LINE.match(line.text)
        if not m:
            continue
        roles = _roles(line.text.rstrip("。"))
        if not roles["lead"] or not _valid(roles):
            continue
        before = _text_before(lines, i, consumed | {i})
        if not before:
            continue
        text = "\n".join(lines[j].text for j in before)
        builder.add(text, roles, lines[before[0]].start, line.end, "sentence", line.text)
        consumed.add(i)


def _tag_roles(body: str) -> dict[str, list[str]] | None:
    """The roles of a parenthetical tag, or None when it is not an assignment."""
    body = body.strip().rstrip("。")
    if FIELD_LABEL_REGEX.search(body):
        roles, _ = _field_roles(_fields(body))
        return roles if _valid(roles) else None
    if not re.search(r"(?:负责|牵头|配合)", body):
        return None
    # （市食品药品监督管理局负责，相关部门按照备忘录约定内容采取惩戒措施）: the tail is prose.
    m = re.match(r"^(?P<units>.+?负责)[，,](?P<tail>.+)$", body)
    if m and not _ROLE_WORD.search(m.group("tail")):
        body = m.group("units")
    if not _ROLE_WORD.search(body):
        return None
    # （X会同Y负责）: X is responsible, Y helps.
    if "会同" in body and "牵头" not in body:
        head, _, rest = body.partition("会同")
        inherit = "市" if head.startswith("市") else ""
        roles = {"lead": [], "responsible": split_units(head),
                 "cooperating": split_units(_ROLE_WORD.sub("", rest), inherit)}
    else:
        roles = _roles(body)
    return roles if _valid(roles) else None


def _read_parens(lines: list[_Line], builder: _Builder, consumed: set[int]) -> None:
    for i, line in enumerate(lines):
        if line.table or i in consumed:
            continue
        cursor = 0
        for m in _PAREN.finditer(line.text):
            roles = _tag_roles(m.group("body"))
            if roles is None:
                continue
            segment = line.text[cursor:m.start()].strip(" 。；;，,")
            cursor = m.end()
            start = line.start
            if len(segment) >= 4 and m.start() == len(line.text[:m.start()]) and segment is not None \
                    and cursor == m.end() and line.text.find(segment) == 0 and i > 0 and i - 1 not in consumed \
                    and not lines[i - 1].table and not STRUCTURE_MARKER_REGEX.match(line.text) \
                    and not lines[i - 1].text.endswith(("。", "）", ")", "：", ":", "！", "？")):
                # The paragraph was cut by a page break: its first half is the line before.
                segment = lines[i - 1].text + segment
                start = lines[i - 1].start
            if len(segment) < 4:
                # The tag opens the line: it governs the paragraph before it.
                before = _text_before(lines, i, consumed | {i})
                if not before:
                    continue
                segment = "\n".join(_after_last_tag(lines[j].text) for j in before)
                start = lines[before[0]].start
            fields = dict(_fields(m.group("body")))
            deadline_texts = [v for k, v in fields.items() if k in _DEADLINE_LABELS]
            builder.add(segment, roles, start, line.end, "paren", m.group(0), deadline_texts)
            consumed.add(i)


def _after_last_tag(text: str) -> str:
    """The text after a line's last assignment tag (what a tag opening the next line governs)."""
    last = 0
    for m in _PAREN.finditer(text):
        if _tag_roles(m.group("body")) is not None:
            last = m.end()
    return text[last:]


def _read_tables(lines: list[_Line], builder: _Builder) -> None:
    header: list[str] | None = None
    for line in lines:
        if not line.table:
            continue
        cells = [c.strip() for c in line.text.strip("|").split("\t" if "\t" in line.text else "|")]
        if any(c in _TABLE_HEADER_UNITS or c.endswith(_TABLE_HEADER_UNITS) for c in cells):
            header = cells
            continue
        if header is None or cells == header:
            continue
        _table_row(header, cells, line, builder)


def _table_row(header: list[str], cells: list[str], line: _Line, builder: _Builder) -> None:
    if len(cells) < len(header) and not (header[0] == "序号" and re.fullmatch(r"\d+", cells[0] or "")):
        # Rows under a merged first column (产业集群) lose their leading cells: align right.
        cells = [""] * (len(header) - len(cells)) + cells
    row = dict(zip(header, cells, strict=False))
    roles: dict[str, list[str]] = {"lead": [], "responsible": [], "cooperating": []}
    deadline_texts: list[str] = []
    units_text = []
    for column, value in row.items():
        if not value:
            continue
        label = next((lab for lab in _TABLE_HEADER_UNITS if column.endswith(lab)), None)
        if label:
            units_text.append(value)
            pairs = [(label, value)]
            sub, _ = _field_roles(pairs)
            for role, units in sub.items():
                roles[role].extend(units)
        elif column in _DEADLINE_LABELS:
            deadline_texts.append(value)
    if not _all_units(roles):
        return
    text_column = next((c for c in header if c in _TABLE_TEXT), None)
    text = row.get(text_column, "") if text_column else ""
    if not text:
        return
    builder.add(text, roles, line.start, line.end, "table", " | ".join(units_text), deadline_texts)


def _read_narrative(lines: list[_Line], builder: _Builder) -> None:
    covered = [(t.span.line_start, t.span.line_end) for t in builder.tasks]
    in_column = False
    for line in lines:
        if line.table:
            continue
        if line.text.startswith("专栏"):
            in_column = True
        elif re.match(r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]|第[一二三四五六七八九十百]+[章节条])",
                      line.text):
            in_column = False
        if any(a <= line.start and line.end <= b for a, b in covered):
            continue
        for m in _NARRATIVE.finditer(line.text):
            lead = split_units(m.group("lead"))
            cooperating = split_units(m.group("with") or "") + split_units(m.group("part") or "")
            roles = {"lead": lead, "responsible": [], "cooperating": cooperating}
            if not lead or not all(looks_like_unit(u) for u in lead):
                continue
            if cooperating and not all(looks_like_unit(u) for u in cooperating):
                roles["cooperating"] = []
            sentence = _sentence_around(line.text, m.start(), m.end())
            if re.search(r"(?:组建|成立|设立|发起|建成)的", line.text[m.end():m.end() + 60]):
                continue  # a description of a body already set up, not work to do
            builder.add(sentence, roles, line.start, line.end, "column" if in_column else "narrative", m.group(0))


def _sentence_around(text: str, start: int, end: int) -> str:
    left = max(text.rfind("。", 0, start), text.rfind("；", 0, start))
    right_candidates = [i for i in (text.find("。", end), text.find("；", end)) if i >= 0]
    right = min(right_candidates) if right_candidates else len(text)
    return text[left + 1: right + 1]


# --- provisions ---------------------------------------------------------------------------


def _span_of(provision: dict[str, Any]) -> tuple[int, int] | None:
    span = provision.get("span") or provision.get("source") or provision
    start = span.get("line_start")
    end = span.get("line_end", start)
    if start is None:
        return None
    return int(start), int(end)


def _flatten(provisions: Sequence[dict]) -> list[tuple[int, int, int, str]]:
    """(start, end, depth, eid) of every provision, nested ``children`` included."""
    out: list[tuple[int, int, int, str]] = []
    stack = [(p, 0) for p in provisions]
    while stack:
        provision, depth = stack.pop()
        span = _span_of(provision)
        eid = provision.get("eid") or provision.get("eId")
        if span and eid:
            out.append((span[0], span[1], depth, eid))
        stack.extend((child, depth + 1) for child in provision.get("children") or [])
    return out


def provision_at(flat: Sequence[tuple[int, int, int, str]] | Sequence[dict], line_start: int,
                 line_end: int | None = None) -> str | None:
    """The eId of the innermost provision containing a line (None when none does).

    Accepts the structure stage's provisions (dicts with ``eid`` and ``line_start`` /
    ``line_end`` or a ``span``, flat or nested in ``children``) or their flattened form.

    Example:
        >>> provision_at([{"eid": "sec_2", "line_start": 10, "line_end": 40},
        ...               {"eid": "sec_2__subsec_1", "line_start": 12, "line_end": 20}], 15)
        'sec_2__subsec_1'
    """
    if flat and isinstance(flat[0], dict):
        flat = _flatten(flat)  # type: ignore[arg-type]
    best: tuple[int, int, str] | None = None
    for start, end, depth, eid in flat:  # type: ignore[misc]
        if start <= line_start <= end:
            key = (end - start, -depth)
            if best is None or key < best[:2]:
                best = (key[0], key[1], eid)
    return best[2] if best else None


def task_keys(document: Document, provisions: Sequence[dict] | None = None) -> dict[str, Any]:
    """The export-record keys of the tasks stage: ``{"tasks": [...]}``."""
    return {"tasks": [task.to_dict() for task in derive_tasks(document, provisions)]}


def unit_mentions(documents: Iterable[Document]) -> list[str]:
    """Every unit name as printed in the tasks of the documents (input of the registry)."""
    identity = UnitRegistry()
    names: list[str] = []
    for document in documents:
        for task in derive_tasks(document, registry=identity):
            names.extend(task.units)
    return names
