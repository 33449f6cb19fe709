"""Pairs and groups, the orders that fix them, replacement requests and meeting preferences."""

from pairs.models.orders import Order, OrderItem
from pairs.models.pairs import Pair, PairEvent, PairMember
from pairs.models.preferences import Preference
from pairs.models.replacements import ReplacementRequest

__all__ = ["Order", "OrderItem", "Pair", "PairEvent", "PairMember", "Preference", "ReplacementRequest"]
