"""Disguised triggers fire the rule they hide, quoting the exact original text; honest near-misses stay silent."""

import pytest

from redflag.rules.engine import RuleEngine
from redflag.rules.loader import builtin_packs
from redflag.text.normalise import normalise

ENGINE = RuleEngine(builtin_packs())
ZW = "\u200b"

# (text, rule that must fire): each trigger is a rule example with one disguise applied.
TRIGGERS = [
    # split words, spaced or leet letters
    ("Pay a small processing f e e first.", "FEE001"),
    ("Pay a small processing fe e first.", "FEE001"),
    ("Pay a small processing f ee first.", "FEE001"),
    ("Pay a small processing f3e first.", "FEE001"),
    ("Pay a small processing f-e-e first.", "FEE001"),
    ("Pay a small processing f.e.e first.", "FEE001"),
    ("Pay a small pr0cessing fee first.", "FEE001"),
    ("Pay a small pr0c3ssing f33 first.", "FEE001"),
    ("Pay a small p r o c e s s i n g fee first.", "FEE001"),
    ("Applicants must pay a reg-istration fee first.", "FEE001"),
    ("The employer keeps your pass port for safety.", "DOC001"),
    ("The employer keeps your pass-port for safety.", "DOC001"),
    ("The employer keeps your pass_port for safety.", "DOC001"),
    ("The employer keeps your p@ssport for safety.", "DOC001"),
    ("The employer keeps your pa$$port for safety.", "DOC001"),
    ("The employer keeps your p a s s p o r t for safety.", "DOC001"),
    ("The employer keeps your p.a.s.s.p.o.r.t for safety.", "DOC001"),
    ("Send a copy of your pass port with your CV.", "DOC002"),
    ("Interested girls contact us on whats-app.", "CON001"),
    ("Interested girls contact us on whats app.", "CON001"),
    ("Interested girls contact us on W h a t s A p p.", "CON001"),
    ("Interested girls contact us on Whats_App.", "CON001"),
    ("Interested girls contact us on what sapp.", "CON001"),
    ("Interested girls contact us on tele gram.", "CON001"),
    ("Interested girls contact us on tele-gram.", "CON001"),
    ("Interested girls contact us on T e l e g r a m.", "CON001"),
    ("The processing fee must be sent via W e s t e r n U n i o n.", "FEE005"),
    ("The processing fee must be sent via West ern Union.", "FEE005"),
    ("Candidates pay a security dep0sit before travelling.", "FEE002"),
    ("Candidates pay a security de posit before travelling.", "FEE002"),
    ("Candidates pay a security d e p o s i t before travelling.", "FEE002"),
    ("Well paid esc0rt work in Milan for open-minded girls.", "SEX001"),
    ("Well paid e s c o r t work in Milan for open-minded girls.", "SEX001"),
    # whitespace and markup between the words
    ("Pay a small processing  fee first.", "FEE001"),
    ("Pay a small processing\tfee first.", "FEE001"),
    ("Pay a small processing\nfee first.", "FEE001"),
    ("Pay a small processing \n fee first.", "FEE001"),
    ("The employer keeps your <b>passport</b> for safety.", "DOC001"),
    ("The employer keeps <i>your</i> passport for safety.", "DOC001"),
    ("The employer keeps your <span class=\"x\">pass</span>port for safety.", "DOC001"),
    ("Pay a small <b>processing</b> <b>fee</b> first.", "FEE001"),
    ("Pay a small processing&nbsp;fee first.", "FEE001"),
    ("The employer keeps   your passport for safety.", "DOC001"),
    # invisible characters and emoji
    (f"Pay a small processing {ZW}fee first.", "FEE001"),
    (f"Pay a small processing{ZW}fee first.", "FEE001"),
    (f"The employer keeps your pass{ZW}port for safety.", "DOC001"),
    (f"The employer keeps your pa{ZW}ss{ZW}port for safety.", "DOC001"),
    ("The employer keeps your pass\u00adport for safety.", "DOC001"),
    ("The employer keeps your pass\U0001f6c2port for safety.", "DOC001"),
    ("Interested girls contact us on Whats\U0001f4f1App.", "CON001"),
    ("Pay a small processing f\u2764ee first.", "FEE001"),
    # look-alike letters from other scripts
    ("The employer keeps your раssport for safety.", "DOC001"),  # Cyrillic р, а
    ("Pay a small prосеssing fee first.", "FEE001"),  # Cyrillic о, с, е
    ("Pay a small processing fее first.", "FEE001"),  # Cyrillic е
    ("The employer keeps your ΡΑSSPORT for safety.", "DOC001"),  # Greek capitals
    ("Interested girls contact us on ᏔhatsApp.", "CON001"),  # Cherokee TLA
    ("Interested girls contact us on ᎳhatsApp.", "CON001"),  # Cherokee LA
    ("The processing fee must be sent via ᏔᎬSTᎬRN UNION.", "FEE005"),  # Cherokee TLA, GV
    ("Pay a small processing fee first. Office in İzmir.", "FEE001"),
    ("SMALL PROCESSING FEE. Office in İzmir.", "FEE001"),
    ("Pay a small processing ｆｅｅ first.", "FEE001"),
    ("Pay a small processing fее first. Whats\u200bApp only.", "FEE001"),
]

# Honest text that shares letters with a trigger: nothing may be invented.
HONEST = [
    ("Ports of call: pass, port and harbour duties are on us.", "DOC001"),
    ("The employer keeps your pass, port records and logbook for safety.", "DOC001"),
    ("Fe e-learning modules are free.", "FEE001"),
    ("We never charge a processing fee.", "FEE001"),
    ("We never charge a processing  fee.", "FEE001"),
    ("We never charge a <b>processing fee</b>.", "FEE001"),
    ("No fees.\nProcessing fee paid by the employer.", "FEE001"),
    ("Western\nUnion Street office, no fees.", "FEE005"),
    ("Our recruiters will never ask you to pay a f e e.", "FEE001"),
    ("The employer will never keep your pass port.", "DOC001"),
    ("Vitamin A B C D supplements, fast delivery.", "FEE001"),
]


def _hits(text):
    return {h.rule.id: h for h in ENGINE.match(normalise(text)).hits}


def test_the_list_is_long_enough():
    assert len(TRIGGERS) >= 59


@pytest.mark.parametrize("text,rule", TRIGGERS)
def test_disguised_trigger_fires_with_exact_evidence(text, rule):
    hits = _hits(text)
    assert rule in hits, (text, normalise(text).text)
    for hit in hits.values():
        for ev in hit.evidence:
            assert text[ev.start:ev.end] == ev.text


@pytest.mark.parametrize("text,rule", HONEST)
def test_honest_near_miss_stays_silent(text, rule):
    assert rule not in _hits(text), normalise(text).text
