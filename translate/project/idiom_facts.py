"""What the Python idiom fixes of a written JavaScript file (:mod:`translate.translation.idioms`) need to know
from the project's symbol map: the kind of literal each constant holds, and the parameters of each function a
module calls (keyword arguments are put in their places by them)."""
from __future__ import annotations

from translate.project.symbols import ModuleInfo, SymbolMap
from translate.source.languages import Language
from translate.translation.naming import target_name


def constant_kinds(symbols: SymbolMap, m: ModuleInfo, locals_: dict[str, str], target: Language) -> dict[str, str]:
    """The target names, in module ``m``, of the project constants that hold a literal -> its kind (``dict``),
    and of the project classes it defines or imports -> ``class``.
    ``locals_``: the source local name of each of ``m``'s imports -> its target local name."""
    own = {target_name(n, "constant", target): s.value for n, s in m.defined.items() if s.kind == "constant" and s.value}
    own |= {target_name(n, "class", target): "class" for n, s in m.defined.items() if s.kind == "class"}
    for b in m.bindings:
        sym = symbols.origin(b.module, b.name) if b.name is not None else None
        if sym is not None and sym.kind == "constant" and sym.value:
            own[locals_.get(b.local, b.local)] = sym.value
        elif sym is not None and sym.kind == "class":
            own[locals_.get(b.local, b.local)] = "class"
    return own


def _param_names(params: tuple[str, ...], target: Language) -> list[str] | None:
    """The target names of a function's parameters, in order, ``"**"`` last when it takes ``**kwargs``; None
    when it takes ``*args`` (the positions after it are not known)."""
    if any(p.startswith("*") and not p.startswith("**") and p != "*" for p in params):
        return None
    found = [target_name(p.split("=")[0].strip(), "function", target) for p in params
             if p not in ("*", "/") and not p.startswith("**")]
    return found + ["**"] if any(p.startswith("**") for p in params) else found


def call_signatures(symbols: SymbolMap, m: ModuleInfo, locals_: dict[str, str],
                    target: Language) -> dict[str, list[str]]:
    """The project functions module ``m`` calls (``f``, ``module.f``) -> their parameters (:func:`_param_names`);
    functions taking ``*args`` are left out."""
    found: dict[str, list[str]] = {}
    for n, sym in m.defined.items():
        if sym.kind == "function" and (ps := _param_names(sym.params, target)) is not None:
            found[target_name(n, "function", target)] = ps
    for b in m.bindings:
        if b.name is None and (ns := symbols.modules.get(b.module)) is not None:  # ``termcolor.f(...)``
            for n, sym in ns.defined.items():
                if sym.kind == "function" and (ps := _param_names(sym.params, target)) is not None:
                    found[f"{locals_.get(b.local, b.local)}.{target_name(n, 'function', target)}"] = ps
        origin = symbols.origin(b.module, b.name) if b.name is not None else None
        if origin is not None and origin.kind == "function" and (ps := _param_names(origin.params, target)) is not None:
            found[locals_.get(b.local, b.local)] = ps
    return found
