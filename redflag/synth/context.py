"""Per-ad facts (place, company, money, contacts) so one ad stays self-consistent."""

from __future__ import annotations

import random
import re
from typing import Any, Callable

from redflag.synth.data import Bank

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
ABROAD_CURRENCIES = ("$", "€", "USD", "EUR", "$", "€")


class AdContext:
    """Resolves `{name}` placeholders; values that should repeat within an ad are cached."""

    def __init__(self, rng: random.Random, bank: Bank, region: str, sector: str, abroad: bool,
                 overrides: dict[str, str] | None = None) -> None:
        self.rng = rng
        self.bank = bank
        self.region = region
        self.reg = bank.common["regions"][region]
        self.sector_key = sector
        self.sector = bank.sectors[sector]
        self.abroad = abroad
        self.cache: dict[str, str] = dict(overrides or {})
        cur_pool = list(self.reg["currency"])
        if abroad:
            cur_pool += list(ABROAD_CURRENCIES)
        self.currency = rng.choice(cur_pool)
        self.money_style = rng.randrange(4)
        self.grammar_expand: Callable[[str], str] = lambda s: s  # set by composer
        self._fns: dict[str, Callable[[], str]] = self._functions()

    # ---- public -------------------------------------------------------------------------
    def resolve(self, name: str) -> str | None:
        """Return a value for `name`, or None if the vocabulary should handle it."""
        if name in self.cache:
            return self.cache[name]
        fn = self._fns.get(name)
        if fn is None:
            return None
        value = fn()
        if name in _STICKY:
            self.cache[name] = value
        return value

    # ---- money --------------------------------------------------------------------------
    def money(self, amount: float, decimals: bool = False) -> str:
        """Format an amount in this ad's currency and style."""
        c = self.currency
        if decimals:
            num = f"{amount:,.2f}"
        else:
            num = f"{int(round(amount)):,}"
        if c in ("€", "EUR") and self.money_style == 3:
            num = num.replace(",", "X").replace(".", ",").replace("X", ".")
        if len(c) == 1:
            return f"{c}{num}" if self.money_style != 3 or c != "€" else f"{num} {c}"
        return f"{c} {num}" if self.money_style % 2 == 0 else f"{num} {c}"

    def _amount(self, lo: float, hi: float, step: float = 1.0) -> float:
        k = self.rng.randint(0, int((hi - lo) / step))
        return lo + k * step

    def pay_line(self) -> str:
        kind, lo, hi = self.sector["pay"]
        r = self.rng
        if kind == "hour":
            a = self._amount(lo, hi, 0.25)
            unit = r.choice(["per hour", "/hr", "an hour", "p/h", "/hour", "hourly"])
            if r.random() < 0.35:
                b = a + self._amount(1, 5, 0.5)
                return f"{self.money(a, a % 1 != 0)}-{self.money(b, b % 1 != 0)} {unit}"
            return f"{self.money(a, a % 1 != 0)} {unit}"
        if kind == "month":
            a = self._amount(lo, hi, 50)
            return f"{self.money(a)} {r.choice(['per month', '/month', 'monthly', 'a month', 'net per month'])}"
        return self.salary()

    def salary(self) -> str:
        kind, lo, hi = self.sector["pay"]
        r = self.rng
        if kind in ("hour", "month"):
            return self.resolve("pay_line") or ""
        a = self._amount(lo, hi, 500)
        b = a + self._amount(2000, 15000, 500)
        style = r.randrange(4)
        if style == 0:
            return f"{self.money(a)} - {self.money(b)} per [year|annum]".replace("[year|annum]", r.choice(["year", "annum"]))
        if style == 1:
            return f"{self.money(a)}-{self.money(b)}"
        if style == 2:
            return f"{self.money(a / 1000)}k-{int(b / 1000)}k"
        return f"up to {self.money(b)} [DOE]".replace(" [DOE]", r.choice(["", " DOE", " + benefits"]))

    # ---- helpers ------------------------------------------------------------------------
    def _title(self) -> str:
        return self.grammar_expand(self.rng.choice(self.sector["titles"]))

    def _coined(self) -> str:
        """A made-up, pronounceable name (brands, products, clients), so names are as varied as in real ads."""
        r, c = self.rng, self.bank.common["coined"]
        n = r.choices((1, 2, 3), (0.25, 0.55, 0.2))[0]
        word = "".join(r.choice(c["onset"]) + r.choice(c["nucleus"]) for _ in range(n))
        if r.random() < 0.6:
            word += r.choice(c["coda"])
        if len(word) < 3:
            word += r.choice(c["coda"]) or "o"
        return word.capitalize()

    def _street(self) -> str:
        r, c = self.rng, self.bank.common["coined"]
        name = r.choice(c["street"]) if r.random() < 0.6 else self._coined()
        return f"{r.randint(1, 9800)} {name} {r.choice(c['street_type'])}"

    def _company(self) -> str:
        c, r = self.bank.common["company"], self.rng
        if r.random() < 0.45:
            base = self._coined()
            if r.random() < 0.75:
                base += " " + r.choice(c["kind"])
            return f"{base} {r.choice(c['suffix'])}".strip()
        base = r.choice(c["first"]) + r.choice(c["second"])
        if r.random() < 0.6:
            base += " " + r.choice(c["kind"])
        suffix = r.choice(c["suffix"])
        return f"{base} {suffix}".strip()

    def _slug(self) -> str:
        company = self.resolve("company") or "company"
        words = re.sub(r"[^a-z ]", "", company.lower()).split()
        return "".join(words[:2]) or "jobs"

    def _handle(self) -> str:
        r, w = self.rng, self.bank.common["contact"]["handle_words"]
        sep = r.choice(["_", ".", "", "_"])
        return "@" + sep.join([r.choice(w), r.choice(w)]) + (str(r.randint(1, 99)) if r.random() < 0.5 else "")

    def _free_email(self) -> str:
        r, c = self.rng, self.bank.common
        first = r.choice(c["people"]["first"]).lower().replace("mr. ", "").replace("mrs. ", "")
        user = r.choice([first + r.choice(c["contact"]["handle_words"]),
                         r.choice(c["contact"]["handle_words"]) + "." + first,
                         first + "." + r.choice(c["people"]["last"]).lower(),
                         (self.resolve("slug") or "hr") + ".hr"])
        if r.random() < 0.5:
            user += str(r.randint(1, 2026))
        return f"{user}@{r.choice(c['contact']['free_mail'])}"

    def _phone(self) -> str:
        tpl = self.rng.choice(self.reg["phones"])
        return tpl.replace("{d3}", f"{self.rng.randint(0, 999):03d}").replace("{d2}", f"{self.rng.randint(0, 99):02d}")

    def _functions(self) -> dict[str, Callable[[], str]]:
        r, c = self.rng, self.bank.common
        ab = c["abroad"]

        def rint(a: int, b: int) -> Callable[[], str]:
            return lambda: str(r.randint(a, b))

        def money(lo: float, hi: float, step: float) -> Callable[[], str]:
            return lambda: self.money(self._amount(lo, hi, step))

        fns: dict[str, Callable[[], str]] = {
            "city": lambda: r.choice(self.reg["cities"]),
            "region_name": lambda: {"uk": "UK", "us": "USA", "eu": "Europe", "au": "Australia"}[self.region],
            "country_home": lambda: {"uk": "the UK", "us": "the US", "eu": "Europe", "au": "Australia"}[self.region],
            "company": self._company,
            "industry": lambda: r.choice(self.sector["industry"]),
            "title": self._title,
            "TITLE": lambda: (self.resolve("title") or "").upper(),
            "title_lc": lambda: _lower_title(self.resolve("title") or ""),
            "a_title": lambda: _article(_lower_title(self.resolve("title") or "")),
            "benefit": lambda: self.grammar_expand(r.choice(self.sector["benefits"])),
            "pay_line": self.pay_line,
            "salary": self.salary,
            "month": lambda: r.choice(MONTHS),
            "month2": lambda: r.choice(MONTHS),
            "months": lambda: str(r.choice([3, 6, 6, 9, 12, 12, 18, 24])),
            "year": rint(1968, 2021),
            "n_customers": lambda: r.choice(["2,000", "10,000", "over 50,000", "thousands of", "half a million"]),
            "n_countries": rint(3, 40),
            "n_staff": lambda: r.choice(["25", "40", "120", "300", "1,200", "5,000", "60"]),
            "n_sites": rint(2, 60),
            "slug": self._slug,
            "tld": lambda: r.choice(c["contact"]["corp_tld"]),
            "corp_email": lambda: f"{r.choice(['careers', 'jobs', 'hr', 'recruitment', 'hello', 'apply'])}@{self.resolve('slug')}.{r.choice(c['contact']['corp_tld'])}",
            "free_email": self._free_email,
            "recruiter": lambda: r.choice(c["people"]["first"]) + (" " + r.choice(c["people"]["last"]) if r.random() < 0.5 else ""),
            "phone": self._phone,
            "handle": self._handle,
            "date": lambda: f"{r.randint(1, 28)} {r.choice(MONTHS)}",
            "ref": lambda: f"{r.choice('ABCDHJKRT')}{r.choice('ABCDHJKRT')}-{r.randint(100, 9999)}",
            "money_small": money(40, 220, 5),
            "money_mid": money(1000, 6000, 250),
            "money_year": money(30000, 90000, 1000),
            "fee": money(150, 3500, 50),
            "fee_small": money(19, 250, 1),
            "debt": money(1500, 9000, 100),
            "pay_low": lambda: self.money(self._amount(1.5, 6, 0.5), True),
            "pay_day_high": money(250, 900, 10),
            "pay_week_high": money(1500, 5000, 100),
            "pay_month_high": money(4000, 15000, 500),
            "pay_hour_high": money(35, 95, 5),
            "place_abroad": lambda: r.choice(ab["places"]),
            "country_abroad": lambda: r.choice(ab["countries"]),
            "origin_country": lambda: r.choice(ab["worker_origins"]),
            "nationality": lambda: r.choice(ab["nationalities"]),
            "age_lo": lambda: str(r.choice([18, 18, 18, 19, 20])),
            "age_hi": lambda: str(r.choice([23, 25, 25, 26, 28, 30, 35])),
            "age_kid": lambda: r.choice(["2 and 5", "4 and 7", "6 and 9", "3", "8-12", "11-16"]),
            "n_places": lambda: str(r.choice([2, 3, 3, 4, 5, 7, 10])),
            "n_days": rint(3, 10),
            "n_people": rint(4, 12),
            "curfew": lambda: r.choice(["9pm", "10 pm", "21:00", "22:00"]),
            "long_hours": lambda: str(r.choice([11, 12, 12, 13, 14, 15, 16])),
            "days_week": lambda: str(r.choice([6, 7])),
            "percent": lambda: str(r.choice([5, 8, 10, 15, 20, 30])),
            "brand": lambda: r.choice(c["company"]["famous_brands"]),
            "coined": self._coined,
            "coined2": self._coined,
            "product": self._coined,
            "street_addr": self._street,
            "tech_term": lambda: r.choice(c["coined"]["tech"]),
            "work_right": lambda: r.choice(self.reg["work_right"]),
        }
        return fns


_STICKY = {"city", "company", "title", "pay_line", "salary", "slug", "corp_email", "free_email", "recruiter",
           "phone", "handle", "fee", "place_abroad", "country_abroad", "nationality", "age_lo", "age_hi",
           "brand", "origin_country", "industry", "tld", "product"}


def _lower_title(t: str) -> str:
    keep = {"ICU", "A&E", "LPN", "QA", "HSE", "UX", "HGV", "ESL", "SEO", "iOS", "QC", "DevOps", "CPC", "API"}
    return " ".join(w if (w in keep or w.isupper() and len(w) > 1) else w.lower() for w in t.split())


def _article(t: str) -> str:
    return ("an " if t[:1].lower() in "aeiou" else "a ") + t


def pick_weighted(rng: random.Random, weights: dict[str, float]) -> str:
    """Draw one key from a {key: weight} mapping, in insertion order, deterministically."""
    keys = list(weights)
    return rng.choices(keys, weights=[weights[k] for k in keys])[0]


