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
