"""Where the embedded store lives: `--db`, then $GONGBAO_DB, then the user's data directory."""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_data_dir

# The bundled corpus, shipped with the project (see data/gazettes/zhengzhou/README.md).
PROJECT_ROOT = Path(__file__).resolve().parents[2]
BUNDLED_CORPUS = PROJECT_ROOT / "data" / "gazettes" / "zhengzhou"


def default_db_path() -> Path:
    env = os.environ.get("GONGBAO_DB")
    if env:
        return Path(env)
    return Path(user_data_dir("gongbao")) / "gongbao.sqlite3"
