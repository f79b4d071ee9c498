package org.junit.jupiter.api;

import java.lang.reflect.Array;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.function.ThrowingSupplier;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.MultipleFailuresError;

/**
 * JUnit 5's {@code Assertions} (translate's check shim): the same overloads, equality rules and failure messages
 * ({@code message ==> expected: <3.0> but was: <4.5>}), so JUnit 5 test sources compile and fail alike without
 * the JUnit jar. Each overload family is written out in full, as in JUnit (the file was generated once).
 */
public final class Assertions {
    private Assertions() {
    }

    // ---- helpers -------------------------------------------------------------------------------------------

    private static String text(Supplier<String> supplier) {
        return supplier == null ? null : supplier.get();
    }

    private static String prefix(String message) {
        return message == null || message.trim().isEmpty() ? "" : message + " ==> ";
    }

    /** A value as JUnit prints it in a message: {@code null}, a class by its name, arrays element by element, else
     * {@code toString()}. */
    private static String valueString(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof Class) {
            String name = ((Class<?>) value).getCanonicalName();
            return name != null ? name : ((Class<?>) value).getName();
        }
        if (value.getClass().isArray()) {
            return Arrays.deepToString(new Object[] {value}).replaceAll("^\\[|\\]$", "");
        }
        try {
            return String.valueOf(value);
        } catch (Throwable t) {
            return value.getClass().getName() + "@" + Integer.toHexString(System.identityHashCode(value));
        }
    }

    private static String shown(Object value, String text, boolean withClass) {
        if (value == null) {
            return "<null>";
        }
        if (!withClass) {
            return "<" + text + ">";
        }
        String id = value.getClass().getName() + "@" + Integer.toHexString(System.identityHashCode(value));
        return value instanceof Class ? "<" + id + ">" : id + "<" + text + ">";
    }

    private static String formatValues(Object expected, Object actual) {
        String e = valueString(expected);
        String a = valueString(actual);
        boolean same = e.equals(a) && expected != null && actual != null;
        return "expected: " + shown(expected, e, same) + " but was: " + shown(actual, a, same);
    }

    private static AssertionFailedError notEqual(Object expected, Object actual, String message) {
        return new AssertionFailedError(prefix(message) + formatValues(expected, actual), expected, actual);
    }

    private static AssertionFailedError notEqual(String reason, Object expected, Object actual, String message) {
        return new AssertionFailedError(prefix(message) + reason + ", " + formatValues(expected, actual), expected,
                actual);
    }

    private static boolean equal(Object expected, Object actual) {
        return Objects.equals(expected, actual);
    }

    private static void checkDelta(double delta) {
        if (Double.isNaN(delta) || delta < 0.0) {
            throw new AssertionFailedError("positive delta expected but was: <" + delta + ">");
        }
    }

    private static boolean near(double expected, double actual, double delta) {
        checkDelta(delta);
        return Double.doubleToLongBits(expected) == Double.doubleToLongBits(actual)
                || Math.abs(expected - actual) <= delta;
    }

    private static boolean near(float expected, float actual, float delta) {
        checkDelta(delta);
        return Float.floatToIntBits(expected) == Float.floatToIntBits(actual) || Math.abs(expected - actual) <= delta;
    }

    private static void eq(Object expected, Object actual, String message) {
        if (!equal(expected, actual)) {
            throw notEqual(expected, actual, message);
        }
    }

    private static void neq(Object unexpected, Object actual, String message) {
        if (equal(unexpected, actual)) {
            throw new AssertionFailedError(prefix(message) + "expected: not equal but was: <" + valueString(actual)
                    + ">");
        }
    }

    private static String indexes(Deque<Integer> path) {
        if (path.isEmpty()) {
            return "";
        }
        StringBuilder b = new StringBuilder(" at index ");
        for (Integer i : path) {
            b.append('[').append(i).append(']');
        }
        return b.toString();
    }

    private static void arrays(Object expected, Object actual, Deque<Integer> path, Double delta, String message) {
        if (expected == actual) {
            return;
        }
        if (expected == null) {
            throw new AssertionFailedError(prefix(message) + "expected array was <null>" + indexes(path));
        }
        if (actual == null) {
            throw new AssertionFailedError(prefix(message) + "actual array was <null>" + indexes(path));
        }
        int n = Array.getLength(expected);
        int m = Array.getLength(actual);
        if (n != m) {
            throw notEqual("array lengths differ" + indexes(path), n, m, message);
        }
        for (int i = 0; i < n; i++) {
            Object e = Array.get(expected, i);
            Object a = Array.get(actual, i);
            path.addLast(i);
            if (e != null && a != null && e.getClass().isArray() && a.getClass().isArray()
                    && !(expected.getClass().getComponentType().isPrimitive())) {
                arrays(e, a, path, delta, message);
            } else {
                boolean same;
                if (delta != null && e instanceof Float && a instanceof Float) {
                    same = near((Float) e, (Float) a, delta.floatValue());
                } else if (delta != null && e instanceof Double && a instanceof Double) {
                    same = near((Double) e, (Double) a, delta);
                } else {
                    same = equal(e, a);
                }
                if (!same) {
                    throw notEqual("array contents differ" + indexes(path), e, a, message);
                }
            }
            path.removeLast();
        }
    }

    private static void iterables(Iterable<?> expected, Iterable<?> actual, Deque<Integer> path, String message) {
        if (expected == actual) {
            return;
        }
        if (expected == null) {
            throw new AssertionFailedError(prefix(message) + "expected iterable was <null>" + indexes(path));
        }
        if (actual == null) {
            throw new AssertionFailedError(prefix(message) + "actual iterable was <null>" + indexes(path));
        }
        Iterator<?> ei = expected.iterator();
        Iterator<?> ai = actual.iterator();
        int i = 0;
        while (ei.hasNext() && ai.hasNext()) {
            Object e = ei.next();
            Object a = ai.next();
            path.addLast(i);
            if (e instanceof Iterable && a instanceof Iterable) {
                iterables((Iterable<?>) e, (Iterable<?>) a, path, message);
            } else if (e != null && a != null && e.getClass().isArray() && a.getClass().isArray()) {
                arrays(e, a, path, null, message);
            } else if (!equal(e, a)) {
                throw notEqual("iterable contents differ" + indexes(path), e, a, message);
            }
            path.removeLast();
            i++;
        }
        if (ei.hasNext() || ai.hasNext()) {
            int n = i;
            int m = i;
            while (ei.hasNext()) {
                ei.next();
                n++;
            }
            while (ai.hasNext()) {
                ai.next();
                m++;
            }
            throw notEqual("iterable lengths differ" + indexes(path), n, m, message);
        }
    }

    private static String causeText(Throwable t) {
        String m = t.getMessage();
        return t.getClass().getName() + (m == null || m.trim().isEmpty() ? "" : ": " + m);
    }

    private static <T extends Throwable> T throwsOf(Class<T> type, Executable executable, boolean exactly,
                                                    String message) {
        try {
            executable.execute();
        } catch (Throwable t) {
            if (exactly ? t.getClass() == type : type.isInstance(t)) {
                return type.cast(t);
            }
            throw new AssertionFailedError(prefix(message) + "Unexpected exception type thrown, "
                    + formatValues(type, t.getClass()), type, t.getClass(), t);
        }
        throw new AssertionFailedError(prefix(message) + "Expected " + valueString(type)
                + " to be thrown, but nothing was thrown.");
    }

    private static AssertionFailedError unexpected(Throwable t, String message) {
        return new AssertionFailedError(prefix(message) + "Unexpected exception thrown: " + causeText(t), t);
    }

    @SuppressWarnings("unchecked")
    private static <E extends Throwable> E sneaky(Throwable t) throws E {
        throw (E) t;  // as JUnit does: a checked exception of the code under test reaches the test unwrapped
    }

    private static <T> T timed(Duration timeout, ThrowingSupplier<T> supplier, String message) {
        long start = System.nanoTime();
        T result;
        try {
            result = supplier.get();
        } catch (Throwable t) {
            throw Assertions.<RuntimeException>sneaky(t);
        }
        long took = (System.nanoTime() - start) / 1_000_000L;
        long limit = timeout.toMillis();
        if (took > limit) {
            throw new AssertionFailedError(prefix(message) + "execution exceeded timeout of " + limit + " ms by "
                    + (took - limit) + " ms");
        }
        return result;
    }

    private static <T> T preemptively(Duration timeout, ThrowingSupplier<T> supplier, String message) {
        Object[] value = new Object[1];
        Throwable[] error = new Throwable[1];
        Thread th = new Thread(() -> {
            try {
                value[0] = supplier.get();
            } catch (Throwable t) {
                error[0] = t;
            }
        }, "junit-timeout-thread");
        th.setDaemon(true);
        th.start();
        try {
            th.join(Math.max(1L, timeout.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (th.isAlive()) {
            th.interrupt();
            throw new AssertionFailedError(prefix(message) + "execution timed out after " + timeout.toMillis() + " ms");
        }
        if (error[0] != null) {
            throw Assertions.<RuntimeException>sneaky(error[0]);
        }
        @SuppressWarnings("unchecked")
        T result = (T) value[0];
        return result;
    }

    private static ThrowingSupplier<Object> supplier(Executable executable) {
        return () -> {
            executable.execute();
            return null;
        };
    }

    private static boolean lineMatches(String expected, String actual) {
        if (expected.equals(actual)) {
            return true;
        }
        try {
            return actual.matches(expected);
        } catch (java.util.regex.PatternSyntaxException e) {
            return false;
        }
    }

    private static boolean fastForward(String line) {
        String s = line.trim();
        return s.length() >= 4 && s.startsWith(">>") && s.endsWith(">>");
    }

    private static int fastForwardLimit(String line) {
        String s = line.trim();
        try {
            int limit = Integer.parseInt(s.substring(2, s.length() - 2).trim());
            return limit > 0 ? limit : Integer.MAX_VALUE;
        } catch (NumberFormatException e) {
            return Integer.MAX_VALUE;
        }
    }

    /** JUnit's line matching, step for step: each expected line equal to or a regex of its actual line; a
     * {@code >> ... >>} line skips actual lines (a number in it: that many) up to the next match. */
    private static void lines(List<String> expected, List<String> actual, String message) {
        String e = String.join("\n", expected);
        String a = String.join("\n", actual);
        String problem = linesProblem(expected, actual);
        if (problem != null) {
            throw new AssertionFailedError(prefix(message) + problem, e, a);
        }
    }

    private static String linesProblem(List<String> expected, List<String> actual) {
        if (expected == actual) {
            return null;
        }
        if (expected.size() > actual.size()) {
            return "expected " + expected.size() + " lines, but only got " + actual.size();
        }
        if (expected.size() == actual.size()) {
            boolean all = true;
            for (int i = 0; i < expected.size() && all; i++) {
                all = lineMatches(expected.get(i), actual.get(i));
            }
            if (all) {
                return null;
            }
        }
        Deque<String> want = new ArrayDeque<>(expected);
        Deque<String> got = new ArrayDeque<>(actual);
        main:
        while (!want.isEmpty()) {
            String line = want.pop();
            int wantNumber = expected.size() - want.size();
            if (got.isEmpty()) {
                return "expected line #" + wantNumber + ":`" + line + "` not found - actual lines depleted";
            }
            String next = got.peek();
            if (lineMatches(line, next)) {
                got.pop();
                continue;
            }
            if (fastForward(line)) {
                int limit = fastForwardLimit(line);
                if (want.isEmpty()) {
                    if (limit == Integer.MAX_VALUE || limit == got.size()) {
                        return null;
                    }
                    return "terminal fast-forward(" + limit + ") error: fast-forward(" + got.size() + ") expected";
                }
                if (limit != Integer.MAX_VALUE) {
                    if (got.size() < limit) {
                        return "fast-forward(" + limit + ") error: not enough actual lines remaining (" + got.size()
                                + ")";
                    }
                    for (int i = 0; i < limit; i++) {
                        got.pop();
                    }
                    continue;
                }
                String target = want.peek();
                while (true) {
                    if (got.isEmpty()) {
                        return "fast-forward(\u221e) didn't find: `" + target + "`";
                    }
                    if (lineMatches(target, got.peek())) {
                        continue main;
                    }
                    got.pop();
                }
            }
            int gotNumber = actual.size() - got.size() + 1;
            return "expected line #" + wantNumber + " doesn't match actual line #" + gotNumber + "\n\texpected: `"
                    + line + "`\n\t  actual: `" + next + "`";
        }
        if (!got.isEmpty()) {
            return "more actual lines than expected: " + got.size();
        }
        return null;
    }

    private static void all(String heading, Iterable<Executable> executables) {
        List<Throwable> failures = new ArrayList<>();
        for (Executable e : executables) {
            try {
                e.execute();
            } catch (Throwable t) {
                if (t instanceof OutOfMemoryError) {
                    throw (OutOfMemoryError) t;
                }
                failures.add(t);
            }
        }
        if (!failures.isEmpty()) {
            throw new MultipleFailuresError(heading, failures);
        }
    }

    // ---- fail ----------------------------------------------------------------------------------------------

    public static <V> V fail() {
        throw new AssertionFailedError("");
    }

    public static <V> V fail(String message) {
        throw new AssertionFailedError(message);
    }

    public static <V> V fail(String message, Throwable cause) {
        throw new AssertionFailedError(message, cause);
    }

    public static <V> V fail(Throwable cause) {
        throw new AssertionFailedError("", cause);
    }

    public static <V> V fail(Supplier<String> messageSupplier) {
        throw new AssertionFailedError(text(messageSupplier));
    }

    // ---- assertTrue / assertFalse -----------------------------------------------------------------------

    public static void assertTrue(boolean condition) {
        if (!(condition)) {
            throw notEqual(true, !true, null);
        }
    }

    public static void assertTrue(boolean condition, String message) {
        if (!(condition)) {
            throw notEqual(true, !true, message);
        }
    }

    public static void assertTrue(boolean condition, Supplier<String> messageSupplier) {
        if (!(condition)) {
            throw notEqual(true, !true, text(messageSupplier));
        }
    }

    public static void assertTrue(BooleanSupplier booleanSupplier) {
        assertTrue(booleanSupplier.getAsBoolean(), (String) null);
    }

    public static void assertTrue(BooleanSupplier booleanSupplier, String message) {
        assertTrue(booleanSupplier.getAsBoolean(), message);
    }

    public static void assertTrue(BooleanSupplier booleanSupplier, Supplier<String> messageSupplier) {
        assertTrue(booleanSupplier.getAsBoolean(), text(messageSupplier));
    }

    public static void assertFalse(boolean condition) {
        if (!(!condition)) {
            throw notEqual(false, !false, null);
        }
    }

    public static void assertFalse(boolean condition, String message) {
        if (!(!condition)) {
            throw notEqual(false, !false, message);
        }
    }

    public static void assertFalse(boolean condition, Supplier<String> messageSupplier) {
        if (!(!condition)) {
            throw notEqual(false, !false, text(messageSupplier));
        }
    }

    public static void assertFalse(BooleanSupplier booleanSupplier) {
        assertFalse(booleanSupplier.getAsBoolean(), (String) null);
    }

    public static void assertFalse(BooleanSupplier booleanSupplier, String message) {
        assertFalse(booleanSupplier.getAsBoolean(), message);
    }

    public static void assertFalse(BooleanSupplier booleanSupplier, Supplier<String> messageSupplier) {
        assertFalse(booleanSupplier.getAsBoolean(), text(messageSupplier));
    }

    // ---- assertNull / assertNotNull -----------------------------------------------------------------------

    public static void assertNull(Object actual) {
        if (actual != null) {
            throw notEqual(null, actual, null);
        }
    }

    public static void assertNotNull(Object actual) {
        if (actual == null) {
            throw new AssertionFailedError(prefix(null) + "expected: not <null>");
        }
    }

    public static void assertNull(Object actual, String message) {
        if (actual != null) {
            throw notEqual(null, actual, message);
        }
    }

    public static void assertNotNull(Object actual, String message) {
        if (actual == null) {
            throw new AssertionFailedError(prefix(message) + "expected: not <null>");
        }
    }

    public static void assertNull(Object actual, Supplier<String> messageSupplier) {
        if (actual != null) {
            throw notEqual(null, actual, text(messageSupplier));
        }
    }

    public static void assertNotNull(Object actual, Supplier<String> messageSupplier) {
        if (actual == null) {
            throw new AssertionFailedError(prefix(text(messageSupplier)) + "expected: not <null>");
        }
    }

    // ---- assertSame / assertNotSame -----------------------------------------------------------------------

    public static void assertSame(Object expected, Object actual) {
        if (expected != actual) {
            throw notEqual(expected, actual, null);
        }
    }

    public static void assertNotSame(Object unexpected, Object actual) {
        if (unexpected == actual) {
            throw new AssertionFailedError(prefix(null) + "expected: not same but was: <" + valueString(actual) + ">");
        }
    }

    public static void assertSame(Object expected, Object actual, String message) {
        if (expected != actual) {
            throw notEqual(expected, actual, message);
        }
    }

    public static void assertNotSame(Object unexpected, Object actual, String message) {
        if (unexpected == actual) {
            throw new AssertionFailedError(prefix(message) + "expected: not same but was: <" + valueString(actual) + ">");
        }
    }

    public static void assertSame(Object expected, Object actual, Supplier<String> messageSupplier) {
        if (expected != actual) {
            throw notEqual(expected, actual, text(messageSupplier));
        }
    }

    public static void assertNotSame(Object unexpected, Object actual, Supplier<String> messageSupplier) {
        if (unexpected == actual) {
            throw new AssertionFailedError(prefix(text(messageSupplier)) + "expected: not same but was: <" + valueString(actual) + ">");
        }
    }

    // ---- assertEquals ----------------------------------------------------------------------------------------

    public static void assertEquals(byte expected, byte actual) {
        eq(expected, actual, null);
    }

    public static void assertEquals(byte expected, byte actual, String message) {
        eq(expected, actual, message);
    }

    public static void assertEquals(byte expected, byte actual, Supplier<String> messageSupplier) {
        eq(expected, actual, text(messageSupplier));
    }

    public static void assertEquals(byte expected, Byte actual) {
        eq(expected, actual, null);
    }

    public static void assertEquals(byte expected, Byte actual, String message) {
        eq(expected, actual, message);
    }

    public static void assertEquals(byte expected, Byte actual, Supplier<String> messageSupplier) {
        eq(expected, actual, text(messageSupplier));
    }

    public static void assertEquals(Byte expected, byte actual) {
        eq(expected, actual, null);
    }

    public static void assertEquals(Byte expected, byte actual, String message) {
        eq(expected, actual, message);
    }

    public static void assertEquals(Byte expected, byte actual, Supplier<String> messageSupplier) {
        eq(expected, actual, text(messageSupplier));
    }

    public static void assertEquals(Byte expected, Byte actual) {
        eq(expected, actual, null);
    }

    public static void assertEquals(Byte expected, Byte actual, String message) {
        eq(expected, actual, message);
    }

    public static void assertEquals(Byte expected, Byte actual, Supplier<String> messageSupplier) {
        eq(expected, actual, text(messageSupplier));
    }

    public static void assertEquals(char expected, char actual) {
        eq(expected, actual, null);
    }

    public static void assertEquals(char expected, char actual, String message) {
        eq(expected, actual, message);
    }

    public static void assertEquals(char expected, char actual, Supplier<String> messageSupplier) {
        eq(expected, actual, text(messageSupplier));
    }

    public static void assertEquals(char expected, Character actual) {
        eq(expected, actual, null);
    }

    public static void assertEquals(char expected, Character actual, String message) {
        eq(expected, actual, message);
    }

    public static void assertEquals(char expected, Character actual, Supplier<String> messageSupplier) {
        eq(expected, actual, text(messageSupplier));
    }

    public static void assertEquals(Character expected, char actual) {
        eq(expected, actual, null);
    }

    public static void assertEquals(Character expected, char actual, String message) {
        eq(expected, actual, message);
    }

    public static void assertEquals(Character expected, char actual, Supplier<String> messageSupplier) {
        eq(expected, actual, text(messageSupplier));
    }

    public static void assertEquals(Character expected, Character actual) {
        eq(expected, actual, null);
    }

    public static void assertEquals(Character expected, Character actual, String message) {
        eq(expected, actual, message);
    }

    public static void assertEquals(Character expected, Character actual, Supplier<String> messageSupplier) {
        eq(expected, actual, text(messageSupplier));
    }

    public static void assertEquals(short expected, short actual) {
        eq(expected, actual, null);
    }

    public static void assertEquals(short expected, short actual, String message) {
        eq(expected, actual, message);
    }

    public static void assertEquals(short expected, short actual, Supplier<String> messageSupplier) {
        eq(expected, actual, text(messageSupplier));
    }

    public static void assertEquals(short expected, Short actual) {
        eq(expected, actual, null);
    }

    public static void assertEquals(short expected, Short actual, String message) {
        eq(expected, actual, message);
    }

    public static void assertEquals(short expected, Short actual, Supplier<String> messageSupplier) {
        eq(expected, actual, text(messageSupplier));
    }

    public static void assertEquals(Short expected, short actual) {
        eq(expected, actual, null);
    }

    public static void assertEquals(Short expected, short actual, String message) {
        eq(expected, actual, message);
    }

    public static void assertEquals(Short expected, short actual, Supplier<String> messageSupplier) {
        eq(expected, actual, text(messageSupplier));
    }

    public static void assertEquals(Short expected, Short actual) {
        eq(expected, actual, null);
    }

    public static void assertEquals(Short expected, Short actual, String message) {
        eq(expected, actual, message);
    }

    public static void assertEquals(Short expected, Short actual, Supplier<String> messageSupplier) {
        eq(expected, actual, text(messageSupplier));
    }

    public static void assertEquals(int expected, int actual) {
        eq(expected, actual, null);
    }

    public static void assertEquals(int expected, int actual, String message) {
        eq(expected, actual, message);
    }

    public static void assertEquals(int expected, int actual, Supplier<String> messageSupplier) {
        eq(expected, actual, text(messageSupplier));
    }

    public static void assertEquals(int expected, Integer actual) {
        eq(expected, actual, null);
    }

    public static void assertEquals(int expected, Integer actual, String message) {
        eq(expected, actual, message);
    }

    public static void assertEquals(int expected, Integer actual, Supplier<String> messageSupplier) {
        eq(expected, actual, text(messageSupplier));
    }

    public static void assertEquals(Integer expected, int actual) {
        eq(expected, actual, null);
    }

    public static void assertEquals(Integer expected, int actual, String message) {
        eq(expected, actual, message);
    }

    public static void assertEquals(Integer expected, int actual, Supplier<String> messageSupplier) {
        eq(expected, actual, text(messageSupplier));
    }

    public static void assertEquals(Integer expected, Integer actual) {
        eq(expected, actual, null);
    }

    public static void assertEquals(Integer expected, Integer actual, String message) {
        eq(expected, actual, message);
    }

    public static void assertEquals(Integer expected, Integer actual, Supplier<String> messageSupplier) {
        eq(expected, actual, text(messageSupplier));
    }

    public static void assertEquals(long expected, long actual) {
        eq(expected, actual, null);
    }

    public static void assertEquals(long expected, long actual, String message) {
        eq(expected, actual, message);
    }

    public static void assertEquals(long expected, long actual, Supplier<String> messageSupplier) {
        eq(expected, actual, text(messageSupplier));
    }

    public static void assertEquals(long expected, Long actual) {
        eq(expected, actual, null);
    }

    public static void assertEquals(long expected, Long actual, String message) {
        eq(expected, actual, message);
    }

    public static void assertEquals(long expected, Long actual, Supplier<String> messageSupplier) {
        eq(expected, actual, text(messageSupplier));
    }

    public static void assertEquals(Long expected, long actual) {
        eq(expected, actual, null);
    }

    public static void assertEquals(Long expected, long actual, String message) {
        eq(expected, actual, message);
    }

    public static void assertEquals(Long expected, long actual, Supplier<String> messageSupplier) {
        eq(expected, actual, text(messageSupplier));
    }

    public static void assertEquals(Long expected, Long actual) {
        eq(expected, actual, null);
    }

    public static void assertEquals(Long expected, Long actual, String message) {
        eq(expected, actual, message);
    }

    public static void assertEquals(Long expected, Long actual, Supplier<String> messageSupplier) {
        eq(expected, actual, text(messageSupplier));
    }

    public static void assertEquals(float expected, float actual) {
        eq(expected, actual, null);
    }

    public static void assertEquals(float expected, float actual, String message) {
        eq(expected, actual, message);
    }

    public static void assertEquals(float expected, float actual, Supplier<String> messageSupplier) {
        eq(expected, actual, text(messageSupplier));
    }

    public static void assertEquals(float expected, Float actual) {
        eq(expected, actual, null);
    }

    public static void assertEquals(float expected, Float actual, String message) {
        eq(expected, actual, message);
    }

    public static void assertEquals(float expected, Float actual, Supplier<String> messageSupplier) {
        eq(expected, actual, text(messageSupplier));
    }

    public static void assertEquals(Float expected, float actual) {
        eq(expected, actual, null);
    }

    public static void assertEquals(Float expected, float actual, String message) {
        eq(expected, actual, message);
    }

    public static void assertEquals(Float expected, float actual, Supplier<String> messageSupplier) {
        eq(expected, actual, text(messageSupplier));
    }

    public static void assertEquals(Float expected, Float actual) {
        eq(expected, actual, null);
    }

    public static void assertEquals(Float expected, Float actual, String message) {
        eq(expected, actual, message);
    }

    public static void assertEquals(Float expected, Float actual, Supplier<String> messageSupplier) {
        eq(expected, actual, text(messageSupplier));
    }

    public static void assertEquals(float expected, float actual, float delta) {
        if (!near(expected, actual, delta)) {
            throw notEqual(expected, actual, null);
        }
    }

    public static void assertEquals(float expected, float actual, float delta, String message) {
        if (!near(expected, actual, delta)) {
            throw notEqual(expected, actual, message);
        }
    }

    public static void assertEquals(float expected, float actual, float delta, Supplier<String> messageSupplier) {
        if (!near(expected, actual, delta)) {
            throw notEqual(expected, actual, text(messageSupplier));
        }
    }

    public static void assertEquals(double expected, double actual) {
        eq(expected, actual, null);
    }

    public static void assertEquals(double expected, double actual, String message) {
        eq(expected, actual, message);
    }

    public static void assertEquals(double expected, double actual, Supplier<String> messageSupplier) {
        eq(expected, actual, text(messageSupplier));
    }

    public static void assertEquals(double expected, Double actual) {
        eq(expected, actual, null);
    }

    public static void assertEquals(double expected, Double actual, String message) {
        eq(expected, actual, message);
    }

    public static void assertEquals(double expected, Double actual, Supplier<String> messageSupplier) {
        eq(expected, actual, text(messageSupplier));
    }

    public static void assertEquals(Double expected, double actual) {
        eq(expected, actual, null);
    }

    public static void assertEquals(Double expected, double actual, String message) {
        eq(expected, actual, message);
    }

    public static void assertEquals(Double expected, double actual, Supplier<String> messageSupplier) {
        eq(expected, actual, text(messageSupplier));
    }

    public static void assertEquals(Double expected, Double actual) {
        eq(expected, actual, null);
    }

    public static void assertEquals(Double expected, Double actual, String message) {
        eq(expected, actual, message);
    }

    public static void assertEquals(Double expected, Double actual, Supplier<String> messageSupplier) {
        eq(expected, actual, text(messageSupplier));
    }

    public static void assertEquals(double expected, double actual, double delta) {
        if (!near(expected, actual, delta)) {
            throw notEqual(expected, actual, null);
        }
    }

    public static void assertEquals(double expected, double actual, double delta, String message) {
        if (!near(expected, actual, delta)) {
            throw notEqual(expected, actual, message);
        }
    }

    public static void assertEquals(double expected, double actual, double delta, Supplier<String> messageSupplier) {
        if (!near(expected, actual, delta)) {
            throw notEqual(expected, actual, text(messageSupplier));
        }
    }

    public static void assertEquals(Object expected, Object actual) {
        eq(expected, actual, null);
    }

    public static void assertEquals(Object expected, Object actual, String message) {
        eq(expected, actual, message);
    }

    public static void assertEquals(Object expected, Object actual, Supplier<String> messageSupplier) {
        eq(expected, actual, text(messageSupplier));
    }

    // ---- assertNotEquals -------------------------------------------------------------------------------------

    public static void assertNotEquals(byte unexpected, byte actual) {
        neq(unexpected, actual, null);
    }

    public static void assertNotEquals(byte unexpected, byte actual, String message) {
        neq(unexpected, actual, message);
    }

    public static void assertNotEquals(byte unexpected, byte actual, Supplier<String> messageSupplier) {
        neq(unexpected, actual, text(messageSupplier));
    }

    public static void assertNotEquals(byte unexpected, Byte actual) {
        neq(unexpected, actual, null);
    }

    public static void assertNotEquals(byte unexpected, Byte actual, String message) {
        neq(unexpected, actual, message);
    }

    public static void assertNotEquals(byte unexpected, Byte actual, Supplier<String> messageSupplier) {
        neq(unexpected, actual, text(messageSupplier));
    }

    public static void assertNotEquals(Byte unexpected, byte actual) {
        neq(unexpected, actual, null);
    }

    public static void assertNotEquals(Byte unexpected, byte actual, String message) {
        neq(unexpected, actual, message);
    }

    public static void assertNotEquals(Byte unexpected, byte actual, Supplier<String> messageSupplier) {
        neq(unexpected, actual, text(messageSupplier));
    }

    public static void assertNotEquals(Byte unexpected, Byte actual) {
        neq(unexpected, actual, null);
    }

    public static void assertNotEquals(Byte unexpected, Byte actual, String message) {
        neq(unexpected, actual, message);
    }

    public static void assertNotEquals(Byte unexpected, Byte actual, Supplier<String> messageSupplier) {
        neq(unexpected, actual, text(messageSupplier));
    }

    public static void assertNotEquals(char unexpected, char actual) {
        neq(unexpected, actual, null);
    }

    public static void assertNotEquals(char unexpected, char actual, String message) {
        neq(unexpected, actual, message);
    }

    public static void assertNotEquals(char unexpected, char actual, Supplier<String> messageSupplier) {
        neq(unexpected, actual, text(messageSupplier));
    }

    public static void assertNotEquals(char unexpected, Character actual) {
        neq(unexpected, actual, null);
    }

    public static void assertNotEquals(char unexpected, Character actual, String message) {
        neq(unexpected, actual, message);
    }

    public static void assertNotEquals(char unexpected, Character actual, Supplier<String> messageSupplier) {
        neq(unexpected, actual, text(messageSupplier));
    }

    public static void assertNotEquals(Character unexpected, char actual) {
        neq(unexpected, actual, null);
    }

    public static void assertNotEquals(Character unexpected, char actual, String message) {
        neq(unexpected, actual, message);
    }

    public static void assertNotEquals(Character unexpected, char actual, Supplier<String> messageSupplier) {
        neq(unexpected, actual, text(messageSupplier));
    }

    public static void assertNotEquals(Character unexpected, Character actual) {
        neq(unexpected, actual, null);
    }

    public static void assertNotEquals(Character unexpected, Character actual, String message) {
        neq(unexpected, actual, message);
    }

    public static void assertNotEquals(Character unexpected, Character actual, Supplier<String> messageSupplier) {
        neq(unexpected, actual, text(messageSupplier));
    }

    public static void assertNotEquals(short unexpected, short actual) {
        neq(unexpected, actual, null);
    }

    public static void assertNotEquals(short unexpected, short actual, String message) {
        neq(unexpected, actual, message);
    }

    public static void assertNotEquals(short unexpected, short actual, Supplier<String> messageSupplier) {
        neq(unexpected, actual, text(messageSupplier));
    }

    public static void assertNotEquals(short unexpected, Short actual) {
        neq(unexpected, actual, null);
    }

    public static void assertNotEquals(short unexpected, Short actual, String message) {
        neq(unexpected, actual, message);
    }

    public static void assertNotEquals(short unexpected, Short actual, Supplier<String> messageSupplier) {
        neq(unexpected, actual, text(messageSupplier));
    }

    public static void assertNotEquals(Short unexpected, short actual) {
        neq(unexpected, actual, null);
    }

    public static void assertNotEquals(Short unexpected, short actual, String message) {
        neq(unexpected, actual, message);
    }

    public static void assertNotEquals(Short unexpected, short actual, Supplier<String> messageSupplier) {
        neq(unexpected, actual, text(messageSupplier));
    }

    public static void assertNotEquals(Short unexpected, Short actual) {
        neq(unexpected, actual, null);
    }

    public static void assertNotEquals(Short unexpected, Short actual, String message) {
        neq(unexpected, actual, message);
    }

    public static void assertNotEquals(Short unexpected, Short actual, Supplier<String> messageSupplier) {
        neq(unexpected, actual, text(messageSupplier));
    }

    public static void assertNotEquals(int unexpected, int actual) {
        neq(unexpected, actual, null);
    }

    public static void assertNotEquals(int unexpected, int actual, String message) {
        neq(unexpected, actual, message);
    }

    public static void assertNotEquals(int unexpected, int actual, Supplier<String> messageSupplier) {
        neq(unexpected, actual, text(messageSupplier));
    }

    public static void assertNotEquals(int unexpected, Integer actual) {
        neq(unexpected, actual, null);
    }

    public static void assertNotEquals(int unexpected, Integer actual, String message) {
        neq(unexpected, actual, message);
    }

    public static void assertNotEquals(int unexpected, Integer actual, Supplier<String> messageSupplier) {
        neq(unexpected, actual, text(messageSupplier));
    }

    public static void assertNotEquals(Integer unexpected, int actual) {
        neq(unexpected, actual, null);
    }

    public static void assertNotEquals(Integer unexpected, int actual, String message) {
        neq(unexpected, actual, message);
    }

    public static void assertNotEquals(Integer unexpected, int actual, Supplier<String> messageSupplier) {
        neq(unexpected, actual, text(messageSupplier));
    }

    public static void assertNotEquals(Integer unexpected, Integer actual) {
        neq(unexpected, actual, null);
    }

    public static void assertNotEquals(Integer unexpected, Integer actual, String message) {
        neq(unexpected, actual, message);
    }

    public static void assertNotEquals(Integer unexpected, Integer actual, Supplier<String> messageSupplier) {
        neq(unexpected, actual, text(messageSupplier));
    }

    public static void assertNotEquals(long unexpected, long actual) {
        neq(unexpected, actual, null);
    }

    public static void assertNotEquals(long unexpected, long actual, String message) {
        neq(unexpected, actual, message);
    }

    public static void assertNotEquals(long unexpected, long actual, Supplier<String> messageSupplier) {
        neq(unexpected, actual, text(messageSupplier));
    }

    public static void assertNotEquals(long unexpected, Long actual) {
        neq(unexpected, actual, null);
    }

    public static void assertNotEquals(long unexpected, Long actual, String message) {
        neq(unexpected, actual, message);
    }

    public static void assertNotEquals(long unexpected, Long actual, Supplier<String> messageSupplier) {
        neq(unexpected, actual, text(messageSupplier));
    }

    public static void assertNotEquals(Long unexpected, long actual) {
        neq(unexpected, actual, null);
    }

    public static void assertNotEquals(Long unexpected, long actual, String message) {
        neq(unexpected, actual, message);
    }

    public static void assertNotEquals(Long unexpected, long actual, Supplier<String> messageSupplier) {
        neq(unexpected, actual, text(messageSupplier));
    }

    public static void assertNotEquals(Long unexpected, Long actual) {
        neq(unexpected, actual, null);
    }

    public static void assertNotEquals(Long unexpected, Long actual, String message) {
        neq(unexpected, actual, message);
    }

    public static void assertNotEquals(Long unexpected, Long actual, Supplier<String> messageSupplier) {
        neq(unexpected, actual, text(messageSupplier));
    }

    public static void assertNotEquals(float unexpected, float actual) {
        neq(unexpected, actual, null);
    }

    public static void assertNotEquals(float unexpected, float actual, String message) {
        neq(unexpected, actual, message);
    }

    public static void assertNotEquals(float unexpected, float actual, Supplier<String> messageSupplier) {
        neq(unexpected, actual, text(messageSupplier));
    }

    public static void assertNotEquals(float unexpected, Float actual) {
        neq(unexpected, actual, null);
    }

    public static void assertNotEquals(float unexpected, Float actual, String message) {
        neq(unexpected, actual, message);
    }

    public static void assertNotEquals(float unexpected, Float actual, Supplier<String> messageSupplier) {
        neq(unexpected, actual, text(messageSupplier));
    }

    public static void assertNotEquals(Float unexpected, float actual) {
        neq(unexpected, actual, null);
    }

    public static void assertNotEquals(Float unexpected, float actual, String message) {
        neq(unexpected, actual, message);
    }

    public static void assertNotEquals(Float unexpected, float actual, Supplier<String> messageSupplier) {
        neq(unexpected, actual, text(messageSupplier));
    }

    public static void assertNotEquals(Float unexpected, Float actual) {
        neq(unexpected, actual, null);
    }

    public static void assertNotEquals(Float unexpected, Float actual, String message) {
        neq(unexpected, actual, message);
    }

    public static void assertNotEquals(Float unexpected, Float actual, Supplier<String> messageSupplier) {
        neq(unexpected, actual, text(messageSupplier));
    }

    public static void assertNotEquals(float unexpected, float actual, float delta) {
        if (near(unexpected, actual, delta)) {
            throw new AssertionFailedError(prefix(null) + "expected: not equal but was: <" + actual + ">");
        }
    }

    public static void assertNotEquals(float unexpected, float actual, float delta, String message) {
        if (near(unexpected, actual, delta)) {
            throw new AssertionFailedError(prefix(message) + "expected: not equal but was: <" + actual + ">");
        }
    }

    public static void assertNotEquals(float unexpected, float actual, float delta, Supplier<String> messageSupplier) {
        if (near(unexpected, actual, delta)) {
            throw new AssertionFailedError(prefix(text(messageSupplier)) + "expected: not equal but was: <" + actual + ">");
        }
    }

    public static void assertNotEquals(double unexpected, double actual) {
        neq(unexpected, actual, null);
    }

    public static void assertNotEquals(double unexpected, double actual, String message) {
        neq(unexpected, actual, message);
    }

    public static void assertNotEquals(double unexpected, double actual, Supplier<String> messageSupplier) {
        neq(unexpected, actual, text(messageSupplier));
    }

    public static void assertNotEquals(double unexpected, Double actual) {
        neq(unexpected, actual, null);
    }

    public static void assertNotEquals(double unexpected, Double actual, String message) {
        neq(unexpected, actual, message);
    }

    public static void assertNotEquals(double unexpected, Double actual, Supplier<String> messageSupplier) {
        neq(unexpected, actual, text(messageSupplier));
    }

    public static void assertNotEquals(Double unexpected, double actual) {
        neq(unexpected, actual, null);
    }

    public static void assertNotEquals(Double unexpected, double actual, String message) {
        neq(unexpected, actual, message);
    }

    public static void assertNotEquals(Double unexpected, double actual, Supplier<String> messageSupplier) {
        neq(unexpected, actual, text(messageSupplier));
    }

    public static void assertNotEquals(Double unexpected, Double actual) {
        neq(unexpected, actual, null);
    }

    public static void assertNotEquals(Double unexpected, Double actual, String message) {
        neq(unexpected, actual, message);
    }

    public static void assertNotEquals(Double unexpected, Double actual, Supplier<String> messageSupplier) {
        neq(unexpected, actual, text(messageSupplier));
    }

    public static void assertNotEquals(double unexpected, double actual, double delta) {
        if (near(unexpected, actual, delta)) {
            throw new AssertionFailedError(prefix(null) + "expected: not equal but was: <" + actual + ">");
        }
    }

    public static void assertNotEquals(double unexpected, double actual, double delta, String message) {
        if (near(unexpected, actual, delta)) {
            throw new AssertionFailedError(prefix(message) + "expected: not equal but was: <" + actual + ">");
        }
    }

    public static void assertNotEquals(double unexpected, double actual, double delta, Supplier<String> messageSupplier) {
        if (near(unexpected, actual, delta)) {
            throw new AssertionFailedError(prefix(text(messageSupplier)) + "expected: not equal but was: <" + actual + ">");
        }
    }

    public static void assertNotEquals(Object unexpected, Object actual) {
        neq(unexpected, actual, null);
    }

    public static void assertNotEquals(Object unexpected, Object actual, String message) {
        neq(unexpected, actual, message);
    }

    public static void assertNotEquals(Object unexpected, Object actual, Supplier<String> messageSupplier) {
        neq(unexpected, actual, text(messageSupplier));
    }

    // ---- assertArrayEquals ---------------------------------------------------------------------------------

    public static void assertArrayEquals(boolean[] expected, boolean[] actual) {
        arrays(expected, actual, new ArrayDeque<>(), null, null);
    }

    public static void assertArrayEquals(boolean[] expected, boolean[] actual, String message) {
        arrays(expected, actual, new ArrayDeque<>(), null, message);
    }

    public static void assertArrayEquals(boolean[] expected, boolean[] actual, Supplier<String> messageSupplier) {
        arrays(expected, actual, new ArrayDeque<>(), null, text(messageSupplier));
    }

    public static void assertArrayEquals(char[] expected, char[] actual) {
        arrays(expected, actual, new ArrayDeque<>(), null, null);
    }

    public static void assertArrayEquals(char[] expected, char[] actual, String message) {
        arrays(expected, actual, new ArrayDeque<>(), null, message);
    }

    public static void assertArrayEquals(char[] expected, char[] actual, Supplier<String> messageSupplier) {
        arrays(expected, actual, new ArrayDeque<>(), null, text(messageSupplier));
    }

    public static void assertArrayEquals(byte[] expected, byte[] actual) {
        arrays(expected, actual, new ArrayDeque<>(), null, null);
    }

    public static void assertArrayEquals(byte[] expected, byte[] actual, String message) {
        arrays(expected, actual, new ArrayDeque<>(), null, message);
    }

    public static void assertArrayEquals(byte[] expected, byte[] actual, Supplier<String> messageSupplier) {
        arrays(expected, actual, new ArrayDeque<>(), null, text(messageSupplier));
    }

    public static void assertArrayEquals(short[] expected, short[] actual) {
        arrays(expected, actual, new ArrayDeque<>(), null, null);
    }

    public static void assertArrayEquals(short[] expected, short[] actual, String message) {
        arrays(expected, actual, new ArrayDeque<>(), null, message);
    }

    public static void assertArrayEquals(short[] expected, short[] actual, Supplier<String> messageSupplier) {
        arrays(expected, actual, new ArrayDeque<>(), null, text(messageSupplier));
    }

    public static void assertArrayEquals(int[] expected, int[] actual) {
        arrays(expected, actual, new ArrayDeque<>(), null, null);
    }

    public static void assertArrayEquals(int[] expected, int[] actual, String message) {
        arrays(expected, actual, new ArrayDeque<>(), null, message);
    }

    public static void assertArrayEquals(int[] expected, int[] actual, Supplier<String> messageSupplier) {
        arrays(expected, actual, new ArrayDeque<>(), null, text(messageSupplier));
    }

    public static void assertArrayEquals(long[] expected, long[] actual) {
        arrays(expected, actual, new ArrayDeque<>(), null, null);
    }

    public static void assertArrayEquals(long[] expected, long[] actual, String message) {
        arrays(expected, actual, new ArrayDeque<>(), null, message);
    }

    public static void assertArrayEquals(long[] expected, long[] actual, Supplier<String> messageSupplier) {
        arrays(expected, actual, new ArrayDeque<>(), null, text(messageSupplier));
    }

    public static void assertArrayEquals(float[] expected, float[] actual) {
        arrays(expected, actual, new ArrayDeque<>(), null, null);
    }

    public static void assertArrayEquals(float[] expected, float[] actual, String message) {
        arrays(expected, actual, new ArrayDeque<>(), null, message);
    }

    public static void assertArrayEquals(float[] expected, float[] actual, Supplier<String> messageSupplier) {
        arrays(expected, actual, new ArrayDeque<>(), null, text(messageSupplier));
    }

    public static void assertArrayEquals(float[] expected, float[] actual, float delta) {
        checkDelta(delta);
        arrays(expected, actual, new ArrayDeque<>(), (double) delta, null);
    }

    public static void assertArrayEquals(float[] expected, float[] actual, float delta, String message) {
        checkDelta(delta);
        arrays(expected, actual, new ArrayDeque<>(), (double) delta, message);
    }

    public static void assertArrayEquals(float[] expected, float[] actual, float delta, Supplier<String> messageSupplier) {
        checkDelta(delta);
        arrays(expected, actual, new ArrayDeque<>(), (double) delta, text(messageSupplier));
    }

    public static void assertArrayEquals(double[] expected, double[] actual) {
        arrays(expected, actual, new ArrayDeque<>(), null, null);
    }

    public static void assertArrayEquals(double[] expected, double[] actual, String message) {
        arrays(expected, actual, new ArrayDeque<>(), null, message);
    }

    public static void assertArrayEquals(double[] expected, double[] actual, Supplier<String> messageSupplier) {
        arrays(expected, actual, new ArrayDeque<>(), null, text(messageSupplier));
    }

    public static void assertArrayEquals(double[] expected, double[] actual, double delta) {
        checkDelta(delta);
        arrays(expected, actual, new ArrayDeque<>(), delta, null);
    }

    public static void assertArrayEquals(double[] expected, double[] actual, double delta, String message) {
        checkDelta(delta);
        arrays(expected, actual, new ArrayDeque<>(), delta, message);
    }

    public static void assertArrayEquals(double[] expected, double[] actual, double delta, Supplier<String> messageSupplier) {
        checkDelta(delta);
        arrays(expected, actual, new ArrayDeque<>(), delta, text(messageSupplier));
    }

    public static void assertArrayEquals(Object[] expected, Object[] actual) {
        arrays(expected, actual, new ArrayDeque<>(), null, null);
    }

    public static void assertArrayEquals(Object[] expected, Object[] actual, String message) {
        arrays(expected, actual, new ArrayDeque<>(), null, message);
    }

    public static void assertArrayEquals(Object[] expected, Object[] actual, Supplier<String> messageSupplier) {
        arrays(expected, actual, new ArrayDeque<>(), null, text(messageSupplier));
    }

    // ---- assertIterableEquals ------------------------------------------------------------------------------

    public static void assertIterableEquals(Iterable<?> expected, Iterable<?> actual) {
        iterables(expected, actual, new ArrayDeque<>(), null);
    }

    public static void assertIterableEquals(Iterable<?> expected, Iterable<?> actual, String message) {
        iterables(expected, actual, new ArrayDeque<>(), message);
    }

    public static void assertIterableEquals(Iterable<?> expected, Iterable<?> actual, Supplier<String> messageSupplier) {
        iterables(expected, actual, new ArrayDeque<>(), text(messageSupplier));
    }

    // ---- assertThrows / assertDoesNotThrow / assertInstanceOf / assertAll -----------------------------------

    public static <T extends Throwable> T assertThrows(Class<T> expectedType, Executable executable) {
        return throwsOf(expectedType, executable, false, null);
    }

    public static <T extends Throwable> T assertThrows(Class<T> expectedType, Executable executable, String message) {
        return throwsOf(expectedType, executable, false, message);
    }

    public static <T extends Throwable> T assertThrows(Class<T> expectedType, Executable executable, Supplier<String> messageSupplier) {
        return throwsOf(expectedType, executable, false, text(messageSupplier));
    }

    public static <T extends Throwable> T assertThrowsExactly(Class<T> expectedType, Executable executable) {
        return throwsOf(expectedType, executable, true, null);
    }

    public static <T extends Throwable> T assertThrowsExactly(Class<T> expectedType, Executable executable, String message) {
        return throwsOf(expectedType, executable, true, message);
    }

    public static <T extends Throwable> T assertThrowsExactly(Class<T> expectedType, Executable executable, Supplier<String> messageSupplier) {
        return throwsOf(expectedType, executable, true, text(messageSupplier));
    }

    public static void assertDoesNotThrow(Executable executable) {
        try {
            executable.execute();
        } catch (Throwable t) {
            throw unexpected(t, null);
        }
    }

    public static <T> T assertDoesNotThrow(ThrowingSupplier<T> supplier) {
        try {
            return supplier.get();
        } catch (Throwable t) {
            throw unexpected(t, null);
        }
    }

    public static <T> T assertInstanceOf(Class<T> expectedType, Object actualValue) {
        if (!expectedType.isInstance(actualValue)) {
            String reason = actualValue == null ? "Unexpected null value" : "Unexpected type";
            Object actualType = actualValue == null ? null : actualValue.getClass();
            throw new AssertionFailedError(prefix(null) + reason + ", " + formatValues(expectedType, actualType),
                    expectedType, actualType);
        }
        return expectedType.cast(actualValue);
    }

    public static void assertDoesNotThrow(Executable executable, String message) {
        try {
            executable.execute();
        } catch (Throwable t) {
            throw unexpected(t, message);
        }
    }

    public static <T> T assertDoesNotThrow(ThrowingSupplier<T> supplier, String message) {
        try {
            return supplier.get();
        } catch (Throwable t) {
            throw unexpected(t, message);
        }
    }

    public static <T> T assertInstanceOf(Class<T> expectedType, Object actualValue, String message) {
        if (!expectedType.isInstance(actualValue)) {
            String reason = actualValue == null ? "Unexpected null value" : "Unexpected type";
            Object actualType = actualValue == null ? null : actualValue.getClass();
            throw new AssertionFailedError(prefix(message) + reason + ", " + formatValues(expectedType, actualType),
                    expectedType, actualType);
        }
        return expectedType.cast(actualValue);
    }

    public static void assertDoesNotThrow(Executable executable, Supplier<String> messageSupplier) {
        try {
            executable.execute();
        } catch (Throwable t) {
            throw unexpected(t, text(messageSupplier));
        }
    }

    public static <T> T assertDoesNotThrow(ThrowingSupplier<T> supplier, Supplier<String> messageSupplier) {
        try {
            return supplier.get();
        } catch (Throwable t) {
            throw unexpected(t, text(messageSupplier));
        }
    }

    public static <T> T assertInstanceOf(Class<T> expectedType, Object actualValue, Supplier<String> messageSupplier) {
        if (!expectedType.isInstance(actualValue)) {
            String reason = actualValue == null ? "Unexpected null value" : "Unexpected type";
            Object actualType = actualValue == null ? null : actualValue.getClass();
            throw new AssertionFailedError(prefix(text(messageSupplier)) + reason + ", " + formatValues(expectedType, actualType),
                    expectedType, actualType);
        }
        return expectedType.cast(actualValue);
    }

    // ---- assertLinesMatch ----------------------------------------------------------------------------------

    public static void assertLinesMatch(List<String> expectedLines, List<String> actualLines) {
        lines(expectedLines, actualLines, null);
    }

    public static void assertLinesMatch(Stream<String> expectedLines, Stream<String> actualLines) {
        lines(expectedLines.collect(Collectors.toList()), actualLines.collect(Collectors.toList()), null);
    }

    public static void assertLinesMatch(List<String> expectedLines, List<String> actualLines, String message) {
        lines(expectedLines, actualLines, message);
    }

    public static void assertLinesMatch(Stream<String> expectedLines, Stream<String> actualLines, String message) {
        lines(expectedLines.collect(Collectors.toList()), actualLines.collect(Collectors.toList()), message);
    }

    public static void assertLinesMatch(List<String> expectedLines, List<String> actualLines, Supplier<String> messageSupplier) {
        lines(expectedLines, actualLines, text(messageSupplier));
    }

    public static void assertLinesMatch(Stream<String> expectedLines, Stream<String> actualLines, Supplier<String> messageSupplier) {
        lines(expectedLines.collect(Collectors.toList()), actualLines.collect(Collectors.toList()), text(messageSupplier));
    }

    // ---- assertTimeout / assertTimeoutPreemptively ----------------------------------------------------------

    public static void assertTimeout(Duration timeout, Executable executable) {
        timed(timeout, supplier(executable), null);
    }

    public static <T> T assertTimeout(Duration timeout, ThrowingSupplier<T> supplier) {
        return timed(timeout, supplier, null);
    }

    public static void assertTimeout(Duration timeout, Executable executable, String message) {
        timed(timeout, supplier(executable), message);
    }

    public static <T> T assertTimeout(Duration timeout, ThrowingSupplier<T> supplier, String message) {
        return timed(timeout, supplier, message);
    }

    public static void assertTimeout(Duration timeout, Executable executable, Supplier<String> messageSupplier) {
        timed(timeout, supplier(executable), text(messageSupplier));
    }

    public static <T> T assertTimeout(Duration timeout, ThrowingSupplier<T> supplier, Supplier<String> messageSupplier) {
        return timed(timeout, supplier, text(messageSupplier));
    }

    public static void assertTimeoutPreemptively(Duration timeout, Executable executable) {
        preemptively(timeout, supplier(executable), null);
    }

    public static <T> T assertTimeoutPreemptively(Duration timeout, ThrowingSupplier<T> supplier) {
        return preemptively(timeout, supplier, null);
    }

    public static void assertTimeoutPreemptively(Duration timeout, Executable executable, String message) {
        preemptively(timeout, supplier(executable), message);
    }

    public static <T> T assertTimeoutPreemptively(Duration timeout, ThrowingSupplier<T> supplier, String message) {
        return preemptively(timeout, supplier, message);
    }

    public static void assertTimeoutPreemptively(Duration timeout, Executable executable, Supplier<String> messageSupplier) {
        preemptively(timeout, supplier(executable), text(messageSupplier));
    }

    public static <T> T assertTimeoutPreemptively(Duration timeout, ThrowingSupplier<T> supplier, Supplier<String> messageSupplier) {
        return preemptively(timeout, supplier, text(messageSupplier));
    }

    public static void assertAll(Executable... executables) {
        all(null, Arrays.asList(executables));
    }

    public static void assertAll(String heading, Executable... executables) {
        all(heading, Arrays.asList(executables));
    }

    public static void assertAll(java.util.Collection<Executable> executables) {
        all(null, executables);
    }

    public static void assertAll(String heading, java.util.Collection<Executable> executables) {
        all(heading, executables);
    }

    public static void assertAll(Stream<Executable> executables) {
        all(null, executables.collect(Collectors.toList()));
    }

    public static void assertAll(String heading, Stream<Executable> executables) {
        all(heading, executables.collect(Collectors.toList()));
    }
}
