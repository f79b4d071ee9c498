"""Python's ``if __name__ == "__main__":`` as the model writes it in JavaScript, made right for an ES module.

The model writes Python's main guard as CommonJS's ``if (require.main === module) {...}``. The written project is
ES modules (``"type": "module"``), where ``require`` and ``module`` do not exist: the whole file dies at load
with a ReferenceError (addict's migrated test file: every test lost to its last four lines).

- In a **test file** the guard only runs the tests (``unittest.main()``, a loader and a runner); ``node --test``
  runs the registered tests instead, so the guard becomes one comment that says so.
- In **any other module** the condition becomes the ES module's own test: this file is the script node was
  started with (``import.meta.url`` against ``process.argv[1]``).
"""
from __future__ import annotations

import re

from translate.source.languages import Language
from translate.translation.assemble import splice

_COMMONJS_MAIN = re.compile(r"^\(?\s*(?:require\.main\s*===?\s*module|module\s*===?\s*require\.main)\s*\)?$")
_ES_MAIN = "import.meta.url === new URL(`file://${process.argv[1]}`).href"


def fix_main_guards(text: str, target: Language, is_test: bool) -> tuple[str, list[str]]:
    """``text`` (a whole JavaScript file) with each top-level CommonJS main guard fixed, and a note per guard."""
    data = text.encode("utf-8")
    edits: list[tuple[int, int, str]] = []
    for node in target.parse(data).root_node.children:
        if node.type != "if_statement":
            continue
        cond = node.child_by_field_name("condition")
        if cond is None:
            continue
        inner = data[cond.start_byte:cond.end_byte].decode("utf-8").strip()
        inner = inner[1:-1].strip() if inner.startswith("(") and inner.endswith(")") else inner
        if not _COMMONJS_MAIN.match(inner):
            continue
        if is_test and node.child_by_field_name("alternative") is None:
            edits.append((node.start_byte, node.end_byte,
                          f"{target.line_comment} Python's `if __name__ == \"__main__\":` ran the tests as a script: "
                          f"node --test runs the tests of this file"))
        else:
            edits.append((cond.start_byte, cond.end_byte, f"({_ES_MAIN})"))
    notes = [("the main guard of a test file dropped (node --test runs its tests)" if is_test else
              "`require.main === module` (CommonJS, a ReferenceError in an ES module) written as the ES module's "
              "main test")] * len(edits)
    return (splice(text, edits) if edits else text), notes
