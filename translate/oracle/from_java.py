"""Java sources: inputs for a method, the method run once in the sandbox, what it did recorded.

The source is a Java file (HumanEval-X style ``class Solution { public T f(...) }`` with its imports, or a
static method). Inputs, in order: the ones the caller passed, documented examples in its comments
(``f(2, 3) == 5``, ``>>> f(...)``, ``For lst = [1, 2] the output should be 3``), literal calls of it in the
code, then values generated from the parameters' Java types (edge values first, by the same generator as
for Python: :func:`translate.oracle.inputs.generate`). The driver is the Java target's
(:mod:`translate.oracle.to_java`): one compile, the method called on every input, canonical JSON lines.
Arguments after the call are recorded only for arrays (``int[]`` filled in place): a Java method that
sorts its ``List`` argument does so as a detail, not as its contract.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from translate.oracle import java_values, numeric_text, to_java
from translate.oracle.cases import Case, Recording
from translate.oracle.domain import stated_domain
from translate.oracle.inputs import Signature, derived, generate, stated_inputs
from translate.oracle.parens import closing_paren
from translate.oracle.seeds import literals_in, seeded_texts
from translate.source.languages import get_language
from translate.source.units import Unit, parse_text
from translate.source.validate import normalize_name, walk

_HAZARDS = [
    (r"\bnew\s+Random\b|\bMath\.random\b|\bThreadLocalRandom\b|\bSecureRandom\b|\bUUID\b", "uses randomness"),
    (r"\bSystem\.(currentTimeMillis|nanoTime)\b|\b(LocalDate|LocalDateTime|Instant|Clock)\.now\b|\bnew\s+Date\s*\(",
     "reads the clock"),
    (r"\bnew\s+(File|FileReader|FileWriter|FileInputStream|FileOutputStream|Scanner\s*\(\s*System\.in)|\bFiles\.",
     "uses files or reads input"),
    (r"\b(Socket|URL|HttpClient|HttpURLConnection)\b", "uses the network"),
    (r"\bSystem\.(getenv|getProperty|exit)\b|\bRuntime\.getRuntime\b|\bProcessBuilder\b", "uses the operating system"),
    (r"\bnew\s+Thread\b|\bExecutors?\b", "uses threads"),
    (r"\bhashCode\s*\(\s*\)|\bidentityHashCode\b", "depends on hash codes"),
]


def split_comments(code: str) -> tuple[str, str]:
    """(the text of every comment, the code with comments blanked); strings are kept in the code."""
    comments, out = [], []
    for m in re.finditer(r'"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|/\*.*?\*/|//[^\n]*|[^"\'/]+|/', code, re.DOTALL):
        tok = m.group(0)
        if tok.startswith("/*") or tok.startswith("//"):
            comments.append(tok)
            out.append(re.sub(r"[^\n]", " ", tok))
        else:
            out.append(tok)
    text = "\n".join(re.sub(r"^\s*(/\*+|\*+/?|//+)\s?", "", line) for c in comments for line in c.split("\n"))
    return text, "".join(out)


def find_method(code: str, name: str) -> Unit | None:
    """The method ``name`` of the Java ``code`` (``Owner.name``: of that class)."""
    try:
        parsed = parse_text(code, get_language("java"))
    except (ValueError, RuntimeError):
        return None
    owner, _, name = name.rpartition(".")
    units = [u for u in parsed.units if u.kind in ("function", "method")
             and (not owner or u.qualname.rpartition(".")[0] == owner)]
    exact = [u for u in units if u.name == name]
    near = [u for u in units if normalize_name(u.name) == normalize_name(name)]
    found = exact or near
    return found[0] if found else None


def overload_first(code: str, function_name: str, own: str) -> str:
    """``code`` with the overload of ``function_name`` (``Owner.name``) whose source is ``own`` (a unit's text,
    comments before it allowed) swapped with the first of that name, so a recording runs that overload and not
    the first (:func:`find_method`); a class means the same whatever its methods' order. ``code`` itself where
    ``own`` is the first, is not found, or the name has no overloads."""
    owner, _, name = function_name.rpartition(".")
    data = code.encode("utf-8")
    root = get_language("java").parse(data).root_node

    def norm(t: str) -> str:
        return " ".join(t.split())

    def of_owner(n) -> bool:
        cls = n.parent.parent if n.parent is not None else None
        return not owner or cls is not None and cls.child_by_field_name("name") is not None and \
            (cls.child_by_field_name("name").text or b"").decode() == owner.rpartition(".")[2]

    decls = [n for n in walk(root) if n.type == "method_declaration" and of_owner(n)
             and (n.child_by_field_name("name").text or b"").decode() == name]
    mine = [k for k, n in enumerate(decls) if norm(own).endswith(norm(data[n.start_byte:n.end_byte].decode()))]
    if len(decls) < 2 or len(mine) != 1 or mine[0] == 0:
        return code
    first, chosen = decls[0], decls[mine[0]]
    return (data[:first.start_byte] + data[chosen.start_byte:chosen.end_byte] + data[first.end_byte:chosen.start_byte]
            + data[first.start_byte:first.end_byte] + data[chosen.end_byte:]).decode("utf-8")


def standalone(code: str) -> str:
    """``code`` as a program of its own, for the driver to call any of its methods: without imports from outside
    the JDK, annotations and the interfaces its classes implement (java-string-similarity's ``@Immutable class
    Levenshtein implements MetricStringDistance``, whose interface and annotation are other files and another jar),
    and without ``private`` modifiers (the driver, a class of its own, calls hashids' private ``consistentShuffle``
    and reads private constants; nothing else changes in a program of one file). A class that extends a project
    class still does not compile: its methods stay unverifiable, with javac's reason."""
    data = code.encode("utf-8")
    cuts = []
    for n in walk(get_language("java").parse(data).root_node):
        if n.type == "import_declaration" and not re.match(rb"import\s+(static\s+)?javax?\.", data[n.start_byte:n.end_byte]):
            cuts.append((n.start_byte, n.end_byte))
        elif n.type in ("marker_annotation", "annotation") or n.type == "super_interfaces" \
                and n.parent is not None and n.parent.type == "class_declaration":
            cuts.append((n.start_byte, n.end_byte))
        elif n.type == "modifiers":
            cuts += [(c.start_byte, c.end_byte) for c in n.children if c.type == "private"]
    for a, z in sorted(cuts, reverse=True):  # apart from each other: from the end, offsets stay valid
        data = data[:a] + data[z:]
    return data.decode("utf-8")


