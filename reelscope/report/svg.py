"""Stacked bar charts as inline SVG: self-contained, crisp at any size, no script, no network."""

from __future__ import annotations

import math
from html import escape

from reelscope.report.charts import Chart

PALETTE = ("#2563eb", "#f97316", "#16a34a", "#db2777", "#7c3aed", "#0891b2", "#ca8a04", "#64748b")
WIDTH, HEIGHT = 640, 300
LEFT, RIGHT, TOP, BOTTOM = 56, 150, 36, 48


def _number(value: float, percent: bool) -> str:
    if percent:
        return f"{value * 100:.0f}%"
    if abs(value) >= 1_000_000:
        return f"{value / 1_000_000:.1f}M"
    if abs(value) >= 1_000:
        return f"{value / 1_000:.1f}K"
    return f"{value:g}"


def nice_top(value: float) -> float:
    """The smallest "round" number at or above `value` whose quarters are round too (the axis ticks)."""
    if value <= 0:
        return 1.0
    scale = 10 ** math.floor(math.log10(value))
    return next(step * scale for step in (1, 1.2, 1.6, 2, 2.4, 4, 6, 8, 10) if step * scale >= value)


def render(chart: Chart) -> str:
    """One <svg> element for the chart (an empty-state message when there is no data)."""
    title = escape(chart.title)
    head = (
        f'<svg class="chart" role="img" aria-label="{title}" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'xmlns="http://www.w3.org/2000/svg" font-family="system-ui, sans-serif" font-size="12">'
        f'<title>{title}</title><text x="{LEFT}" y="20" font-size="14" font-weight="600">{title}</text>'
    )
    if chart.empty:
        return (
            head + f'<text x="{LEFT}" y="{HEIGHT // 2}" fill="#64748b">No data for this chart.</text></svg>'
        )
    totals = [sum(values[i] for values in chart.series.values()) for i in range(len(chart.categories))]
    top = 1.0 if chart.percent else nice_top(max(totals))
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    slot = plot_w / len(chart.categories)
    bar = min(48.0, slot * 0.7)
    parts = [head]
    for tick in range(5):
        value = top * tick / 4
        y = TOP + plot_h - plot_h * tick / 4
        parts.append(f'<line x1="{LEFT}" x2="{LEFT + plot_w}" y1="{y:.1f}" y2="{y:.1f}" stroke="#e2e8f0"/>')
        label = _number(value, chart.percent)
        parts.append(f'<text x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end" fill="#475569">{label}</text>')
    for i, category in enumerate(chart.categories):
        x = LEFT + slot * i + (slot - bar) / 2
        y = TOP + plot_h
        for k, (name, values) in enumerate(chart.series.items()):
            h = plot_h * values[i] / top if top else 0
            y -= h
            if h > 0:
                tip = f"{escape(name)} {escape(category)}: {_number(values[i], chart.percent)}"
                parts.append(
                    f'<rect class="segment" x="{x:.1f}" y="{y:.1f}" width="{bar:.1f}" height="{h:.1f}" '
                    f'fill="{PALETTE[k % len(PALETTE)]}"><title>{tip}</title></rect>'
                )
        cx = LEFT + slot * i + slot / 2
        parts.append(
            f'<text x="{cx:.1f}" y="{TOP + plot_h + 18}" text-anchor="middle" fill="#334155">'
            f"{escape(category)}</text>"
        )
    for k, name in enumerate(chart.series):
        y = TOP + 4 + k * 20
        parts.append(
            f'<rect x="{WIDTH - RIGHT + 16}" y="{y}" width="12" height="12" '
            f'fill="{PALETTE[k % len(PALETTE)]}"/>'
        )
        parts.append(f'<text x="{WIDTH - RIGHT + 34}" y="{y + 10}" fill="#334155">{escape(name)}</text>')
    parts.append("</svg>")
    return "".join(parts)
