"""`redflag train`: the linear text classifier and its fusion with the rules, from a labelled table."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from redflag.cli.options import InputFormatOpt, LabelColOpt, PositiveOpt, TextColOpt


def train(
    data: Annotated[Path, typer.Argument(help="Labelled table of ads, in any format 'redflag scan' reads.")],
    out: Annotated[Path, typer.Option("--out", help="Model path, e.g. models/mine.joblib; .npz, .card.json and .fusion.json are written beside it.")],
    label_col: LabelColOpt = None,
    text_col: TextColOpt = None,
    input_format: InputFormatOpt = None,
    positive: PositiveOpt = None,
    seed: Annotated[int, typer.Option("--seed", help="Seed for the split, the classifier and the folds.")] = 0,
    c: Annotated[Optional[float], typer.Option("--C", help="Inverse regularisation; chosen by cross-validation when absent.")] = None,
    features: Annotated[str, typer.Option("--features", help="word (single words, fast), word2 (word 1-2 grams) or word+char (plus char 3-5 grams: slower); the pairs and char n-grams can help on large real labelled sets.")] = "word",
    fusion: Annotated[bool, typer.Option("--fusion/--no-fusion", help="Also learn fusion weights (rules + out-of-fold model).")] = True,
    prevalence: Annotated[float, typer.Option("--prevalence", min=0.0001, max=0.9999, help="Share of bad ads expected where the model is used; shifts the fusion base.")] = 0.05,
    folds: Annotated[int, typer.Option("--folds", min=2, max=20, help="Folds for the out-of-fold model scores used by the fusion.")] = 5,
    group_col: Annotated[Optional[str], typer.Option("--group-col", help="Also measure each group of this column on the held-out split; default 'lang' when present.")] = None,
) -> None:
    """Train the linear text classifier (and its fusion with the rules) on a labelled table."""
    from redflag.errors import InputError
    from redflag.io.outputs import check_destinations
    from redflag.learn.train import save, train_file
    from redflag.model.card import CARD_SUFFIX
    from redflag.pipeline import fusion_path

    if out.suffix != ".joblib":
        raise InputError(f"--out must end in .joblib (got {out.name}); the .npz and card are written beside it")
    beside = {"--out": out, "--out (.npz beside it)": out.with_suffix(".npz"),
              "--out (card beside it)": out.with_name(out.stem + CARD_SUFFIX)}
    if fusion:
        beside["--out (fusion weights beside it)"] = fusion_path(out)
    check_destinations(beside, [data], make_parents=True)
    trained = train_file(data, list(text_col) if text_col else None, label_col or None, input_format=input_format,
                         seed=seed, positive=positive, C=c, features=features, group_col=group_col)
    out.parent.mkdir(parents=True, exist_ok=True)
    paths = save(trained, out)
    m = trained.metrics
    typer.echo(f"model: {paths['npz']} (held-out ROC-AUC {m.get('roc_auc')}, F1 {m.get('f1')}, n={trained.card['rows']})", err=True)
    if fusion:
        from redflag.learn.fitweights import learn_fusion

        target = fusion_path(out)
        # the columns train_file settled on, so the fusion learns from the very texts the model saw
        cols, label = list(trained.card["text_columns"]), trained.card["label_column"]
        learn_fusion(data, cols, label, trained, target, seed=seed, positive=positive, prevalence=prevalence, folds=folds,
                     input_format=input_format)
        typer.echo(f"fusion weights: {target}", err=True)
