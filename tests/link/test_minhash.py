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
