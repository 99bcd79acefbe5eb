import json
import sys
from pathlib import Path

import pytest

import warta.nlp as nlp
from warta.nlp import annotate
from warta.record import Article, Source
from warta.stages import StageOrderError

SHARED = Path(__file__).resolve().parents[2].parent / "shared"

BODY = (
    "Presiden Rusia Vladimir Putin menerima Menteri Luar Negeri China Wang Yi di Moskow pada Senin.\n\n"
    "Wang menyampaikan pesan dari Presiden Xi Jinping. \"Hubungan kita kuat,\" kata Putin. "
    "Menurut Rudi Hartono, pertemuan itu penting bagi Tiongkok."
)


def make_article(body: str) -> Article:
    return Article(id="t1", source=Source(path="t1.txt", format="txt", sha256="0" * 64), body=body)


def test_annotate_without_tagger_sets_sentences_and_linked_entities() -> None:
    article = make_article(BODY)
    annotate(article, tagger=None)
    assert [BODY[s:e] for s, e in article.sentences][0].startswith("Presiden Rusia")
    assert len(article.sentences) == 4
    by_id = {entity.id: entity for entity in article.entities}
    assert {"person:vladimir-putin", "person:wang-yi", "person:xi-jinping", "country:CHN", "city:moscow"} <= set(by_id)
    assert [m.text for m in by_id["person:wang-yi"].mentions] == ["Wang Yi", "Wang"]
    assert [m.text for m in by_id["country:CHN"].mentions] == ["China", "Tiongkok"]
    assert not any(entity.id.startswith("local:") for entity in article.entities)  # "Rudi Hartono" needs the tagger


def test_annotate_with_a_tagger_adds_unknown_names() -> None:
    start = BODY.index("Rudi Hartono")
    calls: list[str] = []

    def tagger(text: str) -> list[tuple[int, int, str]]:
        calls.append(text)
        return [(start, start + len("Rudi Hartono"), "PER"), (0, 8, "PER")]

    article = make_article(BODY)
    annotate(article, tagger=tagger)
    assert calls == [BODY]
    ids = [entity.id for entity in article.entities]
    assert "local:PER:rudi-hartono" in ids
    assert "local:PER:presiden" not in ids  # a title alone is never a name


def test_annotate_auto_falls_back_when_the_tagger_is_not_installed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "warta.nlp.tagger", None)  # makes the import fail
    nlp.installed_tagger.cache_clear()
    try:
        article = make_article(BODY)
        annotate(article)
        assert "person:vladimir-putin" in [entity.id for entity in article.entities]
    finally:
        nlp.installed_tagger.cache_clear()


def test_annotate_auto_falls_back_when_the_tagger_model_is_missing(monkeypatch: pytest.MonkeyPatch) -> None:
    def missing_model(text: str) -> list[tuple[int, int, str]]:
        raise FileNotFoundError("entity tagger model missing")

    monkeypatch.setattr(nlp, "installed_tagger", lambda: missing_model)
    monkeypatch.setattr(nlp._TaggerState, "model_missing", False)
    article = make_article(BODY)
    annotate(article)
    assert "person:xi-jinping" in [entity.id for entity in article.entities]
    assert nlp._TaggerState.model_missing


def test_explicit_tagger_errors_are_not_hidden() -> None:
    def broken(text: str) -> list[tuple[int, int, str]]:
        raise FileNotFoundError("no model")

    with pytest.raises(FileNotFoundError):
        annotate(make_article(BODY), tagger=broken)


def test_empty_body() -> None:
    article = make_article("")
    annotate(article, tagger=None)
    assert article.sentences == [] and article.entities == []


def test_entities_serialise_with_the_article() -> None:
    article = make_article(BODY)
    annotate(article, tagger=None)
    record = json.loads(article.to_json())
    putin = next(e for e in record["entities"] if e["id"] == "person:vladimir-putin")
    assert putin["kb"] is True and putin["type"] == "PER" and putin["country"] == "RUS"
    assert "sentences" not in record


def _seed_bodies() -> list[tuple[str, str]]:
    seeds = SHARED / "seeds"
    if not seeds.is_dir():
        pytest.skip("shared seeds not available")
    try:
        from warta.clean import clean_article
        from warta.read import read_paths
    except ImportError:
        pytest.skip("reader or cleaner not available")
    bodies = []
    for article in read_paths([str(seeds)]):
        if isinstance(article, Article):
            clean_article(article)
            bodies.append((Path(article.source.path).stem, article.body))
    return bodies


def test_seed_gold_entities_are_found_typed_and_merged() -> None:
    gold_path = SHARED / "gold" / "seeds.gold.json"
    if not gold_path.exists():
        pytest.skip("seed gold not available")
    gold = {doc["id"]: doc for doc in json.loads(gold_path.read_text(encoding="utf-8"))["documents"]}
    for seed_id, body in _seed_bodies():
        article = make_article(body)
        annotate(article, tagger=None)
        texts = {e.id: {e.name.casefold()} | {m.text.casefold() for m in e.mentions} for e in article.entities}
        types = {e.id: e.type for e in article.entities}
        for name, entity_type, aliases in gold[seed_id]["entities"]:
            wanted = {alias.casefold() for alias in aliases}
            if not any(alias in body.casefold() for alias in wanted):
                continue  # named only in the dateline or title, which cleaning moves out of the body
            hits = [entity_id for entity_id, surfaces in texts.items() if surfaces & wanted]
            assert len(hits) == 1, f"{seed_id}: {name} -> {hits}"
            assert types[hits[0]] == entity_type, f"{seed_id}: {name} typed {types[hits[0]]}"


def test_the_three_stages_are_annotate_and_link_alone_refuses() -> None:
    whole, stages = make_article(BODY), make_article(BODY)
    annotate(whole)
    nlp.find_sentences(stages)
    nlp.tag_article(stages)
    assert stages.entities == [] and stages.scratch.tagger_spans is not None  # the spans wait for link_article
    nlp.link_article(stages)
    assert stages.to_json() == whole.to_json() and stages.sentences == whole.sentences
    assert stages.scratch.tagger_spans is None  # nothing of the tagger's left behind
    untagged = make_article(BODY)
    nlp.find_sentences(untagged)
    with pytest.raises(StageOrderError, match="'link' requires 'tagger_spans'"):
        nlp.link_article(untagged)
    unsplit = make_article(BODY)
    nlp.tag_article(unsplit)
    with pytest.raises(StageOrderError, match="'sentences' stage has not run"):
        nlp.link_article(unsplit)
