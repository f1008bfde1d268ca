"""The case store's answers as a terminal table, JSON or CSV: search rows, a track, one ad, stats, import counts."""

from __future__ import annotations

import csv
import json
from typing import Any, TextIO

from rich.console import Console
from rich.table import Table
from rich.text import Text


TABLE_COLUMNS = ("id", "score", "level", "harm", "sources", "sightings", "last_seen", "verdict", "snippet")  # fit 100 columns


def _console(stream: TextIO) -> Console:
    return Console(file=stream, highlight=False, soft_wrap=False)


def _json(obj: Any, stream: TextIO) -> None:
    stream.write(json.dumps(obj, ensure_ascii=False, indent=2, default=str) + "\n")


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return ";".join(map(str, value))
    return str(value)


def render_rows(rows: list[dict], stream: TextIO, fmt: str, columns: list[str], title: str = "") -> None:
    """Rows of one listing, in ``fmt`` (table, json or csv)."""
    if fmt == "json":
        _json(rows, stream)
        return
    if fmt == "csv":
        writer = csv.writer(stream, lineterminator="\n")
        writer.writerow(columns)
        for r in rows:
            writer.writerow([_cell(r.get(c)) for c in columns])
        return
    table = Table(title=title or None, show_lines=False, expand=True)
    shown = [c for c in columns if c in TABLE_COLUMNS] or columns
    for c in shown:
        wide = c in ("snippet", "flags")
        table.add_column(c.replace("_", " "), overflow="fold", no_wrap=not wide, ratio=3 if wide else None)
    for r in rows:
        table.add_row(*[Text(_cell(r.get(c))[:10] if c.endswith("_seen") else
                             f"{r[c]:.0f}" if c == "score" else _cell(r.get(c)).replace(";", " ")) for c in shown])
    _console(stream).print(table)


def render_counts(counts: Any, skipped: list[tuple], note: str, store: str, stream: TextIO) -> None:
    """What an import added."""
    lines = [note] if note else []
    if note and not counts.records and not skipped:
        stream.write(note + "\n")
        return
    lines.append(f"{counts.records:,} result(s) read into {store}: {counts.new_ads:,} new ad(s), "
                 f"{counts.seen_again:,} seen again, {counts.sightings:,} new sighting(s), {counts.entities:,} identifier(s) "
                 f"and targeting cue(s)")
    if skipped:
        shown = "; ".join(f"row {r}: {why}" for r, why in skipped[:5])
        lines.append(f"{len(skipped):,} row(s) skipped ({shown}{'; ...' if len(skipped) > 5 else ''})")
    stream.write("\n".join(lines) + "\n")


def render_track(found: dict, stream: TextIO, fmt: str) -> None:
    """One identifier's timeline."""
    if fmt == "json":
        _json(found, stream)
        return
    if fmt == "csv":
        render_rows(found["timeline"], stream, "csv", ["seen_at", "source", "external_id", "url", "ad_id", "score", "level"])
        return
    con = _console(stream)
    if not found["found"]:
        con.print(Text(f"{found['identifier']} ({found['kind']}): not in the store"))
        return
    levels = ", ".join(f"{n} {lv}" for lv, n in sorted(found["levels"].items()))
    con.print(Text(f"{found['identifier']} ({found['kind']}): {found['ads']} ad(s), {found['sightings']} sighting(s) "
                   f"on {len(found['platforms'])} site(s), {found['first_seen'][:10]} to {found['last_seen'][:10]}; {levels}"))
    sites = Table(title="Sites", expand=False)
    for c in ("source", "ads", "sightings", "first seen", "last seen"):
        sites.add_column(c)
    for p in found["platforms"]:
        sites.add_row(Text(p["source"] or "(none)"), str(p["ads"]), str(p["sightings"]), p["first_seen"][:10], p["last_seen"][:10])
    con.print(sites)
    timeline = Table(title="Timeline", expand=False)
    for c in ("seen", "source", "site id", "ad", "score", "level"):
        timeline.add_column(c)
    for t in found["timeline"]:
        timeline.add_row(t["seen_at"][:16].replace("T", " "), Text(t["source"] or ""), Text(t["external_id"] or ""),
                         str(t["ad_id"]), f"{t['score']:.0f}", t["level"])
    con.print(timeline)
    if found["co_occurring"]:
        co = Table(title="Seen with", expand=False)
        for c in ("hop", "kind", "identifier", "ads"):
            co.add_column(c)
        for c in found["co_occurring"][:30]:
            co.add_row(str(c["hop"]), c["kind"], Text(c["value"]), str(c["ads"]))
        con.print(co)


def render_ad(found: dict, stream: TextIO, fmt: str) -> None:
    """One stored ad with its evidence, identifiers, sightings and reviews."""
    if fmt in ("json", "csv"):
        _json(found, stream)
        return
    con = _console(stream)
    con.print(Text(f"Ad {found['id']}: score {found['score']:.0f} {found['level'].upper()}  {found['harm'] or ''}  "
                   f"[{found['lang'] or 'und'}]  seen {found['first_seen'][:10]} to {found['last_seen'][:10]}"
                   + (f"  verdict: {found['verdict']}" if found["verdict"] else "")))
    text = Text(found["text"] or "")
    for flag in found["evidence"]:
        for e in flag["evidence"]:
            text.stylize("reverse", e["start"], e["end"])
    con.print(text)
    for flag in found["evidence"]:
        quotes = "; ".join(f"“{e['text']}” [{e['start']}:{e['end']}]" for e in flag["evidence"])
        con.print(Text(f"  {flag['id']}  {flag['title']}: {quotes}"))
    for e in found["entities"]:
        con.print(Text(f"  {e['kind']}: {e['value']}" + (f" ({e['messenger']})" if e["messenger"] else "")))
    for s in found["sightings"]:
        con.print(Text(f"  seen {s['seen_at'][:16].replace('T', ' ')} on {s['source'] or '(no source)'} {s['external_id']} {s['url'] or ''}".rstrip()))
    for r in found["reviews"]:
        con.print(Text(f"  reviewed {r['reviewed_at'][:16].replace('T', ' ')} by {r['reviewer'] or '?'}: {r['verdict']}"
                       + (f" — {r['note']}" if r["note"] else "")))


def render_stats(found: dict, stream: TextIO, fmt: str) -> None:
    """What the store holds."""
    if fmt in ("json", "csv"):
        _json(found, stream)
        return
    con = _console(stream)
    con.print(Text(f"{found['ads']:,} ad(s), {found['sightings']:,} sighting(s), {found['identifiers']:,} identifier(s), "
                   f"{found['reviewed']:,} reviewed, {found['scans']:,} scan(s) or import(s)"))
    con.print(Text("Levels: " + ", ".join(f"{lv} {n:,}" for lv, n in found["levels"].items())))
    if found["harms"]:
        con.print(Text("Kinds of harm: " + ", ".join(f"{h} {n:,}" for h, n in found["harms"].items())))
    for title, rows, cols in (("Sources", found["sources"], ("source", "ads", "sightings")),
                              ("Identifiers on the most sites", found["spanning"], ("kind", "value", "sources", "ads"))):
        if rows:
            t = Table(title=title, expand=False)
            for c in cols:
                t.add_column(c)
            for r in rows:
                t.add_row(*[Text(str(r[c]) if r[c] != "" else "(none)") for c in cols])
            con.print(t)
    if found["weeks"]:
        t = Table(title="Sightings per week", expand=False)
        t.add_column("week")
        t.add_column("sightings")
        for w, n in list(found["weeks"].items())[-12:]:
            t.add_row(w, f"{n:,}")
        con.print(t)
