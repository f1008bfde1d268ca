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
from importlib.resources.abc import Traversable
from pathlib import Path

from redflag.categories import CATEGORIES, CATEGORY_HARMS, HARMS
from redflag.errors import RulePackError
from redflag.rules.kinds.pattern import compiled
from redflag.rules.concepts import BUILT_IN, MIN_STEM, Lexicon
from redflag.rules.cache import parsed
from redflag.rules.schema import (CONTEXT_FIELDS, LazyPattern, DEFAULT_NEAR, DEFINITION_FIELDS, GRADES, MAX_WEIGHT, MIN_WEIGHT,
                                  REQUIRED, RULE_FIELDS, RULE_ID, ContextCues, Example, Frame, Rule, RulePack)
from redflag.text.tokens import HAN_RUN, WORD, entry_words

_IS: dict[str, object] = {
    "text": lambda v: isinstance(v, str),
    "number": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
    "whole number": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "true/false": lambda v: isinstance(v, bool),
    "list of texts": lambda v: isinstance(v, list) and all(isinstance(x, str) for x in v),
    "list of lists of texts": lambda v: isinstance(v, list) and all(
        isinstance(g, list) and all(isinstance(x, str) for x in g) for g in v),
    "list of frames": lambda v: isinstance(v, list) and all(isinstance(f, dict) for f in v),
    "list of tables": lambda v: isinstance(v, list) and all(
        isinstance(t, dict) and isinstance(t.get("text"), str) and isinstance(t.get("evidence"), str) for t in v),
}


ANY = "any"  # the language of core.toml: its rules read surfaces and other rules, the same in every language
CONCEPT_NAME = re.compile(r"^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$")


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


def _check_recogniser(patterns: tuple[str, ...], requires: tuple, frames: tuple, keywords: frozenset[str], where: str, validate: bool,
                      check: str = "") -> None:
    """Patterns that compile and keywords to find them by, frames of concepts, the rules a combination requires, or a kind of its own."""
    if check:
        from redflag.rules.kinds import KINDS

        if check not in KINDS or check in ("pattern", "concept", "combination"):
            raise RulePackError(f"{where}: check {check!r} is no rule kind that reads text its own way")
        return
    if validate:
        for pattern in patterns:
            try:
                compiled(pattern)
            except RulePackError as exc:
                raise RulePackError(f"{where}: {exc}") from None
    if not patterns and not requires and not frames:
        raise RulePackError(f"{where}: needs patterns, frames of concepts, or requires (for a combination rule)")
    if patterns and not keywords:
        raise RulePackError(f"{where}: needs keywords (the words that let the engine skip it quickly)")
    # a word of letters, marks included (Devanagari's vowel signs are marks: "रुपये"), or a run of Han characters
    odd = sorted(k for k in keywords if not (k.isalpha() or WORD.fullmatch(k)) or (len(entry_words(k)) > 1 and not HAN_RUN.fullmatch(k)))
    if odd:
        raise RulePackError(f"{where}: keywords must be single words of letters (the engine finds them as such): {', '.join(odd)}")


def _frames(raw: list, where: str) -> tuple[Frame, ...]:
    """Frames as data: ``{ all = ["document", "hold|hand_over"], near = 10, none = ["cv"], between = ["cv"] }``."""
    frames = []
    for f in raw:
        if not isinstance(f, dict) or not isinstance(f.get("all"), list) or not f["all"]:
            raise RulePackError(f"{where}: each frame must be a table with a non-empty list 'all' of concept names")
        unknown = sorted(set(f) - {"all", "near", "none", "between"})
        if unknown:
            raise RulePackError(f"{where}: unknown frame field {', '.join(unknown)} (all, near, none, between)")
        groups = tuple(tuple(str(item).split("|")) for item in f["all"])
        none, between = tuple(f.get("none", ())), tuple(f.get("between", ()))
        near = f.get("near", DEFAULT_NEAR)
        if not isinstance(near, int) or isinstance(near, bool) or not 0 <= near <= 40:
            raise RulePackError(f"{where}: a frame's near must be a whole number of words from 0 to 40, not {near!r}")
        for name in [c for g in groups for c in g] + list(none) + list(between):
            if not CONCEPT_NAME.match(name) and name not in BUILT_IN:
                raise RulePackError(f"{where}: {name!r} is not a concept name (lower-case words joined by _, or one of {', '.join(BUILT_IN)})")
        frames.append(Frame(groups=groups, near=near, none=none, between=between))
    return tuple(frames)


