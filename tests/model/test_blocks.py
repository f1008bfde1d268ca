"""Blocks read the export's vocabulary, idf and coefficients, and refuse exports they cannot score."""

from __future__ import annotations

import json
from array import array
from pathlib import Path

import pytest

from redflag.errors import ModelError
from redflag.model.blocks import Block, read_blocks
from redflag.model.card import FORMAT
from redflag.model.npz import read_npz


def _arrays(blocks: list[dict], terms: dict[str, list[str]], n_coef: int) -> dict[str, array]:
    meta = {"format": FORMAT, "blocks": blocks, "classes": ["0", "1"]}
    out = {"meta": array("B", json.dumps(meta).encode()), "coef": array("d", range(n_coef)), "intercept": array("d", [0.5])}
    for name, ts in terms.items():
        out[f"{name}_vocab"] = array("B", "\n".join(ts).encode())
        out[f"{name}_idf"] = array("d", [1.0] * len(ts))
    return out


def _spec(name: str, analyzer: str, n: int, ngram=(1, 2)) -> dict:
    return {"name": name, "analyzer": analyzer, "ngram_range": list(ngram), "sublinear_tf": True, "norm": "l2", "n_features": n}


def test_blocks_take_their_slice_of_the_coefficients():
    arrays = _arrays([_spec("word", "word", 2), _spec("char", "char_wb", 3, (3, 5))],
                     {"word": ["pay", "pay fee"], "char": [" pa", "pay", "ay "]}, 5)
    meta, blocks = read_blocks(arrays, Path("m.npz"))
    assert meta["classes"] == ["0", "1"]
    assert [b.name for b in blocks] == ["word", "char"]
    assert list(blocks[0].coef) == [0.0, 1.0] and list(blocks[1].coef) == [2.0, 3.0, 4.0]
    assert blocks[0].vocab == {"pay": 0, "pay fee": 1}
    assert blocks[1].word_grams("pay") == ((0, 1), (1, 1), (2, 1))
    assert blocks[1].word_grams("zzz") == ()


def test_exports_the_scorers_cannot_reproduce_are_refused():
    with pytest.raises(ModelError, match="unsupported analyzer"):
        read_blocks(_arrays([_spec("c", "char", 1)], {"c": ["abc"]}, 1), Path("m.npz"))
    with pytest.raises(ModelError, match="not supported"):
        read_blocks(_arrays([_spec("w", "word", 1, (1, 3))], {"w": ["a"]}, 1), Path("m.npz"))
    with pytest.raises(ModelError, match="coefficients"):
        read_blocks(_arrays([_spec("w", "word", 1)], {"w": ["ab"]}, 3), Path("m.npz"))
    with pytest.raises(ModelError, match="disagree"):
        read_blocks(_arrays([_spec("w", "word", 2)], {"w": ["ab"]}, 2), Path("m.npz"))
    arrays = _arrays([_spec("w", "word", 1)], {"w": ["ab"]}, 1)
    arrays["meta"] = array("B", json.dumps({"format": "other/1", "blocks": []}).encode())
    with pytest.raises(ModelError, match="format"):
        read_blocks(arrays, Path("m.npz"))


def test_the_toy_model_has_a_word_and_a_char_block(toy):
    _, blocks = read_blocks(read_npz(toy[2]["npz"]), toy[2]["npz"])
    assert [b.analyzer for b in blocks] == ["word", "char_wb"]
    assert all(isinstance(b, Block) and b.n == len(b.terms) == len(b.idf) == len(b.coef) for b in blocks)


def test_a_word_block_with_a_token_pattern_the_scorer_cannot_reproduce_is_refused():
    spec = {**_spec("word", "word", 1), "token_pattern": r"(?u)\b\w+\b"}
    with pytest.raises(ModelError, match="token pattern this version cannot reproduce"):
        read_blocks(_arrays([spec], {"word": ["pay"]}, 1), Path("m.npz"))
    blocks = read_blocks(_arrays([_spec("word", "word", 1)], {"word": ["pay"]}, 1), Path("m.npz"))[1]
    assert blocks[0].find_terms.findall("需交 ab") == ["需交", "ab"]  # none recorded: scikit-learn's default
