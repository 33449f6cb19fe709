"""Numbers read from a query string, a posted form or a hidden field.

Anything but plain ASCII digits is absent: ``str.isdigit`` also takes «²» (which ``int`` refuses) and
«٣» (which ``int`` reads as 3), and a 30-digit id overflows the database's integer column.
"""

from __future__ import annotations

import re

# 18 digits stay below the largest 64-bit integer, the widest id column of either database.
_NUMBER = re.compile(r"[0-9]{1,18}")


def int_param(value) -> int | None:
    """The number ``value`` spells, or None when it is missing or anything else."""
    if isinstance(value, str) and _NUMBER.fullmatch(value):
        return int(value)
    return None


def int_params(values) -> list[int]:
    """The numbers among ``values`` (a ``getlist``), the rest left out."""
    return [number for number in map(int_param, values) if number is not None]
