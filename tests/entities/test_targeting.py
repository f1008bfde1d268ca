"""Targeting: nationalities next to a person noun or cue, gender words with a cue, not EEO statements,
in every supported language, with exact spans in every script."""

from __future__ import annotations

import pytest

from redflag.entities import targeting
from redflag.entities.base import Context
from redflag.entities.data import table


def test_nationality_targeting(values):
    text = "Girls from Moldova, Ukrainian women and Filipino workers; nationality: Nepal; Thai nationals"
    assert values(text, "nationality") == ["Moldova", "Ukraine", "Philippines", "Nepal", "Thailand"]
    assert values("Our offices in Germany and France serve clients", "nationality") == []
    assert values("the only UK platform", "nationality") == []


def test_aliases_and_multi_word_names(values):
    assert values("nannies from Czechia", "nationality") == ["Czech Republic"]
    assert values("citizens of South Africa", "nationality") == ["South Africa"]
    assert values("workers from Viet Nam", "nationality") == ["Vietnam"]
    assert values("maids from the Philippines", "nationality") == ["Philippines"]


def test_gender_targeting(found, values):
    text = "Girls wanted. Women only. Female candidates and young ladies welcome."
    got = found(text, "gender")
    assert [e.text for e in got] == ["Girls wanted", "Women only", "Female candidates", "young ladies welcome"]
    assert {e.value for e in got} == {"female"}
    assert values("Men only for night shift", "gender") == ["male"]


def test_equal_opportunity_and_products_are_not_gender_targeting(found):
    assert found("We are an equal opportunity employer; women and minorities are encouraged to apply.", "gender") == []
    assert found("We sell women's and men's clothing", "gender") == []


@pytest.mark.parametrize("text,country", [
    ("Girls 18-21 from Ukraine wanted for hostess work", "Ukraine"),
    ("Girls from Ukraine 18-21 wanted", "Ukraine"),
    ("young slim girls aged 18 to 25 from Moldova", "Moldova"),
    ("Workers, 20-35 years old, from Nepal", "Nepal"),
    ("Girls wanted from Belarus", "Belarus"),
])
def test_short_modifiers_between_the_person_and_the_cue(text, country, values):
    assert values(text, "nationality") == [country]


@pytest.mark.parametrize("text", ["Girls 18-21 from Ukraine wanted for hostess work", "Girls from Ukraine 18-21 wanted"])
def test_gender_nationality_and_age_together(text, values):
    assert (values(text, "gender"), values(text, "nationality"), values(text, "age")) == (["female"], ["Ukraine"], ["18-21"])


def test_a_list_of_origins_counts_as_a_whole(values):
    assert values("Girls wanted from Moldova, Ukraine and Belarus", "nationality") == ["Moldova", "Ukraine", "Belarus"]
    assert values("Требуются девушки из Украины и Молдовы", "nationality") == ["Ukraine", "Moldova"]
    assert values("Workers from India. Germany office", "nationality") == ["India"]


