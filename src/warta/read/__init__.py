"""Read inputs: expand paths into Article records carrying their raw text or HTML.

Public function: `read_paths(paths)` yields `Article` (with `raw_text` or `raw_html` set) or `Skip` for an input that
cannot be read. Whole-run problems (a path that does not exist, nothing to read) raise `WartaError`.
"""

from __future__ import annotations

import codecs
import errno
import glob
import gzip
import hashlib
import io
import json
import os
import stat
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, NamedTuple, overload

from warta.errors import WartaError
from warta.record import Article, Source

TEXT_SUFFIXES = {".txt": "txt", ".html": "html", ".htm": "html", ".jsonl": "jsonl", ".warc": "warc"}
INPUT_META_KEYS = ("title", "date", "author")
# Hard limits on what one article may be (docs/robustness.md). An input over a limit is skipped with a reason that
# names the limit; nothing larger than MAX_ARTICLE_BYTES is ever read into memory for one article.
MAX_ARTICLE_BYTES = 10 * 1024 * 1024  # one article's raw input: a file, a JSONL line, a WARC record's payload
# One article's text: 25 times the longest of the 4,423 articles of the news-dev-2025 corpus (19,799 characters).
# The per-article stages are not all linear in the text's length (a 9.5 MB text took 214 s and 6.8 GB).
MAX_TEXT_CHARS = 500_000
_MB = 1024 * 1024


@dataclass(frozen=True)
class Skip:
    """An input that was not analysed, and why."""

    path: str
    reason: str
    record: int | None = None


def input_format(path: Path) -> str | None:
    name = path.name.lower()
    if name.endswith(".warc.gz"):
        return "warc"
    return TEXT_SUFFIXES.get(path.suffix.lower())


def expand_paths(paths: Iterable[str]) -> list[Path]:
    """Files, folders (recursive) and globs to a sorted, de-duplicated list of readable input files."""
    found: dict[str, Path] = {}
    for raw in paths:
        if any(ch in raw for ch in "*?[") and not Path(raw).exists():
            matches = [Path(m) for m in glob.glob(raw, recursive=True)]
            if not matches:
                raise WartaError(f"no file matches the pattern: {raw}")
            candidates = matches
        else:
            p = Path(raw)
            if not p.exists():
                raise WartaError(f"no such file or directory: {raw}")
            candidates = [p]
        for p in candidates:
            if p.is_dir():
                if not os.access(p, os.R_OK | os.X_OK):
                    raise WartaError(f"cannot read folder: {p}")
                for child in _walk(p):
                    found.setdefault(os.path.realpath(child), child)
            else:  # a file, or a FIFO, device or socket, which read_file records as a skip without opening it
                found.setdefault(os.path.realpath(p), p)
    if not found:
        raise WartaError("no input files (.txt, .html, .htm, .jsonl, .warc, .warc.gz) found in: " + ", ".join(paths))
    return [found[k] for k in sorted(found)]


@dataclass(frozen=True)
class Note:
    """Something a reader repaired in an input it still analysed (replaced bytes, a guessed encoding): recorded with
    the input (`notes` table), never a reason to skip it. Only yielded to callers that ask (`notes=True`)."""

    path: str
    reason: str
    record: int | None = None


class Decoded(NamedTuple):
    text: str
    encoding: str
    replaced: int = 0  # invalid bytes replaced with U+FFFD
    nuls_dropped: int = 0  # stray NUL bytes dropped from a text file (a scraped field that ended in one)


_BOMS = (  # UTF-32 first: its little-endian BOM starts with UTF-16's
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
)
# Legacy code pages preferred among charset-normalizer's equally clean guesses: Indonesian is written in the Latin
# alphabet, and its legacy files are Windows-1252 / ISO-8859-1 (charset-normalizer, which knows no Indonesian, often
# ranks cp1258 or cp775 first and turns `Rusìa` into `Ruśa`).
_WESTERN = ("cp1252", "latin_1", "iso8859_15")
MAX_LEGACY_CHAOS = 0.2  # charset-normalizer's mess ratio above which its guess is not trusted: the input is skipped
MAX_BAD_UTF8 = 16  # invalid bytes a UTF-8 file may have and still be read as UTF-8 (or 1 in 1000 bytes, if more)
# A text file may hold a few stray NUL bytes (a scraper's field that ended in one): up to 1 byte in 100 of NULs and
# other control bytes together, they are dropped and noted. More is a binary file (or UTF-16 without its BOM).
MAX_CONTROL_SHARE = 0.01
_CONTROL_BYTES = bytes([*range(0x01, 0x09), 0x0E, 0x0F, *range(0x10, 0x1B), *range(0x1C, 0x20)])


