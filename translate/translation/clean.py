"""One answer's text to the unit's code, before any check: the code out of the model's reply, then the
deterministic clean-ups, in order.

- the code block (``extract``), a split class's method out of the class the model wrapped it in (``bigclass``),
  Jest ``describe``/``it`` blocks of a migrated test flattened into the test function asked for (``testblocks``);
- a unit's answer keeps the unit and its helpers (``checks.shape_answer``); top-level code's answer loses its
  own copies of the file's units (``checks.drop_redefinitions``) and in Java is made of the module class's
  members (``glue_java``); a free function in Java/C# comes out of its class and is static (``staticize``);
- the file's names in the target's style (``naming``);
- from Python: idioms that parse in the target and fail when run (``idioms``), and the fixes guided by the
  source's own code: tuple unpacking, environment variables tested with ``in``, ``re.sub`` callbacks that read
  a match object (``unpacking``, ``environ``, ``replace_callbacks``); in Java, Python's generators and
  comprehensions left in the answer written as streams (``java_generators``), a name of a tuple unpacking read
  from the entry the answer holds (``java_entries``).
"""
from __future__ import annotations

from translate.source.validate import normalize_name
from translate.translation.checks import drop_redefinitions, shape_answer
from translate.translation.environ import fix_environ_tests
from translate.translation.extract import extract_code
from translate.translation.glue_java import java_glue_members
from translate.translation.idioms import fix_python_idioms
from translate.translation.java_adapters import declared_adapter
from translate.translation.java_chars import ord_chars
from translate.translation.java_ctor_fields import keep_field_assignments
from translate.translation.java_entries import fix_entry_names
from translate.translation.java_factories import fix_factories
from translate.translation.java_fields import add_constants
from translate.translation.java_generators import fix_java_generators
from translate.translation.java_idioms import fix_java_idioms
from translate.translation.java_leftovers import fix_java_leftovers
from translate.translation.java_locals import fix_locals
from translate.translation.java_nested import hoist_nested_methods
from translate.translation.java_nulls import fix_null_tests
from translate.translation.java_raises import fix_raises
from translate.translation.java_re import restore_java_re
from translate.translation.java_regex import fix_replace_all
from translate.translation.java_tables import fill_tables
from translate.translation.java_varargs import spread_array_args, star_varargs
from translate.translation.method_answers import method_answer, method_end
from translate.translation.naming import NameMap, rename_identifiers
from translate.translation.prompts import TranslationTask
from translate.translation.py_imports import add_missing_imports
from translate.translation.py_nested import (
    BARE_METHOD_CALLS,
    name_nested_answer,
    qualify_methods,
    qualify_nested,
    rename_shadowing_fields,
)
from translate.translation.py_overloads import merge_overloads
from translate.translation.re_patterns import keep_source_patterns
from translate.translation.replace_callbacks import fix_replace_callbacks
from translate.translation.staticize import make_static, unwrap_class_answer
from translate.translation.testblocks import flatten_test_blocks, jest_to_assert
from translate.translation.unit_names import fix_unit_names
from translate.translation.unpacking import fix_unpacking

# Python source -> its target's code (Java: a raw string's backslashes, java_idioms; an unpacked name read from its
# Map.Entry, java_entries)
SOURCE_GUIDED = (fix_unpacking, fix_environ_tests, fix_replace_callbacks, fix_java_idioms, fix_entry_names)


