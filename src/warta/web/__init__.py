"""REST API and dashboard over a Warta database (read-only). See `create_app`."""

from warta.web.app import create_app

__all__ = ["create_app"]
