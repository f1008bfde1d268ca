"""What the rule tests share: the head of a minimal pack, with context cues no test text uses."""

PACK_HEAD = """
[pack]
id = "t"
[context]
negation = ["no"]
pre_negation = ["zzz"]
post_negation = ["zzz"]
hypothetical = ["zzz"]
terminators = ["but"]
closing = ["needed"]
"""
