"""``render_report``: scan results (and clusters) into one self-contained HTML file.

Everything the page needs is inside it: CSS, a small script, and plotly.js once, so it opens
offline and fetches nothing. Jinja2 autoescapes every value: ad text is hostile input.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping, Sequence
from typing import TextIO

from redflag import __version__
from redflag.levels import LEVELS
from redflag.render.html.assets import environment, static
from redflag.render.html.charts import HARM_COLOURS, LEVEL_COLOURS, charts
from redflag.render.html.clusters import to_cluster
from redflag.render.html.summary import riskiest, summarise
from redflag.render.html.view import to_ad

DEFAULT_TITLE = "redflag report"


@functools.cache
def _plotly_js() -> str:
    from plotly.offline import get_plotlyjs  # the bundle shipped inside the plotly package: no CDN

    return get_plotlyjs()


def render_report(rows: Iterable[Mapping], out: TextIO, *, clusters: Sequence[Mapping] = (),
                  title: str = DEFAULT_TITLE, text_key: str = "text", source_key: str = "source",
                  date_key: str | None = "date", top: int = 50) -> None:
    """Write the HTML report of ``rows`` (scan-result rows) and ``clusters`` (rows of `redflag link`) to ``out``.

    Rendering only: each row's score, level, flags and evidence are shown as the scan gave them.
    A malformed row raises ``redflag.render.html.view.BadRow``; callers that read user files check
    rows first with ``to_ad`` and skip the bad ones.
    """
    ads = [to_ad(r, text_key=text_key, source_key=source_key, date_key=date_key) for r in rows]
    summary = summarise(ads)
    ordered_ads = riskiest(ads, len(ads))
    anchors = {a.id: a.anchor for a in ads}
    context = {
        "title": title, "version": __version__, "summary": summary, "charts": charts(ads, summary),
        "table": ordered_ads[:max(0, top)], "top": top, "ads": ordered_ads, "levels": LEVELS,
        "clusters": [to_cluster(c, anchors) for c in clusters], "level_colours": LEVEL_COLOURS,
        "harm_colours": HARM_COLOURS, "css": static("report.css"), "script": static("report.js"),
        "plotly_js": _plotly_js(),
    }
    environment().get_template("report.html.j2").stream(**context).dump(out)
