"""Loading packs: every problem refused at load time with the file and rule named; ids unique across packs."""

import pytest

from redflag.categories import CATEGORY_HARMS, HARMS
from redflag.errors import RulePackError
from redflag.rules.loader import ANY, builtin_pack, builtin_packs, load_pack, packs_with, parse_pack, unique_ids
from tests.rules.conftest import PACK_HEAD

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
    assert pack.rules[0].kinds == ("pattern",) and pack.rules[0].keywords == frozenset({"fee"})
    assert pack.id == "t" and pack.language == "en" and len(pack.sha256) == 64


@pytest.mark.parametrize("pattern,message", [("(fee", "does not compile"), (r"fee.*", "more than")])
def test_bad_patterns_are_refused_at_load(pattern, message):
    with pytest.raises(RulePackError, match=message):
        parse_pack(pack_text(pattern).encode(), "t.toml")


def test_unvalidated_packs_leave_patterns_to_first_use():
    assert parse_pack(pack_text("(fee").encode(), "t.toml", validate=False).rules[0].patterns == ("(fee",)


@pytest.mark.parametrize("keyword", ["100", "e-mail", "two words"])
def test_keywords_must_be_findable_words(keyword):
    text = pack_text().replace('keywords = ["fee"]', f'keywords = ["fee", "{keyword}"]')
    with pytest.raises(RulePackError, match="keywords must be single words"):
        parse_pack(text.encode(), "t.toml")


@pytest.mark.parametrize("keyword", ["café", "паспорт", "hộ"])
def test_keywords_may_be_words_of_any_script(keyword):
    text = pack_text().replace('keywords = ["fee"]', f'keywords = ["fee", "{keyword}"]')
    assert keyword in parse_pack(text.encode(), "t.toml").rules[0].keywords


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
    assert combo.kinds == ("combination",) and combo.requires == (("TST",),)
    with pytest.raises(RulePackError, match="unknown rule or category"):
        parse_pack((pack_text() + COMBO.format(ref="XYZ")).encode(), "t.toml")


def test_duplicate_ids_in_a_pack_are_refused():
    with pytest.raises(RulePackError, match="duplicate rule ids TST001"):
        parse_pack((pack_text() + RULE.format(pattern="fee")).encode(), "t.toml")


def test_ids_are_unique_across_packs(tmp_path):
    a = parse_pack(pack_text().encode(), "a.toml")
    b = parse_pack(pack_text().encode(), "b.toml")
    assert unique_ids([a]) == [a]
    assert unique_ids([a, b]) == [a, b]  # the same rule, with the same meaning, in two packs
    c = parse_pack(pack_text().replace("weight = 10", "weight = 11").encode(), "c.toml")
    with pytest.raises(RulePackError, match="TST001 is already defined in a.toml"):
        unique_ids([a, c])
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
    ('advice = "a"', 'advice = "a"\nsupporting = 1', "supporting must be a true/false"),
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
    core = builtin_pack("en").context
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


def test_a_language_entry_adds_to_a_core_rule_and_takes_its_meaning(tmp_path):
    path = tmp_path / "mine.toml"
    path.write_text('[pack]\nid = "mine"\nlanguage = "en"\n[[rule]]\nid = "FEE001"\ntitle = "Pay to work"\n'
                    'keywords = ["levy"]\npatterns = ["levy"]\n'
                    'match = [{ text = "a levy", evidence = "levy" }]\nno_match = ["nothing"]\n', encoding="utf-8")
    rule = next(r for r in load_pack(path).rules if r.id == "FEE001")
    core = next(r for r in builtin_pack("en").rules if r.id == "FEE001")
    assert rule.title == "Pay to work" and rule.weight == core.weight and rule.category == core.category
    assert rule.frames == core.frames and rule.patterns == ("levy",)
    assert packs_with([path])[-1].rules  # the same id with the same meaning is accepted across packs


def test_a_supporting_sign_is_read_from_its_definition():
    pack = parse_pack(pack_text().replace('advice = "a"', 'advice = "a"\nsupporting = true', 1).encode(), "t.toml")
    assert pack.rules[0].supporting and not parse_pack(pack_text().encode(), "t.toml").rules[0].supporting
    core = {r.id: r for p in builtin_packs() for r in p.rules}
    assert core["TRV002"].supporting and not core["FEE001"].supporting


