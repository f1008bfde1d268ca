"""The short report's choices: the most serious reasons, advice said once, help lines, one screen."""

import datetime as dt

from redflag.help.lines import HelpLine
from redflag.render import doc
from redflag.render.seeker_words import seeker_words
from redflag.render.verdict import (SCREEN_LINES, Report, advice, blocks, height, help_parts, help_shown, ranked,
                                    reasons)
from redflag.render.words import ENGLISH
from redflag.result import Evidence, Flag, Result

TEXT = ("Free flight and visa, small processing fee of 300 EUR. The employer keeps your passport. "
        "Contact only on WhatsApp. Only 3 places left, apply now!")


def span(phrase: str) -> Evidence:
    start = TEXT.index(phrase)
    return Evidence(text=phrase, start=start, end=start + len(phrase))


def flag(id: str, category: str, severity: str, confidence: str, weight: float, phrases: list[str], advice: str = "",
         requires: tuple[str, ...] = ()) -> Flag:
    return Flag(id=id, title=f"title {id}", category=category, severity=severity, confidence=confidence,
                indicator="i", weight=weight, rationale="r", advice=advice or f"advice {id}",
                evidence=tuple(map(span, phrases)), requires=requires)


FEE001 = flag("FEE001", "fees", "high", "high", 25, ["processing fee"])
FEE003 = flag("FEE003", "fees", "high", "medium", 16, ["visa, small processing fee"])
DOC001 = flag("DOC001", "documents", "high", "high", 24, ["employer keeps your passport"])
CON001 = flag("CON001", "off_platform_contact", "medium", "medium", 13, ["Contact only on WhatsApp"])
CON002 = flag("CON002", "off_platform_contact", "medium", "medium", 5, ["Contact only on WhatsApp"])
URG001 = flag("URG001", "urgency", "low", "low", 39, ["Only 3 places left"])
CMB005 = flag("CMB005", "combination", "high", "medium", 11, ["processing fee", "Contact only on WhatsApp"],
              requires=("off_platform_contact|EMP002", "fees|scam_scheme"))


def result(*flags: Flag, level: str = "high") -> Result:
    return Result(score=90, level=level, flags=flags)


def test_ranked_by_severity_then_confidence_then_points_not_by_firing_order():
    assert [f.id for f in ranked((URG001, CON001, FEE003, DOC001, FEE001))] == ["FEE001", "DOC001", "FEE003", "CON001", "URG001"]


def test_a_flag_whose_every_phrase_is_already_quoted_is_not_a_new_reason():
    chosen = [f.id for f in reasons(result(FEE001, CON001, CON002, CMB005, URG001))]
    # CMB005 (high) adds the WhatsApp phrase after FEE001; CON001 and CON002 then quote nothing new
    assert chosen == ["FEE001", "CMB005", "URG001"]


def test_advice_is_said_once_per_subject_most_important_first():
    r = result(FEE001, FEE003, DOC001, CON001, CON002, URG001)
    tips = advice(r, ENGLISH, seeker_words("en"))
    assert tips[:4] == ["advice FEE001", "advice DOC001", "advice CON001", "advice URG001"]
    assert "advice FEE003" not in tips and "advice CON002" not in tips  # their subjects were already advised
    # the general tips on fees, documents and checking the employer repeat what the flags said; the contract one does not
    assert tips[4:] == [ENGLISH.general_advice[2]]


def test_a_combination_is_advised_when_it_adds_a_subject_and_identical_texts_never_repeat():
    same = flag("CON002", "off_platform_contact", "medium", "medium", 5, ["Contact only on WhatsApp"], advice="advice FEE001")
    tips = advice(result(FEE001, CMB005, same), ENGLISH, seeker_words("en"))
    assert tips[:2] == ["advice FEE001", "advice CMB005"] and tips.count("advice FEE001") == 1
    contact = flag("CON001", "off_platform_contact", "high", "high", 20, ["Contact only on WhatsApp"])
    tips = advice(result(FEE001, contact, CMB005), ENGLISH, seeker_words("en"))
    assert "advice CMB005" not in tips  # fees and contact, the signs it was made of here, were both advised already


def test_a_low_ad_without_flags_gets_the_general_advice():
    assert advice(result(level="low"), ENGLISH, seeker_words("en")) == list(ENGLISH.general_advice)


def line(country: str, kind: str, name: str, phone: str = "", url: str = "", sms: str = "") -> HelpLine:
    return HelpLine(country=country, kind=kind, name=name, phone=phone, url=url, sms=sms, purpose="p.",
                    source="https://example.org", checked=dt.date(2026, 12, 3), languages=("en",))


HELP = (line("US", "trafficking", "Hotline", "1-888-373-7888", "https://humantraffickinghotline.org/", "233733"),
        line("US", "fraud", "Report", url="https://reportfraud.ftc.gov"), line("US", "emergency", "Emergency", "911"),
        line("INT", "migrants", "IOM", url="https://www.iom.int"))


def test_help_shows_the_country_lines_and_its_emergency_number():
    national, emergency = help_shown(HELP)
    assert [x.name for x in national] == ["Hotline", "Report"] and emergency.phone == "911"
    assert [x.name for x in help_shown(HELP[3:])[0]] == ["IOM"]
    two = (*HELP, line("GB", "trafficking", "MSH", "08000 121 700"), line("GB", "emergency", "Emergency", "999"))
    assert [x.name for x in help_shown(two)[0]] == ["Hotline", "MSH"] and help_shown(two)[1] is None
    assert doc.plain_text(help_parts(HELP[0], seeker_words("en"))) == \
        "Hotline: 1-888-373-7888, text 233733 · humantraffickinghotline.org"
    assert doc.plain_text(help_parts(HELP[0], seeker_words("en"), site=False)) == "Hotline: 1-888-373-7888, text 233733"
    assert doc.plain_text(help_parts(HELP[1], seeker_words("en"), site=False)) == "Report: reportfraud.ftc.gov"


def test_at_80_columns_the_report_fits_one_screen_and_without_a_width_it_shows_up_to_five():
    many = tuple(flag(f"X{i:03}", c, "high", "high", 30 - i, [p], advice=f"Long advice number {i} " * 6)
                 for i, (c, p) in enumerate([("fees", "processing fee"), ("documents", "employer keeps your passport"),
                                             ("urgency", "Only 3 places left"), ("contract", "apply now"),
                                             ("debt", "Free flight"), ("wages", "300 EUR")]))
    report = Report(result=result(*many), help=HELP)
    narrow = blocks(report, TEXT, ENGLISH, width=80, hint=True)
    assert height(narrow, 80) <= SCREEN_LINES
    numbered = [b for b in narrow if b.marker.endswith(".")]
    assert 3 <= len(numbered) <= 5
    full = blocks(report, TEXT, ENGLISH)
    assert len([b for b in full if b.marker.endswith(".")]) == 5
    assert len([b for b in full if b.marker == "•" and b.lines[0][0].text.startswith("Long advice")]) == 5
    assert not any("--details" in doc.plain_text(b.lines[0]) for b in full if b.kind == "item")
