"""`redflag rules`: the rule catalogue."""

from __future__ import annotations

import sys

from redflag.cli.options import Format, FormatOpt, IgnoreOpt, PackOpt, SelectOpt


def rules(
    format: FormatOpt = Format.text,
    select: SelectOpt = None,
    ignore: IgnoreOpt = None,
    rules: PackOpt = None,
) -> None:
    """List the rule catalogue: id, title, severity, indicator, language."""
    from redflag.config import codes
    from redflag.render import catalogue
    from redflag.render.options import RenderOptions
    from redflag.rules.engine import RuleEngine
    from redflag.rules.loader import builtin_packs, check_codes, load_pack

    packs = builtin_packs() + [load_pack(p) for p in rules or ()]
    check_codes(packs, codes(select), "--select")
    check_codes(packs, codes(ignore), "--ignore")
    engine = RuleEngine(packs, codes(select), codes(ignore))
    render = catalogue.render_json if format is Format.json else catalogue.render
    render(engine.rules, sys.stdout, RenderOptions())
