"""The `warta` command line.

Every command prints its result on stdout, messages on stderr, and exits 0 on success, 1 when the run failed,
2 on a usage error. A whole-run failure is one line: `warta: error: ...`.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import json
import os
import sqlite3
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from warta import __version__
from warta.errors import WartaError

if TYPE_CHECKING:
    from warta.collect import WatchConfig


def _open_store(db: str, *, readonly: bool = False):
    from warta.store import Store

    if readonly and not Path(db).exists():
        raise WartaError(f"database not found: {db} (create it with `warta analyze PATH --db {db}`)")
    return Store(db, readonly=readonly)


def _table(rows: list[dict[str, Any]], columns: list[str], out: TextIO | None = None) -> None:
    """A plain aligned text table; long cells are cut so a row stays on one line."""
    out = out or sys.stdout
    def cell(v: Any) -> str:
        s = "" if v is None else (", ".join(map(str, v)) if isinstance(v, list) else str(v))
        s = " ".join(s.split())
        return s if len(s) <= 60 else s[:57] + "..."

    cells = [[cell(r.get(c)) for c in columns] for r in rows]
    widths = [max([len(c)] + [len(row[i]) for row in cells]) for i, c in enumerate(columns)]
    print("  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True)).rstrip(), file=out)
    for row in cells:
        print("  ".join(v.ljust(w) for v, w in zip(row, widths, strict=True)).rstrip(), file=out)


# commands -------------------------------------------------------------------------------------------------------------
def _write_line(handle: TextIO, line: str) -> None:
    handle.write(line + "\n")


def _refuse_overwrite(outputs: dict[str, str | None], inputs: Sequence[Path]) -> None:
    """Refuse, before anything is opened for writing, an output that is also an input: opening it would empty it."""
    given = {option: out for option, out in outputs.items() if out}
    for option, out in given.items():
        for path in inputs:
            if os.path.realpath(out) == os.path.realpath(path) or (
                    os.path.exists(out) and os.path.exists(path) and os.path.samefile(out, path)):
                raise WartaError(f"{option} {out} is also an input ({path}): refusing to overwrite it")
    seen: dict[str, str] = {}
    for option, out in given.items():
        key = os.path.realpath(out)
        if key in seen:
            raise WartaError(f"{option} and {seen[key]} name the same file: {out}")
        seen[key] = option


def _db_files(db: str) -> list[Path]:
    """A database and its SQLite side files: none of them may be an output."""
    return [Path(db + suffix) for suffix in ("", "-wal", "-shm", "-journal")]


@contextlib.contextmanager
def _sole_writer(db: str) -> Iterator[None]:
    """Hold an advisory lock on the database file while a command writes it: a second `warta analyze` on the same
    database stops at once with a clear message (two runs giving out the same new ids ended in an IntegrityError
    after all their work). `flock` is independent of SQLite's own locks; readers (`serve`) are not affected."""
    try:
        import fcntl
    except ImportError:  # not on POSIX: SQLite's own locking still keeps the file whole
        yield
        return
    with open(db, "rb") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise WartaError(f"another warta command is writing {db}: wait for it to finish") from None
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def cmd_analyze(args: argparse.Namespace) -> int:
    from warta.pipeline import analyze, complete_stories
    from warta.read import expand_paths

    files = expand_paths(args.paths)  # a missing path or nothing to read ends the run before the database is created
    _refuse_overwrite({"--jsonl": args.jsonl, "--db": args.db}, files)
    _refuse_overwrite({"--jsonl": args.jsonl}, _db_files(args.db))
    with _open_store(args.db) as store, _sole_writer(args.db):
        jsonl = open(args.jsonl, "w", encoding="utf-8") if args.jsonl else None  # noqa: SIM115 - closed below
        try:
            report = analyze(
                args.paths, store, jobs=args.jobs, progress=not args.quiet,
                on_article=(lambda a: _write_line(jsonl, a.to_json())) if jsonl else None,
            )
        finally:
            if jsonl:
                jsonl.close()
        n_stories = None if args.no_stories else complete_stories(store)
        stories_note = "" if n_stories is None else f", {n_stories} stories"
        if args.no_stories and store.is_pending("stories"):
            stories_note = ", stories pending (run `warta analyze` or `warta stories --rebuild` to cluster)"
    for note in report.notes:
        print(f"warta: note {note.path}: {note.reason}", file=sys.stderr)
    for skip in report.skipped:
        where = f"{skip.path}" + (f" (record {skip.record})" if skip.record else "")
        print(f"warta: skipped {where}: {skip.reason}", file=sys.stderr)
    rate = (report.stored / report.seconds) if report.seconds else 0.0
    print(
        f"warta: {report.stored} analysed, {report.unchanged} unchanged, {len(report.skipped)} skipped"
        f"{stories_note} in {report.seconds:.1f}s ({rate:.0f} articles/s) -> {args.db}",
        file=sys.stderr,
    )
    if not report.ok:
        print("warta: error: no input could be analysed", file=sys.stderr)
        return 1
    return 0


