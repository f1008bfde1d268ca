"""Rule packs: reviewed data files of rules, validated when they are loaded.

A pack is a TOML file with a ``[pack]`` header, a ``[context]`` table of cue lists used to
switch triggers off (negation, warnings, hypotheticals) and a list of ``[[rule]]`` tables. Each
rule carries its own examples; the test suite runs them all.
"""

from __future__ import annotations

import functools
import hashlib
import re
import re._compiler as sre_compile
import re._parser as sre_parse
import tomllib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from redflag.categories import CATEGORIES, is_reassuring
from redflag.errors import RulePackError
from redflag.rules.runs import contained_words

SEVERITIES = ("low", "medium", "high")
CONFIDENCES = ("low", "medium", "high")
MAX_MATCH = 300  # characters: patterns are bounded, so matching stays linear and windows stay small
_ID = re.compile(r"^[A-Z]{2,5}[0-9]{3}$")
_REQUIRED = ("id", "title", "category", "indicator", "severity", "confidence", "weight", "rationale", "advice")


@dataclass(frozen=True, slots=True)
class Example:
    """A text a rule must fire on, with the phrase it must quote."""

    text: str
    evidence: str


@dataclass(frozen=True, slots=True)
class Rule:
    """One red flag (or reassuring sign) and how to find it."""

    id: str
    title: str
    category: str
    indicator: str
    severity: str
    confidence: str
    weight: float
    rationale: str
    advice: str
    references: tuple[str, ...]
    language: str
    keywords: frozenset[str]
    patterns: tuple[str, ...]  # regular expressions, written for lower-cased text
    negation: bool
    hypothetical: bool
    requires: tuple[tuple[str, ...], ...]
    matches: tuple[Example, ...]
    no_matches: tuple[str, ...]

    @property
    def reassuring(self) -> bool:
        """A good-practice sign rather than a red flag."""
        return is_reassuring(self.category)

    @property
    def is_combination(self) -> bool:
        """Combination rules fire on other rules, not on text."""
        return bool(self.requires)


@dataclass(frozen=True, slots=True)
class ContextCues:
    """Word lists that decide whether a trigger is negated, hypothetical or closed off."""

    negation: tuple[str, ...]
    pre_negation: re.Pattern
    post_negation: re.Pattern
    hypothetical: re.Pattern
    terminators: tuple[str, ...]
    closing: tuple[str, ...]
    window: int


@dataclass(frozen=True, slots=True)
class RulePack:
    """A validated pack: its rules, its context cues and a hash of the file it came from."""

    id: str
    language: str
    version: str
    description: str
    rules: tuple[Rule, ...]
    context: ContextCues
    sha256: str
    path: str


@functools.lru_cache(maxsize=4096)
def compiled(pattern: str, fold: bool = True) -> tuple[re.Pattern, int, frozenset[str] | None]:
    """A pattern compiled (case-sensitive for lower-cased text, or case-insensitive), its longest match,
    and the whole words its matches can contain (None when unknown; see ``runs.contained_words``).

    Compiled on first use and cached, so a single check pays only for the rules its ad could fire.
    Unbounded repetition is refused: it could make matching slow and windows unbounded.
    """
    flags = 0 if fold else re.IGNORECASE
    try:
        # Parse once for the width, the words and the compiled program (re.compile would parse again).
        tree = sre_parse.parse(pattern, flags)
        regex = sre_compile.compile(tree, flags)
    except re.error as exc:
        raise RulePackError(f"pattern does not compile: {exc}: {pattern[:60]}") from None
    longest = tree.getwidth()[1]
    if longest > MAX_MATCH:
        raise RulePackError(f"pattern can match more than {MAX_MATCH} characters; bound its repetitions: {pattern[:60]}")
    return regex, longest, contained_words(tree) if fold else None


def _compile(pattern: str, where: str) -> re.Pattern:
    try:
        return re.compile(pattern, re.IGNORECASE)
    except re.error as exc:
        raise RulePackError(f"{where}: pattern does not compile: {exc}") from None


