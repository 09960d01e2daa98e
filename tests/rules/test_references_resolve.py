"""Every provision the rules cite exists in the structure the pipeline builds.

The structure stage is the authority for eIds: a rule citing
`/akn/cn-410100/act/郑政/2018/43/~sec_3__subsec_3__para_1__hcontainer_2` must find that
node with `find_provision` in the tree of 郑政〔2018〕43号, and the quoted gazette text
must be printed inside that node (its own text or its children's).
"""

from __future__ import annotations

import unicodedata
from functools import cache

import pytest

from gongbao.pipeline import bundled_issues, document_record
from gongbao.rules import SUBJECTS, tax_benefit_system
from gongbao.rules.api import _parameter_references, rules_for_document
from gongbao.rules.provisions import DOCUMENTS, PROVISIONS, normalise
from gongbao.rules.random_inspection import REFERENCES as DRAW_REFERENCES
from gongbao.structure import find_provision


@cache
def trees() -> dict[str, list[dict]]:
    """Work URI → provision tree of every document of the bundled corpus (in memory)."""
    out: dict[str, list[dict]] = {}
    for issue in bundled_issues():
        for document in issue.documents:
            record = document_record(document)
            out[record["work_uri"]] = record["provisions"]
    return out


@cache
def cited() -> dict[str, tuple[str, ...]]:
    """Every provision URI cited in the rules package → who cites it."""
    out: dict[str, list[str]] = {}
    for address in PROVISIONS:
        out.setdefault(address, []).append("provisions registry")
    for subject in SUBJECTS:
        tbs = tax_benefit_system(subject)
        for path, refs in _parameter_references(tbs.parameters):
            for address in refs:
                out.setdefault(address, []).append(f"parameter {path}")
        for variable in tbs.variables.values():
            for address in variable.reference or []:
                out.setdefault(address, []).append(f"variable {variable.name}")
    for key, address in DRAW_REFERENCES.items():
        out.setdefault(address, []).append(f"random_inspection.REFERENCES[{key}]")
    for doc_id in DOCUMENTS:
        for entry in rules_for_document(doc_id)["provisions"]:
            out.setdefault(entry["uri"], []).append(f"rules_for_document({doc_id})")
    return {address: tuple(who) for address, who in out.items()}


def comparable(text: str) -> str:
    """Text compared for quotes: NFKC folds the half-/full-width forms (（一） vs (一),
    ， vs ,) the PDF layout mixes, and normalise drops spacing and page footers."""
    return normalise(unicodedata.normalize("NFKC", text))


def printed(node: dict) -> str:
    """A node as printed: number, heading and text, then its children in order."""
    own = (node.get("num") or "") + (node.get("heading") or "") + (node.get("text") or "")
    return own + "".join(printed(child) for child in node["children"])


def test_the_rules_cite_provisions_of_every_implemented_document() -> None:
    assert len(cited()) >= 100
    works = {address.split("/~")[0] for address in cited()}
    assert works == {doc.work_uri for doc in DOCUMENTS.values()}


def test_every_cited_uri_resolves_to_a_provision_holding_its_quote() -> None:
    unresolved, misquoted = [], []
    for address, who in sorted(cited().items()):
        work, _, eid = address.partition("/~")
        tree = trees().get(work)
        node = find_provision(tree, eid) if tree is not None else None
        if node is None:
            unresolved.append((address, who))
            continue
        quote = PROVISIONS[address].quote if address in PROVISIONS else None
        if quote is not None and comparable(quote) not in comparable(printed(node)):
            misquoted.append((address, quote))
    assert unresolved == []
    assert misquoted == []


@pytest.mark.parametrize(
    ("address", "printed_text"),
    [
        # 二、（二） ends with an unnumbered paragraph after 6.: an hcontainer, not para_7.
        ("/akn/cn-410100/act/郑政/2018/43/~sec_2__subsec_2__hcontainer_2", "农村留守儿童符合困境儿童条件的，纳入困境儿童保障范围。"),
        # The closing sentence of 附件1 is read as the last paragraph of its 四、.
        ("/akn/cn-410100/act/郑政办/2017/101/~att_1__sec_4__hcontainer_2", "上述分级标准有关数量的表述中，“以上”含本数，“以下”不含本数。"),
        ("/akn/cn-410100/act/郑政办/2018/78/~att_2__sec_3__subsec_1__hcontainer_2", "超过预约时间一小时未来办理预约业务的，预约取消。"),
    ],
)
def test_formerly_unresolved_citations_point_at_the_printed_paragraph(address: str, printed_text: str) -> None:
    work, _, eid = address.partition("/~")
    node = find_provision(trees()[work], eid)
    assert node is not None
    assert comparable(printed_text) in comparable(printed(node))