_CSV_COLUMNS = ["id", "title", "subtitle", "outlet", "published", "authors", "editors", "dateline", "cited_sources",
                "lang", "story_id", "n_entities", "n_quotes", "n_events", "body"]


def _csv_row(a: dict[str, Any]) -> dict[str, Any]:
    row = dict(a)
    for k in ("authors", "editors", "cited_sources"):
        row[k] = "; ".join(a[k])
    row["n_entities"], row["n_quotes"], row["n_events"] = len(a["entities"]), len(a["quotes"]), len(a["events"])
    return row


def cmd_export(args: argparse.Namespace) -> int:
    """Records are written as they are read (jsonl, csv): memory stays flat however many articles are stored.
    Parquet is built whole (pyarrow writes a table)."""
    _refuse_overwrite({"--out": args.out}, _db_files(args.db))
    if args.format == "parquet" and not args.out:
        raise WartaError("--format parquet writes a file: give --out FILE.parquet")
    if args.table != "records":
        return _export_table(args)
    with _open_store(args.db, readonly=True) as store:
        records = (a.to_dict() for a in store.iter_articles())
        if args.format == "parquet":
            import pyarrow as pa
            import pyarrow.parquet as pq

            rows = [{**a, "record_json": json.dumps(a, ensure_ascii=False)} for a in records]
            flat = [{k: (json.dumps(v, ensure_ascii=False) if isinstance(v, (list, dict)) else v) for k, v in r.items()}
                    for r in rows]
            pq.write_table(pa.Table.from_pylist(flat), args.out)
            return 0
        out = open(args.out, "w", encoding="utf-8", newline="") if args.out else sys.stdout  # noqa: SIM115
        try:
            if args.format == "jsonl":
                for a in records:
                    out.write(json.dumps(a, ensure_ascii=False) + "\n")
            else:
                w = csv.DictWriter(out, fieldnames=_CSV_COLUMNS, extrasaction="ignore")
                w.writeheader()
                for a in records:
                    w.writerow(_csv_row(a))
        finally:
            if args.out:
                out.close()
    return 0


def _export_table(args: argparse.Namespace) -> int:
    """`warta export --table events|quotes|entities|stories|articles|dyads`: the list as the dashboard shows it, every
    row, as CSV or JSON lines (the columns of `warta.store.queries.EXPORT_COLUMNS`)."""
    from warta.store.queries import EXPORT_COLUMNS, export_rows, flat_row

    if args.format == "parquet":
        raise WartaError("--table writes csv or jsonl; parquet exports the article records (leave --table out)")
    with _open_store(args.db, readonly=True) as store:
        rows = export_rows(store, args.table)
    columns = EXPORT_COLUMNS[args.table]
    out = open(args.out, "w", encoding="utf-8", newline="") if args.out else sys.stdout  # noqa: SIM115
    try:
        if args.format == "jsonl":
            for row in rows:
                out.write(json.dumps(row, ensure_ascii=False) + "\n")
        else:
            writer = csv.DictWriter(out, fieldnames=columns)
            writer.writeheader()
            writer.writerows(flat_row(row, columns) for row in rows)
    finally:
        if args.out:
            out.close()
    return 0


