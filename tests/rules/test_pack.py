"""The former rules.pack path still gives the same objects as their new homes."""

from redflag.rules import kinds, loader, pack, schema


def test_old_names_are_the_new_objects():
    assert pack.builtin_packs is loader.builtin_packs and pack.load_pack is loader.load_pack
    assert pack.parse_pack is loader.parse_pack and pack.compiled is kinds.pattern.compiled
    assert pack.Rule is schema.Rule and pack.RulePack is schema.RulePack
