"""End-to-end CLI behaviour: the contract other tools and users rely on."""

import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from warta.cli import build_parser, main
from warta.record import json_schema

ARTICLE = """Rusia dan China Gelar Latihan Laut Bersama

Rabu, 22 Maret 2023 14:35 WIB

JAKARTA, KOMPAS.com - Rusia dan China menggelar latihan angkatan laut bersama di Laut China Timur pada Selasa (21/3/2023).

"Latihan ini memperkuat kepercayaan kedua negara," kata Menteri Pertahanan Rusia Sergei Shoigu.

Baca Juga: Harga Minyak Naik Lagi

Penulis : Andi Wijaya
Editor : Siti Rahma
"""


def run(*argv: str) -> int:
    return main(list(argv))


def test_schema_is_valid_json_schema(capsys):
    assert run("schema") == 0
    schema = json.loads(capsys.readouterr().out)
    jsonschema.Draft202012Validator.check_schema(schema)
    assert {"id", "source", "body", "entities", "quotes", "events", "story_id"} <= set(schema["properties"])


def test_analyze_export_roundtrip_validates(tmp_path: Path, capsys):
    src = tmp_path / "in"
    src.mkdir()
    (src / "kompas-latihan.txt").write_text(ARTICLE, encoding="utf-8")
    db = tmp_path / "w.db"
    assert run("analyze", str(src), "--db", str(db), "--quiet") == 0
    capsys.readouterr()
    assert run("export", "--db", str(db), "--format", "jsonl") == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 1
    rec = json.loads(lines[0])
    jsonschema.validate(rec, json_schema())
    assert rec["id"] == "kompas-latihan"
    assert "Baca Juga" not in rec["body"]
    for q in rec["quotes"]:
        assert 0 <= q["start"] < q["end"] <= len(rec["body"])
    for e in rec["entities"]:
        for m in e["mentions"]:
            assert rec["body"][m["start"]:m["end"]] == m["text"]
    # idempotent: a second run stores nothing new
    assert run("analyze", str(src), "--db", str(db), "--quiet") == 0
    assert "0 analysed, 1 unchanged" in capsys.readouterr().err
    assert run("export", "--db", str(db), "--format", "csv") == 0
    out = capsys.readouterr().out
    assert out.startswith("id,title") and "kompas-latihan" in out


def test_bad_inputs_give_one_line_errors(tmp_path: Path, capsys):
    assert run("analyze", str(tmp_path / "missing"), "--db", str(tmp_path / "w.db")) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [f"warta: error: no such file or directory: {tmp_path / 'missing'}"]
    (tmp_path / "empty").mkdir()
    assert run("analyze", str(tmp_path / "empty"), "--db", str(tmp_path / "w.db")) == 1
    assert "no input files" in capsys.readouterr().err
    unreadable = tmp_path / "bin.txt"
    unreadable.write_bytes(b"\x00\x00\x00")
    assert run("analyze", str(unreadable), "--db", str(tmp_path / "w.db"), "--quiet") == 1
    assert "binary" in capsys.readouterr().err


def test_one_bad_file_among_good_ones_is_skipped(tmp_path: Path, capsys):
    src = tmp_path / "in"
    src.mkdir()
    (src / "good.txt").write_text(ARTICLE, encoding="utf-8")
    (src / "bad.txt").write_bytes(b"\x00binary")
    db = tmp_path / "w.db"
    assert run("analyze", str(src), "--db", str(db), "--quiet") == 0
    assert "skipped" in capsys.readouterr().err
    assert run("skips", "--db", str(db), "--format", "json") == 0
    skips = json.loads(capsys.readouterr().out)
    assert len(skips) == 1 and skips[0]["path"].endswith("bad.txt") and "binary" in skips[0]["reason"]
    assert run("export", "--db", str(db)) == 0
    assert len(capsys.readouterr().out.splitlines()) == 1


def test_export_of_missing_db_fails_clearly(tmp_path: Path, capsys):
    assert run("export", "--db", str(tmp_path / "none.db")) == 1
    assert "database not found" in capsys.readouterr().err


def test_module_entry_point():
    out = subprocess.run([sys.executable, "-m", "warta", "--version"], capture_output=True, text=True, check=True)
    assert out.stdout.startswith("warta ")


def test_seeds_end_to_end(shared_dir: Path, tmp_path: Path, capsys):
    db = tmp_path / "seeds.db"
    assert run("analyze", str(shared_dir / "seeds"), "--db", str(db), "--quiet") == 0
    capsys.readouterr()
    assert run("export", "--db", str(db), "--format", "jsonl") == 0
    records = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert len(records) == 5
    schema = json_schema()
    for rec in records:
        jsonschema.validate(rec, schema)
        assert rec["body"] and rec["title"]
    out = tmp_path / "a.jsonl"
    out.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records), encoding="utf-8")
    score = subprocess.run([sys.executable, str(shared_dir / "tools" / "seedscore.py"), "--articles", str(out)],
                           capture_output=True, text=True)
    assert "seedscore:" in score.stdout


