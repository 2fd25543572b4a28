"""Bar charts as inline SVG, drawn on the server: no JavaScript, no charting library, no CDN.

Each chart is an image with a text alternative; the same numbers are in a table beside
it, which is what screen readers and exports use. Colours meet 3:1 contrast against white
and series are also told apart by their order in the legend.
"""

import math

from django.utils.formats import number_format
from django.utils.html import format_html, format_html_join

# Wagtail-like colours with at least 3:1 contrast on white.
PALETTE = ["#007d7e", "#6a3ea1", "#c3461d", "#2e6ac9", "#6b6b00"]
WIDTH, HEIGHT = 640, 260
LEFT, RIGHT, TOP, BOTTOM = 44, 12, 12, 56


# Round steps between axis lines: 1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, …
NICE_STEPS = sorted(
    {nice * 10**power for power in range(10) for nice in (1, 2, 5)} | {25 * 10**power for power in range(9)}
)


def _nice_top(value, unit):
    """The axis' top: four equal steps of a whole, round number (never "7.5" or "22.5")."""
    if unit == "percent":
        return 100
    top = max(value, 1)
    return 4 * next(step for step in NICE_STEPS if step * 4 >= top)


def bar_chart(figure):
    """The figure as an SVG bar chart (stacked if ``figure.stacked``), with axis, labels and legend."""
    names = list(figure.series)
    columns = len(figure.categories) or 1
    totals = [
        sum(values[i] for values in figure.series.values())
        if figure.stacked
        else max((values[i] for values in figure.series.values()), default=0)
        for i in range(len(figure.categories))
    ]
    top = _nice_top(max(totals, default=0), figure.unit)
    plot_width, plot_height = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    slot = plot_width / columns
    bars_per_slot = 1 if figure.stacked else len(names)
    bar_width = max(2.0, slot * 0.7 / bars_per_slot)
    parts = []
    for tick in range(5):
        value = top * tick // 4
        y = TOP + plot_height - plot_height * tick / 4
        label = number_format(value, force_grouping=True) + ("%" if figure.unit == "percent" else "")
        parts.append(
            format_html(
                '<line x1="{}" x2="{}" y1="{}" y2="{}" stroke="#d0d5dd"/>'
                '<text x="{}" y="{}" text-anchor="end" font-size="11" fill="#333">{}</text>',
                LEFT,
                WIDTH - RIGHT,
                f"{y:.1f}",
                f"{y:.1f}",
                LEFT - 6,
                f"{y + 4:.1f}",
                label,
            )
        )
    # Labels about 60 px apart at most, so week labels never run into each other.
    label_every = max(1, math.ceil(columns / (plot_width / 60)))
    for index, category in enumerate(figure.categories):
        x0 = LEFT + slot * index + (slot - bar_width * bars_per_slot) / 2
        base = TOP + plot_height
        for series_index, name in enumerate(names):
            value = figure.series[name][index]
            height = plot_height * value / top if top else 0
            x = x0 if figure.stacked else x0 + bar_width * series_index
            y = base - height
            parts.append(
                format_html(
                    '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"><title>{}: {} · {}</title></rect>',
                    f"{x:.1f}",
                    f"{y:.1f}",
                    f"{bar_width:.1f}",
                    f"{height:.1f}",
                    PALETTE[series_index % len(PALETTE)],
                    category,
                    name,
                    value,
                )
            )
            if figure.stacked:
                base = y
        if index % label_every == 0:
            parts.append(
                format_html(
                    '<text x="{}" y="{}" text-anchor="middle" font-size="11" fill="#333">{}</text>',
                    f"{LEFT + slot * index + slot / 2:.1f}",
                    TOP + plot_height + 16,
                    category,
                )
            )
    legend = format_html_join(
        "",
        '<rect x="{}" y="{}" width="10" height="10" fill="{}"/>'
        '<text x="{}" y="{}" font-size="11" fill="#333">{}</text>',
        (
            (
                LEFT + 160 * index,
                HEIGHT - 22,
                PALETTE[index % len(PALETTE)],
                LEFT + 160 * index + 14,
                HEIGHT - 13,
                name,
            )
            for index, name in enumerate(names)
        ),
    )
    return format_html(
        '<svg class="report-chart" viewBox="0 0 {} {}" role="img" aria-labelledby="chart-{}-title" '
        'xmlns="http://www.w3.org/2000/svg"><title id="chart-{}-title">{}</title>{}{}</svg>',
        WIDTH,
        HEIGHT,
        figure.key,
        figure.key,
        figure.title,
        format_html_join("", "{}", ((part,) for part in parts)),
        legend,
    )
