"""Why a Python function cannot be checked by running it: it reads files or the clock, draws random
numbers, talks to the network, asks for input, or keeps state between calls.

The function and every module-level function it calls (by name, transitively) are searched; a name is
resolved through the module's imports, so ``from random import randint`` is caught as well as
``random.randint``."""
from __future__ import annotations

import ast

_MODULES = {
    "random": "uses randomness", "secrets": "uses randomness", "uuid": "uses randomness",
    "numpy.random": "uses randomness", "time": "reads the clock", "datetime": "reads the clock",
    "os": "uses the operating system", "sys": "uses the interpreter's state", "socket": "uses the network",
    "urllib": "uses the network", "requests": "uses the network", "http": "uses the network",
    "subprocess": "runs programs", "shutil": "uses files", "tempfile": "uses files", "pathlib": "uses files",
    "io": "uses files", "glob": "uses files", "threading": "uses threads", "asyncio": "uses an event loop",
    "multiprocessing": "uses processes", "sqlite3": "uses a database", "logging": "writes logs",
}
_BUILTINS = {"open": "reads or writes files", "input": "reads input", "id": "depends on object addresses",
             "hash": "depends on hash randomization", "exec": "runs generated code", "eval": "runs generated code",
             "__import__": "imports at run time", "globals": "uses global state", "breakpoint": "stops in a debugger"}
_HARMLESS = {"sys": {"maxsize", "float_info", "setrecursionlimit", "getrecursionlimit"},
             "datetime": {"date", "timedelta", "datetime"}, "time": set()}
_CLOCK_ATTRS = {"now", "today", "utcnow", "fromtimestamp"}


def _imports(tree: ast.Module) -> dict[str, str]:
    """Local name -> the module (or module.member) it stands for."""
    names: dict[str, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for a in node.names:
                names[(a.asname or a.name).split(".")[0]] = a.name if a.asname else a.name.split(".")[0]
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            for a in node.names:
                names[a.asname or a.name] = f"{node.module}.{a.name}"
    return names


def _module_reason(full: str, attr: str | None) -> str | None:
    parts = full.split(".")
    for i in range(len(parts), 0, -1):
        mod = ".".join(parts[:i])
        if mod in _MODULES:
            member = parts[i] if i < len(parts) else attr
            if member in _HARMLESS.get(mod, ()) and attr not in _CLOCK_ATTRS:
                return None
            return _MODULES[mod]
    return None


def hazard(tree: ast.Module, name: str) -> str | None:
    """Why ``name`` (a top-level function of ``tree``, or a class: all its methods) is unverifiable, or ``None``."""
    funcs: dict[str, ast.AST] = {n.name: n for n in tree.body if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))}
    cls = next((n for n in tree.body if isinstance(n, ast.ClassDef) and n.name == name), None)
    if cls is not None:
        funcs[name] = cls
    imports = _imports(tree)
    todo, seen = [name], set()
    while todo:
        current = todo.pop()
        if current in seen or current not in funcs:
            continue
        seen.add(current)
        fn = funcs[current]
        if isinstance(fn, ast.AsyncFunctionDef):
            return f"{current} is a coroutine"
        for node in ast.walk(fn):
            if isinstance(node, (ast.Global, ast.Nonlocal)) and current == name:
                return f"{current} keeps state between calls ({'global' if isinstance(node, ast.Global) else 'nonlocal'} {', '.join(node.names)})"
            if isinstance(node, (ast.Yield, ast.YieldFrom)) and current == name and cls is None:
                return f"{current} is a generator"
            if isinstance(node, ast.Import | ast.ImportFrom):
                local = _imports(ast.Module(body=[node], type_ignores=[]))
                for mod in local.values():
                    why = _module_reason(mod, None)
                    if why:
                        return f"{current} {why} (imports {mod})"
                imports = {**imports, **local}
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id in imports:
                why = _module_reason(imports[node.value.id], node.attr)
                if why:
                    return f"{current} {why} ({node.value.id}.{node.attr})"
            elif isinstance(node, ast.Attribute) and node.attr in _CLOCK_ATTRS and isinstance(node.value, ast.Name) \
                    and imports.get(node.value.id, "").startswith("datetime"):
                return f"{current} reads the clock ({node.value.id}.{node.attr})"
            if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load):
                if node.id in imports and not isinstance(getattr(node, "parent", None), ast.Attribute):
                    why = _module_reason(imports[node.id], None)
                    if why and "." in imports[node.id]:
                        return f"{current} {why} ({node.id} from {imports[node.id].rsplit('.', 1)[0]})"
                if node.id in _BUILTINS and node.id not in funcs and node.id not in imports:
                    return f"{current} {_BUILTINS[node.id]} ({node.id})"
                if node.id in funcs:
                    todo.append(node.id)
    return None
