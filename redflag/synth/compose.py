"""Assemble one ad from sections, placing red-flag and honest phrases where real ads put them."""

from __future__ import annotations

import random
import re

from redflag.synth.context import AdContext
from redflag.synth.data import Bank, Family
from redflag.synth.grammar import Grammar

# Which sections a phrase of each kind tends to live in.
FLAG_SECTIONS: dict[str, tuple[str, ...]] = {
    "fees": ("apply", "reqs", "benefits", "intro"),
    "documents": ("reqs", "apply", "apply"),
    "debt": ("benefits", "apply", "intro"),
    "wages": ("benefits", "meta", "intro"),
    "housing_movement": ("benefits", "duties", "intro"),
    "vague_employer": ("profile", "intro", "intro"),
    "unrealistic_pay": ("title", "meta", "intro", "benefits"),
    "no_requirements": ("reqs", "reqs", "intro", "title"),
    "off_platform_contact": ("apply", "apply", "apply", "closing"),
    "urgency": ("title", "intro", "apply", "closing"),
    "contract": ("benefits", "intro", "reqs"),
    "hours": ("duties", "meta", "benefits"),
    "targeting": ("reqs", "intro", "title", "reqs"),
    "sexual_work_abroad": ("title", "intro", "intro"),
    "travel_abroad": ("benefits", "intro", "benefits"),
    "scam_scheme": ("duties", "intro", "duties"),
}
HONEST_SECTIONS: dict[str, tuple[str, ...]] = {
    "fees": ("apply", "closing", "benefits"),
    "documents": ("reqs", "apply"),
    "housing": ("benefits", "intro"),
    "travel": ("benefits", "intro"),
    "remote": ("intro", "benefits", "meta"),
    "pay": ("meta", "benefits"),
    "contact": ("apply", "closing"),
    "mild": ("intro", "intro", "reqs", "benefits", "apply", "closing"),
}
BULLETS = ("- ", "• ", "* ", "· ", "", "✔ ", "> ", "-", "o ", "▪ ")
MARK = re.compile(r"<<([a-z_]+):(.*?)>>", re.S)
SECTION_ORDER = ("profile", "intro", "duties", "reqs", "benefits", "apply", "closing")


