"""A Java pair whose types javac refuses, told against the Python pair it stands for.

A Python pair ``(a, b)`` is a ``Map.Entry`` in Java (the prompts say so). The 1.5B's ``Store.sell`` returns
``discount(orderTotal(List.of(new AbstractMap.SimpleEntry<>(name, count))), percent)`` where the source has
``order_total([(item, count)])``; javac says ``required: List<Entry<Item,Integer>>; found:
List<SimpleEntry<String,Integer>>``, and in every recorded run the model answered the same line again, three turns
and two repair rounds (a probe with the turn's own messages: the same line with javac's message alone, the same
with "``name`` is a String where an Item is required", the right line once told what the source passes there).

So where a repair turn's problem is a type error and quotes an answer line with an entry ``SimpleEntry<>(x, y)``
or ``Map.entry(x, y)``, and the Python source has a pair that agrees with it in one place and differs in the
other, the turn says what the source's pair holds there.
"""
from __future__ import annotations

import re

from translate.source.languages import Language, get_language
from translate.source.validate import normalize_name, walk
from translate.translation.java_generators import enclosing, split_top

_ENTRY = re.compile(r"(?:new\s+(?:AbstractMap\s*\.\s*)?SimpleEntry\s*<[^<>()]*>|Map\s*\.\s*entry)\s*\(")
_QUOTED = re.compile(r"`([^`\n]+)`")
_TYPE_ERROR = ("required:", "incompatible types", "cannot be applied", "cannot be converted")
_WHICH = ("first", "second")


def _args(text: str, start: int) -> list[str] | None:
    """The top-level arguments of the call whose ``(`` is just before ``start``."""
    span = enclosing(text, start)
    return [a.strip() for a in split_top(text[span[0] + 1:span[1]])] if span is not None else None


def _key(expr: str) -> str:
    """An expression compared across the languages: ``self.x``/``this.x`` alike, names in any case style."""
    expr = re.sub(r"^(self|this)\.", "", " ".join(expr.split()))
    return normalize_name(expr) if re.fullmatch(r"[A-Za-z_]\w*", expr) else expr


def source_pairs(source: str) -> list[tuple[str, str]]:
    """The two-element tuples written in Python ``source``, as text."""
    data = source.encode("utf-8")
    out: list[tuple[str, str]] = []
    for n in walk(get_language("python").parse(data).root_node):
        if n.type == "tuple" and len(n.named_children) == 2:
            a, b = (data[c.start_byte:c.end_byte].decode("utf-8") for c in n.named_children)
            out.append((a, b))
    return out


def pair_hints(problem: str, source: str, source_lang: Language, target: Language) -> list[str]:
    """What a repair turn whose ``problem`` quotes a refused Java entry is told about the Python pair it stands for."""
    if source_lang.name != "python" or target.name != "java" or not any(k in problem for k in _TYPE_ERROR):
        return []
    pairs = None
    hints: list[str] = []
    for quoted in dict.fromkeys(_QUOTED.findall(problem)):
        for m in _ENTRY.finditer(quoted):
            args = _args(quoted, m.end())
            if args is None or len(args) != 2:
                continue
            pairs = source_pairs(source) if pairs is None else pairs
            if any(all(_key(a) == _key(s) for a, s in zip(args, pair)) for pair in pairs):
                continue  # the answer's pair is one of the source's
            for pair in dict.fromkeys(pairs):
                same = [_key(a) == _key(s) for a, s in zip(args, pair)]
                if same.count(True) != 1:
                    continue
                k = same.index(False)
                if not re.fullmatch(r"[A-Za-z_][\w.]*(\(\))?", args[k]):
                    continue
                entry = quoted[m.start():m.end()] + ", ".join(args) + ")"
                hints.append(f"`{entry}` stands for the Python pair `({pair[0]}, {pair[1]})`: its {_WHICH[k]} value "
                             f"there is `{pair[k]}`, not `{args[k]}`.")
    return list(dict.fromkeys(hints))[:2]