def clean_answer(raw: str, *, task: TranslationTask, names: NameMap, fenced: bool) -> str:
    """The code of the answer ``raw`` to ``task`` (``fenced``: a chat model's reply, code in a fence)."""
    glue = task.kind == "glue"
    target = task.target
    code = extract_code(raw, target, fenced=fenced, whole=glue or fenced)
    code = hoist_nested_methods(code, target)[0]  # Java: a nested def's method, out of the method holding it
    if task.kind == "method":  # a method of a split class: out of the class the model may wrap it in
        end = None if fenced else method_end(code, target)
        code = method_answer(code[:end] if end is not None else code, target, task.name)
    if task.context.test and task.kind == "function":  # describe/it blocks: the test function asked for
        code = jest_to_assert(flatten_test_blocks(code, target, task.target_name or task.name), target)[0]
    siblings = frozenset(normalize_name(n) for n in task.context.names)
    if glue:  # without its own copies of the file's units; in Java, members of the module's class
        units = frozenset(normalize_name(n) for n in task.context.units)
        code = java_glue_members(drop_redefinitions(code, target, units), target, units)
    else:
        code = shape_answer(code, target, task.name, siblings)
    if task.kind == "function" and target.function_wrapper is not None:
        # a free function in Java/C#: out of the class the model wrapped it in, and static
        code = make_static(unwrap_class_answer(code, target, task.name), target)
        # out of its class, the answer may carry its own copies of the file's other units: drop them
        code = shape_answer(code, target, task.name, siblings)
    code = rename_identifiers(code, target, names)
    code = fix_raises(code, target, task.code, task.source)[0]  # Java's exceptions as the migrated tests expect
    if task.kind == "class" and task.source.name == "java":  # its literal tables and constants, by rule; overloads
        code = fill_tables(code, target, task.context.literal_tables, task.name)[0]
        code = merge_overloads(add_constants(code, target, task.code)[0], target)[0]
    if task.kind == "class" and task.context.parent:  # a nested class answered under its outer class's name
        code = name_nested_answer(code, target, task.target_name or task.name, task.context.parent)
    if task.kind == "class" and target.name == "python":  # ``Builder()`` in a method: ``Outer.Builder()``; a
        code = rename_shadowing_fields(qualify_nested(code))  # field named as a method: ``_name``
        if task.source.name in BARE_METHOD_CALLS:  # Java's bare ``m(...)`` is the class's: ``self.m(...)``
            code = qualify_methods(code, task.code if task.source.name == "java" else "")
    if task.source.name == "python":  # Python idioms that parse in the target and fail when run (octal escapes, ...)
        code = fix_python_idioms(code, target)[0]
        for fix in SOURCE_GUIDED:
            code = fix(code, target, task.code)[0]
    if target.name == "java":  # calls of the file's units by a near name; java.util.regex for the source's re calls
        own = [task.target_name or task.name] if task.name else []
        code = fix_unit_names(code, target, [*task.context.names, *task.context.units, *own])[0]
        code = restore_java_re(code, target, task.context.keep_calls)[0]
        if task.source.name == "python":
            code = keep_source_patterns(code, target, task.code)[0]
            # Python generators left in the answer, as streams (the class's outline types a sum)
            types = "\n".join([task.context.shape, *task.context.imported])
            code = fix_java_generators(code, target, task.code, types)[0]
        if task.kind == "function" and task.context.declared:  # typed from an annotation its callers do not follow
            code = declared_adapter(code, target, task.context.declared, task.target_name or task.name,
                                    task.code, task.name)[0]
    if target.name == "python" and task.source.name == "java" and not glue:  # ``s.length()`` left in: ``len(s)``
        code = fix_java_leftovers(code, target, task.code, task.context.outline, task.context.java_methods)[0]
        code = ord_chars(code, target, task.code, task.context.outline)[0]  # ``chars[i] + chars[j]``: their codes
        code = keep_field_assignments(code, target, task.code)[0]  # ``this.salt = ...`` kept in a local ``salt``
        code = fix_factories(code, target, task.code)[0]  # ``return new Builder();`` answered as another object
        code = fix_replace_all(code, target, task.code)[0]  # ``replaceAll("[" + x + "]", ...)`` as ``str.replace``
        code = fix_locals(code, target, task.code)[0]  # a dropped ``ret = []``; ``prefix`` read from the wrong local
        code = fix_null_tests(code, target, task.code)[0]  # ``x != null`` answered as the truth test ``if x:``
        if task.kind in ("function", "method"):  # ``long... numbers``: ``*numbers``
            code = star_varargs(code, target, task.code, task.context.outline)[0]
        code = spread_array_args(code, target, task.code, task.context.outline)[0]  # ``this.encode(arr)``, ``long[] arr``
    if target.name == "python" and not glue:  # ``math.ceil`` without ``import math``
        code = add_missing_imports(code, target)[0]
    return code