def cmd_schema(args: argparse.Namespace) -> int:
    from warta.record import json_schema_text

    print(json_schema_text())
    return 0


def cmd_stories(args: argparse.Namespace) -> int:
    from warta.store.queries import list_stories

    if args.rebuild:
        from warta.pipeline import complete_stories

        with _open_store(args.db, readonly=True):
            pass  # a missing database is reported, not created
        with _open_store(args.db) as store, _sole_writer(args.db), store.transaction():
            store.reset_stories()
            n = complete_stories(store)
        print(f"warta: {n} stories rebuilt -> {args.db}", file=sys.stderr)
    with _open_store(args.db, readonly=True) as store:
        stories = list_stories(store)
    if args.format == "json":
        print(json.dumps(stories, ensure_ascii=False, indent=1))
    else:
        _table(stories, ["id", "first_date", "last_date", "n_articles", "n_outlets", "headline"])
    return 0


def cmd_timeline(args: argparse.Namespace) -> int:
    from warta.store.queries import parse_dyad, timeline

    if not args.dyad and not args.entity:
        raise WartaError("give --dyad A,B (ISO alpha-3 codes or names, e.g. RUS,CHN) or --entity NAME")
    try:
        dyad = parse_dyad(args.dyad) if args.dyad else None
    except ValueError as exc:
        raise WartaError(str(exc)) from None
    with _open_store(args.db, readonly=True) as store:
        rows = timeline(store, dyad=dyad, entity=args.entity,
                        min_sources=args.min_sources)
    if args.format == "json":
        print(json.dumps(rows, ensure_ascii=False, indent=1))
    else:
        _table(rows, ["date", "type", "source", "target", "n_articles", "n_outlets", "story_id", "text"])
    return 0


def cmd_plot(args: argparse.Namespace) -> int:
    """`warta plot dyad A B` / `warta plot entity NAME`: the monthly trend as an image (warta.chartdata's series);
    an unknown dyad or entity, or one without dated events, is an error with a hint, not an empty chart."""
    from warta.chartdata import entity_series
    from warta.stories import draw_series_png, plot_dyad
    from warta.web.i18n import chart_labels

    _refuse_overwrite({"--out": args.out}, _db_files(args.db))
    labels = chart_labels(args.lang)
    with _open_store(args.db, readonly=True) as store:
        if args.what == "dyad":
            plot_dyad(store, args.a, args.b, args.out, labels)
        else:
            series = entity_series(store, args.name)
            draw_series_png(series, labels["entity_title"] % {"name": args.name}, args.out, labels)
    print(f"warta: wrote {args.out}", file=sys.stderr)
    return 0


def cmd_places(args: argparse.Namespace) -> int:
    """How many event mentions are placed on the map, by basis; `--unresolved`: the event places and LOC entities
    the gazetteer does not resolve, and the events left without a location."""
    from warta.places import coverage, located_events, resolve, resolve_entity
    from warta.store.queries import event_place_texts, list_events, loc_entities

    with _open_store(args.db, readonly=True) as store:
        events = [e for e in list_events(store, limit=None)["items"] if not e["negated"] and not e["intent"]]
        summary = coverage(located_events(store, events))
        places = [r for r in event_place_texts(store) if (p := resolve(r["place"])) is None or not p.located]
        entities = [r for r in loc_entities(store)
                    if (p := resolve_entity(r["entity_id"], r["name"])) is None or not p.located]
    if args.format == "json":
        body = {**summary, **({"unresolved_places": places, "unresolved_entities": entities} if args.unresolved
                              else {})}
        print(json.dumps(body, ensure_ascii=False, indent=1))
        return 0
    print(f"events with coordinates: {summary['located']}/{summary['events']} ({summary['share']:.1%}); by basis: "
          + ", ".join(f"{k} {v}" for k, v in summary["by_basis"].items()))
    if args.unresolved:
        print(f"\nevent places without coordinates ({len(places)}):")
        for row in places:
            print(f"{row['n']:6d}  {row['place']}")
        print(f"\nLOC entities without coordinates ({len(entities)}):")
        for row in entities:
            print(f"{row['n']:6d}  {row['entity_id']}  {row['name']}")
    return 0


