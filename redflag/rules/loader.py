"""Load rule packs: TOML files of reviewed rules, validated when they are read.

A pack has a ``[pack]`` header, a ``[context]`` table of cue lists used to switch triggers off
(negation, warnings, hypotheticals) and a list of ``[[rule]]`` tables. Each rule carries its own
examples; the test suite runs them all. Every problem is a RulePackError naming the file and rule.
"""

from __future__ import annotations

import functools
import hashlib
import re
import tomllib
from collections.abc import Iterable
from importlib import resources
from pathlib import Path

from redflag.categories import CATEGORIES
from redflag.errors import RulePackError
from redflag.rules.kinds.pattern import compiled
from redflag.rules.schema import (CONTEXT_FIELDS, GRADES, MAX_WEIGHT, MIN_WEIGHT, REQUIRED, RULE_FIELDS, RULE_ID,
                                  ContextCues, Example, Rule, RulePack)

_IS: dict[str, object] = {
    "text": lambda v: isinstance(v, str),
    "number": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
    "whole number": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "true/false": lambda v: isinstance(v, bool),
    "list of texts": lambda v: isinstance(v, list) and all(isinstance(x, str) for x in v),
    "list of lists of texts": lambda v: isinstance(v, list) and all(
        isinstance(g, list) and all(isinstance(x, str) for x in g) for g in v),
    "list of tables": lambda v: isinstance(v, list) and all(
        isinstance(t, dict) and isinstance(t.get("text"), str) and isinstance(t.get("evidence"), str) for t in v),
}


def _check_types(raw: dict, fields: dict[str, str], where: str) -> None:
    """Every known field has its TOML type (``weight = "heavy"`` is refused, not a traceback)."""
    for key, kind in fields.items():
        if key in raw and not _IS[kind](raw[key]):
            hint = " (each with text and evidence)" if kind == "list of tables" else ""
            raise RulePackError(f"{where}: {key} must be a {kind}{hint}, not {raw[key]!r}")


def _compile(pattern: str, where: str) -> re.Pattern:
    try:
        return re.compile(pattern, re.IGNORECASE)
    except re.error as exc:
        raise RulePackError(f"{where}: pattern does not compile: {exc}") from None


def _check_head(raw: dict, where: str) -> None:
    """The fields every rule has, whatever its kind."""
    if not isinstance(raw, dict):
        raise RulePackError(f"{where}: each rule must be a [[rule]] table")
    missing = [k for k in REQUIRED if k not in raw]
    if missing:
        raise RulePackError(f"{where}: rule {raw.get('id', '?')} lacks {', '.join(missing)}")
    _check_types(raw, RULE_FIELDS, f"{where}: rule {raw['id']}")
    where = f"{where}: rule {raw['id']}"
    if not RULE_ID.match(raw["id"]):
        raise RulePackError(f"{where}: id must be 2-5 capitals and 3 digits, like FEE001")
    if raw["category"] not in CATEGORIES:
        raise RulePackError(f"{where}: unknown category {raw['category']!r}")
    if raw["severity"] not in GRADES or raw["confidence"] not in GRADES:
        raise RulePackError(f"{where}: severity and confidence must be one of {', '.join(GRADES)}")
    weight = float(raw["weight"])
    if not MIN_WEIGHT <= weight <= MAX_WEIGHT:
        raise RulePackError(f"{where}: weight {weight} outside {MIN_WEIGHT:g}..{MAX_WEIGHT:g}")


def _check_recogniser(patterns: tuple[str, ...], requires: tuple, keywords: frozenset[str], where: str, validate: bool) -> None:
    """Patterns that compile and keywords to find them by, or the rules a combination requires."""
    if validate:
        for pattern in patterns:
            try:
                compiled(pattern)
            except RulePackError as exc:
                raise RulePackError(f"{where}: {exc}") from None
    if not patterns and not requires:
        raise RulePackError(f"{where}: needs patterns (or requires, for a combination rule)")
    if patterns and not keywords:
        raise RulePackError(f"{where}: needs keywords (the words that let the engine skip it quickly)")
    odd = sorted(k for k in keywords if not (k.isascii() and k.isalpha()))
    if odd:
        raise RulePackError(f"{where}: keywords must be single words of letters a-z (the engine finds them as such): {', '.join(odd)}")


