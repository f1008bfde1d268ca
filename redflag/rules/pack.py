"""The former home of rule packs, kept so older imports work: see ``schema``, ``loader`` and ``kinds.pattern``."""

from redflag.rules.kinds.pattern import compiled
from redflag.rules.loader import builtin_packs, load_pack, parse_pack
from redflag.rules.schema import ContextCues, Example, Rule, RulePack

__all__ = ["ContextCues", "Example", "Rule", "RulePack", "builtin_packs", "compiled", "load_pack", "parse_pack"]
