"""Pictures for the home page, drawn at build time as static inline SVG.

No script, no CDN: the SVG is part of the page, prints, and is converted to
Traditional with the rest of the page. Every label may come from a scraped
string (a source's name), so each one goes through `md.attribute` (one line, escaped):
a blank line inside the SVG would end its HTML block and let Markdown in.
"""

from __future__ import annotations

from . import markdown as md

BAR = "fill:var(--md-primary-fg-color,#ef5350)"
TEXT = "fill:currentColor;font-size:12px"
LABEL_CHARS = 14  # longer labels are cut with …; the full name is in the tooltip
ROW = 22  # px per bar of a horizontal chart
WIDTH = 640


def _svg(height: int, label: str, body: list[str]) -> str:
    """One line per element, no blank line: Markdown keeps it as one raw HTML block."""
    name = md.attribute(label)
    return (f'<figure class="zhdocs-chart">\n<svg xmlns="http://www.w3.org/2000/svg" role="img" '
            f'aria-label="{name}" viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" '
            f'height="{height}" style="max-width:100%;height:auto">\n<title>{name}</title>\n'
            + "\n".join(body) + f"\n</svg>\n<figcaption>{name}</figcaption>\n</figure>\n\n")


def _short(label: str) -> str:
    return label if len(label) <= LABEL_CHARS else label[: LABEL_CHARS - 1] + "…"


def timeline(counts: dict[str, int], label: str) -> str:
    """Columns per year from the first to the last year, empty years included."""
    years = sorted(counts)
    span = [str(y) for y in range(int(years[0]), int(years[-1]) + 1)]
    top, height, base = max(counts.values()), 180, 150
    step = (WIDTH - 40) / len(span)
    body = []
    for i, year in enumerate(span):
        n = counts.get(year, 0)
        h = round((base - 20) * n / top)
        x = 20 + i * step
        tip = md.attribute(f"{year}：{n}")
        body.append(f'<rect x="{x + step * 0.15:.1f}" y="{base - h}" width="{step * 0.7:.1f}" '
                    f'height="{h}" style="{BAR}"><title>{tip}</title></rect>')
        if n:
            body.append(f'<text x="{x + step / 2:.1f}" y="{base - h - 4}" text-anchor="middle" '
                        f'style="{TEXT}">{n}</text>')
        if len(span) <= 16 or i % (len(span) // 16 + 1) == 0:
            body.append(f'<text x="{x + step / 2:.1f}" y="{base + 16}" text-anchor="middle" '
                        f'style="{TEXT}">{year}</text>')
    return _svg(height, label, body)


def bars(rows: list[tuple[str, int]], label: str) -> str:
    """Horizontal bars, one row per (name, count), in the order given."""
    top = max((n for _, n in rows), default=1)
    left, right = 200, 40
    body = []
    for i, (name, n) in enumerate(rows):
        y = 10 + i * ROW
        w = round((WIDTH - left - right) * n / top)
        tip = md.attribute(f"{name}：{n}")
        body.append(f'<text x="{left - 8}" y="{y + 14}" text-anchor="end" style="{TEXT}">'
                    f"<title>{tip}</title>{md.attribute(_short(name))}</text>")
        body.append(f'<rect x="{left}" y="{y + 2}" width="{w}" height="{ROW - 6}" style="{BAR}">'
                    f"<title>{tip}</title></rect>")
        body.append(f'<text x="{left + w + 4}" y="{y + 14}" style="{TEXT}">{n}</text>')
    return _svg(20 + len(rows) * ROW, label, body)
