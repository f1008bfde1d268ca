"""`redflag link`: ads that share a contact form one cluster."""


def test_link_reports_the_shared_phone(cli, tmp_path):
    data = tmp_path / "ads.csv"
    data.write_text('text\n"Cleaners wanted, call +44 7700 900123."\n"Drivers needed, call +44 7700 900123."\n"Baker, apply online."\n',
                    encoding="utf-8")
    res = cli("link", str(data), "--no-score")
    assert res.exit_code == 0, res.output
    assert "3 ads read, 0 skipped; 1 clusters hold 2 ads" in res.stdout


def test_help_matches_golden(cli, golden):
    assert cli("link", "--help").stdout == golden("help-link.txt")
