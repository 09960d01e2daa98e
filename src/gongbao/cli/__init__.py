"""Command line: `gongbao COMMAND`. Each command group lives in its own module."""

# Importing a module registers its commands on `app`.
from gongbao.cli import corpus  # noqa: E402,F401
from gongbao.cli import links  # noqa: E402,F401
from gongbao.cli import rules  # noqa: E402,F401
from gongbao.cli import search  # noqa: E402,F401
from gongbao.cli import serve  # noqa: E402,F401
from gongbao.cli import tasks  # noqa: E402,F401
from gongbao.cli.app import app

__all__ = ["app"]
