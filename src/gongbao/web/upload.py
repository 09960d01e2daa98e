"""Uploading a new gazette issue: check the administrator token, preview, then confirm.

An upload is parsed (never written to the store) and its bytes are kept in the data
directory's `pending/` folder under their SHA-256; confirming moves the file to
`gazettes/<issue>.txt` in the data directory and saves the issue. File names are never
taken as paths: the issue name must match `ISSUE_NAME` and every path is checked to stay
inside the data directory.

>>> valid_issue_name("2018-08.txt")
'2018-08'
>>> valid_issue_name("../etc/passwd") is None
True
"""

from __future__ import annotations

import hashlib
import hmac
import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from gongbao import store
from gongbao.models import Issue
from gongbao.pipeline import EmptyIssueError, parse_issue
from gongbao.read import ReadError

# A gazette issue upload: one plain-text file, at most 8 MB (an issue is 0.2–0.5 MB).
MAX_UPLOAD_BYTES = 8 * 1024 * 1024
ALLOWED_SUFFIXES = (".txt",)
ALLOWED_TYPES = ("text/plain", "application/octet-stream", "")
# Issue names as in the bundled corpus (2018-08) or any short ASCII name: no dots, no slashes.
ISSUE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$")
DIGEST = re.compile(r"^[0-9a-f]{64}$")


class UploadError(ValueError):
    """An upload refused for what it is (type, size, name, content); status 400/413/422."""

    def __init__(self, message: str, status: int = 422) -> None:
        super().__init__(message)
        self.status = status


class TokenError(PermissionError):
    """No valid administrator token: status 403 (uploads disabled when none is configured)."""


@dataclass
class Preview:
    """What an upload would add: the parsed issue and the staged file's digest."""

    issue: Issue
    digest: str
    replaces: bool


def check_token(configured: str | None, given: str | None) -> None:
    """Refuse unless a token is configured and the one given matches it (constant time)."""
    if not configured:
        raise TokenError("上传未启用：未配置管理员令牌（GONGBAO_ADMIN_TOKEN）")
    if not given or not hmac.compare_digest(configured.encode(), given.encode()):
        raise TokenError("管理员令牌无效")


def valid_issue_name(filename: str) -> str | None:
    """The issue name of an uploaded file name (its stem), or None if it is not a safe name.

    Browsers send the bare file name; a name holding a path is refused, not trimmed.
    """
    if not filename.lower().endswith(ALLOWED_SUFFIXES):
        return None
    stem = filename[: -len(".txt")]
    return stem if ISSUE_NAME.match(stem) else None


def _inside(folder: Path, path: Path) -> Path:
    resolved = path.resolve()
    if not resolved.is_relative_to(folder.resolve()):
        raise UploadError("path outside the data directory", 400)
    return resolved


def stage(data_dir: Path, conn: sqlite3.Connection, filename: str, content_type: str, data: bytes) -> Preview:
    """Parse an upload and keep its bytes for confirmation; nothing is written to the store."""
    if content_type.split(";")[0].strip() not in ALLOWED_TYPES:
        raise UploadError(f"只接受纯文本文件（text/plain），收到 {content_type}", 415)
    if len(data) > MAX_UPLOAD_BYTES:
        raise UploadError(f"文件过大：{len(data):,} 字节，上限 {MAX_UPLOAD_BYTES:,} 字节", 413)
    name = valid_issue_name(filename)
    if name is None:
        raise UploadError("文件名须为 期号.txt（字母、数字、-、_），例如 2018-08.txt", 422)
    try:
        issue = parse_issue(data, f"{name}.txt", name)
    except (ReadError, EmptyIssueError) as exc:
        raise UploadError(str(exc), 422) from None
    digest = hashlib.sha256(data).hexdigest()
    pending = data_dir / "pending"
    pending.mkdir(parents=True, exist_ok=True)
    _inside(data_dir, pending / f"{digest}.txt").write_bytes(data)
    replaces = conn.execute("SELECT 1 FROM issues WHERE name = ?", (name,)).fetchone() is not None
    return Preview(issue=issue, digest=digest, replaces=replaces)


def confirm(data_dir: Path, conn: sqlite3.Connection, digest: str, name: str) -> store.IngestResult:
    """Ingest a staged upload: the file goes to `gazettes/<name>.txt`, the issue to the store."""
    if not DIGEST.match(digest) or not ISSUE_NAME.match(name):
        raise UploadError("无效的上传标识", 422)
    staged = _inside(data_dir, data_dir / "pending" / f"{digest}.txt")
    if not staged.is_file():
        raise UploadError("没有待确认的上传（可能已确认或已过期）", 404)
    data = staged.read_bytes()
    if hashlib.sha256(data).hexdigest() != digest:
        raise UploadError("待确认的文件已损坏", 422)
    try:
        issue = parse_issue(data, f"{name}.txt", name)
    except (ReadError, EmptyIssueError) as exc:
        raise UploadError(str(exc), 422) from None
    gazettes = data_dir / "gazettes"
    gazettes.mkdir(parents=True, exist_ok=True)
    target = _inside(data_dir, gazettes / f"{name}.txt")
    result = store.save_issue(conn, issue)
    target.write_bytes(data)
    staged.unlink()
    return result
