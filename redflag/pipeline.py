"""The path of one ad: normalise, match rules with context, score with the model, fuse, assemble a Result.

A ``Checker`` is built once (rule packs compiled, model verified and loaded, weights read) and
then checks any number of ads. It never prints: renderers format the ``Result`` it returns.
"""

from __future__ import annotations

import copy
import hashlib
import os
import threading
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from redflag import __version__
from redflag.config import Config
from redflag.errors import InputError
from redflag.fusion import MODEL_FULL_WORDS, FusionWeights, fuse, load_weights, strong_signs
from redflag.result import Flag, ModelOutput, Result, Suppression
from redflag.rules.engine import Hit, RuleEngine
from redflag.rules.loader import check_codes, packs_with
from redflag.text.gaps import has_words
from redflag.text.language import UNKNOWN, Languages, detect
from redflag.text.normalise import Normalised, normalise

MODELS_DIR = Path(os.environ.get("REDFLAG_MODELS", Path(__file__).resolve().parent.parent / "models"))
DEFAULT_MODEL = MODELS_DIR / "default.npz"
FUSION_SUFFIX = ".fusion.json"
SHORT_AD = 400  # characters: below this, language detection is a guess and every pack reads the ad


def fusion_path(model_path: Path) -> Path:
    """The fusion weights learned together with a model sit beside it: NAME.fusion.json."""
    name = model_path.name
    for suffix in (".card.json", ".joblib", ".npz"):
        if name.endswith(suffix):
            name = name[: -len(suffix)]
            break
    return model_path.with_name(name + FUSION_SUFFIX)


