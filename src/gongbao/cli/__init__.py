"""Command line: `gongbao COMMAND`. Each command group lives in its own module."""

# Importing a module registers its commands on `app`.
from gongbao.cli import corpus, links, rules, search, serve, tasks  # noqa: F401
from gongbao.cli.app import app

__all__ = ["app"]
