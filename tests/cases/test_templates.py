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
