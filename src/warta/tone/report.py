"""Tone aggregated over the store, for `warta tone --entity NAME --by outlet|month`.

Tables read (see warta.store.schema): articles(id, outlet, published, published_utc, tone_json),
entities(article_id, entity_id, name), mentions(article_id, entity_id, text), entity_tone(article_id, entity_id,
positive, negative, polarity, words).

Each article counts once per group (a plain mean over articles, so that one long article does not outweigh the rest);
`words` is the total number of words the tone was measured over.
"""

from __future__ import annotations

import sqlite3
from typing import Any

# SQL expression for the grouping key of each `by`; the month is the article's local calendar month.
_GROUP_KEYS = {
    "outlet": "coalesce(a.outlet, '(unknown)')",
    "month": "coalesce(substr(coalesce(a.published, a.published_utc), 1, 7), '(undated)')",
}

# The entity is matched by id, canonical name or any surface form it was mentioned by ("Cina" finds China).
_ENTITY_SQL = """
SELECT {key} AS grp, count(*) AS articles, avg(t.positive) AS positive, avg(t.negative) AS negative,
       avg(t.polarity) AS polarity, sum(t.words) AS words
FROM entity_tone AS t
JOIN articles AS a ON a.id = t.article_id
WHERE t.entity_id IN (
    SELECT entity_id FROM entities WHERE entity_id = :entity OR name = :entity COLLATE NOCASE
    UNION
    SELECT entity_id FROM mentions WHERE text = :entity COLLATE NOCASE
)
GROUP BY grp
ORDER BY grp
"""

_ARTICLE_SQL = """
SELECT {key} AS grp, count(*) AS articles,
       avg(json_extract(a.tone_json, '$.positive')) AS positive,
       avg(json_extract(a.tone_json, '$.negative')) AS negative,
       avg(json_extract(a.tone_json, '$.polarity')) AS polarity,
       sum(json_extract(a.tone_json, '$.words')) AS words
FROM articles AS a
WHERE a.tone_json IS NOT NULL AND a.tone_json != 'null'
GROUP BY grp
ORDER BY grp
"""


def tone_report(conn: sqlite3.Connection, entity: str | None, by: str) -> list[dict[str, Any]]:
    """Mean tone per outlet or month: of the sentences mentioning `entity`, or of whole articles when None.

    Returns [{by: value, "articles": n, "positive": mean, "negative": mean, "polarity": mean, "words": total}].
    """
    if by not in _GROUP_KEYS:
        raise ValueError(f"by must be one of {sorted(_GROUP_KEYS)}, not {by!r}")
    if entity is None:
        rows = conn.execute(_ARTICLE_SQL.format(key=_GROUP_KEYS[by])).fetchall()
    else:
        rows = conn.execute(_ENTITY_SQL.format(key=_GROUP_KEYS[by]), {"entity": entity}).fetchall()
    report = []
    for group, articles, positive, negative, polarity, words in rows:
        report.append(
            {
                by: group,
                "articles": articles,
                "positive": round(positive or 0.0, 3),
                "negative": round(negative or 0.0, 3),
                "polarity": round(polarity or 0.0, 4),
                "words": int(words or 0),
            }
        )
    return report
