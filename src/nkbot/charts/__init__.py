"""Pictures drawn from the knowledge base (casualties by period, timeline); no Telegram here.

Importing this package is cheap: matplotlib is imported only when a chart is first rendered.
"""

from nkbot.charts.render import ChartRenderer, build_figure, caption, caption_parts, render_png
from nkbot.charts.spec import ChartBook, chart_for_intent, load_charts, names

__all__ = [
    "ChartBook",
    "ChartRenderer",
    "build_figure",
    "caption",
    "caption_parts",
    "chart_for_intent",
    "load_charts",
    "names",
    "render_png",
]
