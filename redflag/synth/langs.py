"""Chat messages and short postings in every supported language, from one data file per language.

Real recruitment is mostly a short message in the language of the people it targets, so the
model must see those as well as long English postings. Each ``templates/langs/<code>.toml``
holds one language's own idioms (written for that language, not translated); this module checks
those files and builds labelled messages from them with the same grammar and marks as the English
postings.

    python -m redflag.synth.langs it --n 10    # check the Italian file and print ten messages
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from redflag.synth.compose import MARK, parse_marked
from redflag.synth.context import AdContext
from redflag.synth.data import CATEGORIES, bank
from redflag.synth.grammar import Grammar

BAD_TYPES = ("scam", "sexual", "labour")
DATASET_TYPE = {"scam": "fraud", "sexual": "sexual", "labour": "labour"}  # the dataset's own type names
MINIMUM = {
    "chat": {"scam": 30, "sexual": 20, "labour": 25, "honest": 30, "hard": 25},
    "post": {"title": 15, "intro": 12, "duties": 20, "reqs": 15, "benefits": 15, "apply": 10,
             "scam": 15, "sexual": 10, "labour": 15, "hard": 15},
}
MARKED = {("chat", t) for t in BAD_TYPES} | {("post", t) for t in BAD_TYPES}
BUILT_INS = frozenset({"phone", "handle", "free_email", "corp_email", "wa_link", "tg_link"})
_SLOT = re.compile(r"\{([a-z0-9_]+)\}")
_OPEN = re.compile(r"<<([a-z_]*):")


@dataclass(frozen=True)
class LangBank:
    """One language's slot lists, chat messages and posting lines."""

    lang: str
    vocab: dict[str, list[str]]
    chat: dict[str, list[str]]
    post: dict[str, list[str]]


def available() -> tuple[str, ...]:
    """The languages that have a template file, sorted."""
    folder = resources.files("redflag.synth").joinpath("templates", "langs")
    if not folder.is_dir():
        return ()
    return tuple(sorted(p.name[:-5] for p in folder.iterdir() if p.name.endswith(".toml")))


def problems(raw: dict[str, Any], code: str) -> list[str]:
    """Everything wrong with one language file, as readable lines (empty when it is sound)."""
    out: list[str] = []
    if raw.get("lang") != code:
        out.append(f"lang must be {code!r}, not {raw.get('lang')!r}")
    vocab = raw.get("vocab", {})
    if not isinstance(vocab, dict) or not all(isinstance(v, list) and v for v in vocab.values()):
        out.append("[vocab] must map names to non-empty lists")
        vocab = {}
    entries: list[tuple[str, str]] = [(f"vocab.{k}", e) for k, v in vocab.items() for e in v]
    for table, keys in MINIMUM.items():
        section = raw.get(table, {})
        for key, least in keys.items():
            items = section.get(key, [])
            if not isinstance(items, list) or not all(isinstance(e, str) for e in items):
                out.append(f"{table}.{key} must be a list of strings")
                continue
            if len(set(items)) < least:
                out.append(f"{table}.{key} has {len(set(items))} distinct entries, at least {least} needed")
            entries += [(f"{table}.{key}", e) for e in items]
            for e in items:
                marks = _OPEN.findall(e)
                if (table, key) in MARKED and not marks:
                    out.append(f"{table}.{key}: no <<category:...>> mark in {e[:70]!r}")
                if (table, key) not in MARKED and "<<" in e:
                    out.append(f"{table}.{key}: an honest entry carries a mark: {e[:70]!r}")
                for cat in marks:
                    if cat not in CATEGORIES:
                        out.append(f"{table}.{key}: unknown category {cat!r} in {e[:70]!r}")
    for where, e in entries:
        if e.count("<<") != e.count(">>") or e.count("[") != e.count("]"):
            out.append(f"{where}: unbalanced << >> or [ ] in {e[:70]!r}")
        for name in _SLOT.findall(e):
            if name not in vocab and name not in BUILT_INS:
                out.append(f"{where}: unknown slot {{{name}}} in {e[:70]!r}")
    return out


