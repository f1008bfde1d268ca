"""Bad input across every command: one line on stderr, exit 2, no traceback, nothing changed on disk.

Each case runs in a small folder of inputs; the folder must be byte for byte the same afterwards,
so no input was overwritten and no output (or temporary file) was left behind.
"""

from __future__ import annotations

import gzip
import hashlib
import os
from pathlib import Path

import pytest

from redflag.io import outputs

ADS = ("text,site\n"
       '"Small processing fee, contact only on WhatsApp +44 7700 900123",a\n'
       '"Warehouse staff wanted, written contract in your language",b\n'
       '"Hostess work abroad for girls 18-25, free flight",a\n')
LABELLED = ("text,label\n"
            '"Small processing fee before departure",1\n'
            '"Warehouse staff, written contract",0\n'
            '"The employer keeps your passport for safety",1\n'
            '"Office clerk, we never charge any fee",0\n')
RULE = """
[[rule]]
id = "MYX001"
title = "t"
category = "fees"
indicator = "i"
severity = "high"
confidence = "high"
weight = 10
rationale = "r"
advice = "a"
keywords = ["banana"]
patterns = ['\\bbanana fee\\b']
match = [{ text = "a banana fee", evidence = "banana fee" }]
no_match = ["nothing"]
"""


def _pack(old: str = "", new: str = "") -> str:
    return '[pack]\nid = "mine"\n' + RULE.replace(old, new)


def make_inputs(d: Path) -> None:
    """Every input file the cases name, written once per test."""
    (d / "ads.csv").write_text(ADS, encoding="utf-8")
    (d / "lab.csv").write_text(LABELLED, encoding="utf-8")
    (d / "lab24.csv").write_text(LABELLED + "".join(LABELLED.splitlines(keepends=True)[1:]) * 5, encoding="utf-8")
    (d / "named.csv").write_text(LABELLED.replace(",1\n", ",scam\n").replace(",0\n", ",ok\n"), encoding="utf-8")
    (d / "scored.csv").write_text("text,score\nSmall fee now,80\nWarehouse staff,high\n", encoding="utf-8")
    (d / "ad.txt").write_text("Small processing fee.", encoding="utf-8")
    (d / "empty.txt").write_bytes(b"")
    (d / "blank.txt").write_bytes(b"  \n\t ")
    (d / "binary.txt").write_bytes(b"\x7fELF\x00\x01\x02\x03" * 4)
    (d / "latin1.txt").write_bytes("Café job, small fee".encode("latin-1"))
    (d / "big.txt").write_bytes(b"fee " * 250_001)
    (d / "tags.html").write_text("<html><body><p></p><br/><b> </b></body></html>", encoding="utf-8")
    (d / "zw.txt").write_text("\u200b\u200d\u2060\u200b", encoding="utf-8")
    (d / "heavy.toml").write_text(_pack("weight = 10", 'weight = "heavy"'), encoding="utf-8")
    (d / "strpatterns.toml").write_text(_pack("patterns = ['\\bbanana fee\\b']", 'patterns = "banana"'), encoding="utf-8")
    (d / "window.toml").write_text('[pack]\nid = "w"\n[context]\nwindow = "7"\n' + RULE, encoding="utf-8")
    (d / "unbounded.toml").write_text(_pack("\\bbanana fee\\b", "banana fee.*"), encoding="utf-8")
    (d / "dupe.toml").write_text(_pack('id = "MYX001"', 'id = "FEE001"'), encoding="utf-8")
    (d / "broken.toml").write_text("[pack\nid = ", encoding="utf-8")
    (d / "bad-weights.json").write_text("{not json", encoding="utf-8")
    (d / "corrupt.csv.gz").write_bytes(gzip.compress(ADS.encode())[:30] + b"\x00garbage" * 8)
    (d / "adir").mkdir()
    (d / "ro").mkdir()
    (d / "link.csv").symlink_to(d / "ads.csv")


