"""The shared Indonesian resources (warta.lang.id) agree with themselves, and the stages read them."""

from __future__ import annotations

import datetime as dt

from warta.lang.id.calendar import calendar, lowercase
from warta.lang.id.media import cited_media, outlets, quote_media_names


def _groups() -> dict[str, dict[str, int]]:
    cal = calendar()
    return {
        "weekdays": cal.weekdays,
        "weekday abbreviations": cal.weekday_abbreviations,
        "months": cal.months,
        "Indonesian month abbreviations": cal.indonesian_month_abbreviations,
        "English month abbreviations": cal.english_month_abbreviations,
        "stamp month abbreviations": cal.stamp_month_abbreviations,
    }


def test_weekday_and_month_numbers_are_in_range() -> None:
    cal = calendar()
    assert len(cal.indonesian_weekdays) == len(cal.english_weekdays) == 7
    assert len(cal.indonesian_months) == len(cal.english_months) == 12
    for name, number in {**cal.weekdays, **cal.weekday_abbreviations}.items():
        assert 0 <= number <= 6, name
    for name, number in {**cal.months, **cal.month_abbreviations, **cal.stamp_month_abbreviations}.items():
        assert 1 <= number <= 12, name
    # Monday first, as datetime counts: 19 September 2022 was a Senin.
    assert cal.weekdays["Senin"] == dt.date(2022, 9, 19).weekday()


def test_a_word_in_two_groups_means_the_same_day_or_month() -> None:
    # "April" is Indonesian and English; a lower-cased word looked up in any group must give one answer.
    seen: dict[tuple[str, str], tuple[str, int]] = {}
    for group, names in _groups().items():
        kind = "weekday" if "weekday" in group else "month"
        for name, number in lowercase(names).items():
            earlier = seen.setdefault((kind, name), (group, number))
            assert earlier[1] == number, (name, group, earlier)


def test_indonesian_names_hold_no_english_and_no_abbreviation() -> None:
    names = calendar().indonesian_names
    assert {"senin", "jum'at", "ahad", "januari", "pebruari", "april"} <= names
    assert not names & {"monday", "may", "jan", "sen"}


def test_every_quote_media_name_is_an_outlet_or_cited_medium_unless_marked() -> None:
    known = {name.casefold() for medium in cited_media() for name in (medium.name, *medium.aliases)}
    known |= {name.casefold() for outlet in outlets() for name in (outlet.name, *outlet.markers)}
    for entry in quote_media_names():
        # A mark that no longer holds would hide a name added to the shared lists later.
        assert (entry.name.casefold() not in known) == entry.quotes_only, entry.name


def test_stages_read_the_shared_calendar() -> None:
    from warta.events.dates import _calendar as events_calendar
    from warta.meta.dates import calendar as stamp_calendar
    from warta.quotes.lexicon import lexicon
    from warta.stories.dates import month_names

    cal = calendar()
    events = events_calendar()
    assert events.weekdays == lowercase(cal.weekdays)
    assert {**events.months_full, **events.months_short} == month_names()
    # Stamps read every form the prose finders read, and the stamp-only abbreviations.
    assert set(month_names()) | set(lowercase(cal.stamp_month_abbreviations)) == set(stamp_calendar().months)
    assert set(stamp_calendar().day_names) == {*cal.weekdays, *cal.weekday_abbreviations}
    assert lexicon().calendar == cal.indonesian_names


def test_stop_lists_take_the_date_words_from_the_calendar() -> None:
    from warta.stories.text import stopwords
    from warta.tone.keyphrases import load_model

    cal = calendar()
    topicless = {word.lower() for word in (*cal.indonesian_weekdays, *cal.indonesian_months, *cal.indonesian_zones)}
    assert topicless <= stopwords()
    assert topicless | set(lowercase(cal.indonesian_month_abbreviations)) <= load_model().stopwords
    assert "aug" not in load_model().stopwords  # English-only abbreviations are not Indonesian date words


def test_month_abbreviations_do_not_end_a_sentence() -> None:
    from warta.nlp.sentences import split_sentences

    for month in (*calendar().indonesian_month_abbreviations, "Dec"):
        text = f"Rapat digelar 5 {month}. Presiden hadir."
        assert split_sentences(text) == [(0, len(text))], month


def test_stages_read_the_shared_media_lists() -> None:
    from warta.meta.registry import media
    from warta.meta.registry import outlets as outlet_registry
    from warta.quotes.lexicon import lexicon

    assert outlet_registry().outlets == list(outlets())
    assert set(media().by_alias.values()) == {medium.name for medium in cited_media()}
    assert lexicon().media == {entry.name.casefold() for entry in quote_media_names()}
