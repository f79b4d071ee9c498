"""JUnit's assertions for the tests migrated by ``translate repo`` from Java (a template, not model output).

Each migrated JUnit test class keeps its assert calls, with JUnit's argument order (expected first), and
imports them from here; each ``@Test`` method is registered as a pytest function that calls :func:`run_test`,
which builds a fresh instance and runs the ``@BeforeEach`` methods, the test and the ``@AfterEach`` methods,
as JUnit does (``@BeforeAll`` methods once per class).
"""
from __future__ import annotations

import math

# Java's standard exceptions, as the Python errors a migrated program raises for them (a test that keeps
# ``assertThrows(IllegalArgumentException, ...)`` expects the ``ValueError`` the migrated code raises).
ArithmeticException = ZeroDivisionError
ArrayIndexOutOfBoundsException = IndexError
ClassCastException = TypeError
IllegalArgumentException = ValueError
IllegalStateException = RuntimeError
IndexOutOfBoundsException = IndexError
NoSuchElementException = LookupError
NullPointerException = (AttributeError, TypeError)
NumberFormatException = ValueError
RuntimeException = Exception
StringIndexOutOfBoundsException = IndexError
UnsupportedOperationException = NotImplementedError
JAVA_EXCEPTIONS = ["ArithmeticException", "ArrayIndexOutOfBoundsException", "ClassCastException",
                   "IllegalArgumentException", "IllegalStateException", "IndexOutOfBoundsException",
                   "NoSuchElementException", "NullPointerException", "NumberFormatException", "RuntimeException",
                   "StringIndexOutOfBoundsException", "UnsupportedOperationException"]

__all__ = ["assertArrayEquals", "assertEquals", "assertFalse", "assertNotEquals", "assertNotNull", "assertNotSame",
           "assertNull", "assertSame", "assertThrows", "assertTrue", "fail", "run_test", *JAVA_EXCEPTIONS]


def _close(expected, actual, delta) -> bool:
    if delta is None or not isinstance(expected, (int, float)) or not isinstance(actual, (int, float)):
        return bool(expected == actual)
    return math.isclose(expected, actual, rel_tol=0.0, abs_tol=delta)


def _message(message, default: str) -> str:
    return f"{message} ==> {default}" if isinstance(message, str) and message else default


def assertEquals(expected, actual, delta=None, message=None):  # JUnit's names
    if isinstance(delta, str):  # assertEquals(expected, actual, message)
        delta, message = None, delta
    if not _close(expected, actual, delta):
        within = f" within {delta}" if delta is not None else ""
        raise AssertionError(_message(message, f"expected: <{expected!r}> but was: <{actual!r}>{within}"))


def assertNotEquals(unexpected, actual, message=None):
    if unexpected == actual:
        raise AssertionError(_message(message, f"expected: not equal but was: <{actual!r}>"))


def assertArrayEquals(expected, actual, delta=None, message=None):
    if isinstance(delta, str):
        delta, message = None, delta
    expected, actual = list(expected), list(actual)
    if len(expected) != len(actual) or not all(_close(e, a, delta) for e, a in zip(expected, actual)):
        raise AssertionError(_message(message, f"array contents differ: expected {expected!r} but was {actual!r}"))


def assertTrue(condition, message=None):
    if callable(condition):
        condition = condition()
    if not condition:
        raise AssertionError(_message(message, "expected: <true> but was: <false>"))


def assertFalse(condition, message=None):
    if callable(condition):
        condition = condition()
    if condition:
        raise AssertionError(_message(message, "expected: <false> but was: <true>"))


def assertNull(value, message=None):
    if value is not None:
        raise AssertionError(_message(message, f"expected: <null> but was: <{value!r}>"))


def assertNotNull(value, message=None):
    if value is None:
        raise AssertionError(_message(message, "expected: not <null>"))


def assertSame(expected, actual, message=None):
    if expected is not actual:
        raise AssertionError(_message(message, f"expected: same as <{expected!r}> but was: <{actual!r}>"))


def assertNotSame(unexpected, actual, message=None):
    if unexpected is actual:
        raise AssertionError(_message(message, "expected: not same but was the same object"))


def assertThrows(expected, executable, message=None):
    """Call ``executable``; the error it raised (an instance of ``expected``), else an AssertionError."""
    try:
        executable()
    except expected as error:
        return error
    except Exception as error:  # JUnit: an unexpected exception type fails the assertion
        raise AssertionError(_message(message, f"Unexpected exception type thrown, expected: <{_name(expected)}> "
                                               f"but was: <{type(error).__name__}: {error}>")) from error
    raise AssertionError(_message(message, f"Expected {_name(expected)} to be thrown, but nothing was thrown."))


def _name(expected) -> str:
    return " or ".join(e.__name__ for e in expected) if isinstance(expected, tuple) else expected.__name__


def fail(message=None):
    raise AssertionError(message or "fail")


_set_up: set[type] = set()


def run_test(cls, method, before_each=(), after_each=(), before_all=(), expected=None):
    """Run test ``method`` of ``cls`` as JUnit does: ``before_all`` once per class, then a fresh instance,
    each ``before_each`` method, the test, and each ``after_each`` method (also when the test fails);
    ``expected``: JUnit 4's ``@Test(expected = E.class)``, the test passes only when it raises that."""
    if cls not in _set_up:
        _set_up.add(cls)
        for name in before_all:
            getattr(cls, name)()
    test = cls()
    for name in before_each:
        getattr(test, name)()
    try:
        if expected is None:
            getattr(test, method)()
        else:
            assertThrows(expected, getattr(test, method))
    finally:
        for name in after_each:
            getattr(test, name)()
