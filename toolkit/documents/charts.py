"""Bar charts (PNG) for the reports: matplotlib, no timestamps in the file, the template's picture size."""

from __future__ import annotations

import io
from collections.abc import Sequence


def pct_text(value: float) -> str:
    """72,5 — one decimal with a decimal comma, "100" and "0" without decimals."""
    text = f"{value:.1f}".replace(".", ",")
    return text[:-2] if text.endswith(",0") else text


def bar_chart_png(labels: Sequence[str], values: Sequence[float], *, xlabel: str,
                  size_cm: tuple[float, float], threshold: float | None = None) -> bytes:
    """Horizontal bars on a 0–100 scale, the first label at the top, each bar labelled with its value.

    ``threshold``: bars below it are drawn in red (e.g. 100 for compliance: any missed period shows).
    """
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    labs = list(labels)[::-1]
    vals = [float(v) for v in values][::-1]
    colors = ["#C00000" if threshold is not None and v < threshold - 1e-9 else "#1F4E78" for v in vals]
    fig, ax = plt.subplots(figsize=(size_cm[0] / 2.54, size_cm[1] / 2.54), dpi=150)
    bars = ax.barh(labs, vals, color=colors)
    ax.set_xlim(0, 100)
    ax.set_xlabel(xlabel, fontsize=7)
    ax.tick_params(labelsize=6 if len(labs) > 10 else 7)
    for bar, value in zip(bars, vals, strict=True):
        ax.text(min(value + 1.5, 90), bar.get_y() + bar.get_height() / 2, pct_text(value) + "%",
                va="center", fontsize=6)
    ax.spines[["top", "right"]].set_visible(False)
    fig.tight_layout()
    buf = io.BytesIO()
    fig.savefig(buf, format="png", metadata={"Software": None})
    plt.close(fig)
    return buf.getvalue()


def short_label(text: str, limit: int = 42) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
