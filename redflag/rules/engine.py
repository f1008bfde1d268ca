"""Match the selected rules of the loaded packs against a normalised ad, in the languages it is
written in: rules that read text first, each only when the keyword index or its language's
concepts say it could fire, then the kinds that read their hits."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass

from redflag.result import Evidence, Explanation, Suppression
from redflag.rules.keywords import KeywordIndex
from redflag.rules.kinds import Ad, Hit, Matcher, matchers_for
from redflag.rules.kinds.base import MAX_EVIDENCE
from redflag.rules.kinds.concept import ConceptMatcher
from redflag.rules.kinds.pattern import PatternMatcher
from redflag.rules.loader import ANY, definitions
from redflag.rules.schema import Rule, RulePack
from redflag.text.normalise import Normalised

__all__ = ["MAX_EVIDENCE", "MAX_SUPPRESSED", "Hit", "Matches", "RuleEngine", "lower_in_place", "selected"]

MAX_SUPPRESSED = 50


@dataclass(frozen=True, slots=True)
class Matches:
    """All hits of one ad, plus the triggers its context switched off."""

    hits: tuple[Hit, ...]
    suppressed: tuple[Suppression, ...]


def lower_in_place(text: str) -> str:
    """``text`` lower-cased one character for one, so offsets still hold: "İ" (U+0130), whose lower
    case is two characters, becomes "i" instead of turning lower-casing off for the whole ad."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    wide = {ord(c): c.lower()[0] for c in set(text) if len(c.lower()) != 1}
    return text.translate(wide).lower()


def selected(rule_id: str, select: Sequence[str], ignore: Sequence[str]) -> bool:
    """ruff-style selection: a code or prefix in ``select`` keeps a rule, one in ``ignore`` drops it."""
    if select and not any(rule_id.startswith(s) for s in select):
        return False
    return not any(rule_id.startswith(i) for i in ignore)


def _merge(first: Hit, more: Hit) -> Hit:
    """One rule recognised in two languages (or by two kinds) fires once, quoting both."""
    spans = {(e.start, e.end): e for e in (*first.evidence, *more.evidence)}
    # a phrase inside another one quoted already adds nothing ("give their ID" in "give their ID cards")
    kept = [e for e in spans.values()
            if not any(o is not e and o.start <= e.start and e.end <= o.end for o in spans.values())]
    evidence: tuple[Evidence, ...] = tuple(sorted(kept, key=lambda e: e.start)[:MAX_EVIDENCE])
    return Hit(rule=first.rule, evidence=evidence, note=first.note or more.note)


