"""The Hindi pack end to end: Devanagari ads through language detection, romanised Hindi (Hinglish)
read with the Hindi pack, honest Hindi ads that stay quiet, and evidence that is always the exact
text at its offsets."""

import pytest

from redflag.config import Config
from redflag.pipeline import Checker

DETECTED = Checker(Config(entities=False))
HINDI = Checker(Config(entities=False, lang="hi"))


def _quoted(result, text):
    for f in result.flags:
        for e in f.evidence:
            assert text[e.start:e.end] == e.text
    return {f.id: [e.text for e in f.evidence] for f in result.flags}


def _assert_quotes(result, text, rules):
    """Each rule quotes its phrase, alone or inside a longer phrase of its evidence."""
    quoted = _quoted(result, text)
    for rule, evidence in rules.items():
        assert any(evidence in q for q in quoted.get(rule, [])), (rule, quoted)


@pytest.mark.parametrize("text, rules", [
    ("घर बैठे काम करें और रोज़ ₹500 से ₹1000 कमाएँ। रजिस्ट्रेशन फीस केवल 300 रुपये। अभी व्हाट्सएप करें।",
     {"FEE001": "रजिस्ट्रेशन फीस", "PAY001": "रोज़ ₹500 से ₹1000 कमाएँ", "CON001": "व्हाट्सएप करें", "SCM004": "घर बैठे"}),
    ("दुबई में नौकरी, वीज़ा और टिकट फ्री। पासपोर्ट कंपनी के पास रहेगा। वीज़ा के 80,000 रुपये जमा करने होंगे, खर्चा सैलरी से कटेगा।",
     {"DOC001": "पासपोर्ट कंपनी के पास रहेगा", "FEE003": "वीज़ा के 80,000 रुपये जमा", "DEBT001": "खर्चा सैलरी से कटेगा",
      "TRV002": "दुबई में नौकरी", "CMB004": "पासपोर्ट कंपनी के पास रहेगा"}),
    ("18 से 25 साल की लड़कियाँ चाहिए, दुबई के क्लब में होस्टेस का काम, कोई गलत काम नहीं। वीज़ा टिकट फ्री। फोटो व्हाट्सएप पर भेजें।",
     {"TGT001": "25 साल की लड़कियाँ", "SEX002": "होस्टेस", "SEX004": "कोई गलत काम नहीं", "TGT002": "फोटो व्हाट्सएप पर भेजें",
      "CMB002": "25 साल की लड़कियाँ"}),
    ("बधाई हो, आपका रिज्यूमे शॉर्टलिस्ट हो गया है। यूट्यूब वीडियो लाइक करें और हर टास्क पर ₹50 कमाएँ। टेलीग्राम पर संपर्क करें।",
     {"SCM005": "आपका रिज्यूमे शॉर्टलिस्ट", "SCM003": "टास्क पर ₹50", "CON001": "टेलीग्राम पर संपर्क", "CMB009": "आपका रिज्यूमे शॉर्टलिस्ट"}),
    ("सिक्योरिटी डिपॉजिट 2000 रुपये जमा करना होगा, ट्रेनिंग में सैलरी नहीं मिलेगी। हॉस्टल से बाहर जाना मना है।",
     {"FEE002": "सिक्योरिटी डिपॉजिट 2000 रुपये", "WAGE004": "ट्रेनिंग में सैलरी नहीं", "MOVE001": "बाहर जाना मना है"}),
])
def test_a_devanagari_lure_is_detected_as_hindi_and_flagged(text, rules):
    result = DETECTED.check(text)
    assert result.lang == "hi"
    _assert_quotes(result, text, rules)
    assert result.level == "high"


HONEST = [
    "वेतन 18,000 रुपये प्रति माह, पीएफ और ईएसआई। कंपनी कोई शुल्क नहीं लेती। इंटरव्यू सोमवार को ऑफिस में।",
    "ऑटो पार्ट्स फैक्ट्री, मानेसर में हेल्पर चाहिए। ड्यूटी 8 घंटे, ओवरटाइम का अलग पैसा, रविवार छुट्टी। वेतन 14,500 रुपये, "
    "लिखित कॉन्ट्रैक्ट और पीएफ। इंटरव्यू के समय आधार कार्ड की फोटोकॉपी साथ लाएँ।",
    "सावधान! नौकरी के नाम पर रजिस्ट्रेशन फीस माँगने वाले ठगों से बचें। हमारी कंपनी कोई पैसा नहीं लेती।",
    "अगर कोई एजेंट आपका पासपोर्ट अपने पास रखने की बात करे, तो पुलिस में शिकायत करें।",
    "नमस्ते, आपने हमारी वेबसाइट पर अकाउंटेंट के पद के लिए आवेदन किया था। क्या आप गुरुवार को 11 बजे इंटरव्यू के लिए आ सकते हैं?",
    "पुरुष एवं महिला दोनों आवेदन कर सकते हैं, उम्र 18-35 वर्ष, बायोडाटा और पासपोर्ट साइज फोटो के साथ आवेदन करें।",
]


