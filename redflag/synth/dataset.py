"""Generate labelled synthetic ads row by row, each row from its own seeded RNG."""

from __future__ import annotations

import csv
import io
import json
import random
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from redflag.errors import RedflagError
from redflag.io.outputs import write_text
from redflag.synth.compose import Composer, parse_marked
from redflag.synth.context import AdContext, pick_weighted
from redflag.synth.data import Bank, Family, bank
from redflag.synth.noise import apply_noise

COLUMNS = ("id", "text", "label", "type", "family", "source", "spans", "lang")
LANG_SHARE = 0.5  # rows that are chat messages or short postings in one of the languages' own files
CHAT_SHARE = 0.65  # of those, chat messages; the rest short postings
POSITIVE_RATE = 0.43
TYPE_MIX = {"labour": 0.32, "fraud": 0.50, "sexual": 0.18}
NETWORKS_PER_TYPE = 24
NETWORK_SHARE = 0.28
SOURCES_LEGIT = {"jobboard-a": 30, "jobboard-b": 24, "jobboard-c": 10, "classifieds-a": 12,
                 "classifieds-b": 8, "social-a": 8, "social-b": 5, "forum-c": 3}
SOURCES_SUSPICIOUS = {"jobboard-a": 14, "jobboard-b": 12, "jobboard-c": 14, "classifieds-a": 14,
                      "classifieds-b": 16, "social-a": 13, "social-b": 10, "forum-c": 7}
SOCIAL = {"social-a": 3, "social-b": 2, "forum-c": 1}


@dataclass(frozen=True)
class Network:
    """A group of related suspicious ads sharing contacts and a template."""

    key: str
    family: Family
    region: str
    overrides: dict[str, str]


def _networks(seed: int, b: Bank) -> dict[str, list[Network]]:
    rng = random.Random(f"{seed}:networks")
    nets: dict[str, list[Network]] = {}
    for t in TYPE_MIX:
        fams = {f.key: f.weight for f in b.families if f.type == t}
        nets[t] = []
        for k in range(NETWORKS_PER_TYPE):
            fam = _family(b, pick_weighted(rng, fams))
            region = pick_weighted(rng, b.regions)
            ctx = AdContext(rng, b, region, next(iter(fam.sectors)), abroad=True)
            over = {name: ctx.resolve(name) or "" for name in ("phone", "handle", "free_email", "recruiter", "company")}
            nets[t].append(Network(f"{t}-{k}", fam, region, over))
    return nets


def _family(b: Bank, key: str) -> Family:
    return next(f for f in b.families if f.key == key)


def _pick_flags(rng: random.Random, fam: Family) -> list[str]:
    lo, hi = fam.n_flags
    n = rng.randint(lo, hi)
    if n <= 0 or not fam.core:
        return []
    flags = [rng.choice(fam.core)]
    pool = {c: 1.0 for c in fam.core if c not in flags}
    pool.update({c: w for c, w in fam.extra.items() if c not in flags})
    while len(flags) < n and pool:
        c = pick_weighted(rng, pool)
        flags.append(c)
        del pool[c]
    return flags


def _spans(segs: list[tuple[str, str | None]]) -> tuple[str, list[dict]]:
    text, spans, pos = [], [], 0
    for seg, cat in segs:
        if cat is not None:
            lead = len(seg) - len(seg.lstrip())
            core = seg.strip().rstrip(".,;:!")
            if core:
                start = pos + lead
                spans.append({"start": start, "end": start + len(core), "text": core, "category": cat})
        text.append(seg)
        pos += len(seg)
    return "".join(text), spans


def lang_row(seed: int, i: int, langs: tuple[str, ...]) -> dict:
    """Row `i` as a chat message or short posting in one language, from that language's file."""
    from redflag.synth.langs import BAD_TYPES, DATASET_TYPE, load, message  # imported here so `python -m redflag.synth.langs` runs it once

    rng = random.Random(f"{seed}:{i}:message")
    label = 1 if rng.random() < POSITIVE_RATE else 0
    typ = pick_weighted(rng, TYPE_MIX) if label else "none"
    kind = next(k for k in BAD_TYPES if DATASET_TYPE[k] == typ) if label else "honest"
    lang = rng.choice(langs)
    shape = "chat" if rng.random() < CHAT_SHARE else "post"
    for attempt in range(8):
        segs = apply_noise(rng, parse_marked(message(rng, load(lang), kind, shape)), suspicious=bool(label))
        text, spans = _spans(segs)
        if bool(spans) == bool(label):
            break
    else:  # pragma: no cover - bad entries always carry a mark; keep rows valid regardless
        raise RuntimeError(f"could not build row {i}")
    pool = (SOCIAL if shape == "chat" else SOURCES_SUSPICIOUS if label else SOURCES_LEGIT)
    return {"id": f"syn-{i + 1:06d}", "text": text, "label": label, "type": typ, "family": f"{shape}-{lang}",
            "source": pick_weighted(rng, pool), "spans": spans, "lang": lang}


