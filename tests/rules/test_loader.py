"""Loading packs: every problem refused at load time with the file and rule named; ids unique across packs."""

import pytest

from redflag.errors import RulePackError
from redflag.rules.loader import builtin_packs, load_pack, packs_with, parse_pack, unique_ids

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
RULE = """
[[rule]]
id = "TST001"
title = "t"
category = "fees"
indicator = "i"
severity = "high"
confidence = "high"
weight = 10
rationale = "r"
advice = "a"
keywords = ["fee"]
patterns = ['{pattern}']
match = [{{ text = "a fee", evidence = "fee" }}]
no_match = ["nothing"]
"""
COMBO = """
[[rule]]
id = "TST900"
title = "c"
category = "combination"
indicator = "i"
severity = "high"
confidence = "medium"
weight = 5
rationale = "r"
advice = "a"
requires = [["{ref}"]]
match = [{{ text = "a fee", evidence = "fee" }}]
no_match = ["nothing"]
"""


def pack_text(pattern=r"\bfee\b"):
    return PACK_HEAD + RULE.format(pattern=pattern)


def test_valid_minimal_pack_loads():
    pack = parse_pack(pack_text().encode(), "t.toml")
    assert pack.rules[0].id == "TST001"
    assert pack.rules[0].kind == "pattern" and pack.rules[0].keywords == frozenset({"fee"})
    assert pack.id == "t" and pack.language == "en" and len(pack.sha256) == 64


@pytest.mark.parametrize("pattern,message", [("(fee", "does not compile"), (r"fee.*", "more than")])
def test_bad_patterns_are_refused_at_load(pattern, message):
    with pytest.raises(RulePackError, match=message):
        parse_pack(pack_text(pattern).encode(), "t.toml")


def test_unvalidated_packs_leave_patterns_to_first_use():
    assert parse_pack(pack_text("(fee").encode(), "t.toml", validate=False).rules[0].patterns == ("(fee",)


@pytest.mark.parametrize("keyword", ["100", "e-mail", "café", "two words"])
def test_keywords_must_be_findable_words(keyword):
    text = pack_text().replace('keywords = ["fee"]', f'keywords = ["fee", "{keyword}"]')
    with pytest.raises(RulePackError, match="keywords must be single words"):
        parse_pack(text.encode(), "t.toml")


def test_rule_without_examples_is_refused():
    text = PACK_HEAD + RULE.format(pattern="fee").replace('no_match = ["nothing"]', "")
    with pytest.raises(RulePackError, match="examples"):
        parse_pack(text.encode(), "t.toml")


@pytest.mark.parametrize("old,new,message", [
    ('id = "TST001"', 'id = "tst1"', "id must be"),
    ('category = "fees"', 'category = "nope"', "unknown category"),
    ('severity = "high"', 'severity = "severe"', "severity and confidence"),
    ("weight = 10", "weight = 99", "outside -50..60"),
    ('title = "t"\n', "", "lacks title"),
    ('keywords = ["fee"]', "", "needs keywords"),
    ('evidence = "fee"', 'evidence = "gone"', "not in its text"),
])
def test_rule_fields_are_validated(old, new, message):
    with pytest.raises(RulePackError, match=message):
        parse_pack(pack_text().replace(old, new, 1).encode(), "t.toml")


def test_bad_toml_and_missing_context():
    with pytest.raises(RulePackError, match="not a valid TOML"):
        parse_pack(b"[pack", "t.toml")
    with pytest.raises(RulePackError, match=r"\[context\] lacks"):
        parse_pack(RULE.format(pattern="fee").encode(), "t.toml")


def test_combination_rules_and_their_references():
    pack = parse_pack((pack_text() + COMBO.format(ref="TST")).encode(), "t.toml")
    combo = pack.rules[1]
    assert combo.kind == "combination" and combo.requires == (("TST",),)
    with pytest.raises(RulePackError, match="unknown rule or category"):
        parse_pack((pack_text() + COMBO.format(ref="XYZ")).encode(), "t.toml")


def test_duplicate_ids_in_a_pack_are_refused():
    with pytest.raises(RulePackError, match="duplicate rule ids TST001"):
        parse_pack((pack_text() + RULE.format(pattern="fee")).encode(), "t.toml")


def test_ids_are_unique_across_packs(tmp_path):
    a = parse_pack(pack_text().encode(), "a.toml")
    b = parse_pack(pack_text().encode(), "b.toml")
    assert unique_ids([a]) == [a]
    with pytest.raises(RulePackError, match="TST001 is already defined in a.toml"):
        unique_ids([a, b])
    path = tmp_path / "mine.toml"
    path.write_text(pack_text())
    packs = packs_with([path])
    assert [p.id for p in packs][-1] == "t" and len(packs) == len(builtin_packs()) + 1


def test_load_pack_reads_a_user_file(tmp_path):
    path = tmp_path / "mine.toml"
    path.write_text(pack_text())
    assert load_pack(path).path == str(path)
    with pytest.raises(RulePackError, match="cannot read rule pack"):
        load_pack(tmp_path / "missing.toml")


def test_builtin_packs_load_and_validate():
    packs = builtin_packs(validate=True)
    assert packs and all(p.rules for p in packs)
    assert {p.path for p in packs} == {p.path for p in builtin_packs()}
    assert packs_with() == unique_ids(builtin_packs())


@pytest.mark.parametrize("old, new, message", [
    ("weight = 10", 'weight = "heavy"', "weight must be a number"),
    ("weight = 10", "weight = true", "weight must be a number"),
    ('title = "t"', "title = 5", "title must be a text"),
    ('keywords = ["fee"]', 'keywords = "fee"', "keywords must be a list of texts"),
    ("patterns = ['\\bfee\\b']", "patterns = [1]", "patterns must be a list of texts"),
    ('match = [{ text = "a fee", evidence = "fee" }]', 'match = ["a fee"]', "match must be a list of tables"),
    ('no_match = ["nothing"]', 'no_match = "nothing"', "no_match must be a list of texts"),
    ('advice = "a"', 'advice = "a"\nnegation = "yes"', "negation must be a true/false"),
    ('negation = ["no"]', "negation = 1", r"\[context\]: negation must be a list of texts"),
    ('negation = ["no"]', 'negation = ["no"]\nwindow = "7"', "window must be a whole number"),
    ('id = "t"', "id = 3", r"\[pack\] id must be a text"),
])
def test_wrong_types_are_refused_by_name(old, new, message):
    text = pack_text()
    assert old in text
    with pytest.raises(RulePackError, match=message):
        parse_pack(text.replace(old, new, 1).encode(), "t.toml")


def test_a_user_pack_inherits_the_context_cues_it_leaves_out(tmp_path):
    partial = RULE.format(pattern=r"\bfee\b")
    path = tmp_path / "mine.toml"
    path.write_text('[pack]\nid = "mine"\n[context]\nnegation = ["no", "never"]\n' + partial, encoding="utf-8")
    pack = load_pack(path)
    core = builtin_packs()[0].context
    assert pack.context.negation == ("no", "never")
    assert pack.context.terminators == core.terminators and pack.context.window == core.window
    path.write_text('[pack]\nid = "mine"\n' + partial, encoding="utf-8")
    assert load_pack(path).context.negation == core.negation


def test_unknown_codes_are_refused_by_option():
    from redflag.rules.loader import check_codes

    packs = builtin_packs()
    check_codes(packs, ("FEE", "DOC001"), "--select")
    with pytest.raises(RulePackError, match="--select: no rule code or prefix NOPE"):
        check_codes(packs, ("FEE", "NOPE"), "--select")
