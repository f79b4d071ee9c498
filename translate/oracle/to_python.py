"""Python values -> Python: a Python candidate is imported and called by the same driver as the source."""
from __future__ import annotations

from typing import Any

from translate.oracle import py_driver

LANGUAGE = "python"
STRICT_NUMBERS = True  # 3 and 3.0 print differently: a candidate must keep ints ints


def program(candidate: str, name: str, args: list[list[Any]], *, per_call: float = 1.0) -> tuple[str, dict[str, str]]:
    """(driver, extra files): the candidate is the module the driver imports."""
    return (py_driver.program(name, args, per_call=per_call), {f"{py_driver.MODULE}.py": candidate})
