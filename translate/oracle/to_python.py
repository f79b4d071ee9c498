"""Python values -> Python: a Python candidate is imported and called by the same driver as the source."""
from __future__ import annotations

from typing import Any

from translate.oracle import py_driver

LANGUAGE = "python"
STRICT_NUMBERS = True  # 3 and 3.0 print differently: a candidate must keep ints ints


def program(candidate: str, name: str, args: list[list[Any]], *, per_call: float = 1.0,
            receiver: str | None = None, spread_last: bool = False) -> tuple[str, dict[str, str]]:
    """(driver, extra files): the candidate is the module the driver imports; ``receiver``: a Java recipe for the
    object an instance method runs on (translate.oracle.java_receivers)."""
    from translate.oracle.java_receivers import python_receiver

    built = python_receiver(receiver, "_module") if receiver else None
    if receiver and built is None:
        raise ValueError(f"no Python for the object {receiver}")
    return (py_driver.program(name, args, per_call=per_call, receiver=built, spread_last=spread_last),
            {f"{py_driver.MODULE}.py": candidate})