def _examples(raw: dict, where: str) -> tuple[tuple[Example, ...], tuple[str, ...]]:
    """The texts a rule must fire on (with the phrase it quotes) and the ones it must not."""
    matches = tuple(Example(m["text"], m["evidence"]) for m in raw.get("match", ()))
    no_matches = tuple(raw.get("no_match", ()))
    if not matches or not no_matches:
        raise RulePackError(f"{where}: needs examples that must match and examples that must not")
    for ex in matches:
        if ex.evidence not in ex.text:
            raise RulePackError(f"{where}: example evidence {ex.evidence!r} is not in its text")
    return matches, no_matches


def _rule(raw: dict, language: str, where: str, validate: bool) -> Rule:
    _check_head(raw, where)
    rid = raw["id"]
    where = f"{where}: rule {rid}"
    requires = tuple(tuple(group) for group in raw.get("requires", ()))
    patterns = tuple(raw.get("patterns", ()))
    keywords = frozenset(k.lower() for k in raw.get("keywords", ()))
    _check_recogniser(patterns, requires, keywords, where, validate)
    matches, no_matches = _examples(raw, where)
    return Rule(
        id=rid, title=raw["title"], category=raw["category"], indicator=raw["indicator"],
        severity=raw["severity"], confidence=raw["confidence"], weight=float(raw["weight"]),
        rationale=raw["rationale"].strip(), advice=raw["advice"].strip(),
        references=tuple(raw.get("references", ())), language=language, keywords=keywords,
        patterns=patterns, negation=bool(raw.get("negation", True)),
        hypothetical=bool(raw.get("hypothetical", True)), requires=requires,
        matches=matches, no_matches=no_matches, kind="combination" if requires else "pattern",
    )


def _context(raw: dict, where: str) -> ContextCues:
    if not isinstance(raw, dict):
        raise RulePackError(f"{where}: [context] must be a table")
    _check_types(raw, CONTEXT_FIELDS, f"{where}: [context]")
    try:
        return ContextCues(
            negation=tuple(raw["negation"]),
            pre_negation=_compile(r"(?:" + "|".join(raw["pre_negation"]) + r")", f"{where}: pre_negation"),
            post_negation=_compile(r"^(?:" + "|".join(raw["post_negation"]) + r")", f"{where}: post_negation"),
            hypothetical=_compile(r"(?:" + "|".join(raw["hypothetical"]) + r")", f"{where}: hypothetical"),
            terminators=tuple(raw["terminators"]),
            closing=tuple(raw["closing"]),
            window=int(raw.get("window", 7)),
        )
    except KeyError as exc:
        raise RulePackError(f"{where}: [context] lacks {exc.args[0]}") from None


def _check_references(rules: tuple[Rule, ...], path: str) -> None:
    """Rule ids unique in the pack, and every combination refers to a rule, prefix or category there."""
    ids = [r.id for r in rules]
    dupes = sorted({i for i in ids if ids.count(i) > 1})
    if dupes:
        raise RulePackError(f"{path}: duplicate rule ids {', '.join(dupes)}")
    known = set(ids) | set(CATEGORIES)
    for r in rules:
        for group in r.requires:
            for ref in group:
                if ref not in known and not any(i.startswith(ref) for i in ids):
                    raise RulePackError(f"{path}: rule {r.id} requires unknown rule or category {ref!r}")


def _read_toml(data: bytes, path: str) -> dict:
    try:
        return tomllib.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise RulePackError(f"{path}: not a valid TOML rule pack: {exc}") from None


