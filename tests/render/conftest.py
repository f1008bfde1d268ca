"""The example ads checked once per test run, as the command hands them to the formatters."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

GOLDEN = Path(__file__).resolve().parent / "golden"
EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
SPANISH_AD = ("Se buscan chicas de 18 a 25 años para un club en el extranjero. Pago de inscripción de 200 euros "
              "antes de viajar. Contacto solo por WhatsApp.")


def report_of(text: str, config=None, ui_lang: str | None = None):
    """The Report the command builds: the result, its help lines and the short report's words."""
    from dataclasses import replace

    from redflag.config import Config
    from redflag.pipeline import checker_for
    from redflag.render.reader import reader_report
    from redflag.render.seeker_words import seeker_words

    report = reader_report(checker_for(config or Config()).check(text))
    return replace(report, seeker=seeker_words(ui_lang)) if ui_lang else report


@pytest.fixture(scope="session")
def example():
    """(Report, text) of an example ad, checked with the shipped rules and model."""
    cache: dict = {}

    def get(name: str):
        if name not in cache:
            text = (EXAMPLES / f"{name}.txt").read_text(encoding="utf-8")
            cache[name] = report_of(text), text
        return cache[name]

    return get


@pytest.fixture(scope="session")
def spanish():
    """(Report, text) of a small Spanish ad, rules only, so its golden does not move with the model."""
    from redflag.config import Config

    return report_of(SPANISH_AD, Config(use_model=False, entities=False)), SPANISH_AD


@pytest.fixture
def rendered():
    """The text ``render(obj, stream, options)`` writes, at 80 columns without colour unless told otherwise."""
    from redflag.render.options import RenderOptions

    def run(render, obj, **options) -> str:
        stream = io.StringIO()
        render(obj, stream, RenderOptions(**{"width": 80, "color": False, **options}))
        return stream.getvalue()

    return run


@pytest.fixture
def golden_text():
    """The text of one golden file."""
    return lambda name: (GOLDEN / name).read_text(encoding="utf-8")


@pytest.fixture
def words():
    """The words the command line hands the renderer for a language."""
    from redflag.render.reader import report_words

    return report_words


@pytest.fixture
def check_text():
    """(Report, text) of any ad, rules only unless a Config says otherwise."""
    from redflag.config import Config

    return lambda text, config=None: (report_of(text, config or Config(use_model=False)), text)
