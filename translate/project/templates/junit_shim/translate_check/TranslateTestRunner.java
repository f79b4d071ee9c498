package translate_check;

import java.io.PrintStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.MultipleFailuresError;
import org.opentest4j.TestAbortedException;

/**
 * Runs JUnit 5 test classes against translate's shim (translate.project.check_java reads its report).
 *
 * <p>{@code main} takes fully-qualified class names. Per class: its {@code @BeforeAll} methods once, then for each
 * {@code @Test} method (by name; {@code @Disabled} ones skipped) a new instance, its {@code @BeforeEach} methods
 * (superclass first), the test and its {@code @AfterEach} methods (always). Each test runs in its own thread with a
 * time limit ({@code -Dtranslate.testTimeoutMs}, default 20 s), so one endless test does not stop the others.
 * Stdout carries only the report: one line per test, {@code TRANSLATE-TEST {json}}, a class that cannot run as one
 * line with {@code "test": null}, and {@code TRANSLATE-TEST-DONE} last; the tests' own output goes to stderr.
 * Exit code 0 when every test passed, else 1.
 */
public final class TranslateTestRunner {
    private static final String PREFIX = "TRANSLATE-TEST ";
    private static final String[] HIDDEN = {"org.junit.", "org.opentest4j.", "translate_check.", "java.", "jdk.",
        "sun."};
    private static final int MAX_FRAMES = 20;
    private static final int MAX_MESSAGE = 2000;
    private static final long TIMEOUT_MS = Long.getLong("translate.testTimeoutMs", 20000L);
    private static PrintStream report = System.out;

    private TranslateTestRunner() {
    }

    public static void main(String[] args) {
        report = System.out;
        System.setOut(System.err);
        boolean ok = true;
        for (String name : args) {
            try {
                ok &= runClass(name);
            } catch (Throwable t) {
                classLine(name, t);
                ok = false;
            }
        }
        report.println("TRANSLATE-TEST-DONE");
        report.flush();
        System.err.flush();
        Runtime.getRuntime().halt(ok ? 0 : 1);  // no wait for a test's leftover threads or shutdown hooks
    }

    /** What one test did: its failure (null: passed), whether it was skipped, whether its instance was made. */
    private static final class Outcome {
        Throwable failure;
        boolean aborted;
        boolean created;
        StackTraceElement[] frames;
    }

    private static boolean runClass(String name) {
        Class<?> cls;
        try {
            cls = Class.forName(name, true, TranslateTestRunner.class.getClassLoader());
        } catch (ExceptionInInitializerError e) {
            classLine(name, e.getCause() != null ? e.getCause() : e);
            return false;
        } catch (Throwable t) {
            classLine(name, t);
            return false;
        }
        if (cls.isAnnotationPresent(Disabled.class)) {
            return true;
        }
        if (Modifier.isAbstract(cls.getModifiers()) || cls.isInterface()) {
            classLine(name, new InstantiationException("cannot instantiate abstract class " + name));
            return false;
        }
        Constructor<?> ctor;
        try {
            ctor = cls.getDeclaredConstructor();
            ctor.setAccessible(true);
        } catch (Throwable t) {
            classLine(name, t);
            return false;
        }
        List<Method> beforeAll = annotated(cls, BeforeAll.class, true);
        List<Method> afterAll = annotated(cls, AfterAll.class, false);
        List<Method> beforeEach = annotated(cls, BeforeEach.class, true);
        List<Method> afterEach = annotated(cls, AfterEach.class, false);
        for (Method m : beforeAll) {
            Throwable t = Modifier.isStatic(m.getModifiers()) ? call(null, m) : notStatic(m, "@BeforeAll");
            if (t != null) {
                classLine(name, t);
                return false;
            }
        }
        boolean ok = true;
        boolean first = true;
        for (Method test : tests(cls)) {
            if (test.isAnnotationPresent(Disabled.class)) {
                continue;
            }
            Outcome o = runTest(ctor, test, beforeEach, afterEach);
            if (first && !o.created && o.failure != null) {
                classLine(name, o.failure);  // the class cannot be instantiated: no test of it runs
                return false;
            }
            first = false;
            if (o.aborted) {
                continue;
            }
            line(name, test.getName(), o.failure, o.frames);
            ok &= o.failure == null;
        }
        for (Method m : afterAll) {
            Throwable t = Modifier.isStatic(m.getModifiers()) ? call(null, m) : notStatic(m, "@AfterAll");
            if (t != null) {
                classLine(name, t);
                ok = false;
            }
        }
        return ok;
    }

