"""Charts drawn on the server as SVG: no JavaScript, printable, styled by CSS classes only.

Each chart has a title (``<title>`` and ``aria-labelledby``), and the page puts a text summary
and the data table beside it. Bars carry their value as text and lines carry a marker shape per
series and a label, so that nothing relies on colour; a missing figure breaks the line and is
marked with a cross under the axis (never where a value would be), with words in its tooltip and
a key under the chart.
"""

import itertools
from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal

from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe


def _fmt(template, *args):
    """Like format_html, but numbers keep their format specs ('{:.1f}'); text is escaped."""
    safe = [a if isinstance(a, int | float | Decimal) else conditional_escape(a) for a in args]
    return mark_safe(template.format(*safe))  # noqa: S308


# The shapes of the lines' points; the cross is kept for a year with no figure.
MARKERS = ("circle", "square", "triangle", "diamond", "star", "triangle-down")
GAP_KEY = "× under a year: no figure published"


@dataclass
class Bar:
    label: str
    value: Decimal | None
    text: str  # the value as it reads, or why it is missing
    emphasis: str = ""  # "region", "england" or "neighbours": drawn with a pattern


def _scale(values):
    numbers = [v for v in values if v is not None]
    low = min([Decimal(0), *numbers]) if numbers else Decimal(0)
    high = max([Decimal(0), *numbers]) if numbers else Decimal(1)
    if high == low:
        high = low + 1
    return low, high


# A tick's step is one of these times a power of ten: 0, 20, 40, 60, 80 rather than 0, 32.35, 64.7.
NICE_STEPS = (Decimal(1), Decimal(2), Decimal("2.5"), Decimal(5))


def ticks(low, high, places, most=6):
    """Round values for an axis from ``low`` to ``high`` (not equal): the smallest round step
    that needs at most ``most`` ticks and is a multiple of the last place a figure shows (with 0
    places, no 2.5: its ticks would read 0, 3, 5, 8). From the step's multiple at or below
    ``low`` to the one at or above ``high``."""
    least = (high - low) / (most - 1)
    power = Decimal(10) ** least.adjusted()  # the power of ten at or below it
    shown = Decimal(1).scaleb(-places)  # the smallest difference a figure shows
    for exponent in itertools.count():
        for multiple in NICE_STEPS:
            step = multiple * power * Decimal(10) ** exponent
            if step < least or step % shown:
                continue
            first = (low / step).to_integral_value(rounding=ROUND_FLOOR)
            last = (high / step).to_integral_value(rounding=ROUND_CEILING)
            if last - first < most:
                return [(first + n) * step for n in range(int(last - first) + 1)]


def bar_chart(chart_id, title, bars):
    """A horizontal bar chart: one row per bar, its label on the left and its value at the end."""
    row, label_width, plot_width = 26, 230, 420
    height = row * len(bars) + 20
    low, high = _scale([b.value for b in bars])

    def x(value):
        return label_width + float((value - low) / (high - low)) * plot_width

    parts = []
    zero = x(Decimal(0))
    for index, bar in enumerate(bars):
        y = 10 + index * row
        parts.append(
            _fmt(
                '<text class="bm-chart__label" x="{}" y="{}" text-anchor="end">{}</text>',
                label_width - 8,
                y + 16,
                bar.label,
            )
        )
        if bar.value is None:
            parts.append(
                _fmt(
                    '<text class="bm-chart__missing" x="{}" y="{}">{}</text>',
                    zero + 4,
                    y + 16,
                    bar.text,
                )
            )
            continue
        start, end = sorted((zero, x(bar.value)))
        parts.append(
            _fmt(
                '<rect class="bm-chart__bar{}" x="{:.1f}" y="{}" width="{:.1f}" height="{}">'
                "<title>{}: {}</title></rect>",
                f" bm-chart__bar--{bar.emphasis}" if bar.emphasis else "",
                start,
                y + 3,
                max(end - start, 1),
                row - 8,
                bar.label,
                bar.text,
            )
        )
        parts.append(
            _fmt(
                '<text class="bm-chart__value" x="{:.1f}" y="{}">{}</text>',
                end + 4,
                y + 16,
                bar.text,
            )
        )
    parts.append(
        _fmt(
            '<line class="bm-chart__axis" x1="{:.1f}" x2="{:.1f}" y1="5" y2="{}"/>',
            zero,
            zero,
            height - 5,
        )
    )
    return _svg(chart_id, title, label_width + plot_width + 120, height, parts)


@dataclass
class Series:
    name: str
    points: list  # (value or None, text) per year
    emphasis: str = ""


