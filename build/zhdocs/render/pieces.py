"""Long pages in pieces of whole lines, cut where the content says (not every N lines).

An index page changes by an entry or two between builds; converted piece by
piece, only the pieces around a change are converted again. A cut after every
line whose hash hits 1 in PIECE_LINES keeps the other pieces the same when
lines come or go (a blank line hashes to 0: each group of an index is a piece
of its own). OpenCC never matches across a line end (no dictionary entry
holds one), so the pieces' conversions joined are the page's conversion.
"""

from __future__ import annotations

import zlib

PIECE_LINES = 32  # lines per piece on average


def line_pieces(text: str) -> list[str]:
    """`text` cut after content-chosen line ends ("\n" only); joined, the pieces are `text`."""
    lines = text.split("\n")
    pieces, current = [], []
    for i, line in enumerate(lines):
        current.append(line)
        if i < len(lines) - 1 and zlib.crc32(line.encode("utf-8", "surrogatepass")) % PIECE_LINES == 0:
            pieces.append("\n".join(current) + "\n")
            current = []
    return [*pieces, "\n".join(current)]
