"""News outlets and media, as Indonesian articles name them: the one place stages read media names from.

Three hand-written files beside this module:

* `outlets.json`: Indonesian news outlets (canonical name, domains, the markers they print in datelines, credits
  and banners). Read by meta (`warta.meta.registry.outlets`: the article's outlet; datelines and bylines) and the
  cleaner (banner and credit lines).
* `media.json`: wire services and media that articles cite, each with the spellings found in text. Read by meta
  (`warta.meta.registry.media`: the media an article cites).
* `media_names.txt`: the media names the quote extractor knows (`warta.quotes.lexicon`). A selection of the two
  lists above plus a few names marked quotes-only; its header says why it is not the whole of them.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any


@dataclass(frozen=True)
class Outlet:
    name: str
    domains: tuple[str, ...]
    markers: tuple[str, ...]
    zone: str = "WIB"  # the zone of the outlet's stamps when a stamp names none


@dataclass(frozen=True)
class Medium:
    name: str
    aliases: tuple[str, ...]


def _read(name: str) -> str:
    return resources.files("warta.lang.id").joinpath(name).read_text(encoding="utf-8")


def _json(name: str) -> Any:  # noqa: ANN401 - the parsed file; each loader below gives it a type
    return json.loads(_read(name))


@cache
def outlets() -> tuple[Outlet, ...]:
    """The Indonesian outlets of outlets.json, in file order (the first outlet listing a marker owns it)."""
    return tuple(
        Outlet(o["name"], tuple(o["domains"]), tuple(o["markers"]), o.get("zone", "WIB"))
        for o in _json("outlets.json")["outlets"]
    )


@cache
def cited_media() -> tuple[Medium, ...]:
    """The media of media.json, in file order (the first medium listing an alias owns it)."""
    return tuple(Medium(m["name"], tuple(m["aliases"])) for m in _json("media.json")["media"])


@dataclass(frozen=True)
class MediaName:
    name: str
    quotes_only: bool  # not a name in outlets.json or media.json


@cache
def quote_media_names() -> tuple[MediaName, ...]:
    """The names of media_names.txt, as written."""
    names = []
    for line in _read("media_names.txt").splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            name, _, mark = line.partition("\t")
            names.append(MediaName(name.strip(), mark.strip() == "quotes-only"))
    return tuple(names)
