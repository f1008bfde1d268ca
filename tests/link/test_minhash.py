"""MinHash signatures and LSH banding: near-identical texts meet, unrelated ones do not."""

from __future__ import annotations

import random
import unicodedata

import numpy as np

from redflag.link.minhash import band_shape, near_duplicates, signatures

WORDS = "shift hotel kitchen cleaning warehouse driver care team hours week pay friendly apply contract visa".split()


def prose(seed: int, n: int = 120) -> str:
    rng = random.Random(seed)
    return " ".join(rng.choice(WORDS) for _ in range(n))


def test_signatures_are_deterministic_and_need_enough_words():
    sigs, ok = signatures([prose(1), prose(1), "too short", ""], shingle=3)
    assert sigs.shape == (4, 128) and sigs.dtype == np.uint32
    assert ok.tolist() == [True, True, False, False]
    assert (sigs[0] == sigs[1]).all()


def test_case_and_numbers_do_not_change_the_signature():
    a, b = prose(2) + " Call 0123", prose(2).upper() + " call 9876"
    sigs, _ = signatures([a, b], shingle=3)
    assert (sigs[0] == sigs[1]).all()


def test_band_shape_fills_the_bins():
    for threshold in (0.5, 0.8, 0.95):
        bands, rows = band_shape(threshold)
        assert bands * rows <= 128 and bands >= 1 and rows >= 1
    assert band_shape(0.95)[1] >= band_shape(0.5)[1]  # a stricter threshold asks more rows to agree


def test_near_duplicates_pairs_only_similar_texts():
    base = prose(3).split()
    edited = base.copy()
    edited[10], edited[60] = "London", "Leeds"
    texts = [" ".join(base), prose(4), " ".join(edited), prose(5)]
    pairs = near_duplicates(texts, 0.8, 3)
    assert pairs.tolist() == [[0, 2]]
    assert near_duplicates(texts[:1], 0.8, 3).shape == (0, 2)


def test_words_of_every_script_are_compared():
    ru = ("Работа в Польше на складе, оплата каждую неделю, жильё бесплатно, проезд оплачиваем, "
          "опыт не нужен, звоните или пишите в вайбер, берём мужчин и женщин до пятидесяти лет")
    other = ("Пропонуємо роботу в Чехії на заводі, житло надаємо, офіційне працевлаштування, "
             "досвід не потрібен, пишіть у телеграм, оплата двічі на місяць без затримок")
    vi = unicodedata.normalize("NFD", "Tuyển lao động đi Nhật Bản, lương cao, bao ăn ở, không cần kinh nghiệm, "
                                      "liên hệ Zalo để biết thêm chi tiết về đơn hàng và thủ tục xuất cảnh")
    texts = [ru, ru.replace("складе", "заводе"), other, vi, unicodedata.normalize("NFC", vi)]
    sigs, ok = signatures(texts, shingle=3)
    assert ok.all()  # Cyrillic and Vietnamese ads have words too
    assert near_duplicates(texts, 0.6, 3).tolist() == [[0, 1], [3, 4]]


def test_words_fold_what_a_copier_changes():
    from redflag.link.minhash import words

    a = words("💰 Earn $2,000/week! WhatsApp +971 50 123 4567, see https://x.example/jobs or mail a.b@x.com, @anna_hr")
    b = words("earn 3500 USD/WEEK whatsapp 0501112233 - see www.other.example or mail c@d.org @mia")
    assert a == ["earn", "0", "week", "whatsapp", "0", "see", "xurlx", "or", "mail", "xmailx", "xhandlex"]
    assert b == a[:2] + ["usd"] + a[2:]  # only the currency word differs
    assert words("Tuyển gấp ĐÀ NẴNG") == words("tuyen gap da nang") == words(unicodedata.normalize("NFD", "Tuyển gấp Đà Nẵng"))
    assert words("Ζητούνται ΚΟΠΈΛΕΣ") == words("ζητουνται κοπελεσ") and words("مُطلوب") == words("مطلوب")
    assert words("Cоnfidеntіаl<br>&nbsp;role") == ["confidential", "role"]  # Cyrillic look-alikes inside a Latin word
    assert words("高薪招聘，地点东京") == list("高薪招聘地点东京") and words("รับสมัคร")[:2] == ["รั", "บ"]


def test_a_short_ad_is_held_to_the_bar_its_length_allows():
    from redflag.link.minhash import FLOOR, REFERENCE_WORDS, short_threshold

    bars = short_threshold(0.8, np.array([8, 20, 40, 60, REFERENCE_WORDS, 500]))
    assert (np.diff(bars) >= 0).all() and bars[0] == FLOOR and bars[-1] == bars[-2] == 0.8
    assert (short_threshold(0.95, [20, 40]) > short_threshold(0.8, [20, 40])).all()
    assert short_threshold(0.4, 10) == 0.4  # never above what was asked


def test_band_keys_are_the_signatures_own():
    from redflag.link.minhash import band_keys

    sigs, _ = signatures([prose(7), prose(8)])
    keys = band_keys(sigs, 21, 6)
    assert keys.shape == (2, 21) and keys.dtype == np.uint64
    assert (band_keys(sigs[:1], 21, 6) == keys[:1]).all() and not (keys[0] == keys[1]).any()
