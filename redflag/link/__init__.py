"""Link ads into networks by shared contact identifiers and near-duplicate text.

Exploitative recruiters post the same template on many sites with the same phone or handle;
grouping ads that way turns single suspicious ads into visible operations.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Any, Iterable, Mapping

import numpy as np

from redflag.entities import DEFAULT_SALT, IDENTIFIER_KINDS, Entity, extract, link_key, redaction_token
from redflag.errors import InputError

__all__ = ["Cluster", "SharedIdentifier", "link_records", "link_frame", "COMMON_DOMAINS"]

# Domains shared by unrelated advertisers: a link *to* them says nothing about who posted the ad.
COMMON_DOMAINS = frozenset("""
gmail.com googlemail.com yahoo.com yahoo.co.uk yahoo.fr ymail.com hotmail.com hotmail.co.uk hotmail.fr
outlook.com live.com msn.com aol.com icloud.com me.com mail.com gmx.com gmx.de gmx.net web.de yandex.ru
yandex.com mail.ru bk.ru list.ru inbox.ru rambler.ru ukr.net qq.com 163.com 126.com sina.com proton.me
protonmail.com zoho.com tutanota.com rediffmail.com libero.it wp.pl o2.pl interia.pl seznam.cz abv.bg
facebook.com fb.com fb.me instagram.com twitter.com x.com linkedin.com youtube.com youtu.be tiktok.com
google.com goo.gl forms.gle bit.ly tinyurl.com t.co ow.ly wa.me whatsapp.com t.me telegram.me
viber.com signal.me skype.com indeed.com monster.com glassdoor.com craigslist.org gumtree.com
reed.co.uk totaljobs.com ziprecruiter.com careerbuilder.com simplyhired.com workable.com jobs.com
wordpress.com blogspot.com wix.com weebly.com squarespace.com github.com apple.com microsoft.com
amazon.com wikipedia.org dropbox.com paypal.com surveymonkey.com typeform.com eventbrite.com
""".split())
HIGH_LEVELS = frozenset({"high", "very high", "very_high", "critical", "severe"})
LOW_LEVELS = frozenset({"low", "none", "minimal", "clean", "ok", "info"})
_KIND_WORDS = {
    "phone": ("phone number", "phone numbers"), "whatsapp": ("WhatsApp number", "WhatsApp numbers"),
    "viber": ("Viber number", "Viber numbers"), "signal": ("Signal number", "Signal numbers"),
    "telegram": ("Telegram account", "Telegram accounts"), "wechat": ("WeChat ID", "WeChat IDs"),
    "instagram": ("Instagram account", "Instagram accounts"), "facebook": ("Facebook account", "Facebook accounts"),
    "email": ("email address", "email addresses"), "domain": ("website", "websites"), "url": ("link", "links"),
}
_NUMBER_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")


@dataclass(frozen=True, kw_only=True, slots=True)
class SharedIdentifier:
    """An identifier found in more than one ad of a cluster."""

    kind: str
    value: str
    ads: int
    high_risk: int = 0
    low_risk: int = 0

    def to_dict(self, redact: bool = False, salt: str = DEFAULT_SALT) -> dict:
        value = redaction_token(self.kind if self.kind != "number" else "phone", self.value, salt) \
            if redact and self.kind not in ("domain", "url") else self.value
        return {"kind": self.kind, "value": value, "ads": self.ads}


@dataclass(frozen=True, kw_only=True, slots=True)
class Cluster:
    """A group of ads tied together by shared identifiers and/or near-identical text."""

    id: str
    ad_ids: tuple[str, ...]
    identifiers: tuple[SharedIdentifier, ...]
    link_kinds: tuple[str, ...]
    sources: tuple[str, ...] = ()
    max_score: float | None = None
    mean_score: float | None = None
    high_risk: int = 0
    watch: tuple[str, ...] = ()

    @property
    def size(self) -> int:
        return len(self.ad_ids)

    @property
    def flagged(self) -> bool:
        """A low-risk ad shares an identifier with high-risk ads: worth a second look."""
        return bool(self.watch)

    def explanation(self, redact: bool = False, salt: str = DEFAULT_SALT) -> str:
        """Why the low-risk ads in ``watch`` deserve a look, in plain words ("" when none do)."""
        if not self.watch:
            return ""
        shared = [i for i in self.identifiers if i.high_risk and i.low_risk]
        what = ", ".join(f"{_count(1, i.kind)[4:]} {i.to_dict(redact, salt)['value']}" for i in shared[:3])
        n = len(self.watch)
        ads = "ad looks" if n == 1 else "ads look"
        return (f"{_number(n)} {ads} low risk but share{'s' if n == 1 else ''} {what} "
                f"with high-risk ads: {', '.join(self.watch[:10])}{' ...' if n > 10 else ''}")

    def summary(self) -> str:
        """One plain-words line, e.g. "one WhatsApp number in 14 ads across 6 sites, 9 of them high risk"."""
        kinds = Counter(i.kind for i in self.identifiers)
        parts = [_count(n, k) for k, n in sorted(kinds.items(), key=lambda kv: (-kv[1], kv[0]))]
        if "near-duplicate" in self.link_kinds:
            parts.append("near-identical text")
        what = _join(parts[:3] + (["more"] if len(parts) > 3 else []))
        line = f"{what} in {self.size} ads"
        if len(self.sources) > 1:
            line += f" across {len(self.sources)} sites"
        elif len(self.sources) == 1:
            line += " on one site"
        if self.max_score is not None or self.high_risk:
            line += f", {_number(self.high_risk) if self.high_risk else 'none'} of them high risk"
        if self.watch:
            line += f"; {_number(len(self.watch))} low-risk {'ad shares' if len(self.watch) == 1 else 'ads share'} an identifier with high-risk ads"
        return line

    def to_dict(self, redact: bool = False, salt: str = DEFAULT_SALT) -> dict:
        return {
            "id": self.id,
            "size": self.size,
            "ad_ids": list(self.ad_ids),
            "identifiers": [i.to_dict(redact, salt) for i in self.identifiers],
            "link_kinds": list(self.link_kinds),
            "sources": list(self.sources),
            "max_score": self.max_score,
            "mean_score": self.mean_score,
            "high_risk": self.high_risk,
            "watch": list(self.watch),
            "explanation": self.explanation(redact, salt),
            "summary": self.summary(),
        }


def _number(n: int) -> str:
    return _NUMBER_WORDS[n] if n < 10 else str(n)


def _count(n: int, kind: str) -> str:
    one, many = _KIND_WORDS.get(kind, (kind, kind + "s"))
    return f"{_number(n)} {one if n == 1 else many}"


def _join(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


# --- near-duplicate text: one-permutation MinHash with rotation densification, LSH banding ---

_WORD = re.compile(r"[a-z0-9]+")
_BINS = 128
_MASK64 = (1 << 64) - 1
_word_cache: dict[str, int] = {}


def _word_hash(word: str) -> int:
    h = _word_cache.get(word)
    if h is None:
        if len(_word_cache) > 2_000_000:
            _word_cache.clear()
        h = int.from_bytes(hashlib.blake2b(word.encode(), digest_size=8).digest(), "little")
        _word_cache[word] = h
    return h


def _mix(x: np.ndarray) -> np.ndarray:
    """64-bit finaliser (splitmix64) so shingle hashes spread evenly over the bins."""
    x = x ^ (x >> np.uint64(30))
    x = x * np.uint64(0xBF58476D1CE4E5B9)
    x = x ^ (x >> np.uint64(27))
    x = x * np.uint64(0x94D049BB133111EB)
    return x ^ (x >> np.uint64(31))


def _signatures(texts: list[str], shingle: int, chunk: int = 4096) -> tuple[np.ndarray, np.ndarray]:
    """MinHash signatures (n x 128, uint32) and a mask of ads long enough to have one."""
    n = len(texts)
    sigs = np.zeros((n, _BINS), dtype=np.uint32)
    ok = np.zeros(n, dtype=bool)
    mults = [np.uint64(m) for m in (0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9,
                                     0xD6E8FEB86659FD93, 0xFF51AFD7ED558CCD)][:shingle]
    empty = np.uint64(_MASK64)
    with np.errstate(over="ignore"):
        for lo in range(0, n, chunk):
            part = texts[lo:lo + chunk]
            flat: list[int] = []
            lens: list[int] = []
            for t in part:
                words = [w if not w.isdigit() else "0" for w in _WORD.findall(t.lower())]
                flat.extend(_word_hash(w) for w in words)
                lens.append(len(words))
            if not flat:
                continue
            h = np.array(flat, dtype=np.uint64)
            owner = np.repeat(np.arange(len(part)), lens)
            m = len(h) - shingle + 1
            if m <= 0:
                continue
            sh = h[:m] * mults[0]
            for j in range(1, shingle):
                sh = sh ^ (h[j:m + j] * mults[j])
            sh = _mix(sh)
            valid = owner[:m] == owner[shingle - 1:]
            sh, own = sh[valid], owner[:m][valid]
            bins = (sh & np.uint64(_BINS - 1)).astype(np.int64)
            vals = sh >> np.uint64(7)
            table = np.full(len(part) * _BINS, empty, dtype=np.uint64)
            np.minimum.at(table, own * _BINS + bins, vals)
            table = table.reshape(len(part), _BINS)
            filled = table != empty
            has = filled.any(axis=1)
            # empty bins borrow the next filled bin to the right (circularly), offset by distance
            cols = np.arange(2 * _BINS)
            pos = np.where(np.concatenate([filled, filled], axis=1), cols, 4 * _BINS)
            nxt = np.minimum.accumulate(pos[:, ::-1], axis=1)[:, ::-1][:, :_BINS]
            nxt = np.where(has[:, None], nxt, np.arange(_BINS))
            dist = (nxt - np.arange(_BINS)).astype(np.uint64)
            src = np.take_along_axis(table, nxt % _BINS, axis=1)
            dense = _mix(src + dist * np.uint64(0x9E3779B97F4A7C15))
            sigs[lo:lo + len(part)] = (dense & np.uint64(0xFFFFFFFF)).astype(np.uint32)
            ok[lo:lo + len(part)] = has
    return sigs, ok


def _bands(threshold: float) -> tuple[int, int]:
    """Bands x rows over 128 bins that best separate pairs above and below ``threshold``."""
    best, best_cost = (16, 8), float("inf")
    s = np.linspace(0.0, 1.0, 201)
    for rows in range(1, _BINS + 1):
        bands = _BINS // rows
        p = 1.0 - (1.0 - s ** rows) ** bands
        fp = np.trapezoid(np.where(s < threshold, p, 0.0), s)
        fn = np.trapezoid(np.where(s >= threshold, 1.0 - p, 0.0), s)
        cost = 0.3 * fp + fn  # missed pairs cannot be recovered; extra candidates are only verified
        if cost < best_cost:
            best, best_cost = (bands, rows), cost
    return best


def _near_duplicates(texts: list[str], threshold: float, shingle: int) -> np.ndarray:
    """Pairs (i, j) of ads whose estimated Jaccard similarity is at least ``threshold``."""
    sigs, ok = _signatures(texts, shingle)
    idx = np.flatnonzero(ok)
    if len(idx) < 2:
        return np.empty((0, 2), dtype=np.int64)
    sub = sigs[idx]
    bands, rows = _bands(threshold)
    weights = (np.arange(1, rows + 1, dtype=np.uint64) * np.uint64(0x9E3779B97F4A7C15)) | np.uint64(1)
    left: list[np.ndarray] = []
    right: list[np.ndarray] = []
    with np.errstate(over="ignore"):
        for b in range(bands):
            block = sub[:, b * rows:(b + 1) * rows].astype(np.uint64)
            key = _mix((block * weights).sum(axis=1, dtype=np.uint64) + np.uint64(b))
            order = np.argsort(key, kind="stable")
            sk = key[order]
            same = sk[1:] == sk[:-1]
            if not same.any():
                continue
            # within a bucket, link each member to the one before it and to the bucket's first
            starts = np.flatnonzero(np.concatenate([[True], ~same]))
            first = np.repeat(starts, np.diff(np.append(starts, len(sk))))
            pos = np.flatnonzero(same) + 1
            left += [order[pos - 1], order[first[pos]]]
            right += [order[pos], order[pos]]
            # small buckets are cheap to verify completely, which spares borderline members
            sizes = np.diff(np.append(starts, len(sk)))
            for st, size in zip(starts[(sizes > 2) & (sizes <= 16)].tolist(), sizes[(sizes > 2) & (sizes <= 16)].tolist()):
                members = order[st:st + size]
                ii, jj = np.triu_indices(size, 2)
                left.append(members[ii])
                right.append(members[jj])
    if not left:
        return np.empty((0, 2), dtype=np.int64)
    a = np.concatenate(left)
    b = np.concatenate(right)
    keep = a != b
    a, b = np.minimum(a[keep], b[keep]), np.maximum(a[keep], b[keep])
    pairs = np.unique(a.astype(np.int64) * len(idx) + b)
    a, b = pairs // len(idx), pairs % len(idx)
    good = np.zeros(len(a), dtype=bool)
    for lo in range(0, len(a), 200_000):
        hi = lo + 200_000
        good[lo:hi] = (sub[a[lo:hi]] == sub[b[lo:hi]]).mean(axis=1) >= threshold
    return np.stack([idx[a[good]], idx[b[good]]], axis=1)


# --- identifier links and clusters ---------------------------------------------------------

def _field(record: Any, name: str, default: Any = None) -> Any:
    if isinstance(record, Mapping):
        return record.get(name, default)
    return getattr(record, name, default)


def _entities(value: Any) -> list[Entity]:
    out = []
    for e in value or ():
        if isinstance(e, Entity):
            out.append(e)
        elif isinstance(e, Mapping):
            out.append(Entity(kind=e["kind"], value=e["value"], text=e.get("text", ""), start=e.get("start", 0),
                              end=e.get("end", 0), domain=e.get("domain")))
    return out


def _find(parent: list[int], i: int) -> int:
    while parent[i] != i:
        parent[i] = parent[parent[i]]
        i = parent[i]
    return i


def _risk(score: Any, level: Any, high_score: float, low_score: float) -> tuple[float | None, bool, bool]:
    """The ad's numeric score (if any) and whether it counts as high or as low risk."""
    try:
        s = float(score) if score is not None and score == score else None
    except (TypeError, ValueError):
        s = None
    lv = str(level).strip().lower() if level is not None and level == level else ""
    if lv:
        return s, lv in HIGH_LEVELS, lv in LOW_LEVELS
    if s is None:
        return None, False, False
    return s, s >= high_score, s < low_score


