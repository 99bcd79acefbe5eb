"""What an HTML page says about itself beyond its main text: the headline a reader sees, and who wrote it.

* Headline: `<title>`, og:title and JSON-LD headlines carry the site name (" - Tribunnews.com", " | merdeka.com",
  " : Okezone Economy", "KapanLagi.com: "); the on-page `<h1>` does not, and keeps the punctuation some meta
  titles drop. `reconcile_title` strips site names (the outlet registry, the page's own site name and host, and a
  generic rule for a short domain-like part) and prefers the `<h1>` that matches what is left.
* People: declared authors and editors (`content_author`/`content_editor` meta tags, analytics data layers,
  JSON-LD `author` persons), and credit blocks laid out as a role word next to names ("Author" over two names,
  a name over "Jurnalis").
"""

from __future__ import annotations

import html as html_lib
import json
import re
import unicodedata
from collections.abc import Iterable

from warta.meta.registry import outlets

# A site name is set off by a separator with blanks on both sides; a headline's own colon has none before it.
_SEPARATOR = re.compile(r"\s+(?:-{1,2}|–|—|\||::?|»|«|·|•)\s+|^([A-Za-z][\w.-]*\.(?:com|co\.id|id|co|net|tv))\s*:\s+")
_DOMAIN_WORD = re.compile(r"\b[\w-]+\.(?:com|co\.id|id|co|net|tv|or\.id)\b", re.IGNORECASE)
_NOT_ALNUM = re.compile(r"[^a-z0-9]")
MAX_SITE_WORDS = 6
MIN_KEY = 4  # a site key shorter than this ("rm", "ap") would strip real headline words


def _squash(text: str) -> str:
    return _NOT_ALNUM.sub("", unicodedata.normalize("NFKC", text).casefold())


def _site_keys(extra: Iterable[str | None]) -> tuple[str, ...]:
    keys = {_squash(value) for value in extra if value}
    for outlet in outlets().outlets:
        keys.add(_squash(outlet.name))
        keys.update(_squash(marker) for marker in outlet.markers)
        keys.update(_squash(domain.split("/")[0]) for domain in outlet.domains)
        keys.update(_squash(domain.split(".")[0]) for domain in outlet.domains)
    return tuple(sorted(k for k in keys if len(k) >= MIN_KEY))


def _is_site_part(part: str, keys: tuple[str, ...]) -> bool:
    """A site name: "Kompas.com Bola", "Okezone Economy", "Humaniora di Nasional JPNN.com", "merdeka.com", "Republika Online"."""
    if not part or part.count(" ") >= MAX_SITE_WORDS:
        return False
    squashed = _squash(part)
    if any(squashed.startswith(key) or squashed.endswith(key) for key in keys):
        return True
    return _DOMAIN_WORD.search(part) is not None  # an unknown site written as its domain


def strip_site_name(title: str, site_names: Iterable[str | None] = ()) -> str:
    """The headline without the site name the page put before or after it."""
    title = " ".join(title.split())
    keys = _site_keys(site_names)
    pieces = [p for p in _SEPARATOR.split(title) if p is not None]
    # re.split keeps the captured domain prefix ("KapanLagi.com: ") as a piece of its own.
    pieces = [p.strip() for p in pieces if p.strip()]
    while len(pieces) > 1 and _is_site_part(pieces[-1], keys):
        pieces.pop()
    while len(pieces) > 1 and _is_site_part(pieces[0], keys):
        pieces.pop(0)
    if len(pieces) == len([p for p in _SEPARATOR.split(title) if p and p.strip()]):
        return title  # nothing stripped: keep the headline's own separators as written
    return _rejoin(title, pieces)


def _rejoin(title: str, pieces: list[str]) -> str:
    """The span of `title` from the first kept piece to the end of the last one (its own separators kept)."""
    start = title.find(pieces[0])
    end = title.rfind(pieces[-1]) + len(pieces[-1])
    return title[start:end].strip() if 0 <= start < end else " ".join(pieces)


def _key(text: str) -> str:
    return _squash(text)


def reconcile_title(meta_titles: list[str], headings: list[str], site_names: Iterable[str | None]) -> str | None:
    """The headline a reader sees: an `<h1>` that matches a meta title (site name stripped), else the first meta
    title stripped, else a headline-sized `<h1>`."""
    names = list(site_names)
    stripped = [strip_site_name(t, names) for t in meta_titles if t and t.strip()]
    shown = [strip_site_name(h, names) for h in headings if h and h.strip()]
    keys = {_key(t) for t in stripped}
    for heading in shown:
        if _key(heading) in keys and _key(heading):
            return heading
    for heading in shown:
        # A meta title cut short or given a suffix the rules above did not know: the h1 is a prefix of it.
        if len(heading.split()) >= 4 and any(_key(t).startswith(_key(heading)) for t in stripped):
            return heading
    if stripped:
        return stripped[0]
    long_enough = [h for h in shown if len(h.split()) >= 4]
    return long_enough[0] if long_enough else None


_JSONLD_BLOCK = re.compile(r"<script[^>]+application/ld\+json[^>]*>(.*?)</script>", re.IGNORECASE | re.DOTALL)
_META_PERSON = re.compile(r"<meta\s+[^>]*?name\s*=\s*[\"'](content_author|content_editor)[\"'][^>]*?>", re.I)
_CONTENT = re.compile(r"content\s*=\s*[\"']([^\"']+)[\"']", re.IGNORECASE)
# Analytics data layers: 'author': 'Andhika Prasetyo', "editor": "Heryadi".
_DATA_LAYER = re.compile(r"[\"'](author|editor|penulis)[\"']\s*:\s*[\"']([^\"'{}\[\]<>]{3,80})[\"']", re.IGNORECASE)
HEAD_CHARS = 400_000


def _jsonld_authors(page: str) -> list[str]:
    names: list[str] = []
    for block in _JSONLD_BLOCK.findall(page[:HEAD_CHARS]):
        try:
            data = json.loads(block.strip())
        except ValueError:
            continue
        stack = [data]
        while stack:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                author = item.get("author")
                for person in author if isinstance(author, list) else [author]:
                    if isinstance(person, dict) and person.get("@type") == "Person" and person.get("name"):
                        names.append(str(person["name"]).strip())
                stack.extend(v for k, v in item.items() if k != "author" and isinstance(v, (dict, list)))
    return names


def declared_people(page: str) -> tuple[list[str], list[str]]:
    """(authors, editors) the page declares for machines, most specific source first."""
    head = page[:HEAD_CHARS]
    authors: list[str] = []
    editors: list[str] = []
    for tag in _META_PERSON.finditer(head):
        content = _CONTENT.search(tag.group(0))
        if content:
            value = html_lib.unescape(content.group(1)).strip()
            (editors if tag.group(1).lower() == "content_editor" else authors).append(value)
    for role, value in _DATA_LAYER.findall(head):
        (editors if role.lower() == "editor" else authors).append(html_lib.unescape(value).strip())
    authors += _jsonld_authors(page)
    return authors, editors
