"""Python values -> Java: literals written for the candidate's own parameter types, and the Java driver.

The candidate's method signature says how each recorded input is written: ``int`` ``3``, ``long`` ``3L``,
``double`` ``2.5``, ``String``, ``char`` (a one-character str), arrays ``new int[]{...}``, ``List<T>`` as an
``ArrayList``, ``Map<String, V>`` as a ``HashMap``. An input or a recorded result that does not fit the
candidate's fixed-width types (an int beyond 32 bits for ``int``) is skipped for this candidate and said
so. One compile per candidate: a driver class (first in the file, so it holds ``main``) calls the method on
every case and prints the same canonical JSON lines as the Python driver.
"""
from __future__ import annotations

import json
import math
import re
from typing import Any

from translate.oracle.py_driver import MARK

LANGUAGE = "java"
STRICT_NUMBERS = False  # a double 3.0 where the source returned 3 is a signature question, not behaviour
_RANGES = {"byte": 8, "short": 16, "int": 32, "long": 64}
_BOXES = {"Integer": "int", "Long": "long", "Short": "short", "Byte": "byte", "Double": "double",
          "Float": "float", "Boolean": "boolean", "Character": "char"}


class Unrepresentable(ValueError):
    pass


def _split(text: str) -> list[str]:
    """Split at commas outside ``<>``."""
    parts, depth, cur = [], 0, ""
    for ch in text:
        depth += (ch == "<") - (ch == ">")
        if ch == "," and depth == 0:
            parts.append(cur.strip())
            cur = ""
        else:
            cur += ch
    return [p for p in [*parts, cur.strip()] if p]


def parse_signature(signature: str, name: str) -> tuple[str, list[str], bool]:
    """(return type, parameter types, static?) from ``public static int f(int a, List<Integer> b)``. A varargs
    parameter (``long... xs``, the last) is its array type: Java passes an array to it as it is."""
    m = re.search(rf"(?:^|\s)([\w<>\[\],.? ]+?)\s+{re.escape(name)}\s*\((.*)\)", signature, re.DOTALL)
    if m is None:
        raise Unrepresentable(f"cannot read the signature {signature!r}")
    ret = re.sub(r"\b(public|private|protected|static|final|synchronized|abstract|native|strictfp)\b", "",
                 m.group(1)).strip()
    params = []
    for p in _split(m.group(2)):
        p = re.sub(r"@\w+(\([^)]*\))?|\bfinal\b", "", p).strip()
        p = re.sub(r"\s*\.\.\.\s*", "[] ", p)
        params.append(re.sub(r"\s*(\[\s*\])", "[]", p.rsplit(None, 1)[0]).replace(" ", "").replace(",", ", "))
    if ret.startswith("<"):
        raise Unrepresentable("a generic method")
    return ret, params, bool(re.search(r"\bstatic\b", signature))


def literal(v: Any, t: str) -> str:
    """The Java expression of type ``t`` for a Python value (:class:`Unrepresentable` when there is none)."""
    t = t.strip()
    prim = _BOXES.get(t, t)
    if v is None:
        if t in _RANGES or t in ("double", "float", "boolean", "char"):
            raise Unrepresentable(f"None for a {t}")
        return "null"
    if t.endswith("[]"):
        if not isinstance(v, (list, tuple)):
            raise Unrepresentable(f"{type(v).__name__} for {t}")
        return f"new {t}{{" + ", ".join(literal(x, t[:-2]) for x in v) + "}"
    m = re.fullmatch(r"(List|ArrayList|LinkedList|Collection|Iterable)<(.+)>", t)
    if m:
        if not isinstance(v, (list, tuple)):
            raise Unrepresentable(f"{type(v).__name__} for {t}")
        kind = "LinkedList" if m.group(1) == "LinkedList" else "ArrayList"
        elem = m.group(2)
        if not v:
            return f"new {kind}<{elem}>()"
        return f"new {kind}<{elem}>(Arrays.<{elem}>asList(" + ", ".join(literal(x, elem) for x in v) + "))"
    m = re.fullmatch(r"(Map|HashMap)<(.+)>", t)
    if m:
        kv = _split(m.group(2))
        if not isinstance(v, dict) or len(kv) != 2:
            raise Unrepresentable(f"{type(v).__name__} for {t}")
        items = ", ".join(f"{literal(k, kv[0])}, {literal(x, kv[1])}" for k, x in v.items())
        return f"new HashMap<{kv[0]}, {kv[1]}>(OracleMain.<{kv[0]}, {kv[1]}>mapOf({items}))"
    if prim in _RANGES:
        if not isinstance(v, int) or isinstance(v, bool):
            raise Unrepresentable(f"{type(v).__name__} for {t}")
        if not -(2 ** (_RANGES[prim] - 1)) <= v < 2 ** (_RANGES[prim] - 1):
            raise Unrepresentable(f"{v} does not fit {prim}")
        return {"long": f"{v}L", "short": f"(short) {v}", "byte": f"(byte) {v}"}.get(prim, str(v))
    if prim in ("double", "float"):
        if not isinstance(v, (int, float)) or isinstance(v, bool) or math.isnan(v) or math.isinf(v):
            raise Unrepresentable(f"{v!r} for {t}")
        return repr(float(v)) + ("f" if prim == "float" else "")
    if prim == "boolean" and isinstance(v, bool):
        return "true" if v else "false"
    if prim == "char" and isinstance(v, str) and len(v) == 1:
        return f"(char) {ord(v)}"
    if t in ("String", "CharSequence") and isinstance(v, str):
        return json.dumps(v, ensure_ascii=True)
    raise Unrepresentable(f"{type(v).__name__} for a {t} parameter")


