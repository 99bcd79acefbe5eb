"""Events: who did what to whom, and when (PLOVER/CAMEO coding with resolved dates).

`extract_events(article)` runs after `warta.nlp.annotate` (sentences, linked entities) and the metadata stage
(`published`, `dateline`) and fills `article.events`. The dictionary, actor gazetteer and function-word lists live
in `data/`; `warta.events.dates` resolves Indonesian date expressions on its own.
"""

from warta.events.dates import ResolvedDate, find_dates, resolve_date
from warta.events.extract import extract_events

__all__ = ["ResolvedDate", "extract_events", "find_dates", "resolve_date"]