class Checker:
    """Compiled rules, a verified model and fusion weights, ready to check ads."""

    def __init__(self, config: Config = Config()) -> None:
        self.config = config
        packs = packs_with(config.packs)
        check_codes(packs, config.select, "--select")
        check_codes(packs, config.ignore, "--ignore")
        self.engine = RuleEngine(packs, select=config.select, ignore=config.ignore)
        self.model = self._load_model()
        self.weights = self._load_weights()
        self.version = self._version()

    def languages(self, norm: Normalised) -> tuple[Languages, set[str] | None]:
        """The ad's languages, and the packs to read it with (None: all of them).

        ``--lang`` decides alone. Otherwise the detected languages, and English, whose loanwords
        ("placement fee", "visa", "hostess") run through job ads in every language. A text CLD2 cannot
        place, or a short one it places in a language without a pack, is read with every pack.
        """
        if self.config.lang:
            return Languages(self.config.lang, (self.config.lang,)), {self.config.lang, "en"}
        found = detect(norm.text)
        if not found.reliable or (len(norm.text) < SHORT_AD and found.main not in self.engine.languages):
            return found, None
        return found, {*found.all, "en"}

    def derived(self, *, ui_lang: str | None = None, region: str | None = None) -> "Checker":
        """This checker's compiled rules, model and weights under another report language or phone region,
        without compiling or loading anything again (the local page lets each request choose both)."""
        other = copy.copy(self)
        other.config = replace(self.config, ui_lang=ui_lang or self.config.ui_lang, region=region or self.config.region)
        return other

    def hits(self, text: str) -> tuple[tuple[Hit, ...], tuple[Suppression, ...]]:
        """Normalise one ad and match the rules: hits and suppressed triggers (no model, no fusion)."""
        return self._match(normalise(text))[:2]

    def _match(self, norm: Normalised) -> tuple[tuple[Hit, ...], tuple[Suppression, ...], Languages]:
        langs, read = self.languages(norm)
        if self.config.lang:
            parts = ((self.config.lang, 0, len(norm.text)),)
        else:
            parts = langs.parts if read is not None else ()
        matches = self.engine.match(norm, read, parts)
        return matches.hits, matches.suppressed, langs

    def check(self, text: str) -> Result:
        """Check one ad and return everything known about it."""
        if not text or not text.strip():
            raise InputError("the ad is empty")
        norm = normalise(text)
        if not has_words(norm.text):
            raise InputError("the ad is empty: no letters or digits are left once markup and invisible characters are removed")
        hits, suppressed, langs = self._match(norm)
        model_out = self.model.explain(text, top_k=self.config.top_terms) if self.model is not None else None
        return self.assemble(text, hits, suppressed, model_out, langs)

    def check_many(self, texts: Sequence[str], explain: bool = False) -> list[Result]:
        """Check a batch: one vectorised model call for all ads, rules ad by ad.

        Without ``explain`` the model's per-term explanation is skipped (it costs more than the
        probability); with it every result carries its top terms, as ``check`` does.
        Every text must be non-empty; batch callers validate rows first and report bad ones.
        """
        probabilities = None
        if self.model is not None and not explain:
            probabilities = self.model.predict_proba(list(texts))
        results = []
        for i, text in enumerate(texts):
            hits, suppressed, langs = self._match(normalise(text))
            if self.model is None:
                model_out = None
            elif explain:
                model_out = self.model.explain(text, top_k=self.config.top_terms)
            else:
                model_out = ModelOutput(probability=float(probabilities[i]), name=self.model.name)
            results.append(self.assemble(text, hits, suppressed, model_out, langs))
        return results

    def assemble(self, text: str, hits: Sequence[Hit], suppressed: Sequence[Suppression], model_out: ModelOutput | None,
                 langs: Languages | None = None) -> Result:
        """Fuse rule hits and model output into a Result (shared by single and batch checks)."""
        langs = langs or Languages(UNKNOWN, ())
        points = [(h.rule.id, self.weights.points(h.rule.id, h.rule.weight)) for h in hits]
        probability = model_out.probability if model_out is not None else None
        score, level, components = fuse(points, probability, self.weights, strong_signs(h.rule for h in hits),
                                        self.model.words_read(text, MODEL_FULL_WORDS) if probability is not None else None)
        # the main language, else another one read in the ad that has a pack (CLD2 may call a short
        # Bulgarian or Russian ad Serbian, with Bulgarian second), else English
        ui = self.config.ui_lang or next((code for code in (langs.main, *langs.all) if code in self.engine.languages), "en")
        flags = tuple(_flag(h, pts, *self.engine.display(h.rule.id, ui), self.engine.explain(h.note, ui))
                      for h, (_, pts) in zip(hits, points))
        entities = self._entities(text) if self.config.entities else ()
        result = Result(
            score=score, level=level, flags=flags, suppressed=tuple(suppressed), components=components,
            model=model_out, entities=entities, text_length=len(text), version=self.version,
            lang=langs.main, langs=langs.all, ui_lang=ui,
        )
        if self.config.redact:
            from redflag.entities.redaction import redact_result

            result = redact_result(result, text)[0]
        return result

    def _load_model(self):
        if not self.config.use_model:
            return None
        path = Path(self.config.model) if self.config.model else DEFAULT_MODEL
        if self.config.model is None and not path.exists():
            return None
        from redflag.model import load  # numpy only; scikit-learn is never imported to score

        return load(path)

    def _load_weights(self) -> FusionWeights:
        if self.config.weights:
            return load_weights(self.config.weights)
        if self.model is not None:
            beside = fusion_path(Path(self.model.path))
            if beside.exists():
                return load_weights(beside)
        return FusionWeights()

    def _version(self) -> dict:
        """What produced the results: package, rule packs, weights and model, with their hashes."""
        rules_hash = hashlib.sha256("".join(p.sha256 for p in self.engine.packs).encode()).hexdigest()
        version = {
            "redflag": __version__,
            "rules": {p.id: p.version for p in self.engine.packs},
            "rules_sha256": rules_hash,
            "weights": self.weights.name,
        }
        if self.weights.sha256:
            version["weights_sha256"] = self.weights.sha256
        if self.model is not None:
            version["model"] = getattr(self.model, "name", "model")
            version["model_sha256"] = self.model.card.get("files", {}).get("npz", {}).get("sha256", "")
        return version

    def _entities(self, text: str) -> tuple:
        try:
            from redflag.entities import extract
        except ImportError:
            return ()
        return extract(text, region=self.config.region)


def _flag(hit: Hit, points: float, title: str, advice: str, explanation: str = "") -> Flag:
    """The Result's view of a fired rule, with the points it added, titled in the reader's language."""
    r = hit.rule
    return Flag(
        id=r.id, title=title, category=r.category, severity=r.severity, confidence=r.confidence,
        indicator=r.indicator, weight=points, rationale=r.rationale, advice=advice,
        evidence=hit.evidence, requires=tuple("|".join(g) for g in r.requires), harms=r.harms,
        explanation=explanation, figures=hit.note.figures if hit.note is not None else (),
    )


_LOCAL = threading.local()


def checker_for(config: Config) -> Checker:
    """One Checker per process (and thread: a model's caches are not thread-safe) and config, built once."""
    cache = getattr(_LOCAL, "checkers", None)
    if cache is None:
        cache = _LOCAL.checkers = {}
    checker = cache.get(config)
    if checker is None:
        if len(cache) >= 4:
            cache.clear()
        checker = cache[config] = Checker(config)
    return checker
