"""Agreement of sentence labels from `warta.tone` with hand labels (used by scripts/eval_tone.py and tests)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from warta.tone.scoring import label, text_tone

LABELS = ("positive", "neutral", "negative")


@dataclass
class PolarityEvaluation:
    total: int = 0
    agreed: int = 0
    confusion: Counter[tuple[str, str]] = field(default_factory=Counter)  # (expected, predicted) -> count
    errors: list[tuple[str, str, str]] = field(default_factory=list)  # (expected, predicted, sentence)

    @property
    def agreement(self) -> float:
        return self.agreed / self.total if self.total else 0.0

    def markdown_table(self) -> str:
        lines = ["| expected \\ predicted | " + " | ".join(LABELS) + " | total |", "|---|" + "---:|" * (len(LABELS) + 1)]
        for expected in LABELS:
            cells = [self.confusion[(expected, predicted)] for predicted in LABELS]
            lines.append(f"| {expected} | " + " | ".join(str(cell) for cell in cells) + f" | {sum(cells)} |")
        return "\n".join(lines)


def read_labelled(path: Path) -> list[tuple[str, str]]:
    """(label, sentence) rows of a TSV file; '#' lines are comments."""
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            expected, sentence = line.split("\t", 1)
            rows.append((expected.strip(), sentence.strip()))
    return rows


def evaluate_polarity(rows: list[tuple[str, str]], neutral_band: float | None = None) -> PolarityEvaluation:
    result = PolarityEvaluation()
    for expected, sentence in rows:
        predicted = label(text_tone(sentence), neutral_band)
        result.total += 1
        result.confusion[(expected, predicted)] += 1
        if predicted == expected:
            result.agreed += 1
        else:
            result.errors.append((expected, predicted, sentence))
    return result
