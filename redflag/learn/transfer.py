"""Measure how well a quick text model trained on synthetic ads transfers to a labelled real-ad CSV.

Usage: python -m redflag.learn.transfer REAL.csv [--n 8000] [--seed 20261128]
The real CSV needs a `fraudulent` column and EMSCAD-style text columns; it is only scored, never stored.
"""

from __future__ import annotations

import argparse

TEXT_COLS = ("title", "company_profile", "description", "requirements", "benefits")


def build_model():
    """TF-IDF word 1-2 grams + char_wb 3-5 grams with logistic regression (the reference probe)."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline, make_union
    from sklearn.feature_extraction.text import TfidfVectorizer

    feats = make_union(
        TfidfVectorizer(analyzer="word", ngram_range=(1, 2), sublinear_tf=True, min_df=2, max_features=200000),
        TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True, min_df=3, max_features=300000),
    )
    return make_pipeline(feats, LogisticRegression(max_iter=2000, C=4.0))


def main(argv: list[str] | None = None) -> None:
    """Print held-out synthetic ROC-AUC and real-data ROC-AUC."""
    import pandas as pd
    from sklearn.metrics import roc_auc_score
    from sklearn.model_selection import train_test_split

    from redflag.synth import generate

    ap = argparse.ArgumentParser()
    ap.add_argument("real_csv")
    ap.add_argument("--n", type=int, default=8000)
    ap.add_argument("--seed", type=int, default=20261128)
    args = ap.parse_args(argv)
    syn = pd.DataFrame(generate(args.n, args.seed))
    tr, te = train_test_split(syn, test_size=0.25, random_state=0, stratify=syn["label"])
    model = build_model().fit(tr["text"], tr["label"])
    print(f"held-out synthetic ROC-AUC: {roc_auc_score(te['label'], model.predict_proba(te['text'])[:, 1]):.3f}")
    real = pd.read_csv(args.real_csv)
    text = real[list(TEXT_COLS)].fillna("").agg("\n".join, axis=1)
    model = build_model().fit(syn["text"], syn["label"])
    p = model.predict_proba(text)[:, 1]
    print(f"real ROC-AUC ({len(real)} ads): {roc_auc_score(real['fraudulent'], p):.3f}")


if __name__ == "__main__":
    main()
