"""Read inputs: expand paths into Article records carrying their raw text or HTML.

Public function: `read_paths(paths)` yields `Article` (with `raw_text` or `raw_html` set) or `Skip` for an input that
cannot be read. Whole-run problems (a path that does not exist, nothing to read) raise `WartaError`.
"""

from __future__ import annotations

import glob
import gzip
import hashlib
import io
import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from warta.errors import WartaError
from warta.record import Article, Source

TEXT_SUFFIXES = {".txt": "txt", ".html": "html", ".htm": "html", ".jsonl": "jsonl", ".warc": "warc"}
INPUT_META_KEYS = ("title", "date", "author")
MAX_ARTICLE_BYTES = 10 * 1024 * 1024  # no news article is this long; bigger inputs are dumps or mistakes


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
                for child in sorted(p.rglob("*")):
                    if child.is_file() and input_format(child):
                        found.setdefault(str(child.resolve()), child)
            elif p.is_file():
                found.setdefault(str(p.resolve()), p)
    if not found:
        raise WartaError("no input files (.txt, .html, .htm, .jsonl, .warc, .warc.gz) found in: " + ", ".join(paths))
    return [found[k] for k in sorted(found)]


def decode_bytes(data: bytes) -> str:
    """UTF-8 first (with or without BOM), then charset-normalizer's best guess for legacy encodings."""
    if b"\x00" in data[:8192]:
        raise ValueError("binary file (NUL bytes), not text")
    if data.startswith(b"%PDF"):
        raise ValueError("PDF files are not supported; convert to text or HTML first")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise ValueError("not valid text in any known encoding")
    return str(best)


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _article(art_id: str, path: Path, fmt: str, *, text: str | None = None, html: str | None = None,
             url: str | None = None, record: int | None = None) -> Article:
    raw = text if text is not None else html or ""
    art = Article(id=art_id, source=Source(path=str(path), format=fmt, sha256=sha256(raw), url=url, record=record))  # type: ignore[arg-type]
    art._raw_text = text
    art._raw_html = html
    return art


def _jsonl_stem(name: str) -> str:
    return name[: -len(".jsonl")] if name.lower().endswith(".jsonl") else Path(name).stem


def _read_jsonl(path: Path, lines: Iterable[bytes]) -> Iterator[Article | Skip]:
    stem = _jsonl_stem(path.name)
    for lineno, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(decode_bytes(line))
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
        if len(text or html or "") > MAX_ARTICLE_BYTES:
            yield Skip(str(path), f"line {lineno}: article too large", lineno)
            continue
        art_id = str(obj.get("id") or f"{stem}-{lineno}")
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


def _read_warc(path: Path, stream: IO[bytes]) -> Iterator[Article | Skip]:
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
            payload = rec.content_stream().read()
            if not payload:
                yield Skip(str(path), f"record {recno}: empty HTML response", recno)
                continue
            try:
                html = decode_bytes(payload)
            except ValueError as exc:
                yield Skip(str(path), f"record {recno}: {exc}", recno)
                continue
            n_html += 1
            yield _article(f"{stem}-{recno}", path, "warc", html=html, url=url, record=recno)
    except (ArchiveLoadFailed, OSError, EOFError) as exc:
        yield Skip(str(path), f"not a readable WARC file: {exc}")
        return
    if n_html == 0:
        yield Skip(str(path), "WARC file has no HTML response records")


def _read_single(path: Path, fmt: str, data: bytes) -> Iterator[Article | Skip]:
    if not data:
        yield Skip(str(path), "empty file")
        return
    if len(data) > MAX_ARTICLE_BYTES:
        yield Skip(str(path), f"file too large for one article ({len(data) // (1024 * 1024)} MB > {MAX_ARTICLE_BYTES // (1024 * 1024)} MB)")
        return
    try:
        text = decode_bytes(data)
    except ValueError as exc:
        yield Skip(str(path), str(exc))
        return
    if fmt == "html":
        yield _article(path.stem, path, "html", html=text)
    else:
        yield _article(path.stem, path, "txt", text=text)


def read_blob(path: str, data: bytes) -> Iterator[Article | Skip]:
    """Articles from an input's bytes already in memory (as Spark's binaryFile source delivers them)."""
    p = Path(path)
    fmt = input_format(p)
    if fmt is None:
        yield Skip(path, f"unsupported file type: {p.suffix or p.name}")
    elif fmt == "jsonl":
        yield from _read_jsonl(p, io.BytesIO(data))
    elif fmt == "warc":
        stream = io.BytesIO(gzip.decompress(data) if data[:2] == b"\x1f\x8b" else data)
        yield from _read_warc(p, stream)
    else:
        yield from _read_single(p, fmt, data)


def read_file(path: Path) -> Iterator[Article | Skip]:
    """One input file to its article(s); a problem with the file becomes a Skip, never an exception."""
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
            opener = gzip.open if path.name.lower().endswith(".gz") else open
            with opener(path, "rb") as fh:  # type: ignore[operator]
                yield from _read_warc(path, fh)
            return
        size = path.stat().st_size
        if size > MAX_ARTICLE_BYTES:
            yield Skip(str(path), f"file too large for one article ({size // (1024 * 1024)} MB > {MAX_ARTICLE_BYTES // (1024 * 1024)} MB)")
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


def read_paths(paths: Iterable[str]) -> Iterator[Article | Skip]:
    """Expand `paths` (files, folders, globs) and yield every article or skip, in a stable order."""
    for path in expand_paths(list(paths)):
        yield from read_file(path)
