"""`redflag report`: scan results into one HTML file; inputs protected, bad rows skipped, errors on one line."""

from __future__ import annotations

import json
import re

import pytest

ADS = ("id,text,site,date\n"
       'a1,"Pay a processing fee of $300 to secure your visa. Contact WhatsApp +44 7700 900123",board,2026-01-02\n'
       'a2,"Работа в Дубае для девушек, жильё бесплатно 🎉 пишите в телеграм +44 7700 900123",chat,2026-01-09\n'
       'a3,"Software engineer, permanent contract, salary per collective agreement.",board,2026-01-10\n')


@pytest.fixture
def results(cli, tmp_path):
    """A results file made by `redflag scan`, and its clusters by `redflag link`."""
    ads = tmp_path / "ads.csv"
    ads.write_text(ADS, encoding="utf-8")
    out = tmp_path / "results.jsonl"
    res = cli("scan", str(ads), "--out", str(out), "--id-col", "id", "--keep-col", "text", "--keep-col", "date",
              "--source-col", "site", "--no-progress")
    assert res.exit_code == 0, res.output
    clusters = tmp_path / "clusters.jsonl"
    res = cli("link", str(ads), "--out", str(clusters), "--id-col", "id")
    assert res.exit_code == 0, res.output
    return out, clusters


def test_report_of_a_scan_with_clusters(cli, results, tmp_path):
    out, clusters = results
    html_file = tmp_path / "report.html"
    res = cli("report", str(out), "--out", str(html_file), "--clusters", str(clusters), "--source-col", "site",
              "--title", "January", "--top", "2")
    assert res.exit_code == 0, res.output
    assert "3 ads, 1 clusters; report written to" in res.stdout
    page = html_file.read_text(encoding="utf-8")
    assert "<title>January</title>" in page and 'id="chart-time"' in page
    assert len(re.findall(r'class="ad-link"', page)) == 2 and page.count('<article class="ad ') == 3
    assert '<a href="#ad-a1">a1</a>' in page and "<mark " in page
    assert not list(tmp_path.glob(".*.part"))


def test_csv_results_still_mark_the_first_phrases(cli, tmp_path):
    ads = tmp_path / "ads.csv"
    ads.write_text(ADS, encoding="utf-8")
    out = tmp_path / "results.csv"
    assert cli("scan", str(ads), "--out", str(out), "--id-col", "id", "--keep-col", "text", "--no-progress").exit_code == 0
    html_file = tmp_path / "r.html"
    res = cli("report", str(out), "-o", str(html_file))
    assert res.exit_code == 0, res.output
    assert "processing fee" in re.findall(r"<mark [^>]*>(.*?)</mark>", html_file.read_text(encoding="utf-8"))[0]


def test_refuses_to_overwrite_its_input(cli, results):
    out, _ = results
    before = out.read_bytes()
    res = cli("report", str(out), "--out", str(out))
    assert res.exit_code == 2 and "refusing to write" in res.output and out.read_bytes() == before


def test_bad_rows_are_reported_and_skipped(cli, results, tmp_path):
    out, _ = results
    broken = tmp_path / "broken.jsonl"
    lines = out.read_text(encoding="utf-8").splitlines()
    bad = json.loads(lines[0]) | {"score": "very"}
    broken.write_text("\n".join([json.dumps(bad), "{not json", *lines[1:]]) + "\n", encoding="utf-8")
    html_file = tmp_path / "r.html"
    res = cli("report", str(broken), "--out", str(html_file))
    assert res.exit_code == 0, res.output
    assert "row 0 skipped: score 'very' is not a number" in res.output and "row 1 skipped: unreadable JSONL" in res.output
    assert "2 ads, 2 rows skipped" in res.stdout and html_file.exists()


@pytest.mark.parametrize("content, words", [
    (None, "file not found"),
    ('{"text": "an ad, not a result"}\n', "not a scan results file"),
    ('{"id": 1, "score": "x", "level": "low"}\n', "no row could be shown"),
])
def test_input_errors_are_one_line_exit_2_and_write_nothing(cli, tmp_path, content, words):
    src = tmp_path / "in.jsonl"
    if content is not None:
        src.write_text(content, encoding="utf-8")
    html_file = tmp_path / "r.html"
    res = cli("report", str(src), "--out", str(html_file))
    assert res.exit_code == 2, res.output
    errors = [l for l in res.output.splitlines() if l.startswith("redflag: error:")]
    assert len(errors) == 1 and words in errors[0]
    assert not html_file.exists() and not list(tmp_path.glob(".*.part"))


def test_a_named_column_must_exist(cli, results, tmp_path):
    out, _ = results
    res = cli("report", str(out), "--out", str(tmp_path / "r.html"), "--source-col", "platform")
    assert res.exit_code == 2 and "'platform'" in res.output


def test_clusters_file_must_be_one(cli, results, tmp_path):
    out, _ = results
    res = cli("report", str(out), "--out", str(tmp_path / "r.html"), "--clusters", str(out))
    assert res.exit_code == 2 and "not a clusters file" in res.output


def test_a_failure_while_rendering_leaves_no_file(results, tmp_path, monkeypatch):
    import redflag.render.html as html_pkg
    from redflag.cli.report import write_report

    def half_then_fail(rows, out, **kw):
        out.write("<!DOCTYPE html><html>")
        raise RuntimeError("disk gone")

    monkeypatch.setattr(html_pkg, "render_report", half_then_fail)
    target = tmp_path / "r.html"
    target.write_text("old report", encoding="utf-8")
    with pytest.raises(RuntimeError):
        write_report([{"id": 1, "score": 1, "level": "low"}], target)
    assert target.read_text(encoding="utf-8") == "old report" and not list(tmp_path.glob(".*.part"))
