"""Working time and small-work words read from the folded ad, in several languages."""

import pytest

from redflag.entities.effort import cues, efforts
from redflag.entities.folding import fold


@pytest.mark.parametrize(("text", "phrase", "low", "high", "per"), [
    ("30 minutes a day", "30 minutes a day", 0.5, 0.5, "day"),
    ("1-2 hours daily", "1-2 hours daily", 1, 2, "day"),
    ("solo 2 ore al giorno", "solo 2 ore al giorno", 2, 2, "day"),
    ("Всего 30 минут в день", "Всего 30 минут в день", 0.5, 0.5, "day"),
    ("30 phút mỗi ngày", "30 phút mỗi ngày", 0.5, 0.5, "day"),
    ("10 Stunden pro Woche", "10 Stunden pro Woche", 10, 10, "week"),
    ("2h/day", "2h/day", 2, 2, "day"),
    ("hanya 1 jam sehari", "hanya 1 jam sehari", 1, 1, "day"),
    ("lucrezi doar 30 de minute pe zi", "doar 30 de minute pe zi", 0.5, 0.5, "day"),  # Romanian "de" from twenty on
])
def test_stated_working_time(text, phrase, low, high, per):
    low_text = fold(text)
    (e,) = efforts(low_text)
    assert text[e.start:e.end] == phrase and (e.low, e.high, e.per) == (low, high, per)


@pytest.mark.parametrize(("text", "hours", "per"), [
    ("just an hour a day", 1, "day"), ("o oră pe zi", 1, "day"), ("всего час в день", 1, "day"),
    ("nur eine Stunde am Tag", 1, "day"), ("media hora al día", 0.5, "day"), ("nửa tiếng mỗi ngày", 0.5, "day"),
    ("only one hour", 1, None),
])
def test_working_time_in_words(text, hours, per):
    (e,) = efforts(fold(text))
    assert text[e.start:e.end] == text and (e.low, e.high, e.per) == (hours, hours, per)


@pytest.mark.parametrize(("text", "low", "per"), [
    ("每天只需1小时", 1, "day"), ("只需30分钟/天", 0.5, "day"), ("रोज़ सिर्फ़ 30 मिनट", 0.5, "day"),
    ("sirf 2 ghante roz", 2, "day"), ("mỗi ngày 2 tiếng", 2, "day"), ("每周10小时", 10, "week"),
    ("每天工作30分钟", 0.5, "day"), ("每天只需打电话30分钟", 0.5, "day"),  # a Han verb between the period and the time
])
def test_how_often_may_come_before_the_time(text, low, per):
    (e,) = efforts(fold(text))
    assert text[e.start:e.end] == text and (e.low, e.per) == (low, per)


@pytest.mark.parametrize("text", ["à une heure de Paris", "15 USD an hour", "offices one hour from London",
                                  "за час до начала смены"])
def test_a_time_in_words_without_a_period_or_only_is_no_working_time(text):
    assert efforts(fold(text)) == []


def test_only_marks_a_small_time_before_or_after():
    assert efforts(fold("only 30 minutes"))[0].only
    assert efforts(fold("30 minuto lang"))[0].only
    assert not efforts(fold("within 24 hours"))[0].only


@pytest.mark.parametrize("text", ["0 minutes a day", "999 hours a day", "no digits at all", ""])
def test_no_time_of_zero_or_beyond_a_week(text):
    assert efforts(fold(text)) == []


@pytest.mark.parametrize(("text", "kind"), [
    ("work from home", "from_home"), ("desde tu celular", "phone"), ("без опыта", "no_experience"),
    ("in deiner Freizeit", "free_time"), ("paruh waktu", "part_time"), ("làm thêm tại nhà", "part_time"),
])
def test_small_work_cues(text, kind):
    assert kind in {c.kind for c in cues(fold(text))}


def test_hostile_input_is_fast():
    import time

    text = fold("1" * 10_000 + " hours a day " + "30 minutes " * 2000 + "from home " * 2000)
    t = time.perf_counter()
    efforts(text), cues(text)
    assert time.perf_counter() - t < 2


def test_a_han_verb_before_a_time_needs_a_period_or_only_word_before_it():
    (e,) = efforts(fold("我们在工作30分钟"))
    assert (e.start, e.end) == (5, 9) and e.per is None
