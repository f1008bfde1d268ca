"""Near-duplicate templates in the store: one template with its city and amount changed is one template."""

from __future__ import annotations

from redflag.cases import Ingest, Record, make_filters, open_store, search, track

TEMPLATE = ("Urgent hiring in {city}! Warehouse packers needed, no experience required, salary {pay} per week, "
            "free accommodation and transport provided, contact Maria on WhatsApp to book your place today")
OTHER = ("Our bakery in Leeds is looking for a part-time sales assistant, weekend shifts, training given, "
         "please send your CV and a short cover letter to the manager by Friday")


def test_variants_share_a_template_and_others_do_not(db):
    variants = [TEMPLATE.format(city=c, pay=p) for c, p in (("Dublin", "600 EUR"), ("Cork", "650 EUR"),
                                                             ("Galway", "700 EUR"), ("Limerick", "550 EUR"))]
    with open_store(db, create=True) as store:
        ingest = Ingest(store, kind="import", input="t", resume=False)
        ingest.add([Record(text=variants[0], score=40.0, level="medium"), Record(text=OTHER, score=2.0, level="low")])
        ingest.add([Record(text=v, score=40.0, level="medium") for v in variants[1:]])  # later chunks join it
        ingest.finish()
        rows = {r["snippet"][:30]: r for r in search(store, make_filters())}
        first = search(store, make_filters(words="Dublin"))[0]
        same = search(store, make_filters(template=first["id"]))
        assert len(same) == 4 and {r["template"] for r in same} == {first["id"]}
        assert len(rows) == 5 and search(store, make_filters(words="bakery"))[0]["template"] != first["id"]
        assert track(store, f"template:{first['id']}")["ads"] == 4


def test_sketched_once_bands_and_checks_as_pair_by_pair():
    from redflag.link.template import Sketches, near_duplicate, template_bands

    texts = [TEMPLATE.format(city=c, pay=p) for c, p in (("Dublin", "600 EUR"), ("Cork", "650 EUR"))] + [OTHER, "too short"]
    sketched = Sketches(texts[:2])
    sketched.extend(texts[2:])  # ads read later, as the store reads its candidates
    assert len(sketched) == 4 and sketched.bands() == template_bands(texts)
    pairs = [(i, j) for i in range(4) for j in range(4) if i != j]
    assert sketched.near_duplicates(pairs) == [near_duplicate(texts[i], texts[j]) for i, j in pairs]
    assert sketched.near_duplicates([(0, 1), (0, 2), (2, 3)]) == [True, False, False]


def test_a_full_band_keeps_its_earliest_holders_and_still_links_later_variants(db, monkeypatch):
    from sqlalchemy import func, select

    from redflag.cases import ingest as ingest_module, schema

    monkeypatch.setattr(ingest_module, "BAND_HOLDERS", 2)
    cities = ("Dublin", "Cork", "Galway", "Limerick", "Sligo", "Athlone")
    with open_store(db, create=True) as store:
        ingest = Ingest(store, kind="import", input="t", resume=False)
        ingest.add([Record(text=TEMPLATE.format(city=c, pay="600 EUR"), score=40.0, level="medium") for c in cities[:3]])
        ingest.add([Record(text=TEMPLATE.format(city=c, pay="650 EUR"), score=40.0, level="medium") for c in cities[3:]])
        ingest.finish()
        first = search(store, make_filters(words="Dublin"))[0]
        assert {r["template"] for r in search(store, make_filters())} == {first["id"]}
        with store.begin() as conn:
            fullest = conn.execute(select(func.count()).select_from(schema.bands).group_by(schema.bands.c.band)
                                   .order_by(func.count().desc()).limit(1)).scalar_one()
            holders = {row[0] for row in conn.execute(select(schema.bands.c.ad_id).distinct())}
        assert fullest == 2 and first["id"] in holders
