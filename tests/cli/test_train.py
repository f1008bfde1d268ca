"""`redflag train`: model, card and fusion weights written beside each other, then usable by check."""

import json


def test_train_writes_model_card_and_fusion_then_check_uses_them(cli, tmp_path):
    import pandas as pd

    from redflag.synth import generate

    data = tmp_path / "ads.csv"
    pd.DataFrame(generate(120, 3))[["text", "label"]].to_csv(data, index=False)
    out = tmp_path / "mine.joblib"
    res = cli("train", str(data), "--label-col", "label", "--out", str(out), "--C", "4", "--folds", "2", "--seed", "1")
    assert res.exit_code == 0, res.output
    for suffix in (".joblib", ".npz", ".card.json", ".fusion.json"):
        assert (tmp_path / f"mine{suffix}").exists(), suffix
    res = cli("check", "Pay the processing fee by Western Union.", "-f", "json", "--model", str(tmp_path / "mine.npz"))
    data = json.loads(res.stdout)
    assert data["model"]["probability"] is not None and "fusion of mine" in data["version"]["weights"]
    assert any(c["kind"] == "model" for c in data["components"])


def test_train_missing_column_is_exit_2(cli, tmp_path):
    data = tmp_path / "ads.csv"
    data.write_text("text,label\nhello,1\n", encoding="utf-8")
    res = cli("train", str(data), "--label-col", "nope", "--out", str(tmp_path / "m.joblib"))
    assert res.exit_code == 2 and "nope" in res.output


def test_out_must_be_joblib(cli, tmp_path):
    data = tmp_path / "ads.csv"
    data.write_text("text,label\nhello,1\n", encoding="utf-8")
    res = cli("train", str(data), "--label-col", "label", "--out", str(tmp_path / "m.npz"))
    assert res.exit_code == 2 and "--out must end in .joblib" in res.output


def test_help_matches_golden(cli, golden):
    assert cli("train", "--help").stdout == golden("help-train.txt")


def test_label_and_text_columns_are_found_and_any_table_format_is_read(cli, tmp_path):
    import pandas as pd

    from redflag.synth import generate

    frame = pd.DataFrame(generate(120, 4))[["text", "label"]]
    data = tmp_path / "ads.data"  # an extension that says nothing: --input-format does
    frame.to_json(data, orient="records", lines=True, force_ascii=False)
    out = tmp_path / "auto.joblib"
    res = cli("train", str(data), "--input-format", "jsonl", "--out", str(out), "--C", "4", "--folds", "2")
    assert res.exit_code == 0, res.output
    card = json.loads((tmp_path / "auto.card.json").read_text(encoding="utf-8"))
    assert card["text_columns"] == ["text"] and card["label_column"] == "label"
    assert (tmp_path / "auto.fusion.json").exists()
