"""The web application and JSON API (FastAPI): `create_app(db_path)` → ASGI app."""

from gongbao.web.app import create_app

__all__ = ["create_app"]
