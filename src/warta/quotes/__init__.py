"""Who said what: direct, partial and indirect quotes with their speakers (see extract.py).

Stored quotes are read back with `warta.store.queries.list_quotes`.
"""

from .extract import extract_quotes

__all__ = ["extract_quotes"]