def cmd_quotes(args: argparse.Namespace) -> int:
    from warta.store.queries import list_quotes

    with _open_store(args.db, readonly=True) as store:
        rows = [{k: v for k, v in q.items() if k != "idx"} for q in list_quotes(store, speaker=args.speaker)["items"]]
    if args.speaker and not rows:
        print(f"warta: no quotes by {args.speaker!r} (no speaker name or knowledge-base entity matches it)",
              file=sys.stderr)
    if args.format == "json":
        print(json.dumps(rows, ensure_ascii=False, indent=1))
    else:
        _table(rows, ["article_id", "published", "speaker", "kind", "start", "end", "text"])
    return 0


def cmd_tone(args: argparse.Namespace) -> int:
    from warta.store.queries import tone_report

    with _open_store(args.db, readonly=True) as store:
        rows = tone_report(store, args.entity, args.by)
    if args.format == "json":
        print(json.dumps(rows, ensure_ascii=False, indent=1))
    else:
        _table(rows, list(rows[0].keys()) if rows else [args.by, "articles", "polarity"])
    return 0


def cmd_kb_discover(args: argparse.Namespace) -> int:
    from warta.nlp.discover import discover
    from warta.nlp.kb import load_kb

    kinds = ("person", "acronym") if args.kind == "all" else (args.kind,)
    with _open_store(args.db, readonly=True) as store:
        proposals = discover(store, load_kb(), kinds=kinds, min_articles=args.min_articles)
    if args.accept:
        from warta.nlp.discover import accept
        from warta.nlp.kb import discovered_path

        out = Path(args.out) if args.out else discovered_path()
        added = accept(proposals, args.min_count, out, load_kb())
        print(f"accepted {len(added)} proposals seen in {args.min_count}+ articles into {out}", file=sys.stderr)
    rows = [p.as_dict() for p in proposals[: args.limit]]
    if args.format == "json":
        print(json.dumps(rows, ensure_ascii=False, indent=1))
    else:
        _table(rows, ["kind", "type", "name", "detail", "n_articles", "n_mentions", "example"])
    return 0


def cmd_tag(args: argparse.Namespace) -> int:
    from warta.nlp.tagger import tag_conll

    tag_conll(sys.stdin, sys.stdout)
    return 0


def cmd_train(args: argparse.Namespace) -> int:
    if args.what != "ner":
        raise WartaError(f"unknown model to train: {args.what} (known: ner)")
    from warta.nlp.train import main as train_main

    return int(train_main(list(args.rest)) or 0)


def cmd_serve(args: argparse.Namespace) -> int:
    import uvicorn

    from warta.web import create_app

    with _open_store(args.db, readonly=True):
        pass  # fail early with a clear message when the database is missing or not Warta's
    _check_port(args.host, args.port)
    app = create_app(args.db, show_paths=args.show_paths, lang=args.lang)
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning")
    return 0


def _check_port(host: str, port: int) -> None:
    """Fail with a clear message, before any work, when the server could not listen (uvicorn would say so only
    after the analysis, with its own error and exit code 3)."""
    import socket

    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except socket.gaierror as exc:
        raise WartaError(f"cannot listen on {host}:{port}: {exc.strerror}") from exc
    family, kind, proto, _, address = infos[0]
    with socket.socket(family, kind, proto) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as uvicorn does: a closing socket is no conflict
        try:
            sock.bind(address)
        except OSError as exc:
            raise WartaError(f"cannot listen on {host}:{port}: {exc.strerror} (another server? give --port)") from exc


