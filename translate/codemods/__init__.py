"""Exact, model-free code transforms (libcst): ``translate rename``."""
