"""The audited draw's procedure (design §12): simple enough to recompute by hand in ten lines.

1. ``seed = SHA-256(UTF-8(seed text) + b"\\n" + ASCII(audit chain head))`` — the text agreed in
   the meeting and the hash of the audit log's latest entry before the draw (64 hex digits);
2. the zone's refs are sorted (Unicode code point order, Python's ``sorted``);
3. Fisher–Yates from the last position down: for ``i = n − 1 … 1``,
   ``j = int(SHA-256(seed + i as 8 bytes big-endian), big-endian) mod (i + 1)``, swap items
   ``i`` and ``j``;
4. the first ``places`` refs of the shuffled list are drawn, in that order.

Only SHA-256 (FIPS 180-4) drives it: Python's ``random`` (a Mersenne Twister whose seeding and
sampling are implementation details) could not be recomputed by another tool.  Reducing a 256-bit
number modulo ``i + 1`` favours some values by less than ``(i + 1) / 2²⁵⁶``: nothing measurable.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass

from selection_desk.i18n import N_

PROCEDURE = N_(
    "seed = SHA-256(UTF-8(seed text) + newline + audit head); sort the zone's refs; "
    "for i from n-1 down to 1: j = SHA-256(seed + i as 8-byte big-endian) as a big-endian "
    "integer mod (i+1), swap items i and j; the first `places` refs are drawn"
)
"""The procedure in one line, recorded (in English) with every draw, printed translated."""


def draw_seed(seed_text: str, audit_head: str) -> bytes:
    return hashlib.sha256(seed_text.encode("utf-8") + b"\n" + audit_head.encode("ascii")).digest()


def shuffled(refs: Iterable[str], seed: bytes) -> list[str]:
    """The refs, sorted then shuffled by Fisher–Yates driven by SHA-256 counter-mode blocks."""
    order = sorted(refs)
    for i in range(len(order) - 1, 0, -1):
        block = hashlib.sha256(seed + i.to_bytes(8, "big")).digest()
        j = int.from_bytes(block, "big") % (i + 1)
        order[i], order[j] = order[j], order[i]
    return order


def draw(refs: Iterable[str], places: int, seed_text: str, audit_head: str) -> list[str]:
    """The ``places`` refs drawn among ``refs`` (all of them when there are no more)."""
    return shuffled(refs, draw_seed(seed_text, audit_head))[:places]


@dataclass(frozen=True)
class DrawRecord:
    """Everything needed to recompute the draw, as the audit log keeps it."""

    seed_text: str
    audit_head: str
    seed: str
    """SHA-256 of the seed text and the head, hexadecimal."""
    zone: tuple[str, ...]
    places: int
    secured: tuple[str, ...]
    """Selected outside the zone: their places are not drawn."""
    places_drawn: int
    drawn: tuple[str, ...]
    method: str
    resamples: int
    bootstrap_seed: int
    procedure: str = PROCEDURE
