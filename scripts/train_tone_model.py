"""Train warta.tone's learned portrayal model from the annotated sentences.

    python scripts/train_tone_model.py [--articles ../shared/data/news-dev-2025/articles.jsonl]
        [--labels src/warta/tone/data/portrayal_sentences.tsv] [--out src/warta/tone/data/portrayal_model.json]

Each labelled row names an article of news-dev-2025, a sentence and a mention of an actor in it (character offsets
into the article's `text`) and the actor's portrayal there (TONE.md, -2..+2; the model learns its sign). The article
is written as the dev scorer writes it (title, date, paragraphs), run through Warta's stages up to tone, and the
sentence's portrayal evidence for the entity holding the mention becomes one training row (`warta.tone.model`).
Prints the rows found and a 5-fold cross-validated accuracy; writes the model only with --out.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from bisect import bisect_right
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from warta.pipeline import process  # noqa: E402
from warta.read import read_paths  # noqa: E402
from warta.record import Article  # noqa: E402
from warta.tone import portrayal_evidence  # noqa: E402
from warta.tone.model import CLASSES, FEATURES, PortrayalModel, features  # noqa: E402
from warta.tone.portrayal import ENTITY_PRIOR  # noqa: E402
from warta.tone.scoring import pooled_tone  # noqa: E402

LABELS = ROOT / "src" / "warta" / "tone" / "data" / "portrayal_sentences.tsv"
ARTICLES = ROOT.parent / "shared" / "data" / "news-dev-2025" / "articles.jsonl"
MODEL_PRIOR = 0.5  # as the rules' ENTITY_PRIOR


def read_labels(path: Path) -> list[tuple[str, int, int, int, int, int]]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith(("#", "article_id")):
            continue
        article_id, *numbers = line.split("\t")
        s_start, s_end, m_start, m_end, label = (int(n) for n in numbers)
        rows.append((article_id, s_start, s_end, m_start, m_end, label))
    return rows


def analysed(rows: dict[str, dict[str, str]]) -> dict[str, Article]:
    """The articles run through Warta's stages, written as the dev scorer writes them."""
    with tempfile.TemporaryDirectory() as tmp:
        for row in rows.values():
            body = "\n\n".join(p.strip() for p in row["text"].split("\n") if p.strip())
            text = f"{row['title'].strip()}\n\n{row['date'].strip(' ,')}\n\n{body}\n"
            (Path(tmp) / f"{row['id']}.txt").write_text(text, encoding="utf-8")
        articles = {}
        for article in read_paths([tmp]):
            if isinstance(article, Article):
                process(article)
                articles[article.id] = article
        return articles


def training_rows(labels: list[tuple[str, int, int, int, int, int]], raw: dict[str, dict[str, str]],
                  articles: dict[str, Article]) -> tuple[list[list[float]], list[int], list[int]]:
    """Features and sign of the label of each row Warta finds, and the class the rules alone give it (their pooled
    polarity outside Warta's neutral band, |polarity| < 0.1)."""
    x, y, rules, missed = [], [], [], 0
    evidence_of = {article_id: portrayal_evidence(article) for article_id, article in articles.items()}
    for article_id, s_start, s_end, m_start, _m_end, label in labels:
        article = articles.get(article_id)
        body = article.body or "" if article else ""
        at = body.find(raw[article_id]["text"][s_start:s_end]) if article else -1
        if at < 0 or article is None:
            missed += 1
            continue
        mention = at + m_start - s_start
        entity = next((e for e in article.entities if any(m.start <= mention < m.end for m in e.mentions)), None)
        starts = [start for start, _ in sorted(article.sentences)]
        index = bisect_right(starts, mention) - 1
        item = next((i for i in evidence_of[article_id].get(entity.id, []) if i.index == index), None) if entity else None
        if item is None:
            missed += 1
            continue
        x.append(features(item))
        y.append((label > 0) - (label < 0))
        polarity = pooled_tone([item.weighed], ENTITY_PRIOR).polarity
        rules.append((polarity > 0.1) - (polarity < -0.1))
    print(f"{len(y)} training rows ({missed} labels whose sentence or entity Warta does not find)")
    return x, y, rules


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=Path, default=ARTICLES)
    parser.add_argument("--labels", type=Path, default=LABELS)
    parser.add_argument("--out", type=Path)
    parser.add_argument("--c", type=float, default=1.0, help="inverse regularisation strength")
    parser.add_argument("--balanced", action="store_true", help="weigh the classes by their inverse frequency")
    args = parser.parse_args(argv)
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import cross_val_score

    labels = read_labels(args.labels)
    wanted = {row[0] for row in labels}
    raw = {}
    with args.articles.open(encoding="utf-8") as lines:
        for line in lines:
            row = json.loads(line)
            if row["id"] in wanted:
                raw[row["id"]] = row
    x, y, rules = training_rows(labels, raw, analysed(raw))
    print(f"the rules alone: accuracy {sum(a == b for a, b in zip(rules, y, strict=True)) / len(y):.3f} on the same rows")
    fit = LogisticRegression(C=args.c, class_weight="balanced" if args.balanced else None, max_iter=2000)
    print(f"5-fold accuracy {cross_val_score(fit, x, y, cv=5).mean():.3f}; classes "
          + ", ".join(f"{c:+d}: {y.count(c)}" for c in CLASSES))
    fit.fit(x, y)
    assert tuple(int(c) for c in fit.classes_) == CLASSES
    model = PortrayalModel(tuple(tuple(float(w) for w in row) for row in fit.coef_),
                           tuple(float(b) for b in fit.intercept_), MODEL_PRIOR)
    for name, *weights in zip(FEATURES, *fit.coef_, strict=True):
        print(f"  {name:18s} " + " ".join(f"{w:+.2f}" for w in weights))
    if args.out:
        args.out.write_text(json.dumps(model.to_json(), indent=1) + "\n", encoding="utf-8")
        print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
