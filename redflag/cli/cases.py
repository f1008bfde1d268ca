"""`redflag cases ...`: add scan results to the case store, search, track, review, export, stats, purge, upgrade."""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from redflag.cli.options import (DbOpt, HandleOpt, HarmOpt, PhoneOpt, RegionOpt, SeenOnOpt, SinceOpt, StoreLevelOpt,
                                 UntilOpt, WordsOpt)

cases_app = typer.Typer(help="The case store: scan results kept to search, track across sites, review and report.",
                        no_args_is_help=True, add_completion=False, pretty_exceptions_enable=False)


class TableFormat(str, Enum):
    """Output formats of the store's listings."""

    table = "table"
    json = "json"
    csv = "csv"


class Verdict(str, Enum):
    """Review decisions."""

    confirmed = "confirmed"
    false_alarm = "false_alarm"
    follow_up = "follow_up"


FormatOpt = Annotated[TableFormat, typer.Option("--format", "-f", help="table (terminal), json or csv.")]
SEARCH_COLUMNS = ["id", "score", "level", "harm", "lang", "flags", "sources", "sightings", "first_seen", "last_seen",
                  "verdict", "template", "snippet"]


def _emit(rows: list[dict], fmt: TableFormat, columns: list[str], title: str) -> None:
    from redflag.render.cases import render_rows

    render_rows(rows, sys.stdout, fmt.value, columns, title)


def add(
    results: Annotated[Path, typer.Argument(help="Scan results with the ad text (redflag scan ... --keep-col text --out results.jsonl); JSONL or Parquet.")],
    db: DbOpt = None,
    text_col: Annotated[str, typer.Option("--text-col", help="Column holding the ad text.")] = "text",
    id_col: Annotated[str, typer.Option("--id-col", help="Column holding the ad's id on its site.")] = "id",
    source_col: Annotated[Optional[str], typer.Option("--source-col", help="Column naming the site or platform.")] = None,
    source: Annotated[Optional[str], typer.Option("--source", help="The site or platform of every row (when there is no column).")] = None,
    date_col: Annotated[Optional[str], typer.Option("--date-col", help="Column with when the ad was seen (ISO date); default: now.")] = None,
    url_col: Annotated[Optional[str], typer.Option("--url-col", help="Column with the ad's URL.")] = None,
    redact: Annotated[bool, typer.Option("--redact", help="Keep contact details only as keyed tokens (key from REDFLAG_REDACT_KEY) and masked in the text.")] = False,
) -> None:
    """Import an earlier scan's results; re-importing adds only what is new, an interrupted import resumes."""
    from redflag.cases import open_store
    from redflag.cases.importer import import_results
    from redflag.render.cases import render_counts

    with open_store(db, create=True) as store:
        counts, skipped, note = import_results(store, results, text_col=text_col, id_col=id_col, source_col=source_col,
                                               source=source, date_col=date_col, url_col=url_col, redact=redact)
    render_counts(counts, skipped, note, store.name, sys.stdout)


def search(
    db: DbOpt = None,
    level: StoreLevelOpt = None,
    min_score: Annotated[Optional[float], typer.Option("--min-score")] = None,
    max_score: Annotated[Optional[float], typer.Option("--max-score")] = None,
    rule: Annotated[Optional[list[str]], typer.Option("--rule", help="Rule codes or prefixes (FEE, DOC001), comma-separated or repeated; any of them.")] = None,
    category: Annotated[Optional[list[str]], typer.Option("--category", help="Rule categories (fees, documents, ...).")] = None,
    harm: HarmOpt = None,
    lang: Annotated[Optional[str], typer.Option("--lang", help="The ad's language.")] = None,
    source: SeenOnOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    phone: PhoneOpt = None,
    email: Annotated[Optional[str], typer.Option("--email")] = None,
    handle: HandleOpt = None,
    domain: Annotated[Optional[str], typer.Option("--domain", help="Web or e-mail domain.")] = None,
    region: RegionOpt = None,
    age_below: Annotated[Optional[int], typer.Option("--age-below", help="Targets someone younger than this.")] = None,
    age_above: Annotated[Optional[int], typer.Option("--age-above", help="Targets someone older than this.")] = None,
    nationality: Annotated[Optional[str], typer.Option("--nationality", help="Targets this nationality or country (e.g. Ukraine).")] = None,
    gender: Annotated[Optional[str], typer.Option("--gender", help="Targets this gender (female, male).")] = None,
    verdict: Annotated[Optional[str], typer.Option("--verdict", help="confirmed, false_alarm, follow_up or unreviewed.")] = None,
    text: WordsOpt = None,
    template: Annotated[Optional[int], typer.Option("--template", help="Ads of the same near-duplicate template as this ad id.")] = None,
    sort: Annotated[str, typer.Option("--sort", help="score, last_seen, first_seen or sightings.")] = "score",
    limit: Annotated[int, typer.Option("--limit", "-n", help="At most this many ads.")] = 50,
    fmt: FormatOpt = TableFormat.table,
) -> None:
    """Find ads by any combination of level, score, rules, type, language, source, dates, identifiers, targeting, verdict and words."""
    from redflag.cases import make_filters, open_store
    from redflag.cases import search as run_search

    filters = make_filters(level=level.value if level else None, min_score=min_score, max_score=max_score, rules=rule,
                           categories=category, harm=harm, lang=lang, source=source, since=since, until=until,
                           phone=phone, email=email, handle=handle, domain=domain, region=region, age_below=age_below,
                           age_above=age_above, nationality=nationality, gender=gender, verdict=verdict, words=text,
                           template=template, sort=sort, limit=limit)
    with open_store(db) as store:
        rows = run_search(store, filters)
    _emit(rows, fmt, SEARCH_COLUMNS, f"{len(rows)} ad(s)")


