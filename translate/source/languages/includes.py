"""The standard headers and imports a C, C++ or Java file needs for what it uses.

Models often answer with a function that uses ``std::vector`` or ``List<Integer>`` and no ``#include`` or
``import``; one unit's answer cannot know what the file already has. The assembled file (and the program a
verifier compiles) gets the missing standard ones, from what its code uses.
"""
from __future__ import annotations

import re

_CPP = {
    "<vector>": r"\bvector\s*<", "<string>": r"\b(std::)?(string|to_string|stoi|stol|stoll|stoul|stoull|stof|stod)\b",
    "<map>": r"\b(multi)?map\s*<", "<unordered_map>": r"\bunordered_map\s*<", "<set>": r"\b(multi)?set\s*<",
    "<unordered_set>": r"\bunordered_set\s*<", "<utility>": r"\b(pair\s*<|make_pair\s*\(|std::swap\b)",
    "<tuple>": r"\b(tuple\s*<|make_tuple\s*\(|std::get\s*<)", "<stack>": r"\bstack\s*<",
    "<queue>": r"\b(priority_)?queue\s*<", "<deque>": r"\bdeque\s*<", "<optional>": r"\boptional\s*<",
    "<functional>": r"\b(std::)?function\s*<",
    "<algorithm>": r"\b(std::)?(sort|stable_sort|reverse|max_element|min_element|find|find_if|count|count_if|"
                   r"unique|transform|all_of|any_of|none_of|min|max|swap|fill|binary_search|lower_bound|"
                   r"upper_bound|remove_if|next_permutation|clamp|set_intersection|set_union|set_difference)\s*\(",
    "<numeric>": r"\b(std::)?(accumulate|iota|gcd|lcm|partial_sum)\s*\(",
    "<cmath>": r"\b(std::)?(sqrt|pow|fabs|floor|ceil|log|log2|log10|exp|round|nearbyint|trunc|fmod|hypot|isnan|sin|cos|"
                 r"tan|atan)\s*\(",
    "<stdexcept>": r"\b(std::)?(invalid_argument|out_of_range|runtime_error|logic_error|domain_error)\b",
    "<iterator>": r"\b(std::)?(inserter|back_inserter)\s*\(",
    "<iostream>": r"\b(std::)?(cout|cin|cerr|endl)\b", "<sstream>": r"\b(string|i|o)stringstream\b",
    "<climits>": r"\b(INT_MAX|INT_MIN|LLONG_MAX|LLONG_MIN|LONG_MAX|LONG_MIN|UINT_MAX)\b",
    "<limits>": r"\bnumeric_limits\s*<", "<cctype>": r"\b(isdigit|isalpha|isalnum|isspace|isupper|islower|"
                                                  r"tolower|toupper|ispunct)\s*\(",
    "<cstdlib>": r"\b(std::)?(abs|rand|srand|atoi|exit)\s*\(",
}
_C = {
    "<stdio.h>": r"\b(printf|puts|putchar|sprintf|snprintf|scanf|fprintf)\s*\(",
    "<string.h>": r"\b(strlen|strcmp|strncmp|strcpy|strncpy|strcat|strchr|strrchr|strstr|memcpy|memset|memmove|"
                  r"memcmp)\s*\(",
    "<stdlib.h>": r"\b(malloc|calloc|realloc|free|abs|qsort|atoi|atol|exit|rand)\s*\(",
    "<math.h>": r"\b(sqrt|pow|fabs|floor|ceil|log|log2|log10|exp|round|fmod|sin|cos|tan)\s*\(",
    "<stdbool.h>": r"\b(bool|true|false)\b", "<ctype.h>": r"\b(isdigit|isalpha|isalnum|isspace|isupper|islower|"
                                                      r"tolower|toupper)\s*\(",
    "<limits.h>": r"\b(INT_MAX|INT_MIN|LONG_MAX|LONG_MIN)\b", "<stdint.h>": r"\b(u?int(8|16|32|64)_t)\b",
}
_JAVA = {
    "java.util.*": r"\b(List|ArrayList|LinkedList|Map|HashMap|TreeMap|LinkedHashMap|Set|HashSet|TreeSet|"
                   r"LinkedHashSet|Arrays|Collections|Deque|ArrayDeque|Queue|PriorityQueue|Stack|Optional|Objects|"
                   r"Iterator|Scanner|Random)\b",
    "java.util.stream.*": r"\b(Collectors|IntStream|LongStream|DoubleStream|Stream)\b",
    "java.util.function.*": r"\b(?:(?:Function|BiFunction|Supplier|Consumer|BiConsumer|Predicate|BiPredicate|"
                            r"UnaryOperator|BinaryOperator|IntFunction|ToIntFunction)\s*<|"
                            r"(?:IntUnaryOperator|IntBinaryOperator|IntPredicate)\b)",
}


