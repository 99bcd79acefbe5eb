"""Quotes and their speakers in an Indonesian news article.

The article is read sentence by sentence, in order, so that pronouns ("dia", "katanya", "pihaknya") can be resolved
to whoever was last in focus. Each sentence yields:

* direct quotes: a quoted stretch that is a statement of its own, told by its position (it starts the sentence or
  follows "X mengatakan:") or by a speech cue right after it ("…,” kata Patrushev");
* partial quotes: a quoted phrase of three words or more inside reported speech ("berjanji “mendukung secara
  teguh”"); shorter quoted words (‘netral’, “agresif”, “tanpa batas”) are scare quotes and are never reported,
  nor is a quoted phrase in a sentence without a speech cue (a title, a slogan);
* indirect speech: "X mengatakan (bahwa) …", "menurut X, …", "…, kata X." — one per sentence.

Cues, pronouns, role words and media names come from data/ (see lexicon.py). The work is split by concern:

* text.py: positions (paragraphs, sentences, words, the body with quoted words masked);
* resolve.py: the speaker a phrase names, as an ordered list of rules, and the focus pronouns refer to;
* media.py: media named and cited; cues.py: speech cues and the speaker each points to;
* direct.py: direct and partial quotes; indirect.py: speech acts and reported speech;
* this module: the sentence loop that ties them together and builds the records.
"""

from __future__ import annotations

from warta.record import Article, Quote, trusted

from .cues import Cues
from .direct import DirectQuotes, Draft
from .indirect import IndirectSpeech
from .lexicon import lexicon
from .marks import DOUBLE_MARKS, QuotedSpan
from .media import Media
from .resolve import SpeakerResolver
from .speakers import EntityIndex, Speaker
from .text import ArticleText


def extract_quotes(article: Article) -> None:
    """Fill `article.quotes` from `article.body`, using `article.sentences` and `article.entities` from the nlp stage."""
    article.quotes = _Extractor(article).run() if article.body.strip() else []


def _sentence_spans(article: Article) -> list[tuple[int, int]]:
    return list(article.sentences)  # raises when the sentences stage has not run: no splitter of its own here


class _Extractor:
    """One article's quotes, read sentence by sentence so that the focus carries from one to the next."""

    def __init__(self, article: Article) -> None:
        self.text = ArticleText(article.body, lexicon(), EntityIndex(list(article.entities)), _sentence_spans(article))
        self.resolver = SpeakerResolver(self.text)
        self.media = Media(self.text, self.resolver)
        self.cues = Cues(self.text, self.resolver, self.media)
        consumed: set[int] = set()  # start offsets of cue words already used by a direct quote
        self.direct = DirectQuotes(self.text, self.resolver, self.media, self.cues, consumed)
        self.indirect = IndirectSpeech(self.text, self.resolver, self.media, self.cues, consumed)
        self.drafts: list[Draft] = []

    def run(self) -> list[Quote]:
        text = self.text
        spans_by_sentence: dict[int, list[QuotedSpan]] = {}
        for span in text.spans:
            spans_by_sentence.setdefault(text.sentence_of(span.outer_start), []).append(span)
        for number, (start, end) in enumerate(text.sentences):
            self._sentence(number, start, end, spans_by_sentence.get(number, []))
        self.drafts.sort(key=lambda d: (d.start, d.end))
        self._carry_speakers()
        # Built without validation (record.trusted): every value is already of its field's type; `cited` is copied,
        # as validating it would, because drafts of one sentence share their act's list.
        return [
            trusted(
                Quote,
                {
                    "text": d.text,
                    "start": d.start,
                    "end": d.end,
                    "speaker": d.speaker.name if d.speaker else None,
                    "speaker_id": d.speaker.entity_id if d.speaker else None,
                    "kind": d.kind,
                    "cue": d.cue,
                    "cited": list(d.cited),
                },
            )
            for d in self.drafts
        ]

    def _before_direct(self, content: tuple[int, int], direct: list[Draft]) -> tuple[int, int] | None:
        """Reported speech ends where a direct quote of the sentence starts (a sentence the splitter failed to
        end: "... pemilihan umum.\"Ia tahu ...,\" ujar senator tersebut")."""
        a, b = content
        clipped = min((draft.start - 1 for draft in direct if a < draft.start < b), default=b)
        if clipped == b:
            return content
        b = clipped
        while b > a and self.text.body[b - 1] in " \t\n,.;:" + DOUBLE_MARKS:
            b -= 1
        return (a, b) if b > a and len(self.text.words_in(a, b)) >= 2 else None

    def _carry_speakers(self) -> None:
        """Quotes carried by their run (see Draft.carried) take the speaker of the first cued quote later in the
        same run of quote paragraphs ("“…” / “…” / “…,” ujar Hajime Moriyasu."), else their fallback."""
        text = self.text
        direct = [d for d in self.drafts if d.kind == "direct"]
        for number, draft in enumerate(direct):
            if not draft.carried:
                continue
            block = text.block_of(draft.start)
            draft.speaker = draft.fallback
            for later in direct[number + 1 :]:
                later_block = text.block_of(later.start)
                if later_block != block and (
                    text.previous_block(later_block) != block or not self._opens_paragraph(later, later_block)
                ):
                    break
                if later.cue and later.speaker:
                    draft.speaker = later.speaker
                    break
                block = later_block

    def _opens_paragraph(self, draft: Draft, block: int) -> bool:
        before = self.text.body[self.text.blocks[block][0] : draft.start]
        return not before.strip(" \t\n" + DOUBLE_MARKS)

    def _sentence(self, number: int, start: int, end: int, spans: list[QuotedSpan]) -> None:
        """The quotes of one sentence: its direct quotes first (they consume their cues), then its indirect speech
        and the partial quotes inside it; then who is in focus for the next sentence."""
        emitted: list[Draft] = []
        inline: list[QuotedSpan] = []
        for span in spans:
            draft = self.direct.direct(span, number)
            if draft:
                emitted.append(draft)
            else:
                inline.append(span)
        acts = self.indirect.acts_in(start, end)
        indirect = next((a for a in acts if a.content and a.speaker), None)
        content = self._before_direct(indirect.content, emitted) if indirect and indirect.content else None
        if indirect and content:
            a, b = content
            emitted.append(
                Draft(a, b, self.text.body[a:b], "indirect", indirect.speaker, indirect.cue, indirect.cited)
            )
        for span in inline:
            draft = self.direct.partial(span, acts)
            if draft:
                emitted.append(draft)
        self.drafts.extend(emitted)
        speakers: list[Speaker] = [d.speaker for d in emitted if d.speaker]
        if speakers:
            self.direct.last_speaker[self.text.block_of(start)] = speakers[-1]
        self.resolver.update_focus(start, end, speakers)