def no_plain_object(code: str, owner: str) -> str | None:
    """Why an instance method of class ``owner`` cannot be run on ``new Owner()`` (None: it can): it is no
    concrete class, or declares constructors and none without parameters."""
    data = code.encode("utf-8")
    nodes = list(walk(get_language("java").parse(data).root_node))
    name_of = (lambda n: data[n.child_by_field_name("name").start_byte:n.child_by_field_name("name").end_byte]
               .decode("utf-8") if n.child_by_field_name("name") is not None else "")
    decl = next((n for n in nodes if n.type in ("class_declaration", "interface_declaration", "enum_declaration",
                                                "record_declaration") and name_of(n) == owner), None)
    if decl is None:
        return f"no class {owner} to build"
    mods = next((c for c in decl.children if c.type == "modifiers"), None)
    if decl.type != "class_declaration" or mods is not None and any(c.type == "abstract" for c in mods.children):
        return f"{owner} objects cannot be built with new {owner}()"
    ctors = [n for n in nodes if n.type == "constructor_declaration" and name_of(n) == owner]
    if ctors and not any(not [p for p in c.child_by_field_name("parameters").named_children
                              if p.type in ("formal_parameter", "spread_parameter")] for c in ctors):
        return f"its objects cannot be built from plain values ({owner} has no constructor without arguments)"
    return None


def param_names(signature: str, name: str) -> list[str]:
    m = re.search(rf"\b{re.escape(name)}\s*\((.*)\)", signature, re.DOTALL)
    return [p.split()[-1].strip("[]") for p in to_java._split(m.group(1))] if m and m.group(1).strip() else []


def calls_in(text: str, name: str, arity: int, *, cpp: bool = False) -> list[list[Any]]:
    """Argument lists of every call ``name(...)`` in ``text`` whose arguments are all Java (``cpp``: C++)
    literals."""
    out = []
    for m in re.finditer(rf"(?<![\w$]){re.escape(name)}\s*\(", text):
        start = m.end() - 1
        end = closing_paren(text, start)
        if end is None:  # never closed: no call to read
            continue
        try:
            args = java_values.parse_args(re.sub(r"\n\s*(\*|//)", " ", text[start:end]), cpp=cpp)
        except (java_values.NotLiteral, ValueError, RecursionError):
            continue
        if len(args) == arity:
            out.append(args)
    return out


