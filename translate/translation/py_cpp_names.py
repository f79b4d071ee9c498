"""Local names of the Python -> C++ rule (:mod:`py_cpp_rule`): the Python name where C++ allows it, never a C++
keyword or alternative token (``and``, ``not``), never two Python names as one."""
from __future__ import annotations

RESERVED = frozenset((
    "alignas alignof and and_eq asm auto bitand bitor bool break case catch char char8_t char16_t char32_t class "
    "compl concept const consteval constexpr constinit const_cast continue co_await co_return co_yield decltype "
    "default delete do double dynamic_cast else enum explicit export extern false float for friend goto if inline "
    "int long mutable namespace new noexcept not not_eq nullptr operator or or_eq private protected public register "
    "reinterpret_cast requires return short signed sizeof static static_assert static_cast struct switch template "
    "this thread_local throw true try typedef typeid typename union unsigned using virtual void volatile wchar_t "
    "while xor xor_eq std main NULL EOF assert errno M_PI M_E INT_MAX INT_MIN").split())


def cpp_name(name: str, taken: set[str]) -> str:
    """The C++ name of the Python local ``name``."""
    out = name
    while out in RESERVED or out in taken:
        out += "_"
    return out
