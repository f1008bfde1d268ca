"""Write a trained model as the three files scoring trusts: NAME.joblib, NAME.npz and NAME.card.json.

The .npz holds only what the numpy scorer (redflag.model) re-implements; a vectorizer it could
not reproduce exactly is refused here rather than scored differently later. Identical arrays
give identical bytes, so retraining with the same data and seed reproduces the files.
"""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path
from typing import Any

from redflag.errors import ModelError
from redflag.io.files import sha256_file
from redflag.io.outputs import atomic, write_text
from redflag.model.analyzers import term_finder
from redflag.model.card import CARD_SUFFIX, FORMAT


def export_arrays(pipeline: Any) -> dict[str, Any]:
    """Pull out what fast scoring needs: vocabularies, idf, coefficients, intercept and analyzer settings."""
    import numpy as np

    try:
        features = pipeline.named_steps["features"]
        clf = pipeline.named_steps["clf"]
    except (AttributeError, KeyError):
        raise ModelError("pipeline must have a 'features' FeatureUnion and a 'clf' step") from None
    if len(clf.classes_) != 2 or clf.coef_.shape[0] != 1:
        raise ModelError("only binary logistic regression can be exported")
    blocks = []
    arrays: dict[str, Any] = {}
    for name, vec in features.transformer_list:
        check_supported(name, vec)
        terms = sorted(vec.vocabulary_, key=vec.vocabulary_.__getitem__)
        if any("\n" in t for t in terms):
            raise ModelError(f"vocabulary of {name!r} holds a newline; cannot export")
        arrays[f"{name}_vocab"] = np.frombuffer("\n".join(terms).encode("utf-8"), dtype=np.uint8)
        arrays[f"{name}_idf"] = np.ascontiguousarray(vec.idf_, dtype="<f8")
        blocks.append(
            {
                "name": name,
                "analyzer": vec.analyzer,
                "ngram_range": list(vec.ngram_range),
                "lowercase": bool(vec.lowercase),
                "token_pattern": vec.token_pattern,
                "sublinear_tf": bool(vec.sublinear_tf),
                "norm": vec.norm,
                "n_features": len(terms),
            }
        )
    meta = {"format": FORMAT, "blocks": blocks, "classes": [str(c) for c in clf.classes_]}
    arrays["meta"] = np.frombuffer(json.dumps(meta, sort_keys=True).encode("utf-8"), dtype=np.uint8)
    arrays["coef"] = np.ascontiguousarray(clf.coef_[0], dtype="<f8")
    arrays["intercept"] = np.asarray(clf.intercept_, dtype="<f8").reshape(1)
    return arrays


def check_supported(name: str, vec: Any) -> None:
    """Refuse a vectorizer whose settings the numpy scorer does not re-implement."""
    problems = []
    if vec.analyzer not in ("word", "char_wb"):
        problems.append(f"analyzer={vec.analyzer!r}")
    if vec.analyzer == "word" and (vec.ngram_range[0] < 1 or vec.ngram_range[1] > 2):
        problems.append(f"word ngram_range={vec.ngram_range}")
    if vec.analyzer == "word" and term_finder(vec.token_pattern) is None:
        problems.append("custom token_pattern")
    if vec.preprocessor is not None or vec.tokenizer is not None or vec.stop_words is not None:
        problems.append("custom preprocessor/tokenizer/stop words")
    if vec.strip_accents is not None or not vec.lowercase or vec.binary or not vec.use_idf:
        problems.append("strip_accents/lowercase/binary/use_idf other than the defaults")
    if vec.norm not in ("l2", None) or vec.input != "content":
        problems.append(f"norm={vec.norm!r} input={vec.input!r}")
    if problems:
        raise ModelError(f"vectorizer {name!r} cannot be re-implemented for fast scoring: {', '.join(problems)}")


def write_npz(arrays: dict[str, Any], path: Path) -> None:
    """Write an .npz that np.load(allow_pickle=False) reads and that is byte-identical for identical arrays."""
    import numpy as np

    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_STORED) as zf:
        for key in sorted(arrays):
            buf = io.BytesIO()
            np.lib.format.write_array(buf, np.ascontiguousarray(arrays[key]), version=(1, 0), allow_pickle=False)
            info = zipfile.ZipInfo(f"{key}.npy", date_time=(1980, 1, 1, 0, 0, 0))
            info.external_attr = 0o644 << 16
            zf.writestr(info, buf.getvalue())


def save(trained: Any, out_path: str | Path) -> dict[str, Path]:
    """Write NAME.joblib (sklearn pipeline), NAME.npz (fast scoring) and NAME.card.json (provenance, hashes)."""
    import joblib

    out = Path(out_path)
    if out.suffix == ".joblib":
        out = out.with_suffix("")
    name = out.name
    out.parent.mkdir(parents=True, exist_ok=True)
    paths = {
        "joblib": out.parent / f"{name}.joblib",
        "npz": out.parent / f"{name}.npz",
        "card": out.parent / f"{name}{CARD_SUFFIX}",
    }
    with atomic(paths["npz"]) as tmp:
        write_npz(export_arrays(trained.pipeline), tmp)
    for _, vec in trained.pipeline.named_steps["features"].transformer_list:
        # sklearn caches id(stop_words), a memory address that differs per process and breaks byte-identity
        vec.__dict__.pop("_stop_words_id", None)
    with atomic(paths["joblib"]) as tmp:
        joblib.dump(trained.pipeline, tmp, compress=3)
    card = {"name": name, **trained.card}
    card["files"] = {
        kind: {"path": paths[kind].name, "sha256": sha256_file(paths[kind]), "bytes": paths[kind].stat().st_size}
        for kind in ("joblib", "npz")
    }
    trained.card = card
    write_text(paths["card"], json.dumps(card, indent=2, sort_keys=True, ensure_ascii=False) + "\n")
    return paths
