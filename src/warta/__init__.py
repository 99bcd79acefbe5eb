"""Warta: structured, verifiable intelligence from Indonesian online news."""

__version__ = "0.1.0"