class Composer:
    """Builds the marked-up text of one ad (spans marked as <<category:text>>)."""

    def __init__(self, rng: random.Random, bank: Bank, family: Family, ctx: AdContext) -> None:
        self.rng = rng
        self.bank = bank
        self.family = family
        self.ctx = ctx
        self.g = Grammar(bank.vocab, rng, ctx.resolve)
        ctx.grammar_expand = self.g.expand

    # ---- phrase pickers -------------------------------------------------------------------
    def flag_phrase(self, cat: str) -> str:
        """A red-flag phrase of category `cat` suited to this family's type."""
        table = self.bank.flags[cat]
        own = table.get(self.family.type, [])
        pool = list(table.get("any", [])) + list(own) * 2
        if not pool:
            pool = [p for v in table.values() for p in v]
        tpl = self.rng.choice(pool)
        if "<<" not in tpl:
            tpl = "<<" + tpl + ">>"
        tpl = re.sub(r"<<(?![a-z_]+:)", f"<<{cat}:", tpl)
        return self.g.expand(tpl)

    def honest_phrase(self, group: str) -> str:
        if group == "mild":
            group = self.rng.choice(("mild", "mild2", "mild3"))
        return self.g.expand(self.rng.choice(self.bank.vocab["honest_" + group]))

    def sample(self, key: str, k: int) -> list[str]:
        """k distinct expanded entries of a vocabulary list."""
        pool = self.bank.vocab[key]
        return [self.g.expand(x) for x in self.rng.sample(pool, min(k, len(pool)))]

    def sector_items(self, key: str, k: int) -> list[str]:
        items = list(self.ctx.sector[key])
        self.rng.shuffle(items)
        return [self.g.expand(t) for t in items[:k]]

    # ---- sections -------------------------------------------------------------------------
    def build(self, flags: list[str], honest: list[str], shape: str, vague: bool) -> str:
        """Return the whole ad as marked-up text."""
        r, v = self.rng, self.g
        long = shape in ("long", "bullets")
        sec: dict[str, list[str]] = {name: [] for name in ("title", "meta", *SECTION_ORDER)}
        sec["title"] = [v.pick("title_form")]
        n_meta = r.choice((0, 1, 1, 2, 3)) if long else r.choice((0, 0, 1))
        for key in r.sample(("location_line", "type_line", "salary_line", "hours_line"), n_meta):
            sec["meta"].append(v.pick(key) if key != "hours_line" else "Hours: " + v.pick(key))
        fam = self.family
        if vague:
            sec["profile"] = [v.pick("vague_profile") for _ in range(r.choice((1, 1, 2)))]
        elif r.random() < fam.perks:
            sec["profile"] = [v.pick("agency_perks") for _ in range(r.choice((1, 2, 3)))]
        elif r.random() < fam.profile:
            k = (0, 1, 2, 3, 4) if long else (0, 1, 1, 2)
            sec["profile"] = [v.pick("profile_open")] + self.sample("profile_story", r.choice(k)) \
                + self.sample("profile_more", r.choice(k))
        boiler = r.random() < fam.boilerplate
        sec["intro"] = [v.pick("gen_intro" if boiler and r.random() < 0.7 else "intro")
                        for _ in range(r.choice((1, 1, 2, 3) if boiler else (1, 1, 2)) if long else 1)]
        if r.random() < fam.prose:
            sec["intro"] += self.sample("role_prose", r.randint(1, 5) if long else r.randint(1, 2))
        if r.random() < fam.agency:
            sec["intro"] = self.sample("agency_intro", r.randint(1, 2)) + sec["intro"][1:]
        lo, hi = (3, 12) if long else (1, 5)
        sec["duties"] = self.sector_items("duties", r.randint(lo, hi))
        sec["reqs"] = self.sector_items("reqs", r.randint(lo - 1, hi - 2) if long else r.randint(0, 4))
        sec["benefits"] = self.sector_items("benefits", r.randint(1, hi - 4) if long else r.randint(0, 3))
        self._enrich(sec, shape, vague)
        if boiler:
            gd = self.sample("gen_duties", r.randint(2, 7))
            sec["duties"] = gd + sec["duties"][: r.randint(0, 3)]
            sec["benefits"] = self.sample("gen_benefits", r.randint(1, 4)) + sec["benefits"][: r.randint(0, 2)]
        if r.random() < (0.85 if long else 0.6):
            sec["apply"] = [v.pick("apply") for _ in range(r.choice((1, 1, 2)))]
        if long and r.random() < 0.45:
            sec["closing"] = [v.pick("closing") for _ in range(r.choice((1, 1, 2)))]
        if long and r.random() < (0.55 if fam.type == "none" else 0.3):
            sec["closing"] = self.sample("long_para", r.randint(1, 3)) + sec["closing"]
        for group in honest:
            self._place(sec, self.honest_phrase(group), HONEST_SECTIONS[group])
        for cat in flags:
            self._place(sec, self.flag_phrase(cat), FLAG_SECTIONS[cat], cat)
        for name in sec:
            sec[name] = [_tidy(x) for x in sec[name]]
        if shape == "long":
            return self._render_long(sec, as_bullets=False)
        if shape == "bullets":
            return self._render_long(sec, as_bullets=True)
        if shape == "medium":
            return self._render_medium(sec)
        return self._render_short(sec, social=(shape == "social"))

    def _enrich(self, sec: dict[str, list[str]], shape: str, vague: bool) -> None:
        """Add the cross-industry body text of real corporate postings (same odds for every label).

        `rich` sets how much of it an ad carries, so long postings range from a page to several pages.
        """
        r = self.rng
        if shape in ("long", "bullets"):
            rich = r.choices(range(10), (0.1, 0.2, 0.22, 0.16, 0.1, 0.07, 0.05, 0.04, 0.03, 0.03))[0]
        elif shape == "medium":
            rich = r.choices((0, 1), (0.6, 0.4))[0]
        else:
            return
        lo = 0 if rich < 2 else 1
        if sec["profile"] and (not vague or r.random() < 0.3):
            sec["profile"] += self.sample("corp_profile", r.randint(lo, rich + 1))
        sec["intro"] += self.sample("role_overview", r.randint(lo, rich + 1))
        extra_d = self.sample("corp_duties", r.randint(lo, 2 + 2 * rich))
        extra_r = self.sample("corp_reqs", r.randint(lo, 2 + 2 * rich))
        sec["duties"] = _interleave(r, sec["duties"], extra_d)
        sec["reqs"] = _interleave(r, sec["reqs"], extra_r)
        sec["benefits"] = _interleave(r, sec["benefits"], self.sample("corp_benefits", r.randint(0, 1 + 2 * rich)))
        if rich:
            sec["closing"] += self.sample("corp_closing", r.randint(0, min(rich + 1, 6)))
        if rich >= 6:  # the longest corporate postings: several standard paragraphs on top
            sec["closing"] = self.sample("long_para", r.randint(1, 3)) + sec["closing"]
            sec["profile"] += self.sample("profile_story", r.randint(0, 3)) if sec["profile"] else []
            sec["intro"] += self.sample("role_prose", r.randint(1, 4))
            sec["duties"] += self.sample("corp_duties", r.randint(1, 4))
        for _ in range(r.choices((0, 1, 2, 3), (0.3, 0.35, 0.25, 0.1))[0]):
            target = r.choice(("profile", "intro", "duties", "reqs", "closing"))
            sec[target].insert(r.randint(0, len(sec[target])), self.g.pick("corp_names"))
        for _ in range(r.choices((0, 1, 2, 3), (0.35, 0.35, 0.2, 0.1))[0]):
            target = r.choice(("intro", "duties", "reqs", "benefits", "closing", "apply"))
            sec[target].insert(r.randint(0, len(sec[target])), self.g.pick("corp_notes"))

    def _place(self, sec: dict[str, list[str]], phrase: str, where: tuple[str, ...], cat: str = "") -> None:
        target = self.rng.choice(where)
        if target == "title":
            t = sec["title"][0]
            if cat == "sexual_work_abroad" or self.rng.random() < 0.3:
                sec["title"] = [_strip_end(phrase)]
                sec["intro"].insert(0, self.g.pick("intro"))
            else:
                sec["title"] = [self.rng.choice((f"{_strip_end(phrase)} - {t}", f"{t} - {_strip_end(phrase)}",
                                                 f"{t} ({_strip_end(phrase)})", f"{_strip_end(phrase)}! {t}"))]
            return
        items = sec[target]
        items.insert(self.rng.randint(0, len(items)), phrase)

    # ---- renderers ------------------------------------------------------------------------
    def _render_long(self, sec: dict[str, list[str]], as_bullets: bool) -> str:
        r, v = self.rng, self.g
        bullet = r.choice(BULLETS)
        gap = r.choice(("\n\n", "\n\n", "\n", "\n\n\n"))
        out = [sec["title"][0]]
        if sec["meta"]:
            out.append("\n".join(sec["meta"]))
        order = list(SECTION_ORDER)
        if r.random() < 0.3:
            order[3], order[4] = order[4], order[3]
        if r.random() < 0.2:
            order.remove("profile")
            order.insert(5, "profile")
        if r.random() < 0.15:
            order[2], order[3] = order[3], order[2]
        for name in order:
            items = sec[name]
            if not items:
                continue
            if name in ("profile", "intro", "apply", "closing") and not as_bullets:
                para = " ".join(_sentence(x) for x in items)
                if name == "profile" and r.random() < 0.4:
                    para = r.choice(("About us", "About the company", "Who we are", "ABOUT US:", "Company overview")) + "\n" + para
                out.append(para)
                continue
            head = v.pick(name + "_head") if name in ("duties", "reqs", "benefits") and r.random() < 0.9 else ""
            if as_bullets or r.random() < 0.75:
                body = "\n".join(bullet + _clause(x) for x in items)
            else:
                body = " ".join(_sentence(x) for x in items)
            out.append(f"{head}\n{body}" if head else body)
        return gap.join(out)

    def _render_medium(self, sec: dict[str, list[str]]) -> str:
        r = self.rng
        gap = r.choice(("\n\n", "\n", "\n\n"))
        out = [sec["title"][0]]
        if sec["meta"]:
            out.append("\n".join(sec["meta"]))
        profile = [x for i, x in enumerate(sec["profile"]) if i < 2 or "<<" in x]
        first = profile + sec["intro"] + sec["duties"]
        out.append(" ".join(_sentence(x) for x in first))
        rest = sec["reqs"] + sec["benefits"]
        if rest:
            if r.random() < 0.5:
                bullet = r.choice(BULLETS)
                out.append("\n".join(bullet + _clause(x) for x in rest))
            else:
                out.append(" ".join(_sentence(x) for x in rest))
        tail = sec["apply"] + sec["closing"]
        if tail:
            out.append(" ".join(_sentence(x) for x in tail))
        return gap.join(out)

    def _render_short(self, sec: dict[str, list[str]], social: bool) -> str:
        r, v = self.rng, self.g
        lead = v.pick("social" if social else "classified") if r.random() < 0.7 else sec["title"][0]
        if (r.random() < 0.35 or "<<" in sec["title"][0]) and sec["title"][0] not in lead:
            lead = sec["title"][0] + ("\n" if r.random() < 0.5 else ". ") + lead
        body = [x for name in ("profile", "intro", "meta", "duties", "reqs", "benefits") for x in sec[name]
                if "<<" in x or r.random() < 0.3]
        tail = [x for x in sec["apply"] + sec["closing"] if "<<" in x or r.random() < 0.5]
        parts = [lead] + body + tail
        sep = r.choice((" ", "\n", " ", "\n", ". ")) if not social else r.choice((" ", " ", "\n", " 👉 ", " ✨ "))
        text = sep.join(_sentence(p) if sep != ". " else _strip_end(p) for p in parts)
        return text