def _head(raw: dict, path: str) -> dict:
    head = raw.get("pack", {})
    if not isinstance(head, dict):
        raise RulePackError(f"{path}: [pack] must be a table")
    for key in ("id", "language", "description"):
        if key in head and not isinstance(head[key], str):
            raise RulePackError(f"{path}: [pack] {key} must be a text, not {head[key]!r}")
    if not isinstance(raw.get("rule", []), list):
        raise RulePackError(f"{path}: rules must be [[rule]] tables")
    return head


def parse_pack(data: bytes, path: str, validate: bool = True, inherit: dict | None = None) -> RulePack:
    """Validate a pack's bytes; every problem is a RulePackError naming the file and the rule.

    ``validate=False`` leaves pattern compilation to first use: the built-in packs are compiled
    in full by the test suite, and a single check should not pay for rules it never tries.
    ``inherit`` fills in the context cues the pack's own [context] table leaves out.
    """
    raw = _read_toml(data, path)
    head = _head(raw, path)
    language = head.get("language", "en")
    rules = tuple(_rule(r, language, path, validate) for r in raw.get("rule", ()))
    _check_references(rules, path)
    context = raw.get("context", {})
    if isinstance(context, dict) and inherit:
        context = {**inherit, **context}
    return RulePack(
        id=head.get("id", Path(path).stem), language=language, version=str(head.get("version", "0")),
        description=head.get("description", ""), rules=rules, context=_context(context, path),
        sha256=hashlib.sha256(data).hexdigest(), path=path,
    )


@functools.lru_cache(maxsize=8)
def builtin_context(language: str) -> dict | None:
    """The raw [context] table of the built-in pack of ``language``, for user packs that give only part of one."""
    folder = resources.files("redflag.rules") / "packs"
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".toml"):
            raw = tomllib.loads(entry.read_text(encoding="utf-8"))
            if raw.get("pack", {}).get("language", "en") == language:
                return dict(raw.get("context", {}))
    return None


def load_pack(path: str | Path) -> RulePack:
    """Load a pack from a file of the user's."""
    p = Path(path)
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise RulePackError(f"cannot read rule pack {p}: {exc.strerror}") from None
    language = _head(_read_toml(data, str(p)), str(p)).get("language", "en")
    return parse_pack(data, str(p), inherit=builtin_context(language))


def builtin_packs(validate: bool = False) -> list[RulePack]:
    """The packs shipped inside the package, in name order (patterns compiled on first use)."""
    folder = resources.files("redflag.rules") / "packs"
    return [
        parse_pack(entry.read_bytes(), f"redflag/rules/packs/{entry.name}", validate)
        for entry in sorted(folder.iterdir(), key=lambda e: e.name)
        if entry.name.endswith(".toml")
    ]


def unique_ids(packs: Iterable[RulePack]) -> list[RulePack]:
    """The packs, refused when two of them define the same rule id (a rule id is one red flag)."""
    packs = list(packs)
    first: dict[str, str] = {}
    for pack in packs:
        for rule in pack.rules:
            seen = first.setdefault(rule.id, pack.path)
            if seen != pack.path:
                raise RulePackError(f"{pack.path}: rule {rule.id} is already defined in {seen}")
    return packs


def packs_with(paths: Iterable[str | Path] = ()) -> list[RulePack]:
    """The built-in packs plus the user's, with rule ids unique across all of them."""
    return unique_ids(builtin_packs() + [load_pack(p) for p in paths])


def check_codes(packs: Iterable[RulePack], codes: Iterable[str], option: str) -> None:
    """Refuse a rule code or prefix that names no rule of these packs, as ruff does (``--select NOPE``)."""
    ids = [rule.id for pack in packs for rule in pack.rules]
    unknown = [code for code in codes if not any(i.startswith(code) for i in ids)]
    if unknown:
        raise RulePackError(f"{option}: no rule code or prefix {', '.join(unknown)}; 'redflag rules' lists them")