def cmd_demo(args: argparse.Namespace) -> int:
    from warta.demo import corpus_dir

    if not args.no_serve:
        _check_port(args.host, args.port)
    db = Path(args.db)
    if db.exists() and not args.keep:
        for suffix in ("", "-wal", "-shm"):
            Path(str(db) + suffix).unlink(missing_ok=True)
    ns = argparse.Namespace(paths=[str(corpus_dir())], db=str(db), jsonl=None, jobs=None, quiet=False, no_stories=False)
    rc = cmd_analyze(ns)
    if rc or args.no_serve:
        return rc
    print(f"warta: serving the demo at http://{args.host}:{args.port}/ (Ctrl-C to stop)", file=sys.stderr)
    return cmd_serve(argparse.Namespace(db=str(db), host=args.host, port=args.port, show_paths=args.show_paths,
                                        lang=args.lang))


def cmd_skips(args: argparse.Namespace) -> int:
    with _open_store(args.db, readonly=True) as store:
        rows = store.skips()
    if args.format == "json":
        print(json.dumps(rows, ensure_ascii=False, indent=1))
    else:
        _table(rows, ["path", "record", "reason", "at"])
    return 0


def cmd_spark(args: argparse.Namespace) -> int:
    from warta.scale import main as spark_main

    return int(spark_main(list(args.rest)) or 0)


def _watch_config(args: argparse.Namespace) -> WatchConfig:
    from warta.collect import FetchConfig, WatchConfig

    fetch = FetchConfig(contact=args.contact, timeout=args.timeout, delay=args.delay, per_host=args.per_host,
                        concurrency=args.concurrency, max_bytes=args.max_bytes, retries=args.retries,
                        backoff=args.backoff)
    archive = Path(args.archive) if args.archive else Path(args.db).with_name(Path(args.db).stem + "-archive")
    return WatchConfig(archive=archive, fetch=fetch, every=_seconds(args.every) if hasattr(args, "every") else 900.0,
                       stories=not args.no_stories)


def _seconds(text: str) -> float:
    """15m, 1h, 90s or a number of seconds."""
    units = {"s": 1, "m": 60, "h": 3600}
    try:
        return float(text[:-1]) * units[text[-1]] if text[-1:] in units else float(text)
    except ValueError:
        raise WartaError(f"not a duration: {text} (e.g. 15m, 1h, 90s)") from None


def _watch_status(store: Any, fmt: str) -> None:
    from warta.store.collect import CollectTables

    tables = CollectTables(store)
    if not tables.present():
        raise WartaError(f"{store.path} has no collector tables: it was made by an older Warta (open it for writing "
                         "once, e.g. with `warta watch`, to add them)")
    status: dict[str, Any] = {"urls": tables.url_counts(), "outlets": tables.outlets(), "feeds": tables.feeds(),
                              "failures": tables.failures()}
    if fmt == "json":
        print(json.dumps(status, ensure_ascii=False, indent=1))
        return
    print("URLs: " + (", ".join(f"{n} {state}" for state, n in sorted(status["urls"].items())) or "none yet"))
    print()
    _table(status["outlets"], ["outlet", "n_feeds", "last_polled", "failing", "urls", "articles"])
    print()
    _table(status["feeds"], ["outlet", "url", "last_polled", "last_status", "n_items", "cursor", "last_error"])
    if status["failures"]:
        print()
        _table(status["failures"], ["url", "reason", "at"])


def cmd_watch(args: argparse.Namespace) -> int:
    import asyncio

    from warta.collect import Watcher, select_outlets

    if args.status:
        with _open_store(args.db, readonly=True) as store:
            _watch_status(store, args.format)
        return 0
    if not (args.outlets or args.all or args.feed):
        raise WartaError("give --outlets ID,ID, --all or --feed URL (the registry's ids: warta/collect/data/feeds.json)")
    outlets = select_outlets(None if args.all else [n for n in (args.outlets or "").split(",") if n.strip()])
    with _open_store(args.db) as store:
        watcher = Watcher(store, _watch_config(args), outlets, args.feed)
        try:
            asyncio.run(watcher.run(once=args.once, on_round=lambda r: print(f"warta: {r.line()}", file=sys.stderr)))
        finally:
            watcher.close()
    return 0


