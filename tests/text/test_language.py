"""Language detection: CLD2's codes become the packs' folder names."""

import pytest

from redflag.text.language import UNKNOWN, detect

pytest.importorskip("pycld2")


@pytest.mark.parametrize("text", [
    "您好，我司收到您投递的简历，您的简历已通过初审，请添加微信了解岗位详情。",  # Simplified
    "您好，我司收到您投遞的簡歷，您的簡歷已通過初審，請添加微信了解崗位詳情。",  # Traditional: CLD2's zh-Hant
])
def test_chinese_in_either_script_is_zh(text):
    found = detect(text)
    assert found.main == "zh" and found.all[0] == "zh"
    assert all(lang in ("zh", UNKNOWN) for lang, _, _ in found.parts)


def test_an_english_ad_is_still_english():
    assert detect("We are hiring warehouse workers, apply on our website with your CV.").main == "en"


@pytest.mark.parametrize("text", [
    "ghar baithe kamaye 500-1000 rupaye roz, sirf 30 minute, daily payment. WhatsApp karein",
    "Dubai mein naukri pakki, visa free, passport company rakhegi. Registration fee 1500 rupaye jama karein.",
    "aapka resume shortlist ho gaya hai, WhatsApp par message karein",
])
def test_hindi_in_latin_letters_is_read_as_hindi(text):
    found = detect(text)
    assert found.main == "hi" and found.all[0] == "hi" and found.reliable


@pytest.mark.parametrize("text", [
    "We are hiring a warehouse operative, 40 hours a week, apply now",
    "Hai Ana, kamu mau kerja di Jakarta?",  # "hai" alone is Indonesian for hello
    "Bhai",
    "Chai and samosa in the canteen, kaam karo and relax",  # two markers in an English sentence
])
def test_latin_text_without_enough_hindi_words_keeps_its_language(text):
    assert detect(text).main != "hi"
