"""Line-level cleaner for text dumps of Indonesian news pages (and for the text trafilatura extracts from HTML).

A dump is a header (navigation, title, subtitle, stamps, credits, photo captions), a body that starts at the dateline
lead when there is one, and a footer (credits, community disclaimers, tags, related links). Each line is classified;
what is not body is kept in `removed` with its kind, and what metadata needs (title, subtitle, section, dateline) is
returned alongside.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass, field

from warta.clean.rules import (
    boilerplate_kind,
    ends_body,
    headline_lowercase_words,
    open_end_words,
    split_glued_words,
    starts_footer,
)
from warta.meta.bylines import bare_name, bullet_name, looks_like_credit
from warta.meta.dateline import Dateline, find_dateline
from warta.meta.dates import find_stamps, looks_like_date_line
from warta.meta.registry import outlets

# A dateline printed alone on its line ("Jakarta -", "Jakarta, CNN Indonesia --") is short.
LONE_DATELINE_MAX = 60
_DASHES = ("-", "–", "—", "―")
# How far into the dump a dateline lead may sit (navigation and captions come before it on busy pages).
DATELINE_WINDOW = 40
HEADER_STAMP_WINDOW = 6
LONG_PARAGRAPH = 400  # a scraper's whole article on one line, which a promo sentence at its end must not take along
_SENTENCE_SPLIT = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“])")
_INVISIBLE_CHARS = "\u200b\u200c\u200d\u2060\ufeff\u00ad\x00"  # and a stray NUL (a JSON "\\u0000")
_INVISIBLE = re.compile(f"[{_INVISIBLE_CHARS}]")
# Runs of blanks, or one unusual blank: what normalise_lines rewrites to one space (the plain form of _BLANK_RUNS,
# which the tests compare it with).
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]{2,}|[\t\u00a0\u2000-\u200a\u202f\u205f\u3000]")
# The same rewrite, 2.5x faster: a run that opens with an unusual blank, or a space with more blanks after it (the
# pattern above tries two repeats at every single space). Most texts need neither: one scan for an unusual blank and
# one for a double space tell.
_UNUSUAL_BLANK = re.compile(r"[\t\u00a0\u2000-\u200a\u202f\u205f\u3000]")
_BLANK_RUNS = re.compile(r"[\t\u00a0\u2000-\u200a\u202f\u205f\u3000][ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]*| [ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_PUNCT_FIRST = frozenset(",;.|•·-–—_*#=")  # what a stripped punctuation-only line can start with
_EDGE_COMMAS = re.compile(r"^(?:,\s*)+|(?:\s*,)+$")
_NON_WORD = re.compile(r"\W+")
_CREDIT_LINE = re.compile(r"(?:foto|photo|dok)\b", re.IGNORECASE)
_PUNCT_ONLY = re.compile(r"^[\s,;.|•·\-–—_*#=]*$")
_CONTINUATION = ",;.)"  # what a line broken off a sentence at a link anchor opens with (", Papua Barat Daya")
_MARKS_ONLY = re.compile(r"^[,;.?!\s]+$")
# A numbered or bulleted item ("3. Terapi perilaku", "- Lemas") or a "Label: value" line ("Suhu: 27-29°C"): a line
# of its own, never glued to the line above.
_LIST_ITEM = re.compile(r"^(?:\d{1,2}[.)]\s|[-–•*·]\s?|[^:.,]{1,30}:\s)")
# Scrapers that join paragraph nodes with "," leave "selesai.,Paragraf" or "selesai. , Paragraf": a comma right after
# a sentence end, before a capital, is never normal prose.
_JOINED_PARAGRAPHS = re.compile(r"([.!?][\"”]?)\s*,(?:\s*,)*\s*(?=[\"“]?[A-Z])")
# What a dropped link leaves inside a sentence: "( ,)", ", ,", " ,", a paragraph opening with ",".
_LINK_RESIDUE = (
    (re.compile(r"^[,;]\s*"), ""),
    (re.compile(r"\(\s*,?\s*\)"), ""),
    (re.compile(r"(?:\s*,){2,}"), ","),
    (re.compile(r"\s+,"), ","),
    (re.compile(r" {2,}"), " "),
)
_LEADING_DASH = re.compile(r"^[-–—]{1,2}\s+(?=\S)")
_SENTENCE_END = (".", "!", "?", '"', "”", "’", "'", ")", "…", ":")
_RELATED_LABEL_ONLY = re.compile(r"^(?:baca|lihat|simak) (?:juga|pula)\s*:?\s*$", re.IGNORECASE)
# A related-link label inside a paragraph, where scrapers glued the link into the text: "...Laki-lakiBaca Juga: 10
# Negara ...", "BACA JUGA - Mobil ...", "Yuk baca juga:...". Glued to the word before it only when capitalised
# ("membaca juga" is a verb).
_INLINE_RELATED = re.compile(
    r"(?:[Yy]uk\s+)?(?:(?<![A-Za-z])(?i:baca)|(?<=[a-z?!.])(?:Baca|BACA))\s+(?i:juga)(?:\s*[:\-–—]\s*|\s+)"
)
# Where a glued headline ends: a sentence mark or three lowercase letters run straight into a capital or a quote.
_GLUED_END = re.compile(r"(?:[?!.”\"')]|[a-z]{3})(?=[A-Z“\"])")
_INITIALS_TAIL = re.compile(r"[.!?\"”’]\s*(?P<credit>\((?:[A-Za-z]{2,5}/)+[A-Za-z]{2,5}\))\s*$")
_LIST_NUMBER = re.compile(r"\d{1,2}\.")
# A photo caption printed twice in one paragraph, credited to a photographer at an outlet: "Warga antre. (Ani
# Rahma/detikcom). Foto: Warga antre. (Ani Rahma/detikcom)."
_CREDITED_CAPTION = re.compile(r"\b(?:Foto|FOTO|Photo)\s*:\s.*\((?:[A-Z][\w'-]* ){1,3}[A-Z][\w'-]*/[a-z][\w.]*\)\.?$")
# A rough sentence end in a casefolded paragraph key: a mark before a space, a quote or a letter ("pasar.sebaliknya").
_ROUGH_SENTENCE_END = re.compile(r"[.!?]+[\"”’']*(?:\s+|(?=[\"“a-z]))")
# A place name alone on its line over a lone dash (detik's "Suita\n-\n", "Reggio Emilia\n-\n"): a dateline even when
# the registry does not know the place.
_PLACE_ALONE = re.compile(r"[A-Z][a-z'.]+(?:[ -][A-Z][a-z'.]+){0,2}")
_PHOTO_WORDS = re.compile(r"\b(?:[Ff]oto|FOTO|[Dd]ok|[Ii]lustrasi|[Gg]ambar|[Vv]ideo|[Tt]angkapan layar)\b")
_SECTION_PREFIX = re.compile(r"^(?P<section>[^|\d]{2,60}?)\s*[|›»]\s*")


@dataclass
class CleanResult:
    paragraphs: list[str] = field(default_factory=list)
    removed: list[tuple[str, str]] = field(default_factory=list)  # (text, kind) in input order
    title: str | None = None
    subtitle: str | None = None
    section: str | None = None
    dateline: Dateline | None = None
    dateline_text: str | None = None
    editor_bullets: list[str] = field(default_factory=list)


def normalise_lines(raw: str) -> list[str]:
    text = unicodedata.normalize("NFC", raw)
    if any(map(text.__contains__, _INVISIBLE_CHARS)):  # six memchr scans: 10x faster than the regex finding none
        text = _INVISIBLE.sub("", text)
    text = _JOINED_PARAGRAPHS.sub(r"\1\n", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    # In ASCII text the only unusual blank is a tab (a substring test, not a regex scan).
    if "  " in text or ("\t" in text if text.isascii() else _UNUSUAL_BLANK.search(text) is not None):
        text = _BLANK_RUNS.sub(" ", text)
    # (line, right under the line above, the continuation mark it opened with, a comma stripped off its end)
    items: list[tuple[str, bool, str, str]] = []
    blank_before, mark = True, ""
    raw_lines = text.split("\n")
    # A dump that writes every scraped line as a paragraph: its blank lines say nothing (they stand where the scraped
    # text had a line break), so the lines are read as the scraped text's lines.
    loose = _paragraph_per_line(raw_lines)
    for line in raw_lines:
        line = line.strip()
        if loose and not line:
            continue
        if line and line[0] in ",;.?!" and _MARKS_ONLY.match(line):
            stop = next((c for c in line if c in ".?!"), "")
            if stop and items and not blank_before:
                # "... gratis\n.\nBaca juga:", "Kenapa seseorang ghosting\n?": the mark after a link closes the
                # sentence above
                above, attached, above_mark, _tail = items[-1]
                items[-1] = (above + stop, attached, above_mark, "")
                mark = ""
            else:
                mark = mark or ("" if blank_before else line[0])  # "Raja Ampat\n,\nPapua": a link's comma
            continue
        mark = mark or (line[0] if line and line[0] in _CONTINUATION else "")
        tail = "," if line.endswith(",") else ""
        # Scrapers that join paragraph nodes with commas leave lines of bare separators.
        line = _EDGE_COMMAS.sub("", line) if line.startswith(",") or tail else line
        if not line or (line[0] in _PUNCT_FIRST and _PUNCT_ONLY.match(line)):
            if line in _DASHES and items and _lone_dateline_head(items[-1][0], blank_before):
                # "JAKARTA, KOMPAS.com\n-\nLead"; detik's "Jakarta\n-\nKPK\nmemanggil ...", also with the
                # blank lines a paragraph-per-line dump puts between them
                items[-1] = (f"{items[-1][0]} {line}", *items[-1][1:])
            blank_before, mark = True, ""
            continue
        items.append((line, not blank_before, mark, tail))
        blank_before, mark = False, ""
    return _join_broken_lines(items)


def _paragraph_per_line(lines: list[str]) -> bool:
    """Whether every line of the text stands between blank lines (four breaks at least): a paragraph-per-line dump."""
    blank_runs, previous_blank = 0, True
    for line in lines:
        blank = not line.strip()
        if not blank and not previous_blank:
            return False
        blank_runs += blank and not previous_blank
        previous_blank = blank
    return blank_runs >= 4


def _lone_dateline_head(line: str, blank_before: bool) -> bool:
    """A dateline's head whose dash sits on the next line: a short line naming the outlet ("JAKARTA, KOMPAS.com"
    over "-"), or a place alone on its line ("Jakarta" over "-"; the dash is what tells it from a one-word
    heading, so a blank line between them does not matter)."""
    if len(line) > LONE_DATELINE_MAX or _ends_sentence(line):
        return False
    if outlets().marker_pattern.search(line) is not None:
        return not blank_before
    place = find_dateline(f"{line} - x")
    known = place is not None and place.outlet_marker is None and place.end == len(line) + 3
    return known or (_PLACE_ALONE.fullmatch(line) is not None and boilerplate_kind(line) is None)


def _join_broken_lines(items: list[tuple[str, bool, str, str]]) -> list[str]:
    """Lines a dump broke inside a sentence joined back: a hard wrap (a lowercase word right under an unfinished
    line), and the breaks scrapers leave around link anchors ("... di\nRaja Ampat\n, Papua Barat Daya.",
    "Gubernur\nJakarta\nPramono Anung\nyakin ..."); see _glue."""
    glue = _glue(items)
    lines: list[str] = []
    for index, (line, _attached, mark, _tail) in enumerate(items):
        if not glue[index]:
            lines.append(line)
            continue
        if items[index - 1][3] and not mark:
            lines[-1] += items[index - 1][3]  # "Namun yang pasti,\nPT Gag": the comma stripped off the line above
        if mark in ",;" and mark and not line.startswith(mark):
            lines[-1] += mark + " " + line  # the comma stripped off the line's start goes back
        elif line[:1] in ",;.)" or lines[-1].endswith("("):
            lines[-1] += line
        else:
            lines[-1] += " " + line
    return lines


def _glue(items: list[tuple[str, bool, str, str]]) -> list[bool]:
    """Whether each line goes on the line above. Certain: the line opens lowercase or with a continuation mark
    (",", ")", "(21), ..."), or the line above ends in "(" or a word no sentence ends with ("di", "kepada"), or in
    a lowercase word over a short anchor ("putusan\nMahkamah Konstitusi"). A short capitalised fragment (a name)
    goes on an unfinished line only inside such a chain: when the line under it is glued, or when it closes the
    sentence ("Zona Asia.") right after a glued line; the line under a glued anchor goes on the sentence. A line at
    the top with nothing open above it (a title) is never glued to."""
    n = len(items)
    # A line under a blank line goes on only when it opens with a lowercase word: dumps that write each scraped
    # line as a paragraph ("Polisi menangkap lima pelaku pembunuhan\n\nwarga negara asing ...") break sentences so.
    # Never onto the first line (a title over a body whose first words the scraper cut: "Judul\n\n, luar negeri").
    open_above = [
        index > 0
        and (items[index][1] or (index > 1 and _prose_goes_on(items, index)))
        and _is_open(items[index - 1][0])
        # a stamp line ("Selasa, 03 Oktober 2023 - 11:11 WIB") takes nothing on, unless it ended in a comma
        # ("Sampai dengan 10 Juni 2025,\nChelsea ...")
        and (bool(items[index - 1][3]) or not looks_like_date_line(items[index - 1][0]))
        and _may_take_on(items[index - 1][0], items[index][0])
        for index in range(n)
    ]
    glue: list[bool] = []
    for index in range(n):
        line = items[index][0]
        certain = open_above[index] and (
            _certain_glue(items[index - 1][0], line, items[index][2]) or (bool(items[index - 1][3]) and _may_glue(line))
        )
        # Short lowercase lines, each starting anew (not glued to the line above it), are a tag list ("timnas
        # indonesia", "piala dunia 2026"): not one sentence.
        glue.append(certain and not (not glue[index - 1] and _tag_like(items[index - 1][0]) and _tag_like(items[index][0])))
    changed = True
    while changed:
        changed = False
        for index in range(n - 1, 0, -1):
            if glue[index] or not open_above[index]:
                continue
            line, above = items[index][0], items[index - 1][0]
            # An anchor glued into an unfinished sentence: the sentence goes on under it ("PT Gag\nNikel bukan ...").
            carried = glue[index - 1] and (_fragment(above) or _fragment(line)) and _long_head(items, glue, index - 1)
            # Before a glued line: an anchor, or the rest of a sentence an anchor above opened ("Pengunjung\nTaman
            # Literasi\nMartha ..., yang menyaksikan laga\nTimnas Indonesia").
            # Or any line the next one goes on from with a continuation mark ("Liga Sepak Bola Pelajar Nasional\n. Ini").
            after = index + 1 < n and glue[index + 1] and _is_open(line) and (
                _anchor(line) or (_anchor(above) and open_above[index - 1]) or bool(items[index + 1][2])
            )
            closes = _anchor(line) and _ends_sentence(line) and line.count(" ") < 3 and (
                glue[index - 1] or (index > 1 and glue[index - 2] and _fragment(above))
            )
            # A short line between two pieces of one sentence may look like a credit ("dilansir\nAFP\n, Selasa").
            inside = (after and (bool(items[index + 1][2]) or items[index + 1][0][:1].islower()) and _fragment(line)
                      and boilerplate_kind(line) in (None, "byline"))
            if (carried or after or closes) and (_may_glue(line) or inside):
                glue[index] = changed = True
    return glue


def _may_take_on(line: str, below: str) -> bool:
    """Whether `line` may have the line below glued on: not an ad or a related label ("ADVERTISEMENT", "SCROLL TO
    CONTINUE WITH CONTENT"), unless the ad is a promo sentence broken at a lowercase word, and the rest of it
    follows ("Simak breaking news dan berita pilihan\nkami langsung di ponselmu")."""
    if boilerplate_kind(line) in (None, "byline", "caption"):
        return not looks_like_credit(line)  # nor a writer's credit ("Nama Penulis - detikHot")
    last = line.rsplit(" ", 1)[-1]
    return last.isalpha() and last.islower() and _lowercase_word_first(below)


def _tag_like(line: str) -> bool:
    """A tag: up to seven words in lowercase, without sentence punctuation."""
    return line.count(" ") < 7 and line == line.lower() != line.upper() and not _ends_sentence(line) and "," not in line


def _lowercase_word_first(line: str) -> bool:
    """The line opens with an all-lowercase word ("warga negara", not "iPhone" or "eFishery")."""
    first = line.split(" ", 1)[0]
    return first.isalpha() and first.islower()


def _prose_goes_on(items: list[tuple[str, bool, str, str]], index: int) -> bool:
    """A line under a blank line that carries on the sentence above: it opens lowercase, and it, the line above or
    the lowercase line under it is running text (eight words or more), so short lines of a song or a poem under
    blank lines stay apart."""
    line = items[index][0]
    if not _lowercase_word_first(line):
        return False
    below = items[index + 1][0] if index + 1 < len(items) else ""
    long_below = _lowercase_word_first(below) and below.count(" ") >= 7
    return line.count(" ") >= 7 or items[index - 1][0].count(" ") >= 7 or long_below


def _is_open(line: str) -> bool:
    """A line that stops mid-sentence (no sentence mark, no dateline dash, no label colon); a closing bracket
    does not end a sentence ("Menteri Dalam Negeri (Mendagri)\nTito Karnavian\nmenjelaskan")."""
    return (line.endswith(")") or not _ends_sentence(line)) and not line.endswith(_DASHES)


def _fragment(line: str) -> bool:
    """Four words at most: what a link anchor, or the end of a sentence broken at one, holds."""
    return line.count(" ") < 4


def _anchor(line: str) -> bool:
    """A link anchor's words: four at most, opening with a capital or a digit (a name, "Piala Dunia 2026")."""
    return _fragment(line) and (line[:1].isupper() or line[:1].isdigit())


def _long_head(items: list[tuple[str, bool, str, str]], glue: list[bool], index: int) -> bool:
    """Whether the chain of glued lines through `index` opens with a line of running text (five words or more, or
    the lead under a dateline), not with a label, a credit or a list of short lines."""
    while index > 0 and glue[index]:
        index -= 1
    # A lead under its dateline's dash ("Kota -", then "Presiden", "Palestina", ...) is running text too.
    return items[index][0].count(" ") >= 4 or (index > 0 and items[index - 1][0].endswith(_DASHES))


def _certain_glue(above: str, line: str, mark: str) -> bool:
    if mark in ",;" and mark:
        return _may_glue(line)  # "Polres Kota (Polresta)\n, Polda Riau, menggelar ...": the comma carries it on
    if above.endswith(")"):
        return False  # "(dry/din)" over a tag list; "(Mendagri)\nTito Karnavian" is glued as an anchor chain
    if line[:1].islower():
        return True
    if mark or (line.startswith("(") and not line.endswith(")")):
        return _may_glue(line)
    last = above.rsplit(" ", 1)[-1]
    if above.endswith("(") or last in open_end_words():
        return _may_glue(line)
    # "... memenuhi putusan\nMahkamah Konstitusi": a name under running text that stops at a lowercase word.
    return (last[:1].islower() and last.isalpha() and above.count(" ") >= 4 and _fragment(line)
            and line[:1].isupper() and _may_glue(line))


def _may_glue(line: str) -> bool:
    """Not a line of its own kind: a stamp, a credit, a dateline (or a dateline's head over its lead: "Jakarta -"),
    boilerplate."""
    return (
        not line.endswith(_DASHES)
        and not _LIST_ITEM.match(line)
        and boilerplate_kind(line) is None
        and not looks_like_date_line(line)
        and not looks_like_credit(line)
        and find_dateline(line) is None
    )


def _key(text: str) -> str:
    return _NON_WORD.sub(" ", text.casefold()).strip()


def _key_against(line: str, title_key: str) -> str:
    """What `_key(line)` gives when compared with `title_key` (equal? starts with it?), from the line's head alone
    where that decides: the key of a prefix is a prefix of the key, so once it runs past `title_key` the full key
    cannot equal it and starts with it exactly when the head's key does. Long paragraphs are not keyed whole."""
    head = line[: 2 * len(title_key) + 16]
    if len(head) < len(line):
        head_key = _key(head)
        if len(head_key) > len(title_key):
            return head_key
    return _key(line)


def _quick_key(text: str) -> str:
    """Case- and space-insensitive key; cheaper than _key for long paragraphs (dedupe of whole lines)."""
    return " ".join(text.casefold().split())


def _ends_sentence(line: str) -> bool:
    return line.endswith(_SENTENCE_END)


def _is_paragraph(line: str) -> bool:
    """Looks like running text rather than a headline, menu or caption credit."""
    words = line.count(" ") + 1
    return (len(line) >= 120 and words >= 15) or (
        words >= 10 and _ends_sentence(line) and (line.count(". ") >= 1 or words >= 16)
    )


def _is_outlet_name(line: str) -> bool:
    """A line that only names the outlet ("CNN Indonesia", "Okezone.com")."""
    match = outlets().marker_pattern.search(line)
    return match is not None and len(line.strip(" .:|-")) - (match.end() - match.start()) <= 4


def _title_like(line: str) -> bool:
    if _is_outlet_name(line):
        return False
    words = line.count(" ") + 1
    if len(line) > 250:
        return False
    # A headline has no final full stop, except a question, an exclamation or a trailing ellipsis ("Lebih Besar...").
    return (2 <= words <= 40 and (not line.endswith((".", ":")) or line.endswith(("...", "…")))) or (
        words >= 3 and line.endswith(("?", "!"))
    )


def _one_short_sentence(line: str) -> bool:
    return 2 <= line.count(" ") + 1 <= 25 and line.endswith(".") and ". " not in line and not _is_outlet_name(line)


def _find_body_start(lines: list[str], html_mode: bool) -> tuple[int, Dateline | None]:
    """Where the body starts, and its dateline; a dateline alone on its line is joined to the lead under it."""
    for index, line in enumerate(lines[:DATELINE_WINDOW]):
        dateline = find_dateline(line, anywhere=True)
        if dateline:
            return index, dateline
        lead = lines[index + 1] if index + 1 < len(lines) else ""
        if len(line) <= LONE_DATELINE_MAX and lead and (line.endswith(_DASHES) or lead.startswith(_DASHES)):
            # detik prints "Jakarta -" on a line of its own above the lead; it counts only when a paragraph follows.
            # Kompas dumps break before the dash: "JAKARTA, KOMPAS.com\n- Direktur ...".
            dash = _LEADING_DASH.match(lead) if not line.endswith(_DASHES) else None
            joined = f"{line} {lead}"
            dateline = find_dateline(joined)
            end = len(line) + 1 + (dash.end() if dash else 0)
            # An outlet marker ("KOMPAS.com -") is a dateline whatever follows (a scraper may split the lead); so is
            # a city over its dash ("Jakarta -") whatever text line follows: a short one-sentence lead, or a lead
            # broken at a link anchor ("KPK", then "memanggil ...").
            broken_lead = line.endswith(_DASHES) and _may_glue(lead)
            if dateline is None and _unknown_place_over_dash(lines, index):
                dateline = Dateline(line[:-1].rstrip(), None, 0, end)
            if dateline and dateline.end == end and (_is_paragraph(lead) or dateline.outlet_marker or broken_lead):
                lines[index : index + 2] = [joined]
                return index, dateline
    if html_mode:
        for index, line in enumerate(lines):
            if boilerplate_kind(line) is None and not looks_like_credit(line) and not looks_like_date_line(line):
                return index, None
        return len(lines), None
    for index, line in enumerate(lines):
        if (
            _is_paragraph(line)
            and boilerplate_kind(line) is None
            and not looks_like_credit(line)
            and not _is_headline_over_stamp(lines, index)
        ):
            return (index - 1 if _one_sentence_lead(lines, index - 1) else index), None
    # No paragraph anywhere (lyrics, lists): the header still ends at an early stamp line.
    for index, line in enumerate(lines[:HEADER_STAMP_WINDOW]):
        if looks_like_date_line(line) and index + 1 < len(lines):
            return index + 1, None
    return 0, None


def _one_sentence_lead(lines: list[str], index: int) -> bool:
    """A lead of one sentence right above the first paragraph, with no dateline before it ("Aktor X meninggal dunia
    secara mendadak usai mengalami keluhan pusing."): eight words or more ending in a full stop, under the title and
    stamp lines, and nothing of a photo caption ("Foto", "Ilustrasi", a credit's slash) or of a headline."""
    if index < 2:
        return False
    line = lines[index]
    return (
        line.count(" ") >= 7
        and line.endswith((".", '."', ".”"))
        and ". " not in line[:-1]
        and "/" not in line
        and _PHOTO_WORDS.search(line) is None
        and boilerplate_kind(line) is None
        and not looks_like_credit(line)
        and not looks_like_date_line(line)
        and find_dateline(line, anywhere=True) is None
    )


def _unknown_place_over_dash(lines: list[str], index: int) -> bool:
    """A place the registry does not know, alone over its dash ("Suita -"), before any paragraph of text (a list's
    "Transfer Masuk\n-\nTransfer Keluar" further down is none)."""
    line = lines[index]
    return (
        line.endswith(_DASHES)
        and _PLACE_ALONE.fullmatch(line[:-1].rstrip()) is not None
        and not any(_is_paragraph(above) for above in lines[:index])
    )


def _is_headline_over_stamp(lines: list[str], index: int) -> bool:
    """A long headline ("... Ada Beckham Putra?") right above the stamp or credit line is the title, not the lead."""
    following = lines[index + 1] if index + 1 < len(lines) else ""
    return (
        index <= 2
        and not lines[index].endswith(".")
        and (looks_like_date_line(following) or looks_like_credit(following))
    )


def _is_headline_with_date(line: str) -> bool:
    """A headline naming a day ("Kloter Pertama Tiba 12 Juni 2025 di ...") rather than a stamp line."""
    return line.count(" ") >= 6 and not find_stamps(line) and _title_like(line)


def _classify_header(lines: list[str], result: CleanResult, known_title: str | None) -> None:
    """Every header line is removed; work out what each one is."""
    title_index: int | None = None
    kinds: list[str | None] = []
    for line in lines:
        kind = boilerplate_kind(line)
        if kind is None and looks_like_credit(line):
            kind = "byline"
        if kind is None and looks_like_date_line(line) and not _is_headline_with_date(line):
            kind = "date"
            section = _SECTION_PREFIX.match(line)
            if section and not result.section:
                result.section = section.group("section").strip()
        kinds.append(kind)
    # Okezone prints the writer's bare name on the line under the stamp, after the headline; a short headline that
    # itself follows the stamp (Republika puts the stamp first) has no headline above it and stays a title.
    for index in range(2, len(lines)):
        if (
            kinds[index] is None
            and kinds[index - 1] == "date"
            and any(kinds[i] is None and lines[i].count(" ") >= 3 and _title_like(lines[i]) for i in range(index - 1))
            and bare_name(lines[index])
        ):
            kinds[index] = "byline"
    # Captions sit next to their credit line ("Foto: ..."), before or after it, sometimes on both sides.
    for index, line in enumerate(lines):
        if kinds[index] == "caption" and _CREDIT_LINE.match(line):
            for near in (index - 1, index + 1):
                if 0 <= near < len(lines) and kinds[near] is None and len(lines[near]) >= 40:
                    kinds[near] = "caption"
    if known_title:
        for index, line in enumerate(lines):
            if kinds[index] is None and _key(line) == _key(known_title):
                kinds[index] = "title"
                title_index = index if title_index is None else title_index
        result.title = known_title
    else:
        # Headlines run to four words or more; a shorter title-like line ("Kabar Daerah") is a section or menu label,
        # taken only when nothing longer is there.
        candidates = [i for i, line in enumerate(lines) if kinds[i] is None and _title_like(line)]
        long_enough = [i for i in candidates if lines[i].count(" ") >= 3]
        # Some outlets end a headline with a full stop ("Waswas PP Tunas."): one short sentence first in the header.
        stopped = [i for i, line in enumerate(lines[:1]) if kinds[i] is None and _one_short_sentence(line)]
        chosen = (long_enough or candidates or stopped)[:1]
        for index in chosen:
            kinds[index] = "title"
            title_index = index
            result.title = lines[index]
    if title_index is not None and result.subtitle is None:
        following = title_index + 1
        candidate = lines[following] if following < len(lines) else ""
        # A subtitle is a phrase of some length; a bare two- or three-word line under the title is a name or a label.
        if (
            candidate
            and kinds[following] is None
            and candidate.count(" ") >= 3
            and _title_like(candidate)
            and _key(candidate) != _key(result.title or "")
        ):
            kinds[following] = "title"
            result.subtitle = candidate
    for index, line in enumerate(lines):
        kind = kinds[index]
        if kind is None:
            kind = "caption" if len(line) >= 40 and line.count(" ") >= 5 else "other"
        result.removed.append((line, kind))


def _classify_body(lines: list[str], result: CleanResult) -> list[str]:
    title_key = _key(result.title) if result.title else None
    kept: list[str] = []
    in_footer = False
    previous_related_label = False
    for position, line in enumerate(lines):
        if position >= 2 and ends_body(line):
            result.removed += [(rest, "related") for rest in lines[position:]]
            break
        initials = _INITIALS_TAIL.search(line)
        if initials:
            # "... tegasnya. (boy/jpnn)": the writer's initials close the last paragraph.
            result.removed.append((initials.group("credit"), "byline"))
            line = line[: initials.start("credit")].rstrip()
        kind = boilerplate_kind(line)
        if kind is not None and len(line) > LONG_PARAGRAPH:
            # A long paragraph that ends in a promo ("... Download aplikasi X sekarang juga!"): only the promo goes.
            line = _drop_boilerplate_sentences(line, result)
            kind = None if line else kind
        if kind is None and _CREDITED_CAPTION.search(line):
            kind = "caption"
        if kind is None and looks_like_credit(line):
            kind = "byline"
        if kind is None and looks_like_date_line(line):
            kind = "date"
        # Only lines that open like the title can repeat it (a cheap test before normalising the line). The sentence
        # right after a dateline is the lead even when it says what the headline says ("KOTA.CO - <headline>.").
        lead = position == 0 and result.dateline is not None and line.endswith((".", "!", "?"))
        if kind is None and title_key and not lead and line[:1].casefold() == title_key[:1]:
            line_key = _key_against(line, title_key)
            if line_key == title_key:
                kind = "title"
            elif line_key.startswith(title_key) and not _ends_sentence(line):
                # The headline repeated with a photo caption glued on ("...dengan ChinaBendera China (Pixabay...)").
                kind = "caption"
        if kind is None and previous_related_label and _headline_under_label(line):
            kind = "related"  # the headline under a bare "Baca Juga" label
        if not in_footer and position >= 2 and starts_footer(line):  # once in the footer, it stays
            in_footer = True
        if in_footer:
            name = bullet_name(line)
            if kind is None and name:
                result.editor_bullets.append(name)
                kind = "byline"
            elif kind is None and not _is_paragraph(line):
                kind = "other"
        previous_related_label = kind == "related" and bool(_RELATED_LABEL_ONLY.match(line))
        # "baca" in the lower-cased line first: most lines have none, and a line the pattern matches always does
        if kind is None and "baca" in line.lower() and _INLINE_RELATED.search(line):
            line = _cut_inline_related(line, result)
            kind = None if line else "related"
        if kind is None:
            kept.append(line)
        elif line:
            result.removed.append((line, kind))
    # Trailing short lines without sentence punctuation are tag lists, writer taglines, menu leftovers; so is a
    # trailing line all in lowercase (tags joined into one line).
    while kept and not _ends_sentence(kept[-1]) and (
        kept[-1].count(" ") < 12 or kept[-1] == kept[-1].lower() != kept[-1].upper()
    ):
        result.removed.append((kept.pop(), "other"))
    return kept


def _headline_under_label(line: str) -> bool:
    """A related headline under a bare "Baca juga" label: short, and without a final full stop unless it is one
    exclamation or question ("... Diusulkan Dihapus!")."""
    if len(line) > 200:
        return False
    if not _ends_sentence(line):
        return True
    return (line.endswith(("!", "?", "…", "...")) and _title_like(line)
            and not any(mark in line[:-1] for mark in (". ", "! ", "? ")))


def _drop_boilerplate_sentences(paragraph: str, result: CleanResult) -> str:
    """The paragraph without its boilerplate sentences (each kept in `removed` with its kind)."""
    kept = []
    for sentence in _SENTENCE_SPLIT.split(paragraph):
        kind = boilerplate_kind(sentence)
        if kind is None:
            kept.append(sentence)
        else:
            result.removed.append((sentence, kind))
    return " ".join(kept) if any(_ends_sentence(k) and k.count(" ") >= 3 for k in kept) else ""


def _related_end(rest: str) -> int:
    """Where running text resumes after a related headline glued into a paragraph (`rest` follows the label)."""
    if rest[:1].islower():
        # "Baca juga berita lainnya di Liputan6.com." is a promo sentence: up to its full stop.
        stop = re.search(r"[.!?](?:\s|$)", rest)
        return stop.end() if stop else len(rest)
    glued = _GLUED_END.search(rest)
    limit = glued.end() if glued else len(rest)
    tokens = list(re.finditer(r"\S+", rest[:limit]))
    for index, token in enumerate(tokens):
        word = token.group(0).strip("\"“”'‘’(),:;")
        if index and _LIST_NUMBER.fullmatch(token.group(0)):
            return token.start()  # "... Tinggi 1. Moldova": a numbered heading of the article follows
        if index and token.group(0)[:1] in '“"':
            return token.start()  # a quotation opens the next sentence
        if word[:1].islower() and word.lower() not in headline_lowercase_words():
            # Running text: its sentence opens at the last capitalised word before it.
            for back in range(index - 1, 0, -1):
                if tokens[back].group(0)[:1].isupper():
                    return tokens[back].start()
            return limit
    return limit


def _cut_inline_related(paragraph: str, result: CleanResult) -> str:
    """Remove "Baca Juga: <headline>" glued inside a paragraph; the text around it stays."""
    while (label := _INLINE_RELATED.search(paragraph)) is not None:
        rest = paragraph[label.end() :]
        end = label.end() + _related_end(rest)
        result.removed.append((paragraph[label.start() : end].strip(), "related"))
        before, after = paragraph[: label.start()].rstrip(), paragraph[end:].lstrip()
        paragraph = f"{before} {after}".strip()
    return paragraph


def _drop_duplicates(paragraphs: list[str], result: CleanResult) -> list[str]:
    """A caption that repeats a body sentence is removed once; the body sentence stays. A paragraph whose every
    sentence the body already said is a repeat (a scraper that stored the body twice, once glued into one paragraph
    and once in paragraphs): removed (kind "other")."""
    keys = [_quick_key(p) for p in paragraphs]
    ordered = sorted(set(keys))
    out: list[str] = []
    seen: set[str] = set()
    said: set[str] = set()  # the sentences of the paragraphs kept so far
    for index, paragraph in enumerate(paragraphs):
        key = keys[index]
        if key in seen:
            result.removed.append((paragraph, "caption" if not _ends_sentence(paragraph) else "other"))
            continue
        if not _ends_sentence(paragraph) and len(key) >= 40 and _is_proper_prefix(key, ordered):
            result.removed.append((paragraph, "caption"))
            continue
        sentences = _sentence_keys(key)
        if any(k.count(" ") >= 4 for k in sentences) and all(_was_said(k, said) for k in sentences):
            result.removed.append((paragraph, "other"))
            continue
        seen.add(key)
        said |= sentences
        out.append(paragraph)
    return out


def _was_said(sentence: str, said: set[str]) -> bool:
    """The sentence, or the sentence without a dateline's one to three words ("mostar lusinan orang ..."), is in
    `said`."""
    if sentence in said:
        return True
    words = sentence.split(" ")
    return any(" ".join(words[cut:]) in said for cut in range(1, min(4, len(words) - 4)))


def _sentence_keys(key: str) -> set[str]:
    """The sentences of a paragraph's key, without punctuation; a mark glued to the next sentence
    ("pasar.sebaliknya") splits as one followed by a space does. A repeat needs one of five words or more."""
    return {words for sentence in _ROUGH_SENTENCE_END.split(key) if (words := _key(sentence))}


def _is_proper_prefix(key: str, ordered: list[str]) -> bool:
    """Whether a longer key starts with `key` (in sorted order, such keys come right after `key` itself)."""
    position = bisect.bisect_right(ordered, key)
    return position < len(ordered) and ordered[position].startswith(key)


def _join_wrapped(paragraphs: list[str]) -> list[str]:
    """Re-join a paragraph a dump hard-wrapped: a line without final punctuation followed by a lowercase start."""
    out: list[str] = []
    for paragraph in paragraphs:
        if out and not _ends_sentence(out[-1]) and paragraph[:1].islower():
            out[-1] = out[-1] + " " + paragraph
        else:
            out.append(paragraph)
    return out


def _remove_link_residue(paragraph: str) -> str:
    if not (
        paragraph[:1] in ",;"
        or " ," in paragraph
        or ",," in paragraph
        or "(," in paragraph
        or "( " in paragraph
        or "  " in paragraph
    ):
        return paragraph  # cheap exit: no residue
    for pattern, replacement in _LINK_RESIDUE:
        paragraph = pattern.sub(replacement, paragraph)
    return paragraph


def clean_lines(raw: str, known_title: str | None = None, html_mode: bool = False) -> CleanResult:
    result = CleanResult()
    lines = normalise_lines(raw)
    start, dateline = _find_body_start(lines, html_mode)
    header = lines[:start]
    body_lines = lines[start:]
    if dateline is not None and body_lines:
        first = body_lines[0]
        if dateline.start > 0:
            header = [*header, first[: dateline.start].strip()]
        result.dateline = dateline
        result.dateline_text = first[dateline.start : dateline.end].strip()
        body_lines = [first[dateline.end :].strip(), *body_lines[1:]]
    _classify_header(header, result, known_title)
    if result.dateline_text:
        result.removed.append((result.dateline_text, "byline"))
    kept = _classify_body(body_lines, result)
    kept = _drop_duplicates(_join_wrapped(kept), result)
    if kept:
        # A dump whose dateline was dropped keeps the dash that followed it ("- Gempuran ...").
        kept[0] = _LEADING_DASH.sub("", kept[0])
    result.paragraphs = [split_glued_words(_remove_link_residue(p)) for p in kept]
    return result