def track(
    identifier: Annotated[str, typer.Argument(help="Phone, e-mail, handle, domain, or template:AD_ID.")],
    db: DbOpt = None,
    kind: Annotated[Optional[str], typer.Option("--kind", help="phone, email, handle or domain, when the shape is ambiguous.")] = None,
    hops: Annotated[int, typer.Option("--hops", help="How far to follow co-occurring identifiers.")] = 1,
    region: RegionOpt = None,
    fmt: FormatOpt = TableFormat.table,
) -> None:
    """The timeline of one identifier or template: every sighting, the sites it spans, and what it co-occurs with."""
    from redflag.cases import open_store
    from redflag.cases import track as run_track
    from redflag.render.cases import render_track

    with open_store(db) as store:
        found = run_track(store, identifier, kind=kind, hops=hops, region=region)
    render_track(found, sys.stdout, fmt.value)


def show(ad_id: Annotated[int, typer.Argument(help="The ad's id in the store.")], db: DbOpt = None,
         fmt: FormatOpt = TableFormat.table) -> None:
    """One ad with its text, evidence, identifiers, sightings and reviews."""
    from redflag.cases import ad, open_store
    from redflag.render.cases import render_ad

    with open_store(db) as store:
        found = ad(store, ad_id)
    render_ad(found, sys.stdout, fmt.value)


def review(
    ad_id: Annotated[int, typer.Argument(help="The ad's id in the store.")],
    verdict: Annotated[Verdict, typer.Option("--verdict", help="confirmed, false_alarm or follow_up.")],
    note: Annotated[Optional[str], typer.Option("--note")] = None,
    reviewer: Annotated[Optional[str], typer.Option("--reviewer", help="Who decided; default: your user name.")] = None,
    db: DbOpt = None,
) -> None:
    """Record a review decision on one ad."""
    from redflag.cases import open_store
    from redflag.cases import review as run_review

    with open_store(db) as store:
        done = run_review(store, ad_id, verdict.value, note, reviewer)
    typer.echo(f"ad {done['id']}: {done['verdict']} ({done['reviewer'] or 'unknown reviewer'}, {done['reviewed_at']})")


def export(
    reviewed: Annotated[Path, typer.Option("--reviewed", help="Write the reviewed ads (text, label 1 confirmed / 0 false alarm) to this CSV or JSONL.")],
    db: DbOpt = None,
) -> None:
    """Export moderators' decisions as a labelled table that `redflag evaluate` and `--fit-weights` read."""
    from redflag.cases import open_store
    from redflag.cases import reviewed as labelled
    from redflag.cases.review import EXPORT_COLUMNS
    from redflag.io.outputs import check_destinations
    from redflag.io.tables import open_writer

    check_destinations({"--reviewed": reviewed})
    with open_store(db) as store:
        rows = labelled(store)
        name = store.name
    import pandas as pd

    writer = open_writer(reviewed, None, protect=[Path(name)] if "://" not in name else [])
    try:
        writer.write(pd.DataFrame(rows, columns=EXPORT_COLUMNS))
        writer.close()
    except BaseException:
        writer.abort()
        raise
    positives = sum(r["label"] for r in rows)
    typer.echo(f"{len(rows)} reviewed ad(s) written to {reviewed} ({positives} confirmed, {len(rows) - positives} false alarms)")


def stats(db: DbOpt = None, top: Annotated[int, typer.Option("--top", min=1)] = 10, fmt: FormatOpt = TableFormat.table) -> None:
    """Counts by level, type, source and week; the identifiers that span the most sites."""
    from redflag.cases import open_store
    from redflag.cases import stats as run_stats
    from redflag.render.cases import render_stats

    with open_store(db) as store:
        found = run_stats(store, top)
    render_stats(found, sys.stdout, fmt.value)


def purge(
    older_than: Annotated[str, typer.Option("--older-than", help="Retention period: 180d, 26w, 6m or 1y.")],
    db: DbOpt = None,
    yes: Annotated[bool, typer.Option("--yes", help="Do not ask before deleting.")] = False,
) -> None:
    """Delete sightings past the retention period, the ads left with none, and identifiers no ad holds."""
    from redflag.cases import open_store, parse_age
    from redflag.cases import purge as run_purge

    period = parse_age(older_than)
    with open_store(db) as store:
        if not yes and sys.stdin.isatty() and not typer.confirm(f"Delete everything in {store.name} not seen for {older_than}?"):
            raise typer.Exit(1)
        gone = run_purge(store, period)
    typer.echo(f"purged {gone['ads']} ad(s), {gone['sightings']} sighting(s) and {gone['entities']} identifier(s) "
               f"not seen since {gone['cutoff'][:10]}")


def upgrade(db: DbOpt = None) -> None:
    """Bring the store's schema to this redflag's version (back the store up first)."""
    from redflag.cases import open_store

    with open_store(db, upgrade=True) as store:
        if store.upgraded_from is None:
            typer.echo(f"{store.name}: schema version {store.version}, already the latest")
        else:
            typer.echo(f"{store.name}: schema version {store.upgraded_from} -> {store.version}")


def register(errors_exit_2) -> typer.Typer:
    """The `cases` group with every command wrapped so store errors are one line and exit 2."""
    for name, command in (("add", add), ("search", search), ("track", track), ("show", show), ("review", review),
                          ("export", export), ("stats", stats), ("purge", purge), ("upgrade", upgrade)):
        cases_app.command(name)(errors_exit_2(command))
    return cases_app
