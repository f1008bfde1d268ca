"""Money: amount, currency and period; weights in pounds are not money."""

from __future__ import annotations

import pytest

from redflag.entities import money
from redflag.entities.base import Context


@pytest.mark.parametrize("text,value", [
    ("Earn £450 per week", "450 GBP/week"),
    ("a 300 EUR fee", "300 EUR"),
    ("$25/hr", "25 USD/hour"),
    ("1.500 € monthly", "1500 EUR/month"),
    ("£400-£500 pw", "400-500 GBP/week"),
    ("salary 30k GBP", "30000 GBP"),
    ("pay 2,500.50 USD a month", "2500.50 USD/month"),
])
def test_money(text, value, values):
    assert values(text, "money") == [value]


def test_weights_are_not_money(values):
    assert values("must lift up to 50 pounds", "money") == []


def test_currency_names_and_prefixed_dollars(values):
    assert values("earn 900 pounds weekly", "money") == ["900 GBP/week"]
    assert values("NZ$30 per hour", "money") == ["30 NZD/hour"]


def test_find_without_a_currency_finds_nothing():
    text = "450 per week"
    assert money.find(text, Context.of(text)) == []


@pytest.mark.parametrize("text,value,span", [
    ("1.400 € al mes, chicas", "1400 EUR/month", "1.400 € al mes"),
    ("de 1.000 a 1.500 € al mes", "1000-1500 EUR/month", "1.000 a 1.500 € al mes"),
    ("Ganhe R$ 200 por dia", "200 BRL/day", "R$ 200 por dia"),
    ("2 mil reais por mês", "2000 BRL/month", "2 mil reais por mês"),
    ("100 € par jour", "100 EUR/day", "100 € par jour"),
    ("50 €/Stunde", "50 EUR/hour", "50 €/Stunde"),
    ("80 euro al giorno", "80 EUR/day", "80 euro al giorno"),
    ("€ 90 per dag", "90 EUR/day", "€ 90 per dag"),
    ("1500 lei pe lună", "1500 RON/month", "1500 lei pe lună"),
    ("300 zł dziennie", "300 PLN/day", "300 zł dziennie"),
    ("3 тыс. долларов в неделю", "3000 USD/week", "3 тыс. долларов в неделю"),
    ("от 50 до 70 тыс. руб. в месяц", "50000-70000 RUB/month", "50 до 70 тыс. руб. в месяц"),
    ("15 000 грн на місяць", "15000 UAH/month", "15 000 грн на місяць"),
    ("150 грн/год", "150 UAH/hour", "150 грн/год"),
    ("100 лв на ден", "100 BGN/day", "100 лв на ден"),
    ("500.000đ mỗi ngày", "500000 VND/day", "500.000đ mỗi ngày"),
    ("lương 10 triệu đồng/tháng", "10000000 VND/month", "10 triệu đồng/tháng"),
    ("5 triệu/tháng", "5000000 VND/month", "5 triệu/tháng"),
    ("5tr - 7tr mỗi tháng", "5000000-7000000 VND/month", "5tr - 7tr mỗi tháng"),
    ("Rp 5.000.000 per hari", "5000000 IDR/day", "Rp 5.000.000 per hari"),
    ("gaji Rp5.000.000,- per bulan", "5000000 IDR/month", "Rp5.000.000,- per bulan"),
    ("gaji 4,5 juta per bulan", "4500000 IDR/month", "4,5 juta per bulan"),
    ("₱20,000 kada araw", "20000 PHP/day", "₱20,000 kada araw"),
    ("sahod 18,000 piso kada buwan", "18000 PHP/month", "18,000 piso kada buwan"),
])
def test_money_in_each_languages_formats(text, value, span, found):
    got = found(text, "money")
    assert [(e.value, e.text) for e in got] == [(value, span)]


@pytest.mark.parametrize("text,value,span", [
    ("câștigi 300 de lei pe zi", "300 RON/day", "300 de lei pe zi"),
    ("între 2000 și 3000 de lei pe lună", "2000-3000 RON/month", "2000 și 3000 de lei pe lună"),
    ("salariu 1.500 de euro pe lună", "1500 EUR/month", "1.500 de euro pe lună"),
    ("ganhe 5 milhões de reais", "5000000 BRL", "5 milhões de reais"),
])
def test_a_linking_word_may_join_an_amount_to_its_currency(text, value, span, found):
    assert [(e.value, e.text) for e in found(text, "money")] == [(value, span)]


@pytest.mark.parametrize("text", ["500 de persoane", "de 18 a 25 de ani", "am 300 de prieteni"])
def test_a_linking_word_needs_a_currency_after_it(text, values):
    assert values(text, "money") == []


