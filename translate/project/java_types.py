"""Java types for a Python project's signatures, from what its own tests passed and got back.

Python has no declared types and Java needs one on every parameter, field and return. The tracer
(:mod:`translate.oracle.py_trace`) records the runtime type of each argument, return value and field where a
call crosses into a unit; :class:`TypeMap` merges them per function, method and field, and :func:`java_type`
writes the Java type: ``int``, ``double`` (an int and a float seen in one place), ``String``, ``boolean``,
``List<T>``, ``Map<K, V>``, ``Set<T>``, a project class by its name, ``Map.Entry<A, B>`` for a Python pair (``Object[]`` for a longer
tuple), ``Object``
for anything mixed. What no test reached has no type (None): the prompt leaves it to the model.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

Shape = Any  # a name ("int"), or {"list": S} / {"tuple": [S]} / {"dict": [K, V]} / {"obj": "path:Cls"} / ...

_PRIMITIVE = {"int": ("int", "Integer"), "float": ("double", "Double"), "bool": ("boolean", "Boolean"),
              "str": ("String", "String")}
_UNKNOWN = ("?", "!", None)


def _key(s: Shape) -> str:
    return json.dumps(s, sort_keys=True)


def merge(a: Shape, b: Shape) -> Shape:
    """One shape for two places that hold both (an int and a float: a float; a value and None: the value,
    nullable; lists of each: a list of the merge)."""
    if a in _UNKNOWN:
        return b
    if b in _UNKNOWN or _key(a) == _key(b):
        return a
    if isinstance(a, str) and isinstance(b, str) and {a, b} == {"int", "float"}:
        return "float"
    if a == "None" or b == "None":
        return {"nullable": b if a == "None" else a}
    if isinstance(a, dict) and isinstance(b, dict) and a.keys() == b.keys():
        (kind, x), (_, y) = next(iter(a.items())), next(iter(b.items()))
        if kind in ("list", "set", "nullable"):
            return {kind: merge(x, y)}
        if kind == "dict":
            return {"dict": [merge(x[0], y[0]), merge(x[1], y[1])]}
        if kind == "tuple" and len(x) == len(y):
            return {"tuple": [merge(p, q) for p, q in zip(x, y)]}
    if isinstance(a, dict) and "nullable" in a:
        return {"nullable": merge(a["nullable"], b)}
    if isinstance(b, dict) and "nullable" in b:
        return {"nullable": merge(a, b["nullable"])}
    return {"union": [a, b]}


def java_type(shape: Shape, classes: dict[str, str], boxed: bool = False) -> str | None:
    """The Java type of ``shape`` (``classes``: tracer class key ``path:Cls`` -> Java class name); None: unknown."""
    if shape in _UNKNOWN:
        return None
    if isinstance(shape, str):
        if shape == "None":
            return "Object"
        pair = _PRIMITIVE.get(shape)
        return (pair[1] if boxed else pair[0]) if pair else "Object"
    kind, inner = next(iter(shape.items()))
    if kind == "nullable":
        return java_type(inner, classes, boxed=True)
    if kind in ("list", "set"):
        elem = java_type(inner, classes, boxed=True) or "Object"
        return f"{'List' if kind == 'list' else 'Set'}<{elem}>"
    if kind == "dict":
        k = java_type(inner[0], classes, boxed=True) or "Object"
        v = java_type(inner[1], classes, boxed=True) or "Object"
        return f"Map<{k}, {v}>"
    if kind == "tuple":  # a pair: a Map.Entry (typed, and what a Java programmer uses); longer tuples: Object[]
        if len(inner) == 2:
            k = java_type(inner[0], classes, boxed=True) or "Object"
            v = java_type(inner[1], classes, boxed=True) or "Object"
            return f"Map.Entry<{k}, {v}>"
        return "Object[]"
    if kind == "obj":
        return classes.get(inner, "Object")
    return "Object"


PAIR_NOTE = ("a Python pair (a, b) is a Map.Entry: Map.entry(a, b), or new AbstractMap.SimpleEntry<>(a, b) when "
             "a value may be null; read it with getKey() and getValue()")


def tuple_note(shape: Shape, classes: dict[str, str]) -> str | None:
    """How a Python tuple inside ``shape`` is held in Java, for the prompt."""
    if not isinstance(shape, dict):
        return None
    kind, inner = next(iter(shape.items()))
    if kind == "tuple":
        if len(inner) == 2:
            return PAIR_NOTE
        return "each Object[] holds {" + ", ".join(java_type(s, classes, boxed=True) or "Object" for s in inner) \
            + "} (a Python tuple)"
    for s in (inner if isinstance(inner, list) else [inner]):
        note = tuple_note(s, classes)
        if note is not None:
            return note
    return None


@dataclass
class FnTypes:
    params: list[Shape] = field(default_factory=list)
    ret: Shape = "?"
    calls: int = 0

    def add(self, types: list[Shape], ret: Shape) -> None:
        for i, t in enumerate(types):
            if i < len(self.params):
                self.params[i] = merge(self.params[i], t)
            else:
                self.params.append(t)
        if ret != "!":
            self.ret = merge(self.ret, ret)
        self.calls += 1


@dataclass
class ClassTypes:
    init: FnTypes = field(default_factory=FnTypes)
    methods: dict[str, FnTypes] = field(default_factory=dict)
    fields: dict[str, Shape] = field(default_factory=dict)


@dataclass
class TypeMap:
    """Observed types by (source path, name): functions (``Cls.name`` for a static method) and classes."""

    functions: dict[tuple[str, str], FnTypes] = field(default_factory=dict)
    classes: dict[tuple[str, str], ClassTypes] = field(default_factory=dict)

    @classmethod
    def from_records(cls, records: dict[tuple[str, str], list[dict[str, Any]]]) -> TypeMap:
        tm = cls()
        for (path, _), recs in records.items():
            for rec in recs:
                key = rec.get("cls") or rec.get("fn")
                if not isinstance(key, str) or ":" not in key:
                    continue
                name = key.rsplit(":", 1)[1]
                if "fn" in rec:
                    tm.functions.setdefault((path, name), FnTypes()).add(list(rec.get("types") or []),
                                                                         rec.get("rtype", "?"))
                    continue
                ct = tm.classes.setdefault((path, name), ClassTypes())
                if not rec.get("init_out"):
                    ct.init.add(list(rec.get("types") or []), "?")
                for step in rec.get("steps") or []:
                    ct.methods.setdefault(str(step.get("m")), FnTypes()).add(list(step.get("types") or []),
                                                                             step.get("rtype", "?"))
                for f, s in (rec.get("ftypes") or {}).items():
                    ct.fields[f] = merge(ct.fields.get(f, "?"), s)
        return tm
