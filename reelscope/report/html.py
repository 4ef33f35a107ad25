"""The static HTML report: one self-contained page (inline CSS and SVG) a strategy team can read offline."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import UTC, datetime
from html import escape
from pathlib import Path

from reelscope.report import charts, svg
from reelscope.report.tables import number
from store.compare import ALL, METRICS, ShareRow

CSS = """
:root { color-scheme: light; --ink: #0f172a; --muted: #64748b; --line: #e2e8f0; --accent: #2563eb; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--ink);
       background: #f8fafc; }
main { max-width: 1100px; margin: 0 auto; padding: 32px 24px 64px; }
h1 { font-size: 26px; margin: 0 0 4px; }
h2 { font-size: 18px; margin: 36px 0 10px; border-bottom: 2px solid var(--line); padding-bottom: 4px; }
p.lead { color: var(--muted); margin: 0 0 20px; }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(160px, 1fr)); gap: 12px; }
.card { background: #fff; border: 1px solid var(--line); border-radius: 10px; padding: 12px 14px; }
.card .k { color: var(--muted); font-size: 12px; text-transform: uppercase; letter-spacing: .04em; }
.card .v { font-size: 22px; font-weight: 650; }
.charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(460px, 1fr)); gap: 16px; }
.charts figure { margin: 0; background: #fff; border: 1px solid var(--line); border-radius: 10px;
                 padding: 8px; }