def cmd_fetch(args: argparse.Namespace) -> int:
    import asyncio

    from warta.collect import Watcher

    with _open_store(args.db) as store:
        watcher = Watcher(store, _watch_config(args))
        try:
            report = asyncio.run(watcher.fetch(args.urls))
        finally:
            watcher.close()
    print(f"warta: {report.line()} -> {args.db}", file=sys.stderr)
    return 0 if report.stored + report.duplicates or not report.failures else 1


# parser ---------------------------------------------------------------------------------------------------------------
# The options several commands share are added by the helpers below, called where each command lists them: argparse
# shows options in the order they were added, and parent parsers would move the shared ones to the front of the help.
DEFAULT_DB = "warta.db"
Handler = Callable[[argparse.Namespace], int]


def _command(sub: Any, name: str, summary: str, func: Handler | None, *,
             passthrough: bool = False) -> argparse.ArgumentParser:
    """A subcommand running `func`. A passthrough command hands its options to its own parser (see main), so it
    has no -h of its own."""
    parser: argparse.ArgumentParser = sub.add_parser(name, help=summary, add_help=not passthrough)
    if func is not None:
        parser.set_defaults(func=func)
    if passthrough:
        parser.set_defaults(passthrough=True)
    return parser


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more, not {value}")
    return value


def _db_option(parser: argparse.ArgumentParser, default: str = DEFAULT_DB, summary: str | None = None) -> None:
    """--db: the SQLite database a command reads or writes."""
    parser.add_argument("--db", default=default, help=summary)


def _format_option(parser: argparse.ArgumentParser, choices: Sequence[str] = ("json", "table"),
                   default: str = "table") -> None:
    """--format: the listing commands print JSON or an aligned text table; export and tag have formats of their own."""
    parser.add_argument("--format", choices=list(choices), default=default)


def _server_options(parser: argparse.ArgumentParser, db: str) -> None:
    """--db, --host and --port of the commands that serve the dashboard."""
    _db_option(parser, db)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--show-paths", action="store_true",
                        help="show each source's full local path (default: its file name only)")
    parser.add_argument("--lang", choices=("id", "en"), default=None,
                        help="the dashboard's language for readers who have not picked one (default: the browser's "
                             "Accept-Language, else id)")


def _collect_options(parser: argparse.ArgumentParser) -> None:
    """The options of the commands that fetch pages from the web (watch, fetch)."""
    _db_option(parser, summary=f"SQLite database to write (default: {DEFAULT_DB})")
    parser.add_argument("--archive", metavar="DIR", help="folder of the WARC files of raw pages (default: DB-archive/)")
    parser.add_argument("--contact", metavar="EMAIL_OR_URL", help="added to the User-Agent, for site operators")
    parser.add_argument("--delay", type=float, default=1.0, help="seconds between requests to one host (0: no limit)")
    parser.add_argument("--per-host", type=int, default=2, help="requests in flight per host")
    parser.add_argument("--concurrency", type=int, default=16, help="requests in flight in all")
    parser.add_argument("--timeout", type=float, default=20.0, help="seconds for one request")
    parser.add_argument("--retries", type=int, default=3, help="retries of a 429/5xx/timeout (backoff, Retry-After)")
    parser.add_argument("--backoff", type=float, default=2.0, help="seconds before the first retry, doubled after")
    parser.add_argument("--max-bytes", type=int, default=5 * 1024 * 1024, help="size cap of one response")
    parser.add_argument("--no-stories", action="store_true", help="skip story clustering after a round")


