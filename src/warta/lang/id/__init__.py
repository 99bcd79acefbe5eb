"""Indonesian language resources that more than one stage reads, kept once.

* `warta.lang.id.calendar` (`calendar.json`): day and month names (Indonesian, other spellings, English,
  abbreviations), number words, time zones and update-stamp labels. Read by meta (publication stamps, bylines),
  events (date expressions, places), quotes (day names are not media) and stories (anchor dates).
* `warta.lang.id.media` (`outlets.json`, `media.json`, `media_names.txt`): Indonesian outlets, cited media and the
  media names the quote extractor knows. Read by meta (outlet, dateline, bylines, cited media), the cleaner
  (through `warta.meta.registry`) and quotes.

The files are hand-written (nothing generates them): edit them, then run the snapshot (`scripts/snapshot.py`) to see
which records change. Each stage keeps only how it matches the words (its regexes, case rules), not its own copy.
"""
