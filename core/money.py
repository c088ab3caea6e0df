"""Money: stored in 万元 as exact decimals, shown in 亿元 or 万元 with one rounding rule (half up)."""

from __future__ import annotations

from typing import Any

# Two places: county lists never go below 0.01 万元 (100 元).
MONEY: dict[str, Any] = {"max_digits": 16, "decimal_places": 2}