@pytest.mark.parametrize("text,value", [
    ("Tagesverdienst 150-300 Euro", "150-300 EUR/day"),
    ("Stundenlohn: 15 € brutto", "15 EUR/hour"),
    ("RAL 30.000 €, contratto a tempo indeterminato", "30000 EUR/year"),
    ("daily pay up to 300 USD", "300 USD/day"),
    ("xdaily pay 300 USD", "300 USD"),  # inside a longer word it is no pay word
    ("salario mensual de 1.200 €", "1200 EUR/month"),
    ("Monatsgehalt 2500 Euro pro Woche", "2500 EUR/week"),  # a period written after the amount wins
])
def test_a_pay_word_before_the_amount_gives_its_period(text, value, values):
    assert values(text, "money") == [value]


@pytest.mark.parametrize("text,value,span", [
    ("日结500元", "500 CNY/day", "500元"),
    ("工资每天500元", "500 CNY/day", "500元"),  # a pay word touching the Han word before it
    ("月薪1万元起，包吃住", "10000 CNY/month", "1万元"),
    ("每天只需1小时，日赚300-500元", "300-500 CNY/day", "300-500元"),
    ("工资5000元/月", "5000 CNY/month", "5000元/月"),
    ("月薪3000美元，包吃住", "3000 USD/month", "3000美元"),  # pay abroad, in a foreign currency named in Chinese
    ("每月零用钱280歐元", "280 EUR/month", "280歐元"),
    ("日薪 1500 泰铢", "1500 THB/day", "1500 泰铢"),
    ("दुबई में 2000 दिरहम महीना", "2000 AED/month", "2000 दिरहम महीना"),  # Gulf pay in Hindi
    ("रोज़ 500-1000 रुपये कमाएं", "500-1000 INR/day", "500-1000 रुपये"),
    ("वेतन 5 हज़ार रुपये महीना", "5000 INR/month", "5 हज़ार रुपये महीना"),
    ("2 लाख रुपये सालाना", "200000 INR/year", "2 लाख रुपये सालाना"),
    ("salary 25000 rupaye per month", "25000 INR/month", "25000 rupaye per month"),
])
def test_chinese_and_hindi_amounts(text, value, span, found):
    assert [(e.value, e.text) for e in found(text, "money")] == [(value, span)]


@pytest.mark.parametrize("text", ["3单元", "ab500元", "元旦快乐"])
def test_a_han_currency_needs_digits_of_its_own(text, values):
    assert values(text, "money") == []


def test_a_period_word_before_one_amount_is_not_carried_to_the_next(values):
    assert values("Stundenlohn 15 Euro, Bonus 200 Euro", "money") == ["15 EUR/hour", "200 EUR"]
    assert values("Stundenlohn 15 Euro, Monatsgehalt ca. 2.500 Euro", "money") == ["15 EUR/hour", "2500 EUR/month"]


@pytest.mark.parametrize("text", ["meet at 5 p.m. today", "5 ft tall", "100 real people", "3 piso ng gusali",
                                  "trip 5 trains", "20 mil habitantes"])
def test_words_that_are_also_units_need_pay_around_them(text, values):
    assert values(text, "money") == []


def test_money_offsets_are_exact_in_cyrillic_text(found):
    text = "Работа! Зарплата 3 тыс. долларов в неделю."
    (e,) = found(text, "money")
    assert text[e.start:e.end] == e.text == "3 тыс. долларов в неделю"


@pytest.mark.parametrize("text,value", [
    ("sahod 1500 riyal kada buwan", "1500 SAR/month"),
    ("gaji 1500 riyal per bulan", "1500 SAR/month"),
    ("1500 riyals a month", "1500 SAR/month"),
    ("lương 1000 đô mỗi tháng", "1000 USD/month"),
    ("sweldo 1000 dolyar kada buwan", "1000 USD/month"),
])
def test_pay_abroad_in_the_currency_of_the_destination(text, value, values):
    assert values(text, "money") == [value]


@pytest.mark.parametrize("text,value", [
    ("lương 500k/ngày", "500000 VND/day"),
    ("thu nhập 300-500k/ngày", "300000-500000 VND/day"),
    ("Lương 300k-500k mỗi ngày", "300000-500000 VND/day"),
    ("25k/giờ", "25000 VND/hour"),
    ("gaji 150k/hari", "150000 IDR/day"),
])
def test_a_k_names_its_currency_before_a_period_of_its_language(text, value, values):
    assert values(text, "money") == [value]


@pytest.mark.parametrize("text", ["earn 500k a year", "500k", "a 50k/h bonus", "5k/ngàyx"])
def test_a_k_alone_or_before_other_words_names_no_currency(text, values):
    assert values(text, "money") == []
