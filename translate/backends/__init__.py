"""Model backends behind one Protocol (:class:`translate.backends.base.Backend`)."""
from translate.backends.base import Backend, GenRequest, GenResult

__all__ = ["Backend", "GenRequest", "GenResult"]
