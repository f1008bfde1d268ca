"""`redflag explain`: one rule in full."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from redflag.cli.app import fail


def explain(rule_id: Annotated[str, typer.Argument(help="A rule id, e.g. FEE001.")]) -> None:
    """Show one rule: what it looks for, why, what to do, its references and its examples."""
    from redflag.render.explain import render
    from redflag.render.options import RenderOptions
    from redflag.rules.engine import RuleEngine
    from redflag.rules.loader import builtin_packs

    rule = RuleEngine(builtin_packs()).rule(rule_id.upper())
    if rule is None:
        fail(f"no rule {rule_id!r}; 'redflag rules' lists them")
    render(rule, sys.stdout, RenderOptions())
