"""Stage 1, *read*: bytes of a gazette file → text.

Gazette text files arrive as UTF-8 (with or without BOM) or, from older Chinese systems,
GB18030/GBK. Anything else — empty, binary, undecodable or too large — is refused with a
`ReadError` naming the file and the reason, before anything reaches the store.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass
from pathlib import Path

# The largest real issue is under 0.5 MB; 64 MiB leaves room for whole-year compilations
# while refusing a runaway file before it is read into memory.
MAX_ISSUE_BYTES = 64 * 1024 * 1024

# Signatures of common binary formats people rename to .txt by mistake.
_BINARY_MAGIC = {
    b"\x89PNG\r\n\x1a\n": "a PNG image",
    b"%PDF-": "a PDF file (extract its text first)",
    b"\xff\xd8\xff": "a JPEG image",
    b"PK\x03\x04": "a ZIP archive (or a .docx/.xlsx)",
    b"\xd0\xcf\x11\xe0": "an MS Office binary document",
    b"GIF8": "a GIF image",
}


@dataclass
class ReadError(Exception):
    """A gazette file that cannot be read as text."""

    file: str
    reason: str

    def __str__(self) -> str:
        return f"{self.file}: {self.reason}"


def _cjk_ratio(text: str) -> float:
    sample = text[:20000]
    letters = [c for c in sample if not c.isspace()]
    if not letters:
        return 0.0
    cjk = sum(1 for c in letters if "\u4e00" <= c <= "\u9fff" or "\u3000" <= c <= "\u303f")
    return cjk / len(letters)


def decode_gazette(data: bytes, file: str) -> str:
    """Decode the bytes of one gazette file.

    Args:
        data: the raw file content.
        file: the file name, used in error messages.

    Returns:
        The text, without a BOM, with `\\r\\n` line ends turned into `\\n`.

    >>> decode_gazette("郑政〔2018〕43号".encode("gb18030"), "x.txt")
    '郑政〔2018〕43号'
    """
    if not data:
        raise ReadError(file, "the file is empty")
    if len(data) > MAX_ISSUE_BYTES:
        raise ReadError(
            file, f"the file is {len(data):,} bytes, over the limit of {MAX_ISSUE_BYTES:,} bytes"
        )
    for magic, what in _BINARY_MAGIC.items():
        if data.startswith(magic):
            raise ReadError(file, f"this is {what}, not gazette text")
    if data.startswith(codecs.BOM_UTF16_LE) or data.startswith(codecs.BOM_UTF16_BE):
        text = data.decode("utf-16")
    elif b"\x00" in data[:65536]:
        # No text encoding of Chinese but UTF-16 (handled above) puts NUL bytes in a file.
        raise ReadError(file, "the file contains NUL bytes: it is binary, not text")
    elif data.startswith(codecs.BOM_UTF8):
        text = _strict(data[len(codecs.BOM_UTF8) :], "utf-8", file)
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as utf8_error:
            try:
                text = data.decode("gb18030")
            except UnicodeDecodeError:
                at = utf8_error.start
                raise ReadError(
                    file,
                    f"not UTF-8 and not GB18030/GBK text: undecodable bytes at offset {at} "
                    f"({data[at:at + 4]!r})",
                ) from None
            # GB18030 maps almost any byte sequence; real Chinese text is mostly CJK.
            if _cjk_ratio(text) < 0.3:
                raise ReadError(file, "not UTF-8, and not plausible GB18030/GBK Chinese text") from None
    if "\x00" in text:
        raise ReadError(file, "the file contains NUL bytes: it is binary, not text")
    controls = sum(1 for c in text[:20000] if ord(c) < 32 and c not in "\t\n\r\f\v")
    if controls > 10:
        raise ReadError(file, f"the file contains {controls} control characters: it looks binary")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise ReadError(file, "the file contains only white space")
    return text


def _strict(data: bytes, encoding: str, file: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise ReadError(
            file, f"cannot be decoded as {encoding}: byte {exc.start} ({data[exc.start:exc.start + 4]!r})"
        ) from None


def check_size(path: Path) -> None:
    """Refuse a file too large (or unreadable) before its bytes are loaded."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise ReadError(str(path), f"cannot be opened: {exc.strerror}") from None
    if size > MAX_ISSUE_BYTES:
        raise ReadError(
            str(path), f"the file is {size:,} bytes, over the limit of {MAX_ISSUE_BYTES:,} bytes"
        )


def read_gazette(path: Path) -> str:
    """Read and decode a gazette file, refusing one too large before loading it."""
    check_size(path)
    return decode_gazette(path.read_bytes(), str(path))