def line_chart(chart_id, title, years, series, tick_text, places):
    """A line per series over the years; each series has its own marker shape and a label at
    its last point. A missing year breaks the line and gets a cross under the axis.
    ``tick_text`` writes the values on the vertical axis (the measure's figures), which show
    ``places`` decimal places."""
    left, right, top, bottom = 70, 190, 15, 70
    width = max(560, 70 * len(years)) + left + right
    plot_w = width - left - right
    plot_h = 260
    height = plot_h + top + bottom
    axis = ticks(*_scale([p[0] for s in series for p in s.points]), places)
    low, high = axis[0], axis[-1]

    def x(i):
        return left + (plot_w * i / max(len(years) - 1, 1))

    def y(value):
        return top + plot_h - float((value - low) / (high - low)) * plot_h

    parts = [
        _fmt(
            '<line class="bm-chart__axis" x1="{}" x2="{}" y1="{}" y2="{}"/>',
            left,
            width - right,
            top + plot_h,
            top + plot_h,
        )
    ]
    for value in axis:
        parts.append(
            _fmt(
                '<text class="bm-chart__tick" x="{}" y="{:.1f}" text-anchor="end">{}</text>'
                '<line class="bm-chart__grid" x1="{}" x2="{}" y1="{:.1f}" y2="{:.1f}"/>',
                left - 6,
                y(value) + 4,
                tick_text(value),
                left,
                width - right,
                y(value),
                y(value),
            )
        )
    for i, year in enumerate(years):
        parts.append(
            _fmt(
                '<text class="bm-chart__tick" x="{:.1f}" y="{}" text-anchor="middle">{}</text>',
                x(i),
                top + plot_h + 34,
                year,
            )
        )
    for number, line in enumerate(series):
        marker = MARKERS[number % len(MARKERS)]
        css = f"bm-chart__series bm-chart__series--{number % 8}"
        if line.emphasis:
            css += f" bm-chart__series--{line.emphasis}"
        segments, current = [], []
        for i, (value, _) in enumerate(line.points):
            if value is None:
                if current:
                    segments.append(current)
                current = []
            else:
                current.append((x(i), y(value)))
        if current:
            segments.append(current)
        group = []
        for segment in segments:
            if len(segment) > 1:
                group.append(
                    _fmt(
                        '<polyline class="bm-chart__line" points="{}"/>',
                        " ".join(f"{px:.1f},{py:.1f}" for px, py in segment),
                    )
                )
        for i, (value, text) in enumerate(line.points):
            label = f"{line.name}, {years[i]}: {text}"
            if value is None:
                group.append(_marker("cross", x(i), top + plot_h + 13, label, "bm-chart__gap"))
            else:
                group.append(_marker(marker, x(i), y(value), label, "bm-chart__marker"))
        last = next(
            ((i, v) for i, (v, _) in reversed(list(enumerate(line.points))) if v is not None),
            None,
        )
        if last:
            group.append(
                _fmt(
                    '<text class="bm-chart__series-label" x="{:.1f}" y="{:.1f}">{}</text>',
                    x(last[0]) + 10,
                    y(last[1]) + 4,
                    line.name,
                )
            )
        parts.append(_fmt('<g class="{}">{}</g>', css, mark_safe("".join(group))))  # noqa: S308
    if any(value is None for line in series for value, _ in line.points):
        parts.append(
            _fmt('<text class="bm-chart__tick" x="{}" y="{}">{}</text>', left, height - 8, GAP_KEY)
        )
    return _svg(chart_id, title, width, height, parts)


def _marker(shape, cx, cy, label, css):
    title = _fmt("<title>{}</title>", label)
    if shape == "circle":
        body = _fmt('<circle cx="{:.1f}" cy="{:.1f}" r="4.5"/>', cx, cy)
    elif shape == "square":
        body = _fmt('<rect x="{:.1f}" y="{:.1f}" width="8" height="8"/>', cx - 4, cy - 4)
    elif shape == "triangle":
        body = _fmt(
            '<polygon points="{:.1f},{:.1f} {:.1f},{:.1f} {:.1f},{:.1f}"/>',
            cx,
            cy - 5,
            cx - 5,
            cy + 4,
            cx + 5,
            cy + 4,
        )
    elif shape == "diamond":
        body = _fmt(
            '<polygon points="{:.1f},{:.1f} {:.1f},{:.1f} {:.1f},{:.1f} {:.1f},{:.1f}"/>',
            cx,
            cy - 6,
            cx + 6,
            cy,
            cx,
            cy + 6,
            cx - 6,
            cy,
        )
    elif shape == "triangle-down":
        body = _fmt(
            '<polygon points="{:.1f},{:.1f} {:.1f},{:.1f} {:.1f},{:.1f}"/>',
            cx,
            cy + 5,
            cx - 5,
            cy - 4,
            cx + 5,
            cy - 4,
        )
    elif shape == "star":
        body = _fmt(
            '<path d="M{:.1f} {:.1f}l1.8 3.6 4 .6-2.9 2.8.7 4-3.6-1.9-3.6 1.9.7-4-2.9-2.8 4-.6z"/>',
            cx,
            cy - 6,
        )
    else:
        body = _fmt(
            '<path class="bm-chart__cross" d="M{:.1f} {:.1f}l8 8m0-8l-8 8"/>', cx - 4, cy - 4
        )
    return _fmt('<g class="{}">{}{}</g>', css, title, body)


def _svg(chart_id, title, width, height, parts):
    return _fmt(
        '<svg class="bm-chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {} {}" '
        'role="img" aria-labelledby="{}-title {}-summary">'
        '<title id="{}-title">{}</title>{}</svg>',
        int(width),
        int(height),
        chart_id,
        chart_id,
        chart_id,
        title,
        mark_safe("".join(parts)),  # noqa: S308 (each part is escaped by _fmt)
    )
