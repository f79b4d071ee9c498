"""Model engines behind one contract (:class:`translate.engines.base.Engine`), found by name in
:mod:`translate.engines.registry`."""
from translate.engines.base import Backend, Engine, GenRequest, GenResult, Identity

__all__ = ["Backend", "Engine", "GenRequest", "GenResult", "Identity"]
