"""Which modules of this package a cached unit's key depends on (:data:`KEY_INPUTS`, fingerprinted by
``pipeline.cache_key``), and which are left out and why (:data:`NOT_KEYED`)."""
from __future__ import annotations

from pathlib import Path

# What a cached unit depends on besides its inputs, hashed into its key (no version bumped by hand): the
# prompt template and the code that builds the prompt, cleans the answer (clean, extract, checks.shape_answer,
# staticize, naming, the JS answer fixups ts_strip and js_slices), checks it (checks, signature, pitfalls) and decides its
# status (this module's job builder, the job loop). A cached unit holds the cleaned output and its status,
# so an edit to any of these asks the model again. Not listed: glue.py and holders.py (they shape the unit's
# text before prompting, and that text is in the key itself; what they output for glue is never cached).
_HERE = Path(__file__).resolve().parent
KEY_INPUTS: tuple[str, ...] = tuple(str(_HERE / name) for name in (
    "templates/translate.toml", "prompts.py", "extract.py", "checks.py", "staticize.py", "naming.py",
    "signature.py", "declared.py", "pitfalls.py", "pipeline.py", "jobs.py", "behaviour.py", "bigclass.py", "testblocks.py",
    "loop.py", "plan.py", "literals.py", "junit_python.py", "junit_jdk.py", "idioms.py", "idiom_params.py", "unpacking.py", "environ.py",
    "replace_callbacks.py", "clean.py", "glue_java.py", "java_idioms.py", "java_re.py", "unit_names.py", "java_adapters.py",
    "java_nested.py", "re_patterns.py", "java_generators.py", "java_pairs.py", "java_entries.py", "java_fields.py",
    "py_overloads.py", "method_answers.py", "java_tables.py", "py_nested.py", "class_behaviour.py", "java_pitfalls.py",
    "java_raises.py", "py_imports.py", "java_leftovers.py", "java_varargs.py", "java_chars.py",
    "java_ctor_fields.py", "structure.py", "recorder.py", "java_shell.py", "split_repair.py",
    "java_factories.py", "java_builders.py", "java_regex.py", "java_locals.py",
    "java_nulls.py", "premade.py", "java_rule_exprs.py", "java_rule_calls.py", "java_rule_statements.py", "java_rule_shapes.py",
    "java_rule_classes.py", "java_rule_types.py", "java_rule_new.py", "java_rule_ints.py", "java_rule_jdk.py", "java_rule_switch.py",
    "py_js_rule.py", "py_js_types.py", "py_js_exprs.py", "py_js_calls.py", "py_js_methods.py", "py_js_comps.py",
    "py_js_statements.py", "py_js_names.py", "py_js_items.py", "py_js_numbers.py", "py_js_compare.py",
    "py_cpp_rule.py", "py_cpp_types.py", "py_cpp_exprs.py", "py_cpp_ops.py", "py_cpp_items.py", "py_cpp_calls.py",
    "py_cpp_methods.py", "py_cpp_loops.py", "py_cpp_statements.py", "py_cpp_names.py",
    "cpp_py_rule.py", "cpp_py_types.py", "cpp_py_body.py", "cpp_py_calls.py", "cpp_py_exprs.py",
    "cpp_py_maps.py", "cpp_py_iterators.py",
    "py_java_rule.py", "py_java_types.py", "py_java_exprs.py", "py_java_ops.py", "py_java_items.py",
    "py_java_calls.py", "py_java_methods.py", "py_java_loops.py", "py_java_statements.py", "py_java_names.py",
    "py_java_re.py", "py_java_defaults.py", "py_java_text.py",
    "ctor_behaviour.py",
    "../source/languages/ts_strip.py", "../source/languages/js_slices.py"))
# The modules of this package left out of the key, each with why (tests/test_cache_key.py: every module is in one
# list or the other, so a new module that cleans or checks answers cannot be forgotten).
NOT_KEYED: dict[str, str] = {
    "__init__.py": "the package", "records.py": "the record types", "cache.py": "the cache itself",
    "assemble.py": "assembles files from units after the cache", "output.py": "the same",
    "doccarry.py": "puts docstrings back when a file is assembled", "emit.py": "writes test files after a run",
    "glue.py": "shapes a unit's text before the prompt: that text is in the key",
    "holders.py": "the same", "java_loops.py": "the same (Java loops as whiles: the prompt's code)", "callsites.py": "finds the call lines a prompt shows: they are in the key",
    "re_calls.py": "applied by translate repo's writer to the written file, after the cache",
    "rules.py": "units translated by rule while planning: never asked, never cached",
    "junit_helpers.py": "test helper classes translated by rule while planning: never asked, never cached",
    "pytest_junit.py": "the same (pytest and unittest tests to JUnit 5)",
    "pytest_junit_expr.py": "the same (pytest_junit's expressions)",
    "java_literals.py": "the same (pytest_junit's literals)",
    "java_values.py": "top-level literal values written as Java fields while planning: never asked, never cached",
    "keys.py": "these two lists: a module added to the key changes the key by itself",
    "unittest_junit.py": "the same (unittest classes to JUnit 5)",
}
