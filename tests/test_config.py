"""Config and [tool.redflag]: settings fill in what options leave out, for the CLI and the API alike."""

from pathlib import Path

import pytest

from redflag.config import Config, codes, find_pyproject, load_settings, resolve
from redflag.errors import RedflagError


def _project(tmp_path: Path, body: str) -> Path:
    (tmp_path / "pyproject.toml").write_text("[tool.redflag]\n" + body, encoding="utf-8")
    return tmp_path


def test_codes_split_commas_and_upper_case():
    assert codes(["fee,doc001", " CON "]) == ("FEE", "DOC001", "CON")
    assert codes("fee, con") == ("FEE", "CON")
    assert codes(None) == ()


def test_without_settings_the_defaults_hold(tmp_path):
    resolved = resolve(start=tmp_path)
    assert resolved.config == Config()
    assert resolved.fail_on == "high"


def test_settings_fill_in_and_paths_are_relative_to_the_pyproject(tmp_path):
    root = _project(tmp_path, 'select = "fee"\nignore = ["FEE002"]\nrules = ["packs/extra.toml"]\n'
                              'model = "m/mine.npz"\nweights = "w.json"\nno-model = true\nfail-on = "medium"\n')
    sub = root / "a" / "b"
    sub.mkdir(parents=True)
    assert find_pyproject(sub) == root / "pyproject.toml"
    resolved = resolve(start=sub)
    config = resolved.config
    assert config.select == ("FEE",) and config.ignore == ("FEE002",)
    assert config.packs == (str((root / "packs/extra.toml").resolve()),)
    assert config.model == str((root / "m/mine.npz").resolve()) and config.weights == str((root / "w.json").resolve())
    assert config.use_model is False and resolved.fail_on == "medium"


def test_options_win_over_settings(tmp_path):
    _project(tmp_path, 'select = ["FEE"]\nfail-on = "medium"\nmodel = "x.npz"\n')
    resolved = resolve(select=["con"], model="other.npz", fail_on="low", region="GB", entities=False, redact=True,
                       start=tmp_path)
    assert resolved.config.select == ("CON",) and resolved.config.model == "other.npz"
    assert resolved.fail_on == "low"
    assert (resolved.config.region, resolved.config.entities, resolved.config.redact) == ("GB", False, True)


def test_a_single_pack_path_is_accepted(tmp_path):
    assert resolve(rules=tmp_path / "p.toml", start=tmp_path).config.packs == (str(tmp_path / "p.toml"),)


def test_a_pyproject_without_the_table_is_skipped(tmp_path):
    root = _project(tmp_path, 'select = ["CON"]\n')
    inner = root / "inner"
    inner.mkdir()
    (inner / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    assert find_pyproject(inner) == root / "pyproject.toml"
    assert load_settings(inner)["select"] == ["CON"]


def test_settings_are_reread_when_the_file_changes(tmp_path):
    _project(tmp_path, 'select = ["CON"]\n')
    assert load_settings(tmp_path)["select"] == ["CON"]
    _project(tmp_path, 'select = ["FEE", "DOC"]\n')
    assert load_settings(tmp_path)["select"] == ["FEE", "DOC"]


@pytest.mark.parametrize("body, message", [('selct = ["CON"]\n', "selct"), ('fail-on = "extreme"\n', "fail-on")])
def test_bad_settings_are_errors(tmp_path, body, message):
    _project(tmp_path, body)
    with pytest.raises(RedflagError, match=message):
        resolve(start=tmp_path)


def test_bad_fail_on_option_is_an_error(tmp_path):
    with pytest.raises(RedflagError, match="--fail-on"):
        resolve(fail_on="extreme", start=tmp_path)


def test_region_is_checked_against_phonenumbers(tmp_path):
    assert resolve(region="gb", start=tmp_path).config.region == "GB"
    assert resolve(start=tmp_path).config.region is None
    with pytest.raises(RedflagError, match="--region 'ZZ'"):
        resolve(region="ZZ", start=tmp_path)
