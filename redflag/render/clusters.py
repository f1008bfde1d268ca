"""Clusters in plain words: why a cluster's low-risk ads deserve a look, a one-line summary, the link table."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, TextIO

from rich.table import Table

from redflag.entities import DEFAULT_SALT
from redflag.link.clusters import Cluster
from redflag.render.options import RenderOptions, console

if TYPE_CHECKING:
    from redflag.link.run import LinkReport

_KIND_WORDS = {
    "phone": ("phone number", "phone numbers"), "whatsapp": ("WhatsApp number", "WhatsApp numbers"),
    "viber": ("Viber number", "Viber numbers"), "signal": ("Signal number", "Signal numbers"),
    "telegram": ("Telegram account", "Telegram accounts"), "wechat": ("WeChat ID", "WeChat IDs"),
    "instagram": ("Instagram account", "Instagram accounts"), "facebook": ("Facebook account", "Facebook accounts"),
    "zalo": ("Zalo account", "Zalo accounts"), "line": ("LINE account", "LINE accounts"), "imo": ("IMO account", "IMO accounts"),
    "email": ("email address", "email addresses"), "domain": ("website", "websites"), "url": ("link", "links"),
}
_HARM_WORDS = {"labour": "labour exploitation", "sexual": "sexual exploitation", "scam": "job fraud"}
_NUMBER_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")


def _number(n: int) -> str:
    return _NUMBER_WORDS[n] if n < 10 else str(n)


def _count(n: int, kind: str) -> str:
    one, many = _KIND_WORDS.get(kind, (kind, kind + "s"))
    return f"{_number(n)} {one if n == 1 else many}"


def _join(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def explanation(cluster: Cluster, redact: bool = False, salt: str = DEFAULT_SALT) -> str:
    """Why the low-risk ads in ``watch`` deserve a look, in plain words ("" when none do)."""
    if not cluster.watch:
        return ""
    shared = [i for i in cluster.identifiers if i.high_risk and i.low_risk]
    what = ", ".join(f"{_count(1, i.kind)[4:]} {i.shown(redact, salt)}" for i in shared[:3])
    n = len(cluster.watch)
    ads = "ad looks" if n == 1 else "ads look"
    return (f"{_number(n)} {ads} low risk but share{'s' if n == 1 else ''} {what} "
            f"with high-risk ads: {', '.join(cluster.watch[:10])}{' ...' if n > 10 else ''}")


def summary(cluster: Cluster) -> str:
    """One plain-words line, e.g. "one WhatsApp number in 14 ads across 6 sites, 9 of them high risk"."""
    kinds = Counter(i.kind for i in cluster.identifiers)
    parts = [_count(n, k) for k, n in sorted(kinds.items(), key=lambda kv: (-kv[1], kv[0]))]
    if "near-duplicate" in cluster.link_kinds:
        parts.append("near-identical text")
    what = _join(parts[:3] + (["more"] if len(parts) > 3 else []))
    line = f"{what} in {cluster.size} ads"
    if len(cluster.sources) > 1:
        line += f" across {len(cluster.sources)} sites"
    elif len(cluster.sources) == 1:
        line += " on one site"
    if cluster.max_score is not None or cluster.high_risk:
        line += f", {_number(cluster.high_risk) if cluster.high_risk else 'none'} of them high risk"
    if cluster.harms:
        line += "; signs of " + _join([f"{_HARM_WORDS.get(k, k)} in {_number(n)}" for k, n in cluster.harms])
    if cluster.watch:
        n = len(cluster.watch)
        line += f"; {_number(n)} low-risk {'ad shares' if n == 1 else 'ads share'} an identifier with high-risk ads"
    return line


def sentences(cluster: Cluster, redact: bool = False, salt: str = DEFAULT_SALT) -> dict[str, str]:
    """The cluster's explanation and summary, as the clusters file carries them beside the data."""
    return {"explanation": explanation(cluster, redact, salt), "summary": summary(cluster)}


def render(report: LinkReport, stream: TextIO, options: RenderOptions) -> None:
    """What `redflag link` prints: counts, the largest and riskiest clusters, and the ads worth a look."""
    out = console(stream, options)
    clusters, top = report.clusters, report.top
    linked = sum(c.size for c in clusters)
    out.print(f"{report.ads} ads read, {report.skipped} skipped; {len(clusters)} clusters hold {linked} ads"
              + (f"; written to {options.out}" if options.out else ""), markup=False)
    if not clusters or not top:
        return
    table = Table(title=f"Largest and riskiest clusters (top {min(top, len(clusters))})")
    for col in ("cluster", "ads", "high risk", "max score", "what ties them"):
        table.add_column(col, overflow="fold")
    for c in clusters[:top]:
        table.add_row(c.id, str(c.size), str(c.high_risk), "" if c.max_score is None else f"{c.max_score:.0f}",
                      explanation(c, redact=report.redact) or summary(c))
    out.print(table)
    for c in [c for c in clusters if c.watch][:top]:
        out.print(f"worth a look: {summary(c)}", markup=False)