def _rule(raw: dict, language: str, where: str, validate: bool) -> Rule:
    missing = [k for k in _REQUIRED if k not in raw]
    if missing:
        raise RulePackError(f"{where}: rule {raw.get('id', '?')} lacks {', '.join(missing)}")
    rid = raw["id"]
    where = f"{where}: rule {rid}"
    if not _ID.match(rid):
        raise RulePackError(f"{where}: id must be 2-5 capitals and 3 digits, like FEE001")
    if raw["category"] not in CATEGORIES:
        raise RulePackError(f"{where}: unknown category {raw['category']!r}")
    if raw["severity"] not in SEVERITIES or raw["confidence"] not in CONFIDENCES:
        raise RulePackError(f"{where}: severity and confidence must be one of {', '.join(SEVERITIES)}")
    weight = float(raw["weight"])
    if not -50 <= weight <= 60:
        raise RulePackError(f"{where}: weight {weight} outside -50..60")
    requires = tuple(tuple(group) for group in raw.get("requires", ()))
    patterns = tuple(raw.get("patterns", ()))
    if validate:
        for pattern in patterns:
            try:
                compiled(pattern)
            except RulePackError as exc:
                raise RulePackError(f"{where}: {exc}") from None
    if not patterns and not requires:
        raise RulePackError(f"{where}: needs patterns (or requires, for a combination rule)")
    keywords = frozenset(k.lower() for k in raw.get("keywords", ()))
    if patterns and not keywords:
        raise RulePackError(f"{where}: needs keywords (the words that let the engine skip it quickly)")
    odd = sorted(k for k in keywords if not (k.isascii() and k.isalpha()))
    if odd:
        raise RulePackError(f"{where}: keywords must be single words of letters a-z (the engine finds them as such): {', '.join(odd)}")
    matches = tuple(Example(m["text"], m["evidence"]) for m in raw.get("match", ()))
    no_matches = tuple(raw.get("no_match", ()))
    if not matches or not no_matches:
        raise RulePackError(f"{where}: needs examples that must match and examples that must not")
    for ex in matches:
        if ex.evidence not in ex.text:
            raise RulePackError(f"{where}: example evidence {ex.evidence!r} is not in its text")
    return Rule(
        id=rid, title=raw["title"], category=raw["category"], indicator=raw["indicator"],
        severity=raw["severity"], confidence=raw["confidence"], weight=weight,
        rationale=raw["rationale"].strip(), advice=raw["advice"].strip(),
        references=tuple(raw.get("references", ())), language=language, keywords=keywords,
        patterns=patterns, negation=bool(raw.get("negation", True)),
        hypothetical=bool(raw.get("hypothetical", True)), requires=requires,
        matches=matches, no_matches=no_matches,
    )


def _context(raw: dict, where: str) -> ContextCues:
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


def parse_pack(data: bytes, path: str, validate: bool = True) -> RulePack:
    """Validate a pack's bytes; every problem is a RulePackError naming the file and the rule.

    ``validate=False`` leaves pattern compilation to first use: the built-in packs are compiled
    in full by the test suite, and a single check should not pay for rules it never tries.
    """
    try:
        raw = tomllib.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise RulePackError(f"{path}: not a valid TOML rule pack: {exc}") from None
    head = raw.get("pack", {})
    language = head.get("language", "en")
    rules = tuple(_rule(r, language, path, validate) for r in raw.get("rule", ()))
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
    return RulePack(
        id=head.get("id", Path(path).stem), language=language, version=str(head.get("version", "0")),
        description=head.get("description", ""), rules=rules, context=_context(raw.get("context", {}), path),
        sha256=hashlib.sha256(data).hexdigest(), path=path,
    )


def load_pack(path: str | Path) -> RulePack:
    """Load a pack from a file of the user's."""
    p = Path(path)
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise RulePackError(f"cannot read rule pack {p}: {exc.strerror}") from None
    return parse_pack(data, str(p))


def builtin_packs(validate: bool = False) -> list[RulePack]:
    """The packs shipped inside the package, in name order (patterns compiled on first use)."""
    folder = resources.files("redflag.rules") / "packs"
    return [
        parse_pack(entry.read_bytes(), f"redflag/rules/packs/{entry.name}", validate)
        for entry in sorted(folder.iterdir(), key=lambda e: e.name)
        if entry.name.endswith(".toml")
    ]
