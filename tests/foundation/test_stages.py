"""The stage registry: the order is checked when the pipeline is built, and a stage never runs another."""

from __future__ import annotations

import dataclasses
import subprocess
import sys

import pytest

from warta.errors import SkipArticle
from warta.pipeline import process, run_until
from warta.record import Article, Source
from warta.stages import READER_FILLS, STAGES, Stage, StageOrderError, build, check_order, plan

BODY = (
    "Presiden Rusia Vladimir Putin menerima Menteri Luar Negeri China Wang Yi di Moskow pada Senin.\n\n"
    "\u201cHubungan kita kuat,\u201d kata Putin. Menurut Wang Yi, pertemuan itu penting bagi kedua negara."
)


def _article(body: str = "") -> Article:
    return Article(id="s", source=Source(path="s.txt", format="txt", sha256="0" * 64), body=body)


def _raw(text: str) -> Article:
    article = _article()
    article._raw_text = text
    return article


def test_the_pipeline_builds_in_the_declared_order() -> None:
    built = build()
    assert [stage.name for stage in built] == [stage.name for stage in STAGES]
    assert [stage.name for stage in built] == ["clean", "meta", "sentences", "tag", "link", "quotes", "events", "tone"]
    assert [stage.name for stage in built if stage.run_many is not None] == ["tag"]
    assert all(callable(stage.run) for stage in built)


def test_a_stage_before_what_it_requires_is_refused_at_build_time() -> None:
    order = {stage.name: stage for stage in STAGES}
    swapped = [order["clean"], order["meta"], order["sentences"], order["tag"], order["quotes"], order["link"]]
    with pytest.raises(StageOrderError, match=r"stage 'quotes' requires \['entities'\], which no stage before it"):
        build(swapped)
    with pytest.raises(StageOrderError, match="'clean' requires"):
        check_order(STAGES, given=("id", "source"))  # no raw input: nothing fills 'raw'


def test_unknown_names_and_repeated_stages_are_refused() -> None:
    typo = Stage("shout", "warta.nlp:find_sentences", requires=("bodyy",))
    with pytest.raises(StageOrderError, match=r"'shout' names \['bodyy'\]"):
        check_order([*STAGES, typo])
    with pytest.raises(StageOrderError, match="two stages are named 'tone'"):
        check_order([*STAGES, STAGES[-1]])


def count_paragraphs(article: Article) -> None:
    """A stage declared by this test module: one module plus one registry entry."""
    article.keyphrases.append(f"{article.body.count(chr(10) * 2) + 1} paragraphs")


def test_a_new_stage_is_one_function_and_one_entry() -> None:
    entry = Stage("paragraphs", f"{__name__}:count_paragraphs", requires=("body", "keyphrases"), fills=("keyphrases",))
    built = build([*STAGES, entry])
    assert built[-1].run is count_paragraphs
    with pytest.raises(StageOrderError, match=r"'paragraphs' requires \['keyphrases'\]"):
        build([*STAGES[:-1], entry, STAGES[-1]])  # before tone, which fills the keyphrases it extends
    article = _article("Satu.\n\nDua.")
    count_paragraphs(article)
    assert article.keyphrases == ["2 paragraphs"]


def test_plan_picks_what_a_stage_requires_and_no_more() -> None:
    assert [s.name for s in plan("quotes", given=("body", "entities"))] == ["sentences", "quotes"]
    assert [s.name for s in plan("quotes")] == ["clean", "sentences", "tag", "link", "quotes"]
    assert [s.name for s in plan("events")] == ["clean", "meta", "sentences", "tag", "link", "quotes", "events"]
    assert [s.name for s in plan("clean")] == ["clean"]
    assert plan("tone", given=READER_FILLS)[-1].name == "tone"
    with pytest.raises(StageOrderError, match="no stage is named 'qoutes'"):
        plan("qoutes")
    with pytest.raises(StageOrderError, match="'clean' requires 'raw', which is not given"):
        plan("quotes", given=("id", "source"))


def test_run_until_gives_the_pipeline_s_quotes() -> None:
    text = "Putin Bertemu Wang Yi di Moskow\n\n" + BODY
    whole = process(_raw(text))
    alone = run_until(_raw(text), "quotes")
    assert alone.quotes == whole.quotes and alone.entities == whole.entities
    assert alone.title is None  # meta is not among what quotes requires
    hand_built = _article(BODY)
    run_until(hand_built, "quotes", given=("body", "entities"))
    assert hand_built.entities == [] and hand_built.quotes and hand_built.sentences


def test_a_stage_refuses_an_article_without_its_input() -> None:
    from warta.events import extract_events
    from warta.meta import extract_metadata
    from warta.quotes import extract_quotes

    with pytest.raises(StageOrderError, match="stage 'meta' requires 'clean'"):
        extract_metadata(_raw(BODY))  # meta no longer cleans the article itself
    with pytest.raises(StageOrderError, match="'sentences' stage has not run"):
        extract_quotes(_article(BODY))
    with pytest.raises(StageOrderError, match="'sentences' stage has not run"):
        extract_events(_article(BODY))
    with pytest.raises(SkipArticle):
        run_until(_raw("Too short."), "meta")


def test_scratch_travels_with_a_copy() -> None:
    article = _raw(BODY)
    article.scratch.input_meta = {"title": "Judul"}
    copy = dataclasses.replace(article.scratch)
    assert copy.input_meta == {"title": "Judul"} and copy.clean is None and copy.sentences is None


def test_the_registry_imports_no_stage_until_built() -> None:
    # `warta schema` imports the record, which imports the registry: no stage module (nor its models) may come along.
    code = ("import sys, warta.record, warta.stages, warta.pipeline; "
            "print([m for m in ('warta.clean', 'warta.meta', 'warta.nlp', 'warta.quotes', 'warta.events', "
            "'warta.tone', 'trafilatura') if m in sys.modules])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