def test_a_pack_that_changes_what_a_core_rule_means_is_refused(tmp_path):
    path = tmp_path / "mine.toml"
    path.write_text('[pack]\nid = "mine"\n[[rule]]\nid = "FEE001"\nweight = 5\ncategory = "urgency"\n'
                    'keywords = ["levy"]\npatterns = ["levy"]\n'
                    'match = [{ text = "a levy", evidence = "levy" }]\nno_match = ["nothing"]\n', encoding="utf-8")
    with pytest.raises(RulePackError, match=r"FEE001 is already defined in .*core.toml.*not change category, weight"):
        load_pack(path)


def test_a_language_folder_is_a_pack(tmp_path):
    folder = tmp_path / "xx"
    folder.mkdir()
    (folder / "pack.toml").write_text(PACK_HEAD.replace('id = "t"', 'id = "xx"\nlanguage = "xx"')
                                      + '[concepts]\ndocument = ["pass"]\nhold = ["keep*"]\n', encoding="utf-8")
    (folder / "forms.toml").write_text('[forms]\n"pass" = ["passes"]\n', encoding="utf-8")
    pack = load_pack(folder)
    doc = next(r for r in pack.rules if r.id == "DOC001")
    assert doc.kinds == ("concept",) and doc.language == "xx" and not doc.matches  # recognised, not yet exemplified
    from redflag.rules.engine import RuleEngine
    from redflag.text.normalise import normalise

    hits = RuleEngine([builtin_pack(ANY), pack]).match(normalise("Boss keeps the passes."), {"xx"}).hits
    assert [(h.rule.id, h.evidence[0].text) for h in hits] == [("DOC001", "keeps the passes")]


@pytest.mark.parametrize("concepts, message", [
    ('document = "pass"', "must be a list of words"),
    ('Document = ["pass"]', "not a concept name"),
    ('document = ["pa*"]', "stems need at least 3 letters"),
])
def test_concept_tables_are_validated(concepts, message):
    with pytest.raises(RulePackError, match=message):
        parse_pack((PACK_HEAD + "[concepts]\n" + concepts + "\n").encode(), "t.toml")


@pytest.mark.parametrize("frame, message", [
    ('{ all = [] }', "non-empty list"),
    ('{ all = ["document"], near = 99 }', "near must be"),
    ('{ all = ["Doc"] }', "not a concept name"),
    ('{ all = ["document"], far = 2 }', "unknown frame field far"),
    ('{ all = ["document"], between = ["Cv"] }', "not a concept name"),
])
def test_frames_are_validated(frame, message):
    text = pack_text().replace("keywords = [\"fee\"]", f"frames = [{frame}]\nkeywords = [\"fee\"]")
    with pytest.raises(RulePackError, match=message):
        parse_pack(text.encode(), "t.toml")


def test_a_rule_points_to_the_harms_of_its_category_unless_it_names_its_own():
    assert parse_pack(pack_text().encode(), "t.toml").rules[0].harms == CATEGORY_HARMS["fees"]
    own = pack_text().replace('category = "fees"', 'category = "fees"\nharm = ["scam"]')
    assert parse_pack(own.encode(), "t.toml").rules[0].harms == ("scam",)
    with pytest.raises(RulePackError, match="unknown harm 'fraud'"):
        parse_pack(pack_text().replace('category = "fees"', 'category = "fees"\nharm = ["fraud"]').encode(), "t.toml")


def test_every_built_in_red_flag_points_to_a_harm():
    for pack in builtin_packs():
        for rule in pack.rules:
            assert rule.reassuring or set(rule.harms) <= set(HARMS) and rule.harms, rule.id


