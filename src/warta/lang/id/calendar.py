"""Indonesian day and month names, number words, time zones and stamp labels: the one calendar every stage reads.

The words live in `calendar.json` beside this module (hand-written; edit it to add a spelling). Names are kept as
printed and grouped by form, so that each stage takes what it can use without keeping a list of its own:

* events (`warta.events.dates`) and stories (`warta.stories.dates`) find dates in prose: full names, spellings and
  English names (`weekdays`, `months`) and the common abbreviations (`month_abbreviations`);
* meta (`warta.meta.dates`) reads publication stamps: every form, weekday abbreviations ("Rab, 20 Sep") and the
  stamp-only month abbreviations ("Agust", "Sept.") too, plus `time_zones` and `updated_words`;
* quotes (`warta.quotes.lexicon`) keeps capitalised day and month names from being taken for a medium's name:
  the Indonesian names (`indonesian_names`);
* meta's bylines cut a credit before a weekday (`weekdays`); events' place finder skips "di Senin"
  (`indonesian_weekdays`);
* stories (`warta.stories.text`) and tone's keyphrases (`warta.tone.keyphrases`) drop date words that carry no
  topic: Indonesian day and month names and `indonesian_zones`, and for keyphrases also
  `indonesian_month_abbreviations` (not the English "Aug": a Batak lyric's "auG" chord line is no date).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources


@dataclass(frozen=True)
class Calendar:
    """The calendar words of `calendar.json`, as printed (numbers: weekday Monday = 0, month January = 1)."""

    indonesian_weekdays: tuple[str, ...]  # Senin ... Minggu
    weekday_spellings: dict[str, int]  # other Indonesian spellings: Jum'at, Ahad
    english_weekdays: tuple[str, ...]  # Monday ... Sunday
    weekday_abbreviations: dict[str, int]  # Sen, Rab, Tue, Thurs ...
    indonesian_months: tuple[str, ...]  # Januari ... Desember
    month_spellings: dict[str, int]  # old Indonesian spellings: Pebruari, Nopember
    english_months: tuple[str, ...]  # January ... December
    indonesian_month_abbreviations: dict[str, int]  # Jan, Agt, Sept, Okt ... (some are English too: Jan, Sep)
    english_month_abbreviations: dict[str, int]  # the English-only ones: Aug, Oct, Dec
    stamp_month_abbreviations: dict[str, int]  # abbreviations seen only in publication stamps (Agust, Sept.)
    number_words: dict[str, int]  # satu, dua ... and the counts of "se-" (1) and "beberapa" (3)
    time_zones: dict[str, str]  # WIB -> +07:00 ...
    default_zone: str  # the offset of a stamp that names no zone (Jakarta)
    indonesian_zones: tuple[str, ...]  # WIB, WITA, WIT: left in text by datelines and stamps
    updated_words: tuple[str, ...]  # labels of an update stamp ("Diperbarui"), matched case-sensitively

    @property
    def weekdays(self) -> dict[str, int]:
        """Full weekday names: Indonesian, its other spellings, English."""
        return {
            **_numbered(self.indonesian_weekdays, 0),
            **self.weekday_spellings,
            **_numbered(self.english_weekdays, 0),
        }

    @property
    def months(self) -> dict[str, int]:
        """Full month names: Indonesian, its old spellings, English ("April" is both)."""
        return {**_numbered(self.indonesian_months, 1), **self.month_spellings, **_numbered(self.english_months, 1)}

    @property
    def month_abbreviations(self) -> dict[str, int]:
        """Month abbreviations, Indonesian and English."""
        return {**self.indonesian_month_abbreviations, **self.english_month_abbreviations}

    @property
    def indonesian_names(self) -> frozenset[str]:
        """Indonesian day and month names with their other spellings, case-folded (no English, no abbreviations)."""
        names = [*self.indonesian_weekdays, *self.weekday_spellings, *self.indonesian_months, *self.month_spellings]
        return frozenset(name.casefold() for name in names)


def _numbered(names: tuple[str, ...], first: int) -> dict[str, int]:
    return {name: number for number, name in enumerate(names, start=first)}


@cache
def calendar() -> Calendar:
    """The calendar, read once per process."""
    raw = json.loads(resources.files("warta.lang.id").joinpath("calendar.json").read_text(encoding="utf-8"))
    days, months = raw["weekdays"], raw["months"]
    return Calendar(
        indonesian_weekdays=tuple(days["indonesian"]),
        weekday_spellings=dict(days["indonesian_spellings"]),
        english_weekdays=tuple(days["english"]),
        weekday_abbreviations=dict(days["abbreviations"]),
        indonesian_months=tuple(months["indonesian"]),
        month_spellings=dict(months["indonesian_spellings"]),
        english_months=tuple(months["english"]),
        indonesian_month_abbreviations=dict(months["abbreviations"]),
        english_month_abbreviations=dict(months["english_abbreviations"]),
        stamp_month_abbreviations=dict(months["stamp_abbreviations"]),
        number_words=dict(raw["number_words"]["words"]),
        time_zones=dict(raw["time_zones"]["zones"]),
        default_zone=raw["time_zones"]["default"],
        indonesian_zones=tuple(raw["time_zones"]["indonesian"]),
        updated_words=tuple(raw["updated_words"]),
    )


def lowercase(names: dict[str, int]) -> dict[str, int]:
    """`names` keyed by their lower-case form (the date finders look words up lower-cased)."""
    return {name.lower(): number for name, number in names.items()}