class RuleEngine:
    """Rule packs ready for matching: a keyword index so each ad only runs the rules it could fire."""

    def __init__(self, packs: Iterable[RulePack], select: Sequence[str] = (), ignore: Sequence[str] = ()) -> None:
        self.packs = tuple(packs)
        matchers: list[Matcher] = [
            m for pack in self.packs for rule in pack.rules if selected(rule.id, select, ignore)
            for m in matchers_for(rule, pack.context)
        ]
        shown: dict[str, Rule] = {}  # each id as reports show it by default: its English (or first) entry
        for m in matchers:
            if m.rule.id not in shown or (m.rule.language == "en" and shown[m.rule.id].language != "en"):
                shown[m.rule.id] = m.rule
        defined = definitions()
        order = [rid for rid in defined if rid in shown] + [rid for rid in shown if rid not in defined]  # core.toml's, then new ids
        self._order = {rid: i for i, rid in enumerate(order)}
        self.rules: tuple[Rule, ...] = tuple(shown[rid] for rid in order)
        self._by_id = {r.id: r for r in self.rules}
        self._texts = {(m.rule.id, m.rule.language): (m.rule.title, m.rule.advice) for m in matchers}
        for p in self.packs:  # the rules only core.toml matches (EMP002, CMB...) are titled in a pack's [ui]
            for key, title in (p.ui or {}).items():
                if key.startswith("title_") and isinstance(title, str):
                    rid = key[len("title_"):]
                    advice = p.ui.get(f"advice_{rid}")
                    self._texts.setdefault((rid, p.language), (title, advice if isinstance(advice, str) else ""))
        self.languages: tuple[str, ...] = tuple(p.language for p in self.packs if p.language != ANY)
        self._ui = {p.language: p.ui for p in self.packs if p.ui}
        self._cues = {p.language: p.context for p in self.packs if p.context is not None}
        self._lexicons = {p.language: p.lexicon for p in self.packs if p.lexicon is not None}
        self._keyed = {m.rule.key: m for m in matchers if isinstance(m, PatternMatcher)}
        self._concepts = tuple(m for m in matchers if isinstance(m, ConceptMatcher))
        self._after = tuple(m for m in matchers if m.reads_hits)
        self._others = tuple(m for m in matchers if not m.reads_hits and not isinstance(m, (PatternMatcher, ConceptMatcher)))
        self._index = KeywordIndex({key: m.rule.keywords for key, m in self._keyed.items()})

    def display(self, rule_id: str, lang: str) -> tuple[str, str]:
        """A rule's title and advice in ``lang`` when its pack has them, else as core.toml gives them."""
        return self._texts.get((rule_id, lang)) or self._texts.get((rule_id, "en")) or (
            (r.title, r.advice) if (r := self._by_id.get(rule_id)) else (rule_id, ""))

    def explain(self, note: Explanation | None, lang: str) -> str:
        """A hit's arithmetic in ``lang``, through its pack's [ui] template (English when it has none)."""
        if note is None:
            return ""
        for code in (lang, "en"):
            ui = self._ui.get(code, {})
            template = ui.get(note.template)
            if isinstance(template, str) and (text := note.text(template, ui)):
                return text
        return ""

    def rule(self, rule_id: str) -> Rule | None:
        """Look a rule up by id."""
        return self._by_id.get(rule_id)

    def candidates(self, lowered: str) -> dict[str, list[int]]:
        """Matcher key (``ID@language``) -> positions of its keywords in ``lowered``, for the pattern rules that could fire."""
        return self._index.places(lowered)[0]

    def match(self, norm: Normalised, languages: Collection[str] | None = None,
              parts: Sequence[tuple[str, int, int]] = ()) -> Matches:
        """Every rule hit in the ad, read in ``languages`` (every pack's when None), evidence mapped back to the original text.

        ``parts``: (language, start, end) stretches of ``norm.text``, when known; a trigger's context
        is then read with the cues of its own stretch's language."""
        text = norm.text
        lowered = lower_in_place(text)
        fold = len(lowered) == len(text)  # lower-casing kept every offset, so the fast patterns apply
        if not fold:
            lowered = text
        active = set(self.languages if languages is None else languages)
        active.add(ANY)
        near, places = self._index.places(lowered)
        suppressed: list[Suppression] = []
        ad = Ad(norm=norm, lowered=lowered, fold=fold, places=places, near=near, hits=[],
                cues={lang: c for lang, c in self._cues.items() if lang in active},
                lexicons={lang: lex for lang, lex in self._lexicons.items() if lang in active}, parts=parts)
        found_by: dict[str, Hit] = {}

        def record(matcher: Matcher) -> None:
            found = matcher.match(ad)
            if found.suppressed and len(suppressed) < MAX_SUPPRESSED:
                suppressed.extend(found.suppressed[: MAX_SUPPRESSED - len(suppressed)])
            if found.evidence:
                hit = Hit(rule=matcher.rule, evidence=found.evidence, note=found.note)
                rid = matcher.rule.id
                found_by[rid] = _merge(found_by[rid], hit) if rid in found_by else hit

        for key in sorted(near, key=lambda k: self._order[self._keyed[k].rule.id]):  # pack order, as without the index
            matcher = self._keyed[key]
            if matcher.rule.language in active:
                record(matcher)
        if ad.lexicons:
            for matcher in self._concepts:
                lang = matcher.rule.language
                if lang in ad.lexicons and (matcher.triggers is None or not matcher.triggers.isdisjoint(ad.present(lang))):
                    record(matcher)
        for matcher in self._others:  # kinds that read the text their own way (pay per hour)
            if matcher.rule.language in active:
                record(matcher)
        suppressed[:] = list({(x.rule_id, x.evidence.start, x.evidence.end): x for x in suppressed}.values())
        hits = sorted(found_by.values(), key=lambda h: self._order[h.rule.id])  # core order, whatever the language
        ad.hits.extend(hits)
        # the kinds that read hits see the text rules' hits only, not one another's
        later = [Hit(rule=m.rule, evidence=f.evidence, note=f.note) for m in self._after if (f := m.match(ad)).evidence]
        return Matches(hits=tuple(hits + later), suppressed=tuple(suppressed))