@lru_cache(maxsize=None)
def load(code: str) -> LangBank:
    """Read and check one language's file (cached: templates never change at run time)."""
    text = resources.files("redflag.synth").joinpath("templates", "langs", f"{code}.toml").read_text(encoding="utf-8")
    raw = tomllib.loads(text)
    found = problems(raw, code)
    if found:
        raise ValueError(f"templates/langs/{code}.toml: " + "; ".join(found[:5]))
    return LangBank(code, {k: list(v) for k, v in raw["vocab"].items()},
                    {k: list(v) for k, v in raw["chat"].items()}, {k: list(v) for k, v in raw["post"].items()})


class _Contacts:
    """Fictional contact details for the built-in slots, kept the same within one message."""

    def __init__(self, rng: random.Random) -> None:
        b = bank()
        self.rng = rng
        self.ctx = AdContext(rng, b, rng.choice(tuple(b.common["regions"])), next(iter(b.sectors)), abroad=False)

    def __call__(self, name: str) -> str | None:
        if name not in BUILT_INS:
            return None
        if name == "wa_link":
            phone = re.sub(r"\D", "", self.ctx.resolve("phone") or "")
            return f"wa.me/{phone}"
        if name == "tg_link":
            return "t.me/" + (self.ctx.resolve("handle") or "@jobs").lstrip("@")
        return self.ctx.resolve(name)


def message(rng: random.Random, lb: LangBank, kind: str, shape: str) -> str:
    """The marked-up text of one message: ``kind`` is honest or a bad type, ``shape`` chat or post."""
    g = Grammar(lb.vocab, rng, _Contacts(rng))
    pick = lambda pool: g.expand(rng.choice(pool))  # noqa: E731
    if shape == "chat":
        pools = [lb.chat[kind]] if kind in BAD_TYPES else [lb.chat["honest"], lb.chat["hard"]]
        pool = rng.choice(pools)
        first = rng.choice(pool)
        lines = [g.expand(first)]
        if rng.random() < 0.3:
            rest = [e for e in rng.choice(pools) if e != first]
            lines.append(pick(rest))
        if kind in BAD_TYPES and rng.random() < 0.15:
            lines.insert(0, pick(lb.chat["honest"] if rng.random() < 0.5 else lb.chat["hard"]))
        sep = rng.choice((" ", " ", "\n", "\n\n", " 👉 "))
        return sep.join(lines)
    p = lb.post
    some = lambda key, k: [g.expand(x) for x in rng.sample(p[key], min(k, len(p[key])))]  # noqa: E731
    body = some("intro", 1) + some("duties", rng.randint(1, 5)) + some("reqs", rng.randint(0, 4)) + some("benefits", rng.randint(0, 3))
    extra = some(kind, rng.randint(1, 3)) if kind in BAD_TYPES else some("hard", rng.choice((0, 0, 1, 1, 2)))
    for line in extra:
        body.insert(rng.randint(0, len(body)), line)
    if kind in BAD_TYPES and rng.random() < 0.35:
        body.append(pick(lb.chat[kind]))
    else:
        body.append(pick(p["apply"]))
    bullet = rng.choice(("- ", "• ", "", "✔ ", "* "))
    if rng.random() < 0.5:
        text = "\n".join(bullet + x for x in body)
    else:
        text = " ".join(body)
    return pick(p["title"]) + rng.choice(("\n", "\n\n", " - ", ". ")) + text


def _print_samples(code: str, n: int, seed: int) -> int:
    raw = tomllib.loads(resources.files("redflag.synth").joinpath("templates", "langs", f"{code}.toml").read_text(encoding="utf-8"))
    found = problems(raw, code)
    for line in found:
        print("problem:", line)
    if found:
        return 1
    lb = load(code)
    rng = random.Random(seed)
    for i in range(n):
        kind = (*BAD_TYPES, "honest")[i % 4]
        shape = "chat" if i % 8 < 4 else "post"
        text = MARK.sub(lambda m: f"[{m.group(1)}: {m.group(2)}]", message(rng, lb, kind, shape))
        print(f"--- {kind} {shape}\n{text}\n")
    print(f"{code}: ok")
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m redflag.synth.langs", description="Check a language's templates and print samples.")
    ap.add_argument("code", help="language code, or 'all'")
    ap.add_argument("--n", type=int, default=8)
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args(argv)
    codes = available() if a.code == "all" else (a.code,)
    return max((_print_samples(c, a.n if a.code != "all" else 0, a.seed) for c in codes), default=0)


__all__ = ["available", "load", "message", "problems", "parse_marked", "LangBank", "DATASET_TYPE", "BAD_TYPES"]

if __name__ == "__main__":
    sys.exit(main())
