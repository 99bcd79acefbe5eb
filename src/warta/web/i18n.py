"""The dashboard's languages: Bahasa Indonesia and English, with gettext catalogs made by Babel.

Messages are written in English in the templates and code (`{{ _("Events") }}`, `gettext("...")`); the Indonesian
catalog is `locale/id/LC_MESSAGES/warta.po`, compiled to `warta.mo` with `pybabel compile` (see
`scripts/build_messages.sh`, which also re-extracts the template `locale/warta.pot`). Nothing is fetched or compiled
at run time: the app reads the shipped `.mo` with the standard library's gettext, and a test checks that it is the
compilation of the shipped `.po`.

The reader's language, first found of: `?lang=id|en` (remembered in the `warta_lang` cookie), that cookie, the
server's `warta serve --lang`, the browser's `Accept-Language`, else Indonesian.
"""

from __future__ import annotations

import gettext as stdlib_gettext
from collections.abc import Callable
from contextvars import ContextVar
from functools import lru_cache
from pathlib import Path
from typing import Any

LANGS = ("id", "en")
DEFAULT = "en"  # for clients that state no language (curl, scripts); browsers send Accept-Language
COOKIE = "warta_lang"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
DOMAIN = "warta"

current: ContextVar[str] = ContextVar("warta_lang", default=DEFAULT)


@lru_cache(maxsize=len(LANGS))
def translations(lang: str) -> stdlib_gettext.NullTranslations:
    if lang == "en":
        return stdlib_gettext.NullTranslations()  # the messages are written in English
    return stdlib_gettext.translation(DOMAIN, LOCALE_DIR, languages=[lang])


def gettext(message: str) -> str:
    return translations(current.get()).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return translations(current.get()).ngettext(singular, plural, n)


def translator(lang: str) -> Callable[[str], str]:
    """gettext for one language, whatever the request's (for charts drawn for a given language)."""
    return translations(lang).gettext


def from_accept_language(header: str | None) -> str | None:
    """The first of our languages in an Accept-Language header, by its q-values ("en-GB,en;q=0.9,id;q=0.8" -> en)."""
    ranked = []
    for index, part in enumerate((header or "").split(",")):
        tag, _, params = part.strip().partition(";")
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                quality = 0.0
        base = tag.strip().lower().split("-")[0]
        if base in ("in",):  # the old code for Indonesian
            base = "id"
        if base in LANGS and quality > 0:
            ranked.append((-quality, index, base))
    return min(ranked)[2] if ranked else None


def choose(query: str | None, cookie: str | None, server: str | None, accept: str | None) -> str:
    for candidate in (query, cookie, server):
        if candidate in LANGS:
            return str(candidate)
    return from_accept_language(accept) or DEFAULT


class Language:
    """ASGI middleware: picks the request's language (`current`, and `request.state.lang`), remembers a `?lang=`
    choice in a cookie, and says which language the answer is in (Content-Language, Vary)."""

    def __init__(self, app: Any, default: str | None = None) -> None:
        self.app = app
        self.default = default

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        from http.cookies import SimpleCookie
        from urllib.parse import parse_qs

        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}
        asked = (parse_qs(scope.get("query_string", b"").decode("latin-1")).get("lang") or [None])[0]
        cookies = SimpleCookie(headers.get("cookie", ""))
        remembered = cookies[COOKIE].value if COOKIE in cookies else None
        lang = choose(asked, remembered, self.default, headers.get("accept-language"))
        scope.setdefault("state", {})["lang"] = lang
        token = current.set(lang)

        async def send_with_language(message: Any) -> None:
            if message["type"] == "http.response.start":
                extra = [(b"content-language", lang.encode()), (b"vary", b"Accept-Language, Cookie")]
                if asked in LANGS:
                    extra.append((b"set-cookie", f"{COOKIE}={lang}; Path=/; Max-Age=31536000; SameSite=Lax".encode()))
                message = {**message, "headers": [*message.get("headers", []), *extra]}
            await send(message)

        try:
            await self.app(scope, receive, send_with_language)
        finally:
            current.reset(token)


def N_(message: str) -> str:  # noqa: N802 - gettext's name for "mark for translation, translate later"
    return message


# Words shown from data, marked here so that extraction finds them; templates translate them with _(LABEL[value]).
QUAD_LABELS = {"verbal_coop": N_("verbal cooperation"), "material_coop": N_("material cooperation"),
               "verbal_conflict": N_("verbal conflict"), "material_conflict": N_("material conflict")}
BASIS_LABELS = {"place": N_("named place"), "sentence": N_("place in the sentence"), "dateline": N_("dateline"),
                "actor": N_("actor's country"), "article": N_("elsewhere in the article")}
# the notes of warta.web.optional and warta.chartdata (shown by the `note` macro, translated there)
NOTES = (N_("the stories stage has not been run on this database (no event records); timeline built from the "
            "per-article event mentions"),
         N_("the stories stage has not been run on this database (no event records); trend computed from the "
            "per-article event mentions"))


def chart_labels(lang: str) -> dict[str, str]:
    """The labels of the CLI's PNG charts (`warta plot --lang`), in `lang`."""
    _ = translator(lang)
    labels = {"events": _(N_("events")), "goldstein": _(N_("mean Goldstein")),
              "dyad_title": _(N_("%(pair)s: cooperation and conflict by month")),
              "entity_title": _(N_("%(name)s: events by month")), "lang": lang}
    return {**labels, **{quad: _(label) for quad, label in QUAD_LABELS.items()}}