def _ints(v: Any):
    if isinstance(v, bool):
        return
    if isinstance(v, int):
        yield v
    elif isinstance(v, (list, tuple)):
        for x in v:
            yield from _ints(x)
    elif isinstance(v, dict):
        for x in v.values():
            yield from _ints(x)


def result_fits(v: Any, ret: str) -> str | None:
    """Why a recorded result cannot come out of a method returning ``ret``, else ``None``."""
    widths = [bits for name, bits in _RANGES.items() if re.search(rf"\b({name}|{_box(name)})\b", ret)]
    if widths and not re.search(r"\b(double|Double|float|Float|BigInteger)\b", ret):
        bits = min(widths)
        for x in _ints(v):
            if not -(2 ** (bits - 1)) <= x < 2 ** (bits - 1):
                return f"{x} does not fit the candidate's {ret}"
    return None


def _box(prim: str) -> str:
    return next(b for b, p in _BOXES.items() if p == prim)


_MAIN = r'''public class OracleMain {
    public static void main(String[] argv) {
        System.setOut(new PrintStream(OutputStream.nullOutputStream()));
%(cases)s
        OUT.flush();
        System.exit(0);
    }

    static final PrintStream OUT = System.out;
    static final String MARK = %(mark)s;
    static final int CAP = %(cap)d;
    static final long PER_CALL_MS = %(per_call_ms)d;

    static final class NotCanonical extends RuntimeException {
        NotCanonical(String m) { super(m); }
    }

    static String str(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') b.append('\\').append(c);
            else if (c < 0x20 || c > 0x7e) b.append(String.format("\\u%%04x", (int) c));
            else b.append(c);
        }
        return b.append('"').toString();
    }

    static String enc(Object v, int d) {
        if (d > 50) throw new NotCanonical("a structure nested too deep");
        if (v == null) return "null";
        if (v instanceof Boolean) return v.toString();
        if (v instanceof String) return str((String) v);
        if (v instanceof Character) return str(String.valueOf(v));
        if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte
                || v instanceof java.math.BigInteger) return v.toString();
        if (v instanceof Double || v instanceof Float) {
            double x = ((Number) v).doubleValue();
            if (Double.isNaN(x) || Double.isInfinite(x)) throw new NotCanonical(String.valueOf(x));
            return Double.toString(x);
        }
        if (v instanceof Optional) return ((Optional<?>) v).isPresent() ? enc(((Optional<?>) v).get(), d + 1) : "null";
        if (v instanceof OptionalInt) return ((OptionalInt) v).isPresent() ? enc(((OptionalInt) v).getAsInt(), d) : "null";
        if (v instanceof OptionalLong) return ((OptionalLong) v).isPresent() ? enc(((OptionalLong) v).getAsLong(), d) : "null";
        if (v instanceof OptionalDouble)
            return ((OptionalDouble) v).isPresent() ? enc(((OptionalDouble) v).getAsDouble(), d) : "null";
        StringBuilder b = new StringBuilder();
        if (v.getClass().isArray()) {
            int n = java.lang.reflect.Array.getLength(v);
            for (int i = 0; i < n; i++) b.append(i > 0 ? "," : "").append(enc(java.lang.reflect.Array.get(v, i), d + 1));
            return "[" + b + "]";
        }
        if (v instanceof List) {
            for (Object x : (List<?>) v) b.append(b.length() > 0 ? "," : "").append(enc(x, d + 1));
            return "[" + b + "]";
        }
        if (v instanceof Map.Entry) {  // a Python pair as translate repo types it (project.java_types)
            Map.Entry<?, ?> e = (Map.Entry<?, ?>) v;
            return "[" + enc(e.getKey(), d + 1) + "," + enc(e.getValue(), d + 1) + "]";
        }
        if (v instanceof Map) {
            for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet())
                b.append(b.length() > 0 ? "," : "").append(str(String.valueOf(e.getKey()))).append(":").append(enc(e.getValue(), d + 1));
            return "{" + b + "}";
        }
        throw new NotCanonical("a " + v.getClass().getSimpleName());
    }

    @SuppressWarnings("unchecked")
    static <K, V> Map<K, V> mapOf(Object... kv) {
        Map<K, V> m = new HashMap<>();
        for (int i = 0; i + 1 < kv.length; i += 2) m.put((K) kv[i], (V) kv[i + 1]);
        return m;
    }

    static void emit(int i, String body) {
        String line = "{\"i\":" + i + "," + body + "}";
        if (line.length() > CAP) line = "{\"i\":" + i + ",\"drop\":\"output too long to compare\"}";
        OUT.println(MARK + line);
        OUT.flush();
    }

    static void run(int i, java.util.concurrent.Callable<Object> call, Object... args) {
        final Object[] got = new Object[1];
        final Throwable[] err = new Throwable[1];
        Thread t = new Thread(null, () -> {
            try { got[0] = call.call(); } catch (Throwable e) { err[0] = e; }
        }, "oracle-call", 16L << 20);
        t.setDaemon(true);
        t.start();
        try { t.join(PER_CALL_MS); } catch (InterruptedException e) { Thread.currentThread().interrupt(); }
        if (t.isAlive()) { emit(i, "\"drop\":\"timed out after " + PER_CALL_MS + " ms\""); return; }
        if (err[0] != null) { emit(i, "\"raises\":" + str(err[0].getClass().getSimpleName())); return; }
        Object r = got[0];
        try {
            StringBuilder after = new StringBuilder();
            for (Object a : args) {
                if (after.length() > 0) after.append(",");
                boolean box = a != null && (a.getClass().isArray() || a instanceof List || a instanceof Map);
                after.append(box ? enc(a, 0) : "null");
            }
            emit(i, "\"ok\":" + enc(r, 0) + ",\"after\":[" + after + "]");
        } catch (NotCanonical e) {
            emit(i, "\"drop\":" + str("returns " + e.getMessage()));
        }
    }
}
'''


