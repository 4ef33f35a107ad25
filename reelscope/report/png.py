"""The report's charts as one PNG image (matplotlib, drawn off-screen)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from reelscope.errors import UserError
from reelscope.report.charts import Chart
from reelscope.report.svg import PALETTE


def write(charts: Sequence[Chart], path: Path) -> None:
    """Draw the charts side by side as stacked bars into a PNG file."""
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        raise UserError(
            "PNG charts need matplotlib: pip install matplotlib (or use --chart FILE.html)"
        ) from None
    fig, axes = plt.subplots(1, len(charts), figsize=(6 * len(charts), 4.2), squeeze=False)
    for ax, chart in zip(axes[0], charts, strict=True):
        ax.set_title(chart.title, fontsize=11)
        if chart.empty:
            ax.text(0.5, 0.5, "No data", ha="center", va="center", transform=ax.transAxes, color="#64748b")
            ax.set_axis_off()
            continue
        bottoms = [0.0] * len(chart.categories)
        for k, (name, values) in enumerate(chart.series.items()):
            heights = [v * 100 for v in values] if chart.percent else list(values)
            ax.bar(chart.categories, heights, bottom=bottoms, label=name, color=PALETTE[k % len(PALETTE)])
            bottoms = [b + h for b, h in zip(bottoms, heights, strict=True)]
        if chart.percent:
            ax.set_ylabel("%")
        ax.tick_params(axis="x", labelrotation=30)
        ax.legend(fontsize=8, frameon=False)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