def _interleave(rng: random.Random, a: list[str], b: list[str]) -> list[str]:
    """Merge two lists, keeping each one's order, at random positions."""
    out = list(a)
    for x in b:
        out.insert(rng.randint(0, len(out)), x)
    return out


def _tidy(s: str) -> str:
    s = re.sub(r"[ \t]{2,}", " ", s)
    s = re.sub(r" +([.,!?;:])", r"\1", s)
    s = re.sub(r" +(>>)([.,!?;:])", r"\1\2", s)
    return s.strip()


def _visible_start(s: str) -> int:
    m = re.match(r"<<[a-z_]+:", s)
    return m.end() if m else 0


def _cap(s: str) -> str:
    i = _visible_start(s)
    return s[:i] + s[i : i + 1].upper() + s[i + 1 :]


def _strip_end(s: str) -> str:
    s = s.rstrip()
    while s and s[-1] in ".!;," and not s.endswith(">>"):
        s = s[:-1].rstrip()
    return s


def _sentence(s: str) -> str:
    s = _cap(s.strip())
    visible = MARK.sub(lambda m: m.group(2), s).rstrip()
    if visible and visible[-1] not in ".!?:)":
        s += "."
    return s


def _clause(s: str) -> str:
    return _cap(s.strip())


def parse_marked(text: str) -> list[tuple[str, str | None]]:
    """Split marked text into (segment, category-or-None) pieces."""
    segs: list[tuple[str, str | None]] = []
    pos = 0
    for m in MARK.finditer(text):
        if m.start() > pos:
            segs.append((text[pos : m.start()], None))
        segs.append((m.group(2), m.group(1)))
        pos = m.end()
    if pos < len(text):
        segs.append((text[pos:], None))
    return segs