def _examples(raw: dict, where: str, required: bool = True) -> tuple[tuple[Example, ...], tuple[str, ...]]:
    """The texts a rule must fire on (with the phrase it quotes) and the ones it must not."""
    matches = tuple(Example(m["text"], m["evidence"]) for m in raw.get("match", ()))
    no_matches = tuple(raw.get("no_match", ()))
    if required and (not matches or not no_matches):
        raise RulePackError(f"{where}: needs examples that must match and examples that must not")
    for ex in matches:
        if ex.evidence not in ex.text:
            raise RulePackError(f"{where}: example evidence {ex.evidence!r} is not in its text")
    return matches, no_matches


def _extend(raw: dict, base: dict, where: str) -> dict:
    """A language's entry for a rule defined elsewhere: it may add to the rule, never change what it means."""
    changed = sorted(k for k in raw if k in DEFINITION_FIELDS and raw[k] != base.get(k))
    if changed:
        raise RulePackError(
            f"{where}: rule {raw['id']} is already defined in {base.get('_path', 'core.toml')}; a pack may add "
            f"patterns, examples and its language's title and advice, not change {', '.join(changed)}")
    return {**base, **raw}


def _rule(raw: dict, language: str, where: str, validate: bool, base: dict | None = None) -> Rule:
    if isinstance(raw, dict) and base is not None and "id" in raw:
        raw = _extend(raw, base, f"{where}: rule {raw['id']}")
    _check_head(raw, where)
    rid = raw["id"]
    where = f"{where}: rule {rid}"
    requires = tuple(tuple(group) for group in raw.get("requires", ()))
    patterns = tuple(raw.get("patterns", ()))
    keywords = frozenset(k.lower() for k in raw.get("keywords", ()))
    frames = _frames(raw.get("frames", ()), where)
    _check_recogniser(patterns, requires, frames, keywords, where, validate, raw.get("check", ""))
    matches, no_matches = _examples(raw, where, required=not raw.get("_generated"))
    harms = tuple(raw.get("harm", CATEGORY_HARMS.get(raw["category"], ())))
    unknown = [h for h in harms if h not in HARMS]
    if unknown:
        raise RulePackError(f"{where}: unknown harm {', '.join(map(repr, unknown))}; one of {', '.join(HARMS)}")
    return Rule(
        id=rid, title=raw["title"], category=raw["category"], indicator=raw["indicator"],
        severity=raw["severity"], confidence=raw["confidence"], weight=float(raw["weight"]),
        rationale=raw["rationale"].strip(), advice=raw["advice"].strip(),
        references=tuple(raw.get("references", ())), language=language, keywords=keywords,
        patterns=patterns, negation=bool(raw.get("negation", True)),
        hypothetical=bool(raw.get("hypothetical", True)), requires=requires,
        matches=matches, no_matches=no_matches, frames=frames, harms=harms, check=raw.get("check", ""),
        supporting=bool(raw.get("supporting", False)),
    )


