"""One rule in full: facts, rationale, advice, references and both kinds of examples."""

import io
from pathlib import Path

from redflag.render.explain import render
from redflag.render.options import RenderOptions
from redflag.rules.engine import RuleEngine
from redflag.rules.loader import builtin_packs

GOLDEN = Path(__file__).resolve().parent / "golden"


def _explain(rule_id: str, width: int = 100) -> str:
    stream = io.StringIO()
    render(RuleEngine(builtin_packs()).rule(rule_id), stream, RenderOptions(width=width, color=False))
    return stream.getvalue()


def test_matches_golden():
    assert _explain("FEE001") == (GOLDEN / "explain-FEE001.txt").read_text(encoding="utf-8")


def test_every_rule_shows_its_examples():
    for rule in RuleEngine(builtin_packs()).rules:
        text = _explain(rule.id, width=1000)  # no wrapping, so every line can be found whole
        assert text.startswith(f"{rule.id}  {rule.title}")
        assert "Why it matters" in text and "What to do" in text and "Stays silent on" in text
        for ex in rule.matches:
            assert f"(quotes “{ex.evidence}”)" in text


def test_combination_rules_say_what_they_need():
    combos = [r for r in RuleEngine(builtin_packs()).rules if r.requires]
    assert combos, "the shipped packs hold combination rules"
    assert "fires when all of: " in _explain(combos[0].id)