@pytest.mark.parametrize("cmd", [["stories"], ["timeline", "--dyad", "RUS", "CHN"], ["quotes"]])
def test_read_commands_need_a_database(tmp_path: Path, capsys, cmd):
    assert run(*cmd, "--db", str(tmp_path / "none.db")) == 1
    assert "database not found" in capsys.readouterr().err


@pytest.mark.parametrize("argv", [["analyze", "x.txt"], ["export"], ["stories"], ["timeline"], ["plot", "dyad", "A", "B"],
                                  ["quotes"], ["tone"], ["serve"], ["skips"]])
def test_store_commands_share_the_db_option(argv: list[str]) -> None:
    parser = build_parser()
    assert parser.parse_args(argv).db == "warta.db"
    assert parser.parse_args([*argv, "--db", "other.db"]).db == "other.db"


def test_demo_builds_its_own_database_by_default() -> None:
    args = build_parser().parse_args(["demo"])
    assert (args.db, args.host, args.port) == ("warta-demo.db", "127.0.0.1", 8000)


@pytest.mark.parametrize("command", ["stories", "timeline", "quotes", "tone", "skips"])
def test_listing_commands_print_json_or_a_table(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    parser = build_parser()
    assert parser.parse_args([command]).format == "table"
    assert parser.parse_args([command, "--format", "json"]).format == "json"
    with pytest.raises(SystemExit):
        parser.parse_args([command, "--format", "csv"])
    assert "invalid choice: 'csv'" in capsys.readouterr().err


@pytest.mark.parametrize("command", ["train", "spark"])
def test_passthrough_commands_leave_help_to_their_own_parser(command: str) -> None:
    args, rest = build_parser().parse_known_args([command, *(["ner"] if command == "train" else []), "--help"])
    assert args.passthrough and rest == ["--help"]


@pytest.fixture(scope="module")
def workbench_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The web tests' sample database plus an article quoting Joko Widodo (mentioned as "Jokowi")."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "web"))
    from workbench_db import build_workbench_db

    return build_workbench_db(tmp_path_factory.mktemp("cli-workbench") / "w.db")


@pytest.mark.parametrize("speaker", ["Jokowi", "jokowi", "Joko Widodo", "person:joko-widodo"])
def test_quotes_speaker_resolves_aliases(workbench_db: Path, speaker: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert run("quotes", "--db", str(workbench_db), "--speaker", speaker, "--format", "json") == 0
    rows = json.loads(capsys.readouterr().out)
    assert [(q["speaker_id"], q["article_id"]) for q in rows] == [
        ("person:joko-widodo", "antara-2023-04-03-jokowi-tiongkok")]


def test_quotes_speaker_that_resolves_to_nothing_says_so(workbench_db: Path,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    assert run("quotes", "--db", str(workbench_db), "--speaker", "Narnia", "--format", "json") == 0
    captured = capsys.readouterr()
    assert json.loads(captured.out) == []
    assert "no quotes by 'Narnia'" in captured.err


def test_timeline_dyad_takes_country_names(workbench_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run("timeline", "--db", str(workbench_db), "--dyad", "RUSIA", "China", "--format", "json") == 0
    by_name = capsys.readouterr().out
    assert run("timeline", "--db", str(workbench_db), "--dyad", "RUS", "CHN", "--format", "json") == 0
    assert capsys.readouterr().out == by_name
    assert run("timeline", "--db", str(workbench_db), "--dyad", "Narnia", "CHN") == 1
    assert "no country named 'Narnia'" in capsys.readouterr().err


@pytest.mark.parametrize(("table", "rows"), [("events", 6), ("quotes", 4), ("entities", 10), ("stories", 2),
                                             ("articles", 6), ("dyads", 3)])
def test_export_table_as_csv(workbench_db: Path, tmp_path: Path, table: str, rows: int) -> None:
    import csv

    from warta.store.queries import EXPORT_COLUMNS

    out = tmp_path / f"{table}.csv"
    assert run("export", "--db", str(workbench_db), "--table", table, "--format", "csv", "--out", str(out)) == 0
    with out.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        assert next(reader) == EXPORT_COLUMNS[table]
        assert len(list(reader)) == rows


def test_export_table_as_jsonl(workbench_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run("export", "--db", str(workbench_db), "--table", "events", "--format", "jsonl") == 0
    events = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert len(events) == 6 and {"type", "quad", "article_id", "n_outlets"} <= set(events[0])


def test_export_table_refuses_parquet(workbench_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "e.parquet"
    assert run("export", "--db", str(workbench_db), "--table", "events", "--format", "parquet", "--out", str(out)) == 1
    assert "csv or jsonl" in capsys.readouterr().err