def _context(raw: dict, where: str, validate: bool = True) -> ContextCues:
    if not isinstance(raw, dict):
        raise RulePackError(f"{where}: [context] must be a table")
    _check_types(raw, CONTEXT_FIELDS, f"{where}: [context]")
    try:
        # a cue of several words ("sin embargo", "ni un", "无需") cannot be one token: a terminator is known
        # by its last word, a negation is looked for as a phrase before the trigger
        cue = _compile if validate else (lambda pattern, _: LazyPattern(pattern, re.IGNORECASE))
        words = [n.strip() for n in raw["negation"] if len(entry_words(n)) == 1]
        phrases = [_phrase_pattern(n.strip()) for n in raw["negation"] if len(entry_words(n)) > 1]
        return ContextCues(
            negation=tuple(words),
            pre_negation=cue(r"(?:" + "|".join([*raw["pre_negation"], *phrases]) + r")", f"{where}: pre_negation"),
            post_negation=cue(r"^(?:" + "|".join(raw["post_negation"]) + r")", f"{where}: post_negation"),
            hypothetical=cue(r"(?:" + "|".join(raw["hypothetical"]) + r")", f"{where}: hypothetical"),
            terminators=tuple(entry_words(t)[-1] for t in raw["terminators"] if t.strip()),
            closing=tuple(raw["closing"]),
            window=int(raw.get("window", 7)),
            tokens_per_word=int(raw.get("tokens_per_word", 1)),
            frame_breaks=tuple(raw.get("frame_breaks", ())),
        )
    except KeyError as exc:
        raise RulePackError(f"{where}: [context] lacks {exc.args[0]}") from None


def _phrase_pattern(phrase: str) -> str:
    """A cue of several words as a regex: whole words at its edges, where a letter other than a Han
    character could run on ("ni un" not in "ni una"; "无需" inside "公司无需")."""
    body = re.escape(phrase)
    head = "" if HAN_RUN.match(phrase[0]) else r"\b"
    tail = "" if HAN_RUN.match(phrase[-1]) else r"\b"
    return head + body + tail


def _check_references(rules: tuple[Rule, ...], path: str, known_ids: Iterable[str] = ()) -> None:
    """Rule ids unique in the pack, and every combination refers to a rule, prefix or category there or in core."""
    ids = [r.id for r in rules]
    dupes = sorted({i for i in ids if ids.count(i) > 1})
    if dupes:
        raise RulePackError(f"{path}: duplicate rule ids {', '.join(dupes)}")
    every = set(ids) | set(known_ids)
    known = every | set(CATEGORIES)
    for r in rules:
        for group in r.requires:
            for ref in group:
                if ref not in known and ref not in BUILT_IN and not any(i.startswith(ref) for i in every):
                    raise RulePackError(f"{path}: rule {r.id} requires unknown rule or category {ref!r}")


def _read_toml(data: bytes, path: str) -> dict:
    def parse(raw: bytes) -> dict:
        try:
            return tomllib.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            raise RulePackError(f"{path}: not a valid TOML rule pack: {exc}") from None

    return parsed(data, parse)


def _head(raw: dict, path: str) -> dict:
    head = raw.get("pack", {})
    if not isinstance(head, dict):
        raise RulePackError(f"{path}: [pack] must be a table")
    for key in ("id", "language", "description", "name"):
        if key in head and not isinstance(head[key], str):
            raise RulePackError(f"{path}: [pack] {key} must be a text, not {head[key]!r}")
    if not isinstance(raw.get("rule", []), list):
        raise RulePackError(f"{path}: rules must be [[rule]] tables")
    return head


def _word_lists(raw: object, table: str, path: str) -> dict[str, list[str]]:
    """A table of named lists of texts (``[concepts]``, ``[forms]``), checked."""
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        raise RulePackError(f"{path}: [{table}] must be a table of lists of words")
    for name, entries in raw.items():
        if not isinstance(entries, list) or not all(isinstance(e, str) and e.strip() for e in entries):
            raise RulePackError(f"{path}: [{table}] {name} must be a list of words or phrases")
        if table == "concepts":
            if not CONCEPT_NAME.match(name):
                raise RulePackError(f"{path}: [concepts] {name!r} is not a concept name (lower-case words joined by _)")
            # a stem alone catches every word it starts; inside a phrase the other words narrow it down
            short = [e for e in entries if (w := entry_words(e)) and
                     any(x.endswith("*") and len(x) - 1 < (MIN_STEM if len(w) == 1 else 2) for x in w)]
            if short:
                raise RulePackError(f"{path}: [concepts] {name}: stems need at least {MIN_STEM} letters before the * (2 inside a phrase; "
                                    f"a Han character is a word of its own, so it takes no *): {', '.join(short)}")
    return raw