def link_records(
    records: Iterable[Any],
    similarity: float = 0.8,
    *,
    region: str | None = None,
    shingle: int = 3,
    near_duplicates: bool = True,
    common_domains: Iterable[str] = COMMON_DOMAINS,
    max_key_ads: int | None = None,
    high_score: float = 70.0,
    low_score: float = 30.0,
) -> list[Cluster]:
    """Group ads (mappings or objects with ``id``, ``text`` and optional ``source``, ``score``,
    ``level``, ``entities``) that share an identifier or near-identical text; singletons are dropped."""
    if not 0.0 < similarity <= 1.0:
        raise ValueError("similarity must be in (0, 1]")
    blocked = frozenset(d.lower() for d in common_domains)
    ids: list[str] = []
    texts: list[str] = []
    sources: list[str | None] = []
    scores: list[float | None] = []
    high: list[bool] = []
    low: list[bool] = []
    postings: dict[tuple[str, str], list[int]] = defaultdict(list)
    kinds_seen: dict[tuple[str, str], Counter] = defaultdict(Counter)
    for i, rec in enumerate(records):
        rid = _field(rec, "id")
        ids.append(str(i) if rid is None else str(rid))
        text = _field(rec, "text") or ""
        text = text if isinstance(text, str) else str(text)
        texts.append(text)
        src = _field(rec, "source")
        sources.append(None if src is None or src != src else str(src))
        s, hi, lo = _risk(_field(rec, "score"), _field(rec, "level"), high_score, low_score)
        scores.append(s)
        high.append(hi)
        low.append(lo)
        given = _field(rec, "entities")
        ents = _entities(given) if given is not None else extract(text, region, kinds=IDENTIFIER_KINDS)
        keys = set()
        for e in ents:
            key = link_key(e)
            if key is None or (key[0] == "domain" and key[1] in blocked):
                continue
            if key not in keys:
                keys.add(key)
                postings[key].append(i)
            kinds_seen[key][e.kind] += 1
            if e.kind == "email" and e.domain and e.domain not in blocked and not e.value.startswith("#"):
                dkey = ("domain", e.domain)
                if dkey not in keys:
                    keys.add(dkey)
                    postings[dkey].append(i)
                kinds_seen[dkey]["url"] += 1
    n = len(ids)
    parent = list(range(n))
    shared: dict[tuple[str, str], list[int]] = {}
    for key, members in postings.items():
        if len(members) < 2 or (max_key_ads is not None and len(members) > max_key_ads):
            continue
        shared[key] = members
        root = _find(parent, members[0])
        for m in members[1:]:
            r = _find(parent, m)
            if r != root:
                parent[r] = root
    dup_members: set[int] = set()
    if near_duplicates and n > 1:
        for a, b in _near_duplicates(texts, similarity, shingle).tolist():
            dup_members.update((a, b))
            ra, rb = _find(parent, a), _find(parent, b)
            if ra != rb:
                parent[rb] = ra
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(n):
        groups[_find(parent, i)].append(i)
    keys_by_root: dict[int, list[tuple[str, str]]] = defaultdict(list)
    for key, members in shared.items():
        keys_by_root[_find(parent, members[0])].append(key)
    clusters = []
    for root, members in groups.items():
        if len(members) < 2:
            continue
        idents = []
        watch: set[int] = set()
        for key in keys_by_root.get(root, ()):
            ms = shared[key]
            kind = key[0]
            value = key[1]
            if kind in ("number", "redacted"):
                seen = [k for k, _ in kinds_seen[key].most_common()]
                messengers = [k for k in seen if k != "phone"]
                kind = messengers[0] if messengers else seen[0]
                if key[0] == "redacted":
                    value = f"[{kind}:{value}]"
            n_high = sum(high[m] for m in ms)
            n_low = sum(low[m] for m in ms)
            if n_high and n_low:
                watch.update(m for m in ms if low[m])
            idents.append(SharedIdentifier(kind=kind, value=value, ads=len(ms), high_risk=n_high, low_risk=n_low))
        idents.sort(key=lambda x: (-x.ads, x.kind, x.value))
        link_kinds = (["identifier"] if idents else []) + (["near-duplicate"] if dup_members.intersection(members) else [])
        member_ids = sorted(ids[m] for m in members)
        vals = [scores[m] for m in members if scores[m] is not None]
        clusters.append(Cluster(
            id="c-" + hashlib.sha1("\x00".join(member_ids).encode()).hexdigest()[:10],
            ad_ids=tuple(member_ids),
            identifiers=tuple(idents),
            link_kinds=tuple(link_kinds),
            sources=tuple(sorted({sources[m] for m in members if sources[m]})),
            max_score=max(vals) if vals else None,
            mean_score=round(sum(vals) / len(vals), 2) if vals else None,
            high_risk=sum(high[m] for m in members),
            watch=tuple(sorted(ids[m] for m in watch)),
        ))
    clusters.sort(key=lambda c: (-c.high_risk, -c.size, c.id))
    return clusters


def link_frame(
    df: Any,
    text_col: str = "text",
    id_col: str = "id",
    source_col: str | None = None,
    score_col: str | None = None,
    level_col: str | None = None,
    similarity: float = 0.8,
    **options: Any,
) -> list[Cluster]:
    """:func:`link_records` over a pandas DataFrame's columns (ids fall back to the row index)."""
    for col in (text_col, source_col, score_col, level_col):
        if col is not None and col not in df.columns:
            raise InputError(f"column {col!r} not found; columns are: {', '.join(map(str, df.columns))}")
    n = len(df)
    texts = df[text_col].fillna("").astype(str).tolist()
    ids = df[id_col].astype(str).tolist() if id_col in df.columns else [str(i) for i in df.index]

    def column(name: str | None) -> list:
        return df[name].tolist() if name is not None else [None] * n

    records = [
        {"id": i, "text": t, "source": s, "score": sc, "level": lv}
        for i, t, s, sc, lv in zip(ids, texts, column(source_col), column(score_col), column(level_col))
    ]
    return link_records(records, similarity, **options)