# (language, text, genders, nationalities) from recruitment messages as they are written
TARGETED = [
    ("es", "Se buscan chicas jóvenes de Venezuela para trabajar en Madrid", ["female"], ["Venezuela"]),
    ("es", "Buscamos señoritas colombianas de 18 a 25 años", ["female"], ["Colombia"]),
    ("es", "Solo mujeres, nacionalidad: paraguaya", ["female"], ["Paraguay"]),
    ("pt", "Procuram-se moças bonitas do Paraguai para trabalhar na Europa", ["female"], ["Paraguay"]),
    ("pt", "Meninas brasileiras de 18 a 25 anos", ["female"], ["Brazil"]),
    ("fr", "Nous recherchons des jeunes filles d'Ukraine pour hôtesse", ["female"], ["Ukraine"]),
    ("fr", "Hôtesses moldaves, uniquement femmes", ["female"], ["Moldova"]),
    ("de", "Wir suchen junge Damen aus Osteuropa", ["female"], ["Eastern Europe"]),
    ("de", "Nur Frauen aus Rumänien", ["female"], ["Romania"]),
    ("de", "Ukrainerinnen für Club gesucht", ["female"], ["Ukraine"]),
    ("it", "Cercasi ragazze dell'Est, bella presenza", ["female"], ["Eastern Europe"]),
    ("it", "Badanti ucraine e moldave, solo donne", ["female"], ["Ukraine", "Moldova"]),
    ("it", "Ragazze ucraniane per lavoro in locale", ["female"], ["Ukraine"]),
    ("nl", "Meisjes gezocht uit Oost-Europa", ["female"], ["Eastern Europe"]),
    ("nl", "Jonge vrouwen uit Roemenië voor hostesswerk", ["female"], ["Romania"]),
    ("nl", "Poolse arbeidskrachten gezocht, alleen mannen", ["male"], ["Poland"]),
    ("pl", "Szukamy dziewczyn z Ukrainy i Białorusi", ["female"], ["Ukraine", "Belarus"]),
    ("pl", "Zatrudnimy panie, obywatelstwo ukraińskie", ["female"], ["Ukraine"]),
    ("pl", "Rumunki i Mołdawianki do pracy w klubie", ["female", "female"], ["Romania", "Moldova"]),
    ("ro", "Căutăm fete din Republica Moldova pentru videochat", ["female"], ["Moldova"]),
    ("ro", "Angajăm doar femei, moldovence și ucrainence", ["female", "female", "female"], ["Moldova", "Ukraine"]),
    ("ro", "Angajăm muncitori nepalezi și vietnamezi", [], ["Nepal", "Vietnam"]),
    ("bg", "Търсим момичета от Молдова и Украйна за работа като хостеси", ["female"], ["Moldova", "Ukraine"]),
    ("bg", "Украинки и молдовки, само жени", ["female", "female", "female"], ["Ukraine", "Moldova"]),
    ("ru", "Ищем девушек 18-25 для работы хостес в Дубае", ["female"], []),
    ("ru", "Требуются девушки из Украины, славянской внешности", ["female"], ["Ukraine", "Slavic countries"]),
    ("ru", "Берём украинок и молдаванок", ["female", "female"], ["Ukraine", "Moldova"]),
    ("ru", "Гражданство РФ, только мужчины", ["male"], ["Russia"]),
    ("uk", "Шукаємо дівчат з України для роботи в Польщі", ["female"], ["Ukraine"]),
    ("uk", "Потрібні жінки, громадянство України", ["female"], ["Ukraine"]),
    ("vi", "Tuyển gấp các bạn nữ 18-25 tuổi đi làm tại Nhật", ["female"], []),
    ("vi", "Cần tuyển lao động nữ Việt Nam", ["female"], ["Vietnam"]),
    ("vi", "Cần gấp nữ xinh, quốc tịch Việt Nam", ["female"], ["Vietnam"]),
    ("tl", "Hiring babae lang, 18-25 taong gulang", ["female"], []),
    ("tl", "Kailangan ng mga dalaga para sa KTV", ["female"], []),
    ("tl", "Mga Pinay na caregiver wanted", ["female"], ["Philippines"]),
    ("id", "Dicari cewek usia 18-25 tahun untuk LC karaoke", ["female"], []),
    ("id", "Khusus wanita asal Indonesia", ["female"], ["Indonesia"]),
    ("id", "TKW Indonesia ke Hong Kong", ["female"], ["Indonesia"]),
    ("hi", "लड़कियाँ चाहिए 18-25 साल, दुबई में होस्टेस का काम", ["female"], []),
    ("hi", "सिर्फ़ महिलाएँ, नेपाली लड़कियाँ भी", ["female", "female"], ["Nepal"]),
    ("hi", "लडकियाँ चाहिए क्लब के लिए", ["female"], []),  # typed without the nukta
    ("hi", "Dubai job ke liye nepali ladkiyan chahiye", ["female"], ["Nepal"]),
    # Chinese writes no spaces: names touch the words around them
    ("zh", "招聘女孩18-25岁，KTV公主，包机票", ["female"], []),
    ("zh", "乌克兰美女，高薪诚聘", ["female"], ["Ukraine"]),
    ("zh", "越南新娘，包办手续", ["female"], ["Vietnam"]),
    ("zh", "需要越南劳工20名，包吃住", [], ["Vietnam"]),
]

# equal-opportunity and both-genders statements, products, negations and open invitations
NOT_TARGETED = [
    ("en", "We sell women's wear, for men and women alike"),
    ("en", "No nationality requirement, all nationalities welcome"),
    ("en", "Sales assistant (m/f/d), equal opportunities"),
    ("en", "No women, no cry"),
    ("es", "Moda mujer y hombre, ropa para mujeres"),
    ("es", "Buscamos personal, hombres y mujeres, sin distinción de sexo"),
    ("es", "Empresa busca camareros. Todas las nacionalidades son bienvenidas"),
    ("pt", "Vagas para homens e mulheres, sem distinção de sexo"),
    ("fr", "Vendeur H/F, égalité des chances; vêtements femmes"),
    ("de", "Verkäufer (m/w/d) gesucht, Damenmode"),
    ("de", "Mädchen für alles gesucht"),
    ("it", "Commessa moda donna, ambosessi"),
    ("it", "Cercasi commessa per negozio di moda donna"),
    ("nl", "Medewerker (m/v) gezocht, gelijke kansen"),
    ("pl", "Pracownik produkcji K/M, odzież damska"),
    ("ro", "Ospătar (m/f), bărbați și femei"),
    ("bg", "Продавач м/ж, мъже и жени"),
    ("ru", "Требуются мужчины и женщины, пол не важен"),
    ("ru", "Женская одежда оптом"),
    ("uk", "Працівники чоловіки та жінки"),
    ("vi", "Tuyển nhân viên nam nữ, không phân biệt giới tính"),
    ("vi", "Thời trang nữ giá rẻ"),
    ("tl", "Lalaki o babae, walang pinipiling kasarian"),
    ("id", "Dibutuhkan karyawan pria/wanita"),
    ("id", "Jual baju wanita murah"),
    ("hi", "पुरुष और महिला दोनों आवेदन कर सकते हैं"),
    ("hi", "महिलाओं के कपड़े थोक में"),
    ("hi", "male/female dono apply kar sakte hain"),
    ("zh", "招聘普工，男女不限，18-45岁"),
    ("zh", "女装店招聘店员"),
    ("zh", "我们招聘男生和女生，男女不限"),
]


