"""Which ``[tool.translate]`` settings of a project's ``pyproject.toml`` are taken, and which are ignored.

A repository someone else wrote must not choose where your code and your secrets go. Settings that send
data somewhere or pick a secret or a file (``base_url``, ``api_key_env``, a ``model`` that is remote, a hub
id, or a path outside the project, and any key not known to be harmless) are taken from a project only
when you trust it; harmless ones (``layout``, ``api``, ``concurrency``, ``request_timeout``,
``model_revision``, and a ``model`` that is an installed-pack name or a path inside the project) always
apply. Compare git's ``safe.directory`` and direnv's ``allow``.

A project (the directory holding the ``pyproject.toml``) is trusted when:

* its real path is, or is below, a root listed in the user's config file
  ``$XDG_CONFIG_HOME/translate/config.toml`` (default ``~/.config/translate/config.toml``)::

      trusted = ["~/src/myproject", "/work/company"]     # or ["*"]: every project

* or it is, or is below, a root in ``TRANSLATE_TRUST`` (``os.pathsep``-separated; ``*`` trusts every
  project, as git's ``safe.directory = *``);
* or the command got ``--trust-project``.

Paths are compared after ``realpath``: a symlinked project is judged by its real path. Ignored keys are
named once per file on stderr, with how to trust the project.
"""
from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path

from translate.config import env, find_pyproject, tool_table, user_config, user_config_path
from translate.errors import InputError

TRUST_ENV = "TRANSLATE_TRUST"
FLAG = "--trust-project"
# always taken from a project: they change how, not where, and name no secret, command or outside file
SAFE_KEYS = frozenset({"layout", "api", "concurrency", "request_timeout", "model_revision"})
_warned: set[str] = set()


def trusted_roots() -> list[str]:
    """The roots from the user's config file and ``TRANSLATE_TRUST`` (``*`` stays ``*``)."""
    roots = user_config().get("trusted", [])
    if isinstance(roots, str):
        roots = [roots]
    if not isinstance(roots, list):
        raise InputError(f"{user_config_path()}: trusted must be a list of directories")
    roots = [str(r) for r in roots]
    roots += [r for r in (env(TRUST_ENV) or "").split(os.pathsep) if r.strip()]
    return [r.strip() if r.strip() == "*" else os.path.realpath(os.path.expanduser(r.strip())) for r in roots]


def _below(path: str, root: str) -> bool:
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


def is_trusted(project_dir: Path | str, flag: bool = False) -> bool:
    if flag:
        return True
    real = os.path.realpath(project_dir)
    return any(r == "*" or _below(real, r) for r in trusted_roots())


def _model_is_local(value, project_dir: str, is_pack: Callable[[str], bool] | None) -> bool:
    """An installed model pack's name (``is_pack``: the caller's pack registry, which lies above config), or an
    existing path inside the project (judged by its real path)."""
    if not isinstance(value, str) or not value.strip() or value.strip().startswith(("openai:", "~")):
        return False
    ref = value.strip()
    if "/" not in ref and os.sep not in ref and not ref.startswith(".") and is_pack is not None and is_pack(ref):
        return True
    real = os.path.realpath(os.path.join(project_dir, ref))
    return os.path.exists(real) and _below(real, os.path.realpath(project_dir))


def split(pyproject: Path, table: dict, *, trust_flag: bool = False,
          is_pack: Callable[[str], bool] | None = None) -> tuple[dict, list[str]]:
    """(the settings to use, the keys ignored) of ``table``, the ``[tool.translate]`` of ``pyproject``."""
    project = str(Path(pyproject).parent)
    if is_trusted(project, trust_flag):
        return dict(table), []
    kept, ignored = {}, []
    for key, value in table.items():
        if key in SAFE_KEYS or (key == "model" and _model_is_local(value, project, is_pack)):
            kept[key] = value
        else:
            ignored.append(key)
    return kept, ignored


def project_config(start: Path | None = None, *, trust_flag: bool = False,
                   is_pack: Callable[[str], bool] | None = None) -> tuple[dict, Path | None]:
    """The usable ``[tool.translate]`` of the nearest pyproject.toml at or above ``start`` (default: the
    working directory) and that file's path; ``({}, None)`` without one, ``({}, path)`` when it cannot be
    read. Says once per file on stderr which keys were ignored and how to trust the project."""
    path = find_pyproject((start or Path.cwd()).resolve())
    if path is None:
        return {}, None
    table = tool_table(path)
    if not table:
        return {}, path
    kept, ignored = split(path, table, trust_flag=trust_flag, is_pack=is_pack)
    if ignored:
        warn(path, ignored)
    return kept, path


def warn(pyproject: Path, ignored: list[str]) -> None:
    key = str(pyproject)
    if key in _warned:
        return
    _warned.add(key)
    root = os.path.realpath(Path(pyproject).parent)
    print(f"translate: warning: ignored {', '.join(sorted(ignored))} under [tool.translate] in {pyproject}: the "
          f"project is not trusted (add {root!r} to trusted in {user_config_path()}, set {TRUST_ENV}, "
          f"or pass {FLAG})", file=sys.stderr)