def _walk(folder: Path) -> Iterator[Path]:
    """The inputs under `folder`, recursively: every entry with an input's suffix (regular files, and also links
    that are broken or loop, FIFOs, ..., so that read_file records why they were not read) and every sub-folder that
    could not be listed. Links to folders are not followed, so a link loop cannot make the walk endless."""
    unreadable: list[OSError] = []
    for root, dirs, files in os.walk(folder, onerror=unreadable.append):
        dirs.sort()
        for name in sorted(files):
            child = Path(root, name)
            if input_format(child):
                yield child
    for error in unreadable:
        if error.filename and os.path.realpath(error.filename) != os.path.realpath(folder):
            yield Path(error.filename)


def _unreadable(path: Path) -> str | None:
    """Why `path` cannot be read as an input file without blocking or failing, or None when it can."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        return "broken symbolic link" if path.is_symlink() else "file vanished before it could be read"
    except OSError as exc:
        return "symbolic link loop" if exc.errno == errno.ELOOP else f"cannot read file: {exc.strerror}"
    if stat.S_ISDIR(mode):
        return "cannot read folder (permission denied)"
    if not stat.S_ISREG(mode):
        kind = "FIFO" if stat.S_ISFIFO(mode) else "socket" if stat.S_ISSOCK(mode) else "device"
        return f"not a regular file ({kind}): not read"
    return None


def decode_bytes(data: bytes) -> Decoded:
    """Text from bytes: a Unicode BOM first (UTF-32, UTF-16, UTF-8), then strict UTF-8; a UTF-8 file with a few
    invalid bytes stays UTF-8 with those bytes replaced (counted); charset-normalizer only when none of that holds,
    and only when its guess is clean enough (`MAX_LEGACY_CHAOS`)."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return Decoded(data.decode(codec), codec)
            except UnicodeDecodeError as exc:
                raise ValueError(f"invalid {codec.upper()} after its byte order mark ({exc.reason})") from exc
    nuls = data.count(b"\x00")
    if nuls:
        data = _without_stray_nuls(data, nuls)
    if data.startswith(b"%PDF"):
        raise ValueError("PDF files are not supported; convert to text or HTML first")
    try:
        return Decoded(data.decode("utf-8-sig"), "utf-8", 0, nuls)
    except UnicodeDecodeError:
        pass
    escaped = data.decode("utf-8-sig", errors="surrogateescape")
    bad = sum(1 for ch in escaped if "\udc80" <= ch <= "\udcff")
    multibyte = sum(1 for ch in escaped if ch > "\x7f") - bad
    if multibyte and bad <= max(MAX_BAD_UTF8, len(data) // 1000):
        return Decoded(data.decode("utf-8-sig", errors="replace"), "utf-8", bad, nuls)
    return _legacy(data)._replace(nuls_dropped=nuls)


def _without_stray_nuls(data: bytes, nuls: int) -> bytes:
    """`data` without its NUL bytes when they are strays in text; a binary file (NULs and other control bytes over
    MAX_CONTROL_SHARE of its bytes, or nothing but them) raises ValueError."""
    controls = nuls + len(data) - len(data.translate(None, _CONTROL_BYTES))
    if controls > MAX_CONTROL_SHARE * len(data) or not data.translate(None, _CONTROL_BYTES + b"\x00").strip():
        raise ValueError("binary file (NUL bytes), not text")
    return data.replace(b"\x00", b"")


def _legacy(data: bytes) -> Decoded:
    from charset_normalizer import from_bytes

    results = list(from_bytes(data))
    if not results:
        raise ValueError("not valid text in any known encoding")
    best = min(results, key=lambda m: m.chaos)
    if best.chaos > MAX_LEGACY_CHAOS:
        raise ValueError(f"cannot tell the text's encoding (best guess {best.encoding}, "
                         f"{best.chaos:.0%} garbled > {MAX_LEGACY_CHAOS:.0%})")
    from charset_normalizer.md import mess_ratio

    # charset-normalizer drops a code page whose text another one already gives (cp1252 behind cp1250): the Western
    # ones are tried directly, and taken when their text is as clean as its best guess
    for name in _WESTERN:
        try:
            text = data.decode(name)
        except UnicodeDecodeError:
            continue
        if mess_ratio(text) <= best.chaos + 0.01:
            return Decoded(text, name)
    return Decoded(str(best), best.encoding)


def _decode_note(path: Path, decoded: Decoded, record: int | None = None) -> Note | None:
    where = f"record {record}: " if record else ""
    repairs = []
    if decoded.nuls_dropped:
        repairs.append(f"{decoded.nuls_dropped} stray NUL byte(s) dropped")
    if decoded.replaced:
        repairs.append(f"{decoded.replaced} invalid UTF-8 byte(s) replaced with U+FFFD")
    elif decoded.encoding not in ("utf-8", "utf-16", "utf-32"):
        repairs.append(f"not Unicode: decoded as {decoded.encoding} (charset-normalizer)")
    return Note(str(path), where + "; ".join(repairs), record) if repairs else None


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _article(art_id: str, path: Path, fmt: str, *, text: str | None = None, html: str | None = None,
             url: str | None = None, record: int | None = None) -> Article:
    raw = text if text is not None else html or ""
    art = Article(id=_usable_id(art_id), source=Source(path=str(path), format=fmt, sha256=sha256(raw), url=url, record=record))
    art._raw_text = text
    art._raw_html = html
    return art


def _jsonl_stem(name: str) -> str:
    return name[: -len(".jsonl")] if name.lower().endswith(".jsonl") else Path(name).stem


def _bounded_lines(stream: io.BufferedIOBase) -> Iterator[bytes | None]:
    """The stream's lines, each read with at most MAX_ARTICLE_BYTES in memory; a longer line is passed over (read in
    pieces and dropped) and stands as None."""
    limit = MAX_ARTICLE_BYTES
    while line := stream.readline(limit + 1):
        if len(line) <= limit or line.endswith(b"\n"):
            yield line
            continue
        while (rest := stream.readline(limit)) and not rest.endswith(b"\n"):
            pass
        yield None


def _text_too_long(text: str, *, html: bool = False) -> str | None:
    n = _page_text_size(text) if html else len(text)
    if n > MAX_TEXT_CHARS:
        what = "page text" if html else "text"
        return f"{what} too long for one article ({n:,} characters > MAX_TEXT_CHARS {MAX_TEXT_CHARS:,})"
    return None


_NOT_TEXT = ("script", "style", "template", "noscript")


def _page_text_size(html: str) -> int:
    """An upper bound of a page's text, in one linear pass: the characters outside tags, comments and script, style,
    template and noscript elements (a regex would be quadratic on unclosed `<` or elements)."""
    lower = html.lower()
    size, pos, end = 0, 0, len(html)
    while pos < end:
        start = lower.find("<", pos)
        if start < 0:
            return size + end - pos
        size += start - pos
        if lower.startswith("<!--", start):
            close = lower.find("-->", start + 4)
            pos = end if close < 0 else close + 3
            continue
        stop = lower.find(">", start)
        if stop < 0:
            return size
        inside = lower[start + 1:stop].split(maxsplit=1)
        name = inside[0] if inside else ""  # "<\n>": blanks only between the brackets
        pos = stop + 1
        if name in _NOT_TEXT:
            close = lower.find(f"</{name}", pos)
            pos = end if close < 0 else close
    return size


MAX_ID_CHARS = 200


def _given_id(value: object) -> str | None:
    """An id given in a JSONL record, if it can serve as one: it names the article in URLs (/articles/ID) and on
    the command line, so no control or format characters, no slashes, no spaces at its ends, not too long."""
    if value is None or isinstance(value, (dict, list, bool)):
        return None
    text = str(value)
    if not text or len(text) > MAX_ID_CHARS or text != text.strip() or any(ch in "/\\" for ch in text):
        return None
    if any(unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp") for ch in text):
        return None
    return text


def _usable_id(art_id: str) -> str:
    """An id made from a file name (`baris\\nbaru.txt`) kept usable in URLs: each character `_given_id` refuses
    becomes `_` (a newline made the article's link a 404), spaces at the ends go, MAX_ID_CHARS at most."""
    if _given_id(art_id) == art_id:
        return art_id
    kept = "".join("_" if ch in "/\\" or unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp") else ch for ch in art_id)
    return kept.strip()[:MAX_ID_CHARS].strip() or "article"


def _read_jsonl(path: Path, stream: io.BufferedIOBase) -> Iterator[Article | Skip | Note]:
    stem = _jsonl_stem(path.name)
    for lineno, line in enumerate(_bounded_lines(stream), start=1):
        if line is None:
            yield Skip(str(path), f"line {lineno}: line too large for one article "
                                  f"(> MAX_ARTICLE_BYTES {MAX_ARTICLE_BYTES // _MB} MB)", lineno)
            continue
        if not line.strip():
            continue
        try:
            decoded = decode_bytes(line)
            obj = json.loads(decoded.text)
        except (ValueError, UnicodeDecodeError) as exc:
            yield Skip(str(path), f"line {lineno}: malformed JSON ({exc})", lineno)
            continue
        if not isinstance(obj, dict):
            yield Skip(str(path), f"line {lineno}: expected a JSON object", lineno)
            continue
        text, html = obj.get("text"), obj.get("html")
        if not isinstance(text, str) and not isinstance(html, str):
            yield Skip(str(path), f"line {lineno}: no 'text' or 'html' string", lineno)
            continue
        too_long = _text_too_long(text) if isinstance(text, str) else _text_too_long(str(html), html=True)
        if too_long:
            yield Skip(str(path), f"line {lineno}: {too_long}", lineno)
            continue
        note = _decode_note(path, decoded, lineno)
        if note:
            yield note
        art_id, bad_id = _given_id(obj.get("id")), None
        if art_id is None:
            bad_id, art_id = obj.get("id"), f"{stem}-{lineno}"
            if bad_id not in (None, ""):
                yield Note(str(path), f"line {lineno}: id {str(bad_id)[:80]!r} not usable (control characters, "
                                      f"slashes, spaces at its ends or over {MAX_ID_CHARS} characters): "
                                      f"stored as {art_id}", lineno)
        url = obj.get("url") if isinstance(obj.get("url"), str) else None
        if isinstance(text, str):
            art = _article(art_id, path, "jsonl", text=text, url=url, record=lineno)
        else:
            art = _article(art_id, path, "jsonl", html=html, url=url, record=lineno)
        # metadata a crawler already has fills the gaps the text leaves (see warta.meta)
        given = {k: obj[k] for k in INPUT_META_KEYS if isinstance(obj.get(k), str) and obj[k].strip()}
        if given:
            art.scratch.input_meta = given
        yield art


def _read_warc(path: Path, stream: io.BufferedIOBase) -> Iterator[Article | Skip | Note]:
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    name = path.name
    stem = name[: -len(".warc.gz")] if name.lower().endswith(".warc.gz") else path.stem
    n_html = 0
    try:
        for recno, rec in enumerate(ArchiveIterator(stream), start=1):
            if rec.rec_type != "response":
                continue
            ctype = (rec.http_headers.get_header("Content-Type") if rec.http_headers else "") or ""
            if "html" not in ctype.lower():
                continue
            url = rec.rec_headers.get_header("WARC-Target-URI")
            payload = rec.content_stream().read(MAX_ARTICLE_BYTES + 1)
            if len(payload) > MAX_ARTICLE_BYTES:
                # the rest of the record is passed over by the iterator, in pieces, never held whole
                yield Skip(str(path), f"record {recno}: HTML record too large for one article "
                                      f"(> MAX_ARTICLE_BYTES {MAX_ARTICLE_BYTES // _MB} MB)", recno)
                continue
            if not payload:
                yield Skip(str(path), f"record {recno}: empty HTML response", recno)
                continue
            try:
                decoded = decode_bytes(payload)
            except ValueError as exc:
                yield Skip(str(path), f"record {recno}: {exc}", recno)
                continue
            n_html += 1
            too_long = _text_too_long(decoded.text, html=True)
            if too_long:
                yield Skip(str(path), f"record {recno}: {too_long}", recno)
                continue
            note = _decode_note(path, decoded, recno)
            if note:
                yield note
            yield _article(f"{stem}-{recno}", path, "warc", html=decoded.text, url=url, record=recno)
    except (ArchiveLoadFailed, OSError, EOFError) as exc:
        yield Skip(str(path), f"not a readable WARC file: {exc}")
        return
    if n_html == 0:
        yield Skip(str(path), "WARC file has no HTML response records")


def _read_single(path: Path, fmt: str, data: bytes) -> Iterator[Article | Skip | Note]:
    if not data:
        yield Skip(str(path), "empty file")
        return
    if len(data) > MAX_ARTICLE_BYTES:
        yield Skip(str(path), _file_too_large(len(data)))
        return
    try:
        decoded = decode_bytes(data)
    except ValueError as exc:
        yield Skip(str(path), str(exc))
        return
    note = _decode_note(path, decoded)
    if note:
        yield note
    text = decoded.text
    too_long = _text_too_long(text, html=fmt == "html")
    if too_long:
        yield Skip(str(path), too_long)
        return
    if fmt == "html":
        yield _article(path.stem, path, "html", html=text)
    else:
        yield _article(path.stem, path, "txt", text=text)


def _file_too_large(size: int) -> str:
    return f"file too large for one article ({size // _MB} MB > MAX_ARTICLE_BYTES {MAX_ARTICLE_BYTES // _MB} MB)"


@overload
def read_blob(path: str, data: bytes, *, notes: Literal[False] = False) -> Iterator[Article | Skip]: ...
@overload
def read_blob(path: str, data: bytes, *, notes: bool) -> Iterator[Article | Skip | Note]: ...


def read_blob(path: str, data: bytes, *, notes: bool = False) -> Iterator[Article | Skip | Note]:
    """Articles from an input's bytes already in memory (as Spark's binaryFile source delivers them)."""
    items = _read_blob(path, data)
    yield from items if notes else (item for item in items if not isinstance(item, Note))


def _read_blob(path: str, data: bytes) -> Iterator[Article | Skip | Note]:
    p = Path(path)
    fmt = input_format(p)
    if fmt is None:
        yield Skip(path, f"unsupported file type: {p.suffix or p.name}")
    elif fmt == "jsonl":
        yield from _read_jsonl(p, io.BytesIO(data))
    elif fmt == "warc":
        raw = io.BytesIO(data)
        # decompressed as it is read, never whole: a small .warc.gz can expand to gigabytes
        stream: io.BufferedIOBase = gzip.GzipFile(fileobj=raw) if data[:2] == b"\x1f\x8b" else raw
        yield from _read_warc(p, stream)
    else:
        yield from _read_single(p, fmt, data)


@overload
def read_file(path: Path, *, notes: Literal[False] = False) -> Iterator[Article | Skip]: ...
@overload
def read_file(path: Path, *, notes: bool) -> Iterator[Article | Skip | Note]: ...


def read_file(path: Path, *, notes: bool = False) -> Iterator[Article | Skip | Note]:
    """One input file to its article(s); a problem with the file becomes a Skip, never an exception. With
    `notes=True`, also what was repaired in it (`Note`), before the article concerned."""
    items = _read_file(path)
    yield from items if notes else (item for item in items if not isinstance(item, Note))


def _read_file(path: Path) -> Iterator[Article | Skip | Note]:
    problem = _unreadable(path)
    if problem:
        yield Skip(str(path), problem)
        return
    fmt = input_format(path)
    if fmt is None:
        yield Skip(str(path), f"unsupported file type: {path.suffix or path.name}")
        return
    try:
        if fmt == "jsonl":
            with path.open("rb") as fh:
                yield from _read_jsonl(path, fh)
            return
        if fmt == "warc":
            with gzip.open(path, "rb") if path.name.lower().endswith(".gz") else path.open("rb") as fh:
                yield from _read_warc(path, fh)
            return
        size = path.stat().st_size
        if size > MAX_ARTICLE_BYTES:
            yield Skip(str(path), _file_too_large(size))
            return
        data = path.read_bytes()
    except FileNotFoundError:
        yield Skip(str(path), "file vanished before it could be read")
        return
    except PermissionError:
        yield Skip(str(path), "permission denied")
        return
    except OSError as exc:
        yield Skip(str(path), f"cannot read file: {exc}")
        return
    yield from _read_single(path, fmt, data)


@overload
def read_paths(paths: Iterable[str], *, notes: Literal[False] = False) -> Iterator[Article | Skip]: ...
@overload
def read_paths(paths: Iterable[str], *, notes: bool) -> Iterator[Article | Skip | Note]: ...


def read_paths(paths: Iterable[str], *, notes: bool = False) -> Iterator[Article | Skip | Note]:
    """Expand `paths` (files, folders, globs) and yield every article or skip (and note, if asked), in a stable
    order."""
    for path in expand_paths(list(paths)):
        yield from read_file(path, notes=notes)