def _code_only(text: str) -> str:
    """Drop comments and string literals so that words in them do not count as uses."""
    text = re.sub(r"/\*.*?\*/", " ", text, flags=re.S)
    text = re.sub(r"//[^\n]*", " ", text)
    return re.sub(r'"(\\.|[^"\\\n])*"', '""', text)


def _needed(text: str, table: dict[str, str], line, present) -> list[str]:
    code = _code_only(text)
    # the file's own functions (a unit named gcd or count) are not uses of the standard library's
    own = set(re.findall(r"\b(\w+)\s*\([^;{}()]*(?:\([^;{}()]*\)[^;{}()]*)*\)\s*(?:const\s*)?\{", code))

    def used(pat: str) -> bool:
        return any("std::" in m.group(0) or re.findall(r"\w+", m.group(0))[-1] not in own
                   for m in re.finditer(pat, code))

    return [line(h) for h, pat in table.items() if not present(code, h) and used(pat)]


def cpp_includes(text: str) -> list[str]:
    return _needed(text, _CPP, lambda h: f"#include {h}",
                   lambda code, h: re.search(rf"#\s*include\s*{re.escape(h)}", code) is not None
                   or "<bits/stdc++.h>" in code)


def c_includes(text: str) -> list[str]:
    return _needed(text, _C, lambda h: f"#include {h}",
                   lambda code, h: re.search(rf"#\s*include\s*{re.escape(h)}", code) is not None)


def java_imports(text: str) -> list[str]:
    return _needed(text, _JAVA, lambda h: f"import {h};",
                   lambda code, h: re.search(rf"import\s+{re.escape(h)}\s*;", code) is not None)


def c_prototypes(code: str, lang) -> list[str]:
    """Declarations for the C/C++ functions that ``code`` calls before it defines them (a Python or Java
    source may define its functions in any order; C and C++ need them declared first)."""
    data = code.encode("utf-8")
    tree = lang.parse(data)
    defs: list[tuple[str, int, str]] = []  # name, first byte, prototype
    for node in tree.root_node.named_children:
        if node.type != "function_definition":
            continue
        body = node.child_by_field_name("body")
        declarator = node.child_by_field_name("declarator")
        ident = declarator.child_by_field_name("declarator") if declarator is not None else None
        if body is None or ident is None or ident.type not in ("identifier", "field_identifier"):
            continue
        head = data[node.start_byte:body.start_byte].decode("utf-8").strip()
        name = data[ident.start_byte:ident.end_byte].decode("utf-8")
        if name == "main" or "=" in head or head.startswith("template"):
            continue  # default arguments may not be repeated; templates are left as they are
        defs.append((name, node.start_byte, " ".join(head.split()) + ";"))
    out = []
    for name, start, proto in defs:
        if re.search(rf"\b{re.escape(name)}\s*\(", _code_only(data[:start].decode("utf-8", "replace"))):
            out.append(proto)
    return out