def make_row(seed: int, i: int, b: Bank, nets: dict[str, list[Network]], langs: tuple[str, ...] = ()) -> dict:
    """Build row `i` of the dataset for `seed` (independent of how many rows are asked for).

    Whether a row is a language file's message is drawn apart from everything else, so the
    English postings keep their text whichever languages have files.
    """
    if langs and random.Random(f"{seed}:{i}:lang").random() < LANG_SHARE:
        return lang_row(seed, i, langs)
    rng = random.Random(f"{seed}:{i}")
    label = 1 if rng.random() < POSITIVE_RATE else 0
    typ = pick_weighted(rng, TYPE_MIX) if label else "none"
    fams = {f.key: f.weight for f in b.families if f.type == typ}
    fam = _family(b, pick_weighted(rng, fams))
    region = pick_weighted(rng, b.regions)
    srng, overrides = rng, {}
    if label and rng.random() < NETWORK_SHARE:
        net = rng.choice(nets[typ])
        fam, region = net.family, net.region
        overrides = dict(net.overrides)
        srng = random.Random(f"{seed}:{net.key}:{rng.randrange(3)}")
    for attempt in range(8):
        arng = srng if attempt == 0 else random.Random(f"{seed}:{i}:retry{attempt}")
        sector = pick_weighted(arng, fam.sectors)
        abroad = arng.random() < fam.abroad
        ctx = AdContext(arng, b, region, sector, abroad, overrides)
        if srng is not rng:
            ctx.cache["city"] = rng.choice(b.common["regions"][region]["cities"])
        if arng.random() < fam.brand:
            ctx.cache["company"] = ctx.resolve("brand") or ""
        if abroad:
            ctx.cache["city"] = ctx.resolve("place_abroad") or ""
        shape = pick_weighted(arng, fam.shapes)
        flags = _pick_flags(arng, fam)
        if overrides and "off_platform_contact" not in flags and arng.random() < 0.6:
            flags.append("off_platform_contact")  # a network is recognised by the contact it repeats
        honest = [g for g, p in fam.honest.items() if arng.random() < p]
        vague = arng.random() < fam.vague
        marked = Composer(arng, b, fam, ctx).build(flags, honest, shape, vague)
        segs = apply_noise(rng, parse_marked(marked), suspicious=bool(label))
        text, spans = _spans(segs)
        if bool(spans) == bool(label):
            break
    else:  # pragma: no cover - templates guarantee a span; keep rows valid regardless
        raise RuntimeError(f"could not build row {i}")
    sources = SOURCES_SUSPICIOUS if label else SOURCES_LEGIT
    source = pick_weighted(rng, SOCIAL if shape == "social" and rng.random() < 0.7 else sources)
    return {"id": f"syn-{i + 1:06d}", "text": text, "label": label, "type": typ, "family": fam.name,
            "source": source, "spans": spans, "lang": "en"}


def generate(n: int, seed: int, langs: Sequence[str] | None = None) -> list[dict]:
    """Return `n` synthetic ads for `seed`; row k is the same whatever n is.

    ``langs`` are the languages whose messages are mixed in (None: every language with a template
    file). A shipped data set keeps its languages when a template file is added, so that it can
    be regenerated byte for byte until it is deliberately rebuilt with the new language.
    """
    if n < 0:
        raise ValueError("n must be >= 0")
    b = bank()
    from redflag.synth.langs import available

    have = available()
    chosen = have if langs is None else tuple(sorted(set(langs)))
    unknown = [c for c in chosen if c not in have]
    if unknown:
        raise RedflagError(f"no synthetic templates for language {', '.join(unknown)} (have: {', '.join(have)})")
    nets = _networks(seed, b)
    return [make_row(seed, i, b, nets, chosen) for i in range(n)]


def rows_to_csv(rows: list[dict]) -> str:
    """Serialise rows to CSV text (spans as compact JSON)."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(COLUMNS)
    for r in rows:
        w.writerow([r["id"], r["text"], r["label"], r["type"], r["family"], r["source"],
                    json.dumps(r["spans"], ensure_ascii=False, separators=(",", ":")), r.get("lang", "en")])
    return buf.getvalue()


def write_csv(path: str | Path, n: int, seed: int, langs: Sequence[str] | None = None) -> int:
    """Write `n` ads for `seed` (messages in ``langs``, see ``generate``) to `path` as UTF-8 CSV;
    return the number of rows written."""
    rows = generate(n, seed, langs)
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    write_text(path, rows_to_csv(rows))
    return len(rows)