def program(candidate: str, qualname: str, signature: str, cases: list[tuple[int, list[Any]]], *,
            per_call: float = 1.0, receiver: str | None = None) -> str:
    """The Java program: imports, the driver class, then the candidate (bare methods wrapped in a class).

    ``cases``: (case index, args) already known to fit (:func:`literal` did not refuse them). Each call runs
    in its own thread: one that is still running after ``per_call`` (doubled: the JVM warms up) is dropped.
    ``receiver``: the Java expression an instance method's object is built with (a fresh one for each call),
    else ``new Owner()``."""
    name = qualname.rsplit(".", 1)[-1]
    ret, types, static = parse_signature(signature, name)
    lines = candidate.split("\n")
    imports = [x.strip() for x in lines if re.match(r"\s*import\s", x)]
    body = "\n".join(x for x in lines if not re.match(r"\s*(import|package)\s", x))
    body = re.sub(r"^public\s+(?=(?:final\s+|abstract\s+)?(?:class|interface|enum|record)\b)", "", body,
                  flags=re.MULTILINE)
    owner = qualname.rsplit(".", 1)[0] if "." in qualname else "OracleSubject"
    if "." not in qualname:
        body = "class OracleSubject {\n" + body + "\n}"
    target = f"{owner}.{name}" if static else f"({receiver}).{name}" if receiver else f"new {owner}().{name}"
    blocks = []
    for index, args in cases:
        decls = [f"final {t} a{k} = {literal(v, t)};" for k, (t, v) in enumerate(zip(types, args))]
        call = f"{target}({', '.join(f'a{k}' for k in range(len(args)))})"
        fn = f"() -> {{ {call}; return null; }}" if ret == "void" else f"() -> {call}"
        names = "".join(f", a{k}" for k in range(len(args)))
        blocks.append("        { " + " ".join(decls) + f" run({index}, {fn}{names}); }}")
    head = ["import java.util.*;", "import java.io.*;", *dict.fromkeys(imports)]
    cap = max(60, 3600 // max(1, len(cases)))
    main = _MAIN % {"cases": "\n".join(blocks), "mark": json.dumps(MARK), "cap": cap,
                    "per_call_ms": int(2000 * per_call)}
    return "\n".join(head) + "\n\n" + main + "\n" + body + "\n"
