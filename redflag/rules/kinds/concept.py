"""Concept rules: a frame of ideas (a document noun + a keep verb, a pay verb + an amount + hiring
paperwork) found in one sentence, in whatever words the ad's language uses for them.

The words come from the language pack's lexicon (``redflag.rules.concepts``); the evidence is the
exact text from the first word of the frame to the last, and the pack's context cues decide, as
for pattern rules, whether a negation, a warning or someone else paying switches it off.
"""

from __future__ import annotations

from itertools import product
from typing import ClassVar

from redflag.rules.concepts import BUILT_IN, Use
from redflag.rules.kinds.base import NOTHING, Ad, Found, Quotes
from redflag.rules.schema import ContextCues, Frame, Rule

_MAX_CHOICES = 12  # uses of one concept tried per sentence: enough for any real ad, bounded for a hostile one
_MAX_SPANS = 4  # spans of one sentence tried in turn when the context switches the tighter ones off


class ConceptMatcher:
    """One rule's frames, in one language, ready to look for their concepts in any ad."""

    reads_hits: ClassVar[bool] = False

    def __init__(self, rule: Rule, cues: ContextCues) -> None:
        self.rule = rule
        self.cues = cues
        self.concepts = frozenset().union(*(f.concepts for f in rule.frames))
        self.built_in = tuple(sorted(c for c in self.concepts if c in BUILT_IN))
        self.triggers = _triggers(rule.frames)  # the engine runs the rule only when one of them is in the ad
        self.tokens_per_word = cues.tokens_per_word if cues is not None else 1  # ``near`` is in words, distances in tokens
        self.breaks = cues.frame_breaks if cues is not None else ()  # marks a frame may not reach across

    def match(self, ad: Ad) -> Found:
        """The rule's evidence where a whole frame stands in one sentence, near enough together."""
        uses = ad.uses.get(self.rule.language)
        if not uses:
            return NOTHING
        present = ad.present(self.rule.language)
        frames = [f for f in self.rule.frames if all(any(c in present or c in BUILT_IN for c in g) for g in f.groups)]
        if not frames:
            return NOTHING
        found = [u for u in uses if u.concept in self.concepts]
        for name in self.built_in:
            found += ad.built_in(name)
        found.sort(key=lambda u: (u.start, u.end))
        quotes = Quotes(self.rule, self.cues, ad)
        for frame in frames:
            for sentence in self._spans(frame, found, ad, frame.near * self.tokens_per_word, self.breaks):
                for a, b, keep in sentence:  # tightest first: a looser one is tried when context switches it off
                    if quotes.full or quotes.offer(a, b, keep):
                        break
        return quotes.found()

    @staticmethod
    def _spans(frame: Frame, found: list[Use], ad: Ad, near: int,
               breaks: tuple[str, ...] = ()) -> list[list[tuple[int, int, tuple[tuple[int, int], ...]]]]:
        """For each sentence holding one use of every group of the frame, no more than ``near`` tokens
        apart and with none of ``breaks`` between them, its candidate character spans (tightest first,
        at most _MAX_SPANS), each with the spans of the pack's words inside it.

        A frame of one concept gives every use on its own, the longest first where two start together."""
        by_sentence: dict[int, list[Use]] = {}
        for u in found:
            by_sentence.setdefault(ad.sentence_of(u.start), []).append(u)
        out = []
        for sentence, here in sorted(by_sentence.items()):
            if frame.none and any(u.concept in frame.none for u in here):
                continue
            choices = []
            for group in frame.groups:
                members = [u for u in here if u.concept in group][:_MAX_CHOICES]
                if not members:
                    break
                choices.append(members)
            else:
                if len(choices) == 1:
                    for u in sorted(choices[0], key=lambda u: (u.start, -u.end)):
                        out.append([(u.start, u.end, ((u.start, u.end),))])
                    continue
                spans = set()
                for combo in product(*choices):
                    if _words_apart(combo) > near or _overlap(combo):
                        continue
                    a, b = min(u.start for u in combo), max(u.end for u in combo)
                    if frame.between and any(u.concept in frame.between and a < u.start and u.end < b for u in here):
                        continue
                    if breaks and any(mark in ad.lowered[a:b] for mark in breaks):
                        continue
                    spans.add((a, b, tuple(sorted((u.start, u.end) for u in combo))))
                if spans:
                    out.append(sorted(spans, key=lambda s: (s[1] - s[0], s[0]))[:_MAX_SPANS])
        return out


def _words_apart(combo: tuple[Use, ...]) -> int:
    """Tokens from the first token of a frame's first concept to the last token of its last one."""
    first = min(u.first for u in combo)
    last = max(max(u.last - 1, u.first) for u in combo)
    return last - first


def _triggers(frames: tuple[Frame, ...]) -> frozenset[str] | None:
    """Concepts of which at least one must be in an ad for any frame to stand (a group of words from
    each frame), or None when some frame is made of built-in concepts only."""
    found: set[str] = set()
    for frame in frames:
        words = [g for g in frame.groups if not any(c in BUILT_IN for c in g)]
        if not words:
            return None
        found.update(words[0])
    return frozenset(found)


def _overlap(combo: tuple[Use, ...]) -> bool:
    """Two groups met by the same words ("visa fee" is not both a visa and a fee plus a payment)."""
    spans = sorted((u.start, u.end) for u in combo)
    return any(spans[i][1] > spans[i + 1][0] for i in range(len(spans) - 1))