NM = "--no-model"
CASES = [
    # check: one ad
    ("check-empty-arg", ["check", ""]),
    ("check-missing-pdf", ["check", "missing-ad.pdf"]),
    ("check-missing-in-folder", ["check", "{d}/nope/ad.txt"]),
    ("check-directory", ["check", "{d}"]),
    ("check-empty-file", ["check", "{d}/empty.txt", NM]),
    ("check-blank-file", ["check", "{d}/blank.txt", NM]),
    ("check-binary-file", ["check", "{d}/binary.txt", NM]),
    ("check-latin1-file", ["check", "{d}/latin1.txt", NM]),
    ("check-over-1mb", ["check", "{d}/big.txt", NM]),
    ("check-only-tags", ["check", "{d}/tags.html", NM]),
    ("check-only-zero-width", ["check", "{d}/zw.txt", NM]),
    ("check-only-tags-as-text", ["check", "<b> </b> <i> </i>", NM]),
    ("check-path-as-text-empty", ["check", "<br/>", "--text", NM]),
    ("check-stdin-empty", ["check", "-", NM], ""),
    ("check-stdin-binary", ["check", "-", NM], "ab\x00\x00cd"),
    ("check-select-unknown", ["check", "pay a fee", "--select", "NOPE", NM]),
    ("check-select-one-unknown", ["check", "pay a fee", "--select", "FEE,ZZZ001", NM]),
    ("check-ignore-unknown", ["check", "pay a fee", "--ignore", "QQQ", NM]),
    ("check-region-unknown", ["check", "pay a fee", "--region", "ZZ", NM]),
    ("check-fail-on-bad-choice", ["check", "pay a fee", "--fail-on", "extreme"]),
    ("check-format-bad-choice", ["check", "pay a fee", "--format", "xml"]),
    ("check-unknown-option", ["check", "pay a fee", "--frmat", "json"]),
    ("check-missing-argument", ["check"]),
    ("check-pack-missing", ["check", "pay a fee", "--rules", "{d}/nope.toml", NM]),
    ("check-pack-weight-text", ["check", "pay a fee", "--rules", "{d}/heavy.toml", NM]),
    ("check-pack-patterns-text", ["check", "pay a fee", "--rules", "{d}/strpatterns.toml", NM]),
    ("check-pack-window-text", ["check", "pay a fee", "--rules", "{d}/window.toml", NM]),
    ("check-pack-unbounded", ["check", "pay a fee", "--rules", "{d}/unbounded.toml", NM]),
    ("check-pack-duplicate-id", ["check", "pay a fee", "--rules", "{d}/dupe.toml", NM]),
    ("check-pack-not-toml", ["check", "pay a fee", "--rules", "{d}/broken.toml", NM]),
    ("check-model-missing", ["check", "pay a fee", "--model", "{d}/nope.npz"]),
    ("check-weights-missing", ["check", "pay a fee", "--weights", "{d}/nope.json", NM]),
    ("check-weights-not-json", ["check", "pay a fee", "--weights", "{d}/bad-weights.json", NM]),
    # rules and explain
    ("rules-select-unknown", ["rules", "--select", "NOPE"]),
    ("rules-format-bad-choice", ["rules", "--format", "xml"]),
    ("rules-pack-weight-text", ["rules", "--rules", "{d}/heavy.toml"]),
    ("explain-unknown-rule", ["explain", "NOPE999"]),
    ("explain-missing-argument", ["explain"]),
    # synth
    ("synth-n-zero", ["synth", "--n", "0", "--out", "{d}/s.csv"]),
    ("synth-onto-folder", ["synth", "--n", "3", "--out", "{d}/adir"]),
    ("synth-under-file", ["synth", "--n", "3", "--out", "{d}/ad.txt/s.csv"]),
    ("synth-read-only", ["synth", "--n", "3", "--out", "{d}/ro/s.csv"]),
    # train
    ("train-out-not-joblib", ["train", "{d}/lab.csv", "--out", "{d}/m.pkl"]),
    ("train-read-only", ["train", "{d}/lab24.csv", "--out", "{d}/ro/m.joblib"]),
    ("train-under-file", ["train", "{d}/lab24.csv", "--out", "{d}/ad.txt/m.joblib"]),
    ("train-onto-folder", ["train", "{d}/lab24.csv", "--out", "{d}/adir.joblib"]),
    ("train-data-missing", ["train", "{d}/nope.csv", "--out", "{d}/m.joblib"]),
    ("train-too-few-rows", ["train", "{d}/lab.csv", "--out", "{d}/m.joblib"]),
    ("train-bad-features", ["train", "{d}/lab.csv", "--out", "{d}/m.joblib", "--features", "nope"]),
    ("train-missing-out", ["train", "{d}/lab.csv"]),
    # scan
    ("scan-out-is-input", ["scan", "{d}/ads.csv", "--out", "{d}/ads.csv", NM]),
    ("scan-summary-is-input", ["scan", "{d}/ads.csv", "--out", "{d}/r.csv", "--summary-json", "{d}/ads.csv", NM]),
    ("scan-errors-is-out", ["scan", "{d}/ads.csv", "--out", "{d}/r.csv", "--errors", "{d}/r.csv", NM]),
    ("scan-summary-no-folder", ["scan", "{d}/ads.csv", "--out", "{d}/r.csv", "--summary-json", "{d}/nope/s.json", NM]),
    ("scan-errors-no-folder", ["scan", "{d}/ads.csv", "--out", "{d}/r.csv", "--errors", "{d}/nope/e.csv", NM]),
    ("scan-out-links-to-input", ["scan", "{d}/ads.csv", "--out", "{d}/link.csv", NM]),
    ("scan-out-onto-folder", ["scan", "{d}/ads.csv", "--out", "{d}/adir", NM]),
    ("scan-out-read-only", ["scan", "{d}/ads.csv", "--out", "{d}/ro/r.csv", NM]),
    ("scan-out-is-pack", ["scan", "{d}/ads.csv", "--out", "{d}/heavy.toml", "--rules", "{d}/heavy.toml", NM]),
    ("scan-input-missing", ["scan", "{d}/nope.csv", "--out", "{d}/r.csv", NM]),
    ("scan-input-folder", ["scan", "{d}/adir", "--out", "{d}/r.csv", NM]),
    ("scan-text-col-missing", ["scan", "{d}/ads.csv", "--out", "{d}/r.csv", "--text-col", "nope", NM]),
    ("scan-input-format-bad", ["scan", "{d}/ads.csv", "--out", "{d}/r.csv", "--input-format", "xml", NM]),
    ("scan-out-format-bad", ["scan", "{d}/ads.csv", "--out", "{d}/r.txt", NM]),
    ("scan-workers-zero", ["scan", "{d}/ads.csv", "--workers", "0", NM]),
    ("scan-select-unknown", ["scan", "{d}/ads.csv", "--out", "{d}/r.csv", "--select", "NOPE", NM]),
    ("scan-region-unknown", ["scan", "{d}/ads.csv", "--out", "{d}/r.csv", "--region", "ZZ", NM]),
    ("scan-corrupt-gz", ["scan", "{d}/corrupt.csv.gz", "--out", "{d}/r.csv", NM]),
    # link
    ("link-score-not-numeric", ["link", "{d}/scored.csv", "--score-col", "score", "--no-score"]),
    ("link-out-is-input", ["link", "{d}/ads.csv", "--out", "{d}/ads.csv", NM]),
    ("link-out-no-folder", ["link", "{d}/ads.csv", "--out", "{d}/nope/c.csv", NM]),
    ("link-source-col-missing", ["link", "{d}/ads.csv", "--source-col", "nope", NM]),
    ("link-similarity-out-of-range", ["link", "{d}/ads.csv", "--similarity", "2"]),
    ("link-input-missing", ["link", "{d}/nope.csv", NM]),
    ("link-region-unknown", ["link", "{d}/ads.csv", "--region", "ZZ", NM]),
    # evaluate
    ("evaluate-out-is-input", ["evaluate", "{d}/lab.csv", "-o", "{d}/lab.csv", NM]),
    ("evaluate-fit-weights-is-input", ["evaluate", "{d}/lab.csv", "--fit-weights", "{d}/lab.csv", NM]),
    ("evaluate-fit-weights-is-out", ["evaluate", "{d}/lab.csv", "-o", "{d}/r.md", "--fit-weights", "{d}/r.md", NM]),
    ("evaluate-fit-weights-read-only", ["evaluate", "{d}/lab.csv", "--fit-weights", "{d}/ro/w.json", NM]),
    ("evaluate-fit-weights-no-folder", ["evaluate", "{d}/lab.csv", "--fit-weights", "{d}/nope/w.json", NM]),
    ("evaluate-fit-weights-onto-folder", ["evaluate", "{d}/lab.csv", "--fit-weights", "{d}/adir", NM]),
    ("evaluate-fit-weights-nothing-to-fit", ["evaluate", "{d}/lab.csv", "--fit-weights", "{d}/w.json", "--bootstrap", "0", NM]),
    ("evaluate-out-no-folder", ["evaluate", "{d}/lab.csv", "-o", "{d}/nope/r.md", NM]),
    ("evaluate-bad-gate", ["evaluate", "{d}/lab.csv", "--fail-under", "nope=1", NM]),
    ("evaluate-label-col-missing", ["evaluate", "{d}/lab.csv", "--label-col", "nope", NM]),
    ("evaluate-named-labels", ["evaluate", "{d}/named.csv", "--bootstrap", "0", NM]),
    ("evaluate-positive-unknown", ["evaluate", "{d}/named.csv", "--positive", "fraud", "--bootstrap", "0", NM]),
    ("evaluate-sort-bad-choice", ["evaluate", "{d}/lab.csv", "--sort", "nope"]),
    ("evaluate-data-missing", ["evaluate", "{d}/nope.csv", NM]),
]


