"""Ad anchors: valid fragment ids, distinct for distinct ids."""

import re

from redflag.render.html.anchors import ad_anchor


def test_plain_ids_are_kept():
    assert ad_anchor("ad-17") == "ad-ad-17" and ad_anchor("42") == "ad-42"


def test_odd_ids_become_safe_and_stay_distinct():
    ids = ["a b", "a_b", "a_20b", "é", "\"><script>", "a/b", "a#b"]
    anchors = [ad_anchor(i) for i in ids]
    assert len(set(anchors)) == len(ids)
    assert all(re.fullmatch(r"ad-[A-Za-z0-9_-]*", a) for a in anchors)