def _collect_commands(sub: Any) -> None:
    """`watch` and `fetch` (warta.collect)."""
    w = _command(sub, "watch", "follow outlets' feeds and news sitemaps; analyse new articles as they appear", cmd_watch)
    w.add_argument("--outlets", metavar="ID,ID", help="outlets of the registry to follow, e.g. kompas,detik,antara")
    w.add_argument("--all", action="store_true", help="follow every outlet of the registry")
    w.add_argument("--feed", action="append", default=[], metavar="URL", help="also follow this feed or sitemap (repeatable)")
    w.add_argument("--every", default="15m", help="time between the starts of two rounds (default 15m)")
    w.add_argument("--once", action="store_true", help="one round, then exit (for cron)")
    w.add_argument("--status", action="store_true", help="show the feeds, outlets and failures recorded, and exit")
    _format_option(w)
    _collect_options(w)

    f = _command(sub, "fetch", "fetch web pages and analyse them into the database", cmd_fetch)
    f.add_argument("urls", nargs="+", metavar="URL")
    _collect_options(f)


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="warta", description="Structured, verifiable intelligence from Indonesian online news.")
    p.add_argument("--version", action="version", version=f"warta {__version__}")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    a = _command(sub, "analyze", "analyse files, folders or globs into a SQLite database", cmd_analyze)
    a.add_argument("paths", nargs="+", metavar="PATH", help=".txt, .html/.htm, .jsonl, .warc/.warc.gz files, folders or globs")
    _db_option(a, summary=f"SQLite database to write (default: {DEFAULT_DB})")
    a.add_argument("--jsonl", metavar="OUT", help="also write the records of this run as JSON lines")
    a.add_argument("--jobs", type=_positive_int, default=None, help="worker processes (default: cores, for large runs)")
    a.add_argument("--quiet", action="store_true", help="no progress bar")
    a.add_argument("--no-stories", action="store_true", help="skip story clustering after the run")

    e = _command(sub, "export", "export stored article records", cmd_export)
    _db_option(e)
    _format_option(e, ["jsonl", "csv", "parquet"], "jsonl")
    e.add_argument("--out", help="file to write (default: stdout; required for parquet)")
    e.add_argument("--table", default="records",
                   choices=["records", "articles", "events", "quotes", "entities", "stories", "dyads"],
                   help="records (default): whole article records; else one list as a flat table (csv or jsonl)")

    _command(sub, "schema", "print the article record's JSON Schema", cmd_schema)

    st = _command(sub, "stories", "list stories (the same story across outlets)", cmd_stories)
    _db_option(st)
    _format_option(st)
    st.add_argument("--rebuild", action="store_true", help="recompute every story from the stored articles first")

    t = _command(sub, "timeline", "dated events of a dyad or an entity", cmd_timeline)
    _db_option(t)
    t.add_argument("--dyad", nargs="+", metavar="A,B",
                   help="a country pair, as the API's dyad=: RUS,CHN (codes or names; RUS CHN is the same pair)")
    t.add_argument("--entity", metavar="NAME", help="entity name or id, e.g. 'Xi Jinping'")
    t.add_argument("--min-sources", type=int, default=1, help="only events reported by at least N outlets")
    _format_option(t)

    plot = _command(sub, "plot", "draw charts", None)
    charts = plot.add_subparsers(dest="what", required=True, metavar="WHAT")
    pd = _command(charts, "dyad", "monthly cooperation/conflict trend of a dyad", cmd_plot)
    pd.add_argument("a")
    pd.add_argument("b")
    _db_option(pd)
    pd.add_argument("--out", default="trend.png")
    pd.add_argument("--lang", choices=("en", "id"), default="en", help="language of the chart's labels")
    pe = _command(charts, "entity", "monthly events with an entity as an actor", cmd_plot)
    pe.add_argument("name", help="entity id, name or surface form")
    _db_option(pe)
    pe.add_argument("--out", default="trend.png")
    pe.add_argument("--lang", choices=("en", "id"), default="en", help="language of the chart's labels")

    pl = _command(sub, "places", "how many events have coordinates; --unresolved lists the places that do not", cmd_places)
    _db_option(pl)
    pl.add_argument("--unresolved", action="store_true", help="list event places and LOC entities without coordinates")
    pl.add_argument("--format", choices=("text", "json"), default="text")

    q = _command(sub, "quotes", "list quotes, optionally by speaker", cmd_quotes)
    _db_option(q)
    q.add_argument("--speaker", metavar="NAME")
    _format_option(q)

    to = _command(sub, "tone", "tone of an entity's coverage by outlet or month", cmd_tone)
    _db_option(to)
    to.add_argument("--entity", metavar="NAME")
    to.add_argument("--by", choices=["outlet", "month"], default="outlet")
    _format_option(to)

    kb = _command(sub, "kb", "knowledge-base tools", None)
    kb_tools = kb.add_subparsers(dest="what", required=True, metavar="WHAT")
    kd = _command(kb_tools, "discover", "propose new entities from a stored corpus: names with their roles, "
                  "acronyms with their expansions", cmd_kb_discover)
    _db_option(kd)
    kd.add_argument("--kind", choices=["all", "person", "acronym"], default="all")
    kd.add_argument("--limit", type=_positive_int, default=100, help="proposals to list (default 100)")
    kd.add_argument("--min-articles", type=_positive_int, default=1, help="only names with evidence in N+ articles")
    kd.add_argument("--accept", action="store_true",
                    help="add the proposals seen in --min-count+ articles to the discovered entries the linker loads")
    kd.add_argument("--min-count", type=_positive_int, default=3, help="articles a proposal needs to be accepted (3)")
    kd.add_argument("--out", metavar="PATH", help="discovered-entries file to write (default: the packaged one)")
    _format_option(kd)

    _format_option(_command(sub, "tag", "tag pre-tokenised CoNLL from stdin with PER/ORG/LOC (BIO)", cmd_tag),
                   ["conll"], "conll")
    tr = _command(sub, "train", "train a model (ner); options after the model name go to its trainer", cmd_train,
                  passthrough=True)
    tr.add_argument("what", choices=["ner"])

    _server_options(_command(sub, "serve", "serve the dashboard and REST API (read-only)", cmd_serve), DEFAULT_DB)
    d = _command(sub, "demo", "analyse the bundled demo corpus into a fresh database and serve it", cmd_demo)
    _server_options(d, "warta-demo.db")
    d.add_argument("--keep", action="store_true", help="keep an existing database instead of starting fresh")
    d.add_argument("--no-serve", action="store_true", help="only build the database")

    sk = _command(sub, "skips", "list inputs that were skipped, with the reason", cmd_skips)
    _db_option(sk)
    _format_option(sk)

    _command(sub, "spark", "run the pipeline on Apache Spark (extra: warta[spark]); see `warta spark --help`", cmd_spark,
             passthrough=True)

    _collect_commands(sub)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    # `train` and `spark` hand their options to their own parsers (warta.nlp.train, warta.scale)
    args, rest = parser.parse_known_args(argv)
    if getattr(args, "passthrough", False):
        args.rest = rest
    elif rest:
        parser.error("unrecognized arguments: " + " ".join(rest))
    try:
        return int(args.func(args) or 0)
    except WartaError as exc:
        print(f"warta: error: {exc}", file=sys.stderr)
        return 1
    except ImportError as exc:
        missing = getattr(exc, "name", None) or str(exc)
        print(f"warta: error: the '{args.command}' command is not available: {missing} is not built or not installed",
              file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("warta: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except sqlite3.Error as exc:  # what Store could not check before the work: disk full, a concurrent writer, ...
        print(f"warta: error: database {getattr(args, 'db', '')}: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:  # an output that cannot be written (disk full, permissions)
        where = f": {exc.filename}" if exc.filename else ""
        print(f"warta: error: {exc.strerror or exc}{where}", file=sys.stderr)
        return 1


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
