"""Model backends behind one Protocol (:class:`translate.engines.base.Backend`)."""
from translate.engines.base import Backend, GenRequest, GenResult

__all__ = ["Backend", "GenRequest", "GenResult"]