@pytest.mark.parametrize("text", HONEST)
def test_honest_hindi_ads_raise_no_red_flag(text):
    """Factory and office ads, a warning and a reply to an application: good signs at most."""
    result = DETECTED.check(text)
    assert result.lang == "hi"
    red = [(f.id, [e.text for e in f.evidence]) for f in result.flags if not f.reassuring]
    assert not red, red


@pytest.mark.parametrize("text, rules", [
    ("ghar baithe kamaye 500-1000 rupaye roz, part time job, sirf 30 minute, daily payment. WhatsApp karein.",
     {"PAY001": "kamaye 500-1000 rupaye roz", "PAY002": "sirf 30 minute", "PAY003": "daily payment",
      "CON001": "WhatsApp karein", "SCM004": "ghar baithe"}),
    ("Dubai mein naukri pakki, visa free, passport company rakhegi. Registration fee 1500 rupaye jama karein. Salary se kharcha katega.",
     {"DOC001": "passport company rakhegi", "REQ003": "naukri pakki", "FEE001": "Registration fee",
      "DEBT001": "Salary se kharcha katega", "TRV002": "Dubai mein naukri"}),
    ("ladkiyan chahiye 18-25 saal, club mein hostess, videsh, visa ticket free, photo bhejo",
     {"TGT001": "ladkiyan chahiye 18-25", "TGT002": "photo bhejo", "SEX002": "hostess", "TRV001": "visa ticket free",
      "CMB002": "ladkiyan chahiye 18-25"}),
    ("Namaste, aapka resume shortlist ho gaya hai. YouTube video like karo aur kamao. Telegram par message karein.",
     {"SCM005": "aapka resume shortlist", "SCM003": "like karo aur kamao", "CON001": "Telegram par message"}),
    ("Videsh mein naukri guaranteed, visa ke paise 60000 jama karne honge, training mein salary nahi.",
     {"FEE003": "visa ke paise 60000 jama", "WAGE004": "training mein salary nahi", "CMB007": "guaranteed, visa"}),
])
def test_romanised_hindi_is_read_by_the_hindi_pack(text, rules):
    for checker in (HINDI, DETECTED):  # with --lang hi, and as detected: Hindi in Latin letters is Hindi
        _assert_quotes(checker.check(text), text, rules)


@pytest.mark.parametrize("text, rule", [
    ("Registration fee nahi lagegi. Interview Monday ko office mein, salary 15,000 mahina.", "FEE001"),
    ("Passport company nahi rakhegi, woh aapke paas rahega.", "DOC001"),
    ("Agar koi joining fee maange to paise na bhejen, yeh fraud hai.", "FEE001"),
])
def test_a_romanised_negation_or_warning_switches_the_flag_off(text, rule):
    """The English pack's own words ("registration fee") are judged by the Hindi cues too."""
    for checker in (HINDI, DETECTED):
        result = checker.check(text)
        assert rule not in {f.id for f in result.flags}
        assert rule in {s.rule_id for s in result.suppressed}


def test_nahin_to_is_a_threat_not_a_negation():
    text = "Registration fee jama karo nahi to seat cancel ho jayegi."
    assert "FEE001" in {f.id for f in HINDI.check(text).flags}


def test_romanised_words_in_a_devanagari_ad_reach_the_hindi_pack():
    """A message in both scripts is detected with Hindi in it, so the pack's romanised words are read."""
    text = "पार्ट टाइम जॉब, ghar baithe kamaye 500 rupaye roz, WhatsApp karein"
    result = DETECTED.check(text)
    assert "hi" in result.langs
    _assert_quotes(result, text, {"PAY001": "kamaye 500 rupaye roz", "SCM004": "ghar baithe"})