def snapshot(folder: Path) -> dict[str, str]:
    """Every entry under the folder with a hash of its bytes (links by their target)."""
    out = {}
    for p in sorted(folder.rglob("*")):
        rel = str(p.relative_to(folder))
        if p.is_symlink():
            out[rel] = "link:" + os.readlink(p)
        elif p.is_dir():
            out[rel] = "dir"
        else:
            out[rel] = hashlib.sha256(p.read_bytes()).hexdigest()
    return out


def test_the_table_is_large_and_covers_every_command():
    assert len(CASES) >= 60
    assert {c[1][0] for c in CASES if c[1]} == {"check", "rules", "explain", "synth", "train", "scan", "link", "evaluate"}
    assert len({c[0] for c in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_bad_input_is_one_line_and_exit_2(case, cli, tmp_path, monkeypatch):
    name, args, stdin = case[0], case[1], case[2] if len(case) > 2 else None
    d = tmp_path / "in"
    d.mkdir()
    make_inputs(d)
    (d / "adir.joblib").mkdir()
    read_only = d / "ro"
    read_only.chmod(0o555)
    real_access = os.access
    # root ignores permission bits, so the folder's answer is given for it
    monkeypatch.setattr(outputs.os, "access", lambda p, mode: False if Path(p) == read_only else real_access(p, mode))
    monkeypatch.chdir(d)
    before = snapshot(d)
    res = cli(*[a.replace("{d}", str(d)) for a in args], input=stdin)
    read_only.chmod(0o755)
    assert res.exit_code == 2, (res.exit_code, res.output)
    assert "Traceback" not in res.output and res.exception is None or isinstance(res.exception, SystemExit)
    lines = res.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("redflag: error: "), res.stderr
    assert snapshot(d) == before, f"{name} changed the inputs folder"
