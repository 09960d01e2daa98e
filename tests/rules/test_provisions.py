"""Every cited provision is real: its quote is printed in the gazette, its URI is registered."""

from __future__ import annotations

import pytest

from gongbao.rules import SUBJECTS, tax_benefit_system
from gongbao.rules.provisions import HQ, PROVISIONS, locate, normalise, uri


@pytest.mark.parametrize("address", sorted(PROVISIONS))
def test_quote_is_found_in_the_bundled_gazette(address: str) -> None:
    assert locate(PROVISIONS[address]) is not None, PROVISIONS[address].quote


def test_quote_location_is_the_printed_line() -> None:
    # 第二十二条 of 郑政〔2017〕34号 is printed on line 169 of the 2017-10 issue.
    where = locate(PROVISIONS[uri(HQ, "chp_6__art_22")])
    assert where == {"issue": "2017-10", "line_start": 169, "line_end": 169}


def test_normalise_drops_pdf_spacing_and_footers() -> None:
    raw = "上午的收件材料于下午 2 ∶ 00 前转交部门—901—郑州市人民政府公报(2018. 8)　 文件汇编"
    assert normalise(raw) == "上午的收件材料于下午2∶00前转交部门"


def test_unregistered_eid_is_refused() -> None:
    with pytest.raises(KeyError):
        uri(HQ, "chp_9__art_99")


@pytest.mark.parametrize("subject", sorted(SUBJECTS))
def test_every_variable_and_parameter_cites_registered_provisions(subject: str) -> None:
    tbs = tax_benefit_system(subject)
    for variable in tbs.variables.values():
        assert variable.reference, variable.name
        for address in variable.reference:
            assert address in PROVISIONS, (variable.name, address)

    def walk(node, path=""):
        refs = (getattr(node, "metadata", {}) or {}).get("reference")
        if refs:
            for address in refs if isinstance(refs, list) else [refs]:
                assert address in PROVISIONS, (path, address)
        for name, child in getattr(node, "children", {}).items():
            walk(child, f"{path}.{name}")

    walk(tbs.parameters)