def fit_java(v: Any, t: str) -> Any:
    """``v`` coerced to the Java type ``t`` and known to have a literal (``ValueError`` when it has none)."""
    v = java_values.coerce(v, t)
    to_java.literal(v, t)
    return v


def gather_typed(code: str, name: str, names: list[str], types: list[Any], kinds: list[str],
                 fit: Callable[[Any, Any], Any], *, cpp: bool = False, limit: int,
                 given: list[list[Any]] | None, generated: bool,
                 function_text: str) -> tuple[list[Case], list[tuple[str, str]]]:
    """Candidate inputs for a typed source (more than ``limit``), each argument passed through ``fit`` (its
    type's value, or ``ValueError``); and the documented ones that do not fit, with why. ``function_text``: the
    function's own text, whose literals seed its string inputs (translate.oracle.seeds)."""
    docs, body = split_comments(code)
    raw: list[tuple[list[Any], str]] = [(list(a), "given") for a in given or []]
    raw += [(a, "doc") for a in calls_in(docs, name, len(types), cpp=cpp)]
    raw += [(a, "doc") for a in stated_inputs(docs, Signature(names))]
    raw += [(a, "call") for a in calls_in(body, name, len(types), cpp=cpp)]
    cases, dropped = [], []
    for args, origin in raw:
        try:
            cases.append(Case([fit(v, t) for v, t in zip(args, types, strict=True)], origin))
        except ValueError as exc:
            dropped.append((f"{name}({', '.join(map(repr, args))})", str(exc) or "wrong number of arguments"))
    if generated and not any(k.startswith("!") for k in kinds):
        domain = stated_domain(re.sub(r"(?m)^\s*\*+|/\*+|\*+/|//+", " ", docs), names, kinds)  # javadoc/comments
        texts = seeded_texts(literals_in(function_text))
        chosen, outside = domain.choose(derived([c.args for c in cases]),
                                        generate(kinds, 4 * limit if domain else 2 * limit, texts), limit)
        dropped += [(f"{name}({', '.join(map(repr, a))})", why) for a, why in outside]
        for args in chosen:
            try:
                cases.append(Case([fit(v, t) for v, t in zip(args, types)], "generated"))
            except ValueError:
                continue
    elif not cases:
        bad = next((k for k in kinds if k.startswith("!")), "!none generated")
        dropped.append(("(generated)", f"no values for a parameter of type {bad[1:]}"))
    unique: dict[str, Case] = {}
    for c in cases:
        unique.setdefault(repr(c.args), c)
    return list(unique.values()), dropped


def record_java(code: str, function_name: str, *, inputs: list[list[Any]] | None, limit: int, per_call: float,
                generate_inputs: bool, receiver: str | None = None) -> Recording:
    """``receiver``: how the project's tests build an object of the method's class (java_receivers), used where
    the class has no constructor without arguments."""
    from translate.oracle.record import error_gist, run_typed

    rec = Recording(function_name, [], source="java")
    unit = find_method(code, function_name)
    if unit is None:
        rec.unverifiable = f"no method {function_name} in the Java source"
        return rec
    _, body = split_comments(code)
    why = next((why for pattern, why in _HAZARDS if re.search(pattern, body)), None)
    if why:
        rec.unverifiable = f"{function_name} {why}"
        return rec
    try:
        _, types, static = to_java.parse_signature(unit.signature, unit.name)
    except to_java.Unrepresentable as exc:
        rec.unverifiable = str(exc)
        return rec
    owner = function_name.rpartition(".")[0]
    why_not = no_plain_object(code, owner) if owner and not static else None
    if why_not and receiver and not why_not.startswith("no class"):
        why_not, rec.receiver = None, receiver  # built as the project's tests build one
    if why_not:
        rec.unverifiable = why_not
        return rec
    run = standalone(code) if owner else code
    rec.params = param_names(unit.signature, unit.name)
    rec.varargs = "..." in unit.signature
    kinds = [java_values.kind(t) for t in types]
    kinds = numeric_text.refined(kinds, rec.params, unit.text)
    cases, rec.dropped = gather_typed(code, unit.name, rec.params, types, kinds, fit_java, limit=limit, given=inputs,
                                      generated=generate_inputs, function_text=unit.text)
    return run_typed(rec, cases, limit, lang="java", display="Java", timeout=15.0, per_call=per_call,
                     program=lambda chosen: to_java.program(run, unit.qualname, unit.signature,
                                                            list(enumerate(c.args for c in chosen)), per_call=per_call,
                                                            receiver=rec.receiver),
                     outputs=[t.endswith("[]") for t in types], gist=error_gist)
