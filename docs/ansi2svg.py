#!/usr/bin/env python3
"""Renders a terminal capture with ANSI colors (tmux capture-pane -e -p) as an SVG screenshot.

usage: ansi2svg.py capture.ansi out.svg [columns]
Reads SGR codes only: bold, underline, reverse, 16/256/24-bit foreground and background.
"""
import html
import re
import sys

BASE16 = ["#000000", "#cd3131", "#0dbc79", "#e5e510", "#2472c8", "#bc3fbc", "#11a8cd", "#e5e5e5",
          "#666666", "#f14c4c", "#23d18b", "#f5f543", "#3b8eea", "#d670d6", "#29b8db", "#ffffff"]
DEFAULT_FG, DEFAULT_BG = "#d4d4d4", "#1e1e1e"
CW, CH, FONT = 8.43, 17, 14


def xterm256(n):
    if n < 16:
        return BASE16[n]
    if n < 232:
        n -= 16
        steps = [0, 95, 135, 175, 215, 255]
        return "#%02x%02x%02x" % (steps[n // 36], steps[(n // 6) % 6], steps[n % 6])
    g = 8 + (n - 232) * 10
    return "#%02x%02x%02x" % (g, g, g)


def parse(lines, columns):
    rows = []
    for line in lines:
        st = {"fg": None, "bg": None, "bold": False, "ul": False, "rev": False}
        cells = []
        for tok in re.split(r"(\x1b\[[0-9;]*m)", line):
            if tok.startswith("\x1b["):
                codes = [int(c) if c else 0 for c in tok[2:-1].split(";")]
                i = 0
                while i < len(codes):
                    c = codes[i]
                    if c == 0:
                        st = {"fg": None, "bg": None, "bold": False, "ul": False, "rev": False}
                    elif c == 1: st["bold"] = True
                    elif c == 4: st["ul"] = True
                    elif c == 7: st["rev"] = True
                    elif c == 22: st["bold"] = False
                    elif c == 24: st["ul"] = False
                    elif c == 27: st["rev"] = False
                    elif 30 <= c <= 37: st["fg"] = BASE16[c - 30]
                    elif 90 <= c <= 97: st["fg"] = BASE16[c - 90 + 8]
                    elif c == 39: st["fg"] = None
                    elif 40 <= c <= 47: st["bg"] = BASE16[c - 40]
                    elif 100 <= c <= 107: st["bg"] = BASE16[c - 100 + 8]
                    elif c == 49: st["bg"] = None
                    elif c in (38, 48) and i + 1 < len(codes):
                        key = "fg" if c == 38 else "bg"
                        if codes[i + 1] == 5 and i + 2 < len(codes):
                            st[key] = xterm256(codes[i + 2]); i += 2
                        elif codes[i + 1] == 2 and i + 4 < len(codes):
                            st[key] = "#%02x%02x%02x" % tuple(codes[i + 2:i + 5]); i += 4
                    i += 1
            else:
                for ch in tok:
                    cells.append((ch, dict(st)))
        while len(cells) < columns:
            cells.append((" ", {"fg": None, "bg": None, "bold": False, "ul": False, "rev": False}))
        rows.append(cells[:columns])
    return rows


def is_braille(ch):
    # fonts draw these from a fallback with another advance; a run of their own keeps the grid aligned
    return 0x2800 <= ord(ch) <= 0x28ff or 0x2580 <= ord(ch) <= 0x259f


def colors(st):
    fg, bg = st["fg"] or DEFAULT_FG, st["bg"] or DEFAULT_BG
    return (bg, fg) if st["rev"] else (fg, bg)


def main():
    src, out = sys.argv[1], sys.argv[2]
    lines = open(src, encoding="utf-8").read().rstrip("\n").split("\n")
    columns = int(sys.argv[3]) if len(sys.argv) > 3 else max(len(re.sub(r"\x1b\[[0-9;]*m", "", l)) for l in lines)
    rows = parse(lines, columns)
    w, h = int(columns * CW) + 16, len(rows) * CH + 16
    svg = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}">',
           f'<rect width="{w}" height="{h}" fill="{DEFAULT_BG}" rx="6"/>',
           f'<g font-family="DejaVu Sans Mono, Menlo, Consolas, monospace" font-size="{FONT}" xml:space="preserve">']
    for r, cells in enumerate(rows):
        y = 8 + r * CH
        c = 0
        while c < len(cells):
            fg, bg = colors(cells[c][1])
            st = cells[c][1]
            e = c
            wide = is_braille(cells[c][0])
            while e < len(cells) and colors(cells[e][1]) == (fg, bg) and cells[e][1]["bold"] == st["bold"] \
                    and cells[e][1]["ul"] == st["ul"] and is_braille(cells[e][0]) == wide:
                e += 1
            if bg != DEFAULT_BG:
                svg.append(f'<rect x="{8 + c * CW:.1f}" y="{y}" width="{(e - c) * CW + 0.5:.1f}" height="{CH}" '
                           f'fill="{bg}"/>')
            text = "".join(ch for ch, _ in cells[c:e])
            if wide:  # one element per glyph: the fallback font's advance would push the run off the grid
                for k, ch in enumerate(text):
                    svg.append(f'<text x="{8 + (c + k) * CW:.1f}" y="{y + CH - 4}" fill="{fg}">{html.escape(ch)}</text>')
            elif text.strip():
                attrs = ' font-weight="bold"' if st["bold"] else ""
                attrs += ' text-decoration="underline"' if st["ul"] else ""
                svg.append(f'<text x="{8 + c * CW:.1f}" y="{y + CH - 4}" fill="{fg}" textLength="{(e - c) * CW:.1f}"'
                           f' lengthAdjust="spacingAndGlyphs"{attrs}>{html.escape(text)}</text>')
            c = e
    svg.append("</g></svg>")
    open(out, "w", encoding="utf-8").write("\n".join(svg) + "\n")


if __name__ == "__main__":
    main()
