"""Blanks and tags between words."""


def test_lone_line_breaks_joined_up_front_follow_the_gap_rule():
    """The up-front pass that turns a line break inside a sentence into a space agrees with gap_text."""
    import random

    from redflag.text.gaps import gap_text, join_lines

    rng = random.Random(7)
    alphabet = "aZ1,o x\nÉé²._"
    for _ in range(20000):
        text = "".join(rng.choice(alphabet) for _ in range(7))
        joined = join_lines(text)
        assert len(joined) == len(text)
        for i, ch in enumerate(text):
            lone = ch == "\n" and text[i - 1:i] not in ("\n", " ") and text[i + 1:i + 2] not in ("\n", " ")
            if lone and 0 < i < len(text) - 1:
                assert (joined[i] == " ") == (gap_text(text, i, i + 1) == " "), (text, i)
            elif ch != "\n" or not lone:
                assert joined[i] == ch or ch == "\n", (text, i)


def test_has_words_looks_past_tags_and_invisible_characters():
    from redflag.text.gaps import has_words

    assert has_words("<p>Fee 200</p>") and has_words("Зарплата") and has_words("5")
    assert not has_words("<div><br/></div>") and not has_words("\u200b\u2060 ... ") and not has_words("___")
