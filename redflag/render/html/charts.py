"""Plotly figure specs (plain data) for the report's charts; the page draws them with the inline plotly.js.

Labels come from the scanned files (sources, languages), and plotly reads a few HTML tags inside
labels, so angle brackets are swapped for look-alikes before a label reaches a chart.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from redflag.levels import LEVELS
from redflag.render.html.summary import NO_SOURCE, Summary, ordered, period
from redflag.render.html.view import Ad

LEVEL_COLOURS = {"low": "#2e7d32", "medium": "#8d5a00", "high": "#c62828"}
HARM_COLOURS = {"labour": "#6a1b9a", "sexual": "#ad1457", "scam": "#1565c0", "none": "#757575"}
OTHER_COLOUR = "#546e7a"
SERIES_COLOURS = ("#1565c0", "#6a1b9a", "#00838f", "#4e342e", "#ad1457", "#283593", "#558b2f", "#37474f")  # unlike the level colours
TOP_FLAGS = 15
TOP_LANGS = 12
TOP_SERIES = len(SERIES_COLOURS) - 1  # sources drawn on their own; the rest share one "other" series
LABEL_CHARS = 40
WHOLE_TICKS = 10  # up to this many ads, a tick per ad (no "0.5 ads")
OTHER = "other"


@dataclass(frozen=True, slots=True)
class Chart:
    """One chart: its element id, heading, a sentence for screen readers, and the figure to draw."""

    id: str
    title: str
    description: str
    figure: dict = field(default_factory=dict)


def label(text: str) -> str:
    """A label plotly shows as written: no tags it would read, not too long."""
    text = str(text).replace("<", "‹").replace(">", "›")
    return text if len(text) <= LABEL_CHARS else text[: LABEL_CHARS - 1] + "…"


def _layout(x_title: str = "", y_title: str = "ads", **extra) -> dict:
    layout = {
        "margin": {"l": 60, "r": 20, "t": 10, "b": 50}, "height": 320, "font": {"size": 13, "color": "#1a1a1a"},
        "paper_bgcolor": "#ffffff", "plot_bgcolor": "#ffffff", "showlegend": False,
        "xaxis": {"title": {"text": x_title}, "automargin": True},
        "yaxis": {"title": {"text": y_title}, "automargin": True, "rangemode": "tozero", "gridcolor": "#dddddd"},
    }
    layout.update(extra)
    return layout


def _counts(axis: dict, most: int) -> dict:
    """An axis of ad counts: whole numbers only."""
    axis.update({"tickformat": "d", "rangemode": "tozero"})
    if most <= WHOLE_TICKS:
        axis["dtick"] = 1
    return axis


def _bars(pairs: list[tuple[str, int]], colours: dict[str, str], x_title: str) -> dict:
    names = [k for k, _ in pairs]
    return {
        "data": [{"type": "bar", "x": [label(k) for k in names], "y": [n for _, n in pairs],
                  "marker": {"color": [colours.get(k, OTHER_COLOUR) for k in names]},
                  "hovertemplate": "%{x}: %{y} ads<extra></extra>"}],
        "layout": _layout(x_title, yaxis=_counts(_layout()["yaxis"], max((n for _, n in pairs), default=0))),
    }


def _described(pairs: list[tuple[str, int]]) -> str:
    return "; ".join(f"{k}: {n}" for k, n in pairs[:12]) or "nothing to count"


def _capped(pairs: list[tuple[str, int]], top: int) -> list[tuple[str, int]]:
    if len(pairs) <= top:
        return pairs
    return pairs[:top] + [(OTHER, sum(n for _, n in pairs[top:]))]


def levels_chart(summary: Summary) -> Chart:
    """Ads per level, highest first."""
    return Chart("chart-levels", "Ads per level", _described(summary.levels), _bars(summary.levels, LEVEL_COLOURS, "level"))


def harms_chart(summary: Summary) -> Chart:
    """Ads per kind of harm their red flags point to (an ad may count under several)."""
    return Chart("chart-harms", "Kinds of harm", _described(summary.harms), _bars(summary.harms, HARM_COLOURS, "kind of harm"))


def langs_chart(summary: Summary) -> Chart:
    """Ads per language."""
    pairs = _capped(summary.langs, TOP_LANGS)
    return Chart("chart-langs", "Languages", _described(pairs), _bars(pairs, {}, "language"))


def flags_chart(summary: Summary) -> Chart:
    """The red flags found in most ads, as horizontal bars with their titles on hover."""
    pairs = summary.flags[:TOP_FLAGS][::-1]  # plotly draws the first bar at the bottom
    figure = {
        "data": [{"type": "bar", "orientation": "h", "y": [label(k) for k, _ in pairs], "x": [n for _, n in pairs],
                  "text": [label(summary.titles.get(k, "")) for k, _ in pairs], "marker": {"color": "#37474f"},
                  "hovertemplate": "%{y}: %{x} ads<br>%{text}<extra></extra>", "textposition": "none"}],
        "layout": _layout("ads", "", height=max(220, 28 * len(pairs) + 70),
                          yaxis={"automargin": True, "type": "category"},
                          xaxis=_counts({"title": {"text": "ads"}, "gridcolor": "#dddddd"}, max((n for _, n in pairs), default=0))),
    }
    return Chart("chart-flags", f"Top red flags (ads holding each, top {TOP_FLAGS})",
                 _described(summary.flags[:TOP_FLAGS]), figure)


def _series_names(counts: Counter, known: Sequence[str] = ()) -> list[str]:
    names = [k for k, _ in ordered(counts, known)]
    return names if len(names) <= TOP_SERIES + 1 else names[:TOP_SERIES] + [OTHER]


def _colour(name: str, i: int) -> str:
    return LEVEL_COLOURS.get(name) or (OTHER_COLOUR if name == OTHER else SERIES_COLOURS[i % len(SERIES_COLOURS)])


def _stacked(traces: dict[str, dict[str, int]], names: list[str], xs: list[str], x_title: str, date_axis: bool) -> dict:
    data = [{"type": "bar", "name": label(name), "x": xs, "y": [traces[name].get(x, 0) for x in xs],
             "marker": {"color": _colour(name, i)}, "hovertemplate": f"{label(name)}: %{{y}} ads<extra></extra>"}
            for i, name in enumerate(names)]
    layout = _layout(x_title, barmode="stack", showlegend=True, legend={"orientation": "h", "y": -0.25})
    layout["margin"]["b"] = 80
    totals = [sum(traces[name].get(x, 0) for name in names) for x in xs]
    _counts(layout["yaxis"], max(totals, default=0))
    if date_axis:
        layout["xaxis"]["type"] = "date"
    else:
        layout["xaxis"]["type"] = "category"
    return {"data": data, "layout": layout}


def spread_chart(ads: Sequence[Ad], summary: Summary) -> Chart | None:
    """Ads over time per source (per level when no ad names a source); without dates, ads per source and level."""
    by_source = bool(summary.sources)
    if summary.dated:
        daily = summary.daily
        key = (lambda a: a.source or NO_SOURCE) if by_source else (lambda a: a.level)
        dated = [a for a in ads if a.date is not None]
        names = _series_names(Counter(key(a) for a in dated), () if by_source else LEVELS[::-1])
        traces: dict[str, dict[str, int]] = defaultdict(Counter)
        for a in dated:
            name = key(a) if key(a) in names else OTHER
            traces[name][period(a.date, daily)] += 1
        xs = sorted({x for t in traces.values() for x in t})
        what = "source" if by_source else "level"
        title = f"Ads over time per {what} ({'per day' if daily else 'per month'}; {summary.dated} of {summary.ads} ads dated)"
        description = f"{summary.dated} dated ads from {summary.first} to {summary.last}"
        return Chart("chart-time", title, description, _stacked(traces, names, xs, "date", True))
    if not by_source:
        return None
    sources = _series_names(Counter(a.source or NO_SOURCE for a in ads))
    traces = defaultdict(Counter)
    for a in ads:
        source = a.source or NO_SOURCE
        traces[a.level][label(source if source in sources else OTHER)] += 1
    levels = [k for k, _ in ordered(Counter(a.level for a in ads), LEVELS[::-1])]
    xs = [label(s) for s in sources]
    return Chart("chart-sources", "Ads per source and level", _described(summary.sources),
                 _stacked(traces, levels, xs, "source", False))


def charts(ads: Sequence[Ad], summary: Summary) -> list[Chart]:
    """Every chart the ads give something to draw."""
    out = [levels_chart(summary)]
    if summary.flags:
        out.append(flags_chart(summary))
    out += [harms_chart(summary), langs_chart(summary)]
    spread = spread_chart(ads, summary)
    if spread is not None:
        out.append(spread)
    return out