@pytest.mark.parametrize("lang,text,genders,countries", TARGETED, ids=[f"{t[0]}-{i}" for i, t in enumerate(TARGETED)])
def test_targeting_in_each_language(lang, text, genders, countries, values):
    assert values(text, "gender") == genders
    assert values(text, "nationality") == countries


@pytest.mark.parametrize("lang,text", NOT_TARGETED, ids=[f"{t[0]}-{i}" for i, t in enumerate(NOT_TARGETED)])
def test_statements_that_are_not_targeting(lang, text, found):
    assert found(text, "gender") == []
    assert found(text, "nationality") == []


def test_every_supported_language_has_examples():
    assert {t[0] for t in TARGETED} | {"en"} == set(targeting.LANGUAGES)
    assert {t[0] for t in NOT_TARGETED} == set(targeting.LANGUAGES)


@pytest.mark.parametrize("text,kind,span", [
    ("Ищем девушек 18-25 для работы хостес в Дубае", "gender", "Ищем девушек"),
    ("Требуются девушки из Украины", "nationality", "Украины"),
    ("🔥🔥 Берём украинок!", "nationality", "украинок"),
    ("Търсим момичета от Молдова", "nationality", "Молдова"),
    ("Шукаємо дівчат з України", "gender", "Шукаємо дівчат"),
    ("Cần tuyển lao động nữ Việt Nam", "gender", "Cần tuyển lao động nữ"),
    ("Cần tuyển lao động nữ Việt Nam", "nationality", "Việt Nam"),
    ("高薪招聘女孩18-25岁", "gender", "女孩"),
    ("诚聘乌克兰美女", "nationality", "乌克兰美女"),
    ("Căutăm fete din Republica Moldova", "nationality", "Republica Moldova"),
    ("Nous recherchons des jeunes filles d’Ukraine", "nationality", "Ukraine"),
])
def test_exact_spans_in_every_script(text, kind, span, found):
    got = found(text, kind)  # the fixture checks text[start:end] == e.text for every entity
    assert [e.text for e in got] == [span]
    assert text[got[0].start:got[0].end] == span


def test_women_of_a_country_give_nationality_and_gender(found):
    text = "Берём украинок"
    assert [(e.kind, e.value, e.text) for e in found(text, "nationality") + found(text, "gender")] == [
        ("nationality", "Ukraine", "украинок"), ("gender", "female", "Берём украинок")]


def test_negated_gender_words_do_not_count(values):
    assert values("No girls under 18, not for women", "gender") == []
    assert values("Keine Frauen", "gender") == []


def test_find_functions_read_the_context():
    text = "Moldovan girls"
    context = Context.of(text)
    assert [e.value for e in targeting.find_nationalities(text, context)] == ["Moldova"]
    assert [(e.value, e.text) for e in targeting.find_genders(text, context)] == [("female", "girls")]


def test_one_extractor_for_each_targeting_kind():
    assert targeting.NATIONALITIES.kinds == ("nationality",)
    assert targeting.GENDERS.kinds == ("gender",)


def test_every_language_file_maps_to_known_countries():
    known = set(table("countries")["demonyms"])
    for lang in targeting.LANGUAGES:
        t = table("targeting_" + lang)
        for section in ("countries", "genitive", "demonyms", "women", "nationals"):
            assert set(t.get(section, {})) <= known, (lang, section)
        g = t["gender"]
        assert set(g["always"]) <= set(g["female"]) | set(g["male"]), lang
        assert not set(g["female"]) & set(g["male"]), lang


def test_the_languages_are_the_rule_packs_languages():
    from importlib.resources import files

    packs = {p.name for p in (files("redflag.rules") / "packs").iterdir() if p.is_dir() and not p.name.startswith("_")}
    assert set(targeting.LANGUAGES) == packs
