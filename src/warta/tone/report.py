"""Tone and themes aggregated over the store, for `warta tone --entity NAME --by outlet|month`, the API and the
dashboard.

Tables read (see warta.store.schema): articles(id, outlet, published, published_utc, tone_json, themes_json),
entities(article_id, entity_id, name), mentions(article_id, entity_id, text), entity_tone(article_id, entity_id,
positive, negative, polarity, words).

Each article counts once per group (a plain mean over articles, so that one long article does not outweigh the rest);
`words` is the total number of words the tone was measured over. Theme counts are numbers of articles carrying the
theme (an article's themes come from its whole text, see warta.tone.themes).
"""

from __future__ import annotations

import json
import sqlite3
from collections import defaultdict
from typing import Any

from warta.tone.themes import load_taxonomy

GROUPINGS = ("outlet", "month")

# SQL expression for the grouping key of each `by`; the month is the article's local calendar month.
_GROUP_KEYS = {
    "outlet": "coalesce(a.outlet, '(unknown)')",
    "month": "coalesce(substr(coalesce(a.published, a.published_utc), 1, 7), '(undated)')",
}

# The entity is matched by id, canonical name or any surface form it was mentioned by ("Cina" finds China).
_ENTITY_IDS = """
    SELECT entity_id FROM entities WHERE entity_id = :entity OR name = :entity COLLATE NOCASE
    UNION
    SELECT entity_id FROM mentions WHERE text = :entity COLLATE NOCASE
"""

# Resolved once per report (the surface-form lookup scans `mentions`), then passed to the queries as a JSON list.
_IDS = "SELECT value FROM json_each(:ids)"

_ENTITY_SQL = f"""
SELECT {{key}} AS grp, count(*) AS articles, avg(t.positive) AS positive, avg(t.negative) AS negative,
       avg(t.polarity) AS polarity, sum(t.words) AS words
FROM entity_tone AS t
JOIN articles AS a ON a.id = t.article_id
WHERE t.entity_id IN ({_IDS})
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

# Which articles a report covers: for tone, those with a tone score (of the entity, or of the article); for themes,
# every article (naming the entity).
_TONE_ARTICLES = {
    True: f"SELECT DISTINCT article_id FROM entity_tone WHERE entity_id IN ({_IDS})",
    False: "SELECT id FROM articles WHERE tone_json IS NOT NULL AND tone_json != 'null'",
}
_THEME_ARTICLES = {
    True: f"SELECT DISTINCT article_id FROM entities WHERE entity_id IN ({_IDS})",
    False: "SELECT id FROM articles",
}

# Article counts per (group, theme) over a set of articles. json_valid keeps one damaged row from failing the report.
_THEME_COUNTS_SQL = """
SELECT {key} AS grp, json_extract(j.value, '$.theme') AS theme, count(DISTINCT a.id) AS n
FROM articles AS a, json_each(CASE WHEN json_valid(a.themes_json) THEN a.themes_json ELSE '[]' END) AS j
WHERE a.id IN ({articles}) AND json_type(j.value) = 'object' AND json_extract(j.value, '$.theme') IS NOT NULL
GROUP BY grp, theme
"""

_GROUP_SIZES_SQL = "SELECT {key} AS grp, count(*) FROM articles AS a WHERE a.id IN ({articles}) GROUP BY grp ORDER BY grp"


class ThemeCounts(dict[str, int]):
    """{theme id: articles}, most frequent first. Prints as "energy 2, trade 1" so that text tables (`warta tone`)
    show it readably; as JSON it is a plain object."""

    def __str__(self) -> str:
        return ", ".join(f"{theme} {n}" for theme, n in self.items())


def _check_by(by: str) -> None:
    if by not in _GROUP_KEYS:
        raise ValueError(f"by must be one of {sorted(_GROUP_KEYS)}, not {by!r}")


def _entity_params(conn: sqlite3.Connection, entity: str | None) -> dict[str, Any]:
    """Query parameters: the ids the entity name resolves to (a JSON list; empty when None or unknown)."""
    ids = [] if entity is None else [row[0] for row in conn.execute(_ENTITY_IDS, {"entity": entity})]
    return {"ids": json.dumps(ids)}


def _theme_counts(conn: sqlite3.Connection, articles_sql: str, key: str,
                  params: dict[str, Any]) -> dict[str, ThemeCounts]:
    counts: dict[str, dict[str, int]] = defaultdict(dict)
    for group, theme, n in conn.execute(_THEME_COUNTS_SQL.format(key=key, articles=articles_sql), params):
        counts[group][str(theme)] = int(n)
    return {group: ThemeCounts(sorted(themes.items(), key=lambda kv: (-kv[1], kv[0])))
            for group, themes in counts.items()}


def tone_report(conn: sqlite3.Connection, entity: str | None, by: str) -> list[dict[str, Any]]:
    """Mean tone per outlet or month: of the sentences mentioning `entity`, or of whole articles when None.

    Returns [{by: value, "articles": n, "positive": mean, "negative": mean, "polarity": mean, "words": total,
    "themes": {theme id: articles}}]; `themes` counts the themes of the same articles the tone is averaged over.
    """
    _check_by(by)
    key = _GROUP_KEYS[by]
    params = _entity_params(conn, entity)
    if entity is None:
        rows = conn.execute(_ARTICLE_SQL.format(key=key)).fetchall()
    else:
        rows = conn.execute(_ENTITY_SQL.format(key=key), params).fetchall()
    themes = _theme_counts(conn, _TONE_ARTICLES[entity is not None], key, params)
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
                "themes": themes.get(group, ThemeCounts()),
            }
        )
    return report


def theme_report(conn: sqlite3.Connection, entity: str | None, by: str) -> list[dict[str, Any]]:
    """Theme counts per outlet or month: of the articles naming `entity`, or of all articles when None.

    Returns [{by: value, "articles": articles in the group, "themes": {theme id: articles with it}}], groups sorted;
    groups whose articles have no theme are listed with empty `themes`, so the counts can be read as shares.
    """
    _check_by(by)
    key = _GROUP_KEYS[by]
    params = _entity_params(conn, entity)
    articles_sql = _THEME_ARTICLES[entity is not None]
    themes = _theme_counts(conn, articles_sql, key, params)
    sizes = conn.execute(_GROUP_SIZES_SQL.format(key=key, articles=articles_sql), params).fetchall()
    return [{by: group, "articles": int(n), "themes": themes.get(group, ThemeCounts())} for group, n in sizes]


def theme_labels() -> dict[str, str]:
    """{theme id: human label} from the taxonomy (data/themes.json)."""
    return {theme_id: theme.label for theme_id, theme in load_taxonomy().themes.items()}