    private static Throwable notStatic(Method m, String kind) {
        return new IllegalStateException(kind + " method '" + m + "' must be static");
    }

    private static Outcome runTest(Constructor<?> ctor, Method test, List<Method> beforeEach, List<Method> afterEach) {
        Outcome o = new Outcome();
        Thread th = new Thread(() -> {
            Object instance;
            try {
                instance = ctor.newInstance();
            } catch (Throwable t) {
                o.failure = unwrap(t);
                return;
            }
            o.created = true;
            Throwable failure = null;
            try {
                for (Method m : beforeEach) {
                    invoke(instance, m);
                }
                if (test.getParameterCount() > 0) {
                    throw new IllegalArgumentException("No ParameterResolver registered for parameter [0] in method ["
                            + test + "]");
                }
                invoke(instance, test);
            } catch (Throwable t) {
                failure = t;
            } finally {
                for (Method m : afterEach) {
                    Throwable t = call(instance, m);
                    if (t != null && failure == null) {
                        failure = t;
                    } else if (t != null && failure != t) {
                        failure.addSuppressed(t);
                    }
                }
            }
            o.failure = failure;
        }, "translate-test-" + test.getName());
        th.setDaemon(true);
        th.start();
        try {
            th.join(TIMEOUT_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (th.isAlive()) {  // a fresh outcome: the test's thread may still write to its own
            Outcome late = new Outcome();
            late.frames = th.getStackTrace();
            String limit = TIMEOUT_MS % 1000 == 0 ? TIMEOUT_MS / 1000 + " seconds" : TIMEOUT_MS + " milliseconds";
            late.failure = new java.util.concurrent.TimeoutException(test.getName() + "() timed out after " + limit);
            late.created = true;
            th.interrupt();
            return late;
        }
        if (o.failure instanceof TestAbortedException) {
            o.aborted = true;
        }
        return o;
    }

    private static void invoke(Object instance, Method m) throws Throwable {
        try {
            m.invoke(Modifier.isStatic(m.getModifiers()) ? null : instance);
        } catch (InvocationTargetException e) {
            throw e.getCause() != null ? e.getCause() : e;
        }
    }

    private static Throwable call(Object instance, Method m) {
        try {
            invoke(instance, m);
            return null;
        } catch (Throwable t) {
            return t;
        }
    }

    private static Throwable unwrap(Throwable t) {
        while (t instanceof InvocationTargetException && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    private static String signature(Method m) {
        return m.getName() + Arrays.toString(m.getParameterTypes());
    }

    /** The classes from {@code cls} up to (not including) Object, {@code cls} first. */
    private static List<Class<?>> lineage(Class<?> cls) {
        List<Class<?>> out = new ArrayList<>();
        for (Class<?> c = cls; c != null && c != Object.class; c = c.getSuperclass()) {
            out.add(c);
        }
        return out;
    }

    /** The methods of {@code cls} and its superclasses annotated {@code kind} and not overridden below. */
    private static List<Method> annotated(Class<?> cls, Class<? extends Annotation> kind, boolean superFirst) {
        Set<String> seen = new HashSet<>();
        List<List<Method>> levels = new ArrayList<>();
        for (Class<?> c : lineage(cls)) {
            List<Method> level = new ArrayList<>();
            Method[] declared = c.getDeclaredMethods();
            Arrays.sort(declared, Comparator.comparing(Method::getName).thenComparing(TranslateTestRunner::signature));
            for (Method m : declared) {
                boolean hidden = !Modifier.isPrivate(m.getModifiers()) && seen.contains(signature(m));
                if (m.isAnnotationPresent(kind) && !hidden && !m.isSynthetic()) {
                    m.setAccessible(true);
                    level.add(m);
                }
            }
            for (Method m : declared) {
                if (!Modifier.isPrivate(m.getModifiers())) {
                    seen.add(signature(m));
                }
            }
            levels.add(level);
        }
        if (superFirst) {
            Collections.reverse(levels);
        }
        List<Method> out = new ArrayList<>();
        for (List<Method> level : levels) {
            out.addAll(level);
        }
        return out;
    }

    private static List<Method> tests(Class<?> cls) {
        List<Method> out = new ArrayList<>();
        for (Method m : annotated(cls, Test.class, true)) {
            if (!Modifier.isStatic(m.getModifiers())) {
                out.add(m);
            }
        }
        out.sort(Comparator.comparing(Method::getName).thenComparing(TranslateTestRunner::signature));
        return out;
    }

    // ---- the report --------------------------------------------------------------------------------------------

    private static void classLine(String cls, Throwable failure) {
        line(cls, null, unwrap(failure), null);
    }

    private static void line(String cls, String test, Throwable failure, StackTraceElement[] frames) {
        StringBuilder b = new StringBuilder(PREFIX).append('{');
        b.append("\"class\": ").append(quote(cls));
        b.append(", \"test\": ").append(test == null ? "null" : quote(test));
        b.append(", \"ok\": ").append(failure == null);
        if (failure != null) {
            String message = safeMessage(failure);
            String name = simpleName(failure);
            Throwable origin = failure;  // a static initializer's failure: its cause says what and where
            if (failure instanceof ExceptionInInitializerError && failure.getCause() != null) {
                origin = failure.getCause();
                String why = safeMessage(origin);
                message = simpleName(origin) + (why == null ? "" : ": " + why);
            }
            String first;
            if (failure instanceof AssertionFailedError) {
                first = message == null || message.trim().isEmpty() ? name : firstLine(message);
            } else {
                first = name + (message == null ? "" : ": " + firstLine(message));
            }
            b.append(", \"error\": ").append(quote(first));
            b.append(", \"name\": ").append(quote(name));
            if (message != null && message.contains("\n")) {
                String whole = message.length() > MAX_MESSAGE ? message.substring(0, MAX_MESSAGE) : message;
                b.append(", \"message\": ").append(quote(whole));
            }
            if (failure instanceof AssertionFailedError && ((AssertionFailedError) failure).isExpectedDefined()) {
                AssertionFailedError afe = (AssertionFailedError) failure;
                b.append(", \"expected\": ").append(quote(afe.getExpected().getStringRepresentation()));
                b.append(", \"actual\": ").append(quote(afe.getActual().getStringRepresentation()));
            }
            StackTraceElement[] stack = frames;
            if (stack == null && failure instanceof MultipleFailuresError
                    && !((MultipleFailuresError) failure).getFailures().isEmpty()) {
                stack = ((MultipleFailuresError) failure).getFailures().get(0).getStackTrace();
            }
            b.append(", \"stack\": ").append(quote(stack(stack != null ? stack : origin.getStackTrace())));
        }
        b.append('}');
        report.println(b);
        report.flush();
    }

    private static String simpleName(Throwable t) {
        String name = t.getClass().getSimpleName();
        return name.isEmpty() ? t.getClass().getName() : name;
    }

    private static String safeMessage(Throwable t) {
        try {
            return t.getMessage();
        } catch (Throwable e) {
            return "<getMessage() threw " + e.getClass().getName() + ">";
        }
    }

    private static String firstLine(String s) {
        int i = s.indexOf('\n');
        return (i < 0 ? s : s.substring(0, i)).replace("\r", "");
    }

    private static String stack(StackTraceElement[] frames) {
        StringBuilder b = new StringBuilder();
        int n = 0;
        for (StackTraceElement f : frames) {
            String cls = f.getClassName();
            boolean hidden = false;
            for (String p : HIDDEN) {
                hidden |= cls.startsWith(p);
            }
            if (hidden) {
                continue;
            }
            if (n++ == MAX_FRAMES) {
                break;
            }
            b.append(n > 1 ? "\n" : "").append(cls).append('.').append(f.getMethodName()).append('(');
            b.append(f.getFileName() != null ? f.getFileName() : "Unknown Source");
            b.append(f.getLineNumber() >= 0 ? ":" + f.getLineNumber() : "").append(')');
        }
        return b.toString();
    }

    /** A JSON string, escaped by hand (ASCII only: every other character as a \\u escape). */
    static String quote(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"':
                    b.append("\\\"");
                    break;
                case '\\':
                    b.append("\\\\");
                    break;
                case '\n':
                    b.append("\\n");
                    break;
                case '\r':
                    b.append("\\r");
                    break;
                case '\t':
                    b.append("\\t");
                    break;
                default:
                    if (c < 0x20 || c > 0x7e) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
            }
        }
        return b.append('"').toString();
    }
}
