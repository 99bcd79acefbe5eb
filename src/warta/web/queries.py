"""Temporary alias of the read layer, `warta.store.queries`, for code written against the old module path while the
web app is being split into routers (issue 16). New code imports `warta.store.queries`; remove this module once
nothing imports it."""

from warta.store.queries import *  # noqa: F403 - the whole read layer, unchanged
from warta.store.queries import BadQuery, phrase_query, split_marked  # noqa: F401 - named for readers and mypy
