"""A tiny inventory package: the sample project for `translate repo`."""
from inventory.models import Bundle, Item, Perishable
from inventory.store import Store

__all__ = ["Item", "Perishable", "Bundle", "Store"]