def _ui(raw: object, path: str) -> dict:
    """The report's words: texts, lists of texts, and tables of texts that name a template's blank
    in the language ([ui.region]: currency code -> the region whose typical wage PAY004 quotes)."""
    if raw is None:
        return {}

    def texts(v: object) -> bool:
        return isinstance(v, str) or (isinstance(v, list) and all(isinstance(x, str) for x in v))

    if not isinstance(raw, dict) or not all(
            texts(v) or (isinstance(v, dict) and all(isinstance(x, str) for x in v.values())) for v in raw.values()):
        raise RulePackError(f"{path}: [ui] must be a table of texts (or lists of texts, or tables of texts)")
    return dict(raw)


def parse_pack(data: bytes, path: str, validate: bool = True, inherit: dict | None = None,
               definitions: dict[str, dict] | None = None, forms: bytes | None = None) -> RulePack:
    """Validate a pack's bytes; every problem is a RulePackError naming the file and the rule.

    ``validate=False`` leaves pattern compilation to first use: the built-in packs are compiled
    in full by the test suite, and a single check should not pay for rules it never tries.
    ``inherit`` fills in the context cues the pack's own [context] table leaves out.
    ``definitions`` are the rules of core.toml, which a language pack's entries add to; when the
    pack has concepts, every rule made of frames is recognised in it, listed or not.
    ``forms``: the bytes of the pack's generated forms.toml (inflections of its concept words).
    """
    raw = _read_toml(data, path)
    head = _head(raw, path)
    language = head.get("language", "en")
    definitions = {k: v for k, v in (definitions or {}).items() if v.get("_path") != path}
    known = list(definitions) + [r.get("id") for r in raw.get("rule", ()) if isinstance(r, dict)]
    concepts = _word_lists(raw.get("concepts"), "concepts", path)
    entries = raw.get("rule", ())
    if language == ANY:  # core.toml: only the rules that read surfaces or other rules are matched as they stand
        entries = [r for r in entries if not isinstance(r, dict) or r.get("patterns") or r.get("requires") or r.get("check")]
    rules = [_rule(r, language, path, validate, definitions.get(r.get("id")) if isinstance(r, dict) else None)
             for r in entries]
    if concepts:
        listed = {r.id for r in rules}
        rules += [_rule({**d, "_generated": True}, language, path, validate) for rid, d in definitions.items()
                  if rid not in listed and d.get("frames") and not d.get("patterns")]
        order = {rid: i for i, rid in enumerate(definitions)}
        rules.sort(key=lambda r: order.get(r.id, len(order)))
    rules = tuple(rules)
    _check_references(rules, path, known)
    context = raw.get("context", {})
    if isinstance(context, dict) and inherit:
        context = {**inherit, **context}
    def form_table() -> dict:
        if not forms:
            return {}
        return _word_lists(_read_toml(forms, path.replace("pack.toml", "forms.toml")).get("forms"), "forms", path)
    sha = hashlib.sha256(data + (forms or b"")).hexdigest()
    return RulePack(
        id=head.get("id", Path(path).stem), language=language, version=str(head.get("version", "0")),
        description=head.get("description", ""), rules=rules,
        context=_context(context, path, validate) if language != ANY else None,
        sha256=sha, path=path, name=head.get("name", ""),
        lexicon=Lexicon(concepts, form_table) if concepts else None, ui=_ui(raw.get("ui"), path),
    )


def _folder() -> Traversable:
    return resources.files("redflag.rules") / "packs"


@functools.lru_cache(maxsize=1)
def definitions() -> dict[str, dict]:
    """The rules of core.toml as raw tables, in their order: what every language pack adds to."""
    path = "redflag/rules/packs/core.toml"
    raw = _read_toml((_folder() / "core.toml").read_bytes(), path)
    return {r["id"]: {**r, "_path": path} for r in raw.get("rule", ()) if isinstance(r, dict) and "id" in r}


def _language_folders() -> list[Traversable]:
    return sorted((e for e in _folder().iterdir() if e.is_dir() and (e / "pack.toml").is_file()), key=lambda e: e.name)


