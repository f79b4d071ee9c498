"""Build files of a migrated project, from templates (data in ``templates/``), never from the model.

JavaScript: ``package.json`` with ``"type": "module"`` (the writer emits ES modules) and ``npm test`` running
``node --test`` (which finds the ``*.test.js`` files the layout names); ``unittest.js`` (the ``TestCase`` that
migrated unittest classes extend) when the source has unittest tests.
Python: ``pyproject.toml`` whose pytest settings put the project root on the path and collect ``*_test.py`` (and ``*_tests.py``, ``*_test_case.py``: JUnit's ``*Tests``, ``*TestCase``);
``junit_asserts.py`` (JUnit's assert functions and the runner of a migrated test method) when the source has
JUnit tests.
Java: ``pom.xml`` (Java 17, JUnit 5 and surefire, sources under ``src/main/java`` and tests under ``src/test/java``).
"""
from __future__ import annotations

import json
import re
from pathlib import Path

TEMPLATES = Path(__file__).resolve().parent / "templates"


def _package_json(name: str) -> str:
    data = json.loads((TEMPLATES / "package.json").read_text(encoding="utf-8"))
    slug = re.sub(r"[^a-z0-9._-]+", "-", name.lower()).strip("-._") or data["name"]
    data["name"] = slug[:214]
    data["description"] = f"Migrated from {name} by translate repo"
    return json.dumps(data, indent=2) + "\n"


def _pyproject(name: str) -> str:
    slug = re.sub(r"[^a-z0-9._-]+", "-", name.lower()).strip("-._") or "migrated-project"
    text = (TEMPLATES / "pyproject.toml").read_text(encoding="utf-8")
    return (text.replace('name = "migrated-project"', f'name = "{slug[:100]}"', 1)
            .replace('description = ""', f'description = "Migrated from {_toml_text(name)} by translate repo"', 1))


def _pom(name: str) -> str:
    slug = re.sub(r"[^a-z0-9._-]+", "-", name.lower()).strip("-._") or "migrated-project"
    text = (TEMPLATES / "pom.xml").read_text(encoding="utf-8")
    return (text.replace("<artifactId>migrated-project</artifactId>", f"<artifactId>{slug[:100]}</artifactId>", 1)
            .replace("<description></description>",
                     f"<description>Migrated from {_xml_text(name)} by translate repo</description>", 1))


def _xml_text(value: str) -> str:
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _toml_text(value: str) -> str:
    return value.replace("\\", "\\\\").replace('"', '\\"')


_BUILD_FILES = {"javascript": {"package.json": _package_json}, "python": {"pyproject.toml": _pyproject},
                "java": {"pom.xml": _pom}}


# Support files a project's migrated tests need, by target and the source test framework they came from:
# unittest classes extend a ``TestCase`` template (JavaScript: ``templates/unittest.js``, node:assert inside);
# JUnit classes call JUnit's assert functions (Python: ``templates/junit_asserts.py``).
# pytest's fixtures (``monkeypatch``, ``capsys``) are ``templates/pytest.js``.
# Python's ``re`` is ``templates/pyre.js`` (its API over RegExp, Python's pattern syntax translated).
# In Java, ``templates/re.java``: the class ``re`` of the project's package (java.util.regex under Python's API).
_TEST_SUPPORT = {("javascript", "unittest"): "unittest.js", ("javascript", "pytest"): "pytest.js",
                 ("javascript", "re"): "pyre.js", ("python", "junit"): "junit_asserts.py", ("java", "re"): "re.java"}


def java_support(name: str, package: str) -> tuple[str, str]:
    """(output path, text) of a Java support template in the project's package."""
    text = (TEMPLATES / name).read_text(encoding="utf-8").replace("__PACKAGE__", package)
    return f"src/main/java/{package.replace('.', '/')}/{name}", text


def build_files(target: str, project_name: str, frameworks: tuple[str, ...] = (),
                package: str | None = None) -> dict[str, str]:
    """Output path (relative to DST) -> text of each build file a ``target`` project needs, with the support
    files of the source test ``frameworks`` (and modules) its migrated code uses (Java: in ``package``)."""
    out = {path: make(project_name) for path, make in _BUILD_FILES.get(target, {}).items()}
    for fw in frameworks:
        name = _TEST_SUPPORT.get((target, fw))
        if name is not None and target == "java":
            path, text = java_support(name, package or "app")
            out[path] = text
        elif name is not None:
            out[name] = (TEMPLATES / name).read_text(encoding="utf-8")
    return out
