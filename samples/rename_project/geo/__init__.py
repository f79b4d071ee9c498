"""Geometry helpers; the package re-exports its most used names."""
from .shapes import Stack, area

__all__ = ["Stack", "area"]
