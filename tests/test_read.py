"""Stage 1, read: bytes → text, and the refusals a person sees for files that are not gazettes."""

from __future__ import annotations

import codecs
import tracemalloc
from pathlib import Path

import pytest

from gongbao.read import MAX_ISSUE_BYTES, ReadError, check_size, decode_gazette, read_gazette

CORPUS = Path(__file__).resolve().parents[1] / "data" / "gazettes" / "zhengzhou"
# The header of 郑政〔2018〕43号 (2018-09.txt L3–9), the markdown-ish layout.
HEADER = "# 郑州市人民政府\n\n## 关于加强农村留守儿童关爱保护和困境儿童保障工作的实施意见\n\n郑政〔2018〕43号      2018年9月25日\n"


@pytest.mark.parametrize(
    "data",
    [
        HEADER.encode("utf-8"),
        codecs.BOM_UTF8 + HEADER.encode("utf-8"),
        HEADER.encode("gb18030"),
        HEADER.encode("gbk"),
        HEADER.replace("\n", "\r\n").encode("utf-8"),
        codecs.BOM_UTF16_LE + HEADER.encode("utf-16-le"),
    ],
    ids=["utf-8", "utf-8 with BOM", "gb18030", "gbk", "CRLF line ends", "utf-16 with BOM"],
)
def test_every_encoding_gazettes_arrive_in_decodes_to_the_same_text(data: bytes) -> None:
    assert decode_gazette(data, "2018-09.txt") == HEADER


def test_a_whole_issue_encoded_gb18030_decodes_to_the_utf8_text() -> None:
    text = (CORPUS / "2017-10.txt").read_text(encoding="utf-8")
    assert decode_gazette(text.encode("gb18030"), "2017-10.txt") == text


PNG_HEADER = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06\x00\x00\x00"


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "the file is empty"),
        (b"  \n\n\t\n", "only white space"),
        (PNG_HEADER, "PNG image"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF file"),
        (b"PK\x03\x04\x14\x00\x06\x00", "ZIP archive"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "JPEG image"),
        (bytes(range(256)) * 8, "binary"),
        ("郑政〔2018〕43号".encode() + b"\x00\x01\x02" * 20, "NUL bytes"),
        # Latin-1 prose is neither UTF-8 nor plausible GB18030 Chinese.
        ("Règlement général de la ville, édition française, été ".encode("latin-1") * 40, "not UTF-8"),
    ],
    ids=["empty", "white space", "png", "pdf", "zip", "jpeg", "random bytes", "nul", "latin-1"],
)
def test_input_that_is_not_gazette_text_is_refused_naming_file_and_reason(data: bytes, reason: str) -> None:
    with pytest.raises(ReadError) as caught:
        decode_gazette(data, "issue.txt")
    assert caught.value.file == "issue.txt"
    assert reason in caught.value.reason
    assert str(caught.value).startswith("issue.txt: ")


def test_a_file_over_the_limit_is_refused_from_its_size_before_it_is_read(tmp_path: Path) -> None:
    huge = tmp_path / "2018-08.txt"
    with huge.open("wb") as sparse:  # a sparse 200 MB file: no disk, no memory
        sparse.truncate(200 * 1024 * 1024)
    tracemalloc.start()
    try:
        with pytest.raises(ReadError) as caught:
            read_gazette(huge)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert "over the limit" in caught.value.reason
    assert f"{MAX_ISSUE_BYTES:,}" in caught.value.reason
    assert peak < 1024 * 1024, "the refusal must not load the file"


def test_the_size_check_accepts_a_real_issue_and_names_a_missing_file(tmp_path: Path) -> None:
    check_size(CORPUS / "2018-08.txt")
    with pytest.raises(ReadError, match="cannot be opened"):
        check_size(tmp_path / "missing.txt")


def test_decoding_bytes_over_the_limit_is_refused_too() -> None:
    with pytest.raises(ReadError, match="over the limit"):
        decode_gazette(b"a" * (MAX_ISSUE_BYTES + 1), "big.txt")