svg.chart { width: 100%; height: auto; display: block; }
table { border-collapse: collapse; width: 100%; background: #fff; border: 1px solid var(--line); }
th, td { padding: 6px 10px; border-bottom: 1px solid var(--line); text-align: right; white-space: nowrap; }
th:first-child, td:first-child, th.l, td.l { text-align: left; }
thead th { background: #f1f5f9; font-weight: 600; }
td .s { color: var(--muted); font-size: 12px; margin-left: 4px; }
tr.total td { font-weight: 650; background: #f8fafc; }
.note { color: var(--muted); font-size: 12px; margin-top: 6px; }
dl.defs { display: grid; grid-template-columns: max-content 1fr; gap: 4px 16px; }
dl.defs dt { font-family: ui-monospace, monospace; }
dl.defs dd { margin: 0; color: #334155; }
"""

HEADLINE = ("posts", "creators", "views", "engagements", "emv", "sponsored_posts", "disclosed_share")
SAME_AGE = ("views_at_24h", "engagements_at_24h", "views_at_7d", "engagements_at_7d")


def _cell(row: ShareRow | None, metric: str, share: bool = True) -> str:
    if row is None:
        return '<td title="unknown">–</td>'
    text = escape(number(row.value, metric))
    if share and row.share is not None:
        text += f'<span class="s">{row.share * 100:.1f}%</span>'
    tip = f"{row.sample.get('with_value', 0)} of {row.sample.get('posts', 0)} posts with a value"
    return f'<td title="{escape(tip)}">{text}</td>'


def _index(rows: Sequence[ShareRow]) -> dict[tuple[datetime, str, str, str], ShareRow]:
    return {(r.period_start, r.platform, r.brand, r.metric): r for r in rows}


def _platforms(rows: Sequence[ShareRow]) -> list[str]:
    return sorted({r.platform for r in rows if r.platform != ALL})


def _headline(rows: Sequence[ShareRow], latest: datetime) -> str:
    idx = _index(rows)
    cards = []
    for metric in ("posts", "views", "engagements", "emv", "sponsored_posts", "disclosed_share"):
        found = idx.get((latest, ALL, ALL, metric))
        value = number(found.value, metric) if found else "–"
        cards.append(
            f'<div class="card"><div class="k">{escape(metric)}</div><div class="v">{value}</div></div>'
        )
    return f'<div class="cards">{"".join(cards)}</div>'


def _platform_table(rows: Sequence[ShareRow], latest: datetime, metrics: Sequence[str], share: bool) -> str:
    idx = _index(rows)
    head = "".join(f"<th>{escape(m)}</th>" for m in metrics)
    body = []
    for platform in [*_platforms(rows), ALL]:
        cls = ' class="total"' if platform == ALL else ""
        name = "all platforms" if platform == ALL else platform
        cells = "".join(_cell(idx.get((latest, platform, ALL, m)), m, share) for m in metrics)
        body.append(f"<tr{cls}><td>{escape(name)}</td>{cells}</tr>")
    return f"<table><thead><tr><th>platform</th>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def _share_of_voice(rows: Sequence[ShareRow], latest: datetime) -> str:
    by_platform: dict[str, list[ShareRow]] = defaultdict(list)
    for r in rows:
        if r.period_start == latest and r.brand != ALL and r.metric == "posts":
            by_platform[r.platform].append(r)
    if not by_platform:
        return '<p class="note">No brand was found in this period\'s posts.</p>'
    idx = _index(rows)
    out = []
    for platform in sorted(by_platform, key=lambda p: (p == ALL, p)):
        lines = []
        for r in sorted(by_platform[platform], key=lambda r: (-r.value, r.brand)):
            eng = idx.get((latest, platform, r.brand, "engagements"))
            spons = idx.get((latest, platform, r.brand, "sponsored_posts"))
            lines.append(
                f'<tr><td class="l">{escape(r.brand)}</td>{_cell(r, "posts")}{_cell(eng, "engagements")}'
                f"{_cell(spons, 'sponsored_posts')}</tr>"
            )
        name = "all platforms" if platform == ALL else platform
        out.append(
            f"<h3>{escape(name)}</h3><table><thead><tr><th>brand</th><th>posts (share of voice)</th>"
            f"<th>engagements (share)</th><th>sponsored posts (share)</th></tr></thead>"
            f"<tbody>{''.join(lines)}</tbody></table>"
        )
    return "".join(out)


def _same_age(rows: Sequence[ShareRow], latest: datetime) -> str:
    idx = _index(rows)
    head = "".join(f"<th>{escape(m)}</th>" for m in SAME_AGE)
    body = []
    for platform in [*_platforms(rows), ALL]:
        for group in ("sponsored", "organic"):
            cells = "".join(
                _cell(idx.get((latest, platform, ALL, f"{group}_{m}")), m, False) for m in SAME_AGE
            )
            name = "all platforms" if platform == ALL else platform
            body.append(f'<tr><td>{escape(name)}</td><td class="l">{group}</td>{cells}</tr>')
    return (
        f'<table><thead><tr><th>platform</th><th class="l">posts</th>{head}</tr></thead>'
        f"<tbody>{''.join(body)}</tbody></table>"
        '<p class="note">Means over the posts whose counters were observed around that age '
        "(read at the age, or linear between the two snapshots around it).</p>"
    )


def _trend(rows: Sequence[ShareRow]) -> str:
    idx = _index(rows)
    periods = sorted({r.period_start for r in rows})
    metrics = ("posts", "engagements", "sponsored_posts", "disclosed_share")
    head = "".join(f"<th>{escape(m)}</th>" for m in metrics)
    body = []
    for start in periods:
        for platform in [*_platforms(rows), ALL]:
            cells = "".join(_cell(idx.get((start, platform, ALL, m)), m) for m in metrics)
            cls = ' class="total"' if platform == ALL else ""
            name = "all platforms" if platform == ALL else platform
            body.append(f"<tr{cls}><td>{start:%Y-%m-%d}</td><td class='l'>{escape(name)}</td>{cells}</tr>")
    return (
        f"<table><thead><tr><th>period</th><th class='l'>platform</th>{head}</tr></thead>"
        f"<tbody>{''.join(body)}</tbody></table>"
    )


def _coverage(rows: Sequence[ShareRow]) -> str:
    lines = []
    for r in rows:
        if r.brand == ALL and r.metric == "posts":
            s = r.sample
            targets = ", ".join(str(t) for t in s.get("targets", []))
            more = s.get("targets_total", 0) - len(s.get("targets", []))
            if more > 0:
                targets += f" (+{more} more)"
            name = "all platforms" if r.platform == ALL else r.platform
            lines.append(
                f"<tr><td>{r.period_start:%Y-%m-%d}</td><td class='l'>{escape(name)}</td>"
                f"<td>{s.get('posts', 0):,}</td>"
                f"<td>{s.get('crawl_runs_total', 0)}</td><td class='l'>{escape(targets) or '–'}</td></tr>"
            )
    return (
        "<table><thead><tr><th>period</th><th class='l'>platform</th><th>posts</th><th>crawl runs</th>"
        f"<th class='l'>targets</th></tr></thead><tbody>{''.join(lines)}</tbody></table>"
    )


def _definitions(rows: Sequence[ShareRow]) -> str:
    used = {r.metric for r in rows}
    items = "".join(
        f"<dt>{escape(m.name)} (v{m.version})</dt><dd>{escape(m.description)}</dd>"
        for m in METRICS.values()
        if m.name in used
        and not m.name.startswith(("sponsored_views_at", "organic_", "sponsored_engagements_at"))
    )
    params: dict[str, dict] = {}
    for r in rows:
        if r.platform == ALL and r.brand == ALL and r.metric in ("engagements", "emv"):
            params[r.metric] = r.sample.get("params", {})
    counters = params.get("engagements", {}).get("counters", {})
    emv = params.get("emv", {})
    lines = "".join(
        f"<tr><td>{escape(p)}</td><td class='l'>{escape(' + '.join(c))}</td>"
        f"<td>{emv.get('cpm', {}).get(p, '–')}</td><td>{emv.get('cpe', {}).get(p, '–')}</td></tr>"
        for p, c in sorted(counters.items())
    )
    currency = escape(str(emv.get("currency", "")))
    return (
        f'<dl class="defs">{items}</dl><h3>Engagement and earned media value per platform</h3>'
        f"<table><thead><tr><th>platform</th><th class='l'>engagement counters</th><th>CPM ({currency})</th>"
        f"<th>CPE ({currency})</th></tr></thead><tbody>{lines}</tbody></table>"
    )


def render(rows: Sequence[ShareRow], *, title: str, source: str, metrics: Sequence[str] | None = None) -> str:
    """The whole page as a string."""
    if not rows:
        body = '<p class="lead">No figures for these periods: no post was published in them.</p>'
        return _page(title, source, body)
    latest = max(r.period_start for r in rows)
    latest_end = max(r.period_end for r in rows if r.period_start == latest)
    figures = "".join(f"<figure>{svg.render(c)}</figure>" for c in charts.standard(rows, metrics))
    body = (
        f"<h2>Latest period: {latest:%Y-%m-%d} to {latest_end:%Y-%m-%d}</h2>{_headline(rows, latest)}"
        f"<h2>Platforms</h2>{_platform_table(rows, latest, HEADLINE, True)}"
        '<p class="note">In brackets: the platform\'s share of the all-platform total. Hover a figure for '
        "how many posts had a value (hidden counters are unknown, never zero).</p>"
        f'<h2>Trends</h2><div class="charts">{figures}</div>'
        f"<h2>Share of voice by brand</h2>{_share_of_voice(rows, latest)}"
        f"<h2>Same-age comparison: sponsored vs organic</h2>{_same_age(rows, latest)}"
        f"<h2>Period by period</h2>{_trend(rows)}"
        f"<h2>Coverage</h2>{_coverage(rows)}"
        f"<h2>Definitions</h2>{_definitions(rows)}"
    )
    return _page(title, source, body)


def _page(title: str, source: str, body: str) -> str:
    now = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)}</title><style>{CSS}</style></head><body><main>"
        f'<h1>{escape(title)}</h1><p class="lead">Generated {now} from {escape(source)}.</p>'
        f"{body}</main></body></html>\n"
    )


def write(
    folder: Path, rows: Sequence[ShareRow], *, title: str, source: str, metrics: Sequence[str] | None
) -> Path:
    """Write `folder/index.html`; return its path."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "index.html"
    path.write_text(render(rows, title=title, source=source, metrics=metrics), encoding="utf-8")
    return path
