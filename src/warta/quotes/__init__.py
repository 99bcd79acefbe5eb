"""Who said what: direct, partial and indirect quotes with their speakers (see extract.py)."""

from .extract import extract_quotes
from .query import list_quotes

__all__ = ["extract_quotes", "list_quotes"]
