package org.junit.jupiter.api;

import java.util.function.Supplier;

import org.junit.jupiter.api.function.Executable;
import org.opentest4j.TestAbortedException;

/** JUnit 5's {@code Assumptions} (translate's check shim): a failed assumption skips the test. */
public final class Assumptions {
    private Assumptions() {
    }

    private static void abort(String message) {
        throw new TestAbortedException("Assumption failed: " + (message == null ? "assumption is not true" : message));
    }

    public static void assumeTrue(boolean assumption) {
        assumeTrue(assumption, (String) null);
    }

    public static void assumeTrue(boolean assumption, String message) {
        if (!assumption) {
            abort(message);
        }
    }

    public static void assumeTrue(boolean assumption, Supplier<String> messageSupplier) {
        if (!assumption) {
            abort(messageSupplier == null ? null : messageSupplier.get());
        }
    }

    public static void assumeFalse(boolean assumption) {
        assumeTrue(!assumption, (String) null);
    }

    public static void assumeFalse(boolean assumption, String message) {
        assumeTrue(!assumption, message);
    }

    public static void assumeFalse(boolean assumption, Supplier<String> messageSupplier) {
        assumeTrue(!assumption, messageSupplier);
    }

    public static void assumingThat(boolean assumption, Executable executable) {
        if (assumption) {
            try {
                executable.execute();
            } catch (Throwable t) {
                Assumptions.<RuntimeException>rethrow(t);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static <T extends Throwable> void rethrow(Throwable t) throws T {
        throw (T) t;  // as JUnit does: the executable's checked exception reaches the test unwrapped
    }
}