def test_a_keyword_may_be_a_word_with_marks_and_the_engine_finds_it():
    from redflag.rules.engine import RuleEngine
    from redflag.text.normalise import normalise

    text = (pack_text(r"रुपये\s{1,3}जमा").replace('keywords = ["fee"]', 'keywords = ["रुपये"]')
            .replace('{ text = "a fee", evidence = "fee" }', '{ text = "500 रुपये जमा करें", evidence = "रुपये जमा" }'))
    pack = parse_pack(text.encode(), "t.toml")
    assert pack.rules[0].keywords == frozenset({"रुपये"})
    hits = RuleEngine([pack]).match(normalise("कृपया 500 रुपये जमा करें")).hits
    assert [(h.rule.id, h.evidence[0].text) for h in hits] == [("TST001", "रुपये जमा")]
    with pytest.raises(RulePackError, match="keywords must be single words"):
        parse_pack(pack_text().replace('keywords = ["fee"]', 'keywords = ["रुपये जमा"]').encode(), "t.toml")


def test_han_entries_take_no_stem_and_han_keywords_are_whole_runs():
    with pytest.raises(RulePackError, match="a Han character is a word of its own"):
        parse_pack((PACK_HEAD + '[concepts]\ndeposit = ["押金*"]\n').encode(), "t.toml")
    text = pack_text().replace('keywords = ["fee"]', 'keywords = ["fee", "押金"]')
    assert "押金" in parse_pack(text.encode(), "t.toml").rules[0].keywords
    with pytest.raises(RulePackError, match="keywords must be single words"):
        parse_pack(pack_text().replace('keywords = ["fee"]', 'keywords = ["加qq"]').encode(), "t.toml")


def test_a_han_negation_of_several_characters_is_a_phrase_found_inside_a_run():
    pack = parse_pack(PACK_HEAD.replace('negation = ["no"]', 'negation = ["no", "不", "无需"]').encode(), "t.toml")
    assert pack.context.negation == ("no", "不")
    assert pack.context.pre_negation.search("公司无需") and not pack.context.pre_negation.search("无")


def _han_pack_hits(tmp_path, context: str, text: str) -> list[str]:
    from redflag.rules.engine import RuleEngine
    from redflag.text.normalise import normalise

    folder = tmp_path / f"x{len(list(tmp_path.iterdir()))}"
    folder.mkdir()
    head = PACK_HEAD.replace('id = "t"', f'id = "{folder.name}"\nlanguage = "xx"').replace("[context]\n", f"[context]\n{context}\n")
    (folder / "pack.toml").write_text(head + '[concepts]\ndocument = ["护照"]\nhold = ["保管"]\n', encoding="utf-8")
    return [h.rule.id for h in RuleEngine([builtin_pack(ANY), load_pack(folder)]).match(normalise(text), {"xx"}).hits]


def test_frame_distances_are_counted_in_tokens_per_word_of_the_language(tmp_path):
    text = "护照和身份证都由我们公司统一保管"  # 护照 ... 保管: 14 tokens from the first character to the last
    assert _han_pack_hits(tmp_path, "tokens_per_word = 1", text) == []
    assert _han_pack_hits(tmp_path, "tokens_per_word = 2", text) == ["DOC001"]


def test_a_frame_does_not_reach_across_the_packs_frame_breaks(tmp_path):
    assert _han_pack_hits(tmp_path, "", "护照带好，行李公司保管") == ["DOC001"]
    assert _han_pack_hits(tmp_path, 'frame_breaks = [","]', "护照带好，行李公司保管") == []
    assert _han_pack_hits(tmp_path, 'frame_breaks = [","]', "护照由公司保管") == ["DOC001"]


@pytest.mark.parametrize(("ui", "ok"), [
    ('[ui]\nverdict_low = "ok"\n[ui.region]\nUSD = "美国"\n', True),
    ('[ui]\nverdict_low = "ok"\n[ui.region]\nUSD = 3\n', False),
    ('[ui]\nverdict_low = 3\n', False),
])
def test_ui_holds_texts_lists_of_texts_and_tables_of_texts(ui, ok):
    data = (PACK_HEAD + ui).encode()
    if ok:
        assert parse_pack(data, "t.toml").ui["region"] == {"USD": "美国"}
    else:
        with pytest.raises(RulePackError, match=r"\[ui\] must be a table of texts"):
            parse_pack(data, "t.toml")