@functools.lru_cache(maxsize=32)
def builtin_context(language: str) -> dict | None:
    """The raw [context] table of the built-in pack of ``language``, for user packs that give only part of one."""
    for entry in _language_folders():
        raw = tomllib.loads((entry / "pack.toml").read_text(encoding="utf-8"))
        if raw.get("pack", {}).get("language", "en") == language:
            return dict(raw.get("context", {}))
    return None


def language_codes() -> tuple[str, ...]:
    """The languages of the built-in packs, by folder name (their ISO 639-1 codes)."""
    return tuple(e.name for e in _language_folders())


def _read_pack_files(where: Traversable | Path) -> tuple[bytes, bytes | None]:
    """A pack's pack.toml and, when it has one, its generated forms.toml."""
    forms = where / "forms.toml"
    return (where / "pack.toml").read_bytes(), forms.read_bytes() if forms.is_file() else None


def load_pack(path: str | Path) -> RulePack:
    """Load a pack of the user's: a TOML file, or a language folder holding pack.toml (and forms.toml)."""
    p = Path(path)
    try:
        if p.is_dir():
            data, forms = _read_pack_files(p)
            name = str(p / "pack.toml")
        else:
            data, forms, name = p.read_bytes(), None, str(p)
    except OSError as exc:
        raise RulePackError(f"cannot read rule pack {p}: {exc.strerror}") from None
    language = _head(_read_toml(data, name), name).get("language", "en")
    return parse_pack(data, name, inherit=builtin_context(language), definitions=definitions(), forms=forms)


@functools.lru_cache(maxsize=2)
def _builtin(validate: bool) -> tuple[RulePack, ...]:
    core = "redflag/rules/packs/core.toml"
    defs = definitions()
    packs = [parse_pack((_folder() / "core.toml").read_bytes(), core, validate, definitions=defs)]
    for entry in _language_folders():
        data, forms = _read_pack_files(entry)
        packs.append(parse_pack(data, f"redflag/rules/packs/{entry.name}/pack.toml", validate, definitions=defs, forms=forms))
    return tuple(packs)


def builtin_packs(validate: bool = False) -> list[RulePack]:
    """The packs shipped inside the package: core.toml first, then one per language folder, by name."""
    return list(_builtin(validate))


def builtin_pack(language: str) -> RulePack:
    """The built-in pack of one language (``"any"``: core.toml)."""
    for pack in _builtin(False):
        if pack.language == language:
            return pack
    raise RulePackError(f"no built-in rule pack for language {language!r}")


def _meaning(rule: Rule) -> tuple:
    return (rule.category, rule.indicator, rule.severity, rule.confidence, rule.weight, rule.rationale,
            rule.references, rule.negation, rule.hypothetical, rule.requires, rule.harms)


def unique_ids(packs: Iterable[RulePack]) -> list[RulePack]:
    """The packs, refused when two of them give one rule id two meanings (a rule id is one red flag)."""
    packs = list(packs)
    first: dict[str, tuple[tuple, str]] = {}
    for pack in packs:
        for rule in pack.rules:
            seen = first.setdefault(rule.id, (_meaning(rule), pack.path))
            if seen[0] != _meaning(rule):
                raise RulePackError(f"{pack.path}: rule {rule.id} is already defined in {seen[1]}")
    return packs


def packs_with(paths: Iterable[str | Path] = ()) -> list[RulePack]:
    """The built-in packs plus the user's, each rule id meaning one thing across all of them."""
    return unique_ids(builtin_packs() + [load_pack(p) for p in paths])


def check_codes(packs: Iterable[RulePack], codes: Iterable[str], option: str) -> None:
    """Refuse a rule code or prefix that names no rule of these packs, as ruff does (``--select NOPE``)."""
    ids = [rule.id for pack in packs for rule in pack.rules]
    unknown = [code for code in codes if not any(i.startswith(code) for i in ids)]
    if unknown:
        raise RulePackError(f"{option}: no rule code or prefix {', '.join(unknown)}; 'redflag rules' lists them")
